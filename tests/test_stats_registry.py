"""Tests of the number registry: entries, their display, hashes and the merge of fragments."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import registry_fragments

from csec_survey.stats import registry
from csec_survey.stats.registry import (
    Number,
    config_hashes,
    input_hashes,
    merge_fragments,
    write_fragment,
)

ROOT = Path(__file__).resolve().parents[1]
TRAIL = {"rule": "some_rule", "script": "workflow/scripts/some_script.py",
         "inputs": {"data/x.csv": "0" * 64}}


@pytest.fixture(scope="module")
def fragments(tmp_path_factory):
    """The three registry fragments, built in-process the way the rules build them."""
    return registry_fragments(tmp_path_factory.mktemp("registry"))


@pytest.fixture(scope="module")
def merged(fragments):
    return merge_fragments(fragments)


# --- Number.share -------------------------------------------------------------

@pytest.mark.parametrize(("numerator", "denominator", "value", "display"), [
    (137, 200, 68.5, "69%"),        # an exact half rounds up, not to even
    (57, 200, 28.5, "29%"),         # 57 / 200 * 100 is 28.499999999999996 in floats
    (1, 8, 12.5, "13%"),
    (5, 8, 62.5, "63%"),
    (31, 45, 100 * 31 / 45, "69%"),
    (1, 3, 100 / 3, "33%"),
    (2, 3, 200 / 3, "67%"),
    (0, 45, 0.0, "0%"),
    (45, 45, 100.0, "100%"),
])
def test_share_value_is_the_exact_percent_and_display_rounds_half_up(
        numerator, denominator, value, display):
    number = Number.share("x.share", numerator, denominator, **TRAIL)
    assert isinstance(number.value, float)
    assert number.value == pytest.approx(value, abs=1e-12)
    assert number.display == display
    assert (number.kind, number.numerator, number.denominator) == \
        ("percent", numerator, denominator)


def test_share_of_half_is_exact_not_a_float_artifact():
    assert Number.share("x.share", 137, 200, **TRAIL).value == 68.5
    assert Number.share("x.share", 57, 200, **TRAIL).value == 28.5


@pytest.mark.parametrize("denominator", [0, -1])
def test_share_without_respondents_is_not_a_number(denominator):
    number = Number.share("x.share", 0, denominator, **TRAIL)
    assert number.value == "n/a"
    assert number.display == "n/a"
    assert number.kind == "percent"


# --- Number.count -------------------------------------------------------------

@pytest.mark.parametrize(("value", "display"), [
    (0, "0"), (45, "45"), (144, "144"), (3739, "3,739"), (3800, "3,800"),
    (1234567, "1,234,567"),
])
def test_count_display_has_thousands_separators(value, display):
    number = Number.count("x.count", value, **TRAIL)
    assert number.value == value and isinstance(number.value, int)
    assert number.display == display
    assert number.kind == "count"


# --- as_json ------------------------------------------------------------------

def test_as_json_drops_the_id_and_empty_fields():
    data = Number.count("x.count", 12, **TRAIL).as_json()
    assert "id" not in data
    for empty in ("quantity", "numerator", "denominator", "base", "citation", "interval95",
                  "details"):
        assert empty not in data
    assert data == {"value": 12, "display": "12", "kind": "count", **TRAIL}


def test_as_json_keeps_interval_and_share_fields():
    number = Number.share("x.share", 31, 45, interval95=(54.33519412345678, 80.47130098765),
                          base="share of the 45 respondents", details={"item": "tech_share"},
                          **TRAIL)
    data = number.as_json()
    assert "id" not in data
    assert data["interval95"] == [54.335194, 80.471301]
    assert data["numerator"] == 31 and data["denominator"] == 45
    assert data["base"] == "share of the 45 respondents"
    assert data["details"] == {"item": "tech_share"}
    json.dumps(data)  # serialisable


def test_as_json_keeps_zero_numerator():
    data = Number.share("x.share", 0, 45, **TRAIL).as_json()
    assert data["numerator"] == 0
    assert data["value"] == 0.0


# --- hashes -------------------------------------------------------------------

def test_input_hashes_keys_are_the_paths_given(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("a\n", encoding="utf-8")
    assert input_hashes([path]) == {str(path): hashlib.sha256(b"a\n").hexdigest()}


# --- fragments ----------------------------------------------------------------

def test_write_fragment_sorts_ids_and_round_trips(tmp_path):
    numbers = [Number.count("b.two", 2, **TRAIL), Number.count("a.one", 1, **TRAIL)]
    path = tmp_path / "fragment.json"
    write_fragment(numbers, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["a.one", "b.two"]
    assert data["b.two"] == numbers[0].as_json()
    assert merge_fragments([path]) == data


def test_merge_refuses_an_id_in_two_fragments(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    write_fragment([Number.count("a.one", 1, **TRAIL), Number.count("x.shared", 2, **TRAIL)],
                   first)
    write_fragment([Number.count("x.shared", 3, **TRAIL)], second)
    with pytest.raises(ValueError) as error:
        merge_fragments([first, second])
    message = str(error.value)
    assert "x.shared" in message
    assert str(first) in message and str(second) in message


def test_merge_joins_disjoint_fragments_sorted(tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    write_fragment([Number.count("z.last", 1, **TRAIL)], first)
    write_fragment([Number.count("a.first", 2, **TRAIL)], second)
    assert list(merge_fragments([first, second])) == ["a.first", "z.last"]


def test_read_registry_reads_what_was_written(tmp_path, merged):
    path = tmp_path / "numbers.json"
    path.write_text(json.dumps(merged), encoding="utf-8")
    assert registry.read_registry(path) == merged


# --- the merged registry --------------------------------------------------------

def _published_ids() -> list[str]:
    with (ROOT / "data" / "published" / "figures.csv").open(encoding="utf-8", newline="") as f:
        return [row["id"] for row in csv.DictReader(f)]


def test_registry_has_an_entry_for_every_published_figure(merged):
    ids = _published_ids()
    assert len(ids) == 89
    missing = [value_id for value_id in ids if value_id not in merged]
    assert not missing


def test_registry_has_nothing_beyond_the_published_figures_and_the_interval_level(merged):
    assert set(merged) == {*_published_ids(), "stats.interval_level"}


def test_every_entry_carries_its_trail(merged):
    hex64 = re.compile(r"[0-9a-f]{64}")
    for number_id, entry in merged.items():
        for field in ("value", "display", "kind", "rule", "script", "inputs"):
            assert field in entry, f"{number_id} lacks {field}"
        assert entry["display"], number_id
        assert (ROOT / entry["script"]).is_file(), (number_id, entry["script"])
        assert entry["inputs"], number_id
        for path, digest in entry["inputs"].items():
            assert hex64.fullmatch(digest), (number_id, path, digest)
            if "#" in path:  # a section of a config file, as the rule read it
                config_file, section = path.split("#")
                values = yaml.safe_load((ROOT / config_file).read_text(encoding="utf-8"))
                assert {path: digest} == config_hashes(section, values[section], config_file)
            else:
                assert digest == hashlib.sha256((ROOT / path).read_bytes()).hexdigest(), \
                    (number_id, path)


def test_entries_name_the_rule_that_made_them(merged):
    kinds = {entry["kind"]: entry["rule"] for entry in merged.values()}
    assert kinds["design"] == "design_constants"
    assert kinds["external"] == "external_context"
    assert kinds["percent"] == kinds["count"] == "compute_statistics"


def test_survey_shares_carry_numerator_denominator_base_and_interval(merged):
    for number_id, entry in merged.items():
        if entry["kind"] != "percent":
            continue
        assert entry["value"] == pytest.approx(100 * entry["numerator"] / entry["denominator"])
        assert entry["base"], number_id
        low, high = entry["interval95"]
        assert 0 <= low <= entry["value"] <= high <= 100, number_id
