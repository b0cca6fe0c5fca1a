import math
from fractions import Fraction
from itertools import groupby
from random import Random

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reference import number, read_reference
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Polarity
from safeguarding_model.statistics.recent_trend import (
    RecentTrend,
    Series,
    TrendMarker,
    TrendMethod,
    recent_trend,
)

M = TrendMarker

# --- the published reference: PHEindicatormethods' trend marker test data -------------------

REFERENCE = read_reference("phe_trend_reference.csv")
GROUPS = [
    list(rows) for _, rows in groupby(REFERENCE, key=lambda row: (row["sheet"], row["group"]))
]


def _group_id(rows: list[dict[str, str]]) -> str:
    return f"{rows[0]['sheet']}:{rows[0]['group'] or 'all'}"


def _trend_of(rows: list[dict[str, str]]) -> RecentTrend:
    years = [int(row["year"]) for row in rows]

    def column(name: str) -> list[float]:
        return [number(row[name]) for row in rows]

    if rows[0]["value_type"] == "proportion":
        return recent_trend(
            years, numerators=column("numerator"), denominators=column("denominator")
        )
    return recent_trend(
        years,
        values=column("value"),
        lower=column("lower_cl_95"),
        upper=column("upper_cl_95"),
        kind="other",
    )


def test_every_reference_group_is_read() -> None:
    assert len(GROUPS) == 13
    assert {rows[0]["value_type"] for rows in GROUPS} == {"proportion", "other"}


@pytest.mark.parametrize("rows", GROUPS, ids=_group_id)
def test_reference_groups(rows: list[dict[str, str]]) -> None:
    expected = rows[-1]
    trend = _trend_of(rows)
    assert trend.marker.label == expected["expected_trend"]
    assert trend.reason == expected["expected_reason"]
    for got, published in [
        (trend.chi2, number(expected["expected_chi2"])),
        (trend.slope, number(expected["expected_beta"])),
    ]:
        if math.isnan(published):
            assert math.isnan(got)
        else:
            assert round(got, 4) == published
    assert trend.method is (
        TrendMethod.CHI_SQUARE
        if rows[0]["value_type"] == "proportion"
        else TrendMethod.WEIGHTED_REGRESSION
    )


def test_the_gap_year_counts_as_consecutive_as_in_the_reference() -> None:
    # 'Other ethnic group' has no 2015; the reference's chi-square and slope are those of
    # t = 1..5, which is how the profiles number the points.
    (rows,) = [
        r
        for r in GROUPS
        if r[0]["group"] == "Other ethnic group" and r[0]["value_type"] == "proportion"
    ]
    trend = _trend_of(rows)
    assert trend.points_used == (2012, 2013, 2014, 2016, 2017)
    assert round(trend.chi2, 4) == 47.3463


# --- labels and small pieces --------------------------------------------------------------


def test_labels() -> None:
    assert [marker.label for marker in TrendMarker] == [
        "Increasing and getting better",
        "Increasing and getting worse",
        "Decreasing and getting better",
        "Decreasing and getting worse",
        "Increasing",
        "Decreasing",
        "No significant change",
        "Cannot be calculated",
    ]
    for marker in TrendMarker:
        assert TrendMarker.from_label(marker.label.upper()) is marker
    with pytest.raises(InvalidInputError, match=r"^label:"):
        TrendMarker.from_label("Getting better")


def test_methods_and_threshold() -> None:
    assert TrendMethod.CHI_SQUARE.description == "chi-square test for trend"
    assert TrendMethod.WEIGHTED_REGRESSION.description == "inverse-variance weighted regression"
    trend = recent_trend(range(2019, 2024), numerators=[1] * 5, denominators=[10] * 5)
    assert trend.significance_level == 0.998
    assert round(trend.threshold, 4) == 9.5495
    loose = recent_trend(
        range(2019, 2024), numerators=[1] * 5, denominators=[10] * 5, significance_level=0.95
    )
    assert round(loose.threshold, 4) == 3.8415


Columns = dict[str, list[float | None]]


