"""Quotes for the paper: coded answers, drawn verbatim from the de-identified text.

The qualitative coding file (``paper.quote_coding`` in the config) assigns answers,
by pseudonym and question, to the themes the report found and, within a theme, to
the claims they make (``claims``: ids separated by spaces, one per point an answer
makes, such as ``reused_contact``), and flags exemplars. A quote in the paper
names the claims its lead-in makes and is drawn only from answers coded to one of
them: an answer is quoted because it says what the text says it shows, not only
because it is on the same theme. The paper quotes only coded answers, exemplars
first, word for word as de-identification left them, and never with the
respondent's demographics. For the synthetic stand-in the generator's themes and
claims play the coder (`coding_from_truth`); with real data a person codes the
answers.

What is published is held to a stricter test than what is kept: an answer that
still holds a capitalised word no dictionary, platform list, placeholder or word
list of this field explains, or a long number, may hold a name the scrubber
missed, and is not quoted (`residual_risks`); each theme counts those withheld,
and `quote_numbers` puts the totals in the registry for the paper to print.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from csec_survey.core.atomic import atomic_path
from csec_survey.core.cells import CellLookup
from csec_survey.core.platforms import platform_mentions
from csec_survey.deidentify.gazetteers import load_gazetteers
from csec_survey.deidentify.pseudonyms import PseudonymKey, pseudonym
from csec_survey.stats.registry import Number

__all__ = [
    "CODING_COLUMNS",
    "coding_from_truth",
    "misquoted",
    "quote_numbers",
    "read_coding",
    "residual_risks",
    "select_quotes",
    "theme_numbers",
    "write_coding",
]

CODING_COLUMNS = ("pseudonym", "question", "theme", "claims", "exemplar")
_EXEMPLARS_PER_THEME = 3


def coding_from_truth(truth: Iterable[Mapping[str, Any]], key: PseudonymKey,
                      complete: set[str]) -> list[dict[str, str]]:
    """A coding file from the generator's ground truth: the theme it wrote each answer on
    and the claims of its sentences.

    Only answers of ``complete`` response ids and single-theme answers are
    coded. Exemplars are, per question and theme, the first answers in pseudonym
    order: a keyed hash, so a draw that knows nothing of the answers. The truth's
    record of what personal data each answer holds is never read: preferring
    answers with little to redact would hide the scrubber's misses from the reader.
    """
    rows = []
    candidates: dict[tuple[str, str], list[str]] = {}
    for row in truth:
        if row["ResponseId"] not in complete or len(row["themes"]) != 1 \
                or not row["item"].startswith("oe_"):
            continue
        code = pseudonym(row["ResponseId"], key)
        theme = row["themes"][0]
        rows.append({"pseudonym": code, "question": row["item"], "theme": theme,
                     "claims": " ".join(row["claims"]), "exemplar": "no"})
        candidates.setdefault((row["item"], theme), []).append(code)
    exemplars = {(question, theme, code)
                 for (question, theme), codes in candidates.items()
                 for code in sorted(codes)[:_EXEMPLARS_PER_THEME]}
    for row in rows:
        if (row["question"], row["theme"], row["pseudonym"]) in exemplars:
            row["exemplar"] = "yes"
    return sorted(rows, key=lambda r: (r["question"], r["theme"], r["pseudonym"]))


def write_coding(rows: Iterable[Mapping[str, str]], path: str | Path) -> None:
    """Write a coding file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as partial, partial.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CODING_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def read_coding(path: str | Path) -> list[dict[str, str]]:
    """The coding file, checked for its columns, claim ids and exemplar flags."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CODING_COLUMNS:
            raise ValueError(f"{path}: expected columns {', '.join(CODING_COLUMNS)}")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        if row["exemplar"] not in ("yes", "no"):
            raise ValueError(f"{path}, line {line}: exemplar must be yes or no")
        if not all(_CLAIM_ID.fullmatch(claim) for claim in row["claims"].split()):
            raise ValueError(f"{path}, line {line}: claims must be ids of letters, digits "
                             "and underscores, separated by spaces")
    return rows


def select_quotes(coding: Iterable[Mapping[str, str]], clean: pd.DataFrame,
                  min_length: int = 40, max_length: int = 600,
                  most: int = 12) -> dict[str, Any]:
    """Per question and theme: how many non-blank answers are coded to it (``coded``)
    and to each of its claims (``claims``), and the ones to quote (``quotes``, each
    with its claims; at most ``most`` per claim: more than the paper quotes for one),
    exemplars first, verbatim. Answers of quotable length are examined in that order
    until each claim they make has ``most`` (``examined``); ``withheld`` counts those
    passed over for a residual risk.

    A quote may hold digits: the PDF audit checks quotes word for word against
    the de-identified answers instead of tracing their numerals to the registry.
    """
    answers = CellLookup(clean, "pseudonym")
    themes: dict[str, dict[str, dict[str, Any]]] = {}
    for row in sorted(coding, key=lambda r: (r["exemplar"] != "yes", r["pseudonym"])):
        if not answers.has(row["pseudonym"], row["question"]):
            continue
        answer = answers.get(row["pseudonym"], row["question"])
        if pd.isna(answer) or not str(answer).strip():
            continue
        answer = str(answer).strip()
        theme = themes.setdefault(row["question"], {}).setdefault(
            row["theme"], {"coded": 0, "claims": {}, "examined": 0, "withheld": 0,
                           "quotes": []})
        theme["coded"] += 1
        claims = row["claims"].split()
        for claim in claims:
            theme["claims"][claim] = theme["claims"].get(claim, 0) + 1
        if _has_enough(theme["quotes"], claims, most) or \
                not min_length <= len(answer) <= max_length or _mostly_placeholders(answer):
            continue
        theme["examined"] += 1
        if residual_risks(answer):
            theme["withheld"] += 1
            continue
        theme["quotes"].append({"pseudonym": row["pseudonym"], "text": answer,
                                "claims": claims, "exemplar": row["exemplar"]})
    return themes


def residual_risks(text: str) -> list[str]:
    """The kinds of word in a de-identified answer that may still identify someone: a
    capitalised word no dictionary, platform list, placeholder or word list of this
    field explains ("unexplained word"), one inside a sentence that is also a given name
    or a surname ("name-like word": "what Sugar told me"), or a number of five digits or
    more ("long number"). The words themselves are not returned: they may be personal
    data."""
    words = load_gazetteers()
    unplaced = _PLACEHOLDER.sub(" ", text)
    kept = platform_mentions(unplaced)
    risks = []
    for match in _CAPITALISED.finditer(unplaced):
        word = match.group().rstrip("'\u2019")
        if any(start <= match.start() < end for start, end in kept):
            continue
        # The field's own words, states and titles name no one, whatever lists hold them.
        vocabulary = words.is_domain(word) or word in words.us_states or word in _TITLE_WORDS
        if not (vocabulary or words.is_common(word) or (word.isupper() and len(word) <= 2)):
            risks.append("unexplained word")
        elif not vocabulary and not word.isupper() and \
                (word in words.first_names or word in words.last_names) and \
                _INSIDE_A_SENTENCE.search(unplaced, 0, match.start()):
            risks.append("name-like word")
    if _LONG_NUMBER.search(text):
        risks.append("long number")
    return risks


def quote_numbers(quotes: Mapping[str, Mapping[str, Mapping[str, Any]]],
                  trail: Mapping[str, Any]) -> list[Number]:
    """The registry's quote numbers: answers examined as quotes (``quotes.examined``)
    and those withheld from them for a residual risk (``quotes.withheld``), over
    every question and theme."""
    themes = [theme for question in quotes.values() for theme in question.values()]
    return [Number.count("quotes.examined", sum(t["examined"] for t in themes),
                         quantity="answers examined as quotes",
                         base="coded answers of quotable length, examined until each point "
                              "had its quotes", **trail),
            Number.count("quotes.withheld", sum(t["withheld"] for t in themes),
                         quantity="answers withheld from quotation for a residual risk",
                         base="of the answers examined, those the screen for identifiers "
                              "left in withheld", **trail)]


def theme_numbers(coding: Iterable[Mapping[str, str]], clean: pd.DataFrame,
                  trail: Mapping[str, Any]) -> list[Number]:
    """How many answers raised each theme, for "n of N answers raised this": per question,
    the non-blank answers coded to any theme (``themes.QUESTION.answers``), and per
    theme those coded to it (``themes.QUESTION.THEME``). One answer may raise several;
    a theme of the coding file whose answers are all blank counts 0, so that the claim
    that it was raised, not a missing number, is what fails."""
    answers = CellLookup(clean, "pseudonym")
    coded: dict[str, set[str]] = {}
    raised: dict[tuple[str, str], set[str]] = {}
    for row in coding:
        question, who = row["question"], row["pseudonym"]
        theme = raised.setdefault((question, row["theme"]), set())
        coded.setdefault(question, set())
        if not answers.has(who, question):
            continue
        answer = answers.get(who, question)
        if pd.isna(answer) or not str(answer).strip():
            continue
        coded[question].add(who)
        theme.add(who)
    numbers = [Number.count(f"themes.{question}.answers", len(who),
                            quantity=f"answers to {question} coded to a theme",
                            base="non-blank answers coded to a theme", **trail)
               for question, who in sorted(coded.items())]
    numbers += [Number.count(f"themes.{question}.{theme}", len(who),
                             quantity=f"answers to {question} coded to {theme}",
                             base=f"of the {len(coded[question])} coded answers to {question}",
                             **trail)
                for (question, theme), who in sorted(raised.items())]
    return numbers


def misquoted(quotes: Iterable[Mapping[str, str]], clean: pd.DataFrame) -> list[str]:
    """The quotes (``pseudonym``, ``question``, ``text``) that are not, word for word,
    the de-identified answer they claim to be, named by pseudonym and question."""
    answers = CellLookup(clean, "pseudonym")
    wrong = []
    for quote in quotes:
        found = (answers.get(quote["pseudonym"], quote["question"])
                 if answers.has(quote["pseudonym"], quote["question"]) else None)
        if found is None or pd.isna(found) or str(found).strip() != quote["text"]:
            wrong.append(f"{quote['pseudonym']} / {quote['question']}")
    return wrong


_CLAIM_ID = re.compile(r"\w+")
_PLACEHOLDER = re.compile(r"\[[A-Z_]+(?: \d+)?\]")
_CAPITALISED = re.compile(r"(?<![\w'\u2019-])[A-Z][\w'\u2019-]*")
_LONG_NUMBER = re.compile(r"\d{5,}")
# Just after a word in lower case or a comma: not where a sentence or a quote opens.
_INSIDE_A_SENTENCE = re.compile(r"(?:[a-z]|,)\s+$")
# Capitalised in these answers without naming anyone: ranks and titles, "I", "OK".
_TITLE_WORDS = frozenset({"Det", "Sgt", "Lt", "Ofc", "Cpl", "Capt", "Dr", "Mr", "Mrs",
                          "Ms", "SA", "Inv", "Dep", "Tpr", "I", "OK"})


def _has_enough(quotes: list[dict[str, Any]], claims: list[str], most: int) -> bool:
    """Whether each claim an answer makes (its theme, if it is coded to none) already
    has ``most`` quotes."""
    if not claims:
        return len(quotes) >= most
    return all(sum(claim in quote["claims"] for quote in quotes) >= most for claim in claims)


def _mostly_placeholders(text: str) -> bool:
    return len(_PLACEHOLDER.findall(text)) > 2
