"""How well the scrubber did, measured against planted ground truth.

Recall, per type of personal data: the share of planted spans whose every
letter and digit was redacted, the words that only join the others aside ("the
Days Inn on Airport Rd" is removed when "Days Inn" and "Airport Rd" are: "on"
identifies no one, and annotators differ on whether a span holds it). Precision,
per type of redaction: the share of redactions that touch planted personal data.
Platform names kept: the share of planted platform mentions left untouched.
Ordinary words kept: the share of words outside personal data and platform names
left untouched. Each share comes with an exact (Clopper-Pearson) 95% binomial
interval.

Where the truth says in which shape a value was planted ("lower_case",
"initials"), recall is also given per shape. And since a scrubber that searches
word lists is flattered by truth planted from those lists, `planted_in_lists`
counts the planted names, places and agencies that hold a word of them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from csec_survey.core.cells import CellLookup

__all__ = ["DIRECT_IDENTIFIER_TYPES", "EvaluatedText", "clopper_pearson", "evaluate",
           "planted_in_lists", "texts_from_truth"]

DIRECT_IDENTIFIER_TYPES: tuple[str, ...] = ("EMAIL", "PHONE", "IP_ADDRESS", "URL", "HANDLE")
"""Types that identify on their own; with a respondent's own metadata they must go first."""

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")


@dataclass(frozen=True)
class EvaluatedText:
    """One text with its planted truth and what the scrubber redacted (all as offsets)."""

    text: str
    personal: Sequence[tuple[str, int, int, bool]]
    """(type, start, end, is the respondent's own metadata)"""
    keep: Sequence[tuple[int, int]]
    redacted: Sequence[tuple[str, int, int]]
    shapes: Sequence[str | None] = ()
    """the shape each personal span was planted in, where the truth says"""


def clopper_pearson(successes: int, trials: int, level: float = 0.95) -> tuple[float, float]:
    """Exact binomial confidence interval for ``successes`` out of ``trials``."""
    from scipy.stats import beta

    if trials == 0:
        return (0.0, 1.0)
    tail = (1 - level) / 2
    low = 0.0 if successes == 0 else float(beta.ppf(tail, successes, trials - successes + 1))
    high = 1.0 if successes == trials else float(beta.ppf(1 - tail, successes + 1,
                                                            trials - successes))
    return (low, high)


def evaluate(texts: Iterable[EvaluatedText]) -> dict[str, Any]:
    """Recall, precision and retention, overall and per type, with exact intervals."""
    found: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    by_shape: Counter[str] = Counter()
    found_by_shape: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    made: Counter[str] = Counter()
    kept = platforms = words_kept = words = 0
    for item in texts:
        covered = _coverage(len(item.text), item.redacted)
        for index, (kind, start, end, own) in enumerate(item.personal):
            groups = [kind, "ALL", *(["OWN_METADATA"] if own else []),
                      *(["DIRECT_IDENTIFIERS"] if own or kind in DIRECT_IDENTIFIER_TYPES
                        else ["NAMES_AGENCIES_PLACES"] if kind in ("PERSON", "AGENCY", "PLACE")
                        else [])]
            removed = _removed(item.text, start, end, covered)
            for group in groups:
                planted[group] += 1
                found[group] += removed
            shape = item.shapes[index] if index < len(item.shapes) else None
            if shape:
                by_shape[f"{kind}/{shape}"] += 1
                found_by_shape[f"{kind}/{shape}"] += removed
        for kind, start, end in item.redacted:
            made[kind] += 1
            made["ALL"] += 1
            touches = any(start < p_end and p_start < end for _, p_start, p_end, _ in
                          item.personal)
            hits[kind] += touches
            hits["ALL"] += touches
        for start, end in item.keep:
            platforms += 1
            kept += not any(covered[start:end])
        protected = _coverage(len(item.text), [("", s, e) for _, s, e, _ in item.personal]
                              + [("", s, e) for s, e in item.keep])
        for match in _WORD.finditer(item.text):
            if not any(protected[match.start():match.end()]):
                words += 1
                words_kept += not any(covered[match.start():match.end()])
    return {
        "recall": {group: _share(found[group], planted[group]) for group in sorted(planted)},
        **({"recall_by_shape": {shape: _share(found_by_shape[shape], by_shape[shape])
                                for shape in sorted(by_shape)}} if by_shape else {}),
        "precision": {kind: _share(hits[kind], made[kind]) for kind in sorted(made)},
        "platform_names_kept": _share(kept, platforms),
        "ordinary_words_kept": _share(words_kept, words),
        "interval": "exact binomial (Clopper-Pearson), 95%",
    }


