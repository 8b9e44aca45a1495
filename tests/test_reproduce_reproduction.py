"""Tests of the reproduction report: published against rebuilt, row by row."""

from __future__ import annotations

import csv
import io
import itertools
from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from conftest import registry_fragments

from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.reproduce.reproduction import (
    COPIED,
    STATUSES,
    reproduction_rows,
    rows_to_csv,
    summarise,
)
from csec_survey.stats.registry import merge_fragments

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = 144
REPRODUCED, ANOTHER_BASE, CANNOT_HOLD, NOT_REPRODUCED = STATUSES


@pytest.fixture(scope="module")
def config():
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def instrument(config):
    return load_instrument(ROOT / config["instrument"])


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return merge_fragments(registry_fragments(tmp_path_factory.mktemp("registry")))


@pytest.fixture(scope="module")
def figures(config):
    return read_published_values(ROOT / config["published_figures"])


@pytest.fixture(scope="module")
def rows(figures, registry, instrument):
    return reproduction_rows(figures, registry, instrument, SAMPLE)


@pytest.fixture(scope="module")
def by_id(rows):
    return {row["id"]: row for row in rows}


# --- an independent GRIM-style computation -----------------------------------------

def _prints_as(count: int, base: int) -> int:
    """100 * count / base rounded half up, in integers: floor((200 count + base) / 2 base)."""
    return (200 * count + base) // (2 * base)


def _brute_counts(value: int, base: int) -> list[int]:
    return [k for k in range(base + 1) if _prints_as(k, base) == value]


def _brute_bases(value: int, largest: int) -> list[int]:
    return [n for n in range(1, largest + 1) if _brute_counts(value, n)]


def _expand(ranges: str) -> list[int]:
    """``"1-3, 7"`` as ``[1, 2, 3, 7]``; ``"none"`` as ``[]``."""
    if ranges == "none":
        return []
    numbers: list[int] = []
    for part in ranges.split(", "):
        low, _, high = part.partition("-")
        numbers.extend(range(int(low), int(high or low) + 1))
    return numbers


def test_the_independent_rounding_agrees_with_fractions():
    for base in range(1, 60):
        for count in range(base + 1):
            exact = Fraction(100 * count, base)
            assert _prints_as(count, base) == int(exact + Fraction(1, 2)), (count, base)
    assert _prints_as(137, 200) == 69 and _prints_as(57, 200) == 29
    assert _expand("1-3, 7, 9-10") == [1, 2, 3, 7, 9, 10]


# --- shape ------------------------------------------------------------------------

def test_one_row_per_published_figure_in_order(rows, figures):
    assert [row["id"] for row in rows] == [figure.value_id for figure in figures]
    assert len(rows) == 89


def test_rows_carry_the_published_record(rows, figures):
    for row, figure in zip(rows, figures, strict=True):
        assert row["published"] == figure.value
        assert (row["section"], row["quantity"], row["kind"], row["unit"]) == \
            (figure.section, figure.quantity, figure.kind, figure.unit)
        assert row["base_published"] == figure.base_as_published


def test_every_row_has_a_status(rows):
    for row in rows:
        assert row["status"] in (*STATUSES, COPIED), row["id"]


def test_nothing_is_unreproducible_on_the_synthetic_data(rows):
    assert [row["id"] for row in rows if row["status"] == NOT_REPRODUCED] == []


def _rebuilt_prints_as_published(row: dict) -> bool:
    if row["unit"] == "month":
        year, month = (int(part) for part in row["published"].split("-"))
        return row["rebuilt"] == date(year, month, 1).strftime("%B %Y")
    if row["unit"] == "percent":
        return row["rebuilt"] == f"{row['published']}%"
    return row["rebuilt"].replace(",", "") == row["published"]


def test_every_reproducible_row_prints_as_published(rows):
    for row in rows:
        if row["status"] != NOT_REPRODUCED:
            assert _rebuilt_prints_as_published(row), (row["id"], row["rebuilt"],
                                                       row["published"])


def test_rebuilt_shares_are_their_numerator_over_denominator(rows, registry):
    for row in rows:
        entry = registry[row["id"]]
        assert row["rebuilt"] == entry["display"]
        if row["unit"] == "percent" and row["kind"] == "survey":
            assert (row["numerator"], row["denominator"]) == \
                (entry["numerator"], entry["denominator"])
            assert _prints_as(row["numerator"], row["denominator"]) == int(row["published"])
            assert row["base_rebuilt"] == entry["base"]


# --- statuses -----------------------------------------------------------------------

@pytest.mark.parametrize("value_id", ["juris.small", "juris.medium", "juris.large"])
def test_juris_shares_cannot_all_hold(by_id, value_id):
    row = by_id[value_id]
    assert row["status"] == CANNOT_HOLD
    assert "cannot all hold for 144" in row["note"]
    # each share is possible alone; it is their sum that fails
    assert row["counts_at_published_base"] not in ("", "none")


