"""The children's social care part of section 1 of the bundled Lancashire 2015/16 report.

Every figure is checked against the source text: printed cell, status and line number.
"""

from collections import Counter
from decimal import Decimal

import pytest

from reference import source_lines
from safeguarding_model import (
    AnnualReport,
    ClaimKind,
    MeasureKind,
    Observation,
    Polarity,
    ValueFlag,
    ValueStatus,
    load_example,
)

CATEGORIES = (
    "neglect",
    "physical-abuse",
    "sexual-abuse",
    "emotional-abuse",
    "multiple-categories",
)
INDICATORS = {
    "referrals-to-childrens-social-care": MeasureKind.COUNT,
    "referrals-to-childrens-social-care-rate": MeasureKind.RATE,
    "repeat-referrals": MeasureKind.PERCENTAGE,
    "assessments-completed-to-timescale": MeasureKind.PERCENTAGE,
    "children-in-need": MeasureKind.COUNT,
    "children-in-need-rate": MeasureKind.RATE,
    "child-protection-plans-rate": MeasureKind.RATE,
    **{f"child-protection-plans-{c}": MeasureKind.PERCENTAGE for c in CATEGORIES},
    "child-protection-plans-two-years-or-more": MeasureKind.PERCENTAGE,
    "children-looked-after-rate": MeasureKind.RATE,
    "children-looked-after-number": MeasureKind.COUNT,
    "caf-assessments-completed-needs-met": MeasureKind.COUNT,
}
CLAIM_IDS = {
    "csc-repeat-referrals-q1-2015-16",
    "csc-repeat-referrals-q4-2015-16",
    "csc-assessments-timescale-target",
    "csc-assessments-timescale-q1-2015-16",
    "csc-assessments-timescale-q4-2015-16",
    "csc-assessments-timescale-england-year-end",
    "csc-assessments-timescale-north-west-year-end",
    "csc-cla-number-2015-16",
    "csc-cla-rate-2015-16",
    "csc-cla-becoming-looked-after",
    "csc-cla-ceasing-to-be-looked-after",
    "csc-cla-placed-from-other-authorities",
    "csc-caf-needs-met-2015-16",
    "csc-caf-needs-met-2014-15",
    "csc-caf-needs-met-2013-14",
    "csc-caf-approximately-double",
}


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    return load_example("lancashire-2015-16")


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return list(source_lines())


def _ours(report: AnnualReport) -> list[Observation]:
    return [o for o in report.observations if o.indicator in INDICATORS]


def _cells(report: AnnualReport, indicator: str, area: str) -> list[tuple[str, str | None]]:
    """(period, printed) of an indicator's observations for an area, in period order."""
    return [(str(o.period), o.value.printed) for o in report.series(indicator).of(area)]


def test_every_indicator_is_defined_with_its_kind(report: AnnualReport) -> None:
    for indicator_id, kind in INDICATORS.items():
        assert report.indicator(indicator_id).kind is kind
    for indicator_id in INDICATORS:
        definition = report.indicator(indicator_id)
        if definition.kind is MeasureKind.RATE:
            assert definition.per is not None
            assert definition.per.value == 10_000
            assert definition.population == "child"
    assert report.indicator("children-looked-after-rate").polarity is Polarity.NO_JUDGEMENT
    assert (
        report.indicator("assessments-completed-to-timescale").polarity is Polarity.HIGHER_IS_BETTER
    )


