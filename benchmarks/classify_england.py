"""Classifying every area, indicator and year of England against England's value, at scale.

The table is synthetic, drawn with numpy's seeded generator: areas x 20 indicators x 10 years,
trimmed to ``--rows`` rows. Areas have from 500 to 300,000 children (wards to counties), so some
rates rest on fewer than 10 events. Even-numbered indicators are rates per 10,000 children
(Byar's, exact Poisson below 10), odd-numbered ones percentages of a year-group (Wilson); each
has a polarity, England's value is a column, and 1% of counts are missing. Timed, in this one
process, each the best of ``--repeats`` runs:

- ``classify``: the docs' how-to function (docs/how-to/classify-england.md), one call of
  ``compare_rate_with_benchmark`` or ``compare_proportion_with_benchmark`` per indicator, the
  labels returned as a categorical column built from integer codes;
- the same, with the categorical built from the label strings (``pd.Categorical(labels)``);
- the peer an analyst would otherwise write, also vectorised and with the same loop and output:
  statsmodels' ``proportion_confint(method="wilson")`` for the percentages, the exact Poisson
  interval from scipy (``stats.chi2.ppf``) for every rate, then the comparison and the polarity by
  hand with numpy. Its labels differ from ours only where Byar's and the exact interval disagree
  about a row on the edge;
- row by row, ``DataFrame.apply(axis=1)`` calling the scalar comparisons, on a sample of
  ``--sample`` rows, extrapolated to the table;
- Dask: ``dd.from_pandas(table, npartitions=P).map_partitions(classify, meta=...).compute()``
  with the threaded scheduler, from the pandas table (``from_pandas`` hashes the whole table to
  name it) and from a frame already partitioned, as one read from Parquet files would be; then
  the latter with the synchronous scheduler, one partition after another in this thread, for
  Dask's overhead without its parallelism.

Run with ``python benchmarks/classify_england.py [--rows N] [--repeats R] [--partitions P]``.
pandas, dask and statsmodels are in the ``test`` extra.
"""

from __future__ import annotations

import argparse
import functools
import math
from typing import TYPE_CHECKING, Any, Final

import dask.dataframe as dd
import numpy as np
import pandas as pd
from _timing import best_seconds
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from safeguarding_model import (
    Significance,
    compare_proportion_with_benchmark,
    compare_rate_with_benchmark,
)

if TYPE_CHECKING:
    import numpy.typing as npt

INDICATORS: Final = 20
YEARS: Final = 10
POLARITIES: Final = ("lower_is_better", "higher_is_better", "no_judgement")
KIND_AND_POLARITY: Final = {
    f"I{n:02d}": ("rate" if n % 2 == 0 else "percentage", POLARITIES[n % 3])
    for n in range(INDICATORS)
}
LABELS: Final = np.sort([member.value for member in Significance])
WORDS: Final = {
    "higher_is_better": ("better", "worse"),
    "lower_is_better": ("worse", "better"),
    "no_judgement": ("higher", "lower"),
}


