from decimal import Decimal

import numpy as np
import pandas as pd
import pint
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import (
    InvalidInputError,
    MissingValueError,
    PopulationMismatchError,
    Rate,
    RateBase,
    ValueStatus,
    convert_rate,
    implied_count,
    implied_denominator,
    rate_from_count,
)

from strategies import counts, denominators, populations, rate_bases, rates, whole_counts

RELATIVE = Decimal("1e-25")


def close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= RELATIVE * max(abs(a), abs(b), Decimal(1))


def test_rate_from_count_matches_the_source_rate() -> None:
    # 1,691 looked-after children, "a rate of 69.1 per 10,000" (Lancashire 2015/16).
    rate = rate_from_count(1691, 244_700, per=10_000, population="child")
    assert rate.rounded(1).value == Decimal("69.1")
    assert rate.count == 1691
    assert rate.denominator == 244_700
    assert rate.per is RateBase.PER_TEN_THOUSAND
    assert rate.population == "child"
    assert rate.status is ValueStatus.FINAL


def test_rate_from_count_is_exact() -> None:
    assert rate_from_count(48, 10_000, per=1_000, population="live_birth").value == Decimal("4.8")
    assert rate_from_count(1, 3, per=100, population="person").value == Decimal(
        "33.33333333333333333333333333333333"
    )
    assert rate_from_count(0, 5, population="child", per=10_000).value == 0
    assert str(rate_from_count(10, 100, per=1_000, population="child").value) == "100"


@pytest.mark.parametrize(
    ("per", "expected"),
    [
        (100, RateBase.PERCENT),
        ("percent", RateBase.PERCENT),
        ("%", RateBase.PERCENT),
        (1_000, RateBase.PER_THOUSAND),
        ("per_thousand", RateBase.PER_THOUSAND),
        ("per 1,000", RateBase.PER_THOUSAND),
        ("per 1000", RateBase.PER_THOUSAND),
        (10_000, RateBase.PER_TEN_THOUSAND),
        ("per 10k", RateBase.PER_TEN_THOUSAND),
        ("PER_TEN_THOUSAND", RateBase.PER_TEN_THOUSAND),
        (100_000, RateBase.PER_HUNDRED_THOUSAND),
        ("per hundred thousand", RateBase.PER_HUNDRED_THOUSAND),
        (1_000_000, RateBase.PER_MILLION),
        ("per_million", RateBase.PER_MILLION),
        (RateBase.PER_MILLION, RateBase.PER_MILLION),
    ],
)
def test_per_accepts_multipliers_and_names(per: int | str, expected: RateBase) -> None:
    assert RateBase.parse(per) is expected
    assert rate_from_count(1, 10, per=per, population="child").per is expected


