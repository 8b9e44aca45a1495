"""Tests for csec_survey.deidentify.pseudonyms: keyed pseudonyms and where the key comes from."""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

import pytest
import yaml

from csec_survey.deidentify.pseudonyms import (
    DEMO_KEY,
    MissingKeyError,
    PseudonymKey,
    key_from_config,
    pseudonym,
    resolve_key,
)
from csec_survey.validate.clean_suite import PSEUDONYM_PATTERN

ROOT = Path(__file__).resolve().parents[1]
DEMO_EXPORT = "data/raw/synthetic_export.csv"
VARIABLE = "CSEC_TEST_PSEUDONYM_KEY"
SECRET = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def no_key(monkeypatch):
    monkeypatch.delenv(VARIABLE, raising=False)


@pytest.fixture(scope="module")
def deidentification_config():
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    return config["deidentification"]


# --- pseudonym ----------------------------------------------------------------

def test_format_is_p_and_16_hex_digits():
    value = pseudonym("R_BS5dRMjiM5pnCqg", DEMO_KEY)
    assert re.fullmatch(r"P_[0-9a-f]{16}", value)
    assert re.fullmatch(PSEUDONYM_PATTERN, value)


def test_is_the_truncated_hmac_sha256():
    expected = hmac.new(b"k" * 32, b"R_abc", hashlib.sha256).hexdigest()[:16]
    assert pseudonym("R_abc", b"k" * 32) == f"P_{expected}"


def test_deterministic():
    assert pseudonym("R_abc", DEMO_KEY) == pseudonym("R_abc", DEMO_KEY)


def test_key_object_and_bytes_agree():
    assert pseudonym("R_abc", PseudonymKey(DEMO_KEY, True)) == pseudonym("R_abc", DEMO_KEY)
    assert pseudonym("R_abc", PseudonymKey(DEMO_KEY, False)) == pseudonym("R_abc", DEMO_KEY)


def test_differs_by_key():
    assert pseudonym("R_abc", DEMO_KEY) != pseudonym("R_abc", SECRET.encode())
    assert pseudonym("R_abc", b"a" * 32) != pseudonym("R_abc", b"b" * 32)


def test_differs_by_response_id():
    ids = [f"R_{n:015d}" for n in range(500)]
    assert len({pseudonym(rid, DEMO_KEY) for rid in ids}) == len(ids)


def test_does_not_contain_the_response_id():
    assert "BS5dRMjiM5pnCqg" not in pseudonym("R_BS5dRMjiM5pnCqg", DEMO_KEY)


# --- resolve_key ---------------------------------------------------------------

def test_environment_variable_is_used_when_set(monkeypatch, tmp_path):
    monkeypatch.setenv(VARIABLE, SECRET)
    key = resolve_key(VARIABLE, tmp_path / "real_export.csv", [])
    assert key == PseudonymKey(SECRET.encode("utf-8"), is_demo=False)


def test_environment_variable_wins_over_the_demo_key(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(VARIABLE, SECRET)
    key = resolve_key(VARIABLE, DEMO_EXPORT, [DEMO_EXPORT])
    assert key.secret == SECRET.encode("utf-8")
    assert not key.is_demo


@pytest.mark.parametrize("value", ["short", "x" * 15])
def test_too_short_key_is_refused(monkeypatch, value):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(VARIABLE, value)
    with pytest.raises(MissingKeyError, match=re.escape(VARIABLE)):
        # Even for the demo export: a key that is set but too short is a mistake.
        resolve_key(VARIABLE, DEMO_EXPORT, [DEMO_EXPORT])


def test_sixteen_characters_are_enough(monkeypatch, tmp_path):
    monkeypatch.setenv(VARIABLE, "x" * 16)
    assert resolve_key(VARIABLE, tmp_path / "e.csv", []).secret == b"x" * 16


@pytest.mark.parametrize("export, listed", [
    (DEMO_EXPORT, DEMO_EXPORT),
    (str(ROOT / DEMO_EXPORT), DEMO_EXPORT),
    (DEMO_EXPORT, str(ROOT / DEMO_EXPORT)),
    (ROOT / DEMO_EXPORT, Path(DEMO_EXPORT)),
    ("data/raw/../raw/synthetic_export.csv", DEMO_EXPORT),
])
def test_demo_key_for_a_listed_export(monkeypatch, no_key, export, listed):
    monkeypatch.chdir(ROOT)
    key = resolve_key(VARIABLE, export, [listed])
    assert key == PseudonymKey(DEMO_KEY, is_demo=True)


def test_empty_variable_counts_as_unset(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(VARIABLE, "")
    assert resolve_key(VARIABLE, DEMO_EXPORT, [DEMO_EXPORT]).is_demo


def test_unlisted_export_without_key_is_refused(monkeypatch, no_key, tmp_path):
    monkeypatch.chdir(ROOT)
    with pytest.raises(MissingKeyError) as raised:
        resolve_key(VARIABLE, tmp_path / "synthetic_export.csv", [DEMO_EXPORT])
    assert f"${VARIABLE}" in str(raised.value)


def test_no_demo_exports_means_no_fallback(no_key):
    with pytest.raises(MissingKeyError, match=re.escape(VARIABLE)):
        resolve_key(VARIABLE, ROOT / DEMO_EXPORT, [])


def test_missing_key_error_is_reported_without_a_traceback():
    # Rule scripts report ValueErrors as one message (csec_survey.core.rule_script).
    assert issubclass(MissingKeyError, ValueError)


# --- key_from_config -------------------------------------------------------------

def test_committed_config_names_the_variable_and_the_demo_export(deidentification_config):
    assert deidentification_config["key_env"] == "CSEC_PSEUDONYM_KEY"
    assert DEMO_EXPORT in deidentification_config["demo_key_exports"]


def test_key_from_config_gives_the_demo_key_for_the_synthetic_export(
        monkeypatch, deidentification_config):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv(deidentification_config["key_env"], raising=False)
    key = key_from_config(deidentification_config, ROOT / DEMO_EXPORT)
    assert key == PseudonymKey(DEMO_KEY, is_demo=True)


def test_key_from_config_reads_the_configured_variable(monkeypatch, deidentification_config,
                                                       tmp_path):
    monkeypatch.setenv(deidentification_config["key_env"], SECRET)
    key = key_from_config(deidentification_config, tmp_path / "real.csv")
    assert key == PseudonymKey(SECRET.encode("utf-8"), is_demo=False)


def test_key_from_config_uses_the_section(monkeypatch, tmp_path):
    export = tmp_path / "export.csv"
    section = {"key_env": VARIABLE, "demo_key_exports": [str(export)]}
    monkeypatch.delenv(VARIABLE, raising=False)
    assert key_from_config(section, export).is_demo
    monkeypatch.setenv(VARIABLE, SECRET)
    assert key_from_config(section, export) == PseudonymKey(SECRET.encode(), is_demo=False)
    monkeypatch.delenv(VARIABLE)
    with pytest.raises(MissingKeyError, match=re.escape(VARIABLE)):
        key_from_config(section, tmp_path / "other.csv")