def _trend(
    years: Series,
    columns: Columns,
    *,
    polarity: Polarity = Polarity.NO_JUDGEMENT,
    points: int = 5,
) -> RecentTrend:
    """The trend of ``columns``: numerators and denominators, or values and their limits."""
    if "numerators" in columns:
        return recent_trend(
            years,
            numerators=columns["numerators"],
            denominators=columns["denominators"],
            polarity=polarity,
            points=points,
        )
    return recent_trend(
        years,
        values=columns["values"],
        lower=columns["lower"],
        upper=columns["upper"],
        kind="other",
        polarity=polarity,
        points=points,
    )


OUTLIER: Columns = {
    "values": [12.0, 11.0, 10.0, 9.0, 30.0],
    "lower": [10.0, 9.0, 8.0, 7.0, 28.0],
    "upper": [14.0, 13.0, 12.0, 11.0, 32.0],
}


def test_a_trend_that_hangs_on_one_point_is_an_outlier() -> None:
    trend = _trend([1, 2, 3, 4, 5], OUTLIER)
    assert trend.chi2 > trend.threshold
    assert trend.slope > 0
    assert trend.marker is M.NO_SIGNIFICANT_CHANGE
    assert trend.reason == "Outlier found"
    assert str(trend) == "No significant change, 1 to 5: Outlier found (chi-square 111.02 > 9.55)"
    # Without the last point the series falls steadily.
    assert _trend([1, 2, 3, 4], {k: v[:4] for k, v in OUTLIER.items()}, points=4).slope < 0


def test_polarity_names_the_direction() -> None:
    data: Columns = {
        "values": [30.6, 30.2, 28.0, 24.6, 24.67],
        "lower": [28.98, 28.63, 26.44, 23.15, 23.16],
        "upper": [32.25, 31.9, 29.64, 26.19, 26.25],
    }
    expected = {
        Polarity.NO_JUDGEMENT: M.DECREASING,
        Polarity.HIGHER_IS_BETTER: M.DECREASING_AND_GETTING_WORSE,
        Polarity.LOWER_IS_BETTER: M.DECREASING_AND_GETTING_BETTER,
    }
    for polarity, marker in expected.items():
        trend = _trend(range(1, 6), data, polarity=polarity)
        assert trend.marker is marker
        assert trend.polarity is polarity
    by_name = recent_trend(
        range(1, 6),
        values=data["values"],
        lower=data["lower"],
        upper=data["upper"],
        kind="other",
        polarity="higher_is_better",
    )
    assert by_name.marker is M.DECREASING_AND_GETTING_WORSE


def test_years_in_any_order_and_the_five_most_recent() -> None:
    numerators = [5, 10, 20, 30, 40, 50, 60]
    years = [2010, 2011, 2012, 2013, 2014, 2015, 2016]
    ordered = recent_trend(years, numerators=numerators, denominators=[100] * 7)
    shuffled = recent_trend(years[::-1], numerators=numerators[::-1], denominators=[100] * 7)
    assert ordered == shuffled
    assert ordered.points_used == (2012, 2013, 2014, 2015, 2016)
    assert ordered.marker is M.INCREASING


def test_zero_events_give_no_slope_and_no_trend() -> None:
    none = recent_trend(range(5), numerators=[0] * 5, denominators=[50] * 5)
    assert none.marker is M.NO_SIGNIFICANT_CHANGE
    assert math.isnan(none.chi2)
    assert math.isnan(none.slope)
    # Some zero counts: the chi-square is defined, the log-odds slope is not, and the
    # direction comes from the chi-square's own score.
    rising = recent_trend(range(5), numerators=[0, 10, 20, 30, 40], denominators=[50] * 5)
    assert rising.marker is M.INCREASING
    assert math.isnan(rising.slope)
    assert rising.chi2 > rising.threshold


