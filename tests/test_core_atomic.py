"""Outputs are written whole or not at all."""

import pytest

from csec_survey.core.atomic import PARTIAL_GLOB, atomic_path, write_text


def test_the_target_appears_only_when_the_block_succeeds(tmp_path):
    target = tmp_path / "table.csv"
    with atomic_path(target) as partial:
        partial.write_text("a,b\n", encoding="utf-8")
        assert not target.exists()
        assert list(tmp_path.glob(PARTIAL_GLOB)) == [partial]
    assert target.read_text(encoding="utf-8") == "a,b\n"
    assert list(tmp_path.glob(PARTIAL_GLOB)) == []


def test_a_failed_write_leaves_the_old_file_and_no_partial_one(tmp_path):
    target = tmp_path / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_path(target) as partial:
        partial.write_text("half", encoding="utf-8")
        raise RuntimeError("killed")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert list(tmp_path.glob(PARTIAL_GLOB)) == []


def test_write_text_replaces_the_whole_file_as_utf8(tmp_path):
    target = tmp_path / "note.txt"
    target.write_text("a much longer old content\n", encoding="utf-8")
    write_text(target, "Zoë\n")
    assert target.read_bytes() == "Zoë\n".encode()
