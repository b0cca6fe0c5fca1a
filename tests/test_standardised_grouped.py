"""Many areas in one call: ``dsr_ci``, ``isratio_ci`` and ``israte_ci`` on areas x age bands.

A 2-D table (one row per area) must give exactly, bit for bit, the results of calling the
function once per row, with NaN where the per-area call gives NaN, and refuse what the per-area
call refuses, naming the area.
"""

from __future__ import annotations

import math
import re
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from reference import number, read_reference
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics.intervals import IntervalMethod
from safeguarding_model.statistics.standardised import dsr_ci, israte_ci, isratio_ci

if TYPE_CHECKING:
    from collections.abc import Callable

    from safeguarding_model.statistics.intervals import Interval


def _assert_stacked(grouped: Interval[Any], per_area: list[Interval[Any]]) -> None:
    """``grouped`` holds exactly the per-area intervals, row by row (NaN equal to NaN)."""
    assert isinstance(grouped.value, np.ndarray)
    assert grouped.value.shape == (len(per_area),)
    for field in ("value", "lower", "upper"):
        stacked = np.array([getattr(one, field) for one in per_area], dtype=np.float64)
        assert np.array_equal(getattr(grouped, field), stacked, equal_nan=True), field
    for one in per_area:
        assert isinstance(one.value, float)
        assert (one.confidence, one.method, one.multiplier) == (
            grouped.confidence,
            grouped.method,
            grouped.multiplier,
        )


# Every area of the reference inputs in one call ----------------------------------------------


def _reference_tables() -> dict[str, dict[str, list[dict[str, str]]]]:
    """The reference inputs' rows by dataset, then by area."""
    tables: dict[str, dict[str, list[dict[str, str]]]] = {}
    for row in read_reference("phe_dsr_isr_inputs.csv"):
        tables.setdefault(row["dataset"], {}).setdefault(row["area"], []).append(row)
    return tables


def _groups() -> list[tuple[str, list[list[dict[str, str]]]]]:
    """The reference areas grouped by their number of age bands."""
    by_bands: dict[int, list[list[dict[str, str]]]] = {}
    for areas in _reference_tables().values():
        for rows in areas.values():
            by_bands.setdefault(len(rows), []).append(rows)
    return [(f"{bands}-bands", areas) for bands, areas in sorted(by_bands.items())]


def _standard(rows: list[dict[str, str]]) -> list[float]:
    """An area's standard population: its 2013 or 1976 European one, else the 2013 one.

    The ``testdata_err2`` areas (for the indirect methods) carry none; they have the 19 bands of
    the 2013 European Standard Population, given beside ``testdata_big``.
    """
    for column in ("esp2013", "esp1976"):
        if all(row[column] for row in rows):
            return [number(row[column]) for row in rows]
    return [number(row["esp2013"]) for row in _reference_tables()["testdata_big"]["testdata_big"]]


def _column(areas: list[list[dict[str, str]]], name: str) -> list[list[float]]:
    return [[number(row[name]) for row in rows] for rows in areas]


def test_the_reference_inputs_cover_every_area() -> None:
    grouped_areas = sum(len(areas) for _, areas in _groups())
    assert grouped_areas == sum(len(areas) for areas in _reference_tables().values())
    assert grouped_areas >= 10


