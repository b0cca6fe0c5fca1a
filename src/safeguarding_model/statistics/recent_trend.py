"""The recent trend marker: is an indicator moving over its five most recent years?

England's public-health profiles (Fingertips) print a *recent trend* beside each indicator:
"Increasing and getting worse", "No significant change", "Cannot be calculated" and so on. It
tests the five most recent single-year points, numbered ``t = 1 .. 5`` oldest first, in one of
two ways:

- **Proportions** (crude proportions and rates with numerators and denominators): the
  chi-square test for trend on the numerators ``O`` and denominators ``N``::

      χ² = N·(N·ΣOᵢtᵢ − O·ΣNᵢtᵢ)² / (O·(N − O)·(N·ΣNᵢtᵢ² − (ΣNᵢtᵢ)²)),  N = ΣNᵢ, O = ΣOᵢ

  with the trend's direction and slope from the least-squares slope of the log-odds
  ``log(Oᵢ / (Nᵢ − Oᵢ))`` on ``t``.
- **Other values** (with confidence limits, 95% by default): inverse-variance weighted regression of the
  values ``y`` on ``t``, with ``SEᵢ = (upperᵢ − lowerᵢ) / (2 · 1.959964)`` and ``wᵢ = 1 / SEᵢ²``::

      slope = (Σw·Σwty − Σwt·Σwy) / (Σw·Σwt² − (Σwt)²)
      χ² = slope² / Var(slope),  Var(slope) = Σw / (Σw·Σwt² − (Σwt)²)

The trend is significant when ``χ²`` exceeds 9.5495, the chi-square quantile with one degree of
freedom at 99.8% (p = 0.002), **and** the slope keeps its sign when each of the five points is
left out in turn; a trend that hangs on one point is "no significant change" ("Outlier found").
An indicator's [`Polarity`][safeguarding_model.Polarity] turns increasing and decreasing into
getting better or worse.

The rules, labels and reasons follow Fingertips' technical guidance and PHEindicatormethods'
``assign_trend_markers`` (branch ``add_trend_markers``), whose test data the tests check.

Examples:
    A rate's intervals, computed from its counts, tested as "other values":

    >>> from safeguarding_model import rate_ci
    >>> from safeguarding_model.statistics.recent_trend import recent_trend
    >>> rates = rate_ci([1500, 1560, 1610, 1650, 1691], [244_000] * 4 + [244_718], per=10_000)
    >>> trend = recent_trend(range(2012, 2017), values=rates.value, lower=rates.lower, upper=rates.upper,
    ...                      kind="other", polarity="lower_is_better")
    >>> print(trend)
    Increasing and getting worse, 2012 to 2016: No outliers and significant trend (chi-square 13.34 > 9.55)

    The function's own examples test counts as proportions.
"""

from __future__ import annotations

import functools
import math
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs
import numpy as np
from attrs import frozen

from safeguarding_model._numbers import is_whole, whole
from safeguarding_model._vocabulary import Described, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Labelled, Polarity, Significance, judge
from safeguarding_model.statistics._arrays import BY_VALUE, as_floats, refuse
from safeguarding_model.statistics.intervals import z_score

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy.typing as npt

    from safeguarding_model.statistics._arrays import FloatArray

__all__ = ["RecentTrend", "Series", "TrendMarker", "TrendMethod", "recent_trend"]

Series: TypeAlias = "npt.ArrayLike | Sequence[float | None]"
"""One number per year: a list (``None`` for missing), a numpy array or a pandas column."""

_NOT_ENOUGH_POINTS: Final = "Not enough data points"
_DUPLICATE_YEARS: Final = "Duplicate years in group"
_MISSING_VALUES: Final = "Missing values"
_MISSING_LIMITS: Final = "Missing at least one confidence interval value"
_NO_SIGNIFICANT_TREND: Final = "No significant trend"
_OUTLIER_FOUND: Final = "Outlier found"
_SIGNIFICANT: Final = "No outliers and significant trend"

