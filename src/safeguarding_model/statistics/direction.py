"""Direction of travel: has an indicator improved, worsened or held since the period before?

Reports print a direction beside each figure: better, worse, stable, same. This module computes
it two ways:

- **From intervals** (computed from counts with [`proportion_ci`][safeguarding_model.proportion_ci]
  or [`rate_ci`][safeguarding_model.rate_ci], or published): the change is significant when the
  confidence interval of the difference (current − previous) excludes zero. The difference's
  interval is recovered from the two periods' own intervals (Newcombe's hybrid score method for
  proportions, generalised to other estimates as MOVER-D by Zou and Donner):

      lower = d − √((current − current_lower)² + (previous_upper − previous)²)
      upper = d + √((current_upper − current)² + (previous − previous_lower)²)

  It inherits the behaviour of the intervals it starts from (Wilson for proportions, exact
  Poisson for small counts), needs nothing but the two intervals, and vectorises; the Wald
  z-test would misbehave for small counts and proportions near 0 or 1.
- **From values alone**: a plain comparison, which is not a test, so it has its own words and
  polarity does not make it better or worse: ``HIGHER_NOT_TESTED`` ("Higher, not tested"),
  ``LOWER_NOT_TESTED`` ("Lower, not tested"), or ``WITHIN_ROUNDING`` ("Within rounding") for a
  difference no larger than ``tolerance``. With ``tolerance=0`` any difference counts; set it
  to what rounding could make (half the last printed digit of each figure) to ignore that.

Identical values are ``NO_CHANGE`` (the source's "Same") either way.

Examples:
    >>> from safeguarding_model import Polarity, direction_of_travel, rate_ci
    >>> # Child protection plans: 956 children at March 2015, 1,443 at March 2016
    >>> travel = direction_of_travel(rate_ci(956, 244_000, per=10_000), rate_ci(1443, 244_700, per=10_000), polarity=Polarity.NO_JUDGEMENT)
    >>> travel.direction, travel.direction.source_word
    (<Direction.INCREASING: 'increasing'>, 'Increasing')
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Final, Generic, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt
from attrs import frozen

from safeguarding_model._numbers import real_float
from safeguarding_model._vocabulary import Described, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Direction, Polarity, judge
from safeguarding_model.statistics._arrays import (
    BY_VALUE,
    FloatOrArray,
    Scalar,
    as_floats,
    broadcast,
    shape_like,
)
from safeguarding_model.statistics.intervals import Interval

__all__ = ["Direction", "DirectionMethod", "Travel", "direction_of_travel"]


_CODE_WIDTH: Final = max(len(member.value) for member in Direction)


@described(
    intervals="confidence interval of the difference from the two periods' intervals (Newcombe / MOVER-D)",
    tolerance="difference of the values against a tolerance",
)
class DirectionMethod(Described, StrEnum):
    """How a direction of travel was decided.

    Examples:
        >>> from safeguarding_model import direction_of_travel, rate_ci
        >>> earlier, later = rate_ci(1500, 244_000, per=10_000), rate_ci(1691, 244_718, per=10_000)
        >>> travel = direction_of_travel(earlier, later, polarity="lower_is_better")
        >>> print(travel.method.description)
        confidence interval of the difference from the two periods' intervals (Newcombe / MOVER-D)
    """

    INTERVALS = "intervals"
    TOLERANCE = "tolerance"


D = TypeVar("D", "Direction", "npt.NDArray[np.str_]")
"""What a travel's direction is: one value, or an array of their values."""


