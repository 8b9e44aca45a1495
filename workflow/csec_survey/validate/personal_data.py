"""Personal data that must not survive de-identification, as patterns over free text.

The clean suite counts matches of these in every de-identified answer; each
pattern is tried only on texts that could hold a match at all.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping

__all__ = ["PERSONAL_PATTERNS", "contains_personal_data"]

PERSONAL_PATTERNS: Mapping[str, str] = {
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "phone": r"(?<!\d)(?:\+?1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)",
    "ipv4": r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])",
    # Candidates only: a match counts when Python parses it as an IPv6 address.
    "ipv6": r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,8}(?![\w:])",
    "profile_url": r"(?:facebook|myspace|instagram|twitter|tumblr|kik)\.com/[\w.\-?=/]*\w",
}
"""Patterns of personal data that must not survive in de-identified free text."""


def contains_personal_data(kind: str, text: str) -> bool:
    """Whether ``text`` holds personal data of one of the `PERSONAL_PATTERNS` kinds."""
    if not _CANDIDATE[kind](text):
        return False
    for match in _COMPILED[kind].finditer(text):
        if kind != "ipv6":
            return True
        try:
            ipaddress.IPv6Address(match.group(0))
        except ValueError:
            continue
        return True
    return False


_COMPILED = {kind: re.compile(pattern, re.IGNORECASE)
             for kind, pattern in PERSONAL_PATTERNS.items()}
_DIGIT = re.compile(r"\d")
# What a text must hold for each pattern to match at all: a cheap test that spares most
# answers the regular expressions (their cost dominates the clean suite at scale).
_CANDIDATE: Mapping[str, Callable[[str], bool]] = {
    "email": lambda text: "@" in text,
    "phone": lambda text: _DIGIT.search(text) is not None,
    "ipv4": lambda text: _DIGIT.search(text) is not None,
    "ipv6": lambda text: text.count(":") >= 2,
    "profile_url": lambda text: ".com/" in text.lower(),
}
