"""Tables of figures by period, written as printed: a row an indicator, a cell a period.

Performance appendices print a table of quarters (or months, or years) with a row an
indicator. A report file may write such a table as a
[`FigureTable`][safeguarding_model.figure_tables.FigureTable] instead of one observation a
cell: its columns' periods once, then each row's indicator, label and cells as printed. When
the report is read, each printed cell becomes an ordinary
[`Observation`][safeguarding_model.indicators.Observation], with its own provenance (the
table's title and section, the row's label and line, the column's header), so that every check,
chart and scorecard sees it as it would a figure written out in full.

Examples:
    >>> from safeguarding_model.figure_tables import FigureTable
    >>> table = FigureTable.model_validate({
    ...     "title": "Children missing",
    ...     "area": "Lancashire",
    ...     "columns": ["2015/16 Q1", "2015/16 Q2"],
    ...     "headers": ["Q1", "Q2"],
    ...     "rows": [{"indicator": "missing-from-home", "label": "Missing from home", "cells": ["503", "514"], "line": 273}],
    ... })
    >>> [(str(o.period), o.value.printed, o.provenance.column) for o in table.observations()]
    [('2015/16 Q1', '503', 'Q1'), ('2015/16 Q2', '514', 'Q2')]
"""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from safeguarding_model._records import Record, Text, WholeNumber
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.indicators import Observation
from safeguarding_model.periods import Period
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import parse_value

__all__ = ["FigureTable", "TableRow"]


class TableRow(Record):
    """One row of a [`FigureTable`][safeguarding_model.figure_tables.FigureTable]: an indicator's cells.

    Examples:
        >>> from safeguarding_model.figure_tables import TableRow
        >>> TableRow(indicator="missing-from-home", cells=("503", None, "522")).cells[1] is None
        True
    """

    indicator: str = Field(description="The indicator's id.")
    label: Text | None = Field(default=None, description="The row's label, as printed.")
    cells: tuple[str | None, ...] = Field(
        description=(
            "The row's cells, one a column, as printed ('503', '17.6%', 'TBC'); null for a cell "
            "left blank, which gives no figure."
        )
    )
    area: Text | None = Field(
        default=None, description="The area of the row's figures, when not the table's."
    )
    line: Annotated[int, WholeNumber(minimum=1)] | None = Field(
        default=None, description="The 1-based line of the source text the row is on."
    )
    lines: tuple[Annotated[int, WholeNumber(minimum=1)] | None, ...] | None = Field(
        default=None,
        description=(
            "The line of each cell, one a column, when the source text prints the cells on "
            "lines of their own (a table extracted from a PDF); instead of line."
        ),
    )
    note: str | None = Field(default=None, description="Words printed with the row.")


class FigureTable(Record):
    """A printed table of figures by period, one row an indicator, expanded into observations.

    Examples:
        >>> from safeguarding_model.figure_tables import FigureTable
        >>> table = FigureTable(area="Lancashire", columns=("2015/16 Q1",), rows=({"indicator": "x", "cells": ("12.0%",)},))
        >>> table.observations()[0].value.number
        Decimal('12.0')
    """

    title: Text | None = Field(
        default=None, description="The table's title or first header, as printed."
    )
    section: str | None = Field(
        default=None, description="The section or appendix the table is in, as printed."
    )
    area: Text = Field(description="The area of the table's figures (a row may name another).")
    columns: tuple[Period, ...] = Field(
        min_length=1, description="The period of each column, in order ('2015/16 Q1' ...)."
    )
    headers: tuple[str, ...] | None = Field(
        default=None,
        description="The columns' headers as printed ('Q1' ...), when not the periods as written.",
    )
    rows: tuple[TableRow, ...] = Field(description="The rows: an indicator's cells each.")

    @model_validator(mode="after")
    def _shapes_agree(self) -> Self:
        width = len(self.columns)
        if self.headers is not None and len(self.headers) != width:
            raise InvalidInputError("headers", len(self.headers), f"{width} headers, one a column")
        for position, row in enumerate(self.rows):
            if len(row.cells) != width:
                raise InvalidInputError(
                    f"rows.{position}.cells", len(row.cells), f"{width} cells, one a column"
                )
            if row.lines is not None and len(row.lines) != width:
                raise InvalidInputError(
                    f"rows.{position}.lines", len(row.lines), f"{width} lines, one a column"
                )
            if row.lines is not None and row.line is not None:
                raise InvalidInputError(
                    f"rows.{position}.line", row.line, "none beside lines (a line a cell)"
                )
            for column, cell in enumerate(row.cells):
                if cell is not None:
                    try:
                        parse_value(cell)
                    except ValueError as error:
                        raise InvalidInputError(
                            f"rows.{position}.cells.{column}", cell, f"a printed figure ({error})"
                        ) from None
        return self

    def observations(self) -> tuple[Observation, ...]:
        """An observation for each printed cell, row by row, with the cell's provenance.

        A row's ``note`` (a comments column) goes with its last printed cell.
        """
        headers = self.headers or tuple(str(period) for period in self.columns)
        found = []
        for row in self.rows:
            printed = [column for column, cell in enumerate(row.cells) if cell is not None]
            lines = row.lines or (row.line,) * len(row.cells)
            for column, (period, header, cell, line) in enumerate(
                zip(self.columns, headers, row.cells, lines, strict=True)
            ):
                if cell is None:
                    continue
                found.append(
                    Observation(
                        indicator=row.indicator,
                        area=row.area or self.area,
                        period=period,
                        value=parse_value(cell),
                        note=row.note if column == printed[-1] else None,
                        provenance=Provenance(
                            section=self.section,
                            table=self.title,
                            row=row.label,
                            column=header,
                            line=line,
                        ),
                    )
                )
        return tuple(found)
