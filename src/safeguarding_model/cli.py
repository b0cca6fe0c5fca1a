r"""The ``safeguarding-model`` command: a thin layer over the library, with no logic of its own.

``report``, ``check``, ``compare`` and ``reconcile`` share one convention. Each reads the bundled
Lancashire 2015/16 report when no file is named (``compare`` names its two), and all share these
exit statuses:

| code | meaning |
| --- | --- |
| 0 | nothing wrong: no error finding (``report``, ``check``), the budget reconciles (``reconcile``), no difference (``compare``) |
| 1 | problems found: an error finding (``report``, ``check``), a discrepancy (``reconcile``), any difference between the editions (``compare``, as ``diff`` does) |
| 2 | a file cannot be read or is not valid, an option is wrong, or the output cannot be written |
| 3 | an internal error: a bug, to be reported (``SAFEGUARDING_MODEL_DEBUG=1`` shows the traceback) |
| 130 | interrupted (Ctrl-C) |
| 141 | the output pipe was closed early (``... \| head``), as for a process ended by SIGPIPE |

A failure prints on standard error ``safeguarding-model COMMAND: FILE: PROBLEM``; a file that is
not valid prints ``FILE: not a valid report (N problems)`` and then its first 20 problems, one
line each, ``path: what is wrong (the value, shortened) — what is expected``, and ``and N more``;
never the input itself.

Examples:
    >>> from safeguarding_model.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    safeguarding-model ...
    0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

from safeguarding_model._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from pydantic import ValidationError

    from safeguarding_model.findings import Finding
    from safeguarding_model.official import OfficialTable
    from safeguarding_model.report import AnnualReport

    _Steps = tuple[Callable[[int], None], Callable[[int], None]]
    """How long work tells its progress: steps done so far, and the steps in all."""

__all__ = ["main"]

#: The JSON Schema dialect pydantic writes, named in the printed schema for validators.
_JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_PROG = "safeguarding-model"
_DEBUG = "SAFEGUARDING_MODEL_DEBUG"
_PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell reports for a process SIGPIPE ended
_EPILOG = (
    "exit status: 0 nothing wrong; 1 problems found (report and check: an error finding; "
    "reconcile: a discrepancy; compare: any difference); 2 a file cannot be read or is not "
    "valid, an option is wrong, or the output cannot be written; 3 an internal error (a bug: "
    f"please report it; {_DEBUG}=1 shows the traceback); 130 interrupted; 141 the output pipe "
    "was closed early"
)
_SIZE = re.compile(r"(?P<number>[0-9]+)\s*(?P<unit>[kmg]?)(?:i?b)?", re.ASCII | re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_CODE_PREFIX = re.compile(r"[A-Z][0-9]{0,3}", re.ASCII)
_SHOWN = 20  # characters of a refused rule code shown in the error


class _Failure(Exception):  # noqa: N818 - private: a known failure, exit 2
    """A known failure: its message follows ``safeguarding-model COMMAND:``."""


class _OutputError(Exception):
    """The output cannot be written (closed, full, or in an encoding that cannot hold it)."""


def _max_size(text: str) -> int:
    """Bytes from ``--max-size``: a whole number with an optional K, M or G (binary multiples)."""
    from safeguarding_model.errors import brief  # noqa: PLC0415 - lazily, as everywhere

    match = _SIZE.fullmatch(text.strip())
    if match is None or len(match["number"]) > 15 or int(match["number"]) < 1:
        msg = f"expected a number of bytes of at least 1, optionally with K, M or G (like 200M), got {brief(text)}"
        raise argparse.ArgumentTypeError(msg)
    return int(match["number"]) * _UNITS[match["unit"].lower()]


def _file_command(  # noqa: PLR0913 - what each file command differs by; the last keyword-only
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    formats: tuple[str, ...],
    sources: dict[str, str] | None = None,
    *,
    official: bool = False,
) -> argparse.ArgumentParser:
    """A command that reads files: its ``sources``, ``--format`` and ``--max-size``.

    ``sources`` maps each file's name (``SOURCE``) to what it holds (``a report``, the default).
    One source may be left out (the bundled report is read); several are all required.
    ``official``: the source may be an official statistics CSV file instead.
    """
    from safeguarding_model.io import DEFAULT_MAX_BYTES  # noqa: PLC0415 - io only when parsing

    command = commands.add_parser(name, help=summary, epilog=_EPILOG)
    sources = sources or {"SOURCE": "a report"}
    for source, what in sources.items():
        optional = len(sources) == 1
        command.add_argument(
            source.lower(),
            metavar=source,
            nargs="?" if optional else None,
            help=f"{what} as a JSON or YAML file"
            + (", or an official statistics CSV file (Fingertips or DfE)" if official else "")
            + (" (default: the bundled Lancashire 2015/16 report)" if optional else ""),
        )
    command.add_argument("--format", choices=formats, default="text", help="output format")
    size_help = f"the largest file to read, in bytes or with K, M or G (default {DEFAULT_MAX_BYTES // 2**20}M)"
    command.add_argument("--max-size", type=_max_size, default=DEFAULT_MAX_BYTES, help=size_help)
    command.add_argument(
        "--exit-zero",
        action="store_true",
        help="exit 0 even when there are findings (problems with files or options still exit 2)",
    )
    return command


def _add_codes(command: argparse.ArgumentParser) -> None:
    """``--select`` and ``--ignore``, rule codes or code prefixes."""
    for option, what in (
        (
            "--select",
            "keep only the rules with these codes or code prefixes, comma-separated (e.g. B,C101)",
        ),
        ("--ignore", "leave out the rules with these codes or code prefixes, comma-separated"),
    ):
        command.add_argument(option, metavar="CODES", type=_codes, default=None, help=what)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Figures of English children's safeguarding boards: load, check, report.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = _file_command(
        commands,
        "report",
        "a report's scorecard, budget, inspections and findings, or an area's scorecard from an "
        "official statistics file; exits 1 when there are errors",
        ("text", "markdown", "json", "html"),
        official=True,
    )
    report.add_argument(
        "--area",
        metavar="CODE",
        default=None,
        help="the area whose scorecard to print, by its code in an official statistics file "
        "(such as E10000017); required for such a file",
    )
    report.add_argument(
        "--section",
        metavar="NAMES",
        type=_sections,
        default=None,
        help="the parts of the text report to print, comma-separated, from headline, "
        "indicators, budget, inspections, findings (default all)",
    )
    report.add_argument(
        "--severity",
        choices=("error", "warning", "info"),
        default="info",
        help="the least serious findings the text report lists (default info: all)",
    )
    report.add_argument(
        "--width",
        type=_width,
        default=None,
        help="the text report's width in columns (default: COLUMNS, else the terminal's, else 100)",
    )
    _add_codes(
        _file_command(
            commands,
            "check",
            "where a report or an official statistics file disagrees with itself; exits 1 when "
            "there are errors",
            ("text", "json"),
            official=True,
        )
    )
    compare = _file_command(
        commands,
        "compare",
        "what changed between two editions of a report; exits 1 when anything did, as diff does",
        ("text", "json"),
        {"OLD": "the earlier edition of a report", "NEW": "the later edition"},
    )
    _add_codes(compare)
    schema = commands.add_parser(
        "schema", help="print the JSON Schema of a report or budget file", epilog=_EPILOG
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("report", "budget"),
        default="report",
        help="which file's schema (default report)",
    )
    reconcile = _file_command(
        commands,
        "reconcile",
        "check a budget's stated subtotals and totals against its lines; exits 1 on a discrepancy",
        ("text", "json"),
        {"SOURCE": "a budget, or a report with a budget,"},
    )
    reconcile.add_argument(
        "--tolerance",
        default="0",
        help="the largest difference in pounds not to report (default 0)",
    )
    return parser


# --- messages --------------------------------------------------------------------------------


def _one_line(text: str, *, limit: int = 300) -> str:
    """``text`` on one line, as the terminal output escapes it, with whitespace runs as one space."""
    from safeguarding_model._escape import escape_terminal  # noqa: PLC0415 - only for a message

    text = " ".join(escape_terminal(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _describe(name: str, error: ValidationError) -> str:
    """A validation error as lines: the file, then its first problems in words, never the input."""
    from safeguarding_model.validation import MAX_PROBLEMS_SHOWN, validation_problems  # noqa: PLC0415 - lazily

    problems = validation_problems(error)
    count = len(problems)
    lines = [f"{_one_line(name)}: not a valid report ({count} problem{'s' if count != 1 else ''})"]
    if hasattr(error, "problems"):  # raised by io: its first line names the file and the record
        lines[0] = _one_line(str(error).split("\n", 1)[0], limit=1000)
    lines += [
        f"  {_one_line(str(problem), limit=400)}" for problem in problems[:MAX_PROBLEMS_SHOWN]
    ]
    if count > MAX_PROBLEMS_SHOWN:
        lines.append(f"  and {count - MAX_PROBLEMS_SHOWN} more")
    return "\n".join(lines)


def _read_failure(source: str | None, error: Exception) -> _Failure:
    """A known failure reading ``source`` (or the bundled report), as one line or, for an invalid file, lines."""
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only for commands that read records

    from safeguarding_model.io import FileFormatError  # noqa: PLC0415 - lazily, as everywhere

    if isinstance(error, FileFormatError):  # its message starts with the file
        return _Failure(_one_line(str(error), limit=1000))
    name = "the bundled report" if source is None else source
    if isinstance(error, ValidationError):
        return _Failure(_describe(name, error))
    return _Failure(f"{_one_line(name)}: {_one_line(str(error), limit=1000)}")


def _load(source: str | None, max_bytes: int) -> AnnualReport:
    """The report at ``source`` (the bundled example when none)."""
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only for commands that read records

    from safeguarding_model.datasets import load_example  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415
    from safeguarding_model.io import load_report  # noqa: PLC0415

    try:
        return load_example() if source is None else load_report(source, max_bytes=max_bytes)
    except (SafeguardingModelError, ValidationError) as error:
        raise _read_failure(source, error) from None


def _is_official(source: str | None) -> bool:
    """Whether ``source`` is an official statistics file: a ``.csv`` name, or such a header."""
    if source is None:
        return False
    if source.lower().endswith(".csv"):
        return True
    from safeguarding_model.official_files import official_layout  # noqa: PLC0415 - lazily, as everywhere

    return official_layout(source) is not None


def _load_official(source: str, max_bytes: int) -> OfficialTable:
    """The official statistics file at ``source``, recognised by its header."""
    from pathlib import Path  # noqa: PLC0415 - only for official files

    from safeguarding_model._files import reading_progress  # noqa: PLC0415
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.official_files import read_official  # noqa: PLC0415

    try:
        with _progress(f"reading {_one_line(Path(source).name, limit=60)}") as (advance, total):
            with contextlib.suppress(OSError):
                total(Path(source).stat().st_size)
            with reading_progress(advance):
                return read_official(source, max_bytes=max_bytes)
    except SafeguardingModelError as error:
        raise _read_failure(source, error) from None


#: How many of a file's areas a message about ``--area`` names.
_AREAS_SHOWN = 5


def _some_areas(table: OfficialTable) -> str:
    """A few of the file's areas, ``CODE (name)``, escaped for a terminal, and how many in all."""
    names: dict[str, str] = {}
    for figure in table.figures:
        names.setdefault(figure.area_code, figure.observation.area)
        if len(names) >= _AREAS_SHOWN:
            break
    count = len(table.area_codes)
    shown = ", ".join(
        f"{_one_line(code, limit=40)} ({_one_line(name, limit=40)})" for code, name in names.items()
    )
    more = f", and {count - len(names)} more" if count > len(names) else ""
    return f"{shown}{more}"


