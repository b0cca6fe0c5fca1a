"""Claims without a number (directions, comparisons, forecasts, targets) and their rules C103-C107."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from builders import report_of
from safeguarding_model import AnnualReport, Claim, check, load_example
from safeguarding_model.findings import Finding, Severity

FIGURES = [
    # id, area, period, value, lower, upper
    ("cpp-22", "X", "2022/23", "42.0", None, None),
    ("cpp-23", "X", "2023/24", "50.0", "46.0", "54.0"),
    ("cpp-23-close", "X", "2023/24", "42.1", None, None),
    ("eng-23", "England", "2023/24", "43.0", None, None),
    ("sn-23", "Statistical neighbours", "2023/24", "47.6", None, None),
    ("nw-23", "North West", "2023/24", "52.0", None, None),
]
GROUPS = [
    {
        "id": "x-sn",
        "name": "Statistical neighbours",
        "kind": "statistical_neighbours",
        "members": ["A", "B", "C"],
        "source": "DfE LAIT",
    }
]


def report(*claims: dict[str, Any], figures: list[tuple[Any, ...]] | None = None) -> AnnualReport:
    observations = []
    for ident, area, period, value, lower, upper in FIGURES if figures is None else figures:
        observation: dict[str, Any] = {
            "id": ident,
            "indicator": "cpp",
            "area": area,
            "period": period,
            "value": value if isinstance(value, dict) else {"number": value},
        }
        if lower is not None:
            observation |= {"lower": lower, "upper": upper, "confidence": 0.95}
        observations.append(observation)
    cpp = {"id": "cpp", "name": "Plans per 10,000", "kind": "rate", "per": 10000}
    return report_of(
        arrangement="partnership",
        area="X",
        period="2023/24",
        indicators=[cpp | {"population": "child", "polarity": "lower_is_better"}],
        observations=observations,
        comparator_groups=GROUPS,
        claims=list(claims),
    )


def direction(
    direction: str, before: str = "cpp-22", after: str = "cpp-23", **more: str
) -> dict[str, Any]:
    return {
        "id": "claim",
        "text": f"a {direction}",
        "kind": "direction",
        "direction": direction,
        "before_ref": before,
        "after_ref": after,
        **more,
    }


def comparison(relation: str, comparator: str, ref: str = "cpp-23", **more: str) -> dict[str, Any]:
    return {
        "id": "claim",
        "text": f"{relation} than {comparator}",
        "kind": "comparison",
        "relation": relation,
        "ref": ref,
        "comparator": comparator,
        **more,
    }


def future(kind: str, stated: str, period: str, **more: str) -> dict[str, Any]:
    return {
        "id": "claim",
        "text": f"{kind} {stated}",
        "kind": kind,
        "stated": stated,
        "indicator": "cpp",
        "period": period,
        **more,
    }


def found(*claims: dict[str, Any], figures: list[tuple[Any, ...]] | None = None) -> list[Finding]:
    return list(check(report(*claims, figures=figures), select="C"))


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [str(f) for f in findings]
    return findings[0]


# --- directions ------------------------------------------------------------------------------


def test_a_direction_the_figures_show_is_silent() -> None:
    assert found(direction("increase")) == []
    assert found(direction("decrease", "cpp-23", "cpp-22")) == []
    assert found(direction("stable", "cpp-22", "cpp-23-close")) == []
    assert found(direction("increase", "cpp-22", "cpp-23-close", degree="slightly")) == []


def test_an_increase_whose_figures_fell_is_an_error_with_the_figures_and_the_change() -> None:
    finding = only(found(direction("increase", "cpp-23", "cpp-22")))
    assert (finding.code, finding.severity, finding.location) == (
        "C103",
        Severity.ERROR,
        "claim claim",
    )
    assert "says increase, but the figures went from 50.0 to 42.0 (-16.00%)" in finding.message
    assert dict(finding.numbers) == {
        "stated": "increase",
        "earlier": "50.0",
        "later": "42.0",
        "difference": "-8.0",
        "computed": "-16.00",
    }


def test_a_direction_the_figures_do_not_show_as_printed_is_a_warning() -> None:
    figures = [("a", "X", "2022/23", "42", None, None), ("b", "X", "2023/24", "42", None, None)]
    finding = only(found(direction("decrease", "a", "b"), figures=figures))
    assert (finding.code, finding.severity) == ("C103", Severity.WARNING)
    assert "only within rounding" in finding.message


def test_stable_with_a_large_change_is_a_warning_naming_the_tolerance() -> None:
    finding = only(found(direction("stable")))
    assert (finding.code, finding.severity) == ("C103", Severity.WARNING)
    assert "more than 5%" in finding.message
    assert finding.number("tolerance") == "5.00"


@pytest.mark.parametrize(
    ("before", "after", "flagged"),
    [("100", "104.9", False), ("100", "110.0", False), ("100", "112", True), ("100", "150", True)],
)
def test_stable_and_slightly_thresholds(before: str, after: str, *, flagged: bool) -> None:
    figures = [("a", "X", "2022/23", before, None, None), ("b", "X", "2023/24", after, None, None)]
    slight = found(direction("increase", "a", "b", degree="slightly"), figures=figures)
    assert [f.code for f in slight] == (["C104"] if flagged else [])
    stable = found(direction("stable", "a", "b"), figures=figures)
    assert [f.code for f in stable] == ([] if after == "104.9" else ["C103"])


def test_slightly_with_a_large_change_is_a_warning() -> None:
    finding = only(found(direction("increase", degree="slightly")))
    assert (finding.code, finding.severity) == ("C104", Severity.WARNING)
    assert "more than 10%" in finding.message


def test_significantly_is_checked_by_overlapping_limits() -> None:
    figures = [
        ("a", "X", "2022/23", "45.0", "41.0", "49.0"),
        ("b", "X", "2023/24", "50.0", "46.0", "54.0"),
        ("c", "X", "2021/22", "30.0", "27.0", "33.0"),
    ]
    overlapping = only(
        found(direction("increase", "a", "b", degree="significantly"), figures=figures)
    )
    assert (overlapping.code, overlapping.severity) == ("C104", Severity.WARNING)
    assert "overlap" in overlapping.message
    assert found(direction("increase", "c", "b", degree="significantly"), figures=figures) == []


def test_a_direction_over_a_figure_without_a_number_is_not_checkable() -> None:
    missing = {"number": None, "status": "missing", "printed": "Data not available"}
    figures = [
        ("a", "X", "2022/23", "42.0", None, None),
        ("b", "X", "2023/24", missing, None, None),
    ]
    finding = only(found(direction("increase", "a", "b"), figures=figures))
    assert (finding.code, finding.severity) == ("C107", Severity.INFO)
    assert "has no number ('42.0, Data not available')" in finding.message


# --- comparisons -----------------------------------------------------------------------------


def test_comparisons_the_figures_bear_out_are_silent() -> None:
    assert found(comparison("higher", "England")) == []
    assert found(comparison("higher", "x-sn")) == []
    assert found(comparison("higher", "Statistical neighbours")) == []
    assert found(comparison("lower", "North West")) == []
    # 52.0 is within the printed limits 46.0 to 54.0
    assert found(comparison("similar", "North West")) == []
    # without limits: 42.1 against England's 43.0 is 2.1% apart
    assert found(comparison("similar", "England", ref="cpp-23-close")) == []


def test_a_comparison_the_wrong_way_is_an_error_with_both_figures() -> None:
    finding = only(found(comparison("lower", "x-sn")))
    assert (finding.code, finding.severity) == ("C105", Severity.ERROR)
    assert (
        "the figure for X is 50.0 and for Statistical neighbours 47.6 in 2023/24" in finding.message
    )
    assert dict(finding.numbers) == {
        "stated": "lower",
        "figure": "50.0",
        "comparator": "47.6",
        "difference": "2.4",
    }
    assert len(finding.provenance) == 0  # no provenance given, none invented


def test_similar_outside_the_limits_or_the_tolerance_is_a_warning() -> None:
    finding = only(found(comparison("similar", "England")))
    assert (finding.code, finding.severity) == ("C105", Severity.WARNING)
    assert "printed limits 46.0 to 54.0" in finding.message
    figures = [
        ("a", "X", "2023/24", "40.0", None, None),
        ("e", "England", "2023/24", "43.0", None, None),
    ]
    finding = only(found(comparison("similar", "England", ref="a"), figures=figures))
    assert "5% of the comparator's figure" in finding.message


def test_significantly_higher_inside_the_limits_is_a_warning() -> None:
    finding = only(found(comparison("higher", "x-sn", degree="significantly")))
    assert (finding.code, finding.severity) == ("C104", Severity.WARNING)
    assert found(comparison("higher", "England", degree="significantly")) == []


def test_a_comparator_without_a_figure_is_information_not_an_error() -> None:
    finding = only(found(comparison("lower", "Core Cities")))
    assert (finding.code, finding.severity) == ("C107", Severity.INFO)
    assert "no figure of 'Core Cities' for cpp in 2023/24" in finding.message


# --- forecasts and targets ---------------------------------------------------------------------


def test_a_forecast_is_not_checkable_until_its_figure_exists() -> None:
    claim = future("forecast", "60", "2025/26", bound="fewer_than")
    finding = only(found(claim))
    assert (finding.code, finding.severity) == ("C107", Severity.INFO)
    assert "not until the report has a figure of cpp for 'X' in 2025/26" in finding.message
    figures = [*FIGURES, ("cpp-25", "X", "2025/26", "55.0", None, None)]
    assert found(claim, figures=figures) == []
    figures = [*FIGURES, ("cpp-25", "X", "2025/26", "61.0", None, None)]
    missed = only(found(claim, figures=figures))
    assert (missed.code, missed.severity) == ("C106", Severity.WARNING)
    assert dict(missed.numbers) == {"stated": "60", "bound": "fewer_than", "figure": "61.0"}


def test_a_target_without_a_bound_follows_the_indicators_polarity() -> None:
    # lower is better: a target of 45 is missed by 50.0 and met by 42.1
    missed = only(found(future("target", "45", "2023/24")))
    assert (missed.code, missed.number("bound")) == ("C106", "at_most")
    met = [("t", "X", "2023/24", "42.1", None, None)]
    assert found(future("target", "45", "2023/24"), figures=met) == []


def test_a_forecast_of_a_level_allows_for_rounding_and_approximately() -> None:
    level = [("t", "X", "2023/24", "50.4", None, None)]
    assert found(future("forecast", "50", "2023/24"), figures=level) == []
    far = [("t", "X", "2023/24", "54.0", None, None)]
    assert [f.code for f in found(future("forecast", "50", "2023/24"), figures=far)] == ["C106"]
    assert found(future("forecast", "50", "2023/24", approximate="true"), figures=far) == []


# --- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        (direction("increase", stated="5"), "stated: expected nothing for a direction claim"),
        ({**direction("increase"), "before_ref": None}, "before: expected before or before_ref"),
        (comparison("higher", "England", stated="1"), "stated: expected nothing for a comparison"),
        (
            {**comparison("higher", "England"), "comparator": None},
            "comparator: expected comparator",
        ),
        (future("forecast", "60", "2025/26", ref="cpp-23"), "ref: expected nothing for a forecast"),
        ({**future("target", "60", "2025/26"), "period": None}, "period: expected period for a"),
        (direction("stable", degree="slightly"), "degree: expected no degree with stable"),
        (comparison("similar", "England", degree="slightly"), "no degree with similar"),
        (
            {"id": "c", "text": "up 5%", "kind": "percent_change", "direction": "increase"},
            "direction: expected nothing for a percent_change claim",
        ),
        ({"id": "c", "text": "up 5%", "kind": "percent_change"}, "stated: expected stated"),
    ],
)
def test_a_claim_holds_the_fields_of_its_kind(claim: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Claim.model_validate(claim)


def test_a_claims_references_are_validated_in_the_report() -> None:
    with pytest.raises(ValidationError, match=r"claims.0.ref: expected the id of one of"):
        report(comparison("higher", "England", ref="nowhere"))
    with pytest.raises(ValidationError, match=r"claims.0.indicator: expected one of the report's"):
        report({**future("target", "60", "2025/26"), "indicator": "nothing"})


def test_a_long_claim_text_is_shortened_in_messages() -> None:
    claim = {**direction("increase", "cpp-23", "cpp-22"), "text": "x" * 5000}
    finding = only(found(claim))
    assert len(finding.message) < 300
    assert "…" in finding.message


def test_the_lancashire_claims_find_what_they_found_before() -> None:
    codes = [f.code for f in check(load_example(), select="C")]
    assert sorted(codes) == ["C101"] * 5 + ["C102"]


def test_a_comparison_at_a_day_says_at_and_over_a_year_says_in() -> None:
    lower = {"id": "claim", "text": "lower than England", "kind": "comparison"}
    lower |= {"relation": "lower", "comparator": "England"}
    on_a_day = [
        ("cpp-23", "X", "31 March 2024", "50.0", None, None),
        ("eng-23", "England", "31 March 2024", "43.0", None, None),
    ]
    (finding,) = check(report(lower | {"ref": "cpp-23"}, figures=on_a_day), select="C105")
    assert finding.message.endswith("is 50.0 and for England 43.0 at 31 March 2024")
    (finding,) = check(report(lower | {"ref": "cpp-23"}), select="C105")
    assert finding.message.endswith("is 50.0 and for England 43.0 in 2023/24")


@pytest.mark.parametrize(
    "name", ["ClaimBound", "ClaimDegree", "ClaimDirection", "ClaimKind", "ClaimRelation"]
)
def test_the_claim_enums_from_the_report_module_warn_and_are_the_claims_modules(name: str) -> None:
    from safeguarding_model import claims, report  # noqa: PLC0415 - the modules under test

    with pytest.warns(DeprecationWarning, match=rf"report\.{name} is deprecated.*claims\.{name}"):
        assert getattr(report, name) is getattr(claims, name)
