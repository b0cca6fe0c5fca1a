"""Judgement scales and the judgements graded on them.

Inspectorates grade on scales that change: Ofsted's "adequate" became "requires improvement" for
children's services in 2013, its school report cards of November 2025 grade on five points, and
HMICFRS put "adequate" into PEEL in 2021/22. So a scale is **data**, not a fixed enum: a
[`JudgementScale`][safeguarding_model.scales.JudgementScale] lists its grades best first, the
spellings reports print for them (``'requiring improvement'``), and the aspects it grades. A
[`Judgement`][safeguarding_model.scales.Judgement] names its scale, and two judgements compare
only on the same scale: "good" under CQC is not ranked against "good" under Ofsted.

[`builtin_scales`][safeguarding_model.scales.builtin_scales] holds the scales of the inspections
a safeguarding board reports on (also as the module attribute ``SCALES``). They are data in the
package (``data/judgement_scales.json``), read and validated by ``JudgementScale`` the first time
a scale is asked for, once however many threads ask, and read-only. A report's scales of its own
are found with [`AnnualReport.scale`][safeguarding_model.report.AnnualReport.scale]. The
inspections graded on these scales, with their findings and recommendations, are in
`safeguarding_model.inspections`, which also re-exports every name here.

Examples:
    >>> from safeguarding_model.scales import Judgement
    >>> council = Judgement(scale="ofsted-sif-2013", grade="'inadequate'")
    >>> board = Judgement(scale="ofsted-sif-2013", grade="Good", aspect="effectiveness of the LSCB")
    >>> board.grade, board.better_than(council)
    ('good', True)
    >>> Judgement(scale="cqc-2014", grade="good").better_than(council)
    Traceback (most recent call last):
    ...
    safeguarding_model.errors.ScaleMismatchError: cannot compare a judgement on scale 'cqc-2014' with one on scale 'ofsted-sif-2013': grades on different scales do not compare
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import types
from enum import StrEnum
from typing import TYPE_CHECKING, Final, Self

from pydantic import Field, ValidationInfo, field_validator, model_validator

from safeguarding_model._frozen import FrozenDict, FrozenMapping
from safeguarding_model._records import Record, ScaleId, Text, check_unique
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError, ScaleMismatchError, UnknownIdError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    SCALES: Mapping[str, JudgementScale]
    """The built-in scales by id (the same mapping as ``builtin_scales()``), built on first use."""

__all__ = [
    "Inspectorate",
    "Judgement",
    "JudgementScale",
    "ScaleMismatchError",
    "builtin_scale",
    "builtin_scales",
    "sort_judgements",
]

_QUOTES: Final = "'\"‘’“”`"
_EDGES: Final = _QUOTES + " \t\n.,;:!"


def _normalise(text: str) -> str:
    """A printed grade in the form scales compare: lower case, unquoted, single spaces."""
    spaced = " ".join(text.replace("_", " ").casefold().split())
    return " ".join(spaced.strip(_EDGES).split())


class Inspectorate(SchemaDescribed, StrEnum):
    """Who inspected.

    ``HMIC`` stands for Her Majesty's Inspectorate of Constabulary and its successor since July
    2017, HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS). ``BOARD`` is a
    board's or partnership's own multi-agency inspection (Lancashire's multi-agency safeguarding
    practice inspections).

    Examples:
        >>> from safeguarding_model.scales import Inspectorate
        >>> Inspectorate.from_label("HMICFRS"), Inspectorate.from_label("Care Quality Commission")
        (<Inspectorate.HMIC: 'hmic'>, <Inspectorate.CQC: 'cqc'>)
    """

    OFSTED = "ofsted"
    """The Office for Standards in Education, Children's Services and Skills."""
    CQC = "cqc"
    """The Care Quality Commission (health services)."""
    HMIC = "hmic"
    """HM Inspectorate of Constabulary (HMICFRS since July 2017)."""
    BOARD = "board"
    """The board's or partnership's own multi-agency inspection."""
    OTHER = "other"
    """Any other inspectorate (HM Inspectorate of Probation, say)."""

    @classmethod
    def from_label(cls, label: str) -> Inspectorate:
        """Read an inspectorate as reports name it (any case; full names and abbreviations).

        Raises:
            InvalidInputError: For a name not known here; use ``OTHER`` for other inspectorates.
        """
        key = _normalise(label).replace("&", "and")
        found = _INSPECTORATE_LABELS.get(key)
        if found is None:
            expected = "Ofsted, CQC, HMIC, HMICFRS, the board, or their full names"
            raise InvalidInputError("label", label, expected)
        return found


