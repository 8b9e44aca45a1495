"""The values the 2014 report published (``data/published/figures.csv``), one per row.

The project calls a number the report printed a *published value*, and keeps
*figure* for a chart.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PUBLISHED_SAMPLE_SIZE", "PublishedValue", "read_published_values"]

PUBLISHED_SAMPLE_SIZE = 144
"""Complete responses the 2014 report analysed."""

_COLUMNS = ("id", "section", "quantity", "value", "unit", "base_as_published",
            "base_n_as_published", "kind", "citation", "note")


@dataclass(frozen=True)
class PublishedValue:
    """One number as the report printed it, with the base it states (if any)."""

    value_id: str
    section: str
    quantity: str
    value: str
    unit: str
    base_as_published: str
    base_n_as_published: int | None
    kind: str
    citation: str
    note: str

    @property
    def whole_value(self) -> int:
        """The printed value as a whole number (counts and percentages)."""
        return int(self.value)


def read_published_values(path: str | Path) -> list[PublishedValue]:
    """Read the published values, checking the columns and that ids are unique."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _COLUMNS:
            raise ValueError(f"{path}: expected columns {', '.join(_COLUMNS)}; "
                             f"found {', '.join(reader.fieldnames or ())}")
        values = [
            PublishedValue(
                value_id=row["id"], section=row["section"], quantity=row["quantity"],
                value=row["value"], unit=row["unit"],
                base_as_published=row["base_as_published"],
                base_n_as_published=int(row["base_n_as_published"])
                if row["base_n_as_published"] else None,
                kind=row["kind"], citation=row["citation"], note=row["note"])
            for row in reader
        ]
    ids = [value.value_id for value in values]
    repeated = sorted({fid for fid in ids if ids.count(fid) > 1})
    if repeated:
        raise ValueError(f"{path}: published value ids appear more than once: "
                         f"{', '.join(repeated)}")
    return values