@pytest.mark.parametrize(
    ("years", "numerators", "denominators", "reason"),
    [
        ([2019, 2020, 2021, 2022, 2022, 2023], [1] * 6, [9] * 6, "Duplicate years in group"),
        # a duplicate anywhere in the series, as PHEindicatormethods checks it
        ([2015, 2015, 2019, 2020, 2021, 2022, 2023], [1] * 7, [9] * 7, "Duplicate years in group"),
        ([2020, 2021, 2022, 2023], [1] * 4, [9] * 4, "Not enough data points"),
        ([], [], [], "Not enough data points"),
        ([2019, 2020, 2021, 2022, 2023], [1, 2, None, 4, 5], [9] * 5, "Missing values"),
        ([2019, 2020, 2021, 2022, 2023], [1] * 5, [9, math.nan, 9, 9, 9], "Missing values"),
        # a missing value comes first, as in the reference (which has 122 out of 95.3 beside it)
        (
            [2019, 2020, 2021, 2022, 2023],
            [1, 122, 2, 2, 2],
            [9, 95.3, None, 9, 9],
            "Missing values",
        ),
    ],
)
def test_cannot_be_calculated(
    years: list[int],
    numerators: list[float | None],
    denominators: list[float | None],
    reason: str,
) -> None:
    trend = recent_trend(years, numerators=numerators, denominators=denominators)
    assert trend.marker is M.CANNOT_BE_CALCULATED
    assert trend.reason == reason
    assert math.isnan(trend.chi2)
    assert math.isnan(trend.slope)
    assert str(trend).startswith("Cannot be calculated")


def test_missing_limits() -> None:
    limits: Columns = {**OUTLIER, "upper": [14.0, 13.0, None, 11.0, 32.0]}
    trend = _trend(range(5), limits)
    assert trend.reason == "Missing at least one confidence interval value"
    assert trend.method is TrendMethod.WEIGHTED_REGRESSION
    missing_value: Columns = {**limits, "values": [12.0, None, 10.0, 9.0, 30.0]}
    assert _trend(range(5), missing_value).reason == "Missing values"


def test_older_points_are_not_checked() -> None:
    # A missing or impossible value older than the five tested changes nothing.
    trend = recent_trend(
        range(2016, 2023), numerators=[-3, None, 1, 2, 3, 4, 5], denominators=[9] * 7
    )
    assert trend.marker is not M.CANNOT_BE_CALCULATED
    assert trend == recent_trend(
        range(2018, 2023), numerators=[1, 2, 3, 4, 5], denominators=[9] * 5
    )


def test_three_points() -> None:
    trend = _trend([1, 2, 3], {k: v[2:] for k, v in OUTLIER.items()}, points=3)
    assert trend.points_used == (1, 2, 3)
    assert trend.marker is M.NO_SIGNIFICANT_CHANGE


# --- independent checks of the arithmetic -------------------------------------------------

FINITE = {"allow_nan": False, "allow_infinity": False}


@st.composite
def proportion_series(draw: st.DrawFn, size: int = 5) -> Columns:
    denominators = draw(st.lists(st.integers(1, 100_000), min_size=size, max_size=size))
    numerators = [draw(st.integers(0, n)) for n in denominators]
    return {
        "numerators": [float(x) for x in numerators],
        "denominators": [float(n) for n in denominators],
    }


@st.composite
def other_series(draw: st.DrawFn, size: int = 5) -> Columns:
    def floats(low: float, high: float) -> list[float]:
        return draw(
            st.lists(
                st.floats(low, high, allow_nan=False, allow_infinity=False),
                min_size=size,
                max_size=size,
            )
        )

    values, below, above = floats(-1000, 1000), floats(0.01, 100), floats(0.01, 100)
    return {
        "values": list(values),
        "lower": [v - b for v, b in zip(values, below, strict=True)],
        "upper": [v + a for v, a in zip(values, above, strict=True)],
    }


T = np.arange(1.0, 6.0)


@given(proportion_series())
def test_chi_square_and_slope_match_the_published_formulas(series: Columns) -> None:
    o, n = (np.array(series[name], dtype=float) for name in ("numerators", "denominators"))
    big_n, big_o = n.sum(), o.sum()
    assume(0 < big_o < big_n)
    trend = _trend(range(2019, 2024), series)
    chi2 = (
        big_n
        * (big_n * (o * T).sum() - big_o * (n * T).sum()) ** 2
        / (big_o * (big_n - big_o) * (big_n * (n * T * T).sum() - (n * T).sum() ** 2))
    )
    assert trend.chi2 == pytest.approx(chi2, rel=1e-6, abs=1e-9)
    if ((o > 0) & (o < n)).all():
        log_odds = np.log(o / (n - o))
        assert trend.slope == pytest.approx(np.polyfit(T, log_odds, 1)[0], rel=1e-6, abs=1e-9)


