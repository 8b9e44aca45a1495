# De-identification: the only rules that see identifiers; none leaves them.
# Free text is scrubbed in chunks of respondents, one job each, gathered in order.


rule deidentify_chunk:
    input:
        responses=rules.tidy_responses.output.responses,
        instrument=config["instrument"],
        # The count the chunks were planned from (see deidentified_chunks).
        exclusions=rules.read_export.output.exclusions,
    output:
        # De-identified already; temporary because the gathered table supersedes them.
        responses=temp(results("interim", "deidentified", "{chunk}.responses.parquet")),
        redactions=temp(results("interim", "deidentified", "{chunk}.redactions.parquet")),
        lineage=lineage("deidentify_chunk/{chunk}"),
    log:
        logs("deidentify_chunk", "{chunk}.log"),
    benchmark:
        benchmarks("deidentify_chunk.{chunk}")
    wildcard_constraints:
        chunk=r"\d+",
    localrule: EXPORT_TOO_SMALL_FOR_JOBS
    params:
        key=PSEUDONYM_KEY_CONFIG,
        chunk_respondents=config["deidentification"]["chunk_respondents"],
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/deidentify_chunk.py"


rule deidentify:
    input:
        unpack(deidentified_chunks),
        instrument=config["instrument"],
    output:
        responses=results("clean", "responses.parquet"),
        redactions=results("clean", "redactions.parquet"),
        log=report(
            results("clean", "redaction_log.json"),
            category="De-identification",
            caption="../report/redaction_log.rst",
        ),
        lineage=lineage("deidentify"),
    log:
        logs("deidentify.log"),
    benchmark:
        benchmarks("deidentify")
    localrule: True
    params:
        key=PSEUDONYM_KEY_CONFIG,
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/deidentify.py"


rule validate_clean:
    input:
        clean=rules.deidentify.output.responses,
        responses=rules.tidy_responses.output.responses,
        instrument=config["instrument"],
    output:
        summary=report(
            results("validation", "clean.json"),
            category="Validation",
            caption="../report/validation_clean.rst",
        ),
        data_docs=report(
            results("validation", "clean.html"),
            category="Validation",
            caption="../report/validation_clean.rst",
        ),
        lineage=lineage("validate_clean"),
    log:
        logs("validate_clean.log"),
    benchmark:
        benchmarks("validate_clean")
    priority: PAPER_PRIORITY
    localrule: EXPORT_TOO_SMALL_FOR_JOBS
    params:
        key=PSEUDONYM_KEY_CONFIG,
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/validate_clean.py"


rule evaluate_deidentification:
    input:
        responses=rules.tidy_responses.output.responses,
        redactions=rules.deidentify.output.redactions,
        truth=synthetic_companion("truth"),
        instrument=config["instrument"],
    output:
        evaluation=report(
            results("deid", "evaluation.json"),
            category="De-identification",
            caption="../report/deid_evaluation.rst",
        ),
        lineage=lineage("evaluate_deidentification"),
    log:
        logs("evaluate_deidentification.log"),
    benchmark:
        benchmarks("evaluate_deidentification")
    localrule: EXPORT_TOO_SMALL_FOR_JOBS
    params:
        key=PSEUDONYM_KEY_CONFIG,
        export=config["raw_export"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/evaluate_deidentification.py"


rule disclosure_check:
    input:
        clean=rules.deidentify.output.responses,
    output:
        report=report(
            results("clean", "disclosure.json"),
            category="De-identification",
            caption="../report/disclosure.rst",
        ),
        lineage=lineage("disclosure_check"),
    log:
        logs("disclosure_check.log"),
    benchmark:
        benchmarks("disclosure_check")
    localrule: True
    params:
        k_anonymity=config["deidentification"]["k_anonymity"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/disclosure_check.py"
