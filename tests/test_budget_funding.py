"""Funding documents that are not a board's budget: payments, per-unit allocations and splits.

Three small documents modelled on real funding decisions: a grant table of payments only, a
council's allocation of £10,000 to each of 32 boroughs (with one total printed wrong), and a
split between a children's and an adults' board that adds to 110%.
"""

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import (
    AnnualReport,
    Budget,
    BudgetLine,
    DiscrepancyKind,
    InvalidInputError,
    check,
    contribution_shares,
    load_example,
    reconcile,
)
from safeguarding_model.budgets import Allocation
from safeguarding_model.cli import main
from safeguarding_model.render import render_reconciliation, render_report

# --- the three documents --------------------------------------------------------------------

PAYMENTS: dict[str, Any] = {
    "period": "2023/24",
    "title": "Community safety grants paid",
    "expenditure": {
        "sections": [
            {
                "name": "Grants",
                "lines": [
                    {"label": "Blackburn CSP", "amount": "45000"},
                    {"label": "Blackpool CSP", "amount": "38500"},
                    {"label": "Lancashire children's partnership", "amount": "120000"},
                ],
                "stated_subtotal": {"amount": "203500"},
            }
        ],
        "stated_total": {"amount": "203500", "label": "Total paid 2023/24"},
    },
}

BOROUGHS: dict[str, Any] = {
    "period": "2024/25",
    "title": "Allocation to boroughs",
    "expenditure": {
        "sections": [
            {
                "name": "Borough allocations",
                "lines": [
                    # 32 x 10,000 is 320,000: the printed 330,000 is wrong
                    {
                        "label": "Safeguarding grant",
                        "amount": "330000",
                        "quantity": 32,
                        "unit_amount": "10000",
                        "each": "borough",
                    },
                    # no amount printed: derived
                    {
                        "label": "Training places",
                        "quantity": "12",
                        "unit_amount": "250.50",
                        "each": "place",
                    },
                ],
                "stated_subtotal": {"amount": "333006"},
            }
        ],
    },
}

SPLIT: dict[str, Any] = {
    "period": "2024/25",
    "title": "Joint boards' funding",
    "income": {
        "sections": [
            {
                "name": "Contributions",
                "lines": [{"label": "Council", "amount": "80000"}],
            }
        ],
    },
    "expenditure": {
        "sections": [
            {
                "name": "Boards",
                "lines": [
                    {
                        "label": "Board funding",
                        "amount": "60000",
                        "split": [
                            {"recipient": "Children's board", "percent": "50"},
                            {"recipient": "Adults' board", "percent": "60"},
                        ],
                    },
                    {
                        "label": "Business unit",
                        "amount": "20000",
                        "split": [
                            {"recipient": "Children's board", "amount": "10000"},
                            {"recipient": "Adults' board", "amount": "10000"},
                        ],
                    },
                ],
                "split": [
                    {"recipient": "Children's board", "percent": "33.3"},
                    {"recipient": "Adults' board", "percent": "33.3"},
                    {"recipient": "Community safety", "percent": "33.3"},
                ],
            }
        ],
    },
}


def _report(
    budget: dict[str, Any], arrangement: str = "police_and_crime_commissioner"
) -> AnnualReport:
    return AnnualReport.model_validate(
        {
            "id": "funding",
            "title": "Funding decision",
            "arrangement": arrangement,
            "area": {"name": "Lancashire", "parts": [{"name": "Blackburn"}, {"name": "Blackpool"}]},
            "period": budget["period"],
            "budget": budget,
        }
    )


def test_a_payments_table_reconciles_with_no_balance_and_no_findings() -> None:
    budget = Budget.model_validate(PAYMENTS)
    assert budget.income is None
    result = reconcile(budget)
    assert result.income is None
    assert result.income_total is None
    assert result.expenditure_total == Decimal(203500)
    assert result.balance is None
    assert result.stated_balance is None
    assert result.is_deficit is False
    assert result.balanced
    assert result.findings == ()
    assert check(_report(PAYMENTS)) == ()


