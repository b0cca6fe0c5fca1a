"""The strategies for downstream users generate valid records, and the library holds up on them."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from safeguarding_model import AnnualReport, Budget, check, parse_period, reconcile, scorecard
from safeguarding_model.testing import annual_reports, budgets, periods, rates, values


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
