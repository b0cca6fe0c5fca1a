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
    >>> from pathlib import Path
    >>> from safeguarding_model.fingertips import read_fingertips
    >>> from safeguarding_model.official_rules import RULES, check_official
    >>> [rule.code for rule in RULES]
    ['O101', 'O102', 'O103', 'O104', 'O105']
    >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
    >>> sorted(f.code for f in check_official(table))
    ['O101', 'O103', 'O104', 'O105']
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

from safeguarding_model._numbers import half_unit
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity, select_rules
from safeguarding_model.indicators import MeasureKind, computed_significances
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable
from safeguarding_model.statistics.recent_trend import TrendMarker

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from safeguarding_model._frozen import FrozenDict
    from safeguarding_model.indicators import IndicatorDefinition, Observation
    from safeguarding_model.official import PublishedFigure
    from safeguarding_model.periods import Period
    from safeguarding_model.provenance import Provenance

__all__ = ["RULES", "check_official"]

_Key = tuple[str, "Period", "FrozenDict[str, str]"]
"""A figure's indicator, period and breakdown: what a comparator's row must share with it."""

_LABELS: Final = "the publisher's method or rounding may differ"
"""What a label disagreement may rest on, said in each such finding."""

_POINTS: Final = 5
"""The periods a recent trend is tested over, as the profiles test them."""

_ROUNDED_TO_TEN: Final = frozenset({"national", "regional"})
"""The DfE levels whose counts may be rounded to the nearest 10."""


def _key(figure: PublishedFigure) -> _Key:
    observation = figure.observation
    return observation.indicator, observation.period, figure.breakdown


_LONGEST: Final = 40
"""The most characters of a file's code or id a finding quotes; a longer one is shortened."""


def _short(text: str) -> str:
    return text if len(text) <= _LONGEST else f"{text[:_LONGEST]}…"


def _location(figure: PublishedFigure) -> str:
    observation = figure.observation
    return (
        f"{_short(observation.indicator)} / {_short(figure.area_code)} / {observation.period} "
        f"/ line {figure.line}"
    )


def _provenance(*figures: PublishedFigure) -> tuple[Provenance, ...]:
    return tuple(
        figure.observation.provenance
        for figure in figures
        if figure.observation.provenance is not None
    )


def _definitions(table: OfficialTable) -> dict[str, IndicatorDefinition]:
    return {indicator.id: indicator for indicator in table.indicators}


def _rows_of(table: OfficialTable) -> dict[tuple[str, _Key], PublishedFigure]:
    """Each area's row of each indicator, period and breakdown: the first with a number."""
    rows: dict[tuple[str, _Key], PublishedFigure] = {}
    for figure in table.figures:
        place = figure.area_code, _key(figure)
        if place not in rows or (
            rows[place].observation.value.number is None
            and figure.observation.value.number is not None
        ):
            rows[place] = figure
    return rows


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


def _agree(stated: Significance, computed: Significance, polarity: Polarity) -> bool:
    """Whether two labels say the same, reading better and worse through the polarity.

    When the indicator's polarity is unknown, a stated better or worse agrees with a computed
    higher or lower: both say the difference is significant, and the library cannot say which
    way is better.
    """
    if stated is computed:
        return True
    mine, theirs = _sign(stated, polarity), _sign(computed, polarity)
    if mine is None or theirs is None:
        return 0 not in (mine, theirs)
    return mine == theirs


