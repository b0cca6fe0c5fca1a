"""Linked figures (count_ref, denominator_ref, an indicator's numerator) and implied denominators."""

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from builders import report_of
from safeguarding_model import AnnualReport, Severity, check
from safeguarding_model.findings import Finding

YEARS = ("2011/12", "2012/13", "2013/14", "2014/15", "2015/16")
CONTACTS = {"id": "contacts", "name": "Contacts", "kind": "count"}
CONTACTS_RATE = {
    "id": "contacts-per-10000",
    "name": "Contacts per 10,000",
    "kind": "rate",
    "per": 10000,
    "population": "child",
    "numerator": "contacts",
}
CIN = {"id": "cin", "name": "Children in need", "kind": "count"}
CIN_RATE = {
    "id": "cin-per-10000",
    "name": "Children in need per 10,000",
    "kind": "rate",
    "per": 10000,
    "population": "child",
    "numerator": "cin",
}


_report = report_of


def _obs(indicator: str, period: str, printed: str, **extra: Any) -> dict[str, Any]:  # noqa: ANN401
    return {
        "indicator": indicator,
        "area": "A",
        "period": period,
        "value": {"number": printed},
    } | extra


def _stated(number: str, year: str = "2015") -> dict[str, Any]:
    return {
        "label": "child population",
        "value": {"number": number},
        "population": "child",
        "period": year,
    }


def _errors(report: AnnualReport) -> list[Finding]:
    return [f for f in check(report) if f.severity is Severity.ERROR]


# --- a count indicator and its rate, linked by `numerator` ----------------------------------


def _linked_pair(contacts_rate: str) -> AnnualReport:
    return _report(
        indicators=[CONTACTS, CONTACTS_RATE, CIN, CIN_RATE],
        observations=[
            _obs("contacts", "2015/16", "2500"),
            _obs("contacts-per-10000", "2015/16", contacts_rate),
            _obs("cin", "2015/16", "8750"),
            _obs("cin-per-10000", "2015/16", "350.0"),
        ],
        context=[_stated("250000")],
    )


def test_a_linked_rate_ten_times_too_large_is_named_with_its_numbers() -> None:
    assert check(_linked_pair("100.0")) == ()  # 2,500 in 250,000 children: 100.0 per 10,000
    (finding,) = _errors(_linked_pair("1000.0"))  # R103 leaves it to R102: the estimate agrees
    assert finding.code == "R102"
    assert finding.message.startswith("contacts-per-10000 / A / 2015/16 disagrees")
    assert "a factor of 10 (a slip of a power of ten?)" in finding.message
    assert dict(finding.numbers) == {
        "rate": "1000.0",
        "count": "2500",
        "implied_denominator": "25000",
        "consensus": "250000",
        "factor": "10",
    }
    assert [f for f in check(_linked_pair("1000.0")) if f.code == "R103"] == []


def test_without_the_link_nothing_is_compared() -> None:
    unlinked = {k: v for k, v in CONTACTS_RATE.items() if k != "numerator"}
    report = _linked_pair("1000.0")
    rebuilt = _report(
        indicators=[CONTACTS, unlinked, CIN, CIN_RATE],
        observations=[o.model_dump(exclude_none=True) for o in report.observations],
        context=[_stated("250000")],
    )
    assert check(rebuilt) == ()  # the rate has no count: the reason links exist


def _series(rates: list[str], counts: list[str]) -> AnnualReport:
    return _report(
        indicators=[CONTACTS, CONTACTS_RATE],
        observations=[
            *(_obs("contacts", y, c) for y, c in zip(YEARS, counts, strict=True)),
            *(_obs("contacts-per-10000", y, r) for y, r in zip(YEARS, rates, strict=True)),
        ],
    )


COUNTS = ["2500", "2550", "2601", "2653", "2706"]  # 2% more each year, over 250,000 children


def test_ten_times_too_large_in_one_year_of_a_series_is_an_error() -> None:
    rates = ["100.0", "102.0", "1040.4", "106.1", "108.2"]
    (finding,) = check(_series(rates, COUNTS))
    assert finding.severity is Severity.ERROR
    assert finding.code == "R102"
    assert finding.message.startswith("contacts-per-10000 / A / 2013/14 disagrees")
    assert "factor of 10" in finding.message
    assert finding.number("rate") == "1040.4"
    assert finding.number("factor") == "10"


def test_drift_between_years_is_silent() -> None:
    assert check(_series(["100.0", "102.0", "104.0", "106.1", "108.2"], COUNTS)) == ()
    # the population itself drifts 2% a year: the rate stays, the counts grow
    assert check(_series(["100.0"] * 5, COUNTS)) == ()


