"""Tests for csec_survey.validation: the raw and clean Great Expectations suites.

Great Expectations is slow to import and every suite run costs a few seconds
whatever the size of the frame, so the suite runs live in module-scoped
fixtures and independent defects are combined into one run each, with every
expected failure asserted separately.
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

from csec_survey.ingest import read_records
from csec_survey.instrument import Instrument, load_instrument
from csec_survey.qualtrics import METADATA_COLUMNS, STATUS_CODES
from csec_survey.validation import (
    DIRECT_IDENTIFIERS,
    PERSONAL_PATTERNS,
    PSEUDONYM_PATTERN,
    RawSuiteSettings,
    SuiteOutcome,
    clean_frame,
    clean_suite,
    raw_frame,
    raw_suite,
    run_suite,
    validate_raw_records,
    write_outcome,
)

ROOT = Path(__file__).parents[1]
READ_COLUMNS = ("export_row", "exclusion")


# --- shared inputs -----------------------------------------------------------

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


def _free_text_columns(instrument: Instrument) -> list[str]:
    columns = [item.column for item in instrument.items if item.type == "text"]
    return columns + [c.name for c in instrument.export_columns() if c.kind == "other_text"]


@pytest.fixture(scope="module")
def personal(records: pd.DataFrame, instrument: Instrument) -> dict[str, set[str]]:
    """The personal values of the export that must appear in no output."""
    def values(column: str) -> set[str]:
        return {str(v) for v in records[column].dropna() if str(v).strip()}

    texts: set[str] = set()
    for column in _free_text_columns(instrument):
        texts |= {v for v in values(column) if len(v) > 30}
    found = {"emails": values("RecipientEmail"), "last_names": values("RecipientLastName"),
             "ips": values("IPAddress"), "response_ids": values("ResponseId"), "texts": texts}
    # The checks below would be vacuous without personal data to look for.
    assert all(found.values()), {k: len(v) for k, v in found.items()}
    return found


def personal_found(text: str, personal: Mapping[str, set[str]]) -> list[str]:
    """The personal values that occur in ``text``; names only as whole words."""
    literal = sorted((value for key in ("emails", "ips", "response_ids", "texts")
                      for value in personal[key]), key=len, reverse=True)
    names = sorted(personal["last_names"], key=len, reverse=True)
    pattern = "|".join([*(re.escape(v) for v in literal),
                        *(rf"(?<!\w){re.escape(n)}(?!\w)" for n in names)])
    return sorted(set(re.findall(pattern, text)))


def test_personal_data_detector(personal: Mapping[str, set[str]]) -> None:
    email, name = sorted(personal["emails"])[0], sorted(personal["last_names"])[0]
    assert personal_found(f"<td>{email}</td>", personal) == [email]
    assert personal_found(f"Sgt. {name}, ", personal) == [name]
    assert personal_found(f"{name}s {name.lower()} x{name}", personal) == []
    assert personal_found("How, Dunning, Grants", {**personal, "last_names": {"Ho", "Dunn",
                                                                              "Grant"}}) == []


def with_config(config: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of the config with ``study`` / ``validation`` keys changed."""
    copy = json.loads(json.dumps(config))
    for key, value in changes.items():
        section, name = key.split("__")
        copy[section][name] = value
    return copy


def entries_failed(outcome: SuiteOutcome) -> list[dict[str, Any]]:
    return [e for e in outcome.summary["expectations"] if not e["success"]]


def entry(outcome: SuiteOutcome, expectation: str, column: str | None) -> dict[str, Any]:
    """The one summary entry of this expectation type on this column."""
    found = [e for e in outcome.summary["expectations"]
             if e["expectation"] == expectation and e["column"] == column]
    assert len(found) == 1, (expectation, column, found)
    return found[0]


def message_line(message: str, expectation: str, column: str | None) -> str:
    """The line of a failure message about this expectation on this column."""
    where = f"column {column!r}" if column else "table"
    lines = [line for line in message.splitlines()
             if line.strip().startswith(f"- {expectation} ({where})")]
    assert len(lines) == 1, (expectation, column, message)
    return lines[0]