_INSPECTORATE_LABELS: Final = {
    "ofsted": Inspectorate.OFSTED,
    "office for standards in education, children's services and skills": Inspectorate.OFSTED,
    "cqc": Inspectorate.CQC,
    "care quality commission": Inspectorate.CQC,
    "hmic": Inspectorate.HMIC,
    "hmicfrs": Inspectorate.HMIC,
    "her majesty's inspectorate of constabulary": Inspectorate.HMIC,
    "her majesty's inspectorate of constabulary and fire and rescue services": Inspectorate.HMIC,
    "his majesty's inspectorate of constabulary and fire and rescue services": Inspectorate.HMIC,
    "board": Inspectorate.BOARD,
    "lscb": Inspectorate.BOARD,
    "lscp": Inspectorate.BOARD,
    "other": Inspectorate.OTHER,
}


# --- scales ---------------------------------------------------------------------------------


class JudgementScale(Record):
    """A grading scale: its grades best first, the spellings printed for them, and its aspects.

    Grades and alias spellings are stored in lower case without quotes; ``parse`` reads a printed
    grade in any case, with or without quotes, and through the aliases. Dates are as precise as
    what could be checked: where only a month or a year is known, the first day of it stands for
    it, and ``note`` says so.

    Examples:
        >>> from safeguarding_model.scales import JudgementScale
        >>> scale = JudgementScale(
        ...     id="cqc-2014", inspectorate="cqc", framework="CQC ratings",
        ...     grades=("Outstanding", "Good", "Requires improvement", "Inadequate"),
        ...     aliases={"requiring improvement": "requires improvement"},
        ... )
        >>> scale.parse("“Requiring Improvement”"), scale.rank("good")
        ('requires improvement', 1)
        >>> scale.parse("adequate")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: grade: expected a grade on scale 'cqc-2014' (outstanding, good, requires improvement, inadequate; also printed as: requiring improvement), got 'adequate'
    """

    id: ScaleId = Field(
        description="A stable slug for the scale, e.g. 'ofsted-sif-2013' or 'cqc-2014'."
    )
    inspectorate: Inspectorate = Field(description="The inspectorate that grades on the scale.")
    framework: Text = Field(
        description="The framework or frameworks the scale belongs to, by name."
    )
    valid_from: dt.date | None = Field(
        default=None, description="The first day the scale was in use, when known."
    )
    valid_to: dt.date | None = Field(
        default=None,
        description="The last day the scale was in use; none while it is still in use or when unknown.",
    )
    grades: tuple[str, ...] = Field(
        description="The grades, best first, in lower case, e.g. ('outstanding', 'good', 'requires improvement', 'inadequate')."
    )
    aliases: FrozenMapping[str, str] = Field(
        default_factory=FrozenDict,
        description="Spellings printed for grades, each mapped to its grade, e.g. 'requiring improvement' to 'requires improvement'.",
    )
    aspects: tuple[Text, ...] = Field(
        default=(),
        description="What the scale grades besides the whole, e.g. CQC's key questions: safe, effective, caring, responsive, well-led.",
    )
    note: str | None = Field(
        default=None,
        description="What is uncertain about the scale (dates known only to the month or year) and other remarks.",
    )

    @field_validator("grades")
    @classmethod
    def _grades(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if len(value) < 2:
            raise InvalidInputError("grades", value, "at least two grades, best first")
        grades = tuple(_normalise(grade) for grade in value)
        seen: set[str] = set()
        for position, grade in enumerate(grades):
            if not grade:
                raise InvalidInputError(f"grades[{position}]", value[position], "a grade's name")
            if grade in seen:
                raise InvalidInputError(
                    f"grades[{position}]", value[position], "a grade not listed before"
                )
            seen.add(grade)
        return grades

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, value: Mapping[str, str], info: ValidationInfo) -> Mapping[str, str]:
        grades = info.data.get("grades")
        aliases: dict[str, str] = {}
        for spelling, grade in value.items():
            key, target = _normalise(spelling), _normalise(grade)
            if not key:
                raise InvalidInputError("aliases", spelling, "a spelling with some text")
            if isinstance(grades, tuple):
                if target not in grades:
                    raise InvalidInputError(
                        f"aliases[{spelling!r}]", grade, f"one of the grades ({', '.join(grades)})"
                    )
                if key in grades and key != target:
                    raise InvalidInputError(
                        f"aliases[{spelling!r}]",
                        grade,
                        f"{key!r} itself: a spelling that names a grade stands for that grade",
                    )
            aliases[key] = target
        return FrozenDict(aliases)

    @field_validator("aspects")
    @classmethod
    def _aspects(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return check_unique(value, "aspects", "an aspect")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (
            self.valid_from is not None
            and self.valid_to is not None
            and self.valid_to < self.valid_from
        ):
            raise InvalidInputError(
                "valid_to", self.valid_to, f"a date on or after valid_from ({self.valid_from})"
            )
        return self

    def parse(self, text: str) -> str:
        """The grade that ``text`` (a grade as printed) stands for on this scale.

        Case, quotes, surrounding spaces and punctuation do not matter; aliases are followed.

        Raises:
            InvalidInputError: For text that is no grade on this scale; the message lists them.
        """
        if not isinstance(text, str):
            raise InvalidInputError("grade", text, f"a grade on scale {self.id!r}, as text")
        key = _normalise(text)
        if key in self.grades:
            return key
        if key in self.aliases:
            return self.aliases[key]
        expected = f"a grade on scale {self.id!r} ({', '.join(self.grades)}"
        if self.aliases:
            expected += f"; also printed as: {', '.join(self.aliases)}"
        raise InvalidInputError("grade", text, expected + ")")

    def rank(self, grade: str) -> int:
        """The grade's position on the scale: 0 for the best.

        Raises:
            InvalidInputError: For a grade not on this scale.
        """
        return self.grades.index(self.parse(grade))

    def in_use_on(self, day: dt.date) -> bool:
        """Whether the scale was in use on ``day`` (open ends count as in use).

        Examples:
            >>> import datetime
            >>> from safeguarding_model.scales import builtin_scale
            >>> builtin_scale("ofsted-sif-2013").in_use_on(datetime.date(2015, 9, 1))
            True
        """
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_to is None or day <= self.valid_to
        return after_start and before_end


_SCALES_FILE: Final = "judgement_scales.json"
"""The built-in scales' data file, in the package's ``data`` folder."""


def _builtin_definitions() -> list[JudgementScale]:
    """The scales in the package's data file, each validated by ``JudgementScale``."""
    import json  # noqa: PLC0415 - only when a scale is first needed
    from importlib import resources  # noqa: PLC0415 - only when a scale is first needed

    data = resources.files("safeguarding_model").joinpath("data", _SCALES_FILE).read_bytes()
    return [JudgementScale.model_validate(item) for item in json.loads(data)["scales"]]


def builtin_scales() -> Mapping[str, JudgementScale]:
    """The built-in scales by id, built on first use (read-only).

    | id | inspectorate | in use | grades, best first |
    | --- | --- | --- | --- |
    | ``ofsted-sif-2013`` | Ofsted | Nov 2013 – 2017 | outstanding, good, requires improvement (to be good), inadequate |
    | ``ofsted-ilacs-2018`` | Ofsted | Jan 2018 – | the same four |
    | ``ofsted-education-2015`` | Ofsted | 1 Sep 2015 – 9 Nov 2025 | the same four (grades 1 to 4) |
    | ``ofsted-report-cards-2025`` | Ofsted | 10 Nov 2025 – | exceptional, strong standard, expected standard, needs attention, urgent improvement |
    | ``cqc-2014`` | CQC | 2014 – | outstanding, good, requires improvement, inadequate |
    | ``hmic-peel-2014`` | HMIC | 2014 – 2020 | outstanding, good, requires improvement, inadequate |
    | ``hmicfrs-peel-2021`` | HMICFRS | 2021/22 – | outstanding, good, adequate, requires improvement, inadequate |

    Each scale's ``note`` says which of its dates are known only to the month or the year.

    Examples:
        >>> from safeguarding_model.scales import builtin_scales
        >>> list(builtin_scales())
        ['ofsted-sif-2013', 'ofsted-ilacs-2018', 'ofsted-education-2015', 'ofsted-report-cards-2025', 'cqc-2014', 'hmic-peel-2014', 'hmicfrs-peel-2021']
        >>> builtin_scales()["hmicfrs-peel-2021"].grades
        ('outstanding', 'good', 'adequate', 'requires improvement', 'inadequate')
    """
    return _builtin_scales()


_SCALES_LOCK: Final = threading.Lock()


def _builtin_scales() -> Mapping[str, JudgementScale]:
    with _SCALES_LOCK:  # functools.cache alone lets racing threads build the scales twice
        return _build_scales()


@functools.cache
def _build_scales() -> Mapping[str, JudgementScale]:
    scales: dict[str, JudgementScale] = {}
    for position, scale in enumerate(_builtin_definitions()):
        if scale.id in scales:
            raise InvalidInputError(
                f"scales[{position}].id", scale.id, "an id not used by an earlier scale"
            )
        scales[scale.id] = scale
    return types.MappingProxyType(scales)


def builtin_scale(scale_id: str) -> JudgementScale:
    """The built-in scale with id ``scale_id``.

    Raises:
        UnknownIdError: For an id that is not built in (a ``KeyError`` and an
            ``InvalidInputError``); the message lists those that are.

    Examples:
        >>> from safeguarding_model.scales import builtin_scale
        >>> builtin_scale("cqc-2014").aspects
        ('safe', 'effective', 'caring', 'responsive', 'well-led')
        >>> builtin_scale("ofsted-2015")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.UnknownIdError: scale: expected a built-in scale id (ofsted-sif-2013, ofsted-ilacs-2018, ofsted-education-2015, ofsted-report-cards-2025, cqc-2014, hmic-peel-2014, hmicfrs-peel-2021), got 'ofsted-2015'
    """
    scales = builtin_scales()
    found = scales.get(scale_id)
    if found is None:
        raise UnknownIdError("scale", scale_id, f"a built-in scale id ({', '.join(scales)})")
    return found


def __getattr__(name: str) -> object:
    """``SCALES``: the built-in scales, built on first use."""
    if name == "SCALES":
        return builtin_scales()
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


# --- judgements -----------------------------------------------------------------------------


def _scale_for(scale_id: str, scale: JudgementScale | None) -> JudgementScale:
    if scale is not None:
        if scale.id != scale_id:
            raise ScaleMismatchError(scale_id, scale.id)
        return scale
    found = builtin_scales().get(scale_id)
    if found is None:
        raise UnknownIdError(
            "scale",
            scale_id,
            "a built-in scale id, or the JudgementScale itself passed as scale= for a scale of your own",
        )
    return found


class Judgement(Record):
    """A grade on a scale, for the whole of what was inspected or for one aspect of it.

    On a built-in scale the grade is checked and stored canonically ("Requires Improvement to
    be Good" becomes ``'requires improvement'``); keep the words as printed in ``printed``. On a
    scale of your own the grade is stored in lower case, and comparisons need the scale passed
    as ``scale=``.

    Examples:
        >>> from safeguarding_model.scales import Judgement
        >>> maternity = Judgement.from_printed("cqc-2014", "inadequate", aspect="maternity")
        >>> children = Judgement.from_printed("cqc-2014", "good", aspect="children and young people")
        >>> children.better_than(maternity), maternity.rank()
        (True, 3)
        >>> Judgement(scale="cqc-2014", grade="satisfactory")
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Judgement
        grade
          Value error, grade: expected a grade on scale 'cqc-2014' (outstanding, good, requires improvement, inadequate; also printed as: requires improvement to be good, requiring improvement, require improvement, requires improvements, needs improvement, needing improvement), got 'satisfactory' [type=value_error]
        ...
    """

    scale: ScaleId = Field(
        description="The id of the scale the grade is on, e.g. 'ofsted-sif-2013'."
    )
    grade: str = Field(description="The grade, in the scale's own words, lower case.")
    aspect: Text | None = Field(
        default=None,
        description="What was graded: none for the whole; otherwise a service ('children looked after') or a key question ('safe'), as printed.",
    )
    printed: str | None = Field(
        default=None, description="The judgement as the report prints it, e.g. '“overall good”'."
    )

    @field_validator("grade")
    @classmethod
    def _grade(cls, value: str, info: ValidationInfo) -> str:
        scale_id = info.data.get("scale")
        if isinstance(scale_id, str) and scale_id in builtin_scales():
            return builtin_scales()[scale_id].parse(value)
        grade = _normalise(value)
        if not grade:
            raise InvalidInputError("grade", value, "a grade")
        return grade

    @classmethod
    def from_printed(
        cls, scale: str | JudgementScale, printed: str, *, aspect: str | None = None
    ) -> Judgement:
        """A judgement read from its printed words, which are kept in ``printed``.

        ``scale`` is a built-in scale's id or a scale of your own.

        Raises:
            InvalidInputError: For words that are no grade on the scale.
            UnknownIdError: For a scale id that is not built in.
        """
        found = builtin_scale(scale) if isinstance(scale, str) else scale
        return cls(scale=found.id, grade=found.parse(printed), aspect=aspect, printed=printed)

    def rank(self, *, scale: JudgementScale | None = None) -> int:
        """The grade's position on its scale: 0 for the best.

        Raises:
            ScaleMismatchError: When ``scale`` is not the judgement's scale.
            UnknownIdError: For a scale of your own not passed as ``scale``.
        """
        return _scale_for(self.scale, scale).rank(self.grade)

    def _ranks(self, other: Judgement, scale: JudgementScale | None) -> tuple[int, int]:
        if other.scale != self.scale:
            raise ScaleMismatchError(self.scale, other.scale)
        found = _scale_for(self.scale, scale)
        return found.rank(self.grade), found.rank(other.grade)

    def better_than(self, other: Judgement, *, scale: JudgementScale | None = None) -> bool:
        """Whether this grade is better than ``other``'s, on the same scale.

        Raises:
            ScaleMismatchError: When the judgements are on different scales.
            UnknownIdError: For a scale of your own not passed as ``scale``.
        """
        mine, theirs = self._ranks(other, scale)
        return mine < theirs

    def worse_than(self, other: Judgement, *, scale: JudgementScale | None = None) -> bool:
        """Whether this grade is worse than ``other``'s, on the same scale.

        Raises:
            ScaleMismatchError: When the judgements are on different scales.
            UnknownIdError: For a scale of your own not passed as ``scale``.
        """
        mine, theirs = self._ranks(other, scale)
        return mine > theirs


def sort_judgements(
    judgements: Iterable[Judgement], *, scale: JudgementScale | None = None
) -> tuple[Judgement, ...]:
    """The judgements from best grade to worst (ties keep their order).

    Raises:
        ScaleMismatchError: When the judgements are not all on one scale.
        UnknownIdError: For a scale of your own not passed as ``scale``.

    Examples:
        >>> from safeguarding_model.scales import Judgement, sort_judgements
        >>> ratings = [Judgement(scale="cqc-2014", grade=grade, aspect=aspect) for grade, aspect in
        ...            [("requires improvement", "safe"), ("outstanding", "caring"), ("good", "effective")]]
        >>> [judgement.aspect for judgement in sort_judgements(ratings)]
        ['caring', 'effective', 'safe']
    """
    items = tuple(judgements)
    if not items:
        return ()
    first = items[0].scale
    for item in items[1:]:
        if item.scale != first:
            raise ScaleMismatchError(first, item.scale)
    found = _scale_for(first, scale)
    return tuple(sorted(items, key=lambda item: found.rank(item.grade)))
