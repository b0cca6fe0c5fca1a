"""Rules that read a whole report's indicators and observations (R) and the cells of observations (V).

A figure printed with its count and denominator, or linked to them, must be the rate or
percentage they give (R101); rates and shares over one population and area must imply
populations that can agree, with each other (R102: the figure that disagrees with the consensus
is named, with the factor) and with the populations the report states (R103); shares of one whole must add to 100% (R104); a stated
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
import math
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from safeguarding_model._numbers import half_unit
from safeguarding_model._report_figures import (
    ROUNDING,
    caveat,
    figure_location,
    linked_figures,
    provenance_of,
    rounding_range,
)
from safeguarding_model.errors import InvalidInputError, brief
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.indicators import (
    IndicatorDefinition,
    MeasureKind,
    Observation,
    computed_significances,
    figure_of,
)
from safeguarding_model.markers import Direction, Polarity, Significance, judge
from safeguarding_model.populations import parse_population, population_of

if TYPE_CHECKING:
    from safeguarding_model.periods import Period
    from safeguarding_model.provenance import Provenance
    from safeguarding_model.report import AnnualReport, ContextFigure

__all__ = ["RULES"]


def _ambiguous(report: AnnualReport) -> list[Finding]:
    return [
        Finding(
            "V101",
            Kind.AMBIGUOUS_VALUE,
            Severity.WARNING,
            figure_location(observation),
            f"the cell {brief(observation.value.printed)}: {flag.description}",
            provenance=provenance_of(observation),
        )
        for observation in report.observations
        for flag in observation.value.flags
    ]


_MULTIPLIERS = {MeasureKind.PERCENTAGE: 100, MeasureKind.PROPORTION: 1}
"""The scale of a percentage's and a proportion's figures: a rate's is its base."""


def _scale(indicator: IndicatorDefinition) -> int | None:
    """What a figure of ``indicator`` is count / denominator times, or ``None`` (a count, a mean)."""
    if indicator.kind is MeasureKind.RATE:
        return None if indicator.per is None else indicator.per.value
    return _MULTIPLIERS.get(indicator.kind)


def _figure_words(indicator: IndicatorDefinition, value: Decimal) -> str:
    if indicator.kind is MeasureKind.RATE and indicator.per is not None:
        return f"{value} per {indicator.per.value:,}"
    return f"{value}%" if indicator.kind is MeasureKind.PERCENTAGE else f"{value}"


def _rates_and_counts(report: AnnualReport) -> list[Finding]:
    """Rates, percentages and proportions that their count and denominator, printed or linked, do not give."""
    findings = []
    definitions = {indicator.id: indicator for indicator in report.indicators}
    for observation, sources in linked_figures(report):
        indicator = definitions[observation.indicator]
        scale = _scale(indicator)
        if scale is None or observation.count is None or observation.denominator is None:
            continue
        count, over, value = (
            observation.count.number,
            observation.denominator.number,
            observation.value.number,
        )
        if count is None or over is None or value is None or over <= 0:
            continue
        computed = count * scale / over
        if abs(computed - value) > half_unit(value):
            findings.append(
                Finding(
                    "R101",
                    Kind.RATE_VS_COUNTS,
                    Severity.ERROR,
                    figure_location(observation),
                    f"printed {value}, but {count} / {over} x {scale:,} = {computed:.4f}",
                    provenance=provenance_of(observation, *sources),
                    numbers=(
                        ("printed", str(value)),
                        ("computed", f"{computed:.6f}"),
                        ("count", str(count)),
                        ("denominator", str(over)),
                    ),
                )
            )
    return findings


# --- implied denominators ------------------------------------------------------------------

_DRIFT = Decimal("0.05")
"""Implied populations of periods a year apart may differ this much (estimates move ~1% a year).

Periods further apart may differ this much for each year between them."""

_BAND = Decimal("0.05")
"""A figure agrees with the consensus when its implied population is within 5% of it."""

_LISTED = 3
"""How many indicators a finding names as the consensus before saying how many more."""


