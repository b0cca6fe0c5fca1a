"""Funnel plots: many areas against their pooled average, with 95% and 99.8% control limits.

A funnel plot shows each area's value against its size; the control limits narrow as the
denominator grows, so small areas are not flagged for noise. The labels and rules are those of
PHEindicatormethods' ``assign_funnel_significance``: an area outside the 99.8% limits is
``High (0.001)`` or ``Low (0.001)``, outside only the 95% limits ``High (0.025)`` or
``Low (0.025)``, otherwise ``Not significant``.

- **Proportions**: the limits for a denominator ``n`` are the proportions whose Wilson interval
  just touches the pooled average ``p̄ = Σx / Σn``:
  ``E = n·p̄, A = 2E + z², B = z·√(z² + 4E(1 − E/n)), C = 2(n + z²)``; limits ``(A ∓ B) / C``.
- **Ratios** (observed events against expected): high when the observed count's lower limit
  (exact Poisson below 10, Byar's from 10) divided by the expected exceeds the average (1), low
  when its upper limit divided by the expected is below it.
- **Rates**: each rate's denominator is derived from its count (``per·x / rate``), the average is
  ``Σx / Σ derived denominators``, and the ratio test is applied to the expected events at that
  average.

Examples:
    >>> from safeguarding_model import funnel_proportion_significance
    >>> funnel_proportion_significance([40, 90, 300], [100, 100, 1000]).tolist()
    ['Not significant', 'High (0.001)', 'Low (0.001)']
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Final

import numpy as np
import numpy.typing as npt

from safeguarding_model._bases import RateBase, parse_per
from safeguarding_model._numbers import real_float
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics._arrays import FloatArray, as_floats, broadcast, refuse
from safeguarding_model.statistics.intervals import (
    IntervalMethod,
    count_limits,
    z_score,
)

__all__ = [
    "FunnelSignificance",
    "funnel_proportion_significance",
    "funnel_rate_significance",
    "funnel_ratio_significance",
    "proportion_funnel_limits",
]


class FunnelSignificance(StrEnum):
    """An area's place on a funnel plot, with PHEindicatormethods' labels.

    Examples:
        >>> from safeguarding_model import FunnelSignificance
        >>> FunnelSignificance.HIGH_998.value
        'High (0.001)'
    """

    HIGH_998 = "High (0.001)"
    HIGH_95 = "High (0.025)"
    NOT_SIGNIFICANT = "Not significant"
    LOW_95 = "Low (0.025)"
    LOW_998 = "Low (0.001)"


_WIDTH: Final = max(len(member.value) for member in FunnelSignificance)


def _check_average(average: object, *, proportion: bool) -> float:
    """``average`` as a float: a proportion from 0 to 1, or a positive number."""
    expected = "a proportion from 0 to 1" if proportion else "a number greater than 0, such as 1"
    number = real_float(average, "average", expected)
    inside = 0 <= number <= 1 if proportion else 0 < number < math.inf
    if not inside:
        raise InvalidInputError("average", average, expected)
    return number


def _denominators(denominator: object) -> FloatArray:
    n = as_floats(denominator, "denominator", counts=True)
    with np.errstate(invalid="ignore"):
        not_positive = n <= 0
    if not_positive.any():
        refuse("denominator", n, not_positive, "denominators greater than 0 (or NaN for missing)")
    return n


def proportion_funnel_limits(
    denominator: npt.ArrayLike, average: float, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """The control limits, as proportions, about ``average`` for each denominator.

    Args:
        denominator: Denominators greater than 0 (NaN or ``None`` for missing: NaN limits).
        average: The average proportion, from 0 to 1.
        confidence: The level, strictly between 0 and 1.

    Returns:
        The lower and upper limits, 1-D arrays (or of the denominators' shape).

    Raises:
        InvalidInputError: For denominators of 0 or less or that are not numbers, an average
            outside 0 to 1, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import proportion_funnel_limits
        >>> low, high = proportion_funnel_limits([100, 10_000], 0.5)
        >>> [round(float(x), 4) for x in low], [round(float(x), 4) for x in high]
        ([0.4038, 0.4902], [0.5962, 0.5098])
    """
    n = _denominators(denominator)
    return _proportion_limits(n, _check_average(average, proportion=True), z_score(confidence))


def _proportion_limits(n: FloatArray, average: float, z: float) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        expected = n * average
        a = 2 * expected + z * z
        b = z * np.sqrt(z * z + 4 * expected * (1 - expected / n))
        c = 2 * (n + z * z)
        return np.atleast_1d((a - b) / c), np.atleast_1d((a + b) / c)


def _labels(
    high_998: npt.NDArray[np.bool_],
    high_95: npt.NDArray[np.bool_],
    low_998: npt.NDArray[np.bool_],
    low_95: npt.NDArray[np.bool_],
    missing: npt.NDArray[np.bool_],
) -> npt.NDArray[np.str_]:
    labels = np.full(high_998.shape, FunnelSignificance.NOT_SIGNIFICANT.value, dtype=f"<U{_WIDTH}")
    labels[low_95] = FunnelSignificance.LOW_95.value
    labels[high_95] = FunnelSignificance.HIGH_95.value
    labels[low_998] = FunnelSignificance.LOW_998.value
    labels[high_998] = FunnelSignificance.HIGH_998.value
    labels[missing] = ""
    return labels


def funnel_proportion_significance(
    numerator: npt.ArrayLike, denominator: npt.ArrayLike, *, average: float | None = None
) -> npt.NDArray[np.str_]:
    """Each proportion's label against the pooled average (``Σx / Σn`` unless given).

    Missing inputs give an empty label; when every input is missing (or there are none) and no
    average is given, every label is empty.

    Args:
        numerator: Counts of at least 0 and at most their denominators.
        denominator: Counts greater than 0 (broadcast with the numerators).
        average: The average proportion, from 0 to 1; the pooled one by default.

    Returns:
        A label (a [`FunnelSignificance`][safeguarding_model.FunnelSignificance] value) for each
        area, a 1-D array at least.

    Raises:
        InvalidInputError: For negative numerators, denominators of zero or less, numerators
            above their denominators, counts from 2**53 on, inputs that are not numbers or do not
            broadcast together, or an average outside 0 to 1.

    Examples:
        >>> from safeguarding_model import funnel_proportion_significance
        >>> funnel_proportion_significance([40, 90], [100, 100], average=0.4).tolist()
        ['Not significant', 'High (0.001)']
    """
    given = None if average is None else _check_average(average, proportion=True)
    x, n = broadcast(
        ("numerator", np.atleast_1d(as_floats(numerator, "numerator", counts=True))),
        ("denominator", np.atleast_1d(_denominators(denominator))),
    )
    with np.errstate(invalid="ignore"):
        if (x < 0).any():
            refuse("numerator", x, x < 0, "numerators of at least 0")
        if (x > n).any():
            refuse("numerator", x, x > n, "numerators no greater than their denominators")
    missing = np.isnan(x) | np.isnan(n)
    if given is not None:
        p_bar = given
    elif missing.all():  # nothing to pool: every label is empty
        p_bar = math.nan
    else:
        p_bar = float(x[~missing].sum() / n[~missing].sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        low_95, high_95 = _proportion_limits(n, p_bar, z_score(0.95))
        low_998, high_998 = _proportion_limits(n, p_bar, z_score(0.998))
        return _labels(p > high_998, p > high_95, p < low_998, p < low_95, missing)


def funnel_ratio_significance(
    observed: npt.ArrayLike, expected: npt.ArrayLike, *, average: float = 1.0
) -> npt.NDArray[np.str_]:
    """Each observed-to-expected ratio's label against ``average`` (1 by default).

    Args:
        observed: Counts of events, at least 0 (NaN or ``None`` for missing: an empty label).
        expected: Expected counts, greater than 0 (broadcast with ``observed``).
        average: The ratio to compare with, greater than 0.

    Returns:
        A label (a [`FunnelSignificance`][safeguarding_model.FunnelSignificance] value) for each
        area, a 1-D array at least.

    Raises:
        InvalidInputError: For negative counts, expected counts of zero or less, counts from
            2**53 on, inputs that are not numbers or do not broadcast together, or an average
            that is not a number greater than 0.

    Examples:
        >>> from safeguarding_model import funnel_ratio_significance
        >>> funnel_ratio_significance([86, 366, 47], [125.2, 208.6, 60.0]).tolist()
        ['Low (0.001)', 'High (0.001)', 'Not significant']
    """
    level = _check_average(average, proportion=False)
    x, e = broadcast(
        ("observed", np.atleast_1d(as_floats(observed, "observed", counts=True))),
        ("expected", np.atleast_1d(as_floats(expected, "expected"))),
    )
    with np.errstate(invalid="ignore"):
        if (x < 0).any():
            refuse("observed", x, x < 0, "counts of at least 0")
        if (e <= 0).any():
            refuse("expected", e, e <= 0, "expected counts greater than 0")
    return _ratio_labels(x, e, level)


def _ratio_labels(x: FloatArray, e: FloatArray, average: float) -> npt.NDArray[np.str_]:
    missing = np.isnan(x) | np.isnan(e)
    levels = {}
    for confidence in (0.95, 0.998):
        lower, upper = count_limits(
            np.where(missing, 0.0, x), confidence, IntervalMethod.BYARS_EXACT
        )
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            levels[confidence] = (lower / e > average, upper / e < average)
    return _labels(levels[0.998][0], levels[0.95][0], levels[0.998][1], levels[0.95][1], missing)


def funnel_rate_significance(
    count: npt.ArrayLike,
    rate: npt.ArrayLike,
    *,
    per: float | str | RateBase,
    average: float | None = None,
    denominator: npt.ArrayLike | None = None,
) -> npt.NDArray[np.str_]:
    """Each rate's label against the average rate, by the ratio test on derived denominators.

    The average is ``per · Σx / Σ derived denominators`` unless given. A rate of zero derives no
    denominator: where ``denominator`` gives one it is used (no events among many people is
    significantly low), otherwise the rate is not significant. Derived denominators are used
    everywhere else, so directly standardised rates work too.

    Args:
        count: Counts of events, at least 0 (NaN or ``None`` for missing: an empty label).
        rate: The rates, at least 0, per ``per`` (broadcast with the counts).
        per: The rates' base: 100, 1_000, 10_000, 100_000, 1_000_000, a name such as
            ``'per 100,000'`` or a [`RateBase`][safeguarding_model.RateBase].
        average: The average rate per ``per``, greater than 0; derived from the data by default.
        denominator: Denominators for the rates of 0 (greater than 0, or NaN where unknown).

    Returns:
        A label (a [`FunnelSignificance`][safeguarding_model.FunnelSignificance] value) for each
        area, a 1-D array at least.

    Raises:
        InvalidInputError: For negative counts or rates, counts from 2**53 on, denominators of 0
            or less, inputs that are not numbers or do not broadcast together, a base that is
            not a positive number, or an average that is not a number greater than 0.

    Examples:
        >>> from safeguarding_model import funnel_rate_significance
        >>> funnel_rate_significance([1746, 2242, 1912], [603.7, 845.9, 659.6], per=100_000, average=668.5).tolist()
        ['Low (0.001)', 'High (0.001)', 'Not significant']
    """
    scale = float(parse_per(per, function="funnel_rate_significance"))
    chosen = None if average is None else _check_average(average, proportion=False)
    named = [
        ("count", np.atleast_1d(as_floats(count, "count", counts=True))),
        ("rate", np.atleast_1d(as_floats(rate, "rate"))),
    ]
    if denominator is not None:
        named.append(("denominator", _denominators(denominator)))
    x, r, *rest = broadcast(*named)
    given = rest[0] if rest else np.full(x.shape, np.nan)
    with np.errstate(invalid="ignore"):
        if (x < 0).any():
            refuse("count", x, x < 0, "counts of at least 0")
        if (r < 0).any():
            refuse("rate", r, r < 0, "rates of at least 0")
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        derived = np.where(r > 0, scale * x / r, given)
        usable = np.isfinite(derived) & ~np.isnan(x)
        if chosen is not None:
            mean = chosen
        elif usable.any():
            mean = float(scale * x[usable].sum() / derived[usable].sum())
        else:  # nothing to average: every label is empty or not significant
            mean = math.nan
        expected = derived * mean / scale
    labels = _ratio_labels(x, np.where(usable, expected, np.nan), 1.0)
    labels[(r == 0) & np.isnan(given) & ~np.isnan(x)] = FunnelSignificance.NOT_SIGNIFICANT.value
    return labels
