"""Synthetic free-text answers with the personal data they carry, and where.

Answers are put together from hand-written phrase banks (``phrasebank/*.yaml``,
one per open question, sentences grouped by the themes the report found and, within
a theme, by the claim each makes: the point a lead-in of the paper makes, or, for a
claim whose id starts ``other_``, one no lead-in makes).
Slots such as ``{person}`` or ``{phone}`` are filled with fake personal data
drawn by `synthetic.planted`, and every planted value is recorded with its
character offsets and shape. Platform names are findings the de-identification
must keep: those the bank writes are marked ``<<Backpage>>`` (the marks are
stripped) and those the ``{platform}`` slot chooses are known, so both are
recorded where they were placed. That record is the ground truth the scrubber
is later measured against.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from faker import Faker

from csec_survey.synthetic.planted import PersonalData, Planted, Span

__all__ = [
    "SLOT_PLATFORMS",
    "Answer",
    "AnswerWriter",
    "Respondent",
    "Span",
    "marked_platforms",
]

_SLOT = re.compile(r"\{(\w+)\}")
_MARK = re.compile(r"<<([^<>]+)>>")
SLOT_PLATFORMS: tuple[str, ...] = (
    "Backpage", "Craigslist", "Facebook", "MySpace", "Instagram", "Kik", "Twitter", "Tumblr",
    "Tagged", "MocoSpace", "Skype", "Snapchat")
"""The platforms the ``{platform}`` slot chooses from."""
_QUESTIONS = ("oe_after_ad", "oe_concerns", "oe_dynamics", "oe_needs", "oe_practices",
              "oe_recognise_ad", "oe_unique")


@dataclass(frozen=True)
class Respondent:
    """What a respondent's answers may mention of their own metadata."""

    first_name: str
    last_name: str
    email: str
    agency: str
    city: str


@dataclass
class Answer:
    """One free-text answer, its themes and claims, the personal data in it and the
    platforms to keep."""

    text: str
    themes: list[str]
    claims: list[str] = field(default_factory=list)
    personal: list[Span] = field(default_factory=list)
    keep: list[Span] = field(default_factory=list)


@cache
def _load_phrasebank(question: str) -> Mapping[str, Any]:
    """The phrase bank of one open question: ``themes`` → claims → sentences, and
    ``fragments``."""
    source = resources.files("csec_survey.synthetic") / "phrasebank" / f"{question}.yaml"
    bank = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not bank.get("themes") or not bank.get("fragments"):
        raise ValueError(f"phrase bank {question!r} needs themes and fragments")
    for theme, claims in bank["themes"].items():
        if not isinstance(claims, dict) or not claims or \
                not all(isinstance(pool, list) and pool for pool in claims.values()):
            raise ValueError(f"phrase bank {question!r}, theme {theme!r}: expected claims, "
                             "each a non-empty list of sentences")
    return bank


@cache
def _theme_sentences(question: str, theme: str) -> tuple[tuple[str, str], ...]:
    """A theme's sentences as (claim, sentence), in the bank's order."""
    bank = _load_phrasebank(question)
    return tuple((claim, str(sentence)) for claim, pool in bank["themes"][theme].items()
                 for sentence in pool)


def marked_platforms() -> frozenset[str]:
    """Every platform name the phrase banks mark ``<<…>>``, as written."""
    names: set[str] = set()
    for question in _QUESTIONS:
        bank = _load_phrasebank(question)
        for sentence in [*(s for theme in bank["themes"] for _, s in
                           _theme_sentences(question, theme)), *bank["fragments"]]:
            names.update(_MARK.findall(str(sentence)))
    return frozenset(names)


