"""Presidio recognizer of towns and counties that capitals do not give away.

"out of bangor", "las cruces", "dunmore co", "grew up in Why", "chi-town": a
listed town in lower case, a lower-case county, a word after a place
preposition, and what towns are called on the street. And towns come in
lists: `places_beside` finds a listed town joined to a place already found
("Salem, Bend and Medford"), though on its own the word would be an everyday one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.alternation import trie_alternation
from csec_survey.deidentify.cued_recognizers import (
    GENERIC_LOWER_LEADS,
    LOWER_WORD,
    NOT_NAMES,
    lower_words,
)
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import STATE_CODES, names_a_platform, words_in

__all__ = ["CuedPlaceRecognizer", "places_beside"]

_PLACE_CUES = trie_alternation(
    ("out of", "outside of", "outside", "near", "up in", "down in", "over in", "based in",
     "located in", "moved to", "lives in", "lived in", "living in", "from", "in", "to",
     "around", "through", "toward", "towards", "via"), space=r"\s+")


class CuedPlaceRecognizer(EntityRecognizer):
    """Towns and counties that capitals do not give away: a listed town in lower case
    ("out of bangor", "las cruces"), a lower-case county ("dunmore co"), an unknown word
    after a place preposition, and a capitalised word after one inside a sentence
    ("grew up in Why")."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        # Single words that English mostly writes in lower case ("mobile") are left out.
        towns = [city.lower().replace(".", "").split() for city in gazetteers.us_cities
                 if " " in city or not gazetteers.is_ordinary(city)]
        self._towns = frozenset(" ".join(words) for words in towns) - {
            state.lower() for state in gazetteers.us_states}
        self._state_words = frozenset(word for state in gazetteers.us_states
                                      for word in state.split())
        self._longest = max(len(words) for words in towns)
        self._lower_state_words = frozenset(word.lower() for word in self._state_words)
        # "Nevada, MO": a state's name before a state's code is a town (not "Washington, DC").
        self._state_named_town = re.compile(
            rf"(?<![\w-])(?:{'|'.join(sorted(gazetteers.us_states, key=len, reverse=True))})"
            rf"(?=,?\s+(?!DC\b)(?:{STATE_CODES})\b)")
        self._town_starts = frozenset(words[0] for words in towns)
        # "dunmore co", and "Yakima county", "PG county": a county word in lower case.
        lead = rf"(?:{LOWER_WORD}|[A-Z][A-Za-z'\u2019-]*)"
        self._county = re.compile(rf"(?<![\w'-])(?P<value>{lead}(?:\s+{lead})?"
                                  r"\s+(?:county|co\.?|parish|cnty))(?![\w'-])")
        self._after_cue = re.compile(
            rf"(?i:\b(?:{_PLACE_CUES})\s+(?!(?:{_PLACE_CUES})\b))(?:the\s+)?(?P<value>{LOWER_WORD}|"
            r"[A-Z][a-z'\u2019-]+(?:\s+(?:and\s+)?[A-Z][a-z'\u2019-]+){0,2})")
        super().__init__(supported_entities=["PLACE"], name="CuedPlaceRecognizer")

    def load(self) -> None:
        """Nothing to load."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Lower-case counties and towns, and words a place preposition points at."""
        results = []
        present = words_in(text)
        counties = self._county.finditer(text) if not present.isdisjoint(_COUNTY_WORDS) else ()
        for match in counties:
            words = match.group("value").split()
            # "lake county" is one; "this county", "get the county" are not.
            generic = [i for i, word in enumerate(w.lower() for w in words[:-1])
                       if word in NOT_NAMES or word in _NOT_COUNTIES
                       or word in GENERIC_LOWER_LEADS]
            words = words[generic[-1] + 1:] if generic else words
            # "i work Benton county": a name in capitals starts at its capital.
            while len(words) > 2 and words[0][0].islower() and words[1][0].isupper():
                words = words[1:]
            if len(words) > 1:
                end = match.end("value")
                results.append(RecognizerResult("PLACE", end - len(" ".join(words)), end, 0.75))
        if not present.isdisjoint(self._town_starts):
            results.extend(self._lower_case_towns(text))
        results.extend(RecognizerResult("PLACE", *m.span(), 0.65)
                       for m in (_TOWN_NICKNAMES.finditer(text)
                                 if not present.isdisjoint(_NICKNAME_WORDS) else ()))
        # Above a name's score: "Fort Riley" is the base, not a Riley.
        results.extend(RecognizerResult("PLACE", *m.span(), 0.85)
                       for regex, words in _WHERE_NO_LIST_HOLDS if not present.isdisjoint(words)
                       for m in regex.finditer(text))
        # "Backpage Tacoma", "MyRedbook OC": a classified site's section is its town.
        for match in _SITE_SECTION.finditer(text) if not present.isdisjoint(_SITE_WORDS) else ():
            first = match.group("value").split()[0]
            # A town that is also a car or a tribe ("Tacoma") is the town here.
            if first.lower() not in _SECTION_NAMES and (
                    not self._words.is_domain(first) or first in self._words.us_cities) and \
                    first not in self._state_words and not names_a_platform(first):
                results.append(RecognizerResult("PLACE", *match.span("value"), 0.7))
        if not present.isdisjoint(_DIRECTIONS):
            results.extend(RecognizerResult("PLACE", *m.span(), 0.7)
                           for m in _TOWN_PARTS.finditer(text))
            results.extend(RecognizerResult("PLACE", *m.span(), 0.7)
                           for m in _DIRECTED_TOWN.finditer(text)
                           if m.group("town") in ("LA", "NY", "SF") or
                           (m.group("town") in self._words.us_cities and
                            m.group("town") not in self._words.us_states))
        if not present.isdisjoint(self._lower_state_words):
            results.extend(RecognizerResult("PLACE", *m.span(), 0.7)
                           for m in self._state_named_town.finditer(text))
        for match in self._after_cue.finditer(text):
            value = match.group("value")
            first = value.split()[0]
            if first[0].islower():
                if len(value) > 3 and value not in NOT_NAMES and not self._words.is_common(value) \
                        and not self._words.is_misspelt(value):
                    results.append(RecognizerResult("PLACE", *match.span("value"), 0.6))
            elif self._names_a_place(first) and not names_a_platform(first):
                # Above an unknown word's PERSON (0.55): after "in", a place.
                results.append(RecognizerResult("PLACE", *match.span("value"), 0.6))
        return results

    def _lower_case_towns(self, text: str) -> list[RecognizerResult]:
        words = lower_words(text)
        results = []
        for index, match in enumerate(words):
            if match.group() not in self._town_starts or (
                    results and match.start() < results[-1].end):
                continue
            # The longest listed town from here: "salt lake city" before "salt".
            last = index
            while last + 1 < len(words) and last - index + 1 < self._longest and \
                    text[words[last].end():words[last + 1].start()] in (" ", ". "):
                last += 1
            for end in range(last, index - 1, -1):
                name = text[match.start():words[end].end()].replace(".", "")
                if name in self._towns:
                    if self._town_in_lower_case(text, list(words[index:end + 1])):
                        results.append(RecognizerResult("PLACE", match.start(),
                                                        words[end].end(), 0.65))
                    break
        return results

    def _town_in_lower_case(self, text: str, words: list[re.Match[str]]) -> bool:
        """A listed town in lower case: one that is no everyday word ("spokane", "las
        cruces"), ends in a town word ("jersey city"), or follows a place preposition
        ("through vegas", "in pine bluff"; not "the credit union")."""
        names = [w.group() for w in words]
        if len(names) == 1 and (len(names[0]) < 3 or names[0] in NOT_NAMES):
            return False
        if _AFTER_ARTICLE.search(text, 0, words[0].start()) and len(names) > 1 and \
                names[0] not in _TOWN_OPENINGS and \
                not any(self._words.is_capitalised(name) for name in names):
            return False  # "a new city", "the state line": a common noun
        if any(not self._words.is_common(name) or self._words.is_capitalised(name)
               for name in names) or (len(names) > 1 and (names[-1] in _TOWN_ENDINGS
                                                          or names[0] in _TOWN_OPENINGS)):
            return True
        return _AFTER_PLACE_CUE.search(text[max(0, words[0].start() - 16):words[0].start()]) \
            is not None

    def _names_a_place(self, word: str) -> bool:
        """A capitalised word after a place preposition that is no month, title, unit or
        other word of this field ("in March", "to Vice")."""
        return not (self._words.is_domain(word) or word in _NOT_PLACES
                    or word in self._state_words)


