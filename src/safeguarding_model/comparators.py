"""Comparator groups: statistical neighbours, core cities, a region, as named sets of areas.

A report compares its area with England, its region and groups of similar areas. A
[`ComparatorGroup`][safeguarding_model.comparators.ComparatorGroup] names such a group and lists
its members, so that "below our statistical neighbours" refers to a defined set of areas rather
than to a bare name. An observation whose ``area`` is a group's ``name`` or ``id`` is the group's
figure as the report prints it (usually the members' average); the library never computes it.

Examples:
    >>> from safeguarding_model import ComparatorGroup, comparator_areas
    >>> neighbours = ComparatorGroup(
    ...     id="lancashire-sn", name="Statistical neighbours", kind="statistical_neighbours",
    ...     members=("Cumbria", "Derbyshire", "Staffordshire"), source="DfE LAIT 2016",
    ... )
    >>> neighbours.kind.description
    'the local authorities most like the area, as the DfE lists them'
    >>> sorted(comparator_areas((neighbours,), "lancashire-sn"))
    ['Statistical neighbours', 'lancashire-sn']
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

from pydantic import AfterValidator, Field, field_validator

from safeguarding_model._records import Record, SlugOf, Text, check_text, check_unique
from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.provenance import Provenance

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ComparatorGroup", "ComparatorGroups", "ComparatorKind", "comparator_areas"]


@described(
    statistical_neighbours="the local authorities most like the area, as the DfE lists them",
    core_cities="the Core Cities group of large English cities outside London",
    region="a region of England, such as the North West",
    other="any other named set of areas",
)
class ComparatorKind(Described, SchemaDescribed, StrEnum):
    """What kind of set of areas a comparator group is.

    Examples:
        >>> from safeguarding_model import ComparatorKind
        >>> ComparatorKind("region").description
        'a region of England, such as the North West'
    """

    STATISTICAL_NEIGHBOURS = "statistical_neighbours"
    CORE_CITIES = "core_cities"
    REGION = "region"
    OTHER = "other"


class ComparatorGroup(Record):
    """A named set of areas a report compares its own with, such as its statistical neighbours.

    ``members`` are area names as observations spell them; there is at least one, and none is
    listed twice. An observation of the group itself carries the group's ``name`` or ``id`` as
    its ``area``.

    Examples:
        >>> from safeguarding_model import ComparatorGroup
        >>> ComparatorGroup(id="north-west", name="North West", kind="region", members=("Lancashire", "Cumbria")).members
        ('Lancashire', 'Cumbria')
        >>> from pydantic import ValidationError
        >>> try:
        ...     ComparatorGroup(id="nw", name="North West", kind="region", members=("Cumbria", "Cumbria"))
        ... except ValidationError as error:
        ...     print(error.errors()[0]["msg"])
        Value error, members[1]: expected an area not listed before, got 'Cumbria'
    """

    id: Annotated[str, SlugOf("lancashire-statistical-neighbours")] = Field(
        description="A stable id, e.g. 'lancashire-statistical-neighbours'."
    )
    name: Text = Field(description="The group's name as the report prints it.")
    kind: ComparatorKind = Field(description="What kind of set of areas it is.")
    members: tuple[str, ...] = Field(
        min_length=1, description="The member areas' names, as observations spell them."
    )
    source: str | None = Field(
        default=None, description="Where the list of members comes from, e.g. 'DfE LAIT 2016'."
    )
    provenance: Provenance | None = Field(
        default=None, description="Where the report prints or names the group."
    )

    @field_validator("members")
    @classmethod
    def _members_are_named_once(cls, members: tuple[str, ...]) -> tuple[str, ...]:
        for position, member in enumerate(members):
            check_text(member, f"members[{position}]")
        return check_unique(members, "members", "an area")

    def names(self) -> frozenset[str]:
        """The ``area`` an observation of the group may carry: its id and its name.

        Examples:
            >>> from safeguarding_model import ComparatorGroup
            >>> sorted(ComparatorGroup(id="core-cities", name="Core Cities", kind="core_cities", members=("Leeds",)).names())
            ['Core Cities', 'core-cities']
        """
        return frozenset((self.id, self.name))


def _distinct(groups: tuple[ComparatorGroup, ...]) -> tuple[ComparatorGroup, ...]:
    """The groups, if no id or name is used by two of them (a name may equal its own id)."""
    seen: dict[str, int] = {}
    for position, group in enumerate(groups):
        for attribute, word in (("id", group.id), ("name", group.name)):
            earlier = seen.get(word)
            if earlier is not None and earlier != position:
                raise InvalidInputError(
                    f"comparator_groups[{position}].{attribute}",
                    word,
                    f"an id or name no other group has (comparator_groups[{earlier}] has it)",
                )
            seen[word] = position
    return groups


ComparatorGroups = Annotated[tuple[ComparatorGroup, ...], AfterValidator(_distinct)]
"""A report's comparator groups: no two share an id or a name.

Examples:
    >>> from pydantic import TypeAdapter
    >>> from safeguarding_model.comparators import ComparatorGroups
    >>> group = {"id": "nw", "name": "North West", "kind": "region", "members": ["Cumbria"]}
    >>> try:
    ...     TypeAdapter(ComparatorGroups).validate_python([group, {**group, "name": "NW"}])
    ... except ValueError as error:
    ...     print(error.errors()[0]["msg"])
    Value error, comparator_groups[1].id: expected an id or name no other group has (comparator_groups[0] has it), got 'nw'
"""


def comparator_areas(groups: Iterable[ComparatorGroup], comparator: str) -> frozenset[str]:
    """The ``area`` values an observation of ``comparator`` may carry.

    For the id or name of one of ``groups``: the group's id and name. For anything else (an
    area such as England or the North West): ``comparator`` itself.

    Args:
        groups: The report's comparator groups.
        comparator: An area's name, or a group's id or name.

    Returns:
        The names an observation of the comparator is filed under.

    Examples:
        >>> from safeguarding_model import ComparatorGroup, comparator_areas
        >>> cities = ComparatorGroup(id="core-cities", name="Core Cities", kind="core_cities", members=("Leeds", "Bristol"))
        >>> sorted(comparator_areas([cities], "Core Cities")), sorted(comparator_areas([cities], "England"))
        (['Core Cities', 'core-cities'], ['England'])
    """
    for group in groups:
        if comparator in (group.id, group.name):
            return group.names()
    return frozenset((comparator,))
