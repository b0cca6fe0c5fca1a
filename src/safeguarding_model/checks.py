"""Where a report disagrees with itself: `check(report)` and its findings.

Every check allows for rounding, so that figures that agree are never flagged: a printed figure
stands for every number that rounds to it (``12.2`` for anything from 12.15 to 12.25), and a
finding is raised only when no numbers that round to the printed ones could satisfy the
statement. A difference within one unit of the stated figure's last digit (a truncation rather
than a rounding: the figures give 12.27 and the text says 12.2) is a warning; anything else an
error.

| kind | what is compared |
| --- | --- |
| ``budget_arithmetic`` | stated subtotals and totals with their lines (via [`reconcile`][safeguarding_model.reconcile]) |
| ``period_label`` | labels naming another year than the report's |
| ``ambiguous_value`` | cells whose reading was a guess (see [`ValueFlag`][safeguarding_model.ValueFlag]) |
| ``rate_vs_counts`` | a rate with the count and denominator printed beside it |
| ``implied_denominator`` | rates over one population whose counts imply different populations |
| ``shares_total`` | category shares of one whole that do not add to 100% |
| ``stated_change`` | a claim's percentage, absolute change, ratio or level against its figures, and its bound ("more than", "almost") |
| ``stated_direction`` | a stated direction of travel the figures contradict |
| ``stated_significance`` | a stated significance or colour against England that the figure's interval (printed, or from its printed counts) contradicts |
| ``attendance`` | the stated overall attendance against the rows, and duplicated rows |
| ``repeated_figure`` | one indicator, area and period printed twice with figures that cannot both be right |

Examples:
    >>> from safeguarding_model import check, load_example
    >>> findings = check(load_example("lancashire-2015-16"))
    >>> any(f.kind == "budget_arithmetic" for f in findings)
    True
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from attrs import frozen

from safeguarding_model._escape import escape_terminal
from safeguarding_model._numbers import half_unit
from safeguarding_model.agencies import attendance_summary
from safeguarding_model.budgets import NoticeKind, reconcile
from safeguarding_model.indicators import MeasureKind, Observation, Provenance
from safeguarding_model.markers import Direction, Polarity
from safeguarding_model.report import AnnualReport, Claim, ClaimBound, ClaimKind
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from safeguarding_model.values import Value

__all__ = ["CheckFinding", "CheckKind", "Severity", "check"]

_CROSS_PERIOD = Decimal("0.05")
"""Implied populations of different periods may differ this much (estimates move ~1% a year)."""
_APPROXIMATE = Decimal("0.10")
"""An "approximately" claim may be this far off, relative to the stated figure."""


class Severity(StrEnum):
    """How serious a finding is.

    Examples:
        >>> from safeguarding_model import Severity
        >>> Severity("error")
        <Severity.ERROR: 'error'>
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class CheckKind(StrEnum):
    """What kind of disagreement a check finding reports (see the module's table).

    Examples:
        >>> from safeguarding_model import CheckKind
        >>> CheckKind("stated_change")
        <CheckKind.STATED_CHANGE: 'stated_change'>
    """

    BUDGET_ARITHMETIC = "budget_arithmetic"
    PERIOD_LABEL = "period_label"
    AMBIGUOUS_VALUE = "ambiguous_value"
    RATE_VS_COUNTS = "rate_vs_counts"
    IMPLIED_DENOMINATOR = "implied_denominator"
    SHARES_TOTAL = "shares_total"
    STATED_CHANGE = "stated_change"
    STATED_DIRECTION = "stated_direction"
    STATED_SIGNIFICANCE = "stated_significance"
    ATTENDANCE = "attendance"
    REPEATED_FIGURE = "repeated_figure"


