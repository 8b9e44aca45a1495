"""Presidio recognizers of people named in an investigator's shorthand.

A victim by her first name in lower case before her age ("juv honey age 15"), a
relative or friend named by a month ("her cousin April", "June, her best friend"), and
a Vietnamese name in lower case ("le thi mai"). Each is a name only where the shorthand
puts it: "honey" and "April" stay everywhere else. A field note's places in lower case
are `address_recognizers`'.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from csec_survey.deidentify.cued_recognizers import NOT_NAMES
from csec_survey.deidentify.pattern_recognizers import RegexSpanRecognizer

__all__ = ["shorthand_recognizers"]

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
_KIN = ("sister|brother|cousin|friend|roommate|daughter|niece|nephew|aunt|girlfriend|"
        "classmate|stepsister|half-sister|bestie")
_KIN_WORDS = frozenset(_KIN.replace("-", "|").split("|"))
# Words that follow "vic" or "juv" in a note and name no one.
_NOT_A_VICTIM = "|".join(sorted({*NOT_NAMES, "age", "aged", "was", "is", "now", "only", "just",
                                 "approx", "about", "female", "male", "girl", "boy", "wf", "bf",
                                 "hf", "wm", "bm", "hm", "dob", "yo", "yrs"}))


def shorthand_recognizers() -> list[EntityRecognizer]:
    """Recognizers of the people an investigator's shorthand names."""
    return [
        RegexSpanRecognizer("PERSON", [
            # "juv honey age 15", "vic precious 16", "victim destiny m age 14".
            (rf"(?i:\b(?:juv|juvenile|vic|victim|runaway)\s+)(?!(?:{_NOT_A_VICTIM})\b)"
             r"(?P<value>[a-z][a-z'-]{1,14}(?:\s[a-z](?=\s))?)(?=,?\s+(?:age\s+)?\d{1,2}\b)",
             0.7, frozenset({"juv", "juvenile", "vic", "victim", "runaway"})),
            # "her cousin April", "June, her best friend": a month that is someone.
            (rf"(?i:\b(?:{_KIN})\s+)(?P<value>(?-i:{_MONTHS}))\b(?!\s+\d)", 0.7,
             _KIN_WORDS),
            (rf"(?:^|(?<=[.!?]\s))(?P<value>(?-i:{_MONTHS})),\s+(?:her|his|their|my)\s+"
             rf"(?:(?:best|little|big|older|younger)\s+)?(?:{_KIN})\b", 0.7,
             _KIN_WORDS),
            # "nguyen thi lan", "le thi mai": a Vietnamese woman's name, in lower case too.
            (r"(?i)\b(?P<value>[a-z]{2,8}\s+thi\s+[a-z]{2,8})\b", 0.7, frozenset({"thi"}))],
            name="ShorthandPersonRecognizer"),
    ]
