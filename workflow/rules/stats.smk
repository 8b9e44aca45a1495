# Statistics and the number registry: every number the paper prints.


rule compute_statistics:
    input:
        clean=rules.deidentify.output.responses,
        instrument=config["instrument"],
    output:
        item_table=report(
            results("statistics", "items.csv"),
            category="Survey numbers",
            caption="../report/items.rst",
        ),
        numbers=results("registry", "survey.json"),
        lineage=lineage("compute_statistics"),
    log:
        logs("compute_statistics.log"),
    benchmark:
        benchmarks("compute_statistics")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        # The invitations, for the response rate.
        design=config["design"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/compute_statistics.py"


rule design_constants:
    output:
        numbers=results("registry", "design.json"),
        lineage=lineage("design_constants"),
    log:
        logs("design_constants.log"),
    benchmark:
        benchmarks("design_constants")
    localrule: True
    params:
        design=config["design"],
    script:
        "../scripts/design_constants.py"


rule external_context:
    input:
        table=config["external_context"],
    output:
        numbers=results("registry", "external.json"),
        lineage=lineage("external_context"),
    log:
        logs("external_context.log"),
    benchmark:
        benchmarks("external_context")
    localrule: True
    script:
        "../scripts/external_context.py"


rule build_registry:
    input:
        survey=rules.compute_statistics.output.numbers,
        design=rules.design_constants.output.numbers,
        external=rules.external_context.output.numbers,
        # Counted as the quotes are chosen (rule count_quotes, in paper.smk).
        quotes=results("registry", "quotes.json"),
    output:
        registry=report(
            results("numbers.json"),
            category="Survey numbers",
            caption="../report/numbers.rst",
        ),
        lineage=lineage("build_registry"),
    log:
        logs("build_registry.log"),
    benchmark:
        benchmarks("build_registry")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/build_registry.py"
