"""An indicator's interval method: ``IndicatorDefinition.interval`` and where it is used."""

from __future__ import annotations

import json
import math

import pytest
from pydantic import ValidationError

from safeguarding_model import (
    IndicatorDefinition,
    IntervalMethod,
    InvalidInputError,
    Observation,
    Significance,
    load_example,
    observation_interval,
    parse_value,
    proportion_ci,
    rate_ci,
)
from safeguarding_model.indicators import computed_significance, computed_significances


def _rate(interval: str | None = None, **more: object) -> IndicatorDefinition:
    return IndicatorDefinition.model_validate(
        {
            "id": "cla",
            "name": "Children looked after",
            "kind": "rate",
            "per": 10_000,
            "population": "child",
            "interval": interval,
            **more,
        }
    )


def _figure(count: str, denominator: str, area: str = "A") -> Observation:
    return Observation.model_validate(
        {
            "indicator": "cla",
            "area": area,
            "period": "2015/16",
            "value": parse_value("69.1"),
            "count": parse_value(count),
            "denominator": parse_value(denominator),
        }
    )


def _england(value: str) -> Observation:
    return Observation.model_validate(
        {"indicator": "cla", "area": "England", "period": "2015/16", "value": parse_value(value)}
    )


def test_a_rate_of_children_counted_once_takes_the_wilson_interval_scaled_by_its_base() -> None:
    interval = observation_interval(_rate("wilson"), _figure("1691", "244718"))
    assert interval is not None
    assert interval.method is IntervalMethod.WILSON
    assert interval.multiplier == 10_000
    # Wilson's limits by hand: (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), times 10,000
    x, n, z = 1691, 244_718, 1.959963984540054
    spread = z * math.sqrt(z * z + 4 * x * (1 - x / n))
    lower = (2 * x + z * z - spread) / (2 * (n + z * z)) * 10_000
    upper = (2 * x + z * z + spread) / (2 * (n + z * z)) * 10_000
    assert interval.lower == pytest.approx(lower, rel=1e-12)
    assert interval.upper == pytest.approx(upper, rel=1e-12)
    assert interval == proportion_ci(1691, 244_718, per=10_000)


def test_the_default_follows_the_kind() -> None:
    interval = observation_interval(_rate(), _figure("1691", "244718"))
    assert interval == rate_ci(1691, 244_718, per=10_000)
    assert _rate().interval_method is IntervalMethod.BYARS_EXACT
    assert _rate("byars_exact").interval_method is IntervalMethod.BYARS_EXACT
    share = IndicatorDefinition.model_validate({"id": "s", "name": "S", "kind": "percentage"})
    assert share.interval_method is IntervalMethod.WILSON
    assert (
        IndicatorDefinition.model_validate(
            {"id": "c", "name": "C", "kind": "count"}
        ).interval_method
        is None
    )


def test_wilson_refuses_a_count_above_its_denominator_as_not_compared() -> None:
    above = _figure("120", "100")
    assert observation_interval(_rate("wilson"), above) is None
    assert computed_significance(_rate("wilson"), above, _england("60")) is (
        Significance.NOT_COMPARED
    )
    # Byar's takes it: events, not people
    assert computed_significance(_rate(), above, _england("60")) is Significance.HIGHER


def test_like_figures_are_batched_by_method() -> None:
    wilson, byars = _rate("wilson"), _rate()
    # 1,700 of 250,000 at England's 64.83: Byar's says similar, Wilson's narrower interval higher
    edge = _figure("1700", "250000")
    england = _england("64.83")
    one_by_one = [
        computed_significance(wilson, edge, england),
        computed_significance(byars, edge, england),
    ]
    assert one_by_one == [Significance.HIGHER, Significance.SIMILAR]
    together = computed_significances(
        [(wilson, edge, england), (byars, edge, england), (wilson, edge, england)]
    )
    assert together == [*one_by_one, Significance.HIGHER]


@pytest.mark.parametrize("interval", ["student_t", "dobson", "published", "byars", "WILSON", 3])
def test_only_the_methods_from_counts_are_accepted(interval: object) -> None:
    with pytest.raises(ValidationError) as caught:
        _rate(interval)  # type: ignore[arg-type]
    (error,) = caught.value.errors()
    assert error["loc"] == ("interval",)
    assert "expected 'wilson'" in error["msg"]
    assert "'byars_exact'" in error["msg"]


def test_a_long_refused_value_is_shortened() -> None:
    with pytest.raises(ValidationError) as caught:
        _rate("x" * 500)
    message = caught.value.errors()[0]["msg"]
    assert "…" in message
    assert len(message) < 300


@pytest.mark.parametrize(
    ("kind", "interval", "words"),
    [
        ("mean", "wilson", "expected none for a mean indicator"),
        ("count", "byars_exact", "expected none for a count indicator"),
        ("percentage", "byars_exact", "expected 'wilson' or none for the percentage"),
        ("proportion", "byars_exact", "expected 'wilson' or none for the proportion"),
    ],
)
def test_the_method_must_suit_the_kind(kind: str, interval: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        IndicatorDefinition.model_validate(
            {"id": "x", "name": "X", "kind": kind, "interval": interval}
        )
    assert "interval: " in str(caught.value)
    assert words in str(caught.value)


def test_the_schema_names_the_two_methods() -> None:
    schema = IndicatorDefinition.model_json_schema()
    field = schema["properties"]["interval"]
    assert field["enum"] == ["wilson", "byars_exact", None]
    assert "IntervalMethod" not in json.dumps(schema)


def test_the_bundled_report_grades_children_counted_once_with_wilson() -> None:
    report = load_example()
    wilson = {i.id for i in report.indicators if i.interval is IntervalMethod.WILSON}
    assert wilson == {
        "children-in-care-rate",
        "children-looked-after-rate",
        "child-protection-plans-rate",
        "children-in-need-rate",
    }
    events = (
        "referrals-to-childrens-social-care-rate",
        "alcohol-specific-admissions-under-18",
        "injury-admissions-0-14",
        "first-time-entrants",
    )
    for indicator in events:
        assert report.indicator(indicator).interval_method is IntervalMethod.BYARS_EXACT


def test_proportion_ci_takes_per_or_multiplier_not_both() -> None:
    assert proportion_ci(5, 100, per=100) == proportion_ci(5, 100, multiplier=100)
    with pytest.raises(InvalidInputError) as caught:
        proportion_ci(5, 100, per=10_000, multiplier=100)
    assert caught.value.field == "per"
    with pytest.raises(InvalidInputError) as caught:
        proportion_ci(5, 100, per=7)
    assert caught.value.field == "per"
