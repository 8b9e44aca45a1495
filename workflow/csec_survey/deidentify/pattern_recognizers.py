"""Presidio recognizers that match personal data by its form: numbers, addresses, links.

IP addresses, the identifying path of a profile URL (its platform domain
stays), case, tip, report, badge and account numbers and wallet addresses,
calendar dates (holidays with a year too), street addresses with or without a
house number, roads, ZIP codes, named motels and businesses, and each
respondent's own metadata. Recognizers whose every pattern needs a digit skip
the many answers that have none.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from collections.abc import Iterable, Sequence
from typing import Any

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.context_words import ContextWords

__all__ = [
    "STATE_CODES",
    "IpAddressRecognizer",
    "RegexSpanRecognizer",
    "UrlPathRecognizer",
    "number_recognizers",
    "own_metadata_recognizer",
    "words_in",
]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_STREET_SUFFIXES = (
    "Alley|Aly|Avenue|Ave|Bayou|Beach|Bend|Bluffs?|Boulevard|Blvd|Branch|Bridge|Brooks?|"
    "Burgs?|Bypass|Camp|Canyon|Cape|Causeway|Centers?|Ctr|Circles?|Cir|Cliffs?|Club|Commons?|"
    "Corners?|Course|Courts?|Ct|Coves?|Creek|Crescent|Crest|Crossing|Curve|Dale|Dam|Divide|"
    "Drives?|Dr|Estates?|Expressway|Expy|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|"
    "Forest|Forges?|Forks?|Fort|Freeway|Fwy|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbors?|"
    "Haven|Heights|Hts|Highway|Hwy|Hills?|Hollow|Inlet|Islands?|Isle|Junctions?|Keys?|"
    "Knolls?|Lakes?|Land|Landing|Lane|Ln|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|"
    "Meadows?|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|"
    "Parks?|Parkways?|Pkwy|Pass|Passage|Path|Pike|Pines?|Place|Pl|Plains?|Plaza|Points?|"
    "Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?|Rd|Route|Row|Rue|"
    "Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Sq|Station|Stravenue|Stream|"
    "Streets?|St|Summit|Terrace|Ter|Throughway|Trace|Track|Trafficway|Trail|Trl|Trailer|"
    "Tunnel|Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?|Ville|Vista|Walks?|"
    "Wall|Ways?|Wells?")
_DIGIT = re.compile(r"\d")
_IP_LIKE = re.compile(r"\d\.\d|[0-9A-Fa-f]?::?[0-9A-Fa-f]")
_TOP_LEVEL_DOMAINS = "com|net|org|us|gov|edu|info|biz|co|me|ly|tv|io|cc"
# A URL holds one of these words: most answers hold none.
_SITE_WORDS = frozenset(_TOP_LEVEL_DOMAINS.split("|")) | {"tumblr", "blogspot", "wordpress",
                                                           "livejournal"}
# Suffixes that name a street even without a number; not "Court" (a court of law) or
# "Drive" (a hard drive), which need the house number.
_NAMED_STREET_SUFFIXES = ("St|Street|Ave|Avenue|Blvd|Boulevard|Rd|Road|Ln|Lane|Pkwy|Parkway|"
                          "Hwy|Highway|Pike|Turnpike|Terrace|Ter|Dr|Trail|Trl|Cir")
_STREET_NAME = r"(?:[NSEW]\.?\s+)?(?:[A-Z][a-z][\w'-]*|\d{1,3}(?:st|nd|rd|th))"
_SUFFIXED_STREET = rf"{_STREET_NAME}\s+(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Dr|Ln|Pkwy|Hwy)\b\.?"
_STREET = rf"{_STREET_NAME}(?:\s+(?:St|Street|Ave|Avenue|Blvd|Rd|Road|Dr|Ln|Pkwy|Hwy)\b\.?)?"
_LOWER_STREET_SUFFIXES = ("st|street|ave|avenue|rd|road|dr|drive|ln|lane|blvd|ct|pkwy|hwy|cir|pl|"
                          "ter|trl")
# National chains: named where they stand, they place a person.
_CHAINS = ("McDonald|Love|Sonic|Circle K|Cracker Barrel|Extended Stay America|Family Dollar|"
           "Flying J|Forever 21|Greyhound|IHOP|Pilot|Petro|Waffle House|Walmart|Wal-Mart|Target|"
           "Starbucks|Walgreens|CVS|Denny|Taco Bell|Burger King|Wendy|Subway|Dollar General|"
           "Kmart|7-Eleven|Chevron|Shell|Exxon|QuikTrip|Wawa|Sheetz|Buc-ee|Motel 6|Super 8|"
           "Days Inn|Red Roof(?: Inn)?|Budget Suites|Knights Inn|Travelodge|Econo Lodge")
# "early spring 2011", "the first week of march 2012".
_PART_OF = (r"(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|(?:the\s+)?(?:first|second|"
            r"third|fourth|last)\s+(?:week|weekend)\s+of)[\s-]+")
_STREET_WORDS = frozenset(_NAMED_STREET_SUFFIXES.lower().split("|"))
_CHAIN_WORDS = frozenset(word for chain in _CHAINS.lower().split("|")
                         for word in re.findall(r"[a-z]+", chain)[:1])
# "Bluffs?" is "bluff" and "bluffs".
_STREET_SUFFIX_WORDS = frozenset(
    form for word in re.findall(r"[A-Za-z]+\??", _STREET_SUFFIXES.lower())
    for form in ((word[:-2], word[:-1]) if word.endswith("?") else (word,)))
_CASE_CUES = frozenset({
    "case", "report", "rpt", "incident", "file", "acct", "account", "docket", "ref", "cad",
    "tip", "dr", "inc", "mtcn", "cyber", "cybertip", "cybertipline", "ct", "ncmec", "complaint",
    "warrant", "subpoena", "order", "inmate", "booking", "dl", "license", "plate", "tag", "vin",
    "imei", "serial", "id", "receipt", "transaction", "tracking", "card", "wallet", "routing",
    "cases", "reports", "tips", "files", "accounts", "cards"})
_HOLIDAYS = (r"christmas|xmas|thanksgiving|easter|halloween|new\s+year['\u2019]?s|"
             r"labor\s+day|memorial\s+day|independence\s+day|july\s+4th|4th\s+of\s+july|"
             r"fourth\s+of\s+july|valentine['\u2019]?s|super\s+bowl|spring\s+break|"
             r"mardi\s+gras|black\s+friday")
# The states' postal codes: a town before one is a place, a number after one a ZIP.
STATE_CODES = ("AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|"
                "NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC")

@functools.lru_cache(maxsize=8)
def words_in(text: str) -> frozenset[str]:
    """The lower-case runs of letters in a text: a cheap test of whether a pattern's cue
    words are there at all before the pattern runs. Cached: every recognizer asks it
    of the same text."""
    return frozenset(_LETTERS.findall(text.lower()))


_LETTERS = re.compile(r"[a-z]+")


@functools.lru_cache(maxsize=1 << 14)
def names_a_platform(word: str) -> bool:
    """Whether one word is a platform's name (a finding, never redacted); cached, as
    the same words recur across answers."""
    return bool(platform_mentions(word))


class RegexSpanRecognizer(EntityRecognizer):
    """A regex whose named group ``value`` is the personal part of each match.

    A pattern may name words (lower case) one of which a text must hold for it to
    run: ``(regex, score, needs)``.
    """

    def __init__(self, entity: str,
                 patterns: Sequence[tuple[str, float] | tuple[str, float, frozenset[str]]],
                 name: str, flags: int = 0, needs_digit: bool = False) -> None:
        self._patterns = [(re.compile(pattern[0], flags), pattern[1],
                           pattern[2] if len(pattern) > 2 else None)  # type: ignore[misc]
                          for pattern in patterns]
        self._needs_digit = needs_digit
        super().__init__(supported_entities=[entity], name=name)

    def load(self) -> None:
        """Nothing to load: the patterns are compiled in the constructor."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Spans of the ``value`` group of every match that `accept` keeps."""
        results: list[RecognizerResult] = []
        if self._needs_digit and not _DIGIT.search(text):
            return results
        for regex, score, needs in self._patterns:
            if needs is not None and needs.isdisjoint(words_in(text)):
                continue
            for match in regex.finditer(text):
                start, end = match.span("value")
                if start < end and self.accept(text, match):
                    results.append(RecognizerResult(self.supported_entities[0], start, end,
                                                    score))
        return results

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """Whether a match is personal data (subclasses refine)."""
        return True


