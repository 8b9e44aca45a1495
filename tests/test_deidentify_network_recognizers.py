"""IP addresses and URLs, through the scrubber."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, expected", [
    ("the return listed 203.0.113.14 for every login",
     "the return listed [IP_ADDRESS] for every login"),
    # The port goes with its address: behind a shared address it points to one subscriber.
    ("session from 198.51.100.8:51022 at 2 am", "session from [IP_ADDRESS] at 2 am"),
    ("NAT log gave [2001:db8:9::4]:6010 for the upload",
     "NAT log gave [IP_ADDRESS] for the upload"),
    ("proxies 192.0.2.31:8080, 192.0.2.32:3128", "proxies [IP_ADDRESS 1], [IP_ADDRESS 2]"),
])
def test_ip_addresses_with_their_ports(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A site known by its address alone is no platform's: the whole URL goes.
    ("the gallery sat at http://203.0.113.50/gal/2/ for months",
     "the gallery sat at [URL] for months"),
    ("he typed 198.51.100.61/vip/join.php in the chat", "he typed [URL] in the chat"),
    ("uploads went to ftp://192.0.2.77:2121/in, then vanished",
     "uploads went to [URL], then vanished"),
    ("board lived on https://[2001:db8:5::9]/b/", "board lived on [URL]"),
])
def test_a_url_on_a_bare_address_goes_whole(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text", [
    "version 2.0.1.4 of the app", "between 10:30 and 11:45 pm", "rated 4.5/5 by users"])
def test_versions_times_and_ratings_are_no_addresses(scrubber, text):
    assert scrubber.scrub(text).entities == ()
