"""The records a pipeline must exclude: previews, a test, incomplete and repeated responses.

Each is built from a real-looking response, so that only the exclusion rules,
not a tell-tale value, can tell it apart.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np
import pandas as pd

from csec_survey.core.codebook import Instrument
from csec_survey.core.published import PUBLISHED_SAMPLE_SIZE
from csec_survey.synthetic.respondents import response_id, start_time

__all__ = ["excluded_counts", "excluded_records"]

# Records to exclude, per 144 complete responses.
_EXCLUDED = {"preview": 2, "test": 1, "incomplete": 7, "duplicate": 1}


def excluded_counts(respondents: int) -> dict[str, int]:
    """How many records of each kind to exclude around ``respondents`` complete responses."""
    return {kind: max(1, round(count * respondents / PUBLISHED_SAMPLE_SIZE))
            for kind, count in _EXCLUDED.items()}


def excluded_records(instrument: Instrument, answers: pd.DataFrame, people: pd.DataFrame,
                     respondents: int, rng: np.random.Generator,
                     ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Previews, tests, incomplete and repeated responses, built from real-looking ones."""
    kinds = [kind for kind, count in excluded_counts(respondents).items() for _ in range(count)]
    sources = rng.choice(respondents, size=len(kinds), replace=False)
    extra_answers = answers.iloc[sources].reset_index(drop=True).copy()
    extra_people = people.iloc[sources].reset_index(drop=True).copy()
    extra_people["Kind"] = kinds
    extra_people["Stop"] = pd.NA
    for row, kind in enumerate(kinds):
        extra_people.at[row, "ResponseId"] = response_id(rng)
        if kind in ("preview", "test"):
            start = datetime(2012, 11, 1, 14) + timedelta(hours=float(rng.integers(0, 60)))
            extra_people.loc[row, ["RecipientLastName", "RecipientFirstName", "RecipientEmail",
                                   "ExternalReference", "AgencyName", "AgencyCity",
                                   "AgencyState"]] = None
            extra_people.at[row, "Status"] = "Survey Preview" if kind == "preview" \
                else "Survey Test"
            extra_people.at[row, "DistributionChannel"] = kind
        elif kind == "incomplete":
            start = start_time(rng)
            stop = int(rng.integers(3, len(instrument.items) - 4))
            asked_items = {item.id for item in instrument.items[stop:]}
            for column in extra_answers.columns:
                if column.split(".")[0] in asked_items:
                    extra_answers.at[row, column] = pd.NA
            extra_people.at[row, "Progress"] = int(100 * stop / len(instrument.items))
            extra_people.at[row, "Finished"] = "False"
            extra_people.at[row, "Stop"] = stop
        else:  # a second, later submission by the same recipient
            start = people.at[int(sources[row]), "RecordedDate"] + timedelta(
                days=float(rng.integers(1, 6)), hours=float(rng.integers(0, 8)))
        duration = int(np.clip(rng.lognormal(np.log(900), 0.6), 120, 7200))
        extra_people.at[row, "StartDate"] = start
        extra_people.at[row, "Duration"] = duration
        extra_people.at[row, "RecordedDate"] = start + timedelta(
            seconds=duration if kind != "incomplete" else 7 * 86400)
    return extra_answers, extra_people
