"""Tests for csec_survey.validate.validation: the raw and clean Great Expectations suites.

Great Expectations is slow to import and every suite run costs a few seconds
whatever the size of the frame, so the suite runs live in module-scoped
fixtures and independent defects are combined into one run each, with every
expected failure asserted separately.

Checks are found by what they say (``Check.says``, the summary's ``says``)
and by the export column they name, not by the helper columns of the frame
handed to Great Expectations, which are an implementation detail (one test
pins how the summary names them: ``column`` is the export column and
``checked_column`` the helper).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from csec_survey.core.codebook import Instrument, Item, load_instrument
from csec_survey.core.export_columns import DIRECT_IDENTIFIERS, METADATA_COLUMNS, STATUS_CODES
from csec_survey.ingest.records import read_records
from csec_survey.validate.clean_suite import (
    PSEUDONYM_PATTERN,
    clean_frame,
    clean_suite,
    respondent_identifiers,
    validate_clean_responses,
)
from csec_survey.validate.expectations import Check, SuiteOutcome, write_outcome
from csec_survey.validate.personal_data import PERSONAL_PATTERNS, contains_personal_data
from csec_survey.validate.raw_suite import (
    RawSuiteSettings,
    raw_frame,
    raw_suite,
    validate_raw_records,
)

ROOT = Path(__file__).parents[1]
BLANK_IF_NOT_ASKED = "is blank for respondents not asked it"
MUST_ANSWER = ("is answered by every one of", "has a box ticked by every one of")


# --- shared inputs and helpers ---------------------------------------------

@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def instrument(config: Mapping[str, Any]) -> Instrument:
    return load_instrument(ROOT / config["instrument"])


@pytest.fixture(scope="module")
def records(config: Mapping[str, Any]) -> pd.DataFrame:
    """Every record of the committed export, as the pipeline reads it."""
    path = ROOT / "data" / "raw" / "synthetic_export.csv"
    return read_records(path, config["exclusions"]["duplicate_key"]).records


def free_text_columns(instrument: Instrument) -> list[str]:
    columns = [item.column for item in instrument.items if item.type == "text"]
    return columns + [c.name for c in instrument.export_columns() if c.kind == "other_text"]


@pytest.fixture(scope="module")
def personal(records: pd.DataFrame, instrument: Instrument) -> dict[str, set[str]]:
    """The personal values of the export that must appear in no output."""
    def values(column: str) -> set[str]:
        return {str(v) for v in records[column].dropna() if str(v).strip()}

    texts: set[str] = set()
    for column in free_text_columns(instrument):
        texts |= {v for v in values(column) if len(v) > 30}
    found = {"emails": values("RecipientEmail"), "last_names": values("RecipientLastName"),
             "ips": values("IPAddress"), "response_ids": values("ResponseId"), "texts": texts}
    # The checks below would be vacuous without personal data to look for.
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    return found


def personal_found(text: str, personal: Mapping[str, set[str]]) -> list[str]:
    """The personal values that occur in ``text``; names only as whole words."""
    hits = {value for key in ("emails", "ips", "response_ids", "texts")
            for value in personal[key] if value in text}
    words = set(re.findall(r"\w+", text))
    for name in personal["last_names"]:
        if name in words if re.fullmatch(r"\w+", name) else \
                re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            hits.add(name)
    return sorted(hits)


def test_personal_data_detector(personal: Mapping[str, set[str]]) -> None:
    email, name = sorted(personal["emails"])[0], sorted(personal["last_names"])[0]
    assert personal_found(f"<td>{email}</td>", personal) == [email]
    assert personal_found(f"Sgt. {name}, ", personal) == [name]
    assert personal_found(f"{name}s {name.lower()} x{name}", personal) == []
    made_up = {**personal, "last_names": {"Ho", "Dunn", "Grant", "O'Neil"}}
    assert personal_found("How, Dunning, Grants, O'Neill", made_up) == []
    assert personal_found("(Ho) and O'Neil", made_up) == ["Ho", "O'Neil"]


def export_and_helper_columns(records: pd.DataFrame,
                              instrument: Instrument) -> tuple[list[str], list[str]]:
    """The export's columns and the helper columns `raw_frame` adds, as the pipeline splits them."""
    export = [name for name in records.columns if name not in ("export_row", "exclusion")]
    helpers = [name for name in raw_frame(records, instrument).columns if name not in export]
    return export, helpers


