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
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeAlias, TypeVar

import attrs
import numpy as np
import numpy.typing as npt
from attrs import frozen

from safeguarding_model._numbers import is_whole, whole
from safeguarding_model._vocabulary import Described, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Labelled, Polarity, Significance, judge
from safeguarding_model.statistics._arrays import BY_VALUE, FloatArray, as_floats, refuse
from safeguarding_model.statistics.intervals import z_score

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "TREND_REASONS",
    "RecentTrend",
    "RecentTrends",
    "Series",
    "TrendMarker",
    "TrendMethod",
    "recent_trend",
    "recent_trends",
]

Series: TypeAlias = "npt.ArrayLike | Sequence[float | None]"
"""One number per year: a list (``None`` for missing), a numpy array or a pandas column."""

_NOT_ENOUGH_POINTS: Final = "Not enough data points"
_DUPLICATE_YEARS: Final = "Duplicate years in group"
_MISSING_VALUES: Final = "Missing values"
_MISSING_LIMITS: Final = "Missing at least one confidence interval value"
_NO_SIGNIFICANT_TREND: Final = "No significant trend"
_OUTLIER_FOUND: Final = "Outlier found"
_SIGNIFICANT: Final = "No outliers and significant trend"

TREND_REASONS: Final = (
    _SIGNIFICANT,
    _NO_SIGNIFICANT_TREND,
    _OUTLIER_FOUND,
    _NOT_ENOUGH_POINTS,
    _DUPLICATE_YEARS,
    _MISSING_VALUES,
    _MISSING_LIMITS,
)
"""The reasons a trend is given, in PHEindicatormethods' words, indexed by
[`RecentTrends.reason_codes`][safeguarding_model.statistics.recent_trend.RecentTrends]."""

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
    options = _options(kind, polarity, points, confidence, significance_level)
    when = _years(years)
    columns = _columns(options.kind, (numerators, denominators, values, lower, upper), when.size)
    used = np.argsort(when, kind="stable")[-options.points :]
    result = functools.partial(
        RecentTrend,
        method=options.method,
        points_used=tuple(int(year) for year in when[used]),
        polarity=options.polarity,
        significance_level=options.level,
    )
    blocked = _blocked(when, columns, used, options.points)
    if blocked is not None:
        return result(
            marker=TrendMarker.CANNOT_BE_CALCULATED, reason=blocked, chi2=math.nan, slope=math.nan
        )
    if options.kind == "proportion":
        _check_proportions(columns["numerators"], columns["denominators"], used)
    else:
        _check_limits(columns["lower"], columns["upper"], used)
    tested = {name: column[used] for name, column in columns.items()}
    chi2, slope, direction, left_out = _test(options, tested, _proportion_test, _regression_test)
    marker, reason = TrendMarker.NO_SIGNIFICANT_CHANGE, _NO_SIGNIFICANT_TREND
    # A significant statistic with a slope of exactly zero has no direction to report.
    if chi2 > _threshold(options.level) and direction != 0:
        if any(sign != direction for sign in left_out):
            reason = _OUTLIER_FOUND
        else:
            marker = _MARKERS[direction, judge(direction, options.polarity)]
            reason = _SIGNIFICANT
    return result(
        marker=marker,
        reason=reason,
        chi2=chi2,
        slope=slope if math.isfinite(slope) else math.nan,
    )


class _Options(NamedTuple):
    """The options ``recent_trend`` and ``recent_trends`` share, checked."""

    kind: str
    polarity: Polarity
    points: int
    level: float
    z: float

    @property
    def method(self) -> TrendMethod:
        """The test of ``kind``."""
        if self.kind == "proportion":
            return TrendMethod.CHI_SQUARE
        return TrendMethod.WEIGHTED_REGRESSION


def _options(
    kind: object,
    polarity: Polarity | str,
    points: object,
    confidence: float,
    significance_level: float,
) -> _Options:
    """The options, checked in this order: kind, polarity, points, the test's level, confidence."""
    if not isinstance(kind, str) or kind not in ("proportion", "other"):
        raise InvalidInputError("kind", kind, "'proportion' or 'other'")
    chosen = Polarity.parse(polarity)
    if not is_whole(points) or whole(points) < 3:  # a trend needs three points
        raise InvalidInputError("points", points, "a whole number of at least 3, such as 5")
    level = _check_level(significance_level)
    return _Options(kind, chosen, whole(points), level, z_score(confidence))


