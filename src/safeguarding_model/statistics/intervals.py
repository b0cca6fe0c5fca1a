"""Confidence intervals by the public-health methods: Wilson, Byar's with exact Poisson, Student's t.

These are the methods the public-health profiles (Fingertips, which publishes the Child Health
Profiles) and the R package PHEindicatormethods use, so results agree with the tools analysts
already trust. Every function takes Python numbers or numpy arrays (broadcast together) and
returns an [`Interval`][safeguarding_model.Interval] of floats or of arrays to match. Missing
inputs (NaN, ``None``, pandas' ``NA`` or the masked entries of a numpy masked array) give NaN
results, without warnings. Arrays of booleans, dates, durations, complex numbers or text are
refused, and so are counts and denominators from 2**53 on, where a float no longer holds every
whole number.

Examples:
    >>> from safeguarding_model import proportion_ci, rate_ci
    >>> print(proportion_ci(65, 100, multiplier=100))
    65.0 (55.3 to 73.6), 95% Wilson score
    >>> print(rate_ci(1691, 244_700, per=10_000))
    69.1 (65.9 to 72.5), 95% Byar's (exact Poisson below 10)
"""

from __future__ import annotations

import functools
from typing import Any, Generic, Literal, TypeVar, overload

import attrs
import numpy as np
import numpy.typing as npt
from attrs import frozen

from safeguarding_model._bases import OLD_DEFAULT_PER_HUNDRED_THOUSAND, RateBase, parse_per
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics._arrays import (
    BY_VALUE,
    FloatArray,
    Scalar,
    as_floats,
    broadcast,
    check_axis,
    check_confidence,
    check_multiplier,
    is_scalar,
    refuse,
    shape_like,
)
from safeguarding_model.statistics._methods import EXACT_BELOW, IntervalMethod

__all__ = [
    "EXACT_BELOW",
    "Interval",
    "IntervalMethod",
    "count_ci",
    "mean_ci",
    "proportion_ci",
    "rate_ci",
    "z_score",
]

V = TypeVar("V", float, npt.NDArray[np.float64])
"""What an interval's fields are: floats (scalar inputs) or arrays of floats."""


@frozen
class Interval(Generic[V]):
    """A value with its confidence interval: floats for scalar inputs, arrays for arrays.

    Typed ``Interval[float]`` or ``Interval[numpy.ndarray]`` by what the functions were given.
    Intervals compare by value, as every result does: two are equal when their fields are,
    arrays by ``numpy.array_equal`` with NaN equal to NaN. They hash by their level, method and
    multiplier alone (value and limits may be arrays), so equal intervals hash alike.

    Examples:
        >>> from safeguarding_model import Interval, IntervalMethod
        >>> published = Interval(value=69.1, lower=65.9, upper=72.5, confidence=0.95, method=IntervalMethod.PUBLISHED)
        >>> published.contains(60.0), round(published.width, 1)
        (False, 6.6)
        >>> from safeguarding_model import rate_ci
        >>> rate_ci([5, 0], 100, per=100) == rate_ci([5, 0], 100, per=100)
        True
    """

    value: V = attrs.field(eq=BY_VALUE, hash=False)
    """The point estimate (times ``multiplier``)."""
    lower: V = attrs.field(eq=BY_VALUE, hash=False)
    """The lower confidence limit (times ``multiplier``)."""
    upper: V = attrs.field(eq=BY_VALUE, hash=False)
    """The upper confidence limit (times ``multiplier``)."""
    confidence: float
    """The confidence level, such as 0.95 or 0.998."""
    method: IntervalMethod
    """How the limits were computed."""
    multiplier: float = 1.0
    """What the value and limits are scaled by: 100 for a percentage, 100,000 for a rate per 100,000."""

    @property
    def width(self) -> V:
        """``upper - lower``."""
        return self.upper - self.lower

    def contains(self, benchmark: npt.ArrayLike) -> bool | npt.NDArray[np.bool_]:
        """Whether ``benchmark`` lies within the limits (inclusive); ``False`` where missing."""
        target = np.asarray(benchmark, dtype=np.float64)
        inside = (np.asarray(self.lower) <= target) & (target <= np.asarray(self.upper))
        return bool(inside) if np.ndim(inside) == 0 else inside

    def __str__(self) -> str:
        if np.ndim(self.value) != 0:
            return f"{np.size(self.value)} values, {self.confidence:.1%} {self.method.description}".replace(
                ".0%", "%"
            )
        level = f"{self.confidence:.1%}".replace(".0%", "%")
        return f"{self.value:.1f} ({self.lower:.1f} to {self.upper:.1f}), {level} {self.method.description}"


