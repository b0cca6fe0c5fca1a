"""A report's headline: what a reader should see in ten seconds, before any table.

[`headline`][safeguarding_model.headlines.headline] sums a report up: who published it, for which
area and year; how many indicators it prints, how many of them could be compared with England
and how that came out; the budget's balance and whether it adds up; each inspection's judgement
in a line; and how many findings of each severity, with the most serious first. Every format
of [`render_report`][safeguarding_model.render.render_report] opens with it.

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model.headlines import headline
    >>> top = headline(load_example())
    >>> top.indicators, top.compared, top.findings["error"]
    (103, 0, 11)
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from safeguarding_model._frozen import FrozenDict
from safeguarding_model.checks import check
from safeguarding_model.findings import Finding, Severity
from safeguarding_model.markers import Significance
from safeguarding_model.reconciliation import Reconciliation, reconcile
from safeguarding_model.scorecards import ScorecardRow, scorecard

if TYPE_CHECKING:
    from safeguarding_model.inspections import Inspection
    from safeguarding_model.report import AnnualReport

__all__ = ["Headline", "headline", "inspection_line"]

ARRANGEMENTS: Final = FrozenDict(
    {
        "board": "Local Safeguarding Children Board",
        "partnership": "Safeguarding children partnership",
        "local_authority": "Local authority",
        "combined_authority": "Combined authority",
        "police_and_crime_commissioner": "Police and crime commissioner",
        "other": "Other body",
    }
)
"""Each arrangement's name as a reader knows it."""

_INSPECTORATES: Final = FrozenDict(
    {"ofsted": "Ofsted", "cqc": "CQC", "hmic": "HMIC", "board": "Board review", "other": "Other"}
)
"""Each inspectorate as a reader names it."""

_MOST_SERIOUS: Final = 3
"""How many findings the headline names."""

_ORDER: Final = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Severities, most serious first."""

NOT_COMPARABLE: Final = (
    "no figure of the area prints a count with its denominator or confidence limits, so none can "
    "be tested against England; supply them in the report file, or from a profile download "
    "with add_official_figures"
)
"""Why nothing could be compared with England, and what would make it comparable."""


def inspection_line(inspection: Inspection) -> str:
    """One line for an inspection: who, of what, when, and its overall judgement as graded.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.headlines import inspection_line
        >>> inspection_line(load_example().inspections[2])
        'HMIC: Lancashire Constabulary: good'
    """
    when = "" if inspection.end is None else f" ({inspection.end.isoformat()})"
    grade = "no overall judgement" if inspection.overall is None else inspection.overall.grade
    return f"{_INSPECTORATES[inspection.inspectorate.value]}: {inspection.subject}{when}: {grade}"


@attrs.frozen
class Headline:
    """A report summed up: the figures a reader wants before the tables.

    Attributes:
        title: The report's title.
        arrangement: Whose report it is, as a reader names it.
        area: The area's name.
        area_code: The area's ONS code, when the report gives it.
        period: The year reported on.
        indicators: How many indicators the scorecard has a figure of the area for.
        compared: How many of those were compared with England.
        significance: How the comparisons came out, by label: ``{"better": 3, ...}``, in the
            order better, similar, worse, higher, lower; labels with no indicator left out.
        not_compared_reason: Why nothing was compared, when nothing was; else ``None``.
        income: The income the budget's lines add up to, if it states income.
        expenditure: The expenditure its lines add up to, if it states expenditure.
        balance: Income minus expenditure, when both are stated; negative for a deficit.
        budget_discrepancies: Stated budget figures that disagree with their parts.
        inspections: One line for each inspection.
        findings: How many findings of each severity, most serious first (every severity).
        most_serious: The first three findings, most serious first.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.headlines import headline
        >>> top = headline(load_example())
        >>> top.arrangement, top.balance, top.budget_discrepancies
        ('Local Safeguarding Children Board', Decimal('-41685'), 4)
    """

    title: str
    arrangement: str
    area: str
    area_code: str | None
    period: str
    indicators: int
    compared: int
    significance: FrozenDict[str, int]
    not_compared_reason: str | None
    income: Decimal | None
    expenditure: Decimal | None
    balance: Decimal | None
    budget_discrepancies: int
    inspections: tuple[str, ...]
    findings: FrozenDict[str, int]
    most_serious: tuple[Finding, ...]


_SHOWN: Final = (
    Significance.BETTER,
    Significance.SIMILAR,
    Significance.WORSE,
    Significance.HIGHER,
    Significance.LOWER,
)
"""The comparisons the headline counts, in the order it lists them."""


def headline(
    report: AnnualReport,
    *,
    rows: tuple[ScorecardRow, ...] | None = None,
    findings: tuple[Finding, ...] | None = None,
    reconciliation: Reconciliation | None = None,
) -> Headline:
    """The report's headline; pass what you have already computed to save computing it again.

    Args:
        report: The report.
        rows: Its [`scorecard`][safeguarding_model.scorecard], if computed.
        findings: Its [`check`][safeguarding_model.check] findings, if computed.
        reconciliation: Its budget's [`reconcile`][safeguarding_model.reconcile], if computed.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.headlines import headline
        >>> top = headline(load_example())
        >>> top.compared, top.not_compared_reason is not None, [f.code for f in top.most_serious]
        (0, True, ['B101', 'B101', 'B101'])
    """
    rows = scorecard(report) if rows is None else rows
    findings = check(report) if findings is None else findings
    if reconciliation is None and report.budget is not None:
        reconciliation = reconcile(report.budget)
    outcomes = Counter(row.computed_significance for row in rows)
    compared = sum(outcomes[label] for label in _SHOWN)
    severities = Counter(finding.severity for finding in findings)
    ordered = sorted(findings, key=lambda finding: _ORDER.index(finding.severity))
    return Headline(
        title=report.title,
        arrangement=ARRANGEMENTS[report.arrangement],
        area=report.area.name,
        area_code=report.area.ons_code,
        period=str(report.period),
        indicators=len(rows),
        compared=compared,
        significance=FrozenDict((s.value, outcomes[s]) for s in _SHOWN if outcomes[s]),
        not_compared_reason=NOT_COMPARABLE if rows and not compared else None,
        income=None if reconciliation is None else reconciliation.income_total,
        expenditure=None if reconciliation is None else reconciliation.expenditure_total,
        balance=None if reconciliation is None else reconciliation.balance,
        budget_discrepancies=0 if reconciliation is None else len(reconciliation.discrepancies),
        inspections=tuple(inspection_line(inspection) for inspection in report.inspections),
        findings=FrozenDict((severity.value, severities[severity]) for severity in _ORDER),
        most_serious=tuple(ordered[:_MOST_SERIOUS]),
    )
