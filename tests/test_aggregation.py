"""How a year's figure derives from its quarters' (aggregation) and rule R110 that holds it to them.

The synthetic tables are quarterly (and monthly) rows with a figure for the year, each printed as
a report prints it; the planted errors sit among consistent rows, and exactly the planted ones
are found.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import report_of
from safeguarding_model import (
    AcademicYear,
    CalendarQuarter,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    IndicatorDefinition,
    MeasureKind,
    Month,
    Period,
    check,
    load_example,
    parse_period,
)
from safeguarding_model._numbers import round_half_up
from safeguarding_model.aggregation import (
    Aggregation,
    derive,
    derive_range,
    parse_aggregation,
    parts_of,
)
from safeguarding_model.checks import find_rule
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.findings import Kind, Severity

D = Decimal
R110 = find_rule("R110")
QUARTERS = ("2015/16 Q1", "2015/16 Q2", "2015/16 Q3", "2015/16 Q4")


# --- parse_aggregation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "rule"),
    [
        ("Referrals (Total)", Aggregation.TOTAL),
        ("Total", Aggregation.TOTAL),
        ("Contacts YTD", Aggregation.TOTAL),
        ("Contacts year to date", Aggregation.TOTAL),
        ("Caseload (Average)", Aggregation.MEAN),
        ("Avg days to assessment", Aggregation.MEAN),
        ("Mean caseload", Aggregation.MEAN),
        ("Timeliness (weighted average)", Aggregation.WEIGHTED_MEAN),
        ("Children subject of a plan (Month End)", Aggregation.PERIOD_END),
        ("Children looked after (Quarter End)", Aggregation.PERIOD_END),
        ("Children looked after as at 31 March", Aggregation.PERIOD_END),
        ("Open cases at year end", Aggregation.PERIOD_END),
        ("Average caseload (Month End)", Aggregation.PERIOD_END),
        ("Average caseload as at 31 March 2016", Aggregation.PERIOD_END),
        ("Total referrals (Average)", Aggregation.MEAN),
        ("Caseload (Total) [Max]", Aggregation.MAXIMUM),
        ("Peak caseload", Aggregation.MAXIMUM),
        ("Missing children (not derivable)", Aggregation.NOT_DERIVABLE),
        ("Missing from home", None),
        ("% RE-referrals", None),
        ("", None),
    ],
)
def test_parse_aggregation_reads_the_printed_labels(label: str, rule: Aggregation | None) -> None:
    assert parse_aggregation(label) is rule
    assert parse_aggregation(label.upper()) is rule


def test_parse_aggregation_refuses_what_is_not_text() -> None:
    with pytest.raises(InvalidInputError, match="label: expected a row label"):
        parse_aggregation(12)  # type: ignore[arg-type]


def test_a_long_label_is_read_only_so_far() -> None:
    assert parse_aggregation("x " * 400 + "(Total)") is None
    assert parse_aggregation("(Total) " + "x " * 400) is Aggregation.TOTAL


# --- parts_of -------------------------------------------------------------------------------


def test_a_financial_year_divides_into_its_quarters_then_its_months() -> None:
    quarters, months = parts_of(FinancialYear(2015))
    assert quarters == tuple(FinancialQuarter(2015, q) for q in (1, 2, 3, 4))
    assert months[0] == Month(2015, 4)
    assert months[-1] == Month(2016, 3)
    assert len(months) == 12
    assert [m.start for m in months] == sorted(m.start for m in months)


def test_a_calendar_and_an_academic_year_and_a_quarter_divide_too() -> None:
    quarters, months = parts_of(CalendarYear(2016))
    assert quarters == tuple(CalendarQuarter(2016, q) for q in (1, 2, 3, 4))
    assert (months[0], months[-1]) == (Month(2016, 1), Month(2016, 12))
    (academic,) = parts_of(AcademicYear(2017))
    assert (academic[0], academic[-1], len(academic)) == (Month(2017, 9), Month(2018, 8), 12)
    (in_quarter,) = parts_of(FinancialQuarter(2015, 4))
    assert in_quarter == (Month(2016, 1), Month(2016, 2), Month(2016, 3))
    assert parts_of(CalendarQuarter(2016, 3)) == ((Month(2016, 7), Month(2016, 8), Month(2016, 9)),)


@pytest.mark.parametrize(
    "text", ["March 2016", "31 March 2016", "2012 - 14", "1 April 2016 to 15 May 2016"]
)
def test_other_periods_have_no_parts(text: str) -> None:
    assert parts_of(parse_period(text)) == ()


def test_parts_of_refuses_what_is_not_a_period() -> None:
    with pytest.raises(InvalidInputError, match="period"):
        parts_of("2015/16")  # type: ignore[arg-type]


@pytest.mark.parametrize("period", [FinancialYear(2015), CalendarYear(2016), AcademicYear(2017)])
def test_each_division_covers_the_period_day_by_day(period: Period) -> None:
    for division in parts_of(period):
        assert division[0].start == period.start
        assert division[-1].end == period.end
        for before, after in itertools.pairwise(division):
            assert after.start == before.end + dt.timedelta(days=1)


# --- derive and derive_range ----------------------------------------------------------------

FOUR = [D("79.9"), D("78.2"), D("67.1"), D("61.0")]


def test_derive_by_each_rule() -> None:
    assert derive(Aggregation.TOTAL, FOUR) == D("286.2")
    assert derive("mean", FOUR) == D("71.55")
    assert derive("period_end", FOUR) == D("61.0")
    assert derive("maximum", FOUR) == D("79.9")
    assert derive("total", [503, 514, 522, 527]) == 2066
    assert derive("weighted_mean", [(D("80"), 300), (D("60"), 100)]) == 75
    assert derive("mean", [D(1), D(1), D(2)]) == D("1." + "3" * 39)


@pytest.mark.parametrize(
    ("aggregation", "parts", "field"),
    [
        ("not_derivable", FOUR, "aggregation"),
        ("median", FOUR, "aggregation"),
        (None, FOUR, "aggregation"),
        ("total", [], "parts"),
        ("total", "1234", "parts"),
        ("total", [D("1"), (D("2"), D("3"))], "parts[1]"),
        ("total", [D("NaN")], "parts[0]"),
        ("total", [1.5], "parts[0]"),
        ("total", [True], "parts[0]"),
        ("weighted_mean", FOUR, "parts[0]"),
        ("weighted_mean", [(D("80"), -1)], "parts[0][1]"),
        ("weighted_mean", [(D("80"), 0), (D("60"), 0)], "parts"),
    ],
)
def test_derive_refuses_what_it_cannot_derive(aggregation: Any, parts: Any, field: str) -> None:  # noqa: ANN401 - bad input on purpose
    with pytest.raises(InvalidInputError) as raised:
        derive(aggregation, parts)
    assert raised.value.field == field


def test_derive_range_by_each_rule() -> None:
    parts = [(D("9.95"), D("10.05")), (D("11.95"), D("12.05")), (D("10.95"), D("11.05"))]
    assert derive_range("total", parts) == (D("32.85"), D("33.15"))
    assert derive_range("mean", parts) == (D("10.95"), D("11.05"))
    assert derive_range("period_end", parts) == (D("10.95"), D("11.05"))
    assert derive_range("maximum", parts) == (D("11.95"), D("12.05"))
    assert derive_range("weighted_mean", parts) == (D("9.95"), D("12.05"))


def test_a_weighted_mean_range_gives_the_most_weight_to_the_extreme_side() -> None:
    parts = [(D(80), D(80)), (D(60), D(60))]
    # weights 300 to 400 and 100 to 200: lowest 80*300+60*200 / 500 = 72, highest 80*400+60*100 / 500 = 76
    weights = [(D(300), D(400)), (D(100), D(200))]
    assert derive_range("weighted_mean", parts, weights=weights) == (D(72), D(76))
    exact = [(D(300), D(300)), (D(100), D(100))]
    assert derive_range("weighted_mean", parts, weights=exact) == (D(75), D(75))


def test_a_mean_range_rounds_outwards() -> None:
    low, high = derive_range("mean", [(D(1), D(1)), (D(1), D(1)), (D(2), D(2))])
    assert (low, high) == (D("1." + "3" * 39), D("1." + "3" * 38 + "4"))
    assert high - low < D("1E-30")


@pytest.mark.parametrize(
    ("aggregation", "parts", "weights", "field"),
    [
        ("total", [], None, "parts"),
        ("total", [(D(2), D(1))], None, "parts[0]"),
        ("total", [D(2)], None, "parts[0]"),
        ("total", [(D(1), D(2))], [(D(1), D(1))], "weights"),
        ("weighted_mean", [(D(1), D(2))], [], "weights"),
        ("weighted_mean", [(D(1), D(2))], [(D(1), D(1)), (D(1), D(1))], "weights"),
        ("weighted_mean", [(D(1), D(2))], [(D(-1), D(1))], "weights"),
        ("weighted_mean", [(D(1), D(2))], [(D(0), D(0))], "weights"),
        ("not_derivable", [(D(1), D(2))], None, "aggregation"),
    ],
)
def test_derive_range_refuses_what_it_cannot_derive(
    aggregation: str,
    parts: Any,  # noqa: ANN401 - bad input on purpose
    weights: Any,  # noqa: ANN401 - idem
    field: str,
) -> None:
    with pytest.raises(InvalidInputError) as raised:
        derive_range(aggregation, parts, weights=weights)
    assert raised.value.field == field


_RULES = [rule for rule in Aggregation if rule is not Aggregation.NOT_DERIVABLE]
_VALUES = st.decimals(min_value=0, max_value=1000, places=3)


@given(
    st.sampled_from(_RULES),
    st.lists(
        st.tuples(_VALUES, _VALUES, st.integers(0, 50), st.integers(0, 50)), min_size=1, max_size=12
    ),
    st.data(),
)
def test_every_figure_the_parts_can_give_is_within_the_range(
    rule: Aggregation, drawn: list[tuple[Decimal, Decimal, int, int]], data: st.DataObject
) -> None:
    ranges = [(min(a, b), max(a, b)) for a, b, _, _ in drawn]
    weights = [(D(min(a, b) + 1), D(max(a, b) + 1)) for _, _, a, b in drawn]
    chosen = [
        data.draw(st.decimals(min_value=low, max_value=high, places=4)) for low, high in ranges
    ]
    if rule is Aggregation.WEIGHTED_MEAN:
        picked = [data.draw(st.integers(int(low), int(high))) for low, high in weights]
        low, high = derive_range(rule, ranges, weights=weights)
        assert low <= derive(rule, list(zip(chosen, picked, strict=True))) <= high
        assert derive_range(rule, ranges)[0] <= low
        assert high <= derive_range(rule, ranges)[1]
    else:
        low, high = derive_range(rule, ranges)
        assert low <= derive(rule, chosen) <= high


# --- synthetic quarterly tables -------------------------------------------------------------


def _row(
    indicator: str,
    cells: dict[str, str | None],
    *,
    area: str = "A",
    denominators: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """A table's row as observations: a period's printed figure each (``None``: printed 'N/A')."""
    rows = []
    for period, printed in cells.items():
        value = (
            {"number": None, "status": "not_applicable", "printed": "N/A"}
            if printed is None
            else {"number": printed}
        )
        row: dict[str, Any] = {
            "indicator": indicator,
            "area": area,
            "period": period,
            "value": value,
        }
        if denominators is not None and period in denominators:
            row["denominator"] = {"number": denominators[period]}
        rows.append(row)
    return rows


def _indicator(indicator: str, aggregation: str | None, kind: str = "percentage") -> dict[str, Any]:
    found: dict[str, Any] = {"id": indicator, "name": indicator, "kind": kind}
    if aggregation is not None:
        found["aggregation"] = aggregation
    return found


def _quarters(*printed: str | None, year: str | None = None) -> dict[str, str | None]:
    cells: dict[str, str | None] = dict(zip(QUARTERS, printed, strict=True))
    cells["2015/16"] = year
    return cells


def _table() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Consistent rows of each rule, and the four planted errors among them."""
    indicators = [
        # consistent
        _indicator("referrals", "total", "count"),
        _indicator("caseload", "mean"),
        _indicator("rounded-average", "mean"),
        _indicator("plans", "period_end", "count"),
        _indicator("peak-caseload", "maximum", "count"),
        _indicator("timeliness", "weighted_mean"),
        _indicator("missing", "not_derivable", "count"),
        _indicator("undeclared", None, "count"),
        # planted
        _indicator("sum-as-period-end", "period_end", "count"),
        _indicator("period-end-as-total", "total", "count"),
        _indicator("not-the-mean", "mean"),
        _indicator("quarter-missing", "total", "count"),
    ]
    observations = [
        *_row("referrals", _quarters("503", "514", "522", "527", year="2066")),
        *_row("referrals", _quarters("600", "610", "620", "630", year="2460"), area="England"),
        *_row("caseload", _quarters("20.0", "22.0", "24.0", "26.0", year="23.0")),
        # mean of the printed quarters is 10.15: printed 10.2 or 10.1, either rounds a true mean
        *_row("rounded-average", _quarters("10.1", "10.1", "10.2", "10.2", year="10.2")),
        *_row("plans", _quarters("10", "14", "11", "13", year="13")),
        *_row("peak-caseload", _quarters("10", "14", "11", "13", year="14")),
        *_row(
            "timeliness",
            _quarters("80.0", "60.0", "70.0", "70.0", year="74.0"),
            denominators={
                "2015/16 Q1": "300",
                "2015/16 Q2": "100",
                "2015/16 Q3": "50",
                "2015/16 Q4": "50",
            },
        ),
        # neither of these is checked, whatever the year prints
        *_row("missing", _quarters("503", "514", "522", "527", year="1500")),
        *_row("undeclared", _quarters("503", "514", "522", "527", year="9")),
        # the planted errors
        *_row("sum-as-period-end", _quarters("10", "14", "11", "13", year="48")),
        *_row("period-end-as-total", _quarters("10", "14", "11", "13", year="13")),
        *_row("not-the-mean", _quarters("20.0", "22.0", "24.0", "26.0", year="25.0")),
        *_row("quarter-missing", _quarters("10", "14", None, "13", year="50")),
    ]
    return indicators, observations