_AFTER_ARTICLE = re.compile(r"\b(?:a|an|the|this|that|every|each|another|any|some|one|new)\s+$")
_AFTER_PLACE_CUE = re.compile(rf"(?i:\b(?:{_PLACE_CUES})\s+(?:the\s+)?)$")
_NOT_COUNTIES = frozenset({"next", "adjacent", "surrounding", "whole", "entire", "home",
                           "crossed", "cross", "crossing", "multi", "multiple", "different",
                           "several", "other", "two", "three", "neighboring", "rural",
                           "same", "populous", "poorest", "largest", "smallest", "biggest",
                           "neighbor", "one", "every", "each", "per", "by", "our", "that"})
# What towns, parts of towns and parts of states are called (Safe Harbor removes every
# unit below a state): no list of places holds these.
_TOWN_NICKNAMES = re.compile(
    r"(?i)(?<![\w@./-])(?:chi-?town|okc|indy|philly|nola|atl|nyc|slc|stl|abq|phx|pdx|kc|"
    r"h-?town|motown|beantown|frisco|sin\s+city|the\s+big\s+easy|bmore|cbus|vegas|"
    r"va\s+beach|west\s+palm|st\.?\s+joe|bed[\s-]?stuy|s\.f\.|rva|rgv|nwa|socal|norcal|"
    r"rio\s+grande\s+valley|inland\s+empire|(?<=the\s)ie|upper\s+peninsula|mat-su|"
    r"(?:twin|tri|quad)[\s-]cities|bay\s+area|low\s?country|hill\s+country|o-town|"
    # Parts of states by a common phrase: "the panhandle", "the OC", "down east".
    r"(?<=the\s)panhandle|(?<=the\s)(?-i:OC)|(?-i:[Dd]own\s+[Ee]ast(?!\s+[A-Z]))|"
    # A city by its nickname after "the", in capitals: "the Lou", "the Strip" (not "the strip
    # club"), "the Windy City".
    r"(?<=the\s)(?-i:Chi|Lou|Strip|Bay|Nati|Burgh|Big\s+D|Big\s+Apple|Windy\s+City|"
    r"Motor\s+City|Magic\s+City|Queen\s+City|Crescent\s+City|Mile\s+High(?:\s+City)?)"
    r"(?!\s+(?i:club|clubs|mall|joint))"
    r")(?![\w@/-])")
