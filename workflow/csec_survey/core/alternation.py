"""Regular-expression alternations of many literal phrases, shaped as a trie.

Python's engine tries the branches of ``a|b|c`` one after another at every position it
starts from; a list of a hundred platform names is then a hundred attempts at every
word. Grouped by shared prefixes (``fa(?:cebook|ce ?time)``), a word is read once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["trie_alternation"]


def trie_alternation(phrases: Iterable[str], space: str = " ") -> str:
    """One regex matching any of ``phrases``, the longest first where one is a prefix of
    another; a space in a phrase becomes ``space`` (``r"\\s+"`` for any run of blanks)."""
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}

    def alternation(node: dict[str, dict]) -> str:
        branches = [(space if char == " " else re.escape(char)) + alternation(child)
                    for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")

    return alternation(tree)
