"""Periods as other boards print them: months, month ends, ranges, academic years, DfE codes."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from safeguarding_model import (
    AcademicYear,
    CalendarQuarter,
    CalendarYear,
    DateRange,
    FinancialQuarter,
    FinancialYear,
    InvalidInputError,
    Month,
    Period,
    PeriodFlag,
    PeriodParseError,
    PointInTime,
    PooledPeriod,
    parse_period,
    period_between,
    period_from_dfe,
)

from strategies import years

_DAY = dt.date
_FY = FinancialYear
_SPAN = PeriodFlag.ONE_YEAR_SPAN


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        # months, and the day at a month's end
        ("March 2024", Month(2024, 3), "March 2024"),
        ("Mar 2024", Month(2024, 3), "March 2024"),
        ("sept 2017", Month(2017, 9), "September 2017"),
        ("end of July 2024", PointInTime(_DAY(2024, 7, 31)), "31 July 2024"),
        ("at the end of July 2024", PointInTime(_DAY(2024, 7, 31)), "31 July 2024"),
        ("as at end of March 2024", PointInTime(_DAY(2024, 3, 31)), "31 March 2024"),
        ("As at the end of February 2024", PointInTime(_DAY(2024, 2, 29)), "29 February 2024"),
        # ranges of days that are a named period
        ("1 April 2017 – 31 March 2018", _FY(2017), "2017/18"),
        ("1 April 2017 - 31 March 2018", _FY(2017), "2017/18"),
        ("1 April 2017-31 March 2018", _FY(2017), "2017/18"),
        ("1 April 2017—31 March 2018", _FY(2017), "2017/18"),
        ("1 April 2017 to 31 March 2018", _FY(2017), "2017/18"),
        ("1st April 2017 to 31st March 2018", _FY(2017), "2017/18"),
        ("from 1 April 2017 to 31 March 2018", _FY(2017), "2017/18"),
        ("April 2017 to March 2018", _FY(2017), "2017/18"),
        ("April 2017 – March 2018", _FY(2017), "2017/18"),
        ("between April 2017 and March 2018", _FY(2017), "2017/18"),
        ("2017-04-01 to 2018-03-31", _FY(2017), "2017/18"),
        ("2017-04-01/2018-03-31", _FY(2017), "2017/18"),
        ("01/04/2017 - 31/03/2018", _FY(2017), "2017/18"),
        ("1 January 2017 to 31 December 2017", CalendarYear(2017), "2017"),
        ("1 September 2017 – 31 August 2018", AcademicYear(2017), "academic year 2017/18"),
        ("1 April to 30 June 2017", FinancialQuarter(2017, 1), "2017/18 Q1"),
        ("April to June 2017", FinancialQuarter(2017, 1), "2017/18 Q1"),
        ("1 April – 31 March 2018", _FY(2017), "2017/18"),
        ("1 May 2017 to 31 May 2017", Month(2017, 5), "May 2017"),
        ("1 May 2017 to 1 May 2017", PointInTime(_DAY(2017, 5, 1)), "1 May 2017"),
        ("1 Jan 2015 - 31 Dec 2017", PooledPeriod(2015, 2017), "2015 - 17"),
        (
            "1 April 2015 – 31 March 2017",
            PooledPeriod(2015, 2016, financial=True),
            "2015/16 - 16/17",
        ),
        # ranges that are no named period
        (
            "1 April 2017 – 15 May 2017",
            DateRange(_DAY(2017, 4, 1), _DAY(2017, 5, 15)),
            "1 April 2017 to 15 May 2017",
        ),
        (
            "April 2017 to May 2017",
            DateRange(_DAY(2017, 4, 1), _DAY(2017, 5, 31)),
            "1 April 2017 to 31 May 2017",
        ),
        # academic years, and years said to be financial
        ("academic year 2017/18", AcademicYear(2017), "academic year 2017/18"),
        ("2017/18 academic year", AcademicYear(2017), "academic year 2017/18"),
        ("Academic Year 2017 to 2018", AcademicYear(2017), "academic year 2017/18"),
        ("AY 2017-18", AcademicYear(2017), "academic year 2017/18"),
        ("academic year 201718", AcademicYear(2017), "academic year 2017/18"),
        ("financial year 2017 to 2018", _FY(2017), "2017/18"),
        ("2017/18 financial year", _FY(2017), "2017/18"),
        # calendar quarters
        ("Q1 2017", CalendarQuarter(2017, 1), "2017 Q1"),
        ("2017 Q4", CalendarQuarter(2017, 4), "2017 Q4"),
        ("2017Q2", CalendarQuarter(2017, 2), "2017 Q2"),
        # pools need two or more years between, or words
        ("2015 to 2017", PooledPeriod(2015, 2017), "2015 - 17"),
        ("2015-17", PooledPeriod(2015, 2017), "2015 - 17"),
        ("calendar years 2017 - 18", PooledPeriod(2017, 2018), "calendar years 2017 - 18"),
        ("calendar years 2017 to 2018", PooledPeriod(2017, 2018), "calendar years 2017 - 18"),
    ],
)
def test_printed_forms_read_as_their_period(text: str, expected: Period, canonical: str) -> None:
    period = parse_period(text)
    assert period == expected
    assert type(period) is type(expected)
    assert str(period) == canonical
    assert not period.flags
    assert parse_period(canonical) == expected


@pytest.mark.parametrize(
    ("text", "flag"),
    [
        ("2017 – 18", _SPAN),
        ("2017 - 18", _SPAN),
        ("2017–18", _SPAN),
        ("2017—18", _SPAN),
        ("2017 -18", _SPAN),
        ("2017 to 2018", _SPAN),
        ("2017 to 18", _SPAN),
        ("201718", PeriodFlag.DFE_CODE),
    ],
)
def test_one_year_spans_read_as_the_financial_year_and_are_flagged(
    text: str, flag: PeriodFlag
) -> None:
    period = parse_period(text)
    assert period == FinancialYear(2017)
    assert period.flags == (flag,)
    assert period.printed == text
    assert period.is_flagged
    assert hash(period) == hash(FinancialYear(2017))  # the flag is not part of the value


@pytest.mark.parametrize("text", ["2017-18", "2017/18", "2017/2018", "17/18", "FY 2017/18"])
def test_unambiguous_financial_years_are_not_flagged(text: str) -> None:
    period = parse_period(text)
    assert period == FinancialYear(2017)
    assert period.flags == ()
    assert period.printed is None


@pytest.mark.parametrize(
    ("text", "expect", "expected"),
    [
        ("2017 – 18", "financial_year", FinancialYear(2017)),
        ("201718", "financial_year", FinancialYear(2017)),
        ("2017/18", "academic_year", AcademicYear(2017)),
        ("2017-18", "academic_year", AcademicYear(2017)),
        ("2017 – 18", "academic_year", AcademicYear(2017)),
        ("201718", "academic_year", AcademicYear(2017)),
        ("academic year 2017/18", "academic_year", AcademicYear(2017)),
        ("2017 - 18", "pooled_years", PooledPeriod(2017, 2018)),
        ("2017-18", "pooled_years", PooledPeriod(2017, 2018)),
        ("2015 - 17", "pooled_years", PooledPeriod(2015, 2017)),
    ],
)
def test_expect_reads_a_column_one_way_without_a_flag(
    text: str, expect: str, expected: Period
) -> None:
    period = parse_period(text, expect=expect)  # type: ignore[arg-type]
    assert period == expected
    assert type(period) is type(expected)
    assert period.flags == ()


@pytest.mark.parametrize(
    ("text", "expect", "fragment"),
    [
        ("2017/18", "pooled_years", "reads as the financial year 2017/18"),
        ("Q4 2017/18", "financial_year", "reads as the financial quarter 2017/18 Q4"),
        ("academic year 2017/18", "financial_year", "reads as the academic year"),
        ("March 2018", "academic_year", "expected an academic year (expect='academic_year')"),
    ],
)
def test_expect_refuses_other_periods(text: str, expect: str, fragment: str) -> None:
    with pytest.raises(PeriodParseError) as caught:
        parse_period(text, expect=expect)  # type: ignore[arg-type]
    assert fragment in str(caught.value)
    assert repr(text) in str(caught.value)


def test_expect_must_be_a_known_word() -> None:
    with pytest.raises(InvalidInputError, match="expect: expected 'financial_year'"):
        parse_period("2017/18", expect="school")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("as at March 2024", "a month ('March 2016')"),
        ("Smarch 2024", "a month ('March 2016')"),
        ("end of Smarch 2024", "not a month name"),
        ("end of July", "a range of days"),
        ("31 March 2018 to 1 April 2017", "a range runs forwards"),
        ("1 April 2017 – 31 Smarch 2018", "not a month name"),
        ("1 April 2017 – 30 February 2018", "not a real date"),
        ("academic year 2017/19", "consecutive"),
        ("academic year 2017", "expected a financial year"),
        ("201719", "consecutive"),
        ("2017 – 19" * 20, "expected a financial year"),
        ("Q5 2017", "expected a financial year"),
        ("calendar years 2017 - 17", "run forwards"),
    ],
)
def test_refusals_quote_the_text_and_say_what_is_read(text: str, fragment: str) -> None:
    with pytest.raises(PeriodParseError) as caught:
        parse_period(text)
    message = str(caught.value)
    assert fragment in message
    assert caught.value.text == text
    assert len(message) < 700  # a long text is shortened, not echoed
    assert text[:20] in message


@pytest.mark.parametrize(
    ("time_period", "identifier", "expected"),
    [
        ("201718", "Academic year", AcademicYear(2017)),
        ("201718", "Financial year", FinancialYear(2017)),
        (201718, "financial  year", FinancialYear(2017)),
        ("2017", "Calendar year", CalendarYear(2017)),
        ("2017Q1", "Calendar year", CalendarQuarter(2017, 1)),
        ("2017", "Calendar year Q3", CalendarQuarter(2017, 3)),
        ("201718", "Financial year Q2", FinancialQuarter(2017, 2)),
        ("2018", "Reporting year", FinancialYear(2017)),
        ("2017", "March", Month(2017, 3)),
        ("201718", "Tax year", DateRange(_DAY(2017, 4, 6), _DAY(2018, 4, 5))),
    ],
)
def test_period_from_dfe_reads_the_two_columns(
    time_period: str | int, identifier: str, expected: Period
) -> None:
    period = period_from_dfe(time_period, identifier)
    assert period == expected
    assert type(period) is type(expected)
    assert period.flags == ()


@pytest.mark.parametrize(
    ("time_period", "identifier", "field", "fragment"),
    [
        ("201718", "Spring term", "time_identifier", "'Calendar year'"),
        ("2017", "Academic year", "time_period", "six digits such as '201718'"),
        ("201718", "Calendar year", "time_period", "four digits such as '2017'"),
        ("201719", "Financial year", "time_period", "consecutive"),
        ("2017Q1", "Reporting year", "time_period", "four digits"),
        ("1700", "Calendar year", "time_period", "1800"),
        ("201718", "Mar", "time_identifier", "a month"),
        (True, "Calendar year", "time_period", "digits"),
        ("2017", None, "time_identifier", "'Calendar year'"),
    ],
)
def test_period_from_dfe_refuses_naming_the_column(
    time_period: object, identifier: object, field: str, fragment: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        period_from_dfe(time_period, identifier)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert fragment in str(caught.value)


def test_new_period_types_have_their_days() -> None:
    assert (Month(2024, 2).start, Month(2024, 2).end) == (_DAY(2024, 2, 1), _DAY(2024, 2, 29))
    assert Month(2024, 2).end_point == PointInTime(_DAY(2024, 2, 29))
    assert (CalendarQuarter(2017, 4).start, CalendarQuarter(2017, 4).end) == (
        _DAY(2017, 10, 1),
        _DAY(2017, 12, 31),
    )
    assert CalendarQuarter(2017, 1).report_label == "Q1 2017"
    year = AcademicYear(2017)
    assert (year.start, year.end, year.days, year.short, year.dfe_code) == (
        _DAY(2017, 9, 1),
        _DAY(2018, 8, 31),
        365,
        "2017/18",
        "201718",
    )
    assert AcademicYear.containing(_DAY(2018, 8, 31)) == year
    assert AcademicYear.containing(_DAY(2018, 9, 1)) == AcademicYear(2018)
    assert FinancialQuarter.containing(_DAY(2018, 2, 14)) == FinancialQuarter(2017, 4)
    assert AcademicYear(2017) != FinancialYear(2017)  # type: ignore[comparison-overlap]  # different periods, same kind of value
    assert CalendarQuarter(2017, 1) != FinancialQuarter(2016, 4)  # type: ignore[comparison-overlap]  # the same days, named differently


def test_new_period_types_are_validated() -> None:
    with pytest.raises(ValueError, match="month: expected a month number from 1 to 12, got 13"):
        Month(2017, 13)
    with pytest.raises(ValueError, match="quarter: expected a quarter number from 1 to 4"):
        CalendarQuarter(2017, 0)
    with pytest.raises(ValueError, match="last: expected a day on or after first=2017-05-01"):
        DateRange(_DAY(2017, 5, 1), _DAY(2017, 4, 1))
    with pytest.raises(ValueError, match="is the FinancialYear '2017/18'"):
        DateRange(_DAY(2017, 4, 1), _DAY(2018, 3, 31))
    with pytest.raises(InvalidInputError, match="last: expected a day on or after first"):
        period_between(_DAY(2017, 5, 1), _DAY(2017, 4, 1))
    with pytest.raises(InvalidInputError, match=r"first: expected a datetime\.date"):
        period_between("2017-04-01", _DAY(2017, 4, 1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="flags: expected a tuple of PeriodFlag"):
        FinancialYear(2017, flags="one_year_span")


# --- round trips ------------------------------------------------------------------------------

_DAYS = st.dates(_DAY(1900, 1, 1), _DAY(2199, 12, 31))
months = st.builds(Month, years, st.integers(1, 12))
calendar_quarters = st.builds(CalendarQuarter, years, st.integers(1, 4))
academic_years = st.builds(AcademicYear, years)
two_year_pools = st.builds(lambda first: PooledPeriod(first, first + 1), years)


@st.composite
def _spans(draw: st.DrawFn) -> Period:
    first = draw(_DAYS)
    return period_between(first, first + dt.timedelta(days=draw(st.integers(0, 800))))


@given(st.one_of(months, calendar_quarters, academic_years, two_year_pools, _spans()))
def test_new_periods_round_trip_through_their_text(period: Period) -> None:
    again = parse_period(str(period))
    assert again == period
    assert type(again) is type(period)
    assert not again.flags


@given(_spans())
def test_period_between_keeps_the_days(period: Period) -> None:
    assert period_between(period.start, period.end) == period


@given(academic_years)
def test_academic_years_read_from_their_dfe_code(year: AcademicYear) -> None:
    assert period_from_dfe(year.dfe_code, "Academic year") == year
    assert parse_period(year.short, expect="academic_year") == year


@given(months)
def test_a_month_end_is_its_last_day(month: Month) -> None:
    assert parse_period(f"at the end of {month}") == month.end_point
    assert month.contains(month.end_point.date)


# --- records ----------------------------------------------------------------------------------


class _Row(BaseModel):
    period: Period
    year: FinancialYear | None = None
    school_year: AcademicYear | None = None
    pool: PooledPeriod | None = None


def test_fields_read_their_kind_of_period() -> None:
    row = _Row(period="2017 – 18", year="2017 – 18", school_year="2017/18", pool="2017 - 18")  # type: ignore[arg-type]
    assert row.period.flags == (_SPAN,)
    assert row.year is not None
    assert row.year.flags == ()  # the field says the year is financial: no guess
    assert row.school_year == AcademicYear(2017)
    assert row.pool == PooledPeriod(2017, 2018)


def test_a_flagged_reading_is_written_as_printed_and_flagged_again() -> None:
    row = _Row(period="2017 – 18")  # type: ignore[arg-type]
    dumped = row.model_dump(mode="json")
    assert dumped["period"] == "2017 – 18"
    again = _Row.model_validate_json(row.model_dump_json())
    assert again == row
    assert again.period.flags == (_SPAN,)
    assert _Row(period="2017/18").model_dump(mode="json")["period"] == "2017/18"  # type: ignore[arg-type]


def test_a_field_of_one_kind_still_refuses_another() -> None:
    with pytest.raises(ValidationError, match="expected an academic year or its text"):
        _Row(period="2017/18", school_year="Q1 2017")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="consecutive"):
        _Row(period="2017/18", year="2017/19")  # type: ignore[arg-type]
