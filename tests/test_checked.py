"""The readers' fast path builds the very records pydantic's validation builds, and falls back to it."""

from __future__ import annotations

import gc
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from example_files import EXAMPLE_FILES
from safeguarding_model import Observation, Provenance, Value, parse_value
from safeguarding_model._checked import (
    checked_observation,
    checked_provenance,
    checked_value,
    collection_paused,
)
from safeguarding_model.dfe_statistics import read_dfe_statistics
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.periods import parse_period
from test_dfe_statistics import CLA_MEASURES

if TYPE_CHECKING:
    from pathlib import Path

    from safeguarding_model.official import OfficialTable

OFFICIAL = EXAMPLE_FILES
FIXTURES = sorted([*OFFICIAL.glob("dfe-*.csv"), *OFFICIAL.glob("*fingertips*.csv")])


def _table(path: Path) -> OfficialTable:
    if path.name.startswith("dfe-"):
        return read_dfe_statistics(path, measures=CLA_MEASURES)
    return read_fingertips(path)


def _given_fields(record: Any) -> dict[str, Any]:  # noqa: ANN401 - any record
    return {name: getattr(record, name) for name in record.model_fields_set}


def _same(fast: Any, model: Any) -> None:  # noqa: ANN401 - any record
    """``fast`` equals ``model``'s validation of the same fields and of its own dump."""
    validated = model.model_validate(_given_fields(fast))
    assert fast == validated
    assert fast.model_fields_set == validated.model_fields_set
    assert repr(fast) == repr(validated)
    assert fast == model.model_validate(fast.model_dump())
    assert hash(fast) == hash(validated)


def test_every_fixture_is_an_official_file() -> None:
    kinds = {"dfe" if path.name.startswith("dfe-") else "fingertips" for path in FIXTURES}
    assert kinds == {"dfe", "fingertips"}
    assert len(FIXTURES) >= 4


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: path.name)
def test_every_fixture_row_equals_its_validated_observation(path: Path) -> None:
    table = _table(path)
    assert len(table) > 0
    for figure in table:
        observation = figure.observation
        _same(observation, Observation)
        for value in (observation.value, observation.count, observation.denominator):
            if value is not None:
                _same(value, Value)
        assert observation.provenance is not None
        _same(observation.provenance, Provenance)
        assert observation.provenance.line == figure.line


_FIELDS: dict[str, Any] = {
    "indicator": "fingertips-92196",
    "area": "Lancashire",
    "period": parse_period("2013 - 15", expect="pooled_years"),
    "value": parse_value("4.8"),
}


def _problems(error: ValidationError) -> list[tuple[object, ...]]:
    return [(problem["type"], problem["loc"], problem["msg"]) for problem in error.errors()]


@pytest.mark.parametrize(
    "extra",
    [
        {"lower": Decimal("5.5"), "upper": Decimal("4.2"), "confidence": 0.95},
        {"lower": Decimal("4.2"), "upper": None},
        {"lower": None, "upper": Decimal("4.2")},
        {"confidence": 1.0},
        {"confidence": 0.0},
        {"count": parse_value("200"), "count_ref": "other"},
        {"value": None},
        {"period": "not a period"},
        {"count": "200"},
    ],
)
def test_fields_that_break_a_rule_get_pydantics_own_error(extra: dict[str, Any]) -> None:
    fields = {**_FIELDS, **extra}
    with pytest.raises(ValidationError) as validated:
        Observation.model_validate(fields)
    with pytest.raises(ValidationError) as fast:
        checked_observation(fields)
    assert _problems(fast.value) == _problems(validated.value)


def test_fields_in_another_form_are_validated_as_pydantic_would() -> None:
    fields = {**_FIELDS, "period": "2016", "count": parse_value("7")}
    assert checked_observation(fields) == Observation.model_validate(fields)
    assert str(checked_observation(fields).period) == "2016"


def test_limits_in_order_and_a_confidence_are_kept() -> None:
    fields = {**_FIELDS, "lower": Decimal("4.2"), "upper": Decimal("5.5"), "confidence": 0.998}
    observation = checked_observation(fields)
    _same(observation, Observation)
    assert (observation.lower, observation.upper, observation.confidence) == (
        Decimal("4.2"),
        Decimal("5.5"),
        0.998,
    )


def test_a_value_whose_number_disagrees_with_its_status_is_refused() -> None:
    with pytest.raises(ValidationError, match="expected a number for a value with status"):
        checked_value({"number": None, "note": None})
    with pytest.raises(ValidationError, match="expected none for a value with status"):
        checked_value({"number": Decimal(3), "status": parse_value("[c]").status})


def test_a_provenance_is_as_validated() -> None:
    fields = {"source": "cin.csv", "line": 7, "column": "At31_episodes"}
    _same(checked_provenance(fields), Provenance)
    assert str(checked_provenance(fields)) == "source 'cin.csv', column 'At31_episodes', line 7"


_HEADER = "time_period,time_identifier,geographic_level,country_code,country_name,At31_episodes\n"
_PLAIN = st.from_regex(r"-?(0|[1-9][0-9]{0,19})(\.[0-9]{1,6})?", fullmatch=True)


@given(st.lists(_PLAIN, min_size=1, max_size=10))
def test_a_dfe_number_reads_as_parse_value_reads_it(cells: list[str]) -> None:
    text = _HEADER + "".join(
        f"2016,Reporting year,National,E92000001,England,{cell}\n" for cell in cells
    )
    table = read_dfe_statistics(io.StringIO(text))
    assert [figure.observation.value for figure in table] == [parse_value(c) for c in cells]
    for figure in table:
        _same(figure.observation.value, Value)


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(KeyError), collection_paused():
        raise KeyError
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_records_given_the_same_fields_keep_their_own_fields_set() -> None:
    first, second = checked_observation(dict(_FIELDS)), checked_observation(dict(_FIELDS))
    copied = first.model_copy(update={"note": "tbc"})
    assert "note" in copied.model_fields_set
    assert "note" not in first.model_fields_set | second.model_fields_set
    with pytest.raises(ValidationError, match="frozen"):
        first.note = "tbc"  # type: ignore[misc]
    assert first.model_fields_set == set(_FIELDS)
