"""Tests for csec_survey.ingest.exclusions: which export records are not responses to analyse."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from csec_survey.ingest.exclusions import EXCLUSION_RULES, apply_exclusions
from csec_survey.ingest.qualtrics import read_export

ROOT = Path(__file__).parents[1]
EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"

COLUMNS = ("ResponseId", "Status", "Finished", "Progress", "RecordedDate", "RecipientEmail")


def record(response_id: str, *, status: str | None = "IP Address",
           finished: str | None = "True", progress: str | None = "100",
           recorded: str | None = "2012-11-05 09:30:00",
           email: str | None = None) -> dict[str, str | None]:
    """One export record as read_export returns it: strings, None where blank."""
    return {"ResponseId": response_id, "Status": status, "Finished": finished,
            "Progress": progress, "RecordedDate": recorded, "RecipientEmail": email}


def frame(*records: dict[str, str | None], index: list[int] | None = None) -> pd.DataFrame:
    return pd.DataFrame(list(records), columns=list(COLUMNS), dtype=object, index=index)


def reasons_by_id(responses: pd.DataFrame) -> dict[str, str | None]:
    result = apply_exclusions(responses)
    return {str(responses.at[i, "ResponseId"]): (None if pd.isna(r) else r)
            for i, r in result.reasons.items()}


# --- each rule -------------------------------------------------------------

@pytest.mark.parametrize(("status", "rule"), [
    ("Survey Preview", "preview"),
    ("1", "preview"),
    ("Survey Test", "test"),
    ("2", "test"),
    ("Spam", "spam"),
    ("8", "spam"),
])
def test_status_rules_text_and_numeric(status: str, rule: str) -> None:
    finished = "1" if status.isdigit() else "True"
    responses = frame(record("R_drop", status=status, finished=finished,
                             email="someone@example.org"),
                      record("R_keep", status="0" if status.isdigit() else "IP Address",
                             finished=finished, email="other@example.org"))
    result = apply_exclusions(responses)
    assert result.reasons.iloc[0] == rule
    assert pd.isna(result.reasons.iloc[1])
    assert list(result.kept["ResponseId"]) == ["R_keep"]
    assert result.counts[rule] == 1
    assert result.counts["kept"] == 1


@pytest.mark.parametrize(("status", "rule"), [
    ("Offline Survey Preview", "preview"),
    ("17", "preview"),
    ("Preview Spam", "preview"),
    ("9", "preview"),
    ("Imported Spam", "spam"),
    ("12", "spam"),
])
def test_other_preview_and_spam_statuses(status: str, rule: str) -> None:
    assert reasons_by_id(frame(record("R1", status=status))) == {"R1": rule}


@pytest.mark.parametrize("status", ["IP Address", "0", "Imported", "4", "Offline", "16"])
def test_real_response_statuses_are_kept(status: str) -> None:
    assert reasons_by_id(frame(record("R1", status=status))) == {"R1": None}


@pytest.mark.parametrize(("finished", "progress"), [
    ("False", "100"),
    ("0", "100"),
    ("True", "99"),
    ("1", "42"),
    ("False", "57"),
    (None, "100"),
    ("True", None),
])
def test_incomplete(finished: str | None, progress: str | None) -> None:
    responses = frame(record("R_part", finished=finished, progress=progress),
                      record("R_full", finished="True", progress="100"))
    assert reasons_by_id(responses) == {"R_part": "incomplete", "R_full": None}


def test_complete_numeric_finished_is_kept() -> None:
    assert reasons_by_id(frame(record("R1", status="0", finished="1"))) == {"R1": None}


def test_duplicate_email_case_and_whitespace_later_recorded_dropped() -> None:
    # The later response comes first in row order; it is still the one dropped.
    responses = frame(
        record("R_later", recorded="2012-11-20 08:00:00", email="  Jane.Doe@Example.ORG "),
        record("R_other", recorded="2012-11-15 08:00:00", email="john@example.org"),
        record("R_earlier", recorded="2012-11-10 08:00:00", email="jane.doe@example.org"),
    )
    result = apply_exclusions(responses)
    assert reasons_by_id(responses) == {"R_later": "duplicate", "R_other": None,
                                        "R_earlier": None}
    assert list(result.kept["ResponseId"]) == ["R_other", "R_earlier"]
    assert result.counts["duplicate"] == 1


def test_duplicate_keeps_earliest_of_three() -> None:
    responses = frame(
        record("R2", recorded="2012-11-12 08:00:00", email="a@example.org"),
        record("R3", recorded="2012-11-13 08:00:00", email="A@EXAMPLE.ORG"),
        record("R1", recorded="2012-11-11 08:00:00", email=" a@example.org"),
    )
    assert reasons_by_id(responses) == {"R2": "duplicate", "R3": "duplicate", "R1": None}


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_blank_emails_are_never_duplicates(blank: str | None) -> None:
    responses = frame(record("R1", recorded="2012-11-10 08:00:00", email=blank),
                      record("R2", recorded="2012-11-11 08:00:00", email=blank),
                      record("R3", recorded="2012-11-12 08:00:00", email=blank))
    result = apply_exclusions(responses)
    assert result.reasons.isna().all()
    assert result.counts["kept"] == 3
    assert result.counts["duplicate"] == 0


def test_all_emails_blank_column() -> None:
    # An anonymous-link export: nobody has an email, the column is all None.
    responses = frame(*(record(f"R{i}", email=None) for i in range(4)))
    assert apply_exclusions(responses).counts["kept"] == 4


def test_incomplete_responses_do_not_count_as_first_of_a_duplicate_pair() -> None:
    # An earlier incomplete attempt must not make the later complete one a duplicate.
    responses = frame(
        record("R_partial", finished="False", progress="30",
               recorded="2012-11-10 08:00:00", email="a@example.org"),
        record("R_complete", recorded="2012-11-11 08:00:00", email="a@example.org"),
    )
    assert reasons_by_id(responses) == {"R_partial": "incomplete", "R_complete": None}


def test_rule_order_preview_and_real_response_with_same_email() -> None:
    # The preview is recorded first: it is dropped as a preview, and the real
    # response is not a duplicate of it.
    responses = frame(
        record("R_preview", status="Survey Preview", recorded="2012-11-01 08:00:00",
               email="author@example.org"),
        record("R_real", recorded="2012-11-05 08:00:00", email="Author@example.org"),
    )
    result = apply_exclusions(responses)
    assert reasons_by_id(responses) == {"R_preview": "preview", "R_real": None}
    assert result.counts == {"preview": 1, "test": 0, "spam": 0, "incomplete": 0,
                             "duplicate": 0, "kept": 1}


def test_first_applicable_rule_wins() -> None:
    # An unfinished preview is a preview, not incomplete.
    responses = frame(record("R1", status="Survey Preview", finished="False", progress="10"),
                      record("R2", status="Spam", finished="False", progress="10"))
    assert reasons_by_id(responses) == {"R1": "preview", "R2": "spam"}


# --- counts and the kept frame ---------------------------------------------

def test_counts_list_every_rule_and_add_up() -> None:
    responses = frame(
        record("R_prev", status="Survey Preview"),
        record("R_test", status="2", finished="1"),
        record("R_spam", status="Spam"),
        record("R_inc", finished="False", progress="50"),
        record("R_dup", recorded="2012-11-09 08:00:00", email="x@example.org"),
        record("R_keep1", recorded="2012-11-08 08:00:00", email="X@example.org"),
        record("R_keep2", email=None),
    )
    result = apply_exclusions(responses)
    assert list(result.counts) == [*EXCLUSION_RULES, "kept"]
    assert result.counts == {"preview": 1, "test": 1, "spam": 1, "incomplete": 1,
                             "duplicate": 1, "kept": 2}
    assert sum(result.counts.values()) == len(responses)
    assert len(result.reasons) == len(responses)


def test_counts_on_empty_frame() -> None:
    result = apply_exclusions(frame())
    assert result.counts == {**dict.fromkeys(EXCLUSION_RULES, 0), "kept": 0}


def test_kept_preserves_original_index_and_columns() -> None:
    responses = frame(
        record("R_a"),
        record("R_prev", status="Survey Preview"),
        record("R_b"),
        record("R_inc", progress="20", finished="False"),
        record("R_c"),
        index=[10, 11, 12, 13, 14],
    )
    result = apply_exclusions(responses)
    assert list(result.kept.index) == [10, 12, 14]
    assert list(result.kept.columns) == list(responses.columns)
    assert list(result.kept["ResponseId"]) == ["R_a", "R_b", "R_c"]
    assert list(result.reasons.index) == list(responses.index)
    pd.testing.assert_frame_equal(result.kept, responses.loc[[10, 12, 14]])


@pytest.mark.parametrize("column", ["Status", "Finished", "Progress", "RecordedDate"])
def test_missing_required_column_raises_key_error_naming_it(column: str) -> None:
    responses = frame(record("R1")).drop(columns=[column])
    with pytest.raises(KeyError, match=column):
        apply_exclusions(responses)


def _twice(email: str | None, reference: str | None) -> pd.DataFrame:
    """The same respondent twice, then someone else."""
    rows = frame(record("R1", email=email, recorded="2012-11-05 09:30:00"),
                 record("R2", email=email, recorded="2012-11-06 09:30:00"),
                 record("R3", email=None))
    rows["ExternalReference"] = [reference, reference, "AG2"]
    return rows


@pytest.mark.parametrize(("responses", "key"), [
    (_twice("a@example.org", "AG1"), "RecipientEmail"),
    # An anonymized export has no e-mail column; a masked one hides every address.
    (_twice("a@example.org", "AG1").drop(columns=["RecipientEmail"]), "ExternalReference"),
    (_twice("*******", "AG1"), "ExternalReference"),
])
def test_repeats_are_found_by_the_first_key_the_export_holds(responses, key) -> None:
    result = apply_exclusions(responses)
    assert result.duplicate_key == key
    assert list(result.kept["ResponseId"]) == ["R1", "R3"]
    assert key in result.explained()["duplicate"]


def test_a_masked_value_is_only_one_made_of_asterisks() -> None:
    responses = _twice("a*b@example.org", "AG1")
    responses.loc[2, "RecipientEmail"] = "*******"
    result = apply_exclusions(responses)
    assert result.duplicate_key == "RecipientEmail"
    assert list(result.kept["ResponseId"]) == ["R1", "R3"]


def test_without_any_usable_key_no_record_is_a_repeat() -> None:
    result = apply_exclusions(_twice("*******", None).drop(columns=["ExternalReference"]))
    assert result.duplicate_key is None
    assert result.counts["duplicate"] == 0 and result.counts["kept"] == 3
    assert "no usable key" in result.explained()["duplicate"]


def test_imported_records_without_progress_are_complete() -> None:
    responses = frame(record("R1", status="Imported", finished=None, progress=None),
                      record("R2", status="4", finished="0", progress=None),
                      record("R3", status="IP Address", finished=None, progress=None))
    result = apply_exclusions(responses)
    assert list(result.kept["ResponseId"]) == ["R1"]
    assert result.imported_taken_as_complete == 1


# --- the committed export --------------------------------------------------

@pytest.fixture(scope="module")
def export_responses() -> pd.DataFrame:
    return read_export(EXPORT).responses


def test_committed_export_counts(export_responses: pd.DataFrame) -> None:
    result = apply_exclusions(export_responses)
    assert result.counts == {"preview": 2, "test": 1, "spam": 0, "incomplete": 7,
                             "duplicate": 1, "kept": 144}
    assert len(export_responses) == 155
    assert sum(result.counts.values()) == 155


def test_committed_export_kept_index_is_original(export_responses: pd.DataFrame) -> None:
    result = apply_exclusions(export_responses)
    assert result.kept.index.isin(export_responses.index).all()
    assert result.kept.index.is_monotonic_increasing
    pd.testing.assert_frame_equal(result.kept, export_responses.loc[result.kept.index])
    emails = result.kept["RecipientEmail"].dropna().str.strip().str.lower()
    assert not emails.duplicated().any()