_COLUMN_NAMES: Final = ("numerators", "denominators", "values", "lower", "upper")
"""The columns both functions take, in the order of their arguments."""


def _needed(kind: str, given: tuple[object, ...]) -> dict[str, object]:
    """The columns ``kind`` uses, by name (given or ``None``); refuses the others if given."""
    needed = (
        ("numerators", "denominators") if kind == "proportion" else ("values", "lower", "upper")
    )
    by_name = dict(zip(_COLUMN_NAMES, given, strict=True))
    for name, array in by_name.items():
        if name not in needed and array is not None:
            raise InvalidInputError(
                name, array, f"nothing with kind={kind!r} (it uses {' and '.join(needed)})"
            )
    return {name: by_name[name] for name in needed}


def _columns(kind: str, given: tuple[object, ...], length: int) -> dict[str, FloatArray]:
    """The arrays ``kind`` needs, checked; refuses the ones it does not use."""
    return {
        name: _column(array, name, kind, length) for name, array in _needed(kind, given).items()
    }


_Test = TypeVar("_Test")


def _test(
    options: _Options,
    tested: dict[str, FloatArray],
    proportion: Callable[[FloatArray, FloatArray, FloatArray], _Test],
    regression: Callable[[FloatArray, FloatArray, FloatArray], _Test],
) -> _Test:
    """The kind's test of the points tested (one series, or series × points), numbered 1, 2 ...

    ``proportion`` takes the numerators, the denominators and ``t``; ``regression`` the values,
    their inverse-variance weights from the limits' width, and ``t``.
    """
    t = np.arange(1.0, options.points + 1.0)
    # Extreme numbers (limits 1e-200 apart, values near 1e308) overflow: the statistic is then
    # NaN and the trend not significant, rather than a warning.
    with np.errstate(all="ignore"):
        if options.kind == "proportion":
            return proportion(tested["numerators"], tested["denominators"], t)
        width = tested["upper"] - tested["lower"]
        return regression(tested["values"], (2 * options.z / width) ** 2, t)


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
    return _whole_years(when)


def _whole_years(when: FloatArray) -> FloatArray:
    """``when``, refused if a year is missing or not whole."""
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


# --- many series at once ------------------------------------------------------------------

_Table: TypeAlias = "npt.ArrayLike | Sequence[Sequence[float | None]]"
"""Series × years: a 2-d numpy array, or a list of rows (``None`` for missing)."""

_MARKER_ORDER: Final = tuple(TrendMarker)
_CANNOT: Final = _MARKER_ORDER.index(TrendMarker.CANNOT_BE_CALCULATED)
_NO_CHANGE: Final = _MARKER_ORDER.index(TrendMarker.NO_SIGNIFICANT_CHANGE)


