"""Tests for csec_survey.deidentify.disclosure: bands and k-anonymity."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from csec_survey.deidentify.disclosure import banded, k_anonymity_report

ROOT = Path(__file__).resolve().parents[1]
BANDS = {"cac_years": [[0, 5], [6, 10], [11, 20], [21, 45]]}


# --- banded ----------------------------------------------------------------------

def test_banded_labels_values_by_band_inclusive():
    frame = pd.DataFrame({"cac_years": [0, 5, 6, 10, 11, 20, 21, 45], "other": range(8)})
    coarse = banded(frame, BANDS)
    assert coarse["cac_years"].tolist() == ["0-5", "0-5", "6-10", "6-10", "11-20", "11-20",
                                            "21-45", "21-45"]
    assert coarse["other"].tolist() == list(range(8))


def test_banded_outside_every_band_and_missing_are_blank():
    frame = pd.DataFrame({"cac_years": [46.0, -1.0, 5.5, np.nan, 3.0]})
    coarse = banded(frame, BANDS)
    assert coarse["cac_years"].isna().tolist() == [True, True, True, True, False]
    assert coarse["cac_years"].iloc[4] == "0-5"


def test_banded_nullable_integers():
    frame = pd.DataFrame({"cac_years": pd.array([2, None, 30], dtype="Int64")})
    coarse = banded(frame, BANDS)
    assert coarse["cac_years"].isna().tolist() == [False, True, False]
    assert coarse["cac_years"].dropna().tolist() == ["0-5", "21-45"]


def test_banded_labels_non_integer_limits_compactly():
    frame = pd.DataFrame({"x": [0.25, 1.0]})
    assert banded(frame, {"x": [[0, 0.5], [0.75, 1.5]]})["x"].tolist() == ["0-0.5", "0.75-1.5"]


def test_banded_leaves_the_input_alone():
    frame = pd.DataFrame({"cac_years": [1, 7]})
    banded(frame, BANDS)
    assert frame["cac_years"].tolist() == [1, 7]


def test_banded_without_bands_is_a_copy():
    frame = pd.DataFrame({"a": [1, 2]})
    coarse = banded(frame, {})
    pd.testing.assert_frame_equal(coarse, frame)
    assert coarse is not frame


def test_banded_missing_column_raises():
    with pytest.raises(KeyError):
        banded(pd.DataFrame({"a": [1]}), BANDS)


# --- k_anonymity_report ------------------------------------------------------------

def frame_with_known_groups() -> pd.DataFrame:
    """Eight respondents on three quasi-identifiers.

    (a, b, c) groups: (x,p,m)=4, (x,p,n)=1, (y,p,m)=1, (y,q,m)=1, (z,blank,m)=1.
    (a, b): (x,p)=5, (y,p)=1, (y,q)=1, (z,blank)=1.
    (a, c): (x,m)=4, (x,n)=1, (y,m)=2, (z,m)=1.
    (b, c): (p,m)=5, (p,n)=1, (q,m)=1, (blank,m)=1.
    """
    return pd.DataFrame({
        "a": ["x"] * 5 + ["y", "y", "z"],
        "b": ["p"] * 6 + ["q", None],
        "c": ["m"] * 4 + ["n"] + ["m"] * 3,
        "free_text": [f"answer {n}" for n in range(8)],
    })


def test_report_whole_set():
    report = k_anonymity_report(frame_with_known_groups(), ["a", "b", "c"], 3)
    assert report["k"] == 3
    assert report["respondents"] == 8
    assert report["all_quasi_identifiers"] == {
        "quasi_identifiers": ["a", "b", "c"], "groups": 5, "smallest_group": 1,
        "groups_below_k": 4, "respondents_in_groups_below_k": 4}
    assert report["k_anonymous"] is False


def test_report_pairs():
    report = k_anonymity_report(frame_with_known_groups(), ["a", "b", "c"], 3)
    assert report["pairs"] == [
        {"quasi_identifiers": ["a", "b"], "groups": 4, "smallest_group": 1,
         "groups_below_k": 3, "respondents_in_groups_below_k": 3},
        {"quasi_identifiers": ["a", "c"], "groups": 4, "smallest_group": 1,
         "groups_below_k": 3, "respondents_in_groups_below_k": 4},
        {"quasi_identifiers": ["b", "c"], "groups": 4, "smallest_group": 1,
         "groups_below_k": 3, "respondents_in_groups_below_k": 3},
    ]
    assert report["pairs_below_k"] == [["a", "b"], ["a", "c"], ["b", "c"]]


def test_report_blank_values_form_their_own_group():
    frame = pd.DataFrame({"a": ["x", None, None, np.nan], "b": ["p", "p", "p", "p"]})
    report = k_anonymity_report(frame, ["a", "b"], 2)
    whole = report["all_quasi_identifiers"]
    assert whole["groups"] == 2
    assert whole["smallest_group"] == 1
    assert whole["groups_below_k"] == 1
    assert whole["respondents_in_groups_below_k"] == 1


def test_report_some_pairs_below_k():
    frame = pd.DataFrame({"s": ["a"] * 4 + ["b"] * 4, "t": ["c"] * 4 + ["d"] * 4,
                          "u": ["e", "f"] * 4})
    report = k_anonymity_report(frame, ["s", "t", "u"], 3)
    by_pair = {tuple(p["quasi_identifiers"]): p for p in report["pairs"]}
    assert by_pair[("s", "t")]["groups_below_k"] == 0
    assert by_pair[("s", "t")]["smallest_group"] == 4
    assert by_pair[("s", "u")]["groups_below_k"] == 4
    assert by_pair[("s", "u")]["respondents_in_groups_below_k"] == 8
    assert report["pairs_below_k"] == [["s", "u"], ["t", "u"]]
    assert report["all_quasi_identifiers"]["groups"] == 4
    assert report["all_quasi_identifiers"]["respondents_in_groups_below_k"] == 8


def test_report_k_anonymous_when_every_group_is_large_enough():
    frame = pd.DataFrame({"s": ["a"] * 4 + ["b"] * 4, "t": ["c"] * 4 + ["d"] * 4,
                          "u": ["e", "f"] * 4})
    report = k_anonymity_report(frame, ["s", "t", "u"], 2)
    assert report["k_anonymous"] is True
    assert report["pairs_below_k"] == []
    assert report["all_quasi_identifiers"]["smallest_group"] == 2


def test_report_numbers_and_strings_group_alike():
    frame = pd.DataFrame({"n": [1, 1, 2], "s": ["1", "1", "2"]})
    report = k_anonymity_report(frame, ["n", "s"], 2)
    assert report["all_quasi_identifiers"]["groups"] == 2


def test_report_on_banded_years():
    frame = pd.DataFrame({"cac_years": [1, 2, 3, 7, 8, 40, np.nan], "sex": ["F"] * 7})
    report = k_anonymity_report(banded(frame, BANDS), ["cac_years", "sex"], 2)
    whole = report["all_quasi_identifiers"]
    # 0-5: 3, 6-10: 2, 21-45: 1, blank: 1
    assert whole["groups"] == 4
    assert whole["groups_below_k"] == 2
    assert whole["respondents_in_groups_below_k"] == 2


def test_report_lists_no_respondent_and_is_json():
    frame = frame_with_known_groups()
    report = k_anonymity_report(frame, ["a", "b", "c"], 3)
    dumped = json.dumps(report)
    for value in frame["free_text"]:
        assert value not in dumped
    for value in ("\"x\"", "\"p\"", "\"m\""):
        assert value not in dumped


def test_report_empty_frame():
    frame = pd.DataFrame({"a": pd.Series([], dtype="string"), "b": pd.Series([], dtype="string")})
    report = k_anonymity_report(frame, ["a", "b"], 5)
    assert report["respondents"] == 0
    assert report["all_quasi_identifiers"]["groups"] == 0
    assert report["all_quasi_identifiers"]["smallest_group"] == 0
    assert report["k_anonymous"] is True


def test_missing_quasi_identifier_raises_key_error():
    with pytest.raises(KeyError, match="nope"):
        k_anonymity_report(frame_with_known_groups(), ["a", "nope"], 3)


def test_config_quasi_identifiers_and_bands_are_well_formed():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    settings = config["deidentification"]["k_anonymity"]
    assert settings["k"] >= 2
    assert set(settings["bands"]) <= set(settings["quasi_identifiers"])
    for limits in settings["bands"].values():
        assert all(low <= high for low, high in limits)
        assert all(a[1] < b[0] for a, b in itertools.pairwise(limits))
