"""The paper's figures: which bars, in which order, with which words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csec_survey.core.codebook import load_instrument
from csec_survey.figures.charts import draw_figure, figure_data, load_figure_specs

ROOT = Path(__file__).parents[1]
INSTRUMENT = load_instrument(ROOT / "config" / "instrument.yaml")


def _entry(value: float, numerator: int, denominator: int = 40) -> dict:
    return {"kind": "percent", "value": value, "display": f"{round(value)}%",
            "numerator": numerator, "denominator": denominator,
            "interval95": [max(0.0, value - 9), min(100.0, value + 9)], "base": "the asked",
            "details": {"item": "tech_role"}}


REGISTRY = {"a.low": _entry(10, 4), "a.high": _entry(60, 24), "a.mid": _entry(20, 8),
            "a.unsure": _entry(70, 28)}


def _spec(order: str | None = None, intervals: bool | None = None) -> dict:
    panel = {"title": "Panel", "bars": {"a.low": "Low", "a.unsure": "Not sure",
                                        "a.mid": "Middle", "a.high": "High"}}
    if order:
        panel["order"] = order
    spec = {"title": "Test", "caption": "What it shows.", "panels": [panel]}
    if intervals is not None:
        spec["intervals"] = intervals
    return spec


def _labels(data) -> list[str]:
    return [bar.label for _, bars in data.panels for bar in bars]


def test_bars_go_by_size_with_not_sure_last():
    assert _labels(figure_data("t", _spec(), REGISTRY, INSTRUMENT)) == \
        ["High", "Middle", "Low", "Not sure"]


def test_an_other_answer_goes_last_by_size_and_not_sure_after_it():
    spec = _spec()
    spec["panels"][0]["bars"] = {"a.high": "Other unit", "a.unsure": "Not sure",
                                 "a.mid": "Middle", "a.low": "Low"}
    assert _labels(figure_data("t", spec, REGISTRY, INSTRUMENT)) == \
        ["Middle", "Low", "Other unit", "Not sure"]


def test_an_ordered_scale_keeps_its_order_with_not_sure_last():
    assert _labels(figure_data("t", _spec("listed"), REGISTRY, INSTRUMENT)) == \
        ["Low", "Middle", "High", "Not sure"]


def test_whiskers_are_named_only_where_drawn(tmp_path):
    with_intervals = figure_data("t", _spec(), REGISTRY, INSTRUMENT)
    without = figure_data("t", _spec(intervals=False), REGISTRY, INSTRUMENT)
    assert "whiskers are Wilson intervals" in with_intervals.caption
    assert "whiskers" not in without.caption and not without.intervals
    draw_figure(without, tmp_path / "t.pdf", tmp_path / "t.png", tmp_path / "t.svg")
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")


def test_the_paper_s_drawing_is_vector_the_same_bytes_each_time_with_no_text_to_misread(
        tmp_path):
    data = figure_data("t", _spec(), REGISTRY, INSTRUMENT)
    drawn = []
    for run in ("a", "b"):
        draw_figure(data, tmp_path / f"{run}.pdf", tmp_path / f"{run}.png",
                    tmp_path / f"{run}.svg")
        drawn.append((tmp_path / f"{run}.svg").read_bytes())
    assert drawn[0] == drawn[1]
    assert drawn[0].startswith(b"<?xml") and b"<svg" in drawn[0]
    # Labels drawn as paths: the PDF's text, which the audit reads, holds no figure numeral.
    assert b"<text" not in drawn[0]
    # No coordinate finer than a hundredth: none spells a latitude of the export.
    assert not re.search(rb"(?<![\d.])[1-9]\d*\.\d{3}", drawn[0])
    # But a glyph's scale keeps its digits: cut, it shrank every letter where it stood.
    assert re.search(rb"scale\(0\.015625\)", drawn[0])
    assert not re.search(rb"scale\(0\.0\d\)", drawn[0])


def test_a_bar_that_is_no_share_is_refused():
    registry = {**REGISTRY, "a.low": {**REGISTRY["a.low"], "kind": "count"}}
    with pytest.raises(KeyError, match=r"a\.low"):
        figure_data("t", _spec(), registry, INSTRUMENT)


def test_the_committed_specs_put_sample_composition_without_intervals():
    specs = load_figure_specs(ROOT / "config" / "figures.yaml")
    assert specs["sample"]["intervals"] is False
    ordered = {panel["title"] for spec in specs.values() for panel in spec["panels"]
               if panel.get("order") == "listed"}
    assert "Years investigating crimes against children" in ordered
    assert {"technology_role", "signals"} <= set(specs)


def test_the_caption_ends_with_the_question_as_the_codebook_words_it():
    caption = figure_data("t", _spec(), REGISTRY, INSTRUMENT).caption
    wording = INSTRUMENT.item("tech_role").wording
    # The question's own mark ends the caption: no stop after the closing quote.
    assert wording.endswith("?") and caption.endswith(f"Question: \u201c{wording}\u201d")
    registry = {**REGISTRY, "a.low": {**REGISTRY["a.low"], "details": {"item": "tech_email"}},
                "a.mid": {**REGISTRY["a.mid"], "details": {"item": "tech_sms"}}}
    matrix = {"title": "T", "caption": "C.", "panels": [
        {"title": "Rows", "bars": {"a.low": "E-mail", "a.mid": "Texts"}}]}
    assert figure_data("t", matrix, registry, INSTRUMENT).caption.endswith(
        "Question: \u201cHas any of these technologies been involved in a child sex trafficking "
        "case you have investigated?\u201d, one row for each shown.")


def test_the_caption_names_a_base_of_everyone_as_such():
    assert "share of those who answered" in figure_data("t", _spec(), REGISTRY,
                                                        INSTRUMENT).caption
    everyone = {key: {**entry, "details": {**entry["details"], "denominator": "population"}}
                for key, entry in REGISTRY.items()}
    caption = figure_data("t", _spec(), everyone, INSTRUMENT).caption
    assert "share of all respondents, those not asked included" in caption
