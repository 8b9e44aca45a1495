# Rebuild the 2014 CCRC white paper from a raw Qualtrics export.
# Usage: snakemake --cores 4 [--config raw_export=PATH]

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/validate.smk"


rule all:
    input:
        rules.read_export.output.exclusions,
        rules.validate_raw.output,
        rules.tidy_responses.output,
    default_target: True
