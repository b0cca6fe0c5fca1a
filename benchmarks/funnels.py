"""Speed of the funnel limits, and how many labels the method's proportion limits change.

- ``ratio_funnel_limits`` on a million observed counts against its Python peer, the same
  function called once per count (timed on a sample and scaled to a million).
- ``rate_funnel_limits`` and ``proportion_funnel_limits`` on the same million rows.
- ``funnel_limits_table`` for each statistic (the 100-point plotting table).
- The proportion labels of 10,000 random areas by the method's limits
  (``p̄ ± z·√(p̄(1 − p̄)/n)``) against the earlier curve (the Wilson interval of ``p̄``): how
  many labels differ.

Everything runs in this one process; each figure is the best of several repeats. Run with
``python benchmarks/funnels.py [--rows N] [--repeats R]``.
"""

from __future__ import annotations

import numpy as np
from _timing import best_seconds, rows_and_repeats
from scipy.special import ndtri

from safeguarding_model import (
    funnel_limits_table,
    funnel_proportion_significance,
    proportion_funnel_limits,
    rate_funnel_limits,
    ratio_funnel_limits,
)

_PEER_SAMPLE = 2_000


def _wilson_of_average(n: np.ndarray, average: float, z: float) -> tuple[np.ndarray, np.ndarray]:
    """The earlier, wrong curve: the Wilson interval of the average at each denominator."""
    expected = n * average
    a = 2 * expected + z * z
    b = z * np.sqrt(z * z + 4 * expected * (1 - expected / n))
    c = 2 * (n + z * z)
    return (a - b) / c, (a + b) / c


def _old_labels(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    average = float(x.sum() / n.sum())
    p = x / n
    labels = np.full(x.shape, "Not significant", dtype="<U16")
    for confidence, tag in ((0.95, "0.025"), (0.998, "0.001")):
        low, high = _wilson_of_average(n, average, float(ndtri(1 - (1 - confidence) / 2)))
        labels[p < low] = f"Low ({tag})"
        labels[p > high] = f"High ({tag})"
    return labels


def main() -> int:
    """Print each timing, ratio and count."""
    options = rows_and_repeats(__doc__)
    rng = np.random.default_rng(2016)
    rows = options.rows
    observed = rng.poisson(rng.choice([3.0, 40.0, 400.0, 4_000.0], size=rows)).astype(np.float64)

    ours = best_seconds(lambda: ratio_funnel_limits(observed), options.repeats)
    sample = observed[:_PEER_SAMPLE]
    peer = best_seconds(lambda: [ratio_funnel_limits([o]) for o in sample], 1)
    peer_scaled = peer * rows / _PEER_SAMPLE
    print(f"ratio_funnel_limits, {rows:,} counts: {ours * 1e3:.1f} ms")
    print(
        f"  per-count calls (timed on {_PEER_SAMPLE:,}, scaled): {peer_scaled * 1e3:,.0f} ms"
        f" -> {peer_scaled / ours:,.0f}x faster"
    )
    rate = best_seconds(
        lambda: rate_funnel_limits(observed, 116.17, per=100_000, years_of_data=3),
        options.repeats,
    )
    print(f"rate_funnel_limits, {rows:,} counts: {rate * 1e3:.1f} ms")
    n = rng.integers(20, 200_000, size=rows).astype(np.float64)
    proportion = best_seconds(lambda: proportion_funnel_limits(n, 0.3), options.repeats)
    print(f"proportion_funnel_limits, {rows:,} denominators: {proportion * 1e3:.1f} ms")
    tables = {
        "proportion": lambda: funnel_limits_table("proportion", [1, 10_000], average=0.3),
        "ratio": lambda: funnel_limits_table("ratio", [1, 10_000]),
        "rate": lambda: funnel_limits_table("rate", [1, 10_000], average=116.17, per=100_000),
    }
    for statistic, work in tables.items():
        table = best_seconds(work, options.repeats)
        print(f"funnel_limits_table({statistic!r}): {table * 1e3:.2f} ms")

    areas = 10_000
    sizes = rng.integers(50, 5_000, size=areas).astype(np.float64)
    counts = rng.binomial(sizes.astype(np.int64), rng.uniform(0.25, 0.35, size=areas)).astype(
        np.float64
    )
    new = funnel_proportion_significance(counts, sizes, warn=False)  # overdispersed on purpose
    old = _old_labels(counts, sizes)
    print(
        f"proportion labels of {areas:,} random areas that the method's limits change: "
        f"{int((new != old).sum())}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
