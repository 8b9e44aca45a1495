"""Snakemake script of rule evaluate_deidentification: the scrubber against planted truth."""

import json

import pandas as pd

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.deidentify.evaluation import evaluate, planted_in_lists, texts_from_truth
from csec_survey.deidentify.gazetteers import load_gazetteers
from csec_survey.deidentify.pseudonyms import key_from_config, pseudonym

with rule_script(snakemake) as log:
    key = key_from_config(snakemake.params.key, snakemake.params.export)
    instrument = load_instrument(snakemake.input.instrument)
    responses = pd.read_parquet(snakemake.input.responses)
    with open(snakemake.input.truth, encoding="utf-8") as handle:
        truth = [json.loads(line) for line in handle]
    texts = texts_from_truth(
        truth, responses, pd.read_parquet(snakemake.input.redactions),
        {rid: pseudonym(rid, key) for rid in responses["ResponseId"]},
        {column.name: column.variable for column in instrument.export_columns()})
    if not texts:
        raise RuleFailed(f"the ground truth {snakemake.input.truth} "
                         "matches no answer of this export; is it the export's own?")
    lists = load_gazetteers()
    evaluation = {"answers_evaluated": len(texts), **evaluate(texts),
                  "planted_in_scrubber_lists": planted_in_lists(texts, lists.lists_hold,
                                                                lists.is_common)}
    log.info("recall of all planted personal data: %s", evaluation["recall"]["ALL"])
    log.info("planted names, places and agencies holding a word of the scrubber's lists: %s",
             evaluation["planted_in_scrubber_lists"]["ALL"])
    write_text(snakemake.output.evaluation, json.dumps(evaluation, indent=2) + "\n")
