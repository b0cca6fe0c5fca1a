"""A board's budget, as printed, and its reconciliation.

A [`Budget`][safeguarding_model.Budget] holds a financial year's income and expenditure in pounds
(exact ``Decimal``s, never floats), each side in sections of lines, with the **subtotals and
totals the source states** kept beside the lines exactly as printed. Nothing is corrected:
[`reconcile`][safeguarding_model.reconcile] adds the lines up and reports every place where the
printed arithmetic disagrees with itself.

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
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from attrs import frozen
from pydantic import BeforeValidator, Field

from safeguarding_model._bases import DEPRECATED_SINCE
from safeguarding_model._escape import escape_terminal
from safeguarding_model._records import Record, SchemaDescribed
from safeguarding_model.errors import InvalidInputError, PeriodParseError
from safeguarding_model.findings import Finding, FindingNumber, Kind, Rule, RuleDomain, Severity
from safeguarding_model.periods import FinancialYear, parse_period
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import ValueFlag, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "RULES",
    "Budget",
    "BudgetLine",
    "BudgetSection",
    "BudgetSide",
    "ContributionShare",
    "Discrepancy",
    "DiscrepancyKind",
    "Location",
    "Money",
    "Notice",
    "NoticeKind",
    "Reconciliation",
    "SectionTotals",
    "Side",
    "SideTotals",
    "StatedAmount",
    "contribution_shares",
    "reconcile",
]

_PLAIN_POUNDS = re.compile(r"-?[0-9]+(?:\.[0-9]{1,2})?", re.ASCII)
_MONEY_EXPECTED = "pounds as an integer, a Decimal or a string of digits with at most two decimal places, like '350146' or '73.50'"


def _money(value: object) -> Decimal:
    """Pounds from an int, a Decimal or a plain string of digits; never a float."""
    if isinstance(value, bool | float):
        expected = f"{_MONEY_EXPECTED} (a float cannot hold pennies exactly)"
        raise InvalidInputError("amount", value, expected)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        text = value.strip()
        if not _PLAIN_POUNDS.fullmatch(text):
            hint = (
                " (write amounts without thousands separators or '£' in data files)"
                if re.search(r"[,£]", text)
                else ""
            )
            raise InvalidInputError("amount", value, _MONEY_EXPECTED + hint)
        return Decimal(text)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError("amount", value, "a finite amount of pounds")
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
            raise InvalidInputError(
                "amount", value, "pounds with at most two decimal places (whole pence)"
            )
        if isinstance(exponent, int) and exponent > 0:
            with localcontext(prec=len(value.as_tuple().digits) + exponent):
                return value.quantize(Decimal(1))
        return value
    raise InvalidInputError("amount", value, _MONEY_EXPECTED)


Money = Annotated[Decimal, BeforeValidator(_money)]
"""Pounds as an exact ``Decimal`` with at most two decimal places; JSON carries a string of digits."""


class Side(SchemaDescribed, StrEnum):
    """The two sides of a budget.

    Examples:
        >>> from safeguarding_model import Side
        >>> Side("income")
        <Side.INCOME: 'income'>
    """

    INCOME = "income"
    EXPENDITURE = "expenditure"


class BudgetLine(Record):
    """One line of a budget, as printed.

    Examples:
        >>> from safeguarding_model import BudgetLine
        >>> line = BudgetLine.from_printed("Staffing Costs", "73.000")
        >>> line.amount, line.flags
        (Decimal('73000'), (<ValueFlag.AMBIGUOUS_SEPARATOR: 'ambiguous_separator'>,))
    """

    label: str = Field(description="The line's label, as printed.")
    amount: Money = Field(description="Pounds; negative for a transfer out.")
    transfer: bool = Field(
        default=False,
        description="Whether the line moves money between funds (a transfer out is negative, a transfer in positive).",
    )
    agency: str | None = Field(
        default=None, description="The id of the agency that contributed the amount, if any."
    )
    printed: str | None = Field(
        default=None, description="The amount as printed, when it was read from a table."
    )
    flags: tuple[ValueFlag, ...] = Field(
        default=(), description="Guesses made in reading the printed amount, for checks to report."
    )
    provenance: Provenance | None = Field(default=None, description="Where the amount is printed.")

    @classmethod
    def from_printed(
        cls,
        label: str,
        printed: str,
        *,
        transfer: bool = False,
        agency: str | None = None,
        whole_pounds: bool = True,
    ) -> BudgetLine:
        """A line from its printed cell, read with [`parse_value`][safeguarding_model.parse_value].

        In a column of whole pounds (the default) a cell such as ``73.000`` is read as 73000 and
        flagged; a cell that is not an amount raises ``ValueParseError``.

        Raises:
            ValueParseError: For a cell that is not an amount.
            InvalidInputError: For a cell with no number (``N/A``, ``TBC``).
        """
        value = parse_value(printed, expect="whole" if whole_pounds else "number")
        if value.number is None:
            raise InvalidInputError("printed", printed, "an amount of pounds")
        return cls(
            label=label,
            amount=value.number,
            transfer=transfer,
            agency=agency,
            printed=printed,
            flags=value.flags,
        )


class StatedAmount(Record):
    """A subtotal or total as the source states it, kept exactly as printed.

    Examples:
        >>> from safeguarding_model import StatedAmount
        >>> StatedAmount(amount="482013", label="TOTAL LSCB INCOME 14/15").amount
        Decimal('482013')
    """

    amount: Money = Field(description="The stated amount in pounds.")
    label: str | None = Field(
        default=None, description="The row's label as printed, if it has one."
    )
    printed: str | None = Field(default=None, description="The amount as printed.")
    provenance: Provenance | None = Field(default=None, description="Where the amount is printed.")


class BudgetSection(Record):
    """A section of one side of a budget (a cost centre, a group of contributions).

    Examples:
        >>> from safeguarding_model import BudgetLine, BudgetSection
        >>> section = BudgetSection(name="Serious Case Review", lines=(BudgetLine(label="Professional Fees", amount=45000),))
        >>> section.computed_subtotal
        Decimal('45000')
    """

    name: str = Field(description="The section's heading, as printed.")
    lines: tuple[BudgetLine, ...] = Field(
        default=(), description="The section's lines, in printed order."
    )
    stated_subtotal: StatedAmount | None = Field(
        default=None, description="The subtotal the source prints for the section, if any."
    )

    @property
    def computed_subtotal(self) -> Decimal:
        """What the lines add up to."""
        return sum((line.amount for line in self.lines), Decimal(0))


class BudgetSide(Record):
    """Income or expenditure: sections, and the total the source states.

    Examples:
        >>> from safeguarding_model import BudgetSide
        >>> BudgetSide(sections=()).stated_total is None
        True
    """

    sections: tuple[BudgetSection, ...] = Field(
        description="The side's sections, in printed order."
    )
    stated_total: StatedAmount | None = Field(
        default=None, description="The total the source prints, if any."
    )


class Budget(Record):
    """A board's budget for one financial year, in pounds, as printed.

    Examples:
        >>> from safeguarding_model import Budget, BudgetSide
        >>> Budget(period="2015-16", income=BudgetSide(sections=()), expenditure=BudgetSide(sections=())).period
        FinancialYear(start_year=2015)
    """

    period: FinancialYear = Field(description="The financial year the budget is for.")
    title: str | None = Field(default=None, description="The budget's title, as printed.")
    income: BudgetSide = Field(description="Where the money comes from.")
    expenditure: BudgetSide = Field(description="What it is spent on.")
    note: str | None = Field(default=None, description="Notes printed with the budget.")

    def side(self, side: Side | str) -> BudgetSide:
        """The income or expenditure side."""
        return self.income if Side(side) is Side.INCOME else self.expenditure

    def lines(self) -> Iterator[tuple[Side, BudgetSection, BudgetLine]]:
        """Every line with its side and section, in printed order."""
        for side in Side:
            for section in self.side(side).sections:
                for line in section.lines:
                    yield side, section, line


# --- reconciliation ------------------------------------------------------------------------


class DiscrepancyKind(StrEnum):
    """Where printed arithmetic can disagree with itself.

    Examples:
        >>> from safeguarding_model import DiscrepancyKind
        >>> print(DiscrepancyKind.TOTAL.description)
        a side's stated total differs from its sections' subtotals as stated
    """

    SUBTOTAL = "subtotal"
    TOTAL = "total"
    TRANSFERS = "transfers"

    @property
    def description(self) -> str:
        """The kind in words."""
        return {
            DiscrepancyKind.SUBTOTAL: "a section's stated subtotal differs from what its lines add up to",
            DiscrepancyKind.TOTAL: "a side's stated total differs from its sections' subtotals as stated",
            DiscrepancyKind.TRANSFERS: "transfers between funds on a side do not net to zero",
        }[self]


class NoticeKind(StrEnum):
    """Things worth a reader's attention that are not arithmetic errors.

    Examples:
        >>> from safeguarding_model import NoticeKind
        >>> NoticeKind("period_label")
        <NoticeKind.PERIOD_LABEL: 'period_label'>
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

    json_properties: ClassVar[tuple[str, ...]] = ("difference", "code", "numbers")

    @property
    def difference(self) -> Decimal:
        """``stated - computed``."""
        return self.stated - self.computed

    @property
    def code(self) -> str:
        """The code of the rule that reports it: B101 (subtotal), B102 (total), B103 (transfers)."""
        return _DISCREPANCY_CODES[self.kind]

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
        }[self.kind]
        text = f"{self.location}: stated {self.stated}, {basis} {self.computed} (difference {self.difference})"
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
        return Finding(
            self.code,
            Kind.BUDGET_ARITHMETIC,
            Severity.ERROR,
            f"budget {self.location}",
            f"stated {self.stated}, computed {self.computed} (difference {self.difference}){note}",
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
    are kept in ``income`` and ``expenditure``. The balance is income minus expenditure: a
    negative balance is a deficit.

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from safeguarding_model import load_example
        >>> result = reconcile(load_example().budget)
        >>> result.balance, result.is_deficit, len(result.discrepancies)
        (Decimal('-41685'), True, 4)
    """

    period: FinancialYear
    """The budget's financial year."""
    income: SideTotals
    """Income, computed and stated."""
    expenditure: SideTotals
    """Expenditure, computed and stated."""
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
    def income_total(self) -> Decimal:
        """What the income lines add up to."""
        return self.income.from_lines

    @property
    def expenditure_total(self) -> Decimal:
        """What the expenditure lines add up to."""
        return self.expenditure.from_lines

    @property
    def balance(self) -> Decimal:
        """Income minus expenditure, from the lines; negative for a deficit."""
        return self.income_total - self.expenditure_total

    @property
    def stated_balance(self) -> Decimal | None:
        """Stated income total minus stated expenditure total, when both are printed."""
        if self.income.stated is None or self.expenditure.stated is None:
            return None
        return self.income.stated - self.expenditure.stated

    @property
    def is_deficit(self) -> bool:
        """Whether expenditure exceeds income."""
        return self.balance < 0

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


def _check_tolerance(tolerance: object) -> Decimal:
    if isinstance(tolerance, bool) or not isinstance(tolerance, int | Decimal):
        raise InvalidInputError(
            "tolerance", tolerance, "pounds as a Decimal or an int, at least 0 (never a float)"
        )
    amount = Decimal(tolerance)
    if not amount.is_finite() or amount < 0:
        raise InvalidInputError(
            "tolerance", tolerance, "pounds as a Decimal or an int, at least 0 (never a float)"
        )
    return amount


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
    return SideTotals(side, sections, from_lines, from_subtotals, stated)


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
    allowed = _check_tolerance(tolerance)
    discrepancies: list[Discrepancy] = []
    income = _side_totals(Side.INCOME, budget.income, allowed, discrepancies)
    expenditure = _side_totals(Side.EXPENDITURE, budget.expenditure, allowed, discrepancies)
    return Reconciliation(
        period=budget.period,
        income=income,
        expenditure=expenditure,
        discrepancies=tuple(discrepancies),
        notices=tuple(_notices(budget)),
        tolerance=allowed,
    )


@frozen
class ContributionShare:
    """One agency's contributions and their share of all attributed contributions.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import ContributionShare
        >>> ContributionShare("police", Decimal(60331), Decimal("0.25")).percent
        Decimal('25.00')
    """

    agency: str
    """The agency's id."""
    amount: Decimal
    """What it contributed, across every income section."""
    share: Decimal
    """Its fraction of the contributions attributed to agencies (0 to 1)."""

    @property
    def percent(self) -> Decimal:
        """The share as a percentage."""
        return self.share * 100


def contribution_shares(
    budget: Budget, *, sections: Literal["all"] | tuple[str, ...] = "all"
) -> tuple[ContributionShare, ...]:
    """Each agency's share of the contributions, largest first.

    Adds up every income line attributed to an agency (transfers excluded), across all income
    sections or those named, and divides by their total. Lines without an agency are left out.

    Raises:
        InvalidInputError: When no contributions are attributed to agencies, or they add to zero
            or less.

    Examples:
        >>> from safeguarding_model import contribution_shares
        >>> from safeguarding_model import load_example
        >>> top = contribution_shares(load_example().budget, sections=("Contributions to Board",))[0]
        >>> top.agency, top.amount, round(top.percent, 1)
        ('lancashire-county-council', Decimal('148008'), Decimal('38.6'))
    """
    totals: dict[str, Decimal] = {}
    for section in budget.income.sections:
        if sections != "all" and section.name not in sections:
            continue
        for line in section.lines:
            if line.agency is not None and not line.transfer:
                totals[line.agency] = totals.get(line.agency, Decimal(0)) + line.amount
    whole = sum(totals.values(), Decimal(0))
    if not totals or whole <= 0:
        raise InvalidInputError(
            "budget", "no contributions attributed to agencies", "income lines with an agency"
        )
    with localcontext(prec=28):
        shares = [
            ContributionShare(agency, amount, amount / whole) for agency, amount in totals.items()
        ]
    return tuple(sorted(shares, key=lambda share: (-share.amount, share.agency)))


# --- rules ---------------------------------------------------------------------------------

_DISCREPANCY_CODES = {
    DiscrepancyKind.SUBTOTAL: "B101",
    DiscrepancyKind.TOTAL: "B102",
    DiscrepancyKind.TRANSFERS: "B103",
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
    Rule("B201", "budget-period-label", RuleDomain.BUDGETS, _period_label_rule, "budget"),
    Rule("B202", "budget-flagged-amount", RuleDomain.BUDGETS, _flagged_amount_rule, "budget"),
    Rule("B203", "budget-negative-amount", RuleDomain.BUDGETS, _negative_amount_rule, "budget"),
)
"""The budget's rules: each takes a [`Budget`][safeguarding_model.Budget]."""
