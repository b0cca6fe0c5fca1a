"""Rules that read a report's claims: what its text says of its figures (C).

A [`Claim`][safeguarding_model.claims.Claim] is a sentence of the report about figures. C101
checks a stated change, ratio or level against the figures ("increased by 55% to 1,443"), C102 a
stated bound ("more than", "almost"). Claims without a number are checked too: C103 a direction
("an increase", "remained stable"), C104 its "slightly" or "significantly", C105 a comparison
with a comparator ("below our statistical neighbours", "in line with England"), C106 a forecast
or target once its figure exists; C107 lists, as information, those the report has no figures
to check yet. All allow for rounding: a printed figure stands for every number that rounds to
it, and an "approximately" or "almost" claim may be 10% off.
[`check`][safeguarding_model.check] runs these rules with the others.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.claim_rules import RULES
    >>> [rule.code for rule in RULES]
    ['C101', 'C102', 'C103', 'C104', 'C105', 'C106', 'C107']
    >>> sorted({f.code for f in check(load_example(), rules=RULES)})
    ['C101', 'C102']
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from safeguarding_model._numbers import half_unit
from safeguarding_model._report_figures import (
    ROUNDING,
    caveat,
    provenance_of,
    rounding_range,
)
from safeguarding_model.claims import (
    Claim,
    ClaimBound,
    ClaimDegree,
    ClaimDirection,
    ClaimKind,
    ClaimRelation,
)
from safeguarding_model.comparators import comparator_areas
from safeguarding_model.errors import brief
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.indicators import Observation
from safeguarding_model.markers import Polarity
from safeguarding_model.periods import PointInTime

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from safeguarding_model.indicators import Provenance
    from safeguarding_model.periods import Period
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = ["RULES"]

_APPROXIMATE = Decimal("0.10")
"""An "approximately" claim may be this far off, relative to the stated figure."""

_NUMBER_KINDS = frozenset(
    (ClaimKind.PERCENT_CHANGE, ClaimKind.ABSOLUTE_CHANGE, ClaimKind.RATIO, ClaimKind.LEVEL)
)
"""The kinds of claim that state a number about two figures (C101, C102)."""


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
    return tuple(p for p in (claim.provenance, *provenance_of(*used)) if p is not None)


def _stating(claims: Iterable[Claim]) -> Iterator[tuple[Claim, Decimal]]:
    """The claims that state a change, ratio or level, each with the number it states."""
    for claim in claims:
        if claim.kind in _NUMBER_KINDS and claim.stated is not None:
            yield claim, claim.stated


def _claims(report: AnnualReport) -> list[Finding]:
    findings = []
    observations: dict[str, Observation] = {}
    for observation in report.observations:
        if observation.id is not None:
            observations.setdefault(observation.id, observation)
    for claim, stated in _stating(report.claims):
        before, after, used = _claim_figures(observations, claim)
        after_bounds = None if after is None else rounding_range(after)
        if after_bounds is None:
            continue
        before_bounds = None if before is None else rounding_range(before)
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
            stated - half_unit(stated),
            stated + half_unit(stated),
        )
        if claim.approximate:
            margin = abs(stated) * _APPROXIMATE
            stated_low, stated_high = stated - margin, stated + margin
        if stated_high < low or high < stated_low:
            unit = 2 * half_unit(stated)
            centre = (low + high) / 2
            truncated = centre * stated > 0 and abs(stated) <= abs(centre) < abs(stated) + unit
            severity = Severity.WARNING if claim.approximate or truncated else Severity.ERROR
            findings.append(
                Finding(
                    "C101",
                    Kind.STATED_CHANGE,
                    severity,
                    f"claim {claim.id}",
                    f"{claim.text!r} states {stated} ({claim.kind.value}), the figures give {centre:.2f} (from {low:.2f} to {high:.2f} allowing for rounding)"
                    + caveat(before, after),
                    provenance=_claim_provenance(claim, used),
                    numbers=(("stated", str(stated)), ("computed", f"{centre:.4f}")),
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
        ClaimBound.AT_MOST: low <= stated,
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
    if (
        claim.bound is None
        or claim.stated is None
        or _bound_holds(claim.bound, claim.stated, low, high)
    ):
        return None
    centre = (low + high) / 2
    words = claim.bound.value.replace("_", " ")
    return Finding(
        "C102",
        Kind.STATED_CHANGE,
        Severity.ERROR,
        f"claim {claim.id}",
        f"{claim.text!r} states {words} {claim.stated} ({claim.kind.value}), the figures give "
        f"{centre:.2f} (from {low:.2f} to {high:.2f} allowing for rounding)" + caveat(*figures),
        provenance=_claim_provenance(claim, used),
        numbers=(
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


# --- claims without a number: directions, comparisons, forecasts and targets ----------------

_STABLE = Decimal("0.05")
"""A "stable" figure moved by at most this share of the earlier figure."""

_SLIGHT = Decimal("0.10")
"""A "slight" change or difference is more than none and at most this share of the other figure."""

_SIMILAR = Decimal("0.05")
"""Without printed confidence limits, "similar" figures differ by at most this share of the comparator's."""

