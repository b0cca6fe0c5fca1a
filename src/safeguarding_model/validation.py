"""Validation problems in words: what is wrong with a file's records, for people and programs.

pydantic reports a refused record as a list of errors written for programmers: one slip may be
reported once per form a field accepts, with the input dumped and a link to its documentation.
[`validation_problems`][safeguarding_model.validation.validation_problems] turns them into
[`ValidationProblem`][safeguarding_model.validation.ValidationProblem]s: ``path: what is wrong
(the value, shortened) — what is expected``, with hints for known traps (a YAML number that lost
its printed zero, a year where a date is expected, a misspelt key), one slip once.
[`load_report`][safeguarding_model.io.load_report] and
[`load_budget`][safeguarding_model.io.load_budget] raise their refusals this way.

Examples:
    >>> from pydantic import ValidationError
    >>> from safeguarding_model import Budget
    >>> from safeguarding_model.validation import validation_problems
    >>> data = {"period": "2015/16", "income": {"sections": [{"name": "A", "lines": [{"label": "x", "amount": "£60,000"}]}]}}
    >>> try:
    ...     Budget.model_validate(data)
    ... except ValidationError as error:
    ...     (problem,) = validation_problems(error, data)
    >>> problem.path
    'income.sections.0.lines.0.amount'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path
from typing import Any

from attrs import frozen

from safeguarding_model.errors import InvalidInputError, brief

__all__ = [
    "MAX_PROBLEMS_SHOWN",
    "ValidationProblem",
    "validate_file_data",
    "validation_problems",
]

_LONGEST_KEY = 40
"""The longest key a path shows whole; a longer one is shortened."""

MAX_PROBLEMS_SHOWN = 20
"""The most problems a validation error's message lists; the rest are counted."""


@frozen
class ValidationProblem:
    r"""One problem found validating a file, in words: where, what is wrong, what was expected.

    A file that is not a valid report or budget raises a ``pydantic.ValidationError`` carrying
    these as ``problems`` (see [`load_report`][safeguarding_model.io.load_report]); its message
    prints each as one line, ``path: what is wrong (the value, shortened) — what is expected``.
    One slip reported several times is one problem: the branches of a field that accepts several
    forms are collapsed into the most relevant, and the same problem with the same value at many
    places is one problem with those ``places``.

    Attributes:
        path: Where in the file, as dotted keys and list positions (``observations.3.value``);
            ``"(the whole file)"`` for a problem with the file as a whole.
        message: What is wrong, in words (``"not a date"``).
        value: The value found, as read from the file (``None`` when a field is missing).
        expected: What is expected, with a hint for a known trap; may be empty.
        kind: pydantic's error type (``"missing"``, ``"value_error"`` ...), for programs.
        places: Every path where the same problem is, ``path`` first.

    Examples:
        >>> import pathlib, tempfile
        >>> from pydantic import ValidationError
        >>> from safeguarding_model.io import load_report
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.yaml"
        >>> _ = path.write_text("id: x\ntitle: X\narrangement: board\narea: {name: X}\nperiod: 2015/17\n")
        >>> try:
        ...     load_report(path)
        ... except ValidationError as error:
        ...     (problem,) = error.problems
        >>> problem.path, problem.value, problem.kind
        ('period', '2015/17', 'value_error')
        >>> print(problem)
        period: not a period ('2015/17') — a financial year spans two consecutive years, like '2015/16'
    """

    path: str
    message: str
    value: object
    expected: str
    kind: str
    places: tuple[str, ...]

    def __str__(self) -> str:
        """The problem as one line (the value shortened, never the whole input)."""
        line = f"{self.path}: {self.message}"
        if self.kind != "missing":
            line += f" ({_shown(self.value)})"
        if self.expected:
            line += f" — {self.expected}"
        if len(self.places) > 1:
            more = len(self.places) - 1
            line += f" (the same at {more} more place{'s' if more != 1 else ''})"
        return line


