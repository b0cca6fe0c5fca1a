"""Invented reports of other areas, encoded as the docs teach, with errors planted in known places.

The package's example files (``src/safeguarding_model/datasets/_files/``, where the docs read them)
hold the Northmoor and Eastvale reports as printed (``*.txt``) and as encoded (``*.yaml``), and
``tests/data/synthetic/`` the newcomer's annex; each folder's README lists the planted errors. Every planted error must be found, with its culprit named,
and nothing else may be flagged: the figures around the errors are consistent.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml

import safeguarding_model as sm
from example_files import EXAMPLE_FILES
from safeguarding_model.cli import main
from safeguarding_model.io import load_report

if TYPE_CHECKING:
    from safeguarding_model.findings import Finding

DATA = Path(__file__).parent / "data" / "synthetic"
EARLIER = EXAMPLE_FILES / "northmoor-2023-24.yaml"
LATER = EXAMPLE_FILES / "northmoor-2024-25.yaml"
ANNEX = EXAMPLE_FILES / "eastvale-2017-18.yaml"

#: Every finding `check` must give for each file, as (code, severity, location), and no other.
EXPECTED = {
    EARLIER.name: [
        ("R102", "error", "child in Northmoor"),  # the x10 child protection plan rate
        ("R101", "error", "re-referrals / Northmoor / 2022/23"),  # 498 (21%) of 2,890
        ("C101", "error", "claim referrals-up-8"),  # "rose by 8%": 4.2%
    ],
    LATER.name: [
        # The restated count of children in need no longer gives its (unchanged) rate: it
        # disagrees with the other two rates of March 2024, which agree with each other.
        ("R102", "error", "child in Northmoor"),
        ("C107", "info", "claim assessments-target"),  # a target for 2025/26: no figure yet
    ],
    ANNEX.name: [
        ("B101", "error", "budget expenditure / Learning and improvement / subtotal"),
        ("R108", "error", "indicator cla-rate"),
    ],
}


def _findings(path: Path) -> tuple[Finding, ...]:
    return sm.check(load_report(path))


def _one(findings: tuple[Finding, ...], code: str) -> Finding:
    found = [finding for finding in findings if finding.code == code]
    assert len(found) == 1, [str(finding) for finding in findings]
    return found[0]


def _lines(path: Path) -> list[str]:
    return path.with_suffix(".txt").read_text(encoding="utf-8").splitlines()


# --- nothing but the planted errors ------------------------------------------------------------


@pytest.mark.parametrize("path", [EARLIER, LATER, ANNEX], ids=lambda path: path.stem)
def test_check_finds_the_planted_errors_and_nothing_else(path: Path) -> None:
    found = Counter(
        (finding.code, finding.severity.value, finding.location) for finding in _findings(path)
    )
    assert found == Counter(EXPECTED[path.name])


# Each planted error corrected in the encoded text: what is left is what the README expects.
REPAIRS = {
    EARLIER.name: [
        ('{number: "4.8", printed: "4.8"}', '{number: "47.8", printed: "47.8"}'),
        (
            '{number: "21", unit: percent, printed: "21%"}',
            '{number: "17", unit: percent, printed: "17%"}',
        ),
        ('stated: "8"', 'stated: "4"'),
    ],
    LATER.name: [('{number: "1727", printed: "1,727"}', '{number: "1702", printed: "1,702"}')],
    ANNEX.name: [
        ("children aged 0-18", "children aged 0-17"),
        (
            '{amount: "78100", label: Total learning and improvement, printed: "78,100"',
            '{amount: "76600", label: Total learning and improvement, printed: "76,600"',
        ),
        (
            '{amount: "203650", label: TOTAL EXPENDITURE, printed: "203,650"',
            '{amount: "202150", label: TOTAL EXPENDITURE, printed: "202,150"',
        ),
    ],
}


@pytest.mark.parametrize("path", [EARLIER, LATER, ANNEX], ids=lambda path: path.stem)
def test_the_figures_around_the_errors_are_consistent(path: Path, tmp_path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for planted, right in REPAIRS[path.name]:
        assert text.count(planted) == 1, planted
        text = text.replace(planted, right)
    repaired = tmp_path / path.name
    repaired.write_text(text, encoding="utf-8")
    left = [(finding.code, finding.severity.value) for finding in _findings(repaired)]
    assert left == ([("C107", "info")] if path == LATER else [])


# --- each planted error, with its culprit ------------------------------------------------------


def test_a_rate_ten_times_too_small_is_named_with_its_factor() -> None:
    finding = _one(_findings(EARLIER), "R102")
    assert finding.message.startswith(
        "cpp-rate / Northmoor / March 2023 disagrees with the other figures: "
        "4.8 per 10,000 with a count of 248 implies"
    )
    assert finding.message.endswith("a factor of 10 (a slip of a power of ten?)")
    numbers = dict(finding.numbers)
    assert numbers["rate"] == "4.8"
    assert numbers["count"] == "248"
    assert numbers["factor"] == "10"
    assert numbers["consensus"] == "52400"  # the child population the report states
    assert finding.provenance[0].line == 29  # the culprit first, then its count


def test_a_percentage_that_its_count_does_not_give() -> None:
    finding = _one(_findings(EARLIER), "R101")
    assert finding.message == "printed 21, but 498 / 2890 x 100 = 17.2318"
    assert dict(finding.numbers) == {
        "printed": "21",
        "computed": "17.231834",
        "count": "498",
        "denominator": "2890",
    }
    assert [p.line for p in finding.provenance] == [16, 14]  # the percentage, then referrals


def test_a_wrong_percentage_change() -> None:
    finding = _one(_findings(EARLIER), "C101")
    assert finding.message.startswith("'Referrals rose by 8% to 3,012' states 8 (percent_change)")
    assert "the figures give 4.22" in finding.message
    assert dict(finding.numbers) == {"stated": "8", "computed": "4.2215"}
    assert [p.line for p in finding.provenance] == [42, 14, 14]


def test_a_restated_count_shows_inside_the_later_edition_too() -> None:
    finding = _one(_findings(LATER), "R102")
    assert finding.message.startswith(
        "cin-rate / Northmoor / March 2024 disagrees with the other figures: 324.8 per 10,000 "
        "with a count of 1727 implies 53,163 to 53,179 children aged 0-17, where 2 figures give "
        "52,348 to 52,452 (cpp-rate March 2024; cla-rate March 2024)"
    )
    assert finding.numbers[:3] == (
        ("rate", "324.8"),
        ("count", "1727"),
        ("implied_denominator", "53171"),
    )
    assert dict(finding.numbers)["consensus"] == "52401"  # the median of the two that agree


def test_a_target_without_its_figure_is_information() -> None:
    finding = _one(_findings(LATER), "C107")
    assert "not until the report has a figure of assessments-45-days" in finding.message
    assert "in 2025/26" in finding.message


def test_a_label_printing_another_age_band() -> None:
    finding = _one(_findings(ANNEX), "R108")
    assert finding.message == (
        "the name 'Children looked after: rate per 10,000 children aged 0-18' prints the ages "
        "0-18, but the population declared is 'child' (children aged 0-17)"
    )


def test_a_subtotal_its_lines_do_not_give() -> None:
    finding = _one(_findings(ANNEX), "B101")
    assert dict(finding.numbers) == {"stated": "78100", "computed": "76600", "difference": "1500"}
    assert [p.line for p in finding.provenance] == [64]


def test_the_annex_year_printed_with_a_spaced_dash_is_the_financial_year() -> None:
    report = load_report(ANNEX)
    assert report.period == sm.FinancialYear(2017)
    assert report.budget is not None
    assert report.budget.period == sm.FinancialYear(2017)
    assert not report.period.flags  # an annual report's year is a financial year: no guess
    reconciliation = sm.reconcile(report.budget)
    assert reconciliation.income_total == Decimal(201450)
    assert reconciliation.expenditure_total == Decimal(202150)
    assert [str(d.location) for d in reconciliation.discrepancies] == [
        "expenditure / Learning and improvement / subtotal"
    ]


# --- two editions --------------------------------------------------------------------------------


def test_compare_reports_finds_the_restated_count_with_both_provenances() -> None:
    findings = sm.compare_reports(load_report(EARLIER), load_report(LATER))
    assert [(f.code, f.severity.value, f.location) for f in findings] == [
        ("E101", "error", "cin / Northmoor / March 2024")
    ]
    restated = findings[0]
    assert dict(restated.numbers) == {"earlier": "1702", "later": "1727", "difference": "25"}
    assert [(p.source, p.table, p.line) for p in restated.provenance] == [
        ("northmoor-2023-24", "Table B2", 26),
        ("northmoor-2024-25", "Table B2", 28),
    ]
    assert "printed '1,702'" in restated.message
    assert "prints '1,727'" in restated.message


def test_the_cli_compares_the_editions(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(EARLIER), str(LATER)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "E101 restated_figure: 1 error\n"
        "- E101 error [restated_figure] cin / Northmoor / March 2024: "
    )
    assert len([line for line in out.splitlines() if line.startswith("- ")]) == 1
    assert main(["compare", "--format", "json", str(EARLIER), str(LATER)]) == 1
    (restated,) = json.loads(capsys.readouterr().out)
    assert [(p["source"], p["line"]) for p in restated["provenance"]] == [
        ("northmoor-2023-24", 26),
        ("northmoor-2024-25", 28),
    ]
    assert main(["compare", str(EARLIER), str(EARLIER)]) == 0


@pytest.mark.parametrize("command", ["check", "report"])
@pytest.mark.parametrize("path", [EARLIER, LATER, ANNEX], ids=lambda path: path.stem)
def test_the_cli_exits_1_on_the_planted_errors(
    command: str, path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, str(path)]) == 1
    out = capsys.readouterr().out
    for code, severity, location in EXPECTED[path.name]:
        if command == "check":
            assert f"{code} {severity} " in out
        assert location in out
    assert main([command, "--exit-zero", str(path)]) == 0


def test_the_cli_check_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(ANNEX)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "B101 budget_arithmetic: 1 error",
        (
            "- B101 error [budget_arithmetic] budget expenditure / Learning and improvement / "
            "subtotal: stated 78100, computed 76600 (difference 1500)"
        ),
        "    figures: stated 78100; computed 76600; difference 1500",
        "",
        "R108 population_label: 1 error",
        (
            "- R108 error [population_label] indicator cla-rate: the name 'Children looked after: "
            "rate per 10,000 children aged 0-18' prints the ages 0-18, but the population "
            "declared is 'child' (children aged 0-17)"
        ),
    ]


# --- the encoding is faithful to the printed page --------------------------------------------


def _printed_places(path: Path) -> list[tuple[str, int]]:
    """Each printed cell of the encoded file with the line it says it is on."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    places = []
    for record in [*data.get("observations", []), *data.get("context", [])]:
        places.append((record["value"]["printed"], record["provenance"]["line"]))
        if "count" in record:
            places.append((record["count"]["printed"], record["provenance"]["line"]))
    for side in ("income", "expenditure"):
        for section in (data.get("budget") or {}).get(side, {}).get("sections", []):
            places += [(line["printed"], line["provenance"]["line"]) for line in section["lines"]]
            subtotal = section["stated_subtotal"]
            places.append((subtotal["printed"], subtotal["provenance"]["line"]))
    return places


