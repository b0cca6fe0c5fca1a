"""The annual report of a safeguarding board or partnership: everything it prints, as printed.

An [`AnnualReport`][safeguarding_model.AnnualReport] gathers a report's indicators and
observations, agencies, attendance, Section 11 audit, budget, inspections, serious case reviews,
context figures, priorities and the **claims** of its narrative ("a 7% increase in initial
contacts rising to 2,226 from 2,107"), each with where it was printed.

Examples:
    >>> from safeguarding_model import AnnualReport, Area
    >>> report = AnnualReport(id="example", title="Example LSCB annual report", arrangement="board", area=Area(name="Example"), period="2015/16")
    >>> report.period, report.observations
    (FinancialYear(start_year=2015), ())
"""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, Self, TypeAlias

from pydantic import Field, model_validator

from safeguarding_model._frozen import FrozenDict
from safeguarding_model._records import Record
from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.agencies import Agency
from safeguarding_model.attendance import Attendance
from safeguarding_model.budgets import Budget, Side
from safeguarding_model.comparators import ComparatorGroups
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.indicators import (
    IndicatorDefinition,
    IndicatorSeries,
    MeasureKind,
    Observation,
    Provenance,
    series,
)
from safeguarding_model.inspections import Inspection
from safeguarding_model.periods import FinancialYear, Period
from safeguarding_model.scales import JudgementScale, builtin_scales
from safeguarding_model.section11 import Section11Audit
from safeguarding_model.values import Figure, Value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "AnnualReport",
    "Area",
    "CaseReview",
    "Claim",
    "ClaimBound",
    "ClaimDegree",
    "ClaimDirection",
    "ClaimKind",
    "ClaimRelation",
    "ContextFigure",
    "ReportArrangement",
]


class Area(Record):
    """The area a report covers, with its official codes; or several areas under one name.

    A combined authority, a police and crime commissioner or a pan-area panel covers several
    council areas: ``name`` is what the report calls the whole ("Greater Manchester") and
    ``parts`` lists the areas, each with its own codes.

    Examples:
        >>> from safeguarding_model import Area
        >>> Area(name="Lancashire", ons_code="E10000017", dfe_number=888).dfe_number
        888
        >>> pan = Area(name="Pan-Lancashire", parts=({"name": "Lancashire"}, {"name": "Blackpool"}))
        >>> pan.name, [part.name for part in pan.parts]
        ('Pan-Lancashire', ['Lancashire', 'Blackpool'])
    """

    name: str = Field(description="The area's name, or the name of the areas together.")
    ons_code: str | None = Field(
        default=None, pattern=r"^[EWSN][0-9]{8}$", description="The ONS area code, e.g. E10000017."
    )
    dfe_number: int | None = Field(
        default=None, ge=100, le=999, description="The DfE local-authority number, e.g. 888."
    )
    parts: tuple[Area, ...] = Field(
        default=(),
        description="The areas it is made of, when it covers several (a combined authority's boroughs).",
    )


class ContextFigure(Record):
    """A context figure such as a population estimate, with its source and year.

    Rates depend on which estimate was divided by: keep the one the report used.

    Examples:
        >>> from safeguarding_model import ContextFigure, parse_value
        >>> ContextFigure(label="Child population", value=parse_value("274,733"), source="ONS mid-year estimate", period="2014").value.number
        Decimal('274733')
    """

    label: str = Field(description="What the figure is, as printed.")
    value: Value = Field(description="The figure as printed.")
    population: str | None = Field(
        default=None, description="For a population estimate: which population ('child' ...)."
    )
    source: str | None = Field(
        default=None, description="Where the figure comes from, e.g. 'ONS mid-year estimate'."
    )
    period: Period | None = Field(
        default=None, description="When it refers to, e.g. '2014' for a 2014 mid-year estimate."
    )
    provenance: Provenance | None = Field(default=None, description="Where it is printed.")


class CaseReview(Record):
    """A serious case review (now a child safeguarding practice review) and its learning points.

    Examples:
        >>> from safeguarding_model import CaseReview
        >>> CaseReview(name="Child G", learning_points=("Beware of the rule of optimism",)).name
        'Child G'
    """

    name: str = Field(description="The review's name, e.g. 'Child G'.")
    published: Period | None = Field(default=None, description="When it was published.")
    commissioned_by: str | None = Field(
        default=None, description="The board that commissioned it, when another."
    )
    learning_points: tuple[str, ...] = Field(
        default=(), description="Its learning points, as printed."
    )
    provenance: Provenance | None = Field(default=None, description="Where it is printed.")


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
    [`ClaimKind`][safeguarding_model.report.ClaimKind]); a field another kind uses is refused.

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


