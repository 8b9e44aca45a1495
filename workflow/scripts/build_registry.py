"""Snakemake script of rule build_registry: the fragments joined into results/numbers.json."""

import json

from csec_survey.core.atomic import write_text
from csec_survey.core.rule_script import rule_script
from csec_survey.stats.registry import merge_fragments

with rule_script(snakemake) as log:
    registry = merge_fragments(snakemake.input)
    write_text(snakemake.output.registry,
               json.dumps(registry, indent=2, ensure_ascii=False) + "\n")
    log.info("%d numbers in the registry", len(registry))