def validation_problems(error: Exception, data: object = None) -> tuple[ValidationProblem, ...]:
    """The problems of a ``pydantic.ValidationError``, in words, one slip once.

    The errors [`load_report`][safeguarding_model.io.load_report] and
    [`load_budget`][safeguarding_model.io.load_budget] raise carry them already (``problems``);
    this reads them from any other validation error of a report or a budget, such as one raised by
    ``AnnualReport.model_validate_json``. Give ``data`` (what was validated) when you have it:
    it tells the branches of a field that accepts several forms from the fields of a record.

    Args:
        error: A ``pydantic.ValidationError``.
        data: The data that was validated, if known.

    Returns:
        The problems, in the order of the file.

    Raises:
        InvalidInputError: For an ``error`` that is not a ``pydantic.ValidationError``.

    Examples:
        >>> from pydantic import ValidationError
        >>> from safeguarding_model import Budget
        >>> from safeguarding_model.validation import validation_problems
        >>> data = {"period": "2015/16", "titel": "Budget", "income": {"sections": []}}
        >>> try:
        ...     Budget.model_validate(data)
        ... except ValidationError as error:
        ...     print(*validation_problems(error, data))
        titel: not a field of this record ('Budget') — did you mean 'title'?
    """
    problems = getattr(error, "problems", None)
    if isinstance(problems, tuple):
        return problems
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only when a record was refused

    if not isinstance(error, ValidationError):
        raise InvalidInputError("error", error, "a pydantic.ValidationError")
    return _problems(error, data, _root_model(error.title))


def _root_model(title: str) -> type[Any] | None:
    if title == "AnnualReport":
        from safeguarding_model.report import AnnualReport  # noqa: PLC0415 - already loaded by then

        return AnnualReport
    if title == "Budget":
        from safeguarding_model.budgets import Budget  # noqa: PLC0415 - already loaded by then

        return Budget
    return None


def validate_file_data(model: type[Any], data: object, path: str | Path, what: str) -> Any:  # noqa: ANN401 - the model's instance
    """``model.model_validate(data)`` for data read from the file ``path``, its refusal in words.

    What [`load_report`][safeguarding_model.io.load_report] and
    [`load_budget`][safeguarding_model.io.load_budget] do once the file is read: a refusal is
    raised as a ``pydantic.ValidationError`` that is also a
    [`SafeguardingModelError`][safeguarding_model.errors.SafeguardingModelError], with its
    ``problems`` and a message listing them (at most ``MAX_PROBLEMS_SHOWN``).

    Args:
        model: The record class: ``AnnualReport`` or ``Budget`` (or another record).
        data: The data read from the file.
        path: The file, for the message.
        what: What the file should hold, for the message (``"report"``).

    Returns:
        The validated record.

    Raises:
        pydantic.ValidationError: For data the record refuses (also a ``SafeguardingModelError``).

    Examples:
        >>> from safeguarding_model import Budget, SafeguardingModelError
        >>> from safeguarding_model.validation import validate_file_data
        >>> try:
        ...     validate_file_data(Budget, {"period": "2015/17"}, "budget.yaml", "budget")
        ... except SafeguardingModelError as error:
        ...     print(error)
        budget.yaml: not a valid budget (1 problem)
          period: not a period ('2015/17') — a financial year spans two consecutive years, like '2015/16'
    """
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only when validating

    from safeguarding_model._records import FROM_FILE  # noqa: PLC0415 - with the model

    try:
        return model.model_validate(data, context={FROM_FILE: True})
    except ValidationError as error:
        raise _invalid(error, data, path, what, model) from None


