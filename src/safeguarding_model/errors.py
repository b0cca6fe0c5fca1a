"""The errors this library raises on purpose.

Every one of them derives from [`SafeguardingModelError`][safeguarding_model.SafeguardingModelError],
so ``except SafeguardingModelError`` catches them all, and from the built-in exception a caller
would expect (``ValueError`` for bad input, ``KeyError`` as well for an id that names nothing), so
code that knows nothing of this library still behaves. Each keeps the data it complains about on
attributes, and its message names the field, the value and what was expected.

```text
SafeguardingModelError
├── InvalidInputError          (ValueError)  a field's value is outside what it accepts
│   ├── MissingValueError                    arithmetic on a value that has no number
│   └── UnknownIdError         (KeyError)    an id that names nothing
├── PeriodParseError           (ValueError)  text that is not a period
├── ValueParseError            (ValueError)  a table cell that is not a value
├── PopulationMismatchError    (ValueError, pint.DimensionalityError)
│                                            a rate converted into another population
├── ScaleMismatchError         (ValueError)  judgements compared across scales
└── FileFormatError            (ValueError)  a file that is not the data it should hold
```

All of them are defined or reachable here and at the front door (``safeguarding_model``).
`PopulationMismatchError` extends pint's own error, so it is built in `safeguarding_model.units`
and reached here lazily: ``import safeguarding_model.errors`` does not import pint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pathlib import Path

    from safeguarding_model.units import PopulationMismatchError

__all__ = [
    "FileFormatError",
    "InvalidInputError",
    "MissingValueError",
    "PeriodParseError",
    "PopulationMismatchError",
    "SafeguardingModelError",
    "ScaleMismatchError",
    "UnknownIdError",
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
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the error being reported
        return f"a {type(value).__name__}"
    return text if len(text) <= _BRIEF + 4 else text[:_BRIEF] + "…"


class SafeguardingModelError(Exception):
    """Base of every error this library raises on purpose.

    One ``except`` catches what every part of the library refuses:

    Examples:
        >>> import safeguarding_model as sm
        >>> caught = []
        >>> for attempt in (lambda: sm.parse_period("next year"), lambda: sm.rate_ci(5, 100, per=7)):
        ...     try:
        ...         attempt()
        ...     except sm.SafeguardingModelError as error:
        ...         caught.append(type(error).__name__)
        >>> caught
        ['PeriodParseError', 'InvalidInputError']
    """


class InvalidInputError(SafeguardingModelError, ValueError):
    """A field's value is outside what the field accepts.

    Attributes:
        field: The name of the argument or field.
        value: The value that was refused.
        expected: What the field accepts, in words.

    Examples:
        >>> from safeguarding_model import rate_from_count
        >>> rate_from_count(-1, 100, per=10_000, population="child")
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


class _TextParseError(SafeguardingModelError, ValueError):
    """Text that cannot be read as ``what``: the message quotes it briefly and says why."""

    what: ClassVar[str]

    def __init__(self, text: str, reason: str) -> None:
        """Record the text and the reason it was refused."""
        super().__init__(f"cannot read {brief(text)} as a {self.what}: {reason}")
        self.text = text
        self.reason = reason


class PeriodParseError(_TextParseError):
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

    what = "period"


class ValueParseError(_TextParseError):
    """A table cell that cannot be read as a value, with ``text`` (the cell) and ``reason``.

    Examples:
        >>> from safeguarding_model import ValueParseError, parse_value
        >>> try:
        ...     parse_value("1,41")
        ... except ValueParseError as error:
        ...     print(error.reason)
        thousands separators must be followed by exactly three digits
    """

    what = "value"


class UnknownIdError(InvalidInputError, KeyError):
    """An id that names nothing: no such scale, indicator, observation or agency.

    It is an [`InvalidInputError`][safeguarding_model.errors.InvalidInputError] (so a
    ``ValueError``) and a ``KeyError``, so ``except KeyError`` around a lookup keeps working. Its
    message is the plain sentence, not the quoted one ``KeyError`` prints.

    Attributes:
        field: The name of the argument or field.
        value: The id that names nothing.
        expected: What would have been found, in words (often the ids that exist).

    Examples:
        >>> from safeguarding_model import builtin_scale, UnknownIdError
        >>> try:
        ...     builtin_scale("ofsted-2015")
        ... except KeyError as error:
        ...     print(type(error).__name__, error.value)
        UnknownIdError ofsted-2015
    """

    def __str__(self) -> str:
        """The message, unquoted (``KeyError`` would print its ``repr``)."""
        return Exception.__str__(self)


class ScaleMismatchError(SafeguardingModelError, ValueError):
    """Two judgements (or a judgement and a scale) on different scales were compared.

    Grades never compare across scales: "good" under CQC is not ranked against "good" under
    Ofsted, nor Ofsted's 2013 scale against its 2025 report cards.

    Attributes:
        left: The scale id of the first judgement.
        right: The scale id of the other judgement, or of the scale given.

    Examples:
        >>> from safeguarding_model import Judgement, ScaleMismatchError
        >>> try:
        ...     Judgement(scale="cqc-2014", grade="good").worse_than(Judgement(scale="hmic-peel-2014", grade="good"))
        ... except ScaleMismatchError as error:
        ...     print(error.left, error.right)
        cqc-2014 hmic-peel-2014
    """

    def __init__(self, left: str, right: str) -> None:
        """Record the two scale ids."""
        super().__init__(
            f"cannot compare a judgement on scale {brief(left)} with one on scale {brief(right)}: "
            "grades on different scales do not compare"
        )
        self.left = left
        self.right = right


class FileFormatError(SafeguardingModelError, ValueError):
    """A file that cannot be read as the data it should hold.

    Attributes:
        path: The file.
        reason: What is wrong with it.
        line: The line (counted from 1) where the problem is, when known.

    Examples:
        >>> from safeguarding_model.io import read_data
        >>> read_data("budget.txt")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.FileFormatError: budget.txt: expected a .json, .yaml or .yml file
    """

    def __init__(self, path: str | Path, reason: str, *, line: int | None = None) -> None:
        """Record the file, the reason and the line."""
        from pathlib import Path  # noqa: PLC0415 - errors stay import-light

        where = f"{path}: line {line}" if line is not None else f"{path}"
        super().__init__(f"{where}: {reason}")
        self.path = Path(path)
        self.reason = reason
        self.line = line


def __getattr__(name: str) -> object:
    """``PopulationMismatchError``, from `safeguarding_model.units` (which imports pint) on first use."""
    if name == "PopulationMismatchError":
        from safeguarding_model.units import PopulationMismatchError  # noqa: PLC0415 - pint only when asked for

        return PopulationMismatchError
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
