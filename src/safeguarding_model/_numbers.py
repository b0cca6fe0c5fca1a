"""Helpers shared by the modules that take numbers from users: checked, exact conversion."""

from __future__ import annotations

import math
from decimal import Decimal, localcontext
from typing import TypeAlias

from safeguarding_model.errors import InvalidInputError

__all__ = ["Number", "half_unit", "tidy", "to_decimal"]

Number: TypeAlias = int | float | Decimal
"""A number a user may pass: ``int``, ``float`` or ``Decimal`` (never ``bool`` or ``str``)."""


def to_decimal(
    value: object, field: str, *, minimum: Decimal | None = None, strict_minimum: bool = False
) -> Decimal:
    """Convert a user's number to ``Decimal``, refusing what is not a finite number.

    Floats go through their shortest ``repr`` (``0.1`` becomes ``Decimal('0.1')``, not the binary
    expansion). ``minimum`` refuses smaller values (or equal ones with ``strict_minimum``).
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise InvalidInputError(field, value, "an int, float or Decimal")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInputError(field, value, "a finite number")
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise InvalidInputError(field, value, "a finite number")
    if minimum is not None:
        if strict_minimum and number <= minimum:
            raise InvalidInputError(field, value, f"a number greater than {minimum}")
        if number < minimum:
            raise InvalidInputError(field, value, f"a number of at least {minimum}")
    return number


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
