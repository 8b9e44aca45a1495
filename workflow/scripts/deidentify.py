"""Snakemake script of rule deidentify: the de-identified chunks gathered, in order."""

import json

import pandas as pd

from csec_survey.core.atomic import atomic_path, write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import rule_script
from csec_survey.deidentify.pseudonyms import key_from_config
from csec_survey.deidentify.responses import gather

with rule_script(snakemake) as log:
    key = key_from_config(snakemake.params.key, snakemake.params.export)
    if key.is_demo:
        log.warning("using the public demo pseudonymisation key: fine for the synthetic export, "
                    "never for real data")
    parts = [(pd.read_parquet(responses), pd.read_parquet(redactions)) for responses, redactions
             in zip(snakemake.input.responses, snakemake.input.redactions, strict=True)]
    result = gather(parts, load_instrument(snakemake.input.instrument), key.is_demo)
    log.info("%d chunks gathered; redactions by type: %s", len(parts),
             result.redaction_log["entities_by_type"])
    with atomic_path(snakemake.output.responses) as partial:
        result.responses.to_parquet(partial, index=False)
    with atomic_path(snakemake.output.redactions) as partial:
        result.entities.to_parquet(partial, index=False)
    write_text(snakemake.output.log, json.dumps(result.redaction_log, indent=2) + "\n")
