"""The number registry: every number the paper prints, with its whole trail.

Each entry is keyed by a stable dotted id (``tech.most_cases``) and says its
exact value, the string the paper prints, what kind of number it is, its
numerator, denominator and base where it is a share, the rule and script that
made it, and the SHA-256 of every input file. Rules write registry fragments;
`merge_fragments` joins them into ``results/numbers.json``, refusing an id
that two fragments claim.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from csec_survey.core.atomic import write_text
from csec_survey.core.granularity import percent_display
from csec_survey.core.lineage import file_sha256

__all__ = ["Number", "config_hashes", "input_hashes", "merge_fragments", "read_registry",
           "write_fragment"]


@dataclass(frozen=True)
class Number:
    """One registry entry."""

    id: str
    value: float | int | str
    display: str
    kind: str
    rule: str
    script: str
    inputs: Mapping[str, str]
    quantity: str = ""
    numerator: int | None = None
    denominator: int | None = None
    base: str | None = None
    citation: str | None = None
    interval95: tuple[float, float] | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def share(cls, id: str, numerator: int, denominator: int, **trail: Any) -> Number:
        """A percentage of ``denominator`` respondents, printed as a whole percent."""
        if denominator <= 0:
            return cls(id=id, value="n/a", display="n/a", kind="percent", numerator=numerator,
                       denominator=denominator, **trail)
        return cls(id=id, value=float(Fraction(100 * numerator, denominator)),
                   display=f"{percent_display(numerator, denominator)}%", kind="percent",
                   numerator=numerator, denominator=denominator, **trail)

    @classmethod
    def count(cls, id: str, value: int, **trail: Any) -> Number:
        """A count of respondents or records, printed with thousands separators."""
        return cls(id=id, value=int(value), display=f"{int(value):,}", kind="count", **trail)

    def as_json(self) -> dict[str, Any]:
        """The entry as written to the registry (id as the key, not a field)."""
        data = {key: value for key, value in asdict(self).items()
                if key != "id" and value not in (None, {}, "")}
        if self.interval95 is not None:
            data["interval95"] = [round(bound, 6) for bound in self.interval95]
        return data


def input_hashes(paths: Iterable[str | Path]) -> dict[str, str]:
    """``{path: sha256}`` for the inputs of a rule."""
    return {str(path): file_sha256(path) for path in paths}


def config_hashes(section: str, values: Mapping[str, Any],
                  config_file: str = "config/config.yaml") -> dict[str, str]:
    """``{"config/config.yaml#section": sha256}`` of the one config section a rule read.

    A rule that reads a section of the config has it as a parameter, not the file
    as an input, so that editing another section does not rerun it; its trail
    hashes what it read (as canonical JSON).
    """
    canonical = json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)
    return {f"{config_file}#{section}": hashlib.sha256(canonical.encode("utf-8")).hexdigest()}


def write_fragment(numbers: Iterable[Number], path: str | Path) -> None:
    """Write registry entries to a fragment file, sorted by id."""
    entries = {number.id: number.as_json() for number in numbers}
    write_text(path, json.dumps(dict(sorted(entries.items())), indent=2, ensure_ascii=False)
               + "\n")


def merge_fragments(paths: Iterable[str | Path]) -> dict[str, Any]:
    """Join fragments into one registry; an id claimed twice is an error."""
    registry: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for path in paths:
        for number_id, entry in json.loads(Path(path).read_text(encoding="utf-8")).items():
            if number_id in registry:
                raise ValueError(f"registry id {number_id!r} is produced by both "
                                 f"{origin[number_id]} and {path}")
            registry[number_id] = entry
            origin[number_id] = str(path)
    return dict(sorted(registry.items()))


def read_registry(path: str | Path) -> dict[str, Any]:
    """The registry written by the pipeline (``results/numbers.json``)."""
    return json.loads(Path(path).read_text(encoding="utf-8"))