def test_juris_shares_really_cannot_add_up(figures):
    shares = [int(f.value) for f in figures if f.value_id.startswith("juris.")]
    assert sum(shares) == 101
    options = [_brute_counts(share, SAMPLE) for share in shares]
    assert all(options)
    assert sum(min(o) for o in options) > SAMPLE


def test_mostly_girls_cannot_be_a_whole_count_of_45(by_id):
    row = by_id["victim.mostly_girls"]
    assert _brute_counts(77, 45) == []
    assert row["status"] == CANNOT_HOLD
    assert row["counts_at_published_base"] == "none"
    assert "No whole count out of 45 gives 77%" in row["note"]
    # and what the rebuilt data give instead, in words
    assert "Rebuilt: 34 of the 44 answered gives 77%." in row["note"]


def test_every_inconsistent_row_says_why(rows):
    for row in rows:
        if row["status"] == CANNOT_HOLD:
            assert row["kind"] == "survey" and row["unit"] == "percent"
            assert row["note"].startswith(("No whole count out of",
                                           "The published shares of this question")), row["id"]


def test_single_inconsistent_rows_have_no_count_at_the_stated_base(rows, figures):
    stated = {f.value_id: f.base_n_as_published for f in figures}
    for row in rows:
        if row["status"] == CANNOT_HOLD and not row["id"].startswith("juris."):
            assert _brute_counts(int(row["published"]), stated[row["id"]]) == [], row["id"]


@pytest.mark.parametrize("prefix", ["unit.", "help.", "opp.", "obst."])
def test_unclear_bases_are_reproduced_on_a_documented_base(rows, instrument, prefix):
    chosen = [row for row in rows if row["id"].startswith(prefix) and row["id"] != "unit.any"]
    assert chosen
    for row in chosen:
        assert row["status"] == ANOTHER_BASE, row["id"]
        base_choice = instrument.published[row["id"]].base_choice
        assert base_choice, row["id"]
        assert base_choice in row["note"], row["id"]


def test_unit_any_has_a_stated_base_and_is_reproduced(by_id):
    assert by_id["unit.any"]["status"] == REPRODUCED


def test_design_and_external_rows_are_inputs_copied_from_the_report(rows, registry):
    others = [row for row in rows if row["kind"] in ("design", "external")]
    assert len(others) == 14
    assert [row for row in rows if row["status"] == COPIED] == others
    for row in others:
        assert row["counts_at_published_base"] == "" and row["bases_that_could_give_it"] == ""
        if row["kind"] == "design":
            assert row["note"].startswith("A design constant of the survey, taken from the "
                                          "report")
        else:
            assert f"Cited from {registry[row['id']]['citation']}, another study" in row["note"]


def test_external_notes_name_the_registry_citation(by_id, registry):
    row = by_id["ext.youth_internet"]
    assert f"Cited from {registry['ext.youth_internet']['citation']}" in row["note"]


def test_documented_base_rows_differ_from_or_lack_a_stated_base(rows, figures):
    stated = {f.value_id: f.base_n_as_published for f in figures}
    for row in rows:
        if row["status"] == ANOTHER_BASE:
            assert stated[row["id"]] is None or stated[row["id"]] != row["denominator"], row["id"]
        if row["status"] == REPRODUCED and row["unit"] == "percent" and row["kind"] == "survey":
            assert stated[row["id"]] == row["denominator"], row["id"]


def test_notes_say_what_the_rebuilt_data_give(by_id):
    row = by_id["victim.mostly_boys"]
    assert row["status"] == ANOTHER_BASE
    assert row["note"].startswith("The report states 45; 1 of the 44 answered gives 2%.")
    assert by_id["help.any"]["note"].startswith("Base not stated; ")
    assert by_id["tech.most_cases"]["note"] == "31 of the 45 answered gives 69%."


def test_notes_follow_the_data_not_a_plan(figures, registry, instrument, by_id):
    """A note is computed from the registry it is given: edit the data, the note moves."""
    entry = registry["victim.mostly_boys"]
    changed = {**registry, "victim.mostly_boys": {**entry, "numerator": 2, "denominator": 88}}
    row = next(r for r in reproduction_rows(figures, changed, instrument, SAMPLE)
               if r["id"] == "victim.mostly_boys")
    assert "2 of the 88 answered gives 2%" in row["note"]
    assert row["note"] != by_id["victim.mostly_boys"]["note"]


def test_no_note_is_copied_from_the_calibration_record(rows, instrument):
    """The generator's plan is not read; the codebook's own reading of a base is."""
    calibration = (ROOT / "data" / "raw" / "synthetic_export.calibration.json").read_text(
        encoding="utf-8")
    codebook = " ".join(" ".join(statistic.base_choice.split())
                        for statistic in instrument.published.values() if statistic.base_choice)
    for row in rows:
        for sentence in row["note"].split(". "):
            if len(sentence) > 40 and sentence.rstrip(".") not in codebook:
                assert sentence.rstrip(".") not in calibration, row["id"]


