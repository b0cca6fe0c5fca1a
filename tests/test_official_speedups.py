"""The quick paths of the official readers and rules give what the general paths give.

``check_official`` works on an index of the table (rows keyed by numbered periods and
breakdowns, each series' trend tested once per period start, half units by exponent); the
reference below is the plain row-by-row way the O rules were first written. Both must give the
same findings, in the same order, on every fixture and on tables drawn by hypothesis with
duplicated rows, mixed periods, limits and counts of any precision and every label.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from example_files import EXAMPLE_FILES
from safeguarding_model import (
    CalendarQuarter,
    CalendarYear,
    FinancialYear,
    IndicatorDefinition,
    Observation,
    PooledPeriod,
    Provenance,
    RateBase,
    Value,
    ValueStatus,
)
from safeguarding_model._checked import (
    checked_number,
    checked_provenance,
    checked_provenance_at,
    checked_value,
)
from safeguarding_model._numbers import half_unit
from safeguarding_model.dfe_statistics import read_dfe_statistics
from safeguarding_model.findings import Finding, FindingNumber, Kind, Severity
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.indicators import MeasureKind, computed_significances
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable, PublishedFigure
from safeguarding_model.official_rules import (
    _LABELS,
    _MOSTLY_OTHER,
    _POINTS,
    _ROUNDED_TO_TEN,
    RULES,
    _agree,
    _computed_otherwise,
    _counts,
    _half,
    _provenance,
    _scale,
    _short,
    _trend_agrees,
    check_official,
)
from safeguarding_model.statistics.recent_trend import TrendMarker, recent_trends

if TYPE_CHECKING:
    from safeguarding_model.periods import Period

DATA = EXAMPLE_FILES

# --- the reference: each rule row by row, as first written -------------------------------------


def _key(figure: PublishedFigure) -> tuple[str, Period, object]:
    return figure.observation.indicator, figure.observation.period, figure.breakdown


def _location(figure: PublishedFigure) -> str:
    observation = figure.observation
    return (
        f"{_short(observation.indicator)} / {_short(figure.area_code)} / {observation.period} "
        f"/ line {figure.line}"
    )


def _rows_of(table: OfficialTable) -> dict[object, PublishedFigure]:
    rows: dict[object, PublishedFigure] = {}
    for figure in table.figures:
        place = figure.area_code, _key(figure)
        if place not in rows or (
            rows[place].observation.value.number is None
            and figure.observation.value.number is not None
        ):
            rows[place] = figure
    return rows


def _comparisons(table: OfficialTable, *, parent: bool) -> list[Finding]:
    definitions = {indicator.id: indicator for indicator in table.indicators}
    rows = _rows_of(table)
    chosen = []
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
        [(definitions[f.observation.indicator], f.observation, c.observation) for f, c, _ in chosen]
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


_Tested = tuple[str, float, list[float], list[float], list[float]]


def _trend_points(indicator: IndicatorDefinition, points: list[PublishedFigure]) -> _Tested | None:
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


def _trend_rule(table: OfficialTable) -> list[Finding]:
    definitions = {indicator.id: indicator for indicator in table.indicators}
    series: dict[object, list[PublishedFigure]] = defaultdict(list)
    for figure in table.figures:
        indicator_id, _period, breakdown = _key(figure)
        series[figure.area_code, indicator_id, breakdown].append(figure)
    batches: dict[
        tuple[str, Polarity, float],
        list[tuple[PublishedFigure, TrendMarker, list[int], list[float], list[float], list[float]]],
    ] = defaultdict(list)
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
            continue
        tested = _trend_points(indicator, [by_year[year] for year in years])
        if tested is None:
            continue
        kind, level, first, second, third = tested
        batches[kind, indicator.polarity, level].append(
            (figure, stated, years, first, second, third)
        )
    findings = []
    for (kind, polarity, level), rows in batches.items():
        if kind == "proportion":
            trends = recent_trends(
                [row[2] for row in rows],
                numerators=[row[3] for row in rows],
                denominators=[row[4] for row in rows],
                kind="proportion",
                polarity=polarity,
            )
        else:
            trends = recent_trends(
                [row[2] for row in rows],
                values=[row[3] for row in rows],
                lower=[row[4] for row in rows],
                upper=[row[5] for row in rows],
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


def _counts_rule(table: OfficialTable) -> list[Finding]:
    definitions = {indicator.id: indicator for indicator in table.indicators}
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
        count_slack = half_unit(count)
        if (
            table.layout is OfficialLayout.DFE_STATISTICS
            and (figure.area_type or "").strip().casefold() in _ROUNDED_TO_TEN
        ):
            count_slack = max(count_slack, Decimal(5))
        over_slack = half_unit(over)
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


def _interval_rule(table: OfficialTable) -> list[Finding]:
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
                numbers=(("printed", str(value)), ("difference", str(difference))),
            )
        )
    return findings


def _reference(table: OfficialTable) -> list[Finding]:
    return [
        *_comparisons(table, parent=False),
        *_comparisons(table, parent=True),
        *_trend_rule(table),
        *_counts_rule(table),
        *_interval_rule(table),
    ]


def _same(table: OfficialTable) -> None:
    expected = _reference(table)
    assert list(check_official(table)) == expected
    # each rule alone (its own index) gives its share, in order
    assert [f for rule in RULES for f in rule(table)] == expected


# --- every fixture --------------------------------------------------------------------------

FINGERTIPS_FILES = sorted(
    path for path in DATA.glob("*.csv") if "fingertips" in path.name or "child-health" in path.name
)
DFE_FILES = sorted(DATA.glob("dfe-*.csv"))


@pytest.mark.parametrize("path", FINGERTIPS_FILES, ids=lambda path: path.name)
def test_fingertips_fixtures_give_the_reference_findings(path: Path) -> None:
    _same(read_fingertips(path))


@pytest.mark.parametrize("path", DFE_FILES, ids=lambda path: path.name)
def test_dfe_fixtures_give_the_reference_findings(path: Path) -> None:
    _same(read_dfe_statistics(path))


def test_the_fixtures_are_found() -> None:
    assert len(FINGERTIPS_FILES) >= 3
    assert len(DFE_FILES) >= 2


def test_a_generated_download_gives_the_reference_findings(tmp_path: Path) -> None:
    import sys  # noqa: PLC0415 - the benchmark's writer, beside its use

    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    try:
        from official_readers import write_dfe, write_fingertips  # noqa: PLC0415 - idem
    finally:
        sys.path.pop(0)
    fingertips, dfe = tmp_path / "f.csv", tmp_path / "d.csv"
    write_fingertips(fingertips, 4_000)
    write_dfe(dfe, 2_000)
    table = read_fingertips(fingertips)
    assert len(check_official(table, select="O101")) > 100  # the drawn labels disagree often
    _same(table)
    _same(read_dfe_statistics(dfe))


# --- drawn tables ---------------------------------------------------------------------------

_PERIODS = (
    *(CalendarYear(year) for year in range(2008, 2017)),
    *(FinancialYear(year) for year in range(2010, 2016)),
    *(PooledPeriod(year, year + 2) for year in range(2008, 2014)),
    CalendarQuarter(2014, 1),
    CalendarQuarter(2014, 3),
)
_AREAS = (
    (ENGLAND_CODE, "England", None, "National"),
    ("E12000002", "North West", ENGLAND_CODE, "Regional"),
    ("E10000017", "Lancashire", "E12000002", "Local authority"),
    ("E06000008", "Blackburn", "E12000002", "Local authority"),
)
_INDICATORS = (
    IndicatorDefinition(
        id="rate",
        name="R",
        kind=MeasureKind.RATE,
        per=RateBase.PER_THOUSAND,
        polarity=Polarity.LOWER_IS_BETTER,
    ),
    IndicatorDefinition(
        id="share", name="S", kind=MeasureKind.PERCENTAGE, polarity=Polarity.HIGHER_IS_BETTER
    ),
    IndicatorDefinition(id="mean", name="M", kind=MeasureKind.MEAN),
)
_numbers = st.sampled_from(["0", "3", "12.2", "12.20", "45", "45.3", "100", "1E+2", "7.05", "0.5"])


@st.composite
def _figures(draw: st.DrawFn, line: int) -> PublishedFigure:
    code, name, parent, level = draw(st.sampled_from(_AREAS))
    value = draw(st.none() | _numbers.map(Decimal))
    limits = draw(
        st.none() | st.tuples(_numbers, _numbers).map(lambda pair: sorted(map(Decimal, pair)))
    )
    count = draw(st.none() | _numbers.map(Decimal))
    over = draw(st.none() | st.sampled_from(["1000", "250", "4000.0", "80"]).map(Decimal))
    observation = Observation(
        indicator=draw(st.sampled_from(["rate", "share", "mean", "unknown"])),
        area=name,
        period=draw(st.sampled_from(_PERIODS)),
        value=Value(number=value)
        if value is not None
        else Value(number=None, status=ValueStatus.MISSING),
        count=None if count is None else Value(number=count),
        denominator=None if over is None else Value(number=over),
        lower=None if limits is None else limits[0],
        upper=None if limits is None else limits[1],
        confidence=None if limits is None else draw(st.sampled_from([0.95, 0.998])),
        provenance=Provenance(source="drawn.csv", line=line),
    )
    return PublishedFigure(
        observation,
        area_code=code,
        line=line,
        area_type=level,
        parent_code=parent,
        breakdown=draw(st.sampled_from([{}, {"Sex": "Male"}])),
        compared_to_england=draw(st.none() | st.sampled_from(Significance)),
        compared_to_parent=draw(st.none() | st.sampled_from(Significance)),
        recent_trend=draw(st.none() | st.sampled_from(TrendMarker)),
    )


@st.composite
def _tables(draw: st.DrawFn) -> OfficialTable:
    size = draw(st.integers(min_value=0, max_value=60))
    figures = [draw(_figures(line)) for line in range(2, size + 2)]
    figures += draw(st.lists(st.sampled_from(figures), max_size=5)) if figures else []
    layout = draw(st.sampled_from(OfficialLayout))
    return OfficialTable("drawn.csv", layout, _INDICATORS, tuple(figures))


@given(_tables())
def test_drawn_tables_give_the_reference_findings(table: OfficialTable) -> None:
    _same(table)


def test_a_long_series_of_one_area_gives_the_reference_trends() -> None:
    indicator = _INDICATORS[0]
    figures = []
    for line, (year, label) in enumerate(
        itertools.product(range(2005, 2017), ("Increasing", "No significant change")), start=2
    ):
        value = Decimal(40 + (year - 2005) * 3 + line % 2)
        observation = Observation(
            indicator="rate",
            area="Lancashire",
            period=CalendarYear(year),
            value=Value(number=value),
            lower=value - 2,
            upper=value + 2,
            confidence=0.95,
        )
        figures.append(
            PublishedFigure(
                observation,
                area_code="E10000017",
                line=line,
                recent_trend=TrendMarker.from_label(label),
            )
        )
    table = OfficialTable("long.csv", OfficialLayout.FINGERTIPS, (indicator,), tuple(figures))
    assert check_official(table, select="O103")  # the plain labels disagree somewhere
    _same(table)


# --- the quick constructors and half units ---------------------------------------------------

_decimals = st.decimals(allow_nan=False, allow_infinity=False) | st.sampled_from(
    [Decimal("12.20"), Decimal("1E+2"), Decimal("-0"), Decimal("0.000"), Decimal("5E-7")]
)


@given(_decimals)
def test_half_units_by_exponent_are_half_unit(number: Decimal) -> None:
    half = _half(number)
    assert half == half_unit(number)
    assert half.as_tuple() == half_unit(number).as_tuple()


def test_half_units_of_infinity_are_half_unit() -> None:
    assert _half(Decimal("Infinity")) == half_unit(Decimal("Infinity")) == 0


@given(_decimals, st.none() | st.text(max_size=5))
def test_a_checked_number_is_the_checked_value(number: Decimal, note: str | None) -> None:
    quick = checked_number(number, note)
    general = checked_value({"number": number, "note": note})
    assert quick == general
    assert quick.model_fields_set == general.model_fields_set == {"number", "note"}


@given(st.text(max_size=8), st.integers(min_value=1, max_value=10**6), st.text(max_size=8))
def test_a_provenance_at_a_line_is_the_checked_provenance(
    source: str, line: int, column: str
) -> None:
    quick = checked_provenance_at(source, line, column)
    general = checked_provenance({"source": source, "line": line, "column": column})
    assert quick == general == Provenance(source=source, line=line, column=column)
    assert quick.model_fields_set == general.model_fields_set


def test_rows_of_one_breakdown_share_one_frozen_breakdown() -> None:
    table = read_fingertips(DATA / "fingertips-child-health.csv")
    by_items: dict[tuple[tuple[str, str], ...], set[int]] = defaultdict(set)
    for figure in table.figures:
        by_items[tuple(sorted(figure.breakdown.items()))].add(id(figure.breakdown))
    assert by_items
    assert all(len(ids) == 1 for ids in by_items.values())
    dfe = read_dfe_statistics(DATA / "dfe-children-in-need.csv")
    assert dfe.figures[0].breakdown == dict(dfe.figures[0].breakdown)


@given(
    st.lists(
        st.tuples(st.sampled_from(["stated", "computed", "count"]), st.text(max_size=4)),
        max_size=4,
    ),
    st.sampled_from(list(Kind)),
    st.sampled_from(list(Severity)),
)
def test_finding_numbers_kinds_and_severities_convert_as_the_enums_do(
    pairs: list[tuple[str, str]], kind: Kind, severity: Severity
) -> None:
    finding = Finding("O101", kind.value, severity.value, "x", "y", numbers=pairs)
    assert finding.kind is kind
    assert finding.severity is severity
    assert finding.numbers == tuple(FindingNumber(role, text) for role, text in pairs)
    assert all(type(number) is FindingNumber for number in finding.numbers)
    with pytest.raises(ValueError, match="not a valid"):
        Finding("O101", "no such kind", severity, "x", "y")
