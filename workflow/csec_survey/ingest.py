"""The first step of the pipeline: an export in, analysable responses out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from csec_survey.exclusions import apply_exclusions
from csec_survey.instrument import Instrument
from csec_survey.qualtrics import Layout, read_export
from csec_survey.tidy import tidy_responses

__all__ = ["IngestedExport", "ingest_export"]


@dataclass(frozen=True)
class IngestedExport:
    """Typed complete responses, what each exclusion rule dropped, and the layout read."""

    responses: pd.DataFrame
    exclusions: dict[str, int]
    layout: Layout


def ingest_export(path: str | Path, instrument: Instrument,
                  duplicate_key: str = "RecipientEmail") -> IngestedExport:
    """Read the export at ``path``, drop what is not an analysable response, and type the rest."""
    export = read_export(path)
    excluded = apply_exclusions(export.responses, duplicate_key)
    responses = tidy_responses(excluded.kept, instrument, export.layout)
    return IngestedExport(responses=responses, exclusions=excluded.counts, layout=export.layout)
