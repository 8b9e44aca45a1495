"""Shared test helpers: Snakemake run in a scratch copy of the project, registry fragments."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Test helpers (such as corrupt_exports) import as top-level modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]


def run_snakemake(project: Path, *args: str, profile: str = "none",
                  **env: str) -> subprocess.CompletedProcess:
    """Run Snakemake in ``project`` with two cores and the workflow ``profile`` (a folder,
    or "none"); extra environment variables in ``env``."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"), "--workflow-profile", profile, *args],
        capture_output=True, text=True, check=False, timeout=1200, env={**os.environ, **env})


def kill_build_when(project: Path, appears: str) -> None:
    """Start a build in ``project`` and kill it, with no chance to clean up, as soon as the
    file ``appears`` (relative to the project) exists."""
    import signal
    import time

    build = subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"), "--workflow-profile", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while not (project / appears).exists():
        assert build.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()


def identifying_values(export: Path) -> set[str]:
    """What must never appear under results/ or logs/: every value of the export's
    identifying columns, and every free-text answer that held personal data as it was
    before the scrubber changed it.

    An answer the scrubber leaves unchanged (every planted item in it missed) is a miss
    of its recall, which the evaluation measures and the tests hold to a floor; what this
    guards is the pipeline itself carrying identifying text past de-identification.
    """
    import json

    from csec_survey.core.paths import companion_paths
    from csec_survey.deidentify.responses import own_metadata
    from csec_survey.deidentify.scrubber import Scrubber
    from csec_survey.ingest.qualtrics import read_export

    records = read_export(export).responses
    values = set()
    for column in ("ResponseId", "RecipientEmail", "IPAddress", "ExternalReference",
                   "AgencyName", "LocationLatitude", "LocationLongitude"):
        values |= {str(value) for value in records[column].dropna()}
    values |= {f"{first} {last}" for first, last in
               zip(records["RecipientFirstName"], records["RecipientLastName"], strict=True)
               if first and last}
    truth = companion_paths(export)["truth"]
    if truth.exists():
        by_id = records.set_index("ResponseId", drop=False)
        answers = []
        for line in truth.read_text(encoding="utf-8").splitlines():
            planted = json.loads(line)
            if planted["personal"]:
                row = by_id.loc[planted["ResponseId"]]
                answers.append((str(row[planted["column"]]), own_metadata(row)))
        for (text, _), scrubbed in zip(answers, Scrubber().scrub_many(answers), strict=True):
            if scrubbed.text != text:
                values.add(text)
    return values


def leaks(project: Path, values: set[str], *texts: str) -> dict[str, list[str]]:
    """Files under results/ and logs/ (and ``texts``, such as a build's output) that hold
    any of ``values``, with up to three of them each."""
    import pandas as pd
    import pypdfium2

    found: dict[str, str] = {f"text {index}": text for index, text in enumerate(texts)}
    for folder in ("results", "logs"):
        for path in (project / folder).rglob("*"):
            if path.suffix == ".parquet":
                frame = pd.read_parquet(path)
                found[str(path)] = "\n".join(
                    frame.astype("string").fillna("").agg(" ".join, axis=1))
            elif path.suffix == ".pdf":
                document = pypdfium2.PdfDocument(path)
                found[str(path)] = "\n".join(page.get_textpage().get_text_range()
                                             for page in document)
            elif path.is_file():
                found[str(path)] = path.read_text(encoding="utf-8", errors="replace")
    return {name: sorted(value for value in values if value in text)[:3]
            for name, text in found.items() if any(value in text for value in values)}


def registry_fragments(folder: Path) -> list[Path]:
    """The survey, design and external registry fragments, built in-process as the rules
    build them (inputs keyed by repository-relative path) and written into ``folder``."""
    import yaml

    from csec_survey.core.codebook import load_instrument
    from csec_survey.core.lineage import file_sha256
    from csec_survey.ingest.records import ingest_export
    from csec_survey.stats import constants, items
    from csec_survey.stats.registry import config_hashes, write_fragment

    def trail(rule: str, inputs: list[str]) -> dict:
        return {"rule": rule, "script": f"workflow/scripts/{rule}.py",
                "inputs": {path: file_sha256(ROOT / path) for path in inputs}}

    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    instrument = load_instrument(ROOT / config["instrument"])
    responses = ingest_export(ROOT / config["raw_export"], instrument).responses
    fragments = {
        "survey": [*items.survey_numbers(instrument, responses, trail(
            "compute_statistics", [config["raw_export"], config["instrument"]])),
            items.interval_level_number("compute_statistics",
                                        "workflow/scripts/compute_statistics.py")],
        "design": constants.design_numbers(config["design"], {
            **trail("design_constants", []), "inputs": config_hashes("design", config["design"])}),
        "external": constants.external_numbers(ROOT / config["external_context"], trail(
            "external_context", [config["external_context"]])),
    }
    paths = []
    for name, numbers in fragments.items():
        write_fragment(numbers, folder / f"{name}.json")
        paths.append(folder / f"{name}.json")
    return paths


@pytest.fixture(scope="session")
def scrubber():
    """One scrubber for every test that scrubs (it takes seconds to build)."""
    from csec_survey.deidentify.scrubber import Scrubber

    return Scrubber()


# The committed instrument and export, read once per test session; tests copy before editing.
@pytest.fixture(scope="session")
def instrument():
    from csec_survey.core.codebook import load_instrument

    return load_instrument(ROOT / "config" / "instrument.yaml")


@pytest.fixture(scope="session")
def export():
    from csec_survey.ingest.qualtrics import read_export

    return read_export(ROOT / "data" / "raw" / "synthetic_export.csv")


@pytest.fixture(scope="session")
def responses(instrument):
    from csec_survey.ingest.records import ingest_export

    return ingest_export(ROOT / "data" / "raw" / "synthetic_export.csv", instrument).responses
