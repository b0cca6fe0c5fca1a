"""Sections 2 to 5 and the appendices of the bundled Lancashire 2015/16 report.

Agencies, board attendance, the section 11 shares, inspections (with the Preston multi-agency
safeguarding practice inspection's 24 recommendations), the LSCB performance table, the narrative's
figures and claims, serious case reviews, priorities and context, each checked against the source:
printed cell, status and line number.
"""

import datetime as dt
from decimal import Decimal

import pytest

from reference import source_lines
from safeguarding_model import (
    AnnualReport,
    ClaimKind,
    Direction,
    MeasureKind,
    Observation,
    Polarity,
    Rag,
    ValueFlag,
    ValueStatus,
    load_example,
)
from safeguarding_model.agencies import AgencyKind, index_agencies
from safeguarding_model.attendance import attendance_summary
from safeguarding_model.inspections import FindingKind, recommendations_by_owner
from safeguarding_model.scales import Inspectorate

FIRST_LINE = 546
"""Section 2 starts here; the figures of this part are printed from here on."""

BUDGET_AGENCIES = {
    "north-lancashire-ccg",
    "fylde-and-wyre-ccg",
    "greater-preston-ccg",
    "west-lancashire-ccg",
    "chorley-and-south-ribble-ccg",
    "east-lancashire-ccg",
    "lancashire-constabulary",
    "national-probation-service",
    "cafcass",
    "lancashire-county-council",
    "blackpool-council",
    "blackburn-with-darwen-council",
}


def lines() -> tuple[str, ...]:
    return source_lines()


def normal(text: str) -> str:
    return " ".join(text.split())


def line_text(number: int) -> str:
    return normal(lines()[number - 1])


def whole_source() -> str:
    return normal(" ".join(lines()))


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    return load_example("lancashire-2015-16")


def mine(report: AnnualReport) -> list[Observation]:
    return [
        o
        for o in report.observations
        if o.provenance is not None and (o.provenance.line or 0) >= FIRST_LINE
    ]


def of(report: AnnualReport, indicator: str) -> list[Observation]:
    return [o for o in report.observations if o.indicator == indicator]


# --- agencies -------------------------------------------------------------------------------


def test_agencies_are_listed_once_with_the_ids_the_budget_uses(report: AnnualReport) -> None:
    index = index_agencies(report.agencies)
    assert len(index) == 32
    assert set(index) >= BUDGET_AGENCIES
    ccgs = [a for a in report.agencies if a.kind is AgencyKind.CLINICAL_COMMISSIONING_GROUP]
    assert len(ccgs) == 6
    trusts = [a for a in report.agencies if a.kind is AgencyKind.NHS_TRUST]
    assert len(trusts) == 6
    assert index["lcc-childrens-social-care"].parent == "lancashire-county-council"
    assert index["district-councils"].kind is AgencyKind.DISTRICT_COUNCIL
    source = whole_source()
    for agency in report.agencies:
        assert normal(agency.name) in source, agency.name


def test_statutory_partners_follow_the_board_rules(report: AnnualReport) -> None:
    # Blackpool and Blackburn with Darwen have boards of their own: not partners of this one.
    own_boards = {"blackpool-council", "blackburn-with-darwen-council"}
    for agency in report.agencies:
        expected = agency.id not in own_boards and agency.kind.statutory_by_default("board")
        assert agency.statutory_partner is expected, agency.id
    index = index_agencies(report.agencies)
    assert index["cafcass"].statutory_partner
    assert index["cumbria-lancashire-crc"].statutory_partner
    assert not index["childrens-society"].statutory_partner
    assert not index["lscb-independent-chair"].statutory_partner


# --- attendance (appendix 3) ----------------------------------------------------------------


def test_attendance_has_every_row_as_printed(report: AnnualReport) -> None:
    attendance = report.attendance
    assert attendance is not None
    assert str(attendance.period) == "2015/16"
    assert len(attendance.records) == 28
    line = 1600
    for record in attendance.records:
        assert line_text(line) == normal(record.label)
        assert line_text(line + 1) == record.attended.printed
        assert record.attended.unit == "percent"
        assert record.attended.flags == ()
        line += 3
    assert line_text(line) == "OVERALL %"
    assert attendance.stated_overall is not None
    assert attendance.stated_overall.number == Decimal(67)
    assert line_text(line + 1) == attendance.stated_overall.printed


