"""A budget or funding decision, as printed.

A [`Budget`][safeguarding_model.Budget] holds a financial year's income and expenditure in pounds
(exact ``Decimal``s, never floats), each side in sections of lines, with the **subtotals and
totals the source states** kept beside the lines exactly as printed. Either side may be absent: a
table of grant payments states only what is paid, and then no balance is computed. A line may be
printed as a quantity times a unit amount ("£10,000 to each of 32 boroughs"), and a line or a
section may be split between recipients
([`Allocation`][safeguarding_model.budgets.Allocation]s: "50% to the children's board, 50% to
the adults' board"). Nothing is corrected:
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

import math
import re
from decimal import Decimal, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal, Self

from attrs import frozen
from pydantic import AfterValidator, BeforeValidator, Field, ValidationInfo, model_validator

from safeguarding_model._moved import moved_names
from safeguarding_model._records import Record, Text, check_unique, from_file
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.periods import FinancialYear
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import ValueFlag, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "MONEY_PATTERN",
    "PERCENT_PATTERN",
    "QUANTITY_PATTERN",
    "Allocation",
    "Budget",
    "BudgetLine",
    "BudgetSection",
    "BudgetSide",
    "ContributionShare",
    "Money",
    "Quantity",
    "Side",
    "StatedAmount",
    "contribution_shares",
]

MONEY_PATTERN = (
    r"^-?(?:0|[1-9][0-9]{0,29}|(?:0|[1-9][0-9]{0,28})\.[0-9]|(?:0|[1-9][0-9]{0,27})\.[0-9]{2})$"
)
"""Pounds as a string: digits without leading zeros, at most two decimal places, 30 digits in all."""
_MONEY_TEXT = re.compile(MONEY_PATTERN[1:-1], re.ASCII)
_MONEY_DIGITS = 30
_MONEY_LIMIT = 10**_MONEY_DIGITS - 1
_MONEY_EXPECTED = "pounds as an integer, a Decimal or a string of digits with at most two decimal places, like '350146' or '73.50'"
_MONEY_SIZE = "pounds of at most 30 digits"
_PENCE_IN_A_FILE = (
    "pence written as a string, like '25000.50': in a file a number with a fraction is a float "
    "to most readers"
)

QUANTITY_PATTERN = r"^(?:[1-9][0-9]{0,11}(?:\.[0-9]{1,6})?|0\.(?=[0-9]{0,5}[1-9])[0-9]{1,6})$"
"""A quantity as a string: above 0 and below 10**12, at most 6 decimal places, no leading zeros."""
PERCENT_PATTERN = r"^(?:100(?:\.0{1,6})?|(?:0|[1-9][0-9]?)(?:\.[0-9]{1,6})?)$"
"""A percentage as a string: 0 to 100, at most 6 decimal places, no leading zeros."""
_PLACES = 6
"""The most decimal places a quantity or a percentage may have."""
_QUANTITY_LIMIT = Decimal(10) ** 12
_QUANTITY_EXPECTED = (
    "a number above 0 and below 10**12 with at most 6 decimal places, as an integer, a Decimal "
    "or a string of digits, like '32' or '1.5' (never a float)"
)
_PERCENT_EXPECTED = (
    "per cent from 0 to 100 with at most 6 decimal places, as an integer, a Decimal or a "
    "string of digits, like '50' or '33.3' (never a float)"
)


def _whole_in_a_file(
    value: object, info: ValidationInfo | None, field: str, expected: str
) -> object:
    """In a file, a JSON number that is whole as an ``int``; one with a fraction refused.

    A JSON number is a float to every reader but this library's, so a file gives an exact
    number with a fraction as a string; whole numbers (``60000``, ``60000.0``, ``6E+4``) are
    exact everywhere and read as the ``int`` they are.
    """
    if not from_file(info) or isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        with localcontext(prec=_MONEY_DIGITS + 2):
            return int(value)
    if isinstance(value, float | Decimal) and not isinstance(value, bool):
        raise InvalidInputError(field, value, expected)
    return value


def _money(value: object, info: ValidationInfo | None = None, field: str = "amount") -> Decimal:  # noqa: C901 - one branch per input type
    """Pounds from an int, a Decimal or a string of digits (``MONEY_PATTERN``); never a float."""
    if isinstance(value, Decimal) and value.is_finite() and from_file(info):
        _check_pence(value, field)
    value = _whole_in_a_file(value, info, field, _PENCE_IN_A_FILE)
    if isinstance(value, bool | float):
        expected = f"{_MONEY_EXPECTED} (a float cannot hold pennies exactly)"
        raise InvalidInputError(field, value, expected)
    if isinstance(value, int):
        if not -_MONEY_LIMIT <= value <= _MONEY_LIMIT:
            raise InvalidInputError(field, value, _MONEY_SIZE)
        return Decimal(value)
    if isinstance(value, str):
        if not _MONEY_TEXT.fullmatch(value):
            hint = (
                " (write amounts without thousands separators or '£' in data files)"
                if re.search(r"[,£]", value)
                else ""
            )
            raise InvalidInputError(field, value, _MONEY_EXPECTED + hint)
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInputError(field, value, "a finite amount of pounds")
        if value and value.adjusted() >= _MONEY_DIGITS:
            raise InvalidInputError(field, value, _MONEY_SIZE)
        amount = _check_pence(value, field)
        if len(amount.as_tuple().digits) > _MONEY_DIGITS:
            raise InvalidInputError(field, value, _MONEY_SIZE)
        return amount
    raise InvalidInputError(field, value, _MONEY_EXPECTED)


def _check_pence(value: Decimal, field: str) -> Decimal:
    """``value`` with at most two decimal places (a positive exponent written out), or an error."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # pragma: no cover - callers pass finite numbers
        raise InvalidInputError(field, value, "a finite amount of pounds")
    if exponent < -2:
        if any(digits[max(0, len(digits) + exponent + 2) :]):
            raise InvalidInputError(
                field, value, "pounds with at most two decimal places (whole pence)"
            )
        with localcontext(prec=max(len(digits), 1) + 2):
            return value.quantize(Decimal("0.01"))
    if exponent > 0 and value.adjusted() < _MONEY_DIGITS:
        with localcontext(prec=len(digits) + exponent):
            return value.quantize(Decimal(1))
    return value


