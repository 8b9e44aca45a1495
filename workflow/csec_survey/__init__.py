"""Rebuild the 2014 CCRC white paper on technology and the commercial sexual
exploitation of children from a raw Qualtrics export.

Modules, in the order the data flows:

- `instrument` (the codebook), `qualtrics` (reading exports), `exclusions`,
  `ingest` and `tidy` (records and typed responses), `validation` (data
  expectations, Great Expectations);
- `deid` (de-identification: pseudonyms, the Presidio scrubber, its
  evaluation, disclosure risk), `chunks` (how large exports are split for it)
  and `cells` (one answer by respondent and question, without pandas' per-cell cost);
- `statistics`, `constants`, `registry` (every number the paper prints),
  `reproduction` (published against rebuilt), `granularity`, `explain`;
- `figure_style` and `figures`, `quotes`, `paper` (rendering), `audit`
  (the finished PDF's numerals);
- `calibration`, `answers`, `synthesize` (the synthetic stand-in export),
  `published`, `platforms`, `paths`, `logs`, `build_exit` (the workflow's
  ``onsuccess`` hook), and `cli` (``csec-survey``).
"""

__version__ = "0.1.0"
