"""De-identifying the typed responses: the one place that sees identifiers and lets none out.

Direct identifiers and the agency's embedded data are dropped, the response
id becomes a keyed pseudonym, timestamps become the day, and every free-text
answer is scrubbed, the respondent's own name, e-mail, agency and city
included. What leaves is the de-identified table, the offsets and types of
what was redacted (never the values), and counts for the redaction log.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from csec_survey.core.codebook import Instrument
from csec_survey.core.export_columns import DIRECT_IDENTIFIERS
from csec_survey.deidentify.pseudonyms import PseudonymKey, pseudonym
from csec_survey.deidentify.scrubber import OwnMetadata, Scrubber
from csec_survey.ingest.tidy import EXPORT_ROW

__all__ = ["Deidentified", "deidentify", "deidentify_rows", "free_text_columns", "gather",
           "own_metadata"]

_TIMESTAMPS = ("StartDate", "EndDate", "RecordedDate")
_ENTITY_COLUMNS = ["pseudonym", "column", "type", "start", "end"]


@dataclass(frozen=True)
class Deidentified:
    """The de-identified responses, what was redacted where, and the redaction counts."""

    responses: pd.DataFrame
    entities: pd.DataFrame
    redaction_log: dict[str, Any]


def free_text_columns(instrument: Instrument) -> list[str]:
    """Tidy columns that hold free text: open questions and "please specify" boxes."""
    columns = [item.variable() for item in instrument.items if item.type == "text"]
    return columns + [c.variable for c in instrument.export_columns() if c.kind == "other_text"]


def own_metadata(row: Mapping[str, Any]) -> OwnMetadata:
    """A respondent's own identifying metadata, as their answers might mention it."""
    def text(name: str) -> str:
        value = row.get(name)
        return "" if value is None or pd.isna(value) else str(value).strip()

    first, last = text("RecipientFirstName"), text("RecipientLastName")
    names = tuple(n for n in (f"{first} {last}".strip(), first, last) if n)
    return OwnMetadata(names=names, emails=tuple(e for e in (text("RecipientEmail"),) if e),
                       agencies=tuple(a for a in (text("AgencyName"),) if a),
                       places=tuple(c for c in (text("AgencyCity"),) if c))


def deidentify_rows(responses: pd.DataFrame, instrument: Instrument, key: PseudonymKey,
                    scrubber: Scrubber) -> tuple[pd.DataFrame, pd.DataFrame]:
    """De-identify some typed complete responses: the clean rows, and what was redacted.

    Rows are independent of each other, so any run of them (a chunk) can be
    done by its own job; `gather` joins the parts.
    """
    pseudonyms = [pseudonym(str(rid), key) for rid in responses["ResponseId"]]
    _refuse_collisions(pseudonyms)  # before any scrubbing: a chunk's own duplicates
    texts = [column for column in free_text_columns(instrument) if column in responses.columns]
    owners = [own_metadata(row) for row in responses.to_dict("records")]
    # Plain arrays: pandas' per-cell access would dominate on large exports.
    values = {column: responses[column].to_numpy(dtype=object, na_value=None)
              for column in texts}
    # Row by row, so that the redactions of chunks gathered in order are in the same
    # order as those of the whole table.
    cells = [(index, column) for index in range(len(responses)) for column in texts
             if values[column][index] is not None]
    scrubbed = scrubber.scrub_many((str(values[column][index]), owners[index])
                                   for index, column in cells)
    entity_rows: list[dict[str, Any]] = []
    for (index, column), result in zip(cells, scrubbed, strict=True):
        values[column][index] = result.text
        entity_rows.extend({"pseudonym": pseudonyms[index], "column": column,
                            "type": entity.type, "start": entity.start, "end": entity.end}
                           for entity in result.entities)
    clean = responses.drop(columns=[c for c in (*DIRECT_IDENTIFIERS, *instrument.embedded_data,
                                                *_TIMESTAMPS, EXPORT_ROW)
                                    if c in responses.columns])
    for column in texts:
        clean[column] = pd.Series(values[column], index=clean.index,
                                  dtype=responses[column].dtype)
    clean.insert(0, "pseudonym", pseudonyms)
    clean.insert(1, "response_date", responses["StartDate"].dt.date.astype("string"))
    entities = pd.DataFrame(entity_rows, columns=_ENTITY_COLUMNS)
    return clean.reset_index(drop=True), entities


def gather(parts: Sequence[tuple[pd.DataFrame, pd.DataFrame]], instrument: Instrument,
           demo_key: bool) -> Deidentified:
    """Join de-identified parts (`deidentify_rows`), in order, and count what was redacted."""
    if not parts:
        raise ValueError("nothing to gather: no de-identified parts")
    clean = pd.concat([part for part, _ in parts], ignore_index=True)
    _refuse_collisions(clean["pseudonym"])  # duplicates across chunks
    entities = pd.concat([found for _, found in parts], ignore_index=True)
    if entities.empty:
        entities = pd.DataFrame(columns=_ENTITY_COLUMNS)
    texts = [column for column in free_text_columns(instrument) if column in clean.columns]
    return Deidentified(responses=clean, entities=entities,
                        redaction_log=_redaction_log(clean, entities, texts, demo_key))


def deidentify(responses: pd.DataFrame, instrument: Instrument, key: PseudonymKey,
               scrubber: Scrubber) -> Deidentified:
    """De-identify the typed complete responses (as `complete_responses` gives them)."""
    return gather([deidentify_rows(responses, instrument, key, scrubber)], instrument,
                  key.is_demo)


def _refuse_collisions(pseudonyms: Sequence[str] | pd.Series) -> None:
    if pd.Series(pseudonyms).duplicated().any():
        raise ValueError("two responses share a ResponseId, so their pseudonyms collide")


def _redaction_log(clean: pd.DataFrame, entities: pd.DataFrame, columns: Sequence[str],
                   demo_key: bool) -> dict[str, Any]:
    by_question = entities.groupby(["column", "type"]).size()
    total = entities.groupby("type").size()
    redacted = entities.groupby("column")["pseudonym"].nunique()
    return {
        "note": "counts only: no redacted value is ever written",
        "pseudonym_key": "public demo key (synthetic export)" if demo_key else "secret key",
        "dropped_columns": [*DIRECT_IDENTIFIERS, *_TIMESTAMPS, "embedded data"],
        "entities_by_type": {kind: int(n) for kind, n in sorted(total.items())},
        "by_question": {
            column: {"answers": int(clean[column].notna().sum()),
                     "answers_redacted": int(redacted.get(column, 0)),
                     "entities_by_type": {kind: int(n) for (where, kind), n
                                          in sorted(by_question.items()) if where == column}}
            for column in columns
        },
    }
