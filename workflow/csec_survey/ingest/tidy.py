"""From a Qualtrics export to a typed table: one row per response, one column per variable.

Question columns are renamed to the instrument's variable names and typed:
single-choice items as integer codes, multi-select options as booleans (NA
when the respondent ticked nothing, i.e. did not answer), numeric items as
floats, free text as strings. Metadata columns keep their Qualtrics names
with proper types. It runs after the raw suite has passed, so it
may refuse, rather than explain, a value it cannot type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

import pandas as pd

from csec_survey.core.codebook import Instrument, Item
from csec_survey.core.export_columns import METADATA_COLUMNS, STATUS_CODES

__all__ = ["EXPORT_ROW", "TidyError", "tidy_responses", "undescribed_columns"]

EXPORT_ROW = "export_row"
"""Column holding each response's 1-based position among the export's data rows."""

_DATES = ("StartDate", "EndDate", "RecordedDate")
_INTEGERS = ("Progress", "Duration (in seconds)")
_FLOATS = ("LocationLatitude", "LocationLongitude")


class TidyError(ValueError):
    """A value cannot be typed as its column requires."""


def tidy_responses(responses: pd.DataFrame, instrument: Instrument,
                   values: Literal["choice_text", "numeric"]) -> pd.DataFrame:
    """Type the export's columns and name question columns by instrument variable.

    ``responses`` holds strings (``None`` for blanks) as `read_export` returns
    them, with an ``export_row`` column numbering the export's data rows from 1;
    ``values`` says whether answers are choice text or numeric codes. Qualtrics'
    metadata columns and the codebook's embedded data are kept; a column the
    codebook does not describe (see `undescribed_columns`) is dropped, so that
    no unknown field, which may well identify someone, goes further.
    """
    question_columns = {column.name for column in instrument.export_columns()}
    missing = sorted(question_columns - set(responses.columns))
    if missing:
        raise TidyError(f"the export lacks {len(missing)} question column(s) the instrument "
                        f"defines: {', '.join(missing[:8])}")
    responses = responses.set_index(EXPORT_ROW, drop=False)
    table = pd.DataFrame(index=responses.index)
    table[EXPORT_ROW] = responses[EXPORT_ROW].astype("Int64")
    undescribed = set(undescribed_columns(responses.columns, instrument))
    for name in responses.columns:
        if name not in question_columns and name != EXPORT_ROW and name not in undescribed:
            table[name] = _metadata(responses[name], name)
    for item in instrument.items:
        for variable, column in _item_variables(item, responses, values).items():
            table[variable] = column
    return table.reset_index(drop=True)


def undescribed_columns(columns: Iterable[str], instrument: Instrument) -> list[str]:
    """Columns of an export that neither Qualtrics' metadata nor the codebook describes.

    A user's own embedded-data fields (``ContactEmail``, ``SupervisorName``) are
    such columns until the codebook lists them under ``embedded_data``.
    """
    described = {name for name, _, _ in METADATA_COLUMNS} | set(instrument.embedded_data)
    described |= {column.name for column in instrument.export_columns()} | {EXPORT_ROW}
    return [name for name in columns if name not in described]


def _metadata(values: pd.Series, name: str) -> pd.Series:
    if name in _DATES:
        parsed = pd.to_datetime(values, format="%Y-%m-%d %H:%M:%S", errors="coerce")
        _refuse(values.notna() & parsed.isna(), name, "a date and time like 2012-11-05 09:30:00")
        return parsed
    if name in _INTEGERS:
        return _numbers(values, name, "a whole number").astype("Int64")
    if name in _FLOATS:
        return _numbers(values, name, "a number").astype("Float64")
    if name == "Finished":
        mapped = values.map({"True": True, "1": True, "False": False, "0": False})
        _refuse(values.notna() & mapped.isna(), name, "True/False or 1/0")
        return mapped.astype("boolean")
    if name == "Status":
        return values.map(lambda value: STATUS_CODES.get(value, value)).astype("string")
    return values.astype("string")


def _item_variables(item: Item, responses: pd.DataFrame,
                    values: str) -> dict[str, pd.Series]:
    if item.type == "single":
        return {item.variable(): _codes(responses[item.column], item, values)}
    if item.type == "numeric":
        return {item.variable(): _numbers(responses[item.column], item.column, "a number")}
    if item.type == "text":
        return {item.variable(): responses[item.column].astype("string")}
    ticked = pd.DataFrame({option.key: responses[f"{item.column}_{option.choice}"].notna()
                           for option in item.options})
    answered = ticked.any(axis=1)
    variables = {item.variable(option): ticked[option.key].astype("boolean").where(answered)
                 for option in item.options}
    if item.other_text is not None:
        other = item.option(item.other_text)
        variables[str(item.other_text_variable())] = (
            responses[f"{item.column}_{other.choice}_TEXT"].astype("string"))
    return variables


def _codes(cells: pd.Series, item: Item, values: str) -> pd.Series:
    if values == "numeric":
        as_numbers = pd.to_numeric(cells, errors="coerce")
        _refuse(cells.notna() & (as_numbers.isna() | (as_numbers % 1 != 0)), item.column,
                "a whole-number answer code")
        return as_numbers.astype("Int64")
    by_label: Mapping[str, int] = {o.label: int(o.code) for o in item.options
                                   if o.code is not None}
    mapped = cells.map(by_label)
    expected = "one of " + ", ".join(repr(label) for label in by_label)
    _refuse(cells.notna() & mapped.isna(), item.column, expected)
    return mapped.astype("Int64")


def _numbers(values: pd.Series, name: str, expected: str) -> pd.Series:
    parsed = pd.to_numeric(values, errors="coerce")
    _refuse(values.notna() & parsed.isna(), name, expected)
    if expected == "a whole number":
        _refuse(parsed.notna() & (parsed % 1 != 0), name, expected)
    return parsed.astype("Float64")


def _refuse(bad: pd.Series, column: str, expected: str) -> None:
    if bad.any():
        rows = [int(row) for row in bad[bad].index[:5]]
        raise TidyError(f"column {column!r}: {int(bad.sum())} value(s) are not {expected} "
                        f"(response rows {', '.join(map(str, rows))})")
