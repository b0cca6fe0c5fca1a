"""Populations as data: parsing, equality, records, rates, and rules R108 and R109."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from builders import report_of
from safeguarding_model import (
    AnnualReport,
    IndicatorDefinition,
    MeasureKind,
    Observation,
    PopulationMismatchError,
    Rate,
    check,
    convert_rate,
    load_example,
    parse_value,
    rate_from_count,
)
from safeguarding_model.checks import find_rule
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.populations import (
    OLDEST_AGE,
    PopulationGroup,
    PopulationKind,
    parse_population,
    population_name,
    population_of,
    printed_age_bands,
    same_population,
)

CHILD = PopulationGroup(PopulationKind.AGE_BAND, low=0, high=17)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("child", 0, 17),
        ("0-17", 0, 17),
        ("0–17", 0, 17),
        ("0 - 17", 0, 17),
        ("0 to 17", 0, 17),
        ("(0-17)", 0, 17),
        ("children", 0, 17),
        ("children aged 0-17", 0, 17),
        ("Children aged 0 to 17", 0, 17),
        ("under 18", 0, 17),
        ("Under 18s", 0, 17),
        ("under 18's", 0, 17),
        ("under 18’s", 0, 17),
        ("U18", 0, 17),
        ("under 18 year olds", 0, 17),
        ("0-17 year olds", 0, 17),
        ("0–18", 0, 18),
        ("under 19 years", 0, 18),
        ("young_person_0_18", 0, 18),
        ("10-17", 10, 17),
        ("aged 10 to 17", 10, 17),
        ("10-17 population", 10, 17),
        ("child_10_17", 10, 17),
        ("0-4", 0, 4),
        ("child_under_5", 0, 4),
        ("15-24", 15, 24),
        ("15-24 year olds", 15, 24),
        ("young people aged 15-24", 15, 24),
        ("young_person_15_24", 15, 24),
        ("65+", 65, None),
        ("65 and over", 65, None),
        ("aged 65 and over", 65, None),
        ("age_65_plus", 65, None),
    ],
)
def test_age_bands_are_read_from_every_printed_form(text: str, low: int, high: int | None) -> None:
    group = parse_population(text)
    assert group == PopulationGroup(PopulationKind.AGE_BAND, low=low, high=high)
    assert (group.low, group.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("live_birth", PopulationKind.LIVE_BIRTH),
        ("live births", PopulationKind.LIVE_BIRTH),
        ("Live births", PopulationKind.LIVE_BIRTH),
        ("household", PopulationKind.HOUSEHOLD),
        ("households", PopulationKind.HOUSEHOLD),
        ("person", PopulationKind.PERSON),
        ("persons", PopulationKind.PERSON),
        ("people", PopulationKind.PERSON),
        ("all ages", PopulationKind.PERSON),
        ("0+", PopulationKind.PERSON),
    ],
)
def test_other_populations_are_read(text: str, kind: PopulationKind) -> None:
    assert parse_population(text).kind is kind


@pytest.mark.parametrize("name", ["female_15_44", "looked_after_child", "u18", "household_1_5"])
def test_other_snake_case_names_are_populations_of_their_own(name: str) -> None:
    group = parse_population(name)
    assert group.kind is PopulationKind.NAMED
    assert group.name == group.label == str(group) == name
    assert group != parse_population("child")
    assert population_name(name) == name


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a snake_case name such as 'child'"),
        ("Child", "printed words such as '0-17'"),
        ("child-10-17", "snake_case"),
        ("10_17", "snake_case"),
        ("per_thousand", "snake_case"),
        ("dimensionless", "snake_case"),
        ("child__x", "snake_case"),
        ("children aged", "snake_case"),
        ("17-10", "youngest to oldest"),
        ("aged 0 to 200", "within 0 to 125"),
        ("x" * 500, "…"),
    ],
)
def test_refusals_name_the_field_and_what_was_expected(text: str, message: str) -> None:
    with pytest.raises(InvalidInputError, match="population") as caught:
        parse_population(text)
    assert caught.value.field == "population"
    assert message in str(caught.value)
    assert len(str(caught.value)) < 600  # a long input is quoted by its start only


@pytest.mark.parametrize("value", [None, 17, 17.0, b"child", ["child"]])
def test_what_is_not_text_is_refused(value: object) -> None:
    with pytest.raises(InvalidInputError, match="population"):
        parse_population(value)  # type: ignore[arg-type]  # refused on purpose


def test_groups_check_their_fields() -> None:
    with pytest.raises(InvalidInputError, match="low"):
        PopulationGroup(PopulationKind.AGE_BAND)
    with pytest.raises(InvalidInputError, match="high"):
        PopulationGroup(PopulationKind.AGE_BAND, low=10, high=9)
    with pytest.raises(InvalidInputError, match="high"):
        PopulationGroup(PopulationKind.AGE_BAND, low=0, high=OLDEST_AGE + 1)
    with pytest.raises(InvalidInputError, match="person"):
        PopulationGroup(PopulationKind.AGE_BAND, low=0)
    with pytest.raises(InvalidInputError, match="named"):
        PopulationGroup(PopulationKind.NAMED)
    with pytest.raises(InvalidInputError, match="named"):
        PopulationGroup(PopulationKind.AGE_BAND, low=0, high=4, named="x")
    with pytest.raises(InvalidInputError, match="low, high"):
        PopulationGroup(PopulationKind.NAMED, low=1, named="x")
    with pytest.raises(InvalidInputError, match="household"):
        PopulationGroup(PopulationKind.HOUSEHOLD, low=1)
    with pytest.raises(InvalidInputError, match="population"):
        PopulationGroup(PopulationKind.NAMED, named="Not a name")


def test_equality_is_by_meaning_and_names_are_normal() -> None:
    assert parse_population("child") == parse_population("0-17") == CHILD
    assert hash(parse_population("under 18s")) == hash(CHILD)
    assert parse_population("child") != parse_population("0-18")
    assert len({parse_population(t) for t in ("child", "0-17", "U18", "child_0_17")}) == 1
    assert same_population("young_person_15_24", "15-24 year olds")
    assert not same_population("child_10_17", "child")
    assert (CHILD.name, CHILD.label, CHILD.ages) == ("child", "children aged 0-17", "0-17")
    band = parse_population("10-24")
    assert (band.name, band.label) == ("age_10_24", "people aged 10-24")
    assert parse_population("live births").ages is None
    assert parse_population(CHILD) is CHILD


def test_records_keep_names_as_written_and_name_printed_words() -> None:
    assert population_name("young_person_15_24") == "young_person_15_24"
    assert population_name("child_0_17") == "child_0_17"
    assert population_name("0-17") == "child"
    assert population_name("Live births") == "live_birth"
    assert population_name(parse_population("aged 10 to 17")) == "child_10_17"


ages = st.integers(min_value=0, max_value=OLDEST_AGE)


@st.composite
def groups(draw: st.DrawFn) -> PopulationGroup:
    kind = draw(st.sampled_from(PopulationKind))
    if kind is PopulationKind.AGE_BAND:
        low = draw(ages)
        high = draw(st.one_of(st.none(), st.integers(min_value=low, max_value=OLDEST_AGE)))
        if low == 0 and high is None:
            high = 0
        return PopulationGroup(kind, low=low, high=high)
    if kind is PopulationKind.NAMED:
        return PopulationGroup(
            kind,
            named=draw(
                st.from_regex(r"[a-z]{1,8}(_[a-z]{1,8}){0,2}", fullmatch=True).filter(
                    lambda n: (
                        n
                        not in {"child", "children", "person", "people", "household", "live_birth"}
                    )
                )
            ),
        )
    return PopulationGroup(kind)


@given(groups())
def test_name_label_and_ages_read_back_as_the_same_group(group: PopulationGroup) -> None:
    assert parse_population(str(group)) == group
    assert parse_population(group.name) == group
    if group.kind is not PopulationKind.NAMED:
        assert parse_population(group.label) == group
    if group.ages is not None:
        assert parse_population(group.ages) == group
        assert parse_population(f"aged {group.ages}") == group


@given(ages, ages)
def test_printed_bands_round_trip(first: int, second: int) -> None:
    low, high = sorted((first, second))
    text = f"{low}-{high}"
    group = parse_population(text)
    assert (group.low, group.high) == (low, high)
    assert parse_population(population_name(text)) == group


def test_printed_age_bands_in_names() -> None:
    def shown(text: str) -> list[str | None]:
        return [band.ages for band in printed_age_bands(text)]

    assert shown("Rate per 10,000 children aged 0-18") == ["0-18"]
    assert shown("First Time Entrants (rate per 100,000 of 10-17 population)") == ["10-17"]
    assert shown("Children in care (rate per 10,000 of under 18’s)") == ["0-17"]
    assert shown("Hospital admissions for asthma (under 19 years, rate per 100,000)") == ["0-18"]
    assert shown("offences against children aged 0-17 per 10,000 of U18 population") == ["0-17"]
    assert shown("admissions (10-24 years, rate per 100,000)") == ["10-24"]
    assert shown("aged 0-17 and aged 0-18") == ["0-17", "0-18"]
    assert shown("people aged 65 and over") == ["65 and over"]
    assert shown("Referrals 2015-16 (rate per 10k)") == []
    assert shown("Q4 2015/16 per 1,000") == []
    assert shown("children aged 17-10") == []


def test_rates_over_one_population_in_any_spelling() -> None:
    rate = Rate(value=Decimal("69.1"), per=10_000, population="0-17")  # type: ignore[arg-type]  # pydantic reads the base
    assert rate.population == "child"
    assert str(rate) == "69.1 per 10,000 children aged 0-17"
    assert rate.model_dump(mode="json")["population"] == "child"
    converted = convert_rate(rate, per=1_000, population="under 18s")
    assert converted.value == Decimal("6.91")
    assert converted.population == "child"
    old = Rate(value=Decimal("69.1"), per=10_000, population="child_0_17")  # type: ignore[arg-type]  # pydantic reads the base
    assert convert_rate(old, per=1_000, population="child").value == Decimal("6.91")
    assert old.unit == rate.unit == "per_ten_thousand / child"
    with pytest.raises(PopulationMismatchError, match="child into a rate per age_0_18"):
        convert_rate(rate, per=1_000, population="0-18")
    made = rate_from_count(1, 10, per=1_000, population="aged 10 to 17")
    assert made.population == "child_10_17"
    assert str(made) == "100 per 1,000 child_10_17"
    with pytest.raises(ValidationError, match="population"):
        Rate(value=Decimal(1), per=1_000, population="17-10")  # type: ignore[arg-type]  # pydantic reads the base


def _report(
    indicators: list[dict[str, Any]], observations: list[dict[str, Any]] | None = None
) -> AnnualReport:
    return report_of(indicators=indicators, observations=observations or [])


def _rate(name: str, population: str) -> dict[str, Any]:
    return {"id": "r", "name": name, "kind": "rate", "per": 10000, "population": population}


def test_r108_reports_a_printed_band_other_than_the_declared_one() -> None:
    report = _report([_rate("Rate per 10,000 children aged 0-18", "child")])
    (finding,) = find_rule("R108")(report)
    assert finding.code == "R108"
    assert finding.severity == "error"
    assert finding.location == "indicator r"
    assert "0-18" in finding.message
    assert "'child' (children aged 0-17)" in finding.message
    assert finding.provenance == ()
    placed = _rate("Rate per 10,000 children aged 0-18", "child") | {"provenance": {"line": 12}}
    (finding,) = find_rule("R108")(_report([placed]))
    assert [p.line for p in finding.provenance] == [12]  # the row the name is printed on


@pytest.mark.parametrize(
    ("name", "population"),
    [
        ("Rate per 10,000 children aged 0-17", "child"),
        ("Rate per 10,000 children aged 0-17", "0-17"),
        ("Rate per 10,000 of under 18s", "child"),
        ("Rate per 10,000", "child"),
        ("Rate per 10,000 children aged 0-18", "age_0_18"),
        ("Rate per 1,000 live births aged 0-18", "live_birth"),
        ("Rate per 1,000 women aged 15-44", "female_15_44"),
        ("aged 0-17 per 10,000 of U18 population", "child"),
    ],
)
def test_r108_is_silent_when_the_band_agrees_or_cannot_be_compared(
    name: str, population: str
) -> None:
    assert list(find_rule("R108")(_report([_rate(name, population)]))) == []


def _observation(area: str, **extra: str) -> dict[str, Any]:
    return {"indicator": "r", "area": area, "period": "2015/16", "value": {"number": "60"}, **extra}


def test_an_observation_states_its_own_population() -> None:
    indicator = IndicatorDefinition(id="r", name="R", kind="rate", per=10_000, population="child")  # type: ignore[arg-type]  # pydantic reads the base
    own = Observation(indicator="r", area="A", period="2015/16", value=parse_value("70"))  # type: ignore[arg-type]  # pydantic reads the period
    england = own.model_copy(update={"area": "England", "population": "age_0_18"})
    assert population_of(indicator) == population_of(indicator, own) == CHILD
    assert population_of(indicator, england) == parse_population("0-18")
    printed = Observation.model_validate(_observation("England", population="0-18"))
    assert printed.population == "age_0_18"
    with pytest.raises(ValidationError, match="population"):
        Observation.model_validate(_observation("England", population="Eighteen"))
    bare = IndicatorDefinition(id="n", name="N", kind=MeasureKind.COUNT)
    assert population_of(bare) is None
    assert population_of(bare, printed) == parse_population("0-18")


def test_r109_warns_of_a_significance_against_a_comparator_over_another_population() -> None:
    observations = [
        _observation("A", stated_significance="higher"),
        _observation("England", population="0-18"),
    ]
    (finding,) = find_rule("R109")(_report([_rate("R", "child")], observations))
    assert finding.severity == "warning"
    assert "people aged 0-18" in finding.message
    same = [
        _observation("A", stated_significance="higher"),
        _observation("England", population="under 18"),
    ]
    assert list(find_rule("R109")(_report([_rate("R", "child")], same))) == []
    unstated = [_observation("A"), _observation("England", population="0-18")]
    assert list(find_rule("R109")(_report([_rate("R", "child")], unstated))) == []


def test_the_lancashire_example_is_unchanged() -> None:
    report = load_example()
    assert check(report, select=["R108", "R109"]) == ()
    declared = {i.id: i.population for i in report.indicators if i.population is not None}
    assert declared["first-time-entrants"] == "child_10_17"
    dumped = report.model_dump(mode="json")
    assert AnnualReport.model_validate(dumped) == report