def _official_area(source: str, table: OfficialTable, area: str | None) -> str:
    """The ``--area`` code, checked against the file's areas."""
    from safeguarding_model.errors import brief  # noqa: PLC0415 - lazily, as everywhere

    name = _one_line(source)
    if not table.figures:
        msg = f"{name}: the file has no rows, so no area's scorecard can be printed"
        raise _Failure(msg)
    if area is None:
        msg = (
            f"{name}: an official statistics file holds many areas: name one with --area CODE; "
            f"its areas include {_some_areas(table)}"
        )
        raise _Failure(msg)
    if not table.for_area(area):
        msg = (
            f"{name}: --area {_one_line(brief(area))}: no such area in the file; expected one of "
            f"its area codes, such as {_some_areas(table)}"
        )
        raise _Failure(msg)
    return area


def _check_official(
    table: OfficialTable,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> tuple[Finding, ...]:
    """The findings of the rules on official tables, with ``select`` and ``ignore``."""
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.official_rules import check_official  # noqa: PLC0415

    try:
        with _progress(f"checking {len(table):,} rows") as (advance, total):

            def step(done: int, rules: int) -> None:
                total(rules)
                advance(done)

            return check_official(table, select=select, ignore=ignore, progress=step)
    except SafeguardingModelError as error:
        raise _Failure(f"{_one_line(table.source)}: {_one_line(str(error), limit=1000)}") from None


# --- output ----------------------------------------------------------------------------------


@contextlib.contextmanager
def _progress(what: str) -> Iterator[_Steps]:
    """A progress bar on standard error while the block runs, when that is a terminal.

    Nothing is shown when standard error is not a terminal (piped, or a file), and the bar goes
    when the work is done: standard output is never touched.
    """
    stream = sys.stderr
    if stream is None or not stream.isatty():
        yield (lambda _done: None), (lambda _total: None)
        return
    from rich.console import Console  # noqa: PLC0415 - rich only on a terminal
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn  # noqa: PLC0415

    console = Console(file=stream, no_color=not _colour(stream), highlight=False, markup=False)
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task(what, total=None)

        def advance(done: int) -> None:
            progress.update(task, completed=done)

        def total(steps: int) -> None:
            progress.update(task, total=steps)

        yield advance, total


def _write(text: str) -> None:
    """Write ``text`` to standard output, or raise ``_OutputError`` saying why it cannot be."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (``>&-``)
        msg = "cannot write the output: standard output is closed"
        raise _OutputError(msg)
    try:
        stream.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:  # a full disk, a descriptor closed underneath ...
        raise _OutputError(_cannot_write(error)) from None
    except UnicodeEncodeError as error:
        code = ord(error.object[error.start])
        character = f"'\\u{code:04x}'" if code <= 0xFFFF else f"'\\U{code:08x}'"
        msg = (
            f"cannot write the output in the encoding {error.encoding!r} (it has no character "
            f"{character}); set PYTHONIOENCODING=utf-8 or use a UTF-8 locale"
        )
        raise _OutputError(msg) from None


def _flush() -> None:
    """Flush standard output now, so that a failure is reported here rather than at exit."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        raise _OutputError(_cannot_write(error)) from None


def _cannot_write(error: OSError) -> str:
    return f"cannot write the output: {_one_line(error.strerror or str(error))}"


def _silence_stdout() -> None:
    """Point standard output at the null device, so that flushing it at exit cannot fail again."""
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # closed, or not a real file (under a test)
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, descriptor)
    finally:
        os.close(null)


