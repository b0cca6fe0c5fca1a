r"""Read a public-health profiles (Fingertips) download into typed figures.

A Fingertips download, or the data frame ``fingertips_py`` returns, has one row a figure: an
indicator, an area, a period and a breakdown (sex, age, a category), with the value, its printed
confidence limits, count and denominator, a value note, and the publisher's own comparison with
England and with the parent area and its recent trend.
[`read_fingertips`][safeguarding_model.fingertips.read_fingertips] turns it into an
[`OfficialTable`][safeguarding_model.official.OfficialTable], keeping every figure as printed
with the file and line it came from.

Examples:
    >>> import io
    >>> from safeguarding_model.fingertips import read_fingertips
    >>> csv_text = (
    ...     "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value,Count,Denominator\n"
    ...     '92196,"Infant mortality rate per 1,000",E92000001,England,2013 - 15,3.9,7000,1800000\n'
    ... )
    >>> table = read_fingertips(io.StringIO(csv_text), name="profile.csv")
    >>> table.figures[0].observation.value.number, table.indicators[0].per
    (Decimal('3.9'), <RateBase.PER_THOUSAND: 1000>)
"""

from __future__ import annotations

import csv
import io
import operator
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, NamedTuple

from pydantic import ValidationError

from safeguarding_model._checked import (
    checked_number,
    checked_observation,
    checked_provenance_at,
    collection_paused,
)
from safeguarding_model._files import DEFAULT_MAX_BYTES as _FILE_LIMIT
from safeguarding_model._files import BoundedReader, FileRefusal, open_regular, too_large
from safeguarding_model._frozen import FrozenDict
from safeguarding_model.errors import FileFormatError, InvalidInputError, ValueParseError, brief
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind
from safeguarding_model.markers import Polarity, Significance
from safeguarding_model.official import ENGLAND_CODE, OfficialLayout, OfficialTable, PublishedFigure
from safeguarding_model.periods import Period, parse_period
from safeguarding_model.statistics.recent_trend import TrendMarker
from safeguarding_model.values import Value, ValueStatus, check_figure, parse_value

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = ["DEFAULT_MAX_BYTES", "read_fingertips"]

DEFAULT_MAX_BYTES: Final = _FILE_LIMIT
"""The largest download read unless told otherwise: 100 MiB, as
[`safeguarding_model.io.DEFAULT_MAX_BYTES`][safeguarding_model.io.DEFAULT_MAX_BYTES] (a
whole-England download of 500,000 rows is about 120 MiB: raise ``max_bytes`` for it)."""

_REQUIRED: Final = ("indicator_id", "indicator_name", "area_code", "area_name", "period", "value")

# Each column the reader knows: its name in the profiles' own header, and the spellings it
# accepts, compared by letters and digits only ("Indicator ID", "IndicatorID", "indicator id").
_COLUMNS: Final = {
    "indicator_id": ("Indicator ID", ()),
    "indicator_name": ("Indicator Name", ()),
    "parent_code": ("Parent Code", ()),
    "parent_name": ("Parent Name", ()),
    "area_code": ("Area Code", ()),
    "area_name": ("Area Name", ()),
    "area_type": ("Area Type", ()),
    "sex": ("Sex", ("Gender",)),
    "age": ("Age", ()),
    "category_type": ("Category Type", ()),
    "category": ("Category", ()),
    "period": ("Time period", ()),
    "value": ("Value", ()),
    "lower95": ("Lower CI 95.0 limit", ("Lower CI 95 limit", "Lower CI limit")),
    "upper95": ("Upper CI 95.0 limit", ("Upper CI 95 limit", "Upper CI limit")),
    "lower998": ("Lower CI 99.8 limit", ()),
    "upper998": ("Upper CI 99.8 limit", ()),
    "count": ("Count", ()),
    "denominator": ("Denominator", ()),
    "value_note": ("Value note", ()),
    "recent_trend": ("Recent Trend", ()),
    "england": ("Compared to England value or percentiles", ("Compared to England",)),
    "period_sortable": ("Time period Sortable", ()),
    "new_data": ("New data", ()),
    "goal": ("Compared to goal", ()),
    "period_range": ("Time period range", ()),
}
_READ: Final = (
    "indicator_id",
    "indicator_name",
    "parent_code",
    "parent_name",
    "area_code",
    "area_name",
    "area_type",
    "sex",
    "age",
    "category_type",
    "category",
    "period",
    "value",
    "lower95",
    "upper95",
    "lower998",
    "upper998",
    "count",
    "denominator",
    "value_note",
    "recent_trend",
    "england",
)
"""The columns a row is read from, in the order ``_figure`` takes them."""
_RESTATED: Final = ("period_sortable", "new_data", "goal", "period_range")
"""Columns recognised but not kept on the figures: they restate the period or flag the download."""
_BREAKDOWN: Final = (("sex", "Sex"), ("age", "Age"), ("category_type", "Category Type"))


