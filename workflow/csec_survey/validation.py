"""Data expectations, run with Great Expectations, that a build must meet.

Two suites, both derived from the instrument and the config rather than from
hand-kept column lists:

- ``raw``, on the records of the export as read (strings, every record with
  the exclusion rule that dropped it, if any): the columns, the answer codes,
  ranges, required answers, skip logic both ways, the response metadata, the
  fieldwork window and the number of complete responses.
- ``clean``, on the de-identified responses: no direct identifier column,
  well-formed unique pseudonyms, no e-mail, phone, IP address or profile URL
  left in the free text, and no respondent's own name or e-mail in their
  own answers.

Each expectation carries a sentence saying what it checks, so that a failure
reads as an instruction. Frames handed to Great Expectations hold no personal
data: identifying and free-text columns are reduced to "answered or not"
before validation, and failures name rows by number or pseudonym only.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from csec_survey.instrument import Instrument, Item
from csec_survey.platforms import platform_mentions
from csec_survey.qualtrics import METADATA_COLUMNS, STATUS_CODES

__all__ = [
    "DIRECT_IDENTIFIERS",
    "PERSONAL_PATTERNS",
    "PSEUDONYM_PATTERN",
    "RawSuiteSettings",
    "SuiteOutcome",
    "clean_frame",
    "clean_suite",
    "contains_personal_data",
    "raw_frame",
    "raw_suite",
    "respondent_identifiers",
    "run_suite",
    "validate_clean_responses",
    "validate_raw_records",
    "write_outcome",
]

DIRECT_IDENTIFIERS: tuple[str, ...] = (
    "IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "ResponseId",
)
"""Metadata columns that identify a respondent; none survives de-identification."""

PSEUDONYM_PATTERN = r"^P_[0-9a-f]{16}$"
"""The form of the keyed pseudonym that replaces ResponseId."""

PERSONAL_PATTERNS: Mapping[str, str] = {
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "phone": r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)",
    "ipv4": r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])",
    # Candidates only: a match counts when Python parses it as an IPv6 address.
    "ipv6": r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![\w:])",
    "profile_url": r"(?:facebook|myspace|instagram|twitter|tumblr|kik)\.com/[\w.\-?=/]*\w",
}
"""Patterns of personal data that must not survive in de-identified free text."""


def contains_personal_data(kind: str, text: str) -> bool:
    """Whether ``text`` holds personal data of one of the `PERSONAL_PATTERNS` kinds."""
    if not _CANDIDATE[kind](text):
        return False
    for match in _COMPILED[kind].finditer(text):
        if kind != "ipv6":
            return True
        try:
            ipaddress.IPv6Address(match.group(0))
        except ValueError:
            continue
        return True
    return False


_COMPILED = {kind: re.compile(pattern, re.IGNORECASE)
             for kind, pattern in PERSONAL_PATTERNS.items()}
_DIGIT = re.compile(r"\d")
# What a text must hold for each pattern to match at all: a cheap test that spares most
# answers the regular expressions (their cost dominates the clean suite at scale).
_CANDIDATE: Mapping[str, Callable[[str], bool]] = {
    "email": lambda text: "@" in text,
    "phone": lambda text: _DIGIT.search(text) is not None,
    "ipv4": lambda text: _DIGIT.search(text) is not None,
    "ipv6": lambda text: text.count(":") >= 2,
    "profile_url": lambda text: ".com/" in text.lower(),
}
_ROW = "_export_row"
_CLEAN_ROW = "_row"
_COMPLETE = "_complete"


@dataclass(frozen=True)
class RawSuiteSettings:
    """Thresholds of the raw suite, from the ``validation`` section of the config."""

    complete_responses: int
    fieldwork_start: date
    fieldwork_end: date
    min_duration_seconds: int
    max_duration_seconds: int
    unexpected_columns: str = "warn"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> RawSuiteSettings:
        """Read the settings from the workflow config."""
        study, checks = config["study"], config["validation"]
        return cls(
            complete_responses=int(study["complete_responses"]),
            fieldwork_start=date.fromisoformat(str(study["fieldwork"]["start"])),
            fieldwork_end=date.fromisoformat(str(study["fieldwork"]["end"])),
            min_duration_seconds=int(checks["duration_seconds"]["min"]),
            max_duration_seconds=int(checks["duration_seconds"]["max"]),
            unexpected_columns=str(checks["unexpected_columns"]),
        )


@dataclass(frozen=True)
class Check:
    """One expectation and the sentence that says what it checks."""

    expectation: Any
    says: str


@dataclass(frozen=True)
class SuiteOutcome:
    """What a suite run found, free of personal data."""

    suite: str
    success: bool
    summary: dict[str, Any]
    html: str

    def failure_message(self, examples: int = 5) -> str:
        """A message naming every failed critical expectation, its column, rows and fix."""
        failed = [e for e in self.summary["expectations"]
                  if not e["success"] and e["severity"] == "critical"]
        lines = [f"suite '{self.suite}': {len(failed)} of {len(self.summary['expectations'])} "
                 "expectations failed"]
        for entry in failed:
            where = f" column {entry['column']!r}:" if entry.get("column") else ""
            detail = _failure_detail(entry, examples)
            lines.append(f"  - {entry['expectation']} ({where.strip(' :') or 'table'}): "
                         f"{entry['says']}.{detail}")
        return "\n".join(lines)

    def warnings(self) -> list[str]:
        """What the expectations that failed with warning severity say, with what was found."""
        return [entry["says"] + "." + _failure_detail(entry, 5)
                for entry in self.summary["expectations"]
                if not entry["success"] and entry["severity"] != "critical"]


def raw_frame(records: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The records reduced to what the raw suite needs, with no personal data left.

    ``records`` is every record of the export as read (strings or None), with
    ``export_row`` and ``exclusion`` columns from the reading step.
    """
    columns: dict[str, pd.Series] = {}
    text_columns = {item.column for item in instrument.items if item.type == "text"}
    text_columns |= {c.name for c in instrument.export_columns() if c.kind == "other_text"}
    hidden = set(DIRECT_IDENTIFIERS) | set(instrument.embedded_data) | text_columns
    for name in records.columns:
        if name in ("export_row", "exclusion"):
            continue
        if name == "ResponseId":
            columns[name] = records[name].map(_digest)
        elif name in hidden:
            # Whether it was answered is all the suite needs; the value may be personal.
            columns[name] = records[name].notna().map({True: True, False: None}).astype(object)
        else:
            columns[name] = records[name]
    complete = records["exclusion"].isna()
    columns[_ROW] = records["export_row"].astype("int64")
    columns[_COMPLETE] = complete
    columns["_complete_count"] = complete.astype("int64")
    # Conditions as plain columns: a value where its condition holds, null elsewhere.
    # (Row conditions would cost Great Expectations a pandas query over the
    # whole frame for each expectation.)
    missing = pd.Series(None, index=records.index, dtype=object)
    finished = records.get("Finished", missing).isin(["True", "1"])
    channel = records.get("DistributionChannel", missing)
    status = records.get("Status", missing)
    progress = pd.to_numeric(records.get("Progress", missing), errors="coerce")
    columns["_progress"] = progress
    columns["_finished_progress"] = progress.where(finished)
    columns["_preview_status"] = status.where(channel == "preview")
    columns["_test_status"] = status.where(channel == "test")
    for name, source in (("_start", "StartDate"), ("_end", "EndDate")):
        columns[name] = pd.to_datetime(records.get(source, missing),
                                       format="%Y-%m-%d %H:%M:%S", errors="coerce")
    columns["_complete_start"] = columns["_start"].where(complete)
    columns["_complete_duration"] = pd.to_numeric(
        records.get("Duration (in seconds)", missing), errors="coerce").where(complete)
    layout = _layout(records)
    for population in instrument.populations.values():
        columns[f"_asked_{population.id}"] = _asked(records, instrument, population.id, layout)
    for item in instrument.items:
        if item.type == "numeric" and item.column in records.columns:
            columns[f"_number_{item.column}"] = pd.to_numeric(records[item.column],
                                                              errors="coerce")
        columns.update(_skip_logic(columns, item))
    return pd.DataFrame(columns, index=records.index)


