"""Reading records from files: JSON always, YAML with the ``yaml`` extra.

A report file comes from someone else, so it is read as hostile until validated:

- only a regular file is read (not a directory, a FIFO, a device or a link to one), and at most
  ``max_bytes`` of it (``DEFAULT_MAX_BYTES``, 100 MiB, unless told otherwise);
- the text must be UTF-8 (a UTF-8 byte order mark is allowed);
- numbers are read as exact decimals, never floats (``12345678901234567.89`` stays that), and
  must be finite and of a sane size (see
  [`check_figure`][safeguarding_model.values.check_figure]); a text that reads whole as such a
  number is held to the same bound;
- containers nest at most ``MAX_DEPTH`` levels deep, and no text holds a lone surrogate;
- YAML is read without anchors and aliases, and without the YAML 1.1 readings that change a
  figure silently (``010`` is 8, ``1:30`` is 90, ``0x10`` is 16, ``1_000`` is 1000, ``yes`` is
  true): such a scalar is refused with its line, to be quoted or written plainly. Dates stay
  text, as in JSON.

Every refusal is a [`FileFormatError`][safeguarding_model.errors.FileFormatError] naming the file and
the line or field, never echoing more than a short piece of the input.

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

import codecs
import functools
import json
import re
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from safeguarding_model._files import DEFAULT_MAX_BYTES as _FILE_LIMIT
from safeguarding_model._files import FileRefusal, open_regular, too_large
from safeguarding_model.errors import FileFormatError, InvalidInputError, brief
from safeguarding_model.validation import (
    MAX_PROBLEMS_SHOWN,
    ValidationProblem,
    validate_file_data,
    validation_problems,
)

if TYPE_CHECKING:
    from safeguarding_model.budgets import Budget
    from safeguarding_model.report import AnnualReport

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_DEPTH",
    "MAX_PROBLEMS_SHOWN",
    "FileFormatError",
    "ValidationProblem",
    "load_budget",
    "load_report",
    "read_data",
    "validation_problems",
]

DEFAULT_MAX_BYTES = _FILE_LIMIT
"""The largest file read unless told otherwise: 100 MiB (a report of 200,000 observations is
about 45 MiB of compact JSON, 90 MiB indented)."""

MAX_DEPTH = 200
"""The deepest nesting of lists and mappings read from a file (a report needs fewer than ten)."""

_LONG_INT = 40
"""Integer literals longer than this are read as ``Decimal`` (then refused by the size check),
so that no integer conversion meets Python's 4,300-digit limit."""


