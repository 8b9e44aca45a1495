"""Whole-number arithmetic of published percentages.

A percentage printed as a whole number over a base of ``n`` respondents can
only have come from a whole count ``k``; this module answers which counts,
and which bases, could have produced a printed value. It is the arithmetic
behind the calibration of the synthetic export and the GRIM-style check of
the reproduction report.
"""

from __future__ import annotations

from fractions import Fraction

__all__ = ["bases_giving", "counts_giving", "percent_display", "round_half_up"]


def round_half_up(value: Fraction | int) -> int:
    """Round to the nearest integer, halves upwards (the report's rule)."""
    exact = Fraction(value)
    floor = exact.numerator // exact.denominator
    return floor + 1 if exact - floor >= Fraction(1, 2) else floor


def percent_display(count: int, base: int) -> int:
    """The whole percentage that ``count`` of ``base`` prints as."""
    if base <= 0:
        raise ValueError(f"a percentage needs a positive base, got {base}")
    return round_half_up(Fraction(100 * count, base))


def counts_giving(value: int, base: int) -> list[int]:
    """Every count ``k`` in ``0..base`` with ``percent_display(k, base) == value``."""
    low, high = _count_bounds(value, base)
    return list(range(low, high + 1))


def bases_giving(value: int, max_base: int) -> list[int]:
    """Every base ``n`` in ``1..max_base`` for which some count prints as ``value``."""
    if not 0 <= value <= 100:
        return []
    # From a base of 100 on, the counts that print as a percentage between 0 and 100
    # span at least one whole number, so every larger base can give it.
    small = [n for n in range(1, min(max_base, 99) + 1) if counts_giving(value, n)]
    return small + list(range(100, max_base + 1))


def _count_bounds(value: int, base: int) -> tuple[int, int]:
    # k/base*100 in [value - 1/2, value + 1/2)  <=>  200k in [(2v-1)base, (2v+1)base)
    low = max(0, -(-(2 * value - 1) * base // 200))
    high = min(base, ((2 * value + 1) * base - 1) // 200)
    return low, high
