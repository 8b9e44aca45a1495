"""Dates in the forms investigators write them, through the scrubber."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("it was Tuesday, Oct. 9 when he called", "it was [DATE] when he called"),
    ("the weekend of may 3rd 2011 we ran it", "[DATE] we ran it"),
    ("st. patrick's day 2012 she ran", "[DATE] she ran"),
    ("super bowl sunday 2012 we worked the hotels", "[DATE] we worked the hotels"),
])
def test_dates_with_a_weekday_a_part_or_a_holiday(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", ["every Tuesday in May", "most weekends of the summer"])
def test_recurring_times_are_no_dates(scrubber, text):
    assert scrubber.scrub(text).entities == ()
