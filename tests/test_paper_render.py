"""Tests of the paper: sources free of hand-typed numerals, shortcodes resolved, PDF rendered.

Nothing here reads ``results/``: registries, figures and quotes are built small
in the tests, and the sources are checked against the ids the pipeline would
produce from the committed configuration and data.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image

from csec_survey.core.codebook import load_instrument
from csec_survey.paper.quotes import quote_numbers
from csec_survey.paper.render import (
    PaperInputs,
    anchor,
    provenance_trail,
    render_pdf,
    reproduction_table,
    resolve,
)
from csec_survey.paper.shortcodes import for_export
from csec_survey.stats.constants import build_numbers, design_numbers, response_rate
from csec_survey.stats.items import answer_id, interval_level_number
from csec_survey.stats.registry import Number

ROOT = Path(__file__).resolve().parents[1]
PAPER = ROOT / "paper"
EPOCH = 1417392000
TRAIL = {"rule": "compute_statistics", "script": "workflow/scripts/compute_statistics.py",
         "inputs": {"results/clean/responses.parquet": "b1e281772c1a" + "0" * 52,
                    "config/instrument.yaml": "2e7d5f02324f" + "1" * 52}}

SHORTCODE = re.compile(r"\{\{<\s*(\w+)((?:\s+[^\s>]+)*)\s*>\}\}")
# Pandoc citation keys (and Quarto cross-references such as @fig-sample).
# As pandoc reads a key: internal punctuation is part of it, a final full stop is not.
CITATION = re.compile(r"@\{?\w(?:[\w:.#$%&+?<>~/-]*\w)?\}?")


def _registry() -> dict:
    numbers = [
        Number.share("tech.most_cases", 31, 45, base="share of the 45 who had investigated",
                     **TRAIL),
        Number.count("resp.total", 144, **TRAIL),
        Number.share("opp.digital_evidence", 121, 144, base="share of the 144 respondents",
                     **TRAIL),
        Number(id="method.fieldwork_start", value="2012-11", display="November 2012",
               kind="design", quantity="month the survey invitation was first emailed",
               rule="design_constants", script="workflow/scripts/design_constants.py",
               inputs={"config/config.yaml": "342df7a4a57e" + "2" * 52}),
        Number(id="ext.youth_internet", value=95, display="95%", kind="external",
               quantity="teens who use the Internet", citation="madden2013",
               rule="external_context", script="workflow/scripts/external_context.py",
               inputs={"data/external/context_statistics.csv": "534e3b1f81d8" + "3" * 52}),
    ]
    return {number.id: number.as_json() for number in numbers}


FIGURES = {"sample": {"caption": "The sample: who answered.",
                      "alt_text": "Who answered. Horizontal bar charts."}}
QUOTES = {
    "oe_dynamics": {
        "larger_client_pool": {"coded": 3, "quotes": [
            {"pseudonym": "P_aaaaaaaaaaaaaaaa", "text": "The buyer pool is *basically* "
             "unlimited now, [PERSON] says so.", "claims": ["more_buyers"], "exemplar": "yes"},
            {"pseudonym": "P_bbbbbbbbbbbbbbbb", "text": "It is a national market now, "
             "with fresh buyers in each place.", "claims": ["more_buyers"], "exemplar": "yes"},
            {"pseudonym": "P_cccccccccccccccc", "text": "Demand drives this, and tech has "
             "multiplied demand.", "claims": ["demand"], "exemplar": "no"},
        ]},
        "easier_marketing": {"coded": 2, "quotes": [
            # The same respondent as the first quote above: not quoted a second time.
            {"pseudonym": "P_aaaaaaaaaaaaaaaa", "text": "Posting an ad takes five minutes "
             "from a phone anywhere.", "claims": ["quick_posting"], "exemplar": "yes"},
            {"pseudonym": "P_dddddddddddddddd", "text": "Marketing a kid is cheap and quick "
             "and nobody sees it happen.", "claims": ["quick_posting"], "exemplar": "no"},
        ]},
    },
}
REPRODUCTION = [
    {"id": "tech.most_cases", "quantity": "cases that involved technology: most",
     "published": "69", "unit": "percent", "rebuilt": "69%", "numerator": "31",
     "denominator": "45", "status": "reproduced", "note": ""},
    {"id": "resp.total", "quantity": "respondents", "published": "144", "unit": "count",
     "rebuilt": "144", "numerator": "", "denominator": "", "status": "reproduced",
     "note": "The whole sample."},
    {"id": "method.fieldwork_start", "quantity": "month the survey opened",
     "published": "2012-11", "unit": "month", "rebuilt": "November 2012", "numerator": "",
     "denominator": "", "status": "cannot hold at the stated base",
     "note": "Fieldwork ran November-December 2012."},
]


def _inputs(registry: dict | None = None, claims: dict | None = None,
            reproduction: list | None = None, synthetic: bool = False) -> PaperInputs:
    return PaperInputs(registry=registry if registry is not None else _registry(),
                       figures=FIGURES, figure_files={"sample": "sample.png"},
                       quotes=QUOTES, reproduction=REPRODUCTION if reproduction is None
                       else reproduction, synthetic=synthetic, claims=claims or {})


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


# --- The paper's sources ---------------------------------------------------------------


@pytest.fixture(scope="module")
def source() -> str:
    return (PAPER / "paper.qmd").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def front_matter_and_body(source):
    match = re.match(r"---\n(.*?)\n---\n(.*)", source, flags=re.DOTALL)
    assert match, "paper.qmd must open with a YAML front matter block"
    return yaml.safe_load(match.group(1)), match.group(2)


@pytest.fixture(scope="module")
def shortcodes(source) -> list[tuple[str, list[str]]]:
    found = [(m.group(1), m.group(2).split()) for m in SHORTCODE.finditer(source)]
    assert found, "the paper's sources hold no shortcode at all"
    return found


@pytest.fixture(scope="module")
def pipeline_ids() -> set[str]:
    """The registry ids the pipeline produces, from the committed config and data."""
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    with (ROOT / config["published_figures"]).open(encoding="utf-8", newline="") as handle:
        survey = {row["id"] for row in csv.DictReader(handle) if row["kind"] == "survey"}
    design = {number.id for number in design_numbers(config["design"], TRAIL)}
    assert design and all(number_id.startswith("method.") for number_id in design)
    with (ROOT / config["external_context"]).open(encoding="utf-8", newline="") as handle:
        external = {row["id"] for row in csv.DictReader(handle)}
    instrument = load_instrument(ROOT / config["instrument"])
    answers = set()
    for item in instrument.items:
        if item.type == "single":
            answers |= {answer_id(item, str(option.code)) for option in item.options}
        elif item.type == "multi":
            answers |= {answer_id(item, str(option.key)) for option in item.options}
    method = {interval_level_number("compute_statistics", "x").id,
              response_rate(1, config["design"], TRAIL).id,
              *(number.id for number in build_numbers(
                  {"commit": "none", "epoch": 0, "clean": True}, "render_paper", "x"))}
    quotes = {number.id for number in quote_numbers({}, TRAIL)}
    # The themes the coding of the committed export uses: those of the phrase banks.
    banks = [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(
        (ROOT / "workflow" / "csec_survey" / "synthetic" / "phrasebank").glob("*.yaml"))]
    themes = {f"themes.{bank['question']}.{theme}" for bank in banks
              for theme in (*bank["themes"], "answers")}
    return survey | design | external | answers | method | quotes | themes


def _strip(text: str) -> str:
    return CITATION.sub("", SHORTCODE.sub("", text))


def test_body_holds_no_digit_outside_shortcodes_and_citations(front_matter_and_body):
    _, body = front_matter_and_body
    stripped = _strip(body)
    offending = [line for line in stripped.splitlines() if re.search(r"\d", line)]
    assert not offending, f"hand-typed numerals in paper.qmd: {offending[:5]}"


def test_front_matter_holds_no_digit_outside_title_subtitle_author(front_matter_and_body):
    meta, _ = front_matter_and_body
    assert "title" in meta and "highlights" in meta
    for key, value in meta.items():
        if key in ("title", "subtitle", "author"):
            continue
        assert not re.search(r"\d", _strip(str(value))), f"front matter {key!r} holds a digit"


def test_every_num_names_an_id_the_pipeline_produces(shortcodes, pipeline_ids):
    used = [arguments for name, arguments in shortcodes if name == "num"]
    assert used
    assert all(len(arguments) == 1 for arguments in used)
    unknown = sorted({arguments[0] for arguments in used} - pipeline_ids)
    assert not unknown, f"{{{{< num >}}}} ids the registry would not contain: {unknown}"


def test_pipeline_ids_include_every_kind(pipeline_ids):
    # The id set the check above relies on is not vacuous.
    assert {"tech.most_cases", "method.fieldwork_start", "ext.youth_internet",
            "answer.juris_size.25_000_or_fewer"} <= pipeline_ids


def test_every_figure_shortcode_names_a_configured_figure(shortcodes):
    configured = yaml.safe_load((ROOT / "config" / "figures.yaml").read_text(encoding="utf-8"))
    used = [arguments for name, arguments in shortcodes if name == "figure"]
    assert used
    for arguments in used:
        assert len(arguments) == 1 and arguments[0] in configured, arguments


def test_every_quotes_shortcode_names_a_question_theme_and_claims_of_the_phrase_banks(
        shortcodes):
    instrument = load_instrument(ROOT / "config" / "instrument.yaml")
    open_questions = {item.id for item in instrument.items if item.type == "text"}
    used = [arguments for name, arguments in shortcodes if name == "quotes"]
    assert used
    for arguments in used:
        assert len(arguments) >= 4, arguments
        question, theme, count, *claims = arguments
        assert question in open_questions, question
        bank = ROOT / "workflow" / "csec_survey" / "synthetic" / "phrasebank" / f"{question}.yaml"
        assert bank.exists(), bank
        themes = yaml.safe_load(bank.read_text(encoding="utf-8"))["themes"]
        assert theme in themes, f"{question}/{theme} is not a theme of {bank.name}"
        assert count.isdigit() and int(count) >= 1
        # The points a lead-in makes are the bank's claims, never one it files as other.
        unknown = [c for c in claims if c not in themes[theme] or c.startswith("other_")]
        assert not unknown, f"{question}/{theme}: {unknown}"


def test_only_known_shortcodes(shortcodes):
    names = {name for name, _ in shortcodes}
    assert names <= {"num", "figure", "quotes", "provenance", "reproduction", "claim",
                     "quantifier", "Quantifier", "reproduction_verdict", "if", "else",
                     "endif"}
    assert {"provenance", "reproduction"} <= names


def test_the_paper_calls_its_data_synthetic_only_when_they_are():
    source = (ROOT / "paper" / "paper.qmd").read_text(encoding="utf-8")
    template = (ROOT / "paper" / "template.typ").read_text(encoding="utf-8")
    for text in (for_export(source, synthetic=False), template):
        found = re.findall(r"[^.\n]*\b(?:synthetic|stand-in|generat\w*|calibrat\w*)\b[^.\n]*",
                           text, re.I)
        assert not found, found
    assert "synthetic stand-in" in for_export(source, synthetic=True)


# --- resolve() ---------------------------------------------------------------------------


def test_anchor_is_a_slug():
    assert anchor("tech.most_cases") == "num-tech-most-cases"
    assert anchor("answer.juris_size.25_000_or_fewer") == "num-answer-juris-size-25-000-or-fewer"
    assert anchor("Method.Fieldwork_Start") == "num-method-fieldwork-start"


def test_num_becomes_a_link_to_its_provenance_row():
    resolved = resolve("Most: {{< num tech.most_cases >}}; all {{<num resp.total>}}.", _inputs())
    assert resolved.markdown == ("Most: [69%](#num-tech-most-cases); "
                                 "all [144](#num-resp-total).")
    assert resolved.numbers == ["tech.most_cases", "resp.total"]


@pytest.mark.parametrize("source, named", [
    ("{{< num no.such_id >}}", "no.such_id"),
    ("{{< figure no_such_figure >}}", "no_such_figure"),
    ("{{< nonsense here >}}", "nonsense"),
])
def test_unknown_names_raise_key_error_naming_them(source, named):
    with pytest.raises(KeyError, match=re.escape(named)):
        resolve(source, _inputs())


def test_figure_inserts_caption_file_and_label():
    markdown = resolve("{{< figure sample >}}", _inputs()).markdown
    assert "The sample: who answered." in markdown
    assert "(sample.png)" in markdown
    assert "{#fig-sample" in markdown
    assert markdown.startswith("![")


def test_quotes_are_verbatim_escaped_blockquotes_at_most_n():
    resolved = resolve("{{< quotes oe_dynamics larger_client_pool 2 more_buyers demand >}}",
                       _inputs())
    blocks = resolved.markdown.split("\n\n")
    assert len(blocks) == 2
    assert all(block.startswith("> ") for block in blocks)
    first = QUOTES["oe_dynamics"]["larger_client_pool"]["quotes"][0]["text"]
    assert r"\*basically\*" in blocks[0] and r"\[PERSON\]" in blocks[0]
    assert _unescape(blocks[0][2:]) == f"\u201c{first}\u201d"
    # One quote for each point named, in the order named: more buyers, then demand.
    assert [q["pseudonym"] for q in resolved.quotes] == ["P_aaaaaaaaaaaaaaaa",
                                                         "P_cccccccccccccccc"]
    assert all(q["question"] == "oe_dynamics" and q["theme"] == "larger_client_pool"
               for q in resolved.quotes)


def test_a_lead_in_sticks_to_its_first_quote_in_the_typst():
    import pypandoc

    source = ("## A heading\n\nThe first idea was scale, and\nit ran over two lines.\n\n"
              "{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}\n\n"
              "- a list\n\n"
              "{{< quotes oe_dynamics easier_marketing 1 quick_posting >}}")
    markdown = resolve(source, _inputs()).markdown
    typst_source = pypandoc.convert_text(markdown, "typst", format="markdown")
    lead = typst_source.index("#block(sticky: true)[")
    assert typst_source.index("The first idea was scale") > lead
    assert typst_source.index("#quote(block: true)") > typst_source.index("two lines")
    # Only a paragraph is a lead-in: not a heading, not a list.
    assert typst_source.count("sticky: true") == 1


def test_a_synthetic_exports_quotes_are_labelled_illustrative_and_a_real_ones_are_not():
    import pypandoc

    source = ("Scale mattered.\n\n"
              "{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}")
    synthetic = resolve(source, _inputs(synthetic=True)).markdown
    typst_source = pypandoc.convert_text(synthetic, "typst", format="markdown")
    label = typst_source.index("#quote-label[Illustrative synthetic answers]")
    assert typst_source.index("Scale mattered") < label < typst_source.index("#quote(block")
    assert "quote-label" not in resolve(source, _inputs(synthetic=False)).markdown


def test_text_for_one_kind_of_export_is_printed_only_for_that_kind():
    source = ("Data: {{< if synthetic >}}made up{{< else >}}real, {{< num resp.total >}}"
              "{{< endif >}}.\n\n{{< if real >}}Coded by people.\n\nTwice.{{< endif >}}")
    synthetic = resolve(source, _inputs(synthetic=True))
    assert synthetic.markdown == "Data: made up.\n\n" and synthetic.numbers == []
    real = resolve(source, _inputs(synthetic=False))
    assert real.markdown.startswith("Data: real, [") and real.numbers == ["resp.total"]
    assert real.markdown.endswith("Coded by people.\n\nTwice.")


@pytest.mark.parametrize("source", [
    "{{< if synthetic >}}open",
    "{{< if synthetic >}}a {{< if real >}}b{{< endif >}} c{{< endif >}}",
    "{{< if realexport >}}a{{< endif >}}"])
def test_an_unclosed_nested_or_unknown_condition_is_refused(source):
    with pytest.raises(KeyError, match="unknown shortcode"):
        resolve(source, _inputs(synthetic=True))


def test_quotes_fewer_than_asked_when_fewer_are_coded():
    resolved = resolve("{{< quotes oe_dynamics easier_marketing 5 quick_posting >}}", _inputs())
    assert len(resolved.quotes) == 2
    assert resolved.markdown.count("> ") == 2


def test_no_answer_is_quoted_twice_across_shortcodes():
    source = ("{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}\n\n"
              "{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}\n\n"
              "{{< quotes oe_dynamics easier_marketing 2 quick_posting >}}\n\n"
              "{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}")
    resolved = resolve(source, _inputs())
    pseudonyms = [q["pseudonym"] for q in resolved.quotes]
    assert len(pseudonyms) == len(set(pseudonyms)) == 4
    # P_aaaa… was quoted for larger_client_pool, so easier_marketing gives only P_dddd….
    assert [q["pseudonym"] for q in resolved.quotes if q["theme"] == "easier_marketing"] == \
        ["P_dddddddddddddddd"]


def test_a_theme_with_no_quote_left_says_so_and_is_reported():
    source = ("{{< quotes oe_dynamics larger_client_pool 3 more_buyers demand >}}\n\n"
              "{{< quotes oe_dynamics larger_client_pool 1 more_buyers demand >}}\n\n"
              "{{< quotes oe_needs funding 1 grants >}}")
    resolved = resolve(source, _inputs())
    assert resolved.unquoted == ["oe_dynamics/larger_client_pool", "oe_needs/funding"]
    assert resolved.markdown.count("No answer coded to this point could be quoted.") == 2


def test_quotes_are_drawn_only_from_answers_coded_to_a_claim_named():
    resolved = resolve("{{< quotes oe_dynamics larger_client_pool 2 demand >}}", _inputs())
    assert [q["pseudonym"] for q in resolved.quotes] == ["P_cccccccccccccccc"]
    resolved = resolve("{{< quotes oe_dynamics larger_client_pool 2 other_prices >}}",
                       _inputs())
    assert resolved.quotes == []
    assert resolved.unquoted == ["oe_dynamics/larger_client_pool"]


def test_a_quotes_shortcode_naming_no_claim_is_refused():
    with pytest.raises(KeyError, match="names no claim"):
        resolve("{{< quotes oe_dynamics larger_client_pool 2 >}}", _inputs())


@pytest.mark.parametrize("share, word", [(100, "nearly all"), (90, "nearly all"),
                                         (89.9, "most"), (60.1, "most"), (60, "about half"),
                                         (40, "about half"), (39.9, "a minority"),
                                         (20, "a minority"), (19.9, "few"), (0, "few")])
def test_quantifiers_print_the_word_for_the_share(share, word):
    registry = {"x.share": {"value": share, "display": f"{share:g}%", "kind": "percent"}}
    resolved = resolve("{{< Quantifier x.share >}} of them; {{< quantifier x.share >}}.",
                       _inputs(registry))
    assert resolved.markdown == f"{word[0].upper()}{word[1:]} of them; {word}."


def test_a_claim_prints_nothing_once_checked_true_and_fails_otherwise():
    source = "Most were men{{< claim most demo.male >}}."
    assert resolve(source, _inputs(claims={"most(demo.male)": True})).markdown == \
        "Most were men."
    for claims in ({}, {"most(demo.male)": False}):
        with pytest.raises(KeyError, match=r"most\(demo\.male\) was not checked true"):
            resolve(source, _inputs(claims=claims))


def test_the_reproduction_verdict_follows_the_reproduction_report():
    source = "The numbers {{< reproduction_verdict >}}."
    assert resolve(source, _inputs()).markdown == \
        "The numbers reproduce the original report's figures."
    failing = [*REPRODUCTION, {**REPRODUCTION[0], "status": "not reproduced"}]
    assert "depart from some of the original report's figures" in \
        resolve(source, _inputs(reproduction=failing)).markdown


def _provenance_rows(markdown: str) -> list[tuple[str, str, list[str]]]:
    """(id, anchor, the other cells) of every row of the provenance table."""
    rows = []
    for line in markdown.splitlines():
        match = re.match(r'\| `#box\(text\(size: 0\.85em, "(.+?)"\)\)<(num-[a-z0-9-]+)>`'
                         r'\{=typst\} \|(.*)\|$', line)
        if match:
            rows.append((match.group(1), match.group(2),
                         [_unescape(cell.strip()) for cell in match.group(3).split("|")]))
    return rows


def test_provenance_lists_exactly_the_ids_used_in_order_of_first_use():
    source = ("Of {{< num resp.total >}}, {{< num tech.most_cases >}} and again "
              "{{< num resp.total >}} in {{< num method.fieldwork_start >}}.\n\n"
              "{{< provenance >}}\n\n"
              "After the appendix: {{< num ext.youth_internet >}}.")
    resolved = resolve(source, _inputs())
    order = ["resp.total", "tech.most_cases", "method.fieldwork_start", "ext.youth_internet"]
    assert resolved.numbers == order
    rows = _provenance_rows(resolved.markdown)
    assert [number_id for number_id, _, _ in rows] == order
    assert "opp.digital_evidence" not in resolved.markdown
    registry = _registry()
    for number_id, target, (display, computed, about, section) in rows:
        entry = registry[number_id]
        assert target == anchor(number_id)
        assert display == entry["display"]
        if entry.get("denominator"):
            assert computed == f"{entry['numerator']} / {entry['denominator']}"
        # In the paper's one spelling: "e-mailed".
        assert about == re.sub(r"\b([Ee])mail", r"\1-mail",
                               entry.get("base") or entry.get("quantity") or "")
        # The section a number is first printed in; one before any heading is on the
        # title page.
        assert section == "Title page"
    # An external number says where it is cited from.
    assert rows[-1][2][1] == "cited from madden2013"
    # Each input is named once, above the table, by the first 12 digits of its digest.
    preamble = _unescape(resolved.markdown.split("| Number |")[0])
    for number_id in order:
        for digest in registry[number_id]["inputs"].values():
            assert preamble.count(digest[:12]) == 1 and digest[:13] not in preamble


def test_the_full_trail_keeps_what_appendix_a_leaves_out():
    source = "# Intro\n\n{{< num tech.most_cases >}} and {{< num ext.youth_internet >}}."
    resolved = resolve(source, _inputs())
    trail = provenance_trail(resolved, _registry())
    assert [row["id"] for row in trail] == ["tech.most_cases", "ext.youth_internet"]
    entry = _registry()["tech.most_cases"]
    first = trail[0]
    assert first["section"] == "Intro" and first["value"] == str(entry["value"])
    assert first["rule"] == entry["rule"] and first["script"] == entry["script"]
    # Whole digests, every one, where the appendix prints the first 12 digits once.
    assert all(f"{path} {digest}" in first["inputs"] for path, digest in entry["inputs"].items())
    assert trail[1]["citation"] == "madden2013"


def test_provenance_names_the_section_a_number_is_first_printed_in():
    source = ("{{< num resp.total >}} on the title page.\n\n# Main findings {.unnumbered}\n\n"
              "## Who responded\n\n### A subsection\n\n{{< num tech.most_cases >}} and "
              "{{< num resp.total >}}.\n\n{{< provenance >}}")
    rows = _provenance_rows(resolve(source, _inputs()).markdown)
    assert [(number_id, cells[3]) for number_id, _, cells in rows] == \
        [("resp.total", "Title page"), ("tech.most_cases", "Who responded")]


def test_a_number_in_the_highlights_is_named_as_printed_there():
    source = ('---\nbuilt: "{{< num resp.total >}}"\nhighlights: |\n  Of them '
              '{{< num tech.most_cases >}}.\n---\n\n# Intro\n\n{{< provenance >}}')
    rows = _provenance_rows(resolve(source, _inputs()).markdown)
    assert [(number_id, cells[3]) for number_id, _, cells in rows] == \
        [("resp.total", "Title page"), ("tech.most_cases", "Highlights")]


def test_provenance_of_a_body_without_numbers_is_empty():
    resolved = resolve("No numbers.\n\n{{< provenance >}}", _inputs())
    assert resolved.numbers == []
    assert _provenance_rows(resolved.markdown) == []


def test_reproduction_renders_one_table_row_per_row():
    markdown = resolve("{{< reproduction >}}", _inputs()).markdown
    lines = markdown.splitlines()
    assert len(lines) == 2 + len(REPRODUCTION)
    assert all(line.startswith("|") and line.endswith("|") for line in lines)
    assert "Published" in lines[0] and "Rebuilt" in lines[0] and "Note" in lines[0]
    for number, (line, row) in enumerate(zip(lines[2:], REPRODUCTION, strict=True), 1):
        cells = [_unescape(cell.strip()) for cell in line.strip("|").split("|")]
        # A plain label and a short key, not the registry id.
        assert cells[0] == f"B{number}" and row["id"] not in line
        assert cells[1] == row["quantity"]
        published = "November 2012" if row["published"] == "2012-11" else row["published"]
        assert cells[2] == published + ("%" if row["unit"] == "percent" else "")
        assert cells[3] == row["rebuilt"]
        assert cells[4] == (f"{row['numerator']} / {row['denominator']}"
                            if row["denominator"] else "")
        assert cells[6] == row["note"]
    # Neutral words for each status.
    assert [line.split("|")[6].strip() for line in lines[2:]] == \
        ["reproduced", "reproduced", "inconsistent at its base"]


def test_appendix_b_says_when_a_base_was_not_stated_and_groups_thousands():
    rows = [{**REPRODUCTION[0], "quantity": "agencies serving 25001 to 100000 people",
             "status": "reproduced on another base", "base_published": ""},
            {**REPRODUCTION[0], "status": "reproduced on another base",
             "base_published": "the 45 with trafficking cases"},
            {**REPRODUCTION[1], "published": "3739", "rebuilt": "3,739",
             "status": "copied from the report"},
            # A base the reproduction reads as unclear is one the report did not state.
            {**REPRODUCTION[0], "status": "reproduced on another base",
             "base_published": "unclear: all respondents or those in a unit"}]
    table = reproduction_table(rows)
    assert table["B1"][1] == "agencies serving 25,001 to 100,000 people"
    assert [table[key][5] for key in table] == ["base not stated", "reproduced at another base",
                                                "input from the report", "base not stated"]
    assert table["B3"][2:4] == ["3,739", "3,739"]
    assert reproduction_table([{**REPRODUCTION[1], "note": "61 + 3739, as in 2012."}])[
        "B1"][-1] == "61 + 3,739, as in 2012."
    # A month reads as the rebuilt one does, "November 2012" beside "November 2012".
    assert reproduction_table([REPRODUCTION[2]])["B1"][2:4] == ["November 2012",
                                                                "November 2012"]


def test_a_base_explained_once_is_named_after_that():
    explained = ("The report gives no base. The question went to everyone, so we take all "
                 "respondents.")
    rows = [{**REPRODUCTION[0], "note": f"Base not stated; {n} of the 144 gives {n}%. "
             + explained} for n in (10, 20)] + [
        {**REPRODUCTION[0], "note": "Base not stated; 5 of the 40 gives 13%. Another base."}]
    table = reproduction_table(rows)
    assert table["B1"][-1].endswith(explained)
    assert table["B2"][-1] == "Base not stated; 20 of the 144 gives 20%. Base chosen as for B1."
    assert table["B3"][-1].endswith("Another base.")


# --- render_pdf() --------------------------------------------------------------------------

TITLE = "A tiny paper on traced numbers"
DOCUMENT = f"""---
title: "{TITLE}"
highlights: |
  We heard from {{{{< num resp.total >}}}} investigators.
