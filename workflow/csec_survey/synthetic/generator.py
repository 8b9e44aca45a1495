"""A synthetic Qualtrics export that stands in for the confidential survey data.

The closed answers meet the calibrated counts exactly (`calibration`), and
who gives which answer follows a plausible joint structure: Task Force
members serve larger jurisdictions, work in computer-crime units and more
often have worked a trafficking case; those who see technology in most
cases say it mattered more; small agencies name personnel and money as
obstacles. Respondent metadata and free text are fake but realistic, so
that de-identification has real work to do. Around the responses sit the
records a pipeline must exclude: previews, a test, incomplete responses and
a repeated submission.

With the default seed and size the output is byte-for-byte the committed
export; ``respondents`` scales the sample while keeping the published shares.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from faker import Faker

from csec_survey.core.codebook import Instrument, Item, population_mask
from csec_survey.core.export_columns import ColumnMeta, metadata_header
from csec_survey.core.paths import companion_paths
from csec_survey.core.published import PublishedFigure
from csec_survey.synthetic.calibration import ItemCounts, calibrate
from csec_survey.synthetic.free_text import AnswerWriter, Respondent, agency_name
from csec_survey.synthetic.qualtrics_writer import write_export

__all__ = ["DEFAULT_SEED", "PUBLISHED_SAMPLE_SIZE", "SyntheticExport", "companion_paths",
           "synthesize", "write_synthetic_export"]

DEFAULT_SEED = 20121105
PUBLISHED_SAMPLE_SIZE = 144

# Records to exclude, per 144 complete responses.
_EXCLUDED = {"preview": 2, "test": 1, "incomplete": 7, "duplicate": 1}
# Share of those asked who leave each open question blank.
_BLANK_TEXT = 0.16
# Invitation and the two reminders (two weeks apart), and the close.
_WAVES = (datetime(2012, 11, 5, 9), datetime(2012, 11, 19, 9), datetime(2012, 12, 3, 9))
_WAVE_SHARES = (0.55, 0.28, 0.17)
_CLOSE = datetime(2012, 12, 17, 17)
_AGENCY_KIND_BY_LEVEL = {1: "police", 2: "sheriff", 3: "state_police", 4: "prosecutor"}
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

Score = Callable[[pd.DataFrame], pd.Series]


def _is(variable: str, *codes: int) -> Score:
    return lambda table: table[variable].isin(codes).astype(float)


def _sum(*parts: tuple[float, Score]) -> Score:
    return lambda table: sum((weight * part(table) for weight, part in parts),
                             start=pd.Series(0.0, index=table.index))


_TASK_FORCE = _is("agency_type", 1)
_LARGE = _is("juris_size", 3)
_SMALL = _is("juris_size", 1)
_TECH_HEAVY = _is("tech_share", 5)

# Who is likelier to give which answer: a score per respondent (higher means
# earlier in `order`, or likelier to tick an option), plus unit normal noise.
_SINGLE_STRUCTURE: Mapping[str, tuple[Score, tuple[Any, ...]]] = {
    "juris_size": (_sum((1.2, _TASK_FORCE)), (3, 2, 1)),
    "agency_level": (_sum((0.7, _TASK_FORCE)), (3, 2, 1, 4)),
    "unit_any": (_sum((1.0, _TASK_FORCE), (0.8, _LARGE)), (1, 2)),
    "cac_ever": (_sum((1.5, _is("unit_any", 1)), (0.5, _TASK_FORCE)), (1, 2)),
    "csec_ever": (_sum((9.0, _is("cac_ever", 1)), (1.3, _TASK_FORCE), (1.0, _LARGE),
                       (0.6, lambda t: t["unit.cac"].fillna(False).astype(float))), (1, 2)),
    "cac_freq": (_sum((1.5, lambda t: t["unit.cac"].fillna(False).astype(float)),
                      (0.6, _TASK_FORCE)), (1, 2, 3)),
    "cac_years": (_sum((0.3, _TASK_FORCE)), ((21, 45), (11, 20), (6, 10), (0, 5))),
    "csec_years": (lambda t: t["cac_years"].astype(float).fillna(0) / 6, (5, 4, 3, 2, 1)),
    "tech_share": (_sum((0.8, _TASK_FORCE), (0.5, _LARGE)), (5, 4, 3, 2, 1)),
    "tech_role": (_sum((1.5, _TECH_HEAVY)), (4, 3, 2, 1)),
    **{f"tech_{name}": (_sum((1.0, _TECH_HEAVY), (0.5, _TASK_FORCE)), (1, 2))
       for name in ("social_network", "instant_messaging", "email", "sms", "underground",
                    "cell_phones", "smartphone_apps", "classifieds", "niche_sites",
                    "search_engines")},
    "pimp_monitor": (_sum((1.0, _TECH_HEAVY)), (1, 2)),
    "pimp_control": (_sum((2.0, _is("pimp_monitor", 1))), (1, 2)),
    "code_common": (_sum((2.0, _is("code_seen", 1))), (4, 3, 2, 1)),
    "help_any": (_sum((1.0, _is("csec_ever", 1))), (1, 2)),
}
_MULTI_STRUCTURE: Mapping[str, Score] = {
    "unit.cac": _sum((0.6, _LARGE)),
    "unit.computer_crimes": _sum((1.2, _TASK_FORCE)),
    "unit.sex_crimes": _sum((0.5, _LARGE)),
    "victim_ages.age13_17": _sum((3.0, _is("victim_age_mostly", 2))),
    "victim_ages.under3": _sum((2.0, _is("victim_age_mostly", 1))),
    "victim_ages.age6_12": _sum((2.0, _is("victim_age_mostly", 1))),
    "opportunities.digital_evidence": _sum((0.8, _TASK_FORCE)),
    "opportunities.undercover": _sum((1.0, _TASK_FORCE), (0.8, _is("csec_ever", 1))),
    "obstacles.personnel": _sum((1.0, _SMALL)),
    "obstacles.money": _sum((1.0, _SMALL)),
    "obstacles.training": _sum((0.8, _SMALL), (-0.5, _TASK_FORCE)),
    "obstacles.tools": _sum((0.8, _SMALL)),
    "obstacles.changing_tech": _sum((0.6, _TASK_FORCE)),
    "obstacles.identifying": _sum((-0.8, _is("csec_ever", 1))),
}


@dataclass(frozen=True)
class SyntheticExport:
    """A synthetic export, its planted ground truth and its calibration record."""

    responses: pd.DataFrame
    columns: Mapping[str, ColumnMeta]
    truth: list[dict[str, Any]]
    calibration: dict[str, Any]


def synthesize(instrument: Instrument, figures: Iterable[PublishedFigure],
               respondents: int = PUBLISHED_SAMPLE_SIZE, seed: int = DEFAULT_SEED,
               ) -> SyntheticExport:
    """Generate a synthetic export of ``respondents`` complete responses and its companions."""
    if respondents < 10:
        raise ValueError(f"--respondents must be at least 10, got {respondents}")
    rng = np.random.default_rng(seed)
    fake = Faker("en_US")
    fake.seed_instance(seed)
    calibration = calibrate(instrument, figures, PUBLISHED_SAMPLE_SIZE)

    answers = _closed_answers(instrument, calibration.items, respondents, rng)
    people = _people(answers, respondents, rng, fake)
    writer = AnswerWriter(rng, fake)
    excluded, excluded_people = _excluded_records(instrument, answers, people, respondents, rng)
    answers = pd.concat([answers, excluded], ignore_index=True)
    people = pd.concat([people, excluded_people], ignore_index=True)

    truth: list[dict[str, Any]] = []
    cells = _export_cells(instrument, answers, people, writer, rng, truth)
    order = np.argsort(people["RecordedDate"].to_numpy(), kind="stable")
    cells = cells.iloc[order].reset_index(drop=True)
    columns = {**metadata_header(), **_question_header(instrument),
               **{name: ColumnMeta(text=name, import_id={"ImportId": name})
                  for name in instrument.embedded_data}}
    record = calibration.record()
    record["export"] = {"complete_responses": respondents, "seed": seed,
                        "excluded_records": _excluded_counts(respondents)}
    if respondents != PUBLISHED_SAMPLE_SIZE:
        record["export"]["scaled_from"] = PUBLISHED_SAMPLE_SIZE
    return SyntheticExport(responses=cells, columns=columns, truth=truth, calibration=record)


def write_synthetic_export(export: SyntheticExport, path: str | Path) -> dict[str, Path]:
    """Write the export, its ground truth and calibration record; all or nothing."""
    paths = companion_paths(path)
    paths["export"].parent.mkdir(parents=True, exist_ok=True)
    staged = {name: target.with_name(f".{target.name}.partial") for name, target in paths.items()}
    try:
        write_export(staged["export"], export.responses, export.columns)
        staged["truth"].write_text(
            "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in export.truth),
            encoding="utf-8")
        staged["calibration"].write_text(
            json.dumps(export.calibration, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        for name, target in paths.items():
            staged[name].replace(target)
    finally:
        for partial in staged.values():
            partial.unlink(missing_ok=True)
    return paths


def _excluded_counts(respondents: int) -> dict[str, int]:
    return {kind: max(1, round(count * respondents / PUBLISHED_SAMPLE_SIZE))
            for kind, count in _EXCLUDED.items()}


def _closed_answers(instrument: Instrument, counts: Mapping[str, ItemCounts], size: int,
                    rng: np.random.Generator) -> pd.DataFrame:
    """Answer codes for every closed item, meeting the (scaled) calibrated counts."""
    table = pd.DataFrame(index=pd.RangeIndex(size))
    for item in instrument.items:
        if item.type == "text":
            continue
        asked = population_mask(instrument, item.asked_of, table)
        target = _scale(item, counts[item.id], int(asked.sum()))
        answering = rng.permutation(np.flatnonzero(asked))[target.nonresponse:]
        if item.type == "multi":
            for key, ticked in _tick(item, target, answering, table, rng).items():
                table[f"{item.id}.{key}"] = ticked
        else:
            table[item.id] = _assign(item, target, answering, table, rng)
    return table


def _scale(item: Item, counts: ItemCounts, eligible: int) -> ItemCounts:
    """The calibrated counts for 144 respondents, carried over to ``eligible`` asked."""
    if eligible == counts.eligible:
        return counts
    nonresponse = round(counts.nonresponse * eligible / counts.eligible)
    answered = eligible - nonresponse
    ratio = answered / counts.answered if counts.answered else 0.0
    shares = {key: n * ratio for key, n in counts.counts.items()}
    if item.type == "multi":
        return ItemCounts(item.id, eligible, nonresponse,
                          {key: min(answered, round(share)) for key, share in shares.items()})
    scaled = {key: int(share) for key, share in shares.items()}
    shortfall = answered - sum(scaled.values())
    for key in sorted(shares, key=lambda k: scaled[k] - shares[k])[:shortfall]:
        scaled[key] += 1
    return ItemCounts(item.id, eligible, nonresponse, scaled)


def _assign(item: Item, target: ItemCounts, answering: np.ndarray, table: pd.DataFrame,
            rng: np.random.Generator) -> pd.Series:
    """Give each answering respondent a category so that every count is met exactly."""
    chosen: list[tuple[np.ndarray, Any]] = []
    score, order = _SINGLE_STRUCTURE.get(item.id, (None, ()))
    unordered = [key for key in target.counts if key not in order]
    position = 0
    for key in unordered:
        chosen.append((answering[position:position + target.counts[key]], key))
        position += target.counts[key]
    rest = answering[position:]
    if order:
        noise = rng.normal(size=len(rest))
        strength = score(table).to_numpy()[rest] if score is not None else 0
        rest = rest[np.argsort(-(strength + noise), kind="stable")]
        for key in order:
            chosen.append((rest[:target.counts[key]], key))
            rest = rest[target.counts[key]:]
    values = np.full(len(table), None, dtype=object)
    for rows, key in chosen:
        for row in rows:
            values[row] = _year_in(key, rng) if item.type == "numeric" else key
    return pd.Series(pd.array(values, dtype="Int64"), index=table.index)


def _year_in(band: tuple[float, float], rng: np.random.Generator) -> int:
    low, high = int(band[0]), int(band[1])
    # The open top band thins out: few investigators pass thirty years.
    return int(rng.integers(low, high + 1)) if high - low < 15 else min(high, low + int(
        rng.poisson(4)))


def _tick(item: Item, target: ItemCounts, answering: np.ndarray, table: pd.DataFrame,
          rng: np.random.Generator) -> dict[str, pd.Series]:
    """Tick boxes so that each option's count is met and every answerer ticks one."""
    keys = [str(option.key) for option in item.options]
    weights = {key: np.exp(_MULTI_STRUCTURE[f"{item.id}.{key}"](table).to_numpy()[answering])
               if f"{item.id}.{key}" in _MULTI_STRUCTURE else np.ones(len(answering))
               for key in keys}
    remaining = {key: target.counts[key] for key in keys}
    ticked = {key: np.zeros(len(answering), dtype=bool) for key in keys}
    for position in rng.permutation(len(answering)):
        pressure = np.array([remaining[key] * weights[key][position] for key in keys])
        if pressure.sum() == 0:
            raise ValueError(f"item {item.id!r}: too few ticks for everyone who answers it")
        key = keys[int(rng.choice(len(keys), p=pressure / pressure.sum()))]
        ticked[key][position] = True
        remaining[key] -= 1
    for key in keys:
        free = np.flatnonzero(~ticked[key])
        if remaining[key] > 0:
            chosen = rng.choice(free, size=remaining[key], replace=False,
                                p=weights[key][free] / weights[key][free].sum())
            ticked[key][chosen] = True
    columns = {}
    for key in keys:
        column = pd.Series(pd.NA, index=table.index, dtype="boolean")
        column.iloc[answering] = ticked[key]
        columns[key] = column
    return columns


