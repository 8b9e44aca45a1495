"""Each rule's memory and run time on a Slurm cluster, as its jobs really use them.

    tests/cluster/slurm_localhost.sh up /tmp/slurm && export SLURM_CONF=/tmp/slurm/slurm.conf
    python benchmarks/cluster_resources.py [--respondents 144 20000 100000] [--as-jobs]

For each size, in a scratch copy of the project with a synthetic export of that many
respondents: a local build, then a build through ``profiles/slurm``, their PDFs compared
byte for byte. While the cluster build runs, every job is sampled five times a second:
the resident memory of all its processes (the job's two Snakemake processes and the rule's
script, found under the job's ``slurmstepd``), summed, which is what Slurm's own
accounting (jobacct_gather/linux) counts, and what the job requested. Writes
benchmarks/results/cluster_resources.json (a size not measured keeps its last
figures), with each rule's peak beside its request and the most chunk jobs seen
running at once. An export below ``cluster.jobs_from_export_mb`` submits no job;
``--as-jobs`` sets it to 0, so that the rules heavy at scale are jobs at any size
(results under ``respondents_N_as_jobs``). Run on demand, as root, on the cluster's node;
not in the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psutil
from build_times import build
from scratch_project import edit_config, use_synthetic_export

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SECONDS = 0.2
_STEP = re.compile(r"slurmstepd: \[(\d+)\.")


class JobSampler(threading.Thread):
    """Samples every running Slurm job's summed resident memory until stopped."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stopped = threading.Event()
        self.peak_mb: dict[str, float] = defaultdict(float)
        self.request_mb: dict[str, int] = {}
        self.seen: dict[str, list[float]] = {}
        self.most_chunks_at_once = 0

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_SECONDS):
            self.sample()

    def sample(self) -> None:
        queue = subprocess.run(["squeue", "-h", "-t", "R", "-o", "%i %k %m"],
                               capture_output=True, text=True, check=False).stdout
        rules = {}
        for line in queue.splitlines():
            job, comment, memory = line.split()
            rules[job] = comment
            self.request_mb[comment] = _megabytes(memory)
        rss: dict[str, float] = defaultdict(float)
        for process in psutil.process_iter(["cmdline"]):
            match = _STEP.match(" ".join(process.info["cmdline"] or []))
            if not match or match.group(1) not in rules:
                continue
            for child in _children(process):
                rss[rules[match.group(1)]] += _rss(child)
        now = time.monotonic()
        for comment, total in rss.items():
            self.peak_mb[comment] = max(self.peak_mb[comment], total / 2**20)
            self.seen.setdefault(comment, [now, now])[1] = now
        self.most_chunks_at_once = max(self.most_chunks_at_once,
                                       sum("deidentify_chunk" in c for c in rules.values()))


def _children(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def _megabytes(memory: str) -> int:
    """squeue's memory column ("2500M", "2G") in MB."""
    number, unit = float(memory[:-1]), memory[-1]
    return round(number * {"K": 1 / 1024, "M": 1, "G": 1024, "T": 2**20}[unit])


def by_rule(sampler: JobSampler) -> dict[str, dict[str, float]]:
    """Peak, request and seconds seen per rule; chunks pooled under their rule."""
    table: dict[str, dict[str, float]] = {}
    for comment, peak in sampler.peak_mb.items():
        rule = re.sub(r"^rule_|_wildcards_.*$", "", comment)
        first, last = sampler.seen[comment]
        row = table.setdefault(rule, {"jobs": 0, "peak_mb": 0.0, "request_mb": 0,
                                      "longest_seconds": 0.0})
        row["jobs"] += 1
        row["peak_mb"] = round(max(row["peak_mb"], peak), 1)
        row["request_mb"] = max(row["request_mb"], sampler.request_mb[comment])
        row["longest_seconds"] = round(max(row["longest_seconds"], last - first), 1)
    return dict(sorted(table.items()))


def measure(respondents: int, scratch: Path, as_jobs: bool) -> dict[str, object]:
    """Local and cluster builds of one size, compared, with the cluster jobs' peaks."""
    project = copy_workflow(scratch / "project")
    if respondents != 144:
        use_synthetic_export(project, respondents)
    if as_jobs:
        edit_config(project, lambda config: config["cluster"].update(jobs_from_export_mb=0))
    pdf = project / "results" / "paper" / "paper.pdf"
    # Both builds with the repository's default profile, as from the repository root.
    local_seconds, _ = build(project)
    local_pdf = pdf.read_bytes()
    for name in ("results", "logs", ".snakemake"):
        shutil.rmtree(project / name)
    sampler = JobSampler()
    sampler.start()
    try:
        cluster_seconds, _ = build(project, "--profile", str(ROOT / "profiles" / "slurm"),
                                   "--slurm-status-command", "squeue")
    finally:
        sampler.stopped.set()
        sampler.join()
    rules = by_rule(sampler)
    return {
        "local_seconds": round(local_seconds, 1),
        "cluster_seconds": round(cluster_seconds, 1),
        "same_pdf_bytes": pdf.read_bytes() == local_pdf,
        "jobs": sum(row["jobs"] for row in rules.values()),
        "most_chunk_jobs_at_once": sampler.most_chunks_at_once,
        "every_peak_under_its_request": all(row["peak_mb"] < row["request_mb"]
                                            for row in rules.values()),
        "rules": rules,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, nargs="*", default=[144, 20000])
    parser.add_argument("--as-jobs", action="store_true",
                        help="the rules heavy at scale as jobs whatever the export's size")
    args = parser.parse_args()
    out = ROOT / "benchmarks" / "results" / "cluster_resources.json"
    # Sizes not measured this time keep their last measurement.
    results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    results.update({"node_cpus": os.cpu_count(), "sample_seconds": SAMPLE_SECONDS})
    for respondents in args.respondents:
        with tempfile.TemporaryDirectory() as scratch:
            key = f"respondents_{respondents}" + ("_as_jobs" if args.as_jobs else "")
            results[key] = measure(respondents, Path(scratch), args.as_jobs)
        print(json.dumps({key: results[key]}, indent=1))
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
