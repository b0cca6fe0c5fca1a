"""Speed of the interval functions on a million rows, against the tools analysts use today.

- ``proportion_ci`` against statsmodels' Wilson interval (``proportion_confint(method="wilson")``);
  goal: no slower.
- ``rate_ci`` against the exact Poisson interval computed with scipy for every row
  (``scipy.stats.chi2.ppf``); goal: at least 10 times faster. ``rate_ci`` uses exact limits only
  below 10 events and Byar's approximation above, as the public-health method prescribes.
- ``compare_rate_with_benchmark`` on the same rows, for the whole "every area against England"
  question.

Everything runs in this one process; each figure is the best of several repeats. Run with
``python benchmarks/significance.py [--rows N] [--repeats R]``. statsmodels is in the ``test``
extra.
"""

from __future__ import annotations

import numpy as np
from _timing import best_seconds, rows_and_repeats
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from safeguarding_model import compare_rate_with_benchmark, proportion_ci, rate_ci


def _exact_everywhere(
    count: np.ndarray, denominator: np.ndarray, per: float
) -> tuple[np.ndarray, np.ndarray]:
    alpha = 0.05
    lower = np.where(count == 0, 0.0, stats.chi2.ppf(alpha / 2, 2 * count) / 2)
    upper = stats.chi2.ppf(1 - alpha / 2, 2 * count + 2) / 2
    return lower / denominator * per, upper / denominator * per


def main() -> int:
    """Print each timing and ratio; fail when a goal is missed."""
    options = rows_and_repeats(__doc__)
    rng = np.random.default_rng(2016)
    rows = options.rows
    denominator = rng.integers(1_000, 2_000_000, size=rows).astype(np.float64)
    numerator = np.floor(rng.random(rows) * denominator)
    # Rates with the spread of real indicators: mostly tens to thousands of events, some under 10.
    count = rng.poisson(rng.choice([3.0, 40.0, 400.0, 4_000.0], size=rows)).astype(np.float64)

    ours_p = best_seconds(lambda: proportion_ci(numerator, denominator), options.repeats)
    theirs_p = best_seconds(
        lambda: proportion_confint(numerator, denominator, alpha=0.05, method="wilson"),
        options.repeats,
    )
    ours_r = best_seconds(lambda: rate_ci(count, denominator, per=100_000), options.repeats)
    theirs_r = best_seconds(lambda: _exact_everywhere(count, denominator, 100_000), options.repeats)
    compare = best_seconds(
        lambda: compare_rate_with_benchmark(count, denominator, 200.0, per=100_000), options.repeats
    )

    ours = rate_ci(count, denominator, per=100_000)
    small = count < 10
    exact_lower, exact_upper = _exact_everywhere(count, denominator, 100_000)
    agree = np.allclose(ours.lower[small], exact_lower[small], rtol=1e-12) and np.allclose(
        ours.upper[small], exact_upper[small], rtol=1e-12
    )

    print(f"{rows:,} rows, best of {options.repeats}")
    print(f"  proportion_ci (Wilson)           {ours_p * 1000:8.1f} ms")
    print(f"  statsmodels proportion_confint   {theirs_p * 1000:8.1f} ms")
    print(f"  ratio statsmodels / ours         {theirs_p / ours_p:8.2f}x  (goal: at least 1x)")
    print(
        f"  rate_ci (Byar's, exact below 10) {ours_r * 1000:8.1f} ms  ({int(small.sum()):,} rows exact)"
    )
    print(f"  scipy exact Poisson, every row   {theirs_r * 1000:8.1f} ms")
    print(f"  ratio scipy / ours               {theirs_r / ours_r:8.2f}x  (goal: at least 10x)")
    print(f"  rows under 10 agree with exact   {agree}")
    print(f"  compare_rate_with_benchmark      {compare * 1000:8.1f} ms")
    met = theirs_p / ours_p >= 1 and theirs_r / ours_r >= 10 and agree
    print("goals met" if met else "GOAL MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