_FAMILY = {
    ClaimKind.DIRECTION: Kind.STATED_DIRECTION,
    ClaimKind.COMPARISON: Kind.STATED_COMPARISON,
    ClaimKind.FORECAST: Kind.STATED_CHANGE,
    ClaimKind.TARGET: Kind.STATED_CHANGE,
}
"""The kind of finding each kind of claim without a stated change gives."""


def _share(share: Decimal) -> str:
    """A share as a percentage for a message: ``0.05`` is ``'5%'``."""
    return f"{(share * 100).normalize():f}%"


def _gap(
    figure: tuple[Decimal, Decimal], other: tuple[Decimal, Decimal]
) -> tuple[Decimal, Decimal]:
    """The smallest and the largest distance between numbers that round to two printed figures."""
    low, high = figure[0] - other[1], figure[1] - other[0]
    smallest = Decimal(0) if low <= 0 <= high else min(abs(low), abs(high))
    return smallest, max(abs(low), abs(high))


def _relative(distance: Decimal, other: tuple[Decimal, Decimal]) -> Decimal | None:
    """``distance`` as a share of the other figure (its largest rounding); ``None`` for 0."""
    size = max(abs(other[0]), abs(other[1]))
    return None if size == 0 else distance / size


def _words(claim: Claim) -> str:
    """What a claim without a stated change says, in its own words: 'slightly increase'."""
    said = claim.direction or claim.relation
    degree = "" if claim.degree is None else f"{claim.degree.value} "
    return f"{degree}{'' if said is None else said.value}"


@attrs.frozen
class _Said:
    """A claim without a stated change, the figures it rests on, and the numbers its findings show."""

    claim: Claim
    used: list[Observation]
    numbers: tuple[tuple[str, str], ...] = ()

    def finding(
        self,
        code: str,
        message: str,
        *,
        tolerance: Decimal | None = None,
        severity: Severity = Severity.WARNING,
    ) -> Finding:
        """A finding about the claim: its text, then ``message``; with ``tolerance`` among the numbers."""
        numbers = self.numbers
        if tolerance is not None:
            numbers = (*numbers, ("tolerance", str(tolerance * 100)))
        return Finding(
            code,
            _FAMILY[self.claim.kind],
            severity,
            f"claim {self.claim.id}",
            f"{brief(self.claim.text)} {message}",
            provenance=_claim_provenance(self.claim, self.used),
            numbers=numbers,
        )

    def not_checkable(self, why: str) -> Finding:
        """The information that the report has no figures to check the claim yet (C107)."""
        return self.finding("C107", f"cannot be checked: {why}", severity=Severity.INFO)


def _limits_overlap(first: Observation, second: Observation) -> bool | None:
    """Whether two observations' printed confidence limits overlap; ``None`` without limits."""
    low, high, other_low, other_high = first.lower, first.upper, second.lower, second.upper
    if low is None or high is None or other_low is None or other_high is None:
        return None
    return low <= other_high and other_low <= high


def _span(number: Decimal) -> tuple[Decimal, Decimal]:
    """The numbers that round to a printed one, lowest and highest."""
    half = half_unit(number)
    return number - half, number + half


