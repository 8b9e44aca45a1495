"""Where the project keeps its inputs, relative to the repository root."""

from __future__ import annotations

from pathlib import Path

__all__ = ["INSTRUMENT", "PUBLISHED_FIGURES", "ROOT", "SYNTHETIC_EXPORT"]

ROOT = Path(__file__).resolve().parents[2]
INSTRUMENT = ROOT / "config" / "instrument.yaml"
PUBLISHED_FIGURES = ROOT / "data" / "published" / "figures.csv"
SYNTHETIC_EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"