_ZERO_TOLERANCE: Final = 1e-9
"""A sum within this fraction of its terms' magnitudes is zero: its sign is rounding."""


class TrendMarker(Labelled, StrEnum):
    """The recent trend, in the profiles' words.

    | marker | when |
    | --- | --- |
    | increasing / decreasing and getting better / worse | a significant trend, with polarity |
    | increasing / decreasing | a significant trend, no polarity |
    | no significant change | no significant trend, or one that hangs on a single point |
    | cannot be calculated | too few points, missing values or limits, duplicate years |

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import TrendMarker, recent_trend
        >>> years, children = [2019, 2020, 2021, 2022, 2023], [50, 50, 50, 50, 50]
        >>> trend = recent_trend(years, numerators=[30, 34, 38, 41, 45], denominators=children, polarity="lower_is_better")
        >>> trend.marker.label
        'Increasing and getting worse'
        >>> TrendMarker.from_label("no significant change")
        <TrendMarker.NO_SIGNIFICANT_CHANGE: 'no_significant_change'>
    """

    INCREASING_AND_GETTING_BETTER = "increasing_and_getting_better"
    INCREASING_AND_GETTING_WORSE = "increasing_and_getting_worse"
    DECREASING_AND_GETTING_BETTER = "decreasing_and_getting_better"
    DECREASING_AND_GETTING_WORSE = "decreasing_and_getting_worse"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    CANNOT_BE_CALCULATED = "cannot_be_calculated"


@described(
    chi_square="chi-square test for trend",
    weighted_regression="inverse-variance weighted regression",
)
class TrendMethod(Described, StrEnum):
    """How a recent trend was tested.

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import TrendMethod
        >>> print(TrendMethod.WEIGHTED_REGRESSION.description)
        inverse-variance weighted regression
    """

    CHI_SQUARE = "chi_square"
    WEIGHTED_REGRESSION = "weighted_regression"


_MARKERS: Final = {
    (1, Significance.BETTER): TrendMarker.INCREASING_AND_GETTING_BETTER,
    (1, Significance.WORSE): TrendMarker.INCREASING_AND_GETTING_WORSE,
    (1, Significance.HIGHER): TrendMarker.INCREASING,
    (-1, Significance.BETTER): TrendMarker.DECREASING_AND_GETTING_BETTER,
    (-1, Significance.WORSE): TrendMarker.DECREASING_AND_GETTING_WORSE,
    (-1, Significance.LOWER): TrendMarker.DECREASING,
}
"""The marker of a significant trend: its sign and what [`judge`][safeguarding_model.markers.judge] makes of it."""


