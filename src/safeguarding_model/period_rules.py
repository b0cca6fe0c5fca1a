"""Rules that read the periods of a report (V): a period whose reading was a guess is reported.

[`parse_period`][safeguarding_model.parse_period] reads ``2017 – 18`` as the financial year
2017/18, though the same print also stands for the calendar years 2017 and 2018 pooled, and
reads a bare DfE code ``201718`` as the financial year, though it may be an academic year; it
keeps the guess on the period as a [`PeriodFlag`][safeguarding_model.PeriodFlag]. Rule V102
reports every such period in a report, so that a reader can confirm the reading or print the
period unambiguously. [`check`][safeguarding_model.check] runs it with the other rules.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.period_rules import RULES
    >>> [rule.code for rule in RULES]
    ['V102']
    >>> check(load_example(), rules=RULES)
    ()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel

from safeguarding_model._report_figures import figure_location
from safeguarding_model.errors import brief
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.indicators import Observation
from safeguarding_model.periods import FinancialYear, Period, PeriodFlag
from safeguarding_model.provenance import Provenance

if TYPE_CHECKING:
    from collections.abc import Iterator

    from safeguarding_model.report import AnnualReport

__all__ = ["RULES"]


def _periods(
    value: object, path: str, provenance: tuple[Provenance, ...]
) -> Iterator[tuple[str, Period, tuple[Provenance, ...]]]:
    """Every period in ``value``, with where it is and where its record is printed."""
    if isinstance(value, Period):
        yield path, value, provenance
    elif isinstance(value, Observation):
        printed: tuple[Provenance, ...] = () if value.provenance is None else (value.provenance,)
        yield from _periods(value.period, figure_location(value), printed)
    elif isinstance(value, BaseModel):
        found = getattr(value, "provenance", None)
        held = (found,) if isinstance(found, Provenance) else provenance
        for name in type(value).model_fields:
            yield from _periods(getattr(value, name), f"{path}.{name}" if path else name, held)
    elif isinstance(value, tuple | list):
        for position, item in enumerate(value):
            yield from _periods(item, f"{path}[{position}]", provenance)


def _advice(period: Period, flag: PeriodFlag) -> str:
    if not isinstance(period, FinancialYear):  # pragma: no cover - only financial years are guessed
        return f"print {str(period)!r} to confirm the reading"
    first, last = period.start_year, period.start_year + 1
    if flag is PeriodFlag.DFE_CODE:
        return (
            f"print {str(period)!r} for the financial year or 'academic year {period}' for the "
            "academic year (a DfE file's time_identifier says which: see period_from_dfe)"
        )
    return (
        f"print {str(period)!r} for the financial year or 'calendar years {first} - "
        f"{last % 100:02d}' for the two calendar years pooled"
    )


def _guessed_periods(report: AnnualReport) -> list[Finding]:
    return [
        Finding(
            "V102",
            Kind.AMBIGUOUS_VALUE,
            Severity.WARNING,
            where,
            f"the period {brief(period.printed)} was read as the financial year {period}: "
            f"{flag.description}; {_advice(period, flag)}",
            provenance=provenance,
        )
        for where, period, provenance in _periods(report, "", ())
        for flag in period.flags
    ]


def _guessed_rule(report: AnnualReport) -> list[Finding]:
    """A period whose reading was a guess: ``2017 – 18`` read as a financial year.

    A dash with spaces, an en dash or ``to`` between consecutive years is printed both for a
    financial year and for two calendar years pooled; a bare six-digit DfE code both for a
    financial and an academic year. Each is read as the financial year and reported here, with
    the observation (or the field) and the period as printed. Print ``2017/18`` (or ``financial
    year 2017/18``), ``calendar years 2017 - 18`` or ``academic year 2017/18`` to say which.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2017/18",
        ...     "indicators": [{"id": "cp", "name": "Child protection plans", "kind": "count"}],
        ...     "observations": [{"indicator": "cp", "area": "A", "period": "2017 – 18", "value": {"number": "1200"}}]})
        >>> for finding in find_rule("V102")(report):
        ...     print(finding.code, finding)
        V102 warning [ambiguous_value] cp / A / 2017/18: the period '2017 – 18' was read as the financial year 2017/18: a dash with spaces, an en dash or 'to' between consecutive years, read as a financial year (two calendar years pooled are printed the same way); print '2017/18' for the financial year or 'calendar years 2017 - 18' for the two calendar years pooled
    """
    return _guessed_periods(report)


RULES: tuple[Rule, ...] = (Rule("V102", "ambiguous-period", RuleDomain.VALUES, _guessed_rule),)
"""The rules of a report's periods."""