@pytest.mark.parametrize("path", [EARLIER, LATER, ANNEX], ids=lambda path: path.stem)
def test_every_encoded_figure_is_on_the_line_it_names(path: Path) -> None:
    lines = _lines(path)
    places = _printed_places(path)
    assert len(places) >= 20
    for printed, line in places:
        assert printed in lines[line - 1], (printed, line)


@pytest.mark.parametrize("path", [EARLIER, LATER, ANNEX], ids=lambda path: path.stem)
def test_every_claim_quotes_its_line(path: Path) -> None:
    report = load_report(path)
    lines = _lines(path)
    assert len(report.claims) >= 3
    for claim in report.claims:
        assert claim.provenance is not None
        assert claim.provenance.line is not None
        around = " ".join(lines[claim.provenance.line - 2 : claim.provenance.line + 1])
        assert claim.text.split(",")[0].split(":")[0] in around, claim.id


# --- the annex left for a newcomer to encode ----------------------------------------------------


def test_the_newcomer_annex_prints_each_planted_error_where_its_answers_say() -> None:
    lines = (DATA / "newcomer-annex-2019-20.txt").read_text(encoding="utf-8").splitlines()
    answers = (DATA / "newcomer-annex-2019-20.answers.md").read_text(encoding="utf-8")
    rows = [
        row.split(" | ")
        for row in answers.splitlines()
        if row[:4] in {"| 1 ", "| 2 ", "| 3 ", "| 4 "}
    ]
    assert [row[-1].split(":")[0] for row in rows] == [
        "R102 error",
        "R101 error",
        "C105 error",
        "B101 error",
    ]
    for row in rows:
        first = int(row[1].split("-")[0])
        printed = row[2].split("`")[1] if "`" in row[2] else row[2].split('"')[1]
        assert printed.split(" remains")[0] in lines[first - 1], row
