# Helpers shared by the rule files; no rules here.

from pathlib import Path

import yaml

import csec_survey.figures.style
from csec_survey.core.build_exit import cancel_snakemake_timers
from csec_survey.stats.registry import file_sha256

# The figures' shared style is package code, which Snakemake does not watch: its
# content hash is a parameter of the figure rules, so that a style edit redraws them.
FIGURE_STYLE_SHA256 = file_sha256(csec_survey.figures.style.__file__)

# Among jobs ready at the same time, the rules from the de-identified table to the PDF
# go first: the scrubber's evaluation and the disclosure check feed no page, and would
# otherwise take the cores the last figures wait for.
PAPER_PRIORITY = 1

RESULTS = Path("results")
LOGS = Path("logs")


def results(*parts):
    """A path under results/."""
    return str(RESULTS.joinpath(*parts))


def logs(*parts):
    """A path under logs/."""
    return str(LOGS.joinpath(*parts))


def benchmarks(name):
    """Where Snakemake records a rule's wall time and peak memory (results/benchmarks/)."""
    return str(RESULTS / "benchmarks" / f"{name}.tsv")


def figure_names():
    """The figures config/figures.yaml defines, in its order."""
    with open(config["figures"], encoding="utf-8") as handle:
        return list(yaml.safe_load(handle))


def synthetic_companion(kind):
    """Path of the export's companion file ("calibration" or "truth") if it has one, else []."""
    from csec_survey.core.paths import companion_paths

    path = companion_paths(config["raw_export"])[kind]
    return str(path) if path.exists() else []


def deidentified_chunks(wildcards):
    """The chunk outputs `deidentify` gathers, in order; known once read_export has run."""
    from csec_survey.deidentify.chunks import chunk_count, planned_rows

    rows = planned_rows(checkpoints.read_export.get().output.exclusions)
    chunks = range(chunk_count(rows, config["deidentification"]["chunk_respondents"]))
    return {
        "responses": expand(
            results("interim", "deidentified", "{chunk}.responses.parquet"), chunk=chunks
        ),
        "redactions": expand(
            results("interim", "deidentified", "{chunk}.redactions.parquet"), chunk=chunks
        ),
    }


def quote_coding():
    """The coding file the quotes are drawn from: the configured one, or the rule's."""
    if config["paper"]["quote_coding"] != "auto":
        return config["paper"]["quote_coding"]
    return results("quotes", "coding.csv")
