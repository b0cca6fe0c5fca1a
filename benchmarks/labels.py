"""Labels for data frames, and mixed tables of indicators, on a million rows.

- Labels: a pandas ``Categorical`` column of the significance built from the string array
  (``pd.Categorical(comparison.significance)``, what a data frame user did before) against one
  built from the codes (``comparison.labels().categorical()``), each as a share of the
  statistics themselves (``compare_rate_with_benchmark``). Goal: the categorical from codes
  costs under a tenth of the statistics.
- Mixed tables: one ``compare_rate_with_benchmark`` call with ``per`` and ``polarity`` given per
  row, against its Python peer, one call per indicator (rows sharing a base and a polarity)
  stitched back together, and against one call per row (timed on a sample and scaled).
  Goal: the one call no slower than 1.5 times the per-indicator calls, and identical labels.

Everything runs in this one process; each figure is the best of several repeats. Run with
``python benchmarks/labels.py [--rows N] [--repeats R]``. pandas is in the ``test`` extra.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
from _timing import best_seconds, rows_and_repeats

from safeguarding_model import Polarity, compare_rate_with_benchmark

_BASES = (100, 1_000, 10_000, 100_000)
_POLARITIES = (Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NO_JUDGEMENT)
_SAMPLE = 2_000


def _per_indicator(
    count: np.ndarray,
    denominator: np.ndarray,
    benchmark: np.ndarray,
    indicator: np.ndarray,
) -> np.ndarray:
    """The peer: one call per indicator (a base and a polarity), stitched back in row order."""
    result = np.empty(count.shape, dtype="<U12")
    for number in range(len(_BASES) * len(_POLARITIES)):
        rows = indicator == number
        result[rows] = compare_rate_with_benchmark(
            count[rows],
            denominator[rows],
            benchmark[rows],
            per=_BASES[number % len(_BASES)],
            polarity=_POLARITIES[number // len(_BASES)],
        ).significance
    return result


def main() -> int:
    """Print each timing and ratio; fail when a goal is missed."""
    options = rows_and_repeats(__doc__)
    rng = np.random.default_rng(2016)
    rows = options.rows
    denominator = rng.integers(1_000, 2_000_000, size=rows).astype(np.float64)
    count = rng.poisson(rng.choice([3.0, 40.0, 400.0, 4_000.0], size=rows)).astype(np.float64)
    count[rng.random(rows) < 0.01] = np.nan  # suppressed figures: not compared
    indicator = rng.integers(0, len(_BASES) * len(_POLARITIES), size=rows)
    per = np.array(_BASES)[indicator % len(_BASES)]
    polarity = np.array([member.value for member in _POLARITIES])[indicator // len(_BASES)]
    benchmark = count / denominator * per * rng.choice([0.8, 1.0, 1.25], size=rows)

    # Labels: one base and polarity, so the statistics are the plain call.
    comparison = compare_rate_with_benchmark(count, denominator, 200.0, per=100_000)
    statistics = best_seconds(
        lambda: compare_rate_with_benchmark(count, denominator, 200.0, per=100_000),
        options.repeats,
    )
    from_strings = best_seconds(lambda: pd.Categorical(comparison.significance), options.repeats)
    from_codes = best_seconds(lambda: comparison.labels().categorical(), options.repeats)
    same = (
        comparison.labels().categorical().astype(str).tolist()
        == pd.Categorical(comparison.significance).astype(str).tolist()
    )

    # Mixed tables.
    mixed = best_seconds(
        lambda: compare_rate_with_benchmark(
            count, denominator, benchmark, per=per, polarity=polarity
        ),
        options.repeats,
    )
    peer = best_seconds(
        lambda: _per_indicator(count, denominator, benchmark, indicator), options.repeats
    )
    one_call = compare_rate_with_benchmark(
        count, denominator, benchmark, per=per, polarity=polarity
    )
    identical = bool(
        np.array_equal(
            one_call.significance, _per_indicator(count, denominator, benchmark, indicator)
        )
    )
    start = time.perf_counter()
    for row in range(_SAMPLE):
        compare_rate_with_benchmark(
            count[row],
            denominator[row],
            benchmark[row],
            per=int(per[row]),
            polarity=str(polarity[row]),
        )
    per_row = (time.perf_counter() - start) / _SAMPLE * rows

    print(f"{rows:,} rows, best of {options.repeats}")
    print(f"  compare_rate_with_benchmark (the statistics) {statistics * 1000:8.1f} ms")
    print(
        f"  pd.Categorical from the strings              {from_strings * 1000:8.1f} ms"
        f"  ({from_strings / statistics:.2f}x the statistics)"
    )
    print(
        f"  labels().categorical() from the codes        {from_codes * 1000:8.1f} ms"
        f"  ({from_codes / statistics:.3f}x the statistics; goal: under 0.1x)"
    )
    print(f"  ratio strings / codes                        {from_strings / from_codes:8.1f}x")
    print(f"  the two categoricals hold the same labels    {same}")
    print(
        f"  mixed table, one call (per, polarity by row) {mixed * 1000:8.1f} ms"
        f"  ({len(_BASES)} bases x {len(_POLARITIES)} polarities)"
    )
    print(f"  peer: one call per indicator, stitched       {peer * 1000:8.1f} ms")
    print(
        f"  ratio one call / per-indicator calls         {mixed / peer:8.2f}x  (goal: at most 1.5x)"
    )
    print(
        f"  peer: one call per row (from {_SAMPLE:,} rows)      {per_row:8.1f} s"
        f"  ({per_row / mixed:,.0f}x the one call)"
    )
    print(f"  one call and per-indicator calls identical   {identical}")
    met = from_codes / statistics < 0.1 and same and mixed / peer <= 1.5 and identical
    print("goals met" if met else "GOAL MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
