"""JSON Schema snapshots of the records users save: a schema change is an API change.

Rewrite the snapshots on purpose with ``UPDATE_SCHEMAS=1 pytest tests/test_schemas.py`` and let
the diff show in review.
"""

import json
import os
from pathlib import Path

import pytest
from pydantic import BaseModel

from safeguarding_model import Agency, Attendance, Budget, Inspection, Rate, Section11Audit, Value

SNAPSHOTS = Path(__file__).parent / "schemas"
RECORDS: list[type[BaseModel]] = [
    Agency,
    Attendance,
    Budget,
    Inspection,
    Rate,
    Section11Audit,
    Value,
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda record: record.__name__)
def test_schema_matches_its_snapshot(record: type[BaseModel]) -> None:
    schema = json.dumps(record.model_json_schema(), indent=2, sort_keys=True) + "\n"
    path = SNAPSHOTS / f"{record.__name__}.json"
    if os.environ.get("UPDATE_SCHEMAS") == "1":
        path.write_text(schema, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == schema, (
        f"{path.name} is out of date: see this module's docstring"
    )


def test_schemas_forbid_unknown_fields_and_describe_every_field() -> None:
    for record in RECORDS:
        schema = record.model_json_schema()
        assert schema["additionalProperties"] is False
        for name, field in schema["properties"].items():
            assert field.get("description"), f"{record.__name__}.{name} has no description"