def assert_failure_listed(outcome: SuiteOutcome, expectation: str, column: str | None,
                          rows: Iterable[Any] | None = None) -> str:
    """Assert the failure is in the summary and the message (with count and rows)."""
    found = entry(outcome, expectation, column)
    assert found["success"] is False
    assert found["severity"] == "critical"
    message = outcome.failure_message()
    line = message_line(message, expectation, column)
    assert found["says"] in line
    if rows is not None:
        rows = sorted(set(rows), key=str)
        assert sorted(set(found["unexpected_rows"]), key=str) == rows
        assert found["unexpected_count"] == len(found["unexpected_rows"])
        assert f" {found['unexpected_count']} of {found['element_count']} rows fail" in line
        quoted = re.search(r"\(rows ([^)]*)\)", line)
        assert quoted, line
        assert {part.strip() for part in quoted.group(1).split(",")} - {"..."} \
            == {str(row) for row in rows}
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
    columns = [c for c in records.columns if c not in READ_COLUMNS]
    checks = raw_suite(instrument, RawSuiteSettings.from_config(config), columns, "choice_text")
    assert statistics["evaluated"] == len(entries) == len(checks)
    assert statistics["successful"] + statistics["failed_critical"] \
        + statistics["failed_warning"] == statistics["evaluated"]
    assert statistics["successful"] == sum(e["success"] for e in entries) == len(entries)
    assert statistics["failed_critical"] == statistics["failed_warning"] == 0
    assert summary["rows"] == len(records)
    assert summary["row_label"] == "export row"
    assert summary["great_expectations_version"]
    assert sorted(e["says"] for e in entries) == sorted(c.says for c in checks)
    count = entry(baseline, "expect_column_sum_to_be_between", "_complete_count")
    assert count["observed_value"] == config["study"]["complete_responses"] \
        == int(records["exclusion"].isna().sum())


def test_every_raw_expectation_says_what_it_checks(baseline: SuiteOutcome) -> None:
    entries = baseline.summary["expectations"]
    assert entries
    assert [e for e in entries if not str(e.get("says", "")).strip()] == []


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
                 *_free_text_columns(instrument)):
        if name != "ResponseId":
            assert set(frame[name].dropna()) <= {True}, name


# --- 2. the suite is derived from the instrument ----------------------------

def _condition(expectation: Any) -> str:
    condition = getattr(expectation, "row_condition", None)
    if condition is None:
        return ""
    return str(getattr(condition, "pass_through_filter", condition))


def _all_columns(instrument: Instrument) -> list[str]:
    return ([name for name, _, _ in METADATA_COLUMNS]
            + [c.name for c in instrument.export_columns()] + list(instrument.embedded_data))


def _checks(instrument: Instrument, config: Mapping[str, Any], layout: str = "choice_text",
            columns: Iterable[str] | None = None) -> list[Any]:
    columns = _all_columns(instrument) if columns is None else list(columns)
    return raw_suite(instrument, RawSuiteSettings.from_config(config), columns, layout)


def _find(checks: Iterable[Any], expectation: str, column: str) -> list[Any]:
    return [c for c in checks if c.expectation.expectation_type == expectation
            and getattr(c.expectation, "column", None) == column]


def _answer_columns(item: Any) -> list[str]:
    if item.type == "multi":
        return [f"{item.column}_{option.choice}" for option in item.options]
    return [item.column]


def test_every_instrument_column_must_exist(instrument: Instrument,
                                            config: Mapping[str, Any]) -> None:
    checks = _checks(instrument, config)
    existing = {c.expectation.column for c in checks
                if c.expectation.expectation_type == "expect_column_to_exist"}
    assert {c.name for c in instrument.export_columns()} <= existing
    assert set(_all_columns(instrument)) == existing
    for check in checks:
        if check.expectation.expectation_type == "expect_column_to_exist":
            assert repr(check.expectation.column) in check.says