class _NumberPatternRecognizer(PatternRecognizer):
    """A Presidio pattern recognizer whose every pattern needs a digit: most answers
    have none, and skipping them saves running each pattern over the text. A date
    needs more: a month, season or holiday, or two numbers joined ("10/9"). A match
    with one of the ``cues`` before it scores higher (`ContextWords`)."""

    def __init__(self, cues: ContextWords, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cues = cues

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Presidio's pattern matching, on texts that hold a digit (and a date's hint)."""
        if not _DIGIT.search(text) or (self.supported_entities == ["DATE"] and
                                       words_in(text).isdisjoint(_DATE_WORDS) and
                                       not _JOINED_NUMBERS.search(text)):
            return []
        return self.cues.weigh(text, super().analyze(text, entities, nlp_artifacts, regex_flags))


_DATE_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "spring", "summer", "fall", "autumn", "winter", "christmas",
    "xmas", "thanksgiving", "easter", "halloween", "year", "years", "labor", "memorial",
    "independence", "valentine", "valentines", "super", "mardi", "black", "st", "nd", "rd", "th"})
_JOINED_NUMBERS = re.compile(r"\d[/.-]\d")


def _number_pattern_recognizer(entity: str, name: str, patterns: Sequence[Pattern],
                               cues: Iterable[str],
                               ignore_case: bool = False) -> _NumberPatternRecognizer:
    # Presidio's default flags ignore case; names and codes here depend on it.
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    return _NumberPatternRecognizer(ContextWords(cues), supported_entity=entity, name=name,
                                    patterns=list(patterns), global_regex_flags=flags)


class IpAddressRecognizer(PatternRecognizer):
    """IPv4 and IPv6 addresses, compressed forms included, checked by Python's parser."""

    def __init__(self) -> None:
        super().__init__(supported_entity="IP_ADDRESS", name="IpAddressRecognizer", patterns=[
            Pattern("ipv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)", 0.85),
            Pattern("ipv6", r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}"
                            r"(?:%\w+)?(?![\w:])", 0.85),
        ], global_regex_flags=re.MULTILINE)
        self.cues = ContextWords(["ip", "address", "ips", "logged", "login", "subscriber"])

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Presidio's pattern matching, on texts with a dot or a colon between digits."""
        if not _IP_LIKE.search(text):
            return []
        return self.cues.weigh(text, super().analyze(text, entities, nlp_artifacts, regex_flags))

    def validate_result(self, pattern_text: str) -> bool:
        """Only strings Python parses as an IP address (and that are not clock times)."""
        try:
            ipaddress.ip_address(pattern_text.split("%")[0])
        except ValueError:
            return False
        return pattern_text.count(":") != 2 or "::" in pattern_text


