"""A read-only, hashable mapping for records and results: validated from a dict, saved as one.

Records are frozen, so their containers must be too: a ``dict`` field could be changed in place
(``report.section11.stated_shares[Rag.GREEN] = ...``), and a cached record handed out twice
would then change for every holder; it would also make the record unhashable.
[`FrozenDict`][safeguarding_model._frozen.FrozenDict] has no way to change it, hashes by its
items, compares equal to a ``dict`` with the same items, and in a pydantic model validates from
a dict, serialises to a dict and has the JSON Schema the dict had.

Annotate record fields ``FrozenMapping[K, V]``: type checkers then take a ``dict`` (or any
mapping) when a record is made and refuse item assignment on the field, and at run time the
field holds a ``FrozenDict``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeAlias, TypeVar, get_args

from pydantic import GetPydanticSchema
from pydantic_core import core_schema

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler

__all__ = ["FrozenDict", "FrozenMapping"]

K = TypeVar("K")
V = TypeVar("V")


class FrozenDict(Mapping[K, V]):
    """A mapping that cannot change after it is made, hashable when its values are.

    Examples:
        >>> from safeguarding_model._frozen import FrozenDict
        >>> shares = FrozenDict({"green": 89.7, "amber": 10.3})
        >>> shares["green"], shares == {"green": 89.7, "amber": 10.3}
        (89.7, True)
        >>> shares["red"] = 0.0
        Traceback (most recent call last):
        ...
        TypeError: 'FrozenDict' object does not support item assignment
        >>> hash(shares) == hash(FrozenDict({"amber": 10.3, "green": 89.7}))
        True
    """

    __slots__ = ("_hash", "_items")

    _items: dict[K, V]
    _hash: int | None

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        """Copy ``items`` (a mapping or pairs): later changes to them do not show here."""
        object.__setattr__(self, "_items", dict(items))
        object.__setattr__(self, "_hash", None)

    def __getitem__(self, key: K) -> V:
        """The value of ``key``."""
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        """The keys, in the order given."""
        return iter(self._items)

    def __len__(self) -> int:
        """How many items there are."""
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        """Whether ``key`` is a key."""
        return key in self._items

    def __eq__(self, other: object) -> bool:
        """Equal to any mapping with the same items (a ``dict`` too)."""
        if isinstance(other, FrozenDict):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        """A hash of the items, in any order; ``TypeError`` if a value is unhashable."""
        cached = self._hash
        if cached is None:
            cached = hash(frozenset(self._items.items()))
            object.__setattr__(self, "_hash", cached)
        return cached

    def __repr__(self) -> str:
        """``FrozenDict({...})``."""
        return f"{type(self).__name__}({self._items!r})"

    def _refuse(self, error: type[Exception], what: str) -> NoReturn:
        msg = f"{type(self).__name__!r} object {what}"
        raise error(msg)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        """Refuse: a frozen mapping does not change."""
        self._refuse(AttributeError, "is read-only")

    def __delattr__(self, name: str) -> NoReturn:
        """Refuse: a frozen mapping does not change."""
        self._refuse(AttributeError, "is read-only")

    def __setitem__(self, key: K, value: V) -> NoReturn:
        """Refuse, as a tuple does."""
        self._refuse(TypeError, "does not support item assignment")

    def __delitem__(self, key: K) -> NoReturn:
        """Refuse, as a tuple does."""
        self._refuse(TypeError, "does not support item deletion")

    def __reduce__(self) -> tuple[type[FrozenDict[K, V]], tuple[dict[K, V]]]:
        """Pickle and copy as the class called with a dict of the items."""
        return (type(self), (dict(self._items),))

    def __copy__(self) -> FrozenDict[K, V]:
        """Itself: it cannot change."""
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> FrozenDict[K, V]:
        """A copy whose keys and values are deep copies."""
        from copy import deepcopy  # noqa: PLC0415 - rarely needed

        return type(self)(deepcopy(self._items, memo))

    @classmethod
    def __get_pydantic_core_schema__(
        cls,
        source: Any,  # noqa: ANN401 - FrozenDict[K, V], any K and V
        handler: GetCoreSchemaHandler,
    ) -> core_schema.CoreSchema:
        """Validate as ``dict[K, V]`` (so with the dict's JSON Schema), then freeze; save as a dict."""
        args = get_args(source)
        key, value = args if len(args) == 2 else (Any, Any)
        return _freeze(dict[key, value], handler)  # type: ignore[valid-type]  # runtime types


def _freeze(source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:  # noqa: ANN401 - Mapping[K, V], any K and V
    """Validate a mapping as pydantic would, then freeze it; save it as a dict."""
    as_dict = handler(source)
    return core_schema.no_info_after_validator_function(
        FrozenDict,
        as_dict,
        serialization=core_schema.wrap_serializer_function_ser_schema(_as_dict, schema=as_dict),
    )


FrozenMapping: TypeAlias = Annotated[Mapping[K, V], GetPydanticSchema(_freeze)]
"""A record field holding a [`FrozenDict`][safeguarding_model._frozen.FrozenDict]: a mapping in, a dict out."""


def _as_dict(value: Mapping[Any, Any], serialize: core_schema.SerializerFunctionWrapHandler) -> Any:  # noqa: ANN401 - what the dict schema makes of it
    return serialize(dict(value))
