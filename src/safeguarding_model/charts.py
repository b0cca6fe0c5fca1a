"""Charts (the ``plot`` extra, matplotlib): indicators against England, a trend, a funnel plot.

Each function returns a matplotlib ``Figure`` made without pyplot: it does not change the
backend or open a window, works in scripts, notebooks (which show it) and CI alike, and is freed
when no longer referenced; save it with ``figure.savefig(path)``.

Labels show a report's names as written: a ``$`` is a dollar sign, never the start of
mathtext, names are never handed to TeX (whatever ``text.usetex`` says), a name starting with
``_`` keeps its legend entry, and line breaks and control characters in a name are shown as in
the text report. (A ``title`` given to ``funnel_chart`` is the caller's own, drawn as matplotlib
draws any title.)

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model.charts import indicators_chart
    >>> figure = indicators_chart(load_example())
    >>> len(figure.axes)
    1
"""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import TYPE_CHECKING, Any, Final, Literal

from attrs import frozen

from safeguarding_model._escape import escape_chart
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Rag, Significance
from safeguarding_model.periods import FinancialQuarter

if TYPE_CHECKING:
    import numpy.typing as npt

    from safeguarding_model._bases import RateBase
    from safeguarding_model.indicators import IndicatorSeries
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.statistics.funnels import FunnelStatistic

__all__ = [
    "DARK_INK",
    "DARK_PAPER",
    "for_dark_background",
    "funnel_chart",
    "indicators_chart",
    "series_chart",
    "trend_chart",
]

_COLOURS = {
    Rag.RED: "#d9534f",
    Rag.AMBER: "#f0ad4e",
    Rag.GREEN: "#5cb85c",
    Rag.BLUE: "#5b8bd9",
    Rag.GREY: "#bbbbbb",
}


def _figure(width: float, height: float) -> tuple[Any, Any]:
    """A new figure and its axes, made without pyplot.

    A bare ``Figure`` belongs to no backend and no pyplot state: it leaves the user's backend
    alone, is freed like any object, and saves with ``savefig`` in any process, with or without
    a screen.
    """
    try:
        from matplotlib.figure import Figure  # noqa: PLC0415 - an optional extra, imported on use
    except ImportError as error:
        msg = "charts need matplotlib: pip install 'safeguarding-model[plot]'"
        raise ImportError(msg) from error
    figure = Figure(figsize=(width, height), layout="constrained")  # room for long labels
    return figure, figure.subplots()


#: Text properties of every label that may show a user's string: never TeX.
_TEXT: dict[str, Any] = {"usetex": False}