def test_every_single_choice_item_has_an_in_set_check(instrument: Instrument,
                                                      config: Mapping[str, Any]) -> None:
    singles = [item for item in instrument.items if item.type == "single"]
    assert singles
    for layout, value_of in (("choice_text", lambda o: o.label),
                             ("numeric", lambda o: str(o.code))):
        checks = _checks(instrument, config, layout)
        for item in singles:
            in_set = [c for c in _find(checks, "expect_column_values_to_be_in_set", item.column)
                      if not _condition(c.expectation)]
            assert len(in_set) == 1, (layout, item.id)
            assert set(in_set[0].expectation.value_set) == {value_of(o) for o in item.options}
            assert item.column in in_set[0].says and item.id in in_set[0].says


def test_every_multi_option_has_a_ticked_value_check(instrument: Instrument,
                                                     config: Mapping[str, Any]) -> None:
    multis = [item for item in instrument.items if item.type == "multi"]
    assert multis
    for layout in ("choice_text", "numeric"):
        checks = _checks(instrument, config, layout)
        for item in multis:
            for option in item.options:
                column = f"{item.column}_{option.choice}"
                ticked = _find(checks, "expect_column_values_to_be_in_set", column)
                assert len(ticked) == 1, (layout, column)
                expected = ["1"] if layout == "numeric" else [option.label]
                assert list(ticked[0].expectation.value_set) == expected


def test_numeric_items_have_range_checks(instrument: Instrument,
                                         config: Mapping[str, Any]) -> None:
    checks = _checks(instrument, config)
    numerics = [item for item in instrument.items if item.type == "numeric"]
    assert numerics
    for item in numerics:
        between = _find(checks, "expect_column_values_to_be_between", f"_number_{item.column}")
        assert len(between) == 1
        assert (between[0].expectation.min_value, between[0].expectation.max_value) \
            == item.range
        assert _find(checks, "expect_column_values_to_match_regex", item.column)


def test_every_item_not_asked_of_everyone_must_be_blank_for_the_others(
        instrument: Instrument, config: Mapping[str, Any]) -> None:
    checks = _checks(instrument, config)
    skipped = [item for item in instrument.items if item.asked_of != "all"]
    assert {item.type for item in skipped} >= {"single", "multi", "numeric", "text"}
    for item in skipped:
        for column in _answer_columns(item):
            blank = [c for c in _find(checks, "expect_column_values_to_be_null", column)
                     if "blank for respondents not asked" in c.says]
            assert len(blank) == 1, (item.id, column)
            condition = _condition(blank[0].expectation)
            assert f"_asked_{item.asked_of} == False" in condition
            assert "_complete == True" in condition
            assert instrument.population(item.asked_of).label in blank[0].says


@pytest.mark.xfail(strict=True, reason=(
    "package gap: the 'please specify' text columns (Q6_4_TEXT, Q29_6_TEXT) of items asked "
    "of a sub-population get no 'blank for respondents not asked' check"))
def test_other_text_columns_of_skipped_items_must_be_blank_for_the_others(
        instrument: Instrument, config: Mapping[str, Any]) -> None:
    checks = _checks(instrument, config)
    columns = [c.name for c in instrument.export_columns() if c.kind == "other_text"
               and instrument.item(c.item).asked_of != "all"]
    assert columns
    for column in columns:
        assert _find(checks, "expect_column_values_to_be_null", column), column


