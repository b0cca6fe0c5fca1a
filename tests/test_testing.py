"""The strategies for downstream users generate valid records, and the library holds up on them."""

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import pytest
from hypothesis import Phase, given, settings
from hypothesis import find as _find
from hypothesis import strategies as st

from safeguarding_model import (
    AcademicYear,
    AnnualReport,
    Budget,
    CalendarQuarter,
    CalendarYear,
    ClaimKind,
    DateRange,
    FinancialQuarter,
    FinancialYear,
    IndicatorDefinition,
    MeasureKind,
    Month,
    Observation,
    Period,
    PointInTime,
    PooledPeriod,
    PopulationGroup,
    PopulationKind,
    RateBase,
    check,
    parse_period,
    parse_population,
    parse_value,
    population_of,
    reconcile,
    scorecard,
)
from safeguarding_model.testing import annual_reports, budgets, periods, populations, rates, values

_T = TypeVar("_T")


def find(strategy: st.SearchStrategy[_T], condition: Callable[[_T], bool]) -> _T:
    """The first drawn value that meets ``condition``, not shrunk (shrinking a report is slow)."""
    quick = settings(phases=[Phase.generate], max_examples=2000, database=None)
    return _find(strategy, condition, settings=quick)


@given(annual_reports())
@settings(max_examples=50)
def test_any_report_round_trips_checks_and_scores(report: AnnualReport) -> None:
    assert AnnualReport.model_validate_json(report.model_dump_json()) == report
    findings = check(report)
    assert all(f.location for f in findings)
    assert len(scorecard(report)) <= len(report.indicators)


@given(budgets(consistent=True))
def test_consistent_budgets_have_no_discrepancies(budget: Budget) -> None:
    assert reconcile(budget).discrepancies == ()


@given(budgets())
def test_discrepancies_are_exactly_the_stated_figures_that_differ(budget: Budget) -> None:
    result = reconcile(budget)
    differing = sum(
        1
        for side in (budget.side("income"), budget.side("expenditure"))
        for section in side.sections
        if section.stated_subtotal is not None
        and section.stated_subtotal.amount != section.computed_subtotal
    )
    assert sum(1 for d in result.discrepancies if d.kind == "subtotal") == differing
    assert all(d.difference != Decimal(0) for d in result.discrepancies)


@given(periods(), values(), rates())
def test_the_small_strategies_give_valid_values(
    period: object, value: object, rate: object
) -> None:
    assert parse_period(str(period)) == period
    assert value is not None
    assert rate is not None


# A downstream function, as a team building on the library would write it, and its test.
def deficit_share(reports: list[Budget]) -> float:
    """The share of budgets whose lines show a deficit."""
    if not reports:
        return 0.0
    return sum(reconcile(b).is_deficit for b in reports) / len(reports)


@given(st.lists(budgets(), max_size=5))
def test_a_downstream_function(reports: list[Budget]) -> None:
    share = deficit_share(reports)
    assert 0.0 <= share <= 1.0
    assert (share == 0.0) == all(not reconcile(b).is_deficit for b in reports)


@pytest.mark.parametrize(
    "kind",
    [
        FinancialYear,
        FinancialQuarter,
        CalendarYear,
        PointInTime,
        PooledPeriod,
        Month,
        CalendarQuarter,
        AcademicYear,
        DateRange,
    ],
)
def test_periods_draws_every_kind_and_each_reads_back(kind: type[Period]) -> None:
    period = find(periods(), lambda p: type(p) is kind)
    assert parse_period(str(period)) == period
    observation = Observation(indicator="x", area="A", period=period, value=parse_value("1"))
    assert Observation.model_validate_json(observation.model_dump_json()).period == period


@given(periods())
def test_drawn_periods_survive_a_record_round_trip(period: Period) -> None:
    observation = Observation(indicator="x", area="A", period=period, value=parse_value("1"))
    assert Observation.model_validate_json(observation.model_dump_json()) == observation
    assert period.start <= period.end


@given(populations())
def test_drawn_populations_read_back_from_their_names_and_labels(group: PopulationGroup) -> None:
    assert parse_population(group.name) == group
    assert parse_population(group.label) == group
    rate = IndicatorDefinition(
        id="r", name="R", kind=MeasureKind.RATE, per=RateBase.PER_THOUSAND, population=group.name
    )
    assert IndicatorDefinition.model_validate_json(rate.model_dump_json()) == rate
    assert population_of(rate) == group


