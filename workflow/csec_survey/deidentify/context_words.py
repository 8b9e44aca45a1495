"""Context words, weighed where a pattern matched, without tokenising the answer.

A number shaped like a case number, or a bare "10/9", counts as personal data
only with a cue before it ("case", "report", "date"). Presidio's lemma enhancer
looks for such cues among the lemmas of the five words before a match, but it
needs every answer tokenised first, which took longer than finding everything
else. `ContextWords` applies the same rule to the words before the match
alone, lemmatised with the same lookup table as the spaCy pipeline (`nlp`),
and raises a match's score as Presidio does. A word counts as written too:
the table takes "number" for a form of "numb", and "posted" never matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from presidio_analyzer import RecognizerResult
from spacy.lang.en.stop_words import STOP_WORDS

from csec_survey.deidentify.nlp import PIPELINE

__all__ = ["ContextWords"]

# Presidio's defaults: five words before the match, a score raised by 0.35 to at least 0.4.
_WORDS_BEFORE = 5
_RAISE = 0.35
_LEAST = 0.4
# Five words that are no stop words fit in this many characters of any answer here.
_REACH = 240
_WORD = re.compile(r"\w+")


@functools.cache
def _lemmas() -> dict[str, str]:
    from spacy.lookups import Lookups

    table = Lookups().from_disk(PIPELINE / "lemmatizer" / "lookups").get_table("lemma_lookup")
    return table  # type: ignore[return-value]


def _lemma(word: str) -> str:
    return str(_lemmas().get(word, word)).lower()


class ContextWords:
    """The cue words of a recognizer: a match with one of them among the five words
    before it (stop words aside), as written or as its lemma, scores higher."""

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        dead = sorted(self.words & STOP_WORDS)
        if dead:
            # A stop word is never counted among the words before: say so, not ignore it.
            raise ValueError(f"context words must be no stop words: {dead}")

    def before(self, text: str, start: int) -> bool:
        """Whether a cue word is among the five words before ``start``."""
        words = [word.lower() for word in _WORD.findall(text, max(0, start - _REACH), start)]
        kept = [(word, _lemma(word)) for word in words if word not in STOP_WORDS]
        return any(word in self.words or lemma in self.words
                   for word, lemma in kept[-_WORDS_BEFORE:])

    def weigh(self, text: str, results: Sequence[RecognizerResult]) -> list[RecognizerResult]:
        """The results, each raised as Presidio raises it where a cue word precedes it."""
        for result in results:
            if self.before(text, result.start):
                result.score = min(1.0, max(result.score + _RAISE, _LEAST))
        return list(results)