ReportArrangement: TypeAlias = Literal[
    "board",
    "partnership",
    "local_authority",
    "combined_authority",
    "police_and_crime_commissioner",
    "other",
]
"""Whose report or papers a report holds.

``"board"``: a Local Safeguarding Children Board (to 2019). ``"partnership"``: the safeguarding
partnership that replaced it. ``"local_authority"``: a council's own papers (a cabinet decision
funding its boroughs' or its boards' work). ``"combined_authority"``: a combined authority's
papers, usually for several council areas. ``"police_and_crime_commissioner"``: a police and
crime commissioner's papers (grants to community safety partnerships and boards). ``"other"``:
any other body. Only ``"board"`` and ``"partnership"`` are statutory safeguarding arrangements
([`Arrangement`][safeguarding_model.agencies.Arrangement]), which ``AgencyKind``'s defaults
take.
"""


class AnnualReport(Record):
    """A board's or partnership's annual report, or another body's papers, as printed.

    ``arrangement`` is ``"board"`` for a Local Safeguarding Children Board (to 2019) or
    ``"partnership"`` for the safeguarding partnerships that replaced them, whose statutory
    partners are the council, the police and the NHS integrated care board. A funding decision
    in a council's, a combined authority's or a police and crime commissioner's papers is held
    as a report of that arrangement (see
    [`ReportArrangement`][safeguarding_model.report.ReportArrangement]), with its budget and an
    area that may have ``parts``.

    Examples:
        >>> from safeguarding_model import AnnualReport, Area
        >>> report = AnnualReport(id="x", title="X", arrangement="partnership", area=Area(name="X"), period="2023/24")
        >>> report.arrangement
        'partnership'
    """

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$", description="A stable id, e.g. 'lancashire-2015-16'."
    )
    title: str = Field(description="The report's title.")
    arrangement: ReportArrangement = Field(
        description=(
            "Whose report it is: a safeguarding children board, a safeguarding partnership, "
            "a local authority, a combined authority, a police and crime commissioner, or other."
        )
    )
    area: Area = Field(description="The area covered: one area, or several as its parts.")
    period: FinancialYear = Field(description="The year reported on.")
    source: str | None = Field(
        default=None, description="Where the report was published, or the file it was read from."
    )
    context: tuple[ContextFigure, ...] = Field(
        default=(), description="Context figures such as population estimates."
    )
    indicators: tuple[IndicatorDefinition, ...] = Field(
        default=(), description="The indicators the report prints."
    )
    observations: tuple[Observation, ...] = Field(
        default=(), description="Every printed figure of the indicators."
    )
    agencies: tuple[Agency, ...] = Field(default=(), description="The partner agencies.")
    attendance: Attendance | None = Field(default=None, description="Board attendance by agency.")
    section11: Section11Audit | None = Field(default=None, description="The Section 11 audit.")
    budget: Budget | None = Field(default=None, description="The budget.")
    scales: tuple[JudgementScale, ...] = Field(
        default=(), description="Judgement scales beyond the built-in ones."
    )
    inspections: tuple[Inspection, ...] = Field(
        default=(), description="Inspections of the board and its partners."
    )
    case_reviews: tuple[CaseReview, ...] = Field(
        default=(), description="Serious case reviews and their learning points."
    )
    priorities: tuple[str, ...] = Field(
        default=(), description="The strategic priorities, as printed."
    )
    claims: tuple[Claim, ...] = Field(
        default=(), description="The narrative's quantitative statements."
    )
    comparator_groups: ComparatorGroups = Field(
        default=(),
        description="Named sets of areas the report compares with (statistical neighbours ...).",
    )

    @model_validator(mode="after")
    def _references_resolve(self) -> Self:
        problems = _reference_problems(self)
        if problems:
            from pydantic import ValidationError  # noqa: PLC0415 - only when a report is refused
            from pydantic_core import InitErrorDetails  # noqa: PLC0415 - idem

            raise ValidationError.from_exception_data(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type="value_error", loc=(), input=problem.value, ctx={"error": problem}
                    )
                    for problem in problems
                ],
            )
        return self

    @functools.cached_property
    def _index(self) -> _Index:
        """Observations by indicator and by id, built on first use (see ``_indexed``)."""
        by_indicator: dict[str, list[Observation]] = {}
        by_id: dict[str, Observation] = {}
        for observation in self.observations:
            by_indicator.setdefault(observation.indicator, []).append(observation)
            if observation.id is not None:
                by_id.setdefault(observation.id, observation)
        grouped = FrozenDict((key, tuple(found)) for key, found in by_indicator.items())
        return _Index(self.observations, grouped, FrozenDict(by_id))

    def _indexed(self) -> _Index:
        index = self._index
        if index.observations is not self.observations:  # a copy made with model_copy(update=...)
            del self.__dict__["_index"]
            index = self._index
        return index

    def indicator(self, indicator_id: str) -> IndicatorDefinition:
        """The indicator with this id.

        Raises:
            UnknownIdError: For an id the report does not define (a ``KeyError``).

        Examples:
            >>> from safeguarding_model import load_example
            >>> load_example().indicator("infant-mortality").per
            <RateBase.PER_THOUSAND: 1000>
        """
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise UnknownIdError(
            "indicator", indicator_id, _one_of("indicators", [i.id for i in self.indicators])
        )

    def series(self, indicator_id: str, *, area: str | None = None) -> IndicatorSeries:
        """The indicator's observations over periods for the report's area (or ``area``), with comparators."""
        observations = self._indexed().by_indicator.get(indicator_id, ())
        return series(self.indicator(indicator_id), observations, area=area or self.area.name)

    def indicators_frame(self) -> Any:  # noqa: ANN401 - a pandas DataFrame; pandas is an optional extra
        """Every observation as one row of a tidy pandas DataFrame (needs the ``pandas`` extra).

        Columns: indicator, name, kind, per, population, polarity, area, period, period_start,
        period_end, value (float), status, printed, count, denominator, stated_direction,
        stated_significance, line.

        Raises:
            ImportError: When pandas is not installed: ``pip install 'safeguarding-model[pandas]'``.

        Examples:
            >>> from safeguarding_model import load_example
            >>> frame = load_example().indicators_frame()
            >>> infant = frame[frame.indicator == "infant-mortality"]
            >>> infant[["area", "period", "printed"]].values.tolist()[:2]
            [['England', '2016', '4.0'], ['Lancashire', '2016', '4.8']]
        """
        try:
            import pandas as pd  # noqa: PLC0415 - an optional extra, imported on use
        except ImportError as error:
            msg = "indicators_frame needs pandas: pip install 'safeguarding-model[pandas]'"
            raise ImportError(msg) from error
        definitions = {indicator.id: indicator for indicator in self.indicators}

        def number(value: Value | None) -> float | None:
            return None if value is None or value.number is None else float(value.number)

        rows = []
        for o in self.observations:
            indicator = definitions[o.indicator]
            rows.append(
                {
                    "indicator": o.indicator,
                    "name": indicator.name,
                    "kind": indicator.kind.value,
                    "per": None if indicator.per is None else indicator.per.value,
                    "population": indicator.population,
                    "polarity": indicator.polarity.value,
                    "area": o.area,
                    "period": str(o.period),
                    "period_start": o.period.start,
                    "period_end": o.period.end,
                    "value": number(o.value),
                    "status": o.value.status.value,
                    "printed": o.value.printed,
                    "count": number(o.count),
                    "denominator": number(o.denominator),
                    "stated_direction": None
                    if o.stated_direction is None
                    else o.stated_direction.value,
                    "stated_significance": None
                    if o.stated_significance is None
                    else o.stated_significance.value,
                    "line": None if o.provenance is None else o.provenance.line,
                }
            )
        return pd.DataFrame(rows)

    def observation(self, observation_id: str) -> Observation:
        """The observation with this id.

        Raises:
            UnknownIdError: For an id no observation has (a ``KeyError``).
        """
        found = self._indexed().by_id.get(observation_id)
        if found is None:
            raise UnknownIdError("observation", observation_id, "the id of one of the observations")
        return found

    def scale(self, scale_id: str) -> JudgementScale:
        """The judgement scale with this id: one of the report's ``scales``, or a built-in one.

        Pass it as ``scale=`` to compare or rank judgements on a scale of the report's own.

        Raises:
            UnknownIdError: For an id neither the report nor the library defines (a ``KeyError``).

        Examples:
            >>> from safeguarding_model import AnnualReport, JudgementScale
            >>> maspi = JudgementScale(
            ...     id="maspi-2015", inspectorate="board", framework="MASPI", grades=("good", "adequate", "poor")
            ... )
            >>> report = AnnualReport(
            ...     id="x", title="X", arrangement="board", area={"name": "X"}, period="2015/16", scales=(maspi,)
            ... )
            >>> report.scale("maspi-2015").rank("poor"), report.scale("cqc-2014").rank("good")
            (2, 1)
        """
        for scale in self.scales:
            if scale.id == scale_id:
                return scale
        known = builtin_scales()
        if scale_id in known:
            return known[scale_id]
        ids = [s.id for s in self.scales] + list(known)
        raise UnknownIdError("scale", scale_id, _one_of("scales", ids))


