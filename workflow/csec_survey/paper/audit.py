"""Audit of the finished PDF: every numeral, and every quantity in words, accounted for.

The PDF is read back as a reader's software sees it (`csec_survey.paper.pdf_text`).
In the body, up to the reference list:

- a word holding a digit must lie inside a link to the row of a registry entry
  in Appendix A, and show that entry's printed value;
- a link to anything else vouches only for what such a link shows: in a
  citation (a link into the reference list), what the entry of the work cited
  prints (its year); in the contents, the number printed on the page the link
  leads to;
- "Figure N" and "Table N" name a figure, and the footer's number is the page's;
- a heading holds no numeral, and a running head none either;
- a quantity written in words ("twenty-five thousand") lies inside a registry
  link or is a number the codebook itself prints: in an answer's label, a
  question's wording or a published statistic's range ("more than twenty
  years" being the band from 21);
- a block quote is exempt from the numeral rules, because it is checked word
  for word against the quotes the paper drew from the de-identified answers.

The appendices have rules of their own: each row of Appendix A (provenance)
and of Appendix B (published against rebuilt) starts with its id (a registry id in A,
a key such as B12 in B), and every
numeral in a row must be one of that row's own values: what rendering prints
for that registry entry or reproduction report row (`render.provenance_fields`,
`render.reproduction_table`), read back from the data, not from the PDF.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pypdfium2

from csec_survey.paper.pdf_text import Link, Word, page_links, page_words
from csec_survey.paper.render import (
    provenance_fields,
    provenance_preamble,
    reproduction_table,
)

__all__ = ["RUNNING_HEAD_MARGIN", "AuditResult", "audit_pdf", "number_in_words"]

_DIGIT = re.compile(r"\d")
RUNNING_HEAD_MARGIN = 60  # points: running heads and page numbers live outside this band
_PUNCTUATION = "()[],;:.\u201c\u201d\"'\u00b7"
_HEADING_SIZE = 11.5  # points: body text is 10.5, headings 12 and up (paper/template.typ)
_QUOTE_SIZE = 10.0  # points: the template's block quotes
_REFERENCE_HEIGHT = 40  # points: an entry of the reference list is at most three lines
_UNITS = {word: value for value, word in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen"])}
_TENS = {word: 10 * value for value, word in enumerate(
    ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], start=2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORDS = {**_UNITS, **_TENS, **_SCALES, "dozen": 12}


@dataclass
class AuditResult:
    """What the audit found."""

    pages: int
    audited_pages: list[int] = field(default_factory=list)
    numerals: int = 0
    linked: int = 0
    quotes_verified: int = 0
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
                "quotes_verified": self.quotes_verified, "exempt": self.exempt,
                "problems": self.problems}

    def _exempt(self, reason: str) -> None:
        self.exempt[reason] = self.exempt.get(reason, 0) + 1


def number_in_words(words: Sequence[str]) -> int | None:
    """The number that ``words`` ("twenty-five", "thousand") spell out, or None."""
    # "seventy-" at a line's end and "seven" on the next are one number.
    parts = [part for word in words for part in word.lower().split("-") if part]
    if not parts or any(part not in _NUMBER_WORDS for part in parts):
        return None
    total = current = 0
    for part in parts:
        value = _NUMBER_WORDS[part]
        if part == "hundred":
            current = max(current, 1) * value
        elif part in _SCALES:
            total, current = total + max(current, 1) * value, 0
        else:
            current += value
    return total + current


def audit_pdf(path: str | Path, registry: Mapping[str, Any], quotes: Iterable[str] = (),
              codebook_numbers: Iterable[float] = (),
              reproduction: Sequence[Mapping[str, Any]] = ()) -> AuditResult:
    """Audit the PDF at ``path``.

    ``quotes`` are the texts the paper quotes (already checked against the
    de-identified answers), ``codebook_numbers`` the numbers the codebook prints,
    and ``reproduction`` the rows of the reproduction report (Appendix B).
    """
    document = pypdfium2.PdfDocument(str(path))
    try:
        pages = [document[index] for index in range(len(document))]
        words = cache(lambda index: page_words(pages[index]))
        result = AuditResult(pages=len(pages))
        references = _heading_position(words, len(pages), "References")
        appendix_a = _heading_position(words, len(pages), "Appendix", "A:")
        appendix_b = _heading_position(words, len(pages), "Appendix", "B:")
        body = [(index, position, word) for index in range(len(pages))
                for position, word in enumerate(words(index))
                if (index, word.top) < references]
        in_quotes = _verified_quotes(body, pages, {_squash(q) for q in quotes}, result)
        allowed = {float(number) for number in codebook_numbers}
        for index in sorted({index for index, _, _ in body}):
            result.audited_pages.append(index + 1)
            _audit_body_page(document, pages, index, words, references, in_quotes, allowed,
                             registry, result)
        rows = reproduction_table(reproduction)
        for index in range(len(pages)):
            for start, end, own, preamble in (
                    (appendix_a, appendix_b, _provenance_values(registry),
                     frozenset(_tokens(provenance_preamble(registry.values())))),
                    (appendix_b, (len(pages), 0.0), _reproduction_values(rows), frozenset())):
                page_part = [w for w in words(index) if start <= (index, w.top) < end]
                if page_part:
                    _audit_appendix(page_part, own, pages[index].get_height(), index, result,
                                    preamble)
    finally:
        document.close()
    return result


def _audit_body_page(document: pypdfium2.PdfDocument, pages: list[pypdfium2.PdfPage],
                     index: int, words: Callable[[int], list[Word]],
                     references: tuple[int, float], in_quotes: set[tuple[int, int]],
                     allowed: set[float], registry: Mapping[str, Any],
                     result: AuditResult) -> None:
    links = page_links(document, pages, index, words)
    page_words_ = words(index)
    height = pages[index].get_height()
    spelled: list[tuple[int, Word]] = []
    for position, word in enumerate(page_words_):
        if (index, word.top) >= references:
            break
        link = next((link for link in links if _inside(word, link)), None)
        registry_link = link is not None and _registry_id(link, registry) is not None
        if (index, position) in in_quotes:
            if _DIGIT.search(word.text):
                result.numerals += 1
                result._exempt("in a quote checked word for word")
            continue
        bare = word.text.strip(_PUNCTUATION).lower()
        if not registry_link and bare.split("-")[0] in _NUMBER_WORDS:
            spelled.append((position, word))
            continue
        _judge_spelled(spelled, page_words_, allowed, index, result)
        spelled = []
        if not _DIGIT.search(word.text):
            continue
        result.numerals += 1
        previous = page_words_[position - 1] if position else None
        reason, why = _exemption(word, previous, height, link, page_words_, registry, words,
                                 references)
        if reason == "registry":
            result.linked += 1
        elif reason is not None:
            result._exempt(reason)
        elif why.startswith("mismatch"):
            shown = " ".join(w.text for w in page_words_ if _inside(w, link))
            result.problems.append({"page": index + 1, "text": shown.strip(_PUNCTUATION),
                                    "registry_id": _registry_id(link, registry), "why": why})
        else:
            result.problems.append({"page": index + 1, "text": word.text, "why": why})
    _judge_spelled(spelled, page_words_, allowed, index, result)


def _exemption(word: Word, previous: Word | None, height: float, link: Link | None,
               page: list[Word], registry: Mapping[str, Any],
               words: Callable[[int], list[Word]],
               references: tuple[int, float]) -> tuple[str | None, str]:
    """Why a numeral is accounted for, or None and why not."""
    text = word.text.strip(_PUNCTUATION)
    if word.bottom > height - RUNNING_HEAD_MARGIN:
        return (("page number", "") if text.isdigit() else
                (None, "a numeral in the page footer that is not the page number"))
    if word.top < RUNNING_HEAD_MARGIN:
        return None, "a numeral in a running head"
    if word.size >= _HEADING_SIZE:
        return None, "a numeral in a heading: headings hold no data numerals"
    if previous is not None and previous.text.strip(_PUNCTUATION) in ("Figure", "Table"):
        return "figure or table number", ""
    if link is None:
        return None, "not inside a link to a registry entry"
    number_id = _registry_id(link, registry)
    if number_id is not None:
        return _check_registry_link(link, number_id, page, registry)
    if link.target_page is not None and text == _page_label(words(link.target_page)):
        return "page number in the contents", ""
    if link.target_page is not None and (link.target_page, link.target_top) >= references:
        entry = {w.text.strip(_PUNCTUATION) for w in words(link.target_page)
                 if -4 <= w.top - link.target_top < _REFERENCE_HEIGHT}
        return (("in a citation, as in the work cited", "") if text in entry else
                (None, "inside a citation, but not in the entry of the work cited"))
    return None, ("inside a link to a heading or figure, which vouches for no numeral but "
                  "the page it leads to")


def _registry_id(link: Link, registry: Mapping[str, Any]) -> str | None:
    target = (link.target or "").strip(_PUNCTUATION)
    return target if target in registry else None


def _check_registry_link(link: Link, number_id: str, page: list[Word],
                         registry: Mapping[str, Any]) -> tuple[str | None, str]:
    display = registry[number_id]["display"]
    # A value that wraps ("November | 2012") is one link annotation per line: each
    # must show a run of the value's words.
    shown = " ".join(w.text for w in page if _inside(w, link)).strip(_PUNCTUATION)
    parts = display.split()
    runs = {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}
    if shown not in runs:
        return None, (f"mismatch: the link to {number_id} shows {shown!r} but the registry "
                      f"prints {display!r}")
    return "registry", ""


def _judge_spelled(run: list[tuple[int, Word]], page: list[Word], allowed: set[float],
                   index: int, result: AuditResult) -> None:
    """A run of number words: a number the codebook prints, or a problem."""
    texts = [word.text.strip(_PUNCTUATION) for _, word in run]
    value = number_in_words(texts)
    if value is None or texts == ["one"] or texts == ["One"]:
        return  # "one" alone is a pronoun as often as a number
    before = page[run[0][0] - 1].text.lower() if run[0][0] else ""
    if value in allowed or (before in ("than", "over") and value + 1 in allowed):
        result._exempt("number in words from the codebook")
        return
    result.problems.append({"page": index + 1, "text": " ".join(texts),
                            "why": "a quantity in words that is neither a registry value "
                                   "nor a number the codebook prints"})


def _verified_quotes(body: list[tuple[int, int, Word]], pages: list[pypdfium2.PdfPage],
                     quotes: set[str], result: AuditResult) -> set[tuple[int, int]]:
    """(page, position) of every word of a block quote found verbatim among ``quotes``;
    a block quote that is not is a problem."""
    verified: set[tuple[int, int]] = set()
    run: list[tuple[int, int, Word]] = []
    for index, position, word in body:
        height = pages[index].get_height()
        if word.top < RUNNING_HEAD_MARGIN or word.bottom > height - RUNNING_HEAD_MARGIN:
            continue  # a running head or page number between two lines of a quote
        quoted = abs(word.size - _QUOTE_SIZE) < 0.05
        if quoted and (run or word.text.startswith("\u201c")):
            run.append((index, position, word))
            if not word.text.rstrip(".,;:)").endswith("\u201d"):
                continue
        elif not run:
            continue
        text = _squash("".join(w.text[:-1] if w.broken else w.text for _, _, w in run))
        if text.strip("\"") in quotes:
            verified.update((i, p) for i, p, _ in run)
            result.quotes_verified += 1
        else:
            first = run[0]
            result.problems.append({"page": first[0] + 1, "text": text[:60],
                                    "why": "a block quote that is not word for word one of "
                                           "the de-identified answers the paper quotes"})
            verified.update((i, p) for i, p, _ in run)
        run = []
    return verified


def _squash(text: str) -> str:
    """Text without white space, its quotation marks and apostrophes made straight."""
    return "".join(text.translate(_STRAIGHT).split())


_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _provenance_values(registry: Mapping[str, Any]) -> Callable[[str], set[str] | None]:
    def own(row_id: str) -> set[str] | None:
        entry = registry.get(row_id)
        return None if entry is None else _tokens(*provenance_fields(row_id, entry))
    return own


def _reproduction_values(table: Mapping[str, Sequence[str]]
                         ) -> Callable[[str], set[str] | None]:
    def own(key: str) -> set[str] | None:
        fields = table.get(key)
        return None if fields is None else _tokens(*fields)
    return own


def _tokens(*values: str) -> set[str]:
    """The words of what an appendix row prints, as the audit reads them back."""
    return {token.strip(_PUNCTUATION) for value in values for token in value.split()}


def _audit_appendix(words: list[Word], own: Callable[[str], set[str] | None], height: float,
                    index: int, result: AuditResult, preamble: frozenset[str] = frozenset()
                    ) -> None:
    """Each numeral of an appendix belongs to the row it stands in: the last row id at or
    above it that opens its line; above the first row, to the ``preamble``."""
    ids = [(word, values) for word in words
           if (values := own(word.text.strip(_PUNCTUATION))) is not None]
    starts = sorted(((word.top, values) for word, values in ids
                     if not any(abs(other.top - word.top) < 2 and other.x0 < word.x0
                                for other in words)),
                    key=lambda start: start[0])
    for word in words:
        if not _DIGIT.search(word.text):
            continue
        result.numerals += 1
        text = word.text.strip(_PUNCTUATION)
        if word.bottom > height - RUNNING_HEAD_MARGIN and text.isdigit():
            result._exempt("page number")
            continue
        row = [values for top, values in starts if top <= word.top + 2]
        if row and text in row[-1]:
            result._exempt("an appendix row's own value")
            continue
        if not row and text in preamble:
            result._exempt("the inputs Appendix A names once")
            continue
        result.problems.append({"page": index + 1, "text": word.text,
                                "why": "a numeral in an appendix that is not a value of "
                                       "the row it stands in"})


def _heading_position(words: Callable[[int], list[Word]], pages: int, first: str,
                      second: str | None = None) -> tuple[int, float]:
    """Page index and top of the first large heading that starts with these words; the
    end of the document if there is none."""
    for index in range(pages):
        page = words(index)
        for position, word in enumerate(page):
            if word.text == first and word.size >= 14 and (
                    second is None or (position + 1 < len(page)
                                       and page[position + 1].text == second)):
                return index, word.top
    return pages, float("inf")


def _page_label(words: list[Word]) -> str | None:
    """The number printed in a page's footer: the lowest word holding only digits."""
    digits = [word for word in words if word.text.isdigit()]
    return max(digits, key=lambda word: word.top).text if digits else None


def _inside(word: Word, link: Link) -> bool:
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return link.x0 - 1 <= x <= link.x1 + 1 and link.top - 1 <= y <= link.bottom + 1
