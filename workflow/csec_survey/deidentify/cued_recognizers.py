"""Presidio recognizers of people and agencies that capitals do not give away.

Investigators type fast: ranks and names in lower case ("sgt. walsh"), towns
and agencies in lower case ("dover pd", "rockingham co so"), agencies by
acronym (LAPD, CCSO), juveniles by initials (A.R., "the juv KT"), and people by
street name or alias ("Lil Tay", "aka Smoke"). These recognizers find them by
the cue beside them (a rank, "aka", an agency tail), and lower-case words by
their being no everyday English word (the gazetteers' common words) while a
name list, or the cue, says what they are. Agencies are found in
`cued_agencies`, towns and counties in `cued_places`.
"""

from __future__ import annotations

import functools
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from csec_survey.core.alternation import trie_alternation
from csec_survey.deidentify.gazetteers import Gazetteers
from csec_survey.deidentify.pattern_recognizers import names_a_platform, words_in

__all__ = [
    "GENERIC_LOWER_LEADS",
    "LOWER_WORD",
    "NOT_NAMES",
    "CuedPersonRecognizer",
    "lower_words",
]

_RANKS = (r"det|detective|sgt|sergeant|ofc|officer|lt|lieutenant|capt|captain|cpl|corporal|"
          r"agent|sa|inv|investigator|trooper|tpr|deputy|dep|chief|sheriff|mr|mrs|ms|miss|dr|"
          r"judge|prosecutor|ada|ausa|cmdr|commander|sgt\.\s*maj|major|maj|analyst|examiner|"
          r"tfo|pco|cst|patrolman|ptl|ssa|asac|sac")
_RANK_WORDS = frozenset(word for word in _RANKS.split("|") if word.isalpha())
_KIN_WORDS = frozenset({
    "cousin", "sister", "brother", "mom", "mother", "dad", "father", "aunt", "uncle", "grandma",
    "grandmother", "grandpa", "boyfriend", "girlfriend", "bf", "gf", "friend", "daughter", "son",
    "niece", "nephew", "stepdad", "stepmom", "pimp", "vic", "victim", "juvenile", "juv",
    "suspect", "susp", "partner", "wife", "husband", "roommate", "bottom", "girl", "boy",
    "vics", "victims"})
_ALIAS_LEADS = ("lil", "lil'", "li'l", "little", "big", "young", "yung", "baby", "lady", "boss",
                "pretty", "king", "queen", "daddy", "mama", "mami", "papi", "papa", "uncle",
                "auntie", "playboy", "pretty boy", "prince", "princess", "mister", "sugar")
_ALIAS_WORDS = frozenset({"li", "l", *(lead for lead in _ALIAS_LEADS if lead.isalpha())})
# How an answer introduces what someone is called: "a guy calling himself", "advertised
# as", "the tattoo on her neck said", "she had to check in with".
_CALLED_CUES = (r"aka|a\.k\.a\.?|goes\s+by|went\s+by|going\s+by|"
                r"known\s+(?:on\s+the\s+street\s+|online\s+|only\s+)?as|"
                r"call(?:s|ed|ing)?\s+(?:himself|herself|him|her)|"
                r"(?:street|ad|stage|working|pimp)\s+name(?:\s+(?:was|is))?|"
                r"nick\s?name(?:\s+(?:was|is))?|named")
# Cues that also introduce everyday words ("was listed as", "it was as bad"): what
# follows them is a name only in capitals.
_NAMED_AS_CUES = (r"introduced\s+(?:himself|herself)\s+as|"
                  r"(?:knows?|knew)\s+(?:him|her)(?:\s+only)?\s+as|"
                  r"referred\s+to\s+(?:him|her|himself|herself)\s+as|"
                  r"(?:advertised|posted|listed|saved|signed|billed)(?:\s+only)?"
                  r"(?:\s+(?:on|in)\s+[A-Z]\w+(?:\s+[A-Z]{2,3})?)?\s+as|"
                  r"used\s+the\s+(?:name|alias)|check\s+in\s+with|"
                  r"tattoo(?:s|ed)?\b[^.;\n]{0,30}?\b(?:said|says|read|reads)|the\s+word")
_CALLED_WORDS = frozenset({"aka", "k", "goes", "went", "going", "known", "call", "calls",
                           "called", "calling", "name", "nick", "nickname", "named"})
