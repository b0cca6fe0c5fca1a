"""Rules that re-derive the published judgements of an official statistics file (O).

A Fingertips download prints, beside each figure, the publisher's comparison with England and
with the parent area and its recent trend; both publishers print figures with their counts,
denominators and intervals. These rules recompute the judgements with the library's methods
and check each figure against its own counts and interval:

- O101: the comparison with England, from the row's printed interval (or its count and
  denominator) against England's figure of the same indicator, period and breakdown;
- O102: the same against the parent's figure (the row whose area code is the row's parent
  code), where the parent comparison is a significance word (not a quintile);
- O103: the recent trend, from the area's five most recent periods up to the row's;
- O104: a value that its count and denominator cannot give, allowing for the rounding of all
  three (and for DfE national and regional counts rounded to the nearest 10);
- O105: a value outside its own printed interval, allowing for rounding.

A label that disagrees (O101 to O103) is a warning: the publisher's method may differ from the
library's (its confidence level, Byar's or Wilson's interval, a directly standardised rate), and
the printed figures are rounded. A figure that its own counts or interval contradict (O104,
O105) is an error. [`check_official`][safeguarding_model.official_rules.check_official] runs
them all.

Examples:
    >>> from safeguarding_model import example_file
    >>> from safeguarding_model.fingertips import read_fingertips
    >>> from safeguarding_model.official_rules import RULES, check_official
    >>> [rule.code for rule in RULES]
    ['O101', 'O102', 'O103', 'O104', 'O105']
    >>> table = read_fingertips(example_file("planted-fingertips.csv"))
    >>> sorted(f.code for f in check_official(table))
    ['O101', 'O103', 'O104', 'O105']
"""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

from safeguarding_model._checked import collection_paused
from safeguarding_model._numbers import half_unit
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity, select_rules
from safeguarding_model.indicators import MeasureKind, computed_significances
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable
from safeguarding_model.statistics.recent_trend import TrendMarker

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

    from safeguarding_model._frozen import FrozenDict
    from safeguarding_model.indicators import IndicatorDefinition, Observation
    from safeguarding_model.official import PublishedFigure
    from safeguarding_model.periods import Period
    from safeguarding_model.provenance import Provenance

__all__ = ["RULES", "check_official"]

_LABELS: Final = "the publisher's method or rounding may differ"
"""What a label disagreement may rest on, said in each such finding."""

_POINTS: Final = 5
"""The periods a recent trend is tested over, as the profiles test them."""

_ROUNDED_TO_TEN: Final = frozenset({"national", "regional"})
"""The DfE levels whose counts may be rounded to the nearest 10."""

_LONGEST: Final = 40
"""The most characters of a file's code or id a finding quotes; a longer one is shortened."""


def _short(text: str) -> str:
    return text if len(text) <= _LONGEST else f"{text[:_LONGEST]}…"


def _provenance(*figures: PublishedFigure) -> tuple[Provenance, ...]:
    return tuple(
        figure.observation.provenance
        for figure in figures
        if figure.observation.provenance is not None
    )


_Key = tuple[str, int, int]
"""A figure's indicator, period and breakdown (the last two numbered by ``_Index``): what a
comparator's row must share with it."""

_HALF_UNITS: dict[int, Decimal] = {}
"""``half_unit`` of a number by its exponent, as it is first asked for (up to ``_REMEMBERED``)."""

_REMEMBERED: Final = 1024
"""The most exponents ``_half`` remembers: a table of numbers of every exponent grows it no further."""

_UNIT: Final = Decimal(1)
_HALF_OF_UNIT: Final = half_unit(_UNIT)
_TENTH: Final = Decimal("0.1")
_HALF_OF_TENTH: Final = half_unit(_TENTH)


