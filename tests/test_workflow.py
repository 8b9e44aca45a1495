"""The Snakemake workflow end to end, run in a scratch copy of the project."""

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from csec_survey.qualtrics import read_export

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.workflow


def _snakemake(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"), *args],
        capture_output=True, text=True, check=False, timeout=600)


def _digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path):
    for name in ("Snakefile", "config", "data"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            shutil.copy(source, tmp_path / name)
    for name in ("rules", "scripts", "schemas", "report"):
        shutil.copytree(ROOT / "workflow" / name, tmp_path / "workflow" / name)
    return tmp_path


def test_build_reads_the_export_and_leaves_raw_data_alone(project):
    before = _digests(project / "data" / "raw")
    run = _snakemake(project)
    assert run.returncode == 0, run.stderr
    assert _digests(project / "data" / "raw") == before
    exclusions = json.loads((project / "results" / "interim" / "exclusions.json").read_text())
    assert exclusions == {"preview": 2, "test": 1, "spam": 0, "incomplete": 7, "duplicate": 1,
                          "kept": 144}
    # Identifying intermediates are temp(): gone once de-identification consumed them.
    assert not (project / "results" / "interim" / "responses.parquet").exists()
    assert not (project / "results" / "interim" / "records.parquet").exists()
    assert (project / "results" / "clean" / "responses.parquet").stat().st_size > 0
    assert "records dropped by rule" in (project / "logs" / "read_export.log").read_text()
    raw = json.loads((project / "results" / "validation" / "raw.json").read_text())
    assert raw["success"] and raw["statistics"]["evaluated"] > 100
    assert "<html" in (project / "results" / "validation" / "raw.html").read_text().lower()


def test_no_personal_metadata_survives_under_results_or_in_logs(project):
    run = _snakemake(project)
    assert run.returncode == 0, run.stderr
    records = read_export(project / "data" / "raw" / "synthetic_export.csv").responses
    values = set()
    for column in ("ResponseId", "RecipientEmail", "IPAddress", "ExternalReference",
                   "AgencyName", "LocationLatitude", "LocationLongitude"):
        values |= {str(v) for v in records[column].dropna()}
    values |= {f"{first} {last}" for first, last in
               zip(records["RecipientFirstName"], records["RecipientLastName"], strict=True)
               if first and last}
    outputs = {}
    for folder in ("results", "logs"):
        for path in (project / folder).rglob("*"):
            if path.suffix == ".parquet":
                frame = pd.read_parquet(path)
                outputs[path] = "\n".join(frame.astype("string").fillna("").agg(" ".join, axis=1))
            elif path.is_file():
                outputs[path] = path.read_text(encoding="utf-8", errors="replace")
    outputs["stdout"] = run.stdout + run.stderr
    assert len(outputs) > 8
    leaks = {str(path): sorted(v for v in values if v in text)[:3]
             for path, text in outputs.items() if any(v in text for v in values)}
    assert leaks == {}


def test_a_broken_export_fails_the_rule_and_leaves_no_output(project):
    export = project / "data" / "raw" / "synthetic_export.csv"
    broken = project / "data" / "raw" / "broken.csv"
    broken.write_bytes(export.read_bytes()[:-40])
    run = _snakemake(project, "--config", f"raw_export={broken}")
    assert run.returncode != 0
    assert "response row 155" in run.stdout + run.stderr
    assert not (project / "results" / "interim" / "responses.parquet").exists()


def test_config_is_validated_against_the_schema(project):
    run = _snakemake(project, "--config", "raw_export=data/raw/export.xlsx")
    assert run.returncode != 0
    assert "raw_export" in run.stdout + run.stderr
