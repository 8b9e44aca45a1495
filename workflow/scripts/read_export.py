"""Snakemake script of rule read_export: the export's records, marked for exclusion."""

import json

from csec_survey.core.atomic import atomic_path, write_text
from csec_survey.core.rule_script import rule_script
from csec_survey.ingest.records import read_records

with rule_script(snakemake) as log:
    read = read_records(snakemake.input.export, duplicate_key=snakemake.params.duplicate_key,
                        time_zone=snakemake.params.time_zone)
    log.info("layout: %s", read.layout)
    if read.duplicate_key is None:
        log.warning("no record can be found to repeat another: the export has no e-mail or "
                    "external reference to compare (an anonymized export, or masked)")
    elif read.duplicate_key != snakemake.params.duplicate_key:
        log.warning("repeats are found by %s: %s is not in the export, or is masked",
                    read.duplicate_key, snakemake.params.duplicate_key)
    log.info("records dropped by rule, and kept: %s", read.exclusions)
    with atomic_path(snakemake.output.records) as partial:
        read.records.to_parquet(partial, index=False)
    write_text(snakemake.output.exclusions, json.dumps(read.exclusions, indent=2) + "\n")
