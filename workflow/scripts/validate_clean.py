"""Snakemake script of rule validate_clean: the clean suite, or a failed build saying why."""

import pandas as pd

from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.deidentify.pseudonyms import key_from_config, pseudonym
from csec_survey.validate.clean_suite import respondent_identifiers, validate_clean_responses
from csec_survey.validate.expectations import write_outcome

with rule_script(snakemake) as log:
    key = key_from_config(snakemake.params.key, snakemake.params.export)
    responses = pd.read_parquet(snakemake.input.responses)
    # Held in memory only, never written.
    own = respondent_identifiers(responses,
                                 [pseudonym(str(rid), key) for rid in responses["ResponseId"]])
    outcome = validate_clean_responses(pd.read_parquet(snakemake.input.clean),
                                       load_instrument(snakemake.input.instrument), own)
    log.info("suite clean: %s", outcome.summary["statistics"])
    if not outcome.success:
        message = outcome.failure_message()
        raise RuleFailed("the de-identified responses do not meet their "
                         f"expectations.\n{message}")
    write_outcome(outcome, snakemake.output.summary, snakemake.output.data_docs)
