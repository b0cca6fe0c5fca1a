"""The main job's output: a report's scorecard, budget, inspections and check findings, as text, Markdown or JSON.

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model.render import render_report
    >>> print(render_report(load_example(), output_format="text").splitlines()[0])
    Lancashire Safeguarding Children Board Annual Report 2015/16
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Literal, NamedTuple

from safeguarding_model._escape import (
    escape_html,
    escape_json,
    escape_markdown,
    escape_terminal,
)
from safeguarding_model._html_report import CSS as _CSS
from safeguarding_model._html_report import html_report
from safeguarding_model._jsonable import to_jsonable
from safeguarding_model.budgets import Side
from safeguarding_model.checks import check
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Finding, Severity
from safeguarding_model.headlines import inspection_line
from safeguarding_model.markers import Rag, Significance
from safeguarding_model.reconciliation import reconcile
from safeguarding_model.scorecards import ScorecardRow, scorecard

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from decimal import Decimal

    from safeguarding_model.official import OfficialTable, PublishedFigure
    from safeguarding_model.official_files import AreaScorecardRow
    from safeguarding_model.reconciliation import Reconciliation, SideTotals
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = ["render_area_scorecard", "render_reconciliation", "render_report"]

_ANSI = {
    Rag.RED: "\033[31m",
    Rag.AMBER: "\033[33m",
    Rag.GREEN: "\033[32m",
    Rag.BLUE: "\033[34m",
    Rag.GREY: "\033[90m",
}


def _pounds(amount: Decimal | None) -> str:
    return "-" if amount is None else f"{amount:,}"


_FIGURE_COLUMNS = 28
"""The columns of a budget row besides the section's name: indent, and two figures of 12."""
_SHORTEST_NAME = 16
"""The fewest columns a section's name is shortened to."""


def _side_rows(side: SideTotals, width: int, names: dict[str, str]) -> list[str]:
    rows = [f"{side.side.value:<{width + 2}} {'lines':>12} {'stated':>12}"]
    for totals in side.sections:
        name = names[totals.section]
        name = name if len(name) <= width else name[: width - 3] + "..."
        rows.append(
            f"  {name:<{width}} {_pounds(totals.computed):>12} {_pounds(totals.stated):>12}"
        )
    rows.append(f"  {'total':<{width}} {_pounds(side.from_lines):>12} {_pounds(side.stated):>12}")
    rows.append(f"  {'(subtotals as stated add to)':<{width}} {_pounds(side.from_subtotals):>12}")
    return [*rows, ""]


def _balance_rows(r: Reconciliation) -> list[str]:
    """The balance from the lines and from the stated totals: only when both sides are stated."""
    if r.income is None or r.expenditure is None:
        missing = "income" if r.income is None else "expenditure"
        return [f"balance: not computed (the budget states no {missing})"]
    balance = r.income.from_lines - r.expenditure.from_lines
    outcome = "a deficit" if balance < 0 else "a surplus" if balance > 0 else "balanced"
    income, expenditure = _pounds(r.income.from_lines), _pounds(r.expenditure.from_lines)
    rows = [f"balance (lines): {income} - {expenditure} = {_pounds(balance)} ({outcome})"]
    if r.income.stated is not None and r.expenditure.stated is not None:
        rows.append(
            f"balance (stated totals): {_pounds(r.income.stated)} - "
            f"{_pounds(r.expenditure.stated)} = {_pounds(r.income.stated - r.expenditure.stated)}"
        )
    return rows