def test_attendance_keeps_the_duplicate_row_and_links_agencies(report: AnnualReport) -> None:
    attendance = report.attendance
    assert attendance is not None
    summary = attendance_summary(attendance)
    assert summary.duplicate_labels == ("Lancashire Teaching Hospital Trust NHS",)
    assert summary.mean == Decimal(1999) / 28
    assert summary.agrees is False
    index = index_agencies(report.agencies)
    for record in attendance.records:
        assert record.agency is None or record.agency in index
    unlinked = [r.label for r in attendance.records if r.agency is None]
    assert unlinked == [
        "Chorley &South Ribble, West Lancashire and Preston CCG",
        "Fylde & Wyre and Lancashire North CCG",
        "CDOP Chair",
    ]


# --- section 11 -----------------------------------------------------------------------------


def test_section_11_stated_shares(report: AnnualReport) -> None:
    audit = report.section11
    assert audit is not None
    assert audit.returns == ()
    assert {rating: share.number for rating, share in audit.stated_shares.items()} == {
        Rag.GREEN: Decimal("89.7"),
        Rag.AMBER: Decimal("10.3"),
    }
    for share in audit.stated_shares.values():
        assert share.printed is not None
        assert share.printed in line_text(664)


# --- inspections ----------------------------------------------------------------------------


def inspection_ids(report: AnnualReport) -> dict[str, int]:
    return {inspection.id: position for position, inspection in enumerate(report.inspections)}


def test_inspections_are_all_there(report: AnnualReport) -> None:
    assert list(inspection_ids(report)) == [
        "ofsted-2015-lancashire-childrens-services",
        "ofsted-2015-lancashire-lscb",
        "hmic-2015-lancashire-constabulary",
        "cqc-2015-university-hospitals-morecambe-bay",
        "cqc-2014-ormskirk-district-general-hospital",
        "cqc-2014-lancashire-teaching-hospitals",
        "cqc-2015-16-east-lancashire-hospitals",
        "cqc-lancashire-care-ft-safeguarding-awaited",
        "maspi-2015-preston",
    ]
    index = index_agencies(report.agencies)
    source = whole_source()
    for inspection in report.inspections:
        assert inspection.subject_agency is None or inspection.subject_agency in index
        for finding in inspection.findings:
            assert normal(finding.text) in source, finding.text


def test_ofsted_council_inadequate_and_board_good(report: AnnualReport) -> None:
    by_id = {i.id: i for i in report.inspections}
    council = by_id["ofsted-2015-lancashire-childrens-services"]
    board = by_id["ofsted-2015-lancashire-lscb"]
    assert council.overall is not None
    assert board.overall is not None
    assert (council.overall.grade, council.overall.printed) == ("inadequate", "'inadequate'")
    assert "'inadequate'" in line_text(563)
    assert board.overall.grade == "good"
    assert board.overall.aspect == "effectiveness of the LSCB"
    assert "'good'" in line_text(787)
    assert board.overall.better_than(council.overall)
    bullets = board.findings[:7]
    for finding, line in zip(bullets, (788, 790, 792, 794, 796, 798, 799), strict=True):
        assert normal(finding.text) in line_text(line)
    assert [f.kind for f in bullets].count(FindingKind.STRENGTH) == 4


