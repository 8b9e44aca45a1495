"""Snakemake script of rule reproduce_published: published against rebuilt."""

import json

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.core.rule_script import rule_script
from csec_survey.reproduce.reproduction import reproduction_rows, rows_to_csv, summarise
from csec_survey.stats.registry import read_registry

with rule_script(snakemake) as log:
    rows = reproduction_rows(read_published_values(snakemake.input.figures),
                             read_registry(snakemake.input.registry),
                             load_instrument(snakemake.input.instrument),
                             snakemake.params.sample_size)
    write_text(snakemake.output.table, rows_to_csv(rows))
    summary = summarise(rows)
    write_text(snakemake.output.summary, json.dumps(summary, indent=2) + "\n")
    log.info("reproduction: %s", summary)
