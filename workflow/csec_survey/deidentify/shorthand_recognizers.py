"""Presidio recognizers of people named in an investigator's shorthand.

A victim by her first name in lower case before her age ("juv honey age 15"), or by
her initials in lower case ("j.w.", "vic aw", "mj (15)", "(dw, 15)"), a relative or
friend named by a month ("her cousin April", "June, her best friend"), a full name with a
nickname quoted inside it ('Jermaine "J-Rock" Whitfield', "quentin 'q' marsh"), and a
Vietnamese name in lower case ("le thi mai"). Each is a name only where the shorthand
puts it: "honey" and "April" stay everywhere else. A field note's places in lower case
are `address_recognizers`'.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer

from csec_survey.deidentify.cued_recognizers import NOT_NAMES
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import RegexSpanRecognizer

__all__ = ["NicknamedPersonRecognizer", "shorthand_recognizers"]

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|"
           "November|December")
_KIN = ("sister|brother|cousin|friend|roommate|daughter|niece|nephew|aunt|girlfriend|"
        "classmate|stepsister|half-sister|bestie")
_KIN_WORDS = frozenset(_KIN.replace("-", "|").split("|"))
# Words that follow "vic" or "juv" in a note and name no one.
_NOT_A_VICTIM = "|".join(sorted({*NOT_NAMES, "age", "aged", "was", "is", "now", "only", "just",
                                 "approx", "about", "female", "male", "girl", "boy", "wf", "bf",
                                 "hf", "wm", "bm", "hm", "dob", "yo", "yrs"}))


# Two or three letters with stops that are no abbreviation ("e.g.", "a.m.", "u.s.").
_ABBREVIATIONS = (r"e\.g|i\.e|a\.m|p\.m|u\.s|a\.k\.a|n\.b|b\.c|v\.s|p\.s|d\.c|w\.r\.t|"
                  r"c\.o|l\.e")
# Two letters that are English words, not initials ("vic is 15", "at (15)").
_TWO_LETTER_WORDS = ("is|was|at|in|on|to|of|as|an|or|if|no|so|we|me|my|he|us|it|be|by|do|go|"
                     "up|am|hi|ok|oh|ya|yo|ur|im")
# Listed as given names too ("An", "Will"), these open no name before a quoted word.
_OPENING_NO_NAME = frozenset({"a", "an", "the", "his", "her", "my", "our", "their", "this",
                              "that", "will", "so", "and", "or", "but", "in", "on", "at", "to",
                              "of", "as"})
_QUOTED_NICKNAME = r"\s+[\"'\u2018\u201c][^\"'\u2019\u201d\n]{1,20}[\"'\u2019\u201d]\s+"


class NicknamedPersonRecognizer(RegexSpanRecognizer):
    """A full name with a nickname quoted inside it, the given name a listed one:
    'Jermaine "J-Rock" Whitfield', 'TERRELL "T-MACK" MCKINNEY', "quentin 'q' marsh"."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        self._first = frozenset(name.lower() for name in gazetteers.first_names)
        super().__init__("PERSON", [(
            r"(?<![\w'-])(?P<value>(?P<first>[A-Z][a-z'-]+|[A-Z]{2,}|[a-z]{2,})"
            rf"{_QUOTED_NICKNAME}(?P<last>[A-Z][a-z'-]+(?:-[A-Z][a-z]+)?|[A-Z]{{2,}}|[a-z]{{2,}}))"
            r"(?![\w-])", 0.75)], name="NicknamedPersonRecognizer")

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """A listed given name first, its surname in the same case; in lower case, names no
        word shares ("page", "will" are words first)."""
        first, last = match.group("first"), match.group("last")
        same_case = (first.islower() == last.islower()) and (first.isupper() == last.isupper())
        return first.lower() in self._first and first.lower() not in _OPENING_NO_NAME \
            and same_case and not (first.islower() and self._words.is_common(first))


def shorthand_recognizers(gazetteers: Gazetteers) -> list[EntityRecognizer]:
    """Recognizers of the people an investigator's shorthand names."""
    return [
        NicknamedPersonRecognizer(gazetteers),
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
            # A juvenile's initials in lower case: with stops anywhere ("j.w. and her cousin
            # k.w."), without them after "vic" or before an age ("vic aw", "mj (15)", "(dw, 15)").
            (rf"(?<![\w.])(?!(?:{_ABBREVIATIONS})\.)(?P<value>[a-z]\.[a-z]\.(?:[a-z]\.)?)"
             r"(?![\w.])", 0.7),
            (rf"(?i:\b(?:juv|juvenile|vic|victim|minor)\s+)(?!(?:{_TWO_LETTER_WORDS})\b)"
             r"(?P<value>[a-z]{2})\b", 0.7,
             frozenset({"juv", "juvenile", "vic", "victim", "minor"})),
            (rf"(?<![\w.])(?!(?:{_TWO_LETTER_WORDS})\b)(?P<value>[a-z]{{2}})"
             r"(?=\s*\(\s*(?:age\s*)?\d{1,2}\s*\)|,\s*(?:age\s*)?\d{1,2}\))", 0.7),
            # "nguyen thi lan", "le thi mai": a Vietnamese woman's name, in lower case too.
            (r"(?i)\b(?P<value>[a-z]{2,8}\s+thi\s+[a-z]{2,8})\b", 0.7, frozenset({"thi"}))],
            name="ShorthandPersonRecognizer"),
    ]
