"""Chunks of respondents: how a large export is split for de-identification.

The workflow schedules one job per chunk and gathers them back in order; the
count and the bounds come from the same two numbers everywhere (the rows and
the chunk size), so the scheduler and the jobs cannot disagree.
"""

from __future__ import annotations

__all__ = ["chunk_count", "chunk_rows"]


def chunk_count(rows: int, size: int) -> int:
    """How many chunks of at most ``size`` rows hold ``rows`` rows (at least one)."""
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    return max(1, -(-rows // size))


def chunk_rows(chunk: int, size: int) -> slice:
    """The rows of chunk number ``chunk`` (from 0), as a slice by position."""
    if chunk < 0:
        raise ValueError(f"chunk numbers start at 0, got {chunk}")
    return slice(chunk * size, (chunk + 1) * size)