def test_a_payments_table_never_prints_a_deficit() -> None:
    result = reconcile(Budget.model_validate(PAYMENTS))
    text = render_reconciliation(result)
    assert "income: not stated" in text
    assert text.splitlines()[-1] == "balance: not computed (the budget states no income)"
    assert "deficit" not in text
    assert "surplus" not in text
    report = _report(PAYMENTS)
    for output_format in ("text", "markdown", "html"):
        assert "deficit" not in render_report(report, output_format=output_format)
    data = json.loads(render_report(report, output_format="json"))
    budget = data["budget"]
    assert (budget["income"], budget["income_total"], budget["balance"]) == (None, None, None)
    assert budget["is_deficit"] is False
    assert budget["expenditure_total"] == "203500"


def test_a_budget_with_income_only_has_no_balance_either() -> None:
    income_only = {"period": "2023/24", "income": PAYMENTS["expenditure"]}
    result = reconcile(Budget.model_validate(income_only))
    assert (result.expenditure, result.balance, result.is_deficit) == (None, None, False)
    text = render_reconciliation(result)
    assert "expenditure: not stated" in text
    assert text.splitlines()[-1] == "balance: not computed (the budget states no expenditure)"
    assert "surplus" not in text


def test_32_boroughs_at_10000_each_finds_the_wrong_amount_and_nothing_else() -> None:
    budget = Budget.model_validate(BOROUGHS)
    grant, places = budget.side("expenditure").sections[0].lines
    assert places.amount == Decimal("3006.00")
    assert places.units_total == Decimal("3006.00")
    assert grant.units_total == Decimal(320000)
    (finding,) = check(_report(BOROUGHS, "local_authority"))
    assert finding.code == "B104"
    assert finding.location == "budget expenditure / Borough allocations / Safeguarding grant"
    assert finding.message == (
        "stated 330000, computed 320000 (difference 10000); 32 × 10000 per borough"
    )
    assert dict(finding.numbers) == {
        "stated": "330000",
        "computed": "320000",
        "difference": "10000",
    }
    (discrepancy,) = reconcile(budget).discrepancies
    assert discrepancy.kind is DiscrepancyKind.UNITS
    assert str(discrepancy) == (
        "expenditure / Borough allocations / Safeguarding grant: stated 330000, "
        "quantity times unit amount gives 320000 (difference 10000); 32 × 10000 per borough"
    )
    # a tolerance lets a small difference pass, as for the other arithmetic rules
    assert reconcile(budget, tolerance=10000).discrepancies == ()


def test_a_split_that_adds_to_110_percent_is_found_and_nothing_else() -> None:
    report = _report(SPLIT, "combined_authority")
    (finding,) = check(report)
    assert finding.code == "B105"
    assert finding.location == "budget expenditure / Boards / Board funding"
    assert finding.message == (
        "stated 100%, computed 110% (difference -10%); "
        "the parts are per cent of the line's amount; rounding allows 1.0"
    )
    assert dict(finding.numbers) == {"stated": "100", "computed": "110", "difference": "-10"}
    # the section's split of 3 x 33.3% is within rounding (0.15), the amounts add to the line
    (discrepancy,) = reconcile(Budget.model_validate(SPLIT)).discrepancies
    assert (discrepancy.kind, discrepancy.unit) == (DiscrepancyKind.SPLIT, "percent")


def test_a_split_in_pounds_must_add_to_the_amount_it_splits() -> None:
    data = json.loads(json.dumps(SPLIT))
    business = data["expenditure"]["sections"][0]["lines"][1]
    business["split"][1]["amount"] = "9000"
    data["expenditure"]["sections"][0]["split"] = [
        {"recipient": "Children's board", "amount": "40000"},
        {"recipient": "Adults' board", "amount": "30000"},
    ]
    found = [
        (d.kind, str(d.location), int(d.stated), int(d.computed), str(d.unit))
        for d in reconcile(Budget.model_validate(data)).discrepancies
    ]
    assert found == [
        (DiscrepancyKind.SPLIT, "expenditure / Boards / Board funding", 100, 110, "percent"),
        (DiscrepancyKind.SPLIT, "expenditure / Boards / Business unit", 20000, 19000, "pounds"),
        (DiscrepancyKind.SPLIT, "expenditure / Boards / split", 80000, 70000, "pounds"),
    ]