def test_police_and_trust_inspections(report: AnnualReport) -> None:
    by_id = {i.id: i for i in report.inspections}
    police = by_id["hmic-2015-lancashire-constabulary"]
    assert police.inspectorate is Inspectorate.HMIC
    assert police.overall is not None
    assert police.overall.grade == "good"
    assert police.overall.printed is not None
    assert police.overall.printed in line_text(553)
    ormskirk = by_id["cqc-2014-ormskirk-district-general-hospital"]
    assert ormskirk.overall is not None
    assert ormskirk.overall.grade == "requires improvement"
    assert {j.aspect: j.grade for j in ormskirk.judgements} == {
        "maternity services": "inadequate",
        "services for children and young people": "good",
    }
    lth = by_id["cqc-2014-lancashire-teaching-hospitals"]
    assert lth.overall is not None
    assert lth.overall.grade == "requires improvement"
    assert {j.grade for j in lth.judgements} == {"good"}
    elht = by_id["cqc-2015-16-east-lancashire-hospitals"]
    assert [(j.aspect, j.grade) for j in elht.judgements] == [
        ("Blackburn Royal", "good"),
        ("Burnley General", "good"),
    ]
    uhmb = by_id["cqc-2015-university-hospitals-morecambe-bay"]
    assert uhmb.overall is None
    assert [f.kind for f in uhmb.findings] == [FindingKind.CONCERN]
    assert normal(uhmb.findings[0].text) in line_text(586)
    lcft = by_id["cqc-lancashire-care-ft-safeguarding-awaited"]
    assert lcft.overall is None
    assert lcft.judgements == ()


def test_preston_maspi_has_all_24_recommendations_in_order(report: AnnualReport) -> None:
    maspi = {i.id: i for i in report.inspections}["maspi-2015-preston"]
    assert maspi.inspectorate is Inspectorate.BOARD
    assert (maspi.start, maspi.end) == (dt.date(2015, 5, 5), dt.date(2015, 5, 7))
    assert [r.number for r in maspi.recommendations] == list(range(1, 25))
    printed = normal(" ".join(lines()[2143:2255]))
    position = 0
    for recommendation in maspi.recommendations:
        found = printed.find(normal(recommendation.text), position)
        assert found >= position, recommendation.number
        position = found + len(normal(recommendation.text))
    assert maspi.note is not None
    assert "2, 3, 4, 5, 6, 7, 8, 9" in maspi.note
    estate = "‘Estate/1.T Strategy’ to achieve co located multi agency working"
    assert estate in maspi.recommendations[21].text  # the OCR's "1.T" (I.T), as printed
    grouped = recommendations_by_owner(maspi)
    assert [r.number for r in grouped["lancashire-constabulary"]] == [2, 3, 4, 5, 6]
    assert [r.number for r in grouped["all agencies"]] == [8, 11, 14, 16, 19, 22, 24]
    assert [r.number for r in grouped["lancashire-teaching-hospitals"]] == [18]
    assert grouped["Children’s Trust Board"][0].owners == ("Children’s Trust Board", "all agencies")
    kinds = [f.kind for f in maspi.findings]
    assert kinds.count(FindingKind.STRENGTH) == 12
    for finding in maspi.findings[:8]:
        assert normal(finding.text) in line_text(1554)


# --- the LSCB performance table (section 4) --------------------------------------------------

PERFORMANCE = {
    "lscb-meeting-attendance": ["75%", "69", "67"],
    "lscb-business-plan-actions-on-time": ["90%", "95%", "Under review"],
    "lscb-scr-referrals-on-time": ["100%", "100%", "100%"],
    "cdop-cases-reviewed": ["Not Available", "84", "86"],
}


def test_performance_table_rows_as_printed(report: AnnualReport) -> None:
    for indicator_id, printed in PERFORMANCE.items():
        observations = sorted(of(report, indicator_id), key=lambda o: o.period)
        assert [str(o.period) for o in observations] == ["2013/14", "2014/15", "2015/16"]
        assert [o.value.printed for o in observations] == printed
        for observation in observations:
            assert observation.provenance is not None
            assert observation.provenance.table == "LSCB Performance"
    assert report.indicator("cdop-cases-reviewed").kind is MeasureKind.COUNT
    assert report.indicator("lscb-meeting-attendance").polarity is Polarity.HIGHER_IS_BETTER