def _half(number: Decimal) -> Decimal:
    """``half_unit(number)``, which the number's exponent alone decides.

    Whole numbers and numbers of one decimal place, most of a file's, are recognised by
    ``same_quantum`` (a sixth of the time of ``as_tuple``); other exponents are remembered.
    """
    if number.same_quantum(_UNIT):
        return _HALF_OF_UNIT
    if number.same_quantum(_TENTH):
        return _HALF_OF_TENTH
    exponent = number.as_tuple().exponent
    half = _HALF_UNITS.get(exponent) if isinstance(exponent, int) else None
    if half is None:
        half = half_unit(number)
        if isinstance(exponent, int) and len(_HALF_UNITS) < _REMEMBERED:
            _HALF_UNITS[exponent] = half
    return half


class _Index:
    """What the O rules share of one table, each part made once, when a rule first needs it.

    ``check_official`` makes one for all its rules. Periods and breakdowns are numbered by
    value (equal ones share a number), looked up first by the object itself: a reader hands
    the same period object to every row printing the same period, and hashing a period or a
    breakdown is most of the cost of keying a row by them. The table holds every object the
    numbering looked up, so no identity is reused while the index lives.
    """

    def __init__(self, table: OfficialTable) -> None:
        self.table = table
        self.figures = table.figures
        self.definitions = {indicator.id: indicator for indicator in table.indicators}

    @functools.cached_property
    def _numbered(self) -> tuple[list[_Key], list[Period]]:
        periods: dict[Period, int] = {}
        period_of: dict[int, int] = {}
        breakdowns: dict[FrozenDict[str, str], int] = {}
        breakdown_of: dict[int, int] = {}
        keys: list[_Key] = []
        for figure in self.figures:
            observation = figure.observation
            period = observation.period
            period_number = period_of.get(id(period))
            if period_number is None:
                period_number = period_of[id(period)] = periods.setdefault(period, len(periods))
            breakdown = figure.breakdown
            breakdown_number = breakdown_of.get(id(breakdown))
            if breakdown_number is None:
                breakdown_number = breakdown_of[id(breakdown)] = breakdowns.setdefault(
                    breakdown, len(breakdowns)
                )
            keys.append((observation.indicator, period_number, breakdown_number))
        return keys, list(periods)

    @property
    def keys(self) -> list[_Key]:
        """Each figure's indicator, period number and breakdown number, in file order."""
        return self._numbered[0]

    @property
    def periods(self) -> list[Period]:
        """Each period by its number."""
        return self._numbered[1]

    @functools.cached_property
    def period_labels(self) -> list[str]:
        """Each period's label, by its number."""
        return [str(period) for period in self.periods]

    @functools.cached_property
    def starts(self) -> list[dt.date]:
        """Each period's first day, by its number."""
        return [period.start for period in self.periods]

    @functools.cached_property
    def rows(self) -> dict[tuple[str, str, int, int], PublishedFigure]:
        """Each area's row of each indicator, period and breakdown: the first with a number."""
        rows: dict[tuple[str, str, int, int], PublishedFigure] = {}
        for figure, (indicator, period, breakdown) in zip(self.figures, self.keys, strict=True):
            place = figure.area_code, indicator, period, breakdown
            kept = rows.get(place)
            if kept is None or (
                kept.observation.value.number is None
                and figure.observation.value.number is not None
            ):
                rows[place] = figure
        return rows

    def location(self, position: int) -> str:
        """Where the figure at ``position`` is, in a finding's words."""
        figure = self.figures[position]
        return (
            f"{_short(figure.observation.indicator)} / {_short(figure.area_code)} / "
            f"{self.period_labels[self.keys[position][1]]} / line {figure.line}"
        )


# --- O101, O102: comparisons with England and with the parent -------------------------------


def _sign(label: Significance, polarity: Polarity) -> int | None:
    """Which way a label says the figure lies from its comparator: 1, -1, 0, or ``None`` (unknown)."""
    if label is Significance.SIMILAR:
        return 0
    if label in (Significance.HIGHER, Significance.LOWER):
        return 1 if label is Significance.HIGHER else -1
    if polarity is Polarity.NO_JUDGEMENT:
        return None
    better = label is Significance.BETTER
    return 1 if better == (polarity is Polarity.HIGHER_IS_BETTER) else -1


