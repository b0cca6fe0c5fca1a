"""Funnel plots: many areas against their pooled average, with 95% and 99.8% control limits.

A funnel plot shows each area's value against its size; the control limits narrow as the
denominator grows, so small areas are not flagged for noise. The labels and rules are those of
PHEindicatormethods' ``assign_funnel_significance``: an area outside the 99.8% limits is
``High (0.001)`` or ``Low (0.001)``, outside only the 95% limits ``High (0.025)`` or
``Low (0.025)``, otherwise ``Not significant``.

- **Proportions**: the limits for a denominator ``n`` are the proportions whose Wilson interval
  just touches the pooled average ``p̄ = Σx / Σn``. Inverting the score test gives
  ``p̄ ± z·√(p̄(1 − p̄)/n)``, clamped to 0 to 1 (not the Wilson interval of ``p̄`` itself, which is
  a different, skewed curve).
- **Ratios** (observed events against expected): high when the observed count's lower limit
  (exact Poisson below 10, Byar's from 10) divided by the expected exceeds the average (1), low
  when its upper limit divided by the expected is below it.
- **Rates**: each rate's denominator is derived from its count (``per·x / rate``), the average is
  ``Σx / Σ derived denominators``, and the ratio test is applied to the expected events at that
  average. A directly standardised rate (``rate_type="dsr"``) on fewer than 10 events is labelled
  ``Not applicable for events less than 10 for dsrs``, as the method does.
- **Control limits for ratios and rates** are drawn by exact Poisson inversion, one point per
  observed count ``O``: the expected count at which ``O`` sits on the lower limit is
  ``E_low = χ²⁻¹(1 − p; 2O + 2) / 2`` and on the upper ``E_up = χ²⁻¹(p; 2O) / 2``
  (``p = 0.025`` at 95%, ``0.001`` at 99.8%). The ratio on a limit is ``O / E``; the rate is
  ``average · O / E``, at the population ``E / (average / per)``.
  PHEindicatormethods finds ``E`` by bisection, so its printed limits differ from these by up to
  about 5e-5 relative at ``O = 1``.

PHEindicatormethods prints ratios on other scales: ``O/E − 1`` for ``ratio_type = "count"`` and
``100·O/E`` for ``ratio_type = "isr"``;
`RatioFunnelLimits.on_scale` gives the same.

Examples:
    >>> from safeguarding_model import funnel_proportion_significance
    >>> funnel_proportion_significance([40, 90, 300], [100, 100, 1000]).tolist()
    ['Not significant', 'High (0.001)', 'Low (0.001)']
"""

from __future__ import annotations

import math
import warnings
from enum import StrEnum
from typing import Final, Literal

import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from safeguarding_model._bases import RateBase, parse_per
from safeguarding_model._numbers import real_float
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics._arrays import (
    BY_VALUE,
    FloatArray,
    as_floats,
    broadcast,
    refuse,
)
from safeguarding_model.statistics.intervals import (
    IntervalMethod,
    count_limits,
    z_score,
)

