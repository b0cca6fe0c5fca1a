"""Funnel control limits against every row PHEindicatormethods' calculate_funnel_limits prints."""

import math
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reference import number, read_reference
from safeguarding_model import (
    FunnelSignificance,
    InvalidInputError,
    funnel_limits_table,
    funnel_rate_significance,
    proportion_ci,
    proportion_funnel_limits,
    rate_funnel_limits,
    ratio_funnel_limits,
)

ROWS = read_reference("phe_funnel_limits_reference.csv")
BY_STATISTIC: dict[str, list[dict[str, str]]] = defaultdict(list)
for _row in ROWS:
    BY_STATISTIC[_row["statistic"]].append(_row)

LEVELS = (("2s", 0.95), ("3s", 0.998))
# Bisection in the method: its printed ratio and rate limits differ from exact inversion by up to
# about 5e-5 relative at one event.
RELATIVE = 1e-4


def column(rows: list[dict[str, str]], name: str) -> np.ndarray:
    return np.array([number(r[name]) for r in rows])


def test_every_row_is_checked() -> None:
    assert {k: len(v) for k, v in BY_STATISTIC.items()} == {
        "proportion": 100,
        "ratio": 100,
        "rate": 100,
    }
    assert len(ROWS) == 300


@pytest.mark.parametrize(("level", "confidence"), LEVELS)
def test_proportion_rows(level: str, confidence: float) -> None:
    rows = BY_STATISTIC["proportion"]
    scale = number(rows[0]["multiplier"])
    average = number(rows[0]["baseline"]) / scale
    low, high = proportion_funnel_limits(column(rows, "x"), average, confidence=confidence)
    # The file prints percentages to 6 decimals from an average itself printed to 6 decimals:
    # agreement is to its last printed digit (1e-8 as a proportion) and no better is possible.
    np.testing.assert_allclose(
        low * scale, column(rows, f"lower_{level}_limit"), rtol=0, atol=1.5e-6
    )
    np.testing.assert_allclose(
        high * scale, column(rows, f"upper_{level}_limit"), rtol=0, atol=1.5e-6
    )


def test_proportion_limits_touch_the_average_to_1e9() -> None:
    """Each limit's own Wilson interval ends exactly at the average (the method's definition)."""
    n = np.array([30, 100, 1_000, 123_456])  # none clamped at 0.3
    for confidence in (0.95, 0.998):
        low, high = proportion_funnel_limits(n, 0.3, confidence=confidence)
        above = proportion_ci(low * n, n, confidence=confidence)
        below = proportion_ci(high * n, n, confidence=confidence)
        np.testing.assert_allclose(above.upper, 0.3, rtol=0, atol=1e-9)
        np.testing.assert_allclose(below.lower, 0.3, rtol=0, atol=1e-9)


def test_the_worked_example() -> None:
    low, high = proportion_funnel_limits([100], 0.3)
    assert (round(float(low[0]), 4), round(float(high[0]), 4)) == (0.2102, 0.3898)
    assert float(low[0]) == pytest.approx(0.3 - 1.959963984540054 * math.sqrt(0.0021), abs=1e-12)


def test_proportion_limits_are_clamped() -> None:
    low, high = proportion_funnel_limits([1, 2], 0.8064, confidence=0.998)
    assert low.tolist() == [0.0, 0.0]
    assert high.tolist() == [1.0, 1.0]
    low, high = proportion_funnel_limits([1], 0.05)
    assert low[0] == 0.0
    assert 0.05 < high[0] < 1


@pytest.mark.parametrize(("level", "confidence"), LEVELS)
def test_ratio_rows(level: str, confidence: float) -> None:
    rows = BY_STATISTIC["ratio"]
    limits = ratio_funnel_limits(column(rows, "x"), confidence=confidence)
    # ratio_type "count" prints O/E - 1
    low, high = limits.on_scale("count")
    np.testing.assert_allclose(low + 1, column(rows, f"lower_{level}_limit") + 1, rtol=RELATIVE)
    np.testing.assert_allclose(high + 1, column(rows, f"upper_{level}_limit") + 1, rtol=RELATIVE)
    np.testing.assert_allclose(
        limits.lower_expected, column(rows, f"lower_{level}_expected_events"), rtol=RELATIVE
    )
    np.testing.assert_allclose(
        limits.upper_expected, column(rows, f"upper_{level}_expected_events"), rtol=RELATIVE
    )


