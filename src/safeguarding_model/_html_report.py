"""The HTML report: one self-contained page that reads like a public-health profile.

A sticky contents bar; the report's [`headline`][safeguarding_model.headlines.headline]; a
table per indicator group with a spine chart against England in the profiles' colours and a
trend sparkline; the budget reconciled by side and section, discrepancies highlighted; the
inspections; and the findings grouped by rule, each linked to the indicator it concerns. No
scripts and no external files: the styles are inline and the charts are inline SVG.

Every string from the report goes through [`escape_html`][safeguarding_model._escape.escape_html],
in text and in attributes alike; ids made from the report's ids are slugs of ASCII letters,
digits, ``-`` and ``_``.

Examples:
    >>> from safeguarding_model import load_example
    >>> from safeguarding_model._html_report import html_report
    >>> page = html_report(load_example())
    >>> page.startswith("<!doctype html>"), "<script" in page
    (True, False)
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Final

from safeguarding_model._escape import escape_html
from safeguarding_model.budgets import Side
from safeguarding_model.checks import check
from safeguarding_model.findings import Finding, Severity
from safeguarding_model.headlines import NOT_COMPARABLE, Headline, headline, inspection_line
from safeguarding_model.indicators import figure_of, observation_interval
from safeguarding_model.markers import Direction, Significance
from safeguarding_model.periods import FinancialQuarter
from safeguarding_model.reconciliation import reconcile
from safeguarding_model.scorecards import ScorecardRow, scorecard

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from safeguarding_model.indicators import Observation
    from safeguarding_model.reconciliation import Discrepancy, Reconciliation, SideTotals
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = ["COLOURS", "CSS", "html_report"]

COLOURS: Final = {
    Significance.BETTER: "#92D050",
    Significance.SIMILAR: "#FFC000",
    Significance.WORSE: "#C00000",
    Significance.HIGHER: "#3F6FD8",
    Significance.LOWER: "#BED2FF",
    Significance.NOT_COMPARED: "#BFBFBF",
}
"""The fill of a spine chart's marker for each computed comparison, as the profiles colour them.

Examples:
    >>> from safeguarding_model._html_report import COLOURS
    >>> from safeguarding_model.markers import Direction, Significance
    >>> COLOURS[Significance.WORSE], COLOURS[Significance.NOT_COMPARED]
    ('#C00000', '#BFBFBF')