def render_reconciliation(reconciliation: Reconciliation, *, width: int | None = None) -> str:
    """A budget's reconciliation as a plain-text table, as the command line prints it.

    ``width`` is the most columns a row of the table may take: section names are shortened
    (ending in "...") to fit it; the sentences below the table are never cut.

    The budget's strings are escaped for a terminal as in ``str()`` of a finding: line breaks
    and tabs become spaces, control and bidirectional formatting characters are shown as
    escapes, so each line of the table is one line on a terminal. A side the budget does not
    state is shown as not stated, and the balance (a surplus or a deficit) is printed only when
    both sides are stated.

    Examples:
        >>> from safeguarding_model import load_example, reconcile
        >>> from safeguarding_model.render import render_reconciliation
        >>> print(render_reconciliation(reconcile(load_example().budget)).splitlines()[0])
        Budget 2015/16, reconciled with a tolerance of 0 pounds
    """
    r = reconciliation
    rows = [f"Budget {r.period}, reconciled with a tolerance of {r.tolerance} pounds", ""]
    sides = {Side.INCOME: r.income, Side.EXPENDITURE: r.expenditure}
    names = {
        totals.section: escape_terminal(totals.section)
        for side in sides.values()
        if side is not None
        for totals in side.sections
    }
    longest = min(max([len(name) for name in names.values()] + [24]), 56)
    if width is not None:
        longest = max(_SHORTEST_NAME, min(longest, width - _FIGURE_COLUMNS))
    for name, side in sides.items():
        rows += (
            [f"{name.value}: not stated", ""] if side is None else _side_rows(side, longest, names)
        )
    rows.append(f"discrepancies: {len(r.discrepancies)}")
    rows.extend(f"  - {discrepancy}" for discrepancy in r.discrepancies)
    rows.append(f"notices: {len(r.notices)}")
    rows.extend(f"  - {notice}" for notice in r.notices)
    rows.append("")
    rows += _balance_rows(r)
    return "\n".join(rows)


def _cell(value: Value | None) -> str:
    if value is None:
        return "-"
    if value.printed is not None:
        return value.printed.strip() or "(blank)"
    return "-" if value.number is None else str(value.number)


def _significance(significance: Significance | None) -> str:
    return "-" if significance is None else significance.label


def _rows(rows: tuple[ScorecardRow, ...]) -> list[list[str]]:
    """The scorecard's cells as plain, unescaped text: each format escapes them as it writes."""
    table = []
    for row in rows:
        england = row.comparator("England")
        stated_direction = row.latest.stated_direction
        table.append(
            [
                row.indicator.name,
                str(row.latest.period),
                _cell(row.latest.value),
                _cell(None if row.previous is None else row.previous.value),
                _cell(None if england is None else england.value),
                "-" if stated_direction is None else stated_direction.source_word,
                row.computed_direction.source_word,
                _significance(row.latest.stated_significance),
                _significance(row.computed_significance),
            ]
        )
    return table


#: The fewest of an area's figures that make a trend chart in the HTML report.
_TREND_POINTS = 3

_HEADERS = [
    "indicator",
    "period",
    "value",
    "previous",
    "England",
    "stated travel",
    "computed travel",
    "stated vs England",
    "computed vs England",
]


