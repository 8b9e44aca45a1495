"""Published against rebuilt, row by row, including where the 2014 figures cannot all be true.

For every row of the published figures: the printed value, the rebuilt
display with its numerator and denominator, a granularity check in the spirit
of the GRIM test (can any whole count over the stated base print as the
published percentage, and which bases from 1 to the sample size could have),
a status, and a note in plain words computed from the rebuilt numbers (what
base the report states, how many answered, what count gives what share), with
the codebook's reading of a base the report left unclear.

Statuses of the survey values, compared with the rebuilt data:

- ``reproduced``: the rebuilt number prints as published, over the stated base;
- ``reproduced on another base``: it prints as published, over a base the
  report does not state or that differs from the one it states;
- ``cannot hold at the stated base``: it prints as published, but no whole
  count over the stated base gives the published value, alone or together
  with the other published shares of the same question;
- ``not reproduced``: the rebuilt number does not print as published.

Design constants and statistics cited from other studies are not computed
from the survey: they are inputs copied from the report, with a status of
their own (``copied from the report``), counted apart in the summary.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from csec_survey.core.codebook import Instrument
from csec_survey.core.granularity import bases_giving, counts_giving
from csec_survey.core.published import PublishedValue

__all__ = ["COPIED", "NOT_REPRODUCED", "STATUSES", "reproduction_rows", "rows_to_csv", "summarise"]

STATUSES = ("reproduced", "reproduced on another base", "cannot hold at the stated base",
            "not reproduced")
NOT_REPRODUCED = STATUSES[3]
COPIED = "copied from the report"

_COLUMNS = ("id", "section", "quantity", "kind", "published", "unit", "rebuilt", "numerator",
            "denominator", "base_published", "base_rebuilt", "status",
            "counts_at_published_base", "bases_that_could_give_it", "note")


def reproduction_rows(figures: Sequence[PublishedValue], registry: Mapping[str, Any],
                      instrument: Instrument, sample_size: int) -> list[dict[str, Any]]:
    """One row per published figure, in the order of the published record."""
    jointly_impossible = _jointly_impossible(figures, instrument)
    rows = []
    for figure in figures:
        entry = registry.get(figure.value_id)
        if entry is None:
            raise KeyError(f"the registry has no entry {figure.value_id!r}; every published "
                           "figure needs one")
        statistic = instrument.published.get(figure.value_id)
        rows.append(_row(figure, entry, sample_size, figure.value_id in jointly_impossible,
                         statistic.base_choice if statistic else None))
    return rows


def summarise(rows: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """How many survey values have each status (every status listed), and, apart, how
    many inputs of each kind were copied from the report."""
    rows = list(rows)
    counts = Counter(row["status"] for row in rows if row["status"] != COPIED)
    copied = Counter(row["kind"] for row in rows if row["status"] == COPIED)
    return {"survey values": {status: counts.get(status, 0) for status in STATUSES},
            COPIED: {"design constants": copied.get("design", 0),
                     "statistics of other studies": copied.get("external", 0)}}


def rows_to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The rows as CSV text."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _row(figure: PublishedValue, entry: Mapping[str, Any], sample_size: int,
         jointly_impossible: bool, base_choice: str | None) -> dict[str, Any]:
    published = figure.value
    rebuilt = entry["display"]
    matches = _number(published) in (_number(rebuilt), str(entry["value"]))
    stated = figure.base_n_as_published
    percent = figure.unit == "percent" and figure.kind == "survey"
    counts = counts_giving(int(published), stated) if percent and stated else None
    notes = []
    if figure.kind == "design":
        status = COPIED
        notes.append("A design constant of the survey, taken from the report: an input, "
                     "not computed from the responses")
    elif figure.kind == "external":
        status = COPIED
        notes.append(f"Cited from {entry.get('citation', figure.citation)}, another study: "
                     "not computed from the survey")
    elif not matches:
        status = NOT_REPRODUCED
        notes.append(f"Published {published}{'%' if percent else ''}; rebuilt "
                     f"{_found(entry)}")
    elif percent and (counts == [] or jointly_impossible):
        status = STATUSES[2]
        notes.append(f"No whole count out of {stated} gives {published}%" if counts == [] else
                     f"The published shares of this question cannot all hold for {stated} "
                     "respondents: no set of whole counts with that total rounds to all of "
                     "them")
        notes.append(f"rebuilt: {_found(entry)}")
    elif percent and (stated is None or entry.get("denominator") != stated):
        status = STATUSES[1]
        notes.append(("Base not stated" if stated is None else
                      f"The report states {stated}") + f"; {_found(entry)}")
    else:
        status = STATUSES[0]
        if percent:
            notes.append(_found(entry).capitalize())
    if base_choice:
        notes.append(" ".join(base_choice.split()))
    if figure.note:
        notes.append(figure.note)
    return {
        "id": figure.value_id, "section": figure.section, "quantity": figure.quantity,
        "kind": figure.kind, "published": published, "unit": figure.unit, "rebuilt": rebuilt,
        "numerator": entry.get("numerator", ""), "denominator": entry.get("denominator", ""),
        "base_published": figure.base_as_published or "",
        "base_rebuilt": entry.get("base", ""), "status": status,
        "counts_at_published_base": "" if counts is None else
        (" ".join(map(str, counts)) or "none"),
        "bases_that_could_give_it": _ranges(bases_giving(int(published), sample_size))
        if percent else "",
        "note": " ".join(note[0].upper() + note[1:].rstrip(".") + "." for note in notes),
    }


def _found(entry: Mapping[str, Any]) -> str:
    """``38 of the 142 answered gives 27%``: what the rebuilt data give, in words."""
    if not entry.get("denominator"):
        return f"{entry['display']}"
    counted = "answered" if "answered" in entry.get("base", "") else "in the base"
    return (f"{entry['numerator']} of the {entry['denominator']} {counted} gives "
            f"{entry['display']}")


def _jointly_impossible(figures: Sequence[PublishedValue], instrument: Instrument) -> set[str]:
    """Published shares of one single-choice question that cannot add up over the stated
    base: each may be possible alone, but no whole counts give them all at once."""
    groups: dict[str, list[PublishedValue]] = {}
    for figure in figures:
        statistic = instrument.published.get(figure.value_id)
        if statistic is None or figure.unit != "percent" or not figure.base_n_as_published:
            continue
        item = instrument.item(str(statistic.item))
        if item.type == "single" and statistic.denominator == "item_respondents":
            groups.setdefault(item.id, []).append(figure)
    impossible: set[str] = set()
    for item_id, members in groups.items():
        code_sets = [set(instrument.published[f.value_id].codes) for f in members]
        disjoint = sum(map(len, code_sets)) == len(set().union(*code_sets))
        if not disjoint or set().union(*code_sets) != set(instrument.item(item_id).codes):
            continue
        base = members[0].base_n_as_published
        options = [counts_giving(int(f.value), base) for f in members]
        if all(options) and not (sum(min(o) for o in options) <= base
                                 <= sum(max(o) for o in options)):
            impossible.update(f.value_id for f in members)
    return impossible


def _ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 7]`` as ``"1-3, 7"``."""
    parts: list[str] = []
    start = previous = None
    for number in numbers:
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(f"{start}-{previous}" if previous != start else str(start))
        start = previous = number
    if start is not None:
        parts.append(f"{start}-{previous}" if previous != start else str(start))
    return ", ".join(parts) or "none"


def _number(text: str) -> str:
    return str(text).replace("%", "").replace(",", "").strip()
