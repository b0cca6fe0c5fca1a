"""How a figure for a longer period derives from the figures of the shorter periods within it.

Performance tables print a row by quarter (or by month) with a figure for the year, and say in
the row's label how the year's figure is made: ``(Total)``, ``(Average)``, ``(Month End)``,
``as at 31 March``. An [`Aggregation`][safeguarding_model.aggregation.Aggregation] holds that
rule as data; an indicator declares it (``IndicatorDefinition.aggregation``) and rule R110
holds each year's (or quarter's) figure to it.

- [`parse_aggregation`][safeguarding_model.aggregation.parse_aggregation] reads the rule from a
  printed label;
- [`parts_of`][safeguarding_model.aggregation.parts_of] gives the shorter periods a period
  divides into: a year's quarters and months, a quarter's months;
- [`derive`][safeguarding_model.aggregation.derive] computes the longer period's figure from its
  parts' figures, and [`derive_range`][safeguarding_model.aggregation.derive_range] every figure
  the parts could give when each stands for a range (a printed ``12.2`` for 12.15 to 12.25).

Examples:
    >>> from decimal import Decimal
    >>> from safeguarding_model.aggregation import Aggregation, derive, parse_aggregation
    >>> rule = parse_aggregation("Children subject of a plan (Month End)")
    >>> rule, derive(rule, [Decimal("10"), Decimal("14"), Decimal("11"), Decimal("13")])
    (<Aggregation.PERIOD_END: 'period_end'>, Decimal('13'))
    >>> derive("total", [Decimal("503"), Decimal("514"), Decimal("522"), Decimal("527")])
    Decimal('2066')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from enum import StrEnum

from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.periods import (
    AcademicYear,
    CalendarQuarter,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Month,
    Period,
)

__all__ = ["Aggregation", "derive", "derive_range", "parse_aggregation", "parts_of"]

_PRECISION = 40
"""Digits kept in a mean: far more than any printed figure has (30 at most)."""


@described(
    total="the total of the parts",
    mean="the mean of the parts",
    weighted_mean="the mean of the parts weighted by their denominators",
    period_end="the value at the end of the period: its last part's",
    maximum="the largest of the parts",
    not_derivable="not derivable from the parts",
)
class Aggregation(Described, SchemaDescribed, StrEnum):
    """How a figure for a longer period derives from the figures of the shorter periods within it.

    ``total``: the parts added (referrals in the year are the quarters' referrals added).
    ``mean``: the parts' plain mean ("(Average)"). ``weighted_mean``: their mean weighted by
    each part's denominator (a percentage of assessments in the year is the quarters'
    percentages weighted by the assessments in each). ``period_end``: the figure at the end of
    the longer period, which is its last part's ("(Month End)", "as at 31 March").
    ``maximum``: the largest part. ``not_derivable``: the parts do not give it (children
    missing in the year are fewer than those missing in each quarter added, when a child is
    missing in two quarters).

    Examples:
        >>> from safeguarding_model.aggregation import Aggregation
        >>> Aggregation.PERIOD_END.description
        "the value at the end of the period: its last part's"
        >>> Aggregation("weighted_mean")
        <Aggregation.WEIGHTED_MEAN: 'weighted_mean'>
    """

    TOTAL = "total"
    MEAN = "mean"
    WEIGHTED_MEAN = "weighted_mean"
    PERIOD_END = "period_end"
    MAXIMUM = "maximum"
    NOT_DERIVABLE = "not_derivable"


_PERIOD = r"(?:month|quarter|year|period)"
_WORDS: tuple[tuple[Aggregation, re.Pattern[str]], ...] = (
    (Aggregation.NOT_DERIVABLE, re.compile(r"\bnot\s+(?:derivable|additive)\b")),
    (Aggregation.WEIGHTED_MEAN, re.compile(r"\bweighted\s+(?:average|mean|avg)\b")),
    (
        Aggregation.PERIOD_END,
        re.compile(
            rf"\b{_PERIOD}[\s-]*end\b|\bend\s+of\s+(?:the\s+)?{_PERIOD}\b|\bas\s+at\b"
            r"|\bsnapshot\b|\bposition\s+at\b"
        ),
    ),
    (Aggregation.TOTAL, re.compile(r"\btotal\b|\bytd\b|\byear\s+to\s+date\b|\bcumulative\b")),
    (Aggregation.MEAN, re.compile(r"\baverage\b|\bavg\b|\bmean\b")),
    (Aggregation.MAXIMUM, re.compile(r"\bmax(?:imum)?\b|\bpeak\b|\bhighest\b")),
)
"""The words of each rule, most specific first ("weighted average" before "average")."""
_BRACKETED = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_MAX_LABEL = 500
"""The most characters of a label read: a row's label is a line, not a page."""