def _complain(command: str | None, message: str) -> None:
    stream = sys.stderr
    if stream is None:
        return
    prefix = f"{_PROG} {command}" if command else _PROG
    try:
        stream.write(f"{prefix}: {message}\n")
        stream.flush()
    except (OSError, ValueError):  # standard error is gone too: nothing more can be said
        pass


# --- commands --------------------------------------------------------------------------------


_SECTIONS = ("headline", "indicators", "budget", "inspections", "findings")
"""The parts of the text report (``--section``)."""

_WIDTHS = (40, 1000)
"""The narrowest and widest ``--width``."""


def _sections(text: str) -> tuple[str, ...]:
    """Section names from ``--section`` (``headline,findings``)."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    for name in names:
        if name not in _SECTIONS:
            shown = name if len(name) <= _SHOWN else name[:_SHOWN] + "…"
            msg = f"expected sections from {', '.join(_SECTIONS)}, got {shown!r}"
            raise argparse.ArgumentTypeError(msg)
    if not names:
        msg = f"expected sections from {', '.join(_SECTIONS)}, got none"
        raise argparse.ArgumentTypeError(msg)
    return names


def _width(text: str) -> int:
    """A terminal width from ``--width``."""
    low, high = _WIDTHS
    if not text.strip().isdigit() or not low <= int(text) <= high:
        shown = text if len(text) <= _SHOWN else text[:_SHOWN] + "…"
        msg = f"expected a whole number of columns from {low} to {high}, got {shown!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _terminal() -> tuple[bool, int]:
    """Whether to colour the text output, and its width.

    Colour only when standard output is a terminal, and never when ``NO_COLOR`` is set (to
    anything but empty) or ``TERM`` is ``dumb``. The width is ``COLUMNS`` when set, else the
    terminal's that standard output, error or input is (output piped to ``less`` or a file
    still fits the terminal it is read in), else 100.
    """
    low, high = _WIDTHS
    return _colour(sys.stdout), min(max(_columns(), low), high)


def _colour(stream: TextIO | None) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, without ``NO_COLOR`` or ``TERM=dumb``."""
    tty = stream is not None and stream.isatty()
    return tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _columns() -> int:
    """The width of the terminal the command runs in, or 100 when it runs in none."""
    given = os.environ.get("COLUMNS", "").strip()
    if given.isdigit() and int(given) > 0:
        return int(given)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, OSError, ValueError):  # no stream, no descriptor, or no terminal
            continue
    return 100


