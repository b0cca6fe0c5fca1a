"""References by id inside a report resolve, and ids are unique: a report that breaks either is refused.

Each problem is a ``value_error`` of the report as a whole (its ``loc`` is empty), whose message
starts with the path in the file (``agencies.3.id``) and names the id at fault and, for an id
used twice, where it is first used. Every problem in a file is reported at once.
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from safeguarding_model import AnnualReport, load_example
from safeguarding_model.agencies import Agency, index_agencies
from safeguarding_model.datasets import example_data
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.io import load_report


def _data(**parts: Any) -> dict[str, Any]:  # noqa: ANN401 - the report's parts as plain data
    return {
        "id": "t",
        "title": "T",
        "arrangement": "board",
        "area": {"name": "A"},
        "period": "2015/16",
    } | parts


def _agency(agency_id: str, parent: str | None = None) -> dict[str, Any]:
    return {
        "id": agency_id,
        "name": agency_id.title(),
        "kind": "other",
        "statutory_partner": False,
        "parent": parent,
    }


def _obs(obs_id: str | None, indicator: str = "n") -> dict[str, Any]:
    return {
        "id": obs_id,
        "indicator": indicator,
        "area": "A",
        "period": "2015/16",
        "value": {"number": "3"},
    }


def _claim(claim_id: str, **refs: str) -> dict[str, Any]:
    return {"id": claim_id, "text": "t", "kind": "level", "stated": "3"} | refs


def _inspection(inspection_id: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN401 - plain data
    return {"id": inspection_id, "inspectorate": "board", "subject": "S"} | extra


COUNT = {"id": "n", "name": "N", "kind": "count"}


def _messages(data: dict[str, Any]) -> list[str]:
    """The messages of the report-wide problems refused in ``data`` (each with an empty ``loc``)."""
    with pytest.raises(ValidationError) as caught:
        AnnualReport.model_validate(data)
    errors = caught.value.errors()
    assert all(error["loc"] == () for error in errors), errors
    assert all(error["type"] == "value_error" for error in errors), errors
    return [str(error["msg"]).removeprefix("Value error, ") for error in errors]


def _refused(data: dict[str, Any]) -> str:
    """The one message for the one problem in ``data``."""
    messages = _messages(data)
    assert len(messages) == 1, messages
    return messages[0]


# --- ids used twice ---------------------------------------------------------------------------


def test_a_duplicated_agency_id_is_refused_naming_where_it_is_first_used() -> None:
    data = _data(agencies=[_agency("police"), _agency("cafcass"), _agency("police")])
    assert _refused(data) == (
        "agencies.2.id: expected an id not used before (agencies.0.id has it), got 'police'"
    )


def test_a_duplicated_claim_id_is_refused() -> None:
    data = _data(claims=[_claim("c"), _claim("d"), _claim("e"), _claim("d")])
    assert _refused(data) == (
        "claims.3.id: expected an id not used before (claims.1.id has it), got 'd'"
    )


def test_a_duplicated_inspection_id_is_refused() -> None:
    data = _data(inspections=[_inspection("maspi-2015"), _inspection("maspi-2015")])
    assert _refused(data) == (
        "inspections.1.id: expected an id not used before (inspections.0.id has it), got 'maspi-2015'"
    )


def test_a_duplicated_indicator_id_is_refused() -> None:
    data = _data(indicators=[COUNT, COUNT])
    assert _refused(data) == (
        "indicators.1.id: expected an id not used before (indicators.0.id has it), got 'n'"
    )


def test_a_duplicated_observation_id_is_refused_and_observations_without_ids_are_not() -> None:
    data = _data(indicators=[COUNT], observations=[_obs(None), _obs("x"), _obs(None), _obs("x")])
    assert _refused(data) == (
        "observations.3.id: expected an id not used before (observations.1.id has it), got 'x'"
    )
    fine = _data(indicators=[COUNT], observations=[_obs(None), _obs("x"), _obs(None)])
    assert len(AnnualReport.model_validate(fine).observations) == 3


def test_every_later_use_of_an_id_is_reported() -> None:
    data = _data(agencies=[_agency("a"), _agency("a"), _agency("b"), _agency("a"), _agency("b")])
    assert _messages(data) == [
        "agencies.1.id: expected an id not used before (agencies.0.id has it), got 'a'",
        "agencies.3.id: expected an id not used before (agencies.0.id has it), got 'a'",
        "agencies.4.id: expected an id not used before (agencies.2.id has it), got 'b'",
    ]


# --- agency parents ---------------------------------------------------------------------------


def test_a_parent_that_is_not_listed_is_refused() -> None:
    data = _data(agencies=[_agency("council"), _agency("social-care", parent="counsil")])
    assert _refused(data) == (
        "agencies.1.parent: expected the id of one of the report's agencies, got 'counsil'"
    )


def test_a_cycle_of_parents_is_refused_once_at_its_first_agency() -> None:
    data = _data(
        agencies=[
            _agency("top"),
            _agency("b", parent="c"),
            _agency("a", parent="b"),
            _agency("c", parent="a"),
            _agency("leaf", parent="a"),  # leads into the cycle: not a second problem
        ]
    )
    assert _refused(data) == (
        "agencies.1.parent: expected a parent that does not lead back to the agency itself "
        "(b -> c -> a -> b), got 'c'"
    )


def test_two_agencies_that_are_each_others_parent_are_refused() -> None:
    data = _data(agencies=[_agency("a", parent="b"), _agency("b", parent="a")])
    assert _refused(data) == (
        "agencies.0.parent: expected a parent that does not lead back to the agency itself "
        "(a -> b -> a), got 'b'"
    )


def test_a_long_chain_of_parents_is_accepted() -> None:
    chain = [_agency("a0")] + [_agency(f"a{n}", parent=f"a{n - 1}") for n in range(1, 2000)]
    assert len(AnnualReport.model_validate(_data(agencies=chain)).agencies) == 2000


@pytest.mark.parametrize(
    "agencies",
    [
        [_agency("a"), _agency("a")],
        [_agency("a", parent="z")],
        [_agency("a", parent="b"), _agency("b", parent="a")],
        [_agency("a", parent="b"), _agency("b", parent="c"), _agency("c", parent="b")],
    ],
    ids=["duplicate", "dangling", "two-cycle", "into-a-cycle"],
)
def test_the_report_refuses_what_index_agencies_refuses(agencies: list[dict[str, Any]]) -> None:
    with pytest.raises(InvalidInputError):
        index_agencies(Agency.model_validate(agency) for agency in agencies)
    assert _messages(_data(agencies=agencies))


# --- references to agencies -------------------------------------------------------------------


def _attendance(agency: str) -> dict[str, Any]:
    row = {"label": "Police", "agency": agency, "attended": "80"}
    return {"period": "2015/16", "records": [{"label": "Chair", "attended": "100"}, row]}


def _section11(agency: str) -> dict[str, Any]:
    return {
        "period": "2015/16",
        "returns": [{"agency": agency, "standard": "Training", "rating": "green"}],
    }


def _budget(agency: str) -> dict[str, Any]:
    lines = [{"label": "Council", "amount": "10"}, {"label": "P", "amount": "5", "agency": agency}]
    return {
        "period": "2015/16",
        "income": {
            "sections": [{"name": "Other", "lines": []}, {"name": "Contributions", "lines": lines}]
        },
        "expenditure": {"sections": []},
    }


@pytest.mark.parametrize(
    ("part", "make", "path"),
    [
        ("attendance", _attendance, "attendance.records.1.agency"),
        ("section11", _section11, "section11.returns.0.agency"),
        ("budget", _budget, "budget.income.sections.1.lines.1.agency"),
        (
            "inspections",
            lambda agency: [_inspection("i"), _inspection("j", subject_agency=agency)],
            "inspections.1.subject_agency",
        ),
    ],
)
def test_an_agency_id_that_names_no_agency_of_the_report_is_refused(
    part: str,
    make: Callable[[str], object],
    path: str,
) -> None:
    listed = [_agency("police")]
    assert AnnualReport.model_validate(_data(agencies=listed, **{part: make("police")}))
    assert _refused(_data(agencies=listed, **{part: make("polise")})) == (
        f"{path}: expected the id of one of the report's agencies, got 'polise'"
    )


def test_recommendation_owners_are_names_as_printed_and_need_not_be_agencies() -> None:
    recommendation = {"number": 1, "text": "Act", "owners": ["all agencies", "lscb-board"]}
    data = _data(inspections=[_inspection("i", recommendations=[recommendation])])
    owners = AnnualReport.model_validate(data).inspections[0].recommendations[0].owners
    assert owners == ("all agencies", "lscb-board")


# --- references to observations and indicators ------------------------------------------------


def test_an_observation_of_an_indicator_the_report_does_not_define_is_refused() -> None:
    data = _data(indicators=[COUNT], observations=[_obs("a"), _obs("b", indicator="m")])
    assert _refused(data) == (
        "observations.1.indicator: expected one of the report's indicators, got 'm'"
    )


def test_a_claim_referring_to_an_observation_id_that_does_not_exist_is_refused() -> None:
    data = _data(
        indicators=[COUNT],
        observations=[_obs("a")],
        claims=[_claim("c", before_ref="a", after_ref="a"), _claim("d", before_ref="b")],
    )
    assert _refused(data) == (
        "claims.1.before_ref: expected the id of one of the report's observations, got 'b'"
    )


# --- judgement scales -------------------------------------------------------------------------

SCALE = {
    "id": "county-audit-2015",
    "inspectorate": "board",
    "framework": "County audit",
    "grades": ["met", "partly met", "not met"],
    "aliases": {"partially met": "partly met"},
}


def _graded(scale: str, grade: str) -> dict[str, Any]:
    return _inspection("i", scale=scale, overall={"scale": scale, "grade": grade})


def test_an_inspection_on_a_scale_of_the_reports_own_is_accepted_with_its_grades() -> None:
    report = AnnualReport.model_validate(
        _data(scales=[SCALE], inspections=[_graded("county-audit-2015", "Partially met")])
    )
    overall = report.inspections[0].overall
    assert overall is not None
    assert report.scales[0].parse(overall.grade) == "partly met"


def test_an_inspection_on_a_scale_nobody_defines_is_refused() -> None:
    data = _data(inspections=[_graded("county-audit-2016", "met")])
    assert _refused(data) == (
        "inspections.0.scale: expected a built-in scale id or the id of one of the report's "
        "scales, got 'county-audit-2016'"
    )


def test_a_grade_that_is_not_on_the_reports_scale_is_refused() -> None:
    data = _data(scales=[SCALE], inspections=[_graded("county-audit-2015", "good")])
    assert _refused(data) == (
        "inspections.0.overall.grade: expected a grade on scale 'county-audit-2015' "
        "(met, partly met, not met), got 'good'"
    )


def test_a_scale_of_the_reports_own_cannot_repeat_an_id() -> None:
    builtin = SCALE | {"id": "cqc-2014"}
    assert _messages(_data(scales=[SCALE, builtin, SCALE])) == [
        "scales.1.id: expected an id that is not a built-in scale's, got 'cqc-2014'",
        "scales.2.id: expected an id not used before (scales.0.id has it), got 'county-audit-2015'",
    ]


# --- the report as a whole --------------------------------------------------------------------


def test_every_problem_is_reported_at_once() -> None:
    data = _data(
        indicators=[COUNT],
        observations=[_obs("a", indicator="m"), _obs("a")],
        claims=[_claim("c", after_ref="z")],
        agencies=[_agency("p", parent="q"), _agency("p")],
    )
    paths = [message.split(":")[0] for message in _messages(data)]
    assert paths == [
        "observations.0.indicator",
        "observations.1.id",
        "claims.0.after_ref",
        "agencies.1.id",
        "agencies.0.parent",
    ]


def test_a_long_id_is_shortened_in_the_message() -> None:
    long_id = "x" * 5000
    message = _refused(_data(agencies=[_agency(long_id), _agency(long_id)]))
    assert len(message) < 200
    assert message.endswith("got '" + "x" * 60 + "…'")


def test_a_report_file_with_a_dangling_reference_is_refused_on_load(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(_data(agencies=[_agency("a", parent="b")])), encoding="utf-8")
    with pytest.raises(
        ValidationError, match=r"agencies\.0\.parent: not accepted \('b'\) — expected the id of one"
    ):
        load_report(path)


def test_the_bundled_example_resolves_and_breaking_it_is_refused() -> None:
    report = load_example()
    assert len(report.agencies) > 20
    assert report.claims
    data = example_data("lancashire-2015-16")
    data["agencies"] = [*data["agencies"], data["agencies"][0]]
    data["claims"] = [*data["claims"], data["claims"][2]]
    first_claim = data["claims"][2]["id"]
    assert _messages(data) == [
        (
            f"claims.{len(data['claims']) - 1}.id: expected an id not used before "
            f"(claims.2.id has it), got {first_claim!r}"
        ),
        (
            f"agencies.{len(data['agencies']) - 1}.id: expected an id not used before "
            f"(agencies.0.id has it), got {data['agencies'][0]['id']!r}"
        ),
    ]
