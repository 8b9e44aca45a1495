"""Snakemake script of rule external_context: cited statistics from other studies."""

from csec_survey.core.rule_script import rule_script
from csec_survey.stats.constants import external_numbers
from csec_survey.stats.registry import input_hashes, write_fragment

with rule_script(snakemake) as log:
    numbers = external_numbers(snakemake.input.table, {
        "rule": snakemake.rule, "script": "workflow/scripts/external_context.py",
        "inputs": input_hashes([snakemake.input.table])})
    write_fragment(numbers, snakemake.output.numbers)
    log.info("%d context statistics", len(numbers))
