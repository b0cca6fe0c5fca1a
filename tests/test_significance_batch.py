"""Batch comparisons: labels as codes with a label table, and mixed tables in one call."""

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_model import (
    Comparison,
    Interval,
    IntervalMethod,
    InvalidInputError,
    Labels,
    Polarity,
    Significance,
    compare_proportion_with_benchmark,
    compare_rate_with_benchmark,
    compare_with_benchmark,
    proportion_ci,
)

TABLE = tuple(member.value for member in Significance)
BASES: tuple[int | str, ...] = (
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    "per 10,000",
    "per_thousand",
)
POLARITIES: tuple[Polarity | str, ...] = (*Polarity, *(member.value for member in Polarity))


@st.composite
def _rate_rows(draw: st.DrawFn) -> list[tuple[float | None, int, float, int | str, Polarity | str]]:
    """Rows of (count, denominator, benchmark, per, polarity), benchmarks near the rates."""
    size = draw(st.integers(1, 12))
    rows = []
    for _ in range(size):
        count = draw(st.none() | st.integers(0, 5_000).map(float))
        denominator = draw(st.integers(1, 2_000_000))
        per = draw(st.sampled_from(BASES))
        factor = draw(st.sampled_from([0.0, 0.5, 0.9, 1.0, 1.1, 2.0]))
        scale = per if isinstance(per, int) else {"per 10,000": 10_000, "per_thousand": 1_000}[per]
        rate = (count or 0.0) / denominator * scale
        benchmark = draw(st.sampled_from([rate * factor, math.nan]))
        polarity = draw(st.sampled_from(POLARITIES))
        rows.append((count, denominator, benchmark, per, polarity))
    return rows


@given(_rate_rows())
def test_a_mixed_rate_table_in_one_call_is_the_per_row_calls(
    rows: list[tuple[float | None, int, float, int | str, Polarity | str]],
) -> None:
    counts, denominators, benchmarks, pers, polarities = zip(*rows, strict=True)
    table = compare_rate_with_benchmark(
        list(counts),
        list(denominators),
        list(benchmarks),
        per=list(pers),
        polarity=list(polarities),
    )
    assert isinstance(table.significance, np.ndarray)
    for index, (count, denominator, benchmark, per, polarity) in enumerate(rows):
        one = compare_rate_with_benchmark(
            count,
            denominator,
            benchmark,
            per=per,
            polarity=polarity,
        )
        assert table.significance[index] == one.significance.value
        assert table.polarity[index] == one.polarity
        assert table.labels().codes[index] == TABLE.index(one.significance.value)


@st.composite
def _proportion_rows(draw: st.DrawFn) -> list[tuple[int, int, float, Polarity | str]]:
    size = draw(st.integers(1, 12))
    rows = []
    for _ in range(size):
        denominator = draw(st.integers(1, 100_000))
        numerator = draw(st.integers(0, denominator))
        benchmark = draw(st.floats(0, 1) | st.just(numerator / denominator))
        rows.append((numerator, denominator, benchmark, draw(st.sampled_from(POLARITIES))))
    return rows


@given(_proportion_rows())
def test_a_mixed_proportion_table_in_one_call_is_the_per_row_calls(
    rows: list[tuple[int, int, float, Polarity | str]],
) -> None:
    numerators, denominators, benchmarks, polarities = zip(*rows, strict=True)
    table = compare_proportion_with_benchmark(
        np.array(numerators),
        np.array(denominators),
        np.array(benchmarks),
        polarity=np.array([str(polarity) for polarity in polarities]),
    )
    expected = [
        compare_proportion_with_benchmark(n, d, b, polarity=p).significance.value
        for n, d, b, p in rows
    ]
    assert table.significance.tolist() == expected


