"""Snakemake script of rule validate_raw: the raw suite, or a failed build saying why."""

import pandas as pd

from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.validate.expectations import write_outcome
from csec_survey.validate.raw_suite import validate_raw_records

with rule_script(snakemake) as log:
    settings = {"study": snakemake.params.study, "validation": snakemake.params.validation}
    outcome = validate_raw_records(pd.read_parquet(snakemake.input.records),
                                   load_instrument(snakemake.input.instrument), settings)
    log.info("suite raw: %s", outcome.summary["statistics"])
    for warning in outcome.warnings():
        log.warning("expectation not met (warning only): %s", warning)
    if not outcome.success:
        message = outcome.failure_message(snakemake.params.validation["example_rows"])
        raise RuleFailed(f"the raw export does not meet its expectations.\n{message}")
    write_outcome(outcome, snakemake.output.summary, snakemake.output.data_docs)
