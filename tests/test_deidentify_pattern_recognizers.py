"""Dates in the forms investigators write them, through the scrubber."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("it was Tuesday, Oct. 9 when he called", "it was [DATE] when he called"),
    ("the weekend of may 3rd 2011 we ran it", "[DATE] we ran it"),
    ("st. patrick's day 2012 she ran", "[DATE] she ran"),
    ("super bowl sunday 2012 we worked the hotels", "[DATE] we worked the hotels"),
    # A range of days goes whole, by a dash or in words when nothing follows.
    ("the ads ran Feb. 9-11 in two cities", "the ads ran [DATE] in two cities"),
    ("MISSING OCT 2-4, 2012 BEFORE THE CALL", "MISSING [DATE] BEFORE THE CALL"),
    ("records only covered Aug 3 to 6, 2013, nothing more", "records only covered [DATE], "
     "nothing more"),
    ("active 12-14 March 2012 then dark", "active [DATE] then dark"),
])
def test_dates_with_a_weekday_a_part_or_a_holiday(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A count after a day is no end of a range: "June 3 and 4 girls".
    ("on June 3 and 4 girls were recovered", "on [DATE] and 4 girls were recovered"),
])
def test_a_range_in_words_needs_nothing_after_it(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", ["every Tuesday in May", "most weekends of the summer"])
def test_recurring_times_are_no_dates(scrubber, text):
    assert scrubber.scrub(text).entities == ()


@pytest.mark.parametrize("text, expected", [
    ("the phone came back on the 14th", "the phone came back on the [DATE]"),
    ("we met him Friday the 3rd at noon", "we met him [DATE] at noon"),
    ("girls were brought in for Race Week 2011", "girls were brought in for [DATE]"),
    ("arrests spiked around NYE 2010", "arrests spiked around [DATE]"),
    # Days listed, or due each month; a date opening a log-like answer, or after a finding.
    ("the 5th, the 6th and the 7th she moved rooms", "the [DATE] she moved rooms"),
    ("he paid the room the 15th of each month", "he paid the room the [DATE] of each month"),
    ("4/17 she called the tip line", "[DATE] she called the tip line"),
    ("she was located 8/30 at the bus depot", "she was located [DATE] at the bus depot"),
    # A log's lines, each opened by its date and a dash; a date after an interview.
    ("3/2 - first call. 3/4: search warrant served.",
     "[DATE 1] - first call. [DATE 2]: search warrant served."),
    ("we interviewed the juv 6/21 at the shelter", "we interviewed the juv [DATE] at the shelter"),
    # A weekday goes with its day; a day in words.
    ("thurs the 8th she came back", "[DATE] she came back"),
    ("on the fifteenth of August he was booked", "on [DATE] he was booked"),
    ("the twenty-third of April, 2012 was the sting", "[DATE] was the sting"),
])
def test_days_of_the_month_and_events_of_a_year(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", ["on the 2nd floor of the motel", "during the week 2012 ended",
                                  "caught on the 3rd time around",
                                  "we found 3/4 of the phones were prepaid",
                                  "the first of may be the hardest", "busy on the Fourth of July",
                                  "the third of them ran", "it runs 24/7 - no break"])
def test_ordinals_that_are_no_dates(scrubber, text):
    assert not [e for e in scrubber.scrub(text).entities if e.type == "DATE"]


# A number read off a card or a Nextel, an extension, an address read out in words.
@pytest.mark.parametrize("text, expected", [
    ("card 6011 2297 4410 on the receipt", "card [CASE_NUMBER] on the receipt"),
    ("his DC was 152*33*9102", "his DC was [CASE_NUMBER]"),
    ("posted from two oh five dot one dot eighty dot nine", "posted from [IP_ADDRESS]"),
])
def test_numbers_read_out(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


def test_an_extension_goes_with_its_number(scrubber):
    scrubbed = scrubber.scrub("call 555-0142 ext 31 for me")
    assert "31" not in scrubbed.text and "ext" not in scrubbed.text, scrubbed.text


@pytest.mark.parametrize("text", ["seasons 2011 2012 2013 were bad", "a dot on the map",
                                  "one dot two of the cases"])
def test_what_reads_out_no_number(scrubber, text):
    assert scrubber.scrub(text).text == text


@pytest.mark.parametrize("text, expected", [
    ("router log showed 3c:22:fb:90:1a:0e on the hotel network",
     "router log showed [CASE_NUMBER] on the hotel network"),
    ("the tablet's MAC was B8-27-EB-4F-11-C2", "the tablet's MAC was [CASE_NUMBER]"),
    # A clock time or a mix of separators is no device's address.
    ("logged in at 23:14:05 each night", "logged in at 23:14:05 each night"),
])
def test_mac_addresses(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A classifieds site's subdomain names its region: the whole link goes.
    ("the post at https://inlandempire.craigslist.org/cas/5531.html was gone",
     "the post at [URL] was gone"),
    ("see m.craigslist.org/about/help for the rules", "see [URL] for the rules"),
])
def test_a_classifieds_link_by_its_region(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A site's bare domain that ends the sentence: the stop is the sentence's, not the URL's.
    ("he hosted the girls' pictures on www.tealorchidgirls.com. Then it went dark.",
     "he hosted the girls' pictures on [URL]. Then it went dark."),
    ("All ads pointed to https://amberveilescorts.net.", "All ads pointed to [URL]."),
    ("we only know backpage.com.", "we only know backpage.com."),
])
def test_a_domain_at_a_sentences_end(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A day of a month after a word, or opening a line of a log, whatever word follows.
    ("the carrier answered 9/14 with the tower list", "the carrier answered [DATE] with the "
     "tower list"),
    ("2/6 referral\n2/9 forensic interview", "[DATE 1] referral\n[DATE 2] forensic interview"),
    # Shares, ratios of girls, and the attacks stay.
    ("close to 3/4 of the ads were reposts", "close to 3/4 of the ads were reposts"),
    ("we split it 1/2 and 1/2", "we split it 1/2 and 1/2"),
    ("after 9/11 the grants moved", "after 9/11 the grants moved"),
])
def test_a_day_of_a_month_without_its_cue(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected
