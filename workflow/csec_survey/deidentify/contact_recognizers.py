"""Presidio recognizers of the ways to reach someone: phones, e-mail addresses, handles.

Phones are found by Google's ``phonenumbers`` (every US format it knows, at its
"possible number" leniency), also where a letter O stands for a zero or the
digits are spelled out. E-mail addresses are found also when written to dodge
harvesters ("jdoe at city dot gov"). Handles are found with their "@", or after
a platform cue without one ("his snap was kingtone_22").
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import (
    RegexSpanRecognizer,
    names_a_platform,
    words_in,
)

__all__ = ["EmailRecognizer", "HandleRecognizer", "PhoneRecognizer"]

_DIGIT_WORDS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
                "i": "1", "l": "1", "s": "5"}
_DIGIT_TOKEN = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|oh|\d|(?-i:[OoIlS]))"
# Digits written with words or letters among them, in groups or spaced out:
# "five five five oh one nine nine", "9one6-55five-2O4eight", "7I3.5S5.2O9I".
_MIXED = re.compile(rf"(?i)(?<![A-Za-z\d]){_DIGIT_TOKEN}(?:[\s().,-]{{0,4}}{_DIGIT_TOKEN}){{6,15}}"
                    r"(?![A-Za-z\d])")
_MAIL_ENDINGS = frozenset({"com", "net", "org", "gov", "edu", "us", "mil", "info", "biz"})
_NUMBER_WORDS = frozenset({"zero", "one", "two", "three", "four", "five", "six", "seven",
                           "eight", "nine", "oh"})
_TOKENS = re.compile(rf"(?i){_DIGIT_TOKEN}")
# Letters typed for digits in a group of digits ("603-555-O199", "2I8", "OO19"): read
# as the digits, offsets unchanged.
_LETTER_DIGITS = re.compile(r"(?<![A-Za-z])[\dOoIl]*\d[\dOoIl]*(?![A-Za-z])")
_AS_DIGITS = str.maketrans("OoIl", "0011")
_DIGITS = re.compile(r"\d")
_ABROAD = re.compile(r"(?<![\w+])\+\d{1,3}(?:[\s.-]\d{1,5}){2,6}(?![\w-])")


class PhoneRecognizer(EntityRecognizer):
    """Phone numbers: ten digits (or eleven with the country code) in any grouping, or
    seven written ``555-0199``; spelled out, or with words or letters for some digits."""

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE"], name="PhoneRecognizer")

    def load(self) -> None:
        """Nothing to load: ``phonenumbers`` carries its metadata."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Numbers ``phonenumbers`` finds, spelled numbers, and numbers with a letter O."""
        from phonenumbers import Leniency, PhoneNumberMatcher

        results = []
        # Seven digits at the least (a letter O may stand for one of them).
        if len(_DIGITS.findall(text)) >= 5:
            digits = _LETTER_DIGITS.sub(lambda m: m.group().translate(_AS_DIGITS), text)
            for match in PhoneNumberMatcher(digits, "US", leniency=Leniency.POSSIBLE):
                if _looks_like_a_phone(match.raw_string):
                    results.append(RecognizerResult("PHONE", match.start, match.end, 0.85))
            # A number abroad in groups phonenumbers no longer dials ("+52 1 55 5550 2291").
            results.extend(RecognizerResult("PHONE", *match.span(), 0.8)
                           for match in _ABROAD.finditer(text)
                           if 11 <= len(_DIGITS.findall(match.group())) <= 15)
        mixed = _MIXED.finditer(text) if len(_DIGITS.findall(text)) >= 3 or \
            not words_in(text).isdisjoint(_NUMBER_WORDS) else ()
        for match in mixed:
            tokens = _TOKENS.findall(match.group())
            number = "".join(token if token.isdigit() else _DIGIT_WORDS[token.lower()]
                             for token in tokens)
            words = sum(len(token) > 1 for token in tokens)
            numerals = sum(token.isdigit() for token in tokens)
            # Ten or eleven digits with at least three numerals or five number words, or a
            # local number spelled out; never a run of pure numerals (phonenumbers' job).
            if numerals < len(tokens) and (
                    (len(number) in (10, 11) and (numerals >= 3 or words >= 5))
                    or (len(number) == 7 and words >= 5)):
                results.append(RecognizerResult("PHONE", *match.span(), 0.8))
        return results