def test_the_planted_errors_are_found_with_their_explanation_and_nothing_else() -> None:
    indicators, observations = _table()
    findings = R110(report_of(indicators=indicators, observations=observations))
    by_place = {f.location: f for f in findings}
    assert sorted(by_place) == [
        "not-the-mean / A / 2015/16",
        "period-end-as-total / A / 2015/16",
        "quarter-missing / A / 2015/16",
        "sum-as-period-end / A / 2015/16",
    ]
    assert len(findings) == 4
    assert {f.kind for f in findings} == {Kind.AGGREGATE}

    summed = by_place["sum-as-period-end / A / 2015/16"]
    assert summed.severity is Severity.ERROR
    assert summed.message == (
        "printed 48, declared the value at the end of the period, 2015/16 Q4's, but the "
        "quarters give 13; it is the total of the quarters (48)"
    )
    assert (summed.stated, summed.computed, summed.difference) == ("48", "13", "35")

    last = by_place["period-end-as-total / A / 2015/16"]
    assert last.severity is Severity.ERROR
    assert last.message == (
        "printed 13, declared the total of the quarters, but the quarters give 48; it is the "
        "value at the end of the period, 2015/16 Q4's (13)"
    )

    mean = by_place["not-the-mean / A / 2015/16"]
    assert mean.severity is Severity.ERROR
    assert mean.message == (
        "printed 25.0, declared the mean of the quarters, but the quarters give 23 (22.95 to "
        "23.05 allowing for rounding); it fits no rule of the quarters"
    )
    assert (mean.stated, mean.computed, mean.difference) == ("25.0", "23", "2")

    missing = by_place["quarter-missing / A / 2015/16"]
    assert missing.severity is Severity.INFO
    assert missing.message == (
        "cannot check against the total of the quarters: 2015/16 Q3 is printed as 'N/A' "
        "(not_applicable)"
    )


