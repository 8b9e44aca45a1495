"""The fake personal data planted in the free text, drawn in the shapes investigators write.

People, towns, counties and agencies come from an invented vocabulary
(``invented.yaml``) that shares no word with the Census name lists or the
gazetteer the scrubber searches, so that measuring the scrubber on them
measures recognition, not look-up. Each value is drawn as one *shape*
(``invented_name``, ``nickname``, ``initials``, ``acronym``, ``lower_case``,
``spelled_out`` …), recorded on its span so that recall can be reported per
shape. A share of every kind keeps the plain, conventional form.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml
from faker import Faker

__all__ = ["GENERIC_WORDS", "PersonalData", "Planted", "Span", "invented_vocabulary"]

GENERIC_WORDS: frozenset[str] = frozenset({
    # Agency and unit tails: "Brackwell PD", "Pemmick Co. Sheriff's Office".
    "police", "department", "dept", "pd", "sheriff", "sheriffs", "office", "so", "county", "co",
    "task", "force", "icac", "area", "metro", "public", "safety", "juvenile", "bureau", "vice",
    "unit", "district", "attorney", "attorneys", "prosecutor", "prosecutors", "city",
    # Kinds of business, and the prefixes of street names ("Lil Dre", "Big Mookie").
    "motel", "inn", "suites", "lodge", "motor", "lil", "big", "baby", "yung",
})
"""Words of planted values that name no one and nowhere; they may be in the scrubber's lists."""

_TITLES = ("Det.", "Detective", "Sgt.", "Sergeant", "Officer", "Lt.", "Agent", "Investigator",
           "Cpl.", "Trooper", "SA", "Deputy", "Inv.", "Ofc.")
_LOWER_TITLES = ("sgt.", "sgt", "det.", "det", "ofc", "lt", "dep.", "inv", "agent", "detective")
_WEBMAIL = ("gmail.com", "yahoo.com", "hotmail.com", "aol.com", "att.net")
_LETTERS = "ABCDEFGHIJKLMNOPRSTVWY"
_DIGIT_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_PROFILE_SITES = (("https://www.facebook.com/", "."), ("facebook.com/", "."),
                  ("www.myspace.com/", "_"), ("instagram.com/", "_"), ("twitter.com/", "_"),
                  ("http://www.tumblr.com/blog/", "-"))
_DATE_START = date(2010, 1, 1)
_DATE_END = date(2012, 12, 15)


@dataclass(frozen=True)
class Span:
    """A stretch ``text[start:end]`` of one kind (``PERSON``, ``PHONE``, ``PLATFORM`` …).

    ``shape`` is the form the value was drawn as (``nickname``, ``acronym`` …).
    """

    type: str
    start: int
    end: int
    own: bool = False
    shape: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        data: dict[str, Any] = {"type": self.type, "start": self.start, "end": self.end}
        if self.own:
            data["own_metadata"] = True
        if self.shape is not None:
            data["shape"] = self.shape
        return data

    def shifted(self, offset: int) -> Span:
        """The same span ``offset`` characters further on."""
        return Span(self.type, self.start + offset, self.end + offset, self.own, self.shape)


@dataclass(frozen=True)
class Planted:
    """A value written into a slot, with the spans in it (offsets into ``text``)."""

    text: str
    spans: tuple[Span, ...]


def _plain(kind: str, text: str, shape: str, before: str = "", after: str = "") -> Planted:
    """``before + text + after`` with ``text`` alone as the span: context words stay."""
    return Planted(before + text + after,
                   (Span(kind, len(before), len(before) + len(text), shape=shape),))


def _joined(*parts: Planted | str) -> Planted:
    """Values and plain words one after another, spans moved along."""
    text, spans = "", []
    for part in parts:
        if isinstance(part, str):
            text += part
            continue
        spans.extend(span.shifted(len(text)) for span in part.spans)
        text += part.text
    return Planted(text, tuple(spans))


@cache
def invented_vocabulary() -> Mapping[str, tuple[str, ...]]:
    """The invented names, towns, counties and businesses, list by list."""
    source = resources.files("csec_survey.synthetic") / "invented.yaml"
    return {name: tuple(str(word) for word in words) for name, words in
            yaml.safe_load(source.read_text(encoding="utf-8")).items()}