def _looks_like_a_phone(raw: str) -> bool:
    """Ten or eleven digits, a number abroad written with its "+" ("+52 664 555 0112"), or a
    local number written 555-0199; not "June 2012 400"."""
    digits = sum(ch.isdigit() for ch in raw)
    if digits in (10, 11) or (digits > 11 and re.search(r"(?i)x|ext", raw)):
        return True
    # Abroad, by its "+" or by the US exit code before it ("011 52 664 555 0187").
    if (raw.startswith("+") and 11 <= digits <= 15) or \
            (raw.startswith("011") and 13 <= digits <= 18):
        return True
    return digits == 7 and re.fullmatch(r"\d{3}[-.]\d{4}", raw) is not None


class EmailRecognizer(RegexSpanRecognizer):
    """E-mail addresses, also written with spaces or "at" and "dot" in words."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        at = r"(?:\s*@\s*|\s*[(\[{]\s*at\s*[)\]}]\s*|\s+at\s+)"
        dot = r"(?:\s*\.\s*|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
        local_dot = r"(?:\s+\.\s+|\s*[(\[{]\s*dot\s*[)\]}]\s*|\s+dot\s+)"
        super().__init__("EMAIL", [
            (r"(?<![\w.+-])(?P<value>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
             r"\.[A-Za-z]{2,})(?![\w-])", 0.95),
            # "jane dot doe at yahoo dot com", "mia . moneyy @ hotmail . c o m": the local part
            # and the ending spelt out too (a dot with a space on each side is no full stop).
            (rf"(?<![\w.+-])(?P<value>[A-Za-z0-9._%+-]+(?:{local_dot}[A-Za-z0-9_%+-]+){{0,2}}"
             rf"{at}[A-Za-z0-9-]+(?:{dot}[A-Za-z0-9-]+)*"
             rf"{dot}(?:com|c\s+o\s+m|net|org|gov|edu|us|mil|info|biz))(?![\w-])", 0.9),
        ], name="EmailRecognizer", flags=re.IGNORECASE)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Addresses, where an "@" or an "at" and a domain's ending are there at all."""
        present = words_in(text)
        if "@" not in text and ("at" not in present or present.isdisjoint(_MAIL_ENDINGS)):
            return []
        return super().analyze(text, entities, nlp_artifacts)

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """Not "her profile at facebook.com": the local part of an address spelled with
        "at" is no everyday word, unless an '@' or a bracketed 'at' makes it certain."""
        value = match.group("value")
        if "@" in value or re.search(r"[(\[{]", value):
            return True
        local = re.split(r"(?i)\s+at\s+", value)[0]
        return not local.isalpha() or not self._words.is_common(local)


# Words that announce a handle; "name", "id" and the like may follow ("snap name").
# Underscores inside, or at an end ("niquenique_", "KANDI_KISSES_").
_UNDERSCORED = re.compile(r"(?<![\w@.])(?:[A-Za-z0-9.]*[A-Za-z][A-Za-z0-9.]*(?:_[A-Za-z0-9.]*)+"
                          r"[A-Za-z0-9]_*|[A-Za-z][A-Za-z0-9]{2,}_+)(?![\w@])")
_DOTTED = re.compile(r"(?<![\w@./])[a-z][a-z0-9]*(?:\.[a-z0-9]+)+(?![\w@]|\.\w)")
_WORDS_BY_DOTS = re.compile(r"[a-z0-9]{2,}(?:\.[a-z0-9]{2,}){2,}")
_WEB_ENDINGS = "com|net|org|gov|edu|us|io|co|me|ly|tv|info|biz|cc"
_WEB_END = re.compile(rf"\.(?:{_WEB_ENDINGS})$")
_DOMAIN_END = re.compile(rf"\.(?:{_WEB_ENDINGS}|m|a|p|i|e|"
                         r"jr|sr|st|dr|vs|etc|ie|eg|am|pm|yr|yrs|wk|wks|no)$|^(?:[a-z]\.)+[a-z]?$")
