"""One helper that turns any result (attrs classes, records, enums, decimals) into plain JSON data.

Money and other exact numbers become strings of digits, so that nothing is lost; enums become
their values; periods their labels. A result class may list properties to include beside its
fields in a class attribute ``json_properties``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

import attrs
from pydantic import BaseModel

from safeguarding_model.periods import Period

__all__ = ["to_jsonable"]

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]


def to_jsonable(value: Any) -> JsonValue:  # noqa: ANN401, C901, PLR0911 - any result in, one branch per kind
    """Plain JSON data (dicts, lists, strings, numbers) for ``value``.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Location, Side
        >>> from safeguarding_model._jsonable import to_jsonable
        >>> to_jsonable({"amount": Decimal("350146"), "where": Location(Side.INCOME, "Central")})
        {'amount': '350146', 'where': {'side': 'income', 'section': 'Central', 'label': None}}
    """
    if isinstance(value, Enum):  # before str and int: StrEnum and IntEnum are both
        return to_jsonable(value.value)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, BaseModel):
        dumped: JsonValue = value.model_dump(mode="json")
        return dumped
    if attrs.has(type(value)):
        data: dict[str, JsonValue] = {
            field.name: to_jsonable(getattr(value, field.name))
            for field in attrs.fields(type(value))
        }
        for name in getattr(type(value), "json_properties", ()):
            data[name] = to_jsonable(getattr(value, name))
        return data
    if isinstance(value, Mapping):  # dicts, and the read-only mappings of results
        return {str(to_jsonable(key)): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(item) for item in value]
    msg = (
        f"value: expected a result, record, number, text or collection, got {type(value).__name__}"
    )
    raise TypeError(msg)
