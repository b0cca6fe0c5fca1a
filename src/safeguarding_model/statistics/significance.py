"""Significance against a benchmark ("compared with England"), polarity and the RAG colours.

The public-health profiles decide whether an area differs from England by asking whether
England's value lies inside the area's confidence interval: inside is **similar**; an interval
wholly above is **higher**, wholly below **lower**. An indicator's
[`Polarity`][safeguarding_model.Polarity] then turns higher and lower into **better** and
**worse**. [`rag`][safeguarding_model.rag] maps the result to the colours reports print.

Examples:
    >>> from safeguarding_model import Polarity, compare_with_benchmark, rag, rate_ci
    >>> looked_after = rate_ci(1691, 244_700, per=10_000)
    >>> comparison = compare_with_benchmark(looked_after, 60.0, polarity=Polarity.NO_JUDGEMENT)
    >>> print(comparison)
    higher than England (60), 95% Byar's (exact Poisson below 10)
    >>> rag(comparison.significance)
    <Rag.BLUE: 'blue'>
"""

from __future__ import annotations

from typing import Any, Final, Generic, TypeVar, cast, overload

import attrs
import numpy as np
import numpy.typing as npt
from attrs import frozen

from safeguarding_model._bases import OLD_DEFAULT_PER_HUNDRED_THOUSAND, RateBase, parse_per
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Polarity, Rag, Significance, judge
from safeguarding_model.statistics._arrays import (
    BY_VALUE,
    FloatArray,
    Scalar,
    as_floats,
    broadcast,
)
from safeguarding_model.statistics.intervals import (
    Interval,
    IntervalMethod,
    proportion_ci,
    rate_ci,
)

__all__ = [
    "Comparison",
    "Polarity",
    "Rag",
    "Significance",
    "compare_proportion_with_benchmark",
    "compare_rate_with_benchmark",
    "compare_with_benchmark",
    "rag",
]


_CODE_WIDTH: Final = max(len(member.value) for member in Significance)


@overload
def rag(significance: Significance | str) -> Rag: ...
@overload
def rag(significance: npt.NDArray[np.str_]) -> npt.NDArray[np.str_]: ...
def rag(significance: Significance | str | npt.NDArray[np.str_]) -> Rag | npt.NDArray[np.str_]:
    """The colour for a significance: red worse, amber similar, green better, blue higher or lower, grey not compared.

    Takes one significance or an array of them (as a vectorised comparison returns) and gives
    one colour or an array of colours' values.

    Raises:
        InvalidInputError: For a value that is not a significance.

    Examples:
        >>> import numpy as np
        >>> from safeguarding_model import Significance, rag
        >>> rag(Significance.WORSE)
        <Rag.RED: 'red'>
        >>> rag(np.array(["better", "similar", "not_compared"]))
        array(['green', 'amber', 'grey'], dtype='<U5')
    """
    if isinstance(significance, np.ndarray):
        codes = significance.astype(str)
        unknown = ~np.isin(codes, [member.value for member in Significance])
        if unknown.any():
            bad = codes[unknown].flat[0]
            raise InvalidInputError(
                "significance", str(bad), "a Significance value such as 'better'"
            )
        colours = np.full(codes.shape, Rag.GREY.value, dtype="<U5")
        for member in Significance:
            colours[codes == member.value] = member.rag.value
        return colours
    try:
        return Significance(significance).rag
    except ValueError:
        raise InvalidInputError(
            "significance", significance, "a Significance value such as 'better'"
        ) from None


S = TypeVar("S", "Significance", npt.NDArray[np.str_])
"""What a comparison's significance is: one value, or an array of their values."""


