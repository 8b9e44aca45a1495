"""Snakemake script of rule tidy_responses: typed complete responses."""

import pandas as pd

from csec_survey.core.codebook import load_instrument
from csec_survey.core.logs import rule_logger
from csec_survey.ingest.records import complete_responses

log = rule_logger(snakemake.log[0])
responses = complete_responses(pd.read_parquet(snakemake.input.records),
                               load_instrument(snakemake.input.instrument))
log.info("complete responses typed: %d rows, %d columns", *responses.shape)
responses.to_parquet(snakemake.output.responses, index=False)
