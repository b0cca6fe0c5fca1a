"""Rates: a figure per so many of a population, and the pure functions that convert them.

A rate has a **base** (per cent, per 1,000, per 10,000, per 100,000, per 1,000,000) and a
**population** it is taken over (children aged 0–17, live births, households, persons, an age
band such as ``child_10_17`` or ``'15-24 year olds'``, or one you name); see
[`populations`][safeguarding_model.populations] for every spelling read and when two are the
same. Bases convert freely; populations never do: a rate per 1,000
live births is not a rate per 10,000 children, and asking for that raises
[`PopulationMismatchError`][safeguarding_model.PopulationMismatchError], a subclass of pint's
``DimensionalityError``.

Numbers are exact ``Decimal``s: converting 69.1 per 10,000 to per 1,000 gives exactly 6.91.

Examples:
    >>> from safeguarding_model import rate_from_count, convert_rate
    >>> rate = rate_from_count(1691, 244_700, per=10_000, population="child")
    >>> round(rate.value, 1)
    Decimal('69.1')
    >>> print(convert_rate(rate, per=1_000).rounded(2))
    6.91 per 1,000 children aged 0-17
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Annotated, Self, TypeAlias

from pydantic import BeforeValidator, Field, model_validator

from safeguarding_model._bases import (
    OLD_DEFAULT_PER_TEN_THOUSAND,
    POPULATIONS,
    RateBase,
    parse_per,
)
from safeguarding_model._numbers import (
    Number,
    check_magnitude,
    is_whole,
    round_half_up,
    tidy,
    to_decimal,
    whole,
)
from safeguarding_model._records import Record
from safeguarding_model.errors import InvalidInputError, MissingValueError
from safeguarding_model.populations import parse_population, population_name
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    import pint

__all__ = [
    "POPULATIONS",
    "Per",
    "Population",
    "Rate",
    "RateBase",
    "convert_rate",
    "implied_count",
    "implied_denominator",
    "rate_from_count",
]

_PRECISION = 34
"""Significant digits for rate arithmetic: far beyond any published figure."""

_MOST_DECIMALS = 34
"""The most decimal places [`Rate.rounded`][safeguarding_model.rates.Rate.rounded] rounds to."""


def _parse_base(value: object) -> object:
    return RateBase.parse(value) if isinstance(value, int | str) else value


Per: TypeAlias = Annotated[RateBase, BeforeValidator(_parse_base)]
"""A record's rate base: a ``RateBase``, or a number or name that ``RateBase.parse`` reads."""


def _population_name(value: object) -> str:
    return population_name(value)  # type: ignore[arg-type]  # anything else is refused there


Population: TypeAlias = Annotated[
    str,
    BeforeValidator(_population_name),
    Field(
        examples=["child", "live_birth", "child_10_17", "0-17", "under 18", "15-24 year olds"],
        json_schema_extra={
            "$comment": (
                "A snake_case name ('child' is children aged 0-17; 'live_birth', 'household', "
                "'person'; an age band such as 'child_10_17', 'young_person_15_24', "
                "'age_65_plus'; or a name of your own), or printed words for an age band or a "
                "population ('0-17', 'aged 10 to 17', 'under 18s', 'U18', '65 and over', "
                "'live births', 'households'), which are kept as the name of what they denote."
            )
        },
    ),
]
"""The name of the population a rate is taken over: ``'child'``, ``'live_birth'``, ``'child_10_17'``, or your own.

A snake_case name is kept as written; printed words (``'0-17'``, ``'under 18s'``,
``'children aged 10 to 17'``) become the name of the group they denote (``'child'``,
``'child_10_17'``): see [`population_name`][safeguarding_model.populations.population_name].
"""


