"""Two editions of a report compared (E rules), and series built across editions."""

from __future__ import annotations

import doctest
import inspect
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from example_files import EXAMPLE_FILES
from safeguarding_model import (
    AnnualReport,
    FinancialYear,
    IndicatorSeries,
    Provenance,
    compare_reports,
    parse_value,
    series_across_editions,
)
from safeguarding_model.cli import main
from safeguarding_model.editions import RULES
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.findings import Finding, Kind, RuleDomain, Severity
from safeguarding_model.testing import annual_reports

EARLIER_ID = "example-2015-16"
LATER_ID = "example-2016-17"


def _observation(
    indicator: str, period: str, printed: str, line: int, *, area: str = "Example"
) -> dict[str, Any]:
    value = parse_value(printed)
    return {
        "indicator": indicator,
        "area": area,
        "period": period,
        "value": value.model_dump(),
        "provenance": {"section": "2", "line": line},
    }


def _earlier(**changes: Any) -> AnnualReport:  # noqa: ANN401 - fields of a report
    data: dict[str, Any] = {
        "id": EARLIER_ID,
        "title": "Example Safeguarding Children Partnership annual report 2015/16",
        "arrangement": "partnership",
        "area": {"name": "Example"},
        "period": "2015/16",
        "indicators": [
            {"id": "cpp-count", "name": "Children subject to a plan", "kind": "count"},
            {
                "id": "cla-rate",
                "name": "Children looked after",
                "kind": "rate",
                "per": 1000,
                "population": "child",
            },
            {"id": "referrals", "name": "Referrals to children's social care", "kind": "count"},
            {"id": "timeliness", "name": "Assessments on time", "kind": "percentage"},
            {"id": "lado-contacts", "name": "LADO contacts", "kind": "count"},
            {"id": "caf-initiated", "name": "CAFs initiated", "kind": "count"},
        ],
        "observations": [
            _observation("cpp-count", "2014/15", "956", 39),
            _observation("cpp-count", "2015/16", "1,344", 40),
            _observation("cla-rate", "2015/16", "6.6", 41),
            _observation("referrals", "2015/16", "9,120", 42),
            _observation("timeliness", "2015/16", "81.0%", 43),
            _observation("lado-contacts", "2015/16", "2,226", 44),
            _observation("lado-contacts", "2015/16", "1,950", 45, area="England"),
            _observation("caf-initiated", "2015/16", "4,185", 46),
        ],
    }
    data.update(changes)
    return AnnualReport.model_validate(data)


def _later(**changes: Any) -> AnnualReport:  # noqa: ANN401 - fields of a report
    data: dict[str, Any] = {
        "id": LATER_ID,
        "title": "Example Safeguarding Children Partnership annual report 2016/17",
        "arrangement": "partnership",
        "area": {"name": "Example"},
        "period": "2016/17",
        "indicators": [
            {"id": "cpp-count", "name": "Children subject to a plan", "kind": "count"},
            {
                "id": "cla-rate",
                "name": "Children looked after",
                "kind": "rate",
                "per": 10000,
                "population": "child",
            },
            {
                "id": "referrals",
                "name": "Referrals to children's social care (all sources)",
                "kind": "count",
            },
            {"id": "timeliness", "name": "Assessments on time", "kind": "percentage"},
            {"id": "lado-contacts", "name": "LADO contacts", "kind": "count"},
        ],
        "observations": [
            _observation("cpp-count", "2015/16", "1,334", 38),
            _observation("cpp-count", "2016/17", "1,290", 39),
            _observation("cla-rate", "2015/16", "66", 50),
            _observation("cla-rate", "2016/17", "68", 51),
            _observation("referrals", "2015/16", "9,120", 52),
            _observation("timeliness", "2015/16", "81.0%", 53),
            _observation("lado-contacts", "2015/16", "2,226", 54),
            _observation("lado-contacts", "2016/17", "2,301", 55),
        ],
    }
    data.update(changes)
    return AnnualReport.model_validate(data)


def _one(findings: tuple[Finding, ...], code: str, location: str | None = None) -> Finding:
    found = [f for f in findings if f.code == code and location in (None, f.location)]
    assert len(found) == 1, (code, [str(f) for f in findings])
    return found[0]


# --- the two editions, finding by finding ----------------------------------------------------


