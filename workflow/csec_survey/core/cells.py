"""One cell of a table by row key and column, without pandas' per-cell cost.

Quote selection and the scrubber's evaluation look up answers one at a time,
hundreds of thousands of them in a large export; `DataFrame.at` on each would
dominate their run time.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["CellLookup"]


class CellLookup:
    """Cells of ``frame`` by the value of its ``key`` column; columns are converted to
    plain arrays the first time they are asked for."""

    def __init__(self, frame: pd.DataFrame, key: str) -> None:
        self._frame = frame
        self._row = {value: index for index, value in enumerate(frame[key])}
        self._columns: dict[str, Any] = {}

    def has(self, row_key: Any, column: str) -> bool:
        """Whether the table has a row with this key and a column of this name."""
        return row_key in self._row and column in self._frame.columns

    def get(self, row_key: Any, column: str) -> Any:
        """The cell's value (missing values as pandas reads them)."""
        if column not in self._columns:
            self._columns[column] = self._frame[column].to_numpy(dtype=object)
        return self._columns[column][self._row[row_key]]