@given(other_series())
def test_weighted_regression_matches_numpy(series: Columns) -> None:
    trend = _trend(range(5), series)
    upper, lower = (np.array(series[name], dtype=float) for name in ("upper", "lower"))
    se = (upper - lower) / (2 * 1.959963984540054)
    slope = np.polyfit(T, np.array(series["values"], dtype=float), 1, w=1 / se)[0]
    assert trend.slope == pytest.approx(slope, rel=1e-6, abs=1e-6)
    w = 1 / se**2
    variance = w.sum() / (w.sum() * (w * T * T).sum() - (w * T).sum() ** 2)
    assert trend.chi2 == pytest.approx(trend.slope**2 / variance, rel=1e-6, abs=1e-6)


# --- properties ---------------------------------------------------------------------------

REVERSED = {
    M.INCREASING: M.DECREASING,
    M.DECREASING: M.INCREASING,
    M.INCREASING_AND_GETTING_BETTER: M.DECREASING_AND_GETTING_WORSE,
    M.DECREASING_AND_GETTING_WORSE: M.INCREASING_AND_GETTING_BETTER,
    M.INCREASING_AND_GETTING_WORSE: M.DECREASING_AND_GETTING_BETTER,
    M.DECREASING_AND_GETTING_BETTER: M.INCREASING_AND_GETTING_WORSE,
    M.NO_SIGNIFICANT_CHANGE: M.NO_SIGNIFICANT_CHANGE,
    M.CANNOT_BE_CALCULATED: M.CANNOT_BE_CALCULATED,
}
FLIPPED = {
    M.INCREASING_AND_GETTING_BETTER: M.INCREASING_AND_GETTING_WORSE,
    M.INCREASING_AND_GETTING_WORSE: M.INCREASING_AND_GETTING_BETTER,
    M.DECREASING_AND_GETTING_BETTER: M.DECREASING_AND_GETTING_WORSE,
    M.DECREASING_AND_GETTING_WORSE: M.DECREASING_AND_GETTING_BETTER,
} | {marker: marker for marker in (M.INCREASING, M.DECREASING, M.NO_SIGNIFICANT_CHANGE)}

polarities = st.sampled_from(Polarity)
first_years = st.integers(1990, 2030)
either_kind = st.one_of(proportion_series(), other_series())


def _same_number(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-6, abs=1e-9)


@given(either_kind, first_years, polarities)
def test_reversing_time_swaps_increasing_and_decreasing(
    series: Columns, first: int, polarity: Polarity
) -> None:
    years = np.arange(first, first + 5)
    forward = _trend(years, series, polarity=polarity)
    backward = _trend(-years, series, polarity=polarity)  # the same points, newest first
    assert backward.marker is REVERSED[forward.marker]
    assert backward.reason == forward.reason
    assert _same_number(backward.chi2, forward.chi2)
    assert _same_number(backward.slope, -forward.slope)


@given(either_kind, first_years, polarities)
def test_flipping_polarity_swaps_better_and_worse(
    series: Columns, first: int, polarity: Polarity
) -> None:
    years = range(first, first + 5)
    one = _trend(years, series, polarity=polarity)
    other = _trend(years, series, polarity=polarity.flipped())
    assert other.marker is FLIPPED[one.marker]
    assert other.reason == one.reason


@given(
    st.floats(-1000, 1000, allow_nan=False),
    st.lists(st.floats(0.01, 100), min_size=5, max_size=5),
    st.integers(0, 1000),
    st.integers(1, 1000),
    polarities,
)
def test_a_constant_series_is_no_significant_change(
    value: float, widths: list[float], count: int, population: int, polarity: Polarity
) -> None:
    flat = recent_trend(
        range(5),
        values=[value] * 5,
        lower=[value - w for w in widths],
        upper=[value + w for w in widths],
        kind="other",
        polarity=polarity,
    )
    assert flat.marker is M.NO_SIGNIFICANT_CHANGE
    assume(count <= population)
    steady = recent_trend(
        range(5), numerators=[count] * 5, denominators=[population] * 5, polarity=polarity
    )
    assert steady.marker is M.NO_SIGNIFICANT_CHANGE


