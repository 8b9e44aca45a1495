"""Tests for the Snakemake profiles: they parse, and name only rules that exist."""

import re
from pathlib import Path

import yaml

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