@functools.cache
def _agree(stated: Significance, computed: Significance, polarity: Polarity) -> bool:
    """Whether two labels say the same, reading better and worse through the polarity.

    When the indicator's polarity is unknown, a stated better or worse agrees with a computed
    higher or lower: both say the difference is significant, and the library cannot say which
    way is better. (Remembered: there are few combinations of the three.)
    """
    if stated is computed:
        return True
    mine, theirs = _sign(stated, polarity), _sign(computed, polarity)
    if mine is None or theirs is None:
        return 0 not in (mine, theirs)
    return mine == theirs


def _comparisons(index: _Index, *, parent: bool) -> list[Finding]:
    """Published comparisons with England (or the parent) that the row's interval contradicts."""
    definitions = index.definitions
    rows = index.rows
    chosen: list[tuple[int, PublishedFigure, PublishedFigure, Significance]] = []
    for position, (figure, (indicator, period, breakdown)) in enumerate(
        zip(index.figures, index.keys, strict=True)
    ):
        stated = figure.compared_to_parent if parent else figure.compared_to_england
        if stated is None or stated is Significance.NOT_COMPARED:
            continue
        comparator_code = figure.parent_code if parent else ENGLAND_CODE
        if (
            comparator_code is None
            or figure.area_code == comparator_code
            or indicator not in definitions
        ):
            continue
        comparator = rows.get((comparator_code, indicator, period, breakdown))
        if comparator is not None and comparator.observation.value.number is not None:
            chosen.append((position, figure, comparator, stated))
    computed_all = computed_significances(
        [
            (definitions[figure.observation.indicator], figure.observation, comparator.observation)
            for _position, figure, comparator, _stated in chosen
        ]
    )
    code, whom = ("O102", "the parent") if parent else ("O101", "England")
    labels = {member: member.label for member in Significance}
    findings = []
    for (position, figure, comparator, stated), computed in zip(chosen, computed_all, strict=True):
        polarity = definitions[figure.observation.indicator].polarity
        if computed is Significance.NOT_COMPARED or _agree(stated, computed, polarity):
            continue
        observation = figure.observation
        how = (
            f"its printed interval {observation.lower} to {observation.upper}"
            if observation.lower is not None and observation.upper is not None
            else "its count and denominator"
        )
        stated_label, computed_label = labels[stated], labels[computed]
        number, comparator_number = observation.value.number, comparator.observation.value.number
        findings.append(
            Finding(
                code,
                Kind.STATED_SIGNIFICANCE,
                Severity.WARNING,
                index.location(position),
                f"published {stated_label!r} against {whom} ({_short(comparator.area_code)}: "
                f"{comparator_number}), {how} gives {computed_label!r}; {_LABELS}",
                provenance=_provenance(figure, comparator),
                numbers=(
                    ("stated", stated_label),
                    ("computed", computed_label),
                    ("figure", str(number)),
                    ("comparator", str(comparator_number)),
                    *_counts(observation),
                ),
            )
        )
    return findings


def _counts(observation: Observation) -> tuple[tuple[str, str], ...]:
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    if count is None or over is None:
        return ()
    return ("count", str(count)), ("denominator", str(over))


def _england_rule(table: OfficialTable) -> list[Finding]:
    """A published comparison with England that the row's interval or counts contradict.

    The row's interval is the printed one (at its printed level), else one computed from its
    count and denominator (Byar's for a rate, Wilson's for a percentage); England's figure is
    the row of ``E92000001`` of the same indicator, period and breakdown. A row without an
    interval or counts, or without England's figure, is not compared. Better and worse are
    read through the indicator's polarity; where the polarity is unknown, a published better
    or worse agrees with a computed higher or lower.

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O101"):
        ...     print(finding.code, finding)
        O101 warning [stated_significance] fingertips-90002 / E06000009 / 2016/17 / line 31: published 'Similar' against England (E92000001: 69.3), its printed interval 59.0 to 65.0 gives 'Worse'; the publisher's method or rounding may differ
    """
    return _comparisons(_Index(table), parent=False)


