"""The raw suite: data expectations on the records of an export as read.

Derived from the codebook and the config rather than from hand-kept column
lists: the columns, the answer codes, ranges, required answers, skip logic
both ways, the response metadata, the fieldwork window and the number of
complete responses. The records are strings, every record with the exclusion
rule that dropped it, if any. Identifying and free-text columns are reduced
to "answered or not" before validation, and failures name rows by their
position among the export's data rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from csec_survey.core.codebook import Instrument, Item
from csec_survey.core.export_columns import (
    ANONYMIZED_AWAY,
    DIRECT_IDENTIFIERS,
    METADATA_COLUMNS,
    STATUS_CODES,
    is_anonymized,
)
from csec_survey.validate.expectations import Check, SuiteOutcome, run_suite

__all__ = ["RawSuiteSettings", "codebook_mismatch", "raw_frame", "raw_suite",
           "validate_raw_records"]

_ROW = "_export_row"
_COMPLETE = "_complete"
# The export column behind each helper column whose name does not say it.
_HELPER_SOURCES: Mapping[str, str | None] = {
    "_progress": "Progress", "_finished_progress": "Progress",
    "_complete_duration": "Duration (in seconds)", "_start": "StartDate", "_end": "EndDate",
    "_complete_start": "StartDate", "_preview_status": "Status", "_test_status": "Status",
    "_complete_count": None,
}


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
    expected = _expected_columns(instrument, present)
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


def validate_raw_records(records: pd.DataFrame, instrument: Instrument,
                         config: Mapping[str, Any]) -> SuiteOutcome:
    """Run the raw suite on the records of an export (as `read_records` gives them)."""
    frame = raw_frame(records, instrument)
    export_columns = [name for name in records.columns if name not in ("export_row", "exclusion")]
    helpers = [name for name in frame.columns if name not in export_columns]
    checks = raw_suite(instrument, RawSuiteSettings.from_config(config), export_columns, helpers,
                       _layout(records))
    return run_suite("raw", frame, checks, _ROW, "export row", _HELPER_SOURCES)


def codebook_mismatch(export_columns: Iterable[str], instrument: Instrument,
                      instrument_path: str) -> str | None:
    """One line saying how far an export's columns are from the codebook's, if they
    differ: "this export does not match config/instrument.yaml: 68 of 72 columns
    missing, e.g. Q2, Q3; 40 unknown columns"."""
    present = list(export_columns)
    expected = _expected_columns(instrument, set(present))
    missing = [name for name in expected if name not in set(present)]
    unknown = [name for name in present if name not in set(expected)]
    if not missing:
        return None
    example = ", ".join(missing[:3]) + (", ..." if len(missing) > 3 else "")
    return (f"this export does not match {instrument_path}: {len(missing)} of {len(expected)} "
            f"columns missing, e.g. {example}; {len(unknown)} unknown columns. Is it an "
            "export of this survey, with every field downloaded?")


def _expected_columns(instrument: Instrument, present: set[str]) -> list[str]:
    # "Anonymize responses" leaves out the identifying metadata, all of it together.
    left_out = set(ANONYMIZED_AWAY) if is_anonymized(present) else set()
    expected = [name for name, _, _ in METADATA_COLUMNS if name not in left_out]
    expected += [column.name for column in instrument.export_columns()]
    return expected + list(instrument.embedded_data)


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
