"""People in an investigator's shorthand, through the scrubber."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("juv sparkle age 15 ran from the shelter", "juv [PERSON] age 15 ran from the shelter"),
    ("vic treasure 16 was found at the depot", "vic [PERSON] 16 was found at the depot"),
    ("her stepsister October never came home", "her stepsister [PERSON] never came home"),
    ("March, her little sister, was 12.", "[PERSON], her little sister, was 12."),
    ("tran thi hoa paid for the rooms", "[PERSON] paid for the rooms"),
])
def test_shorthand_names(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", [
    "vic age 15 at the time", "victim was 14 when it started", "in April her cousin left",
    "we ran her name through every system, 14 hits",
])
def test_shorthand_that_names_no_one(scrubber, text):
    assert scrubber.scrub(text).text == text
