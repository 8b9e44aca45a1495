# Figures: each drawn by its own rule, from registry entries only.

for _figure in figure_names():

    rule:
        name:
            f"figure_{_figure}"
        input:
            registry=rules.build_registry.output.registry,
            specs=config["figures"],
            # The questions' wording, for the captions.
            instrument=config["instrument"],
        output:
            pdf=report(
                results("figures", f"{_figure}.pdf"),
                category="Figures",
                caption=f"../report/figures/{_figure}.rst",
            ),
            png=report(
                results("figures", f"{_figure}.png"),
                category="Figures",
                caption=f"../report/figures/{_figure}.rst",
            ),
            # Vector, for the paper.
            svg=results("figures", f"{_figure}.svg"),
            data=report(
                results("figures", f"{_figure}.csv"),
                category="Figures",
                subcategory="Data drawn",
                caption="../report/figure_data.rst",
            ),
            meta=results("figures", f"{_figure}.json"),
            lineage=lineage(f"figure_{_figure}"),
        log:
            logs(f"figure_{_figure}.log"),
        benchmark:
            benchmarks(f"figure_{_figure}")
        priority: PAPER_PRIORITY
        localrule: True
        params:
            figure=_figure,
            style=FIGURE_STYLE_SHA256,
            export_sha256=EXPORT_SHA256,
        script:
            "../scripts/draw_figure.py"
