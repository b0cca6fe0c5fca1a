"""Bundled example reports, encoded exactly as printed, validated on load.

Each report is a folder of JSON files, one per part of the source (``report.json`` for the
report's own fields, then indicators, the budget, inspections ...); they are merged in file-name
order (lists are joined) and validated as one [`AnnualReport`][safeguarding_model.AnnualReport].
Nothing is read at import; each report is read once and cached.

The files the documentation's examples read (a budget, two editions of a report, official
statistics downloads, invented reports with planted errors) ship here too:
[`example_file`][safeguarding_model.datasets.example_file] gives the path of one, so an example
runs from any folder.

Examples:
    >>> from safeguarding_model import list_examples
    >>> "lancashire-2015-16" in list_examples()
    True
"""

from __future__ import annotations

import functools
import json
import threading
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguarding_model.errors import InvalidInputError, UnknownIdError

if TYPE_CHECKING:
    from safeguarding_model.report import AnnualReport

__all__ = ["example_file", "list_example_files", "list_examples", "load_example"]

_FILES = "_files"
_NOT_EXAMPLES = frozenset({"README.md"})


def list_examples() -> tuple[str, ...]:
    """The ids of the bundled example reports.

    Examples:
        >>> from safeguarding_model import list_examples
        >>> list_examples()
        ('lancashire-2015-16',)
    """
    folder = resources.files(__name__)
    return tuple(
        sorted(
            item.name
            for item in folder.iterdir()
            if item.is_dir() and not item.name.startswith("_")
        )
    )


def list_example_files() -> tuple[str, ...]:
    """The names of the example files the package ships, sorted.

    Pass one to [`example_file`][safeguarding_model.datasets.example_file] for its path.

    Examples:
        >>> from safeguarding_model import list_example_files
        >>> "lancashire-2015-16-budget.json" in list_example_files()
        True
    """
    folder = resources.files(__name__).joinpath(_FILES)
    return tuple(
        sorted(
            item.name
            for item in folder.iterdir()
            if item.is_file() and item.name not in _NOT_EXAMPLES
        )
    )


def example_file(name: str) -> Path:
    """The path of an example file the package ships, to read as you would read your own file.

    The documentation's examples read their files through this function, so they run from any
    folder; in your own code, pass the path of your file instead.

    Args:
        name: The file's name, one of
            [`list_example_files()`][safeguarding_model.datasets.list_example_files], such as
            ``"fingertips-child-health.csv"``.

    Returns:
        The file's path inside the installed package (read it; do not write to it).

    Raises:
        UnknownIdError: For a name that is not an example file (an ``InvalidInputError`` and a
            ``KeyError``); its message lists the names.

    Examples:
        >>> from safeguarding_model import example_file
        >>> path = example_file("lancashire-2015-16-budget.json")
        >>> path.name, path.is_file()
        ('lancashire-2015-16-budget.json', True)
    """
    names = list_example_files()
    if name not in names:
        raise UnknownIdError("name", name, f"one of {list(names)}")
    return Path(str(resources.files(__name__).joinpath(_FILES, name)))


def _merge(into: dict[str, Any], part: dict[str, Any], where: str) -> None:
    for key, value in part.items():
        if key not in into:
            into[key] = value
        elif isinstance(into[key], list) and isinstance(value, list):
            into[key] = into[key] + value
        else:
            raise InvalidInputError(where, key, "a key that only one part of the report gives")


def example_data(name: str) -> dict[str, Any]:
    """The merged, not yet validated, data of a bundled report (for tools and tests)."""
    if name not in list_examples():
        raise UnknownIdError("name", name, f"one of {list(list_examples())}")
    folder = resources.files(__name__).joinpath(name)
    merged: dict[str, Any] = {}
    for item in sorted(folder.iterdir(), key=lambda item: item.name):
        if item.name.endswith(".json"):
            _merge(merged, json.loads(item.read_text(encoding="utf-8")), f"{name}/{item.name}")
    return merged


_LOCK = threading.Lock()


def load_example(name: str = "lancashire-2015-16") -> AnnualReport:
    """A bundled example report, validated (read once, then cached; reports are immutable).

    Every call returns the same report, which nothing can change: its records are frozen and
    its containers are tuples and read-only mappings. Threads that ask at once wait for one
    validation.

    Raises:
        UnknownIdError: For a name that is not a bundled report (an ``InvalidInputError`` and a
            ``KeyError``; see
            [`list_examples`][safeguarding_model.list_examples]).

    Examples:
        >>> from safeguarding_model import load_example
        >>> report = load_example("lancashire-2015-16")
        >>> report.area.name, str(report.period)
        ('Lancashire', '2015/16')
    """
    with _LOCK:  # functools.cache alone lets racing threads validate one report each
        return _load_example(name)


@functools.cache
def _load_example(name: str) -> AnnualReport:
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415 - pydantic on first use

    return AnnualReport.model_validate(example_data(name))
