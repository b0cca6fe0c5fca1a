"""Claims: what a report's words say of its figures, as printed.

A [`Claim`][safeguarding_model.claims.Claim] is one sentence of the commentary that says
something checkable: a change ("an increase of 12% on last year"), a level ("almost a quarter of
a million"), a direction ("slightly down"), a comparison ("below our statistical neighbours"), a
forecast or a target. The claim rules (C101–C107) check each against the figures it names.

Examples:
    >>> from safeguarding_model import Claim
    >>> claim = Claim(id="cpp-up", text="a slight rise in plans", kind="direction", direction="increase",
    ...               degree="slightly", before_ref="cpp-2015", after_ref="cpp-2016")
    >>> claim.kind, claim.direction, claim.degree
    (<ClaimKind.DIRECTION: 'direction'>, <ClaimDirection.INCREASE: 'increase'>, <ClaimDegree.SLIGHTLY: 'slightly'>)
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Self

from pydantic import Field, model_validator

from safeguarding_model._records import Record
from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.periods import Period
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import Figure, Value

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "Claim",
    "ClaimBound",
    "ClaimDegree",
    "ClaimDirection",
    "ClaimKind",
    "ClaimRelation",
]


class ClaimKind(SchemaDescribed, StrEnum):
    """What a statement in a report's narrative asserts.

    | kind | example | the claim holds |
    | --- | --- | --- |
    | percent_change | "a 46.1% increase", "a 12.2% reduction" | ``stated``, ``before``, ``after`` |
    | absolute_change | "the rate has increased by 42.5" | idem |
    | ratio | "approximately double" (stated 2) | idem |
    | level | "rising to 2,226", "at 72%" | ``stated``, ``after`` |
    | direction | "an increase", "slightly down", "remained stable" | ``direction``, ``before``, ``after`` |
    | comparison | "below our statistical neighbours", "in line with England" | ``relation``, ``ref``, ``comparator`` |
    | forecast | "will remain below 60 per 10,000 by 2025" | ``stated``, ``indicator``, ``period`` |
    | target | "our target is 85%" | idem |

    The first four state a number; a direction or a comparison states none; a forecast or a
    target states a number for a period whose figure the report may not have yet.

    Examples:
        >>> from safeguarding_model import ClaimKind, load_example
        >>> claims = load_example().claims
        >>> sorted({claim.kind.value for claim in claims if claim.kind is not ClaimKind.LEVEL})
        ['absolute_change', 'percent_change', 'ratio']
    """

    PERCENT_CHANGE = "percent_change"
    ABSOLUTE_CHANGE = "absolute_change"
    RATIO = "ratio"
    LEVEL = "level"
    DIRECTION = "direction"
    COMPARISON = "comparison"
    FORECAST = "forecast"
    TARGET = "target"


class ClaimBound(SchemaDescribed, StrEnum):
    """A word that makes a claim's number a bound: "more than a thousand", "almost a quarter of a million".

    | bound | printed as | the figure must be |
    | --- | --- | --- |
    | more_than | "more than", "over" | above the stated number |
    | at_least | "at least" | the stated number or above |
    | fewer_than | "fewer than", "less than", "under", "below" | below the stated number |
    | at_most | "at most", "no more than", "not above" | the stated number or below |
    | almost | "almost", "nearly", "just under" | below the stated number, and near it |

    Examples:
        >>> from safeguarding_model import ClaimBound, load_example
        >>> bounded = [c for c in load_example().claims if c.bound is ClaimBound.ALMOST]
        >>> len(bounded) >= 1
        True
    """

    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    FEWER_THAN = "fewer_than"
    AT_MOST = "at_most"
    ALMOST = "almost"


@described(
    increase="the later figure is above the earlier one",
    decrease="the later figure is below the earlier one",
    stable="the later figure is within 5% of the earlier one",
)
class ClaimDirection(Described, SchemaDescribed, StrEnum):
    """Which way a direction claim says a figure moved: "an increase", "down", "remained stable".

    Examples:
        >>> from safeguarding_model import ClaimDirection
        >>> ClaimDirection("stable").description
        'the later figure is within 5% of the earlier one'
    """

    INCREASE = "increase"
    DECREASE = "decrease"
    STABLE = "stable"


@described(
    slightly="a small difference but not none: more than 0% and at most 10% of the other figure",
    significantly="a difference the printed confidence limits show, when the figures have them",
)
class ClaimDegree(Described, SchemaDescribed, StrEnum):
    """A word that qualifies a direction or a comparison: "slightly up", "significantly higher".

    Examples:
        >>> from safeguarding_model import ClaimDegree
        >>> print(ClaimDegree.SLIGHTLY.description)
        a small difference but not none: more than 0% and at most 10% of the other figure
    """

    SLIGHTLY = "slightly"
    SIGNIFICANTLY = "significantly"


@described(
    higher='the figure is above the comparator\'s: "higher than", "above"',
    lower='the figure is below the comparator\'s: "lower than", "below"',
    similar='the figure is near the comparator\'s: "similar to", "in line with"',
)
class ClaimRelation(Described, SchemaDescribed, StrEnum):
    """How a comparison claim places a figure against a comparator's.

    "Similar" holds when the comparator's figure is within the figure's printed confidence
    limits, or, without limits, within 5% of the comparator's figure.

    Examples:
        >>> from safeguarding_model import ClaimRelation
        >>> print(ClaimRelation.SIMILAR.description)
        the figure is near the comparator's: "similar to", "in line with"
    """

    HIGHER = "higher"
    LOWER = "lower"
    SIMILAR = "similar"


class Claim(Record):
    """A statement of the narrative, structured so that it can be checked.

    What a claim holds depends on its ``kind`` (see
    [`ClaimKind`][safeguarding_model.claims.ClaimKind]); a field another kind uses is refused.

    - A stated number (``percent_change``, ``absolute_change``, ``ratio``, ``level``): ``before``
      and ``after`` are the figures compared, either printed in the sentence itself or referred
      to by observation id (``before_ref``, ``after_ref``); ``stated`` is what the sentence says
      of them: a change in per cent (signed: a reduction is negative), an absolute change, a
      ratio, or a level.
    - A ``direction`` ("an increase", "slightly down", "remained stable"): ``direction`` and an
      optional ``degree``, with the two figures as above.
    - A ``comparison`` ("below our statistical neighbours", "in line with England"): the figure
      (``ref``), the ``relation`` and the ``comparator``: an area's name, or a
      [comparator group][safeguarding_model.comparators.ComparatorGroup]'s id or name. It is
      checked against the comparator's observation of the same indicator and period.
    - A ``forecast`` or a ``target`` ("will remain below 60 per 10,000 by 2025", "our target
      is 85%"): ``stated`` with an optional ``bound``, for an ``indicator``, a future ``period``
      and an ``area`` (the report's own when not given). It is checked once the report has the
      figure.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Claim, parse_value
        >>> claim = Claim(id="lado-contacts", text="a 7% increase in initial contacts rising to 2,226 from 2,107", kind="percent_change", stated=Decimal(7), before=parse_value("2,107"), after=parse_value("2,226"))
        >>> claim.stated
        Decimal('7')
        >>> Claim(id="cpp-up", text="the rate went up slightly", kind="direction", direction="increase", degree="slightly", before_ref="cpp-2015", after_ref="cpp-2016").degree
        <ClaimDegree.SLIGHTLY: 'slightly'>
        >>> Claim(id="cpp-vs-sn", text="below our statistical neighbours", kind="comparison", relation="lower", ref="cpp-2016", comparator="lancashire-sn").comparator
        'lancashire-sn'
        >>> Claim(id="cpp-2025", text="will remain below 60 per 10,000 by 2025", kind="forecast", stated=60, bound="fewer_than", indicator="cpp-rate", period="2025").period
        CalendarYear(year=2025)
        >>> from pydantic import ValidationError
        >>> try:
        ...     Claim(id="up", text="an increase", kind="direction", direction="increase", stated=5, before_ref="a", after_ref="b")
        ... except ValidationError as error:
        ...     print(error.errors()[0]["msg"])
        Value error, stated: expected nothing for a direction claim (it holds direction, degree, before, after, before_ref, after_ref), got Decimal('5')
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", description="A stable id.")
    text: str = Field(description="The statement, as printed.")
    kind: ClaimKind = Field(description="What it asserts.")
    stated: Figure | None = Field(
        default=None,
        description="What it states: per cent (signed), an absolute change, a ratio or a level; "
        "for a forecast or target, the number forecast or aimed at. None for a direction or a comparison.",
    )
    approximate: bool = Field(
        default=False, description="Whether the statement says 'approximately', 'around' ..."
    )
    bound: ClaimBound | None = Field(
        default=None,
        description="A word making the stated number a bound: 'more than', 'almost' ...",
    )
    before: Value | None = Field(
        default=None, description="The earlier figure, when printed in the statement."
    )
    after: Value | None = Field(
        default=None, description="The later figure, when printed in the statement."
    )
    before_ref: str | None = Field(
        default=None, description="The id of the observation holding the earlier figure."
    )
    after_ref: str | None = Field(
        default=None, description="The id of the observation holding the later figure."
    )
    direction: ClaimDirection | None = Field(
        default=None, description="For a direction: increase, decrease or stable."
    )
    degree: ClaimDegree | None = Field(
        default=None,
        description="For a direction or comparison: 'slightly' or 'significantly', as printed.",
    )
    relation: ClaimRelation | None = Field(
        default=None, description="For a comparison: higher, lower or similar ('in line with')."
    )
    ref: str | None = Field(
        default=None,
        description="For a comparison: the id of the observation holding the figure compared.",
    )
    comparator: str | None = Field(
        default=None,
        description="For a comparison: an area's name (England, North West) or a comparator group's id or name.",
    )
    indicator: str | None = Field(
        default=None, description="For a forecast or target: the indicator's id."
    )
    area: str | None = Field(
        default=None,
        description="For a forecast or target: the area, when not the report's own.",
    )
    period: Period | None = Field(
        default=None, description="For a forecast or target: the period it is for, e.g. '2025'."
    )
    provenance: Provenance | None = Field(
        default=None, description="Where the statement is printed."
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The claim's schema, with what each kind holds and needs (as ``_fields_fit_the_kind``)."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            schema["allOf"] = [
                *(_kind_schema(kind) for kind in ClaimKind),
                {
                    "if": {
                        "anyOf": [
                            {
                                "properties": {"direction": {"const": "stable"}},
                                "required": ["direction"],
                            },
                            {
                                "properties": {"relation": {"const": "similar"}},
                                "required": ["relation"],
                            },
                        ]
                    },
                    "then": {"properties": {"degree": {"type": "null"}}},
                },
            ]
        return schema

    @model_validator(mode="after")
    def _fields_fit_the_kind(self) -> Self:
        holds = _CLAIM_FIELDS[self.kind]
        for name in _KIND_FIELDS:
            value = getattr(self, name)
            if value is not None and name not in holds:
                expected = f"nothing for a {self.kind.value} claim (it holds {', '.join(holds)})"
                raise InvalidInputError(name, value, expected)
        for needed in _CLAIM_NEEDS[self.kind]:
            if all(getattr(self, name) is None for name in needed):
                expected = f"{' or '.join(needed)} for a {self.kind.value} claim"
                raise InvalidInputError(needed[0], None, expected)
        if self.degree is not None and (
            self.direction is ClaimDirection.STABLE or self.relation is ClaimRelation.SIMILAR
        ):
            said = self.direction or self.relation
            raise InvalidInputError(
                "degree", self.degree.value, f"no degree with {said} (only with a difference)"
            )
        return self


_KIND_FIELDS: Final = (
    "stated",
    "bound",
    "before",
    "after",
    "before_ref",
    "after_ref",
    "direction",
    "degree",
    "relation",
    "ref",
    "comparator",
    "indicator",
    "area",
    "period",
)
"""A claim's fields that only some kinds hold."""

_NUMBER_FIELDS: Final = ("stated", "bound", "before", "after", "before_ref", "after_ref")
_FUTURE_FIELDS: Final = ("stated", "bound", "indicator", "area", "period")
_CLAIM_FIELDS: Final = {
    ClaimKind.PERCENT_CHANGE: _NUMBER_FIELDS,
    ClaimKind.ABSOLUTE_CHANGE: _NUMBER_FIELDS,
    ClaimKind.RATIO: _NUMBER_FIELDS,
    ClaimKind.LEVEL: _NUMBER_FIELDS,
    ClaimKind.DIRECTION: ("direction", "degree", "before", "after", "before_ref", "after_ref"),
    ClaimKind.COMPARISON: ("relation", "degree", "ref", "comparator"),
    ClaimKind.FORECAST: _FUTURE_FIELDS,
    ClaimKind.TARGET: _FUTURE_FIELDS,
}
"""The fields each kind of claim may hold."""

_FUTURE_NEEDS: Final = (("stated",), ("indicator",), ("period",))
_CLAIM_NEEDS: Final[dict[ClaimKind, tuple[tuple[str, ...], ...]]] = {
    ClaimKind.PERCENT_CHANGE: (("stated",),),
    ClaimKind.ABSOLUTE_CHANGE: (("stated",),),
    ClaimKind.RATIO: (("stated",),),
    ClaimKind.LEVEL: (("stated",),),
    ClaimKind.DIRECTION: (("direction",), ("before", "before_ref"), ("after", "after_ref")),
    ClaimKind.COMPARISON: (("relation",), ("ref",), ("comparator",)),
    ClaimKind.FORECAST: _FUTURE_NEEDS,
    ClaimKind.TARGET: _FUTURE_NEEDS,
}
"""What each kind of claim needs: one field of each group."""


def _kind_schema(kind: ClaimKind) -> dict[str, Any]:
    """For a claim of ``kind``: the fields it does not hold are null, one of each group it needs is not."""
    given = {"not": {"type": "null"}}
    needs = [
        {"anyOf": [{"properties": {name: given}, "required": [name]} for name in group]}
        for group in _CLAIM_NEEDS[kind]
    ]
    absent = {name: {"type": "null"} for name in _KIND_FIELDS if name not in _CLAIM_FIELDS[kind]}
    return {
        "if": {"properties": {"kind": {"const": kind.value}}, "required": ["kind"]},
        "then": {"properties": absent, "allOf": needs},
    }
