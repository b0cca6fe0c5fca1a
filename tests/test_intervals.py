import datetime as dt
import math
import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from reference import number, read_reference
from safeguarding_model import (
    Interval,
    IntervalMethod,
    InvalidInputError,
    count_ci,
    mean_ci,
    proportion_ci,
    rate_ci,
    z_score,
)

REFERENCE = read_reference("phe_reference.csv")
RELATIVE = 1e-9


def _rows(*methods: str) -> list[dict[str, str]]:
    return [row for row in REFERENCE if row["method"] in methods]


def _assert_matches(got: float, expected: float) -> None:
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected, rel=RELATIVE, abs=1e-300)


def _interval_for(row: dict[str, str]) -> Interval[float]:
    x, n = number(row["numerator"]), number(row["denominator"])
    multiplier, confidence = float(row["multiplier"]), float(row["confidence"])
    if row["method"] in ("wilson_proportion_ci", "phe_proportion"):
        return proportion_ci(x, n, confidence=confidence, multiplier=multiplier)
    if row["method"] == "phe_rate":
        return rate_ci(x, n, per=int(multiplier), confidence=confidence)
    return count_ci(x, confidence=confidence, method="byars")


INTERVAL_ROWS = _rows("wilson_proportion_ci", "phe_proportion", "phe_rate", "byars_count_ci")


def test_reference_rows_are_all_there() -> None:
    assert len(INTERVAL_ROWS) == 6 + 49 + 52 + 7


@pytest.mark.parametrize(
    "row",
    INTERVAL_ROWS,
    ids=lambda row: (
        f"{row['method']}-{row['numerator']}-{row['denominator']}-{row['multiplier']}-{row['confidence']}"
    ),
)
def test_matches_the_published_methods(row: dict[str, str]) -> None:
    interval = _interval_for(row)
    _assert_matches(float(interval.value), number(row["expected_value"]))
    _assert_matches(float(interval.upper), number(row["expected_upper"]))
    if row["expected_lower"] or "not asserted" not in row["source"]:
        _assert_matches(float(interval.lower), number(row["expected_lower"]))
    else:  # Byar's lower limit of one event at 99.8% is negative; the published tests skip it.
        assert float(interval.lower) == 0.0


@pytest.mark.parametrize(
    "row", _rows("phe_mean"), ids=lambda row: f"{row['numerator']}-{row['confidence']}"
)
def test_mean_matches_the_published_method(row: dict[str, str]) -> None:
    inputs = read_reference("phe_mean_inputs.csv")
    group = row["source"].split("group=")[1].split(";")[0]
    values = [float(r["values"]) for r in inputs if group == "No grouping" or r["area"] == group]
    assert len(values) == number(row["denominator"])
    interval = mean_ci(values, confidence=float(row["confidence"]))
    for field in ("value", "lower", "upper"):
        _assert_matches(float(getattr(interval, field)), number(row[f"expected_{field}"]))


def test_vectorised_results_equal_the_scalar_ones() -> None:
    rows = _rows("phe_proportion")
    x = np.array([number(r["numerator"]) for r in rows])
    n = np.array([number(r["denominator"]) for r in rows])
    for confidence in (0.95, 0.998):
        batch = proportion_ci(x, n, confidence=confidence, multiplier=100)
        assert isinstance(batch.lower, np.ndarray)
        for i in range(len(rows)):
            single = proportion_ci(x[i], n[i], confidence=confidence, multiplier=100)
            for field in ("value", "lower", "upper"):
                np.testing.assert_equal(getattr(batch, field)[i], getattr(single, field))


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_wilson_agrees_with_statsmodels(confidence: float) -> None:
    rng = np.random.default_rng(20160331)
    n = rng.integers(1, 10**7, size=5000).astype(float)
    x = np.floor(rng.random(5000) * (n + 1))
    ours = proportion_ci(x, n, confidence=confidence)
    low, high = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
    np.testing.assert_allclose(ours.lower, low, rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(ours.upper, high, rtol=1e-9, atol=1e-15)


@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_exact_poisson_agrees_with_scipy(confidence: float) -> None:
    counts = np.arange(0, 200, dtype=float)
    ours = count_ci(counts, confidence=confidence, method="exact")
    alpha = 1 - confidence
    lower = np.where(counts == 0, 0.0, stats.chi2.ppf(alpha / 2, 2 * counts) / 2)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * counts + 2) / 2
    np.testing.assert_allclose(ours.lower, lower, rtol=1e-12)
    np.testing.assert_allclose(ours.upper, upper, rtol=1e-12)


