"""Agencies: a board's partners, their attendance at its meetings and their section 11 returns.

An [`Agency`][safeguarding_model.agencies.Agency] is one organisation (or one part of one, such as
children's social care within the county council) with a stable ``id`` that other records refer
to. [`AgencyKind`][safeguarding_model.agencies.AgencyKind] says what kind of body it is, and which
kinds were statutory partners by default under the boards (2006–2019) and under the
safeguarding partnerships that replaced them.

Annual reports print two tables about agencies, and both are held **as printed**:

- **attendance** at board meetings, one share per row
  ([`Attendance`][safeguarding_model.agencies.Attendance]), with the overall share the report
  states; [`attendance_summary`][safeguarding_model.agencies.attendance_summary] computes the
  mean beside the stated overall and reports rows printed twice;
- **section 11 audits**, each agency's compliance with each standard rated red, amber or green
  ([`Section11Audit`][safeguarding_model.agencies.Section11Audit]), often printed only as shares;
  [`section11_shares`][safeguarding_model.agencies.section11_shares] computes the shares from the
  returns where they exist, and checks the stated shares against them and against 100.

Examples:
    >>> from safeguarding_model import FinancialYear
    >>> from safeguarding_model.agencies import Attendance, AttendanceRecord, attendance_summary, percent
    >>> attendance = Attendance(
    ...     period=FinancialYear(2015),
    ...     records=(
    ...         AttendanceRecord.from_printed("Lancashire Teaching Hospital Trust NHS", "100"),
    ...         AttendanceRecord.from_printed("Lancashire Teaching Hospital Trust NHS", "50"),
    ...         AttendanceRecord.from_printed("Cafcass", "100"),
    ...     ),
    ...     stated_overall=percent("67"),
    ... )
    >>> print(attendance_summary(attendance))
    attendance 2015/16: mean 83.33% over 3 rows, stated overall 67% (disagrees); printed twice: 'Lancashire Teaching Hospital Trust NHS'
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor
from typing import TYPE_CHECKING, Annotated, ClassVar, Final, Literal, Self, TypeAlias

from attrs import frozen
from pydantic import BeforeValidator, Field, field_validator, model_validator

from safeguarding_model._frozen import FrozenDict, FrozenMapping
from safeguarding_model._numbers import half_unit, tidy
from safeguarding_model._records import AgencyId, Record, SchemaDescribed, Text
from safeguarding_model.errors import InvalidInputError, ValueParseError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.markers import Rag
from safeguarding_model.periods import Period
from safeguarding_model.values import Value, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "COMPLIANCE_RATINGS",
    "RULES",
    "Agency",
    "AgencyKind",
    "Arrangement",
    "Attendance",
    "AttendanceRecord",
    "AttendanceSummary",
    "Section11Audit",
    "Section11Return",
    "Section11Shares",
    "ShareCheck",
    "attendance_summary",
    "index_agencies",
    "percent",
    "section11_shares",
]

_HUNDRED: Final = Decimal(100)


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
    index: dict[str, Agency] = {}
    positions: dict[str, int] = {}
    for position, agency in enumerate(agencies):
        if agency.id in index:
            raise InvalidInputError(
                f"agencies[{position}].id",
                agency.id,
                f"an id not used before (agencies[{positions[agency.id]}] has it)",
            )
        index[agency.id] = agency
        positions[agency.id] = position
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


# --- shares in per cent ---------------------------------------------------------------------


def percent(value: str | int | Decimal) -> Value:
    """A share in per cent, as a [`Value`][safeguarding_model.Value] with unit ``'percent'``.

    Takes a number or the cell as printed. Attendance and audit tables print their shares
    without a ``%`` sign under a header that gives the unit (Lancashire's "% Atn"), so a bare
    number here is a percentage by its column, not a guess: it is **not** flagged
    ``MISSING_PERCENT_SIGN``. Words such as ``N/A`` or ``TBC`` give a value with no number.

    Raises:
        ValueParseError: For text that is not a value, or an amount of pounds.

    Examples:
        >>> from safeguarding_model.agencies import percent
        >>> percent("83")
        Value(number=Decimal('83'), status=<ValueStatus.FINAL: 'final'>, unit='percent', note=None, printed='83', flags=())
        >>> percent("89.7%").number, percent(50).printed
        (Decimal('89.7'), None)
    """
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise InvalidInputError("value", value, "a number (int or Decimal) or the cell as printed")
    if isinstance(value, str):
        parsed = parse_value(value)
        if parsed.unit == "pounds":
            raise ValueParseError(value, "expected a percentage, got an amount of pounds")
        return parsed.model_copy(update={"unit": "percent"})
    return Value(number=Decimal(value), unit="percent")


def _to_percent(value: object) -> object:
    """Let a share field take a number or a printed cell as well as a value."""
    if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
        return percent(value)
    return value


_PercentValue = Annotated[Value, BeforeValidator(_to_percent)]
"""A share in per cent: a ``Value`` with unit ``'percent'`` (a number or printed cell is read with ``percent``)."""


def _check_share(value: Value, field: str) -> Value:
    if value.unit != "percent":
        raise InvalidInputError(
            field, value.unit, "a share in per cent (a Value with unit 'percent'; see percent())"
        )
    if value.number is not None and not Decimal(0) <= value.number <= _HUNDRED:
        raise InvalidInputError(field, value.number, "a share from 0 to 100 per cent")
    return value


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _round_half_up(share: Fraction, decimals: int) -> Fraction:
    scale = 10**decimals
    return Fraction(floor(share * scale + Fraction(1, 2)), scale)


def _show(number: Decimal | None, places: int = 2) -> str:
    if number is None:
        return "none"
    return f"{tidy(number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))}%"


# --- attendance -----------------------------------------------------------------------------


class AttendanceRecord(Record):
    """One row of an attendance table: who, as printed, and the share of meetings attended.

    Examples:
        >>> from safeguarding_model.agencies import AttendanceRecord
        >>> row = AttendanceRecord.from_printed("LCC - CSC", "33", agency="lcc-childrens-social-care")
        >>> row.attended.number, row.attended.unit, row.attended.flags
        (Decimal('33'), 'percent', ())
        >>> AttendanceRecord.from_printed("Cafcass", "150")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for AttendanceRecord
        attended
          Value error, attended: expected a share from 0 to 100 per cent, got Decimal('150') [type=value_error]
        ...
    """

    label: Text = Field(description="The row's label as printed, e.g. 'LCC - CSC'.")
    agency: AgencyId | None = Field(
        default=None, description="The id of the agency the row stands for, when known."
    )
    attended: _PercentValue = Field(
        description="The share of meetings attended, in per cent, as printed (unit 'percent'; tables print it without the sign under a '% Atn' header)."
    )
    meetings: int | None = Field(
        default=None, ge=0, description="How many meetings the share is out of, when printed."
    )

    @field_validator("attended")
    @classmethod
    def _attended(cls, value: Value) -> Value:
        return _check_share(value, "attended")

    @classmethod
    def from_printed(
        cls, label: str, printed: str, *, agency: str | None = None, meetings: int | None = None
    ) -> AttendanceRecord:
        """A row from its label and its share as printed (read with [`percent`][safeguarding_model.agencies.percent]).

        Raises:
            ValueParseError: For a share that is not a value.
            pydantic.ValidationError: For a share outside 0 to 100, or a bad agency id.
        """
        return cls(label=label, agency=agency, attended=percent(printed), meetings=meetings)


class Attendance(Record):
    """A board's attendance table for a period, with the overall share it states.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Attendance, AttendanceRecord, percent
        >>> table = Attendance(
        ...     period=FinancialYear(2015),
        ...     records=(AttendanceRecord.from_printed("Independent Chair", "100"),),
        ...     stated_overall=percent("67"),
        ... )
        >>> print(table.model_dump_json())
        {"period":"2015/16","records":[{"label":"Independent Chair","agency":null,"attended":{"number":"100","status":"final","unit":"percent","note":null,"printed":"100","flags":[]},"meetings":null}],"stated_overall":{"number":"67","status":"final","unit":"percent","note":null,"printed":"67","flags":[]}}
    """

    period: Period = Field(description="The period the table covers, e.g. '2015/16'.")
    records: tuple[AttendanceRecord, ...] = Field(description="The rows, in the order printed.")
    stated_overall: _PercentValue | None = Field(
        default=None,
        description="The overall share the table states (Lancashire's 'OVERALL %' row), as printed.",
    )

    @field_validator("stated_overall")
    @classmethod
    def _overall(cls, value: Value | None) -> Value | None:
        return None if value is None else _check_share(value, "stated_overall")


@frozen
class AttendanceSummary:
    """An attendance table's mean share beside the overall share it states.

    ``mean`` is the plain mean of the rows that have a number (each row counts once, as
    printed, duplicates included), to 28 significant digits; ``agrees`` rounds it half up to the
    stated overall's decimal places and compares. A table may weight its overall by meetings,
    so a disagreement is something to explain, not necessarily an error.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import AttendanceSummary
        >>> summary = AttendanceSummary(
        ...     period=FinancialYear(2015), mean=Decimal("66.5"), count=2, missing=(),
        ...     stated_overall=Decimal(67), duplicate_labels=(),
        ... )
        >>> summary.agrees, summary.difference
        (True, Decimal('0.5'))
    """

    period: Period
    mean: Decimal | None
    """The mean share of the rows with a number; ``None`` when no row has one."""
    count: int
    """How many rows have a number (and so count towards the mean)."""
    missing: tuple[str, ...]
    """Labels of the rows with no number (``N/A``, ``TBC``), in the order printed."""
    stated_overall: Decimal | None
    """The overall share the table states, if it states one with a number."""
    duplicate_labels: tuple[str, ...]
    """Labels printed more than once (ignoring case and spacing), as first printed."""

    json_properties: ClassVar[tuple[str, ...]] = ("difference", "agrees")

    @property
    def difference(self) -> Decimal | None:
        """The stated overall minus the mean, or ``None`` when either is missing."""
        if self.mean is None or self.stated_overall is None:
            return None
        return tidy(self.stated_overall - self.mean)

    @property
    def agrees(self) -> bool | None:
        """Whether the mean, rounded as the stated overall is printed, equals it (``None`` if either is missing)."""
        if self.mean is None or self.stated_overall is None:
            return None
        places = _decimals(self.stated_overall)
        rounded = self.mean.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        return rounded == self.stated_overall

    def __str__(self) -> str:
        text = f"attendance {self.period}: mean {_show(self.mean)} over {self.count} rows"
        if self.stated_overall is not None:
            verdict = "agrees" if self.agrees else "disagrees"
            text += f", stated overall {_show(self.stated_overall)} ({verdict})"
        if self.missing:
            text += f"; no number: {', '.join(repr(label) for label in self.missing)}"
        if self.duplicate_labels:
            text += f"; printed twice: {', '.join(repr(label) for label in self.duplicate_labels)}"
        return text


def _label_key(label: str) -> str:
    return " ".join(label.split()).casefold()


def attendance_summary(attendance: Attendance) -> AttendanceSummary:
    """The mean share of an attendance table beside its stated overall, and rows printed twice.

    Duplicates are reported, never merged or dropped: Lancashire's 2015/16 table lists
    "Lancashire Teaching Hospital Trust NHS" twice, at 100 and at 50, and both rows count.

    Args:
        attendance: The table.

    Returns:
        The summary.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Attendance, AttendanceRecord, attendance_summary
        >>> table = Attendance(period=FinancialYear(2015), records=(
        ...     AttendanceRecord.from_printed("Probation", "67"),
        ...     AttendanceRecord.from_printed("Governor Services", "TBC"),
        ... ))
        >>> summary = attendance_summary(table)
        >>> summary.mean, summary.count, summary.missing
        (Decimal('67'), 1, ('Governor Services',))
    """
    numbers: list[Decimal] = []
    missing: list[str] = []
    first_label: dict[str, str] = {}
    duplicates: dict[str, str] = {}
    for record in attendance.records:
        if record.attended.number is None:
            missing.append(record.label)
        else:
            numbers.append(record.attended.number)
        key = _label_key(record.label)
        if key in first_label:
            duplicates.setdefault(key, first_label[key])
        else:
            first_label[key] = record.label
    mean = tidy(sum(numbers, Decimal(0)) / len(numbers)) if numbers else None
    stated = attendance.stated_overall.number if attendance.stated_overall is not None else None
    return AttendanceSummary(
        period=attendance.period,
        mean=mean,
        count=len(numbers),
        missing=tuple(missing),
        stated_overall=stated,
        duplicate_labels=tuple(duplicates.values()),
    )


# --- section 11 -----------------------------------------------------------------------------

COMPLIANCE_RATINGS: Final = (Rag.RED, Rag.AMBER, Rag.GREEN)
"""The ratings a section 11 return can have: red, amber and green (not the benchmark colours blue and grey)."""

_RATINGS_EXPECTED: Final = (
    "red, amber or green (a section 11 rating of compliance; blue and grey are benchmark colours)"
)


def _check_rating(value: Rag, field: str) -> Rag:
    if value not in COMPLIANCE_RATINGS:
        raise InvalidInputError(field, value.value, _RATINGS_EXPECTED)
    return value


class Section11Return(Record):
    """One agency's rating of its compliance with one section 11 standard.

    Examples:
        >>> from safeguarding_model.agencies import Section11Return
        >>> Section11Return(agency="lancashire-constabulary", standard="Training", rating="amber").rating
        <Rag.AMBER: 'amber'>
        >>> Section11Return(agency="cafcass", standard="Training", rating="blue")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Section11Return
        rating
          Value error, rating: expected red, amber or green (a section 11 rating of compliance; blue and grey are benchmark colours), got 'blue' [type=value_error]
        ...
    """

    agency: AgencyId = Field(description="The id of the agency that made the return.")
    standard: Text = Field(
        description="The standard rated, as printed, e.g. 'Training' or 'Inter-agency working'."
    )
    rating: Rag = Field(
        description="The rating: red (not compliant), amber (partly compliant) or green (fully compliant).",
        json_schema_extra={"enum": [rating.value for rating in COMPLIANCE_RATINGS]},
    )

    @field_validator("rating", mode="after")
    @classmethod
    def _rating(cls, value: Rag) -> Rag:
        return _check_rating(value, "rating")


class Section11Audit(Record):
    """A board's section 11 audit for a period: the returns, and the shares the report states.

    A report may print only the shares (Lancashire 2015/16: "89.7% indicators returned as fully
    compliant (green) and only 10.3% partly compliant (amber)"), so ``returns`` may be empty.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Section11Audit, percent
        >>> audit = Section11Audit(
        ...     period=FinancialYear(2015),
        ...     stated_shares={"green": percent("89.7%"), "amber": percent("10.3%")},
        ... )
        >>> {rating.value: value.number for rating, value in audit.stated_shares.items()}
        {'green': Decimal('89.7'), 'amber': Decimal('10.3')}
    """

    period: Period = Field(description="The period the audit covers, e.g. '2015/16'.")
    returns: tuple[Section11Return, ...] = Field(
        default=(),
        description="The returns, one per agency and standard; empty when only shares are printed.",
    )
    stated_shares: FrozenMapping[Rag, _PercentValue] = Field(
        default_factory=FrozenDict,
        description="The share of returns at each rating (red, amber, green) as the report states it, in per cent.",
        json_schema_extra={
            "propertyNames": {"enum": [rating.value for rating in COMPLIANCE_RATINGS]}
        },
    )

    @field_validator("stated_shares")
    @classmethod
    def _shares(cls, value: Mapping[Rag, Value]) -> Mapping[Rag, Value]:
        for rating, share in value.items():
            _check_rating(rating, "stated_shares")
            _check_share(share, f"stated_shares[{rating.value}]")
        return value


@frozen
class ShareCheck:
    """One rating's share of section 11 returns: stated, computed, and whether they agree.

    ``agrees`` is ``None`` when there is nothing to compare: no returns, or no share stated for
    the rating (a report that prints green and amber only states nothing about red).
    The computed share is rounded half up to the stated share's decimal places, exactly.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Rag
        >>> from safeguarding_model.agencies import ShareCheck
        >>> print(ShareCheck(Rag.GREEN, stated=Decimal("89.7"), computed=Decimal("89.65517241379310344827586207"), agrees=True))
        green: stated 89.7%, computed 89.66% (agrees)
    """

    rating: Rag
    stated: Decimal | None
    computed: Decimal | None
    agrees: bool | None

    def __str__(self) -> str:
        stated = "not stated" if self.stated is None else f"stated {tidy(self.stated)}%"
        computed = "no returns" if self.computed is None else f"computed {_show(self.computed)}"
        verdict = {True: " (agrees)", False: " (disagrees)", None: ""}[self.agrees]
        return f"{self.rating.value}: {stated}, {computed}{verdict}"

    def to_finding(self, period: Period) -> Finding | None:
        """The check as a [`Finding`][safeguarding_model.findings.Finding] (rule S101) when it disagrees, else ``None``.

        Examples:
            >>> from decimal import Decimal
            >>> from safeguarding_model import FinancialYear, Rag
            >>> from safeguarding_model.agencies import ShareCheck
            >>> print(ShareCheck(Rag.GREEN, Decimal("80"), Decimal("75"), agrees=False).to_finding(FinancialYear(2015)))
            error [section11_shares] section 11 2015/16 / green: stated 80%, computed 75% from the returns
        """
        if self.agrees is not False or self.stated is None or self.computed is None:
            return None
        return Finding(
            "S101",
            Kind.SECTION11_SHARES,
            Severity.ERROR,
            f"section 11 {period} / {self.rating.value}",
            f"stated {tidy(self.stated)}%, computed {_show(self.computed)} from the returns",
            numbers=(
                ("stated", str(self.stated)),
                ("computed", str(self.computed)),
            ),
        )


@frozen
class Section11Shares:
    """Section 11 shares computed from the returns, checked against the shares the report states.

    Computed shares are ``Decimal`` percentages to 28 significant digits; the comparisons with
    the stated shares are exact (fractions, rounded half up to the printed decimal places).
    ``stated_total`` adds the stated shares; ``stated_total_agrees`` checks it is 100 within
    ``tolerance`` (shares rounded for print may add to 99.9 or 100.1).

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Section11Audit, percent, section11_shares
        >>> audit = Section11Audit(period=FinancialYear(2015), stated_shares={"green": percent("89.7"), "amber": percent("10.3")})
        >>> shares = section11_shares(audit)
        >>> shares.stated_total, shares.stated_total_agrees, shares.agrees
        (Decimal('100.0'), True, None)
    """

    period: Period
    total: int
    """How many returns there are."""
    counts: Mapping[Rag, int]
    """How many returns have each rating (red, amber and green, zero where none); read-only."""
    computed: Mapping[Rag, Decimal]
    """Each rating's share of the returns in per cent; empty when there are no returns; read-only."""
    checks: tuple[ShareCheck, ...]
    """One check per rating that is stated or has returns, red first."""
    stated_total: Decimal | None
    """The stated shares added up; ``None`` when none is stated with a number."""
    tolerance: Decimal
    """How far from 100 the stated total may be and still agree."""

    json_properties: ClassVar[tuple[str, ...]] = ("stated_total_agrees", "agrees")

    @property
    def stated_total_agrees(self) -> bool | None:
        """Whether the stated shares add up to 100 within ``tolerance`` (``None`` when none is stated)."""
        if self.stated_total is None:
            return None
        return abs(self.stated_total - _HUNDRED) <= self.tolerance

    @property
    def agrees(self) -> bool | None:
        """Whether every stated share agrees with its computed share; ``None`` when nothing compares."""
        verdicts = [check.agrees for check in self.checks if check.agrees is not None]
        return all(verdicts) if verdicts else None

    def __str__(self) -> str:
        lines = [f"section 11 {self.period}: {self.total} returns"]
        lines.extend(f"  {check}" for check in self.checks)
        if self.stated_total is not None:
            verdict = "agrees" if self.stated_total_agrees else "disagrees"
            lines.append(f"  stated shares add to {tidy(self.stated_total)}% ({verdict} with 100%)")
        return "\n".join(lines)


def section11_shares(
    audit: Section11Audit, *, tolerance: Decimal | int = Decimal(0)
) -> Section11Shares:
    """Compute each rating's share of an audit's returns and check the stated shares.

    Args:
        audit: The audit.
        tolerance: How far from 100 (in percentage points) the stated shares may add to.

    Returns:
        The computed shares, one check per rating, and the stated total.

    Raises:
        InvalidInputError: For a negative or non-finite tolerance.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Section11Audit, Section11Return, percent, section11_shares
        >>> returns = tuple(
        ...     Section11Return(agency=agency, standard="Training", rating=rating)
        ...     for agency, rating in [("police", "green"), ("cafcass", "green"), ("probation", "amber")]
        ... )
        >>> audit = Section11Audit(period=FinancialYear(2015), returns=returns,
        ...                        stated_shares={"green": percent("66.7"), "amber": percent("33.3")})
        >>> print(section11_shares(audit))
        section 11 2015/16: 3 returns
          red: not stated, computed 0%
          amber: stated 33.3%, computed 33.33% (agrees)
          green: stated 66.7%, computed 66.67% (agrees)
          stated shares add to 100% (agrees with 100%)
    """
    if (
        isinstance(tolerance, bool)
        or not isinstance(tolerance, int | Decimal)
        or not Decimal(tolerance).is_finite()
        or tolerance < 0
    ):
        raise InvalidInputError(
            "tolerance", tolerance, "a number of percentage points of at least 0"
        )
    counts = dict.fromkeys(COMPLIANCE_RATINGS, 0)
    for item in audit.returns:
        counts[item.rating] += 1
    total = len(audit.returns)
    computed = (
        {rating: tidy(Decimal(100 * count) / total) for rating, count in counts.items()}
        if total
        else {}
    )
    stated = {
        rating: value.number
        for rating, value in audit.stated_shares.items()
        if value.number is not None
    }
    checks: list[ShareCheck] = []
    for rating in COMPLIANCE_RATINGS:
        if rating not in stated and not total:
            continue
        stated_share = stated.get(rating)
        agrees: bool | None = None
        if total:
            exact = Fraction(100 * counts[rating], total)
            if stated_share is not None:
                rounded = _round_half_up(exact, _decimals(stated_share))
                agrees = rounded == Fraction(stated_share)
        checks.append(ShareCheck(rating, stated_share, computed.get(rating), agrees))
    stated_total = sum(stated.values(), Decimal(0)) if stated else None
    return Section11Shares(
        period=audit.period,
        total=total,
        counts=FrozenDict(counts),
        computed=FrozenDict(computed),
        checks=tuple(checks),
        stated_total=stated_total,
        tolerance=Decimal(tolerance),
    )


# --- rules ---------------------------------------------------------------------------------


def _duplicate_rows_rule(attendance: Attendance) -> Iterator[Finding]:
    """An attendance table prints the same row more than once (ignoring case and spacing).

    A warning: both rows count towards the mean, as printed.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="A101"):
        ...     print(finding.code, finding)
        A101 warning [attendance] attendance / Lancashire Teaching Hospital Trust NHS: the same row is printed more than once
    """
    for label in attendance_summary(attendance).duplicate_labels:
        yield Finding(
            "A101",
            Kind.ATTENDANCE,
            Severity.WARNING,
            f"attendance / {label}",
            "the same row is printed more than once",
        )


def _overall_rule(attendance: Attendance) -> Iterator[Finding]:
    """An attendance table's stated overall share differs from the mean of its rows.

    The mean is rounded half up to the stated overall's decimal places. A warning: a table may
    weight its overall by the meetings per row, which it seldom prints.

    Examples:
        >>> from safeguarding_model import check, load_example
        >>> for finding in check(load_example(), select="A102"):
        ...     print(finding.code, finding)
        A102 warning [attendance] attendance / overall: stated 67%, the rows average 71.39% (a weighted figure would need the meetings per row)
    """
    summary = attendance_summary(attendance)
    if summary.agrees is False and summary.stated_overall is not None and summary.mean is not None:
        yield Finding(
            "A102",
            Kind.ATTENDANCE,
            Severity.WARNING,
            "attendance / overall",
            f"stated {summary.stated_overall}%, the rows average {summary.mean:.2f}% "
            "(a weighted figure would need the meetings per row)",
            numbers=(
                ("stated", str(summary.stated_overall)),
                ("mean", f"{summary.mean:.4f}"),
            ),
        )


def _share_rule(audit: Section11Audit) -> Iterator[Finding]:
    """A stated section 11 share differs from the share computed from the returns.

    The computed share is rounded half up to the stated share's decimal places, exactly; an
    audit printed only as shares (no returns) has nothing to compare.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Section11Audit, Section11Return, percent
        >>> from safeguarding_model.checks import find_rule
        >>> returns = tuple(Section11Return(agency=a, standard="Training", rating=r)
        ...                 for a, r in [("police", "green"), ("cafcass", "amber")])
        >>> audit = Section11Audit(period=FinancialYear(2015), returns=returns,
        ...                        stated_shares={"green": percent("60"), "amber": percent("40")})
        >>> for finding in find_rule("S101")(audit):
        ...     print(finding.code, finding)
        S101 error [section11_shares] section 11 2015/16 / amber: stated 40%, computed 50% from the returns
        S101 error [section11_shares] section 11 2015/16 / green: stated 60%, computed 50% from the returns
    """
    for share in section11_shares(audit).checks:
        finding = share.to_finding(audit.period)
        if finding is not None:
            yield finding


def _shares_total_rule(audit: Section11Audit) -> Iterator[Finding]:
    """The stated section 11 shares do not add to 100%, allowing for rounding.

    Each stated share stands for every number that rounds to it, so the shares may add to 100
    give or take half a unit of each one's last printed digit (89.7% and 10.3%: 0.1).

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.agencies import Section11Audit, percent
        >>> from safeguarding_model.checks import find_rule
        >>> audit = Section11Audit(period=FinancialYear(2015), stated_shares={"green": percent("89.7"), "amber": percent("12.3")})
        >>> for finding in find_rule("S102")(audit):
        ...     print(finding.code, finding)
        S102 error [section11_shares] section 11 2015/16 / stated shares: the stated shares add to 102.0%, not 100% (rounding allows 0.10)
    """
    stated = [value.number for value in audit.stated_shares.values() if value.number is not None]
    if not stated:
        return
    total = sum(stated, Decimal(0))
    slack = sum((half_unit(number) for number in stated), Decimal(0))
    if abs(total - _HUNDRED) > slack:
        yield Finding(
            "S102",
            Kind.SECTION11_SHARES,
            Severity.ERROR,
            f"section 11 {audit.period} / stated shares",
            f"the stated shares add to {total}%, not 100% (rounding allows {slack})",
            numbers=(
                ("total", str(total)),
                ("tolerance", str(slack)),
            ),
        )


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
    Rule(
        "A101",
        "attendance-duplicate-row",
        RuleDomain.ATTENDANCE,
        _duplicate_rows_rule,
        "attendance",
    ),
    Rule(
        "A102",
        "attendance-overall",
        RuleDomain.ATTENDANCE,
        _overall_rule,
        "attendance",
        "the mean rounded half up to the stated overall's decimal places",
    ),
    Rule(
        "S101",
        "section11-share",
        RuleDomain.SECTION11,
        _share_rule,
        "section11",
        "the computed share rounded half up to the stated share's decimal places",
    ),
    Rule(
        "S102",
        "section11-shares-total",
        RuleDomain.SECTION11,
        _shares_total_rule,
        "section11",
        "half a unit of the last printed digit of each stated share",
    ),
    Rule("G101", "agency-index", RuleDomain.AGENCIES, _index_rule, "agencies"),
)
"""The rules of agencies' records: attendance (A), section 11 (S) and the agency list (G)."""
