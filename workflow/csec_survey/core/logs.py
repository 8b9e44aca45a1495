"""Logging for rule scripts: our messages in the rule's log, warnings on the terminal too."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

__all__ = ["rule_logger"]


class _TerminalFormat(logging.Formatter):
    """Errors as they are (they say which rule failed), warnings marked as such."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        return text if record.levelno >= logging.ERROR else f"{record.levelname}: {text}"


class _Terminal(logging.Handler):
    """Standard error as it is when a record is emitted (Snakemake passes a local job's
    through to the terminal)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stderr.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


_TERMINAL = _Terminal(logging.WARNING)
_TERMINAL.setFormatter(_TerminalFormat())


def rule_logger(path: str | Path, name: str = "csec_survey") -> logging.Logger:
    """A logger writing INFO and above to ``path`` and warnings to the terminal.

    Other libraries only log warnings, and only to ``path``.
    """
    logging.basicConfig(filename=str(path), level=logging.WARNING, force=True,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    if _TERMINAL not in logger.handlers:
        logger.addHandler(_TERMINAL)
    return logger
