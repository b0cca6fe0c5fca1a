"""The scorecard: each indicator's latest figure beside its comparators, stated and computed.

For every indicator of a report, the latest figure of the report's area, the one before it,
each comparator's figure for the same period, and side by side what the source **states**
(significance, direction of travel) and what the library **computes** from the printed figures:
significance against England where counts allow an interval, and the direction of travel by
comparing the two printed figures alone, allowing for rounding. That comparison is not a test,
so it has its own words ("Higher, not tested", "Lower, not tested", "Within rounding") and
never says "Better", "Worse" or "Stable".

Examples:
    >>> from safeguarding_model import load_example, scorecard
    >>> rows = scorecard(load_example("lancashire-2015-16"))
    >>> isinstance(rows, tuple)
    True
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from safeguarding_model import indicators
from safeguarding_model._numbers import half_unit
from safeguarding_model.indicators import (
    IndicatorDefinition,
    Observation,
    computed_significances,
    figure_of,
)
from safeguarding_model.markers import Direction, Significance
from safeguarding_model.periods import FinancialQuarter, Period

if TYPE_CHECKING:
    from safeguarding_model.report import AnnualReport

__all__ = ["ScorecardRow", "scorecard"]


# Importable from here, where they were first defined; they belong with the indicators.
computed_significance = indicators.computed_significance
observation_interval = indicators.observation_interval


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
    """The direction from ``previous`` to ``latest`` by their printed values alone, allowing for
    rounding: higher or lower, not tested, within rounding, same or not compared; never better,
    worse or stable, which need a test (see [`Direction`][safeguarding_model.Direction])."""
    computed_significance: Significance
    """Against England, where counts give an interval; else not compared."""
    parts: tuple[Observation | None, ...] = ()
    """The area's figures for the quarters (or else the months) within ``latest``'s period, in
    order, ``None`` for one not printed; empty when the report prints none of them."""

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
        return figure_of(area, self.comparators)


def _direction(previous: Observation | None, latest: Observation) -> Direction:
    """The printed figures compared alone: higher or lower, not tested, or within rounding."""
    if previous is None or previous.value.number is None or latest.value.number is None:
        return Direction.NOT_COMPARED
    before, after = previous.value.number, latest.value.number
    return Direction.of_values(after - before, rounding=half_unit(before) + half_unit(after))


def _parts(latest: Observation, mine: list[Observation]) -> tuple[Observation | None, ...]:
    """The area's figures for the coarsest division of the latest period that it prints."""
    from safeguarding_model.aggregation import parts_of  # noqa: PLC0415 - only when a row has parts

    def span(period: Period) -> tuple[object, object]:
        return period.start, period.end

    by_span = {span(o.period): o for o in mine if o.value.number is not None or o.value.printed}
    for division in parts_of(latest.period):
        found = tuple(by_span.get(span(p)) for p in division)
        if any(found):
            return found
    return ()


def scorecard(report: AnnualReport, *, area: str | None = None) -> tuple[ScorecardRow, ...]:
    """The scorecard of ``report`` for its area (or ``area``), in the order indicators are defined.

    Indicators with no figure of the area are left out. Where a series has annual and quarterly
    figures, the scorecard compares the annual ones, and the row's ``parts`` holds the area's
    figures for the quarters (or else the months) of the latest year.

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
        every = mine
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
                computed_direction=_direction(previous, latest),
                computed_significance=Significance.NOT_COMPARED,
                parts=_parts(latest, every),
            )
        )
    computed = computed_significances(
        [(row.indicator, row.latest, figure_of("England", row.comparators)) for row in rows]
    )
    return tuple(
        attrs.evolve(row, computed_significance=significance)
        for row, significance in zip(rows, computed, strict=True)
    )