class _Index(NamedTuple):
    observations: tuple[Observation, ...]
    """The observations indexed: the index is stale when the report holds others."""
    by_indicator: FrozenDict[str, tuple[Observation, ...]]
    by_id: FrozenDict[str, Observation]


# --- references within a report -------------------------------------------------------------

_SHOWN: Final = 60
"""How many characters of an id a message shows."""


_LISTED: Final = 10
"""How many ids a failed lookup's message lists."""


def _short(value: str) -> str:
    return value if len(value) <= _SHOWN else value[:_SHOWN] + "…"


def _one_of(what: str, ids: list[str]) -> str:
    """What a lookup expected: the ids when there are a few, their number otherwise."""
    if len(ids) <= _LISTED:
        return f"one of the {what}' ids ({', '.join(_short(i) for i in ids)})"
    return f"the id of one of the {len(ids)} {what}"


def _problem(path: str, value: str | None, expected: str) -> InvalidInputError:
    return InvalidInputError(path, value, expected)  # which shows a long value shortened


def _first_positions(
    ids: Iterable[str | None], where: str, problems: list[InvalidInputError]
) -> dict[str, int]:
    """Each id's first position; every later use of an id is a problem (ids absent are skipped)."""
    first: dict[str, int] = {}
    for position, item in enumerate(ids):
        if item is None:
            continue
        if item in first:
            problems.append(
                _problem(
                    f"{where}.{position}.id",
                    item,
                    f"an id not used before ({where}.{first[item]}.id has it)",
                )
            )
        else:
            first[item] = position
    return first