@frozen
class CheckFinding:
    r"""One place where a report disagrees with itself, with the numbers involved.

    The fields keep the report's strings as printed; ``str()`` gives one line, safe to print on
    a terminal: line breaks and tabs in them become spaces, and other control characters and
    bidirectional formatting characters are shown as escapes (``\x1b``, ``\u202e``).

    Examples:
        >>> from safeguarding_model import CheckFinding, CheckKind, Severity
        >>> print(CheckFinding(CheckKind.STATED_CHANGE, Severity.ERROR, "claim lado-contacts", "stated 7%, figures give 5.6%"))
        error [stated_change] claim lado-contacts: stated 7%, figures give 5.6%
    """

    kind: CheckKind
    """What disagrees."""
    severity: Severity
    """How serious it is."""
    location: str
    """Where, in words."""
    message: str
    """What disagrees, in words."""
    provenance: tuple[Provenance, ...] = ()
    """Where the figures involved are printed."""
    numbers: tuple[tuple[str, str], ...] = ()
    """The numbers involved, by name, as exact text."""

    json_properties: ClassVar[tuple[str, ...]] = ()

    def __str__(self) -> str:
        # one line, whatever the report's strings in the location and message hold
        location, message = escape_terminal(self.location), escape_terminal(self.message)
        return f"{self.severity.value} [{self.kind.value}] {location}: {message}"


def _bounds(value: Value) -> tuple[Decimal, Decimal] | None:
    if value.number is None:
        return None
    half = half_unit(value.number)
    return value.number - half, value.number + half


def check(report: AnnualReport) -> tuple[CheckFinding, ...]:
    """Every place the report disagrees with itself, errors first.

    Args:
        report: A report, as printed.

    Returns:
        The findings, sorted by severity then kind; empty when the report is consistent.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area, check
        >>> check(AnnualReport(id="empty", title="Empty", arrangement="board", area=Area(name="X"), period="2015/16"))
        ()
    """
    findings: list[CheckFinding] = []
    findings += _budget(report)
    findings += _ambiguous(report)
    findings += _rates_and_counts(report)
    findings += _implied_denominators(report)
    findings += _shares(report)
    findings += _claims(report)
    findings += _directions(report)
    findings += _significances(report)
    findings += _attendance(report)
    findings += _repeated_figures(report)
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    return tuple(sorted(findings, key=lambda f: (order[f.severity], f.kind.value, f.location)))


def _budget(report: AnnualReport) -> list[CheckFinding]:
    if report.budget is None:
        return []
    result = reconcile(report.budget)
    findings = [
        CheckFinding(
            CheckKind.BUDGET_ARITHMETIC,
            Severity.ERROR,
            f"budget {d.location}",
            f"stated {d.stated}, computed {d.computed} (difference {d.difference})"
            + (f"; {d.note}" if d.note else ""),
            provenance=() if d.provenance is None else (d.provenance,),
            numbers=(
                ("stated", str(d.stated)),
                ("computed", str(d.computed)),
                ("difference", str(d.difference)),
            ),
        )
        for d in result.discrepancies
    ]
    kinds = {
        NoticeKind.PERIOD_LABEL: CheckKind.PERIOD_LABEL,
        NoticeKind.FLAGGED_VALUE: CheckKind.AMBIGUOUS_VALUE,
    }
    for notice in result.notices:
        kind = kinds.get(notice.kind)
        if kind is not None:
            findings.append(
                CheckFinding(
                    kind,
                    Severity.WARNING,
                    f"budget {notice.location}",
                    notice.message,
                    () if notice.provenance is None else (notice.provenance,),
                )
            )
    return findings


def _caveat(*values: Value | None) -> str:
    """Words for a finding that rests on figures not printed as final (``1412 (tbc)``), else ``""``.

    Such a finding is about the report as printed; it may go away when the figure is confirmed.
    """
    cells = [
        f"{value.printed or value.number} ({value.status.value})"
        for value in values
        if value is not None and value.status is not ValueStatus.FINAL
    ]
    return f"; it rests on figures not printed as final: {', '.join(cells)}" if cells else ""


def _where(observation: Observation) -> str:
    return f"{observation.indicator} / {observation.area} / {observation.period}"


def _provenance(*observations: Observation) -> tuple[Provenance, ...]:
    return tuple(o.provenance for o in observations if o.provenance is not None)


def _ambiguous(report: AnnualReport) -> list[CheckFinding]:
    return [
        CheckFinding(
            CheckKind.AMBIGUOUS_VALUE,
            Severity.WARNING,
            _where(observation),
            f"the cell {observation.value.printed!r}: {flag.description}",
            _provenance(observation),
        )
        for observation in report.observations
        for flag in observation.value.flags
    ]


