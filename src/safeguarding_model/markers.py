"""The vocabulary of judgements on figures: polarity, significance, colours, direction of travel.

Plain enums with no numpy, so that records (an observation's stated significance, a Section 11
rating) can use them without loading the statistics layer, which computes them.

What a difference means is decided in one place, [`judge`][safeguarding_model.markers.judge]:
a difference above zero is higher, below zero lower, and an indicator's polarity turns higher
and lower into better and worse. Significance against a benchmark, direction of travel from
intervals and the recent trend all ask it; a direction from values alone does not, having no
test to name (see [`Direction`][safeguarding_model.markers.Direction]).
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final, Self, TypeVar

from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["Direction", "Labelled", "Polarity", "Rag", "Significance", "judge"]


class Labelled:
    """Mixin for string enums printed as words: ``label`` and ``from_label`` (any case).

    Examples:
        >>> from safeguarding_model import Significance
        >>> Significance.from_label("not compared").label
        'Not compared'
    """

    value: str

    @property
    def label(self) -> str:
        """The printed words: the value with spaces, capitalised (``'Not compared'``)."""
        return self.value.replace("_", " ").capitalize()

    @classmethod
    def from_label(cls, label: str) -> Self:
        """Read the printed words (any case, any spacing).

        Raises:
            InvalidInputError: For words that are none of the members'.
        """
        key = "_".join(label.strip().lower().split())
        try:
            return cls(key)  # type: ignore[call-arg]  # the enum the mixin is part of takes its value
        except ValueError:
            members: list[Labelled] = list(cls)  # type: ignore[call-overload]  # an enum is iterable
            expected = "one of " + ", ".join(repr(member.label) for member in members)
            raise InvalidInputError("label", label, expected) from None


class Polarity(SchemaDescribed, StrEnum):
    """Whether a higher value of an indicator is better, worse, or neither.

    Children looked after, say, has no polarity: a higher rate is not in itself good or bad.

    Examples:
        >>> from safeguarding_model import Polarity
        >>> Polarity.LOWER_IS_BETTER.flipped()
        <Polarity.HIGHER_IS_BETTER: 'higher_is_better'>
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    NO_JUDGEMENT = "no_judgement"

    @classmethod
    def parse(cls, polarity: Polarity | str) -> Polarity:
        """A polarity from itself or its value (``'higher_is_better'``, ``'lower_is_better'``, ``'no_judgement'``).

        Raises:
            InvalidInputError: For anything else.

        Examples:
            >>> from safeguarding_model import Polarity
            >>> Polarity.parse("lower_is_better")
            <Polarity.LOWER_IS_BETTER: 'lower_is_better'>
        """
        try:
            return cls(polarity)
        except ValueError:
            raise InvalidInputError(
                "polarity",
                polarity,
                "'higher_is_better', 'lower_is_better' or 'no_judgement'",
            ) from None

    def flipped(self) -> Polarity:
        """The opposite polarity (no judgement stays no judgement)."""
        if self is Polarity.HIGHER_IS_BETTER:
            return Polarity.LOWER_IS_BETTER
        if self is Polarity.LOWER_IS_BETTER:
            return Polarity.HIGHER_IS_BETTER
        return self


class Significance(Labelled, SchemaDescribed, StrEnum):
    """The result of comparing a value with a benchmark.

    ``better`` or ``worse`` for an indicator with a polarity, ``higher`` or ``lower`` for one
    without, ``similar`` when the benchmark lies within the interval, ``not_compared`` when
    something is missing.

    Examples:
        >>> from safeguarding_model import compare_rate_with_benchmark
        >>> # 1,691 events among 244,718 children, against England's 60 per 10,000
        >>> compared = compare_rate_with_benchmark(1691, 244_718, 60, per=10_000, polarity="lower_is_better")
        >>> compared.significance, compared.significance.label
        (<Significance.WORSE: 'worse'>, 'Worse')
    """

    BETTER = "better"
    """Significantly better than the benchmark, for an indicator with a polarity."""
    SIMILAR = "similar"
    """The benchmark lies within the interval: no significant difference."""
    WORSE = "worse"
    """Significantly worse than the benchmark, for an indicator with a polarity."""
    HIGHER = "higher"
    """Significantly higher, for an indicator without a polarity."""
    LOWER = "lower"
    """Significantly lower, for an indicator without a polarity."""
    NOT_COMPARED = "not_compared"
    """The value, its interval or the benchmark is missing."""

    @property
    def rag(self) -> Rag:
        """The colour reports print for this result (see [`Rag`][safeguarding_model.Rag])."""
        return _RAG_OF[self]


