import math
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reference import number, read_reference
from safeguarding_model import (
    FunnelSignificance,
    InvalidInputError,
    funnel_proportion_significance,
    funnel_rate_significance,
    funnel_ratio_significance,
    proportion_funnel_limits,
)

ROWS = read_reference("phe_funnel_significance_reference.csv")
DATASETS: dict[str, list[dict[str, str]]] = defaultdict(list)
for _row in ROWS:
    DATASETS[_row["dataset"]].append(_row)


@pytest.mark.parametrize("dataset", sorted(DATASETS))
def test_every_reference_label(dataset: str) -> None:
    rows = DATASETS[dataset]
    x = np.array([number(r["numerator"]) for r in rows])
    n = np.array([number(r["denominator"]) for r in rows])
    rate = np.array([number(r["rate"]) for r in rows])
    average = number(rows[0]["comparator_average"])
    if dataset == "funnel_prop":
        labels = funnel_proportion_significance(x, n, average=average, warn=False)
    elif dataset == "funnel_ratio":
        labels = funnel_ratio_significance(x, n, average=average, warn=False)
    else:
        labels = funnel_rate_significance(
            x,
            rate,
            per=int(number(rows[0]["multiplier"])),
            average=average,
            denominator=n,
            warn=False,  # the reference sets are overdispersed; the warning has its own tests
        )
    assert labels.tolist() == [r["expected_label"] for r in rows]


def test_all_rows_are_checked() -> None:
    assert sum(len(rows) for rows in DATASETS.values()) == len(ROWS) == 439


def test_pooled_average_by_default() -> None:
    labels = funnel_proportion_significance([40, 90, 300, math.nan], [100, 100, 1000, 100])
    assert labels.tolist() == ["Not significant", "High (0.001)", "Low (0.001)", ""]


@given(st.integers(min_value=10, max_value=10**7), st.floats(min_value=0.01, max_value=0.99))
def test_limits_contain_the_average_and_narrow(n: int, average: float) -> None:
    low, high = proportion_funnel_limits([n, n * 4], average)
    wide_low, wide_high = proportion_funnel_limits([n], average, confidence=0.998)
    assert low[0] <= average <= high[0]
    assert high[1] - low[1] <= high[0] - low[0]
    assert wide_low[0] <= low[0]
    assert high[0] <= wide_high[0]


def test_misuse() -> None:
    with pytest.raises(InvalidInputError, match="numerator"):
        funnel_proportion_significance([5], [4])
    with pytest.raises(InvalidInputError, match="expected"):
        funnel_ratio_significance([5], [0])
    with pytest.raises(InvalidInputError, match="rate"):
        funnel_rate_significance([5], [-1], per=100)
    assert FunnelSignificance.LOW_998.value == "Low (0.001)"


def test_masked_entries_give_an_empty_label() -> None:
    numerators = np.ma.masked_array([40, 90, 10**20], mask=[False, False, True])
    labels = funnel_proportion_significance(numerators, [100, 100, 1000], average=0.4)
    assert labels.tolist() == ["Not significant", "High (0.001)", ""]


def test_all_missing_gives_empty_labels_without_warnings() -> None:
    assert funnel_proportion_significance([None, None], [10, 10]).tolist() == ["", ""]  # type: ignore[arg-type]
    assert funnel_proportion_significance([], []).tolist() == []
    assert funnel_rate_significance([None], [5.0], per=1000).tolist() == [""]  # type: ignore[arg-type]


def test_shapes_that_do_not_broadcast_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"^numerator and denominator: "):
        funnel_proportion_significance([1, 2, 3], [10, 20])
    with pytest.raises(InvalidInputError, match=r"^observed and expected: "):
        funnel_ratio_significance([1, 2, 3], [10.0, 20.0])
    with pytest.raises(InvalidInputError, match="denominator"):
        funnel_rate_significance([1, 2], [5.0, 6.0], per=1000, denominator=[1, 2, 3])


@pytest.mark.parametrize("average", ["0.5", float("nan"), 10**400, True, -1])
def test_bad_averages_are_refused(average: object) -> None:
    for call in (
        lambda: funnel_proportion_significance([1], [10], average=average),  # type: ignore[arg-type]
        lambda: proportion_funnel_limits([10], average),  # type: ignore[arg-type]
        lambda: funnel_ratio_significance([1], [2.0], average=average),  # type: ignore[arg-type]
        lambda: funnel_rate_significance([1], [2.0], per=1000, average=average),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInputError, match=r"^average: "):
            call()


def test_no_average_is_refused_where_one_is_required() -> None:
    # None means "the pooled average" for proportions and rates; limits and ratios need one.
    with pytest.raises(InvalidInputError, match=r"^average: "):
        proportion_funnel_limits([10], None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"^average: "):
        funnel_ratio_significance([1], [2.0], average=None)  # type: ignore[arg-type]


def test_bases_and_denominators_are_checked() -> None:
    with pytest.raises(InvalidInputError, match=r"^per: "):
        funnel_rate_significance([1], [2.0], per="1,000 pounds")
    with pytest.raises(InvalidInputError, match=r"^denominator\[0\]: "):
        proportion_funnel_limits([0, 10], 0.5)
    with pytest.raises(InvalidInputError, match=r"counts below 2\*\*53"):
        funnel_ratio_significance([2**53], [1.0])
