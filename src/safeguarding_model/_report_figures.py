"""What the report-wide rules share: the rounding range of a printed figure, and its caveats.

Package-internal, below [`indicator_rules`][safeguarding_model.indicator_rules] and
[`claim_rules`][safeguarding_model.claim_rules], which both read figures of a whole report. A
printed figure stands for every number that rounds to it: ``12.2`` for anything from 12.15 to
12.25 (see [`rounding_range`][safeguarding_model._report_figures.rounding_range]).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_model._numbers import half_unit
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from decimal import Decimal

    from safeguarding_model.indicators import Observation
    from safeguarding_model.provenance import Provenance
    from safeguarding_model.values import Value

__all__ = ["ROUNDING", "caveat", "provenance_of", "rounding_range"]

ROUNDING = "half a unit of each printed figure's last digit"
"""The tolerance of a rule that allows for the rounding of the figures it compares."""


def rounding_range(value: Value) -> tuple[Decimal, Decimal] | None:
    """The numbers that round to a printed value, lowest and highest; ``None`` without a number.

    Examples:
        >>> from safeguarding_model import parse_value
        >>> from safeguarding_model._report_figures import rounding_range
        >>> rounding_range(parse_value("12.2"))
        (Decimal('12.15'), Decimal('12.25'))
    """
    if value.number is None:
        return None
    half = half_unit(value.number)
    return value.number - half, value.number + half


def caveat(*values: Value | None) -> str:
    """Words for a finding that rests on figures not printed as final (``1412 (tbc)``), else ``""``.

    Such a finding is about the report as printed; it may go away when the figure is confirmed.

    Examples:
        >>> from safeguarding_model import parse_value
        >>> from safeguarding_model._report_figures import caveat
        >>> caveat(parse_value("956"), parse_value("1412 (tbc)"))
        '; it rests on figures not printed as final: 1412 (tbc) (provisional)'
    """
    cells = [
        f"{value.printed or value.number} ({value.status.value})"
        for value in values
        if value is not None and value.status is not ValueStatus.FINAL
    ]
    return f"; it rests on figures not printed as final: {', '.join(cells)}" if cells else ""


def provenance_of(*observations: Observation) -> tuple[Provenance, ...]:
    """Where the observations are printed, for those that say."""
    return tuple(o.provenance for o in observations if o.provenance is not None)