def _people(answers: pd.DataFrame, size: int, rng: np.random.Generator,
            fake: Faker) -> pd.DataFrame:
    """Fake respondent metadata: who, where from, and when."""
    # Plain Python values: pandas' per-cell access would dominate at 100,000 rows.
    levels = answers["agency_level"].to_numpy(dtype=object, na_value=None)
    rows = []
    # The e-mail address is the duplicate key: two people may not share one.
    emails: set[str] = set()
    for index in range(size):
        latitude, longitude, city, _, _ = fake.local_latlng(country_code="US")
        county = f"{fake.last_name()} County"
        state = fake.state()
        level = levels[index]
        kind = _AGENCY_KIND_BY_LEVEL.get(int(level) if level is not None else 1, "police")
        agency = agency_name(fake, rng, kind, city=city, county=county, state=state)
        first, last = fake.first_name(), fake.last_name()
        domain = re.sub(r"[^a-z]", "", (city if kind == "police" else county
                                        if kind in ("sheriff", "prosecutor") else state).lower())
        email = _unique(str(rng.choice([f"{first[0]}{last}@{domain}pd.org",
                                        f"{first}.{last}@{domain}.gov",
                                        f"{last}{first[0]}@{domain}.us",
                                        fake.free_email()])).lower(), emails)
        start = _start_time(rng)
        duration = int(np.clip(rng.lognormal(np.log(1150), 0.55), 240, 7200))
        rows.append({
            "StartDate": start, "Duration": duration,
            "RecordedDate": start + timedelta(seconds=duration),
            "Status": "IP Address", "Progress": 100, "Finished": "True",
            "IPAddress": fake.ipv6() if rng.random() < 0.08 else fake.ipv4_public(),
            "ResponseId": _response_id(rng),
            "RecipientLastName": last, "RecipientFirstName": first, "RecipientEmail": email,
            "ExternalReference": f"AG{int(rng.integers(10000, 99999))}",
            "LocationLatitude": f"{float(latitude) + rng.normal(0, 0.02):.4f}",
            "LocationLongitude": f"{float(longitude) + rng.normal(0, 0.02):.4f}",
            "DistributionChannel": "email", "UserLanguage": "EN",
            "AgencyName": agency, "AgencyCity": city, "AgencyState": state,
        })
    return pd.DataFrame(rows)


