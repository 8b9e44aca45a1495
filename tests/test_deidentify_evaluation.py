"""Tests for csec_survey.deidentify.evaluation: exact intervals, scoring against planted truth."""

from __future__ import annotations

import pandas as pd
import pytest

from csec_survey.deidentify.evaluation import (
    DIRECT_IDENTIFIER_TYPES,
    EvaluatedText,
    clopper_pearson,
    evaluate,
    planted_in_lists,
    texts_from_truth,
)

# --- clopper_pearson ------------------------------------------------------------

@pytest.mark.parametrize("successes, trials, expected", [
    (0, 10, (0.0, 0.3085)),
    (10, 10, (0.6915, 1.0)),
    (5, 10, (0.1871, 0.8129)),
    (1, 1, (0.025, 1.0)),
    (0, 1, (0.0, 0.975)),
])
def test_clopper_pearson_known_values(successes, trials, expected):
    low, high = clopper_pearson(successes, trials)
    assert low == pytest.approx(expected[0], abs=1e-4)
    assert high == pytest.approx(expected[1], abs=1e-4)


def test_clopper_pearson_no_trials():
    assert clopper_pearson(0, 0) == (0.0, 1.0)


def test_clopper_pearson_level():
    wide = clopper_pearson(5, 10, level=0.99)
    narrow = clopper_pearson(5, 10, level=0.90)
    assert wide[0] < narrow[0] < 0.5 < narrow[1] < wide[1]


def test_clopper_pearson_is_symmetric():
    low, high = clopper_pearson(3, 20)
    mirror_low, mirror_high = clopper_pearson(17, 20)
    assert low == pytest.approx(1 - mirror_high)
    assert high == pytest.approx(1 - mirror_low)


# --- evaluate --------------------------------------------------------------------

TEXT = "Call Maria Gonzalez on Kik at 555-867-5309 today please"
PERSON = (TEXT.index("Maria"), TEXT.index("Maria") + len("Maria Gonzalez"))
PHONE = (TEXT.index("555"), TEXT.index("555") + len("555-867-5309"))
KIK = (TEXT.index("Kik"), TEXT.index("Kik") + 3)
TODAY = (TEXT.index("today"), TEXT.index("today") + 5)
# Words outside planted and platform spans: Call, on, at, today, please.
OUTSIDE_WORDS = 5


def item(redacted, personal=None, keep=(KIK,), text=TEXT):
    if personal is None:
        personal = [("PERSON", *PERSON, False), ("PHONE", *PHONE, False)]
    return EvaluatedText(text=text, personal=personal, keep=list(keep), redacted=redacted)


def share(result, *path):
    value = result
    for key in path:
        value = value[key]
    return value["successes"], value["trials"]


def test_full_coverage_is_a_hit():
    result = evaluate([item([("PERSON", *PERSON), ("PHONE", *PHONE)])])
    assert share(result, "recall", "PERSON") == (1, 1)
    assert share(result, "recall", "PHONE") == (1, 1)
    assert share(result, "recall", "ALL") == (2, 2)
    assert result["recall"]["ALL"]["rate"] == 1.0
    assert share(result, "precision", "ALL") == (2, 2)
    assert share(result, "platform_names_kept") == (1, 1)
    assert share(result, "ordinary_words_kept") == (OUTSIDE_WORDS, OUTSIDE_WORDS)


def test_partial_coverage_is_a_miss():
    first_name_only = ("PERSON", PERSON[0], PERSON[0] + len("Maria"))
    result = evaluate([item([first_name_only, ("PHONE", PHONE[0], PHONE[1] - 1)])])
    assert share(result, "recall", "PERSON") == (0, 1)
    assert share(result, "recall", "PHONE") == (0, 1)
    assert share(result, "recall", "ALL") == (0, 2)
    # Both redactions touch planted data, so they are precise even though incomplete.
    assert share(result, "precision", "ALL") == (2, 2)