class UrlPathRecognizer(RegexSpanRecognizer):
    """The path of a URL: who or what it points to. A platform's domain stays (it is a
    finding); any other site may be the person's own ("sugarbabies-vip.com"), and goes
    whole."""

    def __init__(self) -> None:
        super().__init__("URL", [(
            r"(?<![@\w.])(?P<site>(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
            rf"\.(?:{_TOP_LEVEL_DOMAINS}))"
            r"(?:/(?P<value>[^\s\"'<>()\[\]]*[^\s\"'<>()\[\].,;:!?])|(?![\w.-]|\.\w))", 0.9),
            # Blogs whose address is the person: name.tumblr.com
            (r"(?<![@\w.])(?:https?://)?(?:www\.)?(?P<value>[A-Za-z0-9-]+)"
             r"\.(?:tumblr|blogspot|wordpress|livejournal)\.com", 0.9)],
            name="UrlPathRecognizer", flags=re.IGNORECASE)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Paths of platform URLs; whole URLs of other sites."""
        results: list[RecognizerResult] = []
        if words_in(text).isdisjoint(_SITE_WORDS):
            return results
        for regex, score, _ in self._patterns:
            for match in regex.finditer(text):
                site = match.groupdict().get("site")
                # "www.facebook.com": a platform's domain; its labels name the platform.
                labels = re.split(r"[./]", site or "")[:-1]
                if site is not None and not any(platform_mentions(label) for label in labels):
                    results.append(RecognizerResult("URL", match.start(), match.end(), score))
                elif match.group("value"):
                    results.append(RecognizerResult("URL", *match.span("value"), score))
        return results


def own_metadata_recognizer(values: dict[str, Iterable[str]]) -> list[EntityRecognizer]:
    """Recognizers for one respondent's own metadata, by entity type ('PERSON': [...]).

    E-mail addresses match in any case; names as written, so that a respondent
    called Grant does not cost the text its grant money.
    """
    recognizers: list[EntityRecognizer] = []
    for entity, strings in values.items():
        words = sorted({s.strip() for s in strings if s and len(s.strip()) > 1}, key=len,
                       reverse=True)
        if words:
            # The standard library's re: one compiled pattern per respondent, where a
            # Presidio deny list recompiles through the `regex` module's bounded cache.
            alternatives = "|".join(re.escape(word) for word in words)
            recognizers.append(RegexSpanRecognizer(
                entity, [(rf"(?<!\w)(?P<value>{alternatives})(?!\w)", 0.95)],
                name=f"OwnMetadata{entity.title()}",
                flags=re.IGNORECASE if entity == "EMAIL" else 0))
    return recognizers


def number_recognizers() -> list[EntityRecognizer]:
    """Recognizers of case, tip, account and badge numbers, dates, street addresses and
    ZIP codes."""
    return [
        _number_pattern_recognizer("CASE_NUMBER", "CaseNumberRecognizer", cues=[
            # Not "number": a phone number is one too.
            "case", "report", "incident", "file", "account", "docket"], patterns=[
            Pattern("dashed", r"(?<![\w/-])(?:[A-Z]{1,4}-?)?\d{2,4}-\d{3,7}(?:-[A-Z0-9]{1,6})?"
                              r"(?![\w/-])", 0.6),
            Pattern("lettered", r"(?<![\w-])(?:[A-Z]{2,4}|[a-z]{2,4})\d{6,10}(?![\w-])", 0.6),
            Pattern("year_code", r"(?<![\w-])(?:19|20)?\d{2}-[A-Z]{1,4}-\d{2,7}(?![\w-])", 0.7),
        ]),
        RegexSpanRecognizer("CASE_NUMBER", [(
            r"(?i:\b(?:case|report|rpt|incident|file|acct|account|docket|ref|cad|tip|dr|inc|mtcn|"
            r"cyber\s?tip(?:line)?|ct|ncmec|complaint|warrant|subpoena|order|inmate|"
            r"booking|dl|license|plate|tag|vin|imei|serial|id|receipt|transaction|"
            r"tracking|card|wallet|routing)s?\b\.?\s*(?:report\s*)?"
            r"(?:#|no\.?|num(?:ber)?\.?|number was|was|is)?\s*:?\s*)"
            r"(?P<value>#?[A-Z0-9]*\d[A-Z0-9,:-]*[A-Z0-9])", 0.85, _CASE_CUES),
            # A federal docket ("4:12-cr-00388"), a lettered tip ("CT-1402287").
            (r"(?<![\w:-])(?P<value>\d:\d{2}-(?:cr|cv|mj|mc|po)-\d{3,6}(?:-[A-Z0-9]+)?)"
             r"(?![\w-])", 0.85, frozenset({"cr", "cv", "mj", "mc", "po"})),
            (r"(?<![\w-])(?P<value>[A-Z]{1,4}-\d{5,10}(?:-[A-Z0-9]{1,6})?)(?![\w-])", 0.7),
            # "#88213", "no. 4471": a number anyone could look up.
            (r"(?<![\w#&])#\s?(?P<value>[A-Z]{0,3}-?\d{3,}[A-Z0-9-]*)", 0.6),
            # Card and account tails: "ending in 4821", "last four 0093", "xxxx-4821".
            (r"(?i:\b(?:ending(?:\s+in)?|last\s+(?:four|4)(?:\s+digits)?(?:\s+of)?|"
             r"(?:x{2,}|\*{2,})[\s-]?)\s*(?:#\s*)?)(?P<value>\d{4})\b", 0.85)],
            name="CaseNumberContextRecognizer", needs_digit=True),
        RegexSpanRecognizer("CASE_NUMBER", [(
            # Twelve digits or more in one piece: IMEIs, card and account numbers.
            r"(?<![\w.-])(?P<value>\d{12,19})(?![\w-])", 0.8), (
            # Wallet addresses, keys, hashes: sixteen letters and digits or more, mixed.
            r"(?<![\w])(?P<value>(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{16,100})(?![\w])",
            0.85)], name="WalletRecognizer", needs_digit=True),
        RegexSpanRecognizer("BADGE_NUMBER", [(
            r"(?i:\b(?:badge|shield|unit|id|employee|payroll|star|dsn|serial)\s*"
            r"(?:#|no\.?|num(?:ber)?\.?|is|was)?\s*:?\s*)"
            r"(?P<value>#?(?:[A-Z]{1,3}\d?-?)?\d{2,7}(?:-?[A-Z])?)\b", 0.9),
            # "Ofc. Diaz (#3302)": a number in brackets straight after a name.
            # "Ofc. Diaz (#3302)", "Sgt Okonkwo (6620)": not "Crystal (17)", an age.
            (r"(?<=[A-Za-z]\s)\((?P<value>#[A-Z]{0,2}-?\d{2,7}|\d{3,7})\)", 0.6)],
            name="BadgeNumberRecognizer", needs_digit=True, flags=re.IGNORECASE),
        _number_pattern_recognizer("DATE", "DateRecognizer", cues=[
            "date", "dated", "arrested", "posted", "seized"], ignore_case=True,
                                   patterns=[
            Pattern("numeric", r"\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-]"
                               r"(?:\d{4}|\d{2})\b", 0.85),
            Pattern("iso", r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.9),
            Pattern("month_day", rf"\b{_MONTH}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
                                 r"(?:,?\s+(?:19|20)\d{2})?\b", 0.85),
            Pattern("day_month", r"(?:\bthe\s+)?\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+"
                                 rf"(?:of\s+)?{_MONTH}(?:,?\s+(?:19|20)\d{{2}})?\b", 0.85),
            Pattern("month_slash_day", r"(?<![\w/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
                                       r"(?![\w/])", 0.4),
            Pattern("holiday_year", rf"\b(?:{_HOLIDAYS})(?:\s+(?:eve|day|weekend|night))*"
                                    r",?\s+(?:of\s+)?(?:19|20)\d{2}\b", 0.8),
            Pattern("month_year", rf"\b(?:{_PART_OF})?{_MONTH}\.?,?\s+(?:of\s+)?(?:19|20)\d{{2}}\b",
                    0.7),
            Pattern("season_year", rf"\b(?:{_PART_OF})?(?:spring|summer|fall|autumn|winter)\s+"
                                   r"(?:of\s+)?(?:19|20)\d{2}\b", 0.7),
            Pattern("ordinal_day", r"(?:\b(?:weekend|week|night|morning)\s+of\s+the\s+|"
                                   r"(?<=\bthe\s))(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
                                   r"(?!\s+(?:grade|graders?|floor|street|st|ave|avenue|"
                                   r"amendment|circuit|district|precinct|ward|time|place))", 0.6),
        ]),
        # "over 4th of july weekend", "on new years eve": one holiday, not every year's.
        RegexSpanRecognizer("DATE", [(
            rf"(?i:\b(?:on|over|that|last)\s+)(?P<value>(?i:{_HOLIDAYS})"
            r"(?i:\s+(?:eve|day|weekend|night))+)\b", 0.7,
            frozenset({"eve", "day", "weekend", "night"}))], name="HolidayRecognizer"),
        RegexSpanRecognizer("DATE", [(
            r"(?i:\b(?:on|since|until|till|by|before|after|in|from|of|dated|around|is|was|"
            r"between|and|thru|through|to|til)\s+)"
            r"(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\w/])", 0.8)],
            name="MonthDayDateRecognizer", needs_digit=True),
        RegexSpanRecognizer("ADDRESS", [(
            rf"(?P<value>\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){{0,3}}"
            rf"(?:{_STREET_SUFFIXES})\b\.?(?:,?\s+(?i:apt\.?|apartment|suite|ste\.?|unit|#)"
            r"\s*#?[\w-]+)?)", 0.85, _STREET_SUFFIX_WORDS),
            (r"(?i)(?<![\w-])(?P<value>p\.?\s?o\.?\s+box\s+\d{1,6})\b", 0.85,
             frozenset({"box"})),
            (r"(?i)(?<![\w-])(?P<value>(?:I-?\s?\d{1,3}\s+(?:near\s+|at\s+)?)?exit\s+\d{1,4}[A-Z]?)"
             r"\b", 0.7, frozenset({"exit"})),
            # "1420 w main st", "3300 block of S. Halsted": lower case, or a block.
            (rf"(?i)(?P<value>\b\d{{1,6}}\s+(?:[nsew]\.?\s+)?(?:[a-z0-9][\w'.-]*\s+){{0,3}}"
             rf"(?:{_LOWER_STREET_SUFFIXES})\b\.?(?:,?\s+(?:apt\.?|apartment|suite|ste\.?|unit|#)"
             r"\s*#?[\w-]+)?)", 0.8, _STREET_SUFFIX_WORDS),
            (r"(?i)(?P<value>\b\d{2,6}\s+block\s+of\s+(?:[nsew]\.?\s+)?[a-z0-9][\w'.-]*"
             rf"(?:\s+(?:{_LOWER_STREET_SUFFIXES})\b\.?)?)", 0.8, frozenset({"block"})),
            # "hwy 101", "Route 9", "county road 12": a road small enough to place someone.
            (r"(?i)(?<![\w-])(?P<value>(?:hwy|highway|rte|route|rt|state\s+(?:road|route|hwy)|"
             r"county\s+(?:road|rd|hwy)|sr|cr|fm|(?-i:US))\.?\s*-?\s*\d{1,4}[A-Z]?)\b", 0.75),
            # A ZIP code: five digits standing alone that count nothing ("89030", not
            # "$10000" or "20000 ads").
            (r"(?<![\w$#.,/:-])(?P<value>\d{5}(?:-\d{4})?)(?![\w,.%/:-]|\.\d|\s+(?:ads|"
             r"dollars|people|cases|views|hits|posts|messages|calls|miles|images|files|photos|"
             r"videos|followers|friends|users|members|times|texts|pages|accounts|girls|kids)\b)",
             0.6)],
            name="AddressRecognizer", needs_digit=True),
        # A motel's name places a person, a chain's too ("the Super 8 in lodi").
        RegexSpanRecognizer("ADDRESS", [
            # A named street without a house number: "N. Elm St", "Dixie Hwy".
            (rf"(?<![\w'-])(?P<value>(?:[NSEW]\.?\s+)?(?:[A-Z][a-z][\w'-]*\s+|"
             rf"\d{{1,3}}(?:st|nd|rd|th)\s+){{1,2}}(?:{_NAMED_STREET_SUFFIXES})\b\.?)", 0.7,
             _STREET_WORDS),
            # "Pine St and 4th Ave": an intersection, one place.
            (rf"(?<![\w'-])(?P<value>{_SUFFIXED_STREET}\s+(?:and|&|at)\s+{_STREET}|"
             rf"{_STREET}\s+(?:and|&|at)\s+{_SUFFIXED_STREET})", 0.75, _STREET_WORDS),
            (r"(?<![\w'-])(?P<value>(?!(?:the|a|an|on|off|to|down|up|state|county|interstate|"
             r"this|that|same|busy|big|old|new|main|federal|divided|open|rural)\b)"
             r"[a-z][a-z'-]+\s+(?:hwy|highway|blvd|pkwy|pike))\b", 0.6,
             frozenset({"hwy", "highway", "blvd", "pkwy", "pike"})),
            (r"(?P<value>(?i:\b(?:corner|intersection)\s+of\s+)[A-Z0-9][\w'-]*"
             r"(?:\s+[A-Z][\w'-]*)?\s+(?:and|&)\s+[A-Z0-9][\w'-]*(?:\s+[A-Z][\w'-]*)?)", 0.75,
             frozenset({"corner", "intersection"})),
            # A named motel or business: "the Sunset Inn", "Palms Motel".
            (r"(?<![\w'-])(?P<value>(?:[A-Z][\w'&-]*\s+){1,3}(?:Motel|Inn|Hotel|Lodge|"
             r"Motor\s+Lodge|Suites|Apartments|Apts|Trailer\s+Park|Truck\s+Stop|Plaza|Mall))\b",
             0.7, frozenset({"motel", "inn", "hotel", "lodge", "suites", "apartments", "apts",
                             "park", "stop", "plaza", "mall"})),
            (r"(?<![\w'-])(?P<value>Super\s+8|Motel\s+6)(?![\w-])", 0.7,
             frozenset({"super", "motel"})),
            # A chain where it stands: "the IHOP on Westheimer", "the Flying J in knoxville".
            (rf"(?i:\b(?:the|a|an)\s+)(?P<value>(?:{_CHAINS})(?:['\u2019]s)?)"
             r"(?=(?:\s+(?:station|truck\s+stop|parking\s+lot|store|restaurant))?"
             r"\s+(?:on|in|at|off|near|across|by|downtown|out\s+by|next\s+to)\b)", 0.7,
             _CHAIN_WORDS)],
            name="NamedAddressRecognizer"),
    ]

