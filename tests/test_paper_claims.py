"""Tests of the paper's claims: declared beside the prose, judged against the numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from csec_survey.core.codebook import load_instrument
from csec_survey.core.published import read_published_values
from csec_survey.paper.claims import (
    KINDS,
    QUANTIFIERS,
    VOCABULARY,
    Claim,
    ClaimData,
    check_paper,
    claim_data,
    evaluate,
    figure_agreement,
    find_claims,
    quantifier_word,
    reproduction_words,
    undeclared_sentences,
)
from csec_survey.paper.shortcodes import SHORTCODE

ROOT = Path(__file__).resolve().parents[1]


def _share(numerator: int, denominator: int, item: str = "q", codes=(1,)) -> dict:
    share = 100 * numerator / denominator
    return {"value": share, "display": f"{round(share)}%",
            "kind": "percent", "numerator": numerator, "denominator": denominator,
            "details": {"statistic": "share", "item": item, "codes": list(codes)}}


REGISTRY = {
    "demo.male": _share(109, 144, "sex", [1]),
    "demo.male_low": _share(69, 144, "sex", [1]),
    "a.first": _share(40, 100, "a1"), "a.second": _share(30, 100, "a2"),
    "a.third": _share(30, 100, "a3"), "a.fourth": _share(10, 100, "a4"),
    "answer.a1.yes": {**_share(40, 100, "a1"), "details": {"item": "a1", "answer": "1"}},
    "nobody": {"value": "n/a", "display": "n/a", "kind": "percent", "numerator": 0,
               "denominator": 0},
    "resp.total": {"value": 144, "display": "144", "kind": "count"},
}
DATA = ClaimData(registry=REGISTRY,
                 figures={"fig": [["answer.a1.yes", "a.second", "a.third", "a.fourth"]]},
                 wording={"demo.male": "sex: Male Female", "a.first": "said most of the ads"},
                 themes={"oe_needs": {"funding": 2, "empty": 0}},
                 claims={"oe_needs": {"funding": {"overtime": 2}, "empty": {}}},
                 reproduction=[{"id": "demo.male", "status": "reproduced"}])


def _judge(kind: str, *args: str, sentence: str = "A sentence.") -> tuple[bool, str]:
    (verdict,) = evaluate([Claim(kind, args, sentence, 1)], DATA)[:1]
    return verdict.holds, verdict.why


# --- the vocabulary of claims ----------------------------------------------------------

@pytest.mark.parametrize("kind, share, holds", [
    ("most", 50.0, False), ("most", 50.1, True), ("nearly_all", 89.9, False),
    ("nearly_all", 90.0, True), ("about_half", 39.9, False), ("about_half", 40.0, True),
    ("about_half", 60.0, True), ("about_half", 60.1, False), ("nearly_half", 49.9, True),
    ("nearly_half", 50.0, False), ("minority", 49.9, True), ("minority", 50.0, False),
    ("many", 20.0, True), ("many", 19.9, False), ("few", 19.9, True), ("few", 20.0, False),
])
def test_thresholds_are_the_documented_ones(kind, share, holds):
    data = ClaimData(registry={"x": {"value": share, "display": f"{share}%",
                                     "kind": "percent"}})
    (verdict,) = evaluate([Claim(kind, ("x",), "S.", 1)], data)
    assert verdict.holds is holds
    assert verdict.needs == KINDS[kind][0]


def test_every_id_of_a_share_claim_must_hold():
    assert _judge("most", "demo.male") == (True, "")
    holds, why = _judge("most", "demo.male", "demo.male_low")
    assert not holds and why == "demo.male_low fails it"


def test_order_allows_ties_and_groups_but_not_an_inversion():
    assert _judge("order", "a.first", "a.second", "a.third", "a.fourth")[0]  # 30 = 30
    assert _judge("order", "a.first", "a.second+a.third", "a.fourth")[0]
    holds, why = _judge("order", "a.second", "a.first")
    assert not holds and why == "a.first is above a.second, which the sentence puts first"
    assert not _judge("order", "a.first+a.fourth", "a.second")[0]


def test_by_far_needs_fifteen_points_over_every_other():
    assert not _judge("by_far", "a.first", "a.second")[0]  # ten points
    assert _judge("by_far", "demo.male", "a.first")[0]
    holds, why = _judge("by_far", "a.first", "a.fourth", "a.second")
    assert not holds and why == "a.second within 15 points"


def test_reported_words_must_be_the_codebooks_or_the_reports():
    assert _judge("reported", "a.first", sentence="Few said most of the ads did.")[0] is False
    assert _judge("reported", "a.first", sentence="They said most of the ads did.")[0]
    holds, why = _judge("reported", "demo.male", sentence="Mostly men.")
    assert not holds and why == "'mostly' is not the codebook's or the report's wording"


def test_a_share_nobody_answered_makes_a_claim_false_not_an_error():
    holds, why = _judge("few", "nobody")
    assert not holds and "no one answered" in why


@pytest.mark.parametrize("args, error", [(("no.such",), KeyError), (("resp.total",), ValueError)])
def test_a_claim_over_an_unknown_id_or_a_count_is_an_error(args, error):
    with pytest.raises(error, match=args[0].replace(".", r"\.")):
        evaluate([Claim("most", args, "S.", 1)], DATA)


def test_raised_needs_a_non_blank_answer_coded_to_a_claim_named():
    assert _judge("raised", "oe_needs", "funding", "overtime")[0]
    # One of the points the lead-in makes must have been raised; a small sample need not
    # raise each of the report's.
    assert _judge("raised", "oe_needs", "funding", "grants", "overtime")[0]
    assert _judge("raised", "oe_needs", "funding", "grants", "travel") == \
        (False, "no non-blank answer is coded to any of the claims named")
    assert _judge("raised", "oe_needs", "empty", "overtime") == \
        (False, "no non-blank answer is coded to the theme")
    assert _judge("raised", "oe_needs", "never_coded", "overtime")[0] is False


# --- words from a rule ------------------------------------------------------------------

def test_quantifier_words_partition_the_shares():
    assert [word for _, word in QUANTIFIERS] == ["nearly all", "most", "about half",
                                                 "a minority", "few"]
    assert quantifier_word(60.0) == "about half" and quantifier_word(60.01) == "most"
    for share in range(101):
        word = quantifier_word(share)
        # A rendered word never contradicts the claim of the same name.
        if word == "most":
            assert _judge_value("most", share)
        if word == "nearly all":
            assert _judge_value("nearly_all", share)
        if word == "about half":
            assert _judge_value("about_half", share)
        if word == "few":
            assert _judge_value("few", share)
        if word == "a minority":
            assert _judge_value("minority", share)


def _judge_value(kind: str, share: float) -> bool:
    data = ClaimData(registry={"x": {"value": share, "display": "", "kind": "percent"}})
    return evaluate([Claim(kind, ("x",), "S.", 1)], data)[0].holds


def test_reproduction_words_follow_the_report():
    assert reproduction_words([{"status": "reproduced"}]) == \
        "reproduce the original report's figures"
    assert reproduction_words([{"status": "reproduced"}, {"status": "not reproduced"}]) \
        .startswith("depart from some")


# --- claims in the source ---------------------------------------------------------------

SOURCE = """---
title: "T"
---