@frozen
class RecentTrends:
    """The recent trend markers of many series, as arrays: one entry per series.

    Markers and reasons are small integer codes, cheap to store and to turn into a categorical
    column: ``marker_codes`` index ``tuple(TrendMarker)`` (in the enum's order: 0 increasing and
    getting better ... 6 no significant change, 7 cannot be calculated), ``reason_codes`` index
    [`TREND_REASONS`][safeguarding_model.statistics.recent_trend.TREND_REASONS]. ``markers``,
    ``labels`` and ``reasons`` give them as objects and words; ``trends[i]`` is series ``i`` as
    the [`RecentTrend`][safeguarding_model.statistics.recent_trend.RecentTrend] that
    [`recent_trend`][safeguarding_model.statistics.recent_trend.recent_trend] returns for it.

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import TREND_REASONS, recent_trends
        >>> trends = recent_trends(
        ...     [2019, 2020, 2021, 2022, 2023],
        ...     numerators=[[30, 34, 38, 41, 45], [30, 31, 29, 30, 31]],
        ...     denominators=[[50] * 5, [50] * 5],
        ...     polarity="lower_is_better",
        ... )
        >>> trends.marker_codes.tolist(), trends.labels.tolist()
        ([1, 6], ['Increasing and getting worse', 'No significant change'])
        >>> [TREND_REASONS[code] for code in trends.reason_codes]
        ['No outliers and significant trend', 'No significant trend']
        >>> print(trends[0])
        Increasing and getting worse, 2019 to 2023: No outliers and significant trend (chi-square 14.68 > 9.55)
    """

    marker_codes: npt.NDArray[np.int8] = attrs.field(eq=BY_VALUE, hash=False)
    """Each series' marker, as its position in ``tuple(TrendMarker)``."""
    reason_codes: npt.NDArray[np.int8] = attrs.field(eq=BY_VALUE, hash=False)
    """Each series' reason, as its position in ``TREND_REASONS``."""
    chi2: FloatArray = attrs.field(eq=BY_VALUE, hash=False)
    """Each series' chi-square statistic; NaN where it cannot be calculated."""
    slope: FloatArray = attrs.field(eq=BY_VALUE, hash=False)
    """Each series' change per year (of the log-odds for proportions); NaN where undefined."""
    method: TrendMethod
    """How the trends were tested (one kind per call)."""
    points_used: npt.NDArray[np.int64] = attrs.field(eq=BY_VALUE, hash=False)
    """The years of each series' most recent points, oldest first: series × points."""
    polarity: Polarity = Polarity.NO_JUDGEMENT
    """The indicators' polarity (one per call)."""
    significance_level: float = 0.998
    """The level of the test: 0.998 (p = 0.002) in the profiles."""

    def __len__(self) -> int:
        return int(self.marker_codes.size)

    def __getitem__(self, index: int) -> RecentTrend:
        """Series ``index`` as a [`RecentTrend`][safeguarding_model.statistics.recent_trend.RecentTrend]."""
        return RecentTrend(
            marker=_MARKER_ORDER[int(self.marker_codes[index])],
            reason=TREND_REASONS[int(self.reason_codes[index])],
            chi2=float(self.chi2[index]),
            slope=float(self.slope[index]),
            method=self.method,
            points_used=tuple(int(year) for year in self.points_used[index]),
            polarity=self.polarity,
            significance_level=self.significance_level,
        )

    @property
    def markers(self) -> npt.NDArray[np.object_]:
        """Each series' [`TrendMarker`][safeguarding_model.statistics.recent_trend.TrendMarker]."""
        return np.array(_MARKER_ORDER, dtype=object)[self.marker_codes]

    @property
    def labels(self) -> npt.NDArray[np.str_]:
        """Each series' marker in the profiles' words, such as ``'No significant change'``."""
        return np.array([marker.label for marker in _MARKER_ORDER])[self.marker_codes]

    @property
    def reasons(self) -> npt.NDArray[np.str_]:
        """Each series' reason in PHEindicatormethods' words."""
        return np.array(TREND_REASONS)[self.reason_codes]

    @property
    def threshold(self) -> float:
        """The chi-square value a trend must exceed: 9.5495 at 0.998."""
        return _threshold(self.significance_level)


