"""Input handling shared by the statistics: numbers or arrays in, checked float arrays out.

Every statistic accepts Python numbers, numpy arrays or anything numpy can turn into an array of
floats (lists, pandas columns). Missing values (``None`` or NaN) are allowed and give NaN results;
anything else that is not a finite number is refused with an error naming the field, the value
and, for arrays, its position.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import numpy as np

from safeguarding_model.errors import InvalidInputError

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = [
    "FloatArray",
    "FloatOrArray",
    "Scalar",
    "as_floats",
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


def is_scalar(*values: object) -> bool:
    """Whether every one of ``values`` is a single number (so results should be floats)."""
    return all(np.ndim(value) == 0 for value in values)  # type: ignore[arg-type]


def as_floats(value: object, field: str) -> FloatArray:
    """``value`` as an array of floats, with ``None`` read as NaN (missing).

    Raises:
        InvalidInputError: For text, infinities or anything that is not a number.
    """
    if isinstance(value, str | bytes):
        raise InvalidInputError(field, value, "numbers (or NaN / None for missing)")
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise InvalidInputError(field, value, "numbers (or NaN / None for missing)") from None
    infinite = np.isinf(array)
    if infinite.any():
        refuse(field, array, infinite, "finite numbers (or NaN / None for missing)")
    return array


def refuse(field: str, array: FloatArray, bad: npt.NDArray[np.bool_], expected: str) -> None:
    """Raise for the first ``True`` of ``bad`` in ``array``, naming its position in an array."""
    if array.ndim == 0:
        raise InvalidInputError(field, float(array), expected)
    position = tuple(int(i) for i in np.argwhere(bad)[0])
    where = position[0] if len(position) == 1 else position
    count = int(np.count_nonzero(bad))
    suffix = f" ({count} values refused)" if count > 1 else ""
    raise InvalidInputError(f"{field}[{where}]", float(array[position]), expected + suffix)


def check_confidence(confidence: float) -> float:
    """``confidence`` as a float strictly between 0 and 1.

    Raises:
        InvalidInputError: For 0, 1, 95 (a percentage), NaN or a non-number.
    """
    if isinstance(confidence, bool) or not isinstance(confidence, int | float | np.floating):
        raise InvalidInputError(
            "confidence", confidence, "a number strictly between 0 and 1, such as 0.95"
        )
    level = float(confidence)
    if not 0 < level < 1:
        raise InvalidInputError(
            "confidence", confidence, "a number strictly between 0 and 1, such as 0.95"
        )
    return level


@overload
def shape_like(result: FloatArray, scalar: bool) -> FloatOrArray: ...  # noqa: FBT001
@overload
def shape_like(result: float, scalar: bool) -> FloatOrArray: ...  # noqa: FBT001
def shape_like(result: FloatArray | float, scalar: bool) -> FloatOrArray:  # noqa: FBT001 - internal helper
    """A float when the inputs were scalars (from a 0-d or one-element array), else the array."""
    if scalar:
        return float(np.asarray(result).reshape(-1)[0])
    return np.asarray(result, dtype=np.float64)
