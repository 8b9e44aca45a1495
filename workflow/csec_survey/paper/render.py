"""From the paper's sources to a PDF: registry numbers, figures and quotes resolved, rendered.

The sources (``paper/paper.qmd``) never hold a data numeral: they hold
shortcodes, resolved here at render time from the pipeline's outputs.

- ``{{< num ID >}}``: the registry entry's printed value, as a link to its row
  in the provenance appendix;
- ``{{< figure NAME >}}``: the figure with its caption (``@fig-NAME`` refers to it);
- ``{{< quotes QUESTION THEME N CLAIM ... >}}``: N verbatim, de-identified answers
  coded to the theme and to one of the claims named (the points its lead-in makes);
- ``{{< quantifier ID >}}`` (``Quantifier``): the word for a share;
  ``{{< reproduction_verdict >}}``: whether the numbers reproduce the 2014
  report's; and
  ``{{< claim KIND ARG ... >}}``: nothing, once the claim has been checked
  (`csec_survey.paper.claims`); a claim that was not checked, or is false, is
  an error here too;
- ``{{< provenance >}}`` and ``{{< reproduction >}}``: the two appendices.

The resolved Markdown is rendered by Quarto where it is installed, and
otherwise along the path Quarto itself takes: pandoc (from
``pypandoc-binary``) writes Typst with our template, and the ``typst``
compiler makes the PDF with a fixed timestamp, so that the same sources give
the same bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csec_survey.core.atomic import atomic_path
from csec_survey.paper.claims import quantifier_word, reproduction_words
from csec_survey.paper.shortcodes import SHORTCODE, for_export
from csec_survey.stats.constants import month_display

__all__ = ["PaperInputs", "Resolved", "anchor", "provenance_fields", "provenance_preamble",
           "provenance_trail", "render_pdf", "reproduction_table", "resolve"]

# Escaped, a character is printed as written: quotes stay verbatim (no smart quotes).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+\-!|@$~^'\"])")
_TYPST_MINUS = re.compile(r"(?<![^\W_])\\-(?=\d)")


@dataclass(frozen=True)
class PaperInputs:
    """What the shortcodes draw on."""

    registry: Mapping[str, Any]
    figures: Mapping[str, Mapping[str, Any]]
    figure_files: Mapping[str, str]
    quotes: Mapping[str, Mapping[str, Mapping[str, Any]]]
    reproduction: Sequence[Mapping[str, str]]
    # whether the export is synthetic (a calibration record beside it) or real: what the
    # paper says of its data, and whether its quotes are labelled illustrative
    synthetic: bool
    # claim id -> whether it holds, as checked by the rule check_claims
    claims: Mapping[str, bool] = field(default_factory=dict)


@dataclass
class Resolved:
    """The resolved Markdown, the registry ids and quotes it uses, the themes left unquoted."""

    markdown: str
    numbers: list[str] = field(default_factory=list)
    # registry id -> the heading of the section it is first printed in
    sections: dict[str, str] = field(default_factory=dict)
    quotes: list[dict[str, str]] = field(default_factory=list)
    unquoted: list[str] = field(default_factory=list)


def anchor(number_id: str) -> str:
    """The link target of a registry id: ``num-tech-most-cases``."""
    return "num-" + re.sub(r"[^a-z0-9]+", "-", number_id.lower()).strip("-")


def resolve(source: str, inputs: PaperInputs) -> Resolved:
    """Replace every shortcode of ``source``; an unknown id, figure or theme is an error."""
    resolved = Resolved(markdown="")
    source = _leads_kept_with_quotes(for_export(source, inputs.synthetic))
    headings = [(match.start(), _HEADING_ATTRIBUTES.sub("", match.group(1)).strip())
                for match in _SECTION_HEADING.finditer(source)]
    # Before the first heading a number is on the title page, or in the highlights after it.
    highlights = source.find("\nhighlights:")
    if highlights >= 0:
        headings.insert(0, (highlights, "Highlights"))

    def expand(match: re.Match[str]) -> str:
        if match.group(1) == "num":
            number_id = match.group(2).split()[0]
            resolved.sections.setdefault(number_id, next(
                (title for start, title in reversed(headings) if start < match.start()),
                "Title page"))
        return _expand(match, inputs, resolved, defer=True)

    # The provenance appendix lists what the body used, so it is resolved last.
    body = SHORTCODE.sub(expand, source)
    resolved.markdown = SHORTCODE.sub(lambda match: _expand(match, inputs, resolved), body)
    return resolved


def _leads_kept_with_quotes(source: str) -> str:
    """Each paragraph that leads into quotes, in a block that sticks to the first quote:
    a lead-in is never left at the foot of a page without it. Pandoc writes the
    ``typst:sticky`` attribute as ``#block(sticky: true)``."""
    blocks = source.split("\n\n")
    for index in range(1, len(blocks)):
        lead = blocks[index - 1]
        if blocks[index].lstrip().startswith("{{< quotes ") and lead.strip() and \
                not _NOT_A_PARAGRAPH.match(lead.lstrip()):
            blocks[index - 1] = f'::: {{typst:sticky="true"}}\n{lead.strip()}\n:::'
    return "\n\n".join(blocks)


