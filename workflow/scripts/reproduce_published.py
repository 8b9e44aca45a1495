"""Snakemake script of rule reproduce_published: published against rebuilt."""

import json
from pathlib import Path

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
    Path(snakemake.output.table).write_text(rows_to_csv(rows), encoding="utf-8")
    summary = summarise(rows)
    Path(snakemake.output.summary).write_text(json.dumps(summary, indent=2) + "\n",
                                              encoding="utf-8")
    log.info("reproduction: %s", summary)
