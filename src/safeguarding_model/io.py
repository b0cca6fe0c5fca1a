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
import os
import re
import stat
from collections.abc import Hashable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from attrs import frozen

from safeguarding_model.errors import FileFormatError, InvalidInputError, brief

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

DEFAULT_MAX_BYTES = 100 * 1024 * 1024
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
            [`ValidationProblem`][safeguarding_model.io.ValidationProblem] (``errors()`` still
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
        safeguarding_model.io.InvalidRecordError: .../budget.yaml: not a valid budget (1 problem)
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

    budget: Budget = _validated(Budget, data, path, "budget")
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
        safeguarding_model.io.InvalidRecordError: .../report.json: not a valid report (2 problems)
          title: missing — expected a value: the field is required
          period: ...
    """
    data = read_data(path, max_bytes=max_bytes)  # first: a refused file costs no model import
    return _validated_report(data, path)


def _validated_report(data: object, path: str | Path) -> AnnualReport:
    from safeguarding_model.report import AnnualReport  # noqa: PLC0415 - the report model on first use

    report: AnnualReport = _validated(AnnualReport, data, path, "report")
    return report


# --- the file's bytes ------------------------------------------------------------------------


def _read_bytes(file: Path, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file, refusing anything else."""
    try:
        before = file.stat()  # follows links: a link to /dev/zero is a device here
    except OSError as error:
        raise _Refusal(f"cannot be read ({error.strerror or error})") from None
    _check_regular(before.st_mode)
    if before.st_size > max_bytes:
        raise _Refusal(_too_large(max_bytes))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(file, flags)  # non-blocking: a FIFO swapped in does not hang
    except OSError as error:
        raise _Refusal(f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        _check_regular(os.fstat(handle.fileno()).st_mode)  # what is open, not what was named
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


def _check_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = (
        "a directory"
        if stat.S_ISDIR(mode)
        else "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise _Refusal(f"expected a regular file, got {kind}")


def _too_large(max_bytes: int) -> str:
    return f"larger than the limit of {max_bytes:,} bytes (raise it with max_bytes or --max-size)"


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


# --- records: validation problems, for people and programs ------------------------------------

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
        >>> from safeguarding_model.io import validation_problems
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


def _validated(model: type[Any], data: object, path: str | Path, what: str) -> Any:  # noqa: ANN401 - the model's instance
    """``model.model_validate(data)``, its refusal raised with the problems in words."""
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
    trail: tuple[Any, ...] = ()
    for part in parts:
        trail = (trail, part)
    return _path(trail)


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
