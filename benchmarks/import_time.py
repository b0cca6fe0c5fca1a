"""Cold-start costs of safeguarding_model, against ``import pydantic`` alone.

Each figure is the median of several fresh interpreters (a cold start cannot be repeated in
one), measured inside the child with ``time.perf_counter`` so that interpreter start-up is left
out. Run it with ``python benchmarks/import_time.py [--runs N]``; it prints the figures and the
ratio the project promises (``import safeguarding_model`` at most 1.5x ``import pydantic``).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

GOAL = 1.5

SNIPPETS = {
    "import pydantic": "import pydantic",
    "import safeguarding_model": "import safeguarding_model",
    "import + first rate conversion": (
        "import safeguarding_model as sm\n"
        "sm.convert_rate(sm.rate_from_count(1691, 244_700, population='child'), per=1_000)"
    ),
    "import + first loaded example report": (
        "import safeguarding_model as sm\nsm.load_example('lancashire-2015-16')"
    ),
    "import + first parsed period and value": (
        "import safeguarding_model as sm\nsm.parse_period('Q4 2015/16'); sm.parse_value('1400 (tbc)')"
    ),
}


def _time_once(code: str) -> float:
    probe = f"import time\n_t = time.perf_counter()\n{code}\nprint(time.perf_counter() - _t)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def _median_ms(code: str, runs: int) -> float:
    _time_once(code)  # warm the file-system cache and the bytecode cache
    return statistics.median(_time_once(code) for _ in range(runs)) * 1000


def main() -> int:
    """Print each figure in milliseconds, then the import-time ratio; fail if over the goal."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="cold starts per figure (default 15)")
    runs = parser.parse_args().runs
    figures = {name: _median_ms(code, runs) for name, code in SNIPPETS.items()}
    width = max(map(len, figures))
    print(f"median of {runs} cold starts, Python {sys.version.split()[0]}")
    for name, milliseconds in figures.items():
        print(f"  {name:<{width}}  {milliseconds:8.2f} ms")
    ratio = figures["import safeguarding_model"] / figures["import pydantic"]
    verdict = "within" if ratio <= GOAL else "OVER"
    print(f"ratio safeguarding_model / pydantic: {ratio:.2f}x ({verdict} the {GOAL}x goal)")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
