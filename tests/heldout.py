"""Loader for the held-out de-identification test corpus.

Each non-blank line of ``data/heldout_texts.txt`` is one free-text survey answer. Personal
data is marked inline as ``{{TYPE|value}}`` and platform/product names as ``<<value>>``.
The two characters ``\\n`` inside a line stand for a line break within the answer.

The loader strips the markup and records character offsets into the clean text, so a
de-identification tool can be scored against ``personal`` (must be removed) and
``platforms`` (must be kept).

Run ``python tests/heldout.py`` for a summary of the corpus.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DEFAULT_PATH = Path(__file__).parent / "data" / "heldout_texts.txt"

PERSONAL_TYPES: tuple[str, ...] = (
    "PERSON",
    "AGENCY",
    "PLACE",
    "ADDRESS",
    "PHONE",
    "EMAIL",
    "IP_ADDRESS",
    "URL",
    "HANDLE",
    "CASE_NUMBER",
    "BADGE_NUMBER",
    "DATE",
)

_MARKUP = re.compile(
    r"\{\{(?P<type>[^{}|<>]*)\|(?P<value>[^{}|<>]*)\}\}"
    r"|<<(?P<platform>[^{}|<>]*)>>"
)
_STRAY = re.compile(r"\{\{|\}\}|<<|>>")
_LINE_BREAK = "\\n"


@dataclass(frozen=True)
class HeldoutText:
    """One held-out answer with gold spans into ``text``."""

    id: str
    text: str
    personal: list[tuple[str, int, int]]
    platforms: list[tuple[int, int]]


def _unescape(fragment: str) -> str:
    return fragment.replace(_LINE_BREAK, "\n")


def _fail(where: str, message: str) -> ValueError:
    return ValueError(f"{where}: malformed markup: {message}")


def _check_value(value: str, where: str, what: str) -> None:
    if not value:
        raise _fail(where, f"empty {what} value")
    if value != value.strip():
        raise _fail(where, f"{what} value {value!r} has leading or trailing whitespace")


def parse_line(raw: str, text_id: str, where: str) -> HeldoutText:
    """Parse one marked-up line. ``where`` names the line in error messages."""
    pieces: list[str] = []
    length = 0
    personal: list[tuple[str, int, int]] = []
    platforms: list[tuple[int, int]] = []
    pos = 0

    def add_plain(fragment: str) -> None:
        nonlocal length
        stray = _STRAY.search(fragment)
        if stray:
            context = fragment[stray.start() :][:40]
            raise _fail(where, f"unmatched {stray.group()!r} near {context!r}")
        fragment = _unescape(fragment)
        pieces.append(fragment)
        length += len(fragment)

    for match in _MARKUP.finditer(raw):
        add_plain(raw[pos : match.start()])
        if match.group("platform") is not None:
            value = match.group("platform")
            _check_value(value, where, "platform")
            kind = None
        else:
            kind = match.group("type")
            if kind not in PERSONAL_TYPES:
                raise _fail(where, f"unknown type {kind!r} in {match.group()!r}")
            value = match.group("value")
            _check_value(value, where, kind)
        value = _unescape(value)
        start, end = length, length + len(value)
        pieces.append(value)
        length = end
        if kind is None:
            platforms.append((start, end))
        else:
            personal.append((kind, start, end))
        pos = match.end()
    add_plain(raw[pos:])

    text = "".join(pieces)
    if not text.strip():
        raise _fail(where, "answer is empty after removing markup")
    return HeldoutText(id=text_id, text=text, personal=personal, platforms=platforms)


def load_heldout(path: str | Path | None = None) -> list[HeldoutText]:
    """Load the held-out corpus; blank lines are skipped, ids are H001, H002, ..."""
    path = DEFAULT_PATH if path is None else Path(path)
    texts: list[HeldoutText] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        text_id = f"H{len(texts) + 1:03d}"
        texts.append(parse_line(raw, text_id, f"{path} line {lineno} ({text_id})"))
    return texts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    texts = load_heldout(args[0] if args else None)
    counts = Counter(kind for item in texts for kind, _, _ in item.personal)
    with_personal = sum(1 for item in texts if item.personal)
    print(f"texts: {len(texts)}")
    print(f"  with personal data:    {with_personal}")
    print(f"  without personal data: {len(texts) - with_personal}")
    print("personal data by type:")
    for kind in PERSONAL_TYPES:
        print(f"  {kind:<13} {counts[kind]:>4}")
    print(f"  {'total':<13} {sum(counts.values()):>4}")
    print(f"platform mentions: {sum(len(item.platforms) for item in texts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
