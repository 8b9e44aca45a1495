"""The paper's figures, drawn from registry entries and nothing else.

A figure is a stack of panels of horizontal bars (``config/figures.yaml``),
each bar one registry entry: its share, with the share and count printed on
the bar and the Wilson 95% interval as a whisker. Bars are sorted by size,
unless a panel's answers have an order of their own (``order: listed``, for
ranges and scales); an "Other …" answer comes last either way, and "Not sure"
after it. A figure of who answered (``intervals: false``) draws no whiskers:
the sample's composition is a count, not an estimate. The caption ends with
each panel's question as the codebook words it.
The exact data drawn go to a CSV beside the figure, with a caption and alt
text that name the bases.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from csec_survey.core.atomic import write_text
from csec_survey.core.codebook import Instrument
from csec_survey.figures.style import BAR, INK, MUTED, PAGE_WIDTH_INCHES, apply_style, save

__all__ = ["Bar", "FigureData", "draw_figure", "figure_data", "load_figure_specs"]

_CSV_COLUMNS = ("figure", "panel", "registry_id", "label", "display", "value", "numerator",
                "denominator", "ci_low", "ci_high", "base")


@dataclass(frozen=True)
class Bar:
    """One bar: a registry entry and the label the figure gives it."""

    panel: str
    registry_id: str
    label: str
    entry: Mapping[str, Any]


@dataclass(frozen=True)
class FigureData:
    """Everything a figure shows, and the words that go with it."""

    name: str
    title: str
    panels: list[tuple[str, list[Bar]]]
    caption: str
    alt_text: str
    intervals: bool = True

    def rows(self) -> list[dict[str, Any]]:
        """The data drawn, one row per bar, in drawing order."""
        return [{"figure": self.name, "panel": panel, "registry_id": bar.registry_id,
                 "label": bar.label, "display": bar.entry["display"],
                 "value": bar.entry["value"], "numerator": bar.entry["numerator"],
                 "denominator": bar.entry["denominator"],
                 "ci_low": bar.entry["interval95"][0], "ci_high": bar.entry["interval95"][1],
                 "base": bar.entry["base"]}
                for panel, bars in self.panels for bar in bars]

    def csv_text(self) -> str:
        """The data drawn as CSV."""
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=_CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows())
        return buffer.getvalue()

    def metadata(self) -> dict[str, Any]:
        """Title, caption, alt text and the registry ids drawn."""
        return {"name": self.name, "title": self.title, "caption": self.caption,
                "alt_text": self.alt_text,
                "registry_ids": [row["registry_id"] for row in self.rows()]}


def load_figure_specs(path: str | Path) -> dict[str, Any]:
    """The figure definitions (``config/figures.yaml``)."""
    specs = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    for name, spec in specs.items():
        if not spec.get("panels") or not spec.get("caption"):
            raise ValueError(f"{path}: figure {name!r} needs a caption and panels")
    return specs


def figure_data(name: str, spec: Mapping[str, Any], registry: Mapping[str, Any],
                instrument: Instrument) -> FigureData:
    """Look up every bar of a figure in the registry, order each panel, and word the
    caption (with the questions, from ``instrument``)."""
    panels = []
    for panel in spec["panels"]:
        bars = []
        for registry_id, label in panel["bars"].items():
            entry = registry.get(registry_id)
            if entry is None or entry.get("kind") != "percent":
                raise KeyError(f"figure {name!r}: {registry_id!r} is not a share in the registry")
            bars.append(Bar(panel["title"], registry_id, label, entry))
        if panel.get("order", "by_size") == "by_size":
            bars.sort(key=lambda bar: -float(bar.entry["value"]))
        bars.sort(key=lambda bar: (bar.label == "Not sure", bar.label.startswith("Other")))
        panels.append((panel["title"], bars))
    intervals = spec.get("intervals", True)
    every = [bar for _, bars in panels for bar in bars]
    # The caption is printed in the paper's body, where every numeral must link to the
    # registry: the counts are on the bars, and the methods state the intervals' level.
    # A share of everyone counts those never asked the question too: say so.
    of_all = all(bar.entry["details"].get("denominator") == "population" for bar in every)
    caption = (f"{' '.join(spec['caption'].split())} Bars show the share of "
               + ("all respondents, those not asked included" if of_all else "those who answered")
               + ", with the count beside each bar"
               + ("; whiskers are Wilson intervals." if intervals else ".")
               + _question_wording(panels, instrument))
    alt = f"{spec['title']} ({_bases(every)}). Horizontal bar charts. " + " ".join(
        f"{title}: " + "; ".join(f"{bar.label} {bar.entry['display']}" for bar in bars) + "."
        for title, bars in panels)
    return FigureData(name=name, title=spec["title"], panels=panels, caption=caption,
                      alt_text=alt, intervals=intervals)


def draw_figure(data: FigureData, pdf: str | Path, png: str | Path, svg: str | Path) -> None:
    """Draw the figure and save it as PDF, PNG and SVG."""
    apply_style()
    import matplotlib.pyplot as plt

    heights = [len(bars) for _, bars in data.panels]
    figure, axes = plt.subplots(
        len(data.panels), 1, squeeze=False, sharex=True,
        figsize=(PAGE_WIDTH_INCHES, 0.62 * len(data.panels) + 0.27 * sum(heights)),
        gridspec_kw={"height_ratios": [h + 0.8 for h in heights]})
    for axis, (title, bars) in zip(axes[:, 0], data.panels, strict=True):
        _panel(axis, title, bars, data.intervals)
        if axis is not axes[-1, 0]:
            axis.spines["bottom"].set_visible(False)
            axis.tick_params(axis="x", length=0)
    figure.subplots_adjust(hspace=0.45)
    every = [bar for _, bars in data.panels for bar in bars]
    axes[-1, 0].set_xlabel(f"Percent of respondents ({_bases(every)})")
    figure.align_ylabels()
    save(figure, pdf, png, svg)
    plt.close(figure)


def write_outputs(data: FigureData, csv_path: str | Path, meta_path: str | Path) -> None:
    """Write the data drawn and the figure's caption and alt text beside it."""
    write_text(csv_path, data.csv_text())
    write_text(meta_path, json.dumps(data.metadata(), indent=2, ensure_ascii=False) + "\n")