@frozen
class Comparison(Generic[S]):
    """How a value (or every value of an array) compares with a benchmark, and how that was decided.

    Different methods and levels can disagree for the same area; the comparison keeps what was
    used so that a reader can see why. Comparisons compare by value, arrays by
    ``numpy.array_equal`` with NaN equal to NaN, and hash by their fields other than the
    significance and benchmark (which may be arrays).

    Examples:
        >>> from safeguarding_model import Polarity, compare_proportion_with_benchmark
        >>> result = compare_proportion_with_benchmark(746, 1000, 0.663, polarity=Polarity.HIGHER_IS_BETTER)
        >>> result.significance, result.method, result.confidence, result.comparator
        (<Significance.BETTER: 'better'>, <IntervalMethod.WILSON: 'wilson'>, 0.95, 'England')
    """

    significance: S = attrs.field(eq=BY_VALUE, hash=False)
    """One significance, or an array of their values for array inputs."""
    benchmark: float | npt.NDArray[np.float64] = attrs.field(eq=BY_VALUE, hash=False)
    """The benchmark value(s) compared with."""
    comparator: str
    """What the benchmark is: ``'England'``, ``'North West'``, ``'statistical neighbours'`` ..."""
    polarity: Polarity
    """The indicator's polarity, which turned higher and lower into better and worse."""
    confidence: float
    """The interval's confidence level."""
    method: IntervalMethod
    """How the interval was computed."""
    test: str = "benchmark outside the confidence interval"
    """The decision rule."""

    def counts(self) -> dict[Significance, int]:
        """How many values fell in each significance (a scalar comparison counts one).

        Examples:
            >>> from safeguarding_model import compare_rate_with_benchmark
            >>> compare_rate_with_benchmark([5, 50, 500], [1000, 1000, 1000], 5.0, per=100).counts()
            {<Significance.SIMILAR: 'similar'>: 1, <Significance.HIGHER: 'higher'>: 1, <Significance.LOWER: 'lower'>: 1}
        """
        codes = np.atleast_1d(np.asarray(self.significance, dtype=str))
        found = {
            Significance(code): int(n)
            for code, n in zip(*np.unique(codes, return_counts=True), strict=True)
        }
        return {member: found[member] for member in Significance if member in found}

    def __str__(self) -> str:
        level = f"{self.confidence:.1%}".replace(".0%", "%")
        how = f"{level} {self.method.description}"
        if isinstance(self.significance, Significance):
            benchmark = f"{self.benchmark:g}"
            words = {
                Significance.SIMILAR: "similar to",
                Significance.NOT_COMPARED: "not compared with",
            }.get(self.significance, f"{self.significance.value} than")
            return f"{words} {self.comparator} ({benchmark}), {how}"
        tally = ", ".join(f"{n} {member.value}" for member, n in self.counts().items())
        return f"{tally} against {self.comparator}, {how}"


def _interval_parts(interval: object) -> tuple[FloatArray, FloatArray, FloatArray]:
    """An interval's value and limits as float arrays, checked."""
    if not isinstance(interval, Interval):
        raise InvalidInputError(
            "interval", interval, "an Interval, from proportion_ci, rate_ci or your own"
        )
    return (
        as_floats(interval.value, "interval.value"),
        as_floats(interval.lower, "interval.lower"),
        as_floats(interval.upper, "interval.upper"),
    )


