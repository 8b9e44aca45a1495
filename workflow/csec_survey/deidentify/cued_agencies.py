"""Presidio recognizer of agencies that capitals do not give away.

Local agencies by acronym ("LAPD", "CCSO", "HCHTTF", "L.A.P.D."), in lower or
mixed case ("dover pd", "rockingham co so", "Cook Co Sheriff", "MARTA police"),
a county's offices ("Kern County CPS"), and state-wide agencies by acronym or by
their state ("GBI", "Texas DPS", "the Ohio AG's office"). Agencies below the
federal level are personal data: they are the respondent's employer.
"""

from __future__ import annotations

import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.deidentify.cued_recognizers import GENERIC_LOWER_LEADS, NOT_NAMES
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import STATE_CODES, words_in

__all__ = ["CuedAgencyRecognizer"]

_AGENCY_ACRONYM = re.compile(
    r"(?<![\w-])(?P<value>[A-Z]{1,5}(?:PD|SO|SD|CSO|DPS|DA|DAO|PS)(?:\s+(?:ICAC|Vice|SVU))?|"
    # Human trafficking task forces ("HCHTTF"), and agencies no tail gives away.
    r"[A-Z]{1,4}HTTF|[A-Z]{1,3}C?[CS]AO|ASP|BCA|MPDC|PPB|LSP|SBI|"
    # "L.A.P.D.", "H.C.S.O.": dotted.
    r"(?:[A-Z]\.){1,4}(?:P\.D\.|S\.O\.))(?![\w-])")
# Acronyms of that shape that name no place: a state-wide or generic office.
_GENERIC_ACRONYMS = frozenset({"DPS", "CSO", "PSO", "ADA", "AUSA", "USDA", "NSO", "DSO", "GPS",
                               "ISO", "MSDS", "SSO", "CDPS", "DDA", "CPS"})
# State-wide agencies by acronym (GBI, FDLE, a state's ICAC task force by its initials),
# in either case; "DPS" or "ICAC" alone is a kind of agency, not one.
_STATE_WIDE_ACRONYMS = ("gbi", "tbi", "fdle", "sled", "osbi", "kbi", "dci", "bci", "mshp", "chp",
                        "wsp", "msp", "nysp", "psp", "vsp", "ohp", "fhp", "thp", "txdps", "azdps",
                        "nmsp", "ncshp", "shp", "ksp", "dcji", "njsp", "wvsp", "nysp", "alea",
                        "ncsbi", "dcfs", "dfps")
_STATE_WIDE_AGENCY = re.compile(
    rf"(?<![\w.-])(?P<value>(?i:{'|'.join(_STATE_WIDE_ACRONYMS)})|"
    rf"(?:{STATE_CODES})\s+(?:ICAC|DPS|BCI|DCI)|(?:{STATE_CODES.lower()})\s+(?:icac|dps))"
    r"(?![\w-])")
_STATE_WIDE_WORDS = frozenset({*_STATE_WIDE_ACRONYMS, "icac", "dps"})
# A word every tail below holds ("co" for "co so", "p" for "p.d."): not "so" or "s",
# which half of all answers hold.
_TAIL_WORDS = frozenset({"pd", "p", "co", "county", "cnty", "parish", "cso", "sheriff",
                         "sheriffs", "police", "da", "das", "mpd", "dps", "constable",
                         "constables", "task", "icac", "lighthorse", "httf"})
_STATE_AGENCY_TAIL = re.compile(r"\b(?:ICAC|DPS|BCI|DCI|SBI|CBI|BCA|DCFS|DFPS|DCF|CPS|AG|Attorney|"
                                r"Rangers|(?i:state\s+(?:police|patrol|troopers)|highway\s+patrol))\b")
# Words for the unit an agency serves, part of its name after a specific word.
_UNIT_WORDS = frozenset({"county", "co", "cnty", "parish", "city", "township", "twp", "village"})
_LOWER_AGENCY_ACRONYM = re.compile(r"(?<![\w.-])[a-z]{1,5}(?:pd|so|sd|dps)(?![\w-])")
# Tails that make any place word before them an agency ("flint pd", "lake co so"), and
# tails that are also English ("so", "police"), which need a lead no dictionary has.
# A regional human trafficking task force by its initials: "metro east httf".
_STRONG_TAILS = (r"pd|p\.d\.|(?:co\.?|county|cnty|parish)\s+(?:so|s\.o\.)|cso|httf|"
                 r"sheriff['\u2019]?s?\s+(?:office|dept\.?|department)|police\s+(?:dept\.?|department)|da['\u2019]?s\s+office|mpd|dps|"
                 r"constables?(?:\s+pct\.?\s*\d+)?|lighthorse(?:\s+police)?|"
                 # A county's office: "cook co sheriff", "kern county cps".
                 r"(?:co\.?|county|parish)\s+(?:sheriff['\u2019]?s?(?:\s+(?:office|dept\.?|department))?|"
                 r"da|cps|dcfs|dss|jail|state['\u2019]?s\s+attorney(?:['\u2019]?s\s+office)?|"
                 r"juvenile\s+(?:court|probation|detention)|probation|community\s+corrections)")
