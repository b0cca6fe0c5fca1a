"""The JSON Schemas published on the documentation site are the ones the code produces now.

``docs/schema/`` holds the files other teams download to validate their data: the report's
and the budget's schemas exactly as ``safeguarding-model schema [report|budget]`` prints them.
A schema change is an API change: when a record changes, regenerate the files on purpose and
let the diff show in review::

    UPDATE_SCHEMAS=1 .venv/bin/pytest tests/test_published_schema.py
"""

import contextlib
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from safeguarding_model.cli import main

PUBLISHED = Path(__file__).parent.parent / "docs" / "schema"
REGENERATE = "UPDATE_SCHEMAS=1 .venv/bin/pytest tests/test_published_schema.py"


def printed_schema(kind: str) -> str:
    """What ``safeguarding-model schema KIND`` prints, byte for byte."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["schema", kind]) == 0
    return printed.getvalue()


def report_schema() -> str:
    return printed_schema("report")


def budget_schema() -> str:
    return printed_schema("budget")


SCHEMAS: dict[str, Callable[[], str]] = {
    "annual-report.schema.json": report_schema,
    "budget.schema.json": budget_schema,
}


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_published_schema_is_what_the_code_produces(name: str) -> None:
    produced = SCHEMAS[name]()
    path = PUBLISHED / name
    if os.environ.get("UPDATE_SCHEMAS") == "1":
        path.write_text(produced, encoding="utf-8")
    published = path.read_text(encoding="utf-8") if path.exists() else None
    assert published == produced, (
        f"docs/schema/{name} differs from the schema the code produces now. If the change is "
        f"intended, regenerate the published schemas with `{REGENERATE}` and review the diff."
    )


def test_every_published_schema_is_checked() -> None:
    published = sorted(path.name for path in PUBLISHED.iterdir())
    assert published == sorted(SCHEMAS), (
        "docs/schema/ holds files this test does not regenerate: add them to SCHEMAS or delete them"
    )


def test_the_report_schema_includes_the_budget_schema() -> None:
    report = json.loads(report_schema())
    budget = json.loads(budget_schema())
    for name, definition in budget["$defs"].items():
        assert report["$defs"][name] == definition
    assert report["$defs"]["Budget"] == {
        key: value for key, value in budget.items() if key not in {"$defs", "$schema"}
    }
    assert report["$schema"] == budget["$schema"] == "https://json-schema.org/draft/2020-12/schema"