def _money_field(value: object, info: ValidationInfo) -> Decimal:
    return _money(value, info, info.field_name or "amount")


class _Exact:
    """Field metadata: the JSON Schema of an exact number, a whole JSON number or a string."""

    __slots__ = ("maximum", "minimum", "pattern")

    def __init__(self, pattern: str, minimum: int, maximum: int) -> None:
        self.pattern, self.minimum, self.maximum = pattern, minimum, maximum

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """A string with ``pattern``, or an integer from ``minimum`` to ``maximum``."""
        return {
            "anyOf": [
                {"type": "string", "pattern": self.pattern},
                {"type": "integer", "minimum": self.minimum, "maximum": self.maximum},
            ]
        }


Money = Annotated[
    Decimal,
    BeforeValidator(_money_field),
    _Exact(MONEY_PATTERN, -_MONEY_LIMIT, _MONEY_LIMIT),
]
"""Pounds as an exact ``Decimal`` with at most two decimal places and 30 digits.

In Python an ``int``, a ``Decimal`` or a string of digits (``MONEY_PATTERN``); in a file a
whole JSON number or such a string (pence as a string: ``"73.50"``). JSON carries a string of
digits.
"""


def _exact_number(
    value: object, field: str, expected: str, pattern: re.Pattern[str], info: ValidationInfo | None
) -> Decimal:
    """A finite ``Decimal`` from an int, a Decimal or a string of digits; never a float."""
    value = _whole_in_a_file(value, info, field, expected)
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InvalidInputError(field, value, expected)
    if isinstance(value, str):
        if not pattern.fullmatch(value):
            raise InvalidInputError(field, value, expected)
        number = Decimal(value)
    else:
        number = Decimal(value)
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -_PLACES:
        raise InvalidInputError(field, value, expected)
    return number


