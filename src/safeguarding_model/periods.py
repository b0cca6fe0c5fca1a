"""Periods that published figures refer to: financial years, quarters, calendar years, dates, pools.

Every period knows its first and last day (``start`` and ``end``, both inclusive) and derives
each of its labels from them: the canonical ``str()`` form, the forms the public-health profiles
print, and the Department for Education's compact codes. Periods are immutable, hashable and
ordered by ``(start, end)``, so a quarter sorts before the financial year it opens, and a year
before the next.

[`parse_period`][safeguarding_model.parse_period] reads the spellings found in published reports.
In pydantic models a field typed as a period accepts either a period or such a string, and is
written out as the canonical string.

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

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, ClassVar, Self

from attrs import field, frozen

from safeguarding_model.errors import PeriodParseError, brief

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = [
    "CalendarYear",
    "FinancialQuarter",
    "FinancialYear",
    "Period",
    "PointInTime",
    "PooledPeriod",
    "parse_period",
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
            period = parse_period(value) if isinstance(value, str) else value
            if not isinstance(period, cls):
                kind = "period" if cls is Period else f"{cls.__name__} period"
                msg = f"expected a {kind} or its text, like {cls._EXAMPLE!r}, got {brief(value)}"
                raise ValueError(msg)  # noqa: TRY004 - pydantic turns ValueError into a validation error
            return period

        return core_schema.no_info_plain_validator_function(
            validate,
            json_schema_input_schema=core_schema.str_schema(),
            serialization=core_schema.to_string_ser_schema(),
        )

    _EXAMPLE: ClassVar[str] = "2015/16"


@frozen(order=False)
class FinancialYear(Period):
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

    start_year: int = field(validator=_check_year)
    """The calendar year in which the financial year starts (2015 for 2015/16)."""

    _EXAMPLE: ClassVar[str] = "2015/16"

    @classmethod
    def containing(cls, day: dt.date) -> Self:
        """The financial year that ``day`` falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> dt.date:
        """1 April of ``start_year``."""
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        """31 March of the following year."""
        return dt.date(self.start_year + 1, 3, 31)

    @property
    def hyphenated(self) -> str:
        """The label with a hyphen, as many reports print it: ``'2015-16'``."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def short(self) -> str:
        """The two-digit label: ``'15/16'``."""
        return f"{self.start_year % 100:02d}/{(self.start_year + 1) % 100:02d}"

    @property
    def dfe_code(self) -> str:
        """The Department for Education's code for the year: ``'201516'``."""
        return f"{self.start_year}{(self.start_year + 1) % 100:02d}"

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


@frozen(order=False)
class FinancialQuarter(Period):
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

    @property
    def report_label(self) -> str:
        """The label with the quarter first, as many reports print it: ``'Q3 2015/16'``."""
        return f"Q{self.quarter} {self.year}"

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


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
        return f"{self.first_year} - {self.last_year % 100:02d}"


# --- parsing -------------------------------------------------------------------------------

_FINANCIAL = re.compile(
    r"(?:fy\s*)?(?P<y1>\d{4}|\d{2})\s*(?:/|-|–)\s*(?P<y2>\d{4}|\d{2})", re.ASCII
)
_QUARTER_FIRST = re.compile(r"q(?P<q>[1-4])\s*(?P<fy>.+)", re.ASCII)
_QUARTER_LAST = re.compile(r"(?P<fy>.+?)\s*q(?P<q>[1-4])", re.ASCII)
_YEAR = re.compile(r"\d{4}", re.ASCII)
_POOLED_SPACED = re.compile(r"(?P<y1>\d{4})\s+(?:-|–|—|to)\s+(?P<y2>\d{4}|\d{2})", re.ASCII)
_POOLED_FINANCIAL = re.compile(
    r"(?P<a>\d{4}\s*/\s*\d{2})\s*(?:-|–|—|to)\s*(?P<b>(?:\d{2}|\d{4})\s*/\s*\d{2})", re.ASCII
)
_DATE_WORDS = re.compile(
    r"(?:(?:as\s+)?at\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m>[a-z]+)\.?,?\s+(?P<y>\d{4})",
    re.ASCII,
)
_DATE_ISO = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", re.ASCII)
_DATE_SLASHED = re.compile(
    r"(?:(?:as\s+)?at\s+)?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.ASCII
)

_SPELLINGS = (
    "expected a financial year ('2015/16', '2015-16', '15/16'), a quarter ('Q4 2015/16', "
    "'2015/16 Q4'), a calendar year ('2016'), pooled years ('2012-14', '2013 - 15', "
    "'2012/13 - 14/15') or a day ('31 March 2016', '2016-03-31')"
)


def _full_year(text: str, after: int | None = None) -> int:
    """A four-digit year from two or four digits; two digits continue ``after``'s century."""
    value = int(text)
    if len(text) == 4:
        return value
    if after is None:
        return 2000 + value
    candidate = after - after % 100 + value
    return candidate if candidate > after else candidate + 100


def _month(name: str, text: str) -> int:
    for number, month in enumerate(_MONTHS, start=1):
        if name in (month.lower(), month[:3].lower(), "sept" if number == 9 else ""):
            return number
    raise PeriodParseError(text, f"{brief(name)} is not a month name")


