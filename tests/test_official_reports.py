"""A report taking counts, limits and comparators from an official table, with their rows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from example_files import EXAMPLE_FILES
from safeguarding_model import (
    AnnualReport,
    Area,
    check,
    load_example,
    parse_value,
    scorecard,
)
from safeguarding_model.dfe_statistics import read_dfe_statistics
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.io import load_report
from safeguarding_model.markers import Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialTable
from safeguarding_model.official_reports import (
    OfficialMatch,
    Supplied,
    SupplyKind,
    add_official_figures,
)

if TYPE_CHECKING:
    from pathlib import Path

DATA = EXAMPLE_FILES
PROFILE = DATA / "lancashire-child-health-2016.csv"
LANCASHIRE = "E10000017"

MATCHES = {
    "infant-mortality": OfficialMatch("fingertips-92196", periods={"2016": "2012 - 14"}),
    "child-mortality": OfficialMatch("fingertips-92197", periods={"2016": "2012 - 14"}),
    "children-in-care-rate": OfficialMatch("fingertips-90803", periods={"2016": "2015"}),
    "first-time-entrants": OfficialMatch(
        "fingertips-10401", breakdown={"Sex": "Persons"}, periods={"2016": "2015"}
    ),
    "good-level-of-development": OfficialMatch("fingertips-90631", periods={"2016": "2014/15"}),
    "self-harm-admissions-10-24": OfficialMatch("fingertips-90813", periods={"2016": "2014/15"}),
}
"""The bundled report's Child Health Profile indicators, each with the file's and its period."""


def _rows(path: Path = PROFILE) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def _row(indicator: str, area_code: str, sex: str = "Persons") -> tuple[int, dict[str, str]]:
    """The fixture's row (with its line, the header being line 1) of an indicator and area."""
    for line, row in enumerate(_rows(), start=2):
        if (
            f"fingertips-{row['Indicator ID']}" == indicator
            and row["Area Code"] == area_code
            and row["Sex"] == sex
        ):
            return line, row
    raise AssertionError((indicator, area_code))


def _table(text: str) -> OfficialTable:
    return read_fingertips(io.StringIO(text), name="profile.csv")


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(scope="module")
def supplied() -> tuple[AnnualReport, Supplied]:
    report = load_example()
    return report, add_official_figures(report, read_fingertips(PROFILE), MATCHES)


def test_the_area_and_england_take_the_files_counts_and_limits_figure_by_figure(
    supplied: tuple[AnnualReport, Supplied],
) -> None:
    _report, result = supplied
    new = result.report
    for report_id, match in MATCHES.items():
        for area, code in (("Lancashire", LANCASHIRE), ("England", ENGLAND_CODE)):
            line, row = _row(match.official, code)
            (figure,) = [
                o
                for o in new.observations
                if o.indicator == report_id and o.area == area and str(o.period) == "2016"
            ]
            assert figure.lower == Decimal(row["Lower CI 95.0 limit"])
            assert figure.upper == Decimal(row["Upper CI 95.0 limit"])
            assert figure.confidence == 0.95
            assert figure.supplied_from is not None
            assert figure.supplied_from.source == "lancashire-child-health-2016.csv"
            assert figure.supplied_from.line == line
            if report_id == "self-harm-admissions-10-24":  # a standardised rate
                assert figure.count is None
                assert figure.denominator is None
            else:
                assert figure.count is not None
                assert figure.denominator is not None
                assert figure.count.number == Decimal(row["Count"])
                assert figure.denominator.number == Decimal(row["Denominator"])


def test_printed_figures_keep_their_values_and_the_given_report_is_unchanged(
    supplied: tuple[AnnualReport, Supplied],
) -> None:
    report, result = supplied
    new = result.report
    assert report == load_example()
    assert all(o.supplied_from is None for o in report.observations)
    before = report.observations
    assert len(new.observations) == len(before) + 2  # the North West region's two figures
    for old, now in zip(before, new.observations, strict=False):
        assert (old.indicator, old.area, old.period, old.value, old.provenance) == (
            now.indicator,
            now.area,
            now.period,
            now.value,
            now.provenance,
        )


def test_what_was_done_is_said_figure_by_figure(supplied: tuple[AnnualReport, Supplied]) -> None:
    _report, result = supplied
    supplies = result.supplies
    kinds = [(s.kind, s.indicator, s.area) for s in supplies]
    assert kinds.count((SupplyKind.DETAIL, "infant-mortality", "Lancashire")) == 1
    assert (SupplyKind.COMPARATOR, "infant-mortality", "North West region") in kinds
    assert (SupplyKind.COMPARATOR, "good-level-of-development", "North West region") in kinds
    assert len(result.of_kind("detail")) == 2 * len(MATCHES)
    assert len(result.of_kind(SupplyKind.COMPARATOR)) == 2
    assert not result.of_kind("differs")
    assert all(str(s.period) == "2016" for s in supplies)  # the 2015 edition's are left alone


