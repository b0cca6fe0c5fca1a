"""The O rules: published judgements of an official table re-derived, figures against their counts."""

from __future__ import annotations

import doctest
import inspect
import re
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from example_files import EXAMPLE_FILES
from safeguarding_model import (
    IndicatorDefinition,
    MeasureKind,
    Observation,
    parse_period,
    parse_value,
)
from safeguarding_model.dfe_statistics import DFE_MEASURES, DfeMeasure, read_dfe_statistics
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Kind, RuleDomain, Severity
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.indicators import computed_significances
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable, PublishedFigure
from safeguarding_model.official_rules import (
    RULES,
    _agree,
    _trend_agrees,
    check_official,
)
from safeguarding_model.statistics.recent_trend import TrendMarker

if TYPE_CHECKING:
    from pathlib import Path

DATA = EXAMPLE_FILES
PLANTED = DATA / "planted-fingertips.csv"
S = Significance
T = TrendMarker
CLA_RATE = DfeMeasure(
    "cla-rate",
    "Children looked after per 10,000 children",
    "rate",
    per=10_000,
    population="child",
    count_column="children_count",
    denominator_column="population_estimate",
)


def _replace(table: OfficialTable, position: int, figure: PublishedFigure) -> OfficialTable:
    figures = list(table.figures)
    figures[position] = figure
    return attrs.evolve(table, figures=tuple(figures))


def _position(table: OfficialTable, line: int) -> int:
    return next(i for i, figure in enumerate(table.figures) if figure.line == line)


# --- the planted fixture: exactly what was planted ----------------------------------------


def test_the_planted_disagreements_are_found_and_nothing_else() -> None:
    findings = check_official(read_fingertips(PLANTED))
    assert [(f.code, f.severity, f.location) for f in findings] == [
        ("O101", Severity.WARNING, "fingertips-90002 / E06000009 / 2016/17 / line 31"),
        ("O103", Severity.WARNING, "fingertips-90001 / E06000009 / 2016/17 / line 26"),
        ("O104", Severity.ERROR, "fingertips-90002 / E06000008 / 2016/17 / line 30"),
        ("O105", Severity.ERROR, "fingertips-90002 / E10000017 / 2016/17 / line 29"),
    ]
    england, trend, counts, interval = findings
    # the wrong England label: Blackpool 62.0 (59.0 to 65.0) against England's 69.3
    assert england.kind is Kind.STATED_SIGNIFICANCE
    assert (england.stated, england.computed) == ("Similar", "Worse")
    assert dict(england.numbers) == {
        "stated": "Similar",
        "computed": "Worse",
        "figure": "62.0",
        "comparator": "69.3",
        "count": "620",
        "denominator": "1000",
    }
    assert "59.0 to 65.0" in england.message
    assert "method or rounding may differ" in england.message
    assert [p.line for p in england.provenance] == [31, 27]
    assert {p.source for p in england.provenance} == {"planted-fingertips.csv"}
    # the wrong trend: Blackpool's rate rose 120, 130, 140, 150, 160
    assert trend.kind is Kind.STATED_DIRECTION
    assert (trend.stated, trend.computed) == (
        "No significant change",
        "Increasing and getting worse",
    )
    assert "2012 to 2016" in trend.message
    assert [p.line for p in trend.provenance] == [26]
    # 70.0% printed with 325 of 500 (65.0%)
    assert counts.kind is Kind.RATE_VS_COUNTS
    assert dict(counts.numbers) == {
        "printed": "70.0",
        "computed": "65.000000",
        "count": "325",
        "denominator": "500",
    }
    # 72.0% printed with the interval 74.0 to 79.0
    assert interval.kind is Kind.VALUE_VS_INTERVAL
    assert dict(interval.numbers) == {"printed": "72.0", "difference": "-2.0"}
    assert "95% interval 74.0 to 79.0" in interval.message


