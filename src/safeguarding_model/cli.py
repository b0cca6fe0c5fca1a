"""The ``safeguarding-model`` command: a thin layer over the library, with no logic of its own.

Examples:
    >>> from safeguarding_model.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    safeguarding-model ...
    0
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from safeguarding_model._version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]

#: The JSON Schema dialect pydantic writes, named in the printed schema for validators.
_JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguarding-model",
        description="Figures of English children's safeguarding boards: load, check, report.",
        epilog=(
            "exit status: 0 when nothing is wrong; 1 when check finds an error or reconcile a "
            "discrepancy; 2 when a file cannot be read or is not valid, or an option is wrong"
        ),
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser(
        "report",
        help="a report's scorecard, budget, inspections and findings (the bundled Lancashire 2015/16 report by default)",
    )
    report.add_argument(
        "source", metavar="SOURCE", nargs="?", help="a report as a JSON or YAML file"
    )
    report.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html"),
        default="text",
        help="output format",
    )
    checker = commands.add_parser(
        "check", help="where a report disagrees with itself; exits 1 when there are errors"
    )
    checker.add_argument(
        "source", metavar="SOURCE", nargs="?", help="a report as a JSON or YAML file"
    )
    checker.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    schema = commands.add_parser("schema", help="print the JSON Schema of a report or budget file")
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("report", "budget"),
        default="report",
        help="which file's schema (default report)",
    )
    reconcile = commands.add_parser(
        "reconcile",
        help="check a budget's stated subtotals and totals against its lines; exits 1 on a discrepancy",
    )
    reconcile.add_argument("source", metavar="SOURCE", help="a budget as a JSON or YAML file")
    reconcile.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format"
    )
    reconcile.add_argument(
        "--tolerance",
        default="0",
        help="the largest difference in pounds not to report (default 0)",
    )
    return parser


def _load(source: str | None) -> object:
    """The report at ``source`` (the bundled example when none), or an error message."""
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only for commands that read records

    from safeguarding_model.datasets import load_example  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415
    from safeguarding_model.io import load_report  # noqa: PLC0415

    try:
        return load_example() if source is None else load_report(source)
    except (SafeguardingModelError, ValidationError) as error:
        return str(error)


def _report(source: str | None, output_format: str) -> int:
    from safeguarding_model.render import render_report  # noqa: PLC0415 - lazily, as everywhere

    loaded = _load(source)
    if isinstance(loaded, str):
        sys.stderr.write(f"safeguarding-model report: {loaded}\n")
        return 2
    colour = output_format == "text" and sys.stdout.isatty()
    sys.stdout.write(render_report(loaded, output_format=output_format, colour=colour) + "\n")  # type: ignore[arg-type]
    return 0


def _check(source: str | None, output_format: str) -> int:
    from safeguarding_model._jsonable import to_jsonable  # noqa: PLC0415
    from safeguarding_model.checks import Severity, check  # noqa: PLC0415

    loaded = _load(source)
    if isinstance(loaded, str):
        sys.stderr.write(f"safeguarding-model check: {loaded}\n")
        return 2
    findings = check(loaded)  # type: ignore[arg-type]
    if output_format == "json":
        sys.stdout.write(json.dumps(to_jsonable(findings), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("".join(f"{finding}\n" for finding in findings) or "no findings\n")
    return 1 if any(f.severity is Severity.ERROR for f in findings) else 0


def _schema(kind: str) -> int:
    from safeguarding_model.budgets import Budget  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415

    model = Budget if kind == "budget" else AnnualReport
    schema = {"$schema": _JSON_SCHEMA_DIALECT, **model.model_json_schema()}
    sys.stdout.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0


def _reconcile(source: str, output_format: str, tolerance: str) -> int:
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415 - only this command needs it

    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only for commands that read records

    from safeguarding_model._jsonable import to_jsonable  # noqa: PLC0415 - lazily, as everywhere
    from safeguarding_model.budgets import reconcile  # noqa: PLC0415
    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415
    from safeguarding_model.io import load_budget  # noqa: PLC0415

    try:
        allowed = Decimal(tolerance)
    except InvalidOperation:
        sys.stderr.write(
            f"safeguarding-model reconcile: --tolerance: expected pounds, got {tolerance!r}\n"
        )
        return 2
    try:
        result = reconcile(load_budget(source), tolerance=allowed)
    except (SafeguardingModelError, ValidationError) as error:
        sys.stderr.write(f"safeguarding-model reconcile: {error}\n")
        return 2
    if output_format == "json":
        sys.stdout.write(json.dumps(to_jsonable(result), indent=2) + "\n")
    else:
        sys.stdout.write(result.to_text() + "\n")
    return 0 if result.balanced else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default); return the exit code."""
    arguments = _parser().parse_args(argv)
    if arguments.version:
        sys.stdout.write(f"safeguarding-model {__version__}\n")
        return 0
    if arguments.command == "report":
        return _report(arguments.source, arguments.format)
    if arguments.command == "check":
        return _check(arguments.source, arguments.format)
    if arguments.command == "schema":
        return _schema(arguments.kind)
    if arguments.command == "reconcile":
        return _reconcile(arguments.source, arguments.format, arguments.tolerance)
    _parser().print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    raise SystemExit(main())
