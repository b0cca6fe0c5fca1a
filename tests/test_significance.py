import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_model import (
    Direction,
    Interval,
    IntervalMethod,
    InvalidInputError,
    Polarity,
    Rag,
    Significance,
    compare_proportion_with_benchmark,
    compare_rate_with_benchmark,
    compare_with_benchmark,
    direction_of_travel,
    proportion_ci,
    rag,
    rate_ci,
)
from safeguarding_model.markers import judge


def _published(value: float, lower: float, upper: float) -> Interval[float]:
    return Interval(
        value=value, lower=lower, upper=upper, confidence=0.95, method=IntervalMethod.PUBLISHED
    )


@pytest.mark.parametrize(
    ("interval", "benchmark", "polarity", "expected"),
    [
        (_published(10, 8, 12), 7, Polarity.HIGHER_IS_BETTER, Significance.BETTER),
        (_published(10, 8, 12), 7, Polarity.LOWER_IS_BETTER, Significance.WORSE),
        (_published(10, 8, 12), 7, Polarity.NO_JUDGEMENT, Significance.HIGHER),
        (_published(10, 8, 12), 13, Polarity.HIGHER_IS_BETTER, Significance.WORSE),
        (_published(10, 8, 12), 13, Polarity.LOWER_IS_BETTER, Significance.BETTER),
        (_published(10, 8, 12), 13, Polarity.NO_JUDGEMENT, Significance.LOWER),
        (_published(10, 8, 12), 9, Polarity.HIGHER_IS_BETTER, Significance.SIMILAR),
        (
            _published(10, 8, 12),
            8,
            Polarity.HIGHER_IS_BETTER,
            Significance.SIMILAR,
        ),  # limits included
        (_published(10, 8, 12), 12, Polarity.LOWER_IS_BETTER, Significance.SIMILAR),
        (
            _published(math.nan, math.nan, math.nan),
            9,
            Polarity.HIGHER_IS_BETTER,
            Significance.NOT_COMPARED,
        ),
        (_published(10, 8, 12), math.nan, Polarity.HIGHER_IS_BETTER, Significance.NOT_COMPARED),
    ],
)
def test_the_profiles_rule(
    interval: Interval[float], benchmark: float, polarity: Polarity, expected: Significance
) -> None:
    comparison = compare_with_benchmark(interval, benchmark, polarity=polarity)
    assert comparison.significance is expected
    assert comparison.polarity is polarity


def test_comparisons_record_how_they_were_made() -> None:
    comparison = compare_rate_with_benchmark(
        1691, 244_700, 82, per=10_000, confidence=0.998, comparator="North West"
    )
    assert comparison.significance is Significance.LOWER
    assert comparison.comparator == "North West"
    assert comparison.confidence == 0.998
    assert comparison.method is IntervalMethod.BYARS_EXACT
    assert comparison.benchmark == 82.0
    assert comparison.test == "benchmark outside the confidence interval"
    assert str(comparison) == "lower than North West (82), 99.8% Byar's (exact Poisson below 10)"


def test_children_looked_after_against_england() -> None:
    # Lancashire 2015/16: 1,691 children looked after, 69.1 per 10,000, England 60.
    comparison = compare_rate_with_benchmark(1691, 244_700, 60, per=10_000)
    assert comparison.significance is Significance.HIGHER
    assert rag(comparison.significance) is Rag.BLUE


def test_methods_can_disagree_and_the_record_shows_why() -> None:
    # Just outside the 95% interval but inside the 99.8% one.
    at_95 = compare_proportion_with_benchmark(560, 1000, 0.52, polarity="higher_is_better")
    at_998 = compare_proportion_with_benchmark(
        560, 1000, 0.52, polarity="higher_is_better", confidence=0.998
    )
    assert at_95.significance is Significance.BETTER
    assert at_998.significance is Significance.SIMILAR
    assert (at_95.confidence, at_998.confidence) == (0.95, 0.998)


def test_vectorised_comparison_matches_scalar_calls() -> None:
    rng = np.random.default_rng(7)
    n = rng.integers(100, 100_000, size=500).astype(float)
    x = np.floor(rng.random(500) * n)
    x[::50] = np.nan
    benchmark = 0.5
    batch = compare_proportion_with_benchmark(x, n, benchmark, polarity=Polarity.LOWER_IS_BETTER)
    assert isinstance(batch.significance, np.ndarray)
    assert batch.significance.shape == (500,)
    for i in range(0, 500, 7):
        single = compare_proportion_with_benchmark(
            x[i], n[i], benchmark, polarity=Polarity.LOWER_IS_BETTER
        )
        assert batch.significance[i] == single.significance
    assert (batch.significance[::50] == Significance.NOT_COMPARED).all()
    assert sum(batch.counts().values()) == 500
    assert str(batch).endswith("against England, 95% Wilson score")