def _direction_findings(claim: Claim, observations: dict[str, Observation]) -> Iterator[Finding]:
    before, after, used = _claim_figures(observations, claim)
    earlier = None if before is None else before.number
    later = None if after is None else after.number
    if before is None or after is None or earlier is None or later is None:
        cells = ", ".join(
            v.printed or (v.status.value if v.number is None else str(v.number))
            for v in (before, after)
            if v is not None
        )
        yield _Said(claim, used).not_checkable(
            f"a figure it compares has no number ({brief(cells)})"
        )
        return
    before_range, after_range = _span(earlier), _span(later)
    change = later - earlier
    percent = None if earlier == 0 else change / abs(earlier) * 100
    numbers = (
        ("stated", _words(claim)),
        ("earlier", str(before.number)),
        ("later", str(after.number)),
        ("difference", str(change)),
        *(() if percent is None else (("computed", f"{percent:.2f}"),)),
    )
    said = _Said(claim, used, numbers)
    moved = f"the figures went from {before.number} to {after.number}" + (
        "" if percent is None else f" ({percent:+.2f}%)"
    )
    moved += caveat(before, after)
    smallest, _ = _gap(after_range, before_range)
    relative = _relative(smallest, before_range)
    if claim.direction is ClaimDirection.STABLE:
        if relative is not None and relative > _STABLE:
            message = f"says stable, but {moved}: more than {_share(_STABLE)}"
            yield said.finding("C103", message, tolerance=_STABLE)
        return
    rising = claim.direction is ClaimDirection.INCREASE
    figures = (after_range, before_range, change)
    wrong = _wrong_way("C103", said, figures, up=rising, facts=moved)
    if wrong is not None:
        yield wrong
        return
    if claim.degree is ClaimDegree.SLIGHTLY and relative is not None and relative > _SLIGHT:
        message = f"says {_words(claim)}, but {moved}: more than {_share(_SLIGHT)}"
        yield said.finding("C104", message, tolerance=_SLIGHT)
    if claim.degree is ClaimDegree.SIGNIFICANTLY and len(used) == 2 and _limits_overlap(*used):
        yield said.finding(
            "C104",
            f"says {_words(claim)}, but the printed confidence limits of the two figures overlap, "
            "so they do not show the change significant",
        )


def _wrong_way(
    code: str,
    said: _Said,
    figures: tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal], Decimal],
    *,
    up: bool,
    facts: str,
) -> Finding | None:
    """A stated rise or "higher" (``up``), or fall or "lower", that the figures contradict.

    ``figures`` are the ranges the figure and the one it is set against stand for (allowing for
    rounding), and the difference between them as printed. Beyond rounding the other way is an
    error; the other way, or no difference, only as printed is a warning.
    """
    mine, other, difference = figures
    opposite = mine[1] <= other[0] if up else mine[0] >= other[1]
    unshown = difference <= 0 if up else difference >= 0
    if not (opposite or unshown):
        return None
    within = "" if opposite else " (the other way only within rounding)"
    severity = Severity.ERROR if opposite else Severity.WARNING
    return said.finding(code, f"says {_words(said.claim)}, but {facts}{within}", severity=severity)


def _comparator_observation(
    report: AnnualReport, figure: Observation, comparator: str
) -> Observation | None:
    """The comparator's observation of the figure's indicator and period, if the report has it."""
    areas = comparator_areas(report.comparator_groups, comparator)
    for observation in report.observations:
        if (
            observation.area in areas
            and observation.area != figure.area
            and observation.indicator == figure.indicator
            and observation.period == figure.period
        ):
            return observation
    return None


def _similar_holds(
    figure: Observation, f_range: tuple[Decimal, Decimal], c_range: tuple[Decimal, Decimal]
) -> tuple[bool, str]:
    """Whether "similar" holds, and the test used: the printed limits, or the 5% tolerance."""
    if figure.lower is not None and figure.upper is not None:
        inside = c_range[1] >= figure.lower and c_range[0] <= figure.upper
        return inside, f"the figure's printed limits {figure.lower} to {figure.upper}"
    smallest, _ = _gap(f_range, c_range)
    relative = _relative(smallest, c_range)
    holds = smallest == 0 if relative is None else relative <= _SIMILAR
    return holds, f"{_share(_SIMILAR)} of the comparator's figure"


