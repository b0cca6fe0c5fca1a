import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_model import (
    Direction,
    DirectionMethod,
    Interval,
    IntervalMethod,
    InvalidInputError,
    Polarity,
    direction_of_travel,
    proportion_ci,
    rate_ci,
)


@pytest.mark.parametrize(
    ("previous", "current", "polarity", "tolerance", "expected"),
    [
        (
            79.8,
            74.6,
            Polarity.HIGHER_IS_BETTER,
            0.0,
            Direction.LOWER_NOT_TESTED,
        ),  # assessments to timescale
        (469.7, 368.8, Polarity.LOWER_IS_BETTER, 0.0, Direction.LOWER_NOT_TESTED),  # entrants
        (4.8, 5.1, Polarity.LOWER_IS_BETTER, 0.5, Direction.WITHIN_ROUNDING),
        (
            100.0,
            100.0,
            Polarity.HIGHER_IS_BETTER,
            0.0,
            Direction.NO_CHANGE,
        ),  # SCR referrals: "Same"
        (65.0, 66.0, Polarity.NO_JUDGEMENT, 0.0, Direction.HIGHER_NOT_TESTED),
        (math.nan, 66.0, Polarity.NO_JUDGEMENT, 0.0, Direction.NOT_COMPARED),
    ],
)
def test_plain_comparison_with_tolerance(
    previous: float, current: float, polarity: Polarity, tolerance: float, expected: Direction
) -> None:
    travel = direction_of_travel(previous, current, polarity=polarity, tolerance=tolerance)
    assert travel.direction is expected
    assert travel.method is DirectionMethod.TOLERANCE
    assert travel.tolerance == tolerance
    assert math.isnan(travel.lower)


def test_source_words() -> None:
    assert [d.source_word for d in Direction] == [
        "Better",
        "Worse",
        "Increasing",
        "Decreasing",
        "Stable",
        "Higher, not tested",
        "Lower, not tested",
        "Within rounding",
        "Same",
        "Not compared",
    ]
    for word, direction in [
        ("Better", Direction.IMPROVING),
        ("worse", Direction.WORSENING),
        ("Stable ", Direction.NO_SIGNIFICANT_CHANGE),
        ("Same", Direction.NO_CHANGE),
    ]:
        assert Direction.from_source_word(word) is direction
    with pytest.raises(InvalidInputError, match="word"):
        Direction.from_source_word("tbc")


def test_counts_decide_through_the_intervals() -> None:
    # A big rise in a big count is significant; the same rise in a small one is not.
    big = direction_of_travel(
        rate_ci(956, 244_000, per=10_000),
        rate_ci(1443, 244_700, per=10_000),
        polarity="no_judgement",
    )
    assert big.direction is Direction.INCREASING
    assert big.method is DirectionMethod.INTERVALS
    assert big.confidence == 0.95
    assert big.lower > 0
    small = direction_of_travel(
        rate_ci(4, 1000, per=100_000), rate_ci(6, 1000, per=100_000), polarity="lower_is_better"
    )
    assert small.direction is Direction.NO_SIGNIFICANT_CHANGE
    assert small.lower < 0 < small.upper


def test_newcombe_matches_the_published_worked_example() -> None:
    # Newcombe (1998), Statistics in Medicine 17:873, table II example (f): 56/70 versus 48/80,
    # difference 0.2 with hybrid score interval 0.0524 to 0.3339.
    travel = direction_of_travel(
        proportion_ci(48, 80), proportion_ci(56, 70), polarity="higher_is_better"
    )
    assert travel.difference == pytest.approx(0.2)
    assert travel.lower == pytest.approx(0.0524, abs=5e-5)
    assert travel.upper == pytest.approx(0.3339, abs=5e-5)
    assert travel.direction is Direction.IMPROVING


def test_vectorised_directions() -> None:
    previous = proportion_ci([500, 500, 500, np.nan], 1000)
    current = proportion_ci([600, 510, 500, 500], 1000)
    travel = direction_of_travel(previous, current, polarity=Polarity.HIGHER_IS_BETTER)
    assert list(travel.direction) == [
        "improving",
        "no_significant_change",
        "no_change",
        "not_compared",
    ]
    values = direction_of_travel(
        np.array([1.0, 2.0]), np.array([2.0, 1.0]), polarity="lower_is_better"
    )
    assert list(values.direction) == ["higher_not_tested", "lower_not_tested"]


def test_misuse_is_refused() -> None:
    interval = proportion_ci(5, 10)
    with pytest.raises(InvalidInputError, match="current: expected two Intervals or two values"):
        direction_of_travel(interval, 0.5, polarity="no_judgement")
    with pytest.raises(InvalidInputError, match="previous: expected two Intervals or two values"):
        direction_of_travel(0.5, interval, polarity="no_judgement")
    with pytest.raises(InvalidInputError, match=r"current\.confidence"):
        direction_of_travel(
            interval, proportion_ci(5, 10, confidence=0.998), polarity="no_judgement"
        )
    with pytest.raises(InvalidInputError, match=r"current\.multiplier"):
        direction_of_travel(interval, proportion_ci(5, 10, multiplier=100), polarity="no_judgement")
    with pytest.raises(InvalidInputError, match="tolerance"):
        direction_of_travel(interval, interval, polarity="no_judgement", tolerance=0.1)
    with pytest.raises(InvalidInputError, match="tolerance"):
        direction_of_travel(1, 2, polarity="no_judgement", tolerance=-1)
    with pytest.raises(InvalidInputError, match="polarity"):
        direction_of_travel(1, 2, polarity="sideways")