def england_table(rows: int, *, seed: int = 2016) -> Any:  # noqa: ANN401 - a pandas DataFrame (pandas is untyped here)
    """The synthetic table, ``rows`` rows long."""
    rng = np.random.default_rng(seed)
    areas = math.ceil(rows / (INDICATORS * YEARS))
    area, indicator, year = (axis.ravel()[:rows] for axis in np.indices((areas, INDICATORS, YEARS)))
    is_rate = indicator % 2 == 0
    children = np.exp(rng.uniform(np.log(500), np.log(300_000), size=areas)).astype(np.int64)
    denominator = np.where(is_rate, children[area], np.maximum(children[area] // 18, 1))
    start = rng.uniform(0.2, 0.7, size=(INDICATORS, 1))
    chance = start * rng.uniform(0.97, 1.03, size=(INDICATORS, YEARS)).cumprod(axis=1)
    chance[::2] /= 50
    area_effect = np.exp(rng.normal(0, 0.15, size=(areas, INDICATORS)))[area, indicator]
    count = rng.binomial(denominator, np.minimum(chance[indicator, year] * area_effect, 1))
    england = np.round(chance[indicator, year] * np.where(is_rate, 10_000, 100), 1)
    return pd.DataFrame(
        {
            "area": np.array([f"A{n:06d}" for n in range(areas)])[area],
            "indicator": np.array(list(KIND_AND_POLARITY))[indicator],
            "year": 2007 + year,
            "count": np.where(rng.random(rows) < 0.01, np.nan, count),
            "denominator": denominator.astype(np.float64),
            "england": england,
        }
    )


def _columns(frame: Any) -> tuple[npt.NDArray[np.float64], ...]:  # noqa: ANN401 - a DataFrame
    return tuple(
        frame[name].to_numpy(dtype=np.float64) for name in ("count", "denominator", "england")
    )


def _as_categorical(frame: Any, significance: npt.NDArray[np.str_], *, from_codes: bool) -> Any:  # noqa: ANN401 - pandas objects
    if from_codes:
        categories = pd.Categorical.from_codes(np.searchsorted(LABELS, significance), LABELS)
    else:
        categories = pd.Categorical(significance, categories=LABELS)
    return pd.Series(categories, index=frame.index, name="vs_england")


def classify(frame: Any, *, from_codes: bool = True) -> Any:  # noqa: ANN401 - pandas objects
    """Each row's significance against England: one call per indicator (the docs' function)."""
    count, denominator, england = _columns(frame)
    significance = np.full(len(frame), Significance.NOT_COMPARED.value, dtype="<U12")
    for indicator, rows in frame.groupby("indicator").indices.items():
        kind, polarity = KIND_AND_POLARITY[indicator]
        if kind == "rate":
            result = compare_rate_with_benchmark(
                count[rows], denominator[rows], england[rows], per=10_000, polarity=polarity
            )
        else:
            result = compare_proportion_with_benchmark(
                count[rows], denominator[rows], england[rows], multiplier=100, polarity=polarity
            )
        significance[rows] = result.significance
    return _as_categorical(frame, significance, from_codes=from_codes)


def classify_with_peers(frame: Any) -> Any:  # noqa: ANN401 - pandas objects
    """The same with statsmodels' Wilson interval, scipy's exact Poisson and numpy by hand."""
    count, denominator, england = _columns(frame)
    significance = np.full(len(frame), Significance.NOT_COMPARED.value, dtype="<U12")
    for indicator, rows in frame.groupby("indicator").indices.items():
        kind, polarity = KIND_AND_POLARITY[indicator]
        x, n, benchmark = count[rows], denominator[rows], england[rows]
        if kind == "rate":
            lower = np.where(x == 0, 0.0, stats.chi2.ppf(0.025, 2 * x) / 2) / n * 10_000
            upper = stats.chi2.ppf(0.975, 2 * x + 2) / 2 / n * 10_000
        else:
            low, high = proportion_confint(x, n, alpha=0.05, method="wilson")
            lower, upper = low * 100, high * 100
        above, below = WORDS[polarity]
        significance[rows] = np.select(
            [np.isnan(x) | np.isnan(benchmark), lower > benchmark, upper < benchmark],
            [Significance.NOT_COMPARED.value, above, below],
            Significance.SIMILAR.value,
        )
    return _as_categorical(frame, significance, from_codes=True)


def _one_row(row: Any) -> str:  # noqa: ANN401 - a pandas row
    kind, polarity = KIND_AND_POLARITY[row["indicator"]]
    if kind == "rate":
        result = compare_rate_with_benchmark(
            row["count"], row["denominator"], row["england"], per=10_000, polarity=polarity
        )
    else:
        result = compare_proportion_with_benchmark(
            row["count"], row["denominator"], row["england"], multiplier=100, polarity=polarity
        )
    return str(result.significance)  # a Significance: a StrEnum, printed as its value


def _partitioned(table: Any, partitions: int) -> Any:  # noqa: ANN401 - pandas and dask objects
    return dd.from_pandas(table, npartitions=partitions)  # type: ignore[no-untyped-call]  # dask leaves it unannotated


def _with_dask(frame: Any, scheduler: str) -> Any:  # noqa: ANN401 - pandas and dask objects
    meta = pd.Series(pd.Categorical([], categories=LABELS), name="vs_england")
    return frame.map_partitions(classify, meta=meta).compute(scheduler=scheduler)


def main() -> int:
    """Print each timing and its ratio to ``classify``; fail if a result disagrees."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--partitions", type=int, default=8, help="Dask partitions (default 8)")
    parser.add_argument("--sample", type=int, default=5_000, help="rows timed one by one")
    options = parser.parse_args()
    rows, repeats = options.rows, options.repeats

    table = england_table(rows)
    partitions = options.partitions
    figures: dict[str, float] = {}
    figures["classify (categories from codes)"] = best_seconds(lambda: classify(table), repeats)
    figures["classify (categories from strings)"] = best_seconds(
        lambda: classify(table, from_codes=False), repeats
    )
    figures["statsmodels + scipy, vectorised"] = best_seconds(
        lambda: classify_with_peers(table), repeats
    )
    sample = table.sample(n=min(options.sample, rows), random_state=2016)
    figures["row by row, DataFrame.apply (extrapolated)"] = (
        best_seconds(lambda: sample.apply(_one_row, axis=1), 1) * rows / len(sample)
    )
    # Before any partitioned frame of this table exists: Dask would reuse a live one's divisions.
    figures[f"Dask: from_pandas, {partitions} partitions, threads"] = best_seconds(
        lambda: _with_dask(_partitioned(table, partitions), "threads"), repeats
    )
    frame = _partitioned(table, partitions)
    for scheduler in ("threads", "synchronous"):
        figures[f"Dask: {partitions} partitions made, {scheduler}"] = best_seconds(
            functools.partial(_with_dask, frame, scheduler), repeats
        )

    ours = classify(table)
    agree = float((classify_with_peers(table) == ours).mean())
    dask_equal = bool(_with_dask(frame, "threads").equals(ours))
    one_by_one = sample.apply(_one_row, axis=1)
    rows_equal = bool((one_by_one == ours.loc[sample.index].astype(str)).all())
    small = (table["count"] < 10) & (table["indicator"].str[1:].astype(int) % 2 == 0)
    base = figures["classify (categories from codes)"]
    width = max(map(len, figures))
    print(f"{rows:,} rows ({int(small.sum()):,} rates on fewer than 10 events), best of {repeats}")
    for name, seconds in figures.items():
        print(f"  {name:<{width}}  {seconds * 1000:10.1f} ms  {seconds / base:7.2f}x classify")
    print(f"  statsmodels + scipy labels agree with ours on {agree:.4%} of rows")
    print(f"  Dask result equals the one-process result: {dask_equal}")
    print(f"  row-by-row labels equal the batch labels on the sample: {rows_equal}")
    return 0 if dask_equal and rows_equal else 1


if __name__ == "__main__":
    raise SystemExit(main())