_NAMED_AS_WORDS = frozenset({"introduced", "knows", "knew", "referred", "advertised", "posted",
                             "listed", "saved", "signed", "billed", "used", "check", "tattoo",
                             "tattoos", "tattooed", "word"})
_NAME_WAS_WORDS = frozenset({"name", "called"})
_INITIALS_CUES = frozenset({
    "juv", "juvenile", "vic", "victim", "minor", "girl", "boy", "child", "kid", "suspect",
    "susp", "subject", "offender", "defendant", "witness", "sister", "brother", "cousin",
    "daughter", "son"})
LOWER_WORD = r"[a-z][a-z'\u2019-]+"
_QUOTED_SUBJECT = re.compile(
    r"(?:^|(?<=[\s(]))[\"\u201c](?P<value>[A-Z][\w'\u2019$-]*(?:\s+[A-Z][\w'\u2019$-]*)?)"
    r"[\"\u201d](?=\s+(?:was|is|had|has|ran|from|turned|got|said|told|would|never|always|"
    r"kept|made|took)\b)")
# Words that may follow a cue without being anyone's name.
NOT_NAMES = frozenset({
    "the", "a", "an", "his", "her", "their", "our", "my", "your", "him", "them", "it", "that",
    "this", "these", "those", "who", "which", "what", "and", "or", "but", "in", "on", "at",
    "to", "of", "for", "with", "by", "from", "as", "is", "was", "be", "been", "were", "are",
    "has", "had", "have", "not", "no", "so", "up", "out", "over", "into", "about", "some",
    "any", "all", "one", "two", "someone", "somebody", "something", "anything", "nothing",
    "different", "several", "many", "various", "other", "another", "same", "girls", "girl",
    "guys", "guy", "boys", "boy", "names", "name", "himself", "herself", "themselves",
    "dont", "wont", "cant", "didnt", "doesnt", "isnt", "wasnt", "werent", "arent", "im", "ive",
    "thats", "whats", "couldnt", "shouldnt", "wouldnt", "hasnt", "havent", "hadnt", "theres",
    "lets", "ill", "id", "youre", "theyre", "aint", "yall", "said", "says", "told", "hes",
    "shes", "whos", "theyd", "wed", "youd", "itll", "thatll", "wouldve", "couldve", "shouldve",
})
# Verbs that make a sentence's first word its subject: "Hope was our youngest".
_SUBJECT_VERBS = (r"was|is|and|ran|had|has|said|says|told|got|went|turned|called|disclosed|"
                  r"admitted|met|left|came|lived|stayed|worked|testified|\(")
# Generic words before a lower-case agency tail: "the local pd" names no agency.
GENERIC_LOWER_LEADS = frozenset({
    "the", "our", "my", "their", "his", "her", "a", "an", "local", "city", "county", "area",
    "state", "small", "other", "every", "each", "rural", "big", "nearby", "neighboring",
    "neighbouring", "that", "this", "any", "some", "most", "all", "and", "or", "with", "to",
    "from", "at", "by", "of", "in", "for", "called", "call", "contacted", "tribal", "campus",
    "surrounding", "adjacent", "outlying", "several", "multiple", "both", "many", "few", "two",
    "three",
    "school", "university", "transit", "airport", "metro", "regional", "municipal", "own",
})
# Dotted initials that are abbreviations, not people.
_ABBREVIATIONS = frozenset({"U.S.", "D.C.", "P.D.", "A.M.", "P.M.", "S.O.", "L.E.", "D.A.",
                            "U.K.", "C.I.", "P.O.", "I.D.", "T.V.", "N.Y.", "L.A.", "S.A.",
                            "E.R.", "R.N.", "M.D.", "B.S.", "M.S.", "P.C.", "U.N.", "I.T."})
# Acronyms that may follow "suspect" or "victim" without being their initials.
_COMMON_ACRONYMS = frozenset({"IP", "ID", "PD", "SO", "DA", "CI", "CW", "CPS", "ICE", "FBI",
                              "HSI", "DOB", "SSN", "ER", "TV", "GPS", "USB", "SIM", "IM", "PM",
                              "AM", "OK", "US", "UK", "DCS", "DHS", "DSS", "CSE", "HIV", "STD",
                              "ATM", "DNA", "DUI", "DWI", "SMS", "MMS", "PC", "PIN", "VPN"})
