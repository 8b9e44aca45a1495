"""Snakemake script of rule deidentify: pseudonyms, dropped identifiers, scrubbed text."""

import json

import pandas as pd

from csec_survey.deid.pseudonyms import key_from_config
from csec_survey.deid.responses import deidentify
from csec_survey.deid.scrubber import Scrubber
from csec_survey.instrument import load_instrument
from csec_survey.logs import rule_logger

log = rule_logger(snakemake.log[0])
key = key_from_config(snakemake.params.deid, snakemake.params.export)
if key.is_demo:
    log.warning("using the public demo pseudonymisation key: fine for the synthetic export, "
                "never for real data")
result = deidentify(pd.read_parquet(snakemake.input.responses),
                    load_instrument(snakemake.input.instrument), key, Scrubber())
log.info("redactions by type: %s", result.redaction_log["entities_by_type"])
result.responses.to_parquet(snakemake.output.responses, index=False)
result.entities.to_parquet(snakemake.output.redactions, index=False)
with open(snakemake.output.log, "w", encoding="utf-8") as handle:
    json.dump(result.redaction_log, handle, indent=2)
    handle.write("\n")