def z_score(confidence: float) -> float:
    """The two-sided standard normal quantile for ``confidence``: 1.959964 at 95%, 3.090232 at 99.8%.

    Raises:
        InvalidInputError: For a confidence that is not a number strictly between 0 and 1.

    Examples:
        >>> from safeguarding_model import z_score
        >>> round(z_score(0.95), 6), round(z_score(0.998), 6)
        (1.959964, 3.090232)
    """
    from scipy.special import ndtri  # noqa: PLC0415 - scipy on first use

    level = check_confidence(confidence)
    return float(ndtri(1 - (1 - level) / 2))


def _shaped(
    parts: tuple[FloatArray, FloatArray, FloatArray],
    scalar: bool,  # noqa: FBT001 - positional inside the module, as shape_like takes it
    level: float,
    method: IntervalMethod,
    multiplier: float = 1.0,
) -> Interval[Any]:
    """The interval of ``(value, lower, upper)``: of floats for scalar inputs, else of arrays."""
    value, lower, upper = (shape_like(part, scalar) for part in parts)
    return Interval[Any](
        value, lower, upper, confidence=level, method=method, multiplier=multiplier
    )


def _counts(count: object, field: str) -> FloatArray:
    array = as_floats(count, field, counts=True)
    with np.errstate(invalid="ignore"):
        negative = array < 0
    if negative.any():
        refuse(field, array, negative, "counts of at least 0 (or NaN for missing)")
    return array


def _denominators(denominator: object, field: str) -> FloatArray:
    array = as_floats(denominator, field, counts=True)
    with np.errstate(invalid="ignore"):
        not_positive = array <= 0
    if not_positive.any():
        refuse(field, array, not_positive, "denominators greater than 0 (or NaN for missing)")
    return array


def _refuse_overflow(field: str, result: FloatArray, inputs: FloatArray, expected: str) -> None:
    """Refuse inputs whose result overflowed to infinity (a denominator of 1e-320, say)."""
    overflowed = np.isinf(result) & ~np.isnan(inputs)
    if overflowed.any():
        refuse(field, inputs, overflowed, expected)