def _rates_and_counts(report: AnnualReport) -> list[CheckFinding]:
    findings = []
    rates = {i.id: i for i in report.indicators if i.kind is MeasureKind.RATE and i.per is not None}
    for observation in report.observations:
        indicator = rates.get(observation.indicator)
        if (
            indicator is None
            or indicator.per is None
            or observation.count is None
            or observation.denominator is None
        ):
            continue
        count, over, value = (
            observation.count.number,
            observation.denominator.number,
            observation.value.number,
        )
        if count is None or over is None or value is None or over <= 0:
            continue
        computed = count * indicator.per.value / over
        if abs(computed - value) > half_unit(value):
            findings.append(
                CheckFinding(
                    CheckKind.RATE_VS_COUNTS,
                    Severity.ERROR,
                    _where(observation),
                    f"printed {value}, but {count} / {over} x {indicator.per.value:,} = {computed:.4f}",
                    _provenance(observation),
                    (("printed", str(value)), ("computed", f"{computed:.6f}")),
                )
            )
    return findings


def _implied_denominators(report: AnnualReport) -> list[CheckFinding]:
    """Rates of one population and area whose own counts imply populations that cannot agree."""
    definitions = {indicator.id: indicator for indicator in report.indicators}
    groups: dict[tuple[str, str], list[tuple[Observation, Decimal, Decimal]]] = defaultdict(list)
    for observation in report.observations:
        indicator = definitions[observation.indicator]
        bounds = _bounds(observation.value)
        count = None if observation.count is None else observation.count.number
        if (
            indicator.kind is not MeasureKind.RATE
            or indicator.per is None
            or bounds is None
            or count is None
        ):
            continue
        low, high = bounds
        if low <= 0 or indicator.population is None:
            continue
        per = indicator.per.value
        groups[(indicator.population, observation.area)].append(
            (observation, count * per / high, count * per / low)
        )
    findings = _against_context(report, groups)
    for (population, area), members in groups.items():
        disagreeing: set[frozenset[str]] = set()
        # Same period first: a cross-period pair of indicators already in error says nothing new.
        for same_period in (True, False):
            slack = Decimal(0) if same_period else _CROSS_PERIOD
            for i, j in _apart(members, slack, same_period=same_period):
                (first, first_low, first_high), (second, second_low, second_high) = (
                    members[i],
                    members[j],
                )
                indicators = frozenset((first.indicator, second.indicator))
                if not same_period and indicators in disagreeing:
                    continue
                disagreeing.add(indicators)
                findings.append(
                    CheckFinding(
                        CheckKind.IMPLIED_DENOMINATOR,
                        Severity.ERROR if same_period else Severity.WARNING,
                        f"{population} in {area}",
                        f"{_where(first)} implies {first_low:,.0f} to {first_high:,.0f} {population}; "
                        f"{_where(second)} implies {second_low:,.0f} to {second_high:,.0f}",
                        _provenance(first, second),
                    )
                )
    return findings


def _apart(
    members: list[tuple[Observation, Decimal, Decimal]], slack: Decimal, *, same_period: bool
) -> list[tuple[int, int]]:
    """Positions ``i < j`` of the members whose ranges are apart by more than ``slack``, in order.

    Only pairs of the same period, or only pairs of different periods. Pairs are found by
    sorting the ranges by their lower ends: those wholly above a range are a tail of that order,
    so the work grows with the members and the pairs found, not with every pair of members.
    """
    by_period: dict[object, list[int]] = defaultdict(list)
    for position, (observation, _low, _high) in enumerate(members):
        by_period[observation.period if same_period else None].append(position)
    found: set[tuple[int, int]] = set()
    for positions in by_period.values():
        order = sorted(positions, key=lambda position: members[position][1])
        lows = [members[position][1] for position in order]
        for position in positions:
            first, _low, high = members[position]
            for other in order[bisect.bisect_right(lows, high * (1 + slack)) :]:
                second = members[other][0]
                if other != position and (first.period == second.period) == same_period:
                    found.add((min(position, other), max(position, other)))
    return sorted(found)


