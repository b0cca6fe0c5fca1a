"""The typed rows of official statistics files: ``OfficialTable`` and ``PublishedFigure``."""

from __future__ import annotations

import attrs
import pytest

from safeguarding_model import IndicatorDefinition, Observation, UnknownIdError, parse_value
from safeguarding_model.markers import Significance
from safeguarding_model.official import OfficialLayout, OfficialTable, PublishedFigure

INFANT = IndicatorDefinition.model_validate(
    {"id": "fingertips-92196", "name": "Infant mortality", "kind": "rate", "per": 1000}
)


def _figure(area: str, code: str, value: str, line: int) -> PublishedFigure:
    observation = Observation.model_validate(
        {"indicator": INFANT.id, "area": area, "period": "2012 - 14", "value": parse_value(value)}
    )
    return PublishedFigure(
        observation,
        area_code=code,
        line=line,
        breakdown={"Sex": "Persons"},
        compared_to_england=Significance.SIMILAR,
    )


FIGURES = (
    _figure("England", "E92000001", "4.0", 2),
    _figure("Lancashire", "E10000017", "4.1", 3),
    _figure("England", "E92000001", "3.9", 4),
)


def test_a_table_keeps_its_rows_in_file_order_and_finds_an_areas() -> None:
    table = OfficialTable("profile.csv", OfficialLayout.FINGERTIPS, (INFANT,), FIGURES)
    assert len(table) == 3
    assert [f.line for f in table] == [2, 3, 4]
    assert table.area_codes == ("E92000001", "E10000017")
    assert [f.line for f in table.for_area("E92000001")] == [2, 4]
    assert table.for_area("E06000009") == ()
    assert [o.value.printed for o in table.observations] == ["4.0", "4.1", "3.9"]
    assert table.indicator("fingertips-92196") is INFANT


def test_an_unknown_indicator_raises_the_packages_error_which_is_a_key_error() -> None:
    table = OfficialTable("profile.csv", OfficialLayout.FINGERTIPS, (INFANT,), FIGURES)
    with pytest.raises(KeyError) as caught:
        table.indicator("fingertips-1")
    assert isinstance(caught.value, UnknownIdError)
    assert "fingertips-1" in str(caught.value)


def test_figures_are_frozen_and_their_breakdown_immutable() -> None:
    figure = FIGURES[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        figure.line = 9  # type: ignore[misc]
    with pytest.raises(TypeError):
        figure.breakdown["Sex"] = "Male"
    assert figure == _figure("England", "E92000001", "4.0", 2)
    assert figure != _figure("England", "E92000001", "4.0", 5)
