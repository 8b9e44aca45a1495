"""Which records of an export are not survey responses to analyse.

Qualtrics keeps everything: previews by the survey's authors, test
responses, spam, people who stopped half way, and people who answered twice.
Each record is dropped by the first rule that applies, in this order, so the
counts per rule add up to the records dropped.

Two rules follow what the export holds. Repeated responses are found by the
configured key (``RecipientEmail``); an export without it (made with
"Anonymize responses") or with it masked (``*******``, which Qualtrics
writes where a user may not see contact data) falls back to
``ExternalReference``, and without that no record counts as a repeat. And
records Qualtrics imported (response type "Imported") have no progress and
often no finished flag: a blank is taken as complete, since an imported
response is one the researcher chose to load.
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


# Where the configured key is missing or masked, the next the export may have.
_FALLBACK_KEYS = ("ExternalReference",)
_MASKED = r"\*+"


@dataclass(frozen=True)
class ExclusionResult:
    """The kept responses, and for every record the rule that dropped it (or None)."""

    kept: pd.DataFrame
    reasons: pd.Series
    # The column repeats were found by (None: no usable one), and imported records
    # taken as complete for lack of a progress or finished value.
    duplicate_key: str | None = None
    imported_taken_as_complete: int = 0

    def explained(self) -> dict[str, str]:
        """Why each rule drops what it drops, in words (for ``inspect``)."""
        key = (f"the same {self.duplicate_key} as an earlier complete response"
               if self.duplicate_key else
               "none: the export has no usable key (e-mail or external reference)")
        return {"preview": "response type Survey Preview (or its offline or spam form)",
                "test": "response type Survey Test", "spam": "response type Spam",
                "incomplete": "not finished, or progress below 100 (imported records with "
                              f"neither: taken as complete, {self.imported_taken_as_complete})",
                "duplicate": key}

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
    for column in ("Status", "Finished", "Progress", "RecordedDate"):
        if column not in responses.columns:
            raise KeyError(f"cannot apply exclusions: the export has no {column!r} column")
    status = responses["Status"].map(lambda value: STATUS_CODES.get(value, value))
    reasons = pd.Series(status.map(_STATUS_RULE), index=responses.index, dtype=object,
                        name="exclusion")
    reasons = reasons.where(reasons.notna(), None)

    imported = status == "Imported"
    unrecorded = imported & responses["Finished"].isna() & responses["Progress"].isna()
    finished = responses["Finished"].isin(["True", "1"]) | unrecorded
    progress = pd.to_numeric(responses["Progress"], errors="coerce").mask(unrecorded, 100)
    incomplete = ~finished | (progress != 100)
    reasons[reasons.isna() & incomplete] = "incomplete"

    used = _usable_key(responses, duplicate_key)
    if used is None:
        return ExclusionResult(kept=responses[reasons.isna()], reasons=reasons,
                               imported_taken_as_complete=int(unrecorded.sum()))
    key = responses[used].str.strip().str.lower()
    key = key.mask(key.str.fullmatch(_MASKED).fillna(False).astype(bool), None)
    candidates = reasons.isna() & key.notna() & (key != "")
    order = pd.to_datetime(responses["RecordedDate"], errors="coerce")
    ranked = pd.DataFrame({"key": key, "order": order, "row": range(len(responses))})[candidates]
    repeated = ranked.sort_values(["order", "row"]).duplicated("key", keep="first")
    reasons[repeated[repeated].index] = "duplicate"

    kept = responses[reasons.isna()]
    return ExclusionResult(kept=kept, reasons=reasons, duplicate_key=used,
                           imported_taken_as_complete=int(unrecorded.sum()))


def _usable_key(responses: pd.DataFrame, configured: str) -> str | None:
    """The first of the configured key and its fallbacks that holds a value, unmasked."""
    for name in (configured, *_FALLBACK_KEYS):
        if name in responses.columns:
            values = responses[name].dropna().str.strip()
            if (values.ne("") & ~values.str.fullmatch(_MASKED)).any():
                return name
    return None