# Also words joined by a digit ("roomz4rent", "freedom4ever1"), and a word in lower case
# run into a capital ("discreetDad43", "sugarbabyLA").
_WORD_AND_DIGITS = re.compile(r"(?<![\w@./#$-])(?:[a-z]{4,}[a-z_.]*\d{2,}|[a-z]{8,}\d|"
                              r"[a-z]{3,}\d[a-z]{2,}\d*|[a-z]{3,}[A-Z][A-Za-z]*\d*)[a-z0-9_]*"
                              r"(?![\w@/-])")
_CASHTAG = re.compile(r"(?<![\w$])\$[A-Za-z][A-Za-z0-9_-]{2,19}(?![\w-])")
_HANDLE_CUES = (r"snap(?:chat)?|sc|kik|ig|insta(?:gram)?|twitter|tumblr|skype|tiktok|tagged|"
                r"moco(?:space)?|myspace|whatsapp|yahoo|aim|gamertag|psn|xbox|"
                r"user(?:\s?names?)?|screen\s?names?|profile\s?names?|handle|display\s?names?")
_CUE_WORDS = frozenset({"snap", "snapchat", "sc", "kik", "ig", "insta", "instagram", "twitter",
                        "tumblr", "skype", "tiktok", "tagged", "moco", "mocospace", "myspace",
                        "whatsapp", "yahoo", "aim", "gamertag", "psn", "xbox", "user", "username",
                        "screen", "screenname", "profile", "profilename", "handle", "display",
                        "displayname", "usernames"})
# The next in a list of handles a cue announced: "screen names: A, B and C", "a / b".
_LISTED_NEXT = re.compile(r"[\"'\u201d]?\s*(?:,|/|&|\band\b|\bor\b)\s*(?i:and\s+)?"
                          r"(?P<quote>[\"'\u201c]?)(?P<value>[A-Za-z0-9_][A-Za-z0-9_.\-]{2,29}"
                          r"[A-Za-z0-9_])")


# A name shown on a screen, in capitals, after a cue that says so: "Display name: God Body
# Shawn.", "FB name Money Team Marc".
_DISPLAY_NAME = re.compile(
    r"(?i:\b(?:display|fb|facebook|profile)\s*name(?:\s+(?:was|is))?\s*:?\s+)"
    r"(?P<value>[A-Z][\w'$-]*(?:\s+[A-Z][\w'$-]*){1,4})")
# A Skype ID is its prefix too, wherever it stands: "live:ghost.rider.88", "live:.cid.4f2a".
_SKYPE_LIVE = re.compile(r"(?i)(?<![\w:])live:\.?(?:cid\.)?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,40}"
                         r"[A-Za-z0-9_]")
# "Vex#0092": a Discord name with its four-digit tag.
_DISCORD_TAG = re.compile(r"(?<![\w#@])[A-Za-z0-9_.]{2,32}#\d{4}(?!\w)")
# Said to be the handle ("screen name cookie on Whisper", "her kik is peaches,", "kik -
# Ghost."): then even an everyday word is one, if nothing but a stop follows it.
_NAMING_CUE = re.compile(r"(?i)(?:user|screen|profile|display)\s?name|handle|gamertag|"
                         r"\b(?:is|was|called|named)\b|[:=\-]")
# What is said of an account, not its name: "his kik is deleted".
_HANDLE_STATES = frozenset({
    "deleted", "gone", "private", "public", "down", "blocked", "banned", "disabled", "hacked",
    "locked", "closed", "open", "active", "inactive", "fake", "new", "old", "same", "different",
    "changed", "still", "not", "never", "just", "also", "only", "how", "where", "what", "who",
    "used", "shut", "empty", "suspended", "reported", "verified", "set", "full", "huge", "big",
    "main", "real", "there", "here", "unknown", "random", "weird", "listed", "linked", "tied"})
