"""The headline: a report summed up, each count equal to what the library computes in full."""

from __future__ import annotations

from collections import Counter

from example_files import EXAMPLE_FILES
from safeguarding_model import check, load_example, read_fingertips, reconcile, scorecard
from safeguarding_model.findings import Severity
from safeguarding_model.headlines import NOT_COMPARABLE, headline, inspection_line
from safeguarding_model.markers import Significance
from safeguarding_model.official_reports import OfficialMatch, add_official_figures

PROFILE = EXAMPLE_FILES / "lancashire-child-health-2016.csv"


def test_the_bundled_reports_headline_counts_what_the_library_computes() -> None:
    report = load_example()
    top = headline(report)
    rows = scorecard(report)
    findings = check(report)
    assert report.budget is not None
    reconciliation = reconcile(report.budget)
    assert top.indicators == len(rows)
    assert top.compared == 0
    assert dict(top.significance) == {}
    assert top.not_compared_reason == NOT_COMPARABLE
    assert top.balance == reconciliation.balance
    assert top.income == reconciliation.income_total
    assert top.expenditure == reconciliation.expenditure_total
    assert top.budget_discrepancies == len(reconciliation.discrepancies)
    assert top.inspections == tuple(inspection_line(i) for i in report.inspections)
    severities = Counter(f.severity.value for f in findings)
    assert dict(top.findings) == {s.value: severities[s.value] for s in Severity}
    assert list(top.findings) == ["error", "warning", "info"]
    errors = [f for f in findings if f.severity is Severity.ERROR]
    assert top.most_serious == tuple(errors[:3])
    assert top.arrangement == "Local Safeguarding Children Board"
    assert (top.area, top.area_code, top.period) == ("Lancashire", "E10000017", "2015/16")


def test_comparisons_are_counted_by_label_once_figures_can_be_compared() -> None:
    matches = {
        "infant-mortality": OfficialMatch("fingertips-92196", periods={"2016": "2012 - 14"}),
        "good-level-of-development": OfficialMatch("fingertips-90631", periods={"2016": "2014/15"}),
        "children-in-care-rate": OfficialMatch("fingertips-90803", periods={"2016": "2015"}),
    }
    report = add_official_figures(load_example(), read_fingertips(PROFILE), matches).report
    top = headline(report)
    outcomes = Counter(row.computed_significance for row in scorecard(report))
    assert top.compared == 3
    assert top.not_compared_reason is None
    assert dict(top.significance) == {
        s.value: outcomes[s]
        for s in Significance
        if s is not Significance.NOT_COMPARED and outcomes[s]
    }
    assert dict(top.significance) == {"better": 1, "worse": 1, "higher": 1}


def test_what_is_passed_in_is_used_instead_of_computed() -> None:
    report = load_example()
    findings = check(report)[-2:]
    top = headline(report, rows=(), findings=findings)
    assert top.indicators == 0
    assert top.not_compared_reason is None  # nothing to compare is not "not comparable"
    assert sum(top.findings.values()) == 2
    assert top.most_serious == tuple(sorted(findings, key=lambda f: f.severity != Severity.ERROR))


def test_a_report_without_budget_or_inspections() -> None:
    report = load_example().model_copy(update={"budget": None, "inspections": ()})
    top = headline(report)
    assert (top.income, top.expenditure, top.balance, top.budget_discrepancies) == (
        None,
        None,
        None,
        0,
    )
    assert top.inspections == ()


def test_an_inspection_line_names_the_inspectorate_the_subject_the_date_and_the_grade() -> None:
    lines = [inspection_line(i) for i in load_example().inspections]
    assert lines[0].startswith("Ofsted: services for children in need")
    assert lines[0].endswith(": inadequate")
    assert "Board review: Preston District (2015-05-07): no overall judgement" in lines