def _parent_rule(table: OfficialTable) -> list[Finding]:
    """A published comparison with the parent area that the row's interval or counts contradict.

    As O101, against the row of the row's parent code (its region) of the same indicator,
    period and breakdown, for rows whose parent comparison is a significance word: quintiles
    and other percentile labels are not re-derived.

    Examples:
        >>> from safeguarding_model import example_file
        >>> import attrs
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.markers import Significance
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> wrong = attrs.evolve(table.figures[2], compared_to_parent=Significance.WORSE)
        >>> table = attrs.evolve(table, figures=(table.figures[0], table.figures[1], wrong, *table.figures[3:]))
        >>> for finding in check_official(table, select="O102"):
        ...     print(finding.code, finding)
        O102 warning [stated_significance] fingertips-90001 / E10000017 / 2012/13 / line 4: published 'Worse' against the parent (E12000002: 130.0), its printed interval 115.5 to 124.7 gives 'Better'; the publisher's method or rounding may differ
    """
    return _comparisons(_Index(table), parent=True)


# --- O103: recent trends -------------------------------------------------------------------


def _direction(marker: TrendMarker) -> int | None:
    name = marker.name
    if name.startswith("INCREASING"):
        return 1
    if name.startswith("DECREASING"):
        return -1
    return 0 if marker is TrendMarker.NO_SIGNIFICANT_CHANGE else None


@functools.cache
def _trend_agrees(stated: TrendMarker, computed: TrendMarker) -> bool:
    """Equal markers, or the same direction where one of them makes no judgement."""
    if stated is computed:
        return True
    plain = (TrendMarker.INCREASING, TrendMarker.DECREASING)
    return _direction(stated) == _direction(computed) != 0 and (
        stated in plain or computed in plain
    )


class _Trended(NamedTuple):
    """A row with a published trend, and the columns its series is tested on."""

    position: int
    """The row's place in the table."""
    figure: PublishedFigure
    stated: TrendMarker
    years: list[int]
    first: list[float]
    """Numerators, or values."""
    second: list[float]
    """Denominators, or lower limits."""
    third: list[float]
    """Upper limits (none for numerators and denominators)."""


_Tested = tuple[list[int], tuple[str, float, list[float], list[float], list[float]]]
"""The years a figure's trend is tested over, and how (see ``_window``)."""


class _Point(NamedTuple):
    """What a figure gives a series tested for trend, read once (see ``_window``)."""

    proportion: tuple[float, float] | None
    """Its count and denominator, when both are printed, the denominator above 0 and the count
    at most it."""
    confidence: float | None
    """The level of its printed limits."""
    other: tuple[float, float, float] | None
    """Its value and limits, when all three are printed and the lower is below the upper."""


def _point(observation: Observation, *, proportional: bool) -> _Point:
    """The point of a figure of an indicator that is a percentage or proportion or not."""
    value, lower, upper = observation.value.number, observation.lower, observation.upper
    other = (
        (float(value or 0), float(lower or 0), float(upper or 0))
        if value is not None and lower is not None and upper is not None and lower < upper
        else None
    )
    if not proportional:
        return _Point(None, observation.confidence, other)
    count = None if observation.count is None else observation.count.number
    over = None if observation.denominator is None else observation.denominator.number
    return _Point(
        (float(count or 0), float(over or 0))
        if count is not None and over is not None and over > 0 and count <= over
        else None,
        observation.confidence,
        other,
    )


def _proportional(indicator: IndicatorDefinition) -> bool:
    return indicator.kind in (MeasureKind.PERCENTAGE, MeasureKind.PROPORTION)


