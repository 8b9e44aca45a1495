"""Synthetic free-text answers with the personal data they carry, and where.

Answers are put together from hand-written phrase banks (``phrasebank/*.yaml``,
one per open question, sentences grouped by the themes the report found).
Slots such as ``{person}`` or ``{phone}`` are filled with fake personal data,
and every planted value is recorded with its character offsets, as are the
platform names the de-identification must keep. That record is the ground
truth the scrubber is later measured against.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from faker import Faker

from csec_survey.core.platforms import platform_mentions

__all__ = [
    "Answer",
    "AnswerWriter",
    "Respondent",
    "Span",
    "agency_name",
]

_SLOT = re.compile(r"\{(\w+)\}")
_SLOT_PLATFORMS = ("Backpage", "Craigslist", "Facebook", "MySpace", "Instagram", "Kik",
                   "Twitter", "Tumblr", "Tagged", "MocoSpace", "Skype", "Snapchat")
_PROFILE_SITES = (("https://www.facebook.com/", "."), ("facebook.com/", "."),
                  ("www.myspace.com/", "_"), ("instagram.com/", "_"), ("twitter.com/", "_"),
                  ("http://www.tumblr.com/blog/", "-"))
_TITLES = ("Det.", "Detective", "Sgt.", "Sergeant", "Officer", "Lt.", "Agent", "Investigator",
           "Cpl.", "Trooper", "SA", "Deputy", "Inv.")


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` of one kind (``PERSON``, ``PHONE``, ``PLATFORM`` …)."""

    type: str
    start: int
    end: int
    own: bool = False

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {"type": self.type, "start": self.start, "end": self.end}
        if self.own:
            data["own_metadata"] = True
        return data


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
    """One free-text answer, its themes, the personal data in it and the platforms to keep."""

    text: str
    themes: list[str]
    personal: list[Span] = field(default_factory=list)
    keep: list[Span] = field(default_factory=list)


@cache
def _load_phrasebank(question: str) -> Mapping[str, Any]:
    """The phrase bank of one open question: ``themes`` → sentences, and ``fragments``."""
    source = resources.files("csec_survey.synthetic") / "phrasebank" / f"{question}.yaml"
    bank = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not bank.get("themes") or not bank.get("fragments"):
        raise ValueError(f"phrase bank {question!r} needs themes and fragments")
    return bank


