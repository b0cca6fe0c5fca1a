"""One finding for every disagreement, and the rules that make them.

A [`Finding`][safeguarding_model.findings.Finding] is one place where a report disagrees with
itself: a subtotal with its lines, a rate with its count, a stated change with its figures, a
stated share with the returns. It carries the code of the rule that found it, a severity, where
it is, a message, the numbers involved each with its [`NumberRole`][safeguarding_model.findings.NumberRole],
and the provenance of every figure it rests on.

A [`Rule`][safeguarding_model.findings.Rule] is a documented callable from a record (a budget, an
attendance table, a whole report) to findings, with a stable code: a letter for its domain and
three digits, as linters number theirs (``B101`` is a budget's subtotal, ``S102`` the stated
section 11 shares' total). [`select_rules`][safeguarding_model.findings.select_rules] picks
rules by code or code prefix, as ``ruff --select`` does.

This module is in the core layer: it imports nothing from the domain.

Examples:
    >>> from safeguarding_model.findings import Finding, FindingNumber, NumberRole, Severity
    >>> finding = Finding(
    ...     "C101", "stated_change", Severity.ERROR, "claim lado-contacts", "stated 7%, figures give 5.6%",
    ...     numbers=(FindingNumber(NumberRole.STATED, "7"), FindingNumber(NumberRole.COMPUTED, "5.65")),
    ... )
    >>> print(finding)
    error [stated_change] claim lado-contacts: stated 7%, figures give 5.6%
    >>> finding.code, finding.stated, dict(finding.numbers)
    ('C101', '7', {'stated': '7', 'computed': '5.65'})
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import ClassVar, NamedTuple, cast

from attrs import field, frozen

from safeguarding_model._escape import escape_terminal
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.provenance import Provenance

__all__ = [
    "Finding",
    "FindingNumber",
    "Kind",
    "NumberRole",
    "Rule",
    "RuleDomain",
    "Severity",
    "select_rules",
]

_CODE = re.compile(r"[A-Z][0-9]{3}", re.ASCII)
_PREFIX = re.compile(r"[A-Z][0-9]{0,3}", re.ASCII)


class Severity(StrEnum):
    """How serious a finding is.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> from safeguarding_model.findings import Severity
        >>> errors = [f for f in check(load_example()) if f.severity is Severity.ERROR]
        >>> len(errors), errors[0].code
        (11, 'B101')
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Kind(StrEnum):
    """What kind of disagreement a finding reports; several rules may share a kind.

    A rule of your own may use one of these, or ``LOCAL``.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> from safeguarding_model.findings import Kind
        >>> sum(f.kind is Kind.STATED_CHANGE for f in check(load_example(), select="C"))
        6
    """

    BUDGET_ARITHMETIC = "budget_arithmetic"
    PERIOD_LABEL = "period_label"
    AMBIGUOUS_VALUE = "ambiguous_value"
    NEGATIVE_AMOUNT = "negative_amount"
    RATE_VS_COUNTS = "rate_vs_counts"
    IMPLIED_DENOMINATOR = "implied_denominator"
    SHARES_TOTAL = "shares_total"
    STATED_CHANGE = "stated_change"
    STATED_DIRECTION = "stated_direction"
    STATED_SIGNIFICANCE = "stated_significance"
    STATED_COMPARISON = "stated_comparison"
    """A claim that a figure is higher, lower or in line with a comparator's."""
    ATTENDANCE = "attendance"
    REPEATED_FIGURE = "repeated_figure"
    SECTION11_SHARES = "section11_shares"
    AGENCY_INDEX = "agency_index"
    POPULATION_LABEL = "population_label"
    """A population printed or compared other than the one declared (an indicator's ages, a comparator's)."""
    RESTATED_FIGURE = "restated_figure"
    """A figure printed differently by two editions of a report."""
    CHANGED_INDICATOR = "changed_indicator"
    """An indicator's label, base or definition changed between two editions."""
    DISAPPEARED = "disappeared"
    """A figure or an indicator of an earlier edition that a later one no longer prints."""
    VALUE_VS_INTERVAL = "value_vs_interval"
    """A figure outside the confidence interval printed with it."""
    AGGREGATE = "aggregate"
    """A figure for a longer period that the figures of the shorter periods within it do not give by its rule."""
    LOCAL = "local"
    """A finding of a rule of a user's own."""