def _reference_problems(report: AnnualReport) -> list[InvalidInputError]:
    """Every id used twice and every reference by id that names nothing, in one linear pass each."""
    problems: list[InvalidInputError] = []
    indicators = _first_positions((i.id for i in report.indicators), "indicators", problems)
    for position, observation in enumerate(report.observations):
        if observation.indicator not in indicators:
            problems.append(
                _problem(
                    f"observations.{position}.indicator",
                    observation.indicator,
                    "one of the report's indicators",
                )
            )
    observations = _first_positions((o.id for o in report.observations), "observations", problems)
    problems += _link_problems(report, indicators, observations)
    _first_positions((c.id for c in report.claims), "claims", problems)
    for position, claim in enumerate(report.claims):
        for name in ("before_ref", "after_ref", "ref"):
            ref = getattr(claim, name)
            if ref is not None and ref not in observations:
                problems.append(
                    _problem(
                        f"claims.{position}.{name}",
                        ref,
                        "the id of one of the report's observations",
                    )
                )
        if claim.indicator is not None and claim.indicator not in indicators:
            problems.append(
                _problem(
                    f"claims.{position}.indicator",
                    claim.indicator,
                    "one of the report's indicators",
                )
            )
    agencies = _first_positions((a.id for a in report.agencies), "agencies", problems)
    problems += _agency_parents(report.agencies, agencies)
    for path, ref in _agency_references(report):
        if ref not in agencies:
            problems.append(_problem(path, ref, "the id of one of the report's agencies"))
    problems += _scale_problems(report)
    _first_positions((i.id for i in report.inspections), "inspections", problems)
    return problems


def _link_problems(
    report: AnnualReport, indicators: dict[str, int], observations: dict[str, int]
) -> Iterator[InvalidInputError]:
    """Numerators that are not count indicators, and figure links to nothing or to another area or period."""
    for position, indicator in enumerate(report.indicators):
        if indicator.numerator is None:
            continue
        where = f"indicators.{position}.numerator"
        found = indicators.get(indicator.numerator)
        if found is None:
            yield _problem(where, indicator.numerator, "the id of one of the report's indicators")
        elif report.indicators[found].kind is not MeasureKind.COUNT:
            kind = report.indicators[found].kind.value
            expected = f"the id of a count indicator ({_short(indicator.numerator)!r} is a {kind})"
            yield _problem(where, indicator.numerator, expected)
    for position, observation in enumerate(report.observations):
        for name in ("count_ref", "denominator_ref"):
            ref = getattr(observation, name)
            if ref is None:
                continue
            where = f"observations.{position}.{name}"
            found = observations.get(ref)
            if found is None:
                yield _problem(where, ref, "the id of one of the report's observations")
                continue
            target = report.observations[found]
            if (target.area, target.period) != (observation.area, observation.period):
                expected = (
                    f"an observation of this one's area and period ({_short(observation.area)!r}, "
                    f"{observation.period}), but observations.{found} is of "
                    f"{_short(target.area)!r}, {target.period}"
                )
                yield _problem(where, ref, expected)


