"""Tests for csec_survey.core.cells: one cell by row key and column."""

import pandas as pd

from csec_survey.core.cells import CellLookup


def test_cells_are_found_by_row_key_and_column_as_pandas_gives_them():
    frame = pd.DataFrame({"pseudonym": ["P-b", "P-a"], "Q1": ["second row", None],
                          "Q2": pd.array(["x", pd.NA], dtype="string")})
    cells = CellLookup(frame, "pseudonym")
    assert cells.get("P-b", "Q1") == "second row"
    assert pd.isna(cells.get("P-a", "Q1"))
    assert pd.isna(cells.get("P-a", "Q2"))
    assert cells.get("P-b", "Q2") == frame.set_index("pseudonym").at["P-b", "Q2"]


def test_unknown_rows_and_columns_are_reported_not_found():
    cells = CellLookup(pd.DataFrame({"pseudonym": ["P-a"], "Q1": ["text"]}), "pseudonym")
    assert cells.has("P-a", "Q1")
    assert not cells.has("P-z", "Q1")
    assert not cells.has("P-a", "Q9")
