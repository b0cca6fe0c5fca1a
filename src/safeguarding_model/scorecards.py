"""The scorecard: each indicator's latest figure beside its comparators, stated and computed.

For every indicator of a report, the latest figure of the report's area, the one before it,
each comparator's figure for the same period, and side by side what the source **states**
(significance, direction of travel) and what the library **computes** from the printed figures:
significance against England where counts allow an interval, direction of travel by plain
comparison allowing for rounding.

Examples:
    >>> from safeguarding_model import load_example, scorecard
    >>> rows = scorecard(load_example("lancashire-2015-16"))
    >>> isinstance(rows, tuple)
    True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from attrs import frozen

from safeguarding_model._numbers import half_unit
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind, Observation
from safeguarding_model.markers import Direction, Polarity, Significance, judge
from safeguarding_model.periods import FinancialQuarter

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from decimal import Decimal

    from safeguarding_model.report import AnnualReport
    from safeguarding_model.statistics.intervals import Interval

__all__ = ["ScorecardRow", "computed_significance", "observation_interval", "scorecard"]


@frozen
class ScorecardRow:
    """One indicator's line of the scorecard.

    Examples:
        >>> from safeguarding_model import ScorecardRow
        >>> ScorecardRow.json_properties
        ('name',)
    """

    indicator: IndicatorDefinition
    """The indicator."""
    latest: Observation
    """The area's latest figure."""
    previous: Observation | None
    """The area's figure before it, if printed."""
    comparators: tuple[Observation, ...]
    """Other areas' figures for the same period."""
    computed_direction: Direction
    """The direction from ``previous`` to ``latest``, allowing for rounding."""
    computed_significance: Significance
    """Against England, where counts give an interval; else not compared."""

    json_properties: ClassVar[tuple[str, ...]] = ("name",)

    @property
    def name(self) -> str:
        """The indicator's name."""
        return self.indicator.name

    def comparator(self, area: str = "England") -> Observation | None:
        """``area``'s figure for the latest period: a printed number first, if it has one.

        A report may print one area's figure twice (``N/A`` in a table and ``81.0%`` in the text
        below it; ``check`` reports it as a ``repeated_figure``); the number is the one to compare.

        Examples:
            >>> from safeguarding_model import load_example, scorecard
            >>> row = next(r for r in scorecard(load_example()) if r.indicator.id == "assessments-completed-to-timescale")
            >>> [o.value.printed for o in row.comparators if o.area == "England"], row.comparator().value.printed
            (['N/A', '81.0%'], '81.0%')
        """
        return _figure_of(area, self.comparators)


def _figure_of(area: str, observations: Iterable[Observation]) -> Observation | None:
    """``area``'s observation among ``observations``: one with a printed number first."""
    figures = [o for o in observations if o.area == area]
    return next((o for o in figures if o.value.number is not None), None) or next(
        iter(figures), None
    )


def _direction(previous: Observation | None, latest: Observation, polarity: Polarity) -> Direction:
    if previous is None or previous.value.number is None or latest.value.number is None:
        return Direction.NOT_COMPARED
    before, after = previous.value.number, latest.value.number
    if before == after:
        return Direction.NO_CHANGE
    if abs(after - before) <= half_unit(before) + half_unit(after):
        return Direction.NO_SIGNIFICANT_CHANGE
    return Direction.of_change(judge(after - before, polarity))


def computed_significance(
    indicator: IndicatorDefinition, latest: Observation, england: Observation | None
) -> Significance:
    """The significance of ``latest`` against England's figure, from its interval.

    The interval is [`observation_interval`][safeguarding_model.scorecards.observation_interval]'s:
    as printed, else from the printed count and denominator. Not compared when there is no
    interval or England's figure is missing.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value
        >>> from safeguarding_model.scorecards import computed_significance
        >>> rate = IndicatorDefinition(id="r", name="R", kind="rate", per=10_000, population="child")
        >>> mine = Observation(indicator="r", area="A", period="2015/16", value=parse_value("69.1"), count=parse_value("1691"), denominator=parse_value("244718"))
        >>> england = Observation(indicator="r", area="England", period="2015/16", value=parse_value("60"))
        >>> computed_significance(rate, mine, england)
        <Significance.HIGHER: 'higher'>
    """
    return _computed_significances([(indicator, latest, england)])[0]


_Batch = tuple[list[int], list[float], list[float], list[float]]
"""Positions, counts, denominators and benchmarks of figures whose intervals are computed together."""


def _computed_significances(
    items: Sequence[tuple[IndicatorDefinition, Observation, Observation | None]],
) -> list[Significance]:
    """``computed_significance`` of each item, with the intervals of like figures computed at once.

    The same intervals as ``observation_interval``'s, one numpy call per kind of interval and
    polarity instead of one per figure: a report of every area states hundreds of thousands.
    """
    from safeguarding_model.statistics.significance import (  # noqa: PLC0415 - numpy only when needed
        compare_with_benchmark,
    )

    result = [Significance.NOT_COMPARED] * len(items)
    batches: dict[tuple[str, int, Polarity], _Batch] = {}
    for position, (indicator, observation, england) in enumerate(items):
        benchmark = None if england is None else england.value.number
        if benchmark is None:
            continue
        batched = _batched(indicator, observation)
        if batched is None:  # a printed interval, or none
            interval = observation_interval(indicator, observation)
            if interval is not None:
                result[position] = compare_with_benchmark(
                    interval, float(benchmark), polarity=indicator.polarity
                ).significance
            continue
        key, count, over = batched
        positions, counts, denominators, benchmarks = batches.setdefault(key, ([], [], [], []))
        positions.append(position)
        counts.append(float(count))
        denominators.append(float(over))
        benchmarks.append(float(benchmark))
    for (kind, scale, polarity), (positions, counts, denominators, benchmarks) in batches.items():
        significances = compare_with_benchmark(
            _batch_interval(kind, scale, counts, denominators), benchmarks, polarity=polarity
        ).significance
        for position, label in zip(positions, significances.tolist(), strict=True):
            result[position] = Significance(label)
    return result


