"""Inspections: who inspected what, the judgements, findings, and numbered recommendations.

An [`Inspection`][safeguarding_model.inspections.Inspection] holds the judgements, the findings
(strengths, areas for improvement, concerns) and the numbered recommendations, each addressed to
one or more owners. Its judgements are graded on a judgement scale: the scales, the judgements
and how they compare are in [`safeguarding_model.scales`][safeguarding_model.scales].

Examples:
    >>> from safeguarding_model.inspections import Inspection
    >>> from safeguarding_model.scales import Judgement
    >>> inspection = Inspection(
    ...     id="ofsted-2015-lancashire", inspectorate="ofsted", subject="Lancashire LSCB",
    ...     scale="ofsted-sif-2013", overall=Judgement(scale="ofsted-sif-2013", grade="'good'"),
    ... )
    >>> inspection.overall.grade
    'good'
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Self

from pydantic import Field, field_validator, model_validator

from safeguarding_model._moved import moved_names
from safeguarding_model._records import (
    AgencyId,
    Record,
    ScaleId,
    SlugOf,
    Text,
    WholeNumber,
    check_unique,
    positions_by,
)
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError, ScaleMismatchError
from safeguarding_model.scales import Inspectorate, Judgement, builtin_scales

__all__ = [
    "FindingKind",
    "Inspection",
    "InspectionFinding",
    "Recommendation",
    "RecommendationStatus",
    "ScaleMismatchError",  # its import path before every error lived in errors; kept, as promised
    "recommendations_by_owner",
]

#: Old names, each warning on every use: the scale names, which live in ``scales`` now, and
#: ``Finding``, an inspection's finding, renamed because ``Finding`` is a check's finding's name.
_SCALE_NAMES = ("SCALES", "JudgementScale", "builtin_scale", "sort_judgements")
__getattr__ = moved_names(
    __name__,
    {
        **dict.fromkeys(_SCALE_NAMES, "safeguarding_model.scales"),
        "Finding": "safeguarding_model.inspections:InspectionFinding",
    },
)


# --- findings and recommendations -----------------------------------------------------------


class FindingKind(SchemaDescribed, StrEnum):
    """What an inspection found: a strength, an area for improvement, or a concern.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.inspections import FindingKind
        >>> board = load_example().inspections[1]
        >>> board.id, [f.kind for f in board.findings].count(FindingKind.STRENGTH)
        ('ofsted-2015-lancashire-lscb', 5)
    """

    STRENGTH = "strength"
    """What the inspectors found working well."""
    AREA_FOR_IMPROVEMENT = "area_for_improvement"
    """What they asked to be improved, often numbered as a recommendation too."""
    CONCERN = "concern"
    """A finding printed as a concern or a priority for action: more serious than an area for
    improvement."""


class InspectionFinding(Record):
    """One finding of an inspection, in its own words.

    Examples:
        >>> from safeguarding_model.inspections import InspectionFinding
        >>> InspectionFinding(kind="strength", text="Effective multi-agency working was evidenced.").kind
        <FindingKind.STRENGTH: 'strength'>
    """

    kind: FindingKind = Field(
        description="Whether it is a strength, an area for improvement or a concern."
    )
    text: Text = Field(description="The finding as printed.")
    number: Annotated[int, WholeNumber(minimum=1)] | None = Field(
        default=None, description="The finding's number in the report, if it is numbered."
    )


class RecommendationStatus(SchemaDescribed, StrEnum):
    """How far a recommendation has been acted on, when the report says.

    Examples:
        >>> from safeguarding_model.inspections import Recommendation, RecommendationStatus
        >>> made = Recommendation(number=1, text="Audit the quality of strategy meetings")
        >>> made.status is RecommendationStatus.UNKNOWN
        True
    """

    OPEN = "open"
    """Made, and not yet acted on."""
    IN_PROGRESS = "in_progress"
    """Being acted on."""
    COMPLETED = "completed"
    """Acted on, as the report says."""
    UNKNOWN = "unknown"
    """The report does not say: the default, so that nothing is claimed that was not printed."""


class Recommendation(Record):
    """A numbered recommendation, addressed to one or more owners.

    Examples:
        >>> from safeguarding_model.inspections import Recommendation
        >>> Recommendation(
        ...     number=22,
        ...     text="The Children's Trust Board to action how all agency Senior Leaders can progress a shared 'Estate/I.T Strategy'",
        ...     owners=("Children's Trust Board", "all agencies"),
        ... ).status
        <RecommendationStatus.UNKNOWN: 'unknown'>
    """

    number: Annotated[int, WholeNumber(minimum=1)] = Field(
        description="The recommendation's number in the report."
    )
    text: Text = Field(description="The recommendation as printed.")
    owners: tuple[Text, ...] = Field(
        default=(),
        description="Who it is addressed to: agency ids, or names as printed ('all agencies'); several allowed.",
    )
    status: RecommendationStatus = Field(
        default=RecommendationStatus.UNKNOWN, description="How far it has been acted on."
    )

    @field_validator("owners")
    @classmethod
    def _owners(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return check_unique(value, "owners", "an owner")


# --- inspections ----------------------------------------------------------------------------


class Inspection(Record):
    """One inspection: who inspected what, when, the judgements, findings and recommendations.

    Checked on construction: ``end`` is not before ``start``; recommendation numbers are unique;
    every judgement is on the inspection's ``scale`` (which is then required), and that scale, if
    built in, belongs to the ``inspectorate``; a judgement in ``judgements`` names its aspect
    (the whole goes in ``overall``).

    Examples:
        >>> import datetime
        >>> from safeguarding_model.inspections import Inspection, Judgement
        >>> Inspection(
        ...     id="maspi-preston-2015", inspectorate="board", subject="Preston district",
        ...     start=datetime.date(2015, 5, 7), end=datetime.date(2015, 5, 5),
        ... )
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Inspection
          Value error, end: expected a date on or after start (2015-05-07), got datetime.date(2015, 5, 5) [type=value_error]
        ...
    """

    id: Annotated[str, SlugOf("ofsted-2015-lancashire-lscb")] = Field(
        description="A stable slug for the inspection, e.g. 'ofsted-2015-lancashire-lscb'."
    )
    inspectorate: Inspectorate = Field(description="Who inspected.")
    subject: Text = Field(description="The service or body inspected, as printed.")
    subject_agency: AgencyId | None = Field(
        default=None, description="The id of the agency inspected, when it is one."
    )
    scale: ScaleId | None = Field(
        default=None,
        description="The id of the scale the judgements are on; none for an inspection without grades.",
    )
    framework: str | None = Field(
        default=None, description="The inspection framework or programme, by name, as printed."
    )
    start: dt.date | None = Field(
        default=None, description="The first day of fieldwork, when printed."
    )
    end: dt.date | None = Field(
        default=None, description="The last day of fieldwork, when printed."
    )
    published: dt.date | None = Field(
        default=None, description="The day the report was published, when known."
    )
    overall: Judgement | None = Field(
        default=None, description="The overall judgement, if the inspection made one."
    )
    judgements: tuple[Judgement, ...] = Field(
        default=(), description="The judgements of aspects: services, key questions, areas."
    )
    findings: tuple[InspectionFinding, ...] = Field(
        default=(), description="Strengths, areas for improvement and concerns, as printed."
    )
    recommendations: tuple[Recommendation, ...] = Field(
        default=(), description="The numbered recommendations."
    )
    note: str | None = Field(
        default=None,
        description="Anything else worth keeping, e.g. 'dates printed only as September 2015'.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise InvalidInputError("end", self.end, f"a date on or after start ({self.start})")
        self._check_scale()
        positions_by(self.recommendations, "recommendations", "number", "a number")
        return self

    def _check_scale(self) -> None:
        graded: list[tuple[str, Judgement]] = []
        if self.overall is not None:
            graded.append(("overall", self.overall))
        graded += [(f"judgements[{n}]", judgement) for n, judgement in enumerate(self.judgements)]
        for field, judgement in graded:
            if self.scale is None:
                raise InvalidInputError(
                    "scale", None, f"the id of the scale of the judgements ({judgement.scale!r})"
                )
            if judgement.scale != self.scale:
                raise InvalidInputError(
                    f"{field}.scale", judgement.scale, f"the inspection's scale {self.scale!r}"
                )
            if field != "overall" and judgement.aspect is None:
                raise InvalidInputError(
                    f"{field}.aspect",
                    None,
                    "the aspect judged (a service, a key question); the whole goes in overall",
                )
        found = builtin_scales().get(self.scale) if self.scale is not None else None
        if found is not None and found.inspectorate is not self.inspectorate:
            raise InvalidInputError(
                "scale",
                self.scale,
                f"a scale of the inspectorate {self.inspectorate.value!r} "
                f"({self.scale!r} is {found.inspectorate.value!r}'s)",
            )


def recommendations_by_owner(inspection: Inspection) -> dict[str, tuple[Recommendation, ...]]:
    """The inspection's recommendations grouped by owner, owners in the order first named.

    A recommendation addressed to several owners appears under each. Owners are grouped as
    written: ``'all agencies'`` and ``'All agencies'`` are different keys, so write them one way.
    Recommendations with no owner are left out (find them with ``not r.owners``).

    Examples:
        >>> from safeguarding_model.inspections import Inspection, Recommendation, recommendations_by_owner
        >>> inspection = Inspection(id="maspi-preston-2015", inspectorate="board", subject="Preston district", recommendations=(
        ...     Recommendation(number=17, text="GPs to increase involvement in safeguarding procedures and practice", owners=("GPs",)),
        ...     Recommendation(number=22, text="The Children's Trust Board to action ...", owners=("Children's Trust Board", "all agencies")),
        ...     Recommendation(number=24, text="All agencies need to take on responsibility for chairing or minuting core groups", owners=("all agencies",)),
        ... ))
        >>> {owner: [r.number for r in found] for owner, found in recommendations_by_owner(inspection).items()}
        {'GPs': [17], "Children's Trust Board": [22], 'all agencies': [22, 24]}
    """
    grouped: dict[str, list[Recommendation]] = {}
    for recommendation in inspection.recommendations:
        for owner in recommendation.owners:
            grouped.setdefault(owner, []).append(recommendation)
    return {owner: tuple(found) for owner, found in grouped.items()}
