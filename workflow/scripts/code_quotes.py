"""Snakemake script of rule code_quotes: a synthetic export coded from its ground truth."""

import json

import pandas as pd

from csec_survey.core.rule_script import rule_script
from csec_survey.deidentify.pseudonyms import key_from_config
from csec_survey.paper.quotes import coding_from_truth, write_coding

with rule_script(snakemake) as log:
    key = key_from_config(snakemake.params.key, snakemake.params.export)
    complete = set(pd.read_parquet(snakemake.input.responses, columns=["ResponseId"])["ResponseId"])
    rows = []
    if snakemake.input.truth:
        with open(snakemake.input.truth, encoding="utf-8") as handle:
            rows = coding_from_truth((json.loads(line) for line in handle), key, complete)
    else:
        log.warning("this export has no ground truth to code from: set paper.quote_coding in "
                    "config/config.yaml to your coders' file (pseudonym,question,theme,claims,"
                    "exemplar)")
    write_coding(rows, snakemake.output.coding)
    log.info("%d answers coded from the generator's themes", len(rows))
