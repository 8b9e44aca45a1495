"""Throughput of the scrubber: answers per second, one process, many texts.

    python benchmarks/deid_throughput.py [--respondents N] [--repeats R]

Writes benchmarks/results/deid_throughput.json. Run on demand, not in the tests.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.deidentify.responses import free_text_columns
from csec_survey.deidentify.scrubber import Scrubber
from csec_survey.ingest.records import ingest_export
from csec_survey.synthetic.generator import synthesize, write_synthetic_export

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    instrument = load_instrument(ROOT / "config" / "instrument.yaml")
    with tempfile.TemporaryDirectory() as folder:
        export = synthesize(instrument, read_published_values(
            ROOT / "data" / "published" / "figures.csv"), respondents=args.respondents)
        paths = write_synthetic_export(export, Path(folder) / "export.csv")
        responses = ingest_export(paths["export"], instrument).responses
    texts = [str(value) for column in free_text_columns(instrument)
             for value in responses[column].dropna()]
    started = time.perf_counter()
    scrubber = Scrubber()
    startup = time.perf_counter() - started
    rates = []
    for _ in range(args.repeats):
        started = time.perf_counter()
        for _ in scrubber.scrub_many((text, None) for text in texts):
            pass
        rates.append(len(texts) / (time.perf_counter() - started))
    result = {
        "answers": len(texts),
        "mean_characters": round(sum(map(len, texts)) / len(texts), 1),
        "scrubber_start_seconds": round(startup, 3),
        "answers_per_second_median": round(statistics.median(rates), 1),
        "answers_per_second_runs": [round(rate, 1) for rate in rates],
        "python": sys.version.split()[0],
        "machine": platform.machine(),
    }
    out = ROOT / "benchmarks" / "results" / "deid_throughput.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