def test_the_readers_clean_fixtures_give_no_findings() -> None:
    for name in ("fingertips-child-health.csv", "fingertips-renamed.csv"):
        table = read_fingertips(DATA / name)
        assert check_official(table) == (), name
    cin = read_dfe_statistics(DATA / "dfe-children-in-need.csv")
    assert check_official(cin) == ()
    cla = read_dfe_statistics(
        DATA / "dfe-looked-after-renamed.csv",
        measures={**DFE_MEASURES, "rate_per_10000": CLA_RATE},
    )
    counted = [
        f
        for f in cla
        if f.observation.count is not None
        and f.observation.denominator is not None
        and f.observation.value.number is not None
    ]
    assert len(counted) == 2  # England's 60 and Lancashire's 69 per 10,000 are checked ...
    assert check_official(cla) == ()  # ... and agree with their counts


def test_the_clean_fixtures_labels_are_compared() -> None:
    # the fixtures' labels are compared (not skipped) and agree with the library's
    table = read_fingertips(DATA / "fingertips-child-health.csv")
    labelled = [f for f in table if f.compared_to_england not in (None, S.NOT_COMPARED)]
    assert labelled
    flipped = {S.WORSE: S.BETTER, S.BETTER: S.WORSE, S.SIMILAR: S.WORSE}
    first = _position(table, labelled[0].line)
    stated = labelled[0].compared_to_england
    assert stated is not None
    wrong = attrs.evolve(labelled[0], compared_to_england=flipped.get(stated, S.SIMILAR))
    assert [f.code for f in check_official(_replace(table, first, wrong))] == ["O101"]


# --- each rule on its own --------------------------------------------------------------------


def test_a_wrong_parent_label_is_found() -> None:
    table = read_fingertips(PLANTED)
    # Lancashire 2012/13, 120.0 (115.5 to 124.7) against the North West's 130.0: better
    position = _position(table, 4)
    assert table.figures[position].compared_to_parent is S.BETTER
    wrong = attrs.evolve(table.figures[position], compared_to_parent=S.SIMILAR)
    (finding,) = check_official(_replace(table, position, wrong), select="O102")
    assert finding.location == "fingertips-90001 / E10000017 / 2012/13 / line 4"
    assert (finding.stated, finding.computed) == ("Similar", "Better")
    assert dict(finding.numbers)["comparator"] == "130.0"
    assert [p.line for p in finding.provenance] == [4, 3]


def test_a_label_is_recomputed_from_counts_without_printed_limits() -> None:
    table = read_fingertips(PLANTED)
    position = _position(table, 31)  # Blackpool 620 of 1000, labelled "Similar"
    figure = table.figures[position]
    bare = attrs.evolve(
        figure,
        observation=figure.observation.model_copy(
            update={"lower": None, "upper": None, "confidence": None}
        ),
    )
    (finding,) = check_official(_replace(table, position, bare), select="O101")
    assert "its count and denominator gives 'Worse'" in finding.message
    # without counts either, nothing to compare
    empty = attrs.evolve(
        bare, observation=bare.observation.model_copy(update={"count": None, "denominator": None})
    )
    assert check_official(_replace(table, position, empty), select="O101") == ()


def test_a_label_without_england_s_figure_is_not_compared() -> None:
    table = read_fingertips(PLANTED)
    without = attrs.evolve(table, figures=tuple(f for f in table if f.area_code != ENGLAND_CODE))
    assert check_official(without, select="O101") == ()


@pytest.mark.parametrize(
    ("stated", "computed", "polarity", "agree"),
    [
        (S.WORSE, S.WORSE, Polarity.LOWER_IS_BETTER, True),
        (S.SIMILAR, S.WORSE, Polarity.LOWER_IS_BETTER, False),
        (S.BETTER, S.WORSE, Polarity.LOWER_IS_BETTER, False),
        # a publisher's "higher" where the library judges by polarity
        (S.HIGHER, S.WORSE, Polarity.LOWER_IS_BETTER, True),
        (S.HIGHER, S.BETTER, Polarity.LOWER_IS_BETTER, False),
        (S.LOWER, S.BETTER, Polarity.LOWER_IS_BETTER, True),
        # polarity unknown to the library: significant either way agrees, similar does not
        (S.WORSE, S.HIGHER, Polarity.NO_JUDGEMENT, True),
        (S.BETTER, S.LOWER, Polarity.NO_JUDGEMENT, True),
        (S.WORSE, S.SIMILAR, Polarity.NO_JUDGEMENT, False),
        (S.SIMILAR, S.HIGHER, Polarity.NO_JUDGEMENT, False),
    ],
)
def test_labels_agree_through_the_polarity(
    stated: Significance,
    computed: Significance,
    polarity: Polarity,
    agree: bool,  # noqa: FBT001
) -> None:
    assert _agree(stated, computed, polarity) is agree


