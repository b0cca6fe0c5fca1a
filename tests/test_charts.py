import io

import pytest
from matplotlib.colors import to_hex
from scipy.stats import chi2

from safeguarding_model import (
    AnnualReport,
    IndicatorDefinition,
    IndicatorSeries,
    Interval,
    Observation,
    load_example,
    observation_interval,
    parse_period,
    parse_value,
)
from safeguarding_model.charts import funnel_chart, indicators_chart, series_chart, trend_chart

PNG = b"\x89PNG\r\n\x1a\n"


def _png(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_indicators_chart_draws_one_bar_per_indicator_with_an_england_figure() -> None:
    report = load_example("lancashire-2015-16")
    figure = indicators_chart(report)
    axes = figure.get_axes()[0]
    # 18 health profile rows; the rates of children on plans, of plans lasting two years or
    # more and of children looked after; assessments on time (England's 81.0% from the text,
    # where the table prints N/A).
    assert len(axes.patches) == 18 + 3 + 1
    assert _png(figure).startswith(PNG)


def test_series_chart_has_the_area_and_its_comparators() -> None:
    figure = series_chart(load_example("lancashire-2015-16"), "children-looked-after-rate")
    labels = [line.get_label() for line in figure.get_axes()[0].get_lines()]
    assert labels == ["Lancashire", "North West", "England"]
    assert _png(figure).startswith(PNG)


def test_funnel_chart_draws_the_limits_and_points() -> None:
    figure = funnel_chart([40, 90, 300], [100, 100, 1000])
    axes = figure.get_axes()[0]
    assert len(axes.get_lines()) == 5  # average and four limits
    assert len(axes.collections[0].get_offsets()) == 3
    assert _png(figure).startswith(PNG)


def test_an_unknown_indicator_is_refused() -> None:
    with pytest.raises(KeyError, match="indicator"):
        series_chart(load_example("lancashire-2015-16"), "nonsense")


def _counted_series() -> IndicatorSeries:
    rate = IndicatorDefinition.model_validate(
        {
            "id": "cpp",
            "name": "Child protection plans",
            "kind": "rate",
            "per": 10_000,
            "population": "child",
        }
    )
    rows = [
        ("Area", "2015/16", "52.0", "520", "100000"),  # given out of order: the chart sorts
        ("Area", "2013/14", "4.0", "4", "10000"),
        ("England", "2014/15", "43.1", None, None),
        ("England", "2015/16", "43.1", None, None),
    ]
    observations = tuple(
        Observation(
            indicator="cpp",
            area=area,
            period=parse_period(period),
            value=parse_value(value),
            count=None if count is None else parse_value(count),
            denominator=None if over is None else parse_value(over),
        )
        for area, period, value, count, over in rows
    )
    return IndicatorSeries(indicator=rate, area="Area", observations=observations)


def test_trend_chart_orders_every_area_on_one_axis_of_periods() -> None:
    axes = trend_chart(_counted_series()).get_axes()[0]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "2013/14",
        "2014/15",
        "2015/16",
    ]
    lines = {line.get_label(): list(line.get_xdata()) for line in axes.get_lines()}
    assert lines["Area"] == [0, 2]
    assert lines["England"] == [1, 2]


def test_trend_chart_draws_the_intervals_the_counts_give() -> None:
    series = _counted_series()
    axes = trend_chart(series, confidence=0.998).get_axes()[0]
    (bars,) = axes.containers  # the area's; England prints no counts
    segments = bars.lines[2][0].get_segments()
    drawn = [(segment[0][1], segment[1][1]) for segment in segments]
    assert [value for limits in drawn for value in limits] == pytest.approx(
        [
            chi2.ppf(0.001, 2 * 4) / 2,  # 4 events: exact Poisson limits, per 10,000 of 10,000
            chi2.ppf(0.999, 2 * 5) / 2,
            *_limits(observation_interval(series.indicator, series.own()[1], confidence=0.998)),
        ]
    )
    assert axes.get_xlabel() == "bars: 99.8% confidence intervals"


def _limits(interval: Interval[float] | None) -> tuple[float, float]:
    assert interval is not None
    return interval.lower, interval.upper


def test_the_lancashire_series_prints_no_intervals_so_none_are_drawn() -> None:
    axes = series_chart(load_example(), "children-looked-after-rate").get_axes()[0]
    assert axes.containers == []
    assert axes.get_xlabel() == ""


def test_a_trend_of_years_and_quarters_draws_the_kind_most_figures_have() -> None:
    axes = series_chart(load_example(), "assessments-completed-to-timescale").get_axes()[0]
    assert [label.get_text() for label in axes.get_xticklabels()] == [
        "2013/14",
        "2014/15",
        "2015/16",
    ]
    assert [line.get_label() for line in axes.get_lines()] == [
        "Lancashire",
        "North West",
        "England",
    ]


def test_indicators_chart_colours_bars_by_the_significance_the_counts_give() -> None:
    def observation(area: str, printed: str, **counts: str) -> dict[str, object]:
        return {
            "indicator": "cpp",
            "area": area,
            "period": "2015/16",
            "value": {"number": printed, "printed": printed},
            **{name: {"number": n, "printed": n} for name, n in counts.items()},
        }

    def report(polarity: str) -> AnnualReport:
        return AnnualReport.model_validate(
            {
                "id": "t",
                "title": "T",
                "arrangement": "board",
                "area": {"name": "A"},
                "period": "2015/16",
                "indicators": [
                    {
                        "id": "cpp",
                        "name": "Plans",
                        "kind": "rate",
                        "per": 10_000,
                        "population": "child",
                        "polarity": polarity,
                    }
                ],
                "observations": [
                    observation("A", "52.0", count="520", denominator="100000"),
                    observation("England", "43.1"),
                ],
            }
        )

    colours = {
        polarity: to_hex(
            indicators_chart(report(polarity)).get_axes()[0].patches[0].get_facecolor()
        )
        for polarity in ("lower_is_better", "higher_is_better", "no_judgement")
    }
    assert colours == {  # 52.0 (47.7 to 56.6) is above England's 43.1
        "lower_is_better": "#d9534f",  # worse: red
        "higher_is_better": "#5cb85c",  # better: green
        "no_judgement": "#5b8bd9",  # higher: blue
    }
