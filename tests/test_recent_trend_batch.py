"""``recent_trends``: many series in one call, each exactly as ``recent_trend`` gives it alone."""

import math
from itertools import groupby
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from reference import number, read_reference
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Polarity
from safeguarding_model.statistics.recent_trend import (
    TREND_REASONS,
    RecentTrend,
    RecentTrends,
    TrendMarker,
    TrendMethod,
    recent_trend,
    recent_trends,
)

REFERENCE = read_reference("phe_trend_reference.csv")
GROUPS = [
    list(rows) for _, rows in groupby(REFERENCE, key=lambda row: (row["sheet"], row["group"]))
]
OTHER = ("values", "lower", "upper")
PROPORTION = ("numerators", "denominators")


def _columns(rows: list[dict[str, str]]) -> dict[str, list[float]]:
    if rows[0]["value_type"] == "proportion":
        names = {"numerators": "numerator", "denominators": "denominator"}
    else:
        names = {"values": "value", "lower": "lower_cl_95", "upper": "upper_cl_95"}
    return {name: [number(row[column]) for row in rows] for name, column in names.items()}


def _kind(rows: list[dict[str, str]]) -> str:
    return "proportion" if rows[0]["value_type"] == "proportion" else "other"


def _each(trends: RecentTrends) -> list[RecentTrend]:
    return [trends[i] for i in range(len(trends))]


def _one_by_one(
    years: np.ndarray,
    columns: dict[str, np.ndarray],
    **options: Any,  # noqa: ANN401 - recent_trend's own keywords
) -> list[RecentTrend]:
    rows = next(iter(columns.values())).shape[0]
    return [
        recent_trend(
            years if years.ndim == 1 else years[i],
            **{name: column[i] for name, column in columns.items()},
            **options,
        )
        for i in range(rows)
    ]


# --- the published reference ------------------------------------------------------------


@pytest.mark.parametrize("rows", GROUPS, ids=lambda rows: f"{rows[0]['sheet']}:{rows[0]['group']}")
def test_every_reference_group_as_a_batch_of_one(rows: list[dict[str, str]]) -> None:
    years = [int(row["year"]) for row in rows]
    columns = _columns(rows)
    kind = _kind(rows)
    trends = recent_trends(years, **{k: [v] for k, v in columns.items()}, kind=kind)  # type: ignore[arg-type]
    alone = recent_trend(years, **columns, kind=kind)  # type: ignore[arg-type]
    assert trends[0] == alone
    expected = rows[-1]
    assert trends.labels[0] == expected["expected_trend"]
    assert trends.reasons[0] == expected["expected_reason"]
    for got, published in [
        (trends.chi2[0], number(expected["expected_chi2"])),
        (trends.slope[0], number(expected["expected_beta"])),
    ]:
        assert math.isnan(got) if math.isnan(published) else round(got, 4) == published


@pytest.mark.parametrize("kind", ["proportion", "other"])
def test_the_reference_groups_of_five_years_in_one_call(kind: str) -> None:
    groups = [rows for rows in GROUPS if len(rows) == 5 and _kind(rows) == kind]
    assert len(groups) >= 5  # the ungrouped sheet and the ethnic groups
    years = np.array([[int(row["year"]) for row in rows] for rows in groups])
    columns = {
        name: np.array([_columns(rows)[name] for rows in groups])
        for name in (PROPORTION if kind == "proportion" else OTHER)
    }
    trends = recent_trends(years, **columns, kind=kind)  # type: ignore[arg-type]
    assert _each(trends) == _one_by_one(years, columns, kind=kind)
    assert list(trends.labels) == [rows[-1]["expected_trend"] for rows in groups]
    assert list(trends.reasons) == [rows[-1]["expected_reason"] for rows in groups]
    assert trends.points_used.tolist() == np.sort(years, axis=1).tolist()
    # the gap year (no 2015 in 'Other ethnic group') counts as consecutive, as in the reference
    gap = [2012, 2013, 2014, 2016, 2017]
    assert (gap in trends.points_used.tolist()) == (kind == "proportion")


# --- the same as one series at a time, whatever the series ------------------------------

YEARS = 6