class _Implied(NamedTuple):
    """A population a figure implies (a rate or share with its count) or the report states."""

    key: str
    """What votes for a consensus: the indicator's id, or the stated figure's label."""
    observation: Observation | None
    """The figure, for an implied population."""
    stated: ContextFigure | None
    """The stated population, for a population the report states."""
    period: Period
    low: Decimal
    high: Decimal
    central: Decimal
    """Count x base / figure, or the stated number."""
    words: str
    """The figure and its count, in words ('1215 per 10,000 with a count of 2954')."""
    sources: tuple[Observation, ...]
    """The figures its count and denominator were linked from."""


_Group = tuple[str, str, object]
"""What the figures are over (a population, or the whole of shares), the area, and for shares the period."""


def _implied_groups(report: AnnualReport) -> dict[_Group, list[_Implied]]:
    """Every implied population, with the populations the report states, by what they count and where.

    A rate with its count implies its population; a percentage or proportion with its count
    implies its denominator: the population it is of, or the whole its shares are of (shares of
    one whole are compared within one period only, since a whole is no population and may move
    any amount). The report's stated population estimates join the groups of its own area.
    """
    definitions = {indicator.id: indicator for indicator in report.indicators}
    groups: dict[_Group, list[_Implied]] = defaultdict(list)
    for observation, sources in linked_figures(report):
        indicator = definitions[observation.indicator]
        scale = _scale(indicator)
        bounds = rounding_range(observation.value)
        count = None if observation.count is None else observation.count.number
        value = observation.value.number
        if scale is None or bounds is None or count is None or value is None or bounds[0] <= 0:
            continue
        if indicator.kind is MeasureKind.RATE or indicator.shares_of is None:
            population = population_of(indicator, observation)
            if population is None:
                continue
            group: _Group = (str(population), observation.area, None)
        else:
            group = (indicator.shares_of, observation.area, observation.period)
        low, high = bounds
        groups[group].append(
            _Implied(
                indicator.id,
                observation,
                None,
                observation.period,
                count * scale / high,
                count * scale / low,
                count * scale / value,
                f"{_figure_words(indicator, value)} with a count of {count}",
                sources,
            )
        )
    for figure in report.context:
        bounds = rounding_range(figure.value)
        if figure.population is None or figure.period is None or bounds is None:
            continue
        group = (_population_key(figure.population), report.area.name, None)
        if group in groups and figure.value.number is not None:
            groups[group].append(
                _Implied(
                    f"stated {figure.label}",
                    None,
                    figure,
                    figure.period,
                    bounds[0],
                    bounds[1],
                    figure.value.number,
                    f"stated {figure.value.number:,}",
                    (),
                )
            )
    return groups


def _population_key(text: str) -> str:
    """The name figures over the population ``text`` are grouped by: ``'0-17'`` is ``'child'``."""
    try:
        return str(parse_population(text))
    except InvalidInputError:  # a context figure's own words: compared as written
        return text


def _people(key: str) -> str:
    """The words for the population figures are grouped by: ``'children aged 0-17'`` for ``'child'``."""
    try:
        return parse_population(key).label
    except InvalidInputError:  # a whole its shares are of, or a context figure's own words
        return key


def _allowance(first: _Implied, second: _Implied) -> Decimal:
    """How far apart two populations may be: nothing for two figures of one period, else the drift."""
    if (
        first.observation is not None
        and second.observation is not None
        and first.period == second.period
    ):
        return Decimal(0)
    years = Decimal(abs((first.period.start - second.period.start).days)) / Decimal("365.25")
    return _DRIFT * max(Decimal(1), years)


def _disagree(first: _Implied, second: _Implied) -> bool:
    slack = 1 + _allowance(first, second)
    return first.high * slack < second.low or second.high * slack < first.low


