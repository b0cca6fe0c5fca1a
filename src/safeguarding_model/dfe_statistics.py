r"""Department for Education statistics files, read into typed figures.

The Department for Education publishes its official statistics (children in need, child
protection plans, children looked after ...) as tidy CSV files for its statistics service: one
row per period, area and breakdown, with the time and geography columns the department's open
data standards fix, then filter columns (a category, a population type) and measure columns.
[`read_dfe_statistics`][safeguarding_model.dfe_statistics.read_dfe_statistics] turns such a file
into an [`OfficialTable`][safeguarding_model.official.OfficialTable], one
[`PublishedFigure`][safeguarding_model.official.PublishedFigure] for each measure cell of each
row, each with its file, line and column.

Which columns are measures, and what they measure, a
[`DfeMeasure`][safeguarding_model.dfe_statistics.DfeMeasure] says; ``DFE_MEASURES`` maps the
common children's social care columns, and a mapping of your own extends it.

The file is read as hostile until read: at most ``max_bytes`` of it (100 MiB unless told
otherwise), UTF-8 text (a byte order mark is allowed), a header naming the time and geography
columns, the same number of cells on every row, and every measure cell a number or one of the
department's symbols. Anything else raises a
[`FileFormatError`][safeguarding_model.errors.FileFormatError] naming the line, the column and
the start of the cell.

Examples:
    >>> import io
    >>> from safeguarding_model.dfe_statistics import read_dfe_statistics
    >>> text = (
    ...     "time_period,time_identifier,geographic_level,country_code,country_name,"
    ...     "At31_episodes,At31_episodes_rate\n"
    ...     "2016,Reporting year,National,E92000001,England,394400,337.3\n"
    ... )
    >>> table = read_dfe_statistics(io.StringIO(text), name="cin.csv")
    >>> [(f.observation.indicator, str(f.observation.value.number)) for f in table]
    [('cin-at-31-march', '394400'), ('cin-rate-at-31-march', '337.3')]
    >>> table.figures[1].observation.count.number
    Decimal('394400')
"""

from __future__ import annotations

import csv
import functools
import io
import math
import os
import re
from collections.abc import Generator, Iterable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Final

import attrs
from pydantic import ValidationError

from safeguarding_model._checked import (
    checked_observation,
    checked_provenance_at,
    checked_value,
    collection_paused,
)
from safeguarding_model._files import (
    DEFAULT_MAX_BYTES,
    BoundedReader,
    FileRefusal,
    open_regular,
    too_large,
)
from safeguarding_model._frozen import FrozenDict
from safeguarding_model.errors import FileFormatError, InvalidInputError, ValueParseError, brief
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind
from safeguarding_model.markers import Polarity
from safeguarding_model.official import OfficialLayout, OfficialTable, PublishedFigure
from safeguarding_model.periods import period_from_dfe
from safeguarding_model.values import Value, ValueStatus, parse_value

if TYPE_CHECKING:
    from safeguarding_model.periods import Period

__all__ = ["DFE_MEASURES", "DfeMeasure", "read_dfe_statistics"]

_DEFAULT_MAX_BYTES: Final = DEFAULT_MAX_BYTES
"""The largest file read unless told otherwise: the same 100 MiB as
[`io.DEFAULT_MAX_BYTES`][safeguarding_model.io.DEFAULT_MAX_BYTES] (the readers sit side by side
and do not import each other)."""

_MAX_CELL: Final = 200
"""The longest measure cell read: a figure or symbol needs far fewer characters."""


# --- measures --------------------------------------------------------------------------------


def _kind(value: object) -> MeasureKind:
    try:
        return MeasureKind(value if isinstance(value, str) else repr(value))
    except ValueError:
        expected = ", ".join(repr(kind.value) for kind in MeasureKind)
        raise InvalidInputError("kind", value, f"one of {expected}") from None


def _polarity(value: object) -> Polarity:
    return Polarity.parse(value)  # type: ignore[arg-type]  # anything else is refused there