def population_label(name: str) -> str:
    """The words for a population: ``'children aged 0-17'`` for a known name, else the name.

    Printed words are read as [`parse_population`][safeguarding_model.populations.parse_population]
    reads them (``'0-18'`` gives ``'people aged 0-18'``); a snake_case name the package does not
    know by name is printed as it is.

    Examples:
        >>> from safeguarding_model.rates import population_label
        >>> population_label("child"), population_label("child_10_17"), population_label("under 19")
        ('children aged 0-17', 'child_10_17', 'people aged 0-18')
    """
    if name in POPULATIONS:
        return POPULATIONS[name]
    try:
        if population_name(name) == name:  # a snake_case name: printed as written
            return name
        return parse_population(name).label
    except InvalidInputError:  # not a population: printed as it is, as before
        return name


def _dimension(population: str) -> str:
    """The population's dimension in the pint registry: one per group, whatever its spelling."""
    return parse_population(population).name


class Rate(Record):
    """A rate as published: a value per so many of a population, with what it came from.

    ``count`` and ``denominator`` are kept when known; they are not required to agree with
    ``value`` (a report's own figures are kept as printed, and checks compare them).

    Examples:
        >>> from safeguarding_model import Rate
        >>> rate = Rate(value="69.1", per=10_000, population="child")
        >>> print(rate)
        69.1 per 10,000 children aged 0-17
        >>> rate.model_dump(mode="json")
        {'value': '69.1', 'per': 10000, 'population': 'child', 'count': None, 'denominator': None, 'status': 'final', 'note': None}
        >>> rate.quantity
        <Quantity(69.1, 'per_ten_thousand / child')>
    """

    value: Decimal | None = Field(
        description="The rate, exactly as printed (in JSON a string of digits); none when missing."
    )
    per: Per = Field(description="The rate's base: 100 (per cent), 1000, 10000, 100000 or 1000000.")
    population: Population = Field(
        description=(
            "What the rate is per: 'child' (aged 0-17), 'live_birth', 'household', 'person', an "
            "age band ('child_10_17', '0-18', 'under 18s', '15-24 year olds') or another "
            "snake_case name."
        )
    )
    count: Decimal | None = Field(default=None, ge=0, description="The numerator, when known.")
    denominator: Decimal | None = Field(
        default=None, gt=0, description="The population count the rate was taken over, when known."
    )
    status: ValueStatus = Field(
        default=ValueStatus.FINAL, description="What kind of figure the value is."
    )
    note: str | None = Field(default=None, description="Words printed beside the rate.")

    @model_validator(mode="after")
    def _value_agrees_with_status(self) -> Self:
        self.status.check_number(self.value, field="value", record="rate")
        if self.value is not None and self.value < 0:
            msg = f"value: expected a rate of at least 0, got {self.value!r}"
            raise ValueError(msg)
        for field in ("value", "count", "denominator"):
            number = getattr(self, field)
            if number is not None:
                check_magnitude(number, field)  # keeps exact arithmetic on the rate in range
        return self

    @property
    def unit(self) -> str:
        """The rate's unit in the package's pint registry: ``'per_ten_thousand / child'``."""
        return f"{self.per.unit_name} / {_dimension(self.population)}"

    @property
    def quantity(self) -> pint.Quantity[Decimal]:
        """The rate as a pint quantity in the package's registry (imports pint on first use).

        Raises:
            MissingValueError: When the rate has no value.
        """
        from safeguarding_model.units import rate_quantity  # noqa: PLC0415 - pint on first use

        return rate_quantity(_require_value(self), self.per, _dimension(self.population))

    def rounded(self, decimals: int) -> Self:
        """The same rate with its value rounded (half away from zero, as reports round).

        Args:
            decimals: Decimal places, a whole number from 0 to 34.

        Raises:
            InvalidInputError: For ``decimals`` that is not a whole number from 0 to 34.

        Examples:
            >>> from safeguarding_model import Rate
            >>> print(Rate(value="69.05", per=10_000, population="child").rounded(1))
            69.1 per 10,000 children aged 0-17
        """
        places = _decimal_places(decimals)
        if self.value is None:
            return self
        return self.model_copy(update={"value": round_half_up(self.value, places)})

    def __str__(self) -> str:
        shown = "-" if self.value is None else f"{self.value}"
        if self.per is RateBase.PERCENT:
            return f"{shown}% of {population_label(self.population)}"
        return f"{shown} {self.per.label} {population_label(self.population)}"


