"""Snakemake script of rule validate_raw: the raw suite, or a failed build saying why."""

import pandas as pd

from csec_survey.core.codebook import load_instrument
from csec_survey.core.logs import rule_logger
from csec_survey.validate.expectations import write_outcome
from csec_survey.validate.raw_suite import validate_raw_records

log = rule_logger(snakemake.log[0])
outcome = validate_raw_records(pd.read_parquet(snakemake.input.records),
                               load_instrument(snakemake.input.instrument),
                               snakemake.params.validation)
log.info("suite raw: %s", outcome.summary["statistics"])
for warning in outcome.warnings():
    log.warning("expectation not met (warning only): %s", warning)
if not outcome.success:
    message = outcome.failure_message(snakemake.params.validation["validation"]["example_rows"])
    log.error("%s", message)
    raise SystemExit(f"validate_raw failed: the raw export does not meet its expectations.\n"
                     f"{message}")
write_outcome(outcome, snakemake.output.summary, snakemake.output.data_docs)