def _against_context(
    report: AnnualReport, groups: dict[tuple[str, str], list[tuple[Observation, Decimal, Decimal]]]
) -> list[CheckFinding]:
    """Populations implied by the report's own area's rates against the population estimates it states.

    A stated estimate is for a year, rates for others: they may differ by the cross-period
    allowance. One finding per indicator, for its observation nearest the estimate's year.
    """
    findings = []
    for figure in report.context:
        if figure.population is None or figure.period is None or figure.value.number is None:
            continue
        members = groups.get((figure.population, report.area.name), [])
        when = figure.period.start
        by_indicator: dict[str, tuple[Observation, Decimal, Decimal]] = {}
        for member in sorted(members, key=lambda m: abs((m[0].period.start - when).days)):
            by_indicator.setdefault(member[0].indicator, member)
        stated = figure.value.number
        for observation, low, high in by_indicator.values():
            if high * (1 + _CROSS_PERIOD) < stated or stated * (1 + _CROSS_PERIOD) < low:
                findings.append(
                    CheckFinding(
                        CheckKind.IMPLIED_DENOMINATOR,
                        Severity.WARNING,
                        f"{figure.population} in {report.area.name}: {figure.label}",
                        f"stated {stated:,} ({figure.period}); {_where(observation)} implies {low:,.0f} to {high:,.0f}",
                        tuple(
                            p for p in (figure.provenance, observation.provenance) if p is not None
                        ),
                    )
                )
    return findings


def _shares(report: AnnualReport) -> list[CheckFinding]:
    wholes = {i.id: i.shares_of for i in report.indicators if i.shares_of is not None}
    groups: dict[tuple[str, str, str], list[Observation]] = defaultdict(list)
    for observation in report.observations:
        whole = wholes.get(observation.indicator)
        if whole is not None and observation.value.number is not None:
            groups[(whole, observation.area, str(observation.period))].append(observation)
    findings = []
    for (whole, area, period), members in groups.items():
        total = sum((m.value.number for m in members if m.value.number is not None), Decimal(0))
        slack = sum(
            (half_unit(m.value.number) for m in members if m.value.number is not None), Decimal(0)
        )
        if abs(total - 100) > slack:
            findings.append(
                CheckFinding(
                    CheckKind.SHARES_TOTAL,
                    Severity.ERROR,
                    f"{whole} / {area} / {period}",
                    f"the shares add to {total}%, not 100% (rounding allows {slack})",
                    _provenance(*members),
                    (("total", str(total)),),
                )
            )
    return findings


def _claim_figures(
    observations: dict[str, Observation], claim: Claim
) -> tuple[Value | None, Value | None, list[Observation]]:
    used = []
    before, after = claim.before, claim.after
    if claim.before_ref is not None:
        observation = observations[claim.before_ref]
        before = observation.value
        used.append(observation)
    if claim.after_ref is not None:
        observation = observations[claim.after_ref]
        after = observation.value
        used.append(observation)
    return before, after, used


def _claim_provenance(claim: Claim, used: list[Observation]) -> tuple[Provenance, ...]:
    """Where a claim and the figures it refers to are printed."""
    return tuple(p for p in (claim.provenance, *_provenance(*used)) if p is not None)


def _claims(report: AnnualReport) -> list[CheckFinding]:
    findings = []
    observations: dict[str, Observation] = {}
    for observation in report.observations:
        if observation.id is not None:
            observations.setdefault(observation.id, observation)
    for claim in report.claims:
        before, after, used = _claim_figures(observations, claim)
        after_bounds = None if after is None else _bounds(after)
        if after_bounds is None:
            continue
        before_bounds = None if before is None else _bounds(before)
        if claim.kind is ClaimKind.LEVEL:
            low, high = after_bounds
        elif before_bounds is None or before_bounds[0] <= 0:
            continue
        else:
            low, high = _change_range(claim.kind, before_bounds, after_bounds)
        if claim.bound is not None:
            finding = _bound_finding(claim, low, high, (before, after), used)
            findings += [] if finding is None else [finding]
            continue
        stated_low, stated_high = (
            claim.stated - half_unit(claim.stated),
            claim.stated + half_unit(claim.stated),
        )
        if claim.approximate:
            margin = abs(claim.stated) * _APPROXIMATE
            stated_low, stated_high = claim.stated - margin, claim.stated + margin
        if stated_high < low or high < stated_low:
            unit = 2 * half_unit(claim.stated)
            centre = (low + high) / 2
            truncated = (
                centre * claim.stated > 0
                and abs(claim.stated) <= abs(centre) < abs(claim.stated) + unit
            )
            severity = Severity.WARNING if claim.approximate or truncated else Severity.ERROR
            findings.append(
                CheckFinding(
                    CheckKind.STATED_CHANGE,
                    severity,
                    f"claim {claim.id}",
                    f"{claim.text!r} states {claim.stated} ({claim.kind.value}), the figures give {centre:.2f} (from {low:.2f} to {high:.2f} allowing for rounding)"
                    + _caveat(before, after),
                    _claim_provenance(claim, used),
                    (("stated", str(claim.stated)), ("computed", f"{centre:.4f}")),
                )
            )
    return findings


