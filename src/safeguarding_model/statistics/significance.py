"""Significance against a benchmark, polarity and the RAG colours."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Polarity"]


class Polarity(StrEnum):
    """Whether a higher value of an indicator is better, worse, or neither.

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
