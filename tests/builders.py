"""Small reports for tests: the fields every report needs, and the parts a test is about."""

from typing import Any

from safeguarding_model import AnnualReport

SKELETON: dict[str, Any] = {
    "id": "t",
    "title": "T",
    "arrangement": "board",
    "area": {"name": "A"},
    "period": "2015/16",
}
"""A report's required fields, with placeholder values."""


def report_of(**parts: Any) -> AnnualReport:  # noqa: ANN401 - a report's parts as plain data
    """A valid report: the skeleton's fields, with ``parts`` (plain data) added or replacing them.

    ``area`` may be given as a name: ``report_of(area="Northshire")``.
    """
    if isinstance(parts.get("area"), str):
        parts["area"] = {"name": parts["area"]}
    return AnnualReport.model_validate(SKELETON | parts)