def with_config(config: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of the config with ``section__key`` values changed."""
    copy = json.loads(json.dumps(config))
    for key, value in changes.items():
        section, name = key.split("__")
        copy[section][name] = value
    return copy


def failed(outcome: SuiteOutcome) -> list[dict[str, Any]]:
    return [e for e in outcome.summary["expectations"] if not e["success"]]


def entry(outcome: SuiteOutcome, says: str) -> dict[str, Any]:
    """The one summary entry whose sentence contains ``says``."""
    found = [e for e in outcome.summary["expectations"] if says in e["says"]]
    assert len(found) == 1, (says, [e["says"] for e in found])
    return found[0]


def assert_failure_listed(outcome: SuiteOutcome, says: str, column: str | None = None,
                          rows: Iterable[Any] | None = None) -> str:
    """Assert that a critical failure is in the summary and in the failure message.

    The message line must name the expectation, the export ``column``, say what
    the check checks and, if ``rows`` are given, how many rows fail and which.
    """
    found = entry(outcome, says)
    assert found["success"] is False
    assert found["severity"] == "critical"
    message = outcome.failure_message()
    assert message.startswith(f"suite {outcome.suite!r}: ")
    lines = [line for line in message.splitlines() if found["says"] in line]
    assert len(lines) == 1, message
    line = lines[0]
    assert f"- {found['expectation']} (" in line
    if column is not None:
        assert found["column"] == column
        assert f"column {column!r}" in line
    if rows is not None:
        expected = {str(row) for row in rows}
        assert {str(row) for row in found["unexpected_rows"]} == expected
        count = found["unexpected_count"]
        assert count == len(found["unexpected_rows"])
        assert f" {count} of {found['element_count']} rows fail" in line
        quoted = re.search(r"\(rows ([^)]*)\)", line)
        assert quoted, line
        assert {part.strip() for part in quoted.group(1).split(",")} - {"..."} == expected
    return line


# --- 1. the raw suite on the committed export -------------------------------

@pytest.fixture(scope="module")
def baseline(records: pd.DataFrame, instrument: Instrument,
             config: Mapping[str, Any]) -> SuiteOutcome:
    return validate_raw_records(records, instrument, config)


def test_raw_suite_passes_on_committed_export(baseline: SuiteOutcome) -> None:
    assert baseline.success, baseline.failure_message()
    assert baseline.summary["success"] is True
    assert baseline.suite == baseline.summary["suite"] == "raw"
    assert baseline.warnings() == []
    assert baseline.failure_message().startswith("suite 'raw': 0 of ")


def test_raw_statistics_are_consistent(baseline: SuiteOutcome, records: pd.DataFrame,
                                       instrument: Instrument,
                                       config: Mapping[str, Any]) -> None:
    summary = baseline.summary
    statistics = summary["statistics"]
    entries = summary["expectations"]
    export, helpers = export_and_helper_columns(records, instrument)
    checks = raw_suite(instrument, RawSuiteSettings.from_config(config), export, helpers,
                       "choice_text")
    assert statistics["evaluated"] == len(entries) == len(checks)
    assert statistics["successful"] + statistics["failed_critical"] \
        + statistics["failed_warning"] == statistics["evaluated"]
    assert statistics["successful"] == sum(e["success"] for e in entries) == len(entries)
    assert statistics["failed_critical"] == statistics["failed_warning"] == 0
    assert summary["rows"] == len(records)
    assert summary["row_label"] == "export row"
    assert summary["great_expectations_version"]
    assert sorted(e["says"] for e in entries) == sorted(c.says for c in checks)
    count = entry(baseline, "complete responses after exclusions")
    assert count["observed_value"] == config["study"]["complete_responses"] \
        == int(records["exclusion"].isna().sum())


def test_every_raw_expectation_says_what_it_checks(baseline: SuiteOutcome) -> None:
    entries = baseline.summary["expectations"]
    assert entries
    assert [e for e in entries if not str(e.get("says", "")).strip()] == []
    assert len({e["says"] for e in entries}) == len(entries)


# words of a check -> (the export column the summary names, the helper column checked)
HELPER_CHECKS: dict[str, tuple[str, str]] = {
    "a finished response has Progress 100": ("Progress", "_finished_progress"),
    "distributed as a preview is marked": ("Status", "_preview_status"),
    "distributed as a test is marked": ("Status", "_test_status"),
    "started within the fieldwork window": ("StartDate", "_complete_start"),
    "took between 60 and 86400 seconds": ("Duration (in seconds)", "_complete_duration"),
    f"Q11 (csec_years) {BLANK_IF_NOT_ASKED}": ("Q11", "_unasked_Q11"),
    f"Q6_1 (unit) {BLANK_IF_NOT_ASKED}": ("Q6_1", "_unasked_Q6_1"),
    "Q8 (cac_freq) is answered by every one of": ("Q8", "_required_Q8"),
    "Q6 (unit) has a box ticked by every one of": ("Q6", "_required_Q6"),
    "Q6_4_TEXT (unit) is blank unless": ("Q6_4_TEXT", "_unticked_Q6_4_TEXT"),
}


def test_raw_checks_name_export_columns_and_use_no_row_conditions(
        baseline: SuiteOutcome, records: pd.DataFrame, instrument: Instrument) -> None:
    export, helpers = export_and_helper_columns(records, instrument)
    # A check on a multiple-choice question as a whole names the question (Q6 for Q6_1...).
    named = {*export, *(item.column for item in instrument.items if item.type == "multi")}
    entries = baseline.summary["expectations"]
    # Conditions are helper columns of the frame, never Great Expectations row conditions.
    assert [e["says"] for e in entries if {"row_condition", "condition_parser"}
            & set(e["kwargs"])] == []
    for found in entries:
        if "checked_column" in found:
            assert found["checked_column"] in helpers, found
            assert found["column"] is None or found["column"] in named, found
        elif found["column"] is not None:
            assert found["column"] in export, found
    for says, (column, checked) in HELPER_CHECKS.items():
        found = entry(baseline, says)
        assert (found["column"], found.get("checked_column")) == (column, checked), says


def test_raw_summary_is_json_serialisable(baseline: SuiteOutcome, tmp_path: Path) -> None:
    assert json.loads(json.dumps(baseline.summary)) == baseline.summary
    write_outcome(baseline, tmp_path / "raw.json", tmp_path / "raw.html")
    assert json.loads((tmp_path / "raw.json").read_text(encoding="utf-8")) == baseline.summary
    assert "<html" in (tmp_path / "raw.html").read_text(encoding="utf-8").lower()


def test_raw_summary_and_html_hold_no_personal_data(
        baseline: SuiteOutcome, personal: Mapping[str, set[str]]) -> None:
    assert personal_found(json.dumps(baseline.summary), personal) == []
    assert personal_found(baseline.html, personal) == []


def test_raw_frame_holds_no_personal_data(records: pd.DataFrame, instrument: Instrument,
                                          personal: Mapping[str, set[str]]) -> None:
    frame = raw_frame(records, instrument)
    cells = {str(v) for column in frame.columns for v in frame[column].dropna()}
    assert personal_found("\n".join(cells), personal) == []
    for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data,
                 *free_text_columns(instrument)):
        if name != "ResponseId":
            assert set(frame[name].dropna()) <= {True}, name


# --- 2. the suite is derived from the instrument ----------------------------

def all_columns(instrument: Instrument) -> list[str]:
    return ([name for name, _, _ in METADATA_COLUMNS]
            + [c.name for c in instrument.export_columns()] + list(instrument.embedded_data))


def checks_for(instrument: Instrument, config: Mapping[str, Any], layout: str = "choice_text",
               columns: Iterable[str] | None = None) -> list[Check]:
    """The raw suite for an export with ``columns`` (default: all the instrument defines).

    No helper columns are passed: they only enter the column-set check.
    """
    columns = all_columns(instrument) if columns is None else list(columns)
    return raw_suite(instrument, RawSuiteSettings.from_config(config), columns, [], layout)


def of_type(checks: Iterable[Check], expectation: str) -> list[Check]:
    return [c for c in checks if c.expectation.expectation_type == expectation]


def about(checks: Iterable[Check], column: str, phrase: str) -> list[Check]:
    """Checks whose sentence is about export ``column`` and contains ``phrase``."""
    return [c for c in checks if c.says.startswith(f"{column} (") and phrase in c.says]


def answer_columns(item: Item) -> list[str]:
    if item.type == "multi":
        return [f"{item.column}_{option.choice}" for option in item.options]
    return [item.column]


def test_every_instrument_column_must_exist(instrument: Instrument,
                                            config: Mapping[str, Any]) -> None:
    existing = of_type(checks_for(instrument, config), "expect_column_to_exist")
    names = [c.expectation.column for c in existing]
    assert {c.name for c in instrument.export_columns()} <= set(names)
    assert sorted(names) == sorted(all_columns(instrument))
    for check in existing:
        assert repr(check.expectation.column) in check.says


def test_every_single_choice_item_has_an_in_set_check(instrument: Instrument,
                                                      config: Mapping[str, Any]) -> None:
    singles = [item for item in instrument.items if item.type == "single"]
    assert singles
    for layout, value_of in (("choice_text", lambda o: o.label),
                             ("numeric", lambda o: str(o.code))):
        in_set = of_type(checks_for(instrument, config, layout),
                         "expect_column_values_to_be_in_set")
        for item in singles:
            found = [c for c in in_set if c.expectation.column == item.column]
            assert len(found) == 1, (layout, item.id)
            assert set(found[0].expectation.value_set) == {value_of(o) for o in item.options}
            assert found[0].says.startswith(f"{item.column} ({item.id})")


def test_every_multi_option_has_a_ticked_value_check(instrument: Instrument,
                                                     config: Mapping[str, Any]) -> None:
    multis = [item for item in instrument.items if item.type == "multi"]
    assert multis
    for layout in ("choice_text", "numeric"):
        in_set = of_type(checks_for(instrument, config, layout),
                         "expect_column_values_to_be_in_set")
        for item in multis:
            for option in item.options:
                column = f"{item.column}_{option.choice}"
                found = [c for c in in_set if c.expectation.column == column]
                assert len(found) == 1, (layout, column)
                expected = ["1"] if layout == "numeric" else [option.label]
                assert list(found[0].expectation.value_set) == expected


def test_numeric_items_have_range_checks(instrument: Instrument,
                                         config: Mapping[str, Any]) -> None:
    checks = checks_for(instrument, config)
    numerics = [item for item in instrument.items if item.type == "numeric"]
    assert numerics
    for item in numerics:
        (between,) = about(checks, item.column, "lies between")
        assert between.expectation.expectation_type == "expect_column_values_to_be_between"
        assert (between.expectation.min_value, between.expectation.max_value) == item.range
        assert about(checks, item.column, "plain numbers")


def test_every_item_not_asked_of_everyone_must_be_blank_for_the_others(
        instrument: Instrument, config: Mapping[str, Any]) -> None:
    checks = checks_for(instrument, config)
    skipped = [item for item in instrument.items if item.asked_of != "all"]
    assert {item.type for item in skipped} >= {"single", "multi", "numeric", "text"}
    for item in skipped:
        for column in answer_columns(item):
            blank = about(checks, column, BLANK_IF_NOT_ASKED)
            assert len(blank) == 1, (item.id, column)
            assert blank[0].expectation.expectation_type == "expect_column_values_to_be_null"
            assert instrument.population(item.asked_of).label in blank[0].says


UNLESS_TICKED = "is blank unless its 'Other (please specify)' box is ticked"


def test_other_text_columns_of_skipped_items_must_be_blank_for_the_others(
        instrument: Instrument, config: Mapping[str, Any], records: pd.DataFrame) -> None:
    """A "please specify" text needs its box ticked; those not asked have no box ticked."""
    checks = checks_for(instrument, config)
    other = [c for c in instrument.export_columns() if c.kind == "other_text"]
    columns = [c.name for c in other if instrument.item(c.item).asked_of != "all"]
    assert {"Q6_4_TEXT", "Q29_6_TEXT"} <= set(columns)
    for column in [c.name for c in other]:
        item = instrument.item(next(c.item for c in other if c.name == column))
        found = about(checks, column, UNLESS_TICKED)
        assert len(found) == 1, column
        assert found[0].says == (f"{column} ({item.id}) is blank unless its "
                                 f"{item.option(item.other_text).label!r} box is ticked")
        assert found[0].expectation.expectation_type == "expect_column_values_to_be_null"
    # The box of a respondent not asked must be blank, so the text must be too: a text
    # given by a complete respondent not asked Q6 is caught by this check.
    population = instrument.population(instrument.item("unit").asked_of)
    gate = instrument.item(str(population.item))
    assert gate.asked_of == "all"
    asked = records[gate.column].isin({gate.option(code).label for code in population.codes})
    not_asked = records["exclusion"].isna() & ~asked
    assert not_asked.any() and records.loc[not_asked, "Q6_4"].isna().all()
    rec = records.copy()
    index = records.index[not_asked][0]
    rec.loc[index, "Q6_4_TEXT"] = "Vice"
    unticked = raw_frame(rec, instrument)["_unticked_Q6_4_TEXT"]
    assert unticked.notna().tolist() == (rec.index == index).tolist()


def test_every_required_item_must_be_answered(instrument: Instrument,
                                              config: Mapping[str, Any]) -> None:
    checks = checks_for(instrument, config)
    required = [item for item in instrument.items if item.required]
    assert {item.type for item in required} >= {"single", "multi", "numeric"}
    for item in required:
        found = [c for phrase in MUST_ANSWER for c in about(checks, item.column, phrase)]
        assert len(found) == 1, item.id
        assert found[0].expectation.expectation_type in (
            "expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set")
        assert instrument.population(item.asked_of).label in found[0].says
    # ... and only required items get one.
    answered = {c.says.split(" (")[0] for c in checks if any(p in c.says for p in MUST_ANSWER)}
    assert answered == {item.column for item in required}


def test_suite_follows_changes_to_the_instrument(instrument: Instrument,
                                                 config: Mapping[str, Any]) -> None:
    q2 = instrument.item("agency_level")
    assert not q2.required
    extra = dataclasses.replace(q2.options[-1], code=9, label="Tribal")
    changed = dataclasses.replace(
        instrument, items=tuple(dataclasses.replace(item, required=True,
                                                    options=(*item.options, extra))
                                if item.id == q2.id else item for item in instrument.items))
    before = checks_for(instrument, config)
    after = checks_for(changed, config)
    assert not [c for p in MUST_ANSWER for c in about(before, "Q2", p)]
    assert len([c for p in MUST_ANSWER for c in about(after, "Q2", p)]) == 1
    (in_set,) = about(after, "Q2", "answer options")
    assert "Tribal" in in_set.expectation.value_set
    assert "'Tribal'" in in_set.says
    assert len(after) == len(before) + 1


def test_suite_skips_value_checks_of_absent_columns(instrument: Instrument,
                                                    config: Mapping[str, Any]) -> None:
    checks = checks_for(instrument, config,
                        columns=[c for c in all_columns(instrument) if c != "Q12"])
    assert [c.expectation.column for c in of_type(checks, "expect_column_to_exist")
            if c.expectation.column == "Q12"] == ["Q12"]
    assert about(checks, "Q12", "") == []


@pytest.mark.parametrize(("setting", "severity"), [("warn", "warning"), ("fail", "critical")])
def test_unexpected_columns_setting_sets_severity(instrument: Instrument,
                                                  config: Mapping[str, Any], setting: str,
                                                  severity: str) -> None:
    changed = with_config(config, validation__unexpected_columns=setting)
    (match,) = of_type(checks_for(instrument, changed), "expect_table_columns_to_match_set")
    assert str(getattr(match.expectation.severity, "value", match.expectation.severity)) \
        == severity


# --- 3. failures on edited records ------------------------------------------

def complete_indexes(records: pd.DataFrame, mask: pd.Series | None = None) -> list[int]:
    """Indexes of complete records (optionally also meeting ``mask``)."""
    keep = records["exclusion"].isna()
    if mask is not None:
        keep &= mask
    return list(records.index[keep])


EXTRA_COLUMNS = "no columns beyond those the instrument and Qualtrics define"

# edit -> (the export column the failure must name, words of the failed check)
EDITS: dict[str, tuple[str, str]] = {
    "q3_unknown_label": ("Q3", "Q3 (juris_size) holds only the instrument's answer options"),
    "q9_out_of_range": ("Q9", "Q9 (cac_years) lies between 0 and 45"),
    "q11_not_asked": ("Q11", f"Q11 (csec_years) {BLANK_IF_NOT_ASKED}"),
    "q8_blank": ("Q8", "Q8 (cac_freq) is answered by every one of"),
    "duplicate_response_id": ("ResponseId", "no two records share a ResponseId"),
    "outside_fieldwork": ("StartDate", "started within the fieldwork window"),
    "five_seconds": ("Duration (in seconds)", "took between 60 and 86400 seconds"),
    "finished_at_50": ("Progress", "a finished response has Progress 100"),
    "q6_4_text_unticked": ("Q6_4_TEXT", f"Q6_4_TEXT (unit) {UNLESS_TICKED}"),
}
# The "please specify" text of the q6_4_text_unticked edit: free text, never to be quoted.
OTHER_UNIT_TEXT = "Special victims squad, ask Sgt. Whitcombe about it"


@pytest.fixture(scope="module")
def edited(records: pd.DataFrame, instrument: Instrument,
           config: Mapping[str, Any]) -> tuple[SuiteOutcome, dict[str, list[int]]]:
    """One run with nine independent defects, each on its own record(s), and no Q12."""
    rec = records.copy()
    asked_cac = rec["Q7"].eq("Yes") & rec["Q8"].notna() & rec["Q9"].notna()
    used: set[int] = set()

    def pick(mask: pd.Series | None = None) -> int:
        index = next(i for i in complete_indexes(rec, mask) if i not in used)
        used.add(index)
        return index

    edits: dict[str, list[int]] = {}
    i = pick()
    rec.loc[i, "Q3"] = "About 50,000"
    edits["q3_unknown_label"] = [i]
    i = pick(asked_cac)
    rec.loc[i, "Q9"] = "67"
    edits["q9_out_of_range"] = [i]
    i = pick(rec["Q10"].eq("No") & rec["Q11"].isna())
    rec.loc[i, "Q11"] = "3 to 5 years"
    edits["q11_not_asked"] = [i]
    i = pick(asked_cac)
    rec.loc[i, "Q8"] = None
    edits["q8_blank"] = [i]
    first, second = pick(), pick()
    rec.loc[second, "ResponseId"] = rec.loc[first, "ResponseId"]
    edits["duplicate_response_id"] = [first, second]
    i = pick()
    rec.loc[i, ["StartDate", "EndDate"]] = ["2013-03-01 10:00:00", "2013-03-01 10:20:00"]
    edits["outside_fieldwork"] = [i]
    i = pick()
    rec.loc[i, "Duration (in seconds)"] = "5"
    edits["five_seconds"] = [i]
    i = pick(rec["Finished"].eq("True"))
    rec.loc[i, "Progress"] = "50"
    edits["finished_at_50"] = [i]
    i = pick(rec["Q6_4"].isna())
    rec.loc[i, "Q6_4_TEXT"] = OTHER_UNIT_TEXT
    edits["q6_4_text_unticked"] = [i]
    rec = rec.drop(columns=["Q12"])
    rows = {name: [int(rec.loc[i, "export_row"]) for i in indexes]
            for name, indexes in edits.items()}
    return validate_raw_records(rec, instrument, config), rows


def test_edited_records_fail(edited: tuple[SuiteOutcome, dict[str, list[int]]]) -> None:
    outcome, _ = edited
    assert outcome.success is False
    assert outcome.summary["success"] is False
    critical = [e for e in failed(outcome) if e["severity"] == "critical"]
    expected = [*(says for _, says in EDITS.values()), "the export has the column 'Q12'"]
    assert sorted(next(s for s in expected if s in e["says"]) for e in critical) \
        == sorted(expected), [e["says"] for e in critical]
    assert outcome.failure_message().startswith(
        f"suite 'raw': {len(expected)} of {len(outcome.summary['expectations'])} "
        "expectations failed")


@pytest.mark.parametrize("edit", list(EDITS))
def test_edit_is_reported_with_rows(edited: tuple[SuiteOutcome, dict[str, list[int]]],
                                    edit: str) -> None:
    outcome, rows = edited
    column, says = EDITS[edit]
    assert_failure_listed(outcome, says, column, rows[edit])


def test_missing_column_is_reported(edited: tuple[SuiteOutcome, dict[str, list[int]]]) -> None:
    outcome, _ = edited
    line = assert_failure_listed(outcome, "the export has the column 'Q12'", "Q12")
    assert "expect_column_to_exist" in line
    # The column-set check (a warning by default) names what is missing.
    assert outcome.warnings() == [f"the export has {EXTRA_COLUMNS}. Missing: Q12."]


def test_failure_outputs_hold_no_personal_data(
        edited: tuple[SuiteOutcome, dict[str, list[int]]],
        personal: Mapping[str, set[str]]) -> None:
    outcome, _ = edited
    outputs = {"message": outcome.failure_message(),
               "all rows": outcome.failure_message(examples=1000),
               "summary": json.dumps(outcome.summary), "html": outcome.html}
    for name, text in outputs.items():
        assert personal_found(text, personal) == [], name
        assert OTHER_UNIT_TEXT not in text, name


# --- 4.-6. numeric values; extra columns; the count of complete responses ---
#
# Two runs on the export as written with Qualtrics' "numeric values" option
# and an extra column Q99: one that must pass (Q99 only warns), one with three
# independent defects (a code 9 in Q3; unexpected_columns "fail";
# study.complete_responses 150).

def recode(series: pd.Series, mapping: Mapping[str, str]) -> pd.Series:
    return pd.Series([None if value is None or pd.isna(value) else mapping[value]
                      for value in series], index=series.index, dtype=object)


@pytest.fixture(scope="module")
def numeric_records(records: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The export as Qualtrics writes it with "numeric values" chosen, plus a column Q99."""
    rec = records.copy()
    rec["Status"] = recode(rec["Status"], {label: code for code, label in STATUS_CODES.items()})
    rec["Finished"] = recode(rec["Finished"], {"True": "1", "False": "0"})
    for item in instrument.items:
        if item.type == "single":
            rec[item.column] = recode(rec[item.column],
                                      {o.label: str(o.code) for o in item.options})
        elif item.type == "multi":
            for option in item.options:
                column = f"{item.column}_{option.choice}"
                rec[column] = recode(rec[column], {option.label: "1"})
    rec["Q99"] = "x"
    return rec


@pytest.fixture(scope="module")
def numeric_passing(numeric_records: pd.DataFrame, instrument: Instrument,
                    config: Mapping[str, Any]) -> SuiteOutcome:
    assert config["validation"]["unexpected_columns"] == "warn"
    return validate_raw_records(numeric_records, instrument, config)


@pytest.fixture(scope="module")
def numeric_failing(numeric_records: pd.DataFrame, instrument: Instrument,
                    config: Mapping[str, Any]) -> tuple[SuiteOutcome, int]:
    rec = numeric_records.copy()
    index = complete_indexes(rec)[3]
    rec.loc[index, "Q3"] = "9"
    changed = with_config(config, validation__unexpected_columns="fail",
                          study__complete_responses=150)
    return validate_raw_records(rec, instrument, changed), int(rec.loc[index, "export_row"])


def test_numeric_export_passes(numeric_passing: SuiteOutcome) -> None:
    outcome = numeric_passing
    assert outcome.success, outcome.failure_message()
    assert outcome.summary["statistics"]["failed_critical"] == 0
    assert entry(outcome, "Q3 (juris_size) holds only")["kwargs"]["value_set"] \
        == ["1", "2", "3"]
    assert entry(outcome, "a ticked box of Q6_1 ")["kwargs"]["value_set"] == ["1"]


def test_extra_column_only_warns_by_default(numeric_passing: SuiteOutcome) -> None:
    outcome = numeric_passing
    assert outcome.success
    match = entry(outcome, EXTRA_COLUMNS)
    assert match["success"] is False and match["severity"] == "warning"
    assert outcome.warnings() == [f"{match['says']}. Not defined: Q99."]
    assert "Q99" in outcome.warnings()[0]
    assert "Q99" in match["observed_value"]
    assert outcome.summary["statistics"]["failed_warning"] == 1
    assert EXTRA_COLUMNS not in outcome.failure_message()


def test_numeric_export_with_unknown_code_fails(
        numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, row = numeric_failing
    assert outcome.success is False
    assert_failure_listed(outcome, "Q3 (juris_size) holds only", "Q3", [row])
    says = sorted(e["says"] for e in failed(outcome))
    assert len(says) == 3
    assert [s for s in says if not any(part in s for part in (
        "Q3 (juris_size) holds only", EXTRA_COLUMNS, "complete responses after exclusions"))] \
        == []


def test_extra_column_fails_when_configured(numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, _ = numeric_failing
    line = assert_failure_listed(outcome, EXTRA_COLUMNS)
    assert line.endswith(f"{EXTRA_COLUMNS}. Not defined: Q99."), line
    assert "Q99" in entry(outcome, EXTRA_COLUMNS)["observed_value"]
    assert outcome.warnings() == []


def test_wrong_count_of_complete_responses_fails(
        numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, _ = numeric_failing
    line = assert_failure_listed(outcome, "complete responses after exclusions")
    assert "150" in line
    assert "Found 144" in line


# --- 7. the clean suite ------------------------------------------------------

def pseudonym(n: int) -> str:
    return f"P_{n:016x}"


def text_variables(instrument: Instrument) -> list[str]:
    """The tidy columns of the open questions: text items and "please specify" boxes."""
    return ([item.id for item in instrument.items if item.type == "text"]
            + [c.variable for c in instrument.export_columns() if c.kind == "other_text"])


def clean_responses(instrument: Instrument, answers: list[dict[str, str | None]],
                    pseudonyms: list[str], **extra: list[Any]) -> pd.DataFrame:
    frame = pd.DataFrame({"pseudonym": pseudonyms}, dtype=object)
    frame["agency_type"] = pd.Series([1] * len(frame), dtype="Int64")
    for column in text_variables(instrument):
        frame[column] = pd.Series([row.get(column) for row in answers], dtype=object)
    for name, values in extra.items():
        frame[name] = pd.Series(values, dtype=object)
    return frame


def own_identifiers(pseudonyms: list[str]) -> dict[str, list[str]]:
    names = ["Hammond", "Ortega", "Ho", "Green", "Perkins", "Foster", "Grant", "Davis",
             "Smith", "Simmons", "Bell"]
    return {p: [name, "Chris", f"{name.lower()}@examplepd.org"]
            for p, name in zip(pseudonyms, names, strict=False)}


GOOD_TEXT = "Ads moved online, so buyers and victims are reached faster"


@pytest.fixture(scope="module")
def good_clean(instrument: Instrument) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    variables = text_variables(instrument)
    pseudonyms = [pseudonym(0x0123456789ABCDEF + n) for n in range(4)]
    answers: list[dict[str, str | None]] = [
        {variables[0]: GOOD_TEXT, "oe_needs": "More training on phones, 24/7 support, 2 staff"},
        # "Ho" is this respondent's own last name: "How" must not count as it.
        {variables[1]: "How they advertise changed: it is all on classified sites now"},
        {"unit.other_text": "Vice/Narcotics", "obstacles.other_text": "Courts"},
        # Clock times and ratios are not IPv6 addresses; "Green" is this respondent's
        # last name, but "Green Dot" is a payment card, kept as a finding.
        {"oe_practices": "Shifts start at 10:30:00; cases are split 3:2:1 across units",
         "oe_concerns": "Green Dot cards pay for the ads"},
    ]
    return clean_responses(instrument, answers, pseudonyms), own_identifiers(pseudonyms)


@pytest.fixture(scope="module")
def bad_clean(instrument: Instrument) -> tuple[pd.DataFrame, dict[str, list[str]], list[str]]:
    """Thirteen responses, each defect in rows of its own (row 1 is fine).

    Rows are numbered as the clean suite labels them: row n is position n - 1.
    """
    text = text_variables(instrument)[0]
    pseudonyms = [pseudonym(0xABC000 + n) for n in range(11)]
    pseudonyms[6] = "P_0123456789ABCDEG"  # malformed
    pseudonyms[8] = pseudonyms[7]  # duplicated
    pseudonyms += MALFORMED_PERSONAL  # malformed, and must never be quoted
    own = own_identifiers(pseudonyms)
    answers: list[dict[str, str | None]] = [
        {text: GOOD_TEXT},
        {text: "write to me at jane.doe@example.org if you want more"},
        {"oe_needs": "call me on (603) 555-0142 any time"},
        {"oe_practices": "the server was at 192.168.10.20 when we traced it"},
        {text: "logged from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 last year"},
        {"help_ways.other_text": "messaged us from facebook.com/jane.doe.5 for a ride"},
        {text: GOOD_TEXT},
        {},
        {},
        {"oe_concerns": f"ask Sgt. {own[pseudonyms[9]][0]} in our unit, he knows the sites"},
        {"oe_needs": f"send the report to {own[pseudonyms[10]][2]} please"},
        {},
        {},
    ]
    frame = clean_responses(instrument, answers, pseudonyms,
                            RecipientEmail=[None] * 10 + ["x@y.org", None, None])
    leaked = ["jane.doe@example.org", "(603) 555-0142", "192.168.10.20",
              "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "facebook.com/jane.doe.5", "x@y.org",
              own[pseudonyms[9]][0], own[pseudonyms[10]][2], GOOD_TEXT]
    return frame, own, leaked


# A Qualtrics ResponseId left in place of a pseudonym, and an e-mail put there.
MALFORMED_PERSONAL = ["R_E1qlsooPoL52A5U", "jane.roe@examplepd.org"]


@pytest.fixture(scope="module")
def bad_outcome(bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]],
                instrument: Instrument) -> SuiteOutcome:
    frame, own, _ = bad_clean
    return validate_clean_responses(frame, instrument, own)


CLEAN_ROW_LABEL = "row of the de-identified table"


def test_good_clean_frame_passes(good_clean: tuple[pd.DataFrame, dict[str, list[str]]],
                                 instrument: Instrument) -> None:
    frame, own = good_clean
    assert all(re.fullmatch(PSEUDONYM_PATTERN, p) for p in frame["pseudonym"])
    checks = clean_suite(instrument)
    outcome = validate_clean_responses(frame, instrument, own)
    assert outcome.success, outcome.failure_message()
    assert outcome.suite == "clean"
    assert outcome.warnings() == []
    assert outcome.summary["row_label"] == CLEAN_ROW_LABEL
    assert outcome.summary["statistics"]["successful"] == len(checks)
    assert all(e["says"] for e in outcome.summary["expectations"])
    assert json.loads(json.dumps(outcome.summary)) == outcome.summary


def test_clean_suite_covers_every_identifier_and_pattern(instrument: Instrument) -> None:
    checks = clean_suite(instrument)
    says = " | ".join(c.says for c in checks)
    for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data):
        assert repr(name) in says, name
        (gone,) = [c for c in checks if repr(name) in c.says]
        assert gone.expectation.expectation_type == "expect_column_max_to_be_between"
        assert gone.expectation.max_value == 0
    for kind in PERSONAL_PATTERNS:
        assert kind.replace("_", " ") in says, kind
    assert [c.says for c in checks
            if c.expectation.expectation_type == "expect_column_to_not_exist"] == []


def test_clean_frame_holds_counts_not_text(
        bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]],
        instrument: Instrument) -> None:
    frame, own, leaked = bad_clean
    reduced = clean_frame(frame, instrument, own)
    assert not set(text_variables(instrument)) & set(reduced.columns)
    assert not set(DIRECT_IDENTIFIERS) & set(reduced.columns)
    cells = "\n".join(str(v) for column in reduced.columns for v in reduced[column])
    assert [value for value in leaked if value in cells] == []
    assert reduced["_present_RecipientEmail"].tolist() == [1] * len(frame)
    assert reduced["_present_IPAddress"].tolist() == [0] * len(frame)
    assert reduced["_row"].tolist() == list(range(1, len(frame) + 1))
    for kind in PERSONAL_PATTERNS:
        assert reduced[f"_{kind}_found"].sum() >= 1, kind