def test_a_quarter_not_printed_at_all_is_named() -> None:
    observations = _row("referrals", {"2015/16 Q1": "503", "2015/16 Q4": "527", "2015/16": "2066"})
    findings = R110(
        report_of(indicators=[_indicator("referrals", "total", "count")], observations=observations)
    )
    assert [(f.severity, f.message) for f in findings] == [
        (
            Severity.INFO,
            "cannot check against the total of the quarters: 2015/16 Q2 and 2015/16 Q3 are not printed",
        )
    ]


def test_a_table_by_year_alone_is_not_checked() -> None:
    observations = _row("referrals", {"2014/15": "2000", "2015/16": "2066"})
    report = report_of(
        indicators=[_indicator("referrals", "total", "count")], observations=observations
    )
    assert R110(report) == ()


def test_a_figure_with_no_number_is_not_checked() -> None:
    observations = _row("referrals", _quarters("503", "514", "522", "527", year=None))
    report = report_of(
        indicators=[_indicator("referrals", "total", "count")], observations=observations
    )
    assert R110(report) == ()


def test_a_count_printed_whole_is_exact() -> None:
    off_by_one = _row("referrals", _quarters("503", "514", "522", "527", year="2067"))
    (finding,) = R110(
        report_of(indicators=[_indicator("referrals", "total", "count")], observations=off_by_one)
    )
    assert finding.severity is Severity.ERROR
    assert (finding.stated, finding.computed, finding.difference) == ("2067", "2066", "1")
    assert finding.message.endswith("; it fits no rule of the quarters")


