"""Presidio recognizers that match personal data by its form: numbers, addresses, contacts.

Phones in their many formats, e-mail and IP addresses, the identifying path of
a profile URL (its platform domain stays), social handles, case, report,
badge and account numbers, calendar dates, street addresses, and each
respondent's own metadata. Recognizers whose every pattern needs a digit skip
the many answers that have none.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

__all__ = ["IpAddressRecognizer", "RegexSpanRecognizer", "UrlPathRecognizer",
           "contact_and_number_recognizers", "own_metadata_recognizer"]

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

class RegexSpanRecognizer(EntityRecognizer):
    """A regex whose named group ``value`` is the personal part of each match."""

    def __init__(self, entity: str, patterns: Sequence[tuple[str, float]], name: str,
                 flags: int = 0, needs_digit: bool = False) -> None:
        self._patterns = [(re.compile(regex, flags), score) for regex, score in patterns]
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
        for regex, score in self._patterns:
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
    have none, and skipping them saves running each pattern over the text."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None,
                regex_flags: int | None = None) -> list[RecognizerResult]:
        """Presidio's pattern matching, on texts that hold a digit."""
        if not _DIGIT.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)


def _pattern_recognizer(entity: str, name: str, patterns: Sequence[Pattern],
                        context: Sequence[str] | None = None, ignore_case: bool = False,
                        needs_digit: bool = False) -> PatternRecognizer:
    # Presidio's default flags ignore case; names and codes here depend on it.
    flags = re.MULTILINE | (re.IGNORECASE if ignore_case else 0)
    kind = _NumberPatternRecognizer if needs_digit else PatternRecognizer
    return kind(supported_entity=entity, name=name, patterns=list(patterns),
                context=list(context) if context else None, global_regex_flags=flags)


class IpAddressRecognizer(PatternRecognizer):
    """IPv4 and IPv6 addresses, compressed forms included, checked by Python's parser."""

    def __init__(self) -> None:
        super().__init__(supported_entity="IP_ADDRESS", name="IpAddressRecognizer", patterns=[
            Pattern("ipv4", r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]*\d)", 0.85),
            Pattern("ipv6", r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}"
                            r"(?:%\w+)?(?![\w:])", 0.85),
        ], context=["ip", "address", "ips", "logged", "login", "subscriber"],
            global_regex_flags=re.MULTILINE)

    def validate_result(self, pattern_text: str) -> bool:
        """Only strings Python parses as an IP address (and that are not clock times)."""
        try:
            ipaddress.ip_address(pattern_text.split("%")[0])
        except ValueError:
            return False
        return pattern_text.count(":") != 2 or "::" in pattern_text


class UrlPathRecognizer(RegexSpanRecognizer):
    """The path of a URL: who or what it points to. The domain, a platform name, stays."""

    def __init__(self) -> None:
        super().__init__("URL", [(
            r"(?<![@\w.])(?:https?://)?(?:www\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
            r"\.(?:com|net|org|us|gov|edu|info|biz|co|me|ly|tv|io|cc)"
            r"/(?P<value>[^\s\"'<>()\[\]]*[^\s\"'<>()\[\].,;:!?])", 0.9),
            # Blogs whose address is the person: name.tumblr.com
            (r"(?<![@\w.])(?:https?://)?(?:www\.)?(?P<value>[A-Za-z0-9-]+)"
             r"\.(?:tumblr|blogspot|wordpress|livejournal)\.com", 0.9)],
            name="UrlPathRecognizer", flags=re.IGNORECASE)


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