def _require_value(rate: Rate) -> Decimal:
    if rate.value is None:
        raise MissingValueError(
            "rate.value", None, f"a number (the rate's status is {rate.status.value!r})"
        )
    return rate.value


def _decimal_places(decimals: object) -> int:
    expected = f"a whole number of decimal places from 0 to {_MOST_DECIMALS}"
    if not is_whole(decimals):
        raise InvalidInputError("decimals", decimals, expected)
    places = whole(decimals)
    if not 0 <= places <= _MOST_DECIMALS:
        raise InvalidInputError("decimals", decimals, expected)
    return places


def rate_from_count(
    count: Number,
    denominator: Number,
    *,
    per: int | str | RateBase = OLD_DEFAULT_PER_TEN_THOUSAND,
    population: str,
) -> Rate:
    """The rate of ``count`` events in a population of ``denominator``, per ``per``.

    The value is exact to 34 significant digits; round it for display with
    [`Rate.rounded`][safeguarding_model.rates.Rate.rounded].

    Args:
        count: The numerator: at least 0, finite (a weighted count may be fractional). An
            ``int``, ``float``, ``Decimal`` or numpy integer or float (as pandas columns hold),
            read exactly: a float through its shortest text, so ``0.1`` is ``Decimal('0.1')``
            and ``numpy.float32(0.1)`` too.
        denominator: The population count: greater than 0, finite; the same kinds of number.
        per: The base: 100, 1_000, 10_000, 100_000, 1_000_000 or a name such as
            ``'per_thousand'``. Required: a call without it still uses per 10,000 but warns
            (``DeprecationWarning``), and the default will be removed.
        population: What the denominator counts: ``'child'``, ``'live_birth'``, ``'household'``,
            ``'person'``, your own snake_case name, or printed words such as ``'0-17'`` or
            ``'under 18s'`` (kept as the name of what they denote, ``'child'``).

    Returns:
        The rate, with ``count`` and ``denominator`` kept.

    Raises:
        InvalidInputError: For a negative, infinite or NaN count, a denominator of zero or
            less, a bool (or numpy bool), text or anything else that is not a number, a number
            of 1E+400 or more in magnitude (or nonzero below 1E-400), or a rate beyond that
            range, an unknown base or a population that is neither a snake_case name nor
            printed words for one.

    Examples:
        >>> from safeguarding_model import rate_from_count
        >>> print(rate_from_count(1691, 244_700, per=10_000, population="child").rounded(1))
        69.1 per 10,000 children aged 0-17
        >>> print(rate_from_count(48, 10_000, per=1_000, population="live_birth"))
        4.8 per 1,000 live births
    """
    counted = to_decimal(count, "count", minimum=Decimal(0))
    over = to_decimal(denominator, "denominator", minimum=Decimal(0), strict_minimum=True)
    base = parse_per(per, function="rate_from_count")
    over_whom = population_name(population)
    with localcontext(prec=_PRECISION):
        value = tidy(counted * base.value / over)
    check_magnitude(value, "count, denominator", (counted, over), of="numbers giving a rate")
    return Rate(value=value, per=base, population=over_whom, count=counted, denominator=over)


