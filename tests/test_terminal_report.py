"""The text report as a terminal shows it: headline first, rows that fit, colour only when asked."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from example_files import EXAMPLE_FILES
from safeguarding_model import load_example, read_fingertips, scorecard
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.official_reports import OfficialMatch, add_official_figures
from safeguarding_model.render import render_report

SNAPSHOTS = Path(__file__).parent / "data" / "snapshots"
PROFILE = EXAMPLE_FILES / "lancashire-child-health-2016.csv"
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _section(text: str, start: str, end: str) -> list[str]:
    return text[text.index(f"\n{start}\n") : text.index(f"\n{end}")].splitlines()


def _budget(text: str) -> list[str]:
    return _section(
        text, "Budget 2015/16, reconciled with a tolerance of 0 pounds", "discrepancies"
    )


@pytest.mark.parametrize("width", [80, 120])
def test_the_report_matches_its_snapshot(width: int) -> None:
    """The whole text report at a fixed width; ``UPDATE_SNAPSHOTS=1`` rewrites the files."""
    text = render_report(load_example(), width=width)
    snapshot = SNAPSHOTS / f"lancashire-report-{width}.txt"
    if os.environ.get("UPDATE_SNAPSHOTS"):
        snapshot.write_text(text, encoding="utf-8")
    assert text == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [60, 80, 100, 120, 200])
def test_every_scorecard_row_is_one_line_within_the_width(width: int) -> None:
    report = load_example()
    text = render_report(report, width=width)
    table = _section(text, "Scorecard", "Budget 2015/16, reconciled")
    assert max(len(line) for line in table) <= width
    assert max(len(line) for line in _budget(text)) <= max(width, 16 + 28)
    rows = scorecard(report)
    table_rows: list[str] = []
    inside = False
    for line in table:
        if line.startswith("─"):
            inside = True
        elif not line:
            inside = False
        elif inside:
            table_rows.append(line)
    assert len(table_rows) == len(rows)  # one line a row: none wrapped onto a second
    names = [row.indicator.name for row in rows]
    for line, name in zip(table_rows, names, strict=True):
        shown = line.split("  ")[0]
        assert name.startswith(shown.rstrip("…")), (line, name)


def test_the_headline_comes_first_and_says_why_nothing_was_compared_once() -> None:
    text = render_report(load_example(), width=100)
    lines = text.splitlines()
    assert lines[0] == "Lancashire Safeguarding Children Board Annual Report 2015/16"
    assert lines[1].startswith("             Local Safeguarding Children Board | Lancashire")
    assert "Findings     27: 11 errors, 14 warnings, 2 infos" in lines
    assert text.index("Findings     27") < text.index("\nScorecard\n")
    assert text.count("Not compared with England") == 1
    assert "vs England" not in text  # no column of "Not compared"


def test_comparisons_show_as_a_column_once_figures_can_be_compared() -> None:
    matches = {"infant-mortality": OfficialMatch("fingertips-92196", periods={"2016": "2012 - 14"})}
    report = add_official_figures(load_example(), read_fingertips(PROFILE), matches).report
    text = render_report(report, width=120)
    assert "1 compared with England: 1 worse" in text
    infant = next(line for line in text.splitlines() if line.startswith("Infant mortality"))
    assert infant.rstrip().endswith("Worse")
    assert "vs England" in text.splitlines()[text.splitlines().index(infant) - 2]
    groups = {row.indicator.group for row in scorecard(report)}
    said = text.count("Not compared with England: no counts or limits printed.")
    assert said == len(groups) - 1  # every group but the one with a comparison


def test_colour_only_adds_sgr_codes() -> None:
    plain = render_report(load_example(), width=100)
    coloured = render_report(load_example(), width=100, colour=True)
    assert "\x1b" not in plain
    assert "\x1b[" in coloured
    assert SGR.sub("", coloured) == plain
    assert not re.search(r"\x1b(?!\[[0-9;]*m)", coloured)


def test_sections_and_severity_choose_what_is_printed() -> None:
    text = render_report(load_example(), sections=("findings",), severity="error", width=100)
    assert "Scorecard" not in text
    assert "Budget 2015/16" not in text
    assert "Findings (11 of 27)" in text
    assert "warning [" not in text
    headline_only = render_report(load_example(), sections=["headline"], width=100)
    assert "Findings     27" in headline_only
    assert "\nFindings (" not in headline_only
    with pytest.raises(InvalidInputError) as refused:
        render_report(load_example(), sections=["charts"])
    assert refused.value.field == "sections"


def _read_terminal(descriptor: int) -> list[bytes]:
    """Everything written to a pseudo-terminal, until the command writing to it ends."""
    chunks = []
    while True:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the terminal closed: the command ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    return chunks


def _on_a_terminal(*args: str, **environment: str) -> str:
    """The command's output when its standard output is a terminal (a pseudo-terminal)."""
    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    env.update(environment)
    process = subprocess.Popen(
        [sys.executable, "-m", "safeguarding_model.cli", *args],
        stdout=secondary,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    os.close(secondary)
    chunks = _read_terminal(main)
    process.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_a_terminal_gets_colour_and_its_width_unless_no_color_is_set() -> None:
    coloured = _on_a_terminal("report", "--section", "headline,indicators", COLUMNS="80")
    assert "\x1b[" in coloured
    plain_lines = SGR.sub("", coloured).splitlines()
    assert max(len(line) for line in plain_lines[1:]) <= 80
    uncoloured = _on_a_terminal("report", "--section", "headline", NO_COLOR="1", COLUMNS="80")
    assert "\x1b" not in uncoloured
    dumb = _on_a_terminal("report", "--section", "headline", TERM="dumb", COLUMNS="80")
    assert "\x1b" not in dumb


def _fingertips_file(tmp_path: Path, rows: int) -> Path:
    """A generated Fingertips download of ``rows`` rows (the benchmark's generator)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    try:
        from official_readers import write_fingertips  # noqa: PLC0415 - the benchmark's generator
    finally:
        sys.path.pop(0)
    path = tmp_path / "england.csv"
    write_fingertips(path, rows)
    return path


def test_long_work_shows_progress_on_a_terminal_and_nothing_when_piped(tmp_path: Path) -> None:
    source = _fingertips_file(tmp_path, 20_000)
    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM", "COLUMNS")}
    written = tmp_path / "findings.txt"
    with written.open("wb") as output:  # a file, not a pipe: nothing waits to be read
        process = subprocess.Popen(
            [sys.executable, "-m", "safeguarding_model.cli", "check", str(source), "--exit-zero"],
            stdout=output,
            stderr=secondary,
            env=env,
        )
    os.close(secondary)
    shown = _read_terminal(main)
    process.wait(timeout=300)
    os.close(main)
    out = written.read_bytes()
    terminal = b"".join(shown).decode("utf-8", "replace")
    assert "reading england.csv" in terminal
    assert "checking 20,000 rows" in terminal
    assert b"\x1b" not in out  # the findings on standard output carry no bar
    assert out.startswith(b"O1")
    piped = subprocess.run(
        [sys.executable, "-m", "safeguarding_model.cli", "check", str(source), "--exit-zero"],
        capture_output=True,
        env=env,
        timeout=300,
        check=True,
    )
    assert piped.stderr == b""
    assert piped.stdout == out


def test_check_official_tells_its_progress_rule_by_rule() -> None:
    from safeguarding_model.official_rules import check_official  # noqa: PLC0415

    table = read_fingertips(PROFILE)
    steps: list[tuple[int, int]] = []
    check_official(table, progress=lambda done, rules: steps.append((done, rules)))
    assert steps == [(0, 5), (1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    steps.clear()
    check_official(table, select="O10", ignore="O103", progress=lambda d, r: steps.append((d, r)))
    assert steps == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]


def test_a_years_quarters_show_beside_it_with_gaps_as_dashes() -> None:
    text = render_report(load_example(), width=100, sections=["indicators"])
    lines = text.splitlines()
    referrals = next(line for line in lines if line.startswith("% RE-referrals"))
    header = lines[lines.index(referrals) - 2]
    assert "quarters" in header
    assert "17.8% - - 12.0%" in referrals
    assessments = next(
        line for line in lines if line.startswith("Percentage of assessm") and "2015/16" in line
    )
    assert "79.9% 78.2% 67.1% 61.0%" in assessments
