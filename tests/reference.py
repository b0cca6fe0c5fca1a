"""Where the published reference values live, and how to read them.

The reference files sit in ``shared/reference`` beside the repository (as the project's CI lays
them out); set ``SAFEGUARDING_REFERENCE_DIR`` to read them from elsewhere.
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import pytest


def reference_dir() -> Path:
    configured = os.environ.get("SAFEGUARDING_REFERENCE_DIR")
    folder = (
        Path(configured)
        if configured
        else Path(__file__).resolve().parents[2] / "shared" / "reference"
    )
    if not folder.is_dir():
        pytest.fail(f"reference values not found in {folder}; set SAFEGUARDING_REFERENCE_DIR")
    return folder


def read_reference(name: str) -> list[dict[str, str]]:
    with (reference_dir() / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    """A reference cell as a float; a blank cell is NaN (missing)."""
    return float(text) if text.strip() else math.nan
