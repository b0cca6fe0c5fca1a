"""A budget's reconciliation: its stated subtotals and totals checked against its lines.

[`reconcile`][safeguarding_model.reconciliation.reconcile] adds a
[`Budget`][safeguarding_model.Budget]'s lines up and reports every place where the printed
arithmetic disagrees with itself, exactly, as a
[`Discrepancy`][safeguarding_model.reconciliation.Discrepancy]; what a reader should look at
though the arithmetic may be right (a label for another year, a negative amount, a cell read by a
guess) is a [`Notice`][safeguarding_model.reconciliation.Notice]. Both become
[`Finding`][safeguarding_model.findings.Finding]s of the budget's rules (B101 to B203), which
``RULES`` lists for [`check`][safeguarding_model.check]. A line's amount is checked against its
quantity times its unit amount (B104), and a split against what it splits (B105). A budget that
states one side only (a table of payments) is reconciled on that side, with no balance.

Examples:
    >>> from decimal import Decimal
    >>> from safeguarding_model import Budget, BudgetLine, BudgetSection, BudgetSide, StatedAmount, reconcile
    >>> budget = Budget(
    ...     period="2015/16",
    ...     income=BudgetSide(sections=(
    ...         BudgetSection(
    ...             name="Child Death Overview Panel",
    ...             lines=(
    ...                 BudgetLine(label="Lancashire County Council", amount=Decimal(74000)),
    ...                 BudgetLine(label="Blackpool", amount=Decimal(9800)),
    ...                 BudgetLine(label="Blackburn with Darwen", amount=Decimal(14700)),
    ...             ),
    ...             stated_subtotal=StatedAmount(amount=Decimal(98000)),
    ...         ),
    ...     )),
    ...     expenditure=BudgetSide(sections=()),
    ... )
    >>> for discrepancy in reconcile(budget).discrepancies:
    ...     print(discrepancy)
    income / Child Death Overview Panel / subtotal: stated 98000, lines add to 98500 (difference -500)
"""

from __future__ import annotations

import importlib
import re
import warnings
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar, Literal

from attrs import frozen

from safeguarding_model._bases import DEPRECATED_SINCE
from safeguarding_model._escape import escape_terminal
from safeguarding_model._numbers import exact_tolerance, half_unit
from safeguarding_model._vocabulary import Described, described
from safeguarding_model.budgets import Allocation, Budget, BudgetSection, BudgetSide, Side
from safeguarding_model.errors import PeriodParseError
from safeguarding_model.findings import Finding, FindingNumber, Kind, Rule, RuleDomain, Severity
from safeguarding_model.periods import FinancialYear, parse_period
from safeguarding_model.provenance import Provenance

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "RULES",
    "Discrepancy",
    "DiscrepancyKind",
    "Location",
    "Notice",
    "NoticeKind",
    "Reconciliation",
    "SectionTotals",
    "SideTotals",
    "reconcile",
]


@described(
    subtotal="a section's stated subtotal differs from what its lines add up to",
    total="a side's stated total differs from its sections' subtotals as stated",
    transfers="transfers between funds on a side do not net to zero",
    units="a line's amount differs from its quantity times its unit amount",
    split="a split's parts do not add to 100% or to the amount they split",
)
class DiscrepancyKind(Described, StrEnum):
    """Where printed arithmetic can disagree with itself.

    Each kind has its rule: ``subtotal`` is B101, ``total`` B102, ``transfers`` B103, ``units``
    B104 and ``split`` B105.

    Examples:
        >>> from safeguarding_model import load_example, reconcile
        >>> for found in reconcile(load_example().budget).discrepancies:
        ...     print(f"{found.kind}: {found.location}")
        subtotal: income / Contributions to Board / subtotal
        subtotal: income / Child Death Overview Panel / subtotal
        total: income / total
        subtotal: expenditure / Child Death Overview / subtotal
    """

    SUBTOTAL = "subtotal"
    TOTAL = "total"
    TRANSFERS = "transfers"
    UNITS = "units"
    SPLIT = "split"