def _invalid(
    error: Any,  # noqa: ANN401 - a pydantic ValidationError
    data: object,
    path: str | Path,
    what: str,
    model: type[Any],
) -> Exception:
    """``error`` again, as a ``ValidationError`` (and a ``SafeguardingModelError``) for people."""
    problems = _problems(error, data, model)
    cls = _invalid_class()
    raised: Any = cls.from_exception_data(error.title, _line_errors(error), hide_input=False)
    raised.problems = problems
    raised.path = Path(path)
    count = len(problems)
    head = f"{path}: not a valid {what} ({count} problem{'s' if count != 1 else ''})"
    lines = [head, *(f"  {problem}" for problem in problems[:MAX_PROBLEMS_SHOWN])]
    if count > MAX_PROBLEMS_SHOWN:
        lines.append(f"  and {count - MAX_PROBLEMS_SHOWN} more")
    raised.message = "\n".join(lines)
    exception: Exception = raised
    return exception


@functools.cache
def _invalid_class() -> type[Any]:
    """The class of the validation errors raised here, built when the first is raised."""
    from pydantic import ValidationError  # noqa: PLC0415 - pydantic only when a record was refused

    from safeguarding_model.errors import SafeguardingModelError  # noqa: PLC0415 - idem

    class InvalidRecordError(SafeguardingModelError, ValidationError):
        """A file that is not a valid report or budget: pydantic's error, with its problems in words."""

        problems: tuple[ValidationProblem, ...]
        path: Path
        message: str

        def __str__(self) -> str:
            return self.message

    InvalidRecordError.__module__ = __name__
    InvalidRecordError.__qualname__ = "InvalidRecordError"
    return InvalidRecordError


def _line_errors(error: Any) -> list[Any]:  # noqa: ANN401 - a pydantic ValidationError
    """``error``'s errors, in the form ``ValidationError.from_exception_data`` takes."""
    from typing import get_args  # noqa: PLC0415 - only when a record was refused

    from pydantic_core import PydanticCustomError  # noqa: PLC0415 - idem
    from pydantic_core.core_schema import ErrorType  # noqa: PLC0415 - idem

    known = set(get_args(ErrorType))
    details: list[Any] = []
    for item in error.errors(include_url=False):
        detail: dict[str, Any] = {"type": item["type"], "loc": item["loc"], "input": item["input"]}
        if "ctx" in item:
            detail["ctx"] = item["ctx"]
        if item["type"] not in known:  # a custom error: its message as it was
            detail["type"] = PydanticCustomError(item["type"], item["msg"].replace("{", "{{"))
            detail.pop("ctx", None)
        details.append(detail)
    return details


# How each of pydantic's error types reads: what is wrong, and what was expected.
_WORDS: dict[str, tuple[str, str]] = {
    "missing": ("missing", "expected a value: the field is required"),
    "extra_forbidden": ("not a field of this record", "expected one of its fields"),
    "string_type": ("not text", "expected text"),
    "string_too_short": ("too short", "expected at least {min_length} characters"),
    "string_too_long": ("too long", "expected at most {max_length} characters"),
    "string_pattern_mismatch": ("not in the required form", "expected text matching {pattern}"),
    "decimal_parsing": ("not a number", 'expected a number in digits, like 39.6 or "39.60"'),
    "decimal_type": ("not a number", 'expected a number in digits, like 39.6 or "39.60"'),
    "decimal_max_digits": ("too many digits", "expected at most {max_digits} digits"),
    "decimal_max_places": (
        "too many decimal places",
        "expected at most {decimal_places} decimal places",
    ),
    "int_parsing": ("not a whole number", "expected a whole number, like 12"),
    "int_type": ("not a whole number", "expected a whole number, like 12"),
    "int_from_float": ("not a whole number", "expected a whole number, like 12"),
    "bool_parsing": ("not true or false", "expected true or false"),
    "bool_type": ("not true or false", "expected true or false"),
    "literal_error": ("not one of the words allowed", "expected {expected}"),
    "enum": ("not one of the words allowed", "expected {expected}"),
    "list_type": ("not a list", "expected a list"),
    "tuple_type": ("not a list", "expected a list"),
    "too_short": ("too few items", "expected at least {min_length}"),
    "too_long": ("too many items", "expected at most {max_length}"),
    "dict_type": ("not a mapping", "expected a mapping of keys to values"),
    "model_type": ("not a mapping", "expected a mapping: the fields of {class_name}"),
    "model_attributes_type": ("not a mapping", "expected a mapping of fields"),
    "greater_than": ("too small", "expected more than {gt}"),
    "greater_than_equal": ("too small", "expected at least {ge}"),
    "less_than": ("too large", "expected less than {lt}"),
    "less_than_equal": ("too large", "expected at most {le}"),
    "multiple_of": ("not a multiple", "expected a multiple of {multiple_of}"),
    "finite_number": ("not a finite number", "expected a finite number"),
}
_DATE = 'expected a date written YYYY-MM-DD, like "2016-03-31"'
_NUMBER_TYPES = (int, Decimal, float)


