from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import FinancialYear, InvalidInputError, Rag, Value, ValueParseError
from safeguarding_model.agencies import (
    COMPLIANCE_RATINGS,
    Agency,
    AgencyKind,
    Arrangement,
    Attendance,
    AttendanceRecord,
    Section11Audit,
    Section11Return,
    attendance_summary,
    index_agencies,
    percent,
    section11_shares,
)

from strategies import periods

# --- Lancashire 2015/16 ---------------------------------------------------------------------

# Appendix 3, "LSCB Attendance 2015/16": every row as printed, with the agency where one is clear.
LANCASHIRE_ATTENDANCE = [
    ("Independent Chair", "100", "lscb-independent-chair"),
    ("LCC (DCS)", "100", "lancashire-county-council"),
    ("LCC (Lead Member)", "50", "lancashire-county-council"),
    ("LCC - CSC", "33", "lcc-childrens-social-care"),
    ("LCC – Safeguarding, Inspection & Audit", "50", "lcc-safeguarding-inspection-audit"),
    ("Chorley &South Ribble, West Lancashire and Preston CCG", "100", None),
    ("Fylde & Wyre and Lancashire North CCG", "83", None),
    ("East Lancashire CCG", "83", "east-lancashire-ccg"),
    ("Blackpool Teaching Hospital NHS Foundation Trust", "100", "blackpool-teaching-hospitals"),
    ("East Lancashire Hospital Trust", "100", "east-lancashire-hospitals"),
    ("Lancashire Care Foundation Trust", "100", "lancashire-care-ft"),
    ("Lancashire Teaching Hospital Trust NHS", "100", "lancashire-teaching-hospitals"),
    ("Lancashire Teaching Hospital Trust NHS", "50", "lancashire-teaching-hospitals"),
    ("Southport and Ormskirk Hospital Trust", "17", "southport-and-ormskirk-hospital"),
    ("University Hospital of Morecambe Bay", "67", "university-hospitals-morecambe-bay"),
    ("CDOP Chair", "67", None),
    ("NHS England", "33", "nhs-england"),
    ("Cumbria and Lancashire CRC", "83", "cumbria-lancashire-crc"),
    ("Probation", "67", "national-probation-service"),
    ("Lancashire Constabulary", "83", "lancashire-constabulary"),
    ("District Councils", "50", None),
    ("Cafcass", "100", "cafcass"),
    ("VCFS - Childrens Society", "83", "childrens-society"),
    ("VCFS – HARV", "33", None),
    ("Primary Schools", "67", None),
    ("Secondary Schools", "50", None),
    ("Colleges", "50", None),
    ("Governor Services", "100", None),
]


def lancashire_agencies() -> list[Agency]:
    def agency(agency_id: str, name: str, kind: AgencyKind, *, parent: str | None = None) -> Agency:
        return Agency(
            id=agency_id,
            name=name,
            kind=kind,
            statutory_partner=kind.statutory_by_default("board"),
            parent=parent,
            areas=("Lancashire",),
        )

    return [
        agency(
            "lancashire-county-council", "Lancashire County Council", AgencyKind.LOCAL_AUTHORITY
        ),
        agency(
            "lcc-childrens-social-care",
            "Children's Social Care",
            AgencyKind.LOCAL_AUTHORITY_SERVICE,
            parent="lancashire-county-council",
        ),
        agency(
            "lcc-safeguarding-inspection-audit",
            "Safeguarding, Inspection and Audit",
            AgencyKind.LOCAL_AUTHORITY_SERVICE,
            parent="lancashire-county-council",
        ),
        agency("lancashire-constabulary", "Lancashire Constabulary", AgencyKind.POLICE),
        agency(
            "east-lancashire-ccg", "East Lancashire CCG", AgencyKind.CLINICAL_COMMISSIONING_GROUP
        ),
        agency("nhs-england", "NHS England", AgencyKind.NHS_ENGLAND),
        agency(
            "lancashire-teaching-hospitals",
            "Lancashire Teaching Hospitals Foundation Trust",
            AgencyKind.NHS_TRUST,
        ),
        agency(
            "southport-and-ormskirk-hospital",
            "Southport and Ormskirk Hospital NHS Trust",
            AgencyKind.NHS_TRUST,
        ),
        agency(
            "cumbria-lancashire-crc",
            "Cumbria and Lancashire Community Rehabilitation Company",
            AgencyKind.COMMUNITY_REHABILITATION_COMPANY,
        ),
        agency("national-probation-service", "National Probation Service", AgencyKind.PROBATION),
        agency("cafcass", "Cafcass", AgencyKind.CAFCASS),
        agency("childrens-society", "The Children's Society", AgencyKind.VOLUNTARY_AND_FAITH),
        agency("lscb-independent-chair", "Independent Chair", AgencyKind.INDEPENDENT_CHAIR),
    ]


