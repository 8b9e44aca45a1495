"""Rebuild the 2014 CCRC white paper on technology and the commercial sexual
exploitation of children from a raw Qualtrics export.

One folder per stage of the workflow, in the order the data flows, each the
home of the rules in the ``workflow/rules/`` file of the same name. A stage
imports from the core and from earlier stages only.

- core, what every stage shares: `core.codebook` (the questionnaire, and who
  was asked each item), `core.export_columns` (Qualtrics' metadata columns and
  which identify a respondent), `core.published` (the values the 2014 report
  printed), `core.granularity` (whole-number arithmetic of printed
  percentages), `core.platforms` (platform names, findings never redacted),
  `core.alternation` (regexes of many phrases, shaped as a trie),
  `core.cells` (one answer by respondent and column), `core.paths`,
  `core.logs`, `core.lineage` (which export every artefact derives from),
  `core.rule_script` (the frame of every rule script: log, lineage record,
  one clear message on failure), `core.atomic` (outputs written whole or not
  at all) and `core.build_exit` (the workflow's ``onsuccess`` hook);
- ingest: `ingest.qualtrics` (reading an export), `ingest.vintages` (which
  exporter, and which program after it, wrote one), `ingest.exclusions` (records
  that are not responses to analyse), `ingest.records` and `ingest.tidy` (the
  records as read, and the complete responses typed), `ingest.export_summary`
  (what ``csec-survey inspect`` reports);
- validate, data expectations run with Great Expectations:
  `validate.expectations` (running a suite), `validate.raw_suite`,
  `validate.clean_suite`, and `validate.personal_data` (patterns no
  de-identified answer may hold);
- deidentify: `deidentify.pseudonyms`, `deidentify.scrubber` (Presidio on
  `deidentify.nlp`'s pipeline, with `deidentify.recognizers` built from
  `deidentify.name_recognizers`, `deidentify.cued_recognizers`,
  `deidentify.cued_agencies`, `deidentify.cued_places`, `deidentify.contact_recognizers`,
  `deidentify.address_recognizers`, `deidentify.shorthand_recognizers`,
  `deidentify.network_recognizers` and `deidentify.pattern_recognizers` over the word
  lists of `deidentify.gazetteers`; `deidentify.platform_spellings` keeps misspelt
  platform names; the recognizers of numbers weigh their cues with
  `deidentify.context_words`), `deidentify.chunks` (how a large export is split),
  `deidentify.responses` (the de-identified table),
  `deidentify.evaluation` (the scrubber against planted truth) and
  `deidentify.disclosure` (k-anonymity);
- stats: `stats.items` (every item's counts and shares, and the survey's
  registry numbers), `stats.constants` (design constants and cited
  statistics), `stats.registry` (every number the paper prints, with its
  trail) and `stats.explain` (that trail in words);
- reproduce: `reproduce.reproduction` (published against rebuilt);
- figures: `figures.style` and `figures.charts`;
- paper: `paper.quotes`, `paper.shortcodes` (the source's shortcodes and
  sentences), `paper.claims` (what the words claim about the data, judged),
  `paper.render` (the PDF), `paper.pdf_text` (the PDF's words and links, read
  back) and `paper.audit` (its numerals, quantities and quotes accounted for);

and, apart from the stages, the generator of the synthetic stand-in export,
which produces test data and is no stage of the analysis:
`synthetic.generator` puts together `synthetic.calibration` (counts that
reproduce the published values), `synthetic.parameters` (its own choices,
kept out of the codebook), `synthetic.closed_answers`,
`synthetic.respondents`, `synthetic.excluded`, `synthetic.free_text` (with
`synthetic.planted`, the personal data it plants, in many shapes),
`synthetic.export_cells` and `synthetic.qualtrics_writer`. `cli` is the
``csec-survey`` command.
"""

__version__ = "0.1.0"
