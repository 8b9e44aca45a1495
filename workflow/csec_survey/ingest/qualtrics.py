"""Reading Qualtrics CSV exports.

Qualtrics writes three header rows: the column id, the question text, and a
JSON object naming the column's ImportId. Below them, one row per response.
Values are either the choice text ("Yes", "Survey Preview") or numeric codes
("1", "1"), depending on an export option. Files are UTF-8, usually with a
byte-order mark; quoted cells may hold newlines.

`read_export` accepts exactly that, and the same re-saved by Excel (see
`ingest.vintages`), and refuses anything else with a message that names what
it found, what it expected and how to get it. Error messages never quote
response values: a misplaced row may hold personal data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd

from csec_survey.core.export_columns import STATUS_CODES, ColumnMeta
from csec_survey.ingest.vintages import CURRENT, delimiter_problem, from_excel, vintage_problem

__all__ = [
    "ExportFormatError",
    "Layout",
    "QualtricsExport",
    "read_export",
]


class ExportFormatError(ValueError):
    """The file is not a Qualtrics CSV export this project can read."""


@dataclass(frozen=True)
class Layout:
    """How an export was written."""

    encoding: str
    bom: bool
    header_rows: int
    values: Literal["choice_text", "numeric", "undetermined"]
    line_terminator: str
    vintage: str = CURRENT
    resaved_by_excel: bool = False
    # The time zone Qualtrics wrote the timestamps in (the ImportId's ``timeZone``).
    time_zone: str | None = None


@dataclass(frozen=True)
class QualtricsExport:
    """The responses (strings, ``None`` where blank) with per-column metadata."""

    responses: pd.DataFrame
    columns: Mapping[str, ColumnMeta]
    layout: Layout


_FINISHED_TEXT = {"True", "False"}
_FINISHED_NUMERIC = {"1", "0"}


def read_export(path: str | Path) -> QualtricsExport:
    """Read a Qualtrics CSV export; raise `ExportFormatError` saying what was expected."""
    path = Path(path)
    raw = path.read_bytes()
    text, encoding, bom = _decode(raw, path)
    if not text.strip():
        raise ExportFormatError(
            f"{path}: the file is empty; expected a Qualtrics CSV export with three header "
            "rows (column ids, question text, ImportId JSON) followed by one row per response")
    if problem := delimiter_problem(text.split("\n", 1)[0]):
        raise ExportFormatError(f"{path}: {problem}")
    rows, lines = _parse(text, path)
    line_terminator = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    del raw, text  # a large export is held once, as rows, from here on
    if len(rows) < 3:
        raise ExportFormatError(
            f"{path}: found {len(rows)} row(s); expected at least the three Qualtrics header "
            "rows (column ids, question text, ImportId JSON)")
    names, texts, import_ids = rows[0], rows[1], rows[2]
    if problem := vintage_problem(names, texts):
        raise ExportFormatError(f"{path}: {problem}")
    _check_names(names, path)
    parsed_ids = _parse_import_ids(names, import_ids, texts, path)
    body = rows[3:]
    record_id = names.index("ResponseId")
    for offset, row in enumerate(body):
        if len(row) == len(names) and (row[record_id] in ("ResponseId", "Response ID")
                                       or row[record_id].startswith("{")):
            raise ExportFormatError(
                f"{path}: response row {offset + 1} (line {lines[offset + 3]} of the file) "
                "repeats a header row: two exports seem to be pasted into one file. Build "
                "from one export, or delete the repeated header rows")
        if len(row) != len(names):
            raise ExportFormatError(
                f"{path}: response row {offset + 1} (starting on line {lines[offset + 3]} of "
                f"the file) has {len(row)} fields; the header has {len(names)}. The file may "
                "be truncated or edited by hand")
    responses = pd.DataFrame(
        [[cell if cell != "" else None for cell in row] for row in body],
        columns=list(names), dtype=object)
    columns = {name: ColumnMeta(text=text_, import_id=import_id)
               for name, text_, import_id in zip(names, texts, parsed_ids, strict=True)}
    excel = from_excel(responses)
    if isinstance(excel, str):
        raise ExportFormatError(f"{path}: {excel}")
    _check_status(responses, path)
    layout = Layout(encoding=encoding, bom=bom, header_rows=3,
                    values=_detect_values(responses, path),
                    line_terminator=line_terminator, resaved_by_excel=excel,
                    time_zone=columns["StartDate"].import_id.get("timeZone")
                    if "StartDate" in columns else None)
    return QualtricsExport(responses=responses, columns=columns, layout=layout)


def _decode(raw: bytes, path: Path) -> tuple[str, str, bool]:
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        found = "UTF-32"
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        found = "UTF-16"
    elif b"\x00" in raw[:4096]:
        found = "a two- or four-byte encoding such as UTF-16 (it holds NUL bytes)"
    else:
        found = ""
    if found:
        raise ExportFormatError(
            f"{path}: the file is {found}; expected UTF-8 (the Qualtrics CSV default). "
            "Export again as CSV, not as 'TSV for Excel', or convert the file to UTF-8")
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8-sig"), "utf-8", bom
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise ExportFormatError(
            f"{path}: byte {error.start} (line {line}) is not valid UTF-8; expected a UTF-8 "
            "export as Qualtrics writes it. The file may have been re-saved in another "
            "encoding (Windows-1252, Latin-1): export it again or convert it to UTF-8"
        ) from None


def _parse(text: str, path: Path) -> tuple[list[list[str]], list[int]]:
    """The CSV records, and the line each starts on; blank lines at the end are dropped."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[list[str]] = []
    lines: list[int] = []
    start = 1
    try:
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        raise ExportFormatError(
            f"{path}: not a well-formed CSV file: {error} (in the record starting on line "
            f"{start}); a quoted cell may be cut off") from None
    while rows and not any(rows[-1]):
        rows.pop()
        lines.pop()
    return rows, lines