def test_two_figures_without_a_stated_population_name_both_with_numbers() -> None:
    report = _report(
        indicators=[CONTACTS, CONTACTS_RATE, CIN, CIN_RATE],
        observations=[
            _obs("contacts", "2015/16", "2500"),
            _obs("contacts-per-10000", "2015/16", "1000.0"),
            _obs("cin", "2015/16", "8750"),
            _obs("cin-per-10000", "2015/16", "350.0"),
        ],
    )
    (finding,) = check(report)
    assert finding.severity is Severity.ERROR
    assert "contacts-per-10000" in finding.message
    assert "cin-per-10000" in finding.message
    assert [role for role, _ in finding.numbers] == [
        "rate",
        "count",
        "implied_denominator",
        "rate",
        "count",
        "implied_denominator",
        "factor",
    ]


# --- refs by id ------------------------------------------------------------------------------


def test_refs_by_id_are_used_as_printed_counts_are() -> None:
    rate = {k: v for k, v in CONTACTS_RATE.items() if k != "numerator"}

    def report(printed: str) -> AnnualReport:
        return _report(
            indicators=[CONTACTS, rate, {"id": "children", "name": "Children", "kind": "count"}],
            observations=[
                _obs("contacts", "2015/16", "2500", id="n"),
                _obs("children", "2015/16", "250000", id="d"),
                _obs("contacts-per-10000", "2015/16", printed, count_ref="n", denominator_ref="d"),
            ],
        )

    assert check(report("100.0")) == ()
    (finding,) = check(report("1000.0"))
    assert (finding.code, finding.computed) == ("R101", "100.000000")
    assert dict(finding.numbers)["count"] == "2500"


def test_a_percentage_printed_with_its_count() -> None:
    share = {"id": "re-referrals", "name": "Re-referrals", "kind": "percentage"}
    referrals = {"id": "referrals", "name": "Referrals", "kind": "count"}

    def report(printed: str) -> AnnualReport:  # "1,344 (85%)" of 1,581 referrals
        return _report(
            indicators=[referrals, share],
            observations=[
                _obs("referrals", "2015/16", "1581", id="all"),
                _obs(
                    "re-referrals",
                    "2015/16",
                    printed,
                    count={"number": "1344"},
                    denominator_ref="all",
                ),
            ],
        )

    assert check(report("85")) == ()
    (finding,) = check(report("58"))
    assert (finding.code, finding.severity, finding.computed) == (
        "R101",
        Severity.ERROR,
        "85.009488",
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"indicators": [CONTACTS, {**CONTACTS_RATE, "numerator": "nope"}]},
            "indicators.1.numerator",
        ),
        (
            {"indicators": [CONTACTS, {**CONTACTS_RATE, "numerator": "contacts-per-10000"}]},
            "a count indicator",
        ),
        (
            {"observations": [_obs("contacts-per-10000", "2015/16", "1", count_ref="x")]},
            "observations.0.count_ref",
        ),
        (
            {
                "observations": [
                    _obs("contacts", "2014/15", "1", id="x"),
                    _obs("contacts-per-10000", "2015/16", "1", denominator_ref="x"),
                ]
            },
            "observations.0 is of 'A', 2014/15",
        ),
        (
            {
                "observations": [
                    _obs("contacts", "2015/16", "1", id="x") | {"area": "B"},
                    _obs("contacts-per-10000", "2015/16", "1", count_ref="x"),
                ]
            },
            "this one's area and period ('A', 2015/16)",
        ),
        (
            {"observations": [_obs("contacts-per-10000", "2015/16", "1", id="x", count_ref="x")]},
            "not its own",
        ),
        (
            {
                "observations": [
                    _obs("contacts-per-10000", "2015/16", "1", count={"number": "3"}, count_ref="x")
                ]
            },
            "none beside a printed count",
        ),
    ],
)
def test_bad_links_are_refused_on_load(change: dict[str, Any], expected: str) -> None:
    parts: dict[str, Any] = {"indicators": [CONTACTS, CONTACTS_RATE], "observations": []} | change
    with pytest.raises(ValidationError, match=re.escape(expected)):
        _report(**parts)


# --- properties ------------------------------------------------------------------------------