def _last_rule(text: str) -> Aggregation | None:
    """The rule whose words end last in ``text``; the most specific one where they overlap."""
    found: list[tuple[int, int, Aggregation]] = []
    for order, (rule, pattern) in enumerate(_WORDS):
        found.extend((match.end(), -order, rule) for match in pattern.finditer(text))
    # the latest end wins; of words ending together, the most specific (listed first)
    return max(found)[2] if found else None


def parse_aggregation(label: str) -> Aggregation | None:
    """The rule a printed row label or column heading gives for the longer period's figure.

    Words in brackets come first, the last bracket that names a rule winning: ``"Average
    caseload (Month End)"`` is ``period_end``. Otherwise the rule named last in the label wins:
    ``"Average caseload as at 31 March"`` is ``period_end`` too. The words read (any case):

    | words | rule |
    | --- | --- |
    | ``Total``, ``YTD``, ``year to date``, ``cumulative`` | ``total`` |
    | ``Average``, ``Avg``, ``Mean`` | ``mean`` |
    | ``Weighted average``, ``weighted mean`` | ``weighted_mean`` |
    | ``Month End``, ``Quarter End``, ``Year End``, ``end of the year``, ``as at ...``, ``snapshot`` | ``period_end`` |
    | ``Max``, ``Maximum``, ``Peak``, ``Highest`` | ``maximum`` |
    | ``not derivable``, ``not additive`` | ``not_derivable`` |

    Args:
        label: The label as printed.

    Returns:
        The rule, or ``None`` when the label names none.

    Raises:
        InvalidInputError: For a ``label`` that is not text.

    Examples:
        >>> from safeguarding_model.aggregation import parse_aggregation
        >>> parse_aggregation("Referrals (Total)"), parse_aggregation("Caseload (Month End)")
        (<Aggregation.TOTAL: 'total'>, <Aggregation.PERIOD_END: 'period_end'>)
        >>> parse_aggregation("Avg days to assessment"), parse_aggregation("Contacts YTD")
        (<Aggregation.MEAN: 'mean'>, <Aggregation.TOTAL: 'total'>)
        >>> parse_aggregation("Children looked after as at 31 March")
        <Aggregation.PERIOD_END: 'period_end'>
        >>> parse_aggregation("Missing from home") is None
        True
    """
    if not isinstance(label, str):
        raise InvalidInputError("label", label, "a row label or column heading as text")
    text = " ".join(label[:_MAX_LABEL].lower().split())
    for match in reversed(list(_BRACKETED.finditer(text))):
        rule = _last_rule(match[1] if match[1] is not None else match[2])
        if rule is not None:
            return rule
    return _last_rule(text)