# Names that are this field's words in lower case: "the john", "her daddy".
_LOWER_JARGON = frozenset({"john", "johns", "trick", "tricks", "daddy", "bottom", "track",
                           "blade", "stroll", "romeo", "gorilla", "molly"})
# "m. ortega", "t okafor": not "a vance" or "i said".
# "the john called her twice": after "call her", a lower-case name must be no English word.
_CALLED_OBJECT = re.compile(r"(?i)\b(?:him|her)\b")
_AGE = re.compile(r"\b1\d\b")
_LOWER_AGED_SUBJECT = re.compile(
    r"(?:^|[.!?]\s+|\n\s*)(?P<value>[a-z][a-z'\u2019-]{2,})(?=\s+(?:was|is)\s+her\s+name|"
    r"\s+(?:was|is)\s+1\d\b"
    r"(?!\s*(?:hours?|minutes?|days?|weeks?|months?|miles|dollars|times|ads|%|am|pm|:))|"
    r",\s+1\d\s*(?:,|yo\b|y/o|years))")
_RANK_ABBREVIATIONS = frozenset({"det", "sgt", "ofc", "lt", "capt", "cpl", "inv", "tpr", "dep",
                                 "cmdr", "maj", "ptl", "cst", "mr", "mrs", "ms", "dr"})
_NAMED_AS = re.compile(r"(?i)\b(?:as|was|were|named|called|names?|aka)\s*$|[\"\u201d]\s+and\s*$")
_LOWER_INITIAL = re.compile(r"(?<![\w.])(?:[a-z]\.\s?|(?![ai]\s)[a-z]\s)$")
_HUMAN_VERBS = (r"said|says|told|admitted|disclosed|testified|believed|cried|texted|"
                r"ran\s+away|never\s+(?:showed|met|posted|told|said)|"
                r"would\s+(?:drop|pick|post|drive|take|bring|tell)|"
                r"really\s+(?:believed|thought|loved)|"
                r"was\s+(?:\d+|only\s+\d+|the\s+(?:youngest|oldest|bottom|name|one\s+who|pimp|"
                r"victim|trafficker|recruiter|driver|\d+\s*y/?o)|"
                r"recovered|arrested|picked\s+up|his|her)|is\s+\d+|"
                r"were\s+(?:sisters|cousins|brothers|twins|the\s+two|both\s+\d+|picked|recovered)|"
                # "Slim ran the girls", "Nike was what he called her".
                r"ran\s+(?:the|her|his)\s+(?:girls|ads|money|phones?|cash\s+app)|"
                r"posted\s+the\s+ads|were\s+both|(?:was|is)\s+her\s+(?:nick|street\s+|ad\s+)?name|"
                r"was\s+the\s+only\s+name|was\s+her\s+(?:boyfriend|pimp|man)|were\s+the\s+(?:ad\s+)?names|both\s+had|"
                r"took\s+(?:all\s+)?her\s+(?:phone|iphone|cell|money|id|pics|pictures|photos)|"
                r"bought\s+her|ran\s+everything|kept\s+(?:all\s+)?(?:the|her|their)\s+money|"
                r"made\s+her\s+(?:post|work|do|take|call|text|go|get|have|meet)|"
                r"had\s+(?:the|his|her|two|three|four|\d)\s+girls|"
                r"(?:is|was)\s+what\s+(?:he|she|they|the\s+ads?)\s+called")
# Who may do what a person does without being named: "She said", "Suspect said".
_NOT_NAMED_SUBJECTS = frozenset({
    "he", "she", "they", "we", "i", "you", "it", "suspect", "victim", "vic", "juvenile", "juv",
    "mom", "mother", "dad", "father", "offender", "defendant", "witness", "pimp", "john",
    "buyer", "girl", "boy", "kid", "child", "nobody", "everyone", "someone", "one", "each",
    "both", "neither", "officer", "detective", "agent", "deputy", "trooper", "sergeant"})
# "tiny (the vic)", "m.t. (vic)", "Rah-Rah (real name ...)": a word that a role in
# brackets follows, in any case, unless an article makes it a noun ("the girl (vic)").
_ROLE_IN_BRACKETS = re.compile(
    r"(?<![\w'\u2019.-])(?<!\b(?:the|his|her|our)\s)(?<!\ba\s)(?<!\ban\s)"
    r"(?P<value>(?:[A-Za-z]\.){2,3}|[A-Za-z][\w'\u2019-]*)"
    r"\s+\((?:the\s+)?(?:vic|victim|juv|juvenile|minor|pimp|suspect|susp|bottom|"
    r"(?:real|legal|true)\s+name\b)")