def recent_trends(  # noqa: PLR0913 - one argument per column of the profiles' data, all keywords
    years: Series,
    *,
    numerators: _Table | None = None,
    denominators: _Table | None = None,
    values: _Table | None = None,
    lower: _Table | None = None,
    upper: _Table | None = None,
    kind: Literal["proportion", "other"] = "proportion",
    polarity: Polarity | str = Polarity.NO_JUDGEMENT,
    points: int = 5,
    confidence: float = 0.95,
    significance_level: float = 0.998,
) -> RecentTrends:
    """The recent trend markers of many series at once, without a Python loop per series.

    The columns are arrays of shape series × years (one row per series, such as every area of
    England for one indicator); ``years`` is one row of years shared by every series, or an
    array of the columns' shape. Each series gets exactly the marker, reason, chi-square, slope
    and years that [`recent_trend`][safeguarding_model.statistics.recent_trend.recent_trend]
    gives it alone, by the same rules (the ``points`` most recent years, "Cannot be calculated"
    for duplicate years, too few years, or missing numbers among the points tested, the
    leave-one-out outlier rule). A year missing from one series is a missing value (NaN) in its
    row, which stops that series only if the year is among those tested.

    Args:
        years: Whole years: one row shared by every series, or one row per series.
        numerators: With ``kind="proportion"``: counts, series × years.
        denominators: With ``kind="proportion"``: counts greater than 0, series × years.
        values: With ``kind="other"``: the indicators' values, series × years.
        lower: With ``kind="other"``: the values' lower confidence limits.
        upper: With ``kind="other"``: the values' upper confidence limits (above the lower).
        kind: ``"proportion"`` or ``"other"``.
        polarity: The indicators' polarity, one for the call.
        points: How many of the most recent points to test (the profiles use 5; at least 3).
        confidence: The level of ``lower`` and ``upper``.
        significance_level: The level of the test (0.998 in the profiles: χ² above 9.5495).

    Returns:
        The markers and reasons as codes, the statistics and slopes, and the years tested.

    Raises:
        InvalidInputError: For the misuse ``recent_trend`` refuses, in any series (the field's
            position names the series and the year), and for columns that are not two-dimensional
            or not all of one shape, or years of neither the columns' shape nor one row of it.

    Examples:
        >>> from safeguarding_model.statistics.recent_trend import recent_trends
        >>> trends = recent_trends(
        ...     [1, 2, 3, 4, 5],
        ...     values=[[30.6, 30.2, 28.0, 24.6, 24.67], [12.0, 11.0, 10.0, 9.0, 30.0]],
        ...     lower=[[28.98, 28.63, 26.44, 23.15, 23.16], [10.0, 9.0, 8.0, 7.0, 28.0]],
        ...     upper=[[32.25, 31.9, 29.64, 26.19, 26.25], [14.0, 13.0, 12.0, 11.0, 32.0]],
        ...     kind="other",
        ...     polarity="lower_is_better",
        ... )
        >>> trends.labels.tolist(), trends.reasons.tolist()
        (['Decreasing and getting better', 'No significant change'], ['No outliers and significant trend', 'Outlier found'])
        >>> trends.chi2.round(2).tolist()
        [46.76, 111.02]
    """
    options = _options(kind, polarity, points, confidence, significance_level)
    wanted = options.points
    columns = _batch_columns(options.kind, (numerators, denominators, values, lower, upper))
    shape = next(iter(columns.values())).shape
    when = _batch_years(years, shape)
    order = np.argsort(when, axis=-1, kind="stable")[..., -wanted:]
    used_years = _take(when, order, shape[0])
    tested = {name: _take(column, order, shape[0]) for name, column in columns.items()}
    reason = np.full(shape[0], TREND_REASONS.index(_NO_SIGNIFICANT_TREND), dtype=np.int8)
    blocked = _batch_blocked(when, tested, shape, wanted)
    for code, rows in blocked:
        reason[rows & (reason == TREND_REASONS.index(_NO_SIGNIFICANT_TREND))] = code
    free = reason == TREND_REASONS.index(_NO_SIGNIFICANT_TREND)
    result = functools.partial(
        RecentTrends,
        method=options.method,
        points_used=used_years.astype(np.int64),
        polarity=options.polarity,
        significance_level=options.level,
    )
    marker = np.where(free, _NO_CHANGE, _CANNOT).astype(np.int8)
    if shape[1] < wanted:
        nan = np.full(shape[0], math.nan)
        return result(marker_codes=marker, reason_codes=reason, chi2=nan, slope=nan.copy())
    _batch_check(options.kind, columns, order, free)
    chi2, slope, direction, outlier = _test(options, tested, _proportion_tests, _regression_tests)
    significant = free & (chi2 > _threshold(options.level)) & (direction != 0)
    by_direction = np.array(
        [
            _MARKER_ORDER.index(_MARKERS[-1, judge(-1, options.polarity)]),
            _NO_CHANGE,
            _MARKER_ORDER.index(_MARKERS[1, judge(1, options.polarity)]),
        ],
        dtype=np.int8,
    )
    trend = significant & ~outlier
    marker[trend] = by_direction[direction[trend] + 1]
    reason[significant & outlier] = TREND_REASONS.index(_OUTLIER_FOUND)
    reason[trend] = TREND_REASONS.index(_SIGNIFICANT)
    chi2 = np.where(free, chi2, math.nan)
    slope = np.where(free & np.isfinite(slope), slope, math.nan)
    return result(marker_codes=marker, reason_codes=reason, chi2=chi2, slope=slope)


