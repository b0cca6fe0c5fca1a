"""Timing shared by the benchmarks: the best of several runs after a warm-up."""

import argparse
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


def rows_and_repeats(doc: str | None) -> argparse.Namespace:
    """The options of a benchmark over generated rows: ``--rows`` (1,000,000) and ``--repeats`` (5).

    ``doc`` is the script's docstring; its first line describes the command.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    return parser.parse_args()