@pytest.mark.parametrize("per", [0, 50, 10, 1_000_000_000, "per 50", "per furlong", True, 1000.0])
def test_per_refuses_other_bases(per: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        RateBase.parse(per)  # type: ignore[arg-type]
    assert caught.value.field == "per"
    assert repr(per) in str(caught.value)
    assert "100, 1_000, 10_000, 100_000, 1_000_000" in str(caught.value)


@pytest.mark.parametrize(
    ("count", "denominator", "field", "expected"),
    [
        (-1, 100, "count", "at least 0"),
        (float("nan"), 100, "count", "a finite number"),
        (float("inf"), 100, "count", "a finite number"),
        (Decimal("NaN"), 100, "count", "a finite number"),
        (True, 100, "count", "an int, float or Decimal"),
        ("5", 100, "count", "an int, float or Decimal"),
        (5, 0, "denominator", "greater than 0"),
        (5, -10, "denominator", "greater than 0"),
        (5, float("-inf"), "denominator", "a finite number"),
        (5, None, "denominator", "an int, float or Decimal"),
    ],
)
def test_rate_from_count_refuses_bad_numbers(
    count: object, denominator: object, field: str, expected: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count(count, denominator, population="child", per=10_000)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert expected in str(caught.value)
    assert str(caught.value).startswith(f"{field}: expected ")


def test_a_count_above_its_denominator_is_a_rate_not_an_error() -> None:
    # Rates count events, and a child can be admitted to hospital more than once.
    assert rate_from_count(150, 100, per=100, population="child").value == 150


def test_floats_are_read_through_their_shortest_repr() -> None:
    assert rate_from_count(0.1, 1, per=100, population="person").value == 10


@pytest.mark.parametrize(
    "population", ["Child", "child-10-17", "10_17", "per_thousand", "child__x", "", "dimensionless"]
)
def test_population_names_are_checked(population: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count(1, 10, population=population, per=10_000)
    assert caught.value.field == "population"
    with pytest.raises(ValidationError, match="population"):
        Rate(value=Decimal(1), per=RateBase.PER_THOUSAND, population=population)


def test_convert_rate_is_exact() -> None:
    rate = Rate(
        value=Decimal("69.1"),
        per=RateBase.PER_TEN_THOUSAND,
        population="child",
        count=Decimal(1691),
    )
    per_thousand = convert_rate(rate, per=1_000)
    assert per_thousand.value == Decimal("6.91")
    assert str(per_thousand.value) == "6.91"
    assert per_thousand.per is RateBase.PER_THOUSAND
    assert per_thousand.count == 1691  # what it came from is kept
    assert convert_rate(rate, per="percent").value == Decimal("0.691")
    assert str(convert_rate(rate, per=1_000_000).value) == "6910"
    assert convert_rate(rate, per=10_000, population="child") == rate


def test_convert_rate_refuses_another_population() -> None:
    infant_mortality = Rate(
        value=Decimal("4.8"), per=RateBase.PER_THOUSAND, population="live_birth"
    )
    with pytest.raises(PopulationMismatchError) as caught:
        convert_rate(infant_mortality, per=10_000, population="child")
    error = caught.value
    assert isinstance(error, pint.DimensionalityError)
    assert isinstance(error, ValueError)
    assert (error.have, error.want) == ("live_birth", "child")
    assert (
        str(error)
        == "cannot convert a rate per live_birth into a rate per child: they are different populations"
    )
    with pytest.raises(pint.DimensionalityError):
        convert_rate(infant_mortality, per=1_000, population="child_10_17")


def test_missing_rates_refuse_arithmetic() -> None:
    missing = Rate(
        value=None, per=RateBase.PER_TEN_THOUSAND, population="child", status=ValueStatus.MISSING
    )
    for call in (
        lambda: convert_rate(missing, per=1_000),
        lambda: implied_count(missing, 100),
        lambda: implied_denominator(missing, 100),
        lambda: missing.quantity,
    ):
        with pytest.raises(MissingValueError, match="the rate's status is 'missing'"):
            call()
    assert missing.rounded(1) is missing
    assert str(missing) == "- per 10,000 children aged 0-17"


def test_implied_count_and_denominator() -> None:
    rate = Rate(value=Decimal("69.1"), per=RateBase.PER_TEN_THOUSAND, population="child")
    assert implied_count(rate, 244_700) == Decimal("1690.877")
    assert round(implied_denominator(rate, 1691)) == 244_718
    with_counts = rate_from_count(1691, 244_700, population="child", per=10_000)
    assert implied_count(with_counts) == 1691
    assert implied_denominator(with_counts) == 244_700


def test_implied_values_need_their_inputs() -> None:
    rate = Rate(value=Decimal("69.1"), per=RateBase.PER_TEN_THOUSAND, population="child")
    with pytest.raises(MissingValueError, match="none was given and the rate has none"):
        implied_count(rate)
    with pytest.raises(MissingValueError, match="none was given and the rate has none"):
        implied_denominator(rate)
    with pytest.raises(
        InvalidInputError, match="denominator: expected a number greater than 0, got 0"
    ):
        implied_count(rate, 0)
    with pytest.raises(InvalidInputError, match="count: expected a number of at least 0, got -3"):
        implied_denominator(rate, -3)
    with pytest.raises(InvalidInputError, match="rate greater than 0"):
        implied_denominator(
            Rate(value=Decimal(0), per=RateBase.PER_THOUSAND, population="child"), 5
        )


def test_rate_model_validation() -> None:
    with pytest.raises(ValidationError, match="value: expected a rate of at least 0"):
        Rate(value=Decimal(-1), per=RateBase.PER_THOUSAND, population="child")
    with pytest.raises(
        ValidationError, match="value: expected a number for a rate with status 'final', got None"
    ):
        Rate(value=None, per=RateBase.PER_THOUSAND, population="child")
    with pytest.raises(
        ValidationError, match="value: expected none for a rate with status 'missing'"
    ):
        Rate(
            value=Decimal(1),
            per=RateBase.PER_THOUSAND,
            population="child",
            status=ValueStatus.MISSING,
        )
    with pytest.raises(ValidationError, match="denominator"):
        Rate(
            value=Decimal(1), per=RateBase.PER_THOUSAND, population="child", denominator=Decimal(0)
        )
    with pytest.raises(ValidationError, match="count"):
        Rate(value=Decimal(1), per=RateBase.PER_THOUSAND, population="child", count=Decimal(-1))
    with pytest.raises(ValidationError, match="per: expected a rate base"):
        Rate(value=Decimal(1), per=7, population="child")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="value"):
        Rate(value="NaN", per=RateBase.PER_THOUSAND, population="child")  # type: ignore[arg-type]


def test_rate_json_is_plain_and_exact() -> None:
    rate = Rate.model_validate(
        {"value": "69.1", "per": "per_ten_thousand", "population": "child", "count": 1691}
    )
    assert rate.model_dump(mode="json") == {
        "value": "69.1",
        "per": 10000,
        "population": "child",
        "count": "1691",
        "denominator": None,
        "status": "final",
        "note": None,
    }
    assert Rate.model_validate_json(rate.model_dump_json()) == rate


def test_rate_quantity_and_str() -> None:
    rate = Rate(value=Decimal("4.8"), per=RateBase.PER_THOUSAND, population="live_birth")
    assert rate.quantity.magnitude == Decimal("4.8")
    assert str(rate.quantity.units) == "per_thousand / live_birth"
    assert rate.unit == "per_thousand / live_birth"
    assert str(rate) == "4.8 per 1,000 live births"
    assert (
        str(Rate(value=Decimal("15.7"), per=RateBase.PERCENT, population="child"))
        == "15.7% of children aged 0-17"
    )
    assert (
        str(
            Rate(
                value=Decimal("409.1"), per=RateBase.PER_HUNDRED_THOUSAND, population="child_10_17"
            )
        )
        == "409.1 per 100,000 child_10_17"
    )


def test_rounding_is_half_away_from_zero() -> None:
    assert Rate(value=Decimal("0.25"), per=RateBase.PERCENT, population="child").rounded(
        1
    ).value == Decimal("0.3")
    assert Rate(value=Decimal("0.35"), per=RateBase.PERCENT, population="child").rounded(
        1
    ).value == Decimal("0.4")


@given(rates(), rate_bases)
def test_conversion_round_trips_exactly(rate: Rate, base: RateBase) -> None:
    there = convert_rate(rate, per=base)
    back = convert_rate(there, per=rate.per)
    assert back.value == rate.value
    assert back.per is rate.per
    assert (there.count, there.denominator, there.status) == (
        rate.count,
        rate.denominator,
        rate.status,
    )
    assert rate.value is not None
    assert there.value is not None
    assert there.value * rate.per == rate.value * base  # the same quantity on another scale


@given(counts, denominators, rate_bases, populations)
def test_implied_count_inverts_rate_from_count(
    count: Decimal, denominator: Decimal, base: RateBase, population: str
) -> None:
    rate = rate_from_count(count, denominator, per=base, population=population)
    assert close(implied_count(rate, denominator), count)


@given(whole_counts.filter(lambda c: c > 0), denominators, rate_bases)
def test_implied_denominator_inverts_rate_from_count(
    count: int, denominator: Decimal, base: RateBase
) -> None:
    rate = rate_from_count(count, denominator, per=base, population="child")
    assert close(implied_denominator(rate, count), denominator)


@given(counts, counts, denominators)
def test_rates_grow_with_counts(first: Decimal, second: Decimal, denominator: Decimal) -> None:
    low, high = sorted((first, second))
    low_rate = rate_from_count(low, denominator, population="child", per=10_000).value
    high_rate = rate_from_count(high, denominator, population="child", per=10_000).value
    assert low_rate is not None
    assert high_rate is not None
    assert low_rate <= high_rate


@given(rates())
def test_rates_round_trip_through_json(rate: Rate) -> None:
    assert Rate.model_validate_json(rate.model_dump_json()) == rate


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_counts_are_accepted_or_refused_clearly(count: float) -> None:
    try:
        rate = rate_from_count(count, 10, population="child", per=10_000)
    except InvalidInputError as error:
        assert error.field == "count"
    else:
        assert rate.value is not None
        assert rate.value >= 0


# --- numpy and pandas scalars, exact or refused ----------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (np.float64(5), Decimal(500)),
        (np.int64(5), Decimal(500)),
        (np.uint8(5), Decimal(500)),
        (np.float32(0.1), Decimal(10)),  # 0.1 as float32 prints 0.1: not 0.100000001490116...
        (np.float16(0.1), Decimal(10)),
        (np.longdouble("0.5"), Decimal(50)),
    ],
)
def test_numpy_scalars_are_read_exactly(count: object, expected: Decimal) -> None:
    rate = rate_from_count(count, 100, per=10_000, population="child")  # type: ignore[arg-type]
    assert rate.value == expected
    assert rate.count == expected / 100