def test_notes_end_each_sentence_with_a_full_stop(rows):
    for row in rows:
        assert row["note"] == "" or row["note"].endswith("."), row["id"]


# --- granularity columns --------------------------------------------------------------

def test_granularity_columns_agree_with_brute_force(rows, figures):
    stated = {f.value_id: f.base_n_as_published for f in figures}
    checked = 0
    for row in rows:
        if not (row["unit"] == "percent" and row["kind"] == "survey"):
            continue
        value = int(row["published"])
        assert _expand(row["bases_that_could_give_it"]) == _brute_bases(value, SAMPLE), row["id"]
        base = stated[row["id"]]
        if base is None:
            assert row["counts_at_published_base"] == "", row["id"]
            continue
        counts = _brute_counts(value, base)
        shown = row["counts_at_published_base"]
        assert (shown == "none") if not counts else \
            [int(k) for k in shown.split()] == counts, row["id"]
        checked += 1
    assert checked == sum(1 for f in figures if f.kind == "survey" and f.unit == "percent"
                          and f.base_n_as_published) == 47


def test_granularity_columns_on_known_cases(by_id):
    assert by_id["tech.most_cases"]["counts_at_published_base"] == "31"
    assert by_id["juris.large"]["counts_at_published_base"] == "60 61"
    assert by_id["victim.mostly_girls"]["counts_at_published_base"] == "none"
    assert by_id["pimp.control"]["bases_that_could_give_it"].startswith("2, 4, 6")
    assert 45 not in _expand(by_id["pimp.control"]["bases_that_could_give_it"])
    assert 44 in _expand(by_id["pimp.control"]["bases_that_could_give_it"])


def test_ranges_are_compressed(rows):
    for row in rows:
        text = row["bases_that_could_give_it"]
        if text in ("", "none"):
            continue
        numbers = _expand(text)
        assert numbers == sorted(set(numbers))
        for part in text.split(", "):
            if "-" in part:
                low, high = map(int, part.split("-"))
                assert high > low
        # no two parts could have been joined
        parts = [_expand(part) for part in text.split(", ")]
        for left, right in itertools.pairwise(parts):
            assert right[0] > left[-1] + 1, row["id"]


# --- summary and CSV ---------------------------------------------------------------

def test_summary_counts_add_up_and_counts_copied_inputs_apart(rows):
    summary = summarise(rows)
    survey = summary["survey values"]
    assert list(survey) == list(STATUSES)
    assert summary[COPIED] == {"design constants": 7, "statistics of other studies": 7}
    assert sum(survey.values()) + sum(summary[COPIED].values()) == len(rows)
    assert sum(survey.values()) == sum(1 for row in rows if row["kind"] == "survey")
    assert survey[NOT_REPRODUCED] == 0
    assert survey[CANNOT_HOLD] >= 4


def test_summary_lists_every_status_even_when_absent():
    assert summarise([]) == {"survey values": dict.fromkeys(STATUSES, 0),
                             COPIED: {"design constants": 0, "statistics of other studies": 0}}


def test_csv_round_trips(rows):
    text = rows_to_csv(rows)
    read = list(csv.DictReader(io.StringIO(text)))
    assert len(read) == len(rows)
    for original, back in zip(rows, read, strict=True):
        assert back == {key: str(value) for key, value in original.items()}


# --- failures --------------------------------------------------------------------------

def test_a_wrong_display_is_not_reproducible(figures, registry, instrument):
    changed = {**registry, "tech.most_cases": {**registry["tech.most_cases"], "display": "70%"}}
    rows = reproduction_rows(figures, changed, instrument, SAMPLE)
    row = next(row for row in rows if row["id"] == "tech.most_cases")
    assert row["status"] == NOT_REPRODUCED
    assert row["rebuilt"] == "70%"
    assert row["note"].startswith("Published 69%; rebuilt 31 of the 45 answered gives 70%")
    assert summarise(rows)["survey values"][NOT_REPRODUCED] == 1


def test_a_wrong_count_is_not_reproducible(figures, registry, instrument):
    changed = {**registry, "resp.total": {**registry["resp.total"], "display": "143",
                                          "value": 143}}
    rows = reproduction_rows(figures, changed, instrument, SAMPLE)
    assert next(r for r in rows if r["id"] == "resp.total")["status"] == NOT_REPRODUCED


def test_a_missing_entry_raises_naming_the_id(figures, registry, instrument):
    missing = {key: value for key, value in registry.items() if key != "victim.equal"}
    with pytest.raises(KeyError, match=r"victim\.equal"):
        reproduction_rows(figures, missing, instrument, SAMPLE)
