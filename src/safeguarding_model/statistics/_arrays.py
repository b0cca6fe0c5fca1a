"""Input handling shared by the statistics: numbers or arrays in, checked float arrays out.

Every statistic accepts Python numbers, numpy arrays or anything numpy can turn into an array of
numbers (lists, pandas columns). Missing values (``None``, NaN, pandas' ``NA`` or a masked entry
of a numpy masked array) are allowed where the function says so and give NaN results; anything
else that is not a finite number is refused with an error naming the field, the value and, for
arrays, its position:

- arrays of booleans, complex numbers, dates or durations (``datetime64``, ``timedelta64``),
  text or bytes, and structured arrays, whatever their values;
- object arrays (and lists numpy reads as such, like ``[1, None]`` or a list of ``Decimal``) are
  read element by element: ``int``, ``float``, ``Decimal``, numpy numbers and missing values are
  accepted, anything else (a ``bool``, a string, a date) is refused;
- numbers beyond float range (``10**400``), infinities, lists of unequal lengths;
- for counts, numbers from 2**53 on, where a float no longer holds every whole number.

Results compare by value: a field that may hold a number or an array is declared
``attrs.field(eq=BY_VALUE, hash=False)``, equal when ``same``
says so and left out of the hash (so a result holding arrays still hashes, by its other fields).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TypeAlias, overload

import attrs
import numpy as np

from safeguarding_model._numbers import (
    is_whole,
    numpy_kind,
    real_float,
    whole,
)
from safeguarding_model.errors import InvalidInputError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "COUNT_LIMIT",
    "FloatArray",
    "FloatOrArray",
    "Scalar",
    "as_floats",
    "broadcast",
    "check_axis",
    "check_confidence",
    "is_scalar",
    "refuse",
    "shape_like",
]

FloatArray: TypeAlias = "npt.NDArray[np.float64]"
FloatOrArray: TypeAlias = "float | npt.NDArray[np.float64]"
"""A float for scalar inputs, an array of floats for array inputs."""

Scalar: TypeAlias = float | Decimal | np.floating[Any] | np.integer[Any] | None
"""One number (``None`` for missing): inputs that give float results rather than arrays."""

COUNT_LIMIT: Final = 2**53
"""Counts must be below this: from 2**53 on, a float cannot hold every whole number, so counts
that differ would compare equal."""

_NUMBERS: Final = "numbers (or NaN / None for missing)"
_DTYPE_WORDS: Final = {
    "b": "booleans",
    "c": "complex numbers",
    "M": "dates and times",
    "m": "durations",
    "U": "text",
    "S": "bytes",
    "V": "structured records",
    "O": "Python objects",
}


def is_scalar(*values: npt.NDArray[Any]) -> bool:
    """Whether every one of ``values`` (arrays from ``as_floats``) is 0-d: results are floats."""
    return all(value.ndim == 0 for value in values)


def as_floats(
    value: object, field: str, *, missing: bool = True, counts: bool = False
) -> FloatArray:
    """``value`` as an array of floats, with missing values (``None``, masked entries) as NaN.

    Args:
        value: A number, a sequence or nested sequences of numbers, or an array (masked or not).
        field: The argument's name, for errors.
        missing: Whether missing values are allowed; when not, a masked entry is refused here
            (callers refuse NaN themselves, with their own words).
        counts: Whether the values are counts: then they must be below 2**53.

    Raises:
        InvalidInputError: For text, booleans, dates, complex numbers, objects that are not
            numbers, ragged sequences, numbers beyond float range, infinities, masked entries
            when ``missing`` is false, and counts from 2**53 on.
    """
    if isinstance(value, str | bytes | bytearray):
        raise InvalidInputError(field, value, _NUMBERS)
    mask = None
    data = value
    if isinstance(value, np.ma.MaskedArray):
        mask = np.ma.getmaskarray(value)
        data = np.ma.getdata(value)
    try:
        raw = np.asarray(data)
    except (TypeError, ValueError, OverflowError):
        raise InvalidInputError(
            field, value, _NUMBERS + " in a rectangular array (sequences of equal lengths)"
        ) from None
    array = _floats(raw, field, value, mask)
    if mask is not None and mask.any():
        if not missing:
            position = _position(np.argwhere(mask)[0])
            raise InvalidInputError(
                f"{field}[{position}]", np.ma.masked, f"a number ({field} cannot be missing)"
            )
        array[mask] = np.nan
    infinite = np.isinf(array)
    if infinite.any():
        refuse(field, array, infinite, "finite numbers (or NaN / None for missing)")
    if counts:
        with np.errstate(invalid="ignore"):
            too_big = array >= COUNT_LIMIT
        if too_big.any():
            refuse(
                field,
                array,
                too_big,
                f"counts below 2**53 = {COUNT_LIMIT:,} (from there on a float cannot hold every "
                "whole number)",
                shown=raw,
            )
    return array


def _floats(
    raw: npt.NDArray[Any], field: str, value: object, mask: npt.NDArray[np.bool_] | None
) -> FloatArray:
    """``raw`` as a new float64 array, refusing dtypes that are not numbers."""
    kind = raw.dtype.kind
    if kind in "iuf":
        with np.errstate(over="ignore"):  # a long double beyond float range: infinite, refused
            # Masked entries are set to NaN in the result: then it must be a copy, never the
            # caller's own array. Otherwise a float64 array is used as it is (nothing writes to
            # it), which keeps a million rows fast.
            return raw.astype(np.float64, copy=mask is not None)
    if kind == "O":
        if _plain_numbers(raw):
            try:
                return raw.astype(np.float64)  # None reads as NaN
            except (TypeError, ValueError, OverflowError):
                pass  # read element by element below, for an error that names the element
        return _from_objects(raw, field, mask)
    words = _DTYPE_WORDS.get(kind, "values that are not numbers")
    raise InvalidInputError(field, value, f"{_NUMBERS}, not dtype {raw.dtype} ({words})")


_PLAIN_TYPES: Final = frozenset({int, float, Decimal, type(None)})


def _plain_numbers(raw: npt.NDArray[Any]) -> bool:
    """Whether an object array holds only ``int``, ``float``, ``Decimal``, numpy numbers or ``None``."""
    for kind in set(map(type, raw.reshape(-1))):
        if kind in _PLAIN_TYPES:
            continue
        if kind.__module__ != "numpy" or kind.__name__ not in _NUMPY_NUMBERS:
            return False
    return True


_NUMPY_NUMBERS: Final = frozenset(
    f"{kind}{bits}" for kind in ("int", "uint", "float") for bits in (8, 16, 32, 64)
) | {"longdouble", "float128", "longlong", "ulonglong", "intc", "uintc"}


def _from_objects(
    raw: npt.NDArray[Any], field: str, mask: npt.NDArray[np.bool_] | None
) -> FloatArray:
    """An object array read element by element (masked entries are not read)."""
    result = np.empty(raw.shape, dtype=np.float64)
    flat = result.reshape(-1)
    skipped = None if mask is None else np.broadcast_to(mask, raw.shape).reshape(-1)
    for index, item in enumerate(raw.reshape(-1)):
        if skipped is not None and skipped[index]:
            flat[index] = math.nan
            continue
        flat[index] = _object_float(item, field, raw.shape, index)
    return result


def _object_float(item: object, field: str, shape: tuple[int, ...], index: int) -> float:
    """One element of an object array as a float."""
    if item is None or type(item).__name__ == "NAType":  # None, or pandas' NA
        return math.nan
    kind = numpy_kind(item)
    where = field if not shape else f"{field}[{_position(np.unravel_index(index, shape))}]"
    if isinstance(item, bool) or kind == "bool":
        raise InvalidInputError(where, item, "a number, not a bool (or None for missing)")
    number_like = (
        kind is not None
        if type(item).__module__ == "numpy"
        else isinstance(item, numbers.Real | Decimal)
    )
    if not number_like:
        raise InvalidInputError(where, item, "a number (or None for missing)")
    try:
        number = float(item)  # type: ignore[arg-type]
    except OverflowError:
        number = math.inf
    except (ValueError, ArithmeticError):  # a signalling NaN, or a number that has no float
        raise InvalidInputError(where, item, "a number (or NaN / None for missing)") from None
    if math.isinf(number) and not isinstance(item, float | np.floating):
        raise InvalidInputError(where, item, "a number within float range (below about 1.8e308)")
    return number


def _position(indices: object) -> str:
    position = tuple(int(i) for i in indices)  # type: ignore[attr-defined]
    return str(position[0]) if len(position) == 1 else str(position)


def refuse(
    field: str,
    array: FloatArray,
    bad: npt.NDArray[np.bool_],
    expected: str,
    *,
    shown: npt.NDArray[Any] | None = None,
) -> None:
    """Raise for the first ``True`` of ``bad`` in ``array``, naming its position in an array.

    ``shown``, an array of ``array``'s shape, gives the value to show (the caller's own number,
    before it became a float).
    """
    source = array if shown is None or shown.shape != array.shape else shown
    if array.ndim == 0:
        raise InvalidInputError(field, _item(source[()]), expected)
    position = tuple(int(i) for i in np.argwhere(bad)[0])
    where = position[0] if len(position) == 1 else position
    count = int(np.count_nonzero(bad))
    suffix = f" ({count} values refused)" if count > 1 else ""
    raise InvalidInputError(f"{field}[{where}]", _item(source[position]), expected + suffix)


def _item(value: object) -> object:
    """A numpy element as the Python number it holds."""
    if isinstance(value, np.floating):
        return float(value)
    if isinstance(value, np.integer):
        return int(value)
    return value


def broadcast(*named: tuple[str, FloatArray]) -> list[FloatArray]:
    """The arrays broadcast together, as ``numpy.broadcast_arrays`` does.

    Raises:
        InvalidInputError: When the shapes do not broadcast together, naming every argument.
    """
    try:
        return list(np.broadcast_arrays(*(array for _, array in named)))
    except ValueError:
        fields = " and ".join(name for name, _ in named)
        shapes = ", ".join(f"{name} of shape {array.shape}" for name, array in named)
        raise InvalidInputError(
            fields,
            shapes,
            "shapes that broadcast together (equal lengths, or a single value for all)",
        ) from None


def check_axis(axis: object, ndim: int) -> int:
    """``axis`` as a whole number naming one of ``ndim`` axes (negative counts from the end).

    Raises:
        InvalidInputError: For an axis that is not a whole number or is out of range.
    """
    expected = f"an axis of the {ndim}-D values: a whole number from {-ndim} to {ndim - 1}"
    if not is_whole(axis):
        raise InvalidInputError("axis", axis, expected)
    number = whole(axis)
    if not -ndim <= number < ndim:
        raise InvalidInputError("axis", axis, expected)
    return number


def check_confidence(confidence: object) -> float:
    """``confidence`` as a float strictly between 0 and 1.

    Raises:
        InvalidInputError: For 0, 1, 95 (a percentage), NaN or a non-number.
    """
    expected = "a number strictly between 0 and 1, such as 0.95"
    level = real_float(confidence, "confidence", expected)
    if not 0 < level < 1:
        raise InvalidInputError("confidence", confidence, expected)
    return level


def check_multiplier(multiplier: object) -> float:
    """A proportion's ``multiplier``: 1 (a proportion) or 100 (a percentage), as a float.

    Rates take ``per`` instead (read by ``RateBase.parse``); ``multiplier`` scales a proportion
    or a ratio only, as the public-health methods name it.

    Raises:
        InvalidInputError: For anything but 1 or 100 (an int, a whole float or a numpy number).
    """
    expected = "1 (a proportion or ratio) or 100 (a percentage); a rate takes per= instead"
    scale = real_float(multiplier, "multiplier", expected)
    if scale not in (1.0, 100.0):
        raise InvalidInputError("multiplier", multiplier, expected)
    return scale


def same(first: object, second: object) -> bool:
    """Whether two result fields are equal: numbers and arrays by value, NaN equal to NaN.

    ``numpy.array_equal(first, second, equal_nan=True)`` for numbers (the same shape and the
    same values, a missing value where the other has one); plain ``numpy.array_equal`` for text
    (arrays of significance or direction codes). A float is never equal to a one-element array.
    """
    left, right = np.asarray(first), np.asarray(second)
    if left.shape != right.shape:
        return False
    try:
        return bool(np.array_equal(left, right, equal_nan=True))
    except TypeError:  # text: no NaN to look for
        return bool(np.array_equal(left, right))


BY_VALUE: Final = attrs.cmp_using(eq=same, class_name="ByValue")
"""The ``eq`` of result fields that may hold arrays: see ``same``."""


@overload
def shape_like(result: FloatArray, scalar: bool) -> FloatOrArray: ...  # noqa: FBT001
@overload
def shape_like(result: float, scalar: bool) -> FloatOrArray: ...  # noqa: FBT001
def shape_like(result: FloatArray | float, scalar: bool) -> FloatOrArray:  # noqa: FBT001 - internal helper
    """A float when the inputs were scalars (from a 0-d or one-element array), else the array."""
    if scalar:
        return float(np.asarray(result).reshape(-1)[0])
    return np.asarray(result, dtype=np.float64)
