import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import (
    Budget,
    BudgetLine,
    BudgetSection,
    BudgetSide,
    DiscrepancyKind,
    InvalidInputError,
    NoticeKind,
    Side,
    StatedAmount,
    ValueFlag,
    budgets,
    contribution_shares,
    load_example,
    reconcile,
    reconciliation,
)
from safeguarding_model._jsonable import to_jsonable
from safeguarding_model.datasets import example_file


def _lancashire() -> Budget:
    budget = load_example("lancashire-2015-16").budget
    assert budget is not None
    return budget


EXAMPLE_FILE = example_file("lancashire-2015-16-budget.json")


def test_lancashire_reports_every_discrepancy_in_the_source_and_nothing_else() -> None:
    result = reconcile(_lancashire())
    found = {
        (d.kind, str(d.location), int(d.stated), int(d.computed), int(d.difference))
        for d in result.discrepancies
    }
    assert found == {
        # 26,041 + 26,041 + 22,107 + 11,693 + 18,283 + 52,028 + 60,331 + 18,377 + 550 + 148,008 - 33,367
        (
            DiscrepancyKind.SUBTOTAL,
            "income / Contributions to Board / subtotal",
            350146,
            350092,
            54,
        ),
        # 74,000 + 9,800 + 14,700
        (
            DiscrepancyKind.SUBTOTAL,
            "income / Child Death Overview Panel / subtotal",
            98000,
            98500,
            -500,
        ),
        # 350,146 + 33,367 + 98,000 as stated
        (DiscrepancyKind.TOTAL, "income / total", 482013, 481513, 500),
        # 59,000 + 1,000 + 500 + 1,000 + 35,000
        (
            DiscrepancyKind.SUBTOTAL,
            "expenditure / Child Death Overview / subtotal",
            97000,
            96500,
            500,
        ),
    }
    notices = {(n.kind, str(n.location)) for n in result.notices}
    assert notices == {
        (NoticeKind.PERIOD_LABEL, "income / total"),  # "TOTAL LSCB INCOME 14/15" in 2015/16
        (NoticeKind.FLAGGED_VALUE, "expenditure / Training / Staffing Costs"),  # "73.000"
    }
    assert result.income is not None
    assert result.expenditure is not None
    assert result.income.from_lines == 481959
    assert result.expenditure.from_lines == 523644
    assert result.expenditure.from_subtotals == result.expenditure.stated == 524144
    assert result.balance == -41685
    assert result.stated_balance == -42131
    assert result.is_deficit
    assert not result.balanced


def test_the_income_total_was_built_from_the_lines_of_one_section() -> None:
    # 482,013 = 350,146 (contributions as stated) + 33,367 + 98,500 (the CDOP lines, not 98,000).
    result = reconcile(_lancashire())
    total = next(d for d in result.discrepancies if d.kind is DiscrepancyKind.TOTAL)
    assert total.note == "the lines add to 481959"
    assert Decimal(350146) + Decimal(33367) + Decimal(98500) == total.stated


def test_a_tolerance_hides_only_smaller_differences() -> None:
    result = reconcile(_lancashire(), tolerance=Decimal(54))
    assert [d.difference for d in result.discrepancies] == [-500, 500, 500]
    assert reconcile(_lancashire(), tolerance=500).discrepancies == ()
    assert reconcile(_lancashire(), tolerance=Decimal("499.99")).discrepancies != ()