def _report(  # noqa: PLR0913 - the command's options
    source: str | None,
    output_format: str,
    max_bytes: int,
    area: str | None = None,
    *,
    sections: tuple[str, ...] | None = None,
    severity: str = "info",
    width: int | None = None,
) -> int:
    if _is_official(source):
        return _report_official(source, output_format, max_bytes, area)  # type: ignore[arg-type]
    if area is not None:
        what = "the bundled report" if source is None else _one_line(source)
        msg = f"{what}: --area is for an official statistics file (a .csv); a report is of one area"
        raise _Failure(msg)
    loaded = _load(source, max_bytes)  # first: a file refused costs no rendering imports

    from safeguarding_model.checks import Severity, check  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.render import render_report  # noqa: PLC0415

    colour, columns = _terminal()
    text = render_report(
        loaded,
        output_format=output_format,  # type: ignore[arg-type]
        colour=colour and output_format == "text",
        width=width or columns,
        sections=sections,
        severity=severity,
    )
    _write(text if text.endswith("\n") else text + "\n")
    return 1 if any(f.severity is Severity.ERROR for f in check(loaded)) else 0


def _report_official(source: str, output_format: str, max_bytes: int, area: str | None) -> int:
    """An area's scorecard from an official statistics file, with the findings on its rows."""
    table = _load_official(source, max_bytes)
    code = _official_area(source, table, area)

    from safeguarding_model.findings import Severity  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.render import render_area_scorecard  # noqa: PLC0415

    lines = {figure.line for figure in table.for_area(code)}
    findings = tuple(
        finding
        for finding in _check_official(table)
        if any(place.line in lines for place in finding.provenance)
    )
    colour = output_format == "text" and _colour(sys.stdout)
    text = render_area_scorecard(
        table,
        code,
        output_format=output_format,  # type: ignore[arg-type]
        colour=colour,
        findings=findings,
    )
    _write(text + "\n")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _codes(text: str) -> tuple[str, ...]:
    """Rule codes or code prefixes from a comma-separated option (``B,C101``)."""
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    for code in codes:
        if code != "ALL" and not _CODE_PREFIX.fullmatch(code):
            shown = code if len(code) <= _SHOWN else code[:_SHOWN] + "…"
            msg = f"expected rule codes or code prefixes such as B, B1 or B101, got {shown!r}"
            raise argparse.ArgumentTypeError(msg)
    return codes


