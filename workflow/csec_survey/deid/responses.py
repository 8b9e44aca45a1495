"""De-identifying the typed responses: the one place that sees identifiers and lets none out.

Direct identifiers and the agency's embedded data are dropped, the response
id becomes a keyed pseudonym, timestamps become the day, and every free-text
answer is scrubbed, the respondent's own name, e-mail, agency and city
included. What leaves is the de-identified table, the offsets and types of
what was redacted (never the values), and counts for the redaction log.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from csec_survey.deid.pseudonyms import PseudonymKey, pseudonym
from csec_survey.deid.scrubber import OwnMetadata, Scrubber
from csec_survey.instrument import Instrument
from csec_survey.tidy import EXPORT_ROW
from csec_survey.validation import DIRECT_IDENTIFIERS

__all__ = ["Deidentified", "deidentify", "free_text_columns", "own_metadata"]

_TIMESTAMPS = ("StartDate", "EndDate", "RecordedDate")


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


def deidentify(responses: pd.DataFrame, instrument: Instrument, key: PseudonymKey,
               scrubber: Scrubber) -> Deidentified:
    """De-identify the typed complete responses (as `complete_responses` gives them)."""
    pseudonyms = responses["ResponseId"].map(lambda rid: pseudonym(str(rid), key))
    if pseudonyms.duplicated().any():
        raise ValueError("two responses share a ResponseId, so their pseudonyms collide")
    texts = [column for column in free_text_columns(instrument) if column in responses.columns]
    owners = [own_metadata(row) for row in responses.to_dict("records")]
    cells = [(index, column) for column in texts for index in range(len(responses))
             if pd.notna(responses[column].iloc[index])]
    scrubbed = scrubber.scrub_many(
        (str(responses[column].iloc[index]), owners[index]) for index, column in cells)
    clean = responses.drop(columns=[c for c in (*DIRECT_IDENTIFIERS, *instrument.embedded_data,
                                                *_TIMESTAMPS, EXPORT_ROW)
                                    if c in responses.columns])
    clean.insert(0, "pseudonym", pseudonyms.to_numpy())
    clean.insert(1, "response_date", responses["StartDate"].dt.date.astype("string"))
    entity_rows: list[dict[str, Any]] = []
    by_question: dict[str, Counter[str]] = {column: Counter() for column in texts}
    redacted_answers: Counter[str] = Counter()
    for (index, column), result in zip(cells, scrubbed, strict=True):
        clean.loc[clean.index[index], column] = result.text
        redacted_answers[column] += bool(result.entities)
        for entity in result.entities:
            by_question[column][entity.type] += 1
            entity_rows.append({"pseudonym": pseudonyms.iloc[index], "column": column,
                                "type": entity.type, "start": entity.start, "end": entity.end})
    entities = pd.DataFrame(entity_rows, columns=["pseudonym", "column", "type", "start", "end"])
    return Deidentified(responses=clean.reset_index(drop=True), entities=entities,
                        redaction_log=_redaction_log(by_question, redacted_answers, cells, texts,
                                                     key.is_demo))


def _redaction_log(by_question: Mapping[str, Counter[str]], redacted: Counter[str],
                   cells: Sequence[tuple[int, str]], columns: Sequence[str],
                   demo_key: bool) -> dict[str, Any]:
    answered = Counter(column for _, column in cells)
    total: Counter[str] = Counter()
    for counts in by_question.values():
        total.update(counts)
    return {
        "note": "counts only: no redacted value is ever written",
        "pseudonym_key": "public demo key (synthetic export)" if demo_key else "secret key",
        "dropped_columns": [*DIRECT_IDENTIFIERS, *_TIMESTAMPS, "embedded data"],
        "entities_by_type": dict(sorted(total.items())),
        "by_question": {
            column: {"answers": answered[column], "answers_redacted": redacted[column],
                     "entities_by_type": dict(sorted(by_question[column].items()))}
            for column in columns
        },
    }