_CLAUSE_END = re.compile(r"[\"'\u201d)]?(?:\s*$|[.,;!?\n]|\s+on\s+)")
# '"trouble" was his kik': the quoted word before the cue.
_QUOTED_BEFORE_CUE = re.compile(
    r"[\"\u201c](?P<value>[\w.\-]{3,30})[\"\u201d]\s+(?:was|is)\s+(?:his|her|their|the)\s+"
    rf"(?i:{_HANDLE_CUES})\b")


def _named_as_handle(text: str, match: re.Match[str]) -> bool:
    """Whether the word a cue announces is said to be the handle, and ends its clause."""
    if match.group("value").lower() in _HANDLE_STATES or \
            not _NAMING_CUE.search(text, match.start(), match.start("value")):
        return False
    stop = _CLAUSE_END.match(text, match.end("value"))
    if stop is None:
        return False
    # "cookie on Whisper": only a platform may follow "on".
    return "on" not in stop.group() or bool(platform_mentions(text[stop.end():stop.end() + 30]))


_QUOTED_AFTER_CUE = re.compile(
    r"(?i:\b(?:(?:profile|display|screen|user|group|channel|account|acct|fb|facebook)\s*name|"
    r"(?:fb|facebook)\s+page|page(?:\s+called)?|user\s+account|"
    r"accounts?|acct|profiles?|handles?|friended|(?:on|in)\s+[a-z][\w.]*\s+as)"
    r"(?:\s+(?:was|is|were|named|called))?\s*[:=,]?\s*)"
    r"[\"\u201c](?P<value>(?=[^\"\u201d]*[A-Z0-9_])[^\"\u201d\n]{2,40})[\"\u201d]")
# 'profiles "Sweet Talk Tay" and "Cash Rules Cee"': the next in a list of quoted names.
_QUOTED_NEXT = re.compile(r"[\"\u201d]\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
                          r"[\"\u201c](?P<value>(?=[^\"\u201d]*[A-Z0-9_])[^\"\u201d\n]{2,40})"
                          r"[\"\u201d]")
_BEFORE_PLATFORM = re.compile(r"(?<![\w@.])(?P<value>[A-Za-z0-9_.]{4,30})\s+on\s+")
# A gamer's frame, wherever it stands: "xXshadowXx", "xX Night Owl Xx".
_FRAMED = re.compile(r"(?<![\w@])xX\s?[A-Za-z0-9_]+(?:\s[A-Za-z0-9_]+)?\s?Xx(?!\w)")
# "on kik with the name sunshine and ...": an everyday word is a handle when a platform is
# named and the word is said to be the name used, ending its clause.
_THE_NAME = re.compile(
    r"(?i:\b(?:with|under|using|used|uses|use|by)\s+the\s+(?:user\s?|screen\s?)?name\s+)"
    r"(?P<value>[a-z][\w.]{2,29})(?=\s*(?:$|[.,;!?)\n]|\s(?:in|on|and|but|to|for|with|so)\b))")
# Digits or an underscore inside, or capitals inside a word twice ("xXNightHawkXx").
_SCREEN_SHAPED = re.compile(r"[A-Za-z]\d|_|[a-z][A-Z].*[a-z][A-Z]")