def _window(
    indicator: IndicatorDefinition, points: list[_Point]
) -> tuple[str, float, list[float], list[float], list[float]] | None:
    """How the series of these points is tested: its kind, level and three columns, or ``None``.

    By the chi-square test for trend on counts and denominators when the indicator is a
    percentage or a proportion and every point has both, else by regression on the values and
    limits when every point prints them at one level.
    """
    if _proportional(indicator) and all(point.proportion is not None for point in points):
        pairs = [point.proportion for point in points if point.proportion is not None]
        return "proportion", 0.95, [pair[0] for pair in pairs], [pair[1] for pair in pairs], []
    level = points[0].confidence
    if level is not None and all(
        point.confidence == level and point.other is not None for point in points
    ):
        triples = [point.other for point in points if point.other is not None]
        return (
            "other",
            float(level or 0.95),
            [triple[0] for triple in triples],
            [triple[1] for triple in triples],
            [triple[2] for triple in triples],
        )
    return None


def _series_tests(
    index: _Index, indicator: IndicatorDefinition, members: list[tuple[PublishedFigure, int]]
) -> dict[dt.date, _Tested]:
    """How a series is tested up to each of its periods' first days (a day missing: it is not).

    ``members`` are the series' figures with their period numbers, in file order. Up to a day,
    the series is the members whose periods start by then, each year (a period's start's) the
    last such member in file order, the last five years tested: the same for every member
    starting that day. A year that two periods start in (quarters, months, a year and a pool)
    stops the series from then on: its periods are not annual points.
    """
    starts = index.starts
    by_start: dict[dt.date, list[tuple[PublishedFigure, int]]] = defaultdict(list)
    for figure, period in members:
        by_start[starts[period]].append((figure, period))
    tests: dict[dt.date, _Tested] = {}
    proportional = _proportional(indicator)
    by_year: dict[int, _Point] = {}
    periods: set[int] = set()
    for start in sorted(by_start):  # years come in order: by_year is sorted
        for figure, period in by_start[start]:
            by_year[start.year] = _point(figure.observation, proportional=proportional)
            periods.add(period)
        if len(by_year) < len(periods):
            break  # periods within a year: not annual points, now or later
        if len(by_year) < _POINTS:
            continue
        years = list(by_year)[-_POINTS:]
        tested = _window(indicator, [by_year[year] for year in years])
        if tested is not None:
            tests[start] = years, tested
    return tests


def _trend_batches(index: _Index) -> dict[tuple[str, Polarity, float], list[_Trended]]:
    """The rows with a published trend that can be tested, by kind, polarity and level."""
    definitions = index.definitions
    figures = index.figures
    series: dict[tuple[str, str, int], list[tuple[PublishedFigure, int]]] = defaultdict(list)
    for figure, (indicator_id, period, breakdown) in zip(figures, index.keys, strict=True):
        series[figure.area_code, indicator_id, breakdown].append((figure, period))
    tested_series: dict[tuple[str, str, int], dict[dt.date, _Tested]] = {}
    batches: dict[tuple[str, Polarity, float], list[_Trended]] = defaultdict(list)
    starts = index.starts
    for position, (figure, (indicator_id, period, breakdown)) in enumerate(
        zip(figures, index.keys, strict=True)
    ):
        stated = figure.recent_trend
        if stated is None or stated is TrendMarker.CANNOT_BE_CALCULATED:
            continue
        indicator = definitions.get(indicator_id)
        if indicator is None:
            continue
        place = figure.area_code, indicator_id, breakdown
        tests = tested_series.get(place)
        if tests is None:
            tests = tested_series[place] = _series_tests(index, indicator, series[place])
        found = tests.get(starts[period])
        if found is None:
            continue
        years, (kind, level, first, second, third) = found
        batches[kind, indicator.polarity, level].append(
            _Trended(position, figure, stated, years, first, second, third)
        )
    return batches


