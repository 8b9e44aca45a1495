"""Audit of the finished PDF: no numeral in the body that is not a link to its registry entry.

The PDF is read back as a reader's software sees it: words with their
positions, and link annotations with their destinations. Every word of the
body that holds a digit must lie inside a link whose destination is the row of
a registry entry in the provenance appendix, and the linked text must be that
entry's printed value. The exceptions are the ones a report needs: page
numbers and running heads, figure and section numbers, citations and the
contents (links to references and headings), and everything from the
reference list on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["AuditResult", "audit_pdf"]

_DIGIT = re.compile(r"\d")
_MARGIN = 60  # points: running heads and page numbers live outside this band
_PUNCTUATION = "()[],;:.\u201c\u201d\"'"


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


def audit_pdf(path: str | Path, registry: Mapping[str, Any]) -> AuditResult:
    """Audit the PDF at ``path`` against the number registry."""
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        pages = list(pdf.pages)
        page_index = {page.page_obj.pageid: index for index, page in enumerate(pages)}
        words = [page.extract_words(extra_attrs=["size"]) for page in pages]
        result = AuditResult(pages=len(pages))
        end_page, end_top = _references_start(words)
        for index in range(min(end_page + 1, len(pages))):
            page = pages[index]
            result.audited_pages.append(index + 1)
            links = [_link(annotation, pages, page_index, words) for annotation in page.annots]
            links = [link for link in links if link is not None]
            page_words = words[index]
            for position, word in enumerate(page_words):
                if index == end_page and word["top"] >= end_top:
                    break
                if not _DIGIT.search(word["text"]):
                    continue
                result.numerals += 1
                reason = _exemption(word, page_words[position - 1] if position else None,
                                    page.height)
                link = next((link for link in links if _inside(word, link)), None)
                if reason is None and link is not None:
                    reason = _check_link(link, page_words, registry, result)
                if reason is None:
                    result.problems.append({"page": index + 1, "text": word["text"],
                                            "why": "not inside a link to a registry entry"})
                elif reason == "mismatch":
                    result.problems[-1]["page"] = index + 1
                elif reason != "registry":
                    result.exempt[reason] = result.exempt.get(reason, 0) + 1
    return result


def _references_start(words: list[list[dict[str, Any]]]) -> tuple[int, float]:
    """Page index and top of the "References" heading: the audit stops there."""
    for index, page_words in enumerate(words):
        for word in page_words:
            if word["text"] == "References" and word["size"] >= 14:
                return index, word["top"]
    return len(words), float("inf")


def _exemption(word: Mapping[str, Any], previous: Mapping[str, Any] | None,
               height: float) -> str | None:
    if word["top"] < _MARGIN or word["bottom"] > height - _MARGIN:
        return "page header or footer"
    if word["size"] >= 11.5:
        return "heading"
    if previous is not None and previous["text"] in ("Figure", "Table"):
        return "figure or table number"
    return None


def _link(annotation: Mapping[str, Any], pages: list[Any], page_index: Mapping[int, int],
          words: list[list[dict[str, Any]]]) -> dict[str, Any] | None:
    data = annotation.get("data") or {}
    destination = data.get("Dest")
    action = data.get("A")
    if destination is None and isinstance(action, Mapping):
        destination = action.get("D")
    if hasattr(destination, "resolve"):
        destination = destination.resolve()
    if not isinstance(destination, list) or len(destination) < 4:
        return {"rect": annotation, "target": None}
    target_page = getattr(destination[0], "objid", None)
    if target_page not in page_index:
        return {"rect": annotation, "target": None}
    index = page_index[target_page]
    # XYZ destinations are in PDF space (origin bottom left); words are measured from the top.
    y = pages[index].height - float(destination[3] or 0)
    near = [w for w in words[index] if -4 <= w["top"] - y < 14]
    near.sort(key=lambda w: (abs(w["top"] - y), w["x0"]))
    return {"rect": annotation, "target": near[0]["text"] if near else None}


def _inside(word: Mapping[str, Any], link: Mapping[str, Any]) -> bool:
    rect = link["rect"]
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return rect["x0"] - 1 <= x <= rect["x1"] + 1 and rect["top"] - 1 <= y <= rect["bottom"] + 1


def _check_link(link: Mapping[str, Any], page_words: list[dict[str, Any]],
                registry: Mapping[str, Any], result: AuditResult) -> str | None:
    target = (link["target"] or "").strip(_PUNCTUATION)
    entry = registry.get(target)
    if entry is None:
        # A link to a heading, a figure or a reference: contents, cross-references, citations.
        return "link to a heading, figure or reference"
    shown = " ".join(w["text"] for w in page_words if _inside(w, link)).strip(_PUNCTUATION)
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