def test_the_two_editions_give_exactly_these_findings() -> None:
    findings = compare_reports(_earlier(), _later())
    assert sorted((f.code, f.location) for f in findings) == [
        ("E101", "cpp-count / Example / 2015/16"),
        ("E201", "referrals"),
        ("E202", "cla-rate / per"),
        ("E301", "lado-contacts / England / 2015/16"),
        ("E302", "caf-initiated"),
    ]
    # errors first, as check sorts them
    assert [f.severity for f in findings] == sorted(
        (f.severity for f in findings), key=[Severity.ERROR, Severity.WARNING, Severity.INFO].index
    )


def test_a_restated_count() -> None:
    finding = _one(compare_reports(_earlier(), _later()), "E101")
    assert finding.kind is Kind.RESTATED_FIGURE
    assert finding.severity is Severity.ERROR
    assert finding.location == "cpp-count / Example / 2015/16"
    assert dict(finding.numbers) == {"earlier": "1344", "later": "1334", "difference": "-10"}
    assert finding.difference == "-10"
    assert finding.provenance == (
        Provenance(source=EARLIER_ID, section="2", line=40),
        Provenance(source=LATER_ID, section="2", line=38),
    )
    assert finding.message == (
        "restated between editions: the earlier edition (example-2015-16, 2015/16) printed "
        "'1,344', the later (example-2016-17, 2016/17) prints '1,334', a change of -10"
    )
    # a change between editions, not an inconsistency within one report
    assert "earlier edition" in finding.message
    assert EARLIER_ID in finding.message
    assert LATER_ID in finding.message


def test_a_relabelled_indicator() -> None:
    finding = _one(compare_reports(_earlier(), _later()), "E201")
    assert (finding.kind, finding.severity) == (Kind.CHANGED_INDICATOR, Severity.INFO)
    assert finding.location == "referrals"
    assert finding.numbers == ()
    assert finding.provenance == (Provenance(source=EARLIER_ID), Provenance(source=LATER_ID))
    assert finding.message == (
        'relabelled between editions: "Referrals to children\'s social care" in the earlier '
        "edition (example-2015-16, 2015/16), \"Referrals to children's social care (all "
        'sources)" in the later (example-2016-17, 2016/17)'
    )


def test_an_indicator_change_points_at_the_rows_that_print_it() -> None:
    earlier, later = _earlier(), _later()
    placed = {
        "referrals": Provenance(table="Table 1", line=7),
    }
    earlier = earlier.model_copy(
        update={
            "indicators": tuple(
                i.model_copy(update={"provenance": placed.get(i.id)}) for i in earlier.indicators
            )
        }
    )
    finding = _one(compare_reports(earlier, later), "E201")
    assert finding.provenance == (
        Provenance(source=EARLIER_ID, table="Table 1", line=7),
        Provenance(source=LATER_ID),
    )


def test_a_changed_base_and_its_figures_compared_on_the_later_base() -> None:
    findings = compare_reports(_earlier(), _later())
    finding = _one(findings, "E202")
    assert (finding.kind, finding.severity) == (Kind.CHANGED_INDICATOR, Severity.WARNING)
    assert finding.location == "cla-rate / per"
    assert dict(finding.numbers) == {"earlier": "1000", "later": "10000"}
    assert finding.provenance == (Provenance(source=EARLIER_ID), Provenance(source=LATER_ID))
    assert "per 1,000 in the earlier edition (example-2015-16, 2015/16)" in finding.message
    assert "per 10,000 in the later (example-2016-17, 2016/17)" in finding.message
    assert "compared on the later base" in finding.message
    # 6.6 per 1,000 is 66 per 10,000: not a restatement
    assert not [f for f in findings if f.location.startswith("cla-rate /") and f.code == "E101"]


def test_a_figure_that_no_longer_agrees_after_the_change_of_base_is_restated() -> None:
    later = _later()
    observations = tuple(
        o.model_copy(update={"value": parse_value("68")})
        if (o.indicator, str(o.period)) == ("cla-rate", "2015/16")
        else o
        for o in later.observations
    )
    finding = _one(
        compare_reports(_earlier(), later.model_copy(update={"observations": observations})),
        "E101",
        "cla-rate / Example / 2015/16",
    )
    assert finding.location == "cla-rate / Example / 2015/16"
    # 6.6 per 1,000 is 66 per 10,000: 6.55 to 6.65 is 65.5 to 66.5, and 68 (67.5 to 68.5) is beyond
    assert dict(finding.numbers) == {
        "earlier": "6.6",
        "later": "68",
        "computed": "66",
        "difference": "2",
    }
    assert "'6.6' is 66 on the later edition's base" in finding.message