def _trends(index: _Index) -> list[Finding]:
    """O103 over the index: see ``_trend_rule``."""
    from safeguarding_model.statistics.recent_trend import (  # noqa: PLC0415 - numpy only when needed
        recent_trends,
    )

    batches = _trend_batches(index)
    labels = {marker: marker.label for marker in TrendMarker}
    findings = []
    for (kind, polarity, level), rows in batches.items():
        years_of = [row.years for row in rows]
        if kind == "proportion":
            trends = recent_trends(
                years_of,
                numerators=[row.first for row in rows],
                denominators=[row.second for row in rows],
                kind="proportion",
                polarity=polarity,
            )
        else:
            trends = recent_trends(
                years_of,
                values=[row.first for row in rows],
                lower=[row.second for row in rows],
                upper=[row.third for row in rows],
                kind="other",
                polarity=polarity,
                confidence=level,
            )
        markers, reasons = trends.markers.tolist(), trends.reasons.tolist()
        for (position, figure, stated, years, *_columns), marker, reason in zip(
            rows, markers, reasons, strict=True
        ):
            if marker is TrendMarker.CANNOT_BE_CALCULATED or _trend_agrees(stated, marker):
                continue
            stated_label, computed_label = labels[stated], labels[marker]
            findings.append(
                Finding(
                    "O103",
                    Kind.STATED_DIRECTION,
                    Severity.WARNING,
                    index.location(position),
                    f"published {stated_label!r}, the {_POINTS} periods {years[0]} to "
                    f"{years[-1]} give {computed_label!r} ({reason}); {_LABELS}",
                    provenance=_provenance(figure),
                    numbers=(("stated", stated_label), ("computed", computed_label)),
                )
            )
    return findings


def _trend_rule(table: OfficialTable) -> list[Finding]:
    """A published recent trend that the area's five most recent figures do not give.

    The series is the area's rows of the indicator and breakdown up to the row's period, the
    last five (by the year each period starts in): tested by the chi-square test for trend on
    counts and denominators for a percentage or proportion that prints both, else by weighted
    regression on the printed values and limits. A series of fewer than five periods, or one
    missing what its test needs, is not compared, nor is a published "Cannot be calculated",
    nor a series of periods within a year (quarters, months).

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O103"):
        ...     print(finding.code, finding)
        O103 warning [stated_direction] fingertips-90001 / E06000009 / 2016/17 / line 26: published 'No significant change', the 5 periods 2012 to 2016 give 'Increasing and getting worse' (No outliers and significant trend); the publisher's method or rounding may differ
    """
    return _trends(_Index(table))


# --- O104, O105: a figure against its own counts and interval --------------------------------

_SCALES: Final = {MeasureKind.PERCENTAGE: 100, MeasureKind.PROPORTION: 1}


def _scale(indicator: IndicatorDefinition) -> int | None:
    if indicator.kind is MeasureKind.RATE:
        return None if indicator.per is None else indicator.per.value
    return _SCALES.get(indicator.kind)


_MOSTLY_OTHER: Final = 3
"""An indicator with at least this many figures checked against their counts, most of them
disagreeing, is computed another way (standardised, or on another base): one warning, not an
error a figure."""


def _rounded_to_ten(area_type: str | None, known: dict[str | None, bool]) -> bool:
    """Whether a DfE row's counts may be rounded to the nearest 10, remembered in ``known``."""
    rounded = known.get(area_type)
    if rounded is None:
        rounded = known[area_type] = (area_type or "").strip().casefold() in _ROUNDED_TO_TEN
    return rounded


