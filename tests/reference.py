"""Where the published reference values and the source report live, and how to read them.

The reference values are copied into ``tests/data/reference`` (see ``tests/data/README.md`` for
where each file comes from); set ``SAFEGUARDING_REFERENCE_DIR`` to read them from elsewhere.

The source report's text is not part of the repository: it is read from ``source/`` in the
folder beside the repository (``../shared/source``, as the project's CI lays it out) or from
``SAFEGUARDING_SOURCE_DIR``, and the tests that need it are skipped, with the reason, without it.
"""

from __future__ import annotations

import csv
import math
import os
from functools import cache
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
"""The test data kept in the repository."""

SOURCE_NAME = "lancashire-lscb-annual-report-2015-16.txt"
"""The file name of the bundled report's source text."""


def reference_dir() -> Path:
    configured = os.environ.get("SAFEGUARDING_REFERENCE_DIR")
    folder = Path(configured) if configured else DATA / "reference"
    if not folder.is_dir():
        pytest.fail(f"reference values not found in {folder}; set SAFEGUARDING_REFERENCE_DIR")
    return folder


def read_reference(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    """A reference cell as a float; a blank cell is NaN (missing)."""
    return float(text) if text.strip() else math.nan


def source_path() -> Path:
    """Where the source report's text is looked for."""
    configured = os.environ.get("SAFEGUARDING_SOURCE_DIR")
    folder = Path(configured) if configured else DATA.parents[2] / "shared" / "source"
    return folder / SOURCE_NAME


@cache
def _source_text() -> str | None:
    path = source_path()
    return path.read_text(encoding="utf-8") if path.is_file() else None


def source_text() -> str:
    """The source report's whole text; skips the calling test when it is not beside the repository."""
    text = _source_text()
    if text is None:
        pytest.skip(
            f"the source report's text is not at {source_path()} (set SAFEGUARDING_SOURCE_DIR "
            "to its folder): the comparison of the bundled report with its source is left out"
        )
    return text


def source_lines() -> tuple[str, ...]:
    """The source report's lines; skips the calling test when the text is absent."""
    return tuple(source_text().splitlines())
