"""Periods that published figures refer to: financial, academic and calendar years, quarters, months, days, ranges, pools.

Every period knows its first and last day (``start`` and ``end``, both inclusive) and derives
each of its labels from them: the canonical ``str()`` form, the forms the public-health profiles
print, and the Department for Education's compact codes. Periods are immutable, hashable and
ordered by ``(start, end)``, so a quarter sorts before the financial year it opens, and a year
before the next.

[`parse_period`][safeguarding_model.parse_period] reads the spellings found in published reports,
and [`period_from_dfe`][safeguarding_model.period_from_dfe] the Department for Education's
``time_period`` and ``time_identifier`` columns. A reading that was a guess (``2017 – 18``: the
financial year, or the calendar years 2017 and 2018 pooled?) is kept on the period as
[`PeriodFlag`][safeguarding_model.PeriodFlag]s, for rule V102 to report. In pydantic models a field
typed as a period accepts either a period or such a string, and is written out as the canonical
string (a flagged reading as printed, so that reading the file again flags it again).

Examples:
    >>> from safeguarding_model import parse_period
    >>> year = parse_period("2015-16")
    >>> year
    FinancialYear(start_year=2015)
    >>> str(year), year.dfe_code, year.start, year.end
    ('2015/16', '201516', datetime.date(2015, 4, 1), datetime.date(2016, 3, 31))
    >>> sorted([parse_period("2015/16"), parse_period("Q4 2014/15"), parse_period("2014/15")])
    [FinancialYear(start_year=2014), FinancialQuarter(start_year=2014, quarter=4), FinancialYear(start_year=2015)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol, Self, TypeAlias

from attrs import field, frozen

from safeguarding_model._vocabulary import Described, SchemaDescribed, described
from safeguarding_model.errors import InvalidInputError, PeriodParseError, brief

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = [
    "ANY_PERIOD_PATTERN",
    "FINANCIAL_YEAR_PATTERN",
    "AcademicYear",
    "CalendarQuarter",
    "CalendarYear",
    "DateRange",
    "FinancialQuarter",
    "FinancialYear",
    "Month",
    "Period",
    "PeriodExpect",
    "PeriodFlag",
    "PointInTime",
    "PooledPeriod",
    "parse_period",
    "period_between",
    "period_from_dfe",
]

_MIN_YEAR = 1800
_MAX_YEAR = 2999
_MAX_POOL = 20
"""The longest span (in years) read as a pool; '2014-12' is more likely a month than 98 years."""
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _check_year(_instance: object, attribute: Any, value: int) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if isinstance(value, bool) or not isinstance(value, int) or not _MIN_YEAR <= value <= _MAX_YEAR:
        msg = (
            f"{attribute.name}: expected a year from {_MIN_YEAR} to {_MAX_YEAR}, got {brief(value)}"
        )
        raise ValueError(msg)


@described(
    one_year_span=(
        "a dash with spaces, an en dash or 'to' between consecutive years, read as a financial "
        "year (two calendar years pooled are printed the same way)"
    ),
    dfe_code=(
        "a six-digit code without its time_identifier, read as a financial year (the Department "
        "for Education uses the same code for an academic year)"
    ),
)
class PeriodFlag(Described, SchemaDescribed, StrEnum):
    """A mark on a period whose reading was a guess, for rule V102 to report.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> year = parse_period("2017 – 18")
        >>> year, year.flags
        (FinancialYear(start_year=2017), (<PeriodFlag.ONE_YEAR_SPAN: 'one_year_span'>,))
        >>> print(year.flags[0].description)
        a dash with spaces, an en dash or 'to' between consecutive years, read as a financial year (two calendar years pooled are printed the same way)
    """

    ONE_YEAR_SPAN = "one_year_span"
    DFE_CODE = "dfe_code"


PeriodExpect: TypeAlias = Literal["financial_year", "academic_year", "pooled_years"]
"""What a column of periods holds, for [`parse_period`][safeguarding_model.parse_period]'s ``expect``."""


def _letters(word: str) -> str:
    """``word`` in any case, for a pattern without flags: ``'fy'`` is ``'[Ff][Yy]'``."""
    return "".join(f"[{letter.upper()}{letter}]" for letter in word)


_FY_WORDS = rf"{_letters('financial')}\s+{_letters('year')}"
_TWO_OR_FOUR = "[0-9]{2}(?:[0-9]{2})?"
_FY_CORE = rf"(?:{_TWO_OR_FOUR}\s*(?:[/–—-]|{_letters('to')})\s*{_TWO_OR_FOUR}|[0-9]{{6}})"

FINANCIAL_YEAR_PATTERN = rf"^\s*(?:(?:{_FY_WORDS}|{_letters('fy')})\s*{_FY_CORE}|{_FY_CORE}\s+{_FY_WORDS}|{_FY_CORE})\s*$"
"""The JSON Schema pattern of a financial year's text: the spellings ``parse_period`` reads as one.

``2015/16``, ``2015-16``, ``15/16``, ``2015/2016``, ``2015 – 16``, ``2015 to 2016``,
``201516``, ``FY 2015/16``, ``financial year 2015/16``, ``2015/16 financial year``, in any
case and spacing. A pattern cannot add years up: that the two years are consecutive
(``2015/17`` is refused) and from 1800 to 2999 is checked by the library alone.

Examples:
    >>> import re
    >>> bool(re.search(FINANCIAL_YEAR_PATTERN, "2015/16")), bool(re.search(FINANCIAL_YEAR_PATTERN, "March 2016"))
    (True, False)
"""

ANY_PERIOD_PATTERN = r"^[\sA-Za-z0-9/.,–—-]*[0-9][\sA-Za-z0-9/.,–—-]*$"
"""The JSON Schema pattern of any period's text: letters, digits, spaces, ``/ - – — . ,`` and a digit.

Every spelling ``parse_period`` reads has a year in it and no other characters; the pattern is
wider than the spellings (``"12,5"`` matches it), so the library reads the text itself.

Examples:
    >>> import re
    >>> bool(re.search(ANY_PERIOD_PATTERN, "Q4 2015/16")), bool(re.search(ANY_PERIOD_PATTERN, "March"))
    (True, False)
"""


