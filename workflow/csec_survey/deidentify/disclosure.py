"""Disclosure risk of the de-identified table: k-anonymity over the quasi-identifiers.

A quasi-identifier (jurisdiction size, agency type, sex, unit, years of
experience) identifies nobody alone, but a rare combination can. For a
threshold k, every combination shared by fewer than k respondents is a risk.
The report counts such combinations over the whole set and over each pair of
quasi-identifiers, never listing a respondent. The paper reports each
quasi-identifier alone, over everyone asked it, and crosses none of them in a
table or figure.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

__all__ = ["banded", "k_anonymity_report"]


def banded(responses: pd.DataFrame, bands: Mapping[str, Sequence[Sequence[float]]],
           ) -> pd.DataFrame:
    """Numeric quasi-identifiers replaced by the label of their band ("6-10")."""
    coarse = responses.copy()
    for column, limits in bands.items():
        labels = pd.Series(pd.NA, index=coarse.index, dtype="string")
        for low, high in limits:
            inside = coarse[column].between(low, high)
            labels[inside.fillna(False).astype(bool)] = f"{low:g}-{high:g}"
        coarse[column] = labels
    return coarse


def k_anonymity_report(responses: pd.DataFrame, quasi_identifiers: Sequence[str], k: int,
                       ) -> dict[str, Any]:
    """Sizes of the groups respondents fall into on the quasi-identifiers, against k."""
    missing = [column for column in quasi_identifiers if column not in responses.columns]
    if missing:
        raise KeyError(f"quasi-identifiers not in the de-identified table: {missing}")
    values = responses[list(quasi_identifiers)].astype("string").fillna("(blank)")

    def groups(columns: Sequence[str]) -> dict[str, Any]:
        sizes = values.groupby(list(columns), dropna=False).size()
        small = sizes[sizes < k]
        return {"quasi_identifiers": list(columns), "groups": len(sizes),
                "smallest_group": int(sizes.min()) if len(sizes) else 0,
                "groups_below_k": len(small),
                "respondents_in_groups_below_k": int(small.sum())}

    whole = groups(quasi_identifiers)
    pairs = [groups(pair) for pair in itertools.combinations(quasi_identifiers, 2)]
    return {
        "k": k,
        "respondents": len(responses),
        "all_quasi_identifiers": whole,
        "k_anonymous": whole["groups_below_k"] == 0,
        "pairs": pairs,
        "pairs_below_k": [p["quasi_identifiers"] for p in pairs if p["groups_below_k"]],
        "rule": ("the paper reports each quasi-identifier alone and crosses none of them; "
                 "quotes never carry demographics"),
    }
