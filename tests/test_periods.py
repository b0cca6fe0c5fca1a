import datetime as dt
import itertools

import pytest
from hypothesis import given
from pydantic import BaseModel, ValidationError

from safeguarding_model import (
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
    PeriodParseError,
    PointInTime,
    PooledPeriod,
    parse_period,
)
from safeguarding_model.periods import ANY_PERIOD_PATTERN

from strategies import financial_quarters, financial_years, periods, points_in_time


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("2015/16", FinancialYear(2015), "2015/16"),
        ("2015-16", FinancialYear(2015), "2015/16"),
        ("2015–16", FinancialYear(2015), "2015/16"),
        ("15/16", FinancialYear(2015), "2015/16"),
        ("2015/2016", FinancialYear(2015), "2015/16"),
        ("FY 2015/16", FinancialYear(2015), "2015/16"),
        ("2013/14", FinancialYear(2013), "2013/14"),
        ("1999/00", FinancialYear(1999), "1999/00"),
        ("1999-01", PooledPeriod(1999, 2001), "1999 - 01"),
        ("2098/99 - 00/01", PooledPeriod(2098, 2100, financial=True), "2098/99 - 00/01"),
        ("Q4 2015/16", FinancialQuarter(2015, 4), "2015/16 Q4"),
        ("2015/16 Q3", FinancialQuarter(2015, 3), "2015/16 Q3"),
        ("q1 15/16", FinancialQuarter(2015, 1), "2015/16 Q1"),
        ("Q2 2015-16", FinancialQuarter(2015, 2), "2015/16 Q2"),
        ("2016", CalendarYear(2016), "2016"),
        ("2012-14", PooledPeriod(2012, 2014), "2012 - 14"),
        ("2012–14", PooledPeriod(2012, 2014), "2012 - 14"),
        ("2013 - 15", PooledPeriod(2013, 2015), "2013 - 15"),
        ("2014 - 15", FinancialYear(2014), "2014/15"),
        ("calendar years 2014 - 15", PooledPeriod(2014, 2015), "calendar years 2014 - 15"),
        ("2012/13 - 14/15", PooledPeriod(2012, 2014, financial=True), "2012/13 - 14/15"),
        ("31 March 2016", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("31st March 2016", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("As at 31st March 2016", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("at 31 Mar 2016", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("2016-03-31", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("31/03/2016", PointInTime(dt.date(2016, 3, 31)), "31 March 2016"),
        ("  2015/16  ", FinancialYear(2015), "2015/16"),
    ],
)
def test_parse_period_reads_published_spellings(
    text: str, expected: Period, canonical: str
) -> None:
    period = parse_period(text)
    assert period == expected
    assert type(period) is type(expected)
    assert str(period) == canonical


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2015/17", "consecutive"),
        ("Q5 2015/16", "expected a financial year"),
        ("31 February 2016", "not a real date"),
        ("31 Smarch 2016", "not a month name"),
        ("next year", "expected a financial year"),
        ("", "expected a financial year"),
        ("2014-12", "run forwards over at most 20 years"),
        ("2012/13 - 11/12", "run forwards"),
        ("2012/13 - 14/16", "consecutive"),
        ("1700/01", "1800"),
        ("2015/16 Q", "expected a financial year"),
    ],
)
def test_parse_period_refuses_with_the_text_quoted(text: str, fragment: str) -> None:
    with pytest.raises(PeriodParseError) as caught:
        parse_period(text)
    assert repr(text) in str(caught.value)
    assert fragment in str(caught.value)
    assert caught.value.text == text
    assert isinstance(caught.value, ValueError)


def test_parse_period_refuses_non_text() -> None:
    with pytest.raises(PeriodParseError, match="expected text, got a int"):
        parse_period(2015)  # type: ignore[arg-type]


def test_financial_year_labels_and_dates() -> None:
    year = FinancialYear(2015)
    assert (year.start, year.end) == (dt.date(2015, 4, 1), dt.date(2016, 3, 31))
    assert (str(year), year.label, year.hyphenated, year.short, year.dfe_code) == (
        "2015/16",
        "2015/16",
        "2015-16",
        "15/16",
        "201516",
    )
    assert year.days == 366  # 2016 is a leap year
    assert year.previous() == FinancialYear(2014)
    assert FinancialYear.containing(dt.date(2016, 4, 1)) == FinancialYear(2016)
    assert FinancialYear.containing(dt.date(2016, 3, 31)) == FinancialYear(2015)


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (1, dt.date(2015, 4, 1), dt.date(2015, 6, 30)),
        (2, dt.date(2015, 7, 1), dt.date(2015, 9, 30)),
        (3, dt.date(2015, 10, 1), dt.date(2015, 12, 31)),
        (4, dt.date(2016, 1, 1), dt.date(2016, 3, 31)),
    ],
)
def test_quarter_dates(quarter: int, start: dt.date, end: dt.date) -> None:
    period = FinancialQuarter(2015, quarter)
    assert (period.start, period.end) == (start, end)
    assert period.report_label == f"Q{quarter} 2015/16"


