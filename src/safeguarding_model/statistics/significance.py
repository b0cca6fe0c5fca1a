"""Significance against a benchmark ("compared with England"), polarity and the RAG colours.

The public-health profiles decide whether an area differs from England by asking whether
England's value lies inside the area's confidence interval: inside is **similar**; an interval
wholly above is **higher**, wholly below **lower**. An indicator's
[`Polarity`][safeguarding_model.Polarity] then turns higher and lower into **better** and
**worse**. [`rag`][safeguarding_model.rag] maps the result to the colours reports print.
[`compare_at_levels`][safeguarding_model.statistics.significance.compare_at_levels] compares at
95% and 99.8% together and labels the result as the profiles print it ("Worse 99.8%").

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

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar, cast, overload

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
    check_confidence,
)
from safeguarding_model.statistics._methods import count_method
from safeguarding_model.statistics.intervals import (
    Interval,
    IntervalMethod,
    proportion_ci,
    rate_ci,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "PROFILE_LEVELS",
    "BenchmarkLabel",
    "Comparison",
    "Labels",
    "Polarity",
    "Rag",
    "Significance",
    "TwoLevelComparison",
    "compare_at_levels",
    "compare_proportion_with_benchmark",
    "compare_rate_with_benchmark",
    "compare_with_benchmark",
    "rag",
]


_CODE_WIDTH: Final = max(len(member.value) for member in Significance)

_SIGNIFICANCE_LABELS: Final[tuple[str, ...]] = tuple(member.value for member in Significance)
"""The label table of significance codes: the values of `Significance`, in its order."""

_CODE: Final = {value: np.int8(code) for code, value in enumerate(_SIGNIFICANCE_LABELS)}
_TABLE: Final = np.array(_SIGNIFICANCE_LABELS, dtype=f"<U{_CODE_WIDTH}")
_MISSING_LABEL: Final = "missing"


def _row(position: tuple[int, ...]) -> str:
    return str(position[0]) if len(position) == 1 else str(position)


@frozen
class Labels:
    """Labels as small integer codes and the table that names them, for data frames.

    Building a pandas ``Categorical`` from an array of a million strings costs more than the
    statistics that made it; from codes it is a copy. ``codes[i]`` names
    ``categories[codes[i]]``; every code is a category, a missing label included (it has a code of
    its own, never ``""``). Labels compare by value.

    Examples:
        >>> from safeguarding_model import compare_rate_with_benchmark
        >>> labels = compare_rate_with_benchmark([5, 50, None], [1000, 1000, 1000], 0.5, per=100).labels()
        >>> labels.codes.tolist(), labels.categories[3], labels.categories[5]
        ([1, 3, 5], 'higher', 'not_compared')
        >>> labels.decode().tolist()
        ['similar', 'higher', 'not_compared']
    """

    codes: npt.NDArray[np.int8] = attrs.field(eq=BY_VALUE, hash=False)
    """One code per value: an index into ``categories``."""
    categories: tuple[str, ...]
    """The label table: the label of each code, in code order."""

    @classmethod
    def from_strings(
        cls,
        labels: npt.ArrayLike | Sequence[str | None],
        categories: tuple[str, ...],
        *,
        missing: str = _MISSING_LABEL,
    ) -> Labels:
        """Codes for an array of string labels, such as funnel labels or a comparison's significance.

        An empty string or ``None`` is missing: it takes the code of ``missing``, which is added
        at the end of the table when ``categories`` does not hold it already.

        Raises:
            InvalidInputError: For a label not in ``categories``, naming its row.

        Examples:
            >>> from safeguarding_model import Labels
            >>> table = ("High (0.001)", "High (0.025)", "Not significant", "Low (0.025)", "Low (0.001)")
            >>> labels = Labels.from_strings(["Low (0.025)", "", "High (0.001)"], table)
            >>> labels.codes.tolist(), labels.categories[-1]
            ([3, 5, 0], 'missing')
        """
        table = tuple(str(category) for category in categories)
        if missing not in table:
            table = (*table, missing)
        if len(table) > np.iinfo(np.int8).max:
            raise InvalidInputError(
                "categories", f"{len(table)} labels", f"at most {np.iinfo(np.int8).max} labels"
            )
        given = np.asarray(labels, dtype=object)
        absent = np.frompyfunc(lambda item: item is None, 1, 1)(given).astype(bool)
        text = np.where(absent, "", given).astype(str)
        codes = np.full(text.shape, -1, dtype=np.int8)
        for code, label in enumerate(table):
            codes[text == label] = code
        codes[text == ""] = table.index(missing)
        unknown = codes < 0
        if unknown.any():
            position = tuple(int(i) for i in np.argwhere(np.atleast_1d(unknown))[0])
            bad = np.atleast_1d(text)[position]
            field = "labels" if text.ndim == 0 else f"labels[{_row(position)}]"
            raise InvalidInputError(field, str(bad), f"one of {', '.join(map(repr, table))}")
        return cls(codes=codes, categories=table)

    def decode(self) -> npt.NDArray[np.str_]:
        """The labels as an array of strings.

        Examples:
            >>> import numpy as np
            >>> from safeguarding_model import Labels
            >>> Labels(np.array([1, 0], dtype=np.int8), ("yes", "no")).decode().tolist()
            ['no', 'yes']
        """
        return np.asarray(self.categories)[self.codes]

    def categorical(self, *, ordered: bool = False) -> Any:  # noqa: ANN401 - a pandas Categorical; pandas is an optional extra
        """A pandas ``Categorical`` of the labels, built from the codes (needs the ``pandas`` extra).

        Every category of the table is kept, even one no value takes, so that tables from
        different calls concatenate without recoding. Multi-dimensional codes are flattened in
        C order.

        Raises:
            ImportError: When pandas is not installed: ``pip install 'safeguarding-model[pandas]'``.

        Examples:
            >>> from safeguarding_model import compare_proportion_with_benchmark
            >>> labels = compare_proportion_with_benchmark([10, 90], [100, 100], 0.5).labels()
            >>> column = labels.categorical()
            >>> list(column), len(column.categories)
            (['lower', 'higher'], 6)
        """
        try:
            import pandas as pd  # noqa: PLC0415 - an optional extra, imported on use
        except ImportError as error:
            msg = "Labels.categorical needs pandas: pip install 'safeguarding-model[pandas]'"
            raise ImportError(msg) from error
        return pd.Categorical.from_codes(
            np.ravel(self.codes), categories=list(self.categories), ordered=ordered
        )


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
    polarity: Polarity | npt.NDArray[np.str_] = attrs.field(eq=BY_VALUE, hash=False)
    """The indicator's polarity, which turned higher and lower into better and worse; for a
    mixed table (polarity given per row), an array of the rows' polarity values."""
    confidence: float
    """The interval's confidence level."""
    method: IntervalMethod
    """How the interval was computed."""
    test: str = "benchmark outside the confidence interval"
    """The decision rule."""
    codes: npt.NDArray[np.int8] | None = attrs.field(
        default=None, eq=False, hash=False, repr=False, kw_only=True
    )
    """The significance as codes into the values of [`Significance`][safeguarding_model.Significance],
    in its order (``None`` when the comparison was built without them: [`labels`][safeguarding_model.statistics.significance.Comparison.labels]
    then reads the significance)."""

    def labels(self) -> Labels:
        """The significance as codes and a label table, for a data frame's categorical column.

        Examples:
            >>> from safeguarding_model import compare_rate_with_benchmark
            >>> comparison = compare_rate_with_benchmark([5, 50], [1000, 1000], 0.5, per=100)
            >>> labels = comparison.labels()
            >>> labels.codes.tolist(), [labels.categories[code] for code in labels.codes]
            ([1, 3], ['similar', 'higher'])
        """
        if self.codes is not None:
            return Labels(codes=self.codes, categories=_SIGNIFICANCE_LABELS)
        return Labels.from_strings(
            np.asarray(self.significance, dtype=str),
            _SIGNIFICANCE_LABELS,
            missing=Significance.NOT_COMPARED.value,
        )

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
    polarity: Polarity | str | npt.ArrayLike = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_with_benchmark(
    interval: Interval[Any],
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str | npt.ArrayLike = Polarity.NO_JUDGEMENT,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare each value's interval with a benchmark: is the area significantly different?

    The rule of the public-health profiles: if the benchmark lies within the interval (limits
    included) the result is similar; an interval wholly above the benchmark is higher, wholly
    below is lower; polarity then makes higher better (higher is better) or worse (lower is
    better). A missing value, limit or benchmark gives not compared. The level is the
    interval's: compute the interval at 0.998 for the profiles' 99.8% comparison, or use
    [`compare_at_levels`][safeguarding_model.statistics.significance.compare_at_levels] for both
    levels and the profiles' two-level labels.

    Args:
        interval: The observations' intervals, from [`proportion_ci`][safeguarding_model.proportion_ci],
            [`rate_ci`][safeguarding_model.rate_ci], [`mean_ci`][safeguarding_model.mean_ci] or
            an [`Interval`][safeguarding_model.Interval] built from published limits.
        benchmark: The benchmark value (England, the region ...), on the interval's scale; one
            for all, or one per value.
        polarity: The indicator's polarity; for a table of several indicators, one per value
            (a list, array or column of polarities, broadcast with the values). The result's
            ``polarity`` is then the array of each value's polarity.
        comparator: What the benchmark is, recorded in the result.

    Returns:
        The comparison: one [`Significance`][safeguarding_model.Significance] for scalar
        intervals, an array of their values for arrays.

    Raises:
        InvalidInputError: For an unknown polarity (named by its row, ``polarity[2]``, when
            given per row; more than 64 different spellings in one call are refused too),
            something other than an ``Interval``, a
            benchmark or interval fields that are not numbers or infinite, shapes that do not
            broadcast together, or lower limits above upper ones.

    Examples:
        >>> from safeguarding_model import Interval, IntervalMethod, Polarity, compare_with_benchmark
        >>> published = Interval(value=15.9, lower=12.1, upper=20.5, confidence=0.95, method=IntervalMethod.PUBLISHED)
        >>> compare_with_benchmark(published, 12.0, polarity=Polarity.LOWER_IS_BETTER).significance
        <Significance.WORSE: 'worse'>
    """
    parts = _interval_parts(interval)
    target = as_floats(benchmark, "benchmark")
    chosen, rows = _polarities(polarity)
    named = [
        ("interval.value", parts[0]),
        ("interval.lower", parts[1]),
        ("interval.upper", parts[2]),
        ("benchmark", target),
    ]
    if rows is not None:
        named.append(("polarity", rows[0].astype(np.float64)))
    value, lower, upper, _, *by_row = broadcast(*named)
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
    if rows is None:
        higher: Any = _CODE[judge(1, chosen).value]
        lower_code: Any = _CODE[judge(-1, chosen).value]
        polarities: Polarity | npt.NDArray[np.str_] = chosen
    else:
        index = by_row[0].astype(np.intp)
        parsed = rows[1]
        higher = np.array([_CODE[judge(1, one).value] for one in parsed], dtype=np.int8)[index]
        lower_code = np.array([_CODE[judge(-1, one).value] for one in parsed], dtype=np.int8)[index]
        polarities = np.array([one.value for one in parsed])[index]
    codes = np.where(
        missing,
        _CODE[Significance.NOT_COMPARED.value],
        np.where(above, higher, np.where(below, lower_code, _CODE[Significance.SIMILAR.value])),
    ).astype(np.int8)
    scalar = codes.ndim == 0
    return Comparison[Any](
        significance=Significance(_SIGNIFICANCE_LABELS[int(codes)]) if scalar else _TABLE[codes],
        benchmark=float(target)
        if target.ndim == 0
        else np.broadcast_to(target, codes.shape).copy(),
        comparator=comparator,
        polarity=polarities,
        confidence=interval.confidence,
        method=interval.method,
        codes=codes,
    )


_MOST_DISTINCT: Final = 64
"""How many different spellings of a per-row option one call reads (each is a full pass)."""

T = TypeVar("T")


def _equal(first: object, second: object) -> bool:
    """``first == second`` as a bool, ``False`` when it has none."""
    try:
        return bool(first == second)
    except (TypeError, ValueError):
        return False


def _per_row(
    field: str, given: npt.ArrayLike, parse: Callable[[Any], T]
) -> tuple[npt.NDArray[np.intp], list[T]]:
    """An option given per row: each row's index into the options it names, each read by ``parse``.

    A table holds few different values (three polarities, five bases), so each distinct value
    costs one vectorised comparison with every row rather than a Python step per row. A value
    ``parse`` refuses is reported at its first row.
    """
    # Arrays and columns keep their dtype; a list may mix numbers and names, so it stays objects.
    array = np.asarray(given) if hasattr(given, "__array__") else np.asarray(given, dtype=object)
    flat = array.reshape(-1)
    inverse = np.full(flat.shape, -1, dtype=np.intp)
    unassigned = np.ones(flat.shape, dtype=bool)
    parsed: list[T] = []
    start = 0
    while start < flat.size:
        value = flat[start]
        item = value.item() if isinstance(value, np.generic) else value
        where = tuple(int(i) for i in np.unravel_index(start, array.shape))
        try:
            parsed.append(parse(item))
        except InvalidInputError as error:
            raise InvalidInputError(f"{field}[{_row(where)}]", item, error.expected) from None
        if len(parsed) > _MOST_DISTINCT:
            raise InvalidInputError(
                field, f"more than {_MOST_DISTINCT} different values", f"at most {_MOST_DISTINCT}"
            )
        try:
            same = np.asarray(flat[start:] == value, dtype=bool)
        except (TypeError, ValueError):  # a value such as pandas' NA, whose == is not a bool
            same = np.frompyfunc(lambda other, known=value: _equal(other, known), 1, 1)(
                flat[start:]
            )
            same = same.astype(bool)
        same &= unassigned[start:]
        same[0] = True  # NaN is not equal to itself
        inverse[start:][same] = len(parsed) - 1
        unassigned[start:][same] = False
        following = int(np.argmax(unassigned[start:]))
        start = start + following if unassigned[start + following] else flat.size
    return inverse.reshape(array.shape), parsed


def _polarities(
    polarity: Polarity | str | npt.ArrayLike,
) -> tuple[Polarity, tuple[npt.NDArray[np.intp], list[Polarity]] | None]:
    """One polarity, or (for one per row) each row's index into the distinct polarities, checked."""
    if isinstance(polarity, str) or np.ndim(polarity) == 0:
        return Polarity.parse(cast("Polarity | str", polarity)), None
    return Polarity.NO_JUDGEMENT, _per_row("polarity", polarity, Polarity.parse)


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
    polarity: Polarity | str | npt.ArrayLike = ...,
    confidence: float = ...,
    multiplier: float = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_proportion_with_benchmark(  # noqa: PLR0913 - the counts, the benchmark and the options of its interval
    numerator: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    benchmark: npt.ArrayLike | Scalar,
    *,
    polarity: Polarity | str | npt.ArrayLike = Polarity.NO_JUDGEMENT,
    confidence: float = 0.95,
    multiplier: float = 1,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare proportions, from their counts, with a benchmark (Wilson intervals).

    The same as ``compare_with_benchmark(proportion_ci(numerator, denominator, ...), benchmark, ...)``;
    give the benchmark on the scale of ``multiplier`` (a percentage with ``multiplier=100``).
    ``polarity`` may be given per row, as in [`compare_with_benchmark`][safeguarding_model.compare_with_benchmark].

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
    per: float | str | RateBase | npt.ArrayLike = ...,
    polarity: Polarity | str | npt.ArrayLike = ...,
    confidence: float = ...,
    comparator: str = ...,
) -> Comparison[npt.NDArray[np.str_]]: ...
def compare_rate_with_benchmark(  # noqa: PLR0913 - the counts, the benchmark and the options of its interval
    count: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    benchmark: npt.ArrayLike | Scalar,
    *,
    per: float | str | RateBase | npt.ArrayLike = OLD_DEFAULT_PER_HUNDRED_THOUSAND,
    polarity: Polarity | str | npt.ArrayLike = Polarity.NO_JUDGEMENT,
    confidence: float = 0.95,
    comparator: str = "England",
) -> Comparison[Any]:
    """Compare crude rates, from their counts, with a benchmark (Byar's / exact Poisson intervals).

    The same as ``compare_with_benchmark(rate_ci(count, denominator, per=per, ...), benchmark, ...)``;
    give the benchmark per ``per``. ``per`` is required: a call without it still uses per
    100,000 but warns (``DeprecationWarning``).

    For a table of several indicators, ``per`` and ``polarity`` may be given per row (lists,
    arrays or columns, broadcast with the counts): each row gets the label a call for that row
    alone gives. The rows of each base are one ``rate_ci`` call, so a table costs about what a
    call per indicator costs, in one call.

    Raises:
        InvalidInputError: For what [`rate_ci`][safeguarding_model.rate_ci] or
            [`compare_with_benchmark`][safeguarding_model.compare_with_benchmark] refuses;
            for a ``per`` that is not a rate base, named by its row (``per[3]``) when given per
            row; for more than 64 different spellings of a base in one call.

    Examples:
        >>> from safeguarding_model import compare_rate_with_benchmark
        >>> # looked after per 10,000 children; re-referrals per 100 referrals, lower is better
        >>> mixed = compare_rate_with_benchmark(
        ...     [1691, 2400], [244_700, 11_000], [60, 25.0],
        ...     per=[10_000, 100], polarity=["no_judgement", "lower_is_better"],
        ... )
        >>> mixed.significance.tolist(), mixed.polarity.tolist()
        (['higher', 'better'], ['no_judgement', 'lower_is_better'])
        >>> print(compare_rate_with_benchmark(1691, 244_700, 60, per=10_000, confidence=0.998))
        higher than England (60), 99.8% Byar's (exact Poisson below 10)
    """
    counted, over = (
        cast("npt.ArrayLike", count),
        cast("npt.ArrayLike", denominator),
    )  # the overloads type the result
    if isinstance(per, str) or np.ndim(per) == 0:
        base = parse_per(
            cast("float | str | RateBase", per), function="compare_rate_with_benchmark"
        )
        interval = rate_ci(counted, over, per=base, confidence=confidence)
    else:
        interval = _mixed_rates(counted, over, per, confidence=confidence)
    return compare_with_benchmark(interval, benchmark, polarity=polarity, comparator=comparator)


def _mixed_rates(
    count: npt.ArrayLike, denominator: npt.ArrayLike, per: npt.ArrayLike, *, confidence: float
) -> Interval[Any]:
    """Rates with one base per row: each group of rows sharing a base is one ``rate_ci`` call."""
    inverse, bases = _per_row(
        "per",
        per,
        lambda value: parse_per(value, function="compare_rate_with_benchmark", stacklevel=6),
    )
    counts, over, group = broadcast(
        ("count", as_floats(count, "count")),
        ("denominator", as_floats(denominator, "denominator")),
        ("per", inverse.astype(np.float64)),
    )
    if not bases:  # an empty table: its checks, and empty results
        return rate_ci(counts, over, per=RateBase.PERCENT, confidence=confidence)
    # Rows sorted by base (a radix sort of small codes): each base's rows are one slice.
    order = np.argsort(group.reshape(-1).astype(np.uint8), kind="stable")
    ends = np.cumsum(np.bincount(group.reshape(-1).astype(np.intp), minlength=len(bases)))
    sorted_counts, sorted_over = counts.reshape(-1)[order], over.reshape(-1)[order]
    sorted_parts = [np.empty(order.shape, dtype=np.float64) for _ in range(3)]
    start = 0
    for base, end in zip(bases, ends.tolist(), strict=True):
        try:
            some = rate_ci(
                sorted_counts[start:end], sorted_over[start:end], per=base, confidence=confidence
            )
        except InvalidInputError:
            # Name the refused value's row in the table, not in the group: the whole table at
            # this base refuses it (or an earlier row) with its own position.
            rate_ci(count, denominator, per=base, confidence=confidence)
            raise
        for part, values_at_base in zip(
            sorted_parts, (some.value, some.lower, some.upper), strict=True
        ):
            part[start:end] = values_at_base
        start = end
    parts = [np.empty(group.shape, dtype=np.float64) for _ in range(3)]
    for part, sorted_part in zip(parts, sorted_parts, strict=True):
        part.reshape(-1)[order] = sorted_part
    return Interval[Any](
        value=parts[0],
        lower=parts[1],
        upper=parts[2],
        confidence=some.confidence,
        method=some.method,
        multiplier=1.0,
    )


# --- two levels at once: the profiles' "Better 95%", "Worse 99.8%" ------------------------------

PROFILE_LEVELS: Final = (0.95, 0.998)
"""The profiles' two levels: 95% and 99.8%."""


class BenchmarkLabel(StrEnum):
    """A comparison at two levels, as the profiles print it in their "compared with England" column.

    A **99.8%** label when the benchmark lies outside the area's 99.8% interval, a **95%** label
    when it lies outside the 95% interval only, **Similar** when inside both. The word is the
    one-level [`Significance`][safeguarding_model.Significance]'s: better or worse with a
    polarity, higher or lower without.

    The labels name the profiles' levels. With other ``levels`` (see
    [`compare_at_levels`][safeguarding_model.statistics.significance.compare_at_levels]) a
    "95%" label means "outside the first level only" and a "99.8%" label "outside the second":
    [`TwoLevelComparison.levels`][safeguarding_model.statistics.significance.TwoLevelComparison.levels]
    says which levels were used, and the result prints them.

    Examples:
        >>> from safeguarding_model import BenchmarkLabel
        >>> label = BenchmarkLabel("Worse 99.8%")
        >>> label.significance, label.level, label.rag
        (<Significance.WORSE: 'worse'>, 0.998, <Rag.RED: 'red'>)
        >>> BenchmarkLabel.SIMILAR.level is None
        True
    """

    BETTER_998 = "Better 99.8%"
    """Better than the benchmark at 99.8% (and so at 95%)."""
    BETTER_95 = "Better 95%"
    """Better at 95%, similar at 99.8%."""
    SIMILAR = "Similar"
    """The benchmark lies inside the 95% interval (and so inside the 99.8% one)."""
    WORSE_95 = "Worse 95%"
    """Worse at 95%, similar at 99.8%."""
    WORSE_998 = "Worse 99.8%"
    """Worse than the benchmark at 99.8% (and so at 95%)."""
    HIGHER_998 = "Higher 99.8%"
    """Higher at 99.8%, for an indicator without a polarity."""
    HIGHER_95 = "Higher 95%"
    """Higher at 95%, similar at 99.8%, for an indicator without a polarity."""
    LOWER_95 = "Lower 95%"
    """Lower at 95%, similar at 99.8%, for an indicator without a polarity."""
    LOWER_998 = "Lower 99.8%"
    """Lower at 99.8%, for an indicator without a polarity."""
    NOT_COMPARED = "Not compared"
    """The value, its interval or the benchmark is missing."""

    @property
    def significance(self) -> Significance:
        """The one-level result at the first level (95%): better, similar, worse, higher, lower or not compared."""
        return _LABEL_PARTS[self][0]

    @property
    def level(self) -> float | None:
        """The profile level the label names: 0.95, 0.998, or ``None`` for similar and not compared."""
        return _LABEL_PARTS[self][1]

    @property
    def rag(self) -> Rag:
        """The colour of its significance (red worse, amber similar, green better, blue higher or lower, grey)."""
        return self.significance.rag


_LABEL_PARTS: Final[dict[BenchmarkLabel, tuple[Significance, float | None]]] = {
    BenchmarkLabel.BETTER_998: (Significance.BETTER, 0.998),
    BenchmarkLabel.BETTER_95: (Significance.BETTER, 0.95),
    BenchmarkLabel.SIMILAR: (Significance.SIMILAR, None),
    BenchmarkLabel.WORSE_95: (Significance.WORSE, 0.95),
    BenchmarkLabel.WORSE_998: (Significance.WORSE, 0.998),
    BenchmarkLabel.HIGHER_998: (Significance.HIGHER, 0.998),
    BenchmarkLabel.HIGHER_95: (Significance.HIGHER, 0.95),
    BenchmarkLabel.LOWER_95: (Significance.LOWER, 0.95),
    BenchmarkLabel.LOWER_998: (Significance.LOWER, 0.998),
    BenchmarkLabel.NOT_COMPARED: (Significance.NOT_COMPARED, None),
}

_BENCHMARK_LABELS: Final[tuple[str, ...]] = tuple(member.value for member in BenchmarkLabel)
_LABEL_TABLE: Final = np.array(_BENCHMARK_LABELS)
_LABEL_RAG: Final = np.array([member.rag.value for member in BenchmarkLabel])
_INCONSISTENT: Final = -1


def _two_level_table() -> npt.NDArray[np.int8]:
    """The label code of each pair of significance codes (first level, second level).

    ``-1`` where the two cannot both hold for nested intervals: different at the second level
    but not at the first, or on different sides.
    """
    size = len(_SIGNIFICANCE_LABELS)
    table = np.full((size, size), _INCONSISTENT, dtype=np.int8)
    not_compared = _CODE[Significance.NOT_COMPARED.value]
    table[not_compared, :] = _BENCHMARK_LABELS.index(BenchmarkLabel.NOT_COMPARED.value)
    table[:, not_compared] = _BENCHMARK_LABELS.index(BenchmarkLabel.NOT_COMPARED.value)
    similar = _CODE[Significance.SIMILAR.value]
    table[similar, similar] = _BENCHMARK_LABELS.index(BenchmarkLabel.SIMILAR.value)
    for label, (significance, level) in _LABEL_PARTS.items():
        if level is None:
            continue
        first = _CODE[significance.value]
        second = first if level == PROFILE_LEVELS[1] else similar
        table[first, second] = _BENCHMARK_LABELS.index(label.value)
    return table


_TWO_LEVELS: Final = _two_level_table()

B = TypeVar("B", "BenchmarkLabel", npt.NDArray[np.str_])
"""What a two-level comparison's label is: one label, or an array of their values."""


def _percent(level: float) -> str:
    return f"{level:.1%}".replace(".0%", "%")


@frozen
class TwoLevelComparison(Generic[B]):
    """How a value (or every value of an array) compares with a benchmark at two levels at once.

    Holds the profile label and the two one-level [`Comparison`][safeguarding_model.Comparison]s
    it was decided from (``first`` at the lower level, ``second`` at the higher). Build one with
    [`compare_at_levels`][safeguarding_model.statistics.significance.compare_at_levels] from
    counts, or with [`from_comparisons`][safeguarding_model.statistics.significance.TwoLevelComparison.from_comparisons]
    from two comparisons you already have (published 95% and 99.8% limits, say).

    Examples:
        >>> from safeguarding_model import compare_at_levels
        >>> result = compare_at_levels(1691, 244_718, 60, interval="wilson", per=10_000)
        >>> result.label, result.levels
        (<BenchmarkLabel.HIGHER_998: 'Higher 99.8%'>, (0.95, 0.998))
        >>> print(result)
        Higher 99.8% against England (60), Wilson score at 95% and 99.8%
    """

    label: B = attrs.field(eq=BY_VALUE, hash=False)
    """One [`BenchmarkLabel`][safeguarding_model.statistics.significance.BenchmarkLabel], or an
    array of their values for array inputs."""
    first: Comparison[Any]
    """The comparison at the lower level (95%)."""
    second: Comparison[Any]
    """The comparison at the higher level (99.8%)."""
    codes: npt.NDArray[np.int8] = attrs.field(eq=False, hash=False, repr=False, kw_only=True)
    """The labels as codes into the values of ``BenchmarkLabel``, in its order."""

    @property
    def levels(self) -> tuple[float, float]:
        """The two levels: ``(0.95, 0.998)`` unless asked otherwise."""
        return (self.first.confidence, self.second.confidence)

    @property
    def significance(self) -> Any:  # noqa: ANN401 - a Significance, or an array of their values
        """The one-level result at the first level, as ``first.significance``."""
        return self.first.significance

    @property
    def rag(self) -> Rag | npt.NDArray[np.str_]:
        """The colour of each label: a [`Rag`][safeguarding_model.Rag], or an array of their values."""
        if isinstance(self.label, BenchmarkLabel):
            return self.label.rag
        return _LABEL_RAG[self.codes]

    def labels(self) -> Labels:
        """The labels as codes and a label table, for a data frame's categorical column.

        Examples:
            >>> from safeguarding_model import compare_at_levels
            >>> labels = compare_at_levels([70, 80, 95], 1000, 10, per=100, interval="wilson").labels()
            >>> labels.decode().tolist()
            ['Lower 99.8%', 'Lower 95%', 'Similar']
        """
        return Labels(codes=self.codes, categories=_BENCHMARK_LABELS)

    def counts(self) -> dict[BenchmarkLabel, int]:
        """How many values took each label (a scalar comparison counts one), in the labels' order.

        Examples:
            >>> from safeguarding_model import compare_at_levels
            >>> compare_at_levels([70, 80, 95], 1000, 10, per=100, interval="wilson").counts()
            {<BenchmarkLabel.SIMILAR: 'Similar'>: 1, <BenchmarkLabel.LOWER_95: 'Lower 95%'>: 1, <BenchmarkLabel.LOWER_998: 'Lower 99.8%'>: 1}
        """
        tally = np.bincount(np.ravel(self.codes).astype(np.intp), minlength=len(_BENCHMARK_LABELS))
        return {
            member: int(n) for member, n in zip(BenchmarkLabel, tally.tolist(), strict=True) if n
        }

    @classmethod
    def from_comparisons(
        cls, first: Comparison[Any], second: Comparison[Any]
    ) -> TwoLevelComparison[Any]:
        """The two-level result of two comparisons of the same values at two levels.

        Raises:
            InvalidInputError: When ``first``'s level is not below ``second``'s, their shapes
                differ, or a value differs at the higher level but not at the lower (or on the
                other side): intervals that are not nested, named by its row.

        Examples:
            >>> from safeguarding_model import Interval, IntervalMethod, compare_with_benchmark
            >>> from safeguarding_model import TwoLevelComparison
            >>> at_95 = Interval(value=15.9, lower=12.1, upper=20.5, confidence=0.95, method=IntervalMethod.PUBLISHED)
            >>> at_998 = Interval(value=15.9, lower=10.4, upper=23.5, confidence=0.998, method=IntervalMethod.PUBLISHED)
            >>> TwoLevelComparison.from_comparisons(
            ...     compare_with_benchmark(at_95, 12.0, polarity="lower_is_better"),
            ...     compare_with_benchmark(at_998, 12.0, polarity="lower_is_better"),
            ... ).label
            <BenchmarkLabel.WORSE_95: 'Worse 95%'>
        """
        for field, comparison in (("first", first), ("second", second)):
            if not isinstance(comparison, Comparison):
                raise InvalidInputError(
                    field, comparison, "a Comparison, from compare_with_benchmark"
                )
        if not first.confidence < second.confidence:
            raise InvalidInputError(
                "second.confidence",
                second.confidence,
                f"a level above the first comparison's ({first.confidence})",
            )
        inner, outer = first.labels().codes, second.labels().codes
        if inner.shape != outer.shape:
            raise InvalidInputError(
                "second", f"shape {outer.shape}", f"the first comparison's shape {inner.shape}"
            )
        codes = _TWO_LEVELS[inner.astype(np.intp), outer.astype(np.intp)]
        wrong = codes == _INCONSISTENT
        if wrong.any():
            position = tuple(int(i) for i in np.argwhere(np.atleast_1d(wrong))[0])
            field = "second" if codes.ndim == 0 else f"second[{_row(position)}]"
            raise InvalidInputError(
                field,
                f"{_SIGNIFICANCE_LABELS[int(np.atleast_1d(outer)[position])]} at "
                f"{_percent(second.confidence)} where {_percent(first.confidence)} gives "
                f"{_SIGNIFICANCE_LABELS[int(np.atleast_1d(inner)[position])]}",
                "nested intervals: a value different at the higher level is different, on the "
                "same side, at the lower",
            )
        label: Any = (
            BenchmarkLabel(_BENCHMARK_LABELS[int(codes)])
            if codes.ndim == 0
            else _LABEL_TABLE[codes]
        )
        return TwoLevelComparison[Any](label=label, first=first, second=second, codes=codes)

    def __str__(self) -> str:
        first, second = self.first, self.second
        method = first.method.description
        if second.method is not first.method:
            method = f"{method} and {second.method.description}"
        how = f"{method} at {_percent(first.confidence)} and {_percent(second.confidence)}"
        if isinstance(self.label, BenchmarkLabel):
            return f"{self.label.value} against {first.comparator} ({first.benchmark:g}), {how}"
        tally = ", ".join(f"{n} {member.value}" for member, n in self.counts().items())
        return f"{tally} against {first.comparator}, {how}"


def _check_levels(levels: object) -> tuple[float, float]:
    expected = "two increasing levels strictly between 0 and 1, such as (0.95, 0.998)"
    if isinstance(levels, str | bytes):
        raise InvalidInputError("levels", levels, expected)
    try:
        first, second = cast("tuple[object, object]", levels)
        chosen = (check_confidence(first), check_confidence(second))
    except (TypeError, ValueError):  # not a pair, or not levels (InvalidInputError included)
        raise InvalidInputError("levels", levels, expected) from None
    if not chosen[0] < chosen[1]:
        raise InvalidInputError("levels", levels, expected)
    return chosen


@overload
def compare_at_levels(
    count: Scalar,
    denominator: Scalar,
    benchmark: Scalar,
    *,
    interval: IntervalMethod | str = ...,
    per: float | str | RateBase | npt.ArrayLike | None = ...,
    polarity: Polarity | str = ...,
    levels: tuple[float, float] = ...,
    comparator: str = ...,
) -> TwoLevelComparison[BenchmarkLabel]: ...
@overload
def compare_at_levels(
    count: npt.ArrayLike,
    denominator: npt.ArrayLike,
    benchmark: npt.ArrayLike | Scalar,
    *,
    interval: IntervalMethod | str = ...,
    per: float | str | RateBase | npt.ArrayLike | None = ...,
    polarity: Polarity | str | npt.ArrayLike = ...,
    levels: tuple[float, float] = ...,
    comparator: str = ...,
) -> TwoLevelComparison[npt.NDArray[np.str_]]: ...
def compare_at_levels(  # noqa: PLR0913 - the counts, the benchmark and the options of its intervals
    count: npt.ArrayLike | Scalar,
    denominator: npt.ArrayLike | Scalar,
    benchmark: npt.ArrayLike | Scalar,
    *,
    interval: IntervalMethod | str = IntervalMethod.BYARS_EXACT,
    per: float | str | RateBase | npt.ArrayLike | None = None,
    polarity: Polarity | str | npt.ArrayLike = Polarity.NO_JUDGEMENT,
    levels: tuple[float, float] = PROFILE_LEVELS,
    comparator: str = "England",
) -> TwoLevelComparison[Any]:
    """Compare counts with a benchmark at 95% and 99.8% together, with the profiles' labels.

    Computes each value's interval at both levels (one numpy call per level for a whole column)
    and labels it as the profiles do: "Worse 99.8%" when the benchmark lies outside the 99.8%
    interval, "Worse 95%" when outside the 95% interval only, "Similar" when inside both,
    "Not compared" when something is missing; "Better", "Higher" and "Lower" likewise.

    ``interval`` is the method, as an [`IndicatorDefinition`][safeguarding_model.IndicatorDefinition]'s
    ``interval`` names it: ``"byars_exact"`` (the default: events, as
    [`rate_ci`][safeguarding_model.rate_ci]) or ``"wilson"`` (a proportion: children counted once
    out of the population, as [`proportion_ci`][safeguarding_model.proportion_ci]).

    A function of its own, rather than a ``levels=`` option on
    [`compare_rate_with_benchmark`][safeguarding_model.compare_rate_with_benchmark]: each
    function returns one kind of result, and the one-level comparisons stay as they are.

    Args:
        count: The numerators: events (Byar's) or children counted once (Wilson).
        denominator: The populations or denominators, greater than 0.
        benchmark: The benchmark on the scale of ``per``; one for all, or one per value.
        interval: ``"byars_exact"`` or ``"wilson"`` (an ``IntervalMethod``).
        per: The base: for Byar's a rate base (required; one per row allowed); for Wilson
            ``None`` for a proportion (0 to 1), ``100`` for a percentage, or a rate base for a
            proportion printed as a rate (children looked after per 10,000).
        polarity: The indicator's polarity, or one per value.
        levels: The two levels, increasing: ``(0.95, 0.998)``.
        comparator: What the benchmark is, recorded in the result.

    Returns:
        The [`TwoLevelComparison`][safeguarding_model.statistics.significance.TwoLevelComparison]:
        one label for scalar inputs, an array of their values for arrays.

    Raises:
        InvalidInputError: For an ``interval`` other than the two, ``levels`` that are not two
            increasing levels in (0, 1), a missing ``per`` for Byar's, and what
            [`rate_ci`][safeguarding_model.rate_ci], [`proportion_ci`][safeguarding_model.proportion_ci]
            (a count above its denominator, for Wilson) or
            [`compare_with_benchmark`][safeguarding_model.compare_with_benchmark] refuse.

    Examples:
        >>> from safeguarding_model import compare_at_levels
        >>> # children looked after: 1,691 of 244,718 children, against England's 60 per 10,000
        >>> print(compare_at_levels(1691, 244_718, 60, interval="wilson", per=10_000))
        Higher 99.8% against England (60), Wilson score at 95% and 99.8%
        >>> compare_at_levels([12, 18, 24], 5000, 60, per=10_000, polarity="lower_is_better").label.tolist()
        ['Better 99.8%', 'Better 95%', 'Similar']
    """
    method = count_method(interval)
    chosen = _check_levels(levels)
    counted, over = cast("npt.ArrayLike", count), cast("npt.ArrayLike", denominator)
    comparisons: list[Comparison[Any]] = []
    for level in chosen:
        if method is IntervalMethod.WILSON:
            base = None if per is None else cast("float | str | RateBase", per)
            at_level = proportion_ci(counted, over, confidence=level, per=base)
            comparisons.append(
                compare_with_benchmark(
                    at_level, benchmark, polarity=polarity, comparator=comparator
                )
            )
            continue
        if per is None:
            raise InvalidInputError(
                "per",
                per,
                "a rate base for Byar's interval (100, 1_000, 10_000, 100_000 or 1_000_000)",
            )
        comparisons.append(
            compare_rate_with_benchmark(
                counted,
                over,
                benchmark,
                per=per,
                polarity=polarity,
                confidence=level,
                comparator=comparator,
            )
        )
    return TwoLevelComparison.from_comparisons(comparisons[0], comparisons[1])