def test_coverage_is_judged_on_letters_and_digits_only():
    text = "She was from Hope, AR originally."
    place = (text.index("Hope"), text.index("AR") + 2)
    pieces = [("PLACE", place[0], place[0] + 4), ("PLACE", place[1] - 2, place[1])]
    result = evaluate([item(pieces, personal=[("PLACE", *place, False)], keep=(), text=text)])
    assert share(result, "recall", "PLACE") == (1, 1)
    assert share(result, "precision", "PLACE") == (2, 2)


@pytest.mark.parametrize("removed, found", [
    (("Days Inn", "Airport Rd"), 1),  # "on" joins the parts and identifies no one
    (("Days Inn",), 0),
    (("Airport",), 0),
])
def test_the_words_that_join_a_span_need_not_be_removed(removed, found):
    text = "We found her at the Days Inn on Airport Rd last week."
    span = (text.index("the Days"), text.index(" last"))
    pieces = [("ADDRESS", text.index(part), text.index(part) + len(part)) for part in removed]
    result = evaluate([item(pieces, personal=[("ADDRESS", *span, False)], keep=(), text=text)])
    assert share(result, "recall", "ADDRESS") == (found, 1)


def test_overlapping_redactions_together_cover_a_span():
    middle = PERSON[0] + 7
    result = evaluate([item([("PERSON", PERSON[0], middle + 2), ("PLACE", middle, PERSON[1])])])
    assert share(result, "recall", "PERSON") == (1, 1)


def test_missing_redaction_is_a_miss():
    result = evaluate([item([("PERSON", *PERSON)])])
    assert share(result, "recall", "PHONE") == (0, 1)
    assert share(result, "recall", "ALL") == (1, 2)
    assert result["recall"]["ALL"]["rate"] == 0.5


def test_redaction_touching_no_planted_span_lowers_precision():
    result = evaluate([item([("PERSON", *PERSON), ("PHONE", *PHONE), ("PLACE", *TODAY)])])
    assert share(result, "precision", "PLACE") == (0, 1)
    assert share(result, "precision", "PERSON") == (1, 1)
    assert share(result, "precision", "ALL") == (2, 3)
    assert share(result, "recall", "ALL") == (2, 2)
    # ... and costs an ordinary word.
    assert share(result, "ordinary_words_kept") == (OUTSIDE_WORDS - 1, OUTSIDE_WORDS)


def test_precision_is_by_redacted_type_not_planted_type():
    result = evaluate([item([("PLACE", *PERSON)])])
    assert share(result, "precision", "PLACE") == (1, 1)
    assert "PERSON" not in result["precision"]
    assert share(result, "recall", "PERSON") == (1, 1)


@pytest.mark.parametrize("span", [KIK, (KIK[0], KIK[0] + 1), (KIK[1] - 1, KIK[1] + 5),
                                  (PERSON[0], KIK[1])])
def test_touched_platform_counts_as_lost(span):
    result = evaluate([item([("PERSON", *PERSON), ("PHONE", *PHONE), ("HANDLE", *span)])])
    assert share(result, "platform_names_kept") == (0, 1)
    assert result["platform_names_kept"]["rate"] == 0.0


def test_redaction_next_to_a_platform_keeps_it():
    result = evaluate([item([("PERSON", PERSON[0], KIK[0]), ("PLACE", KIK[1], KIK[1] + 1)])])
    assert share(result, "platform_names_kept") == (1, 1)


def test_ordinary_words_counted_outside_planted_and_platform_spans():
    # Redacting everything loses all outside words, but the planted ones and the
    # platform are not counted as words.
    result = evaluate([item([("PERSON", 0, len(TEXT))])])
    assert share(result, "ordinary_words_kept") == (0, OUTSIDE_WORDS)
    assert share(result, "platform_names_kept") == (0, 1)
    assert share(result, "recall", "ALL") == (2, 2)


