"""A board's budget, as printed.

A [`Budget`][safeguarding_model.Budget] holds a financial year's income and expenditure in pounds
(exact ``Decimal``s, never floats), each side in sections of lines, with the **subtotals and
totals the source states** kept beside the lines exactly as printed. Nothing is corrected:
[`reconcile`][safeguarding_model.reconciliation.reconcile] (in
[`safeguarding_model.reconciliation`][safeguarding_model.reconciliation]) adds the lines up and
reports every place where the printed arithmetic disagrees with itself;
[`contribution_shares`][safeguarding_model.budgets.contribution_shares] says who paid what share.

Examples:
    >>> from safeguarding_model import Budget, contribution_shares
    >>> budget = Budget.model_validate({
    ...     "period": "2015/16",
    ...     "expenditure": {"sections": []},
    ...     "income": {"sections": [{"name": "Contributions", "lines": [
    ...         {"label": "Lancashire County Council", "amount": "74000", "agency": "lcc"},
    ...         {"label": "Lancashire Constabulary", "amount": "24500", "agency": "police"},
    ...     ]}]},
    ... })
    >>> [(share.agency, round(share.percent)) for share in contribution_shares(budget)]
    [('lcc', 75), ('police', 25)]
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal

from attrs import frozen
from pydantic import BeforeValidator, Field

from safeguarding_model._moved import moved_names
from safeguarding_model._records import Record
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.periods import FinancialYear
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import ValueFlag, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Budget",
    "BudgetLine",
    "BudgetSection",
    "BudgetSide",
    "ContributionShare",
    "Money",
    "Side",
    "StatedAmount",
    "contribution_shares",
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
        >>> from safeguarding_model import Side, load_example
        >>> load_example().budget.side(Side.INCOME).stated_total.amount
        Decimal('482013')
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


#: The reconciliation's names, which lived here before it had a module of its own. The list is
#: reconciliation's ``__all__`` on purpose: it is what this module exported then, and it stays
#: fixed while that ``__all__`` may grow.
__getattr__ = moved_names(
    __name__,
    dict.fromkeys(
        (
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
        ),
        "safeguarding_model.reconciliation",
    ),
)