@overload
def proportion_ci(
    numerator: Scalar,
    denominator: Scalar,
    *,
    confidence: float = ...,
    multiplier: float = ...,
    per: float | str | RateBase | None = ...,
) -> Interval[float]: ...
@overload
def proportion_ci(
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    confidence: float = ...,
    multiplier: float = ...,
    per: float | str | RateBase | None = ...,
) -> Interval[FloatArray]: ...
def proportion_ci(
    numerator: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    *,
    confidence: float = 0.95,
    multiplier: float = 1,
    per: float | str | RateBase | None = None,
) -> Interval[Any]:
    """A proportion and its Wilson score interval.

    With ``z`` the two-sided normal quantile for ``confidence``, ``x`` the numerator and ``n``
    the denominator:

    ``(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))``

    The lower limit is exactly 0 when ``x = 0`` and the upper exactly 1 when ``x = n``; both are
    then scaled by ``multiplier`` (100 for a percentage), or by ``per`` for a proportion of a
    population printed as a rate: children looked after at 31 March per 10,000 children are a
    share of all children, each counted once (see
    [choosing an interval](../concepts/choosing-an-interval.md)). Wilson, E. B. (1927),
    *Probable inference, the law of succession, and statistical inference*, JASA 22:209-212; the
    method of PHEindicatormethods' ``phe_proportion``.

    Args:
        numerator: Counts of at least 0 and at most the denominator (fractions allowed).
        denominator: Counts greater than 0.
        confidence: The level, strictly between 0 and 1 (0.95, 0.998).
        multiplier: Scales the value and limits: 1 for a proportion, 100 for a percentage.
        per: Instead of ``multiplier``, a rate base (``10_000``, ``'per 10,000'``, a
            [`RateBase`][safeguarding_model.RateBase]) for a proportion printed as a rate; the
            interval's ``multiplier`` is then the base.

    Returns:
        The interval, of floats for scalar inputs or of arrays for arrays (broadcast together).

    Raises:
        InvalidInputError: For a negative numerator, a denominator of 0 or less, a numerator
            above its denominator, an infinite input or one that is not a number (booleans,
            dates, text), counts from 2**53 on, shapes that do not broadcast together, a
            multiplier other than 1 or 100, a ``per`` that is not a rate base, both a
            ``multiplier`` other than 1 and a ``per``, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import proportion_ci
        >>> interval = proportion_ci(65, 100)
        >>> round(interval.lower, 6), round(interval.upper, 6)
        (0.552544, 0.736358)
        >>> proportion_ci([0, 5, 10], 10).lower
        array([0.        , 0.23659309, 0.7224672 ])
        >>> print(proportion_ci(1691, 244_718, per=10_000))  # children looked after per 10,000
        69.1 (65.9 to 72.5), 95% Wilson score
    """
    from scipy.special import ndtri  # noqa: PLC0415 - scipy on first use

    level = check_confidence(confidence)
    scale = check_multiplier(multiplier)
    if per is not None:
        if scale != 1:
            raise InvalidInputError(
                "per", per, "no per beside a multiplier: give one or the other, not both"
            )
        scale = float(parse_per(per, function="proportion_ci"))
    x, n = broadcast(
        ("numerator", _counts(numerator, "numerator")),
        ("denominator", _denominators(denominator, "denominator")),
    )
    scalar = is_scalar(x, n)
    with np.errstate(invalid="ignore"):
        above = x > n
    if above.any():
        refuse("numerator", x, above, "numerators no greater than their denominators")
    x, n = np.atleast_1d(x), np.atleast_1d(n)
    z = float(ndtri(1 - (1 - level) / 2))
    z2 = z * z
    with np.errstate(invalid="ignore", divide="ignore"):
        # In place, to keep a million rows fast: value, spread, scale, then the two limits.
        value = x / n
        spread = 1 - value
        spread *= x
        spread *= 4
        spread += z2
        np.sqrt(spread, out=spread)
        spread *= z
        scale_down = n + z2
        scale_down *= 2
        centre = 2 * x
        centre += z2
        lower = centre - spread
        lower /= scale_down
        upper = np.add(centre, spread, out=centre)
        upper /= scale_down
    np.copyto(lower, 0.0, where=x == 0)
    np.copyto(upper, 1.0, where=x == n)
    if scale != 1:
        value *= scale
        lower *= scale
        upper *= scale
    return _shaped((value, lower, upper), scalar, level, IntervalMethod.WILSON, scale)


def _byars_limits(x: FloatArray, z: float) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        lower = x * (1 - 1 / (9 * x) - z / (3 * np.sqrt(x))) ** 3
        following = x + 1
        upper = following * (1 - 1 / (9 * following) + z / (3 * np.sqrt(following))) ** 3
    # Below about two events the approximation's lower limit turns negative: no events is the floor.
    return np.where(x == 0, 0.0, np.maximum(lower, 0.0)), upper


