"""The bundled Lancashire 2015/16 report, section 1 (first part): child health and specific needs.

Checks the tables of lines 1-293 of the source (the Child Health Profiles, the specific needs
table, children missing), its context figures and its narrative claims against the source text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from reference import source_lines
from safeguarding_model import AnnualReport, load_example
from safeguarding_model.claims import ClaimKind
from safeguarding_model.markers import Direction, Polarity
from safeguarding_model.periods import parse_period
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from safeguarding_model.indicators import Observation

CHP = "Child Health Profiles"
NEEDS = "Safeguarding and supporting children in specific conditions"
MISSING = "Children Missing from Home/Care/Education"
MY_TABLES = (CHP, NEEDS, MISSING)
LAST_LINE = 293


def line(number: int) -> str:
    return source_lines()[number - 1]


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    return load_example("lancashire-2015-16")


def in_table(report: AnnualReport, table: str) -> list[Observation]:
    return [
        o for o in report.observations if o.provenance is not None and o.provenance.table == table
    ]


def test_child_health_profiles_has_18_indicators_of_3_columns(report: AnnualReport) -> None:
    observations = in_table(report, CHP)
    assert len(observations) == 54
    indicators = {o.indicator for o in observations}
    assert len(indicators) == 18
    numbers = sorted(int(report.indicator(i).number or 0) for i in indicators)
    assert numbers == list(range(1, 19))
    for indicator in indicators:
        columns = sorted(
            o.provenance.column or ""
            for o in observations
            if o.indicator == indicator and o.provenance
        )
        assert columns == ["Current", "England Average", "Previous"]
    groups = {report.indicator(i).group for i in indicators}
    assert groups == {
        "Premature mortality",
        "Wider determinants of ill health",
        "Health Improvement",
        "Prevalence of ill health",
    }
    assert {report.indicator(i).source for i in indicators} == {
        "Public Health England. Child Health Profiles 2016"
    }


def test_child_health_profiles_periods_are_the_editions(report: AnnualReport) -> None:
    for o in in_table(report, CHP):
        assert o.provenance is not None
        expected = "2015" if o.provenance.column == "Previous" else "2016"
        assert o.period == parse_period(expected)
        assert o.area == ("England" if o.provenance.column == "England Average" else "Lancashire")
        assert o.note is not None
        assert "edition" in o.note


def test_child_health_profiles_spot_checks(report: AnnualReport) -> None:
    infant = report.observation("infant-mortality-2016")
    assert infant.value.number == Decimal("4.8")
    assert infant.value.status is ValueStatus.FINAL
    assert infant.stated_direction is Direction.NO_SIGNIFICANT_CHANGE
    assert infant.provenance is not None
    assert infant.provenance.line == 44
    definition = report.indicator("infant-mortality")
    assert definition.per is not None
    assert definition.per.value == 1000
    assert definition.population == "live_birth"
    assert definition.polarity is Polarity.LOWER_IS_BETTER

    gld = report.observation("good-level-of-development-2015")
    assert gld.value.number == Decimal("63.3")
    assert gld.value.unit == "percent"
    assert report.observation("good-level-of-development-2016").stated_direction is (
        Direction.IMPROVING
    )

    substance = report.observation("substance-misuse-admissions-15-24-2016")
    assert substance.value.number == Decimal("132.6")
    assert substance.stated_direction is Direction.WORSENING

    self_harm = report.observation("self-harm-admissions-10-24-2016")
    assert self_harm.stated_direction is Direction.IMPROVING
    assert self_harm.provenance is not None
    assert self_harm.provenance.line == 177


def test_children_in_care_england_cell_is_kept_exactly(report: AnnualReport) -> None:
    england = report.observation("children-in-care-rate-england-2016")
    assert england.area == "England"
    assert england.value.number == Decimal(60)
    assert england.value.note == "1691 actual children"
    assert england.value.printed == "60 (1691 actual children)"
    assert england.provenance is not None
    assert england.provenance.line == 98


def test_only_current_column_states_a_direction(report: AnnualReport) -> None:
    observations = in_table(report, CHP)
    stated = [o for o in observations if o.stated_direction is not None]
    assert len(stated) == 18
    assert all(o.provenance and o.provenance.column == "Current" for o in stated)
    assert all(o.stated_rag is None and o.stated_significance is None for o in observations)
    words = [o.stated_direction.source_word for o in stated if o.stated_direction]
    assert words.count("Better") == 4
    assert words.count("Worse") == 4
    assert words.count("Stable") == 10


def test_specific_needs_table(report: AnnualReport) -> None:
    observations = in_table(report, NEEDS)
    assert len(observations) == 27
    assert len({o.indicator for o in observations}) == 9
    cse = [o for o in observations if o.indicator == "cse-referrals-high-risk"]
    assert {o.area for o in cse} == {"Pan-Lancashire"}
    first = report.observation("cse-high-risk-2013-14")
    assert first.value.number == Decimal(1400)
    assert first.value.status is ValueStatus.PROVISIONAL
    assert first.value.printed == "1400 (tbc)"
    assert first.provenance is not None
    assert first.provenance.line == 207
    assert report.observation("cse-high-risk-2015-16").value.status is ValueStatus.FINAL

    cla = report.observation("cla-placed-from-other-la-2015-16")
    assert cla.value.number is None
    assert cla.value.status is ValueStatus.MISSING
    assert cla.value.printed == "TBC"

    caseloads = [o for o in observations if o.indicator == "social-worker-caseloads"]
    assert len(caseloads) == 3
    assert all(o.value.status is ValueStatus.MISSING for o in caseloads)
    assert [o.provenance.line for o in caseloads if o.provenance] == [249, 250, 251]

    iro = report.observation("iro-caseloads-2014-15")
    assert iro.value.number == Decimal(109)
    assert iro.provenance is not None
    assert iro.provenance.row == "IRO Caseloads – no data on this"

    rate = report.indicator("violent-sexual-offences-against-children-rate")
    assert rate.per is not None
    assert rate.per.value == 10000
    assert rate.population == "child"
    assert report.observation("violent-sexual-offences-rate-2015-16").value.number == Decimal(
        "160.6"
    )


def test_children_missing_table(report: AnnualReport) -> None:
    observations = in_table(report, MISSING)
    assert len(observations) == 12
    assert {str(o.period) for o in observations} == {
        f"{parse_period(f'Q{q} 2015/16')}" for q in range(1, 5)
    }
    cla = report.observation("missing-who-were-cla-q3-2015-16")
    assert cla.value.number == Decimal("24.3")
    assert cla.value.unit == "percent"
    assert cla.value.flags == ()
    assert cla.provenance is not None
    assert cla.provenance.line == 282
    education = report.observation("missing-from-education-q4-2015-16")
    assert education.value.number == Decimal(505)
    assert education.note is not None
    assert "accuracy" in education.note


def test_context_figures(report: AnnualReport) -> None:
    by_line = {
        (c.provenance.line if c.provenance else None, c.value.printed): c for c in report.context
    }
    child = by_line[(20, "274,733")]
    assert child.value.number == Decimal(274733)
    assert child.population == "child"
    assert child.period == parse_period("2014")
    total = by_line[(16, "approximately 1.5 million")]
    assert total.value.number == Decimal(1_500_000)
    assert total.value.status is ValueStatus.ESTIMATED
    footprint = by_line[(16, "1.2 million")]
    assert footprint.value.number == Decimal(1_200_000)
    assert footprint.value.status is ValueStatus.FINAL
    assert by_line[(16, "12")].value.number == Decimal(12)


def test_claims(report: AnnualReport) -> None:
    claims = {c.id: c for c in report.claims}
    cse = claims["cse-high-risk-increase"]
    assert cse.kind is ClaimKind.PERCENT_CHANGE
    assert cse.stated == Decimal("46.1")
    assert (cse.before_ref, cse.after_ref) == ("cse-high-risk-2014-15", "cse-high-risk-2015-16")
    dv = claims["dv-notifications-reduction-since-2013-14"]
    assert dv.stated == Decimal("-12.2")
    assert (dv.before_ref, dv.after_ref) == ("dv-notifications-2013-14", "dv-notifications-2015-16")
    since = claims["violent-sexual-offences-rate-increase-since-2013-14"]
    assert since.kind is ClaimKind.ABSOLUTE_CHANGE
    assert since.stated == Decimal("42.5")
    recent = claims["violent-sexual-offences-rate-increase-2014-15-to-2015-16"]
    assert recent.stated == Decimal("29.7")
    assert recent.before_ref == "violent-sexual-offences-rate-2014-15"
    missing = claims["missing-from-home-q4-increase"]
    assert missing.stated == Decimal("1.0")
    assert missing.before_ref == "missing-from-home-q3-2015-16"
    low = claims["missing-who-were-cla-range-low"]
    high = claims["missing-who-were-cla-range-high"]
    assert (low.stated, high.stated) == (Decimal("16.8"), Decimal("24.3"))
    quarter = claims["child-population-quarter-million"]
    assert quarter.approximate
    assert quarter.stated == Decimal(250_000)
    assert quarter.after is not None
    assert quarter.after.number == Decimal(274733)
    assert claims["deficit-by-2020"].stated == Decimal(800_000_000)
    assert claims["social-worker-caseload-standard"].approximate


def test_claim_texts_and_refs_are_printed(report: AnnualReport) -> None:
    mine = [
        c
        for c in report.claims
        if c.provenance is not None and (c.provenance.line or 0) <= LAST_LINE
    ]
    assert len(mine) == 10
    for claim in mine:
        assert claim.provenance is not None
        assert claim.provenance.line is not None
        assert claim.text in line(claim.provenance.line), claim.id
        for ref in (claim.before_ref, claim.after_ref):
            if ref is not None:
                report.observation(ref)


def test_every_provenance_line_holds_the_printed_text(report: AnnualReport) -> None:
    observations = [o for table in MY_TABLES for o in in_table(report, table)]
    assert len(observations) == 93
    for o in observations:
        assert o.provenance is not None
        assert o.provenance.line is not None
        printed = o.value.printed
        assert printed is not None
        assert line(o.provenance.line).strip() == printed.strip(), o.id
        assert o.provenance.row is not None
        window = "\n".join(source_lines()[max(0, o.provenance.line - 8) : o.provenance.line])
        assert o.provenance.row in window, o.id
    for figure in report.context:
        if figure.provenance is None or (figure.provenance.line or 0) > LAST_LINE:
            continue
        assert figure.provenance.line is not None
        assert figure.value.printed is not None
        assert figure.value.printed in line(figure.provenance.line)