def test_every_table_has_its_rows(report: AnnualReport) -> None:
    counts = Counter((o.indicator, o.area) for o in _ours(report))
    assert counts == {
        ("referrals-to-childrens-social-care", "Lancashire"): 3,
        ("referrals-to-childrens-social-care-rate", "Lancashire"): 3,
        ("referrals-to-childrens-social-care-rate", "England"): 3,
        ("repeat-referrals", "Lancashire"): 5,  # 3 in the table, Q1 and Q4 in the narrative
        ("assessments-completed-to-timescale", "Lancashire"): 7,  # 3 years, 4 quarters
        ("assessments-completed-to-timescale", "North West"): 4,  # 3 years, the year end
        ("assessments-completed-to-timescale", "England"): 4,
        ("children-in-need", "Lancashire"): 3,
        ("children-in-need-rate", "Lancashire"): 3,
        ("children-in-need-rate", "England"): 3,
        ("child-protection-plans-rate", "Lancashire"): 7,
        ("child-protection-plans-rate", "England"): 7,
        **{(f"child-protection-plans-{c}", "Lancashire"): 3 for c in CATEGORIES},
        ("child-protection-plans-two-years-or-more", "Lancashire"): 7,
        ("child-protection-plans-two-years-or-more", "England"): 7,
        ("children-looked-after-rate", "Lancashire"): 7,
        ("children-looked-after-rate", "North West"): 7,
        ("children-looked-after-rate", "England"): 7,
        ("children-looked-after-number", "Lancashire"): 1,
        ("caf-assessments-completed-needs-met", "Lancashire"): 3,
    }
    assert len(_ours(report)) == 106


def test_every_provenance_line_holds_the_printed_text(
    report: AnnualReport, lines: list[str]
) -> None:
    for observation in _ours(report):
        provenance = observation.provenance
        assert provenance is not None
        assert provenance.section == "1"
        assert provenance.line is not None
        printed = observation.value.printed
        assert printed is not None
        line = lines[provenance.line - 1]
        if printed.strip():
            assert printed in line, (observation.id, provenance.line, printed)
        else:
            assert not line.strip(), (observation.id, provenance.line)
        if provenance.row is not None:
            # Rows are printed above their cells: the label sits on an earlier line.
            above = [text.strip() for text in lines[max(0, provenance.line - 8) : provenance.line]]
            assert provenance.row.strip() in above, (observation.id, provenance.row)
    for claim in report.claims:
        if claim.id in CLAIM_IDS:
            assert claim.provenance is not None
            assert claim.provenance.line is not None
            assert claim.text in lines[claim.provenance.line - 1], claim.id


def test_referrals(report: AnnualReport) -> None:
    assert _cells(report, "referrals-to-childrens-social-care", "Lancashire") == [
        ("2013/14", "2954"),
        ("2014/15", "2491"),
        ("2015/16", "3888"),
    ]
    rate = report.observation("csc-referrals-rate-2015-16")
    assert rate.value.number == Decimal(1590)
    assert rate.provenance is not None
    assert rate.provenance.line == 312
    assert rate.provenance.row == "Lancashire (rate per 10k)"
    assert rate.count is not None
    assert rate.count.number == Decimal(3888)
    england = report.series("referrals-to-childrens-social-care-rate").of("England")
    assert [o.value.status for o in england] == [ValueStatus.NOT_APPLICABLE] * 3
    assert [o.value.printed for o in england] == ["N/A"] * 3


def test_repeat_referrals(report: AnnualReport) -> None:
    assert _cells(report, "repeat-referrals", "Lancashire") == [
        ("2013/14", "15.1"),
        ("2014/15", "15.7"),
        ("2015/16 Q1", "17.8%"),
        ("2015/16", "15.7"),
        ("2015/16 Q4", "12.0%"),
    ]
    year = report.observation("csc-repeat-referrals-2015-16")
    assert year.provenance is not None
    assert year.provenance.line == 332
    assert not year.value.flags
    q4 = report.observation("csc-repeat-referrals-q4-2015-16")
    assert q4.value.number == Decimal("12.0")
    assert q4.provenance is not None
    assert q4.provenance.line == 335


