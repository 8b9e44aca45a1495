"""Snakemake script of rule read_export: the export's records, marked for exclusion."""

import json

from csec_survey.core.rule_script import rule_script
from csec_survey.ingest.records import read_records

with rule_script(snakemake) as log:
    read = read_records(snakemake.input.export, duplicate_key=snakemake.params.duplicate_key)
    log.info("layout: %s", read.layout)
    log.info("records dropped by rule, and kept: %s", read.exclusions)
    read.records.to_parquet(snakemake.output.records, index=False)
    with open(snakemake.output.exclusions, "w", encoding="utf-8") as handle:
        json.dump(read.exclusions, handle, indent=2)
        handle.write("\n")