def _day(text: str, year: str, month: int, day: str) -> PointInTime:
    try:
        return PointInTime(dt.date(int(year), month, int(day)))
    except ValueError as error:
        raise PeriodParseError(text, f"not a real date ({error})") from None


def _financial_year(text: str, y1: str, y2: str) -> FinancialYear:
    first = _full_year(y1)
    second = _full_year(y2, after=first)
    if second != first + 1:
        raise PeriodParseError(text, "a financial year spans two consecutive years, like '2015/16'")
    return FinancialYear(first)


def _parse_financial(text: str, fragment: str) -> FinancialYear | None:
    match = _FINANCIAL.fullmatch(fragment)
    if match is None:
        return None
    return _financial_year(text, match["y1"], match["y2"])


def parse_period(text: str) -> Period:
    """Read a period as published reports spell it.

    Spellings understood (case and surrounding space do not matter):

    | spelling | period |
    | --- | --- |
    | ``2015/16``, ``2015-16``, ``2015/2016``, ``15/16``, ``FY 2015/16`` | `FinancialYear(2015)` |
    | ``Q4 2015/16``, ``2015/16 Q4``, ``Q4 15/16`` | `FinancialQuarter(2015, 4)` |
    | ``2016`` | `CalendarYear(2016)` |
    | ``2012-14``, ``2012–14``, ``2013 - 15``, ``2014 - 15`` | `PooledPeriod` of calendar years |
    | ``2012/13 - 14/15`` | `PooledPeriod` of financial years |
    | ``31 March 2016``, ``31st March 2016``, ``at 31 March 2016``, ``2016-03-31``, ``31/03/2016`` | `PointInTime` |

    Two rules settle the ambiguous spellings. A hyphen or dash *without* spaces between two
    consecutive years (``2015-16``) is a financial year, as annual reports use it; between
    years further apart (``2012-14``) it pools calendar years. A dash *with* spaces
    (``2014 - 15``) always pools calendar years, as the public-health profiles print them.
    Two-digit years are taken to be in the 2000s.

    Args:
        text: The period as printed.

    Returns:
        The period.

    Raises:
        PeriodParseError: When the text is none of the spellings above, or names an impossible
            period (``2015/17``, ``31 February 2016``); the message quotes the text.

    Examples:
        >>> from safeguarding_model import parse_period
        >>> parse_period("Q4 2015/16")
        FinancialQuarter(start_year=2015, quarter=4)
        >>> parse_period("2012-14")
        PooledPeriod(first_year=2012, last_year=2014, financial=False)
        >>> parse_period("at 31 March 2016")
        PointInTime(date=datetime.date(2016, 3, 31))
    """
    if not isinstance(text, str):
        raise PeriodParseError(repr(text), f"expected text, got a {type(text).__name__}")
    try:
        return _parse(text)
    except PeriodParseError:
        raise
    except ValueError as error:  # a year out of range, from a period's own validation
        raise PeriodParseError(text, str(error)) from None


def _parse(text: str) -> Period:  # noqa: C901, PLR0911, PLR0912 - one branch per spelling reads best
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise PeriodParseError(text, _SPELLINGS)

    if (match := _POOLED_FINANCIAL.fullmatch(cleaned)) is not None:
        first = _parse_financial(text, match["a"])
        if first is None:  # pragma: no cover - the pattern admits only years
            raise PeriodParseError(text, _SPELLINGS)
        last_start, last_end = (part.strip() for part in match["b"].split("/"))
        last_year = _full_year(last_start, after=first.start_year)
        _financial_year(text, str(last_year), last_end)
        return _pooled(text, first.start_year, last_year, financial=True)

    for pattern in (_QUARTER_FIRST, _QUARTER_LAST):
        if (match := pattern.fullmatch(cleaned)) is not None:
            year = _parse_financial(text, match["fy"].strip())
            if year is not None:
                return year.quarter(int(match["q"]))

    if (match := _POOLED_SPACED.fullmatch(cleaned)) is not None:
        first_year = int(match["y1"])
        last_year = _full_year(match["y2"], after=first_year)
        return _pooled(text, first_year, last_year)

    if (match := _FINANCIAL.fullmatch(cleaned)) is not None:
        first_year = _full_year(match["y1"])
        last_year = _full_year(match["y2"], after=first_year)
        hyphen = "/" not in cleaned
        if hyphen and len(match["y1"]) == 4 and last_year > first_year + 1:
            return _pooled(text, first_year, last_year)
        return _financial_year(text, match["y1"], match["y2"])

    if _YEAR.fullmatch(cleaned):
        return CalendarYear(int(cleaned))

    if (match := _DATE_WORDS.fullmatch(cleaned)) is not None:
        return _day(text, match["y"], _month(match["m"], text), match["d"])
    if (match := _DATE_ISO.fullmatch(cleaned)) is not None:
        return _day(text, match["y"], int(match["m"]), match["d"])
    if (match := _DATE_SLASHED.fullmatch(cleaned)) is not None:
        return _day(text, match["y"], int(match["m"]), match["d"])

    raise PeriodParseError(text, _SPELLINGS)


def _pooled(text: str, first_year: int, last_year: int, *, financial: bool = False) -> PooledPeriod:
    if not first_year < last_year <= first_year + _MAX_POOL:
        raise PeriodParseError(
            text,
            f"pooled years must run forwards over at most {_MAX_POOL} years, like '2012-14'",
        )
    return PooledPeriod(first_year, last_year, financial=financial)
