"""The errors this library raises on purpose.

Every one of them derives from [`SafeguardingModelError`][safeguarding_model.SafeguardingModelError],
so ``except SafeguardingModelError`` catches them all, and from the built-in exception a caller
would expect (``ValueError`` for bad input), so code that knows nothing of this library still
behaves. Each keeps the data it complains about on attributes, and its message names the field,
the value and what was expected.

```text
SafeguardingModelError
├── InvalidInputError          (ValueError)  a field's value is outside what it accepts
│   └── MissingValueError                    arithmetic on a value that has no number
├── PeriodParseError           (ValueError)  text that is not a period
├── ValueParseError            (ValueError)  a table cell that is not a value
├── PopulationMismatchError    (ValueError, pint.DimensionalityError)
│                                            a rate converted into another population
├── ScaleMismatchError         (ValueError)  judgements compared across scales
└── FileFormatError            (ValueError)  a file that is not the data it should hold
```

`PopulationMismatchError` lives in `safeguarding_model.units` because it extends pint's own
error (importing it imports pint); `ScaleMismatchError` in `safeguarding_model.inspections`;
`FileFormatError` in `safeguarding_model.io`.
"""

from __future__ import annotations

__all__ = [
    "InvalidInputError",
    "MissingValueError",
    "PeriodParseError",
    "SafeguardingModelError",
    "ValueParseError",
    "brief",
]

_BRIEF = 60
"""How much of a refused value's ``repr`` an error message shows."""


def brief(value: object) -> str:
    """A short ``repr`` of ``value`` for an error message: at most about 60 characters.

    Errors quote what they refuse, but a refused value may be a whole file's worth of text or
    an integer too long to print; the message shows its start and ``…``.

    Examples:
        >>> from safeguarding_model.errors import brief
        >>> brief("2015/17")
        "'2015/17'"
        >>> brief("x" * 1000)
        "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…'"
        >>> brief(10**5000)
        'an integer of 5001 digits'
    """
    if isinstance(value, str):  # the start of the text, quoted: 'xxx…'
        return repr(value if len(value) <= _BRIEF + 1 else value[:_BRIEF] + "…")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 190:
        from decimal import Decimal  # noqa: PLC0415 - errors stay import-light

        return f"an integer of {Decimal(value).adjusted() + 1} digits"  # repr may refuse
    try:
        text = repr(value)
    except ValueError:  # pragma: no cover - an object whose repr refuses
        return f"a {type(value).__name__}"
    return text if len(text) <= _BRIEF + 4 else text[:_BRIEF] + "…"


class SafeguardingModelError(Exception):
    """Base of every error this library raises on purpose.

    Examples:
        >>> from safeguarding_model import parse_period, SafeguardingModelError
        >>> try:
        ...     parse_period("next year")
        ... except SafeguardingModelError as error:
        ...     print(type(error).__name__)
        PeriodParseError
    """


class InvalidInputError(SafeguardingModelError, ValueError):
    """A field's value is outside what the field accepts.

    Attributes:
        field: The name of the argument or field.
        value: The value that was refused.
        expected: What the field accepts, in words.

    Examples:
        >>> from safeguarding_model import rate_from_count
        >>> rate_from_count(-1, 100, population="child")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: count: expected a number of at least 0, got -1
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        """Record the field, the refused value and what was expected."""
        super().__init__(f"{field}: expected {expected}, got {brief(value)}")
        self.field = field
        self.value = value
        self.expected = expected


class MissingValueError(InvalidInputError):
    """Arithmetic was asked of a value that has no number (missing, suppressed, ...).

    Examples:
        >>> from safeguarding_model import Rate, implied_count
        >>> implied_count(Rate(value=None, per=1000, population="child", status="missing"), 100)
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.MissingValueError: rate.value: expected a number (the rate's status is 'missing'), got None
    """


class PeriodParseError(SafeguardingModelError, ValueError):
    """Text that cannot be read as a period.

    Attributes:
        text: The text, as given.
        reason: Why it was refused.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> parse_period("2015/17")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.PeriodParseError: cannot read '2015/17' as a period: a financial year spans two consecutive years, like '2015/16'
    """

    def __init__(self, text: str, reason: str) -> None:
        """Record the text and the reason it was refused."""
        super().__init__(f"cannot read {brief(text)} as a period: {reason}")
        self.text = text
        self.reason = reason


class ValueParseError(SafeguardingModelError, ValueError):
    """A table cell that cannot be read as a value.

    Attributes:
        text: The cell, as given.
        reason: Why it was refused.

    Examples:
        >>> from safeguarding_model import parse_value
        >>> parse_value("1,41")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.ValueParseError: cannot read '1,41' as a value: thousands separators must be followed by exactly three digits
    """

    def __init__(self, text: str, reason: str) -> None:
        """Record the text and the reason it was refused."""
        super().__init__(f"cannot read {brief(text)} as a value: {reason}")
        self.text = text
        self.reason = reason