def parts_of(period: Period) -> tuple[tuple[Period, ...], ...]:
    """The ways ``period`` divides into shorter named periods, coarsest first.

    A financial year divides into its four quarters and its twelve months; a calendar year
    likewise; an academic year (September to August) into its months; a quarter into its three
    months. Other periods (a month, a day, pooled years, a range of days) give none.

    Args:
        period: The longer period.

    Returns:
        Each division, in order: the quarters, then the months; empty when there is none.

    Raises:
        InvalidInputError: For anything but a period.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> from safeguarding_model.aggregation import parts_of
        >>> quarters, months = parts_of(parse_period("2015/16"))
        >>> [str(q) for q in quarters], str(months[0]), str(months[-1])
        (['2015/16 Q1', '2015/16 Q2', '2015/16 Q3', '2015/16 Q4'], 'April 2015', 'March 2016')
        >>> [str(m) for m in parts_of(parse_period("Q1 2016"))[0]]
        ['January 2016', 'February 2016', 'March 2016']
        >>> parts_of(parse_period("March 2016"))
        ()
    """
    if not isinstance(period, Period):
        raise InvalidInputError("period", period, "a period (see parse_period)")
    if isinstance(period, FinancialYear | CalendarYear | AcademicYear):
        start = period.start
        months = tuple(
            Month(start.year + (start.month - 1 + step) // 12, (start.month - 1 + step) % 12 + 1)
            for step in range(12)
        )
        if isinstance(period, FinancialYear):
            return tuple(period.quarter(number) for number in (1, 2, 3, 4)), months
        if isinstance(period, CalendarYear):
            return tuple(CalendarQuarter(period.year, number) for number in (1, 2, 3, 4)), months
        return (months,)
    if isinstance(period, FinancialQuarter | CalendarQuarter):
        start = period.start
        return (tuple(Month(start.year, start.month + step) for step in range(3)),)
    return ()


def _number(value: object, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInputError(field, value, "a Decimal or an int")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidInputError(field, value, "a finite number")
    return number


def _items(value: object, field: str, expected: str, *, empty: bool = False) -> list[object]:
    """``value``'s items, when it is a sequence (not text) with at least one unless ``empty``."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or not (value or empty):
        raise InvalidInputError(field, value, expected)
    return list(value)


def _rule(aggregation: object) -> Aggregation:
    values = {rule.value: rule for rule in Aggregation}
    rule = values.get(aggregation) if isinstance(aggregation, str) else None
    if rule is None:
        expected = f"one of {', '.join(repr(value) for value in values)}"
        raise InvalidInputError("aggregation", aggregation, expected)
    if rule is Aggregation.NOT_DERIVABLE:
        raise InvalidInputError(
            "aggregation", aggregation, "a rule that derives a figure (not 'not_derivable')"
        )
    return rule


def _ratio(top: Decimal, bottom: Decimal, rounding: str) -> Decimal:
    with localcontext(prec=_PRECISION, rounding=rounding):
        return top / bottom


def derive(
    aggregation: Aggregation | str,
    parts: Sequence[Decimal | int] | Sequence[tuple[Decimal | int, Decimal | int]],
) -> Decimal:
    """The longer period's figure from its parts' figures, in order, by ``aggregation``.

    Exact: a total and a maximum are the parts' own digits; a mean is kept to 40 significant
    digits. A weighted mean takes ``(value, denominator)`` pairs and weighs each value by its
    denominator: ``sum(value x denominator) / sum(denominator)``.

    Args:
        aggregation: The rule, or its value (``"total"``).
        parts: The parts' figures in period order (``period_end`` takes the last); pairs of
            figure and denominator for ``weighted_mean``.

    Returns:
        The figure the rule gives.

    Raises:
        InvalidInputError: For no parts, ``not_derivable`` or an unknown rule, a figure that is
            not a finite ``Decimal`` or ``int``, plain figures for ``weighted_mean`` (or pairs for
            another rule), a negative denominator or denominators adding to zero.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model.aggregation import derive
        >>> quarters = [Decimal("79.9"), Decimal("78.2"), Decimal("67.1"), Decimal("61.0")]
        >>> derive("mean", quarters), derive("maximum", quarters)
        (Decimal('71.55'), Decimal('79.9'))
        >>> derive("weighted_mean", [(Decimal("80"), 300), (Decimal("60"), 100)])
        Decimal('75')
    """
    rule = _rule(aggregation)
    items = _items(parts, "parts", "one figure or more, in period order")
    if rule is Aggregation.WEIGHTED_MEAN:
        pairs = [_pair(part, position) for position, part in enumerate(items)]
        weight = sum((w for _, w in pairs), Decimal(0))
        if weight == 0:
            raise InvalidInputError("parts", parts, "denominators that add to more than 0")
        with localcontext(prec=_PRECISION):
            return sum((v * w for v, w in pairs), Decimal(0)) / weight
    numbers = []
    for position, part in enumerate(items):
        if isinstance(part, tuple):
            expected = f"a plain figure for {rule.value!r} (pairs are for 'weighted_mean')"
            raise InvalidInputError(f"parts[{position}]", part, expected)
        numbers.append(_number(part, f"parts[{position}]"))
    return _plain(rule, numbers)


def _pair(part: object, position: int) -> tuple[Decimal, Decimal]:
    if not isinstance(part, tuple) or len(part) != 2:
        expected = "a (figure, denominator) pair for 'weighted_mean'"
        raise InvalidInputError(f"parts[{position}]", part, expected)
    value = _number(part[0], f"parts[{position}][0]")
    weight = _number(part[1], f"parts[{position}][1]")
    if weight < 0:
        raise InvalidInputError(f"parts[{position}][1]", part[1], "a denominator of at least 0")
    return value, weight


def _plain(rule: Aggregation, numbers: list[Decimal]) -> Decimal:
    if rule is Aggregation.TOTAL:
        with localcontext(prec=_PRECISION):
            return sum(numbers, Decimal(0))
    if rule is Aggregation.MEAN:
        with localcontext(prec=_PRECISION):
            return sum(numbers, Decimal(0)) / len(numbers)
    if rule is Aggregation.PERIOD_END:
        return numbers[-1]
    return max(numbers)


def derive_range(
    aggregation: Aggregation | str,
    parts: Sequence[tuple[Decimal, Decimal]],
    *,
    weights: Sequence[tuple[Decimal, Decimal]] | None = None,
) -> tuple[Decimal, Decimal]:
    """Every figure the rule can give when each part is a range: the lowest and the highest.

    Each part is ``(low, high)``, say a printed figure's rounding range (``12.2`` is 12.15 to
    12.25). A total is the lows added to the highs added; a mean that divided by the number of
    parts; the value at the period's end the last part's range; a maximum from the largest low
    to the largest high. A weighted mean with ``weights`` (each denominator's range) is the
    lowest and highest any such figures and weights give; without them, any weighting: from the
    lowest low to the highest high. Divisions round outwards, so that the range holds every
    figure the parts can give.

    Args:
        aggregation: The rule, or its value.
        parts: Each part's lowest and highest figure, in period order.
        weights: For ``weighted_mean``: each part's lowest and highest denominator, or ``None``
            when they are not known.

    Returns:
        The lowest and the highest figure.

    Raises:
        InvalidInputError: For no parts, ``not_derivable`` or an unknown rule, a range whose low
            is above its high, ``weights`` for another rule or of another length than ``parts``,
            a negative denominator, or denominators that can add to zero.

    Examples:
        >>> from decimal import Decimal as D
        >>> from safeguarding_model.aggregation import derive_range
        >>> quarters = [(D("10.05"), D("10.15")), (D("10.15"), D("10.25"))]
        >>> derive_range("mean", quarters)
        (Decimal('10.10'), Decimal('10.20'))
        >>> derive_range("weighted_mean", quarters)
        (Decimal('10.05'), Decimal('10.25'))
    """
    rule = _rule(aggregation)
    items = _items(parts, "parts", "one (low, high) range or more, in period order")
    ranges = [_range(part, f"parts[{position}]") for position, part in enumerate(items)]
    if weights is not None and rule is not Aggregation.WEIGHTED_MEAN:
        raise InvalidInputError("weights", weights, f"None for {rule.value!r}")
    lows, highs = [low for low, _ in ranges], [high for _, high in ranges]
    if rule is Aggregation.WEIGHTED_MEAN:
        return _weighted_range(lows, highs, weights)
    if rule is Aggregation.MEAN:
        with localcontext(prec=_PRECISION):
            low_total, high_total = sum(lows, Decimal(0)), sum(highs, Decimal(0))
        count = Decimal(len(ranges))
        return _ratio(low_total, count, ROUND_FLOOR), _ratio(high_total, count, ROUND_CEILING)
    if rule is Aggregation.TOTAL:
        with localcontext(prec=_PRECISION):
            return sum(lows, Decimal(0)), sum(highs, Decimal(0))
    if rule is Aggregation.PERIOD_END:
        return ranges[-1]
    return max(lows), max(highs)


def _weighted_range(
    lows: list[Decimal], highs: list[Decimal], weights: object
) -> tuple[Decimal, Decimal]:
    if weights is None:
        return min(lows), max(highs)
    expected = f"{len(lows)} (low, high) ranges, one a part"
    items = _items(weights, "weights", expected)
    if len(items) != len(lows):
        raise InvalidInputError("weights", weights, expected)
    spans = [_range(weight, f"weights[{position}]") for position, weight in enumerate(items)]
    if any(low < 0 for low, _ in spans):
        raise InvalidInputError("weights", weights, "denominators of at least 0")
    if sum((high for _, high in spans), Decimal(0)) == 0:
        raise InvalidInputError("weights", weights, "denominators that add to more than 0")
    return _extreme_mean(lows, spans, lowest=True), _extreme_mean(highs, spans, lowest=False)


def _range(part: object, field: str) -> tuple[Decimal, Decimal]:
    if not isinstance(part, tuple) or len(part) != 2:
        raise InvalidInputError(field, part, "a (low, high) pair of numbers")
    low, high = _number(part[0], f"{field}[0]"), _number(part[1], f"{field}[1]")
    if low > high:
        raise InvalidInputError(field, part, "a low at most its high")
    return low, high


def _extreme_mean(
    values: list[Decimal], weights: list[tuple[Decimal, Decimal]], *, lowest: bool
) -> Decimal:
    """The lowest (or highest) weighted mean of ``values`` with each weight in its range.

    The extreme gives the most weight to the values on its side of it and the least to the
    others: with the values in order from that side, the first few take their highest weight
    and the rest their lowest; every such split is tried.
    """
    order = sorted(range(len(values)), key=lambda i: values[i], reverse=not lowest)
    best: Decimal | None = None
    for split in range(len(order) + 1):
        chosen = [weights[i][1] if rank < split else weights[i][0] for rank, i in enumerate(order)]
        with localcontext(prec=_PRECISION):
            total = sum(chosen, Decimal(0))
            if total == 0:
                continue
            top = sum((values[i] * w for i, w in zip(order, chosen, strict=True)), Decimal(0))
        mean = _ratio(top, total, ROUND_FLOOR if lowest else ROUND_CEILING)
        if best is None or (mean < best if lowest else mean > best):
            best = mean
    if best is None:  # pragma: no cover - a weight above zero was checked by the caller
        raise InvalidInputError("weights", weights, "denominators that add to more than 0")
    return best
