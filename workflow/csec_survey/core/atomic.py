"""Outputs that exist whole or not at all.

A build can be killed at any moment (by a user, a scheduler's time limit, the
out-of-memory killer), with no chance for Snakemake to delete what a job was
writing. Every rule output is therefore written under a hidden partial name
beside its target and renamed over it once complete: a rename within a folder
is atomic, so a reader finds the old file, the new one, or none, never half of
one. A partial file a killed job leaves behind is deleted by the next build
(see `PARTIAL_GLOB`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["PARTIAL_GLOB", "atomic_path", "write_text"]

# The partial files of a folder tree, as a glob for `Path.rglob`.
PARTIAL_GLOB = ".*.partial"


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A path to write ``path``'s content to; renamed to ``path`` when the block succeeds,
    deleted when it fails."""
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        yield partial
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, whole or not at all."""
    with atomic_path(path) as partial:
        partial.write_text(text, encoding="utf-8")