def render_report(  # noqa: PLR0913 - the report, its format and the text format's choices
    report: AnnualReport,
    *,
    output_format: Literal["text", "markdown", "json", "html"] = "text",
    colour: bool = False,
    width: int = 100,
    sections: Iterable[str] | None = None,
    severity: Severity | str = Severity.INFO,
) -> str:
    r"""The report's scorecard, budget reconciliation, inspections and findings.

    The text format opens with the report's [`headline`][safeguarding_model.headlines.headline],
    then the scorecard by indicator group, the budget, the inspections and the findings grouped
    by rule; it fits ``width`` columns, each table row on one line (a long name ends in "…"),
    and where nothing could be compared with England it says why once instead of in every row.
    ``sections`` chooses among ``headline``, ``indicators``, ``budget``, ``inspections`` and
    ``findings`` (all by default); ``severity`` leaves out findings less serious than it.
    ``colour`` adds terminal colours to significance, RAG and severity in the text format.

    The HTML format is one self-contained page (no scripts, no external files) that reads like a
    public-health profile: a contents bar, the headline, a table per indicator group with an
    SVG spine chart against England in RAG colours (grey only where nothing could be compared,
    the reason said once per group) and trend sparklines, the budget by side and section with
    its discrepancies highlighted, and the findings by rule, linked to the indicators they
    concern; with print and dark styles, and rows that stack into cards on a phone. With the
    ``plot`` extra installed, the charts of indicators against England and of trends follow as
    images.

    The report's own strings (titles, names, labels, printed cells, claims, notes) are escaped
    for the format they are written in, so that none can add markup or move the cursor: in every
    format a line break or tab in them becomes a space, and other control characters and
    bidirectional formatting characters are shown as escapes (``\x1b``, ``\u202e``); the
    Markdown format backslash-escapes Markdown's punctuation and writes ``& < > " |`` and
    ``: = ~ ^ $ @`` as HTML references; the HTML format escapes ``& < > " '``; chart labels
    show a ``$`` as a ``$``, never as mathtext. JSON carries the strings as they are, with C1
    and bidirectional controls written as ``\uXXXX``.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model.render import render_report
        >>> "## Findings" in render_report(load_example(), output_format="markdown")
        True
    """
    rows = scorecard(report)
    findings = check(report)
    reconciliation = None if report.budget is None else reconcile(report.budget)
    if output_format == "json":
        data = {
            "report": {
                "id": report.id,
                "title": report.title,
                "area": report.area.name,
                "period": str(report.period),
            },
            "scorecard": [
                {
                    "indicator": row.indicator.id,
                    "name": row.indicator.name,
                    "period": str(row.latest.period),
                    "value": to_jsonable(row.latest.value),
                    "previous": to_jsonable(None if row.previous is None else row.previous.value),
                    "parts": {
                        str(part.period): to_jsonable(part.value) for part in row.parts if part
                    },
                    "comparators": {
                        area: to_jsonable(figure.value)
                        for area in dict.fromkeys(o.area for o in row.comparators)
                        if (figure := row.comparator(area)) is not None
                    },
                    "stated_direction": to_jsonable(row.latest.stated_direction),
                    "computed_direction": row.computed_direction.value,
                    "stated_significance": to_jsonable(row.latest.stated_significance),
                    "computed_significance": row.computed_significance.value,
                }
                for row in rows
            ],
            "budget": to_jsonable(reconciliation),
            "inspections": [
                {
                    "id": i.id,
                    "subject": i.subject,
                    "overall": None if i.overall is None else i.overall.grade,
                }
                for i in report.inspections
            ],
            "findings": to_jsonable(findings),
        }
        return escape_json(json.dumps(data, indent=2, ensure_ascii=False))
    if output_format == "text":
        from safeguarding_model._terminal import SECTIONS, terminal_report  # noqa: PLC0415 - rich on use

        chosen = SECTIONS if sections is None else tuple(sections)
        unknown = [name for name in chosen if name not in SECTIONS]
        if unknown:
            raise InvalidInputError("sections", unknown[0], f"one of {', '.join(SECTIONS)}")
        return terminal_report(
            report,
            rows,
            findings,
            reconciliation,
            budget=""
            if reconciliation is None
            else render_reconciliation(reconciliation, width=width),
            width=width,
            colour=colour,
            sections=chosen,
            severity=Severity(severity),
        )
    content = _Parts(report, rows, findings, reconciliation)
    if output_format == "html":
        return _html(content)
    return _markdown(content)


class _Parts(NamedTuple):
    """What every format writes: the report and what was computed from it."""

    report: AnnualReport
    rows: tuple[ScorecardRow, ...]
    findings: tuple[Finding, ...]
    reconciliation: Reconciliation | None


def _summary(report: AnnualReport, escape: Callable[[str], str]) -> str:
    return (
        f"{escape(report.area.name)}, {escape(str(report.period))}; "
        f"{len(report.indicators)} indicators, {len(report.observations)} figures"
    )


def _closing(
    report: AnnualReport,
    findings: tuple[Finding, ...],
    *,
    heading: str,
    escape: Callable[[str], str],
) -> list[str]:
    """The inspections and the findings, each string through ``escape``.

    A finding's ``str()`` is already escaped for a terminal; ``escape_terminal`` leaves that
    text as it is, so both formats escape the same way.
    """
    out: list[str] = []
    if report.inspections:
        out += [f"{heading}Inspections", ""]
        out += [f"- {escape(inspection_line(i))}" for i in report.inspections]
        out.append("")
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    out += [f"{heading}Findings", "", f"{len(findings)} findings, {errors} errors", ""]
    out += [f"- {escape(str(finding))}" for finding in findings]
    return out


