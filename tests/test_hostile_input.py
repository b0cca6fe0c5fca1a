"""Hostile input through the command line: every file is made here, in a temporary folder."""

import copy
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safeguarding_model.checks
import safeguarding_model.cli
import safeguarding_model.reconciliation
import safeguarding_model.render
from builders import SKELETON
from safeguarding_model import parse_period, parse_value
from safeguarding_model.cli import main
from safeguarding_model.datasets import example_file
from safeguarding_model.errors import InvalidInputError, PeriodParseError, ValueParseError
from safeguarding_model.io import FileFormatError, read_data
from safeguarding_model.values import check_figure

PROG = "safeguarding-model"
TINY: dict[str, Any] = SKELETON | {
    "area": {"name": "X"},
    "indicators": [{"id": "i", "name": "I", "kind": "count", "polarity": "higher_is_better"}],
    "observations": [
        {
            "id": "o1",
            "indicator": "i",
            "area": "X",
            "period": "2015/16",
            "value": {"number": "5", "printed": "5"},
        },
        {
            "id": "o2",
            "indicator": "i",
            "area": "X",
            "period": "2014/15",
            "value": {"number": "4", "printed": "4"},
        },
    ],
}
ALIAS_BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + level)}: &{chr(98 + level)} [{','.join(['*' + chr(97 + level)] * 9)}]\n"
    for level in range(8)
)


def _json(**changes: object) -> str:
    data = copy.deepcopy(TINY)
    data.update(changes)
    return json.dumps(data)


def _with_raw(text: str, placeholder: str, raw: str) -> str:
    """JSON text with a quoted placeholder replaced by raw JSON (a number JSON cannot dump)."""
    assert f'"{placeholder}"' in text
    return text.replace(f'"{placeholder}"', raw, 1)


def _observation_value(value: dict[str, Any]) -> str:
    data = copy.deepcopy(TINY)
    data["observations"][0]["value"] = value
    return json.dumps(data)


def _claim(**claim: object) -> str:
    return _json(claims=[{"id": "c", "text": "t", "kind": "level", "after_ref": "o1", **claim}])


def _run(
    capsys: pytest.CaptureFixture[str], *arguments: str
) -> tuple[int, str, str]:  # code, out, err
    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one_line(err: str) -> str:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err.rstrip("\n")


def _message(err: str) -> str:
    """A failure's message: one line, or for a file that is not valid one line per problem."""
    assert err.endswith("\n")
    assert "Traceback" not in err
    lines = err.rstrip("\n").split("\n")
    assert all(line.startswith("  ") for line in lines[1:]), err
    return err.rstrip("\n")


# --- the corpus --------------------------------------------------------------------------------