class NoticeKind(StrEnum):
    """Things worth a reader's attention that are not arithmetic errors.

    Examples:
        >>> from safeguarding_model import NoticeKind, load_example, reconcile
        >>> notices = reconcile(load_example().budget).notices
        >>> [str(n.location) for n in notices if n.kind is NoticeKind.PERIOD_LABEL]
        ['income / total']
    """

    PERIOD_LABEL = "period_label"
    NEGATIVE_AMOUNT = "negative_amount"
    FLAGGED_VALUE = "flagged_value"


@frozen
class Location:
    """Where in a budget: side, section and row label.

    Examples:
        >>> from safeguarding_model import Location, Side
        >>> print(Location(Side.INCOME, "Contributions to Board", "subtotal"))
        income / Contributions to Board / subtotal
    """

    side: Side
    """Income or expenditure."""
    section: str | None = None
    """The section's name, or ``None`` for the side as a whole."""
    label: str | None = None
    """The row: a line's label, ``'subtotal'`` or ``'total'``."""

    def __str__(self) -> str:
        parts = (self.side.value, self.section, self.label)
        return " / ".join(escape_terminal(part) for part in parts if part)


@frozen
class Discrepancy:
    """A stated figure that disagrees with the figures it should add up from.

    ``difference`` is ``stated - computed``, exact, and never rounded to zero.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Discrepancy, DiscrepancyKind, Location, Side
        >>> d = Discrepancy(DiscrepancyKind.SUBTOTAL, Location(Side.INCOME, "Contributions to Board", "subtotal"), Decimal(350146), Decimal(350092))
        >>> d.difference
        Decimal('54')
    """

    kind: DiscrepancyKind
    """What disagrees."""
    location: Location
    """Where."""
    stated: Decimal
    """The figure as the source states it."""
    computed: Decimal
    """What it should be, from the figures it adds up from."""
    note: str | None = None
    """More detail, such as what the lines add up to when a total is checked against subtotals."""
    provenance: Provenance | None = None
    """Where the stated figure is printed."""
    unit: Literal["pounds", "percent"] = "pounds"
    """What the figures are in: pounds, or per cent for a split stated in percentages."""

    json_properties: ClassVar[tuple[str, ...]] = ("difference", "code", "numbers")

    @property
    def difference(self) -> Decimal:
        """``stated - computed``."""
        return self.stated - self.computed

    @property
    def code(self) -> str:
        """The code of the rule that reports it: B101 (subtotal) to B105 (split)."""
        return _DISCREPANCY_CODES[self.kind]

    def _figure(self, number: Decimal) -> str:
        return f"{number}%" if self.unit == "percent" else str(number)

    @property
    def numbers(self) -> tuple[FindingNumber, ...]:
        """The stated and computed figures and their difference, with their roles."""
        return (
            FindingNumber("stated", str(self.stated)),
            FindingNumber("computed", str(self.computed)),
            FindingNumber("difference", str(self.difference)),
        )

    def __str__(self) -> str:
        basis = {
            DiscrepancyKind.SUBTOTAL: "lines add to",
            DiscrepancyKind.TOTAL: "subtotals add to",
            DiscrepancyKind.TRANSFERS: "transfers net to",
            DiscrepancyKind.UNITS: "quantity times unit amount gives",
            DiscrepancyKind.SPLIT: "parts add to",
        }[self.kind]
        stated, computed = self._figure(self.stated), self._figure(self.computed)
        text = f"{self.location}: stated {stated}, {basis} {computed} (difference {self._figure(self.difference)})"
        return f"{text}; {escape_terminal(self.note)}" if self.note else text

    def to_finding(self) -> Finding:
        """The discrepancy as a [`Finding`][safeguarding_model.findings.Finding] (rules B101 to B103).

        Examples:
            >>> from decimal import Decimal
            >>> from safeguarding_model import Discrepancy, DiscrepancyKind, Location, Side
            >>> d = Discrepancy(DiscrepancyKind.SUBTOTAL, Location(Side.INCOME, "Central", "subtotal"), Decimal(10), Decimal(9))
            >>> print(d.to_finding().code, d.to_finding())
            B101 error [budget_arithmetic] budget income / Central / subtotal: stated 10, computed 9 (difference 1)
        """
        note = f"; {self.note}" if self.note else ""
        stated, computed = self._figure(self.stated), self._figure(self.computed)
        return Finding(
            self.code,
            Kind.BUDGET_ARITHMETIC,
            Severity.ERROR,
            f"budget {self.location}",
            f"stated {stated}, computed {computed} (difference {self._figure(self.difference)}){note}",
            numbers=self.numbers,
            provenance=() if self.provenance is None else (self.provenance,),
        )