@pytest.mark.parametrize(
    ("stated", "computed", "agree"),
    [
        (T.INCREASING_AND_GETTING_WORSE, T.INCREASING_AND_GETTING_WORSE, True),
        (T.INCREASING, T.INCREASING_AND_GETTING_WORSE, True),
        (T.DECREASING_AND_GETTING_BETTER, T.DECREASING, True),
        (T.INCREASING, T.DECREASING, False),
        (T.INCREASING_AND_GETTING_BETTER, T.INCREASING_AND_GETTING_WORSE, False),
        (T.NO_SIGNIFICANT_CHANGE, T.INCREASING, False),
        (T.NO_SIGNIFICANT_CHANGE, T.NO_SIGNIFICANT_CHANGE, True),
    ],
)
def test_trends_agree_by_direction_where_one_makes_no_judgement(
    stated: TrendMarker,
    computed: TrendMarker,
    agree: bool,  # noqa: FBT001
) -> None:
    assert _trend_agrees(stated, computed) is agree


def test_a_trend_over_fewer_than_five_periods_is_not_compared() -> None:
    table = read_fingertips(PLANTED)
    earliest = min(f.observation.period for f in table)
    shorter = attrs.evolve(
        table, figures=tuple(f for f in table if f.observation.period != earliest)
    )
    assert check_official(shorter, select="O103") == ()


def test_a_percentage_trend_is_tested_on_its_counts() -> None:
    rows = [(2012 + i, 100 + 40 * i, 1000) for i in range(5)]  # 10% rising to 26%
    indicator = IndicatorDefinition(
        id="p", name="P", kind=MeasureKind.PERCENTAGE, polarity=Polarity.HIGHER_IS_BETTER
    )
    figures = tuple(
        PublishedFigure(
            Observation(
                indicator="p",
                area="A",
                period=parse_period(str(year)),
                value=parse_value(f"{count / over * 100:.1f}"),
                count=parse_value(str(count)),
                denominator=parse_value(str(over)),
            ),
            area_code="E06000001",
            line=line,
            recent_trend=T.NO_SIGNIFICANT_CHANGE if year == 2016 else None,
        )
        for line, (year, count, over) in enumerate(rows, start=2)
    )
    table = OfficialTable("p.csv", OfficialLayout.FINGERTIPS, (indicator,), figures)
    (finding,) = check_official(table)
    assert (finding.code, finding.computed) == ("O103", "Increasing and getting better")
    assert "No outliers and significant trend" in finding.message


def _dfe_file(tmp_path: Path, level: str) -> OfficialTable:
    measure = DfeMeasure(
        "cpp-rate",
        "Child protection plans per 10,000 children",
        "rate",
        per=10_000,
        population="child",
        count_column="cpp_count",
        denominator_column="population",
    )
    region = "E12000002,North West" if level != "National" else ","
    authority = "888,E10000017,Lancashire" if level == "Local authority" else ",,"
    path = tmp_path / "cpp.csv"
    path.write_text(
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
        "region_name,old_la_code,new_la_code,la_name,cpp_count,population,cpp_rate\n"
        f"2016,Reporting year,{level},E92000001,England,{region},{authority},590,100000,59.4\n",
        encoding="utf-8",
    )
    return read_dfe_statistics(path, measures={"cpp_rate": measure})


@pytest.mark.parametrize(
    ("level", "found"), [("National", False), ("Regional", False), ("Local authority", True)]
)
def test_dfe_national_and_regional_counts_may_be_rounded_to_ten(
    tmp_path: Path,
    level: str,
    found: bool,  # noqa: FBT001
) -> None:
    # 59.4 per 10,000 needs a count of 594: 590 may hide it only where counts are rounded to 10
    findings = check_official(_dfe_file(tmp_path, level), select="O104")
    assert [f.code for f in findings] == (["O104"] if found else [])