def _counts_in(index: _Index) -> list[Finding]:
    """O104 over the index: see ``_counts_rule``."""
    definitions = index.definitions
    scales = {indicator_id: _scale(indicator) for indicator_id, indicator in definitions.items()}
    dfe = index.table.layout is OfficialLayout.DFE_STATISTICS
    rounded_to_ten: dict[str | None, bool] = {}
    five = Decimal(5)
    zero = Decimal(0)
    checked: dict[str, int] = {}
    disagreeing: dict[str, list[Finding]] = {}
    for position, figure in enumerate(index.figures):
        observation = figure.observation
        scale = scales.get(observation.indicator)
        value = observation.value.number
        count_value, over_value = observation.count, observation.denominator
        if scale is None or value is None or count_value is None or over_value is None:
            continue
        count, over = count_value.number, over_value.number
        if count is None or over is None or over <= 0:
            continue
        count_slack = _half(count)
        if dfe and _rounded_to_ten(figure.area_type, rounded_to_ten):
            count_slack = max(count_slack, five)
        over_slack = _half(over)
        if over - over_slack <= 0:
            continue
        indicator_id = observation.indicator
        checked[indicator_id] = checked.get(indicator_id, 0) + 1
        lowest = max(count - count_slack, zero) * scale / (over + over_slack)
        highest = (count + count_slack) * scale / (over - over_slack)
        slack = _half(value)
        if lowest <= value + slack and value - slack <= highest:
            continue
        computed = count * scale / over
        disagreeing.setdefault(indicator_id, []).append(
            Finding(
                "O104",
                Kind.RATE_VS_COUNTS,
                Severity.ERROR,
                index.location(position),
                f"printed {value}, but {count} / {over} x {scale:,} = {computed:.4f} "
                f"({lowest:.4f} to {highest:.4f} allowing for rounding)",
                provenance=_provenance(figure),
                numbers=(
                    ("printed", str(value)),
                    ("computed", f"{computed:.6f}"),
                    ("count", str(count)),
                    ("denominator", str(over)),
                ),
            )
        )
    findings: list[Finding] = []
    for indicator_id, wrong in disagreeing.items():
        total = checked[indicator_id]
        if total >= _MOSTLY_OTHER and 2 * len(wrong) > total:
            findings.append(_computed_otherwise(definitions[indicator_id], wrong, total))
        else:
            findings += wrong
    return findings


def _counts_rule(table: OfficialTable) -> list[Finding]:
    """A rate, percentage or proportion that its own count and denominator cannot give.

    Each of the three stands for every number that rounds to it; DfE national and regional
    counts may be rounded to the nearest 10, so they stand for anything within 5. A value of a
    count or a mean, or one without both counts, is not checked. When most of an indicator's
    figures (three or more checked) disagree with their counts, the indicator is computed
    another way — a directly standardised rate is not count / denominator, and an inferred base
    may be wrong — so the rule gives one warning for the indicator instead of an error a figure:
    give the indicator its kind and base, or ignore O104.

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O104"):
        ...     print(finding.code, finding)
        O104 error [rate_vs_counts] fingertips-90002 / E06000008 / 2016/17 / line 30: printed 70.0, but 325 / 500 x 100 = 65.0000 (64.8352 to 65.1652 allowing for rounding)
    """
    return _counts_in(_Index(table))


def _computed_otherwise(
    indicator: IndicatorDefinition, wrong: list[Finding], total: int
) -> Finding:
    """The one warning for an indicator most of whose figures are not count / denominator."""
    return Finding(
        "O104",
        Kind.RATE_VS_COUNTS,
        Severity.WARNING,
        _short(indicator.id),
        f"{len(wrong)} of {total} figures are not their count / denominator x "
        f"{_scale(indicator):,} (first: {wrong[0].location}): the indicator is computed another "
        "way (standardised, or on another base); give it its kind and base, or ignore O104",
        provenance=tuple(p for finding in wrong[:5] for p in finding.provenance),
        numbers=(("count", str(len(wrong))), ("denominator", str(total))),
    )


def _intervals_in(index: _Index) -> list[Finding]:
    """O105 over the index: see ``_interval_rule``."""
    findings = []
    for position, figure in enumerate(index.figures):
        observation = figure.observation
        lower, upper = observation.lower, observation.upper
        if lower is None or upper is None:
            continue
        value = observation.value.number
        if value is None or lower <= value <= upper:
            continue  # within its printed limits: within them allowing for rounding too
        slack = _half(value)
        if value + slack < lower - _half(lower):
            difference = value - lower
        elif value - slack > upper + _half(upper):
            difference = value - upper
        else:
            continue
        level = f"{Decimal(str(observation.confidence or 0.95)) * 100:f}".rstrip("0").rstrip(".")
        findings.append(
            Finding(
                "O105",
                Kind.VALUE_VS_INTERVAL,
                Severity.ERROR,
                index.location(position),
                f"printed {value}, outside its printed {level}% interval {lower} to {upper}",
                provenance=_provenance(figure),
                numbers=(
                    ("printed", str(value)),
                    ("difference", str(difference)),
                ),
            )
        )
    return findings


