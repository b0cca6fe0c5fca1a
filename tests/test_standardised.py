"""Directly and indirectly standardised figures against PHEindicatormethods, and their properties.

The reference values and the age-band inputs behind them live in ``shared/reference`` beside the
repository (see ``reference.py``): ``phe_reference.csv`` (one row per published value and
interval) and ``phe_dsr_isr_inputs.csv`` (the age bands, grouped by dataset and area).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reference import number, read_reference
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics.intervals import IntervalMethod, count_ci, rate_ci
from safeguarding_model.statistics.standardised import dsr_ci, israte_ci, isratio_ci

if TYPE_CHECKING:
    from collections.abc import Callable

    from safeguarding_model.statistics.intervals import Interval

RELATIVE = 1e-9
"""How closely a full-precision reference value must agree (relative)."""

ROUNDED_DECIMALS = 8
"""Some reference rows (the non-independent DSRs) are printed to 8 decimal places, so they carry
only that precision: such values may also differ by half a unit in the 8th place (5e-9)."""


class Bands(NamedTuple):
    """One area's age-band inputs, as columns."""

    rows: list[dict[str, str]]

    def column(self, name: str) -> list[float]:
        return [number(row[name]) for row in self.rows]

    def frequencies(self) -> list[list[float]]:
        return [[number(row[f"f{k}"]) for k in range(1, 5)] for row in self.rows]


def _inputs() -> dict[tuple[str, str], Bands]:
    grouped: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in read_reference("phe_dsr_isr_inputs.csv"):
        grouped.setdefault((row["dataset"], row["area"]), []).append(row)
    return {key: Bands(rows) for key, rows in grouped.items()}


INPUTS = _inputs()


class Case(NamedTuple):
    """A reference row and the inputs its ``source`` names."""

    row: dict[str, str]
    bands: Bands
    standard: str | None

    @property
    def per(self) -> int:
        return int(float(self.row["multiplier"]))

    @property
    def confidence(self) -> float:
        return float(self.row["confidence"])


def _case(row: dict[str, str]) -> Case:
    source = row["source"]
    area_match = re.search(r"\barea=([^;)\s]+)", source)
    assert area_match, source
    area = area_match[1]
    inputs_match = re.search(r"\binputs=(\w+)", source)
    if row["method"] == "calculate_dsr_nonindependent":
        dataset = "nonindependent"
    elif inputs_match and inputs_match[1] != "testdata_multiarea":
        dataset = inputs_match[1]  # testdata_err2
    else:  # testdata_multiarea is testdata_big, _small and _tiny side by side
        dataset = area
    standard_match = re.search(r"\bstdpop=(\w+)", source)
    return Case(row, INPUTS[dataset, area], standard_match[1] if standard_match else None)


def _cases(method: str) -> list[object]:
    """Every reference row of ``method``, with its inputs, named by area, base and level."""
    cases = [_case(row) for row in read_reference("phe_reference.csv") if row["method"] == method]
    return [
        pytest.param(case, id=f"{case.bands.rows[0]['area']}-per{case.per:g}-{case.confidence}")
        for case in cases
    ]


def _agrees(got: float, text: str) -> bool:
    expected = number(text)
    if math.isnan(expected):
        return math.isnan(got)
    decimals = len(text.partition(".")[2])
    rounding = 0.5 * 10.0**-ROUNDED_DECIMALS if decimals == ROUNDED_DECIMALS else 0.0
    return math.isclose(got, expected, rel_tol=RELATIVE, abs_tol=rounding)


def _assert_matches(interval: Interval[float], row: dict[str, str]) -> None:
    got = (interval.value, interval.lower, interval.upper)
    expected = (row["expected_value"], row["expected_lower"], row["expected_upper"])
    assert all(_agrees(g, e) for g, e in zip(got, expected, strict=True)), (got, expected)


def _dsr(case: Case, *, nonindependent: bool) -> Interval[float]:
    assert case.standard is not None
    counts = case.bands.column("count")
    populations = case.bands.column("pop")
    # The rows' own totals confirm the inputs were matched to the right row.
    assert np.nansum(counts) == float(case.row["numerator"])
    assert sum(populations) == float(case.row["denominator"])
    return dsr_ci(
        counts,
        populations,
        case.bands.column(case.standard),
        per=case.per,
        confidence=case.confidence,
        event_frequencies=case.bands.frequencies() if nonindependent else None,
    )