def _label(text: str, width: int) -> str:
    """A report's ``text`` escaped for a chart, on one line of at most ``width`` characters.

    Cut at a word where one ends in the second half of the line, else within the word, so that
    a long name (or a long word) cannot squeeze the axes to nothing.
    """
    label = " ".join(escape_chart(text).split())
    if len(label) <= width:
        return label
    cut = label[: width - 2]
    if " " in cut[width // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" \\") + " …"


def _legend(axes: Any, handles: list[Any], labels: list[str]) -> None:  # noqa: ANN401 - matplotlib Axes
    """A legend of ``labels`` (escaped here), given explicitly so that none starting with ``_`` is dropped."""
    legend = axes.legend(handles, [_label(label, 40) for label in labels])
    for text in legend.get_texts():
        text.set_usetex(False)


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

    names, ratios, colours = [], [], []
    for row in scorecard(report):
        bench = row.comparator(comparator)
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
        names.append(_label(row.indicator.name, 60))
        ratios.append(ratio)
        colours.append(_COLOURS[colour])
    figure, axes = _figure(9, 0.35 * max(len(names), 4) + 1)
    axes.barh(range(len(names)), ratios, color=colours)
    axes.axvline(1.0, color="black", linewidth=1)
    axes.set_yticks(range(len(names)), names, fontsize=7, **_TEXT)
    axes.invert_yaxis()
    axes.set_xlabel(f"value relative to {_label(comparator, 40)} (1 = the same)", **_TEXT)
    axes.set_title(
        f"{_label(report.area.name, 60)}, latest figures against {_label(comparator, 40)}",
        **_TEXT,
    )
    return figure


def trend_chart(series: IndicatorSeries, *, confidence: float = 0.95) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """An indicator over periods, the area beside its comparators, with confidence intervals.

    Each area is a line over the periods any of them has a figure for, in period order. A line
    joins periods of one kind: when a series mixes them (years, and quarters of the latest year),
    the kind most of its figures have is drawn, years winning a tie. Where a
    figure's interval is printed, or its printed count and denominator give one (see
    [`observation_interval`][safeguarding_model.indicators.observation_interval]), it is drawn as
    an error bar at ``confidence``; figures without one are drawn as points alone.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, IndicatorSeries, Observation, parse_value
        >>> from safeguarding_model.charts import trend_chart
        >>> rate = IndicatorDefinition(id="cpp", name="Child protection plans", kind="rate", per=10_000, population="child")
        >>> rows = [("Area", "2014/15", "41.0", 410, 100_000), ("Area", "2015/16", "52.0", 520, 100_000), ("England", "2015/16", "43.1", None, None)]
        >>> observations = tuple(Observation(indicator="cpp", area=a, period=p, value=parse_value(v), count=None if c is None else parse_value(str(c)), denominator=None if n is None else parse_value(str(n))) for a, p, v, c, n in rows)
        >>> axes = trend_chart(IndicatorSeries(indicator=rate, area="Area", observations=observations)).get_axes()[0]
        >>> [label.get_text() for label in axes.get_xticklabels()]
        ['2014/15', '2015/16']
        >>> len(axes.containers)  # one set of error bars: the area's; England prints no counts
        1
    """
    from safeguarding_model.indicators import observation_interval  # noqa: PLC0415

    numbered = [o for o in series.observations if o.value.number is not None]
    kinds = Counter(type(o.period) for o in numbered)
    kind = max(kinds, key=lambda k: (kinds[k], k is not FinancialQuarter)) if kinds else None
    periods = sorted({o.period for o in numbered if type(o.period) is kind})
    position = {period: number for number, period in enumerate(periods)}
    figure, axes = _figure(8, 4)
    with_intervals = False
    handles: list[Any] = []
    labels: list[str] = []
    for area in (series.area, *series.comparators()):
        observed = [
            o for o in series.of(area) if o.value.number is not None and o.period in position
        ]
        if not observed:
            continue
        xs = [position[o.period] for o in observed]
        ys = [float(o.value.number) for o in observed if o.value.number is not None]
        width = 2.5 if area == series.area else 1.2
        (line,) = axes.plot(xs, ys, marker="o", label=area, linewidth=width)
        handles.append(line)
        labels.append(area)
        intervals = [
            (x, interval)
            for x, o in zip(xs, observed, strict=True)
            if (interval := observation_interval(series.indicator, o, confidence=confidence))
        ]
        if intervals:
            with_intervals = True
            axes.errorbar(
                [x for x, _ in intervals],
                [i.value for _, i in intervals],
                yerr=[
                    [i.value - i.lower for _, i in intervals],
                    [i.upper - i.value for _, i in intervals],
                ],
                fmt="none",
                ecolor=line.get_color(),
                capsize=4,
                linewidth=width / 2 + 0.5,
            )
    axes.set_xticks(range(len(periods)), [str(period) for period in periods], **_TEXT)
    # two lines at most, broken only at spaces: a "\$" is never split from its dollar
    title = textwrap.fill(_label(series.indicator.name, 140), 70, break_long_words=False)
    axes.set_title(title, **_TEXT)
    if with_intervals:
        axes.set_xlabel(f"bars: {confidence:.1%} confidence intervals".replace(".0%", "%"))
    _legend(axes, handles, labels)
    axes.tick_params(axis="x", rotation=45)
    return figure


def series_chart(report: AnnualReport, indicator_id: str, *, confidence: float = 0.95) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """The trend chart of one of a report's indicators: the report's area beside its comparators.

    The same as ``trend_chart(report.series(indicator_id))``.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.charts import series_chart
        >>> len(series_chart(load_example(), "children-looked-after-rate").get_axes()[0].get_lines())
        3
    """
    return trend_chart(report.series(indicator_id), confidence=confidence)


def funnel_chart(  # noqa: PLR0913 - the two columns, then keyword-only options
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    statistic: FunnelStatistic = "proportion",
    average: float | None = None,
    per: float | str | RateBase | None = None,
    rate_type: Literal["crude", "dsr"] = "crude",
    title: str = "",
    overdispersion: bool = False,
    y_label: str = "",
) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """A funnel plot with 95% and 99.8% control limits about the average, as the method draws.

    The limits come from [`funnel_limits_table`][safeguarding_model.funnel_limits_table] (the
    method's 100-point grid), so each statistic's curve is the method's own:

    - ``"proportion"``: ``numerator`` and ``denominator`` are counts; the y axis is the
      proportion, the x axis the denominator; the average is ``Σx / Σn`` unless given.
    - ``"ratio"``: ``numerator`` is the observed and ``denominator`` the expected events; the y
      axis is ``O/E``, the x axis the expected events; the average is 1 unless given.
    - ``"rate"``: ``numerator`` is the counts and ``denominator`` the rates per ``per``; the x
      axis is each area's population derived from its count and rate (areas with a rate of 0
      derive none and are not drawn); the average is derived as in
      [`funnel_rate_significance`][safeguarding_model.funnel_rate_significance] unless given;
      the y axis is in the rates' units (``rate per 10,000`` for ``per=10_000``).

    With ``overdispersion=True`` the limits adjusted for overdispersion
    ([`overdispersed_funnel_limits`][safeguarding_model.statistics.funnels.overdispersed_funnel_limits],
    with ``τ²`` measured from the areas drawn) are drawn as dashed lines, the usual limits stay
    as thin dotted grey lines, and the points are coloured by their labels against the adjusted
    limits ([`funnel_overdispersed_significance`][safeguarding_model.statistics.funnels.funnel_overdispersed_significance]).
    (For a DSR this uses the crude-rate variance; no point is marked not applicable.)
    Without it, the chart warns as the usual labels do
    ([`OverdispersionWarning`][safeguarding_model.statistics.funnels.OverdispersionWarning])
    when far more areas are outside the 95% limits than chance would put there.

    Args:
        numerator: Counts (proportions), observed events (ratios) or counts of events (rates).
        denominator: Denominators (proportions), expected events (ratios) or rates (rates).
        statistic: ``"proportion"``, ``"ratio"`` or ``"rate"``.
        average: The average to compare with, on the y axis's scale: a proportion from 0 to 1
            (not a percentage), a rate per ``per`` (69.1 for 69.1 per 10,000), or a ratio of
            observed to expected events (1: as expected); found from the data by default.
        per: The rates' base, required for rates: ``10_000`` for rates per 10,000.
        rate_type: ``"crude"`` or ``"dsr"`` for rates (a DSR on fewer than 10 events is not
            applicable, drawn grey).
        title: The chart's title.
        overdispersion: Whether to draw the limits adjusted for overdispersion as well.
        y_label: The y axis's label, such as ``"children looked after per 10,000 children"``;
            by default ``proportion``, ``observed / expected`` or ``rate per <per>``.

    Returns:
        A matplotlib ``Figure``.

    Raises:
        InvalidInputError: For inputs the funnel functions refuse, an unknown statistic or a
            rate chart without ``per``.

    Examples:
        >>> from safeguarding_model.charts import funnel_chart
        >>> len(funnel_chart([40, 90, 300], [100, 100, 1000]).get_axes()[0].get_lines())
        5
        >>> figure = funnel_chart([86, 366, 47], [125.2, 208.6, 60.0], statistic="ratio")
        >>> figure.get_axes()[0].get_ylabel()
        'observed / expected'
        >>> rates = funnel_chart([150, 170, 420, 480], [75.0, 48.6, 84.0, 60.0], statistic="rate", per=10_000, overdispersion=True)
        >>> rates.get_axes()[0].get_ylabel(), len(rates.get_axes()[0].get_lines())
        ('rate per 10,000', 9)
    """
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    if statistic == "proportion":
        points = _funnel_proportions(numerator, denominator, average, warn=not overdispersion)
    elif statistic == "ratio":
        points = _funnel_ratios(numerator, denominator, average, warn=not overdispersion)
    elif statistic == "rate":
        points = _funnel_rates(
            numerator, denominator, average, per, rate_type, warn=not overdispersion
        )
    else:
        raise InvalidInputError("statistic", statistic, "'proportion', 'ratio' or 'rate'")
    figure, axes = _figure(7, 4.5)
    axes.axhline(points.mean, color="black", linewidth=1, label=f"average {points.mean:.3g}")
    width = 0.8 if overdispersion else 1.5
    for (low_x, low), (high_x, high), style, words in points.limits:
        drawn = ":" if overdispersion else style
        axes.plot(
            low_x,
            low,
            drawn,
            color="grey",
            linewidth=width,
            label=f"{words}, unadjusted" if overdispersion else words,
        )
        axes.plot(high_x, high, drawn, color="grey", linewidth=width)
    if overdispersion:
        points = _adjusted(points, numerator, statistic, per, axes)
    colour = {"High": _COLOURS[Rag.BLUE], "Low": _COLOURS[Rag.BLUE], "Not": _COLOURS[Rag.AMBER]}
    shown = np.isfinite(points.x) & np.isfinite(points.y)
    axes.scatter(
        points.x[shown],
        points.y[shown],
        c=[
            _COLOURS[Rag.GREY]
            if label.startswith("Not applicable")
            else colour.get(label.split(" ")[0], _COLOURS[Rag.GREY])
            for label in points.labels[shown].tolist()
        ],
        zorder=3,
    )
    _view(axes, points.x[shown], points.y[shown], points.mean)
    axes.set_xlabel(points.x_label)
    axes.set_ylabel(y_label or points.y_label, **_TEXT)
    axes.legend(loc="upper right", fontsize=8)
    default = "Funnel plot with 95% and 99.8% limits"
    axes.set_title(
        title or (default + ", adjusted for overdispersion" if overdispersion else default)
    )
    return figure


def _adjusted(
    points: _FunnelPoints,
    numerator: npt.ArrayLike,
    statistic: FunnelStatistic,
    per: float | str | RateBase | None,
    axes: Any,  # noqa: ANN401 - matplotlib Axes
) -> _FunnelPoints:
    """Draw the limits adjusted for overdispersion as dashed lines; the points relabelled by them."""
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415
        funnel_dispersion,
        funnel_overdispersed_significance,
        overdispersed_funnel_limits,
    )

    x = np.broadcast_to(np.atleast_1d(np.asarray(numerator, dtype=float)), points.x.shape)
    known = np.isfinite(points.x) & ~np.isnan(x)
    sizes = points.x[known]
    spread = funnel_dispersion(
        x[known], sizes, statistic=statistic, per=per, average=points.mean, warn=False
    )
    grid = np.geomspace(max(float(sizes.min()) / 1.5, 1e-9), float(sizes.max()) * 1.1, 200)
    for confidence, colour, words in ((0.95, "#555555", "95%"), (0.998, "black", "99.8%")):
        low, high = overdispersed_funnel_limits(grid, spread, confidence=confidence)
        label = f"{words} limits adjusted for overdispersion"
        axes.plot(grid, low, "--", color=colour, label=label, linewidth=1.5)
        axes.plot(grid, high, "--", color=colour, linewidth=1.5)
    labels = np.full(points.x.shape, "", dtype=points.labels.dtype)
    labels[known] = funnel_overdispersed_significance(x[known], sizes, dispersion=spread)
    return _FunnelPoints(
        points.x, points.y, labels, points.mean, points.limits, points.x_label, points.y_label
    )


