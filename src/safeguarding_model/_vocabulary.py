"""The package's string enums: words for their members, and their JSON Schema descriptions.

Light on purpose (pydantic only for type hints): the statistics use these enums without records.
"""

from __future__ import annotations

import inspect
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = ["Described", "SchemaDescribed", "described", "schema_description"]


class Described:
    """Mixin for a string enum whose members each have a description, given by ``described``.

    Examples:
        >>> from safeguarding_model import DirectionMethod
        >>> print(DirectionMethod.TOLERANCE.description)
        difference of the values against a tolerance
    """

    value: str
    descriptions: ClassVar[Mapping[str, str]]
    """Every member's words, by value."""

    @property
    def description(self) -> str:
        """The member in words."""
        return type(self).descriptions[self.value]


_D = TypeVar("_D", bound=type[Described])


def described(**words: str) -> Callable[[_D], _D]:
    """A class decorator giving each member of a ``Described`` enum its words, by value.

    Every member must be described, and nothing else: a missing or extra description is a
    ``TypeError`` when the module is imported, so the words cannot fall behind the members.

    Examples:
        >>> from enum import StrEnum
        >>> from safeguarding_model._vocabulary import Described, described
        >>> @described(up="rising", down="falling")
        ... class Move(Described, StrEnum):
        ...     UP = "up"
        ...     DOWN = "down"
        >>> Move.DOWN.description
        'falling'
        >>> @described(up="rising")
        ... class Half(Described, StrEnum):
        ...     UP = "up"
        ...     DOWN = "down"
        Traceback (most recent call last):
        ...
        TypeError: Half: no description for down
    """

    def decorate(cls: _D) -> _D:
        values = {member.value for member in cls}  # type: ignore[attr-defined]  # an enum is iterable
        missing, extra = sorted(values - set(words)), sorted(set(words) - values)
        if missing or extra:
            problems = ([f"no description for {', '.join(missing)}"] if missing else []) + (
                [f"no member {', '.join(extra)}"] if extra else []
            )
            msg = f"{cls.__name__}: {'; '.join(problems)}"
            raise TypeError(msg)
        cls.descriptions = MappingProxyType(dict(words))
        return cls

    return decorate


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
