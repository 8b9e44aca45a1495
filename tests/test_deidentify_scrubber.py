"""Tests for csec_survey.deidentify.scrubber: what is redacted from small texts, and how.

One `Scrubber` (about half a second to build) serves the whole module. Every
result is also checked for consistency: entities are sorted, do not overlap,
point into the input text, and the output is the input with each entity
replaced by a placeholder of its type.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest
from heldout import load_heldout

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.evaluation import EvaluatedText, evaluate
from csec_survey.deidentify.scrubber import Entity, OwnMetadata, Scrubbed, Scrubber


def check_consistent(text: str, result: Scrubbed) -> None:
    """The entities point into ``text`` and the output is ``text`` with them replaced."""
    previous_end = 0
    pieces = []
    for entity in result.entities:
        assert isinstance(entity, Entity)
        assert previous_end <= entity.start < entity.end <= len(text), result.entities
        assert any(ch.isalnum() for ch in text[entity.start:entity.end])
        pieces.append(re.escape(text[previous_end:entity.start]))
        pieces.append(rf"\[{entity.type}(?: \d+)?\]")
        previous_end = entity.end
    pieces.append(re.escape(text[previous_end:]))
    assert re.fullmatch("".join(pieces), result.text), (text, result)


def scrub(scrubber: Scrubber, text: str, own: OwnMetadata | None = None) -> Scrubbed:
    result = scrubber.scrub(text, own)
    check_consistent(text, result)
    return result


def redacted(text: str, result: Scrubbed) -> list[tuple[str, str]]:
    """(type, original value) of every redaction."""
    return [(e.type, text[e.start:e.end]) for e in result.entities]


def assert_unchanged(scrubber: Scrubber, text: str, own: OwnMetadata | None = None) -> None:
    result = scrub(scrubber, text, own)
    assert result.text == text, redacted(text, result)
    assert result.entities == ()


# --- placeholders -----------------------------------------------------------

def test_placeholder_is_typed(scrubber):
    text = "We worked a case in Tulsa last year."
    result = scrub(scrubber, text)
    assert result.text == "We worked a case in [PLACE] last year."
    assert redacted(text, result) == [("PLACE", "Tulsa")]


def test_lone_entities_are_plain_and_numbering_is_per_type(scrubber):
    result = scrub(scrubber, "Det. Ramirez in Tulsa said so.")
    assert result.text == "Det. [PERSON] in [PLACE] said so."


def test_same_entity_twice_gets_the_same_number(scrubber):
    text = "Maria Gonzalez met James Whitfield and Maria Gonzalez again."
    result = scrub(scrubber, text)
    assert result.text == "[PERSON 1] met [PERSON 2] and [PERSON 1] again."
    assert redacted(text, result) == [("PERSON", "Maria Gonzalez"),
                                      ("PERSON", "James Whitfield"),
                                      ("PERSON", "Maria Gonzalez")]


def test_one_entity_repeated_stays_plain(scrubber):
    result = scrub(scrubber, "I spoke with Maria Gonzalez and then Maria Gonzalez called back.")
    assert result.text == "I spoke with [PERSON] and then [PERSON] called back."
    assert len(result.entities) == 2


def test_distinct_entities_are_numbered_in_order_of_appearance(scrubber):
    result = scrub(scrubber, "Det. Ramirez and Sgt. Kowalski handled it.")
    assert result.text == "Det. [PERSON 1] and Sgt. [PERSON 2] handled it."


@pytest.mark.parametrize("text, expected", [
    ("Det. Ramirez handled it.", "Det. [PERSON] handled it."),
    ("Ofc. Diaz (#3302) took the report.", "Ofc. [PERSON] ([BADGE_NUMBER]) took the report."),
])
def test_rank_stays(scrubber, text, expected):
    assert scrub(scrubber, text).text == expected


# --- platform names ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Victims were recruited on Backpage, Kik, Facebook, Craigslist, MySpace and Instagram.",
    "they used backpage and kik mostly",
    "Backpage. Kik. Facebook. Craigslist. MySpace. Instagram.",
    "Instagram Kik Facebook",
    # Products of the survey's years that read like names or places.
    "the ledger was an Excel sheet and the ads ran on Eros Guide",
    "a Vonage line, a Razr and a Nintendo DSi, all his",
])
def test_platform_names_are_never_replaced(scrubber, text):
    assert_unchanged(scrubber, text)


@pytest.mark.parametrize("text, expected", [
    ("Maria Gonzalez Facebook page was public", "[PERSON] Facebook page was public"),
    ("Facebook Maria Gonzalez posted", "Facebook [PERSON] posted"),
    ("Jessica Kik account and Amber Instagram page",
     "[PERSON 1] Kik account and [PERSON 2] Instagram page"),
    ("She was on Backpage Tulsa and Craigslist Denver",
     "She was on Backpage [PLACE 1] and Craigslist [PLACE 2]"),
    ("messaged her on MySpace, Kik and facebook, Maria Gonzalez said",
     "messaged her on MySpace, Kik and facebook, [PERSON] said"),
])
def test_platform_names_next_to_personal_data_survive(scrubber, text, expected):
    result = scrub(scrubber, text)
    assert result.text == expected
    # No redaction touches a platform mention.
    for start, end in platform_mentions(text):
        assert not any(e.start < end and start < e.end for e in result.entities)


@pytest.mark.parametrize("text, expected", [
    # A URL goes whole, as Safe Harbor lists it, the platform's domain in it too; the
    # domain alone names only the platform, and stays.
    ("See facebook.com/maria.gonzalez.1234 for the profile.", "See [URL] for the profile."),
    ("https://www.facebook.com/jsmith99 was the ad", "[URL] was the ad"),
    ("ads at backpage.com/FemaleEscorts/12345 and www.craigslist.org/about/xyz",
     "ads at [URL 1] and [URL 2]"),
    # A platform's site for one town names the town: it goes whole.
    ("ads at tulsa.backpage.com/FemaleEscorts/12345 and http://saltlakecity.craigslist.org",
     "ads at [URL 1] and [URL 2]"),
    # A platform whose name is its domain; a shortened link; an address spelt out.
    ("her page was ask.fm/lilmissbrisa", "her page was [URL]"),
    ("the ad linked goo.gl/Qm7tZ1 instead", "the ad linked [URL] instead"),
    ("it was www dot velvetroomvip dot net", "it was [URL]"),
    ("typed as www . candyhouse . info on the flyer", "typed as [URL] on the flyer"),
])
def test_a_url_goes_whole_and_a_platforms_domain_alone_stays(scrubber, text, expected):
    result = scrub(scrubber, text)
    assert result.text == expected
    assert {e.type for e in result.entities} == {"URL"}


def test_a_platforms_domain_alone_stays(scrubber):
    text = "she posted on backpage.com and www.facebook.com every night"
    assert scrub(scrubber, text).text == text


def test_a_platform_spelt_out_stays(scrubber):
    assert scrubber.scrub("ads on www dot backpage dot com").entities == ()


# --- ordinary words and places ----------------------------------------------

@pytest.mark.parametrize("text", [
    "We need the mobile app to work.",
    "I hope for more grant money.",
    "We need more grant money.",
    "Will they ever learn?",
    "It was a normal case.",
    "Long story short, nothing happened.",
    "The case went to the Department of Justice in the end.",
    "the Department of Justice funded it",
    "Office of Hope funded it",
    "Grant would agree.",
])
def test_ordinary_words_that_are_names_or_towns_survive(scrubber, text):
    assert_unchanged(scrubber, text)


@pytest.mark.parametrize("text, expected, value", [
    ("We had a case in Mobile, AL last year.", "We had a case in [PLACE] last year.",
     "Mobile, AL"),
    ("She was from Hope, AR originally.", "She was from [PLACE] originally.", "Hope, AR"),
])
def test_towns_that_are_ordinary_words_are_redacted_in_context(scrubber, text, expected, value):
    result = scrub(scrubber, text)
    assert result.text == expected
    assert redacted(text, result) == [("PLACE", value)]


# --- numbers, addresses and codes -------------------------------------------

@pytest.mark.parametrize("phone", [
    "555-867-5309", "(918) 555-0142", "918.555.0199", "+1 918 555 0123", "9185550100",
    "918 555 0177", "1-918-555-0166",
])
def test_phone_formats(scrubber, phone):
    text = f"Call {phone} if you see her."
    result = scrub(scrubber, text)
    assert result.text == "Call [PHONE] if you see her."
    assert redacted(text, result) == [("PHONE", phone)]


def test_several_phones_in_one_answer(scrubber):
    text = "Call 555-867-5309 or (918) 555-0142 or 918.555.0199."
    assert scrub(scrubber, text).text == "Call [PHONE 1] or [PHONE 2] or [PHONE 3]."


@pytest.mark.parametrize("text, kind, value", [
    ("Email jdoe@example.com please.", "EMAIL", "jdoe@example.com"),
    ("Email J.Doe@Agency.GOV please.", "EMAIL", "J.Doe@Agency.GOV"),
    ("Email first.last+tips@sub.example.org please.", "EMAIL", "first.last+tips@sub.example.org"),
    ("The IP was 192.168.1.20 in the logs.", "IP_ADDRESS", "192.168.1.20"),
    ("The IP was 2001:db8::7 in the logs.", "IP_ADDRESS", "2001:db8::7"),
    ("Her handle was @sweetgirl_99 on there.", "HANDLE", "@sweetgirl_99"),
    ("Case 12-004512 was linked.", "CASE_NUMBER", "12-004512"),
    ("case number 2011-CR-1147 was linked.", "CASE_NUMBER", "2011-CR-1147"),
    ("Officer with badge #4471 responded.", "BADGE_NUMBER", "4471"),
    ("His badge number 3302 was on it.", "BADGE_NUMBER", "3302"),
    ("Arrested 3/14/12 at noon.", "DATE", "3/14/12"),
    ("Posted March 14th at noon.", "DATE", "March 14th"),
    ("Seized 2012-03-14 at noon.", "DATE", "2012-03-14"),
    ("We met on 9/19 at noon.", "DATE", "9/19"),
    ("Dated 4/2/2013 at noon.", "DATE", "4/2/2013"),
    ("She lived at 1420 N Maple Ave, Apt 3 for a while.", "ADDRESS", "1420 N Maple Ave, Apt 3"),
    # Reference numbers by their label, letters, spaces and tails included.
    ("Evidence item 0112-4 was the phone.", "CASE_NUMBER", "0112-4"),
    ("She had a ticket 5521-B for curfew.", "CASE_NUMBER", "5521-B"),
    ("Our ref CS-0417 if you need it.", "CASE_NUMBER", "CS-0417"),
    ("We ran plate KTX 2281 off the camera.", "CASE_NUMBER", "KTX 2281"),
    ("Tracking # 9Z 66B 104 19 in the box.", "CASE_NUMBER", "9Z 66B 104 19"),
    ("The last four were 3307 on that card.", "CASE_NUMBER", "3307"),
    ("The packaging showed B4417293 as the card.", "CASE_NUMBER", "B4417293"),
    ("I'm unit 2C14 in vice.", "BADGE_NUMBER", "2C14"),
    ("The date 6/30 was on the ticket stub.", "DATE", "6/30"),
    ("It peaked during derby week 2013 for us.", "DATE", "derby week 2013"),
    # A Texas cause number; a plate said of a car; a badge said to be one.
    ("It went out as cause no. 2281907 in May.", "CASE_NUMBER", "2281907"),
    ("The plate on the truck was 4HXB921 that night.", "CASE_NUMBER", "4HXB921"),
    # Plates listed, after a comma or a state's code, or in part; a classified ad's number.
    ("plates: JRD-552, KVX 190 and 2WQT881, all his", "CASE_NUMBER",
     "JRD-552, KVX 190 and 2WQT881"),
    ("his tag, TN 8KX-312, came back stolen", "CASE_NUMBER", "8KX-312"),
    ("the camera caught a partial: 5TR on the bumper", "CASE_NUMBER", "5TR"),
    ("the kid remembered the letters of the plate, QZM, nothing more", "CASE_NUMBER", "QZM"),
    ("ad 55129034 went up in four cities", "CASE_NUMBER", "55129034"),
    ("Reach me any time, my badge # is 3310.", "BADGE_NUMBER", "3310"),
])
def test_identifiers_are_redacted(scrubber, text, kind, value):
    result = scrub(scrubber, text)
    assert redacted(text, result) == [(kind, value)], result
    assert text.replace(value, f"[{kind}]") == result.text


def test_a_lettered_badge_in_brackets_after_a_name(scrubber):
    assert scrub(scrubber, "Ofc Lindqvist (K-2207) took the call.").text == \
        "Ofc [PERSON] ([BADGE_NUMBER]) took the call."


def test_identifiers_together_are_numbered_by_type(scrubber):
    text = ("The IP was 192.168.1.20 and also 2001:db8::7. Arrested 3/14/12, posted March 14th, "
            "seized 2012-03-14, and met on 9/19.")
    result = scrub(scrubber, text)
    assert result.text == ("The IP was [IP_ADDRESS 1] and also [IP_ADDRESS 2]. Arrested [DATE 1], "
                           "posted [DATE 2], seized [DATE 3], and met on [DATE 4].")


@pytest.mark.parametrize("text", [
    "Back in 2012 we started.",
    "In 2012 and 2013 we had more cases.",
    "We work 24/7 on these.",
    "Not a 9 to 5 job.",
    "I work 24/7 and from 9 to 5.",
])
def test_years_and_time_phrases_are_kept(scrubber, text):
    assert_unchanged(scrubber, text)


# --- the respondent's own metadata ------------------------------------------

OWN = OwnMetadata(names=("Grant Wexley", "Grant", "Wexley"),
                  emails=("gwexley@quillbrook.gov",),
                  agencies=("Quillbrook Constabulary Unit",),
                  places=("Quillbrook",))


def test_own_metadata_is_redacted_wherever_it_appears(scrubber):
    text = ("I am Grant Wexley of the Quillbrook Constabulary Unit in Quillbrook. "
            "Wexley is my surname.")
    result = scrub(scrubber, text, OWN)
    assert redacted(text, result) == [
        ("PERSON", "Grant Wexley"), ("AGENCY", "Quillbrook Constabulary Unit"),
        ("PLACE", "Quillbrook"), ("PERSON", "Wexley")]
    assert result.text == ("I am [PERSON 1] of the [AGENCY] in [PLACE]. [PERSON 2] is my "
                           "surname.")


@pytest.mark.parametrize("email", ["gwexley@quillbrook.gov", "GWexley@Quillbrook.GOV",
                                   "GWEXLEY@QUILLBROOK.GOV"])
def test_own_email_in_any_case(scrubber, email):
    text = f"Reach me at {email} anytime."
    result = scrub(scrubber, text, OWN)
    assert result.text == "Reach me at [EMAIL] anytime."


def test_own_first_name_does_not_cost_the_ordinary_word(scrubber):
    text = "We need more grant money. Grant would agree."
    assert_unchanged(scrubber, text)  # without metadata "Grant" alone is an ordinary word
    result = scrub(scrubber, text, OWN)
    assert result.text == "We need more grant money. [PERSON] would agree."


def test_own_names_match_only_as_written(scrubber):
    text = "signed grant and GRANT and Grant"
    result = scrub(scrubber, text, OWN)
    assert result.text == "signed grant and GRANT and [PERSON]"


def test_own_metadata_applies_to_its_own_text_only(scrubber):
    texts = ["Grant would agree.", "Grant would agree."]
    results = list(scrubber.scrub_many([(texts[0], OWN), (texts[1], None)]))
    assert results[0].text == "[PERSON] would agree."
    assert results[1].text == "Grant would agree."


def test_own_metadata_is_looked_for_only_where_a_value_occurs():
    assert OWN.mentioned_in("write to GWEXLEY@QUILLBROOK.GOV")
    assert OWN.mentioned_in("the Quillbrook Constabulary Unit")
    assert OWN.mentioned_in("Grant would agree.")
    assert not OWN.mentioned_in("grant money and wexley in lower case")
    assert not OWN.mentioned_in("")
    assert not OwnMetadata().mentioned_in("Grant Wexley")
    assert not OwnMetadata(names=(" ",), emails=("",)).mentioned_in("Grant Wexley")


# --- many texts ----------------------------------------------------------------

BATCH: Sequence[tuple[str, OwnMetadata | None]] = [
    ("Det. Ramirez handled it in Tulsa.", None),
    ("nothing personal here", None),
    ("We need more grant money. Grant would agree.", OWN),
    ("Call 555-867-5309 or email jdoe@example.com", None),
    ("Victims were recruited on Backpage and Kik.", OWN),
    ("Maria Gonzalez met James Whitfield and Maria Gonzalez again.", None),
    ("See facebook.com/maria.gonzalez.1234 on 9/19.", None),
]


def test_scrub_many_equals_one_by_one_in_input_order(scrubber):
    one_by_one = [scrubber.scrub(text, own) for text, own in BATCH]
    many = list(scrubber.scrub_many(iter(BATCH)))
    assert many == one_by_one
    for (text, _), result in zip(BATCH, many, strict=True):
        check_consistent(text, result)


def test_scrub_many_of_nothing(scrubber):
    assert list(scrubber.scrub_many([])) == []


def test_empty_text(scrubber):
    assert scrubber.scrub("") == Scrubbed(text="", entities=())


# --- offline ----------------------------------------------------------------

_OFFLINE_SCRIPT = textwrap.dedent("""
    import socket
    import sys

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:3]))
        raise OSError("network access is disabled in this test")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from csec_survey.deidentify.scrubber import Scrubber

    scrubber = Scrubber()
    texts = [
        "Email jdoe@example.com or J.Doe@Agency.GOV please.",
        "See https://www.facebook.com/jsmith99 and tulsa.backpage.com/ads/123 and "
        "http://example.co.uk/path or www.sweetgirl.tumblr.com",
        "Det. Ramirez of the Tulsa Police Department called 555-867-5309 on 9/19.",
    ]
    results = list(scrubber.scrub_many((text, None) for text in texts))
    assert "jdoe@example.com" not in results[0].text, results[0]
    assert "jsmith99" not in results[1].text, results[1]
    if attempts:
        print("network attempted:", attempts, file=sys.stderr)
        sys.exit(3)
    print("offline ok")
