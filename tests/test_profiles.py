"""Tests for the Snakemake profiles: they parse, Snakemake accepts them, and they name only
rules that exist."""

import re
from pathlib import Path

import yaml
from conftest import run_snakemake

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]


def rule_names() -> set[str]:
    text = "".join(path.read_text(encoding="utf-8")
                   for path in sorted((ROOT / "workflow" / "rules").glob("*.smk")))
    return set(re.findall(r"^(?:rule|checkpoint) (\w+):", text, re.M))


def test_slurm_profile_sizes_real_rules_including_every_deidentification_chunk():
    profile = yaml.safe_load((ROOT / "profiles" / "slurm" / "config.yaml").read_text())
    assert profile["executor"] == "slurm"
    named = set(profile["set-resources"])
    assert named <= rule_names(), named - rule_names()
    assert {"deidentify_chunk", "deidentify", "read_export", "validate_raw"} <= named
    for resources in profile["set-resources"].values():
        assert resources.get("mem_mb", 1) > 0 and resources.get("runtime", 1) > 0


def test_default_profile_runs_locally():
    profile = yaml.safe_load((ROOT / "profiles" / "default" / "config.yaml").read_text())
    assert profile["cores"] >= 1
    assert "executor" not in profile


def test_default_profile_is_accepted_by_snakemake_and_plans_only_the_target_asked(tmp_path):
    run = run_snakemake(copy_workflow(tmp_path / "project"), "--dry-run", "results/numbers.json",
                        profile=str(ROOT / "profiles" / "default"))
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "build_registry" in run.stdout
    assert "render_paper" not in run.stdout
