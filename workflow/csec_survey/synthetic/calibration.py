"""Answer counts that reproduce the published percentages, and a record of every choice.

For each closed item the published rows constrain the counts of its answers:
``round_half_up(100 * numerator / denominator)`` must equal the printed value,
and a printed count must be met exactly. `calibrate` finds, item by item in
survey order, counts that satisfy every such row. Where the stated base
cannot give the printed values, it leaves the fewest respondents unanswered
(item non-response) that can; where no such number exists within the allowed
non-response, it satisfies as many rows as possible and says which it could
not. The result is a `Calibration`, whose `record()` is the machine-readable
account that the reproduction report and the paper show.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from csec_survey.core.codebook import Instrument, Item, PublishedStatistic
from csec_survey.core.granularity import counts_giving, percent_display
from csec_survey.core.published import PublishedValue
from csec_survey.synthetic.parameters import GeneratorParameters

__all__ = ["Calibration", "CalibrationError", "ItemCounts", "bands", "calibrate"]


class CalibrationError(ValueError):
    """The published figures cannot be met at all under the instrument."""


@dataclass
class ItemCounts:
    """Calibrated answer counts of one item.

    ``counts`` maps an option code (single), option key (multi) or band
    ``(low, high)`` (numeric) to the number of respondents giving it;
    ``answered`` respondents answered, ``nonresponse`` were asked and did not.
    """

    item: str
    eligible: int
    nonresponse: int
    counts: dict[Any, int]

    @property
    def answered(self) -> int:
        """Respondents who were asked the item and answered it."""
        return self.eligible - self.nonresponse


@dataclass
class Calibration:
    """Counts for every closed item, and what each published row became."""

    sample_size: int
    items: dict[str, ItemCounts] = field(default_factory=dict)
    populations: dict[str, int] = field(default_factory=dict)
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    def record(self) -> dict[str, Any]:
        """The machine-readable calibration record (JSON-ready)."""
        deviations = [
            {"figure_id": fid, "kind": choice["kind"], "note": choice["note"]}
            for fid, row in self.rows.items() for choice in row["choices"]
        ]
        statuses = [row["status"] for row in self.rows.values()]
        return {
            "sample_size": self.sample_size,
            "rounding": "whole percent, halves rounded up, of 100 * numerator / denominator",
            "summary": {status: statuses.count(status) for status in sorted(set(statuses))},
            "populations": self.populations,
            "items": {
                item_id: {
                    "eligible": counts.eligible,
                    "nonresponse": counts.nonresponse,
                    "counts": {_key_name(key): n for key, n in counts.counts.items()},
                }
                for item_id, counts in self.items.items()
            },
            "figures": self.rows,
            "deviations": deviations,
        }


def calibrate(instrument: Instrument, published: Iterable[PublishedValue], sample_size: int,
              parameters: GeneratorParameters) -> Calibration:
    """Find answer counts for every closed item that reproduce ``published``.

    Where the published rows leave counts free, ``parameters`` weigh answers and
    cap item non-response as a share of those asked; items the survey forced a
    response to get none.
    """
    rows = {row.value_id: row for row in published if row.kind == "survey"}
    unmapped = instrument.unmapped(rows)
    if unmapped:
        raise CalibrationError(f"published survey rows with no statistic: {', '.join(unmapped)}")
    calibration = Calibration(sample_size=sample_size, populations={"all": sample_size})
    by_item: dict[str, list[PublishedStatistic]] = {}
    for statistic in instrument.published.values():
        if statistic.item is not None and statistic.value_id in rows:
            by_item.setdefault(statistic.item, []).append(statistic)

    for item in instrument.items:
        if item.type == "text":
            continue
        eligible = calibration.populations[item.asked_of]
        statistics = by_item.get(item.id, [])
        limit = 0 if item.required else int(
            Fraction(str(parameters.max_nonresponse_share)) * eligible)
        if item.type == "multi":
            counts = _calibrate_multi(item, statistics, rows, eligible, limit, calibration,
                                      parameters)
        else:
            counts = _calibrate_categorical(item, statistics, rows, eligible, limit,
                                            calibration.populations, parameters)
        calibration.items[item.id] = counts
        for population in instrument.populations.values():
            if population.item == item.id:
                calibration.populations[population.id] = sum(
                    counts.counts[code] for code in population.codes)
        for statistic in statistics:
            calibration.rows[statistic.value_id] = _row_outcome(
                statistic, rows[statistic.value_id], item, counts, calibration.populations)

    for statistic in instrument.published.values():
        if statistic.statistic == "respondents" and statistic.value_id in rows:
            size = calibration.populations[str(statistic.of)]
            calibration.rows[statistic.value_id] = _outcome(
                rows[statistic.value_id], size, None, size, [])
    return calibration


def bands(item: Item, statistics: Sequence[PublishedStatistic]) -> list[tuple[float, float]]:
    """Disjoint whole-number bands covering a numeric item's range, split at every row's edges."""
    assert item.range is not None
    low, high = item.range
    edges = {low, high + 1}
    for statistic in statistics:
        assert statistic.range is not None
        start, stop = statistic.range
        edges.add(low if start is None else start)
        edges.add(high + 1 if stop is None else stop + 1)
    ordered = sorted(edge for edge in edges if low <= edge <= high + 1)
    return [(a, b - 1) for a, b in itertools.pairwise(ordered)]


def _members(item: Item, statistic: PublishedStatistic,
             categories: Sequence[Any]) -> frozenset[Any]:
    if item.type == "numeric":
        assert statistic.range is not None
        start, stop = statistic.range
        return frozenset(band for band in categories
                         if (start is None or band[0] >= start)
                         and (stop is None or band[1] <= stop))
    return frozenset(statistic.codes)


def _calibrate_categorical(item: Item, statistics: Sequence[PublishedStatistic],
                           rows: Mapping[str, PublishedValue], eligible: int, limit: int,
                           populations: Mapping[str, int],
                           parameters: GeneratorParameters) -> ItemCounts:
    categories: list[Any] = bands(item, statistics) if item.type == "numeric" else list(item.codes)
    weights = ({o.code: parameters.answer_weight(item.id, o.code) for o in item.options}
               if item.type == "single"
               else {band: band[1] - band[0] + 1 for band in categories})
    constraints = [(_members(item, s, categories), s, rows[s.value_id]) for s in statistics]
    # Keep as many published rows as possible, then the fewest non-respondents.
    for size in range(len(constraints), -1, -1):
        for nonresponse in range(limit + 1):
            for kept in itertools.combinations(constraints, size):
                solution = _solve(categories, kept, eligible - nonresponse, populations, weights)
                if solution is not None:
                    return ItemCounts(item.id, eligible, nonresponse, solution)
    raise CalibrationError(f"item {item.id!r}: no counts exist even without published rows")


def _solve(categories: Sequence[Any],
           constraints: Sequence[tuple[frozenset[Any], PublishedStatistic, PublishedValue]],
           base: int, populations: Mapping[str, int],
           weights: Mapping[Any, float]) -> dict[Any, int] | None:
    """Depth-first search for counts summing to ``base`` that meet every constraint."""
    if base < 0:
        return None
    targets: dict[frozenset[Any], list[int]] = {}
    ideals: dict[frozenset[Any], float] = {}
    for members, statistic, row in constraints:
        if statistic.statistic == "count":
            allowed, ideal = [row.whole_value], float(row.whole_value)
        else:
            denominator = populations[str(statistic.of)] if statistic.denominator == \
                "population" else base
            allowed = counts_giving(row.whole_value, denominator) if denominator > 0 else []
            ideal = row.whole_value * denominator / 100
        previous = targets.get(members)
        targets[members] = allowed if previous is None else sorted(set(previous) & set(allowed))
        ideals[members] = ideal
    constrained = sorted({c for members in targets for c in members}, key=categories.index)
    free = [c for c in categories if c not in constrained]
    # Singleton targets pin a category to one or two values: search those first.
    constrained.sort(key=lambda c: (frozenset([c]) not in targets, categories.index(c)))
    # Try counts near the published share first, split over the categories of
    # a row in proportion to their weights, so that they share it plausibly.
    guesses: dict[Any, float] = {}
    for members in sorted(targets, key=len):
        total_weight = sum(weights.get(m, 1.0) for m in members)
        for member in members:
            guesses.setdefault(member, ideals[members] * weights.get(member, 1.0) / total_weight)

    def candidates(category: Any, remaining: int) -> list[int]:
        pinned = targets.get(frozenset([category]))
        pool = range(remaining + 1) if pinned is None else [n for n in pinned if n <= remaining]
        guess = guesses.get(category, 0.0)
        return sorted(pool, key=lambda n: (abs(n - guess), n))

    def consistent(assigned: Mapping[Any, int]) -> bool:
        for members, allowed in targets.items():
            if members <= assigned.keys() and sum(assigned[m] for m in members) not in allowed:
                return False
        return True

    def search(index: int, assigned: dict[Any, int], remaining: int) -> dict[Any, int] | None:
        if index == len(constrained):
            if remaining and not free:
                return None
            return {**assigned, **_spread(remaining, free, weights)}
        category = constrained[index]
        for count in candidates(category, remaining):
            assigned[category] = count
            if consistent(assigned):
                found = search(index + 1, assigned, remaining - count)
                if found is not None:
                    return found
            del assigned[category]
        return None

    solution = search(0, {}, base)
    return None if solution is None else {c: solution[c] for c in categories}


def _spread(total: int, categories: Sequence[Any], weights: Mapping[Any, float]) -> dict[Any, int]:
    """Split ``total`` over ``categories`` in proportion to their weights (largest remainder)."""
    if not categories:
        return {}
    weight_sum = sum(weights.get(c, 1.0) for c in categories)
    shares = {c: total * weights.get(c, 1.0) / weight_sum for c in categories}
    counts = {c: int(share) for c, share in shares.items()}
    by_remainder = sorted(categories, key=lambda c: (counts[c] - shares[c], categories.index(c)))
    for category in by_remainder[: total - sum(counts.values())]:
        counts[category] += 1
    return counts


def _calibrate_multi(item: Item, statistics: Sequence[PublishedStatistic],
                     rows: Mapping[str, PublishedValue], eligible: int, limit: int,
                     calibration: Calibration, parameters: GeneratorParameters) -> ItemCounts:
    by_option = {s.options[0]: s for s in statistics}
    best: tuple[int, int, dict[str, int]] | None = None
    for nonresponse in range(limit + 1):
        answered = eligible - nonresponse
        counts: dict[str, int] = {}
        met = 0
        for option in item.options:
            statistic = by_option.get(option.key)
            if statistic is None:
                counts[str(option.key)] = round(parameters.tick_rate(item.id, str(option.key))
                                                * answered)
                continue
            value = rows[statistic.value_id].whole_value
            denominator = (calibration.populations[str(statistic.of)]
                           if statistic.denominator == "population" else answered)
            allowed = [n for n in counts_giving(value, denominator) if n <= answered]
            if allowed:
                met += 1
                counts[str(option.key)] = min(
                    allowed, key=lambda n: abs(n - value * denominator / 100))
            else:
                nearest = round(value * denominator / 100)
                counts[str(option.key)] = min(nearest, answered)
        if best is None or met > best[0]:
            best = (met, nonresponse, counts)
        if met == len(statistics):
            break
    assert best is not None
    _, nonresponse, counts = best
    if sum(counts.values()) < eligible - nonresponse:
        raise CalibrationError(
            f"item {item.id!r}: its options are ticked {sum(counts.values())} times in all, "
            f"fewer than the {eligible - nonresponse} respondents who answer it")
    return ItemCounts(item.id, eligible, nonresponse, counts)


def _row_outcome(statistic: PublishedStatistic, row: PublishedValue, item: Item,
                 counts: ItemCounts, populations: Mapping[str, int]) -> dict[str, Any]:
    if item.type == "multi":
        numerator = sum(counts.counts[key] for key in statistic.options)
    else:
        categories = list(counts.counts)
        numerator = sum(counts.counts[c] for c in _members(item, statistic, categories))
    if statistic.statistic == "count":
        denominator = None
    elif statistic.denominator == "population":
        denominator = populations[str(statistic.of)]
    else:
        denominator = counts.answered
    choices: list[dict[str, str]] = []
    if statistic.base_choice:
        choices.append({"kind": "base_choice", "note": " ".join(statistic.base_choice.split())})
    if counts.nonresponse and statistic.statistic == "share" \
            and statistic.denominator != "population":
        choices.append({
            "kind": "item_nonresponse",
            "note": (f"{counts.nonresponse} of the {counts.eligible} respondents asked leave "
                     f"{item.id} unanswered, the fewest for which whole counts reproduce "
                     "as many of this item's published figures as can be reproduced"),
        })
    return _outcome(row, numerator, denominator, counts.eligible, choices)


def _outcome(row: PublishedValue, numerator: int, denominator: int | None, asked: int,
             choices: list[dict[str, str]]) -> dict[str, Any]:
    rebuilt = numerator if denominator is None else percent_display(numerator, denominator)
    reproduced = rebuilt == row.whole_value
    unit = "%" if row.unit == "percent" else ""
    if not reproduced:
        choices = [*choices, {
            "kind": "not_reproduced",
            "note": (f"the published {row.value}{unit} cannot be met together with the "
                     "other published figures of its item at any base the allowed item "
                     "non-response leaves; the calibration keeps as many figures as it can, "
                     f"and the synthetic data give {rebuilt}{unit}"),
        }]
    status = ("not_reproduced" if not reproduced
              else "reproduced_on_documented_base" if choices else "reproduced")
    return {"published": row.whole_value, "unit": row.unit, "numerator": numerator,
            "denominator": denominator, "asked": asked, "rebuilt": rebuilt,
            "status": status, "choices": choices}


def _key_name(key: Any) -> str:
    if isinstance(key, tuple):
        low, high = key
        return f"{int(low)}-{int(high)}"
    return str(key)