@pytest.mark.parametrize("case", _cases("calculate_dsr"))
def test_dsr_matches_phe(case: Case) -> None:
    interval = _dsr(case, nonindependent=False)
    _assert_matches(interval, case.row)
    assert interval.method is IntervalMethod.DOBSON
    assert interval.multiplier == case.per


@pytest.mark.parametrize("case", _cases("calculate_dsr_nonindependent"))
def test_nonindependent_dsr_matches_phe(case: Case) -> None:
    interval = _dsr(case, nonindependent=True)
    _assert_matches(interval, case.row)
    assert interval.method is IntervalMethod.DOBSON_NONINDEPENDENT


def _isr_inputs(case: Case) -> tuple[list[float], list[float], list[float], list[float]]:
    bands = case.bands
    return (
        bands.column("count"),
        bands.column("pop"),
        bands.column("refcount"),
        bands.column("refpop"),
    )


def _check_observed_and_expected(case: Case) -> None:
    counts, populations, reference_counts, reference_populations = _isr_inputs(case)
    ratio = isratio_ci(counts, populations, reference_counts, reference_populations)
    observed = float(case.row["numerator"])
    assert np.nansum(counts) == observed
    # The reference's denominator is the expected events: observed / ratio.
    assert math.isclose(observed / ratio.value, float(case.row["denominator"]), rel_tol=RELATIVE)


@pytest.mark.parametrize("case", _cases("calculate_ISRatio"))
def test_isratio_matches_phe(case: Case) -> None:
    _check_observed_and_expected(case)
    interval = isratio_ci(*_isr_inputs(case), multiplier=case.per, confidence=case.confidence)
    _assert_matches(interval, case.row)
    assert interval.method is IntervalMethod.BYARS_EXACT


@pytest.mark.parametrize("case", _cases("calculate_ISRate"))
def test_israte_matches_phe(case: Case) -> None:
    _check_observed_and_expected(case)
    interval = israte_ci(*_isr_inputs(case), per=case.per, confidence=case.confidence)
    _assert_matches(interval, case.row)
    # The reference rate is the reference population's crude rate, Σ counts / Σ population.
    reference_rate = re.search(r"ref_rate=([0-9.]+)", case.row["source"])
    assert reference_rate
    ratio = isratio_ci(*_isr_inputs(case), confidence=case.confidence)
    assert math.isclose(interval.value / ratio.value, float(reference_rate[1]), rel_tol=RELATIVE)


def test_every_kind_of_reference_row_is_checked() -> None:
    for method in [
        "calculate_dsr",
        "calculate_dsr_nonindependent",
        "calculate_ISRate",
        "calculate_ISRatio",
    ]:
        assert _cases(method), method


# Properties ---------------------------------------------------------------------------------


@st.composite
def areas(draw: st.DrawFn, *, min_events: int = 10) -> tuple[list[int], list[int], list[int]]:
    """Counts, populations and standard weights for one area, with at least ``min_events``."""
    bands = draw(st.integers(min_value=1, max_value=20))
    counts = draw(st.lists(st.integers(0, 2_000), min_size=bands, max_size=bands))
    assume(sum(counts) >= min_events)
    populations = [
        draw(st.integers(max(count, 1), 10**7)) for count in counts
    ]  # events need people
    weights = draw(st.lists(st.integers(0, 10**5), min_size=bands, max_size=bands))
    assume(sum(weights) > 0)
    return counts, populations, weights


levels = st.sampled_from([0.8, 0.9, 0.95, 0.99, 0.998])


@given(areas(min_events=0), levels)
def test_dsr_limits_bracket_the_value(
    area: tuple[list[int], list[int], list[int]], level: float
) -> None:
    interval = dsr_ci(*area, confidence=level, per=100_000)
    if sum(area[0]) < 10:
        assert math.isnan(interval.value)
        assert math.isnan(interval.lower)
        assert math.isnan(interval.upper)
    else:
        assert interval.lower <= interval.value <= interval.upper


