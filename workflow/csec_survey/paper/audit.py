"""Audit of the finished PDF: no numeral in the body that is not a link to its registry entry.

The PDF is read back as a reader's software sees it: words with their
positions, and link annotations with their destinations. Every word of the
body that holds a digit must lie inside a link whose destination is the row of
a registry entry in the provenance appendix, and the linked text must be that
entry's printed value. The exceptions are the ones a report needs: page
numbers and running heads, figure and section numbers, citations and the
contents (links to references and headings), and everything from the
reference list on.

The PDF is read with pdfium (``pypdfium2``): its text page gives the characters
in reading order, and its link API the annotations and where they lead.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2
from pypdfium2 import raw

__all__ = ["AuditResult", "audit_pdf"]

_DIGIT = re.compile(r"\d")
_MARGIN = 60  # points: running heads and page numbers live outside this band
_PUNCTUATION = "()[],;:.\u201c\u201d\"'"
_TOLERANCE = 3  # points: a wider gap, or a baseline this far off, starts a new word (as pdfplumber)
_LINE_END_HYPHEN = 0x2  # what pdfium reports for a hyphen that breaks a word across lines


@dataclass
class AuditResult:
    """What the audit found."""

    pages: int
    audited_pages: list[int] = field(default_factory=list)
    numerals: int = 0
    linked: int = 0
    exempt: dict[str, int] = field(default_factory=dict)
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every audited numeral is accounted for."""
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        """The audit result as written to ``results/provenance/audit.json``."""
        return {"passed": self.passed, "pages": self.pages, "audited_pages": self.audited_pages,
                "numerals": self.numerals, "linked_to_registry": self.linked,
                "exempt": self.exempt, "problems": self.problems}


@dataclass
class _Word:
    """A word; ``top`` and ``bottom`` are measured from the top of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _Link:
    """A link annotation's rectangle and the first word of the row it leads to."""

    x0: float
    x1: float
    top: float
    bottom: float
    target: str | None


def audit_pdf(path: str | Path, registry: Mapping[str, Any]) -> AuditResult:
    """Audit the PDF at ``path`` against the number registry."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = [document[index] for index in range(len(document))]
        # Each page is read once, and only if audited or a link leads there.
        words = cache(lambda index: _page_words(pages[index]))
        result = AuditResult(pages=len(pages))
        end_page, end_top = _references_start(words, len(pages))
        for index in range(min(end_page + 1, len(pages))):
            result.audited_pages.append(index + 1)
            links = _links(document, pages, index, words)
            page_words = words(index)
            for position, word in enumerate(page_words):
                if index == end_page and word.top >= end_top:
                    break
                if not _DIGIT.search(word.text):
                    continue
                result.numerals += 1
                reason = _exemption(word, page_words[position - 1] if position else None,
                                    pages[index].get_height())
                link = next((link for link in links if _inside(word, link)), None)
                if reason is None and link is not None:
                    reason = _check_link(link, page_words, registry, result)
                if reason is None:
                    result.problems.append({"page": index + 1, "text": word.text,
                                            "why": "not inside a link to a registry entry"})
                elif reason == "mismatch":
                    result.problems[-1]["page"] = index + 1
                elif reason != "registry":
                    result.exempt[reason] = result.exempt.get(reason, 0) + 1
    finally:
        document.close()
    return result


def _page_words(page: pypdfium2.PdfPage) -> list[_Word]:
    """The words of a page in reading order, split the way pdfplumber's ``extract_words`` does.

    A word ends at white space (pdfium also reports the gaps it sees between text
    objects as spaces), at a change of font size, and where the next character
    does not follow on the same baseline within the tolerance.
    """
    textpage = page.get_textpage()
    handle = textpage.raw
    height = page.get_height()
    x, y = ctypes.c_double(), ctypes.c_double()
    box = raw.FS_RECTF()
    words: list[_Word] = []
    word: _Word | None = None
    descent = 0.0  # of the current word's font
    previous = (0.0, 0.0, 0.0)  # x0, x1 and baseline of the last character, read only mid-word
    for index in range(raw.FPDFText_CountChars(handle)):
        code = raw.FPDFText_GetUnicode(handle, index)
        text = "-" if code == _LINE_END_HYPHEN else chr(code)
        if text.isspace():
            word = None
            continue
        size = raw.FPDFText_GetFontSize(handle, index)
        raw.FPDFText_GetCharOrigin(handle, index, x, y)
        raw.FPDFText_GetLooseCharBox(handle, index, box)
        # x0 is the glyph's origin; x1 the loose box's right edge (the advance, or the ink
        # where an italic glyph overhangs it).
        x0, x1, baseline = x.value, box.right, height - y.value
        if word is None or size != word.size or not _follows(previous, x0, baseline):
            descent = _descent(handle, index, size)
            # Vertical extent as pdfminer measures it: one em, from the font's descent up.
            word = _Word(text, x0, x1, baseline - descent - size, baseline - descent, size)
            words.append(word)
        else:
            word.text += text
            word.x1 = max(word.x1, x1)
            word.top = min(word.top, baseline - descent - size)
            word.bottom = max(word.bottom, baseline - descent)
        previous = (x0, x1, baseline)
    textpage.close()
    return words


def _follows(previous: tuple[float, float, float], x0: float, baseline: float) -> bool:
    """Whether a character at ``x0`` on ``baseline`` continues after ``previous``."""
    last_x0, last_x1, last_baseline = previous
    return (last_x0 <= x0 <= last_x1 + _TOLERANCE
            and abs(baseline - last_baseline) <= _TOLERANCE)


def _descent(textpage: raw.FPDF_TEXTPAGE, index: int, size: float) -> float:
    """The descent (negative, in points) of the font of character ``index`` at ``size``."""
    descent = ctypes.c_float()
    font = raw.FPDFTextObj_GetFont(raw.FPDFText_GetTextObject(textpage, index))
    raw.FPDFFont_GetDescent(font, size, descent)
    return descent.value


def _links(document: pypdfium2.PdfDocument, pages: list[pypdfium2.PdfPage], index: int,
           words: Callable[[int], list[_Word]]) -> list[_Link]:
    """The link annotations of page ``index``, in the order of the page's annotations."""
    page = pages[index]
    height = page.get_height()
    links = []
    position, link, rect = ctypes.c_int(0), raw.FPDF_LINK(), raw.FS_RECTF()
    while raw.FPDFLink_Enumerate(page.raw, position, link):
        raw.FPDFLink_GetAnnotRect(link, rect)
        links.append(_Link(x0=min(rect.left, rect.right), x1=max(rect.left, rect.right),
                           top=height - max(rect.top, rect.bottom),
                           bottom=height - min(rect.top, rect.bottom),
                           target=_target(document, pages, link, words)))
    return links


