"""Tests for csec_survey.deidentify.platform_spellings."""

from __future__ import annotations

import pytest

from csec_survey.deidentify.gazetteers import load_gazetteers
from csec_survey.deidentify.platform_spellings import PlatformSpellings


@pytest.fixture(scope="module")
def spellings() -> PlatformSpellings:
    return PlatformSpellings(load_gazetteers())


@pytest.mark.parametrize("word", ["facebok", "instagam", "craigslis", "Instgram", "myspce",
                                  "bakpage", "Facebbok", "Dropbax"])
def test_one_slip_from_a_platform_is_that_platform(spellings, word):
    text = f"she met him on {word} last year"
    assert [text[start:end] for start, end in spellings.spans(text)] == [word]


@pytest.mark.parametrize("text", [
    "Facebook and Craigslist, spelt right, are the matcher's",
    # English (the dictionary has "twiter"), a listed name, or one slip from a name of
    # fewer than seven letters ("Tinker", "Tinder"): not a misspelt platform.
    "a twiter of birds", "Det. Tinker called", "a tumbler of water", "on Tindr"])
def test_no_platform_where_none_is_misspelt(spellings, text):
    assert spellings.spans(text) == []