def _key(header: str) -> str:
    """A header compared by its letters and digits, in lower case."""
    return re.sub(r"[^a-z0-9]", "", header.lower())


_KNOWN: Final = {
    _key(spelling): column
    for column, (name, others) in _COLUMNS.items()
    for spelling in (name, *others)
}
_PARENT_COMPARISON = re.compile(
    r"comparedto(?!england)[a-z0-9]*valueorpercentiles|comparedtopercentiles"
)
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]{1,3})?", re.ASCII)
_LONGEST_NUMBER: Final = 64
_SURELY_A_FIGURE: Final = 20
_INDICATOR_ID = re.compile(r"([0-9]{1,12})(?:\.0*)?", re.ASCII)
_TWO_YEARS_POOLED = re.compile(r"[0-9]{4} - [0-9]{2}", re.ASCII)
_SYMBOLS: Final = {
    "c": ValueStatus.SUPPRESSED,
    "x": ValueStatus.MISSING,
    "z": ValueStatus.NOT_APPLICABLE,
    "u": ValueStatus.UNDER_REVIEW,
    "low": ValueStatus.LOW,
}
_SUPPRESSED_NOTE = re.compile(r"suppress|disclosure", re.IGNORECASE)
_SAMPLES: Final = 200
"""Rows per indicator that the kind and polarity are inferred from, at most."""
_CACHED: Final = 1 << 18
"""Distinct cells a read remembers the reading of, at most, for each kind of cell."""
_BASES: Final = (
    (Decimal(1), MeasureKind.PROPORTION, None),
    (Decimal(100), MeasureKind.PERCENTAGE, None),
    (Decimal(1000), MeasureKind.RATE, 1000),
    (Decimal(10000), MeasureKind.RATE, 10000),
    (Decimal(100000), MeasureKind.RATE, 100000),
)
_NAMED_BASES: Final = (
    (re.compile(r"per 100,?000\b", re.IGNORECASE), MeasureKind.RATE, 100000),
    (re.compile(r"per 10,?000\b", re.IGNORECASE), MeasureKind.RATE, 10000),
    (re.compile(r"per 1,?000\b", re.IGNORECASE), MeasureKind.RATE, 1000),
    (
        re.compile(r"%|\bpercent(?:age)?\b|\bproportion\b", re.IGNORECASE),
        MeasureKind.PERCENTAGE,
        None,
    ),
)
_DEFINITION_FIELDS: Final = frozenset(IndicatorDefinition.model_fields) - {"id", "name", "source"}


class _Columns(NamedTuple):
    """Where each known column sits in a row, and the headers as printed."""

    positions: dict[str, int]
    headers: list[str]
    parent: int | None
    width: int
    read: Callable[[list[str]], tuple[str, ...]]
    """A row's cells of ``_READ`` and the parent's comparison, in order, from the row and a blank
    cell after it (the position of a column the file lacks)."""


class _Evidence:
    """What the rows of one indicator say of its kind and polarity, gathered as they are read."""

    __slots__ = ("bases", "england", "first_line", "labelled", "name", "names")

    def __init__(self, name: str, line: int) -> None:
        self.name = name
        self.names: set[str] = {name}
        self.first_line = line
        self.bases: list[tuple[Decimal, Decimal, Decimal]] = []
        self.england: dict[tuple[Period, tuple[str, ...]], Decimal] = {}
        self.labelled: list[tuple[Period, tuple[str, ...], Decimal, Significance]] = []