def _agency_parents(
    agencies: tuple[Agency, ...], first: dict[str, int]
) -> Iterator[InvalidInputError]:
    """Parents that are not listed, and cycles of parents (each reported once, at its first agency)."""
    for position, agency in enumerate(agencies):
        if agency.parent is not None and agency.parent not in first:
            yield _problem(
                f"agencies.{position}.parent",
                agency.parent,
                "the id of one of the report's agencies",
            )
    done: set[str] = set()
    for start in first:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current in first and current not in done:
            if current in on_path:
                cycle = path[on_path[current] :]
                at = cycle.index(min(cycle, key=first.__getitem__))
                chain = " -> ".join(_short(i) for i in (*cycle[at:], *cycle[:at], cycle[at]))
                yield _problem(
                    f"agencies.{first[cycle[at]]}.parent",
                    agencies[first[cycle[at]]].parent,
                    f"a parent that does not lead back to the agency itself ({chain})",
                )
                break
            on_path[current] = len(path)
            path.append(current)
            current = agencies[first[current]].parent
        done.update(path)


def _agency_references(report: AnnualReport) -> Iterator[tuple[str, str]]:
    """Every agency id a report's records refer to, with its path."""
    if report.attendance is not None:
        for position, record in enumerate(report.attendance.records):
            if record.agency is not None:
                yield f"attendance.records.{position}.agency", record.agency
    if report.section11 is not None:
        for position, item in enumerate(report.section11.returns):
            yield f"section11.returns.{position}.agency", item.agency
    if report.budget is not None:
        yield from _budget_agencies(report.budget)
    for position, inspection in enumerate(report.inspections):
        if inspection.subject_agency is not None:
            yield f"inspections.{position}.subject_agency", inspection.subject_agency


def _budget_agencies(budget: Budget) -> Iterator[tuple[str, str]]:
    for side in (Side.INCOME, Side.EXPENDITURE):
        for s, section in enumerate(budget.side(side).sections):
            for n, line in enumerate(section.lines):
                if line.agency is not None:
                    yield f"budget.{side.value}.sections.{s}.lines.{n}.agency", line.agency


def _scale_problems(report: AnnualReport) -> Iterator[InvalidInputError]:
    """Scales of the report's own that repeat an id, and inspections on scales nobody defines.

    An inspection on one of the report's own scales is checked as one on a built-in scale is
    when it is made: the scale belongs to the inspection's inspectorate, and every grade is on it.
    """
    builtin = builtin_scales()
    for position, scale in enumerate(report.scales):
        if scale.id in builtin:
            yield _problem(
                f"scales.{position}.id", scale.id, "an id that is not a built-in scale's"
            )
    problems: list[InvalidInputError] = []
    first = _first_positions((s.id for s in report.scales), "scales", problems)
    yield from problems
    own = {scale_id: report.scales[position] for scale_id, position in first.items()}
    for position, inspection in enumerate(report.inspections):
        if inspection.scale is None or inspection.scale in builtin:
            continue
        found = own.get(inspection.scale)
        if found is None:
            yield _problem(
                f"inspections.{position}.scale",
                inspection.scale,
                "a built-in scale id or the id of one of the report's scales",
            )
            continue
        if found.inspectorate is not inspection.inspectorate:
            yield _problem(
                f"inspections.{position}.scale",
                inspection.scale,
                f"a scale of the inspectorate {inspection.inspectorate.value!r} "
                f"({_short(found.id)!r} is {found.inspectorate.value!r}'s)",
            )
        graded = [("overall", inspection.overall)] if inspection.overall is not None else []
        graded += [(f"judgements.{n}", j) for n, j in enumerate(inspection.judgements)]
        for where, judgement in graded:
            try:
                found.parse(judgement.grade)
            except InvalidInputError:
                yield _problem(
                    f"inspections.{position}.{where}.grade",
                    judgement.grade,
                    f"a grade on scale {_short(found.id)!r} ({', '.join(found.grades)})",
                )