@pytest.mark.parametrize(("name", "areas"), _groups(), ids=lambda v: str(v)[:12])
@pytest.mark.parametrize("confidence", [0.95, 0.998])
def test_every_reference_area_in_one_call_is_the_per_area_result(
    name: str, areas: list[list[dict[str, str]]], confidence: float
) -> None:
    counts = _column(areas, "count")
    populations = _column(areas, "pop")
    # Each area's own standard population, as a 2-D table beside the counts.
    weights = [_standard(rows) for rows in areas]
    per_area = [
        _per_area_or_error(partial(dsr_ci, x, n, w, per=100_000, confidence=confidence))
        for x, n, w in zip(counts, populations, weights, strict=True)
    ]
    # Area1 of testdata_err2 has events in a band without people: a DSR refuses it, alone or
    # among the others, naming its row; the other areas give their DSRs in one call.
    refused = [i for i, one in enumerate(per_area) if isinstance(one, str)]
    if refused:
        with pytest.raises(InvalidInputError, match=rf"^populations\[\({refused[0]}, \d+\)\]"):
            dsr_ci(counts, populations, weights, per=100_000, confidence=confidence)
    kept = [i for i in range(len(areas)) if i not in refused]
    dsr = dsr_ci(
        [counts[i] for i in kept],
        [populations[i] for i in kept],
        [weights[i] for i in kept],
        per=100_000,
        confidence=confidence,
    )
    _assert_stacked(dsr, [one for one in per_area if not isinstance(one, str)])
    assert dsr.method is IntervalMethod.DOBSON
    # Each area's own reference columns, as a 2-D table beside the counts.
    reference_counts = _column(areas, "refcount")
    reference_populations = _column(areas, "refpop")
    columns = list(zip(counts, populations, reference_counts, reference_populations, strict=True))
    ratio = isratio_ci(
        counts, populations, reference_counts, reference_populations, confidence=confidence
    )
    _assert_stacked(ratio, [isratio_ci(*area, confidence=confidence) for area in columns])
    rate = israte_ci(
        counts,
        populations,
        reference_counts,
        reference_populations,
        per=1_000,
        confidence=confidence,
    )
    _assert_stacked(rate, [israte_ci(*area, per=1_000, confidence=confidence) for area in columns])
    # Not a table of missing results: some areas have a rate (the 1976 area has no reference).
    assert np.isfinite(dsr.value).any(), name
    assert np.isfinite(ratio.value).any() or name == "18-bands", name


def test_every_non_independent_reference_area_in_one_call() -> None:
    areas = list(_reference_tables()["nonindependent"].values())
    counts = _column(areas, "count")
    populations = _column(areas, "pop")
    weights = [number(row["esp2013"]) for row in areas[0]]
    frequencies = [[[number(row[f"f{k}"]) for k in range(1, 5)] for row in rows] for rows in areas]
    grouped = dsr_ci(counts, populations, weights, per=100_000, event_frequencies=frequencies)
    per_area = [
        dsr_ci(x, n, weights, per=100_000, event_frequencies=f)
        for x, n, f in zip(counts, populations, frequencies, strict=True)
    ]
    _assert_stacked(grouped, per_area)
    assert grouped.method is IntervalMethod.DOBSON_NONINDEPENDENT


# Properties ------------------------------------------------------------------------------------


@st.composite
def tables(
    draw: st.DrawFn,
) -> tuple[list[list[float]], list[list[float]], list[float], list[float]]:
    """Counts and populations of several areas (some missing), and a reference for each band."""
    bands = draw(st.integers(1, 8))
    areas = draw(st.integers(1, 6))
    counts: list[list[float]] = []
    populations: list[list[float]] = []
    for _ in range(areas):
        row = draw(st.lists(st.integers(0, 400), min_size=bands, max_size=bands))
        counts.append([math.nan if draw(st.integers(0, 9)) == 0 else float(c) for c in row])
        populations.append(
            [
                math.nan
                if draw(st.integers(0, 19)) == 0
                else float(draw(st.integers(max(c, 1), 10**7)))
                for c in row
            ]
        )
    reference_populations = draw(st.lists(st.integers(1, 10**8), min_size=bands, max_size=bands))
    reference_counts = [draw(st.integers(0, p)) for p in reference_populations]
    assume(sum(reference_counts) > 0)
    return (
        counts,
        populations,
        [float(c) for c in reference_counts],
        [float(p) for p in reference_populations],
    )


levels = st.sampled_from([0.8, 0.95, 0.998])


def _per_area_or_error(call: Callable[[], Interval[Any]]) -> Interval[Any] | str:
    try:
        return call()
    except InvalidInputError as error:
        return error.expected


