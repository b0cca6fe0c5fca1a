"""Hypothesis strategies that generate valid records, for testing code built on this library.

Install the ``testing`` extra (``pip install 'safeguarding-model[testing]'``), then draw periods
(financial and academic years, quarters, months, days, ranges of days, pools), populations,
values, rates, budgets, indicators, observations, inspections or whole annual reports in your
own property-based tests. Every drawn record validates; budgets can be drawn consistent (every
stated subtotal, total, quantity times unit amount and split adds up) so that a test can perturb
them on purpose. Reports hold linked figures, comparator groups and claims of every kind that
states no number of its own (directions, comparisons, forecasts and targets).

Examples:
    >>> from hypothesis import given, settings
    >>> from safeguarding_model import reconcile
    >>> from safeguarding_model.testing import budgets
    >>> @settings(max_examples=20)
    ... @given(budgets(consistent=True))
    ... def test_consistent_budgets_reconcile(budget):
    ...     assert reconcile(budget).discrepancies == ()
    >>> test_consistent_budgets_reconcile()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from safeguarding_model.budgets import (
    Allocation,
    Budget,
    BudgetLine,
    BudgetSection,
    BudgetSide,
    StatedAmount,
)
from safeguarding_model.claims import Claim, ClaimDegree, ClaimDirection, ClaimKind, ClaimRelation
from safeguarding_model.comparators import ComparatorGroup, ComparatorKind
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind, Observation
from safeguarding_model.inspections import (
    FindingKind,
    Inspection,
    InspectionFinding,
    Recommendation,
)
from safeguarding_model.markers import Polarity
from safeguarding_model.periods import (
    AcademicYear,
    CalendarQuarter,
    CalendarYear,
    DateRange,
    FinancialQuarter,
    FinancialYear,
    Month,
    PointInTime,
    PooledPeriod,
    period_between,
)
from safeguarding_model.populations import (
    OLDEST_AGE,
    PopulationGroup,
    PopulationKind,
    parse_population,
)
from safeguarding_model.rates import POPULATIONS, Rate, RateBase
from safeguarding_model.report import AnnualReport, Area
from safeguarding_model.scales import Inspectorate, Judgement
from safeguarding_model.values import Value, ValueStatus

if TYPE_CHECKING:
    from safeguarding_model.periods import Period

__all__ = [
    "annual_reports",
    "budgets",
    "financial_quarters",
    "financial_years",
    "indicator_definitions",
    "inspections",
    "observations",
    "periods",
    "points_in_time",
    "populations",
    "rates",
    "values",
]

_YEARS = st.integers(min_value=1990, max_value=2040)
_SLUGS = st.from_regex(r"[a-z][a-z0-9]{0,7}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
_WORDS = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=30)
    .map(str.strip)
    .filter(bool)
)


def financial_years(years: st.SearchStrategy[int] = _YEARS) -> st.SearchStrategy[FinancialYear]:
    """Financial years starting in ``years`` (1990/91 to 2040/41 by default).

    Examples:
        >>> from hypothesis import find, strategies as st
        >>> from safeguarding_model.testing import financial_years
        >>> find(financial_years(st.just(1900)), lambda _: True)
        FinancialYear(start_year=1900)
    """
    return st.builds(FinancialYear, years)


def financial_quarters(
    years: st.SearchStrategy[int] = _YEARS,
) -> st.SearchStrategy[FinancialQuarter]:
    """Quarters of financial years starting in ``years``.

    Examples:
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import financial_quarters
        >>> find(financial_quarters(), lambda quarter: quarter.quarter == 4).start.month
        1
    """
    return st.builds(FinancialQuarter, years, st.integers(min_value=1, max_value=4))


def points_in_time(years: st.SearchStrategy[int] = _YEARS) -> st.SearchStrategy[PointInTime]:
    """Days in the calendar years ``years``: figures "at 31 March" and the like.

    Examples:
        >>> from hypothesis import find, strategies as st
        >>> from safeguarding_model.testing import points_in_time
        >>> find(points_in_time(st.just(2016)), lambda _: True).date.year
        2016
    """
    return st.builds(
        PointInTime,
        years.flatmap(lambda year: st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31))),
    )


@st.composite
def _pooled(draw: st.DrawFn, years: st.SearchStrategy[int]) -> PooledPeriod:
    first = draw(years)
    return PooledPeriod(
        first, first + draw(st.integers(min_value=1, max_value=5)), financial=draw(st.booleans())
    )


@st.composite
def _date_ranges(draw: st.DrawFn, years: st.SearchStrategy[int]) -> DateRange:
    year = draw(years)
    first = draw(st.dates(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    last = first + dt.timedelta(days=draw(st.integers(min_value=1, max_value=800)))
    period = period_between(first, last)
    if not isinstance(period, DateRange):  # a whole month, quarter or year: rare
        period = DateRange(first, first + dt.timedelta(days=1))
    return period


def periods(years: st.SearchStrategy[int] = _YEARS) -> st.SearchStrategy[Period]:
    """Periods of every kind starting in ``years``.

    Financial, calendar and academic years, financial and calendar quarters, months, days,
    ranges of days that are no named period, and pools of years. Each prints as a text that
    [`parse_period`][safeguarding_model.parse_period] reads back to it.

    Examples:
        >>> from safeguarding_model import Month, parse_period
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import periods
        >>> period = find(periods(), lambda _: True)
        >>> parse_period(str(period)) == period
        True
        >>> find(periods(), lambda period: isinstance(period, Month)).start.day
        1
    """
    return st.one_of(
        financial_years(years),
        financial_quarters(years),
        st.builds(CalendarYear, years),
        points_in_time(years),
        _pooled(years),
        st.builds(Month, years, st.integers(min_value=1, max_value=12)),
        st.builds(CalendarQuarter, years, st.integers(min_value=1, max_value=4)),
        st.builds(AcademicYear, years),
        _date_ranges(years),
    )


_NAMED_POPULATIONS = st.from_regex(r"[a-z]{3,10}(_[a-z]{2,8}){0,2}", fullmatch=True).filter(
    lambda name: parse_population(name).kind is PopulationKind.NAMED
)


_NOT_PLAIN = (PopulationKind.AGE_BAND, PopulationKind.NAMED)
"""The kinds of population with fields of their own."""


@st.composite
def _age_bands(draw: st.DrawFn) -> PopulationGroup:
    low = draw(st.integers(min_value=0, max_value=OLDEST_AGE))
    ends = st.integers(min_value=low, max_value=OLDEST_AGE)
    high = draw(ends if low == 0 else st.none() | ends)
    return PopulationGroup(PopulationKind.AGE_BAND, low=low, high=high)


def populations() -> st.SearchStrategy[PopulationGroup]:
    """Populations of every kind: age bands (children aged 0-17 often), live births, households, persons, named ones.

    A drawn group's ``name`` (what a record keeps) and its ``label`` (the words a report
    prints) both read back to it with
    [`parse_population`][safeguarding_model.populations.parse_population]. Named populations
    are snake_case names that are no age band and no name of the package's.

    Examples:
        >>> from hypothesis import given, settings
        >>> from safeguarding_model import IndicatorDefinition, parse_population, population_of
        >>> from safeguarding_model.testing import populations
        >>> @settings(max_examples=20)
        ... @given(populations())
        ... def test_names_and_labels_read_back(group):
        ...     assert parse_population(group.name) == parse_population(group.label) == group
        ...     rate = IndicatorDefinition(id="r", name="R", kind="rate", per=1000, population=group.name)
        ...     assert population_of(rate) == group
        >>> test_names_and_labels_read_back()
    """
    return st.one_of(
        st.just(PopulationGroup(PopulationKind.AGE_BAND, low=0, high=17)),
        _age_bands(),
        st.sampled_from(
            [PopulationGroup(kind) for kind in PopulationKind if kind not in _NOT_PLAIN]
        ),
        _NAMED_POPULATIONS.map(lambda name: PopulationGroup(PopulationKind.NAMED, named=name)),
    )


_NUMBERS = st.decimals(
    min_value=0, max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def values(draw: st.DrawFn, *, numbers: st.SearchStrategy[Decimal] = _NUMBERS) -> Value:
    """Values with every status, a number exactly where the status has one.

    Examples:
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import values
        >>> value = find(values(), lambda _: True)
        >>> value.status.has_number in (True, False, None)
        True
    """
    status = draw(st.sampled_from(ValueStatus))
    wanted = status.has_number
    has_number = draw(st.booleans()) if wanted is None else wanted
    number = draw(numbers) if has_number else None
    return Value(number=number, status=status, note=draw(st.none() | _WORDS))


_STATUSES_WITH_A_NUMBER = [status for status in ValueStatus if status.has_number is True]


@st.composite
def rates(draw: st.DrawFn) -> Rate:
    """Rates with a value (final, provisional or estimated), on any base and population, with or without their counts.

    Examples:
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import rates
        >>> find(rates(), lambda _: True).value is not None
        True
    """
    count = draw(st.none() | _NUMBERS)
    return Rate(
        value=draw(_NUMBERS),
        per=draw(st.sampled_from(RateBase)),
        population=draw(st.sampled_from(sorted(POPULATIONS))),
        count=count,
        denominator=None if count is None else draw(_NUMBERS.filter(lambda n: n > 0)),
        status=draw(st.sampled_from(_STATUSES_WITH_A_NUMBER)),
    )


_POUNDS = st.decimals(
    min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False
)


_UNIT_POUNDS = st.decimals(
    min_value=Decimal("0.01"), max_value=10**5, places=2, allow_nan=False, allow_infinity=False
)
_PERCENTS = st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False)


@st.composite
def _split(draw: st.DrawFn, whole: Decimal, *, consistent: bool) -> tuple[Allocation, ...]:
    """No split, or a split of ``whole`` in per cent or in pounds; adding up when ``consistent``."""
    size = draw(st.integers(min_value=0, max_value=3))
    if size == 0:
        return ()
    names = [f"recipient {i + 1}" for i in range(size)]
    if draw(st.booleans()):  # in per cent
        if consistent:
            cuts = sorted(draw(st.lists(st.integers(0, 100), min_size=size - 1, max_size=size - 1)))
            parts = [Decimal(b - a) for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
        else:
            parts = draw(st.lists(_PERCENTS, min_size=size, max_size=size))
        return tuple(Allocation(recipient=n, percent=p) for n, p in zip(names, parts, strict=True))
    amounts = draw(st.lists(_POUNDS, min_size=size - 1, max_size=size - 1))
    last = whole - sum(amounts, Decimal(0)) if consistent else draw(_POUNDS)
    return tuple(
        Allocation(recipient=n, amount=a) for n, a in zip(names, [*amounts, last], strict=True)
    )


@st.composite
def _line(draw: st.DrawFn, label: str, *, consistent: bool) -> BudgetLine:
    """A line of an amount, or of a quantity times a unit amount, maybe split."""
    if draw(st.booleans()):
        amount = draw(_POUNDS)
        return BudgetLine(
            label=label, amount=amount, split=draw(_split(amount, consistent=consistent))
        )
    quantity = Decimal(draw(st.integers(min_value=1, max_value=100)))
    unit_amount = draw(_UNIT_POUNDS)
    product = quantity * unit_amount
    printed = draw(st.sampled_from([None, product] if consistent else [None, product, Decimal(1)]))
    amount = product if printed is None else printed
    return BudgetLine.model_validate(
        {
            "label": label,
            "amount": printed,
            "quantity": quantity,
            "unit_amount": unit_amount,
            "each": draw(st.sampled_from([None, "borough", "post"])),
            "split": draw(_split(amount, consistent=consistent)),
        }
    )


@st.composite
def _side(draw: st.DrawFn, *, consistent: bool) -> BudgetSide:
    sections = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        size = draw(st.integers(min_value=1, max_value=6))
        lines = tuple(draw(_line(f"line {i + 1}", consistent=consistent)) for i in range(size))
        computed = sum((line.amount for line in lines), Decimal(0))
        subtotal = computed if consistent else draw(st.just(computed) | _POUNDS)
        stated = StatedAmount(amount=subtotal) if draw(st.booleans()) else None
        split = draw(_split(subtotal if stated else computed, consistent=consistent))
        sections.append(
            BudgetSection(
                name=f"section {index + 1}", lines=lines, stated_subtotal=stated, split=split
            )
        )
    total = sum((s.computed_subtotal for s in sections), Decimal(0))
    stated_total = total if consistent else draw(st.just(total) | _POUNDS)
    return BudgetSide(sections=tuple(sections), stated_total=StatedAmount(amount=stated_total))


@st.composite
def budgets(draw: st.DrawFn, *, consistent: bool = False) -> Budget:
    """Budgets in exact pounds, with both sides or one; with ``consistent=True`` every stated figure adds up.

    Lines are amounts or quantities times unit amounts ("£10,000 to each of 32 boroughs"),
    printed or derived; lines and sections may be split between recipients in per cent or in
    pounds. Consistent budgets reconcile with no discrepancy: subtotals, totals, products and
    splits all add up. A budget states income, expenditure or both (a table of grant payments
    states only what it pays).

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import budgets
        >>> reconcile(find(budgets(consistent=True), lambda _: True)).discrepancies
        ()
        >>> payments = find(budgets(), lambda budget: budget.income is None)
        >>> reconcile(payments).balance is None
        True
    """
    income, expenditure = draw(st.sampled_from([(True, True), (True, False), (False, True)]))
    return Budget(
        period=draw(financial_years()),
        income=draw(_side(consistent=consistent)) if income else None,
        expenditure=draw(_side(consistent=consistent)) if expenditure else None,
    )


@st.composite
def indicator_definitions(
    draw: st.DrawFn, *, ids: st.SearchStrategy[str] = _SLUGS
) -> IndicatorDefinition:
    """Indicator definitions of every kind; rates with a base and a population.

    Examples:
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import indicator_definitions
        >>> definition = find(indicator_definitions(), lambda _: True)
        >>> (definition.per is not None) == (definition.kind == "rate")
        True
    """
    kind = draw(st.sampled_from(MeasureKind))
    rate = kind is MeasureKind.RATE
    return IndicatorDefinition(
        id=draw(ids),
        name=draw(_WORDS),
        kind=kind,
        per=draw(st.sampled_from(RateBase)) if rate else None,
        population=draw(st.sampled_from(sorted(POPULATIONS))) if rate else None,
        polarity=draw(st.sampled_from(Polarity)),
    )


@st.composite
def observations(
    draw: st.DrawFn, indicator: IndicatorDefinition, *, area: str = "Area"
) -> Observation:
    """An observation of ``indicator`` for ``area`` in some financial year.

    Examples:
        >>> from safeguarding_model import IndicatorDefinition
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import observations
        >>> rate = IndicatorDefinition(id="r", name="R", kind="count")
        >>> find(observations(rate), lambda _: True).indicator
        'r'
    """
    return Observation(
        indicator=indicator.id, area=area, period=draw(financial_years()), value=draw(values())
    )


@st.composite
def inspections(draw: st.DrawFn) -> Inspection:
    """Ofsted inspections on the single inspection framework's scale, with findings and recommendations.

    Examples:
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import inspections
        >>> find(inspections(), lambda _: True).scale
        'ofsted-sif-2013'
    """
    grades = ("outstanding", "good", "requires improvement", "inadequate")
    numbers = draw(st.lists(st.integers(min_value=1, max_value=40), unique=True, max_size=5))
    return Inspection(
        id=draw(_SLUGS),
        inspectorate=Inspectorate.OFSTED,
        subject=draw(_WORDS),
        scale="ofsted-sif-2013",
        overall=Judgement(scale="ofsted-sif-2013", grade=draw(st.sampled_from(grades))),
        findings=tuple(
            InspectionFinding(kind=draw(st.sampled_from(FindingKind)), text=draw(_WORDS))
            for _ in range(draw(st.integers(0, 3)))
        ),
        recommendations=tuple(Recommendation(number=n, text=draw(_WORDS)) for n in numbers),
    )


@st.composite
def _comparator_groups(draw: st.DrawFn) -> tuple[ComparatorGroup, ...]:
    """Up to two groups, their ids and names all distinct, each with its own members."""
    return tuple(
        ComparatorGroup(
            id=f"comparators-{index + 1}",
            name=f"Comparator group {index + 1}",
            kind=draw(st.sampled_from(ComparatorKind)),
            members=tuple(draw(st.lists(_WORDS, min_size=1, max_size=4, unique=True))),
        )
        for index in range(draw(st.integers(min_value=0, max_value=2)))
    )


def _linked(
    definitions: list[IndicatorDefinition], seen: list[Observation], area: str
) -> tuple[list[IndicatorDefinition], list[Observation]]:
    """The first count indicator made the numerator of the first rate, percentage or proportion.

    Each of the latter's own figures without a printed count takes, by ``count_ref``, a figure
    of the count indicator for the same area and period (added when there is none).
    """
    counts = [d for d in definitions if d.kind is MeasureKind.COUNT]
    shares = [d for d in definitions if d.kind in _LINKABLE]
    if not counts or not shares:
        return definitions, seen
    count, share = counts[0], shares[0]
    definitions = [
        d.model_copy(update={"numerator": count.id}) if d is share else d for d in definitions
    ]
    figures = {(o.area, o.period): o for o in seen if o.indicator == count.id}
    linked: list[Observation] = []
    for observation in seen:
        if (observation.indicator, observation.area, observation.count) != (share.id, area, None):
            linked.append(observation)
            continue
        key = (observation.area, observation.period)
        if key not in figures:
            figures[key] = Observation(
                id=f"obs-{len(seen) + len(figures) + 1}",
                indicator=count.id,
                area=area,
                period=observation.period,
                value=Value(number=Decimal(len(figures) + 10)),
            )
            linked.append(figures[key])
        linked.append(observation.model_copy(update={"count_ref": figures[key].id}))
    return definitions, linked


_LINKABLE = (MeasureKind.RATE, MeasureKind.PERCENTAGE, MeasureKind.PROPORTION)

_DEGREED: dict[ClaimKind, tuple[str, tuple[object, ...], object]] = {
    ClaimKind.DIRECTION: ("direction", tuple(ClaimDirection), ClaimDirection.STABLE),
    ClaimKind.COMPARISON: ("relation", tuple(ClaimRelation), ClaimRelation.SIMILAR),
}
"""The claims whose word may carry a degree: the word's field, its words, and the one word
("stable", "similar") that takes none."""


@st.composite
def _claims(
    draw: st.DrawFn,
    seen: list[Observation],
    definitions: list[IndicatorDefinition],
    comparators: list[str],
) -> tuple[Claim, ...]:
    """Claims that state no number of their own: directions, comparisons, forecasts, targets."""
    ids = [o.id for o in seen if o.id is not None]
    claims: list[Claim] = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        kinds = [ClaimKind.FORECAST, ClaimKind.TARGET] if definitions else []
        if ids:
            kinds += [ClaimKind.DIRECTION, ClaimKind.COMPARISON]
        if not kinds:
            break
        kind = draw(st.sampled_from(kinds))
        fields: dict[str, object] = {}
        if kind in _DEGREED:
            field, words, plain = _DEGREED[kind]
            fields[field] = word = draw(st.sampled_from(words))
            if word is not plain:
                fields["degree"] = draw(st.none() | st.sampled_from(ClaimDegree))
        if kind is ClaimKind.DIRECTION:
            fields["before_ref"] = draw(st.sampled_from(ids))
            fields["after_ref"] = draw(st.sampled_from(ids))
        elif kind is ClaimKind.COMPARISON:
            fields["ref"] = draw(st.sampled_from(ids))
            fields["comparator"] = draw(st.sampled_from(comparators))
        else:
            fields["stated"] = draw(_NUMBERS)
            fields["indicator"] = draw(st.sampled_from(definitions)).id
            fields["period"] = draw(st.one_of(financial_years(), st.builds(CalendarYear, _YEARS)))
        fields.update(id=f"claim-{index + 1}", text=draw(_WORDS), kind=kind)
        claims.append(Claim.model_validate(fields))
    return tuple(claims)


@st.composite
def annual_reports(draw: st.DrawFn) -> AnnualReport:
    """Whole annual reports: indicators with observations, maybe a budget, inspections and claims.

    Observations are the area's own and, beside some of them, England's or a comparator
    group's figure for the same period, perhaps over a population of its own. A count
    indicator may be the numerator of a rate, percentage or proportion, whose figures then link
    to its figures (``count_ref``). Claims compare observations with England or a comparator
    group, state a direction between two of them, or forecast or target an indicator's figure.

    Examples:
        >>> from hypothesis import given, settings
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.testing import annual_reports
        >>> @settings(max_examples=20)
        ... @given(annual_reports())
        ... def test_reports_round_trip_and_link_within_an_area_and_period(report):
        ...     assert AnnualReport.model_validate_json(report.model_dump_json()) == report
        ...     for figure in report.observations:
        ...         if figure.count_ref is not None:
        ...             count = report.observation(figure.count_ref)
        ...             assert (count.area, count.period) == (figure.area, figure.period)
        >>> test_reports_round_trip_and_link_within_an_area_and_period()
    """
    ids = draw(st.lists(_SLUGS, unique=True, max_size=4))
    definitions = [draw(indicator_definitions(ids=st.just(i))) for i in ids]
    area = draw(_WORDS)
    groups = draw(_comparator_groups())
    comparators = ["England", *(draw(st.sampled_from([g.id, g.name])) for g in groups)]
    seen: list[Observation] = []
    for definition in definitions:
        for _ in range(draw(st.integers(0, 3))):
            own = draw(observations(definition, area=area))
            seen.append(own.model_copy(update={"id": f"obs-{len(seen) + 1}"}))
            if draw(st.booleans()):
                population = draw(st.none() | populations()) if definition.population else None
                seen.append(
                    Observation(
                        id=f"obs-{len(seen) + 1}",
                        indicator=definition.id,
                        area=draw(st.sampled_from(comparators)),
                        period=own.period,
                        value=draw(values()),
                        population=None if population is None else population.name,
                    )
                )
    definitions, seen = _linked(definitions, seen, area)
    inspected = draw(st.lists(inspections(), max_size=2, unique_by=lambda i: i.id))
    return AnnualReport(
        id=draw(_SLUGS),
        title=draw(_WORDS),
        arrangement=draw(st.sampled_from(["board", "partnership"])),
        area=Area(name=area),
        period=draw(financial_years()),
        indicators=tuple(definitions),
        observations=tuple(seen),
        budget=draw(st.none() | budgets()),
        inspections=tuple(inspected),
        claims=draw(_claims(seen, definitions, comparators)),
        comparator_groups=groups,
    )