# A chapter's or section's heading (not a subsection's): what Appendix A names as where a
# number is printed.
_SECTION_HEADING = re.compile(r"(?m)^#{1,2}\s+(.+)$")
_HEADING_ATTRIBUTES = re.compile(r"\{[^{}]*\}")
# Headings, quotes, lists, tables, figures, divs and shortcodes are no lead-in paragraph.
_NOT_A_PARAGRAPH = re.compile(r"#|>|:::|\{\{<|!\[|\||[-*+]\s|\d+\.\s|```")


def _expand(match: re.Match[str], inputs: PaperInputs, resolved: Resolved,
            defer: bool = False) -> str:
    name, arguments = match.group(1), match.group(2).split()
    if name == "num":
        (number_id,) = arguments
        entry = inputs.registry.get(number_id)
        if entry is None:
            raise KeyError(f"paper: {{{{< num {number_id} >}}}} names no registry entry")
        if number_id not in resolved.numbers:
            resolved.numbers.append(number_id)
        return f"[{entry['display']}](#{anchor(number_id)})"
    if name == "figure":
        (figure,) = arguments
        if figure not in inputs.figures:
            raise KeyError(f"paper: no figure {figure!r}; the figures are "
                           f"{', '.join(inputs.figures)}")
        meta = inputs.figures[figure]
        return (f"![{_escape(meta['caption'])}]({inputs.figure_files[figure]})"
                f"{{#fig-{figure} fig-alt=\"{meta['alt_text']}\"}}")
    if name in ("quantifier", "Quantifier"):
        (number_id,) = arguments
        entry = inputs.registry.get(number_id)
        if entry is None or not isinstance(entry.get("value"), (int, float)):
            raise KeyError(f"paper: {{{{< {name} {number_id} >}}}} names no registry share")
        word = quantifier_word(float(entry["value"]))
        return word[0].upper() + word[1:] if name == "Quantifier" else word
    if name == "reproduction_verdict":
        return reproduction_words(inputs.reproduction)
    if name == "claim":
        claim_id = f"{arguments[0]}({', '.join(arguments[1:])})"
        if inputs.claims.get(claim_id) is not True:
            raise KeyError(f"paper: claim {claim_id} was not checked true by check_claims")
        return ""
    if name == "quotes":
        question, theme, count, *claims = arguments
        return _quotes(question, theme, int(count), claims, inputs, resolved)
    if name == "provenance":
        return match.group(0) if defer else _provenance(resolved, inputs.registry)
    if name == "reproduction":
        return _reproduction(inputs.reproduction)
    raise KeyError(f"paper: unknown shortcode {name!r}")


_SYNTHETIC_QUOTES = "Illustrative synthetic answers"