@pytest.mark.parametrize(
    ("value", "found"),
    [("73.96", False), ("73.9", False), ("73.8", True), ("79.1", False), ("79.2", True)],
)
def test_a_value_just_outside_its_interval_is_rounding(value: str, found: bool) -> None:  # noqa: FBT001
    table = read_fingertips(PLANTED)
    position = _position(table, 29)  # Lancashire, limits 74.0 to 79.0
    figure = table.figures[position]
    moved = attrs.evolve(
        figure,
        observation=figure.observation.model_copy(
            update={"value": parse_value(value), "count": None, "denominator": None}
        ),
    )
    findings = check_official(_replace(table, position, moved), select="O105")
    assert bool(findings) is found


_KINDS = st.sampled_from(
    [
        ("rate", 1000),
        ("rate", 10_000),
        ("rate", 100_000),
        ("percentage", None),
        ("proportion", None),
    ]
)


@given(
    kind=_KINDS,
    count=st.integers(min_value=0, max_value=10**6),
    extra=st.integers(min_value=0, max_value=10**7),
    places=st.integers(min_value=0, max_value=4),
)
def test_a_value_rounded_from_its_own_counts_is_never_found(
    kind: tuple[str, int | None], count: int, extra: int, places: int
) -> None:
    name, per = kind
    over = count + extra + 1
    scale = per or (100 if name == "percentage" else 1)
    value = (Decimal(count) * scale / Decimal(over)).quantize(Decimal(1).scaleb(-places))
    indicator = IndicatorDefinition.model_validate(
        {"id": "x", "name": "X", "kind": name, "per": per}
    )
    figure = PublishedFigure(
        Observation(
            indicator="x",
            area="A",
            period=parse_period("2016"),
            value=parse_value(str(value)),
            count=parse_value(str(count)),
            denominator=parse_value(str(over)),
        ),
        area_code="E06000001",
        line=2,
    )
    table = OfficialTable("x.csv", OfficialLayout.FINGERTIPS, (indicator,), (figure,))
    assert check_official(table) == ()
    # and a value two units of its last digit beyond what the counts' rounding allows is found
    unit = Decimal(1).scaleb(-places)
    highest = (count + Decimal("0.5")) * scale / (over - Decimal("0.5"))
    off = highest.quantize(unit, rounding=ROUND_CEILING) + 2 * unit
    wrong = attrs.evolve(
        figure, observation=figure.observation.model_copy(update={"value": parse_value(str(off))})
    )
    table = attrs.evolve(table, figures=(wrong,))
    assert [f.code for f in check_official(table)] == ["O104"]


# --- the registry, select and ignore ---------------------------------------------------------


def test_rules_are_official_with_a_failing_example_of_their_own() -> None:
    assert [rule.code for rule in RULES] == ["O101", "O102", "O103", "O104", "O105"]
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.domain is RuleDomain.OFFICIAL
        assert rule.summary.endswith("."), rule.code
        doc = inspect.cleandoc(rule.function.__doc__ or "")
        example = doc.partition("\nExamples:\n")[2]
        wanted = "".join(e.want for e in doctest.DocTestParser().get_examples(example))
        assert re.search(rf"^{rule.code} (error|warning|info)\b", wanted, re.MULTILINE), rule.code
    assert RuleDomain.OFFICIAL.letter == "O"


def test_select_and_ignore() -> None:
    table = read_fingertips(PLANTED)
    assert [f.code for f in check_official(table, select="O10", ignore=["O103", "O105"])] == [
        "O101",
        "O104",
    ]
    assert [f.code for f in check_official(table, select="O105")] == ["O105"]
    assert check_official(table, select="B") == ()
    with pytest.raises(InvalidInputError, match="select"):
        check_official(table, select="o101")


def test_only_an_official_table_is_checked() -> None:
    with pytest.raises(InvalidInputError, match="an OfficialTable"):
        check_official("planted-fingertips.csv")  # type: ignore[arg-type]


def test_batched_significances_are_those_of_one_figure_at_a_time() -> None:
    from safeguarding_model.indicators import computed_significance  # noqa: PLC0415 - beside its use

    for path in (PLANTED, DATA / "fingertips-child-health.csv"):
        table = read_fingertips(path)
        definitions = {indicator.id: indicator for indicator in table.indicators}
        englands = {
            (f.observation.indicator, f.observation.period): f.observation
            for f in table
            if f.area_code == ENGLAND_CODE
        }
        items = [
            (definitions[f.observation.indicator], f.observation, england)
            for f in table
            if (england := englands.get((f.observation.indicator, f.observation.period)))
            is not None
        ]
        # bare: the same figures without their printed limits, compared from their counts
        bare = [
            (indicator, figure.model_copy(update={"lower": None, "upper": None}), england)
            for indicator, figure, england in items
        ]
        for chosen in (items, bare):
            one_by_one = [computed_significance(*item) for item in chosen]
            assert computed_significances(chosen) == one_by_one
            assert set(one_by_one) - {S.NOT_COMPARED}


