"""Presidio recognizers of people, US places and agencies in investigators' free text.

A blank spaCy pipeline finds no names, so these work from runs of capitalised
words, ranks and titles, the gazetteers' name and place lists, and context:
a place name that is also an ordinary word (Mobile, Hope) counts only after a
preposition or before a state, a first name that is field jargon ("a John")
only beside another name, and an agency only with a specific name before its
tail ("Tulsa Police Department", not "the local police").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.alternation import trie_alternation
from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import STATE_CODES, RegexSpanRecognizer

__all__ = ["AgencyRecognizer", "PersonRecognizer", "PlaceRecognizer"]

_TITLE_WORDS = frozenset({
    "Det", "Detective", "Sgt", "Sergeant", "Officer", "Ofc", "Lt", "Lieutenant", "Capt",
    "Captain", "Cpl", "Corporal", "Special Agent", "Agent", "SA", "Investigator", "Inv",
    "Trooper", "Tpr", "Deputy", "Dep", "Chief", "Sheriff", "Mr", "Mrs", "Ms", "Miss", "Dr",
    "Judge", "Prosecutor", "ADA", "AUSA", "DA", "Attorney", "Commander", "Cmdr", "Major",
    "Maj", "Director", "Supervisor", "Analyst", "Examiner", "Professor", "Prof"})
_TITLES = trie_alternation(_TITLE_WORDS)
_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['\u2019-][^\W\d_]+)*"
_AGENCY_TAILS = (
    r"Police Department|Police Dept\.?|Police Bureau|Police|PD|"
    r"Sheriff['\u2019]?s (?:Office|Department|Dept\.?)|"
    r"SO|State Police|Highway Patrol|State Patrol|Bureau of Investigation|"
    r"Department of Public Safety|Public Safety|DPS|ICAC Task Force|"
    r"Task Force(?:\s+on\s+[A-Z][\w'-]*(?:\s+(?:and\s+)?[A-Z][\w'-]*){0,3})?|"
    r"Prosecutor['\u2019]?s Office|"
    r"District Attorney['\u2019]?s Office|DA['\u2019]?s Office|County Attorney['\u2019]?s Office|"
    r"State['\u2019]?s Attorney['\u2019]?s Office|"
    r"Attorney General['\u2019]?s Office|Marshal['\u2019]?s Office|Constable['\u2019]?s Office|"
    r"Metro(?: PD| Police| Vice)?|ICAC(?: Unit| unit)?|Children['\u2019]?s Advocacy Center|"
    r"Child Advocacy Center|Advocacy Center|CAC|Juvenile (?:Probation|Bureau|Division|Court)|"
    r"Community Corrections|"
    r"(?:County|Co\.?) (?:Attorney|Prosecutor|SAO)|DA|(?:Pct\.? \d+ )?Constable|"
    r"Prosecuting Attorney['\u2019]?s Office|Fusion Center|Juvenile Intake|"
    # "Hennepin County Human Services", "Lucas County Children Services".
    r"(?:Human|Social|Children['\u2019]?s?|Family|Youth|Protective)(?: and Family)? Services|"
    r"DOJ(?: DCI| DCS)?|(?:SBI|DCS|DHS|DCF|DSS|DFPS|DCFS)|"
    # "Florida Department of Law Enforcement", "Allegheny County Office of Children, Youth
    # and Families": a state's or county's department, office or division of something.
    r"(?:Department|Dept\.?|Office|Division|Bureau) of [A-Z][\w'\u2019]*"
    r"(?:(?:,? (?:and |& )?| of | )[A-Z][\w'\u2019]*){0,4}")
# "the Sheriff's Office of Pinal County", "the Police Department of the City of Tulsa".
_AGENCY_OF = (r"(?P<value>(?:Sheriff['\u2019]?s (?:Office|Department)|Police Department|"
              r"District Attorney['\u2019]?s Office|Prosecutor['\u2019]?s Office)\s+of\s+"
              r"(?:the\s+)?(?:(?:City|County|Town|Village)\s+of\s+)?"
              r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}"
              r"(?:\s+(?:County|Parish))?)")
_NAMED_AFTER = re.compile(_AGENCY_OF)
# Every tail opens with a capital: looking for one first spares trying each tail at each letter.
_AGENCY_TAIL = re.compile(rf"(?=[A-Z])(?:{_AGENCY_TAILS})\b")
# Words that open a sentence before a name: "At Tulsa Police Department", "In Tulsa County".
_ARTICLES = frozenset({"The", "Our", "My", "Their", "A", "An", "This", "That", "Your", "At",
                       "On", "In", "From", "For", "With", "By", "To", "Of", "Into", "Near"})
# Words that may open an agency or county name without making it a specific one.
_GENERIC_LEADS = frozenset({
    "The", "Our", "My", "Their", "His", "Her", "A", "An", "Local", "Area", "Regional",
    "Federal", "National", "State", "County", "City", "ICAC", "Internet", "Crimes", "Against",
    "Children", "Child", "Every", "Each", "Any", "Other", "Whole", "Entire", "This", "That",
    "Some", "Most", "All", "Small", "Large", "Big", "Rural", "Metro", "Nearby", "Neighboring",
    "US", "U.S.", "FBI", "HSI", "Secret", "Service", "Joint", "Multi", "Special", "Human",
    "Trafficking", "Vice", "Cyber", "Computer", "Sex", "Major", "Criminal",
}) | _ARTICLES
_NOT_A_NAME = frozenset({
    "Unit", "Division", "Bureau", "Task", "Force", "Training", "Safety", "Office", "Department",
    "Involved", "Time", "Work", "Friendly", "Response", "Down", "Liaison", "Conference",
})
# Contractions typed without their apostrophe ("Dont know", "Ive"), not names.
_BARE_CONTRACTIONS = frozenset({
    "Dont", "Wont", "Cant", "Didnt", "Doesnt", "Isnt", "Wasnt", "Werent", "Arent", "Im", "Ive",
    "Youre", "Theyre", "Thats", "Whats", "Couldnt", "Shouldnt", "Wouldnt", "Hasnt", "Havent",
    "Hadnt", "Theres", "Heres", "Lets", "Ill", "Id", "Youve", "Weve", "Theyve", "Shes", "Hes",
    "Aint", "Yall", "Its"})
_DOMAIN_WORDS = frozenset({"Johns", "Trick", "Tricks", "Daddy", "Pimp", "Bottom", "Internet",
                           "Officer", "Detective", "Police", "Sheriff", "Agent"})
# Names that are also this field's jargon ("a John" is a buyer): a name only beside another.
_JARGON_NAMES = frozenset({"John"})
# "Lakota girls from", "a lot of Cheyenne": not these; "in Cheyenne", "near Pueblo": a town.
_PLACE_ONLY_PREPOSITIONS = frozenset({"in", "near", "outside", "around", "into", "through"})
_AFTER_ARTICLE = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Tt]his|[Tt]hat|[Hh]is|[Hh]er|[Tt]heir|"
                            r"[Mm]y|[Ee]very|[Aa]ny)\s+$")
_PLACE_PREPOSITIONS = frozenset({"in", "from", "to", "near", "outside", "around", "at", "of",
                                 "into", "through", "across", "toward", "towards", "via",
                                 "between"})



class AgencyRecognizer(RegexSpanRecognizer):
    """A named agency: place or county words before an agency noun ('Tulsa Police Department')."""

    def __init__(self) -> None:
        super().__init__("AGENCY", [(
            rf"(?P<value>(?:(?:[A-Z][\w'\u2019.&-]*|\d+|of|and)\s+){{1,6}}(?:{_AGENCY_TAILS}))\b",
            0.85), (_AGENCY_OF, 0.85, frozenset({"of"}))], name="AgencyRecognizer")

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Specific agencies only ('our Task Force' and 'the ICAC Task Force' are not)."""
        results: list[RecognizerResult] = []
        # Most answers name no agency: a search for its tail alone is cheap.
        if not _AGENCY_TAIL.search(text):
            return results
        for result in super().analyze(text, entities, nlp_artifacts):
            words = [(m.group(), result.start + m.start())
                     for m in re.finditer(r"\S+", text[result.start:result.end])]
            while words and words[0][0] in _ARTICLES | {"of", "and"}:
                words.pop(0)
            if not words:
                continue
            value = text[words[0][1]:result.end]
            tail = re.search(rf"(?:{_AGENCY_TAILS})$", value)
            leads = value[:tail.start()].split() if tail else []
            if _NAMED_AFTER.match(value) or any(
                    w.strip(".,") not in _GENERIC_LEADS and w not in ("of", "and") for w in leads):
                result.start = words[0][1]
                results.append(result)
        return results