@given(tables(), levels, st.sampled_from([100, 1_000, 100_000]))
def test_grouped_dsr_is_the_stacked_per_area_dsr(
    table: tuple[list[list[float]], list[list[float]], list[float], list[float]],
    level: float,
    per: int,
) -> None:
    counts, populations, weights, _ = table
    per_area = [
        _per_area_or_error(partial(dsr_ci, x, n, weights, per=per, confidence=level))
        for x, n in zip(counts, populations, strict=True)
    ]
    refused = [i for i, one in enumerate(per_area) if isinstance(one, str)]
    if refused:
        with pytest.raises(InvalidInputError, match=r"^populations\[\d+\]"):
            dsr_ci(counts, populations, weights, per=per, confidence=level)
        return
    grouped = dsr_ci(counts, populations, weights, per=per, confidence=level)
    _assert_stacked(grouped, [one for one in per_area if not isinstance(one, str)])


@given(tables(), levels, st.booleans())
def test_grouped_isr_is_the_stacked_per_area_isr(
    table: tuple[list[list[float]], list[list[float]], list[float], list[float]],
    level: float,
    shared: bool,  # noqa: FBT001 - a drawn flag
) -> None:
    counts, populations, reference_counts, reference_populations = table
    areas = len(counts)
    # The reference given once for every area, or repeated as one row per area: the same result.
    reference = (
        (reference_counts, reference_populations)
        if shared
        else ([reference_counts] * areas, [reference_populations] * areas)
    )
    ratio = partial(isratio_ci, multiplier=100, confidence=level)
    rate = partial(israte_ci, per=1_000, confidence=level)
    for function in (ratio, rate):
        per_area = [
            _per_area_or_error(partial(function, x, n, reference_counts, reference_populations))
            for x, n in zip(counts, populations, strict=True)
        ]
        if any(isinstance(one, str) for one in per_area):
            with pytest.raises(InvalidInputError, match=r"\[\d+\]: expected"):
                function(counts, populations, *reference)
            continue
        grouped = function(counts, populations, *reference)
        _assert_stacked(grouped, [one for one in per_area if not isinstance(one, str)])


# Shapes and refusals ---------------------------------------------------------------------------

COUNTS = [[15, 32, 61], [2, 3, 4], [40, 0, 7]]
POPULATIONS = [[21_000, 48_000, 9_500], [21_000, 48_000, 9_500], [5_000, 0, 800]]
STANDARD = [20_000, 60_000, 20_000]
REFERENCE_COUNTS = [600, 1_500, 2_400]
REFERENCE_POPULATIONS = [800_000, 2_000_000, 400_000]


def test_grouped_results_are_arrays_one_per_area() -> None:
    dsr = dsr_ci(COUNTS, POPULATIONS, STANDARD, per=100_000)
    assert dsr.value.shape == (3,)
    assert math.isnan(dsr.value[1])  # 9 events: not published, as for one area
    assert dsr.value[0] == dsr_ci(COUNTS[0], POPULATIONS[0], STANDARD, per=100_000).value
    assert str(dsr) == "3 values, 95% Dobson"
    # A standard population per area, all equal, is the shared standard.
    assert dsr_ci(COUNTS, POPULATIONS, [STANDARD] * 3, per=100_000) == dsr


