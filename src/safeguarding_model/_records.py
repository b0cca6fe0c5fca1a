"""The base of every record users build, load, save and validate."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Record"]


class Record(BaseModel):
    """A frozen pydantic model that refuses unknown fields.

    Validation is built on first use (``defer_build``) so that defining a record costs nothing
    at import.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        defer_build=True,
        use_attribute_docstrings=True,
    )
