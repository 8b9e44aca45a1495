"""Quotes for the paper: coded answers, drawn verbatim from the de-identified text.

The qualitative coding file (``paper.quote_coding`` in the config) assigns answers,
by pseudonym and question, to the themes the report found, and flags
exemplars. The paper quotes only coded answers, exemplars first, word for word
as de-identification left them, and never with the respondent's demographics.
For the synthetic stand-in the generator's themes play the coder
(`coding_from_truth`); with real data a person codes the answers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from csec_survey.core.cells import CellLookup
from csec_survey.deidentify.pseudonyms import PseudonymKey, pseudonym

__all__ = ["CODING_COLUMNS", "coding_from_truth", "read_coding", "select_quotes",
           "write_coding"]

CODING_COLUMNS = ("pseudonym", "question", "theme", "exemplar")
_EXEMPLARS_PER_THEME = 3


def coding_from_truth(truth: Iterable[Mapping[str, Any]], key: PseudonymKey,
                      complete: set[str]) -> list[dict[str, str]]:
    """A coding file from the generator's ground truth: the themes it wrote each answer on.

    Only answers of ``complete`` response ids and single-theme answers are
    coded. Exemplars are, per question and theme, the answers with the least
    personal data to redact and the most platform names.
    """
    rows = []
    candidates: dict[tuple[str, str], list[tuple[tuple[int, int], str]]] = {}
    for row in truth:
        if row["ResponseId"] not in complete or len(row["themes"]) != 1 \
                or not row["item"].startswith("oe_"):
            continue
        code = pseudonym(row["ResponseId"], key)
        theme = row["themes"][0]
        rows.append({"pseudonym": code, "question": row["item"], "theme": theme,
                     "exemplar": "no"})
        # Fewest redactions first, then most platform names (findings) mentioned.
        rank = (len(row["personal"]), -len(row["keep"]))
        candidates.setdefault((row["item"], theme), []).append((rank, code))
    exemplars = {(question, theme, code)
                 for (question, theme), ranked in candidates.items()
                 for _, code in sorted(ranked)[:_EXEMPLARS_PER_THEME]}
    for row in rows:
        if (row["question"], row["theme"], row["pseudonym"]) in exemplars:
            row["exemplar"] = "yes"
    return sorted(rows, key=lambda r: (r["question"], r["theme"], r["pseudonym"]))


def write_coding(rows: Iterable[Mapping[str, str]], path: str | Path) -> None:
    """Write a coding file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CODING_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_coding(path: str | Path) -> list[dict[str, str]]:
    """The coding file, checked for its columns and exemplar flags."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CODING_COLUMNS:
            raise ValueError(f"{path}: expected columns {', '.join(CODING_COLUMNS)}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if row["exemplar"] not in ("yes", "no"):
            raise ValueError(f"{path}, line {line}: exemplar must be yes or no")
    return rows


def select_quotes(coding: Iterable[Mapping[str, str]], clean: pd.DataFrame,
                  min_length: int = 40, max_length: int = 600) -> dict[str, Any]:
    """Per question and theme, the coded answers to quote, exemplars first, verbatim."""
    answers = CellLookup(clean, "pseudonym")
    quotes: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in sorted(coding, key=lambda r: (r["exemplar"] != "yes", r["pseudonym"])):
        if not answers.has(row["pseudonym"], row["question"]):
            continue
        answer = answers.get(row["pseudonym"], row["question"])
        if pd.isna(answer):
            continue
        answer = str(answer).strip()
        # Every numeral in the paper must trace to the registry: quotes carry none.
        if not min_length <= len(answer) <= max_length or _mostly_placeholders(answer) \
                or re.search(r"\d", answer):
            continue
        quotes.setdefault(row["question"], {}).setdefault(row["theme"], []).append(
            {"pseudonym": row["pseudonym"], "text": answer,
             "exemplar": row["exemplar"]})
    return quotes


def _mostly_placeholders(text: str) -> bool:
    placeholders = re.findall(r"\[[A-Z_]+(?: \d+)?\]", text)
    return len(placeholders) > 2
