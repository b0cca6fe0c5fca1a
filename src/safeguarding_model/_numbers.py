"""Helpers shared by the modules that take numbers from users: checked, exact conversion."""

from __future__ import annotations

import math
import numbers
import operator
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING, TypeAlias, cast

from safeguarding_model.errors import InvalidInputError

if TYPE_CHECKING:
    from typing import Any, SupportsIndex

    import numpy as np

__all__ = [
    "EXPONENT_LIMIT",
    "Number",
    "check_magnitude",
    "decimals",
    "exact_tolerance",
    "half_unit",
    "is_real",
    "is_whole",
    "numpy_kind",
    "real_float",
    "round_half_up",
    "show_percent",
    "tidy",
    "to_decimal",
    "whole",
]

Number: TypeAlias = "int | float | Decimal | np.integer[Any] | np.floating[Any]"
"""A number a user may pass: ``int``, ``float``, ``Decimal``, or a numpy integer or float (what
pandas columns hold); never ``bool``, numpy's ``bool_`` or ``str``."""

EXPONENT_LIMIT = 400
"""Exact arithmetic takes numbers below ``1E+400`` in magnitude and, unless zero, at least
``1E-400``: every finite float, and far beyond any count or population. The bound keeps every
product and quotient of such numbers within ``Decimal``'s range and their digits few."""

_EXPECTED_NUMBER = "an int, float or Decimal (or a numpy integer or float)"


def numpy_kind(value: object) -> str | None:
    """``'bool'``, ``'integer'`` or ``'float'`` for a numpy scalar of that kind, else ``None``.

    Checked without importing numpy: a numpy scalar's type lives in the ``numpy`` module, and
    numpy registers its integers as ``numbers.Integral`` and its floats as ``numbers.Real``
    (but not its ``bool_``).
    """
    kind = type(value)
    if kind.__module__ != "numpy":
        return None
    if kind.__name__ in {"bool", "bool_"}:
        return "bool"
    if kind.__name__ in {"datetime64", "timedelta64"}:  # numpy makes them integers
        return None
    if isinstance(value, numbers.Integral):
        return "integer"
    if isinstance(value, numbers.Real):
        return "float"
    return None


def is_whole(value: object) -> bool:
    """Whether ``value`` is an ``int`` or a numpy integer (never a ``bool``)."""
    return (isinstance(value, int) and not isinstance(value, bool)) or numpy_kind(
        value
    ) == "integer"


def is_real(value: object) -> bool:
    """Whether ``value`` is an ``int``, a ``float`` or a numpy integer or float (never a bool)."""
    return (isinstance(value, int | float) and not isinstance(value, bool)) or numpy_kind(
        value
    ) in {"integer", "float"}


def whole(value: object) -> int:
    """``value`` (``int`` or numpy integer, see ``is_whole``) as an ``int``."""
    return operator.index(cast("SupportsIndex", value))


def to_decimal(
    value: object, field: str, *, minimum: Decimal | None = None, strict_minimum: bool = False
) -> Decimal:
    """Convert a user's number to ``Decimal``, refusing what is not a finite number.

    Floats go through their shortest ``repr`` (``0.1`` becomes ``Decimal('0.1')``, not the binary
    expansion). numpy integers are read exactly; numpy floats through numpy's shortest text for
    their own precision, so ``numpy.float32(0.1)`` is ``Decimal('0.1')`` (not
    ``0.100000001490116…``, the float64 it widens to). ``bool`` and ``numpy.bool_`` are refused.
    Numbers beyond ``1E+400`` in magnitude (or nonzero below ``1E-400``) are refused, so that
    exact arithmetic on them stays within range. ``minimum`` refuses smaller values (or equal
    ones with ``strict_minimum``).

    Raises:
        InvalidInputError: For anything else, naming ``field``.
    """
    number = _exact(value, field)
    if not number.is_finite():
        raise InvalidInputError(field, value, "a finite number")
    check_magnitude(number, field, value)
    if minimum is not None:
        if strict_minimum and number <= minimum:
            raise InvalidInputError(field, value, f"a number greater than {minimum}")
        if number < minimum:
            raise InvalidInputError(field, value, f"a number of at least {minimum}")
    return number


