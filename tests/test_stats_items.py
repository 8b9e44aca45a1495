"""Tests of the item statistics table, the Wilson interval and the base sentences."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from csec_survey.core.codebook import PublishedStatistic, population_mask
from csec_survey.core.lineage import file_sha256
from csec_survey.stats import items
from csec_survey.stats.items import (
    INTERVAL_LEVEL,
    Evaluated,
    base_sentence,
    evaluate,
    interval_level_number,
    item_statistics,
    wilson_interval,
)

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["item", "type", "asked_of", "asked", "answer", "label", "numerator", "denominator",
           "share", "wilson_low", "wilson_high", "value"]
NUMERIC_SUMMARY = ["answered", "mean", "median", "min", "max"]


@pytest.fixture(scope="module")
def table(instrument, responses):
    return item_statistics(instrument, responses)


def _rows(table: pd.DataFrame, item: str) -> pd.DataFrame:
    return table[table["item"] == item].set_index("answer")


# --- Wilson interval ---------------------------------------------------------------------

@pytest.mark.parametrize(("successes", "trials", "low", "high"), [
    (0, 10, 0.0, 0.27753),
    (10, 10, 0.72247, 1.0),
    (5, 10, 0.23659, 0.76341),
    (31, 45, 0.54335, 0.80471),
    (1, 2, 0.09453, 0.90547),
    (0, 1, 0.0, 0.79346),
])
def test_wilson_interval_known_values(successes, trials, low, high):
    result = wilson_interval(successes, trials)
    assert result == pytest.approx((low, high), abs=5e-5)


def test_wilson_interval_zero_of_n_has_closed_form_upper_bound():
    z = 1.959963984540054
    for trials in (1, 10, 45, 144):
        assert wilson_interval(0, trials)[0] == pytest.approx(0.0, abs=1e-12)
        assert wilson_interval(0, trials)[1] == pytest.approx(z * z / (trials + z * z))
        assert wilson_interval(trials, trials)[1] == pytest.approx(1.0, abs=1e-12)
        assert wilson_interval(trials, trials)[0] == pytest.approx(trials / (trials + z * z))


def test_wilson_interval_endpoints_are_exact():
    for trials in range(1, 145):
        assert wilson_interval(0, trials)[0] == 0.0, trials
        assert wilson_interval(trials, trials)[1] == 1.0, trials


def test_wilson_interval_is_symmetric_and_contains_the_share():
    for trials in (1, 7, 45, 133, 144):
        for successes in range(trials + 1):
            low, high = wilson_interval(successes, trials)
            share = successes / trials
            assert 0.0 <= low <= high <= 1.0
            assert low - 1e-12 <= share <= high + 1e-12
            mirror_low, mirror_high = wilson_interval(trials - successes, trials)
            assert low == pytest.approx(1 - mirror_high, abs=1e-12)
            assert high == pytest.approx(1 - mirror_low, abs=1e-12)


def test_wilson_interval_narrows_with_more_trials():
    small = wilson_interval(5, 10)
    large = wilson_interval(50, 100)
    assert large[1] - large[0] < small[1] - small[0]


def test_wilson_interval_without_trials_is_uninformative():
    assert wilson_interval(0, 0) == (0.0, 1.0)


def test_wilson_interval_with_another_z():
    low, high = wilson_interval(5, 10, z=1.0)
    assert (low, high) == pytest.approx((0.5 - math.sqrt(0.025 + 1 / 400) / 1.1,
                                         0.5 + math.sqrt(0.025 + 1 / 400) / 1.1))


# --- item statistics -----------------------------------------------------------------------

def test_table_columns(table):
    assert list(table.columns) == COLUMNS


def test_every_closed_item_and_option_has_a_row(instrument, table):
    expected = []
    for item in instrument.items:
        if item.type == "single":
            expected += [(item.id, str(option.code)) for option in item.options]
        elif item.type == "multi":
            expected += [(item.id, option.key) for option in item.options]
        elif item.type == "numeric":
            expected += [(item.id, name) for name in NUMERIC_SUMMARY]
    assert list(zip(table["item"], table["answer"], strict=True)) == expected


def test_text_items_are_left_out(instrument, table):
    text_items = {item.id for item in instrument.items if item.type == "text"}
    assert text_items
    assert not text_items & set(table["item"])


def test_rows_describe_their_item(instrument, table):
    for row in table.itertuples():
        item = instrument.item(row.item)
        assert (row.type, row.asked_of) == (item.type, item.asked_of)
        if item.type != "numeric":
            assert row.label == item.option(
                int(row.answer) if item.type == "single" else row.answer).label


def test_shares_are_numerator_over_denominator(table):
    shares = table[table["type"] != "numeric"]
    assert len(shares) > 100
    for row in shares.itertuples():
        assert 0 <= row.numerator <= row.denominator <= row.asked
        assert row.share == pytest.approx(row.numerator / row.denominator)
        low, high = wilson_interval(int(row.numerator), int(row.denominator))
        assert (row.wilson_low, row.wilson_high) == pytest.approx((low, high))
        assert row.wilson_low - 1e-12 <= row.share <= row.wilson_high + 1e-12


def test_asked_follows_skip_logic(instrument, responses, table):
    for item_id, population in (("agency_type", "all"), ("unit", "in_unit"),
                                ("cac_freq", "cac"), ("victim_sex", "csec"),
                                ("help_ways", "help_seen")):
        asked = int(population_mask(instrument, population, responses).sum())
        assert set(_rows(table, item_id)["asked"]) == {asked}
    assert set(_rows(table, "victim_sex")["asked"]) == {45}
    assert set(_rows(table, "cac_freq")["asked"]) == {133}


def test_denominators_are_item_respondents(instrument, responses, table):
    victim_sex = _rows(table, "victim_sex")
    assert set(victim_sex["denominator"]) == {44}
    asked = population_mask(instrument, "csec", responses)
    assert int(responses.loc[asked, "victim_sex"].notna().sum()) == 44
    # "not sure" is an answer: it is in the denominator and has its own row
    assert victim_sex.loc["4", "label"] == "Not sure"
    assert victim_sex["numerator"].sum() == 44
    for item in instrument.items:
        if item.type != "single":
            continue
        rows = _rows(table, item.id)
        answered = int(responses.loc[population_mask(instrument, item.asked_of, responses),
                                     item.id].notna().sum())
        assert set(rows["denominator"]) == {answered}, item.id
        assert rows["numerator"].sum() == answered, item.id


def test_single_counts_match_the_responses(instrument, responses, table):
    asked = population_mask(instrument, "csec", responses)
    girls = int((responses.loc[asked, "victim_sex"] == 1).sum())
    assert _rows(table, "victim_sex").loc["1", "numerator"] == girls == 34


def test_multi_select_options_each_have_their_own_row(instrument, responses, table):
    for item in instrument.items:
        if item.type != "multi":
            continue
        rows = _rows(table, item.id)
        assert list(rows.index) == [option.key for option in item.options]
        asked = responses[population_mask(instrument, item.asked_of, responses)]
        ticks = asked[[item.variable(option) for option in item.options]]
        answered = ticks.notna().all(axis=1)
        assert set(rows["denominator"]) == {int(answered.sum())}, item.id
        for option in item.options:
            ticked = int(ticks.loc[answered, item.variable(option)].sum())
            assert rows.loc[option.key, "numerator"] == ticked, (item.id, option.key)
    # ticks can overlap: the shares of a multi-select item need not sum to one
    assert _rows(table, "unit")["share"].sum() > 1


def test_multi_rows_agree_with_published_statistics(instrument, responses, table):
    obstacles = _rows(table, "obstacles")
    result = evaluate(instrument, instrument.published["obst.money"], responses)
    assert (obstacles.loc["money", "numerator"], obstacles.loc["money", "denominator"]) == \
        (result.numerator, result.denominator)


def test_numeric_items_report_summaries(instrument, responses, table):
    rows = _rows(table, "cac_years")
    assert list(rows.index) == NUMERIC_SUMMARY
    assert rows["numerator"].isna().all() and rows["share"].isna().all()
    asked = population_mask(instrument, "cac", responses)
    years = responses.loc[asked, "cac_years"].dropna().astype(float)
    assert rows.loc["answered", "value"] == len(years) == 133
    assert rows.loc["mean", "value"] == pytest.approx(years.mean())
    assert rows.loc["median", "value"] == pytest.approx(years.median())
    assert rows.loc["min", "value"] == years.min()
    assert rows.loc["max", "value"] == years.max()
    low, high = instrument.item("cac_years").range
    assert low <= rows.loc["min", "value"] <= rows.loc["mean", "value"] <= \
        rows.loc["max", "value"] <= high


def test_choice_rows_have_no_value(table):
    assert table.loc[table["type"] != "numeric", "value"].isna().all()


def test_item_without_respondents_has_no_share(instrument, responses):
    nobody = responses.copy()
    nobody["victim_sex"] = pd.array([pd.NA] * len(nobody), dtype="Int64")
    rows = _rows(item_statistics(instrument, nobody), "victim_sex")
    assert set(rows["denominator"]) == {0}
    assert rows["share"].isna().all()
    assert set(rows["wilson_low"]) == {0.0} and set(rows["wilson_high"]) == {1.0}


# --- base sentences ------------------------------------------------------------------------

def _sentence(instrument, responses, value_id):
    statistic = instrument.published[value_id]
    return base_sentence(instrument, statistic, evaluate(instrument, statistic, responses))


def test_base_of_a_share_of_item_respondents(instrument, responses):
    assert _sentence(instrument, responses, "victim.mostly_girls") == (
        "share of the 44 respondents who had investigated a child sex trafficking case "
        "and answered the question")
    assert _sentence(instrument, responses, "cac.freq_all_time") == (
        "share of the 133 respondents who had investigated crimes against children "
        "and answered the question")


def test_base_of_a_share_of_everyone_asked(instrument, responses):
    assert _sentence(instrument, responses, "demo.male") == \
        "share of the 144 respondents who answered the question"


def test_base_of_a_population_share(instrument, responses):
    assert _sentence(instrument, responses, "unit.cac") == "share of all 144 respondents"
    assert _sentence(instrument, responses, "help.contact") == "share of all 144 respondents"


def test_base_of_a_share_of_a_sub_population(instrument):
    statistic = PublishedStatistic(value_id="x.under3", statistic="share", item="victim_ages",
                                   options=("under3",), of="csec", denominator="population")
    assert base_sentence(instrument, statistic, Evaluated(3, 45)) == (
        "share of all 45 respondents who had investigated a child sex trafficking case")


def test_base_of_a_count(instrument, responses):
    assert _sentence(instrument, responses, "resp.taskforce") == "count among all respondents"
    assert _sentence(instrument, responses, "csec.ever_n") == "count among all respondents"


def test_base_of_the_respondents(instrument, responses):
    sentence = _sentence(instrument, responses, "resp.total")
    assert sentence.startswith("all 144 ")
    assert sentence.endswith(" after exclusions")


def test_base_of_the_respondents_reads_well(instrument, responses):
    assert _sentence(instrument, responses, "resp.total") == \
        "all 144 respondents after exclusions"


def test_the_interval_level_is_a_registry_number_traced_to_its_module():
    number = interval_level_number("compute_statistics", "workflow/scripts/compute_statistics.py")
    assert (number.id, number.value, number.display, number.kind) == \
        ("stats.interval_level", 95, "95%", "method")
    assert number.inputs == {"workflow/csec_survey/stats/items.py": file_sha256(items.__file__)}
    # The level printed is the level computed: a 95% Wilson interval's z.
    assert INTERVAL_LEVEL == 95
    low, high = wilson_interval(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)
