"""Snakemake script of rule deidentify_chunk: one chunk of respondents de-identified."""

import pandas as pd

from csec_survey.core.atomic import atomic_path
from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.deidentify.chunks import chunk_rows, planned_rows
from csec_survey.deidentify.pseudonyms import key_from_config
from csec_survey.deidentify.responses import deidentify_rows
from csec_survey.deidentify.scrubber import Scrubber

with rule_script(snakemake) as log:
    key = key_from_config(snakemake.params.key, snakemake.params.export)
    responses = pd.read_parquet(snakemake.input.responses)
    planned = planned_rows(snakemake.input.exclusions)
    if len(responses) != planned:
        raise RuleFailed(f"{len(responses)} complete responses to de-identify, but "
                         f"the chunks were planned for the {planned} read_export kept")
    responses = responses.iloc[chunk_rows(int(snakemake.wildcards.chunk), len(responses),
                                          snakemake.params.chunk_respondents)]
    clean, redactions = deidentify_rows(responses, load_instrument(snakemake.input.instrument), key,
                                        Scrubber())
    log.info("chunk %s: %d respondents, %d redactions", snakemake.wildcards.chunk, len(clean),
             len(redactions))
    with atomic_path(snakemake.output.responses) as partial:
        clean.to_parquet(partial, index=False)
    with atomic_path(snakemake.output.redactions) as partial:
        redactions.to_parquet(partial, index=False)
