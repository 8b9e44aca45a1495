"""Closed answers that meet the calibrated counts exactly, with a plausible joint structure.

Who gives which answer follows scores of earlier answers: Task Force members
serve larger jurisdictions, work in computer-crime units and more often have
worked a trafficking case; those who see technology in most cases say it
mattered more; small agencies name personnel and money as obstacles.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from csec_survey.core.codebook import Instrument, Item, population_mask
from csec_survey.synthetic.calibration import ItemCounts

__all__ = ["closed_answers"]

Score = Callable[[pd.DataFrame], pd.Series]


def _is(variable: str, *codes: int) -> Score:
    return lambda table: table[variable].isin(codes).astype(float)


def _sum(*parts: tuple[float, Score]) -> Score:
    return lambda table: sum((weight * part(table) for weight, part in parts),
                             start=pd.Series(0.0, index=table.index))


_TASK_FORCE = _is("agency_type", 1)
_LARGE = _is("juris_size", 3)
_SMALL = _is("juris_size", 1)
_TECH_HEAVY = _is("tech_share", 5)

# Who is likelier to give which answer: a score per respondent (higher means
# earlier in `order`, or likelier to tick an option), plus unit normal noise.
_SINGLE_STRUCTURE: Mapping[str, tuple[Score, tuple[Any, ...]]] = {
    "juris_size": (_sum((1.2, _TASK_FORCE)), (3, 2, 1)),
    "agency_level": (_sum((0.7, _TASK_FORCE)), (3, 2, 1, 4)),
    "unit_any": (_sum((1.0, _TASK_FORCE), (0.8, _LARGE)), (1, 2)),
    "cac_ever": (_sum((1.5, _is("unit_any", 1)), (0.5, _TASK_FORCE)), (1, 2)),
    "csec_ever": (_sum((9.0, _is("cac_ever", 1)), (1.3, _TASK_FORCE), (1.0, _LARGE),
                       (0.6, lambda t: t["unit.cac"].fillna(False).astype(float))), (1, 2)),
    "cac_freq": (_sum((1.5, lambda t: t["unit.cac"].fillna(False).astype(float)),
                      (0.6, _TASK_FORCE)), (1, 2, 3)),
    "cac_years": (_sum((0.3, _TASK_FORCE)), ((21, 45), (11, 20), (6, 10), (0, 5))),
    "csec_years": (lambda t: t["cac_years"].astype(float).fillna(0) / 6, (5, 4, 3, 2, 1)),
    "tech_share": (_sum((0.8, _TASK_FORCE), (0.5, _LARGE)), (5, 4, 3, 2, 1)),
    "tech_role": (_sum((1.5, _TECH_HEAVY)), (4, 3, 2, 1)),
    **{f"tech_{name}": (_sum((1.0, _TECH_HEAVY), (0.5, _TASK_FORCE)), (1, 2))
       for name in ("social_network", "instant_messaging", "email", "sms", "underground",
                    "cell_phones", "smartphone_apps", "classifieds", "niche_sites",
                    "search_engines")},
    "pimp_monitor": (_sum((1.0, _TECH_HEAVY)), (1, 2)),
    "pimp_control": (_sum((2.0, _is("pimp_monitor", 1))), (1, 2)),
    "code_common": (_sum((2.0, _is("code_seen", 1))), (4, 3, 2, 1)),
    "help_any": (_sum((1.0, _is("csec_ever", 1))), (1, 2)),
}
_MULTI_STRUCTURE: Mapping[str, Score] = {
    "unit.cac": _sum((0.6, _LARGE)),
    "unit.computer_crimes": _sum((1.2, _TASK_FORCE)),
    "unit.sex_crimes": _sum((0.5, _LARGE)),
    "victim_ages.age13_17": _sum((3.0, _is("victim_age_mostly", 2))),
    "victim_ages.under3": _sum((2.0, _is("victim_age_mostly", 1))),
    "victim_ages.age6_12": _sum((2.0, _is("victim_age_mostly", 1))),
    "opportunities.digital_evidence": _sum((0.8, _TASK_FORCE)),
    "opportunities.undercover": _sum((1.0, _TASK_FORCE), (0.8, _is("csec_ever", 1))),
    "obstacles.personnel": _sum((1.0, _SMALL)),
    "obstacles.money": _sum((1.0, _SMALL)),
    "obstacles.training": _sum((0.8, _SMALL), (-0.5, _TASK_FORCE)),
    "obstacles.tools": _sum((0.8, _SMALL)),
    "obstacles.changing_tech": _sum((0.6, _TASK_FORCE)),
    "obstacles.identifying": _sum((-0.8, _is("csec_ever", 1))),
}


def closed_answers(instrument: Instrument, counts: Mapping[str, ItemCounts], size: int,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Answer codes for every closed item, meeting the (scaled) calibrated counts."""
    table = pd.DataFrame(index=pd.RangeIndex(size))
    for item in instrument.items:
        if item.type == "text":
            continue
        asked = population_mask(instrument, item.asked_of, table)
        target = _scale(item, counts[item.id], int(asked.sum()))
        answering = rng.permutation(np.flatnonzero(asked))[target.nonresponse:]
        if item.type == "multi":
            for key, ticked in _tick(item, target, answering, table, rng).items():
                table[f"{item.id}.{key}"] = ticked
        else:
            table[item.id] = _assign(item, target, answering, table, rng)
    return table