@given(areas())
def test_dsr_998_interval_contains_the_95(area: tuple[list[int], list[int], list[int]]) -> None:
    narrow = dsr_ci(*area, confidence=0.95, per=100_000)
    wide = dsr_ci(*area, confidence=0.998, per=100_000)
    assert wide.value == narrow.value
    assert wide.lower <= narrow.lower
    assert narrow.upper <= wide.upper


@given(areas(), st.sampled_from([0.001, 0.5, 3.0, 1_000.0]))
def test_scaling_the_standard_population_changes_nothing(
    area: tuple[list[int], list[int], list[int]], factor: float
) -> None:
    # Only the standard population's proportions matter: the weights are normalised by their sum.
    counts, populations, weights = area
    base = dsr_ci(counts, populations, weights, per=100_000)
    scaled = dsr_ci(counts, populations, [w * factor for w in weights], per=100_000)
    for a, b in [
        (base.value, scaled.value),
        (base.lower, scaled.lower),
        (base.upper, scaled.upper),
    ]:
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@given(areas(), st.integers(1, 50), levels)
def test_dsr_is_the_crude_rate_when_the_standard_matches_the_area(
    area: tuple[list[int], list[int], list[int]], factor: int, level: float
) -> None:
    # With weights proportional to the area's own populations, standardising changes nothing:
    # DSR = Σx / Σn, and Dobson's limits reduce to Byar's limits of the crude rate (O >= 10).
    counts, populations, _ = area
    standardised = dsr_ci(
        counts, populations, [n * factor for n in populations], confidence=level, per=100_000
    )
    crude = rate_ci(sum(counts), sum(populations), confidence=level, per=100_000)
    for a, b in [
        (standardised.value, crude.value),
        (standardised.lower, crude.lower),
        (standardised.upper, crude.upper),
    ]:
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@given(areas())
def test_one_event_per_person_is_the_independent_dsr(
    area: tuple[list[int], list[int], list[int]],
) -> None:
    counts, populations, weights = area
    independent = dsr_ci(counts, populations, weights, per=100_000)
    single = dsr_ci(
        counts, populations, weights, event_frequencies=[[c] for c in counts], per=100_000
    )
    assert single.method is IntervalMethod.DOBSON_NONINDEPENDENT
    assert single.value == independent.value
    assert math.isclose(single.lower, independent.lower, rel_tol=1e-12)
    assert math.isclose(single.upper, independent.upper, rel_tol=1e-12)