def _optional_column(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("column", value, "the name of a column of the same file, or None")
    return value


@attrs.frozen
class DfeMeasure:
    """What a measure column of a DfE statistics file measures.

    Attributes:
        id: The indicator's id: lower-case words joined by hyphens.
        name: The indicator's name, for people.
        kind: What is measured: ``"count"``, ``"rate"``, ``"percentage"`` ...
        per: For a rate, its base (10000 for a rate per 10,000 children).
        population: What the denominator counts (``"child"`` is children aged 0-17).
        polarity: Whether higher is better, worse, or neither (the default).
        count_column: The column of the same row that holds this figure's numerator, if any.
        denominator_column: The column of the same row that holds its denominator, if any.

    Raises:
        InvalidInputError: For a kind, polarity or column name that is not one, or a definition
            that is not an indicator (an id with capitals, a rate without ``per``, a count with
            one).

    Examples:
        >>> from safeguarding_model.dfe_statistics import DfeMeasure
        >>> cla_rate = DfeMeasure(
        ...     "cla-rate", "Children looked after per 10,000 children", "rate",
        ...     per=10_000, population="child", count_column="number",
        ... )
        >>> cla_rate.indicator.per, cla_rate.count_column
        (<RateBase.PER_TEN_THOUSAND: 10000>, 'number')
        >>> DfeMeasure("cla-rate", "Children looked after", "rate")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: measure: expected a definition of an indicator (per: expected a base (such as 10000) for the rate indicator 'cla-rate', got None), got 'cla-rate'
    """

    id: str
    name: str
    kind: MeasureKind = attrs.field(converter=_kind)
    per: int | None = attrs.field(default=None, kw_only=True)
    population: str | None = attrs.field(default=None, kw_only=True)
    polarity: Polarity = attrs.field(
        default=Polarity.NO_JUDGEMENT, converter=_polarity, kw_only=True
    )
    count_column: str | None = attrs.field(default=None, converter=_optional_column, kw_only=True)
    denominator_column: str | None = attrs.field(
        default=None, converter=_optional_column, kw_only=True
    )
    _indicator: IndicatorDefinition = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Build the indicator once, refusing a definition that is not one."""
        try:
            indicator = IndicatorDefinition.model_validate(
                {
                    "id": self.id,
                    "name": self.name,
                    "kind": self.kind,
                    "per": self.per,
                    "population": self.population,
                    "polarity": self.polarity,
                }
            )
        except ValidationError as error:
            first = error.errors()[0]
            reason = str(first["msg"]).removeprefix("Value error, ")
            where = ".".join(str(part) for part in first["loc"])
            if where and not reason.startswith(f"{where}:"):
                reason = f"{where}: {reason}"
            raise InvalidInputError(
                "measure", self.id, f"a definition of an indicator ({reason})"
            ) from None
        object.__setattr__(self, "_indicator", indicator)

    @property
    def indicator(self) -> IndicatorDefinition:
        """The indicator this measure's figures are of."""
        return self._indicator


_CIN_COUNT = DfeMeasure(
    "cin-at-31-march",
    "Children in need at 31 March (episodes)",
    "count",
    population="child",
)
_CIN_RATE = DfeMeasure(
    "cin-rate-at-31-march",
    "Children in need at 31 March per 10,000 children aged 0-17",
    "rate",
    per=10_000,
    population="child",
    count_column="at31_episodes",
)
_CPP_COUNT = DfeMeasure(
    "cpp-at-31-march",
    "Children subject to a child protection plan at 31 March",
    "count",
    population="child",
)
_CPP_RATE = DfeMeasure(
    "cpp-rate-at-31-march",
    "Children subject to a child protection plan at 31 March per 10,000 children aged 0-17",
    "rate",
    per=10_000,
    population="child",
    count_column="cpp_at31",
)
_CPP_STARTING = DfeMeasure(
    "cpp-starting",
    "Children who became the subject of a child protection plan in the year",
    "count",
    population="child",
)

DFE_MEASURES: Final[Mapping[str, DfeMeasure]] = FrozenDict(
    {
        "at31_episodes": _CIN_COUNT,
        "at31_episodes_rate": _CIN_RATE,
        "cpp_at31": _CPP_COUNT,
        "cpp_at31_rate": _CPP_RATE,
        "cpp_child_start": _CPP_STARTING,
    }
)
"""The measure columns read unless told otherwise: children's social care tables.

| column | indicator | what it holds |
| --- | --- | --- |
| ``At31_episodes`` | ``cin-at-31-march`` | children in need at 31 March (episodes), a count (children in need table) |
| ``At31_episodes_rate`` | ``cin-rate-at-31-march`` | the same per 10,000 children aged 0-17; its count is ``At31_episodes`` |
| ``CPP_At31`` | ``cpp-at-31-march`` | children subject to a child protection plan at 31 March, a count |
| ``CPP_At31_rate`` | ``cpp-rate-at-31-march`` | the same per 10,000 children aged 0-17; its count is ``CPP_At31`` |
| ``CPP_child_start`` | ``cpp-starting`` | children who became the subject of a plan in the year, a count |

Columns are matched as headers are (case and spaces do not matter). A table's generic columns
(``number``, ``rate_per_10000`` in the children looked after table) are not mapped, because the
same names mean other things in other tables: map them for the file you read, extending this
mapping, and map each name a release has used (``number`` and, later, ``children_count``) to
the same measure:

Examples:
    >>> from safeguarding_model.dfe_statistics import DFE_MEASURES, DfeMeasure
    >>> cla = DfeMeasure("cla-at-31-march", "Children looked after at 31 March", "count")
    >>> measures = {**DFE_MEASURES, "number": cla, "children_count": cla}
    >>> sorted(DFE_MEASURES)[:2]
    ['at31_episodes', 'at31_episodes_rate']
"""


# --- the standard's columns and symbols -----------------------------------------------------

_TIME_PERIOD: Final = "time_period"
_TIME_IDENTIFIER: Final = "time_identifier"
_LEVEL: Final = "geographic_level"
_REQUIRED: Final = (_TIME_PERIOD, _TIME_IDENTIFIER, _LEVEL)

_RENAMED: Final = {"geographical_level": _LEVEL}
"""Headers read as another: a spelling some files use for a standard column."""

_LEVELS: Final[Mapping[str, tuple[str, str]]] = {
    "national": ("country_code", "country_name"),
    "regional": ("region_code", "region_name"),
    "local authority": ("new_la_code", "la_name"),
    "local authority district": ("lad_code", "lad_name"),
    "local skills improvement plan area": ("lsip_code", "lsip_name"),
    "parliamentary constituency": ("pcon_code", "pcon_name"),
    "local enterprise partnership": (
        "local_enterprise_partnership_code",
        "local_enterprise_partnership_name",
    ),
    "english devolved area": ("english_devolved_area_code", "english_devolved_area_name"),
    "opportunity area": ("opportunity_area_code", "opportunity_area_name"),
    "ward": ("ward_code", "ward_name"),
    "mat": ("trust_id", "trust_name"),
    "sponsor": ("sponsor_id", "sponsor_name"),
    "school": ("school_urn", "school_name"),
    "provider": ("provider_ukprn", "provider_name"),
    "institution": ("institution_id", "institution_name"),
    "planning area": ("planning_area_code", "planning_area_name"),
}
"""Each geographic level the standard defines: the columns of its area's code and name."""

_GEOGRAPHY: Final = frozenset(
    {
        _TIME_PERIOD,
        _TIME_IDENTIFIER,
        _LEVEL,
        "old_la_code",
        "school_laestab",
        "rsc_region_lead_name",
        *(column for pair in _LEVELS.values() for column in pair),
    }
)
"""The standard's time and geography columns: never filters, never measures."""

_KEPT_GEOGRAPHY: Final = ("old_la_code",)
"""Geography columns kept in each figure's breakdown (the three-digit local authority number)."""

_SYMBOLS: Final[Mapping[str, tuple[ValueStatus, str]]] = {
    "c": (ValueStatus.SUPPRESSED, "confidential"),
    "low": (ValueStatus.LOW, "rounds to zero, but is not zero"),
    "~": (ValueStatus.LOW, "rounds to zero, but is not zero (the older symbol)"),
    "x": (ValueStatus.MISSING, "not available"),
    ":": (ValueStatus.MISSING, "not available (the older symbol)"),
    "..": (ValueStatus.MISSING, "not available (the older symbol)"),
    "z": (ValueStatus.NOT_APPLICABLE, "not applicable"),
    "u": (ValueStatus.MISSING, "low reliability"),
}
"""The department's symbols (and the GSS ones they follow): status and meaning."""

_SYMBOL_LIST: Final = "c, low, x, z, u, or the older :, .. and ~"
_LOW_RELIABILITY: Final = re.compile(
    r"(?P<number>-?[0-9]+(?:\.[0-9]+)?)\s*(?:u|\[u\])", re.ASCII | re.IGNORECASE
)
_PLAIN: Final = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)
_SURELY_A_FIGURE: Final = 20
"""Characters of a plain number read without parse_value: within the figure bound by its length."""


