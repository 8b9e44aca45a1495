"""Snakemake script of rule select_quotes: coded answers to quote, verbatim."""

import json

import pandas as pd

from csec_survey.core.atomic import write_text
from csec_survey.core.rule_script import rule_script
from csec_survey.paper.quotes import read_coding, select_quotes

with rule_script(snakemake) as log:
    quotes = select_quotes(read_coding(snakemake.input.coding),
                           pd.read_parquet(snakemake.input.clean))
    write_text(snakemake.output.quotes, json.dumps(quotes, indent=2, ensure_ascii=False) + "\n")
    log.info("quotable answers by question: %s",
             {question: sum(len(theme["quotes"]) for theme in themes.values())
              for question, themes in quotes.items()})