# Where people are that no town list holds: military bases ("Minot AFB", "Ft Sill",
# "Camp Lejeune", "JBLM"), tribal lands ("the Navajo Nation"), the big airports by their
# codes, and the regions a state is talked of in ("the Front Range", "East Texas").
_BASES_AND_LANDS = re.compile(
    r"(?<![\w-])(?:(?:[A-Z][a-z]+\s+){1,2}(?:AFB|ANGB|Air\s+Force\s+Base|Naval\s+Air\s+Station)|"
    r"NAS\s+[A-Z][a-z]+|(?:Camp|Fort|Ft\.?)\s+[A-Z][a-z]+|JB(?:LM|SA|PHH|MDL|LE|AB)|"
    r"(?:(?!(?:The|A|An|Our|This|That)\s)[A-Z][\w'-]+\s+){1,3}"
    r"(?:Nation|Reservation|Indian\s+Community|Rancheria))(?![\w-])")
_AIRPORTS = re.compile(
    r"(?<![\w-])(?:LAX|ORD|DFW|JFK|SFO|SEA|MCO|EWR|CLT|PHX|IAH|BOS|MSP|FLL|DTW|PHL|LGA|BWI|"
    r"SLC|IAD|DCA|MDW|TPA|BNA|MSY|RDU|SJC|SMF|SNA|MCI|CVG|CMH|SAT|OAK|HOU|DAL|ABQ|ONT)"
    r"(?![\w-])")
_REGIONS = re.compile(
    r"(?<![\w-])(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|"
    r"Upstate|Downstate|NW|NE|SW|SE)\s+(?!(?:Carolina|Dakota|Virginia)\b)(?:Texas|Florida|Illinois|"
    r"Kentucky|Jersey|Georgia|Ohio|Indiana|Michigan|Missouri|Oregon|Washington|Arkansas|"
    r"Louisiana|Alabama|Tennessee|Pennsylvania|California|Cal|Colorado|Idaho|Montana|"
    r"Kansas|Oklahoma|Nevada|Arizona|Iowa|Wisconsin|Minnesota|New\s+York|New\s+Mexico|"
    r"Panhandle|Slope|Shore|Tier|Kingdom)|Front\s+Range|Panhandle|Outer\s+Banks|"
    r"Triangle|Triad|Upstate|North\s+Country|Capital\s+Region|Treasure\s+Valley|"
    r"Wasatch\s+Front|Black\s+Hills|Silicon\s+Valley|High\s+Desert|Antelope\s+Valley|"
    r"Coastal\s+Bend|Central\s+Valley|Metro\s+East|Permian\s+Basin|Poconos|NoVA|"
    r"Florida\s+Keys|Gulf\s+Coast|(?:East|West)\s+Valley|NoVa)(?![\w-])")
