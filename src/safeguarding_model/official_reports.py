"""A report's figures given what an official file adds: counts, limits and comparators.

A board's report prints its area's figures, and often England's, without the counts,
denominators or confidence limits a significance test needs; the public-health profiles and the
Department for Education publish them. [`add_official_figures`][safeguarding_model.official_reports.add_official_figures]
takes an [`OfficialTable`][safeguarding_model.official.OfficialTable] read from such a file and,
for the indicators you match to the file's:

- gives each printed figure of the area (and of England or the region) the file's count,
  denominator and limits, **when the file's value agrees with the printed one** allowing for the
  rounding of both, and records the file's row in the figure's ``supplied_from``;
- adds England's and the region's figures for the area's periods where the report prints none,
  each with the file's row as its ``provenance``;
- leaves every figure whose printed value the file contradicts as printed, and says so.

What it did and did not do comes back as a list of
[`Supply`][safeguarding_model.official_reports.Supply] entries beside the new report: nothing is
changed silently, and the report's printed values are never changed.

Examples:
    >>> from safeguarding_model import (
    ...     AnnualReport, Area, IndicatorDefinition, Observation, parse_value, read_fingertips, scorecard
    ... )
    >>> from safeguarding_model.official_reports import add_official_figures
    >>> report = AnnualReport(
    ...     id="x", title="X", arrangement="board", area=Area(name="Lancashire", ons_code="E10000017"),
    ...     period="2015/16",
    ...     indicators=(IndicatorDefinition(id="infant", name="Infant mortality", kind="rate", per=1000),),
    ...     observations=(Observation(indicator="infant", area="Lancashire", period="2016", value=parse_value("4.8")),),
    ... )
    >>> from safeguarding_model import example_file
    >>> table = read_fingertips(example_file("lancashire-child-health-2016.csv"))
    >>> supplied = add_official_figures(report, table, {"infant": "fingertips-92196"}, periods={"2016": "2012 - 14"})
    >>> [(s.kind.value, s.area) for s in supplied.supplies]
    [('detail', 'Lancashire'), ('comparator', 'England'), ('comparator', 'North West region')]
    >>> scorecard(supplied.report)[0].computed_significance.label
    'Higher'
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final

import attrs

from safeguarding_model._frozen import FrozenDict
from safeguarding_model._numbers import half_unit
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind, Observation
from safeguarding_model.official import ENGLAND_CODE, OfficialTable, PublishedFigure
from safeguarding_model.periods import Period, parse_period
from safeguarding_model.provenance import Provenance
from safeguarding_model.report import AnnualReport

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

__all__ = ["OfficialMatch", "Supplied", "Supply", "SupplyKind", "add_official_figures"]


def _periods(periods: Mapping[Period | str, Period | str]) -> FrozenDict[Period, Period]:
    def period(value: Period | str, field: str) -> Period:
        if not isinstance(value, str):
            return value
        try:
            return parse_period(value)
        except ValueError as error:
            raise InvalidInputError(
                field, value, "a period such as '2016' or '2012 - 14'"
            ) from error

    return FrozenDict(
        (period(mine, "periods"), period(theirs, f"periods[{mine!s}]"))
        for mine, theirs in periods.items()
    )


def _breakdown(breakdown: Mapping[str, str]) -> FrozenDict[str, str]:
    return breakdown if isinstance(breakdown, FrozenDict) else FrozenDict(breakdown)


@attrs.frozen
class OfficialMatch:
    """Which of a file's indicators, and which of its rows, a report's indicator is.

    Attributes:
        official: The file's indicator id (``fingertips-92196``, a DfE measure's id).
        breakdown: Items a row's breakdown must have, when the file has several rows for one
            area and period (``{"Sex": "Persons"}``); columns the file lacks are not required.
        periods: The report's periods to supply, each with the file's period for it: a "2016"
            profile's infant mortality is the file's ``2012 - 14``. When given, the report's
            other periods are left alone (the report's "2015" may be another edition's figure);
            when empty, each of the area's periods is looked for as itself.

    Examples:
        >>> from safeguarding_model.official_reports import OfficialMatch
        >>> match = OfficialMatch("fingertips-92196", breakdown={"Sex": "Persons"}, periods={"2016": "2012 - 14"})
        >>> [(str(mine), str(theirs)) for mine, theirs in match.periods.items()]
        [('2016', '2012 - 14')]
    """

    official: str
    breakdown: FrozenDict[str, str] = attrs.field(factory=FrozenDict, converter=_breakdown)
    periods: FrozenDict[Period, Period] = attrs.field(factory=FrozenDict, converter=_periods)


class SupplyKind(StrEnum):
    """What ``add_official_figures`` did with one figure.

    Examples:
        >>> from safeguarding_model.official_reports import SupplyKind
        >>> SupplyKind("differs").name
        'DIFFERS'
    """

    DETAIL = "detail"
    """A printed figure took the file's count, denominator or limits."""
    COMPARATOR = "comparator"
    """A comparator's figure the report does not print was added from the file."""
    DIFFERS = "differs"
    """The file's figure differs from the printed one beyond rounding: left as printed."""
    UNUSED = "unused"
    """The file has nothing to add to a printed figure, or no usable row for it."""