def _batched(
    indicator: IndicatorDefinition, observation: Observation
) -> tuple[tuple[str, int, Polarity], Decimal, Decimal] | None:
    """How ``observation_interval`` computes the figure's interval from its counts, if it does.

    The kind of interval with its scale and the polarity, then the count and denominator.
    """
    number = observation.value.number
    if observation.lower is not None and observation.upper is not None and number is not None:
        return None
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    if count is None or over is None or over <= 0:
        return None
    if indicator.kind is MeasureKind.RATE and indicator.per is not None:
        return ("rate", indicator.per.value, indicator.polarity), count, over
    if indicator.kind in (MeasureKind.PERCENTAGE, MeasureKind.PROPORTION) and count <= over:
        multiplier = 100 if indicator.kind is MeasureKind.PERCENTAGE else 1
        return ("proportion", multiplier, indicator.polarity), count, over
    return None


def _batch_interval(
    kind: str, scale: int, counts: list[float], denominators: list[float]
) -> Interval[Any]:
    import numpy as np  # noqa: PLC0415 - numpy only when needed

    from safeguarding_model.statistics.intervals import (  # noqa: PLC0415 - idem
        proportion_ci,
        rate_ci,
    )

    count, over = np.array(counts), np.array(denominators)
    if kind == "rate":
        return rate_ci(count, over, per=scale)
    return proportion_ci(count, over, multiplier=scale)


def observation_interval(
    indicator: IndicatorDefinition, observation: Observation, *, confidence: float = 0.95
) -> Interval[float] | None:
    """The confidence interval of a figure: as printed, else from its printed counts, else ``None``.

    A printed interval is returned as it is (method ``published``, at its printed confidence,
    or at ``confidence`` when the source does not say). Otherwise a rate's interval is Byar's
    (exact Poisson below 10 events) and a percentage's or proportion's is Wilson's, computed from
    the printed count and denominator. Counts, means and figures without both counts have none:
    the library does not guess a denominator the source does not print.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, observation_interval, parse_value
        >>> rate = IndicatorDefinition(id="r", name="R", kind="rate", per=10_000, population="child")
        >>> counted = Observation(indicator="r", area="A", period="2015/16", value=parse_value("69.1"), count=parse_value("1691"), denominator=parse_value("244718"))
        >>> print(observation_interval(rate, counted))
        69.1 (65.8 to 72.5), 95% Byar's (exact Poisson below 10)
        >>> observation_interval(rate, counted.model_copy(update={"count": None})) is None
        True
    """
    from safeguarding_model.statistics.intervals import (  # noqa: PLC0415 - numpy only when needed
        Interval,
        IntervalMethod,
        proportion_ci,
        rate_ci,
    )

    number = observation.value.number
    if observation.lower is not None and observation.upper is not None and number is not None:
        return Interval(
            value=float(number),
            lower=float(observation.lower),
            upper=float(observation.upper),
            confidence=observation.confidence or confidence,
            method=IntervalMethod.PUBLISHED,
        )
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    if count is None or over is None or over <= 0:
        return None
    if indicator.kind is MeasureKind.RATE and indicator.per is not None:
        return rate_ci(float(count), float(over), per=indicator.per.value, confidence=confidence)
    if indicator.kind in (MeasureKind.PERCENTAGE, MeasureKind.PROPORTION) and count <= over:
        multiplier = 100 if indicator.kind is MeasureKind.PERCENTAGE else 1
        return proportion_ci(
            float(count), float(over), confidence=confidence, multiplier=multiplier
        )
    return None


def scorecard(report: AnnualReport, *, area: str | None = None) -> tuple[ScorecardRow, ...]:
    """The scorecard of ``report`` for its area (or ``area``), in the order indicators are defined.

    Indicators with no figure of the area are left out. Where a series has annual and quarterly
    figures, the scorecard compares the annual ones.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area, scorecard
        >>> scorecard(AnnualReport(id="x", title="X", arrangement="board", area=Area(name="X"), period="2015/16"))
        ()
    """
    own_area = area or report.area.name
    by_indicator: dict[str, list[Observation]] = defaultdict(list)
    for observation in report.observations:
        by_indicator[observation.indicator].append(observation)
    rows = []
    for indicator in report.indicators:
        observations = by_indicator.get(indicator.id, [])
        mine = sorted((o for o in observations if o.area == own_area), key=lambda o: o.period)
        if not mine:
            continue
        annual = [o for o in mine if not isinstance(o.period, FinancialQuarter)]
        mine = annual or mine  # quarters only where a series has nothing else
        latest = mine[-1]
        previous = mine[-2] if len(mine) > 1 else None
        comparators = tuple(
            o for o in observations if o.area != own_area and o.period == latest.period
        )
        rows.append(
            ScorecardRow(
                indicator=indicator,
                latest=latest,
                previous=previous,
                comparators=comparators,
                computed_direction=_direction(previous, latest, indicator.polarity),
                computed_significance=Significance.NOT_COMPARED,
            )
        )
    computed = _computed_significances(
        [(row.indicator, row.latest, _figure_of("England", row.comparators)) for row in rows]
    )
    return tuple(
        attrs.evolve(row, computed_significance=significance)
        for row, significance in zip(rows, computed, strict=True)
    )
