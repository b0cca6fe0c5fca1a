"""Values with a status: a number or nothing, and what kind of figure it is.

Published tables mix numbers with words: ``1400 (tbc)``, ``Data not currently available``,
``Under review``, ``N/A``. A [`Value`][safeguarding_model.Value] keeps both halves: the number
(an exact ``Decimal``, as printed) or ``None``, and a
[`ValueStatus`][safeguarding_model.ValueStatus] in the spirit of SDMX's observation status, with
an optional note. [`parse_value`][safeguarding_model.parse_value] turns a printed cell into a
value, and marks readings it had to guess with a [`ValueFlag`][safeguarding_model.ValueFlag]
so that checks can report them.

Examples:
    >>> from safeguarding_model import parse_value
    >>> parse_value("1400 (tbc)")
    Value(number=Decimal('1400'), status=<ValueStatus.PROVISIONAL: 'provisional'>, unit=None, note=None, printed='1400 (tbc)', flags=())
    >>> parse_value("Data not currently available").status
    <ValueStatus.MISSING: 'missing'>
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation, localcontext
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Literal, Self, TypeAlias

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from safeguarding_model._records import Record
from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.errors import InvalidInputError, ValueParseError, brief

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "FIGURE_PATTERN",
    "MAX_FIGURE_DIGITS",
    "MAX_FIGURE_EXPONENT",
    "Expect",
    "Figure",
    "PercentValue",
    "Value",
    "ValueFlag",
    "ValueStatus",
    "ValueUnit",
    "check_figure",
    "check_share",
    "parse_value",
    "percent",
]

MAX_FIGURE_DIGITS = 30
"""The most digits a figure may be written with (a count of every child in England has 8)."""

MAX_FIGURE_EXPONENT = 30
"""The largest power of ten, up or down, in a figure's size: from 1E-30 to just under 1E+31."""

_FIGURE_EXPECTED = (
    f"a finite number of at most {MAX_FIGURE_DIGITS} digits, between 1E-{MAX_FIGURE_EXPONENT} "
    f"and 1E+{MAX_FIGURE_EXPONENT + 1} in size (or 0)"
)


def check_figure(number: Decimal, *, field: str) -> Decimal:
    """``number`` if it is a figure of sane size, else an error naming ``field``.

    Published figures are counts, rates, percentages and pounds; none needs more than
    ``MAX_FIGURE_DIGITS`` digits or a size beyond ``10**±MAX_FIGURE_EXPONENT``. Bounding them
    keeps exact ``Decimal`` arithmetic on them exact and quick: a figure such as
    ``1E+999999999`` would otherwise overflow a rounding or take gigabytes to print.

    Raises:
        InvalidInputError: For a number that is not finite, has more digits, or is larger or
            smaller (but not zero) than the bound.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model.values import check_figure
        >>> check_figure(Decimal("274733"), field="number")
        Decimal('274733')
        >>> check_figure(Decimal("1E+999999999"), field="number")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: number: expected a finite number of at most 30 digits, between 1E-30 and 1E+31 in size (or 0), got Decimal('1E+999999999')
    """
    if not isinstance(number, Decimal):
        raise InvalidInputError(field, number, "a Decimal")
    if not number.is_finite() or len(number.as_tuple().digits) > MAX_FIGURE_DIGITS:
        raise InvalidInputError(field, number, _FIGURE_EXPECTED)
    if number and not -MAX_FIGURE_EXPONENT <= number.adjusted() <= MAX_FIGURE_EXPONENT:
        raise InvalidInputError(field, number, _FIGURE_EXPECTED)
    return number


FIGURE_PATTERN = r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[Ee][+-]?[0-9]+)?$"
"""A figure as a string: an optional minus, digits without leading zeros, an optional fraction
and an optional exponent (``'58.2'``, ``'-3'``, ``'1E+2'``, as ``str(Decimal)`` writes them)."""
_FIGURE_TEXT = re.compile(FIGURE_PATTERN[1:-1], re.ASCII)


