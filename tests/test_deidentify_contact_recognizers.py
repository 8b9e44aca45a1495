"""Phones, e-mail addresses and handles in the forms investigators write them."""

from __future__ import annotations

import pytest

from csec_survey.deidentify.contact_recognizers import (
    EmailRecognizer,
    HandleRecognizer,
    PhoneRecognizer,
)
from csec_survey.deidentify.gazetteers import load_gazetteers


def _found(recognizer, text):
    return sorted({text[r.start:r.end] for r in recognizer.analyze(text, [])})


@pytest.mark.parametrize("text, phone", [
    ("call (603) 555-0199 after six", "(603) 555-0199"),
    ("cell 603.555.0199", "603.555.0199"),
    ("txt 6035550199", "6035550199"),
    ("ph +1-603-555-0199", "+1-603-555-0199"),
    ("dial 603 555 01 99 now", "603 555 01 99"),
    ("local 555-0199 only", "555-0199"),
    ("603-555-O199 with a letter O", "603-555-O199"),
    ("six oh three five five five oh one nine nine was the number",
     "six oh three five five five oh one nine nine"),
    # A number abroad, with its country code and "+".
    ("the uncle in London, +44 20 7946 0958, wired it", "+44 20 7946 0958"),
    # Dialled out of the US by its exit code; a number abroad in groups no longer dialled.
    ("she called 011 63 917 555 0148 twice a week", "011 63 917 555 0148"),
    ("his brother in Oaxaca kept +52 1 951 555 0176 on", "+52 1 951 555 0176"),
])
def test_phones_in_every_common_format(text, phone):
    assert _found(PhoneRecognizer(), text) == [phone]


@pytest.mark.parametrize("text", [
    "between June 2012 400 ads were posted", "from 1998-2012 we saw 300 cases",
    "she was 15 and he was 32", "case 12-004871 was closed", "24/7 and 10/9/2012",
])
def test_numbers_that_are_no_phones(text):
    assert _found(PhoneRecognizer(), text) == []


@pytest.mark.parametrize("text, email", [
    ("mail jdoe@city.gov", "jdoe@city.gov"),
    ("write jdoe at brackwell dot gov", "jdoe at brackwell dot gov"),
    ("jdoe @ gmail . com is his", "jdoe @ gmail . com"),
    ("jdoe(at)yahoo(dot)com", "jdoe(at)yahoo(dot)com"),
    # Spaces on both sides of a dot in the local part, brackets, an ending spelt apart.
    ("flyer said tasha . vip @ yahoo . com", "tasha . vip @ yahoo . com"),
    ("dee (dot) love (at) aol (dot) com ok", "dee (dot) love (at) aol (dot) com"),
    ("bio: kayla.rose @ gmail . c o m", "kayla.rose @ gmail . c o m"),
])
def test_email_addresses_also_when_spelled(text, email):
    assert _found(EmailRecognizer(load_gazetteers()), text) == [email]


def test_an_everyday_word_at_a_site_is_no_address():
    text = "we found her profile at facebook.com and met at the mall dot com"
    assert _found(EmailRecognizer(load_gazetteers()), text) == []


@pytest.mark.parametrize("text, handle", [
    ("his snap was kingtone_22", "kingtone_22"),
    ("kik: lilmama.x", "lilmama.x"),
    ("user name sweetbby4u on there", "sweetbby4u"),
    ("on MocoSpace she was xoxo_baddie_xoxo", "xoxo_baddie_xoxo"),
    ("DM @tonez_44 for rates", "@tonez_44"),
    # Said to be the handle, even an everyday word; a Discord tag; a Venmo hyphen.
    ("her snapchat is biscuit, that was all we had", "biscuit"),
    ("screen name marbles on kik", "marbles"),
    ("kik - Dagger.", "Dagger"),
    ('"lollipop" was her kik', "lollipop"),
    ("discord was novaxx#2281", "novaxx#2281"),
    ("paid @Sweet-Tea-09 on venmo", "@Sweet-Tea-09"),
    ("his ig was big.money.mo", "big.money.mo"),
    # Shapes no one types as words, wherever they stand; a name in quotes a cue puts on a
    # screen.
    ("the buyer, lonelyGuy77, wrote back", "lonelyGuy77"),
    ("always posted as luv2party", "luv2party"),
    ("trixie_ and the others", "trixie_"),
    ('profile name was "Velvet Rose"', "Velvet Rose"),
    ('listed on Backpage as "Sweet Thing"', "Sweet Thing"),
    # A gamer's frame, closed up or spaced; an everyday word said to be the name used on a
    # platform the answer names.
    ("the buyer played as xXduskXx most nights", "xXduskXx"),
    ("he was xX Pale Rider Xx in the lobby", "xX Pale Rider Xx"),
    ("on Tagged she went by the name starlight and had 90 friends", "starlight"),
])
def test_handles_with_and_without_at(text, handle):
    assert _found(HandleRecognizer(load_gazetteers()), text) == [handle]