def test_rate_ci_switches_to_byars_at_ten() -> None:
    exact = count_ci([9.0, 10.0], method="exact")
    byars = count_ci([9.0, 10.0], method="byars")
    auto = count_ci([9.0, 10.0])
    assert auto.lower[0] == exact.lower[0]
    assert auto.lower[1] == byars.lower[1]
    assert auto.upper[1] == byars.upper[1]
    assert auto.method is IntervalMethod.BYARS_EXACT
    # At the switch the two lower limits differ by 0.17% at 95% and 1.5% at 99.8%.
    assert byars.lower[1] / exact.lower[1] - 1 == pytest.approx(-0.0017, abs=0.00005)
    wide_exact = count_ci(10.0, method="exact", confidence=0.998)
    wide_byars = count_ci(10.0, method="byars", confidence=0.998)
    assert wide_byars.lower / wide_exact.lower - 1 == pytest.approx(-0.0149, abs=0.00005)


def test_edges_zero_and_all() -> None:
    none = proportion_ci(0, 50)
    assert none.lower == 0.0
    assert none.value == 0.0
    every = proportion_ci(50, 50, multiplier=100)
    assert every.upper == 100.0
    assert every.value == 100.0
    assert rate_ci(0, 1000, per=100_000).lower == 0.0
    assert rate_ci(0, 1000, per=100_000).upper > 0


def test_tiny_and_huge_denominators() -> None:
    tiny = proportion_ci(1, 1)
    assert tiny.lower > 0
    assert tiny.upper == 1.0
    huge = proportion_ci(7_776_456, 7_564_336_677)
    assert huge.lower < huge.value < huge.upper
    assert (huge.upper - huge.lower) / huge.value < 0.002
    rate = rate_ci(15_552_912, 15_128_673_354, per=100_000)
    assert rate.lower < rate.value < rate.upper


def test_missing_values_give_missing_results_without_warnings() -> None:
    with np.errstate(all="raise"):  # any floating-point warning would raise here
        interval = proportion_ci([np.nan, 5, 3], [10, np.nan, 10], multiplier=100)
        rate = rate_ci([np.nan, 5, 50], [1000, np.nan, 1000], per=100_000)
        counted = count_ci([np.nan, 3.0])
    assert np.isnan(interval.value[:2]).all()
    assert np.isnan(interval.lower[:2]).all()
    assert not np.isnan(interval.lower[2])
    assert np.isnan(rate.upper[:2]).all()
    assert not np.isnan(rate.upper[2])
    assert np.isnan(counted.lower[0])
    assert math.isnan(proportion_ci(None, 10).upper)


