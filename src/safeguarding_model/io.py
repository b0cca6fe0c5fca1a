"""Reading records from files: JSON always, YAML with the ``yaml`` extra.

Examples:
    >>> import json, pathlib, tempfile
    >>> from safeguarding_model.io import load_budget
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = folder / "budget.json"
    >>> _ = path.write_text(json.dumps({"period": "2015/16", "income": {"sections": []}, "expenditure": {"sections": []}}))
    >>> load_budget(path).period
    FinancialYear(start_year=2015)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safeguarding_model.budgets import Budget
from safeguarding_model.errors import SafeguardingModelError

if TYPE_CHECKING:
    from safeguarding_model.report import AnnualReport

__all__ = ["FileFormatError", "load_budget", "load_report", "read_data"]


class FileFormatError(SafeguardingModelError, ValueError):
    """A file that cannot be read as the data it should hold.

    Attributes:
        path: The file.
        reason: What is wrong with it.

    Examples:
        >>> from safeguarding_model.io import read_data
        >>> read_data("budget.txt")
        Traceback (most recent call last):
        ...
        safeguarding_model.io.FileFormatError: budget.txt: expected a .json, .yaml or .yml file
    """

    def __init__(self, path: str | Path, reason: str) -> None:
        """Record the file and the reason."""
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason


def read_data(path: str | Path) -> Any:  # noqa: ANN401 - whatever the file holds, validated by the caller
    """The data in a JSON or YAML file (YAML needs the ``yaml`` extra: ``pip install safeguarding-model[yaml]``).

    Raises:
        FileFormatError: For a missing file, another suffix, malformed JSON or YAML, or YAML
            without PyYAML installed.
    """
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise FileFormatError(path, "expected a .json, .yaml or .yml file")
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise FileFormatError(path, f"cannot be read ({error.strerror or error})") from None
    if suffix == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise FileFormatError(path, f"not valid JSON: {error}") from None
    try:
        import yaml  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise FileFormatError(
            path, "reading YAML needs PyYAML: pip install 'safeguarding-model[yaml]'"
        ) from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise FileFormatError(path, f"not valid YAML: {error}") from None


def load_budget(path: str | Path) -> Budget:
    """A [`Budget`][safeguarding_model.Budget] from a JSON or YAML file, validated.

    Raises:
        FileFormatError: When the file cannot be read (see [`read_data`][safeguarding_model.io.read_data]).
        pydantic.ValidationError: When the data is not a valid budget; the error lists every
            problem with its location in the file.
    """
    return Budget.model_validate(read_data(path))


def load_report(path: str | Path) -> AnnualReport:
    """An [`AnnualReport`][safeguarding_model.AnnualReport] from a JSON or YAML file, validated.

    Raises:
        FileFormatError: When the file cannot be read.
        pydantic.ValidationError: When the data is not a valid report; the error lists every
            problem with its path in the file.

    Examples:
        >>> import json, pathlib, tempfile
        >>> from safeguarding_model.io import load_report
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.json"
        >>> _ = path.write_text(json.dumps({"id": "x", "title": "X", "arrangement": "board", "area": {"name": "X"}, "period": "2015/16"}))
        >>> load_report(path).title
        'X'
    """
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415 - the report model on first use

    return AnnualReport.model_validate(read_data(path))
