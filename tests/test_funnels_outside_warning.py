"""The usual funnel labels warn when far more areas are outside the 95% limits than chance allows."""

import math
import warnings

import numpy as np
import pytest

from safeguarding_model import (
    OverdispersionWarning,
    funnel_proportion_significance,
    funnel_rate_significance,
    funnel_ratio_significance,
)


def _binomial_tail(outside: int, k: int, p: float = 0.05) -> float:
    """P(X >= outside) for X ~ Binomial(k, p), summed by hand."""
    return sum(math.comb(k, i) * p**i * (1 - p) ** (k - i) for i in range(outside, k + 1))


def _silent(call: object) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return call()  # type: ignore[operator, no-any-return]


def test_areas_that_differ_warn_with_the_count_outside() -> None:
    rng = np.random.default_rng(3)
    children = rng.integers(2_000, 50_000, size=60)
    true_share = rng.normal(0.3, 0.08, size=60).clip(0.02, 0.9)
    achieved = rng.binomial(children, true_share)
    labels = funnel_proportion_significance(achieved, children, warn=False)
    outside = int((labels != "Not significant").sum())
    assert _binomial_tail(outside, 60) < 0.001  # the independent reason to warn
    with pytest.warns(OverdispersionWarning, match=f"{outside} of 60 areas are outside") as caught:
        warned = funnel_proportion_significance(achieved, children)
    assert warned.tolist() == labels.tolist()
    assert caught[0].filename == __file__  # the warning points at the caller


def test_areas_that_differ_by_chance_alone_do_not_warn() -> None:
    rng = np.random.default_rng(5)
    children = rng.integers(2_000, 50_000, size=200)
    achieved = rng.binomial(children, 0.3)
    labels = _silent(lambda: funnel_proportion_significance(achieved, children))
    outside = int((labels != "Not significant").sum())
    assert _binomial_tail(outside, 200) >= 0.001


def test_the_threshold_is_the_binomial_tail_at_one_in_a_thousand() -> None:
    # 20 areas of 10,000 each; area i has a share far above the average when i < m.
    for m in range(8):
        achieved = [9_000] * m + [5_000] * (20 - m)
        labels = funnel_proportion_significance(achieved, [10_000] * 20, average=0.5, warn=False)
        outside = int((labels != "Not significant").sum())
        assert outside == m
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            funnel_proportion_significance(achieved, [10_000] * 20, average=0.5)
        assert bool(caught) == (_binomial_tail(m, 20) < 0.001), m


def test_fewer_than_ten_areas_never_warn() -> None:
    labels = _silent(lambda: funnel_ratio_significance([300] * 9, [100.0] * 9))
    assert set(labels.tolist()) == {"High (0.001)"}


def test_each_kind_warns_and_warn_false_is_silent() -> None:
    observed, expected = [300] * 12, [100.0] * 12
    with pytest.warns(OverdispersionWarning, match="12 of 12"):
        funnel_ratio_significance(observed, expected)
    counts = [50, 400] * 6
    rates = [10.0, 80.0] * 6
    with pytest.warns(OverdispersionWarning, match="12 of 12"):
        funnel_rate_significance(counts, rates, per=10_000)
    _silent(lambda: funnel_rate_significance(counts, rates, per=10_000, warn=False))
    _silent(lambda: funnel_ratio_significance(observed, expected, warn=False))


def test_missing_and_not_applicable_areas_are_not_counted() -> None:
    # Eight areas far off and many missing or under 10 events (DSR): fewer than 10 labelled.
    counts = [400] * 4 + [40] * 4 + [5] * 10 + [math.nan] * 10
    rates = [80.0] * 4 + [8.0] * 4 + [1.0] * 10 + [1.0] * 10
    labels = _silent(lambda: funnel_rate_significance(counts, rates, per=10_000, rate_type="dsr"))
    assert (labels == "Not applicable for events less than 10 for dsrs").sum() == 10
    assert (labels == "").sum() == 10
