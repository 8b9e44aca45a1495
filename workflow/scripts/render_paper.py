"""Snakemake script of rule render_paper: shortcodes resolved, the PDF rendered."""

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from csec_survey.core.atomic import write_text
from csec_survey.core.lineage import check_lineage, read_records
from csec_survey.core.rule_script import rule_script
from csec_survey.paper.render import PaperInputs, provenance_trail, render_pdf, resolve
from csec_survey.stats.constants import build_numbers
from csec_survey.stats.registry import read_registry, write_fragment

with rule_script(snakemake) as log:
    # Before anything is rendered: every artefact the paper uses derives from this export.
    check_lineage([snakemake.input.registry, snakemake.input.reproduction,
                   snakemake.input.quotes, snakemake.input.claims, *snakemake.input.figures],
                  read_records(snakemake.input.records), snakemake.params.export,
                  snakemake.params.export_sha256)
    figures = {Path(path).stem: json.loads(Path(path).read_text(encoding="utf-8"))
               for path in snakemake.input.figures if path.endswith(".json")}
    drawings = {Path(path).stem: Path(path) for path in snakemake.input.figures
                if path.endswith(".svg")}
    with open(snakemake.input.reproduction, encoding="utf-8", newline="") as handle:
        reproduction = list(csv.DictReader(handle))
    build = build_numbers(snakemake.params.build, snakemake.rule,
                          "workflow/scripts/render_paper.py")
    write_fragment(build, snakemake.output.build)
    inputs = PaperInputs(
        registry={**read_registry(snakemake.input.registry),
                  **{number.id: number.as_json() for number in build}}, figures=figures,
        figure_files={name: f"{name}.svg" for name in figures},
        quotes=json.loads(Path(snakemake.input.quotes).read_text(encoding="utf-8")),
        reproduction=reproduction, synthetic=bool(snakemake.input.calibration),
        claims={claim["claim"]: claim["holds"] for claim in json.loads(
            Path(snakemake.input.claims).read_text(encoding="utf-8"))["claims"]})
    resolved = resolve(Path(snakemake.input.source).read_text(encoding="utf-8"), inputs)
    write_text(snakemake.output.markdown, resolved.markdown)
    write_text(snakemake.output.quotes_used,
               json.dumps(resolved.quotes, indent=2, ensure_ascii=False) + "\n")
    trail = provenance_trail(resolved, inputs.registry)
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=list(trail[0]) if trail else ["id"],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(trail)
    write_text(snakemake.output.trail, table.getvalue())
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or snakemake.params.build["epoch"])
    with tempfile.TemporaryDirectory() as build:
        renderer = render_pdf(resolved.markdown, Path(build), Path(snakemake.output.pdf),
                              Path(snakemake.input.template), Path(snakemake.input.bibliography),
                              {f"{name}.svg": path for name, path in drawings.items()}, epoch)
        typst_source = Path(build) / "paper.typ"
        write_text(snakemake.output.typst,
                   typst_source.read_text(encoding="utf-8") if typst_source.exists() else "")
    log.info("rendered with %s: %d registry numbers, %d quotes", renderer,
             len(resolved.numbers), len(resolved.quotes))
    for theme in resolved.unquoted:
        log.warning("no coded answer could be quoted for %s (see paper.quote_coding)", theme)
