"""Writing responses as a Qualtrics CSV export, byte for byte as Qualtrics lays one out."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from csec_survey.core.export_columns import ColumnMeta

__all__ = ["write_export"]


def write_export(path: str | Path, responses: pd.DataFrame,
                 columns: Mapping[str, ColumnMeta]) -> None:
    """Write ``responses`` as Qualtrics does: UTF-8 with BOM, CRLF, three header rows."""
    names = list(responses.columns)
    missing = [name for name in names if name not in columns]
    if missing:
        raise ValueError(f"no header metadata for columns {missing}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerow([columns[name].text for name in names])
    writer.writerow([json.dumps(dict(columns[name].import_id), separators=(",", ":"))
                     for name in names])
    for row in responses.itertuples(index=False, name=None):
        writer.writerow(["" if pd.isna(value) else value for value in row])
    Path(path).write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
