"""Rules that read a report's claims: the changes, ratios, levels and bounds its text states (C).

A [`Claim`][safeguarding_model.report.Claim] is a sentence of the report that states a number
about figures ("increased by 55% to 1,443"): C101 checks a stated change, ratio or level against
the figures, C102 a stated bound ("more than", "almost"). Both allow for rounding: a printed
figure stands for every number that rounds to it, and an "approximately" or "almost" claim may
be 10% off. [`check`][safeguarding_model.check] runs these rules with the others.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.claim_rules import RULES
    >>> [rule.code for rule in RULES]
    ['C101', 'C102']
    >>> sorted({f.code for f in check(load_example(), rules=RULES)})
    ['C101', 'C102']
"""

from __future__ import annotations

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
from safeguarding_model.report import ClaimBound, ClaimKind

if TYPE_CHECKING:
    from safeguarding_model.indicators import Observation, Provenance
    from safeguarding_model.report import AnnualReport, Claim
    from safeguarding_model.values import Value

__all__ = ["RULES"]

_APPROXIMATE = Decimal("0.10")
"""An "approximately" claim may be this far off, relative to the stated figure."""


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


def _claims(report: AnnualReport) -> list[Finding]:
    findings = []
    observations: dict[str, Observation] = {}
    for observation in report.observations:
        if observation.id is not None:
            observations.setdefault(observation.id, observation)
    for claim in report.claims:
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
                Finding(
                    "C101",
                    Kind.STATED_CHANGE,
                    severity,
                    f"claim {claim.id}",
                    f"{claim.text!r} states {claim.stated} ({claim.kind.value}), the figures give {centre:.2f} (from {low:.2f} to {high:.2f} allowing for rounding)"
                    + caveat(before, after),
                    provenance=_claim_provenance(claim, used),
                    numbers=(("stated", str(claim.stated)), ("computed", f"{centre:.4f}")),
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
)
"""The rules of a report's claims (C)."""