@overload
def compare_with_benchmark(
    interval: Interval[float],
    benchmark: Scalar,
    *,
    polarity: Polarity | str = ...,
    comparator: str = ...,
) -> Comparison[Significance]: ...
@overload
def compare_with_benchmark(
    interval: Interval[Any],
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_with_benchmark(
    interval: Interval[Any],
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str = Polarity.NO_JUDGEMENT,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare each value's interval with a benchmark: is the area significantly different?

    The rule of the public-health profiles: if the benchmark lies within the interval (limits
    included) the result is similar; an interval wholly above the benchmark is higher, wholly
    below is lower; polarity then makes higher better (higher is better) or worse (lower is
    better). A missing value, limit or benchmark gives not compared. The level is the
    interval's: compute the interval at 0.998 for the profiles' 99.8% comparison.

    Args:
        interval: The observations' intervals, from [`proportion_ci`][safeguarding_model.proportion_ci],
            [`rate_ci`][safeguarding_model.rate_ci], [`mean_ci`][safeguarding_model.mean_ci] or
            an [`Interval`][safeguarding_model.Interval] built from published limits.
        benchmark: The benchmark value (England, the region ...), on the interval's scale; one
            for all, or one per value.
        polarity: The indicator's polarity.
        comparator: What the benchmark is, recorded in the result.

    Returns:
        The comparison: one [`Significance`][safeguarding_model.Significance] for scalar
        intervals, an array of their values for arrays.

    Raises:
        InvalidInputError: For an unknown polarity, something other than an ``Interval``, a
            benchmark or interval fields that are not numbers or infinite, shapes that do not
            broadcast together, or lower limits above upper ones.

    Examples:
        >>> from safeguarding_model import Interval, IntervalMethod, Polarity, compare_with_benchmark
        >>> published = Interval(value=15.9, lower=12.1, upper=20.5, confidence=0.95, method=IntervalMethod.PUBLISHED)
        >>> compare_with_benchmark(published, 12.0, polarity=Polarity.LOWER_IS_BETTER).significance
        <Significance.WORSE: 'worse'>
    """
    chosen = Polarity.parse(polarity)
    parts = _interval_parts(interval)
    target = as_floats(benchmark, "benchmark")
    value, lower, upper, _ = broadcast(
        ("interval.value", parts[0]),
        ("interval.lower", parts[1]),
        ("interval.upper", parts[2]),
        ("benchmark", target),
    )
    with np.errstate(invalid="ignore"):
        crossed = lower > upper
    if crossed.any():
        position = np.argwhere(np.atleast_1d(crossed))[0]
        raise InvalidInputError(
            "interval",
            f"lower {np.atleast_1d(lower)[tuple(position)]} above upper",
            "lower limits at most upper",
        )
    missing = np.isnan(value) | np.isnan(lower) | np.isnan(upper) | np.isnan(target)
    with np.errstate(invalid="ignore"):
        above = lower > target
        below = upper < target
    higher, lower_word = judge(1, chosen), judge(-1, chosen)
    codes = np.where(
        missing,
        Significance.NOT_COMPARED.value,
        np.where(
            above, higher.value, np.where(below, lower_word.value, Significance.SIMILAR.value)
        ),
    ).astype(f"<U{_CODE_WIDTH}")
    scalar = codes.ndim == 0
    return Comparison[Any](
        significance=Significance(str(codes)) if scalar else codes,
        benchmark=float(target)
        if target.ndim == 0
        else np.broadcast_to(target, codes.shape).copy(),
        comparator=comparator,
        polarity=chosen,
        confidence=interval.confidence,
        method=interval.method,
    )


@overload
def compare_proportion_with_benchmark(
    numerator: Scalar,
    denominator: Scalar,
    benchmark: Scalar,
    *,
    polarity: Polarity | str = ...,
    confidence: float = ...,
    multiplier: float = ...,
    comparator: str = ...,
) -> Comparison[Significance]: ...
@overload
def compare_proportion_with_benchmark(
    numerator: npt.ArrayLike,
    denominator: npt.ArrayLike,
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str = ...,
    confidence: float = ...,
    multiplier: float = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_proportion_with_benchmark(  # noqa: PLR0913 - the counts, the benchmark and the options of its interval
    numerator: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str = Polarity.NO_JUDGEMENT,
    confidence: float = 0.95,
    multiplier: float = 1,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare proportions, from their counts, with a benchmark (Wilson intervals).

    The same as ``compare_with_benchmark(proportion_ci(numerator, denominator, ...), benchmark, ...)``;
    give the benchmark on the scale of ``multiplier`` (a percentage with ``multiplier=100``).

    Raises:
        InvalidInputError: For what [`proportion_ci`][safeguarding_model.proportion_ci] or
            [`compare_with_benchmark`][safeguarding_model.compare_with_benchmark] refuses.

    Examples:
        >>> from safeguarding_model import Polarity, compare_proportion_with_benchmark
        >>> # 67.5% of 12,000 children with a good level of development, against England's 66.3%
        >>> print(compare_proportion_with_benchmark(8100, 12_000, 66.3, multiplier=100, polarity="higher_is_better"))
        better than England (66.3), 95% Wilson score
    """
    counted, over = (
        cast("npt.ArrayLike", numerator),
        cast("npt.ArrayLike", denominator),
    )  # the overloads type the result
    interval = proportion_ci(counted, over, confidence=confidence, multiplier=multiplier)
    return compare_with_benchmark(interval, benchmark, polarity=polarity, comparator=comparator)


@overload
def compare_rate_with_benchmark(
    count: Scalar,
    denominator: Scalar,
    benchmark: Scalar,
    *,
    per: float | str | RateBase = ...,
    polarity: Polarity | str = ...,
    confidence: float = ...,
    comparator: str = ...,
) -> Comparison[Significance]: ...
@overload
def compare_rate_with_benchmark(
    count: npt.ArrayLike,
    denominator: npt.ArrayLike,
    benchmark: npt.ArrayLike | Scalar,
    *,
    per: float | str | RateBase = ...,
    polarity: Polarity | str = ...,
    confidence: float = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_rate_with_benchmark(  # noqa: PLR0913 - the counts, the benchmark and the options of its interval
    count: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    benchmark: npt.ArrayLike | Scalar,
    *,
    per: float | str | RateBase = OLD_DEFAULT_PER_HUNDRED_THOUSAND,
    polarity: Polarity | str = Polarity.NO_JUDGEMENT,
    confidence: float = 0.95,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare crude rates, from their counts, with a benchmark (Byar's / exact Poisson intervals).

    The same as ``compare_with_benchmark(rate_ci(count, denominator, per=per, ...), benchmark, ...)``;
    give the benchmark per ``per``. ``per`` is required: a call without it still uses per
    100,000 but warns (``DeprecationWarning``).

    Raises:
        InvalidInputError: For what [`rate_ci`][safeguarding_model.rate_ci] or
            [`compare_with_benchmark`][safeguarding_model.compare_with_benchmark] refuses.

    Examples:
        >>> from safeguarding_model import compare_rate_with_benchmark
        >>> print(compare_rate_with_benchmark(1691, 244_700, 60, per=10_000, confidence=0.998))
        higher than England (60), 99.8% Byar's (exact Poisson below 10)
    """
    counted, over = (
        cast("npt.ArrayLike", count),
        cast("npt.ArrayLike", denominator),
    )  # the overloads type the result
    base = parse_per(per, function="compare_rate_with_benchmark")
    interval = rate_ci(counted, over, per=base, confidence=confidence)
    return compare_with_benchmark(interval, benchmark, polarity=polarity, comparator=comparator)
