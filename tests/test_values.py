from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import Value, ValueFlag, ValueParseError, ValueStatus, parse_value
from safeguarding_model.values import Expect

from strategies import statuses

# Cells as the Lancashire 2015/16 report prints them, with how they must read.
SOURCE_CELLS = [
    ("1400 (tbc)", Decimal(1400), ValueStatus.PROVISIONAL, None, None),
    ("1412 (tbc)", Decimal(1412), ValueStatus.PROVISIONAL, None, None),
    ("1,412", Decimal(1412), ValueStatus.FINAL, None, None),
    ("9,034", Decimal(9034), ValueStatus.FINAL, None, None),
    ("34%", Decimal(34), ValueStatus.FINAL, "percent", None),
    ("96.1%", Decimal("96.1"), ValueStatus.FINAL, "percent", None),
    ("8.75", Decimal("8.75"), ValueStatus.FINAL, None, None),
    ("4.0", Decimal("4.0"), ValueStatus.FINAL, None, None),
    ("-33,367", Decimal(-33367), ValueStatus.FINAL, None, None),
    ("£800 million", Decimal(800_000_000), ValueStatus.FINAL, "pounds", None),
    ("£4k", Decimal(4000), ValueStatus.FINAL, "pounds", None),
    ("60 (1691 actual children)", Decimal(60), ValueStatus.FINAL, None, "1691 actual children"),
    ("approximately 1,000", Decimal(1000), ValueStatus.ESTIMATED, None, None),
    ("Around 100", Decimal(100), ValueStatus.ESTIMATED, None, None),
    ("Data not currently available", None, ValueStatus.MISSING, None, None),
    ("Info not yet available", None, ValueStatus.MISSING, None, None),
    ("Not Available", None, ValueStatus.MISSING, None, None),
    ("Under review", None, ValueStatus.UNDER_REVIEW, None, None),
    ("N/A", None, ValueStatus.NOT_APPLICABLE, None, None),
    ("TBC", None, ValueStatus.MISSING, None, "to be confirmed"),
    ("tbc", None, ValueStatus.MISSING, None, "to be confirmed"),
    ("", None, ValueStatus.MISSING, None, "blank cell"),
    ("[c]", None, ValueStatus.SUPPRESSED, None, None),
    ("[x]", None, ValueStatus.MISSING, None, None),
    ("z", None, ValueStatus.NOT_APPLICABLE, None, None),
    ("[low]", None, ValueStatus.LOW, None, None),
    ("1400 [p]", Decimal(1400), ValueStatus.PROVISIONAL, None, None),
    ("12.5 (estimate)", Decimal("12.5"), ValueStatus.ESTIMATED, None, None),
]


@pytest.mark.parametrize(("text", "number", "status", "unit", "note"), SOURCE_CELLS)
def test_parse_value_reads_source_cells(
    text: str, number: Decimal | None, status: ValueStatus, unit: str | None, note: str | None
) -> None:
    value = parse_value(text)
    assert value.number == number
    if number is not None:
        assert str(value.number) == str(number)  # exact digits, not just an equal number
    assert value.status is status
    assert value.unit == unit
    assert value.note == note
    assert value.printed == text
    assert value.flags == ()


def test_printed_decimals_are_kept() -> None:
    assert str(parse_value("4.0").number) == "4.0"
    assert str(parse_value("59.0").number) == "59.0"


@pytest.mark.parametrize(
    ("text", "expect", "number", "flags"),
    [
        ("73.000", "whole", Decimal(73000), (ValueFlag.AMBIGUOUS_SEPARATOR,)),
        ("1.234", "whole", Decimal(1234), (ValueFlag.AMBIGUOUS_SEPARATOR,)),
        ("73.00", "whole", Decimal(73), ()),
        ("186,144", "whole", Decimal(186144), ()),
        ("8.75", "percent", Decimal("8.75"), (ValueFlag.MISSING_PERCENT_SIGN,)),
        ("69", "percent", Decimal(69), (ValueFlag.MISSING_PERCENT_SIGN,)),
        ("34%", "percent", Decimal(34), ()),
        ("73.000", "number", Decimal("73.000"), ()),
    ],
)
def test_ambiguous_cells_are_read_and_flagged(
    text: str, expect: Expect, number: Decimal, flags: tuple[ValueFlag, ...]
) -> None:
    value = parse_value(text, expect=expect)
    assert value.number == number
    assert value.flags == flags
    assert value.is_flagged == bool(flags)
    if expect == "percent":
        assert value.unit == "percent"


