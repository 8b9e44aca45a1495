"""Tests for csec_survey.ingest.export_summary and the ``csec-survey inspect`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from csec_survey.cli import main
from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import METADATA_COLUMNS
from csec_survey.ingest.export_summary import describe_export
from csec_survey.ingest.qualtrics import QualtricsExport

ROOT = Path(__file__).parents[1]
EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"
INSTRUMENT = ROOT / "config" / "instrument.yaml"

EXCLUSIONS = {"preview": 2, "test": 1, "spam": 0, "incomplete": 7, "duplicate": 1,
              "kept": 144}


@pytest.fixture(scope="module")
def description(instrument: Instrument) -> dict[str, Any]:
    return describe_export(EXPORT, instrument)


def test_layout(description: dict[str, Any]) -> None:
    assert description["layout"] == {"header_rows": 3, "values": "choice_text",
                                     "encoding": "utf-8", "bom": True,
                                     "line_endings": "CRLF",
                                     "vintage": "current (2017 onward: three header rows, "
                                                "ResponseId)",
                                     "resaved_by_excel": False, "time_zone": "America/New_York",
                                     "anonymized": False}


def test_sizes(description: dict[str, Any], export: QualtricsExport,
               instrument: Instrument) -> None:
    assert description["rows"] == 155
    expected_columns = (len(METADATA_COLUMNS) + len(instrument.export_columns())
                        + len(instrument.embedded_data))
    assert description["columns"] == expected_columns == len(export.columns)
    assert description["path"] == str(EXPORT)


def test_nothing_missing(description: dict[str, Any]) -> None:
    assert description["metadata_columns_missing"] == []
    assert description["instrument_columns_missing"] == []
    assert description["columns_not_in_instrument"] == []


def test_exclusion_counts(description: dict[str, Any]) -> None:
    assert description["exclusions"] == EXCLUSIONS
    assert sum(description["exclusions"].values()) == description["rows"]


def test_every_question_column_is_mapped_to_its_item(description: dict[str, Any],
                                                     instrument: Instrument) -> None:
    expected = {column.name: column for column in instrument.export_columns()}
    questions = {q["column"]: q for q in description["questions"]}
    assert set(expected) <= set(questions)
    for name, column in expected.items():
        question = questions[name]
        assert question["item"] == column.item, name
        assert question["import_id"] == column.import_id, name
    # Metadata columns are not listed as questions; the only entries without
    # an item are the embedded data fields.
    metadata = {name for name, _, _ in METADATA_COLUMNS}
    assert not metadata & set(questions)
    unmapped = {name for name, q in questions.items() if q["item"] is None}
    assert unmapped <= set(instrument.embedded_data)
    # Questions are listed in export order.
    order = [q["column"] for q in description["questions"]]
    assert [c for c in order if c in expected] == list(expected)


def test_question_text_comes_from_the_header(description: dict[str, Any],
                                             export: QualtricsExport) -> None:
    for question in description["questions"]:
        assert question["text"] == export.columns[question["column"]].text


def test_description_contains_no_personal_data(description: dict[str, Any],
                                               export: QualtricsExport) -> None:
    serialised = json.dumps(description, ensure_ascii=False)
    checked = 0
    for column in ("RecipientEmail", "IPAddress", "ResponseId"):
        for value in export.responses[column].dropna().unique():
            assert str(value) not in serialised, column
            checked += 1
    # Short surnames ("Ho") occur inside ordinary words ("How"), so names are
    # looked for as whole words, case-sensitively.
    for column in ("RecipientLastName", "RecipientFirstName", "AgencyName", "AgencyCity"):
        for value in export.responses[column].dropna().unique():
            assert not re.search(rf"\b{re.escape(str(value))}\b", serialised), column
            checked += 1
    assert checked > 500


def test_description_is_the_same_for_a_str_path(instrument: Instrument,
                                                description: dict[str, Any]) -> None:
    again = describe_export(str(EXPORT), instrument)
    assert again == description


# --- the command line -------------------------------------------------------

def test_cli_inspect_prints_json(capsys: pytest.CaptureFixture[str],
                                 description: dict[str, Any]) -> None:
    status = main(["inspect", str(EXPORT)])
    captured = capsys.readouterr()
    assert status == 0
    assert captured.err == ""
    report = json.loads(captured.out)
    assert report["rows"] == 155
    assert report["layout"]["values"] == "choice_text"
    assert report["layout"]["bom"] is True
    assert report["exclusions"] == EXCLUSIONS
    assert report["instrument_columns_missing"] == []
    # JSON round trip of the library's description: the CLI adds nothing else.
    assert report == json.loads(json.dumps(description))


def test_cli_inspect_with_explicit_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(EXPORT), "--instrument", str(INSTRUMENT)]) == 0
    assert json.loads(capsys.readouterr().out)["exclusions"] == EXCLUSIONS


def test_cli_inspect_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["inspect", "/nonexistent.csv"])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert "csec-survey inspect" in captured.err
    assert "/nonexistent.csv" in captured.err


def test_cli_inspect_not_an_export(tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "not_qualtrics.csv"
    path.write_text("name,email\nName,Email\nJane,jane@example.org\n"
                    "Joe,joe@example.org\n", encoding="utf-8")
    status = main(["inspect", str(path)])
    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert "ResponseId" in captured.err
    assert "jane@example.org" not in captured.err


def test_cli_inspect_bad_instrument(tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["inspect", str(EXPORT), "--instrument", str(tmp_path / "none.yaml")])
    captured = capsys.readouterr()
    assert status == 1
    assert "none.yaml" in captured.err
