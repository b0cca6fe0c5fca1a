"""Where a report disagrees with itself: `check(report)` composes the rules.

A rule reads one part of a report and returns [`Finding`][safeguarding_model.findings.Finding]s
with its code (see the [rules page](../reference/rules.md) for every rule, its tolerance and a
failing example). The rules that read one record live beside it: the budget's in ``budgets``
(``B``), attendance's in ``attendance`` (``A``), section 11's in ``section11`` (``S``) and the
agency register's in ``agencies`` (``G``). The
rules here read the whole report: indicators and rates (``R``), claims (``C``) and the cells of
observations (``V``). [`check`][safeguarding_model.check] runs them all, or those chosen with
``select`` and ``ignore``, and users add their own with ``rules``.

Every rule allows for rounding, so that figures that agree are never flagged: a printed figure
stands for every number that rounds to it (``12.2`` for anything from 12.15 to 12.25), and a
finding is raised only when no numbers that round to the printed ones could satisfy the
statement. A difference within one unit of the stated figure's last digit (a truncation rather
than a rounding: the figures give 12.27 and the text says 12.2) is a warning; anything else an
error.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> findings = check(load_example("lancashire-2015-16"))
    >>> any(f.kind == "budget_arithmetic" for f in findings)
    True
    >>> sorted({f.code for f in findings if f.code.startswith("C")})
    ['C101', 'C102']
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from safeguarding_model import agencies, attendance, budgets, section11
from safeguarding_model._numbers import half_unit
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity, select_rules
from safeguarding_model.indicators import (
    MeasureKind,
    Observation,
    Provenance,
    computed_significances,
    figure_of,
)
from safeguarding_model.markers import Direction, Polarity, Significance, judge
from safeguarding_model.report import AnnualReport, Claim, ClaimBound, ClaimKind
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    from safeguarding_model.values import Value

CheckFinding = Finding
"""[`Finding`][safeguarding_model.findings.Finding] by the name the front door gives it.