class AnswerWriter:
    """Writes answers to the open questions, deterministically for a given generator state."""

    def __init__(self, rng: np.random.Generator, faker: Faker) -> None:
        self._rng = rng
        self._fake = faker
        self._queues: dict[tuple[str, str], list[str]] = {}
        self._seen: dict[str, set[str]] = {}
        self._fillers: Mapping[str, Callable[[], tuple[str, str, int, int]]] = {
            "person": self._person, "agency": self._agency, "city": self._city,
            "county": self._county, "state": self._state, "address": self._address,
            "phone": self._phone, "email": self._email, "ip": self._ip, "url": self._url,
            "handle": self._handle, "case_no": self._case_number, "badge": self._badge,
            "date": self._date,
        }

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
            return self._fill([fragment], [], respondent)
        length = int(self._rng.choice([1, 2, 3, 4], p=[0.45, 0.35, 0.15, 0.05]))
        primary = str(self._choice(themes))
        chosen = [primary]
        sentences = []
        for position in range(length):
            theme = primary if position == 0 or self._rng.random() < 0.6 \
                else str(self._choice(themes))
            if theme not in chosen:
                chosen.append(theme)
            sentences.append(self._next_sentence(question, theme, bank["themes"][theme]))
        return self._fill(sentences, chosen, respondent)

    def _next_sentence(self, question: str, theme: str, pool: Sequence[str]) -> str:
        # Draw without replacement so that the bank is used up before any
        # sentence repeats; sentences with personal data are drawn less often.
        queue = self._queues.setdefault((question, theme), [])
        if not queue:
            weights = np.array([0.55 if _SLOT.search(s) else 1.0 for s in pool])
            order = self._rng.choice(len(pool), size=len(pool), replace=False,
                                     p=weights / weights.sum())
            queue.extend(pool[i] for i in order)
        return queue.pop(0)

    def _fill(self, sentences: Sequence[str], themes: list[str],
              respondent: Respondent) -> Answer:
        text = ""
        personal: list[Span] = []
        joiner = str(self._choice([" ", " ", " ", "  ", "\n", " - "]))
        for index, sentence in enumerate(sentences):
            if index:
                text += joiner
            cursor = 0
            for match in _SLOT.finditer(sentence):
                text += self._roughen(sentence[cursor:match.start()])
                value, kind, start, end, own = self._slot(match.group(1), respondent)
                if kind != "PLATFORM":
                    personal.append(Span(kind, len(text) + start, len(text) + end, own))
                text += value
                cursor = match.end()
            text += self._roughen(sentence[cursor:])
        keep = [Span("PLATFORM", start, end) for start, end in platform_mentions(text)
                if not any(s.start <= start < s.end for s in personal)]
        return Answer(text=text, themes=themes, personal=personal, keep=keep)

    def _slot(self, name: str, respondent: Respondent) -> tuple[str, str, int, int, bool]:
        own = {
            "own_name": (f"{respondent.first_name} {respondent.last_name}", "PERSON"),
            "own_email": (respondent.email, "EMAIL"),
            "own_agency": (respondent.agency, "AGENCY"),
            "own_city": (respondent.city, "PLACE"),
        }
        if name in own:
            value, kind = own[name]
            return value, kind, 0, len(value), True
        if name == "platform":
            # Platforms are findings, recorded by the keep scan, not personal data.
            return str(self._choice(_SLOT_PLATFORMS)), "PLATFORM", 0, 0, False
        if name not in self._fillers:
            raise ValueError(f"unknown slot {{{name}}} in a phrase bank")
        value, kind, start, end = self._fillers[name]()
        return value, kind, start, end, False

    def _roughen(self, text: str) -> str:
        """Small, human slips in the plain text between slots."""
        roll = self._rng.random()
        if roll < 0.04 and len(text) > 12:
            return text.lower()
        if roll < 0.07 and text.endswith("."):
            return text[:-1]
        if roll < 0.09:
            return text.replace("'", "")
        return text

    def _choice(self, options: Sequence[Any]) -> Any:
        return options[int(self._rng.integers(len(options)))]

    # Fillers return (text, entity type, start, end): the span of the
    # personal part inside the text (a title or a platform domain stays).
    def _person(self) -> tuple[str, str, int, int]:
        first, last = self._fake.first_name(), self._fake.last_name()
        form = int(self._rng.integers(5))
        if form == 0:
            return f"{first} {last}", "PERSON", 0, len(first) + len(last) + 1
        if form in (1, 2):
            title = str(self._choice(_TITLES)) + " "
            name = last if form == 1 else f"{first} {last}"
            return title + name, "PERSON", len(title), len(title) + len(name)
        if form == 3:
            return last, "PERSON", 0, len(last)
        return first, "PERSON", 0, len(first)

    def _agency(self) -> tuple[str, str, int, int]:
        value = agency_name(self._fake, self._rng, str(self._choice(_AGENCY_KINDS)))
        return value, "AGENCY", 0, len(value)

    def _city(self) -> tuple[str, str, int, int]:
        value = str(self._fake.local_latlng(country_code="US")[2])
        return value, "PLACE", 0, len(value)

    def _county(self) -> tuple[str, str, int, int]:
        value = f"{self._fake.last_name()} County"
        return value, "PLACE", 0, len(value)

    def _state(self) -> tuple[str, str, int, int]:
        value = self._fake.state()
        return value, "PLACE", 0, len(value)

    def _address(self) -> tuple[str, str, int, int]:
        value = self._fake.street_address()
        return value, "ADDRESS", 0, len(value)

    def _phone(self) -> tuple[str, str, int, int]:
        area, exchange, line = (self._fake.numerify("%##"), self._fake.numerify("%##"),
                                self._fake.numerify("####"))
        value = str(self._choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                                  f"{area}.{exchange}.{line}", f"{area}{exchange}{line}",
                                  f"+1 {area} {exchange} {line}", f"1-{area}-{exchange}-{line}"]))
        return value, "PHONE", 0, len(value)

    def _email(self) -> tuple[str, str, int, int]:
        value = str(self._choice([self._fake.free_email(), self._fake.company_email(),
                                  self._fake.email()]))
        return value, "EMAIL", 0, len(value)

    def _ip(self) -> tuple[str, str, int, int]:
        value = self._fake.ipv6() if self._rng.random() < 0.25 else self._fake.ipv4_public()
        return value, "IP_ADDRESS", 0, len(value)

    def _url(self) -> tuple[str, str, int, int]:
        site, separator = _PROFILE_SITES[int(self._rng.integers(len(_PROFILE_SITES)))]
        path = separator.join([self._fake.first_name().lower(), self._fake.last_name().lower()])
        if self._rng.random() < 0.3:
            path += str(int(self._rng.integers(1, 99)))
        value = site + path
        return value, "URL", len(site), len(value)

    def _handle(self) -> tuple[str, str, int, int]:
        value = "@" + self._fake.user_name()
        return value, "HANDLE", 0, len(value)

    def _case_number(self) -> tuple[str, str, int, int]:
        fake = self._fake
        value = str(self._choice([fake.numerify("12-0#####"), fake.numerify("2012-####"),
                                  fake.bothify("CR12-####"), fake.numerify("11-###-####"),
                                  fake.bothify("??12######").upper()]))
        return value, "CASE_NUMBER", 0, len(value)

    def _badge(self) -> tuple[str, str, int, int]:
        value = self._fake.numerify(str(self._choice(["###", "####", "#####"])))
        return value, "BADGE_NUMBER", 0, len(value)

    def _date(self) -> tuple[str, str, int, int]:
        day = self._fake.date_between_dates(date_start=_DATE_START, date_end=_DATE_END)
        value = str(self._choice([f"{day.month}/{day.day}/{day:%y}", f"{day.month}/{day.day}",
                                  f"{day:%B} {day.day}, {day.year}", f"{day:%b} {day.day}",
                                  day.isoformat()]))
        return value, "DATE", 0, len(value)


_DATE_START = date(2010, 1, 1)
_DATE_END = date(2012, 12, 15)
_AGENCY_KINDS = ("police", "police", "sheriff", "state_police", "task_force", "prosecutor")


def agency_name(fake: Faker, rng: np.random.Generator, kind: str,
                city: str | None = None, county: str | None = None,
                state: str | None = None) -> str:
    """A plausible US law-enforcement agency name of the given kind."""
    city = city or str(fake.local_latlng(country_code="US")[2])
    county = county or f"{fake.last_name()} County"
    state = state or fake.state()
    names = {
        "police": [f"{city} Police Department", f"{city} PD", f"{city} Police Dept."],
        "sheriff": [f"{county} Sheriff's Office", f"{county} Sheriff's Department"],
        "state_police": [f"{state} State Police", f"{state} Bureau of Investigation"],
        "task_force": [f"{state} ICAC Task Force", f"{city} Area ICAC Task Force"],
        "prosecutor": [f"{county} Prosecutor's Office", f"{county} District Attorney's Office"],
    }[kind]
    return names[int(rng.integers(len(names)))]


