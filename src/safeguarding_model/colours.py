"""The red / amber / green colours reports print, with blue and grey.

A light module of its own (no numpy), so that records such as Section 11 returns can use the
colours without loading the statistics layer.
"""

from __future__ import annotations

from enum import StrEnum

from safeguarding_model._records import SchemaDescribed
from safeguarding_model.errors import InvalidInputError

__all__ = ["Rag"]


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
