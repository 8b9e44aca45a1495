"""The generator's own parameters (``parameters.yaml``): choices the published figures leave free.

They live apart from the codebook, which describes the questionnaire only, and
are checked against it: a weight for an item or answer the codebook does not
have is an error, not a silent no-op.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from csec_survey.core.codebook import Instrument

__all__ = ["GeneratorParameters", "load_parameters"]


@dataclass(frozen=True)
class GeneratorParameters:
    """Answer weights of single items, tick rates of multi items, the non-response cap."""

    max_nonresponse_share: float
    answer_weights: Mapping[str, Mapping[int, float]]
    default_tick_rate: float
    tick_rates: Mapping[str, Mapping[str, float]]

    def answer_weight(self, item_id: str, code: int) -> float:
        """Relative weight of answer ``code`` of single item ``item_id`` (default 1)."""
        return self.answer_weights.get(item_id, {}).get(code, 1.0)

    def tick_rate(self, item_id: str, key: str) -> float:
        """Share of answerers of multi item ``item_id`` who tick option ``key``."""
        return self.tick_rates.get(item_id, {}).get(key, self.default_tick_rate)


def load_parameters(instrument: Instrument, text: str | None = None) -> GeneratorParameters:
    """The packaged parameters (or those in ``text``), checked against ``instrument``."""
    if text is None:
        text = (resources.files("csec_survey.synthetic") / "parameters.yaml").read_text(
            encoding="utf-8")
    raw: Mapping[str, Any] = yaml.safe_load(text)
    parameters = GeneratorParameters(
        max_nonresponse_share=float(raw["max_nonresponse_share"]),
        answer_weights={item: {int(code): float(weight) for code, weight in weights.items()}
                        for item, weights in raw["answer_weights"].items()},
        default_tick_rate=float(raw["default_tick_rate"]),
        tick_rates={item: {str(key): float(rate) for key, rate in rates.items()}
                    for item, rates in raw["tick_rates"].items()},
    )
    _check(parameters, instrument)
    return parameters


def _check(parameters: GeneratorParameters, instrument: Instrument) -> None:
    items = {item.id: item for item in instrument.items}
    for kind, table, item_type, answers in (
            ("answer_weights", parameters.answer_weights, "single",
             lambda item: {option.code for option in item.options}),
            ("tick_rates", parameters.tick_rates, "multi",
             lambda item: {str(option.key) for option in item.options})):
        for item_id, values in table.items():
            item = items.get(item_id)
            if item is None or item.type != item_type:
                raise ValueError(f"generator parameters: {kind} names {item_id!r}, which is not "
                                 f"a {item_type} item of the codebook")
            unknown = sorted(set(values) - answers(item), key=str)
            if unknown:
                raise ValueError(f"generator parameters: {kind} of {item_id!r} name answers "
                                 f"the codebook does not have: {unknown}")
