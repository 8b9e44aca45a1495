"""The survey instrument: items, skip logic and the published statistics.

The codebook lives in ``config/instrument.yaml``; this module loads it into
typed objects, checks it for internal consistency, and answers the questions
every later stage asks of it: which export columns belong to which item, who
was asked what, and which statistic produces each published figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

if TYPE_CHECKING:  # pandas only where responses are masked: the figure jobs start faster
    import pandas as pd

__all__ = [
    "ExportColumn",
    "Instrument",
    "InstrumentError",
    "Item",
    "Option",
    "Population",
    "PublishedStatistic",
    "load_instrument",
    "population_mask",
]

ItemType = Literal["single", "multi", "numeric", "text"]
ITEM_TYPES: tuple[str, ...] = ("single", "multi", "numeric", "text")
STATISTICS: tuple[str, ...] = ("count", "share", "respondents")
DENOMINATORS: tuple[str, ...] = ("item_respondents", "population")


class InstrumentError(ValueError):
    """The codebook is malformed or contradicts itself."""


@dataclass(frozen=True)
class Option:
    """One answer option. Single items use ``code``; multi items ``key``/``choice``."""

    label: str
    code: int | None = None
    key: str | None = None
    choice: int | None = None


@dataclass(frozen=True)
class Population:
    """Everyone (``item is None``) or those whose answer to ``item`` is in ``codes``."""

    id: str
    label: str
    item: str | None = None
    codes: tuple[int, ...] = ()


@dataclass(frozen=True)
class Item:
    """One question of the survey (a matrix row counts as a question)."""

    id: str
    column: str
    type: ItemType
    asked_of: str
    required: bool
    wording: str
    options: tuple[Option, ...] = ()
    range: tuple[float, float] | None = None
    other_text: str | None = None

    @property
    def qid(self) -> str:
        """The Qualtrics question id (``QID14_1`` for matrix row ``Q14_1``)."""
        return "QID" + self.column[1:]

    def option(self, code_or_key: int | str) -> Option:
        """The option with this code (single) or key (multi)."""
        for option in self.options:
            if code_or_key in (option.code, option.key):
                return option
        raise KeyError(f"item {self.id!r} has no option {code_or_key!r}")

    @property
    def codes(self) -> tuple[int, ...]:
        """The legal codes of a single-choice item."""
        return tuple(o.code for o in self.options if o.code is not None)

    def variable(self, option: Option | None = None) -> str:
        """Column name in the tidy table: the item id, or ``item.option`` for multi."""
        return self.id if option is None else f"{self.id}.{option.key}"

    def other_text_variable(self) -> str | None:
        """Tidy column holding the "please specify" text, if the item has one."""
        return None if self.other_text is None else f"{self.id}.{self.other_text}_text"


@dataclass(frozen=True)
class ExportColumn:
    """A question column of a Qualtrics export, as the instrument defines it."""

    name: str
    import_id: dict[str, str]
    text: str
    item: str
    variable: str
    kind: Literal["answer", "choice", "other_text"]


@dataclass(frozen=True)
class PublishedStatistic:
    """How one survey row of the published figures is produced from the data."""

    value_id: str
    statistic: str
    item: str | None
    codes: tuple[int, ...] = ()
    options: tuple[str, ...] = ()
    range: tuple[float | None, float | None] | None = None
    of: str | None = None
    denominator: str = "item_respondents"
    base_choice: str | None = None


@dataclass(frozen=True)
class Instrument:
    """The whole codebook: populations, items in survey order, published statistics."""

    populations: Mapping[str, Population]
    items: tuple[Item, ...]
    published: Mapping[str, PublishedStatistic]
    embedded_data: tuple[str, ...] = ()

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"the instrument has no item {item_id!r}")

    def population(self, population_id: str) -> Population:
        """The population with this id."""
        try:
            return self.populations[population_id]
        except KeyError:
            raise KeyError(f"the instrument has no population {population_id!r}") from None

    def population_of(self, statistic: PublishedStatistic) -> Population:
        """Whom a published statistic is about: its ``of``, else its item's askees."""
        if statistic.of is not None:
            return self.population(statistic.of)
        if statistic.item is None:
            raise InstrumentError(f"{statistic.value_id}: names neither an item nor `of`")
        return self.population(self.item(statistic.item).asked_of)

    def export_columns(self) -> list[ExportColumn]:
        """The question columns an export of this survey has, in survey order."""
        columns: list[ExportColumn] = []
        for item in self.items:
            if item.type == "multi":
                for option in item.options:
                    columns.append(ExportColumn(
                        name=f"{item.column}_{option.choice}",
                        import_id={"ImportId": item.qid, "choiceId": str(option.choice)},
                        text=f"{item.wording} - Selected Choice - {option.label}",
                        item=item.id, variable=item.variable(option), kind="choice"))
            else:
                import_id = item.qid + ("_TEXT" if item.type in ("text", "numeric") else "")
                columns.append(ExportColumn(
                    name=item.column, import_id={"ImportId": import_id}, text=item.wording,
                    item=item.id, variable=item.variable(), kind="answer"))
            if item.other_text is not None:
                other = item.option(item.other_text)
                columns.append(ExportColumn(
                    name=f"{item.column}_{other.choice}_TEXT",
                    import_id={"ImportId": f"{item.qid}_{other.choice}_TEXT"},
                    text=f"{item.wording} - {other.label} - Text",
                    item=item.id, variable=str(item.other_text_variable()), kind="other_text"))
        return columns

    def printed_numbers(self) -> set[float]:
        """The numbers the codebook prints: in the questions' wording, the answers' labels
        ("25,000 or fewer") and the bounds of the published statistics' ranges."""
        texts = [text for item in self.items
                 for text in (item.wording, *(option.label for option in item.options))]
        numbers = {float(match.replace(",", "")) for text in texts
                   for match in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}
        numbers.update(float(bound) for statistic in self.published.values()
                       for bound in statistic.range or () if bound is not None)
        return numbers

    def unmapped(self, value_ids: Iterable[str]) -> list[str]:
        """Figure ids that no published statistic produces."""
        return sorted(set(value_ids) - set(self.published))