# words of the failed check -> (export column it must name or None, rows at fault)
CLEAN_FAILURES: dict[str, tuple[str | None, list[int] | None]] = {
    "email pattern": (None, [2, 11]),
    "phone pattern": (None, [3]),
    "ipv4 pattern": (None, [4]),
    "ipv6 pattern": (None, [5]),
    "profile url pattern": (None, [6]),
    "pseudonyms have the form": ("pseudonym", [7, 12, 13]),
    "no two responses share a pseudonym": ("pseudonym", [8, 9]),
    "own name or e-mail": (None, [10, 11]),
    "'RecipientEmail'": ("RecipientEmail", None),
}


def test_clean_defects_fail(bad_outcome: SuiteOutcome) -> None:
    assert bad_outcome.success is False
    assert bad_outcome.summary["row_label"] == CLEAN_ROW_LABEL
    says = [e["says"] for e in failed(bad_outcome)]
    assert sorted(next(words for words in CLEAN_FAILURES if words in s) for s in says) \
        == sorted(CLEAN_FAILURES), says
    assert bad_outcome.failure_message().startswith(f"suite 'clean': {len(CLEAN_FAILURES)} of ")


@pytest.mark.parametrize("says", list(CLEAN_FAILURES))
def test_clean_defect_is_named(bad_outcome: SuiteOutcome, says: str) -> None:
    column, rows = CLEAN_FAILURES[says]
    assert_failure_listed(bad_outcome, says, column, rows)
    if rows is not None:
        assert entry(bad_outcome, says)["unexpected_rows"] == rows


