"""Official statistics files recognised by their header, and one area's scorecard from them.

[`read_official`][safeguarding_model.official_files.read_official] reads the first line of a
CSV file to tell which publisher's layout it is in, a Fingertips download (an ``Indicator ID``
column) or a DfE statistics file (``time_period``, ``time_identifier`` and
``geographic_level`` columns), then reads it whole with
[`read_fingertips`][safeguarding_model.fingertips.read_fingertips] or
[`read_dfe_statistics`][safeguarding_model.dfe_statistics.read_dfe_statistics].
[`area_scorecard`][safeguarding_model.official_files.area_scorecard] picks one area's latest
figure of each indicator and breakdown, with England's and the parent's figures beside it.

Examples:
    >>> from safeguarding_model.official_files import area_scorecard, read_official
    >>> from safeguarding_model import example_file
    >>> table = read_official(example_file("fingertips-child-health.csv"))
    >>> row = area_scorecard(table, "E10000017")[0]
    >>> row.indicator.name, str(row.figure.observation.value.number), str(row.england.observation.value.number)
    ('Infant mortality', '4.8', '3.9')
"""

from __future__ import annotations

import csv
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs

from safeguarding_model._frozen import FrozenDict
from safeguarding_model.dfe_statistics import read_dfe_statistics
from safeguarding_model.errors import FileFormatError, InvalidInputError, UnknownIdError, brief
from safeguarding_model.fingertips import DEFAULT_MAX_BYTES, read_fingertips
from safeguarding_model.indicators import IndicatorDefinition
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable, PublishedFigure

if TYPE_CHECKING:
    import os

    from safeguarding_model.periods import Period

__all__ = [
    "DEFAULT_MAX_BYTES",
    "AreaScorecardRow",
    "area_scorecard",
    "official_layout",
    "read_official",
]

_HEADER_BYTES: Final = 64 * 1024
"""The most bytes read to find the header line: a real header is a few hundred."""

_DFE_COLUMNS: Final = ("time_period", "time_identifier", "geographic_level")
_DFE_RENAMED: Final = {"geographical_level": "geographic_level"}
_FINGERTIPS_COLUMN: Final = "indicatorid"

_AREA_COLUMNS: Final = frozenset({"old_la_code"})
"""Breakdown keys that name the area rather than a part of its population (a DfE file's
former authority code): left out when a row is matched with England's and the parent's."""