def _bound_holds(bound: ClaimBound, stated: Decimal, low: Decimal, high: Decimal) -> bool:
    """Whether some figure from ``low`` to ``high`` satisfies "``bound`` ``stated``".

    A negative stated number (a reduction) is a bound on the size of the change: "almost a 50%
    reduction" wants a reduction a little short of 50%.
    """
    if stated < 0:
        stated, low, high = -stated, -high, -low
    holds = {
        ClaimBound.MORE_THAN: high > stated,
        ClaimBound.AT_LEAST: high >= stated,
        ClaimBound.FEWER_THAN: low < stated,
        ClaimBound.ALMOST: low < stated and high >= stated * (1 - _APPROXIMATE),
    }
    return holds[bound]


def _bound_finding(
    claim: Claim,
    low: Decimal,
    high: Decimal,
    figures: tuple[Value | None, Value | None],
    used: list[Observation],
) -> CheckFinding | None:
    """The finding for a claim whose stated number is a bound the figures do not keep, if any."""
    if claim.bound is None or _bound_holds(claim.bound, claim.stated, low, high):
        return None
    centre = (low + high) / 2
    words = claim.bound.value.replace("_", " ")
    return CheckFinding(
        CheckKind.STATED_CHANGE,
        Severity.ERROR,
        f"claim {claim.id}",
        f"{claim.text!r} states {words} {claim.stated} ({claim.kind.value}), the figures give "
        f"{centre:.2f} (from {low:.2f} to {high:.2f} allowing for rounding)" + _caveat(*figures),
        _claim_provenance(claim, used),
        (
            ("stated", str(claim.stated)),
            ("bound", claim.bound.value),
            ("computed", f"{centre:.4f}"),
        ),
    )


def _change_range(
    kind: ClaimKind, before: tuple[Decimal, Decimal], after: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal]:
    (b_low, b_high), (a_low, a_high) = before, after
    if kind is ClaimKind.PERCENT_CHANGE:
        return (a_low / b_high - 1) * 100, (a_high / b_low - 1) * 100
    if kind is ClaimKind.RATIO:
        return a_low / b_high, a_high / b_low
    return a_low - b_high, a_high - b_low


def _directions(report: AnnualReport) -> list[CheckFinding]:
    """A stated better or worse that the change in the figures contradicts."""
    findings = []
    by_series: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for observation in report.observations:
        by_series[(observation.indicator, observation.area)].append(observation)
    polarities = {indicator.id: indicator.polarity for indicator in report.indicators}
    for (indicator_id, _area), members in by_series.items():
        polarity = polarities[indicator_id]
        if polarity is Polarity.NO_JUDGEMENT:
            continue
        ordered = sorted(members, key=lambda o: o.period)
        for previous, current in itertools.pairwise(ordered):
            stated = current.stated_direction
            if stated not in (Direction.IMPROVING, Direction.WORSENING):
                continue
            before, after = _bounds(previous.value), _bounds(current.value)
            if before is None or after is None:
                continue
            rose, fell = after[0] > before[1], after[1] < before[0]
            up_is_good = polarity is Polarity.HIGHER_IS_BETTER
            improved = (rose and up_is_good) or (fell and not up_is_good)
            worsened = (fell and up_is_good) or (rose and not up_is_good)
            if (stated is Direction.IMPROVING and worsened) or (
                stated is Direction.WORSENING and improved
            ):
                findings.append(
                    CheckFinding(
                        CheckKind.STATED_DIRECTION,
                        Severity.ERROR,
                        _where(current),
                        f"stated {stated.source_word!r}, but the figure went from {previous.value.number} to {current.value.number} ({polarity.value})"
                        + _caveat(previous.value, current.value),
                        _provenance(previous, current),
                    )
                )
    return findings


