"""Tests of the whole-number arithmetic of published percentages."""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from csec_survey.core.granularity import bases_giving, counts_giving, percent_display, round_half_up


def _display(count: int, base: int) -> int:
    """Independent half-up rounding of 100 * count / base (floor of x + 1/2)."""
    return math.floor(Fraction(100 * count, base) + Fraction(1, 2))


# --- round_half_up ----------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (Fraction(1, 2), 1),
    (Fraction(5, 2), 3),
    (Fraction(137, 2), 69),   # 68.5
    (Fraction(3, 2), 2),
    (Fraction(-1, 2), 0),     # halves go up, towards +infinity
    (Fraction(-3, 2), -1),
])
def test_round_half_up_rounds_halves_up(value, expected):
    assert round_half_up(value) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (0, 0),
    (7, 7),
    (-4, -4),
    (Fraction(1, 3), 0),
    (Fraction(2, 3), 1),
    (Fraction(49, 100), 0),
    (Fraction(51, 100), 1),
    (Fraction(999, 1000), 1),
    (Fraction(68449, 1000), 68),   # 68.449
    (Fraction(6851, 100), 69),     # 68.51
    (Fraction(-2, 3), -1),
])
def test_round_half_up_on_integers_and_fractions(value, expected):
    assert round_half_up(value) == expected
    assert isinstance(round_half_up(value), int)


def test_round_half_up_agrees_with_decimal_half_up_on_nonnegative_fractions():
    for denominator in range(1, 41):
        for numerator in range(0, 4 * denominator + 1):
            exact = Fraction(numerator, denominator)
            expected = int((Decimal(numerator) / Decimal(denominator)).quantize(
                Decimal(1), rounding=ROUND_HALF_UP))
            assert round_half_up(exact) == expected, exact


# --- percent_display ---------------------------------------------------------

@pytest.mark.parametrize(("count", "base", "expected"), [
    (0, 45, 0),
    (45, 45, 100),
    (1, 8, 13),      # 12.5 -> 13
    (1, 200, 1),     # 0.5 -> 1
    (3, 8, 38),      # 37.5 -> 38
    (137, 200, 69),  # 68.5 -> 69
    (6, 44, 14),
    (34, 44, 77),
    (22, 45, 49),
    (23, 45, 51),
    (38, 144, 26),
    (39, 144, 27),
    (1, 3, 33),
    (2, 3, 67),
])
def test_percent_display(count, base, expected):
    assert percent_display(count, base) == expected


@pytest.mark.parametrize("base", [0, -1, -45])
def test_percent_display_rejects_non_positive_base(base):
    with pytest.raises(ValueError):
        percent_display(1, base)


# --- counts_giving -------------------------------------------------------------

def test_counts_giving_matches_brute_force_for_every_value_and_base():
    for base in range(1, 151):
        by_value: dict[int, list[int]] = {}
        for k in range(base + 1):
            by_value.setdefault(_display(k, base), []).append(k)
        for value in range(0, 101):
            assert counts_giving(value, base) == by_value.get(value, []), (value, base)


@pytest.mark.parametrize("base", [1, 7, 44, 45, 133, 144])
def test_counts_giving_outside_percent_range_is_empty(base):
    assert counts_giving(-1, base) == []
    assert counts_giving(101, base) == []
    assert counts_giving(150, base) == []


def test_counts_giving_results_print_as_the_value():
    for base in (41, 42, 43, 44, 45, 117, 133, 142, 144):
        for value in range(101):
            for k in counts_giving(value, base):
                assert 0 <= k <= base
                assert percent_display(k, base) == value


def test_fourteen_percent_has_no_count_over_45():
    assert counts_giving(14, 45) == []
    assert counts_giving(14, 44) == [6]


def test_fifty_percent_has_no_count_over_45():
    assert counts_giving(50, 45) == []
    assert counts_giving(50, 44) == [22]


def test_seventy_seven_percent_needs_a_base_of_44():
    assert counts_giving(77, 45) == []
    assert counts_giving(77, 44) == [34]
    assert percent_display(34, 44) == 77


def test_wide_bases_admit_several_counts():
    assert counts_giving(42, 144) == [60, 61]
    assert counts_giving(27, 144) == [39]
    assert counts_giving(0, 150) == [0]
    assert counts_giving(100, 150) == [150]


# --- bases_giving ----------------------------------------------------------------

def test_bases_giving_fourteen_up_to_fifty():
    expected = [n for n in range(1, 51)
                if any(_display(k, n) == 14 for k in range(n + 1))]
    assert expected == [7, 14, 21, 22, 28, 29, 35, 36, 37, 42, 43, 44, 49, 50]
    assert bases_giving(14, 50) == expected
    assert 45 not in bases_giving(14, 50)


def test_bases_giving_edge_cases():
    assert bases_giving(14, 0) == []
    assert bases_giving(0, 5) == [1, 2, 3, 4, 5]
    assert bases_giving(100, 5) == [1, 2, 3, 4, 5]
    assert bases_giving(50, 3) == [2]


@pytest.mark.parametrize("value", [0, 1, 2, 7, 14, 33, 50, 77, 99, 100, 101, 118, -1])
def test_bases_giving_equals_brute_force_past_one_hundred(value):
    brute = [n for n in range(1, 400)
             if any(percent_display(k, n) == value for k in range(n + 1))]
    assert bases_giving(value, 399) == brute
    assert bases_giving(value, 60) == [n for n in brute if n <= 60]