def _interval_rule(table: OfficialTable) -> list[Finding]:
    """A value outside its own printed confidence interval, beyond the rounding of the three.

    The value stands for every number that rounds to it, and so does each limit; a value
    outside the widest interval the limits' rounding allows is an error, whatever the
    interval's level (95% or 99.8%).

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O105"):
        ...     print(finding.code, finding)
        O105 error [value_vs_interval] fingertips-90002 / E10000017 / 2016/17 / line 29: printed 72.0, outside its printed 95% interval 74.0 to 79.0
    """
    return _intervals_in(_Index(table))


_LABEL_TOLERANCE: Final = "none beyond the interval's: the interval decides"

RULES: tuple[Rule, ...] = (
    Rule(
        "O101", "official-england-label", RuleDomain.OFFICIAL, _england_rule, None, _LABEL_TOLERANCE
    ),
    Rule(
        "O102", "official-parent-label", RuleDomain.OFFICIAL, _parent_rule, None, _LABEL_TOLERANCE
    ),
    Rule(
        "O103",
        "official-recent-trend",
        RuleDomain.OFFICIAL,
        _trend_rule,
        None,
        "none beyond the test's: chi-square above 9.5495 and no single point deciding",
    ),
    Rule(
        "O104",
        "official-value-vs-counts",
        RuleDomain.OFFICIAL,
        _counts_rule,
        None,
        "half a unit of the value's, the count's and the denominator's last digits; 5 on DfE national and regional counts",
    ),
    Rule(
        "O105",
        "official-value-vs-interval",
        RuleDomain.OFFICIAL,
        _interval_rule,
        None,
        "half a unit of the value's and the limits' last digits",
    ),
)
"""The rules of an official statistics table (O), run by ``check_official``."""

_OVER_INDEX: Final[dict[str, Callable[[_Index], list[Finding]]]] = {
    "O101": functools.partial(_comparisons, parent=False),
    "O102": functools.partial(_comparisons, parent=True),
    "O103": _trends,
    "O104": _counts_in,
    "O105": _intervals_in,
}
"""Each rule's work on an index of the table: ``check_official`` makes one index for them all."""


def check_official(
    table: OfficialTable,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Finding, ...]:
    """Every disagreement between an official table's published judgements and its figures.

    Runs the O rules ([`RULES`][safeguarding_model.official_rules.RULES]) on ``table``: the
    published comparisons with England and the parent (O101, O102) and recent trends (O103)
    recomputed with the library's methods, and each figure against its own count and
    denominator (O104) and its own interval (O105).

    Args:
        table: A table read by ``read_fingertips`` or ``read_dfe_statistics``.
        select: Codes or code prefixes to run (``"O1"``, ``["O101", "O104"]``); all by default.
        ignore: Codes or code prefixes to leave out, after ``select``.
        progress: Called with the rules run so far and the rules to run, before the first
            and after each (the command line shows a progress bar with it).

    Returns:
        The findings, rule by rule in code order, each rule's in file order.

    Raises:
        InvalidInputError: For a ``table`` that is not an ``OfficialTable``, or a code in
            ``select`` or ``ignore`` that is not a capital letter and up to three digits.

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(example_file("planted-fingertips.csv"))
        >>> [(f.code, f.severity.value) for f in check_official(table, ignore="O103")]
        [('O101', 'warning'), ('O104', 'error'), ('O105', 'error')]
    """
    if not isinstance(table, OfficialTable):
        raise InvalidInputError("table", type(table).__name__, "an OfficialTable")
    rules = select_rules(RULES, select=select, ignore=ignore)
    if progress is not None:
        progress(0, len(rules))
    index = _Index(table)
    findings: list[Finding] = []
    with collection_paused():  # findings by the ten thousand, none in a cycle
        for done, rule in enumerate(rules, start=1):
            findings.extend(_OVER_INDEX[rule.code](index))
            if progress is not None:
                progress(done, len(rules))
    return tuple(findings)
