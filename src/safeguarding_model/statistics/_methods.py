"""The names of the interval methods, light on purpose: records name a method without numpy.

[`IntervalMethod`][safeguarding_model.IntervalMethod] is documented and exported by
``safeguarding_model.statistics.intervals``; it lives here so that an
[`IndicatorDefinition`][safeguarding_model.IndicatorDefinition] can name its interval method
without importing numpy.
"""

from __future__ import annotations

from enum import StrEnum

from safeguarding_model._vocabulary import Described, described

__all__ = ["EXACT_BELOW", "IntervalMethod"]

EXACT_BELOW = 10
"""Counts below this use the exact Poisson interval; from it on, Byar's approximation."""


@described(
    wilson="Wilson score",
    byars="Byar's",
    exact_poisson="exact Poisson",
    byars_exact=f"Byar's (exact Poisson below {EXACT_BELOW})",
    student_t="Student's t",
    dobson="Dobson",
    dobson_nonindependent="Dobson, adjusted for non-independent events",
    published="as published",
)
class IntervalMethod(Described, StrEnum):
    """How an interval was computed.

    Every [`Interval`][safeguarding_model.Interval] records its method and prints its
    description after its limits.

    Examples:
        >>> from safeguarding_model import IntervalMethod, rate_ci
        >>> interval = rate_ci(1691, 244_718, per=10_000)
        >>> interval.method is IntervalMethod.BYARS_EXACT, interval.method.description
        (True, "Byar's (exact Poisson below 10)")
    """

    WILSON = "wilson"
    BYARS = "byars"
    EXACT_POISSON = "exact_poisson"
    BYARS_EXACT = "byars_exact"
    STUDENT_T = "student_t"
    DOBSON = "dobson"
    DOBSON_NONINDEPENDENT = "dobson_nonindependent"
    PUBLISHED = "published"