@pytest.mark.parametrize("text", ["his snap was deleted", "kik messages were saved",
                                  "her instagram account was private",
                                  "her kik is gone, she deleted it", "i.e. the a.m. shift",
                                  'advertised as "new in town"', "an iPhone4 and a ps3",
                                  "on kik he used the name deleted, then a new one",
                                  "we had never heard of him by the name alone"])
def test_a_cue_before_an_everyday_word_is_no_handle(text):
    assert _found(HandleRecognizer(load_gazetteers()), text) == []


@pytest.mark.parametrize("text, expected", [
    ("reach him at big dot tone at hotmail dot com anytime",
     "reach him at [EMAIL] anytime"),
    ("her ad said sweet dot cheeks dot vip at yahoo dot com",
     "her ad said [EMAIL]"),
])
def test_an_address_whose_local_part_is_spelt_out(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A display name of everyday words in quotes, after the word for the account it names.
    ('the first message came from an account "Lucky Charm Bree"',
     'the first message came from an account "[HANDLE]"'),
    ('his second profile "Top Shelf Tre" sent the pics', 'his second profile "[HANDLE]" sent '
     'the pics'),
    ('on the radio he used the handle "Gravel Hawk"', 'on the radio he used the handle '
     '"[HANDLE]"'),
    ('the account "was" never found', 'the account "was" never found'),
])
def test_a_quoted_display_name_after_its_account(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # Names in a list after the cue that announces them, in any separator or case.
    ("screen names he used: GHOSTFACE77, LILBANDIT, SWEETTEA4U",
     "screen names he used: [HANDLE 1], [HANDLE 2], [HANDLE 3]"),
    ("usernames -- darkrose_9 / velvetvixen / tru_lov3", "usernames -- [HANDLE 1] / [HANDLE 2] / "
     "[HANDLE 3]"),
    ("KIK NAMES BOSSMAN414 AND PRETTYGRL22 BOTH HIS",
     "KIK NAMES [HANDLE 1] AND [HANDLE 2] BOTH HIS"),
    # Skype's prefix is part of the name, wherever it stands.
    ("the buyer's Skype, live:nightowl.73, was tied to a card", "the buyer's Skype, [HANDLE], "
     "was tied to a card"),
    ("return showed live:.cid.9d3e71a0b4c2f655 only", "return showed [HANDLE] only"),
    # A display name said to be one, quoted or in capitals; a page by what it is called.
    ('his FB name was "Marquise Tha Realest"', 'his FB name was "[HANDLE]"'),
    ("Display name: Young Boss Tre. Nothing else.", "Display name: [HANDLE]. Nothing else."),
    ('the page "Cash Flow Kenny" posted the jobs', 'the page "[HANDLE]" posted the jobs'),
    # "handles" the verb announces nothing.
    ("the detective who handles it also handles burglaries",
     "the detective who handles it also handles burglaries"),
])
def test_handles_listed_prefixed_or_displayed(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


def test_quoted_names_listed_after_their_accounts(scrubber):
    text = 'he ran three profiles, "Blue Flame Jay", "Rich Off It" and "Sugar Plum Kay"'
    assert scrubber.scrub(text).text == ('he ran three profiles, "[HANDLE 1]", "[HANDLE 2]" '
                                         'and "[HANDLE 3]"')


@pytest.mark.parametrize("text", [
    "the subscriber info came back from Time Warner Cable in two weeks",
    "Suddenlink and Mediacom both needed a court order",
    "he drove a red Kenworth between truck stops",
])
def test_providers_and_trucks_are_kept(scrubber, text):
    assert scrubber.scrub(text).text == text
