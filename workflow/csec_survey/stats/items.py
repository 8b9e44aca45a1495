"""Statistics of the typed responses: every item's counts and shares, and the published ones.

Shares are counts over a stated denominator, never bare percentages: the
item's respondents (those asked who answered; "not sure" is an answer) unless
the instrument says a figure is a share of a whole population. Every share
carries its Wilson 95% interval, which behaves at the small bases (45
respondents) this survey has.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from statistics import NormalDist
from typing import Any

import pandas as pd

from csec_survey.core.codebook import Instrument, Item, PublishedStatistic, population_mask
from csec_survey.core.lineage import file_sha256
from csec_survey.core.paths import ROOT
from csec_survey.stats.registry import Number

__all__ = ["Evaluated", "answer_id", "answer_numbers", "base_sentence", "evaluate",
           "interval_level_number", "item_statistics", "survey_numbers",
           "wilson_interval"]

INTERVAL_LEVEL = 95  # percent: the level of every Wilson interval the pipeline computes
_Z95 = NormalDist().inv_cdf(0.5 + INTERVAL_LEVEL / 200)


@dataclass(frozen=True)
class Evaluated:
    """A statistic's value as a count over a base (``denominator`` None for plain counts)."""

    numerator: int
    denominator: int | None


def evaluate(instrument: Instrument, statistic: PublishedStatistic,
             responses: pd.DataFrame) -> Evaluated:
    """Numerator and denominator of ``statistic`` on the typed ``responses``.

    Item respondents are those asked who answered; "not sure" is an answer.
    With ``denominator: population`` everyone in the population counts, answered or not.
    """
    population = population_mask(instrument, instrument.population_of(statistic).id, responses)
    if statistic.statistic == "respondents":
        return Evaluated(int(population.sum()), None)
    item = instrument.item(str(statistic.item))
    asked = population_mask(instrument, item.asked_of, responses)
    if item.type == "multi":
        chosen = responses[[f"{item.id}.{key}" for key in statistic.options]]
        answered = asked & chosen.notna().all(axis=1)
        hit = answered & chosen.fillna(False).astype(bool).any(axis=1)
    else:
        values = responses[item.variable()]
        answered = asked & values.notna()
        if item.type == "numeric":
            assert statistic.range is not None
            low, high = statistic.range
            inside = values.notna()
            if low is not None:
                inside &= values >= low
            if high is not None:
                inside &= values <= high
            hit = answered & inside.fillna(False).astype(bool)
        else:
            hit = answered & values.isin(statistic.codes).fillna(False).astype(bool)
    numerator = int((hit & population).sum())
    if statistic.statistic == "count":
        return Evaluated(numerator, None)
    base = population if statistic.denominator == "population" else answered & population
    return Evaluated(numerator, int(base.sum()))


