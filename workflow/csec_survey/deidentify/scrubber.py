"""Free text in, typed placeholders out: the scrubber the pipeline and the CLI share.

One `Scrubber` holds one Presidio analyzer (our recognizers; the recognizers of
numbers weigh context words themselves, `context_words`) and is meant to
analyse many texts per process. Each detected span is replaced by a typed placeholder;
the same entity within one answer gets the same placeholder ("[PERSON 1]"
twice), distinct ones are numbered, and a lone one is plain ("[PLACE]").
Platform and product names are findings and are never replaced.

Presidio is imported when the first scrubber is built, so that modules which
only handle scrubbed results (gathering chunks) start quickly. Nothing here
reaches the network: tldextract, which Presidio imports, is told
to use its bundled suffix list before anything can import it.
"""

from __future__ import annotations

import functools
import os
import re

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.cued_recognizers import NOT_NAMES
from csec_survey.deidentify.gazetteers import Gazetteers, load_gazetteers
from csec_survey.deidentify.nlp import PIPELINE
from csec_survey.deidentify.platform_spellings import PlatformSpellings

__all__ = ["Entity", "OwnMetadata", "Scrubbed", "Scrubber"]

SCORE_THRESHOLD = 0.5
# A town found only by standing in a list with a place: below a cued name's score.
_LISTED_PLACE_SCORE = 0.6
# "on Tidwell" after a motel: a street, whatever else the word could be.
_STREET_SCORE = 0.8


@dataclass(frozen=True)
class Entity:
    """A redacted span: its type and offsets into the original text."""

    type: str
    start: int
    end: int


@dataclass(frozen=True)
class Scrubbed:
    """A redacted text and what was redacted from it."""

    text: str
    entities: tuple[Entity, ...]


@dataclass(frozen=True)
class OwnMetadata:
    """What the export knows about the respondent, to be found in their own answers."""

    names: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    places: tuple[str, ...] = ()

    def by_entity(self) -> dict[str, tuple[str, ...]]:
        """The values grouped by the entity type they are redacted as."""
        return {"PERSON": self.names, "EMAIL": self.emails, "AGENCY": self.agencies,
                "PLACE": self.places}

    def mentioned_in(self, text: str) -> bool:
        """Whether any value occurs in ``text`` at all (e-mails in any case): if none
        does, the respondent's own recognizers cannot find anything there."""
        folded = text.casefold()
        return any(value.strip() and value.strip() in text
                   for value in (*self.names, *self.agencies, *self.places)) \
            or any(email.strip() and email.strip().casefold() in folded
                   for email in self.emails)


@dataclass
class _Span:
    type: str
    start: int
    end: int
    score: float
    members: list[str] = field(default_factory=list)


