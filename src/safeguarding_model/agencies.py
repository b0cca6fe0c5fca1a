"""Agencies: the register of a board's partners, which other records refer to by id.

An [`Agency`][safeguarding_model.agencies.Agency] is one organisation (or one part of one, such as
children's social care within the county council) with a stable ``id`` that other records refer
to. [`AgencyKind`][safeguarding_model.agencies.AgencyKind] says what kind of body it is, and which
kinds were statutory partners by default under the boards (2006–2019) and under the
safeguarding partnerships that replaced them.
[`index_agencies`][safeguarding_model.agencies.index_agencies] checks the register, and the rule
G101 reports what it refuses as a finding.

The two tables reports print about agencies have modules of their own:
[`safeguarding_model.attendance`][safeguarding_model.attendance] (attendance at board meetings)
and [`safeguarding_model.section11`][safeguarding_model.section11] (section 11 audits).
``percent`` is in [`safeguarding_model.values`][safeguarding_model.values.percent]. Their old
spellings here (``safeguarding_model.agencies.Attendance`` ...) still work, with a
``DeprecationWarning``.

Examples:
    >>> from safeguarding_model.agencies import Agency, AgencyKind, index_agencies
    >>> index = index_agencies([
    ...     Agency(id="lancashire-constabulary", name="Lancashire Constabulary", kind="police",
    ...            statutory_partner=AgencyKind.POLICE.statutory_by_default()),
    ... ])
    >>> index["lancashire-constabulary"].statutory_partner
    True
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Final, Literal, Self, TypeAlias

from pydantic import Field, model_validator

from safeguarding_model._moved import moved_names
from safeguarding_model._records import AgencyId, Record, Text, positions_by
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "RULES",
    "Agency",
    "AgencyKind",
    "Arrangement",
    "index_agencies",
]


Arrangement: TypeAlias = Literal["board", "partnership"]
"""Which statutory arrangement a helper should apply.