@pytest.mark.parametrize(
    ("text", "expect", "fragment"),
    [
        ("1,41", "number", "thousands separators must be followed by exactly three digits"),
        ("12,3456", "number", "thousands separators"),
        ("At least 4,175", "number", "expected a number"),  # words, not a misplaced separator
        ("Stable", "number", "expected a number"),
        ("(tbc)", "number", "expected a number"),
        ("£5%", "number", "both pounds and a percentage"),
        ("5% million", "number", "scale word"),
        ("73.5", "whole", "expected a whole number"),
        ("34%", "whole", "got a percentage"),
        ("£5", "percent", "expected a percentage"),
        ("[q]", "number", "not a GSS symbol"),
        ("[p]", "number", "needs a number"),
        ("1" * 40, "number", "more than 30 digits"),
        ("--5", "number", "expected a number"),
    ],
)
def test_parse_value_refuses_with_the_text_quoted(text: str, expect: Expect, fragment: str) -> None:
    with pytest.raises(ValueParseError) as caught:
        parse_value(text, expect=expect)
    assert repr(text) in str(caught.value)
    assert fragment in str(caught.value)
    assert caught.value.text == text


def test_parse_value_refuses_an_unknown_expectation() -> None:
    with pytest.raises(
        ValueError, match="expect: expected 'number', 'whole' or 'percent', got 'money'"
    ):
        parse_value("5", expect="money")  # type: ignore[arg-type]


def test_parse_value_refuses_non_text() -> None:
    with pytest.raises(ValueParseError, match="expected text, got a float"):
        parse_value(5.0)  # type: ignore[arg-type]


@given(st.text(max_size=40))
def test_parse_value_raises_only_its_own_error(text: str) -> None:
    try:
        value = parse_value(text)
    except ValueParseError as error:
        assert error.text == text
    else:
        assert value.printed == text
        assert value.number is None or value.number.is_finite()


@given(
    st.text(alphabet="0123456789,.%£-()tbcTBC [] ", max_size=20),
    st.sampled_from(["number", "whole", "percent"]),
)
def test_parse_value_raises_only_its_own_error_on_number_like_text(
    text: str, expect: Expect
) -> None:
    try:
        parse_value(text, expect=expect)
    except ValueParseError as error:
        assert error.text == text


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False
    )
)
def test_formatted_numbers_round_trip(number: Decimal) -> None:
    assert parse_value(f"{number:,}").number == number
    assert parse_value(f"{number}%").number == number
    provisional = parse_value(f"{number:,} (tbc)")
    assert provisional.number == number
    assert provisional.status is ValueStatus.PROVISIONAL


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_round_trip_in_whole_columns(number: int) -> None:
    value = parse_value(f"{number:,}", expect="whole")
    assert value.number == number
    assert value.flags == ()


@given(statuses)
def test_sdmx_codes_round_trip(status: ValueStatus) -> None:
    assert ValueStatus.from_sdmx_code(status.sdmx_code) is status


@given(statuses)
def test_gss_symbols_round_trip(status: ValueStatus) -> None:
    symbol = status.gss_symbol
    if status is ValueStatus.FINAL:
        assert symbol is None
    else:
        assert symbol is not None
        assert ValueStatus.from_gss_symbol(symbol) is status
        assert ValueStatus.from_gss_symbol(f"[{symbol}]") is status


def test_status_codes_are_distinct_and_known() -> None:
    assert len({status.sdmx_code for status in ValueStatus}) == len(ValueStatus)
    assert ValueStatus.SUPPRESSED.gss_symbol == "c"
    assert ValueStatus.MISSING.gss_symbol == "x"
    assert ValueStatus.NOT_APPLICABLE.gss_symbol == "z"
    assert ValueStatus.LOW.gss_symbol == "low"
    assert ValueStatus.from_sdmx_code("L") is ValueStatus.MISSING
    with pytest.raises(ValueError, match=r"expected an SDMX OBS_STATUS code .* got 'B'"):
        ValueStatus.from_sdmx_code("B")
    with pytest.raises(ValueError, match=r"expected a GSS symbol .* got '\[w\]'"):
        ValueStatus.from_gss_symbol("[w]")


