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
        labels = funnel_proportion_significance(x, n, average=average)
    elif dataset == "funnel_ratio":
        labels = funnel_ratio_significance(x, n, average=average)
    else:
        labels = funnel_rate_significance(
            x, rate, per=number(rows[0]["multiplier"]), average=average, denominator=n
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