def _quotes(question: str, theme: str, count: int, claims: Sequence[str],
            inputs: PaperInputs, resolved: Resolved) -> str:
    if not claims:
        raise KeyError(f"paper: {{{{< quotes {question} {theme} {count} >}}}} names no "
                       "claim: a quote is chosen for the point its lead-in makes")
    coded = inputs.quotes.get(question, {}).get(theme, {"quotes": []})
    available = [q for q in coded["quotes"] if set(claims) & set(q["claims"])
                 and q["pseudonym"] not in {used["pseudonym"] for used in resolved.quotes}]
    if not available:
        # A small sample may leave a claim without a quotable answer: say so, don't fail.
        resolved.unquoted.append(f"{question}/{theme}")
        return "*No answer coded to this point could be quoted.*"
    # Up to ``count``, a point the lead-in makes after another, in the order it makes them
    # ("some wanted specialists; others the opposite"), then in the coding's order.
    chosen = []
    for claim in claims:
        chosen += [q for q in available if claim in q["claims"] and q not in chosen][:1]
    chosen = (chosen + [q for q in available if q not in chosen])[:count]
    resolved.quotes.extend({"question": question, "theme": theme, **q} for q in chosen)
    printed = "\n\n".join(f"> \u201c{_escape(q['text'])}\u201d" for q in chosen)
    # A synthetic answer is written for the theme, not said by anyone: the label says so
    # where it is read, not only in the data note. The template's quote-label keeps it
    # with the quote below it.
    return (f"```{{=typst}}\n#quote-label[{_SYNTHETIC_QUOTES}]\n```\n\n{printed}"
            if inputs.synthetic else printed)


def provenance_fields(number_id: str, entry: Mapping[str, Any]) -> list[str]:
    """What Appendix A prints for one registry entry, field by field: its id, printed
    value, how it was computed (count and base, or the work it is cited from) and what
    was measured. The section it is printed in follows; its inputs are given once, above."""
    computed = (f"{_grouped(str(entry['numerator']), True)} / "
                f"{_grouped(str(entry['denominator']), True)}"
                if entry.get("denominator") else
                f"cited from {entry['citation']}" if entry.get("citation") else "")
    about = entry.get("base") or entry.get("quantity") or ""
    return [number_id, entry["display"], computed, _label(about)]


def provenance_preamble(entries: Iterable[Mapping[str, Any]]) -> str:
    """What Appendix A says once above its table: the inputs of these registry entries,
    each by its file's name and the first 12 hexadecimal digits of its SHA-256."""
    inputs = sorted({f"{Path(path).name} {digest[:12]}"
                     for entry in entries for path, digest in entry["inputs"].items()})
    return ("Each number was computed from these inputs, named with the first 12 hexadecimal "
            f"digits of their SHA-256: {'; '.join(inputs)}. Which number used which input, its "
            "exact value, its rule and its script are in numbers.csv beside this PDF.")


def _provenance(resolved: Resolved, registry: Mapping[str, Any]) -> str:
    if not resolved.numbers:
        return ""
    preamble = provenance_preamble(registry[number_id] for number_id in resolved.numbers)
    lines = [_escape(preamble), "",
             "| Number | Value | Count / base | What was measured | Section |",
             f"|:{'-' * 33}|:{'-' * 12}|:{'-' * 12}|:{'-' * 29}|:{'-' * 14}|"]
    for number_id in resolved.numbers:
        _, display, computed, about = (
            _escape(field) for field in provenance_fields(number_id, registry[number_id]))
        # The link target is a box, placed where its cell is: a label on bare text in a
        # table cell would be placed at the table's head. Ids are set a size smaller, so
        # that the longest fits its column on one line.
        target = f'`#box(text(size: 0.85em, "{number_id}"))<{anchor(number_id)}>`{{=typst}}'
        lines.append(f"| {target} | {display} | "
                     f"{computed} | {about} | {_escape(resolved.sections.get(number_id, ''))} |")
    return "\n".join(lines)