@given(st.integers(0, 4).flatmap(lambda k: st.tuples(st.just(k), proportion_series(k))))
def test_fewer_than_five_points_cannot_be_calculated(case: tuple[int, Columns]) -> None:
    size, series = case
    trend = _trend(range(size), series)
    assert trend.marker is M.CANNOT_BE_CALCULATED
    assert trend.reason == "Not enough data points"


@given(
    either_kind,
    st.integers(1, 6).flatmap(lambda k: st.tuples(st.just(k), proportion_series(k))),
    st.booleans(),
    polarities,
    st.randoms(use_true_random=False),
)
def test_older_points_never_change_the_result(
    series: Columns,
    older: tuple[int, Columns],
    with_gaps: bool,  # noqa: FBT001 - a hypothesis-drawn flag
    polarity: Polarity,
    shuffler: Random,
) -> None:
    base = _trend(range(2019, 2024), series, polarity=polarity)
    size, extra = older
    if "values" in series:  # older points with a missing limit: never looked at
        extra = {
            "values": extra["numerators"],
            "lower": [None] * size,
            "upper": extra["denominators"],
        }
    step = 2 if with_gaps else 1
    years = [2019 - step * k for k in range(size, 0, -1)] + list(range(2019, 2024))
    columns = {name: extra[name] + series[name] for name in series}
    order = list(range(len(years)))
    shuffler.shuffle(order)
    longer = _trend(
        [years[i] for i in order],
        {name: [column[i] for i in order] for name, column in columns.items()},
        polarity=polarity,
    )
    assert longer.marker is base.marker
    assert longer.reason == base.reason
    assert longer.points_used == base.points_used == (2019, 2020, 2021, 2022, 2023)
    assert _same_number(longer.chi2, base.chi2)
    assert _same_number(longer.slope, base.slope)


# --- misuse -------------------------------------------------------------------------------