def test_added_comparators_cite_the_files_row(supplied: tuple[AnnualReport, Supplied]) -> None:
    _report, result = supplied
    line, row = _row("fingertips-92196", "E12000002")
    (region,) = [
        o
        for o in result.report.observations
        if o.indicator == "infant-mortality" and o.area == "North West region"
    ]
    assert region.value.number == Decimal(row["Value"])
    assert str(region.period) == "2016"
    assert region.provenance is not None
    assert region.provenance.line == line
    assert region.provenance.source == "lancashire-child-health-2016.csv"
    assert region.provenance.row == "Infant mortality, North West region, 2012 - 14"
    assert region.supplied_from is None


def test_the_scorecard_gains_the_significance_the_file_publishes(
    supplied: tuple[AnnualReport, Supplied],
) -> None:
    report, result = supplied
    before = {row.indicator.id: row for row in scorecard(report)}
    after = {row.indicator.id: row for row in scorecard(result.report)}
    for report_id, match in MATCHES.items():
        assert before[report_id].computed_significance is Significance.NOT_COMPARED
        _line, row = _row(match.official, LANCASHIRE)
        england = after[report_id].comparator("England")
        assert england is not None
        assert england.value.number is not None
        lower, upper = Decimal(row["Lower CI 95.0 limit"]), Decimal(row["Upper CI 95.0 limit"])
        side = 1 if lower > england.value.number else -1 if upper < england.value.number else 0
        computed = after[report_id].computed_significance
        stated = Significance.from_label(row["Compared to England value or percentiles"])
        if side == 0:
            assert computed is Significance.SIMILAR
        else:
            assert computed is not Significance.SIMILAR
            assert computed is not Significance.NOT_COMPARED
        assert stated is not Significance.SIMILAR  # every planted label is a significant one
        assert side != 0


def test_the_supplied_report_adds_no_finding_and_round_trips(
    supplied: tuple[AnnualReport, Supplied], tmp_path: Path
) -> None:
    report, result = supplied
    new = result.report
    assert {(f.code, f.location) for f in check(new)} == {
        (f.code, f.location) for f in check(report)
    }
    path = tmp_path / "supplied.json"
    path.write_text(new.model_dump_json(), encoding="utf-8")
    assert load_report(path) == new


def _small(printed: str, *, count_ref: str | None = None) -> AnnualReport:
    """A report printing Lancashire's infant mortality for 2012 - 14, and a linked count if asked."""
    figure = {"indicator": "infant", "area": "Lancashire", "period": "2012 - 14"}
    observations: list[dict[str, object]] = [
        {**figure, "value": parse_value(printed), "count_ref": count_ref}
    ]
    if count_ref is not None:
        observations.append(
            {**figure, "id": count_ref, "indicator": "deaths", "value": parse_value("200")}
        )
    return AnnualReport.model_validate(
        {
            "id": "small",
            "title": "Small",
            "arrangement": "board",
            "area": {"name": "Lancashire", "ons_code": LANCASHIRE},
            "period": "2015/16",
            "indicators": [
                {"id": "infant", "name": "Infant mortality", "kind": "rate", "per": 1000},
                {"id": "deaths", "name": "Infant deaths", "kind": "count"},
            ],
            "observations": observations,
        }
    )


def test_a_figure_the_file_contradicts_is_left_as_printed_and_said() -> None:
    result = add_official_figures(
        _small("5.3"), read_fingertips(PROFILE), {"infant": "fingertips-92196"}
    )
    (differs,) = result.of_kind("differs")
    assert differs.area == "Lancashire"
    assert "printed 5.3" in differs.detail
    assert "4.7962" in differs.detail
    (figure,) = [o for o in result.report.observations if o.area == "Lancashire"]
    assert figure.count is None
    assert figure.lower is None
    assert figure.supplied_from is None


def test_a_linked_count_is_not_replaced_but_limits_are_taken() -> None:
    result = add_official_figures(
        _small("4.8", count_ref="births"), read_fingertips(PROFILE), {"infant": "fingertips-92196"}
    )
    figure = result.report.observations[0]
    assert figure.count is None
    assert figure.count_ref == "births"
    assert figure.lower == Decimal("4.1544")
    assert figure.confidence == 0.95


def test_a_suppressed_file_value_is_not_used() -> None:
    rows = _rows()
    for row in rows:
        if row["Indicator ID"] == "92196" and row["Area Code"] == LANCASHIRE:
            row.update(
                {
                    "Value": "",
                    "Lower CI 95.0 limit": "",
                    "Upper CI 95.0 limit": "",
                    "Lower CI 99.8 limit": "",
                    "Upper CI 99.8 limit": "",
                    "Count": "",
                    "Value note": "Value suppressed for disclosure control due to small count",
                }
            )
    result = add_official_figures(_small("4.8"), _table(_csv(rows)), {"infant": "fingertips-92196"})
    (unused,) = [s for s in result.supplies if s.area == "Lancashire"]
    assert unused.kind is SupplyKind.UNUSED
    assert "suppressed" in unused.detail
    assert result.report.observations[0].supplied_from is None