def _figure_text(value: object) -> object:
    """A figure's text held to ``FIGURE_PATTERN`` before it is read as a ``Decimal``."""
    if isinstance(value, str) and not _FIGURE_TEXT.fullmatch(value):
        # pydantic's own error for text that is not a decimal, which the file readers put in words
        raise PydanticCustomError("decimal_parsing", "Input should be a valid decimal")
    return value


class _FigureSchema:
    """Field metadata: a figure's JSON Schema, a JSON number or a string by ``FIGURE_PATTERN``."""

    __slots__ = ()

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": FIGURE_PATTERN}]}


def _figure(number: Decimal, info: ValidationInfo) -> Decimal:
    return check_figure(number, field=info.field_name or "number")


_FigureNumber: TypeAlias = Annotated[Decimal, BeforeValidator(_figure_text), _FigureSchema()]
"""A ``Decimal`` read from a JSON number or a string by ``FIGURE_PATTERN``."""

Figure: TypeAlias = Annotated[_FigureNumber, AfterValidator(_figure)]
"""A record's field that holds a printed figure: a ``Decimal`` held to [`check_figure`][safeguarding_model.values.check_figure]'s bound.

In a file, a JSON number or a string by ``FIGURE_PATTERN`` (``"58.20"`` keeps its final zero
in every reader).

Examples:
    >>> from decimal import Decimal
    >>> from pydantic import TypeAdapter
    >>> from safeguarding_model.values import Figure
    >>> TypeAdapter(Figure).validate_python(Decimal("46.1"))
    Decimal('46.1')
"""


class ValueStatus(SchemaDescribed, StrEnum):
    """The status of a published figure, after SDMX's observation status.

    Statuses with a number: ``FINAL``, ``PROVISIONAL``, ``ESTIMATED`` (and ``UNDER_REVIEW``,
    which may have one). Statuses without: ``MISSING``, ``NOT_APPLICABLE``, ``SUPPRESSED``,
    ``LOW``.

    Each maps to an SDMX ``OBS_STATUS`` code and to the symbol UK official statistics print in
    its place (the Government Statistical Service's ``[c]``, ``[x]``, ``[z]``, ``[low]`` ...):

    | status | SDMX | GSS symbol | meaning |
    | --- | --- | --- | --- |
    | final | ``A`` | (none) | a normal value |
    | provisional | ``P`` | ``p`` | may still change ("1400 (tbc)") |
    | estimated | ``E`` | ``e`` | an estimate ("approximately 1,000") |
    | missing | ``O`` | ``x`` | exists but is not available |
    | not applicable | ``M`` | ``z`` | cannot exist |
    | under review | ``V`` | ``u`` | not validated: under review |
    | suppressed | ``Q`` | ``c`` | withheld, usually to protect confidentiality |
    | low | ``N`` | ``low`` | positive but rounds to zero |

    SDMX's ``L`` (missing: not collected) reads as missing too.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import ValueStatus
        >>> ValueStatus.SUPPRESSED.gss_symbol, ValueStatus.SUPPRESSED.sdmx_code
        ('c', 'Q')
        >>> ValueStatus.from_gss_symbol("[z]"), ValueStatus.from_sdmx_code("P")
        (<ValueStatus.NOT_APPLICABLE: 'not_applicable'>, <ValueStatus.PROVISIONAL: 'provisional'>)
    """

    FINAL = "final"
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"
    UNDER_REVIEW = "under_review"
    SUPPRESSED = "suppressed"
    LOW = "low"

    @property
    def has_number(self) -> bool | None:
        """Whether a value of this status has a number: yes, no, or ``None`` for either."""
        if self is ValueStatus.UNDER_REVIEW:
            return None
        return self in (ValueStatus.FINAL, ValueStatus.PROVISIONAL, ValueStatus.ESTIMATED)

    def check_number(self, number: Decimal | None, *, field: str, record: str) -> None:
        """Raise ``ValueError`` unless ``number`` suits this status (see ``has_number``).

        Used by the records that carry a number and a status; ``field`` and ``record`` name them
        in the message.

        Examples:
            >>> from safeguarding_model import ValueStatus
            >>> ValueStatus.SUPPRESSED.check_number(None, field="number", record="value")
            >>> ValueStatus.SUPPRESSED.check_number(Decimal(3), field="number", record="value")
            Traceback (most recent call last):
            ...
            ValueError: number: expected none for a value with status 'suppressed', got Decimal('3')
        """
        if number is not None and not number.is_finite():
            msg = f"{field}: expected a finite number, got {brief(number)}"
            raise ValueError(msg)
        wanted = self.has_number
        if wanted is True and number is None:
            msg = f"{field}: expected a number for a {record} with status {self.value!r}, got None"
            raise ValueError(msg)
        if wanted is False and number is not None:
            msg = f"{field}: expected none for a {record} with status {self.value!r}, got {brief(number)}"
            raise ValueError(msg)

    @property
    def sdmx_code(self) -> str:
        """The SDMX ``OBS_STATUS`` code."""
        return _SDMX[self]

    @property
    def gss_symbol(self) -> str | None:
        """The GSS symbol, without brackets; ``None`` for a final value (the number stands)."""
        return _GSS.get(self)

    @classmethod
    def from_sdmx_code(cls, code: str) -> ValueStatus:
        """The status for an SDMX ``OBS_STATUS`` code.

        Raises:
            ValueError: For codes with no status here (breaks, forecasts, ...); the message
                lists the codes understood.
        """
        status = _FROM_SDMX.get(code.strip().upper())
        if status is None:
            known = ", ".join(sorted(_FROM_SDMX))
            msg = f"code: expected an SDMX OBS_STATUS code with a status here ({known}), got {brief(code)}"
            raise ValueError(msg)
        return status

    @classmethod
    def from_gss_symbol(cls, symbol: str) -> ValueStatus:
        """The status for a GSS symbol, with or without its square brackets.

        Raises:
            ValueError: For symbols with no status here; the message lists those understood.
        """
        status = _FROM_GSS.get(symbol.strip().strip("[]").strip().lower())
        if status is None:
            known = ", ".join(sorted(_FROM_GSS))
            msg = f"symbol: expected a GSS symbol ({known}), got {brief(symbol)}"
            raise ValueError(msg)
        return status


