"""The build survives being interrupted, and needs no network."""

import os

import pytest
from conftest import kill_build_when, run_snakemake

from csec_survey.core.paths import copy_workflow

pytestmark = pytest.mark.workflow

# Loaded by every Python process of the build (Snakemake and each rule script):
# any attempt to open a network connection fails loudly.
NO_NETWORK = '''
import socket


def _refuse(*args, **kwargs):
    raise OSError("network access attempted during the build")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


@pytest.fixture(scope="module")
def offline_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("offline")
    (folder / "site").mkdir()
    (folder / "site" / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    project = copy_workflow(folder / "project")
    path = os.pathsep.join(filter(None, [str(folder / "site"), os.environ.get("PYTHONPATH")]))
    run = run_snakemake(project, PYTHONPATH=path)
    return project, run


def test_the_whole_build_runs_without_network(offline_build):
    project, run = offline_build
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (project / "results" / "paper" / "paper.pdf").exists()
    assert "network access attempted" not in run.stdout + run.stderr


def test_an_interrupted_build_resumes_to_the_same_pdf(offline_build, tmp_path):
    reference, _ = offline_build
    project = copy_workflow(tmp_path / "project")
    # Interrupt once de-identification has finished and later rules are under way.
    kill_build_when(project, "results/clean/redaction_log.json")
    assert not (project / "results" / "paper" / "paper.pdf").exists()
    # What a researcher does after a crash: release the lock, finish what was cut off.
    assert run_snakemake(project, "--unlock").returncode == 0
    run = run_snakemake(project, "--rerun-incomplete")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (project / "results" / "paper" / "paper.pdf").read_bytes() == \
        (reference / "results" / "paper" / "paper.pdf").read_bytes()
