# The paper: quotes chosen, sources resolved and rendered, the PDF audited.


rule code_quotes:
    input:
        truth=synthetic_companion("truth"),
        responses=rules.tidy_responses.output.responses,
    output:
        coding=results("quotes", "coding.csv"),
    log:
        logs("code_quotes.log"),
    benchmark:
        benchmarks("code_quotes")
    params:
        deid=config["deidentification"],
        export=config["raw_export"],
    script:
        "../scripts/code_quotes.py"


rule select_quotes:
    input:
        clean=rules.deidentify.output.responses,
        coding=quote_coding(),
        # No free text leaves the pipeline before the clean suite has passed; counts
        # (statistics, figures) carry none, so they need not wait for it.
        validation=rules.validate_clean.output.summary,
    output:
        quotes=results("quotes", "quotes.json"),
    log:
        logs("select_quotes.log"),
    benchmark:
        benchmarks("select_quotes")
    priority: PAPER_PRIORITY
    script:
        "../scripts/select_quotes.py"


rule render_paper:
    input:
        source=config["paper"]["source"],
        template=config["paper"]["template"],
        bibliography=config["paper"]["bibliography"],
        registry=rules.build_registry.output.registry,
        reproduction=rules.reproduce_published.output.table,
        quotes=rules.select_quotes.output.quotes,
        figures=expand(
            results("figures", "{figure}.{ext}"), figure=figure_names(), ext=["png", "json"]
        ),
    output:
        pdf=report(
            results("paper", "paper.pdf"),
            category="Paper",
            caption="../report/paper.rst",
        ),
        markdown=results("paper", "paper.md"),
        typst=results("paper", "paper.typ"),
        quotes_used=results("paper", "quotes_used.json"),
    log:
        logs("render_paper.log"),
    benchmark:
        benchmarks("render_paper")
    priority: PAPER_PRIORITY
    resources:
        mem_mb=1500,
        runtime=20,
    params:
        epoch=config["paper"]["source_date_epoch"],
    script:
        "../scripts/render_paper.py"


rule audit_pdf:
    input:
        pdf=rules.render_paper.output.pdf,
        registry=rules.build_registry.output.registry,
    output:
        audit=report(
            results("provenance", "audit.json"),
            category="Paper",
            caption="../report/audit.rst",
        ),
    log:
        logs("audit_pdf.log"),
    benchmark:
        benchmarks("audit_pdf")
    priority: PAPER_PRIORITY
    script:
        "../scripts/audit_pdf.py"