class _Refusal(Exception):  # noqa: N818 - private; always turned into a FileFormatError
    """Raised inside the readers; ``read_data`` adds the file's name."""

    def __init__(self, reason: str, *, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def read_data(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:  # noqa: ANN401 - whatever the file holds, validated by the caller
    """The data in a JSON or YAML file (YAML needs the ``yaml`` extra: ``pip install safeguarding-model[yaml]``).

    Numbers come back as ``int`` or exact ``Decimal``; dates as text. See the module's
    description for everything that is refused.

    Args:
        path: The file; its suffix (``.json``, ``.yaml`` or ``.yml``) says how to read it.
        max_bytes: The largest file to read, in bytes.

    Raises:
        FileFormatError: For a missing file or one that is not a regular file, another suffix,
            a file over ``max_bytes``, text that is not UTF-8, malformed JSON or YAML, YAML
            without PyYAML installed, and the numbers, nesting, texts and YAML forms refused
            above.
        InvalidInputError: For a ``max_bytes`` that is not a positive whole number.

    Examples:
        >>> import pathlib, tempfile
        >>> from safeguarding_model.io import read_data
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "figures.json"
        >>> _ = path.write_text('{"number": 12345678901234567.89}')
        >>> read_data(path)
        {'number': Decimal('12345678901234567.89')}
        >>> _ = path.write_text('[' * 1000 + ']' * 1000)
        >>> read_data(path)
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.FileFormatError: .../figures.json: nested more than 200 levels deep
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError("max_bytes", max_bytes, "a whole number of bytes of at least 1")
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (".json", ".yaml", ".yml"):
        raise FileFormatError(path, "expected a .json, .yaml or .yml file")
    try:
        text = _decode(_read_bytes(file, max_bytes))
        data = _parse_json(text) if suffix == ".json" else _parse_yaml(text)
        _check_tree(data, escapes=_may_hold_surrogates(text))
    except _Refusal as refusal:
        raise FileFormatError(path, refusal.reason, line=refusal.line) from None
    return data


def load_budget(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Budget:
    r"""A [`Budget`][safeguarding_model.Budget] from a JSON or YAML file, validated.

    The file holds a budget, or a whole report whose ``budget`` is taken (the report is validated
    whole, so that its budget lines' agencies are checked against the report's agencies). A file
    is read as a report when its top level has none of a budget's ``income`` and
    ``expenditure`` but some of a report's ``id``, ``arrangement``, ``area`` or ``budget``.

    Args:
        path: The file.
        max_bytes: The largest file to read, in bytes.

    Raises:
        FileFormatError: When the file cannot be read (see [`read_data`][safeguarding_model.io.read_data]),
            or is a report without a budget.
        pydantic.ValidationError: When the data is not a valid budget (or report). The error is
            also a [`SafeguardingModelError`][safeguarding_model.SafeguardingModelError]; its
            message lists the first 20 problems in words, one line each, never the input itself,
            and its ``problems`` holds every one as a
            [`ValidationProblem`][safeguarding_model.validation.ValidationProblem] (``errors()`` still
            gives pydantic's own list).

    Examples:
        >>> import pathlib, tempfile
        >>> from safeguarding_model.io import load_budget
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "budget.yaml"
        >>> _ = path.write_text("period: 2015/16\nincome: {sections: []}\nexpenditure: {sections: []}\n")
        >>> load_budget(path).period
        FinancialYear(start_year=2015)
        >>> _ = path.write_text("period: 2015/16\nincome: {sections: [{name: A, lines: [{label: x, amount: 1.505}]}]}\nexpenditure: {sections: []}\n")
        >>> load_budget(path)
        Traceback (most recent call last):
        ...
        safeguarding_model.validation.InvalidRecordError: .../budget.yaml: not a valid budget (1 problem)
          income.sections.0.lines.0.amount: not accepted (1.505) — expected pounds with at most two decimal places (whole pence)
    """
    data = read_data(path, max_bytes=max_bytes)  # first: a refused file costs no model import
    if _is_report(data):
        report = _validated_report(data, path)
        if report.budget is None:
            raise FileFormatError(
                path, "a report without a budget; expected a budget file, or a report with a budget"
            )
        return report.budget

    from safeguarding_model.budgets import Budget  # noqa: PLC0415 - the budget model on first use

    budget: Budget = validate_file_data(Budget, data, path, "budget")
    return budget


def _is_report(data: object) -> bool:
    """Whether ``data`` is a report rather than a budget (see ``load_budget``)."""
    return (
        isinstance(data, dict)
        and "income" not in data
        and "expenditure" not in data
        and any(key in data for key in ("id", "arrangement", "area", "budget"))
    )


def load_report(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> AnnualReport:
    """An [`AnnualReport`][safeguarding_model.AnnualReport] from a JSON or YAML file, validated.

    ``path`` and ``max_bytes`` are read as [`load_budget`][safeguarding_model.io.load_budget]
    reads them, and the same errors are raised: ``FileFormatError`` for a file that cannot be
    read, ``pydantic.ValidationError`` (with its ``problems`` in words) for data that is not a
    valid report.

    Examples:
        >>> import json, pathlib, tempfile
        >>> from safeguarding_model.io import load_report
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "report.json"
        >>> _ = path.write_text(json.dumps({"id": "x", "title": "X", "arrangement": "board", "area": {"name": "X"}, "period": "2015/16"}))
        >>> load_report(path).title
        'X'
        >>> _ = path.write_text(json.dumps({"id": "x", "arrangement": "board", "area": {"name": "X"}, "period": 2015}))
        >>> load_report(path)
        Traceback (most recent call last):
        ...
        safeguarding_model.validation.InvalidRecordError: .../report.json: not a valid report (2 problems)
          title: missing — expected a value: the field is required
          period: ...
    """
    data = read_data(path, max_bytes=max_bytes)  # first: a refused file costs no model import
    return _validated_report(data, path)


def _validated_report(data: object, path: str | Path) -> AnnualReport:
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415 - the report model on first use

    report: AnnualReport = validate_file_data(AnnualReport, data, path, "report")
    return report


# --- the file's bytes ------------------------------------------------------------------------


def _read_bytes(file: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file, refusing anything else."""
    try:
        handle = open_regular(file, max_bytes, hint=_RAISE_IT)
    except FileRefusal as refusal:
        raise _Refusal(refusal.reason) from None
    with handle:
        chunks: list[bytes] = []
        left = max_bytes + 1  # one byte more than allowed shows a file that grew
        try:
            while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
                chunks.append(chunk)
                left -= len(chunk)
        except OSError as error:
            raise _Refusal(f"cannot be read ({error.strerror or error})") from None
    if left <= 0:
        raise _Refusal(_too_large(max_bytes))
    return b"".join(chunks)


_RAISE_IT = "max_bytes or --max-size"
"""How a caller raises the size limit: the keyword, or the command line's option."""


def _too_large(max_bytes: int) -> str:
    return too_large(max_bytes, hint=_RAISE_IT)


_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(data: bytes) -> str:
    """The text of a UTF-8 file, without a UTF-8 byte order mark."""
    data = data.removeprefix(codecs.BOM_UTF8)
    for bom, name in _OTHER_BOMS:
        if data.startswith(bom):
            raise _Refusal(f"not UTF-8: it starts with a {name} byte order mark; save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise _Refusal(
            f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} "
            f"({error.reason}); save it as UTF-8",
            line=line,
        ) from None


# --- JSON ------------------------------------------------------------------------------------


class _NotFinite(Exception):  # noqa: N818 - private; becomes a refusal
    def __init__(self, constant: str) -> None:
        super().__init__(constant)
        self.constant = constant


def _json_constant(constant: str) -> object:
    raise _NotFinite(constant)


def _json_int(text: str) -> int | Decimal:
    return int(text) if len(text) <= _LONG_INT else Decimal(text)


class _DuplicateKey(Exception):  # noqa: N818 - private; becomes a refusal
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object, refusing a key given twice (``json`` would keep the last and lose the first)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


def _duplicate_message(key: object) -> str:
    return (
        f"the key {brief(key)} is given twice in one mapping; say each field once "
        "(a reader would keep only one of the two)"
    )


def _parse_json(text: str) -> Any:  # noqa: ANN401 - whatever the file holds
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=_json_int,
            parse_constant=_json_constant,
            object_pairs_hook=_json_object,
        )
    except json.JSONDecodeError as error:
        raise _Refusal(
            f"not valid JSON: {error.msg} at column {error.colno}", line=error.lineno
        ) from None
    except _NotFinite as error:
        raise _Refusal(
            f"not valid JSON: {error.constant} is not a number JSON allows (figures must be finite)"
        ) from None
    except _DuplicateKey as error:
        raise _Refusal(_duplicate_message(error.key)) from None
    except RecursionError:
        raise _Refusal(f"nested more than {MAX_DEPTH} levels deep") from None


# --- YAML ------------------------------------------------------------------------------------

_YAML_INT = "tag:yaml.org,2002:int"
_YAML_FLOAT = "tag:yaml.org,2002:float"
_YAML_BOOL = "tag:yaml.org,2002:bool"
_YAML_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)", re.ASCII)
_PLAIN_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)
_NOT_FINITE = re.compile(r"[-+]?\.?(?:inf|infinity|nan)", re.ASCII | re.IGNORECASE)
_YAML_INT_FORM = (
    r"[-+]?(?:0[0-9_]+|0x[0-9a-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*)"
)
_YAML_INT_FORMS = re.compile(_YAML_INT_FORM, re.ASCII | re.IGNORECASE)
_YAML_FLOAT_FORMS = re.compile(
    _YAML_INT_FORM + r"(?:\.[0-9_]*)?(?:e[-+]?[0-9]+)?", re.ASCII | re.IGNORECASE
)
_BOOLEANS = {"true": True, "false": False}


