"""The DfE statistics reader: fixtures read figure by figure, round trips, hostile files."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from example_files import EXAMPLE_FILES
from safeguarding_model import dfe_statistics
from safeguarding_model import io as sm_io
from safeguarding_model.dfe_statistics import DFE_MEASURES, DfeMeasure, read_dfe_statistics
from safeguarding_model.errors import FileFormatError, InvalidInputError, SafeguardingModelError
from safeguarding_model.official import OfficialLayout, OfficialTable
from safeguarding_model.periods import period_from_dfe
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from pathlib import Path

DATA = EXAMPLE_FILES
CIN = DATA / "dfe-children-in-need.csv"
CLA = DATA / "dfe-looked-after-renamed.csv"

F, S, L, M, Z, U = (
    ValueStatus.FINAL,
    ValueStatus.SUPPRESSED,
    ValueStatus.LOW,
    ValueStatus.MISSING,
    ValueStatus.NOT_APPLICABLE,
    ValueStatus.UNDER_REVIEW,
)
NW = ("E12000002", "North West")
# line, area code, area, level, parent, indicator, printed, number, status, count printed, period
CIN_FIGURES = [
    (2, "E92000001", "England", "National", (None, None), "cin-at-31-march", "394400", "394400", F, None, "2016"),
    (2, "E92000001", "England", "National", (None, None), "cin-rate-at-31-march", "337.3", "337.3", F, "394400", "2016"),
    (3, "E12000002", "North West", "Regional", ("E92000001", "England"), "cin-at-31-march", "58530", "58530", F, None, "2016"),
    (3, "E12000002", "North West", "Regional", ("E92000001", "England"), "cin-rate-at-31-march", "384.2", "384.2", F, "58530", "2016"),
    (4, "E10000017", "Lancashire", "Local authority", NW, "cin-at-31-march", "8702", "8702", F, None, "2016"),
    (4, "E10000017", "Lancashire", "Local authority", NW, "cin-rate-at-31-march", "354.4", "354.4", F, "8702", "2016"),
    (5, "E10000017", "Lancashire", "Local authority", NW, "cin-at-31-march", "8702", "8702", F, None, "2016"),
    (5, "E10000017", "Lancashire", "Local authority", NW, "cin-rate-at-31-march", "354.4", "354.4", F, "8702", "2016"),
    (6, "E06000058", "Bournemouth, Christchurch and Poole", "Local authority", ("E12000008", "South East"), "cin-at-31-march", "c", None, S, None, "2016"),
    (6, "E06000058", "Bournemouth, Christchurch and Poole", "Local authority", ("E12000008", "South East"), "cin-rate-at-31-march", "c", None, S, "c", "2016"),
    (7, "E06000009", "Blackpool", "Local authority", NW, "cin-at-31-march", "low", None, L, None, "2016"),
    (7, "E06000009", "Blackpool", "Local authority", NW, "cin-rate-at-31-march", "x", None, M, "low", "2016"),
    (8, "E06000008", "Blackburn with Darwen", "Local authority", NW, "cin-at-31-march", "", None, M, None, "2016"),
    (8, "E06000008", "Blackburn with Darwen", "Local authority", NW, "cin-rate-at-31-march", "z", None, Z, "", "2016"),
    (9, "835", "Dorset (former)", "Local authority", ("E12000009", "South West"), "cin-at-31-march", "1210 u", "1210", U, None, "2016"),
    (9, "835", "Dorset (former)", "Local authority", ("E12000009", "South West"), "cin-rate-at-31-march", "u", None, M, "1210 u", "2016"),
    (10, "E10000017", "Lancashire", "Local authority", NW, "cin-at-31-march", ":", None, M, None, "2015"),
    (10, "E10000017", "Lancashire", "Local authority", NW, "cin-rate-at-31-march", "..", None, M, ":", "2015"),
]  # fmt: skip
OLD_LA = {2: None, 3: None, 4: "888", 5: "888", 6: "839", 7: "890", 8: "889", 9: "835", 10: "888"}


def test_the_children_in_need_fixture_reads_figure_by_figure() -> None:
    table = read_dfe_statistics(CIN)
    assert table.source == "dfe-children-in-need.csv"
    assert table.layout is OfficialLayout.DFE_STATISTICS
    assert [i.id for i in table.indicators] == ["cin-at-31-march", "cin-rate-at-31-march"]
    assert table.indicator("cin-rate-at-31-march").per == 10_000
    assert len(table) == len(CIN_FIGURES)
    for figure, expected in zip(table, CIN_FIGURES, strict=True):
        line, code, area, level, parent, indicator, printed, number, status, count, year = expected
        observation = figure.observation
        assert (figure.line, figure.area_code, observation.area) == (line, code, area)
        assert (figure.area_type, (figure.parent_code, figure.parent_name)) == (level, parent)
        assert observation.indicator == indicator
        assert observation.value.printed == printed
        assert observation.value.number == (None if number is None else Decimal(number))
        assert str(observation.value.number) == str(number) if number else True
        assert observation.value.status is status
        assert (None if observation.count is None else observation.count.printed) == count
        assert observation.denominator is None
        assert observation.lower is None
        assert observation.upper is None
        assert observation.period == period_from_dfe(year, "Reporting year")
        assert observation.provenance is not None
        assert observation.provenance.line == line
        assert observation.provenance.source == "dfe-children-in-need.csv"
        assert observation.provenance.column == (
            "At31_episodes" if indicator == "cin-at-31-march" else "At31_episodes_rate"
        )
        expected_breakdown = {"social_care_group": "Children in need"}
        if (old_la_code := OLD_LA[line]) is not None:
            expected_breakdown = {"old_la_code": old_la_code, **expected_breakdown}
        assert dict(figure.breakdown) == expected_breakdown
        assert figure.compared_to_england is None
        assert figure.recent_trend is None


def test_symbols_keep_their_meaning_in_the_note() -> None:
    table = read_dfe_statistics(CIN)
    notes = {f.observation.value.printed: f.observation.value.note for f in table}
    assert notes["c"] == "confidential"
    assert notes["x"] == "not available"
    assert notes["z"] == "not applicable"
    assert notes["u"] == "low reliability"
    assert notes["1210 u"] == "low reliability"
    assert notes[""] == "blank cell"
    assert notes[".."] == notes[":"] == "not available (the older symbol)"


def test_the_notes_say_which_columns_were_read_as_what() -> None:
    table = read_dfe_statistics(CIN)
    assert table.notes == (
        "Read as measures: At31_episodes, At31_episodes_rate.",
        (
            "Read as filters, kept in each figure's breakdown (not measures, since measures= "
            "does not map them): social_care_group."
        ),
    )


CLA_COUNT = DfeMeasure("cla-at-31-march", "Children looked after", "count", population="child")
CLA_RATE = DfeMeasure(
    "cla-rate",
    "Children looked after per 10,000 children",
    "rate",
    per=10_000,
    population="child",
    polarity="no_judgement",
    count_column="children_count",
    denominator_column="population_estimate",
)
CLA_MEASURES = {
    **DFE_MEASURES,
    "number": CLA_COUNT,
    "children_count": CLA_COUNT,
    "rate_per_10000": CLA_RATE,
}


def test_a_renamed_release_reads_with_a_mapping_of_both_names() -> None:
    table = read_dfe_statistics(CLA, measures=CLA_MEASURES)
    rows = [
        (
            f.line,
            f.area_code,
            f.observation.indicator,
            f.observation.value.printed,
            f.observation.value.status,
            None if f.observation.count is None else f.observation.count.number,
            None if f.observation.denominator is None else f.observation.denominator.number,
            f.breakdown.get("population_type"),
            f.observation.provenance.column if f.observation.provenance else None,
        )
        for f in table
    ]
    looked_after = "Children looked after at 31 March"
    starting = "Children starting to be looked after, in the year"
    assert rows == [
        (2, "E92000001", "cla-at-31-march", "70440", F, None, None, looked_after, "children_count"),
        (2, "E92000001", "cla-rate", "60", F, Decimal(70440), Decimal(11744900), looked_after, "rate_per_10000"),
        (3, "E10000017", "cla-at-31-march", "1691", F, None, None, looked_after, "children_count"),
        (3, "E10000017", "cla-rate", "69", F, Decimal(1691), Decimal(245018), looked_after, "rate_per_10000"),
        (4, "E10000017", "cla-at-31-march", "812", F, None, None, starting, "children_count"),
        (4, "E10000017", "cla-rate", "c", S, Decimal(812), Decimal(245018), starting, "rate_per_10000"),
    ]  # fmt: skip
    assert "population_estimate" not in table.figures[0].breakdown
    assert (
        table.notes[-1]
        == "Read only as counts or denominators of other columns: population_estimate."
    )
    assert table.indicator("cla-rate").population == "child"


def test_without_a_mapping_generic_columns_are_filters_and_the_notes_say_so() -> None:
    table = read_dfe_statistics(CLA)
    assert len(table) == 0
    assert table.indicators == ()
    assert table.notes[0].startswith("No column was read as a measure")
    assert "children_count, rate_per_10000, population_estimate" in table.notes[1]


def test_a_missing_count_column_is_noted_and_figures_have_no_count() -> None:
    lost = DfeMeasure("cla-rate", "Rate", "rate", per=10_000, count_column="number")
    table = read_dfe_statistics(CLA, measures={"rate_per_10000": lost})
    assert [f.observation.count for f in table] == [None, None, None]
    assert "has its count in column 'number', which the file lacks" in table.notes[1]


def _cin_text() -> str:
    return CIN.read_text(encoding="utf-8-sig")


def _summary(table: OfficialTable) -> list[tuple[object, ...]]:
    return [
        (f.line, f.area_code, f.observation.value, f.observation.count, dict(f.breakdown))
        for f in table
    ]


def test_every_kind_of_source_reads_the_same() -> None:
    expected = _summary(read_dfe_statistics(CIN))
    raw = CIN.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert _summary(read_dfe_statistics(str(CIN))) == expected
    assert _summary(read_dfe_statistics(io.BytesIO(raw))) == expected
    assert _summary(read_dfe_statistics(io.StringIO(raw.decode("utf-8")))) == expected
    assert _summary(read_dfe_statistics(io.StringIO(_cin_text()))) == expected
    with CIN.open("rb") as handle:
        table = read_dfe_statistics(handle)
    assert table.source == "dfe-children-in-need.csv"
    assert _summary(table) == expected
    with CIN.open(encoding="utf-8-sig", newline="") as handle:
        assert _summary(read_dfe_statistics(handle, name="cin")) == expected
    assert read_dfe_statistics(io.StringIO(_cin_text())).source == "DfE statistics file"


def test_a_data_frame_reads_as_its_csv() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(CIN, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table = read_dfe_statistics(frame)
    assert table.source == "data frame"
    assert _summary(table) == _summary(read_dfe_statistics(CIN))
    numeric = pandas.DataFrame(
        {
            "time_period": [2016, 2016],
            "time_identifier": ["Reporting year"] * 2,
            "geographic_level": ["National"] * 2,
            "country_code": ["E92000001"] * 2,
            "At31_episodes": [394400.0, float("nan")],
        }
    )
    values = [f.observation.value for f in read_dfe_statistics(numeric, name="frame")]
    assert [v.printed for v in values] == ["394400.0", ""]
    assert [v.status for v in values] == [F, M]


def test_a_chunked_text_file_keeps_line_ends_and_quoted_newlines() -> None:
    header = "time_period,time_identifier,geographic_level,country_code,note,CPP_At31\r"
    body = '2016,Reporting year,National,E92000001,"two\r\nlines",12\r2017,Reporting year,National,E92000001,x,13'
    table = read_dfe_statistics(io.StringIO(header + body))
    assert [(f.line, f.observation.value.printed, f.breakdown["note"]) for f in table] == [
        (2, "12", "two\r\nlines"),
        (4, "13", "x"),
    ]


# --- round trip ------------------------------------------------------------------------------

_NUMBER = st.decimals(
    min_value=Decimal(-99999999), max_value=Decimal(99999999), places=2, allow_nan=False
).map(str)
_CELL = st.one_of(_NUMBER, st.sampled_from(["c", "low", "x", "z", "u", ":", "..", ""]))
_NAME = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20
)
_ROW = st.tuples(
    st.sampled_from(["National", "Regional", "Local authority"]),
    st.from_regex(r"E[0-9]{8}", fullmatch=True),
    _NAME,
    st.integers(2000, 2030),
    _CELL,
    _CELL,
)


@given(rows=st.lists(_ROW, max_size=8))
def test_any_table_written_reads_back_the_same_numbers(rows: list[tuple[str, ...]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["time_period", "time_identifier", "geographic_level", "country_code", "region_code",
         "new_la_code", "la_name", "region_name", "At31_episodes", "At31_episodes_rate"]
    )  # fmt: skip
    for level, code, name, year, count, rate in rows:
        region = code if level == "Regional" else ""
        la = code if level == "Local authority" else ""
        writer.writerow(
            [year, "Reporting year", level, "E92000001", region, la, name, name, count, rate]
        )
    table = read_dfe_statistics(io.StringIO(out.getvalue()))
    assert len(table) == 2 * len(rows)
    for number, (level, code, name, year, count, rate) in enumerate(rows):
        pair = table.figures[2 * number : 2 * number + 2]
        assert [f.line for f in pair] == [number + 2] * 2
        assert pair[0].area_code == ("E92000001" if level == "National" else code)
        if level != "National" and name.strip():
            assert pair[0].observation.area == name.strip()
        assert pair[0].observation.period == period_from_dfe(year, "Reporting year")
        for figure, cell in zip(pair, (count, rate), strict=True):
            value = figure.observation.value
            assert value.printed == cell
            if value.number is not None:
                assert str(value.number) == cell.removesuffix(" u")
            else:
                assert cell in ("c", "low", "x", "z", "u", ":", "..", "")
        assert pair[1].observation.count == pair[0].observation.value


# --- hostile files ---------------------------------------------------------------------------

HEADER = "time_period,time_identifier,geographic_level,country_code,At31_episodes\n"
ROW = "2016,Reporting year,National,E92000001,12\n"


def _refusal(source: object, **options: object) -> FileFormatError:
    with pytest.raises(FileFormatError) as caught:
        read_dfe_statistics(source, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert len(message) < 400, message
    return caught.value


def test_a_file_without_the_dfe_header_says_so(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("area,value\nLancashire,12\n", encoding="utf-8")
    error = _refusal(path)
    assert error.line == 1
    assert "no DfE statistics header" in error.reason
    assert "time_period, time_identifier, geographic_level missing" in error.reason


def test_a_missing_required_column_is_named() -> None:
    error = _refusal(io.StringIO("time_period,geographic_level,x\n2016,National,1\n"))
    assert "time_identifier missing" in error.reason


def test_garbage_bytes_are_not_text(tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(HEADER.encode() + b"\xff\xfe\x00\x81garbage\x9c\n")
    error = _refusal(path)
    assert "not UTF-8 text" in error.reason
    path.write_bytes(b"\x00\x01\x02" * 100)
    assert "not a text file: it holds a NUL byte" in _refusal(path).reason


def test_an_empty_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"\xef\xbb\xbf\n\n")
    assert "expected a header row" in _refusal(path).reason


def test_a_huge_value_cell_is_quoted_short() -> None:
    cell = "9" * 10_000
    error = _refusal(io.StringIO(HEADER + ROW.replace(",12", f",{cell}")))
    assert error.line == 2
    assert "column 'At31_episodes'" in error.reason
    assert "10,000 characters" in error.reason
    assert cell not in str(error)


def test_a_word_in_a_measure_cell_names_line_column_and_symbols() -> None:
    error = _refusal(io.StringIO(HEADER + ROW + ROW.replace(",12", ",twelve")))
    assert error.line == 3
    assert "column 'At31_episodes': expected a number or a symbol (c, low, x, z, u" in str(error)
    assert "'twelve'" in str(error)


def test_a_file_over_max_bytes_is_refused_by_each_source(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text(HEADER + ROW * 100, encoding="utf-8")
    assert "larger than the limit of 200 bytes" in _refusal(path, max_bytes=200).reason
    data = path.read_bytes()
    assert "larger than the limit" in _refusal(io.BytesIO(data), max_bytes=200).reason
    text = io.StringIO(data.decode())
    assert "characters" in _refusal(text, max_bytes=200).reason
    assert len(read_dfe_statistics(path, max_bytes=len(data))) == 100


def test_paths_that_are_not_files_are_refused(tmp_path: Path) -> None:
    assert "expected a regular file, got a directory" in _refusal(tmp_path).reason
    assert "cannot be read" in _refusal(tmp_path / "absent.csv").reason


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (HEADER + "2016,Reporting year,National\n", "expected 5 cells, as the header has, got 3"),
        (
            HEADER + "2016,Reporting year,County,E1,1\n",
            "'County' is not one of the standard's levels",
        ),
        (HEADER + "2016,Reporting year,RSC region,E1,1\n", "has no code column"),
        (
            HEADER + "16,Reporting year,National,E92000001,1\n",
            "column 'time_period': expected four digits",
        ),
        (HEADER + "2016,Fortnight,National,E92000001,1\n", "column 'time_identifier'"),
        (HEADER + "2016,Reporting year,Regional,E12000002,1\n", "needs the column 'region_code'"),
        (HEADER + "2016,Reporting year,National,,1\n", "column 'country_code': expected the code"),
        (HEADER + '2016,Reporting year,National,E92000001,"1\n', "not a readable CSV file"),
        ("time_period,Time Period,time_identifier,geographic_level\n", "names one column twice"),
    ],
)
def test_malformed_rows_are_refused_with_their_line(text: str, words: str) -> None:
    error = _refusal(io.StringIO(text))
    assert words in error.reason
    assert error.line is not None


def test_a_cell_longer_than_the_csv_limit_is_refused_not_raised_raw() -> None:
    error = _refusal(io.StringIO(HEADER + ROW.replace("National", "N" * 200_000)))
    assert "field larger than field limit" in error.reason


def test_misuse_raises_the_packages_errors() -> None:
    with pytest.raises(InvalidInputError, match="max_bytes"):
        read_dfe_statistics(CIN, max_bytes=0)
    with pytest.raises(InvalidInputError, match="measures"):
        read_dfe_statistics(CIN, measures=["At31_episodes"])  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="a DfeMeasure"):
        read_dfe_statistics(CIN, measures={"At31_episodes": "count"})  # type: ignore[dict-item]
    other = DfeMeasure("cin-at-31-march", "Another name", "count")
    with pytest.raises(InvalidInputError, match="one definition for each indicator id"):
        read_dfe_statistics(CIN, measures={**DFE_MEASURES, "episodes": other})
    with pytest.raises(InvalidInputError, match="source"):
        read_dfe_statistics(42)
    with pytest.raises(SafeguardingModelError, match="kind: expected one of"):
        DfeMeasure("a", "A", "share")
    with pytest.raises(InvalidInputError, match="id"):
        DfeMeasure("Not An Id", "A", "count")


def test_the_built_in_measures_are_indicators_and_the_limit_matches_io() -> None:
    assert dfe_statistics._DEFAULT_MAX_BYTES == sm_io.DEFAULT_MAX_BYTES
    for column, measure in DFE_MEASURES.items():
        assert column == column.lower()
        assert measure.indicator.id == measure.id
        if measure.kind.value == "rate":
            assert measure.count_column in DFE_MEASURES
            assert measure.indicator.per == 10_000