@pytest.mark.parametrize(("level", "confidence"), LEVELS)
def test_rate_rows(level: str, confidence: float) -> None:
    rows = BY_STATISTIC["rate"]
    assert {r["subtype"] for r in rows} == {"dsr"}
    limits = rate_funnel_limits(
        column(rows, "x"),
        number(rows[0]["baseline"]),
        per=int(number(rows[0]["multiplier"])),
        confidence=confidence,
        years_of_data=number(rows[0]["years_of_data"]),
    )
    np.testing.assert_allclose(limits.lower, column(rows, f"lower_{level}_limit"), rtol=RELATIVE)
    np.testing.assert_allclose(limits.upper, column(rows, f"upper_{level}_limit"), rtol=RELATIVE)
    np.testing.assert_allclose(
        limits.lower_population, column(rows, f"lower_{level}_population_1_year"), rtol=RELATIVE
    )
    np.testing.assert_allclose(
        limits.upper_population, column(rows, f"upper_{level}_population_1_year"), rtol=RELATIVE
    )


def test_ratio_scales() -> None:
    limits = ratio_funnel_limits([5, 50])
    low, high = limits.on_scale()
    isr_low, isr_high = limits.on_scale("isr")
    count_low, count_high = limits.on_scale("count")
    np.testing.assert_allclose(isr_low, 100 * low)
    np.testing.assert_allclose(count_high, high - 1)
    assert (count_low < 0).all()
    assert (isr_high > 100).all()
    with pytest.raises(InvalidInputError, match="ratio_type"):
        limits.on_scale("percent")  # type: ignore[arg-type]


def test_zero_and_missing_counts() -> None:
    limits = ratio_funnel_limits([0, math.nan])
    assert limits.lower[0] == 0.0
    assert limits.lower_expected[0] == pytest.approx(-math.log(0.025))
    assert math.isnan(limits.upper[0])
    assert all(math.isnan(float(v[1])) for v in (limits.lower, limits.upper, limits.upper_expected))


def test_misuse() -> None:
    with pytest.raises(InvalidInputError, match="observed"):
        ratio_funnel_limits([-1])
    with pytest.raises(InvalidInputError, match="confidence"):
        ratio_funnel_limits([1], confidence=1.5)
    with pytest.raises(InvalidInputError, match="average"):
        rate_funnel_limits([1], 0, per=100)
    with pytest.raises(InvalidInputError, match="years_of_data"):
        rate_funnel_limits([1], 10, per=100, years_of_data=0)
    with pytest.raises(InvalidInputError, match="rate_type"):
        funnel_rate_significance([1], [1.0], per=100, rate_type="isr")  # type: ignore[arg-type]


def test_dsr_with_fewer_than_ten_events_is_not_applicable() -> None:
    counts = [0, 9, 10, 1746, math.nan]
    rates = [0.0, 30.0, 40.0, 603.7, 1.0]
    dsr = funnel_rate_significance(counts, rates, per=100_000, average=668.5, rate_type="dsr")
    crude = funnel_rate_significance(counts, rates, per=100_000, average=668.5)
    text = "Not applicable for events less than 10 for dsrs"
    assert FunnelSignificance.NOT_APPLICABLE_DSR.value == text
    assert dsr.tolist()[:2] == [text, text]
    assert dsr.tolist()[2:] == crude.tolist()[2:]
    assert dsr.tolist()[3:] == ["Low (0.001)", ""]
    assert crude[0] != text


@given(
    st.integers(min_value=1, max_value=10**7),
    st.floats(min_value=0.001, max_value=0.999),
)
def test_proportion_properties(n: int, average: float) -> None:
    low, high = proportion_funnel_limits([n, 4 * n], average)
    wide_low, wide_high = proportion_funnel_limits([n, 4 * n], average, confidence=0.998)
    assert (low <= average).all()
    assert (average <= high).all()
    assert (wide_low <= low).all()
    assert (high <= wide_high).all()
    assert high[1] - low[1] <= high[0] - low[0]


