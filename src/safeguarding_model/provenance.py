"""Where a printed figure came from: section, table, row, column and line of the source."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from safeguarding_model._records import Record, WholeNumber

__all__ = ["Provenance"]


class Provenance(Record):
    """Where a figure was printed: enough to find it again in the source.

    Examples:
        >>> from safeguarding_model import Provenance
        >>> print(Provenance(section="1", table="Child Health Profiles", row="Infant mortality", column="Current", line=58))
        section 1, table 'Child Health Profiles', row 'Infant mortality', column 'Current', line 58
    """

    source: str | None = Field(
        default=None, description="The source document's id, when a report cites several."
    )
    section: str | None = Field(
        default=None, description="The section or appendix, as numbered or titled in the source."
    )
    table: str | None = Field(
        default=None,
        description="The table's title or first header, when the figure is in a table.",
    )
    row: str | None = Field(default=None, description="The row's label, as printed.")
    column: str | None = Field(default=None, description="The column's header, as printed.")
    line: Annotated[int, WholeNumber(minimum=1)] | None = Field(
        default=None, description="The 1-based line of the source text the figure is on."
    )

    def __str__(self) -> str:
        parts = []
        for name in ("source", "section", "table", "row", "column"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name} {value!r}" if name != "section" else f"section {value}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts)
