"""What the report-wide rules share: the rounding range of a printed figure, and its caveats.

Package-internal, below [`indicator_rules`][safeguarding_model.indicator_rules] and
[`claim_rules`][safeguarding_model.claim_rules], which both read figures of a whole report. A
printed figure stands for every number that rounds to it: ``12.2`` for anything from 12.15 to
12.25 (see [`rounding_range`][safeguarding_model._report_figures.rounding_range]).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from safeguarding_model._numbers import half_unit
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from decimal import Decimal

    from safeguarding_model.indicators import Observation
    from safeguarding_model.provenance import Provenance
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = [
    "ROUNDING",
    "Linked",
    "caveat",
    "figure_location",
    "linked_figures",
    "provenance_of",
    "rounding_range",
]

ROUNDING = "half a unit of each printed figure's last digit"
"""The tolerance of a rule that allows for the rounding of the figures it compares."""


def figure_location(observation: Observation) -> str:
    """Where a finding about one figure is: its indicator, area and period.

    Examples:
        >>> from safeguarding_model import Observation, parse_value
        >>> from safeguarding_model._report_figures import figure_location
        >>> figure = Observation(indicator="cpp-rate", area="Lancashire", period="2015/16", value=parse_value("59.0"))
        >>> figure_location(figure)
        'cpp-rate / Lancashire / 2015/16'
    """
    return f"{observation.indicator} / {observation.area} / {observation.period}"


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


class Linked(NamedTuple):
    """An observation with its count and denominator as printed or linked, and the figures linked."""

    observation: Observation
    """The observation, with ``count`` and ``denominator`` filled from the figures it links to."""
    sources: tuple[Observation, ...]
    """The observations its count and denominator were taken from (none when printed with it)."""


def linked_figures(report: AnnualReport) -> tuple[Linked, ...]:
    """The report's observations, each with the count and denominator it prints or links to.

    A figure's count is the one printed with it; else the figure its ``count_ref`` names; else,
    when its indicator names a ``numerator`` indicator, that indicator's figure of the same area
    and period (one with a number first). Its denominator is the one printed with it, else the
    figure its ``denominator_ref`` names. The rules then read linked figures exactly as printed
    ones. The report has checked on load that every link names a figure of the same area and
    period.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model._report_figures import linked_figures
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "contacts", "name": "Contacts", "kind": "count"},
        ...                    {"id": "contacts-rate", "name": "Contacts per 10,000", "kind": "rate", "per": 10000, "population": "child", "numerator": "contacts"}],
        ...     "observations": [{"indicator": "contacts", "area": "A", "period": "2015/16", "value": {"number": "2500"}},
        ...                      {"indicator": "contacts-rate", "area": "A", "period": "2015/16", "value": {"number": "100.0"}}]})
        >>> linked = linked_figures(report)[1]
        >>> linked.observation.count.number, [o.indicator for o in linked.sources]
        (Decimal('2500'), ['contacts'])
    """
    by_id: dict[str, Observation] = {}
    for observation in report.observations:
        if observation.id is not None:
            by_id.setdefault(observation.id, observation)
    numerators = {i.id: i.numerator for i in report.indicators if i.numerator is not None}
    counts = _counts(report, set(numerators.values()))
    result = []
    for observation in report.observations:
        update: dict[str, Value] = {}
        sources: list[Observation] = []
        if observation.count is None:
            source = None if observation.count_ref is None else by_id.get(observation.count_ref)
            numerator = numerators.get(observation.indicator)
            if source is None and numerator is not None:
                source = counts.get((numerator, observation.area, observation.period))
            if source is not None:
                update["count"] = source.value
                sources.append(source)
        if observation.denominator is None and observation.denominator_ref is not None:
            source = by_id.get(observation.denominator_ref)
            if source is not None:
                update["denominator"] = source.value
                sources.append(source)
        linked = observation.model_copy(update=update) if update else observation
        result.append(Linked(linked, tuple(sources)))
    return tuple(result)


def _counts(report: AnnualReport, wanted: set[str]) -> dict[tuple[str, str, object], Observation]:
    """The figures of the ``wanted`` indicators by indicator, area and period: one with a number first."""
    counts: dict[tuple[str, str, object], Observation] = {}
    for observation in report.observations:
        if observation.indicator not in wanted:
            continue
        key = (observation.indicator, observation.area, observation.period)
        known = counts.get(key)
        if known is None or (known.value.number is None and observation.value.number is not None):
            counts[key] = observation
    return counts