def _comparison_findings(
    claim: Claim, report: AnnualReport, observations: dict[str, Observation]
) -> Iterator[Finding]:
    if claim.ref is None or claim.comparator is None:  # refused when the claim is made
        return
    figure = observations[claim.ref]
    other = _comparator_observation(report, figure, claim.comparator)
    used = [figure] if other is None else [figure, other]
    f, c = figure.value.number, None if other is None else other.value.number
    if other is None or f is None or c is None:
        missing = (
            f"the report has no figure of {brief(_comparator_name(report, claim.comparator))} "
            f"for {figure.indicator} {_when(figure.period)}"
            if other is None
            else "a figure it compares has no number"
        )
        yield _Said(claim, used).not_checkable(missing)
        return
    f_range, c_range = _span(f), _span(c)
    numbers: tuple[tuple[str, str], ...] = (
        ("stated", _words(claim)),
        ("figure", str(f)),
        ("comparator", str(c)),
        ("difference", str(f - c)),
    )
    said = _Said(claim, used, numbers)
    against = (
        f"the figure for {figure.area} is {f} and for {other.area} {c} {_when(figure.period)}"
        + caveat(figure.value, other.value)
    )
    if claim.relation is ClaimRelation.SIMILAR:
        holds, test = _similar_holds(figure, f_range, c_range)
        if not holds:
            message = f"says similar, but {against} is not within {test}"
            yield said.finding("C105", message, tolerance=_SIMILAR)
        return
    higher = claim.relation is ClaimRelation.HIGHER
    figures = (f_range, c_range, f - c)
    wrong = _wrong_way("C105", said, figures, up=higher, facts=against)
    if wrong is not None:
        yield wrong
        return
    smallest, _ = _gap(f_range, c_range)
    relative = _relative(smallest, c_range)
    if claim.degree is ClaimDegree.SLIGHTLY and relative is not None and relative > _SLIGHT:
        message = f"says {_words(claim)}, but {against}: more than {_share(_SLIGHT)} apart"
        yield said.finding("C104", message, tolerance=_SLIGHT)
    if claim.degree is ClaimDegree.SIGNIFICANTLY:
        inside, test = _similar_holds(figure, f_range, c_range)
        if inside and figure.lower is not None:
            message = f"says {_words(claim)}, but {against} is within {test}: not significant"
            yield said.finding("C104", message)


def _future_bound(claim: Claim, report: AnnualReport) -> ClaimBound | None:
    """The bound a forecast or target sets: as printed, or for a target, by the polarity."""
    if claim.bound is not None or claim.kind is not ClaimKind.TARGET or claim.indicator is None:
        return claim.bound
    polarity = report.indicator(claim.indicator).polarity
    return {
        Polarity.HIGHER_IS_BETTER: ClaimBound.AT_LEAST,
        Polarity.LOWER_IS_BETTER: ClaimBound.AT_MOST,
    }.get(polarity)


def _future_findings(claim: Claim, report: AnnualReport) -> Iterator[Finding]:
    if claim.stated is None or claim.period is None:  # refused when the claim is made
        return
    area = claim.area or report.area.name
    found = next(
        (
            o
            for o in report.observations
            if o.indicator == claim.indicator and o.area == area and o.period == claim.period
        ),
        None,
    )
    figure_range = None if found is None else rounding_range(found.value)
    if found is None or figure_range is None:
        yield _Said(claim, [] if found is None else [found]).not_checkable(
            f"not until the report has a figure of {claim.indicator} for {brief(area)} "
            f"{_when(claim.period)}"
        )
        return
    bound = _future_bound(claim, report)
    low, high = figure_range
    if bound is not None:
        holds = _bound_holds(bound, claim.stated, low, high)
    else:
        margin = abs(claim.stated) * _APPROXIMATE if claim.approximate else half_unit(claim.stated)
        holds = claim.stated - margin <= high and low <= claim.stated + margin
    if holds:
        return
    words = "" if bound is None else bound.value.replace("_", " ") + " "
    numbers = (
        ("stated", str(claim.stated)),
        *(() if bound is None else (("bound", bound.value),)),
        ("figure", str(found.value.number)),
    )
    yield _Said(claim, [found], numbers).finding(
        "C106",
        f"{claim.kind.value}: {words}{claim.stated} for {claim.period}, but the figure for "
        f"{area} is {found.value.number}" + caveat(found.value),
    )