def load_instrument(path: str | Path) -> Instrument:
    """Load and check the codebook at ``path``; raise `InstrumentError` naming the fault."""
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InstrumentError(f"{path}: cannot read the instrument: {error}") from error
    if not isinstance(raw, dict):
        raise InstrumentError(f"{path}: expected a mapping with populations, items, published")
    try:
        instrument = Instrument(
            populations={pid: _population(pid, spec) for pid, spec in raw["populations"].items()},
            items=tuple(_item(spec) for spec in raw["items"]),
            published={fid: _published(fid, spec) for fid, spec in raw["published"].items()},
            embedded_data=tuple(raw.get("embedded_data", ())),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise InstrumentError(f"{path}: {error}") from error
    _check(instrument, path)
    return instrument


def _population(population_id: str, spec: Mapping[str, Any]) -> Population:
    return Population(id=population_id, label=spec["label"], item=spec.get("item"),
                      codes=tuple(spec.get("codes", ())))


def _item(spec: Mapping[str, Any]) -> Item:
    item_id = spec.get("id", "?")
    if spec.get("type") not in ITEM_TYPES:
        raise ValueError(f"item {item_id!r}: type must be one of {ITEM_TYPES}, "
                         f"got {spec.get('type')!r}")
    options = tuple(Option(**option) for option in spec.get("options", ()))
    value_range = spec.get("range")
    return Item(
        id=spec["id"], column=spec["column"], type=spec["type"], asked_of=spec["asked_of"],
        required=bool(spec["required"]), wording=spec["wording"], options=options,
        range=None if value_range is None else (float(value_range[0]), float(value_range[1])),
        other_text=spec.get("other_text"),
    )


def _published(value_id: str, spec: Mapping[str, Any]) -> PublishedStatistic:
    value_range = spec.get("range")
    return PublishedStatistic(
        value_id=value_id, statistic=spec["statistic"], item=spec.get("item"),
        codes=tuple(spec.get("codes") or ()), options=tuple(spec.get("options") or ()),
        range=None if value_range is None else (value_range[0], value_range[1]),
        of=spec.get("of"), denominator=spec.get("denominator", "item_respondents"),
        base_choice=spec.get("base_choice"),
    )


def _check(instrument: Instrument, path: Path) -> None:
    problems: list[str] = []
    seen_items: set[str] = set()
    seen_columns: set[str] = set()
    for item in instrument.items:
        where = f"item {item.id!r}"
        if item.id in seen_items:
            problems.append(f"{where}: duplicate id")
        if item.column in seen_columns:
            problems.append(f"{where}: column {item.column!r} used twice")
        seen_items.add(item.id)
        seen_columns.add(item.column)
        if item.asked_of not in instrument.populations:
            problems.append(f"{where}: asked_of names unknown population {item.asked_of!r}")
        else:
            gate = instrument.populations[item.asked_of].item
            if gate is not None and gate not in seen_items - {item.id}:
                problems.append(f"{where}: asked of {item.asked_of!r}, whose defining item "
                                f"{gate!r} does not come before it")
        if item.type == "single":
            codes = [o.code for o in item.options]
            if not codes or None in codes or len(set(codes)) != len(codes):
                problems.append(f"{where}: single items need options with distinct codes")
        if item.type == "multi":
            keys = [o.key for o in item.options]
            choices = [o.choice for o in item.options]
            if not keys or None in keys or None in choices or len(set(keys)) != len(keys) \
                    or len(set(choices)) != len(choices):
                problems.append(f"{where}: multi items need options with distinct keys "
                                "and choice numbers")
        if item.type == "numeric" and (item.range is None or item.range[0] > item.range[1]):
            problems.append(f"{where}: numeric items need range [low, high]")
        if item.other_text is not None and item.other_text not in [o.key for o in item.options]:
            problems.append(f"{where}: other_text names no option key")
    for population in instrument.populations.values():
        if population.item is not None:
            if population.item not in seen_items:
                problems.append(f"population {population.id!r}: unknown item {population.item!r}")
            elif not set(population.codes) <= set(instrument.item(population.item).codes):
                problems.append(f"population {population.id!r}: codes not in its item")
    for statistic in instrument.published.values():
        problems.extend(_check_statistic(instrument, statistic, seen_items))
    if problems:
        raise InstrumentError(f"{path}: " + "; ".join(problems))


def _check_statistic(instrument: Instrument, statistic: PublishedStatistic,
                     item_ids: set[str]) -> list[str]:
    where = f"published {statistic.value_id!r}"
    if statistic.statistic not in STATISTICS:
        return [f"{where}: statistic must be one of {STATISTICS}"]
    if statistic.denominator not in DENOMINATORS:
        return [f"{where}: denominator must be one of {DENOMINATORS}"]
    if statistic.of is not None and statistic.of not in instrument.populations:
        return [f"{where}: `of` names unknown population {statistic.of!r}"]
    if statistic.statistic == "respondents":
        return [] if statistic.of else [f"{where}: a respondents statistic needs `of`"]
    if statistic.item not in item_ids:
        return [f"{where}: unknown item {statistic.item!r}"]
    item = instrument.item(statistic.item)
    if item.type == "single" and (not statistic.codes
                                  or not set(statistic.codes) <= set(item.codes)):
        return [f"{where}: codes {list(statistic.codes)} are not codes of {item.id!r}"]
    if item.type == "multi" and (not statistic.options or not set(statistic.options)
                                 <= {o.key for o in item.options}):
        return [f"{where}: options {list(statistic.options)} are not options of {item.id!r}"]
    if item.type == "numeric" and statistic.range is None:
        return [f"{where}: a statistic of a numeric item needs `range`"]
    if item.type == "text":
        return [f"{where}: text items have no published statistic"]
    return []


def population_mask(instrument: Instrument, population_id: str,
                    responses: pd.DataFrame) -> pd.Series:
    """Which respondents belong to a population (skip logic applied)."""
    import pandas as pd

    population = instrument.population(population_id)
    if population.item is None:
        return pd.Series(True, index=responses.index)
    gate = responses[population.item]
    return gate.isin(population.codes).fillna(False).astype(bool)