@frozen
class RecentTrend:
    """A recent trend marker with the statistic it rests on.

    Compares by value, a NaN statistic equal to NaN (as every result compares), and hashes by
    its fields other than ``chi2`` and ``slope``.

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import recent_trend
        >>> trend = recent_trend([1, 2, 3, 4, 5], values=[30.6, 30.2, 28.0, 24.6, 24.67],
        ...                      lower=[28.98, 28.63, 26.44, 23.15, 23.16],
        ...                      upper=[32.25, 31.9, 29.64, 26.19, 26.25],
        ...                      kind="other", polarity="lower_is_better")
        >>> trend.marker.label, trend.reason
        ('Decreasing and getting better', 'No outliers and significant trend')
        >>> round(trend.chi2, 4), round(trend.slope, 4), round(trend.threshold, 4)
        (46.7636, -1.7516, 9.5495)
    """

    marker: TrendMarker
    """The marker; its ``label`` is the profiles' wording."""
    reason: str
    """Why, in PHEindicatormethods' words: ``'No outliers and significant trend'``,
    ``'No significant trend'``, ``'Outlier found'``, ``'Not enough data points'``,
    ``'Duplicate years in group'``, ``'Missing values'`` or
    ``'Missing at least one confidence interval value'``."""
    chi2: float = attrs.field(eq=BY_VALUE, hash=False)
    """The chi-square statistic (one degree of freedom); NaN when it cannot be calculated."""
    slope: float = attrs.field(eq=BY_VALUE, hash=False)
    """The change per year: of the log-odds for proportions, of the values otherwise. NaN when
    it cannot be calculated (or, for proportions, when a proportion of 0 or 1 makes the
    log-odds infinite)."""
    method: TrendMethod
    """How the trend was tested."""
    points_used: tuple[int, ...]
    """The years of the most recent points, oldest first: those tested, or those that stopped
    the test."""
    polarity: Polarity = Polarity.NO_JUDGEMENT
    """The indicator's polarity."""
    significance_level: float = 0.998
    """The level of the test: 0.998 (p = 0.002) in the profiles."""

    @property
    def threshold(self) -> float:
        """The chi-square value a trend must exceed: 9.5495 at 0.998."""
        return _threshold(self.significance_level)

    def __str__(self) -> str:
        span = (
            f", {self.points_used[0]} to {self.points_used[-1]}"
            if self.points_used
            else ", no points"
        )
        statistic = (
            ""
            if math.isnan(self.chi2)
            else f" (chi-square {self.chi2:.2f} {'>' if self.chi2 > self.threshold else '≤'} {self.threshold:.2f})"
        )
        return f"{self.marker.label}{span}: {self.reason}{statistic}"


def _threshold(level: float) -> float:
    from scipy.stats import chi2  # noqa: PLC0415 - scipy on first use

    return float(chi2.ppf(level, 1))


