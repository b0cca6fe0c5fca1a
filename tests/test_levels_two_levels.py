"""Both levels at once: the profiles' "Better 95%" / "Worse 99.8%" labels, checked independently.

The expected labels are computed here in plain Python from the formulas of the methods page
(Wilson score; Byar's, with the exact Poisson interval below 10 found by bisection on the Poisson
distribution), with ``statistics.NormalDist`` for the normal quantile: no scipy, no statsmodels.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from safeguarding_model import (
    Interval,
    IntervalMethod,
    InvalidInputError,
    Polarity,
    Rag,
    Significance,
    compare_proportion_with_benchmark,
    compare_rate_with_benchmark,
    compare_with_benchmark,
)
from safeguarding_model.statistics.significance import (
    PROFILE_LEVELS,
    BenchmarkLabel,
    TwoLevelComparison,
    compare_at_levels,
)

# --- an independent computation ------------------------------------------------------------


def _z(level: float) -> float:
    return NormalDist().inv_cdf(1 - (1 - level) / 2)


def _wilson(x: int, n: int, level: float) -> tuple[float, float]:
    z = _z(level)
    spread = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    lower = 0.0 if x == 0 else (2 * x + z * z - spread) / (2 * (n + z * z))
    upper = 1.0 if x == n else (2 * x + z * z + spread) / (2 * (n + z * z))
    return lower, upper


def _poisson_cdf(k: int, mean: float) -> float:
    term, total = math.exp(-mean), 0.0
    for i in range(k + 1):
        total += term
        term *= mean / (i + 1)
    return total


def _bisect(function: object, target: float, low: float, high: float) -> float:
    """The root of the decreasing ``function(m) - target`` between ``low`` and ``high``."""
    for _ in range(200):
        middle = (low + high) / 2
        if function(middle) > target:  # type: ignore[operator]
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _poisson_limits(x: int, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2
    if x >= 10:
        z = _z(level)
        lower = x * (1 - 1 / (9 * x) - z / (3 * math.sqrt(x))) ** 3
        y = x + 1
        upper = y * (1 - 1 / (9 * y) + z / (3 * math.sqrt(y))) ** 3
        return max(lower, 0.0), upper
    # P(X >= x | lower) = tail and P(X <= x | upper) = tail
    lower = 0.0 if x == 0 else _bisect(lambda m: _poisson_cdf(x - 1, m), 1 - tail, 0.0, 100.0)
    upper = _bisect(lambda m: _poisson_cdf(x, m), tail, 0.0, 100.0)
    return lower, upper


def _side(lower: float, upper: float, benchmark: float) -> int:
    return 1 if lower > benchmark else -1 if upper < benchmark else 0


_WORDS = {
    (Polarity.HIGHER_IS_BETTER, 1): "Better",
    (Polarity.HIGHER_IS_BETTER, -1): "Worse",
    (Polarity.LOWER_IS_BETTER, 1): "Worse",
    (Polarity.LOWER_IS_BETTER, -1): "Better",
    (Polarity.NO_JUDGEMENT, 1): "Higher",
    (Polarity.NO_JUDGEMENT, -1): "Lower",
}


def _expected_label(
    x: int, n: int, benchmark: float, *, wilson: bool, scale: float, polarity: Polarity
) -> tuple[str, float]:
    """The label, and how far the benchmark is from the nearest limit (relative)."""
    sides, gaps = [], []
    for level in PROFILE_LEVELS:
        if wilson:
            lower, upper = (limit * scale for limit in _wilson(x, n, level))
        else:
            lower, upper = (limit / n * scale for limit in _poisson_limits(x, level))
        sides.append(_side(lower, upper, benchmark))
        gaps.extend([abs(lower - benchmark), abs(upper - benchmark)])
    gap = min(gaps) / max(abs(benchmark), 1e-12)
    first, second = sides
    if first == 0:
        assert second == 0  # nested intervals
        return "Similar", gap
    named = "99.8%" if second == first else "95%"
    return f"{_WORDS[polarity, first]} {named}", gap


# --- against the independent computation ---------------------------------------------------


@pytest.mark.parametrize(
    ("x", "n", "benchmark", "wilson", "scale", "polarity", "expected"),
    [
        (1691, 244_718, 60.0, False, 10_000, Polarity.NO_JUDGEMENT, "Higher 99.8%"),
        (1691, 244_718, 60.0, True, 10_000, Polarity.NO_JUDGEMENT, "Higher 99.8%"),
        (1691, 244_718, 82.0, True, 10_000, Polarity.NO_JUDGEMENT, "Lower 99.8%"),
        (16, 5000, 60.0, False, 10_000, Polarity.LOWER_IS_BETTER, "Better 95%"),
        (3, 1000, 8.0, False, 1000, Polarity.HIGHER_IS_BETTER, "Similar"),
        (9450, 14_000, 66.3, True, 100, Polarity.HIGHER_IS_BETTER, "Better 95%"),
        (0, 40_000, 5.0, False, 10_000, Polarity.LOWER_IS_BETTER, "Better 99.8%"),
    ],
)
def test_worked_labels(  # noqa: PLR0917 - one row of the table
    x: int,
    n: int,
    benchmark: float,
    wilson: bool,  # noqa: FBT001 - a table column
    scale: int,
    polarity: Polarity,
    expected: str,
) -> None:
    independent, _ = _expected_label(x, n, benchmark, wilson=wilson, scale=scale, polarity=polarity)
    assert independent == expected
    result = compare_at_levels(
        x,
        n,
        benchmark,
        interval="wilson" if wilson else "byars_exact",
        per=scale,
        polarity=polarity,
    )
    assert result.label is BenchmarkLabel(expected)
    assert result.levels == (0.95, 0.998)


_POLARITIES = st.sampled_from(list(Polarity))


@st.composite
def _figures(draw: st.DrawFn) -> tuple[int, int, float, bool, int, Polarity]:
    n = draw(st.integers(1, 300_000))
    x = draw(st.integers(0, n))
    wilson = draw(st.booleans())
    scale = draw(st.sampled_from([100, 1000, 10_000, 100_000]))
    benchmark = draw(st.floats(0.0, 2.0, allow_nan=False)) * scale * max(x, 1) / n
    return x, n, benchmark, wilson, scale, draw(_POLARITIES)


@given(_figures())
def test_labels_match_an_independent_computation(
    figure: tuple[int, int, float, bool, int, Polarity],
) -> None:
    x, n, benchmark, wilson, scale, polarity = figure
    expected, gap = _expected_label(x, n, benchmark, wilson=wilson, scale=scale, polarity=polarity)
    assume(gap > 1e-9)  # a benchmark on a limit to the last bit is a tie in float rounding
    result = compare_at_levels(
        x,
        n,
        benchmark,
        interval="wilson" if wilson else "byars_exact",
        per=scale,
        polarity=polarity,
    )
    assert result.label.value == expected


# --- properties ----------------------------------------------------------------------------


@given(_figures())
def test_a_higher_level_label_is_on_the_same_side_at_the_lower_level(
    figure: tuple[int, int, float, bool, int, Polarity],
) -> None:
    x, n, benchmark, wilson, scale, polarity = figure
    method = "wilson" if wilson else "byars_exact"
    result = compare_at_levels(x, n, benchmark, interval=method, per=scale, polarity=polarity)
    label = result.label
    # consistent with the one-level comparisons at each level
    one_level = [
        compare_proportion_with_benchmark(
            x, n, benchmark / scale, polarity=polarity, confidence=level
        )
        if wilson
        else compare_rate_with_benchmark(
            x, n, benchmark, per=scale, polarity=polarity, confidence=level
        )
        for level in PROFILE_LEVELS
    ]
    if wilson:  # compared on the proportion's scale: skip the rare tie that rescaling moves
        assume(one_level[0].significance is result.first.significance)
        assume(one_level[1].significance is result.second.significance)
    else:
        assert [c.significance for c in one_level] == [
            result.first.significance,
            result.second.significance,
        ]
    assert label.significance is result.first.significance
    if label.level == 0.998:
        assert result.second.significance is label.significance
    elif label.level == 0.95:
        assert result.second.significance is Significance.SIMILAR
    else:
        assert label in (BenchmarkLabel.SIMILAR, BenchmarkLabel.NOT_COMPARED)
        assert result.second.significance is label.significance
    assert label.rag is label.significance.rag


@given(st.lists(_figures(), min_size=1, max_size=12))
def test_scalars_and_arrays_agree(
    figures: list[tuple[int, int, float, bool, int, Polarity]],
) -> None:
    wilson, scale = figures[0][3], figures[0][4]
    x = [figure[0] for figure in figures]
    n = [figure[1] for figure in figures]
    benchmark = [figure[2] for figure in figures]
    polarity = [figure[5].value for figure in figures]
    method = "wilson" if wilson else "byars_exact"
    together = compare_at_levels(x, n, benchmark, interval=method, per=scale, polarity=polarity)
    alone = [
        compare_at_levels(a, b, c, interval=method, per=scale, polarity=d)
        for a, b, c, d in zip(x, n, benchmark, polarity, strict=True)
    ]
    assert together.label.tolist() == [one.label.value for one in alone]
    assert together.labels().decode().tolist() == together.label.tolist()
    assert together.rag.tolist() == [one.rag.value for one in alone]  # type: ignore[union-attr]
    assert sum(together.counts().values()) == len(figures)


def test_missing_values_are_not_compared_and_per_row_bases_work() -> None:
    result = compare_at_levels(
        np.array([1691, None, 2400, 10], dtype=object),
        [244_718, 1000, 11_000, np.nan],
        [60, 5, 25.0, 1],
        per=[10_000, 100, 100, 100],
    )
    assert result.label.tolist() == ["Higher 99.8%", "Not compared", "Lower 99.8%", "Not compared"]
    assert result.counts() == {
        BenchmarkLabel.HIGHER_998: 1,
        BenchmarkLabel.LOWER_998: 1,
        BenchmarkLabel.NOT_COMPARED: 2,
    }
    assert str(result) == (
        "1 Higher 99.8%, 1 Lower 99.8%, 2 Not compared against England, "
        "Byar's (exact Poisson below 10) at 95% and 99.8%"
    )


def test_the_labels_enum() -> None:
    assert [member.value for member in BenchmarkLabel] == [
        "Better 99.8%",
        "Better 95%",
        "Similar",
        "Worse 95%",
        "Worse 99.8%",
        "Higher 99.8%",
        "Higher 95%",
        "Lower 95%",
        "Lower 99.8%",
        "Not compared",
    ]
    assert BenchmarkLabel.BETTER_998.rag is Rag.GREEN
    assert BenchmarkLabel.WORSE_95.rag is Rag.RED
    assert BenchmarkLabel.HIGHER_95.rag is Rag.BLUE
    assert BenchmarkLabel.NOT_COMPARED.significance is Significance.NOT_COMPARED
    assert BenchmarkLabel.LOWER_95.level == 0.95


def test_other_levels_are_used_and_printed() -> None:
    result = compare_at_levels(16, 5000, 60, per=10_000, levels=(0.9, 0.95))
    assert result.levels == (0.9, 0.95)
    assert result.first.confidence == 0.9
    assert str(result).endswith("at 90% and 95%")


def test_published_limits_at_two_levels() -> None:
    def published(lower: float, upper: float, level: float) -> Interval[float]:
        return Interval(15.9, lower, upper, confidence=level, method=IntervalMethod.PUBLISHED)

    first = compare_with_benchmark(published(12.1, 20.5, 0.95), 12.0, polarity="lower_is_better")
    second = compare_with_benchmark(published(10.4, 23.5, 0.998), 12.0, polarity="lower_is_better")
    both = TwoLevelComparison.from_comparisons(first, second)
    assert both.label is BenchmarkLabel.WORSE_95
    assert both.significance is Significance.WORSE
    assert str(both) == "Worse 95% against England (12), as published at 95% and 99.8%"


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "levels",
    [(0.998, 0.95), (0.95, 0.95), (95, 99.8), (0.95,), (0.9, 0.95, 0.99), "0.95", (0.95, 1.0)],
)
def test_levels_must_be_two_increasing_levels(levels: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        compare_at_levels(5, 100, 3, per=100, levels=levels)  # type: ignore[call-overload]
    assert caught.value.field == "levels"
    assert "two increasing levels strictly between 0 and 1" in str(caught.value)


@pytest.mark.parametrize("interval", ["student_t", "byars", "dobson", "Wilson", 3])
def test_only_methods_from_counts(interval: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        compare_at_levels(5, 100, 3, per=100, interval=interval)  # type: ignore[call-overload]
    assert caught.value.field == "interval"
    assert "'wilson'" in str(caught.value)
    assert "'byars_exact'" in str(caught.value)


def test_byars_needs_a_base_and_wilson_a_count_within_its_denominator() -> None:
    with pytest.raises(InvalidInputError) as caught:
        compare_at_levels(5, 100, 3)
    assert caught.value.field == "per"
    with pytest.raises(InvalidInputError) as caught:
        compare_at_levels([5, 120], 100, 3, interval="wilson", per=100)
    assert caught.value.field == "numerator[1]"


def test_intervals_that_are_not_nested_are_refused() -> None:
    def published(lower: float, upper: float, level: float) -> Interval[float]:
        return Interval(10.0, lower, upper, confidence=level, method=IntervalMethod.PUBLISHED)

    similar = compare_with_benchmark(published(8, 12, 0.95), 9.0)
    higher = compare_with_benchmark(published(9.5, 11, 0.998), 9.0)
    with pytest.raises(InvalidInputError) as caught:
        TwoLevelComparison.from_comparisons(similar, higher)
    assert caught.value.field == "second"
    assert "higher at 99.8% where 95% gives similar" in str(caught.value)
    with pytest.raises(InvalidInputError) as caught:
        TwoLevelComparison.from_comparisons(higher, similar)
    assert caught.value.field == "second.confidence"
