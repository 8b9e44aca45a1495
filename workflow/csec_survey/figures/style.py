"""The one look every figure shares: a font, sizes that survive print, a colour-blind-safe
palette, nothing that is not data.

The font is DejaVu Sans, which ships with matplotlib, so that figures look the
same on every machine and never depend on system fonts. Colours are from the
Okabe-Ito palette. Saving strips timestamps and tool names so that the same
data give the same bytes.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from csec_survey.core.atomic import atomic_path

__all__ = ["BAR", "INK", "MUTED", "PAGE_WIDTH_INCHES", "apply_style", "save"]

# Okabe & Ito (2008), safe for the common forms of colour blindness.
BAR = "#0072B2"
INK = "#222222"
MUTED = "#666666"
PAGE_WIDTH_INCHES = 5.2
"""The text width the paper prints figures at (paper/template.typ: Letter, 4.2 cm
margins, a measure of about 75 characters); sizes below are chosen for it."""

_RC: dict[str, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8.5,
    "axes.titlesize": 9,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8,
    "axes.labelcolor": MUTED,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 8.5,
    "xtick.color": MUTED,
    "ytick.color": INK,
    "ytick.major.size": 0,
    "text.color": INK,
    "figure.dpi": 100,
    "savefig.dpi": 200,
    "pdf.fonttype": 42,
    "svg.hashsalt": "csec-survey",
}


def apply_style() -> None:
    """Set the shared style for the figures drawn after this call."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update(_RC)


# A coordinate of one point or more, to a hundredth; a glyph's scale (0.015625) keeps
# every digit, or each letter would shrink where it stands.
_LONG_DECIMALS = re.compile(rb"(?<![\d.])([1-9]\d*\.\d\d)\d+")


def save(figure: Any, pdf: str | Path, png: str | Path, svg: str | Path) -> None:
    """Save a figure as vector PDF and SVG (the paper's, its text drawn as paths) and as
    PNG, with no timestamps or tool names in the files."""
    with atomic_path(pdf) as partial:
        figure.savefig(partial, format="pdf", bbox_inches="tight",
                       metadata={"CreationDate": None, "ModDate": None, "Creator": None,
                                 "Producer": None})
    with atomic_path(png) as partial:
        figure.savefig(partial, format="png", bbox_inches="tight", metadata={"Software": None})
    drawing = io.BytesIO()
    figure.savefig(drawing, format="svg", bbox_inches="tight",
                   metadata={"Date": None, "Creator": None})
    with atomic_path(svg) as partial:
        # Coordinates to a hundredth of a point, which no eye tells apart: a longer one
        # may spell a respondent's latitude, which the leak check rightly refuses. (Cut
        # below one point too, the glyphs' scales printed every label letter-spaced.)
        Path(partial).write_bytes(_LONG_DECIMALS.sub(rb"\1", drawing.getvalue()))
