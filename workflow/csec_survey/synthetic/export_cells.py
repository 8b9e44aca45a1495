"""Answers and metadata as the strings a Qualtrics export holds, free text written on the way.

Closed answers are rendered as choice text; open answers are written by the
`AnswerWriter` and the personal data planted in them recorded as ground truth.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from csec_survey.core.codebook import Instrument, Item, population_mask
from csec_survey.core.export_columns import ColumnMeta
from csec_survey.synthetic.free_text import AnswerWriter, Respondent

__all__ = ["export_cells", "question_header"]

# Share of those asked who leave each open question blank.
_BLANK_TEXT = 0.16
_OTHER_TEXT = {
    "unit": ["Juvenile", "Special Victims", "Vice", "Major Crimes", "Patrol", "Investigations",
             "Criminal intelligence", "Vice/Narcotics", "General investigations", "SVU",
             "Family violence", "Detective bureau", "Cyber/fraud", "Gang unit",
             "School resource", "Human trafficking unit", "Street crimes", "Persons crimes"],
    "help_ways": ["called a parent", "texted a friend to come get her",
                  "posted on Facebook that she needed a ride", "looked up a runaway hotline",
                  "recorded the pimp on her phone"],
    "obstacles": ["Provider response times", "jurisdiction issues", "Courts",
                  "no cooperation from parents", "case law on undercover chats",
                  "caseload", "Out of state suspects", "Encryption"],
}


def question_header(instrument: Instrument) -> dict[str, ColumnMeta]:
    """Header metadata (question text, ImportId) of every question column of the codebook."""
    return {column.name: ColumnMeta(text=column.text, import_id=column.import_id)
            for column in instrument.export_columns()}


def export_cells(instrument: Instrument, answers: pd.DataFrame, people: pd.DataFrame,
                  writer: AnswerWriter, rng: np.random.Generator,
                  truth: list[dict[str, Any]]) -> pd.DataFrame:
    """Everything as the strings Qualtrics writes (choice text), free text included."""
    cells: dict[str, list[Any]] = {name: [] for name, _, _ in _METADATA}
    question_columns = instrument.export_columns()
    for column in question_columns:
        cells[column.name] = []
    for name in instrument.embedded_data:
        cells[name] = []
    asked = {population: population_mask(instrument, population, answers).to_numpy()
             for population in instrument.populations}
    # Plain Python values: pandas' per-cell access would dominate at 100,000 rows.
    codes = {name: answers[name].to_numpy(dtype=object, na_value=None)
             for name in answers.columns}
    for row, person in enumerate(people.to_dict("records")):
        for name, source, render in _METADATA:
            cells[name].append(render(person[source]))
        respondent = Respondent(
            first_name=person["RecipientFirstName"] or "", last_name=person["RecipientLastName"]
            or "", email=person["RecipientEmail"] or "", agency=person["AgencyName"] or "",
            city=person["AgencyCity"] or "")
        kind = person.get("Kind")
        stop = person.get("Stop")
        for index, item in enumerate(instrument.items):
            reached = pd.isna(stop) or index < stop
            if item.type == "text":
                text = None
                if reached and bool(asked[item.asked_of][row]) and \
                        rng.random() >= _BLANK_TEXT:
                    if kind in ("preview", "test"):
                        text = str(rng.choice(["test", "asdf", "TEST - ignore", "xx",
                                               "checking skip logic", "preview run"]))
                    else:
                        answer = writer.write(item.id, respondent)
                        text = answer.text
                        truth.append(_truth_row(person["ResponseId"], item, item.column, answer))
                cells[item.column].append(text)
                continue
            if item.type == "multi":
                for option in item.options:
                    ticked = codes[f"{item.id}.{option.key}"][row]
                    cells[f"{item.column}_{option.choice}"].append(
                        option.label if ticked else None)
                if item.other_text is not None:
                    other = item.option(item.other_text)
                    ticked = codes[f"{item.id}.{other.key}"][row]
                    cells[f"{item.column}_{other.choice}_TEXT"].append(
                        str(rng.choice(_OTHER_TEXT[item.id])) if ticked else None)
                continue
            code = codes[item.id][row]
            if code is None:
                cells[item.column].append(None)
            elif item.type == "numeric":
                cells[item.column].append(str(int(code)))
            else:
                cells[item.column].append(item.option(int(code)).label)
        for name in instrument.embedded_data:
            cells[name].append(person[name])
    return pd.DataFrame(cells)


def _truth_row(response_id: str, item: Item, column: str, answer: Any) -> dict[str, Any]:
    return {"ResponseId": response_id, "column": column, "item": item.id,
            "themes": answer.themes, "claims": answer.claims,
            "personal": [span.as_dict() for span in answer.personal],
            "keep": [span.as_dict() for span in answer.keep]}


def _timestamp(value: Any) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


_METADATA: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
    ("StartDate", "StartDate", _timestamp),
    ("EndDate", "RecordedDate", _timestamp),
    ("Status", "Status", _text),
    ("IPAddress", "IPAddress", _text),
    ("Progress", "Progress", lambda value: str(int(value))),
    ("Duration (in seconds)", "Duration", lambda value: str(int(value))),
    ("Finished", "Finished", _text),
    ("RecordedDate", "RecordedDate", _timestamp),
    ("ResponseId", "ResponseId", _text),
    ("RecipientLastName", "RecipientLastName", _text),
    ("RecipientFirstName", "RecipientFirstName", _text),
    ("RecipientEmail", "RecipientEmail", _text),
    ("ExternalReference", "ExternalReference", _text),
    ("LocationLatitude", "LocationLatitude", _text),
    ("LocationLongitude", "LocationLongitude", _text),
    ("DistributionChannel", "DistributionChannel", _text),
    ("UserLanguage", "UserLanguage", _text),
)