class Scrubber:
    """Finds and replaces personal data in free text; build once, use for many texts."""

    def __init__(self) -> None:
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine

        from csec_survey.deidentify.address_recognizers import streets_after
        from csec_survey.deidentify.cued_places import places_beside
        from csec_survey.deidentify.recognizers import ENTITY_TYPES, build_recognizers

        self._gazetteers = load_gazetteers()
        self._places_beside = places_beside
        self._spellings = PlatformSpellings(self._gazetteers)
        self._streets_after = streets_after
        self._entities = list(ENTITY_TYPES)

        class Registry(RecognizerRegistry):
            """Presidio's registry, choosing the recognizers for a request once: every
            answer asks for the same language and entities."""

            def __init__(self, **kwargs: Any) -> None:
                super().__init__(**kwargs)
                self._chosen: dict[tuple[str, tuple[str, ...]], list[Any]] = {}

            def get_recognizers(self, language: str, entities: list[str] | None = None,
                                all_fields: bool = False,
                                ad_hoc_recognizers: list[Any] | None = None) -> list[Any]:
                if ad_hoc_recognizers or all_fields or entities is None:
                    return super().get_recognizers(language, entities, all_fields,
                                                   ad_hoc_recognizers)
                key = (language, tuple(entities))
                if key not in self._chosen:
                    self._chosen[key] = super().get_recognizers(language, entities)
                return self._chosen[key]

        registry = Registry(recognizers=build_recognizers(self._gazetteers),
                            supported_languages=["en"])

        class Analyzer(AnalyzerEngine):
            """Presidio's analyzer without its context pass: the recognizers that weigh
            context words do so themselves, where they match (`ContextWords`)."""

            def _enhance_using_context(self, text: str, raw_results: list[Any],
                                       *args: Any, **kwargs: Any) -> list[Any]:
                return raw_results

        # Never run: the answers are not tokenised. Presidio needs an engine to start.
        nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(PIPELINE)}])
        self._analyzer = Analyzer(registry=registry, nlp_engine=nlp_engine,
                                  supported_languages=["en"],
                                  default_score_threshold=SCORE_THRESHOLD)
        self._no_tokens = nlp_engine.process_text("", language="en")

    def scrub(self, text: str, own: OwnMetadata | None = None) -> Scrubbed:
        """Redact one text."""
        return next(self.scrub_many([(text, own)]))

    def scrub_many(self, items: Iterable[tuple[str, OwnMetadata | None]]) -> Iterator[Scrubbed]:
        """Redact many texts; results come in input order."""
        for text, own in items:
            # Most answers never mention their author: those skip building recognizers.
            ad_hoc = list(_own_recognizers(own)) if own and own.mentioned_in(text) else None
            spans = self._analyze(text, ad_hoc)
            # An answer typed in capitals hides which words are names: read it in lower
            # case as well, where the lower-case recognizers see its towns and agencies.
            if _shouted(text) and len(lower := text.lower()) == len(text):
                spans += self._analyze(lower, ad_hoc)
            places = [(span.start, span.end) for span in spans if span.type == "PLACE"]
            spans += [_Span("PLACE", start, end, _LISTED_PLACE_SCORE) for start, end
                      in self._places_beside(text, places, self._gazetteers)]
            businesses = [(span.start, span.end) for span in spans if span.type == "ADDRESS"]
            spans += [_Span("ADDRESS", start, end, _STREET_SCORE) for start, end
                      in self._streets_after(text, businesses)]
            spans = _with_word_before(_resolve(spans, text, self._spellings.spans(text)),
                                      text, _WORD_BEFORE,
                                      self._gazetteers.first_names.__contains__)
            spans = _listed_beside_a_person(spans, text, self._gazetteers)
            spans = _nicknamed_after_a_person(spans, text, self._gazetteers)
            # A state stays, whatever found it ("Rhode Island" as a name): the rule keeps it.
            spans = [s for s in spans
                     if not self._gazetteers.is_state(text, s.start, s.end, s.type == "PLACE")]
            yield Scrubbed(text=_replace(text, spans),
                           entities=tuple(Entity(s.type, s.start, s.end) for s in spans))


    def _analyze(self, text: str, ad_hoc: list[Any] | None) -> list[_Span]:
        # Entities and threshold given: Presidio need not work them out for each text.
        results = self._analyzer.analyze(text=text, language="en", entities=self._entities,
                                         score_threshold=SCORE_THRESHOLD,
                                         nlp_artifacts=self._no_tokens,
                                         ad_hoc_recognizers=ad_hoc or None)
        return [_Span(r.entity_type, r.start, r.end, r.score) for r in results]


def _shouted(text: str) -> bool:
    """Whether most of an answer's letters (of twenty or more) are capitals."""
    letters = sum(map(str.isalpha, text))
    return letters >= 20 and sum(map(str.isupper, text)) >= 0.8 * letters


@functools.lru_cache(maxsize=64)
def _own_recognizers(own: OwnMetadata) -> tuple[Any, ...]:
    # A respondent's answers come one after another: their recognizers are built once.
    from csec_survey.deidentify.pattern_recognizers import own_metadata_recognizer

    return tuple(own_metadata_recognizer(own.by_entity()))


