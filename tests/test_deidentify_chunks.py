"""Tests for csec_survey.deidentify.chunks: the count and bounds of de-identification chunks."""

import pytest

from csec_survey.deidentify.chunks import chunk_count, chunk_rows, planned_rows


@pytest.mark.parametrize(("rows", "most", "count"),
                         [(0, 8000, 1), (144, 8000, 1), (8000, 8000, 1), (8001, 8000, 2),
                          (10_000, 8000, 2), (100_000, 8000, 13), (100_000, 7500, 14),
                          (7, 2, 4)])
def test_chunk_count(rows, most, count):
    assert chunk_count(rows, most) == count


@pytest.mark.parametrize(("rows", "most"), [(144, 8000), (101, 10), (7, 2), (100, 100),
                                            (10_000, 8000), (100_000, 8000), (0, 5)])
def test_chunks_cover_every_row_once_in_order_and_evenly(rows, most):
    count = chunk_count(rows, most)
    chunks = [range(rows)[chunk_rows(n, rows, most)] for n in range(count)]
    assert [row for chunk in chunks for row in chunk] == list(range(rows))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= most
    assert max(sizes) - min(sizes) <= 1


def test_bad_sizes_and_numbers_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        chunk_count(10, 0)
    with pytest.raises(ValueError, match="chunks 0 to 1"):
        chunk_rows(2, 10, 5)
    with pytest.raises(ValueError, match="does not exist"):
        chunk_rows(-1, 10, 5)


def test_planned_rows_are_the_responses_read_export_kept(tmp_path):
    exclusions = tmp_path / "exclusions.json"
    exclusions.write_text('{"preview": 2, "test": 0, "spam": 0, "incomplete": 5, '
                          '"duplicate": 1, "kept": 144}\n', encoding="utf-8")
    assert planned_rows(exclusions) == 144
