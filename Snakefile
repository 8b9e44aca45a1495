# Rebuild the 2014 CCRC white paper from a raw Qualtrics export.
# Usage: snakemake --cores 4 [--config raw_export=PATH]

from snakemake.utils import min_version, validate

min_version("9.0")


configfile: "config/config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/validate.smk"
include: "workflow/rules/deidentify.smk"
include: "workflow/rules/stats.smk"
include: "workflow/rules/reproduce.smk"
include: "workflow/rules/figures.smk"
include: "workflow/rules/paper.smk"


# Left by a build that was killed: nothing identifying outlives the build that made it,
# and no half-written file outlives the job that wrote it.
if workflow.is_main_process and not another_build_running():
    wipe_identifying()
    wipe_partial_outputs()


onsuccess:
    wipe_identifying()
    # Without this the interpreter sits out Snakemake's last scheduling timer (see
    # csec_survey.core.build_exit): up to a second on every build that ran a job.
    cancel_snakemake_timers()


onerror:
    wipe_identifying()


rule all:
    default_target: True
    input:
        rules.read_export.output.exclusions,
        rules.validate_raw.output,
        rules.deidentify.output,
        rules.validate_clean.output,
        rules.disclosure_check.output,
        rules.compute_statistics.output,
        rules.build_registry.output,
        rules.reproduce_published.output,
        expand(
            results("figures", "{figure}.{ext}"),
            figure=figure_names(),
            ext=["pdf", "png", "csv", "json"],
        ),
        rules.render_paper.output,
        rules.audit_pdf.output,
        # Measured only where the generator's ground truth exists (synthetic data).
        rules.evaluate_deidentification.output if synthetic_companion("truth") else [],
    localrule: True
