"""The 150-area how-to (docs/how-to/grade-many-areas.md) against an independent computation.

The areas are made exactly as the how-to makes them; every interval, label and count is then
computed again here from the published formulas in plain Python (``math`` and
``statistics.NormalDist``), not with the package's functions, and compared area by area.
"""

import math
import statistics
from collections import Counter

import numpy as np
import pytest

import safeguarding_model as sm
from by_hand import dispersion
from safeguarding_model.statistics.funnels import (
    funnel_dispersion,
    funnel_overdispersed_significance,
    overdispersed_funnel_limits,
)
from safeguarding_model.statistics.significance import compare_at_levels

PER = 10_000
ENGLAND = 70.0
LEVELS = {0.95: "95%", 0.998: "99.8%"}


def _z(confidence: float) -> float:
    return statistics.NormalDist().inv_cdf(1 - (1 - confidence) / 2)


def _areas() -> tuple[list[int], list[int]]:
    """The how-to's 150 made-up areas: (children, children looked after)."""
    rng = np.random.default_rng(17)
    children = rng.integers(10_000, 300_000, size=150)
    true_rate = rng.normal(70, 15, size=150).clip(20)
    looked_after = rng.poisson(children * true_rate / 10_000)
    return [int(n) for n in children], [int(x) for x in looked_after]


CHILDREN, LOOKED_AFTER = _areas()


def _wilson(x: int, n: int, confidence: float) -> tuple[float, float]:
    """Wilson's score interval of x/n, per 10,000."""
    z = _z(confidence)
    p = x / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return PER * (centre - half), PER * (centre + half)


def _two_level_label(x: int, n: int) -> str:
    for confidence in (0.998, 0.95):
        low, high = _wilson(x, n, confidence)
        if low > ENGLAND:
            return f"Higher {LEVELS[confidence]}"
        if high < ENGLAND:
            return f"Lower {LEVELS[confidence]}"
    return "Similar"


def _byar(observed: int, confidence: float) -> tuple[float, float]:
    """Byar's limits for a count (every count here is at least 10)."""
    z = _z(confidence)
    o = observed
    lower = o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lower, upper


def _usual_label(o: int, expected: float) -> str:
    for confidence, tail in ((0.998, "0.001"), (0.95, "0.025")):
        lower, upper = _byar(o, confidence)
        if lower / expected > 1:
            return f"High ({tail})"
        if upper / expected < 1:
            return f"Low ({tail})"
    return "Not significant"


def _dispersion() -> tuple[float, float, float, list[float]]:
    """(average per 10,000, phi, tau², each area's standard error per 10,000)."""
    return dispersion(
        [float(o) for o in LOOKED_AFTER], [float(n) for n in CHILDREN], "rate", float(PER)
    )


def _adjusted_label(rate: float, target: float, s: float, tau2: float) -> str:
    for confidence, tail in ((0.998, "0.001"), (0.95, "0.025")):
        half = _z(confidence) * math.sqrt(s * s + tau2)
        if rate > target + half:
            return f"High ({tail})"
        if rate < target - half:
            return f"Low ({tail})"
    return "Not significant"


def test_the_areas_are_the_how_tos() -> None:
    assert CHILDREN[:3] == [224879, 255071, 41128]
    assert LOOKED_AFTER[:3] == [980, 2403, 233]
    assert min(LOOKED_AFTER) >= 10  # Byar's formula holds for every area


def test_intervals_per_10000_area_by_area() -> None:
    for confidence in LEVELS:
        found = sm.proportion_ci(LOOKED_AFTER, CHILDREN, per=PER, confidence=confidence)
        for area, (x, n) in enumerate(zip(LOOKED_AFTER, CHILDREN, strict=True)):
            low, high = _wilson(x, n, confidence)
            assert found.value[area] == pytest.approx(PER * x / n, rel=1e-12)
            assert found.lower[area] == pytest.approx(low, rel=1e-9)
            assert found.upper[area] == pytest.approx(high, rel=1e-9)


def test_two_level_labels_area_by_area() -> None:
    graded = compare_at_levels(LOOKED_AFTER, CHILDREN, ENGLAND, interval="wilson", per=PER)
    expected = [_two_level_label(x, n) for x, n in zip(LOOKED_AFTER, CHILDREN, strict=True)]
    assert graded.label.tolist() == expected
    assert Counter(expected) == {
        "Similar": 45,
        "Higher 99.8%": 43,
        "Higher 95%": 9,
        "Lower 95%": 9,
        "Lower 99.8%": 44,
    }


def test_usual_funnel_labels_area_by_area() -> None:
    rates = [PER * o / n for o, n in zip(LOOKED_AFTER, CHILDREN, strict=True)]
    average = PER * sum(LOOKED_AFTER) / sum(CHILDREN)
    expected = [
        _usual_label(o, n * average / PER) for o, n in zip(LOOKED_AFTER, CHILDREN, strict=True)
    ]
    with pytest.warns(sm.OverdispersionWarning, match="106 of 150 areas are outside"):
        found = sm.funnel_rate_significance(LOOKED_AFTER, rates, per=PER)
    assert found.tolist() == expected
    outside_95 = sum(label != "Not significant" for label in expected)
    outside_998 = sum(label.endswith("(0.001)") for label in expected)
    assert (outside_95, outside_998) == (106, 88)


def test_dispersion_and_adjusted_labels_area_by_area() -> None:
    target, phi, tau2, se = _dispersion()
    spread = funnel_dispersion(LOOKED_AFTER, CHILDREN, statistic="rate", per=PER, warn=False)
    assert spread.target == pytest.approx(target, rel=1e-12)
    assert spread.phi == pytest.approx(phi, rel=1e-10)
    assert spread.tau2 == pytest.approx(tau2, rel=1e-10)
    assert (round(phi, 1), round(math.sqrt(tau2), 1)) == (32.1, 12.1)
    assert phi > 1 + 2 * math.sqrt(2 / 150)
    assert spread.overdispersed
    for confidence in LEVELS:
        low, high = overdispersed_funnel_limits(CHILDREN, spread, confidence=confidence)
        for area, s in enumerate(se):
            half = _z(confidence) * math.sqrt(s * s + tau2)
            assert low[area] == pytest.approx(target - half, rel=1e-9)
            assert high[area] == pytest.approx(target + half, rel=1e-9)
    expected = [
        _adjusted_label(PER * o / n, target, s, tau2)
        for o, n, s in zip(LOOKED_AFTER, CHILDREN, se, strict=True)
    ]
    found = funnel_overdispersed_significance(LOOKED_AFTER, CHILDREN, dispersion=spread)
    assert found.tolist() == expected
    outside_95 = sum(label != "Not significant" for label in expected)
    outside_998 = sum(label.endswith("(0.001)") for label in expected)
    assert (outside_95, outside_998) == (21, 0)


def test_the_how_to_warns_without_warn_false() -> None:
    from safeguarding_model.statistics.funnels import OverdispersionWarning  # noqa: PLC0415

    with pytest.warns(OverdispersionWarning, match="150 areas"):
        funnel_dispersion(LOOKED_AFTER, CHILDREN, statistic="rate", per=PER)