CORPUS: list[tuple[str, str, str | bytes, str]] = [
    # (id, file name, content, what the one-line message must contain after "FILE: ")
    (
        "alias bomb",
        "bomb.yaml",
        ALIAS_BOMB,
        "line 1: anchors and aliases (&name, *name) are not accepted in report files",
    ),
    ("an anchor", "anchor.yaml", "id: &i x\n", "line 1: anchors and aliases"),
    (
        "octal",
        "octal.yaml",
        "id: x\ntitle: X\nnumber: 010\n",
        "line 3: '010' is an integer in a form YAML versions read differently",
    ),
    (
        "sexagesimal",
        "time.yaml",
        "id: x\ntitle: 1:30\n",
        "line 2: '1:30' is an integer in a form YAML versions read differently",
    ),
    (
        "hexadecimal",
        "hex.yaml",
        "amount: 0x10\n",
        "line 1: '0x10' is an integer in a form YAML versions read differently",
    ),
    (
        "boolean into text",
        "no.yaml",
        "id: x\ntitle: No\n",
        "line 2: 'No' is a YAML 1.1 boolean (No means False)",
    ),
    (
        "latin-1",
        "latin1.json",
        _json(title="Café").encode("latin-1").replace(b"\\u00e9", b"\xe9"),
        "not UTF-8: byte 0xe9 at offset",
    ),
    (
        "utf-16",
        "utf16.json",
        _json().encode("utf-16"),
        "not UTF-8: it starts with a UTF-16 byte order mark",
    ),
    ("random bytes", "random.yaml", bytes(range(128, 256)) * 4, "not UTF-8: byte 0x80 at offset 0"),
    ("deep json", "deep.json", "[" * 100_000 + "]" * 100_000, "nested more than 200 levels deep"),
    ("deep yaml", "deep.yaml", "[" * 100_000 + "]" * 100_000, "nest"),
    (
        "5,000 digits",
        "digits.json",
        _with_raw(_json(title="T"), "T", "7" * 5000),
        "title: expected a finite number of at most 30 digits",
    ),
    (
        "impossible date",
        "date.json",
        _json(period="2015-13-45"),
        "period: not a period ('2015-13-45') — not a real date (month must be in 1..12)",
    ),
    (
        "30 february",
        "feb.yaml",
        "id: x\ntitle: X\narrangement: board\narea: {name: X}\nperiod: 2015-02-30\n",
        "period: not a period ('2015-02-30') — not a real date (day is out of range for month)",
    ),
    (
        "period text",
        "period.json",
        _json(period="Q5 2015/16"),
        "period: not a period ('Q5 2015/16')",
    ),
    (
        "huge number",
        "number.json",
        _with_raw(_observation_value({"number": "N"}), "N", "1E+999999999"),
        "observations.0.value.number: expected a finite number of at most 30 digits, between 1E-30 and 1E+31 in size (or 0), got Decimal('1E+999999999')",
    ),
    (
        "huge number as text",
        "string.json",
        _observation_value({"number": "1E+999999999"}),
        "observations.0.value.number: expected a finite number of at most 30 digits",
    ),
    (
        "huge cell",
        "cell.json",
        _observation_value({"number": "1E+31", "printed": "1E+999999999"}),
        "observations.0.value.",
    ),
    (
        "huge claim",
        "claim.json",
        _claim(stated="1E+999999999"),
        "claims.0.stated: expected a finite number of at most 30 digits",
    ),
    (
        "huge claim number",
        "claimn.json",
        _with_raw(_claim(stated="S"), "S", "1E+999999999"),
        "claims.0.stated: expected a finite number",
    ),
    (
        "billions",
        "billion.json",
        _observation_value(
            {
                "number": "10000000000000000000000000000000",
                "printed": "10000000000000000000000 billion",
            }
        ),
        "observations.0.value.number: expected a finite number of at most 30 digits",
    ),
    (
        "NaN",
        "nan.json",
        _with_raw(_observation_value({"number": "N"}), "N", "NaN"),
        "not valid JSON: NaN is not a number JSON allows",
    ),
    (
        "lone surrogate",
        "surrogate.json",
        _json(title="T").replace('"T"', '"\\ud800"'),
        "title: text with a lone surrogate '\\ud800'",
    ),
    (
        "malformed json",
        "bad.json",
        '{"id": "x",,}',
        "line 1: not valid JSON: Expecting property name enclosed in double quotes at column 12",
    ),
    (
        "not a mapping",
        "list.json",
        "[1, 2]",
        "(the whole file): not a mapping (a list of 2 items) — expected a mapping",
    ),
    (
        "period not text",
        "plist.json",
        _json(period=["2015/16"] * 3000),
        "period: not accepted (a list of 3000 items) — expected a financial year or its text",
    ),
]


@pytest.mark.parametrize(
    "case",
    [pytest.param((name, content, expected), id=case) for case, name, content, expected in CORPUS],
)
@pytest.mark.parametrize("command", ["report", "check"])
def test_hostile_files_exit_2_with_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    case: tuple[str, str | bytes, str],
) -> None:
    name, content, expected = case
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    code, out, err = _run(capsys, command, str(path))
    assert code == 2
    assert out == ""
    line = _message(err)
    assert line.startswith(f"{PROG} {command}: {path}: ")
    assert expected in line
    assert len(line) < 2500