def test_within_one_unit_of_the_last_digit_is_a_warning() -> None:
    cells = _quarters("10.00", "10.00", "10.00", "10.10", year="10.1")  # the quarters give 10.025
    (finding,) = R110(
        report_of(indicators=[_indicator("x", "mean")], observations=_row("x", cells))
    )
    assert finding.severity is Severity.WARNING
    assert "the quarters give 10.025 (10.02 to 10.03 allowing for rounding)" in finding.message


def test_a_provisional_part_is_checked_with_a_caveat() -> None:
    cells = _quarters("10", "14", "11", "13 (tbc)", year="48")
    indicators = [_indicator("plans", "period_end", "count")]
    observations = _row("plans", cells)
    observations[3]["value"] = {"number": "13", "status": "provisional", "printed": "13 (tbc)"}
    (finding,) = R110(report_of(indicators=indicators, observations=observations))
    assert finding.message.endswith(
        "; it rests on figures not printed as final: 13 (tbc) (provisional)"
    )


def test_a_weighted_mean_without_denominators_is_checked_against_the_range_of_its_parts() -> None:
    indicators = [_indicator("inside", "weighted_mean"), _indicator("outside", "weighted_mean")]
    observations = [
        *_row("inside", _quarters("79.9", "78.2", "67.1", "61.0", year="74.6")),
        *_row("outside", _quarters("79.9", "78.2", "67.1", "61.0", year="286.2")),
    ]
    found = {
        f.location: f for f in R110(report_of(indicators=indicators, observations=observations))
    }
    inside, outside = found["inside / A / 2015/16"], found["outside / A / 2015/16"]
    assert inside.severity is Severity.INFO
    assert inside.message == (
        "cannot check exactly: the quarters are printed without the denominators that weight "
        "them; 74.6 is within their range (60.95 to 79.95), as a weighted mean of them must be, "
        "and is not their plain mean (71.55)"
    )
    assert outside.severity is Severity.ERROR
    assert outside.message == (
        "printed 286.2, declared the mean of the quarters weighted by their denominators, but no "
        "weighting of the quarters gives it: they range from 60.95 to 79.95; it is the total of "
        "the quarters (286.2)"
    )


