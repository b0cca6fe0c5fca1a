import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import safeguarding_model
from safeguarding_model.cli import main
from safeguarding_model.datasets import example_file


def test_report_shows_the_bundled_lancashire_report(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["report"]) == 1  # Lancashire's report has error findings: exit 1, as check
    out = capsys.readouterr().out
    assert out.startswith("Lancashire Safeguarding Children Board Annual Report 2015/16")
    assert "Scorecard" in out
    assert "income / Contributions to Board / subtotal: stated 350146" in out
    assert "- B101 error [budget_arithmetic] budget income / Contributions to Board" in out
    assert "B101 budget_arithmetic: 3 errors" in out
    scorecard = out[out.index("\nScorecard\n") : out.index("\nBudget 2015/16, reconciled")]
    assert max(len(line) for line in scorecard.splitlines()) <= 100  # COLUMNS


@pytest.mark.parametrize("output_format", ["markdown", "json", "html"])
def test_report_formats(output_format: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", output_format]) == 1
    out = capsys.readouterr().out
    if output_format == "json":
        data = json.loads(out)
        assert data["report"]["id"] == "lancashire-2015-16"
        assert data["budget"]["balance"] == "-41685"
        assert any(f["kind"] == "budget_arithmetic" for f in data["findings"])
        (assessments,) = (
            row
            for row in data["scorecard"]
            if row["indicator"] == "assessments-completed-to-timescale"
        )  # printed N/A in the table and 81.0% / 82.0% in the text: the numbers are compared
        assert {area: v["printed"] for area, v in assessments["comparators"].items()} == {
            "North West": "82.0%",
            "England": "81.0%",
        }
    elif output_format == "html":
        assert out.startswith("<!doctype html>")
        assert '<section id="headline"><h2>Headline</h2>' in out
        assert "Infant mortality" in out
        assert "<script" not in out
        assert out.count('src="data:image/png;base64,') == 6  # the charts (the plot extra)
        assert "<h3>Trend: Children Looked After (CLA) rate per 10,000</h3>" in out
    else:
        assert out.startswith("# Lancashire Safeguarding Children Board")
        assert "## Findings" in out


def test_check_exits_1_on_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in findings} >= {"error", "warning"}
    assert {"kind", "severity", "location", "message", "provenance", "numbers"} <= set(findings[0])


def test_check_of_a_consistent_file_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(
        "id: tiny\ntitle: Tiny\narrangement: partnership\narea: {name: Tiny}\nperiod: 2023/24\n",
        encoding="utf-8",
    )
    assert main(["check", str(source)]) == 0
    assert capsys.readouterr().out == "no findings\n"


def test_schema_is_the_report_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "AnnualReport"
    assert schema["additionalProperties"] is False


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"safeguarding-model {safeguarding_model.__version__}"


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: safeguarding-model" in capsys.readouterr().out


def test_bad_format_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["report", "--format", "pdf"])
    assert caught.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "safeguarding_model.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.startswith("safeguarding-model ")


EXAMPLE_BUDGET = str(example_file("lancashire-2015-16-budget.json"))


