"""Every Qualtrics vintage and variant in tests/data/exports, read or refused as it should."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from csec_survey.core.codebook import load_instrument
from csec_survey.core.export_columns import TIMESTAMP_COLUMNS
from csec_survey.ingest.export_summary import describe_export
from csec_survey.ingest.qualtrics import ExportFormatError, read_export
from csec_survey.ingest.records import EXCLUSION, ingest_export, read_records
from csec_survey.validate.raw_suite import codebook_mismatch

ROOT = Path(__file__).parents[1]
EXPORTS = ROOT / "tests" / "data" / "exports"
INSTRUMENT = ROOT / "config" / "instrument.yaml"

REFUSED = {
    "legacy.csv": ["legacy Qualtrics export", "V1 to V10", "'Use legacy exporter' off"],
    "exporter_2016.csv": ["2016-17 Qualtrics export", "ResponseID", "'Use legacy exporter' off"],
    "duplicate_export_tags.csv": ["columns 21 and 22 of the header row are both 'Q4'",
                                  "same export tag", "then export again"],
    "semicolons.csv": ["separated by semicolons, not commas", "CSV UTF-8 (Comma delimited)"],
    "unknown_status.csv": ["column Status", "no Qualtrics response type", "codes 5",
                           "response row 3"],
    "two_exports_pasted.csv": ["response row 4", "repeats a header row",
                               "two exports seem to be pasted"],
}


def test_every_fixture_is_named_in_a_test():
    read = {"current.csv", "numeric.csv", "anonymized.csv", "masked_contacts.csv",
            "excel_resave.csv", "utc_time_zone.csv", "imported.csv"}
    assert {path.name for path in EXPORTS.glob("*.csv")} == read | set(REFUSED)


@pytest.mark.parametrize(("name", "phrases"), REFUSED.items(), ids=REFUSED.keys())
def test_a_variant_this_project_cannot_read_is_refused_with_its_cause_and_fix(name, phrases):
    with pytest.raises(ExportFormatError) as caught:
        read_export(EXPORTS / name)
    for phrase in phrases:
        assert phrase in str(caught.value)
    assert "example.org" not in str(caught.value)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_inspect_refuses_it_in_one_line_without_a_traceback(name):
    run = subprocess.run([sys.executable, "-m", "csec_survey.cli", "inspect",
                          str(EXPORTS / name)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert REFUSED[name][0] in run.stderr


@pytest.fixture(scope="module")
def current() -> pd.DataFrame:
    return read_records(EXPORTS / "current.csv").records


@pytest.mark.parametrize("name", ["numeric.csv", "excel_resave.csv", "utc_time_zone.csv"])
def test_a_variant_read_gives_the_current_exports_answers_and_times(name, current):
    instrument = load_instrument(INSTRUMENT)
    ingested = ingest_export(EXPORTS / name, instrument)
    expected = ingest_export(EXPORTS / "current.csv", instrument)
    assert ingested.exclusions == expected.exclusions
    stamps = read_records(EXPORTS / name).records[list(TIMESTAMP_COLUMNS)]
    if name == "excel_resave.csv":  # Excel keeps minutes only
        assert (stamps == current[list(TIMESTAMP_COLUMNS)].map(lambda v: v[:-2] + "00")).all(
            axis=None)
    else:
        pd.testing.assert_frame_equal(stamps, current[list(TIMESTAMP_COLUMNS)])
    columns = [c for c in expected.responses.columns if c not in ("StartDate", "EndDate",
                                                                  "RecordedDate", "Status")]
    pd.testing.assert_frame_equal(ingested.responses[columns], expected.responses[columns])


@pytest.mark.parametrize(("name", "found"), [
    ("current.csv", {"vintage": "current", "values": "choice_text", "time_zone":
                     "America/New_York", "resaved_by_excel": False, "anonymized": False}),
    ("numeric.csv", {"values": "numeric"}),
    ("excel_resave.csv", {"resaved_by_excel": True, "bom": False}),
    ("utc_time_zone.csv", {"time_zone": "UTC"}),
    ("anonymized.csv", {"anonymized": True}),
])
def test_inspect_reports_layout_vintage_values_and_time_zone(name, found):
    layout = describe_export(EXPORTS / name, load_instrument(INSTRUMENT))["layout"]
    for key, value in found.items():
        assert layout[key] == value or (key == "vintage" and layout[key].startswith(value))


@pytest.mark.parametrize(("name", "key"), [
    ("current.csv", "RecipientEmail"), ("anonymized.csv", "ExternalReference"),
    ("masked_contacts.csv", "ExternalReference"),
])
def test_repeats_are_found_by_what_the_export_has_and_inspect_says_which(name, key):
    report = describe_export(EXPORTS / name, load_instrument(INSTRUMENT))
    assert report["duplicate_key"] == key
    assert key in report["exclusion_rules"]["duplicate"]
    assert report["exclusions"]["duplicate"] == 1
    assert report["metadata_columns_missing"] == []


def test_imported_records_without_progress_count_as_complete():
    report = describe_export(EXPORTS / "imported.csv", load_instrument(INSTRUMENT))
    assert report["exclusions"]["incomplete"] == 0
    assert report["exclusions"]["kept"] == 5
    assert "taken as complete, 6" in report["exclusion_rules"]["incomplete"]


def test_an_export_of_another_survey_is_told_in_one_line_first():
    instrument = load_instrument(INSTRUMENT)
    names = [column.name for column in instrument.export_columns()]
    columns = ["StartDate", "ResponseId", "Finished", *names[:3], "X1", "X2"]
    headline = codebook_mismatch(columns, instrument, "config/instrument.yaml")
    assert headline.startswith("this export does not match config/instrument.yaml: ")
    # No recipient, IP or location column: read as anonymized, 11 metadata columns expected.
    expected = 11 + len(names) + len(instrument.embedded_data)
    assert f"{expected - 6} of {expected} columns missing, e.g. EndDate, Status" in headline
    assert "; 2 unknown columns" in headline
    assert codebook_mismatch(read_export(EXPORTS / "current.csv").columns, instrument,
                             "config/instrument.yaml") is None


def test_the_exclusion_column_marks_what_read_records_drops(current):
    assert current[EXCLUSION].isna().sum() == 2
