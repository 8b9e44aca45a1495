# Helpers shared by the rule files; no rules here.

from pathlib import Path

RESULTS = Path("results")
LOGS = Path("logs")


def results(*parts):
    """A path under results/."""
    return str(RESULTS.joinpath(*parts))


def logs(*parts):
    """A path under logs/."""
    return str(LOGS.joinpath(*parts))