def test_every_required_item_must_be_answered(instrument: Instrument,
                                              config: Mapping[str, Any]) -> None:
    checks = _checks(instrument, config)
    required = [item for item in instrument.items if item.required]
    assert {item.type for item in required} >= {"single", "multi", "numeric"}
    for item in required:
        when_asked = f"_asked_{item.asked_of} == True"
        if item.type == "multi":
            found = _find(checks, "expect_column_values_to_be_in_set", f"_answered_{item.column}")
            assert len(found) == 1, item.id
            assert list(found[0].expectation.value_set) == [True]
        else:
            found = _find(checks, "expect_column_values_to_not_be_null", item.column)
            assert len(found) == 1, item.id
        assert when_asked in _condition(found[0].expectation)
    # ... and only required items get one.
    answered = {c.expectation.column for c in checks
                if c.expectation.expectation_type == "expect_column_values_to_not_be_null"
                and "_asked_" in _condition(c.expectation)}
    assert answered == {item.column for item in required if item.type != "multi"}


def test_suite_follows_changes_to_the_instrument(instrument: Instrument,
                                                 config: Mapping[str, Any]) -> None:
    q2 = instrument.item("agency_level")
    assert not q2.required
    extra = dataclasses.replace(q2.options[-1], code=9, label="Tribal")
    changed = dataclasses.replace(
        instrument, items=tuple(dataclasses.replace(item, required=True,
                                                    options=(*item.options, extra))
                                if item.id == q2.id else item for item in instrument.items))
    before = _checks(instrument, config)
    after = _checks(changed, config)
    assert not _find(before, "expect_column_values_to_not_be_null", "Q2")
    assert len(_find(after, "expect_column_values_to_not_be_null", "Q2")) == 1
    (in_set,) = _find(after, "expect_column_values_to_be_in_set", "Q2")
    assert "Tribal" in in_set.expectation.value_set
    assert len(after) == len(before) + 1


def test_suite_skips_value_checks_of_absent_columns(instrument: Instrument,
                                                    config: Mapping[str, Any]) -> None:
    columns = [c for c in _all_columns(instrument) if c != "Q12"]
    checks = _checks(instrument, config, columns=columns)
    assert _find(checks, "expect_column_to_exist", "Q12")
    assert not [c for c in checks if c.expectation.expectation_type != "expect_column_to_exist"
                and getattr(c.expectation, "column", None) == "Q12"]


@pytest.mark.parametrize(("setting", "severity"), [("warn", "warning"), ("fail", "critical")])
def test_unexpected_columns_setting_sets_severity(instrument: Instrument,
                                                  config: Mapping[str, Any], setting: str,
                                                  severity: str) -> None:
    checks = _checks(instrument, with_config(config, validation__unexpected_columns=setting))
    (match,) = [c for c in checks
                if c.expectation.expectation_type == "expect_table_columns_to_match_set"]
    assert str(getattr(match.expectation.severity, "value", match.expectation.severity)) \
        == severity


# --- 3. failures on edited records ------------------------------------------

def _complete(records: pd.DataFrame, mask: pd.Series | None = None) -> list[int]:
    """Indexes of complete records (optionally also meeting ``mask``)."""
    keep = records["exclusion"].isna()
    if mask is not None:
        keep &= mask
    return list(records.index[keep])


@pytest.fixture(scope="module")
def edited(records: pd.DataFrame, instrument: Instrument,
           config: Mapping[str, Any]) -> tuple[SuiteOutcome, dict[str, list[int]]]:
    """One run with eight independent defects, each on its own record(s), and no Q12."""
    rec = records.copy()
    used: set[int] = set()

    def pick(mask: pd.Series | None = None) -> int:
        index = next(i for i in _complete(rec, mask) if i not in used)
        used.add(index)
        return index

    asked_cac = rec["Q7"].eq("Yes") & rec["Q8"].notna() & rec["Q9"].notna()
    edits: dict[str, list[int]] = {}
    i = pick()
    rec.loc[i, "Q3"] = "About 50,000"
    edits["q3_label"] = [i]
    i = pick(asked_cac)
    rec.loc[i, "Q9"] = "67"
    edits["q9_range"] = [i]
    i = pick(rec["Q10"].eq("No") & rec["Q11"].isna())
    rec.loc[i, "Q11"] = "3 to 5 years"
    edits["q11_not_asked"] = [i]
    i = pick(asked_cac)
    rec.loc[i, "Q8"] = None
    edits["q8_blank"] = [i]
    first, second = pick(), pick()
    rec.loc[second, "ResponseId"] = rec.loc[first, "ResponseId"]
    edits["duplicate_id"] = [first, second]
    i = pick()
    rec.loc[i, "StartDate"] = "2013-03-01 10:00:00"
    rec.loc[i, "EndDate"] = "2013-03-01 10:20:00"
    edits["out_of_window"] = [i]
    i = pick()
    rec.loc[i, "Duration (in seconds)"] = "5"
    edits["too_fast"] = [i]
    i = pick(rec["Finished"].eq("True"))
    rec.loc[i, "Progress"] = "50"
    edits["unfinished"] = [i]
    rec = rec.drop(columns=["Q12"])
    rows = {name: [int(rec.loc[i, "export_row"]) for i in indexes]
            for name, indexes in edits.items()}
    return validate_raw_records(rec, instrument, config), rows


