"""Timing shared by the benchmarks: the best of several runs after a warm-up."""

import time
from collections.abc import Callable


def best_seconds(work: Callable[[], object], repeats: int) -> float:
    """The shortest of ``repeats`` timed runs of ``work``, after one untimed warm-up run."""
    work()  # warm-up: imports, caches
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best