def _words(kind: str, value: object, ctx: dict[str, Any]) -> tuple[str, str]:
    """What is wrong and what is expected, for one of pydantic's errors."""
    if kind.startswith(("date_", "datetime_")):
        return "not a date", _DATE
    if kind == "string_type" and isinstance(value, _NUMBER_TYPES) and not isinstance(value, bool):
        text = _plain_number(value)
        return "a number, not text", f'expected text: quote it, "{text}"'
    what, expected = _WORDS.get(kind, ("", ""))
    try:
        expected = expected.format(**ctx)
    except (KeyError, IndexError, ValueError):
        expected = ""
    return what, expected


def _plain_number(value: object) -> str:
    text = str(value)
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


_SHORT = 40
_FIELD_PREFIX = re.compile(
    r"(?P<field>[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]{1,40}\])?): (?P<rest>.+)", re.DOTALL
)
_EXPECTED_GOT = re.compile(r"expected (?P<expected>.+), got (?P<got>.+)", re.DOTALL)


def _shown(value: object) -> str:
    """``value`` as a file writes it, shortened: numbers plainly, text quoted, containers counted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _NUMBER_TYPES):
        return _plain_number(value) if not isinstance(value, int) else brief(value)
    if isinstance(value, dict):
        return f"a mapping of {len(value)} key{'s' if len(value) != 1 else ''}"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    return brief(value)


def _problems(
    error: Any,  # noqa: ANN401 - a pydantic ValidationError
    data: object,
    model: type[Any] | None,
) -> tuple[ValidationProblem, ...]:
    """The problems of ``error``: union branches collapsed, the same slip at many places once."""
    items = error.errors(include_url=False)
    found = [_problem(item, parts, data, model) for item, parts in _collapsed(items, data)]
    grouped: dict[tuple[Any, ...], list[ValidationProblem]] = {}
    for problem in found:
        key = (
            re.sub(r"(?<=\.)[0-9]+(?=\.|$)|^[0-9]+(?=\.|$)", "*", problem.path),
            problem.message,
            problem.expected,
            _shown(problem.value),
        )
        grouped.setdefault(key, []).append(problem)
    result: list[ValidationProblem] = []
    for same in grouped.values():
        first = same[0]
        result.append(
            ValidationProblem(
                path=first.path,
                message=first.message,
                value=first.value,
                expected=first.expected,
                kind=first.kind,
                places=tuple(problem.path for problem in same),
            )
        )
    return tuple(result)


def _collapsed(items: list[Any], data: object) -> list[tuple[Any, tuple[Any, ...]]]:
    """Each error with its path in the file, the branches of one union reduced to the best."""
    unions: dict[tuple[Any, ...], dict[object, list[tuple[Any, tuple[Any, ...]]]]] = {}
    order: list[tuple[Any, tuple[Any, ...]] | tuple[Any, ...]] = []  # an error, or a union's loc
    for item in items:
        parts, tag_at = _located(item, data)
        if tag_at is None:
            order.append((item, parts))
            continue
        prefix = tuple(item["loc"][:tag_at])
        if prefix not in unions:
            unions[prefix] = {}
            order.append(prefix)
        unions[prefix].setdefault(item["loc"][tag_at], []).append((item, parts))
    result: list[tuple[Any, tuple[Any, ...]]] = []
    for entry in order:
        if entry and isinstance(entry[0], dict):  # an error of no union
            result.append(entry)  # (item, parts)
        else:
            result.extend(_best_branch(list(unions[entry].values()), len(entry)))
    return result


def _located(item: Any, data: object) -> tuple[tuple[Any, ...], int | None]:  # noqa: ANN401 - a pydantic error
    """The error's path in ``data`` without union branch names, and where the first one was."""
    loc: tuple[Any, ...] = item["loc"]
    if data is None:
        return loc, None
    node: Any = data
    parts: list[Any] = []
    tag_at: int | None = None
    for position, part in enumerate(loc):
        found = (isinstance(node, dict) and isinstance(part, Hashable) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        if found:
            node = node[part]
            parts.append(part)
        elif position == len(loc) - 1 and item["type"] == "missing":
            parts.append(part)
        elif tag_at is None:  # not in the input: the name of a branch of a union
            tag_at = position
    return tuple(parts), tag_at


def _best_branch(
    branches: list[list[tuple[Any, tuple[Any, ...]]]], depth: int
) -> list[tuple[Any, tuple[Any, ...]]]:
    """The branch of a union that the value came nearest to matching."""

    def score(branch: list[tuple[Any, tuple[Any, ...]]]) -> tuple[int, int, int, int]:
        deepest = max(len(parts) for _, parts in branch)
        shape = sum(item["type"] in ("missing", "extra_forbidden") for item, _ in branch)
        own = sum(item["type"] == "value_error" for item, _ in branch)
        return (deepest, -shape, own, -len(branch))

    best = max(branches, key=score)
    if max(len(parts) for _, parts in best) > depth or len(branches) == 1:
        return best
    # The value matched none of the forms at all: one problem saying every form expected.
    item, parts = best[0]
    expected = []
    for branch in branches:
        branch_item = branch[0][0]
        words = _words(branch_item["type"], branch_item["input"], branch_item.get("ctx") or {})[1]
        if words and words not in expected:
            expected.append(words.removeprefix("expected "))
    merged = {**item, "ctx": {"expected": "; ".join(expected)}, "type": "union"}
    return [(merged, parts)]


def _problem(
    item: Any,  # noqa: ANN401 - a pydantic error
    parts: tuple[Any, ...],
    data: object,
    model: type[Any] | None,
) -> ValidationProblem:
    kind: str = item["type"]
    value: object = None if kind == "missing" else item["input"]
    ctx: dict[str, Any] = item.get("ctx") or {}
    path = list(parts)
    if kind == "union":
        what, expected = "not in any of the forms accepted", f"expected one of: {ctx['expected']}"
    elif kind == "value_error" and isinstance(ctx.get("error"), Exception):
        what, expected, value = _library_words(ctx["error"], path, value, data)
    else:
        what, expected = _words(kind, value, ctx)
        if kind == "extra_forbidden" and model is not None:
            expected = _other_fields(model, parts) or expected
        if not what:
            what = str(item["msg"])
    return ValidationProblem(
        path=_path_text(path),
        message=what,
        value=value,
        expected=expected,
        kind=kind,
        places=(),
    )


def _library_words(
    error: Exception, path: list[Any], value: object, data: object
) -> tuple[str, str, object]:
    """What is wrong, what is expected and the value, from one of the library's own refusals."""
    from safeguarding_model.errors import (  # noqa: PLC0415 - errors stay light
        PeriodParseError,
        UnknownIdError,
        ValueParseError,
    )

    if isinstance(error, InvalidInputError):
        _extend(path, error.field)
        what = "names nothing" if isinstance(error, UnknownIdError) else "not accepted"
        return what, f"expected {error.expected}", error.value
    if isinstance(error, PeriodParseError | ValueParseError):
        return f"not a {error.what}", error.reason, error.text
    trailing = _lost_zero(value)
    if trailing is not None:  # the number was written by something that reads floats
        path.append("number")
        return (
            f"the number lost the final zero of the printed {brief(trailing)}",
            (
                f'expected the number to the last digit printed: quote it, "{trailing}" '
                "(a reader or writer of floats drops a final zero)"
            ),
            _dig(data, path),
        )
    message = str(error)
    if (match := _FIELD_PREFIX.fullmatch(message)) is not None:
        _extend(path, match["field"])
        message = match["rest"]
    if (match := _EXPECTED_GOT.fullmatch(message)) is not None:
        return "not accepted", f"expected {match['expected']}", value
    return message, "", value


def _extend(path: list[Any], field: str) -> None:
    """Add ``field`` (an error's own name for where it is) to ``path``, unless it says it already."""
    if not path:
        path.extend(_split(field))
        return
    last = str(path[-1])
    if field == last:
        return
    if field.startswith((f"{last}[", f"{last}.")):
        path[-1] = field
    elif field.isidentifier():
        path.append(field)


def _split(field: str) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in field.split(".")]