""")


def test_scrubber_never_reaches_the_network(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"}
    completed = subprocess.run([sys.executable, "-c", _OFFLINE_SCRIPT], capture_output=True,
                               text=True, timeout=120, cwd=tmp_path, env=env)
    assert completed.returncode == 0, completed.stderr
    assert "offline ok" in completed.stdout


# --- held-out corpus --------------------------------------------------------

@pytest.fixture(scope="module")
def heldout_evaluation(scrubber):
    items = load_heldout()
    results = scrubber.scrub_many((item.text, None) for item in items)
    texts = []
    for item, result in zip(items, results, strict=True):
        check_consistent(item.text, result)
        texts.append(EvaluatedText(
            text=item.text, personal=[(kind, s, e, False) for kind, s, e in item.personal],
            keep=item.platforms, redacted=[(e.type, e.start, e.end) for e in result.entities]))
    return evaluate(texts)


def test_heldout_recall_of_personal_data(heldout_evaluation):
    recall = heldout_evaluation["recall"]["ALL"]
    assert recall["trials"] > 100
    assert recall["rate"] >= 0.97, recall


def test_heldout_platform_names_kept(heldout_evaluation):
    kept = heldout_evaluation["platform_names_kept"]
    assert kept["trials"] > 50
    assert kept["rate"] >= 0.95, kept


def test_heldout_ordinary_words_kept(heldout_evaluation):
    kept = heldout_evaluation["ordinary_words_kept"]
    assert kept["trials"] > 1000
    assert kept["rate"] >= 0.95, kept


# --- the frozen test set ----------------------------------------------------
# tests/data/frozen/deid_frozen_texts.txt: 420 investigator-style answers written and
# annotated by a helper who never read the scrubber, its word lists or its tests.
# Committed once; scored here on every change and never tuned against: a miss found
# here goes into new development cases in new words, not into this file. The floors
# are its latest score, so that the tests fail on a regression, not on the gap that
# issue 17 is to close. First score (session 6): recall 0.32, platform names 0.96,
# ordinary words 0.997. Session 7, after the development set below: recall 0.77; after
# its misses were read by kind and new development cases written for the kinds: 0.94.
# Its misses have been read, so it is no longer unseen: deid_frozen_texts_2.txt is.

FROZEN = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts.txt"
FROZEN_FLOORS = {"recall": 0.966, "platform_names_kept": 0.99, "ordinary_words_kept": 0.997,
                 "recall_under_the_documented_rules": 0.98,
                 "direct_identifiers_under_the_documented_rules": 0.99}

# Two of the frozen sets' annotations may differ from the scrubber's documented rules. The
# first set marks federal agencies ("FBI", "HSI San Diego"), which the rules keep, as they
# employ too many to point to anyone (the place in "HSI San Diego" goes). And since
# session 17 the rules remove a URL whole, a platform's domain in it too, as Safe Harbor
# lists URLs and as the first, fifth and sixth sets' annotators mark them; the second,
# third and fourth sets' annotators marked only a profile's path, the domain before it a
# platform name or plain words. Scored as annotated, and again with those spans read by
# the rules: both figures are reported.
_FEDERAL = re.compile(r"(?:FBI|HSI|ICE|NCIS|USMS|DEA|ATF|USSS|CBP)(?=\s|$)")
_DOMAIN_BEFORE = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|fm)/$")


def _under_the_documented_rules(item):
    personal, inside_urls = [], []
    for kind, start, end in item.personal:
        value = item.text[start:end]
        federal = _FEDERAL.match(value) if kind == "AGENCY" else None
        if federal and federal.end() == len(value):
            continue
        if federal:
            start += federal.end() + 1
        domain = _DOMAIN_BEFORE.search(item.text, max(0, start - 60), start) \
            if kind == "URL" else None
        if domain:
            start = domain.start()
            inside_urls.append((start, end))
        personal.append((kind, start, end))
    platforms = [(s, e) for s, e in item.platforms
                 if not any(u_start <= s and e <= u_end for u_start, u_end in inside_urls)]
    return type(item)(item.id, item.text, personal, platforms)


def _evaluated(scrubber, path, read=lambda item: item):
    items = [read(item) for item in load_heldout(path)]
    results = list(scrubber.scrub_many((item.text, None) for item in items))
    return evaluate([EvaluatedText(
        text=item.text, personal=[(kind, s, e, False) for kind, s, e in item.personal],
        keep=item.platforms, redacted=[(e.type, e.start, e.end) for e in result.entities])
        for item, result in zip(items, results, strict=True)])


@pytest.fixture(scope="module")
def frozen_evaluation(scrubber):
    return _evaluated(scrubber, FROZEN)


def test_frozen_set_is_the_one_committed():
    items = load_heldout(FROZEN)
    assert len(items) == 420
    assert sum(len(item.personal) for item in items) == 390


def test_frozen_set_scores_no_worse_than_its_first_measurement(frozen_evaluation):
    recall = frozen_evaluation["recall"]["ALL"]
    assert recall["trials"] == 390
    assert recall["rate"] >= FROZEN_FLOORS["recall"], recall
    for kept in ("platform_names_kept", "ordinary_words_kept"):
        assert frozen_evaluation[kept]["rate"] >= FROZEN_FLOORS[kept], frozen_evaluation[kept]


# tests/data/frozen/deid_frozen_texts_2.txt: 385 answers by a fourth helper who read
# neither the code nor any other set, committed before its first score (session 7:
# recall 0.93, direct identifiers 0.98, platform names 0.95, ordinary words 0.997).
# Session 8, after the third development set (written to its weakest types, known from
# the per-type scores alone): recall 0.94, platform names 0.96, ordinary words 0.997.
# Session 10: its misses were read by kind and development set 6 written to those kinds
# in new words (never its own); recall 0.99, direct identifiers 1.00, platform names
# 1.00. It is no longer unseen: deid_frozen_texts_3.txt and _4.txt are. Floors at the
# latest score.
FROZEN_2 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_2.txt"
FROZEN_2_FLOORS = {"ALL": 0.985, "DIRECT_IDENTIFIERS": 0.99, "platform_names_kept": 0.995,
                   "ordinary_words_kept": 0.997}

# tests/data/frozen/deid_frozen_texts_3.txt: 400 answers by an eighth helper who read
# neither the code nor any other set, committed before its first score (session 10,
# after the speed work and before development set 6 was tuned on: recall 0.909, direct
# identifiers 0.967, platform names 0.931, ordinary words 0.990). Session 15: its misses
# were read by kind by a helper; development set 14 was written to those kinds (session
# 16). It is no longer unseen. Floors at the latest score (0.939 after development set 8,
# 0.978, 0.963, 0.988; 0.944, 0.978, 0.973, 0.988 after sets 9 and 10; 0.952 after 14).
FROZEN_3 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_3.txt"
FROZEN_3_FLOORS = {"ALL": 0.95, "DIRECT_IDENTIFIERS": 0.975, "NAMES_AGENCIES_PLACES": 0.945,
                   "platform_names_kept": 0.97, "ordinary_words_kept": 0.988}

# tests/data/frozen/deid_frozen_texts_4.txt: 400 answers by a ninth helper who read
# neither the code nor any other set, committed before its first score (session 14, at
# the code of development set 12: recall 0.949, direct identifiers 0.927, names, agencies
# and places 0.953, platform names 0.998, ordinary words 0.991). Session 16: its misses
# were read by kind by a helper, who wrote the kinds with invented examples only; the
# rules written from those kinds (a domain that ends a sentence, a quoted display name
# after its account word) took it to 0.957 and direct identifiers to 0.988 (81/82), and
# those of development set 15, written to the same kinds, to 0.968 and 82/82. It is no
# longer unseen. Floors at the latest score.
FROZEN_4 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_4.txt"
FROZEN_4_FLOORS = {"ALL": 0.965, "DIRECT_IDENTIFIERS": 0.99, "NAMES_AGENCIES_PLACES": 0.96,
                   "platform_names_kept": 0.995, "ordinary_words_kept": 0.99}


def test_second_frozen_set_scores_no_worse_than_its_first_measurement(scrubber):
    items = load_heldout(FROZEN_2)
    assert (len(items), sum(len(item.personal) for item in items)) == (385, 371)
    evaluation = _evaluated(scrubber, FROZEN_2)
    for group in ("ALL", "DIRECT_IDENTIFIERS"):
        assert evaluation["recall"][group]["rate"] >= FROZEN_2_FLOORS[group], group
    # What is kept is judged by the rules: a platform's domain inside a URL goes with it.
    ruled = _evaluated(scrubber, FROZEN_2, _under_the_documented_rules)
    for kept in ("platform_names_kept", "ordinary_words_kept"):
        assert ruled[kept]["rate"] >= FROZEN_2_FLOORS[kept], ruled[kept]


# tests/data/frozen/deid_frozen_texts_5.txt: 400 answers by a seventeenth helper who read
# neither the code nor any other set, asked for direct identifiers in every shape (221
# answers hold one), committed before its first score (session 16, with that session's
# venue, nickname, interstate-branch and MAC address rules, which did not move it: recall
# 0.942, direct identifiers 0.894, names, agencies and places 0.972, platform names
# 0.987, ordinary words 0.993). Its annotator marks a profile URL whole, platform domain
# included; read by the documented rules, recall was 0.956 and direct identifiers 0.943
# (232/246). In session 17 a helper read its misses by kind and wrote development set 16
# to them; the rules written from that set took it to 0.963 (774/804) and direct
# identifiers to 0.923, and the rule that a URL goes whole, as its annotator marks one, to
# 0.979 (787/804) and 0.972 (239/246). Floors at that score.
FROZEN_5 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_5.txt"
FROZEN_5_FLOORS = {"ALL": 0.978, "DIRECT_IDENTIFIERS": 0.97, "NAMES_AGENCIES_PLACES": 0.978,
                   "platform_names_kept": 0.985, "ordinary_words_kept": 0.992}


# tests/data/frozen/deid_frozen_texts_6.txt: 400 answers by an eighteenth helper who read
# neither the code nor any other set, committed before its first score (session 17, with
# the scrubber of session 16: recall 0.928, direct identifiers 0.893, names, agencies and
# places 0.941, platform names 0.989, ordinary words 0.988; read by the documented rules,
# recall 0.944 and direct identifiers 0.965). The rules session 17 wrote from the fifth
# set's kinds moved it by three items (784/842; direct identifiers 178/197), and the rule
# that a URL goes whole, as its annotator marks one, to 0.950 (800/842; direct 194/197).
# Then a helper read its misses by kind and wrote development set 17 to them; the rules
# written from that set took it to 0.968 (815/842). Floors at that score.
FROZEN_6 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_6.txt"
FROZEN_6_FLOORS = {"ALL": 0.967, "DIRECT_IDENTIFIERS": 0.98, "NAMES_AGENCIES_PLACES": 0.963,
                   "platform_names_kept": 0.985, "ordinary_words_kept": 0.987}


# tests/data/frozen/deid_frozen_texts_7.txt: 400 answers by a nineteenth helper who read
# neither the code nor any other set, asked for people in every form, committed before its
# first score (session 17, with that session's rules: recall 0.950, 778/819; direct
# identifiers 0.994, 180/181; case and account numbers 45/51; names, agencies and places
# 0.934; platform names 0.992; ordinary words 0.992). Its misses have not been read. The
# rules written from the sixth set's kinds (development set 17) moved it by three items
# (781/819). Floors at that score.
FROZEN_7 = Path(__file__).parent / "data" / "frozen" / "deid_frozen_texts_7.txt"
FROZEN_7_FLOORS = {"ALL": 0.953, "DIRECT_IDENTIFIERS": 0.99, "NAMES_AGENCIES_PLACES": 0.939,
                   "platform_names_kept": 0.99, "ordinary_words_kept": 0.992}


@pytest.mark.parametrize("path, size, floors", [
    (FROZEN_3, (400, 1102), FROZEN_3_FLOORS), (FROZEN_4, (400, 1014), FROZEN_4_FLOORS),
    (FROZEN_5, (400, 804), FROZEN_5_FLOORS), (FROZEN_6, (400, 842), FROZEN_6_FLOORS),
    (FROZEN_7, (400, 819), FROZEN_7_FLOORS)], ids=["third", "fourth", "fifth", "sixth", "seventh"])
def test_unseen_frozen_sets_score_no_worse_than_their_floors(scrubber, path, size, floors):
    items = load_heldout(path)
    assert (len(items), sum(len(item.personal) for item in items)) == size
    evaluation = _evaluated(scrubber, path)
    for group in ("ALL", "DIRECT_IDENTIFIERS", "NAMES_AGENCIES_PLACES"):
        assert evaluation["recall"][group]["rate"] >= floors[group], group
    ruled = _evaluated(scrubber, path, _under_the_documented_rules)
    for kept in ("platform_names_kept", "ordinary_words_kept"):
        assert ruled[kept]["rate"] >= floors[kept], ruled[kept]


def test_frozen_set_under_the_documented_rules(scrubber):
    evaluation = _evaluated(scrubber, FROZEN, _under_the_documented_rules)
    recall = evaluation["recall"]["ALL"]
    # Five federal agencies leave the count; URLs stay, judged by their path.
    assert recall["trials"] == 385, recall
    assert recall["rate"] >= FROZEN_FLOORS["recall_under_the_documented_rules"], recall
    direct = evaluation["recall"]["DIRECT_IDENTIFIERS"]
    assert direct["rate"] >= FROZEN_FLOORS["direct_identifiers_under_the_documented_rules"], \
        direct


# --- the development set ----------------------------------------------------------
# tests/data/dev/deid_dev_texts.txt: 434 answers written by a second helper who read
# neither the scrubber nor the frozen set, to the groups of misses issue 17 lists
# (lower-case names, towns and agencies, word-names, initials and aliases, acronyms,
# addresses without numbers, phones and e-mails in every form, cued handles, tails
# and tips, partial dates) and to false alarms to avoid. The scrubber was tuned on
# it: it is a development set, and these floors guard what the tuning bought.

# deid_dev_texts_2.txt: 312 more, by a third helper, to the kinds of misses the frozen
# set showed (scored 0.80 before any tuning on it). deid_dev_texts_from_frozen.txt: one
# case in new words for each kind the frozen set still missed, written by the engineer
# who read those misses; never the frozen set's own words.

# deid_dev_texts_3.txt: 527 more, by a fifth helper who read no code and no other set, to
# the types the second frozen set scores worst on (places, agencies, case numbers: known
# from its per-type scores alone, never from its misses). It scored 0.83 on its first
# run, before any tuning on it. Its annotator marks motel chains, malls and
# neighbourhoods ("the Bluff"), as the rule says: the words kept floor counts the other
# sets' chains as lost. deid_dev_texts_4.txt: 609 more, by a sixth such helper, to the
# hardest shapes of places and people (towns opening a sentence or standing as
# adjectives, regions, bases, airports, tribal lands; word-names and nicknames); 0.83 on
# its first run, before any tuning on it. deid_dev_texts_5.txt: 536 more, by a seventh
# such helper, to handles in every shape (the second frozen set's one direct miss is a
# handle, known from its per-type scores alone) and the hardest places, agencies and
# people; 0.912 on its first run, before any tuning on it. deid_dev_texts_6.txt: 450
# more, by a ninth such helper, to the kinds the second frozen set's misses showed
# (nicknames after a cue, agencies by their full names, interstates, chains and
# landmarks, card numbers in groups, BlackBerry PINs, short years), in new words; 0.822
# on its first run. Its annotator marked bare years, which Safe Harbor keeps: those nine
# marks were taken out when it was committed. deid_dev_texts_7.txt: 450 more, by a tenth
# such helper, to the third frozen set's weakest types, known from its per-type scores
# alone (people, places, platform names in every spelling); 0.888 on its first run.
# deid_dev_texts_8.txt: 450 more, by an eleventh such helper, to the same weakest types
# and handles and dates; 0.923 on its first run (two profile URLs' marks were moved off
# the platform's domain when it was committed, as the rules keep the domain).
# deid_dev_texts_9.txt: 450 more, by a twelfth such helper, to the third frozen set's
# weakest types (people, places, handles, dates, platform names); 0.916 on its first run
# (direct identifiers 0.947, platform names 0.952). deid_dev_texts_10.txt: 400 more, by a
# thirteenth such helper, to handles in every shape (101 of them) and the hardest people
# and places; 0.918 on its first run (direct identifiers 0.887, handles 0.851).
# deid_dev_texts_12.txt: 300 more, by a fourteenth such helper, to people and places in
# their hardest shapes, with 71 answers of traps and no personal data; 0.925 on its first
# run (people 0.884, direct identifiers 0.939), committed before any tuning on it; 0.962
# after session 14. deid_dev_texts_13.txt: 300 more, by a fifteenth such helper, to the
# fourth frozen set's weakest types known from its per-type scores alone (handles, URLs,
# dates; 490 items); 0.920 on its first run (direct identifiers 0.961, dates 0.873).
# deid_dev_texts_14.txt: 300 more, by a sixteenth such helper, to the kinds of the third
# frozen set's misses as a helper named them (agencies joined by "and" or after a sentence
# ending in a platform, venues, partial names, capitalised non-names, MAC addresses; 469
# items); 0.874 on its first run (direct identifiers 0.986, places 0.810, people 0.850),
# its eight profile URLs' marks moved off the platform's domain when it was committed.
# deid_dev_texts_15.txt: 300 more, by an eighteenth such helper, to the kinds of the fourth
# frozen set's misses as another helper named them (493 items, 199 direct identifiers);
# 0.767 on its first run, at the code those kinds had already taught (direct identifiers
# 0.975, people 0.629, places 0.617, dates 0.400).
# deid_dev_texts_16.txt: 337 more, by a helper who read the fifth frozen set's misses and
# named their kinds (venue tails, address tails, IPs with ports, URLs on a bare address,
# ad numbers, plates, handle lists, Skype IDs, display names, spaced e-mails, numbers
# abroad), in new words and values (366 items); 0.648 on its first run (direct
# identifiers 0.599, IPs 2/23), 0.891 after session 17's rules.
# deid_dev_texts_17.txt: 400 more, by a helper who read the sixth frozen set's misses and
# named their kinds (names with a quoted nickname inside, initials in lower case, venues
# by their kind, quadrants after a street, ranges of days, regional task forces, words in
# capitals taken for names or agencies; 461 items); 0.688 on its first run, 0.857 after
# session 17's rules.

DEVELOPMENT = sorted((Path(__file__).parent / "data" / "dev").glob("deid_dev_texts*.txt"))
# Floors at the latest score of all the development sets together (0.948, 0.983, 0.940 when the
# fourteenth came in, 0.951, 0.985, 0.943 after session 16's rules; 0.942, 0.983, 0.934
# when the fifteenth came in; the fifteenth and seventh sets are the hardest). Direct
# identifiers fell below 0.99 when the fifth set came in (handles that are everyday words
# with no cue beside them), and to 0.978 with the eighth (handles in a list, a town's
# Craigslist site). 0.944, 0.988, 0.934 after the fifteenth's rules (dates without a cue,
# quoted names listed after their accounts, providers kept); 0.948, 0.988, 0.939 after
# the shorthand rules.
# 0.946, 0.985, 0.936 with the sixteenth and its rules; 0.943, 0.985, 0.934 with the
# seventeenth and its rules (URLs re-annotated whole in every set).
DEVELOPMENT_FLOORS = {"ALL": 0.943, "DIRECT_IDENTIFIERS": 0.985, "NAMES_AGENCIES_PLACES": 0.933}


@pytest.fixture(scope="module")
def development_evaluation(scrubber, tmp_path_factory):
    joined = tmp_path_factory.mktemp("dev") / "all.txt"
    joined.write_text("".join(path.read_text(encoding="utf-8") for path in DEVELOPMENT),
                      encoding="utf-8")
    return _evaluated(scrubber, joined)


@pytest.mark.parametrize("group", sorted(DEVELOPMENT_FLOORS))
def test_development_set_recall(development_evaluation, group):
    recall = development_evaluation["recall"][group]
    assert recall["rate"] >= DEVELOPMENT_FLOORS[group], recall


def test_development_set_keeps_platforms_and_words(development_evaluation):
    assert len(DEVELOPMENT) == 17
    assert development_evaluation["platform_names_kept"]["rate"] >= 0.985
    # The set leaves motel chains unmarked; the scrubber removes a motel's name, a chain's
    # too ("a Days Inn"), as the frozen set's annotator would: those words count as lost.
    assert development_evaluation["ordinary_words_kept"]["rate"] >= 0.987


# --- defects found while writing these tests, now fixed -----------------------

@pytest.mark.parametrize("text", ["I read Ramirez's report.", "Kowalski's notes were late."])
def test_possessive_surname_alone_is_redacted(scrubber, text):
    assert scrub(scrubber, text).entities != ()


def test_first_name_john_is_redacted_with_its_surname(scrubber):
    assert scrub(scrubber, "I spoke with John Peterson.").text == "I spoke with [PERSON]."


@pytest.mark.parametrize("text, expected", [
    ("At Tulsa Police Department we see it.", "At [AGENCY] we see it."),
    ("In Tulsa County too.", "In [PLACE] too."),
])
def test_sentence_initial_preposition_is_not_redacted(scrubber, text, expected):
    assert scrub(scrubber, text).text == expected


@pytest.mark.parametrize("text, expected", [
    ("Email sweet.kik.girl@gmail.com now", "Email [EMAIL] now"),
    ("Email jane-skype-99@gmail.com now", "Email [EMAIL] now"),
    ("Email j.doe@mail.yahoo.com now", "Email [EMAIL] now"),
    ("see instagram.com/candy.kik.22 now", "see [URL] now"),
    ("handle @queen.kik now", "handle [HANDLE] now"),
])
def test_platform_name_inside_an_identifier_does_not_split_it(scrubber, text, expected):
    assert scrub(scrubber, text).text == expected


def test_john_as_jargon_for_a_buyer_stays(scrubber):
    assert scrub(scrubber, "the john called her twice").entities == ()
    assert scrub(scrubber, "Johns pay more for younger girls.").entities == ()


def test_recognizers_skipping_digit_free_texts_miss_nothing(scrubber, monkeypatch):
    # Number recognizers skip answers without a digit; with the gate forced open
    # (every text "has a digit") every answer of the corpora must come out the same.
    from csec_survey.deidentify import pattern_recognizers

    texts = [item.text for item in load_heldout()]
    texts += [re.sub(r"\d", "x", text) for text in texts]
    gated = list(scrubber.scrub_many((text, None) for text in texts))
    monkeypatch.setattr(pattern_recognizers, "_DIGIT", re.compile(""))
    assert list(Scrubber().scrub_many((text, None) for text in texts)) == gated


@pytest.mark.parametrize("text, expected", [
    ("Det. Anneliese van der Hoorn took the report", "Det. [PERSON] took the report"),
    ("Yesenia de la Garza, 16, left with him", "[PERSON], 16, left with him"),
    # A particle before a surname found alone starts the name.
    ("van Oostrumhoff's laptop had the photos", "[PERSON]'s laptop had the photos"),
    ("Lt. \u00d3 Dubhghaill pulled the records", "Lt. [PERSON] pulled the records"),
    # ... but a van is not one.
    ("the van Okonkwo-Baptiste rented had a router in it",
     "the van [PERSON] rented had a router in it"),
])
def test_a_name_particle_joins_one_name(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # A place's own word beside a name found alone goes with it.
    ("she was at Salem Junction", "she was at [PLACE]"),
    ("a subscriber in North Okafor", "a subscriber in [PLACE]"),
    ("girls moved between Dayton, Port Okafor and Akron",
     "girls moved between [PLACE 1], [PLACE 2] and [PLACE 3]"),
    ("RAN FROM THE ASHGROVE GROUP HOME AND WAS POSTED ON BACKPAGE",
     "RAN FROM THE [PLACE] AND WAS POSTED ON BACKPAGE"),
    # A street name's lead before a name found without it.
    ("the supplier: big mike. nothing else", "the supplier: [PERSON]. nothing else"),
])
def test_the_words_of_a_place_or_alias_join_it(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    ("his phone had Sunny, Okonkwo and Pebble as contacts",
     "his phone had [PERSON 1], [PERSON 2] and [PERSON 3] as contacts"),
    # Not a rank, a platform's word, a state or a word of the field.
    ("Det. Okonkwo and Sgt. Vasquez-Ibarra came", "Det. [PERSON 1] and Sgt. [PERSON 2] came"),
    ("Okonkwo used Windows Vista, Kik and Cash App",
     "[PERSON] used Windows Vista, Kik and Cash App"),
    ("Okonkwo, Ohio and Navy", "[PERSON], Ohio and Navy"),
])
def test_a_list_with_a_person_in_it(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


def test_a_listed_first_name_before_a_surname_joins_it(scrubber):
    assert scrubber.scrub("we asked Will Okafor about it").text == "we asked [PERSON] about it"
    assert scrubber.scrub("they live in Marrowby County now").text == "they live in [PLACE] now"


@pytest.mark.parametrize("text, expected", [
    ("Dwayne Pruitt (Smokey) kept the phones", "[PERSON 1] ([PERSON 2]) kept the phones"),
    ("we charged Luis Ortega (Flaco) with three counts",
     "we charged [PERSON 1] ([PERSON 2]) with three counts"),
    # A role, an abbreviation, a state or a platform in brackets is no nickname.
    ("Maria Reyes (CI) set it up", "[PERSON] (CI) set it up"),
    ("Tom Keller (DOB unknown) drove", "[PERSON] (DOB unknown) drove"),
    ("Andre Mims (Kik) wrote first", "[PERSON] (Kik) wrote first"),
])
def test_a_nickname_in_brackets_after_a_name(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # An abbreviation's stop goes with its span inside a sentence, stays at its end.
    ("our budget went to Ridgefield Police Dept., which is small",
     "our budget went to [AGENCY], which is small"),
    ("we called Hanover P.D. and they came", "we called [AGENCY] and they came"),
    ("the tip came from Ridgefield Police Dept. Nobody followed up.",
     "the tip came from [AGENCY]. Nobody followed up."),
    # A street's suffix before the next sentence is no saint's town; the field's words stay.
    ("she stayed on Birch St. She left in May", "she stayed on [ADDRESS]. She left in May"),
    ("I got it off the list serv, then the list-serv went quiet",
     "I got it off the list serv, then the list-serv went quiet"),
])
def test_what_a_span_ends_with(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected


@pytest.mark.parametrize("text, expected", [
    # Initials keep their stop before an age, a bracket or a line's end.
    ("found D.L. 16yo at the bus depot", "found [PERSON] 16yo at the bus depot"),
    ("we took C.V. (14) into care", "we took [PERSON] (14) into care"),
    # A generation without its stop goes with the name.
    ("Raymond Tuttle Jr ran the ads", "[PERSON] ran the ads"),
    ("indicted: Oswin Marsh III, age 41", "indicted: [PERSON], age 41"),
    # A bracket the number opened is the sentence's when the number does not close it.
    ("his ad gave (417-555-0139) for dates", "his ad gave ([PHONE]) for dates"),
])
def test_a_spans_edges(scrubber, text, expected):
    assert scrubber.scrub(text).text == expected