@pytest.mark.parametrize(
    ("call", "field", "expected"),
    [
        (lambda: proportion_ci(-1, 10), "numerator", "at least 0"),
        (lambda: proportion_ci(11, 10), "numerator", "no greater than their denominators"),
        (lambda: proportion_ci(1, 0), "denominator", "greater than 0"),
        (lambda: proportion_ci([1, 2, -3], 10), "numerator[2]", "at least 0"),
        (lambda: proportion_ci([1, -2, -3], 10), "numerator[1]", "2 values refused"),
        (lambda: proportion_ci(1, 10, confidence=95), "confidence", "strictly between 0 and 1"),
        (lambda: proportion_ci(1, 10, confidence=0), "confidence", "strictly between 0 and 1"),
        (lambda: proportion_ci(1, 10, confidence=1.0), "confidence", "strictly between 0 and 1"),
        (lambda: proportion_ci(1, 10, multiplier=0), "multiplier", "1 (a proportion or ratio)"),
        (lambda: proportion_ci(1, 10, multiplier=1_000), "multiplier", "or 100 (a percentage)"),
        (lambda: proportion_ci("5", 10), "numerator", "numbers"),
        (lambda: proportion_ci(np.inf, 10), "numerator", "finite numbers"),
        (lambda: rate_ci(-5, 100, per=100_000), "count", "at least 0"),
        (lambda: rate_ci(5, -100, per=100_000), "denominator", "greater than 0"),
        (lambda: rate_ci(5, 100, per=-1), "per", "a rate base: 100, 1_000"),
        (lambda: rate_ci(5, 100, per=7), "per", "a rate base: 100, 1_000"),
        (lambda: rate_ci(5, 100, per=1_000.5), "per", "a rate base: 100, 1_000"),
        (lambda: rate_ci(5, 100, per="per 7"), "per", "a rate base: 100, 1_000"),
        (lambda: count_ci(5, method="wald"), "method", "'auto', 'byars' or 'exact'"),  # type: ignore[call-overload]
        (lambda: mean_ci([1.0]), "values", "at least two values"),
        (lambda: z_score(1.5), "confidence", "strictly between 0 and 1"),
    ],
)
def test_misuse_is_refused_clearly(call: object, field: str, expected: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        call()  # type: ignore[operator]
    assert caught.value.field == field
    assert expected in str(caught.value)


def test_a_rate_may_exceed_its_denominator() -> None:
    assert rate_ci(250, 220, per=100).value == pytest.approx(250 / 220 * 100)


def test_str_shows_value_limits_and_method() -> None:
    assert (
        str(rate_ci(1691, 244_700, per=10_000))
        == "69.1 (65.9 to 72.5), 95% Byar's (exact Poisson below 10)"
    )
    assert (
        str(proportion_ci(65, 100, multiplier=100, confidence=0.998))
        == "65.0 (49.5 to 77.8), 99.8% Wilson score"
    )
    assert str(proportion_ci([1, 2], [5, 5])) == "2 values, 95% Wilson score"


def test_z_scores() -> None:
    assert z_score(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_score(0.998) == pytest.approx(3.090232, abs=1e-6)


proportions = st.integers(min_value=1, max_value=10**9).flatmap(
    lambda n: st.tuples(st.integers(min_value=0, max_value=n), st.just(n))
)


@given(proportions, st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998]))
def test_wilson_bounds(pair: tuple[int, int], confidence: float) -> None:
    x, n = pair
    interval = proportion_ci(x, n, confidence=confidence)
    assert 0 <= interval.lower <= interval.value <= interval.upper <= 1


@given(proportions)
def test_998_contains_95(pair: tuple[int, int]) -> None:
    x, n = pair
    narrow = proportion_ci(x, n, confidence=0.95)
    wide = proportion_ci(x, n, confidence=0.998)
    assert wide.lower <= narrow.lower
    assert narrow.upper <= wide.upper


@given(
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
    st.integers(min_value=2, max_value=100),
)
def test_wilson_narrows_as_the_denominator_grows(x: int, n: int, factor: int) -> None:
    x = min(x, n)
    small = proportion_ci(x, n)
    large = proportion_ci(x * factor, n * factor)
    assert large.width <= small.width + 1e-15


@given(
    st.floats(min_value=0, max_value=1e7),
    st.floats(min_value=1e-3, max_value=1e9),
    st.sampled_from([0.95, 0.998]),
)
def test_rate_bounds(count: float, denominator: float, confidence: float) -> None:
    interval = rate_ci(count, denominator, per=100_000, confidence=confidence)
    assert 0 <= interval.lower <= interval.value <= interval.upper


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from([0.95, 0.998]))
def test_count_limits_are_ordered_and_grow_with_the_count(count: int, confidence: float) -> None:
    here = count_ci(count, confidence=confidence)
    there = count_ci(count + 1, confidence=confidence)
    assert here.lower <= count <= here.upper
    assert here.lower <= there.lower
    assert here.upper <= there.upper


@given(st.integers(min_value=10, max_value=10**6), st.integers(min_value=2, max_value=50))
def test_rate_narrows_as_counts_and_denominators_grow(count: int, factor: int) -> None:
    small = rate_ci(count, 10**7, per=100_000)
    large = rate_ci(count * factor, 10**7 * factor, per=100_000)
    assert large.width <= small.width


@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=2, max_size=50))
def test_mean_interval_contains_the_mean(values: list[float]) -> None:
    interval = mean_ci(values)
    assert interval.lower <= interval.value <= interval.upper
    assert interval.value == pytest.approx(np.mean(values), abs=1e-6)


def test_mean_by_rows() -> None:
    batch = mean_ci(np.array([[1.0, 2.0, 3.0], [10.0, 20.0, 30.0]]))
    assert isinstance(batch.value, np.ndarray)
    np.testing.assert_allclose(batch.value, [2.0, 20.0])
    assert mean_ci([1.0, np.nan, 3.0]).value != mean_ci([1.0, np.nan, 3.0]).value  # NaN in, NaN out


