"""Presidio recognizers that match personal data by its form: numbers and dates.

Case, tip, report, badge and account numbers and wallet addresses, calendar
dates (holidays with a year too), and each respondent's own metadata (addresses
are `address_recognizers`, IP addresses and URLs `network_recognizers`).
Recognizers whose every pattern needs a digit skip the many answers that have
none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from presidio_analyzer import EntityRecognizer, Pattern, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.context_words import ContextWords

__all__ = ["STATE_CODES", "PlateRecognizer", "RegexSpanRecognizer", "number_recognizers",
           "own_metadata_recognizer", "words_in"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_DIGIT = re.compile(r"\d")
# "early spring 2011", "the first week of march 2012".
_PART_OF = (r"(?:early|late|mid|middle\s+of|end\s+of|beginning\s+of|(?:the\s+)?(?:first|second|"
            r"third|fourth|last)\s+(?:week|weekend)\s+of|(?:the\s+)?(?:week|weekend|night)\s+of)"
            r"[\s-]+")
# A year in full, or cut short after an apostrophe ("May '11"); "summer of 09".
_YEAR = r"(?:(?:19|20)\d{2}\b|['\u2019]\d{2}\b|(?<=of\s)0\d\b)"
_WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?"
_CASE_CUES = frozenset({
    "case", "report", "rpt", "incident", "file", "acct", "account", "docket", "ref", "cad",
    "tip", "dr", "inc", "mtcn", "cyber", "cybertip", "cybertipline", "ct", "ncmec", "complaint",
    "warrant", "subpoena", "order", "inmate", "booking", "dl", "license", "plate", "tag", "vin",
    "imei", "serial", "id", "receipt", "transaction", "tracking", "card", "wallet", "routing",
    "cases", "reports", "tips", "files", "accounts", "cards", "item", "evidence", "exhibit",
    "ticket", "citation", "moneypak", "reloadit", "voucher", "confirmation", "cr", "cause"})
_HOLIDAYS = (r"christmas|xmas|thanksgiving|easter|halloween|new\s+year['\u2019]?s|"
             r"labor\s+day|memorial\s+day|independence\s+day|july\s+4th|4th\s+of\s+july|"
             r"fourth\s+of\s+july|valentine['\u2019]?s|super\s+bowl|spring\s+break|"
             r"mardi\s+gras|black\s+friday|(?:kentucky\s+)?derby(?:\s+week)?|prom|"
             r"homecoming|st\.?\s+patrick['\u2019]?s|st\.?\s+paddy['\u2019]?s|nye")
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


class _CuedNumberRecognizer(RegexSpanRecognizer):
    """Named patterns that each need a digit: most answers have none, and skipping them
    saves running each pattern over the text. A date needs more: a month, season or
    holiday, or two numbers joined ("10/9"). A match with one of the ``cues`` before it
    scores higher (`ContextWords`)."""

    def __init__(self, entity: str, name: str, patterns: Sequence[Pattern], cues: Iterable[str],
                 flags: int = 0) -> None:
        super().__init__(entity, [(f"(?P<value>{pattern.regex})", pattern.score)
                                  for pattern in patterns],
                         name=name, flags=re.MULTILINE | flags, needs_digit=True)
        self.cues = ContextWords(cues)

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """The patterns' matches, on texts that hold a digit (and a date's hint)."""
        if self.supported_entities == ["DATE"] and words_in(text).isdisjoint(_DATE_WORDS) \
                and not _JOINED_NUMBERS.search(text):
            return []
        return self.cues.weigh(text, super().analyze(text, entities, nlp_artifacts))


_NUMBER_WORD = (r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
                r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)")
_READ_OCTET = rf"(?:\d{{1,3}}|{_NUMBER_WORD}(?:[\s-]+(?:and\s+)?{_NUMBER_WORD}){{0,3}})"
_ORDINAL_DAY = r"(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
# The end of a range of days; in words only where nothing follows ("May 3 and 4 girls").
_TO_DAY = (rf"(?:\s*[-\u2013]\s*{_DAY}|\s+(?:to|and|through|thru)\s+{_DAY}"
           r"(?=\s*(?:[,.;)]|$)))(?![\d:])")
# What an ordinal names when it is not a day: "the 3rd grade", "the 4th street".
_NOT_A_DAY = (r"(?!\s+(?:grade|graders?|floor|street|st|ave|avenue|amendment|circuit|district|"
              r"precinct|ward|time|place|try|day|page))")
_ORDINAL_WORD = (r"(?:(?:(?:twenty|thirty)[\s-])?(?:first|second|third|fourth|fifth|sixth|"
                 r"seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|"
                 r"fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_DATE_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
    "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
    "november", "dec", "december", "spring", "summer", "fall", "autumn", "winter", "christmas",
    "xmas", "thanksgiving", "easter", "halloween", "year", "years", "labor", "memorial",
    "independence", "valentine", "valentines", "super", "mardi", "black", "st", "nd", "rd", "th",
    "derby", "prom", "homecoming", "fest", "festival", "rally", "fair", "expo", "con", "classic",
    "bowl", "sxsw", "week", "nye"})
_JOINED_NUMBERS = re.compile(r"\d[/.-]\d")
# A plate or part of one: letters and digits, a digit among them, in up to two groups.
_PLATE = r"(?=[A-Z0-9]{0,4}[\s-]?[A-Z0-9]{0,4}\d)[A-Z0-9]{1,4}(?:[\s-]?[A-Z0-9]{1,4})?(?<=\w{2})"
# Two numbers joined that are a share ("3/4 of", "1/2 and 1/2") or the attacks ("9/11").
_SHARE_OR_EVENT = r"(?!(?:1/[23458]|[23]/3|3/4|[357]/8|[234]/5|1/10|9/11)(?!\d))"


class PlateRecognizer(RegexSpanRecognizer):
    """Licence plates, whole or partial, one or a list, after a word that says so."""

    def __init__(self) -> None:
        super().__init__("CASE_NUMBER", [
            # "plate GKR 4419", "tag, 7TRB 221", "plates: TRQ-904 and BNN 318".
            (rf"(?i:\b(?:plates?|tags?)(?:\s+(?:on|of)\s+(?:the|his|her|a)\s+[a-z]+)?"
             r"(?:\s+(?:#|no\.?|number))?(?:\s+(?:was|were|is|are|reads?|started\s+with))?"
             # A state's code before it is no part of it: "plate, OK 2AB-441".
             rf"\s*[:,]?\s*[\"'\u201c]?(?:(?:{STATE_CODES})\s+(?=\w*\d))?)"
             rf"(?P<value>{_PLATE}(?:(?:,\s*(?i:and\s+)?|"
             rf"\s+(?i:and|&)\s+){_PLATE})*)(?![\w-])", 0.85,
             frozenset({"plate", "plates", "tag", "tags"})),
            # Part of one: "a partial: 4JK", "partial plate, K7", "three letters of the plate".
            (r"(?i:\bpartial(?:\s+(?:plate|tag))?\s*[:,]?\s*[\"'\u201c]?)"
             r"(?P<value>(?=[A-Z]{0,3}\d)[A-Z0-9]{2,4})(?![\w-])", 0.8, frozenset({"partial"})),
            (r"(?i:\bletters\s+of\s+the\s+(?:plate|tag)\s*[:,]?\s*[\"'\u201c]?)"
             r"(?P<value>[A-Z0-9]{2,4})(?![\w-])", 0.8, frozenset({"letters"})),
        ], name="PlateRecognizer")

    def accept(self, text: str, match: re.Match[str]) -> bool:
        """Each plate letters and digits, or five digits ("a tag is 20 bucks" holds none),
        or letters alone where the answer says they are a plate's."""
        if match.group().lower().startswith("letters"):
            return True
        plates = [plate for plate in re.split(r"(?i),|\band\b|&", match.group("value"))
                  if plate.strip()]
        return all(re.search(r"\d", plate) and (re.search(r"[A-Z]", plate) or
                                               sum(map(str.isdigit, plate)) >= 5)
                   for plate in plates)


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
    """Recognizers of case, tip, account and badge numbers, and dates."""
    return [
        _CuedNumberRecognizer("CASE_NUMBER", "CaseNumberRecognizer", cues=[
            # Not "number": a phone number is one too.
            "case", "report", "incident", "file", "account", "docket", "cybertip", "tip",
            "reference", "tracking", "mtcn", "confirmation", "transaction", "receipt"],
            patterns=[
            Pattern("dashed", r"(?<![\w/-])(?:[A-Z]{1,4}-?)?\d{2,4}-\d{3,7}(?:-[A-Z0-9]{1,6})?"
                              r"(?![\w/-])", 0.6),
            Pattern("lettered", r"(?<![\w-])(?:[A-Z]{1,4}|[a-z]{2,4})\d{6,10}(?![\w-])", 0.6),
            Pattern("year_code", r"(?<![\w-])(?:19|20)?\d{2}-[A-Z]{1,4}-\d{2,7}(?![\w-])", 0.7),
            # "a CyberTip came in, 1620459": six digits or more count only after a cue.
            Pattern("plain", r"(?<![\w$#.,/:-])\d{6,11}(?![\w%/:-]|[.,]\d)", 0.2),
        ]),
        RegexSpanRecognizer("CASE_NUMBER", [(
            r"(?i:\b(?:case|report|rpt|incident|file|acct|account|docket|ref|cad|tip|dr|inc|mtcn|"
            r"cyber\s?tip(?:line)?|ct|ncmec|complaint|warrant|subpoena|order|inmate|"
            r"booking|dl|license|plate|tag|vin|imei|serial|id|receipt|transaction|"
            r"tracking|card|wallet|routing|item|evidence|exhibit|ticket|citation|moneypak|"
            r"reloadit|voucher|confirmation|cr|cause)s?\b\.?\s*(?:report\s*)?"
            r"(?:#|no\.?|num(?:ber)?\.?|number was|was|is)?\s*:?\s*)"
            # "HT-0091", "1Z 84E 290 03 4471": letters, digits, spaced groups.
            r"(?P<value>#?(?=[A-Z0-9,:-]{3}|[A-Z0-9]{1,2}\s[A-Z0-9]*\d)(?:[A-Z]{1,4}-)?"
            r"[A-Z0-9]*\d[A-Z0-9,:-]*[A-Z0-9]"
            r"(?:\s(?=[A-Z0-9-]{2,}\b)[A-Z0-9]*\d[A-Z0-9-]*)*)", 0.85, _CASE_CUES),
            # A classified ad's own number points to its poster: "ad 40711296", "ads
            # 70331985, 70331986 and 70332410", "the second ad, 8812004".
            (r"(?i:\b(?:ads?|listings?|postings?)(?:\s+(?:#|no\.?|num(?:ber)?s?|ids?))?"
             r"\s*[:#(,]?\s*)(?P<value>\d{6,11}(?:(?:,\s*|\s+(?i:and|&)\s+)\d{6,11})*)(?![\w-])",
             0.85, frozenset({"ad", "ads", "listing", "listings", "posting", "postings"})),
            # A federal docket ("4:12-cr-00388"), a lettered tip ("CT-1402287").
            (r"(?<![\w:-])(?P<value>\d:\d{2}-(?:cr|cv|mj|mc|po)-\d{3,6}(?:-[A-Z0-9]+)?)"
             r"(?![\w-])", 0.85, frozenset({"cr", "cv", "mj", "mc", "po"})),
            (r"(?<![\w-])(?P<value>[A-Z]{1,4}-\d{5,10}(?:-[A-Z0-9]{1,6})?)(?![\w-])", 0.7),
            # "#88213", "no. 4471": a number anyone could look up.
            (r"(?<![\w#&])#\s?(?P<value>[A-Z]{0,3}-?\d{3,}[A-Z0-9-]*)", 0.6),
            # Card and account tails: "ending in 4821", "last four 0093", "xxxx-4821".
            (r"(?i:\b(?:ending(?:\s+in)?|ended\s+in|pass\s?code|pin|last\s+(?:four|4)(?:\s+digits)?(?:\s+of)?|"
             r"(?:x{2,}|\*{2,})[\s-]?)\s*(?:were|was|is|are)?\s*(?:#\s*)?)(?P<value>\d{4})\b",
             0.85)],
            name="CaseNumberContextRecognizer", needs_digit=True),
        PlateRecognizer(),
        RegexSpanRecognizer("CASE_NUMBER", [(
            # Twelve digits or more in one piece: IMEIs, card and account numbers.
            r"(?<![\w.-])(?P<value>\d{12,19})(?![\w-])", 0.8), (
            # Card numbers in their printed groups: "4060 3318 7721 0043", "3782 822463 10005".
            # Twelve in three groups too, read off a prepaid card ("7720 4418 0913"), not years.
            r"(?<![\w.-])(?!(?:19|20)\d\d[ -](?:19|20)\d\d\b)"
            r"(?P<value>\d{4}(?:([ -])\d{4}\2\d{4}(?:\2\d{4})?|([ -])\d{6}\3\d{5}))"
            r"(?![\w-])", 0.8), (
            # A MAC address, a device's own: "00:1F:3C:8A:22:7D", "A4-5E-60-C1-3B-9F".
            r"(?<![\w:-])(?P<value>[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\2){4}[0-9A-Fa-f]{2})"
            r"(?![\w:-])", 0.8), (
            # A Nextel Direct Connect ID: "161*42*8830".
            r"(?<![\w*])(?P<value>\d{2,3}\*\d{1,4}\*\d{2,5})(?![\w*])", 0.8), (
            # A BlackBerry PIN: eight hexadecimal characters, digits and letters mixed.
            r"(?<![\w-])(?P<value>(?=[0-9A-F]*\d)(?=[0-9A-F]*[A-F])[0-9A-F]{8}|"
            r"(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8})(?![\w-])", 0.7), (
            # Wallet addresses, keys, hashes: sixteen letters and digits or more, mixed.
            r"(?<![\w])(?P<value>(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{16,100})(?![\w])",
            0.85)], name="WalletRecognizer", needs_digit=True),
        # "555-0118 ext 22": the extension goes with its number.
        RegexSpanRecognizer("PHONE", [(
            r"(?<=\d\s)(?P<value>(?i:ext\.?|extension)\s*\d{1,5})\b", 0.8,
            frozenset({"ext", "extension"}))], name="PhoneExtensionRecognizer",
            needs_digit=True),
        # "ninety eight dot fourteen dot two dot one ten": an address read out.
        RegexSpanRecognizer("IP_ADDRESS", [(
            rf"(?i)\b(?P<value>{_READ_OCTET}(?:\s+dot\s+{_READ_OCTET}){{3}})\b", 0.8,
            frozenset({"dot"})), (
            # "ip 198 51 100 7": its dots lost.
            r"(?i:\bip(?:\s+address)?(?:\s+(?:was|is))?\s*:?\s*)(?P<value>\d{1,3}(?:\s+\d{1,3}){3})\b",
            0.8, frozenset({"ip"}))], name="ReadOutIpRecognizer"),
        RegexSpanRecognizer("BADGE_NUMBER", [(
            # "P# 4417", "PN 2290", "PR# 771": a personnel number by its initials.
            r"(?i:\b(?:badge|shield|unit|id|employee|payroll|star|dsn|serial|pn|pr?(?=\s?#))\s*"
            r"(?:#|no\.?|num(?:ber)?\.?)?\s*(?:is|was)?\s*:?\s*)"
            r"(?P<value>#?(?:(?:[A-Z]{1,3}\d?-?)?\d{2,7}(?:-?[A-Z])?|\d[A-Z]\d{1,4}))\b", 0.9),
            # A number in brackets straight after a name: "Ofc. Diaz (#3302)", "Sgt Okonkwo
            # (6620)", "Ofc Reyes (P-4410)"; not "Crystal (17)", an age.
            (r"(?<=[A-Za-z]\s)\((?P<value>#[A-Z]{0,2}-?\d{2,7}|[A-Z]{1,2}-\d{2,7}|\d{3,7})\)",
             0.6)],
            name="BadgeNumberRecognizer", needs_digit=True, flags=re.IGNORECASE),
        _CuedNumberRecognizer("DATE", "DateRecognizer", cues=[
            "date", "dated", "arrested", "posted", "seized"], flags=re.IGNORECASE, patterns=[
            Pattern("numeric", r"\b(?:0?[1-9]|1[0-2])[/.-](?:0?[1-9]|[12]\d|3[01])[/.-]"
                               r"(?:\d{4}|\d{2})\b", 0.85),
            Pattern("iso", r"\b(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b", 0.9),
            # "Sunday, Nov. 4", "the weekend of july 4th 2012".
            # A range of days goes whole: "Sept. 5-7", "APR 18-20, 2013", "3-5 Jan 2015".
            Pattern("month_day", rf"\b(?:{_WEEKDAY},?\s+|{_PART_OF})?{_MONTH}\.?\s+"
                                 rf"{_DAY}(?:{_TO_DAY})?(?:,?\s+{_YEAR})?\b", 0.85),
            Pattern("day_month", rf"(?:\bthe\s+)?\b{_DAY}(?:{_TO_DAY})?\s+"
                                 rf"(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", 0.85),
            Pattern("month_slash_day", r"(?<![\w/])(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
                                       r"(?![\w/])", 0.4),
            Pattern("holiday_year", rf"\b(?:{_HOLIDAYS})(?:\s+(?:eve|day|weekend|night|sunday))*"
                                    rf",?\s+(?:of\s+)?{_YEAR}", 0.8),
            Pattern("month_year", rf"\b(?:{_PART_OF})?{_MONTH}\.?,?\s+(?:of\s+)?{_YEAR}", 0.7),
            Pattern("season_year", rf"\b(?:{_PART_OF})?(?:spring|summer|fall|autumn|winter)\s+"
                                   rf"(?:of\s+)?{_YEAR}", 0.7),
            # "CMA Fest 2012", "SXSW 2013": an event of one year is a date.
            # In capitals only, whatever the recognizer's flags: not "during the week 2012".
            Pattern("event_year", rf"\b(?-i:(?:[A-Z][\w&'-]*\s+){{1,2}}(?:Fest|Festival|"
                                  rf"Rally|Fair|Expo|Con|Classic|Bowl|Week)|SXSW|Comic-Con)"
                                  rf"\s+{_YEAR}",
                    0.7),
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
        # "the second of March", "The twelfth of November": a day in words.
        RegexSpanRecognizer("DATE", [(
            # Not "of may", a verb, nor the Fourth of July, a holiday (with a year, a date).
            rf"(?i)\b(?!(?:the\s+)?fourth\s+of\s+july\b(?!,?\s+{_YEAR}))"
            rf"(?P<value>(?:the\s+)?{_ORDINAL_WORD}\s+of\s+(?-i:{_MONTH})\b(?:,?\s+{_YEAR})?)",
            0.7, frozenset({"of"}))], name="DayInWordsRecognizer"),
        # "on the 23rd", "last tuesday the 12th": a day of the month, its weekday with it.
        RegexSpanRecognizer("DATE", [(
            r"(?i:\b(?:on|since|until|till|by|before|after)\s+the\s+)"
            rf"(?P<value>{_ORDINAL_DAY}){_NOT_A_DAY}",
            0.7, frozenset({"on", "since", "until", "till", "by", "before", "after"})), (
            rf"(?i)\b(?P<value>{_WEEKDAY}\s+the\s+{_ORDINAL_DAY}){_NOT_A_DAY}", 0.7,
            frozenset({"the"})), (
            # "the 22nd, the 23rd, the 24th", "the 3rd of every month": days, listed or due.
            rf"(?i:\bthe\s+)(?P<value>{_ORDINAL_DAY}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)the\s+"
            rf"{_ORDINAL_DAY})+|"
            rf"{_ORDINAL_DAY}(?=\s+of\s+(?:every|each|the|this|that|last|next)\s+month\b))",
            0.7, frozenset({"the"}))],
            name="DayOfMonthRecognizer", needs_digit=True),
        RegexSpanRecognizer("DATE", [(
            r"(?i:\b(?:on|since|until|till|by|before|after|in|from|of|dated|around|is|was|"
            r"between|and|thru|through|to|til|recovered|found|arrested|located|picked\s+up|sent|"
            r"served|responded|received|requested|returned|filed|interviewed|contacted|met|"
            r"booked|charged|indicted|sentenced)(?:\s+(?:the\s+)?(?:vic|victim|juv|susp|suspect))?\s+)"
            rf"{_SHARE_OR_EVENT}(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\w/])"
            r"(?!\s+of\b)", 0.8),
            # "10/9 we got a call", "10/10 - meet set": opening an answer or a line of
            # one, as a log entry does.
            (r"(?:^|(?<=[.;]\s))(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))"
             r"(?=\s+(?!of\b)[a-z]|\s*[-:\u2013]\s)", 0.8),
            # After a word ("came 8/2 and"), unless a share ("3/4 of them") or "9/11".
            (rf"(?<=[a-z]\s){_SHARE_OR_EVENT}"
             r"(?P<value>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\w/%])"
             r"(?!\s+(?:of|the|to|girls|kids|cases|split|scale)\b)", 0.7)],
            name="MonthDayDateRecognizer", needs_digit=True, flags=re.I | re.M),
    ]