def _batch_columns(kind: str, given: tuple[object, ...]) -> dict[str, FloatArray]:
    """The 2-d arrays ``kind`` needs, checked and of one shape; refuses the ones it does not use."""
    columns: dict[str, FloatArray] = {}
    for name, array in _needed(kind, given).items():
        if array is None:
            raise InvalidInputError(name, None, f"an array of series × years with kind={kind!r}")
        column = as_floats(array, name, counts=name in {"numerators", "denominators"})
        if column.ndim != 2:  # series × years
            raise InvalidInputError(
                name, f"an array of shape {column.shape}", "an array of series × years (2-d)"
            )
        first_name, first = next(iter(columns.items()), (name, column))
        if column.shape != first.shape:
            raise InvalidInputError(
                name,
                f"an array of shape {column.shape}",
                f"the shape of {first_name} {first.shape}",
            )
        columns[name] = column
    return columns


def _batch_years(years: object, shape: tuple[int, ...]) -> FloatArray:
    """The years, checked: one row of ``shape[1]`` years, or an array of ``shape``."""
    when = as_floats(years, "years", missing=False)
    if when.shape not in {(shape[1],), shape}:
        raise InvalidInputError(
            "years",
            f"an array of shape {when.shape}",
            f"one row of {shape[1]} years, or one row per series {shape}",
        )
    return _whole_years(when)


def _take(array: FloatArray, order: npt.NDArray[np.intp], series: int) -> FloatArray:
    """``array``'s columns in ``order``: one order shared by every row, or one per row."""
    if order.ndim == 1:
        taken = array[..., order]
        return np.broadcast_to(taken, (series, order.size)) if taken.ndim == 1 else taken
    return np.take_along_axis(array, order, axis=-1)


def _batch_blocked(
    when: FloatArray, tested: dict[str, FloatArray], shape: tuple[int, ...], wanted: int
) -> list[tuple[int, npt.NDArray[np.bool_]]]:
    """Each reason a trend cannot be calculated with the series it stops, in ``recent_trend``'s order."""
    ordered = np.sort(when, axis=-1)
    duplicate = (np.diff(ordered, axis=-1) == 0).any(axis=-1)
    rows = np.broadcast_to(duplicate, (shape[0],))
    blocked = [(TREND_REASONS.index(_DUPLICATE_YEARS), rows)]
    if shape[1] < wanted:
        blocked.append((TREND_REASONS.index(_NOT_ENOUGH_POINTS), np.ones(shape[0], dtype=bool)))
        return blocked
    missing = np.zeros(shape[0], dtype=bool)
    for name in ("numerators", "denominators", "values"):
        if name in tested:
            missing |= np.isnan(tested[name]).any(axis=-1)
    blocked.append((TREND_REASONS.index(_MISSING_VALUES), missing))
    limits = np.zeros(shape[0], dtype=bool)
    for name in ("lower", "upper"):
        if name in tested:
            limits |= np.isnan(tested[name]).any(axis=-1)
    blocked.append((TREND_REASONS.index(_MISSING_LIMITS), limits))
    return blocked


def _batch_check(
    kind: str,
    columns: dict[str, FloatArray],
    order: npt.NDArray[np.intp],
    free: npt.NDArray[np.bool_],
) -> None:
    """Refuse misuse among the points tested of the series whose trend can be calculated."""
    shape = next(iter(columns.values())).shape
    tested = np.zeros(shape, dtype=bool)
    if order.ndim == 1:
        tested[:, order] = True
    else:
        np.put_along_axis(tested, order, values=True, axis=-1)
    tested &= free[:, None]

    def check(field: str, bad: npt.NDArray[np.bool_], expected: str) -> None:
        bad &= tested
        if bad.any():
            refuse(field, columns[field], bad, expected)

    with np.errstate(invalid="ignore"):
        if kind == "proportion":
            numerators, denominators = columns["numerators"], columns["denominators"]
            check("numerators", numerators < 0, "counts of at least 0")
            check("denominators", denominators <= 0, "denominators greater than 0")
            check(
                "numerators",
                numerators > denominators,
                "numerators no greater than their denominators",
            )
        else:
            check(
                "upper",
                columns["upper"] <= columns["lower"],
                "upper limits above their lower limits",
            )