def _resolve(spans: list[_Span], text: str, misspelt: list[tuple[int, int]]) -> list[_Span]:
    """Keep platform names (``misspelt`` ones too), then merge overlapping spans into one,
    typed by the strongest."""
    kept = []
    mentions = platform_mentions(text) + misspelt
    for span in spans:
        # A URL goes whole, the platform's domain in it too: it is the address.
        for start, end in mentions if span.type != "URL" else ():
            if start <= span.start and span.end <= end:
                break  # the span is a platform name: keep it
            # A platform name at the edge of a span is trimmed off; one strictly inside
            # ("Tulsa Facebook Task Force") goes with the span, privacy first.
            if start <= span.start < end:
                span.start = end
            elif start < span.end <= end:
                span.end = start
        else:
            segment = text[span.start:span.end]
            stripped = segment.strip(" ,.;:-")
            if any(ch.isalnum() for ch in stripped):
                offset = segment.find(stripped)
                span.start, span.end = span.start + offset, span.start + offset + len(stripped)
                # "Dover P.D., that", "Ames Police Dept. and": the abbreviation's own stop
                # goes with it; one that also ends the sentence stays.
                if _ABBREVIATED.search(stripped) and _STOP_NOT_ENDING.match(text, span.end):
                    span.end += 1
                # "(330-555-0148)": a bracket the span opens and does not close stays.
                if text[span.start] == "(" and ")" not in text[span.start:span.end]:
                    span.start += 1
                kept.append(span)
    merged: list[_Span] = []
    for span in sorted(kept, key=lambda s: (s.start, -s.end)):
        last = merged[-1] if merged else None
        if last is not None and span.start < last.end:
            stronger = span if (span.score, span.end - span.start) > \
                (last.score, last.end - last.start) else last
            merged[-1] = _Span(stronger.type, last.start, max(last.end, span.end),
                               max(last.score, span.score))
        else:
            merged.append(span)
    joined = _with_word_before(_joined_across_particles(merged, text), text, _LEADING_PARTICLE)
    joined = _with_word_before(joined, text, _ALIAS_LEAD)
    return _with_place_words(_with_generation(joined, text), text)


_ABBREVIATED = re.compile(r"(?:(?<![\w.])[A-Za-z]\.[A-Za-z]|(?<![\w'-])(?:Dept|Co|Inc|Jr|Sr|"
                          r"Ave|Blvd|Rd|St|Hwy|Pkwy|Twp|Cnty|Div|Ofc))$")
_STOP_NOT_ENDING = re.compile(r"\.(?=[,;:)]|\s+[a-z(\d]|[ \t]*\n)")
_WORD_BEFORE = re.compile(r"(?<![\w'\u2019-])([A-Z][a-z]+) $")


def _with_word_before(spans: list[_Span], text: str, word_before: re.Pattern[str],
                      accepted: Callable[[str], bool] = lambda word: True) -> list[_Span]:
    """A word just before a person's span that ``word_before`` matches (its group 1) and
    ``accepted`` admits is part of the name: a listed first name, everyday word or not
    ("Will Okafor"), a name particle, or a street name's lead ("big Mike")."""
    for index, span in enumerate(spans):
        word = word_before.search(text, 0, span.start) if span.type == "PERSON" else None
        if word and accepted(word.group(1)) and \
                (index == 0 or spans[index - 1].end <= word.start()):
            spans[index] = _Span("PERSON", word.start(1), span.end, span.score)
    return spans


# "Sablerun Co.", "Vineland Heights", "North Harlow", "Port Colby": a name found alone
# leaves the word that makes it a place behind otherwise.
_PLACE_TAIL = re.compile(r"\s+(?:Co\.|Cnty\.?|County|Parish|Heights|Junction|Township|Twp\.?|"
                         r"(?i:group\s+home))(?![\w-])")