def recent_trend(  # noqa: PLR0913 - one argument per column of the profiles' data, all keywords
    years: Series,
    *,
    numerators: Series | None = None,
    denominators: Series | None = None,
    values: Series | None = None,
    lower: Series | None = None,
    upper: Series | None = None,
    kind: Literal["proportion", "other"] = "proportion",
    polarity: Polarity | str = Polarity.NO_JUDGEMENT,
    points: int = 5,
    confidence: float = 0.95,
    significance_level: float = 0.998,
) -> RecentTrend:
    """The recent trend marker of one indicator's series of single years.

    Give ``numerators`` and ``denominators`` with ``kind="proportion"`` (the chi-square test for
    trend), or ``values`` with their ``lower`` and ``upper`` confidence limits with
    ``kind="other"`` (weighted regression); see the module's description for both tests. The
    years may come in any order; the ``points`` most recent are tested, numbered 1, 2, 3 ...
    oldest first whatever their years, as the profiles do (a gap year is not detected: the
    profiles' guidance asks for series without breaks, so check ``points_used``).

    Data problems give "Cannot be calculated" rather than an error, checked in this order:
    duplicate years (anywhere in the series), fewer than ``points`` years, then a missing
    numerator or denominator (proportions), value (other) or confidence limit (other) among the
    points tested. Only once the trend can be calculated are the tested points' numbers
    checked, so a series the profiles would mark "Cannot be calculated" is marked so whatever
    else is wrong with it, and points older than those tested never change the result.

    For proportions, a year with no events (or nothing but events) has infinite log-odds: the
    slope is then NaN and the direction is the sign of the chi-square's own score,
    ``ΣOᵢ(tᵢ − t̄)`` with ``t̄`` weighted by the denominators.

    Args:
        years: Whole years, one per point, in any order.
        numerators: With ``kind="proportion"``: counts of at least 0, at most their denominators.
        denominators: With ``kind="proportion"``: counts greater than 0.
        values: With ``kind="other"``: the indicator's values.
        lower: With ``kind="other"``: the values' lower confidence limits.
        upper: With ``kind="other"``: the values' upper confidence limits (above the lower).
        kind: ``"proportion"`` or ``"other"``.
        polarity: The indicator's polarity; without one, the marker is just increasing or
            decreasing.
        points: How many of the most recent points to test (the profiles use 5; at least 3).
        confidence: The level of ``lower`` and ``upper`` (the profiles publish 95% limits).
        significance_level: The level of the test (0.998 in the profiles: χ² above 9.5495).

    Returns:
        The marker, the reason, the statistic and slope, and the years tested.

    Raises:
        InvalidInputError: For misuse: an unknown ``kind`` or polarity, missing or unneeded
            arguments for the kind, arrays of different lengths, inputs that are not numbers
            (text, booleans, dates) or infinite, numerators or denominators from 2**53 on, years
            that are missing (NaN, ``None`` or masked) or not whole, ``points`` below 3, a level
            outside (0, 1); and, among the points tested, a
            negative numerator, a numerator above its denominator, a denominator of 0 or less,
            or an upper limit not above its lower limit.

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import recent_trend
        >>> trend = recent_trend(
        ...     [2013, 2014, 2015, 2016, 2017],
        ...     numerators=[10, 17, 27, 49, 67],
        ...     denominators=[125, 141.67, 117.39, 204.17, 171.79],
        ...     polarity="lower_is_better",
        ... )
        >>> trend.marker.label, round(trend.slope, 3), trend.method.description
        ('Increasing and getting worse', 0.483, 'chi-square test for trend')
        >>> recent_trend([2020, 2021, 2022], numerators=[1, 2, 3], denominators=[9, 9, 9]).reason
        'Not enough data points'
    """
    if not isinstance(kind, str) or kind not in ("proportion", "other"):
        raise InvalidInputError("kind", kind, "'proportion' or 'other'")
    chosen = Polarity.parse(polarity)
    if not is_whole(points) or whole(points) < 3:  # a trend needs three points
        raise InvalidInputError("points", points, "a whole number of at least 3, such as 5")
    level = _check_level(significance_level)
    z = z_score(confidence)
    when = _years(years)
    columns = _columns(
        kind,
        {
            "numerators": numerators,
            "denominators": denominators,
            "values": values,
            "lower": lower,
            "upper": upper,
        },
        when.size,
    )
    used = np.argsort(when, kind="stable")[-int(points) :]
    result = functools.partial(
        RecentTrend,
        method=TrendMethod.CHI_SQUARE if kind == "proportion" else TrendMethod.WEIGHTED_REGRESSION,
        points_used=tuple(int(year) for year in when[used]),
        polarity=chosen,
        significance_level=level,
    )
    blocked = _blocked(when, columns, used, int(points))
    if blocked is not None:
        return result(
            marker=TrendMarker.CANNOT_BE_CALCULATED, reason=blocked, chi2=math.nan, slope=math.nan
        )
    t = np.arange(1.0, int(points) + 1.0)
    if kind == "proportion":
        _check_proportions(columns["numerators"], columns["denominators"], used)
    else:
        _check_limits(columns["lower"], columns["upper"], used)
    # Extreme numbers (limits 1e-200 apart, values near 1e308) overflow: the statistic is then
    # NaN and the trend not significant, rather than a warning.
    with np.errstate(all="ignore"):
        if kind == "proportion":
            test = _proportion_test(columns["numerators"][used], columns["denominators"][used], t)
        else:
            width = columns["upper"][used] - columns["lower"][used]
            test = _regression_test(columns["values"][used], (2 * z / width) ** 2, t)
    chi2, slope, direction, left_out = test
    marker, reason = TrendMarker.NO_SIGNIFICANT_CHANGE, _NO_SIGNIFICANT_TREND
    # A significant statistic with a slope of exactly zero has no direction to report.
    if chi2 > _threshold(level) and direction != 0:
        if any(sign != direction for sign in left_out):
            reason = _OUTLIER_FOUND
        else:
            marker, reason = _MARKERS[direction, judge(direction, chosen)], _SIGNIFICANT
    return result(
        marker=marker,
        reason=reason,
        chi2=chi2,
        slope=slope if math.isfinite(slope) else math.nan,
    )