def read_fingertips(
    source: str | os.PathLike[str] | IO[str] | IO[bytes] | Any,  # noqa: ANN401 - a pandas DataFrame, recognised by its methods
    *,
    indicators: Mapping[int | str, IndicatorDefinition | Mapping[str, Any]] | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> OfficialTable:
    """Read a Fingertips download (a CSV file, an open file, or a data frame) into typed figures.

    Columns are found by their meaning, not their place: headers are compared by their letters
    and digits in any case, so the profiles' ``Indicator ID``, ``fingertipsR``'s ``IndicatorID``
    and ``indicator id`` are one column, and the renamings of earlier releases are accepted
    (``Lower CI limit`` for ``Lower CI 95.0 limit``, ``Gender`` for ``Sex``). Required:
    ``Indicator ID``, ``Indicator Name``, ``Area Code``, ``Area Name``, ``Time period``,
    ``Value``. Read when present: ``Parent Code``, ``Parent Name``, ``Area Type``, ``Sex``,
    ``Age``, ``Category Type``, ``Category``, the 95.0% and 99.8% limits, ``Count``,
    ``Denominator``, ``Value note``, ``Recent Trend``, ``Compared to England value or
    percentiles``, and the parent's comparison (any ``Compared to <X> value or percentiles``
    but England's, or ``Compared to percentiles``). ``Time period Sortable``, ``New data``,
    ``Compared to goal`` and ``Time period range`` are recognised and not kept; any other
    column is named once in the table's ``notes``.

    Each row becomes a [`PublishedFigure`][safeguarding_model.official.PublishedFigure] whose
    observation has the indicator ``fingertips-<ID>``, the area's name, the period read from
    ``Time period`` (``2015/16``, ``2016``, ``2015/16 Q3``, ``2012/13 - 14/15``; ``2013 - 15``
    and ``2014 - 15`` are calendar years pooled, as the profiles print them), the value exactly
    as printed (all its digits), the 95.0% limits (or the 99.8% ones, with confidence 0.998,
    on a row that has only those), count and denominator, ``Value note`` as its note and the
    England label as its stated significance; provenance names the file, the line (the header
    is line 1) and the column ``Value``. An empty value is missing, or suppressed when its note
    says so (suppressed, disclosure control). The symbols ``c``, ``x``, ``z``, ``u`` and ``low``
    (bracketed or not) are read as statuses. Comparison and trend labels that are not the
    library's words (quintiles, say) are kept as ``None``, with a note naming the label once.
    Rows are kept in file order, duplicates included, each with its own line.

    One [`IndicatorDefinition`][safeguarding_model.IndicatorDefinition] is made for each
    Indicator ID, named as printed, with source ``Fingertips indicator <ID>``. Its kind, base,
    population and polarity come from ``indicators`` where given. Otherwise they are
    **inferred**, and a note says so: the kind and base from rows with a count, a denominator
    and a value (value ≈ count ÷ denominator × 1 is a proportion, × 100 a percentage, × 1,000,
    10,000 or 100,000 a rate per that base, allowing for the value's rounding), else from the
    indicator's name ("per 1,000", "%", "percentage", "proportion"), else a mean, with a note
    to pass ``indicators``; the polarity from rows whose England label is Better or Worse and
    whose value differs from England's of the same period and breakdown (an inference: the
    publisher's comparison may use another method); otherwise no judgement.

    Args:
        source: A path to a CSV file (UTF-8, a byte order mark allowed), an open file (text or
            binary), or a pandas data frame with the profiles' columns.
        indicators: What the file does not say of each indicator: a mapping from the
            Fingertips ID (``92196`` or ``"92196"``) to an ``IndicatorDefinition`` or to a dict
            of its fields (``kind``, ``per``, ``population``, ``polarity`` ...). The id, name
            and source always come from the file.
        name: The name provenance gives the source; by default the file's name, or
            ``"data frame"``.
        max_bytes: The largest file read.

    Returns:
        The table: its indicators in order of first appearance, one figure a row, and notes.

    Raises:
        FileFormatError: For a file that cannot be read, is larger than ``max_bytes``, is not
            UTF-8 text, is not a CSV table, lacks a Fingertips header or a required column, or
            has a row whose cells do not line up with the header.
        InvalidInputError: For a cell that cannot be read (an Indicator ID that is not a
            number, a period or figure that cannot be read, limits out of order), naming the
            line, the column and the cell (shortened); and for an ``indicators`` entry that
            does not describe an indicator.

    Examples:
        >>> from safeguarding_model import example_file
        >>> from safeguarding_model.fingertips import read_fingertips
        >>> table = read_fingertips(example_file("fingertips-child-health.csv"))
        >>> lancashire = table.for_area("E10000017")[0]
        >>> lancashire.observation.value.number, lancashire.compared_to_england, lancashire.line
        (Decimal('4.8'), <Significance.WORSE: 'worse'>, 3)
    """
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
        raise InvalidInputError("max_bytes", max_bytes, "a whole number of bytes, at least 1")
    if hasattr(source, "columns") and hasattr(source, "itertuples"):
        label = name or "data frame"
        headers = [str(column) for column in source.columns]
        rows: Iterator[tuple[int, list[str]]] = _frame_rows(source)
        return _read(label, headers, rows, indicators)
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        label = name or path.name
        with _open_path(path, label, max_bytes) as handle:
            return _read_stream(handle, label, max_bytes, indicators)
    if hasattr(source, "read"):
        label = name or Path(str(getattr(source, "name", "") or "stream")).name
        return _read_stream(source, label, max_bytes, indicators)
    raise InvalidInputError(
        "source", source, "a path, an open file or a pandas DataFrame of a Fingertips download"
    )


# --- the input, as rows of text ----------------------------------------------------------------


def _open_path(path: Path, label: str, max_bytes: int) -> IO[bytes]:
    """The file, opened for reading bytes, after checking it is a regular file within bounds."""
    try:
        return open_regular(path, max_bytes)
    except FileRefusal as refusal:
        raise FileFormatError(label, refusal.reason) from None


class _TooLargeError(Exception):
    """Raised inside the byte counter; becomes a FileFormatError."""


def _counted_lines(stream: IO[str], max_bytes: int) -> Iterator[str]:
    """The lines of a text stream, whole, refusing more than ``max_bytes`` of UTF-8."""
    left = max_bytes
    first = True
    while True:
        line = ""
        while piece := stream.readline(1 << 20):  # a long line comes in pieces, all counted
            left -= len(piece.encode("utf-8", "surrogatepass"))
            if left < 0:
                raise _TooLargeError
            line += piece
            if piece.endswith(("\n", "\r")):
                break
        if not line:
            return
        yield line.removeprefix("\ufeff") if first else line
        first = False


def _read_stream(
    stream: IO[Any],
    label: str,
    max_bytes: int,
    indicators: Mapping[int | str, IndicatorDefinition | Mapping[str, Any]] | None,
) -> OfficialTable:
    try:
        probe = stream.read(0)
    except (OSError, ValueError) as error:
        raise FileFormatError(label, f"cannot be read ({error})") from None
    if isinstance(probe, str):
        lines: Iterable[str] = _counted_lines(stream, max_bytes)
    else:
        lines = io.TextIOWrapper(
            io.BufferedReader(BoundedReader(stream, max_bytes)), encoding="utf-8-sig", newline=""
        )
    reader = csv.reader(lines, strict=True)
    try:
        header = _first_row(reader, label)
        return _read(label, header, _csv_rows(reader, label), indicators)
    except _TooLargeError:
        raise FileFormatError(label, too_large(max_bytes)) from None
    except FileRefusal as refusal:  # from the byte counter
        raise FileFormatError(label, refusal.reason) from None
    except UnicodeDecodeError as error:
        raise FileFormatError(
            label,
            f"not UTF-8 text: byte 0x{error.object[error.start]:02x} cannot be read "
            f"({error.reason}); expected a CSV file saved as UTF-8",
        ) from None


def _first_row(reader: Iterator[list[str]], label: str) -> list[str]:
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                return row
    except csv.Error as error:
        raise FileFormatError(label, f"not a CSV table ({error})", line=1) from None
    raise FileFormatError(label, "empty: expected a header row of Fingertips columns")


def _csv_rows(reader: Any, label: str) -> Iterator[tuple[int, list[str]]]:  # noqa: ANN401 - a csv reader
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileFormatError(label, f"not a CSV row ({error})", line=line) from None
        if row and any(row):
            yield line, row
        line = reader.line_num + 1


def _frame_rows(frame: Any) -> Iterator[tuple[int, list[str]]]:  # noqa: ANN401 - a pandas DataFrame
    for position, row in enumerate(frame.itertuples(index=False, name=None)):
        yield position + 2, [_cell_text(cell) for cell in row]


def _cell_text(cell: object) -> str:
    """A data frame's cell as the CSV would print it: blank for a missing one."""
    if cell is None or isinstance(cell, str):
        return cell or ""
    if isinstance(cell, float):
        return "" if cell != cell else repr(cell)  # noqa: PLR0124 - NaN is not equal to itself
    if type(cell).__name__ in ("NAType", "NaTType"):
        return ""
    return str(cell)


# --- the header --------------------------------------------------------------------------------


def _columns(label: str, headers: list[str]) -> tuple[_Columns, list[str]]:
    positions: dict[str, int] = {}
    parent: int | None = None
    unread: list[str] = []
    for position, header in enumerate(headers):
        key = _key(header)
        column = _KNOWN.get(key)
        if column is not None:
            if column in positions:
                raise FileFormatError(
                    label,
                    f"the columns {brief(headers[positions[column]])} and {brief(header)} are "
                    f"both {_COLUMNS[column][0]!r}; expected one",
                    line=1,
                )
            positions[column] = position
        elif parent is None and _PARENT_COMPARISON.fullmatch(key):
            parent = position
        else:
            unread.append(header)
    missing = [_COLUMNS[column][0] for column in _REQUIRED if column not in positions]
    if "indicator_id" not in positions and "area_code" not in positions:
        raise FileFormatError(
            label,
            "no Fingertips header: expected the columns "
            + ", ".join(_COLUMNS[column][0] for column in _REQUIRED)
            + f"; the first row starts {brief(','.join(headers))}",
            line=1,
        )
    if missing:
        raise FileFormatError(
            label, "missing the required column(s) " + ", ".join(map(repr, missing)), line=1
        )
    notes = []
    if unread:
        notes.append(
            "Columns not read: " + ", ".join(brief(header) for header in unread[:20]) + "."
        )
    restated = [headers[positions[column]] for column in _RESTATED if column in positions]
    if restated:
        notes.append(
            "Columns recognised and not kept (they restate the period or mark the download): "
            + ", ".join(repr(header) for header in restated)
            + "."
        )
    width = len(headers)
    read = operator.itemgetter(
        *(positions.get(column, width) for column in _READ), width if parent is None else parent
    )
    return _Columns(positions, headers, parent, width, read), notes


# --- the rows ----------------------------------------------------------------------------------


class _Reader:
    """The state of one read: caches, the evidence for each indicator, the notes."""

    def __init__(self, label: str, columns: _Columns) -> None:
        self.label = label
        self.columns = columns
        self.periods: dict[str, Period] = {}
        self.labels: dict[tuple[int, str], Significance | None] = {}
        self.trends: dict[str, TrendMarker | None] = {}
        self.evidence: dict[str, _Evidence] = {}
        self.notes: list[str] = []
        # Cells repeat: a value, a limit or a count printed once is read once (up to _CACHED).
        self.numbers: dict[str, Decimal | None] = {}
        self.ids: dict[str, tuple[str, str]] = {}
        self.breakdowns: dict[tuple[str, ...], tuple[FrozenDict[str, str], tuple[str, ...]]] = {}
        self.values: dict[tuple[str, str | None] | tuple[str, str | None, str], Value | None] = {}

    def fail(self, line: int, column: str, cell: str, expected: str) -> InvalidInputError:
        header = (
            self.columns.headers[self.columns.positions[column]]
            if column in self.columns.positions
            else column
        )
        return InvalidInputError(f"{self.label}, line {line}, column {header!r}", cell, expected)

    def period(self, line: int, text: str) -> Period:
        period = self.periods.get(text)
        if period is None:
            cleaned = " ".join(text.split())
            try:
                if _TWO_YEARS_POOLED.fullmatch(cleaned):
                    period = parse_period(cleaned, expect="pooled_years")
                else:
                    period = parse_period(cleaned)
            except (ValueError, InvalidInputError) as error:
                raise self.fail(
                    line, "period", text, f"a period ({getattr(error, 'reason', error)})"
                ) from None
            self.periods[text] = period
        return period

    def number(self, line: int, column: str, text: str) -> Decimal | None:
        if text in self.numbers:
            return self.numbers[text]
        number = self._number(line, column, text)
        if len(self.numbers) < _CACHED:
            self.numbers[text] = number
        return number

    def _number(self, line: int, column: str, text: str) -> Decimal | None:
        cell = text.strip()
        if not cell:
            return None
        if len(cell) > _LONGEST_NUMBER or not _NUMBER.fullmatch(cell):
            raise self.fail(line, column, text, "a number")
        return self._bounded(line, column, text, cell)

    def _bounded(self, line: int, column: str, text: str, cell: str) -> Decimal:
        """The number of a cell that matches ``_NUMBER``, held to the figure bound."""
        number = Decimal(cell)
        if len(cell) <= _SURELY_A_FIGURE and "e" not in cell and "E" not in cell:
            return number  # at most 20 digits, between 1E-19 and 1E+20: within the bound
        try:
            return check_figure(number, field=column)
        except InvalidInputError as error:
            raise self.fail(line, column, text, error.expected) from None

    def value(self, line: int, column: str, text: str, note: str | None) -> Value | None:
        """A figure's cell: a number, a symbol, or empty (``None``)."""
        key = (text, note)
        if key in self.values:
            return self.values[key]
        value = self._value(line, column, text, note)
        if len(self.values) < _CACHED:
            self.values[key] = value
        return value

    def indicator_id(self, line: int, raw_id: str) -> tuple[str, str]:
        """The Fingertips number of an ``Indicator ID`` cell, and the indicator's id."""
        known = self.ids.get(raw_id)
        if known is None:
            match = _INDICATOR_ID.fullmatch(raw_id)
            if match is None:
                raise self.fail(line, "indicator_id", raw_id, "a Fingertips indicator number")
            number = str(int(match[1]))
            known = self.ids[raw_id] = (number, f"fingertips-{number}")
        return known

    def breakdown(self, *cells: str) -> tuple[FrozenDict[str, str], tuple[str, ...]]:
        """The breakdown of a row's sex, age, category type and category cells, and its key.

        The key is the breakdown's items, sorted, flattened: rows of one breakdown share it, and
        one frozen breakdown (which a figure keeps as it is, and hashes once).
        """
        known = self.breakdowns.get(cells)
        if known is None:
            breakdown = {
                name: text for (_column, name), text in zip(_BREAKDOWN, cells, strict=False) if text
            }
            if cells[-1]:
                breakdown["Category"] = cells[-1]
            flat = tuple(item for pair in sorted(breakdown.items()) for item in pair)
            known = self.breakdowns[cells] = (FrozenDict(breakdown), flat)
        return known

    def empty(self, note: str | None) -> Value:
        """The value of an empty cell: missing, or suppressed when its note says so."""
        key = ("", note, "empty")
        value = self.values.get(key)
        if value is None:
            status = (
                ValueStatus.SUPPRESSED
                if note is not None and _SUPPRESSED_NOTE.search(note)
                else ValueStatus.MISSING
            )
            value = self.values[key] = Value(number=None, status=status, note=note)
        return value

    def _value(self, line: int, column: str, text: str, note: str | None) -> Value | None:
        cell = text.strip()
        if not cell:
            return None
        if len(cell) <= _LONGEST_NUMBER and _NUMBER.fullmatch(cell):
            # a number read and bounded as ``number`` reads it, final: Value(number=..., note=...)
            number = self._bounded(line, column, cell, cell)
            return checked_number(number, note)
        symbol = _SYMBOLS.get(cell.strip("[]").strip().lower())
        if symbol is not None:
            return Value(number=None, status=symbol, note=note, printed=text)
        try:
            parsed = parse_value(cell)
        except ValueParseError as error:
            raise self.fail(line, column, text, f"a number or a symbol ({error.reason})") from None
        if parsed.unit == "pounds":
            raise self.fail(line, column, text, "a number, not an amount of pounds")
        return parsed if note is None else parsed.model_copy(update={"note": note})

    def significance(self, position: int, text: str) -> Significance | None:
        if (position, text) in self.labels:
            return self.labels[position, text]
        words = " ".join(text.split())
        result: Significance | None = None
        if words:
            try:
                result = Significance.from_label(words)
            except InvalidInputError:
                self.notes.append(
                    f"The label {brief(words)} in column {self.columns.headers[position]!r} is not "
                    "a comparison the library reads (better, similar, worse, higher, lower, not "
                    "compared): kept as no stated comparison."
                )
        self.labels[position, text] = result
        return result

    def trend(self, text: str) -> TrendMarker | None:
        if text in self.trends:
            return self.trends[text]
        words = " ".join(text.split())
        result: TrendMarker | None = None
        if words:
            try:
                result = TrendMarker.from_label(words)
            except InvalidInputError:
                self.notes.append(
                    f"The recent trend {brief(words)} is not one the library reads: kept as none."
                )
        self.trends[text] = result
        return result


def _read(
    label: str,
    headers: list[str],
    rows: Iterable[tuple[int, list[str]]],
    indicators: Mapping[int | str, IndicatorDefinition | Mapping[str, Any]] | None,
) -> OfficialTable:
    given = _given(indicators)
    columns, header_notes = _columns(label, headers)
    reader = _Reader(label, columns)
    with collection_paused():
        figures = [_figure(reader, line, row) for line, row in rows]
    definitions, kind_notes = _definitions(reader.evidence, given)
    notes = (*header_notes, *reader.notes, *kind_notes)
    return OfficialTable(label, OfficialLayout.FINGERTIPS, definitions, tuple(figures), notes)


def _figure(reader: _Reader, line: int, row: list[str]) -> PublishedFigure:  # noqa: C901, PLR0912 - one row, column by column, reads best in one place
    at = reader.columns.positions
    if len(row) != reader.columns.width:
        raise FileFormatError(
            reader.label,
            f"expected {reader.columns.width} cells as in the header, got {len(row)}",
            line=line,
        )
    (
        raw_id,
        indicator_name,
        parent_code,
        parent_name,
        area_code,
        area_name,
        area_type,
        sex,
        age,
        category_type,
        category,
        printed_period,
        printed_value,
        lower95,
        upper95,
        lower998,
        upper998,
        printed_count,
        printed_denominator,
        value_note,
        recent_trend,
        compared_to_england,
        compared_to_parent,
    ) = map(str.strip, reader.columns.read([*row, ""]))  # a column the file lacks reads as blank

    number, indicator_id = reader.indicator_id(line, raw_id)
    if not area_code:
        raise reader.fail(line, "area_code", area_code, "an area code")
    if not area_name:
        raise reader.fail(line, "area_name", area_name, "an area name")
    period = reader.period(line, printed_period)
    note = value_note or None
    value = reader.value(line, "value", printed_value, note)
    if value is None:
        value = reader.empty(note)
    lower = reader.number(line, "lower95", lower95)
    upper = reader.number(line, "upper95", upper95)
    confidence: float | None = 0.95
    if lower is None and upper is None:
        lower = reader.number(line, "lower998", lower998)
        upper = reader.number(line, "upper998", upper998)
        confidence = None if lower is None and upper is None else 0.998
    count = reader.value(line, "count", printed_count, None)
    denominator = reader.value(line, "denominator", printed_denominator, None)
    england = reader.significance(at["england"], compared_to_england) if "england" in at else None
    parent_position = reader.columns.parent
    parent = (
        None
        if parent_position is None
        else reader.significance(parent_position, compared_to_parent)
    )
    breakdown, flat = reader.breakdown(sex, age, category_type, category)
    try:
        observation = checked_observation(
            {
                "indicator": indicator_id,
                "area": area_name,
                "period": period,
                "value": value,
                "count": count,
                "denominator": denominator,
                "lower": lower,
                "upper": upper,
                "confidence": confidence,
                "stated_significance": england,
                "note": note,
                "provenance": checked_provenance_at(reader.label, line, "Value"),
            }
        )
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(part) for part in problem["loc"]) or "row"
        raise InvalidInputError(
            f"{reader.label}, line {line}, {where}", ",".join(row), problem["msg"]
        ) from None

    evidence = reader.evidence.get(number)
    if evidence is None:
        evidence = reader.evidence[number] = _Evidence(indicator_name, line)
    elif indicator_name and indicator_name not in evidence.names:
        evidence.names.add(indicator_name)
        if not evidence.name:
            evidence.name = indicator_name
    figure_number = value.number
    if figure_number is not None:
        if area_code == ENGLAND_CODE:
            evidence.england.setdefault((period, flat), figure_number)
        elif (
            england in (Significance.BETTER, Significance.WORSE)
            and len(evidence.labelled) < _SAMPLES
        ):
            evidence.labelled.append((period, flat, figure_number, england))
        if (
            count is not None
            and denominator is not None
            and count.number is not None
            and denominator.number
            and len(evidence.bases) < _SAMPLES
        ):
            evidence.bases.append((figure_number, count.number, denominator.number))
    return PublishedFigure(
        observation,
        area_code=area_code,
        line=line,
        area_type=area_type or None,
        parent_code=parent_code or None,
        parent_name=parent_name or None,
        breakdown=breakdown,
        compared_to_england=england,
        compared_to_parent=parent,
        parent_comparison=None
        if parent_position is None
        else reader.columns.headers[parent_position],
        recent_trend=reader.trend(recent_trend) if "recent_trend" in at else None,
    )