def _skip_logic(columns: Mapping[str, pd.Series], item: Item) -> dict[str, pd.Series]:
    """Skip logic as plain columns: answers of those not asked, and whether those asked answered."""
    complete = columns[_COMPLETE]
    asked = complete & columns[f"_asked_{item.asked_of}"]
    names = ([f"{item.column}_{option.choice}" for option in item.options]
             if item.type == "multi" else [item.column])
    present = [name for name in names if name in columns]
    helpers: dict[str, pd.Series] = {}
    if item.asked_of != "all":
        for name in present:
            helpers[f"_unasked_{name}"] = columns[name].where(complete & ~asked)
    if item.required and len(present) == len(names):
        answered = pd.concat([columns[name] for name in present], axis=1).notna().any(axis=1)
        helpers[f"_required_{item.column}"] = answered.astype(object).where(asked)
    if item.other_text is not None:
        choice = item.option(item.other_text).choice
        box, text = f"{item.column}_{choice}", f"{item.column}_{choice}_TEXT"
        if box in columns and text in columns:
            helpers[f"_unticked_{text}"] = columns[text].where(complete & columns[box].isna())
    return helpers


def raw_suite(instrument: Instrument, settings: RawSuiteSettings, export_columns: Iterable[str],
              helper_columns: Iterable[str], layout_values: str) -> list[Check]:
    """The raw suite for a `raw_frame` of an export with these columns and value layout."""
    import great_expectations as gx

    e = gx.expectations
    present = set(export_columns)
    helpers = sorted(helper_columns)
    expected = [name for name, _, _ in METADATA_COLUMNS]
    expected += [column.name for column in instrument.export_columns()]
    expected += list(instrument.embedded_data)
    checks = [Check(e.ExpectColumnToExist(column=name),
                    f"the export has the column {name!r} that the instrument defines")
              for name in expected]
    checks.append(Check(
        e.ExpectTableColumnsToMatchSet(
            column_set=[*expected, *helpers], exact_match=True,
            severity="critical" if settings.unexpected_columns == "fail" else "warning"),
        "the export has no columns beyond those the instrument and Qualtrics define"))

    checks += [
        Check(e.ExpectColumnValuesToNotBeNull(column="ResponseId"),
              "every record has a ResponseId"),
        Check(e.ExpectColumnValuesToBeUnique(column="ResponseId"),
              "no two records share a ResponseId"),
        Check(e.ExpectColumnValuesToBeInSet(
            column="Status", value_set=sorted({*STATUS_CODES, *STATUS_CODES.values()})),
              "Status holds a Qualtrics response type"),
        Check(e.ExpectColumnValuesToBeInSet(
            column="Finished", value_set=["True", "False", "1", "0"]),
              "Finished is True/False (or 1/0)"),
        Check(e.ExpectColumnValuesToBeBetween(column="_progress", min_value=0, max_value=100),
              "Progress is a percentage between 0 and 100"),
        Check(e.ExpectColumnValuesToBeInSet(column="_finished_progress", value_set=[100]),
              "a finished response has Progress 100"),
        Check(e.ExpectColumnValuesToBeInSet(
            column="_preview_status", value_set=["Survey Preview", "1", "Offline Survey Preview",
                                                 "17", "Preview Spam", "9"]),
              "a record distributed as a preview is marked as a preview in Status"),
        Check(e.ExpectColumnValuesToBeInSet(column="_test_status", value_set=["Survey Test", "2"]),
              "a record distributed as a test is marked as a test in Status"),
        Check(e.ExpectColumnValuesToNotBeNull(column="_start"),
              "StartDate is a date and time like 2012-11-05 09:30:00"),
        Check(e.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="_end", column_B="_start", or_equal=True,
            ignore_row_if="either_value_is_missing"),
              "no response ends before it starts"),
        Check(e.ExpectColumnValuesToBeBetween(
            column="_complete_start",
            min_value=datetime.combine(settings.fieldwork_start, datetime.min.time()),
            max_value=datetime.combine(settings.fieldwork_end + timedelta(days=1),
                                       datetime.min.time()),
            strict_max=True),
              f"every complete response started within the fieldwork window "
              f"{settings.fieldwork_start} to {settings.fieldwork_end} (config study.fieldwork)"),
        Check(e.ExpectColumnValuesToBeBetween(
            column="_complete_duration", min_value=settings.min_duration_seconds,
            max_value=settings.max_duration_seconds),
              f"every complete response took between {settings.min_duration_seconds} and "
              f"{settings.max_duration_seconds} seconds (config validation.duration_seconds)"),
        Check(e.ExpectColumnSumToBeBetween(
            column="_complete_count", min_value=settings.complete_responses,
            max_value=settings.complete_responses),
              f"the export has {settings.complete_responses} complete responses after "
              "exclusions (config study.complete_responses)"),
    ]
    for item in instrument.items:
        checks += _item_checks(item, instrument, present, layout_values)
    return checks


