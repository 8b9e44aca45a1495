"""Rebuild the 2014 CCRC white paper on technology and the commercial sexual
exploitation of children from a raw Qualtrics export.

Modules, in the order the data flows: `instrument` (the codebook),
`qualtrics` (reading exports), `exclusions`, `tidy` (typed responses),
`granularity` and `calibration` (whole-number arithmetic of the published
percentages), `answers` and `synthesize` (the synthetic stand-in export),
`inspect` and `cli` (the ``csec-survey`` command).
"""

__version__ = "0.1.0"
