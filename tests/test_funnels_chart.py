"""The funnel chart draws the method's limits for proportions, ratios and rates."""

import io

import numpy as np
import pytest

from safeguarding_model import InvalidInputError, funnel_limits_table
from safeguarding_model.charts import funnel_chart


def _lines(figure: object) -> list[tuple[np.ndarray, np.ndarray]]:
    axes = figure.get_axes()[0]  # type: ignore[attr-defined]
    return [
        (np.asarray(line.get_xdata()), np.asarray(line.get_ydata())) for line in axes.get_lines()
    ]


def test_proportion_chart_draws_the_closed_form_limits() -> None:
    figure = funnel_chart([40, 90, 300], [100, 100, 1000])
    lines = _lines(figure)
    assert len(lines) == 5  # the average and four limits
    table = funnel_limits_table("proportion", [100, 100, 1000], average=430 / 1200, multiplier=1)
    x, low = lines[1]
    np.testing.assert_array_equal(x, table["Population"])
    np.testing.assert_allclose(low, table["lower_2s_limit"], rtol=1e-12)
    p = 430 / 1200
    n = x[60]
    assert low[60] == pytest.approx(p - 1.959963984540054 * np.sqrt(p * (1 - p) / n), rel=1e-12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_ratio_chart_draws_limits_on_expected_events() -> None:
    figure = funnel_chart([86, 366, 47], [125.2, 208.6, 60.0], statistic="ratio")
    axes = figure.get_axes()[0]
    assert axes.get_xlabel() == "expected events"
    lines = _lines(figure)
    assert len(lines) == 5
    table = funnel_limits_table("ratio", [86, 366, 47], ratio_type="ratio")
    x, low = lines[1]
    np.testing.assert_allclose(x, table["lower_2s_expected_events"])
    np.testing.assert_allclose(low, table["lower_2s_limit"])
    assert (low < 1).all()
    offsets = axes.collections[0].get_offsets()
    np.testing.assert_allclose(offsets[:, 1], [86 / 125.2, 366 / 208.6, 47 / 60.0])


def test_ratio_chart_about_another_average() -> None:
    lines = _lines(funnel_chart([20, 50], [10.0, 40.0], statistic="ratio", average=2.0))
    assert lines[0][1][0] == 2.0
    _, high = lines[2]
    assert (high > 2.0).all()


def test_rate_chart_draws_limits_on_populations() -> None:
    counts = [1746, 2242, 1912, 4]
    rates = [603.7, 845.9, 659.6, 20.0]
    figure = funnel_chart(counts, rates, statistic="rate", per=100_000, rate_type="dsr")
    axes = figure.get_axes()[0]
    assert axes.get_xlabel() == "population"
    lines = _lines(figure)
    assert len(lines) == 5
    mean = float(lines[0][1][0])
    populations = [100_000 * c / r for c, r in zip(counts, rates, strict=True)]
    assert mean == pytest.approx(100_000 * sum(counts) / sum(populations))
    x, high = lines[2]
    table = funnel_limits_table("rate", counts, average=mean, per=100_000)
    np.testing.assert_allclose(x, table["upper_2s_population_1_year"])
    np.testing.assert_allclose(high, table["upper_2s_limit"])
    colours = axes.collections[0].get_facecolors()
    assert len(colours) == 4
    # the DSR on 4 events is not applicable: grey, unlike the three others
    assert tuple(colours[3]) != tuple(colours[0])


def test_chart_misuse() -> None:
    with pytest.raises(InvalidInputError, match="statistic"):
        funnel_chart([1], [2], statistic="mean")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="per"):
        funnel_chart([1], [2.0], statistic="rate")


def test_rate_chart_with_overdispersion_draws_the_adjusted_limits_dashed() -> None:
    from safeguarding_model.statistics.funnels import (  # noqa: PLC0415 - the functions drawn
        funnel_dispersion,
        overdispersed_funnel_limits,
    )

    children = np.array([20_000, 35_000, 50_000, 80_000, 120_000, 60_000, 45_000, 30_000])
    looked_after = np.array([150, 170, 420, 480, 700, 250, 400, 140])
    rates = 10_000 * looked_after / children
    figure = funnel_chart(
        looked_after,
        rates,
        statistic="rate",
        per=10_000,
        overdispersion=True,
        y_label="children looked after per 10,000 children",
    )
    axes = figure.get_axes()[0]
    assert axes.get_ylabel() == "children looked after per 10,000 children"
    dashed = [line for line in axes.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 4
    spread = funnel_dispersion(looked_after, children, statistic="rate", per=10_000, warn=False)
    for line, confidence, side in zip(
        dashed, (0.95, 0.95, 0.998, 0.998), (0, 1, 0, 1), strict=True
    ):
        x = np.asarray(line.get_xdata())
        want = overdispersed_funnel_limits(x, spread, confidence=confidence)[side]
        np.testing.assert_allclose(np.asarray(line.get_ydata()), want, rtol=1e-9)
    dotted = [line for line in axes.get_lines() if line.get_linestyle() == ":"]
    assert len(dotted) == 4  # the usual limits, kept thin
    assert "adjusted for overdispersion" in axes.get_title()
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert "95% limits adjusted for overdispersion" in legend
    assert "95% limits, unadjusted" in legend
