"""Build times of the workflow: clean, no-op, after an edit, and as the sample grows.

    python benchmarks/build_times.py [--repeats 3] [--respondents 1000 10000 100000]

Runs in a scratch copy of the project, with the installed package. Writes
benchmarks/results/build_times.json: medians of the repeats, the rules each
scenario ran, and per-rule wall time and peak memory from Snakemake's
``benchmark:`` files (of the last run of each). Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch_project import use_synthetic_export

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]
KEY = {"CSEC_PSEUDONYM_KEY": "benchmark-key-not-secret-0123456789"}


def build(project: Path, *args: str) -> tuple[float, list[str]]:
    # The repository's default profile, as `snakemake --cores N` from its root would use.
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"),
         "--workflow-profile", str(ROOT / "profiles" / "default"), *args],
        capture_output=True, text=True, env={**os.environ, **KEY}, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode != 0:
        raise RuntimeError(run.stdout[-3000:] + run.stderr[-3000:])
    rules = sorted(set(re.findall(r"^(?:local)?rule (\w+):", run.stdout + run.stderr, re.M)))
    return elapsed, rules


def clean(project: Path) -> None:
    for name in ("results", "logs", ".snakemake"):
        shutil.rmtree(project / name, ignore_errors=True)


def per_rule(project: Path) -> dict[str, dict[str, float]]:
    table = {}
    for path in sorted((project / "results" / "benchmarks").glob("*.tsv")):
        with path.open() as handle:
            row = next(csv.DictReader(handle, delimiter="\t"))
        table[path.stem] = {"seconds": float(row["s"]), "max_rss_mb": float(row["max_rss"])}
    return table


def median_of(repeats: int, setup, scenario) -> tuple[float, list[float], list[str]]:
    """The median time of ``repeats`` runs, every run's time, and the rules the last ran."""
    times, rules = [], []
    for _ in range(repeats):
        setup()
        elapsed, rules = scenario()
        times.append(round(elapsed, 2))
    return statistics.median(times), times, rules


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--respondents", type=int, nargs="*", default=[1000])
    args = parser.parse_args()
    results: dict[str, object] = {"cores": 2, "repeats": args.repeats}
    with tempfile.TemporaryDirectory() as scratch:
        project = copy_workflow(Path(scratch) / "project")
        clean_time, runs, _ = median_of(args.repeats, lambda: clean(project),
                                        lambda: build(project))
        results["clean_build_144_seconds"] = round(clean_time, 2)
        results["clean_build_144_seconds_runs"] = runs
        results["rules_144"] = per_rule(project)
        noop, runs, rules = median_of(args.repeats, lambda: None, lambda: build(project))
        results["noop_seconds"] = round(noop, 2)
        results["noop_seconds_runs"] = runs
        results["noop_rules_run"] = rules
        source = project / "paper" / "paper.qmd"
        original = source.read_text(encoding="utf-8")

        sentence, edited = ("Sexual victimization is common in childhood",
                            "Sexual victimization is frequent in childhood")
        # An edit that finds nothing to edit would time a no-op build: fail instead.
        if sentence not in original:
            raise SystemExit(f"paper/paper.qmd no longer says {sentence!r}: update the edit")

        def edit_prose() -> None:
            source.write_text(original.replace(sentence, edited, 1)
                              if source.read_text(encoding="utf-8") == original else original,
                              encoding="utf-8")

        prose, _, rules = median_of(args.repeats, edit_prose, lambda: build(project))
        results["prose_edit_seconds"] = round(prose, 2)
        results["prose_edit_rules_run"] = rules
        import csec_survey.figures.style as style

        style_file = Path(style.__file__)
        style_source = style_file.read_text(encoding="utf-8")

        def edit_style() -> None:
            style_file.write_text(style_source.replace('"font.size": 8.5', '"font.size": 8.6')
                                  if style_file.read_text(encoding="utf-8") == style_source
                                  else style_source, encoding="utf-8")

        try:
            style_time, _, rules = median_of(args.repeats, edit_style, lambda: build(project))
        finally:
            style_file.write_text(style_source, encoding="utf-8")
        results["style_edit_seconds"] = round(style_time, 2)
        results["style_edit_rules_run"] = rules
        for respondents in args.respondents:
            started = time.perf_counter()
            use_synthetic_export(project, respondents)
            synthesize_time = time.perf_counter() - started
            runs, peaks = [], []
            for _ in range(args.repeats):
                clean(project)
                elapsed, _ = build(project)
                rules = per_rule(project)
                runs.append(round(elapsed, 2))
                peaks.append(max(rule["max_rss_mb"] for rule in rules.values()))
            results[f"respondents_{respondents}"] = {
                "synthesize_seconds": round(synthesize_time, 2),
                "build_seconds": statistics.median(runs),
                "build_seconds_runs": runs,
                "peak_rss_mb": max(peaks),
                "deidentification_chunks": sum(name.startswith("deidentify_chunk.")
                                               for name in rules),
                "rules": rules}
    sizes = sorted(args.respondents)
    for small, large in itertools.pairwise(sizes):
        # Linear growth: the time per respondent does not rise with the sample.
        ratio = (results[f"respondents_{large}"]["build_seconds"]
                 / results[f"respondents_{small}"]["build_seconds"])
        results[f"growth_{small}_to_{large}"] = {"time_ratio": round(ratio, 2),
                                                 "size_ratio": round(large / small, 2)}
    out = ROOT / "benchmarks" / "results" / "build_times.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in results.items() if not k.startswith("rules")},
                     indent=2)[:3000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