def test_a_disappeared_figure() -> None:
    finding = _one(compare_reports(_earlier(), _later()), "E301")
    assert (finding.kind, finding.severity) == (Kind.DISAPPEARED, Severity.WARNING)
    assert finding.location == "lado-contacts / England / 2015/16"
    assert dict(finding.numbers) == {"earlier": "1950"}
    assert finding.provenance == (Provenance(source=EARLIER_ID, section="2", line=45),)
    assert finding.message == (
        "printed by the earlier edition (example-2015-16, 2015/16) as '1,950', not by the "
        "later (example-2016-17, 2016/17), which prints other figures of 2015/16"
    )


def test_a_figure_of_a_period_the_later_edition_does_not_print_has_not_disappeared() -> None:
    # cpp-count 2014/15 is in the earlier edition only, and the later prints nothing of 2014/15
    findings = compare_reports(_earlier(), _later())
    assert not [f for f in findings if "2014/15" in f.location]


def test_a_disappeared_indicator() -> None:
    finding = _one(compare_reports(_earlier(), _later()), "E302")
    assert (finding.kind, finding.severity) == (Kind.DISAPPEARED, Severity.WARNING)
    assert finding.location == "caf-initiated"
    assert finding.provenance == (Provenance(source=EARLIER_ID), Provenance(source=LATER_ID))
    assert finding.message == (
        "the earlier edition (example-2015-16, 2015/16) defines 'CAFs initiated' with 1 figure; "
        "the later edition (example-2016-17, 2016/17) does not define it"
    )


def test_unchanged_figures_are_silent() -> None:
    findings = compare_reports(_earlier(), _later())
    for place in ("timeliness", "referrals / Example", "lado-contacts / Example"):
        assert not [f for f in findings if f.location.startswith(place)], place


# --- figures: precision, status, provisional -------------------------------------------------


def _restate(report: AnnualReport, indicator: str, period: str, printed: str) -> AnnualReport:
    observations = tuple(
        o.model_copy(update={"value": parse_value(printed)})
        if (o.indicator, str(o.period), o.area) == (indicator, period, "Example")
        else o
        for o in report.observations
    )
    return report.model_copy(update={"observations": observations})


@pytest.mark.parametrize(
    ("earlier", "later", "how"),
    [
        ("1,334", "1,334.3", "more"),
        ("1,334.3", "1,334", "fewer"),
        ("59", "59.0", "more"),
        ("12.25", "12.3", "fewer"),  # half up
    ],
)
def test_a_restatement_of_precision_is_information(earlier: str, later: str, how: str) -> None:
    first = _restate(_earlier(), "cpp-count", "2015/16", earlier)
    second = _restate(_later(), "cpp-count", "2015/16", later)
    findings = compare_reports(first, second, select="E1")
    finding = _one(findings, "E102")
    assert "E101" not in {f.code for f in findings}
    assert finding.severity is Severity.INFO
    assert finding.location == "cpp-count / Example / 2015/16"
    assert finding.message.startswith(f"printed with {how} digits between editions")
    assert finding.number("earlier") == str(parse_value(earlier).number)
    assert finding.number("later") == str(parse_value(later).number)
    assert len(finding.provenance) == 2


@pytest.mark.parametrize(("earlier", "later"), [("1,334", "1,335.0"), ("12.2", "12.3")])
def test_more_digits_that_do_not_round_to_the_old_figure_are_a_restatement(
    earlier: str, later: str
) -> None:
    first = _restate(_earlier(), "cpp-count", "2015/16", earlier)
    second = _restate(_later(), "cpp-count", "2015/16", later)
    assert [f.code for f in compare_reports(first, second, select="E1")] == ["E101"]


def test_a_provisional_figure_revised_is_a_warning() -> None:
    first = _restate(_earlier(), "cpp-count", "2015/16", "1400 (tbc)")
    finding = _one(compare_reports(first, _later()), "E101")
    assert finding.severity is Severity.WARNING
    assert "'1400 (tbc)' (provisional)" in finding.message
    assert dict(finding.numbers) == {"earlier": "1400", "later": "1334", "difference": "-66"}


