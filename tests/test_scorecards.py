from typing import Any

from safeguarding_model import AnnualReport, Direction, Significance, load_example, scorecard


def _report(indicators: list[dict[str, Any]], observations: list[dict[str, Any]]) -> AnnualReport:
    return AnnualReport.model_validate(
        {
            "id": "t",
            "title": "T",
            "arrangement": "board",
            "area": {"name": "A"},
            "period": "2015/16",
            "indicators": indicators,
            "observations": observations,
        }
    )


def _obs(indicator: str, area: str, period: str, number: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {
        "indicator": indicator,
        "area": area,
        "period": period,
        "value": {"number": number, "printed": number},
    } | extra


def test_directions_allow_for_rounding_and_polarity() -> None:
    report = _report(
        [
            {"id": "a", "name": "A", "kind": "percentage", "polarity": "lower_is_better"},
            {"id": "b", "name": "B", "kind": "count"},
        ],
        [
            _obs("a", "A", "2014/15", "5.3"),
            _obs("a", "A", "2015/16", "5.0"),
            _obs("b", "A", "2014/15", "10"),
            _obs("b", "A", "2015/16", "10"),
        ],
    )
    rows = {row.indicator.id: row for row in scorecard(report)}
    assert rows["a"].computed_direction is Direction.IMPROVING
    assert rows["b"].computed_direction is Direction.NO_CHANGE


def test_significance_against_england_from_counts() -> None:
    report = _report(
        [{"id": "r", "name": "R", "kind": "rate", "per": 10000, "population": "child"}],
        [
            _obs(
                "r",
                "A",
                "2015/16",
                "69.1",
                count={"number": "1691"},
                denominator={"number": "244718"},
            ),
            _obs("r", "England", "2015/16", "60"),
        ],
    )
    (row,) = scorecard(report)
    assert row.computed_significance is Significance.HIGHER
    assert [o.area for o in row.comparators] == ["England"]


def test_quarters_give_way_to_annual_figures() -> None:
    report = _report(
        [{"id": "q", "name": "Q", "kind": "percentage"}],
        [
            _obs("q", "A", "2014/15", "15.7"),
            _obs("q", "A", "2015/16", "15.7"),
            _obs("q", "A", "Q4 2015/16", "12.0"),
        ],
    )
    (row,) = scorecard(report)
    assert str(row.latest.period) == "2015/16"
    assert row.previous is not None
    assert str(row.previous.period) == "2014/15"


def test_the_lancashire_scorecard_has_a_row_per_indicator_with_figures() -> None:
    report = load_example("lancashire-2015-16")
    rows = scorecard(report)
    assert len(rows) == len({o.indicator for o in report.observations if o.area == "Lancashire"})
    infant = next(row for row in rows if row.indicator.id == "infant-mortality")
    assert infant.latest.value.printed == "4.8"
    assert infant.latest.stated_direction is Direction.NO_SIGNIFICANT_CHANGE
