"""Overdispersion's formulas (Spiegelhalter 2005) written again in plain Python, for the tests.

Independent of the package: the tests compare its results with these.
"""

from __future__ import annotations

import math


def percentile(values: list[float], q: float) -> float:
    """R's type 7 (linear) percentile, by hand."""
    ordered = sorted(values)
    h = (len(ordered) - 1) * q
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def dispersion(
    x: list[float], n: list[float], statistic: str, per: float = 1.0
) -> tuple[float, float, float, list[float]]:
    """(target, phi, tau2, standard errors) from the published formulas, in plain Python."""
    target = 1.0 if statistic == "ratio" else per * sum(x) / sum(n)
    if statistic == "proportion":
        se = [math.sqrt(target * (1 - target) / m) for m in n]
    else:
        se = [math.sqrt(target * per / m) for m in n]
    z = [(per * a / m - target) / s for a, m, s in zip(x, n, se, strict=True)]
    low, high = percentile(z, 0.1), percentile(z, 0.9)
    zw = [min(max(v, low), high) for v in z]
    k = len(z)
    phi = sum(v * v for v in zw) / k
    w = [1 / s**2 for s in se]
    tau2 = (
        0.0 if k * phi <= k - 1 else (k * phi - (k - 1)) / (sum(w) - sum(v * v for v in w) / sum(w))
    )
    return target, phi, tau2, se