def _columns(kind: str, given: dict[str, object], length: int) -> dict[str, FloatArray]:
    """The arrays ``kind`` needs, checked; refuses the ones it does not use."""
    needed = (
        ("numerators", "denominators") if kind == "proportion" else ("values", "lower", "upper")
    )
    for name, array in given.items():
        if name not in needed and array is not None:
            raise InvalidInputError(
                name, array, f"nothing with kind={kind!r} (it uses {' and '.join(needed)})"
            )
    return {name: _column(given[name], name, kind, length) for name in needed}


def _blocked(
    when: FloatArray, columns: dict[str, FloatArray], used: npt.NDArray[np.intp], points: int
) -> str | None:
    """Why the trend cannot be calculated, or ``None`` when it can."""
    if np.unique(when).size < when.size:
        return _DUPLICATE_YEARS
    if when.size < points:
        return _NOT_ENOUGH_POINTS
    if any(
        np.isnan(columns[name][used]).any()
        for name in ("numerators", "denominators", "values")
        if name in columns
    ):
        return _MISSING_VALUES
    if any(np.isnan(columns[name][used]).any() for name in ("lower", "upper") if name in columns):
        return _MISSING_LIMITS
    return None


def _check_level(significance_level: float) -> float:
    expected = "a number strictly between 0 and 1, such as 0.998"
    if isinstance(significance_level, bool) or not isinstance(
        significance_level, int | float | np.floating
    ):
        raise InvalidInputError("significance_level", significance_level, expected)
    if not 0 < significance_level < 1:
        raise InvalidInputError("significance_level", significance_level, expected)
    return float(significance_level)


def _years(years: object) -> FloatArray:
    when = as_floats(years, "years", missing=False)
    if when.ndim != 1:
        raise InvalidInputError("years", years, "a sequence of years, one per point")
    missing = np.isnan(when)
    if missing.any():
        refuse("years", when, missing, "whole years such as 2019 (a year cannot be missing)")
    fractional = when != np.round(when)
    if fractional.any():
        refuse("years", when, fractional, "whole years such as 2019 (single-year periods)")
    return when


def _column(array: object, name: str, kind: str, length: int) -> FloatArray:
    if array is None:
        raise InvalidInputError(name, None, f"one number per year with kind={kind!r}")
    column = as_floats(array, name, counts=name in {"numerators", "denominators"})
    if column.shape != (length,):
        size = "one number" if column.ndim == 0 else f"{column.size} numbers"
        raise InvalidInputError(name, size, f"one number per year ({length})")
    return column