_QUANTITY_TEXT = re.compile(QUANTITY_PATTERN[1:-1], re.ASCII)
_PERCENT_TEXT = re.compile(PERCENT_PATTERN[1:-1], re.ASCII)


def _quantity(value: object, info: ValidationInfo | None = None) -> Decimal:
    number = _exact_number(value, "quantity", _QUANTITY_EXPECTED, _QUANTITY_TEXT, info)
    if not 0 < number < _QUANTITY_LIMIT:
        raise InvalidInputError("quantity", value, _QUANTITY_EXPECTED)
    return number


def _percent(value: object, info: ValidationInfo | None = None) -> Decimal:
    number = _exact_number(value, "percent", _PERCENT_EXPECTED, _PERCENT_TEXT, info)
    if not 0 <= number <= 100:
        raise InvalidInputError("percent", value, _PERCENT_EXPECTED)
    return number


def _quantity_field(value: object, info: ValidationInfo) -> Decimal:
    return _quantity(value, info)


def _percent_field(value: object, info: ValidationInfo) -> Decimal:
    return _percent(value, info)


Quantity = Annotated[
    Decimal,
    BeforeValidator(_quantity_field),
    _Exact(QUANTITY_PATTERN, 1, int(_QUANTITY_LIMIT) - 1),
]
"""How many units a line pays for: an exact ``Decimal`` above 0 (32 boroughs, 1.5 posts)."""

Percent = Annotated[Decimal, BeforeValidator(_percent_field), _Exact(PERCENT_PATTERN, 0, 100)]
"""A share in per cent, from 0 to 100, as an exact ``Decimal``."""


def _times(quantity: Decimal, unit_amount: Decimal) -> Decimal:
    """``quantity * unit_amount`` exactly: never rounded to the context's precision."""
    digits = len(quantity.as_tuple().digits) + len(unit_amount.as_tuple().digits)
    with localcontext(prec=digits + 1):
        return quantity * unit_amount


def _whole_pence(amount: Decimal) -> Decimal | None:
    """``amount`` with at most two decimal places when it is whole pence, else ``None``."""
    _, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int) or exponent >= -2:
        return amount
    dropped = digits[len(digits) + exponent + 2 :] if len(digits) + exponent + 2 > 0 else digits
    if any(dropped):
        return None
    with localcontext(prec=max(len(digits), 1) + 2):
        return amount.quantize(Decimal("0.01"))


def _derived_amount(data: Any) -> Any:  # noqa: ANN401 - a record's raw input, before validation
    """The input with ``amount`` as ``quantity * unit_amount`` when only those are given."""
    if not isinstance(data, dict) or data.get("amount") is not None:
        return data
    if data.get("quantity") is None and data.get("unit_amount") is None:
        return data
    for missing, given in (("unit_amount", "quantity"), ("quantity", "unit_amount")):
        if data.get(missing) is None:
            expected = f"a {missing} with the {given} (their product is the amount), or an amount"
            raise InvalidInputError(missing, None, expected)
    try:
        quantity, unit_amount = _quantity(data["quantity"]), _money(data["unit_amount"])
    except InvalidInputError:
        return data  # the fields' own validation reports it
    amount = _whole_pence(_times(quantity, unit_amount))
    if amount is None:
        expected = (
            "a quantity whose product with the unit amount is whole pence "
            "(give the line's amount as printed)"
        )
        raise InvalidInputError("quantity", data["quantity"], expected)
    return {**data, "amount": format(amount, "f")}  # a string: exact in every mode


