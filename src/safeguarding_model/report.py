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
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal, NamedTuple, Self, TypeAlias

from pydantic import Field, model_validator

from safeguarding_model._frozen import FrozenDict
from safeguarding_model._moved import moved_names
from safeguarding_model._records import Record, WholeNumber
from safeguarding_model.agencies import Agency
from safeguarding_model.attendance import Attendance
from safeguarding_model.budgets import Budget, Side
from safeguarding_model.claims import Claim
from safeguarding_model.comparators import ComparatorGroups
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.figure_tables import FigureTable
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
from safeguarding_model.values import Value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "AnnualReport",
    "Area",
    "CaseReview",
    "Claim",
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
    dfe_number: Annotated[int, WholeNumber(minimum=100, maximum=999)] | None = Field(
        default=None, description="The DfE local-authority number, e.g. 888."
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
    tables: tuple[FigureTable, ...] = Field(
        default=(),
        description=(
            "Tables of figures by period written compactly, a row an indicator and a cell a "
            "period: read into observations (after those written out), so empty once read."
        ),
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

    @model_validator(mode="before")
    @classmethod
    def _tables_into_observations(cls, data: Any) -> Any:  # noqa: ANN401 - whatever is validated
        """Each compact table's printed cells, as observations after those written out."""
        if not isinstance(data, dict) or not data.get("tables"):
            return data
        tables = data["tables"]
        if not isinstance(tables, list | tuple):
            return data  # refused by the field's own validation
        expanded = [_table(table, position) for position, table in enumerate(tables)]
        observations = data.get("observations") or ()
        if not isinstance(observations, list | tuple):
            return data
        cells = [o for table in expanded for o in table.observations()]
        return {**data, "observations": (*observations, *cells), "tables": ()}

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


def _table(table: object, position: int) -> FigureTable:
    """One compact table, validated; its problems located under ``tables.<position>``."""
    from pydantic import ValidationError  # noqa: PLC0415 - only when a report has tables
    from pydantic_core import InitErrorDetails  # noqa: PLC0415 - idem

    if isinstance(table, FigureTable):
        return table
    try:
        return FigureTable.model_validate(table)
    except ValidationError as error:
        details = []
        for problem in error.errors():
            loc = ("tables", position, *problem["loc"])
            cause = problem.get("ctx", {}).get("error")
            if isinstance(cause, InvalidInputError) and not problem["loc"]:
                loc = (*loc, *(int(p) if p.isdigit() else p for p in cause.field.split(".")))
            detail = InitErrorDetails(type=problem["type"], loc=loc, input=problem["input"])
            if "ctx" in problem:
                detail["ctx"] = problem["ctx"]
            details.append(detail)
        raise ValidationError.from_exception_data("FigureTable", details) from None


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


#: The claim enums, which lived here before claims had a module of their own.
__getattr__ = moved_names(
    __name__,
    dict.fromkeys(
        ("ClaimBound", "ClaimDegree", "ClaimDirection", "ClaimKind", "ClaimRelation"),
        "safeguarding_model.claims",
    ),
)
