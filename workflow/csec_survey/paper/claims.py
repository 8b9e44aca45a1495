"""Claims the paper's words make about the data, checked against the rebuilt numbers.

A sentence whose words depend on the data either takes those words from a rule
or declares the claim it makes, beside the prose, in ``paper/paper.qmd``:

- ``{{< quantifier ID >}}`` (``Quantifier`` to start a sentence) prints the word
  for a share by `QUANTIFIERS`: "nearly all", "most", "about half", "a minority"
  or "few";
- ``{{< reproduction_verdict >}}`` prints whether the rebuilt numbers reproduce
  the 2014 report's, by the reproduction report (`reproduction_words`);
- ``{{< claim KIND ARG ... >}}`` prints nothing and declares a claim of one of
  the `KINDS`, evaluated before the paper is rendered;
- ``{{< quotes QUESTION THEME N CLAIM ... >}}`` claims that what its lead-in
  describes was raised: a non-blank answer is coded to the theme and to one of the
  claims named (the points the lead-in makes, which follow the 2014 report's account:
  a small sample need not raise each of them).

Two more claims are implied by the text and its figures: every share a
paragraph cites beside a figure (``@fig-NAME``) is one the figure draws, the
same item, answers and base; and an ordering claimed over shares one panel of
a figure draws is the order of its bars.

A sentence that uses a word of the `VOCABULARY` ("most", "few", "by far" ...)
and neither prints a rule's word nor declares a claim nor cites another study
is an error: its words would not follow the data.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from csec_survey.core.codebook import Instrument
from csec_survey.core.published import PublishedValue
from csec_survey.paper.shortcodes import SHORTCODE, line_of, paragraphs, sentences
from csec_survey.reproduce.reproduction import NOT_REPRODUCED

__all__ = ["KINDS", "QUANTIFIERS", "VOCABULARY", "Claim", "ClaimData", "Verdict",
           "check_paper", "claim_data", "evaluate", "figure_agreement", "find_claims",
           "quantifier_word", "reproduction_words", "undeclared_sentences"]

# (lowest share in percent, word): the first whose bound the share reaches. "Most" starts
# just above 60%, where "about half" ends.
QUANTIFIERS = ((90.0, "nearly all"), (60.000001, "most"), (40.0, "about half"),
               (20.0, "a minority"), (0.0, "few"))

VOCABULARY = ("most", "mostly", "majority", "minority", "nearly all", "almost all", "half",
              "few", "fewer", "many", "by far", "followed by", "more often", "less often",
              "largely", "widely")
_VOCABULARY = re.compile(r"\b(" + "|".join(re.escape(w) for w in VOCABULARY) + r")\b",
                         re.IGNORECASE)
_BY_FAR_POINTS = 15.0
# Shortcodes whose words a rule picks from the data.
_WORDS_FROM_RULES = ("quantifier", "Quantifier", "reproduction_verdict")


@dataclass(frozen=True)
class Claim:
    """A claim of the paper: its kind, its arguments, and the sentence that makes it."""

    kind: str
    args: tuple[str, ...]
    sentence: str
    line: int

    @property
    def id(self) -> str:
        """How the claim is named in ``claims.json`` and by ``csec-survey explain``."""
        return f"{self.kind}({', '.join(self.args)})"


@dataclass(frozen=True)
class ClaimData:
    """What claims are evaluated against.

    ``figures`` maps a figure to its panels, each the registry ids of its bars in
    drawn order; ``wording`` maps a registry id to the codebook's and the 2014
    report's words for it; ``themes`` counts the non-blank answers coded to each
    question and theme, and ``claims`` those coded to each of a theme's claims;
    ``reproduction`` holds the reproduction report's rows.
    """

    registry: Mapping[str, Any]
    figures: Mapping[str, Sequence[Sequence[str]]] = field(default_factory=dict)
    wording: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    claims: Mapping[str, Mapping[str, Mapping[str, int]]] = field(default_factory=dict)
    reproduction: Sequence[Mapping[str, str]] = ()


def claim_data(registry: Mapping[str, Any], figure_rows: Iterable[Mapping[str, str]],
               instrument: Instrument, published: Iterable[PublishedValue],
               quotes: Mapping[str, Mapping[str, Mapping[str, Any]]],
               reproduction: Sequence[Mapping[str, str]]) -> ClaimData:
    """What claims are judged on, from the pipeline's outputs.

    ``figure_rows`` are the rows of the figures' data files (``figure``, ``panel``,
    ``registry_id``) in drawn order; ``quotes`` is what ``select_quotes`` wrote.
    """
    figures: dict[str, dict[str, list[str]]] = {}
    for row in figure_rows:
        figures.setdefault(row["figure"], {}).setdefault(row["panel"], []).append(
            row["registry_id"])
    wording = {value.value_id: value.quantity for value in published}
    items = {item.id: item for item in instrument.items}
    for number_id, entry in registry.items():
        item = items.get(entry.get("details", {}).get("item"))
        if item is not None:
            labels = [option.label for option in item.options]
            wording[number_id] = " ".join([wording.get(number_id, ""), item.wording, *labels])
    return ClaimData(
        registry=registry, figures={name: list(panels.values())
                                    for name, panels in figures.items()},
        wording=wording, reproduction=reproduction,
        themes={question: {theme: int(coded["coded"]) for theme, coded in themes.items()}
                for question, themes in quotes.items()},
        claims={question: {theme: dict(coded["claims"]) for theme, coded in themes.items()}
                for question, themes in quotes.items()})


@dataclass(frozen=True)
class Verdict:
    """Whether a claim holds, with the numbers it was judged on."""

    claim: Claim
    holds: bool
    needs: str
    values: Mapping[str, str]
    why: str = ""

    def message(self) -> str:
        """One line naming the sentence, the claim and the numbers."""
        numbers = "; ".join(f"{key} = {value}" for key, value in self.values.items())
        return (f"line {self.claim.line}, \"{self.claim.sentence}\": claim {self.claim.id} "
                f"is {'true' if self.holds else 'false'}: {numbers}"
                f"{', ' + self.why if self.why else ''}; needs {self.needs}")

    def as_json(self) -> dict[str, Any]:
        """The verdict as written to ``results/provenance/claims.json``."""
        return {"claim": self.claim.id, "kind": self.claim.kind, "args": list(self.claim.args),
                "sentence": self.claim.sentence, "line": self.claim.line,
                "predicate": KINDS[self.claim.kind][0] if self.claim.kind in KINDS
                else self.needs, "values": dict(self.values), "holds": self.holds,
                **({"why": self.why} if self.why else {})}


def quantifier_word(share: float) -> str:
    """The word `QUANTIFIERS` gives a share in percent."""
    return next(word for lowest, word in QUANTIFIERS if share >= lowest)


def reproduction_words(rows: Iterable[Mapping[str, str]]) -> str:
    """What the rebuilt numbers do to the 2014 report's: reproduce them, unless the
    reproduction report finds a survey value that does not come out again."""
    if any(row["status"] == NOT_REPRODUCED for row in rows):
        return "depart from some of the original report's figures (Appendix B lists where)"
    return "reproduce the original report's figures"


def _each(test: Callable[[float], bool]) -> Callable[[Claim, ClaimData], tuple[bool, str]]:
    def check(claim: Claim, data: ClaimData) -> tuple[bool, str]:
        failing = [i for i in claim.args if not test(_share(i, data))]
        return not failing, f"{', '.join(failing)} fails it" if failing else ""
    return check


def _order(claim: Claim, data: ClaimData) -> tuple[bool, str]:
    groups = [group.split("+") for group in claim.args]
    for upper, lower in pairwise(groups):
        for high in upper:
            for low in lower:
                if _share(high, data) < _share(low, data):
                    return False, f"{low} is above {high}, which the sentence puts first"
    return True, ""


def _by_far(claim: Claim, data: ClaimData) -> tuple[bool, str]:
    first, *others = claim.args
    close = [o for o in others if _share(first, data) - _share(o, data) < _BY_FAR_POINTS]
    return not close, f"{', '.join(close)} within {_BY_FAR_POINTS:g} points" if close else ""


def _reported(claim: Claim, data: ClaimData) -> tuple[bool, str]:
    words = {w.lower() for w in _VOCABULARY.findall(claim.sentence)}
    wording = " ".join(data.wording.get(i, "") for i in claim.args).lower()
    missing = sorted(w for w in words if not re.search(rf"\b{re.escape(w)}\b", wording))
    for number_id in claim.args:
        _share(number_id, data)
    return not missing, (f"{', '.join(repr(w) for w in missing)} is not the codebook's or "
                         "the report's wording" if missing else "")


def _raised(claim: Claim, data: ClaimData) -> tuple[bool, str]:
    question, theme, *claims = claim.args
    if not data.themes.get(question, {}).get(theme, 0):
        return False, "no non-blank answer is coded to the theme"
    coded = data.claims.get(question, {}).get(theme, {})
    if not any(coded.get(name, 0) for name in claims):
        return False, "no non-blank answer is coded to any of the claims named"
    return True, ""


# kind -> (the predicate in words, its test)
KINDS: dict[str, tuple[str, Callable[[Claim, ClaimData], tuple[bool, str]]]] = {
    "nearly_all": ("each share is 90% or more", _each(lambda v: v >= 90)),
    "most": ("each share is more than 50%", _each(lambda v: v > 50)),
    "about_half": ("each share is from 40% to 60%", _each(lambda v: 40 <= v <= 60)),
    "nearly_half": ("each share is from 40% to under 50%", _each(lambda v: 40 <= v < 50)),
    "minority": ("each share is under 50%", _each(lambda v: v < 50)),
    "many": ("each share is 20% or more", _each(lambda v: v >= 20)),
    "few": ("each share is under 20%", _each(lambda v: v < 20)),
    "order": ("no share of a group (ids joined by +) is below one of a later group", _order),
    "by_far": (f"the first share is at least {_BY_FAR_POINTS:g} points above each other one",
               _by_far),
    "reported": ("the sentence's quantifiers are the codebook's or the 2014 report's wording "
                 "of the answers counted", _reported),
    "raised": ("a non-blank answer of the theme is coded to one of the claims named",
               _raised),
}


class _NoShare(ValueError):
    pass


def _share(number_id: str, data: ClaimData) -> float:
    entry = data.registry.get(number_id)
    if entry is None:
        raise KeyError(f"claim names {number_id!r}, which is no registry entry")
    if entry.get("kind") != "percent":
        raise ValueError(f"claim names {number_id!r}, a {entry.get('kind')}, not a share")
    if not isinstance(entry["value"], (int, float)):
        raise _NoShare(f"{number_id} has no share: no one answered")
    return float(entry["value"])


def _shown(number_id: str, data: ClaimData) -> str:
    entry = data.registry.get(number_id, {})
    counts = (f" ({entry['numerator']} / {entry['denominator']})"
              if entry.get("denominator") else "")
    return f"{entry.get('display', '?')}{counts}"


def find_claims(source: str) -> list[Claim]:
    """Every claim the source declares, prints by rule, or implies with a quotes block."""
    claims = []
    for paragraph, offset in paragraphs(source):
        in_paragraph = sentences(paragraph, offset)
        for match in SHORTCODE.finditer(paragraph):
            name, args = match.group(1), tuple(match.group(2).split())
            position = offset + match.start()
            if name == "claim":
                if not args or args[0] not in KINDS or args[0] == "raised":
                    raise ValueError(f"line {line_of(source, position)}: unknown claim "
                                     f"{' '.join(args)!r}; the kinds are "
                                     f"{', '.join(k for k in KINDS if k != 'raised')}")
                kind, args = args[0], args[1:]
            elif name in _WORDS_FROM_RULES:
                kind = "quantifier" if name != "reproduction_verdict" else name
            elif name == "quotes":
                kind, args = "raised", args[:2] + args[3:]
            else:
                continue
            sentence = (_lead_in(source, offset) if kind == "raised" else
                        next(text for start, end, text in in_paragraph if start <= position < end))
            claims.append(Claim(kind, args, sentence, line_of(source, position)))
    return claims


def undeclared_sentences(source: str) -> list[str]:
    """Sentences that use the claim vocabulary but neither declare nor print a claim.

    Headings, quotes blocks, sentences citing another study (``[@key]``: the claim
    is that study's) and everything from the reference list on are left out.
    """
    found = []
    for paragraph, offset in paragraphs(source.split("\n# References")[0]):
        if paragraph.lstrip().startswith(("#", "{{< quotes")):
            continue
        for start, end, text in sentences(paragraph, offset):
            words = _VOCABULARY.findall(text)
            declared = any(m.group(1) in ("claim", *_WORDS_FROM_RULES)
                           for m in SHORTCODE.finditer(source, start, end))
            if words and "[@" not in text and not declared:
                found.append(f"line {line_of(source, start)}, \"{text}\": says "
                             f"{', '.join(repr(w.lower()) for w in words)} but declares no "
                             "claim (add {{< claim KIND ID ... >}}, see the README)")
    return found


def check_paper(source: str, data: ClaimData) -> list[Verdict]:
    """Every claim of the source judged against ``data``, with text and figure agreement.

    A sentence that uses the claim vocabulary without declaring a claim, a claim of
    an unknown kind or over an unknown id, and theme claims with no answer coded at
    all (no coding file) are errors.
    """
    undeclared = undeclared_sentences(source)
    if undeclared:
        raise ValueError("sentences whose words depend on the data declare no claim:\n  - "
                         + "\n  - ".join(undeclared))
    claims = find_claims(source)
    if not data.themes and any(claim.kind == "raised" for claim in claims):
        # Every theme claim would be false for want of a coder, not of answers: say so once.
        raise ValueError("no answer of this export is coded to a theme, so the paper's "
                         "accounts of what investigators said cannot be checked: set "
                         "paper.quote_coding to your coders' file (pseudonym,question,theme,"
                         "claims,exemplar); only a synthetic export is coded from its ground truth")
    return evaluate(claims, data) + figure_agreement(source, data)


def evaluate(claims: Sequence[Claim], data: ClaimData) -> list[Verdict]:
    """Judge each claim, and the agreement of text and figures, against ``data``."""
    verdicts = []
    for claim in claims:
        if claim.kind == "quantifier":
            (number_id,) = claim.args
            word = quantifier_word(_share(number_id, data))
            verdicts.append(Verdict(claim, True, f"the word for the share: {word!r}",
                                    {number_id: _shown(number_id, data)}))
            continue
        if claim.kind == "reproduction_verdict":
            words = reproduction_words(data.reproduction)
            verdicts.append(Verdict(claim, True, f"the words for the reproduction: {words!r}",
                                    _values(claim, data)))
            continue
        predicate, test = KINDS[claim.kind]
        try:
            holds, why = test(claim, data)
        except _NoShare as error:
            holds, why = False, str(error)
        values = _values(claim, data)
        verdicts.append(Verdict(claim, holds, predicate, values, why))
        if claim.kind == "order":
            verdicts.extend(_bar_order(claim, data))
    return verdicts


def _values(claim: Claim, data: ClaimData) -> dict[str, str]:
    if claim.kind == "raised":
        question, theme, *claims = claim.args
        coded = data.claims.get(question, {}).get(theme, {})
        return {f"{question}/{theme}":
                f"{data.themes.get(question, {}).get(theme, 0)} answers coded",
                **{f"{question}/{theme}/{name}": f"{coded.get(name, 0)} answers coded"
                   for name in claims}}
    if claim.kind == "reproduction_verdict":
        counts: dict[str, int] = {}
        for row in data.reproduction:
            counts[row["status"]] = counts.get(row["status"], 0) + 1
        return {status: str(count) for status, count in counts.items()}
    return {i: _shown(i, data) for arg in claim.args for i in arg.split("+")}


def _lead_in(source: str, offset: int) -> str:
    """The last sentence before a quotes block: the text that says what the quotes show."""
    before = [p for p in paragraphs(source[:offset]) if not p[0].lstrip().startswith("{{<")]
    if not before:
        return ""
    last = sentences(*before[-1])
    return last[-1][2] if last else ""


def _definition(number_id: str, registry: Mapping[str, Any]) -> tuple[Any, ...]:
    """What a share measures: its item, the answers counted, and its base."""
    entry = registry.get(number_id, {})
    details = entry.get("details", {})
    codes = details.get("codes") or details.get("options") or (
        [details["answer"]] if "answer" in details else [])
    return (details.get("item"), tuple(sorted(map(str, codes))), str(details.get("range")),
            entry.get("denominator"))


def figure_agreement(source: str, data: ClaimData) -> list[Verdict]:
    """Each share a paragraph cites beside ``@fig-NAME`` is one that figure draws."""
    verdicts = []
    for paragraph, offset in paragraphs(source):
        for figure in dict.fromkeys(re.findall(r"@fig-([\w-]+)", paragraph)):
            drawn = {_definition(i, data.registry): i
                     for panel in data.figures.get(figure, []) for i in panel}
            in_paragraph = sentences(paragraph, offset)
            for match in SHORTCODE.finditer(paragraph):
                number_id = match.group(2).split()[0] if match.group(1) == "num" else ""
                if data.registry.get(number_id, {}).get("kind") != "percent":
                    continue
                position = offset + match.start()
                sentence = next(text for start, end, text in in_paragraph
                                if start <= position < end)
                claim = Claim("drawn", (figure, number_id), sentence, line_of(source, position))
                twin = drawn.get(_definition(number_id, data.registry))
                verdicts.append(Verdict(
                    claim, twin is not None, f"figure {figure} draws the same item, answers "
                    "and base", {number_id: _shown(number_id, data)},
                    f"drawn as {twin}" if twin else f"figure {figure} draws no such bar"))
    return verdicts


def _bar_order(claim: Claim, data: ClaimData) -> list[Verdict]:
    ids = [i for arg in claim.args for i in arg.split("+")]
    wanted = {_definition(i, data.registry): i for i in ids}
    for figure, panels in data.figures.items():
        for panel in panels:
            position = {wanted[d]: n for n, i in enumerate(panel)
                        if (d := _definition(i, data.registry)) in wanted}
            if len(position) < len(ids):
                continue
            groups = [arg.split("+") for arg in claim.args]
            wrong = [(a, b) for upper, lower in pairwise(groups)
                     for a in upper for b in lower if position[a] > position[b]]
            order = Claim("bar_order", (figure, *claim.args), claim.sentence, claim.line)
            verdicts = [Verdict(order, not wrong, f"the bars of figure {figure} are in the "
                                "sentence's order", {i: f"bar {position[i] + 1}" for i in ids},
                                f"{wrong[0][1]} is drawn above {wrong[0][0]}" if wrong else "")]
            return verdicts
    return []