class Rag(SchemaDescribed, StrEnum):
    """The colours reports print beside a comparison.

    | colour | meaning |
    | --- | --- |
    | red | significantly worse than the benchmark |
    | amber | no significant difference |
    | green | significantly better |
    | blue | significantly higher or lower, for an indicator without polarity (as the profiles shade it) |
    | grey | not compared |

    This is significance against a benchmark; a target's RAG rating (met, near, missed) is a
    different judgement and should not share the colours' meaning by accident.

    Examples:
        >>> from safeguarding_model import compare_rate_with_benchmark
        >>> for england in (60, 69, 80):
        ...     compared = compare_rate_with_benchmark(1691, 244_718, england, per=10_000, polarity="lower_is_better")
        ...     print(england, compared.significance, compared.significance.rag)
        60 worse red
        69 similar amber
        80 better green
    """

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    GREY = "grey"

    @classmethod
    def from_label(cls, label: str) -> Rag:
        """Read a colour as reports print it (any case; ``gray`` too).

        Raises:
            InvalidInputError: For words that are not a colour here.

        Examples:
            >>> from safeguarding_model import Rag
            >>> Rag.from_label("Gray"), Rag.from_label(" RED ")
            (<Rag.GREY: 'grey'>, <Rag.RED: 'red'>)
        """
        key = label.strip().lower().replace("gray", "grey")
        try:
            return cls(key)
        except ValueError:
            raise InvalidInputError("label", label, "red, amber, green, blue or grey") from None


_RAG_OF: Final = {
    Significance.BETTER: Rag.GREEN,
    Significance.SIMILAR: Rag.AMBER,
    Significance.WORSE: Rag.RED,
    Significance.HIGHER: Rag.BLUE,
    Significance.LOWER: Rag.BLUE,
    Significance.NOT_COMPARED: Rag.GREY,
}


def judge(difference: float | Decimal | None, polarity: Polarity | str) -> Significance:
    """What a difference means for an indicator of ``polarity``: the one place it is decided.

    ``difference`` is the sign that matters: a value minus its benchmark, a later value minus an
    earlier one, a trend's slope; give it only once the difference is known to be significant.

    | difference | higher is better | lower is better | no judgement |
    | --- | --- | --- | --- |
    | above 0 | better | worse | higher |
    | below 0 | worse | better | lower |
    | 0 | similar | similar | similar |
    | ``None`` or NaN | not compared | not compared | not compared |

    Args:
        difference: The difference, or its sign; ``None`` (or NaN) when it is missing.
        polarity: The indicator's polarity, or its value.

    Returns:
        The [`Significance`][safeguarding_model.Significance] the difference amounts to.

    Raises:
        InvalidInputError: For an unknown polarity.

    Examples:
        >>> from safeguarding_model.markers import Polarity, judge
        >>> judge(5.2, Polarity.LOWER_IS_BETTER), judge(-1, "no_judgement"), judge(None, "higher_is_better")
        (<Significance.WORSE: 'worse'>, <Significance.LOWER: 'lower'>, <Significance.NOT_COMPARED: 'not_compared'>)
    """
    chosen = Polarity.parse(polarity)
    # NaN, float or Decimal, is the one value unequal to itself.
    if difference is None or difference != difference:  # noqa: PLR0124 - the NaN test
        return Significance.NOT_COMPARED
    if difference == 0:
        return Significance.SIMILAR
    higher, lower = _MEANINGS[chosen]
    return higher if difference > 0 else lower


_MEANINGS: Final = {
    Polarity.HIGHER_IS_BETTER: (Significance.BETTER, Significance.WORSE),
    Polarity.LOWER_IS_BETTER: (Significance.WORSE, Significance.BETTER),
    Polarity.NO_JUDGEMENT: (Significance.HIGHER, Significance.LOWER),
}


_Number = TypeVar("_Number", float, "Decimal")
"""A figure compared by value: a float, or a ``Decimal`` as printed."""