def test_ordinary_words_without_any_truth():
    text = "nothing personal here, just words"
    result = evaluate([item([], personal=[], keep=(), text=text)])
    assert share(result, "ordinary_words_kept") == (5, 5)
    assert result["recall"] == {}
    assert result["precision"] == {}
    assert share(result, "platform_names_kept") == (0, 0)
    assert result["platform_names_kept"]["rate"] is None
    assert result["platform_names_kept"]["ci95"] == [0.0, 1.0]


def test_a_word_partly_redacted_is_lost():
    text = "the word abcdefgh stays"
    result = evaluate([item([("DATE", 10, 12)], personal=[], keep=(), text=text)])
    assert share(result, "ordinary_words_kept") == (3, 4)


def test_counts_add_up_across_texts():
    texts = [item([("PERSON", *PERSON), ("PHONE", *PHONE)]), item([("PERSON", *PERSON)]),
             item([])]
    result = evaluate(texts)
    assert share(result, "recall", "PERSON") == (2, 3)
    assert share(result, "recall", "PHONE") == (1, 3)
    assert share(result, "recall", "ALL") == (3, 6)
    assert share(result, "platform_names_kept") == (3, 3)
    assert share(result, "ordinary_words_kept") == (3 * OUTSIDE_WORDS, 3 * OUTSIDE_WORDS)


def test_shares_carry_exact_intervals():
    result = evaluate([item([("PERSON", *PERSON)])])
    low, high = clopper_pearson(1, 2)
    assert result["recall"]["ALL"]["ci95"] == [round(low, 4), round(high, 4)]
    assert result["interval"] == "exact binomial (Clopper-Pearson), 95%"


def test_evaluate_accepts_a_generator():
    result = evaluate(item([("PERSON", *PERSON)]) for _ in range(2))
    assert share(result, "recall", "PERSON") == (2, 2)


# --- groups ----------------------------------------------------------------------

def groups_of(kind, own):
    text = "x" * 20
    result = evaluate([EvaluatedText(text=text, personal=[(kind, 2, 8, own)], keep=[],
                                     redacted=[])])
    return set(result["recall"])


def test_direct_identifier_types():
    assert set(DIRECT_IDENTIFIER_TYPES) == {"EMAIL", "PHONE", "IP_ADDRESS", "URL", "HANDLE"}


@pytest.mark.parametrize("kind", DIRECT_IDENTIFIER_TYPES)
def test_direct_identifier_types_group(kind):
    assert groups_of(kind, False) == {kind, "ALL", "DIRECT_IDENTIFIERS"}


@pytest.mark.parametrize("kind", ["PERSON", "AGENCY", "PLACE"])
def test_names_agencies_places_group(kind):
    assert groups_of(kind, False) == {kind, "ALL", "NAMES_AGENCIES_PLACES"}


@pytest.mark.parametrize("kind", ["DATE", "CASE_NUMBER", "BADGE_NUMBER", "ADDRESS"])
def test_other_types_have_no_group(kind):
    assert groups_of(kind, False) == {kind, "ALL"}


@pytest.mark.parametrize("kind", ["PERSON", "AGENCY", "PLACE", "EMAIL", "DATE"])
def test_own_metadata_of_any_type_is_a_direct_identifier(kind):
    assert groups_of(kind, True) == {kind, "ALL", "OWN_METADATA", "DIRECT_IDENTIFIERS"}


def test_group_counts():
    text = "a" * 100
    personal = [("PERSON", 0, 5, True), ("PERSON", 10, 15, False), ("EMAIL", 20, 25, False),
                ("PLACE", 30, 35, False), ("DATE", 40, 45, False)]
    redacted = [("PERSON", 0, 5), ("EMAIL", 20, 25), ("DATE", 40, 45)]
    result = evaluate([EvaluatedText(text=text, personal=personal, keep=[], redacted=redacted)])
    recall = result["recall"]
    assert share(recall, "DIRECT_IDENTIFIERS") == (2, 2)
    assert share(recall, "OWN_METADATA") == (1, 1)
    assert share(recall, "NAMES_AGENCIES_PLACES") == (0, 2)
    assert share(recall, "PERSON") == (1, 2)
    assert share(recall, "ALL") == (3, 5)