def _target(document: pypdfium2.PdfDocument, pages: list[pypdfium2.PdfPage],
            link: raw.FPDF_LINK, words: Callable[[int], list[_Word]]) -> str | None:
    """The first word of the line a link leads to, or None without a place on a page."""
    # pdfium resolves named destinations and falls back to a GoTo action's destination.
    destination = raw.FPDFLink_GetDest(document.raw, link)
    if not destination:
        return None
    index = raw.FPDFDest_GetDestPageIndex(document.raw, destination)
    has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    x, y, zoom = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if index < 0 or not raw.FPDFDest_GetLocationInPage(destination, has_x, has_y, has_zoom,
                                                       x, y, zoom):
        return None
    # XYZ destinations are in PDF space (origin bottom left); words are measured from the top.
    top = pages[index].get_height() - (y.value if has_y.value else 0.0)
    near = [word for word in words(index) if -4 <= word.top - top < 14]
    near.sort(key=lambda word: (abs(word.top - top), word.x0))
    return near[0].text if near else None


def _references_start(words: Callable[[int], list[_Word]], pages: int) -> tuple[int, float]:
    """Page index and top of the "References" heading: the audit stops there."""
    for index in range(pages):
        for word in words(index):
            if word.text == "References" and word.size >= 14:
                return index, word.top
    return pages, float("inf")


def _exemption(word: _Word, previous: _Word | None, height: float) -> str | None:
    if word.top < _MARGIN or word.bottom > height - _MARGIN:
        return "page header or footer"
    if word.size >= 11.5:
        return "heading"
    if previous is not None and previous.text in ("Figure", "Table"):
        return "figure or table number"
    return None


def _inside(word: _Word, link: _Link) -> bool:
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return link.x0 - 1 <= x <= link.x1 + 1 and link.top - 1 <= y <= link.bottom + 1


def _check_link(link: _Link, page_words: list[_Word], registry: Mapping[str, Any],
                result: AuditResult) -> str | None:
    target = (link.target or "").strip(_PUNCTUATION)
    entry = registry.get(target)
    if entry is None:
        # A link to a heading, a figure or a reference: contents, cross-references, citations.
        return "link to a heading, figure or reference"
    shown = " ".join(w.text for w in page_words if _inside(w, link)).strip(_PUNCTUATION)
    # A value that wraps ("November | 2012") is one link annotation per line: each
    # must show a run of the value's words.
    words = entry["display"].split()
    runs = {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1,
                                                                            len(words) + 1)}
    if shown not in runs:
        result.problems.append({"text": shown, "registry_id": target,
                                "why": f"mismatch: the link shows {shown!r} but the registry "
                                       f"prints {entry['display']!r}"})
        return "mismatch"
    result.linked += 1
    return "registry"
