"""Where a report disagrees with itself: `check(report)` composes the rules.

A rule reads one part of a report and returns [`Finding`][safeguarding_model.findings.Finding]s
with its code (see the [rules page](../reference/rules.md) for every rule, its tolerance and a
failing example). Each domain keeps its rules, in a ``RULES`` tuple, beside what they read: the
budget's in ``reconciliation`` (``B``), attendance's in ``attendance`` (``A``), section 11's in
``section11`` (``S``) and the agency register's in ``agencies`` (``G``); the rules that read the
whole report are in [`indicator_rules`][safeguarding_model.indicator_rules] (indicators and rates,
``R``, and the cells of observations, ``V``) and [`claim_rules`][safeguarding_model.claim_rules]
(claims, ``C``). [`check`][safeguarding_model.check] runs them all, or those chosen with
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

import functools
from typing import TYPE_CHECKING

from safeguarding_model import (
    agencies,
    aggregation_rules,
    attendance,
    claim_rules,
    indicator_rules,
    period_rules,
    population_rules,
    reconciliation,
    section11,
)
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity, select_rules

if TYPE_CHECKING:
    from collections.abc import Iterable

    from safeguarding_model.report import AnnualReport

CheckFinding = Finding
"""[`Finding`][safeguarding_model.findings.Finding] by the name the front door gives it.

An inspection's finding is [`InspectionFinding`][safeguarding_model.inspections.InspectionFinding].
``safeguarding_model.Finding``, its old name, still gives it with a ``DeprecationWarning``; once
that name is removed under the deprecation policy, the front door gives this class the name
``Finding`` too. Until then a check's finding is ``safeguarding_model.CheckFinding`` there and
``safeguarding_model.findings.Finding`` here: one class.
"""

__all__ = ["CheckFinding", "CheckKind", "Severity", "check", "default_rules", "find_rule"]


CheckKind = Kind
"""[`Kind`][safeguarding_model.findings.Kind] by the name the front door gives it."""


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
        ['B101', 'B102', 'B103', 'B104']
    """
    order = list(RuleDomain)
    every = (
        *reconciliation.RULES,
        *indicator_rules.RULES,
        *claim_rules.RULES,
        *population_rules.RULES,
        *period_rules.RULES,
        *aggregation_rules.RULES,
        *attendance.RULES,
        *section11.RULES,
        *agencies.RULES,
    )
    return tuple(sorted(every, key=lambda rule: (order.index(rule.domain), rule.code)))


def find_rule(code: str) -> Rule:
    """The default rule with ``code``.

    The edition rules (``E101`` to ``E302``) compare two reports, not one: they are in
    ``safeguarding_model.editions.RULES`` and run through
    [`compare_reports`][safeguarding_model.editions.compare_reports], and the error for their codes says so.

    Raises:
        UnknownIdError: For a code no default rule has (an ``InvalidInputError`` and a ``KeyError``).

    Examples:
        >>> from safeguarding_model.checks import find_rule
        >>> find_rule("B101").summary
        "A section's stated subtotal differs from what its lines add up to."
        >>> find_rule("E101")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.UnknownIdError: code: expected the code of a rule in default_rules(); edition rules (E...) compare two reports: they are in safeguarding_model.editions.RULES and run through compare_reports, got 'E101'
    """
    for rule in default_rules():
        if rule.code == code:
            return rule
    expected = "the code of a rule in default_rules()"
    if isinstance(code, str) and code[:1] == "E":
        expected += (
            "; edition rules (E...) compare two reports: they are in "
            "safeguarding_model.editions.RULES and run through compare_reports"
        )
    raise UnknownIdError("code", code, expected)
