"""Snakemake script of rule read_export: the export's records, marked for exclusion."""

import json

from csec_survey.core.atomic import atomic_path, write_text
from csec_survey.core.rule_script import rule_script
from csec_survey.ingest.records import read_records

with rule_script(snakemake) as log:
    read = read_records(snakemake.input.export, duplicate_key=snakemake.params.duplicate_key)
    log.info("layout: %s", read.layout)
    log.info("records dropped by rule, and kept: %s", read.exclusions)
    with atomic_path(snakemake.output.records) as partial:
        read.records.to_parquet(partial, index=False)
    write_text(snakemake.output.exclusions, json.dumps(read.exclusions, indent=2) + "\n")