@functools.lru_cache(maxsize=4)
def _capitalised_runs(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of adjacent capitalised words (and initials such as "J."), each word with its
    offsets; a word ending a clause (comma, full stop) ends its run.

    Cached: the person and place recognizers read the same runs of each text.
    """
    runs: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    previous_end = -2
    for match in _WORD_OR_INITIAL.finditer(text):
        word = match.group()
        bare = word.rstrip(".,;:!?)")
        if bare.endswith(("'s", "\u2019s")):
            bare = bare[:-2]
        joined = previous_end >= 0 and text[previous_end:match.start()] == " "
        if not joined and current:
            runs.append(current)
            current = []
        if bare and bare[0].isupper():
            current.append((bare, match.start(), match.start() + len(bare)))
            previous_end = match.end() if bare == word or _INITIAL.fullmatch(word) else -2
            if previous_end == -2:
                runs.append(current)
                current = []
        else:
            if current:
                runs.append(current)
            current = []
            previous_end = -2
    if current:
        runs.append(current)
    return runs


_WORD_OR_INITIAL = re.compile(r"(?<![\w@#/'\u2019-])[^\W\d_][\w'\u2019.-]*[.,;:!?)]*")
_INITIAL = re.compile(r"[A-Z]\.")
_CONTRACTED = re.compile(r"\w+['\u2019](?:m|ll|d|ve|re|t)\b")
# A capitalised word that names a thing with the next: "Amber Alert", "Mann Act".
_CAPITALISED_COMPOUND = re.compile(r"\s+(?:Alert|Alerts|alert|alerts|Act|Nation|Amendment|"
                                   r"Rule|rights|warnings?|material|meth|Food)\b")



class PersonRecognizer(EntityRecognizer):
    """People: after a rank or title, or as a run of capitalised words that holds a name the
    census lists know (and that is not mostly an ordinary word), with the unlisted words
    next to it ("DeShawn Carter-Mills", "Ana Lucía Beltrán", "J. Morales")."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._names = gazetteers
        # Words recur across answers: each is classified once.
        self._kind = functools.lru_cache(maxsize=1 << 16)(self._classify)
        self._titled = re.compile(
            rf"\b(?:{_TITLES})\.?\s+(?P<value>{_NAME}(?:\s+{_NAME}){{0,2}})(?![\w'])")
        super().__init__(supported_entities=["PERSON"], name="PersonRecognizer")

    def load(self) -> None:
        """Nothing to load: the gazetteers are passed in."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Titled names, and names found in runs of capitalised words."""
        results = []
        for match in self._titled.finditer(text):
            words = match.group("value").split()
            while words and self._kind(words[-1]) in ("other", "place"):
                words.pop()
            if words:
                start = match.start("value")
                results.append(RecognizerResult("PERSON", start,
                                                start + len(" ".join(words)), 0.9))
        for run in _capitalised_runs(text):
            # "the Amber Alert", "the Mann Act": the words before the thing's noun go.
            cut = next((i for i, (_, _, end) in enumerate(run)
                        if _CAPITALISED_COMPOUND.match(text, end)), None)
            run = run if cut is None else run[:max(0, cut)]
            if not run:
                continue
            kinds = [self._kind(word) for word, _, _ in run]
            index = 0
            while index < len(run):
                if not self._starts_name(run, kinds, index):
                    index += 1
                    continue
                first = index
                while first > 0 and kinds[first - 1] in ("unknown", "initial"):
                    first -= 1
                last = index
                while last + 1 < len(run) and kinds[last + 1] in ("name", "weak", "unknown",
                                                                   "initial"):
                    last += 1
                score = 0.8 if last > first else 0.6
                results.append(RecognizerResult("PERSON", run[first][1], run[last][2], score))
                index = last + 1
            results.extend(self._lone_names(text, run, kinds))
            results.extend(_unknown_stretches(
                run, kinds, lambda word, start: self._may_open_a_name(word) and
                text[:start].rstrip(" \t\"'\u201c(")[-1:] not in ("", ".", "!", "?", ":", "\n")))
        return results

    def _lone_names(self, text: str, run: list[tuple[str, int, int]],
                    kinds: list[str]) -> list[RecognizerResult]:
        """A run of one word that is no name on the lists may still be one: a word no
        dictionary has ("Keyonna"), or a first name that is also an ordinary word
        written with a capital inside a sentence ("her cousin Joy")."""
        if len(run) != 1 or kinds[0] not in ("unknown", "weak") or \
                _CONTRACTED.match(text, run[0][1]):
            return []
        word, start, end = run[0]
        before = text[:start].rstrip(" \t\"'\u201c(")
        # "Office of Hope" is an institution's name, not a person.
        mid_sentence = bool(before) and before[-1] not in ".!?:\n" and \
            not _CAPITALISED_COMPOUND.match(text, end) and \
            not re.search(r"[A-Z]\w*\s+of$", before)
        if kinds[0] == "unknown" or (mid_sentence and word in self._names.first_names
                                     and word not in self._names.us_states):
            return [RecognizerResult("PERSON", start, end, 0.55 if kinds[0] == "unknown"
                                     else 0.6)]
        return []

    def _starts_name(self, run: list[tuple[str, int, int]], kinds: list[str],
                     index: int) -> bool:
        if kinds[index] == "name":
            return True
        # Two ordinary-word names make a person only as first name + surname: "Grant Price".
        following = kinds[index + 1] if index + 1 < len(run) else None
        return kinds[index] == "weak" and run[index][0] in self._names.first_names and \
            following in ("name", "weak", "unknown") and \
            run[index + 1][0] in self._names.last_names | {w for w, _, _ in run
                                                           if kinds[index + 1] == "unknown"}

    def _may_open_a_name(self, word: str) -> bool:
        """Whether a capitalised everyday word before an unlisted one opens the name:
        "Heaven Wrexford", not "Detective Wrexford", "The Wrexford" or "Backpage Wrexford"."""
        return (word in self._names.first_names or self._names.is_common(word)) and \
            word not in _TITLE_WORDS and word not in _GENERIC_LEADS and \
            not self._names.is_domain(word) and not platform_mentions(word) and \
            not self._is_place_word(word)

    def _classify(self, word: str) -> str:
        """name, weak (a name that is mostly an ordinary word), place, initial,
        unknown (not everyday English, may be an unlisted name) or other."""
        if _INITIAL.fullmatch(word) or (len(word) == 1 and word.isupper()):
            return "initial"
        if word in _DOMAIN_WORDS or word in _NOT_A_NAME or word in _GENERIC_LEADS \
                or self._names.is_domain(word) or word in _TITLE_WORDS \
                or word in _BARE_CONTRACTIONS \
                or platform_mentions(word) or (word.isupper() and len(word) > 1) \
                or (word.endswith("s") and word[:-1].isupper() and len(word) > 2):
            return "other"
        parts = word.split("-")
        listed = [p for p in parts if p in self._names.first_names or p in self._names.last_names]
        if len(word) < 3:
            # Too short to stand alone ("Im"), but part of a name next to one ("Li Na Huang").
            return "weak" if listed else "other"
        if word in _JARGON_NAMES:
            return "weak"
        if any(not self._names.is_ordinary(p) and not self._is_place_word(p) for p in listed):
            return "name"
        if listed:
            return "weak"
        if self._is_place_word(word):
            return "place"
        if not self._names.is_common(word) and len(word) > 2:
            return "unknown"
        return "other"

    def _is_place_word(self, word: str) -> bool:
        return word in self._names.us_states or (
            word in self._names.us_cities and word not in self._names.last_names
            and word not in self._names.first_names)


def _unknown_stretches(run: list[tuple[str, int, int]], kinds: list[str],
                       may_open: Callable[[str, int], bool]) -> list[RecognizerResult]:
    """Words no dictionary has, side by side in a longer run ("Kendarrius Ostrowe",
    "Wrenfield Metro"): unlisted names, whatever stands next to them; with the word just
    before them that may open a name ("Heaven Wrexford")."""
    if len(run) < 2:
        return []
    found = []
    index = 0
    while index < len(run):
        if kinds[index] != "unknown":
            index += 1
            continue
        last = index
        while last + 1 < len(run) and kinds[last + 1] in ("unknown", "initial"):
            last += 1
        # Mid-sentence only ("Email Wrexford" opens a sentence), and before a word, not an
        # address or a number.
        first = index - 1 if index and kinds[index - 1] in ("weak", "other") and \
            run[index][0].replace("-", "").replace("'", "").isalpha() and \
            may_open(*run[index - 1][:2]) else index
        found.append(RecognizerResult("PERSON", run[first][1], run[last][2], 0.55))
        index = last + 1
    return found


class PlaceRecognizer(EntityRecognizer):
    """US counties and towns; a town that is also an ordinary word needs context.

    States are kept, as HIPAA's Safe Harbor rule keeps them and removes every smaller
    unit: a name that is a state's ("Washington", "New York") is read as the state.
    """

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._names = gazetteers
        self._places = gazetteers.us_cities - gazetteers.us_states
        self._state_after = re.compile(rf",?\s+(?:{STATE_CODES})\b(?![\w'-])")
        self._county = re.compile(
            r"(?<![\w'-])(?P<value>(?:[A-Z][\w'.-]*\s+){1,3}(?:County|Parish|Borough))\b")
        super().__init__(supported_entities=["PLACE"], name="PlaceRecognizer")

    def load(self) -> None:
        """Nothing to load: the gazetteers are passed in."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Counties by their form, states and towns by the gazetteer."""
        results = []
        for match in self._county.finditer(text):
            words = match.group("value").split()
            while words and words[0] in _GENERIC_LEADS:
                words.pop(0)
            if len(words) > 1:
                end = match.end("value")
                results.append(RecognizerResult("PLACE", end - len(" ".join(words)), end, 0.85))
        for run in _capitalised_runs(text):
            results.extend(self._places_in(text, run))
        return results

    def _places_in(self, text: str, run: list[tuple[str, int, int]]) -> list[RecognizerResult]:
        found = []
        index = 0
        while index < len(run):
            for length in range(len(run) - index, 0, -1):
                name = text[run[index][1]:run[index + length - 1][2]]
                if name not in self._places \
                        or _CAPITALISED_COMPOUND.match(text, run[index + length - 1][2]):
                    continue
                start, end = run[index][1], run[index + length - 1][2]
                state = self._state_after.match(text, end)
                # A tribe's or a car's name ("Cheyenne", "Tacoma") needs context as an
                # everyday word does: "in Cheyenne", "Tacoma, WA".
                tribe_or_car = length == 1 and self._names.is_domain(name)
                ordinary = tribe_or_car or all(self._names.is_ordinary(word)
                                               for word in name.split())
                prepositions = _PLACE_ONLY_PREPOSITIONS if tribe_or_car else _PLACE_PREPOSITIONS
                # "Grand Junction", "Great Falls": everyday words, but capitalised together
                # they name the town; "a Halfway House", "the Country Club" do not.
                if (not ordinary or state or self._after_preposition(text, start, prepositions)
                        or (length > 1 and not _AFTER_ARTICLE.search(text, 0, start))):
                    # Several words ("Las Vegas") or a state code make a place certain.
                    score = 0.85 if state or length > 1 else 0.7
                    found.append(RecognizerResult("PLACE", start, state.end() if state else end,
                                                  score))
                index += length - 1
                break
            index += 1
        return found

    @staticmethod
    def _after_preposition(text: str, start: int, prepositions: frozenset[str]) -> bool:
        before = re.split(r"[.;:!?\n,]", text[max(0, start - 25):start])[-1].split()
        if not before or before[-1].lower() not in prepositions:
            return False
        # "Department of Justice", "Office of Hope": an institution's name, not a place.
        return not (before[-1] == "of" and len(before) > 1 and before[-2][:1].isupper())
