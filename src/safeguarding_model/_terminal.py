"""The report as a terminal shows it: headline first, tables that fit the width, colour optional.

Rendered with rich into a string of a given width: every table row is one line (long names end
in an ellipsis instead of wrapping), significance is coloured by its RAG colour only when colour
is asked for, and every string from the report goes through ``escape_terminal`` first, with
rich's markup off, so that no cell can move the cursor or style the text.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Final

from safeguarding_model._escape import escape_terminal
from safeguarding_model.findings import Severity
from safeguarding_model.headlines import NOT_COMPARABLE, Headline, headline, inspection_line
from safeguarding_model.markers import Rag, Significance

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    from rich.console import Console
    from rich.table import Table

    from safeguarding_model.findings import Finding
    from safeguarding_model.reconciliation import Reconciliation
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.scorecards import ScorecardRow
    from safeguarding_model.values import Value

SECTIONS: Final = ("headline", "indicators", "budget", "inspections", "findings")
"""The parts of the text report, in the order it prints them; ``--section`` chooses among them."""

WIDE: Final = 110
"""From this width on, the scorecard shows the previous figure and stated and computed apart."""

_RAG_STYLE: Final = {Rag.GREEN: "green", Rag.AMBER: "yellow", Rag.RED: "red", Rag.GREY: ""}
_SEVERITY_STYLE: Final = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: ""}
_ORDER: Final = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_UNGROUPED: Final = "Other indicators"
_TRAILING: Final = re.compile(r"\s+((?:\x1b\[[0-9;]*m)*)$")
"""Spaces at the end of a line, before any closing colour codes: rich pads cells with them."""
_NAME: Final = 16
"""The fewest columns an indicator's name is given; the other cells keep their width."""
_CELL: Final = 14
"""The most columns a figure's or a label's cell takes; a longer one ends in an ellipsis."""
_PARTS: Final = 30
"""The most columns the quarters' (or months') figures take: four percentages and their spaces."""
_TRAVEL: Final = ("stated travel", "computed", "travel")
"""The headers of the directions of travel: their words are the package's own, shown whole."""
_TRAVEL_LEAST: Final = len("Lower, not ")
"""The fewest columns a direction of travel keeps when the row is short of room: the words up
to "not" of "Lower, not tested", so that a cut one still says it was not tested."""
_GAP: Final = 2
"""The spaces between two columns of a table: the box's divider (a space) and the padding."""


def _console(width: int, *, colour: bool) -> Console:
    from rich.console import Console  # noqa: PLC0415 - rich only when a terminal report is made

    return Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
        _environ={},
    )


def _cell(value: Value | None) -> str:
    if value is None:
        return "-"
    if value.printed is not None:
        return escape_terminal(value.printed.strip()) or "(blank)"
    return "-" if value.number is None else str(value.number)


def _pounds(amount: Decimal | None) -> str:
    if amount is None:
        return "-"
    return f"-£{-amount:,}" if amount < 0 else f"£{amount:,}"


def _headline_lines(top: Headline) -> list[tuple[str, str, str]]:
    """The headline as (label, text, style) lines; every report string already escaped."""
    where = escape_terminal(top.area) + (f" ({top.area_code})" if top.area_code else "")
    lines = [("", f"{top.arrangement} | {where} | {top.period}", "")]
    if top.compared:
        outcomes = ", ".join(f"{count} {label}" for label, count in top.significance.items())
        compared = f"{top.compared} compared with England: {outcomes}"
    else:
        compared = "none compared with England (see below)"
    lines.append(("Indicators", f"{top.indicators}; {compared}", ""))
    if top.balance is not None or top.income is not None or top.expenditure is not None:
        balance = "" if top.balance is None else f", balance {_pounds(top.balance)}"
        deficit = " (a deficit)" if top.balance is not None and top.balance < 0 else ""
        adds = (
            "adds up"
            if not top.budget_discrepancies
            else f"{top.budget_discrepancies} stated figures do not add up"
        )
        text = (
            f"income {_pounds(top.income)}, expenditure {_pounds(top.expenditure)}"
            f"{balance}{deficit}; {adds}"
        )
        lines.append(("Budget", text, "red" if top.budget_discrepancies else ""))
    for position, line in enumerate(top.inspections):
        lines.append(("Inspections" if position == 0 else "", escape_terminal(line), ""))
    counts = ", ".join(
        f"{count} {severity}{'s' if count != 1 else ''}"
        for severity, count in top.findings.items()
        if count
    )
    lines.append(("Findings", f"{sum(top.findings.values())}: {counts}", ""))
    for finding in top.most_serious:
        text = f"{finding.code} {finding.severity.value}: {escape_terminal(finding.location)}"
        lines.append(("", text, _SEVERITY_STYLE[finding.severity]))
    return lines


