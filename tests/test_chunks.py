"""Tests for csec_survey.chunks: the count and bounds of de-identification chunks."""

import pytest

from csec_survey.chunks import chunk_count, chunk_rows


@pytest.mark.parametrize(("rows", "size", "count"),
                         [(0, 5000, 1), (144, 5000, 1), (5000, 5000, 1), (5001, 5000, 2),
                          (100_000, 5000, 20), (7, 2, 4)])
def test_chunk_count(rows, size, count):
    assert chunk_count(rows, size) == count


@pytest.mark.parametrize(("rows", "size"), [(144, 5000), (101, 10), (7, 2), (100, 100)])
def test_chunks_cover_every_row_once_in_order(rows, size):
    covered = [row for n in range(chunk_count(rows, size))
               for row in range(rows)[chunk_rows(n, size)]]
    assert covered == list(range(rows))


def test_bad_sizes_and_numbers_are_refused():
    with pytest.raises(ValueError, match="at least 1"):
        chunk_count(10, 0)
    with pytest.raises(ValueError, match="start at 0"):
        chunk_rows(-1, 10)