def _item_checks(item: Item, instrument: Instrument, present: set[str],
                 layout_values: str) -> list[Check]:
    import great_expectations as gx

    e = gx.expectations
    who = instrument.population(item.asked_of).label
    named = f"{item.column} ({item.id})"
    checks: list[Check] = []
    if item.type == "multi":
        columns = [f"{item.column}_{option.choice}" for option in item.options]
        for option, column in zip(item.options, columns, strict=True):
            if column not in present:
                continue
            ticked = ["1"] if layout_values == "numeric" else [option.label]
            checks.append(Check(
                e.ExpectColumnValuesToBeInSet(column=column, value_set=ticked),
                f"a ticked box of {column} ({item.id}) reads {ticked[0]!r}"))
            if item.asked_of != "all":
                checks.append(Check(
                    e.ExpectColumnValuesToBeNull(column=f"_unasked_{column}"),
                    f"{column} ({item.id}) is blank for respondents not asked it "
                    f"(only {who} are)"))
        if item.required and all(column in present for column in columns):
            checks.append(Check(
                e.ExpectColumnValuesToBeInSet(column=f"_required_{item.column}",
                                              value_set=[True]),
                f"{named} has a box ticked by every one of {who}"))
        if item.other_text is not None:
            other = item.option(item.other_text)
            text = f"{item.column}_{other.choice}_TEXT"
            if text in present and f"{item.column}_{other.choice}" in present:
                checks.append(Check(
                    e.ExpectColumnValuesToBeNull(column=f"_unticked_{text}"),
                    f"{text} ({item.id}) is blank unless its {other.label!r} box is ticked"))
        return checks
    if item.column not in present:
        return checks
    if item.type == "single":
        values = [str(code) for code in item.codes] if layout_values == "numeric" \
            else [str(option.label) for option in item.options]
        checks.append(Check(e.ExpectColumnValuesToBeInSet(column=item.column, value_set=values),
                            f"{named} holds only the instrument's answer options "
                            f"({', '.join(repr(v) for v in values)})"))
    if item.type == "numeric":
        assert item.range is not None
        checks.append(Check(
            e.ExpectColumnValuesToMatchRegex(column=item.column,
                                             regex=r"^\s*\d+(?:\.\d+)?\s*$"),
            f"{named} holds plain numbers"))
        checks.append(Check(
            e.ExpectColumnValuesToBeBetween(column=f"_number_{item.column}",
                                            min_value=item.range[0], max_value=item.range[1]),
            f"{named} lies between {item.range[0]:g} and {item.range[1]:g}"))
    if item.asked_of != "all":
        checks.append(Check(
            e.ExpectColumnValuesToBeNull(column=f"_unasked_{item.column}"),
            f"{named} is blank for respondents not asked it (only {who} are)"))
    if item.required:
        checks.append(Check(
            e.ExpectColumnValuesToBeInSet(column=f"_required_{item.column}", value_set=[True]),
            f"{named} is answered by every one of {who} (the survey forced a response)"))
    return checks


