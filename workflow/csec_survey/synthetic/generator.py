"""A synthetic Qualtrics export that stands in for the confidential survey data.

Put together from its parts: closed answers that meet the calibrated counts
(`closed_answers`), fake respondent metadata (`respondents`), the records a
pipeline must exclude (`excluded`), all rendered as a Qualtrics export holds
them with the free text written on the way (`export_cells`), and written with
its planted ground truth and calibration record (`qualtrics_writer`).

With the default seed and size the output is byte-for-byte the committed
export; ``respondents`` scales the sample while keeping the published shares.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from faker import Faker

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import ColumnMeta, metadata_header
from csec_survey.core.paths import companion_paths
from csec_survey.core.published import PUBLISHED_SAMPLE_SIZE, PublishedValue
from csec_survey.synthetic.calibration import calibrate
from csec_survey.synthetic.closed_answers import closed_answers
from csec_survey.synthetic.excluded import excluded_counts, excluded_records
from csec_survey.synthetic.export_cells import export_cells, question_header
from csec_survey.synthetic.free_text import AnswerWriter
from csec_survey.synthetic.parameters import load_parameters
from csec_survey.synthetic.qualtrics_writer import write_export
from csec_survey.synthetic.respondents import respondent_metadata

__all__ = ["DEFAULT_SEED", "SyntheticExport", "synthesize", "write_synthetic_export"]

DEFAULT_SEED = 20121105


@dataclass(frozen=True)
class SyntheticExport:
    """A synthetic export, its planted ground truth and its calibration record."""

    responses: pd.DataFrame
    columns: Mapping[str, ColumnMeta]
    truth: list[dict[str, Any]]
    calibration: dict[str, Any]


def synthesize(instrument: Instrument, figures: Iterable[PublishedValue],
               respondents: int = PUBLISHED_SAMPLE_SIZE, seed: int = DEFAULT_SEED,
               ) -> SyntheticExport:
    """Generate a synthetic export of ``respondents`` complete responses and its companions."""
    if respondents < 10:
        raise ValueError(f"--respondents must be at least 10, got {respondents}")
    rng = np.random.default_rng(seed)
    fake = Faker("en_US")
    fake.seed_instance(seed)
    calibration = calibrate(instrument, figures, PUBLISHED_SAMPLE_SIZE,
                            load_parameters(instrument))

    answers = closed_answers(instrument, calibration.items, respondents, rng)
    people = respondent_metadata(answers, respondents, rng, fake)
    writer = AnswerWriter(rng, fake)
    excluded, excluded_people = excluded_records(instrument, answers, people, respondents, rng)
    answers = pd.concat([answers, excluded], ignore_index=True)
    people = pd.concat([people, excluded_people], ignore_index=True)

    truth: list[dict[str, Any]] = []
    cells = export_cells(instrument, answers, people, writer, rng, truth)
    order = np.argsort(people["RecordedDate"].to_numpy(), kind="stable")
    cells = cells.iloc[order].reset_index(drop=True)
    columns = {**metadata_header(), **question_header(instrument),
               **{name: ColumnMeta(text=name, import_id={"ImportId": name})
                  for name in instrument.embedded_data}}
    record = calibration.record()
    record["export"] = {"complete_responses": respondents, "seed": seed,
                        "excluded_records": excluded_counts(respondents)}
    if respondents != PUBLISHED_SAMPLE_SIZE:
        record["export"]["scaled_from"] = PUBLISHED_SAMPLE_SIZE
    return SyntheticExport(responses=cells, columns=columns, truth=truth, calibration=record)


def write_synthetic_export(export: SyntheticExport, path: str | Path) -> dict[str, Path]:
    """Write the export, its ground truth and calibration record; all or nothing."""
    paths = companion_paths(path)
    paths["export"].parent.mkdir(parents=True, exist_ok=True)
    staged = {name: target.with_name(f".{target.name}.partial") for name, target in paths.items()}
    try:
        write_export(staged["export"], export.responses, export.columns)
        staged["truth"].write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in export.truth),
            encoding="utf-8")
        staged["calibration"].write_text(
            json.dumps(export.calibration, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for name, target in paths.items():
            staged[name].replace(target)
    finally:
        for partial in staged.values():
            partial.unlink(missing_ok=True)
    return paths