def test_performance_table_targets_directions_and_statuses(report: AnnualReport) -> None:
    attendance = report.observation("lscb-meeting-attendance-2015-16")
    assert attendance.value.number == Decimal(67)
    assert attendance.value.flags == (ValueFlag.MISSING_PERCENT_SIGN,)
    assert attendance.provenance is not None
    assert attendance.provenance.line == 937
    assert attendance.target is not None
    assert attendance.target.printed == "80%"
    assert attendance.stated_direction is Direction.WORSENING
    assert report.observation("lscb-meeting-attendance-2013-14").value.flags == ()
    plan = report.observation("lscb-business-plan-actions-on-time-2015-16")
    assert plan.value.status is ValueStatus.UNDER_REVIEW
    assert plan.stated_direction is None
    assert plan.note is not None
    assert "'tbc'" in plan.note
    scr = report.observation("lscb-scr-referrals-on-time-2015-16")
    assert scr.stated_direction is Direction.NO_CHANGE
    cdop = report.observation("cdop-cases-reviewed-2013-14")
    assert cdop.value.status is ValueStatus.MISSING
    latest = report.observation("cdop-cases-reviewed-2015-16")
    assert latest.target is not None
    assert latest.target.status is ValueStatus.NOT_APPLICABLE
    assert latest.stated_direction is None


# --- narrative figures and claims -------------------------------------------------------------


def test_every_figure_of_this_part_is_on_its_line(report: AnnualReport) -> None:
    observations = mine(report)
    assert len(observations) == 75
    for observation in observations:
        assert observation.provenance is not None
        assert observation.provenance.line is not None
        assert observation.value.printed is not None
        assert normal(observation.value.printed) in line_text(observation.provenance.line)
    for figure in report.context:
        if figure.provenance is None or (figure.provenance.line or 0) < FIRST_LINE:
            continue
        assert figure.provenance.line is not None
        assert figure.value.printed is not None
        assert normal(figure.value.printed) in line_text(figure.provenance.line)


def test_every_claim_of_this_part_is_on_its_line(report: AnnualReport) -> None:
    claims = [
        c
        for c in report.claims
        if c.provenance is not None and (c.provenance.line or 0) >= FIRST_LINE
    ]
    assert len(claims) == 64
    for claim in claims:
        assert claim.provenance is not None
        assert claim.provenance.line is not None
        assert normal(claim.text) in line_text(claim.provenance.line)


@pytest.mark.parametrize(
    ("observation_id", "number", "printed", "line"),
    [
        ("cdop-reviews-within-12-months-2015-16", "86", "86%", 689),
        ("cdop-deaths-asian-pakistani-heritage-2015-16", "7", "7%", 692),
        ("child-population-asian-pakistani-2011", "6", "6%", 692),
        ("cdop-deaths-28-264-days-2015-16", "25", "25%", 694),
        ("cdop-modifiable-sudden-unexpected-2015-16", "22", "22%", 700),
        ("scr-referrals-2015-16", "14", "14", 974),
        ("scr-referrals-converted-2015-16", "8", "8 SCRs (1 MALR)", 974),
        ("e-learning-people-2015-16", "13420", "13,420", 1013),
        ("inter-agency-course-attendees-2015-16", "1609", "1,609", 1015),
        ("troubled-families-attached-2016-03-31", "1510", "1,510", 922),
        ("lado-initial-contacts-2015-16", "2226", "2,226", 1560),
        ("lado-allegations-concluded-three-months-2014-15", "83", "83%", 1563),
        ("caf-pending-2016-03-31", "1938", "1,938", 1569),
        ("children-subject-to-cpp-2016-03-31", "1443", "1,443", 1587),
        ("childminders-2015-16", "828", "828", 657),
        ("private-voluntary-settings-good-or-better-2015-16", "91.8", "91.8%", 657),
        ("esl-blackpool-delegates-2016", "19", "19", 1069),
    ],
)
def test_narrative_figures(
    report: AnnualReport, observation_id: str, number: str, printed: str, line: int
) -> None:
    observation = report.observation(observation_id)
    assert observation.value.number == Decimal(number)
    assert observation.value.printed == printed
    assert observation.provenance is not None
    assert observation.provenance.line == line