@attrs.frozen
class Supply:
    """One thing ``add_official_figures`` did, or did not do and why.

    Attributes:
        kind: What was done.
        indicator: The report's indicator id.
        area: The area of the figure.
        period: The report's period of the figure.
        line: The file's line used or compared with, when there is one.
        detail: A sentence saying what and why.

    Examples:
        >>> from safeguarding_model.official_reports import Supply, SupplyKind
        >>> from safeguarding_model.periods import parse_period
        >>> Supply(SupplyKind.UNUSED, "infant", "Lancashire", parse_period("2016"), None, "no row").kind.value
        'unused'
    """

    kind: SupplyKind
    indicator: str
    area: str
    period: Period
    line: int | None
    detail: str


@attrs.frozen
class Supplied:
    """A report with the figures an official file added, and what was done figure by figure.

    Attributes:
        report: The new report (the one given is unchanged).
        supplies: One entry per figure looked at, in the order of the matches.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area
        >>> from safeguarding_model.official_reports import Supplied
        >>> report = AnnualReport(id="x", title="X", arrangement="board", area=Area(name="X"), period="2015/16")
        >>> Supplied(report, ()).of_kind("detail")
        ()
    """

    report: AnnualReport
    supplies: tuple[Supply, ...]

    def of_kind(self, kind: SupplyKind | str) -> tuple[Supply, ...]:
        """The entries of one kind."""
        wanted = SupplyKind(kind)
        return tuple(supply for supply in self.supplies if supply.kind is wanted)


_ADDED: Final = ("count", "denominator", "lower", "upper", "confidence")
"""The fields a printed figure may take from a file's row."""


def _scale(indicator: IndicatorDefinition) -> int | None:
    """What count / denominator is multiplied by to give the indicator's value, if it is so made."""
    if indicator.kind is MeasureKind.RATE and indicator.per is not None:
        return indicator.per.value
    if indicator.kind is MeasureKind.PERCENTAGE:
        return 100
    if indicator.kind is MeasureKind.PROPORTION:
        return 1
    return None


def _agree(printed: Decimal, published: Decimal) -> bool:
    """Whether two figures may be one number rounded twice."""
    return abs(printed - published) <= half_unit(printed) + half_unit(published)


def _where(table: OfficialTable, figure: PublishedFigure) -> Provenance:
    observation = figure.observation
    name = table.indicator(observation.indicator).name
    return Provenance(
        source=table.source,
        row=f"{name}, {observation.area}, {observation.period}",
        column="Value",
        line=figure.line,
    )


def _counts_make_value(indicator: IndicatorDefinition, figure: PublishedFigure) -> bool:
    """Whether the row's count and denominator give its value (not so for a standardised rate)."""
    observation = figure.observation
    scale = _scale(indicator)
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    value = observation.value.number
    if scale is None or count is None or over is None or over <= 0 or value is None:
        return scale is None
    return _agree(value, count * scale / over)


