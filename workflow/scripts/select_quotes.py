"""Snakemake script of rule select_quotes: coded answers to quote, verbatim, and their counts."""

import json

import pandas as pd

from csec_survey.core.rule_script import rule_script
from csec_survey.paper.quotes import quote_numbers, read_coding, select_quotes
from csec_survey.stats.registry import input_hashes, write_fragment

with rule_script(snakemake) as log:
    quotes = select_quotes(read_coding(snakemake.input.coding),
                           pd.read_parquet(snakemake.input.clean))
    with open(snakemake.output.quotes, "w", encoding="utf-8") as handle:
        json.dump(quotes, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    trail = {"rule": snakemake.rule, "script": "workflow/scripts/select_quotes.py",
             "inputs": input_hashes([snakemake.input.clean, snakemake.input.coding])}
    write_fragment(quote_numbers(quotes, trail), snakemake.output.numbers)
    log.info("quotable answers by question: %s",
             {question: sum(len(theme["quotes"]) for theme in themes.values())
              for question, themes in quotes.items()})