def _panel(axis: Any, title: str, bars: Sequence[Bar], intervals: bool) -> None:
    positions = list(range(len(bars)))[::-1]
    values = [float(bar.entry["value"]) for bar in bars]
    low = [value - bar.entry["interval95"][0] for value, bar in zip(values, bars, strict=True)]
    high = [bar.entry["interval95"][1] - value for value, bar in zip(values, bars, strict=True)]
    axis.barh(positions, values, height=0.62, color=BAR)
    if intervals:
        axis.errorbar(values, positions, xerr=[low, high], fmt="none", ecolor=INK,
                      elinewidth=0.8, capsize=2)
    for position, bar in zip(positions, bars, strict=True):
        end = bar.entry["interval95"][1] if intervals else float(bar.entry["value"])
        axis.text(end + 1.5, position,
                  f"{bar.entry['display']}  ({bar.entry['numerator']} of "
                  f"{bar.entry['denominator']})", va="center", fontsize=7.5, color=MUTED)
    axis.set_yticks(positions, [bar.label for bar in bars])
    axis.set_xlim(0, 100)
    axis.set_xticks(range(0, 101, 20))
    axis.set_title(title, pad=4)


def _question_wording(panels: Sequence[tuple[str, list[Bar]]], instrument: Instrument) -> str:
    """' Questions: Panel: “wording” …', each panel's question as the codebook has it; a
    panel of one matrix's rows gives the matrix's stem once. A figure of one panel needs
    no panel's name: ' Question: “wording”'."""
    asked = []
    for title, bars in panels:
        items = sorted({bar.entry.get("details", {}).get("item") for bar in bars} - {None})
        stems = {instrument.item(item).wording.split("\n")[0] for item in items}
        if len(items) == 1:
            asked.append((title, f"\u201c{' '.join(instrument.item(items[0]).wording.split())}"
                                 "\u201d"))
        elif len(stems) == 1:
            asked.append((title, f"\u201c{' '.join(stems.pop().split())}\u201d, one row for "
                                 "each shown"))
    if not asked:
        return ""
    if len(panels) == 1:
        label, listed = "Question", asked[0][1]
    else:
        label, listed = "Questions", "; ".join(f"{title}: {text}" for title, text in asked)
    # A question that ends in its own stop inside the quotes takes no second one.
    return f" {label}: {listed}" + ("" if listed[-2:-1] in ".?!" and
                                    listed.endswith("\u201d") else ".")


def _bases(bars: Sequence[Bar]) -> str:
    counts = sorted({int(bar.entry["denominator"]) for bar in bars})
    return f"n = {counts[0]}" if len(counts) == 1 else f"n = {counts[0]} to {counts[-1]}"