def _consensus(members: list[_Implied]) -> tuple[Decimal, frozenset[int]] | None:
    """The population most members agree with (within 5%), and who they are; ``None`` without one.

    Members vote by what they are: the figures of one indicator count as one voter, so that an
    indicator wrong the same way every year does not outvote two that agree; then by how many
    figures. The consensus needs two figures at least and a single best set of supporters: two
    figures that disagree, one against one, have none.
    """
    events = []
    for position, member in enumerate(members):
        events.append((member.low / (1 + _BAND), 0, position))
        events.append((member.high * (1 + _BAND), 1, position))
    events.sort()
    live: dict[str, int] = defaultdict(int)
    size = 0
    best: tuple[int, int] = (0, 0)
    best_at: Decimal | None = None
    tied = False
    for index, (at, ends, position) in enumerate(events):
        key = members[position].key
        if ends:
            live[key] -= 1
            size -= 1
            if not live[key]:
                del live[key]
            continue
        live[key] += 1
        size += 1
        following = events[index + 1] if index + 1 < len(events) else None
        if following is not None and following[0] == at and not following[1]:
            continue  # the score counts once every figure starting here is in
        score = (len(live), size)
        if score > best:
            best, best_at, tied = score, at, False
        elif score == best:
            tied = True
    if best_at is None or tied or best[1] < 2:  # a consensus of two figures at least
        return None
    return best_at, frozenset(
        position
        for position, member in enumerate(members)
        if member.low / (1 + _BAND) <= best_at <= member.high * (1 + _BAND)
    )


def _power_of_ten(member: _Implied, low: Decimal, high: Decimal) -> int | None:
    """The power of ten (10, 100 ...) that ``member``'s population is from ``low`` to ``high``, if any.

    Allowing for the figures' rounding and for the drift between periods.
    """
    if member.high < low:
        least, most = low / member.high, high / member.low
    elif member.low > high:
        least, most = member.low / high, member.high / low
    else:
        return None
    nearest = round(math.log10(float(least + most) / 2))
    for exponent in (nearest - 1, nearest, nearest + 1):
        if exponent >= 1 and least / (1 + _DRIFT) <= 10**exponent <= most * (1 + _DRIFT):
            return int(10**exponent)
    return None


def _factor(first: Decimal, second: Decimal) -> Decimal:
    """How many times the larger is the smaller, to two places."""
    high, low = max(first, second), min(first, second)
    return (high / low).quantize(Decimal("0.01")) if low > 0 else Decimal(0)


