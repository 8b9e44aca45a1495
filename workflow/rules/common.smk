# Helpers shared by the rule files; no rules here.

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

import csec_survey.figures.style
from csec_survey.core.atomic import PARTIAL_GLOB
from csec_survey.core.build_exit import cancel_snakemake_timers
from csec_survey.core.lineage import LineageError, export_sha256, file_sha256

# The figures' shared style is package code, which Snakemake does not watch: its
# content hash is a parameter of the figure rules, so that a style edit redraws them.
FIGURE_STYLE_SHA256 = file_sha256(csec_survey.figures.style.__file__)

# Among jobs ready at the same time, the rules from the de-identified table to the PDF
# go first: the scrubber's evaluation and the disclosure check feed no page, and would
# otherwise take the cores the last figures wait for.
PAPER_PRIORITY = 1

RESULTS = Path("results")
LOGS = Path("logs")
# Tables that still hold identifiers (the records as read, the typed responses) live
# here, never under results/: the onsuccess and onerror handlers wipe it, and so does
# the next build before it plans, in case the last one was killed.
IDENTIFYING = Path(".identifying")

# Every rule that derives from the export carries its hash as a parameter, so that a
# new export reruns all of them, temporary files gone or not; a missing one stops here.
try:
    EXPORT_SHA256 = export_sha256(config["raw_export"])
except LineageError as error:
    sys.exit(f"error: {error}")

# Rules marked `localrule: True` take under six seconds and 1 GB even at 100,000
# respondents (benchmarks/results/build_times.json): on a cluster they run in the build's
# own process, as a job costs five to six seconds to start, and waits for a status poll.
# The others are jobs, sized in profiles/slurm, once the export is large enough that
# their work outweighs that cost (config: cluster.jobs_from_export_mb).
JOB_MIN_EXPORT_BYTES = config["cluster"]["jobs_from_export_mb"] * 1_000_000
EXPORT_TOO_SMALL_FOR_JOBS = Path(config["raw_export"]).stat().st_size < JOB_MIN_EXPORT_BYTES

# What the rules that need the pseudonymisation key read of the config.
PSEUDONYM_KEY_CONFIG = {
    name: config["deidentification"][name] for name in ("key_env", "demo_key_exports")
}


def results(*parts):
    """A path under results/."""
    return str(RESULTS.joinpath(*parts))


def logs(*parts):
    """A path under logs/."""
    return str(LOGS.joinpath(*parts))


def identifying(*parts):
    """A path in the private scratch folder for tables that hold identifiers."""
    return str(IDENTIFYING.joinpath(*parts))


def lineage(name):
    """Where a rule records the export, inputs and outputs of its run (results/lineage/)."""
    return str(RESULTS / "lineage" / f"{name}.json")


def wipe_identifying():
    """Delete every table that holds identifiers, and leave the scratch folder private."""
    shutil.rmtree(IDENTIFYING, ignore_errors=True)
    IDENTIFYING.mkdir(mode=0o700)


def source_commit():
    """The commit the workflow is run from, its date and whether the tree has changes;
    outside a git checkout, the configured date and no commit."""

    def git(*args):
        return subprocess.run(
            ["git", "-C", str(Path(workflow.main_snakefile).parent), *args],
            capture_output=True,
            text=True,
        )

    found = git("log", "-1", "--format=%h %ct")
    if found.returncode != 0 or not found.stdout.strip():
        return {
            "commit": "none (not a git checkout)",
            "epoch": config["paper"]["source_date_epoch"],
            "clean": True,
        }
    commit, epoch = found.stdout.split()
    # Build outputs are ignored by git: only source changes make the tree unclean.
    changed = git("status", "--porcelain", "--untracked-files=no").stdout.strip()
    return {"commit": commit, "epoch": int(epoch), "clean": not changed}


# Found once, as the workflow is read: the title page and the PDF's date say it.
SOURCE_COMMIT = source_commit()


def wipe_partial_outputs():
    """Delete what killed jobs were writing (see csec_survey.core.atomic)."""
    for path in RESULTS.rglob(PARTIAL_GLOB):
        path.unlink()


def another_build_running():
    """Whether a Snakemake build holds this folder's lock (its tables must stay)."""
    return any(Path(".snakemake", "locks").glob("*"))


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
        "lineage": [lineage(f"deidentify_chunk/{chunk}") for chunk in chunks],
    }


def lineage_records():
    """The lineage records the paper's artefacts chain back through, to the export.

    Not the de-identification chunks': `deidentify` gathers theirs into its own."""
    names = [
        "read_export",
        "validate_raw",
        "tidy_responses",
        "deidentify",
        "validate_clean",
        "compute_statistics",
        "design_constants",
        "external_context",
        "build_registry",
        "reproduce_published",
        "count_quotes",
        "select_quotes",
        "check_claims",
    ]
    names += [f"figure_{name}" for name in figure_names()]
    if config["paper"]["quote_coding"] == "auto":
        names.append("code_quotes")
    return [lineage(name) for name in names]


def quote_coding():
    """The coding file the quotes are drawn from: the configured one, or the rule's."""
    if config["paper"]["quote_coding"] != "auto":
        return config["paper"]["quote_coding"]
    return results("quotes", "coding.csv")
