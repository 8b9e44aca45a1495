# Published against rebuilt: the reproduction report.


rule reproduce_published:
    input:
        registry=rules.build_registry.output.registry,
        figures=config["published_figures"],
        instrument=config["instrument"],
        calibration=synthetic_companion("calibration"),
    output:
        table=report(
            results("reproduction.csv"),
            category="Reproduction",
            caption="../report/reproduction.rst",
        ),
        summary=results("reproduction_summary.json"),
    params:
        sample_size=config["study"]["complete_responses"],
    priority: PAPER_PRIORITY
    log:
        logs("reproduce_published.log"),
    benchmark:
        benchmarks("reproduce_published"),
    script:
        "../scripts/reproduce_published.py"
