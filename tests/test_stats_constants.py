"""Tests of the numbers that do not come from the responses: design constants and cited context."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from csec_survey.core.published import read_published_values
from csec_survey.stats.constants import design_numbers, external_numbers, response_rate

ROOT = Path(__file__).resolve().parents[1]
TRAIL = {"rule": "r", "script": "workflow/scripts/s.py", "inputs": {"config/config.yaml": "0" * 64}}
EXTERNAL = ROOT / "data" / "external" / "context_statistics.csv"
HEADER = "id,quantity,value,unit,citation,note\n"


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures():
    return {f.value_id: f for f in read_published_values(ROOT / "data/published/figures.csv")}


@pytest.fixture(scope="module")
def design(config):
    return {number.id: number for number in design_numbers(config["design"], TRAIL)}


@pytest.fixture(scope="module")
def external(config):
    return {number.id: number for number in external_numbers(ROOT / config["external_context"],
                                                              TRAIL)}


@pytest.fixture(scope="module")
def bib_keys():
    text = (ROOT / "paper" / "references.bib").read_text(encoding="utf-8")
    return set(re.findall(r"^@\w+\{([^,\s]+),", text, flags=re.MULTILINE))


# --- design constants -----------------------------------------------------------

def test_design_numbers_are_exactly_the_design_rows(design, figures):
    rows = {fid for fid, figure in figures.items() if figure.kind == "design"}
    assert set(design) == rows


def test_design_values_match_the_published_values(design, figures):
    for number_id, number in design.items():
        assert str(number.value) == figures[number_id].value, number_id
        assert number.kind == "design"
        assert number.quantity
        assert number.rule == "r" and number.inputs == TRAIL["inputs"]


def test_fieldwork_months(design):
    start, end = design["method.fieldwork_start"], design["method.fieldwork_end"]
    assert (start.value, start.display) == ("2012-11", "November 2012")
    assert (end.value, end.display) == ("2012-12", "December 2012")


@pytest.mark.parametrize(("number_id", "value", "display"), [
    ("method.taskforce_commanders_invited", 61, "61"),
    ("method.affiliate_contacts_invited", 3739, "3,739"),
    ("method.agencies_invited", 3800, "3,800"),
    ("method.target_respondents", 150, "150"),
    ("method.reminder_weeks", 2, "2"),
])
def test_design_counts(design, number_id, value, display):
    number = design[number_id]
    assert number.value == value and isinstance(number.value, int)
    assert number.display == display


def test_agencies_invited_is_the_sum_it_names(design):
    total = design["method.agencies_invited"]
    parts = total.details["sum_of"]
    assert parts == ["method.taskforce_commanders_invited", "method.affiliate_contacts_invited"]
    assert total.value == sum(design[part].value for part in parts) == 3800


def test_design_numbers_follow_the_config(config):
    changed = {**config["design"], "taskforce_commanders_invited": 62, "fieldwork_end": "2013-01"}
    numbers = {n.id: n for n in design_numbers(changed, TRAIL)}
    assert numbers["method.agencies_invited"].value == 62 + 3739
    assert numbers["method.fieldwork_end"].display == "January 2013"


def test_design_json_keeps_sum_of(design):
    data = design["method.agencies_invited"].as_json()
    assert data["details"] == {"sum_of": ["method.taskforce_commanders_invited",
                                          "method.affiliate_contacts_invited"]}
    assert "citation" not in data


# --- external context -----------------------------------------------------------

def test_external_numbers_are_exactly_the_external_rows(external, figures):
    rows = {fid for fid, figure in figures.items() if figure.kind == "external"}
    assert set(external) == rows


def test_external_numbers_carry_their_citation_keys(external, figures):
    with EXTERNAL.open(encoding="utf-8", newline="") as handle:
        table = {row["id"]: row for row in csv.DictReader(handle)}
    for number_id, number in external.items():
        assert number.kind == "external"
        assert number.citation == table[number_id]["citation"] == figures[number_id].citation
        assert number.as_json()["citation"] == number.citation
        assert str(number.value) == figures[number_id].value
        assert number.details == {"note": table[number_id]["note"]}


def test_every_citation_key_is_in_the_bibliography(external, figures, bib_keys):
    assert "madden2013" in bib_keys  # the parse of the .bib works
    cited = {number.citation for number in external.values()}
    cited |= {figure.citation for figure in figures.values() if figure.citation}
    assert not cited - bib_keys


@pytest.mark.parametrize(("number_id", "display"), [
    ("ext.youth_internet", "95%"), ("ext.victim_past_year", "2%"), ("ext.ncvs_year", "2009"),
])
def test_external_display_follows_the_unit(external, number_id, display):
    assert external[number_id].display == display


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "context.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_without_citation_is_refused_naming_file_and_line(tmp_path):
    path = _write(tmp_path, HEADER + "ext.a,thing,5,percent,madden2013,ok\n"
                  "ext.b,other thing,7,percent,,no key\n")
    with pytest.raises(ValueError) as error:
        external_numbers(path, TRAIL)
    message = str(error.value)
    assert str(path) in message
    assert "line 3" in message
    assert "ext.b" in message


@pytest.mark.parametrize("header", [
    "id,quantity,value,unit,note\n",                       # no citation column
    "id,quantity,value,unit,source,note\n",                # renamed
    "quantity,id,value,unit,citation,note\n",              # reordered
    "id,quantity,value,unit,citation,note,extra\n",        # an extra column
])
def test_wrong_columns_are_refused_naming_the_file(tmp_path, header):
    path = _write(tmp_path, header + "ext.a,thing,5,percent,madden2013,ok\n")
    with pytest.raises(ValueError) as error:
        external_numbers(path, TRAIL)
    assert str(path) in str(error.value)


def test_a_value_that_is_not_a_whole_number_is_refused_naming_file_and_line(tmp_path):
    path = _write(tmp_path, HEADER + "ext.a,thing,2.5,percent,madden2013,ok\n")
    with pytest.raises(ValueError) as error:
        external_numbers(path, TRAIL)
    assert str(path) in str(error.value) and "line 2" in str(error.value)


def test_an_empty_table_gives_no_numbers(tmp_path):
    assert external_numbers(_write(tmp_path, HEADER), TRAIL) == []


def test_the_response_rate_is_complete_responses_per_agency_invited():
    design = {"taskforce_commanders_invited": 61, "affiliate_contacts_invited": 3739}
    number = response_rate(144, design, TRAIL)
    assert (number.id, number.numerator, number.denominator, number.display) == \
        ("resp.response_rate", 144, 3800, "4%")
    assert "3,800 agencies" in number.base
    assert response_rate(380, design, TRAIL).display == "10%"  # it moves with the data


def test_the_build_is_dated_by_its_commit_and_says_when_the_tree_had_changes():
    from csec_survey.stats.constants import build_numbers

    date, commit = build_numbers({"commit": "61df200", "epoch": 1764629916, "clean": True},
                                 "render_paper", "workflow/scripts/render_paper.py")
    assert (date.id, date.display, date.value) == ("build.date", "1 December 2025",
                                                   "2025-12-01")
    assert (commit.id, commit.display) == ("build.commit", "61df200")
    assert commit.inputs == {"git HEAD": "61df200"}
    _, dirty = build_numbers({"commit": "61df200", "epoch": 0, "clean": False}, "r", "s")
    assert dirty.display == "61df200 with changes not yet committed"
