"""A synthetic export of N respondents, configured in a scratch copy of the project.

Shared by the benchmarks, which build in such a copy
(``csec_survey.core.paths.copy_workflow``) so that the repository's own ``results/`` are
never touched.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

__all__ = ["edit_config", "use_synthetic_export"]


def use_synthetic_export(project: Path, respondents: int) -> Path:
    """Write a synthetic export of ``respondents`` into ``project`` and configure it."""
    export = project / "data" / "raw" / f"export_{respondents}.csv"
    subprocess.run([sys.executable, "-m", "csec_survey.cli", "synthesize", "--out",
                    str(export), "--respondents", str(respondents)], check=True,
                   capture_output=True)

    def to_export(config: dict) -> None:
        config["raw_export"] = str(export)
        config["study"]["complete_responses"] = respondents

    edit_config(project, to_export)
    return export


def edit_config(project: Path, edit: Callable[[dict], None]) -> None:
    """Apply ``edit`` to the config of ``project`` (a scratch copy) in place."""
    config_path = project / "config" / "config.yaml"
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    edit(config)
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