@given(
    st.integers(min_value=1, max_value=10**6),
    st.floats(min_value=0.01, max_value=1e5),
)
def test_rate_and_ratio_properties(observed: int, average: float) -> None:
    counts = [observed, 4 * observed]
    ratio = ratio_funnel_limits(counts)
    wide = ratio_funnel_limits(counts, confidence=0.998)
    assert (ratio.lower < 1).all()
    assert (ratio.upper > 1).all()
    assert (wide.lower <= ratio.lower).all()
    assert (ratio.upper <= wide.upper).all()
    # more events, more expected: the funnel narrows
    assert ratio.upper[1] - ratio.lower[1] < ratio.upper[0] - ratio.lower[0]
    rate = rate_funnel_limits(counts, average, per=100_000)
    assert (rate.lower < average).all()
    assert (average < rate.upper).all()
    assert (rate.lower_population[1] > rate.lower_population[0]).all()
    assert rate.upper[1] - rate.lower[1] < rate.upper[0] - rate.lower[0]


# The axis maxima the method chose for the three reference tables (it rounds up from the data).
AXIS_MAX = {"proportion": 110_000, "ratio": 750, "rate": 1_360}


@pytest.mark.parametrize("statistic", ["proportion", "ratio", "rate"])
def test_the_plotting_table_reproduces_every_reference_row(statistic: str) -> None:
    rows = BY_STATISTIC[statistic]
    first = rows[0]
    options: dict[str, object] = {}
    if statistic == "proportion":
        options["average"] = number(first["baseline"]) / 100
    if statistic == "rate":
        options.update(
            average=number(first["baseline"]),
            per=int(number(first["multiplier"])),
            years_of_data=number(first["years_of_data"]),
        )
    table = funnel_limits_table(
        statistic,  # type: ignore[arg-type]
        [1, AXIS_MAX[statistic]],
        axis_max=AXIS_MAX[statistic],
        **options,  # type: ignore[arg-type]
    )
    assert next(iter(table)) == first["x_name"]
    assert table[first["x_name"]].tolist() == column(rows, "x").tolist()
    compared = [c for c in table if c in first and first[c] != "" and c != first["x_name"]]
    assert len(compared) >= 4 + (statistic != "ratio") + 4 * (statistic != "proportion")
    for name in compared:
        if statistic == "proportion":
            np.testing.assert_allclose(table[name], column(rows, name), rtol=0, atol=1.5e-6)
        else:
            np.testing.assert_allclose(table[name], column(rows, name), rtol=RELATIVE)


def test_the_grid_rule() -> None:
    near = funnel_limits_table("ratio", [40, 60], ratio_type="isr")
    x = near["Observed_events"]
    assert x[0] == 40  # the largest is not twice the smallest: the axis starts at the smallest
    assert len(x) == 100
    assert (np.diff(x) >= 1).all()
    assert (near["baseline"] == 100).all()
    wide = funnel_limits_table("proportion", [10, 5_000], average=0.5, multiplier=1)
    assert wide["Population"][0] == 1
    assert wide["Population"][-1] == 5_000
    assert (wide["lower_3s_limit"] <= wide["lower_2s_limit"]).all()
    assert wide["baseline"][0] == 0.5


def test_table_misuse() -> None:
    with pytest.raises(InvalidInputError, match="statistic"):
        funnel_limits_table("mean", [1, 2])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="average"):
        funnel_limits_table("proportion", [1, 2])
    with pytest.raises(InvalidInputError, match="per"):
        funnel_limits_table("rate", [1, 2], average=10)
    with pytest.raises(InvalidInputError, match="sizes"):
        funnel_limits_table("ratio", [math.nan])
    with pytest.raises(InvalidInputError, match="axis_max"):
        funnel_limits_table("ratio", [1, 2], axis_max=0)


def test_many_counts_give_the_same_limits_as_one_at_a_time() -> None:
    rng = np.random.default_rng(13)
    counts = rng.poisson(30.0, size=3_000).astype(float)
    counts[[5, 50]] = [math.nan, 2.5]
    many = rate_funnel_limits(counts, 116.17, per=100_000, confidence=0.998, years_of_data=3)
    for i in (0, 5, 50, 2_999):
        one = rate_funnel_limits(
            [counts[i]], 116.17, per=100_000, confidence=0.998, years_of_data=3
        )
        for name in ("lower", "upper", "lower_population", "upper_population"):
            np.testing.assert_array_equal(getattr(many, name)[i], getattr(one, name)[0])


def test_a_vanishing_span_of_years_gives_infinite_populations_without_warnings() -> None:
    # a subnormal years_of_data is still more than 0: the populations per year overflow to inf
    limits = rate_funnel_limits((0, 1), 1.0, per=100_000, years_of_data=np.float64(2.2e-313))
    assert np.isinf(limits.lower_population).all()
    assert np.isinf(limits.upper_population[1])