def _lost_zero(value: object) -> str | None:
    """The printed text of a value whose number equals it but lost its final zeros, if so."""
    if not isinstance(value, dict):
        return None
    printed, number = value.get("printed"), value.get("number")
    if not isinstance(printed, str) or not isinstance(number, Decimal | int | str):
        return None
    from safeguarding_model.errors import ValueParseError  # noqa: PLC0415 - errors stay light
    from safeguarding_model.values import parse_value  # noqa: PLC0415 - the reading of a cell

    try:
        reading = parse_value(printed).number
        given = Decimal(str(number))
    except (ValueParseError, ArithmeticError, ValueError):
        return None
    if reading is None or reading != given or str(reading) == str(given):
        return None
    return str(reading)


def _dig(data: object, path: list[Any]) -> object:
    node: Any = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _path_text(parts: list[Any]) -> str:
    """Where in the file, as dotted keys and list positions (``observations.3.value``)."""
    shown = [
        part
        if isinstance(part, str) and len(part) <= _LONGEST_KEY and part.isprintable()
        else brief(part)
        if isinstance(part, str)
        else str(part)
        for part in parts
    ]
    return ".".join(shown) or "(the whole file)"


def _other_fields(model: type[Any], parts: tuple[Any, ...]) -> str:
    """The fields the record at ``parts`` has, or the one a misspelt key most likely meant."""
    import difflib  # noqa: PLC0415 - only for a misspelt key

    record = _record_at(model, parts[:-1])
    if record is None:
        return ""
    names = list(record.model_fields)
    key = parts[-1] if parts else None
    close = difflib.get_close_matches(key, names, n=1, cutoff=0.8) if isinstance(key, str) else []
    if close:
        return f"did you mean {close[0]!r}?"
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    if isinstance(key, str) and not key.isidentifier():  # 'Northern Police', '500)'
        return (
            f"expected one of its fields ({shown}); a key like this is often the rest of a text "
            "cut at a comma: quote text that holds a comma, a colon or '#' (in YAML's one-line "
            "{...} form above all)"
        )
    return f"expected one of its fields: {shown}"


def _record_at(model: type[Any], parts: tuple[Any, ...]) -> type[Any] | None:
    """The record class at ``parts`` below ``model``, when the path leads to one."""
    current: type[Any] | None = model
    for part in parts:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields is None or part not in fields:
            return None
        current = _record_in(fields[part].annotation)
    return current if hasattr(current, "model_fields") else None


def _record_in(annotation: object) -> type[Any] | None:
    """The first record class in a field's type (``Value | None``, ``tuple[Agency, ...]``)."""
    from typing import get_args  # noqa: PLC0415 - only for a misspelt key

    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return annotation
    for argument in get_args(annotation):
        found = _record_in(argument)
        if found is not None:
            return found
    return None