# --- the indicators ----------------------------------------------------------------------------


def _given(
    indicators: Mapping[int | str, IndicatorDefinition | Mapping[str, Any]] | None,
) -> dict[str, dict[str, Any]]:
    """The caller's definitions, by Fingertips number, as fields to build an indicator from."""
    if indicators is None:
        return {}
    if not hasattr(indicators, "items"):
        raise InvalidInputError(
            "indicators",
            indicators,
            "a mapping from Fingertips ID to an IndicatorDefinition or dict",
        )
    given: dict[str, dict[str, Any]] = {}
    for key, definition in indicators.items():
        match = _INDICATOR_ID.fullmatch(str(key).strip()) if isinstance(key, int | str) else None
        if match is None or isinstance(key, bool):
            raise InvalidInputError(
                "indicators", key, "a Fingertips indicator ID (92196 or '92196')"
            )
        if isinstance(definition, IndicatorDefinition):
            fields = definition.model_dump(include=set(_DEFINITION_FIELDS))
        elif hasattr(definition, "items"):
            fields = dict(definition)
            unknown = sorted(set(fields) - _DEFINITION_FIELDS)
            if unknown:
                raise InvalidInputError(
                    f"indicators[{key!r}]",
                    unknown[0],
                    "fields of an IndicatorDefinition (kind, per, population, polarity ...)",
                )
        else:
            raise InvalidInputError(
                f"indicators[{key!r}]", definition, "an IndicatorDefinition or a dict of its fields"
            )
        given[str(int(match[1]))] = fields
    return given


