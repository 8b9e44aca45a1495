"""Tests for the Snakemake profiles: they parse, Snakemake accepts them, and they name only
rules that exist."""

import json
import re
from pathlib import Path

import yaml
from conftest import run_snakemake

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]
SLURM = ROOT / "profiles" / "slurm" / "config.yaml"


def cluster_rules() -> set[str]:
    """The rules that are jobs on a cluster: every named rule not marked `localrule`."""
    text = "".join(path.read_text(encoding="utf-8")
                   for path in sorted((ROOT / "workflow" / "rules").glob("*.smk")))
    blocks = re.split(r"^(?=(?:rule|checkpoint) \w+:)", text, flags=re.M)
    return {re.match(r"(?:rule|checkpoint) (\w+):", block).group(1) for block in blocks
            if re.match(r"(?:rule|checkpoint) \w+:", block)
            and "localrule: True" not in block.split("\n\n\n")[0]}


def test_slurm_profile_sizes_every_job_and_only_real_rules():
    profile = yaml.safe_load(SLURM.read_text())
    assert profile["executor"] == "slurm"
    named = set(profile["set-resources"])
    assert named == cluster_rules(), named ^ cluster_rules()
    assert {"deidentify_chunk", "read_export", "validate_raw"} <= named
    for resources in profile["set-resources"].values():
        assert resources["mem_mb"] > 0 and resources["runtime"] > 0


def test_slurm_profile_leaves_the_site_to_the_cluster():
    # No partition or account of one site, and no defaults a user's own
    # --default-resources (a partition, an account) would silently replace.
    text = SLURM.read_text()
    profile = yaml.safe_load(text)
    assert "default-resources" not in profile
    assert not re.search(r"^\s*slurm_(?:partition|account)\s*:", text, re.M)


def test_default_profile_holds_nothing_a_cluster_job_must_not_inherit():
    # Snakemake applies it as the workflow profile under --profile profiles/slurm too.
    profile = yaml.safe_load((ROOT / "profiles" / "default" / "config.yaml").read_text())
    assert not {"cores", "jobs", "executor", "default-resources", "set-resources",
                "resources", "set-threads"} & set(profile), profile


def test_default_profile_is_accepted_by_snakemake_and_plans_only_the_target_asked(tmp_path):
    run = run_snakemake(copy_workflow(tmp_path / "project"), "--dry-run", "results/numbers.json",
                        profile=str(ROOT / "profiles" / "default"))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "build_registry" in run.stdout
    assert "render_paper" not in run.stdout


def test_slurm_requests_hold_the_measured_peaks_with_a_quarter_more():
    # benchmarks/cluster_resources.py sampled every job of a 100,000-respondent build.
    profile = yaml.safe_load(SLURM.read_text())
    measured = json.loads((ROOT / "benchmarks" / "results" / "cluster_resources.json")
                          .read_text())["respondents_100000"]
    assert measured["same_pdf_bytes"]
    assert set(measured["rules"]) == set(profile["set-resources"])
    for rule, row in measured["rules"].items():
        assert profile["set-resources"][rule]["mem_mb"] >= 1.25 * row["peak_mb"], rule
        assert profile["set-resources"][rule]["runtime"] * 60 >= 5 * row["longest_seconds"], rule
