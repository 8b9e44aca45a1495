"""Tests for csec_survey.core.lineage: records that chain every artefact back to one export."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from csec_survey.core.lineage import (
    LineageError,
    check_lineage,
    export_sha256,
    file_sha256,
    read_records,
    write_record,
)


def test_file_sha256_matches_hashlib(tmp_path):
    small = tmp_path / "small.txt"
    small.write_bytes(b"one,two\n1,2\n")
    big = tmp_path / "big.bin"
    big.write_bytes(bytes(range(256)) * 10_000)  # 2.56 MB: several read blocks
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    for path in (small, big, empty):
        assert file_sha256(path) == hashlib.sha256(path.read_bytes()).hexdigest()
        assert file_sha256(str(path)) == file_sha256(path)


def test_a_missing_export_is_named(tmp_path):
    with pytest.raises(LineageError, match=r"data/raw/typo\.csv does not exist"):
        export_sha256("data/raw/typo.csv")


class Build:
    """A two-rule build in a scratch folder: an export, a table made from it, a number."""

    def __init__(self, root: Path, export_text: str = "id,answer\n1,yes\n") -> None:
        self.root = root
        (root / "data").mkdir(exist_ok=True)
        (root / "results" / "lineage").mkdir(parents=True, exist_ok=True)
        self.export = root / "data" / "export.csv"
        self.export.write_text(export_text)
        self.table = root / "results" / "table.csv"
        self.number = root / "results" / "number.json"
        self.records = [root / "results" / "lineage" / f"{name}.json"
                        for name in ("tabulate", "count")]

    def run(self, export: str | None = None) -> None:
        digest = export or file_sha256(self.export)
        self.table.write_text(self.export.read_text().upper())
        write_record(self.records[0], "tabulate", digest, [self.export], [self.table])
        self.number.write_text(json.dumps({"n": len(self.table.read_text().splitlines())}))
        write_record(self.records[1], "count", digest, [self.table], [self.number])


@pytest.fixture
def build(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    made = Build(Path("."))
    made.run()
    return made


def _check(build: Build) -> None:
    check_lineage([build.number], read_records(build.records), build.export,
                  file_sha256(build.export))


def test_a_build_from_one_export_passes(build):
    _check(build)
    record = json.loads(build.records[1].read_text())
    assert record["inputs"] == {str(build.table): file_sha256(build.table)}
    assert record["export_sha256"] == file_sha256(build.export)


def test_a_new_export_with_old_artefacts_fails(build):
    build.export.write_text("id,answer\n1,no\n2,yes\n")
    with pytest.raises(LineageError, match="another export"):
        _check(build)


def test_an_artefact_replaced_by_hand_fails(build):
    build.table.write_text("ID,ANSWER\n1,NO\n")
    build.number.write_text(json.dumps({"n": 99}))
    with pytest.raises(LineageError, match=r"results/number\.json .*has no lineage record"):
        _check(build)


def test_an_artefact_without_any_record_fails(build):
    with pytest.raises(LineageError, match="has no lineage record"):
        check_lineage([build.number], [], build.export, file_sha256(build.export))


def test_the_message_names_the_rule_and_both_exports(build):
    old = file_sha256(build.export)
    build.export.write_text("id,answer\n7,maybe\n")
    build.run()  # the table is rebuilt from the new export ...
    # ... but the number is left from the old one, as a stale rerun would leave it
    write_record(build.records[1], "count", old, [build.table], [build.number])
    with pytest.raises(LineageError) as error:
        _check(build)
    message = str(error.value)
    assert "rule count" in message and old[:12] in message
    assert file_sha256(build.export)[:12] in message


def test_gathering_scattered_records_names_what_they_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("results/lineage").mkdir(parents=True)
    source = Path("results/source.csv")
    source.write_text("a\nb\n")
    parts = []
    for index in range(2):
        part = Path(f"results/part{index}.csv")
        part.write_text(source.read_text().splitlines()[index])
        write_record(f"results/lineage/part{index}.json", "scatter", "e" * 64, [source], [part])
        parts.append(part)
    whole = Path("results/whole.csv")
    whole.write_text("".join(part.read_text() for part in parts))
    chunks = read_records([f"results/lineage/part{index}.json" for index in range(2)])
    write_record("results/lineage/gather.json", "gather", "e" * 64, parts, [whole], chunks)
    record = json.loads(Path("results/lineage/gather.json").read_text())
    assert record["inputs"] == {str(source): file_sha256(source)}

    parts[1].write_text("changed")
    with pytest.raises(LineageError, match=r"gathers results/part1\.csv, which is not the file"):
        write_record("results/lineage/gather.json", "gather", "e" * 64, parts, [whole], chunks)
    with pytest.raises(LineageError, match="another export"):
        write_record("results/lineage/gather.json", "gather", "f" * 64, parts[:1], [whole],
                     chunks[:1])
