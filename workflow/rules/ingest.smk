# Reading the raw export: parse, drop non-responses, type the rest.
# data/raw/ is read-only for every rule.


rule read_export:
    input:
        export=config["raw_export"],
        instrument=config["instrument"],
    output:
        # Holds direct identifiers until de-identification consumes it.
        responses=results("interim", "responses.parquet"),
        exclusions=results("interim", "exclusions.json"),
    params:
        duplicate_key=config["exclusions"]["duplicate_key"],
    log:
        logs("read_export.log"),
    script:
        "../scripts/read_export.py"
