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
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from csec_survey.instrument import Instrument, Item
from csec_survey.qualtrics import METADATA_COLUMNS, STATUS_CODES

__all__ = [
    "DIRECT_IDENTIFIERS",
    "PERSONAL_PATTERNS",
    "PSEUDONYM_PATTERN",
    "RawSuiteSettings",
    "SuiteOutcome",
    "ValidationFailed",
    "clean_frame",
    "clean_suite",
    "raw_frame",
    "raw_suite",
    "run_suite",
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
    "email": r"[\w.+-]+@[\w-]+(\.[\w-]+)+",
    "phone": r"(?<!\d)(\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)",
    "ipv4": r"(?<![\d.])(\d{1,3}\.){3}\d{1,3}(?![\d.])",
    "ipv6": r"(?<![\w:])([0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![\w:])",
    "profile_url": r"(facebook|myspace|instagram|twitter|tumblr|kik)\.com/[\w.\-?=/]*[\w]",
}
"""Patterns of personal data that must not survive in de-identified free text."""

_ROW = "_export_row"
_COMPLETE = "_complete"


class ValidationFailed(RuntimeError):
    """A suite had failed expectations; the message says which, where, and what to fix."""


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
        """Sentences of the expectations that failed with warning severity."""
        return [entry["says"] for entry in self.summary["expectations"]
                if not entry["success"] and entry["severity"] != "critical"]


