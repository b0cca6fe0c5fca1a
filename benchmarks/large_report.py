"""Loading and checking large reports: time grows with the observations in (near) linear time.

A synthetic report of ``N`` observations (10,000, 50,000 and 200,000 by default), drawn with a
seeded generator: ``max(20, N // 1000)`` indicators (two in five rates per 10,000 children with
their counts and denominators, one in five percentages with theirs, the rest counts), eight
financial years, and as many areas as it takes, England first. Every other area states a
direction of travel (from its figures) and, for rates and percentages, a significance against
England (from a normal approximation, so that a few disagree with the library's intervals at
the margin). One observation in a hundred is the subject of a claim that refers to it and the
year before by id. Every observation has an id; the same report without ids (and so without
claims) is timed beside it.

For each size and each variant, in a fresh process of its own, after a warm-up on a small
report (numpy and scipy are imported on first use), the best of three runs below 50,000
observations, of two at 50,000 and of one above:

- ``validate``: ``AnnualReport.model_validate`` of the data as Python dicts;
- ``load``: ``safeguarding_model.io.load_report`` of the same data written to a JSON file;
- ``check``: ``check(report)``, and ``scorecard``: ``scorecard(report)``;
- ``peak``: the process's peak resident memory (``ru_maxrss``), data and report included.

Then the time with ids over the time without (validate + check), and each step's time per
observation against the smallest size: a linear step keeps it near 1. Run with
``python benchmarks/large_report.py [--sizes 10000 50000 200000]``.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, TypeVar

from safeguarding_model import AnnualReport, check, scorecard
from safeguarding_model.io import load_report

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")
PERIODS: Final = tuple(f"{year}/{(year + 1) % 100:02d}" for year in range(2008, 2016))
STEPS: Final = ("validate", "load", "check", "scorecard")


def _indicator(number: int) -> dict[str, Any]:
    kind = ("rate", "rate", "percentage", "count", "count")[number % 5]
    indicator: dict[str, Any] = {
        "id": f"indicator-{number}",
        "name": f"Indicator {number}",
        "kind": kind,
        "polarity": ("lower_is_better", "higher_is_better", "no_judgement")[number % 3],
    }
    if kind == "rate":
        indicator |= {"per": 10_000, "population": "child"}
    return indicator


def _figure(kind: str, count: int, children: int) -> tuple[float, float, dict[str, Any]]:
    """The figure, its standard error, and the observation's printed fields."""
    if kind == "rate":
        value = count * 10_000 / children
        return (
            value,
            math.sqrt(count) * 10_000 / children,
            {
                "value": {"number": f"{value:.1f}", "printed": f"{value:.1f}"},
                "count": {"number": str(count)},
                "denominator": {"number": str(children)},
            },
        )
    if kind == "percentage":
        out_of = count * 3 + 7
        value = 100 * count / out_of
        printed = f"{value:.1f}%"
        return (
            value,
            100 * math.sqrt(count * (out_of - count) / out_of) / out_of,
            {
                "value": {"number": printed[:-1], "printed": printed, "unit": "percent"},
                "count": {"number": str(count)},
                "denominator": {"number": str(out_of)},
            },
        )
    return float(count), 0.0, {"value": {"number": str(count), "printed": f"{count:,}"}}


def _direction(polarity: str, before: float, after: float) -> str:
    if round(after, 1) == round(before, 1):
        return "no_change"
    if polarity == "no_judgement":
        return "increasing" if after > before else "decreasing"
    return "improving" if (after > before) == (polarity == "higher_is_better") else "worsening"


def _significance(polarity: str, value: float, error: float, england: float) -> str:
    if abs(value - england) <= 1.96 * error:
        return "similar"
    if polarity == "no_judgement":
        return "higher" if value > england else "lower"
    return "better" if (value > england) == (polarity == "higher_is_better") else "worse"