@frozen
class Notice:
    """Something in a budget a reader should see, though the arithmetic may be right.

    Examples:
        >>> from safeguarding_model import Location, Notice, NoticeKind, Side
        >>> print(Notice(NoticeKind.PERIOD_LABEL, Location(Side.INCOME, None, "total"), "labelled 2014/15 in a 2015/16 budget"))
        income / total: labelled 2014/15 in a 2015/16 budget
    """

    kind: NoticeKind
    """What kind of notice."""
    location: Location
    """Where."""
    message: str
    """What to look at, in words."""
    provenance: Provenance | None = None
    """Where the figure or label is printed."""

    json_properties: ClassVar[tuple[str, ...]] = ("code",)

    def __str__(self) -> str:
        return f"{self.location}: {escape_terminal(self.message)}"

    @property
    def code(self) -> str:
        """The code of the rule that reports it: B201 (period label), B202 (flagged cell), B203 (negative amount)."""
        return _NOTICE_CODES[self.kind][0]

    def to_finding(self) -> Finding:
        """The notice as a [`Finding`][safeguarding_model.findings.Finding] (rules B201 to B203), a warning.

        Examples:
            >>> from safeguarding_model import Location, Notice, NoticeKind, Side
            >>> notice = Notice(NoticeKind.PERIOD_LABEL, Location(Side.INCOME, None, "total"), "labelled 2014/15")
            >>> print(notice.to_finding().code, notice.to_finding())
            B201 warning [period_label] budget income / total: labelled 2014/15
        """
        code, kind = _NOTICE_CODES[self.kind]
        return Finding(
            code,
            kind,
            Severity.WARNING,
            f"budget {self.location}",
            self.message,
            provenance=() if self.provenance is None else (self.provenance,),
        )


@frozen
class SectionTotals:
    """A section's subtotal: what its lines add up to, and what the source states.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import SectionTotals
        >>> SectionTotals("Central", Decimal(214144), Decimal(214144)).used
        Decimal('214144')
    """

    section: str
    """The section's name."""
    computed: Decimal
    """What the lines add up to."""
    stated: Decimal | None
    """The stated subtotal, if printed."""

    @property
    def used(self) -> Decimal:
        """The stated subtotal where printed, else the computed one: what a stated total builds on."""
        return self.computed if self.stated is None else self.stated


@frozen
class SideTotals:
    """One side's totals, computed two ways, beside the stated total.

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from safeguarding_model import load_example
        >>> income = reconcile(load_example().budget).income
        >>> income.from_lines, income.from_subtotals, income.stated
        (Decimal('481959'), Decimal('481513'), Decimal('482013'))
    """

    side: Side
    """Income or expenditure."""
    sections: tuple[SectionTotals, ...]
    """Each section's subtotals."""
    from_lines: Decimal
    """The sum of every line."""
    from_subtotals: Decimal
    """The sum of the sections' subtotals as stated (computed where none is printed)."""
    stated: Decimal | None
    """The stated total, if printed."""