def test_a_section_split_builds_on_the_stated_subtotal() -> None:
    data = json.loads(json.dumps(SPLIT))
    section = data["expenditure"]["sections"][0]
    section["stated_subtotal"] = {"amount": "70000"}
    section["split"] = [{"recipient": "Children's board", "amount": "70000"}]
    codes = [f.code for f in reconcile(Budget.model_validate(data)).findings]
    assert codes == ["B101", "B105"]  # the subtotal disagrees, the split agrees with it


def test_the_lancashire_budget_has_no_units_or_split_findings() -> None:
    result = reconcile(load_example().budget)  # type: ignore[arg-type]
    assert [f.code for f in result.findings] == ["B101", "B101", "B102", "B101", "B202", "B201"]


def test_reports_of_other_bodies_cover_several_areas() -> None:
    report = _report(PAYMENTS, "combined_authority")
    assert report.arrangement == "combined_authority"
    assert report.area.name == "Lancashire"
    assert [part.name for part in report.area.parts] == ["Blackburn", "Blackpool"]
    with pytest.raises(ValidationError, match="arrangement"):
        _report(PAYMENTS, "parish")


def test_cli_reconciles_a_payments_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "payments.json"
    path.write_text(json.dumps(PAYMENTS), encoding="utf-8")
    assert main(["reconcile", str(path)]) == 0
    out = capsys.readouterr().out
    assert "balance: not computed (the budget states no income)" in out
    assert "deficit" not in out
    assert main(["reconcile", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["balance"], data["is_deficit"], data["income"]) == (None, False, None)


def test_contribution_shares_need_an_income_side() -> None:
    with pytest.raises(InvalidInputError, match="no contributions"):
        contribution_shares(Budget.model_validate(PAYMENTS))


# --- what is refused ------------------------------------------------------------------------


def _line(**fields: object) -> BudgetLine:
    return BudgetLine.model_validate({"label": "Line", **fields})


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"quantity": 32}, "unit_amount: expected a unit_amount with the quantity"),
        ({"unit_amount": "10"}, "quantity: expected a quantity with the unit_amount"),
        ({"amount": 5, "quantity": 2}, "unit_amount: expected a unit_amount with the quantity"),
        ({"amount": 5, "each": "borough"}, "each: expected a quantity and a unit amount"),
        ({"quantity": 0.5, "unit_amount": "10"}, "never a float"),
        ({"quantity": 0, "unit_amount": "10"}, "a number above 0"),
        ({"quantity": "1.0000001", "unit_amount": "10"}, "at most 6 decimal places"),
        ({"quantity": "3", "unit_amount": "10", "amount": "3,0"}, "thousands separators"),
        ({"quantity": "2.5", "unit_amount": "0.01"}, "whole pence"),
        (
            {
                "amount": 5,
                "split": [{"recipient": "A", "percent": 50}, {"recipient": "B", "amount": 2}],
            },
            "all in per cent or all in pounds",
        ),
        (
            {
                "amount": 5,
                "split": [{"recipient": "A", "percent": 50}, {"recipient": "A", "percent": 50}],
            },
            "a recipient not listed before",
        ),
        ({"amount": 5, "split": [{"recipient": "A", "percent": 50, "amount": 2}]}, "not both"),
        ({"amount": 5, "split": [{"recipient": "A"}]}, "not neither"),
        ({"amount": 5, "split": [{"recipient": "A", "percent": 101}]}, "from 0 to 100"),
        ({"amount": 5, "split": [{"recipient": "A", "percent": 50.5}]}, "never a float"),
    ],
)
def test_lines_refuse_what_cannot_be_read_exactly(fields: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _line(**fields)
    assert fragment in str(caught.value)


def test_a_budget_states_at_least_one_side() -> None:
    with pytest.raises(ValidationError, match="an income side, an expenditure side or both"):
        Budget.model_validate({"period": "2023/24"})


def test_the_schema_lets_a_line_give_units_instead_of_an_amount() -> None:
    line = Budget.model_json_schema()["$defs"]["BudgetLine"]
    assert "amount" not in line["required"]
    given = {"not": {"type": "null"}}
    assert line["anyOf"] == [
        {"properties": {"amount": given}, "required": ["amount"]},
        {
            "properties": {"quantity": given, "unit_amount": given},
            "required": ["quantity", "unit_amount"],
        },
    ]


def test_budgets_with_units_and_splits_round_trip_through_json() -> None:
    for data in (PAYMENTS, BOROUGHS, SPLIT):
        budget = Budget.model_validate(data)
        assert Budget.model_validate_json(budget.model_dump_json()) == budget


def test_an_allocation_is_a_record() -> None:
    assert Allocation(recipient="Children's board", amount=Decimal(5)).percent is None


# --- properties -----------------------------------------------------------------------------

_QUANTITIES = st.integers(min_value=1, max_value=10**9) | st.decimals(
    min_value=Decimal("0.000001"), max_value=Decimal(10**6), places=6
)
_UNIT_AMOUNTS = st.decimals(
    min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False
)


@given(_QUANTITIES, _UNIT_AMOUNTS)
def test_quantity_times_unit_amount_is_exact_and_round_trips(
    quantity: int | Decimal, unit_amount: Decimal
) -> None:
    exact = Fraction(quantity) * Fraction(unit_amount)
    data = {"quantity": str(quantity), "unit_amount": str(unit_amount)}
    if (exact * 100).denominator != 1:  # not whole pence: the amount must be printed
        with pytest.raises(ValidationError, match="whole pence"):
            _line(**data)
        return
    line = _line(**data)
    assert Fraction(line.amount) == exact
    assert line.units_total == line.amount
    again = BudgetLine.model_validate_json(line.model_dump_json())
    assert again == line
    assert again.amount.as_tuple() == line.amount.as_tuple()
    assert (
        reconcile(
            Budget.model_validate(
                {
                    "period": "2023/24",
                    "expenditure": {"sections": [{"name": "S", "lines": [{"label": "L", **data}]}]},
                }
            )
        ).discrepancies
        == ()
    )


_POUNDS = st.decimals(min_value=Decimal(-(10**7)), max_value=Decimal(10**7), places=2)


@given(st.lists(st.lists(_POUNDS, min_size=1, max_size=5), min_size=1, max_size=4), st.booleans())
def test_a_budget_without_income_never_mentions_a_deficit(
    sections: list[list[Decimal]],
    stated: bool,  # noqa: FBT001 - drawn by hypothesis
) -> None:
    total = sum((sum(amounts, Decimal(0)) for amounts in sections), Decimal(0))
    expenditure: dict[str, Any] = {
        "sections": [
            {
                "name": f"Section {s}",
                "lines": [{"label": f"Line {n}", "amount": str(a)} for n, a in enumerate(amounts)],
            }
            for s, amounts in enumerate(sections)
        ],
    }
    if stated:
        expenditure["stated_total"] = {"amount": str(total + 1)}
    budget = {"period": "2023/24", "expenditure": expenditure}
    result = reconcile(Budget.model_validate(budget))
    assert result.balance is None
    assert not result.is_deficit
    assert "deficit" not in render_reconciliation(result)
    report = _report(budget)
    assert "deficit" not in render_report(report, output_format="text")
    assert "deficit" not in render_report(report, output_format="markdown")
    data = json.loads(render_report(report, output_format="json"))
    assert (data["budget"]["balance"], data["budget"]["is_deficit"]) == (None, False)
    assert not any("deficit" in finding["message"] for finding in data["findings"])