def raw_frame(records: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The records reduced to what the raw suite needs, with no personal data left.

    ``records`` is every record of the export as read (strings or None), with
    ``export_row`` and ``exclusion`` columns from the reading step.
    """
    frame = pd.DataFrame(index=records.index)
    text_columns = {item.column for item in instrument.items if item.type == "text"}
    text_columns |= {c.name for c in instrument.export_columns() if c.kind == "other_text"}
    hidden = set(DIRECT_IDENTIFIERS) | set(instrument.embedded_data) | text_columns
    for name in records.columns:
        if name in ("export_row", "exclusion"):
            continue
        if name == "ResponseId":
            frame[name] = records[name].map(_digest)
        elif name in hidden:
            # Whether it was answered is all the suite needs; the value may be personal.
            frame[name] = records[name].notna().map({True: True, False: None}).astype(object)
        else:
            frame[name] = records[name]
    frame[_ROW] = records["export_row"].astype("int64")
    frame[_COMPLETE] = records["exclusion"].isna()
    frame["_complete_count"] = frame[_COMPLETE].astype("int64")
    finished = records.get("Finished", pd.Series(None, index=records.index))
    frame["_finished"] = finished.isin(["True", "1"])
    for name, source in (("_progress", "Progress"), ("_duration", "Duration (in seconds)")):
        frame[name] = pd.to_numeric(records.get(source), errors="coerce")
    for name, source in (("_start", "StartDate"), ("_end", "EndDate")):
        frame[name] = pd.to_datetime(records.get(source), format="%Y-%m-%d %H:%M:%S",
                                     errors="coerce")
    frame["_channel"] = records.get("DistributionChannel", pd.Series(None, index=records.index))
    layout = _layout(records)
    for population in instrument.populations.values():
        frame[f"_asked_{population.id}"] = _asked(records, instrument, population.id, layout)
    for item in instrument.items:
        if item.type == "numeric" and item.column in records.columns:
            frame[f"_number_{item.column}"] = pd.to_numeric(records[item.column], errors="coerce")
        _add_skip_logic(frame, item)
    return frame


def _add_skip_logic(frame: pd.DataFrame, item: Item) -> None:
    """Skip logic as plain columns: answers of those not asked, and whether those asked answered.

    A row condition per column would cost Great Expectations a pandas query
    over the whole frame for each of some hundred columns.
    """
    complete = frame[_COMPLETE]
    asked = complete & frame[f"_asked_{item.asked_of}"]
    columns = ([f"{item.column}_{option.choice}" for option in item.options]
               if item.type == "multi" else [item.column])
    present = [column for column in columns if column in frame.columns]
    for column in present:
        frame[f"_unasked_{column}"] = frame[column].where(complete & ~asked)
    if item.required and len(present) == len(columns):
        answered = frame[present].notna().any(axis=1).astype(object)
        frame[f"_required_{item.column}"] = answered.where(asked)


def raw_suite(instrument: Instrument, settings: RawSuiteSettings,
              columns: Iterable[str], layout_values: str) -> list[Check]:
    """The raw suite for a `raw_frame` with these ``columns`` and value layout.

    Columns whose names start with an underscore are the frame's helpers; the
    others are the export's own.
    """
    import great_expectations as gx

    e = gx.expectations
    present = {name for name in columns if not name.startswith("_")}
    helpers = sorted(name for name in columns if name.startswith("_"))
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

    complete = f"{_COMPLETE} == True"
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
        Check(e.ExpectColumnValuesToBeInSet(
            column="_progress", value_set=[100], row_condition="_finished == True",
            condition_parser="pandas"),
              "a finished response has Progress 100"),
        Check(e.ExpectColumnValuesToBeInSet(
            column="Status", value_set=["Survey Preview", "1", "Offline Survey Preview", "17",
                                        "Preview Spam", "9"],
            row_condition="_channel == 'preview'", condition_parser="pandas"),
              "a record distributed as a preview is marked as a preview in Status"),
        Check(e.ExpectColumnValuesToBeInSet(
            column="Status", value_set=["Survey Test", "2"],
            row_condition="_channel == 'test'", condition_parser="pandas"),
              "a record distributed as a test is marked as a test in Status"),
        Check(e.ExpectColumnValuesToNotBeNull(column="_start"),
              "StartDate is a date and time like 2012-11-05 09:30:00"),
        Check(e.ExpectColumnPairValuesAToBeGreaterThanB(
            column_A="_end", column_B="_start", or_equal=True,
            ignore_row_if="either_value_is_missing"),
              "no response ends before it starts"),
        Check(e.ExpectColumnValuesToBeBetween(
            column="_start",
            min_value=datetime.combine(settings.fieldwork_start, datetime.min.time()),
            max_value=datetime.combine(settings.fieldwork_end + timedelta(days=1),
                                       datetime.min.time()),
            strict_max=True, row_condition=complete, condition_parser="pandas"),
              f"every complete response started within the fieldwork window "
              f"{settings.fieldwork_start} to {settings.fieldwork_end} (config study.fieldwork)"),
        Check(e.ExpectColumnValuesToBeBetween(
            column="_duration", min_value=settings.min_duration_seconds,
            max_value=settings.max_duration_seconds, row_condition=complete,
            condition_parser="pandas"),
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
            checks.append(Check(
                e.ExpectColumnValuesToBeNull(column=f"_unasked_{column}"),
                f"{column} ({item.id}) is blank for respondents not asked it (only {who} are)"))
        if item.required and all(column in present for column in columns):
            checks.append(Check(
                e.ExpectColumnValuesToBeInSet(column=f"_required_{item.column}",
                                              value_set=[True]),
                f"{named} has a box ticked by every one of {who}"))
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
    checks.append(Check(
        e.ExpectColumnValuesToBeNull(column=f"_unasked_{item.column}"),
        f"{named} is blank for respondents not asked it (only {who} are)"))
    if item.required:
        checks.append(Check(
            e.ExpectColumnValuesToBeInSet(column=f"_required_{item.column}", value_set=[True]),
            f"{named} is answered by every one of {who} (the survey forced a response)"))
    return checks


def clean_frame(clean: pd.DataFrame, instrument: Instrument,
                own_identifiers: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The de-identified responses reduced to what the clean suite needs.

    ``own_identifiers`` maps each pseudonym to the respondent's own name parts
    and e-mail, kept in memory only; the frame holds counts of matches, never
    the values or the free text itself.
    """
    text = [item.id for item in instrument.items if item.type == "text"]
    text += [column.variable for column in instrument.export_columns()
             if column.kind == "other_text"]
    text = [column for column in text if column in clean.columns]
    frame = pd.DataFrame(index=clean.index)
    frame["pseudonym"] = clean["pseudonym"] if "pseudonym" in clean.columns else None
    for name in clean.columns:
        if name in DIRECT_IDENTIFIERS or name in instrument.embedded_data:
            frame[name] = True
    for kind, pattern in PERSONAL_PATTERNS.items():
        compiled = re.compile(pattern, re.IGNORECASE)
        frame[f"_{kind}_found"] = clean[text].apply(
            lambda row, rx=compiled: sum(bool(rx.search(v)) for v in row.dropna()), axis=1)
    frame["_own_identifier_found"] = [
        _own_hits(clean.loc[index, text], own_identifiers.get(str(pseudonym), ()))
        for index, pseudonym in zip(clean.index, frame["pseudonym"], strict=True)
    ]
    return frame


def clean_suite(instrument: Instrument) -> list[Check]:
    """The clean suite for de-identified responses."""
    import great_expectations as gx

    e = gx.expectations
    checks = [Check(e.ExpectColumnToNotExist(column=name),
                    f"the direct identifier {name!r} is gone")
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
        "row_label": "export row" if row_label == _ROW else row_label,
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
    checks = raw_suite(instrument, RawSuiteSettings.from_config(config), frame.columns,
                       _layout(records))
    return run_suite("raw", frame, checks)


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
    entry: dict[str, Any] = {
        "expectation": config.type,
        "column": kwargs.get("column") or kwargs.get("column_A"),
        "says": (config.meta or {}).get("says", ""),
        "severity": str(getattr(config.severity, "value", config.severity)),
        "success": bool(expectation_result.success),
        "kwargs": kwargs,
    }
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
        if isinstance(observed, list):
            return ""
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


def _own_hits(answers: pd.Series, identifiers: Sequence[str]) -> int:
    hits = 0
    for value in answers.dropna():
        for identifier in identifiers:
            if identifier and re.search(rf"(?<!\w){re.escape(identifier)}(?!\w)", str(value),
                                        re.IGNORECASE):
                hits += 1
    return hits