def _check(
    source: str | None,
    output_format: str,
    max_bytes: int,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> int:
    if _is_official(source):
        table = _load_official(source, max_bytes)  # type: ignore[arg-type]
        findings = _check_official(table, select, ignore)

        from safeguarding_model.findings import Severity  # noqa: PLC0415 - lazily, as everywhere

        _write_findings(findings, output_format)
        return 1 if any(f.severity is Severity.ERROR for f in findings) else 0
    loaded = _load(source, max_bytes)

    from safeguarding_model.checks import Severity, check  # noqa: PLC0415 - lazily, as everywhere

    findings = check(loaded, select=select, ignore=ignore)
    _write_findings(findings, output_format)
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _write_findings(findings: Sequence[Finding], output_format: str) -> None:
    """Findings as ``check`` prints them: grouped by rule, a line each with its code; or JSON."""
    from safeguarding_model._escape import escape_json  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model._jsonable import to_jsonable  # noqa: PLC0415

    if output_format == "json":
        _write(escape_json(json.dumps(to_jsonable(findings), indent=2, ensure_ascii=False)) + "\n")
    else:
        from safeguarding_model._terminal import findings_text  # noqa: PLC0415 - lazily, as everywhere

        lines = findings_text(findings)
        _write("\n".join(lines).rstrip("\n") + "\n" if lines else "no findings\n")


def _compare(
    sources: tuple[str, str],
    output_format: str,
    max_bytes: int,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] | None = None,
) -> int:
    earlier, later = (_load(source, max_bytes) for source in sources)

    from safeguarding_model.editions import compare_reports  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415

    try:
        findings = compare_reports(earlier, later, select=select, ignore=ignore)
    except SafeguardingModelError as error:  # editions that cannot be compared
        names = f"{_one_line(sources[0])} and {_one_line(sources[1])}"
        raise _Failure(f"{names}: {_one_line(str(error), limit=1000)}") from None
    _write_findings(findings, output_format)
    return 1 if findings else 0