def test_benchmarks_may_differ_per_row() -> None:
    comparison = compare_with_benchmark(proportion_ci([50, 50], [100, 100]), [0.2, 0.8])
    assert list(comparison.significance) == ["higher", "lower"]
    np.testing.assert_array_equal(comparison.benchmark, [0.2, 0.8])


def test_bad_inputs_are_refused() -> None:
    with pytest.raises(InvalidInputError, match="polarity"):
        compare_with_benchmark(_published(1, 0, 2), 1, polarity="up")
    with pytest.raises(InvalidInputError, match="benchmark"):
        compare_with_benchmark(_published(1, 0, 2), math.inf)
    with pytest.raises(InvalidInputError, match="lower limits at most upper"):
        compare_with_benchmark(_published(1, 2, 0), 1)


def test_rag_colours() -> None:
    assert rag(Significance.WORSE) is Rag.RED
    assert rag(Significance.SIMILAR) is Rag.AMBER
    assert rag(Significance.BETTER) is Rag.GREEN
    assert rag(Significance.HIGHER) is Rag.BLUE
    assert rag(Significance.LOWER) is Rag.BLUE
    assert rag(Significance.NOT_COMPARED) is Rag.GREY
    assert rag("worse") is Rag.RED
    colours = rag(np.array(["worse", "better", "similar", "higher", "not_compared"]))
    assert list(colours) == ["red", "green", "amber", "blue", "grey"]
    with pytest.raises(InvalidInputError, match="significance"):
        rag("purple")
    with pytest.raises(InvalidInputError, match="significance"):
        rag(np.array(["better", "purple"]))


def test_labels_read_both_ways() -> None:
    for member in Significance:
        assert Significance.from_label(member.label) is member
    assert Significance.from_label("not compared") is Significance.NOT_COMPARED
    assert Rag.from_label(" Green ") is Rag.GREEN
    assert Rag.from_label("Gray") is Rag.GREY
    with pytest.raises(InvalidInputError, match="label"):
        Significance.from_label("Stable")
    with pytest.raises(InvalidInputError, match="label"):
        Rag.from_label("Purple")


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(finite, finite, finite, finite)
def test_swapping_polarity_swaps_better_and_worse(
    a: float, b: float, c: float, benchmark: float
) -> None:
    value, lower, upper = sorted((a, b, c))[1], min(a, b, c), max(a, b, c)
    interval = _published(value, lower, upper)
    one = compare_with_benchmark(
        interval, benchmark, polarity=Polarity.HIGHER_IS_BETTER
    ).significance
    other = compare_with_benchmark(
        interval, benchmark, polarity=Polarity.LOWER_IS_BETTER
    ).significance
    plain = compare_with_benchmark(interval, benchmark).significance
    swap = {
        Significance.BETTER: Significance.WORSE,
        Significance.WORSE: Significance.BETTER,
        Significance.SIMILAR: Significance.SIMILAR,
    }
    assert other is swap[one]
    assert (plain is Significance.SIMILAR) == (one is Significance.SIMILAR)
    assert (plain is Significance.HIGHER) == (one is Significance.BETTER)


@given(
    st.integers(min_value=0, max_value=10**5),
    st.integers(min_value=1, max_value=10**5),
    st.floats(min_value=0, max_value=1),
)
def test_significant_at_998_implies_significant_at_95(x: int, n: int, benchmark: float) -> None:
    x = min(x, n)
    strict = compare_proportion_with_benchmark(x, n, benchmark, confidence=0.998).significance
    loose = compare_proportion_with_benchmark(x, n, benchmark, confidence=0.95).significance
    if strict is not Significance.SIMILAR:
        assert loose is strict


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**7))
def test_an_area_is_never_significantly_different_from_its_own_value(
    count: int, denominator: int
) -> None:
    interval = rate_ci(count, denominator, per=100_000)
    assert compare_with_benchmark(interval, interval.value).significance is Significance.SIMILAR


def test_masked_benchmarks_are_not_compared() -> None:
    intervals = rate_ci([50, 50], [1000, 1000], per=1000)
    benchmark = np.ma.masked_array([10.0, 1e300], mask=[False, True])
    result = compare_with_benchmark(intervals, benchmark)
    assert result.significance.tolist() == ["higher", "not_compared"]


def test_shapes_that_do_not_broadcast_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        compare_with_benchmark(rate_ci([5, 6, 7], 100, per=100), [1.0, 2.0])
    assert "benchmark" in caught.value.field
    with pytest.raises(InvalidInputError, match=r"^count and denominator: "):
        compare_rate_with_benchmark([5, 6, 7], [100, 100], 5.0, per=100)


