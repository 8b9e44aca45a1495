"""Reading an export into records, and typing the complete responses among them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import TIMESTAMP_COLUMNS
from csec_survey.ingest.exclusions import apply_exclusions
from csec_survey.ingest.qualtrics import Layout, read_export
from csec_survey.ingest.tidy import EXPORT_ROW, tidy_responses

__all__ = ["EXCLUSION", "STUDY_TIME_ZONE", "ExportRecords", "IngestedExport",
           "complete_responses", "in_time_zone", "ingest_export", "read_records"]

EXCLUSION = "exclusion"
"""Column naming the exclusion rule that dropped a record (None for a complete response)."""

STUDY_TIME_ZONE = "America/New_York"
"""The fieldwork's time zone, as config/config.yaml sets it (``study.time_zone``)."""


@dataclass(frozen=True)
class ExportRecords:
    """Every record of an export as read (strings), with its row and exclusion rule."""

    records: pd.DataFrame
    exclusions: dict[str, int]
    layout: Layout
    # The column repeated responses were found by (None: the export has none to use).
    duplicate_key: str | None = None


def read_records(path: str | Path, duplicate_key: str = "RecipientEmail",
                 time_zone: str = STUDY_TIME_ZONE) -> ExportRecords:
    """Read the export at ``path``, its timestamps in ``time_zone``, and mark which
    records the exclusion rules drop."""
    export = read_export(path)
    records = export.responses.copy()
    if export.layout.time_zone and export.layout.time_zone != time_zone:
        for column in TIMESTAMP_COLUMNS:
            if column in records.columns:
                records[column] = in_time_zone(records[column], export.layout.time_zone,
                                               time_zone)
    excluded = apply_exclusions(records, duplicate_key)
    records.insert(0, EXPORT_ROW, range(1, len(records) + 1))
    records[EXCLUSION] = excluded.reasons
    return ExportRecords(records=records, exclusions=excluded.counts, layout=export.layout,
                         duplicate_key=excluded.duplicate_key)


def in_time_zone(stamps: pd.Series, source: str, target: str) -> pd.Series:
    """Qualtrics timestamps (``2012-11-05 09:30:00``) written in zone ``source``, as the
    same instants in zone ``target``; a value that is no timestamp is left as it is."""
    parsed = pd.to_datetime(stamps, format="%Y-%m-%d %H:%M:%S", errors="coerce")
    # The hour the clocks go back happens twice: the first is taken, as Qualtrics does not
    # say which; an hour skipped in spring is moved past.
    try:
        moved = parsed.dt.tz_localize(source, ambiguous=np.ones(len(parsed), dtype=bool),
                                      nonexistent="shift_forward") \
            .dt.tz_convert(target).dt.strftime("%Y-%m-%d %H:%M:%S")
    except KeyError as error:  # an unknown zone's name
        raise ValueError(f"cannot convert the export's timestamps from {source!r} to "
                         f"{target!r}: {error}") from None
    result = stamps.copy()
    result[parsed.notna()] = moved[parsed.notna()]
    return result


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
                  duplicate_key: str = "RecipientEmail",
                  time_zone: str = STUDY_TIME_ZONE) -> IngestedExport:
    """Read, exclude and type in one go (the pipeline does it in three validated steps)."""
    read = read_records(path, duplicate_key, time_zone)
    return IngestedExport(responses=complete_responses(read.records, instrument),
                          exclusions=read.exclusions, layout=read.layout)