def _normal(header: str) -> str:
    """A header as compared: lower case, spaces and underscores as one underscore."""
    return "_".join(header.replace("_", " ").lower().split())


@functools.lru_cache(maxsize=16_384)
def _value(cell: str) -> Value:
    """A measure cell read: a number as printed or a symbol's status (``ValueParseError`` if neither)."""
    text = cell.strip()
    if _PLAIN.fullmatch(text):
        if len(text) <= _SURELY_A_FIGURE and text == cell and not text.startswith("-0"):
            # what parse_value reads a plain number as: this number, to the digit, final,
            # within check_figure's bound (at most 20 digits and not below 1E-19 unless zero)
            return checked_value(
                {
                    "number": Decimal(text),
                    "status": ValueStatus.FINAL,
                    "unit": None,
                    "note": None,
                    "printed": cell,
                    "flags": (),
                }
            )
        return parse_value(cell)
    key = text.lower()
    if key.startswith("[") and key.endswith("]") and key != "[u]":  # [u]: as parse_value reads it
        key = key[1:-1].strip()
    if key in _SYMBOLS:
        status, meaning = _SYMBOLS[key]
        return Value(number=None, status=status, note=meaning, printed=cell)
    if (match := _LOW_RELIABILITY.fullmatch(text)) is not None:
        return Value(
            number=Decimal(match["number"]),
            status=ValueStatus.UNDER_REVIEW,
            note="low reliability",
            printed=cell,
        )
    return parse_value(cell)