``"board"``: a Local Safeguarding Children Board (Children Act 2004, section 13), 2006 to 2019.
``"partnership"``: the safeguarding partners that replaced boards from 2019 (section 16E, added
by the Children and Social Work Act 2017).
"""


class AgencyKind(SchemaDescribed, StrEnum):
    """What kind of body an agency is.

    | kind | statutory by default: board | partnership |
    | --- | --- | --- |
    | ``local_authority`` (the council) | yes | yes |
    | ``local_authority_service`` (a part of a council, e.g. children's social care) | no | no |
    | ``police`` | yes | yes |
    | ``clinical_commissioning_group`` | yes | yes |
    | ``integrated_care_board`` (replaced CCGs in July 2022) | no | yes |
    | ``nhs_england`` | yes | no |
    | ``nhs_trust`` (trusts and foundation trusts) | yes | no |
    | ``probation`` | yes | no |
    | ``community_rehabilitation_company`` | yes | no |
    | ``cafcass`` | yes | no |
    | ``district_council`` | yes | no |
    | ``school_or_college`` | no | no |
    | ``voluntary_and_faith`` | no | no |
    | ``independent_chair`` | no | no |
    | ``other`` | no | no |

    Under a board, the statutory partners were the council that set the board up and its
    "Board partners" in section 13(3) of the Children Act 2004: district councils, the police,
    probation (later any provider of probation services required to act as one, which took in
    the community rehabilitation companies), NHS commissioners and NHS trusts in the area, and
    Cafcass (with youth offending teams, secure training centres and prisons that hold children,
    which have no kind of their own here: use ``other`` or ``local_authority_service``). Under a
    partnership there are three safeguarding partners: the council, the chief officer of
    police and the NHS commissioner (a CCG, an ICB from July 2022). A part of a council is never
    a partner by itself: its council is. Schools and colleges sat on boards but are not counted
    here. These are defaults: set [`Agency.statutory_partner`][safeguarding_model.agencies.Agency]
    from what the report says.

    Examples:
        >>> from safeguarding_model.agencies import AgencyKind
        >>> AgencyKind.CAFCASS.statutory_by_default()
        True
        >>> AgencyKind.CAFCASS.statutory_by_default("partnership")
        False
        >>> sorted(AgencyKind.statutory_kinds("partnership"))
        [<AgencyKind.CLINICAL_COMMISSIONING_GROUP: 'clinical_commissioning_group'>, <AgencyKind.INTEGRATED_CARE_BOARD: 'integrated_care_board'>, <AgencyKind.LOCAL_AUTHORITY: 'local_authority'>, <AgencyKind.POLICE: 'police'>]
    """

    LOCAL_AUTHORITY = "local_authority"
    LOCAL_AUTHORITY_SERVICE = "local_authority_service"
    POLICE = "police"
    CLINICAL_COMMISSIONING_GROUP = "clinical_commissioning_group"
    INTEGRATED_CARE_BOARD = "integrated_care_board"
    NHS_ENGLAND = "nhs_england"
    NHS_TRUST = "nhs_trust"
    PROBATION = "probation"
    COMMUNITY_REHABILITATION_COMPANY = "community_rehabilitation_company"
    CAFCASS = "cafcass"
    DISTRICT_COUNCIL = "district_council"
    SCHOOL_OR_COLLEGE = "school_or_college"
    VOLUNTARY_AND_FAITH = "voluntary_and_faith"
    INDEPENDENT_CHAIR = "independent_chair"
    OTHER = "other"

    def statutory_by_default(self, arrangement: Arrangement = "board") -> bool:
        """Whether an agency of this kind is a statutory partner under ``arrangement``.

        Raises:
            InvalidInputError: For an arrangement other than ``"board"`` or ``"partnership"``.
        """
        return self in AgencyKind.statutory_kinds(arrangement)

    @classmethod
    def statutory_kinds(cls, arrangement: Arrangement = "board") -> frozenset[AgencyKind]:
        """The kinds that are statutory partners by default under ``arrangement``.

        Raises:
            InvalidInputError: For an arrangement other than ``"board"`` or ``"partnership"``.
        """
        kinds = _STATUTORY.get(arrangement)
        if kinds is None:
            raise InvalidInputError("arrangement", arrangement, "'board' or 'partnership'")
        return kinds


_STATUTORY: Final[dict[str, frozenset[AgencyKind]]] = {
    "board": frozenset(
        {
            AgencyKind.LOCAL_AUTHORITY,
            AgencyKind.POLICE,
            AgencyKind.CLINICAL_COMMISSIONING_GROUP,
            AgencyKind.NHS_ENGLAND,
            AgencyKind.NHS_TRUST,
            AgencyKind.PROBATION,
            AgencyKind.COMMUNITY_REHABILITATION_COMPANY,
            AgencyKind.CAFCASS,
            AgencyKind.DISTRICT_COUNCIL,
        }
    ),
    "partnership": frozenset(
        {
            AgencyKind.LOCAL_AUTHORITY,
            AgencyKind.POLICE,
            AgencyKind.CLINICAL_COMMISSIONING_GROUP,
            AgencyKind.INTEGRATED_CARE_BOARD,
        }
    ),
}


class Agency(Record):
    """One agency: an organisation, or a part of one, that a board's records refer to by ``id``.

    Examples:
        >>> from safeguarding_model.agencies import Agency
        >>> council = Agency(
        ...     id="lancashire-county-council", name="Lancashire County Council",
        ...     kind="local_authority", statutory_partner=True, areas=("Lancashire",),
        ... )
        >>> social_care = Agency(
        ...     id="lcc-childrens-social-care", name="Children's Social Care",
        ...     kind="local_authority_service", statutory_partner=False,
        ...     parent="lancashire-county-council",
        ... )
        >>> social_care.parent
        'lancashire-county-council'
        >>> Agency(id="Lancashire Police", name="Lancashire Constabulary", kind="police", statutory_partner=True)
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Agency
        id
          Value error, id: expected a slug of lower-case letters, digits and hyphens, starting with a letter or digit, like 'lancashire-constabulary', got 'Lancashire Police' [type=value_error]
        ...
    """

    id: AgencyId = Field(
        description="A stable slug that other records use to refer to the agency, e.g. 'lancashire-constabulary'."
    )
    name: Text = Field(description="The agency's name, as the report prints it.")
    kind: AgencyKind = Field(description="What kind of body the agency is.")
    statutory_partner: bool = Field(
        description="Whether the agency is a statutory partner of the board or partnership, as the report says."
    )
    parent: AgencyId | None = Field(
        default=None,
        description="The id of the agency this one is part of (children's social care within the county council), if any.",
    )
    areas: tuple[Text, ...] = Field(
        default=(),
        description="The areas the agency covers, e.g. 'Lancashire', 'Blackpool', 'Blackburn with Darwen'.",
    )

    @model_validator(mode="after")
    def _not_its_own_parent(self) -> Self:
        if self.parent == self.id:
            raise InvalidInputError("parent", self.parent, "the id of another agency")
        return self


def index_agencies(agencies: Iterable[Agency]) -> dict[str, Agency]:
    """The agencies by id, after checking that ids are unique and every parent is listed.

    Args:
        agencies: The agencies, in any order.

    Returns:
        A dict from id to agency, in the order given.

    Raises:
        InvalidInputError: For an id listed twice, a parent that is not listed, or parents that
            form a cycle; the message names the position of the agency at fault.

    Examples:
        >>> from safeguarding_model.agencies import Agency, index_agencies
        >>> index = index_agencies([
        ...     Agency(id="lcc", name="Lancashire County Council", kind="local_authority", statutory_partner=True),
        ...     Agency(id="lcc-csc", name="Children's Social Care", kind="local_authority_service", statutory_partner=False, parent="lcc"),
        ... ])
        >>> list(index)
        ['lcc', 'lcc-csc']
        >>> index_agencies([Agency(id="lcc-csc", name="CSC", kind="other", statutory_partner=False, parent="lcc")])
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: agencies[0].parent: expected the id of a listed agency, got 'lcc'
    """
    listed = tuple(agencies)
    positions: dict[str, int] = positions_by(listed, "agencies", "id", "an id")
    index = {agency.id: agency for agency in listed}
    for agency_id, agency in index.items():
        if agency.parent is not None and agency.parent not in index:
            raise InvalidInputError(
                f"agencies[{positions[agency_id]}].parent",
                agency.parent,
                "the id of a listed agency",
            )
        seen = {agency_id}
        parent = agency.parent
        while parent is not None:
            if parent in seen:
                raise InvalidInputError(
                    f"agencies[{positions[agency_id]}].parent",
                    agency.parent,
                    "parents that do not lead back to the agency itself",
                )
            seen.add(parent)
            parent = index[parent].parent
    return index


# --- rules ---------------------------------------------------------------------------------


def _index_rule(agencies: tuple[Agency, ...]) -> Iterator[Finding]:
    """The agencies' ids are not unique, a parent is not listed, or parents form a cycle.

    A report read from a file is refused for these before any rule runs; the rule reports them
    for agencies built without validation (``model_construct``) or gathered from several files.

    Examples:
        >>> from safeguarding_model.agencies import Agency
        >>> from safeguarding_model.checks import find_rule
        >>> agencies = (
        ...     Agency(id="lcc", name="Lancashire County Council", kind="local_authority", statutory_partner=True),
        ...     Agency(id="lcc", name="Lancashire County Council", kind="local_authority", statutory_partner=True),
        ... )
        >>> for finding in find_rule("G101")(agencies):
        ...     print(finding.code, finding)
        G101 error [agency_index] agencies[1].id: expected an id not used before (agencies[0] has it), got 'lcc'
    """
    try:
        index_agencies(agencies)
    except InvalidInputError as error:
        yield Finding(
            "G101", Kind.AGENCY_INDEX, Severity.ERROR, error.field, str(error).split(": ", 1)[-1]
        )


RULES: tuple[Rule, ...] = (
    Rule("G101", "agency-index", RuleDomain.AGENCIES, _index_rule, "agencies"),
)
"""The rules of the agency register (G)."""


# --- names that moved ----------------------------------------------------------------------

_ATTENDANCE = "safeguarding_model.attendance"
_SECTION11 = "safeguarding_model.section11"

__getattr__ = moved_names(
    __name__,
    {
        "Attendance": _ATTENDANCE,
        "AttendanceRecord": _ATTENDANCE,
        "AttendanceSummary": _ATTENDANCE,
        "attendance_summary": _ATTENDANCE,
        "COMPLIANCE_RATINGS": _SECTION11,
        "Section11Audit": _SECTION11,
        "Section11Return": _SECTION11,
        "Section11Shares": _SECTION11,
        "ShareCheck": _SECTION11,
        "section11_shares": _SECTION11,
        "percent": "safeguarding_model.values",
    },
)
"""Names that moved out of this module, resolved from their new modules with a ``DeprecationWarning``."""
