"""The provenance of one registry number, or of one claim of the paper, in words a reviewer
can follow."""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["explain", "explain_claim", "paper_mentions"]


def paper_mentions(number_id: str, paper: Path) -> list[str]:
    """``file:line`` of each place the paper's sources cite the number."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(number_id)}(?!\w|\.\w)")
    found = []
    for source in sorted(paper.glob("*.qmd")) if paper.is_dir() else []:
        for line_number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{source}:{line_number}")
    return found


def explain(number_id: str, registry: Mapping[str, Any], paper: Path,
            reproduction: Path | None = None,
            claims: Sequence[Mapping[str, Any]] = ()) -> str:
    """A paragraph-per-question account of where ``number_id`` came from.

    ``claims`` are the paper's checked claims (``results/provenance/claims.json``);
    those that name the number are listed with their verdicts.
    """
    if number_id not in registry:
        close = [key for key in registry if key.split(".")[0] == number_id.split(".")[0]]
        hint = f" Ids in the same group: {', '.join(close)}." if close else ""
        raise KeyError(f"no number {number_id!r} in the registry.{hint}")
    entry = registry[number_id]
    lines = [f"{number_id}: {entry['display']}"
             + (f" ({entry['quantity']})" if entry.get("quantity") else "")]
    lines.append(f"  value: {entry['value']} ({entry['kind']})")
    if entry.get("denominator"):
        lines.append(f"  computed as: {entry['numerator']} / {entry['denominator']}"
                     f" = {entry['value']:.4f}%, printed rounded half up")
    elif entry.get("denominator") == 0:
        lines.append("  computed as: no one answered, so there is no share to print")
    elif entry.get("numerator") is not None:
        lines.append(f"  computed as: a count of {entry['numerator']}")
    if entry.get("base"):
        lines.append(f"  base: {entry['base']}")
    if entry.get("interval95"):
        low, high = entry["interval95"]
        lines.append(f"  95% interval (Wilson): {low:.1f}% to {high:.1f}%")
    details = entry.get("details") or {}
    if details:
        lines.append("  definition: " + "; ".join(f"{k} = {v}" for k, v in details.items()))
    if entry.get("citation"):
        lines.append(f"  cited from: {entry['citation']} (paper/references.bib)")
    lines.append(f"  made by: rule {entry['rule']}, script {entry['script']}")
    lines.append("  from inputs:")
    lines.extend(f"    {path}  sha256 {digest}" for path, digest in entry["inputs"].items())
    mentions = paper_mentions(number_id, paper)
    lines.append("  in the paper: " + (", ".join(mentions) if mentions
                                       else "not cited in the paper's sources"))
    if reproduction is not None and reproduction.exists():
        with reproduction.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["id"] == number_id:
                    lines.append(f"  published in 2014: {row['published']}"
                                 f"{'%' if row['unit'] == 'percent' else ''}"
                                 f" ({row['base_published'] or 'no base stated'});"
                                 f" status: {row['status']}")
                    if row["note"]:
                        lines.append(f"  note: {row['note']}")
    about = [claim for claim in claims
             if number_id in {part for arg in claim["args"] for part in arg.split("+")}]
    if about:
        lines.append("  claims the paper makes with it:")
        lines.extend(f"    {claim['claim']}: {'true' if claim['holds'] else 'false'} "
                     f"(line {claim['line']})" for claim in about)
    return "\n".join(lines)

def explain_claim(claim_id: str, claims: Sequence[Mapping[str, Any]], source: str) -> str:
    """A claim of ``claims.json`` in words: its sentence, predicate, values and verdict.

    ``claim_id`` is a claim's id (``most(demo.male)``) or ``line:N`` for every claim
    made on line N of ``source``, the paper's source.
    """
    if claim_id.startswith("line:"):
        found = [c for c in claims if str(c["line"]) == claim_id.partition(":")[2]]
    else:
        found = [c for c in claims if c["claim"] == " ".join(claim_id.split())]
    if not found:
        kinds = ", ".join(sorted({c["kind"] for c in claims}))
        raise KeyError(f"no claim {claim_id!r} in the paper's claims; claims are named like "
                       f"most(demo.male) or line:N, and their kinds are {kinds}")
    lines = []
    for claim in found:
        lines.append(f"{claim['claim']}: {'true' if claim['holds'] else 'false'}")
        lines.append(f"  sentence: \"{claim['sentence']}\" ({source}:{claim['line']})")
        lines.append(f"  claims: {claim['predicate']}")
        lines.extend(f"  {key} = {value}" for key, value in claim["values"].items())
        if claim.get("why"):
            lines.append(f"  found: {claim['why']}")
        lines.append("  checked by: rule check_claims, script workflow/scripts/check_claims.py "
                     "(results/provenance/claims.json)")
    return "\n".join(lines)
