# Data expectations (Great Expectations): a failed suite stops the build here.


rule validate_raw:
    input:
        records=rules.read_export.output.records,
        instrument=config["instrument"],
    output:
        summary=report(
            results("validation", "raw.json"),
            category="Validation",
            caption="../report/validation_raw.rst",
        ),
        data_docs=report(
            results("validation", "raw.html"),
            category="Validation",
            caption="../report/validation_raw.rst",
        ),
        lineage=lineage("validate_raw"),
    log:
        logs("validate_raw.log"),
    benchmark:
        benchmarks("validate_raw")
    localrule: EXPORT_TOO_SMALL_FOR_JOBS
    params:
        study=config["study"],
        validation=config["validation"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/validate_raw.py"