def planted_in_lists(texts: Iterable[EvaluatedText], in_lists: Callable[[str], bool],
                     everyday: Callable[[str], bool]) -> dict[str, Any]:
    """How many planted names, places and agencies hold a word ``in_lists`` says the
    scrubber searches, by type and by shape.

    Only the words that can name: not ``everyday`` English ("Police", "County",
    "Joy", which lists cannot tell from a name) and longer than two letters (initials,
    "PD"). A respondent's own metadata is left out, as the scrubber finds it from
    the export's own columns.
    """
    held: Counter[str] = Counter()
    planted: Counter[str] = Counter()
    for item in texts:
        for index, (kind, start, end, own) in enumerate(item.personal):
            if own or kind not in ("PERSON", "AGENCY", "PLACE"):
                continue
            shape = item.shapes[index] if index < len(item.shapes) else None
            hit = any(in_lists(word) for word in _WORD.findall(item.text[start:end])
                      if len(word) > 2 and not everyday(word))
            for key in ("ALL", kind, *([f"{kind}/{shape}"] if shape else [])):
                planted[key] += 1
                held[key] += hit
    return {key: {"in_lists": held[key], "planted": planted[key],
                  "share": round(held[key] / planted[key], 4)} for key in sorted(planted)}


def _removed(text: str, start: int, end: int, covered: Sequence[bool]) -> bool:
    """Whether every letter and digit of ``text[start:end]`` is covered, the joining
    words aside."""
    return all(covered[i] for match in _TOKEN.finditer(text, start, end)
               if match.group().lower() not in _JOINING_WORDS
               for i in range(match.start(), match.end()))


_TOKEN = re.compile(r"[^\W_]+")
# Words that join the parts of a name or place without identifying anything.
_JOINING_WORDS = frozenset({"the", "a", "an", "on", "off", "in", "at", "of", "and", "by",
                            "near", "to"})


def _coverage(length: int, spans: Iterable[tuple[str, int, int]]) -> list[bool]:
    covered = [False] * length
    for _, start, end in spans:
        for index in range(max(0, start), min(length, end)):
            covered[index] = True
    return covered


def _share(successes: int, trials: int) -> dict[str, Any]:
    low, high = clopper_pearson(successes, trials)
    return {"successes": successes, "trials": trials,
            "rate": successes / trials if trials else None,
            "ci95": [round(low, 4), round(high, 4)]}


def texts_from_truth(truth: Iterable[Mapping[str, Any]], responses: pd.DataFrame,
                     entities: pd.DataFrame, pseudonyms: Mapping[str, str],
                     column_of: Mapping[str, str]) -> list[EvaluatedText]:
    """Pair each planted answer with what the scrubber redacted from it.

    ``truth`` rows are the generator's (ResponseId, export column, spans);
    ``responses`` the typed responses with the original text; ``entities`` the
    redactions by pseudonym and tidy column; ``pseudonyms`` maps ResponseId to
    pseudonym and ``column_of`` export column to tidy column. Truth rows of
    records the pipeline excluded are skipped.
    """
    answers = CellLookup(responses, "ResponseId")
    redacted: dict[tuple[str, str], list[tuple[str, int, int]]] = {}
    for row in entities.itertuples(index=False):
        redacted.setdefault((row.pseudonym, row.column), []).append(
            (row.type, int(row.start), int(row.end)))
    texts = []
    for row in truth:
        response_id, column = row["ResponseId"], column_of[row["column"]]
        if not answers.has(response_id, column):
            continue
        texts.append(EvaluatedText(
            text=str(answers.get(response_id, column)),
            personal=[(s["type"], s["start"], s["end"], bool(s.get("own_metadata")))
                      for s in row["personal"]],
            keep=[(s["start"], s["end"]) for s in row["keep"]],
            redacted=redacted.get((pseudonyms[response_id], column), []),
            shapes=[s.get("shape") for s in row["personal"]]))
    return texts
