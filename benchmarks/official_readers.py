"""Reading official statistics files: rows a second, against ``pandas.read_csv`` of the same file.

Two synthetic files are written to a temporary directory, drawn with Python's seeded generator:

- a Fingertips download with the profiles' full header (26 columns): 30 indicators, England, 9
  regions and 150 upper-tier authorities, periods from 2010 - 12 on, persons, males and
  females; values with one decimal, their 95.0% and 99.8% limits, counts and denominators, the
  comparisons with England and the region and a recent trend; 2% of rows suppressed with a
  value note;
- a Department for Education file with the statistics service's time and geography columns, a
  filter column and the two children-in-need measures of ``DFE_MEASURES`` (a count and its rate
  per 10,000): each row gives two figures; 2% of cells are the symbols ``c`` and ``x``.

Each has ``--rows`` data rows. Timed in this one process, each the best of ``--repeats`` runs
after a warm-up: ``read_fingertips`` and ``read_dfe_statistics`` of the file,
``check_official`` of the table read (every O rule), and ``pandas.read_csv`` of the same file
with every column read as text (``dtype=str``, as the readers read it). Peak memory is the
largest the ``tracemalloc`` module saw during one more run of each (with what it returns),
apart from the memory already in use before it: for checking, beyond the table itself.

Run with ``python benchmarks/official_readers.py [--rows N] [--repeats R]``. pandas is in the
``test`` extra; without it the pandas column says so.
"""

from __future__ import annotations

import argparse
import csv
import functools
import random
import tempfile
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

from _timing import best_seconds

from safeguarding_model.dfe_statistics import read_dfe_statistics
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.official_rules import check_official

if TYPE_CHECKING:
    from collections.abc import Callable

GOAL = 100_000
"""Rows a second ``read_fingertips`` should read."""
CHECK_GOAL = 20_000
"""Rows a second ``check_official`` should check on the Fingertips file (100,000 in 5 s)."""

FINGERTIPS_HEADER = [
    "Indicator ID",
    "Indicator Name",
    "Parent Code",
    "Parent Name",
    "Area Code",
    "Area Name",
    "Area Type",
    "Sex",
    "Age",
    "Category Type",
    "Category",
    "Time period",
    "Value",
    "Lower CI 95.0 limit",
    "Upper CI 95.0 limit",
    "Lower CI 99.8 limit",
    "Upper CI 99.8 limit",
    "Count",
    "Denominator",
    "Value note",
    "Recent Trend",
    "Compared to England value or percentiles",
    "Compared to Region value or percentiles",
    "Time period Sortable",
    "New data",
    "Compared to goal",
]
DFE_HEADER = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "social_care_group",
    "At31_episodes",
    "At31_episodes_rate",
]
LABELS = ("Better", "Similar", "Worse", "Not compared")
TRENDS = (
    "Increasing & getting better",
    "Decreasing & getting worse",
    "No significant change",
    "Could not be calculated",
)
SEXES = ("Persons", "Male", "Female")
GROUPS = ("Children in need", "Disabled children", "Children with a plan")


def _areas() -> list[tuple[str, str, str, str, str]]:
    """England, 9 regions and 150 authorities: code, name, type, parent code, parent name."""
    areas = [("E92000001", "England", "England", "", "")]
    regions = [(f"E120000{r:02d}", f"Region {r}") for r in range(1, 10)]
    areas += [(code, name, "Region", "E92000001", "England") for code, name in regions]
    for number in range(150):
        parent_code, parent_name = regions[number % 9]
        areas.append(
            (f"E10{number:06d}", f"Authority {number}", "County & UA", parent_code, parent_name)
        )
    return areas