EDIT_FAILURES = [
    ("q3_label", "expect_column_values_to_be_in_set", "Q3"),
    ("q9_range", "expect_column_values_to_be_between", "_number_Q9"),
    ("q11_not_asked", "expect_column_values_to_be_null", "Q11"),
    ("q8_blank", "expect_column_values_to_not_be_null", "Q8"),
    ("duplicate_id", "expect_column_values_to_be_unique", "ResponseId"),
    ("out_of_window", "expect_column_values_to_be_between", "_start"),
    ("too_fast", "expect_column_values_to_be_between", "_duration"),
    ("unfinished", "expect_column_values_to_be_in_set", "_progress"),
]


def test_edited_records_fail(edited: tuple[SuiteOutcome, dict[str, list[int]]]) -> None:
    outcome, _ = edited
    assert outcome.success is False
    assert outcome.summary["success"] is False
    message = outcome.failure_message()
    assert message.startswith("suite 'raw': ")
    critical = {(e["expectation"], e["column"]) for e in entries_failed(outcome)
                if e["severity"] == "critical"}
    expected = {(expectation, column) for _, expectation, column in EDIT_FAILURES}
    expected.add(("expect_column_to_exist", "Q12"))
    assert critical == expected
    assert f"{len(expected)} of {len(outcome.summary['expectations'])} expectations failed" \
        in message


@pytest.mark.parametrize(("edit", "expectation", "column"), EDIT_FAILURES,
                         ids=[edit for edit, _, _ in EDIT_FAILURES])
def test_edit_is_reported_with_rows(edited: tuple[SuiteOutcome, dict[str, list[int]]],
                                    edit: str, expectation: str, column: str) -> None:
    outcome, rows = edited
    line = assert_failure_listed(outcome, expectation, column, rows[edit])
    named = column.removeprefix("_number_")
    assert named in line or column in line
    assert entry(outcome, expectation, column)["unexpected_rows"] \
        == sorted(entry(outcome, expectation, column)["unexpected_rows"])


def test_missing_column_is_reported(edited: tuple[SuiteOutcome, dict[str, list[int]]]) -> None:
    outcome, _ = edited
    line = assert_failure_listed(outcome, "expect_column_to_exist", "Q12")
    assert "'Q12'" in line


def test_failure_outputs_hold_no_personal_data(
        edited: tuple[SuiteOutcome, dict[str, list[int]]],
        personal: Mapping[str, set[str]]) -> None:
    outcome, _ = edited
    assert personal_found(outcome.failure_message(), personal) == []
    assert personal_found(outcome.failure_message(examples=1000), personal) == []
    assert personal_found(json.dumps(outcome.summary), personal) == []
    assert personal_found(outcome.html, personal) == []


# --- 4.-6. an export with numeric values; extra columns; the response count ---
#
# Two runs on the export as written with Qualtrics' "numeric values" option:
# one that must pass (with an extra column Q99 that only warns), one with
# three independent defects (a code 9 in Q3; Q99 with unexpected_columns
# "fail"; study.complete_responses 150).