@frozen
class Travel(Generic[D]):
    """A direction of travel with the difference it rests on and how it was decided.

    Compares by value (arrays by ``numpy.array_equal``, NaN equal to NaN) and hashes by its
    polarity, method, level and tolerance.

    Examples:
        >>> from safeguarding_model import direction_of_travel
        >>> travel = direction_of_travel(74.6, 79.8, polarity="higher_is_better", tolerance=0.1)
        >>> travel.direction, round(travel.difference, 1), travel.method
        (<Direction.HIGHER_NOT_TESTED: 'higher_not_tested'>, 5.2, <DirectionMethod.TOLERANCE: 'tolerance'>)
    """

    direction: D = attrs.field(eq=BY_VALUE, hash=False)
    """One direction, or an array of their values for array inputs."""
    difference: FloatOrArray = attrs.field(eq=BY_VALUE, hash=False)
    """``current - previous``."""
    lower: FloatOrArray = attrs.field(eq=BY_VALUE, hash=False)
    """The difference's lower confidence limit (NaN with the tolerance method)."""
    upper: FloatOrArray = attrs.field(eq=BY_VALUE, hash=False)
    """The difference's upper confidence limit (NaN with the tolerance method)."""
    polarity: Polarity
    """The indicator's polarity."""
    method: DirectionMethod
    """How the direction was decided."""
    confidence: float | None = None
    """The intervals' confidence level (``None`` with the tolerance method)."""
    tolerance: float = 0.0
    """The tolerance (0 with the interval method)."""


def _directions(
    difference: npt.NDArray[np.float64],
    significant: npt.NDArray[np.bool_],
    polarity: Polarity,
    *,
    tested: bool,
) -> npt.NDArray[np.str_]:
    """Each difference's direction: through polarity when ``tested``, by its sign alone if not."""
    if tested:
        up, down = Direction.of_change(judge(1, polarity)), Direction.of_change(judge(-1, polarity))
        held = Direction.NO_SIGNIFICANT_CHANGE
    else:
        up, down = Direction.HIGHER_NOT_TESTED, Direction.LOWER_NOT_TESTED
        held = Direction.WITHIN_ROUNDING
    moved = np.where(difference > 0, up.value, down.value)
    return np.where(
        np.isnan(difference),
        Direction.NOT_COMPARED.value,
        np.where(
            difference == 0,
            Direction.NO_CHANGE.value,
            np.where(significant, moved, held.value),
        ),
    ).astype(f"<U{_CODE_WIDTH}")


@overload
def direction_of_travel(
    previous: Interval[float] | Scalar,
    current: Interval[float] | Scalar,
    *,
    polarity: Polarity | str,
    tolerance: float = ...,
) -> Travel[Direction]: ...
@overload
def direction_of_travel(
    previous: Interval[Any] | npt.ArrayLike,
    current: Interval[Any] | npt.ArrayLike,
    *,
    polarity: Polarity | str,
    tolerance: float = ...,
) -> Travel[npt.NDArray[np.str_]]: ...
def direction_of_travel(
    previous: Interval[Any] | npt.ArrayLike | Scalar,
    current: Interval[Any] | npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str,
    tolerance: float = 0.0,
) -> Travel[Any]:
    """The direction of travel from ``previous`` to ``current``.

    Give two [`Interval`][safeguarding_model.Interval]s (the same confidence level and scale) to
    test the change, or two values (or arrays of values) to compare them against ``tolerance``;
    see the module's description for both methods.

    Args:
        previous: The earlier period's interval or value(s).
        current: The later period's interval or value(s).
        polarity: The indicator's polarity.
        tolerance: With values only, the largest difference still called within rounding (at
            least 0).

    Returns:
        The direction with the difference and its limits. From intervals: improving, worsening,
        increasing, decreasing (by ``polarity``) or no significant change. From values: higher
        or lower, not tested, or within rounding, whatever the polarity (it is kept on the
        result): comparing two values is not a test, so it never says better, worse or stable.
        Identical values are no change, a missing one not compared.

    Raises:
        InvalidInputError: For an interval beside a plain value, intervals at different levels or
            scales, a tolerance with intervals, a tolerance that is not a number of at least 0,
            an unknown polarity, values (or interval fields) that are not numbers or infinite,
            or shapes that do not broadcast together.

    Examples:
        >>> from safeguarding_model import direction_of_travel, proportion_ci
        >>> # Assessments completed to timescale, Q1 and Q4 2015/16 (illustrative counts)
        >>> travel = direction_of_travel(proportion_ci(799, 1000), proportion_ci(610, 1000), polarity="higher_is_better")
        >>> travel.direction.source_word
        'Worse'
        >>> direction_of_travel(100, 100, polarity="higher_is_better").direction.source_word
        'Same'
        >>> # Infant mortality per 1,000 live births, 5.1 then 4.8, each rounded to 0.1
        >>> direction_of_travel(5.1, 4.8, polarity="lower_is_better", tolerance=0.1).direction.source_word
        'Lower, not tested'
    """
    chosen = Polarity.parse(polarity)
    allowance = _check_tolerance(tolerance)
    if isinstance(previous, Interval) and isinstance(current, Interval):
        if tolerance:
            raise InvalidInputError(
                "tolerance", tolerance, "0 when comparing intervals (the intervals decide)"
            )
        return _from_intervals(previous, current, chosen)
    if isinstance(previous, Interval) or isinstance(current, Interval):
        raise InvalidInputError(
            "current" if isinstance(previous, Interval) else "previous",
            "a plain value beside an Interval",
            "two Intervals or two values",
        )
    return _from_values(previous, current, chosen, allowance)