class NumberRole(StrEnum):
    """What a number in a finding is.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> first = check(load_example(), select="B101")[0]
        >>> {number.role: number.value for number in first.numbers}
        {'stated': '97000', 'computed': '96500', 'difference': '500'}
    """

    STATED = "stated"
    """A figure as the source states it."""
    COMPUTED = "computed"
    """The same figure computed from the figures it rests on."""
    DIFFERENCE = "difference"
    """Stated minus computed, exact; between two editions, later minus earlier."""
    PRINTED = "printed"
    """A cell as printed, where one figure is printed more than once."""
    COUNT = "count"
    """A count a rate or share is computed from."""
    DENOMINATOR = "denominator"
    """The population or total a count is divided by."""
    IMPLIED_DENOMINATOR = "implied_denominator"
    """A population implied by a rate and its count: count x base / rate, to the nearest whole (the message gives the range rounding allows)."""
    TOTAL = "total"
    """Shares or amounts added up."""
    MEAN = "mean"
    """The mean of a table's rows."""
    BOUND = "bound"
    """The words that make a stated figure a bound ("more_than", "almost")."""
    TOLERANCE = "tolerance"
    """The largest difference a rule lets pass."""
    EARLIER = "earlier"
    """A figure as an earlier edition of a report prints it."""
    LATER = "later"
    """The same figure as a later edition prints it."""
    FIGURE = "figure"
    """The figure a claim is about, as printed (compared with a comparator, or forecast)."""
    COMPARATOR = "comparator"
    """A comparator's figure as printed: England's, a region's, a comparator group's."""
    RATE = "rate"
    """A rate, percentage or proportion as printed, that a count and a denominator should give."""
    CONSENSUS = "consensus"
    """The population most figures agree on: the median of the populations they imply or state."""
    FACTOR = "factor"
    """How many times one figure is another (at least 1), such as an implied population's and the consensus's."""


class FindingNumber(NamedTuple):
    """One number in a finding, with its role, as exact text.

    A pair, so ``dict(finding.numbers)`` maps roles to numbers and the JSON output is
    ``["stated", "97000"]``.

    Examples:
        >>> from safeguarding_model.findings import FindingNumber, NumberRole
        >>> number = FindingNumber(NumberRole.DIFFERENCE.value, "-500")
        >>> number.role, number.value, number.number
        ('difference', '-500', Decimal('-500'))
    """

    role: str
    """What the number is: a [`NumberRole`][safeguarding_model.findings.NumberRole]'s value, plain text so that ``dict(finding.numbers)`` reads cleanly."""
    value: str
    """The number as exact text (a ``Decimal``'s digits), or a word for a bound."""

    @property
    def number(self) -> Decimal | None:
        """The value as a ``Decimal``; ``None`` when it is a word."""
        try:
            return Decimal(self.value.replace(",", ""))
        except InvalidOperation:
            return None


_ROLE_VALUES: dict[str, str] = {role.value: role.value for role in NumberRole}
"""Each role's value by itself: a plain string role is looked up here before asking the enum."""


def _numbers(value: Iterable[FindingNumber | tuple[str, str]]) -> tuple[FindingNumber, ...]:
    # As FindingNumber(NumberRole(role).value, str(text)) for each pair; a plain string that is
    # a role's value is found in a dict (the enum's lookup is a Python call a number), and the
    # pair is made as NamedTuple's own __new__ makes it.
    numbers = []
    for role, text in value:
        known = _ROLE_VALUES.get(role) if type(role) is str else None
        numbers.append(
            tuple.__new__(
                FindingNumber, (NumberRole(role).value if known is None else known, str(text))
            )
        )
    return tuple(numbers)


def _kind(value: object) -> Kind:
    """``Kind(value)``, without the enum's call when ``value`` is already a ``Kind``."""
    return value if type(value) is Kind else Kind(cast("str", value))


def _severity(value: object) -> Severity:
    """``Severity(value)``, without the enum's call when ``value`` is already a ``Severity``."""
    return value if type(value) is Severity else Severity(cast("str", value))


def _provenances(value: Iterable[Provenance]) -> tuple[Provenance, ...]:
    return tuple(value)