def test_clean_failure_holds_no_personal_data(
        bad_outcome: SuiteOutcome,
        bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]]) -> None:
    _, _, leaked = bad_clean
    outputs = {"message": bad_outcome.failure_message(examples=1000),
               "summary": json.dumps(bad_outcome.summary), "html": bad_outcome.html}
    for name, text in outputs.items():
        hits = [v for v in leaked if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]
        assert hits == [], name


def test_clean_failure_never_quotes_a_pseudonym(
        bad_outcome: SuiteOutcome,
        bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]]) -> None:
    """Rows are named by number: a malformed pseudonym may be personal data itself."""
    frame, _, _ = bad_clean
    malformed = [p for p in frame["pseudonym"] if not re.fullmatch(PSEUDONYM_PATTERN, p)]
    assert set(MALFORMED_PERSONAL) < set(malformed)
    outputs = {"message": bad_outcome.failure_message(),
               "all rows": bad_outcome.failure_message(examples=1000),
               "summary": json.dumps(bad_outcome.summary), "html": bad_outcome.html}
    for name, text in outputs.items():
        assert [p for p in frame["pseudonym"] if p in text] == [], name
    assert "R_E1qlsooPoL52A5U" not in outputs["all rows"]
    assert "jane.roe@examplepd.org" not in outputs["all rows"]


