"""Snakemake script of rule validate_raw: the raw suite, or a failed build saying why."""

import pandas as pd

from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.validate.expectations import write_outcome
from csec_survey.validate.raw_suite import codebook_mismatch, validate_raw_records

with rule_script(snakemake) as log:
    settings = {"study": snakemake.params.study, "validation": snakemake.params.validation}
    records = pd.read_parquet(snakemake.input.records)
    instrument = load_instrument(snakemake.input.instrument)
    outcome = validate_raw_records(records, instrument, settings)
    log.info("suite raw: %s", outcome.summary["statistics"])
    for warning in outcome.warnings():
        log.warning("expectation not met (warning only): %s", warning)
    if not outcome.success:
        message = outcome.failure_message(snakemake.params.validation["example_rows"])
        headline = codebook_mismatch(records.columns.drop(["export_row", "exclusion"]),
                                     instrument, snakemake.input.instrument)
        # An export of another survey, or of this one cut short, is said in one line first.
        raise RuleFailed(f"{headline or 'the raw export does not meet its expectations.'}\n"
                         f"{message}")
    write_outcome(outcome, snakemake.output.summary, snakemake.output.data_docs)
