# The paper: quotes chosen, claims checked, sources resolved and rendered, the PDF audited.


rule code_quotes:
    input:
        truth=synthetic_companion("truth"),
        responses=rules.tidy_responses.output.responses,
    output:
        coding=results("quotes", "coding.csv"),
        lineage=lineage("code_quotes"),
    log:
        logs("code_quotes.log"),
    benchmark:
        benchmarks("code_quotes")
    localrule: True
    params:
        key=PSEUDONYM_KEY_CONFIG,
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/code_quotes.py"


# Counts carry no free text: they need not wait for the clean suite, and the registry
# (and the figures after it) need not wait for the quotes.
rule count_quotes:
    input:
        clean=rules.deidentify.output.responses,
        coding=quote_coding(),
    output:
        numbers=results("registry", "quotes.json"),
        lineage=lineage("count_quotes"),
    log:
        logs("count_quotes.log"),
    benchmark:
        benchmarks("count_quotes")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/count_quotes.py"


rule select_quotes:
    input:
        clean=rules.deidentify.output.responses,
        coding=quote_coding(),
        # No free text leaves the pipeline before the clean suite has passed; counts
        # (statistics, figures) carry none, so they need not wait for it.
        validation=rules.validate_clean.output.summary,
    output:
        quotes=results("quotes", "quotes.json"),
        lineage=lineage("select_quotes"),
    log:
        logs("select_quotes.log"),
    benchmark:
        benchmarks("select_quotes")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/select_quotes.py"


rule check_claims:
    input:
        source=config["paper"]["source"],
        registry=rules.build_registry.output.registry,
        reproduction=rules.reproduce_published.output.table,
        quotes=rules.select_quotes.output.quotes,
        figures=expand(results("figures", "{figure}.csv"), figure=figure_names()),
        published=config["published_figures"],
        instrument=config["instrument"],
    output:
        claims=report(
            results("provenance", "claims.json"),
            category="Paper",
            caption="../report/claims.rst",
        ),
        lineage=lineage("check_claims"),
    log:
        logs("check_claims.log"),
    benchmark:
        benchmarks("check_claims")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/check_claims.py"


rule render_paper:
    input:
        source=config["paper"]["source"],
        template=config["paper"]["template"],
        bibliography=config["paper"]["bibliography"],
        # A synthetic export's calibration record: the paper says its data are synthetic
        # and labels its quotes illustrative only when there is one.
        calibration=synthetic_companion("calibration"),
        registry=rules.build_registry.output.registry,
        reproduction=rules.reproduce_published.output.table,
        quotes=rules.select_quotes.output.quotes,
        claims=rules.check_claims.output.claims,
        figures=expand(
            results("figures", "{figure}.{ext}"), figure=figure_names(), ext=["svg", "json"]
        ),
        # Checked before rendering: everything the paper uses derives from the export.
        records=lineage_records(),
    output:
        pdf=report(
            results("paper", "paper.pdf"),
            category="Paper",
            caption="../report/paper.rst",
        ),
        markdown=results("paper", "paper.md"),
        typst=results("paper", "paper.typ"),
        quotes_used=results("paper", "quotes_used.json"),
        # The full trail of every number printed, beside the PDF (Appendix A is its digest).
        trail=report(
            results("paper", "numbers.csv"),
            category="Paper",
            caption="../report/numbers_trail.rst",
        ),
        # The build's date and commit, as registry entries the paper prints.
        build=results("paper", "build.json"),
        lineage=lineage("render_paper"),
    log:
        logs("render_paper.log"),
    benchmark:
        benchmarks("render_paper")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        build=SOURCE_COMMIT,
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/render_paper.py"


rule audit_pdf:
    input:
        pdf=rules.render_paper.output.pdf,
        registry=rules.build_registry.output.registry,
        reproduction=rules.reproduce_published.output.table,
        quotes_used=rules.render_paper.output.quotes_used,
        build=rules.render_paper.output.build,
        # Quotes are checked word for word against the answers they are drawn from.
        clean=rules.deidentify.output.responses,
        instrument=config["instrument"],
        records=[*lineage_records(), rules.render_paper.output.lineage],
    output:
        audit=report(
            results("provenance", "audit.json"),
            category="Paper",
            caption="../report/audit.rst",
        ),
        lineage=lineage("audit_pdf"),
    log:
        logs("audit_pdf.log"),
    benchmark:
        benchmarks("audit_pdf")
    priority: PAPER_PRIORITY
    localrule: True
    params:
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/audit_pdf.py"