def _comparisons(table: OfficialTable, *, parent: bool) -> list[Finding]:
    """Published comparisons with England (or the parent) that the row's interval contradicts."""
    definitions = _definitions(table)
    rows = _rows_of(table)
    chosen: list[tuple[PublishedFigure, PublishedFigure, Significance]] = []
    for figure in table.figures:
        stated = figure.compared_to_parent if parent else figure.compared_to_england
        comparator_code = figure.parent_code if parent else ENGLAND_CODE
        if (
            stated is None
            or stated is Significance.NOT_COMPARED
            or comparator_code is None
            or figure.area_code == comparator_code
            or figure.observation.indicator not in definitions
        ):
            continue
        comparator = rows.get((comparator_code, _key(figure)))
        if comparator is not None and comparator.observation.value.number is not None:
            chosen.append((figure, comparator, stated))
    computed_all = computed_significances(
        [
            (definitions[figure.observation.indicator], figure.observation, comparator.observation)
            for figure, comparator, _stated in chosen
        ]
    )
    code, whom = ("O102", "the parent") if parent else ("O101", "England")
    findings = []
    for (figure, comparator, stated), computed in zip(chosen, computed_all, strict=True):
        polarity = definitions[figure.observation.indicator].polarity
        if computed is Significance.NOT_COMPARED or _agree(stated, computed, polarity):
            continue
        observation = figure.observation
        how = (
            f"its printed interval {observation.lower} to {observation.upper}"
            if observation.lower is not None and observation.upper is not None
            else "its count and denominator"
        )
        findings.append(
            Finding(
                code,
                Kind.STATED_SIGNIFICANCE,
                Severity.WARNING,
                _location(figure),
                f"published {stated.label!r} against {whom} ({_short(comparator.area_code)}: "
                f"{comparator.observation.value.number}), {how} gives {computed.label!r}; "
                f"{_LABELS}",
                provenance=_provenance(figure, comparator),
                numbers=(
                    ("stated", stated.label),
                    ("computed", computed.label),
                    ("figure", str(observation.value.number)),
                    ("comparator", str(comparator.observation.value.number)),
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
        >>> from pathlib import Path
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O101"):
        ...     print(finding.code, finding)
        O101 warning [stated_significance] fingertips-90002 / E06000009 / 2016/17 / line 31: published 'Similar' against England (E92000001: 69.3), its printed interval 59.0 to 65.0 gives 'Worse'; the publisher's method or rounding may differ
    """
    return _comparisons(table, parent=False)


def _parent_rule(table: OfficialTable) -> list[Finding]:
    """A published comparison with the parent area that the row's interval or counts contradict.

    As O101, against the row of the row's parent code (its region) of the same indicator,
    period and breakdown, for rows whose parent comparison is a significance word: quintiles
    and other percentile labels are not re-derived.

    Examples:
        >>> from pathlib import Path
        >>> import attrs
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.markers import Significance
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> wrong = attrs.evolve(table.figures[2], compared_to_parent=Significance.WORSE)
        >>> table = attrs.evolve(table, figures=(table.figures[0], table.figures[1], wrong, *table.figures[3:]))
        >>> for finding in check_official(table, select="O102"):
        ...     print(finding.code, finding)
        O102 warning [stated_significance] fingertips-90001 / E10000017 / 2012/13 / line 4: published 'Worse' against the parent (E12000002: 130.0), its printed interval 115.5 to 124.7 gives 'Better'; the publisher's method or rounding may differ
    """
    return _comparisons(table, parent=True)


# --- O103: recent trends -------------------------------------------------------------------


def _direction(marker: TrendMarker) -> int | None:
    name = marker.name
    if name.startswith("INCREASING"):
        return 1
    if name.startswith("DECREASING"):
        return -1
    return 0 if marker is TrendMarker.NO_SIGNIFICANT_CHANGE else None


def _trend_agrees(stated: TrendMarker, computed: TrendMarker) -> bool:
    """Equal markers, or the same direction where one of them makes no judgement."""
    if stated is computed:
        return True
    plain = (TrendMarker.INCREASING, TrendMarker.DECREASING)
    return _direction(stated) == _direction(computed) != 0 and (
        stated in plain or computed in plain
    )


def _trend_points(
    indicator: IndicatorDefinition, points: Sequence[PublishedFigure]
) -> tuple[str, float, list[float], list[float], list[float]] | None:
    """How a series of figures is tested: its kind, level and three columns, or ``None``."""
    observations = [figure.observation for figure in points]
    counts = [None if o.count is None else o.count.number for o in observations]
    overs = [None if o.denominator is None else o.denominator.number for o in observations]
    if (
        indicator.kind in (MeasureKind.PERCENTAGE, MeasureKind.PROPORTION)
        and all(c is not None for c in counts)
        and all(d is not None and d > 0 for d in overs)
        and all(
            c <= d for c, d in zip(counts, overs, strict=True) if c is not None and d is not None
        )
    ):
        return (
            "proportion",
            0.95,
            [float(c or 0) for c in counts],
            [float(d or 0) for d in overs],
            [],
        )
    levels = {o.confidence for o in observations}
    if (
        len(levels) == 1
        and None not in levels
        and all(
            o.value.number is not None and o.lower is not None and o.upper is not None
            for o in observations
        )
        and all(
            o.lower is not None and o.upper is not None and o.lower < o.upper for o in observations
        )
    ):
        return (
            "other",
            float(levels.pop() or 0.95),
            [float(o.value.number or 0) for o in observations],
            [float(o.lower or 0) for o in observations],
            [float(o.upper or 0) for o in observations],
        )
    return None


class _Trended(NamedTuple):
    """A row with a published trend, and the columns its series is tested on."""

    figure: PublishedFigure
    stated: TrendMarker
    years: list[int]
    first: list[float]
    """Numerators, or values."""
    second: list[float]
    """Denominators, or lower limits."""
    third: list[float]
    """Upper limits (none for numerators and denominators)."""


def _trend_rule(table: OfficialTable) -> list[Finding]:
    """A published recent trend that the area's five most recent figures do not give.

    The series is the area's rows of the indicator and breakdown up to the row's period, the
    last five (by the year each period starts in): tested by the chi-square test for trend on
    counts and denominators for a percentage or proportion that prints both, else by weighted
    regression on the printed values and limits. A series of fewer than five periods, or one
    missing what its test needs, is not compared, nor is a published "Cannot be calculated",
    nor a series of periods within a year (quarters, months).

    Examples:
        >>> from pathlib import Path
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O103"):
        ...     print(finding.code, finding)
        O103 warning [stated_direction] fingertips-90001 / E06000009 / 2016/17 / line 26: published 'No significant change', the 5 periods 2012 to 2016 give 'Increasing and getting worse' (No outliers and significant trend); the publisher's method or rounding may differ
    """
    from safeguarding_model.statistics.recent_trend import (  # noqa: PLC0415 - numpy only when needed
        recent_trends,
    )

    definitions = _definitions(table)
    series: dict[tuple[str, str, FrozenDict[str, str]], list[PublishedFigure]] = defaultdict(list)
    for figure in table.figures:
        indicator_id, _period, breakdown = _key(figure)
        series[figure.area_code, indicator_id, breakdown].append(figure)
    batches: dict[tuple[str, Polarity, float], list[_Trended]] = defaultdict(list)
    for figure in table.figures:
        stated = figure.recent_trend
        indicator = definitions.get(figure.observation.indicator)
        if stated is None or stated is TrendMarker.CANNOT_BE_CALCULATED or indicator is None:
            continue
        own = series[figure.area_code, indicator.id, _key(figure)[2]]
        start = figure.observation.period.start
        earlier = [o for o in own if o.observation.period.start <= start]
        by_year = {o.observation.period.start.year: o for o in earlier}
        years = sorted(by_year)[-_POINTS:]
        if len(years) < _POINTS or len(by_year) < len({o.observation.period for o in earlier}):
            continue  # too short, or periods within a year (quarters, months): not annual points
        tested = _trend_points(indicator, [by_year[year] for year in years])
        if tested is None:
            continue
        kind, level, first, second, third = tested
        batches[kind, indicator.polarity, level].append(
            _Trended(figure, stated, years, first, second, third)
        )
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
        for position, (figure, stated, years, *_columns) in enumerate(rows):
            trend = trends[position]
            if trend.marker is TrendMarker.CANNOT_BE_CALCULATED or _trend_agrees(
                stated, trend.marker
            ):
                continue
            findings.append(
                Finding(
                    "O103",
                    Kind.STATED_DIRECTION,
                    Severity.WARNING,
                    _location(figure),
                    f"published {stated.label!r}, the {_POINTS} periods {years[0]} to "
                    f"{years[-1]} give {trend.marker.label!r} ({trend.reason}); {_LABELS}",
                    provenance=_provenance(figure),
                    numbers=(("stated", stated.label), ("computed", trend.marker.label)),
                )
            )
    return findings


# --- O104, O105: a figure against its own counts and interval --------------------------------

_SCALES: Final = {MeasureKind.PERCENTAGE: 100, MeasureKind.PROPORTION: 1}


def _scale(indicator: IndicatorDefinition) -> int | None:
    if indicator.kind is MeasureKind.RATE:
        return None if indicator.per is None else indicator.per.value
    return _SCALES.get(indicator.kind)


def _count_rounding(table: OfficialTable, figure: PublishedFigure, count: Decimal) -> Decimal:
    """How far a printed count may be from the true one: half a unit, or 5 where rounded to 10."""
    if (
        table.layout is OfficialLayout.DFE_STATISTICS
        and (figure.area_type or "").strip().casefold() in _ROUNDED_TO_TEN
    ):
        return max(half_unit(count), Decimal(5))
    return half_unit(count)


_MOSTLY_OTHER: Final = 3
"""An indicator with at least this many figures checked against their counts, most of them
disagreeing, is computed another way (standardised, or on another base): one warning, not an
error a figure."""


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
        >>> from pathlib import Path
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O104"):
        ...     print(finding.code, finding)
        O104 error [rate_vs_counts] fingertips-90002 / E06000008 / 2016/17 / line 30: printed 70.0, but 325 / 500 x 100 = 65.0000 (64.8352 to 65.1652 allowing for rounding)
    """
    definitions = _definitions(table)
    checked: dict[str, int] = {}
    disagreeing: dict[str, list[Finding]] = {}
    for figure in table.figures:
        observation = figure.observation
        indicator = definitions.get(observation.indicator)
        scale = None if indicator is None else _scale(indicator)
        value = observation.value.number
        count = None if observation.count is None else observation.count.number
        over = None if observation.denominator is None else observation.denominator.number
        if scale is None or value is None or count is None or over is None or over <= 0:
            continue
        count_slack, over_slack = _count_rounding(table, figure, count), half_unit(over)
        if over - over_slack <= 0:
            continue
        checked[observation.indicator] = checked.get(observation.indicator, 0) + 1
        lowest = max(count - count_slack, Decimal(0)) * scale / (over + over_slack)
        highest = (count + count_slack) * scale / (over - over_slack)
        slack = half_unit(value)
        if lowest <= value + slack and value - slack <= highest:
            continue
        computed = count * scale / over
        disagreeing.setdefault(observation.indicator, []).append(
            Finding(
                "O104",
                Kind.RATE_VS_COUNTS,
                Severity.ERROR,
                _location(figure),
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


def _interval_rule(table: OfficialTable) -> list[Finding]:
    """A value outside its own printed confidence interval, beyond the rounding of the three.

    The value stands for every number that rounds to it, and so does each limit; a value
    outside the widest interval the limits' rounding allows is an error, whatever the
    interval's level (95% or 99.8%).

    Examples:
        >>> from pathlib import Path
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> for finding in check_official(table, select="O105"):
        ...     print(finding.code, finding)
        O105 error [value_vs_interval] fingertips-90002 / E10000017 / 2016/17 / line 29: printed 72.0, outside its printed 95% interval 74.0 to 79.0
    """
    findings = []
    for figure in table.figures:
        observation = figure.observation
        value, lower, upper = observation.value.number, observation.lower, observation.upper
        if value is None or lower is None or upper is None:
            continue
        slack = half_unit(value)
        if value + slack < lower - half_unit(lower):
            difference = value - lower
        elif value - slack > upper + half_unit(upper):
            difference = value - upper
        else:
            continue
        level = f"{Decimal(str(observation.confidence or 0.95)) * 100:f}".rstrip("0").rstrip(".")
        findings.append(
            Finding(
                "O105",
                Kind.VALUE_VS_INTERVAL,
                Severity.ERROR,
                _location(figure),
                f"printed {value}, outside its printed {level}% interval {lower} to {upper}",
                provenance=_provenance(figure),
                numbers=(
                    ("printed", str(value)),
                    ("difference", str(difference)),
                ),
            )
        )
    return findings


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


def check_official(
    table: OfficialTable,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
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

    Returns:
        The findings, rule by rule in code order, each rule's in file order.

    Raises:
        InvalidInputError: For a ``table`` that is not an ``OfficialTable``, or a code in
            ``select`` or ``ignore`` that is not a capital letter and up to three digits.

    Examples:
        >>> from pathlib import Path
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> from safeguarding_model.official_rules import check_official
        >>> table = read_fingertips(Path("tests/data/official/planted-fingertips.csv"))
        >>> [(f.code, f.severity.value) for f in check_official(table, ignore="O103")]
        [('O101', 'warning'), ('O104', 'error'), ('O105', 'error')]
    """
    if not isinstance(table, OfficialTable):
        raise InvalidInputError("table", type(table).__name__, "an OfficialTable")
    return tuple(
        finding
        for rule in select_rules(RULES, select=select, ignore=ignore)
        for finding in rule(table)
    )