class AnswerWriter:
    """Writes answers to the open questions, deterministically for a given generator state."""

    def __init__(self, rng: np.random.Generator, faker: Faker) -> None:
        self._rng = rng
        self._planted = PersonalData(rng, faker)
        self._queues: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._seen: dict[str, set[str]] = {}

    def write(self, question: str, respondent: Respondent) -> Answer:
        """A new answer to ``question``, distinct from earlier answers to it."""
        seen = self._seen.setdefault(question, set())
        for _ in range(20):
            answer = self._compose(question, respondent)
            if answer.text not in seen:
                break
        seen.add(answer.text)
        return answer

    def _compose(self, question: str, respondent: Respondent) -> Answer:
        bank = _load_phrasebank(question)
        themes = list(bank["themes"])
        if self._rng.random() < 0.14:
            fragment = str(self._choice(bank["fragments"]))
            return self._fill(fragment, [], respondent)
        # One person making one point: an answer is one entry of the bank, written as one
        # voice (some hold two sentences), so that no seam shows where a second writer's
        # words would start, and an answer quoted for a point makes that point.
        theme = str(self._choice(themes))
        claim, sentence = self._next_sentence(question, theme, _theme_sentences(question, theme))
        return self._fill(sentence, [theme], respondent, [claim])

    def _next_sentence(self, question: str, theme: str,
                       pool: Sequence[tuple[str, str]]) -> tuple[str, str]:
        # Draw without replacement so that the bank is used up before any sentence
        # repeats; sentences with personal data are drawn less often, and so are those
        # making a point the report did not single out (``other_`` claims).
        queue = self._queues.setdefault((question, theme), [])
        if not queue:
            weights = np.array([(0.55 if _SLOT.search(s) else 1.0) *
                                (_OTHER_POINT_WEIGHT if claim.startswith("other_") else 1.0)
                                for claim, s in pool])
            order = self._rng.choice(len(pool), size=len(pool), replace=False,
                                     p=weights / weights.sum())
            drawn = [pool[i] for i in order]
            # Each point the report found is made once before any point is made twice:
            # the paper says investigators raised each, and a small sample must bear it out.
            first = {}
            for index, (claim, _) in enumerate(drawn):
                if not claim.startswith("other_"):
                    first.setdefault(claim, index)
            leading = sorted(first.values())
            queue.extend([drawn[i] for i in leading] +
                         [entry for i, entry in enumerate(drawn) if i not in set(leading)])
        return queue.pop(0)

    def _fill(self, sentence: str, themes: list[str],
              respondent: Respondent, claims: Sequence[str] = ()) -> Answer:
        text = ""
        personal: list[Span] = []
        keep: list[Span] = []
        # A writer's slips run through the whole answer, never switching midway.
        slip = self._rng.random()
        cursor = 0
        for match in _SLOT.finditer(sentence):
            text = self._literal(text, sentence[cursor:match.start()], keep, slip)
            planted = self._slot(match.group(1), respondent)
            for span in planted.spans:
                (keep if span.type == "PLATFORM" else personal).append(span.shifted(len(text)))
            text += planted.text
            cursor = match.end()
        text = self._literal(text, sentence[cursor:], keep, slip)
        if _DROPPED_STOP[0] <= slip < _DROPPED_STOP[1] and text.endswith("."):
            text = text[:-1]
        return Answer(text=text, themes=themes, claims=list(claims), personal=personal,
                      keep=keep)

    def _literal(self, text: str, chunk: str, keep: list[Span], slip: float) -> str:
        """``text`` followed by a stretch of the bank's own words, its platform marks
        recorded, and the answer's ``slip`` applied."""
        chunk = _roughen(chunk, slip)
        # A planted value that ends in a full stop ("Dover P.D.") takes the sentence's own.
        if text.endswith(".") and chunk.startswith("."):
            chunk = chunk[1:]
        cursor = 0
        for mark in _MARK.finditer(chunk):
            text += chunk[cursor:mark.start()]
            keep.append(Span("PLATFORM", len(text), len(text) + len(mark.group(1)),
                             shape="phrase_bank"))
            text += mark.group(1)
            cursor = mark.end()
        return text + chunk[cursor:]

    def _slot(self, name: str, respondent: Respondent) -> Planted:
        own = {
            "own_name": (f"{respondent.first_name} {respondent.last_name}", "PERSON"),
            "own_email": (respondent.email, "EMAIL"),
            "own_agency": (respondent.agency, "AGENCY"),
            "own_city": (respondent.city, "PLACE"),
        }
        if name in own:
            value, kind = own[name]
            return Planted(value, (Span(kind, 0, len(value), True, "respondent_metadata"),))
        if name == "platform":
            # A finding, not personal data: recorded as a platform to keep.
            value = str(self._choice(SLOT_PLATFORMS))
            return Planted(value, (Span("PLATFORM", 0, len(value), shape="slot"),))
        if name not in self._planted.slots:
            raise ValueError(f"unknown slot {{{name}}} in a phrase bank")
        return self._planted.slots[name]()

    def _choice(self, options: Sequence[Any]) -> Any:
        return options[int(self._rng.integers(len(options)))]


_OTHER_POINT_WEIGHT = 0.3

# Small, human slips, one per answer by where its roll falls: all in lower case, the
# last full stop left off, apostrophes left out.
_LOWER_CASE = (0.0, 0.04)
_DROPPED_STOP = (0.04, 0.07)
_NO_APOSTROPHES = (0.07, 0.09)


def _roughen(chunk: str, slip: float) -> str:
    if _LOWER_CASE[0] <= slip < _LOWER_CASE[1]:
        return chunk.lower()
    if _NO_APOSTROPHES[0] <= slip < _NO_APOSTROPHES[1]:
        return chunk.replace("'", "")
    return chunk

