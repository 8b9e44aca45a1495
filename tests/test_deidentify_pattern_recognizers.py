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


@pytest.mark.parametrize("text, expected", [
    ("the phone came back on the 14th", "the phone came back on the [DATE]"),
    ("we met him Friday the 3rd at noon", "we met him Friday the [DATE] at noon"),
    ("girls were brought in for Race Week 2011", "girls were brought in for [DATE]"),
    ("arrests spiked around NYE 2010", "arrests spiked around [DATE]"),
])
def test_days_of_the_month_and_events_of_a_year(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", ["on the 2nd floor of the motel", "during the week 2012 ended",
                                  "caught on the 3rd time around"])
def test_ordinals_that_are_no_dates(scrubber, text):
    assert not [e for e in scrubber.scrub(text).entities if e.type == "DATE"]