def build(size: int, *, ids: bool = True, seed: int = 2016) -> dict[str, Any]:
    """The data of a synthetic report of ``size`` observations, as plain dicts and lists."""
    rng = random.Random(seed)  # noqa: S311 - synthetic figures, not secrets
    indicators = [_indicator(number) for number in range(max(20, size // 1000))]
    areas = ["England"] + [
        f"Area {n}" for n in range(max(1, math.ceil(size / (len(indicators) * len(PERIODS)))))
    ]
    observations: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    england: dict[tuple[str, str], float] = {}
    for area in areas:
        children = 11_000_000 if area == "England" else rng.randrange(20_000, 300_000)
        for indicator in indicators:
            before: float | None = None
            for period in PERIODS:
                if len(observations) == size:
                    break
                count = rng.randrange(50, 5_000) * (40 if area == "England" else 1)
                value, error, printed = _figure(indicator["kind"], count, children)
                observation: dict[str, Any] = {
                    "indicator": indicator["id"],
                    "area": area,
                    "period": period,
                } | printed
                if area == "England":
                    england[indicator["id"], period] = value
                else:
                    if before is not None:
                        observation["stated_direction"] = _direction(
                            indicator["polarity"], before, value
                        )
                    if indicator["kind"] != "count":
                        observation["stated_significance"] = _significance(
                            indicator["polarity"], value, error, england[indicator["id"], period]
                        )
                if ids:
                    observation = {"id": f"o{len(observations)}"} | observation
                    if len(observations) % 100 == 99 and before is not None:
                        claims.append(
                            {
                                "id": f"claim-{len(claims)}",
                                "text": "the figure changed by this much",
                                "kind": "absolute_change",
                                "stated": f"{round(value, 1) - round(before, 1):.1f}",
                                "before_ref": f"o{len(observations) - 1}",
                                "after_ref": f"o{len(observations)}",
                            }
                        )
                observations.append(observation)
                before = value
    return {
        "id": "synthetic",
        "title": f"A synthetic report of {size:,} observations",
        "arrangement": "partnership",
        "area": {"name": "Area 0"},
        "period": PERIODS[-1],
        "indicators": indicators,
        "observations": observations,
        "claims": claims,
    }


def _best(work: Callable[[], T], repeats: int) -> tuple[float, T]:
    """The shortest time of ``repeats`` runs of ``work`` (each result let go before the next run)."""
    best = math.inf
    results: list[T] = []
    for _ in range(repeats):
        results.clear()
        start = time.perf_counter()
        results.append(work())
        best = min(best, time.perf_counter() - start)
    return best, results[0]


def measure(size: int, *, ids: bool, repeats: int = 1) -> dict[str, float]:
    """Each step's best seconds of ``repeats`` runs and the peak resident memory in MiB."""
    small = AnnualReport.model_validate(build(500, ids=ids))
    check(small), scorecard(small)  # warm-up: numpy and scipy are imported on first use
    data = build(size, ids=ids)
    figures: dict[str, float] = {}
    figures["validate"], report = _best(
        functools.partial(AnnualReport.model_validate, data), repeats
    )
    if len(report.observations) != size:
        raise AssertionError(size)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        # Load into a process holding only what a program loading a file would hold: a report
        # already in memory makes every collection of the garbage collector longer.
        del data, report
        gc.collect()
        figures["load"], report = _best(functools.partial(load_report, path), repeats)
    if len(report.observations) != size:
        raise AssertionError(path)
    figures["check"], findings = _best(functools.partial(check, report), repeats)
    figures["scorecard"], rows = _best(functools.partial(scorecard, report), repeats)
    figures["findings"], figures["rows"] = len(findings), len(rows)
    figures["peak"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return figures


def _in_child(size: int, *, ids: bool) -> dict[str, float]:
    repeats = max(1, min(3, 100_000 // size))  # best of three below 50,000 observations
    command = [sys.executable, __file__, "--one", str(size), "--repeats", str(repeats)]
    command += [] if ids else ["--no-ids"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> int:
    """Print each size's timings, memory and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 200_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--no-ids", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=1, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.one is not None:
        figures = measure(options.one, ids=not options.no_ids, repeats=options.repeats)
        print(json.dumps(figures))
        return 0
    print("observations  ids  validate      load     check  scorecard   peak MiB  findings")
    base: dict[str, float] = {}
    for size in options.sizes:
        variants = {ids: _in_child(size, ids=ids) for ids in (True, False)}
        for ids, figures in variants.items():
            print(
                f"{size:>12,}  {'yes' if ids else 'no ':>3}"
                + "".join(f"{figures[step]:>9.2f}s" for step in STEPS)
                + f"{figures['peak']:>10.0f}  {figures['findings']:>8.0f}"
            )
        with_ids, without = variants[True], variants[False]
        ratio = (with_ids["validate"] + with_ids["check"]) / (
            without["validate"] + without["check"]
        )
        per_item = {step: with_ids[step] / size for step in STEPS}
        base = base or per_item
        growth = ", ".join(f"{step} {per_item[step] / base[step]:.2f}" for step in STEPS)
        print(
            f"{'':>14}with ids / without: {ratio:.2f}; time per observation vs the first size: {growth}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