def test_assessments_completed_to_timescale(report: AnnualReport) -> None:
    indicator = "assessments-completed-to-timescale"
    lancashire = dict(_cells(report, indicator, "Lancashire"))
    assert lancashire == {
        "2013/14": "96.1%",
        "2014/15": "79.8%",
        "2015/16 Q1": "79.9%",
        "2015/16 Q2": "78.2%",
        "2015/16 Q3": "67.1%",
        "2015/16 Q4": "61.0%",
        "2015/16": "74.6%",
    }
    not_applicable = report.observation("csc-assessments-timescale-england-2015-16")
    assert not_applicable.value.status is ValueStatus.NOT_APPLICABLE
    assert not_applicable.value.number is None
    assert not_applicable.provenance is not None
    assert not_applicable.provenance.line == 356
    north_west = report.observation("csc-assessments-timescale-north-west-2014-15")
    assert north_west.value.number == Decimal("82.2")
    assert north_west.value.unit == "percent"
    assert north_west.provenance is not None
    assert north_west.provenance.line == 350
    q3 = report.observation("csc-assessments-timescale-q3-2015-16")
    assert q3.provenance is not None
    assert (q3.provenance.table, q3.provenance.column, q3.provenance.line) == (
        "2015/16 Data",
        "Q3",
        368,
    )
    year_end = report.observation("csc-assessments-timescale-england-year-end-2015-16")
    assert year_end.area == "England"
    assert year_end.value.number == Decimal("81.0")
    assert year_end.provenance is not None
    assert year_end.provenance.line == 372
    assert report.observation(
        "csc-assessments-timescale-north-west-year-end-2015-16"
    ).value.number == Decimal("82.0")


def test_children_in_need(report: AnnualReport) -> None:
    assert _cells(report, "children-in-need", "Lancashire") == [
        ("2013/14", "9,034"),
        ("2014/15", "8,534"),
        ("2015/16", "Data not currently available"),
    ]
    missing = report.observation("csc-children-in-need-2015-16")
    assert missing.value.status is ValueStatus.MISSING
    assert missing.provenance is not None
    assert missing.provenance.line == 382
    assert report.observation("csc-children-in-need-2013-14").value.number == Decimal(9034)
    rate = report.observation("csc-children-in-need-rate-2014-15")
    assert rate.value.number == Decimal("348.7")
    assert rate.provenance is not None
    assert rate.provenance.line == 386
    blank = report.observation("csc-children-in-need-rate-2015-16")
    assert blank.value.status is ValueStatus.MISSING
    assert blank.value.note == "blank cell"
    england = report.series("children-in-need-rate").of("England")
    assert [o.value.number for o in england] == [Decimal("346.4"), Decimal("337.3"), None]


def test_child_protection_plans_rate(report: AnnualReport) -> None:
    lancashire = _cells(report, "child-protection-plans-rate", "Lancashire")
    assert [printed for _, printed in lancashire] == [
        "27",
        "27",
        "23",
        "36",
        "44.4",
        "38.9",
        "59.0",
    ]
    assert lancashire[0][0] == "2009/10"
    latest = report.observation("csc-cpp-rate-2015-16")
    assert latest.value.number == Decimal("59.0")
    assert latest.provenance is not None
    assert latest.provenance.line == 415
    england = report.observation("csc-cpp-rate-england-2014-15")
    assert england.value.number == Decimal("42.1")
    assert england.provenance is not None
    assert england.provenance.line == 423