``safeguarding_model.Finding`` is an inspection's finding (a strength or an area for
improvement), so a check's finding is ``safeguarding_model.CheckFinding`` there and
``safeguarding_model.findings.Finding`` here; they are one class.
"""

__all__ = ["CheckFinding", "CheckKind", "Severity", "check", "default_rules", "find_rule"]

_CROSS_PERIOD = Decimal("0.05")
"""Implied populations of different periods may differ this much (estimates move ~1% a year)."""
_APPROXIMATE = Decimal("0.10")
"""An "approximately" claim may be this far off, relative to the stated figure."""


CheckKind = Kind
"""[`Kind`][safeguarding_model.findings.Kind] by the name the front door gives it."""


def _bounds(value: Value) -> tuple[Decimal, Decimal] | None:
    if value.number is None:
        return None
    half = half_unit(value.number)
    return value.number - half, value.number + half


def _finding(  # noqa: PLR0913, PLR0917 - the fields of a finding, positionally as the rules write them
    code: str,
    kind: CheckKind,
    severity: Severity,
    location: str,
    message: str,
    provenance: Iterable[Provenance] = (),
    numbers: Iterable[tuple[str, str]] = (),
) -> Finding:
    return Finding(
        code,
        kind,
        severity,
        location,
        message,
        numbers=tuple(numbers),
        provenance=tuple(provenance),
    )


_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def check(
    report: AnnualReport,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    rules: Iterable[Rule] | None = None,
) -> tuple[Finding, ...]:
    """Every place the report disagrees with itself, errors first.

    Runs each rule on the record it reads (a rule that reads the budget is skipped for a report
    without one). ``select`` and ``ignore`` choose rules by code or code prefix, as linters do:
    ``select=["B", "C101"]`` runs the budget rules and C101, ``ignore="R1"`` leaves out the
    indicator and rate rules.

    Args:
        report: A report, as printed.
        select: Codes or code prefixes of the rules to run (a list, or a comma-separated
            string); ``None`` runs them all.
        ignore: Codes or code prefixes of rules not to run, after ``select``.
        rules: The rules to choose from; ``None`` for [`default_rules`][safeguarding_model.checks.default_rules].
            Pass ``(*default_rules(), my_rule)`` to add a rule of your own.

    Returns:
        The findings, sorted by severity, kind, then location; empty when the report is consistent.

    Raises:
        InvalidInputError: For a code in ``select`` or ``ignore`` that is not a capital letter
            and up to three digits, a rule that is not a [`Rule`][safeguarding_model.findings.Rule],
            or a rule that reads a part a report does not have.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area, check, load_example
        >>> check(AnnualReport(id="empty", title="Empty", arrangement="board", area=Area(name="X"), period="2015/16"))
        ()
        >>> sorted({f.code for f in check(load_example(), select="B")})
        ['B101', 'B102', 'B201', 'B202']
    """
    candidates = default_rules() if rules is None else tuple(rules)
    given: tuple[object, ...] = candidates
    parts = type(report).model_fields
    for position, candidate in enumerate(given):
        if not isinstance(candidate, Rule):
            expected = "a Rule (see safeguarding_model.findings.Rule)"
            raise InvalidInputError(f"rules[{position}]", candidate, expected)
        if candidate.reads is not None and candidate.reads not in parts:
            expected = f"None or a part of a report, one of {', '.join(sorted(parts))}"
            raise InvalidInputError(f"rules[{position}].reads", candidate.reads, expected)
    findings: list[Finding] = []
    for rule in select_rules(candidates, select=select, ignore=ignore):
        subject = report if rule.reads is None else getattr(report, rule.reads, None)
        if subject is not None:
            findings += rule(subject)
    return tuple(sorted(findings, key=lambda f: (_ORDER[f.severity], str(f.kind), f.location)))


@functools.cache
def default_rules() -> tuple[Rule, ...]:
    """Every rule [`check`][safeguarding_model.check] runs by default, by domain then code.

    Examples:
        >>> from safeguarding_model.checks import default_rules
        >>> [rule.code for rule in default_rules()][:4]
        ['B101', 'B102', 'B103', 'B201']
    """
    order = list(RuleDomain)
    every = (*budgets.RULES, *_RULES, *attendance.RULES, *section11.RULES, *agencies.RULES)
    return tuple(sorted(every, key=lambda rule: (order.index(rule.domain), rule.code)))


def find_rule(code: str) -> Rule:
    """The default rule with ``code``.

    Raises:
        UnknownIdError: For a code no default rule has (an ``InvalidInputError`` and a ``KeyError``).

    Examples:
        >>> from safeguarding_model.checks import find_rule
        >>> find_rule("B101").summary
        "A section's stated subtotal differs from what its lines add up to."
    """
    for rule in default_rules():
        if rule.code == code:
            return rule
    raise UnknownIdError("code", code, "the code of a rule in default_rules()")


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


def _ambiguous(report: AnnualReport) -> list[Finding]:
    return [
        _finding(
            "V101",
            CheckKind.AMBIGUOUS_VALUE,
            Severity.WARNING,
            _where(observation),
            f"the cell {observation.value.printed!r}: {flag.description}",
            _provenance(observation),
        )
        for observation in report.observations
        for flag in observation.value.flags
    ]


def _rates_and_counts(report: AnnualReport) -> list[Finding]:
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
                _finding(
                    "R101",
                    CheckKind.RATE_VS_COUNTS,
                    Severity.ERROR,
                    _where(observation),
                    f"printed {value}, but {count} / {over} x {indicator.per.value:,} = {computed:.4f}",
                    _provenance(observation),
                    (("printed", str(value)), ("computed", f"{computed:.6f}")),
                )
            )
    return findings


_Groups = dict[tuple[str, str], list[tuple[Observation, Decimal, Decimal]]]


def _implied_groups(report: AnnualReport) -> _Groups:
    """Each rate observation with a count, with the range of populations it implies, by population and area."""
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
    return groups


def _implied_denominators(report: AnnualReport) -> list[Finding]:
    """Rates of one population and area whose own counts imply populations that cannot agree."""
    findings = []
    for (population, area), members in _implied_groups(report).items():
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
                    _finding(
                        "R102",
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


def _against_context(report: AnnualReport) -> list[Finding]:
    """Populations implied by the report's own area's rates against the population estimates it states.

    A stated estimate is for a year, rates for others: they may differ by the cross-period
    allowance. One finding per indicator, for its observation nearest the estimate's year.
    """
    findings = []
    groups = _implied_groups(report)
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
                    _finding(
                        "R103",
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


def _shares(report: AnnualReport) -> list[Finding]:
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
                _finding(
                    "R104",
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


def _claims(report: AnnualReport) -> list[Finding]:
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
                _finding(
                    "C101",
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
) -> Finding | None:
    """The finding for a claim whose stated number is a bound the figures do not keep, if any."""
    if claim.bound is None or _bound_holds(claim.bound, claim.stated, low, high):
        return None
    centre = (low + high) / 2
    words = claim.bound.value.replace("_", " ")
    return _finding(
        "C102",
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


def _directions(report: AnnualReport) -> list[Finding]:
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
            # the change counts only when the figures' rounding ranges do not meet
            rose, fell = after[0] > before[1], after[1] < before[0]
            verdict = judge(1 if rose else -1 if fell else 0, polarity)
            if (stated is Direction.IMPROVING and verdict is Significance.WORSE) or (
                stated is Direction.WORSENING and verdict is Significance.BETTER
            ):
                findings.append(
                    _finding(
                        "R105",
                        CheckKind.STATED_DIRECTION,
                        Severity.ERROR,
                        _where(current),
                        f"stated {stated.source_word!r}, but the figure went from {previous.value.number} to {current.value.number} ({polarity.value})"
                        + _caveat(previous.value, current.value),
                        _provenance(previous, current),
                    )
                )
    return findings


def _significances(report: AnnualReport) -> list[Finding]:
    """Stated significance (or colour) against England that the figure's interval contradicts."""
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
    all_computed = computed_significances(
        [
            (
                definitions[o.indicator],
                o,
                figure_of("England", englands.get((o.indicator, o.period), ())),
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
                _finding(
                    "R106",
                    CheckKind.STATED_SIGNIFICANCE,
                    Severity.ERROR,
                    _where(observation),
                    f"stated {stated_words!r} against England, its interval gives {computed.label!r}",
                    _provenance(observation),
                )
            )
    return findings


def _repeated_figures(report: AnnualReport) -> list[Finding]:
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
            _finding(
                "R107",
                CheckKind.REPEATED_FIGURE,
                Severity.ERROR if apart else Severity.WARNING,
                _where(observations[0]),
                f"printed {len(observations)} times as different figures: {cells}",
                _provenance(*observations),
                tuple(("printed", o.value.printed or o.value.status.value) for o in observations),
            )
        )
    return findings


# --- rules ---------------------------------------------------------------------------------
# The rules below read the whole report (observations of several indicators, claims that refer
# to observations); the rules that read one record live beside it, in budgets, attendance,
# section11 and agencies.


def _ambiguous_rule(report: AnnualReport) -> list[Finding]:
    """A cell of an observation whose reading was a guess (see [`ValueFlag`][safeguarding_model.ValueFlag]).

    A warning, one per guess: ``8.75`` without ``%`` in a column of percentages, ``73.000`` in a
    column of whole numbers.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="V101")[:1]:
        ...     print(finding.code, finding)
        V101 warning [ambiguous_value] child-protection-plans-multiple-categories / Lancashire / 31 March 2015: the cell '8.75': a number without '%' in a column of percentages, read as a percentage
    """
    return _ambiguous(report)


def _rate_rule(report: AnnualReport) -> list[Finding]:
    """A rate printed with its count and denominator that they do not give.

    The rate computed from the count and denominator must be within half a unit of the printed
    rate's last digit.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}],
        ...     "observations": [{"indicator": "cla", "area": "A", "period": "2015/16", "value": {"number": "60"},
        ...                       "count": {"number": "1691"}, "denominator": {"number": "244718"}}]})
        >>> for finding in find_rule("R101")(report):
        ...     print(finding.code, finding)
        R101 error [rate_vs_counts] cla / A / 2015/16: printed 60, but 1691 / 244718 x 10,000 = 69.0999
    """
    return _rates_and_counts(report)


def _implied_rule(report: AnnualReport) -> list[Finding]:
    """Rates over one population and area whose counts imply populations that cannot agree.

    Each rate with its count implies a range of populations (allowing for the rounding of the
    rate). Two ranges of the same period that do not meet are an error; of different periods, a
    warning when they are more than 5% apart (population estimates move about 1% a year).

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="R102")[:1]:
        ...     print(finding.code, finding)
        R102 error [implied_denominator] child in Lancashire: referrals-to-childrens-social-care-rate / Lancashire / 2013/14 implies 24,303 to 24,323 child; children-in-need-rate / Lancashire / 2013/14 implies 243,144 to 243,209
    """
    return _implied_denominators(report)


def _context_rule(report: AnnualReport) -> list[Finding]:
    """A population the report states that its own area's rates and counts do not imply.

    A warning when the implied range is more than 5% from the stated estimate (an estimate is
    for one year, the rates for others); one finding per indicator, for its observation nearest
    the estimate's year.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="R103")[:1]:
        ...     print(finding.code, finding)
        R103 warning [implied_denominator] child in Lancashire: child population: stated 274,733 (2014); referrals-to-childrens-social-care-rate / Lancashire / 2014/15 implies 24,291 to 24,314
    """
    return _against_context(report)


def _shares_rule(report: AnnualReport) -> list[Finding]:
    """Shares of one whole (indicators with the same ``shares_of``) that do not add to 100%.

    Rounding allows half a unit of each share's last printed digit.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": i, "name": i, "kind": "percentage", "shares_of": "plans"} for i in "abc"],
        ...     "observations": [{"indicator": i, "area": "A", "period": "2015/16", "value": {"number": v}}
        ...                      for i, v in zip("abc", ["40", "11.9", "50.1"])]})
        >>> for finding in find_rule("R104")(report):
        ...     print(finding.code, finding)
        R104 error [shares_total] plans / A / 2015/16: the shares add to 102.0%, not 100% (rounding allows 0.60)
    """
    return _shares(report)


def _direction_rule(report: AnnualReport) -> list[Finding]:
    """A stated better or worse that the change in the figures contradicts.

    Only where the indicator has a polarity and the two figures' rounding ranges do not meet.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "gld", "name": "GLD", "kind": "percentage", "polarity": "higher_is_better"}],
        ...     "observations": [{"indicator": "gld", "area": "A", "period": "2014/15", "value": {"number": "63.3"}},
        ...                      {"indicator": "gld", "area": "A", "period": "2015/16", "value": {"number": "67.5"}, "stated_direction": "worsening"}]})
        >>> for finding in find_rule("R105")(report):
        ...     print(finding.code, finding)
        R105 error [stated_direction] gld / A / 2015/16: stated 'Worse', but the figure went from 63.3 to 67.5 (higher_is_better)
    """
    return _directions(report)


def _significance_rule(report: AnnualReport) -> list[Finding]:
    """A stated significance or colour against England that the figure's interval contradicts.

    The interval is the printed one, or one computed from the printed count and denominator;
    a figure without either is not compared.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "r", "name": "R", "kind": "rate", "per": 10000, "population": "child"}],
        ...     "observations": [{"indicator": "r", "area": "A", "period": "2015/16", "value": {"number": "69.1"},
        ...                       "count": {"number": "1691"}, "denominator": {"number": "244718"}, "stated_significance": "similar"},
        ...                      {"indicator": "r", "area": "England", "period": "2015/16", "value": {"number": "60"}}]})
        >>> for finding in find_rule("R106")(report):
        ...     print(finding.code, finding)
        R106 error [stated_significance] r / A / 2015/16: stated 'Similar' against England, its interval gives 'Higher'
    """
    return _significances(report)


def _repeated_rule(report: AnnualReport) -> list[Finding]:
    """One indicator, area and period printed more than once, with figures that cannot all be right.

    Two numbers that no number rounds to are an error; a number in one place and none in
    another (``N/A`` in a table, ``82.0%`` in the text) a warning.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="R107")[:1]:
        ...     print(finding.code, finding)
        R107 warning [repeated_figure] assessments-completed-to-timescale / England / 2015/16: printed 2 times as different figures: 'N/A' (line 356); '81.0%' (line 372)
    """
    return _repeated_figures(report)


def _change_rule(report: AnnualReport) -> list[Finding]:
    """A claim's stated change, ratio or level that its figures do not give, allowing for rounding.

    An error, or a warning for an "approximately" claim (which may be 10% off) or for a figure
    truncated rather than rounded (12.27% stated as 12.2%).

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="C101")[:1]:
        ...     print(finding.code, finding)
        C101 error [stated_change] claim children-subject-to-cpp-increase: 'At the end of March 2015, 956 children were subject to a child protection plan. However, in March 2016 this had increased by 55% to 1,443.' states 55 (percent_change), the figures give 50.94 (from 50.81 to 51.07 allowing for rounding)
    """
    return [finding for finding in _claims(report) if finding.code == "C101"]


def _bound_rule(report: AnnualReport) -> list[Finding]:
    """A claim's bound ("more than", "at least", "fewer than", "almost") that its figures do not keep.

    "Almost" wants a figure a little short of the stated one: within 10% below it.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="C102"):
        ...     print(finding.code, finding)
        C102 error [stated_change] claim child-population-quarter-million: 'Lancashire has a child population of almost a quarter of a million (274,733 – 2014 mid-year estimate).' states almost 250000 (level), the figures give 274733.00 (from 274732.50 to 274733.50 allowing for rounding)
    """
    return [finding for finding in _claims(report) if finding.code == "C102"]


_ROUNDING = "half a unit of each printed figure's last digit"

_RULES: tuple[Rule, ...] = (
    Rule("R101", "rate-vs-counts", RuleDomain.INDICATORS_AND_RATES, _rate_rule, None, _ROUNDING),
    Rule(
        "R102",
        "implied-denominator",
        RuleDomain.INDICATORS_AND_RATES,
        _implied_rule,
        None,
        f"{_ROUNDING}; 5% between periods",
    ),
    Rule(
        "R103",
        "implied-vs-stated-population",
        RuleDomain.INDICATORS_AND_RATES,
        _context_rule,
        None,
        f"{_ROUNDING}; 5% between the estimate's year and the rate's",
    ),
    Rule("R104", "shares-total", RuleDomain.INDICATORS_AND_RATES, _shares_rule, None, _ROUNDING),
    Rule(
        "R105",
        "stated-direction",
        RuleDomain.INDICATORS_AND_RATES,
        _direction_rule,
        None,
        _ROUNDING,
    ),
    Rule(
        "R106",
        "stated-significance",
        RuleDomain.INDICATORS_AND_RATES,
        _significance_rule,
        None,
        "none: the interval decides",
    ),
    Rule(
        "R107", "repeated-figure", RuleDomain.INDICATORS_AND_RATES, _repeated_rule, None, _ROUNDING
    ),
    Rule(
        "C101",
        "stated-change",
        RuleDomain.CLAIMS,
        _change_rule,
        None,
        f"{_ROUNDING}; 10% for 'approximately'",
    ),
    Rule(
        "C102",
        "stated-bound",
        RuleDomain.CLAIMS,
        _bound_rule,
        None,
        f"{_ROUNDING}; 10% for 'almost'",
    ),
    Rule("V101", "ambiguous-value", RuleDomain.VALUES, _ambiguous_rule),
)