class _Rows:
    """The file's rows of one matched indicator, by area code and period."""

    def __init__(self, table: OfficialTable, report_id: str, match: OfficialMatch) -> None:
        self.table = table
        self.report_id = report_id
        self.match = match
        table.indicator(match.official)  # an unknown id is refused here
        self.rows: dict[tuple[str, Period], list[PublishedFigure]] = {}
        for figure in table.figures:
            observation = figure.observation
            if observation.indicator != match.official or any(
                figure.breakdown.get(column, wanted) != wanted
                for column, wanted in match.breakdown.items()
            ):
                continue
            self.rows.setdefault((figure.area_code, observation.period), []).append(figure)

    def row(self, area_code: str, period: Period) -> PublishedFigure | None:
        """The row of an area and period: the first with a number; refused when ambiguous."""
        found = self.rows.get((area_code, period), [])
        breakdowns = list(dict.fromkeys(figure.breakdown for figure in found))
        if len(breakdowns) > 1:
            shown = "; ".join(
                ", ".join(f"{k}={v}" for k, v in breakdown.items()) for breakdown in breakdowns[:3]
            )
            raise InvalidInputError(
                f"matches[{self.report_id!r}].breakdown",
                dict(self.match.breakdown),
                f"items that choose one of the file's {len(breakdowns)} rows for {area_code} "
                f"{period} (they differ in: {shown})",
            )
        numbered = [figure for figure in found if figure.observation.value.number is not None]
        chosen = numbered or found
        return chosen[0] if chosen else None


def _detailed(
    observation: Observation, figure: PublishedFigure, indicator: IndicatorDefinition
) -> tuple[Observation | None, str]:
    """``observation`` with what the row adds, or ``None`` and why nothing was added."""
    published = figure.observation
    update: dict[str, Any] = {}
    if (
        observation.count is None
        and observation.denominator is None
        and observation.count_ref is None
        and observation.denominator_ref is None
        and _counts_make_value(indicator, figure)
    ):
        update.update(count=published.count, denominator=published.denominator)
    if observation.lower is None and published.lower is not None:
        update.update(lower=published.lower, upper=published.upper, confidence=published.confidence)
    update = {name: update[name] for name in _ADDED if update.get(name) is not None}
    if not update:
        return None, "the file's row gives no count, denominator or limits the figure lacks"
    return observation.model_copy(update=update), "took " + ", ".join(update)


def add_official_figures(
    report: AnnualReport,
    table: OfficialTable,
    matches: Mapping[str, str | OfficialMatch],
    *,
    area_code: str | None = None,
    periods: Mapping[Period | str, Period | str] | None = None,
) -> Supplied:
    """``report`` with counts, limits and comparators from ``table`` for the matched indicators.

    For each report indicator in ``matches`` (its id → the file's indicator id, or an
    [`OfficialMatch`][safeguarding_model.official_reports.OfficialMatch]) and each period the
    report prints a figure of its area for:

    - the area's row of the file (by ``area_code``, else the report area's ONS code) gives the
      printed figure its count and denominator (when they make the file's value: not a
      standardised rate's), and its limits with their level, if the figure prints none, and the
      file's row becomes the figure's ``supplied_from`` — only when the file's value agrees with
      the printed one allowing for the rounding of both;
    - England's row, and the area's parent's (its region), give England's and the region's
      printed figures the same, or become new figures of the report (named as the file names
      them, with the file's row as their ``provenance``) when it prints none.

    Printed values are never changed: a figure the file contradicts is left as printed.

    Args:
        report: The report.
        table: A table from [`read_fingertips`][safeguarding_model.fingertips.read_fingertips],
            [`read_dfe_statistics`][safeguarding_model.dfe_statistics.read_dfe_statistics] or
            [`read_official`][safeguarding_model.official_files.read_official].
        matches: The report's indicator ids, each with the file's indicator (id or match).
        area_code: The area's code in the file, when the report's area has no ONS code or the
            file uses another.
        periods: Report period → file period, for every match that does not give its own
            (see [`OfficialMatch`][safeguarding_model.official_reports.OfficialMatch]).

    Returns:
        The new report, and what was done (or not, and why) figure by figure.

    Raises:
        InvalidInputError: When the area has no code, a period does not read, or the file has
            rows of several breakdowns for one figure and the match does not choose one.
        UnknownIdError: When an id is neither the report's nor the file's (a ``KeyError``).

    Examples:
        >>> from safeguarding_model import load_example, read_fingertips, scorecard
        >>> from safeguarding_model.official_reports import add_official_figures
        >>> from safeguarding_model import example_file
        >>> table = read_fingertips(example_file("lancashire-child-health-2016.csv"))
        >>> supplied = add_official_figures(
        ...     load_example(), table, {"infant-mortality": "fingertips-92196"}, periods={"2016": "2012 - 14"}
        ... )
        >>> [row.computed_significance.label for row in scorecard(supplied.report) if row.indicator.id == "infant-mortality"]
        ['Worse']
    """
    code = area_code or report.area.ons_code
    if code is None:
        raise InvalidInputError(
            "area_code", None, "the area's code in the file (the report's area has no ONS code)"
        )
    shared = _periods(periods or {})
    supplier = _Supplier(report, table, code)
    for report_id, given in matches.items():
        match = given if isinstance(given, OfficialMatch) else OfficialMatch(given)
        supplier.supply(report.indicator(report_id), match, match.periods or shared)
    return Supplied(
        report.model_copy(update={"observations": tuple(supplier.observations)}),
        tuple(supplier.supplies),
    )