def _word_claims(report: AnnualReport) -> list[Finding]:
    """The findings of every claim without a stated change (C103 to C107)."""
    observations: dict[str, Observation] = {}
    for observation in report.observations:
        if observation.id is not None:
            observations.setdefault(observation.id, observation)
    findings: list[Finding] = []
    for claim in report.claims:
        if claim.kind is ClaimKind.DIRECTION:
            findings += _direction_findings(claim, observations)
        elif claim.kind is ClaimKind.COMPARISON:
            findings += _comparison_findings(claim, report, observations)
        elif claim.kind in (ClaimKind.FORECAST, ClaimKind.TARGET):
            findings += _future_findings(claim, report)
    return findings


# --- rules ---------------------------------------------------------------------------------


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


def _direction_rule(report: AnnualReport) -> list[Finding]:
    """A direction ("an increase", "down", "stable") that its two figures do not show.

    An error when the figures moved the other way, allowing for rounding; a warning when they
    moved the other way or not at all as printed but not beyond rounding, and when "stable"
    figures moved by more than 5% of the earlier one.

    Examples:
        >>> from safeguarding_model import Claim, check, load_example
        >>> said = Claim(id="cpp-down", text="Fewer children are on a child protection plan", kind="direction",
        ...              direction="decrease", before_ref="csc-cpp-rate-2014-15", after_ref="csc-cpp-rate-2015-16")
        >>> for finding in check(load_example().model_copy(update={"claims": (said,)}), select="C103"):
        ...     print(finding.code, finding)
        C103 error [stated_direction] claim cpp-down: 'Fewer children are on a child protection plan' says decrease, but the figures went from 38.9 to 59.0 (+51.67%)
    """
    return [finding for finding in _word_claims(report) if finding.code == "C103"]


def _degree_rule(report: AnnualReport) -> list[Finding]:
    """A "slightly" or "significantly" that the figures do not bear out.

    "Slightly" wants a change (or a difference from a comparator) of more than none and at most
    10% of the earlier (or the comparator's) figure. "Significantly" is checked when the figures
    print confidence limits: for a change, the two figures' limits must not overlap; for a
    comparison, the comparator's figure must be outside the figure's limits. Warnings.

    Examples:
        >>> from safeguarding_model import Claim, check, load_example
        >>> said = Claim(id="cpp-up", text="a slight rise in child protection plans", kind="direction", direction="increase",
        ...              degree="slightly", before_ref="csc-cpp-rate-2014-15", after_ref="csc-cpp-rate-2015-16")
        >>> for finding in check(load_example().model_copy(update={"claims": (said,)}), select="C104"):
        ...     print(finding.code, finding)
        C104 warning [stated_direction] claim cpp-up: 'a slight rise in child protection plans' says slightly increase, but the figures went from 38.9 to 59.0 (+51.67%): more than 10%
    """
    return [finding for finding in _word_claims(report) if finding.code == "C104"]


def _comparator_name(report: AnnualReport, comparator: str) -> str:
    """A comparator as the report prints it: a group's name for its id, else as given."""
    return next((g.name for g in report.comparator_groups if comparator == g.id), comparator)


def _when(period: Period) -> str:
    """``'at 31 March 2020'`` for a day, ``'in 2023/24'`` for a span."""
    return f"at {period}" if isinstance(period, PointInTime) else f"in {period}"