def test_a_weighted_mean_with_its_denominators_is_checked_exactly() -> None:
    denominators = {
        "2015/16 Q1": "300",
        "2015/16 Q2": "100",
        "2015/16 Q3": "50",
        "2015/16 Q4": "50",
    }
    cells = _quarters(
        "80.0", "60.0", "70.0", "70.0", year="70.0"
    )  # the mean, not the weighted mean
    (finding,) = R110(
        report_of(
            indicators=[_indicator("t", "weighted_mean")],
            observations=_row("t", cells, denominators=denominators),
        )
    )
    assert finding.severity is Severity.ERROR
    assert finding.computed == "74"
    assert "it is the mean of the quarters (70)" in finding.message


def test_a_denominator_linked_by_reference_weights_the_part() -> None:
    observations = _row("t", _quarters("80.0", "60.0", "70.0", "70.0", year="71.7"))
    observations += [
        {"id": f"n{q}", "indicator": "n", "area": "A", "period": p, "value": {"number": n}}
        for q, (p, n) in enumerate(zip(QUARTERS, ("300", "100", "50", "50"), strict=True))
    ]
    for q, row in enumerate(observations[:4]):
        row["denominator_ref"] = f"n{q}"
    report = report_of(
        indicators=[_indicator("t", "weighted_mean"), _indicator("n", None, "count")],
        observations=observations,
    )
    (finding,) = R110(report)
    assert finding.computed == "74"