def _figure(rng: random.Random) -> tuple[str, str, str, str, str, str, str]:
    """A value, its 95.0% and 99.8% limits, count and denominator, as the profiles print them."""
    denominator = rng.randint(2_000, 400_000)
    count = rng.randint(0, denominator // 20)
    value = count / denominator * 1000
    half = 1.96 * (max(count, 1) ** 0.5) / denominator * 1000
    wider = half * 3.09 / 1.96
    return (
        f"{value:.1f}",
        f"{max(value - half, 0):.1f}",
        f"{value + half:.1f}",
        f"{max(value - wider, 0):.1f}",
        f"{value + wider:.1f}",
        str(count),
        str(denominator),
    )


def write_fingertips(path: Path, rows: int, seed: int = 2016) -> None:
    """A Fingertips download of ``rows`` rows."""
    rng = random.Random(seed)  # noqa: S311 - synthetic figures, not secrets
    areas = _areas()
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(FINGERTIPS_HEADER)
        written = 0
        year = 2010
        while written < rows:
            period = f"{year} - {(year + 2) % 100:02d}"
            for indicator in range(30):
                for sex in SEXES:
                    for code, name, kind, parent_code, parent_name in areas:
                        if written == rows:
                            return
                        written += 1
                        suppressed = rng.random() < 0.02
                        figure = ("",) * 7 if suppressed else _figure(rng)
                        note = (
                            "Value suppressed for disclosure control due to small count"
                            if suppressed
                            else ""
                        )
                        writer.writerow(
                            [
                                str(90000 + indicator),
                                f"Indicator {indicator} per 1,000",
                                parent_code,
                                parent_name,
                                code,
                                name,
                                kind,
                                sex,
                                "<18 yrs",
                                "",
                                "",
                                period,
                                *figure,
                                note,
                                rng.choice(TRENDS),
                                "" if code == "E92000001" else rng.choice(LABELS),
                                "" if kind != "County & UA" else rng.choice(LABELS),
                                f"{year}0000",
                                "",
                                "",
                            ]
                        )
            year += 1


def write_dfe(path: Path, rows: int, seed: int = 2016) -> None:
    """A Department for Education children-in-need file of ``rows`` rows."""
    rng = random.Random(seed)  # noqa: S311 - synthetic figures, not secrets
    regions = [(f"E120000{r:02d}", f"Region {r}") for r in range(1, 10)]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(DFE_HEADER)
        written = 0
        year = 2010
        while written < rows:
            for group in GROUPS:
                places = [("National", "", "", "", "", "")]
                places += [("Regional", code, name, "", "", "") for code, name in regions]
                places += [
                    ("Local authority", *regions[n % 9], str(800 + n), f"E10{n:06d}", f"LA {n}")
                    for n in range(150)
                ]
                for level, region_code, region_name, old, new, la_name in places:
                    if written == rows:
                        return
                    written += 1
                    children = rng.randint(100, 50_000)
                    rate = f"{children / rng.randint(20_000, 300_000) * 10_000:.1f}"
                    draw = rng.random()
                    count = "c" if draw < 0.01 else "x" if draw < 0.02 else str(children)
                    writer.writerow(
                        [
                            str(year),
                            "Reporting year",
                            level,
                            "E92000001",
                            "England",
                            region_code,
                            region_name,
                            old,
                            new,
                            la_name,
                            group,
                            count,
                            "x" if count == "x" else rate,
                        ]
                    )
            year = 2010 + (year - 2009) % 90  # 480 rows a year; years from 2010 to 2099


def _pandas(pd: Any, path: Path) -> object:  # noqa: ANN401 - the pandas module
    """The file as ``pandas.read_csv`` reads it, every cell as text."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def peak_mib(work: Callable[[], object]) -> float:
    """The most memory ``tracemalloc`` saw allocated during ``work``, in MiB."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before, _ = tracemalloc.get_traced_memory()
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return (peak - before) / 2**20


def main() -> int:
    """Print each reader's rows a second, pandas' time and the ratio, and the peak memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    try:
        import pandas as pd  # noqa: PLC0415 - optional: the column says when it is missing
    except ImportError:
        pd = None
    met = True
    with tempfile.TemporaryDirectory() as directory:
        fingertips = Path(directory, "fingertips.csv")
        dfe = Path(directory, "dfe.csv")
        write_fingertips(fingertips, options.rows)
        write_dfe(dfe, options.rows)
        readers: list[tuple[str, Path, Callable[[], Any]]] = [
            ("read_fingertips", fingertips, lambda: read_fingertips(fingertips)),
            ("read_dfe_statistics", dfe, lambda: read_dfe_statistics(dfe)),
        ]
        print(f"{options.rows:,} rows a file, best of {options.repeats}")
        print(
            "reader                  MiB on disk  figures    seconds      rows/s"
            "  pandas.read_csv  ratio  peak MiB"
        )
        checks = []
        for name, path, work in readers:
            seconds = best_seconds(work, options.repeats)
            table = work()
            if pd is None:
                versus = f"{'pandas not installed':>22}"
            else:
                pandas_seconds = best_seconds(functools.partial(_pandas, pd, path), options.repeats)
                versus = f"{pandas_seconds:>13.2f} s  {seconds / pandas_seconds:>5.1f}x"
            peak = peak_mib(work)
            rate = options.rows / seconds
            print(
                f"{name:<22}  {path.stat().st_size / 2**20:>11.1f}  {len(table):>7,}  "
                f"{seconds:>7.2f} s  {rate:>10,.0f}  {versus}  {peak:>8.0f}"
            )
            if name == "read_fingertips":
                met = rate >= GOAL
            checks.append((name, table))
        print()
        print("check_official of the table read   findings    seconds      rows/s  peak MiB")
        for name, table in checks:
            check = functools.partial(check_official, table)
            seconds = best_seconds(check, options.repeats)
            findings = len(check())
            peak = peak_mib(check)
            rate = options.rows / seconds
            print(f"{name:<33}  {findings:>9,}  {seconds:>7.2f} s  {rate:>10,.0f}  {peak:>8.0f}")
            if name == "read_fingertips":
                met = met and rate >= CHECK_GOAL
            del table
    print(
        f"goal: read_fingertips at least {GOAL:,} rows/s, check_official at least "
        f"{CHECK_GOAL:,} rows/s: " + ("met" if met else "MISSED")
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
