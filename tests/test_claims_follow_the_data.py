"""The paper's words follow the data, read from the PDF: legal edits of the export, each
flipping a claim, rebuilt to the PDF. The prose agrees with the new numbers, or the build
fails naming the claim, its sentence and its numbers; it never prints a false claim.

Each edit is one an investigator's real answers could make: answers moved between the
options the codebook offers, or open answers left blank."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_snakemake

from csec_survey.core.paths import copy_workflow
from csec_survey.paper.audit import RUNNING_HEAD_MARGIN

pytestmark = pytest.mark.workflow
KEY = {"CSEC_PSEUDONYM_KEY": "claims-follow-the-data-key-0123456789"}
TARGETS = ("results/provenance/audit.json",)

Rows = list[list[str]]


def _complete(rows: Rows, column: dict[str, int]) -> Rows:
    return [row for row in rows[3:] if row[column["Status"]] == "IP Address"
            and row[column["Finished"]] == "True"]


def _move(rows: Rows, column: dict[str, int], name: str, old: str, new: str, count: int) -> None:
    """``count`` complete respondents who answered ``old`` to column ``name`` answer ``new``."""
    chosen = [row for row in _complete(rows, column) if row[column[name]] == old][:count]
    assert len(chosen) == count, (name, old)
    for row in chosen:
        row[column[name]] = new


def majority_below_half(rows, column, truth):
    # 109 of 144 men; 40 fewer is 69, 48%.
    _move(rows, column, "Q4", "Male", "Female", 40)


def platforms_swap_order(rows, column, truth):
    # Cell phones (11 of 45) overtake social network sites (12 of 45).
    _move(rows, column, "Q14_6", "No", "Yes", 3)


def technology_in_fewer_cases(rows, column, truth):
    # "76% to 100%" (31 of 45) falls to 6; "over half" to 11 of 45.
    _move(rows, column, "Q12", "76% to 100%", "1% to 25%", 25)


def yes_no_item_flips(rows, column, truth):
    # Most investigators now say most ads they saw stated openly that a minor was offered.
    _move(rows, column, "Q15", "No", "Yes", 30)


def theme_loses_its_answers(rows, column, truth):
    # Every answer coded to one theme is left blank (the question is optional).
    coded = {entry["ResponseId"] for entry in truth if entry["item"] == "oe_practices"
             and entry["themes"] == ["listservs_bulletins"]}
    assert coded
    for row in rows[3:]:
        if row[column["ResponseId"]] in coded:
            row[column["Q34"]] = ""


def _edited_export(project: Path, edit: Callable) -> Path:
    raw = project / "data" / "raw"
    source = raw / "synthetic_export.csv"
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"), newline="")))
    column = {name: index for index, name in enumerate(rows[0])}
    with (raw / "synthetic_export.truth.jsonl").open(encoding="utf-8") as handle:
        truth = [json.loads(line) for line in handle]
    edit(rows, column, truth)
    target = raw / "edited.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    target.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    # Its companions: the generator's ground truth stands in for the coders, as for the
    # committed export.
    for suffix in (".truth.jsonl", ".calibration.json"):
        shutil.copy(raw / f"synthetic_export{suffix}", raw / f"edited{suffix}")
    return target


def _build(tmp_path: Path, edit: Callable):
    project = copy_workflow(tmp_path / "project")
    export = _edited_export(project, edit)
    run = run_snakemake(project, "--config", f"raw_export={export.relative_to(project)}",
                        "--", *TARGETS, **KEY)
    return project, run


def _pdf_text(project: Path) -> str:
    """The PDF's body text, lines joined, words hyphenated at a line end made whole again:
    without running heads and page numbers, so that a sentence runs on across a page."""
    with pdfplumber.open(str(project / "results" / "paper" / "paper.pdf")) as document:
        text = "\n".join(page.crop((0, RUNNING_HEAD_MARGIN, page.width,
                                    page.height - RUNNING_HEAD_MARGIN)).extract_text() or ""
                         for page in document.pages)
    return " ".join(re.sub(r"(\w)-\n(\w)", r"\1\2", text).split())


def _claims(project: Path) -> dict[str, dict]:
    data = json.loads((project / "results" / "provenance" / "claims.json").read_text())
    return {claim["claim"]: claim for claim in data["claims"]}


def test_a_majority_that_falls_below_half_changes_the_words_in_the_pdf(tmp_path):
    project, run = _build(tmp_path, majority_below_half)
    assert run.returncode == 0, run.stdout + run.stderr
    text = _pdf_text(project)
    assert "About half of the respondents were men (48%)" in text
    assert "Most of the respondents were men" not in text
    # demo.male no longer prints as published, and the paper no longer says it reproduces.
    assert "depart from some of the original report\u2019s figures" in text
    assert "reproduce the original report\u2019s figures" not in text
    claim = _claims(project)["quantifier(demo.male)"]
    assert claim["values"] == {"demo.male": "48% (69 / 144)"}
    assert "'about half'" in claim["predicate"]


@pytest.mark.parametrize("edit, claim, sentence, numbers", [
    (platforms_swap_order,
     "order(ad.social_network, ad.cell_phones+ad.classifieds, ad.underground, ad.niche_sites, "
     "ad.instant_messaging, ad.email+ad.sms, ad.smartphone_apps+ad.search_engines)",
     "Social network sites were the most often mentioned",
     ["ad.social_network = 27% (12 / 45)", "ad.cell_phones = 31% (14 / 45)"]),
    (technology_in_fewer_cases, "most(tech.over_half)",
     "Technology is now part of the ordinary case.", ["tech.over_half = 24% (11 / 45)"]),
    (yes_no_item_flips, "by_far(answer.ads_overt.no, answer.ads_overt.yes)",
     "Far more often, minors are presented as adults",
     # One of the 30 respondents moved is a repeated response the exclusions drop.
     ["answer.ads_overt.no = 7% (3 / 45)", "answer.ads_overt.yes = 71% (32 / 45)"]),
    # The lead-in's last sentence counts the answers that raised the theme: it is the one
    # the false claim is named by.
    (theme_loses_its_answers, "raised(oe_practices, listservs_bulletins, listservs, bulletins)",
     "({themes.oe_practices.listservs_bulletins} of {themes.oe_practices.answers} answers "
     "raised this).",
     ["oe_practices/listservs_bulletins = 0 answers coded"]),
], ids=["platforms_swap_order", "technology_in_fewer_cases", "yes_no_item_flips",
        "theme_loses_its_answers"])
def test_a_flipped_claim_fails_the_build_naming_it(tmp_path, edit, claim, sentence, numbers):
    project, run = _build(tmp_path, edit)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert "check_claims failed" in output
    line = next(line for line in output.splitlines() if f"claim {claim} is false" in line)
    assert sentence in line
    for number in numbers:
        assert number in line
    # Nothing was rendered from the false claim.
    assert not (project / "results" / "paper" / "paper.pdf").exists()
    assert not (project / "results" / "provenance" / "claims.json").exists()