@st.composite
def _proportions(draw: st.DrawFn) -> dict[str, np.ndarray]:
    rows = draw(st.integers(1, 8))
    denominators = draw(
        hnp.arrays(np.float64, (rows, YEARS), elements=st.sampled_from([1.0, 5.0, 50.0, 977.0]))
    )
    fractions = draw(
        hnp.arrays(
            np.float64,
            (rows, YEARS),
            elements=st.sampled_from([0.0, 0.1, 0.2, 0.35, 0.5, 0.8, 1.0, math.nan]),
        )
    )
    trend = draw(hnp.arrays(np.float64, (rows, 1), elements=st.sampled_from([-0.1, 0.0, 0.1])))
    share = np.clip(fractions + trend * np.arange(YEARS), 0, 1)
    return {"numerators": np.round(share * denominators), "denominators": denominators}


@st.composite
def _values(draw: st.DrawFn) -> dict[str, np.ndarray]:
    rows = draw(st.integers(1, 8))
    values = draw(
        hnp.arrays(
            np.float64,
            (rows, YEARS),
            elements=st.one_of(
                st.floats(-100, 100, allow_nan=False), st.sampled_from([0.0, 10.0, math.nan])
            ),
        )
    )
    trend = draw(hnp.arrays(np.float64, (rows, 1), elements=st.sampled_from([-5.0, 0.0, 5.0])))
    values += trend * np.arange(YEARS)
    half = draw(
        hnp.arrays(
            np.float64,
            (rows, YEARS),
            elements=st.one_of(st.sampled_from([0.01, 1.0, 3.0, math.nan]), st.floats(1e-3, 50)),
        )
    )
    return {"values": values, "lower": values - half, "upper": values + half}


_YEAR_ROWS = st.one_of(
    st.just(np.arange(2015, 2015 + YEARS)),
    st.permutations(list(range(2015, 2015 + YEARS))).map(np.array),
    st.just(np.array([2015, 2016, 2017, 2017, 2018, 2019])),
)


@given(
    columns=st.one_of(_proportions(), _values()),
    years=_YEAR_ROWS,
    per_series=st.booleans(),
    polarity=st.sampled_from(list(Polarity)),
    points=st.sampled_from([3, 5, 6, 7]),
)
def test_each_series_as_alone(
    columns: dict[str, np.ndarray],
    years: np.ndarray,
    per_series: bool,  # noqa: FBT001 - drawn
    polarity: Polarity,
    points: int,
) -> None:
    kind = "proportion" if "numerators" in columns else "other"
    rows = next(iter(columns.values())).shape[0]
    if per_series:  # a different order of years in every series
        years = np.array([np.roll(years, i) for i in range(rows)])
        columns = {
            name: np.array([np.roll(c[i], i) for i in range(rows)]) for name, c in columns.items()
        }
    options = {"kind": kind, "polarity": polarity, "points": points}
    trends = recent_trends(years, **columns, **options)  # type: ignore[arg-type]
    assert _each(trends) == _one_by_one(years, columns, **options)
    assert trends.method is (
        TrendMethod.CHI_SQUARE if kind == "proportion" else TrendMethod.WEIGHTED_REGRESSION
    )


# --- rules and results -----------------------------------------------------------------


def test_outliers_and_cannot_be_calculated_in_one_call() -> None:
    years = [2019, 2020, 2021, 2022, 2023]
    values = np.array(
        [
            [12.0, 11.0, 10.0, 9.0, 30.0],  # hangs on the last point
            [30.6, 30.2, 28.0, 24.6, 24.67],  # falling
            [12.0, math.nan, 10.0, 9.0, 8.0],  # a missing value
            [12.0, 11.0, 10.0, 9.0, 8.0],  # a missing limit, below
            [5.0, 5.0, 5.0, 5.0, 5.0],  # flat
        ]
    )
    half = np.full(values.shape, 2.0)
    lower = values - half
    lower[3, 1] = math.nan
    trends = recent_trends(
        years,
        values=values,
        lower=lower,
        upper=values + half,
        kind="other",
        polarity="higher_is_better",
    )
    assert trends.labels.tolist() == [
        "No significant change",
        "Decreasing and getting worse",
        "Cannot be calculated",
        "Cannot be calculated",
        "No significant change",
    ]
    assert trends.reasons.tolist() == [
        "Outlier found",
        "No outliers and significant trend",
        "Missing values",
        "Missing at least one confidence interval value",
        "No significant trend",
    ]
    assert trends.chi2[0] > trends.threshold
    assert round(trends.threshold, 4) == 9.5495
    assert np.isnan(trends.chi2[2:4]).all()
    assert np.isnan(trends.slope[2:4]).all()
    assert trends.slope[4] == 0
    assert list(trends.markers) == [TrendMarker.from_label(label) for label in trends.labels]
    assert [TREND_REASONS[code] for code in trends.reason_codes] == trends.reasons.tolist()
    assert trends.marker_codes.dtype == np.int8
    assert trends.points_used.tolist() == [years] * 5


