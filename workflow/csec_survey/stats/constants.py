"""Numbers the paper prints that do not come from the responses.

Design constants of the study (how many agencies were invited, when the
survey ran) come from the config; context statistics from other studies come
from ``data/external/`` with their citation keys. Both enter the registry like
every survey number, with the rule, script and input hashes that produced them.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from csec_survey.stats.registry import Number

__all__ = ["agencies_invited", "build_numbers", "design_numbers", "external_numbers",
           "month_display", "response_rate"]

_EXTERNAL_COLUMNS = ("id", "quantity", "value", "unit", "citation", "note")


def month_display(value: str) -> str:
    """A month written "2012-11" as the paper prints it: "November 2012"."""
    year, number = (int(part) for part in value.split("-"))
    return date(year, number, 1).strftime("%B %Y")


def design_numbers(design: Mapping[str, Any], trail: Mapping[str, Any]) -> list[Number]:
    """Registry entries for the design constants in the config's ``design`` section."""
    def month(key: str, quantity: str) -> Number:
        return Number(id=f"method.{key}", value=str(design[key]),
                      display=month_display(str(design[key])), kind="design",
                      quantity=quantity, **trail)

    def count(key: str, quantity: str) -> Number:
        value = int(design[key])
        return Number(id=f"method.{key}", value=value, display=f"{value:,}", kind="design",
                      quantity=quantity, **trail)

    invited = agencies_invited(design)
    return [
        month("fieldwork_start", "month the survey invitation was first emailed"),
        month("fieldwork_end", "month the survey closed"),
        count("taskforce_commanders_invited", "ICAC Task Force commanders invited"),
        count("affiliate_contacts_invited", "ICAC affiliate agency contacts invited"),
        Number(id="method.agencies_invited", value=invited, display=f"{invited:,}",
               kind="design", quantity="law enforcement agencies invited in total",
               details={"sum_of": ["method.taskforce_commanders_invited",
                                   "method.affiliate_contacts_invited"]}, **trail),
        count("target_respondents", "number of investigators the study aimed to reach"),
        count("reminder_weeks", "weeks before each e-mail reminder to non-respondents"),
    ]


def agencies_invited(design: Mapping[str, Any]) -> int:
    """How many agencies the design invited: every Task Force and every affiliate contact."""
    return int(design["taskforce_commanders_invited"]) + int(design["affiliate_contacts_invited"])


def response_rate(complete: int, design: Mapping[str, Any], trail: Mapping[str, Any]) -> Number:
    """Complete responses as a share of the agencies invited (``resp.response_rate``).

    An invitation could be passed on within an agency, so this is responses per
    invitation, not the share of invited people who answered.
    """
    invited = agencies_invited(design)
    return Number.share("resp.response_rate", complete, invited,
                        base=f"complete responses per agency invited ({invited:,} agencies)",
                        details={"of": ["resp.total", "method.agencies_invited"]}, **trail)


def build_numbers(source: Mapping[str, Any], rule: str, script: str) -> list[Number]:
    """The date and commit the paper was built from (``build.date``, ``build.commit``),
    from what `source_commit` (in ``workflow/rules/common.smk``) found: the commit's own
    date, so that two builds of one commit are the same bytes."""
    when = datetime.fromtimestamp(int(source["epoch"]), tz=UTC)
    trail = {"rule": rule, "script": script, "inputs": {"git HEAD": str(source["commit"])}}
    return [
        Number(id="build.date", value=when.date().isoformat(),
               display=f"{when.day} {when:%B %Y}", kind="build",
               quantity="date of the commit the paper was built from", **trail),
        # A tree with changes is said to have them, on the title page too.
        Number(id="build.commit", value=str(source["commit"]),
               display=str(source["commit"]) + ("" if source["clean"] else
                                                 " with changes not yet committed"),
               kind="build", quantity="commit of the repository the paper was built from",
               **trail),
    ]


def external_numbers(path: str | Path, trail: Mapping[str, Any]) -> list[Number]:
    """Registry entries for the cited context statistics in the CSV at ``path``."""
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != _EXTERNAL_COLUMNS:
            raise ValueError(f"{path}: expected columns {', '.join(_EXTERNAL_COLUMNS)}")
        numbers = []
        for line, row in enumerate(reader, start=2):
            if not row["citation"]:
                raise ValueError(f"{path}, line {line}: {row['id']} has no citation key")
            try:
                value = int(row["value"])
            except ValueError:
                raise ValueError(f"{path}, line {line}: {row['id']} has value "
                                 f"{row['value']!r}; expected a whole number") from None
            display = f"{value}%" if row["unit"] == "percent" else str(value)
            numbers.append(Number(id=row["id"], value=value, display=display, kind="external",
                                  quantity=row["quantity"], citation=row["citation"],
                                  details={"note": row["note"]}, **trail))
    return numbers
