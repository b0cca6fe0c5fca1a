"""Speed of the standardised figures for every area of England in one call.

``dsr_ci``, ``isratio_ci`` and ``israte_ci`` take a 2-D table of areas x age bands and return one
interval per area. This script times 10,000 areas x 19 age bands (the European Standard
Population's bands) in one call against the Python peer, the same function called once per area
in a loop, and prints both with their ratio. The goals come from PHEindicatormethods 2.1.0 on
this machine class: ``phe_dsr`` took 4,497 ms and ``calculate_ISRatio`` 3,407 ms for the same
table, and the grouped calls should be at least 50 times faster (under about 90 ms and 68 ms).

Everything runs in this one process; each figure is the best of several repeats after a warm-up.
Run with ``python benchmarks/grouped_standardised.py [--areas N] [--repeats R]``.
"""

from __future__ import annotations

import argparse

import numpy as np
from _timing import best_seconds

from safeguarding_model import dsr_ci, israte_ci, isratio_ci

BANDS = 19
"""Age bands of the European Standard Population 2013 (0-4, 5-9, ..., 90+)."""

ESP_2013 = np.array(
    [
        *(5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000),
        *(7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000),
    ],
    dtype=np.float64,
)
"""The European Standard Population 2013, per 100,000."""

R_PHE_DSR_MS = 4_497.0
"""PHEindicatormethods ``phe_dsr``, 10,000 areas x 19 bands (milliseconds, best of 15)."""

R_CALCULATE_ISRATIO_MS = 3_407.0
"""PHEindicatormethods ``calculate_ISRatio``, the same table (milliseconds, best of 15)."""

GOAL = 50.0
"""How many times faster than R the grouped call should be."""


def main() -> int:
    """Print each timing and ratio; fail when a goal is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--loop-repeats", type=int, default=3)
    options = parser.parse_args()
    rng = np.random.default_rng(2013)
    areas = options.areas
    populations = rng.integers(500, 20_000, size=(areas, BANDS)).astype(np.float64)
    reference_populations = rng.integers(1_000_000, 4_000_000, size=BANDS).astype(np.float64)
    band_rates = np.geomspace(2e-4, 2e-2, BANDS)
    reference_counts = np.floor(reference_populations * band_rates)
    # Events from Poisson draws around the reference rates, with areas from 0.5x to 2x England.
    level = rng.uniform(0.5, 2.0, size=(areas, 1))
    counts = rng.poisson(populations * band_rates * level).astype(np.float64)
    rows = list(zip(counts, populations, strict=True))

    def dsr_grouped() -> object:
        return dsr_ci(counts, populations, ESP_2013, per=100_000)

    def dsr_loop() -> object:
        return [dsr_ci(x, n, ESP_2013, per=100_000) for x, n in rows]

    def ratio_grouped() -> object:
        return isratio_ci(counts, populations, reference_counts, reference_populations)

    def ratio_loop() -> object:
        return [isratio_ci(x, n, reference_counts, reference_populations) for x, n in rows]

    def rate_grouped() -> object:
        return israte_ci(counts, populations, reference_counts, reference_populations, per=100_000)

    def rate_loop() -> object:
        return [
            israte_ci(x, n, reference_counts, reference_populations, per=100_000) for x, n in rows
        ]

    print(
        f"{areas:,} areas x {BANDS} age bands, best of {options.repeats} (loops: best of"
        f" {options.loop_repeats}); R: PHEindicatormethods 2.1.0, best of 15"
    )
    failed = False
    for name, grouped, loop, r_ms in (
        ("dsr_ci", dsr_grouped, dsr_loop, R_PHE_DSR_MS),
        ("isratio_ci", ratio_grouped, ratio_loop, R_CALCULATE_ISRATIO_MS),
        ("israte_ci", rate_grouped, rate_loop, R_CALCULATE_ISRATIO_MS),
    ):
        ours = best_seconds(grouped, options.repeats) * 1_000
        peer = best_seconds(loop, options.loop_repeats) * 1_000
        goal = r_ms / GOAL
        met = ours <= goal * areas / 10_000
        failed |= not met
        print(
            f"{name:<11} grouped {ours:8.1f} ms | per-area loop {peer:9.1f} ms"
            f" ({peer / ours:5.1f}x) | R {r_ms:7,.0f} ms ({r_ms / ours:5.1f}x)"
            f" | goal <= {goal:.0f} ms: {'met' if met else 'MISSED'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
