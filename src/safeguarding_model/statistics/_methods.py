"""The names of the interval methods, light on purpose: records name a method without numpy.

[`IntervalMethod`][safeguarding_model.IntervalMethod] is documented and exported by
``safeguarding_model.statistics.intervals``; it lives here so that an
[`IndicatorDefinition`][safeguarding_model.IndicatorDefinition] can name its interval method
without importing numpy.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from safeguarding_model._vocabulary import Described, described
from safeguarding_model.errors import InvalidInputError

__all__ = ["EXACT_BELOW", "FROM_COUNTS", "IntervalMethod", "count_method"]

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


FROM_COUNTS: Final = (IntervalMethod.WILSON, IntervalMethod.BYARS_EXACT)
"""The methods an interval from a count and a denominator may be named by: Wilson and Byar's."""


def count_method(interval: object, field: str = "interval") -> IntervalMethod:
    """The interval method from counts that ``interval`` names: Wilson or Byar's, checked.

    Package-internal: ``IndicatorDefinition.interval`` and ``compare_at_levels`` read it here.

    Raises:
        InvalidInputError: For anything but ``"wilson"`` or ``"byars_exact"`` (or their
            ``IntervalMethod`` members).
    """
    for method in FROM_COUNTS:
        if isinstance(interval, str) and interval == method.value:
            return method
    raise InvalidInputError(
        field,
        interval,
        "'wilson' (a proportion: each counted at most once, the count part of the denominator) "
        "or 'byars_exact' (events that can recur: Byar's, exact Poisson below 10)",
    )