def _words(name: str) -> str:
    """A class name as words: ``'FinancialYear'`` is ``'a financial year'``."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


class Period:
    """Base of every period: a span of days from ``start`` to ``end``, both inclusive.

    Subclasses are frozen attrs classes. Periods of any kind compare by ``(start, end)``.

    Examples:
        >>> from safeguarding_model import FinancialYear, CalendarYear
        >>> FinancialYear(2015) < CalendarYear(2016)
        True
        >>> FinancialYear(2015).contains(CalendarYear(2016).start)
        True
    """

    __slots__ = ()

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        raise NotImplementedError

    @property
    def end(self) -> dt.date:
        """The last day of the period (inclusive)."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        """The canonical label; the same as ``str(period)``."""
        return str(self)

    @property
    def days(self) -> int:
        """The number of days the period spans, both ends included."""
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the period."""
        return self.start <= day <= self.end

    @property
    def flags(self) -> tuple[PeriodFlag, ...]:
        """Guesses made in reading the period from text; empty unless the reading was a guess."""
        return ()

    @property
    def printed(self) -> str | None:
        """The text a flagged reading was made from; ``None`` for a period that is not flagged."""
        return None

    @property
    def is_flagged(self) -> bool:
        """Whether reading the period involved a guess (see ``flags``)."""
        return bool(self.flags)

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.start, self.end)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()

    @classmethod
    def __get_pydantic_core_schema__(
        cls,
        source_type: Any,  # noqa: ANN401 - pydantic's protocol
        handler: GetCoreSchemaHandler,
    ) -> CoreSchema:
        """Let pydantic fields typed as a period accept periods or their spellings as text."""
        from pydantic_core import core_schema  # noqa: PLC0415 - pydantic only when a model needs it

        def validate(value: object) -> Period:
            period = _read_for(cls, value) if isinstance(value, str) else value
            if not isinstance(period, cls):
                kind = "a period" if cls is Period else _words(cls.__name__)  # 'a financial year'
                msg = f"expected {kind} or its text, like {cls._EXAMPLE!r}, got {brief(value)}"
                raise ValueError(msg)  # noqa: TRY004 - pydantic turns ValueError into a validation error
            return period

        return core_schema.no_info_plain_validator_function(
            validate,
            json_schema_input_schema=core_schema.str_schema(pattern=cls._JSON_PATTERN),
            serialization=core_schema.plain_serializer_function_ser_schema(
                _written, return_schema=core_schema.str_schema(), when_used="json-unless-none"
            ),
        )

    _EXAMPLE: ClassVar[str] = "2015/16"
    """A period of this class as text, for error messages."""
    _EXPECT: ClassVar[PeriodExpect | None] = None
    """What a pydantic field typed as this class asks ``parse_period`` to expect of its text."""
    _JSON_PATTERN: ClassVar[str] = ANY_PERIOD_PATTERN
    """The pattern of a field's text in the JSON Schema (see ``ANY_PERIOD_PATTERN``)."""


def _read_for(cls: type[Period], text: str) -> Period:
    """``text`` read for a field typed ``cls``: with its ``expect``, else as any period."""
    try:
        return parse_period(text, expect=cls._EXPECT)
    except PeriodParseError:
        if cls._EXPECT is None:
            raise
        return parse_period(text)  # another kind of period: the field's message says so


def _written(period: Period) -> str:
    """A period as a file holds it: canonical, or as printed when its reading was a guess."""
    printed = period.printed
    return printed if period.flags and printed is not None else str(period)


def _flags(value: object) -> tuple[PeriodFlag, ...]:
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        raise InvalidInputError("flags", value, "a tuple of PeriodFlag")
    return tuple(PeriodFlag(flag) for flag in value)


@frozen(order=False)
class _YearFrom(Period):
    """A twelve-month year starting on the first of ``_FIRST_MONTH``, named by its start year."""

    start_year: int = field(validator=_check_year)
    """The calendar year in which the year starts (2015 for 2015/16)."""

    _FIRST_MONTH: ClassVar[int]

    @classmethod
    def containing(cls, day: dt.date) -> Self:
        """The year that ``day`` falls in."""
        return cls(day.year if day.month >= cls._FIRST_MONTH else day.year - 1)

    @property
    def start(self) -> dt.date:
        """The first day: the first of the year's first month in ``start_year``."""
        return dt.date(self.start_year, self._FIRST_MONTH, 1)

    @property
    def end(self) -> dt.date:
        """The last day: the day before the same date a year on."""
        return dt.date(self.start_year + 1, self._FIRST_MONTH, 1) - dt.timedelta(days=1)

    @property
    def dfe_code(self) -> str:
        """The Department for Education's ``time_period`` code for the year: ``'201516'``."""
        return f"{self.start_year}{(self.start_year + 1) % 100:02d}"