def _signs(terms: FloatArray) -> npt.NDArray[np.int8]:
    """Row by row, ``_sign``: the sign of each row's sum, 0 within rounding of zero."""
    total = terms.sum(axis=-1)
    zero = ~np.isfinite(total) | (np.abs(total) <= _ZERO_TOLERANCE * np.abs(terms).sum(axis=-1))
    return np.where(zero, 0, np.sign(total)).astype(np.int8)


def _proportion_tests(
    observed: FloatArray, total: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Row by row, ``_proportion_test``, with whether a point left out turns the slope's sign."""
    big_n, big_o = total.sum(axis=-1), observed.sum(axis=-1)
    centred = t - ((total * t).sum(axis=-1) / big_n)[:, None]
    score = observed * centred
    spread = (total * centred**2).sum(axis=-1)
    # float_power squares as ``recent_trend``'s scalar ``**`` does (C's pow), to the last bit.
    chi2 = (
        np.float_power(big_n, 2)
        * np.float_power(score.sum(axis=-1), 2)
        / (big_o * (big_n - big_o) * spread)
    )
    chi2[(big_o == 0) | (big_o == big_n)] = math.nan
    # The log-odds are taken once: leaving a point out drops its column, the others' are the same.
    log_odds = np.log(observed) - np.log(total - observed)
    slope, direction = _log_odds_slopes(log_odds, observed, total, t)
    outlier = np.zeros(direction.shape, dtype=bool)
    for j in range(t.size):
        keep = np.arange(t.size) != j
        left_out = _log_odds_slopes(log_odds[:, keep], observed[:, keep], total[:, keep], t[keep])
        outlier |= left_out[1] != direction
    return chi2, slope, direction, outlier


def _log_odds_slopes(
    log_odds: FloatArray, observed: FloatArray, total: FloatArray, t: FloatArray
) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    """Row by row, ``_log_odds_slope``, given the log-odds."""
    finite = np.isfinite(log_odds).all(axis=-1)
    centred = t - t.mean()
    terms = log_odds * centred
    slope = np.where(finite, terms.sum(axis=-1) / (centred**2).sum(), math.nan)
    direction = _signs(terms)
    if not finite.all():  # the sign of the chi-square's score where the log-odds are infinite
        rows = ~finite
        o, n = observed[rows], total[rows]
        direction[rows] = _signs(o * (t - ((n * t).sum(axis=-1) / n.sum(axis=-1))[:, None]))
    return slope, direction


def _regression_tests(
    y: FloatArray, weights: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.int8], npt.NDArray[np.bool_]]:
    """Row by row, ``_regression_test``, with whether a point left out turns the slope's sign."""
    slope, spread, direction = _weighted_slopes(y, weights, t)
    chi2 = np.float_power(slope, 2) * spread  # as recent_trend's scalar ``**``, to the last bit
    outlier = np.zeros(direction.shape, dtype=bool)
    for j in range(t.size):
        keep = np.arange(t.size) != j
        outlier |= _weighted_slopes(y[:, keep], weights[:, keep], t[keep])[2] != direction
    return chi2, slope, direction, outlier


def _weighted_slopes(
    y: FloatArray, weights: FloatArray, t: FloatArray
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.int8]]:
    """Row by row, ``_weighted_slope``: centred on the weighted means of t and y."""
    total = weights.sum(axis=-1)
    centred = t - ((weights * t).sum(axis=-1) / total)[:, None]
    spread = (weights * centred**2).sum(axis=-1)
    terms = weights * centred * (y - ((weights * y).sum(axis=-1) / total)[:, None])
    return terms.sum(axis=-1) / spread, spread, _signs(terms)