@given(financial_years)
def test_quarters_tile_their_year(year: FinancialYear) -> None:
    quarters = [year.quarter(n) for n in (1, 2, 3, 4)]
    assert quarters[0].start == year.start
    assert quarters[-1].end == year.end
    for before, after in itertools.pairwise(quarters):
        assert after.start - before.end == dt.timedelta(days=1)
    assert sum(q.days for q in quarters) == year.days
    assert all(q.year == year for q in quarters)


@given(periods)
def test_str_round_trips(period: Period) -> None:
    assert parse_period(str(period)) == period
    assert parse_period(period.label) == period


@given(financial_years)
def test_financial_year_alternative_labels_round_trip(year: FinancialYear) -> None:
    assert parse_period(year.hyphenated) == year
    assert parse_period(f"{year.start_year}/{year.start_year + 1}") == year


@given(financial_quarters)
def test_quarter_report_label_round_trips(quarter: FinancialQuarter) -> None:
    assert parse_period(quarter.report_label) == quarter


@given(points_in_time)
def test_point_in_time_iso_round_trips(point: PointInTime) -> None:
    assert parse_period(point.iso) == point
    assert point.financial_year.contains(point.date)


@given(periods, periods)
def test_order_follows_start_then_end(first: Period, second: Period) -> None:
    assert (first < second) == ((first.start, first.end) < (second.start, second.end))
    assert (first <= second) == ((first.start, first.end) <= (second.start, second.end))
    assert (first > second) == (second < first)
    assert (first >= second) == (second <= first)
    if first == second:
        assert hash(first) == hash(second)
        assert not first < second


def test_quarter_sorts_before_the_year_it_opens() -> None:
    values = [
        FinancialYear(2015),
        FinancialQuarter(2015, 1),
        FinancialYear(2014),
        CalendarYear(2015),
    ]
    assert sorted(values) == [
        FinancialYear(2014),
        CalendarYear(2015),
        FinancialQuarter(2015, 1),
        FinancialYear(2015),
    ]


def test_periods_are_frozen_and_validated() -> None:
    year = FinancialYear(2015)
    with pytest.raises(AttributeError):
        year.start_year = 2016  # type: ignore[misc]
    with pytest.raises(ValueError, match="quarter: expected a quarter number from 1 to 4, got 5"):
        FinancialQuarter(2015, 5)
    with pytest.raises(ValueError, match="start_year: expected a year from 1800 to 2999, got True"):
        FinancialYear(True)  # noqa: FBT003
    with pytest.raises(ValueError, match="last_year: expected a year after first_year=2014"):
        PooledPeriod(2014, 2014)
    with pytest.raises(TypeError, match=r"date: expected a datetime\.date"):
        PointInTime(dt.datetime(2016, 3, 31, tzinfo=dt.UTC))


def test_pooled_members() -> None:
    assert PooledPeriod(2012, 2014).members == (
        CalendarYear(2012),
        CalendarYear(2013),
        CalendarYear(2014),
    )
    pooled = PooledPeriod(2012, 2013, financial=True)
    assert pooled.members == (FinancialYear(2012), FinancialYear(2013))
    assert (pooled.start, pooled.end) == (dt.date(2012, 4, 1), dt.date(2014, 3, 31))


def test_comparison_with_other_types_is_refused() -> None:
    with pytest.raises(TypeError):
        _ = FinancialYear(2015) < "2016/17"
    assert FinancialYear(2015) != "2015/16"  # type: ignore[comparison-overlap]


class _Observed(BaseModel):
    period: Period
    year: FinancialYear | None = None


def test_pydantic_fields_accept_text_and_write_canonical_labels() -> None:
    record = _Observed(period="Q4 2015/16", year="2015-16")  # type: ignore[arg-type]
    assert record.period == FinancialQuarter(2015, 4)
    assert record.year == FinancialYear(2015)
    assert record.model_dump(mode="json") == {"period": "2015/16 Q4", "year": "2015/16"}
    assert _Observed.model_validate_json(record.model_dump_json()) == record
    assert _Observed(period=FinancialYear(2015)).period == FinancialYear(2015)


def test_pydantic_fields_refuse_the_wrong_kind_of_period() -> None:
    with pytest.raises(ValidationError) as caught:
        _Observed(period="2015/16", year="Q4 2015/16")  # type: ignore[arg-type]
    message = str(caught.value)
    assert "year" in message
    assert "expected a financial year" in message
    assert "'Q4 2015/16'" in message
    with pytest.raises(ValidationError, match="cannot read 'soon' as a period"):
        _Observed(period="soon")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="got 2015"):
        _Observed(period=2015)  # type: ignore[arg-type]


def test_json_schema_describes_periods_as_text() -> None:
    schema = _Observed.model_json_schema()
    assert schema["properties"]["period"] == {
        "title": "Period",
        "type": "string",
        "pattern": ANY_PERIOD_PATTERN,
    }