@given(areas())
def test_repeat_events_widen_the_dsr_interval(area: tuple[list[int], list[int], list[int]]) -> None:
    # Persons with two events each (where the count is even): k² = 4 > 2, so the variance grows.
    counts, populations, weights = area
    paired = [[c % 2, c // 2] for c in counts]
    assume(any(c >= 2 and w > 0 for c, w in zip(counts, weights, strict=True)))
    independent = dsr_ci(counts, populations, weights, per=100_000)
    repeated = dsr_ci(counts, populations, weights, event_frequencies=paired, per=100_000)
    assert repeated.value == independent.value
    assert repeated.lower < independent.lower
    assert repeated.upper > independent.upper


@st.composite
def references(draw: st.DrawFn, bands: int) -> tuple[list[int], list[int]]:
    reference_populations = draw(st.lists(st.integers(1, 10**8), min_size=bands, max_size=bands))
    reference_counts = [draw(st.integers(0, p)) for p in reference_populations]
    assume(sum(reference_counts) > 0)
    return reference_counts, reference_populations


@given(st.data(), levels)
def test_isr_limits_bracket_the_value(data: st.DataObject, level: float) -> None:
    counts, populations, _ = data.draw(areas(min_events=0))
    reference_counts, reference_populations = data.draw(references(len(counts)))
    assume(
        sum(
            c / p * n
            for c, p, n in zip(reference_counts, reference_populations, populations, strict=True)
        )
        > 0
    )
    for function, scale in ((isratio_ci, {"multiplier": 1}), (israte_ci, {"per": 100_000})):
        interval = function(
            counts, populations, reference_counts, reference_populations, confidence=level, **scale
        )
        assert interval.lower <= interval.value <= interval.upper
        wide = function(
            counts, populations, reference_counts, reference_populations, confidence=0.998, **scale
        )
        narrow = function(
            counts, populations, reference_counts, reference_populations, confidence=0.95, **scale
        )
        assert wide.lower <= narrow.lower <= narrow.upper <= wide.upper


@given(st.data())
def test_isr_is_the_count_interval_over_the_expected(data: st.DataObject) -> None:
    counts, populations, _ = data.draw(areas(min_events=0))
    reference_counts, reference_populations = data.draw(references(len(counts)))
    expected = sum(
        c / p * n
        for c, p, n in zip(reference_counts, reference_populations, populations, strict=True)
    )
    assume(expected > 0)
    ratio = isratio_ci(counts, populations, reference_counts, reference_populations)
    count = count_ci(sum(counts))
    for a, b in [
        (ratio.value, count.value),
        (ratio.lower, count.lower),
        (ratio.upper, count.upper),
    ]:
        assert math.isclose(a * expected, b, rel_tol=1e-9, abs_tol=1e-12)
    rate = israte_ci(counts, populations, reference_counts, reference_populations, per=1_000)
    reference_rate = sum(reference_counts) / sum(reference_populations) * 1_000
    assert math.isclose(rate.value, ratio.value * reference_rate, rel_tol=1e-9, abs_tol=1e-12)


@given(st.data())
def test_isr_is_one_when_the_area_has_the_reference_rates(data: st.DataObject) -> None:
    _, populations, _ = data.draw(areas(min_events=0))
    reference_counts, reference_populations = data.draw(references(len(populations)))
    counts = [
        c / p * n
        for c, p, n in zip(reference_counts, reference_populations, populations, strict=True)
    ]
    assume(sum(counts) > 0)
    ratio = isratio_ci(counts, populations, reference_counts, reference_populations, multiplier=100)
    assert math.isclose(ratio.value, 100, rel_tol=1e-9)
    rate = israte_ci(counts, populations, reference_counts, reference_populations, per=100)
    # ... and the indirectly standardised rate is then the reference's crude rate.
    assert math.isclose(
        rate.value, sum(reference_counts) / sum(reference_populations) * 100, rel_tol=1e-9
    )


# Small numbers and missing values -----------------------------------------------------------

POPULATIONS = [21_000, 48_000, 9_500]
STANDARD = [20_000, 60_000, 20_000]
REFERENCE_COUNTS = [600, 1_500, 2_400]
REFERENCE_POPULATIONS = [800_000, 2_000_000, 400_000]


def test_dsr_is_not_published_below_ten_events() -> None:
    assert math.isnan(dsr_ci([3, 3, 3], POPULATIONS, STANDARD, per=100_000).value)
    assert not math.isnan(dsr_ci([3, 3, 4], POPULATIONS, STANDARD, per=100_000).value)
    nothing = dsr_ci(
        [0, 0, 0], POPULATIONS, STANDARD, event_frequencies=[[0], [0], [0]], per=100_000
    )
    assert math.isnan(nothing.lower)
    assert nothing.method is IntervalMethod.DOBSON_NONINDEPENDENT


def test_isr_uses_the_exact_interval_below_ten_events() -> None:
    small = isratio_ci([3, 3, 3], POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    exact = count_ci(9, method="exact")
    assert math.isclose(small.upper / small.value, exact.upper / 9, rel_tol=1e-12)
    zero = isratio_ci([0, 0, 0], POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    assert zero.value == 0
    assert zero.lower == 0
    assert zero.upper > 0


def test_a_missing_count_is_no_events_as_in_phe() -> None:
    missing = dsr_ci([15, math.nan, 61], POPULATIONS, STANDARD, per=100_000)
    zero = dsr_ci([15, 0, 61], POPULATIONS, STANDARD, per=100_000)
    assert (missing.value, missing.lower, missing.upper) == (zero.value, zero.lower, zero.upper)
    ratio = isratio_ci(
        np.array([15, None, 61], dtype=object), POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS
    )
    assert (
        ratio.value
        == isratio_ci([15, 0, 61], POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS).value
    )


def test_missing_populations_or_all_counts_give_a_missing_result() -> None:
    assert math.isnan(dsr_ci([15, 32, 61], [21_000, math.nan, 9_500], STANDARD, per=100_000).value)
    assert math.isnan(dsr_ci([15, 0, 61], [21_000, math.nan, 9_500], STANDARD, per=100_000).value)
    assert math.isnan(
        isratio_ci(
            [15, 32, 61],
            np.array([21_000, None, 9_500], dtype=object),
            REFERENCE_COUNTS,
            REFERENCE_POPULATIONS,
        ).value
    )
    assert math.isnan(
        isratio_ci(
            np.array([None] * 3, dtype=object), POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS
        ).upper
    )
    assert math.isnan(
        israte_ci(
            [15, 32, 61], POPULATIONS, REFERENCE_COUNTS, [1e6, math.nan, 1e6], per=100_000
        ).value
    )


def test_a_band_without_people_or_events_adds_only_its_weight() -> None:
    with_band = dsr_ci([15, 32, 61, 0], [*POPULATIONS, 0], [*STANDARD, 100_000], per=100_000)
    halved = dsr_ci([15, 32, 61], POPULATIONS, STANDARD, per=100_000)
    assert math.isclose(with_band.value, halved.value / 2, rel_tol=1e-12)


def test_isr_band_without_people_expects_nothing_but_its_events_count() -> None:
    # testdata_err2: one age band has population 0 but 25 events.
    ratio = isratio_ci([15, 25, 61], [21_000, 0, 9_500], REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    expected = 600 / 800_000 * 21_000 + 2_400 / 400_000 * 9_500
    assert math.isclose(ratio.value, 101 / expected, rel_tol=1e-12)


def test_non_independent_dsr_accepts_gaps_as_zero_persons() -> None:
    gaps = dsr_ci(
        [15, 32, 61],
        POPULATIONS,
        STANDARD,
        event_frequencies=np.array([[15, None], [30, 1], [61, math.nan]], dtype=object),
        per=100_000,
    )
    zeros = dsr_ci(
        [15, 32, 61],
        POPULATIONS,
        STANDARD,
        event_frequencies=[[15, 0], [30, 1], [61, 0]],
        per=100_000,
    )
    assert (gaps.lower, gaps.upper) == (zeros.lower, zeros.upper)


# Errors -------------------------------------------------------------------------------------

COUNTS = [15, 32, 61]


@pytest.mark.parametrize(
    ("arguments", "options", "field"),
    [
        ((COUNTS, POPULATIONS, STANDARD), {"confidence": 95}, "confidence"),
        ((COUNTS, POPULATIONS, STANDARD), {"confidence": 1.0}, "confidence"),
        ((COUNTS, POPULATIONS, STANDARD), {"per": 0}, "per"),
        (([15, -1, 61], POPULATIONS, STANDARD), {}, "counts[1]"),
        (([15, math.inf, 61], POPULATIONS, STANDARD), {}, "counts[1]"),
        ((15, POPULATIONS, STANDARD), {}, "counts"),
        (([], [], []), {}, "counts"),
        (([[[15, 32, 61]]], POPULATIONS, STANDARD), {}, "counts"),
        (([[15, 32, 61]], POPULATIONS, STANDARD), {}, "populations"),
        (("15", POPULATIONS, STANDARD), {}, "counts"),
        ((COUNTS, [21_000, 48_000], STANDARD), {}, "populations"),
        ((COUNTS, [21_000, -48_000, 9_500], STANDARD), {}, "populations[1]"),
        ((COUNTS, [21_000, 0, 9_500], STANDARD), {}, "populations[1]"),
        ((COUNTS, POPULATIONS, [20_000, 60_000]), {}, "standard_populations"),
        ((COUNTS, POPULATIONS, [20_000, -1, 20_000]), {}, "standard_populations[1]"),
        ((COUNTS, POPULATIONS, [20_000, None, 20_000]), {}, "standard_populations[1]"),
        ((COUNTS, POPULATIONS, [0, 0, 0]), {}, "standard_populations"),
        ((COUNTS, POPULATIONS, STANDARD), {"event_frequencies": [15, 32, 61]}, "event_frequencies"),
        ((COUNTS, POPULATIONS, STANDARD), {"event_frequencies": [[15], [32]]}, "event_frequencies"),
        (
            (COUNTS, POPULATIONS, STANDARD),
            {"event_frequencies": [[15], [30], [61]]},
            "event_frequencies[1]",
        ),
        (
            (COUNTS, POPULATIONS, STANDARD),
            {"event_frequencies": [[15], [34, -1], [61]]},
            "event_frequencies",
        ),
        (
            (COUNTS, POPULATIONS, STANDARD),
            {"event_frequencies": [[15, 0], [34, -1], [61, 0]]},
            "event_frequencies[(1, 1)]",
        ),
    ],
)
def test_dsr_refuses_bad_input(
    arguments: tuple[object, ...], options: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInputError, match=rf"^{re.escape(field)}: expected") as caught:
        dsr_ci(*arguments, **{"per": 100_000, **options})  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize("function", [isratio_ci, israte_ci])
@pytest.mark.parametrize(
    ("arguments", "options", "field"),
    [
        (
            (COUNTS, POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS),
            {"confidence": 0},
            "confidence",
        ),
        (([15, -32, 61], POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS), {}, "counts[1]"),
        (
            (COUNTS, [21_000, 48_000, -1], REFERENCE_COUNTS, REFERENCE_POPULATIONS),
            {},
            "populations[2]",
        ),
        ((COUNTS, [0, 0, 0], REFERENCE_COUNTS, REFERENCE_POPULATIONS), {}, "populations"),
        ((COUNTS, POPULATIONS, [600, 1_500], REFERENCE_POPULATIONS), {}, "reference_counts"),
        ((COUNTS, POPULATIONS, [600, -1, 2_400], REFERENCE_POPULATIONS), {}, "reference_counts[1]"),
        ((COUNTS, POPULATIONS, [0, 0, 0], REFERENCE_POPULATIONS), {}, "reference_counts"),
        (
            (COUNTS, POPULATIONS, REFERENCE_COUNTS, [800_000, 0, 400_000]),
            {},
            "reference_populations[1]",
        ),
        (
            (COUNTS, POPULATIONS, REFERENCE_COUNTS, [800_000, 2_000_000]),
            {},
            "reference_populations",
        ),
    ],
)
def test_isr_refuses_bad_input(
    function: Callable[..., Interval[float]],
    arguments: tuple[object, ...],
    options: dict[str, object],
    field: str,
) -> None:
    base = {"per": 100_000} if function is israte_ci else {}
    with pytest.raises(InvalidInputError, match=rf"^{re.escape(field)}: expected") as caught:
        function(*arguments, **base, **options)
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("function", "options", "field"),
    [
        (israte_ci, {"per": -1}, "per"),
        (israte_ci, {"per": 7}, "per"),
        (israte_ci, {"per": "per 7"}, "per"),
        (isratio_ci, {"multiplier": -1}, "multiplier"),
        (isratio_ci, {"multiplier": 1_000}, "multiplier"),
    ],
)
def test_isr_bases_and_multipliers_are_refused(
    function: Callable[..., Interval[float]], options: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidInputError, match=rf"^{field}: expected") as caught:
        function(COUNTS, POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS, **options)
    assert caught.value.field == field


def test_event_frequencies_that_do_not_add_up_say_which_band() -> None:
    with pytest.raises(InvalidInputError, match=r"adding up to counts\[1\] = 32") as caught:
        dsr_ci(COUNTS, POPULATIONS, STANDARD, event_frequencies=[[15], [30], [61]], per=100_000)
    assert caught.value.value == 30


def test_masked_counts_are_missing_and_masked_standard_weights_are_refused() -> None:
    counts = np.ma.masked_array(
        [15, 10**20, 61], mask=[False, True, False]
    )  # a missing count: no events
    populations = [21_000, 48_000, 9_500]
    standard = [20_000, 60_000, 20_000]
    assert dsr_ci(counts, populations, standard, per=100_000).value == pytest.approx(
        dsr_ci([15, 0, 61], populations, standard, per=100_000).value, rel=1e-12
    )
    masked_weights = np.ma.masked_array(standard, mask=[False, True, False])
    with pytest.raises(InvalidInputError) as caught:
        dsr_ci([15, 32, 61], populations, masked_weights, per=100_000)
    assert caught.value.field == "standard_populations[1]"
    assert "cannot be missing" in str(caught.value)


@pytest.mark.parametrize(
    "column",
    [
        [True, False, True],
        np.array(["2020-01-01"] * 3, dtype="datetime64[D]"),
        ["15", "32", "61"],
        np.array([15, 32, 61], dtype=complex),
    ],
)
def test_columns_that_are_not_numbers_are_refused(column: object) -> None:
    with pytest.raises(InvalidInputError) as caught:
        dsr_ci(column, [21_000, 48_000, 9_500], [20_000, 60_000, 20_000], per=100_000)  # type: ignore[arg-type]
    assert caught.value.field == "counts"
    with pytest.raises(InvalidInputError) as caught:
        isratio_ci([15, 32, 61], column, [1, 2, 3], [100, 100, 100])  # type: ignore[arg-type]
    assert caught.value.field == "populations"


def test_counts_from_2_to_the_53_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^populations\[0\]: .*2\*\*53"):
        dsr_ci([15, 32, 61], [2**53, 48_000, 9_500], [1, 1, 1], per=100_000)


def test_extreme_weights_do_not_divide_by_zero() -> None:
    # A total standard weight so small that its square underflows: only proportions matter.
    tiny = dsr_ci([10, 0, 0], [1, 1, 1], [0, 0, 5e-324], per=100_000)
    assert tiny.value == 0.0
    assert dsr_ci([10, 0, 0], [1, 1, 1], [5e-324, 0, 0], per=100_000).value == pytest.approx(
        1_000_000
    )


def test_results_beyond_float_range_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^populations: .*float range"):
        dsr_ci([10, 5, 5], [1e-310, 1, 1], [1, 1, 1], per=1_000_000)
    with pytest.raises(InvalidInputError, match=r"^reference_populations: .*float range"):
        isratio_ci([10, 5, 5], [1e15, 1, 1], [1e15, 1, 1], [1e-300, 1, 1])


# One vocabulary ------------------------------------------------------------------------------


def test_dsr_and_israte_without_per_warn_and_keep_per_100_000() -> None:
    with pytest.deprecated_call(
        match=r"dsr_ci\(\) without per= is deprecated since version 0\.1\.0"
    ):
        dsr = dsr_ci(COUNTS, POPULATIONS, STANDARD)
    assert dsr == dsr_ci(COUNTS, POPULATIONS, STANDARD, per=100_000)
    columns = (COUNTS, POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    with pytest.deprecated_call(match=r"israte_ci\(\) without per= is deprecated"):
        rate = israte_ci(*columns)
    assert rate == israte_ci(*columns, per=100_000)


def test_isratio_per_is_the_old_name_of_multiplier() -> None:
    columns = (COUNTS, POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    with pytest.deprecated_call(match=r"isratio_ci\(per=\.\.\.\) is deprecated .*multiplier="):
        old = isratio_ci(*columns, per=100)
    assert old == isratio_ci(*columns, multiplier=100)
    assert old.multiplier == 100
    with pytest.deprecated_call(), pytest.raises(InvalidInputError, match=r"^per: "):
        isratio_ci(*columns, per=100, multiplier=100)


def test_one_isr_core_gives_rate_as_ratio_times_the_reference_rate() -> None:
    columns = (COUNTS, POPULATIONS, REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    ratio = isratio_ci(*columns)
    rate = israte_ci(*columns, per=1_000)
    reference = sum(REFERENCE_COUNTS) / sum(REFERENCE_POPULATIONS) * 1_000
    for a, b in ((ratio.value, rate.value), (ratio.lower, rate.lower), (ratio.upper, rate.upper)):
        assert math.isclose(a * reference, b, rel_tol=1e-12)