def _fingertips_key(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _dfe_key(header: str) -> str:
    key = "_".join(header.replace("_", " ").lower().split())
    return _DFE_RENAMED.get(key, key)


def _label(path: Path) -> str:
    return path.name or str(path)


class _NoHeaderError(Exception):
    """The first line cannot be read as a header; the reason follows ``FILE:``."""


def _first_line(path: Path) -> str:
    """The file's first line, decoded, without its line end."""
    try:
        status = path.stat()
    except OSError as error:
        msg = f"cannot be read ({error.strerror or error})"
        raise _NoHeaderError(msg) from None
    if not stat.S_ISREG(status.st_mode):
        msg = "expected a regular file (not a directory, FIFO or device)"
        raise _NoHeaderError(msg)
    try:
        with path.open("rb") as handle:
            start = handle.read(_HEADER_BYTES + 1)
    except OSError as error:
        msg = f"cannot be read ({error.strerror or error})"
        raise _NoHeaderError(msg) from None
    ends = [at for at in (start.find(b"\n"), start.find(b"\r")) if at >= 0]
    if not ends and len(start) > _HEADER_BYTES:
        msg = f"the first line is longer than {_HEADER_BYTES:,} bytes; expected a CSV header"
        raise _NoHeaderError(msg)
    line = start[: min(ends)] if ends else start
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = (
            f"not UTF-8 text: byte 0x{line[error.start]:02x} of the first line cannot be read; "
            "expected a CSV file saved as UTF-8"
        )
        raise _NoHeaderError(msg) from None


def _layouts(line: str) -> tuple[OfficialLayout, ...]:
    """The layouts whose columns the header line names (none, one, or both)."""
    try:
        cells = next(csv.reader([line]), [])
    except csv.Error:
        return ()
    found = []
    if _FINGERTIPS_COLUMN in {_fingertips_key(cell) for cell in cells}:
        found.append(OfficialLayout.FINGERTIPS)
    if set(_DFE_COLUMNS) <= {_dfe_key(cell) for cell in cells}:
        found.append(OfficialLayout.DFE_STATISTICS)
    return tuple(found)


def official_layout(path: str | os.PathLike[str]) -> OfficialLayout | None:
    """Which publisher's layout a CSV file's header is in, or ``None`` for neither.

    Reads at most the first 64 KiB of the file. A file that cannot be read, is not UTF-8, or
    whose header names the columns of both layouts is ``None`` too:
    [`read_official`][safeguarding_model.official_files.read_official] says why.

    Examples:
        >>> from safeguarding_model.official_files import official_layout
        >>> from safeguarding_model import example_file
        >>> official_layout(example_file("dfe-children-in-need.csv"))
        <OfficialLayout.DFE_STATISTICS: 'dfe_statistics'>
        >>> official_layout("no-such-file.csv") is None
        True
    """
    try:
        layouts = _layouts(_first_line(Path(path)))
    except _NoHeaderError:
        return None
    return layouts[0] if len(layouts) == 1 else None


def read_official(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> OfficialTable:
    """Read an official statistics CSV file, in whichever publisher's layout its header shows.

    The first line is read alone (at most 64 KiB of it): a header with an ``Indicator ID``
    column (in any case and spacing: ``IndicatorID`` too) is a Fingertips download, read with
    [`read_fingertips`][safeguarding_model.fingertips.read_fingertips]; one with
    ``time_period``, ``time_identifier`` and ``geographic_level`` columns is a DfE statistics
    file, read with
    [`read_dfe_statistics`][safeguarding_model.dfe_statistics.read_dfe_statistics] and its
    default measures.

    Args:
        path: The CSV file.
        max_bytes: The largest file read (100 MiB unless told otherwise).

    Returns:
        The file's table, as its reader makes it.

    Raises:
        FileFormatError: For a file that cannot be read, is not UTF-8, whose header names
            neither layout's columns (or both), and for everything its reader refuses.
        InvalidInputError: For a ``max_bytes`` that is not a whole number of at least 1, and
            for a cell its reader cannot read.

    Examples:
        >>> from safeguarding_model.official_files import read_official
        >>> from safeguarding_model import example_file
        >>> table = read_official(example_file("dfe-children-in-need.csv"))
        >>> table.layout.value, table.figures[0].observation.indicator
        ('dfe_statistics', 'cin-at-31-march')
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError("max_bytes", max_bytes, "a whole number of bytes, at least 1")
    source = Path(path)
    label = _label(source)
    try:
        line = _first_line(source)
    except _NoHeaderError as refusal:
        raise FileFormatError(label, str(refusal)) from None
    layouts = _layouts(line)
    if len(layouts) == 2:
        raise FileFormatError(
            label,
            "the header names both a Fingertips column (Indicator ID) and the DfE ones "
            "(time_period, time_identifier, geographic_level); expected one layout",
            line=1,
        )
    if not layouts:
        raise FileFormatError(
            label,
            "not an official statistics file: looked for a Fingertips header (an 'Indicator ID' "
            "column) or a DfE header ('time_period', 'time_identifier' and 'geographic_level' "
            f"columns) and found neither; the header starts {brief(line[:60])}",
            line=1,
        )
    if layouts[0] is OfficialLayout.FINGERTIPS:
        return read_fingertips(source, max_bytes=max_bytes)
    return read_dfe_statistics(source, max_bytes=max_bytes)


def _population(figure: PublishedFigure) -> FrozenDict[str, str]:
    """The figure's breakdown without the keys that name its area."""
    return FrozenDict(
        {key: value for key, value in figure.breakdown.items() if key not in _AREA_COLUMNS}
    )


@attrs.frozen
class AreaScorecardRow:
    """One line of an area's scorecard: its latest figure of an indicator, with comparators.

    Attributes:
        indicator: The indicator.
        breakdown: The part of the population the row is for (``{"Sex": "Persons"}``),
            without a DfE file's ``old_la_code``.
        figure: The area's figure of the latest period the file has for the indicator and
            breakdown (the first such row, when the file repeats it).
        england: England's figure of the same indicator, period and breakdown, if in the file.
        parent: The parent's (region's) figure of the same, if the file has the parent's rows.

    Examples:
        >>> from safeguarding_model.official_files import area_scorecard, read_official
        >>> from safeguarding_model import example_file
        >>> table = read_official(example_file("dfe-children-in-need.csv"))
        >>> row = area_scorecard(table, "E10000017")[1]
        >>> str(row.figure.observation.period), row.parent.observation.area, dict(row.breakdown)
        ('2015/16', 'North West', {'social_care_group': 'Children in need'})
    """

    indicator: IndicatorDefinition
    breakdown: FrozenDict[str, str]
    figure: PublishedFigure
    england: PublishedFigure | None
    parent: PublishedFigure | None


def area_scorecard(table: OfficialTable, area_code: str) -> tuple[AreaScorecardRow, ...]:
    """One area's scorecard: a row for each indicator and breakdown, at its latest period.

    For each indicator and breakdown the area has rows of, the row of the latest period
    (periods compare by their start and end), with England's figure and the parent's figure
    of the same indicator, period and breakdown beside it when the file has them. Rows are in
    the order the file first gives each indicator and breakdown for the area.

    Args:
        table: The file's table.
        area_code: The area's code (``E10000017``), as the file gives it.

    Returns:
        The rows.

    Raises:
        UnknownIdError: When the table has no row for ``area_code``.

    Examples:
        >>> from safeguarding_model.official_files import area_scorecard, read_official
        >>> from safeguarding_model import example_file
        >>> table = read_official(example_file("fingertips-renamed.csv"))
        >>> [row.figure.compared_to_england.label for row in area_scorecard(table, "E10000017")]
        ['Worse']
    """
    own = table.for_area(area_code)
    if not own:
        codes = table.area_codes
        shown = ", ".join(codes[:5]) + (f" and {len(codes) - 5} more" if len(codes) > 5 else "")
        raise UnknownIdError("area_code", area_code, f"an area of the file ({shown or 'none'})")
    latest: dict[tuple[str, FrozenDict[str, str]], PublishedFigure] = {}
    for figure in own:
        key = (figure.observation.indicator, _population(figure))
        known = latest.get(key)
        if known is None or figure.observation.period > known.observation.period:
            latest[key] = figure
    comparators: dict[tuple[str, str, FrozenDict[str, str], Period], PublishedFigure] = {}
    wanted = {ENGLAND_CODE} | {f.parent_code for f in latest.values() if f.parent_code}
    for figure in table.figures:
        if figure.area_code in wanted:
            observation = figure.observation
            key4 = (
                figure.area_code,
                observation.indicator,
                _population(figure),
                observation.period,
            )
            comparators.setdefault(key4, figure)
    indicators = {indicator.id: indicator for indicator in table.indicators}
    rows = []
    for (indicator_id, population), figure in latest.items():
        period = figure.observation.period
        parent = None
        if figure.parent_code:
            parent = comparators.get((figure.parent_code, indicator_id, population, period))
        rows.append(
            AreaScorecardRow(
                indicator=indicators[indicator_id],
                breakdown=population,
                figure=figure,
                england=comparators.get((ENGLAND_CODE, indicator_id, population, period)),
                parent=parent,
            )
        )
    return tuple(rows)