def lancashire_attendance() -> Attendance:
    return Attendance(
        period=FinancialYear(2015),
        records=tuple(
            AttendanceRecord.from_printed(label, printed, agency=agency)
            for label, printed, agency in LANCASHIRE_ATTENDANCE
        ),
        stated_overall=percent("67"),
    )


def test_lancashire_attendance_table_fits_as_printed() -> None:
    attendance = lancashire_attendance()
    assert len(attendance.records) == 28
    hospital = [
        r for r in attendance.records if r.label == "Lancashire Teaching Hospital Trust NHS"
    ]
    assert [r.attended.number for r in hospital] == [Decimal(100), Decimal(50)]
    for record in attendance.records:
        assert record.attended.unit == "percent"
        assert record.attended.flags == ()  # the "% Atn" header gives the unit: not a guess
    assert attendance.stated_overall is not None
    assert attendance.stated_overall.number == Decimal(67)


def test_lancashire_attendance_summary_reports_the_duplicate_and_the_disagreement() -> None:
    summary = attendance_summary(lancashire_attendance())
    assert summary.count == 28
    assert summary.missing == ()
    assert summary.duplicate_labels == ("Lancashire Teaching Hospital Trust NHS",)
    assert summary.mean == Decimal(1999) / 28  # both duplicate rows count: nothing is fixed
    assert summary.stated_overall == Decimal(67)
    assert summary.agrees is False
    assert summary.difference is not None
    assert summary.difference.quantize(Decimal("0.01")) == Decimal("-4.39")
    assert "printed twice: 'Lancashire Teaching Hospital Trust NHS'" in str(summary)
    assert "stated overall 67% (disagrees)" in str(summary)


def test_lancashire_agencies_index_and_statutory_defaults() -> None:
    index = index_agencies(lancashire_agencies())
    assert index["lcc-childrens-social-care"].parent == "lancashire-county-council"
    assert index["lancashire-constabulary"].statutory_partner
    assert index["cafcass"].statutory_partner
    assert not index["lcc-childrens-social-care"].statutory_partner
    assert not index["childrens-society"].statutory_partner
    known = {agency for _, _, agency in LANCASHIRE_ATTENDANCE if agency is not None}
    assert known - set(index) == {
        "blackpool-teaching-hospitals",
        "east-lancashire-hospitals",
        "lancashire-care-ft",
        "university-hospitals-morecambe-bay",
    }


def test_lancashire_section_11_stated_shares_fit_and_add_to_100() -> None:
    # Section 2: "89.7% indicators returned as fully compliant (green) and only 10.3% partly
    # compliant (amber)"; the returns themselves are not printed.
    audit = Section11Audit(
        period=FinancialYear(2015),
        stated_shares={Rag.GREEN: percent("89.7%"), Rag.AMBER: percent("10.3%")},
    )
    assert audit.returns == ()
    shares = section11_shares(audit)
    assert shares.total == 0
    assert shares.computed == {}
    assert shares.stated_total == Decimal("100.0")
    assert shares.stated_total_agrees is True
    assert shares.agrees is None  # nothing to compare without returns
    assert [check.rating for check in shares.checks] == [Rag.AMBER, Rag.GREEN]
    assert all(check.agrees is None for check in shares.checks)


def test_section_11_shares_computed_from_returns_agree_when_rounded_as_printed() -> None:
    # 26 green and 3 amber of 29 give 89.655...% and 10.344...%: printed 89.7 and 10.3.
    returns = tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=Rag.GREEN)
        for n in range(26)
    ) + tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=Rag.AMBER)
        for n in range(3)
    )
    audit = Section11Audit(
        period=FinancialYear(2015),
        returns=returns,
        stated_shares={Rag.GREEN: percent("89.7"), Rag.AMBER: percent("10.3")},
    )
    shares = section11_shares(audit)
    assert shares.counts == {Rag.RED: 0, Rag.AMBER: 3, Rag.GREEN: 26}
    assert shares.agrees is True
    assert shares.computed[Rag.RED] == 0
    assert str(shares.computed[Rag.GREEN]).startswith("89.655172413793")
    stated_wrongly = audit.model_copy(update={"stated_shares": {Rag.GREEN: percent("89.6")}})
    verdict = section11_shares(stated_wrongly)
    assert verdict.agrees is False
    assert verdict.stated_total_agrees is False