def _markdown(
    content: _Parts,
) -> str:
    """The Markdown format: every user string through ``escape_markdown``; the budget as ``<pre>``.

    The budget's table is HTML-escaped text in a ``<pre>`` block rather than an indented code
    block, which Markdown preprocessors (such as pymdownx.snippets' ``--8<--``) would still read.
    """
    report, rows, findings, reconciliation = content
    out = [f"# {escape_markdown(report.title)}", "", _summary(report, escape_markdown), ""]
    out += ["## Scorecard", ""]
    out.append("| " + " | ".join(_HEADERS) + " |")
    out.append("|" + " --- |" * len(_HEADERS))
    out += ["| " + " | ".join(escape_markdown(c) for c in line) + " |" for line in _rows(rows)]
    out.append("")
    if reconciliation is not None:
        out += [f"## Budget {reconciliation.period}", ""]
        out += [f"<pre>{_escape_pre(render_reconciliation(reconciliation))}</pre>", ""]
    out += _closing(report, findings, heading="## ", escape=escape_markdown)
    return "\n".join(out)


def _html(
    content: _Parts,
) -> str:
    """The HTML format: a profile-like page (see ``_html_report``), the PNG charts at its end."""
    report, rows, findings, reconciliation = content
    return html_report(report, rows, findings, reconciliation, images=_chart_images(report))


def _escape_pre(text: str) -> str:
    """Lines of ``text`` (already escaped for a terminal) HTML-escaped, keeping the line breaks."""
    return "\n".join(escape_html(line) for line in text.split("\n"))


def _chart_images(report: AnnualReport) -> list[tuple[str, str, str]]:
    """Headings and PNG data URLs (light, dark) of the report's charts; none without ``plot``.

    The chart of indicators against the comparator, then a trend chart for every indicator with
    three or more of the area's figures and a comparator's beside them. Each is saved twice: on
    white for light pages, then restyled on a transparent background for dark ones.
    """
    import base64  # noqa: PLC0415 - only the HTML format needs it
    import functools  # noqa: PLC0415
    import io  # noqa: PLC0415

    from safeguarding_model.charts import (  # noqa: PLC0415
        for_dark_background,
        indicators_chart,
        trend_chart,
    )

    def data_url(figure: object, *, dark: bool) -> str:
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=80, transparent=dark)  # type: ignore[attr-defined]
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    def both(draw: Callable[[], object]) -> tuple[str, str]:
        """The chart saved as drawn, then restyled for dark pages and saved again."""
        figure = draw()
        light = data_url(figure, dark=False)
        return light, data_url(for_dark_background(figure), dark=True)

    try:
        first = both(functools.partial(indicators_chart, report))
    except ImportError:  # no plot extra
        return []
    charts = [(f"{report.area.name} against England", *first)]
    for indicator in report.indicators:
        series = report.series(indicator.id)
        own = [o for o in series.own() if o.value.number is not None]
        if len(own) >= _TREND_POINTS and series.comparators():
            charts.append(
                (f"Trend: {indicator.name}", *both(functools.partial(trend_chart, series)))
            )
    return charts


# --- an area's scorecard from an official statistics file -----------------------------------

_AREA_HEADERS = [
    "indicator",
    "breakdown",
    "period",
    "value",
    "limits",
    "England",
    "parent",
    "vs England",
    "vs parent",
    "recent trend",
]
_AREA_SIGNIFICANCE = (7, 8)  # the columns coloured by their significance


def _limits(figure: PublishedFigure) -> str:
    observation = figure.observation
    if observation.lower is None or observation.upper is None:
        return "-"
    return f"{observation.lower} to {observation.upper}"


def _breakdown(row: AreaScorecardRow) -> str:
    return "; ".join(f"{key}: {value}" for key, value in row.breakdown.items()) or "-"


def _area_cells(row: AreaScorecardRow) -> list[str]:
    """An area scorecard row's cells as plain, unescaped text."""
    figure = row.figure
    trend = figure.recent_trend
    return [
        row.indicator.name,
        _breakdown(row),
        str(figure.observation.period),
        _cell(figure.observation.value),
        _limits(figure),
        _cell(None if row.england is None else row.england.observation.value),
        _cell(None if row.parent is None else row.parent.observation.value),
        _significance(figure.compared_to_england),
        _significance(figure.compared_to_parent),
        "-" if trend is None else trend.label,
    ]


def _area_significances(row: AreaScorecardRow) -> tuple[Significance | None, Significance | None]:
    return (row.figure.compared_to_england, row.figure.compared_to_parent)


