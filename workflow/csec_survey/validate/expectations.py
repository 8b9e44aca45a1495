"""Running a suite of data expectations with Great Expectations, and what it found.

A suite is a list of `Check`: an expectation and the sentence that says what
it checks, so that a failure reads as an instruction. `run_suite` validates a
frame in one ephemeral context and keeps counts and row labels only, never an
observed cell value. Suites hand Great Expectations helper columns (a value
where a condition holds, null elsewhere) named ``_<what>_<export column>``;
failures are reported against the export column they were derived from.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from csec_survey.core.atomic import write_text

__all__ = ["Check", "SuiteOutcome", "run_suite", "write_outcome"]


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


def run_suite(name: str, frame: pd.DataFrame, checks: Sequence[Check], row_label: str,
              row_label_words: str, helper_sources: Mapping[str, str | None] | None = None,
              ) -> SuiteOutcome:
    """Validate ``frame`` against ``checks`` in one ephemeral Great Expectations context.

    Rows are named by the ``row_label`` column (``row_label_words`` say what it
    counts); ``helper_sources`` names the export column of each helper column
    whose name does not say it.
    """
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
        entries.append(_entry(expectation_result, row_label, helper_sources or {}))
    html = DefaultJinjaPageView().render(ValidationResultsPageRenderer().render(result))
    critical_failures = sum(not e["success"] and e["severity"] == "critical" for e in entries)
    summary = {
        "suite": name,
        "success": critical_failures == 0,
        "great_expectations_version": gx.__version__,
        "rows": len(frame),
        "row_label": row_label_words,
        "statistics": {"evaluated": len(entries),
                       "successful": sum(e["success"] for e in entries),
                       "failed_critical": critical_failures,
                       "failed_warning": sum(not e["success"] and e["severity"] != "critical"
                                             for e in entries)},
        "expectations": entries,
    }
    return SuiteOutcome(suite=name, success=critical_failures == 0, summary=summary, html=html)


def write_outcome(outcome: SuiteOutcome, summary_path: str | Path, html_path: str | Path,
                  ) -> None:
    """Write the JSON summary and the Data Docs page of a suite run."""
    write_text(summary_path, json.dumps(outcome.summary, indent=2) + "\n")
    write_text(html_path, outcome.html)


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


def _entry(expectation_result: Any, row_label: str,
           helper_sources: Mapping[str, str | None]) -> dict[str, Any]:
    config = expectation_result.expectation_config
    kwargs = {k: _plain(v) for k, v in config.kwargs.items() if k != "batch_id"}
    result = expectation_result.result
    rows = [row[row_label] for row in result.get("unexpected_index_list", [])]
    checked = kwargs.get("column") or kwargs.get("column_A")
    entry: dict[str, Any] = {
        "expectation": config.type,
        "column": _export_column(checked, helper_sources),
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


def _export_column(column: str | None,
                   helper_sources: Mapping[str, str | None]) -> str | None:
    """The export column a helper column of the frame was derived from."""
    if column is None or not column.startswith("_"):
        return column
    if column in helper_sources:
        return helper_sources[column]
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
