"""The SLURM profile on a real one-node Slurm cluster on localhost (``pytest -m cluster``).

``tests/cluster/slurm_localhost.sh`` brings the cluster up in a scratch folder (installing
Debian's slurm-wlm and munge if they are missing) and stops its daemons afterwards. It
needs root; where the cluster is required (``CSEC_REQUIRE_CLUSTER=1``, as in .ci/run) a
machine that cannot run it fails the test instead of skipping it.

The cluster has no accounting, so jobs are followed with squeue: the path on which the
plugin, left to itself, waits for ever (README, "On a cluster").
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import run_snakemake

from csec_survey.core.paths import copy_workflow

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tests" / "cluster" / "slurm_localhost.sh"
PDF = Path("results", "paper", "paper.pdf")
# What a build of the committed export may take on the cluster before the test gives up:
# a plugin that has lost its jobs polls for ever, and must fail here, not hang CI.
CLUSTER_BUILD_SECONDS = 600


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The environment that points Slurm's commands at a running localhost cluster."""
    if os.geteuid() != 0:
        if os.environ.get("CSEC_REQUIRE_CLUSTER") == "1":
            pytest.fail("the cluster test must run as root here (CSEC_REQUIRE_CLUSTER=1)")
        pytest.skip("bringing up a Slurm cluster needs root")
    folder = tmp_path_factory.mktemp("slurm")
    up = subprocess.run([str(SCRIPT), "up", str(folder)], capture_output=True, text=True,
                        timeout=900, check=False)
    try:
        assert up.returncode == 0, up.stderr[-2000:]
        yield {"SLURM_CONF": str(folder / "slurm.conf")}
    finally:
        subprocess.run([str(SCRIPT), "down", str(folder)], capture_output=True, timeout=300,
                       check=False)


def submitted_rules(output: str) -> list[str]:
    """The rule of every job the build submitted to Slurm, in order."""
    return re.findall(r"slurm_logs/(?:rule|group)_(\w+?)/", output)


def build_on_cluster(project: Path, cluster: dict[str, str]) -> str:
    """Build ``project`` through the SLURM profile; what Snakemake printed."""
    # The repository's default profile as the workflow profile, as Snakemake picks it up
    # when run from the repository root: nothing in it may break a cluster job.
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"),
         "--workflow-profile", str(ROOT / "profiles" / "default"),
         "--profile", str(ROOT / "profiles" / "slurm"), "--slurm-status-command", "squeue"],
        capture_output=True, text=True, check=False, timeout=CLUSTER_BUILD_SECONDS,
        env={**os.environ, **cluster})
    output = run.stdout + run.stderr
    assert run.returncode == 0, output[-4000:]
    return output


def test_the_slurm_profile_builds_the_local_builds_pdf_bytes(cluster, tmp_path):
    local = copy_workflow(tmp_path / "local")
    built = run_snakemake(local)
    assert built.returncode == 0, built.stderr[-2000:]

    # The committed export (0.17 MB) is below cluster.jobs_from_export_mb: no rule's
    # work there is worth a job's start and status poll.
    small = copy_workflow(tmp_path / "small")
    assert submitted_rules(build_on_cluster(small, cluster)) == []
    assert (small / PDF).read_bytes() == (local / PDF).read_bytes()

    # The same export with the rules heavy at scale as jobs, as a large export has them.
    project = copy_workflow(tmp_path / "cluster")
    config_path = project / "config" / "config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["cluster"]["jobs_from_export_mb"] = 0
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    jobs = submitted_rules(build_on_cluster(project, cluster))
    assert (project / PDF).read_bytes() == (local / PDF).read_bytes()
    assert sorted(set(jobs)) == ["deidentify_chunk", "evaluate_deidentification",
                                 "read_export", "validate_clean", "validate_raw"], jobs