def _area_title(first: PublishedFigure) -> str:
    return f"{first.observation.area} ({first.area_code})"


def _area_summary(table: OfficialTable, first: PublishedFigure, count: int) -> str:
    """One sentence on the file and the area, plain text."""
    parent = (
        f"; parent {first.parent_name or first.parent_code} ({first.parent_code})"
        if first.parent_code
        else ""
    )
    return (
        f"{table.source} ({table.layout.value} layout): {count} rows for the area at the latest "
        f"period of each indicator and breakdown{parent}"
    )


def render_area_scorecard(
    table: OfficialTable,
    area_code: str,
    *,
    output_format: Literal["text", "markdown", "json", "html"] = "text",
    colour: bool = False,
    findings: Sequence[Finding] = (),
) -> str:
    r"""One area's scorecard from an official statistics file, with England and its parent beside it.

    A row for each indicator and breakdown at its latest period (see
    [`area_scorecard`][safeguarding_model.official_files.area_scorecard]): the area's value
    and limits, England's and the parent's values, the publisher's comparisons with England
    and the parent and its recent trend, as printed. Then the reader's notes and, when given,
    ``findings`` (a check's, of the area's rows).

    Every string from the file (names, codes, breakdowns, printed cells, notes) is escaped for
    the format as [`render_report`][safeguarding_model.render.render_report] escapes a
    report's: one line each, control and bidirectional characters shown as escapes, Markdown
    and HTML markup written as references. ``colour`` colours the comparisons in the text
    format.

    Raises:
        UnknownIdError: When the table has no row for ``area_code``.

    Examples:
        >>> from safeguarding_model.official_files import read_official
        >>> from safeguarding_model.render import render_area_scorecard
        >>> from safeguarding_model import example_file
        >>> table = read_official(example_file("fingertips-renamed.csv"))
        >>> print(render_area_scorecard(table, "E10000017").splitlines()[0])
        Lancashire (E10000017)
    """
    from safeguarding_model.official_files import area_scorecard  # noqa: PLC0415 - the readers only for official files

    rows = area_scorecard(table, area_code)
    first = table.for_area(area_code)[0]
    if output_format == "json":
        return _area_json(table, first, rows, findings)
    if output_format == "html":
        return _area_html(table, first, rows, findings)
    if output_format == "markdown":
        return _area_markdown(table, first, rows, findings)
    return _area_text(table, first, rows, findings, colour=colour)


def _area_json(
    table: OfficialTable,
    first: PublishedFigure,
    rows: tuple[AreaScorecardRow, ...],
    findings: Sequence[Finding],
) -> str:
    def value(figure: PublishedFigure | None) -> object:
        return None if figure is None else to_jsonable(figure.observation.value)

    data = {
        "source": table.source,
        "layout": table.layout.value,
        "area": {
            "code": first.area_code,
            "name": first.observation.area,
            "type": first.area_type,
            "parent_code": first.parent_code,
            "parent_name": first.parent_name,
        },
        "scorecard": [
            {
                "indicator": row.indicator.id,
                "name": row.indicator.name,
                "breakdown": dict(row.breakdown),
                "period": str(row.figure.observation.period),
                "line": row.figure.line,
                "value": value(row.figure),
                "lower": to_jsonable(row.figure.observation.lower),
                "upper": to_jsonable(row.figure.observation.upper),
                "confidence": row.figure.observation.confidence,
                "england": value(row.england),
                "parent": value(row.parent),
                "compared_to_england": to_jsonable(row.figure.compared_to_england),
                "compared_to_parent": to_jsonable(row.figure.compared_to_parent),
                "parent_comparison": row.figure.parent_comparison,
                "recent_trend": to_jsonable(row.figure.recent_trend),
            }
            for row in rows
        ],
        "notes": list(table.notes),
        "findings": to_jsonable(tuple(findings)),
    }
    return escape_json(json.dumps(data, indent=2, ensure_ascii=False))


