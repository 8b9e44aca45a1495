"""Snakemake script of rule build_registry: the fragments joined into results/numbers.json."""

import json

from csec_survey.core.rule_script import rule_script
from csec_survey.stats.registry import merge_fragments

with rule_script(snakemake) as log:
    registry = merge_fragments(snakemake.input)
    with open(snakemake.output.registry, "w", encoding="utf-8") as handle:
        json.dump(registry, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    log.info("%d numbers in the registry", len(registry))