def _significances(report: AnnualReport) -> list[CheckFinding]:
    """Stated significance (or colour) against England that the figure's interval contradicts."""
    from safeguarding_model.markers import Significance  # noqa: PLC0415 - local vocabulary
    from safeguarding_model.scorecards import (  # noqa: PLC0415 - avoids a cycle
        _computed_significances,
        _figure_of,
    )

    stated = [
        o
        for o in report.observations
        if o.stated_significance is not None or o.stated_rag is not None
    ]
    englands: dict[tuple[str, object], list[Observation]] = defaultdict(list)
    for observation in report.observations:
        if observation.area == "England":
            englands[observation.indicator, observation.period].append(observation)
    definitions = {indicator.id: indicator for indicator in report.indicators}
    all_computed = _computed_significances(
        [
            (
                definitions[o.indicator],
                o,
                _figure_of("England", englands.get((o.indicator, o.period), ())),
            )
            for o in stated
        ]
    )
    findings = []
    for observation, computed in zip(stated, all_computed, strict=True):
        if computed is Significance.NOT_COMPARED:
            continue
        stated_words = None
        if (
            observation.stated_significance is not None
            and observation.stated_significance is not computed
        ):
            stated_words = observation.stated_significance.label
        elif observation.stated_rag is not None and observation.stated_rag is not computed.rag:
            stated_words = observation.stated_rag.value
        if stated_words is not None:
            findings.append(
                CheckFinding(
                    CheckKind.STATED_SIGNIFICANCE,
                    Severity.ERROR,
                    _where(observation),
                    f"stated {stated_words!r} against England, its interval gives {computed.label!r}",
                    _provenance(observation),
                )
            )
    return findings


def _attendance(report: AnnualReport) -> list[CheckFinding]:
    if report.attendance is None:
        return []
    summary = attendance_summary(report.attendance)
    findings = [
        CheckFinding(
            CheckKind.ATTENDANCE,
            Severity.WARNING,
            f"attendance / {label}",
            "the same row is printed more than once",
        )
        for label in summary.duplicate_labels
    ]
    if summary.agrees is False and summary.stated_overall is not None and summary.mean is not None:
        findings.append(
            CheckFinding(
                CheckKind.ATTENDANCE,
                Severity.WARNING,
                "attendance / overall",
                f"stated {summary.stated_overall}%, the rows average {summary.mean:.2f}% "
                "(a weighted figure would need the meetings per row)",
                numbers=(("stated", str(summary.stated_overall)), ("mean", f"{summary.mean:.4f}")),
            )
        )
    return findings


def _repeated_figures(report: AnnualReport) -> list[CheckFinding]:
    """One indicator, area and period printed more than once, with figures that disagree.

    Two numbers disagree when no number rounds to both (an error); a number printed in one place
    and none in another (``N/A`` in a table, ``82.0%`` in the text) is a warning.
    """
    printed: dict[tuple[str, str, object], list[Observation]] = defaultdict(list)
    for observation in report.observations:
        printed[observation.indicator, observation.area, observation.period].append(observation)
    findings = []
    for observations in printed.values():
        if len(observations) < 2:  # printed once
            continue
        bounds = [_bounds(o.value) for o in observations]
        numbered = [b for b in bounds if b is not None]
        # Two ranges are apart when one ends below the other's start: when the lowest end is
        # below the highest start (a range never ends below its own start).
        apart = bool(numbered) and min(high for _, high in numbered) < max(
            low for low, _ in numbered
        )
        if not apart and (not numbered or len(numbered) == len(bounds)):
            continue
        cells = "; ".join(
            f"{o.value.printed or o.value.status.value!r}"
            + (f" (line {o.provenance.line})" if o.provenance and o.provenance.line else "")
            for o in observations
        )
        findings.append(
            CheckFinding(
                CheckKind.REPEATED_FIGURE,
                Severity.ERROR if apart else Severity.WARNING,
                _where(observations[0]),
                f"printed {len(observations)} times as different figures: {cells}",
                _provenance(*observations),
                tuple(("printed", o.value.printed or o.value.status.value) for o in observations),
            )
        )
    return findings
