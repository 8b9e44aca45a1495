"""Snakemake script of rule tidy_responses: typed complete responses."""

import pandas as pd

from csec_survey.core.atomic import atomic_path
from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import rule_script
from csec_survey.ingest.records import EXCLUSION, complete_responses
from csec_survey.ingest.tidy import undescribed_columns

with rule_script(snakemake) as log:
    records = pd.read_parquet(snakemake.input.records)
    instrument = load_instrument(snakemake.input.instrument)
    for name in undescribed_columns(records.columns.drop([EXCLUSION]), instrument):
        # The column's name only: its values may identify someone.
        log.warning("column %r of the export is not in the codebook, so it is dropped; list "
                    "it under embedded_data in config/instrument.yaml to keep it", name)
    responses = complete_responses(records, instrument)
    log.info("complete responses typed: %d rows, %d columns", *responses.shape)
    with atomic_path(snakemake.output.responses) as partial:
        responses.to_parquet(partial, index=False)