def _schema(kind: str) -> int:
    from safeguarding_model.budgets import Budget  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415

    model = Budget if kind == "budget" else AnnualReport
    schema = {"$schema": _JSON_SCHEMA_DIALECT, **model.model_json_schema()}
    _write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0


def _tolerance(text: str) -> object:
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415 - only this command needs it

    from safeguarding_model.errors import InvalidInputError, brief  # noqa: PLC0415
    from safeguarding_model.values import check_figure  # noqa: PLC0415

    refusal = _Failure(f"--tolerance: expected pounds (a number of at least 0), got {brief(text)}")
    try:
        allowed = check_figure(Decimal(text.strip()), field="--tolerance")
    except (InvalidOperation, InvalidInputError):
        raise refusal from None
    if allowed < 0:
        raise refusal
    return allowed


def _reconcile(source: str | None, output_format: str, tolerance: str, max_bytes: int) -> int:
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only for commands that read records

    from safeguarding_model._jsonable import to_jsonable  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415
    from safeguarding_model.io import load_budget  # noqa: PLC0415
    from safeguarding_model.reconciliation import reconcile  # noqa: PLC0415
    from safeguarding_model.render import render_reconciliation  # noqa: PLC0415

    allowed = _tolerance(tolerance)
    if source is None:
        budget = _load(None, max_bytes).budget
        if budget is None:
            msg = "the bundled report: a report without a budget; expected a budget file, or a report with a budget"
            raise _Failure(msg)
    else:
        try:
            budget = load_budget(source, max_bytes=max_bytes)
        except (SafeguardingModelError, ValidationError) as error:
            raise _read_failure(source, error) from None
    result = reconcile(budget, tolerance=allowed)  # type: ignore[arg-type]
    if output_format == "json":
        _write(json.dumps(to_jsonable(result), indent=2) + "\n")
    else:
        _write(render_reconciliation(result) + "\n")
    return 0 if result.balanced else 1