def test_months_quarters_and_the_year_each_against_their_parts() -> None:
    months = {str(m): "10" for m in parts_of(FinancialYear(2015))[1]}
    months["June 2015"] = "12"  # Q1 is 32, not the 30 printed
    cells: dict[str, str | None] = {
        **months,
        **dict(zip(QUARTERS, ("30", "30", "30", "30"), strict=True)),
        "2015/16": "120",
    }
    (finding,) = R110(
        report_of(indicators=[_indicator("x", "total", "count")], observations=_row("x", cells))
    )
    assert finding.location == "x / A / 2015/16 Q1"
    assert (
        finding.message
        == "printed 30, declared the total of the months, but the months give 32; it fits no rule of the months"
    )


def test_a_year_of_months_alone_is_checked_against_the_months() -> None:
    months: dict[str, str | None] = {str(m): "10" for m in parts_of(CalendarYear(2016))[1]}
    months["2016"] = "10"
    (finding,) = R110(
        report_of(indicators=[_indicator("x", "total", "count")], observations=_row("x", months))
    )
    assert finding.location == "x / A / 2016"
    assert (
        "it is the mean of the months (10) or the value at the end of the period, December "
        "2016's (10) or the largest of the months (10)" in finding.message
    )


def test_calendar_quarters_in_a_calendar_year_and_an_academic_year_of_months() -> None:
    calendar = {"Q1 2016": "5", "Q2 2016": "6", "Q3 2016": "7", "Q4 2016": "8", "2016": "27"}
    academic: dict[str, str | None] = {str(m): "2" for m in parts_of(AcademicYear(2016))[0]}
    indicators = [_indicator("c", "total", "count"), _indicator("s", "total", "count")]
    observations = [*_row("c", dict(calendar)), *_row("s", academic)]
    observations.append(
        {
            "indicator": "s",
            "area": "A",
            "period": "academic year 2016/17",
            "value": {"number": "25"},
        }
    )
    findings = R110(report_of(indicators=indicators, observations=observations))
    assert sorted((f.location, f.computed) for f in findings) == [
        ("c / A / 2016", "26"),
        ("s / A / academic year 2016/17", "24"),
    ]


def test_a_quarter_printed_as_a_calendar_quarter_is_a_part_of_the_financial_year() -> None:
    cells = {
        "2015/16 Q1": "1",
        "2015/16 Q2": "2",
        "2015/16 Q3": "3",
        "Q1 2016": "4",
        "2015/16": "10",
    }
    assert (
        R110(
            report_of(
                indicators=[_indicator("x", "total", "count")], observations=_row("x", dict(cells))
            )
        )
        == ()
    )


# --- property: a figure derived and rounded as printed is never reported ---------------------


def _printed(number: Decimal, places: int) -> str:
    return str(round_half_up(number, places))


@given(
    st.sampled_from(_RULES),
    st.lists(st.tuples(_VALUES, st.integers(1, 5000)), min_size=12, max_size=12),
    st.sampled_from([FinancialYear(2015), CalendarYear(2016)]),
    st.sampled_from([0, 1, 2]),
)
def test_figures_derived_and_rounded_as_printed_are_never_reported(
    rule: Aggregation,
    months: list[tuple[Decimal, int]],
    year: Period,
    places: int,
) -> None:
    quarters, month_periods = parts_of(year)
    rows: list[dict[str, Any]] = []

    def add(period: Period, parts: list[tuple[Decimal, int]]) -> None:
        values = [value for value, _ in parts]
        true = derive(rule, parts) if rule is Aggregation.WEIGHTED_MEAN else derive(rule, values)
        rows.append(
            {
                "indicator": "x",
                "area": "A",
                "period": str(period),
                "value": {"number": _printed(true, places)},
                "denominator": {"number": str(sum(weight for _, weight in parts))},
            }
        )

    for month, part in zip(month_periods, months, strict=True):
        add(month, [part])
    for number, quarter in enumerate(quarters):
        add(quarter, months[3 * number : 3 * number + 3])
    add(year, months)
    report = report_of(indicators=[_indicator("x", rule.value)], observations=rows)
    assert R110(report) == ()