def _area_closing(
    table: OfficialTable,
    findings: Sequence[Finding],
    *,
    heading: str,
    escape: Callable[[str], str],
) -> list[str]:
    out: list[str] = []
    if table.notes:
        out += [f"{heading}Notes", ""]
        out += [f"- {escape(note)}" for note in table.notes]
        out.append("")
    if findings:
        errors = sum(1 for f in findings if f.severity is Severity.ERROR)
        out += [f"{heading}Findings", "", f"{len(findings)} findings, {errors} errors", ""]
        out += [f"- {escape(f'{finding.code} {finding}')}" for finding in findings]
    return out


def _area_text(
    table: OfficialTable,
    first: PublishedFigure,
    rows: tuple[AreaScorecardRow, ...],
    findings: Sequence[Finding],
    *,
    colour: bool,
) -> str:
    """The text format: every string from the file through ``escape_terminal``; colours are ours."""
    lines = [[escape_terminal(cell) for cell in _area_cells(row)] for row in rows]
    out = [escape_terminal(_area_title(first)), ""]
    out += [escape_terminal(_area_summary(table, first, len(rows))), "", "Scorecard", ""]
    widths = [
        min(40, max([len(_AREA_HEADERS[i])] + [len(line[i]) for line in lines]))
        for i in range(len(_AREA_HEADERS))
    ]
    out.append("  ".join(h.ljust(widths[i]) for i, h in enumerate(_AREA_HEADERS)).rstrip())
    for line, row in zip(lines, rows, strict=True):
        cells = [
            c if len(c) <= widths[i] else c[: widths[i] - 3] + "..." for i, c in enumerate(line)
        ]
        padded = [c.ljust(widths[i]) for i, c in enumerate(cells)]
        for i, significance in zip(_AREA_SIGNIFICANCE, _area_significances(row), strict=True):
            if colour and significance is not None:
                padding = padded[i][len(cells[i]) :]
                padded[i] = f"{_ANSI[significance.rag]}{cells[i]}\033[0m{padding}"
        out.append("  ".join(padded).rstrip())
    out.append("")
    out += _area_closing(table, findings, heading="", escape=escape_terminal)
    return "\n".join(out).rstrip("\n")


def _area_markdown(
    table: OfficialTable,
    first: PublishedFigure,
    rows: tuple[AreaScorecardRow, ...],
    findings: Sequence[Finding],
) -> str:
    """The Markdown format: every string from the file through ``escape_markdown``."""
    out = [f"# {escape_markdown(_area_title(first))}", ""]
    out += [escape_markdown(_area_summary(table, first, len(rows))), "", "## Scorecard", ""]
    out.append("| " + " | ".join(_AREA_HEADERS) + " |")
    out.append("|" + " --- |" * len(_AREA_HEADERS))
    out += ["| " + " | ".join(escape_markdown(c) for c in _area_cells(row)) + " |" for row in rows]
    out.append("")
    out += _area_closing(table, findings, heading="## ", escape=escape_markdown)
    return "\n".join(out).rstrip("\n")


def _area_html(
    table: OfficialTable,
    first: PublishedFigure,
    rows: tuple[AreaScorecardRow, ...],
    findings: Sequence[Finding],
) -> str:
    """The HTML format: every string from the file through ``escape_html``."""
    body = []
    for row in rows:
        cells = [f"<td>{escape_html(cell)}</td>" for cell in _area_cells(row)]
        for i, significance in zip(_AREA_SIGNIFICANCE, _area_significances(row), strict=True):
            if significance is not None:
                cells[i] = (
                    f'<td class="{significance.rag.value}">{escape_html(significance.label)}</td>'
                )
        body.append(f"<tr>{''.join(cells)}</tr>")
    header = "".join(f"<th>{escape_html(h)}</th>" for h in _AREA_HEADERS)
    title = escape_html(_area_title(first))
    parts = [
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>',
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
        f"<p>{escape_html(_area_summary(table, first, len(rows)))}</p>",
        f"<h2>Scorecard</h2><table><thead><tr>{header}</tr></thead><tbody>{''.join(body)}</tbody></table>",
    ]
    if table.notes:
        items = "".join(f"<li>{escape_html(note)}</li>" for note in table.notes)
        parts.append(f"<h2>Notes</h2><ul>{items}</ul>")
    if findings:
        items = "".join(
            f'<li class="{f.severity.value}">{escape_html(f"{f.code} {f}")}</li>' for f in findings
        )
        parts.append(f"<h2>Findings</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
