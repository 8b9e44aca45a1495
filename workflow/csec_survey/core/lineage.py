"""Lineage: which raw export every artefact derives from, recorded by each rule and checked.

Every rule that reads the export, or anything made from it, writes a lineage
record beside its outputs (``results/lineage/<rule>.json``): the SHA-256 of the
configured export, and of each file it read and wrote. The records chain: an
input of one rule is an output of another, matched by path and content. Before
the paper is rendered, `check_lineage` follows the chain back from every file
the paper uses and fails unless each ends at the configured export, so that a
paper can never mix numbers, figures or quotes made from two exports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from csec_survey.core.atomic import write_text

__all__ = ["LineageError", "check_lineage", "export_sha256", "file_sha256", "read_records",
           "write_record"]

_CHUNK = 1 << 20


class LineageError(ValueError):
    """An artefact does not derive from the configured export, or the export is missing."""


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def export_sha256(path: str | Path) -> str:
    """SHA-256 of the configured export; a clear error if there is no such file."""
    if not Path(path).is_file():
        raise LineageError(
            f"the configured export {path} does not exist (config raw_export). Check the path "
            "given with --config raw_export=PATH, relative to the repository root")
    return file_sha256(path)


def write_record(path: str | Path, rule: str, export: str | None,
                 inputs: Iterable[str | Path], outputs: Iterable[str | Path],
                 gathered: Iterable[Mapping[str, Any]] = ()) -> None:
    """Record that ``rule`` made ``outputs`` from ``inputs``, deriving from export ``export``
    (None for a rule that reads nothing made from the export).

    A rule that gathers the outputs of scattered jobs passes their records as
    ``gathered``: its record then names what those jobs read instead of their
    outputs, once each output is checked to be the one its record lists, so
    that later rules need not know how many jobs there were.
    """
    read = {str(name): file_sha256(name) for name in inputs}
    for part in gathered:
        if part["export_sha256"] != export:
            raise LineageError(f"rule {rule} gathers the outputs of {part['rule']} made from "
                               "another export; rerun the build")
        for name, digest in part["outputs"].items():
            if read.pop(name, None) != digest:
                raise LineageError(f"rule {rule} gathers {name}, which is not the file "
                                   f"{part['rule']} made; rerun the build")
        read.update(part["inputs"])
    record = {"rule": rule, "export_sha256": export, "inputs": dict(sorted(read.items())),
              "outputs": {str(name): file_sha256(name) for name in sorted(map(str, outputs))}}
    write_text(path, json.dumps(record, indent=2) + "\n")


def read_records(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The lineage records in ``paths``."""
    return [json.loads(Path(path).read_text(encoding="utf-8")) for path in paths]


def check_lineage(used: Iterable[str | Path], records: Iterable[Mapping[str, Any]],
                  export_path: str | Path, export: str,
                  derived: tuple[str, ...] = ("results", ".identifying")) -> None:
    """Fail unless every file in ``used`` derives, record by record, from ``export``.

    A file derives from the export when a record lists it (same path, same
    content) among its outputs, that record was made for ``export``, and each
    of its inputs is the export itself or again derives from it. Every file
    under the ``derived`` folders (the workflow's results and its scratch for
    identifying tables) must have such a record; files elsewhere (the codebook,
    the paper's sources) end a chain.
    """
    by_output: dict[tuple[str, str], Mapping[str, Any]] = {}
    for record in records:
        for name, digest in record["outputs"].items():
            by_output[(name, digest)] = record
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()

    def follow(name: str, digest: str, used_by: str) -> None:
        if (name, digest) in seen:
            return
        seen.add((name, digest))
        if name == str(export_path):
            if digest != export:
                problems.append(f"{used_by} was made from another version of {name} "
                                f"(SHA-256 {digest[:12]}, the configured export is {export[:12]})")
            return
        record = by_output.get((name, digest))
        if record is None:
            if Path(name).parts[0] in derived:
                problems.append(f"{name} (used by {used_by}) has no lineage record: it was "
                                "replaced, or made by another build")
            return
        # Rules that read no export-derived data (design constants) record none.
        if record["export_sha256"] not in (None, export):
            problems.append(f"{name} (used by {used_by}) was made by rule {record['rule']} from "
                            f"another export (SHA-256 {record['export_sha256'][:12]}; the "
                            f"configured export {export_path} is {export[:12]})")
            return
        for parent, parent_digest in record["inputs"].items():
            follow(parent, parent_digest, name)

    for path in used:
        follow(str(path), file_sha256(path), "the paper")
    if problems:
        raise LineageError("the paper would mix artefacts of different exports:\n"
                           + "\n".join(f"  - {problem}" for problem in sorted(problems)))