_NAME_WORDS = r"[A-Z][a-z'\u2019-]+(?:\s+[A-Z][a-z'\u2019-]+)?"
_LISTED_SUBJECTS = re.compile(
    rf"(?:^|[.!?]\s+|\n\s*)(?P<list>{_NAME_WORDS}(?:,\s+{_NAME_WORDS})*,?\s+and\s+{_NAME_WORDS})"
    r"(?=\s+(?:were|are|all|both|worked|brought|did|split|shared|ran|used|picked|kept|took|"
    r"had|went|told|said|got|met|came|posted|recruited)\b)")
_ROLE_WORDS = frozenset({"pimp", "adult", "buyer", "john", "driver", "bottom", "recruiter",
                         "trafficker", "suspect", "susp", "offender"})
_ROLE_WAS = re.compile(rf"(?i:\b(?:{'|'.join(sorted(_ROLE_WORDS))})\s+(?:was|is)\s+)"
                       rf"(?P<value>{_NAME_WORDS})")
# A colleague by name, then where they work: "Guerra at Victoria PD", "Grant from the
# school district".
_COLLEAGUE_AT = re.compile(
    r"(?:^|[.!?,;]\s+|\b(?:called|call|to|ask|asked|with|from)\s+)(?P<value>[A-Z][a-z'\u2019-]+"
    r"(?:\s+(?:van\s+der\s+|van\s+|de\s+)?[A-Z][a-z'\u2019-]+)?|[A-Za-z]\.\s?[A-Za-z]\.?)"
    r"\s+(?:from|at|with)\s+"
    r"(?=[^.;\n]{0,30}?\b(?:PD|SO|DA|[A-Z]{1,4}(?:PD|SO|SD)|Police|Sheriff|Task\s+Force|ICAC|"
    r"(?i:unit|lab|vice|office|department|district))\b)")
_NEXT_WORD = re.compile(r"\s([a-z][a-z'\u2019-]+)(?![\w@/-])")
_SUBJECT = re.compile(rf"\s+(?:{_SUBJECT_VERBS})\b")
_LOWER_WORDS = re.compile(r"(?<![\w'\u2019@#./-])[a-z][a-z'\u2019-]*(?![\w@/-]|\.\w)")


@functools.lru_cache(maxsize=8)
def lower_words(text: str) -> tuple[re.Match[str], ...]:
    """The lower-case words of a text (not inside an address or handle); cached, as the
    person and place recognizers both walk them."""
    return tuple(_LOWER_WORDS.finditer(text))
