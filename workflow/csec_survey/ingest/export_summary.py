"""What a researcher checks about an export before building the paper from it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import ANONYMIZED_AWAY, METADATA_COLUMNS, is_anonymized
from csec_survey.ingest.exclusions import apply_exclusions
from csec_survey.ingest.qualtrics import read_export

__all__ = ["describe_export"]


def describe_export(path: str | Path, instrument: Instrument,
                    duplicate_key: str = "RecipientEmail") -> dict[str, Any]:
    """Layout, vintage, sizes, questions and exclusion counts of the export at ``path``,
    with the reason for each exclusion rule, as JSON data.

    Nothing in the description is a response value, so it is safe to share.
    """
    export = read_export(path)
    anonymized = is_anonymized(export.columns)
    excluded = apply_exclusions(export.responses, duplicate_key)
    metadata = {name for name, _, _ in METADATA_COLUMNS}
    expected = {column.name: column for column in instrument.export_columns()}
    questions = [
        {"column": name, "text": meta.text, "import_id": dict(meta.import_id),
         "item": expected[name].item if name in expected else None}
        for name, meta in export.columns.items()
        if name not in metadata and name not in instrument.embedded_data
    ]
    return {
        "path": str(path),
        "layout": {
            "header_rows": export.layout.header_rows,
            "values": export.layout.values,
            "encoding": export.layout.encoding,
            "bom": export.layout.bom,
            "line_endings": "CRLF" if export.layout.line_terminator == "\r\n" else "LF",
            "vintage": export.layout.vintage,
            "resaved_by_excel": export.layout.resaved_by_excel,
            "time_zone": export.layout.time_zone,
            "anonymized": anonymized,
        },
        "rows": len(export.responses),
        "columns": len(export.columns),
        "metadata_columns_missing": sorted(metadata - set(export.columns)
                                           - (set(ANONYMIZED_AWAY) if anonymized else set())),
        "instrument_columns_missing": sorted(set(expected) - set(export.columns)),
        "columns_not_in_instrument": sorted(
            set(export.columns) - set(expected) - metadata - set(instrument.embedded_data)),
        "embedded_data": [name for name in export.columns if name in instrument.embedded_data],
        "questions": questions,
        "exclusions": excluded.counts,
        "exclusion_rules": excluded.explained(),
        "duplicate_key": excluded.duplicate_key,
    }
