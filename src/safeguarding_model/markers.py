"""The vocabulary of judgements on figures: polarity, significance, colours, direction of travel.

Plain enums with no numpy, so that records (an observation's stated significance, a Section 11
rating) can use them without loading the statistics layer, which computes them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Self

from safeguarding_model._records import SchemaDescribed
from safeguarding_model.errors import InvalidInputError

__all__ = ["Direction", "Labelled", "Polarity", "Rag", "Significance"]


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

    def flipped(self) -> Polarity:
        """The opposite polarity (no judgement stays no judgement)."""
        if self is Polarity.HIGHER_IS_BETTER:
            return Polarity.LOWER_IS_BETTER
        if self is Polarity.LOWER_IS_BETTER:
            return Polarity.HIGHER_IS_BETTER
        return self


class Significance(Labelled, SchemaDescribed, StrEnum):
    """The result of comparing a value with a benchmark.

    ``BETTER`` / ``WORSE`` when the indicator has a polarity, ``HIGHER`` / ``LOWER`` when it has
    none, ``SIMILAR`` when the benchmark lies within the interval, ``NOT_COMPARED`` when the value,
    its interval or the benchmark is missing.

    Examples:
        >>> from safeguarding_model import Significance
        >>> Significance.NOT_COMPARED.label
        'Not compared'
        >>> Significance.from_label("Worse")
        <Significance.WORSE: 'worse'>
    """

    BETTER = "better"
    SIMILAR = "similar"
    WORSE = "worse"
    HIGHER = "higher"
    LOWER = "lower"
    NOT_COMPARED = "not_compared"

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
        >>> from safeguarding_model import Rag
        >>> Rag.from_label("Red")
        <Rag.RED: 'red'>
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


class Direction(SchemaDescribed, StrEnum):
    """Which way an indicator moved between two periods.

    | direction | the source's word | when |
    | --- | --- | --- |
    | improving | Better | a significant change the good way |
    | worsening | Worse | a significant change the bad way |
    | increasing / decreasing | Increasing / Decreasing | a significant change, no polarity |
    | no significant change | Stable | a change within the interval or tolerance |
    | no change | Same | identical values |
    | not compared | Not compared | a value missing |

    Examples:
        >>> from safeguarding_model import Direction
        >>> Direction.from_source_word("Stable"), Direction.IMPROVING.source_word
        (<Direction.NO_SIGNIFICANT_CHANGE: 'no_significant_change'>, 'Better')
    """

    IMPROVING = "improving"
    WORSENING = "worsening"
    INCREASING = "increasing"
    DECREASING = "decreasing"
    NO_SIGNIFICANT_CHANGE = "no_significant_change"
    NO_CHANGE = "no_change"
    NOT_COMPARED = "not_compared"

    @property
    def source_word(self) -> str:
        """The word annual reports print: Better, Worse, Stable, Same ..."""
        return _WORDS[self]

    @classmethod
    def from_source_word(cls, word: str) -> Direction:
        """Read a report's word (any case): better, improving, worse, worsening, stable, same ...

        Raises:
            InvalidInputError: For words that are not a direction.
        """
        key = " ".join(word.strip().lower().split())
        found = _FROM_WORDS.get(key)
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
    Direction.NO_CHANGE: "Same",
    Direction.NOT_COMPARED: "Not compared",
}
_FROM_WORDS: Final = {word.lower(): direction for direction, word in _WORDS.items()} | {
    "improving": Direction.IMPROVING,
    "improved": Direction.IMPROVING,
    "worsening": Direction.WORSENING,
    "worsened": Direction.WORSENING,
    "no significant change": Direction.NO_SIGNIFICANT_CHANGE,
    "no change": Direction.NO_CHANGE,
    "unchanged": Direction.NO_CHANGE,
}
