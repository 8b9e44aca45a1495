"""Tests for csec_survey.core.alternation."""

from __future__ import annotations

import re

import pytest

from csec_survey.core.alternation import trie_alternation

PHRASES = ("to", "toward", "towards", "out of", "outside", "in", "Google", "Google+",
           "Google Voice", "a.b")


@pytest.mark.parametrize("text", ["towards", "toward", "to", "tow", "outside", "out of",
                                  "out  of", "Google Voice", "Google+", "Googl", "a.b", "axb"])
def test_a_trie_matches_what_the_plain_alternation_matches(text: str) -> None:
    plain = re.compile("|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)))
    trie = re.compile(trie_alternation(PHRASES))
    assert (trie.fullmatch(text) is None) == (plain.fullmatch(text) is None)
    assert getattr(trie.match(text), "group", lambda: None)() == \
        getattr(plain.match(text), "group", lambda: None)()


def test_the_longest_phrase_is_taken_first() -> None:
    assert re.match(trie_alternation(PHRASES), "Google Voice call").group() == "Google Voice"


def test_a_space_can_stand_for_any_run_of_blanks() -> None:
    pattern = re.compile(trie_alternation(["out of"], space=r"\s+"))
    assert pattern.fullmatch("out \n of")
    assert not re.fullmatch(trie_alternation(["out of"]), "out  of")


def test_no_phrases_match_nothing_but_the_empty_string() -> None:
    assert trie_alternation([]) == ""