@pytest.mark.parametrize("kind", list(PopulationKind))
def test_populations_draws_every_kind(kind: PopulationKind) -> None:
    assert find(populations(), lambda group: group.kind is kind).kind is kind


def test_populations_draws_children_and_open_ended_bands() -> None:
    assert find(populations(), lambda g: g.name == "child") == parse_population("0-17")
    assert find(populations(), lambda g: g.kind is PopulationKind.AGE_BAND and g.high is None).ages


@given(budgets(consistent=True))
def test_consistent_budgets_have_no_findings_of_arithmetic(budget: Budget) -> None:
    result = reconcile(budget)
    assert result.balanced
    assert not [f for f in result.findings if f.code in {"B101", "B102", "B104", "B105"}]
    assert Budget.model_validate_json(budget.model_dump_json()) == budget
    for _, _, line in budget.lines():
        if line.quantity is not None:
            assert line.amount == line.units_total


@given(budgets())
def test_budgets_state_a_side_and_a_balance_only_with_both(budget: Budget) -> None:
    assert budget.sides
    assert Budget.model_validate_json(budget.model_dump_json()) == budget
    both = budget.income is not None and budget.expenditure is not None
    assert (reconcile(budget).balance is not None) == both


def test_budgets_draw_units_splits_and_one_sided_budgets() -> None:
    with_units = find(
        budgets(consistent=True), lambda b: any(line.quantity for _, _, line in b.lines())
    )
    assert any(line.each is not None or line.quantity for _, _, line in with_units.lines())
    in_percent = find(
        budgets(consistent=True),
        lambda b: any(a.percent is not None for _, _, line in b.lines() for a in line.split),
    )
    parts = [
        a.percent for _, _, line in in_percent.lines() for a in line.split if a.percent is not None
    ]
    assert parts
    assert find(budgets(), lambda b: b.income is None).expenditure is not None
    assert find(budgets(), lambda b: b.expenditure is None).income is not None
    broken = find(budgets(), lambda b: any(d.kind == "units" for d in reconcile(b).discrepancies))
    assert any(f.code == "B104" for f in reconcile(broken).findings)


@given(annual_reports())
@settings(max_examples=50)
def test_reports_link_claim_and_compare_only_what_they_hold(report: AnnualReport) -> None:
    ids = {o.id: o for o in report.observations if o.id is not None}
    for observation in report.observations:
        if observation.count_ref is not None:
            target = ids[observation.count_ref]
            assert (target.area, target.period) == (observation.area, observation.period)
            assert report.indicator(target.indicator).kind is MeasureKind.COUNT
            assert report.indicator(observation.indicator).numerator == target.indicator
    names = {"England"} | {n for g in report.comparator_groups for n in g.names()}
    for claim in report.claims:
        assert claim.kind not in {ClaimKind.PERCENT_CHANGE, ClaimKind.LEVEL}
        for ref in (claim.ref, claim.before_ref, claim.after_ref):
            assert ref is None or ref in ids
        if claim.kind is ClaimKind.COMPARISON:
            assert claim.comparator in names
        if claim.indicator is not None:
            assert report.indicator(claim.indicator).id == claim.indicator


@pytest.mark.parametrize(
    "kind", [ClaimKind.DIRECTION, ClaimKind.COMPARISON, ClaimKind.FORECAST, ClaimKind.TARGET]
)
def test_annual_reports_draw_every_claim_without_a_number(kind: ClaimKind) -> None:
    report = find(annual_reports(), lambda r: any(c.kind is kind for c in r.claims))
    assert AnnualReport.model_validate_json(report.model_dump_json()) == report


def test_annual_reports_draw_comparator_groups_linked_figures_and_own_populations() -> None:
    grouped = find(
        annual_reports(),
        lambda r: any(
            c.comparator in r.comparator_groups[0].names()
            for c in r.claims
            if r.comparator_groups and c.comparator
        ),
    )
    assert grouped.comparator_groups[0].members
    linked = find(annual_reports(), lambda r: any(o.count_ref for o in r.observations))
    assert any(i.numerator for i in linked.indicators)
    own = find(annual_reports(), lambda r: any(o.population for o in r.observations))
    observation = next(o for o in own.observations if o.population)
    assert observation.area != own.area.name
    assert population_of(own.indicator(observation.indicator), observation) is not None