# --- texts_from_truth ------------------------------------------------------------

def test_texts_from_truth_pairs_truth_with_redactions():
    responses = pd.DataFrame({"ResponseId": ["R_1", "R_2"],
                              "oe_needs": ["Call Maria at 555-867-5309", "no names"]})
    entities = pd.DataFrame([
        {"pseudonym": "P_1", "column": "oe_needs", "type": "PHONE", "start": 14, "end": 26},
        {"pseudonym": "P_2", "column": "oe_needs", "type": "PLACE", "start": 0, "end": 2},
        {"pseudonym": "P_1", "column": "other", "type": "PERSON", "start": 5, "end": 10}])
    truth = [
        {"ResponseId": "R_1", "column": "Q33", "personal": [
            {"type": "PERSON", "start": 5, "end": 10, "own_metadata": True},
            {"type": "PHONE", "start": 14, "end": 26, "shape": "conventional"}], "keep": []},
        {"ResponseId": "R_2", "column": "Q33", "personal": [],
         "keep": [{"type": "PLATFORM", "start": 3, "end": 8}]},
        {"ResponseId": "R_excluded", "column": "Q33", "personal": [], "keep": []},
    ]
    texts = texts_from_truth(truth, responses, entities, {"R_1": "P_1", "R_2": "P_2"},
                             {"Q33": "oe_needs"})
    assert len(texts) == 2
    assert texts[0] == EvaluatedText(
        text="Call Maria at 555-867-5309",
        personal=[("PERSON", 5, 10, True), ("PHONE", 14, 26, False)], keep=[],
        redacted=[("PHONE", 14, 26)], shapes=[None, "conventional"])
    assert texts[1].keep == [(3, 8)]
    assert texts[1].redacted == [("PLACE", 0, 2)]
    result = evaluate(texts)
    assert share(result, "recall", "OWN_METADATA") == (0, 1)
    assert share(result, "recall", "PHONE") == (1, 1)


# --- shapes and the scrubber's lists ----------------------------------------------

def test_recall_by_shape_counts_each_planted_shape():
    texts = [EvaluatedText("ann met dravic", [("PERSON", 0, 3, False), ("PERSON", 8, 14, False)],
                           [], [("PERSON", 0, 3)], shapes=["lower_case", "invented_name"])]
    shapes = evaluate(texts)["recall_by_shape"]
    assert (shapes["PERSON/lower_case"]["successes"], shapes["PERSON/lower_case"]["trials"]) \
        == (1, 1)
    assert shapes["PERSON/invented_name"]["successes"] == 0


def test_no_shapes_no_recall_by_shape():
    assert "recall_by_shape" not in evaluate([EvaluatedText("x", [], [], [])])


def test_planted_in_lists_counts_naming_words_only():
    lists = {"maria", "police", "joy"}.__contains__
    everyday = {"police", "joy"}.__contains__
    texts = [EvaluatedText(
        "Maria Vell, Dravic Police, Joy, KT, own Maria",
        [("PERSON", 0, 10, False), ("AGENCY", 12, 25, False), ("PERSON", 27, 30, False),
         ("PERSON", 32, 34, False), ("PERSON", 40, 45, True), ("PHONE", 0, 1, False)],
        [], [], shapes=["invented_name", "full_name", "ordinary_word_name", "initials", None,
                        None])]
    overlap = planted_in_lists(texts, lambda word: lists(word.lower()),
                               lambda word: everyday(word.lower()))
    assert overlap["ALL"] == {"in_lists": 1, "planted": 4, "share": 0.25}
    assert overlap["PERSON/invented_name"]["in_lists"] == 1
    assert overlap["AGENCY"]["in_lists"] == 0
    assert overlap["PERSON/ordinary_word_name"]["in_lists"] == 0