class PersonalData:
    """Draws fake personal data for the phrase banks' slots, one shape at a time."""

    def __init__(self, rng: np.random.Generator, faker: Faker) -> None:
        self._rng = rng
        self._fake = faker
        self._words = invented_vocabulary()
        self.slots: Mapping[str, Callable[[], Planted]] = {
            "person": self._person, "suspect": self._suspect, "victim": self._victim,
            "agency": self._agency, "city": self._city, "county": self._county,
            "state": self._state, "motel": self._motel, "address": self._address,
            "phone": self._phone, "email": self._email, "ip": self._ip, "url": self._url,
            "handle": self._handle, "bare_handle": self._bare_handle,
            "case_no": self._case_number, "tip": self._tip, "card": self._card,
            "badge": self._badge, "date": self._date,
        }

    def _choice(self, options: Sequence[Any]) -> Any:
        return options[int(self._rng.integers(len(options)))]

    def _shape(self, weights: Mapping[str, float]) -> str:
        names = list(weights)
        p = np.array([weights[name] for name in names])
        return names[int(self._rng.choice(len(names), p=p / p.sum()))]

    def _word(self, vocabulary: str) -> str:
        return str(self._choice(self._words[vocabulary]))

    def _given(self) -> str:
        return self._word("given_female" if self._rng.random() < 0.5 else "given_male")

    # --- people -------------------------------------------------------------------
    def _person(self) -> Planted:
        """A colleague, prosecutor or trainer, mostly by rank and name."""
        shape = self._shape({"invented_name": 0.42, "given_name_only": 0.1, "hyphenated": 0.05,
                             "lower_case": 0.14, "misspelt": 0.08, "initials": 0.06,
                             "ordinary_word_name": 0.1, "nickname": 0.05})
        return self._name(shape)

    def _suspect(self) -> Planted:
        """A pimp or buyer: street names and aliases as often as names."""
        shape = self._shape({"nickname": 0.35, "ordinary_word_name": 0.15,
                             "invented_name": 0.22, "lower_case": 0.13, "name_with_alias": 0.15})
        if shape == "name_with_alias":
            name = _plain("PERSON", f"{self._given()} {self._word('surnames')}", "invented_name")
            cue = str(self._choice([" aka ", " a/k/a ", ' "', " (aka ", " who goes by "]))
            alias = self._nickname()
            close = {' "': '"', " (aka ": ")"}.get(cue, "")
            return _joined(name, cue, alias, close)
        if shape == "nickname":
            cue = str(self._choice(["", "", "aka ", "a guy called ", "one they call "]))
            return _joined(cue, self._nickname())
        return self._name(shape, ranked=False)

    def _victim(self) -> Planted:
        """A juvenile: initials or a first name, as reports keep them."""
        shape = self._shape({"initials": 0.4, "given_name_only": 0.22,
                             "ordinary_word_name": 0.2, "lower_case": 0.1, "misspelt": 0.08})
        if shape == "initials":
            cue = str(self._choice(["", "", "the juv ", "juv ", "V1 ", "the victim, "]))
            return _joined(cue, self._initials())
        if shape in ("given_name_only", "misspelt"):
            word = self._given() if shape == "given_name_only" else self._word("misspelt_given")
            return _plain("PERSON", word, shape)
        return self._name(shape, ranked=False)

    def _name(self, shape: str, ranked: bool = True) -> Planted:
        # Colleagues come with their rank; suspects and victims never do.
        first, last = self._given(), self._word("surnames")
        title = str(self._choice(_TITLES)) + " " if ranked and self._rng.random() < 0.45 else ""
        if shape == "invented_name":
            name = str(self._choice([last, f"{first} {last}"] if title
                                    else [f"{first} {last}", f"{first} {last}", last]))
            return _plain("PERSON", name, shape, before=title)
        if shape == "given_name_only":
            return _plain("PERSON", first, shape)
        if shape == "hyphenated":
            double = f"{last}-{self._word('surnames')}"
            return _plain("PERSON", double if title else f"{first} {double}", shape, before=title)
        if shape == "lower_case":
            rank = str(self._choice(_LOWER_TITLES)) + " " if ranked else ""
            name = str(self._choice([last, f"{first} {last}", first])).lower()
            return _plain("PERSON", name, shape, before=rank if name != first.lower() else "")
        if shape == "misspelt":
            name = str(self._choice([self._word("misspelt_given"),
                                     f"{self._word('misspelt_given')} {last}"]))
            return _plain("PERSON", name, shape, before=title if " " in name else "")
        if shape == "initials":
            return self._initials()
        if shape == "nickname":
            return self._nickname()
        word = self._word("ordinary_word_names")
        name = str(self._choice([word, word, f"{word} {last}"]))
        return _plain("PERSON", name, "ordinary_word_name",
                      before="a girl named " if name == word and self._rng.random() < 0.3
                      else "")

    def _initials(self) -> Planted:
        form = str(self._choice(["{0}.{1}.", "{0}{1}", "{0}.{1}.", "{0}.{1}"]))
        # Undotted, some pairs read as a word or an abbreviation (AL, ST, MT); these don't.
        pools = ("BDJKLRT", "BDJLPRTVW") if "." not in form else (_LETTERS, _LETTERS)
        value = form.format(*(str(self._choice(pool)) for pool in pools))
        # Typed fast, initials lose their capitals too ("kt", "a.r.").
        return _plain("PERSON", value.lower() if self._rng.random() < 0.15 else value,
                      "initials")

    def _nickname(self) -> Planted:
        word = self._word("nicknames")
        prefix = str(self._choice(["Lil ", "Big ", "", "", "Baby ", "Yung "]))
        if self._rng.random() < 0.2:
            return _plain("PERSON", (prefix + word).lower(), "lower_case")
        if self._rng.random() < 0.25:
            plain = self._word("ordinary_word_names")
            return _plain("PERSON", plain, "ordinary_word_name", before='"', after='"')
        quoted = self._rng.random() < 0.25
        return _plain("PERSON", prefix + word, "nickname", before='"' if quoted else "",
                      after='"' if quoted else "")

    # --- places and agencies ------------------------------------------------------
    def _city(self) -> Planted:
        shape = self._shape({"invented_town": 0.55, "lower_case": 0.25, "town_with_state": 0.2})
        town = self._word("towns")
        if shape == "lower_case":
            return _plain("PLACE", town.lower(), shape)
        if shape == "town_with_state":
            # The state is no personal data (Safe Harbor keeps states): the town alone is.
            state = self._word("state_abbreviations")
            return _plain("PLACE", town, shape, after=f"{self._choice([', ', ' '])}{state}")
        return _plain("PLACE", town, shape)

    def _county(self) -> Planted:
        shape = self._shape({"invented_county": 0.5, "abbreviated": 0.25, "lower_case": 0.25})
        county = self._word("counties")
        if shape == "abbreviated":
            return _plain("PLACE", f"{county} {self._choice(['Co.', 'Co', 'Cty'])}", shape)
        if shape == "lower_case":
            return _plain("PLACE", f"{county} {self._choice(['co', 'county'])}".lower(), shape)
        return _plain("PLACE", f"{county} County", shape)

    def _state(self) -> Planted:
        # Safe Harbor keeps states: a state is written, and is no personal data.
        return Planted(self._word("state_abbreviations"), ())

    def _motel(self) -> Planted:
        name = f"{self._word('businesses')} {self._choice(['Motel', 'Inn', 'Motor Inn', 'Suites'])}"
        business = _plain("PLACE", name, "business")
        if self._rng.random() < 0.5:
            return business
        town = self._word("towns")
        lower = self._rng.random() < 0.4
        return _joined(business, " in ", _plain("PLACE", town.lower() if lower else town,
                                                "lower_case" if lower else "invented_town"))

    def _agency(self) -> Planted:
        shape = self._shape({"full_name": 0.4, "acronym": 0.25, "lower_case": 0.2,
                             "no_suffix": 0.15})
        town, county = self._word("towns"), self._word("counties")
        if shape == "acronym":
            letters = str(self._choice([f"{town[0]}PD", f"{town[0]}CPD", f"{county[0]}CSO",
                                        f"{county[0]}CSD", f"{county[0]}CDA"]))
            unit = " " + str(self._choice(["ICAC unit", "vice unit", "task force"]))
            police = not letters.endswith("DA")
            return _plain("AGENCY", letters, shape,
                          after=unit if police and self._rng.random() < 0.25 else "")
        if shape == "lower_case":
            name = str(self._choice([f"{town} pd", f"{town} police dept", f"{county} co so",
                                     f"{county} county sheriffs office", f"{county} co sheriff"]))
            return _plain("AGENCY", name.lower(), shape)
        if shape == "no_suffix":
            name = str(self._choice([f"{town} Metro", f"{town} Public Safety",
                                     f"{county} County Juvenile Bureau", f"{town} Metro Vice",
                                     f"{county} County Drug Task Force"]))
            return _plain("AGENCY", name, shape)
        name = str(self._choice([f"{town} Police Department", f"{town} PD",
                                 f"{town} Police Dept.", f"{county} County Sheriff's Office",
                                 f"{county} County Sheriff's Department",
                                 f"{county} County Prosecutor's Office",
                                 f"{county} County District Attorney's Office",
                                 f"{town} Area ICAC Task Force"]))
        return _plain("AGENCY", name, shape)

    def _address(self) -> Planted:
        shape = self._shape({"conventional": 0.6, "block": 0.2, "lower_case": 0.2})
        number = int(self._rng.integers(100, 9900))
        street = f"{self._word('streets')} {self._choice(['St', 'Ave', 'Rd', 'Dr', 'Blvd'])}"
        if shape == "block":
            return _plain("ADDRESS", f"{number // 100 * 100} block of {street}", shape)
        value = f"{number} {self._choice(['', '', 'N ', 'S ', 'E ', 'W '])}{street}"
        if self._rng.random() < 0.25:
            unit = int(self._rng.integers(1, 240))
            value += f" {self._choice(['Apt', 'Apt.', '#', 'Rm'])} {unit}"
        return _plain("ADDRESS", value.lower() if shape == "lower_case" else value, shape)

    # --- contact details and numbers ----------------------------------------------
    def _phone(self) -> Planted:
        shape = self._shape({"conventional": 0.55, "spaced": 0.15, "letter_o": 0.15,
                             "spelled_out": 0.15})
        area = f"{int(self._rng.integers(2, 10))}{int(self._rng.integers(0, 100)):02d}"
        exchange = f"{int(self._rng.integers(2, 10))}{int(self._rng.integers(0, 100)):02d}"
        line = f"{int(self._rng.integers(0, 10000)):04d}"
        if shape == "spaced":
            value = str(self._choice([f"{area} {exchange} {line}",
                                      f"{area} {exchange} {line[:2]} {line[2:]}"]))
        elif shape == "letter_o":
            # Typed on a phone keyboard, a zero becomes the letter O; make sure one does.
            digits = f"{area}-{exchange}-{line[:3]}0"
            value = digits.replace("0", "O")
        elif shape == "spelled_out":
            words = [" ".join("oh" if d == "0" else _DIGIT_WORDS[int(d)] for d in group)
                     for group in (area, exchange, line)]
            value = str(self._choice([", ".join(words), " ".join(words)]))
        else:
            value = str(self._choice([f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}",
                                      f"{area}.{exchange}.{line}", f"{area}{exchange}{line}",
                                      f"+1 {area} {exchange} {line}",
                                      f"1-{area}-{exchange}-{line}"]))
        return _plain("PHONE", value, shape)

    def _local_part(self) -> str:
        first, last = self._given().lower(), self._word("surnames").lower()
        number = str(int(self._rng.integers(1, 99)))
        return str(self._choice([f"{first[0]}{last}", f"{first}.{last}", f"{last}{first[0]}",
                                 f"{first}{number}", f"{self._word('nicknames').lower()}{number}"]))

    def _email(self) -> Planted:
        shape = self._shape({"conventional": 0.6, "obfuscated": 0.4})
        local = self._local_part()
        place = self._word("towns").lower()
        domain, tld = str(self._choice([f"{place}pd.org", f"{place}.gov", f"{place}so.us",
                                        *_WEBMAIL])).rsplit(".", 1)
        if shape == "conventional":
            return _plain("EMAIL", f"{local}@{domain}.{tld}", shape)
        at, dot = self._choice([(" at ", " dot "), ("[at]", "[dot]"), (" (at) ", "."),
                                (" @ ", " . "), (" AT ", " DOT ")])
        return _plain("EMAIL", f"{local}{at}{domain}{dot}{tld}", shape)

    def _ip(self) -> Planted:
        value = self._fake.ipv6() if self._rng.random() < 0.25 else self._fake.ipv4_public()
        return _plain("IP_ADDRESS", value, "conventional")

    def _url(self) -> Planted:
        site, separator = _PROFILE_SITES[int(self._rng.integers(len(_PROFILE_SITES)))]
        path = separator.join([self._given().lower(), self._word("surnames").lower()])
        if self._rng.random() < 0.3:
            path += str(int(self._rng.integers(1, 99)))
        # The whole URL is the identifier, the platform's domain in it too (Safe Harbor).
        return _plain("URL", site + path, "conventional")

    def _handle_text(self) -> str:
        stem = str(self._choice([self._word("nicknames"), self._given(),
                                 self._word("ordinary_word_names")])).lower()
        lead = str(self._choice(["", "", "lil", "king", "boss", "pretty", "real", "its"]))
        tail = str(self._choice(["", "_", ".", "x"])) + str(int(self._rng.integers(1, 100)))
        # A short stem alone ("zo") is taken on every platform; real ones carry a number.
        numbered = len(stem) < 5 or self._rng.random() < 0.75
        return lead + ("_" if lead and self._rng.random() < 0.5 else "") + stem + \
            (tail if numbered else "")

    def _handle(self) -> Planted:
        if self._rng.random() < 0.35:
            return self._bare_handle()
        return _plain("HANDLE", "@" + self._handle_text(), "at_handle")

    def _bare_handle(self) -> Planted:
        """A user name without "@", as written after "his snap was" or "her kik is"."""
        return _plain("HANDLE", self._handle_text(), "no_at")

    def _case_number(self) -> Planted:
        fake = self._fake
        value = str(self._choice([fake.numerify("12-0#####"), fake.numerify("2012-####"),
                                  fake.bothify("CR12-####"), fake.numerify("11-###-####"),
                                  fake.bothify("??12######").upper()]))
        if self._rng.random() < 0.15:
            return _plain("CASE_NUMBER", value.lower(), "lower_case")
        return _plain("CASE_NUMBER", value, "conventional")

    def _tip(self) -> Planted:
        return _plain("CASE_NUMBER", self._fake.numerify("#######"), "tip_number",
                      before=str(self._choice(["", "#", "no. "])))

    def _card(self) -> Planted:
        return _plain("CASE_NUMBER", self._fake.numerify("####"), "card_tail")

    def _badge(self) -> Planted:
        if self._rng.random() < 0.5:
            value = self._fake.numerify(str(self._choice(["###", "####", "#####"])))
            return _plain("BADGE_NUMBER", value, "conventional")
        value = self._fake.bothify(str(self._choice(["?-###", "?####", "??-####", "###?"])))
        return _plain("BADGE_NUMBER", value.upper(), "alphanumeric")

    def _date(self) -> Planted:
        shape = self._shape({"conventional": 0.55, "lower_case": 0.25, "partial": 0.2})
        day = self._fake.date_between_dates(date_start=_DATE_START, date_end=_DATE_END)
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(
            day.day, "th")
        if shape == "lower_case":
            month = "sept" if day.month == 9 else f"{day:%b}".lower()
            value = str(self._choice([f"{month} {day.day}{suffix}", f"{month} {day.day}",
                                      f"{month}. {day.day}", f"{day:%B}".lower() + f" {day.day}"]))
        elif shape == "partial":
            value = str(self._choice([f"{day.month}/{day.day}", f"{day.month}-{day.day}",
                                      f"the {day.day}{suffix}"]))
            if value.startswith("the "):
                return _plain("DATE", value[4:], shape, before="the ")
        else:
            value = str(self._choice([f"{day.month}/{day.day}/{day:%y}",
                                      f"{day:%B} {day.day}, {day.year}", f"{day:%b} {day.day}",
                                      day.isoformat()]))
        return _plain("DATE", value, shape)
