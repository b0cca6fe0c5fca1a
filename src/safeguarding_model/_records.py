"""The base of every record users build, load, save and validate, and its JSON Schema text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo
from pydantic_core import core_schema

from safeguarding_model._vocabulary import schema_description

if TYPE_CHECKING:
    from collections.abc import Iterable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "FROM_FILE",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "AgencyId",
    "Record",
    "ScaleId",
    "SlugOf",
    "Text",
    "WholeNumber",
    "check_slug",
    "check_text",
    "check_unique",
    "from_file",
    "positions_by",
]


SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
"""Stable ids: lower-case letters, digits and hyphens, starting with a letter or digit."""
_SLUG = re.compile(SLUG_PATTERN[1:-1], re.ASCII)


TEXT_PATTERN = r"\S"
"""Text with something in it: a character that is not white space (a search, not anchored)."""

FROM_FILE = "safeguarding_model.from_file"
"""Validation context key: the data was read from a JSON or YAML file.

The file readers validate with ``context={FROM_FILE: True}``. Fields that hold exact numbers
(pounds, quantities, percentages of a split) then take a JSON number only when it is whole:
a number with a fraction is a float to every other reader of the file, so pence are written
as a string (``"25000.50"``).
"""


def from_file(info: ValidationInfo | None) -> bool:
    """Whether the data being validated was read from a file (or is JSON text).

    Examples:
        >>> from_file(None)
        False
    """
    if info is None:
        return False
    return info.mode == "json" or bool((info.context or {}).get(FROM_FILE))


def check_slug(value: str, field: str, *, example: str) -> str:
    """``value`` if it is a stable id (see ``SLUG_PATTERN``), else an error naming ``field``.

    Examples:
        >>> check_slug("cqc-2014", "id", example="cqc-2014")
        'cqc-2014'
    """
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415 - errors stay import-light

    if not _SLUG.fullmatch(value):
        expected = f"a slug of lower-case letters, digits and hyphens, starting with a letter or digit, like {example!r}"
        raise InvalidInputError(field, value, expected)
    return value


def check_text(value: str, field: str) -> str:
    """``value`` if it has some text, else an error naming ``field``.

    Examples:
        >>> check_text("Child G", "name")
        'Child G'
    """
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415 - errors stay import-light

    if not value.strip():
        raise InvalidInputError(field, value, "some text")
    return value


def check_unique(values: tuple[str, ...], field: str, noun: str) -> tuple[str, ...]:
    """``values`` if none is listed twice, else an error naming the position of the second.

    Examples:
        >>> check_unique(("safe", "caring", "safe"), "aspects", "an aspect")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: aspects[2]: expected an aspect not listed before, got 'safe'
    """
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415 - errors stay import-light

    seen: set[str] = set()
    for position, value in enumerate(values):
        if value in seen:
            raise InvalidInputError(f"{field}[{position}]", value, f"{noun} not listed before")
        seen.add(value)
    return values


def positions_by(items: Iterable[object], field: str, attribute: str, noun: str) -> dict[Any, int]:
    """Each item's ``attribute`` with its position, refusing an ``attribute`` used twice.

    Examples:
        >>> from types import SimpleNamespace as Item
        >>> positions_by([Item(id="a"), Item(id="b")], "agencies", "id", "an id")
        {'a': 0, 'b': 1}
        >>> positions_by([Item(id="a"), Item(id="a")], "agencies", "id", "an id")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: agencies[1].id: expected an id not used before (agencies[0] has it), got 'a'
    """
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415 - errors stay import-light

    positions: dict[Any, int] = {}
    for position, item in enumerate(items):
        key = getattr(item, attribute)
        if key in positions:
            earlier = f"{field}[{positions[key]}] has it"
            expected = f"{noun} not used before ({earlier})"
            raise InvalidInputError(f"{field}[{position}].{attribute}", key, expected)
        positions[key] = position
    return positions


def _text(value: str, info: ValidationInfo) -> str:
    return check_text(value, info.field_name or "text")


class _Patterned:
    """Field metadata whose JSON Schema holds the field to ``pattern``, as its validator does."""

    __slots__ = ()
    pattern: ClassVar[str]

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The string's JSON Schema with the pattern."""
        result = handler(schema)
        result["pattern"] = self.pattern
        return result