_EXACT = [Aggregation.TOTAL, Aggregation.PERIOD_END, Aggregation.MAXIMUM]


@given(st.sampled_from(_EXACT), st.lists(st.integers(0, 10_000), min_size=4, max_size=4))
def test_counts_derived_exactly_are_never_reported(rule: Aggregation, counts: list[int]) -> None:
    year = derive(rule, counts)
    cells: dict[str, str | None] = {
        **dict(zip(QUARTERS, map(str, counts), strict=True)),
        "2015/16": str(year),
    }
    report = report_of(
        indicators=[_indicator("x", rule.value, "count")], observations=_row("x", cells)
    )
    assert R110(report) == ()
    wrong = {**cells, "2015/16": str(year + 1)}
    (finding,) = R110(
        report_of(indicators=[_indicator("x", rule.value, "count")], observations=_row("x", wrong))
    )
    assert finding.difference == "1"


# --- the indicator's field and the bundled report -------------------------------------------


def test_an_indicator_declares_its_rule() -> None:
    declared = IndicatorDefinition.model_validate(
        {"id": "x", "name": "X", "kind": "count", "aggregation": "period_end"}
    )
    assert declared.aggregation is Aggregation.PERIOD_END
    assert IndicatorDefinition.model_validate_json(declared.model_dump_json()) == declared
    assert IndicatorDefinition(id="y", name="Y", kind=MeasureKind.COUNT).aggregation is None
    with pytest.raises(ValueError, match="aggregation"):
        IndicatorDefinition.model_validate(
            {"id": "x", "name": "X", "kind": "count", "aggregation": "sum"}
        )


LANCASHIRE_RULES = {
    "missing-from-home": Aggregation.NOT_DERIVABLE,
    "missing-from-home-who-were-cla": Aggregation.NOT_DERIVABLE,
    "missing-from-education": Aggregation.NOT_DERIVABLE,
    "repeat-referrals": Aggregation.WEIGHTED_MEAN,
    "assessments-completed-to-timescale": Aggregation.WEIGHTED_MEAN,
}


def test_the_lancashire_quarterly_indicators_carry_their_rules() -> None:
    report = load_example()
    quarterly = {
        o.indicator for o in report.observations if isinstance(o.period, FinancialQuarter | Month)
    }
    rules = {i.id: i.aggregation for i in report.indicators if i.aggregation is not None}
    assert quarterly == set(LANCASHIRE_RULES)
    assert rules == LANCASHIRE_RULES


def test_what_r110_finds_in_lancashire() -> None:
    report = load_example()
    found = check(report, select="R110")
    assert [(f.severity, f.location) for f in found] == [
        (Severity.INFO, "assessments-completed-to-timescale / Lancashire / 2015/16"),
        (Severity.INFO, "repeat-referrals / Lancashire / 2015/16"),
    ]
    timeliness, referrals = found
    # the year's 74.6% lies within the quarters' 79.9% to 61.0%, but is not their mean, 71.55%
    assert (timeliness.stated, timeliness.number("mean")) == ("74.6", "71.55")
    assert "is not their plain mean (71.55)" in timeliness.message
    assert [p.line for p in timeliness.provenance] == [346, 366, 367, 368, 369]
    # the narrative prints Q1's 17.8% and Q4's 12.0%, not Q2 and Q3
    assert referrals.message.endswith("2015/16 Q2 and 2015/16 Q3 are not printed")


def test_lancashire_gains_only_what_r110_finds() -> None:
    report = load_example()
    undeclared = report.model_copy(
        update={
            "indicators": tuple(
                i.model_copy(update={"aggregation": None}) for i in report.indicators
            )
        }
    )
    before, after = check(undeclared), check(report)
    assert Counter(after) - Counter(before) == Counter(check(report, select="R110"))
    assert not Counter(before) - Counter(after)