def _yaml_line(node: Any) -> int | None:  # noqa: ANN401 - a PyYAML node
    mark = getattr(node, "start_mark", None)
    return None if mark is None else int(mark.line) + 1


def _refuse_yaml_form(node: Any, text: str, forms: re.Pattern[str], what: str, kinds: str) -> None:  # noqa: ANN401 - a PyYAML node
    """Refuse ``text`` if it is one of ``forms`` (named ``kinds``), which YAML 1.1 and 1.2 read differently."""
    if forms.fullmatch(text):
        message = f"{brief(text)} is {what} in a form YAML versions read differently ({kinds})"
        raise _Refusal(f"{message}; {_quote_hint(text)}", line=_yaml_line(node))


def _quote_hint(text: str) -> str:
    shown = text if len(text) <= 20 else text[:20] + "…"
    return f'quote it, like "{shown}", to keep it as text, or write the figure in plain digits'


@functools.cache
def _yaml_parts() -> tuple[type[Any], type[Any], type[Any]]:  # noqa: C901 - three small classes
    """Our composer, constructor and resolver, shared by both loaders."""
    from yaml.composer import Composer  # noqa: PLC0415 - an optional extra
    from yaml.constructor import SafeConstructor  # noqa: PLC0415
    from yaml.events import AliasEvent, CollectionStartEvent  # noqa: PLC0415
    from yaml.resolver import Resolver  # noqa: PLC0415

    class _Composer(Composer):
        """Refuses anchors and aliases before anything is expanded, and deep nesting."""

        _depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: ANN401 - PyYAML's nodes
            events: Any = self  # the parser half of the loader supplies the events
            event = events.peek_event()
            line = int(event.start_mark.line) + 1
            if isinstance(event, AliasEvent) or event.anchor is not None:
                reason = "anchors and aliases (&name, *name) are not accepted in report files"
                raise _Refusal(reason, line=line)
            nested = isinstance(event, CollectionStartEvent)
            if nested:
                self._depth += 1
                if self._depth > MAX_DEPTH:
                    raise _Refusal(f"nested more than {MAX_DEPTH} levels deep", line=line)
            try:
                return super().compose_node(parent, index)
            finally:
                if nested:
                    self._depth -= 1

    class _Resolver(Resolver):
        """PyYAML's resolver, with YAML 1.2's octal form marked as an integer (to be refused)."""

    # YAML 1.2 reads 0o10 as 8; YAML 1.1 (PyYAML) as text. Either way, say so rather than guess.
    _Resolver.add_implicit_resolver(
        _YAML_INT, re.compile(r"^[-+]?0o[0-7_]+$", re.ASCII), list("-+0")
    )

    class _Constructor(SafeConstructor):
        """Numbers exact (``int``, ``Decimal``), dates as text, YAML 1.1 surprises refused."""

        def construct_exact_int(self, node: Any) -> int | Decimal:  # noqa: ANN401 - a PyYAML node
            text = str(self.construct_scalar(node))
            if _PLAIN_INT.fullmatch(text):
                return _json_int(text)
            kinds = "octal, hexadecimal, binary, sexagesimal or with '_'"
            _refuse_yaml_form(node, text, _YAML_INT_FORMS, "an integer", kinds)
            raise _Refusal(f"{brief(text)} is not a whole number", line=_yaml_line(node))

        def construct_exact_float(self, node: Any) -> Decimal:  # noqa: ANN401 - a PyYAML node
            text = str(self.construct_scalar(node))
            if _PLAIN_FLOAT.fullmatch(text) or _PLAIN_INT.fullmatch(text):
                return Decimal(text)
            if _NOT_FINITE.fullmatch(text):
                raise _Refusal(
                    f"{brief(text)} is not a finite number; figures must be finite",
                    line=_yaml_line(node),
                )
            kinds = "sexagesimal or with '_'"
            _refuse_yaml_form(node, text, _YAML_FLOAT_FORMS, "a number", kinds)
            raise _Refusal(f"{brief(text)} is not a number", line=_yaml_line(node))

        def construct_strict_bool(self, node: Any) -> bool:  # noqa: ANN401 - a PyYAML node
            text = str(self.construct_scalar(node))
            if text.lower() not in _BOOLEANS:
                raise _Refusal(
                    f"{brief(text)} is a YAML 1.1 boolean ({text} means "
                    f"{text.lower() in ('yes', 'on')}); write true or false, or quote it "
                    f"('\"{text}\"') to keep it as text",
                    line=_yaml_line(node),
                )
            return _BOOLEANS[text.lower()]

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:  # noqa: ANN401, FBT001, FBT002 - PyYAML's signature
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if isinstance(key, Hashable):
                    if key in seen:
                        raise _Refusal(_duplicate_message(key), line=_yaml_line(key_node))
                    seen.add(key)
            mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
            return mapping

        def construct_text(self, node: Any) -> str:  # noqa: ANN401 - a PyYAML node
            return str(self.construct_scalar(node))

        def refuse_tag(self, node: Any) -> NoReturn:  # noqa: ANN401 - a PyYAML node
            tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
            raise _Refusal(
                f"the tag {brief(tag)} is not accepted: report files hold mappings, lists, "
                "text, numbers, true, false and null, as JSON does",
                line=_yaml_line(node),
            )

    registry: Any = _Constructor  # PyYAML's stubs bind add_constructor to its own loaders
    registry.add_constructor(_YAML_INT, _Constructor.construct_exact_int)
    registry.add_constructor(_YAML_FLOAT, _Constructor.construct_exact_float)
    registry.add_constructor(_YAML_BOOL, _Constructor.construct_strict_bool)
    for tag in (_YAML_TIMESTAMP, "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"):
        registry.add_constructor(tag, _Constructor.construct_text)  # dates stay text, as in JSON
    for tag in ("binary", "omap", "pairs", "set"):
        registry.add_constructor(f"tag:yaml.org,2002:{tag}", _Constructor.refuse_tag)
    return _Composer, _Constructor, _Resolver