# --- what arrays may hold --------------------------------------------------------------------


def test_masked_entries_are_left_out_of_a_mean_as_numpy_ma_leaves_them() -> None:
    masked = np.ma.masked_array([1.0, 2.0, 100.0], mask=[False, False, True])
    # The hidden 100 is left out (not 34.3 from it): the same interval as the two kept values.
    interval, kept = mean_ci(masked), mean_ci([1.0, 2.0])
    assert (interval.value, interval.lower, interval.upper) == (kept.value, kept.lower, kept.upper)
    assert interval.value == pytest.approx(float(np.ma.mean(masked)))
    # A NaN that is not masked is a missing value, and makes that mean missing.
    assert math.isnan(mean_ci([1.0, 2.0, float("nan")]).value)
    rows = np.ma.masked_array(
        [[1.0, 2.0, 3.0], [4.0, 5.0, 1e6]], mask=[[False, False, False], [False, False, True]]
    )
    by_row = mean_ci(rows, axis=1)
    second = mean_ci([4.0, 5.0])
    assert by_row.value[0] == 2.0
    assert by_row.value[1] == second.value
    assert by_row.lower[1] == pytest.approx(second.lower)
    assert by_row.lower[0] == pytest.approx(mean_ci([1.0, 2.0, 3.0]).lower)
    with pytest.raises(InvalidInputError, match="at least two values"):
        mean_ci(np.ma.masked_array([1.0, 2.0, 3.0], mask=[False, True, True]))


def test_masked_counts_give_missing_results_like_nan() -> None:
    counts = np.ma.masked_array(
        [5, 10**20, 7], mask=[False, True, False]
    )  # the hidden value is not read
    interval = proportion_ci(counts, 100)
    assert interval.value[0] == 0.05
    assert math.isnan(interval.value[1])
    assert interval.value[2] == 0.07
    rates = rate_ci(
        counts, np.ma.masked_array([1000, 1000, 1000], mask=[False, False, True]), per=1000
    )
    assert rates.value[0] == 5.0
    assert math.isnan(rates.value[1])
    assert math.isnan(rates.value[2])
    assert math.isnan(count_ci(np.ma.masked_array([3], mask=[True])).upper[0])


