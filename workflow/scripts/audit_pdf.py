"""Snakemake script of rule audit_pdf: every numeral of the body traced, or the build fails."""

import json

from csec_survey.core.logs import rule_logger
from csec_survey.paper.audit import audit_pdf
from csec_survey.stats.registry import read_registry

log = rule_logger(snakemake.log[0])
result = audit_pdf(snakemake.input.pdf, read_registry(snakemake.input.registry))
summary = result.as_json()
log.info("audit: %d numerals, %d linked to the registry, exempt %s", result.numerals,
         result.linked, result.exempt)
if not result.passed:
    log.error("%s", json.dumps(result.problems, indent=2))
    raise SystemExit("audit_pdf failed: numerals in the body of the PDF that no registry link "
                     f"covers:\n{json.dumps(result.problems[:20], indent=2)}")
with open(snakemake.output.audit, "w", encoding="utf-8") as handle:
    json.dump(summary, handle, indent=2)
    handle.write("\n")
