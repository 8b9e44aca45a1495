"""Corrupted copies of the synthetic export: the data-quality regressions CI must catch.

Each corruption is one thing that goes wrong with real survey exports. It
names the rule the build must stop at and a phrase its message must contain,
so that a test can run the workflow on it and check both.

    python tests/corrupt_exports.py OUTDIR   # write every corrupted export to OUTDIR
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "data" / "raw" / "synthetic_export.csv"
HEADER_ROWS = 3

Rows = list[list[str]]


@dataclass(frozen=True)
class Corruption:
    """How to corrupt an export, where the build must stop, and what it must say."""

    corrupt: Callable[[bytes], bytes]
    rule: str
    message: str


def _rows(data: bytes) -> Rows:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _bytes(rows: Rows) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def _edit(change: Callable[[Rows, dict[str, int]], None]) -> Callable[[bytes], bytes]:
    def corrupt(data: bytes) -> bytes:
        rows = _rows(data)
        change(rows, {name: index for index, name in enumerate(rows[0])})
        return _bytes(rows)

    return corrupt


def _completes(rows: Rows, columns: dict[str, int]) -> list[list[str]]:
    return [row for row in rows[HEADER_ROWS:]
            if row[columns["Status"]] == "IP Address" and row[columns["Finished"]] == "True"]


def _first(rows: Rows, columns: dict[str, int], column: str, value: str) -> list[str]:
    return next(row for row in _completes(rows, columns) if row[columns[column]] == value)


def _set(column: str, value: str, where: tuple[str, str] | None = None):
    def change(rows: Rows, columns: dict[str, int]) -> None:
        row = _first(rows, columns, *where) if where else _completes(rows, columns)[5]
        row[columns[column]] = value

    return change


def _duplicate_response_id(rows: Rows, columns: dict[str, int]) -> None:
    completes = _completes(rows, columns)
    completes[20][columns["ResponseId"]] = completes[10][columns["ResponseId"]]


def _drop_column(name: str):
    def change(rows: Rows, columns: dict[str, int]) -> None:
        for row in rows:
            del row[columns[name]]

    return change


def _rename_column(rows: Rows, columns: dict[str, int]) -> None:
    rows[0][columns["Q16"]] = "Q16_victims"


def _blank_required(rows: Rows, columns: dict[str, int]) -> None:
    _first(rows, columns, "Q7", "Yes")[columns["Q8"]] = ""


def _answer_not_asked(rows: Rows, columns: dict[str, int]) -> None:
    _first(rows, columns, "Q10", "No")[columns["Q11"]] = "3 to 5 years"


def _previews_as_completes(rows: Rows, columns: dict[str, int]) -> None:
    for row in rows[HEADER_ROWS:]:
        if row[columns["Status"]] == "Survey Preview":
            row[columns["Status"]] = "IP Address"


def _extra_completes(rows: Rows, columns: dict[str, int]) -> None:
    for number, row in enumerate(_completes(rows, columns)[:2]):
        copy = list(row)
        copy[columns["ResponseId"]] = f"R_extra{number}AAAAAAAAA"
        copy[columns["RecipientEmail"]] = f"second.copy{number}@example.net"
        rows.append(copy)


def _missing_completes(rows: Rows, columns: dict[str, int]) -> None:
    for row in _completes(rows, columns)[:3]:
        rows.remove(row)


def _outside_fieldwork(rows: Rows, columns: dict[str, int]) -> None:
    row = _completes(rows, columns)[7]
    row[columns["StartDate"]] = "2013-03-01 10:00:00"
    row[columns["EndDate"]] = row[columns["RecordedDate"]] = "2013-03-01 10:20:00"


def _header_only(data: bytes) -> bytes:
    return _bytes(_rows(data)[:HEADER_ROWS])


def _truncated_last_row(data: bytes) -> bytes:
    return data.rstrip(b"\r\n").rsplit(b",", 12)[0] + b"\r\n"


def _windows_1252(data: bytes) -> bytes:
    text = data.decode("utf-8-sig").replace("'", "\u2019", 40)
    return text.encode("cp1252", errors="replace")


CORRUPTIONS: dict[str, Corruption] = {
    "duplicate_response_id": Corruption(
        _edit(_duplicate_response_id), "validate_raw", "no two records share a ResponseId"),
    "unknown_answer_code": Corruption(
        _edit(_set("Q3", "About 50,000")), "validate_raw",
        "Q3 (juris_size) holds only the instrument's answer options"),
    "out_of_range_number": Corruption(
        _edit(_set("Q9", "67", where=("Q7", "Yes"))), "validate_raw",
        "Q9 (cac_years) lies between 0 and 45"),
    "non_numeric_number": Corruption(
        _edit(_set("Q9", "about 10", where=("Q7", "Yes"))), "validate_raw",
        "Q9 (cac_years) holds plain numbers"),
    "missing_column": Corruption(
        _edit(_drop_column("Q12")), "validate_raw", "the export has the column 'Q12'"),
    "renamed_column": Corruption(
        _edit(_rename_column), "validate_raw", "the export has the column 'Q16'"),
    "answer_from_respondent_not_asked": Corruption(
        _edit(_answer_not_asked), "validate_raw",
        "Q11 (csec_years) is blank for respondents not asked it"),
    "required_answer_blank": Corruption(
        _edit(_blank_required), "validate_raw",
        "Q8 (cac_freq) is answered by every one of respondents who had investigated"),
    "previews_mixed_into_completes": Corruption(
        _edit(_previews_as_completes), "validate_raw",
        "a record distributed as a preview is marked as a preview"),
    "too_many_completes": Corruption(
        _edit(_extra_completes), "validate_raw", "144 complete responses after exclusions"),
    "too_few_completes": Corruption(
        _edit(_missing_completes), "validate_raw", "Found 141"),
    "dates_outside_fieldwork": Corruption(
        _edit(_outside_fieldwork), "validate_raw", "started within the fieldwork window"),
    "implausible_duration": Corruption(
        _edit(_set("Duration (in seconds)", "7")), "validate_raw", "took between 60 and"),
    "finished_but_not_complete": Corruption(
        _edit(_set("Progress", "55")), "validate_raw", "a finished response has Progress 100"),
    "header_only": Corruption(_header_only, "validate_raw", "Found 0"),
    "truncated_last_row": Corruption(_truncated_last_row, "read_export", "may be truncated"),
    "empty_file": Corruption(lambda data: b"", "read_export", "the file is empty"),
    "not_utf8": Corruption(_windows_1252, "read_export", "is not valid UTF-8"),
}


def write_corrupted(kind: str, target: Path, source: Path = SOURCE) -> Path:
    """Write the export corrupted in the given way to ``target``."""
    target.write_bytes(CORRUPTIONS[kind].corrupt(source.read_bytes()))
    return target


if __name__ == "__main__":
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for name in CORRUPTIONS:
        print(write_corrupted(name, folder / f"{name}.csv"))
