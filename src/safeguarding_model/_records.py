"""The base of every record users build, load, save and validate, and its JSON Schema text."""

from __future__ import annotations

import inspect
import re
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "SLUG_PATTERN",
    "Record",
    "SchemaDescribed",
    "check_slug",
    "check_text",
    "schema_description",
]


SLUG_PATTERN = "^[a-z0-9][a-z0-9-]*$"
"""Stable ids: lower-case letters, digits and hyphens, starting with a letter or digit."""
_SLUG = re.compile(SLUG_PATTERN[1:-1], re.ASCII)


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


def schema_description(doc: str | None) -> str | None:
    """A docstring without its sections (``Examples:``, ``Attributes:`` ...), for JSON Schema.

    Examples:
        >>> schema_description('''A rate.
        ...
        ... Examples:
        ...     >>> 1 + 1
        ...     2
        ... ''')
        'A rate.'
    """
    if not doc:
        return None
    kept: list[str] = []
    for line in inspect.cleandoc(doc).splitlines():
        if line.rstrip().endswith(":") and line[:1].isupper() and " " not in line.strip()[:-1]:
            break
        kept.append(line)
    return "\n".join(kept).strip() or None


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


class SchemaDescribed:
    """Mixin for enums in records: their JSON Schema description omits the docstring's examples."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """Describe the type with its docstring's text alone."""
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        description = schema_description(cls.__doc__)
        if description is not None:
            target["description"] = description
        return schema