def _check_names(names: Sequence[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for position, name in enumerate(names, start=1):
        if not name:
            raise ExportFormatError(f"{path}: column {position} of the header row has no name")
        if name in seen:
            # Named only in a header that is one: a misplaced data row may stand there.
            what = (f"columns {seen[name]} and {position} of the header row are both "
                    f"{name!r}" if "ResponseId" in names else
                    f"column {position} of the header row repeats the name of an earlier "
                    "column")
            raise ExportFormatError(
                f"{path}: {what}; expected distinct Qualtrics column ids. Two questions have "
                "the same export tag: in Qualtrics, give one of them another (the question's "
                "menu > Rename, or Survey > Tools > Export tags), then export again")
        seen[name] = position
    if "ResponseId" not in seen:
        raise ExportFormatError(
            f"{path}: no ResponseId column in the first row; expected Qualtrics column ids "
            "(StartDate, EndDate, Status, ..., ResponseId, ...) as the first header row")


def _parse_import_ids(names: Sequence[str], row: Sequence[str], texts: Sequence[str],
                      path: Path) -> list[dict[str, str]]:
    if len(row) != len(names) or len(texts) != len(names):
        raise ExportFormatError(
            f"{path}: the three header rows have {len(names)}, {len(texts)} and {len(row)} "
            "fields; expected the same number in each")
    parsed: list[dict[str, str]] = []
    for name, cell in zip(names, row, strict=True):
        try:
            value = json.loads(cell)
        except json.JSONDecodeError:
            value = None
        if not isinstance(value, dict) or "ImportId" not in value:
            second_row_is_ids = texts and texts[0].startswith("{")
            hint = ("the question-text row seems to be missing"
                    if second_row_is_ids else
                    "this looks like an export with only two header rows (column ids and "
                    "question text), or one whose ImportId row was removed; export again "
                    "from Qualtrics with the default three header rows")
            raise ExportFormatError(
                f"{path}: row 3, column {name!r}: expected the column's ImportId as JSON, "
                f'such as {{"ImportId":"QID1"}}; {hint}')
        parsed.append({str(k): str(v) for k, v in value.items()})
    return parsed


_STATUS_NAMES = frozenset(STATUS_CODES.values())


def _check_status(responses: pd.DataFrame, path: Path) -> None:
    """Refuse a response type Qualtrics does not define: no exclusion rule could judge it."""
    if "Status" not in responses.columns:
        return
    status = responses["Status"]
    unknown = status.notna() & ~status.isin(STATUS_CODES.keys()) & ~status.isin(_STATUS_NAMES)
    if unknown.any():
        first = int(unknown.to_numpy().nonzero()[0][0]) + 1
        # A code is quoted; anything else is not: it may be a misplaced answer.
        codes = sorted({value for value in status[unknown] if value.isdigit()})
        raise ExportFormatError(
            f"{path}: column Status holds {int(unknown.sum())} value(s) that are no Qualtrics "
            f"response type (first in response row {first}"
            + (f"; codes {', '.join(codes)}" if codes else "") + "); expected the codes "
            f"{', '.join(STATUS_CODES)} or their names. Export again from Qualtrics, or "
            "correct the column")


def _detect_values(responses: pd.DataFrame,
                   path: Path) -> Literal["choice_text", "numeric", "undetermined"]:
    if "Finished" not in responses.columns:
        raise ExportFormatError(f"{path}: no Finished column; expected the Qualtrics metadata "
                                "columns StartDate through UserLanguage")
    # Excel writes booleans in capitals.
    responses["Finished"] = responses["Finished"].replace({"TRUE": "True", "FALSE": "False"})
    finished = set(responses["Finished"].dropna())
    if not finished:
        return "undetermined"
    if finished <= _FINISHED_NUMERIC:
        return "numeric"
    if finished <= _FINISHED_TEXT:
        return "choice_text"
    raise ExportFormatError(
        f"{path}: column Finished holds values other than True/False or 1/0; expected one "
        "of the two Qualtrics value layouts (choice text or numeric values)")