def test_section_11_tolerance_for_shares_rounded_for_print() -> None:
    audit = Section11Audit(
        period=FinancialYear(2015),
        stated_shares={Rag.GREEN: percent("66.7"), Rag.AMBER: percent("33.4")},
    )
    assert section11_shares(audit).stated_total_agrees is False
    assert section11_shares(audit, tolerance=Decimal("0.1")).stated_total_agrees is True
    with pytest.raises(InvalidInputError, match="tolerance"):
        section11_shares(audit, tolerance=Decimal(-1))


# --- errors name their field ----------------------------------------------------------------


@pytest.mark.parametrize("rating", [Rag.BLUE, Rag.GREY])
def test_section_11_return_refuses_benchmark_colours(rating: Rag) -> None:
    with pytest.raises(ValidationError, match="rating: expected red, amber or green"):
        Section11Return(agency="cafcass", standard="Training", rating=rating)


def test_section_11_audit_refuses_a_blue_stated_share() -> None:
    with pytest.raises(ValidationError, match="stated_shares: expected red, amber or green"):
        Section11Audit(period=FinancialYear(2015), stated_shares={Rag.BLUE: percent("5")})


def test_section_11_audit_refuses_a_share_over_100() -> None:
    with pytest.raises(ValidationError, match=r"stated_shares\[green\]: expected a share from 0"):
        Section11Audit(period=FinancialYear(2015), stated_shares={Rag.GREEN: percent("100.1")})


def test_agency_id_must_be_a_slug() -> None:
    with pytest.raises(ValidationError, match="id: expected a slug"):
        Agency(
            id="LCC",
            name="Lancashire County Council",
            kind=AgencyKind.LOCAL_AUTHORITY,
            statutory_partner=True,
        )


def test_agency_parent_must_be_a_slug_and_not_itself() -> None:
    with pytest.raises(ValidationError, match="parent: expected a slug"):
        Agency(id="csc", name="CSC", kind=AgencyKind.OTHER, statutory_partner=False, parent="L C C")
    with pytest.raises(ValidationError, match="parent: expected the id of another agency"):
        Agency(id="csc", name="CSC", kind=AgencyKind.OTHER, statutory_partner=False, parent="csc")


def test_agency_name_and_areas_need_text() -> None:
    with pytest.raises(ValidationError, match="name: expected some text"):
        Agency(id="csc", name=" ", kind=AgencyKind.OTHER, statutory_partner=False)
    with pytest.raises(ValidationError, match="areas: expected some text") as raised:
        Agency(
            id="csc",
            name="CSC",
            kind=AgencyKind.OTHER,
            statutory_partner=False,
            areas=("Preston", ""),
        )
    assert raised.value.errors()[0]["loc"] == ("areas", 1)


def test_agency_refuses_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="colour"):
        Agency.model_validate(
            {
                "id": "csc",
                "name": "CSC",
                "kind": "other",
                "statutory_partner": False,
                "colour": "red",
            }
        )


def test_index_agencies_refuses_duplicates_unknown_parents_and_cycles() -> None:
    a = Agency(id="a", name="A", kind=AgencyKind.OTHER, statutory_partner=False, parent="b")
    b = Agency(id="b", name="B", kind=AgencyKind.OTHER, statutory_partner=False, parent="a")
    c = Agency(id="c", name="C", kind=AgencyKind.OTHER, statutory_partner=False)
    with pytest.raises(
        InvalidInputError, match=r"agencies\[1\]\.id: expected an id not used before"
    ) as error:
        index_agencies([c, c])
    assert error.value.field == "agencies[1].id"
    with pytest.raises(
        InvalidInputError, match=r"agencies\[0\]\.parent: expected the id of a listed"
    ):
        index_agencies([a])
    with pytest.raises(
        InvalidInputError, match=r"agencies\[0\]\.parent: expected parents that do not"
    ):
        index_agencies([a, b])


def test_attendance_record_errors_name_their_field() -> None:
    with pytest.raises(ValidationError, match="attended: expected a share from 0 to 100"):
        AttendanceRecord.from_printed("Cafcass", "101")
    with pytest.raises(ValidationError, match="agency: expected a slug"):
        AttendanceRecord.from_printed("Cafcass", "100", agency="Cafcass")
    with pytest.raises(ValidationError, match="attended: expected a share in per cent"):
        AttendanceRecord(label="Cafcass", attended=Value(number=Decimal(100)))
    with pytest.raises(ValidationError, match="label: expected some text"):
        AttendanceRecord.from_printed(" ", "100")
    with pytest.raises(ValidationError, match="meetings"):
        AttendanceRecord.from_printed("Cafcass", "100", meetings=-1)
    with pytest.raises(ValidationError, match="stated_overall: expected a share from 0 to 100"):
        Attendance(period=FinancialYear(2015), records=(), stated_overall=percent("167"))