_PLACE_LEAD = re.compile(r"(?<![\w'\u2019.-])(?:North|South|East|West|Port|Fort|Mount)\s+$")


# "Lionel Ashby Jr", "charged: Vale III, age 30": a generation goes with the name.
_GENERATION = re.compile(r",?\s+(?:[JS][Rr]|jr|sr|II|III|IV)\b\.?")


def _with_generation(spans: list[_Span], text: str) -> list[_Span]:
    """A person's generation after the name ("Jr", "III") goes with it."""
    for index, span in enumerate(spans):
        generation = _GENERATION.match(text, span.end) if span.type == "PERSON" else None
        if generation and (index + 1 == len(spans) or spans[index + 1].start >= generation.end()):
            spans[index] = _Span("PERSON", span.start, generation.end(), span.score)
    return spans


def _with_place_words(spans: list[_Span], text: str) -> list[_Span]:
    """A place or name with a place's word before or after it ("County", "Heights",
    "Port") is a place: the word goes with it."""
    for index, span in enumerate(spans):
        if span.type not in ("PLACE", "PERSON"):
            continue
        tail = _PLACE_TAIL.match(text, span.end)
        lead = _PLACE_LEAD.search(text, 0, span.start)
        following = spans[index + 1].start if index + 1 < len(spans) else len(text)
        before = spans[index - 1].end if index else 0
        start = lead.start() if lead and lead.start() >= before else span.start
        end = tail.end() if tail and tail.end() <= following else span.end
        if (start, end) != (span.start, span.end):
            spans[index] = _Span("PLACE", start, end, span.score)
    return spans


# "Marisol de la Cruz", "van der Meulen": the words between two parts of one name.
_NAME_PARTICLES = re.compile(r"\s+(?:(?i:de|del|della|la|le|van|von|der|den|da|di|du|bin|ibn)"
                             r"\s+){1,2}")


def _joined_across_particles(spans: list[_Span], text: str) -> list[_Span]:
    """Two people's spans one name particle apart are one person."""
    joined: list[_Span] = []
    for span in spans:
        last = joined[-1] if joined else None
        if last is not None and last.type == span.type == "PERSON" and \
                _NAME_PARTICLES.fullmatch(text, last.end, span.start):
            joined[-1] = _Span("PERSON", last.start, span.end, max(last.score, span.score))
        else:
            joined.append(span)
    return joined


# "de Souza's case", "Sgt. Ó Briain": a particle before a found surname is the name's
# first word. "la", "le", "den" and "da" are left out: they are also words ("da boss"),
# and so is "van" after an article ("the van Ruiz rented").
_LEADING_PARTICLE = re.compile(r"(?<!\bthe )(?<!\ba )(?<!\bhis )(?<!\bher )(?<![\w'\u2019-])"
                               r"((?i:de|del|della|van|von|di|du|dos|\u00f3|ni))\s+$")


# "Red, [Kiki] and Baby", "Dre, [Tank], [Slim] - all pimps": a list of single
# capitalised words, one of them a person found.
_LISTED = re.compile(r"(?<![\w'\u2019-])[A-Z][a-z'\u2019-]+(?:(?:,\s+(?:and\s+)?|\s+and\s+)"
                     r"[A-Z][a-z'\u2019-]+)+(?![\w'\u2019-])")
_LISTED_WORD = re.compile(r"[A-Z][a-z'\u2019-]+")
_NOT_LISTED_NAMES = frozenset({*NOT_NAMES, "i", "we", "he", "she", "they", "you", "me", "us"})
_CALENDAR_WORD = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|"
                            r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|Christmas|Easter|"
                            r"Halloween|Thanksgiving|Valentine's")
_LISTED_PERSON_SCORE = 0.6


