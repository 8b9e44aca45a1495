"""People in an investigator's shorthand, through the scrubber."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("juv sparkle age 15 ran from the shelter", "juv [PERSON] age 15 ran from the shelter"),
    ("vic treasure 16 was found at the depot", "vic [PERSON] 16 was found at the depot"),
    ("her stepsister October never came home", "her stepsister [PERSON] never came home"),
    ("March, her little sister, was 12.", "[PERSON], her little sister, was 12."),
    ("tran thi hoa paid for the rooms", "[PERSON] paid for the rooms"),
    # A juvenile's initials in lower case: with stops, after "vic", or before an age.
    ("r.t. and her friend b.m. both ran", "[PERSON 1] and her friend [PERSON 2] both ran"),
    ("vic kd said he kept her phone", "vic [PERSON] said he kept her phone"),
    ("jl (14) was the youngest", "[PERSON] (14) was the youngest"),
    ("the second girl (ts, 16) came forward", "the second girl ([PERSON], 16) came forward"),
    # A full name with a nickname quoted inside it, in any case.
    ('Darius "Big D" Hollins ran the phones', "[PERSON] ran the phones"),
    ("WE ARRESTED DESHAWN 'TRAY' MOBLEY AT THE MOTEL", "WE ARRESTED [PERSON] AT THE MOTEL"),
    ('the bottom was keisha "kiki" dunmore', "the bottom was [PERSON]"),
])
def test_shorthand_names(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", [
    "vic age 15 at the time", "victim was 14 when it started", "in April her cousin left",
    "we ran her name through every system, 14 hits",
    "meet at 7 p.m. or a.m., e.g. after roll call", "vic is 15 and was at (16) before",
    'they posted "new in town" ads', 'ran an "escort" service out of it',
])
def test_shorthand_that_names_no_one(scrubber, text):
    assert scrubber.scrub(text).text == text