def test_value_number_must_agree_with_status() -> None:
    with pytest.raises(
        ValidationError,
        match="number: expected a number for a value with status 'provisional', got None",
    ):
        Value(number=None, status=ValueStatus.PROVISIONAL)
    with pytest.raises(
        ValidationError, match="number: expected none for a value with status 'suppressed'"
    ):
        Value(number=Decimal(5), status=ValueStatus.SUPPRESSED)
    assert Value(number=Decimal(5), status=ValueStatus.UNDER_REVIEW).is_available
    assert not Value(number=None, status=ValueStatus.UNDER_REVIEW).is_available


@pytest.mark.parametrize("bad", ["NaN", "Infinity", float("nan"), float("inf")])
def test_value_refuses_non_finite_numbers(bad: object) -> None:
    with pytest.raises(ValidationError, match="number"):
        Value(number=bad)  # type: ignore[arg-type]


def test_value_refuses_unknown_fields_and_is_frozen() -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        Value(number=Decimal(1), colour="red")  # type: ignore[call-arg]
    value = Value(number=Decimal(1))
    with pytest.raises(ValidationError, match="frozen"):
        value.number = Decimal(2)  # type: ignore[misc]


@pytest.mark.parametrize("text", [cell[0] for cell in SOURCE_CELLS] + ["73.000"])
def test_values_round_trip_through_json(text: str) -> None:
    value = parse_value(text, expect="whole" if text == "73.000" else "number")
    encoded = value.model_dump_json()
    assert Value.model_validate_json(encoded) == value
    if value.number is not None:
        assert f'"number":"{value.number}"' in encoded  # exact digits, as a string


def test_flag_descriptions() -> None:
    assert all(flag.description for flag in ValueFlag)
    assert "thousands separator" in ValueFlag.AMBIGUOUS_SEPARATOR.description


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"number": "5", "printed": "TBC"}, "'TBC' reads as None (missing), but the value says 5"),
        (
            {"number": "59", "printed": "59.0"},
            "'59.0' reads as 59.0 (final), but the value says 59",
        ),
        (
            {"number": "1400", "printed": "1400 (tbc)"},
            "reads as 1400 (provisional), but the value says 1400 (final)",
        ),
    ],
)
def test_a_value_must_say_what_its_cell_prints(fields: dict[str, str], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        Value.model_validate(fields)


@pytest.mark.parametrize(
    "fields",
    [
        {"number": "0", "printed": "none"},  # words the parser cannot read: kept as printed
        {"number": "4175", "status": "estimated", "printed": "At least 4,175"},
        {"number": "73000", "printed": "73.000", "flags": ["ambiguous_separator"]},  # a guess
        {"number": "1400", "status": "provisional", "printed": "1400 (tbc)"},
    ],
)
def test_values_whose_cells_cannot_be_reread_or_agree_are_accepted(
    fields: dict[str, object],
) -> None:
    assert Value.model_validate(fields).printed == fields["printed"]


@given(st.sampled_from(["1,412", "1400 (tbc)", "34%", "N/A", "[c]", "approximately 1,000", ""]))
def test_every_reading_validates_again_without_its_context(text: str) -> None:
    value = parse_value(text)
    assert Value.model_validate(value.model_dump()) == value


@pytest.mark.parametrize("number", ["1E+999999999", "1E-999999999", "NaN", "Infinity", "1" * 31])
def test_figures_of_records_built_in_python_are_bounded_as_from_files(number: str) -> None:
    from safeguarding_model import Claim, Observation  # noqa: PLC0415

    claim = {"id": "c", "text": "t", "kind": "level"}
    with pytest.raises(ValidationError, match=r"(stated: expected a|should be a) finite number"):
        Claim.model_validate({**claim, "stated": Decimal(number)})
    observation = {"indicator": "i", "area": "X", "period": "2015/16", "value": parse_value("1")}
    with pytest.raises(ValidationError, match=r"(lower: expected a|should be a) finite number"):
        Observation.model_validate({**observation, "lower": Decimal(number), "upper": Decimal(2)})
    assert Claim.model_validate({**claim, "stated": Decimal("46.1")}).stated == Decimal("46.1")
    limits = {"lower": Decimal("0.5"), "upper": Decimal("1.5")}
    assert Observation.model_validate({**observation, **limits}).lower == Decimal("0.5")