def test_a_cell_beyond_the_bound_is_kept_as_words_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "words.json"
    path.write_text(
        _observation_value({"number": "5", "printed": "10000000000000000000000 billion"}),
        encoding="utf-8",
    )
    code, out, err = _run(capsys, "check", str(path))
    assert (code, err) == (0, "")
    assert out == "no findings\n"


@pytest.mark.parametrize("command", ["report", "check", "reconcile"])
def test_special_files_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    folder = tmp_path / "folder.json"
    folder.mkdir()
    cases = [(folder, "expected a regular file, got a directory")]
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.json"
        os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
        cases.append((fifo, "expected a regular file, got a FIFO (named pipe)"))
    if Path("/dev/zero").exists():
        zero = tmp_path / "zero.yaml"
        zero.symlink_to("/dev/zero")  # reading it would never end
        cases.append((zero, "expected a regular file, got a device"))
    for path, expected in cases:
        code, _, err = _run(capsys, command, str(path))
        assert code == 2
        assert _one_line(err) == f"{PROG} {command}: {path}: {expected}"


@pytest.mark.parametrize("command", ["report", "check", "reconcile"])
def test_a_file_over_max_size_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    path = tmp_path / "big.json"
    path.write_text(_json(title="x" * 3000), encoding="utf-8")
    code, _, err = _run(capsys, command, str(path), "--max-size", "2K")
    assert code == 2
    assert _one_line(err) == (
        f"{PROG} {command}: {path}: larger than the limit of 2,048 bytes "
        "(raise it with max_bytes or --max-size)"
    )
    code, _, err = _run(capsys, command, str(path), "--max-size", "1M")
    assert code != 2 or "larger than the limit" not in err


@pytest.mark.parametrize(
    ("text", "size"),
    [("100", 100), ("2k", 2048), ("200M", 200 * 2**20), ("1GiB", 2**30), ("3 MB", 3 * 2**20)],
)
def test_max_size_accepts_suffixes(text: str, size: int) -> None:
    assert safeguarding_model.cli._max_size(text) == size


@pytest.mark.parametrize("text", ["0", "-1", "1x", "", "1.5M", "9" * 5000])
def test_a_bad_max_size_is_a_usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["check", "r.json", "--max-size", text])
    assert caught.value.code == 2
    assert (
        "argument --max-size: expected a number of bytes of at least 1" in capsys.readouterr().err
    )