def _run(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if arguments.version:
        _write(f"{_PROG} {__version__}\n")
        return 0
    if arguments.command == "schema":
        return _schema(arguments.kind)
    if arguments.command is None:
        _write(parser.format_help())
        return 2
    return _run_file_command(arguments)


def _run_file_command(arguments: argparse.Namespace) -> int:
    """``report``, ``check``, ``compare`` or ``reconcile``, with ``--exit-zero`` applied."""
    code = _file_command_code(arguments)
    return 0 if code == 1 and arguments.exit_zero else code


def _file_command_code(arguments: argparse.Namespace) -> int:
    """``report``, ``check``, ``compare`` or ``reconcile``: the commands that read files."""
    command, output_format, max_bytes = arguments.command, arguments.format, arguments.max_size
    if command == "compare":
        sources = (arguments.old, arguments.new)
        return _compare(sources, output_format, max_bytes, arguments.select, arguments.ignore)
    if command == "check":
        source = arguments.source
        return _check(source, output_format, max_bytes, arguments.select, arguments.ignore)
    if command == "reconcile":
        return _reconcile(arguments.source, output_format, arguments.tolerance, max_bytes)
    return _report(
        arguments.source,
        output_format,
        max_bytes,
        arguments.area,
        sections=arguments.section,
        severity=arguments.severity,
        width=arguments.width,
    )


def _internal_error(command: str | None, error: BaseException) -> int:
    if os.environ.get(_DEBUG, "") not in ("", "0"):
        raise error
    detail = _one_line(str(error), limit=200) or "(no message)"
    _complain(
        None,
        f"internal error ({type(error).__name__}): {detail}; please report it as a bug, with "
        f"the command{f' ({command})' if command else ''} and its input "
        f"({_DEBUG}=1 shows the traceback)",
    )
    return 3


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default); return the exit code.

    Never raises, except ``SystemExit`` for ``--help`` and wrong options (``argparse``'s own
    exit, status 2): every other failure is reported on standard error with an exit status (see
    the module's description): 2 for a file that cannot be read or is not valid and for output
    that cannot be written, 141 when the output pipe closes early, 3 for a bug.

    Examples:
        >>> from safeguarding_model.cli import main
        >>> main(["check", "no-such-report.json"])
        2
    """
    parser = _parser()
    arguments = parser.parse_args(argv)
    command: str | None = arguments.command
    try:
        code = _run(arguments, parser)
        _flush()
    except _Failure as failure:
        _complain(command, str(failure))
        return 2
    except _OutputError as error:
        _complain(command, str(error))
        _silence_stdout()
        return 2
    except BrokenPipeError:  # the reader went away (``| head``): stop quietly, as on SIGPIPE
        _silence_stdout()
        return _PIPE_CLOSED
    except KeyboardInterrupt:
        _complain(command, "interrupted")
        return 130
    except Exception as error:  # noqa: BLE001 - the last resort: a bug, reported as such
        return _internal_error(command, error)
    return code


def _exit(argv: Sequence[str] | None = None) -> NoReturn:  # pragma: no cover - the entry point
    raise SystemExit(main(argv))


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    _exit()
