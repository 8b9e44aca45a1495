"""Which records of an export are not survey responses to analyse.

Qualtrics keeps everything: previews by the survey's authors, test
responses, spam, people who stopped half way, and people who answered twice.
Each record is dropped by the first rule that applies, in this order, so the
counts per rule add up to the records dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from csec_survey.core.export_columns import STATUS_CODES

__all__ = ["EXCLUSION_RULES", "ExclusionResult", "apply_exclusions"]

EXCLUSION_RULES: tuple[str, ...] = ("preview", "test", "spam", "incomplete", "duplicate")

_STATUS_RULE: Mapping[str, str] = {
    "Survey Preview": "preview",
    "Offline Survey Preview": "preview",
    "Preview Spam": "preview",
    "Survey Test": "test",
    "Spam": "spam",
    "Imported Spam": "spam",
}


@dataclass(frozen=True)
class ExclusionResult:
    """The kept responses, and for every record the rule that dropped it (or None)."""

    kept: pd.DataFrame
    reasons: pd.Series

    @property
    def counts(self) -> dict[str, int]:
        """Records dropped by each rule, every rule listed, plus records kept."""
        counts = {rule: int((self.reasons == rule).sum()) for rule in EXCLUSION_RULES}
        counts["kept"] = len(self.kept)
        return counts


def apply_exclusions(responses: pd.DataFrame, duplicate_key: str = "RecipientEmail",
                     ) -> ExclusionResult:
    """Drop previews, tests, spam, incomplete and repeated responses.

    A response is complete when ``Finished`` is true and ``Progress`` is 100.
    Of several complete responses with the same non-blank ``duplicate_key``
    (compared case-insensitively), the earliest recorded one is kept.
    """
    for column in ("Status", "Finished", "Progress", "RecordedDate", duplicate_key):
        if column not in responses.columns:
            raise KeyError(f"cannot apply exclusions: the export has no {column!r} column")
    status = responses["Status"].map(lambda value: STATUS_CODES.get(value, value))
    reasons = pd.Series(status.map(_STATUS_RULE), index=responses.index, dtype=object,
                        name="exclusion")
    reasons = reasons.where(reasons.notna(), None)

    finished = responses["Finished"].isin(["True", "1"])
    progress = pd.to_numeric(responses["Progress"], errors="coerce")
    incomplete = ~finished | (progress != 100)
    reasons[reasons.isna() & incomplete] = "incomplete"

    key = responses[duplicate_key].str.strip().str.lower()
    candidates = reasons.isna() & key.notna() & (key != "")
    order = pd.to_datetime(responses["RecordedDate"], errors="coerce")
    ranked = pd.DataFrame({"key": key, "order": order, "row": range(len(responses))})[candidates]
    repeated = ranked.sort_values(["order", "row"]).duplicated("key", keep="first")
    reasons[repeated[repeated].index] = "duplicate"

    kept = responses[reasons.isna()]
    return ExclusionResult(kept=kept, reasons=reasons)