def test_rows_of_several_breakdowns_must_be_chosen() -> None:
    report = load_example()
    table = read_fingertips(PROFILE)
    match = OfficialMatch("fingertips-10401", periods={"2016": "2015"})
    with pytest.raises(InvalidInputError) as refused:
        add_official_figures(report, table, {"first-time-entrants": match})
    assert refused.value.field == "matches['first-time-entrants'].breakdown"
    assert "Sex=Male" in str(refused.value)
    male = OfficialMatch("fingertips-10401", breakdown={"Sex": "Male"}, periods={"2016": "2015"})
    result = add_official_figures(report, table, {"first-time-entrants": male})
    assert [s.kind for s in result.supplies if s.area == "Lancashire"] == [SupplyKind.DIFFERS]


def test_unknown_ids_and_a_missing_area_code_are_refused() -> None:
    report = load_example()
    table = read_fingertips(PROFILE)
    with pytest.raises(UnknownIdError):
        add_official_figures(report, table, {"no-such-indicator": "fingertips-92196"})
    with pytest.raises(UnknownIdError):
        add_official_figures(report, table, {"infant-mortality": "fingertips-1"})
    nameless = report.model_copy(update={"area": Area(name="Lancashire")})
    with pytest.raises(InvalidInputError) as refused:
        add_official_figures(nameless, table, {"infant-mortality": "fingertips-92196"})
    assert refused.value.field == "area_code"
    with pytest.raises(InvalidInputError) as unreadable:
        OfficialMatch("fingertips-92196", periods={"sometime": "2015"})
    assert unreadable.value.field == "periods"


def test_the_area_code_may_be_given_and_periods_shared() -> None:
    nameless = _small("4.8").model_copy(update={"area": Area(name="Lancashire")})
    result = add_official_figures(
        nameless, read_fingertips(PROFILE), {"infant": "fingertips-92196"}, area_code=LANCASHIRE
    )
    assert [s.kind for s in result.supplies][:1] == [SupplyKind.DETAIL]
    report = load_example()
    shared = add_official_figures(
        report,
        read_fingertips(PROFILE),
        {"infant-mortality": "fingertips-92196", "child-mortality": "fingertips-92197"},
        periods={"2016": "2012 - 14"},
    )
    assert [(s.kind, s.indicator, s.area) for s in shared.supplies] == [
        (SupplyKind.DETAIL, "infant-mortality", "Lancashire"),
        (SupplyKind.DETAIL, "infant-mortality", "England"),
        (SupplyKind.COMPARATOR, "infant-mortality", "North West region"),
        (SupplyKind.DETAIL, "child-mortality", "Lancashire"),
        (SupplyKind.DETAIL, "child-mortality", "England"),
    ]


@given(
    printed=st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
    offset=st.integers(min_value=-300, max_value=300),
)
def test_a_figure_is_detailed_exactly_when_the_two_values_round_alike(
    printed: Decimal, offset: int
) -> None:
    published = printed + Decimal(offset) / 1000  # four places in the file
    rows = _rows()
    for row in rows:
        if row["Indicator ID"] == "92196" and row["Area Code"] == LANCASHIRE:
            row["Value"] = f"{published:.4f}"
    result = add_official_figures(
        _small(f"{printed:.1f}"), _table(_csv(rows)), {"infant": "fingertips-92196"}
    )
    (mine,) = [s for s in result.supplies if s.area == "Lancashire"]
    within = abs(published - printed) <= Decimal("0.05") + Decimal("0.00005")
    assert mine.kind is (SupplyKind.DETAIL if within else SupplyKind.DIFFERS)
    assert result.report.observations[0].value == parse_value(f"{printed:.1f}")


def test_a_dfe_table_gives_the_region_and_says_why_a_rate_without_denominator_adds_nothing() -> (
    None
):
    figure = {"indicator": "cin-rate", "period": "2015/16"}
    report = AnnualReport.model_validate(
        {
            "id": "cin",
            "title": "CIN",
            "arrangement": "board",
            "area": {"name": "Lancashire", "ons_code": LANCASHIRE},
            "period": "2015/16",
            "indicators": [
                {"id": "cin-rate", "name": "CIN", "kind": "rate", "per": 10_000},
            ],
            "observations": [
                {**figure, "area": "Lancashire", "value": parse_value("354.4")},
                {**figure, "area": "England", "value": parse_value("337.3")},
            ],
        }
    )
    table = read_dfe_statistics(DATA / "dfe-children-in-need.csv")
    result = add_official_figures(report, table, {"cin-rate": "cin-rate-at-31-march"})
    assert [(s.kind, s.area, s.line) for s in result.supplies] == [
        (SupplyKind.UNUSED, "Lancashire", 4),
        (SupplyKind.UNUSED, "England", 2),
        (SupplyKind.COMPARATOR, "North West", 3),
    ]
    assert "no count, denominator or limits" in result.supplies[0].detail
    region = result.report.observations[-1]
    assert region.value.number == Decimal("384.2")
    assert region.provenance is not None
    assert region.provenance.line == 3