@given(
    st.lists(
        st.tuples(
            st.floats(-10, 10, allow_nan=False),
            st.floats(0, 5, allow_nan=False),
            st.floats(-10, 10) | st.just(math.nan),
            st.sampled_from(list(Polarity)),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_compare_with_benchmark_takes_a_polarity_per_row(
    rows: list[tuple[float, float, float, Polarity]],
) -> None:
    values, halves, benchmarks, polarities = (
        np.array(column) for column in zip(*rows, strict=True)
    )
    interval = Interval(
        value=values,
        lower=values - halves,
        upper=values + halves,
        confidence=0.95,
        method=IntervalMethod.PUBLISHED,
    )
    table = compare_with_benchmark(interval, benchmarks, polarity=polarities)
    for index, (value, half, benchmark, polarity) in enumerate(rows):
        one = Interval(
            value=value,
            lower=value - half,
            upper=value + half,
            confidence=0.95,
            method=IntervalMethod.PUBLISHED,
        )
        assert (
            table.significance[index]
            == compare_with_benchmark(one, benchmark, polarity=polarity).significance.value
        )


@given(
    st.lists(st.integers(0, 200), min_size=1, max_size=30),
    st.floats(0.01, 0.99),
    st.sampled_from(list(Polarity)),
)
def test_codes_name_the_same_labels_as_the_strings(
    numerators: list[int], benchmark: float, polarity: Polarity
) -> None:
    denominators = [200] * len(numerators)
    comparison = compare_proportion_with_benchmark(
        numerators, denominators, benchmark, polarity=polarity
    )
    labels = comparison.labels()
    assert labels.codes.dtype == np.int8
    assert labels.categories == TABLE
    assert labels.decode().tolist() == comparison.significance.tolist()
    # The same comparison built without codes reads them from its strings.
    rebuilt = Comparison(
        significance=comparison.significance,
        benchmark=comparison.benchmark,
        comparator=comparison.comparator,
        polarity=comparison.polarity,
        confidence=comparison.confidence,
        method=comparison.method,
    )
    assert rebuilt == comparison
    assert rebuilt.labels() == labels


def test_missing_is_a_code_of_its_own() -> None:
    labels = compare_rate_with_benchmark(
        np.array([5, None, 50]), [1000, 1000, math.nan], 0.5, per=100
    ).labels()
    not_compared = TABLE.index("not_compared")
    assert labels.codes.tolist() == [TABLE.index("similar"), not_compared, not_compared]
    assert "" not in labels.categories


def test_a_scalar_comparison_has_a_scalar_code() -> None:
    comparison = compare_proportion_with_benchmark(90, 100, 0.5, polarity="lower_is_better")
    assert comparison.significance is Significance.WORSE
    assert comparison.labels().codes.shape == ()
    assert comparison.labels().decode().item() == "worse"


def test_the_categorical_is_built_from_the_codes_and_keeps_every_category() -> None:
    comparison = compare_proportion_with_benchmark(
        np.array([10, 50, 90, None]), [100, 100, 100, 100], 0.5, polarity="higher_is_better"
    )
    column = comparison.labels().categorical()
    assert isinstance(column, pd.Categorical)
    assert list(column.categories) == list(TABLE)
    assert list(column) == ["worse", "similar", "better", "not_compared"]
    assert column.isna().sum() == 0
    from_strings = pd.Categorical(comparison.significance, categories=list(TABLE))
    assert column.equals(from_strings)
    assert comparison.labels().categorical(ordered=True).ordered


def test_from_strings_gives_missing_labels_the_missing_code() -> None:
    table = ("High (0.001)", "Not significant", "Low (0.001)")
    labels = Labels.from_strings(
        np.array([["Low (0.001)", ""], ["High (0.001)", "Not significant"]]), table
    )
    assert labels.categories == (*table, "missing")
    assert labels.codes.tolist() == [[2, 3], [0, 1]]
    with_none = Labels.from_strings(["Not significant", None], table, missing="Not significant")
    assert with_none.categories == table
    assert with_none.codes.tolist() == [1, 1]


def test_from_strings_names_the_row_of_an_unknown_label() -> None:
    with pytest.raises(InvalidInputError, match=r"labels\[2\].*'Hihg'") as caught:
        Labels.from_strings(["better", "worse", "Hihg"], TABLE)
    assert caught.value.field == "labels[2]"
    with pytest.raises(InvalidInputError, match=r"labels\[\(1, 0\)\]"):
        Labels.from_strings([["better"], ["nope"]], TABLE)


def test_a_polarity_per_row_is_refused_at_its_row() -> None:
    with pytest.raises(InvalidInputError, match=r"polarity\[2\]") as caught:
        compare_rate_with_benchmark(
            [5, 6, 7],
            [100, 100, 100],
            5.0,
            per=100,
            polarity=["higher_is_better", "higher_is_better", "up"],
        )
    assert caught.value.value == "up"
    with pytest.raises(InvalidInputError, match=r"polarity\[1\]"):
        compare_proportion_with_benchmark(
            [5, 6], [100, 100], 0.05, polarity=np.array(["no_judgement", None])
        )


def test_a_base_per_row_is_refused_at_its_row() -> None:
    with pytest.raises(InvalidInputError, match=r"per\[3\].*7") as caught:
        compare_rate_with_benchmark([5, 6, 7, 8], [100] * 4, 5.0, per=[100, 100, 1000, 7])
    assert caught.value.field == "per[3]"
    with pytest.raises(InvalidInputError, match=r"per\[1\].*nan"):
        compare_rate_with_benchmark([5, 6], [100, 100], 5.0, per=[100, math.nan])


def test_a_mixed_table_still_names_the_row_of_a_bad_count() -> None:
    with pytest.raises(InvalidInputError, match=r"count\[1\]"):
        compare_rate_with_benchmark([5, -1, 7], [100] * 3, 5.0, per=[100, 1000, 100])


def test_a_base_per_row_must_match_the_table() -> None:
    with pytest.raises(InvalidInputError, match="per of shape"):
        compare_rate_with_benchmark([5, 6, 7], [100] * 3, 5.0, per=[100, 1000])


def test_a_few_spellings_of_a_polarity_go_through_in_one_pass_each() -> None:
    interval = proportion_ci([1] * 70, [10] * 70)
    spellings = [*Polarity, *(member.value for member in Polarity)]
    table = compare_with_benchmark(interval, 0.1, polarity=(spellings * 12)[:70])
    assert table.significance.tolist() == ["similar"] * 70
    assert table.polarity[:3].tolist() == [member.value for member in Polarity]  # type: ignore[union-attr]


def test_more_than_64_spellings_of_a_base_are_refused() -> None:
    # Every mix of upper and lower case of 'percent' names per 100: 128 spellings, one pass each.
    spellings = [
        "".join(
            letter.upper() if bit == "1" else letter
            for letter, bit in zip("percent", f"{n:07b}", strict=True)
        )
        for n in range(128)
    ]
    with pytest.raises(InvalidInputError, match="more than 64 different values") as caught:
        compare_rate_with_benchmark([5] * 128, [100] * 128, 5.0, per=spellings)
    assert caught.value.field == "per"
    assert (
        compare_rate_with_benchmark(
            [5] * 64, [100] * 64, 5.0, per=spellings[:64]
        ).significance.tolist()
        == ["similar"] * 64
    )


def test_a_float_base_per_row_still_warns() -> None:
    with pytest.warns(DeprecationWarning, match=r"per=1000\.0"):
        compare_rate_with_benchmark([5, 6], [100, 100], 5.0, per=[100, 1000.0])


def test_a_scalar_with_a_list_of_polarities_gives_an_array_and_hashes() -> None:
    comparison = compare_proportion_with_benchmark(
        10, 100, 0.5, polarity=["higher_is_better", "lower_is_better"]
    )
    assert comparison.significance.tolist() == ["worse", "better"]
    assert isinstance(hash(comparison), int)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert str(comparison) == "1 better, 1 worse against England, 95% Wilson score"


def test_a_base_per_column_broadcasts_over_a_two_dimensional_table() -> None:
    counts = np.array([[5, 50, 500], [9, 90, 900]])
    denominators = np.full((2, 3), 1_000)
    pers = np.array([[100, 1_000, 10_000]])
    benchmarks = np.array([[0.5, 40.0, 5_000.0]])
    polarities = np.array([["higher_is_better"], ["lower_is_better"]])
    table = compare_rate_with_benchmark(
        counts, denominators, benchmarks, per=pers, polarity=polarities
    )
    assert table.significance.shape == (2, 3)
    for row in range(2):
        for column in range(3):
            one = compare_rate_with_benchmark(
                int(counts[row, column]),
                1_000,
                float(benchmarks[0, column]),
                per=int(pers[0, column]),
                polarity=str(polarities[row, 0]),
            )
            assert table.significance[row, column] == one.significance.value
    assert table.labels().codes.shape == (2, 3)
    assert table.labels().categorical().tolist() == table.significance.reshape(-1).tolist()


def test_an_empty_table_gives_empty_labels() -> None:
    comparison = compare_rate_with_benchmark([], [], 5.0, per=[], polarity=[])
    assert comparison.significance.shape == (0,)
    assert comparison.labels().codes.shape == (0,)
    assert len(comparison.labels().categorical()) == 0


@pytest.mark.parametrize(
    "polarity",
    [
        np.array(["higher_is_better", pd.NA, "higher_is_better"], dtype=object),
        pd.Series(["higher_is_better", pd.NA, "higher_is_better"], dtype="string"),
    ],
)
def test_a_missing_polarity_in_a_column_is_refused_at_its_row(polarity: Any) -> None:  # noqa: ANN401 - an array or a pandas column
    with pytest.raises(InvalidInputError, match=r"polarity\[1\].*<NA>"):
        compare_proportion_with_benchmark(
            [5, 6, 7],
            [100, 100, 100],
            0.5,
            polarity=polarity,
        )


def test_columns_of_bases_and_polarities_are_read_as_columns() -> None:
    table = pd.DataFrame(
        {
            "count": [5, 50, 500],
            "per": pd.Series([100, 1_000, 100], dtype="int64"),
            "polarity": pd.Categorical(["higher_is_better", "lower_is_better", "no_judgement"]),
        }
    )
    comparison = compare_rate_with_benchmark(
        table["count"], 1_000, [0.1, 20.0, 50.0], per=table.per, polarity=table.polarity
    )
    assert comparison.significance.tolist() == ["better", "worse", "similar"]