def _definitions(
    evidence: dict[str, _Evidence], given: dict[str, dict[str, Any]]
) -> tuple[tuple[IndicatorDefinition, ...], list[str]]:
    definitions: list[IndicatorDefinition] = []
    notes: list[str] = []
    for number, seen in evidence.items():
        indicator_id = f"fingertips-{number}"
        name = seen.name or f"Fingertips indicator {number}"
        fields = dict(given.get(number, {}))
        described = f"{indicator_id} ({brief(name)})"
        if len(seen.names) > 1:
            notes.append(
                f"Indicator {described} is printed under other names too; the first is kept."
            )
        if "kind" not in fields:
            kind, per, how = _kind(seen)
            fields["kind"], fields["per"] = kind, per
            if how is None:
                notes.append(
                    f"Indicator {described}: the file does not say what it measures; read as a "
                    f"mean. Pass indicators={{{number}: {{'kind': ..., 'per': ...}}}} to say."
                )
            else:
                base = f" per {per:,}" if per is not None else ""
                notes.append(
                    f"Indicator {described}: read as a {kind.value}{base}, inferred from {how}; "
                    "pass indicators= to state it."
                )
        if "polarity" not in fields:
            polarity = _polarity(seen)
            fields["polarity"] = polarity
            if polarity is not Polarity.NO_JUDGEMENT:
                notes.append(
                    f"Indicator {described}: polarity {polarity.value} inferred from the rows "
                    "compared with England as better or worse; pass indicators= to state it."
                )
        fields.update(id=indicator_id, name=name, source=f"Fingertips indicator {number}")
        try:
            definitions.append(IndicatorDefinition.model_validate(fields))
        except ValidationError as error:
            problem = error.errors()[0]
            raise InvalidInputError(
                f"indicators[{number}]",
                fields.get(str(problem["loc"][0]) if problem["loc"] else "kind"),
                problem["msg"],
            ) from None
    return tuple(definitions), notes


