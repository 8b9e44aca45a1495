"""The clean suite: data expectations on the de-identified responses.

No direct identifier column, well-formed unique pseudonyms, no e-mail, phone,
IP address or profile URL left in the free text, and no respondent's own name
or e-mail in their own answers. The frame handed to Great Expectations holds
counts of matches, never the values or the free text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import DIRECT_IDENTIFIERS, METADATA_COLUMNS
from csec_survey.core.platforms import platform_mentions
from csec_survey.validate.expectations import Check, SuiteOutcome, run_suite
from csec_survey.validate.personal_data import PERSONAL_PATTERNS, contains_personal_data

__all__ = ["PSEUDONYM_PATTERN", "clean_frame", "clean_suite", "respondent_identifiers",
           "undescribed_clean_columns", "validate_clean_responses"]

PSEUDONYM_PATTERN = r"^P_[0-9a-f]{16}$"
"""The form of the keyed pseudonym that replaces ResponseId."""

_CLEAN_ROW = "_row"
# What de-identification puts in place of the response id and the timestamps.
_ADDED_COLUMNS = ("pseudonym", "response_date")


def respondent_identifiers(responses: pd.DataFrame,
                           pseudonyms: Sequence[str]) -> dict[str, list[str]]:
    """Each respondent's own full name, surname and e-mail, by pseudonym: what the clean
    suite looks for in their answers (a first name alone is too often an ordinary word)."""
    def values(name: str) -> list[str]:
        # An anonymized export has none of these columns: then nothing is looked for.
        if name not in responses.columns:
            return [""] * len(responses)
        return [str(value).strip() if pd.notna(value) else ""
                for value in responses[name].to_numpy(dtype=object)]

    firsts, lasts = values("RecipientFirstName"), values("RecipientLastName")
    return {str(p): [f"{first} {last}".strip(), last, email]
            for p, first, last, email in zip(pseudonyms, firsts, lasts,
                                             values("RecipientEmail"), strict=True)}


def undescribed_clean_columns(columns: Iterable[str], instrument: Instrument) -> list[str]:
    """Columns of a de-identified table that are neither a variable of the codebook, a
    kept Qualtrics metadata column, nor one that de-identification adds."""
    described = {column.variable for column in instrument.export_columns()}
    described |= {name for name, _, _ in METADATA_COLUMNS} | set(_ADDED_COLUMNS)
    return [name for name in columns if name not in described]


def clean_frame(clean: pd.DataFrame, instrument: Instrument,
                own_identifiers: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """The de-identified responses reduced to what the clean suite needs.

    ``own_identifiers`` maps each pseudonym to the respondent's own name and
    e-mail, kept in memory only; the frame holds counts of matches, never the
    values or the free text itself. Rows are labelled by their position
    (``_row``), so that a malformed pseudonym is never quoted.
    """
    text = [item.id for item in instrument.items if item.type == "text"]
    text += [column.variable for column in instrument.export_columns()
             if column.kind == "other_text"]
    text = [column for column in text if column in clean.columns]
    frame = pd.DataFrame(index=clean.index)
    frame[_CLEAN_ROW] = range(1, len(clean) + 1)
    frame["pseudonym"] = clean["pseudonym"] if "pseudonym" in clean.columns else None
    for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data):
        frame[f"_present_{name}"] = int(name in clean.columns)
    frame["_undescribed_columns"] = len(undescribed_clean_columns(clean.columns, instrument))
    # Each respondent's answers as plain strings: row-wise pandas is slow at scale.
    answers: list[list[str]] = [[] for _ in range(len(clean))]
    for name in text:
        for row, value in zip(answers, clean[name].to_numpy(dtype=object, na_value=None),
                              strict=True):
            if value is not None:
                row.append(str(value))
    for kind in PERSONAL_PATTERNS:
        frame[f"_{kind}_found"] = [sum(contains_personal_data(kind, value) for value in row)
                                   for row in answers]
    frame["_own_identifier_found"] = [
        _own_hits(row, own_identifiers.get(str(pseudonym), ()))
        for row, pseudonym in zip(answers, frame["pseudonym"], strict=True)
    ]
    return frame


def clean_suite(instrument: Instrument) -> list[Check]:
    """The clean suite for de-identified responses (a `clean_frame`)."""
    import great_expectations as gx

    e = gx.expectations
    checks = [Check(e.ExpectColumnMaxToBeBetween(column=f"_present_{name}", max_value=0),
                    f"the direct identifier column {name!r} is gone")
              for name in (*DIRECT_IDENTIFIERS, *instrument.embedded_data)]
    checks.append(Check(
        e.ExpectColumnMaxToBeBetween(column="_undescribed_columns", max_value=0),
        "the de-identified table holds no column that the codebook or Qualtrics does not "
        "describe"))
    checks += [
        Check(e.ExpectColumnValuesToNotBeNull(column="pseudonym"),
              "every response has a pseudonym"),
        Check(e.ExpectColumnValuesToMatchRegex(column="pseudonym", regex=PSEUDONYM_PATTERN),
              f"pseudonyms have the form {PSEUDONYM_PATTERN}"),
        Check(e.ExpectColumnValuesToBeUnique(column="pseudonym"),
              "no two responses share a pseudonym"),
    ]
    for kind in PERSONAL_PATTERNS:
        checks.append(Check(
            e.ExpectColumnValuesToBeInSet(column=f"_{kind}_found", value_set=[0]),
            f"no free-text answer contains {kind.replace('_', ' ')} pattern"))
    checks.append(Check(
        e.ExpectColumnValuesToBeInSet(column="_own_identifier_found", value_set=[0]),
        "no answer contains the respondent's own name or e-mail"))
    return checks


def validate_clean_responses(clean: pd.DataFrame, instrument: Instrument,
                             own_identifiers: Mapping[str, Sequence[str]]) -> SuiteOutcome:
    """Run the clean suite on de-identified responses (see `clean_frame`)."""
    return run_suite("clean", clean_frame(clean, instrument, own_identifiers),
                     clean_suite(instrument), _CLEAN_ROW,
                     "row of the de-identified table")


def _own_hits(answers: Sequence[str], identifiers: Sequence[str]) -> int:
    """Answers containing one of the identifiers: e-mails in any case, names as written.

    A name inside a platform or product name (a Ms Green writing of "Green Dot"
    cards) is the finding the scrubber keeps, not the respondent.
    """
    hits = 0
    for text in answers:
        for identifier in identifiers:
            email = "@" in identifier
            # A plain substring test first: almost no answer holds the identifier at all.
            if not identifier or (identifier.casefold() not in text.casefold() if email
                                  else identifier not in text):
                continue
            pattern = rf"(?<!\w){re.escape(identifier)}(?!\w)"
            kept = platform_mentions(text)
            if any(not any(start <= match.start() and match.end() <= end
                           for start, end in kept)
                   for match in re.finditer(pattern, text, re.IGNORECASE if email else 0)):
                hits += 1
    return hits
