"""Hypothesis strategies that generate valid records, for testing code built on this library.

Install the ``testing`` extra (``pip install 'safeguarding-model[testing]'``), then draw periods,
values, rates, budgets, indicators, observations, inspections or whole annual reports in your
own property-based tests. Every drawn record validates; budgets can be drawn consistent (every
stated subtotal and total computed from the lines) so that a test can perturb them on purpose.

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

from safeguarding_model.budgets import Budget, BudgetLine, BudgetSection, BudgetSide, StatedAmount
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind, Observation
from safeguarding_model.inspections import (
    FindingKind,
    Inspection,
    InspectionFinding,
    Recommendation,
)
from safeguarding_model.markers import Polarity
from safeguarding_model.periods import (
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    PointInTime,
    PooledPeriod,
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


def periods(years: st.SearchStrategy[int] = _YEARS) -> st.SearchStrategy[Period]:
    """Periods of every kind starting in ``years``: financial years and quarters, calendar years, days, pools.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import periods
        >>> period = find(periods(), lambda _: True)
        >>> parse_period(str(period)) == period
        True
    """
    return st.one_of(
        financial_years(years),
        financial_quarters(years),
        st.builds(CalendarYear, years),
        points_in_time(years),
        _pooled(years),
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


@st.composite
def _side(draw: st.DrawFn, *, consistent: bool) -> BudgetSide:
    sections = []
    for index in range(draw(st.integers(min_value=0, max_value=4))):
        amounts = draw(st.lists(_POUNDS, min_size=1, max_size=6))
        lines = tuple(
            BudgetLine(label=f"line {i + 1}", amount=amount) for i, amount in enumerate(amounts)
        )
        computed = sum(amounts, Decimal(0))
        subtotal = computed if consistent else draw(st.just(computed) | _POUNDS)
        stated = StatedAmount(amount=subtotal) if draw(st.booleans()) else None
        sections.append(
            BudgetSection(name=f"section {index + 1}", lines=lines, stated_subtotal=stated)
        )
    total = sum((s.computed_subtotal for s in sections), Decimal(0))
    stated_total = total if consistent else draw(st.just(total) | _POUNDS)
    return BudgetSide(sections=tuple(sections), stated_total=StatedAmount(amount=stated_total))


@st.composite
def budgets(draw: st.DrawFn, *, consistent: bool = False) -> Budget:
    """Budgets in exact pounds; with ``consistent=True`` every stated figure adds up.

    Examples:
        >>> from safeguarding_model import reconcile
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import budgets
        >>> reconcile(find(budgets(consistent=True), lambda _: True)).discrepancies
        ()
    """
    return Budget(
        period=draw(financial_years()),
        income=draw(_side(consistent=consistent)),
        expenditure=draw(_side(consistent=consistent)),
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
def annual_reports(draw: st.DrawFn) -> AnnualReport:
    """Whole annual reports: indicators with observations, maybe a budget and inspections.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from hypothesis import find
        >>> from safeguarding_model.testing import annual_reports
        >>> report = find(annual_reports(), lambda _: True)
        >>> AnnualReport.model_validate_json(report.model_dump_json()) == report
        True
    """
    ids = draw(st.lists(_SLUGS, unique=True, max_size=4))
    definitions = [draw(indicator_definitions(ids=st.just(i))) for i in ids]
    area = draw(_WORDS)
    seen = [
        draw(observations(d, area=area))
        for d in definitions
        for _ in range(draw(st.integers(0, 3)))
    ]
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
    )
