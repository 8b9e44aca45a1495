"""Tests for csec_survey.synthetic.parameters: the generator's choices, kept out of the codebook."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from csec_survey.core.codebook import InstrumentError, load_instrument
from csec_survey.core.paths import INSTRUMENT
from csec_survey.synthetic.parameters import load_parameters


def _packaged() -> dict:
    text = (resources.files("csec_survey.synthetic") / "parameters.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def test_packaged_parameters_match_the_codebook(instrument) -> None:
    parameters = load_parameters(instrument)
    assert parameters.answer_weight("agency_level", 1) == 6
    assert parameters.answer_weight("sex", 1) == 1.0
    assert parameters.tick_rate("victim_ages", "age13_17") == 0.97
    assert parameters.tick_rate("victim_ages", "under3") == parameters.default_tick_rate


@pytest.mark.parametrize(("table", "entry", "says"), [
    ("answer_weights", {"no_such_item": {1: 2}}, "'no_such_item', which is not a single item"),
    ("answer_weights", {"agency_level": {9: 2}}, "answers the codebook does not have: [9]"),
    ("answer_weights", {"victim_ages": {1: 2}}, "'victim_ages', which is not a single item"),
    ("tick_rates", {"obstacles": {"no_such_box": 0.5}}, "does not have: ['no_such_box']"),
])
def test_parameters_the_codebook_contradicts_are_refused(instrument, table, entry, says) -> None:
    raw = _packaged()
    raw[table] = entry
    with pytest.raises(ValueError, match="generator parameters") as error:
        load_parameters(instrument, yaml.safe_dump(raw))
    assert says in str(error.value)


def test_the_codebook_refuses_generator_parameters(tmp_path) -> None:
    # The questionnaire is described without them; an old codebook carrying them fails loudly.
    text = INSTRUMENT.read_text(encoding="utf-8")
    edited = text.replace('- {code: 1, label: "Local or municipal"}',
                          '- {code: 1, label: "Local or municipal", weight: 6}', 1)
    assert edited != text
    (tmp_path / "instrument.yaml").write_text(edited, encoding="utf-8")
    with pytest.raises(InstrumentError, match="weight"):
        load_instrument(tmp_path / "instrument.yaml")
