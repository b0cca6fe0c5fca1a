"""Recent trend markers of 100,000 series in one call, against a loop of the per-series call.

The series are synthetic, drawn with numpy's seeded generator: five years each, as the profiles
test, with a trend drawn per series (none, slight or steep, either way) so that every marker
occurs; 1% of values are missing.

- proportions: numerators and denominators (the chi-square test for trend);
- other values: values with 95% confidence limits (weighted regression).

``recent_trends`` is timed on all the series (best of ``--repeats`` runs); the loop of
``recent_trend`` — the Python peer, one call per series — on a sample of ``--sample`` series,
scaled to the whole table (a loop's cost grows with its length; a full loop of 100,000 calls
would take about a minute). The sample's results are checked to be identical to the batch's.
Everything runs in this one process. Run with
``python benchmarks/recent_trend_batch.py [--series N] [--sample S] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from _timing import best_seconds

from safeguarding_model.statistics.recent_trend import RecentTrends, recent_trend, recent_trends

YEARS = np.arange(2019, 2024)
GOAL = 50.0
"""How many times faster than the loop the batch call must be."""


def _proportions(rng: np.random.Generator, series: int) -> dict[str, np.ndarray]:
    denominators = rng.integers(50, 20_000, size=(series, 1)) * np.ones(YEARS.size)
    base = rng.uniform(0.05, 0.6, size=(series, 1))
    step = rng.choice([0.0, 0.002, 0.02], size=(series, 1)) * rng.choice([-1, 1], (series, 1))
    share = np.clip(base + step * np.arange(YEARS.size), 0, 1)
    numerators = rng.binomial(denominators.astype(np.int64), share).astype(np.float64)
    numerators[rng.random(numerators.shape) < 0.01] = np.nan
    return {"numerators": numerators, "denominators": denominators}


def _values(rng: np.random.Generator, series: int) -> dict[str, np.ndarray]:
    base = rng.uniform(10, 100, size=(series, 1))
    step = rng.choice([0.0, 0.5, 3.0], size=(series, 1)) * rng.choice([-1, 1], (series, 1))
    values = base + step * np.arange(YEARS.size) + rng.normal(0, 1, size=(series, YEARS.size))
    half = rng.uniform(0.5, 4.0, size=values.shape)
    values[rng.random(values.shape) < 0.01] = np.nan
    return {"values": values, "lower": values - half, "upper": values + half}


def _loop(columns: dict[str, np.ndarray], kind: str, rows: int) -> list[object]:
    return [
        recent_trend(YEARS, **{name: column[i] for name, column in columns.items()}, kind=kind)  # type: ignore[arg-type]
        for i in range(rows)
    ]


def _agree(batch: RecentTrends, loop: list[object]) -> bool:
    return all(batch[i] == trend for i, trend in enumerate(loop))


def main() -> int:
    """Print each timing and ratio; fail when the goal is missed or a result differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--series", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    rng = np.random.default_rng(2016)
    met = True
    print(f"{options.series:,} series × {YEARS.size} years, batch best of {options.repeats}")
    for kind, columns in [
        ("proportion", _proportions(rng, options.series)),
        ("other", _values(rng, options.series)),
    ]:
        batch = best_seconds(
            lambda columns=columns, kind=kind: recent_trends(YEARS, **columns, kind=kind),  # type: ignore[misc]
            options.repeats,
        )
        trends = recent_trends(YEARS, **columns, kind=kind)  # type: ignore[arg-type]
        sample = min(options.sample, options.series)
        _loop(columns, kind, 50)  # warm-up: scipy's import, caches
        start = time.perf_counter()
        loop = _loop(columns, kind, sample)
        per_call = (time.perf_counter() - start) / sample
        scaled = per_call * options.series
        agree = _agree(trends, loop)
        counts = np.bincount(trends.marker_codes, minlength=8)
        print(f"  {kind}")
        print(f"    recent_trends, one call           {batch * 1000:9.1f} ms")
        print(
            f"    loop of recent_trend (scaled)     {scaled * 1000:9.1f} ms"
            f"  ({per_call * 1e6:.1f} µs a call, timed on {sample:,} series)"
        )
        print(
            f"    ratio loop / batch                {scaled / batch:9.1f}x  (goal: at least {GOAL:.0f}x)"
        )
        print(f"    sample identical to the loop      {agree}")
        print(f"    markers (codes 0-7)               {counts.tolist()}")
        met = met and agree and scaled / batch >= GOAL
    print("goals met" if met else "GOAL MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
