"""Snakemake script of rule audit_pdf: every numeral of the body traced, or the build fails."""

import json

from csec_survey.core.lineage import check_lineage, read_records
from csec_survey.core.rule_script import RuleFailed, rule_script
from csec_survey.paper.audit import audit_pdf
from csec_survey.stats.registry import read_registry

with rule_script(snakemake) as log:
    # The PDF is declared done only if it, and the registry it is audited against, derive
    # from the configured export.
    check_lineage([snakemake.input.pdf, snakemake.input.registry],
                  read_records(snakemake.input.records),
                  snakemake.params.export, snakemake.params.export_sha256)
    result = audit_pdf(snakemake.input.pdf, read_registry(snakemake.input.registry))
    summary = result.as_json()
    log.info("audit: %d numerals, %d linked to the registry, exempt %s", result.numerals,
             result.linked, result.exempt)
    if not result.passed:
        log.info("every numeral no registry link covers: %s",
                 json.dumps(result.problems, indent=2))
        raise RuleFailed("numerals in the body of the PDF that no registry link "
                         f"covers:\n{json.dumps(result.problems[:20], indent=2)}")
    with open(snakemake.output.audit, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
        handle.write("\n")