@frozen
class Finding:
    r"""One place where a report disagrees with itself, with the numbers involved.

    The fields keep the report's strings as printed; ``str()`` gives one line, safe to print on
    a terminal: line breaks and tabs in them become spaces, and other control characters and
    bidirectional formatting characters are shown as escapes (``\x1b``, ``\u202e``).

    Examples:
        >>> from safeguarding_model.findings import Finding, Kind, Severity
        >>> print(Finding("A102", Kind.ATTENDANCE, Severity.WARNING, "attendance / overall", "stated 67%, the rows average 71.39%"))
        warning [attendance] attendance / overall: stated 67%, the rows average 71.39%
    """

    code: str
    """The code of the rule that found it, e.g. ``"B101"``."""
    kind: Kind = field(converter=_kind)
    """What disagrees, in a word shared by related rules (``Kind.LOCAL`` for a rule of your own)."""
    severity: Severity = field(converter=_severity)
    """How serious it is."""
    location: str
    """Where, in words."""
    message: str
    """What disagrees, in words."""
    provenance: tuple[Provenance, ...] = field(default=(), converter=_provenances)
    """Where every figure the finding rests on is printed."""
    numbers: tuple[FindingNumber, ...] = field(default=(), converter=_numbers)
    """The numbers involved, each with its role, as exact text."""

    json_properties: ClassVar[tuple[str, ...]] = ("code", "stated", "computed", "difference")

    def number(self, role: NumberRole | str) -> str | None:
        """The first number with ``role``, as exact text, or ``None``.

        Examples:
            >>> from safeguarding_model.findings import Finding
            >>> Finding("B101", "budget_arithmetic", "error", "x", "y", numbers=(("stated", "5"),)).number("computed") is None
            True
        """
        wanted = NumberRole(role).value
        return next((n.value for n in self.numbers if n.role == wanted), None)

    @property
    def stated(self) -> str | None:
        """The stated figure, if the finding has one."""
        return self.number(NumberRole.STATED)

    @property
    def computed(self) -> str | None:
        """The computed figure, if the finding has one."""
        return self.number(NumberRole.COMPUTED)

    @property
    def difference(self) -> str | None:
        """Stated minus computed, if the finding has it."""
        return self.number(NumberRole.DIFFERENCE)

    def __str__(self) -> str:
        # one line, whatever the report's strings in the location and message hold
        location, message = escape_terminal(self.location), escape_terminal(self.message)
        return f"{self.severity.value} [{self.kind}] {location}: {message}"


class RuleDomain(StrEnum):
    """The part of a report a rule reads: its code's letter.

    Examples:
        >>> from safeguarding_model.checks import find_rule
        >>> domain = find_rule("S101").domain
        >>> domain, domain.letter, domain.heading
        (<RuleDomain.SECTION11: 'section11'>, 'S', 'Section 11')
    """

    BUDGETS = "budgets"
    """``B``: the budget's arithmetic, its labels and its amounts."""
    INDICATORS_AND_RATES = "indicators_and_rates"
    """``R``: rates against their counts and populations, shares, stated significance and direction."""
    CLAIMS = "claims"
    """``C``: changes and bounds stated in the report's words against their figures."""
    ATTENDANCE = "attendance"
    """``A``: attendance tables: repeated rows and the overall share."""
    SECTION11 = "section11"
    """``S``: the Section 11 audit's returns and shares."""
    INSPECTIONS = "inspections"
    """``I``: inspections and their judgements (no rules yet)."""
    AGENCIES = "agencies"
    """``G``: the register of partner agencies: ids and parents."""
    VALUES = "values"
    """``V``: cells of figures whose reading was a guess."""
    EDITIONS = "editions"
    """``E``: two editions of a report: restated figures, changed indicators, figures dropped (run by ``compare_reports``, not ``check``)."""
    OFFICIAL = "official"
    """``O``: an official statistics file's published judgements and figures, re-derived (run by ``check_official``, not ``check``)."""

    @property
    def letter(self) -> str:
        """The first letter of the domain's rule codes."""
        return _LETTER_AND_HEADING[self][0]

    @property
    def heading(self) -> str:
        """The domain's name for a heading."""
        return _LETTER_AND_HEADING[self][1]