def _view(axes: Any, x: Any, y: Any, mean: float) -> None:  # noqa: ANN401 - matplotlib Axes
    """Show the areas, not the limits' far ends: limits at one event reach far off the chart."""
    if x.size == 0:
        return
    low, high = min(float(y.min()), mean), max(float(y.max()), mean)
    pad = 0.25 * (high - low) or 0.1 * abs(mean) or 1.0
    axes.set_xlim(0, float(x.max()) * 1.05)
    axes.set_ylim(max(low - pad, 0.0) if low >= 0 else low - pad, high + pad)


@frozen
class _FunnelPoints:
    """What a funnel chart draws: the areas, their labels, the average and the limit curves."""

    x: Any  # numpy arrays: numpy is imported on first use
    y: Any
    labels: Any
    mean: float
    limits: list[tuple[tuple[Any, Any], tuple[Any, Any], str, str]]
    x_label: str
    y_label: str


_LIMIT_STYLES = (("2s", "--", "95% limits"), ("3s", ":", "99.8% limits"))


def _funnel_proportions(
    numerator: npt.ArrayLike, denominator: npt.ArrayLike, average: float | None, *, warn: bool
) -> _FunnelPoints:
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415
        funnel_limits_table,
        funnel_proportion_significance,
    )

    labels = funnel_proportion_significance(numerator, denominator, average=average, warn=warn)
    x = np.atleast_1d(np.asarray(numerator, dtype=float))
    n = np.atleast_1d(np.asarray(denominator, dtype=float))
    x, n = np.broadcast_arrays(x, n)
    known = ~(np.isnan(x) | np.isnan(n))
    mean = float(x[known].sum() / n[known].sum()) if average is None else float(average)
    table = funnel_limits_table("proportion", n, average=mean, multiplier=1)
    grid = table["Population"]
    limits = [
        ((grid, table[f"lower_{level}_limit"]), (grid, table[f"upper_{level}_limit"]), style, words)
        for level, style, words in _LIMIT_STYLES
    ]
    with np.errstate(invalid="ignore", divide="ignore"):
        y = x / n
    return _FunnelPoints(n, y, labels, mean, limits, "denominator", "proportion")


