"""The PDF as a reader's software sees it: words with positions, and links with destinations.

The PDF is read with pdfium (``pypdfium2``): its text page gives the characters
in reading order, and its link API the annotations and where they lead. Words
are split the way pdfplumber's ``extract_words`` splits them, so that a second
reader in the tests sees the same words.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass

import pypdfium2
from pypdfium2 import raw

__all__ = ["Link", "Word", "page_links", "page_words"]

_TOLERANCE = 3  # points: a wider gap, or a baseline this far off, starts a new word (as pdfplumber)
_LINE_END_HYPHEN = 0x2  # what pdfium reports for a hyphen that breaks a word across lines


@dataclass
class Word:
    """A word; ``top`` and ``bottom`` are measured from the top of the page."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # The word ends in a hyphen the line break put there, not one of the text's.
    broken: bool = False


@dataclass
class Link:
    """A link annotation's rectangle, and where it leads: the first word of the line
    there, its page (0-based) and its distance from the top of that page."""

    x0: float
    x1: float
    top: float
    bottom: float
    target: str | None
    target_page: int | None = None
    target_top: float = 0.0


def page_words(page: pypdfium2.PdfPage) -> list[Word]:
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
    words: list[Word] = []
    word: Word | None = None
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
            word = Word(text, x0, x1, baseline - descent - size, baseline - descent, size)
            words.append(word)
        else:
            word.text += text
            word.x1 = max(word.x1, x1)
            word.top = min(word.top, baseline - descent - size)
            word.bottom = max(word.bottom, baseline - descent)
        word.broken = code == _LINE_END_HYPHEN
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


def page_links(document: pypdfium2.PdfDocument, pages: list[pypdfium2.PdfPage], index: int,
               words: Callable[[int], list[Word]]) -> list[Link]:
    """The link annotations of page ``index``, in the order of the page's annotations."""
    page = pages[index]
    height = page.get_height()
    links = []
    position, link, rect = ctypes.c_int(0), raw.FPDF_LINK(), raw.FS_RECTF()
    quad = raw.FS_QUADPOINTSF()
    while raw.FPDFLink_Enumerate(page.raw, position, link):
        target, target_page, target_top = _target(document, pages, link, words)
        # A link that wraps is one annotation with a quadrilateral per line in a tagged
        # PDF (PDF/UA): its rectangle would take in all the lines between.
        boxes = []
        for number in range(raw.FPDFLink_CountQuadPoints(link)):
            if raw.FPDFLink_GetQuadPoints(link, number, quad):
                xs, ys = (quad.x1, quad.x2, quad.x3, quad.x4), (quad.y1, quad.y2, quad.y3, quad.y4)
                boxes.append((min(xs), max(xs), max(ys), min(ys)))
        if not boxes:
            raw.FPDFLink_GetAnnotRect(link, rect)
            boxes = [(min(rect.left, rect.right), max(rect.left, rect.right),
                      max(rect.top, rect.bottom), min(rect.top, rect.bottom))]
        links.extend(Link(x0=x0, x1=x1, top=height - top, bottom=height - bottom,
                          target=target, target_page=target_page, target_top=target_top)
                     for x0, x1, top, bottom in boxes)
    return links


def _target(document: pypdfium2.PdfDocument, pages: list[pypdfium2.PdfPage],
            link: raw.FPDF_LINK, words: Callable[[int], list[Word]],
            ) -> tuple[str | None, int | None, float]:
    """The first word of the line a link leads to, its page and top; None without a
    place on a page."""
    # pdfium resolves named destinations and falls back to a GoTo action's destination.
    destination = raw.FPDFLink_GetDest(document.raw, link)
    if not destination:
        return None, None, 0.0
    index = raw.FPDFDest_GetDestPageIndex(document.raw, destination)
    has_x, has_y, has_zoom = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    x, y, zoom = ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    if index < 0 or not raw.FPDFDest_GetLocationInPage(destination, has_x, has_y, has_zoom,
                                                       x, y, zoom):
        return None, None, 0.0
    # XYZ destinations are in PDF space (origin bottom left); words are measured from the top.
    top = pages[index].get_height() - (y.value if has_y.value else 0.0)
    near = [word for word in words(index) if -4 <= word.top - top < 14]
    # Typst places a destination a little above its element: a word below it comes first,
    # where the line above (a table's previous row) may be as close. Of the nearest line,
    # the first word (a table row's words sit at slightly different heights).
    near.sort(key=lambda word: (word.top < top, abs(word.top - top)))
    line = [word for word in near if near and abs(word.top - near[0].top) < 2]
    return (min(line, key=lambda word: word.x0).text if line else None), index, top