"""

CSS: Final = """
:root { --fg: #1b1f23; --bg: #ffffff; --muted: #5b636b; --line: #d6dadf; --band: #f1f4f7;
  --accent: #0b5394; --bar: #0b3d6b; --bar-fg: #ffffff; --warn-bg: #fff4d6; --bad-bg: #fbe3e3; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8ea; --bg: #14171a; --muted: #a2a9b1; --line: #3a4048; --band: #1e2328;
    --accent: #8ab4f8; --bar: #0e2a45; --bar-fg: #e6e8ea; --warn-bg: #3b3116; --bad-bg: #4a1f1f; }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 3.2rem; }
body { font-family: system-ui, -apple-system, "Segoe UI", Arial, sans-serif; margin: 0;
  color: var(--fg); background: var(--bg); line-height: 1.45; overflow-wrap: break-word; }
main { max-width: 72rem; margin: 0 auto; padding: 0 1rem 3rem; }
nav.contents { position: sticky; top: 0; z-index: 2; background: var(--bar); color: var(--bar-fg);
  display: flex; gap: 0.2rem; overflow-x: auto; white-space: nowrap; padding: 0.35rem 0.6rem;
  font-size: 0.85rem; }
nav.contents a { color: var(--bar-fg); text-decoration: none; padding: 0.2rem 0.55rem;
  border-radius: 0.25rem; }
nav.contents a:hover, nav.contents a:focus { background: rgba(255, 255, 255, 0.18); }
nav.contents a.main { font-weight: 600; }
h1 { font-size: 1.55rem; margin: 1.2rem 0 0.2rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem;
  border-bottom: 3px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
a { color: var(--accent); }
.meta, .muted, small { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(15rem, 1fr)); gap: 0.8rem;
  align-items: start; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 0.3rem;
  padding: 0.6rem 0.8rem; background: var(--band); }
.card h3 { margin: 0 0 0.3rem; font-size: 0.95rem; text-transform: uppercase;
  letter-spacing: 0.03em; color: var(--muted); }
.card .big { font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
.card ul, .card ol { margin: 0.3rem 0 0; padding-left: 1.1rem; }
.chips { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0.4rem 0; padding: 0;
  list-style: none; }
.chip { display: inline-block; border-radius: 1rem; padding: 0.05rem 0.55rem; font-size: 0.85rem;
  border: 1px solid rgba(0, 0, 0, 0.25); color: #111; }
.chip.better, .chip.green { background: #92D050; } .chip.similar, .chip.amber { background: #FFC000; }
.chip.worse, .chip.red { background: #C00000; color: #fff; }
.chip.higher { background: #3F6FD8; color: #fff; } .chip.lower { background: #BED2FF; }
.chip.not_compared, .chip.grey { background: #BFBFBF; }
.chip.error { background: #C00000; color: #fff; } .chip.warning { background: #FFC000; color: #111; }
.chip.info { background: #BED2FF; color: #111; }
.card ul.chips { padding: 0; }
.cmp { display: flex; align-items: center; gap: 0.4rem; }
.note { background: var(--band); border-left: 4px solid #BFBFBF; padding: 0.4rem 0.7rem;
  margin: 0.4rem 0 0.6rem; font-size: 0.9rem; }
.scroll { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.88rem; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: middle; }
thead th { background: var(--band); font-weight: 600; vertical-align: bottom; }
td.num, th.num, td.period { text-align: right; white-space: nowrap; }
td.period { text-align: left; }
.trend small { display: block; white-space: nowrap; }
.finding .where { font-weight: 600; }
table.budget { table-layout: fixed; }
table.budget th.num { width: 18%; }
table.indicators { min-width: 46rem; }
table.indicators.narrow { min-width: 30rem; }
table.indicators td:first-child { min-width: 12rem; }
tr:target { outline: 3px solid var(--accent); }
svg { display: block; overflow: visible; }
svg .band { fill: var(--band); stroke: var(--line); }
svg .axis { stroke: var(--fg); stroke-width: 2; }
svg .tick { stroke: var(--muted); stroke-width: 1; }
svg .whisker { stroke: var(--fg); stroke-width: 1.5; }
svg .other { fill: var(--bg); stroke: var(--fg); stroke-width: 1.2; }
svg .marker { stroke: #222; stroke-width: 1; }
svg text { fill: var(--muted); font-size: 10px; }
svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .england { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 3 2; }
svg .point { fill: var(--accent); }
.red { background: #f4c7c3; } .amber { background: #fce8b2; } .green { background: #b7e1cd; }
.blue { background: #c9daf8; } .grey { color: #777; }
pre { background: var(--band); padding: 1rem; overflow-x: auto; }
.error { color: #a50e0e; } .warning { color: #8a5a00; }
tr.discrepancy td, li.discrepancy { background: var(--bad-bg); }
tr.discrepancy td:first-child { border-left: 4px solid #C00000; }
tr.total td { font-weight: 600; }
.findings ol { padding-left: 1.2rem; }
.findings li { margin: 0.35rem 0; }
.findings li:target { outline: 3px solid var(--accent); }
.numbers { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.82rem; }
img { max-width: 100%; height: auto; }
footer { margin-top: 2rem; font-size: 0.8rem; color: var(--muted); }
@media (max-width: 40rem) {
  main { padding: 0 0.6rem 2rem; }
  h1 { font-size: 1.3rem; }
  table.indicators, table.indicators.narrow { min-width: 0; }
  table.indicators thead, table.indicators tbody, table.indicators tr,
  table.indicators td { display: block; }
  table.indicators thead th { display: none; }
  table.indicators thead th.spine-head { display: block; background: none; }
  table.indicators tr { padding: 0.45rem 0; border-bottom: 1px solid var(--line); }
  table.indicators td { border: none; padding: 0.1rem 0.2rem; text-align: left; }
  table.indicators td:first-child { font-weight: 600; min-width: 0; }
  table.indicators td.period, table.indicators td.num { display: inline-block;
    margin-right: 0.8rem; vertical-align: top; }
  table.indicators td[data-label]::before { content: attr(data-label) " "; color: var(--muted);
    font-size: 0.8rem; }
  .trend { display: flex; align-items: center; gap: 0.5rem; }
}
@media print {
  nav.contents { display: none; }
  :root { --fg: #000; --bg: #fff; --muted: #333; --line: #999; --band: #fff; --accent: #000; }
  body { color: #000; background: #fff; }
  .scroll { overflow: visible; }
  table.indicators { min-width: 0; }
  tr, li, .card { break-inside: avoid; page-break-inside: avoid; }
  .chip, tr.discrepancy td, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  a { color: #000; text-decoration: none; }
}
"""
"""The page's stylesheet: light and dark palettes, a phone layout and a print stylesheet.

Examples:
    >>> from safeguarding_model._html_report import CSS
    >>> "@media print" in CSS, "prefers-color-scheme: dark" in CSS
    (True, True)
"""

_SPAN: Final = 0.5
"""The spine chart's half-width: the area's value this far above or below England's (relative)."""

_SPINE_WIDTH: Final = 170
_SPINE_HEIGHT: Final = 28
_SPINE_PAD: Final = 9
_SPARK_WIDTH: Final = 120
_SPARK_HEIGHT: Final = 34
_TREND_POINTS: Final = 3
"""The fewest of the area's figures that make a trend chart."""

_SEVERITIES: Final = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_OTHER_GROUP: Final = "Other indicators"
_SLUG_UNSAFE: Final = re.compile(r"[^A-Za-z0-9_-]+")

_Key = tuple[str, str | None, str | None]
"""Where a budget discrepancy is: side, section and row label."""


def _slug(text: str) -> str:
    """``text`` as an id fragment: ASCII letters, digits, ``-`` and ``_``; a hash when changed."""
    slug = _SLUG_UNSAFE.sub("-", text).strip("-")[:60]
    if slug and slug == text:
        return slug
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug}-{digest}" if slug else digest


def _indicator_anchor(indicator_id: str) -> str:
    return f"indicator-{_slug(indicator_id)}"


def _parts_line(row: ScorecardRow) -> str:
    """The figures of the latest period's quarters (or months), small under its value."""
    if not row.parts:
        return ""
    shown = ", ".join(
        f"{escape_html(_short_period(part.period))} {_printed(part.value)}"
        for part in row.parts
        if part is not None
    )
    return f'<br><small class="parts">{shown}</small>'


def _short_period(period: object) -> str:
    """A quarter as ``Q1``, a month as its name, else the period as printed."""
    text = str(period)
    return text.rsplit(" ", 1)[-1] if text[-2:-1] == "Q" else text


def _printed(value: Value | None) -> str:
    """A figure as printed (escaped); a dash when there is none."""
    if value is None:
        return "–"
    if value.printed is not None:
        return escape_html(value.printed.strip() or "(blank)")
    return "–" if value.number is None else escape_html(str(value.number))


def _pounds(amount: Decimal | None) -> str:
    if amount is None:
        return "–"
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,}"


def _number(number: float) -> str:
    """A computed number for a chart's description: four significant figures."""
    return f"{number:.4g}"


def _svg(label: str, width: int, height: int, body: str, css_class: str) -> str:
    """An inline SVG with its description as ``aria-label`` and ``<title>`` (``label`` escaped)."""
    text = escape_html(label)
    return (
        f'<svg class="{css_class}" role="img" aria-label="{text}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{text}</title>{body}</svg>'
    )


# --- spine charts ------------------------------------------------------------------------------


def _position(value: float, england: float) -> tuple[float, bool]:
    """Where ``value`` goes on a spine centred on ``england``, and whether it was clipped."""
    relative = (value - england) / abs(england)
    clipped = max(-_SPAN, min(_SPAN, relative))
    half = _SPINE_WIDTH / 2 - _SPINE_PAD
    return _SPINE_WIDTH / 2 + clipped / _SPAN * half, clipped != relative


def _interval(row: ScorecardRow) -> tuple[float, float] | None:
    """The area's confidence interval: as printed, else from its printed counts; else none."""
    latest = row.latest
    if latest.lower is not None and latest.upper is not None:
        return float(latest.lower), float(latest.upper)
    if latest.count is None or latest.denominator is None:
        return None
    interval = observation_interval(row.indicator, latest)
    return None if interval is None else (float(interval.lower), float(interval.upper))


def _spine(row: ScorecardRow, area: str) -> str:
    """The spine chart of a row, or a dash when the area's or England's number is missing."""
    england_figure = row.comparator("England")
    value = row.latest.value.number
    england = None if england_figure is None else england_figure.value.number
    if value is None or england is None or england == 0:
        return '<span class="muted">–</span>'
    significance = row.computed_significance
    middle = _SPINE_HEIGHT / 2
    half = _SPINE_WIDTH / 2 - _SPINE_PAD
    centre = _SPINE_WIDTH / 2
    parts = [
        f'<rect class="band" x="{_SPINE_PAD}" y="{middle - 7}" width="{2 * half}" height="14"/>',
        *(
            f'<line class="tick" x1="{x:.1f}" y1="{middle - 7}" x2="{x:.1f}" y2="{middle + 7}"/>'
            for x in (centre - half / 2, centre + half / 2)
        ),
        f'<line class="axis" x1="{centre}" y1="1" x2="{centre}" y2="{_SPINE_HEIGHT - 1}"/>',
    ]
    words = [
        f"{area} {_number(float(value))} against England {_number(float(england))}",
        f"{(float(value) - float(england)) / abs(float(england)):+.1%} from England",
    ]
    interval = _interval(row)
    if interval is not None:
        low, _ = _position(interval[0], float(england))
        high, _ = _position(interval[1], float(england))
        parts.append(
            f'<path class="whisker" d="M{low:.1f} {middle - 4}V{middle + 4}M{low:.1f} {middle}'
            f'H{high:.1f}M{high:.1f} {middle - 4}V{middle + 4}"/>'
        )
        words.append(f"interval {_number(interval[0])} to {_number(interval[1])}")
    for other in dict.fromkeys(o.area for o in row.comparators if o.area != "England"):
        figure = figure_of(other, row.comparators)
        if figure is None or figure.value.number is None:
            continue
        x, _ = _position(float(figure.value.number), float(england))
        parts.append(
            f'<path class="other" d="M{x:.1f} {middle - 5}L{x + 3.5:.1f} {middle}'
            f'L{x:.1f} {middle + 5}L{x - 3.5:.1f} {middle}Z"/>'
        )
        words.append(f"{other} {_number(float(figure.value.number))}")
    x, clipped = _position(float(value), float(england))
    fill = COLOURS[significance]
    if clipped:
        point = 1 if x > centre else -1
        parts.append(
            f'<path class="marker" fill="{fill}" d="M{x + 6 * point:.1f} {middle}'
            f'L{x - 3 * point:.1f} {middle - 6}L{x - 3 * point:.1f} {middle + 6}Z"/>'
        )
        words.append(f"beyond {_SPAN:.0%} of England's value, shown at the edge")
    else:
        parts.append(f'<circle class="marker" fill="{fill}" cx="{x:.1f}" cy="{middle}" r="5.5"/>')
    words.append(
        "not compared with England"
        if significance is Significance.NOT_COMPARED
        else f"computed: {significance.label.lower()} than England"
        if significance is not Significance.SIMILAR
        else "computed: similar to England"
    )
    return _svg("; ".join(words), _SPINE_WIDTH, _SPINE_HEIGHT, "".join(parts), "spine")


def _spine_axis() -> str:
    """The spine column's axis: the scale of every spine chart below it."""
    half = _SPINE_WIDTH / 2 - _SPINE_PAD
    centre = _SPINE_WIDTH / 2
    body = (
        f'<line class="axis" x1="{centre}" y1="14" x2="{centre}" y2="24"/>'
        f'<line class="tick" x1="{_SPINE_PAD}" y1="20" x2="{_SPINE_WIDTH - _SPINE_PAD}" y2="20"/>'
        f'<text x="{_SPINE_PAD}" y="10">−{_SPAN:.0%}</text>'
        f'<text x="{centre}" y="10" text-anchor="middle">England</text>'
        f'<text x="{_SPINE_WIDTH - _SPINE_PAD}" y="10" text-anchor="end">+{_SPAN:.0%}</text>'
        f'<text x="{centre - half / 2}" y="30" text-anchor="middle">lower</text>'
        f'<text x="{centre + half / 2}" y="30" text-anchor="middle">higher</text>'
    )
    label = (
        f"Scale of the spine charts: the area's value relative to England's, from {_SPAN:.0%} "
        f"lower to {_SPAN:.0%} higher; England is the centre line"
    )
    return _svg(label, _SPINE_WIDTH, 32, body, "axis-key")


# --- trend sparklines --------------------------------------------------------------------------


def _own_series(report: AnnualReport, row: ScorecardRow) -> tuple[Observation, ...]:
    """The area's figures of a row's indicator over periods: annual ones where there are any."""
    own = [o for o in report.series(row.indicator.id).own() if o.value.number is not None]
    annual = [o for o in own if not isinstance(o.period, FinancialQuarter)]
    chosen = annual or own
    return tuple({str(o.period): o for o in chosen}.values())


def _sparkline(report: AnnualReport, row: ScorecardRow) -> str:
    """A trend sparkline of the area (England dashed where printed); a dash under 3 figures."""
    own = _own_series(report, row)
    if len(own) < _TREND_POINTS:
        return ""
    series = report.series(row.indicator.id)
    england = {
        str(o.period): float(o.value.number)
        for o in series.of("England")
        if o.value.number is not None
    }
    periods = [str(o.period) for o in own]
    values = [float(o.value.number) for o in own if o.value.number is not None]
    theirs = [(i, england[p]) for i, p in enumerate(periods) if p in england]
    numbers = values + [v for _, v in theirs]
    low, high = min(numbers), max(numbers)
    spread = (high - low) or 1.0
    pad = 4

    def point(i: int, v: float) -> str:
        x = pad + i * (_SPARK_WIDTH - 2 * pad) / (len(periods) - 1)
        y = _SPARK_HEIGHT - pad - (v - low) / spread * (_SPARK_HEIGHT - 2 * pad)
        return f"{x:.1f},{y:.1f}"

    body = ""
    if len(theirs) > 1:
        body += f'<polyline class="england" points="{" ".join(point(i, v) for i, v in theirs)}"/>'
    body += (
        f'<polyline class="line" points="{" ".join(point(i, v) for i, v in enumerate(values))}"/>'
    )
    for i, v in enumerate(values):
        x, y = point(i, v).split(",")
        body += f'<circle class="point" cx="{x}" cy="{y}" r="{3 if i == len(values) - 1 else 2}"/>'
    words = [
        f"Trend of {row.indicator.name} in {report.area.name}: "
        + ", ".join(f"{p} {_number(v)}" for p, v in zip(periods, values, strict=True))
    ]
    if theirs:
        words.append(
            "England (dashed): " + ", ".join(f"{periods[i]} {_number(v)}" for i, v in theirs)
        )
    chart = _svg("; ".join(words), _SPARK_WIDTH, _SPARK_HEIGHT, body, "trend")
    return f"{chart}<small>{escape_html(periods[0])} to {escape_html(periods[-1])}</small>"


# --- the page's parts --------------------------------------------------------------------------


def _groups(rows: Sequence[ScorecardRow]) -> dict[str, list[ScorecardRow]]:
    groups: dict[str, list[ScorecardRow]] = defaultdict(list)
    for row in rows:
        groups[row.indicator.group or _OTHER_GROUP].append(row)
    return groups


def _badge(significance: Significance | None, prefix: str = "") -> str:
    if significance is None:
        return ""
    return (
        f'<span class="chip {significance.value}">{prefix}{escape_html(significance.label)}</span>'
    )


def _has_england(row: ScorecardRow) -> bool:
    england = row.comparator("England")
    return england is not None and england.value.number is not None


def _indicator_row(
    report: AnnualReport,
    row: ScorecardRow,
    concerning: dict[str, list[str]],
    *,
    england: bool,
    stated_column: bool,
) -> str:
    """An indicator's row; England's figure and the spine chart when ``england``.

    Without England, the stated comparison has a column of its own when ``stated_column``.
    """
    interval = ""
    if row.latest.lower is not None and row.latest.upper is not None:
        interval = (
            f"<br><small>{escape_html(str(row.latest.lower))} to "
            f"{escape_html(str(row.latest.upper))}</small>"
        )
    computed = (
        ""
        if row.computed_significance is Significance.NOT_COMPARED
        else _badge(row.computed_significance)
    )
    stated = _badge(row.latest.stated_significance, "stated: ")
    anchor = _indicator_anchor(row.indicator.id)
    flags = concerning.get(row.indicator.id, [])
    flagged = (
        f'<br><small><a href="#{flags[0]}">{len(flags)} finding{"s" * (len(flags) != 1)}</a>'
        "</small>"
        if flags
        else ""
    )
    travel = (
        ""
        if row.computed_direction is Direction.NOT_COMPARED
        else f"<small>{escape_html(row.computed_direction.source_word)}</small>"
    )
    cells = [
        f"<td>{escape_html(row.indicator.name)}{flagged}</td>",
        f'<td class="period" data-label="Period">{escape_html(str(row.latest.period))}</td>',
        (
            f'<td class="num" data-label="Value">{_printed(row.latest.value)}{interval}'
            f"{_parts_line(row)}</td>"
        ),
    ]
    if england:
        figure = _printed(None if (found := row.comparator("England")) is None else found.value)
        cells += [
            f'<td class="num" data-label="England">{figure}</td>',
            f'<td><div class="cmp">{_spine(row, report.area.name)}{computed}{stated}</div></td>',
        ]
    elif stated_column:
        cells.append(f"<td>{stated}</td>")
    cells.append(f'<td><div class="trend">{_sparkline(report, row)}{travel}</div></td>')
    return f'<tr id="{anchor}">{"".join(cells)}</tr>'


_NO_ENGLAND: Final = (
    "the report prints no England figure for these indicators; supply one in the report file, "
    "or from a profile download with add_official_figures"
)
"""Why a group with no England figure at all was not compared."""


def _group_section(
    report: AnnualReport,
    number: int,
    name: str,
    rows: list[ScorecardRow],
    concerning: dict[str, list[str]],
) -> str:
    """A group's heading, why (once) where nothing was compared, and its table."""
    compared = [r for r in rows if r.computed_significance is not Significance.NOT_COMPARED]
    england = any(_has_england(row) for row in rows)
    stated_column = any(row.latest.stated_significance is not None for row in rows)
    note = ""
    if not compared:
        reason = NOT_COMPARABLE if england else _NO_ENGLAND
        note = f'<p class="note not-compared">Not compared with England: {escape_html(reason)}.</p>'
    elif len(compared) < len(rows):
        note = (
            f'<p class="note not-compared">{len(rows) - len(compared)} of {len(rows)} indicators '
            "here were not compared with England (grey markers, or no chart): their figures "
            "print no count with its denominator or confidence limits, or England's figure is "
            "missing.</p>"
        )
    header = '<tr><th>Indicator</th><th>Period</th><th class="num">Value</th>'
    if england:
        header += f'<th class="num">England</th><th class="spine-head">Compared with England{_spine_axis()}</th>'
    elif stated_column:
        header += "<th>Stated vs England</th>"
    header += "<th>Trend</th></tr>"
    body = "".join(
        _indicator_row(report, row, concerning, england=england, stated_column=stated_column)
        for row in rows
    )
    table = "indicators" if england else "indicators narrow"
    return (
        f'<section id="group-{number}" class="group"><h2>{escape_html(name)}</h2>{note}'
        f'<div class="scroll"><table class="{table}"><thead>{header}</thead>'
        f"<tbody>{body}</tbody></table></div></section>"
    )


def _finding_link(finding: Finding, ids: dict[int, str]) -> str:
    return f'<a href="#{ids[id(finding)]}">{escape_html(finding.code)}</a>'


def _headline_section(top: Headline, ids: dict[int, str], groups: int) -> str:
    cards = []
    chips = "".join(
        f'<li class="chip {label}">{count} {escape_html(Significance(label).label.lower())}</li>'
        for label, count in top.significance.items()
    )
    compared = (
        f'<ul class="chips">{chips}</ul>'
        if top.compared
        else f'<p class="note">{escape_html(top.not_compared_reason or "")}</p>'
    )
    cards.append(
        f'<div class="card"><h3>Indicators</h3><div class="big">{top.indicators}</div>'
        f"<p>in {groups} groups; {top.compared} compared with England</p>{compared}</div>"
    )
    if top.income is None and top.expenditure is None:
        budget = "<p>No budget in the report.</p>"
    else:
        balance = ""
        if top.balance is not None:
            outcome = "deficit" if top.balance < 0 else "surplus" if top.balance > 0 else "balanced"
            balance = f"<li>Balance {_pounds(top.balance)} ({outcome})</li>"
        adds = (
            "Every stated total adds up."
            if not top.budget_discrepancies
            else f'<a href="#budget">{top.budget_discrepancies} stated figures do not add up</a>.'
        )
        budget = (
            f"<ul><li>Income {_pounds(top.income)}</li><li>Expenditure "
            f"{_pounds(top.expenditure)}</li>{balance}</ul><p>{adds}</p>"
        )
    cards.append(f'<div class="card"><h3>Budget</h3>{budget}</div>')
    lines = "".join(f"<li>{escape_html(line)}</li>" for line in top.inspections)
    cards.append(
        f'<div class="card"><h3>Inspections</h3>'
        f"{f'<ul>{lines}</ul>' if lines else '<p>None reported.</p>'}</div>"
    )
    severities = "".join(
        f'<li class="chip {escape_html(name)}">{count} {escape_html(_plural(name, count))}</li>'
        for name, count in top.findings.items()
        if count
    )
    serious = "".join(
        f"<li>{_finding_link(f, ids)} {escape_html(f.location)}: "
        f"{escape_html(_short(f.message))}</li>"
        for f in top.most_serious
    )
    cards.append(
        f'<div class="card"><h3>Findings</h3><div class="big">{sum(top.findings.values())}</div>'
        f'<ul class="chips">{severities}</ul>'
        f"{f'<p>Most serious:</p><ol>{serious}</ol>' if serious else ''}</div>"
    )
    return f'<section id="headline"><h2>Headline</h2><div class="cards">{"".join(cards)}</div></section>'


def _plural(severity: str, count: int) -> str:
    """``error`` as ``errors`` when there are several; ``info`` as it is."""
    return severity if count == 1 or severity == Severity.INFO.value else f"{severity}s"


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _discrepancy_key(discrepancy: Discrepancy) -> _Key:
    location = discrepancy.location
    return location.side.value, location.section, location.label


def _budget_row(
    name: str, computed: Decimal, stated: Decimal | None, discrepancy: Discrepancy | None, css: str
) -> str:
    """One row of a side's table; highlighted when a discrepancy is found there."""
    classes = " ".join(c for c in (css, "discrepancy" if discrepancy else "") if c)
    attribute = f' class="{classes}"' if classes else ""
    difference = "" if discrepancy is None else _pounds(discrepancy.difference)
    return (
        f'<tr{attribute}><td>{name}</td><td class="num">{_pounds(computed)}</td>'
        f'<td class="num">{_pounds(stated)}</td><td class="num">{difference}</td></tr>'
    )


def _side_table(side: SideTotals, found: dict[_Key, Discrepancy]) -> str:
    """A side's sections, computed beside stated; ``found`` loses the discrepancies shown here."""
    name = side.side.value
    rows = [
        _budget_row(
            escape_html(totals.section),
            totals.computed,
            totals.stated,
            found.pop((name, totals.section, "subtotal"), None),
            "",
        )
        for totals in side.sections
    ]
    total = found.pop((name, None, "total"), None)
    rows.append(_budget_row("Total", side.from_subtotals, side.stated, total, "total"))
    rows.append(
        f'<tr class="lines"><td><small>the lines add up to</small></td>'
        f'<td class="num"><small>{_pounds(side.from_lines)}</small></td><td></td><td></td></tr>'
    )
    return (
        f'<h3>{name.capitalize()}</h3><div class="scroll"><table class="budget">'
        '<thead><tr><th>Section</th><th class="num">Adds up to</th><th class="num">Stated</th>'
        f'<th class="num">Difference</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def _budget_section(reconciliation: Reconciliation | None) -> str:
    if reconciliation is None:
        return '<section id="budget"><h2>Budget</h2><p>The report has no budget.</p></section>'
    r = reconciliation
    found: dict[_Key, Discrepancy] = {}
    for discrepancy in r.discrepancies:
        found.setdefault(_discrepancy_key(discrepancy), discrepancy)
    placed = {id(d) for d in found.values()}
    intro = (
        f"<p>Budget {escape_html(str(r.period))}, reconciled with a tolerance of "
        f"{escape_html(str(r.tolerance))} pounds: each section's lines added up and set beside "
        "the subtotal it states; rows that disagree are highlighted.</p>"
    )
    parts = [intro]
    for side, totals in ((Side.INCOME, r.income), (Side.EXPENDITURE, r.expenditure)):
        if totals is None:
            parts.append(f"<h3>{side.value.capitalize()}</h3><p>Not stated.</p>")
        else:
            parts.append(_side_table(totals, found))
    shown = placed - {id(d) for d in found.values()}
    elsewhere = [d for d in r.discrepancies if id(d) not in shown]
    if elsewhere:
        items = "".join(f'<li class="discrepancy">{escape_html(str(d))}</li>' for d in elsewhere)
        parts.append(f"<h3>Other discrepancies</h3><ul>{items}</ul>")
    if r.income is not None and r.expenditure is not None:
        balance = r.income.from_lines - r.expenditure.from_lines
        outcome = "a deficit" if balance < 0 else "a surplus" if balance > 0 else "balanced"
        parts.append(
            f"<p><strong>Balance</strong> (lines): {_pounds(r.income.from_lines)} − "
            f"{_pounds(r.expenditure.from_lines)} = {_pounds(balance)} ({outcome}).</p>"
        )
    else:
        missing = "income" if r.income is None else "expenditure"
        parts.append(f"<p>Balance: not computed (the budget states no {missing}).</p>")
    if r.notices:
        items = "".join(f"<li>{escape_html(str(notice))}</li>" for notice in r.notices)
        parts.append(f"<h3>Notices</h3><ul>{items}</ul>")
    return f'<section id="budget"><h2>Budget</h2>{"".join(parts)}</section>'


def _inspections_section(report: AnnualReport) -> str:
    if not report.inspections:
        return '<section id="inspections"><h2>Inspections</h2><p>None reported.</p></section>'
    items = "".join(f"<li>{escape_html(inspection_line(i))}</li>" for i in report.inspections)
    return f'<section id="inspections"><h2>Inspections</h2><ul>{items}</ul></section>'


def _by_rule(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings grouped by rule code, the rules with the most serious findings first."""
    by_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_code[finding.code].append(finding)
    order = sorted(
        by_code,
        key=lambda code: (min(_SEVERITIES.index(f.severity) for f in by_code[code]), code),
    )
    return [(code, by_code[code]) for code in order]


def _indicator_of(finding: Finding) -> str:
    """The indicator id a finding's location starts with (``"<id> / <area> / <period>"``)."""
    return finding.location.split(" / ", 1)[0]


def _findings_section(
    grouped: list[tuple[str, list[Finding]]],
    ids: dict[int, str],
    known: set[str],
    *,
    has_budget: bool,
) -> str:
    """The findings by rule, each with its anchor, linked to the indicator row or budget it concerns."""
    total = sum(len(group) for _, group in grouped)
    parts = [f"<p>{total} findings, grouped by rule, most serious first.</p>"]
    for code, group in grouped:
        items = []
        for finding in group:
            indicator = _indicator_of(finding)
            location = escape_html(finding.location)
            if indicator in known:
                href = f"#{_indicator_anchor(indicator)}"
                location = f'<a class="where" href="{href}">{location}</a>'
            elif finding.location.startswith("budget ") and has_budget:
                location = f'<a class="where" href="#budget">{location}</a>'
            else:
                location = f'<span class="where">{location}</span>'
            numbers = " · ".join(
                f"{escape_html(n.role.replace('_', ' '))} {escape_html(n.value)}"
                for n in finding.numbers
            )
            shown = f'<br><span class="numbers">{numbers}</span>' if numbers else ""
            severity = finding.severity.value
            items.append(
                f'<li id="{ids[id(finding)]}" class="finding">'
                f'<span class="chip {severity}">{severity}</span> '
                f"{location}: {escape_html(finding.message)}{shown}</li>"
            )
        parts.append(
            f'<h3 id="rule-{_slug(code)}">{escape_html(code)} <small>'
            f"{escape_html(str(group[0].kind))} · {len(group)}</small></h3><ol>{''.join(items)}</ol>"
        )
    return f'<section id="findings" class="findings"><h2>Findings</h2>{"".join(parts)}</section>'


def _picture(heading: str, light: str, dark: str) -> str:
    """A chart's heading and picture: its dark drawing in the dark scheme, its light one else."""
    alt = escape_html(heading)
    return (
        f"<h3>{alt}</h3><picture>"
        f'<source media="(prefers-color-scheme: dark)" srcset="{escape_html(dark)}">'
        f'<img alt="{alt}" src="{escape_html(light)}"></picture>'
    )


def html_report(
    report: AnnualReport,
    rows: tuple[ScorecardRow, ...] | None = None,
    findings: tuple[Finding, ...] | None = None,
    reconciliation: Reconciliation | None = None,
    *,
    images: Sequence[tuple[str, str, str]] = (),
) -> str:
    """The report as one self-contained HTML page, laid out like a public-health profile.

    Pass the scorecard, findings and reconciliation when already computed. ``images`` are
    extra charts shown at the end: a heading, then ``data:`` URLs of the chart drawn for light
    pages and for dark ones (shown by the reader's colour scheme).

    Args:
        report: The report.
        rows: Its [`scorecard`][safeguarding_model.scorecard], if computed.
        findings: Its [`check`][safeguarding_model.check] findings, if computed.
        reconciliation: Its budget's [`reconcile`][safeguarding_model.reconcile], if computed.
        images: Headings and ``data:image/png`` URLs (light, then dark) of charts to show
            below the findings.

    Examples:
        >>> from safeguarding_model import load_example
        >>> from safeguarding_model._html_report import html_report
        >>> page = html_report(load_example())
        >>> page.count('class="spine"') > 0, 'id="headline"' in page
        (True, True)
    """
    rows = scorecard(report) if rows is None else rows
    findings = check(report) if findings is None else findings
    if reconciliation is None and report.budget is not None:
        reconciliation = reconcile(report.budget)
    top = headline(report, rows=rows, findings=findings, reconciliation=reconciliation)
    ids = {id(finding): f"finding-{number}" for number, finding in enumerate(findings, 1)}
    grouped = _by_rule(findings)
    known = {row.indicator.id for row in rows}
    concerning: dict[str, list[str]] = defaultdict(list)
    for _, group in grouped:
        for finding in group:
            if _indicator_of(finding) in known:
                concerning[_indicator_of(finding)].append(ids[id(finding)])
    groups = _groups(rows)
    links = ['<a class="main" href="#headline">Headline</a>']
    links += [
        f'<a href="#group-{number}">{escape_html(name)}</a>'
        for number, name in enumerate(groups, 1)
    ]
    links += [
        '<a class="main" href="#budget">Budget</a>',
        '<a class="main" href="#inspections">Inspections</a>',
        '<a class="main" href="#findings">Findings</a>',
    ]
    if images:
        links.append('<a class="main" href="#charts">Charts</a>')
    title = escape_html(top.title)
    code = "" if top.area_code is None else f" ({escape_html(top.area_code)})"
    parts = [
        (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{CSS}</style></head><body>"
        ),
        f'<nav class="contents" aria-label="Contents">{"".join(links)}</nav><main>',
        (
            f'<header><h1>{title}</h1><p class="meta">{escape_html(top.arrangement)} · '
            f"{escape_html(top.area)}{code} · {escape_html(top.period)}</p></header>"
        ),
        _headline_section(top, ids, len(groups)),
    ]
    parts += [
        _group_section(report, number, name, group, concerning)
        for number, (name, group) in enumerate(groups.items(), 1)
    ]
    parts += [
        _budget_section(reconciliation),
        _inspections_section(report),
        _findings_section(grouped, ids, known, has_budget=reconciliation is not None),
    ]
    if images:
        figures = "".join(_picture(heading, light, dark) for heading, light, dark in images)
        parts.append(f'<section id="charts"><h2>Charts</h2>{figures}</section>')
    parts.append(
        "<footer>Spine charts: England's value is the centre line; the marker is the area's "
        "value, coloured by the computed comparison with England (green better, amber "
        "similar, red worse, blue higher or lower, grey not compared); the whisker is its "
        "confidence interval; diamonds are other comparators.</footer></main></body></html>"
    )
    return "\n".join(parts)