def test_pandas_values_are_numpy_scalars_and_are_read_exactly() -> None:
    frame = pd.DataFrame({"count": [1691, 12], "population": [244_700.0, 0.1]})
    first = frame.iloc[0]
    rate = rate_from_count(first["count"], first["population"], population="child", per=10_000)
    assert rate.value is not None
    assert round(rate.value, 1) == Decimal("69.1")
    assert rate.denominator == Decimal(244_700)
    assert rate_from_count(
        frame["count"][1], frame["population"][1], population="child", per=10_000
    ).value == (1_200_000)


def test_implied_values_take_numpy_scalars() -> None:
    rate = Rate(value=Decimal("69.1"), per=RateBase(10_000), population="child")
    assert implied_count(rate, np.float64(244_700)) == Decimal("1690.877")
    assert implied_count(rate, np.int64(244_700)) == Decimal("1690.877")
    assert round(implied_denominator(rate, np.int64(1691))) == 244_718
    assert round(implied_denominator(rate, np.float32(1691))) == 244_718


@pytest.mark.parametrize("flag", [True, np.bool_(1), np.bool_(0)])
def test_booleans_are_refused_numpy_ones_too(flag: object) -> None:
    with pytest.raises(InvalidInputError, match=r"^count: .*not a bool"):
        rate_from_count(flag, 100, population="child", per=10_000)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^denominator: .*not a bool"):
        implied_count(Rate(value=Decimal(1), per=RateBase(100), population="child"), flag)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "count",
    [np.float64("nan"), np.float32("inf"), np.datetime64("2020-01-01"), np.timedelta64(5, "D")],
)
def test_numpy_values_that_are_not_finite_numbers_are_refused(count: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count(count, 100, population="child", per=10_000)  # type: ignore[arg-type]
    assert caught.value.field == "count"


def test_counts_beyond_float_precision_are_exact() -> None:
    big = 2**53 + 1  # a float would read it as 2**53
    rate = rate_from_count(big, 2**60, per=1_000_000, population="person")
    assert rate.count == Decimal(big)
    assert implied_count(rate) == Decimal(big)


@pytest.mark.parametrize(
    ("count", "denominator", "field"),
    [
        (Decimal("1E+999999"), 10, "count"),
        (10**400, 10, "count"),
        (1, Decimal("1E-999999"), "denominator"),
        (Decimal("9E-401"), 1, "count"),
        (Decimal("sNaN"), 1, "count"),
        (1, Decimal("1E-399"), "count, denominator"),  # the rate would be 1E+403
    ],
)
def test_numbers_beyond_the_exact_range_are_refused(
    count: object, denominator: object, field: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count(count, denominator, population="child", per=10_000)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert len(str(caught.value)) < 250  # 10**400 is not echoed in full


def test_a_rate_beyond_the_exact_range_is_refused() -> None:
    with pytest.raises(ValidationError, match="below 1E\\+400"):
        Rate(value=Decimal("1E+500"), per=RateBase(100), population="child")
    with pytest.raises(InvalidInputError, match=r"^per: "):
        convert_rate(
            Rate(value=Decimal("9E+399"), per=RateBase(100), population="child"), per=1_000_000
        )


def test_rounded_keeps_up_to_34_places_and_refuses_others() -> None:
    rate = Rate(value=Decimal("69.1"), per=RateBase(10_000), population="child")
    thirty = rate.rounded(30).value
    assert thirty == Decimal("69.1")
    assert thirty is not None
    assert thirty.as_tuple().exponent == -30
    assert rate.rounded(np.int64(1)).value == Decimal("69.1")  # type: ignore[arg-type]
    assert Rate(value=Decimal("1E+300"), per=RateBase(100), population="child").rounded(
        34
    ).value == Decimal("1E+300")
    for decimals in (-1, 35, 10**30, 1.5, True, "2", None):
        with pytest.raises(InvalidInputError) as caught:
            rate.rounded(decimals)  # type: ignore[arg-type]
        assert caught.value.field == "decimals"


def test_per_takes_numpy_integers() -> None:
    assert RateBase.parse(np.int64(1_000)) is RateBase.PER_THOUSAND  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^per: "):
        RateBase.parse(np.float64(1_000))  # type: ignore[arg-type]


def test_population_names_must_be_text() -> None:
    with pytest.raises(InvalidInputError, match=r"^population: "):
        rate_from_count(1, 10, population=5, per=10_000)  # type: ignore[arg-type]


def test_long_values_are_not_echoed_in_full() -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count("x" * 10_000, 10, population="child", per=10_000)  # type: ignore[arg-type]
    assert len(str(caught.value)) < 200
    assert str(caught.value).endswith("…'")  # the start of the text, quoted, then …


# One vocabulary: per is required, read by one function ------------------------------------


def test_rate_from_count_without_per_warns_and_keeps_the_old_default() -> None:
    with pytest.deprecated_call(match=r"rate_from_count\(\) without per= .* 0\.1\.0.*per=10_000"):
        rate = rate_from_count(1691, 244_700, population="child")
    assert rate.per is RateBase.PER_TEN_THOUSAND
    assert rate == rate_from_count(1691, 244_700, per=10_000, population="child")


def test_a_float_base_warns_and_reads_as_its_whole_number() -> None:
    with pytest.deprecated_call(match=r"rate_from_count\(per=1000\.0\) .*pass per=1_000"):
        rate = rate_from_count(48, 10_000, per=1000.0, population="live_birth")  # type: ignore[arg-type]
    assert rate.per is RateBase.PER_THOUSAND


@pytest.mark.parametrize("per", [7, 0, -100, 1_000.5, 10**400, "per 7", "7", True, None, 1e400])
def test_anything_but_a_rate_base_is_refused(per: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        rate_from_count(1, 10, per=per, population="child")  # type: ignore[arg-type]
    assert caught.value.field == "per"
    assert "a rate base: 100, 1_000, 10_000, 100_000, 1_000_000" in str(caught.value)


@pytest.mark.parametrize(
    ("per", "expected"),
    [
        (100, RateBase.PERCENT),
        (np.int64(1_000), RateBase.PER_THOUSAND),
        ("per 10,000", RateBase.PER_TEN_THOUSAND),
        ("per_hundred_thousand", RateBase.PER_HUNDRED_THOUSAND),
        (RateBase.PER_MILLION, RateBase.PER_MILLION),
    ],
)
def test_every_spelling_of_a_base_reads_the_same_everywhere(
    per: object, expected: RateBase
) -> None:
    from safeguarding_model import rate_ci  # noqa: PLC0415 - the statistics read per the same way

    assert rate_from_count(1, 10, per=per, population="child").per is expected  # type: ignore[arg-type]
    assert rate_ci(1, 10, per=per).multiplier == expected.value  # type: ignore[call-overload]