@pytest.mark.parametrize(
    ("values", "dtype"),
    [
        (np.array(["2020-01-01"], dtype="datetime64[D]"), "datetime64[D]"),
        (np.array([5], dtype="timedelta64[D]"), "timedelta64[D]"),
        (np.array([5 + 0j]), "complex128"),
        (np.array([True, False]), "bool"),
        ([True, False], "bool"),
        (np.array(["5"]), "<U1"),
        (["5", "6"], "<U1"),
        (np.array([b"5"]), "|S1"),
    ],
)
def test_arrays_that_are_not_numbers_are_refused_naming_the_dtype(
    values: object, dtype: str
) -> None:
    for call in (
        lambda: count_ci(values),  # type: ignore[call-overload]
        lambda: proportion_ci(values, 10),  # type: ignore[call-overload]
        lambda: rate_ci(5, values, per=100_000),  # type: ignore[call-overload]
        lambda: mean_ci(values),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInputError, match=f"not dtype {re.escape(dtype)}"):
            call()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        (np.array([5, "five"], dtype=object), "count[1]"),
        (np.array([5, True], dtype=object), "count[1]"),
        (np.array([[5, dt.date(2020, 1, 1)]], dtype=object), "count[(0, 1)]"),
        ([5, 10**400], "count[1]"),
        (np.array([10**400], dtype=object), "count[0]"),
        ([Decimal("1E+999")], "count[0]"),
        ([Decimal("sNaN")], "count[0]"),
        (Decimal("sNaN"), "count"),
        ([[1, 2], [3]], "count"),
    ],
)
def test_objects_that_are_not_numbers_are_refused_by_position(values: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        count_ci(values)  # type: ignore[call-overload]
    assert caught.value.field == field
    assert len(str(caught.value)) < 300  # 10**400 is not echoed in full


def test_object_arrays_of_numbers_and_missing_values_are_read() -> None:
    mixed = np.array([5, 2.5, Decimal("7.5"), None, np.int64(3), np.float32(0.5)], dtype=object)
    np.testing.assert_array_equal(count_ci(mixed).value, [5, 2.5, 7.5, np.nan, 3, 0.5])
    assert count_ci(Decimal("5.5")).value == 5.5
    assert math.isnan(count_ci(None).value)


def test_shapes_that_do_not_broadcast_are_refused_naming_both() -> None:
    with pytest.raises(InvalidInputError) as caught:
        proportion_ci([1, 2, 3], [10, 20])
    assert caught.value.field == "numerator and denominator"
    assert "(3,)" in str(caught.value)
    assert "(2,)" in str(caught.value)
    with pytest.raises(InvalidInputError, match=r"^count and denominator: "):
        rate_ci([1, 2, 3], [[10, 20]], per=100_000)


@pytest.mark.parametrize("axis", [1, -2, 5, 1.0, True, "0", None])
def test_an_axis_out_of_range_is_refused(axis: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        mean_ci([1.0, 2.0, 3.0], axis=axis)  # type: ignore[arg-type]
    assert caught.value.field == "axis"
    assert mean_ci([[1.0, 2.0], [3.0, 5.0]], axis=np.int64(0)).value.tolist() == [2.0, 3.5]  # type: ignore[arg-type]


def test_counts_from_2_to_the_53_are_refused() -> None:
    # A float holds every whole number below 2**53; 2**53 + 1 would be read as 2**53.
    largest = 2**53 - 1
    assert proportion_ci(largest, largest).value == 1.0
    for call in (
        lambda: proportion_ci(2**53 + 1, 2**53 + 1),
        lambda: proportion_ci(5, 2**53),
        lambda: rate_ci(np.array([2**60], dtype=np.int64), 2**61, per=100_000),
        lambda: count_ci([1e20]),
    ):
        with pytest.raises(InvalidInputError, match=r"counts below 2\*\*53"):
            call()


def test_values_and_limits_that_overflow_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^values: .*float range"):
        mean_ci([1e308, -1e308, 1e308])
    with pytest.raises(InvalidInputError, match=r"^denominator\[0\]: .*float range"):
        rate_ci([5], [1e-320], per=100_000)


def test_options_beyond_float_range_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^multiplier: "):
        proportion_ci(5, 10, multiplier=10**400)
    with pytest.raises(InvalidInputError, match=r"^confidence: "):
        proportion_ci(5, 10, confidence=10**400)
    assert proportion_ci(5, 10, confidence=np.float32(0.95)).confidence == pytest.approx(0.95)  # type: ignore[call-overload]


def test_inputs_are_not_changed() -> None:
    counts = np.ma.masked_array([5.0, 6.0], mask=[False, True])
    proportion_ci(counts, 10)
    assert counts.data.tolist() == [5.0, 6.0]
    assert counts.mask.tolist() == [False, True]


# One vocabulary ------------------------------------------------------------------------------


def test_rate_ci_without_per_warns_and_keeps_per_100_000() -> None:
    with pytest.deprecated_call(
        match=r"rate_ci\(\) without per= is deprecated since version 0\.1\.0"
    ):
        interval = rate_ci(1691, 244_700)
    assert interval == rate_ci(1691, 244_700, per=100_000)
    assert interval.multiplier == 100_000


def test_a_float_per_warns() -> None:
    with pytest.deprecated_call(match=r"rate_ci\(per=100000\.0\)"):
        interval = rate_ci(5, 100, per=1e5)
    assert interval == rate_ci(5, 100, per=100_000)


@pytest.mark.parametrize("multiplier", [1, 100, 1.0, 100.0, np.int64(100)])
def test_a_proportion_is_scaled_by_1_or_100(multiplier: float) -> None:
    assert proportion_ci(65, 100, multiplier=multiplier).multiplier == float(multiplier)


def test_intervals_compare_by_value() -> None:
    counts = np.array([5.0, math.nan, 0.0])
    first, second = rate_ci(counts, 100, per=100), rate_ci(counts.copy(), 100, per=100)
    assert first is not second
    assert first == second  # NaN equal to NaN, as numpy.array_equal(equal_nan=True)
    assert hash(first) == hash(second)
    assert first != rate_ci([5.0, math.nan, 1.0], 100, per=100)
    assert rate_ci(5, 100, per=100) == rate_ci(5, 100, per=100)
    assert rate_ci(5, 100, per=100) != rate_ci([5], 100, per=100)  # type: ignore[comparison-overlap]  # a float is not an array
    assert rate_ci(5, 100, per=100) != rate_ci(5, 100, per=1_000)
    assert len({proportion_ci(1, 2), proportion_ci(1, 2)}) == 1