_SDMX = {
    ValueStatus.FINAL: "A",
    ValueStatus.PROVISIONAL: "P",
    ValueStatus.ESTIMATED: "E",
    ValueStatus.MISSING: "O",
    ValueStatus.NOT_APPLICABLE: "M",
    ValueStatus.UNDER_REVIEW: "V",
    ValueStatus.SUPPRESSED: "Q",
    ValueStatus.LOW: "N",
}
_FROM_SDMX = {code: status for status, code in _SDMX.items()} | {"L": ValueStatus.MISSING}
_GSS = {
    ValueStatus.PROVISIONAL: "p",
    ValueStatus.ESTIMATED: "e",
    ValueStatus.MISSING: "x",
    ValueStatus.NOT_APPLICABLE: "z",
    ValueStatus.UNDER_REVIEW: "u",
    ValueStatus.SUPPRESSED: "c",
    ValueStatus.LOW: "low",
}
_FROM_GSS = {symbol: status for status, symbol in _GSS.items()}


@described(
    ambiguous_separator=(
        "a '.' followed by three digits in a column of whole numbers, read as a thousands separator"
    ),
    missing_percent_sign="a number without '%' in a column of percentages, read as a percentage",
)
class ValueFlag(Described, SchemaDescribed, StrEnum):
    """A mark on a value whose reading was a guess, for checks to report.

    Examples:
        >>> from safeguarding_model import ValueFlag
        >>> print(ValueFlag.AMBIGUOUS_SEPARATOR.description)
        a '.' followed by three digits in a column of whole numbers, read as a thousands separator
    """

    AMBIGUOUS_SEPARATOR = "ambiguous_separator"
    MISSING_PERCENT_SIGN = "missing_percent_sign"


ValueUnit: TypeAlias = Literal["percent", "pounds"]
"""A unit printed in the cell itself: ``'%'`` or ``'£'``."""

Expect: TypeAlias = Literal["number", "whole", "percent"]
"""What a column holds, for [`parse_value`][safeguarding_model.parse_value]'s ``expect``."""