@pytest.mark.parametrize(
    ("earlier", "later", "severity", "numbers"),
    [
        ("1334 (tbc)", "1,334", Severity.INFO, {"earlier": "1334", "later": "1334"}),
        ("Data not currently available", "1,334", Severity.INFO, {"later": "1334"}),
        ("1,334", "[c]", Severity.WARNING, {"earlier": "1334"}),
        ("1,334", "Under review", Severity.WARNING, {"earlier": "1334"}),
        ("N/A", "[x]", Severity.INFO, {}),
    ],
)
def test_a_change_of_status(
    earlier: str, later: str, severity: Severity, numbers: dict[str, str]
) -> None:
    first = _restate(_earlier(), "cpp-count", "2015/16", earlier)
    second = _restate(_later(), "cpp-count", "2015/16", later)
    findings = compare_reports(first, second, select="E1")
    finding = _one(findings, "E103")
    assert [f.code for f in findings] == ["E103"]
    assert finding.severity is severity
    assert dict(finding.numbers) == numbers
    assert finding.message.startswith("status changed between editions")
    assert finding.message.endswith(", with no number") is (severity is Severity.WARNING)


def test_a_figure_printed_twice_is_compared_by_its_first_number() -> None:
    earlier = _earlier()
    again = earlier.observations[1].model_copy(update={"value": parse_value("N/A")})
    twice = earlier.model_copy(update={"observations": (again, *earlier.observations)})
    assert compare_reports(twice, _later(), select="E1") == compare_reports(
        earlier, _later(), select="E1"
    )


# --- indicators ------------------------------------------------------------------------------


def _redefine(report: AnnualReport, indicator: str, **fields: Any) -> AnnualReport:  # noqa: ANN401 - an indicator's fields
    definitions = [i.model_dump() for i in report.indicators]
    for definition in definitions:
        if definition["id"] == indicator:
            definition.update(fields)
    return AnnualReport.model_validate({**report.model_dump(), "indicators": definitions})


def test_changed_definitions() -> None:
    later = _redefine(_later(), "timeliness", polarity="higher_is_better", source="DfE 2017")
    later = _redefine(later, "cpp-count", shares_of="children")
    findings = compare_reports(_earlier(), later, select="E203")
    assert [(f.location, f.severity) for f in findings] == [
        ("cpp-count / shares_of", Severity.WARNING),
        ("timeliness / polarity", Severity.WARNING),
        ("timeliness / source", Severity.INFO),
    ]
    polarity = findings[1]
    assert polarity.message == (
        "polarity changed between editions: 'no_judgement' in the earlier edition "
        "(example-2015-16, 2015/16), 'higher_is_better' in the later (example-2016-17, 2016/17)"
    )
    assert findings[2].message.startswith("source changed between editions: none in the earlier")


def test_a_changed_kind_or_population_stops_the_figures_being_compared() -> None:
    later = _restate(_later(), "timeliness", "2015/16", "0.81")
    later = _redefine(later, "timeliness", kind="proportion")
    findings = compare_reports(_earlier(), later)
    kind = _one(findings, "E203")
    assert kind.location == "timeliness / kind"
    assert kind.message.endswith("; the figures of the two are not compared")
    assert not [f for f in findings if f.location.startswith("timeliness / Example")]
    other = _redefine(
        _restate(_later(), "cla-rate", "2015/16", "5"), "cla-rate", population="household"
    )
    findings = compare_reports(_earlier(), other)
    population = [f for f in findings if f.location == "cla-rate / population"]
    assert [f.code for f in population] == ["E202"]
    assert "'child' in the earlier edition" in population[0].message
    assert "'household' in the later" in population[0].message
    assert not [f for f in findings if f.location.startswith("cla-rate / Example")]


def test_renamed_ids_are_matched_when_mapped() -> None:
    data = _later().model_dump()
    for record in (*data["indicators"], *data["observations"]):
        for name in ("id", "indicator"):
            if record.get(name) == "cpp-count":
                record[name] = "children-on-plans"
    later = AnnualReport.model_validate(data)
    unmapped = _one(compare_reports(_earlier(), later, select="E302"), "E302", "cpp-count")
    assert unmapped.location == "cpp-count"
    assert unmapped.message.endswith(
        "; it defines 'children-on-plans' of the same name: if that is this indicator, match "
        "them with renamed={'cpp-count': 'children-on-plans'}"
    )
    mapped = compare_reports(_earlier(), later, renamed={"cpp-count": "children-on-plans"})
    assert "cpp-count" not in {f.location for f in mapped if f.code == "E302"}
    restated = _one(mapped, "E101")
    assert restated.location == "children-on-plans / Example / 2015/16"
    assert dict(restated.numbers)["difference"] == "-10"


