"""Rules that read a whole report's indicators and observations (R) and the cells of observations (V).

A figure printed with its count and denominator must be the rate they give (R101); rates over
one population and area must imply populations that can agree, with each other (R102) and with
the populations the report states (R103); shares of one whole must add to 100% (R104); a stated
direction (R105) or significance against England (R106) must be what the figures give; one
figure printed twice must be printed alike (R107); and a cell whose reading was a guess is
reported (V101). Every comparison allows for rounding: a printed figure stands for every
number that rounds to it. [`check`][safeguarding_model.check] runs these rules with the others.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.indicator_rules import RULES
    >>> [rule.code for rule in RULES]
    ['R101', 'R102', 'R103', 'R104', 'R105', 'R106', 'R107', 'V101']
    >>> sorted({f.code for f in check(load_example(), rules=RULES)})
    ['R102', 'R103', 'R107', 'V101']
"""

from __future__ import annotations

import bisect
import itertools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from safeguarding_model._numbers import half_unit
from safeguarding_model._report_figures import (
    ROUNDING,
    caveat,
    provenance_of,
    rounding_range,
)
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.indicators import (
    MeasureKind,
    Observation,
    computed_significances,
    figure_of,
)
from safeguarding_model.markers import Direction, Polarity, Significance, judge

if TYPE_CHECKING:
    from safeguarding_model.report import AnnualReport

__all__ = ["RULES"]

_CROSS_PERIOD = Decimal("0.05")
"""Implied populations of different periods may differ this much (estimates move ~1% a year)."""


def _where(observation: Observation) -> str:
    return f"{observation.indicator} / {observation.area} / {observation.period}"


def _ambiguous(report: AnnualReport) -> list[Finding]:
    return [
        Finding(
            "V101",
            Kind.AMBIGUOUS_VALUE,
            Severity.WARNING,
            _where(observation),
            f"the cell {observation.value.printed!r}: {flag.description}",
            provenance=provenance_of(observation),
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
                Finding(
                    "R101",
                    Kind.RATE_VS_COUNTS,
                    Severity.ERROR,
                    _where(observation),
                    f"printed {value}, but {count} / {over} x {indicator.per.value:,} = {computed:.4f}",
                    provenance=provenance_of(observation),
                    numbers=(("printed", str(value)), ("computed", f"{computed:.6f}")),
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
        bounds = rounding_range(observation.value)
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
                    Finding(
                        "R102",
                        Kind.IMPLIED_DENOMINATOR,
                        Severity.ERROR if same_period else Severity.WARNING,
                        f"{population} in {area}",
                        f"{_where(first)} implies {first_low:,.0f} to {first_high:,.0f} {population}; "
                        f"{_where(second)} implies {second_low:,.0f} to {second_high:,.0f}",
                        provenance=provenance_of(first, second),
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
                    Finding(
                        "R103",
                        Kind.IMPLIED_DENOMINATOR,
                        Severity.WARNING,
                        f"{figure.population} in {report.area.name}: {figure.label}",
                        f"stated {stated:,} ({figure.period}); {_where(observation)} implies {low:,.0f} to {high:,.0f}",
                        provenance=tuple(
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
                Finding(
                    "R104",
                    Kind.SHARES_TOTAL,
                    Severity.ERROR,
                    f"{whole} / {area} / {period}",
                    f"the shares add to {total}%, not 100% (rounding allows {slack})",
                    provenance=provenance_of(*members),
                    numbers=(("total", str(total)),),
                )
            )
    return findings


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
            before, after = rounding_range(previous.value), rounding_range(current.value)
            if before is None or after is None:
                continue
            # the change counts only when the figures' rounding ranges do not meet
            rose, fell = after[0] > before[1], after[1] < before[0]
            verdict = judge(1 if rose else -1 if fell else 0, polarity)
            if (stated is Direction.IMPROVING and verdict is Significance.WORSE) or (
                stated is Direction.WORSENING and verdict is Significance.BETTER
            ):
                findings.append(
                    Finding(
                        "R105",
                        Kind.STATED_DIRECTION,
                        Severity.ERROR,
                        _where(current),
                        f"stated {stated.source_word!r}, but the figure went from {previous.value.number} to {current.value.number} ({polarity.value})"
                        + caveat(previous.value, current.value),
                        provenance=provenance_of(previous, current),
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
                Finding(
                    "R106",
                    Kind.STATED_SIGNIFICANCE,
                    Severity.ERROR,
                    _where(observation),
                    f"stated {stated_words!r} against England, its interval gives {computed.label!r}",
                    provenance=provenance_of(observation),
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
        bounds = [rounding_range(o.value) for o in observations]
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
            Finding(
                "R107",
                Kind.REPEATED_FIGURE,
                Severity.ERROR if apart else Severity.WARNING,
                _where(observations[0]),
                f"printed {len(observations)} times as different figures: {cells}",
                provenance=provenance_of(*observations),
                numbers=tuple(
                    ("printed", o.value.printed or o.value.status.value) for o in observations
                ),
            )
        )
    return findings


# --- rules ---------------------------------------------------------------------------------
# Each rule's docstring carries a failing example of its own, which the rules reference page
# prints beside the rule; the examples build their records alike on purpose, so that a reader
# comparing two rules sees only what differs.


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


RULES: tuple[Rule, ...] = (
    Rule("R101", "rate-vs-counts", RuleDomain.INDICATORS_AND_RATES, _rate_rule, None, ROUNDING),
    Rule(
        "R102",
        "implied-denominator",
        RuleDomain.INDICATORS_AND_RATES,
        _implied_rule,
        None,
        f"{ROUNDING}; 5% between periods",
    ),
    Rule(
        "R103",
        "implied-vs-stated-population",
        RuleDomain.INDICATORS_AND_RATES,
        _context_rule,
        None,
        f"{ROUNDING}; 5% between the estimate's year and the rate's",
    ),
    Rule("R104", "shares-total", RuleDomain.INDICATORS_AND_RATES, _shares_rule, None, ROUNDING),
    Rule(
        "R105",
        "stated-direction",
        RuleDomain.INDICATORS_AND_RATES,
        _direction_rule,
        None,
        ROUNDING,
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
        "R107", "repeated-figure", RuleDomain.INDICATORS_AND_RATES, _repeated_rule, None, ROUNDING
    ),
    Rule("V101", "ambiguous-value", RuleDomain.VALUES, _ambiguous_rule),
)
"""The rules of a whole report's indicators, rates and observations (R) and of its cells (V)."""