class Value(Record):
    """A published figure: a number or nothing, with its status.

    A value with status final, provisional or estimated has a number; missing, not applicable,
    suppressed and low have none; under review may have either.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model import Value
        >>> Value(number=Decimal("59.0"))
        Value(number=Decimal('59.0'), status=<ValueStatus.FINAL: 'final'>, unit=None, note=None, printed=None, flags=())
        >>> Value(number=None, status="suppressed").is_available
        False
        >>> Value(number=None)
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Value
          Value error, number: expected a number for a value with status 'final', got None [type=value_error]
        ...
    """

    number: _FigureNumber | None = Field(
        description="The figure, exactly as printed (in JSON a string of digits); none when missing."
    )
    status: ValueStatus = Field(
        default=ValueStatus.FINAL, description="What kind of figure this is."
    )
    unit: ValueUnit | None = Field(
        default=None,
        description="A unit printed with the number: 'percent' for '%', 'pounds' for '£'.",
    )
    note: str | None = Field(
        default=None,
        description="Words printed beside the number, e.g. '1691 actual children'.",
    )
    printed: str | None = Field(
        default=None, description="The cell as printed, when it was parsed."
    )
    flags: tuple[ValueFlag, ...] = Field(
        default=(), description="Guesses made in reading the cell, for checks to report."
    )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """The value's schema, with the statuses that need a number and those that refuse one."""
        schema = handler.resolve_ref_schema(handler(core_schema))
        if handler.mode == "validation":
            with_number = [status.value for status in ValueStatus if status.has_number is True]
            without = [status.value for status in ValueStatus if status.has_number is False]
            schema["allOf"] = [
                {
                    "if": {"properties": {"status": {"enum": with_number}}},
                    "then": {"properties": {"number": {"not": {"type": "null"}}}},
                },
                {
                    "if": {"properties": {"status": {"enum": without}}, "required": ["status"]},
                    "then": {"properties": {"number": {"type": "null"}}},
                },
            ]
        return schema

    @field_validator("number")
    @classmethod
    def _number_is_a_figure(cls, number: Decimal | None) -> Decimal | None:
        if number is not None and number.is_finite():  # the status check names non-finite ones
            check_figure(number, field="number")
        return number

    @model_validator(mode="after")
    def _number_agrees_with_status(self) -> Self:
        self.status.check_number(self.number, field="number", record="value")
        return self

    @model_validator(mode="after")
    def _number_agrees_with_printed(self, info: ValidationInfo) -> Self:
        """A cell the parser can read must read as this value's number, to the digit, and status.

        Skipped for values [`parse_value`][safeguarding_model.parse_value] makes (they are its
        reading), for flagged values (their reading depended on the column), and for printed
        text the parser cannot read (words such as "none" or "at least 4,175", kept as printed).
        """
        if self.printed is None or self.flags or (info.context or {}).get(_PARSED_KEY):
            return self
        try:
            reading = parse_value(self.printed)
        except ValueParseError:
            return self
        same_digits = str(reading.number) == str(self.number)  # 59.0 is not 59: precision counts
        if not same_digits or reading.status is not self.status:
            msg = (
                f"printed: {brief(self.printed)} reads as {reading.number} ({reading.status.value}), "
                f"but the value says {self.number} ({self.status.value}); expected the number "
                "and status the cell prints"
            )
            raise ValueError(msg)
        return self

    @property
    def is_available(self) -> bool:
        """Whether the value has a number."""
        return self.number is not None

    @property
    def is_flagged(self) -> bool:
        """Whether reading the value involved a guess (see ``flags``)."""
        return bool(self.flags)


# --- parsing -------------------------------------------------------------------------------

_PARSED_KEY = "safeguarding_model.parsed"
"""Validation context key marking a value as ``parse_value``'s own reading of its cell."""


def _parsed(**fields: object) -> Value:
    """A value ``parse_value`` read: validated, without reading its cell a second time."""
    return Value.model_validate(fields, context={_PARSED_KEY: True})


