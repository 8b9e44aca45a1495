"""Which Qualtrics exporter, and which program after it, wrote an export.

Qualtrics has written three CSV layouts. The current one (since 2017): three
header rows (column ids, question text, ImportId JSON), ``ResponseId``. The
2016-17 one: ``ResponseID`` and ImportIds as Python-style dicts in single
quotes. The legacy one: two header rows, metadata columns ``V1`` to ``V10``.
This project reads the current layout and refuses the other two with the
setting that gives it. An export opened and saved again in Excel keeps the
current layout but loses its formats: dates become ``11/5/2012 14:03``,
``True`` becomes ``TRUE``, and some locales save with semicolons. Excel's
dates are read back to Qualtrics' own (its booleans too, by the reader); a
semicolon file is refused with the fix.

Messages name columns and rows, never a cell's value: a misplaced row may
hold personal data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

import pandas as pd

from csec_survey.core.export_columns import TIMESTAMP_COLUMNS

__all__ = ["CURRENT", "delimiter_problem", "from_excel", "vintage_problem"]

CURRENT = "current (2017 onward: three header rows, ResponseId)"

_REEXPORT = ("In Qualtrics: Data & Analysis > Export & Import > Export data > CSV, with "
             "'Use legacy exporter' off; that gives the current layout (three header rows: "
             "column ids, question text, ImportId JSON)")


def delimiter_problem(first_line: str) -> str | None:
    """What is wrong with a header row separated by semicolons or tabs, if it is."""
    for name, mark in (("semicolons", ";"), ("tabs", "\t")):
        if first_line.count(mark) > max(1, first_line.count(",")):
            return (f"the header row is separated by {name}, not commas: the file is not a "
                    "Qualtrics CSV as exported. Excel saves CSV with semicolons where the "
                    "comma is the decimal mark, and 'TSV' exports use tabs. Export again as "
                    "CSV, or save from Excel as 'CSV UTF-8 (Comma delimited)'")
    return None


def vintage_problem(names: Sequence[str], second_row: Sequence[str]) -> str | None:
    """Which older layout an export has, and the export that replaces it, if it has one."""
    if "V1" in names[:12] and ("V10" in names[:12] or "ResponseID" in second_row[:12]):
        return ("this is a legacy Qualtrics export (two header rows, metadata columns V1 to "
                f"V10), which this project does not read. {_REEXPORT}")
    if "ResponseID" in names and "ResponseId" not in names:
        return ("this is a 2016-17 Qualtrics export (a ResponseID column, ImportIds in "
                f"single quotes), which this project does not read. {_REEXPORT}")
    return None


_EXCEL_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/\d{4} \d{1,2}:\d{2}(?::\d{2})?")


def from_excel(responses: pd.DataFrame) -> bool | str:
    """Whether Excel re-saved the export; if so, its dates are put back in Qualtrics'
    format, in place (the reader does the same for its booleans). A message instead
    where the dates mix formats."""
    dates = [column for column in TIMESTAMP_COLUMNS if column in responses.columns]
    values = [value for column in dates for value in responses[column].dropna()]
    matches = [match for value in values if (match := _EXCEL_DATE.fullmatch(value))]
    if not matches:
        return False
    # Excel writes the day first or the month first, as its locale does: a part above 12
    # tells which; the fieldwork window catches a guess that was wrong.
    day_first = any(int(match[1]) > 12 for match in matches)
    if len(matches) != len(values) or (day_first and any(int(m[2]) > 12 for m in matches)):
        return (f"the date columns ({', '.join(dates)}) mix Excel's format (11/5/2012 14:03) "
                "with another: the file was edited in Excel. Export again from Qualtrics, "
                "and build from the file as downloaded")
    order = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    for column in dates:
        responses[column] = responses[column].map(lambda value: _iso_date(value, order),
                                                  na_action="ignore")
    return True


def _iso_date(value: str, order: str) -> str:
    # Excel drops the seconds unless the cell was formatted to show them.
    time = "%H:%M:%S" if value.count(":") == 2 else "%H:%M"
    try:
        return datetime.strptime(value, f"{order} {time}").strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return value  # no date (a 31st of a short month): the raw suite names its row
