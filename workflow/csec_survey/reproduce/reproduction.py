"""Published against rebuilt, row by row, including where the 2014 figures cannot all be true.

For every row of the published figures: the printed value, the rebuilt
display with its numerator and denominator, a granularity check in the spirit
of the GRIM test (can any whole count over the stated base print as the
published percentage, and which bases from 1 to the sample size could have),
a status, and a note that carries the calibration record's explanation.

Statuses:

- ``reproduced``: the rebuilt number prints as published, over the stated base;
- ``reproduced on a documented base``: it prints as published over a base the
  report left unclear, or one that differs from the stated base for a reason
  the calibration record gives;
- ``published value internally inconsistent``: no whole count over the stated
  base prints as the published value, alone or together with the other
  published shares of the same question (shares that cannot add up);
- ``not reproducible``: the rebuilt number does not print as published.
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

__all__ = ["STATUSES", "reproduction_rows", "rows_to_csv", "summarise"]

STATUSES = ("reproduced", "reproduced on a documented base",
            "published value internally inconsistent", "not reproducible")

_COLUMNS = ("id", "section", "quantity", "kind", "published", "unit", "rebuilt", "numerator",
            "denominator", "base_published", "base_rebuilt", "status",
            "counts_at_published_base", "bases_that_could_give_it", "note")


def reproduction_rows(figures: Sequence[PublishedValue], registry: Mapping[str, Any],
                      instrument: Instrument, sample_size: int,
                      calibration: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One row per published figure, in the order of the published record."""
    jointly_impossible = _jointly_impossible(figures, instrument)
    rows = []
    for figure in figures:
        entry = registry.get(figure.value_id)
        if entry is None:
            raise KeyError(f"the registry has no entry {figure.value_id!r}; every published "
                           "figure needs one")
        rows.append(_row(figure, entry, sample_size, figure.value_id in jointly_impossible,
                         (calibration or {}).get("figures", {}).get(figure.value_id)))
    return rows


def summarise(rows: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """How many rows have each status (every status listed)."""
    counts = Counter(row["status"] for row in rows)
    return {status: counts.get(status, 0) for status in STATUSES}


def rows_to_csv(rows: Iterable[Mapping[str, Any]]) -> str:
    """The rows as CSV text."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _row(figure: PublishedValue, entry: Mapping[str, Any], sample_size: int,
         jointly_impossible: bool, calibrated: Mapping[str, Any] | None) -> dict[str, Any]:
    published = figure.value
    rebuilt = entry["display"]
    matches = _number(published) in (_number(rebuilt), str(entry["value"]))
    stated = figure.base_n_as_published
    percent = figure.unit == "percent" and figure.kind == "survey"
    counts = counts_giving(int(published), stated) if percent and stated else None
    notes = [figure.note] if figure.note else []
    notes += [choice["note"] for choice in (calibrated or {}).get("choices", ())
              if choice["kind"] != "not_reproduced"]
    if figure.kind == "design":
        notes.append("design constant, from config/config.yaml")
    if figure.kind == "external":
        notes.append(f"cited from {entry.get('citation', figure.citation)}")
    if not matches:
        status = STATUSES[3]
    elif (counts == [] or jointly_impossible) and percent:
        status = STATUSES[2]
        notes.insert(0, f"No whole count out of {stated} prints as {published}%"
                     if counts == [] else
                     f"The published shares of this question cannot all hold for {stated} "
                     "respondents: no whole counts adding up to them give every one")
    elif percent and (stated is None or entry.get("denominator") != stated):
        status = STATUSES[1]
    else:
        status = STATUSES[0]
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
        "note": " ".join(note if note.endswith(".") else f"{note}." for note in notes),
    }


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