class HandleRecognizer(EntityRecognizer):
    """Social handles: ``@name``, or a handle-shaped word after a platform cue."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        # Venmo's handles hold hyphens ("@Lil-Bitt-22").
        self._at = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?")
        self._cued = re.compile(
            rf"(?i)\b(?:{_HANDLE_CUES})\b"
            r"(?:\s+(?:names?|id|handles?|account|acct|user|gamertag|tag|usernames?|"
            r"screen\s?names?))?"
            r"(?:\s+(?:he|she|they|it))?(?:\s+(?:was|is|were|of|as|=|called|named|used|uses))?"
            r"\s*[:=\-]{0,2}\s*[\"'\u201c#(]?"
            # Skype's own prefix is part of the name: "live:ghost.rider.88".
            r"(?P<value>(?:live:\.?(?:cid\.)?)?[A-Za-z0-9_][A-Za-z0-9_.\-]{2,29}[A-Za-z0-9_])")
        super().__init__(supported_entities=["HANDLE"], name="HandleRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Handles with an "@", and handles announced by a cue."""
        results = [RecognizerResult("HANDLE", m.start(), m.end(), 0.85)
                   for m in self._at.finditer(text)] if "@" in text else []
        # Words joined by underscores or dots, a word run into digits, a cash tag:
        # no English ("xoxo_baddie_xoxo", "kandi.kane", "nightowl4421", "$kingtavon").
        for regex, sign in ((_UNDERSCORED, "_"), (_DOTTED, "."), (_CASHTAG, "$")):
            if sign not in text:
                continue
            results.extend(RecognizerResult("HANDLE", m.start(), m.end(), 0.7)
                           for m in regex.finditer(text)
                           # "bandz.up.jr": three words joined by dots are no abbreviation.
                           if regex is not _DOTTED or not _DOMAIN_END.search(m.group())
                           or (_WORDS_BY_DOTS.fullmatch(m.group())
                               and not _WEB_END.search(m.group())))
        results.extend(RecognizerResult("HANDLE", m.start(), m.end(), 0.7)
                       for m in _WORD_AND_DIGITS.finditer(text)
                       if not platform_mentions(m.group()))
        if "#" in text and _DIGITS.search(text):
            results.extend(RecognizerResult("HANDLE", *m.span(), 0.85)
                           for m in _DISCORD_TAG.finditer(text))
        if "live:" in text.lower():
            results.extend(RecognizerResult("HANDLE", *m.span(), 0.85)
                           for m in _SKYPE_LIVE.finditer(text))
        if " name" in text.lower():
            results.extend(RecognizerResult("HANDLE", *m.span("value"), 0.8)
                           for m in _DISPLAY_NAME.finditer(text))
        if "xX" in text:
            results.extend(RecognizerResult("HANDLE", *m.span(), 0.8)
                           for m in _FRAMED.finditer(text))
        if " name " in text.lower() and platform_mentions(text):
            results.extend(RecognizerResult("HANDLE", *m.span("value"), 0.75)
                           for m in _THE_NAME.finditer(text)
                           if m.group("value").lower() not in _HANDLE_STATES
                           and not names_a_platform(m.group("value")))
        # "xXNightHawkXx on Xbox Live": a word that looks typed for a screen, before a platform.
        for match in _BEFORE_PLATFORM.finditer(text) if " on " in text else ():
            if _SCREEN_SHAPED.search(match.group("value")) and \
                    platform_mentions(text[match.end():match.end() + 30]):
                results.append(RecognizerResult("HANDLE", *match.span("value"), 0.75))
        # 'profile name was "Mz Lovely Luv"', 'on Facebook as "Money Team Marc"': a name in
        # quotes that a cue says is shown on a screen.
        if '"' in text or "\u201c" in text:
            for found in _QUOTED_AFTER_CUE.finditer(text):
                while found:
                    results.append(RecognizerResult("HANDLE", *found.span("value"), 0.8))
                    found = _QUOTED_NEXT.match(text, found.end("value"))
        cued = () if words_in(text).isdisjoint(_CUE_WORDS) else self._cued.finditer(text)
        if cued and ('"' in text or "\u201c" in text):
            results.extend(RecognizerResult("HANDLE", *m.span("value"), 0.8)
                           for m in _QUOTED_BEFORE_CUE.finditer(text))
        for match in cued:
            value = match.group("value")
            if not (self._handle_shaped(value) or _named_as_handle(text, match)):
                continue
            results.append(RecognizerResult("HANDLE", *match.span("value"), 0.8))
            listed = _LISTED_NEXT.match(text, match.end("value"))
            while listed and (listed.group("quote") or self._handle_shaped(listed.group("value"))):
                results.append(RecognizerResult("HANDLE", *listed.span("value"), 0.8))
                listed = _LISTED_NEXT.match(text, listed.end("value"))
        return results

    def _handle_shaped(self, value: str) -> bool:
        """A digit, an underscore or a dot inside, or a word no dictionary has."""
        if re.search(r"[\d_]|\w\.\w", value):
            return True
        return value.isalpha() and not self._words.is_common(value)