_WORDS: dict[str, tuple[ValueStatus, str | None]] = {
    "data not currently available": (ValueStatus.MISSING, None),
    "info not yet available": (ValueStatus.MISSING, None),
    "information not yet available": (ValueStatus.MISSING, None),
    "not yet available": (ValueStatus.MISSING, None),
    "not available": (ValueStatus.MISSING, None),
    "no data": (ValueStatus.MISSING, None),
    "tbc": (ValueStatus.MISSING, "to be confirmed"),
    "to be confirmed": (ValueStatus.MISSING, "to be confirmed"),
    "under review": (ValueStatus.UNDER_REVIEW, None),
    "n/a": (ValueStatus.NOT_APPLICABLE, None),
    "na": (ValueStatus.NOT_APPLICABLE, None),
    "not applicable": (ValueStatus.NOT_APPLICABLE, None),
    "suppressed": (ValueStatus.SUPPRESSED, None),
}
_ANNOTATIONS = {
    "tbc": ValueStatus.PROVISIONAL,
    "to be confirmed": ValueStatus.PROVISIONAL,
    "provisional": ValueStatus.PROVISIONAL,
    "p": ValueStatus.PROVISIONAL,
    "estimate": ValueStatus.ESTIMATED,
    "estimated": ValueStatus.ESTIMATED,
    "est": ValueStatus.ESTIMATED,
    "e": ValueStatus.ESTIMATED,
}
_APPROXIMATE = re.compile(
    r"(?:approximately|approx\.?|around|about|circa|c\.|~)\s*(?P<rest>.+)", re.ASCII | re.IGNORECASE
)
_ANNOTATED = re.compile(r"(?P<number>[^()\[\]]+?)\s*[(\[](?P<note>[^()\[\]]*)[)\]]")
_NUMBER = re.compile(
    r"(?P<sign>[-−])?\s*(?P<pounds>£)?\s*"
    r"(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.(?P<fraction>[0-9]+))?"
    r"\s*(?P<percent>%)?\s*(?P<scale>thousand|million|billion|bn|m|k)?",
    re.ASCII | re.IGNORECASE,
)
_SCALES = {"thousand": 3, "k": 3, "million": 6, "m": 6, "billion": 9, "bn": 9}
_MAX_DIGITS = MAX_FIGURE_DIGITS


