"""The Fingertips reader: fixtures read figure by figure, other inputs, and hostile files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from example_files import EXAMPLE_FILES
from safeguarding_model import IndicatorDefinition, parse_period
from safeguarding_model.errors import FileFormatError, InvalidInputError
from safeguarding_model.fingertips import DEFAULT_MAX_BYTES, read_fingertips
from safeguarding_model.io import DEFAULT_MAX_BYTES as IO_DEFAULT_MAX_BYTES
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import OfficialLayout
from safeguarding_model.periods import CalendarYear, FinancialQuarter, FinancialYear, PooledPeriod
from safeguarding_model.statistics.recent_trend import TrendMarker

if TYPE_CHECKING:
    from pathlib import Path

DATA = EXAMPLE_FILES
CHILD_HEALTH = DATA / "fingertips-child-health.csv"
RENAMED = DATA / "fingertips-renamed.csv"
REGION = "Compared to Region value or percentiles"
S = Significance
T = TrendMarker
NOTE_SUPPRESSED = "Value suppressed for disclosure control due to small count"

# line, indicator, area code, area, period, value, status, lower, upper, confidence, count,
# count status, denominator, breakdown, England label, parent label, trend, note
LANCASHIRE_INFANT = (
    3,
    "92196",
    "E10000017",
    "Lancashire",
    "2013 - 15",
    "4.8",
    "final",
    "4.2",
    "5.5",
    0.95,
    "200",
    "final",
    "41700",
    {"Sex": "Persons", "Age": "<1 yr"},
    S.WORSE,
    S.SIMILAR,
    None,
    None,
)

EXPECTED = [
    (
        2,
        "92196",
        "E92000001",
        "England",
        "2013 - 15",
        "3.9",
        "final",
        "3.8",
        "4.0",
        0.95,
        "7000",
        "final",
        "1800000",
        {"Sex": "Persons", "Age": "<1 yr"},
        None,
        None,
        None,
        None,
    ),
    LANCASHIRE_INFANT,
    (4, *LANCASHIRE_INFANT[1:]),  # line 4 repeats line 3: both kept
    (
        5,
        "92196",
        "E06000008",
        "Blackburn with Darwen",
        "2013 - 15",
        None,
        "suppressed",
        None,
        None,
        None,
        None,
        None,
        None,
        {"Sex": "Persons", "Age": "<1 yr"},
        S.NOT_COMPARED,
        S.NOT_COMPARED,
        None,
        NOTE_SUPPRESSED,
    ),
    (
        6,
        "10101",
        "E92000001",
        "England",
        "2015",
        "20.1",
        "final",
        "20.0",
        "20.2",
        0.95,
        "2010000",
        "final",
        "10000000",
        {"Sex": "Persons", "Age": "<16 yrs"},
        None,
        None,
        None,
        None,
    ),
    (
        7,
        "10101",
        "E06000023",
        "Bristol, City of",
        "2015",
        "21.3",
        "final",
        "21.0",
        "21.6",
        0.95,
        "17000",
        "final",
        "79812",
        {"Sex": "Persons", "Age": "<16 yrs"},
        S.WORSE,
        S.HIGHER,
        T.INCREASING_AND_GETTING_WORSE,
        None,
    ),
    (
        8,
        "10101",
        "E10000017",
        "Lancashire",
        "2015",
        "17.5",
        "final",
        "17.3",
        "17.7",
        0.95,
        "35000",
        "final",
        "200000",
        {"Sex": "Persons", "Age": "<16 yrs"},
        S.BETTER,
        S.SIMILAR,
        T.NO_SIGNIFICANT_CHANGE,
        None,
    ),
    (
        9,
        "10101",
        "E10000017",
        "Lancashire",
        "2015",
        "30.0",
        "final",
        None,
        None,
        None,
        None,
        None,
        None,
        {
            "Sex": "Persons",
            "Age": "<16 yrs",
            "Category Type": "Deprivation decile (IMD2015)",
            "Category": "Most deprived decile",
        },
        None,
        None,
        T.CANNOT_BE_CALCULATED,
        None,
    ),
    (
        10,
        "91111",
        "E10000017",
        "Lancashire",
        "2015/16",
        "120.3",
        "final",
        "110.1",
        "131.2",
        0.998,
        None,
        None,
        None,
        {"Sex": "Persons", "Age": "0-14 yrs"},
        S.SIMILAR,
        S.SIMILAR,
        T.NO_SIGNIFICANT_CHANGE,
        None,
    ),
    (
        11,
        "93000",
        "E10000017",
        "Lancashire",
        "2012/13 - 14/15",
        "45.2",
        "final",
        None,
        None,
        None,
        None,
        "suppressed",
        None,
        {"Sex": "Persons", "Age": "5 yrs"},
        S.NOT_COMPARED,
        None,
        None,
        "Aggregated from all known lower geography values",
    ),
    (
        12,
        "93000",
        "E06000008",
        "Blackburn with Darwen",
        "2015/16 Q3",
        None,
        "missing",
        None,
        None,
        None,
        None,
        None,
        None,
        {"Sex": "Persons", "Age": "5 yrs"},
        None,
        None,
        None,
        None,
    ),
]
PARENTS = {
    "E92000001": (None, None, "England"),
    "E10000017": ("E12000002", "North West region", "County & UA"),
    "E06000008": ("E12000002", "North West region", "County & UA"),
    "E06000023": ("E12000009", "South West region", "County & UA"),
}


def _number(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@pytest.mark.parametrize("expected", EXPECTED, ids=[f"line {row[0]}" for row in EXPECTED])
def test_the_child_health_fixture_reads_figure_by_figure(expected: tuple[object, ...]) -> None:
    (line, number, code, area, period, value, status, lower, upper, confidence, count,
     count_status, denominator, breakdown, england, parent, trend, note) = expected  # fmt: skip
    table = read_fingertips(CHILD_HEALTH)
    figure = next(f for f in table.figures if f.line == line)
    seen = figure.observation
    assert seen.indicator == f"fingertips-{number}"
    assert (figure.area_code, seen.area) == (code, area)
    assert seen.period == parse_period(str(period))
    assert seen.value.number == _number(value)  # type: ignore[arg-type]
    assert str(seen.value.number) == str(value) if value is not None else seen.value.number is None
    assert seen.value.status.value == status
    assert (seen.lower, seen.upper, seen.confidence) == (_number(lower), _number(upper), confidence)  # type: ignore[arg-type]
    if count_status is None:
        assert seen.count is None
    else:
        assert seen.count is not None
        assert (seen.count.number, seen.count.status.value) == (_number(count), count_status)  # type: ignore[arg-type]
    if denominator is None:
        assert seen.denominator is None
    else:
        assert seen.denominator is not None
        assert seen.denominator.number == Decimal(str(denominator))
    assert dict(figure.breakdown) == breakdown
    assert figure.compared_to_england is england
    assert seen.stated_significance is england
    assert figure.compared_to_parent is parent
    assert figure.parent_comparison == REGION
    assert figure.recent_trend is trend
    assert seen.note == note
    assert (figure.parent_code, figure.parent_name, figure.area_type) == PARENTS[str(code)]
    assert seen.provenance is not None
    assert (seen.provenance.source, seen.provenance.line, seen.provenance.column) == (
        "fingertips-child-health.csv",
        line,
        "Value",
    )


def test_the_child_health_fixture_periods_are_read_as_the_profiles_print_them() -> None:
    periods = {f.line: f.observation.period for f in read_fingertips(CHILD_HEALTH)}
    assert periods[2] == PooledPeriod(2013, 2015, financial=False)
    assert periods[6] == CalendarYear(2015)
    assert periods[10] == FinancialYear(2015)
    assert periods[11] == PooledPeriod(2012, 2014, financial=True)
    assert periods[12] == FinancialQuarter(2015, 3)


def test_two_years_pooled_are_read_as_calendar_years() -> None:
    text = (
        "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value\n1,X,E1,A,2014 - 15,3\n"
    )
    period = read_fingertips(io.StringIO(text)).figures[0].observation.period
    assert period == PooledPeriod(2014, 2015, financial=False)
    assert not period.flags


def test_the_child_health_fixture_indicators_and_notes() -> None:
    table = read_fingertips(CHILD_HEALTH)
    assert table.layout is OfficialLayout.FINGERTIPS
    assert table.source == "fingertips-child-health.csv"
    assert len(table) == 11
    found = [(i.id, i.kind.value, i.per, i.polarity, i.source) for i in table.indicators]
    assert found == [
        ("fingertips-92196", "rate", 1000, Polarity.LOWER_IS_BETTER, "Fingertips indicator 92196"),
        (
            "fingertips-10101",
            "percentage",
            None,
            Polarity.LOWER_IS_BETTER,
            "Fingertips indicator 10101",
        ),
        ("fingertips-91111", "rate", 10000, Polarity.NO_JUDGEMENT, "Fingertips indicator 91111"),
        ("fingertips-93000", "mean", None, Polarity.NO_JUDGEMENT, "Fingertips indicator 93000"),
    ]
    assert table.indicator("fingertips-91111").name == (
        "Hospital admissions caused by injuries in children (aged 0-14 years), per 10,000"
    )
    notes = "\n".join(table.notes)
    assert "'Highest quintile'" in notes
    assert notes.count("Highest quintile") == 1
    assert "fingertips-93000" in notes
    assert "indicators={93000:" in notes
    assert "inferred from its name" in notes
    assert "'Time period Sortable', 'New data', 'Compared to goal'" in notes
    assert "Columns not read" not in notes
    assert table.area_codes == ("E92000001", "E10000017", "E06000008", "E06000023")


def test_a_renamed_older_export_reads_the_same_columns() -> None:
    table = read_fingertips(RENAMED)
    england, lancashire = table.figures
    assert (england.line, lancashire.line) == (2, 3)
    seen = lancashire.observation
    assert (seen.value.number, seen.lower, seen.upper, seen.confidence) == (
        Decimal("20.6"),
        Decimal("19.2"),
        Decimal("22.1"),
        0.95,
    )
    assert seen.count is not None
    assert seen.denominator is not None
    assert (seen.count.number, seen.denominator.number) == (Decimal(780), Decimal(37864))
    assert dict(lancashire.breakdown) == {"Sex": "Female", "Age": "<18 yrs"}
    assert lancashire.parent_comparison == "Compared to CCGs (from Apr 2021) value or percentiles"
    assert (lancashire.compared_to_england, lancashire.compared_to_parent) == (S.WORSE, S.SIMILAR)
    assert lancashire.recent_trend is T.DECREASING_AND_GETTING_BETTER
    assert lancashire.parent_code == "E38000050"
    assert str(seen.period) == "2016"
    (indicator,) = table.indicators
    assert (indicator.kind.value, indicator.per, indicator.polarity) == (
        "rate",
        1000,
        Polarity.LOWER_IS_BETTER,
    )
    assert "Columns not read: 'Profile'." in table.notes


def _summary(figures: object) -> list[tuple[object, ...]]:
    return [
        (
            f.line,
            f.area_code,
            f.observation.model_dump(exclude={"provenance"}),
            dict(f.breakdown),
            f.compared_to_england,
            f.compared_to_parent,
            f.recent_trend,
        )
        for f in figures  # type: ignore[attr-defined]
    ]


def test_open_files_text_and_binary_read_as_the_path_does() -> None:
    from_path = read_fingertips(CHILD_HEALTH)
    with CHILD_HEALTH.open("rb") as binary:
        from_binary = read_fingertips(binary)
    with CHILD_HEALTH.open(encoding="utf-8", newline="") as text:
        from_text = read_fingertips(text, name="download.csv")
    assert from_binary.source == "fingertips-child-health.csv"
    assert from_text.source == "download.csv"
    assert from_text.figures[0].observation.provenance.source == "download.csv"  # type: ignore[union-attr]
    assert _summary(from_binary) == _summary(from_path)
    assert _summary(from_text) == _summary(from_path)
    assert from_text.indicators == from_path.indicators


def test_a_pandas_data_frame_reads_as_the_file_does() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(CHILD_HEALTH, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    table = read_fingertips(frame, name="frame")
    assert table.source == "frame"
    assert _summary(table) == _summary(read_fingertips(CHILD_HEALTH))
    numeric = pandas.read_csv(RENAMED)  # floats, NaN for empty cells, int IDs
    read = read_fingertips(numeric)
    assert read.source == "data frame"
    assert read.figures[1].observation.value.number == Decimal("20.6")
    assert read.figures[0].parent_code is None
    assert read.indicators[0].id == "fingertips-90631"


def test_indicators_given_override_what_would_be_inferred() -> None:
    table = read_fingertips(
        CHILD_HEALTH,
        indicators={
            93000: {"kind": "mean", "polarity": "higher_is_better"},
            "92196": IndicatorDefinition.model_validate(
                {
                    "id": "infant-mortality",
                    "name": "Infant mortality",
                    "kind": "rate",
                    "per": 1000,
                    "population": "live_birth",
                    "polarity": "lower_is_better",
                }
            ),
        },
    )
    readiness = table.indicator("fingertips-93000")
    assert (readiness.kind.value, readiness.polarity) == ("mean", Polarity.HIGHER_IS_BETTER)
    infant = table.indicator("fingertips-92196")
    assert (infant.population, infant.name, infant.per) == ("live_birth", "Infant mortality", 1000)
    assert not any("fingertips-93000" in note for note in table.notes)
    assert not any("fingertips-92196" in note for note in table.notes)


@pytest.mark.parametrize(
    ("indicators", "field"),
    [
        ({"abc": {"kind": "mean"}}, "indicators"),
        ({1: {"colour": "red"}}, "indicators[1]"),
        ({1: 7}, "indicators[1]"),
    ],
)
def test_indicators_that_describe_nothing_are_refused(indicators: object, field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_fingertips(CHILD_HEALTH, indicators=indicators)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_an_indicator_given_without_a_base_names_it() -> None:
    with pytest.raises(InvalidInputError, match=r"indicators\[93000\]"):
        read_fingertips(CHILD_HEALTH, indicators={93000: {"kind": "rate"}})


# --- written by a generator, read back -----------------------------------------------------------

HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Area Code",
    "Area Name",
    "Time period",
    "Value",
    "Count",
    "Denominator",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
]
_DIGITS = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
_ROW = st.tuples(
    st.integers(min_value=1, max_value=999_999),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
    st.sampled_from(["E92000001", "E10000017", "E06000008"]),
    st.text(
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
    ).filter(str.strip),
    st.sampled_from(["2015/16", "2016", "2013 - 15", "2015/16 Q3", "2012/13 - 14/15"]),
    st.one_of(st.none(), _DIGITS),
    st.one_of(st.none(), st.integers(min_value=0, max_value=10**7)),
    st.tuples(_DIGITS, _DIGITS),
)


_Row = tuple[int, str, str, str, str, Decimal | None, int | None, tuple[Decimal, Decimal]]


@given(st.lists(_ROW, max_size=15))
def test_any_generated_table_reads_back_the_same_numbers(rows: list[_Row]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for number, name, code, area, period, value, count, (low, high) in rows:
        cells = [number, name, code, area, period, value, count, "", min(low, high), max(low, high)]
        writer.writerow(["" if cell is None else cell for cell in cells])
    table = read_fingertips(io.StringIO(buffer.getvalue()))
    assert len(table) == len(rows)
    for figure, (number, _name, code, area, period, value, count, (low, high)) in zip(
        table, rows, strict=True
    ):
        seen = figure.observation
        assert seen.indicator == f"fingertips-{number}"
        assert (figure.area_code, seen.area) == (code, area.strip())
        assert str(seen.period) == str(parse_period(period))
        if value is None:
            assert (seen.value.number, seen.value.status.value) == (None, "missing")
        else:
            assert str(seen.value.number) == str(value)  # every digit, as written
        assert (seen.count is None) if count is None else (seen.count.number == count)  # type: ignore[union-attr]
        assert (str(seen.lower), str(seen.upper)) == (str(min(low, high)), str(max(low, high)))
    assert [i.id for i in table.indicators] == list(
        dict.fromkeys(f"fingertips-{row[0]}" for row in rows)
    )


# --- hostile files -----------------------------------------------------------------------------


def _write(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "download.csv"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


GOOD = "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value\n"


def test_the_default_limit_is_the_io_modules() -> None:
    assert DEFAULT_MAX_BYTES == IO_DEFAULT_MAX_BYTES


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "Indicator ID,Indicator Name,Area Code,Area Name,Value\n1,X,E1,A,3\n")
    with pytest.raises(FileFormatError) as caught:
        read_fingertips(path)
    assert caught.value.line == 1
    assert "'Time period'" in str(caught.value)
    assert "download.csv" in str(caught.value)


def test_a_file_without_a_fingertips_header_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, "time_period,la_name,value\n201516,Lancashire,3\n")
    with pytest.raises(FileFormatError, match="no Fingertips header"):
        read_fingertips(path)


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="empty"):
        read_fingertips(_write(tmp_path, b""))


def test_garbage_bytes_are_not_text(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD.encode() + bytes(range(128, 256)) * 40)
    with pytest.raises(FileFormatError, match="not UTF-8 text") as caught:
        read_fingertips(path)
    assert "byte 0x80" in str(caught.value)
    assert len(str(caught.value)) < 200


def test_a_nul_byte_in_a_cell_is_named_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_fingertips(_write(tmp_path, GOOD.encode() + b"1,X,E1,A,2016,\x00\n"))
    assert caught.value.field == "download.csv, line 2, column 'Value'"


def test_a_value_cell_of_ten_thousand_characters_is_refused_briefly(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "1,X,E1,A,2016," + "9" * 10_000 + "\n")
    with pytest.raises(InvalidInputError) as caught:
        read_fingertips(path)
    message = str(caught.value)
    assert "line 2" in message
    assert "column 'Value'" in message
    assert "expected a number" in message
    assert len(message) < 200


@pytest.mark.parametrize(
    ("row", "column", "expected"),
    [
        ("abc,X,E1,A,2016,3", "Indicator ID", "a Fingertips indicator number"),
        ("1,X,E1,A,next year,3", "Time period", "a period"),
        ("1,X,E1,A,2016,three", "Value", "a number or a symbol"),
        ("1,X,,A,2016,3", "Area Code", "an area code"),
        ("1,X,E1,A,2016,1E+99", "Value", "a finite number of at most 30 digits"),
    ],
)
def test_an_unreadable_cell_names_its_line_and_column(
    tmp_path: Path, row: str, column: str, expected: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        read_fingertips(_write(tmp_path, GOOD + "1,X,E1,A,2016,3\n" + row + "\n"))
    assert caught.value.field == f"download.csv, line 3, column {column!r}"
    assert expected in caught.value.expected


def test_limits_out_of_order_name_the_line(tmp_path: Path) -> None:
    text = "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit\n1,X,E1,A,2016,3,4,2\n"
    with pytest.raises(InvalidInputError, match="line 2"):
        read_fingertips(_write(tmp_path, text))


def test_a_row_that_does_not_line_up_with_the_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="expected 6 cells") as caught:
        read_fingertips(_write(tmp_path, GOOD + "1,X,E1,A,2016\n"))
    assert caught.value.line == 2


def test_a_too_large_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD + "1,X,E1,A,2016,3\n" * 100)
    with pytest.raises(FileFormatError, match="larger than the limit of 500 bytes"):
        read_fingertips(path, max_bytes=500)
    with path.open("rb") as binary, pytest.raises(FileFormatError, match="larger than the limit"):
        read_fingertips(binary, max_bytes=500)
    with (
        path.open(encoding="utf-8") as text,
        pytest.raises(FileFormatError, match="larger than the limit"),
    ):
        read_fingertips(text, max_bytes=500)
    assert len(read_fingertips(path, max_bytes=5000)) == 100


def test_a_directory_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="regular file"):
        read_fingertips(tmp_path)
    with pytest.raises(FileFormatError, match="cannot be read"):
        read_fingertips(tmp_path / "absent.csv")


@pytest.mark.parametrize("source", [42, None, ["a", "b"]])
def test_a_source_that_is_not_a_file_is_refused(source: object) -> None:
    with pytest.raises(InvalidInputError, match="source"):
        read_fingertips(source)


def test_a_bad_max_bytes_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="max_bytes"):
        read_fingertips(CHILD_HEALTH, max_bytes=0)