def _listed_beside_a_person(spans: list[_Span], text: str,
                            gazetteers: Gazetteers) -> list[_Span]:
    """The other words of a list that holds a person found are people too, unless they
    are a state, a platform, the field's vocabulary, a month or a holiday, a word that
    names no one, or the title of a name that follows ("Det. [Vu]")."""
    people = [(span.start, span.end) for span in spans if span.type == "PERSON"]
    if not people or ("," not in text and " and " not in text):
        return spans
    taken: list[tuple[int, int]] = []
    starts = {span.start for span in spans}
    added = []
    for listed in _LISTED.finditer(text):
        words = list(_LISTED_WORD.finditer(text, listed.start(), listed.end()))
        if not any(start < word.end() and word.start() < end for word in words
                   for start, end in people):
            continue
        # Most answers hold no such list: what is taken is looked up once one does.
        taken = taken or [(span.start, span.end) for span in spans] + platform_mentions(text)
        for word in words:
            value = word.group()
            if not any(start < word.end() and word.start() < end for start, end in taken) \
                    and value.lower() not in _NOT_LISTED_NAMES \
                    and value not in gazetteers.us_states and not gazetteers.is_domain(value) \
                    and not _CALENDAR_WORD.fullmatch(value) \
                    and not {word.end() + 1, word.end() + 2} & starts:
                added.append(_Span("PERSON", word.start(), word.end(), _LISTED_PERSON_SCORE))
    return sorted(spans + added, key=lambda span: span.start) if added else spans


# "Marcus Tillman (Tank)", "Gerald Thompkins (G-Money)": the name a person goes by, in
# brackets after the name found.
_BRACKETED_NICKNAME = re.compile(r"\s*\((?P<nickname>[A-Z][\w'\u2019-]*"
                                 r"(?:\s[A-Z][\w'\u2019-]*)?)\)")


def _nicknamed_after_a_person(spans: list[_Span], text: str,
                              gazetteers: Gazetteers) -> list[_Span]:
    """A capitalised word or two in brackets just after a person found is that person's
    nickname, unless it is a platform, a state or the field's vocabulary ("(CI)", "(UC)")."""
    if "(" not in text:
        return spans
    added = []
    for index, span in enumerate(spans):
        found = _BRACKETED_NICKNAME.match(text, span.end) if span.type == "PERSON" else None
        if found is None or (index + 1 < len(spans) and spans[index + 1].start < found.end()):
            continue
        value = found.group("nickname")
        # Three capitals or fewer are an abbreviation: "(DOB)", "(PD)".
        if value not in gazetteers.us_states and not (value.isupper() and len(value) <= 3) \
                and not gazetteers.is_domain(value.lower()) and not gazetteers.is_domain(value) \
                and not platform_mentions(value):
            added.append(_Span("PERSON", *found.span("nickname"), _LISTED_PERSON_SCORE))
    return sorted(spans + added, key=lambda span: span.start) if added else spans


# "big [Mike]", "Lil [Tay]": the lead of a street name found without it.
_ALIAS_LEAD = re.compile(r"(?<!\bthe )(?<!\ba )(?<![\w'\u2019-])((?i:lil|lil'|big|baby|young|"
                         r"yung|little))\s+$")


def _replace(text: str, spans: Sequence[_Span]) -> str:
    """Replace each span by its placeholder; the same entity gets the same number."""
    numbers: dict[tuple[str, str], int] = {}
    for span in spans:
        key = (span.type, _normal(text[span.start:span.end]))
        numbers.setdefault(key, sum(1 for t, _ in numbers if t == span.type) + 1)
    counts: Mapping[str, int] = {kind: sum(1 for t, _ in numbers if t == kind)
                                 for kind, _ in numbers}
    pieces = []
    cursor = 0
    for span in spans:
        key = (span.type, _normal(text[span.start:span.end]))
        label = span.type if counts[span.type] == 1 else f"{span.type} {numbers[key]}"
        pieces.extend([text[cursor:span.start], f"[{label}]"])
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _normal(value: str) -> str:
    return " ".join(value.casefold().split())
