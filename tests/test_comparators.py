"""Comparator groups: named sets of areas, validated, and found by id or name."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from builders import report_of
from safeguarding_model import (
    AnnualReport,
    ComparatorGroup,
    ComparatorKind,
    comparator_areas,
    load_example,
)


def group(**changes: object) -> dict[str, Any]:
    return {
        "id": "lancashire-sn",
        "name": "Statistical neighbours",
        "kind": "statistical_neighbours",
        "members": ["Cumbria", "Derbyshire"],
        "source": "DfE LAIT 2016",
    } | changes


def report_with(*groups: dict[str, Any]) -> AnnualReport:
    return report_of(area="X", comparator_groups=list(groups))


def test_a_group_keeps_its_members_kind_and_source() -> None:
    made = ComparatorGroup.model_validate(group())
    assert made.kind is ComparatorKind.STATISTICAL_NEIGHBOURS
    assert made.members == ("Cumbria", "Derbyshire")
    assert made.source == "DfE LAIT 2016"
    assert made.names() == {"lancashire-sn", "Statistical neighbours"}
    assert report_with(group()).comparator_groups == (made,)


def test_every_kind_has_words() -> None:
    assert {kind.value for kind in ComparatorKind} == {
        "statistical_neighbours",
        "core_cities",
        "region",
        "other",
    }
    assert all(kind.description for kind in ComparatorKind)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"members": []}, "at least 1 item"),
        ({"members": ["Cumbria", " "]}, r"members\[1\]: expected some text"),
        ({"members": ["Cumbria", "Cumbria"]}, r"members\[1\]: expected an area not listed before"),
        ({"id": "Not A Slug"}, "id: expected a slug"),
        ({"name": ""}, "name: expected some text"),
        ({"kind": "neighbours"}, "kind"),
    ],
)
def test_a_group_is_refused_when_malformed(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ComparatorGroup.model_validate(group(**changes))


def test_a_reports_groups_have_distinct_ids_and_names() -> None:
    with pytest.raises(ValidationError, match=r"comparator_groups\[1\].id: expected an id or name"):
        report_with(group(), group(name="Neighbours"))
    with pytest.raises(
        ValidationError, match=r"comparator_groups\[1\].name: expected an id or name"
    ):
        report_with(group(), group(id="other"))
    # a group's name may be its own id
    assert len(report_with(group(name="core-cities", id="core-cities")).comparator_groups) == 1


def test_comparator_areas_finds_a_group_by_id_or_name_and_an_area_by_itself() -> None:
    groups = (ComparatorGroup.model_validate(group()),)
    wanted = {"lancashire-sn", "Statistical neighbours"}
    assert comparator_areas(groups, "lancashire-sn") == wanted
    assert comparator_areas(groups, "Statistical neighbours") == wanted
    assert comparator_areas(groups, "England") == {"England"}
    assert comparator_areas((), "lancashire-sn") == {"lancashire-sn"}


def test_the_lancashire_report_has_no_groups_and_still_validates() -> None:
    assert load_example().comparator_groups == ()