@functools.cache
def _yaml_loader(*, libyaml: bool = True) -> type[Any]:
    """The loader: libyaml's parser when PyYAML has it (and ``libyaml``), else PyYAML's own."""
    import yaml  # noqa: PLC0415 - an optional extra

    composer, constructor, resolver = _yaml_parts()
    if libyaml and getattr(yaml, "__with_libyaml__", False):
        from yaml._yaml import CParser  # noqa: PLC0415 - only when PyYAML was built with libyaml

        class _CLoader(composer, CParser, constructor, resolver):  # type: ignore[misc,valid-type] # built at run time
            def __init__(self, stream: str) -> None:
                CParser.__init__(self, stream)
                composer.__init__(self)
                constructor.__init__(self)
                resolver.__init__(self)

        return _CLoader

    from yaml.parser import Parser  # noqa: PLC0415 - an optional extra
    from yaml.reader import Reader  # noqa: PLC0415
    from yaml.scanner import Scanner  # noqa: PLC0415

    class _PyLoader(Reader, Scanner, Parser, composer, constructor, resolver):  # type: ignore[misc,valid-type] # built at run time
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            composer.__init__(self)
            constructor.__init__(self)
            resolver.__init__(self)

    return _PyLoader


def _parse_yaml(text: str, *, loader: type[Any] | None = None) -> Any:  # noqa: ANN401 - whatever the file holds
    try:
        import yaml  # noqa: PLC0415 - an optional extra
    except ImportError:
        raise _Refusal(
            "reading YAML needs PyYAML: pip install 'safeguarding-model[yaml]'"
        ) from None
    chosen = loader or _yaml_loader()
    parser = chosen(text)
    try:
        return parser.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(error.problem or error.context or "a syntax error").split())
        line = None if mark is None else int(mark.line) + 1
        column = "" if mark is None else f" at column {int(mark.column) + 1}"
        raise _Refusal(f"not valid YAML: {problem}{column}", line=line) from None
    except yaml.YAMLError as error:
        raise _Refusal(f"not valid YAML: {brief(str(error))}") from None
    finally:
        parser.dispose()