# "so" alone is left out: "laptops w/ aircards so we can" names no agency.
_WEAK_TAILS = r"police|sheriffs?|task\s+force|icac"
# Tails in any case ("Cook Co Sheriff"); leads in any case too ("MARTA police").
_LOWER_AGENCY = re.compile(
    r"(?<![\w'\u2019-])(?P<value>(?P<lead>(?:[A-Za-z][A-Za-z'\u2019-]+\.?\s+){1,3}?)"
    rf"(?i:(?P<strong>{_STRONG_TAILS})|{_WEAK_TAILS}))(?![\w'\u2019-])")
# Federal agencies and national programmes: never the specific lead of a local agency.
_FEDERAL_LEADS = frozenset({"fbi", "hsi", "ice", "dhs", "doj", "usms", "uspis", "atf", "dea",
                            "ncmec", "icac", "us", "federal", "national", "tribal"})
_COUNTY_OFFICE = re.compile(r"(?i)(?:co\.?|county|parish)\s")


class CuedAgencyRecognizer(EntityRecognizer):
    """Agencies by acronym (LAPD, CCSO) or in lower case ("dover pd", "rockingham co so")."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        states = "|".join(sorted(gazetteers.us_states, key=len, reverse=True))
        self._state_named_agency = re.compile(
            rf"(?<![\w-])(?P<value>(?i:{states})\s+(?:(?:ICAC|DPS|BCI|DCI|SBI|CBI|BCA|DCFS|DFPS|"
            r"DCF|CPS)(?:\s+(?:Task\s+Force|task\s+force|unit|Unit))?|Rangers|"
            r"(?i:state\s+(?:police|patrol|troopers)|highway\s+patrol)|"
            r"(?:AG|Attorney\s+General)(?:['\u2019]?s)?(?:\s+[Oo]ffice)?))(?![\w-])")
        super().__init__(supported_entities=["AGENCY"], name="CuedAgencyRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Local agencies' acronyms, and lower-case agency names with a specific lead."""
        # Not a word in capitals that only ends like one: "ALSO", "APPS", "HONDA" (three
        # letters are too few to tell: "SPD", "ISP" are in the word list too).
        results = [RecognizerResult("AGENCY", *m.span("value"), 0.8)
                   for m in _AGENCY_ACRONYM.finditer(text)
                   if (lead := m.group("value").split()[0]) not in _GENERIC_ACRONYMS
                   and not (len(lead) > 3 and lead.lower() in self._words.common_words)
                   and not self._words.is_domain(lead)]
        # State-wide agencies: few enough that naming one points to its people.
        results.extend(RecognizerResult("AGENCY", *m.span("value"), 0.8)
                       for m in (_STATE_WIDE_AGENCY.finditer(text)
                                 if not words_in(text).isdisjoint(_STATE_WIDE_WORDS) else ()))
        if _STATE_AGENCY_TAIL.search(text):
            results.extend(RecognizerResult("AGENCY", *m.span("value"), 0.8)
                           for m in self._state_named_agency.finditer(text))
        # The same in lower case ("lapd", "kcpd"), where it is no English word ("also").
        results.extend(RecognizerResult("AGENCY", *m.span(), 0.75)
                       for m in _LOWER_AGENCY_ACRONYM.finditer(text)
                       if not self._words.is_common(m.group())
                       and m.group().upper() not in _GENERIC_ACRONYMS)
        lower = _LOWER_AGENCY.finditer(text) if not words_in(text).isdisjoint(_TAIL_WORDS) else ()
        for match in lower:
            lead = match.group("lead").split()
            # Only the specific words of the lead: "called the dover pd" starts at "dover".
            specific: list[str] = []
            for word in reversed(lead):
                bare = word.rstrip(".").lower()
                # "rudwick county sheriffs office": the county word is part of the name.
                county_word = bare in _UNIT_WORDS and not specific
                # Before a capitalised tail a name is capitalised: "Please credit Dover PD".
                capitalised_tail = not text[match.end("lead"):match.end("value")].islower()
                if not county_word and (bare in GENERIC_LOWER_LEADS or bare in NOT_NAMES
                                        or bare in _FEDERAL_LEADS
                                        or (capitalised_tail and word[0].islower()) or (
                        not match.group("strong") and self._words.is_common(bare))):
                    break
                specific.insert(0, word)
            if specific and specific[0].rstrip(".").lower() in _UNIT_WORDS:
                specific = []
            if specific:
                start = match.end("lead") - len(" ".join(specific)) - 1
                # "Elkhart County CPS": the county's office, not the county (a PLACE, 0.85).
                office = _COUNTY_OFFICE.match(match.group("value"), match.end("lead")
                                              - match.start("value"))
                results.append(RecognizerResult("AGENCY", start, match.end("value"),
                                                0.9 if office else 0.8))
        return results
