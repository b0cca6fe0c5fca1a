from decimal import Decimal
from typing import Any

import pytest
import yaml

from builders import report_of
from safeguarding_model import AnnualReport, CheckKind, Severity, check, load_example

_report = report_of


def _obs(obs_id: str, indicator: str, period: str, printed: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {
        "id": obs_id,
        "indicator": indicator,
        "area": "A",
        "period": period,
        "value": {"number": printed.replace(",", ""), "printed": printed},
    } | extra


COUNT = {"id": "n", "name": "N", "kind": "count"}


@pytest.mark.parametrize(
    ("before", "after", "stated", "expected"),
    [
        ("2,107", "2,226", "7", Severity.ERROR),  # LADO: 5.6%, not 7%
        ("956", "1,443", "55", Severity.ERROR),  # IRO: 50.9%, not 55%
        ("9853", "8644", "-12.2", Severity.WARNING),  # -12.27%: truncated, not rounded
        ("522", "527", "1.0", None),  # 0.96% rounds to 1.0
        ("1412", "1744", "23.5", None),
    ],
)
def test_percent_change_claims(
    before: str, after: str, stated: str, expected: Severity | None
) -> None:
    report = _report(
        indicators=[COUNT],
        observations=[_obs("b", "n", "2014/15", before), _obs("a", "n", "2015/16", after)],
        claims=[
            {
                "id": "c",
                "text": "t",
                "kind": "percent_change",
                "stated": stated,
                "before_ref": "b",
                "after_ref": "a",
            }
        ],
    )
    found = [f for f in check(report) if f.kind is CheckKind.STATED_CHANGE]
    assert [f.severity for f in found] == ([] if expected is None else [expected])


def test_absolute_change_and_ratio_claims() -> None:
    rate = {"id": "r", "name": "R", "kind": "rate", "per": 10000, "population": "child"}
    report = _report(
        indicators=[rate, COUNT],
        observations=[
            _obs("r13", "r", "2013/14", "118.1"),
            _obs("r16", "r", "2015/16", "160.6"),
            _obs("c14", "n", "2013/14", "885"),
            _obs("c15", "n", "2014/15", "1,527"),
        ],
        claims=[
            {
                "id": "abs",
                "text": "increased by 42.5",
                "kind": "absolute_change",
                "stated": "42.5",
                "before_ref": "r13",
                "after_ref": "r16",
            },
            {
                "id": "dbl",
                "text": "approximately double",
                "kind": "ratio",
                "stated": "2",
                "approximate": True,
                "before_ref": "c14",
                "after_ref": "c15",
            },
        ],
    )
    found = {f.location: f.severity for f in check(report) if f.kind is CheckKind.STATED_CHANGE}
    assert found == {
        "claim dbl": Severity.WARNING
    }  # 1.73 is not "approximately double"; 42.5 is right


def test_rates_against_their_counts_and_implied_denominators() -> None:
    rate = {"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}
    other = {"id": "cpp", "name": "CPP", "kind": "rate", "per": 10000, "population": "child"}
    report = _report(
        indicators=[rate, other],
        observations=[
            _obs(
                "x",
                "cla",
                "2015/16",
                "69.1",
                count={"number": "1691"},
                denominator={"number": "244718"},
            ),
            _obs(
                "y", "cpp", "2015/16", "5.9", count={"number": "1443"}
            ),  # a slip of a power of ten: 59.0
        ],
    )
    findings = check(report)
    assert [f.kind for f in findings if f.kind is CheckKind.RATE_VS_COUNTS] == []
    implied = [f for f in findings if f.kind is CheckKind.IMPLIED_DENOMINATOR]
    assert len(implied) == 1
    assert implied[0].severity is Severity.ERROR
    wrong = _report(
        indicators=[rate],
        observations=[
            _obs(
                "x",
                "cla",
                "2015/16",
                "60",
                count={"number": "1691"},
                denominator={"number": "244718"},
            )
        ],
    )
    assert [f.kind for f in check(wrong)] == [CheckKind.RATE_VS_COUNTS]


def test_shares_of_a_whole() -> None:
    def share(i: str) -> dict[str, Any]:
        return {"id": i, "name": i, "kind": "percentage", "shares_of": "plans"}

    def report(values: list[str]) -> AnnualReport:
        ids = ["a", "b", "c"]
        return _report(
            indicators=[share(i) for i in ids],
            observations=[_obs(i, i, "2015/16", v) for i, v in zip(ids, values, strict=True)],
        )

    assert check(report(["40", "11.9", "48.1"])) == ()
    assert check(report(["34", "6.1", "60.4"])) == ()  # 100.5 is within the rounding of "34"
    assert [f.kind for f in check(report(["40", "11.9", "50.1"]))] == [CheckKind.SHARES_TOTAL]


def test_stated_directions() -> None:
    better = {"id": "gld", "name": "GLD", "kind": "percentage", "polarity": "higher_is_better"}
    report = _report(
        indicators=[better],
        observations=[
            _obs("p", "gld", "2014/15", "63.3"),
            _obs("c", "gld", "2015/16", "67.5", stated_direction="worsening"),
        ],
    )
    (finding,) = check(report)
    assert finding.kind is CheckKind.STATED_DIRECTION
    assert "not printed as final" not in finding.message
    estimated = _report(
        indicators=[better],
        observations=[
            _obs("p", "gld", "2014/15", "63.3"),
            _obs("c", "gld", "2015/16", "67.5", stated_direction="worsening")
            | {"value": {"number": "67.5", "status": "estimated", "printed": "around 67.5"}},
        ],
    )
    (finding,) = check(estimated)
    assert finding.message.endswith("not printed as final: around 67.5 (estimated)")
    fine = _report(
        indicators=[better],
        observations=[
            _obs("p", "gld", "2014/15", "63.3"),
            _obs("c", "gld", "2015/16", "67.5", stated_direction="improving"),
        ],
    )
    assert check(fine) == ()


def test_the_bundled_report_round_trips_through_json_and_yaml() -> None:
    report = load_example("lancashire-2015-16")
    assert AnnualReport.model_validate_json(report.model_dump_json()) == report
    assert (
        AnnualReport.model_validate(yaml.safe_load(yaml.safe_dump(report.model_dump(mode="json"))))
        == report
    )


def test_the_bundled_budget_findings() -> None:
    findings = check(load_example("lancashire-2015-16"))
    budget = sorted(f.location for f in findings if f.kind is CheckKind.BUDGET_ARITHMETIC)
    assert budget == [
        "budget expenditure / Child Death Overview / subtotal",
        "budget income / Child Death Overview Panel / subtotal",
        "budget income / Contributions to Board / subtotal",
        "budget income / total",
    ]
    assert any(f.kind is CheckKind.PERIOD_LABEL and "'14/15'" in f.message for f in findings)
    assert Decimal(0) not in {
        Decimal(n)
        for f in findings
        if f.kind is CheckKind.BUDGET_ARITHMETIC
        for name, n in f.numbers
        if name == "difference"
    }


def test_indicators_frame_is_tidy_and_feeds_the_batch_statistics() -> None:
    import pandas as pd  # noqa: PLC0415 - the optional extra, as users import it

    from safeguarding_model import rate_ci  # noqa: PLC0415

    frame = load_example("lancashire-2015-16").indicators_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(load_example("lancashire-2015-16").observations)
    assert {"indicator", "area", "period", "value", "status", "line"} <= set(frame.columns)
    rates = frame[(frame.indicator == "children-looked-after-rate") & (frame.area == "Lancashire")]
    interval = rate_ci(pd.Series([1691.0, 1600.0]), pd.Series([244_718.0, 244_000.0]), per=10_000)
    assert interval.value[0] == pytest.approx(69.1, abs=0.05)
    assert not rates.empty


def test_stated_significance_against_the_counts() -> None:
    rate = {"id": "r", "name": "R", "kind": "rate", "per": 10000, "population": "child"}
    mine = {"number": "1691"}, {"number": "244718"}

    def report(**stated: str) -> AnnualReport:
        return _report(
            indicators=[rate],
            observations=[
                _obs("a", "r", "2015/16", "69.1", count=mine[0], denominator=mine[1], **stated),
                _obs("e", "r", "2015/16", "60") | {"area": "England"},
            ],
        )

    assert check(report(stated_significance="higher")) == ()
    assert check(report(stated_rag="blue")) == ()
    wrong = check(report(stated_significance="similar"))
    assert [(f.kind, f.severity) for f in wrong] == [
        (CheckKind.STATED_SIGNIFICANCE, Severity.ERROR)
    ]
    assert "'Similar'" in wrong[0].message
    assert [f.kind for f in check(report(stated_rag="amber"))] == [CheckKind.STATED_SIGNIFICANCE]


def test_implied_populations_against_a_stated_estimate() -> None:
    rate = {"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}

    def report(estimate: str) -> AnnualReport:
        return _report(
            indicators=[rate],
            observations=[
                _obs("x", "cla", "2015/16", "69.1", count={"number": "1691"}) | {"area": "T"}
            ],
            context=[
                {
                    "label": "children",
                    "value": {"number": estimate},
                    "population": "child",
                    "period": "2014",
                }
            ],
            area={"name": "T"},
        )

    assert (
        check(report("250000")) == ()
    )  # 2% from the implied 244,700: within a year or two's change
    assert [f.kind for f in check(report("274733"))] == [CheckKind.IMPLIED_DENOMINATOR]


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("4.0", "4.0", None),  # the same figure in a table and in the text
        ("4.0", "4", None),  # 4 stands for 3.5 to 4.5, which holds 4.0
        ("4.0", "4.2", Severity.ERROR),  # no number rounds to both
        ("1,412", "1,744", Severity.ERROR),
        ("N/A", "81.0", Severity.WARNING),  # a number in one place, none in the other
    ],
)
def test_a_figure_printed_twice(first: str, second: str, expected: Severity | None) -> None:
    def cell(obs_id: str, printed: str) -> dict[str, Any]:
        if printed == "N/A":
            value = {"number": None, "status": "not_applicable", "printed": printed}
            return _obs(obs_id, "n", "2015/16", "0") | {"value": value}
        return _obs(obs_id, "n", "2015/16", printed)

    report = _report(indicators=[COUNT], observations=[cell("x", first), cell("y", second)])
    findings = [f for f in check(report) if f.kind is CheckKind.REPEATED_FIGURE]
    assert [f.severity for f in findings] == ([] if expected is None else [expected])
    if expected is not None:
        assert findings[0].numbers == (("printed", first), ("printed", second))


@pytest.mark.parametrize(
    ("bound", "stated", "figure", "holds"),
    [
        ("almost", "250000", "274,733", False),  # Lancashire's "almost a quarter of a million"
        ("almost", "250000", "241,000", True),
        ("almost", "250000", "200,000", False),  # below, but not near: 20% short
        ("almost", "250000", "250,000", True),  # printed 250,000 may be 249,999.6: rounding allowed
        ("more_than", "1000", "1,046", True),
        ("more_than", "1000", "1,000", True),  # 1,000 may be 1,000.4, as for every printed figure
        ("more_than", "1000", "999.6", False),  # at most 999.65
        ("at_least", "4175", "4,175", True),
        ("at_least", "4175", "4,174", False),
        ("fewer_than", "20", "19", True),
        ("fewer_than", "20", "20.5", False),  # at least 20.45
        ("almost", "-50", "-47.5", True),  # "almost a 50% reduction": a reduction of 47.5%
        ("more_than", "-10", "-12.0", True),  # "a reduction of more than 10%"
        ("more_than", "-10", "-8.0", False),
    ],
)
def test_claims_with_a_bound(bound: str, stated: str, figure: str, holds: bool) -> None:  # noqa: FBT001
    after = {"number": figure.replace(",", ""), "printed": figure}
    claim = {"id": "c", "text": "t", "kind": "level", "stated": stated, "bound": bound}
    findings = check(_report(claims=[claim | {"after": after}]))
    assert [f.kind for f in findings] == ([] if holds else [CheckKind.STATED_CHANGE])
    if not holds:
        assert f"states {bound.replace('_', ' ')} {stated}" in findings[0].message
        assert ("bound", bound) in findings[0].numbers


@pytest.mark.parametrize(
    ("polarity", "stated", "after", "found"),
    [
        ("lower_is_better", "improving", "67.5", True),  # rose, which is worse
        ("lower_is_better", "worsening", "67.5", False),
        ("lower_is_better", "worsening", "60.1", True),  # fell, which is better
        ("higher_is_better", "improving", "60.1", True),
        ("higher_is_better", "improving", "63.34", False),  # within the rounding of 63.3
        ("no_judgement", "improving", "60.1", False),  # no better or worse to contradict
    ],
)
def test_stated_directions_by_polarity(
    polarity: str,
    stated: str,
    after: str,
    found: bool,  # noqa: FBT001 - a parameter of the table
) -> None:
    indicator = {"id": "x", "name": "X", "kind": "percentage", "polarity": polarity}
    report = _report(
        indicators=[indicator],
        observations=[
            _obs("p", "x", "2014/15", "63.3"),
            _obs("c", "x", "2015/16", after, stated_direction=stated),
        ],
    )
    codes = [f.code for f in check(report)]
    assert codes == (["R105"] if found else [])
