"""Reading an export into records, and typing the complete responses among them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from csec_survey.core.codebook import Instrument
from csec_survey.ingest.exclusions import apply_exclusions
from csec_survey.ingest.qualtrics import Layout, read_export
from csec_survey.ingest.tidy import EXPORT_ROW, tidy_responses

__all__ = ["EXCLUSION", "ExportRecords", "IngestedExport", "complete_responses", "ingest_export",
           "read_records"]

EXCLUSION = "exclusion"
"""Column naming the exclusion rule that dropped a record (None for a complete response)."""


@dataclass(frozen=True)
class ExportRecords:
    """Every record of an export as read (strings), with its row and exclusion rule."""

    records: pd.DataFrame
    exclusions: dict[str, int]
    layout: Layout


def read_records(path: str | Path, duplicate_key: str = "RecipientEmail") -> ExportRecords:
    """Read the export at ``path`` and mark which records the exclusion rules drop."""
    export = read_export(path)
    excluded = apply_exclusions(export.responses, duplicate_key)
    records = export.responses.copy()
    records.insert(0, EXPORT_ROW, range(1, len(records) + 1))
    records[EXCLUSION] = excluded.reasons
    return ExportRecords(records=records, exclusions=excluded.counts, layout=export.layout)


def complete_responses(records: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """The typed table of the complete responses among ``records``."""
    finished = set(records["Finished"].dropna())
    values = "numeric" if finished and finished <= {"0", "1"} else "choice_text"
    kept = records[records[EXCLUSION].isna()].drop(columns=[EXCLUSION])
    return tidy_responses(kept, instrument, values)


@dataclass(frozen=True)
class IngestedExport:
    """Typed complete responses, what each exclusion rule dropped, and the layout read."""

    responses: pd.DataFrame
    exclusions: dict[str, int]
    layout: Layout


def ingest_export(path: str | Path, instrument: Instrument,
                  duplicate_key: str = "RecipientEmail") -> IngestedExport:
    """Read, exclude and type in one go (the pipeline does it in three validated steps)."""
    read = read_records(path, duplicate_key)
    return IngestedExport(responses=complete_responses(read.records, instrument),
                          exclusions=read.exclusions, layout=read.layout)