def respondent_identifiers(responses: pd.DataFrame,
                           pseudonyms: Sequence[str]) -> dict[str, list[str]]:
    """Each respondent's own full name, surname and e-mail, by pseudonym: what the clean
    suite looks for in their answers (a first name alone is too often an ordinary word)."""
    def values(name: str) -> list[str]:
        return [str(value).strip() if pd.notna(value) else ""
                for value in responses[name].to_numpy(dtype=object)]

    firsts, lasts = values("RecipientFirstName"), values("RecipientLastName")
    return {str(p): [f"{first} {last}".strip(), last, email]
            for p, first, last, email in zip(pseudonyms, firsts, lasts,
                                             values("RecipientEmail"), strict=True)}


def clean_frame(clean: pd.DataFrame, instrument: Instrument,
                own_identifiers: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The de-identified responses reduced to what the clean suite needs.

    ``own_identifiers`` maps each pseudonym to the respondent's own name and
    e-mail, kept in memory only; the frame holds counts of matches, never the
    values or the free text itself. Rows are labelled by their position
    (``_row``), so that a malformed pseudonym is never quoted.
    """
    text = [item.id for item in instrument.items if item.type == "text"]
    text += [column.variable for column in instrument.export_columns()
             if column.kind == "other_text"]
    text = [column for column in text if column in clean.columns]
    frame = pd.DataFrame(index=clean.index)
    frame[_CLEAN_ROW] = range(1, len(clean) + 1)
    frame["pseudonym"] = clean["pseudonym"] if "pseudonym" in clean.columns else None
    for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data):
        frame[f"_present_{name}"] = int(name in clean.columns)
    # Each respondent's answers as plain strings: row-wise pandas is slow at scale.
    answers: list[list[str]] = [[] for _ in range(len(clean))]
    for name in text:
        for row, value in zip(answers, clean[name].to_numpy(dtype=object, na_value=None),
                              strict=True):
            if value is not None:
                row.append(str(value))
    for kind in PERSONAL_PATTERNS:
        frame[f"_{kind}_found"] = [sum(contains_personal_data(kind, value) for value in row)
                                   for row in answers]
    frame["_own_identifier_found"] = [
        _own_hits(row, own_identifiers.get(str(pseudonym), ()))
        for row, pseudonym in zip(answers, frame["pseudonym"], strict=True)
    ]
    return frame


def clean_suite(instrument: Instrument) -> list[Check]:
    """The clean suite for de-identified responses (a `clean_frame`)."""
    import great_expectations as gx

    e = gx.expectations
    checks = [Check(e.ExpectColumnMaxToBeBetween(column=f"_present_{name}", max_value=0),
                    f"the direct identifier column {name!r} is gone")
              for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data)]
    checks += [
        Check(e.ExpectColumnValuesToNotBeNull(column="pseudonym"),
              "every response has a pseudonym"),
        Check(e.ExpectColumnValuesToMatchRegex(column="pseudonym", regex=PSEUDONYM_PATTERN),
              f"pseudonyms have the form {PSEUDONYM_PATTERN}"),
        Check(e.ExpectColumnValuesToBeUnique(column="pseudonym"),
              "no two responses share a pseudonym"),
    ]
    for kind in PERSONAL_PATTERNS:
        checks.append(Check(
            e.ExpectColumnValuesToBeInSet(column=f"_{kind}_found", value_set=[0]),
            f"no free-text answer contains {kind.replace('_', ' ')} pattern"))
    checks.append(Check(
        e.ExpectColumnValuesToBeInSet(column="_own_identifier_found", value_set=[0]),
        "no answer contains the respondent's own name or e-mail"))
    return checks


def run_suite(name: str, frame: pd.DataFrame, checks: Sequence[Check],
              row_label: str = _ROW) -> SuiteOutcome:
    """Validate ``frame`` against ``checks`` in one ephemeral Great Expectations context."""
    import great_expectations as gx
    from great_expectations.render.renderer import ValidationResultsPageRenderer
    from great_expectations.render.view import DefaultJinjaPageView

    # Great Expectations filters the whole frame for each metric: one block per dtype
    # (which the copy consolidates into) makes that a few numpy takes, not a pyarrow
    # call per string column.
    frame = frame.astype({name: object for name, dtype in frame.dtypes.items()
                          if isinstance(dtype, pd.StringDtype)}).copy()
    context = gx.get_context(mode="ephemeral")
    _quiet(context)
    batch_definition = (context.data_sources.add_pandas(name).add_dataframe_asset(name)
                        .add_batch_definition_whole_dataframe(name))
    for check in checks:
        check.expectation.meta = {"says": check.says}
    # Built whole: add_expectation compares each new expectation with all before it.
    suite = gx.ExpectationSuite(name=name, expectations=[c.expectation for c in checks])
    batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
    result = batch.validate(suite, result_format={
        "result_format": "COMPLETE", "unexpected_index_column_names": [row_label],
        "partial_unexpected_count": 0, "return_unexpected_index_query": False})
    entries = []
    for expectation_result in result.results:
        _scrub(expectation_result.result, row_label)
        entries.append(_entry(expectation_result, row_label))
    html = DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(result))
    critical_failures = sum(not e["success"] and e["severity"] == "critical" for e in entries)
    summary = {
        "suite": name,
        "success": critical_failures == 0,
        "great_expectations_version": gx.__version__,
        "rows": len(frame),
        "row_label": {_ROW: "export row", _CLEAN_ROW: "row of the de-identified table"}.get(
            row_label, row_label),
        "statistics": {"evaluated": len(entries),
                       "successful": sum(e["success"] for e in entries),
                       "failed_critical": critical_failures,
                       "failed_warning": sum(not e["success"] and e["severity"] != "critical"
                                             for e in entries)},
        "expectations": entries,
    }
    return SuiteOutcome(suite=name, success=critical_failures == 0, summary=summary, html=html)


def validate_raw_records(records: pd.DataFrame, instrument: Instrument,
                         config: Mapping[str, Any]) -> SuiteOutcome:
    """Run the raw suite on the records of an export (as `read_records` gives them)."""
    frame = raw_frame(records, instrument)
    export_columns = [name for name in records.columns if name not in ("export_row", "exclusion")]
    helpers = [name for name in frame.columns if name not in export_columns]
    checks = raw_suite(instrument, RawSuiteSettings.from_config(config), export_columns, helpers,
                       _layout(records))
    return run_suite("raw", frame, checks)


def validate_clean_responses(clean: pd.DataFrame, instrument: Instrument,
                             own_identifiers: Mapping[str, Sequence[str]]) -> SuiteOutcome:
    """Run the clean suite on de-identified responses (see `clean_frame`)."""
    return run_suite("clean", clean_frame(clean, instrument, own_identifiers),
                     clean_suite(instrument), row_label=_CLEAN_ROW)


def write_outcome(outcome: SuiteOutcome, summary_path: str | Path, html_path: str | Path,
                  ) -> None:
    """Write the JSON summary and the Data Docs page of a suite run."""
    Path(summary_path).write_text(json.dumps(outcome.summary, indent=2) + "\n",
                                  encoding="utf-8")
    Path(html_path).write_text(outcome.html, encoding="utf-8")


def _quiet(context: Any) -> None:
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context.variables.progress_bars = ProgressBarsConfig(globally=False)


def _scrub(result: dict[str, Any], row_label: str) -> None:
    """Keep counts and row labels; drop every observed cell value."""
    for key in ("unexpected_list", "partial_unexpected_list", "partial_unexpected_counts",
                "partial_unexpected_index_list", "unexpected_index_query"):
        result.pop(key, None)
    if "unexpected_index_list" in result:
        result["unexpected_index_list"] = [
            {row_label: _plain(row[row_label])} for row in result["unexpected_index_list"]]


def _entry(expectation_result: Any, row_label: str) -> dict[str, Any]:
    config = expectation_result.expectation_config
    kwargs = {k: _plain(v) for k, v in config.kwargs.items() if k != "batch_id"}
    result = expectation_result.result
    rows = [row[row_label] for row in result.get("unexpected_index_list", [])]
    checked = kwargs.get("column") or kwargs.get("column_A")
    entry: dict[str, Any] = {
        "expectation": config.type,
        "column": _export_column(checked),
        "says": (config.meta or {}).get("says", ""),
        "severity": str(getattr(config.severity, "value", config.severity)),
        "success": bool(expectation_result.success),
        "kwargs": kwargs,
    }
    if checked != entry["column"]:
        entry["checked_column"] = checked
    for key in ("element_count", "unexpected_count", "missing_count"):
        if key in result:
            entry[key] = int(result[key])
    if rows:
        entry["unexpected_rows"] = rows[:50]
    if "observed_value" in result and not isinstance(result["observed_value"], dict):
        entry["observed_value"] = _plain(result["observed_value"])
    if expectation_result.exception_info and expectation_result.exception_info.get(
            "raised_exception"):
        entry["error"] = str(expectation_result.exception_info.get("exception_message"))
    return entry


_HELPER_SOURCES = {"_progress": "Progress", "_finished_progress": "Progress",
                   "_complete_duration": "Duration (in seconds)", "_start": "StartDate",
                   "_end": "EndDate", "_complete_start": "StartDate",
                   "_preview_status": "Status", "_test_status": "Status",
                   "_complete_count": None}


def _export_column(column: str | None) -> str | None:
    """The export column a helper column of the frame was derived from."""
    if column is None or not column.startswith("_"):
        return column
    if column in _HELPER_SOURCES:
        return _HELPER_SOURCES[column]
    for prefix in ("_number_", "_unasked_", "_required_", "_unticked_", "_present_"):
        if column.startswith(prefix):
            return column[len(prefix):]
    return column


def _failure_detail(entry: Mapping[str, Any], examples: int) -> str:
    if "error" in entry:
        return f" The check could not run: {entry['error']}"
    if entry.get("unexpected_count"):
        rows = ", ".join(str(row) for row in entry.get("unexpected_rows", [])[:examples])
        return (f" {entry['unexpected_count']} of {entry.get('element_count', '?')} rows fail"
                + (f" (rows {rows}{', ...' if entry['unexpected_count'] > examples else ''})"
                   if rows else ""))
    if "observed_value" in entry:
        observed = entry["observed_value"]
        expected = entry["kwargs"].get("column_set")
        if isinstance(observed, list) and expected is not None:
            extra = sorted(set(observed) - set(expected))
            missing = sorted(set(expected) - set(observed))
            return "".join([f" Not defined: {', '.join(extra)}." if extra else "",
                            f" Missing: {', '.join(missing)}." if missing else ""])
        return f" Found {observed}."
    return ""


def _plain(value: Any) -> Any:
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value


def _digest(value: str | None) -> str | None:
    return None if value is None else hashlib.sha256(value.encode("utf-8")).hexdigest()[:16]


def _layout(records: pd.DataFrame) -> str:
    finished = set(records.get("Finished", pd.Series(dtype=object)).dropna())
    return "numeric" if finished and finished <= {"0", "1"} else "choice_text"


def _asked(records: pd.DataFrame, instrument: Instrument, population_id: str,
           layout: str) -> pd.Series:
    population = instrument.population(population_id)
    if population.item is None:
        return pd.Series(True, index=records.index)
    gate_item = instrument.item(population.item)
    if gate_item.column not in records.columns:
        return pd.Series(False, index=records.index)
    accepted = {str(code) for code in population.codes} if layout == "numeric" else \
        {gate_item.option(code).label for code in population.codes}
    upstream = _asked(records, instrument, gate_item.asked_of, layout)
    return upstream & records[gate_item.column].isin(accepted)


def _own_hits(answers: Sequence[str], identifiers: Sequence[str]) -> int:
    """Answers containing one of the identifiers: e-mails in any case, names as written.

    A name inside a platform or product name (a Ms Green writing of "Green Dot"
    cards) is the finding the scrubber keeps, not the respondent.
    """
    hits = 0
    for text in answers:
        for identifier in identifiers:
            email = "@" in identifier
            # A plain substring test first: almost no answer holds the identifier at all.
            if not identifier or (identifier.casefold() not in text.casefold() if email
                                  else identifier not in text):
                continue
            pattern = rf"(?<!\w){re.escape(identifier)}(?!\w)"
            kept = platform_mentions(text)
            if any(not any(start <= match.start() and match.end() <= end
                           for start, end in kept)
                   for match in re.finditer(pattern, text, re.IGNORECASE if email else 0)):
                hits += 1
    return hits
