"""One export, one paper: what a new user does to a build, and that it never ends in exit 0
with another export's numbers or with identifying data left under results/ or logs/."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import identifying_values, kill_build_when, leaks, run_snakemake
from corrupt_exports import write_corrupted

from csec_survey.core.export_columns import ANONYMIZED_AWAY
from csec_survey.core.lineage import file_sha256
from csec_survey.core.paths import copy_workflow

pytestmark = pytest.mark.workflow

KEY = {"CSEC_PSEUDONYM_KEY": "a-test-key-that-is-long-enough-0123"}
EXPORT = "data/raw/synthetic_export.csv"


def _output(run: subprocess.CompletedProcess) -> str:
    return run.stdout + run.stderr


def _synthesize(project: Path, name: str, respondents: int, seed: int) -> Path:
    export = project / "data" / "raw" / name
    subprocess.run([sys.executable, "-m", "csec_survey.cli", "synthesize", "--out", str(export),
                    "--respondents", str(respondents), "--seed", str(seed)],
                   check=True, capture_output=True)
    return export


def _override(project: Path, export: Path, respondents: int) -> Path:
    """A config override file, as the README shows for an export of another size."""
    path = project / f"{export.stem}.yaml"
    path.write_text(yaml.safe_dump({"raw_export": str(export.relative_to(project)),
                                    "study": {"complete_responses": respondents}}))
    return path


def _records(project: Path) -> list[dict]:
    return [json.loads(path.read_text())
            for path in (project / "results" / "lineage").rglob("*.json")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_workflow(tmp_path_factory.mktemp("one-export") / "project")
    run = run_snakemake(project)
    assert run.returncode == 0, _output(run)[-3000:]
    return project, run


def test_every_artefact_records_the_export_it_derives_from(built):
    project, _ = built
    digest = file_sha256(project / EXPORT)
    records = _records(project)
    assert len(records) >= 20
    assert {record["export_sha256"] for record in records} == {digest, None}
    assert {r["rule"] for r in records if r["export_sha256"] is None} == {
        "design_constants", "external_context"}
    read = next(r for r in records if r["rule"] == "read_export")
    assert read["inputs"] == {EXPORT: digest}


def test_the_demo_key_warning_reaches_the_terminal(built):
    _, run = built
    assert "WARNING: using the public demo pseudonymisation key" in run.stderr


def test_a_mistyped_export_path_fails_and_leaves_the_paper_alone(built):
    project, _ = built
    before = (project / "results" / "paper" / "paper.pdf").read_bytes()
    run = run_snakemake(project, "--config", "raw_export=data/raw/synthetic_exprot.csv")
    assert run.returncode != 0
    assert "the configured export data/raw/synthetic_exprot.csv does not exist" in _output(run)
    assert "Traceback" not in _output(run)
    assert (project / "results" / "paper" / "paper.pdf").read_bytes() == before


# Each config section: an edit, the rules that read it (their parameters change), and what a
# dry run after a build would rerun. A rule that reads a table holding identifiers cannot
# rerun alone: those tables are never kept, so the build reads the export again (EVERYTHING).
# The README has this table.
EVERYTHING = "every rule from read_export on"
FIGURE_RULES = {"figure_sample", "figure_technology_role", "figure_signals",
                "figure_technologies", "figure_victims", "figure_opportunities_obstacles",
                "figure_help"}
RERUN_BY_SECTION = {
    "study.fieldwork.end": ({"study": {"fieldwork": {"end": "2013-01-31"}}}, {"validate_raw"},
                            EVERYTHING),
    "study.complete_responses": ({"study": {"complete_responses": 150}},
                                 {"validate_raw", "reproduce_published"}, EVERYTHING),
    "exclusions.duplicate_key": ({"exclusions": {"duplicate_key": "ExternalReference"}},
                                 {"read_export"}, EVERYTHING),
    "validation.example_rows": ({"validation": {"example_rows": 3}}, {"validate_raw"},
                                EVERYTHING),
    "deidentification.key_env": ({"deidentification": {"key_env": "OTHER_KEY"}},
                                 {"deidentify_chunk", "deidentify", "validate_clean",
                                  "evaluate_deidentification", "code_quotes"}, EVERYTHING),
    # How many jobs share the scrubbing changes no output: nothing reruns.
    "deidentification.chunk_respondents": ({"deidentification": {"chunk_respondents": 100}},
                                           {"deidentify_chunk"}, set()),
    "deidentification.k_anonymity.k": ({"deidentification": {"k_anonymity": {"k": 3}}},
                                       {"disclosure_check"}, {"disclosure_check"}),
    # compute_statistics reads the invitations for the response rate.
    "design.reminder_weeks": ({"design": {"reminder_weeks": 3}},
                              {"design_constants", "compute_statistics"},
                              {"design_constants", "compute_statistics", "build_registry",
                               "reproduce_published", *FIGURE_RULES, "check_claims",
                               "render_paper", "audit_pdf"}),
    "paper.source_date_epoch": ({"paper": {"source_date_epoch": 1417392001}},
                                {"render_paper"}, {"render_paper", "audit_pdf"}),
}
ALL_RULES = {"read_export", "validate_raw", "tidy_responses", "deidentify", "validate_clean",
             "evaluate_deidentification", "disclosure_check", "compute_statistics",
             "build_registry", "reproduce_published", *FIGURE_RULES, "code_quotes",
             "count_quotes", "select_quotes", "check_claims", "render_paper", "audit_pdf"}


def _merged(base: dict, change: dict) -> dict:
    merged = dict(base)
    for key, value in change.items():
        merged[key] = _merged(base[key], value) if isinstance(value, dict) else value
    return merged


@pytest.mark.parametrize("section", sorted(RERUN_BY_SECTION))
def test_a_config_edit_reruns_exactly_what_reads_it(built, section, tmp_path):
    project, _ = built
    change, readers, expected = RERUN_BY_SECTION[section]
    config = yaml.safe_load((project / "config" / "config.yaml").read_text())
    override = tmp_path / "override.yaml"
    override.write_text(yaml.safe_dump(_merged(config, change), sort_keys=False))
    run = run_snakemake(project, "--dry-run", "--configfile", str(override))
    assert run.returncode == 0, _output(run)[-3000:]
    jobs = dict(re.findall(r"^(?:local)?(?:rule|checkpoint) (\w+):\n(?:.*\n)*?\s+reason: (.*)$",
                           run.stdout, re.M))
    jobs.pop("all", None)
    # The chunks are planned once read_export has run again; the dry run lists the rest.
    assert set(jobs) == (ALL_RULES if expected == EVERYTHING else expected)
    assert {rule for rule, reason in jobs.items() if "Params have changed" in reason} <= readers


def test_a_second_export_needs_its_key_and_then_rebuilds_everything(built, tmp_path):
    reference, _ = built
    project = tmp_path / "project"
    shutil.copytree(reference, project, symlinks=True)
    export = _synthesize(project, "second_export.csv", respondents=150, seed=7)
    override = _override(project, export, 150)

    refused = run_snakemake(project, "--configfile", str(override))
    assert refused.returncode != 0
    assert "no pseudonymisation key: set the environment variable $CSEC_PSEUDONYM_KEY" in \
        _output(refused)
    assert "Traceback" not in _output(refused)

    run = run_snakemake(project, "--configfile", str(override), **KEY)
    assert run.returncode == 0, _output(run)[-3000:]
    digest = file_sha256(export)
    assert {r["export_sha256"] for r in _records(project)} == {digest, None}
    exclusions = json.loads((project / "results" / "interim" / "exclusions.json").read_text())
    assert exclusions["kept"] == 150
    registry = json.loads((project / "results" / "numbers.json").read_text())
    clean = project / "results" / "clean" / "responses.parquet"
    assert len(pd.read_parquet(clean)) == 150
    survey = [entry for entry in registry.values() if entry["rule"] == "compute_statistics"
              and entry["kind"] != "method"]
    assert {entry["inputs"]["results/clean/responses.parquet"] for entry in survey} == \
        {file_sha256(clean)}
    quotes = json.loads((project / "results" / "quotes" / "quotes.json").read_text())
    assert sum(len(theme["quotes"]) for themes in quotes.values()
               for theme in themes.values()) > 10
    assert leaks(project, identifying_values(export) | identifying_values(project / EXPORT),
                 _output(refused), _output(run)) == {}


def test_a_paper_input_from_another_build_fails_the_build(built, tmp_path):
    reference, _ = built
    project = tmp_path / "project"
    shutil.copytree(reference, project, symlinks=True)
    # A figure's words edited by hand (or copied from another build): the record no
    # longer matches, and the paper is not rendered from it.
    meta = project / "results" / "figures" / "help.json"
    words = json.loads(meta.read_text())
    words["caption"] += " Edited by hand."
    meta.write_text(json.dumps(words))
    run = run_snakemake(project, "--forcerun", "render_paper")
    assert run.returncode != 0
    assert "render_paper failed: the paper would mix artefacts of different exports" in \
        _output(run)
    assert "results/figures/help.json" in _output(run)


def test_a_failed_validation_leaves_nothing_identifying(tmp_path):
    project = copy_workflow(tmp_path / "project")
    export = write_corrupted("out_of_range_number", project / "data" / "raw" / "bad.csv")
    run = run_snakemake(project, "--config", f"raw_export={export.relative_to(project)}",
                        **KEY)
    assert run.returncode != 0
    assert "validate_raw failed: the raw export does not meet its expectations" in _output(run)
    assert list((project / ".identifying").iterdir()) == []
    assert leaks(project, identifying_values(project / EXPORT), _output(run)) == {}


def test_an_unreadable_export_is_one_message_without_a_traceback(tmp_path):
    project = copy_workflow(tmp_path / "project")
    export = write_corrupted("not_utf8", project / "data" / "raw" / "bad.csv")
    run = run_snakemake(project, "--config", f"raw_export={export.relative_to(project)}",
                        **KEY)
    assert run.returncode != 0
    assert "read_export failed:" in run.stderr
    assert "Traceback" not in _output(run)
    assert "read_export failed:" in (project / "logs" / "read_export.log").read_text()


# Every rule that reads a table holding identifiers, by the log it opens when it starts.
RULES_HOLDING_IDENTIFIERS = {
    "read_export": "read_export.log", "validate_raw": "validate_raw.log",
    "tidy_responses": "tidy_responses.log", "deidentify_chunk": "deidentify_chunk/0.log",
    "validate_clean": "validate_clean.log",
    "evaluate_deidentification": "evaluate_deidentification.log",
    "code_quotes": "code_quotes.log",
}


@pytest.mark.parametrize("rule", sorted(RULES_HOLDING_IDENTIFIERS))
def test_a_build_killed_in_a_rule_holding_identifiers_leaves_none_behind(tmp_path, rule):
    project = copy_workflow(tmp_path / "project")
    kill_build_when(project, f"logs/{RULES_HOLDING_IDENTIFIERS[rule]}")
    assert leaks(project, identifying_values(project / EXPORT)) == {}


def test_a_killed_build_resumes_to_the_same_paper_and_wipes_its_scratch(built, tmp_path):
    reference, _ = built
    project = copy_workflow(tmp_path / "project")
    kill_build_when(project, "logs/deidentify_chunk/0.log")
    # The records as read and the typed responses are in the private scratch folder only.
    assert list((project / ".identifying").iterdir())
    # What a job killed while writing would leave (see csec_survey.core.atomic).
    (project / "results" / ".paper.pdf.partial").write_bytes(b"%PDF-1.7\n")
    assert run_snakemake(project, "--unlock").returncode == 0
    run = run_snakemake(project, "--rerun-incomplete")
    assert run.returncode == 0, _output(run)[-3000:]
    assert list((project / ".identifying").iterdir()) == []
    assert list((project / "results").rglob(".*.partial")) == []
    assert leaks(project, identifying_values(project / EXPORT), _output(run)) == {}
    assert (project / "results" / "paper" / "paper.pdf").read_bytes() == \
        (reference / "results" / "paper" / "paper.pdf").read_bytes()


def test_a_column_the_codebook_does_not_know_is_dropped_and_named(tmp_path):
    project = copy_workflow(tmp_path / "project")
    source = (project / EXPORT).read_bytes().decode("utf-8-sig")
    lines = source.split("\r\n")
    header = ["ContactEmail", "Contact Email", '{"ImportId":"ContactEmail"}']
    for index in range(3):
        lines[index] += f",{header[index]}"
    for index in range(3, len(lines)):
        if lines[index]:
            lines[index] += f",contact{index}@example.org"
    export = project / "data" / "raw" / "with_contact.csv"
    export.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8"))
    # The same answers as the committed export, so the same ground truth codes its quotes.
    shutil.copy(project / "data" / "raw" / "synthetic_export.truth.jsonl",
                project / "data" / "raw" / "with_contact.truth.jsonl")
    run = run_snakemake(project, "--config", f"raw_export={export.relative_to(project)}",
                        **KEY)
    assert run.returncode == 0, _output(run)[-3000:]
    assert "column 'ContactEmail' of the export is not in the codebook, so it is dropped" in \
        run.stderr
    assert "example.org" not in _output(run)
    clean = pd.read_parquet(project / "results" / "clean" / "responses.parquet")
    assert "ContactEmail" not in clean.columns
    assert leaks(project, {f"contact{index}@example.org" for index in range(3, len(lines))}) \
        == {}


def test_an_anonymized_export_builds_and_says_how_it_found_repeats(tmp_path):
    project = copy_workflow(tmp_path / "project")
    source = (project / EXPORT).read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(source, newline="")))
    keep = [index for index, name in enumerate(rows[0]) if name not in ANONYMIZED_AWAY]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows([row[i] for i in keep] for row in rows)
    export = project / "data" / "raw" / "anonymized.csv"
    export.write_bytes(b"\xef\xbb\xbf" + out.getvalue().encode("utf-8"))
    shutil.copy(project / "data" / "raw" / "synthetic_export.truth.jsonl",
                project / "data" / "raw" / "anonymized.truth.jsonl")
    run = run_snakemake(project, "--config", f"raw_export={export.relative_to(project)}",
                        **KEY)
    assert run.returncode == 0, _output(run)[-3000:]
    assert "repeats are found by ExternalReference" in run.stderr
    exclusions = json.loads((project / "results" / "interim" / "exclusions.json").read_text())
    assert exclusions["duplicate"] == 1 and exclusions["kept"] == 144
    assert (project / "results" / "paper" / "paper.pdf").exists()
