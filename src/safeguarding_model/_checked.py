"""Records built from parts a file reader has already checked, without validating them again.

The official-data readers make a [`Value`][safeguarding_model.Value], a
[`Provenance`][safeguarding_model.Provenance] and an
[`Observation`][safeguarding_model.Observation] for every row of files of half a million rows.
pydantic's validation of the three costs about 40 µs a row, most of the reading time, and checks
again what the reader has just checked cell by cell. The functions here build the same records
from the same fields as ``Model.model_validate(fields)`` would — equal to it, with the same
``model_fields_set`` — without running pydantic's validators, on the conditions each docstring
states. The conditions that are cheap to test (a value's number against its status, an
observation's limits and confidence) are tested here: when one fails, the function validates the
fields with pydantic instead, so the caller gets pydantic's own error, as before.

The callers guarantee the rest, and ``tests/test_checked.py`` holds them to it: for every row
of the fixture files, what the fast path builds equals what ``model_validate`` builds.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from typing import TYPE_CHECKING, Any, Final, TypeVar

from safeguarding_model.indicators import Observation
from safeguarding_model.periods import Period
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import Value, ValueStatus

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from decimal import Decimal

    from pydantic import BaseModel

__all__ = [
    "checked_number",
    "checked_observation",
    "checked_provenance",
    "checked_provenance_at",
    "checked_value",
    "collection_paused",
]

_Model = TypeVar("_Model", bound="BaseModel")
_set = object.__setattr__

_OBSERVATION_FIELDS: Final = frozenset(
    {
        "indicator",
        "area",
        "period",
        "value",
        "count",
        "denominator",
        "lower",
        "upper",
        "confidence",
        "stated_significance",
        "note",
        "provenance",
    }
)
"""The fields a reader may give ``checked_observation``: no id, links, population or target."""


@functools.cache
def _defaults(model: type[BaseModel]) -> dict[str, Any]:
    """Each field's default, in the model's order (a required field's is pydantic's marker)."""
    return {name: field.default for name, field in model.model_fields.items()}


@functools.lru_cache(maxsize=256)
def _fields_set(names: tuple[str, ...]) -> set[str]:
    """One set of field names for every record given the same fields.

    A set of twelve names takes 728 bytes: one a record would be a third of a read table's
    memory. Sharing it is safe for these records only because they are frozen: pydantic adds
    to a record's set only when a field is assigned, which a frozen record refuses, and
    ``model_copy`` copies the set before it adds to it.
    """
    return set(names)


def _assembled(model: type[_Model], fields: Mapping[str, Any]) -> _Model:
    """``model`` holding ``fields`` and the defaults of the others, as ``model_construct`` does.

    Quicker than ``model_construct``, which makes each field's default anew: these records have
    no default factories, so the defaults are shared, as validation shares them.
    """
    values = _defaults(model).copy()
    values.update(fields)
    return _record(model, values, _fields_set(tuple(fields)))


def _record(model: type[_Model], values: dict[str, Any], given: set[str]) -> _Model:
    """``model`` holding ``values`` (every field, in the model's order), ``given`` its set fields."""
    record = model.__new__(model)
    _set(record, "__dict__", values)
    _set(record, "__pydantic_fields_set__", given)
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


def checked_value(fields: Mapping[str, Any]) -> Value:
    """A ``Value`` of ``fields`` (``number``, and any of ``status``, ``unit``, ``note``, ``printed``).

    The caller guarantees: ``number`` is ``None`` or a ``Decimal`` that
    [`check_figure`][safeguarding_model.values.check_figure] accepts; ``status`` is a
    ``ValueStatus``, ``unit`` ``None`` or ``'percent'``/``'pounds'``, ``note`` and ``printed``
    ``None`` or text; ``printed``, when given, reads with
    [`parse_value`][safeguarding_model.parse_value] as this very number, to the digit, and
    status (or not at all); no ``flags``. Checked here: the number agrees with the status (a
    final figure has one, a suppressed one none ...); if not, pydantic validates the fields.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Value
        >>> from safeguarding_model._checked import checked_value
        >>> checked_value({"number": Decimal("4.8"), "note": None}) == Value(number=Decimal("4.8"), note=None)
        True
    """
    status = fields.get("status", ValueStatus.FINAL)
    if status is ValueStatus.FINAL:  # the common case, tested first
        agrees = fields["number"] is not None
    else:
        has_number = status.has_number
        agrees = has_number is None or has_number is (fields["number"] is not None)
    return _assembled(Value, fields) if agrees else Value.model_validate(fields)


def checked_number(number: Decimal, note: str | None) -> Value:
    """``checked_value({"number": number, "note": note})``, for a ``number`` that is not ``None``.

    What a reader makes of a plain number cell, a few times quicker: a final figure with a
    number needs no check. The caller guarantees what ``checked_value`` asks of the two.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model._checked import checked_number, checked_value
        >>> checked_number(Decimal("4.8"), None) == checked_value({"number": Decimal("4.8"), "note": None})
        True
    """
    values = _defaults(Value).copy()
    values["number"] = number
    values["note"] = note
    return _record(Value, values, _fields_set(("number", "note")))


def checked_provenance_at(source: str, line: int, column: str) -> Provenance:
    """``checked_provenance({"source": source, "line": line, "column": column})``, quicker.

    The caller guarantees what ``checked_provenance`` asks of the three.

    Examples:
        >>> from safeguarding_model._checked import checked_provenance, checked_provenance_at
        >>> checked_provenance_at("cin.csv", 7, "Value") == checked_provenance(
        ...     {"source": "cin.csv", "line": 7, "column": "Value"}
        ... )
        True
    """
    values = _defaults(Provenance).copy()
    values["source"] = source
    values["line"] = line
    values["column"] = column
    return _record(Provenance, values, _fields_set(("source", "line", "column")))


def checked_provenance(fields: Mapping[str, Any]) -> Provenance:
    """A ``Provenance`` of ``fields``.

    The caller guarantees: every field is ``Provenance``'s, ``line`` is ``None`` or an ``int``
    (not a ``bool``) of at least 1, the others ``None`` or text.

    Examples:
        >>> from safeguarding_model import Provenance
        >>> from safeguarding_model._checked import checked_provenance
        >>> fields = {"source": "cin.csv", "line": 7, "column": "Value"}
        >>> checked_provenance(fields) == Provenance(**fields)
        True
    """
    return _assembled(Provenance, fields)


def checked_observation(fields: Mapping[str, Any]) -> Observation:
    """An ``Observation`` of ``fields``, which a file reader has read and checked cell by cell.

    ``fields`` are some of ``indicator``, ``area``, ``period``, ``value``, ``count``,
    ``denominator``, ``lower``, ``upper``, ``confidence``, ``stated_significance``, ``note``
    and ``provenance`` (the first four always): never ``count_ref`` or ``denominator_ref``, so
    a count is never both printed and linked. The caller guarantees: ``indicator`` and ``area``
    are text; ``period`` a [`Period`][safeguarding_model.Period]; ``value`` a ``Value``,
    ``count`` and ``denominator`` a ``Value`` or ``None``; ``lower`` and ``upper`` ``None`` or
    ``Decimal`` figures that ``check_figure`` accepts; ``confidence`` ``None`` or a ``float``;
    ``stated_significance`` a ``Significance`` or ``None``; ``note`` text or ``None``;
    ``provenance`` a ``Provenance`` or ``None``.

    Checked here, as ``Observation``'s validators check them: both limits or neither, the lower
    at most the upper, the confidence strictly between 0 and 1, and the keys and the classes of
    the period and the values; if any fails, pydantic validates the fields and raises its error.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Observation, parse_value
        >>> from safeguarding_model._checked import checked_observation
        >>> fields = {"indicator": "r", "area": "A", "period": "2016", "value": parse_value("4.8")}
        >>> checked_observation(fields) == Observation.model_validate(fields)  # a text period: validated
        True
        >>> fields["period"] = Observation.model_validate(fields).period
        >>> fields.update(lower=Decimal("4.2"), upper=Decimal("5.5"), confidence=0.95)
        >>> checked_observation(fields) == Observation.model_validate(fields)
        True
    """
    lower = fields.get("lower")
    upper = fields.get("upper")
    confidence = fields.get("confidence")
    count = fields.get("count")
    denominator = fields.get("denominator")
    if (
        not fields.keys() <= _OBSERVATION_FIELDS
        or not isinstance(fields.get("period"), Period)
        or not isinstance(fields.get("value"), Value)
        or not (count is None or isinstance(count, Value))
        or not (denominator is None or isinstance(denominator, Value))
        or (lower is None) != (upper is None)
        or (lower is not None and not lower <= upper)
        or (confidence is not None and not 0 < confidence < 1)
    ):
        return Observation.model_validate(fields)
    return _assembled(Observation, fields)


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a reader builds its rows; then restore it.

    A file of half a million rows makes millions of objects and keeps them all: none is garbage,
    none is in a cycle, yet the collector walks the growing heap again and again as they are
    made (a third of the reading time). Objects are still freed as their last reference goes;
    a collector that was off stays off.

    Examples:
        >>> import gc
        >>> from safeguarding_model._checked import collection_paused
        >>> with collection_paused():
        ...     gc.isenabled()
        False
        >>> gc.isenabled()
        True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