def test_more_than_20_validation_errors_are_capped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(TINY)
    secret = "SECRET-" + "y" * 500
    data["observations"] = [
        {**data["observations"][0], "period": f"{index}{secret}"} for index in range(25)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    line = _message(err)
    assert line.startswith(f"{PROG} check: {path}: not a valid report (25 problems)\n")
    assert line.endswith("\n  and 5 more")
    assert len(re.findall(r"observations\.\d+\.period: ", line)) == 20
    assert "observations.19.period" in line
    assert "observations.20.period" not in line
    assert "y" * 70 not in line  # the refused text is shortened, never echoed whole


def test_validation_messages_never_hold_the_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    path.write_text(
        _json(arrangement="SECRET", title=["SECRET"], extra="SECRET", area={"name": 5}),
        encoding="utf-8",
    )
    code, _, err = _run(capsys, "report", str(path))
    assert code == 2
    line = _message(err)
    assert "['SECRET']" not in line  # a container is described, never printed
    assert line.count("SECRET") == 2  # the refused words, shortened: arrangement and extra
    for location in ("title: ", "arrangement: ", "area.name: ", "extra: "):
        assert location in line


def test_control_characters_in_a_key_are_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.json"
    path.write_text(_json(**{"\x1b[31mred\nline": 1}), encoding="utf-8")
    code, _, err = _run(capsys, "check", str(path))
    assert code == 2
    line = _message(err)
    assert "\x1b" not in line
    assert "'\\x1b[31mred\\nline': not a field of this record (1)" in line


def test_the_json_decimal_read_keeps_every_digit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "exact.json"
    path.write_text(
        _with_raw(_observation_value({"number": "N"}), "N", "12345678901234567.89"),
        encoding="utf-8",
    )
    assert read_data(path)["observations"][0]["value"]["number"] == Decimal("12345678901234567.89")
    code, out, _ = _run(capsys, "report", str(path), "--format", "json")
    assert code == 0
    assert "12345678901234567.89" in out
    assert "12345678901234568" not in out


# --- internal errors ------------------------------------------------------------------------------


def _boom(*_: object, **__: object) -> str:
    raise ZeroDivisionError("a bug\nover two lines")


def test_an_internal_error_exits_3_with_a_one_line_report(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SAFEGUARDING_MODEL_DEBUG", raising=False)
    monkeypatch.setattr(safeguarding_model.render, "render_report", _boom)
    code, out, err = _run(capsys, "report")
    assert code == 3
    assert out == ""
    assert _one_line(err) == (
        f"{PROG}: internal error (ZeroDivisionError): a bug over two lines; please report it "
        "as a bug, with the command (report) and its input "
        "(SAFEGUARDING_MODEL_DEBUG=1 shows the traceback)"
    )


def test_an_interrupt_exits_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupt(*_: object, **__: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(safeguarding_model.render, "render_report", interrupt)
    assert _run(capsys, "report") == (130, "", f"{PROG} report: interrupted\n")


def test_debug_shows_the_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFEGUARDING_MODEL_DEBUG", "1")
    monkeypatch.setattr(safeguarding_model.checks, "check", _boom)
    with pytest.raises(ZeroDivisionError, match="a bug"):
        main(["check"])


def test_an_internal_error_is_never_exit_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("SAFEGUARDING_MODEL_DEBUG", raising=False)
    monkeypatch.setattr(safeguarding_model.reconciliation, "reconcile", _boom)
    budget = example_file("lancashire-2015-16-budget.json")
    code, _, err = _run(capsys, "reconcile", str(budget))
    assert code == 3
    assert "internal error (ZeroDivisionError)" in err


def test_the_exit_codes_are_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    for words in (
        "0 nothing wrong",
        "1 problems found",
        "2 a file cannot be read",
        "3 an internal error",
        "141 the output pipe was closed",
    ):
        assert words in help_text
        assert words.split(" ", 1)[1] in " ".join((safeguarding_model.cli.__doc__ or "").split())


# --- in a real process: output that cannot be written, and the alias bomb --------------------------

CLI = [sys.executable, "-m", "safeguarding_model.cli"]


def _environment(**extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if k != "SAFEGUARDING_MODEL_DEBUG"}
    environment.pop("PYTHONIOENCODING", None)
    return {**environment, **extra}


def test_the_alias_bomb_ends_at_once(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB.encode()) < 320
    result = subprocess.run(
        [*CLI, "report", str(bomb)],
        capture_output=True,
        text=True,
        timeout=60,  # it used to run for minutes and take gigabytes
        check=False,
        env=_environment(),
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{PROG} report: {bomb}: line 1: anchors and aliases (&name, *name) are not accepted "
        "in report files\n"
    )


def test_a_closed_pipe_ends_quietly_with_141() -> None:
    process = subprocess.Popen(
        [*CLI, "report"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_environment()
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # like `| head` that has read enough, before anything is written
    err = process.stderr.read()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert err == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_is_a_one_line_error() -> None:
    with Path("/dev/full").open("w", encoding="utf-8") as full:
        result = subprocess.run(
            [*CLI, "report"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            check=False,
            env=_environment(),
        )
    assert result.returncode == 2
    assert result.stderr == f"{PROG} report: cannot write the output: No space left on device\n"


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell closes the descriptor")
def test_a_closed_stdout_is_a_one_line_error() -> None:
    result = subprocess.run(
        ["/bin/sh", "-c", '"$0" -m safeguarding_model.cli report >&-', sys.executable],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=_environment(),
    )
    assert result.returncode == 2
    assert result.stderr == f"{PROG} report: cannot write the output: standard output is closed\n"


def test_an_ascii_terminal_is_a_one_line_error() -> None:
    result = subprocess.run(
        [*CLI, "report"],
        capture_output=True,
        timeout=120,
        check=False,
        env=_environment(PYTHONIOENCODING="ascii"),
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert re.fullmatch(
        rb"safeguarding-model report: cannot write the output in the encoding 'ascii' \(it has "
        rb"no character '\\u[0-9a-f]{4}'\); set PYTHONIOENCODING=utf-8 or use a UTF-8 locale\n",
        result.stderr,
    )


def test_an_ascii_terminal_still_shows_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "café.json"  # the message holds a character ascii cannot
    path.write_text("{", encoding="utf-8")
    result = subprocess.run(
        [*CLI, "check", str(path)],
        capture_output=True,
        timeout=120,
        check=False,
        env=_environment(PYTHONIOENCODING="ascii"),
    )
    assert result.returncode == 2
    assert b"caf\\xe9.json: line 1: not valid JSON" in result.stderr


# --- parse functions raise only what they say ------------------------------------------------------

_NUMBERISH = st.from_regex(
    r"\A[-−£~ (]{0,2}(approximately |c\. )?[0-9,.]{1,40}\s?(%|thousand|million|billion|bn|m|k)?"
    r"( \((tbc|e|p|a note)\))?[)\]]?\Z"
)
_PERIODISH = st.one_of(
    st.from_regex(
        r"\A(q[1-5] |fy )?[0-9]{1,5}\s?[-/–—]\s?[0-9]{1,5}(\s?[-/–]\s?[0-9]{1,4})?( q[0-9])?\Z"
    ),
    st.from_regex(r"\A(as at |at )?[0-9]{1,3}(st|nd|th)? [a-zA-Z]{3,9},? [0-9]{3,5}\Z"),
    st.from_regex(r"\A[0-9]{4}-[0-9]{1,3}-[0-9]{1,3}\Z"),
    st.from_regex(r"\A[0-9]{1,3}/[0-9]{1,3}/[0-9]{3,5}\Z"),
)
_TEXTS = st.one_of(st.text(), _NUMBERISH, _PERIODISH)


@given(_TEXTS, st.sampled_from(["number", "whole", "percent"]))
def test_parse_value_raises_only_value_parse_error(text: str, expect: str) -> None:
    try:
        value = parse_value(text, expect=expect)  # type: ignore[arg-type]
    except ValueParseError as error:
        assert error.text == text
        assert len(str(error)) < 400
    else:
        assert value.printed == text
        if value.number is not None:
            assert check_figure(value.number, field="number") == value.number


@given(_TEXTS)
def test_parse_period_raises_only_period_parse_error(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodParseError as error:
        assert error.text == text
        assert len(str(error)) < 600
    else:
        assert period.start <= period.end


@given(st.decimals(allow_nan=True, allow_infinity=True) | st.integers().map(Decimal))
def test_check_figure_raises_only_invalid_input_error(number: Decimal) -> None:
    try:
        assert check_figure(number, field="n") is number
    except InvalidInputError as error:
        assert error.field == "n"
        assert len(str(error)) < 300


def test_parse_value_refuses_a_bad_expect_with_its_own_error() -> None:
    with pytest.raises(InvalidInputError, match="expect: expected 'number', 'whole' or 'percent'"):
        parse_value("1", expect="lots")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


_SCALARS = st.sampled_from(
    [
        "010",
        "1:30",
        "0x10",
        "yes",
        "No",
        ".inf",
        "&a",
        "*a",
        "!!set",
        "1E+999999999",
        '"\\ud800"',
        "[",
        "{",
        "-",
        "? ",
        "|",
        "'",
        '"',
        "\t",
        "\\u",
        "2015-13-45",
        "~",
        "<<",
        "=",
    ]
)
_DOCUMENTS = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.lists(st.one_of(_SCALARS, st.text(max_size=5)), max_size=30).map(
        lambda parts: " ".join(parts).encode("utf-8", "surrogatepass")
    ),
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_DOCUMENTS, st.sampled_from([".json", ".yaml"]))
def test_read_data_raises_only_file_format_error(folder: Path, content: bytes, suffix: str) -> None:
    path = folder / f"document{suffix}"
    path.write_bytes(content)
    try:
        read_data(path)
    except FileFormatError as error:
        assert error.path == path
        assert "\n" not in str(error)
