"""Charts (the ``plot`` extra, matplotlib): an area's indicators against England, a series, a funnel.

Each function returns a matplotlib ``Figure`` drawn without a screen (the Agg backend), so it works
in scripts, notebooks and CI alike; save it with ``figure.savefig(path)``.

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model.charts import indicators_chart
    >>> figure = indicators_chart(load_example())
    >>> len(figure.axes)
    1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from safeguarding_model.markers import Rag, Significance

if TYPE_CHECKING:
    import numpy.typing as npt

    from safeguarding_model.report import AnnualReport

__all__ = ["funnel_chart", "indicators_chart", "series_chart"]

_COLOURS = {
    Rag.RED: "#d9534f",
    Rag.AMBER: "#f0ad4e",
    Rag.GREEN: "#5cb85c",
    Rag.BLUE: "#5b8bd9",
    Rag.GREY: "#bbbbbb",
}


def _pyplot() -> Any:  # noqa: ANN401 - matplotlib's pyplot module, typed loosely by matplotlib itself
    try:
        import matplotlib as mpl  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError as error:
        msg = "charts need matplotlib: pip install 'safeguarding-model[plot]'"
        raise ImportError(msg) from error
    mpl.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415

    return plt


def indicators_chart(report: AnnualReport, *, comparator: str = "England") -> Any:  # noqa: ANN401 - a matplotlib Figure
    """A bar per indicator: the area's latest value as a share of the comparator's, coloured by significance.

    Bars are the area's value divided by the comparator's (1 means the same as England), coloured
    red / amber / green by the computed significance where counts allow it, else by the stated
    colour or significance, else grey, as the public-health profiles' spine charts do.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.charts import indicators_chart
        >>> indicators_chart(load_example()).get_axes()[0].get_xlabel()
        'value relative to England (1 = the same)'
    """
    from safeguarding_model.scorecards import scorecard  # noqa: PLC0415 - lazily, as everywhere

    plt = _pyplot()
    names, ratios, colours = [], [], []
    for row in scorecard(report):
        bench = next((o for o in row.comparators if o.area == comparator), None)
        if bench is None or bench.value.number in (None, 0) or row.latest.value.number is None:
            continue
        ratio = float(row.latest.value.number / bench.value.number)
        significance = row.computed_significance
        if significance is Significance.NOT_COMPARED and row.latest.stated_significance is not None:
            significance = row.latest.stated_significance
        colour = (
            row.latest.stated_rag
            if significance is Significance.NOT_COMPARED and row.latest.stated_rag
            else significance.rag
        )
        names.append(row.indicator.name[:60])
        ratios.append(ratio)
        colours.append(_COLOURS[colour])
    figure, axes = plt.subplots(figsize=(9, 0.35 * max(len(names), 4) + 1))
    axes.barh(range(len(names)), ratios, color=colours)
    axes.axvline(1.0, color="black", linewidth=1)
    axes.set_yticks(range(len(names)), names, fontsize=7)
    axes.invert_yaxis()
    axes.set_xlabel(f"value relative to {comparator} (1 = the same)")
    axes.set_title(f"{report.area.name}, latest figures against {comparator}")
    figure.tight_layout()
    return figure


def series_chart(report: AnnualReport, indicator_id: str) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """An indicator over periods, the report's area beside its comparators.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.charts import series_chart
        >>> len(series_chart(load_example(), "children-looked-after-rate").get_axes()[0].get_lines())
        3
    """
    plt = _pyplot()
    series = report.series(indicator_id)
    figure, axes = plt.subplots(figsize=(8, 4))
    for area in (series.area, *series.comparators()):
        points = [
            (str(o.period), float(o.value.number))
            for o in series.of(area)
            if o.value.number is not None
        ]
        if points:
            labels, numbers = zip(*points, strict=True)
            axes.plot(
                labels,
                numbers,
                marker="o",
                label=area,
                linewidth=2.5 if area == series.area else 1.2,
            )
    axes.set_title(series.indicator.name)
    axes.legend()
    axes.tick_params(axis="x", rotation=45)
    figure.tight_layout()
    return figure


def funnel_chart(
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    average: float | None = None,
    title: str = "",
) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """A funnel plot of proportions with 95% and 99.8% control limits about the average.

    Examples:
        >>> from safeguarding_model.charts import funnel_chart
        >>> len(funnel_chart([40, 90, 300], [100, 100, 1000]).get_axes()[0].get_lines())
        5
    """
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415
        funnel_proportion_significance,
        proportion_funnel_limits,
    )

    plt = _pyplot()
    x = np.asarray(numerator, dtype=float)
    n = np.asarray(denominator, dtype=float)
    mean = float(np.nansum(x) / np.nansum(n)) if average is None else average
    labels = funnel_proportion_significance(x, n, average=mean)
    sizes = np.linspace(max(float(np.nanmin(n)), 1.0), float(np.nanmax(n)), 200)
    figure, axes = plt.subplots(figsize=(7, 4.5))
    axes.axhline(mean, color="black", linewidth=1)
    for confidence, style in ((0.95, "--"), (0.998, ":")):
        low, high = proportion_funnel_limits(sizes, mean, confidence=confidence)
        axes.plot(sizes, low, style, color="grey")
        axes.plot(sizes, high, style, color="grey")
    colour = {"High": _COLOURS[Rag.BLUE], "Low": _COLOURS[Rag.BLUE], "Not": _COLOURS[Rag.AMBER]}
    axes.scatter(
        n,
        x / n,
        c=[colour.get(str(label).split(" ")[0], _COLOURS[Rag.GREY]) for label in labels],
        zorder=3,
    )
    axes.set_xlabel("denominator")
    axes.set_ylabel("proportion")
    axes.set_title(title or "Funnel plot with 95% and 99.8% limits")
    figure.tight_layout()
    return figure
