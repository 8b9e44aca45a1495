"""Snakemake script of rule audit_pdf: every numeral of the body traced, or the build fails."""

import csv
import json
from pathlib import Path

import pandas as pd

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.lineage import check_lineage, read_records
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.paper.audit import audit_pdf
from csec_survey.paper.quotes import misquoted
from csec_survey.stats.registry import read_registry

with rule_script(snakemake) as log:
    # The PDF is declared done only if it, and the registry it is audited against, derive
    # from the configured export.
    check_lineage([snakemake.input.pdf, snakemake.input.registry, snakemake.input.clean],
                  read_records(snakemake.input.records),
                  snakemake.params.export, snakemake.params.export_sha256)
    quotes = json.loads(Path(snakemake.input.quotes_used).read_text(encoding="utf-8"))
    # Only the columns quoted from: at 100,000 respondents the table is large.
    columns = sorted({"pseudonym", *(quote["question"] for quote in quotes)})
    wrong = misquoted(quotes, pd.read_parquet(snakemake.input.clean, columns=columns))
    if wrong:
        raise RuleFailed("quotes in the paper that are not word for word the de-identified "
                         f"answer they are drawn from: {', '.join(wrong)}")
    with open(snakemake.input.reproduction, encoding="utf-8", newline="") as handle:
        reproduction = list(csv.DictReader(handle))
    registry = {**read_registry(snakemake.input.registry), **read_registry(snakemake.input.build)}
    result = audit_pdf(snakemake.input.pdf, registry,
                       quotes=[quote["text"] for quote in quotes],
                       codebook_numbers=load_instrument(snakemake.input.instrument)
                       .printed_numbers(), reproduction=reproduction)
    summary = result.as_json()
    log.info("audit: %d numerals, %d linked to the registry, %d quotes verified, exempt %s",
             result.numerals, result.linked, result.quotes_verified, result.exempt)
    if not result.passed:
        log.info("every problem: %s", json.dumps(result.problems, indent=2))
        raise RuleFailed("numerals or quantities in the PDF that nothing accounts for:\n"
                         f"{json.dumps(result.problems[:20], indent=2)}")
    write_text(snakemake.output.audit, json.dumps(summary, indent=2) + "\n")
