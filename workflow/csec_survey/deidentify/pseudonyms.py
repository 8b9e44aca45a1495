"""Keyed pseudonyms for response ids, and where the key comes from.

A pseudonym is an HMAC-SHA256 of the ResponseId under a secret key: stable
across rebuilds, useless to anyone without the key. The key is read from an
environment variable named in the config and never from the repository. The
committed synthetic export, and only that, may fall back to a documented,
public demo key, with a warning: its "respondents" are fake.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DEMO_KEY", "MissingKeyError", "PseudonymKey", "key_from_config", "pseudonym",
           "resolve_key"]

DEMO_KEY = b"csec-survey demo key: public, for the synthetic export only"
"""The documented key of the synthetic demo. Public, so it protects nothing."""


class MissingKeyError(ValueError):
    """No pseudonymisation key for an export that needs a real one."""


@dataclass(frozen=True)
class PseudonymKey:
    """The key, and whether it is the public demo key."""

    secret: bytes
    is_demo: bool


def pseudonym(response_id: str, key: PseudonymKey | bytes) -> str:
    """The pseudonym of one response id: ``P_`` and 16 hexadecimal digits."""
    secret = key.secret if isinstance(key, PseudonymKey) else key
    digest = hmac.new(secret, response_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P_{digest[:16]}"


def resolve_key(variable: str, export: str | Path, demo_exports: Iterable[str | Path],
                ) -> PseudonymKey:
    """The key from environment variable ``variable``; the demo key for a demo export only."""
    value = os.environ.get(variable, "")
    if value:
        if len(value) < 16:
            raise MissingKeyError(f"the key in ${variable} is shorter than 16 characters; "
                                  "use a long random secret")
        return PseudonymKey(value.encode("utf-8"), is_demo=False)
    if Path(export).resolve() in {Path(path).resolve() for path in demo_exports}:
        return PseudonymKey(DEMO_KEY, is_demo=True)
    raise MissingKeyError(
        f"no pseudonymisation key: set the environment variable ${variable} to a long random "
        f"secret (for example: export {variable}=$(python -c 'import secrets; "
        "print(secrets.token_hex(32))')) and keep it out of the repository. Only the "
        "committed synthetic export may use the public demo key")


def key_from_config(deidentification: Mapping[str, Any], export: str | Path) -> PseudonymKey:
    """The key for ``export`` as the ``deidentification`` section of the config says."""
    return resolve_key(deidentification["key_env"], export,
                       deidentification["demo_key_exports"])