def _exact(value: object, field: str) -> Decimal:
    """``value`` as the ``Decimal`` it stands for (perhaps not finite)."""
    kind = numpy_kind(value)
    if kind == "integer":
        return Decimal(whole(value))
    if kind == "float":
        # str() of a numpy float is its shortest round-trip text at its own precision.
        return _from_text(str(value), value, field)
    if isinstance(value, bool) or kind == "bool":
        raise InvalidInputError(field, value, _EXPECTED_NUMBER + ", not a bool")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInputError(field, value, "a finite number")
        return Decimal(float.__repr__(value))  # float's own repr, whatever the subclass
    if isinstance(value, int | Decimal):
        return Decimal(value)
    raise InvalidInputError(field, value, _EXPECTED_NUMBER)


def _from_text(text: str, value: object, field: str) -> Decimal:
    try:
        return Decimal(text)
    except ArithmeticError:  # decimal.InvalidOperation: not a number's text
        raise InvalidInputError(field, value, "a finite number") from None


def check_magnitude(
    number: Decimal, field: str, value: object = None, *, of: str = "a number"
) -> Decimal:
    """``number`` when it is zero or within ``1E-400`` to ``1E+400`` in magnitude.

    ``of`` says what must keep to the range ("numbers giving a rate" for a computed result).

    Raises:
        InvalidInputError: For a number outside that range (naming ``field`` and ``value``,
            ``number`` itself when ``value`` is not given).
    """
    shown = number if value is None else value
    if number and not -EXPONENT_LIMIT <= number.adjusted() < EXPONENT_LIMIT:
        raise InvalidInputError(
            field,
            shown,
            f"{of} below 1E+{EXPONENT_LIMIT} in magnitude and, unless 0, "
            f"at least 1E-{EXPONENT_LIMIT}",
        )
    return number


def real_float(value: object, field: str, expected: str) -> float:
    """``value`` as a float when it is a real number (see ``is_real``) within float range.

    Raises:
        InvalidInputError: Naming ``field`` and ``expected``, for anything else.
    """
    if not is_real(value):
        raise InvalidInputError(field, value, expected)
    try:
        return float(value)  # type: ignore[arg-type]
    except OverflowError:  # an int beyond float range
        raise InvalidInputError(field, value, expected) from None


def exact_tolerance(value: object, unit: str) -> Decimal:
    """``value`` as the largest difference a check lets pass: an int or ``Decimal``, finite, at least 0.

    Checks of printed figures (a budget's pounds, section 11's percentage points) compare exact
    decimals, so their tolerance is exact too: a float or a bool is refused, not converted.

    Raises:
        InvalidInputError: Naming ``tolerance`` and ``unit``, for anything else.

    Examples:
        >>> exact_tolerance(1, "pounds")
        Decimal('1')
        >>> exact_tolerance(0.5, "pounds")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: tolerance: expected pounds as a Decimal or an int, at least 0 (never a float), got 0.5
    """
    expected = f"{unit} as a Decimal or an int, at least 0 (never a float)"
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidInputError("tolerance", value, expected)
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise InvalidInputError("tolerance", value, expected)
    return amount


def tidy(number: Decimal) -> Decimal:
    """Drop trailing fractional zeros without switching to exponent notation.

    ``Decimal.normalize`` turns ``100`` into ``1E+2``; this keeps ``100`` and turns ``6.910``
    into ``6.91``.
    """
    normal = number.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        with localcontext(prec=len(normal.as_tuple().digits) + exponent):
            return normal.quantize(Decimal(1))
    return normal


def half_unit(number: Decimal) -> Decimal:
    """Half a unit of the last printed digit: the rounding a printed figure may hide.

    ``12.2`` stands for anything from 12.15 to 12.25, so its half unit is ``0.05``.
    """
    exponent = number.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal(0)


def decimals(number: Decimal) -> int:
    """How many decimal places ``number`` is printed with (``89.7``: 1; ``100`` and ``1E+2``: 0)."""
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def round_half_up(number: Decimal, places: int) -> Decimal:
    """``number`` rounded half up to ``places`` decimal places, as printed tables round.

    The context holds enough digits for every place kept: ``quantize`` refuses a result longer
    than the precision.

    Examples:
        >>> round_half_up(Decimal("69.0999"), 1), round_half_up(Decimal("0.125"), 2)
        (Decimal('69.1'), Decimal('0.13'))
    """
    with localcontext(prec=max(28, number.adjusted() + places + 2)):
        return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def show_percent(number: Decimal | None, places: int = 2) -> str:
    """``number`` as a percentage rounded half up to at most ``places`` places (``'89.66%'``), or ``'none'``."""
    if number is None:
        return "none"
    return f"{tidy(round_half_up(number, places))}%"