def test_percent_reads_printed_cells_and_refuses_pounds() -> None:
    assert percent("83").number == Decimal(83)
    assert percent("83").flags == ()
    assert percent("N/A").number is None
    assert percent("N/A").unit == "percent"
    assert percent(Decimal("89.7")).number == Decimal("89.7")
    with pytest.raises(ValueParseError, match="pounds"):
        percent("£83")
    with pytest.raises(InvalidInputError, match="value: expected a number"):
        percent(83.0)  # type: ignore[arg-type]


def test_attendance_fields_take_printed_cells_from_json() -> None:
    record = AttendanceRecord.model_validate({"label": "Probation", "attended": "67"})
    assert record.attended == percent("67")
    assert (
        AttendanceRecord.model_validate({"label": "Probation", "attended": 67}).attended.number
        == 67
    )


def test_attendance_summary_of_rows_without_numbers() -> None:
    table = Attendance(
        period=FinancialYear(2015),
        records=(AttendanceRecord.from_printed("Colleges", "TBC"),),
        stated_overall=percent("67"),
    )
    summary = attendance_summary(table)
    assert summary.mean is None
    assert summary.count == 0
    assert summary.missing == ("Colleges",)
    assert summary.agrees is None
    assert summary.difference is None
    assert "no number: 'Colleges'" in str(summary)


def test_duplicate_labels_ignore_case_and_spacing() -> None:
    table = Attendance(
        period=FinancialYear(2015),
        records=(
            AttendanceRecord.from_printed("Primary  Schools", "67"),
            AttendanceRecord.from_printed("primary schools", "50"),
        ),
    )
    assert attendance_summary(table).duplicate_labels == ("Primary  Schools",)


@pytest.mark.parametrize(
    ("kind", "board", "partnership"),
    [
        (AgencyKind.LOCAL_AUTHORITY, True, True),
        (AgencyKind.POLICE, True, True),
        (AgencyKind.CLINICAL_COMMISSIONING_GROUP, True, True),
        (AgencyKind.INTEGRATED_CARE_BOARD, False, True),
        (AgencyKind.NHS_TRUST, True, False),
        (AgencyKind.COMMUNITY_REHABILITATION_COMPANY, True, False),
        (AgencyKind.DISTRICT_COUNCIL, True, False),
        (AgencyKind.LOCAL_AUTHORITY_SERVICE, False, False),
        (AgencyKind.SCHOOL_OR_COLLEGE, False, False),
        (AgencyKind.INDEPENDENT_CHAIR, False, False),
    ],
)
def test_statutory_defaults(kind: AgencyKind, *, board: bool, partnership: bool) -> None:
    assert kind.statutory_by_default() is board
    assert kind.statutory_by_default("partnership") is partnership


def test_statutory_kinds_refuse_an_unknown_arrangement() -> None:
    with pytest.raises(InvalidInputError, match="arrangement: expected 'board' or 'partnership'"):
        AgencyKind.statutory_kinds("trust")  # type: ignore[arg-type]


def test_partnership_partners_are_a_subset_of_council_police_and_nhs() -> None:
    arrangement: Arrangement = "partnership"
    assert len(AgencyKind.statutory_kinds(arrangement)) == 4


# --- properties -----------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
shares = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
ratings = st.sampled_from(COMPLIANCE_RATINGS)


@st.composite
def agencies(draw: st.DrawFn) -> Agency:
    return Agency(
        id=draw(slugs),
        name=draw(texts),
        kind=draw(st.sampled_from(AgencyKind)),
        statutory_partner=draw(st.booleans()),
        parent=draw(st.none() | slugs.map(lambda slug: slug + "-parent")),
        areas=tuple(draw(st.lists(texts, max_size=3))),
    )


@st.composite
def attendance_records(draw: st.DrawFn) -> AttendanceRecord:
    attended = draw(st.one_of(shares.map(percent), st.just(percent("TBC"))))
    return AttendanceRecord(
        label=draw(texts),
        agency=draw(st.none() | slugs),
        attended=attended,
        meetings=draw(st.none() | st.integers(min_value=0, max_value=50)),
    )


@st.composite
def attendances(draw: st.DrawFn) -> Attendance:
    return Attendance(
        period=draw(periods),
        records=tuple(draw(st.lists(attendance_records(), max_size=12))),
        stated_overall=draw(st.none() | shares.map(percent)),
    )