def test_reconcile_prints_the_discrepancies(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", EXAMPLE_BUDGET]) == 1  # Lancashire's budget has discrepancies
    out = capsys.readouterr().out
    assert "discrepancies: 4" in out
    assert (
        "income / Contributions to Board / subtotal: stated 350146, lines add to 350092 (difference 54)"
        in out
    )
    assert "balance (lines): 481,959 - 523,644 = -41,685 (a deficit)" in out


def test_reconcile_as_json_keeps_money_as_digits(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", EXAMPLE_BUDGET, "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (result["income_total"], result["expenditure_total"], result["balance"]) == (
        "481959",
        "523644",
        "-41685",
    )
    assert set(result["discrepancies"][0]) >= {
        "location",
        "stated",
        "computed",
        "difference",
    }
    assert [d["difference"] for d in result["discrepancies"]] == ["54", "-500", "500", "500"]


def test_reconcile_with_a_tolerance(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", EXAMPLE_BUDGET, "--tolerance", "100", "--format", "json"]) == 1
    assert len(json.loads(capsys.readouterr().out)["discrepancies"]) == 3
    assert main(["reconcile", EXAMPLE_BUDGET, "--tolerance", "500", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["discrepancies"] == []
    assert main(["reconcile", EXAMPLE_BUDGET, "--tolerance", "lots"]) == 2
    assert "--tolerance: expected pounds (a number of at least 0), got 'lots'" in (
        capsys.readouterr().err
    )
    for bad in ("-1", "NaN", "Infinity", "1E+999999999"):
        assert main(["reconcile", EXAMPLE_BUDGET, "--tolerance", bad]) == 2
        assert f"--tolerance: expected pounds (a number of at least 0), got '{bad}'" in (
            capsys.readouterr().err
        )


def test_reconcile_reads_yaml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "budget.yaml"
    data = json.loads(Path(EXAMPLE_BUDGET).read_text(encoding="utf-8"))
    source.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert main(["reconcile", str(source), "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out)["balance"] == "-41685"


def test_reconcile_reports_bad_files_clearly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.json"
    assert main(["reconcile", str(missing)]) == 2
    assert "nothing.json: cannot be read" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"period": "2015/16", "income": {"sections": [{"name": "A", "lines": [{"label": "x", "amount": 1.505}]}]}, "expenditure": {"sections": []}}',
        encoding="utf-8",
    )
    assert main(["reconcile", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"safeguarding-model reconcile: {bad}: not a valid budget (1 problem)",
        (
            "  income.sections.0.lines.0.amount: not accepted (1.505) — "
            "expected pounds with at most two decimal places (whole pence)"
        ),
    ]


def test_json_numbers_with_pence_are_read_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "budget.json"  # pence as a string: a JSON number 1.10 is refused
    source.write_text(
        '{"period": "2015/16", "income": {"sections": [{"name": "A", "lines": [{"label": "x", "amount": "1.10"}]}]}, "expenditure": {"sections": []}}',
        encoding="utf-8",
    )
    assert main(["reconcile", str(source), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["income_total"] == "1.10"
    assert main(["reconcile", str(tmp_path / "budget.txt")]) == 2
    assert "expected a .json, .yaml or .yml file" in capsys.readouterr().err


def test_a_report_that_cannot_be_read_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "missing.json")]) == 2
    assert "missing.json: cannot be read" in capsys.readouterr().err


def test_schema_of_a_budget_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "budget"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Budget"
    assert {"income", "expenditure"} <= set(schema["properties"])


def test_check_prints_each_findings_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    lines = [line[2:] for line in out.splitlines() if line.startswith("- ")]
    assert len(lines) == 27
    assert lines[0].startswith("B101 error [budget_arithmetic] budget ")
    assert all(re.match(r"[A-Z][0-9]{3} (error|warning|info) \[", line) for line in lines)
    headings = [line for line in out.splitlines() if re.match(r"[A-Z][0-9]{3} ", line)]
    assert headings[0] == "B101 budget_arithmetic: 3 errors"  # grouped by rule, errors first
    assert "    figures: stated 97000; computed 96500; difference 500" in out


def test_check_select_and_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "B2,A", "--format", "json"]) == 0  # warnings only
    codes = [finding["code"] for finding in json.loads(capsys.readouterr().out)]
    assert sorted(codes) == ["A101", "A102", "B201", "B202"]
    assert main(["check", "--select", "B", "--ignore", "B1"]) == 0
    found = [line.split()[1] for line in capsys.readouterr().out.splitlines() if line[:2] == "- "]
    assert found == ["B201", "B202"]
    assert main(["check", "--select", "S"]) == 0  # Lancashire's section 11 shares agree
    assert capsys.readouterr().out == "no findings\n"
    assert main(["check", "--ignore", "B,R,C"]) == 0
    assert "error" not in capsys.readouterr().out


def test_check_json_keeps_its_keys_and_adds_code_and_numbers(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "--select", "B102", "--format", "json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert {"kind", "severity", "location", "message", "provenance", "numbers"} < set(finding)
    assert finding["code"] == "B102"
    assert finding["numbers"] == [
        ["stated", "482013"],
        ["computed", "481513"],
        ["difference", "500"],
    ]
    assert (finding["stated"], finding["computed"], finding["difference"]) == (
        "482013",
        "481513",
        "500",
    )


@pytest.mark.parametrize("codes", ["budget", "b101", "B1234", "B,,x", "\x1b[2J"])
def test_check_refuses_a_bad_code(codes: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--select", codes])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "rule codes" in err
    assert "\x1b" not in err


def test_report_json_gives_a_years_quarters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", "json"]) == 1
    rows = {row["indicator"]: row for row in json.loads(capsys.readouterr().out)["scorecard"]}
    parts = rows["repeat-referrals"]["parts"]
    assert {period: value["printed"] for period, value in parts.items()} == {
        "2015/16 Q1": "17.8%",
        "2015/16 Q4": "12.0%",
    }
    assert rows["missing-from-home"]["parts"] == {}
