"""The Snakemake workflow end to end, built once in a scratch copy of the project."""

import csv
import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest
from conftest import identifying_values, leaks, run_snakemake

from csec_survey.core.paths import copy_workflow

pytestmark = pytest.mark.workflow


def _digests(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_workflow(tmp_path_factory.mktemp("built") / "project")
    before = _digests(project / "data" / "raw")
    run = run_snakemake(project)
    assert run.returncode == 0, run.stdout + run.stderr
    return project, run, before


def test_build_reads_the_export_and_leaves_raw_data_alone(built):
    project, _, before = built
    assert _digests(project / "data" / "raw") == before
    exclusions = json.loads((project / "results" / "interim" / "exclusions.json").read_text())
    assert exclusions == {"preview": 2, "test": 1, "spam": 0, "incomplete": 7, "duplicate": 1,
                          "kept": 144}
    assert "records dropped by rule" in (project / "logs" / "read_export.log").read_text()
    raw = json.loads((project / "results" / "validation" / "raw.json").read_text())
    assert raw["success"] and raw["statistics"]["evaluated"] > 100
    assert "<html" in (project / "results" / "validation" / "raw.html").read_text().lower()


def test_identifying_intermediates_are_deleted_once_consumed(built):
    project, _, _ = built
    assert not (project / "results" / "interim" / "responses.parquet").exists()
    assert not (project / "results" / "interim" / "records.parquet").exists()
    assert list((project / ".identifying").iterdir()) == []
    assert (project / ".identifying").stat().st_mode & 0o077 == 0
    assert (project / "results" / "clean" / "responses.parquet").stat().st_size > 0


def test_no_personal_data_survives_under_results_or_in_logs(built):
    project, run, _ = built
    values = identifying_values(project / "data" / "raw" / "synthetic_export.csv")
    assert len(values) > 1000
    assert leaks(project, values, run.stdout + run.stderr) == {}
    assert list((project / ".identifying").iterdir()) == []


def test_checks_beside_the_paper_wait_until_every_figure_has_started(built):
    # Two cores, and the paper's rules have the higher priority: the scrubber's
    # evaluation and the disclosure check take a core only once no figure is waiting.
    _, run, _ = built
    started = re.findall(r"^(?:local)?(?:rule|checkpoint) (\w+):", run.stdout + run.stderr,
                         re.M)
    last_figure = max(i for i, rule in enumerate(started) if rule.startswith("figure_"))
    assert started.index("evaluate_deidentification") > last_figure
    assert started.index("disclosure_check") > last_figure


def test_every_figure_draws_registry_values_only(built):
    project, _, _ = built
    registry = json.loads((project / "results" / "numbers.json").read_text())
    figures = list((project / "results" / "figures").glob("*.csv"))
    assert {path.stem for path in figures} == {"sample", "technology_role", "signals",
                                               "technologies", "victims",
                                               "opportunities_obstacles", "help"}
    for path in figures:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, path
        for row in rows:
            entry = registry[row["registry_id"]]
            assert row["display"] == entry["display"]
            assert float(row["value"]) == pytest.approx(entry["value"], abs=1e-12)
            assert int(row["numerator"]) == entry["numerator"]
            assert int(row["denominator"]) == entry["denominator"]
            assert [float(row["ci_low"]), float(row["ci_high"])] == \
                pytest.approx(entry["interval95"])
        for suffix in (".pdf", ".png", ".svg"):
            assert path.with_suffix(suffix).stat().st_size > 5000
        meta = json.loads(path.with_suffix(".json").read_text())
        assert meta["caption"] and meta["alt_text"]
        assert meta["registry_ids"] == [row["registry_id"] for row in rows]


def test_the_report_shows_validation_deidentification_reproduction_and_figures(built):
    project, _, _ = built
    run = run_snakemake(project, "--report", str(project / "results" / "report.html"))
    assert run.returncode == 0, run.stderr
    report = (project / "results" / "report.html").read_text(encoding="utf-8")
    for name in ("raw.json", "clean.json", "evaluation.json", "reproduction.csv",
                 "technologies.png", "numbers.json", "paper.pdf", "audit.json"):
        assert name in report, name


def test_the_paper_is_audited_and_quotes_verbatim_de_identified_answers(built):
    project, _, _ = built
    audit = json.loads((project / "results" / "provenance" / "audit.json").read_text())
    assert audit["passed"] and audit["linked_to_registry"] > 80
    clean = pd.read_parquet(project / "results" / "clean" / "responses.parquet")
    answers = clean.set_index("pseudonym")
    quotes = json.loads((project / "results" / "paper" / "quotes_used.json").read_text())
    assert len(quotes) >= 20
    with pdfplumber.open(project / "results" / "paper" / "paper.pdf") as pdf:
        raw = "\n".join(page.extract_text() or "" for page in pdf.pages)
    # Typst hyphenates with soft hyphens; a reader's copy of the text joins them.
    text = " ".join(re.sub("\u00ad\\s*", "", raw).split())
    for quote in quotes:
        assert quote["text"] in str(answers.at[quote["pseudonym"], quote["question"]])
        assert quote["pseudonym"] not in text
        # The quote reaches the PDF word for word (line breaks aside).
        assert " ".join(quote["text"].split())[:60] in text


def test_a_second_rendering_gives_the_same_pdf_bytes(built):
    project, _, _ = built
    first = (project / "results" / "paper" / "paper.pdf").read_bytes()
    run = run_snakemake(project, "--forcerun", "render_paper")
    assert run.returncode == 0, run.stderr
    assert (project / "results" / "paper" / "paper.pdf").read_bytes() == first


def test_a_broken_export_fails_the_rule_and_leaves_no_output(tmp_path):
    project = copy_workflow(tmp_path / "project")
    export = project / "data" / "raw" / "synthetic_export.csv"
    broken = project / "data" / "raw" / "broken.csv"
    broken.write_bytes(export.read_bytes()[:-40])
    run = run_snakemake(project, "--config", f"raw_export={broken}")
    assert run.returncode != 0
    assert "response row 155" in run.stdout + run.stderr
    assert not (project / "results" / "clean").exists()


def test_config_is_validated_against_the_schema(tmp_path):
    project = copy_workflow(tmp_path / "project")
    run = run_snakemake(project, "--config", "raw_export=data/raw/export.xlsx")
    assert run.returncode != 0
    assert "raw_export" in run.stdout + run.stderr