@pytest.mark.parametrize(
    ("renamed", "match"),
    [
        ({"nonsense": "cpp-count"}, r"renamed: expected the id of an indicator of the earlier"),
        (
            {"cpp-count": "nonsense"},
            r"renamed\['cpp-count'\]: expected the id of an indicator of the later",
        ),
        (
            {"cpp-count": "timeliness", "referrals": "timeliness"},
            r"renamed\['referrals'\]: expected a later id that no other",
        ),
    ],
)
def test_renamed_ids_are_checked(renamed: dict[str, str], match: str) -> None:
    with pytest.raises(InvalidInputError, match=match):
        compare_reports(_earlier(), _later(), renamed=renamed)


# --- options and misuse ----------------------------------------------------------------------


def test_select_and_ignore() -> None:
    earlier, later = _earlier(), _later()
    assert sorted(f.code for f in compare_reports(earlier, later, select="E3")) == ["E301", "E302"]
    assert {f.code for f in compare_reports(earlier, later, ignore=["E1", "E3"])} == {
        "E201",
        "E202",
    }
    with pytest.raises(InvalidInputError, match="select"):
        compare_reports(earlier, later, select="restated")


def test_editions_in_the_wrong_order_are_refused() -> None:
    with pytest.raises(
        InvalidInputError, match=r"later: expected an edition for 2016/17 or a later"
    ):
        compare_reports(_later(), _earlier())


def test_two_editions_of_one_year_may_be_compared() -> None:
    reissue = _earlier(id="example-2015-16-revised").model_copy()
    reissue = _restate(reissue, "cpp-count", "2015/16", "1,343")
    finding = _one(compare_reports(_earlier(), reissue), "E101")
    assert "(example-2015-16-revised, 2015/16)" in finding.message


def test_a_hostile_label_is_shortened_and_printed_on_one_line() -> None:
    long_name = "Referrals\x1b[31m\n" + "x" * 5000
    later = _redefine(_later(), "referrals", name=long_name)
    finding = _one(compare_reports(_earlier(), later), "E201")
    assert len(finding.message) < 400
    assert "…" in finding.message
    text = str(finding)
    assert "\n" not in text
    assert "\x1b" not in text


def test_the_rules_are_documented_with_a_failing_example_of_their_own() -> None:
    assert [rule.code for rule in RULES] == sorted(rule.code for rule in RULES)
    assert len({rule.name for rule in RULES}) == len(RULES)
    for rule in RULES:
        assert rule.domain is RuleDomain.EDITIONS
        doc = inspect.cleandoc(rule.function.__doc__ or "")
        text, _, example = doc.partition("\nExamples:\n")
        assert rule.summary.endswith("."), rule.code
        assert text.partition("\n")[2].strip(), rule.code
        wanted = "".join(e.want for e in doctest.DocTestParser().get_examples(example))
        assert re.search(rf"^{rule.code} (error|warning|info) \[", wanted, re.MULTILINE), rule.code


# --- a report compared with itself -----------------------------------------------------------


@given(annual_reports())
def test_a_report_compared_with_itself_finds_nothing(report: AnnualReport) -> None:
    assert compare_reports(report, report) == ()
    reissued = report.model_copy(update={"id": f"{report.id}-reissued"})
    assert compare_reports(report, reissued) == ()


@given(annual_reports())
def test_a_report_compared_with_itself_less_one_figure_finds_that_figure(
    report: AnnualReport,
) -> None:
    if not report.observations:
        return
    dropped = report.observations[0]
    rest = tuple(o for o in report.observations if o != dropped)
    periods = {o.period for o in rest}
    later = report.model_copy(update={"observations": rest})
    findings = compare_reports(report, later, select="E3")
    places = {(o.indicator, o.area, o.period) for o in rest}
    gone = (dropped.indicator, dropped.area, dropped.period) not in places
    expected = (
        {f"{dropped.indicator} / {dropped.area} / {dropped.period}"}
        if gone and dropped.period in periods
        else set()
    )
    assert {f.location for f in findings} == expected


# --- series across editions ------------------------------------------------------------------