# --- reading ---------------------------------------------------------------------------------


class _Refusal(Exception):  # noqa: N818 - private; always turned into a FileFormatError
    def __init__(self, reason: str, *, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


@attrs.frozen
class _Measure:
    position: int
    header: str
    measure: DfeMeasure
    count: int | None
    denominator: int | None


@attrs.frozen
class _Plan:
    header: tuple[str, ...]
    columns: Mapping[str, int]
    measures: tuple[_Measure, ...]
    kept: tuple[tuple[int, str], ...]
    old_la_code: int | None
    notes: tuple[str, ...]


def read_dfe_statistics(
    source: str | os.PathLike[str] | Any,  # noqa: ANN401 - a path, a file object or a data frame
    *,
    measures: Mapping[str, DfeMeasure] | None = None,
    name: str | None = None,
    max_bytes: int = _DEFAULT_MAX_BYTES,
) -> OfficialTable:
    r"""The figures of a DfE statistics file (tidy CSV), one for each measure cell of each row.

    Each row's area comes from its ``geographic_level``: a National row is England (its code is
    ``country_code``), a Regional row its ``region_name`` and ``region_code`` (its parent is the
    country), a Local authority row its ``la_name`` and ``new_la_code`` (or ``old_la_code`` for
    a former authority without a new code), with its region as parent and ``old_la_code`` kept
    in the breakdown; the standard's other levels (local authority district, parliamentary
    constituency, ward, school ...) by their own code and name columns. The period is
    ``time_period`` read with ``time_identifier`` (see
    [`period_from_dfe`][safeguarding_model.periods.period_from_dfe]).

    A column is a measure when ``measures`` maps it; every other column that is not a time or
    geography column is a filter, kept in each figure's ``breakdown`` as printed. The table's
    notes say which columns were read as which. A measure cell is a number, kept exactly as
    printed, or one of the department's symbols, kept as the value's ``printed``:

    | cell | status | meaning |
    | --- | --- | --- |
    | ``c`` | suppressed | confidential |
    | ``low`` (older files ``~``) | low | rounds to zero, but is not zero |
    | ``x`` (older files ``:`` or ``..``) | missing | not available |
    | ``z`` | not applicable | cannot exist |
    | ``u`` | missing | low reliability (``12 u``: the number, under review) |
    | blank | missing | a blank cell |

    Symbols may be written in square brackets (``[c]``) and in capitals. A measure with a
    ``count_column`` or ``denominator_column`` takes its figure's count and denominator from
    those cells of the same row.

    Args:
        source: A path, an open file (text or binary), or a pandas data frame (read by its
            ``columns`` and ``itertuples``; its lines are counted as if it were written to CSV,
            the header being line 1; read it with ``dtype=str`` to keep figures as printed).
        measures: The measure columns (header → measure); ``DFE_MEASURES`` unless given.
        name: What provenance calls the file; the path's or file's name unless given.
        max_bytes: The most bytes read from a path or binary file (characters from a text
            file).

    Returns:
        The table: indicators of the file's measure columns, figures in file order.

    Raises:
        FileFormatError: For a file that cannot be read (missing, not a regular file, larger
            than ``max_bytes``, not UTF-8 text, malformed CSV) or has no DfE header (no
            ``time_period``, ``time_identifier`` or ``geographic_level``), a row whose cells
            are not as many as the header's, an unreadable period, an unknown geographic level
            or one without its code column, and a measure cell that is neither a number nor a
            symbol; the message names the line, the column and the start of the cell.
        InvalidInputError: For ``measures`` that is not a mapping of column names to
            ``DfeMeasure``, or that maps one indicator id to two definitions, and a
            ``max_bytes`` that is not a positive whole number.

    Examples:
        >>> import io
        >>> from safeguarding_model.dfe_statistics import read_dfe_statistics
        >>> text = (
        ...     "\ufefftime_period,time_identifier,geographic_level,country_code,country_name,"
        ...     "region_code,region_name,old_la_code,new_la_code,la_name,CPP_At31\n"
        ...     "2016,Reporting year,Local authority,E92000001,England,E12000002,North West,"
        ...     "888,E10000017,Lancashire,c\n"
        ... )
        >>> figure = read_dfe_statistics(io.StringIO(text)).figures[0]
        >>> figure.observation.area, figure.area_code, figure.parent_name, figure.line
        ('Lancashire', 'E10000017', 'North West', 2)
        >>> figure.observation.value.status.value, figure.observation.value.printed
        ('suppressed', 'c')
        >>> str(figure.observation.period), dict(figure.breakdown)
        ('2015/16', {'old_la_code': '888'})
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError("max_bytes", max_bytes, "a whole number of bytes of at least 1")
    chosen = _checked_measures(DFE_MEASURES if measures is None else measures)
    label = _label(source, name)
    figures: list[PublishedFigure] = []
    try:
        rows = _rows(source, max_bytes)
        try:
            plan = _plan(_header(rows), chosen)
            periods: dict[tuple[str, str], Period] = {}
            breakdowns: dict[tuple[tuple[str, str], ...], FrozenDict[str, str]] = {}
            with collection_paused():
                for line, cells in rows:
                    figures.extend(_figures(plan, line, cells, label, (periods, breakdowns)))
        finally:
            rows.close()  # closes the file now, not when the generator is collected
    except _Refusal as refusal:
        raise FileFormatError(label, refusal.reason, line=refusal.line) from None
    indicators = tuple({m.measure.id: m.measure.indicator for m in plan.measures}.values())
    return OfficialTable(
        label, OfficialLayout.DFE_STATISTICS, indicators, tuple(figures), plan.notes
    )


def _checked_measures(measures: object) -> dict[str, DfeMeasure]:
    if not isinstance(measures, Mapping):
        raise InvalidInputError("measures", measures, "a mapping of column names to DfeMeasure")
    checked: dict[str, DfeMeasure] = {}
    by_id: dict[str, DfeMeasure] = {}
    for column, measure in measures.items():
        if not isinstance(column, str) or not column.strip():
            raise InvalidInputError("measures", column, "column names (text) as keys")
        if not isinstance(measure, DfeMeasure):
            raise InvalidInputError(f"measures[{column!r}]", measure, "a DfeMeasure")
        known = by_id.setdefault(measure.id, measure)
        if known.indicator != measure.indicator:
            raise InvalidInputError(
                f"measures[{column!r}]",
                measure.id,
                "one definition for each indicator id (another column maps it otherwise)",
            )
        checked[_normal(column)] = measure
    return checked


def _label(source: object, name: str | None) -> str:
    if name is not None:
        if not isinstance(name, str):
            raise InvalidInputError("name", name, "text, or None")
        return name
    if isinstance(source, str | os.PathLike):
        return Path(source).name or str(source)
    own = getattr(source, "name", None)
    if isinstance(own, str) and own:
        return Path(own).name
    return "data frame" if _is_frame(source) else "DfE statistics file"


def _is_frame(source: object) -> bool:
    return hasattr(source, "columns") and hasattr(source, "itertuples")


# --- rows from each kind of source -----------------------------------------------------------


def _rows(source: object, max_bytes: int) -> Generator[tuple[int, list[str]], None, None]:
    if isinstance(source, str | os.PathLike):
        return _csv_rows(_path_text(Path(source), max_bytes))
    if _is_frame(source):
        return _frame_rows(source)
    read = getattr(source, "read", None)
    if not callable(read):
        raise InvalidInputError(
            "source", source, "a path, an open file (text or binary) or a pandas data frame"
        )
    try:
        empty = read(0)
    except (OSError, ValueError) as error:
        raise _Refusal(f"cannot be read ({error})") from None
    if isinstance(empty, bytes):
        return _csv_rows(_text(source, max_bytes))
    if isinstance(empty, str):
        return _csv_rows(_lines(_bounded_text(source, max_bytes)))
    raise InvalidInputError("source", source, "a file object whose read() returns text or bytes")


def _text(raw: Any, max_bytes: int) -> Generator[str, None, None]:  # noqa: ANN401 - any binary file object
    bounded = BoundedReader(raw, max_bytes)
    text = io.TextIOWrapper(io.BufferedReader(bounded, 1 << 16), encoding="utf-8-sig", newline="")
    try:
        yield from text
    except FileRefusal as refusal:
        raise _Refusal(refusal.reason) from None
    finally:
        text.close()  # closes the wrappers only: the file object is the caller's


def _path_text(file: Path, max_bytes: int) -> Generator[str, None, None]:
    try:
        handle = open_regular(file, max_bytes)
    except FileRefusal as refusal:
        raise _Refusal(refusal.reason) from None
    return _handle_text(handle, max_bytes)


def _handle_text(handle: BinaryIO, max_bytes: int) -> Generator[str, None, None]:
    with handle:
        yield from _text(handle, max_bytes)


def _bounded_text(handle: Any, max_bytes: int) -> Generator[str, None, None]:  # noqa: ANN401 - a text file object
    left = max_bytes
    first = True
    while chunk := handle.read(1 << 16):
        if not isinstance(chunk, str):
            raise _Refusal("expected a text file object whose read() returns text")
        left -= len(chunk)
        if left < 0:
            raise _Refusal(too_large(max_bytes).replace("bytes", "characters"))
        if first:
            chunk = chunk.removeprefix("\ufeff")
            first = False
        yield chunk


def _lines(chunks: Generator[str, None, None]) -> Generator[str, None, None]:
    r"""Whole lines (ends kept: ``\r\n``, ``\n`` or ``\r``) from text in pieces."""
    rest = ""
    try:
        yield from _split(chunks, rest)
    finally:
        chunks.close()


def _split(chunks: Iterable[str], rest: str) -> Iterator[str]:
    for chunk in chunks:
        rest += chunk
        end = len(rest) - 1 if rest.endswith("\r") else len(rest)  # "\r" may start "\r\n"
        start = 0
        for match in _LINE_END.finditer(rest, 0, end):
            yield rest[start : match.end()]
            start = match.end()
        rest = rest[start:]
    if rest:
        yield rest


_LINE_END: Final = re.compile(r"\r\n|\r|\n")


def _csv_rows(text: Generator[str, None, None]) -> Generator[tuple[int, list[str]], None, None]:
    reader = csv.reader(text, strict=True)
    try:
        yield from _records(reader)
    except UnicodeDecodeError as error:
        raise _Refusal(
            f"not UTF-8 text ({error.reason} at byte 0x{error.object[error.start]:02x}): "
            "expected a CSV file saved as UTF-8",
            line=reader.line_num + 1,
        ) from None
    except csv.Error as error:
        problem = str(error)
        if "nul" in problem.lower():
            problem = "it holds a NUL byte, as binary files do; expected a CSV file"
        raise _Refusal(f"not a readable CSV file: {problem}", line=reader.line_num) from None
    finally:
        text.close()


def _records(reader: Any) -> Iterator[tuple[int, list[str]]]:  # noqa: ANN401 - a csv reader
    """Each non-blank record with the line it starts on."""
    start = 1
    for cells in reader:
        line, start = start, reader.line_num + 1
        if not cells or (len(cells) == 1 and not cells[0].strip()):
            continue
        yield line, cells


def _frame_rows(frame: Any) -> Generator[tuple[int, list[str]], None, None]:  # noqa: ANN401 - a pandas data frame
    yield 1, [str(column) for column in frame.columns]
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=2):
        yield number, [_frame_cell(cell) for cell in row]


def _frame_cell(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, float):
        return "" if math.isnan(cell) else format(Decimal(repr(cell)), "f")
    if isinstance(cell, int | Decimal):
        return str(cell)
    text = str(cell)
    return "" if text in ("<NA>", "NaT", "nan") else text


# --- the header and its plan -----------------------------------------------------------------


def _header(rows: Iterator[tuple[int, list[str]]]) -> tuple[str, ...]:
    for _line, cells in rows:
        if any("\x00" in cell for cell in cells):
            raise _Refusal("not a text file: it holds a NUL byte, as binary files do", line=1)
        return tuple(cells)
    raise _Refusal("empty: expected a header row naming time_period, time_identifier, ...")


def _columns(header: tuple[str, ...]) -> dict[str, int]:
    """Each column's position, by its header as compared, refusing a header without DfE's columns."""
    columns: dict[str, int] = {}
    for position, printed in enumerate(header):
        key = _normal(printed)
        key = _RENAMED.get(key, key)
        if key in columns:
            raise _Refusal(
                f"the header names one column twice: {brief(header[columns[key]])} and "
                f"{brief(printed)}; expected each column once",
                line=1,
            )
        columns[key] = position
    missing = [column for column in _REQUIRED if column not in columns]
    if missing:
        start = ",".join(header)
        shown = brief(start if len(start) <= 40 else start[:40] + "…")
        raise _Refusal(
            "no DfE statistics header: expected the columns time_period, time_identifier and "
            f"geographic_level, but {', '.join(missing)} missing (the header starts {shown})",
            line=1,
        )
    return columns


def _plan(header: tuple[str, ...], measures: Mapping[str, DfeMeasure]) -> _Plan:
    columns = _columns(header)
    notes: list[str] = []
    chosen: list[_Measure] = []
    related: set[int] = set()
    for key, position in columns.items():
        if key in _GEOGRAPHY or key not in measures:
            continue
        measure = measures[key]
        positions: list[int | None] = []
        for role, column in (
            ("count", measure.count_column),
            ("denominator", measure.denominator_column),
        ):
            if column is None:
                positions.append(None)
                continue
            found = columns.get(_normal(column))
            if found is None:
                notes.append(
                    f"Column {header[position]!r} has its {role} in column {column!r}, which the "
                    f"file lacks: its figures have no {role}."
                )
            else:
                related.add(found)
            positions.append(found)
        chosen.append(_Measure(position, header[position], measure, positions[0], positions[1]))
    measured = {m.position for m in chosen}
    kept = [
        (position, header[position])
        for key, position in columns.items()
        if key in _KEPT_GEOGRAPHY
        or (key not in _GEOGRAPHY and position not in measured and position not in related)
    ]
    filters = [printed for position, printed in kept if _normal(printed) not in _KEPT_GEOGRAPHY]
    counts_only = sorted(related - measured)
    if chosen:
        notes.insert(0, "Read as measures: " + ", ".join(m.header for m in chosen) + ".")
    else:
        notes.insert(
            0,
            "No column was read as a measure: map the measure columns with measures= "
            "(see DFE_MEASURES).",
        )
    if filters:
        notes.append(
            "Read as filters, kept in each figure's breakdown (not measures, since measures= "
            "does not map them): " + ", ".join(filters) + "."
        )
    if counts_only:
        notes.append(
            "Read only as counts or denominators of other columns: "
            + ", ".join(header[p] for p in counts_only)
            + "."
        )
    return _Plan(
        header, columns, tuple(chosen), tuple(kept), columns.get("old_la_code"), tuple(notes)
    )


# --- a row's figures -------------------------------------------------------------------------


def _cell(cells: list[str], columns: Mapping[str, int], key: str) -> str:
    position = columns.get(key)
    return "" if position is None else cells[position].strip()


def _figures(
    plan: _Plan,
    line: int,
    cells: list[str],
    label: str,
    known: tuple[
        dict[tuple[str, str], Period], dict[tuple[tuple[str, str], ...], FrozenDict[str, str]]
    ],
) -> Iterator[PublishedFigure]:
    """A row's figures; ``known`` holds the read's periods and breakdowns made so far."""
    periods = known[0]
    if len(cells) != len(plan.header):
        raise _Refusal(
            f"expected {len(plan.header)} cells, as the header has, got {len(cells)}", line=line
        )
    columns = plan.columns
    printed_level = cells[columns[_LEVEL]]
    level = " ".join(printed_level.lower().split())
    area, code, parent_code, parent_name = _area(level, printed_level, cells, columns, line)
    period = _period(cells, columns, periods, line, plan.header)
    breakdown = _breakdown(
        known[1],
        tuple(
            (printed, cells[position])
            for position, printed in plan.kept
            if position != plan.old_la_code or cells[position].strip()
        ),
    )
    for measure in plan.measures:
        data: dict[str, Any] = {
            "indicator": measure.measure.id,
            "area": area,
            "period": period,
            "value": _read(cells[measure.position], measure.header, line),
            "provenance": checked_provenance_at(label, line, measure.header),
        }
        if measure.count is not None:
            data["count"] = _read(cells[measure.count], plan.header[measure.count], line)
        if measure.denominator is not None:
            data["denominator"] = _read(
                cells[measure.denominator], plan.header[measure.denominator], line
            )
        try:
            observation = checked_observation(data)
        except ValidationError as error:
            problem = error.errors()[0]
            raise _Refusal(f"column {measure.header!r}: {problem['msg']}", line=line) from None
        yield PublishedFigure(
            observation,
            area_code=code,
            line=line,
            area_type=printed_level.strip(),
            parent_code=parent_code,
            parent_name=parent_name,
            breakdown=breakdown,
        )


def _breakdown(
    known: dict[tuple[tuple[str, str], ...], FrozenDict[str, str]],
    items: tuple[tuple[str, str], ...],
) -> FrozenDict[str, str]:
    """One frozen breakdown for every row of a read with these items: a figure keeps it as it is."""
    breakdown = known.get(items)
    if breakdown is None:
        breakdown = known[items] = FrozenDict(items)
    return breakdown


def _read(cell: str, header: str, line: int) -> Value:
    if len(cell) > _MAX_CELL:
        raise _Refusal(
            f"column {header!r}: expected a number or a symbol ({_SYMBOL_LIST}), got a cell of "
            f"{len(cell):,} characters: {brief(cell)}",
            line=line,
        )
    try:
        return _value(cell)
    except ValueParseError:
        raise _Refusal(
            f"column {header!r}: expected a number or a symbol ({_SYMBOL_LIST}), got {brief(cell)}",
            line=line,
        ) from None


def _area(
    level: str, printed: str, cells: list[str], columns: Mapping[str, int], line: int
) -> tuple[str, str, str | None, str | None]:
    """The row's area name and code, and its parent's code and name."""
    pair = _LEVELS.get(level)
    if pair is None:
        if level == "rsc region":
            reason = "has no code column in the standard, so its areas cannot be told apart"
        else:
            reason = "is not one of the standard's levels (National, Regional, Local authority ...)"
        raise _Refusal(f"column 'geographic_level': {brief(printed)} {reason}", line=line)
    code_column, name_column = pair
    if code_column not in columns and not (level == "local authority" and "old_la_code" in columns):
        raise _Refusal(
            f"a {printed.strip()!r} row needs the column {code_column!r}, which the header lacks",
            line=line,
        )
    code = _cell(cells, columns, code_column)
    name = _cell(cells, columns, name_column)
    if level == "local authority" and not code:
        code = _cell(cells, columns, "old_la_code")  # a former authority without a new code
    if level == "national":
        name = name or "England"
    if not code:
        raise _Refusal(
            f"column {code_column!r}: expected the code of the {printed.strip()!r} row's area, "
            "got a blank cell",
            line=line,
        )
    if level == "national":
        return name, code, None, None
    if level == "regional":
        parent_code = _cell(cells, columns, "country_code") or None
        return name or code, code, parent_code, _cell(cells, columns, "country_name") or None
    region = _cell(cells, columns, "region_code") or None
    return name or code, code, region, _cell(cells, columns, "region_name") or None


def _period(
    cells: list[str],
    columns: Mapping[str, int],
    periods: dict[tuple[str, str], Period],
    line: int,
    header: tuple[str, ...],
) -> Period:
    key = (cells[columns[_TIME_PERIOD]].strip(), cells[columns[_TIME_IDENTIFIER]].strip())
    period = periods.get(key)
    if period is None:
        try:
            period = period_from_dfe(*key)
        except InvalidInputError as error:
            column = header[columns[error.field]] if error.field in columns else error.field
            raise _Refusal(
                f"column {column!r}: expected {error.expected}, got {brief(error.value)}",
                line=line,
            ) from None
        if len(periods) < 10_000:
            periods[key] = period
    return period