def contact_and_number_recognizers() -> list[EntityRecognizer]:
    """Recognizers of e-mail addresses, phones, handles, case and badge numbers, dates and
    street addresses."""
    phone_context = ["phone", "call", "cell", "number", "text", "txt", "tel", "contact",
                     "reach", "dial", "line", "burner", "prepaid"]
    return [
        _pattern_recognizer("EMAIL", "EmailRecognizer", ignore_case=True, patterns=[
            Pattern("email", r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
                             r"\.[A-Za-z]{2,}(?![\w-])", 0.95)]),
        _pattern_recognizer("PHONE", "PhoneRecognizer", context=phone_context, needs_digit=True,
                            patterns=[
            Pattern("separated", r"(?<![\w/.-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])"
                                 r"\d{3}[\s.-]\d{4}(?![\w-])", 0.85),
            Pattern("bare", r"(?<![\w/.-])(?:\+?1)?\d{10}(?![\w-])", 0.6),
            Pattern("local", r"(?<![\w/.-])\d{3}-\d{4}(?![\w-])", 0.35),
        ]),
        RegexSpanRecognizer("HANDLE", [
            (r"(?<![\w@.])(?P<value>@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)", 0.85)],
            name="HandleRecognizer"),
        _pattern_recognizer("CASE_NUMBER", "CaseNumberRecognizer", context=[
            "case", "report", "incident", "file", "number", "account", "docket"],
            needs_digit=True, patterns=[
            Pattern("dashed", r"(?<![\w/-])(?:[A-Z]{1,4}-?)?\d{2,4}-\d{3,7}(?:-\d{1,6})?"
                              r"(?![\w/-])", 0.6),
            Pattern("lettered", r"(?<![\w-])[A-Z]{2,4}\d{6,10}(?![\w-])", 0.6),
            Pattern("year_code", r"(?<![\w-])(?:19|20)?\d{2}-[A-Z]{1,4}-\d{2,7}(?![\w-])", 0.7),
        ]),
        RegexSpanRecognizer("CASE_NUMBER", [(
            r"(?i:\b(?:case|report|rpt|incident|file|acct|account|docket|ref|cad)\b\.?\s*"
            r"(?:#|no\.?|num(?:ber)?\.?)?\s*:?\s*)(?P<value>#?[A-Z0-9]*\d[A-Z0-9-]{2,})", 0.85)],
            name="CaseNumberContextRecognizer", needs_digit=True),
        RegexSpanRecognizer("BADGE_NUMBER", [(
            r"(?i:\bbadge\s*(?:#|no\.?|num(?:ber)?\.?)?\s*:?\s*)(?P<value>#?[A-Z]{0,2}-?\d{2,7})\b",
            0.9),
            # "Ofc. Diaz (#3302)": a number in brackets straight after a name.
            (r"(?<=[A-Za-z]\s)\((?P<value>#\d{2,7})\)", 0.6)],
            name="BadgeNumberRecognizer", needs_digit=True),
        _pattern_recognizer("DATE", "DateRecognizer", context=[
            "on", "date", "dated", "since", "until", "arrested", "posted", "seized"],
            needs_digit=True, patterns=[
            Pattern("numeric", r"\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-]"
                               r"(?:\d{4}|\d{2})\b", 0.85),
            Pattern("iso", r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.9),
            Pattern("month_day", rf"\b{_MONTH}\.?\s+(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
                                 r"(?:,?\s+(?:19|20)\d{2})?\b", 0.85),
            Pattern("day_month", rf"\b(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+(?:of\s+)?"
                                 rf"{_MONTH}(?:,?\s+(?:19|20)\d{{2}})?\b", 0.85),
            Pattern("month_slash_day", r"(?<![\w/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
                                       r"(?![\w/])", 0.4),
        ]),
        RegexSpanRecognizer("DATE", [(
            r"(?i:\b(?:on|since|until|till|by|before|after|in|from|of|dated)\s+)"
            r"(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\w/])", 0.8)],
            name="MonthDayDateRecognizer", needs_digit=True),
        RegexSpanRecognizer("ADDRESS", [(
            rf"(?P<value>\b\d{{1,6}}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'.-]*\s+){{0,3}}"
            rf"(?:{_STREET_SUFFIXES})\b\.?(?:,?\s+(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|#)"
            r"\s*#?[\w-]+)?)", 0.85)], name="AddressRecognizer", needs_digit=True),
    ]
