"""Overdispersion (Spiegelhalter 2005): the package against the formulas written again here."""

import math
import statistics
import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from by_hand import dispersion
from safeguarding_model import InvalidInputError, proportion_funnel_limits
from safeguarding_model.statistics.funnels import (
    Dispersion,
    DispersionStatistic,
    OverdispersionWarning,
    funnel_dispersion,
    funnel_overdispersed_significance,
    overdispersed_funnel_limits,
)

Z95 = statistics.NormalDist().inv_cdf(0.975)
Z998 = statistics.NormalDist().inv_cdf(0.999)


def _areas(seed: int, k: int = 150) -> tuple[list[float], list[float]]:
    rng = np.random.default_rng(seed)
    children = rng.integers(5_000, 150_000, size=k)
    true_rate = rng.normal(70, 18, size=k).clip(5) / 10_000
    looked_after = rng.poisson(children * true_rate)
    return [float(v) for v in looked_after], [float(v) for v in children]


@pytest.mark.parametrize("statistic", ["proportion", "rate", "ratio"])
def test_phi_and_tau2_match_the_formulas(statistic: DispersionStatistic) -> None:
    x, n = _areas(7)
    per = 10_000.0 if statistic == "rate" else 1.0
    if statistic == "ratio":  # observed against expected events at England's rate
        n = [m * 0.0069 for m in n]
    target, phi, tau2, se = dispersion(x, n, statistic, per)
    with pytest.warns(OverdispersionWarning, match=r"150 areas vary more than chance allows"):
        spread = funnel_dispersion(
            x, n, statistic=statistic, per=10_000 if statistic == "rate" else None
        )
    assert spread.areas == 150
    assert spread.target == pytest.approx(target, rel=1e-12)
    assert spread.phi == pytest.approx(phi, rel=1e-10)
    assert spread.tau2 == pytest.approx(tau2, rel=1e-10)
    assert spread.overdispersed
    assert spread.threshold == pytest.approx(1 + 2 * math.sqrt(2 / 150))
    for confidence, z in ((0.95, Z95), (0.998, Z998)):
        low, high = overdispersed_funnel_limits(n, spread, confidence=confidence)
        for m, s, lo, hi in zip(n, se, low, high, strict=True):
            half = z * math.sqrt(s**2 + tau2)
            top = 1.0 if statistic == "proportion" else math.inf
            assert lo == pytest.approx(min(max(target - half, 0.0), top), rel=1e-9, abs=1e-12), m
            assert hi == pytest.approx(min(target + half, top), rel=1e-9), m


def test_count_scale_z_scores_for_rates() -> None:
    spread = funnel_dispersion([30, 80], [10_000, 10_000], statistic="rate", per=10_000, warn=False)
    expected = 10_000 * 55 / 10_000  # E = n · target / per
    assert spread.target == 55.0
    assert spread.z_scores.tolist() == pytest.approx(
        [(30 - 55) / math.sqrt(expected), (80 - 55) / math.sqrt(expected)]
    )


def test_labels_against_the_adjusted_limits_one_by_one() -> None:
    x, n = _areas(11)
    target, _, tau2, se = dispersion(x, n, "rate", 10_000)
    labels = funnel_overdispersed_significance(x, n, statistic="rate", per=10_000)
    for a, m, s, label in zip(x, n, se, labels.tolist(), strict=True):
        rate = 10_000 * a / m
        wide = Z998 * math.sqrt(s**2 + tau2)
        narrow = Z95 * math.sqrt(s**2 + tau2)
        if rate > target + wide:
            want = "High (0.001)"
        elif rate < target - wide:
            want = "Low (0.001)"
        elif rate > target + narrow:
            want = "High (0.025)"
        elif rate < target - narrow:
            want = "Low (0.025)"
        else:
            want = "Not significant"
        assert label == want


def test_fewer_areas_outside_adjusted_limits_than_unadjusted() -> None:
    x, n = _areas(3)
    spread = funnel_dispersion(x, n, statistic="rate", per=10_000, warn=False)
    rates = 10_000 * np.array(x) / np.array(n)
    low, high = overdispersed_funnel_limits(n, spread)
    plain = Dispersion(
        "rate", spread.target, 10_000.0, spread.z_scores, spread.winsorised, 1.0, 0.0, 150
    )
    plain_low, plain_high = overdispersed_funnel_limits(n, plain)
    outside_adjusted = int(((rates < low) | (rates > high)).sum())
    outside_plain = int(((rates < plain_low) | (rates > plain_high)).sum())
    assert outside_adjusted < outside_plain
    assert outside_plain > 75  # most areas: why the adjustment exists


