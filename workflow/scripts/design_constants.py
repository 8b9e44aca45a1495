"""Snakemake script of rule design_constants: the study design's numbers, from the config."""

from csec_survey.core.rule_script import rule_script
from csec_survey.stats.constants import design_numbers
from csec_survey.stats.registry import config_hashes, write_fragment

with rule_script(snakemake) as log:
    numbers = design_numbers(snakemake.params.design, {
        "rule": snakemake.rule, "script": "workflow/scripts/design_constants.py",
        "inputs": config_hashes("design", snakemake.params.design)})
    write_fragment(numbers, snakemake.output.numbers)
    log.info("%d design constants", len(numbers))