def test_estimates_words_and_odd_periods_are_kept(report: AnnualReport) -> None:
    mash = report.observation("mash-police-referrals-2015-16")
    assert mash.value.status is ValueStatus.ESTIMATED
    assert mash.value.printed == "around 60,000"
    probation = report.observation("probation-cases-supervised-2015-16")
    assert probation.value.status is ValueStatus.ESTIMATED
    homes = report.observation("childrens-homes-judged-inadequate-2016-17")
    assert str(homes.period) == "2016/17"
    assert (homes.value.number, homes.value.printed) == (Decimal(0), "no")
    centres = report.observation("childrens-centres-inadequate-2015-16")
    assert (centres.value.number, centres.value.printed) == (Decimal(0), "none")
    families = report.observation("troubled-families-attached-2016-03-31")
    assert families.target is not None
    assert families.target.number == Decimal(8660)
    assert of(report, "esl-blackpool-delegates")[0].area == "Blackpool"


def test_claims_that_the_checks_can_test(report: AnnualReport) -> None:
    by_id = {c.id: c for c in report.claims}
    lado = by_id["lado-initial-contacts-increase"]
    assert (lado.kind, lado.stated) == (ClaimKind.PERCENT_CHANGE, Decimal(7))
    assert (lado.before_ref, lado.after_ref) == (
        "lado-initial-contacts-2014-15",
        "lado-initial-contacts-2015-16",
    )
    cpp = by_id["children-subject-to-cpp-increase"]
    assert (cpp.kind, cpp.stated) == (ClaimKind.PERCENT_CHANGE, Decimal(55))
    assert report.observation(cpp.before_ref or "").value.number == Decimal(956)
    assert by_id["cafcass-care-applications-increase"].stated == Decimal(13)
    assert by_id["cafcass-private-law-applications-increase"].stated == Decimal(11)
    assert by_id["lado-initial-contacts-five-year-increase"].stated == Decimal(93)
    original = by_id["mash-police-referrals-original-estimate"]
    assert original.approximate
    assert original.after is not None
    assert original.after.number == Decimal(30000)
    marac = by_id["marac-prescreening-reduction"]
    assert marac.before is not None
    assert marac.before.number == Decimal(13)


# --- case reviews, priorities and context -----------------------------------------------------


def test_case_reviews_and_learning_points(report: AnnualReport) -> None:
    reviews = {r.name: r for r in report.case_reviews}
    assert list(reviews) == ["Child G", "Child O", "Child A"]
    assert [len(r.learning_points) for r in reviews.values()] == [6, 3, 4]
    assert reviews["Child A"].commissioned_by == "Lincolnshire LSCB"
    assert reviews["Child G"].commissioned_by is None
    assert "Beware of the “rule of optimism”" in reviews["Child G"].learning_points
    source = whole_source()
    for review in reviews.values():
        assert review.provenance is not None
        assert review.provenance.line is not None
        assert review.name in line_text(review.provenance.line)
        for point in review.learning_points:
            assert normal(point) in source


def test_priorities_as_printed(report: AnnualReport) -> None:
    assert len(report.priorities) == 7
    assert report.priorities[0] == (
        "Priority Area 1: Improve the effectiveness of agencies and the community in preventing "
        "child sexual exploitation"
    )
    for priority, line in zip(report.priorities, (811, 813, 815, 817, 819, 821, 823), strict=True):
        assert priority in line_text(line)


def test_context_figures(report: AnnualReport) -> None:
    figures = {
        f.label: f
        for f in report.context
        if f.provenance is not None and (f.provenance.line or 0) >= FIRST_LINE
    }
    assert len(figures) == 17
    schools = figures["mainstream schools"]
    assert (schools.value.number, schools.value.printed) == (Decimal(600), "over 600")
    homes = figures["children's homes in the County"]
    assert homes.value.number == Decimal(100)
    centres = figures["Children's Centres (Wellbeing, Prevention and Early Help Service)"]
    assert centres.value.number == Decimal(79)
    assert centres.provenance is not None
    assert centres.provenance.line == 561
