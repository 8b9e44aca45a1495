"""Snakemake script of rule design_constants: the study design's numbers, from the config."""

from csec_survey.core.logs import rule_logger
from csec_survey.stats.constants import design_numbers
from csec_survey.stats.registry import input_hashes, write_fragment

log = rule_logger(snakemake.log[0])
numbers = design_numbers(snakemake.params.design, {
    "rule": snakemake.rule, "script": "workflow/scripts/design_constants.py",
    "inputs": input_hashes([snakemake.input.config])})
write_fragment(numbers, snakemake.output.numbers)
log.info("%d design constants", len(numbers))