def _median(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _names(members: list[_Implied]) -> str:
    """The members in words: each indicator with its periods, each stated population."""
    periods: dict[str, list[str]] = defaultdict(list)
    for member in members:
        if member.stated is not None:
            periods.setdefault(f"the stated {member.stated.label} ({member.period})", [])
        else:
            periods[member.key].append(str(member.period))
    named = [f"{key} {', '.join(when)}" if when else key for key, when in periods.items()]
    if len(named) > _LISTED:
        named = [*named[:_LISTED], f"{len(named) - _LISTED} more"]
    return "; ".join(named)


def _figure_numbers(member: _Implied) -> tuple[tuple[str, str], ...]:
    if member.observation is None or member.observation.count is None:
        return (("stated", str(member.central)),)
    return (
        ("rate", str(member.observation.value.number)),
        ("count", str(member.observation.count.number)),
        ("implied_denominator", f"{member.central:.0f}"),
    )


def _provenance(*members: _Implied) -> tuple[Provenance, ...]:
    found: list[Provenance] = []
    for member in members:
        if member.observation is not None:
            found += provenance_of(member.observation, *member.sources)
        elif member.stated is not None and member.stated.provenance is not None:
            found.append(member.stated.provenance)
    return tuple(found)


def _implied_denominators(report: AnnualReport) -> list[Finding]:
    """Figures whose implied populations disagree: each with the consensus, else pair by pair."""
    findings = []
    for (key, area, _period), members in _implied_groups(report).items():
        where, label = f"{key} in {area}", _people(key)
        found = _consensus(members)
        figures = [p for p, m in enumerate(members) if m.observation is not None]
        if found is None:
            findings += _pairs(where, label, [members[p] for p in figures])
            continue
        agreeing = sorted(found[1])
        supporters = [members[p] for p in agreeing]
        for position in figures:
            if position not in found[1]:
                finding = _against_consensus(where, label, members[position], supporters)
                if finding is not None:
                    findings.append(finding)
        agreed = [members[p] for p in figures if p in found[1]]
        odd = _odd_ones_out(agreed)
        for member, others in odd:
            finding = _against_consensus(where, label, member, others)
            if finding is not None:
                findings.append(finding)
        named = {id(member) for member, _others in odd}
        findings += _pairs(where, label, [m for m in agreed if id(m) not in named])
    return findings


_LARGEST_PERIOD = 50
"""The most figures of one period searched for an odd one out (the search grows as its cube)."""


def _odd_ones_out(members: list[_Implied]) -> list[tuple[_Implied, list[_Implied]]]:
    """Figures that disagree with two or more figures of their period that agree with each other.

    Within the consensus, figures of one period must agree within their rounding. When one
    figure disagrees with several that agree among themselves, it is the one to name (once),
    rather than each pair it makes with them.
    """
    by_period: dict[object, list[_Implied]] = defaultdict(list)
    for member in members:
        by_period[member.period].append(member)
    found = []
    for figures in by_period.values():
        if len(figures) > _LARGEST_PERIOD:
            continue
        remaining = list(figures)
        while True:
            against = {
                id(m): [o for o in remaining if o is not m and _disagree(m, o)] for m in remaining
            }
            worst = max(remaining, key=lambda m: len(against[id(m)]), default=None)
            if worst is None or len(against[id(worst)]) < 2:  # one pair names no one
                break
            others = against[id(worst)]
            if any(_disagree(a, b) for a, b in itertools.combinations(others, 2)):
                break  # the others disagree among themselves too: no single figure to name
            found.append((worst, others))
            remaining = [m for m in remaining if m is not worst]
    return found


def _against_consensus(
    where: str, label: str, member: _Implied, supporters: list[_Implied]
) -> Finding | None:
    """The finding naming a figure that disagrees with the consensus, if it disagrees with one of it."""
    assert member.observation is not None  # noqa: S101 - only figures are compared here
    same_period = any(
        s.observation is not None and s.period == member.period and _disagree(member, s)
        for s in supporters
    )
    if not same_period and not any(_disagree(member, s) for s in supporters):
        return None  # within the drift of every figure it could be compared with
    low, high = min(s.low for s in supporters), max(s.high for s in supporters)
    consensus = _median([s.central for s in supporters])
    power = _power_of_ten(member, low, high)
    factor = _factor(consensus, member.central)
    gap = (
        f"a factor of {power:,} (a slip of a power of ten?)"
        if power is not None
        else f"a factor of {factor}"
    )
    count = len(supporters)
    return Finding(
        "R102",
        Kind.IMPLIED_DENOMINATOR,
        Severity.ERROR if power is not None or same_period else Severity.WARNING,
        where,
        f"{figure_location(member.observation)} disagrees with the other figures: {member.words} implies "
        f"{member.low:,.0f} to {member.high:,.0f} {label}, where {count} figures give "
        f"{low:,.0f} to {high:,.0f} ({_names(supporters)}): {gap}",
        provenance=_provenance(member, *supporters),
        numbers=(
            *_figure_numbers(member),
            ("consensus", f"{consensus:.0f}"),
            ("factor", str(power if power is not None else factor)),
        ),
    )


def _pairs(where: str, label: str, members: list[_Implied]) -> list[Finding]:
    """Pairs of figures that disagree, where no consensus names one: same period first."""
    findings = []
    disagreeing: set[frozenset[str]] = set()
    # Same period first: a cross-period pair of indicators already in error says nothing new.
    for same_period in (True, False):
        for i, j in _apart(members, Decimal(0) if same_period else _DRIFT, same_period=same_period):
            first, second = members[i], members[j]
            if (
                not _disagree(first, second)
                or first.observation is None
                or second.observation is None
            ):
                continue
            indicators = frozenset((first.key, second.key))
            if not same_period and indicators in disagreeing:
                continue
            disagreeing.add(indicators)
            power = _power_of_ten(first, second.low, second.high)
            gap = "" if power is None else f": a factor of {power:,} (a slip of a power of ten?)"
            findings.append(
                Finding(
                    "R102",
                    Kind.IMPLIED_DENOMINATOR,
                    Severity.ERROR if same_period or power is not None else Severity.WARNING,
                    where,
                    f"{figure_location(first.observation)} implies {first.low:,.0f} to {first.high:,.0f} {label}; "
                    f"{figure_location(second.observation)} implies {second.low:,.0f} to {second.high:,.0f}{gap}",
                    provenance=_provenance(first, second),
                    numbers=(
                        *_figure_numbers(first),
                        *_figure_numbers(second),
                        ("factor", str(power or _factor(first.central, second.central))),
                    ),
                )
            )
    return findings


def _apart(members: list[_Implied], slack: Decimal, *, same_period: bool) -> list[tuple[int, int]]:
    """Positions ``i < j`` of the members whose ranges are apart by more than ``slack``, in order.

    Only pairs of the same period, or only pairs of different periods. Pairs are found by
    sorting the ranges by their lower ends: those wholly above a range are a tail of that order,
    so the work grows with the members and the pairs found, not with every pair of members.
    """
    by_period: dict[object, list[int]] = defaultdict(list)
    for position, member in enumerate(members):
        by_period[member.period if same_period else None].append(position)
    found: set[tuple[int, int]] = set()
    for positions in by_period.values():
        order = sorted(positions, key=lambda position: members[position].low)
        lows = [members[position].low for position in order]
        for position in positions:
            first = members[position]
            for other in order[bisect.bisect_right(lows, first.high * (1 + slack)) :]:
                second = members[other]
                if other != position and (first.period == second.period) == same_period:
                    found.add((min(position, other), max(position, other)))
    return sorted(found)


def _against_context(report: AnnualReport) -> list[Finding]:
    """Populations implied by the report's own area's figures against the population estimates it states.

    One finding per stated estimate and indicator, for the indicator's figure nearest the
    estimate's year, unless the estimate agrees with the consensus and the figure does not: then
    R102 names the figure, with the estimate among the figures it disagrees with.
    """
    findings = []
    for (label, _area, _period), members in _implied_groups(report).items():
        stated = [p for p, m in enumerate(members) if m.stated is not None]
        if not stated:
            continue
        found = _consensus(members)
        agreeing = frozenset() if found is None else found[1]
        for position in stated:
            estimate = members[position]
            when = estimate.period.start
            nearest: dict[str, int] = {}
            for other in sorted(
                (p for p, m in enumerate(members) if m.observation is not None),
                key=lambda p: abs((members[p].period.start - when).days),
            ):
                nearest.setdefault(members[other].key, other)
            for other in nearest.values():
                figure = members[other]
                if not _disagree(estimate, figure) or (
                    position in agreeing and other not in agreeing
                ):
                    continue
                findings.append(_against_estimate(label, estimate, figure, members, found))
    return findings


def _against_estimate(
    label: str,
    estimate: _Implied,
    figure: _Implied,
    members: list[_Implied],
    found: tuple[Decimal, frozenset[int]] | None,
) -> Finding:
    assert estimate.stated is not None  # noqa: S101 - the caller passes a stated estimate
    assert figure.observation is not None  # noqa: S101 - and a figure
    power = _power_of_ten(figure, estimate.low, estimate.high)
    message = (
        f"stated {estimate.central:,} ({estimate.period}); {figure_location(figure.observation)} implies "
        f"{figure.low:,.0f} to {figure.high:,.0f}"
    )
    if power is not None:
        message += f": a factor of {power:,} (a slip of a power of ten?)"
    numbers = [("stated", str(estimate.central)), *_figure_numbers(figure)]
    if found is not None:
        supporters = [members[p] for p in sorted(found[1])]
        low, high = min(s.low for s in supporters), max(s.high for s in supporters)
        names = _names(supporters)
        others = f"{len(supporters)} figures give {low:,.0f} to {high:,.0f} ({names})"
        if figure in supporters:
            message += f"; the stated figure is the one that disagrees: {others}"
        else:
            message += f"; neither agrees with the consensus: {others}"
        numbers.append(("consensus", f"{_median([s.central for s in supporters]):.0f}"))
    numbers.append(("factor", str(power or _factor(estimate.central, figure.central))))
    return Finding(
        "R103",
        Kind.IMPLIED_DENOMINATOR,
        Severity.ERROR if power is not None else Severity.WARNING,
        f"{label} in {_area_of(figure)}: {estimate.stated.label}",
        message,
        provenance=_provenance(estimate, figure),
        numbers=tuple(numbers),
    )


def _area_of(member: _Implied) -> str:
    return "" if member.observation is None else member.observation.area


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
                        figure_location(current),
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
        for o, _sources in linked_figures(report)
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
                    figure_location(observation),
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
                figure_location(observations[0]),
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
    """A rate or percentage printed with its count and denominator that they do not give.

    The count and denominator are those printed with the figure (a percentage printed with its
    count, "1,344 (85%)", is one figure: ``count`` holds the 1,344), or the figures it links to
    (``count_ref``, ``denominator_ref``, its indicator's ``numerator``). The rate (count x base /
    denominator) or percentage (count x 100 / denominator) computed from them must be within
    half a unit of the printed figure's last digit.

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
    """A figure whose count implies a population the other figures over it do not.

    Each rate with its count, and each percentage or proportion with its count, implies a
    population (count x base / rate), a range allowing for the rounding of the printed figure;
    counts may be printed with the figure or linked (``count_ref``, an indicator's
    ``numerator``). The populations implied in one area, with the population estimates the
    report states, find a consensus: the population most of them are within 5% of, counting the
    figures of one indicator as one voice. A figure that disagrees with the consensus is named,
    with the consensus and the factor between them: an error when the factor is a power of ten
    (within the figures' rounding and 5%: no population changes tenfold) or when it disagrees
    with a figure of its own period; a warning when it is further from a figure of another
    period than 5% a year. Without a consensus (two figures, one against the other) both are
    named: an error in one period, a warning between periods.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="R102")[:1]:
        ...     print(finding.code, finding)
        R102 error [implied_denominator] child in Lancashire: referrals-to-childrens-social-care-rate / Lancashire / 2013/14 disagrees with the other figures: 1215 per 10,000 with a count of 2954 implies 24,303 to 24,323 children aged 0-17, where 3 figures give 243,144 to 244,895 (children-in-need-rate 2013/14, 2014/15; children-looked-after-rate 2015/16): a factor of 10 (a slip of a power of ten?)
    """
    return _implied_denominators(report)


def _context_rule(report: AnnualReport) -> list[Finding]:
    """A population the report states that its own area's figures and counts do not imply.

    A warning when the implied range is more than 5% a year from the stated estimate (an
    estimate is for one year, the rates for others), an error when the two are a power of ten
    apart; one finding per indicator, for its figure nearest the estimate's year. The finding
    says which figure disagrees with the consensus of R102, when there is one; a figure that
    disagrees with an estimate the consensus agrees with is R102's alone.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="R103")[1:2]:
        ...     print(finding.code, finding)
        R103 warning [implied_denominator] child in Lancashire: child population: stated 274,733 (2014); children-in-need-rate / Lancashire / 2014/15 implies 244,703 to 244,773; the stated figure is the one that disagrees: 3 figures give 243,144 to 244,895 (children-in-need-rate 2013/14, 2014/15; children-looked-after-rate 2015/16)
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
        f"{ROUNDING}; 5% a year between periods; a factor of ten within 5%",
    ),
    Rule(
        "R103",
        "implied-vs-stated-population",
        RuleDomain.INDICATORS_AND_RATES,
        _context_rule,
        None,
        f"{ROUNDING}; 5% a year between the estimate's year and the rate's",
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
