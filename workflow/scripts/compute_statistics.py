"""Snakemake script of rule compute_statistics: item statistics and the survey numbers."""

import pandas as pd

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import rule_script
from csec_survey.stats.constants import response_rate
from csec_survey.stats.items import (
    answer_numbers,
    interval_level_number,
    item_statistics,
    survey_numbers,
)
from csec_survey.stats.registry import config_hashes, input_hashes, write_fragment

with rule_script(snakemake) as log:
    instrument = load_instrument(snakemake.input.instrument)
    responses = pd.read_parquet(snakemake.input.clean)
    table = item_statistics(instrument, responses)
    write_text(snakemake.output.item_table, table.to_csv(index=False))
    trail = {"rule": snakemake.rule, "script": "workflow/scripts/compute_statistics.py",
             "inputs": input_hashes([snakemake.input.clean, snakemake.input.instrument])}
    numbers = [*survey_numbers(instrument, responses, trail),
               *answer_numbers(instrument, table, trail),
               interval_level_number(trail["rule"], trail["script"]),
               response_rate(len(responses), snakemake.params.design,
                             {**trail, "inputs": {**trail["inputs"], **config_hashes(
                                 "design", snakemake.params.design)}})]
    write_fragment(numbers, snakemake.output.numbers)
    log.info("%d survey numbers from %d responses", len(numbers), len(responses))