# Not a street's suffix before the next sentence: "lived on Elm St. She left".
_SAINTS = re.compile(r"(?<![\w-])(?:St|Ste|Saint)\.?\s+(?!(?:She|He|We|They|It|The|Then|There|"
                     r"This|That|His|Her|Our|Their|Was|Is)\b)[A-Z][a-z]+(?:['\u2019]s)?(?![\w-])")
# Each runs only where one of its words is: most answers hold none.
_SITE_WORDS = frozenset({"backpage", "craigslist", "myredbook", "redbook", "cityvibe", "eros",
                         "locanto", "bedpage", "cl", "bp"})
_SITE_SECTION = re.compile(
    rf"(?i:\b(?:{'|'.join(sorted(_SITE_WORDS))})\s+)(?P<value>[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){{0,2}})")
# A site's sections that are no towns: "Backpage Escorts", "Craigslist Casual Encounters".
_SECTION_NAMES = frozenset({"escorts", "escort", "adult", "personals", "casual", "encounters",
                            "women", "men", "body", "rubs", "services", "dating", "massage",
                            "ads", "ad", "section", "and", "or", "is", "was", "posts",
                            "the", "a", "i", "we", "he", "she", "they", "but", "so", "then",
                            "erotic", "missed", "connections", "strictly", "platonic", "tss",
                            "ts", "transsexual", "male", "female", "dom", "fetish", "location",
                            "city", "account", "accounts", "page", "profile", "user"})
_WHERE_NO_LIST_HOLDS = (
    (_BASES_AND_LANDS, frozenset({"afb", "angb", "air", "naval", "nas", "camp", "fort", "ft",
                                  "jblm", "jbsa", "jbphh", "jbmdl", "jble", "jbab", "nation",
                                  "reservation", "community", "rancheria"})),
    (_AIRPORTS, frozenset(code.lower() for code in re.findall(r"[A-Z]{3}", _AIRPORTS.pattern))),
    (_REGIONS, frozenset({"north", "south", "east", "west", "northern", "southern", "eastern",
                          "western", "central", "upstate", "downstate", "front", "panhandle",
                          "outer", "triangle", "triad", "country", "capital", "treasure",
                          "wasatch", "black", "silicon", "high", "antelope", "coastal", "metro",
                          "permian", "poconos", "nova", "florida", "nw", "ne", "sw", "se",
                          "gulf", "valley"})),
    # "St. Pete", "St. Tammany", "Ste. Genevieve": a saint's name is a town's or a parish's
    # (a church or hospital, "St. Jude's", is a place too).
    (_SAINTS, frozenset({"st", "ste", "saint"})),
)
# Parts of a town by their form: "the South Side", "the West End", "Ward 8", "the 9th ward",
# "East Austin".
_TOWN_PARTS = re.compile(
    r"(?<![\w-])(?:(?:North|South|East|West|Near\s+(?:North|South|East|West))(?:east|west)?"
    r"\s+(?:Side|End)|Ward\s+\d{1,2}|\d{1,2}(?:st|nd|rd|th)\s+[Ww]ard)(?![\w-])")
# "East Flint", "out of east Flint": the part of a listed town goes with it.
_DIRECTED_TOWN = re.compile(r"(?<![\w-])(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)\s+"
                            r"(?P<town>[A-Z][\w.'-]+)(?![\w-])")
_COUNTY_WORDS = frozenset({"county", "co", "parish", "cnty"})
# One word of each nickname, the rarest: "f" of "s.f.", "palm" of "west palm".
_NICKNAME_WORDS = frozenset({"chi", "h", "chitown", "okc", "indy", "philly", "nola", "atl",
                             "nyc", "slc", "stl", "abq", "phx", "pdx", "kc", "htown", "motown",
                             "beantown", "frisco", "sin", "easy", "bmore", "cbus", "vegas", "va",
                             "palm", "joe", "bedstuy", "stuy", "f", "rva", "rgv", "nwa",
                             "socal", "norcal", "rio", "inland", "ie", "peninsula", "mat", "twin",
                             "tri", "quad", "bay", "low", "lowcountry", "hill", "o", "otown",
                             "lou", "strip", "nati", "burgh", "big", "windy", "motor", "magic",
                             "queen", "crescent", "mile", "panhandle", "oc", "down"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "ward"})