pairs = st.tuples(
    st.integers(min_value=0, max_value=5000), st.integers(min_value=0, max_value=5000)
)


@given(pairs, st.integers(min_value=5000, max_value=10**6))
def test_swapping_periods_swaps_the_direction(counts: tuple[int, int], n: int) -> None:
    a, b = (proportion_ci(c, n) for c in counts)
    forward = direction_of_travel(a, b, polarity="higher_is_better").direction
    backward = direction_of_travel(b, a, polarity="higher_is_better").direction
    swap = {Direction.IMPROVING: Direction.WORSENING, Direction.WORSENING: Direction.IMPROVING}
    assert backward is swap.get(forward, forward)


@given(pairs, st.integers(min_value=5000, max_value=10**6))
def test_flipping_polarity_swaps_improving_and_worsening(counts: tuple[int, int], n: int) -> None:
    a, b = (rate_ci(c, n, per=100_000) for c in counts)
    up = direction_of_travel(a, b, polarity=Polarity.HIGHER_IS_BETTER).direction
    down = direction_of_travel(a, b, polarity=Polarity.LOWER_IS_BETTER).direction
    swap = {Direction.IMPROVING: Direction.WORSENING, Direction.WORSENING: Direction.IMPROVING}
    assert down is swap.get(up, up)


@given(
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=-1e6, max_value=1e6),
    st.floats(min_value=0, max_value=10),
)
def test_tolerance_is_the_rounding_band(previous: float, current: float, tolerance: float) -> None:
    travel = direction_of_travel(previous, current, polarity="no_judgement", tolerance=tolerance)
    gap = current - previous
    if gap == 0:
        assert travel.direction is Direction.NO_CHANGE
    elif abs(gap) <= tolerance:
        assert travel.direction is Direction.WITHIN_ROUNDING
    else:
        expected = Direction.HIGHER_NOT_TESTED if gap > 0 else Direction.LOWER_NOT_TESTED
        assert travel.direction is expected


def test_published_intervals_work_too() -> None:
    before = Interval(
        value=504.3, lower=480.0, upper=529.0, confidence=0.95, method=IntervalMethod.PUBLISHED
    )
    after = Interval(
        value=524.3, lower=500.0, upper=549.0, confidence=0.95, method=IntervalMethod.PUBLISHED
    )
    assert (
        direction_of_travel(before, after, polarity="lower_is_better").direction
        is Direction.NO_SIGNIFICANT_CHANGE
    )


def test_masked_values_are_missing() -> None:
    previous = np.ma.masked_array([10.0, 10.0], mask=[False, True])
    travel = direction_of_travel(previous, [12.0, 12.0], polarity="higher_is_better")
    assert travel.direction.tolist() == ["higher_not_tested", "not_compared"]


def test_shapes_that_do_not_broadcast_are_refused() -> None:
    with pytest.raises(InvalidInputError) as caught:
        direction_of_travel([1.0, 2.0, 3.0], [1.0, 2.0], polarity="higher_is_better")
    assert caught.value.field == "previous and current"
    with pytest.raises(InvalidInputError, match=r"previous.value"):
        direction_of_travel(
            rate_ci([5, 6, 7], 100, per=100),
            rate_ci([5, 6], 100, per=100),
            polarity="higher_is_better",
        )


@pytest.mark.parametrize("values", [[True, False], np.array(["2020-01-01"], dtype="datetime64[D]")])
def test_values_that_are_not_numbers_are_refused(values: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        direction_of_travel(values, [1.0, 2.0], polarity="higher_is_better")  # type: ignore[call-overload]
    assert caught.value.field == "previous"


@pytest.mark.parametrize("tolerance", [10**400, "0.1", None, float("nan"), -1])
def test_bad_tolerances_are_refused(tolerance: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^tolerance: "):
        direction_of_travel(1.0, 2.0, polarity="higher_is_better", tolerance=tolerance)  # type: ignore[call-overload]


def test_extreme_values_give_a_direction_without_warnings() -> None:
    travel = direction_of_travel(-1e308, 1e308, polarity="no_judgement")
    assert travel.direction is Direction.HIGHER_NOT_TESTED
    loose = direction_of_travel(1.0, 1.5, polarity="no_judgement", tolerance=np.float32(1))  # type: ignore[call-overload]
    assert loose.direction is Direction.WITHIN_ROUNDING


def test_travel_compares_by_value() -> None:
    first = direction_of_travel([1.0, math.nan], [2.0, 3.0], polarity="higher_is_better")
    second = direction_of_travel([1.0, math.nan], [2.0, 3.0], polarity="higher_is_better")
    assert first == second
    assert hash(first) == hash(second)
    assert first != direction_of_travel([1.0, math.nan], [2.0, 3.0], polarity="lower_is_better")
    assert first != direction_of_travel([1.0, 2.0], [2.0, 3.0], polarity="higher_is_better")