PROPORTIONS: dict[str, object] = {"numerators": [1, 2, 3, 4, 5], "denominators": [10] * 5}


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({**PROPORTIONS, "denominators": [10] * 4}, "denominators"),
        ({**PROPORTIONS, "numerators": 3}, "numerators"),
        ({"denominators": [10] * 5}, "numerators"),
        ({**PROPORTIONS, "values": [1] * 5}, "values"),
        ({**PROPORTIONS, "kind": "dsr"}, "kind"),
        ({**PROPORTIONS, "polarity": "up"}, "polarity"),
        ({**PROPORTIONS, "points": 2}, "points"),
        ({**PROPORTIONS, "points": 5.0}, "points"),
        ({**PROPORTIONS, "significance_level": 99.8}, "significance_level"),
        ({**PROPORTIONS, "confidence": 95}, "confidence"),
        ({**PROPORTIONS, "numerators": [1, 2, -3, 4, 5]}, "numerators[2]"),
        ({**PROPORTIONS, "numerators": [1, 2, 3, 4, 11]}, "numerators[4]"),
        ({**PROPORTIONS, "denominators": [10, 0, 10, 10, 10]}, "denominators[1]"),
        ({**PROPORTIONS, "numerators": [1, 2, "three", 4, 5]}, "numerators"),
        ({**OUTLIER, "kind": "other", "upper": [14.0, 9.0, 12.0, 11.0, 32.0]}, "upper[1]"),
        ({**OUTLIER, "kind": "other", "numerators": [1] * 5}, "numerators"),
        ({**OUTLIER, "kind": "other", "lower": None}, "lower"),
    ],
)
def test_misuse_is_refused(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        recent_trend([2019, 2020, 2021, 2022, 2023], **arguments)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("years", "field"),
    [
        ([2019, 2020, 2021.5, 2022, 2023], "years[2]"),
        ([2019, 2020, None, 2022, 2023], "years[2]"),
        (2019, "years"),
        ("2019", "years"),
    ],
)
def test_bad_years_are_refused(years: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as raised:
        recent_trend(years, **PROPORTIONS)  # type: ignore[arg-type]
    assert raised.value.field == field
    assert str(raised.value).startswith(f"{field}: ")


def test_masked_values_are_missing_and_masked_years_are_refused() -> None:
    years = [2019, 2020, 2021, 2022, 2023]
    numerators = np.ma.masked_array([10, 17, 27, 49, 67], mask=[False, False, True, False, False])
    trend = recent_trend(years, numerators=numerators, denominators=[125, 141, 117, 204, 171])
    assert trend.reason == "Missing values"
    masked_years = np.ma.masked_array(years, mask=[False, True, False, False, False])
    with pytest.raises(InvalidInputError) as caught:
        recent_trend(masked_years, numerators=[1, 2, 3, 4, 5], denominators=[9, 9, 9, 9, 9])
    assert caught.value.field == "years[1]"


@pytest.mark.parametrize(
    "years",
    [
        np.array(["2019", "2020", "2021"], dtype="datetime64[Y]"),
        ["2019", "2020", "2021"],
        [True, False, True],
    ],
)
def test_years_that_are_not_numbers_are_refused(years: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        recent_trend(years, numerators=[1, 2, 3], denominators=[9, 9, 9])  # type: ignore[arg-type]
    assert caught.value.field == "years"


def test_counts_from_2_to_the_53_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^denominators\[4\]: .*2\*\*53"):
        recent_trend(
            [2019, 2020, 2021, 2022, 2023],
            numerators=[1, 2, 3, 4, 5],
            denominators=[9, 9, 9, 9, 2**53],
        )


def test_extreme_values_give_a_marker_without_errors() -> None:
    trend = recent_trend(
        [2019, 2020, 2021, 2022, 2023],
        values=[0, 0, 0, 0, 6.7e154],
        lower=[0, 0, -1, -1, 0],
        upper=[1, 1, 0, 0, 1],
        kind="other",
    )
    # The statistic overflows to infinity; the trend hangs on the last point alone.
    assert trend.chi2 == math.inf
    assert trend.marker is TrendMarker.NO_SIGNIFICANT_CHANGE
    assert trend.reason == "Outlier found"


@pytest.mark.parametrize("points", [np.int64(5), 5])
def test_points_may_be_a_numpy_integer(points: int) -> None:
    trend = recent_trend(
        [2019, 2020, 2021, 2022, 2023],
        numerators=[10, 17, 27, 49, 67],
        denominators=[125, 141.67, 117.39, 204.17, 171.79],
        points=points,
    )
    assert trend.marker is TrendMarker.INCREASING


def test_recent_trends_compare_by_value_with_nan_equal_to_nan() -> None:
    first = recent_trend([2020, 2021, 2022], numerators=[1, 2, 3], denominators=[9, 9, 9])
    second = recent_trend([2020, 2021, 2022], numerators=[1, 2, 3], denominators=[9, 9, 9])
    assert math.isnan(first.chi2)
    assert first == second
    assert hash(first) == hash(second)
    assert first != recent_trend(
        [2020, 2021, 2022],
        numerators=[1, 2, 3],
        denominators=[9, 9, 9],
        polarity="higher_is_better",
    )


def test_one_point_with_very_narrow_limits_does_not_cost_the_slope_its_digits() -> None:
    # The second point's limits are 1,000 times narrower than the others': its weight dwarfs
    # theirs. The slope must still match the exact (rational) weighted regression.
    columns: Columns = {
        "values": [0.0, -944.5, 0.0, 0.0, -973.5],
        "lower": [-62.8125, -944.515625, -100.0, -95.1875, -1010.375],
        "upper": [0.0625, -944.4375, 0.015625, 0.125, -973.375],
    }
    values, lower, upper = (
        [Fraction(x) for x in columns[name] if x is not None]
        for name in ("values", "lower", "upper")
    )
    # the weights as the module computes them (floats), then the regression done exactly
    weights = [
        Fraction(1 / ((float(u) - float(lo)) / (2 * 1.959963984540054)) ** 2)
        for lo, u in zip(lower, upper, strict=True)
    ]
    t = [Fraction(i) for i in range(1, 6)]
    t_bar = sum(w * x for w, x in zip(weights, t, strict=True)) / sum(weights)
    exact = sum(w * (x - t_bar) * y for w, x, y in zip(weights, t, values, strict=True)) / sum(
        w * (x - t_bar) ** 2 for w, x in zip(weights, t, strict=True)
    )
    trend = _trend(range(1, 6), columns)
    assert trend.slope == pytest.approx(float(exact), rel=1e-11)
    backward = _trend(range(-5, 0), {k: v[::-1] for k, v in columns.items()})
    assert backward.slope == pytest.approx(-trend.slope, rel=1e-11)