def _funnel_ratios(
    observed: npt.ArrayLike, expected: npt.ArrayLike, average: float | None, *, warn: bool
) -> _FunnelPoints:
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415
        funnel_limits_table,
        funnel_ratio_significance,
    )

    mean = 1.0 if average is None else float(average)
    labels = funnel_ratio_significance(observed, expected, average=mean, warn=warn)
    o, e = np.broadcast_arrays(
        np.atleast_1d(np.asarray(observed, dtype=float)),
        np.atleast_1d(np.asarray(expected, dtype=float)),
    )
    # The limits about an average a: O/E' = a·O/E at E' = E/a.
    table = funnel_limits_table("ratio", o, ratio_type="ratio")
    limits = [
        (
            (table[f"lower_{level}_expected_events"] / mean, table[f"lower_{level}_limit"] * mean),
            (table[f"upper_{level}_expected_events"] / mean, table[f"upper_{level}_limit"] * mean),
            style,
            words,
        )
        for level, style, words in _LIMIT_STYLES
    ]
    return _FunnelPoints(e, o / e, labels, mean, limits, "expected events", "observed / expected")


def _funnel_rates(  # noqa: PLR0913 - the two columns, the options, then warn
    count: npt.ArrayLike,
    rate: npt.ArrayLike,
    average: float | None,
    per: float | str | RateBase | None,
    rate_type: Literal["crude", "dsr"],
    *,
    warn: bool,
) -> _FunnelPoints:
    import numpy as np  # noqa: PLC0415 - with the statistics it draws

    from safeguarding_model._bases import parse_per  # noqa: PLC0415 - with the statistics
    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415
        funnel_limits_table,
        funnel_rate_significance,
    )

    if per is None:
        raise InvalidInputError("per", per, "the rates' base, such as 100_000")
    labels = funnel_rate_significance(
        count, rate, per=per, average=average, rate_type=rate_type, warn=warn
    )
    scale = float(parse_per(per, function="funnel_chart"))
    x, r = np.broadcast_arrays(
        np.atleast_1d(np.asarray(count, dtype=float)),
        np.atleast_1d(np.asarray(rate, dtype=float)),
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        population = np.where(r > 0, scale * x / r, np.nan)
    usable = np.isfinite(population)
    if average is not None:
        mean = float(average)
    elif usable.any():
        mean = float(scale * x[usable].sum() / population[usable].sum())
    else:
        raise InvalidInputError("rate", r.tolist()[:5], "at least one rate greater than 0")
    table = funnel_limits_table("rate", x, average=mean, per=per)
    limits = [
        (
            (table[f"lower_{level}_population_1_year"], table[f"lower_{level}_limit"]),
            (table[f"upper_{level}_population_1_year"], table[f"upper_{level}_limit"]),
            style,
            words,
        )
        for level, style, words in _LIMIT_STYLES
    ]
    return _FunnelPoints(
        population, r, labels, mean, limits, "population", f"rate per {scale:,.0f}"
    )


# --- the dark colour scheme ------------------------------------------------------------------

DARK_INK: Final = "#e2e4e9"
"""The colour [`for_dark_background`][safeguarding_model.charts.for_dark_background] gives text,
axes and black or grey lines: light grey, readable on dark pages."""

DARK_PAPER: Final = "#2e303e"
"""The legend's background on a dark page."""

_NEUTRAL_SPREAD: Final = 0.12
"""Below this spread between a colour's channels it is a grey (black included), not a data colour."""

_DARK_LUMINANCE: Final = 0.45
"""Below this relative luminance a grey is too dark to read on a dark background."""


def _is_dark_ink(colour: object) -> bool:
    """Whether ``colour`` is black or a dark grey (not a data colour such as blue or red)."""
    from matplotlib.colors import to_rgba  # noqa: PLC0415 - with the chart it restyles

    try:
        red, green, blue, alpha = to_rgba(colour)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    grey = max(red, green, blue) - min(red, green, blue) < _NEUTRAL_SPREAD
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return alpha > 0 and grey and luminance < _DARK_LUMINANCE


def _lighten_line(line: Any, ink: str) -> None:  # noqa: ANN401 - a matplotlib Line2D
    for get, set_ in (
        (line.get_color, line.set_color),
        (line.get_markeredgecolor, line.set_markeredgecolor),
        (line.get_markerfacecolor, line.set_markerfacecolor),
    ):
        if _is_dark_ink(get()):
            set_(ink)


def _lighten_collection(collection: Any, ink: str) -> None:  # noqa: ANN401 - a matplotlib Collection
    edges = collection.get_edgecolor()
    if len(edges) and all(_is_dark_ink(tuple(edge)) for edge in edges):
        collection.set_edgecolor(ink)
    faces = collection.get_facecolor()
    if len(faces) and all(_is_dark_ink(tuple(face)) for face in faces):
        collection.set_facecolor(ink)


def for_dark_background(figure: Any, *, ink: str = DARK_INK, paper: str = DARK_PAPER) -> Any:  # noqa: ANN401 - a matplotlib Figure
    """Restyle a chart in place for a dark page, and return it.

    Text, ticks, axes and black or dark grey lines and markers take ``ink``; a legend's
    background takes ``paper``; data colours (significance, RAG, series) stay as they are. Save
    it with ``transparent=True`` so that the page's own background shows through. Draw a chart
    afresh for each scheme: the restyling cannot be undone.

    Args:
        figure: A matplotlib ``Figure``, such as one of this module's charts.
        ink: The colour for text, axes and neutral lines.
        paper: The colour behind a legend.

    Returns:
        The same ``figure``.

    Examples:
        >>> from matplotlib.colors import to_hex
        >>> from safeguarding_model.charts import DARK_INK, for_dark_background, funnel_chart
        >>> figure = for_dark_background(funnel_chart([40, 90, 300], [100, 100, 1000]))
        >>> to_hex(figure.get_axes()[0].title.get_color()) == DARK_INK
        True
    """
    from matplotlib.collections import Collection  # noqa: PLC0415 - with the chart it restyles
    from matplotlib.legend import Legend  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415
    from matplotlib.text import Text  # noqa: PLC0415

    for axes in figure.get_axes():
        axes.tick_params(colors=ink, which="both")
    for artist in figure.findobj():
        if isinstance(artist, Text) and _is_dark_ink(artist.get_color()):
            artist.set_color(ink)
        elif isinstance(artist, Line2D):
            _lighten_line(artist, ink)
        elif isinstance(artist, Legend):
            artist.get_frame().set_facecolor(paper)
            artist.get_frame().set_edgecolor(ink)
        elif isinstance(artist, Patch) and _is_dark_ink(artist.get_edgecolor()):
            artist.set_edgecolor(ink)
        elif isinstance(artist, Collection):
            _lighten_collection(artist, ink)
    return figure
