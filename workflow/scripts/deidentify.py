"""Snakemake script of rule deidentify: the de-identified chunks gathered, in order."""

import json

import pandas as pd

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
    result.responses.to_parquet(snakemake.output.responses, index=False)
    result.entities.to_parquet(snakemake.output.redactions, index=False)
    with open(snakemake.output.log, "w", encoding="utf-8") as handle:
        json.dump(result.redaction_log, handle, indent=2)
        handle.write("\n")