__all__ = [
    "Dispersion",
    "FunnelSignificance",
    "OverdispersionWarning",
    "RateFunnelLimits",
    "RatioFunnelLimits",
    "funnel_dispersion",
    "funnel_limits_table",
    "funnel_overdispersed_significance",
    "funnel_proportion_significance",
    "funnel_rate_significance",
    "funnel_ratio_significance",
    "overdispersed_funnel_limits",
    "proportion_funnel_limits",
    "rate_funnel_limits",
    "ratio_funnel_limits",
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
    NOT_APPLICABLE_DSR = "Not applicable for events less than 10 for dsrs"


_WIDTH: Final = max(len(member.value) for member in FunnelSignificance)
_DSR_FEWEST: Final = 10
_UNIQUE_FROM: Final = 1_000
"""From this many counts the limits are inverted once per distinct count."""
"""The fewest events for which a directly standardised rate is labelled."""


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

    The limits are the proportions whose Wilson interval at the denominator ``n`` just touches
    the average: ``average ± z·√(average·(1 − average)/n)``, clamped to 0 to 1.

    The limits are the band within which an area with that denominator would fall with
    probability ``confidence`` if its true proportion were ``average``.

    Args:
        denominator: The areas' denominators (the people the proportion is taken over), greater
            than 0 (NaN or ``None`` for missing: NaN limits).
        average: The average proportion as a fraction from 0 to 1 (0.65 for 65%, not 65).
        confidence: The level, strictly between 0 and 1 (0.95 and 0.998 on a funnel plot).

    Returns:
        The lower and upper limits as proportions from 0 to 1, 1-D arrays (or of the
        denominators' shape).

    Raises:
        InvalidInputError: For denominators of 0 or less or that are not numbers, an average
            outside 0 to 1, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import proportion_funnel_limits
        >>> low, high = proportion_funnel_limits([100, 10_000], 0.5)
        >>> [round(float(x), 4) for x in low], [round(float(x), 4) for x in high]
        ([0.402, 0.4902], [0.598, 0.5098])
        >>> [round(float(x[0]), 4) for x in proportion_funnel_limits([100], 0.3)]
        [0.2102, 0.3898]
    """
    n = _denominators(denominator)
    return _proportion_limits(n, _check_average(average, proportion=True), z_score(confidence))


def _proportion_limits(n: FloatArray, average: float, z: float) -> tuple[FloatArray, FloatArray]:
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        half = z * np.sqrt(average * (1 - average) / n)
        lower = np.clip(average - half, 0.0, 1.0)
        upper = np.clip(average + half, 0.0, 1.0)
    return np.atleast_1d(lower), np.atleast_1d(upper)


RatioType = Literal["ratio", "count", "isr"]
"""The scales a ratio is printed on: ``O/E``, ``O/E − 1`` (PHEindicatormethods' ``"count"``) or
``100·O/E`` (its ``"isr"``)."""


@frozen
class RatioFunnelLimits:
    """Control limits for ratios of observed to expected events, one point per observed count.

    Attributes:
        observed: The observed counts ``O``.
        confidence: The level, such as 0.95 or 0.998.
        lower: The ratio ``O / E`` on the lower limit.
        upper: The ratio ``O / E`` on the upper limit (NaN at ``O = 0``: no upper limit).
        lower_expected: The expected count ``E`` at which ``O`` sits on the lower limit.
        upper_expected: The expected count ``E`` at which ``O`` sits on the upper limit.

    Examples:
        >>> from safeguarding_model import ratio_funnel_limits
        >>> limits = ratio_funnel_limits([1, 100])
        >>> [round(float(x), 4) for x in limits.lower_expected]
        [5.5716, 121.6268]
    """

    observed: FloatArray
    confidence: float
    lower: FloatArray
    upper: FloatArray
    lower_expected: FloatArray
    upper_expected: FloatArray

    def on_scale(self, ratio_type: RatioType = "ratio") -> tuple[FloatArray, FloatArray]:
        """The lower and upper limits on PHEindicatormethods' printed scale.

        Args:
            ratio_type: ``"ratio"`` for ``O/E``, ``"count"`` for ``O/E − 1`` or ``"isr"`` for
                ``100·O/E``.

        Returns:
            The lower and upper limits on that scale.

        Raises:
            InvalidInputError: For another ``ratio_type``.

        Examples:
            >>> from safeguarding_model import ratio_funnel_limits
            >>> low, high = ratio_funnel_limits([100]).on_scale("isr")
            >>> round(float(low[0]), 2), round(float(high[0]), 2)
            (82.22, 122.9)
        """
        if ratio_type == "ratio":
            return self.lower, self.upper
        if ratio_type == "count":
            return self.lower - 1, self.upper - 1
        if ratio_type == "isr":
            return 100 * self.lower, 100 * self.upper
        raise InvalidInputError("ratio_type", ratio_type, "'ratio', 'count' or 'isr'")


@frozen
class RateFunnelLimits:
    """Control limits for rates about an average rate, one point per observed count.

    Attributes:
        observed: The observed counts ``O``.
        confidence: The level, such as 0.95 or 0.998.
        average: The average rate, per ``per``.
        per: The rates' base, such as 100,000.
        years_of_data: The years the counts cover.
        lower: The rate on the lower limit, per ``per``.
        upper: The rate on the upper limit, per ``per`` (NaN at ``O = 0``).
        lower_population: The population per year at which ``O`` sits on the lower limit.
        upper_population: The population per year at which ``O`` sits on the upper limit.

    Examples:
        >>> from safeguarding_model import rate_funnel_limits
        >>> limits = rate_funnel_limits([1], 116.1720835, per=100_000, years_of_data=3)
        >>> round(float(limits.lower[0]), 4), round(float(limits.lower_population[0]), 1)
        (20.8506, 1598.7)
    """

    observed: FloatArray
    confidence: float
    average: float
    per: float
    years_of_data: float
    lower: FloatArray
    upper: FloatArray
    lower_population: FloatArray
    upper_population: FloatArray


def _observed(observed: object) -> FloatArray:
    o = np.atleast_1d(as_floats(observed, "observed", counts=True))
    with np.errstate(invalid="ignore"):
        if (o < 0).any():
            refuse("observed", o, o < 0, "counts of at least 0 (or NaN for missing)")
    return o


def _expected_on_limits(o: FloatArray, confidence: float) -> tuple[FloatArray, FloatArray]:
    """``E_low`` and ``E_up``: where ``o`` sits on the lower and upper limits, by exact Poisson."""
    from scipy.special import gammaincinv  # noqa: PLC0415 - scipy on first use

    z_score(confidence)  # checks the level
    if o.size > _UNIQUE_FROM:
        # Counts repeat (England's areas share a few thousand distinct counts): invert each once.
        distinct, where = np.unique(o, return_inverse=True)
        lower, upper = _expected_on_limits(distinct, confidence)
        return lower[where].reshape(o.shape), upper[where].reshape(o.shape)
    tail = (1 - confidence) / 2
    with np.errstate(invalid="ignore"):
        # chi2.ppf(q, 2k) / 2 == gammaincinv(k, q)
        lower_expected = gammaincinv(o + 1, 1 - tail)
        upper_expected = np.where(o > 0, gammaincinv(np.where(o > 0, o, 1.0), tail), 0.0)
    return lower_expected, np.where(np.isnan(o), np.nan, upper_expected)


def ratio_funnel_limits(observed: npt.ArrayLike, *, confidence: float = 0.95) -> RatioFunnelLimits:
    """The control limits for ratios of observed to expected events about 1, by exact Poisson.

    For each observed count ``O`` the expected count on the lower limit is
    ``E_low = χ²⁻¹(1 − p; 2O + 2) / 2`` and on the upper ``E_up = χ²⁻¹(p; 2O) / 2``, with
    ``p = (1 − confidence) / 2``; the limits are the ratios ``O / E``. Plot the lower limit at
    ``lower_expected`` and the upper at ``upper_expected`` on an axis of expected events.

    The average is 1 (observed equal to expected); the limits are the ratios ``O / E`` between
    which an area's ratio would fall with probability ``confidence`` if its true ratio were 1.

    Args:
        observed: Observed counts of events, at least 0 (NaN or ``None`` for missing: NaN
            limits).
        confidence: The level, strictly between 0 and 1 (0.95 and 0.998 on a funnel plot).

    Returns:
        The limits as ratios ``O / E`` (1 = as expected) and their places on the x axis, in
        expected events, 1-D arrays at least.

    Raises:
        InvalidInputError: For negative counts, counts from 2**53 on, values that are not
            numbers, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import ratio_funnel_limits
        >>> limits = ratio_funnel_limits([1, 100], confidence=0.95)
        >>> [round(float(x), 4) for x in limits.lower], [round(float(x), 4) for x in limits.upper]
        ([0.1795, 0.8222], [39.4979, 1.229])
    """
    o = _observed(observed)
    lower_expected, upper_expected = _expected_on_limits(o, confidence)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        lower = o / lower_expected
        upper = np.where(o > 0, o / np.where(o > 0, upper_expected, 1.0), np.nan)
    return RatioFunnelLimits(o, confidence, lower, upper, lower_expected, upper_expected)


def rate_funnel_limits(
    observed: npt.ArrayLike,
    average: float,
    *,
    per: float | str | RateBase,
    confidence: float = 0.95,
    years_of_data: float = 1,
) -> RateFunnelLimits:
    """The control limits for rates about ``average``, by exact Poisson, one point per count.

    With the expected counts ``E`` of
    [`ratio_funnel_limits`][safeguarding_model.ratio_funnel_limits], the population on a limit is
    ``E / (average / per)``, the rate there ``per · O / population`` and the population per year
    ``population / years_of_data``.

    The limits are the rates between which an area's rate would fall with probability
    ``confidence`` if its true rate were ``average``.

    Args:
        observed: Counts of events, at least 0 (NaN or ``None`` for missing: NaN limits).
        average: The average rate in the rates' own units, per ``per`` people (or
            person-years): 69.1 for 69.1 per 10,000 with ``per=10_000``; greater than 0.
        per: The rates' base: 100, 1_000, 10_000, 100_000, 1_000_000, a name such as
            ``'per 100,000'`` or a [`RateBase`][safeguarding_model.RateBase].
        confidence: The level, strictly between 0 and 1 (0.95 and 0.998 on a funnel plot).
        years_of_data: The years the counts cover, greater than 0.

    Returns:
        The limits as rates per ``per`` and the populations per year (people) where they sit,
        1-D arrays at least.

    Raises:
        InvalidInputError: For negative counts, counts from 2**53 on, values that are not
            numbers, an average or a number of years that is not greater than 0, a base that
            is not a positive number, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import rate_funnel_limits
        >>> limits = rate_funnel_limits([4], 116.17, per=100_000, years_of_data=3)
        >>> round(float(limits.lower[0]), 2), round(float(limits.upper[0]), 2)
        (45.37, 426.36)
    """
    scale = float(parse_per(per, function="rate_funnel_limits"))
    mean = _check_average(average, proportion=False)
    years = real_float(years_of_data, "years_of_data", "a number of years greater than 0")
    if not 0 < years < math.inf:
        raise InvalidInputError("years_of_data", years_of_data, "a number of years greater than 0")
    o = _observed(observed)
    lower_expected, upper_expected = _expected_on_limits(o, confidence)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore", under="ignore"):
        lower_population = lower_expected / (mean / scale)
        upper_population = upper_expected / (mean / scale)
        lower = scale * o / lower_population
        upper = np.where(o > 0, scale * o / np.where(o > 0, upper_population, 1.0), np.nan)
        per_year = (lower_population / years, upper_population / years)  # a tiny span: inf
    return RateFunnelLimits(o, confidence, mean, scale, years, lower, upper, *per_year)


FunnelStatistic = Literal["proportion", "ratio", "rate"]
"""The statistics a funnel plot draws."""

_GRID_POINTS: Final = 100


def _grid(sizes: FloatArray, axis_max: float | None, *, ratio: bool) -> FloatArray:
    """The method's 100 plotting points from the axis minimum to ``axis_max``."""
    known = sizes[~np.isnan(sizes)]
    if known.size == 0:
        raise InvalidInputError("sizes", sizes.tolist(), "at least one size that is not missing")
    smallest, largest = float(known.min()), float(known.max())
    top = largest if axis_max is None else real_float(axis_max, "axis_max", "a number")
    if not 1 <= top < math.inf:
        raise InvalidInputError("axis_max", axis_max, "a number of at least 1")
    axis_min = 0.0 if largest > 2 * smallest else math.floor(smallest)
    points = [max(1.0, axis_min)]
    for j in range(2, _GRID_POINTS + 1):
        k = j - 1 if ratio else j
        previous = points[-1]
        step = (top / previous) ** (1 / (_GRID_POINTS + 1 - k)) * previous
        points.append(max(float(round(step)), previous + 1))
    return np.array(points)


def funnel_limits_table(  # noqa: PLR0913 - the statistic and sizes, then keyword-only options
    statistic: FunnelStatistic,
    sizes: npt.ArrayLike,
    *,
    average: float | None = None,
    axis_max: float | None = None,
    per: float | str | RateBase | None = None,
    multiplier: float = 100,
    years_of_data: float = 1,
    ratio_type: RatioType = "count",
) -> dict[str, FloatArray]:
    """The 100-point plotting table of PHEindicatormethods' ``calculate_funnel_limits``.

    The x positions follow the method's grid rule: the axis minimum is 0 when the largest size is
    more than twice the smallest, otherwise the smallest rounded down; the first point is
    ``max(1, axis minimum)``; each next point is
    ``max(round((axis_max / previous)^(1 / (101 − k)) · previous), previous + 1)``, with
    ``k = j`` for proportions and rates and ``k = j − 1`` for ratios, so the last point of a
    proportion or rate table is ``axis_max``.

    Columns, with the method's names: the x column (``Population`` for proportions,
    ``Observed_events`` for ratios, ``Events`` for rates); ``lower_2s_limit``,
    ``upper_2s_limit`` (95%), ``lower_3s_limit``, ``upper_3s_limit`` (99.8%); ``baseline``; for
    ratios ``lower_2s_expected_events`` to ``upper_3s_expected_events``; for rates
    ``lower_2s_population_1_year`` to ``upper_3s_population_1_year``.

    Args:
        statistic: ``"proportion"``, ``"ratio"`` or ``"rate"``.
        sizes: The areas' denominators (proportions) or observed counts (ratios, rates), from
            which the axis minimum (and, by default, the axis maximum) is found; NaN is ignored.
        average: The average proportion as a fraction from 0 to 1 (not a percentage, whatever
            ``multiplier``), or the average rate per ``per`` (69.1 for 69.1 per 10,000);
            required for those two, ignored for ratios (whose average is 1).
        axis_max: The last point of the axis; the largest size by default. (The method rounds
            its axis maximum up from the data; pass its value to reproduce its table.)
        per: The rates' base, required for rates.
        multiplier: The scale of proportions in the table (100: percentages, as the method).
        years_of_data: The years the rates' counts cover.
        ratio_type: The ratios' printed scale: ``"count"`` (``O/E − 1``, the method's default),
            ``"isr"`` (``100·O/E``) or ``"ratio"`` (``O/E``).

    Returns:
        The table as columns (1-D arrays of 100 values), in the method's order.

    Raises:
        InvalidInputError: For an unknown statistic, a missing average or base, no sizes that
            are not missing, or any value the limit functions refuse.

    Examples:
        >>> from safeguarding_model import funnel_limits_table
        >>> table = funnel_limits_table("proportion", [1, 110_000], average=0.80642448)
        >>> table["Population"][:3].tolist(), table["Population"][-1]
        ([1.0, 2.0, 3.0], np.float64(110000.0))
        >>> round(float(table["lower_2s_limit"][0]), 4)
        3.2043
    """
    if statistic not in {"proportion", "ratio", "rate"}:
        raise InvalidInputError("statistic", statistic, "'proportion', 'ratio' or 'rate'")
    given = np.atleast_1d(as_floats(sizes, "sizes")).ravel()
    x = _grid(given, axis_max, ratio=statistic == "ratio")
    if statistic == "ratio":
        return _ratio_table(x, ratio_type)
    if average is None:
        raise InvalidInputError("average", average, f"the average {statistic}")
    if statistic == "proportion":
        scale = real_float(multiplier, "multiplier", "a number greater than 0, such as 100")
        if not 0 < scale < math.inf:
            raise InvalidInputError(
                "multiplier", multiplier, "a number greater than 0, such as 100"
            )
        return _proportion_table(x, _check_average(average, proportion=True), scale)
    if per is None:
        raise InvalidInputError("per", per, "the rates' base, such as 100_000")
    return _rate_table(x, average, per, years_of_data)


def _proportion_table(x: FloatArray, mean: float, multiplier: float) -> dict[str, FloatArray]:
    table = {"Population": x}
    for level, confidence in _LEVELS:
        low, high = proportion_funnel_limits(x, mean, confidence=confidence)
        table[f"lower_{level}_limit"] = low * multiplier
        table[f"upper_{level}_limit"] = high * multiplier
    table["baseline"] = np.full(x.shape, mean * multiplier)
    return table


def _ratio_table(x: FloatArray, ratio_type: RatioType) -> dict[str, FloatArray]:
    table = {"Observed_events": x}
    ratios = {level: ratio_funnel_limits(x, confidence=c) for level, c in _LEVELS}
    for level, limits in ratios.items():
        table[f"lower_{level}_limit"], table[f"upper_{level}_limit"] = limits.on_scale(ratio_type)
    table["baseline"] = np.full(x.shape, _RATIO_BASELINE[ratio_type])
    for level, limits in ratios.items():
        table[f"lower_{level}_expected_events"] = limits.lower_expected
        table[f"upper_{level}_expected_events"] = limits.upper_expected
    return table


def _rate_table(
    x: FloatArray, average: float, per: float | str | RateBase, years_of_data: float
) -> dict[str, FloatArray]:
    table = {"Events": x}
    rates = {
        level: rate_funnel_limits(x, average, per=per, confidence=c, years_of_data=years_of_data)
        for level, c in _LEVELS
    }
    for level, limits in rates.items():
        table[f"lower_{level}_limit"] = limits.lower
        table[f"upper_{level}_limit"] = limits.upper
    table["baseline"] = np.full(x.shape, rates["2s"].average)
    for level, limits in rates.items():
        table[f"lower_{level}_population_1_year"] = limits.lower_population
        table[f"upper_{level}_population_1_year"] = limits.upper_population
    return table


_LEVELS: Final = (("2s", 0.95), ("3s", 0.998))
_RATIO_BASELINE: Final = {"ratio": 1.0, "count": 0.0, "isr": 100.0}


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


def _checked_counts(
    numerator: npt.ArrayLike, denominator: npt.ArrayLike, at_least_0: str, *, parts: bool
) -> tuple[FloatArray, FloatArray]:
    """Numerators of at least 0 and denominators greater than 0, broadcast together.

    With ``parts``, numerators no greater than their denominators.
    """
    x, n = broadcast(
        ("numerator", np.atleast_1d(as_floats(numerator, "numerator", counts=True))),
        ("denominator", np.atleast_1d(_denominators(denominator))),
    )
    with np.errstate(invalid="ignore"):
        if (x < 0).any():
            refuse("numerator", x, x < 0, at_least_0)
        if parts and (x > n).any():
            refuse("numerator", x, x > n, "numerators no greater than their denominators")
    return x, n


_FEWEST_TO_WARN: Final = 10
"""The fewest labelled areas for which ``_warn_when_many_outside`` judges the share outside."""

_WARN_TAIL: Final = 0.001
"""How unlikely, by chance alone, the number of areas outside the 95% limits must be to warn."""


def _warn_when_many_outside(labels: npt.NDArray[np.str_], *, warn: bool) -> None:
    """Warn when more areas are outside the 95% limits than chance plausibly puts there.

    With ``k`` areas that differ by chance alone, the number outside the 95% limits is binomial
    (``k``, 0.05); more than that with a tail probability below 0.001 means the areas vary more
    than the limits allow (overdispersion).
    """
    if not warn:
        return
    labelled = (labels != "") & (labels != FunnelSignificance.NOT_APPLICABLE_DSR.value)
    k = int(labelled.sum())
    if k < _FEWEST_TO_WARN:
        return
    outside = int((labelled & (labels != FunnelSignificance.NOT_SIGNIFICANT.value)).sum())
    from scipy.stats import binom  # noqa: PLC0415 - scipy on first use

    if float(binom.sf(outside - 1, k, 0.05)) >= _WARN_TAIL:
        return
    warnings.warn(
        f"{outside} of {k} areas are outside the 95% funnel limits, where chance alone would "
        f"put about {0.05 * k:.0f}: the areas vary more than the limits allow "
        "(overdispersion), so the labels overstate how many differ; measure it with "
        "funnel_dispersion and compare with funnel_overdispersed_significance",
        OverdispersionWarning,
        stacklevel=3,
    )


def funnel_proportion_significance(
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    average: float | None = None,
    warn: bool = True,
) -> npt.NDArray[np.str_]:
    """Each proportion's label against the pooled average (``Σx / Σn`` unless given).

    Missing inputs give an empty label; when every input is missing (or there are none) and no
    average is given, every label is empty.

    Args:
        numerator: Counts of at least 0 and at most their denominators.
        denominator: Counts greater than 0 (broadcast with the numerators).
        average: The average proportion as a fraction from 0 to 1 (0.65 for 65%); the pooled
            one (``Σx / Σn``) by default. The limits about it are those of
            [`proportion_funnel_limits`][safeguarding_model.proportion_funnel_limits].
        warn: Warn ([`OverdispersionWarning`][safeguarding_model.statistics.funnels.OverdispersionWarning])
            when far more areas are outside the 95% limits than chance would put there: the
            areas then vary more than the limits allow, and the labels overstate how many
            differ; ``False`` to leave the warning out.

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
    x, n = _checked_counts(numerator, denominator, "numerators of at least 0", parts=True)
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
        labels = _labels(p > high_998, p > high_95, p < low_998, p < low_95, missing)
    _warn_when_many_outside(labels, warn=warn)
    return labels


def funnel_ratio_significance(
    observed: npt.ArrayLike, expected: npt.ArrayLike, *, average: float = 1.0, warn: bool = True
) -> npt.NDArray[np.str_]:
    """Each observed-to-expected ratio's label against ``average`` (1 by default).

    Args:
        observed: Counts of events, at least 0 (NaN or ``None`` for missing: an empty label).
        expected: Expected counts, greater than 0 (broadcast with ``observed``).
        average: The ratio of observed to expected events to compare with (1: as expected,
            not 100 or 0 as PHEindicatormethods prints it), greater than 0. An area is high
            when the lower limit of its count's interval (95% or 99.8%, exact Poisson below
            10 events, Byar's from 10) divided by its expected count is above it.
        warn: Warn ([`OverdispersionWarning`][safeguarding_model.statistics.funnels.OverdispersionWarning])
            when far more areas are outside the 95% limits than chance would put there: the
            areas then vary more than the limits allow, and the labels overstate how many
            differ; ``False`` to leave the warning out.

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
    labels = _ratio_labels(x, e, level)
    _warn_when_many_outside(labels, warn=warn)
    return labels


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


def funnel_rate_significance(  # noqa: PLR0913 - two columns, then keyword-only options
    count: npt.ArrayLike,
    rate: npt.ArrayLike,
    *,
    per: float | str | RateBase,
    average: float | None = None,
    denominator: npt.ArrayLike | None = None,
    rate_type: Literal["crude", "dsr"] = "crude",
    warn: bool = True,
) -> npt.NDArray[np.str_]:
    """Each rate's label against the average rate, by the ratio test on derived denominators.

    The average is ``per · Σx / Σ derived denominators`` unless given. A rate of zero derives no
    denominator: where ``denominator`` gives one it is used (no events among many people is
    significantly low), otherwise the rate is not significant. Derived denominators are used
    everywhere else, so directly standardised rates work too. With ``rate_type="dsr"`` every
    rate on fewer than 10 events is labelled ``Not applicable for events less than 10 for dsrs``
    (the method does not publish such DSRs); they still count towards the derived average.

    Args:
        count: Counts of events, at least 0 (NaN or ``None`` for missing: an empty label).
        rate: The rates, at least 0, per ``per`` (broadcast with the counts).
        per: The rates' base: 100, 1_000, 10_000, 100_000, 1_000_000, a name such as
            ``'per 100,000'`` or a [`RateBase`][safeguarding_model.RateBase].
        average: The average rate in the rates' own units, per ``per`` (69.1 for 69.1 per
            10,000 with ``per=10_000``), greater than 0; derived from the data by default. An
            area is compared by the ratio test against the events expected at this rate.
        denominator: Denominators for the rates of 0 (greater than 0, or NaN where unknown).
        rate_type: ``"crude"`` or ``"dsr"`` (directly standardised rates).
        warn: Warn ([`OverdispersionWarning`][safeguarding_model.statistics.funnels.OverdispersionWarning])
            when far more areas are outside the 95% limits than chance would put there: the
            areas then vary more than the limits allow, and the labels overstate how many
            differ; ``False`` to leave the warning out.

    Returns:
        A label (a [`FunnelSignificance`][safeguarding_model.FunnelSignificance] value) for each
        area, a 1-D array at least.

    Raises:
        InvalidInputError: For negative counts or rates, counts from 2**53 on, denominators of 0
            or less, inputs that are not numbers or do not broadcast together, a base that is
            not a positive number, an average that is not a number greater than 0, or a
            ``rate_type`` other than ``"crude"`` or ``"dsr"``.

    Examples:
        >>> from safeguarding_model import funnel_rate_significance
        >>> funnel_rate_significance([1746, 2242, 1912], [603.7, 845.9, 659.6], per=100_000, average=668.5).tolist()
        ['Low (0.001)', 'High (0.001)', 'Not significant']
        >>> funnel_rate_significance([0, 1746], [0.0, 603.7], per=100_000, average=668.5, rate_type="dsr").tolist()
        ['Not applicable for events less than 10 for dsrs', 'Low (0.001)']
    """
    if rate_type not in {"crude", "dsr"}:
        raise InvalidInputError("rate_type", rate_type, "'crude' or 'dsr'")
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
    if rate_type == "dsr":
        with np.errstate(invalid="ignore"):
            labels[x < _DSR_FEWEST] = FunnelSignificance.NOT_APPLICABLE_DSR.value
    _warn_when_many_outside(labels, warn=warn)
    return labels


DispersionStatistic = Literal["proportion", "rate", "ratio"]
"""The statistics whose overdispersion is measured: proportions, rates and observed-to-expected
ratios."""

_WINSORISE: Final = 0.1
"""The share of z-scores pulled in at each end before the dispersion ratio is taken."""


class OverdispersionWarning(UserWarning):
    """Areas vary more than chance allows: compare them with limits adjusted for overdispersion.

    Warned by [`funnel_dispersion`][safeguarding_model.statistics.funnels.funnel_dispersion]
    when the dispersion ratio ``φ`` is above ``1 + 2·√(2/k)`` for ``k`` areas (see
    [`Dispersion.overdispersed`][safeguarding_model.statistics.funnels.Dispersion.overdispersed]),
    and by the usual funnel labels ([`funnel_proportion_significance`][safeguarding_model.funnel_proportion_significance],
    [`funnel_ratio_significance`][safeguarding_model.funnel_ratio_significance],
    [`funnel_rate_significance`][safeguarding_model.funnel_rate_significance]) when, of at
    least 10 areas, so many are outside the 95% limits that chance alone would put that many
    there with probability below 0.001 (the binomial tail at 5% an area).
    Silence it with ``warn=False`` or the ``warnings`` module once you have read it.

    Examples:
        >>> from safeguarding_model import OverdispersionWarning
        >>> issubclass(OverdispersionWarning, UserWarning)
        True
    """


@frozen
class Dispersion:
    """How far a set of areas spreads about a target, by Spiegelhalter's (2005) method.

    Each area's z-score against the target is ``(y − target) / s``, with ``s`` the area's
    standard error if its true value were the target. The z-scores are winsorised (those below
    the 10th percentile set to it, those above the 90th set to it, so a few outlying areas do not
    inflate the estimate), the dispersion ratio is ``φ = Σ z_w² / k`` for ``k`` areas, and the
    between-area variance of the additive random-effects model is
    ``τ² = (k·φ − (k − 1)) / (Σw − Σw²/Σw)`` with ``w = 1/s²``, or 0 when ``k·φ ≤ k − 1``.

    Attributes:
        statistic: ``"proportion"``, ``"rate"`` or ``"ratio"``.
        target: The value the areas are compared with, on the values' scale: a proportion from 0
            to 1, a rate per ``per``, or a ratio of observed to expected events.
        per: The rates' base (1 for proportions and ratios).
        z_scores: Each area's z-score against the target (NaN where an input is missing).
        winsorised: The z-scores after winsorising (NaN where an input is missing).
        phi: The dispersion ratio ``φ``: about 1 when the areas differ by chance alone.
        tau2: The between-area variance ``τ²``, on the values' scale squared (for rates per
            10,000, in (per 10,000)²); 0 when there is no overdispersion.
        areas: ``k``, the areas with no missing input.

    Examples:
        >>> from safeguarding_model import funnel_dispersion
        >>> spread = funnel_dispersion([50, 50, 50], [1000, 1000, 1000], statistic="rate", per=1000)
        >>> spread.phi, spread.tau2, spread.overdispersed
        (0.0, 0.0, False)
    """

    statistic: DispersionStatistic
    target: float
    per: float
    z_scores: FloatArray = field(eq=BY_VALUE, hash=False)
    winsorised: FloatArray = field(eq=BY_VALUE, hash=False)
    phi: float
    tau2: float
    areas: int

    @property
    def threshold(self) -> float:
        """``1 + 2·√(2/k)``: above it the areas are overdispersed.

        With no overdispersion ``k·φ`` is roughly chi-squared on ``k`` degrees of freedom, so
        ``φ`` has mean 1 and standard deviation ``√(2/k)``; the threshold is two standard
        deviations above 1. Winsorising at 10% lowers ``φ`` to about 0.68 for areas that differ
        by chance alone (the winsorised z-scores' mean square for normal scores), so a false
        alarm is rarer still.

        Examples:
            >>> from safeguarding_model import funnel_dispersion
            >>> round(funnel_dispersion([5] * 8, [100] * 8).threshold, 3)
            2.0
        """
        return 1 + 2 * math.sqrt(2 / self.areas)

    @property
    def overdispersed(self) -> bool:
        """Whether ``φ`` is above [`threshold`][safeguarding_model.statistics.funnels.Dispersion.threshold].

        Examples:
            >>> from safeguarding_model import funnel_dispersion
            >>> funnel_dispersion([5] * 8, [100] * 8).overdispersed
            False
        """
        return self.phi > self.threshold

    def standard_error(self, denominator: npt.ArrayLike) -> FloatArray:
        """Each denominator's standard error ``s`` if its true value were the target.

        ``√(target·(1 − target)/n)`` for proportions, ``√(target·per/n)`` for rates (``n`` the
        population, the variance of a Poisson count's rate) and ``√(target/E)`` for ratios
        (``E`` the expected events).

        Args:
            denominator: Denominators greater than 0, as for the statistic (NaN for missing).

        Returns:
            The standard errors, on the values' scale, a 1-D array at least.

        Raises:
            InvalidInputError: For denominators of 0 or less or that are not numbers.

        Examples:
            >>> from safeguarding_model import funnel_dispersion
            >>> spread = funnel_dispersion([10, 20], [1000, 1000], statistic="rate", per=1000)
            >>> [round(float(s), 4) for s in spread.standard_error([1000, 4000])]
            [3.873, 1.9365]
        """
        n = np.atleast_1d(_denominators(denominator))
        return _null_se(self.statistic, self.target, self.per, n)


def _null_se(
    statistic: DispersionStatistic, target: float, per: float, n: FloatArray
) -> FloatArray:
    """The standard error at the target for denominators ``n`` (see ``Dispersion.standard_error``)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if statistic == "proportion":
            return np.sqrt(target * (1 - target) / n)
        return np.sqrt(target * per / n)  # per is 1 for ratios


def _kind_and_scale(
    statistic: object, per: float | str | RateBase | None
) -> tuple[DispersionStatistic, float]:
    """The checked statistic and the rates' base (1 for proportions and ratios)."""
    if statistic not in {"proportion", "rate", "ratio"}:
        raise InvalidInputError("statistic", statistic, "'proportion', 'rate' or 'ratio'")
    kind: DispersionStatistic = statistic
    if kind != "rate":
        return kind, 1.0
    if per is None:
        raise InvalidInputError("per", per, "the rates' base, such as 10_000")
    return kind, float(parse_per(per, function="funnel_dispersion"))


def _dispersion_inputs(
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    kind: DispersionStatistic,
    scale: float,
    average: float | None,
) -> tuple[FloatArray, FloatArray, float]:
    """Checked ``(values, denominators, target)`` for the overdispersion functions."""
    x, n = _checked_counts(
        numerator, denominator, "counts of at least 0", parts=kind == "proportion"
    )
    missing = np.isnan(x) | np.isnan(n)
    if average is not None:
        target = _check_average(average, proportion=kind == "proportion")
    elif kind == "ratio":
        target = 1.0
    elif missing.all():
        raise InvalidInputError("numerator", x.tolist(), "at least one area that is not missing")
    else:
        target = float(x[~missing].sum() / n[~missing].sum()) * scale
    extreme = target in {0.0, 1.0} if kind == "proportion" else target == 0
    if extreme:
        expected = "strictly between 0 and 1" if kind == "proportion" else "greater than 0"
        raise InvalidInputError("average", target, f"an average {expected}, to measure spread")
    with np.errstate(invalid="ignore", divide="ignore"):
        values = x / n * scale
    return values, n, target


def funnel_dispersion(  # noqa: PLR0913 - the two columns, then keyword-only options
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    statistic: DispersionStatistic = "proportion",
    per: float | str | RateBase | None = None,
    average: float | None = None,
    winsorise: float = _WINSORISE,
    warn: bool = True,
) -> Dispersion:
    """How much more the areas vary than chance allows: the dispersion ratio ``φ`` and ``τ²``.

    The method of Spiegelhalter (2005): each area's z-score against the target is
    ``(y − target) / s`` with ``s`` its standard error if its true value were the target —
    for proportions ``z = (p − p₀) / √(p₀(1 − p₀)/n)``; for rates and ratios the count scale,
    ``z = (O − E) / √E`` with ``E`` the events expected at the target (``n·target/per`` for
    rates), which is the same z as on the rate scale. The z-scores are winsorised at the 10th and
    90th percentiles (numpy's linear percentiles, R's type 7), ``φ = Σ z_w² / k`` and
    ``τ² = (k·φ − (k − 1)) / (Σw − Σw²/Σw)`` with ``w = 1/s²``, or 0 when ``k·φ ≤ k − 1``.

    Args:
        numerator: Counts of at least 0: the numerators of proportions, the events of rates, or
            the observed events of ratios (NaN or ``None`` for missing: left out).
        denominator: Counts greater than 0: the proportions' denominators, the rates'
            populations (such as children aged 0 to 17, or person-years), or the ratios'
            expected events (broadcast with the numerators).
        statistic: ``"proportion"`` (values from 0 to 1, not percentages), ``"rate"`` (values
            per ``per``) or ``"ratio"`` (observed / expected).
        per: The rates' base, such as ``10_000`` for a rate per 10,000; required for rates,
            ignored otherwise.
        average: The target on the values' scale — a proportion strictly between 0 and 1, a
            rate per ``per`` or a ratio, greater than 0. By default the pooled value (``Σx/Σn``,
            times ``per`` for rates), or 1 for ratios.
        winsorise: The share of z-scores pulled in at each end, from 0 (none) to below 0.5.
        warn: Whether to warn (``OverdispersionWarning``) when the areas are overdispersed.

    Returns:
        The z-scores, ``φ``, ``τ²`` and whether the areas are overdispersed.

    Raises:
        InvalidInputError: For negative numerators, denominators of 0 or less, numerators above
            their denominators (proportions), inputs that are not numbers or do not broadcast,
            an unknown statistic, a rate without ``per``, an average outside its range (or a
            pooled one of 0, or 1 for proportions, where no spread can be measured), a share to
            winsorise outside 0 to 0.5, or fewer than two areas that are not missing.

    Warns:
        OverdispersionWarning: When ``φ > 1 + 2·√(2/k)`` and ``warn`` is true.

    Examples:
        >>> from safeguarding_model import funnel_dispersion
        >>> spread = funnel_dispersion([52, 47, 60, 41, 55], [1000, 950, 1100, 900, 1050])
        >>> round(spread.phi, 3), spread.tau2, spread.overdispersed
        (0.11, 0.0, False)
    """
    share = real_float(winsorise, "winsorise", "a share from 0 to below 0.5, such as 0.1")
    if not 0 <= share < 0.5:  # half from each end would leave nothing
        raise InvalidInputError("winsorise", winsorise, "a share from 0 to below 0.5, such as 0.1")
    kind, scale = _kind_and_scale(statistic, per)
    values, n, target = _dispersion_inputs(numerator, denominator, kind, scale, average)
    s = _null_se(kind, target, scale, n)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (values - target) / s
    known = ~np.isnan(z)
    k = int(known.sum())
    if k < 2:  # τ² needs two areas
        raise InvalidInputError(
            "numerator", _first_few(values), "at least two areas that are not missing"
        )
    low, high = np.percentile(z[known], [100 * share, 100 * (1 - share)])
    winsorised = np.where(known, np.clip(z, low, high), np.nan)
    phi = float(np.sum(winsorised[known] ** 2) / k)
    w = 1 / s[known] ** 2
    spread = float(w.sum() - (w**2).sum() / w.sum())
    tau2 = (k * phi - (k - 1)) / spread if k * phi > k - 1 else 0.0
    result = Dispersion(kind, target, scale, z, winsorised, phi, tau2, k)
    if warn and result.overdispersed:
        warnings.warn(
            f"the {k} areas vary more than chance allows: the dispersion ratio phi = {phi:.3g} "
            f"is above 1 + 2·√(2/k) = {result.threshold:.3g}, so many areas will fall outside "
            "the usual funnel limits; compare them with limits adjusted for overdispersion "
            "(overdispersed_funnel_limits, funnel_overdispersed_significance)",
            OverdispersionWarning,
            stacklevel=2,
        )
    return result


def _first_few(values: FloatArray) -> list[float]:
    """The first few of ``values``, for an error message."""
    return [float(value) for value in values.ravel()[:5]]


def _check_dispersion(dispersion: object) -> None:
    if not isinstance(dispersion, Dispersion):
        raise InvalidInputError(
            "dispersion", type(dispersion).__name__, "a Dispersion from funnel_dispersion"
        )


def overdispersed_funnel_limits(
    denominator: npt.ArrayLike, dispersion: Dispersion, *, confidence: float = 0.95
) -> tuple[FloatArray, FloatArray]:
    """Control limits widened for overdispersion: ``target ± z·√(s² + τ²)`` for each denominator.

    ``s`` is the denominator's standard error at the target (see
    [`Dispersion.standard_error`][safeguarding_model.statistics.funnels.Dispersion.standard_error])
    and ``τ²`` the between-area variance of ``dispersion``: the band within which an area with
    that denominator would fall with probability ``confidence`` if areas' true values varied
    about the target with variance ``τ²``. The limits use the normal approximation (as
    Spiegelhalter's method does); with ``τ² = 0`` they are the usual normal limits, which for
    rates and ratios on a few events differ from the exact Poisson ones of
    [`rate_funnel_limits`][safeguarding_model.rate_funnel_limits]. Proportions' limits are
    clamped to 0 to 1, rates' and ratios' lower limits at 0.

    Args:
        denominator: Denominators greater than 0, as given to ``funnel_dispersion``: the
            proportions' denominators, the rates' populations or the ratios' expected events
            (NaN or ``None`` for missing: NaN limits).
        dispersion: The areas' dispersion, from
            [`funnel_dispersion`][safeguarding_model.statistics.funnels.funnel_dispersion].
        confidence: The level, strictly between 0 and 1 (0.95 and 0.998 on a funnel plot).

    Returns:
        The lower and upper limits on the values' scale (proportions from 0 to 1, rates per
        ``dispersion.per``, or ratios), 1-D arrays at least.

    Raises:
        InvalidInputError: For denominators of 0 or less or that are not numbers, a
            ``dispersion`` that is not a ``Dispersion``, or a confidence outside (0, 1).

    Examples:
        >>> from safeguarding_model import funnel_dispersion, overdispersed_funnel_limits
        >>> children = [20_000, 35_000, 50_000, 80_000, 120_000, 60_000, 45_000, 30_000, 100_000]
        >>> looked_after = [150, 170, 420, 480, 700, 250, 400, 140, 1_500]
        >>> spread = funnel_dispersion(looked_after, children, statistic="rate", per=10_000, warn=False)
        >>> round(spread.target, 2), round(spread.phi, 2), round(spread.tau2, 2)
        (77.96, 33.1, 487.86)
        >>> low, high = overdispersed_funnel_limits([50_000], spread)
        >>> round(float(low[0]), 1), round(float(high[0]), 1)
        (34.0, 121.9)
    """
    _check_dispersion(dispersion)
    n = np.atleast_1d(_denominators(denominator))
    z = z_score(confidence)
    top = 1.0 if dispersion.statistic == "proportion" else math.inf
    with np.errstate(invalid="ignore", over="ignore"):  # a tiny denominator: infinite limits
        s = _null_se(dispersion.statistic, dispersion.target, dispersion.per, n)
        half = z * np.sqrt(s**2 + dispersion.tau2)
        lower = np.clip(dispersion.target - half, 0.0, top)
        upper = np.clip(dispersion.target + half, 0.0, top)
    return lower, upper


def funnel_overdispersed_significance(  # noqa: PLR0913 - the two columns, then keyword-only options
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    *,
    statistic: DispersionStatistic = "proportion",
    per: float | str | RateBase | None = None,
    average: float | None = None,
    dispersion: Dispersion | None = None,
) -> npt.NDArray[np.str_]:
    """Each area's label against the limits adjusted for overdispersion, at 95% and 99.8%.

    The labels are [`FunnelSignificance`][safeguarding_model.FunnelSignificance]'s: outside the
    adjusted 99.8% limits ``High (0.001)`` or ``Low (0.001)``, outside only the adjusted 95%
    limits ``High (0.025)`` or ``Low (0.025)``, otherwise ``Not significant`` (an empty label
    where an input is missing). The limits are
    [`overdispersed_funnel_limits`][safeguarding_model.statistics.funnels.overdispersed_funnel_limits]
    about the dispersion's target; the dispersion is measured from these areas (without a
    warning) unless given.

    Args:
        numerator: Counts of at least 0: proportions' numerators, rates' events or ratios'
            observed events (NaN or ``None`` for missing).
        denominator: Counts greater than 0: proportions' denominators, rates' populations or
            ratios' expected events (broadcast with the numerators).
        statistic: ``"proportion"`` (values from 0 to 1), ``"rate"`` (per ``per``) or
            ``"ratio"``; ignored when ``dispersion`` is given (its own is used).
        per: The rates' base, such as ``10_000``; required for rates.
        average: The target on the values' scale, as for ``funnel_dispersion``; ignored when
            ``dispersion`` is given.
        dispersion: A dispersion measured before, from
            [`funnel_dispersion`][safeguarding_model.statistics.funnels.funnel_dispersion]
            (for example on a larger set of areas).

    Returns:
        A label for each area, a 1-D array at least.

    Raises:
        InvalidInputError: For any input ``funnel_dispersion`` refuses, or a ``dispersion``
            that is not a ``Dispersion``.

    Examples:
        >>> from safeguarding_model import funnel_overdispersed_significance
        >>> children = [20_000, 35_000, 50_000, 80_000, 120_000, 60_000, 45_000, 30_000, 100_000]
        >>> looked_after = [150, 170, 420, 480, 700, 250, 400, 140, 1_500]
        >>> labels = funnel_overdispersed_significance(looked_after, children, statistic="rate", per=10_000)
        >>> labels[-1], (labels == "Not significant").sum()
        (np.str_('High (0.001)'), np.int64(8))
    """
    if dispersion is None:
        dispersion = funnel_dispersion(
            numerator, denominator, statistic=statistic, per=per, average=average, warn=False
        )
    _check_dispersion(dispersion)
    values, n, _ = _dispersion_inputs(
        numerator, denominator, dispersion.statistic, dispersion.per, dispersion.target
    )
    missing = np.isnan(values)
    low_95, high_95 = overdispersed_funnel_limits(n, dispersion, confidence=0.95)
    low_998, high_998 = overdispersed_funnel_limits(n, dispersion, confidence=0.998)
    with np.errstate(invalid="ignore"):
        return _labels(
            values > high_998, values > high_95, values < low_998, values < low_95, missing
        )