def _comparison_rule(report: AnnualReport) -> list[Finding]:
    """A comparison ("higher than England", "below our statistical neighbours") that the figures contradict.

    The comparator's figure is the report's observation of the same indicator and period for
    the comparator: an area's name, or a comparator group's id or name. "Higher" or "lower" the
    wrong way beyond rounding is an error, within rounding a warning. "Similar" ("in line with")
    wants the comparator's figure within the figure's printed confidence limits, or without
    limits, within 5% of the comparator's figure (a warning).

    Examples:
        >>> from safeguarding_model import Claim, check, load_example
        >>> said = Claim(id="cpp-vs-england", text="below the England rate", kind="comparison", relation="lower",
        ...              ref="csc-cpp-rate-2015-16", comparator="England")
        >>> for finding in check(load_example().model_copy(update={"claims": (said,)}), select="C105"):
        ...     print(finding.code, finding)
        C105 error [stated_comparison] claim cpp-vs-england: 'below the England rate' says lower, but the figure for Lancashire is 59.0 and for England 42.9 in 2015/16
    """
    return [finding for finding in _word_claims(report) if finding.code == "C105"]


def _future_rule(report: AnnualReport) -> list[Finding]:
    """A forecast or target that the figure, once the report has it, does not meet.

    A forecast or target for an indicator, area and period is checked when the report has the
    observation: its bound ("below 60") or, for a target without one, the indicator's polarity
    (at least the target when higher is better, at most when lower is better), or else the
    level within rounding (10% when "approximately"). A warning.

    Examples:
        >>> from safeguarding_model import Claim, check, load_example
        >>> said = Claim(id="cpp-forecast", text="will remain below 45 per 10,000", kind="forecast", stated="45",
        ...              bound="fewer_than", indicator="child-protection-plans-rate", period="2015/16")
        >>> for finding in check(load_example().model_copy(update={"claims": (said,)}), select="C106"):
        ...     print(finding.code, finding)
        C106 warning [stated_change] claim cpp-forecast: 'will remain below 45 per 10,000' forecast: fewer than 45 for 2015/16, but the figure for Lancashire is 59.0
    """
    return [finding for finding in _word_claims(report) if finding.code == "C106"]


def _not_checkable_rule(report: AnnualReport) -> list[Finding]:
    """A direction, comparison, forecast or target the report has no figures to check yet.

    Information, not a fault: the comparator's figure for the indicator and period is not in
    the report, a forecast's or target's period has no figure yet, or a figure has no number.

    Examples:
        >>> from safeguarding_model import Claim, check, load_example
        >>> said = Claim(id="cpp-target", text="our target is 40 per 10,000 by 2017/18", kind="target", stated="40",
        ...              indicator="child-protection-plans-rate", period="2017/18")
        >>> for finding in check(load_example().model_copy(update={"claims": (said,)}), select="C107"):
        ...     print(finding.code, finding)
        C107 info [stated_change] claim cpp-target: 'our target is 40 per 10,000 by 2017/18' cannot be checked: not until the report has a figure of child-protection-plans-rate for 'Lancashire' in 2017/18
    """
    return [finding for finding in _word_claims(report) if finding.code == "C107"]


RULES: tuple[Rule, ...] = (
    Rule(
        "C101",
        "stated-change",
        RuleDomain.CLAIMS,
        _change_rule,
        None,
        f"{ROUNDING}; 10% for 'approximately'",
    ),
    Rule(
        "C102",
        "stated-bound",
        RuleDomain.CLAIMS,
        _bound_rule,
        None,
        f"{ROUNDING}; 10% for 'almost'",
    ),
    Rule(
        "C103",
        "claim-direction",
        RuleDomain.CLAIMS,
        _direction_rule,
        None,
        f"{ROUNDING}; 5% of the earlier figure for 'stable'",
    ),
    Rule(
        "C104",
        "claim-degree",
        RuleDomain.CLAIMS,
        _degree_rule,
        None,
        f"{ROUNDING}; 'slightly' from 0% to 10%; 'significantly' by the printed limits",
    ),
    Rule(
        "C105",
        "claim-comparison",
        RuleDomain.CLAIMS,
        _comparison_rule,
        None,
        f"{ROUNDING}; 'similar' within the printed limits, else 5% of the comparator's figure",
    ),
    Rule(
        "C106",
        "claim-forecast",
        RuleDomain.CLAIMS,
        _future_rule,
        None,
        f"{ROUNDING}; 10% for 'approximately'",
    ),
    Rule(
        "C107",
        "claim-not-checkable",
        RuleDomain.CLAIMS,
        _not_checkable_rule,
        None,
    ),
)
"""The rules of a report's claims (C)."""