def _unique(email: str, used: set[str]) -> str:
    """``email``, numbered (``jsmith2@…``) if someone already has it; recorded as used."""
    local, domain = email.split("@")
    number = 1
    while email in used:
        number += 1
        email = f"{local}{number}@{domain}"
    used.add(email)
    return email


def _start_time(rng: np.random.Generator) -> datetime:
    wave = _WAVES[int(rng.choice(len(_WAVES), p=_WAVE_SHARES))]
    start = wave + timedelta(days=float(min(rng.exponential(2.5), 12.5)),
                             minutes=float(rng.integers(0, 9 * 60)))
    return min(start, _CLOSE - timedelta(hours=3)).replace(microsecond=0)


def _response_id(rng: np.random.Generator) -> str:
    alphabet = string.ascii_letters + string.digits
    return "R_" + "".join(alphabet[i] for i in rng.integers(len(alphabet), size=15))


def _excluded_records(instrument: Instrument, answers: pd.DataFrame, people: pd.DataFrame,
                      respondents: int, rng: np.random.Generator,
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Previews, tests, incomplete and repeated responses, built from real-looking ones."""
    kinds = [kind for kind, count in _excluded_counts(respondents).items() for _ in range(count)]
    sources = rng.choice(respondents, size=len(kinds), replace=False)
    extra_answers = answers.iloc[sources].reset_index(drop=True).copy()
    extra_people = people.iloc[sources].reset_index(drop=True).copy()
    extra_people["Kind"] = kinds
    extra_people["Stop"] = pd.NA
    for row, kind in enumerate(kinds):
        extra_people.at[row, "ResponseId"] = _response_id(rng)
        if kind in ("preview", "test"):
            start = datetime(2012, 11, 1, 14) + timedelta(hours=float(rng.integers(0, 60)))
            extra_people.loc[row, ["RecipientLastName", "RecipientFirstName", "RecipientEmail",
                                   "ExternalReference", "AgencyName", "AgencyCity",
                                   "AgencyState"]] = None
            extra_people.at[row, "Status"] = "Survey Preview" if kind == "preview" \
                else "Survey Test"
            extra_people.at[row, "DistributionChannel"] = kind
        elif kind == "incomplete":
            start = _start_time(rng)
            stop = int(rng.integers(3, len(instrument.items) - 4))
            asked_items = {item.id for item in instrument.items[stop:]}
            for column in extra_answers.columns:
                if column.split(".")[0] in asked_items:
                    extra_answers.at[row, column] = pd.NA
            extra_people.at[row, "Progress"] = int(100 * stop / len(instrument.items))
            extra_people.at[row, "Finished"] = "False"
            extra_people.at[row, "Stop"] = stop
        else:  # a second, later submission by the same recipient
            start = people.at[int(sources[row]), "RecordedDate"] + timedelta(
                days=float(rng.integers(1, 6)), hours=float(rng.integers(0, 8)))
        duration = int(np.clip(rng.lognormal(np.log(900), 0.6), 120, 7200))
        extra_people.at[row, "StartDate"] = start
        extra_people.at[row, "Duration"] = duration
        extra_people.at[row, "RecordedDate"] = start + timedelta(
            seconds=duration if kind != "incomplete" else 7 * 86400)
    return extra_answers, extra_people


def _question_header(instrument: Instrument) -> dict[str, ColumnMeta]:
    return {column.name: ColumnMeta(text=column.text, import_id=column.import_id)
            for column in instrument.export_columns()}


def _export_cells(instrument: Instrument, answers: pd.DataFrame, people: pd.DataFrame,
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
            "themes": answer.themes,
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
