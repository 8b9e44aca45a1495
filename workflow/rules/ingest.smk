# Reading the raw export, and typing the responses once they are validated.
# data/raw/ is read-only for every rule.


# A checkpoint: how many respondents it keeps decides how many chunks
# de-identification is split into.
checkpoint read_export:
    input:
        export=config["raw_export"],
    output:
        # Every record as read, identifying data included: deleted once consumed.
        records=temp(identifying("records.parquet")),
        exclusions=report(
            results("interim", "exclusions.json"),
            category="Validation",
            caption="../report/exclusions.rst",
        ),
        lineage=lineage("read_export"),
    log:
        logs("read_export.log"),
    benchmark:
        benchmarks("read_export")
    localrule: EXPORT_TOO_SMALL_FOR_JOBS
    params:
        duplicate_key=config["exclusions"]["duplicate_key"],
        time_zone=config["study"]["time_zone"],
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/read_export.py"


rule tidy_responses:
    input:
        records=rules.read_export.output.records,
        instrument=config["instrument"],
        # Only data that met its expectations is typed and passed on.
        validation=results("validation", "raw.json"),
    output:
        # Holds direct identifiers: deleted once de-identification has consumed it.
        responses=temp(identifying("responses.parquet")),
        lineage=lineage("tidy_responses"),
    log:
        logs("tidy_responses.log"),
    benchmark:
        benchmarks("tidy_responses")
    localrule: True
    params:
        export_sha256=EXPORT_SHA256,
    script:
        "../scripts/tidy_responses.py"
