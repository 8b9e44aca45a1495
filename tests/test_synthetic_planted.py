"""Tests for csec_survey.synthetic.planted: fake personal data the scrubber cannot look up.

The scrubber finds people and places partly by looking words up in its word
lists (the 1990 Census names, GeoNames towns, the states). Planting from the
same lists would measure the look-up, not the recognition, so the generator
plants from an invented vocabulary; these tests read the scrubber's lists
themselves (as files: the generator imports nothing of the scrubber) and check
that no planted person, place or agency shares a word with them.
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from faker import Faker

from csec_survey.synthetic.planted import GENERIC_WORDS, PersonalData, invented_vocabulary

ROOT = Path(__file__).resolve().parents[1]
WORD_LISTS = ROOT / "workflow" / "csec_survey" / "deidentify" / "data"
TRUTH = ROOT / "data" / "raw" / "synthetic_export.truth.jsonl"
EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"
NAMED_TYPES = ("PERSON", "PLACE", "AGENCY")
# Shapes that are not meant to be disjoint: names that are ordinary words (and so in the
# name lists) on purpose, and the respondents' own metadata, which is Faker's, as ever.
NOT_DISJOINT = {"ordinary_word_name", "respondent_metadata"}
# Words of two letters or more: an initial ("A.R.") is a letter, not a name to look up.
_TOKEN = re.compile(r"[A-Za-z]{2,}")


@cache
def gazetteer() -> frozenset[str]:
    """Every word of the scrubber's name and place lists, in lower case."""
    words: set[str] = set()
    for name in ("first_names", "last_names", "us_cities", "us_states"):
        for line in (WORD_LISTS / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            words.update(token.lower() for token in _TOKEN.findall(line))
    return frozenset(words)


def looked_up(value: str) -> list[str]:
    """The words of ``value`` the scrubber's lists hold, generic tails aside."""
    return [token for token in _TOKEN.findall(value)
            if token.lower() in gazetteer() and token.lower() not in GENERIC_WORDS]


def test_the_word_lists_are_there_to_compare_against():
    assert len(gazetteer()) > 90_000
    assert {"smith", "mary", "springfield", "ohio"} <= gazetteer()
    assert looked_up("Det. Mary Smith, Springfield PD") == ["Mary", "Smith", "Springfield"]


@pytest.mark.parametrize("vocabulary", sorted(set(invented_vocabulary())
                                              - {"ordinary_word_names"}))
def test_the_invented_vocabulary_is_in_none_of_the_scrubbers_lists(vocabulary):
    found = {word: looked_up(word) for word in invented_vocabulary()[vocabulary]
             if looked_up(word)}
    assert found == {}


def test_ordinary_word_names_are_ordinary_words_that_are_names():
    # The one shape that is in the lists by design (mostly): only context makes them names.
    words = invented_vocabulary()["ordinary_word_names"]
    assert sum(bool(looked_up(word)) for word in words) >= 0.75 * len(words)


def test_generic_words_are_few_and_name_no_one():
    assert len(GENERIC_WORDS) < 50
    assert not GENERIC_WORDS & {word.lower() for words in invented_vocabulary().values()
                                for word in words}


def _named_spans(spans, text):
    for span in spans:
        if span.type in NAMED_TYPES and span.shape not in NOT_DISJOINT:
            yield span.shape, text[span.start:span.end]


def test_no_drawn_person_place_or_agency_is_in_the_scrubbers_lists():
    planted = PersonalData(np.random.default_rng(11), Faker("en_US"))
    shapes: set[str] = set()
    found = []
    for slot in ("person", "suspect", "victim", "agency", "city", "county", "state", "motel"):
        for _ in range(400):
            value = planted.slots[slot]()
            for shape, text in _named_spans(value.spans, value.text):
                shapes.add(shape)
                if looked_up(text):
                    found.append((slot, shape, text))
    assert found == []
    assert {"invented_name", "nickname", "initials", "acronym", "lower_case", "misspelt",
            "hyphenated", "given_name_only", "invented_town", "invented_county",
            "business", "no_suffix", "full_name"} <= shapes


def test_states_are_written_but_planted_as_no_personal_data():
    planted = PersonalData(np.random.default_rng(12), Faker("en_US"))
    assert all(planted.slots["state"]().spans == () for _ in range(50))
    towns = [planted.slots["city"]() for _ in range(400)]
    with_state = [t for t in towns if t.spans[0].shape == "town_with_state"]
    assert with_state
    for town in with_state:
        assert town.text[town.spans[0].end:].strip(", ") in \
            invented_vocabulary()["state_abbreviations"]


def test_no_person_place_or_agency_of_the_committed_export_is_in_the_scrubbers_lists():
    from csec_survey.ingest.qualtrics import read_export
    from csec_survey.synthetic.planted import Span

    rows = read_export(EXPORT).responses.set_index("ResponseId")
    found, checked = [], 0
    for line in TRUTH.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = rows.at[row["ResponseId"], row["column"]]
        spans = [Span(s["type"], s["start"], s["end"], shape=s.get("shape"))
                 for s in row["personal"]]
        for shape, value in _named_spans(spans, text):
            checked += 1
            if looked_up(value):
                found.append((shape, value))
    assert checked > 60
    assert found == []


def test_the_generator_reads_nothing_of_the_scrubber():
    folder = ROOT / "workflow" / "csec_survey" / "synthetic"
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = [node.module or "" for node in ast.walk(tree)
                   if isinstance(node, ast.ImportFrom)]
        modules += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names]
        assert not [m for m in modules if "deidentify" in m], path.name
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"first_names|last_names|us_cities|us_states", source), path.name


def test_shapes_keep_their_personal_part_apart_from_the_context():
    planted = PersonalData(np.random.default_rng(3), Faker("en_US"))
    for slot, draw in planted.slots.items():
        for _ in range(200):
            value = draw()
            assert value.spans or slot == "state", slot
            for span in value.spans:
                part = value.text[span.start:span.end]
                assert part and part.strip() == part, (slot, value)
                assert span.shape, (slot, value)
            assert value.text.strip() == value.text, (slot, value)
