from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from lancashire_tables import LANCASHIRE_ATTENDANCE
from safeguarding_model import FinancialYear, InvalidInputError, Value, ValueParseError
from safeguarding_model.attendance import Attendance, AttendanceRecord, attendance_summary
from safeguarding_model.values import percent

from strategies import periods

# --- Lancashire 2015/16 ---------------------------------------------------------------------


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


# --- properties -----------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
shares = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


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


@given(attendances())
def test_attendance_json_round_trip_is_exact(attendance: Attendance) -> None:
    again = Attendance.model_validate_json(attendance.model_dump_json())
    assert again == attendance
    for before, after in zip(attendance.records, again.records, strict=True):
        assert str(before.attended.number) == str(after.attended.number)


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


def test_attendance_rules_on_lancashire() -> None:
    from safeguarding_model import load_example  # noqa: PLC0415 - beside its use
    from safeguarding_model.checks import find_rule  # noqa: PLC0415

    attendance = load_example().attendance
    assert attendance is not None
    (duplicate,) = find_rule("A101")(attendance)
    assert duplicate.location == "attendance / Lancashire Teaching Hospital Trust NHS"
    (overall,) = find_rule("A102")(attendance)
    assert dict(overall.numbers) == {"stated": "67", "mean": "71.3929"}