class CuedPersonRecognizer(EntityRecognizer):
    """People after a lower-case rank, by alias or street name, and by initials."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        # Words recur across answers: each lower-case word is scored once.
        self._word_scores: dict[str, float] = {}
        # Names English writes capitalised: in lower case, still names ("tanya").
        self._first = frozenset(w.lower() for w in gazetteers.first_names
                                if not gazetteers.is_ordinary(w) and not gazetteers.is_domain(w))
        self._last = frozenset(w.lower() for w in gazetteers.last_names
                               if not gazetteers.is_ordinary(w) and not gazetteers.is_domain(w))
        # After a rank any listed surname is one, everyday word or not: "det. baker".
        self._any_last = frozenset(w.lower() for w in gazetteers.last_names) - NOT_NAMES - \
            _RANK_WORDS - _LOWER_JARGON
        # A rank is no name, and the next rank is a cue of its own: "examiner sgt mendrake".
        self._ranked = re.compile(
            rf"(?i:\b(?:{_RANKS})\b\.?)\s+(?P<value>(?!(?i:(?:{_RANKS})\b)){LOWER_WORD}"
            rf"(?:\s+{LOWER_WORD})?)")
        self._ranked_particle = re.compile(
            rf"(?i:\b(?:{_RANKS})\b\.?)\s+(?P<value>(?i:st\.|ste\.|saint|van(?:\s+de[rn])?|von|"
            rf"de\s+la|della|del|de)\s+(?!facto\b){LOWER_WORD})")
        self._alias = re.compile(
            rf"(?i:\b{trie_alternation(_ALIAS_LEADS)}"
            r"\s+)(?P<value>(?:[A-Z][\w'\u2019-]+\s+)?[A-Z][\w'\u2019-]*|[a-z][\w'\u2019-]+)")
        # "Mama T", "Rico Suave", "Ca$h": up to three words, a capital letter one of them.
        called_value = (r"[\"'\u201c\u2018]?(?P<value>[A-Za-z][\w'\u2019.$-]*"
                        r"(?:\s+[A-Z](?:[\w'\u2019$-]+)?(?![\w.])){0,2})")
        self._called = re.compile(rf"(?i:\b(?:{_CALLED_CUES})\b\s*[:\-]?\s*){called_value}")
        self._named_as = re.compile(rf"(?i:\b(?:{_NAMED_AS_CUES})\s+){called_value}")
        # "her name was Candy", "they called Pooh Bear": a capital, or no everyday word.
        self._name_was = re.compile(
            r"(?i:\b(?:name\s+(?:is|was)|called)\s*[:\-]?\s*)[\"'\u201c\u2018]?"
            r"(?P<value>[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]+)?|[a-z][\w'\u2019-]+)")
        self._sentence_subject = re.compile(
            rf"(?:^|[.!?]\s+|\n\s*)(?P<value>[A-Z][a-z'\u2019-]+|[A-Z]{{2,3}})"
            rf"(?=\s+(?:{_SUBJECT_VERBS})(?:\s|$)|\s+\()")
        # "Cookie was 13", "Ghost never showed", "Butter and Nook were": only a person
        # does these, whatever word names them.
        self._human_subject = re.compile(
            rf"(?:^|[.!?,]\s+|\n\s*|\b(?:and|said|thought|that|us|me)\s+)(?P<value>[A-Z][a-z'\u2019-]+|(?![AI]\b)[A-Z]{{1,3}})"
            rf"(?:\s+and\s+(?P<other>[A-Z][a-z'\u2019-]+))?(?=,?\s+(?:{_HUMAN_VERBS})\b|"
            # "Kenya and Kiara, twins, were": what only people are.
            r",\s+(?:twins|sisters|cousins|brothers|both\s+1\d)\b|"
            # "Hope, 14, ran from", "Essence (16)", "Blessing, a 15 yr old": a name and a
            # juvenile's age.
            r",\s+(?:age\s+|aged\s+)?1\d\s*(?:,|yo\b|y/o|years)|\s+\(1\d\)|,\s+(?:a|the)\s+1\d\s*(?:yr|year|y/?o|yo)\b)")
        # "his cousin Dre", "a girl named Joy": a capitalised word after kin or a role.
        # "one girl, Heaven, had been": a name set off by commas after kin or a role.
        self._kin = re.compile(rf"(?i:\b(?:{'|'.join(sorted(_KIN_WORDS))})(?:\s+|,\s+(?=\w+,)))"
                               r"(?P<value>[A-Z][a-z'\u2019-]+)")
        self._quoted = re.compile(
            r"[\"\u201c](?P<value>[A-Z][a-z'\u2019$-]+(?:\s+[A-Z][a-z'\u2019$-]+)?)[\"\u201d]")
        self._initials = re.compile(r"(?<![\w.])(?P<value>[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?)"
                                    r"(?![\w])")
        self._cued_initials = re.compile(
            rf"(?i:\b(?:{'|'.join(sorted(_INITIALS_CUES))})\b\.?"
            r"\s*(?:#\d\s*)?[:\-]?\s*)(?P<value>[A-Z]{2,3}|[A-Z]\.\s?[A-Z]\.?)(?![\w])")
        super().__init__(supported_entities=["PERSON"], name="CuedPersonRecognizer")

    def load(self) -> None:
        """Nothing to load: the gazetteers are passed in."""

    def analyze(self, text: str, entities: list[str],
                nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Ranked lower-case names, aliases, nicknames, initials and lower-case full names."""
        found: list[tuple[int, int, float]] = []
        present = words_in(text)
        # Each pattern runs only where its cue words are: most answers have none.
        ranked = self._ranked.finditer(text) if not present.isdisjoint(_RANK_WORDS) else ()
        for match in ranked:
            words = match.group("value").split()
            # "det. baker", but not "a detective bureau": an abbreviated rank is a title.
            rank = match.group().split()[0].rstrip(".").lower()
            titled = words[0].lower() in self._any_last and rank in _RANK_ABBREVIATIONS
            if self._unlisted(words[0]) or titled:
                keep = 2 if len(words) > 1 and self._unlisted(words[1]) else 1
                found.append((match.start("value"),
                              match.start("value") + len(" ".join(words[:keep])), 0.85))
        # "detective st. pierre", "det van der berg": a particle makes the next word a name.
        ranked = self._ranked_particle.finditer(text) if not present.isdisjoint(_RANK_WORDS) \
            else ()
        found.extend((*match.span("value"), 0.85) for match in ranked)
        for match in self._kin.finditer(text) if not present.isdisjoint(_KIN_WORDS) else ():
            value = match.group("value")
            if not self._words.is_domain(value) and value.lower() not in _RANK_WORDS and \
                    not names_a_platform(value):
                found.append((*match.span("value"), 0.65))
        for regex, cues in ((self._alias, _ALIAS_WORDS), (self._called, _CALLED_WORDS),
                            (self._name_was, _NAME_WAS_WORDS), (self._named_as, _NAMED_AS_WORDS)):
            if present.isdisjoint(cues):
                continue
            for match in regex.finditer(text):
                value = match.group("value").rstrip(".'\u2019")
                first = value.split()[0]
                # A lower-case alias must be no everyday word: "young kids" is not one.
                if first.lower() not in NOT_NAMES and not self._words.is_domain(first) and \
                        not (first[0].islower() and first in _LOWER_JARGON) and \
                        (first[0].isupper() or not self._words.is_common(first) or (
                            regex is self._called and not _CALLED_OBJECT.search(
                                text, match.start(), match.start("value")))) and \
                        not (regex is self._name_was and first[0].islower()
                             and self._words.is_common(first)) and \
                        not (regex is self._named_as and first[0].islower()):
                    start = match.start("value")
                    # "Lil Tay": the whole street name goes.
                    if regex is self._alias:
                        start = match.start()
                    found.append((start, match.start("value") + len(value), 0.8))
        for match in self._quoted.finditer(text) if '"' in text or "\u201c" in text else ():
            first = match.group("value").split()[0]
            # "DeAndre "Dre" Lockett": a quoted word inside a name is a nickname.
            inside_a_name = re.search(r"[A-Z][\w'\u2019-]+\s$", text[:match.start()])
            # "she was "Cinnamon"", "ad names were "Mercedes" and "Chanel"": named so.
            named = _NAMED_AS.search(text, max(0, match.start() - 20), match.start())
            if (inside_a_name or named or not self._words.is_common(first)) and \
                    not self._words.is_domain(first):
                found.append((*match.span("value"), 0.7))
        for match in self._sentence_subject.finditer(text):
            word = match.group("value")
            if (word.isupper() and word not in _COMMON_ACRONYMS
                    and not self._words.is_domain(word)) or \
                    (word in self._words.first_names and not self._words.is_domain(word)):
                found.append((*match.span("value"), 0.6))
        for match in self._human_subject.finditer(text):
            for group in ("value", "other"):
                word = match.group(group)
                # A month that says or tells is a person ("June said").
                if word and (not self._words.is_domain(word) or word in self._words.first_names) \
                        and word.lower() not in NOT_NAMES | _NOT_NAMED_SUBJECTS \
                        and word.lower() not in _RANK_WORDS:
                    found.append((*match.span(group), 0.6))
        # '"Diamond" was the name on the ad', '"Smooth" from our case turned up': a word in
        # quotes that a sentence makes its subject is what someone is called.
        found.extend((*match.span("value"), 0.6) for match in _QUOTED_SUBJECT.finditer(text)
                     if match.group("value").lower() not in NOT_NAMES)
        # "Peaches, Cookie and Red all worked for him", "pimp was Tank", "Guerra at Victoria
        # PD": what a sentence does with them makes everyday words names.
        listed = _LISTED_SUBJECTS.finditer(text) if " and " in text else ()
        spans = [(start + part.start(), start + part.end()) for match in listed
                 for start in (match.start("list"),)
                 for part in re.finditer(r"[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019-]*)?",
                                         match.group("list"))]
        spans += [match.span("value") for match in (
            _ROLE_WAS.finditer(text) if not present.isdisjoint(_ROLE_WORDS) else ())]
        spans += [match.span("value") for match in _COLLEAGUE_AT.finditer(text)]
        for start, end in spans:
            first = text[start:end].split()[0]
            if not self._words.is_domain(first) and first.lower() not in NOT_NAMES and \
                    first.lower() not in _RANK_WORDS and first not in self._words.us_states:
                found.append((start, end, 0.6))
        for match in _ROLE_IN_BRACKETS.finditer(text) if " (" in text else ():
            word, before = match.group("value"), text[:match.start()].rstrip()
            # An English word is a name only where a clause opens ("tiny (the vic) was"),
            # not inside a phrase ("casual encounters (victim)", "Facebook Messenger (vic)").
            if word.lower() not in NOT_NAMES | _NOT_NAMED_SUBJECTS | _KIN_WORDS and \
                    not self._words.is_domain(word) and not names_a_platform(word) and (
                        "." in word or not self._words.is_common(word) or not before
                        or before[-1] in ".!?;:,(-" or before.lower().endswith(" and")):
                found.append((*match.span("value"), 0.65))
        # "honey was 16", "india, 15, had four accounts": in lower case, by the age.
        for match in _LOWER_AGED_SUBJECT.finditer(text) if _AGE.search(text) else ():
            word = match.group("value")
            if word not in NOT_NAMES and word not in _NOT_NAMED_SUBJECTS and \
                    word not in _RANK_WORDS and not self._words.is_domain(word):
                found.append((*match.span("value"), 0.6))
        for match in self._initials.finditer(text) if "." in text else ():
            if match.group("value").replace(" ", "") not in _ABBREVIATIONS:
                found.append((*match.span("value"), 0.75))
        for match in (self._cued_initials.finditer(text)
                      if not present.isdisjoint(_INITIALS_CUES) else ()):
            # "the juv KT", not "THE VICTIM WAS 16": three letters that are a word are none.
            value = match.group("value")
            if value not in _COMMON_ACRONYMS and not (len(value) == 3 and
                                                       self._words.is_common(value)):
                found.append((*match.span("value"), 0.8))
        for match in lower_words(text):
            score = self._lower_case_name(text, match)
            if score:
                # "m. ortega": an initial before the name goes with it; "frank dolan": a
                # listed surname after a first name, even an everyday one.
                initial = _LOWER_INITIAL.search(text, max(0, match.start() - 3), match.start())
                surname = _NEXT_WORD.match(text, match.end())
                end = surname.end() if surname and match.group() in self._first and \
                    surname.group(1) in self._last and surname.group(1) not in NOT_NAMES \
                    else match.end()
                found.append((initial.start() if initial else match.start(), end, score))
        return [RecognizerResult("PERSON", start, end, score) for start, end, score in found]

    def _lower_case_name(self, text: str, match: re.Match[str]) -> float:
        """The score of a lower-case word as a name, 0 if it is none: a listed name English
        writes capitalised ("tanya", "mike"), a listed first name opening a sentence
        ("gabe and stacy"), or, with less certainty, a word no dictionary has
        ("quinessa"): the safe list the highest-recall scrubbers use."""
        word = match.group()
        score = self._word_scores.get(word)
        if score is None:
            score = self._word_scores[word] = self._score_word(word)
        if score < 0:  # an everyday first name: a name only as a sentence's subject
            return 0.6 if self._subject_at(text, match) else 0.0
        return score

    def _score_word(self, word: str) -> float:
        """A word's score wherever it stands; -1 for a first name that needs its place."""
        if len(word) < 3 or word in NOT_NAMES or word in _LOWER_JARGON or \
                word in _RANK_WORDS:
            return 0.0
        common = self._words.is_common(word)
        if word in self._first or word in self._last:
            if not common or self._words.is_capitalised(word):
                return 0.6
            return -1.0 if word in self._first else 0.0
        if common or names_a_platform(word) or self._words.is_misspelt(word) or \
                self._compound(word):
            return 0.0
        return 0.52

    def _compound(self, word: str) -> bool:
        """Two everyday words run together ("thruway", "farmworker"): English, no name."""
        return any(self._words.is_common(word[:i]) and self._words.is_common(word[i:])
                   for i in range(3, len(word) - 2))

    @staticmethod
    def _subject_at(text: str, match: re.Match[str]) -> bool:
        """A lower-case word opening a sentence, before a verb or "and": "gabe and stacy"."""
        before = text[:match.start()].rstrip()
        return (not before or before[-1] in ".!?\n") and \
            _SUBJECT.match(text, match.end()) is not None

    def _unlisted(self, word: str) -> bool:
        """A lower-case word that is no everyday English: after a rank, a surname."""
        return word.lower() not in NOT_NAMES and not self._words.is_common(word)