@st.composite
def _consistent(draw: st.DrawFn) -> tuple[AnnualReport, list[dict[str, Any]]]:
    """Rates of one population and area, each rounded from its count and that year's population."""
    population = draw(st.integers(50_000, 500_000))
    per = draw(st.sampled_from([1000, 10_000, 100_000]))
    places = draw(st.integers(1, 2))
    years = draw(st.integers(1, 5))
    indicators = draw(st.integers(1, 3))
    if years * indicators < 3:  # a consensus needs three figures
        years = 3
    drifts = [Decimal(draw(st.integers(-20, 20))) / 1000 for _ in YEARS]  # within 2%
    defined: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    for number in range(indicators):
        count_id, rate_id = f"count-{number}", f"rate-{number}"
        defined += [
            {"id": count_id, "name": count_id, "kind": "count"},
            {
                "id": rate_id,
                "name": rate_id,
                "kind": "rate",
                "per": per,
                "population": "child",
                "numerator": count_id,
            },
        ]
        for year, drift in zip(YEARS[:years], drifts, strict=False):
            over = Decimal(population) * (1 + drift)
            least = int(over * 10 / per) + 1  # a rate of at least 10
            count = draw(st.integers(least, max(least, int(over) // 4)))
            rate = (Decimal(count) * per / over).quantize(Decimal(1).scaleb(-places))
            observations += [_obs(count_id, year, str(count)), _obs(rate_id, year, str(rate))]
    return _report(indicators=defined, observations=observations), observations


@given(_consistent())
def test_consistent_figures_give_no_finding(
    drawn: tuple[AnnualReport, list[dict[str, Any]]],
) -> None:
    assert check(drawn[0]) == ()


@given(_consistent(), st.data())
def test_one_rate_ten_times_too_large_gives_one_error_naming_it(
    drawn: tuple[AnnualReport, list[dict[str, Any]]], data: st.DataObject
) -> None:
    report, observations = drawn
    rates = [n for n, o in enumerate(observations) if o["indicator"].startswith("rate-")]
    wrong = data.draw(st.sampled_from(rates))
    changed = [dict(o) for o in observations]
    changed[wrong]["value"] = {"number": str(Decimal(changed[wrong]["value"]["number"]) * 10)}
    indicators = [i.model_dump(exclude_none=True) for i in report.indicators]
    errors = _errors(_report(indicators=indicators, observations=changed))
    assert len(errors) == 1
    culprit = changed[wrong]
    assert errors[0].message.startswith(
        f"{culprit['indicator']} / A / {culprit['period']} disagrees"
    )
    assert "factor of 10 " in errors[0].message


# --- figures are grouped by the population they are over ------------------------------------


def test_a_stated_estimate_in_printed_words_joins_the_child_figures() -> None:
    stated = _stated("250000") | {"population": "0-17"}  # the same children as 'child'
    report = _linked_pair("1000.0").model_copy(update={"context": ()})
    rebuilt = _report(
        indicators=[CONTACTS, CONTACTS_RATE, CIN, CIN_RATE],
        observations=[o.model_dump(exclude_none=True) for o in report.observations],
        context=[stated],
    )
    (finding,) = _errors(rebuilt)
    assert finding.code == "R102"
    assert dict(finding.numbers)["consensus"] == "250000"


def test_a_figure_over_another_population_is_not_compared_with_the_child_figures() -> None:
    report = _linked_pair("1000.0")
    observations = [o.model_dump(exclude_none=True) for o in report.observations]
    observations[1] |= {"population": "0-18"}  # the rate is printed over 0-18: another base
    rebuilt = _report(
        indicators=[CONTACTS, CONTACTS_RATE, CIN, CIN_RATE],
        observations=observations,
        context=[_stated("250000")],
    )
    assert [f.code for f in check(rebuilt)] == []


# --- one figure against the others of its period ---------------------------------------------

CLA = {"id": "cla", "name": "CLA", "kind": "count"}
CLA_RATE = {
    "id": "cla-per-10000",
    "name": "CLA per 10,000",
    "kind": "rate",
    "per": 10000,
    "population": "child",
    "numerator": "cla",
}


def _three_rates(cin_count: str, cla_count: str) -> AnnualReport:
    # 250,000 children: contacts 2,500 (100.0), children in need and looked after as given
    return _report(
        indicators=[CONTACTS, CONTACTS_RATE, CIN, CIN_RATE, CLA, CLA_RATE],
        observations=[
            _obs("contacts", "2015/16", "2500"),
            _obs("contacts-per-10000", "2015/16", "100.0"),
            _obs("cin", "2015/16", cin_count),
            _obs("cin-per-10000", "2015/16", "350.0"),
            _obs("cla", "2015/16", cla_count),
            _obs("cla-per-10000", "2015/16", "60.0"),
        ],
    )


def test_a_figure_against_two_that_agree_is_named_once() -> None:
    assert check(_three_rates("8750", "1500")) == ()
    (finding,) = check(_three_rates("8925", "1500"))  # 2% more children in need, rate unchanged
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith(
        "cin-per-10000 / A / 2015/16 disagrees with the other figures"
    )
    assert "where 2 figures give 249,792 to 250,209 (contacts-per-10000 2015/16; cla-per-10000" in (
        finding.message
    )


def test_figures_that_all_disagree_are_reported_pair_by_pair() -> None:
    findings = check(_three_rates("8925", "1470"))  # two rates off by 2%, each its own way
    assert [f.code for f in findings] == ["R102"] * 3
    assert all("disagrees with the other figures" not in f.message for f in findings)