def test_a_long_area_code_is_shortened_in_a_finding() -> None:
    table = read_fingertips(PLANTED)
    position = _position(table, 29)
    long_code = "E" + "9" * 500
    moved = attrs.evolve(table.figures[position], area_code=long_code)
    (finding,) = check_official(_replace(table, position, moved), select="O105")
    assert long_code not in finding.location
    assert finding.location == f"fingertips-90002 / {long_code[:40]}… / 2016/17 / line 29"


def test_a_trend_of_quarters_is_not_compared() -> None:
    indicator = IndicatorDefinition(
        id="p", name="P", kind=MeasureKind.PERCENTAGE, polarity=Polarity.HIGHER_IS_BETTER
    )
    quarters = ["2015/16 Q1", "2015/16 Q2", "2015/16 Q3", "2015/16 Q4", "2016/17 Q1"]
    quarters += ["2016/17 Q2", "2016/17 Q3", "2016/17 Q4", "2017/18 Q1", "2018/19 Q1"]
    figures = tuple(
        PublishedFigure(
            Observation(
                indicator="p",
                area="A",
                period=parse_period(period),
                value=parse_value(f"{10 + 4 * i:.1f}"),
                count=parse_value(str(100 + 40 * i)),
                denominator=parse_value("1000"),
            ),
            area_code="E06000001",
            line=line,
            recent_trend=T.NO_SIGNIFICANT_CHANGE if line == len(quarters) + 1 else None,
        )
        for line, (i, period) in enumerate(enumerate(quarters), start=2)
    )
    table = OfficialTable("q.csv", OfficialLayout.FINGERTIPS, (indicator,), figures)
    assert check_official(table) == ()
    # the same figures a year apart are compared, and the trend is found
    yearly = tuple(
        attrs.evolve(
            f,
            observation=f.observation.model_copy(update={"period": parse_period(str(2010 + i))}),
        )
        for i, f in enumerate(figures)
    )
    found = check_official(attrs.evolve(table, figures=yearly))
    assert [f.code for f in found] == ["O103"]


def _dsr_file(tmp_path: Path, values: list[str]) -> OfficialTable:
    """A rate per 100,000 of four areas, each with 50 events among 100,000 people."""
    header = "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value,Count,Denominator\n"
    rows = "".join(
        f'90001,"Admissions (directly standardised rate per 100,000)",E0600000{n},Area {n},'
        f"2016/17,{value},50,100000\n"
        for n, value in enumerate(values, start=1)
    )
    path = tmp_path / "dsr.csv"
    path.write_text(header + rows, encoding="utf-8")
    return read_fingertips(path, indicators={90001: {"kind": "rate", "per": 100_000}})


def test_an_indicator_most_of_whose_figures_are_not_their_counts_gives_one_warning(
    tmp_path: Path,
) -> None:
    # 50 / 100,000 is 50 per 100,000; standardised, the figures print 61.2, 44.0, 57.9, 50.0
    findings = check_official(_dsr_file(tmp_path, ["61.2", "44.0", "57.9", "50.0"]), select="O104")
    assert [(f.code, f.severity) for f in findings] == [("O104", Severity.WARNING)]
    (finding,) = findings
    assert finding.location == "fingertips-90001"
    assert "3 of 4 figures" in finding.message
    assert [p.line for p in finding.provenance] == [2, 3, 4]


def test_one_figure_of_an_indicator_against_its_counts_is_an_error_of_that_figure(
    tmp_path: Path,
) -> None:
    findings = check_official(_dsr_file(tmp_path, ["50.0", "50.0", "57.9", "50.0"]), select="O104")
    assert [(f.code, f.severity) for f in findings] == [("O104", Severity.ERROR)]
    assert findings[0].location.endswith("/ line 4")