def _check_tolerance(tolerance: object) -> float:
    expected = "a number of at least 0"
    allowance = real_float(tolerance, "tolerance", expected)
    if not allowance >= 0:
        raise InvalidInputError("tolerance", tolerance, expected)
    return allowance


def _from_values(
    previous: object, current: object, polarity: Polarity, tolerance: float
) -> Travel[Any]:
    before, after = broadcast(
        ("previous", as_floats(previous, "previous")), ("current", as_floats(current, "current"))
    )
    scalar = before.ndim == 0 and after.ndim == 0
    with np.errstate(invalid="ignore", over="ignore"):
        difference = np.subtract(after, before)
        significant = np.abs(difference) > tolerance
    nothing = np.full(np.shape(difference), np.nan)
    bounds = (difference, nothing, nothing, significant)
    return _travel(bounds, polarity, scalar=scalar, tolerance=tolerance)


def _from_intervals(
    previous: Interval[Any], current: Interval[Any], polarity: Polarity
) -> Travel[Any]:
    if previous.confidence != current.confidence:
        raise InvalidInputError(
            "current.confidence",
            current.confidence,
            f"the previous interval's level, {previous.confidence}",
        )
    if previous.multiplier != current.multiplier:
        raise InvalidInputError(
            "current.multiplier",
            current.multiplier,
            f"the previous interval's scale, {previous.multiplier}",
        )
    p1, l1, u1, p2, l2, u2 = broadcast(
        *(
            (f"{name}.{part}", as_floats(getattr(interval, part), f"{name}.{part}"))
            for name, interval in (("previous", previous), ("current", current))
            for part in ("value", "lower", "upper")
        )
    )
    scalar = p1.ndim == 0
    with np.errstate(invalid="ignore", over="ignore"):
        difference = p2 - p1
        lower = difference - np.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
        upper = difference + np.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
        significant = (lower > 0) | (upper < 0)
    missing = np.isnan(lower) | np.isnan(upper)
    difference = np.where(missing, np.nan, difference)
    bounds = (difference, lower, upper, significant)
    return _travel(bounds, polarity, scalar=scalar, confidence=previous.confidence)


def _travel(
    bounds: tuple[npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[Any], npt.NDArray[np.bool_]],
    polarity: Polarity,
    *,
    scalar: bool,
    tolerance: float | None = None,
    confidence: float | None = None,
) -> Travel[Any]:
    """The result from the difference, its bounds and whether it is significant.

    A tolerance given means the values were compared against it; otherwise the intervals were.
    """
    difference, lower, upper, significant = bounds
    codes = _directions(difference, significant, polarity, tested=tolerance is None)
    return Travel[Any](
        direction=Direction(str(codes)) if scalar else codes,
        difference=shape_like(difference, scalar),
        lower=shape_like(lower, scalar),
        upper=shape_like(upper, scalar),
        polarity=polarity,
        method=DirectionMethod.INTERVALS if tolerance is None else DirectionMethod.TOLERANCE,
        tolerance=0.0 if tolerance is None else tolerance,
        confidence=confidence,
    )