def _exact_limits(x: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    from scipy.special import gammaincinv  # noqa: PLC0415 - scipy on first use

    tail = (1 - level) / 2
    with np.errstate(invalid="ignore"):
        # chi2.ppf(p, 2k) / 2 == gammaincinv(k, p): the exact Poisson limits without scipy.stats.
        lower = np.where(x > 0, gammaincinv(np.where(x > 0, x, 1.0), tail), 0.0)
        upper = gammaincinv(x + 1, 1 - tail)
    # For vanishingly small positive counts (below about 1e-300) the inverse underflows to NaN;
    # the limit it tends to is 0.
    lower = np.where(np.isnan(lower) & ~np.isnan(x), 0.0, lower)
    return lower, upper


@functools.cache
def _exact_table(level: float) -> tuple[FloatArray, FloatArray]:
    """Exact limits of the whole counts 0 to 9 at ``level``: most small counts are whole."""
    return _exact_limits(np.arange(EXACT_BELOW, dtype=np.float64), level)


def _small_count_limits(x: FloatArray, level: float) -> tuple[FloatArray, FloatArray]:
    """Exact limits of counts below 10, looked up for whole counts, computed for the rest."""
    whole = x == np.floor(x)
    if whole.all():
        table_lower, table_upper = _exact_table(level)
        index = x.astype(np.intp)
        return table_lower[index], table_upper[index]
    return _exact_limits(x, level)


def count_limits(
    x: FloatArray, level: float, method: IntervalMethod
) -> tuple[FloatArray, FloatArray]:
    """The Poisson limits of counts ``x`` at ``level`` by ``method``, unchecked.

    Package-internal (not in ``__all__``): the core of ``count_ci`` and ``rate_ci`` that the
    funnel and standardised-rate functions share; callers check their inputs first.
    """
    from scipy.special import ndtri  # noqa: PLC0415 - scipy on first use

    z = float(ndtri(1 - (1 - level) / 2))
    if method is IntervalMethod.BYARS:
        return _byars_limits(x, z)
    if method is IntervalMethod.EXACT_POISSON:
        return _exact_limits(x, level)
    lower, upper = _byars_limits(x, z)
    small = x < EXACT_BELOW
    if small.any():
        exact_lower, exact_upper = _small_count_limits(x[small], level)
        lower = np.array(lower, copy=True)
        upper = np.array(upper, copy=True)
        lower[small] = exact_lower
        upper[small] = exact_upper
    return lower, upper


_COUNT_METHODS = {
    "auto": IntervalMethod.BYARS_EXACT,
    "byars": IntervalMethod.BYARS,
    "exact": IntervalMethod.EXACT_POISSON,
}


@overload
def count_ci(
    count: Scalar,
    *,
    confidence: float = ...,
    method: Literal["auto", "byars", "exact"] = ...,
) -> Interval[float]: ...
@overload
def count_ci(
    count: npt.ArrayLike,
    *,
    confidence: float = ...,
    method: Literal["auto", "byars", "exact"] = ...,
) -> Interval[FloatArray]: ...
def count_ci(
    count: npt.ArrayLike | Scalar,
    *,
    confidence: float = 0.95,
    method: Literal["auto", "byars", "exact"] = "auto",
) -> Interval[Any]:
    """A count of events and its Poisson confidence interval.

    ``method="auto"`` (the public-health rule) uses the exact interval for counts below 10 and
    Byar's approximation from 10 on; ``"byars"`` and ``"exact"`` force one of them.

    - Exact: lower ``χ²(α/2; 2x)/2`` (0 when ``x = 0``), upper ``χ²(1 − α/2; 2x + 2)/2``.
    - Byar's: lower ``x(1 − 1/(9x) − z/(3√x))³``, upper
      ``(x + 1)(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³``; a negative lower limit (a count of one
      at 99.8%) is raised to 0.

    Breslow, N. E. and Day, N. E. (1987), *Statistical Methods in Cancer Research, volume II*,
    IARC, p. 69 (Byar's); Ulm, K. (1990), *A simple method to calculate the confidence interval
    of a standardized mortality ratio*, American Journal of Epidemiology 131:373-375 (exact).

    Args:
        count: Counts of at least 0 (fractions allowed).
        confidence: The level, strictly between 0 and 1.
        method: ``"auto"``, ``"byars"`` or ``"exact"``.

    Returns:
        The interval of the count itself (multiplier 1).

    Raises:
        InvalidInputError: For negative or infinite counts, counts that are not numbers
            (booleans, dates, text) or from 2**53 on, an unknown method or a confidence outside
            (0, 1).

    Examples:
        >>> from safeguarding_model import count_ci
        >>> interval = count_ci(65, method="byars")
        >>> round(interval.lower, 4), round(interval.upper, 4)
        (50.1632, 82.8491)
        >>> round(count_ci(0).upper, 4)
        3.6889
    """
    level = check_confidence(confidence)
    chosen = _COUNT_METHODS.get(method) if isinstance(method, str) else None
    if chosen is None:
        raise InvalidInputError("method", method, "'auto', 'byars' or 'exact'")
    counted = _counts(count, "count")
    scalar = is_scalar(counted)
    x = np.atleast_1d(counted)
    lower, upper = count_limits(x, level, chosen)
    return _shaped((x, lower, upper), scalar, level, chosen)


@overload
def rate_ci(
    count: Scalar,
    denominator: Scalar,
    *,
    per: float | str | RateBase = ...,
    confidence: float = ...,
) -> Interval[float]: ...
@overload
def rate_ci(
    count: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    per: float | str | RateBase = ...,
    confidence: float = ...,
) -> Interval[FloatArray]: ...
def rate_ci(
    count: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    *,
    per: float | str | RateBase = OLD_DEFAULT_PER_HUNDRED_THOUSAND,
    confidence: float = 0.95,
) -> Interval[Any]:
    """A crude rate and its interval: exact Poisson for counts below 10, Byar's from 10.

    The value is ``count / denominator × per``; the limits are the count's limits (see
    [`count_ci`][safeguarding_model.count_ci]) divided by the denominator and multiplied by
    ``per``. The switch at 10 is the public-health rule; at a count of exactly 10 the two methods
    differ by 0.17% at 95% and 1.5% at 99.8%, so results agree with published ones only if the
    switch does. A count above its denominator is allowed (events, not people). The method of
    PHEindicatormethods' ``phe_rate``.

    Args:
        count: Counts of at least 0.
        denominator: Populations greater than 0.
        per: The rate's base: 100, 1_000, 10_000, 100_000, 1_000_000, a name such as
            ``'per 10,000'`` or a [`RateBase`][safeguarding_model.RateBase]. Required: a call
            without it still uses per 100,000 but warns (``DeprecationWarning``).
        confidence: The level, strictly between 0 and 1.

    Returns:
        The interval, of floats for scalar inputs or of arrays for arrays (broadcast together);
        its ``multiplier`` is the base.

    Raises:
        InvalidInputError: For negative counts, denominators of 0 or less, infinite inputs or
            ones that are not numbers (booleans, dates, text), counts or denominators from 2**53
            on, shapes that do not broadcast together, a rate beyond float range (a denominator
            of 1e-320, say), a base that is not a rate base (``per=7``) or a confidence
            outside (0, 1).

    Examples:
        >>> from safeguarding_model import rate_ci
        >>> looked_after = rate_ci(1691, 244_700, per=10_000)
        >>> round(looked_after.value, 1), round(looked_after.lower, 1), round(looked_after.upper, 1)
        (69.1, 65.9, 72.5)
        >>> round(rate_ci(3, 1000, per=1000).upper, 3)  # a small count: exact Poisson
        8.767
    """
    level = check_confidence(confidence)
    scale = float(parse_per(per, function="rate_ci"))
    x, n = broadcast(
        ("count", _counts(count, "count")),
        ("denominator", _denominators(denominator, "denominator")),
    )
    scalar = is_scalar(x, n)
    x = np.atleast_1d(x)
    n = np.atleast_1d(n)
    lower, upper = count_limits(x, level, IntervalMethod.BYARS_EXACT)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        factor = scale / n
        value, lower, upper = x * factor, lower * factor, upper * factor
    _refuse_overflow(
        "denominator",
        upper,
        n,
        "denominators large enough, for the base, that the rate's limits stay within float range",
    )
    return _shaped((value, lower, upper), scalar, level, IntervalMethod.BYARS_EXACT, scale)


def mean_ci(values: npt.ArrayLike, *, confidence: float = 0.95, axis: int = -1) -> Interval[Any]:
    """A mean and its Student's t interval: ``mean ∓ t(1 − α/2; k − 1) · s / √k``.

    ``s`` is the sample standard deviation of the ``k`` values. Give a 2-D array and an ``axis``
    to compute one interval per row or column. The entries a numpy masked array masks are left
    out, as ``numpy.ma`` leaves them out (``k`` counts the others); a missing value that is not
    masked (NaN or ``None``) makes that mean missing. The method of PHEindicatormethods'
    ``phe_mean``.

    Args:
        values: At least two values along ``axis``.
        confidence: The level, strictly between 0 and 1.
        axis: The axis the values run along (the last, by default).

    Returns:
        The interval: floats for a 1-D input, arrays for more dimensions.

    Raises:
        InvalidInputError: For fewer than two values, values that are not numbers or infinite,
            an axis that is not one of the array's, values whose mean or spread overflows, or
            a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import mean_ci
        >>> interval = mean_ci([33.09375, 48.38596, 64.83495, 67.98475, 22.93556, 71.23587, 38.78465, 82.37927])
        >>> round(interval.value, 4), round(interval.lower, 4), round(interval.upper, 4)
        (53.7043, 36.1683, 71.2404)
        >>> import numpy as np
        >>> mean_ci(np.ma.masked_array([1, 2, 100], mask=[False, False, True])).value
        1.5
    """
    from scipy.special import stdtrit  # noqa: PLC0415 - scipy on first use

    level = check_confidence(confidence)
    array = as_floats(values, "values")
    if array.ndim == 0:
        raise InvalidInputError("values", values, "at least two values to estimate a spread")
    along = check_axis(axis, array.ndim)
    mask = (
        np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else np.zeros(array.shape, bool)
    )
    left_out = np.broadcast_to(mask, array.shape)
    k = (~left_out).sum(axis=along)
    if array.shape[along] < 2 or (k < 2).any():  # a spread needs two values
        raise InvalidInputError(
            "values",
            values,
            f"at least two values (not masked) along axis {axis} to estimate a spread "
            f"(shape {array.shape})",
        )
    kept = np.where(left_out, 0.0, array)
    with np.errstate(over="ignore", invalid="ignore"):
        mean = kept.sum(axis=along) / k
        deviations = np.where(left_out, 0.0, array - np.expand_dims(mean, along))
        spread = np.sqrt((deviations**2).sum(axis=along) / (k - 1))
        half = stdtrit(k - 1, 1 - (1 - level) / 2) * spread / np.sqrt(k)
        limits = (mean - half, mean + half)
    overflowed = ~np.isfinite(limits[1]) & ~np.isnan(kept).any(axis=along)
    if overflowed.any():
        raise InvalidInputError(
            "values",
            values,
            "values small enough that their mean and spread stay within float range "
            "(below about 1e307)",
        )
    scalar = array.ndim == 1
    return _shaped((mean, *limits), scalar, level, IntervalMethod.STUDENT_T)
