"""Figures read from official statistics files, with what their publisher says of each.

The public-health profiles (Fingertips) and the Department for Education publish figures as
tables of one row a figure. A reader turns such a file into an
[`OfficialTable`][safeguarding_model.official.OfficialTable]: the indicators it holds, and a
[`PublishedFigure`][safeguarding_model.official.PublishedFigure] for each row — an
[`Observation`][safeguarding_model.indicators.Observation] (value, status, limits, count,
denominator, with the file and line it came from), the area's code and type, the breakdown the
row is for (sex, age, a category), and the publisher's own comparison with England and with the
parent area and its recent trend, as printed, so that checks can re-derive and compare them.

Examples:
    >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value
    >>> from safeguarding_model.official import OfficialLayout, OfficialTable, PublishedFigure
    >>> infant = IndicatorDefinition(id="fingertips-92196", name="Infant mortality", kind="rate", per=1000)
    >>> figure = PublishedFigure(
    ...     Observation(indicator="fingertips-92196", area="Lancashire", period="2012 - 14", value=parse_value("4.1")),
    ...     area_code="E10000017",
    ...     line=2,
    ... )
    >>> table = OfficialTable("profile.csv", OfficialLayout.FINGERTIPS, (infant,), (figure,))
    >>> [f.observation.value.printed for f in table.for_area("E10000017")]
    ['4.1']
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from safeguarding_model._frozen import FrozenDict
from safeguarding_model.errors import UnknownIdError
from safeguarding_model.indicators import IndicatorDefinition, Observation
from safeguarding_model.markers import Significance
from safeguarding_model.statistics.recent_trend import TrendMarker

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["ENGLAND_CODE", "OfficialLayout", "OfficialTable", "PublishedFigure"]

ENGLAND_CODE = "E92000001"
"""England's ONS code: the comparator of every area in both publishers' files."""


class OfficialLayout(StrEnum):
    """Which publisher's layout a file is in.

    Examples:
        >>> from safeguarding_model.official import OfficialLayout
        >>> OfficialLayout("dfe_statistics").name
        'DFE_STATISTICS'
    """

    FINGERTIPS = "fingertips"
    """A public-health profiles download (or ``fingertips_py``'s data frame)."""
    DFE_STATISTICS = "dfe_statistics"
    """A Department for Education tidy statistics file."""


def _frozen_breakdown(breakdown: Mapping[str, str]) -> FrozenDict[str, str]:
    return breakdown if isinstance(breakdown, FrozenDict) else FrozenDict(breakdown)


@attrs.frozen
class PublishedFigure:
    """One row of an official file: the figure, where it sits, and what the publisher says of it.

    Attributes:
        observation: The figure: indicator id, area name, period, value with its status,
            printed limits and their level, count and denominator; its ``provenance`` names the
            file and line.
        area_code: The area's ONS code (``E10000017``), or the publisher's code for it.
        line: The row's 1-based line in the file, the header being line 1.
        area_type: The kind of area as the file names it ("County & UA", "Local authority").
        parent_code: The code of the area's parent (its region), when the file gives one.
        parent_name: The parent's name, when the file gives one.
        breakdown: What part of the population the row is for, by the file's own column names:
            ``{"Sex": "Persons", "Age": "<1 yr"}``, or a DfE file's filter columns.
        compared_to_england: The publisher's comparison with England, as printed and read.
        compared_to_parent: The publisher's comparison with the parent (region) or percentiles.
        parent_comparison: The header of the column ``compared_to_parent`` came from; its name
            varies with the parent.
        recent_trend: The publisher's recent trend, as printed and read.

    Examples:
        >>> from safeguarding_model import Observation, parse_value
        >>> from safeguarding_model.official import PublishedFigure
        >>> figure = PublishedFigure(
        ...     Observation(indicator="cla-rate", area="Lancashire", period="2016", value=parse_value("x")),
        ...     area_code="E10000017",
        ...     line=7,
        ...     breakdown={"population_type": "children aged 0-17"},
        ... )
        >>> figure.observation.value.status.value, figure.breakdown["population_type"]
        ('missing', 'children aged 0-17')
    """

    observation: Observation
    area_code: str = attrs.field(kw_only=True)
    line: int = attrs.field(kw_only=True)
    area_type: str | None = attrs.field(default=None, kw_only=True)
    parent_code: str | None = attrs.field(default=None, kw_only=True)
    parent_name: str | None = attrs.field(default=None, kw_only=True)
    breakdown: FrozenDict[str, str] = attrs.field(
        factory=FrozenDict, converter=_frozen_breakdown, kw_only=True
    )
    compared_to_england: Significance | None = attrs.field(default=None, kw_only=True)
    compared_to_parent: Significance | None = attrs.field(default=None, kw_only=True)
    parent_comparison: str | None = attrs.field(default=None, kw_only=True)
    recent_trend: TrendMarker | None = attrs.field(default=None, kw_only=True)


@attrs.frozen
class OfficialTable:
    """What a reader makes of an official file: its indicators and its rows, in file order.

    Attributes:
        source: The file's name (or what the caller called a data frame), as provenance names it.
        layout: The publisher's layout the file was read as.
        indicators: The indicators the rows are of, each once, in order of first appearance.
        figures: One published figure a row.
        notes: What the reader had to guess or left aside, a sentence each: an indicator whose
            kind the file does not say, a column it does not read.

    Examples:
        >>> from safeguarding_model.official import OfficialLayout, OfficialTable
        >>> empty = OfficialTable("cin.csv", OfficialLayout.DFE_STATISTICS, (), ())
        >>> len(empty), empty.area_codes
        (0, ())
    """

    source: str
    layout: OfficialLayout
    indicators: tuple[IndicatorDefinition, ...]
    figures: tuple[PublishedFigure, ...]
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        """The number of rows."""
        return len(self.figures)

    def __iter__(self) -> Iterator[PublishedFigure]:
        """The rows, in file order."""
        return iter(self.figures)

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every row's observation, in file order."""
        return tuple(figure.observation for figure in self.figures)

    @property
    def area_codes(self) -> tuple[str, ...]:
        """The areas' codes, each once, in order of first appearance."""
        return tuple(dict.fromkeys(figure.area_code for figure in self.figures))

    def indicator(self, indicator_id: str) -> IndicatorDefinition:
        """The indicator of this id.

        Raises:
            UnknownIdError: When the table has no indicator of this id.
        """
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise UnknownIdError(
            "indicator", indicator_id, f"one of the {len(self.indicators)} indicators"
        )

    def for_area(self, area_code: str) -> tuple[PublishedFigure, ...]:
        """The rows of one area, by its code, in file order (none for a code the file lacks)."""
        return tuple(figure for figure in self.figures if figure.area_code == area_code)