def parse_value(text: str, *, expect: Expect = "number") -> Value:  # noqa: C901 - one branch per form
    """Read a table cell as printed into a [`Value`][safeguarding_model.Value].

    Understood: numbers with thousands separators, a sign, ``£``, ``%`` and ``thousand`` /
    ``million`` / ``billion`` (``1,412``, ``-33,367``, ``34%``, ``£800 million``); a number with
    a status or a note in brackets (``1400 (tbc)`` is provisional, ``60 (1691 actual children)``
    is 60 with a note); an approximate number (``approximately 1,000`` is estimated); the words
    reports print instead of numbers (``Data not currently available``, ``Info not yet
    available``, ``Not Available``, ``TBC`` are missing, ``Under review`` is under review,
    ``N/A`` is not applicable); GSS symbols (``[c]``, ``[x]``, ``[z]``, ``[low]``); and a blank
    cell (missing).

    ``expect`` says what the column holds, so that a cell that reads two ways is read the likely
    way **and** flagged, never silently guessed:

    - ``"whole"`` (counts, whole pounds): ``73.000`` is read as 73000, flagged
      ``AMBIGUOUS_SEPARATOR``; ``73.00`` is 73; ``73.5`` and ``34%`` are refused.
    - ``"percent"``: ``8.75`` is read as 8.75 per cent, flagged ``MISSING_PERCENT_SIGN``.
    - ``"number"`` (the default): the number as printed.

    Args:
        text: The cell, as printed.
        expect: What the column holds.

    Returns:
        The value, with ``printed`` set to ``text``.

    Raises:
        ValueParseError: When the text is not a value; the message quotes it and says why.
            A number must be a figure of sane size (see
            [`check_figure`][safeguarding_model.values.check_figure]).
        InvalidInputError: For an ``expect`` other than those above.

    Examples:
        >>> from safeguarding_model import parse_value
        >>> parse_value("60 (1691 actual children)").note
        '1691 actual children'
        >>> parse_value("£800 million").number
        Decimal('800000000')
        >>> value = parse_value("73.000", expect="whole")
        >>> value.number, value.flags
        (Decimal('73000'), (<ValueFlag.AMBIGUOUS_SEPARATOR: 'ambiguous_separator'>,))
    """
    if not isinstance(text, str):
        raise ValueParseError(repr(text), f"expected text, got a {type(text).__name__}")
    if expect not in ("number", "whole", "percent"):
        raise InvalidInputError("expect", expect, "'number', 'whole' or 'percent'")
    cleaned = " ".join(text.split())
    if not cleaned:
        return _parsed(number=None, status=ValueStatus.MISSING, note="blank cell", printed=text)
    words = cleaned.lower().rstrip(".")
    if words in _WORDS:
        word_status, word_note = _WORDS[words]
        return _parsed(number=None, status=word_status, note=word_note, printed=text)
    if words.startswith("[") and words.endswith("]"):
        try:
            status = ValueStatus.from_gss_symbol(words)
        except ValueError:
            raise ValueParseError(text, "not a GSS symbol ([c], [x], [z], [low], ...)") from None
        if status.has_number:
            raise ValueParseError(
                text, f"the symbol [{words.strip('[]')}] needs a number before it"
            )
        return _parsed(number=None, status=status, printed=text)
    if words in ("c", "x", "z", "low"):
        return _parsed(number=None, status=ValueStatus.from_gss_symbol(words), printed=text)

    status = ValueStatus.FINAL
    note: str | None = None
    body = cleaned
    if (match := _APPROXIMATE.fullmatch(body)) is not None:
        status, body = ValueStatus.ESTIMATED, match["rest"]
    if (match := _ANNOTATED.fullmatch(body)) is not None:
        body = match["number"]
        annotation = " ".join(match["note"].split())
        if annotation.lower() in _ANNOTATIONS:
            status = _ANNOTATIONS[annotation.lower()]
        elif annotation:
            note = annotation
    number, unit, flags = _read_number(text, body, expect)
    return _parsed(number=number, status=status, unit=unit, note=note, printed=text, flags=flags)


def _read_number(  # noqa: C901, PLR0912 - the column rules read best in one place
    text: str, body: str, expect: Expect
) -> tuple[Decimal, ValueUnit | None, tuple[ValueFlag, ...]]:
    match = _NUMBER.fullmatch(body.strip())
    if match is None or (match["whole"] is None and match["fraction"] is None):
        if re.search(r"[0-9],(?:[0-9]{1,2}|[0-9]{4,})(?![0-9])", body):
            raise ValueParseError(
                text, "thousands separators must be followed by exactly three digits"
            )
        raise ValueParseError(
            text,
            "expected a number (like '1,412', '34%', '£800 million', '1400 (tbc)') or a status "
            "('N/A', 'TBC', 'Under review', 'Data not currently available', '[c]')",
        )
    if match["percent"] and match["pounds"]:
        raise ValueParseError(text, "a number cannot be both pounds and a percentage")
    if match["percent"] and match["scale"]:
        raise ValueParseError(text, "a percentage cannot have a scale word")
    whole = (match["whole"] or "0").replace(",", "")
    fraction = match["fraction"] or ""
    if len(whole) + len(fraction) > _MAX_DIGITS:
        raise ValueParseError(text, f"more than {_MAX_DIGITS} digits")
    flags: list[ValueFlag] = []
    unit: ValueUnit | None = (
        "percent" if match["percent"] else "pounds" if match["pounds"] else None
    )

    if expect == "whole":
        if match["percent"]:
            raise ValueParseError(text, "expected a whole number, got a percentage")
        if fraction and match["scale"] is None:
            if len(fraction) == 3 and "," not in (match["whole"] or "") and match["whole"]:
                whole, fraction = whole + fraction, ""
                flags.append(ValueFlag.AMBIGUOUS_SEPARATOR)
            elif set(fraction) == {"0"}:
                fraction = ""
            else:
                raise ValueParseError(text, "expected a whole number")
    elif expect == "percent" and not match["percent"]:
        if match["pounds"] or match["scale"]:
            raise ValueParseError(text, "expected a percentage")
        unit = "percent"
        flags.append(ValueFlag.MISSING_PERCENT_SIGN)

    try:
        number = Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise ValueParseError(text, "not a number") from None
    if match["scale"]:
        number = number.scaleb(_SCALES[match["scale"].lower()])
        if number.adjusted() > MAX_FIGURE_EXPONENT:
            raise ValueParseError(text, f"expected a figure less than 1E+{MAX_FIGURE_EXPONENT + 1}")
        if number == number.to_integral_value():
            with localcontext(prec=MAX_FIGURE_DIGITS + MAX_FIGURE_EXPONENT + 1):
                number = number.quantize(Decimal(1))
    try:
        check_figure(number, field="number")
    except InvalidInputError as error:
        raise ValueParseError(text, f"expected {error.expected}") from None
    if match["sign"]:
        number = -number
    return number, unit, tuple(flags)