def _scale(item: Item, counts: ItemCounts, eligible: int) -> ItemCounts:
    """The calibrated counts for 144 respondents, carried over to ``eligible`` asked."""
    if eligible == counts.eligible:
        return counts
    nonresponse = round(counts.nonresponse * eligible / counts.eligible)
    answered = eligible - nonresponse
    ratio = answered / counts.answered if counts.answered else 0.0
    shares = {key: n * ratio for key, n in counts.counts.items()}
    if item.type == "multi":
        return ItemCounts(item.id, eligible, nonresponse,
                          {key: min(answered, round(share)) for key, share in shares.items()})
    scaled = {key: int(share) for key, share in shares.items()}
    shortfall = answered - sum(scaled.values())
    for key in sorted(shares, key=lambda k: scaled[k] - shares[k])[:shortfall]:
        scaled[key] += 1
    return ItemCounts(item.id, eligible, nonresponse, scaled)


def _assign(item: Item, target: ItemCounts, answering: np.ndarray, table: pd.DataFrame,
            rng: np.random.Generator) -> pd.Series:
    """Give each answering respondent a category so that every count is met exactly."""
    chosen: list[tuple[np.ndarray, Any]] = []
    score, order = _SINGLE_STRUCTURE.get(item.id, (None, ()))
    unordered = [key for key in target.counts if key not in order]
    position = 0
    for key in unordered:
        chosen.append((answering[position:position + target.counts[key]], key))
        position += target.counts[key]
    rest = answering[position:]
    if order:
        noise = rng.normal(size=len(rest))
        strength = score(table).to_numpy()[rest] if score is not None else 0
        rest = rest[np.argsort(-(strength + noise), kind="stable")]
        for key in order:
            chosen.append((rest[:target.counts[key]], key))
            rest = rest[target.counts[key]:]
    values = np.full(len(table), None, dtype=object)
    for rows, key in chosen:
        for row in rows:
            values[row] = _year_in(key, rng) if item.type == "numeric" else key
    return pd.Series(pd.array(values, dtype="Int64"), index=table.index)


def _year_in(band: tuple[float, float], rng: np.random.Generator) -> int:
    low, high = int(band[0]), int(band[1])
    # The open top band thins out: few investigators pass thirty years.
    return int(rng.integers(low, high + 1)) if high - low < 15 else min(high, low + int(
        rng.poisson(4)))


def _tick(item: Item, target: ItemCounts, answering: np.ndarray, table: pd.DataFrame,
          rng: np.random.Generator) -> dict[str, pd.Series]:
    """Tick boxes so that each option's count is met and every answerer ticks one."""
    keys = [str(option.key) for option in item.options]
    weights = {key: np.exp(_MULTI_STRUCTURE[f"{item.id}.{key}"](table).to_numpy()[answering])
               if f"{item.id}.{key}" in _MULTI_STRUCTURE else np.ones(len(answering))
               for key in keys}
    remaining = {key: target.counts[key] for key in keys}
    ticked = {key: np.zeros(len(answering), dtype=bool) for key in keys}
    for position in rng.permutation(len(answering)):
        pressure = np.array([remaining[key] * weights[key][position] for key in keys])
        if pressure.sum() == 0:
            raise ValueError(f"item {item.id!r}: too few ticks for everyone who answers it")
        key = keys[int(rng.choice(len(keys), p=pressure / pressure.sum()))]
        ticked[key][position] = True
        remaining[key] -= 1
    for key in keys:
        free = np.flatnonzero(~ticked[key])
        if remaining[key] > 0:
            chosen = rng.choice(free, size=remaining[key], replace=False,
                                p=weights[key][free] / weights[key][free].sum())
            ticked[key][chosen] = True
    columns = {}
    for key in keys:
        column = pd.Series(pd.NA, index=table.index, dtype="boolean")
        column.iloc[answering] = ticked[key]
        columns[key] = column
    return columns
