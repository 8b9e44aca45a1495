"""Platform names as investigators misspell them: "facebok", "instagam", "craigslis".

`platform_mentions` finds a platform's name as it is spelt; an answer typed in a hurry
drops, adds, changes or swaps a letter, and the word then reads as an unknown name. A
word one slip from a platform's name is kept as that name is, unless it is English, or
a name or town of the word lists ("Tinker" is one slip from "Tinder"): only names of
seven letters or more are matched, where one slip rarely makes another word.
"""

from __future__ import annotations

import re

from csec_survey.core.platforms import PLATFORM_NAMES
from csec_survey.deidentify.gazetteers import Gazetteers

__all__ = ["PlatformSpellings"]

_NAMES = frozenset(name.lower() for name in PLATFORM_NAMES if len(name) >= 7 and name.isalpha())
_WORD = re.compile(r"(?<![\w@./-])[A-Za-z]{6,}(?![\w@/-])")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class PlatformSpellings:
    """Finds the misspelt platform names of an answer; each word is judged once."""

    def __init__(self, gazetteers: Gazetteers) -> None:
        self._words = gazetteers
        self._judged: dict[str, bool] = {}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of the words in ``text`` that misspell a platform's name."""
        return [match.span() for match in _WORD.finditer(text) if self._misspelt(match.group())]

    def _misspelt(self, word: str) -> bool:
        known = self._judged.get(word)
        if known is None:
            lower = word.lower()
            known = self._judged[word] = lower not in _NAMES and \
                not self._words.is_common(lower) and not self._words.lists_hold(word) and \
                not _one_slip(lower).isdisjoint(_NAMES)
        return known


def _one_slip(word: str) -> set[str]:
    """Every string one letter dropped, added, changed or two swapped from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
            | {a + c + b for a, b in splits for c in _LETTERS})