def test_child_protection_plan_categories(report: AnnualReport) -> None:
    for category in CATEGORIES:
        definition = report.indicator(f"child-protection-plans-{category}")
        assert definition.shares_of == "child-protection-plans-by-category"
        periods = [str(o.period) for o in report.series(definition.id).own()]
        assert periods == ["31 March 2014", "31 March 2015", "31 March 2016"]
    odd = report.observation("csc-cpp-multiple-categories-2015")
    assert odd.value.printed == "8.75"
    assert odd.value.number == Decimal("8.75")
    assert odd.value.flags == (ValueFlag.MISSING_PERCENT_SIGN,)
    assert odd.provenance is not None
    assert (odd.provenance.row, odd.provenance.column, odd.provenance.line) == (
        "2015",
        "Multiple Categories",
        448,
    )
    neglect = report.observation("csc-cpp-neglect-2014")
    assert (neglect.value.printed, neglect.value.number) == ("40%", Decimal(40))
    assert report.observation("csc-cpp-neglect-2015").value.printed == "34%"
    emotional = report.observation("csc-cpp-emotional-abuse-2016")
    assert emotional.value.number == Decimal("50.3")
    assert emotional.provenance is not None
    assert emotional.provenance.line == 454
    flagged = [o for o in _ours(report) if o.value.flags]
    assert [o.id for o in flagged] == ["csc-cpp-multiple-categories-2015"]


def test_child_protection_plans_two_years_or_more(report: AnnualReport) -> None:
    indicator = "child-protection-plans-two-years-or-more"
    assert [p for _, p in _cells(report, indicator, "England")] == [
        "5.9%",
        "6.0%",
        "6.0%",
        "5.2%",
        "3.5%",
        "2.6%",
        "3.7%",
    ]
    low = report.observation("csc-cpp-two-years-2013-14")
    assert low.value.number == Decimal("1.2")
    assert low.provenance is not None
    assert low.provenance.line == 478


def test_children_looked_after(report: AnnualReport) -> None:
    series = report.series("children-looked-after-rate")
    assert series.comparators() == ("North West", "England")
    assert [o.value.printed for o in series.of("North West")] == [
        "76",
        "77",
        "76",
        "79",
        "78",
        "81",
        "82",
    ]
    latest = report.observation("csc-cla-rate-2015-16")
    assert latest.value.number == Decimal("69.1")
    assert latest.provenance is not None
    assert latest.provenance.line == 513
    assert latest.count is not None
    assert latest.count.number == Decimal(1691)
    number = report.observation("csc-cla-number-2015-16")
    assert number.value.number == Decimal(1691)
    assert str(number.period) == "31 March 2016"
    assert number.provenance is not None
    assert number.provenance.line == 494


def test_early_help(report: AnnualReport) -> None:
    assert _cells(report, "caf-assessments-completed-needs-met", "Lancashire") == [
        ("2013/14", "885"),
        ("2014/15", "1,527"),
        ("2015/16", "2,768"),
    ]
    assert report.observation("csc-caf-needs-met-2015-16").value.number == Decimal(2768)


def test_claims(report: AnnualReport) -> None:
    claims = {c.id: c for c in report.claims if c.id in CLAIM_IDS}
    assert set(claims) == CLAIM_IDS
    double = claims["csc-caf-approximately-double"]
    assert double.kind is ClaimKind.RATIO
    assert double.approximate
    assert double.stated == 2
    assert (double.before_ref, double.after_ref) == (
        "csc-caf-needs-met-2013-14",
        "csc-caf-needs-met-2014-15",
    )
    becoming = claims["csc-cla-becoming-looked-after"]
    assert (becoming.kind, becoming.stated) == (ClaimKind.PERCENT_CHANGE, Decimal(-18))
    ceasing = claims["csc-cla-ceasing-to-be-looked-after"]
    assert (ceasing.kind, ceasing.stated) == (ClaimKind.PERCENT_CHANGE, Decimal(-33))
    rate = claims["csc-cla-rate-2015-16"]
    assert (rate.kind, rate.stated, rate.after_ref) == (
        ClaimKind.LEVEL,
        Decimal("69.1"),
        "csc-cla-rate-2015-16",
    )
    for claim in claims.values():
        for ref in (claim.before_ref, claim.after_ref):
            if ref is not None:
                assert report.observation(ref).indicator in INDICATORS
        if claim.kind is ClaimKind.LEVEL and claim.after_ref is not None:
            value = report.observation(claim.after_ref).value
            assert value.number == claim.stated, claim.id
