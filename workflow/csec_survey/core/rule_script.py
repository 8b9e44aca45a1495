"""The frame of every rule script: its log, its lineage record, and one clear message on failure.

A rule script runs its body inside `rule_script`. Our messages go to the
rule's log, warnings also to the terminal. When the body succeeds, the rule's
lineage record is written (if the rule declares a ``lineage`` output). When it
fails for a reason a user can act on (a bad export, a missing key or file, a
failed expectation), the build stops with that reason, once, on the terminal
and in the log, and no Python traceback: `RuleFailed`, `ValueError` and
`FileNotFoundError` are what the package raises with such a message. Anything
else is a bug, and keeps its traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from csec_survey.core.lineage import read_records, write_record
from csec_survey.core.logs import rule_logger

__all__ = ["RuleFailed", "rule_script"]


class RuleFailed(Exception):
    """A rule cannot go on, for the reason in its message (raised by rule scripts)."""


# What the package raises with a message a user can act on (a missing pseudonymisation
# key, a malformed export or codebook, a file that is not there).
_USER_ERRORS = (RuleFailed, ValueError, FileNotFoundError)


@contextmanager
def rule_script(job: Any) -> Iterator[logging.Logger]:
    """Run a rule script's body for Snakemake's ``snakemake`` object ``job``."""
    log = rule_logger(job.log[0])
    try:
        yield log
        _record_lineage(job)
    except _USER_ERRORS as error:
        log.error("%s failed: %s", job.rule, error)  # in the log and on the terminal
        raise SystemExit(1) from None


def _record_lineage(job: Any) -> None:
    lineage = getattr(job.output, "lineage", None)
    if lineage is None:
        return
    # Inputs that are lineage records are not data the outputs derive from: ``lineage``,
    # the records of scattered jobs this rule gathers (see write_record), and
    # ``records``, those it checks.
    gathered = list(getattr(job.input, "lineage", []))
    consulted = {*gathered, *getattr(job.input, "records", [])}
    write_record(lineage, job.rule, getattr(job.params, "export_sha256", None),
                 inputs=[path for path in job.input if path not in consulted],
                 outputs=[path for path in job.output if path != lineage],
                 gathered=read_records(gathered))
