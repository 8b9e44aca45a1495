"""Snakemake script of rule check_claims: every claim of the paper judged on the rebuilt data."""

import csv
import json
from pathlib import Path

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.paper.claims import check_paper, claim_data
from csec_survey.stats.registry import read_registry


def rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


with rule_script(snakemake) as log:
    data = claim_data(
        read_registry(snakemake.input.registry),
        [row for path in snakemake.input.figures for row in rows(path)],
        load_instrument(snakemake.input.instrument),
        read_published_values(snakemake.input.published),
        json.loads(Path(snakemake.input.quotes).read_text(encoding="utf-8")),
        rows(snakemake.input.reproduction))
    verdicts = check_paper(Path(snakemake.input.source).read_text(encoding="utf-8"), data)
    false = [verdict for verdict in verdicts if not verdict.holds]
    log.info("%d claims checked, %d false", len(verdicts), len(false))
    if false:
        raise RuleFailed(f"{len(false)} of the paper's {len(verdicts)} claims are false for "
                         "this export "
                         f"({snakemake.input.source}):\n  - "
                         + "\n  - ".join(verdict.message() for verdict in false))
    write_text(snakemake.output.claims, json.dumps(
        {"source": snakemake.input.source, "claims": [v.as_json() for v in verdicts]},
        indent=2, ensure_ascii=False) + "\n")
