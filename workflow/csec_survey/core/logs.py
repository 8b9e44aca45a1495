"""Logging for rule scripts: our messages in the rule's log, library chatter kept out."""

from __future__ import annotations

import logging
from pathlib import Path

__all__ = ["rule_logger"]


def rule_logger(path: str | Path, name: str = "csec_survey") -> logging.Logger:
    """A logger writing INFO and above to ``path``; other libraries only log warnings there."""
    logging.basicConfig(filename=str(path), level=logging.WARNING,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    return logger
