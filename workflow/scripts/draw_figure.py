"""Snakemake script of the figure rules: one figure, its data and its words."""

from csec_survey.core.codebook import load_instrument
from csec_survey.core.rule_script import rule_script
from csec_survey.figures.charts import draw_figure, figure_data, load_figure_specs, write_outputs
from csec_survey.stats.registry import read_registry

with rule_script(snakemake) as log:
    name = snakemake.params.figure
    data = figure_data(name, load_figure_specs(snakemake.input.specs)[name],
                       read_registry(snakemake.input.registry),
                       load_instrument(snakemake.input.instrument))
    draw_figure(data, snakemake.output.pdf, snakemake.output.png, snakemake.output.svg)
    write_outputs(data, snakemake.output.data, snakemake.output.meta)
    log.info("figure %s: %d bars", name, len(data.rows()))
