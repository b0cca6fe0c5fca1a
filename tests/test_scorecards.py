from decimal import Decimal
from typing import Any

from safeguarding_model import (
    AnnualReport,
    Direction,
    IndicatorDefinition,
    IntervalMethod,
    Observation,
    Significance,
    load_example,
    observation_interval,
    parse_value,
    proportion_ci,
    scorecard,
)
from safeguarding_model.indicators import computed_significance


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


def test_directions_allow_for_rounding_and_ignore_polarity() -> None:
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
    # 5.3 to 5.0 is lower by more than rounding, but only the values were compared: not "Better"
    assert rows["a"].computed_direction is Direction.LOWER_NOT_TESTED
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


def _observation(**fields: object) -> Observation:
    return Observation.model_validate(
        {"indicator": "i", "area": "A", "period": "2015/16", **fields}
    )


def test_observation_interval_prefers_the_printed_interval() -> None:
    rate = IndicatorDefinition.model_validate(
        {"id": "i", "name": "I", "kind": "rate", "per": 1_000, "population": "child"}
    )
    printed = _observation(
        value=parse_value("5.0"),
        lower=Decimal("4.1"),
        upper=Decimal("6.2"),
        confidence=0.998,
        count=parse_value("50"),
        denominator=parse_value("10000"),
    )
    interval = observation_interval(rate, printed)
    assert interval is not None
    assert (interval.lower, interval.upper, interval.confidence) == (4.1, 6.2, 0.998)
    assert interval.method is IntervalMethod.PUBLISHED


def test_observation_interval_from_counts_by_kind() -> None:
    counts = {"count": parse_value("30"), "denominator": parse_value("120")}
    percentage = IndicatorDefinition.model_validate({"id": "i", "name": "I", "kind": "percentage"})
    interval = observation_interval(percentage, _observation(value=parse_value("25%"), **counts))
    wilson = proportion_ci(30, 120, multiplier=100)
    assert interval is not None
    assert (interval.lower, interval.upper) == (wilson.lower, wilson.upper)
    assert interval.method is IntervalMethod.WILSON
    number = IndicatorDefinition.model_validate({"id": "i", "name": "I", "kind": "count"})
    assert observation_interval(number, _observation(value=parse_value("30"), **counts)) is None
    empty = {"count": parse_value("0"), "denominator": parse_value("0")}
    assert observation_interval(percentage, _observation(value=parse_value("0%"), **empty)) is None


def test_computed_significance_uses_a_printed_interval_when_no_counts_are_printed() -> None:
    rate = IndicatorDefinition.model_validate(
        {"id": "i", "name": "I", "kind": "rate", "per": 100_000, "population": "child"}
    )
    printed = _observation(value=parse_value("15.9"), lower=Decimal("12.1"), upper=Decimal("20.5"))
    england = _observation(value=parse_value("12.0")).model_copy(update={"area": "England"})
    assert computed_significance(rate, printed, england) is Significance.HIGHER
    assert computed_significance(rate, printed, None) is Significance.NOT_COMPARED


def test_a_year_shows_the_quarters_printed_within_it_in_order_with_gaps() -> None:
    from safeguarding_model import load_example, scorecard  # noqa: PLC0415

    rows = {row.indicator.id: row for row in scorecard(load_example())}
    assessments = rows["assessments-completed-to-timescale"]
    assert str(assessments.latest.period) == "2015/16"
    assert [None if p is None else (str(p.period), p.value.printed) for p in assessments.parts] == [
        ("2015/16 Q1", "79.9%"),
        ("2015/16 Q2", "78.2%"),
        ("2015/16 Q3", "67.1%"),
        ("2015/16 Q4", "61.0%"),
    ]
    referrals = rows["repeat-referrals"]
    assert [None if p is None else p.value.printed for p in referrals.parts] == [
        "17.8%",
        None,
        None,
        "12.0%",
    ]
    quarters_only = rows["missing-from-home"]  # a series of quarters: its latest is Q4
    assert str(quarters_only.latest.period) == "2015/16 Q4"
    assert quarters_only.parts == ()
    assert sum(1 for row in rows.values() if row.parts) == 2