class Allocation(Record):
    """One recipient's part of a split line or section: a percentage or an amount in pounds.

    A split states either every part in per cent (which should add to 100) or every part in
    pounds (which should add to the amount split); rule B105 checks that they do.

    Examples:
        >>> from safeguarding_model.budgets import Allocation
        >>> Allocation(recipient="Children's board", percent="50").percent
        Decimal('50')
    """

    recipient: Text = Field(
        description="Who receives the part, as printed (a board, a borough, a fund)."
    )
    percent: Percent | None = Field(
        default=None, description="The part in per cent of the amount split, as printed."
    )
    amount: Money | None = Field(default=None, description="The part in pounds, as printed.")
    provenance: Provenance | None = Field(default=None, description="Where the part is printed.")

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The part's schema: a ``percent`` or an ``amount``, not both."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            schema["oneOf"] = [
                {"properties": {name: {"not": {"type": "null"}}}, "required": [name]}
                for name in ("percent", "amount")
            ]
        return schema

    @model_validator(mode="after")
    def _one_figure(self) -> Self:
        if (self.percent is None) == (self.amount is None):
            given = "both" if self.percent is not None else "neither"
            expected = (
                f"a percent or an amount for the part of {self.recipient[:60]!r}, not {given}"
            )
            raise InvalidInputError("percent", given, expected)
        return self


def _check_split(split: tuple[Allocation, ...]) -> tuple[Allocation, ...]:
    """``split`` if its parts are all percentages or all amounts, each recipient once."""
    in_percent = {allocation.percent is not None for allocation in split}
    if len(in_percent) > 1:
        first = next(a for a in split if (a.percent is not None) != (split[0].percent is not None))
        expected = "parts all in per cent or all in pounds, not both in one split"
        raise InvalidInputError(f"split[{split.index(first)}]", first.recipient, expected)
    check_unique(tuple(allocation.recipient for allocation in split), "split", "a recipient")
    return split


