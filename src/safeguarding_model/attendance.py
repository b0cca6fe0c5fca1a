"""Attendance at a board's meetings: the table as printed, its mean and its stated overall.

Annual reports print a table of who came to the board's meetings, one share per row
([`Attendance`][safeguarding_model.attendance.Attendance]), often with the overall share the
report states. Both are held **as printed**;
[`attendance_summary`][safeguarding_model.attendance.attendance_summary] computes the mean beside
the stated overall and reports rows printed twice. The rules A101 and A102 report the same as
findings.

Examples:
    >>> from safeguarding_model import FinancialYear
    >>> from safeguarding_model.attendance import Attendance, AttendanceRecord, attendance_summary
    >>> from safeguarding_model.values import percent
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

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, ClassVar

from attrs import frozen
from pydantic import Field, field_validator

from safeguarding_model._numbers import decimals, round_half_up, show_percent, tidy
from safeguarding_model._records import AgencyId, Record, Text, WholeNumber
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.periods import Period
from safeguarding_model.values import PercentValue, Value, check_share, percent

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "RULES",
    "Attendance",
    "AttendanceRecord",
    "AttendanceSummary",
    "attendance_summary",
]


class AttendanceRecord(Record):
    """One row of an attendance table: who, as printed, and the share of meetings attended.

    Examples:
        >>> from safeguarding_model.attendance import AttendanceRecord
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
    attended: PercentValue = Field(
        description="The share of meetings attended, in per cent, as printed (unit 'percent'; tables print it without the sign under a '% Atn' header)."
    )
    meetings: Annotated[int, WholeNumber(minimum=0)] | None = Field(
        default=None, description="How many meetings the share is out of, when printed."
    )

    @field_validator("attended")
    @classmethod
    def _attended(cls, value: Value) -> Value:
        return check_share(value, "attended")

    @classmethod
    def from_printed(
        cls, label: str, printed: str, *, agency: str | None = None, meetings: int | None = None
    ) -> AttendanceRecord:
        """A row from its label and its share as printed (read with [`percent`][safeguarding_model.values.percent]).

        Raises:
            ValueParseError: For a share that is not a value.
            pydantic.ValidationError: For a share outside 0 to 100, or a bad agency id.
        """
        return cls(label=label, agency=agency, attended=percent(printed), meetings=meetings)


class Attendance(Record):
    """A board's attendance table for a period, with the overall share it states.

    Examples:
        >>> from safeguarding_model import FinancialYear
        >>> from safeguarding_model.attendance import Attendance, AttendanceRecord
        >>> from safeguarding_model.values import percent
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
    stated_overall: PercentValue | None = Field(
        default=None,
        description="The overall share the table states (Lancashire's 'OVERALL %' row), as printed.",
    )

    @field_validator("stated_overall")
    @classmethod
    def _overall(cls, value: Value | None) -> Value | None:
        return None if value is None else check_share(value, "stated_overall")


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
        >>> from safeguarding_model.attendance import AttendanceSummary
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
        places = decimals(self.stated_overall)
        return round_half_up(self.mean, places) == self.stated_overall

    def __str__(self) -> str:
        text = f"attendance {self.period}: mean {show_percent(self.mean)} over {self.count} rows"
        if self.stated_overall is not None:
            verdict = "agrees" if self.agrees else "disagrees"
            text += f", stated overall {show_percent(self.stated_overall)} ({verdict})"
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
        >>> from safeguarding_model.attendance import Attendance, AttendanceRecord, attendance_summary
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
)
"""The rules of a report's attendance table (A)."""