def _in(used: npt.NDArray[np.intp], condition: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """``condition`` (over the points used) as a mask over the whole series."""
    mask = np.zeros(condition.shape, dtype=bool)
    mask[used] = condition[used]
    return mask


def _check_proportions(
    numerators: FloatArray, denominators: FloatArray, used: npt.NDArray[np.intp]
) -> None:
    negative = _in(used, numerators < 0)
    if negative.any():
        refuse("numerators", numerators, negative, "counts of at least 0")
    empty = _in(used, denominators <= 0)
    if empty.any():
        refuse("denominators", denominators, empty, "denominators greater than 0")
    above = _in(used, numerators > denominators)
    if above.any():
        refuse("numerators", numerators, above, "numerators no greater than their denominators")


def _check_limits(lower: FloatArray, upper: FloatArray, used: npt.NDArray[np.intp]) -> None:
    crossed = _in(used, upper <= lower)
    if crossed.any():
        refuse("upper", upper, crossed, "upper limits above their lower limits")


def _sign(terms: FloatArray) -> int:
    """The sign of ``terms.sum()``, 0 when the sum is within rounding of zero (or not finite)."""
    total = float(terms.sum())
    if not math.isfinite(total) or abs(total) <= _ZERO_TOLERANCE * float(np.abs(terms).sum()):
        return 0
    return 1 if total > 0 else -1


def _proportion_test(
    observed: FloatArray, total: FloatArray, t: FloatArray
) -> tuple[float, float, int, list[int]]:
    """Chi-square for trend, log-odds slope, direction and the leave-one-out directions."""
    big_n, big_o = float(total.sum()), float(observed.sum())
    # Centred on the denominator-weighted mean of t, the published formula reads
    # χ² = N²·(ΣOᵢ(tᵢ − t̄))² / (O·(N − O)·ΣNᵢ(tᵢ − t̄)²): the same number, less cancellation.
    centred = t - float((total * t).sum()) / big_n
    score = observed * centred
    spread = float((total * centred**2).sum())
    if big_o in (0, big_n):  # no events, or nothing but events: no trend to test
        chi2 = math.nan
    else:
        # numpy floats: an overflow or a zero spread gives inf or NaN, not an exception.
        chi2 = float(
            np.float64(big_n) ** 2
            * score.sum() ** 2
            / (np.float64(big_o) * (big_n - big_o) * spread)
        )
    slope, direction = _log_odds_slope(observed, total, t)
    left_out = []
    for j in range(t.size):
        keep = np.arange(t.size) != j
        left_out.append(_log_odds_slope(observed[keep], total[keep], t[keep])[1])
    return chi2, slope, direction, left_out


def _log_odds_slope(observed: FloatArray, total: FloatArray, t: FloatArray) -> tuple[float, int]:
    """The least-squares slope of log(O / (N − O)) on t, and its sign.

    A proportion of 0 or 1 makes the log-odds infinite and the slope undefined; the sign then
    comes from the chi-square test's own score, ``Σ Oᵢ (tᵢ − t̄)`` with t̄ weighted by ``N``.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        log_odds = np.log(observed) - np.log(total - observed)
    if np.isfinite(log_odds).all():
        centred = t - t.mean()
        terms = log_odds * centred
        return float(terms.sum() / (centred**2).sum()), _sign(terms)
    score = observed * (t - float((total * t).sum()) / float(total.sum()))
    return math.nan, _sign(score)


def _regression_test(
    y: FloatArray, weights: FloatArray, t: FloatArray
) -> tuple[float, float, int, list[int]]:
    """Weighted slope, its chi-square, direction and the leave-one-out directions."""
    slope, spread, direction = _weighted_slope(y, weights, t)
    chi2 = float(np.float64(slope) ** 2 * spread)  # slope² / Var(slope) = slope²·Σwᵢ(tᵢ − t̄)²
    left_out = []
    for j in range(t.size):
        keep = np.arange(t.size) != j
        left_out.append(_weighted_slope(y[keep], weights[keep], t[keep])[2])
    return chi2, slope, direction, left_out


def _weighted_slope(y: FloatArray, weights: FloatArray, t: FloatArray) -> tuple[float, float, int]:
    """Slope, ``Σwᵢ(tᵢ − t̄)²`` and the slope's sign, centred on the weighted means of t and y.

    ``(Σw·Σwty − Σwt·Σwy) / (Σw·Σwt² − (Σwt)²)`` equals ``Σwᵢ(tᵢ − t̄)(yᵢ − ȳ) / Σwᵢ(tᵢ − t̄)²``
    with ``t̄ = Σwt / Σw`` and ``ȳ = Σwy / Σw``. The centred form loses far less to cancellation
    when one point's weight dwarfs the others' (a value printed with very narrow limits): its
    ``tᵢ − t̄`` and ``yᵢ − ȳ`` are both near zero instead of a tiny difference times a large value.
    """
    total = weights.sum()
    centred = t - float((weights * t).sum() / total)
    spread = float((weights * centred**2).sum())
    terms = weights * centred * (y - float((weights * y).sum() / total))
    return float(terms.sum() / np.float64(spread)), spread, _sign(terms)
