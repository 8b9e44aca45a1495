"""The spaCy pipeline Presidio runs on: blank English with a lookup lemmatizer.

The trained spaCy models cannot be downloaded where this project builds, and
the scrubber needs no statistical NER: its recognizers are rules and word
lists. It does need lemmas, so that context words ("called", "calls") match
their base form; the lookup tables come from ``spacy-lookups-data``. The
pipeline is saved with the package so that loading it never reaches the
network; `build_pipeline` writes it again.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["PIPELINE", "build_pipeline"]

PIPELINE = Path(str(resources.files("csec_survey.deidentify") / "data" / "spacy_en"))
"""Folder of the saved pipeline, loaded by path."""


def build_pipeline(folder: Path = PIPELINE) -> Path:
    """Save a blank English pipeline with a lookup lemmatizer to ``folder``."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.to_disk(folder)
    return folder
