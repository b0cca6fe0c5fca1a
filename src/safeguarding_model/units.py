"""The package's pint registry: rate bases as scales, populations as dimensions.

Importing this module imports pint (about a tenth of a second), so the rest of the package
imports it only when a quantity or a conversion is first needed. The registry is the package's
own, not pint's default one with its thousands of units: it holds the five rate bases as
dimensionless scale units (``percent``, ``per_thousand``, ``per_ten_thousand``,
``per_hundred_thousand``, ``per_million``) and one base dimension per population (``child``,
``live_birth``, ``household``, ``person``, and any other population name the first time it is
used). Because populations are dimensions, pint itself refuses to turn a rate per live birth into
a rate per child.

Magnitudes are ``Decimal``: conversions between bases are exact.

Examples:
    >>> from decimal import Decimal
    >>> from safeguarding_model.units import registry
    >>> ureg = registry()
    >>> ureg.Quantity(Decimal("69.1"), "per_ten_thousand / child").to("per_thousand / child")
    <Quantity(6.91, 'per_thousand / child')>
"""

from __future__ import annotations

import functools
import threading
from decimal import Decimal

import pint

from safeguarding_model._bases import POPULATIONS, RateBase, check_population
from safeguarding_model._numbers import to_decimal
from safeguarding_model.errors import InvalidInputError, SafeguardingModelError

__all__ = [
    "PopulationMismatchError",
    "convert_magnitude",
    "define_population",
    "rate_quantity",
    "rate_unit",
    "registry",
]

_LOCK = threading.RLock()
_DEFINED: set[str] = set(POPULATIONS)
"""Populations the registry has a dimension for; changed only under ``_LOCK``."""


class PopulationMismatchError(SafeguardingModelError, pint.DimensionalityError, ValueError):
    """A rate was asked for per a population other than its own.

    It is pint's ``DimensionalityError`` (so ``except pint.DimensionalityError`` catches it) and a
    ``ValueError``, with a message in words.

    Attributes:
        have: The rate's population.
        want: The population asked for.

    Examples:
        >>> import pint
        >>> from safeguarding_model import PopulationMismatchError
        >>> issubclass(PopulationMismatchError, pint.DimensionalityError)
        True
    """

    def __init__(self, have: str, want: str) -> None:
        """Record both populations."""
        super().__init__(f"per {have}", f"per {want}", f"1 / [{have}]", f"1 / [{want}]")
        self.have = have
        self.want = want

    def __str__(self) -> str:
        return (
            f"cannot convert a rate per {self.have} into a rate per {self.want}: "
            "they are different populations"
        )


def registry() -> pint.UnitRegistry[Decimal]:
    """The package's unit registry, built on first use and shared by every thread.

    Examples:
        >>> from safeguarding_model.units import registry
        >>> registry() is registry()
        True
    """
    with _LOCK:  # functools.cache alone would let two racing threads build two registries
        return _build()


@functools.cache
def _build() -> pint.UnitRegistry[Decimal]:
    ureg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(
        None, non_int_type=Decimal, cache_folder=None
    )
    for base in RateBase:
        ureg.define(f"{base.unit_name} = {Decimal(1) / base.value}")
    for name in POPULATIONS:
        ureg.define(f"{name} = [{name}]")
    return ureg


def define_population(name: str) -> str:
    """Make sure the registry has a dimension for population ``name``; return the name.

    Populations are defined on first use, so calling this is never required; it checks the name.

    Raises:
        InvalidInputError: For a name that is not snake_case, or that is a rate base.

    Examples:
        >>> from safeguarding_model.units import define_population, rate_unit
        >>> define_population("child_10_17")
        'child_10_17'
        >>> rate_unit(100_000, "child_10_17")
        <Unit('per_hundred_thousand / child_10_17')>
    """
    check_population(name)
    with _LOCK:
        ureg = _build()
        if name not in _DEFINED:
            ureg.define(f"{name} = [{name}]")
            _DEFINED.add(name)
    return name


def rate_unit(per: int | str | RateBase, population: str) -> pint.Unit:
    """The pint unit of a rate per ``per`` of ``population``.

    Raises:
        InvalidInputError: For an unknown base or a malformed population name.

    Examples:
        >>> from safeguarding_model.units import rate_unit
        >>> rate_unit(1_000, "live_birth")
        <Unit('per_thousand / live_birth')>
    """
    base = RateBase.parse(per)
    define_population(population)
    return registry().Unit(f"{base.unit_name} / {population}")


def rate_quantity(
    value: Decimal, per: int | str | RateBase, population: str
) -> pint.Quantity[Decimal]:
    """A rate as a pint quantity with a ``Decimal`` magnitude.

    ``value`` may be any number [`rate_from_count`][safeguarding_model.rate_from_count] takes
    (an ``int``, ``float``, ``Decimal`` or numpy number); it is read exactly.

    Raises:
        InvalidInputError: For a value that is not a finite number, an unknown base or a
            malformed population name.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model.units import rate_quantity
        >>> rate_quantity(Decimal("4.8"), 1_000, "live_birth")
        <Quantity(4.8, 'per_thousand / live_birth')>
    """
    magnitude = to_decimal(value, "value")
    return registry().Quantity(magnitude, rate_unit(per, population))


def convert_magnitude(
    value: Decimal,
    source: tuple[int | str | RateBase, str],
    target: tuple[int | str | RateBase, str],
) -> Decimal:
    """Convert a rate's magnitude from ``(per, population)`` to another, through pint.

    Raises:
        PopulationMismatchError: When the populations differ.
        InvalidInputError: For a value that is not a finite number, a ``source`` or ``target``
            that is not a pair ``(per, population)``, an unknown base or a malformed population
            name.

    Examples:
        >>> from decimal import Decimal
        >>> from safeguarding_model.units import convert_magnitude
        >>> convert_magnitude(Decimal("69.1"), (10_000, "child"), (1_000, "child"))
        Decimal('6.91')
    """
    for field, pair in (("source", source), ("target", target)):
        if not isinstance(pair, tuple) or len(pair) != 2:  # a pair
            raise InvalidInputError(field, pair, "a pair (per, population)")
    have = rate_quantity(value, *source)
    try:
        converted = have.to(rate_unit(*target))
    except pint.DimensionalityError:
        raise PopulationMismatchError(source[1], target[1]) from None
    return converted.magnitude