def provenance_trail(resolved: Resolved, registry: Mapping[str, Any]) -> list[dict[str, str]]:
    """The full trail of every number the paper prints, one row each, for ``numbers.csv``:
    what Appendix A gives and what it leaves out (exact value, rule, script, inputs)."""
    return [{"id": number_id, "section": resolved.sections.get(number_id, ""),
             "display": entry["display"], "value": str(entry["value"]),
             "numerator": str(entry.get("numerator", "")),
             "denominator": str(entry.get("denominator", "")),
             "about": entry.get("base") or entry.get("quantity") or "",
             "citation": entry.get("citation", ""), "rule": entry["rule"],
             "script": entry["script"],
             "inputs": "; ".join(f"{path} {digest}" for path, digest in entry["inputs"].items())}
            for number_id in resolved.numbers for entry in (registry[number_id],)]


# What Appendix B calls each status: what happened to a figure, no verdict on the report.
# The paper's legend above the table says what each means.
_STATUS_WORDS = {"reproduced": "reproduced",
                 "reproduced on another base": "reproduced at another base",
                 "copied from the report": "input from the report",
                 "cannot hold at the stated base": "inconsistent at its base",
                 "not reproduced": "differs"}
# A count or a value of four digits or more, printed with its thousands grouped ("3,739"):
# never a year or a month ("2012", "2012-11"), unless a whole cell is the number.
_LONG_NUMBER = re.compile(r"(?<![\d/-])(?<!\d[.,])(?:(?!19|20)\d{4}|\d{5,})(?![\d/-]|[.,]\d)")


# The paper's one spelling, in the labels it takes from the published figures' list.
_EMAIL = re.compile(r"\b([Ee])mail")


def _grouped(text: str, whole: bool = False) -> str:
    if whole and text.isdigit() and len(text) > 3:
        return f"{int(text):,}"
    return _LONG_NUMBER.sub(lambda match: f"{int(match.group()):,}", text)


def _label(text: str) -> str:
    """A label or note as the paper prints it: thousands grouped, "e-mail" spelt so."""
    return _EMAIL.sub(r"\1-mail", _grouped(text))


def _status(row: Mapping[str, Any]) -> str:
    # A base the report leaves out, or that the reproduction reads as unclear, is not stated.
    stated = str(row.get("base_published") or "")
    if row["status"] == "reproduced on another base" and (not stated or
                                                          stated.startswith("unclear")):
        return "base not stated"
    return _STATUS_WORDS.get(row["status"], row["status"])