def test_a_single_row_table_gives_arrays_of_one() -> None:
    ratio = isratio_ci(COUNTS[:1], POPULATIONS[:1], REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    one = isratio_ci(COUNTS[0], POPULATIONS[0], REFERENCE_COUNTS, REFERENCE_POPULATIONS)
    assert isinstance(ratio.value, np.ndarray)
    assert ratio.value.tolist() == [one.value]
    assert ratio.upper.tolist() == [one.upper]


@pytest.mark.parametrize(
    ("call", "field", "words"),
    [
        (lambda: dsr_ci(COUNTS, POPULATIONS[:2], STANDARD, per=100), "populations", "(3, 3)"),
        (
            lambda: dsr_ci(COUNTS, POPULATIONS, [[1, 2, 3]], per=100),
            "standard_populations",
            "3 values shared",
        ),
        (
            lambda: dsr_ci(COUNTS, POPULATIONS, [STANDARD, STANDARD, [0, 0, 0]], per=100),
            "standard_populations[2]",
            "weight above 0",
        ),
        (
            lambda: dsr_ci(COUNTS, [[1, 1, 1], [1, 0, 1], [1, 0, 1]], STANDARD, per=100),
            "populations[(1, 1)]",
            "above 0",
        ),
        (
            lambda: dsr_ci(
                COUNTS, POPULATIONS, STANDARD, per=100, event_frequencies=[[15], [32], [61]]
            ),
            "event_frequencies",
            "3-D array of shape (3, 3, k)",
        ),
        (
            lambda: dsr_ci([[15, 32, 61]], [[1e-300, 1, 1]], STANDARD, per=100_000),
            "populations[0]",
            "float range",
        ),
        (
            lambda: isratio_ci(COUNTS, POPULATIONS, [[600, 1_500, 2_400]], REFERENCE_POPULATIONS),
            "reference_counts",
            "(3, 3)",
        ),
        (
            lambda: isratio_ci(
                COUNTS, [[1, 1, 1], [0, 0, 0], [0, 0, 0]], REFERENCE_COUNTS, REFERENCE_POPULATIONS
            ),
            "populations[1]",
            "2 areas refused",
        ),
        (
            lambda: isratio_ci(
                COUNTS, POPULATIONS, [[1, 1, 1], [1, 1, 1], [0, 1, 0]], [REFERENCE_POPULATIONS] * 3
            ),
            "reference_counts[2]",
            "none are expected",
        ),
    ],
)
def test_grouped_calls_refuse_naming_the_area(
    call: Callable[[], object], field: str, words: str
) -> None:
    with pytest.raises(InvalidInputError, match=rf"^{re.escape(field)}: expected") as caught:
        call()
    assert caught.value.field == field
    assert words in str(caught.value)


@st.composite
def repeat_events(
    draw: st.DrawFn,
) -> tuple[list[list[int]], list[list[int]], list[list[int]], list[list[list[int]]]]:
    """Areas whose persons had one or two events, each area with its own standard weights."""
    bands = draw(st.integers(1, 6))
    areas = draw(st.integers(1, 5))
    row = st.lists(st.integers(0, 300), min_size=bands, max_size=bands)
    ones = [draw(row) for _ in range(areas)]
    twos = [draw(row) for _ in range(areas)]
    counts = [
        [a + 2 * b for a, b in zip(o, t, strict=True)] for o, t in zip(ones, twos, strict=True)
    ]
    populations = [[draw(st.integers(max(c, 1), 10**7)) for c in area] for area in counts]
    weights = [
        draw(st.lists(st.integers(1, 10**5), min_size=bands, max_size=bands)) for _ in range(areas)
    ]
    frequencies = [
        [[a, b] for a, b in zip(o, t, strict=True)] for o, t in zip(ones, twos, strict=True)
    ]
    return counts, populations, weights, frequencies


@given(repeat_events(), levels)
def test_grouped_non_independent_dsr_with_a_standard_per_area_is_the_per_area_dsr(
    table: tuple[list[list[int]], list[list[int]], list[list[int]], list[list[list[int]]]],
    level: float,
) -> None:
    counts, populations, weights, frequencies = table
    grouped = dsr_ci(
        counts, populations, weights, per=100_000, confidence=level, event_frequencies=frequencies
    )
    per_area = [
        dsr_ci(x, n, w, per=100_000, confidence=level, event_frequencies=f)
        for x, n, w, f in zip(counts, populations, weights, frequencies, strict=True)
    ]
    _assert_stacked(grouped, per_area)
    assert grouped.method is IntervalMethod.DOBSON_NONINDEPENDENT