def convert_rate(rate: Rate, *, per: int | str | RateBase, population: str | None = None) -> Rate:
    """The same rate on another base, through the package's pint registry.

    ``population`` may be given to state which population the result must be per; a rate can
    only ever be per its own population (in any spelling: ``'child'``, ``'0-17'`` and
    ``'under 18s'`` are one), so any other raises
    [`PopulationMismatchError`][safeguarding_model.PopulationMismatchError] (a pint
    ``DimensionalityError``) rather than a silently wrong number.

    Args:
        rate: The rate to convert; its count, denominator, status and note are kept.
        per: The new base: 100, 1_000, 10_000, 100_000, 1_000_000 or a name.
        population: The population the result must be per; the rate's own by default.

    Returns:
        A new rate; the value is exact (bases differ by powers of ten).

    Raises:
        PopulationMismatchError: When ``population`` differs from the rate's.
        MissingValueError: When the rate has no value.
        InvalidInputError: For an unknown base, a population that is neither a snake_case name
            nor printed words for one, or a converted value of 1E+400 or more.

    Examples:
        >>> from safeguarding_model import Rate, convert_rate
        >>> print(convert_rate(Rate(value="409.1", per=100_000, population="child_10_17"), per=1_000))
        4.091 per 1,000 child_10_17
        >>> convert_rate(Rate(value="4.8", per=1_000, population="live_birth"), per=10_000, population="child")
        Traceback (most recent call last):
        ...
        safeguarding_model.units.PopulationMismatchError: cannot convert a rate per live_birth into a rate per child: they are different populations
    """
    from safeguarding_model.units import convert_magnitude  # noqa: PLC0415 - pint on first use

    base = RateBase.parse(per)
    have = _dimension(rate.population)
    target = have if population is None else _dimension(population)
    value = _require_value(rate)
    converted = tidy(convert_magnitude(value, (rate.per, have), (base, target)))
    check_magnitude(converted, "per", base.value, of="numbers giving a rate")
    return rate.model_copy(update={"value": converted, "per": base})


def implied_count(rate: Rate, denominator: Number | None = None) -> Decimal:
    """The count a rate implies for a population of ``denominator`` (the rate's own by default).

    Args:
        rate: A rate with a value.
        denominator: The population count; the rate's ``denominator`` when not given.

    Returns:
        ``value × denominator / per``, exact to 34 significant digits.

    Raises:
        MissingValueError: When the rate has no value, or no denominator is given or known.
        InvalidInputError: For a denominator of zero or less, infinite, NaN, a bool or not a
            number, or of 1E+400 or more in magnitude.

    Examples:
        >>> from safeguarding_model import Rate, implied_count
        >>> implied_count(Rate(value="69.1", per=10_000, population="child"), 244_700)
        Decimal('1690.877')
    """
    value = _require_value(rate)
    over = _given_or_known(denominator, rate.denominator, "denominator", strict=True)
    with localcontext(prec=_PRECISION):
        return tidy(value * over / rate.per.value)


def implied_denominator(rate: Rate, count: Number | None = None) -> Decimal:
    """The population a rate implies for ``count`` events (the rate's own count by default).

    Comparing implied denominators of rates over one population and period is how a slip of a
    power of ten, or a rate computed from another population estimate, shows up.

    Args:
        rate: A rate with a value greater than 0.
        count: The numerator; the rate's ``count`` when not given.

    Returns:
        ``count × per / value``, exact to 34 significant digits.

    Raises:
        MissingValueError: When the rate has no value, or no count is given or known.
        InvalidInputError: For a rate of zero (it implies no denominator), or a count that is
            negative, infinite, NaN, a bool or not a number, or of 1E+400 or more in magnitude.

    Examples:
        >>> from safeguarding_model import Rate, implied_denominator
        >>> round(implied_denominator(Rate(value="69.1", per=10_000, population="child"), 1691))
        244718
    """
    value = _require_value(rate)
    if value == 0:
        raise InvalidInputError("rate.value", value, "a rate greater than 0 to imply a denominator")
    counted = _given_or_known(count, rate.count, "count", strict=False)
    with localcontext(prec=_PRECISION):
        return tidy(counted * rate.per.value / value)


def _given_or_known(
    given: Number | None, known: Decimal | None, field: str, *, strict: bool
) -> Decimal:
    if given is not None:
        return to_decimal(given, field, minimum=Decimal(0), strict_minimum=strict)
    if known is None:
        raise MissingValueError(field, None, f"a {field}: none was given and the rate has none")
    return known
