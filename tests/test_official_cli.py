"""The command line on official statistics files: ``check FILE.csv`` and ``report FILE.csv --area``."""

import json
from pathlib import Path

import pytest

from example_files import EXAMPLE_FILES
from safeguarding_model.cli import main
from safeguarding_model.errors import FileFormatError, InvalidInputError, UnknownIdError
from safeguarding_model.official import OfficialLayout
from safeguarding_model.official_files import area_scorecard, official_layout, read_official

OFFICIAL = EXAMPLE_FILES
FINGERTIPS = str(OFFICIAL / "fingertips-child-health.csv")
FINGERTIPS_RENAMED = str(OFFICIAL / "fingertips-renamed.csv")
DFE = str(OFFICIAL / "dfe-children-in-need.csv")

_HEADER = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Recent Trend,"
    "Compared to England value or percentiles,Compared to Region value or percentiles\n"
)
_ENGLAND = (
    "92196,Infant mortality rate per 1000,,,E92000001,England,England,Persons,<1 yr,2015,"
    "3.9,3.8,4.0,7000,1800000,,,\n"
)


def _fingertips(tmp_path: Path, area_row: str, name: str = "profile.csv") -> str:
    path = tmp_path / name
    path.write_text(_HEADER + _ENGLAND + area_row, encoding="utf-8")
    return str(path)


def _planted(tmp_path: Path) -> str:
    """Lancashire's value disagrees with its own count and denominator (200 / 41,700 is 4.8)."""
    return _fingertips(
        tmp_path,
        "92196,Infant mortality rate per 1000,E12000002,North West region,E10000017,Lancashire,"
        "County & UA,Persons,<1 yr,2015,9.9,9.0,11.0,200,41700,,Worse,Similar\n",
    )


_HOSTILE_NAME = "Lanc<script>alert(1)</script>\x1b[2J\x1b]0;pwned\x07 & | [x](y)"


def _hostile(tmp_path: Path) -> str:
    """An area whose name and parent name carry markup and terminal escape sequences."""
    return _fingertips(
        tmp_path,
        f'92196,Infant mortality rate per 1000,E12000002,"<b>{_HOSTILE_NAME}</b>",E10000017,'
        f'"{_HOSTILE_NAME}",County & UA,Persons,<1 yr,2015,4.8,4.2,5.5,200,41700,,Worse,Similar\n',
        name="hostile.csv",
    )


# --- read_official and the area scorecard ------------------------------------------------------


def test_read_official_recognises_each_layout_by_its_header() -> None:
    assert read_official(FINGERTIPS).layout is OfficialLayout.FINGERTIPS
    assert read_official(FINGERTIPS_RENAMED).layout is OfficialLayout.FINGERTIPS  # IndicatorID
    assert read_official(DFE).layout is OfficialLayout.DFE_STATISTICS
    renamed = OFFICIAL / "dfe-looked-after-renamed.csv"  # Time_Period, Geographical_Level
    assert official_layout(renamed) is OfficialLayout.DFE_STATISTICS


def test_read_official_refuses_a_csv_of_neither_layout_naming_the_columns_looked_for(
    tmp_path: Path,
) -> None:
    path = tmp_path / "other.csv"
    path.write_text("name,value\nLancashire,4.8\n", encoding="utf-8")
    with pytest.raises(FileFormatError) as caught:
        read_official(path)
    message = str(caught.value)
    assert message.startswith("other.csv: line 1: not an official statistics file")
    assert "'Indicator ID'" in message
    assert "'time_period', 'time_identifier' and 'geographic_level'" in message
    assert official_layout(path) is None