@frozen(order=False)
class FinancialYear(_YearFrom):
    """A UK financial year, 1 April to 31 March, named by the year it starts in.

    Examples:
        >>> import datetime
        >>> from safeguarding_model import FinancialYear
        >>> year = FinancialYear(2015)
        >>> str(year), year.hyphenated, year.short, year.dfe_code
        ('2015/16', '2015-16', '15/16', '201516')
        >>> year.quarter(4)
        FinancialQuarter(start_year=2015, quarter=4)
        >>> FinancialYear.containing(datetime.date(2016, 3, 31))
        FinancialYear(start_year=2015)
    """

    printed: str | None = field(default=None, kw_only=True, eq=False, repr=False)
    """The text a flagged reading was made from (not part of equality)."""
    flags: tuple[PeriodFlag, ...] = field(
        default=(), kw_only=True, eq=False, repr=False, converter=_flags
    )
    """Guesses made in reading the year (not part of equality): see [`PeriodFlag`][safeguarding_model.PeriodFlag]."""

    _EXAMPLE: ClassVar[str] = "2015/16"
    _EXPECT: ClassVar[PeriodExpect | None] = "financial_year"
    _FIRST_MONTH: ClassVar[int] = 4
    _JSON_PATTERN: ClassVar[str] = FINANCIAL_YEAR_PATTERN

    @property
    def hyphenated(self) -> str:
        """The label with a hyphen, as many reports print it: ``'2015-16'``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def short(self) -> str:
        """The two-digit label: ``'15/16'``."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    def quarter(self, number: int) -> FinancialQuarter:
        """The quarter ``number`` (1 to 4) of this financial year."""
        return FinancialQuarter(self.start_year, number)

    def previous(self) -> FinancialYear:
        """The financial year before this one."""
        return FinancialYear(self.start_year - 1)

    def __str__(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"


def _check_quarter(_instance: object, attribute: Any, value: int) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if isinstance(value, bool) or value not in (1, 2, 3, 4):
        msg = f"{attribute.name}: expected a quarter number from 1 to 4, got {brief(value)}"
        raise ValueError(msg)


class _Quarter(Protocol):
    @property
    def quarter(self) -> int: ...

    @property
    def year(self) -> object: ...


class _Quarterly:
    """The labels of a quarter of a year: ``'2015/16 Q3'``, and ``'Q3 2015/16'`` as reports print it."""

    @property
    def report_label(self: _Quarter) -> str:
        """The label with the quarter first, as many reports print it: ``'Q3 2015/16'``."""
        return f"Q{self.quarter} {self.year}"

    def __str__(self: _Quarter) -> str:
        return f"{self.year} Q{self.quarter}"


@frozen(order=False)
class FinancialQuarter(_Quarterly, Period):
    """A quarter of a UK financial year: Q1 is April to June, Q4 January to March.

    Examples:
        >>> from safeguarding_model import FinancialQuarter
        >>> q3 = FinancialQuarter(2015, 3)
        >>> str(q3), q3.report_label, q3.start, q3.end
        ('2015/16 Q3', 'Q3 2015/16', datetime.date(2015, 10, 1), datetime.date(2015, 12, 31))
    """

    start_year: int = field(validator=_check_year)
    """The calendar year in which the quarter's financial year starts."""
    quarter: int = field(validator=_check_quarter)
    """The quarter's number, 1 to 4."""

    _EXAMPLE: ClassVar[str] = "2015/16 Q3"

    @classmethod
    def containing(cls, day: dt.date) -> Self:
        """The financial quarter that ``day`` falls in."""
        year = FinancialYear.containing(day)
        return cls(year.start_year, (day.month - 4) % 12 // 3 + 1)

    @property
    def year(self) -> FinancialYear:
        """The financial year the quarter belongs to."""
        return FinancialYear(self.start_year)

    @property
    def start(self) -> dt.date:
        """The first day of the quarter."""
        if self.quarter == 4:
            return dt.date(self.start_year + 1, 1, 1)
        return dt.date(self.start_year, 3 * self.quarter + 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter."""
        # 92 days on from the first day always lands early in the next quarter's first month.
        next_start = (self.start + dt.timedelta(days=92)).replace(day=1)
        return next_start - dt.timedelta(days=1)


@frozen(order=False)
class CalendarYear(Period):
    """A calendar year, 1 January to 31 December.

    Examples:
        >>> from safeguarding_model import CalendarYear
        >>> str(CalendarYear(2016)), CalendarYear(2016).days
        ('2016', 366)
    """

    year: int = field(validator=_check_year)
    """The year."""

    _EXAMPLE: ClassVar[str] = "2016"

    @property
    def start(self) -> dt.date:
        """1 January."""
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """31 December."""
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        return str(self.year)


def _check_date(_instance: object, attribute: Any, value: dt.date) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        msg = f"{attribute.name}: expected a datetime.date, got {brief(value)}"
        raise TypeError(msg)
    if not _MIN_YEAR <= value.year <= _MAX_YEAR:
        msg = (
            f"{attribute.name}: expected a date from {_MIN_YEAR} to {_MAX_YEAR}, got {brief(value)}"
        )
        raise ValueError(msg)


@frozen(order=False)
class PointInTime(Period):
    """A single day, for snapshot figures such as "at 31 March 2016".

    Examples:
        >>> import datetime
        >>> from safeguarding_model import PointInTime
        >>> snapshot = PointInTime(datetime.date(2016, 3, 31))
        >>> str(snapshot), snapshot.iso, snapshot.financial_year
        ('31 March 2016', '2016-03-31', FinancialYear(start_year=2015))
    """

    date: dt.date = field(validator=_check_date)
    """The day."""

    _EXAMPLE: ClassVar[str] = "31 March 2016"

    @property
    def start(self) -> dt.date:
        """The day itself."""
        return self.date

    @property
    def end(self) -> dt.date:
        """The day itself."""
        return self.date

    @property
    def iso(self) -> str:
        """The ISO 8601 form: ``'2016-03-31'``."""
        return self.date.isoformat()

    @property
    def financial_year(self) -> FinancialYear:
        """The financial year the day falls in."""
        return FinancialYear.containing(self.date)

    def __str__(self) -> str:
        return f"{self.date.day} {_MONTHS[self.date.month - 1]} {self.date.year}"


def _check_pool(instance: PooledPeriod, _attribute: Any, value: int) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if value <= instance.first_year:
        msg = (
            f"last_year: expected a year after first_year={instance.first_year} "
            f"(a pooled period spans at least two years), got {brief(value)}"
        )
        raise ValueError(msg)


@frozen(order=False)
class PooledPeriod(Period):
    """Several consecutive years pooled into one figure (calendar or financial years).

    The public-health profiles print pooled calendar years as ``'2013 - 15'`` and pooled
    financial years as ``'2012/13 - 14/15'``; those are the canonical labels.

    Examples:
        >>> from safeguarding_model import PooledPeriod
        >>> pool = PooledPeriod(2012, 2014)
        >>> str(pool), pool.years, pool.start, pool.end
        ('2012 - 14', 3, datetime.date(2012, 1, 1), datetime.date(2014, 12, 31))
        >>> str(PooledPeriod(2012, 2014, financial=True))
        '2012/13 - 14/15'
    """

    first_year: int = field(validator=_check_year)
    """The first year pooled (for financial years, the year the first one starts in)."""
    last_year: int = field(validator=[_check_year, _check_pool])
    """The last year pooled (for financial years, the year the last one starts in)."""
    financial: bool = field(default=False, kw_only=True)
    """Whether the pooled years are financial years rather than calendar years."""

    _EXAMPLE: ClassVar[str] = "2013 - 15"
    _EXPECT: ClassVar[PeriodExpect | None] = "pooled_years"

    @property
    def years(self) -> int:
        """How many years are pooled."""
        return self.last_year - self.first_year + 1

    @property
    def members(self) -> tuple[FinancialYear, ...] | tuple[CalendarYear, ...]:
        """The single years pooled, in order."""
        span = range(self.first_year, self.last_year + 1)
        if self.financial:
            return tuple(FinancialYear(year) for year in span)
        return tuple(CalendarYear(year) for year in span)

    @property
    def start(self) -> dt.date:
        """The first day of the first year."""
        return self.members[0].start

    @property
    def end(self) -> dt.date:
        """The last day of the last year."""
        return self.members[-1].end

    def __str__(self) -> str:
        if self.financial:
            return f"{FinancialYear(self.first_year)} - {FinancialYear(self.last_year).short}"
        span = f"{self.first_year} - {self.last_year % 100:02d}"
        # '2014 - 15' alone reads as the financial year 2014/15: two pooled years say what they are
        return f"calendar years {span}" if self.years == 2 else span


def _check_month(_instance: object, attribute: Any, value: int) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
        msg = f"{attribute.name}: expected a month number from 1 to 12, got {brief(value)}"
        raise ValueError(msg)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


@frozen(order=False)
class Month(Period):
    """A calendar month, as reports print "March 2024".

    A figure "at the end of March 2024" is for a day, not the month: read it as
    ``end_point`` (``parse_period`` does).

    Examples:
        >>> from safeguarding_model import Month, parse_period
        >>> march = parse_period("March 2024")
        >>> march, str(march), march.start, march.end
        (Month(year=2024, month=3), 'March 2024', datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
        >>> parse_period("as at end of March 2024") == march.end_point
        True
    """

    year: int = field(validator=_check_year)
    """The year."""
    month: int = field(validator=_check_month)
    """The month's number, 1 (January) to 12 (December)."""

    _EXAMPLE: ClassVar[str] = "March 2024"

    @property
    def start(self) -> dt.date:
        """The first day of the month."""
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the month."""
        return _month_end(self.year, self.month)

    @property
    def end_point(self) -> PointInTime:
        """The last day of the month as a point in time: "at the end of March 2024"."""
        return PointInTime(self.end)

    def __str__(self) -> str:
        return f"{_MONTHS[self.month - 1]} {self.year}"


@frozen(order=False)
class CalendarQuarter(_Quarterly, Period):
    """A quarter of a calendar year: Q1 is January to March.

    Its days are those of a financial quarter (``2017 Q1`` is ``2016/17 Q4``), but it is named
    and printed as the source names it; the two compare unequal, as different periods do.

    Examples:
        >>> from safeguarding_model import CalendarQuarter, parse_period
        >>> q1 = parse_period("Q1 2017")
        >>> q1, str(q1), q1.report_label, q1.end
        (CalendarQuarter(year=2017, quarter=1), '2017 Q1', 'Q1 2017', datetime.date(2017, 3, 31))
    """

    year: int = field(validator=_check_year)
    """The year."""
    quarter: int = field(validator=_check_quarter)
    """The quarter's number, 1 to 4."""

    _EXAMPLE: ClassVar[str] = "2017 Q1"

    @property
    def start(self) -> dt.date:
        """The first day of the quarter."""
        return dt.date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> dt.date:
        """The last day of the quarter."""
        return _month_end(self.year, 3 * self.quarter)


@frozen(order=False)
class AcademicYear(_YearFrom):
    """A school (academic) year, 1 September to 31 August, named by the year it starts in.

    Printed ``academic year 2017/18``: ``2017/18`` alone is a financial year. A column known to
    hold academic years can be read with ``parse_period(text, expect="academic_year")``, and a
    pydantic field typed ``AcademicYear`` reads ``2017/18`` as one.

    Examples:
        >>> from safeguarding_model import AcademicYear, parse_period
        >>> year = parse_period("2017/18 academic year")
        >>> year, str(year), year.dfe_code, year.start, year.end
        (AcademicYear(start_year=2017), 'academic year 2017/18', '201718', datetime.date(2017, 9, 1), datetime.date(2018, 8, 31))
        >>> parse_period("2017/18", expect="academic_year") == year
        True
    """

    _EXAMPLE: ClassVar[str] = "academic year 2017/18"
    _EXPECT: ClassVar[PeriodExpect | None] = "academic_year"
    _FIRST_MONTH: ClassVar[int] = 9

    @property
    def short(self) -> str:
        """The years alone, as a school table's column prints them: ``'2017/18'``."""
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return f"academic year {self.short}"


def _check_range(instance: DateRange, _attribute: Any, value: dt.date) -> None:  # noqa: ANN401 - attrs passes its own Attribute type
    if value < instance.first:
        msg = f"last: expected a day on or after first={instance.first.isoformat()}, got {brief(value)}"
        raise ValueError(msg)
    named = _named_between(instance.first, value)
    if named is not None:
        msg = (
            f"last: {instance.first.isoformat()} to {value.isoformat()} is the "
            f"{type(named).__name__} {str(named)!r}; expected a range that is no whole day, month, "
            "quarter, year or pool of years (use period_between for any range)"
        )
        raise ValueError(msg)


@frozen(order=False)
class DateRange(Period):
    """The days from ``first`` to ``last``, both included, when they are no named period.

    A range that is a whole month, quarter, year or pool of years is that period:
    [`period_between`][safeguarding_model.period_between] and ``parse_period`` return it, and
    ``DateRange`` refuses it, so each span of days has one spelling.

    Examples:
        >>> import datetime
        >>> from safeguarding_model import DateRange, parse_period
        >>> span = parse_period("1 April 2017 – 15 May 2017")
        >>> span, str(span), span.days
        (DateRange(first=datetime.date(2017, 4, 1), last=datetime.date(2017, 5, 15)), '1 April 2017 to 15 May 2017', 45)
        >>> parse_period("1 April 2017 to 31 March 2018")
        FinancialYear(start_year=2017)
    """

    first: dt.date = field(validator=_check_date)
    """The first day."""
    last: dt.date = field(validator=[_check_date, _check_range])
    """The last day (inclusive)."""

    _EXAMPLE: ClassVar[str] = "1 April 2017 to 15 May 2017"

    @property
    def start(self) -> dt.date:
        """The first day."""
        return self.first

    @property
    def end(self) -> dt.date:
        """The last day."""
        return self.last

    def __str__(self) -> str:
        return f"{PointInTime(self.first)} to {PointInTime(self.last)}"


def period_between(first: dt.date, last: dt.date) -> Period:
    """The period of the days ``first`` to ``last`` (both included), named when it can be.

    A single day is a [`PointInTime`][safeguarding_model.PointInTime]; a whole month a
    [`Month`][safeguarding_model.Month]; 1 January to 31 March, 1 April to 30 June and so on a
    [`FinancialQuarter`][safeguarding_model.FinancialQuarter] (UK reports' quarters); 1 January
    to 31 December a [`CalendarYear`][safeguarding_model.CalendarYear]; 1 April to 31 March a
    [`FinancialYear`][safeguarding_model.FinancialYear]; 1 September to 31 August an
    [`AcademicYear`][safeguarding_model.AcademicYear]; whole calendar or financial years over
    two to 20 years a [`PooledPeriod`][safeguarding_model.PooledPeriod]; anything else a
    [`DateRange`][safeguarding_model.DateRange].

    Raises:
        InvalidInputError: For a ``last`` before ``first``, or anything but dates.

    Examples:
        >>> import datetime
        >>> from safeguarding_model import period_between
        >>> period_between(datetime.date(2017, 4, 1), datetime.date(2018, 3, 31))
        FinancialYear(start_year=2017)
        >>> period_between(datetime.date(2017, 9, 1), datetime.date(2018, 8, 31))
        AcademicYear(start_year=2017)
    """
    for name, day in (("first", first), ("last", last)):
        if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
            raise InvalidInputError(name, day, "a datetime.date")
    if last < first:
        raise InvalidInputError("last", last, f"a day on or after first ({first.isoformat()})")
    named = _named_between(first, last)
    return DateRange(first, last) if named is None else named


def _named_between(first: dt.date, last: dt.date) -> Period | None:  # noqa: PLR0911 - one branch per named period
    """The named period of the days ``first`` to ``last`` (in order), or ``None``."""
    if first == last:
        return PointInTime(first)
    if first.day != 1 or last != _month_end(last.year, last.month):
        return None
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months == 1:
        return Month(first.year, first.month)
    if months == 3 and first.month in (1, 4, 7, 10):
        return FinancialQuarter.containing(first)
    if months % 12 == 0 and months // 12 <= _MAX_POOL:
        years = months // 12
        if first.month == 1:
            return CalendarYear(first.year) if years == 1 else PooledPeriod(first.year, last.year)
        if first.month == 4:
            if years == 1:
                return FinancialYear(first.year)
            return PooledPeriod(first.year, last.year - 1, financial=True)
        if first.month == 9 and years == 1:
            return AcademicYear(first.year)
    return None


# --- parsing -------------------------------------------------------------------------------

_MAX_TEXT = 100
"""The longest text read as a period; the longest spelling below is well under half of it."""
_SPAN = re.compile(
    r"(?P<y1>\d{4}|\d{2})(?P<before>\s*)(?P<sep>/|-|–|—|to)(?P<after>\s*)(?P<y2>\d{4}|\d{2})",
    re.ASCII,
)
_DFE_CODE = re.compile(r"(?P<y1>\d{4})(?P<y2>\d{2})", re.ASCII)
_KIND_FIRST = re.compile(
    r"(?:(?P<academic>academic\s+year|ay)|(?P<financial>financial\s+year|fy)"
    r"|(?P<calendar>calendar\s+years))\s*(?P<rest>\d.*)",
    re.ASCII,
)
_KIND_LAST = re.compile(
    r"(?P<rest>.*\d)\s+(?:(?P<academic>academic)|(?P<financial>financial))\s+year", re.ASCII
)
_QUARTER_FIRST = re.compile(r"q(?P<q>[1-4])\s*(?P<fy>.+)", re.ASCII)
_QUARTER_LAST = re.compile(r"(?P<fy>.+?)\s*q(?P<q>[1-4])", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_POOLED_FINANCIAL = re.compile(
    r"(?P<a>\d{4}\s*/\s*\d{2})\s*(?:-|–|—|to)\s*(?P<b>(?:\d{2}|\d{4})\s*/\s*\d{2})", re.ASCII
)
_MONTH_YEAR = re.compile(r"(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{4})", re.ASCII)
_MONTH_END = re.compile(
    r"(?:(?:as\s+)?at\s+)?(?:the\s+)?end\s+of\s+(?:the\s+)?(?:month\s+of\s+)?"
    r"(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{4})",
    re.ASCII,
)
_DATE_WORDS = re.compile(
    r"(?:(?:as\s+)?at\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{4})",
    re.ASCII,
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", re.ASCII)
_DATE_SLASHED = re.compile(
    r"(?:(?:as\s+)?at\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.ASCII
)
_RANGE_SEPARATOR = re.compile(r"\s+to\s+|\s*[-–—/]\s*", re.ASCII)
_RANGE_FROM = re.compile(r"(?:from|between)\s+(?P<rest>.+)", re.ASCII)
_DAY_NO_YEAR = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]+)\.?,?", re.ASCII)
_MONTH_NO_YEAR = re.compile(r"(?P<m>[a-z]+)\.?,?", re.ASCII)

_SPELLINGS = (
    "expected a financial year ('2015/16', '2015-16', 'financial year 2015/16'), an academic "
    "year ('academic year 2015/16'), a quarter ('Q4 2015/16', 'Q1 2016'), a calendar year "
    "('2016'), a month ('March 2016'), pooled years ('2012-14', '2013 - 15', "
    "'calendar years 2014 - 15', '2012/13 - 14/15'), a day ('31 March 2016', 'end of March "
    "2016', '2016-03-31') or a range of days ('1 April 2016 to 30 June 2016')"
)
_EXPECTED = {
    "financial_year": (FinancialYear, "a financial year"),
    "academic_year": (AcademicYear, "an academic year"),
    "pooled_years": (PooledPeriod, "pooled years"),
}
_KINDS: dict[type[Period], str] = {
    FinancialYear: "the financial year",
    AcademicYear: "the academic year",
    PooledPeriod: "the pooled years",
    FinancialQuarter: "the financial quarter",
    CalendarQuarter: "the calendar quarter",
    CalendarYear: "the calendar year",
    Month: "the month",
    PointInTime: "the day",
    DateRange: "the range of days",
}


def _full_year(text: str, after: int | None = None) -> int:
    """A four-digit year from two or four digits; two digits continue ``after``'s century."""
    value = int(text)
    if len(text) == 4:
        return value
    if after is None:
        return 2000 + value
    candidate = after - after % 100 + value
    return candidate if candidate > after else candidate + 100


def _month_number(name: str) -> int | None:
    for number, month in enumerate(_MONTHS, start=1):
        if name in (month.lower(), month[:3].lower(), "sept" if number == 9 else ""):
            return number
    return None


def _month(name: str, text: str) -> int:
    number = _month_number(name)
    if number is None:
        raise PeriodParseError(text, f"{brief(name)} is not a month name")
    return number


def _date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise PeriodParseError(text, f"not a real date ({error})") from None


def _financial_year(text: str, y1: str, y2: str) -> FinancialYear:
    first = _full_year(y1)
    second = _full_year(y2, after=first)
    if second != first + 1:
        raise PeriodParseError(text, "a financial year spans two consecutive years, like '2015/16'")
    return FinancialYear(first)


def _parse_financial(text: str, fragment: str) -> FinancialYear | None:
    match = _SPAN.fullmatch(fragment)
    if match is None or match["sep"] == "to":
        return None
    return _financial_year(text, match["y1"], match["y2"])


def parse_period(text: str, *, expect: PeriodExpect | None = None) -> Period:
    """Read a period as published reports spell it.

    Spellings understood (case and surrounding space do not matter):

    | spelling | period |
    | --- | --- |
    | ``2015/16``, ``2015-16``, ``2015/2016``, ``15/16``, ``FY 2015/16``, ``financial year 2015/16`` | `FinancialYear(2015)` |
    | ``2015 – 16``, ``2015 - 16``, ``2015–16``, ``2015 to 2016``, ``201516`` | `FinancialYear(2015)`, **flagged** (a guess) |
    | ``academic year 2015/16``, ``2015/16 academic year``, ``AY 2015-16`` | `AcademicYear(2015)` |
    | ``Q4 2015/16``, ``2015/16 Q4``, ``Q4 15/16`` | `FinancialQuarter(2015, 4)` |
    | ``Q1 2016``, ``2016 Q1`` | `CalendarQuarter(2016, 1)` |
    | ``2016`` | `CalendarYear(2016)` |
    | ``March 2016``, ``Mar 2016`` | `Month(2016, 3)` |
    | ``2012-14``, ``2012–14``, ``2013 - 15``, ``2012 to 2014``, ``calendar years 2014 - 15`` | `PooledPeriod` of calendar years |
    | ``2012/13 - 14/15`` | `PooledPeriod` of financial years |
    | ``31 March 2016``, ``31st March 2016``, ``at 31 March 2016``, ``2016-03-31``, ``31/03/2016`` | `PointInTime` |
    | ``end of March 2016``, ``at the end of March 2016``, ``as at end of March 2016`` | `PointInTime`, the month's last day |
    | ``1 April 2016 – 31 March 2017``, ``April 2016 to March 2017``, ``1 April to 30 June 2016`` | the period of those days (see [`period_between`][safeguarding_model.period_between]) |

    Years between consecutive years are read by the separator. A slash (``2015/16``) or a
    hyphen without spaces (``2015-16``) is a financial year, as annual reports print it. A dash
    with spaces, an en dash or ``to`` (``2015 – 16``, ``2015–16``, ``2015 to 2016``) is printed
    both for a financial year (minutes) and for two calendar years pooled (the public-health
    profiles): it is read as the financial year and flagged
    [`PeriodFlag.ONE_YEAR_SPAN`][safeguarding_model.PeriodFlag], for rule V102 to report. A
    bare six-digit DfE code (``201516``) is read as the financial year and flagged ``DFE_CODE``
    ([`period_from_dfe`][safeguarding_model.period_from_dfe] reads it with its identifier).
    Any separator between years further apart (``2012-14``, ``2013 - 15``) pools calendar years.
    Two-digit years are taken to be in the 2000s.

    ``expect`` says what a column holds, so that its year spans read that way and unflagged;
    anything else in the column is refused:

    - ``"financial_year"``: ``2015 – 16`` and ``201516`` are the financial year 2015/16.
    - ``"academic_year"``: ``2015/16``, ``2015-16``, ``2015 – 16`` and ``201516`` are the
      academic year 2015/16.
    - ``"pooled_years"``: ``2014 - 15`` and ``2014-15`` are the calendar years 2014 and 2015.

    A pydantic field typed ``FinancialYear``, ``AcademicYear`` or ``PooledPeriod`` reads its text
    with the matching ``expect``.

    Args:
        text: The period as printed.
        expect: What the column holds, or ``None`` to read each spelling as above.

    Returns:
        The period.

    Raises:
        PeriodParseError: When the text is none of the spellings above, names an impossible
            period (``2015/17``, ``31 February 2016``), or is not what ``expect`` asks for; the
            message quotes the text (shortened) and lists the spellings understood.
        InvalidInputError: For an ``expect`` other than those above.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> parse_period("Q4 2015/16")
        FinancialQuarter(start_year=2015, quarter=4)
        >>> parse_period("2012-14")
        PooledPeriod(first_year=2012, last_year=2014, financial=False)
        >>> parse_period("at 31 March 2016")
        PointInTime(date=datetime.date(2016, 3, 31))
        >>> parse_period("end of July 2024")
        PointInTime(date=datetime.date(2024, 7, 31))
        >>> parse_period("2017 – 18").flags
        (<PeriodFlag.ONE_YEAR_SPAN: 'one_year_span'>,)
        >>> parse_period("2017 - 18", expect="pooled_years")
        PooledPeriod(first_year=2017, last_year=2018, financial=False)
    """
    if expect is not None and expect not in _EXPECTED:
        raise InvalidInputError(
            "expect", expect, "'financial_year', 'academic_year', 'pooled_years' or None"
        )
    if not isinstance(text, str):
        raise PeriodParseError(repr(text), f"expected text, got a {type(text).__name__}")
    try:
        period = _parse(text, expect)
    except PeriodParseError:
        raise
    except ValueError as error:  # a year out of range, from a period's own validation
        raise PeriodParseError(text, str(error)) from None
    if expect is not None:
        wanted, words = _EXPECTED[expect]
        if not isinstance(period, wanted):
            reading = f"{_KINDS.get(type(period), 'the period')} {period}"
            raise PeriodParseError(
                text, f"expected {words} (expect={expect!r}), but it reads as {reading}"
            )
    return period


def _parse(text: str, expect: PeriodExpect | None) -> Period:  # noqa: C901, PLR0911, PLR0912 - one branch per spelling reads best
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned or len(cleaned) > _MAX_TEXT:
        raise PeriodParseError(text, _SPELLINGS)

    if (match := _KIND_FIRST.fullmatch(cleaned) or _KIND_LAST.fullmatch(cleaned)) is not None:
        kind = next(
            name for name in ("academic", "financial", "calendar") if match.groupdict().get(name)
        )
        return _named_span(text, match["rest"].strip(), kind)

    if (match := _POOLED_FINANCIAL.fullmatch(cleaned)) is not None:
        first = _parse_financial(text, match["a"].replace(" ", ""))
        if first is None:  # pragma: no cover - the pattern admits only years
            raise PeriodParseError(text, _SPELLINGS)
        last_start, last_end = (part.strip() for part in match["b"].split("/"))
        last_year = _full_year(last_start, after=first.start_year)
        _financial_year(text, str(last_year), last_end)
        return _pooled(text, first.start_year, last_year, financial=True)

    for pattern in (_QUARTER_FIRST, _QUARTER_LAST):
        if (match := pattern.fullmatch(cleaned)) is not None:
            fragment = match["fy"].strip()
            if _YEAR.fullmatch(fragment):
                return CalendarQuarter(int(fragment), int(match["q"]))
            year = _parse_financial(text, fragment)
            if year is not None:
                return year.quarter(int(match["q"]))

    if (match := _SPAN.fullmatch(cleaned)) is not None:
        return _span(text, match, expect)
    if (match := _DFE_CODE.fullmatch(cleaned)) is not None:
        year = _financial_year(text, match["y1"], match["y2"])
        if expect == "academic_year":
            return AcademicYear(year.start_year)
        if expect == "financial_year":
            return year
        return FinancialYear(year.start_year, printed=text, flags=(PeriodFlag.DFE_CODE,))

    if _YEAR.fullmatch(cleaned):
        return CalendarYear(int(cleaned))

    if (day := _day(text, cleaned)) is not None:
        return PointInTime(day)
    if (match := _MONTH_END.fullmatch(cleaned)) is not None:
        month = _month(match["m"], text)
        return Month(int(match["y"]), month).end_point
    if (match := _MONTH_YEAR.fullmatch(cleaned)) is not None:
        month_number = _month_number(match["m"])
        if month_number is not None:
            return Month(int(match["y"]), month_number)
    if (period := _range(text, cleaned)) is not None:
        return period
    raise PeriodParseError(text, _SPELLINGS)


def _day(text: str, cleaned: str) -> dt.date | None:
    """The day ``cleaned`` names in full (with its year), or ``None``."""
    if (match := _DATE_WORDS.fullmatch(cleaned)) is not None:
        return _date(text, int(match["y"]), _month(match["m"], text), int(match["d"]))
    if (match := _DATE_ISO.fullmatch(cleaned)) is not None:
        return _date(text, int(match["y"]), int(match["m"]), int(match["d"]))
    if (match := _DATE_SLASHED.fullmatch(cleaned)) is not None:
        return _date(text, int(match["y"]), int(match["m"]), int(match["d"]))
    return None


def _span(text: str, match: re.Match[str], expect: PeriodExpect | None) -> Period:  # noqa: PLR0911 - one return per reading
    """Two years joined by a separator: a financial or academic year, or pooled years."""
    first = _full_year(match["y1"])
    last = _full_year(match["y2"], after=first)
    separator = match["sep"]
    spaced = bool(match["before"] or match["after"])
    if separator == "/":
        if expect == "academic_year":
            return AcademicYear(_financial_year(text, match["y1"], match["y2"]).start_year)
        return _financial_year(text, match["y1"], match["y2"])
    if len(match["y1"]) == 4 and last > first + 1:
        return _pooled(text, first, last)
    if last != first + 1:
        raise PeriodParseError(text, "a financial year spans two consecutive years, like '2015/16'")
    if expect == "academic_year":
        return AcademicYear(first)
    if expect == "pooled_years":
        return _pooled(text, first, last)
    guessed = expect is None and (spaced or separator != "-")
    if guessed:
        return FinancialYear(first, printed=text, flags=(PeriodFlag.ONE_YEAR_SPAN,))
    return FinancialYear(first)


def _named_span(text: str, rest: str, kind: str) -> Period:
    """Years after (or before) the words that name them: 'academic year 2017/18'."""
    match = _SPAN.fullmatch(rest)
    code = _DFE_CODE.fullmatch(rest)
    if match is None and code is None:
        raise PeriodParseError(text, _SPELLINGS)
    y1, y2 = (match["y1"], match["y2"]) if match is not None else (code["y1"], code["y2"])  # type: ignore[index]  # one of them matched
    if kind == "calendar":
        first = _full_year(y1)
        return _pooled(text, first, _full_year(y2, after=first))
    year = _financial_year(text, y1, y2)
    return AcademicYear(year.start_year) if kind == "academic" else year


def _range(text: str, cleaned: str) -> Period | None:
    """Two days or months joined by a dash or 'to': the period of the days between them."""
    if (match := _RANGE_FROM.fullmatch(cleaned)) is not None:
        cleaned = match["rest"].replace(" and ", " to ")
    for separator in _RANGE_SEPARATOR.finditer(cleaned):
        left, right = cleaned[: separator.start()], cleaned[separator.end() :]
        end = _range_end(text, right)
        if end is None:
            continue
        start = _range_start(text, left, end)
        if start is None:
            continue
        if start > end:
            raise PeriodParseError(
                text, f"a range runs forwards, but {start.isoformat()} is after {end.isoformat()}"
            )
        return period_between(start, end)
    return None


def _range_end(text: str, side: str) -> dt.date | None:
    if (day := _day(text, side)) is not None:
        return day
    if (match := _MONTH_YEAR.fullmatch(side)) is not None:
        month = _month_number(match["m"])
        if month is not None:
            return _month_end(int(match["y"]), month)
    return None


def _range_start(text: str, side: str, end: dt.date) -> dt.date | None:
    if (day := _day(text, side)) is not None:
        return day
    if (match := _MONTH_YEAR.fullmatch(side)) is not None:
        month = _month_number(match["m"])
        return None if month is None else dt.date(int(match["y"]), month, 1)
    # the year printed once, after the end: '1 April to 30 June 2016', 'April to June 2016'
    if (match := _DAY_NO_YEAR.fullmatch(side)) is not None:
        month, day_number = _month(match["m"], text), int(match["d"])
    elif (match := _MONTH_NO_YEAR.fullmatch(side)) is not None:
        month_or_none = _month_number(match["m"])
        if month_or_none is None:
            return None
        month, day_number = month_or_none, 1
    else:
        return None
    start = _date(text, end.year, month, day_number)
    return start if start <= end else _date(text, end.year - 1, month, day_number)


def _pooled(text: str, first_year: int, last_year: int, *, financial: bool = False) -> PooledPeriod:
    if not first_year < last_year <= first_year + _MAX_POOL:
        raise PeriodParseError(
            text,
            f"pooled years must run forwards over at most {_MAX_POOL} years, like '2012-14'",
        )
    return PooledPeriod(first_year, last_year, financial=financial)


# --- the Department for Education's time columns -------------------------------------------

_DFE_IDENTIFIERS = (
    "'Calendar year', 'Calendar year Q1' to 'Q4', 'Financial year', 'Financial year Q1' to 'Q4', "
    "'Academic year', 'Reporting year', 'Tax year' or a month ('January' ...)"
)
_DFE_FOUR = re.compile(r"(?P<y>\d{4})(?:q(?P<q>[1-4]))?", re.ASCII)
_MONTH_NAMES = frozenset(name.lower() for name in _MONTHS)
_DFE_QUARTER = re.compile(r"(?P<kind>calendar|financial) year q(?P<q>[1-4])", re.ASCII)


def period_from_dfe(time_period: str | int, time_identifier: str) -> Period:  # noqa: C901, PLR0911, PLR0912 - one branch per identifier
    """The period of a row of a Department for Education statistics file.

    DfE's tidy files give a period in two columns: ``time_period`` (``2017``, ``201718``) and
    ``time_identifier``, which says what the digits are. Read together they are unambiguous:

    | ``time_identifier`` | ``time_period`` | period |
    | --- | --- | --- |
    | ``Calendar year`` | ``2017`` (or ``2017Q1``) | `CalendarYear(2017)` (or `CalendarQuarter(2017, 1)`) |
    | ``Calendar year Q1`` ... ``Q4`` | ``2017`` | `CalendarQuarter(2017, 1)` ... |
    | ``Financial year`` | ``201718`` | `FinancialYear(2017)` |
    | ``Financial year Q1`` ... ``Q4`` | ``201718`` | `FinancialQuarter(2017, 1)` ... |
    | ``Academic year`` | ``201718`` | `AcademicYear(2017)` |
    | ``Reporting year`` | ``2018`` | `FinancialYear(2017)`: the year ending 31 March 2018, as children's social care reports |
    | ``Tax year`` | ``201718`` | `DateRange` 6 April 2017 to 5 April 2018 |
    | ``January`` ... ``December`` | ``2017`` | `Month(2017, 1)` ... |

    Case and spaces in the identifier do not matter.

    Args:
        time_period: The ``time_period`` cell, as text or a number.
        time_identifier: The ``time_identifier`` cell.

    Returns:
        The period.

    Raises:
        InvalidInputError: For an identifier not in the table (terms, weeks ...), or a
            ``time_period`` that is not the digits the identifier calls for; the message names
            the column and the value.

    Examples:
        >>> from safeguarding_model import period_from_dfe
        >>> period_from_dfe("201718", "Academic year")
        AcademicYear(start_year=2017)
        >>> period_from_dfe("201718", "Financial year")
        FinancialYear(start_year=2017)
        >>> period_from_dfe(2016, "Reporting year")
        FinancialYear(start_year=2015)
        >>> period_from_dfe("2017Q1", "Calendar year")
        CalendarQuarter(year=2017, quarter=1)
    """
    if not isinstance(time_identifier, str):
        raise InvalidInputError("time_identifier", time_identifier, _DFE_IDENTIFIERS)
    if isinstance(time_period, bool) or not isinstance(time_period, str | int):
        raise InvalidInputError("time_period", time_period, "the digits of a DfE time_period")
    identifier = " ".join(time_identifier.lower().split())
    digits = str(time_period).strip().lower()
    try:
        if identifier in ("financial year", "academic year", "tax year"):
            if (code := _DFE_CODE.fullmatch(digits)) is None:
                raise InvalidInputError(
                    "time_period",
                    time_period,
                    f"six digits such as '201718' for {time_identifier.strip()!r}",
                )
            year = _financial_year(digits, code["y1"], code["y2"]).start_year
            if identifier == "academic year":
                return AcademicYear(year)
            if identifier == "tax year":
                return DateRange(dt.date(year, 4, 6), dt.date(year + 1, 4, 5))
            return FinancialYear(year)
        if (quarter := _DFE_QUARTER.fullmatch(identifier)) is not None:
            if quarter["kind"] == "financial":
                if (code := _DFE_CODE.fullmatch(digits)) is None:
                    raise InvalidInputError(
                        "time_period",
                        time_period,
                        f"six digits such as '201718' for {time_identifier.strip()!r}",
                    )
                return _financial_year(digits, code["y1"], code["y2"]).quarter(int(quarter["q"]))
            if not _YEAR.fullmatch(digits):
                raise InvalidInputError(
                    "time_period",
                    time_period,
                    f"four digits such as '2017' for {time_identifier.strip()!r}",
                )
            return CalendarQuarter(int(digits), int(quarter["q"]))
        month = _month_number(identifier) if identifier in _MONTH_NAMES else None
        if identifier in ("calendar year", "reporting year") or month is not None:
            four = _DFE_FOUR.fullmatch(digits)
            if four is None or (four["q"] is not None and identifier != "calendar year"):
                raise InvalidInputError(
                    "time_period",
                    time_period,
                    f"four digits such as '2017' for {time_identifier.strip()!r}",
                )
            year = int(four["y"])
            if four["q"] is not None:
                return CalendarQuarter(year, int(four["q"]))
            if identifier == "calendar year":
                return CalendarYear(year)
            if identifier == "reporting year":
                return FinancialYear(year - 1)
            return Month(year, month)  # type: ignore[arg-type]  # a month name, checked above
    except PeriodParseError as error:
        raise InvalidInputError("time_period", time_period, error.reason) from None
    except ValueError as error:  # a year out of range, from a period's own validation
        if isinstance(error, InvalidInputError):
            raise
        raise InvalidInputError("time_period", time_period, str(error)) from None
    raise InvalidInputError("time_identifier", time_identifier, _DFE_IDENTIFIERS)
