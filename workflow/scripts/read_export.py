"""Snakemake script of rule read_export: export in, typed complete responses out."""

import json
import logging

from csec_survey.ingest import ingest_export
from csec_survey.instrument import load_instrument

logging.basicConfig(filename=snakemake.log[0], level=logging.INFO,
                    format="%(asctime)s %(levelname)s %(message)s")
ingested = ingest_export(snakemake.input.export, load_instrument(snakemake.input.instrument),
                         duplicate_key=snakemake.params.duplicate_key)
logging.info("layout: %s", ingested.layout)
logging.info("records dropped by rule, and kept: %s", ingested.exclusions)
ingested.responses.to_parquet(snakemake.output.responses, index=False)
with open(snakemake.output.exclusions, "w", encoding="utf-8") as handle:
    json.dump(ingested.exclusions, handle, indent=2)
    handle.write("\n")