# --- shares in per cent ---------------------------------------------------------------------


def percent(value: str | int | Decimal) -> Value:
    """A share in per cent, as a [`Value`][safeguarding_model.Value] with unit ``'percent'``.

    Takes a number or the cell as printed. Attendance and audit tables print their shares
    without a ``%`` sign under a header that gives the unit (Lancashire's "% Atn"), so a bare
    number here is a percentage by its column, not a guess: it is **not** flagged
    ``MISSING_PERCENT_SIGN``. Words such as ``N/A`` or ``TBC`` give a value with no number.

    Raises:
        ValueParseError: For text that is not a value, or an amount of pounds.
        InvalidInputError: For anything but text, an ``int`` or a ``Decimal``.

    Examples:
        >>> from safeguarding_model.values import percent
        >>> percent("83")
        Value(number=Decimal('83'), status=<ValueStatus.FINAL: 'final'>, unit='percent', note=None, printed='83', flags=())
        >>> percent("89.7%").number, percent(50).printed
        (Decimal('89.7'), None)
    """
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise InvalidInputError("value", value, "a number (int or Decimal) or the cell as printed")
    if isinstance(value, str):
        parsed = parse_value(value)
        if parsed.unit == "pounds":
            raise ValueParseError(value, "expected a percentage, got an amount of pounds")
        return parsed.model_copy(update={"unit": "percent"})
    return Value(number=Decimal(value), unit="percent")


def _to_percent(value: object) -> object:
    """Let a share field take a number or a printed cell as well as a value."""
    if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
        return percent(value)
    return value


PercentValue: TypeAlias = Annotated[Value, BeforeValidator(_to_percent)]
"""A record's field that holds a share in per cent: a ``Value``, or a number or printed cell read with [`percent`][safeguarding_model.values.percent].

Check the share with [`check_share`][safeguarding_model.values.check_share] in the record's
field validator, which names the field.

Examples:
    >>> from pydantic import TypeAdapter
    >>> from safeguarding_model.values import PercentValue
    >>> TypeAdapter(PercentValue).validate_python("67").unit
    'percent'
"""


def check_share(value: Value, field: str) -> Value:
    """``value`` if it is a share in per cent from 0 to 100 (or no number), else an error naming ``field``.

    Raises:
        InvalidInputError: For a value whose unit is not ``'percent'``, or a number below 0 or
            above 100.

    Examples:
        >>> from safeguarding_model.values import check_share, percent
        >>> check_share(percent("83"), "attended").number
        Decimal('83')
        >>> check_share(percent("150"), "attended")
        Traceback (most recent call last):
        ...
        safeguarding_model.errors.InvalidInputError: attended: expected a share from 0 to 100 per cent, got Decimal('150')
    """
    if value.unit != "percent":
        raise InvalidInputError(
            field, value.unit, "a share in per cent (a Value with unit 'percent'; see percent())"
        )
    if value.number is not None and not Decimal(0) <= value.number <= Decimal(100):
        raise InvalidInputError(field, value.number, "a share from 0 to 100 per cent")
    return value
