"""One convention for the commands that read reports: default source, exit codes, messages."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from safeguarding_model import load_example
from safeguarding_model.cli import main

if TYPE_CHECKING:
    from pathlib import Path

TINY = {
    "id": "tiny",
    "title": "Tiny",
    "arrangement": "partnership",
    "area": {"name": "Tiny"},
    "period": "2023/24",
}
BUDGET = {
    "period": "2023/24",
    "income": {"sections": [{"name": "A", "lines": [{"label": "x", "amount": "100"}]}]},
    "expenditure": {"sections": [{"name": "B", "lines": [{"label": "y", "amount": "100"}]}]},
}


def _write(folder: Path, name: str, data: object) -> str:
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def _lancashire(folder: Path, name: str, **changes: Any) -> str:  # noqa: ANN401 - record fields
    path = folder / name
    path.write_text(load_example().model_copy(update=changes).model_dump_json(), encoding="utf-8")
    return str(path)


# --- report and check: exit 1 on an error finding ---------------------------------------------


@pytest.mark.parametrize("command", ["report", "check"])
def test_report_and_check_share_exit_codes(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command]) == 1  # the bundled Lancashire report has error findings
    assert main([command, _write(tmp_path, "tiny.json", TINY)]) == 0
    assert main([command, str(tmp_path / "missing.json")]) == 2
    assert "missing.json: cannot be read" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["report", "check", "reconcile"])
def test_exit_zero_turns_findings_into_0_but_not_file_problems(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command]) == 1  # the bundled report's errors (its budget's, for reconcile)
    assert main([command, "--exit-zero"]) == 0
    assert main([command, "--exit-zero", str(tmp_path / "missing.json")]) == 2
    assert "missing.json: cannot be read" in capsys.readouterr().err


def test_exit_zero_applies_to_compare_too(tmp_path: Path) -> None:
    contacts = {"id": "contacts", "name": "Contacts", "kind": "count"}

    def edition(name: str, period: str, printed: str) -> str:
        figure = {
            "indicator": "contacts",
            "area": "Tiny",
            "period": "2023/24",
            "value": {"number": printed},
        }
        data = TINY | {
            "id": name,
            "period": period,
            "indicators": [contacts],
            "observations": [figure],
        }
        return _write(tmp_path, f"{name}.json", data)

    old, new = edition("first", "2023/24", "1344"), edition("second", "2024/25", "1334")
    assert main(["compare", old, new]) == 1  # the count was restated
    assert main(["compare", old, new, "--exit-zero"]) == 0


def test_report_of_a_file_with_errors_still_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", "--format", "json", _lancashire(tmp_path, "l.json")]) == 1
    assert json.loads(capsys.readouterr().out)["report"]["id"] == "lancashire-2015-16"


# --- reconcile: the bundled report's budget, a report file's, or a budget file ---------------


def test_reconcile_defaults_to_the_bundled_reports_budget(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["reconcile", "--format", "json"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert (result["income_total"], result["expenditure_total"]) == ("481959", "523644")
    assert [d["difference"] for d in result["discrepancies"]] == ["54", "-500", "500", "500"]


def test_reconcile_reads_a_report_files_budget(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _write(tmp_path, "report.json", {**TINY, "budget": BUDGET})
    assert main(["reconcile", report, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["balance"] == "0"
    assert main(["reconcile", _lancashire(tmp_path, "l.json")]) == 1
    assert "discrepancies: 4" in capsys.readouterr().out


def test_reconcile_of_a_report_without_a_budget_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _write(tmp_path, "report.json", TINY)
    assert main(["reconcile", report]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"safeguarding-model reconcile: {report}: a report without a budget; "
        "expected a budget file, or a report with a budget\n"
    )


def test_reconcile_of_an_invalid_report_lists_the_reports_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _write(tmp_path, "report.json", {**TINY, "period": "2023/25", "budget": BUDGET})
    assert main(["reconcile", report]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"safeguarding-model reconcile: {report}: not a valid report (1 problem)",
        (
            "  period: not a period ('2023/25') — a financial year spans two consecutive years, "
            "like '2015/16'"
        ),
    ]


# --- compare: exit 1 when the editions differ, as diff does -----------------------------------


def test_compare_of_an_edition_with_itself_finds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = _lancashire(tmp_path, "old.json")
    assert main(["compare", old, old]) == 0
    assert capsys.readouterr().out == "no findings\n"


def _restated(folder: Path) -> tuple[str, str]:
    """Lancashire, and a later edition in which one figure was restated."""
    earlier = load_example()
    first = earlier.observations[0]
    assert first.value.number is not None
    value = first.value.model_copy(update={"number": first.value.number + 1, "printed": None})
    observations = (first.model_copy(update={"value": value}), *earlier.observations[1:])
    old = _lancashire(folder, "old.json")
    new = _lancashire(folder, "new.json", id="lancashire-2015-16-b", observations=observations)
    return old, new


def test_compare_prints_each_change_with_its_code_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = _restated(tmp_path)
    assert main(["compare", old, new]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines
    assert lines[0].startswith("E101 restated_figure: ")
    assert lines[1].startswith("- E101 error [")
    assert main(["compare", old, new, "--format", "json"]) == 1
    (finding, *_) = json.loads(capsys.readouterr().out)
    assert finding["code"] == "E101"
    assert {"kind", "severity", "location", "message", "provenance", "numbers"} <= set(finding)


def test_compare_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = _restated(tmp_path)
    assert main(["compare", old, new, "--ignore", "E1"]) == 0
    assert capsys.readouterr().out == "no findings\n"
    assert main(["compare", old, new, "--select", "E101"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert all(line.startswith(("E101 ", "- E101 ", "    figures: ")) for line in lines if line)


def test_compare_needs_two_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["compare", _write(tmp_path, "tiny.json", TINY)])
    assert exit_.value.code == 2
    assert "the following arguments are required: NEW" in capsys.readouterr().err
    assert main(["compare", _write(tmp_path, "tiny.json", TINY), str(tmp_path / "no.json")]) == 2
    assert "no.json: cannot be read" in capsys.readouterr().err


def test_compare_reports_editions_that_cannot_be_compared_as_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from safeguarding_model import editions  # noqa: PLC0415 - the module patched
    from safeguarding_model.errors import InvalidInputError  # noqa: PLC0415

    def refuse(*_: object, **__: object) -> tuple[()]:
        raise InvalidInputError("reports", "tiny", "editions of one report")

    monkeypatch.setattr(editions, "compare_reports", refuse)
    tiny = _write(tmp_path, "tiny.json", TINY)
    assert main(["compare", tiny, tiny]) == 2
    assert capsys.readouterr().err == (
        f"safeguarding-model compare: {tiny} and {tiny}: reports: expected editions of one "
        "report, got 'tiny'\n"
    )


# --- invalid files: problems one per line, at most 20 -----------------------------------------


def test_an_invalid_file_lists_twenty_problems_then_a_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    indicator = {"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}
    observations = [
        {"indicator": "cla", "area": "Tiny", "period": "2023/24", "value": {"number": f"x{i}"}}
        for i in range(30)
    ]
    report = _write(
        tmp_path, "r.json", {**TINY, "indicators": [indicator], "observations": observations}
    )
    for command in ("report", "check"):
        assert main([command, report]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        lines = captured.err.splitlines()
        assert (
            lines[0] == f"safeguarding-model {command}: {report}: not a valid report (30 problems)"
        )
        assert lines[1] == (
            "  observations.0.value.number: not a number ('x0') — "
            'expected a number in digits, like 39.6 or "39.60"'
        )
        assert len(lines) == 22
        assert lines[-1] == "  and 10 more"


def test_problem_lines_escape_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _write(tmp_path, "r.json", {**TINY, "period": "\x1b[2J2015/17"})
    assert main(["check", report]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err
    assert "period: not a period (" in err