# --- what any file may hold ------------------------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\[uU]")
_NUMERIC_TEXT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?", re.ASCII)
_NUMBER_START = frozenset("+-.0123456789")
_MOST_DIGITS = 30  # values.MAX_FIGURE_DIGITS, without importing pydantic to read a file
_MOST_EXPONENT = 30  # values.MAX_FIGURE_EXPONENT
_LARGEST_INT = 10**_MOST_DIGITS
_SURELY_WITHIN = 30
"""Text this short without an exponent has at most 30 digits and a size within 1E±29."""


def _may_hold_surrogates(text: str) -> bool:
    """Whether a string read from ``text`` may hold a lone surrogate (only escapes make one)."""
    return _ESCAPE.search(text) is not None


def _check_tree(data: Any, *, escapes: bool) -> None:  # noqa: ANN401 - whatever the file holds
    """Refuse deep nesting, out-of-range numbers and lone surrogates, naming where they are."""
    # Iterative, so that depth costs no stack; each container keeps its trail (parent's trail,
    # key) so that a message can name the field; the scalar tests are cheap first.
    if not isinstance(data, dict | list):
        _check_scalar(data, (), escapes=escapes)
        return
    stack: list[tuple[Any, int, tuple[Any, ...]]] = [(data, 0, ())]
    while stack:
        node, depth, trail = stack.pop()
        if depth > MAX_DEPTH:
            raise _Refusal(f"nested more than {MAX_DEPTH} levels deep")
        for key, value in node.items() if type(node) is dict else enumerate(node):
            kind = type(value)
            if kind is str:
                if escapes or (
                    value[:1] in _NUMBER_START
                    and (len(value) > _SURELY_WITHIN or "e" in value or "E" in value)
                ):
                    _check_scalar(value, (trail, key), escapes=escapes)
            elif kind is dict or kind is list:
                stack.append((value, depth + 1, (trail, key)))
            elif kind is Decimal or kind is int:
                _check_scalar(value, (trail, key), escapes=escapes)
            if escapes and type(key) is str:
                _check_text(key, (trail, key), key=True)


