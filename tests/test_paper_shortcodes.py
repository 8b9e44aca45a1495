"""Tests of the paper source's structure: shortcodes, paragraphs, sentences."""

from __future__ import annotations

from csec_survey.paper.shortcodes import SHORTCODE, line_of, paragraphs, readable, sentences


def test_shortcodes_with_and_without_arguments():
    text = "{{< num tech.most_cases >}} {{<provenance>}} {{< claim order a.b+c.d e.f >}}"
    assert [(m.group(1), m.group(2).split()) for m in SHORTCODE.finditer(text)] == [
        ("num", ["tech.most_cases"]), ("provenance", []),
        ("claim", ["order", "a.b+c.d", "e.f"])]


def test_paragraphs_are_split_on_blank_lines_with_their_offsets():
    source = "One.\nStill one.\n\n  \nTwo.\n"
    assert paragraphs(source) == [("One.\nStill one.", 0), ("Two.", source.index("Two."))]


def test_sentences_do_not_split_inside_a_registry_id():
    paragraph = ("Most ({{< num demo.male >}}) were men. {{< Quantifier unit.any >}} "
                 "worked in a unit. \"Quoted.\" Then (this) one.")
    found = sentences(paragraph, 10)
    assert [text for _, _, text in found] == [
        "Most ({demo.male}) were men.", "{Quantifier unit.any} worked in a unit.",
        '"Quoted."', "Then (this) one."]
    start, end, _ = found[1]
    assert paragraph[start - 10:end - 10].startswith("{{< Quantifier unit.any >}}")


def test_readable_drops_claims_and_shows_numbers_by_id():
    assert readable("Men{{< claim most demo.male >}} ({{< num demo.male >}}),\n  mostly.") == \
        "Men ({demo.male}), mostly."


def test_line_of_is_one_based():
    assert line_of("a\nb\nc", 0) == 1 and line_of("a\nb\nc", 4) == 3
