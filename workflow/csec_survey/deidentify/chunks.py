"""Chunks of respondents: how a large export is split for de-identification.

The workflow schedules one job per chunk and gathers them back in order. The
count and the bounds come from the same two numbers everywhere (the rows and
the largest chunk allowed), so the scheduler and the jobs cannot disagree;
chunks are as near equal in size as whole rows allow, so that none holds the
others up.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["chunk_count", "chunk_rows", "planned_rows"]


def planned_rows(exclusions: str | Path) -> int:
    """The rows the chunks are planned from: the responses `read_export` kept, as its
    exclusions file (``results/interim/exclusions.json``) records them."""
    with open(exclusions, encoding="utf-8") as handle:
        return int(json.load(handle)["kept"])


def chunk_count(rows: int, most: int) -> int:
    """How many chunks of at most ``most`` rows hold ``rows`` rows (at least one)."""
    if most < 1:
        raise ValueError(f"a chunk must allow at least 1 row, got {most}")
    return max(1, -(-rows // most))


def chunk_rows(chunk: int, rows: int, most: int) -> slice:
    """The rows of chunk number ``chunk`` (from 0) of ``rows``, as a slice by position."""
    count = chunk_count(rows, most)
    if not 0 <= chunk < count:
        raise ValueError(f"chunk {chunk} does not exist: {rows} rows make chunks 0 to "
                         f"{count - 1}")
    return slice(chunk * rows // count, (chunk + 1) * rows // count)
