# Published against rebuilt: the reproduction report.


rule reproduce_published:
    input:
        registry=rules.build_registry.output.registry,
        figures=config["published_figures"],
        instrument=config["instrument"],
    output:
        table=report(
            results("reproduction.csv"),
            category="Reproduction",
            caption="../report/reproduction.rst",
        ),
        summary=report(
            results("reproduction_summary.json"),
            category="Reproduction",
            caption="../report/reproduction_summary.rst",
        ),
        lineage=lineage("reproduce_published"),
    log:
        logs("reproduce_published.log"),
    benchmark:
        benchmarks("reproduce_published")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        sample_size=config["study"]["complete_responses"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/reproduce_published.py"