class _SomeText(_Patterned):
    """Field metadata: the JSON Schema of a text field says it must have some text."""

    __slots__ = ()
    pattern = TEXT_PATTERN


Text = Annotated[str, AfterValidator(_text), _SomeText()]
"""A record's text field: any string with some text in it (not empty, not only spaces).

Examples:
    >>> from safeguarding_model._records import Record, Text
    >>> class Note(Record):
    ...     text: Text
    >>> Note(text=" ")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Note
    text
      Value error, text: expected some text, got ' ' [type=value_error]
"""


def _whole(value: object, info: ValidationInfo) -> object:
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415 - errors stay import-light

    if isinstance(value, bool | str):
        raise InvalidInputError(info.field_name or "number", value, "a whole number")
    return value


class WholeNumber:
    """Field metadata for a whole number: ``Annotated[int, WholeNumber(minimum=1)]``.

    pydantic alone reads ``true`` as 1 and the text ``"3"`` as 3; the published schema says
    ``"integer"``, so the field refuses both, and holds ``minimum`` and ``maximum`` in its
    JSON Schema as the validator does.

    Examples:
        >>> from typing import Annotated
        >>> from safeguarding_model._records import Record, WholeNumber
        >>> class Row(Record):
        ...     number: Annotated[int, WholeNumber(minimum=1)]
        >>> Row(number=3).number
        3
        >>> Row(number=True)
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Row
        number
          Value error, number: expected a whole number, got True [type=value_error]
        ...
        >>> Row.model_json_schema()["properties"]["number"]
        {'minimum': 1, 'title': 'Number', 'type': 'integer'}
    """

    __slots__ = ("maximum", "minimum")

    def __init__(self, *, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """An integer from ``minimum`` to ``maximum``, refusing booleans and text first."""
        whole = core_schema.int_schema(ge=self.minimum, le=self.maximum)
        return core_schema.with_info_before_validator_function(_whole, whole)


class SlugOf(_Patterned):
    """Field metadata for a stable id: ``Annotated[str, SlugOf("cqc-2014")]``.

    The value must match ``SLUG_PATTERN`` (the error names the field and shows ``example``), and
    the field's JSON Schema carries the pattern, so a file validated by the published schema is
    held to the same rule.

    Examples:
        >>> from typing import Annotated
        >>> from safeguarding_model._records import Record, SlugOf
        >>> class Agency(Record):
        ...     id: Annotated[str, SlugOf("lancashire-constabulary")]
        >>> Agency(id="lancashire-constabulary").id
        'lancashire-constabulary'
        >>> Agency.model_json_schema()["properties"]["id"]["pattern"] == SLUG_PATTERN
        True
    """

    __slots__ = ("example",)
    pattern = SLUG_PATTERN

    def __init__(self, example: str) -> None:
        self.example = example

    def _validate(self, value: str, info: ValidationInfo) -> str:
        return check_slug(value, info.field_name or "id", example=self.example)

    def __get_pydantic_core_schema__(
        self, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """The string schema of ``source``, then the slug check."""
        return core_schema.with_info_after_validator_function(self._validate, handler(source))


AgencyId = Annotated[str, SlugOf("lancashire-constabulary")]
"""The id of an agency, as records that refer to one hold it."""

ScaleId = Annotated[str, SlugOf("cqc-2014")]
"""The id of a judgement scale, as scales and the judgements on them hold it."""


def _trim_description(schema: dict[str, Any], model: type[BaseModel]) -> None:
    description = schema_description(model.__doc__)
    if description is None:
        schema.pop("description", None)
    else:
        schema["description"] = description


class Record(BaseModel):
    """A frozen pydantic model that refuses unknown fields.

    Validation is built on first use (``defer_build``) so that defining a record costs nothing
    at import. Its JSON Schema describes it with its docstring's text, without the examples.
    A validation error's message never repeats the input (``hide_input_in_errors``): the input
    may be a whole file, or text that should not be echoed; ``errors()`` still holds it.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,
        hide_input_in_errors=True,
        use_attribute_docstrings=True,
        json_schema_extra=_trim_description,
    )