def _kind(seen: _Evidence) -> tuple[MeasureKind, int | None, str | None]:
    """The kind and base of an indicator, and what they were inferred from (``None``: nothing)."""
    candidates: set[int] | None = None
    for value, count, denominator in seen.bases:
        tolerance = Decimal(5).scaleb(value.as_tuple().exponent - 1)  # type: ignore[operator]  # finite: an int
        fits = {
            position
            for position, (base, _kind_of, _per) in enumerate(_BASES)
            if abs(count / denominator * base - value) <= tolerance + abs(value) * Decimal("1e-9")
        }
        candidates = fits if candidates is None else candidates & fits
        if not candidates:
            break
    if candidates and len(candidates) == 1:
        _base, kind, per = _BASES[candidates.pop()]
        return kind, per, "its values, counts and denominators"
    for pattern, kind, per in _NAMED_BASES:
        if pattern.search(seen.name):
            return kind, per, "its name"
    return MeasureKind.MEAN, None, None


def _polarity(seen: _Evidence) -> Polarity:
    """Which way is better, from rows labelled better or worse than England's differing value."""
    found: set[Polarity] = set()
    for period, breakdown, value, label in seen.labelled:
        england = seen.england.get((period, breakdown))
        if england is None or england == value:
            continue
        higher = value > england
        better = label is Significance.BETTER
        found.add(Polarity.HIGHER_IS_BETTER if higher == better else Polarity.LOWER_IS_BETTER)
    return found.pop() if len(found) == 1 else Polarity.NO_JUDGEMENT
