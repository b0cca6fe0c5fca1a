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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="safeguarding-model",
        description="Figures of English children's safeguarding boards: load, check, report.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    report = commands.add_parser(
        "report", help="report on a safeguarding board's figures (the bundled example by default)"
    )
    report.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    reconcile = commands.add_parser(
        "reconcile", help="check a budget's stated subtotals and totals against its lines"
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


def _report(output_format: str) -> int:
    # Bundled example reports arrive with the dataset module; until then the report names
    # the package and the datasets it carries, so that the command is already scriptable.
    summary: dict[str, object] = {
        "package": "safeguarding-model",
        "version": __version__,
        "datasets": [],
    }
    if output_format == "json":
        sys.stdout.write(json.dumps(summary, indent=2) + "\n")
    else:
        sys.stdout.write(f"safeguarding-model {__version__}\nbundled datasets: none yet\n")
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
        return 1
    if output_format == "json":
        sys.stdout.write(json.dumps(to_jsonable(result), indent=2) + "\n")
    else:
        sys.stdout.write(result.to_text() + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` by default); return the exit code."""
    arguments = _parser().parse_args(argv)
    if arguments.version:
        sys.stdout.write(f"safeguarding-model {__version__}\n")
        return 0
    if arguments.command == "report":
        return _report(arguments.format)
    if arguments.command == "reconcile":
        return _reconcile(arguments.source, arguments.format, arguments.tolerance)
    _parser().print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover - exercised through the console script
    raise SystemExit(main())