def test_missing_areas_are_left_out_and_labelled_empty() -> None:
    x = [10.0, math.nan, 30.0, 20.0]
    n = [1000.0, 1000.0, 1000.0, 1000.0]
    spread = funnel_dispersion(x, n, warn=False)
    assert spread.areas == 3
    assert math.isnan(spread.z_scores[1])
    assert spread.target == pytest.approx(60 / 3000)
    assert funnel_overdispersed_significance(x, n)[1] == ""


def test_the_warning_names_phi_and_the_threshold_and_can_be_turned_off() -> None:
    x = [10, 90, 50, 20, 80, 40, 60, 30]
    with pytest.warns(OverdispersionWarning, match=r"phi = \S+ is above 1 \+ 2·√\(2/k\) = 2"):
        funnel_dispersion(x, [1000] * 8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert funnel_dispersion(x, [1000] * 8, warn=False).overdispersed


def test_a_given_dispersion_is_used() -> None:
    x, n = _areas(5)
    wide = funnel_dispersion(x, n, statistic="rate", per=10_000, warn=False)
    labels = funnel_overdispersed_significance(x[:10], n[:10], dispersion=wide)
    low, high = overdispersed_funnel_limits(n[:10], wide)
    rates = 10_000 * np.array(x[:10]) / np.array(n[:10])
    inside = (rates >= low) & (rates <= high)
    assert ((labels == "Not significant") == inside).all()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"statistic": "mean"}, "statistic"),
        ({"statistic": "rate"}, "per"),
        ({"average": 1.0}, "average"),
        ({"winsorise": 0.5}, "winsorise"),
    ],
)
def test_refusals_name_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        funnel_dispersion([1, 2], [10, 10], **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_one_area_is_not_enough() -> None:
    with pytest.raises(InvalidInputError, match="at least two areas"):
        funnel_dispersion([1, math.nan], [10, 10])


def test_a_pooled_proportion_of_zero_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="strictly between 0 and 1"):
        funnel_dispersion([0, 0], [10, 10])


counts = st.lists(st.integers(min_value=1, max_value=5_000), min_size=2, max_size=40)


@given(counts, st.integers(min_value=0, max_value=2**32 - 1))
def test_tau2_is_never_negative_and_adjusted_limits_contain_the_unadjusted(
    sizes: list[int], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    n = np.array(sizes, dtype=float) * 10
    x = rng.binomial(n.astype(int), rng.uniform(0.05, 0.95, size=n.size)).astype(float)
    if x.sum() in {0.0, n.sum()}:
        return
    spread = funnel_dispersion(x, n, warn=False)
    assert spread.tau2 >= 0
    assert spread.phi >= 0
    for confidence in (0.95, 0.998):
        low, high = overdispersed_funnel_limits(n, spread, confidence=confidence)
        plain_low, plain_high = proportion_funnel_limits(n, spread.target, confidence=confidence)
        assert (low <= plain_low + 1e-12).all()
        assert (high >= plain_high - 1e-12).all()


@given(
    st.lists(st.integers(min_value=1, max_value=2_000), min_size=2, max_size=40),
    st.integers(min_value=1, max_value=50),
)
def test_tau2_is_zero_when_every_area_is_on_the_target(sizes: list[int], per_hundred: int) -> None:
    # Every area's count is exactly its share: all z-scores are 0.
    n = [100 * size for size in sizes]
    x = [per_hundred * size for size in sizes]
    kinds: tuple[DispersionStatistic, ...] = ("proportion", "rate")
    for statistic in kinds:
        spread = funnel_dispersion(x, n, statistic=statistic, per=100, warn=False)
        assert spread.tau2 == 0.0
        assert spread.phi == pytest.approx(0.0, abs=1e-20)
        assert not spread.overdispersed
        assert set(
            funnel_overdispersed_significance(x, n, statistic=statistic, per=100).tolist()
        ) == {"Not significant"}


def test_areas_differing_by_chance_alone_give_a_winsorised_phi_of_about_068() -> None:
    # The documented figure: the mean square of normal scores winsorised at 10% and 90%.
    cut = statistics.NormalDist().inv_cdf(0.9)
    density = statistics.NormalDist().pdf(cut)
    theory = (0.8 - 2 * cut * density) + 0.2 * cut * cut
    assert theory == pytest.approx(0.68, abs=0.005)
    rng = np.random.default_rng(2005)
    children = rng.integers(20_000, 300_000, size=20_000)
    looked_after = rng.poisson(children * 70 / 10_000)
    spread = funnel_dispersion(looked_after, children, statistic="rate", per=10_000)
    assert spread.phi == pytest.approx(theory, abs=0.03)
    assert spread.tau2 == 0.0
    assert not spread.overdispersed