def _recode(series: pd.Series, mapping: Mapping[str, str]) -> pd.Series:
    return pd.Series([None if value is None or pd.isna(value) else mapping[value]
                      for value in series], index=series.index, dtype=object)


@pytest.fixture(scope="module")
def numeric_records(records: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The export as Qualtrics writes it with "numeric values" chosen, plus a column Q99."""
    rec = records.copy()
    rec["Status"] = _recode(rec["Status"], {label: code for code, label in STATUS_CODES.items()})
    rec["Finished"] = _recode(rec["Finished"], {"True": "1", "False": "0"})
    for item in instrument.items:
        if item.type == "single":
            rec[item.column] = _recode(rec[item.column],
                                       {o.label: str(o.code) for o in item.options})
        elif item.type == "multi":
            for option in item.options:
                column = f"{item.column}_{option.choice}"
                rec[column] = _recode(rec[column], {option.label: "1"})
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
    index = _complete(rec)[3]
    rec.loc[index, "Q3"] = "9"
    changed = with_config(config, validation__unexpected_columns="fail",
                          study__complete_responses=150)
    return validate_raw_records(rec, instrument, changed), int(rec.loc[index, "export_row"])


def test_numeric_export_passes(numeric_passing: SuiteOutcome) -> None:
    outcome = numeric_passing
    assert outcome.success, outcome.failure_message()
    assert outcome.summary["statistics"]["failed_critical"] == 0
    q3 = entry(outcome, "expect_column_values_to_be_in_set", "Q3")
    assert q3["kwargs"]["value_set"] == ["1", "2", "3"]
    ticked = entry(outcome, "expect_column_values_to_be_in_set", "Q6_1")
    assert ticked["kwargs"]["value_set"] == ["1"]


def test_extra_column_only_warns_by_default(numeric_passing: SuiteOutcome) -> None:
    outcome = numeric_passing
    assert outcome.success
    warnings = outcome.warnings()
    assert warnings
    match = entry(outcome, "expect_table_columns_to_match_set", None)
    assert match["success"] is False and match["severity"] == "warning"
    assert warnings == [match["says"]]
    assert "Q99" in match["observed_value"]
    assert outcome.summary["statistics"]["failed_warning"] == 1
    assert "expect_table_columns_to_match_set" not in outcome.failure_message()


def test_numeric_export_with_unknown_code_fails(
        numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, row = numeric_failing
    assert outcome.success is False
    assert_failure_listed(outcome, "expect_column_values_to_be_in_set", "Q3", [row])
    failed = {(e["expectation"], e["column"]) for e in entries_failed(outcome)}
    assert failed == {("expect_column_values_to_be_in_set", "Q3"),
                      ("expect_table_columns_to_match_set", None),
                      ("expect_column_sum_to_be_between", "_complete_count")}


def test_extra_column_fails_when_configured(numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, _ = numeric_failing
    assert_failure_listed(outcome, "expect_table_columns_to_match_set", None)
    assert "Q99" in entry(outcome, "expect_table_columns_to_match_set", None)["observed_value"]
    assert outcome.warnings() == []


def test_wrong_count_of_complete_responses_fails(
        numeric_failing: tuple[SuiteOutcome, int]) -> None:
    outcome, _ = numeric_failing
    line = assert_failure_listed(outcome, "expect_column_sum_to_be_between", "_complete_count")
    assert "150" in line
    assert "Found 144" in line


# --- 7. the clean suite ------------------------------------------------------

def _pseudonym(n: int) -> str:
    return f"P_{n:016x}"


def _text_variables(instrument: Instrument) -> list[str]:
    return ([item.id for item in instrument.items if item.type == "text"]
            + [c.variable for c in instrument.export_columns() if c.kind == "other_text"])


def _clean(instrument: Instrument, answers: list[dict[str, str | None]],
           pseudonyms: list[str], **extra: list[Any]) -> pd.DataFrame:
    frame = pd.DataFrame({"pseudonym": pseudonyms}, dtype=object)
    for column in _text_variables(instrument):
        frame[column] = pd.Series([row.get(column) for row in answers], dtype=object)
    for name, values in extra.items():
        frame[name] = pd.Series(values, dtype=object)
    return frame


def _own(pseudonyms: list[str]) -> dict[str, list[str]]:
    names = ["Hammond", "Ortega", "Ho", "Barker", "Perkins", "Foster", "Grant", "Davis",
             "Smith", "Simmons", "Bell", "Sullivan", "Moses", "Ortiz"]
    return {p: [name, "Chris", f"{name.lower()}@examplepd.org"]
            for p, name in zip(pseudonyms, names, strict=False)}


GOOD_TEXT = "Ads moved online, so buyers and victims are reached faster"


@pytest.fixture(scope="module")
def good_clean(instrument: Instrument) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    variables = _text_variables(instrument)
    pseudonyms = [_pseudonym(0x0123456789ABCDEF + n) for n in range(4)]
    answers: list[dict[str, str | None]] = [
        {variables[0]: GOOD_TEXT, "oe_needs": "More training on phones, 24/7 support"},
        # "Ho" is this respondent's own last name: "How" must not count as it.
        {variables[1]: "How they advertise changed: it is all on classified sites now"},
        {"unit.other_text": "Vice/Narcotics", "obstacles.other_text": "Courts"},
        {},
    ]
    return _clean(instrument, answers, pseudonyms), _own(pseudonyms)


@pytest.fixture(scope="module")
def bad_clean(instrument: Instrument) -> tuple[pd.DataFrame, dict[str, list[str]], list[str]]:
    text = _text_variables(instrument)[0]
    pseudonyms = [_pseudonym(0xABC000 + n) for n in range(11)]
    pseudonyms[6] = "P_0123456789ABCDEG"  # malformed
    pseudonyms[8] = pseudonyms[7]  # duplicated
    own = _own(pseudonyms)
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
    ]
    emails = [None] * 10 + ["x@y.org"]
    frame = _clean(instrument, answers, pseudonyms, RecipientEmail=emails)
    leaked = [GOOD_TEXT, "jane.doe@example.org", "(603) 555-0142", "192.168.10.20",
              "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "facebook.com/jane.doe.5",
              "x@y.org", *own[pseudonyms[9]], own[pseudonyms[10]][2]]
    return frame, own, leaked


@pytest.fixture(scope="module")
def bad_outcome(bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]],
                instrument: Instrument) -> SuiteOutcome:
    frame, own, _ = bad_clean
    return run_suite("clean", clean_frame(frame, instrument, own), clean_suite(instrument),
                     row_label="pseudonym")


def test_good_clean_frame_passes(good_clean: tuple[pd.DataFrame, dict[str, list[str]]],
                                 instrument: Instrument) -> None:
    frame, own = good_clean
    assert all(re.fullmatch(PSEUDONYM_PATTERN, p) for p in frame["pseudonym"])
    outcome = run_suite("clean", clean_frame(frame, instrument, own), clean_suite(instrument),
                        row_label="pseudonym")
    assert outcome.success, outcome.failure_message()
    assert outcome.summary["row_label"] == "pseudonym"
    assert outcome.summary["statistics"]["successful"] == len(clean_suite(instrument))
    assert all(e["says"] for e in outcome.summary["expectations"])
    assert json.loads(json.dumps(outcome.summary)) == outcome.summary


def test_clean_frame_holds_counts_not_text(
        bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]],
        instrument: Instrument) -> None:
    frame, own, leaked = bad_clean
    reduced = clean_frame(frame, instrument, own)
    assert not set(_text_variables(instrument)) & set(reduced.columns)
    cells = "\n".join(str(v) for column in reduced.columns for v in reduced[column])
    assert [value for value in leaked if value in cells] == []
    assert reduced["RecipientEmail"].tolist() == [True] * len(frame)
    for kind in PERSONAL_PATTERNS:
        assert reduced[f"_{kind}_found"].sum() >= 1, kind


CLEAN_FAILURES = [
    # (expectation, column, indexes of the rows at fault in bad_clean)
    ("expect_column_values_to_be_in_set", "_email_found", [1, 10]),
    ("expect_column_values_to_be_in_set", "_phone_found", [2]),
    ("expect_column_values_to_be_in_set", "_ipv4_found", [3]),
    ("expect_column_values_to_be_in_set", "_ipv6_found", [4]),
    ("expect_column_values_to_be_in_set", "_profile_url_found", [5]),
    ("expect_column_values_to_match_regex", "pseudonym", [6]),
    ("expect_column_values_to_be_unique", "pseudonym", [7, 8]),
    ("expect_column_values_to_be_in_set", "_own_identifier_found", [9, 10]),
]


def _identifier_failures(outcome: SuiteOutcome) -> list[dict[str, Any]]:
    """Failed entries other than CLEAN_FAILURES: the leftover identifier column's check.

    Matched loosely, by what it says, so that the test holds whichever expectation
    type checks that a column is absent.
    """
    known = {(expectation, column) for expectation, column, _ in CLEAN_FAILURES}
    return [e for e in entries_failed(outcome) if (e["expectation"], e["column"]) not in known]


def test_clean_defects_fail(bad_outcome: SuiteOutcome) -> None:
    assert bad_outcome.success is False
    failed = {(e["expectation"], e["column"]) for e in entries_failed(bad_outcome)}
    assert failed >= {(expectation, column) for expectation, column, _ in CLEAN_FAILURES}
    assert len(_identifier_failures(bad_outcome)) == 1
    assert bad_outcome.failure_message().startswith(
        f"suite 'clean': {len(CLEAN_FAILURES) + 1} of ")


@pytest.mark.parametrize(("expectation", "column", "rows"), CLEAN_FAILURES,
                         ids=[f"{column}-{expectation.rsplit('_', 1)[-1]}"
                              for expectation, column, _ in CLEAN_FAILURES])
def test_clean_defect_is_named(bad_outcome: SuiteOutcome,
                               bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]],
                               expectation: str, column: str, rows: list[int]) -> None:
    frame, _, _ = bad_clean
    assert_failure_listed(bad_outcome, expectation, column,
                          [frame.loc[i, "pseudonym"] for i in rows])


def test_leftover_identifier_column_is_named(bad_outcome: SuiteOutcome) -> None:
    (failure,) = _identifier_failures(bad_outcome)
    assert failure["severity"] == "critical"
    assert "RecipientEmail" in failure["says"]
    lines = [line for line in bad_outcome.failure_message().splitlines()
             if failure["says"] in line]
    assert len(lines) == 1
    assert failure["expectation"] in lines[0]


def test_clean_failure_holds_no_personal_data(
        bad_outcome: SuiteOutcome,
        bad_clean: tuple[pd.DataFrame, dict[str, list[str]], list[str]]) -> None:
    _, _, leaked = bad_clean
    outputs = {"message": bad_outcome.failure_message(examples=1000),
               "summary": json.dumps(bad_outcome.summary), "html": bad_outcome.html}
    for name, text in outputs.items():
        hits = [v for v in leaked if re.search(rf"(?<!\w){re.escape(v)}(?!\w)", text)]
        assert hits == [], name


@pytest.mark.parametrize("address", ["2001:db8::1", "fe80::1ff:fe23:4567:890a"])
@pytest.mark.xfail(strict=True, reason=(
    "package bug: PERSONAL_PATTERNS['ipv6'] only matches uncompressed addresses; any address "
    "written with '::' escapes the clean suite"))
def test_compressed_ipv6_is_found(instrument: Instrument, address: str) -> None:
    pseudonym = _pseudonym(1)
    frame = _clean(instrument, [{"oe_needs": f"it came from {address} again"}], [pseudonym])
    assert clean_frame(frame, instrument, {})["_ipv6_found"].tolist() == [1]