def wilson_interval(successes: int, trials: int, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as shares between 0 and 1."""
    if trials <= 0:
        return (0.0, 1.0)
    share = successes / trials
    centre = share + z * z / (2 * trials)
    spread = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    denominator = 1 + z * z / trials
    # At 0 and at n the bounds are exactly 0 and 1; floating point would miss them by 1e-17.
    low = 0.0 if successes == 0 else max(0.0, (centre - spread) / denominator)
    high = 1.0 if successes == trials else min(1.0, (centre + spread) / denominator)
    return (low, high)


def base_sentence(instrument: Instrument, statistic: PublishedStatistic,
                  result: Evaluated) -> str:
    """Who the number is about, in words: the base a reader needs to judge it."""
    population = instrument.population_of(statistic)
    if statistic.statistic == "respondents":
        who = "respondents" if population.item is None else population.label
        return f"all {result.numerator} {who} after exclusions"
    if statistic.statistic == "count":
        return f"count among {population.label}"
    if statistic.denominator == "population":
        who = "respondents" if population.item is None else population.label
        return f"share of all {result.denominator} {who}"
    item = instrument.item(str(statistic.item))
    if item.asked_of == "all":
        return f"share of the {result.denominator} respondents who answered the question"
    asked = instrument.population(item.asked_of).label
    return f"share of the {result.denominator} {asked} and answered the question"


def survey_numbers(instrument: Instrument, responses: pd.DataFrame,
                      trail: Mapping[str, Any]) -> list[Number]:
    """A registry entry for every published survey figure, from the responses.

    ``trail`` holds the ``rule``, ``script`` and ``inputs`` the entries record.
    """
    numbers = []
    for statistic in instrument.published.values():
        result = evaluate(instrument, statistic, responses)
        details = {"statistic": statistic.statistic, "item": statistic.item,
                   "denominator": statistic.denominator,
                   "codes": list(statistic.codes), "options": list(statistic.options),
                   "range": list(statistic.range) if statistic.range else None}
        common = {"base": base_sentence(instrument, statistic, result),
                  "details": {k: v for k, v in details.items() if v}, **trail}
        if result.denominator is None:
            numbers.append(Number.count(statistic.value_id, result.numerator, **common))
        else:
            low, high = wilson_interval(result.numerator, result.denominator)
            numbers.append(Number.share(statistic.value_id, result.numerator,
                                        result.denominator, interval95=(100 * low, 100 * high),
                                        **common))
    return numbers


def interval_level_number(rule: str, script: str) -> Number:
    """The registry entry of the intervals' confidence level, which the paper states.

    It is this module's constant, so its trail hashes this module.
    """
    source = Path(__file__)
    return Number(id="stats.interval_level", value=INTERVAL_LEVEL,
                  display=f"{INTERVAL_LEVEL}%", kind="method",
                  quantity="confidence level of the Wilson score intervals", rule=rule,
                  script=script, inputs={str(source.relative_to(ROOT)): file_sha256(source)})


def answer_id(item: Item, answer: str) -> str:
    """Registry id of one answer's share: ``answer.victim_sex.mostly_girls``."""
    if item.type == "multi":
        return f"answer.{item.id}.{answer}"
    label = item.option(int(answer)).label
    return f"answer.{item.id}.{re.sub(r'[^a-z0-9]+', '_', label.lower()).strip('_')}"


def answer_numbers(instrument: Instrument, table: pd.DataFrame,
                   trail: Mapping[str, Any]) -> list[Number]:
    """A registry entry for the share giving every answer of every closed item.

    ``table`` is `item_statistics`; numeric items have no per-answer shares.
    """
    numbers = []
    for row in table[table["type"] != "numeric"].itertuples(index=False):
        item = instrument.item(row.item)
        asked = "respondents" if item.asked_of == "all" else \
            instrument.population(item.asked_of).label
        numerator, denominator = int(row.numerator), int(row.denominator)
        low, high = wilson_interval(numerator, denominator)
        numbers.append(Number.share(
            answer_id(item, str(row.answer)), numerator, denominator,
            quantity=f"{item.id}: {row.label}",
            base=f"share of the {denominator} {asked} who answered the question"
            if item.asked_of == "all" else
            f"share of the {denominator} {asked} and answered the question",
            interval95=(100 * low, 100 * high),
            details={"item": item.id, "answer": str(row.answer)}, **trail))
    return numbers


def item_statistics(instrument: Instrument, responses: pd.DataFrame) -> pd.DataFrame:
    """Counts and shares (with Wilson intervals) of every answer to every closed item."""
    rows: list[dict[str, Any]] = []
    for item in instrument.items:
        if item.type == "text":
            continue
        asked = population_mask(instrument, item.asked_of, responses)
        rows.extend(_item_rows(item, responses[asked], int(asked.sum())))
    table = pd.DataFrame(rows)
    return table[["item", "type", "asked_of", "asked", "answer", "label", "numerator",
                  "denominator", "share", "wilson_low", "wilson_high", "value"]]


def _item_rows(item: Item, asked: pd.DataFrame, asked_count: int) -> list[dict[str, Any]]:
    base = {"item": item.id, "type": item.type, "asked_of": item.asked_of, "asked": asked_count}
    if item.type == "numeric":
        values = asked[item.variable()].dropna().astype(float)
        summary = {"answered": len(values), "mean": values.mean(), "median": values.median(),
                   "min": values.min(), "max": values.max()}
        return [{**base, "answer": name, "label": name,
                 "value": float(value) if len(values) else None}
                for name, value in summary.items()]
    if item.type == "multi":
        ticks = asked[[item.variable(option) for option in item.options]]
        answered = ticks.notna().all(axis=1)
        counts = [(str(o.key), o.label, int(ticks[item.variable(o)][answered].sum()))
                  for o in item.options]
        denominator = int(answered.sum())
    else:
        values = asked[item.variable()]
        denominator = int(values.notna().sum())
        counts = [(str(o.code), o.label, int((values == o.code).sum())) for o in item.options]
    rows = []
    for answer, label, numerator in counts:
        low, high = wilson_interval(numerator, denominator)
        rows.append({**base, "answer": answer, "label": label, "numerator": numerator,
                     "denominator": denominator,
                     "share": numerator / denominator if denominator else None,
                     "wilson_low": low, "wilson_high": high})
    return rows
