"""The columns of a Qualtrics export that are not questions: what every stage knows of them.

Qualtrics puts metadata columns (dates, status, progress, the recipient's name
and e-mail, location) before the questions; a few of them identify the
respondent. The reader, the suites, the de-identification and the generator
all work from these definitions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = ["ANONYMIZED_AWAY", "DIRECT_IDENTIFIERS", "METADATA_COLUMNS", "STATUS_CODES",
           "TIMESTAMP_COLUMNS", "ColumnMeta", "is_anonymized", "metadata_header"]


@dataclass(frozen=True)
class ColumnMeta:
    """What the second and third header rows say about one column."""

    text: str
    import_id: Mapping[str, str]


# The metadata columns Qualtrics puts before the questions, with their
# question text and ImportId, in export order.
METADATA_COLUMNS: tuple[tuple[str, str, Mapping[str, str]], ...] = (
    ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "America/New_York"}),
    ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "America/New_York"}),
    ("Status", "Response Type", {"ImportId": "status"}),
    ("IPAddress", "IP Address", {"ImportId": "ipAddress"}),
    ("Progress", "Progress", {"ImportId": "progress"}),
    ("Duration (in seconds)", "Duration (in seconds)", {"ImportId": "duration"}),
    ("Finished", "Finished", {"ImportId": "finished"}),
    ("RecordedDate", "Recorded Date",
     {"ImportId": "recordedDate", "timeZone": "America/New_York"}),
    ("ResponseId", "Response ID", {"ImportId": "_recordId"}),
    ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}),
    ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"}),
    ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}),
    ("ExternalReference", "External Data Reference", {"ImportId": "externalDataReference"}),
    ("LocationLatitude", "Location Latitude", {"ImportId": "locationLatitude"}),
    ("LocationLongitude", "Location Longitude", {"ImportId": "locationLongitude"}),
    ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"}),
    ("UserLanguage", "User Language", {"ImportId": "userLanguage"}),
)

# The metadata columns holding timestamps, in the time zone their ImportIds name.
TIMESTAMP_COLUMNS: tuple[str, ...] = ("StartDate", "EndDate", "RecordedDate")

# Response types: the numeric code Qualtrics writes and the text it writes
# instead when exporting choice text.
STATUS_CODES: Mapping[str, str] = {
    "0": "IP Address",
    "1": "Survey Preview",
    "2": "Survey Test",
    "4": "Imported",
    "8": "Spam",
    "9": "Preview Spam",
    "12": "Imported Spam",
    "16": "Offline",
    "17": "Offline Survey Preview",
}

DIRECT_IDENTIFIERS: tuple[str, ...] = (
    "IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "ExternalReference", "LocationLatitude", "LocationLongitude", "ResponseId",
)
"""Metadata columns that identify a respondent; none survives de-identification."""

ANONYMIZED_AWAY: tuple[str, ...] = (
    "IPAddress", "RecipientLastName", "RecipientFirstName", "RecipientEmail",
    "LocationLatitude", "LocationLongitude",
)
"""The columns Qualtrics leaves out of an export when "Anonymize responses" is on."""


def is_anonymized(columns: Iterable[str]) -> bool:
    """Whether an export with these columns was made with "Anonymize responses" on: it
    has none of the columns that option leaves out."""
    return set(ANONYMIZED_AWAY).isdisjoint(columns)


def metadata_header() -> dict[str, ColumnMeta]:
    """Header metadata for the standard metadata columns."""
    return {name: ColumnMeta(text=text, import_id=import_id)
            for name, text, import_id in METADATA_COLUMNS}
