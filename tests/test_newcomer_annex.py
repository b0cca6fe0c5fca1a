"""The Ridgeford 2019 – 20 annex, encoded from the docs alone, and what `check` finds in it.

``tests/data/synthetic/newcomer-annex-2019-20.txt`` is an invented annex of 30 figures, four key
messages and a budget; ``newcomer-annex-2019-20.answers.md`` lists its four planted errors.
``ridgeford-2019-20.yaml`` encodes it as the how-to "Writing your own report file" teaches:
every printed figure once, as printed, with the line of the text it is printed on. `check` must
find each planted error, naming its culprit, and nothing else but the target it cannot check yet.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import safeguarding_model as sm
from safeguarding_model.cli import main
from safeguarding_model.io import load_report

if TYPE_CHECKING:
    import pytest

    from safeguarding_model.findings import Finding

DATA = Path(__file__).parent / "data" / "synthetic"
ENCODED = DATA / "ridgeford-2019-20.yaml"
PRINTED = DATA / "newcomer-annex-2019-20.txt"

#: The answers' four planted errors and the target without a figure, as (code, severity, location).
EXPECTED = [
    ("R102", "error", "child in Ridgeford"),  # 6.7 children looked after per 10,000: per 1,000
    ("R101", "error", "assessments-45 / Ridgeford / 2019/20"),  # 1,781 (89%) of 2,046
    ("C105", "error", "claim cpp-rate-below-sn"),  # "below our statistical neighbours": above
    ("B101", "error", "budget expenditure / Learning and reviews / subtotal"),  # 40,400
    ("C107", "info", "claim assessments-target-90"),  # a target for 2020/21: no figure yet
]

#: Each planted error corrected in the encoded text, to show the figures around them agree.
REPAIRS = [
    ('{number: "6.7", printed: "6.7"}', '{number: "67.4", printed: "67.4"}'),
    (
        '{number: "89", unit: percent, printed: "89%"}',
        '{number: "87", unit: percent, printed: "87%"}',
    ),
    ("kind: comparison, relation: lower,", "kind: comparison, relation: higher,"),
    (
        '{amount: "40400", label: Total learning and reviews, printed: "40,400"',
        '{amount: "39400", label: Total learning and reviews, printed: "39,400"',
    ),
    (
        '{amount: "124650", label: TOTAL EXPENDITURE, printed: "124,650"',
        '{amount: "123650", label: TOTAL EXPENDITURE, printed: "123,650"',
    ),
]


def _findings(path: Path = ENCODED) -> tuple[Finding, ...]:
    return sm.check(load_report(path))


def _one(code: str) -> Finding:
    found = [finding for finding in _findings() if finding.code == code]
    assert len(found) == 1, [str(finding) for finding in _findings()]
    return found[0]


def _lines() -> list[str]:
    return PRINTED.read_text(encoding="utf-8").splitlines()


# --- the planted errors and nothing else ---------------------------------------------------------


def test_check_finds_the_planted_errors_and_nothing_else() -> None:
    found = Counter(
        (finding.code, finding.severity.value, finding.location) for finding in _findings()
    )
    assert found == Counter(EXPECTED)


def test_the_figures_around_the_errors_are_consistent(tmp_path: Path) -> None:
    text = ENCODED.read_text(encoding="utf-8")
    for planted, right in REPAIRS:
        assert text.count(planted) == 1, planted
        text = text.replace(planted, right)
    repaired = tmp_path / ENCODED.name
    repaired.write_text(text, encoding="utf-8")
    left = [(finding.code, finding.severity.value) for finding in _findings(repaired)]
    assert left == [("C107", "info")]


# --- each planted error, with its culprit ---------------------------------------------------------


def test_a_rate_per_1000_printed_as_per_10000_is_named_with_its_factor() -> None:
    finding = _one("R102")
    assert finding.message.startswith(
        "cla-rate / Ridgeford / 31 March 2020 disagrees with the other figures: "
        "6.7 per 10,000 with a count of 262 implies"
    )
    assert finding.message.endswith("a factor of 10 (a slip of a power of ten?)")
    numbers = dict(finding.numbers)
    assert (numbers["rate"], numbers["count"], numbers["factor"]) == ("6.7", "262", "10")
    assert [p.line for p in finding.provenance][:2] == [25, 24]  # the culprit, then its count


def test_a_percentage_that_its_count_does_not_give() -> None:
    finding = _one("R101")
    assert finding.message == "printed 89, but 1781 / 2046 x 100 = 87.0479"
    assert dict(finding.numbers)["printed"] == "89"
    assert [p.line for p in finding.provenance] == [16, 15]  # the percentage, then assessments


def test_a_comparison_the_other_way_round() -> None:
    finding = _one("C105")
    assert finding.message.startswith("'The rate of children subject to a child protection plan")
    assert "says lower" in finding.message
    assert "Ridgeford is 48.3 and for Stat. neighbours 45.1 at 31 March 2020" in finding.message
    assert dict(finding.numbers) == {
        "stated": "lower",
        "figure": "48.3",
        "comparator": "45.1",
        "difference": "3.2",
    }
    assert [p.line for p in finding.provenance] == [32, 23, 23]


def test_a_subtotal_its_lines_do_not_give() -> None:
    finding = _one("B101")
    assert finding.message == "stated 40400, computed 39400 (difference 1000)"
    assert [p.line for p in finding.provenance] == [59]


def test_a_target_without_its_figure_is_information() -> None:
    finding = _one("C107")
    assert "not until the report has a figure of assessments-45 for 'Ridgeford' in 2020/21" in (
        finding.message
    )


# --- the encoding itself --------------------------------------------------------------------------


def test_every_figure_is_encoded_once_on_the_line_it_names() -> None:
    report = load_report(ENCODED)
    lines = _lines()
    places = [(o.value.printed, o.provenance) for o in report.observations]
    places += [(o.count.printed, o.provenance) for o in report.observations if o.count]
    places += [(c.value.printed, c.provenance) for c in report.context]
    assert len(report.observations) + len(report.context) == 30  # the answers' "about 30"
    assert len(places) == 32  # with the 2 counts printed beside percentages
    for printed, provenance in places:
        assert printed is not None
        assert provenance is not None
        assert provenance.line is not None
        assert printed in lines[provenance.line - 1], (printed, provenance.line)


def test_the_budget_is_encoded_with_its_lines_subtotals_and_totals() -> None:
    report = load_report(ENCODED)
    budget = report.budget
    assert budget is not None
    assert budget.income is not None
    assert budget.expenditure is not None
    lines = _lines()
    sides = (budget.income, budget.expenditure)
    amounts = [line for side in sides for section in side.sections for line in section.lines]
    stated = [section.stated_subtotal for side in sides for section in side.sections]
    stated += [side.stated_total for side in sides]
    assert (len(amounts), len(stated)) == (9, 6)  # 9 lines, 4 subtotals and 2 totals
    for item in [*amounts, *stated]:
        assert item is not None
        assert item.printed is not None
        assert item.provenance is not None
        assert item.provenance.line is not None
        assert item.printed in lines[item.provenance.line - 1], item
    reconciliation = sm.reconcile(budget)
    assert reconciliation.income_total == Decimal(126000)
    assert reconciliation.expenditure_total == Decimal(123650)


def test_every_claim_quotes_its_line() -> None:
    report = load_report(ENCODED)
    lines = _lines()
    assert len(report.claims) == 5  # four key messages, the first with two figures
    for claim in report.claims:
        assert claim.provenance is not None
        assert claim.provenance.line is not None
        printed = " ".join(line.strip() for line in lines[claim.provenance.line - 1 :][:2])
        assert claim.text.rstrip(".").split(" neighbours")[0] in printed, claim.id


def test_the_years_printed_with_a_spaced_dash_are_financial_years_without_a_guess() -> None:
    report = load_report(ENCODED)
    assert report.period == sm.FinancialYear(2019)
    assert not report.period.flags
    assert report.budget is not None
    assert report.budget.period == sm.FinancialYear(2019)
    assert "V102" not in {finding.code for finding in _findings()}


def test_the_cli_exits_1_with_one_line_per_finding(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ENCODED)]) == 1
    out = [line[2:] for line in capsys.readouterr().out.splitlines() if line.startswith("- ")]
    assert Counter(line.split(" [")[0] for line in out) == Counter(
        f"{code} {severity}" for code, severity, _ in EXPECTED
    )