@st.composite
def section11_audits(draw: st.DrawFn) -> Section11Audit:
    returns = draw(
        st.lists(
            st.builds(Section11Return, agency=slugs, standard=texts, rating=ratings), max_size=15
        )
    )
    stated = draw(st.dictionaries(ratings, shares.map(percent), max_size=3))
    return Section11Audit(period=draw(periods), returns=tuple(returns), stated_shares=stated)


@given(agencies())
def test_agency_json_round_trip_is_exact(agency: Agency) -> None:
    assert Agency.model_validate_json(agency.model_dump_json()) == agency


@given(attendances())
def test_attendance_json_round_trip_is_exact(attendance: Attendance) -> None:
    again = Attendance.model_validate_json(attendance.model_dump_json())
    assert again == attendance
    for before, after in zip(attendance.records, again.records, strict=True):
        assert str(before.attended.number) == str(after.attended.number)


@given(section11_audits())
def test_section_11_audit_json_round_trip_is_exact(audit: Section11Audit) -> None:
    assert Section11Audit.model_validate_json(audit.model_dump_json()) == audit


@given(attendances())
def test_attendance_mean_lies_between_the_smallest_and_largest_share(
    attendance: Attendance,
) -> None:
    summary = attendance_summary(attendance)
    numbers = [r.attended.number for r in attendance.records if r.attended.number is not None]
    assert summary.count == len(numbers)
    assert len(summary.missing) == len(attendance.records) - len(numbers)
    if numbers:
        assert summary.mean is not None
        assert min(numbers) <= summary.mean <= max(numbers)
    else:
        assert summary.mean is None


@given(section11_audits())
def test_section_11_computed_shares_count_every_return(audit: Section11Audit) -> None:
    shares = section11_shares(audit)
    assert sum(shares.counts.values()) == shares.total == len(audit.returns)
    if shares.total:
        assert abs(sum(shares.computed.values(), Decimal(0)) - 100) < Decimal("1e-20")
        for check in shares.checks:
            assert check.computed is not None


@given(st.lists(ratings, min_size=1, max_size=40), st.integers(min_value=0, max_value=3))
def test_shares_stated_as_the_computed_shares_rounded_agree(rated: list[Rag], places: int) -> None:
    returns = tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=rating)
        for n, rating in enumerate(rated)
    )
    base = Section11Audit(period=FinancialYear(2015), returns=returns)
    computed = section11_shares(base).computed
    stated = {
        rating: percent(share.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        for rating, share in computed.items()
    }
    audit = base.model_copy(update={"stated_shares": stated})
    assert section11_shares(audit).agrees is True


def test_share_checks_become_findings_only_when_they_disagree() -> None:
    from safeguarding_model.agencies import ShareCheck  # noqa: PLC0415 - beside its use

    year = FinancialYear(2015)
    assert (
        ShareCheck(Rag.GREEN, Decimal("89.7"), Decimal("89.66"), agrees=True).to_finding(year)
        is None
    )
    assert ShareCheck(Rag.RED, None, Decimal(0), agrees=None).to_finding(year) is None
    finding = ShareCheck(Rag.AMBER, Decimal("10.3"), Decimal("12.5"), agrees=False).to_finding(year)
    assert finding is not None
    assert (finding.code, finding.severity.value, finding.location) == (
        "S101",
        "error",
        "section 11 2015/16 / amber",
    )
    assert dict(finding.numbers) == {"stated": "10.3", "computed": "12.5"}


def test_the_agency_index_rule_reports_a_cycle_built_without_validation() -> None:
    from safeguarding_model.checks import find_rule  # noqa: PLC0415 - beside its use

    first = Agency.model_construct(
        id="a", name="A", kind=AgencyKind.OTHER, statutory_partner=False, parent="b", areas=()
    )
    second = Agency.model_construct(
        id="b", name="B", kind=AgencyKind.OTHER, statutory_partner=False, parent="a", areas=()
    )
    (finding,) = find_rule("G101")((first, second))
    assert finding.code == "G101"
    assert finding.location == "agencies[0].parent"
    assert "lead back" in finding.message
    assert find_rule("G101")((first.model_copy(update={"parent": None}),)) == ()


def test_attendance_rules_on_lancashire() -> None:
    from safeguarding_model import load_example  # noqa: PLC0415 - beside its use
    from safeguarding_model.checks import find_rule  # noqa: PLC0415

    attendance = load_example().attendance
    assert attendance is not None
    (duplicate,) = find_rule("A101")(attendance)
    assert duplicate.location == "attendance / Lancashire Teaching Hospital Trust NHS"
    (overall,) = find_rule("A102")(attendance)
    assert dict(overall.numbers) == {"stated": "67", "mean": "71.3929"}