class _Supplier:
    """The report's figures as they are being given what the file adds, and what was done."""

    def __init__(self, report: AnnualReport, table: OfficialTable, code: str) -> None:
        self.area = report.area.name
        self.table = table
        self.code = code
        self.observations = list(report.observations)
        self.supplies: list[Supply] = []
        self.printed: dict[tuple[str, Period], int] = {}

    def supply(
        self, indicator: IndicatorDefinition, match: OfficialMatch, periods: Mapping[Period, Period]
    ) -> None:
        """Supply every chosen period the report prints a figure of its area for."""
        rows = _Rows(self.table, indicator.id, match)
        self.printed = {}  # a figure printed twice: the one with a number
        for position, o in enumerate(self.observations):
            key = o.area, o.period
            if o.indicator == indicator.id and (
                key not in self.printed
                or (
                    self.observations[self.printed[key]].value.number is None
                    and o.value.number is not None
                )
            ):
                self.printed[key] = position
        own = {area_period[1] for area_period in self.printed if area_period[0] == self.area}
        for period in sorted(own, key=lambda period: (period.start, period.end)):
            if periods and period not in periods:
                continue
            for area, figure in self._places(rows, periods.get(period, period)):
                self.supplies.append(self._figure(indicator, area, period, figure))

    def _places(self, rows: _Rows, period: Period) -> list[tuple[str, PublishedFigure | None]]:
        """The area's row of a period, then England's and the parent's, where the file has them."""
        mine = rows.row(self.code, period)
        places = [(self.area, mine)]
        if mine is not None:
            for code in (ENGLAND_CODE, mine.parent_code):
                other = None if code in (None, self.code) else rows.row(code, period)
                if other is not None:
                    places.append((other.observation.area, other))
        return places

    def _figure(
        self,
        indicator: IndicatorDefinition,
        area: str,
        period: Period,
        figure: PublishedFigure | None,
    ) -> Supply:
        """Give one figure what its row adds (or add it as a comparator), and say what was done."""

        def said(kind: SupplyKind, detail: str) -> Supply:
            return Supply(
                kind, indicator.id, area, period, None if figure is None else figure.line, detail
            )

        if figure is None:
            return said(SupplyKind.UNUSED, "the file has no row for it")
        published = figure.observation
        number = published.value.number
        if number is None:
            return said(SupplyKind.UNUSED, f"the file's value is {published.value.status.value}")
        position = self.printed.get((area, period))
        if position is None:
            self.printed[area, period] = len(self.observations)
            self.observations.append(
                published.model_copy(
                    update={
                        "indicator": indicator.id,
                        "period": period,
                        "provenance": _where(self.table, figure),
                        "stated_significance": None,
                    }
                )
            )
            return said(SupplyKind.COMPARATOR, f"added {number} from the file ({published.period})")
        observation = self.observations[position]
        value = observation.value.number
        if value is None or not _agree(value, number):
            return said(
                SupplyKind.DIFFERS,
                f"printed {observation.value.printed or value}, the file {number}: left as printed",
            )
        detailed, why = _detailed(observation, figure, indicator)
        if detailed is None:
            return said(SupplyKind.UNUSED, why)
        self.observations[position] = detailed.model_copy(
            update={"supplied_from": _where(self.table, figure)}
        )
        return said(SupplyKind.DETAIL, why)