def _check_scalar(value: object, trail: tuple[Any, ...], *, escapes: bool) -> None:
    if isinstance(value, Decimal):
        if not _within(value):
            _refuse_number(value, trail)
    elif isinstance(value, int) and not isinstance(value, bool):
        if not -_LARGEST_INT < value < _LARGEST_INT:  # more digits than any figure has
            _refuse_number(Decimal(value), trail)
    elif isinstance(value, str):
        if escapes:
            _check_text(value, trail, key=False)
        if value[:1] in _NUMBER_START and _NUMERIC_TEXT.fullmatch(value):
            number = Decimal(value)
            if not _within(number):
                _refuse_number(number, trail, printed=value)


def _within(number: Decimal) -> bool:
    """Whether ``number`` is a figure of sane size (the quick test; ``check_figure`` says why not)."""
    if not number.is_finite() or len(number.as_tuple().digits) > _MOST_DIGITS:
        return False
    return not number or -_MOST_EXPONENT <= number.adjusted() <= _MOST_EXPONENT


def _refuse_number(number: Decimal, trail: tuple[Any, ...], printed: str | None = None) -> None:
    from safeguarding_model.values import check_figure  # noqa: PLC0415 - the figure bound lives with values

    try:
        check_figure(number, field=_path(trail))
    except InvalidInputError as error:
        shown = brief(printed) if printed is not None else brief(error.value)
        raise _Refusal(f"{error.field}: expected {error.expected}, got {shown}") from None


def _check_text(text: str, trail: tuple[Any, ...], *, key: bool) -> None:
    if (match := _SURROGATE.search(text)) is not None:
        what = "a key" if key else "text"
        raise _Refusal(
            f"{_path(trail)}: {what} with a lone surrogate {match.group()!a} "
            "(an escape that is not a character); expected text"
        )


def _path(trail: tuple[Any, ...]) -> str:
    parts: list[str] = []
    while trail:
        trail, key = trail
        plain = isinstance(key, str) and len(key) <= 40 and key.isprintable()
        parts.append(key if plain else brief(key) if isinstance(key, str) else str(key))
    return ".".join(reversed(parts)) or "(the whole file)"
