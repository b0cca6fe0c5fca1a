"""Indicators and their observations, as a report prints them, with where each figure came from.

An [`IndicatorDefinition`][safeguarding_model.IndicatorDefinition] says what is measured (a count,
a rate per so many of a population, a percentage, a mean, a ratio) and whether higher is better.
An [`Observation`][safeguarding_model.Observation] is one printed figure of it: an area, a
period, a [`Value`][safeguarding_model.Value] with its status, the counts and interval when
printed, and what the source **states** about it (significance, colour, direction of travel),
kept beside what the library can compute. Every observation carries its
[`Provenance`][safeguarding_model.Provenance]: section, table, row, column and line of the source.

Examples:
    >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value
    >>> infant = IndicatorDefinition(id="infant-mortality", name="Infant mortality", kind="rate", per=1000, population="live_birth", polarity="lower_is_better")
    >>> seen = Observation(indicator="infant-mortality", area="Lancashire", period="2012 - 14", value=parse_value("4.8"))
    >>> seen.period, seen.value.number
    (PooledPeriod(first_year=2012, last_year=2014, financial=False), Decimal('4.8'))
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, Final, Self

from pydantic import Field, field_validator, model_validator

from safeguarding_model._records import Record
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.aggregation import Aggregation
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.markers import Direction, Polarity, Rag, Significance
from safeguarding_model.periods import Period
from safeguarding_model.provenance import Provenance
from safeguarding_model.rates import Per, Population
from safeguarding_model.statistics._methods import FROM_COUNTS, IntervalMethod, count_method
from safeguarding_model.values import Figure, Value

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from decimal import Decimal

    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

    from safeguarding_model.statistics.intervals import Interval

__all__ = [
    "IndicatorDefinition",
    "IndicatorSeries",
    "MeasureKind",
    "Observation",
    "Provenance",
    "computed_significance",
    "computed_significances",
    "figure_of",
    "observation_interval",
    "series",
]


class MeasureKind(SchemaDescribed, StrEnum):
    """What an indicator measures.

    Examples:
        >>> from safeguarding_model import MeasureKind, load_example
        >>> report = load_example()
        >>> [i.id for i in report.indicators if i.kind is MeasureKind.PERCENTAGE][:2]
        ['good-level-of-development', 'neet-16-18']
    """

    COUNT = "count"
    RATE = "rate"
    PROPORTION = "proportion"
    PERCENTAGE = "percentage"
    MEAN = "mean"
    RATIO = "ratio"


_PROPORTION_KINDS: Final = [MeasureKind.PERCENTAGE.value, MeasureKind.PROPORTION.value]
_OTHER_KINDS: Final = [MeasureKind.COUNT.value, MeasureKind.MEAN.value, MeasureKind.RATIO.value]

_GIVEN: Final = {"not": {"type": "null"}}
"""A JSON Schema for a field that is given: anything but null."""


def _given(*names: str) -> dict[str, Any]:
    """A JSON Schema for a record in which every one of ``names`` is given (present, not null)."""
    return {"properties": dict.fromkeys(names, _GIVEN), "required": list(names)}


class IndicatorDefinition(Record):
    """What an indicator measures, over whom, and which way is better.

    Rates name their base and population (a rate per 1,000 live births, per 100,000 children
    aged 10-17); percentages and proportions their population when known.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition
        >>> cla = IndicatorDefinition(id="children-looked-after", name="Children looked after", kind="rate", per=10_000, population="child")
        >>> cla.polarity, cla.per
        (<Polarity.NO_JUDGEMENT: 'no_judgement'>, <RateBase.PER_TEN_THOUSAND: 10000>)
    """

    id: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="A stable id: lower-case words joined by hyphens.",
    )
    name: str = Field(description="The indicator's name, as printed.")
    kind: MeasureKind = Field(
        description="What is measured: count, rate, proportion, percentage, mean or ratio."
    )
    per: Per | None = Field(
        default=None, description="For rates: the base (1000, 10000, 100000 ...)."
    )
    population: Population | None = Field(
        default=None,
        description="What the denominator counts ('child', 'live_birth', 'child_10_17' ...).",
    )
    polarity: Polarity = Field(
        default=Polarity.NO_JUDGEMENT, description="Whether higher is better, worse, or neither."
    )
    source: str | None = Field(
        default=None,
        description="Where the indicator comes from, e.g. 'Child Health Profiles 2016'.",
    )
    group: str | None = Field(
        default=None, description="The group it is printed under, e.g. 'Premature mortality'."
    )
    number: str | None = Field(
        default=None, description="Its number in the source's table, if printed."
    )
    shares_of: str | None = Field(
        default=None,
        description=(
            "For a percentage that is one category of a whole (e.g. 'child protection plans by "
            "category'): the whole. Shares of one whole, area and period should add to 100."
        ),
    )
    numerator: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description=(
            "For a rate, percentage or proportion: the id of the count indicator that counts its "
            "numerator ('contacts' for 'contacts-per-10000'). A figure without a count of its own "
            "takes the count indicator's figure of the same area and period as its count."
        ),
    )
    interval: IntervalMethod | None = Field(
        default=None,
        description=(
            "How a confidence interval is computed from a figure's count and denominator: "
            "'wilson' for children (or anything) counted at most once out of the denominator, "
            "such as children looked after per 10,000 children (Wilson score, scaled by the "
            "rate's base); 'byars_exact' for events that can recur, such as admissions or "
            "referrals (Byar's, exact Poisson below 10). None for the default of the kind: "
            "Byar's for a rate, Wilson for a percentage or proportion."
        ),
    )
    aggregation: Aggregation | None = Field(
        default=None,
        description=(
            "How a figure for a longer period derives from the figures of the shorter periods "
            "within it (a year's from its quarters or months, a quarter's from its months): "
            "total, mean, weighted_mean (by each figure's denominator), period_end, maximum or "
            "not_derivable; none when not declared. Rule R110 holds the figures to it."
        ),
    )
    provenance: Provenance | None = Field(
        default=None, description="Where the indicator's name is printed (a table's row)."
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The indicator's schema: a rate has a base (``per``), any other kind none."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            schema["if"] = {"properties": {"kind": {"const": MeasureKind.RATE.value}}}
            schema["then"] = {"properties": {"per": _GIVEN}, "required": ["per"]}
            schema["else"] = {"properties": {"per": {"type": "null"}}}
            schema["allOf"] = [
                {
                    "if": {
                        "properties": {"kind": {"enum": _PROPORTION_KINDS}},
                        "required": ["kind"],
                    },
                    "then": {"properties": {"interval": {"enum": ["wilson", None]}}},
                },
                {
                    "if": {
                        "properties": {"kind": {"enum": _OTHER_KINDS}},
                        "required": ["kind"],
                    },
                    "then": {"properties": {"interval": {"type": "null"}}},
                },
            ]
        interval = schema.get("properties", {}).get("interval")
        if interval is not None:  # only the two methods computed from counts, or null
            interval.pop("anyOf", None)
            interval.pop("$ref", None)
            interval["enum"] = [*(method.value for method in FROM_COUNTS), None]
        return schema

    @field_validator("interval", mode="before")
    @classmethod
    def _interval_from_counts(cls, interval: object) -> object:
        return None if interval is None else count_method(interval)

    @model_validator(mode="after")
    def _rates_have_a_base(self) -> Self:
        if self.kind is MeasureKind.RATE and self.per is None:
            msg = (
                f"per: expected a base (such as 10000) for the rate indicator {self.id!r}, got None"
            )
            raise ValueError(msg)
        if self.kind is not MeasureKind.RATE and self.per is not None:
            msg = f"per: expected none for a {self.kind.value} indicator {self.id!r}, got {self.per.value}"
            raise ValueError(msg)
        if self.interval is not None and self.kind.value not in (
            *_PROPORTION_KINDS,
            MeasureKind.RATE.value,
        ):
            msg = (
                f"interval: expected none for a {self.kind.value} indicator {self.id!r} (only "
                f"rates, percentages and proportions have an interval from counts), "
                f"got {self.interval.value!r}"
            )
            raise ValueError(msg)
        if self.interval is IntervalMethod.BYARS_EXACT and self.kind is not MeasureKind.RATE:
            msg = (
                f"interval: expected 'wilson' or none for the {self.kind.value} indicator "
                f"{self.id!r} (its count is part of its denominator), got 'byars_exact'"
            )
            raise ValueError(msg)
        return self

    @property
    def interval_method(self) -> IntervalMethod | None:
        """The method of a confidence interval from a figure's counts: ``interval``, else the kind's.

        Byar's (exact Poisson below 10) for a rate, Wilson for a percentage or proportion,
        ``None`` for counts, means and ratios.

        Examples:
            >>> from safeguarding_model import IndicatorDefinition
            >>> cla = IndicatorDefinition(id="cla", name="Children looked after", kind="rate", per=10_000, interval="wilson")
            >>> cla.interval_method.description, cla.model_copy(update={"interval": None}).interval_method.value
            ('Wilson score', 'byars_exact')
        """
        if self.interval is not None:
            return self.interval
        if self.kind is MeasureKind.RATE:
            return IntervalMethod.BYARS_EXACT
        if self.kind.value in _PROPORTION_KINDS:
            return IntervalMethod.WILSON
        return None


class Observation(Record):
    """One printed figure of an indicator: an area, a period, a value, and what the source says of it.

    ``area`` is the area the figure is for: the report's own area, or a comparator such as
    England or the North West (observations of comparators sit beside the area's own).

    Examples:
        >>> from safeguarding_model import Observation, parse_value
        >>> o = Observation(indicator="first-time-entrants", area="Lancashire", period="2015", value=parse_value("368.8"), stated_direction="improving")
        >>> o.stated_direction.source_word
        'Better'
    """

    id: str | None = Field(
        default=None, description="An id for claims and checks to refer to, when needed."
    )
    indicator: str = Field(description="The indicator's id.")
    area: str = Field(
        description="The area the figure is for: the report's area or a comparator (England, North West ...)."
    )
    period: Period = Field(
        description="When the figure refers to, e.g. '2015/16', 'Q4 2015/16', '2012 - 14'."
    )
    value: Value = Field(description="The figure, with its status, as printed.")
    count: Value | None = Field(default=None, description="The numerator, when printed.")
    denominator: Value | None = Field(default=None, description="The denominator, when printed.")
    count_ref: str | None = Field(
        default=None,
        description=(
            "Instead of ``count``: the id of the observation (of the same area and period) whose "
            "figure is this figure's numerator."
        ),
    )
    denominator_ref: str | None = Field(
        default=None,
        description=(
            "Instead of ``denominator``: the id of the observation (of the same area and period) "
            "whose figure is this figure's denominator."
        ),
    )
    population: Population | None = Field(
        default=None,
        description=(
            "The population this figure is over, when it differs from the indicator's (a "
            "comparator's rate over 0-18 beside the area's over 0-17); none for the indicator's."
        ),
    )
    lower: Figure | None = Field(
        default=None, description="The lower confidence limit, when printed."
    )
    upper: Figure | None = Field(
        default=None, description="The upper confidence limit, when printed."
    )
    confidence: float | None = Field(
        default=None, gt=0, lt=1, description="The level of the printed limits."
    )
    stated_significance: Significance | None = Field(
        default=None, description="The significance the source states."
    )
    stated_rag: Rag | None = Field(default=None, description="The colour the source prints.")
    stated_direction: Direction | None = Field(
        default=None, description="The direction of travel the source states."
    )
    target: Value | None = Field(default=None, description="The target, when printed.")
    note: str | None = Field(default=None, description="Words printed with the figure.")
    provenance: Provenance | None = Field(default=None, description="Where the figure is printed.")
    supplied_from: Provenance | None = Field(
        default=None,
        description=(
            "Where the count, denominator or limits were taken from when the figure was printed "
            "without them: a row of an official file (see add_official_figures)."
        ),
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The figure's schema: both confidence limits or neither; a count printed or linked, not both."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            schema["allOf"] = [
                *(
                    {"if": _given(one), "then": _given(other)}
                    for one, other in (("lower", "upper"), ("upper", "lower"))
                ),
                *(
                    {"not": _given(printed, ref)}
                    for printed, ref in (("count", "count_ref"), ("denominator", "denominator_ref"))
                ),
            ]
        return schema

    @model_validator(mode="after")
    def _links_are_single(self) -> Self:
        for printed, ref in (("count", "count_ref"), ("denominator", "denominator_ref")):
            target = getattr(self, ref)
            if target is not None and getattr(self, printed) is not None:
                raise InvalidInputError(ref, target, f"none beside a printed {printed}")
            if target is not None and target == self.id:
                raise InvalidInputError(ref, target, "the id of another observation, not its own")
        return self

    @model_validator(mode="after")
    def _limits_are_ordered(self) -> Self:
        if (self.lower is None) != (self.upper is None):
            msg = "lower, upper: expected both confidence limits or neither"
            raise ValueError(msg)
        if self.lower is not None and self.upper is not None and self.lower > self.upper:
            msg = f"lower: expected at most upper ({self.upper}), got {self.lower}"
            raise ValueError(msg)
        return self


class IndicatorSeries(Record):
    """An indicator's observations over periods, for one area and its comparators.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, IndicatorSeries, Observation, parse_value
        >>> rate = IndicatorDefinition(id="cpp-rate", name="Child protection plans", kind="rate", per=10_000, population="child")
        >>> obs = [Observation(indicator="cpp-rate", area=a, period=p, value=parse_value(v)) for a, p, v in [("Lancashire", "2014/15", "38.9"), ("England", "2014/15", "42.1"), ("Lancashire", "2015/16", "59.0")]]
        >>> s = IndicatorSeries(indicator=rate, area="Lancashire", observations=tuple(obs))
        >>> [str(o.period) for o in s.own()], s.comparators()
        (['2014/15', '2015/16'], ('England',))
    """

    indicator: IndicatorDefinition = Field(description="The indicator.")
    area: str = Field(description="The area the series is about.")
    observations: tuple[Observation, ...] = Field(
        description="Observations of the area and of comparators, in period order."
    )

    def own(self) -> tuple[Observation, ...]:
        """The area's own observations, in period order."""
        return tuple(
            sorted((o for o in self.observations if o.area == self.area), key=lambda o: o.period)
        )

    def comparators(self) -> tuple[str, ...]:
        """The other areas observed, in order of first appearance."""
        return tuple(dict.fromkeys(o.area for o in self.observations if o.area != self.area))

    def of(self, area: str) -> tuple[Observation, ...]:
        """Observations of ``area``, in period order."""
        return tuple(
            sorted((o for o in self.observations if o.area == area), key=lambda o: o.period)
        )


def series(
    indicator: IndicatorDefinition, observations: tuple[Observation, ...], *, area: str
) -> IndicatorSeries:
    """The series of ``indicator`` for ``area``, with its comparators, from a report's observations.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value, series
        >>> rate = IndicatorDefinition(id="x", name="X", kind="count")
        >>> s = series(rate, (Observation(indicator="x", area="A", period="2015/16", value=parse_value("3")),), area="A")
        >>> len(s.own())
        1
    """
    chosen = tuple(
        sorted((o for o in observations if o.indicator == indicator.id), key=lambda o: o.period)
    )
    return IndicatorSeries(indicator=indicator, area=area, observations=chosen)


# --- intervals and significance of figures --------------------------------------------------


def figure_of(area: str, observations: Iterable[Observation]) -> Observation | None:
    """``area``'s observation among ``observations``: one with a printed number first."""
    figures = [o for o in observations if o.area == area]
    return next((o for o in figures if o.value.number is not None), None) or next(
        iter(figures), None
    )


def computed_significance(
    indicator: IndicatorDefinition, latest: Observation, england: Observation | None
) -> Significance:
    """The significance of ``latest`` against England's figure, from its interval.

    The interval is [`observation_interval`][safeguarding_model.indicators.observation_interval]'s:
    as printed, else from the printed count and denominator. Not compared when there is no
    interval or England's figure is missing.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, parse_value
        >>> from safeguarding_model.indicators import computed_significance
        >>> rate = IndicatorDefinition(id="r", name="R", kind="rate", per=10_000, population="child")
        >>> mine = Observation(indicator="r", area="A", period="2015/16", value=parse_value("69.1"), count=parse_value("1691"), denominator=parse_value("244718"))
        >>> england = Observation(indicator="r", area="England", period="2015/16", value=parse_value("60"))
        >>> computed_significance(rate, mine, england)
        <Significance.HIGHER: 'higher'>
    """
    return computed_significances([(indicator, latest, england)])[0]


_Batch = tuple[list[int], list[float], list[float], list[float]]
"""Positions, counts, denominators and benchmarks of figures whose intervals are computed together."""


def computed_significances(
    items: Sequence[tuple[IndicatorDefinition, Observation, Observation | None]],
) -> list[Significance]:
    """``computed_significance`` of each item, with the intervals of like figures compared at once.

    The same intervals as ``observation_interval``'s, one numpy call per kind of interval and
    polarity (and, for printed limits, per level) instead of one per figure: a report of every
    area states hundreds of thousands.
    """
    from safeguarding_model.statistics.significance import (  # noqa: PLC0415 - numpy only when needed
        compare_with_benchmark,
    )

    result = [Significance.NOT_COMPARED] * len(items)
    batches: dict[tuple[str, int, Polarity], _Batch] = {}
    printed: dict[float, list[int]] = {}
    for position, (indicator, observation, england) in enumerate(items):
        benchmark = None if england is None else england.value.number
        if benchmark is None:
            continue
        if _printed_limits(observation):
            printed.setdefault(observation.confidence or 0.95, []).append(position)
            continue
        batched = _batched(indicator, observation)
        if batched is None:  # no interval
            continue
        key, count, over = batched
        positions, counts, denominators, benchmarks = batches.setdefault(key, ([], [], [], []))
        positions.append(position)
        counts.append(float(count))
        denominators.append(float(over))
        benchmarks.append(float(benchmark))
    for (kind, scale, polarity), (positions, counts, denominators, benchmarks) in batches.items():
        significances = compare_with_benchmark(
            _batch_interval(kind, scale, counts, denominators), benchmarks, polarity=polarity
        ).significance
        for position, label in zip(positions, significances.tolist(), strict=True):
            result[position] = Significance(label)
    for level, positions in printed.items():
        chosen = [items[position] for position in positions]
        significances = compare_with_benchmark(
            _printed_interval([observation for _, observation, _ in chosen], level),
            [float(england.value.number or 0) for _, _, england in chosen if england is not None],
            polarity=[indicator.polarity.value for indicator, _, _ in chosen],
        ).significance
        for position, label in zip(positions, significances.tolist(), strict=True):
            result[position] = Significance(label)
    return result


def _printed_limits(observation: Observation) -> bool:
    """Whether the figure prints its number and both confidence limits."""
    return (
        observation.value.number is not None
        and observation.lower is not None
        and observation.upper is not None
    )


def _printed_interval(observations: list[Observation], confidence: float) -> Interval[Any]:
    """The printed intervals of figures of one level, as one array interval."""
    import numpy as np  # noqa: PLC0415 - numpy only when needed

    from safeguarding_model.statistics.intervals import (  # noqa: PLC0415 - idem
        Interval,
    )

    return Interval(
        value=np.array([float(o.value.number or 0) for o in observations]),
        lower=np.array([float(o.lower or 0) for o in observations]),
        upper=np.array([float(o.upper or 0) for o in observations]),
        confidence=confidence,
        method=IntervalMethod.PUBLISHED,
    )


def _batched(
    indicator: IndicatorDefinition, observation: Observation
) -> tuple[tuple[str, int, Polarity], Decimal, Decimal] | None:
    """How ``observation_interval`` computes the figure's interval from its counts, if it does.

    The interval method with its scale and the polarity (figures alike in all three are computed
    in one numpy call), then the count and denominator.
    """
    if _printed_limits(observation):
        return None
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    if count is None or over is None or over <= 0:
        return None
    chosen = _from_counts(indicator, count, over)
    if chosen is None:
        return None
    method, scale = chosen
    return (method.value, scale, indicator.polarity), count, over


def _from_counts(
    indicator: IndicatorDefinition, count: Decimal, over: Decimal
) -> tuple[IntervalMethod, int] | None:
    """The method and scale of the figure's interval from its counts; ``None`` when it has none.

    Wilson's needs the count within its denominator: a count above it (events, or a mistake)
    is not compared rather than refused.
    """
    method = indicator.interval_method
    if indicator.kind is MeasureKind.RATE and indicator.per is not None:
        scale = indicator.per.value
    elif indicator.kind.value in _PROPORTION_KINDS:
        scale = 100 if indicator.kind is MeasureKind.PERCENTAGE else 1
    else:
        return None
    if method is None or (method is IntervalMethod.WILSON and count > over):
        return None
    return method, scale


def _interval_from_counts(
    method: str,
    scale: int,
    count: Any,  # noqa: ANN401 - a float or an array of floats
    over: Any,  # noqa: ANN401 - idem
    *,
    confidence: float = 0.95,
) -> Interval[Any]:
    """The interval of counts by ``method`` (Wilson or Byar's) on ``scale`` (a base or 1 or 100)."""
    from safeguarding_model.statistics.intervals import (  # noqa: PLC0415 - numpy only when needed
        proportion_ci,
        rate_ci,
    )

    if method == IntervalMethod.BYARS_EXACT.value:
        return rate_ci(count, over, per=scale, confidence=confidence)
    if scale in (1, 100):
        return proportion_ci(count, over, confidence=confidence, multiplier=scale)
    return proportion_ci(count, over, confidence=confidence, per=scale)


def _batch_interval(
    kind: str, scale: int, counts: list[float], denominators: list[float]
) -> Interval[Any]:
    import numpy as np  # noqa: PLC0415 - numpy only when needed

    return _interval_from_counts(kind, scale, np.array(counts), np.array(denominators))


def observation_interval(
    indicator: IndicatorDefinition, observation: Observation, *, confidence: float = 0.95
) -> Interval[float] | None:
    """The confidence interval of a figure: as printed, else from its printed counts, else ``None``.

    A printed interval is returned as it is (method ``published``, at its printed confidence,
    or at ``confidence`` when the source does not say). Otherwise it is computed from the
    printed count and denominator by the indicator's
    [`interval_method`][safeguarding_model.indicators.IndicatorDefinition.interval_method]: its
    ``interval`` when set (``wilson`` for children counted once, scaled by a rate's base;
    ``byars_exact`` for events), else Byar's (exact Poisson below 10 events) for a rate and
    Wilson's for a percentage or proportion. A Wilson interval needs the count within its
    denominator: a count above it gives ``None``. Counts, means and figures without both
    counts have none: the library does not guess a denominator the source does not print.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition, Observation, observation_interval, parse_value
        >>> rate = IndicatorDefinition(id="r", name="R", kind="rate", per=10_000, population="child")
        >>> counted = Observation(indicator="r", area="A", period="2015/16", value=parse_value("69.1"), count=parse_value("1691"), denominator=parse_value("244718"))
        >>> print(observation_interval(rate, counted))
        69.1 (65.8 to 72.5), 95% Byar's (exact Poisson below 10)
        >>> observation_interval(rate, counted.model_copy(update={"count": None})) is None
        True
    """
    from safeguarding_model.statistics.intervals import (  # noqa: PLC0415 - numpy only when needed
        Interval,
    )

    number = observation.value.number
    if observation.lower is not None and observation.upper is not None and number is not None:
        return Interval(
            value=float(number),
            lower=float(observation.lower),
            upper=float(observation.upper),
            confidence=observation.confidence or confidence,
            method=IntervalMethod.PUBLISHED,
        )
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    if count is None or over is None or over <= 0:
        return None
    chosen = _from_counts(indicator, count, over)
    if chosen is None:
        return None
    method, scale = chosen
    interval: Interval[float] = _interval_from_counts(
        method.value, scale, float(count), float(over), confidence=confidence
    )
    return interval
