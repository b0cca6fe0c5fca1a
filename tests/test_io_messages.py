"""Validation errors of report and budget files, in words: one line per problem, no input dumps."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from pydantic import BaseModel, ValidationError

from builders import SKELETON
from safeguarding_model import SafeguardingModelError
from safeguarding_model.io import (
    MAX_PROBLEMS_SHOWN,
    ValidationProblem,
    load_budget,
    load_report,
    validation_problems,
)

if TYPE_CHECKING:
    from pathlib import Path

TINY = "id: tiny\ntitle: Tiny\narrangement: partnership\narea: {name: Tiny}\nperiod: 2015/16\n"
INDICATOR = "indicators:\n  - {id: cla, name: CLA, kind: rate, per: 10000, population: child}\n"
DATE = 'expected a date written YYYY-MM-DD, like "2016-03-31"'
NUMBER = 'expected a number in digits, like 39.6 or "39.60"'


def _lines(path: Path, *, budget: bool = False) -> list[str]:
    """The message of the error loading ``path``, as lines, with the file's name taken out."""
    with pytest.raises(ValidationError) as caught:
        (load_budget if budget else load_report)(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not a valid {'budget' if budget else 'report'} (")
    return message.removeprefix(f"{path}: ").splitlines()


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _report_json(**fields: Any) -> str:  # noqa: ANN401 - the fields of a report file
    cla = {"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}
    return json.dumps(SKELETON | {"indicators": [cla]} | fields)


def _observation(value: object) -> dict[str, object]:
    return {"indicator": "cla", "area": "Tiny", "period": "2015/16", "value": value}


def test_an_unquoted_yaml_printed_figure_is_told_to_be_quoted(tmp_path: Path) -> None:
    text = (
        TINY
        + INDICATOR
        + (
            "observations:\n"
            "  - {indicator: cla, area: Tiny, period: 2015/16, value: {number: 39.60, printed: 39.60}}\n"
        )
    )
    assert _lines(_write(tmp_path, "r.yaml", text)) == [
        "not a valid report (1 problem)",
        '  observations.0.value.printed: a number, not text (39.60) — expected text: quote it, "39.60"',
    ]


def test_a_number_that_lost_its_printed_final_zero_is_told_to_be_quoted(tmp_path: Path) -> None:
    text = _report_json(observations=[_observation({"number": 39.6, "printed": "39.60"})])
    lines = _lines(_write(tmp_path, "r.json", text))
    assert lines == [
        "not a valid report (1 problem)",
        (
            "  observations.0.value.number: the number lost the final zero of the printed '39.60'"
            ' (39.6) — expected the number to the last digit printed: quote it, "39.60"'
            " (a reader or writer of floats drops a final zero)"
        ),
    ]


def test_a_quoted_figure_with_its_final_zero_is_read(tmp_path: Path) -> None:
    text = (
        TINY
        + INDICATOR
        + (
            "observations:\n"
            '  - {indicator: cla, area: Tiny, period: 2015/16, value: {number: "39.60", printed: "39.60"}}\n'
        )
    )
    report = load_report(_write(tmp_path, "r.yaml", text))
    assert str(report.observations[0].value.number) == "39.60"


@pytest.mark.parametrize(("suffix", "published"), [(".yaml", "2015"), (".json", "2015")])
def test_a_year_for_a_date_expects_yyyy_mm_dd(tmp_path: Path, suffix: str, published: str) -> None:
    inspection = {"id": "i1", "inspectorate": "ofsted", "subject": "x", "scale": "ofsted-sif-2013"}
    if suffix == ".json":
        text = _report_json(inspections=[{**inspection, "published": int(published)}])
    else:
        text = TINY + (
            "inspections:\n  - {id: i1, inspectorate: ofsted, subject: x, scale: ofsted-sif-2013,"
            f" published: {published}}}\n"
        )
    assert _lines(_write(tmp_path, "r" + suffix, text)) == [
        "not a valid report (1 problem)",
        f"  inspections.0.published: not a date (2015) — {DATE}",
    ]


def test_an_inexact_amount_in_a_budget(tmp_path: Path) -> None:
    expected = [
        "not a valid budget (1 problem)",
        (
            "  income.sections.0.lines.0.amount: not accepted (1.505) — expected pounds with at"
            " most two decimal places (whole pence)"
        ),
    ]
    yaml_text = (
        "period: 2015/16\nincome: {sections: [{name: A, lines: [{label: x, amount: 1.505}]}]}\n"
        "expenditure: {sections: []}\n"
    )
    assert _lines(_write(tmp_path, "b.yaml", yaml_text), budget=True) == expected
    json_text = json.dumps(
        {
            "period": "2015/16",
            "income": {"sections": [{"name": "A", "lines": [{"label": "x", "amount": 1.505}]}]},
            "expenditure": {"sections": []},
        }
    )
    assert _lines(_write(tmp_path, "b.json", json_text), budget=True) == expected


def test_a_wrong_word_lists_the_words_allowed(tmp_path: Path) -> None:
    text = _report_json(observations=[_observation({"number": "1", "status": "weird"})])
    assert _lines(_write(tmp_path, "r.json", text)) == [
        "not a valid report (1 problem)",
        (
            "  observations.0.value.status: not one of the words allowed ('weird') — expected "
            "'final', 'provisional', 'estimated', 'missing', 'not_applicable', 'under_review', "
            "'suppressed' or 'low'"
        ),
    ]


def test_a_missing_field_and_a_misspelt_one(tmp_path: Path) -> None:
    text = TINY.replace("title: Tiny", "titel: Tiny")
    assert _lines(_write(tmp_path, "r.yaml", text)) == [
        "not a valid report (2 problems)",
        "  title: missing — expected a value: the field is required",
        "  titel: not a field of this record ('Tiny') — did you mean 'title'?",
    ]


def test_thirty_bad_observations_show_twenty_lines_then_a_count(tmp_path: Path) -> None:
    observations = [_observation({"number": f"x{index}"}) for index in range(30)]
    lines = _lines(_write(tmp_path, "r.json", _report_json(observations=observations)))
    assert lines[0] == "not a valid report (30 problems)"
    assert lines[1:-1] == [
        f"  observations.{index}.value.number: not a number ('x{index}') — {NUMBER}"
        for index in range(MAX_PROBLEMS_SHOWN)
    ]
    assert lines[-1] == "  and 10 more"
    assert len(lines) == 22


def test_the_same_slip_at_many_places_is_one_problem_counted(tmp_path: Path) -> None:
    observations = [_observation({"number": "n/a"}) for _ in range(5)]
    path = _write(tmp_path, "r.json", _report_json(observations=observations))
    assert _lines(path) == [
        "not a valid report (1 problem)",
        f"  observations.0.value.number: not a number ('n/a') — {NUMBER} (the same at 4 more places)",
    ]
    with pytest.raises(ValidationError) as caught:
        load_report(path)
    (problem,) = caught.value.problems  # type: ignore[attr-defined]
    assert problem.places == tuple(f"observations.{i}.value.number" for i in range(5))
    assert len(caught.value.errors()) == 5  # pydantic's own list is kept for programs


def test_the_error_is_pydantics_and_the_librarys_with_problems_for_programs(
    tmp_path: Path,
) -> None:
    path = _write(tmp_path, "r.yaml", TINY.replace("period: 2015/16", "period: 2015/17"))
    with pytest.raises(SafeguardingModelError) as caught:
        load_report(path)
    error = caught.value
    assert isinstance(error, ValidationError)
    assert isinstance(error, ValueError)
    assert error.errors()[0]["loc"] == ("period",)
    assert error.errors()[0]["input"] == "2015/17"
    assert validation_problems(error) == (
        ValidationProblem(
            path="period",
            message="not a period",
            value="2015/17",
            expected="a financial year spans two consecutive years, like '2015/16'",
            kind="value_error",
            places=("period",),
        ),
    )
    assert "http" not in str(error)
    assert "For further information" not in str(error)
    assert "[type=" not in str(error)


def test_a_long_value_is_shortened_never_dumped(tmp_path: Path) -> None:
    secret = "SECRET " * 10_000
    path = _write(tmp_path, "r.json", _report_json(title=secret, period=secret))
    lines = _lines(path)
    assert len(lines) == 2
    assert lines[1].startswith("  period: not a period ('SECRET SECRET")
    assert len(lines[1]) < 600  # the value shortened to 60 characters, then the forms expected
    assert "".join(lines).count("SECRET") == 8  # the shortened value only: 60 characters


def test_a_report_level_problem_names_its_path(tmp_path: Path) -> None:
    observation = {**_observation({"number": "1"}), "indicator": "nothing"}
    lines = _lines(_write(tmp_path, "r.json", _report_json(observations=[observation])))
    assert lines[1].startswith("  observations.0.indicator: ")
    assert "('nothing')" in lines[1]
    assert "expected " in lines[1]


# --- unions: one slip, one problem ------------------------------------------------------------


class _Count(BaseModel):
    count: int


class _Words(BaseModel):
    words: str


class _Union(BaseModel):
    either: int | dt.date | _Count | _Words
    amount: Decimal | str | None = None
    items: list[_Count | _Words] = []


def _union_problems(data: dict[str, object]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        _Union.model_validate(data)
    assert len(caught.value.errors()) > 1  # pydantic reports each branch
    return [str(problem) for problem in validation_problems(caught.value, data)]


def test_a_union_of_records_reports_the_branch_the_value_came_nearest() -> None:
    assert _union_problems({"either": {"count": "many"}}) == [
        "either.count: not a whole number ('many') — expected a whole number, like 12"
    ]
    assert _union_problems({"either": 1, "items": [{"count": "x"}]}) == [
        "items.0.count: not a whole number ('x') — expected a whole number, like 12"
    ]


def test_a_value_in_no_form_of_a_union_is_one_problem_listing_the_forms() -> None:
    assert _union_problems({"either": 1, "amount": [1]}) == [
        (
            "amount: not in any of the forms accepted (a list of 1 item) — expected one of: "
            'a number in digits, like 39.6 or "39.60"; text'
        )
    ]


def test_validation_problems_refuses_other_errors() -> None:
    with pytest.raises(
        SafeguardingModelError, match=r"error: expected a pydantic\.ValidationError"
    ):
        validation_problems(ValueError("x"))


def test_a_key_cut_from_a_text_at_a_comma_is_told_to_quote_the_text(tmp_path: Path) -> None:
    budget = """\
period: "2019/20"
income:
  sections:
    - {name: Contributions, lines: [{label: Ridgeford Division, Northern Police, amount: "500"}]}
"""
    (line,) = _lines(_write(tmp_path, "budget.yaml", budget), budget=True)[1:]
    assert line.startswith(
        "  income.sections.0.lines.0.Northern Police: not a field of this record"
    )
    assert "quote text that holds a comma" in line
    assert "label, amount, quantity" in line  # the fields are still listed
    misspelt_text = budget.replace("Ridgeford Division, Northern Police", "R, amont: 1")
    misspelt = _lines(_write(tmp_path, "misspelt.yaml", misspelt_text), budget=True)
    assert any("did you mean 'amount'?" in problem for problem in misspelt)
    assert not any("quote text" in problem for problem in misspelt)