IPV6_TEXTS = {
    "it came from 2001:db8::1 again": True,
    "fe80::1ff:fe23:4567:890a": True,
    "logged from 2001:0db8:85a3:0000:0000:8a2e:0370:7334 last year": True,
    "the call at 10:30:00 came from ::1.": True,
    "the call came at 10:30:00": False,
    "we split them 3:2:1 between units": False,
}


@pytest.mark.parametrize(("text", "found"), list(IPV6_TEXTS.items()))
def test_ipv6_detection(text: str, found: bool) -> None:
    assert contains_personal_data("ipv6", text) is found


def test_compressed_ipv6_is_found(instrument: Instrument) -> None:
    answers: list[dict[str, str | None]] = [{"oe_needs": text} for text in IPV6_TEXTS]
    frame = clean_responses(instrument, answers, [pseudonym(n) for n in range(len(answers))])
    assert clean_frame(frame, instrument, {})["_ipv6_found"].tolist() \
        == [int(found) for found in IPV6_TEXTS.values()]


def test_respondent_identifiers_leave_missing_values_out() -> None:
    # Parquet gives strings back with NaN for blanks: no "nan" may become a name.
    responses = pd.DataFrame({"RecipientFirstName": ["Ana", None],
                              "RecipientLastName": ["Ruiz", "Lee"],
                              "RecipientEmail": ["ana@x.org", None]}, dtype="str")
    assert respondent_identifiers(responses, ["P_1", "P_2"]) == {
        "P_1": ["Ana Ruiz", "Ruiz", "ana@x.org"], "P_2": ["Lee", "Lee", ""]}


def test_cheap_pretests_of_personal_patterns_change_no_verdict(monkeypatch) -> None:
    # Each pattern is tried only on texts that hold what it needs ("@", a digit, ...);
    # with the pretests forced open, every verdict on the corpora must be the same.
    from heldout import load_heldout

    from csec_survey.validate import personal_data

    texts = [item.text for item in load_heldout()]
    texts += ["write to A.B@x.org", "call (603) 555-0142", "seen at 10.0.0.1",
              "from fe80::1 and 2001:db8::7334", "see FACEBOOK.COM/jane.doe.5", "ratio 3:2:1",
              # Arabic-Indic digits: the pretest and the pattern agree on what a digit is.
              "\u0663\u0663\u0663-\u0665\u0665\u0665-\u0661\u0662\u0663\u0664"]
    verdicts = [[contains_personal_data(kind, text) for kind in PERSONAL_PATTERNS]
                for text in texts]
    assert sum(map(any, verdicts)) >= 6
    monkeypatch.setattr(personal_data, "_CANDIDATE",
                        {kind: (lambda text: True) for kind in PERSONAL_PATTERNS})
    assert [[contains_personal_data(kind, text) for kind in PERSONAL_PATTERNS]
            for text in texts] == verdicts
