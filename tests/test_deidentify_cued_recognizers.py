"""People, agencies and places that capitals do not give away, through the scrubber."""

from __future__ import annotations

import pytest

from csec_survey.deidentify.scrubber import Scrubber


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber()


@pytest.mark.parametrize("text, expected", [
    ("sgt. walsh runs the online side", "sgt. [PERSON] runs the online side"),
    ("call det okafor tomorrow", "call det [PERSON] tomorrow"),
    ("tanya in our office handles subpoenas", "[PERSON] in our office handles subpoenas"),
    ("she went by Lil Tay on the ads", "she went by [PERSON] on the ads"),
    ("the juv KT was 15", "the juv [PERSON] was 15"),
    ("A.R. was recovered", "[PERSON]. was recovered"),
    ("her cousin Joy brought her", "her cousin [PERSON] brought her"),
    ("Keyonna was posted twice", "[PERSON] was posted twice"),
])
def test_people(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    ("we called dover pd", "we called [AGENCY]"),
    ("rockingham co so had him", "[AGENCY] had him"),
    ("LAPD and CCSO both sent people", "[AGENCY 1] and [AGENCY 2] both sent people"),
    ("Texas DPS and the gbi helped", "[AGENCY 1] and the [AGENCY 2] helped"),
    ("out of bangor, then spokane", "out of [PLACE 1], then [PLACE 2]"),
    ("she grew up in Brackwell", "she grew up in [PLACE]"),
    ("a house in pine bluff", "a house in [PLACE]"),
])
def test_agencies_and_places(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", [
    "the FBI and HSI helped", "ads across Nevada, Utah and Arizona",
    "the Amber Alert went out", "charged under the Mann Act", "the local pd never called",
    "we need more grant money", "crystal meth was everywhere", "the johns were local",
    "a Chevy Tahoe with two Hispanic males", "I'm not in the office", "Dont know",
    "paid through Venmo and Cash App, rides on Uber",
])
def test_false_alarms_avoided(scrubber, text):
    assert scrubber.scrub(text).entities == ()