@pytest.mark.parametrize("bad", [-1, 0.5, Decimal("NaN"), "5", True])
def test_tolerance_must_be_exact_pounds(bad: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        reconcile(_lancashire(), tolerance=bad)  # type: ignore[arg-type]
    assert caught.value.field == "tolerance"


def test_the_example_file_is_the_same_budget() -> None:
    assert Budget.model_validate_json(EXAMPLE_FILE.read_text(encoding="utf-8")) == _lancashire()


def test_transfers_must_cancel() -> None:
    budget = _budget(
        income=[("Fund", [("Transfer out", -100, True), ("Contribution", 500, False)], None)]
    )
    result = reconcile(budget)
    assert [(d.kind, d.computed, d.difference) for d in result.discrepancies] == [
        (DiscrepancyKind.TRANSFERS, Decimal(-100), Decimal(100))
    ]
    assert reconcile(_lancashire()).income_total == 481959  # -33,367 and +33,367 cancel


def test_negative_amounts_that_are_not_transfers_are_visible() -> None:
    budget = _budget(
        expenditure=[("Central", [("Refund", -250, False), ("Staff", 1000, False)], 750)]
    )
    result = reconcile(budget)
    assert result.discrepancies == ()
    assert [(n.kind, str(n.location)) for n in result.notices] == [
        (NoticeKind.NEGATIVE_AMOUNT, "expenditure / Central / Refund")
    ]


@pytest.mark.parametrize(
    ("amount", "fragment"),
    [
        (26041.0, "a float cannot hold pennies"),
        ("26,041", "without thousands separators"),
        ("£26041", "without thousands separators or '£'"),
        ("1.005", "at most two decimal places"),
        (Decimal("1.005"), "at most two decimal places"),
        (Decimal("NaN"), "a finite amount"),
        ("NaN", "string of digits"),
        (True, "pounds as an integer"),
        (None, "pounds as an integer"),
    ],
)
def test_money_refuses_what_would_lose_or_guess_pennies(amount: object, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        BudgetLine(label="Police", amount=amount)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "amount" in message
    assert fragment in message


def test_money_accepts_exact_pounds() -> None:
    assert BudgetLine(label="a", amount=26041).amount == Decimal(26041)  # type: ignore[arg-type]
    assert BudgetLine(label="a", amount="73.50").amount == Decimal("73.50")  # type: ignore[arg-type]
    assert BudgetLine(label="a", amount=Decimal("1E+3")).amount == Decimal(1000)
    assert str(BudgetLine(label="a", amount=Decimal("1E+3")).amount) == "1000"
    assert BudgetLine(label="a", amount=Decimal("2.500")).amount == Decimal("2.5")


def test_lines_from_printed_cells() -> None:
    line = BudgetLine.from_printed("Staffing Costs", "73.000")
    assert (line.amount, line.printed, line.flags) == (
        Decimal(73000),
        "73.000",
        (ValueFlag.AMBIGUOUS_SEPARATOR,),
    )
    assert BudgetLine.from_printed("Transfer", "-33,367", transfer=True).amount == -33367
    with pytest.raises(InvalidInputError, match="printed"):
        BudgetLine.from_printed("Police", "TBC")


def test_json_is_exact_and_money_is_digits() -> None:
    budget = _lancashire()
    data = json.loads(budget.model_dump_json())
    assert data["income"]["sections"][0]["lines"][0]["amount"] == "26041"
    assert data["income"]["stated_total"]["amount"] == "482013"
    assert Budget.model_validate_json(budget.model_dump_json()) == budget
    result = to_jsonable(reconcile(budget))
    assert isinstance(result, dict)
    assert (result["income_total"], result["expenditure_total"], result["balance"]) == (
        "481959",
        "523644",
        "-41685",
    )
    first = result["discrepancies"][0]  # type: ignore[index]
    assert first == {
        "kind": "subtotal",
        "location": {"side": "income", "section": "Contributions to Board", "label": "subtotal"},
        "stated": "350146",
        "computed": "350092",
        "difference": "54",
        "code": "B101",
        "numbers": [["stated", "350146"], ["computed", "350092"], ["difference", "54"]],
        "note": None,
        "unit": "pounds",
        "provenance": {  # the stated subtotal's place in the source
            "source": None,
            "section": "6",
            "table": "LSCB Budget",
            "row": "Contributions to Board subtotal",
            "column": "Annual Budget",
            "line": 1371,
        },
    }


def test_contribution_shares() -> None:
    shares = contribution_shares(_lancashire())
    by_agency = {share.agency: share for share in shares}
    assert by_agency["lancashire-county-council"].amount == 148008 + 74000
    assert sum(share.share for share in shares) == pytest.approx(Decimal(1), abs=Decimal("1e-25"))
    assert shares[0].agency == "lancashire-county-council"
    board = contribution_shares(_lancashire(), sections=("Contributions to Board",))
    assert sum(share.amount for share in board) == 383459  # gross of the transfer out
    assert "blackpool-council" not in {share.agency for share in board}
    with pytest.raises(InvalidInputError, match="income lines with an agency"):
        contribution_shares(_budget())


def test_period_labels_for_the_right_year_are_not_noticed() -> None:
    budget = _budget(income=[("Contributions 2015/16", [("LCC", 10, False)], None)])
    assert reconcile(budget).notices == ()
    other = _budget(income=[("Contributions 2016-17", [("LCC", 10, False)], None)])
    assert [n.kind for n in reconcile(other).notices] == [NoticeKind.PERIOD_LABEL]


LineSpec = tuple[str, int, bool]
SectionSpec = tuple[str, list[LineSpec], int | None]


def _budget(
    income: list[SectionSpec] | None = None, expenditure: list[SectionSpec] | None = None
) -> Budget:
    def side(specs: list[SectionSpec] | None) -> BudgetSide:
        return BudgetSide(
            sections=tuple(
                BudgetSection(
                    name=name,
                    lines=tuple(
                        BudgetLine(label=label, amount=Decimal(amount), transfer=transfer)
                        for label, amount, transfer in lines
                    ),
                    stated_subtotal=None
                    if stated is None
                    else StatedAmount(amount=Decimal(stated)),
                )
                for name, lines, stated in specs or []
            )
        )

    return Budget(period="2015/16", income=side(income), expenditure=side(expenditure))  # type: ignore[arg-type]


pounds = st.decimals(
    min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)


@st.composite
def consistent_budgets(draw: st.DrawFn) -> Budget:
    """Budgets whose every stated subtotal and total was computed from their lines."""

    def side() -> BudgetSide:
        sections = []
        for index in range(draw(st.integers(min_value=1, max_value=4))):
            amounts = draw(st.lists(pounds, min_size=1, max_size=6))
            lines = tuple(
                BudgetLine(label=f"line {i}", amount=amount) for i, amount in enumerate(amounts)
            )
            stated = draw(st.booleans())
            sections.append(
                BudgetSection(
                    name=f"section {index}",
                    lines=lines,
                    stated_subtotal=StatedAmount(amount=sum(amounts, Decimal(0)))
                    if stated
                    else None,
                )
            )
        total = sum((section.computed_subtotal for section in sections), Decimal(0))
        return BudgetSide(sections=tuple(sections), stated_total=StatedAmount(amount=total))

    return Budget(period="2015/16", income=side(), expenditure=side())  # type: ignore[arg-type]


@given(consistent_budgets())
def test_a_budget_computed_from_its_lines_has_no_discrepancies(budget: Budget) -> None:
    result = reconcile(budget)
    assert result.discrepancies == ()
    assert result.income is not None
    assert result.expenditure is not None
    assert result.balance == result.income.from_lines - result.expenditure.from_lines


@given(consistent_budgets(), st.data(), pounds.filter(lambda d: d != 0))
def test_perturbing_one_line_gives_exactly_the_implied_discrepancies(
    budget: Budget, data: st.DataObject, d: Decimal
) -> None:
    side = data.draw(st.sampled_from(list(Side)))
    sections = list(budget.side(side).sections)
    s = data.draw(st.integers(min_value=0, max_value=len(sections) - 1))
    section = sections[s]
    i = data.draw(st.integers(min_value=0, max_value=len(section.lines) - 1))
    lines = list(section.lines)
    lines[i] = lines[i].model_copy(update={"amount": lines[i].amount + d})
    sections[s] = section.model_copy(update={"lines": tuple(lines)})
    changed = budget.side(side).model_copy(update={"sections": tuple(sections)})
    perturbed = budget.model_copy(update={side.value: changed})
    result = reconcile(perturbed)
    expected: list[tuple[DiscrepancyKind, str | None, Decimal]] = []
    if section.stated_subtotal is not None:
        expected.append((DiscrepancyKind.SUBTOTAL, section.name, -d))
    else:  # the total builds on the computed subtotal, so the total disagrees instead
        expected.append((DiscrepancyKind.TOTAL, None, -d))
    assert [(x.kind, x.location.section, x.difference) for x in result.discrepancies] == expected
    assert all(x.location.side is side for x in result.discrepancies)


@given(consistent_budgets())
def test_budgets_round_trip_through_json_exactly(budget: Budget) -> None:
    assert Budget.model_validate_json(budget.model_dump_json()) == budget


def test_every_printed_amount_has_its_line_in_the_source() -> None:
    from reference import source_lines  # noqa: PLC0415 - the source text, beside the repository

    source = source_lines()
    budget = _lancashire()
    amounts = [
        line
        for side in (budget.side(Side.INCOME), budget.side(Side.EXPENDITURE))
        for section in side.sections
        for line in section.lines
    ]
    stated = [
        s.stated_subtotal
        for side in (budget.side(Side.INCOME), budget.side(Side.EXPENDITURE))
        for s in side.sections
        if s.stated_subtotal
    ]
    stated += [
        t
        for t in (budget.side(Side.INCOME).stated_total, budget.side(Side.EXPENDITURE).stated_total)
        if t is not None
    ]
    items: list[BudgetLine | StatedAmount] = [*amounts, *stated]
    for item in items:
        assert item.provenance is not None
        assert item.provenance.line is not None
        assert item.printed is not None
        assert source[item.provenance.line - 1].strip() == item.printed
    assert len(amounts) == 11 + 1 + 3 + 7 + 5 + 4 + 7


def test_discrepancies_and_notices_are_findings_with_the_budget_rules_codes() -> None:
    result = reconcile(_lancashire())
    assert [d.code for d in result.discrepancies] == ["B101", "B101", "B102", "B101"]
    assert [n.code for n in result.notices] == ["B202", "B201"]
    findings = result.findings
    assert [f.code for f in findings] == ["B101", "B101", "B102", "B101", "B202", "B201"]
    total = findings[2]
    assert (total.stated, total.computed, total.difference) == ("482013", "481513", "500")
    assert total.provenance[0].line == 1401  # the stated total's line in the source
    assert {f.severity.value for f in findings[:4]} == {"error"}
    assert {f.severity.value for f in findings[4:]} == {"warning"}


def test_to_text_is_deprecated_and_renders_as_render_does() -> None:
    from safeguarding_model.render import render_reconciliation  # noqa: PLC0415

    result = reconcile(load_example().budget)  # type: ignore[arg-type]
    with pytest.warns(DeprecationWarning, match=r"render_reconciliation"):
        text = result.to_text()
    assert text == render_reconciliation(result)
    assert "balance (stated totals): 482,013 - 524,144 = -42,131" in text


@pytest.mark.parametrize(
    "name",
    [
        "RULES",
        "Discrepancy",
        "DiscrepancyKind",
        "Location",
        "Notice",
        "NoticeKind",
        "Reconciliation",
        "SectionTotals",
        "SideTotals",
        "reconcile",
    ],
)
def test_the_reconciliation_names_moved_from_budgets_warn_and_still_work(name: str) -> None:
    with pytest.warns(DeprecationWarning, match=rf"budgets\.{name} is deprecated.*reconciliation"):
        moved = getattr(budgets, name)
    assert moved is getattr(reconciliation, name)
    assert name in reconciliation.__all__
    assert name not in budgets.__all__