def test_duplicate_years_and_too_few_years() -> None:
    duplicate = recent_trends(
        [[2019, 2020, 2021, 2022, 2022], [2019, 2020, 2021, 2022, 2023]],
        numerators=[[1, 2, 3, 4, 5]] * 2,
        denominators=[[9] * 5] * 2,
    )
    assert duplicate.reasons.tolist() == ["Duplicate years in group", "No significant trend"]
    short = recent_trends([2021, 2022, 2023], numerators=[[1, 2, 3]], denominators=[[9] * 3])
    assert short.labels.tolist() == ["Cannot be calculated"]
    assert short.reasons.tolist() == ["Not enough data points"]
    assert short.points_used.tolist() == [[2021, 2022, 2023]]
    assert short[0] == recent_trend([2021, 2022, 2023], numerators=[1, 2, 3], denominators=[9] * 3)


def test_no_series() -> None:
    trends = recent_trends(
        range(2019, 2024), numerators=np.empty((0, 5)), denominators=np.empty((0, 5))
    )
    assert len(trends) == 0
    assert trends.labels.tolist() == []


def test_results_compare_by_value() -> None:
    def run() -> RecentTrends:
        return recent_trends(range(5), numerators=[[0, 10, 20, 30, 40]], denominators=[[50] * 5])

    assert run() == run()
    assert math.isnan(run().slope[0])  # a proportion of 0: infinite log-odds
    # significant, with the direction from the chi-square's own score
    assert run().chi2[0] > run().threshold
    assert run().labels.tolist() == ["Increasing"]
    assert run() != recent_trends(
        range(5), numerators=[[0, 10, 20, 30, 41]], denominators=[[50] * 5]
    )


def test_misuse_names_the_series_and_the_year() -> None:
    years = range(2019, 2024)
    with pytest.raises(InvalidInputError, match=r"^numerators\[\(1, 2\)\]: .*counts of at least 0"):
        recent_trends(years, numerators=[[1] * 5, [1, 1, -1, 1, 1]], denominators=[[9] * 5] * 2)
    with pytest.raises(InvalidInputError, match=r"^upper\[\(0, 4\)\]"):
        recent_trends(
            years, values=[[1] * 5], lower=[[0] * 5], upper=[[2, 2, 2, 2, 0]], kind="other"
        )
    # a series that cannot be calculated is not checked further, as recent_trend does it
    blocked = recent_trends(years, numerators=[[math.nan, 1, 1, 1, 12]], denominators=[[9] * 5])
    assert blocked.reasons.tolist() == ["Missing values"]
    with pytest.raises(InvalidInputError, match=r"^numerators: .*2-d"):
        recent_trends(years, numerators=[1] * 5, denominators=[9] * 5)
    with pytest.raises(InvalidInputError, match=r"^denominators: .*the shape of numerators"):
        recent_trends(years, numerators=[[1] * 5], denominators=[[9] * 4])
    with pytest.raises(InvalidInputError, match=r"^years: .*one row of 5 years"):
        recent_trends(range(4), numerators=[[1] * 5], denominators=[[9] * 5])
    with pytest.raises(InvalidInputError, match=r"^years\[2\]: .*whole years"):
        recent_trends([1, 2, 3.5, 4, 5], numerators=[[1] * 5], denominators=[[9] * 5])
    with pytest.raises(InvalidInputError, match=r"^values: .*nothing with kind='proportion'"):
        recent_trends(years, numerators=[[1] * 5], denominators=[[9] * 5], values=[[1] * 5])
    with pytest.raises(InvalidInputError, match=r"^kind:"):
        recent_trends(years, numerators=[[1] * 5], denominators=[[9] * 5], kind="rate")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^points:"):
        recent_trends(years, numerators=[[1] * 5], denominators=[[9] * 5], points=2)
    with pytest.raises(InvalidInputError, match=r"^lower:"):
        recent_trends(years, values=[[1] * 5], upper=[[2] * 5], kind="other")
