# Statistics and the number registry: every number the paper prints.


rule compute_statistics:
    input:
        clean=rules.deidentify.output.responses,
        instrument=config["instrument"],
    output:
        item_table=report(
            results("statistics", "items.csv"),
            category="Statistics",
            caption="../report/items.rst",
        ),
        numbers=results("registry", "survey.json"),
    priority: PAPER_PRIORITY
    log:
        logs("compute_statistics.log"),
    benchmark:
        benchmarks("compute_statistics"),
    script:
        "../scripts/compute_statistics.py"


rule design_constants:
    input:
        config="config/config.yaml",
    output:
        numbers=results("registry", "design.json"),
    params:
        design=config["design"],
    log:
        logs("design_constants.log"),
    benchmark:
        benchmarks("design_constants"),
    script:
        "../scripts/design_constants.py"


rule external_context:
    input:
        table=config["external_context"],
    output:
        numbers=results("registry", "external.json"),
    log:
        logs("external_context.log"),
    benchmark:
        benchmarks("external_context"),
    script:
        "../scripts/external_context.py"


rule build_registry:
    input:
        survey=rules.compute_statistics.output.numbers,
        design=rules.design_constants.output.numbers,
        external=rules.external_context.output.numbers,
    output:
        registry=report(
            results("numbers.json"),
            category="Statistics",
            caption="../report/numbers.rst",
        ),
    priority: PAPER_PRIORITY
    log:
        logs("build_registry.log"),
    benchmark:
        benchmarks("build_registry"),
    script:
        "../scripts/build_registry.py"
