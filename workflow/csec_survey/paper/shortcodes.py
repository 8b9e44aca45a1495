"""The structure of the paper's source: its shortcodes, paragraphs and sentences.

A shortcode is ``{{< name arg ... >}}`` (Quarto's syntax); `csec_survey.paper.render`
resolves them and `csec_survey.paper.claims` reads the sentences around them.
"""

from __future__ import annotations

import re

__all__ = ["SHORTCODE", "for_export", "line_of", "paragraphs", "readable", "sentences"]

SHORTCODE = re.compile(r"\{\{<\s*(\w+)((?:\s+[^\s>]+)*)\s*>\}\}")
# Text that holds for one kind of export only. Not nested: an inner one leaves an
# unmatched shortcode behind, which the renderer refuses as unknown.
_CONDITIONAL = re.compile(r"\{\{<\s*if\s+(synthetic|real)\s*>\}\}(.*?)"
                          r"(?:\{\{<\s*else\s*>\}\}(.*?))?\{\{<\s*endif\s*>\}\}", re.S)
# A sentence ends at a full stop (or ! ?) and any closing marks, before white space and
# what can open the next: a capital, emphasis, a quote, a bracket or a (masked) shortcode.
_SENTENCE_END = re.compile(r"[.!?][\"\u201d)*]*(?=\s+[A-Z*\"\u201c(\[{\x00])")


def for_export(source: str, synthetic: bool) -> str:
    """``source`` with each ``{{< if synthetic >}}A{{< else >}}B{{< endif >}}`` (or
    ``if real``) reduced to the text that holds for this export: a synthetic one (it
    has a calibration record beside it) or a real one."""
    def chosen(match: re.Match[str]) -> str:
        holds = (match.group(1) == "synthetic") == synthetic
        return match.group(2) if holds else match.group(3) or ""
    return _CONDITIONAL.sub(chosen, source)


def paragraphs(source: str) -> list[tuple[str, int]]:
    """(text, offset) of each paragraph: text between blank lines."""
    found, start = [], 0
    for match in re.finditer(r"\n(?:[ \t]*\n)+", source + "\n\n"):
        text = source[start:match.start()]
        if text.strip():
            found.append((text, start))
        start = match.end()
    return found


def sentences(paragraph: str, offset: int) -> list[tuple[int, int, str]]:
    """(start, end, text) of each sentence, as offsets into the source; in the text,
    numbers are shown by their ids and claims dropped."""
    found, start = [], 0
    # Shortcodes hold dots (registry ids), so sentences are split with them masked.
    masked = SHORTCODE.sub(lambda m: "\x00" * len(m.group(0)), paragraph)
    for match in [*_SENTENCE_END.finditer(masked), None]:
        end = match.end() if match else len(paragraph)
        found.append((offset + start, offset + end, readable(paragraph[start:end])))
        start = end + len(paragraph[end:]) - len(paragraph[end:].lstrip())
    return found


def readable(text: str) -> str:
    """Text with ``num`` shortcodes shown as ``{id}``, quantifiers as ``{Quantifier id}``,
    and other shortcodes dropped; white space collapsed."""
    def shown(match: re.Match[str]) -> str:
        name, args = match.group(1), match.group(2).split()
        if name == "num":
            return "{" + args[0] + "}"
        if name in ("quantifier", "Quantifier"):
            return "{" + name + " " + args[0] + "}"
        return ""
    return " ".join(SHORTCODE.sub(shown, text).split()).strip()


def line_of(source: str, position: int) -> int:
    """The 1-based line of ``position`` in ``source``."""
    return source.count("\n", 0, position) + 1
