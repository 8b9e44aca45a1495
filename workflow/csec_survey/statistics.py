"""The statistics that produce published figures, evaluated on the typed responses."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from csec_survey.instrument import Instrument, PublishedStatistic

__all__ = ["Evaluated", "evaluate", "population_mask"]


@dataclass(frozen=True)
class Evaluated:
    """A statistic's value as a count over a base (``denominator`` None for plain counts)."""

    numerator: int
    denominator: int | None


def population_mask(instrument: Instrument, population_id: str,
                    responses: pd.DataFrame) -> pd.Series:
    """Which respondents belong to a population (skip logic applied)."""
    population = instrument.population(population_id)
    if population.item is None:
        return pd.Series(True, index=responses.index)
    gate = responses[population.item]
    return gate.isin(population.codes).fillna(False).astype(bool)


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