_LETTER_AND_HEADING = {
    RuleDomain.BUDGETS: ("B", "Budgets"),
    RuleDomain.INDICATORS_AND_RATES: ("R", "Indicators and rates"),
    RuleDomain.CLAIMS: ("C", "Claims"),
    RuleDomain.ATTENDANCE: ("A", "Attendance"),
    RuleDomain.SECTION11: ("S", "Section 11"),
    RuleDomain.INSPECTIONS: ("I", "Inspections"),
    RuleDomain.AGENCIES: ("G", "Agencies"),
    RuleDomain.VALUES: ("V", "Values"),
    RuleDomain.EDITIONS: ("E", "Editions"),
    RuleDomain.OFFICIAL: ("O", "Official statistics files"),
}
"""Each domain's code letter and heading."""


def _check_code(rule: Rule, _attribute: object, code: str) -> None:
    if not isinstance(code, str) or not _CODE.fullmatch(code):
        raise InvalidInputError("code", code, "a capital letter and three digits, like 'B101'")
    if code[0] != rule.domain.letter:
        expected = (
            f"a code starting with {rule.domain.letter!r} for the domain {rule.domain.value!r}"
        )
        raise InvalidInputError("code", code, expected)


@frozen
class Rule:
    """A documented check: a callable from a record to findings, with a stable code.

    ``reads`` names the attribute of a report the rule takes (``"budget"``), or is ``None`` for
    a rule that takes the whole report; [`check`][safeguarding_model.check] skips a rule whose
    record the report does not have. The rule's summary is the first line of the function's
    docstring; its description (and failing example) the rest.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area
        >>> from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
        >>> def no_agencies(report):
        ...     '''A report with no agencies.'''
        ...     if not report.agencies:
        ...         yield Finding("G901", Kind.LOCAL, Severity.INFO, report.id, "no agencies listed")
        >>> rule = Rule("G901", "no-agencies", RuleDomain.AGENCIES, no_agencies)
        >>> rule.summary
        'A report with no agencies.'
        >>> print(*rule(AnnualReport(id="x", title="X", arrangement="board", area=Area(name="X"), period="2015/16")))
        info [local] x: no agencies listed
    """

    code: str = field(validator=_check_code)
    """The stable code, e.g. ``"B101"``: the domain's letter and three digits."""
    name: str
    """A readable name, e.g. ``"budget-subtotal"``."""
    domain: RuleDomain = field(converter=RuleDomain)
    """The part of a report the rule reads."""
    function: Callable[..., Iterable[Finding]]
    """The check itself."""
    reads: str | None = None
    """The report's attribute the rule takes (``"budget"``), or ``None`` for the whole report."""
    tolerance: str = "none"
    """What the rule lets pass, in words."""

    def __call__(self, subject: object) -> tuple[Finding, ...]:
        """The findings for ``subject``."""
        return tuple(self.function(subject))

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return (self.function.__doc__ or self.name).strip().splitlines()[0]


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(pattern) for pattern in patterns)


def _patterns(field_name: str, value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    items = value.split(",") if isinstance(value, str) else list(value)
    patterns = []
    for item in items:
        text = item.strip() if isinstance(item, str) else item
        if text == "ALL":
            patterns.append("")
            continue
        if not isinstance(text, str) or not _PREFIX.fullmatch(text):
            expected = "rule codes or code prefixes, like 'B101', 'B1' or 'S', or 'ALL'"
            raise InvalidInputError(field_name, text, expected)
        patterns.append(text)
    return tuple(patterns)


def select_rules(
    rules: Iterable[Rule],
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
) -> tuple[Rule, ...]:
    """The rules whose codes start with a selected prefix and with no ignored one.

    Args:
        rules: The rules to choose from.
        select: Codes or code prefixes to keep (``"B"``, ``"B1"``, ``"B101"``, ``"ALL"``), as a
            list or a comma-separated string; ``None`` keeps every rule.
        ignore: Codes or code prefixes to leave out, after ``select``.

    Returns:
        The chosen rules, in the order given.

    Raises:
        InvalidInputError: For a code that is not a capital letter and up to three digits.

    Examples:
        >>> from safeguarding_model.checks import default_rules
        >>> from safeguarding_model.findings import select_rules
        >>> [r.code for r in select_rules(default_rules(), select="B1", ignore=["B103"])]
        ['B101', 'B102', 'B104', 'B105']
    """
    chosen = _patterns("select", select)
    left_out = _patterns("ignore", ignore) or ()
    return tuple(
        rule
        for rule in rules
        if (chosen is None or _matches(rule.code, chosen)) and not _matches(rule.code, left_out)
    )