def test_read_official_refuses_a_header_of_both_layouts(tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text("Indicator ID,time_period,time_identifier,geographic_level\n", "utf-8")
    with pytest.raises(FileFormatError, match="names both a Fingertips column"):
        read_official(path)
    assert official_layout(path) is None


def test_read_official_reads_only_a_bounded_first_line(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(b"a" * 200_000)
    with pytest.raises(FileFormatError, match="the first line is longer than 65,536 bytes"):
        read_official(path)
    with pytest.raises(InvalidInputError, match="max_bytes"):
        read_official(FINGERTIPS, max_bytes=0)
    with pytest.raises(FileFormatError, match="larger than the limit of 100 bytes"):
        read_official(FINGERTIPS, max_bytes=100)


def test_area_scorecard_takes_each_indicators_latest_period_with_its_comparators() -> None:
    rows = area_scorecard(read_official(DFE), "E10000017")
    assert [row.indicator.id for row in rows] == ["cin-at-31-march", "cin-rate-at-31-march"]
    rate = rows[1]
    assert str(rate.figure.observation.period) == "2015/16"  # not 2014/15, on line 10
    assert rate.figure.line == 4  # the first of the duplicated lines 4 and 5
    assert str(rate.figure.observation.value.number) == "354.4"
    assert rate.england is not None
    assert str(rate.england.observation.value.number) == "337.3"
    assert rate.parent is not None
    assert str(rate.parent.observation.value.number) == "384.2"
    with pytest.raises(UnknownIdError, match="E92000001, E12000002"):
        area_scorecard(read_official(DFE), "E99999999")


def test_area_scorecard_keeps_breakdowns_apart() -> None:
    rows = area_scorecard(read_official(FINGERTIPS), "E10000017")
    low_income = [row for row in rows if row.indicator.id == "fingertips-10101"]
    assert [dict(row.breakdown).get("Category") for row in low_income] == [
        None,
        "Most deprived decile",
    ]
    assert low_income[0].england is not None
    assert low_income[1].england is None  # England has no row for the decile


# --- check FILE.csv ----------------------------------------------------------------------------


@pytest.mark.parametrize("source", [FINGERTIPS, FINGERTIPS_RENAMED, DFE])
def test_check_of_a_consistent_official_file_exits_0(
    source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", source]) == 0
    assert capsys.readouterr().out == "no findings\n"
    assert main(["check", source, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_of_an_official_file_with_a_planted_error_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _planted(tmp_path)
    assert main(["check", source]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        "O104 rate_vs_counts: 1 error\n- O104 error [rate_vs_counts] fingertips-92196 / E10000017"
    )
    assert "printed 9.9" in out
    assert main(["check", source, "--format", "json"]) == 1
    (finding,) = json.loads(capsys.readouterr().out)
    assert finding["code"] == "O104"
    assert finding["severity"] == "error"
    assert main(["check", source, "--ignore", "O104"]) == 0
    assert main(["check", source, "--select", "O101"]) == 0
    assert main(["check", source, "--exit-zero"]) == 0


def test_check_recognises_an_official_file_by_its_header_whatever_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "download.txt"
    source.write_bytes(Path(_planted(tmp_path)).read_bytes())
    assert main(["check", str(source)]) == 1
    assert capsys.readouterr().out.startswith("O104 ")


def test_check_of_a_csv_of_neither_layout_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "other.csv"
    source.write_text("name,value\nLancashire,4.8\n", encoding="utf-8")
    assert main(["check", str(source)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "safeguarding-model check: other.csv: line 1: not an official statistics file"
    )


def test_check_of_a_missing_csv_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "absent.csv")]) == 2
    assert "absent.csv: cannot be read" in capsys.readouterr().err


# --- report FILE.csv --area CODE ---------------------------------------------------------------


def test_report_of_a_fingertips_file_prints_the_areas_scorecard(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report", FINGERTIPS, "--area", "E10000017"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Lancashire (E10000017)"
    assert "parent North West region (E12000002)" in lines[2]
    (infant,) = (line for line in lines if line.startswith("Infant mortality"))
    assert infant.split() == [
        *("Infant", "mortality", "Sex:", "Persons;", "Age:", "<1", "yr"),
        *("2013", "-", "15", "4.8", "4.2", "to", "5.5", "3.9", "-", "Worse", "Similar", "-"),
    ]
    assert "Notes" in lines


@pytest.mark.parametrize("output_format", ["text", "markdown", "html", "json"])
def test_report_of_a_dfe_file_in_every_format(
    output_format: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", DFE, "--area", "E10000017", "--format", output_format]) == 0
    out = capsys.readouterr().out
    if output_format == "json":
        data = json.loads(out)
        assert data["area"] == {
            "code": "E10000017",
            "name": "Lancashire",
            "type": "Local authority",
            "parent_code": "E12000002",
            "parent_name": "North West",
        }
        rate = data["scorecard"][1]
        assert (rate["indicator"], rate["period"], rate["line"]) == (
            "cin-rate-at-31-march",
            "2015/16",
            4,
        )
        assert (rate["value"]["number"], rate["england"]["number"]) == ("354.4", "337.3")
        assert rate["parent"]["number"] == "384.2"
        assert data["findings"] == []
    elif output_format == "html":
        assert out.startswith("<!doctype html>")
        assert "<h1>Lancashire (E10000017)</h1>" in out
        assert "<td>354.4</td><td>-</td><td>337.3</td><td>384.2</td>" in out
    elif output_format == "markdown":
        assert out.startswith("# Lancashire &#40;E10000017&#41;\n")
        assert "| 354\\.4 | &#45; | 337\\.3 | 384\\.2 |" in out
    else:
        assert out.startswith("Lancashire (E10000017)\n")
        (rate,) = (line for line in out.splitlines() if "354.4" in line)
        assert rate.startswith("Children in need at 31 March per 10,0...")  # 40 characters
        assert rate.split()[-7:] == ["354.4", "-", "337.3", "384.2", "-", "-", "-"]


def test_report_of_an_official_file_shows_the_areas_findings_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _planted(tmp_path)
    assert main(["report", source, "--area", "E10000017"]) == 1
    out = capsys.readouterr().out
    assert "1 findings, 1 errors" in out
    assert "- O104 error [rate_vs_counts]" in out
    assert main(["report", source, "--area", "E92000001"]) == 0  # England's row is consistent
    assert "Findings" not in capsys.readouterr().out
    assert main(["report", source, "--area", "E10000017", "--exit-zero"]) == 0


def test_report_of_an_official_file_without_area_exits_2_listing_some_areas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report", DFE]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "safeguarding-model report: dfe-children-in-need.csv: an official statistics file holds "
        "many areas: name one with --area CODE; its areas include E92000001 (England), "
        "E12000002 (North West), E10000017 (Lancashire), E06000058 (Bournemouth, Christchurch "
        "and Poole), E06000009 (Blackpool), and 2 more\n"
    ).replace("dfe-children-in-need.csv", DFE)


def test_report_of_an_unknown_area_exits_2_listing_some_areas(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["report", FINGERTIPS_RENAMED, "--area", "E06000008\x1b[2J"]) == 2
    err = capsys.readouterr().err
    assert "--area 'E06000008\\x1b[2J': no such area in the file" in err
    assert "\x1b" not in err
    assert "E92000001 (England), E10000017 (Lancashire)\n" in err


def test_area_is_refused_for_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--area", "E10000017"]) == 2
    assert "--area is for an official statistics file" in capsys.readouterr().err


def test_report_of_an_official_file_without_rows_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "empty.csv"
    source.write_text(_HEADER, encoding="utf-8")
    assert main(["report", str(source), "--area", "E10000017"]) == 2
    assert "empty.csv: the file has no rows" in capsys.readouterr().err


# --- escaping ----------------------------------------------------------------------------------


def test_the_area_scorecard_escapes_the_files_text_in_html(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", _hostile(tmp_path), "--area", "E10000017", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert "<script" not in out
    assert "<b>" not in out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "<h1>Lanc&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[2J\\x1b]0;pwned\\x07 &amp; |" in out
    assert "&lt;b&gt;Lanc&lt;script&gt;" in out  # the parent's name, in the summary


def test_the_area_scorecard_escapes_the_files_text_in_markdown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", _hostile(tmp_path), "--area", "E10000017", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "<script" not in out
    assert "\x1b" not in out
    assert "[x](y)" not in out
    assert out.startswith("# Lanc&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;\\\\x1b&#91;2J")
    assert all(line.count("|") in (0, 11) for line in out.splitlines())  # no cell added


def test_the_area_scorecard_escapes_the_files_text_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", _hostile(tmp_path), "--area", "E10000017"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\x07" not in out
    assert out.splitlines()[0] == (
        "Lanc<script>alert(1)</script>\\x1b[2J\\x1b]0;pwned\\x07 & | [x](y) (E10000017)"
    )


def test_the_area_scorecard_in_json_keeps_the_text_and_escapes_controls(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", _hostile(tmp_path), "--area", "E10000017", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert json.loads(out)["area"]["name"] == _HOSTILE_NAME


# --- hostile files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"\xff\xfe\x00I\x00n\x00d", id="utf-16"),
        pytest.param(b"Indicator ID,Value\n\x00\x01\x02", id="binary"),
        pytest.param(b"Indicator ID\n" + b'"' * 5000, id="unclosed-quote"),
        pytest.param(_HEADER.encode() + b"1,2,3\n", id="short-row"),
        pytest.param(
            b"time_period,time_identifier,geographic_level\n2016,Nonsense,Galactic\n",
            id="dfe-unknown-level",
        ),
        pytest.param(
            _HEADER.encode() + b"abc" + _ENGLAND.encode()[5:],
            id="indicator-id-not-a-number",
        ),
        pytest.param(b"x" * 70_000, id="one-long-line"),
    ],
)
@pytest.mark.parametrize("command", [["check"], ["report", "--area", "E92000001"]])
def test_a_hostile_official_file_exits_2_without_a_traceback(
    content: bytes, command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "hostile.csv"
    source.write_bytes(content)
    assert main([*command[:1], str(source), *command[1:]]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"safeguarding-model {command[0]}: ")
    assert "hostile.csv" in captured.err
    assert "Traceback" not in captured.err
    assert len(captured.err) < 1000
    assert "\x00" not in captured.err


def test_a_directory_named_csv_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert main(["check", str(folder)]) == 2
    assert "expected a regular file" in capsys.readouterr().err


def test_max_size_applies_to_official_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", DFE, "--max-size", "100"]) == 2
    assert "larger than the limit of 100 bytes" in capsys.readouterr().err
