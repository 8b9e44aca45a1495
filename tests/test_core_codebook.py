from pathlib import Path

import pytest
import yaml

from csec_survey.core.codebook import InstrumentError, load_instrument
from csec_survey.core.published import read_published_values

ROOT = Path(__file__).resolve().parents[1]
INSTRUMENT = ROOT / "config" / "instrument.yaml"


def test_every_published_survey_row_is_mapped(instrument):
    figures = read_published_values(ROOT / "data" / "published" / "figures.csv")
    survey = [figure.value_id for figure in figures if figure.kind == "survey"]
    assert len(survey) == 75
    assert instrument.unmapped(survey) == []
    assert set(instrument.published) == set(survey)


def test_published_copy_matches_the_shared_record():
    shared = ROOT.parent / "shared" / "published" / "figures.csv"
    if not shared.exists():
        pytest.skip("no shared/ folder beside this checkout")
    assert (ROOT / "data" / "published" / "figures.csv").read_bytes() == shared.read_bytes()


def test_unmapped_rows_are_reported(instrument):
    assert instrument.unmapped(["juris.small", "juris.tiny"]) == ["juris.tiny"]


def test_skip_logic(instrument):
    asked = {item.id: item.asked_of for item in instrument.items}
    assert asked["cac_freq"] == asked["cac_years"] == "cac"
    assert asked["csec_years"] == asked["tech_share"] == asked["oe_after_ad"] == "csec"
    assert asked["oe_concerns"] == asked["oe_needs"] == asked["oe_practices"] == "all"
    assert instrument.population("csec").item == "csec_ever"


def test_open_questions_of_the_brief_are_present(instrument):
    text_items = [item.id for item in instrument.items if item.type == "text"]
    assert text_items == ["oe_dynamics", "oe_unique", "oe_recognise_ad", "oe_after_ad",
                          "oe_concerns", "oe_needs", "oe_practices"]


def test_items_offer_not_sure_where_the_report_counts_it(instrument):
    for item_id in ("victim_sex", "niche_differ", "code_seen"):
        assert "Not sure" in [option.label for option in instrument.item(item_id).options]


def test_export_columns_follow_qualtrics_naming(instrument):
    columns = {column.name: column for column in instrument.export_columns()}
    assert columns["Q6_2"].import_id == {"ImportId": "QID6", "choiceId": "2"}
    assert columns["Q6_4_TEXT"].variable == "unit.other_text"
    assert columns["Q14_1"].import_id == {"ImportId": "QID14_1"}
    assert columns["Q32"].import_id == {"ImportId": "QID32_TEXT"}
    assert columns["Q1"].variable == "agency_type"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw["items"][1].update(column="Q1"), "column 'Q1' used twice"),
        (lambda raw: raw["items"][0].update(asked_of="nobody"), "unknown population 'nobody'"),
        (lambda raw: raw["items"][0].update(type="matrix"), "type must be one of"),
        (lambda raw: raw["published"]["juris.small"].update(codes=[9]),
         "codes [9] are not codes of 'juris_size'"),
        (lambda raw: raw["published"]["unit.cac"].update(options=["swat"]),
         "options ['swat'] are not options of 'unit'"),
        (lambda raw: raw["published"]["resp.taskforce"].update(statistic="median"),
         "statistic must be one of"),
        (lambda raw: raw["items"].insert(0, raw["items"].pop(8)),
         "whose defining item 'cac_ever' does not come before it"),
    ],
)
def test_a_malformed_codebook_is_refused_with_the_reason(tmp_path, change, message):
    raw = yaml.safe_load(INSTRUMENT.read_text(encoding="utf-8"))
    change(raw)
    path = tmp_path / "instrument.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(InstrumentError) as error:
        load_instrument(path)
    assert message in str(error.value)


def test_an_unreadable_codebook_is_refused(tmp_path):
    path = tmp_path / "instrument.yaml"
    path.write_text("items: [", encoding="utf-8")
    with pytest.raises(InstrumentError, match="cannot read the instrument"):
        load_instrument(path)


def test_printed_numbers_are_the_codebooks_labels_wording_and_ranges(instrument):
    numbers = instrument.printed_numbers()
    # labels ("25,000 or fewer", "More than 100,000"), wording ("under 18") and the
    # published statistics' ranges (years of experience from 21).
    assert {25_000.0, 25_001.0, 100_000.0, 18.0, 21.0, 11.0, 20.0, 5.0} <= numbers
    # Answer codes and column names are not printed.
    assert 9999.0 not in numbers and 72.0 not in numbers
