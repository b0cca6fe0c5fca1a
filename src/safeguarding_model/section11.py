"""Section 11 audits: each agency's rating of its compliance, and the shares a report states.

Under section 11 of the Children Act 2004 each agency rates its compliance with each standard
red, amber or green. A report prints the returns
([`Section11Audit`][safeguarding_model.section11.Section11Audit]), or often only the share of each
rating; both are held **as printed**.
[`section11_shares`][safeguarding_model.section11.section11_shares] computes the shares from the
returns where they exist, and checks the stated shares against them and against 100. The rules
S101 and S102 report the same as findings.

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model.section11 import section11_shares
    >>> print(section11_shares(load_example().section11))
    section 11 2015/16: 0 returns
      amber: stated 10.3%, no returns
      green: stated 89.7%, no returns
      stated shares add to 100% (agrees with 100%)
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import TYPE_CHECKING, ClassVar, Final

from attrs import frozen
from pydantic import Field, field_validator

from safeguarding_model._frozen import FrozenDict, FrozenMapping
from safeguarding_model._numbers import decimals, exact_tolerance, half_unit, show_percent, tidy
from safeguarding_model._records import AgencyId, Record, Text
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.markers import Rag
from safeguarding_model.periods import Period
from safeguarding_model.values import PercentValue, Value, check_share

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "COMPLIANCE_RATINGS",
    "RULES",
    "Section11Audit",
    "Section11Return",
    "Section11Shares",
    "ShareCheck",
    "section11_shares",
]

_HUNDRED: Final = Decimal(100)

COMPLIANCE_RATINGS: Final = (Rag.RED, Rag.AMBER, Rag.GREEN)
"""The ratings a section 11 return can have: red, amber and green (not the benchmark colours blue and grey)."""

_RATINGS_EXPECTED: Final = (
    "red, amber or green (a section 11 rating of compliance; blue and grey are benchmark colours)"
)


def _check_rating(value: Rag, field: str) -> Rag:
    if value not in COMPLIANCE_RATINGS:
        raise InvalidInputError(field, value.value, _RATINGS_EXPECTED)
    return value


class Section11Return(Record):
    """One agency's rating of its compliance with one section 11 standard.

    Examples:
        >>> from safeguarding_model.section11 import Section11Return
        >>> Section11Return(agency="lancashire-constabulary", standard="Training", rating="amber").rating
        <Rag.AMBER: 'amber'>
        >>> Section11Return(agency="cafcass", standard="Training", rating="blue")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Section11Return
        rating
          Value error, rating: expected red, amber or green (a section 11 rating of compliance; blue and grey are benchmark colours), got 'blue' [type=value_error]
        ...
    """

    agency: AgencyId = Field(description="The id of the agency that made the return.")
    standard: Text = Field(
        description="The standard rated, as printed, e.g. 'Training' or 'Inter-agency working'."
    )
    rating: Rag = Field(
        description="The rating: red (not compliant), amber (partly compliant) or green (fully compliant).",
        json_schema_extra={"enum": [rating.value for rating in COMPLIANCE_RATINGS]},
    )

    @field_validator("rating", mode="after")
    @classmethod
    def _rating(cls, value: Rag) -> Rag:
        return _check_rating(value, "rating")


class Section11Audit(Record):
    """A board's section 11 audit for a period: the returns, and the shares the report states.

    A report may print only the shares (Lancashire 2015/16: "89.7% indicators returned as fully
    compliant (green) and only 10.3% partly compliant (amber)"), so ``returns`` may be empty.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.section11 import Section11Audit
        >>> from safeguarding_model.values import percent
        >>> audit = Section11Audit(
        ...     period=FinancialYear(2015),
        ...     stated_shares={"green": percent("89.7%"), "amber": percent("10.3%")},
        ... )
        >>> {rating.value: value.number for rating, value in audit.stated_shares.items()}
        {'green': Decimal('89.7'), 'amber': Decimal('10.3')}
    """

    period: Period = Field(description="The period the audit covers, e.g. '2015/16'.")
    returns: tuple[Section11Return, ...] = Field(
        default=(),
        description="The returns, one per agency and standard; empty when only shares are printed.",
    )
    stated_shares: FrozenMapping[Rag, PercentValue] = Field(
        default_factory=FrozenDict,
        description="The share of returns at each rating (red, amber, green) as the report states it, in per cent.",
        json_schema_extra={
            "propertyNames": {"enum": [rating.value for rating in COMPLIANCE_RATINGS]}
        },
    )

    @field_validator("stated_shares")
    @classmethod
    def _shares(cls, value: Mapping[Rag, Value]) -> Mapping[Rag, Value]:
        for rating, share in value.items():
            _check_rating(rating, "stated_shares")
            check_share(share, f"stated_shares[{rating.value}]")
        return value


@frozen
class ShareCheck:
    """One rating's share of section 11 returns: stated, computed, and whether they agree.

    ``agrees`` is ``None`` when there is nothing to compare: no returns, or no share stated for
    the rating (a report that prints green and amber only states nothing about red).
    The computed share is rounded half up to the stated share's decimal places, exactly.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Rag
        >>> from safeguarding_model.section11 import ShareCheck
        >>> print(ShareCheck(Rag.GREEN, stated=Decimal("89.7"), computed=Decimal("89.65517241379310344827586207"), agrees=True))
        green: stated 89.7%, computed 89.66% (agrees)
    """

    rating: Rag
    stated: Decimal | None
    computed: Decimal | None
    agrees: bool | None

    def __str__(self) -> str:
        stated = "not stated" if self.stated is None else f"stated {tidy(self.stated)}%"
        computed = (
            "no returns" if self.computed is None else f"computed {show_percent(self.computed)}"
        )
        verdict = {True: " (agrees)", False: " (disagrees)", None: ""}[self.agrees]
        return f"{self.rating.value}: {stated}, {computed}{verdict}"

    def to_finding(self, period: Period) -> Finding | None:
        """The check as a [`Finding`][safeguarding_model.findings.Finding] (rule S101) when it disagrees, else ``None``.

        Examples:
            >>> from decimal import Decimal
            >>> from safeguarding_model import FinancialYear, Rag
            >>> from safeguarding_model.section11 import ShareCheck
            >>> print(ShareCheck(Rag.GREEN, Decimal("80"), Decimal("75"), agrees=False).to_finding(FinancialYear(2015)))
            error [section11_shares] section 11 2015/16 / green: stated 80%, computed 75% from the returns
        """
        if self.agrees is not False or self.stated is None or self.computed is None:
            return None
        return Finding(
            "S101",
            Kind.SECTION11_SHARES,
            Severity.ERROR,
            f"section 11 {period} / {self.rating.value}",
            f"stated {tidy(self.stated)}%, computed {show_percent(self.computed)} from the returns",
            numbers=(
                ("stated", str(self.stated)),
                ("computed", str(self.computed)),
            ),
        )


@frozen
class Section11Shares:
    """Section 11 shares computed from the returns, checked against the shares the report states.

    Computed shares are ``Decimal`` percentages to 28 significant digits; the comparisons with
    the stated shares are exact (fractions, rounded half up to the printed decimal places).
    ``stated_total`` adds the stated shares; ``stated_total_agrees`` checks it is 100 within
    ``tolerance`` (shares rounded for print may add to 99.9 or 100.1).

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.section11 import Section11Audit, section11_shares
        >>> from safeguarding_model.values import percent
        >>> audit = Section11Audit(period=FinancialYear(2015), stated_shares={"green": percent("89.7"), "amber": percent("10.3")})
        >>> shares = section11_shares(audit)
        >>> shares.stated_total, shares.stated_total_agrees, shares.agrees
        (Decimal('100.0'), True, None)
    """

    period: Period
    total: int
    """How many returns there are."""
    counts: Mapping[Rag, int]
    """How many returns have each rating (red, amber and green, zero where none); read-only."""
    computed: Mapping[Rag, Decimal]
    """Each rating's share of the returns in per cent; empty when there are no returns; read-only."""
    checks: tuple[ShareCheck, ...]
    """One check per rating that is stated or has returns, red first."""
    stated_total: Decimal | None
    """The stated shares added up; ``None`` when none is stated with a number."""
    tolerance: Decimal
    """How far from 100 the stated total may be and still agree."""

    json_properties: ClassVar[tuple[str, ...]] = ("stated_total_agrees", "agrees")

    @property
    def stated_total_agrees(self) -> bool | None:
        """Whether the stated shares add up to 100 within ``tolerance`` (``None`` when none is stated)."""
        if self.stated_total is None:
            return None
        return abs(self.stated_total - _HUNDRED) <= self.tolerance

    @property
    def agrees(self) -> bool | None:
        """Whether every stated share agrees with its computed share; ``None`` when nothing compares."""
        verdicts = [check.agrees for check in self.checks if check.agrees is not None]
        return all(verdicts) if verdicts else None

    def __str__(self) -> str:
        lines = [f"section 11 {self.period}: {self.total} returns"]
        lines.extend(f"  {check}" for check in self.checks)
        if self.stated_total is not None:
            verdict = "agrees" if self.stated_total_agrees else "disagrees"
            lines.append(f"  stated shares add to {tidy(self.stated_total)}% ({verdict} with 100%)")
        return "\n".join(lines)


def section11_shares(
    audit: Section11Audit, *, tolerance: Decimal | int = Decimal(0)
) -> Section11Shares:
    """Compute each rating's share of an audit's returns and check the stated shares.

    Args:
        audit: The audit.
        tolerance: How far from 100 (in percentage points) the stated shares may add to.

    Returns:
        The computed shares, one check per rating, and the stated total.

    Raises:
        InvalidInputError: For a negative or non-finite tolerance.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.section11 import Section11Audit, Section11Return, section11_shares
        >>> from safeguarding_model.values import percent
        >>> returns = tuple(
        ...     Section11Return(agency=agency, standard="Training", rating=rating)
        ...     for agency, rating in [("police", "green"), ("cafcass", "green"), ("probation", "amber")]
        ... )
        >>> audit = Section11Audit(period=FinancialYear(2015), returns=returns,
        ...                        stated_shares={"green": percent("66.7"), "amber": percent("33.3")})
        >>> print(section11_shares(audit))
        section 11 2015/16: 3 returns
          red: not stated, computed 0%
          amber: stated 33.3%, computed 33.33% (agrees)
          green: stated 66.7%, computed 66.67% (agrees)
          stated shares add to 100% (agrees with 100%)
    """
    allowed = exact_tolerance(tolerance, "percentage points")
    counts = dict.fromkeys(COMPLIANCE_RATINGS, 0)
    for item in audit.returns:
        counts[item.rating] += 1
    total = len(audit.returns)
    computed = (
        {rating: tidy(Decimal(100 * count) / total) for rating, count in counts.items()}
        if total
        else {}
    )
    stated = {
        rating: value.number
        for rating, value in audit.stated_shares.items()
        if value.number is not None
    }
    checks: list[ShareCheck] = []
    for rating in COMPLIANCE_RATINGS:
        if rating not in stated and not total:
            continue
        stated_share = stated.get(rating)
        agrees: bool | None = None
        if total:
            exact = Fraction(100 * counts[rating], total)
            if stated_share is not None:
                rounded = _round_half_up(exact, decimals(stated_share))
                agrees = rounded == Fraction(stated_share)
        checks.append(ShareCheck(rating, stated_share, computed.get(rating), agrees))
    stated_total = sum(stated.values(), Decimal(0)) if stated else None
    return Section11Shares(
        period=audit.period,
        total=total,
        counts=FrozenDict(counts),
        computed=FrozenDict(computed),
        checks=tuple(checks),
        stated_total=stated_total,
        tolerance=allowed,
    )


def _round_half_up(share: Fraction, places: int) -> Fraction:
    scale = 10**places
    return Fraction(floor(share * scale + Fraction(1, 2)), scale)


# --- rules ---------------------------------------------------------------------------------


def _share_rule(audit: Section11Audit) -> Iterator[Finding]:
    """A stated section 11 share differs from the share computed from the returns.

    The computed share is rounded half up to the stated share's decimal places, exactly; an
    audit printed only as shares (no returns) has nothing to compare.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.section11 import Section11Audit, Section11Return
        >>> from safeguarding_model.values import percent
        >>> from safeguarding_model.checks import find_rule
        >>> returns = tuple(Section11Return(agency=a, standard="Training", rating=r)
        ...                 for a, r in [("police", "green"), ("cafcass", "amber")])
        >>> audit = Section11Audit(period=FinancialYear(2015), returns=returns,
        ...                        stated_shares={"green": percent("60"), "amber": percent("40")})
        >>> for finding in find_rule("S101")(audit):
        ...     print(finding.code, finding)
        S101 error [section11_shares] section 11 2015/16 / amber: stated 40%, computed 50% from the returns
        S101 error [section11_shares] section 11 2015/16 / green: stated 60%, computed 50% from the returns
    """
    for share in section11_shares(audit).checks:
        finding = share.to_finding(audit.period)
        if finding is not None:
            yield finding


def _shares_total_rule(audit: Section11Audit) -> Iterator[Finding]:
    """The stated section 11 shares do not add to 100%, allowing for rounding.

    Each stated share stands for every number that rounds to it, so the shares may add to 100
    give or take half a unit of each one's last printed digit (89.7% and 10.3%: 0.1).

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.section11 import Section11Audit
        >>> from safeguarding_model.values import percent
        >>> from safeguarding_model.checks import find_rule
        >>> audit = Section11Audit(period=FinancialYear(2015), stated_shares={"green": percent("89.7"), "amber": percent("12.3")})
        >>> for finding in find_rule("S102")(audit):
        ...     print(finding.code, finding)
        S102 error [section11_shares] section 11 2015/16 / stated shares: the stated shares add to 102.0%, not 100% (rounding allows 0.10)
    """
    stated = [value.number for value in audit.stated_shares.values() if value.number is not None]
    if not stated:
        return
    total = sum(stated, Decimal(0))
    slack = sum((half_unit(number) for number in stated), Decimal(0))
    if abs(total - _HUNDRED) > slack:
        yield Finding(
            "S102",
            Kind.SECTION11_SHARES,
            Severity.ERROR,
            f"section 11 {audit.period} / stated shares",
            f"the stated shares add to {total}%, not 100% (rounding allows {slack})",
            numbers=(
                ("total", str(total)),
                ("tolerance", str(slack)),
            ),
        )


RULES: tuple[Rule, ...] = (
    Rule(
        "S101",
        "section11-share",
        RuleDomain.SECTION11,
        _share_rule,
        "section11",
        "the computed share rounded half up to the stated share's decimal places",
    ),
    Rule(
        "S102",
        "section11-shares-total",
        RuleDomain.SECTION11,
        _shares_total_rule,
        "section11",
        "half a unit of the last printed digit of each stated share",
    ),
)
"""The rules of a report's section 11 audit (S)."""