def _parts_header(rows: list[ScorecardRow]) -> str:
    """``quarters`` when the rows' parts are quarters, else ``months``."""
    printed = [part for row in rows for part in row.parts if part is not None]
    return "quarters" if printed and " Q" in str(printed[0].period) else "months"


def _most(header: str) -> int:
    """The most columns a cell under ``header`` takes: directions' words always whole."""
    if header in _TRAVEL:
        return len("Not compared/Lower, not tested")
    return _PARTS if header in ("quarters", "months") else _CELL


def _travel(stated: str, computed: str) -> str:
    """Stated and computed travel in one cell: one word when they agree."""
    return computed if stated in ("-", computed) else f"{stated}/{computed}"


def _headline_grid(top: Headline, *, colour: bool) -> Table:
    """The headline as two columns, its text wrapping under itself on a narrow terminal."""
    from rich.table import Table  # noqa: PLC0415 - rich only when a terminal report is made
    from rich.text import Text  # noqa: PLC0415

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold" if colour else "")
    grid.add_column(overflow="fold")
    for label, text, style in _headline_lines(top):
        grid.add_row(label, Text(text, style=style if colour else ""))
    return grid


def _groups(rows: Iterable[ScorecardRow]) -> dict[str, list[ScorecardRow]]:
    groups: dict[str, list[ScorecardRow]] = {}
    for row in rows:
        groups.setdefault(row.indicator.group or _UNGROUPED, []).append(row)
    return groups


def _significance(significance: Significance | None, *, colour: bool) -> tuple[str, str]:
    if significance is None:
        return "-", ""
    return significance.label, _RAG_STYLE[significance.rag] if colour else ""


def _scorecard_table(rows: list[ScorecardRow], *, width: int, colour: bool) -> Table:
    """One group's table: a line per indicator, never wrapped; columns that say nothing left out."""
    from rich import box  # noqa: PLC0415 - rich only when a terminal report is made
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    wide = width >= WIDE
    compared = any(row.computed_significance is not Significance.NOT_COMPARED for row in rows)
    stated = any(row.latest.stated_significance is not None for row in rows)
    parted = any(row.parts for row in rows)
    headers = ["period", "value"] + ([_parts_header(rows)] if parted else [])
    headers += (["previous"] if wide else []) + ["England"]
    headers += ["stated travel", "computed"] if wide else ["travel"]
    headers += ["stated sig."] if stated else []
    headers += ["vs England"] if compared else []
    lines = []
    for row in rows:
        england = row.comparator("England")
        said = row.latest.stated_direction
        said_word = "-" if said is None else said.source_word
        computed_word = row.computed_direction.source_word
        cells: list[Text | str] = [
            escape_terminal(row.indicator.name),
            escape_terminal(str(row.latest.period)),
            _cell(row.latest.value),
        ]
        if parted:
            shown = [_cell(None if part is None else part.value) for part in row.parts]
            cells.append(" ".join(shown) or "-")
        if wide:
            cells.append(_cell(None if row.previous is None else row.previous.value))
        cells.append(_cell(None if england is None else england.value))
        cells += [said_word, computed_word] if wide else [_travel(said_word, computed_word)]
        if stated:
            cells.append(Text(*_significance(row.latest.stated_significance, colour=colour)))
        if compared:
            cells.append(Text(*_significance(row.computed_significance, colour=colour)))
        lines.append(cells)
    widths = [
        min(
            _most(header),
            max(len(header), *(len(str(line[position])) for line in lines)),
        )
        for position, header in enumerate(headers, start=1)
    ]
    room = width - sum(widths) - _GAP * len(widths)
    for position, header in enumerate(headers):
        if header in _TRAVEL and room < _NAME:  # whole words, unless the name would lose its room
            spare = min(_NAME - room, widths[position] - _TRAVEL_LEAST)
            widths[position] -= max(spare, 0)
            room += max(spare, 0)
    names = max(len("indicator"), *(len(str(line[0])) for line in lines))
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, _GAP - 1, 0, 0))
    columns = [("indicator", max(_NAME, min(names, room))), *zip(headers, widths, strict=True)]
    for header, fixed in columns:
        table.add_column(header, width=fixed, no_wrap=True, overflow="ellipsis")
    for line in lines:
        table.add_row(*line)
    return table


def _budget(console: Console, lines: str, *, colour: bool) -> None:
    """The reconciliation as ``render_reconciliation`` wrote it to fit: each line whole."""
    first, *rest = lines.splitlines()
    console.print(
        first, style="bold" if colour else "", no_wrap=True, overflow="ignore", crop=False
    )
    for line in rest:
        console.print(line, no_wrap=True, overflow="ignore", crop=False)
    console.print()