def reproduction_keys(rows: Sequence[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The rows of the reproduction report by the key Appendix B prints for each (B1, B2 …):
    a reader's handle, where a registry id would be jargon."""
    return {f"B{number}": row for number, row in enumerate(rows, 1)}


def reproduction_fields(key: str, row: Mapping[str, Any]) -> list[str]:
    """What Appendix B prints for one row of the reproduction report: its key, what was
    measured, the published and rebuilt values, count and base, status and note."""
    unit = "%" if row["unit"] == "percent" else ""
    counts = (f"{_grouped(str(row['numerator']), True)} / "
              f"{_grouped(str(row['denominator']), True)}" if row["denominator"] else "")
    # A year is no quantity: 2009, not 2,009; a month reads as the rebuilt one does.
    whole = row["unit"] != "year"
    published = str(row["published"])
    if row["unit"] == "month" and re.fullmatch(r"\d{4}-\d{2}", published):
        published = month_display(published)
    return [key, _label(row["quantity"]), f"{_grouped(published, whole)}{unit}",
            _grouped(str(row["rebuilt"]), whole), counts, _status(row),
            _label(row.get("note") or "")]


def reproduction_table(rows: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """What Appendix B prints, row by row, by key: `reproduction_fields`, a note's account
    of the base chosen given in full once, and named after that for the rows it holds for."""
    table: dict[str, list[str]] = {}
    account, given_at = "", ""
    for key, row in reproduction_keys(rows).items():
        fields = reproduction_fields(key, row)
        # A note's first sentence is the row's own arithmetic; the rest explains the base.
        first, _, rest = fields[-1].partition(". ")
        # A figure taken from elsewhere has no base for its note to account for.
        if rest and row.get("kind") not in ("external", "design"):
            if rest == account:
                fields[-1] = f"{first}. Base chosen as for {given_at}."
            else:
                account, given_at = rest, key
        table[key] = fields
    return table


def _reproduction(rows: Sequence[Mapping[str, str]]) -> str:
    lines = ["| | Measured | Published | Rebuilt | Count / base | Status | Note |",
             f"|:{'-' * 4}|:{'-' * 22}|:{'-' * 10}|:{'-' * 9}|:{'-' * 10}|:{'-' * 12}|:{'-' * 33}|"]
    for fields in reproduction_table(rows).values():
        lines.append("| " + " | ".join(_escape(field) for field in fields) + " |")
    return "\n".join(lines)


def _escape(text: str) -> str:
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
    # Typst prints a hyphen before a digit, after no letter or digit, as a minus sign
    # ("[ADDRESS]-6441" would read "[ADDRESS]\u22126441"), and pandoc's Typst writer drops
    # the Markdown escape: the hyphen goes to Typst escaped, as the text has it.
    return _TYPST_MINUS.sub(r"`\\-`{=typst}", escaped)


def render_pdf(markdown: str, build: Path, pdf: Path, template: Path, bibliography: Path,
               assets: Mapping[str, Path], epoch: int) -> str:
    """Render resolved Markdown to ``pdf``; return which renderer was used.

    ``assets`` maps names used in the Markdown to files copied into ``build``.
    """
    build.mkdir(parents=True, exist_ok=True)
    for name, source in assets.items():
        shutil.copyfile(source, build / name)
    (build / "paper.qmd").write_text(markdown, encoding="utf-8")
    shutil.copyfile(bibliography, build / "references.bib")
    if shutil.which("quarto"):
        for source in (template, template.parent / "_quarto.yml"):
            shutil.copyfile(source, build / source.name)
        subprocess.run(["quarto", "render", "paper.qmd", "--to", "typst"], cwd=build,
                       check=True, env={**os.environ, "SOURCE_DATE_EPOCH": str(epoch)})
        with atomic_path(pdf) as partial:
            shutil.copyfile(build / "paper.pdf", partial)
        return "quarto"
    import pypandoc
    import typst

    # Quarto resolves @fig-x cross-references itself; plain pandoc would take them for
    # citations, so they pass through to Typst, whose own references they are.
    markdown = re.sub(r"(?<![\w@])@(fig-[\w-]+)", r"`@\1`{=typst}", markdown)
    typst_source = pypandoc.convert_text(
        markdown, "typst", format="markdown",
        extra_args=["--standalone", f"--template={template.resolve()}", "--citeproc",
                    "--bibliography=references.bib", "--metadata=link-citations:true"],
        cworkdir=str(build))
    (build / "paper.typ").write_text(_with_alt_text(typst_source, markdown), encoding="utf-8")
    # PDF/UA-1: tagged, titled, in a language, every figure with its alt text; typst
    # refuses to write a PDF that is not.
    with atomic_path(pdf) as partial:
        typst.compile(str(build / "paper.typ"), output=str(partial), format="pdf",
                      root=str(build), timestamp=epoch, ignore_system_fonts=True,
                      pdf_standards=["ua-1"])
    return "pandoc+typst"


_FIGURE_ALT = re.compile(r'!\[[^\]]*\]\((?P<src>[^)\s]+)\)\{#fig-[\w-]+ fig-alt="(?P<alt>[^"]*)"\}')


def _with_alt_text(typst_source: str, markdown: str) -> str:
    """Each figure's image with the alt text its ``fig-alt`` gives, which pandoc's typst
    writer drops (Quarto's keeps it)."""
    for match in _FIGURE_ALT.finditer(markdown):
        alt = match["alt"].replace("\\", "\\\\").replace('"', '\\"')
        typst_source = typst_source.replace(f'image("{match["src"]}")',
                                            f'image("{match["src"]}", alt: "{alt}")')
    return typst_source