@frozen
class Reconciliation:
    """A budget's stated subtotals and totals checked against its lines.

    ``income_total`` and ``expenditure_total`` are what the lines add up to; the stated totals
    are kept in ``income`` and ``expenditure``, each ``None`` when the budget does not state
    that side. The balance is income minus expenditure, computed only when both sides are
    stated: a negative balance is a deficit. A table of payments alone has no balance, and is
    never a deficit.

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from safeguarding_model import load_example
        >>> result = reconcile(load_example().budget)
        >>> result.balance, result.is_deficit, len(result.discrepancies)
        (Decimal('-41685'), True, 4)
    """

    period: FinancialYear
    """The budget's financial year."""
    income: SideTotals | None
    """Income, computed and stated; ``None`` when the budget states no income."""
    expenditure: SideTotals | None
    """Expenditure, computed and stated; ``None`` when the budget states no expenditure."""
    discrepancies: tuple[Discrepancy, ...]
    """Every stated figure that disagrees with its parts by more than the tolerance."""
    notices: tuple[Notice, ...]
    """Labels for another period, negative amounts that are not transfers, flagged cells."""
    tolerance: Decimal
    """The largest difference not reported (0 by default)."""

    json_properties: ClassVar[tuple[str, ...]] = (
        "income_total",
        "expenditure_total",
        "balance",
        "stated_balance",
        "is_deficit",
    )

    @property
    def income_total(self) -> Decimal | None:
        """What the income lines add up to; ``None`` when the budget states no income."""
        return None if self.income is None else self.income.from_lines

    @property
    def expenditure_total(self) -> Decimal | None:
        """What the expenditure lines add up to; ``None`` when the budget states none."""
        return None if self.expenditure is None else self.expenditure.from_lines

    @property
    def balance(self) -> Decimal | None:
        """Income minus expenditure, from the lines; negative for a deficit.

        ``None`` unless the budget states both sides.
        """
        if self.income is None or self.expenditure is None:
            return None
        return self.income.from_lines - self.expenditure.from_lines

    @property
    def stated_balance(self) -> Decimal | None:
        """Stated income total minus stated expenditure total, when both are printed."""
        if self.income is None or self.expenditure is None:
            return None
        if self.income.stated is None or self.expenditure.stated is None:
            return None
        return self.income.stated - self.expenditure.stated

    @property
    def is_deficit(self) -> bool:
        """Whether the budget states both sides and expenditure exceeds income."""
        balance = self.balance
        return balance is not None and balance < 0

    @property
    def balanced(self) -> bool:
        """Whether every stated figure agrees with its parts (within the tolerance)."""
        return not self.discrepancies

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The discrepancies (errors) and notices (warnings) as findings, in that order.

        Examples:
            >>> from safeguarding_model import load_example, reconcile
            >>> [f.code for f in reconcile(load_example().budget).findings]
            ['B101', 'B101', 'B102', 'B101', 'B202', 'B201']
        """
        discrepancies = (discrepancy.to_finding() for discrepancy in self.discrepancies)
        return (*discrepancies, *(notice.to_finding() for notice in self.notices))

    def to_text(self) -> str:
        """Deprecated: use [`render_reconciliation`][safeguarding_model.render.render_reconciliation].

        Rendering lives in ``safeguarding_model.render``; this method calls it and warns with a
        ``DeprecationWarning``.
        """
        warnings.warn(
            f"Reconciliation.to_text() is deprecated since version {DEPRECATED_SINCE}; use "
            "safeguarding_model.render.render_reconciliation(reconciliation)",
            DeprecationWarning,
            stacklevel=2,
        )
        # imported by name at call time: the domain layer does not depend on rendering
        render = importlib.import_module("safeguarding_model.render")
        text: str = render.render_reconciliation(self)
        return text


_PERIOD_TOKEN = re.compile(
    r"(?<![0-9])(?:[0-9]{4}[/-][0-9]{2}(?:[0-9]{2})?|[0-9]{2}/[0-9]{2})(?![0-9])", re.ASCII
)


def _other_periods(label: str | None, period: FinancialYear) -> list[str]:
    """Financial years named in ``label`` other than ``period``, as printed."""
    if not label:
        return []
    others = []
    for token in _PERIOD_TOKEN.findall(label):
        try:
            named = parse_period(token)
        except PeriodParseError:
            continue
        if isinstance(named, FinancialYear) and named != period:
            others.append(token)
    return others


def _side_totals(
    side: Side,
    budget_side: BudgetSide,
    tolerance: Decimal,
    discrepancies: list[Discrepancy],
) -> SideTotals:
    sections = tuple(
        SectionTotals(
            section=section.name,
            computed=section.computed_subtotal,
            stated=None if section.stated_subtotal is None else section.stated_subtotal.amount,
        )
        for section in budget_side.sections
    )
    for totals, section in zip(sections, budget_side.sections, strict=True):
        if totals.stated is not None and abs(totals.stated - totals.computed) > tolerance:
            location = Location(side, totals.section, "subtotal")
            where = None if section.stated_subtotal is None else section.stated_subtotal.provenance
            discrepancies.append(
                Discrepancy(
                    DiscrepancyKind.SUBTOTAL, location, totals.stated, totals.computed, None, where
                )
            )
    from_lines = sum((totals.computed for totals in sections), Decimal(0))
    from_subtotals = sum((totals.used for totals in sections), Decimal(0))
    stated = None if budget_side.stated_total is None else budget_side.stated_total.amount
    if stated is not None and abs(stated - from_subtotals) > tolerance:
        note = f"the lines add to {from_lines}" if from_lines != from_subtotals else None
        where = None if budget_side.stated_total is None else budget_side.stated_total.provenance
        discrepancies.append(
            Discrepancy(
                DiscrepancyKind.TOTAL,
                Location(side, None, "total"),
                stated,
                from_subtotals,
                note,
                where,
            )
        )
    transfers = [
        line.amount for section in budget_side.sections for line in section.lines if line.transfer
    ]
    net = sum(transfers, Decimal(0))
    if transfers and abs(net) > tolerance:
        discrepancies.append(
            Discrepancy(
                DiscrepancyKind.TRANSFERS,
                Location(side, None, "transfers"),
                Decimal(0),
                net,
                "transfers out and in should cancel on the side they move money within",
            )
        )
    for totals, section in zip(sections, budget_side.sections, strict=True):
        discrepancies += _section_parts(side, section, totals.used, tolerance)
    return SideTotals(side, sections, from_lines, from_subtotals, stated)


def _section_parts(
    side: Side, section: BudgetSection, subtotal: Decimal, tolerance: Decimal
) -> Iterator[Discrepancy]:
    """Each line's amount against its units and its split, then the section's split."""
    for line in section.lines:
        location = Location(side, section.name, line.label)
        product = line.units_total
        if product is not None and abs(line.amount - product) > tolerance:
            each = f" per {line.each}" if line.each else ""
            note = f"{line.quantity} × {line.unit_amount}{each}"
            yield Discrepancy(
                DiscrepancyKind.UNITS, location, line.amount, product, note, line.provenance
            )
        yield from _split(location, line.split, line.amount, "the line's amount", tolerance)
    location = Location(side, section.name, "split")
    yield from _split(location, section.split, subtotal, "the section's subtotal", tolerance)


def _split(
    location: Location,
    parts: tuple[Allocation, ...],
    whole: Decimal,
    what: str,
    tolerance: Decimal,
) -> Iterator[Discrepancy]:
    """A split that does not add to 100% (allowing for rounding) or to ``whole`` (to ``tolerance``)."""
    if not parts:
        return
    percents = [part.percent for part in parts if part.percent is not None]
    if percents:
        total = sum(percents, Decimal(0))
        slack = sum((half_unit(percent) for percent in percents), Decimal(0))
        if abs(total - _HUNDRED) > slack:
            note = f"the parts are per cent of {what}; rounding allows {slack}"
            yield Discrepancy(
                DiscrepancyKind.SPLIT, location, _HUNDRED, total, note, unit="percent"
            )
        return
    amounts = sum((part.amount for part in parts if part.amount is not None), Decimal(0))
    if abs(whole - amounts) > tolerance:
        note = f"the parts are pounds of {what}"
        yield Discrepancy(DiscrepancyKind.SPLIT, location, whole, amounts, note)


_HUNDRED = Decimal(100)


def _notices(budget: Budget) -> list[Notice]:
    notices: list[Notice] = []
    labelled: list[tuple[Location, str | None, Provenance | None]] = []
    for side in Side:
        budget_side = budget.side(side)
        total = budget_side.stated_total
        if total is not None:
            labelled.append((Location(side, None, "total"), total.label, total.provenance))
        for section in budget_side.sections:
            labelled.append((Location(side, section.name), section.name, None))
            subtotal = section.stated_subtotal
            if subtotal is not None:
                location = Location(side, section.name, "subtotal")
                labelled.append((location, subtotal.label, subtotal.provenance))
    for side, section, line in budget.lines():
        location = Location(side, section.name, line.label)
        labelled.append((location, line.label, line.provenance))
        if line.amount < 0 and not line.transfer:
            notices.append(
                Notice(
                    NoticeKind.NEGATIVE_AMOUNT,
                    location,
                    f"a negative amount ({line.amount}) that is not a transfer",
                    line.provenance,
                )
            )
        for flag in line.flags:
            printed = f" {line.printed!r}" if line.printed else ""
            notices.append(
                Notice(
                    NoticeKind.FLAGGED_VALUE,
                    location,
                    f"the printed amount{printed}: {flag.description}",
                    line.provenance,
                )
            )
    for location, label, where in labelled:
        for token in _other_periods(label, budget.period):
            message = f"labelled {token!r} in a budget for {budget.period}"
            notices.append(Notice(NoticeKind.PERIOD_LABEL, location, message, where))
    return notices


def reconcile(budget: Budget, *, tolerance: Decimal | int = Decimal(0)) -> Reconciliation:
    """Check a budget's stated subtotals and totals against its lines.

    For each section with a stated subtotal, the subtotal is compared with what its lines add up
    to. For each side with a stated total, the total is compared with the sections' subtotals
    **as stated** (computed where a section prints none): the arithmetic a reader of the
    printed page can check. Where that differs from what the lines add up to, the discrepancy's
    note says so, so a total built from lines rather than from subtotals is recognisable.
    Transfers between funds must cancel on their side. Every difference larger than
    ``tolerance`` is reported exactly, never rounded.

    Notices report what is not an arithmetic error: a subtotal or total labelled for another
    financial year, a negative amount that is not a transfer, and cells whose reading was a
    guess (see [`ValueFlag`][safeguarding_model.ValueFlag]).

    Args:
        budget: The budget, as printed.
        tolerance: The largest difference, in pounds, not to report (0 by default: every penny
            counts). An int or a ``Decimal``, never a float.

    Returns:
        The reconciliation: computed and stated totals, discrepancies, notices and the balance.

    Raises:
        InvalidInputError: For a negative, float or non-finite tolerance.

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from safeguarding_model import load_example
        >>> for discrepancy in reconcile(load_example().budget).discrepancies:
        ...     print(discrepancy)
        income / Contributions to Board / subtotal: stated 350146, lines add to 350092 (difference 54)
        income / Child Death Overview Panel / subtotal: stated 98000, lines add to 98500 (difference -500)
        income / total: stated 482013, subtotals add to 481513 (difference 500); the lines add to 481959
        expenditure / Child Death Overview / subtotal: stated 97000, lines add to 96500 (difference 500)
    """
    allowed = exact_tolerance(tolerance, "pounds")
    discrepancies: list[Discrepancy] = []
    income = (
        None
        if budget.income is None
        else _side_totals(Side.INCOME, budget.income, allowed, discrepancies)
    )
    expenditure = (
        None
        if budget.expenditure is None
        else _side_totals(Side.EXPENDITURE, budget.expenditure, allowed, discrepancies)
    )
    return Reconciliation(
        period=budget.period,
        income=income,
        expenditure=expenditure,
        discrepancies=tuple(discrepancies),
        notices=tuple(_notices(budget)),
        tolerance=allowed,
    )


# --- rules ---------------------------------------------------------------------------------
# Each rule's docstring carries a failing example of its own, which the rules reference page
# prints beside the rule; the examples build their records alike on purpose, so that a reader
# comparing two rules sees only what differs.

_DISCREPANCY_CODES = {
    DiscrepancyKind.SUBTOTAL: "B101",
    DiscrepancyKind.TOTAL: "B102",
    DiscrepancyKind.TRANSFERS: "B103",
    DiscrepancyKind.UNITS: "B104",
    DiscrepancyKind.SPLIT: "B105",
}
_NOTICE_CODES = {
    NoticeKind.PERIOD_LABEL: ("B201", Kind.PERIOD_LABEL),
    NoticeKind.FLAGGED_VALUE: ("B202", Kind.AMBIGUOUS_VALUE),
    NoticeKind.NEGATIVE_AMOUNT: ("B203", Kind.NEGATIVE_AMOUNT),
}


def _discrepancies(budget: Budget, kind: DiscrepancyKind) -> Iterator[Finding]:
    for discrepancy in reconcile(budget).discrepancies:
        if discrepancy.kind is kind:
            yield discrepancy.to_finding()


def _notices_of(budget: Budget, kind: NoticeKind) -> Iterator[Finding]:
    for notice in _notices(budget):
        if notice.kind is kind:
            yield notice.to_finding()


def _subtotal_rule(budget: Budget) -> Iterator[Finding]:
    """A section's stated subtotal differs from what its lines add up to.

    An error, with the stated and computed subtotals and their exact difference.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="B101")[:1]:
        ...     print(finding.code, finding)
        B101 error [budget_arithmetic] budget expenditure / Child Death Overview / subtotal: stated 97000, computed 96500 (difference 500)
    """
    return _discrepancies(budget, DiscrepancyKind.SUBTOTAL)


def _total_rule(budget: Budget) -> Iterator[Finding]:
    """A side's stated total differs from its sections' subtotals as stated.

    The subtotals as printed are what a reader can add up (a computed subtotal where a section
    prints none); the message says what the lines add up to when that differs.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="B102"):
        ...     print(finding.code, finding)
        B102 error [budget_arithmetic] budget income / total: stated 482013, computed 481513 (difference 500); the lines add to 481959
    """
    return _discrepancies(budget, DiscrepancyKind.TOTAL)


def _transfers_rule(budget: Budget) -> Iterator[Finding]:
    """Transfers between funds on a side do not net to zero.

    Examples:
        >>> from safeguarding_model import Budget, BudgetLine, BudgetSection, BudgetSide
        >>> from safeguarding_model.checks import find_rule
        >>> budget = Budget(period="2015/16", expenditure=BudgetSide(sections=()), income=BudgetSide(sections=(
        ...     BudgetSection(name="Reserves", lines=(BudgetLine(label="to SCR fund", amount=-5000, transfer=True),)),
        ... )))
        >>> for finding in find_rule("B103")(budget):
        ...     print(finding.code, finding)
        B103 error [budget_arithmetic] budget income / transfers: stated 0, computed -5000 (difference 5000); transfers out and in should cancel on the side they move money within
    """
    return _discrepancies(budget, DiscrepancyKind.TRANSFERS)


def _units_rule(budget: Budget) -> Iterator[Finding]:
    """A line's amount differs from its quantity times its unit amount.

    For a line printed as "£10,000 to each of 32 boroughs" with its amount beside it: an error,
    with the amount as stated, the product, their exact difference, and the product's terms.

    Examples:
        >>> from safeguarding_model import Budget
        >>> from safeguarding_model.checks import find_rule
        >>> budget = Budget.model_validate({"period": "2023/24", "expenditure": {"sections": [{"name": "Grants", "lines": [
        ...     {"label": "Boroughs", "amount": "330000", "quantity": 32, "unit_amount": "10000", "each": "borough"},
        ... ]}]}})
        >>> for finding in find_rule("B104")(budget):
        ...     print(finding.code, finding)
        B104 error [budget_arithmetic] budget expenditure / Grants / Boroughs: stated 330000, computed 320000 (difference 10000); 32 × 10000 per borough
    """
    return _discrepancies(budget, DiscrepancyKind.UNITS)


def _split_rule(budget: Budget) -> Iterator[Finding]:
    """A split's parts do not add to 100%, or to the amount they split.

    Parts in per cent should add to 100, give or take half a unit of each part's last printed
    digit (three parts of 33.3%: 0.15); parts in pounds should add to the line's amount, or to
    the section's subtotal (as stated, else its lines' sum), to the reconciliation's tolerance.

    Examples:
        >>> from safeguarding_model import Budget
        >>> from safeguarding_model.checks import find_rule
        >>> budget = Budget.model_validate({"period": "2023/24", "expenditure": {"sections": [{"name": "Boards", "lines": [
        ...     {"label": "Board funding", "amount": "60000", "split": [
        ...         {"recipient": "Children's board", "percent": "50"}, {"recipient": "Adults' board", "percent": "60"},
        ...     ]},
        ... ]}]}})
        >>> for finding in find_rule("B105")(budget):
        ...     print(finding.code, finding)
        B105 error [budget_arithmetic] budget expenditure / Boards / Board funding: stated 100%, computed 110% (difference -10%); the parts are per cent of the line's amount; rounding allows 1.0
    """
    return _discrepancies(budget, DiscrepancyKind.SPLIT)


def _period_label_rule(budget: Budget) -> Iterator[Finding]:
    """A total, subtotal, section or line labelled with another financial year than the budget's.

    A warning: a label copied from last year's table often means the figure was too.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="B201"):
        ...     print(finding.code, finding)
        B201 warning [period_label] budget income / total: labelled '14/15' in a budget for 2015/16
    """
    return _notices_of(budget, NoticeKind.PERIOD_LABEL)


def _flagged_amount_rule(budget: Budget) -> Iterator[Finding]:
    """An amount whose printed cell had to be read by a guess (``73.000`` in a column of pounds).

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="B202"):
        ...     print(finding.code, finding)
        B202 warning [ambiguous_value] budget expenditure / Training / Staffing Costs: the printed amount '73.000': a '.' followed by three digits in a column of whole numbers, read as a thousands separator
    """
    return _notices_of(budget, NoticeKind.FLAGGED_VALUE)


def _negative_amount_rule(budget: Budget) -> Iterator[Finding]:
    """A negative amount on a line that is not a transfer between funds.

    Examples:
        >>> from safeguarding_model import Budget, BudgetLine, BudgetSection, BudgetSide
        >>> from safeguarding_model.checks import find_rule
        >>> budget = Budget(period="2015/16", income=BudgetSide(sections=()), expenditure=BudgetSide(sections=(
        ...     BudgetSection(name="Training", lines=(BudgetLine(label="Refund", amount=-200),)),
        ... )))
        >>> for finding in find_rule("B203")(budget):
        ...     print(finding.code, finding)
        B203 warning [negative_amount] budget expenditure / Training / Refund: a negative amount (-200) that is not a transfer
    """
    return _notices_of(budget, NoticeKind.NEGATIVE_AMOUNT)


RULES: tuple[Rule, ...] = (
    Rule("B101", "budget-subtotal", RuleDomain.BUDGETS, _subtotal_rule, "budget", "0 pounds"),
    Rule("B102", "budget-total", RuleDomain.BUDGETS, _total_rule, "budget", "0 pounds"),
    Rule("B103", "budget-transfers", RuleDomain.BUDGETS, _transfers_rule, "budget", "0 pounds"),
    Rule("B104", "budget-line-units", RuleDomain.BUDGETS, _units_rule, "budget", "0 pounds"),
    Rule(
        "B105",
        "budget-split",
        RuleDomain.BUDGETS,
        _split_rule,
        "budget",
        "0 pounds; half a unit of each printed percentage's last digit",
    ),
    Rule("B201", "budget-period-label", RuleDomain.BUDGETS, _period_label_rule, "budget"),
    Rule("B202", "budget-flagged-amount", RuleDomain.BUDGETS, _flagged_amount_rule, "budget"),
    Rule("B203", "budget-negative-amount", RuleDomain.BUDGETS, _negative_amount_rule, "budget"),
)
"""The budget's rules: each takes a [`Budget`][safeguarding_model.Budget]."""
