"""Where the project keeps its inputs, relative to the repository root."""

from __future__ import annotations

from pathlib import Path

__all__ = ["INSTRUMENT", "PUBLISHED_VALUES", "ROOT", "SYNTHETIC_EXPORT", "companion_paths",
           "copy_workflow"]

ROOT = Path(__file__).resolve().parents[3]
INSTRUMENT = ROOT / "config" / "instrument.yaml"
PUBLISHED_VALUES = ROOT / "data" / "published" / "figures.csv"
SYNTHETIC_EXPORT = ROOT / "data" / "raw" / "synthetic_export.csv"

def companion_paths(export_path: str | Path) -> dict[str, Path]:
    """Where a synthetic export's ground truth and calibration record lie beside it."""
    export_path = Path(export_path)
    stem = export_path.with_suffix("")
    return {"export": export_path, "truth": Path(f"{stem}.truth.jsonl"),
            "calibration": Path(f"{stem}.calibration.json")}


_WORKFLOW_PARTS = ("Snakefile", "config", "data", "paper", "workflow/rules", "workflow/scripts",
                   "workflow/schemas", "workflow/report")


def copy_workflow(folder: Path) -> Path:
    """A scratch copy of the workflow with its config, data and paper in ``folder``.

    The package stays the installed one. Tests and benchmarks build there, so that
    the repository's own ``results/`` are never touched.
    """
    import shutil

    folder.mkdir(parents=True, exist_ok=True)
    for part in _WORKFLOW_PARTS:
        source, target = ROOT / part, folder / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
    return folder