class Direction(SchemaDescribed, StrEnum):
    """Which way an indicator moved between two periods.

    | direction | words | when |
    | --- | --- | --- |
    | improving | Better | a significant change the good way |
    | worsening | Worse | a significant change the bad way |
    | increasing / decreasing | Increasing / Decreasing | a significant change, no polarity |
    | no significant change | Stable | a change within the difference's confidence interval |
    | higher not tested / lower not tested | Higher, not tested / Lower, not tested | values compared alone: they differ by more than rounding could make |
    | within rounding | Within rounding | values compared alone: they differ by no more than rounding could make |
    | no change | Same | identical values |
    | not compared | Not compared | a value missing |

    The first five rest on a test (the change's confidence interval, from counts or published
    limits); the value-only ones say nothing of significance, and polarity does not turn them
    into better or worse: a difference of two printed figures is not a test.

    Examples:
        >>> from safeguarding_model import Direction
        >>> Direction.from_source_word("Stable"), Direction.IMPROVING.source_word
        (<Direction.NO_SIGNIFICANT_CHANGE: 'no_significant_change'>, 'Better')
        >>> Direction.LOWER_NOT_TESTED.source_word, Direction.LOWER_NOT_TESTED.tested
        ('Lower, not tested', False)
    """

    IMPROVING = "improving"
    WORSENING = "worsening"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    HIGHER_NOT_TESTED = "higher_not_tested"
    LOWER_NOT_TESTED = "lower_not_tested"
    WITHIN_ROUNDING = "within_rounding"
    NO_CHANGE = "no_change"
    NOT_COMPARED = "not_compared"

    @classmethod
    def of_change(cls, significance: Significance) -> Direction:
        """The direction of travel a significant change amounts to, as [`judge`][safeguarding_model.markers.judge] decides it.

        Better is improving, worse worsening, higher increasing, lower decreasing, similar no
        significant change, not compared not compared.

        Examples:
            >>> from safeguarding_model import Direction, Polarity
            >>> from safeguarding_model.markers import judge
            >>> Direction.of_change(judge(-2.0, Polarity.LOWER_IS_BETTER))
            <Direction.IMPROVING: 'improving'>
        """
        return _OF_CHANGE[Significance(significance)]

    @classmethod
    def of_values(cls, difference: _Number, *, rounding: _Number | None = None) -> Direction:
        """The direction two values alone give, with no test: higher, lower, within rounding, same.

        ``difference`` is the later value minus the earlier (a float or a ``Decimal``); one no
        larger than ``rounding`` (of the same type, at least 0: what rounding the two printed
        figures could make; none by default) is within rounding. Polarity plays no part: without
        a test, a difference is not better or worse.

        Raises:
            InvalidInputError: For a negative ``rounding``.

        Examples:
            >>> from safeguarding_model import Direction
            >>> # Infant mortality, 5.1 then 4.8 per 1,000 live births, each printed to 0.1
            >>> Direction.of_values(4.8 - 5.1, rounding=0.1).source_word
            'Lower, not tested'
            >>> Direction.of_values(0.1, rounding=0.1), Direction.of_values(0)
            (<Direction.WITHIN_ROUNDING: 'within_rounding'>, <Direction.NO_CHANGE: 'no_change'>)
        """
        if rounding is not None and not rounding >= 0:
            raise InvalidInputError("rounding", rounding, "a number of at least 0")
        if difference != difference:  # noqa: PLR0124 - NaN is the one value unequal to itself
            return cls.NOT_COMPARED
        if difference == 0:
            return cls.NO_CHANGE
        if rounding is not None and abs(difference) <= rounding:
            return cls.WITHIN_ROUNDING
        return cls.HIGHER_NOT_TESTED if difference > 0 else cls.LOWER_NOT_TESTED

    @property
    def tested(self) -> bool:
        """Whether the direction rests on a test of the change (better, worse, stable ...).

        ``False`` for the value-only directions, for identical values and for not compared.

        Examples:
            >>> from safeguarding_model import Direction
            >>> Direction.NO_SIGNIFICANT_CHANGE.tested, Direction.WITHIN_ROUNDING.tested
            (True, False)
        """
        return self in _TESTED

    @property
    def source_word(self) -> str:
        """The words reports print: Better, Worse, Stable, Same, Lower, not tested ..."""
        return _WORDS[self]

    @classmethod
    def from_source_word(cls, word: str) -> Direction:
        """Read a report's word (any case): better, improving, worse, worsening, stable, same ...

        Raises:
            InvalidInputError: For words that are not a direction.
        """
        found = _FROM_WORDS.get(_word_key(word))
        if found is None:
            expected = "one of " + ", ".join(sorted(_FROM_WORDS))
            raise InvalidInputError("word", word, expected)
        return found


_WORDS: Final = {
    Direction.IMPROVING: "Better",
    Direction.WORSENING: "Worse",
    Direction.INCREASING: "Increasing",
    Direction.DECREASING: "Decreasing",
    Direction.NO_SIGNIFICANT_CHANGE: "Stable",
    Direction.HIGHER_NOT_TESTED: "Higher, not tested",
    Direction.LOWER_NOT_TESTED: "Lower, not tested",
    Direction.WITHIN_ROUNDING: "Within rounding",
    Direction.NO_CHANGE: "Same",
    Direction.NOT_COMPARED: "Not compared",
}
_TESTED: Final = frozenset(
    {
        Direction.IMPROVING,
        Direction.WORSENING,
        Direction.INCREASING,
        Direction.DECREASING,
        Direction.NO_SIGNIFICANT_CHANGE,
    }
)


def _word_key(word: str) -> str:
    """A direction's words as looked up: lower case, single spaces, no commas."""
    return " ".join(word.replace(",", " ").lower().split())


_FROM_WORDS: Final = {_word_key(word): direction for direction, word in _WORDS.items()} | {
    "improving": Direction.IMPROVING,
    "improved": Direction.IMPROVING,
    "worsening": Direction.WORSENING,
    "worsened": Direction.WORSENING,
    "no significant change": Direction.NO_SIGNIFICANT_CHANGE,
    "no change": Direction.NO_CHANGE,
    "unchanged": Direction.NO_CHANGE,
}
_OF_CHANGE: Final = {
    Significance.BETTER: Direction.IMPROVING,
    Significance.WORSE: Direction.WORSENING,
    Significance.HIGHER: Direction.INCREASING,
    Significance.LOWER: Direction.DECREASING,
    Significance.SIMILAR: Direction.NO_SIGNIFICANT_CHANGE,
    Significance.NOT_COMPARED: Direction.NOT_COMPARED,
}