Split = Annotated[tuple[Allocation, ...], AfterValidator(_check_split)]
"""A line's or a section's parts by recipient: all in per cent or all in pounds."""


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

    A line printed as a quantity times a unit amount ("£10,000 to each of 32 boroughs") gives
    ``quantity``, ``unit_amount`` and, if it likes, ``each``; its ``amount`` is then the
    product when not printed, and rule B104 checks it when it is. A line may be ``split``
    between recipients.

    Examples:
        >>> from safeguarding_model import BudgetLine
        >>> line = BudgetLine.from_printed("Staffing Costs", "73.000")
        >>> line.amount, line.flags
        (Decimal('73000'), (<ValueFlag.AMBIGUOUS_SEPARATOR: 'ambiguous_separator'>,))
        >>> grants = BudgetLine.model_validate(
        ...     {"label": "Grants to boroughs", "quantity": 32, "unit_amount": "10000", "each": "borough"}
        ... )
        >>> grants.amount
        Decimal('320000')
    """

    label: str = Field(description="The line's label, as printed.")
    amount: Money = Field(
        description=(
            "Pounds; negative for a transfer out. When the line gives a quantity and a unit "
            "amount and no amount, their product."
        )
    )
    quantity: Quantity | None = Field(
        default=None,
        description="How many units the line pays for, as printed (32 boroughs, 1.5 posts).",
    )
    unit_amount: Money | None = Field(
        default=None, description="Pounds for each unit, as printed (with a quantity)."
    )
    each: str | None = Field(
        default=None,
        description="What one unit is, as printed: 'borough', 'post' (with a quantity).",
    )
    split: Split = Field(
        default=(),
        description="The line's amount split between recipients: all in per cent or all in pounds.",
    )
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

    @model_validator(mode="before")
    @classmethod
    def _derive_amount(cls, data: Any) -> Any:  # noqa: ANN401 - raw input, before validation
        return _derived_amount(data)

    @model_validator(mode="after")
    def _units_together(self) -> Self:
        if (self.quantity is None) != (self.unit_amount is None):
            given = "quantity" if self.quantity is not None else "unit_amount"
            missing = "unit_amount" if self.quantity is not None else "quantity"
            expected = f"a {missing} with the {given}, or neither"
            raise InvalidInputError(missing, None, expected)
        if self.each is not None and self.quantity is None:
            raise InvalidInputError("each", self.each, "a quantity and a unit amount with it")
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The line's schema: an ``amount``, or a ``quantity`` and a ``unit_amount``, or all three.

        An ``amount`` of null beside a quantity and a unit amount is derived, as when it is absent.
        """
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            given = {"not": {"type": "null"}}
            amount = schema["properties"]["amount"]
            schema["properties"]["amount"] = {"anyOf": [amount, {"type": "null"}]}
            schema["required"] = [name for name in schema.get("required", []) if name != "amount"]
            schema["anyOf"] = [
                {"properties": {"amount": given}, "required": ["amount"]},
                {
                    "properties": {"quantity": given, "unit_amount": given},
                    "required": ["quantity", "unit_amount"],
                },
            ]
            schema["allOf"] = [
                {
                    "if": {"properties": {first: given}, "required": [first]},
                    "then": {"properties": {second: given}, "required": [second]},
                }
                for first, second in (
                    ("quantity", "unit_amount"),
                    ("unit_amount", "quantity"),
                    ("each", "quantity"),
                )
            ]
        return schema

    @property
    def units_total(self) -> Decimal | None:
        """``quantity * unit_amount``, exact, when the line gives them; else ``None``."""
        if self.quantity is None or self.unit_amount is None:
            return None
        return _times(self.quantity, self.unit_amount)

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
    split: Split = Field(
        default=(),
        description=(
            "The section's subtotal (as stated, else its lines' sum) split between recipients: "
            "all in per cent or all in pounds."
        ),
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
    """A budget or funding decision for one financial year, in pounds, as printed.

    A board's budget states income and expenditure; a table of grant payments or a council's
    allocations may state only one side. A side the source does not state is ``None``, and no
    balance (surplus or deficit) is computed without both.

    Examples:
        >>> from safeguarding_model import Budget, BudgetSide
        >>> Budget(period="2015-16", income=BudgetSide(sections=()), expenditure=BudgetSide(sections=())).period
        FinancialYear(start_year=2015)
        >>> payments = Budget(period="2023/24", expenditure=BudgetSide(sections=()))
        >>> payments.income is None, payments.sides
        (True, (<Side.EXPENDITURE: 'expenditure'>,))
    """

    period: FinancialYear = Field(description="The financial year the budget is for.")
    title: str | None = Field(default=None, description="The budget's title, as printed.")
    income: BudgetSide | None = Field(
        default=None,
        description="Where the money comes from; absent when the source states no income.",
    )
    expenditure: BudgetSide | None = Field(
        default=None,
        description="What it is spent on or paid out; absent when the source states none.",
    )
    note: str | None = Field(default=None, description="Notes printed with the budget.")

    @model_validator(mode="after")
    def _a_side(self) -> Self:
        if self.income is None and self.expenditure is None:
            raise InvalidInputError("income", None, "an income side, an expenditure side or both")
        return self

    @property
    def sides(self) -> tuple[Side, ...]:
        """The sides the budget states, income first."""
        stated = ((Side.INCOME, self.income), (Side.EXPENDITURE, self.expenditure))
        return tuple(side for side, budget_side in stated if budget_side is not None)

    def side(self, side: Side | str) -> BudgetSide:
        """The income or expenditure side; a side the budget does not state reads as empty.

        ``budget.income is None`` (or ``side not in budget.sides``) tells the two apart.
        """
        found = self.income if Side(side) is Side.INCOME else self.expenditure
        return BudgetSide(sections=()) if found is None else found

    def lines(self) -> Iterator[tuple[Side, BudgetSection, BudgetLine]]:
        """Every line with its side and section, in printed order."""
        for side in self.sides:
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
    for section in budget.side(Side.INCOME).sections:
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