---

# Introduction

Of the investigators, {{{{< num tech.most_cases >}}}} said technology featured in most of
their cases [@mitchell2014]. See @fig-sample.

{{{{< figure sample >}}}}

# References {{.unnumbered}}

::: {{#refs}}
:::

# Appendix A: Provenance {{.unnumbered}}

{{{{< provenance >}}}}
"""


def _png(path: Path) -> Path:
    Image.new("RGB", (160, 90), (11, 79, 108)).save(path)
    return path


def _render(folder: Path, markdown: str, epoch: int, expected: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    bibliography = shutil.copyfile(PAPER / "references.bib", folder / "references.bib")
    pdf = folder / "paper.pdf"
    renderer = render_pdf(markdown, folder / "build", pdf, PAPER / "template.typ",
                          Path(bibliography), {"sample.png": _png(folder / "figure.png")},
                          epoch)
    assert renderer == expected
    return pdf


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """The tiny document, rendered twice with one epoch and once with another.

    Quarto is hidden from render_pdf, so that the pandoc+typst path is the one tested
    even where Quarto is installed.
    """
    which = shutil.which
    markdown = resolve(DOCUMENT, _inputs()).markdown
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shutil, "which",
                      lambda name, *args, **kwargs: None if name == "quarto"
                      else which(name, *args, **kwargs))
        return {name: _render(tmp_path_factory.mktemp(name), markdown, epoch, "pandoc+typst")
                for name, epoch in (("first", EPOCH), ("again", EPOCH),
                                    ("later", EPOCH + 86400))}


def test_rendered_pdf_text_holds_title_value_and_citation(rendered):
    import pdfplumber

    with pdfplumber.open(str(rendered["first"])) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert " ".join(TITLE.split()) in " ".join(text.split())
    assert "69%" in text and "144" in text
    assert "Mitchell and boyd 2014" in " ".join(text.split())
    assert "tech.most_cases" in text  # the provenance appendix
    assert rendered["first"].read_bytes().startswith(b"%PDF")


def test_same_epoch_gives_the_same_bytes(rendered):
    assert rendered["first"].read_bytes() == rendered["again"].read_bytes()


def test_another_epoch_gives_other_bytes(rendered):
    assert rendered["first"].read_bytes() != rendered["later"].read_bytes()


def test_build_folder_holds_the_typst_source_and_assets(rendered):
    build = rendered["first"].parent / "build"
    assert (build / "paper.typ").exists()
    assert (build / "sample.png").exists()
    assert (build / "references.bib").exists()


@pytest.mark.skipif(shutil.which("quarto") is None,
                    reason="quarto is not installed, so render_pdf's Quarto path cannot run "
                           "(the pandoc+typst path is tested above)")
def test_quarto_path_renders_a_pdf(tmp_path):
    markdown = resolve(DOCUMENT, _inputs()).markdown
    pdf = _render(tmp_path, markdown, EPOCH, "quarto")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_quarto_path_has_the_project_file_it_copies():
    assert (PAPER / "_quarto.yml").exists()


def test_citations_and_cross_references_resolve(source, shortcodes):
    bibliography = (PAPER / "references.bib").read_text(encoding="utf-8")
    keys = set(re.findall(r"@\w+\{([^,\s]+),", bibliography))
    figures = {arguments[0] for name, arguments in shortcodes if name == "figure"}
    for reference in set(CITATION.findall(source)):
        name = reference.lstrip("@{").rstrip("}")
        if name.startswith("fig-"):
            assert name[len("fig-"):] in figures, f"{reference} refers to no figure shortcode"
        else:
            assert name in keys, f"{reference} is not a key of references.bib"


def test_every_page_is_letter_and_the_pdf_is_pdf_ua_with_alt_text(rendered):
    import pypdfium2

    document = pypdfium2.PdfDocument(rendered["first"])
    assert {tuple(round(side) for side in page.get_size()) for page in document} == \
        {(612, 792)}
    typst_source = (rendered["first"].parent / "build" / "paper.typ").read_text("utf-8")
    alt = _inputs().figures["sample"]["alt_text"]
    assert f'image("sample.png", alt: "{alt}")' in typst_source
    # typst writes a PDF/UA-1 file only if it meets the standard: the identification
    # in its metadata says it was asked to.
    assert b"pdfuaid:part" in rendered["first"].read_bytes()


def test_the_quarto_project_resolves_citations_and_the_template_reads_quartos_authors():
    """Two facts of Quarto 1.11 that cannot be checked here, where Quarto cannot be
    installed: its typst format leaves citations to typst unless ``citeproc`` is on, and
    it hands the template its authors as ``by-author`` with ``name.literal``."""
    import yaml

    project = yaml.safe_load((PAPER / "_quarto.yml").read_text(encoding="utf-8"))
    assert project["format"]["typst"]["citeproc"] is True
    template = (PAPER / "template.typ").read_text(encoding="utf-8")
    assert "$for(by-author)$" in template and "$it.name.literal$" in template
    assert "$for(author)$" in template  # pandoc's own shape, for the fallback


def test_references_keep_their_capitals_institutions_and_dates():
    """What a careless record loses in print: an acronym's capitals in a title, an
    institution whose name holds "and" (read as two authors), a newspaper's date."""
    bibliography = (PAPER / "references.bib").read_text(encoding="utf-8")
    for institution in re.findall(r"institution\s*=\s*(\{.*\}),?\n", bibliography):
        if " and " in institution:
            assert institution.startswith("{{"), institution
    assert "{U.S.}" in bibliography
    assert re.search(r"@legislation\{tvpa2000,", bibliography)
    newspaper = re.search(r"@article\{eichenwald2005,[^@]*", bibliography).group()
    assert "date    = {2005-12-19}" in newspaper and "url" in newspaper


def test_a_hyphen_before_a_digit_prints_as_a_hyphen_not_a_minus(tmp_path):
    # Found at 100,000 respondents: "[ADDRESS]-6441" in a quote printed as a minus sign,
    # and the audit, rightly, no longer found the quote word for word in the answers.
    import pypandoc
    import pypdfium2
    import typst

    from csec_survey.paper.render import _escape

    text = "For [ADDRESS]-6441 the card, 5-6 girls, a -3 score and a well-known site."
    source = tmp_path / "quote.typ"
    source.write_text(pypandoc.convert_text("> " + _escape(text), "typst", format="markdown"),
                      encoding="utf-8")
    typst.compile(str(source), output=str(tmp_path / "quote.pdf"))
    page = pypdfium2.PdfDocument(str(tmp_path / "quote.pdf"))[0]
    assert " ".join(page.get_textpage().get_text_range().split()) == text