# Who

{{< Quantifier demo.male >}} of the respondents were men ({{< num demo.male >}}). Nearly
all answered{{< claim nearly_all demo.male >}}.

The first theme was money.

{{< quotes oe_needs funding 2 overtime >}}
"""


def test_find_claims_names_the_sentence_and_line():
    claims = find_claims(SOURCE)
    assert [(c.id, c.line) for c in claims] == [
        ("quantifier(demo.male)", 7), ("nearly_all(demo.male)", 8),
        ("raised(oe_needs, funding, overtime)", 12)]
    assert claims[0].sentence == \
        "{Quantifier demo.male} of the respondents were men ({demo.male})."
    assert claims[1].sentence == "Nearly all answered."
    # A quotes block claims what its lead-in says.
    assert claims[2].sentence == "The first theme was money."


def test_an_unknown_claim_kind_is_an_error_naming_the_line():
    with pytest.raises(ValueError, match=r"line 1: unknown claim 'mostest demo\.male'"):
        find_claims("Most{{< claim mostest demo.male >}}.")


def test_undeclared_sentences_are_found_and_declared_ones_are_not():
    source = ("Most respondents were men ({{< num demo.male >}}). Few were not.\n\n"
              "Most were men{{< claim most demo.male >}}. Many studies agree [@x2010].\n\n"
              "# Most of it\n\n{{< Quantifier demo.male >}} said so, mostly.")
    found = undeclared_sentences(source)
    assert len(found) == 2
    assert found[0].startswith('line 1, "Most respondents were men ({demo.male})."'
                               ": says 'most'")
    assert found[1].startswith("line 1, \"Few were not.\": says 'few'")


def test_nothing_after_the_references_heading_is_linted():
    assert undeclared_sentences("Fine.\n\n# References\n\nMost of it.") == []


def test_check_paper_refuses_undeclared_sentences():
    with pytest.raises(ValueError, match="declare no claim"):
        check_paper("Most respondents were men.", DATA)


def test_without_any_coded_answer_the_build_asks_for_a_coding_file():
    source = "Money first.\n\n{{< quotes oe_needs funding 2 overtime >}}"
    with pytest.raises(ValueError, match=r"set paper\.quote_coding to your coders' file"):
        check_paper(source, ClaimData(registry=REGISTRY))
    assert [v.holds for v in check_paper(source, DATA)] == [True]


def test_a_false_claim_names_sentence_claim_and_numbers():
    (verdict,) = evaluate([Claim("most", ("demo.male_low",),
                                 "Most respondents were men ({demo.male_low}).", 63)], DATA)
    assert not verdict.holds
    assert verdict.message() == (
        'line 63, "Most respondents were men ({demo.male_low})." : claim most(demo.male_low) '
        "is false: demo.male_low = 48% (69 / 144), demo.male_low fails it; "
        "needs each share is more than 50%").replace('." :', '.":')
    record = verdict.as_json()
    assert record["holds"] is False and record["values"] == {"demo.male_low": "48% (69 / 144)"}
    assert record["predicate"] == "each share is more than 50%"


# --- text and figures -------------------------------------------------------------------

def test_a_share_beside_a_figure_must_be_one_it_draws():
    source = ("Shares: {{< num a.first >}} and {{< num demo.male >}} (@fig-fig).\n\n"
              "Elsewhere {{< num demo.male >}}.")
    verdicts = figure_agreement(source, DATA)
    assert [(v.claim.id, v.holds) for v in verdicts] == [
        ("drawn(fig, a.first)", True), ("drawn(fig, demo.male)", False)]
    # The same item, answers and base, under another registry id, counts as drawn.
    assert verdicts[0].why == "drawn as answer.a1.yes"
    assert verdicts[1].why == "figure fig draws no such bar"


def test_an_ordering_must_be_the_order_of_the_bars():
    claims = [Claim("order", ("a.first", "a.second", "a.third"), "S.", 1),
              Claim("order", ("a.first", "a.third", "a.second"), "S.", 2)]
    verdicts = evaluate(claims, DATA)
    bars = [v for v in verdicts if v.claim.kind == "bar_order"]
    assert [v.holds for v in bars] == [True, False]
    assert bars[1].why == "a.second is drawn above a.third"


def test_an_ordering_over_shares_no_figure_draws_has_no_bar_check():
    verdicts = evaluate([Claim("order", ("demo.male", "a.first"), "S.", 1)], DATA)
    assert [v.claim.kind for v in verdicts] == ["order"]


# --- the paper itself -------------------------------------------------------------------

@pytest.fixture(scope="module")
def paper() -> str:
    return (ROOT / "paper" / "paper.qmd").read_text(encoding="utf-8")


def test_every_sentence_of_the_paper_that_needs_a_claim_declares_one(paper):
    assert undeclared_sentences(paper) == []


def test_the_paper_claims_in_the_documented_kinds(paper):
    kinds = {claim.kind for claim in find_claims(paper)}
    assert kinds <= {*KINDS, "quantifier", "reproduction_verdict"}
    assert {"quantifier", "raised", "order", "reported", "reproduction_verdict", "most",
            "few", "by_far"} <= kinds
    assert {"most", "few", "half", "by far"} <= set(VOCABULARY)


def test_claim_data_reads_figures_wording_and_themes():
    instrument = load_instrument(ROOT / "config" / "instrument.yaml")
    published = read_published_values(ROOT / "data" / "published" / "figures.csv")
    registry = {"victim.mostly_girls": {**_share(34, 44, "victim_sex", [1])}}
    rows = [{"figure": "victims", "panel": "Victims were", "registry_id": "victim.mostly_girls"},
            {"figure": "victims", "panel": "Ages", "registry_id": "x"},
            {"figure": "victims", "panel": "Victims were", "registry_id": "y"}]
    quotes = {"oe_needs": {"funding": {"coded": 3, "claims": {"overtime": 2}, "quotes": []}}}
    data = claim_data(registry, rows, instrument, published, quotes, [])
    assert data.figures == {"victims": [["victim.mostly_girls", "y"], ["x"]]}
    assert data.themes == {"oe_needs": {"funding": 3}}
    assert data.claims == {"oe_needs": {"funding": {"overtime": 2}}}
    wording = data.wording["victim.mostly_girls"]
    assert "said victims were mostly girls" in wording  # the 2014 report's
    assert "Mostly girls" in wording  # the codebook's label


def test_the_shortcode_pattern_is_shared_with_rendering():
    from csec_survey.paper import render

    assert render.SHORTCODE is SHORTCODE