@pytest.mark.parametrize(
    "benchmark",
    [np.array(["2020-01-01"], dtype="datetime64[D]"), [True], "5", np.array([1 + 1j])],
)
def test_benchmarks_that_are_not_numbers_are_refused(benchmark: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        compare_with_benchmark(rate_ci(5, 100, per=100), benchmark)  # type: ignore[call-overload]
    assert caught.value.field == "benchmark"


def test_something_other_than_an_interval_is_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^interval: "):
        compare_with_benchmark((1.0, 0.5, 1.5), 1.0)  # type: ignore[call-overload]
    text_limits = Interval(
        value="5",  # type: ignore[type-var]
        lower="4",
        upper="6",
        confidence=0.95,
        method=IntervalMethod.PUBLISHED,
    )
    with pytest.raises(InvalidInputError, match=r"^interval.value: "):
        compare_with_benchmark(text_limits, 1.0)


def test_long_unknown_values_are_not_echoed_in_full() -> None:
    with pytest.raises(InvalidInputError) as caught:
        rag("x" * 5_000)
    assert len(str(caught.value)) < 200
    with pytest.raises(InvalidInputError) as caught:
        compare_with_benchmark(rate_ci(5, 100, per=100), 1.0, polarity="y" * 5_000)
    assert len(str(caught.value)) < 250


# Decisions in one place and results by value --------------------------------------------------


@pytest.mark.parametrize(
    ("difference", "polarity", "expected"),
    [
        (2.5, Polarity.HIGHER_IS_BETTER, Significance.BETTER),
        (-2.5, Polarity.HIGHER_IS_BETTER, Significance.WORSE),
        (2.5, Polarity.LOWER_IS_BETTER, Significance.WORSE),
        (-1, "lower_is_better", Significance.BETTER),
        (1, Polarity.NO_JUDGEMENT, Significance.HIGHER),
        (-1, Polarity.NO_JUDGEMENT, Significance.LOWER),
        (0, Polarity.HIGHER_IS_BETTER, Significance.SIMILAR),
        (None, Polarity.LOWER_IS_BETTER, Significance.NOT_COMPARED),
        (math.nan, Polarity.NO_JUDGEMENT, Significance.NOT_COMPARED),
        (Decimal("NaN"), Polarity.HIGHER_IS_BETTER, Significance.NOT_COMPARED),
        (Decimal("-0.1"), Polarity.LOWER_IS_BETTER, Significance.BETTER),
    ],
)
def test_judge_is_the_one_table_of_polarity(
    difference: float | Decimal | None, polarity: Polarity | str, expected: Significance
) -> None:
    assert judge(difference, polarity) is expected


@pytest.mark.parametrize("polarity", list(Polarity))
def test_comparisons_and_travel_decide_as_judge_does(polarity: Polarity) -> None:
    above = Interval(
        value=12.0, lower=11.0, upper=13.0, confidence=0.95, method=IntervalMethod.PUBLISHED
    )
    below = Interval(
        value=8.0, lower=7.0, upper=9.0, confidence=0.95, method=IntervalMethod.PUBLISHED
    )
    assert compare_with_benchmark(above, 10.0, polarity=polarity).significance is judge(1, polarity)
    assert compare_with_benchmark(below, 10.0, polarity=polarity).significance is judge(
        -1, polarity
    )
    rose = direction_of_travel(below, above, polarity=polarity).direction  # tested: intervals
    assert rose is Direction.of_change(judge(4.0, polarity))


def test_polarity_parse_names_the_field() -> None:
    assert Polarity.parse("no_judgement") is Polarity.NO_JUDGEMENT
    with pytest.raises(InvalidInputError) as caught:
        judge(1, "higher")
    assert caught.value.field == "polarity"


def test_compare_rate_without_per_warns() -> None:
    with pytest.deprecated_call(match=r"compare_rate_with_benchmark\(\) without per="):
        result = compare_rate_with_benchmark(1691, 244_700, 600.0)
    assert result == compare_rate_with_benchmark(1691, 244_700, 600.0, per=100_000)


def test_comparisons_compare_by_value() -> None:
    first = compare_rate_with_benchmark([5, 50, 500], [1000] * 3, [5.0, 5.0, math.nan], per=100)
    second = compare_rate_with_benchmark([5, 50, 500], [1000] * 3, [5.0, 5.0, math.nan], per=100)
    assert first == second
    assert hash(first) == hash(second)
    assert first != compare_rate_with_benchmark([5, 50, 500], [1000] * 3, 5.0, per=100)
    assert first != compare_rate_with_benchmark(
        [5, 50, 500], [1000] * 3, [5.0, 5.0, math.nan], per=100, polarity="lower_is_better"
    )