def test_the_series_across_editions_takes_the_latest_editions_figure() -> None:
    cpp = series_across_editions([_later(), _earlier()], "cpp-count")
    assert isinstance(cpp, IndicatorSeries)
    assert cpp.area == "Example"
    assert [(str(o.period), o.value.number, o.provenance) for o in cpp.own()] == [
        ("2014/15", Decimal(956), Provenance(source=EARLIER_ID, section="2", line=39)),
        ("2015/16", Decimal(1334), Provenance(source=LATER_ID, section="2", line=38)),
        ("2016/17", Decimal(1290), Provenance(source=LATER_ID, section="2", line=39)),
    ]
    # the order given does not matter: editions are ordered by their period
    assert series_across_editions([_earlier(), _later()], "cpp-count") == cpp


def test_the_series_keeps_comparators_and_a_source_already_named() -> None:
    earlier = _earlier()
    cited = tuple(
        o.model_copy(update={"provenance": Provenance(source="dfe-cin-2016", line=3)})
        if o.area == "England"
        else o
        for o in earlier.observations
    )
    earlier = earlier.model_copy(update={"observations": cited})
    lado = series_across_editions([earlier, _later()], "lado-contacts")
    assert lado.comparators() == ("England",)
    (england,) = lado.of("England")
    assert england.provenance == Provenance(source="dfe-cin-2016", line=3)
    assert [o.provenance.source for o in lado.own() if o.provenance] == [LATER_ID, LATER_ID]


def test_a_later_edition_of_the_same_year_wins_by_its_position() -> None:
    reissue = _restate(_earlier(id="example-2015-16-revised"), "cpp-count", "2015/16", "1,343")
    cpp = series_across_editions([_earlier(), reissue], "cpp-count", area="Example")
    assert [o.value.number for o in cpp.own()] == [Decimal(956), Decimal(1343)]


def test_the_series_of_an_indicator_only_an_earlier_edition_defines() -> None:
    caf = series_across_editions([_earlier(), _later()], "caf-initiated")
    assert [o.provenance.source for o in caf.own() if o.provenance] == [EARLIER_ID]


def test_series_across_editions_refuses_misuse() -> None:
    with pytest.raises(InvalidInputError, match="reports: expected at least one edition"):
        series_across_editions([], "cpp-count")
    with pytest.raises(UnknownIdError, match="'nonsense'"):
        series_across_editions([_earlier(), _later()], "nonsense")
    with pytest.raises(
        InvalidInputError, match=r"reports: expected editions that define 'cla-rate'"
    ):
        series_across_editions([_earlier(), _later()], "cla-rate")


def test_the_series_period_ordering_is_by_period() -> None:
    cpp = series_across_editions([_earlier(), _later()], "cpp-count")
    periods = [o.period for o in cpp.observations]
    assert periods == sorted(periods)
    assert periods[0] == FinancialYear(2014)


# --- the how-to page -------------------------------------------------------------------------

ROOT = Path(__file__).parent.parent
HOW_TO = ROOT / "docs" / "how-to" / "compare-editions.md"


def test_the_how_to_shows_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = HOW_TO.read_text(encoding="utf-8")
    command = re.search(r"```bash\n(safeguarding-model compare .*)\n```", page)
    shown = re.search(r"```text\n(.*?)```", page, re.DOTALL)
    assert command is not None
    assert shown is not None
    arguments = command[1].split()[1:]
    monkeypatch.chdir(EXAMPLE_FILES)  # where the page's copy step takes the two editions from
    assert main(arguments) == 1  # changes found, as diff exits
    assert capsys.readouterr().out == shown[1]


def test_a_month_and_the_day_it_ends_are_one_place() -> None:
    def edition(name: str, year: str, period: str, printed: str) -> AnnualReport:
        return AnnualReport.model_validate(
            {
                "id": name,
                "title": name,
                "arrangement": "partnership",
                "area": {"name": "A"},
                "period": year,
                "indicators": [{"id": "cin", "name": "Children in need", "kind": "count"}],
                "observations": [
                    {
                        "indicator": "cin",
                        "area": "A",
                        "period": period,
                        "value": {"number": printed},
                    }
                ],
            }
        )

    earlier = edition("first", "2023/24", "March 2024", "1702")  # the table's header: the month
    later = edition("second", "2024/25", "31 March 2024", "1727")  # the next edition's: the day
    (finding,) = compare_reports(earlier, later)
    assert (finding.code, finding.location) == ("E101", "cin / A / 31 March 2024")
    assert dict(finding.numbers) == {"earlier": "1702", "later": "1727", "difference": "25"}
    unchanged = edition("second", "2024/25", "31 March 2024", "1702")
    assert compare_reports(earlier, unchanged) == ()