def findings_text(findings: Iterable[Finding], *, minimum: Severity = Severity.INFO) -> list[str]:
    """Findings grouped by rule, the most serious rules first, each with the figures it rests on.

    A rule's heading line (``B101 budget_arithmetic: 3 errors``), then one line a finding, as
    ``check`` has always printed it (``- B101 error [kind] location: message``), then the
    figures it rests on, indented. Every line is whole: a long one is left to the terminal to
    wrap, so no text from the report can start a line of its own.
    """
    shown = [f for f in findings if _ORDER.index(f.severity) <= _ORDER.index(minimum)]
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(shown, key=lambda f: (_ORDER.index(f.severity), f.code)):
        by_rule.setdefault(finding.code, []).append(finding)
    lines: list[str] = []
    for code, group in by_rule.items():
        first = group[0]
        plural = "" if len(group) == 1 else "s"
        lines.append(f"{code} {first.kind.value}: {len(group)} {first.severity.value}{plural}")
        for finding in group:
            lines.append(f"- {finding.code} {finding}")
            numbers = "; ".join(
                f"{escape_terminal(n.role)} {escape_terminal(str(n.value))}"
                for n in finding.numbers
            )
            if numbers:
                lines.append(f"    figures: {numbers}")
        lines.append("")
    return lines


def _findings(
    console: Console, findings: tuple[Finding, ...], minimum: Severity, *, colour: bool
) -> None:
    lines = findings_text(findings, minimum=minimum)
    shown = sum(1 for line in lines if line.startswith("- "))
    console.print(f"Findings ({shown} of {len(findings)})", style="bold" if colour else "")
    console.print()
    severities = {severity.value: severity for severity in _ORDER}
    for line in lines:
        style = ""
        if colour and line and not line.startswith((" ", "-")):
            style = _SEVERITY_STYLE[severities[line.rsplit(" ", 1)[-1].rstrip("s")]]
        console.print(line, style=style, no_wrap=True, overflow="ignore", crop=False)


def _indicators(
    console: Console, rows: tuple[ScorecardRow, ...], *, width: int, colour: bool
) -> None:
    """The scorecard by group; why nothing could be compared is said once, not in every row."""
    nothing = all(row.computed_significance is Significance.NOT_COMPARED for row in rows)
    dim = "dim" if colour else ""
    bold = "bold" if colour else ""
    console.print("Scorecard", style=bold)
    console.print()
    if rows and nothing:
        console.print(f"Not compared with England: {NOT_COMPARABLE}.", style=dim)
        console.print()
    for group, members in _groups(rows).items():
        console.print(f"{escape_terminal(group)} ({len(members)})", style=bold)
        console.print(_scorecard_table(members, width=width, colour=colour), overflow="ellipsis")
        if not nothing and all(
            r.computed_significance is Significance.NOT_COMPARED for r in members
        ):
            console.print("Not compared with England: no counts or limits printed.", style=dim)
        console.print()


def terminal_report(  # noqa: PLR0913 - the report and what was computed from it, and the choices
    report: AnnualReport,
    rows: tuple[ScorecardRow, ...],
    findings: tuple[Finding, ...],
    reconciliation: Reconciliation | None,
    *,
    budget: str = "",
    width: int,
    colour: bool,
    sections: Iterable[str] = SECTIONS,
    severity: Severity = Severity.INFO,
) -> str:
    """The report for a terminal ``width`` columns wide: headline first, then the chosen sections.

    ``budget`` is the reconciliation as ``render_reconciliation`` writes it.
    """
    chosen = set(sections)
    console = _console(width, colour=colour)
    console.print(
        escape_terminal(report.title),
        style="bold" if colour else "",
        no_wrap=True,
        overflow="ignore",
        crop=False,
    )
    if "headline" in chosen:
        top = headline(report, rows=rows, findings=findings, reconciliation=reconciliation)
        console.print(_headline_grid(top, colour=colour))
        console.print()
    if "indicators" in chosen:
        _indicators(console, rows, width=width, colour=colour)
    if "budget" in chosen and reconciliation is not None:
        _budget(console, budget, colour=colour)
    if "inspections" in chosen and report.inspections:
        console.print("Inspections", style="bold" if colour else "")
        console.print()
        for inspection in report.inspections:
            console.print(f"- {escape_terminal(inspection_line(inspection))}", overflow="ellipsis")
        console.print()
    if "findings" in chosen:
        _findings(console, findings, severity, colour=colour)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(_TRAILING.sub(r"\1", line) for line in output.splitlines()).rstrip() + "\n"
