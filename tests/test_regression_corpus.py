"""CI fails on data-quality regressions: the workflow on each corrupted export stops
at the right rule, saying what is wrong; legal exports pass."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_snakemake
from corrupt_exports import CORRUPTIONS, write_corrupted

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.workflow


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_workflow(tmp_path_factory.mktemp("corpus") / "project")


def _build(project: Path, export: Path, **env: str):
    shutil.rmtree(project / "results", ignore_errors=True)
    shutil.rmtree(project / "logs", ignore_errors=True)
    return run_snakemake(project, "--config", f"raw_export={export}", **env)


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_a_corrupted_export_stops_the_build_at_the_right_rule(project, tmp_path, kind):
    corruption = CORRUPTIONS[kind]
    run = _build(project, write_corrupted(kind, tmp_path / f"{kind}.csv"))
    output = run.stdout + run.stderr
    assert run.returncode != 0
    assert f"Error in rule {corruption.rule}:" in output
    assert output.count("Error in rule") == 1
    assert corruption.message in output
    # Nothing downstream of the failure is written or left behind.
    assert not (project / "results" / "validation" / "raw.json").exists()
    assert not (project / "results" / "clean").exists()


def test_the_corpus_is_broad():
    assert len(CORRUPTIONS) >= 12
    assert {c.rule for c in CORRUPTIONS.values()} == {"read_export", "validate_raw"}


def test_a_legal_export_with_other_answers_passes(project, tmp_path):
    export = tmp_path / "other.csv"
    subprocess.run([sys.executable, "-m", "csec_survey.cli", "synthesize", "--out", str(export),
                    "--seed", "4242"], check=True, capture_output=True)
    assert export.read_bytes() != (ROOT / "data" / "raw" / "synthetic_export.csv").read_bytes()
    # Not the committed export, so it may not use the demo key.
    run = _build(project, export, CSEC_PSEUDONYM_KEY="a-test-key-that-is-long-enough")
    assert run.returncode == 0, run.stdout + run.stderr
    summary = json.loads((project / "results" / "validation" / "raw.json").read_text())
    assert summary["success"]
