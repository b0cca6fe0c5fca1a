import importlib
import re
import warnings

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from lancashire_tables import LANCASHIRE_ATTENDANCE, lancashire_agencies
from safeguarding_model import InvalidInputError
from safeguarding_model._bases import DEPRECATED_SINCE
from safeguarding_model.agencies import Agency, AgencyKind, Arrangement, index_agencies

# --- Lancashire 2015/16 ---------------------------------------------------------------------


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


# --- errors name their field ----------------------------------------------------------------


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


@given(agencies())
def test_agency_json_round_trip_is_exact(agency: Agency) -> None:
    assert Agency.model_validate_json(agency.model_dump_json()) == agency


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


# --- names that moved -----------------------------------------------------------------------

OLD = "safeguarding_model.agencies"
MOVED = {
    "Attendance": "safeguarding_model.attendance",
    "AttendanceRecord": "safeguarding_model.attendance",
    "AttendanceSummary": "safeguarding_model.attendance",
    "attendance_summary": "safeguarding_model.attendance",
    "COMPLIANCE_RATINGS": "safeguarding_model.section11",
    "Section11Audit": "safeguarding_model.section11",
    "Section11Return": "safeguarding_model.section11",
    "Section11Shares": "safeguarding_model.section11",
    "ShareCheck": "safeguarding_model.section11",
    "section11_shares": "safeguarding_model.section11",
    "percent": "safeguarding_model.values",
}
# The module's __all__ before attendance, section 11 and percent moved out of it.
FORMER_ALL = {
    *MOVED,
    "RULES",
    "Agency",
    "AgencyKind",
    "Arrangement",
    "index_agencies",
}


@pytest.mark.parametrize(("name", "home"), sorted(MOVED.items()))
def test_a_moved_name_warns_every_time_and_is_the_object_of_its_new_home(
    name: str, home: str
) -> None:
    old = importlib.import_module(OLD)
    message = f"{OLD}.{name} is deprecated since version {DEPRECATED_SINCE}; use {home}.{name}"
    for _ in range(2):  # not cached: every use warns
        with pytest.warns(DeprecationWarning, match=f"^{re.escape(message)}$"):
            found = getattr(old, name)
        assert found is getattr(importlib.import_module(home), name)
    assert name not in old.__all__
    assert name not in vars(old)


def test_an_import_of_a_moved_name_warns_at_the_importing_line() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from safeguarding_model.agencies import Section11Audit  # noqa: PLC0415 - the import under test

    from safeguarding_model.section11 import Section11Audit as moved  # noqa: PLC0415, N813

    assert Section11Audit is moved
    (warning,) = caught
    assert warning.category is DeprecationWarning
    assert warning.filename == __file__


def test_every_former_name_is_here_or_moved_and_others_are_unknown() -> None:
    old = importlib.import_module(OLD)
    assert set(old.__all__) | set(MOVED) == FORMER_ALL
    assert not set(old.__all__) & set(MOVED)
    with pytest.raises(
        AttributeError, match=r"module 'safeguarding_model\.agencies' has no attribute 'Budget'"
    ):
        _ = old.Budget