_TOWN_OPENINGS = frozenset({"st", "saint", "san", "santa", "los", "las", "el", "fort", "ft",
                            "port", "mount", "mt"})
_TOWN_ENDINGS = frozenset({"city", "town", "springs", "beach", "falls", "heights", "village",
                           "junction", "ville", "park", "hills", "valley", "center"})
# Capitalised words a place preposition often points at that are no place.
_NOT_PLACES = frozenset({
    "The", "A", "An", "Our", "My", "His", "Her", "Their", "This", "That", "Court", "Training",
    "Vice", "Patrol", "Dispatch", "Juvenile", "Federal", "State", "County", "City", "Internet",
    "English", "Spanish", "Detention", "Probation", "Parole", "Narcotics", "Investigations",
    "Investigation", "Crimes", "Against", "Children", "Human", "Trafficking", "Homeland",
    "Security", "Justice", "Department", "Office", "Unit", "Division", "Bureau", "Task",
    "Force", "Child", "Protective", "Services", "Family", "Youth", "Juveniles", "Sex", "Special",
    "Victim", "Victims", "Advocacy", "Center", "Hospital", "Jail", "Prison", "Superior",
    "District", "Circuit", "Municipal", "Google", "Christmas", "Thanksgiving", "Easter",
    "Halloween", "Street", "Main", "Downtown", "Uptown", "Iraq", "I", "Missing", "Exploited",
    "National",
    # "from the East Coast": a direction; "East Austin", "the South Side" are found by form.
    "East", "West", "North", "South",
})


# "Salem, Bend and Medford", "Midland/Odessa", "Tulsa or Joplin", "Dallas to Waco".
_JOINED = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&|to)\s+|\s*/\s*)"
_LIST_WORDS = r"(?P<value>[\w.'\u2019-]+(?:\s+[\w.'\u2019-]+){%d})"
_WORDS_AFTER = [re.compile(_JOINED + _LIST_WORDS % n) for n in (2, 1, 0)]
_WORDS_BEFORE = [re.compile(r"(?<![\w.'\u2019-])" + _LIST_WORDS % n + _JOINED + "$")
                 for n in (2, 1, 0)]


def places_beside(text: str, places: Iterable[tuple[int, int]],
                  gazetteers: Gazetteers) -> list[tuple[int, int]]:
    """Listed towns joined to a place already found ("Salem, Bend and Medford",
    "flint and saginaw"), and to those in turn, as offsets. A lower-case everyday word
    counts only beside a lower-case place: "Tulsa and mobile phones" names one town."""
    towns = _town_names(gazetteers)
    known = set(places)
    queue = list(known)
    found = []
    while queue:
        start, end = queue.pop()
        lower = text[start:end].islower()
        candidates = [(m.start("value"), m.end("value")) for regex in _WORDS_AFTER
                      if (m := regex.match(text, end))]
        window = max(0, start - 60)
        candidates += [(window + m.start("value"), window + m.end("value"))
                       for regex in _WORDS_BEFORE if (m := regex.search(text[window:start]))]
        for span in candidates:
            name = text[span[0]:span[1]].rstrip(".'\u2019")
            span = (span[0], span[0] + len(name))
            folded = name.lower().replace(".", "")
            if span in known or folded not in towns or \
                    (name.islower() and not lower and gazetteers.is_common(name)) or \
                    (not name.islower() and not name[0].isupper()):
                continue
            known.add(span)
            queue.append(span)
            found.append(span)
    return found


@functools.lru_cache(maxsize=2)
def _town_names(gazetteers: Gazetteers) -> frozenset[str]:
    """Listed towns in lower case without dots; states, and tribes' and cars' names
    ("Lakota and Dakota girls", "a Tahoe and a Tacoma"), aside."""
    states = {state.lower() for state in gazetteers.us_states}
    return frozenset(name for name in (city.lower().replace(".", "")
                                       for city in gazetteers.us_cities)
                     if not gazetteers.is_domain(name)) - \
        states - {word.lower() for word in _NOT_PLACES}
