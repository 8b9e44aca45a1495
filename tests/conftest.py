"""Shared test helpers: a scratch copy of the project, and Snakemake run inside it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

# Test helpers (such as corrupt_exports) import as top-level modules.
sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]


def copy_project(folder: Path) -> Path:
    """The workflow, its config and data, copied to ``folder`` (the package stays installed)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("Snakefile", "config", "data", "paper"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    for name in ("rules", "scripts", "schemas", "report"):
        shutil.copytree(ROOT / "workflow" / name, folder / "workflow" / name)
    return folder


def run_snakemake(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run Snakemake in ``project`` with two cores; extra environment variables in ``env``."""
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "2", "--directory", str(project),
         "--snakefile", str(project / "Snakefile"), *args],
        capture_output=True, text=True, check=False, timeout=1200, env={**os.environ, **env})
