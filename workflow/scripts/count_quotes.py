"""Snakemake script of rule count_quotes: the answers examined as quotes and withheld, and
how many answers raised each theme."""

import pandas as pd

from csec_survey.core.rule_script import rule_script
from csec_survey.paper.quotes import quote_numbers, read_coding, select_quotes, theme_numbers
from csec_survey.stats.registry import input_hashes, write_fragment

with rule_script(snakemake) as log:
    coding = read_coding(snakemake.input.coding)
    clean = pd.read_parquet(snakemake.input.clean)
    quotes = select_quotes(coding, clean)
    trail = {"rule": snakemake.rule, "script": "workflow/scripts/count_quotes.py",
             "inputs": input_hashes([snakemake.input.clean, snakemake.input.coding])}
    numbers = quote_numbers(quotes, trail) + theme_numbers(coding, clean, trail)
    write_fragment(numbers, snakemake.output.numbers)
    log.info("%s", {number.id: number.value for number in numbers})
