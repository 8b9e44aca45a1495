"""A number in the paper that does not move when the data move is a defect: edit answers in a
copy of the export, rebuild, and check that exactly the affected numbers change, by the
expected amounts."""

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import run_snakemake

from csec_survey.core.paths import copy_workflow

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.workflow
KEY = {"CSEC_PSEUDONYM_KEY": "mutation-test-key-0123456789"}


def _registry(project: Path, export: Path) -> dict:
    run = run_snakemake(project, "--config", f"raw_export={export}", "--",
                        "results/numbers.json", **KEY)
    assert run.returncode == 0, run.stdout + run.stderr
    return json.loads((project / "results" / "numbers.json").read_text(encoding="utf-8"))


def _edit(source: Path, target: Path) -> None:
    """One man becomes a woman; one investigator's 'most cases' becomes 'over half'."""
    rows = list(csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig"), newline="")))
    column = {name: index for index, name in enumerate(rows[0])}
    complete = [row for row in rows[3:] if row[column["Status"]] == "IP Address"
                and row[column["Finished"]] == "True"]
    next(r for r in complete if r[column["Q4"]] == "Male")[column["Q4"]] = "Female"
    next(r for r in complete if r[column["Q12"]] == "76% to 100%")[column["Q12"]] = "51% to 75%"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    target.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def test_exactly_the_affected_numbers_change_by_the_expected_amounts(tmp_path):
    project = copy_workflow(tmp_path / "project")
    original = project / "data" / "raw" / "original.csv"
    shutil.copy(project / "data" / "raw" / "synthetic_export.csv", original)
    before = _registry(project, original)
    edited = project / "data" / "raw" / "edited.csv"
    _edit(original, edited)
    after = _registry(project, edited)

    def essence(entry):
        return {k: entry.get(k) for k in ("value", "display", "numerator", "denominator")}

    changed = {key for key in before if essence(before[key]) != essence(after[key])}
    assert changed == {"demo.male", "tech.most_cases", "answer.sex.male", "answer.sex.female",
                       "answer.tech_share.76_to_100", "answer.tech_share.51_to_75"}
    for number_id, step in (("demo.male", -1), ("answer.sex.male", -1),
                            ("answer.sex.female", +1), ("tech.most_cases", -1),
                            ("answer.tech_share.76_to_100", -1),
                            ("answer.tech_share.51_to_75", +1)):
        assert after[number_id]["numerator"] == before[number_id]["numerator"] + step
        assert after[number_id]["denominator"] == before[number_id]["denominator"]
    # "Over half" counts 51-75% and 76-100% alike, so it must not move.
    assert essence(after["tech.over_half"]) == essence(before["tech.over_half"])
    # The trail records the new inputs.
    assert after["demo.male"]["inputs"] != before["demo.male"]["inputs"]
