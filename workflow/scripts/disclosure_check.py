"""Snakemake script of rule disclosure_check: k-anonymity over the quasi-identifiers."""

import json

import pandas as pd

from csec_survey.core.atomic import write_text
from csec_survey.core.rule_script import rule_script
from csec_survey.deidentify.disclosure import banded, k_anonymity_report

with rule_script(snakemake) as log:
    settings = snakemake.params.k_anonymity
    clean = banded(pd.read_parquet(snakemake.input.clean), settings["bands"])
    report = k_anonymity_report(clean, settings["quasi_identifiers"], settings["k"])
    log.info("k=%d: %d of %d respondents in groups below k on all quasi-identifiers",
             report["k"], report["all_quasi_identifiers"]["respondents_in_groups_below_k"],
             report["respondents"])
    write_text(snakemake.output.report, json.dumps(report, indent=2) + "\n")
