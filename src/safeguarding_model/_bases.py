"""Rate bases and population names: the vocabulary below both ``rates`` and ``units``.

Private: the names are public from [`safeguarding_model.rates`][safeguarding_model.rates] (and
``RateBase`` from the top level). They live here so that the pint registry in ``units`` can be
built from them without importing ``rates``, which reaches ``units`` for quantities and
conversions: the one reading of ``per`` (``RateBase.parse``, and ``parse_per`` with its
deprecated defaults) and the one check of a population's name sit below both.
"""

from __future__ import annotations

import re
import warnings
from enum import IntEnum
from typing import Final, cast

from safeguarding_model._numbers import is_real, is_whole, whole
from safeguarding_model._vocabulary import SchemaDescribed
from safeguarding_model.errors import InvalidInputError

__all__ = [
    "DEPRECATED_SINCE",
    "OLD_DEFAULT_PER_HUNDRED_THOUSAND",
    "OLD_DEFAULT_PER_TEN_THOUSAND",
    "POPULATIONS",
    "RateBase",
    "check_population",
    "parse_per",
]

DEPRECATED_SINCE = "0.1.0"
"""The version that deprecated the defaults of ``per`` (and the other spellings of issue 11)."""


class RateBase(SchemaDescribed, IntEnum):
    """What a rate is "per": its value is the multiplier.

    Examples:
        >>> from safeguarding_model import RateBase
        >>> RateBase.parse(10_000), RateBase.parse("per 1,000"), RateBase.parse("percent")
        (<RateBase.PER_TEN_THOUSAND: 10000>, <RateBase.PER_THOUSAND: 1000>, <RateBase.PERCENT: 100>)
        >>> RateBase.PER_HUNDRED_THOUSAND.unit_name, RateBase.PER_HUNDRED_THOUSAND.label
        ('per_hundred_thousand', 'per 100,000')
    """

    PERCENT = 100
    PER_THOUSAND = 1_000
    PER_TEN_THOUSAND = 10_000
    PER_HUNDRED_THOUSAND = 100_000
    PER_MILLION = 1_000_000

    @property
    def unit_name(self) -> str:
        """The unit's name in the package's pint registry (``'per_ten_thousand'``)."""
        return self.name.lower()

    @property
    def label(self) -> str:
        """How reports print the base: ``'per 10,000'``, or ``'%'`` for per cent."""
        return "%" if self is RateBase.PERCENT else f"per {self.value:,}"

    @classmethod
    def parse(cls, per: int | str | RateBase) -> RateBase:
        """A base from its multiplier (``10_000``) or name (``'per_ten_thousand'``, ``'per 10,000'``, ``'%'``).

        The one reading of ``per`` everywhere a rate is made or tested: ``rate_from_count``,
        ``rate_ci``, ``compare_rate_with_benchmark``, ``dsr_ci``, ``israte_ci``, the funnel
        rate functions and the records.

        Raises:
            InvalidInputError: For anything else (``7``, ``1000.0``, ``'per 7'``, a bool); the
                message lists the bases.
        """
        if isinstance(per, RateBase):
            return per
        if is_whole(per):  # an int, or a numpy integer as a pandas column holds
            per = whole(per)
            if per in cls._value2member_map_:
                return cls(per)
        elif isinstance(per, str):
            key = " ".join(per.strip().lower().replace("_", " ").split())
            found = _BASE_NAMES.get(key)
            if found is None and (match := re.fullmatch(r"per\s*([0-9][0-9,]*)", key)):
                multiplier = int(match[1].replace(",", ""))
                found = cls(multiplier) if multiplier in cls._value2member_map_ else None
            if found is not None:
                return found
        raise InvalidInputError("per", per, _BASES_EXPECTED)


def _float_base(value: object) -> RateBase | None:
    """The base a float (or numpy float) names, such as ``1e5``; ``None`` for anything else."""
    if not is_real(value) or is_whole(value):
        return None
    number = float(value)  # type: ignore[arg-type]  # a real number, checked above
    if not number.is_integer() or int(number) not in RateBase._value2member_map_:
        return None
    return RateBase(int(number))


class _OldDefault(int):
    """The base a function used when ``per`` was not given: deprecated, it warns when read.

    Shown as ``<required>`` in signatures, because ``per`` is to be passed every time.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<required>"


OLD_DEFAULT_PER_TEN_THOUSAND: Final[int] = _OldDefault(10_000)
"""Package-internal: ``rate_from_count``'s old default base, kept for calls without ``per`` (they warn)."""

OLD_DEFAULT_PER_HUNDRED_THOUSAND: Final[int] = _OldDefault(100_000)
"""Package-internal: the statistics' old default base, kept for calls without ``per`` (they warn)."""


def parse_per(per: float | str | RateBase, *, function: str, stacklevel: int = 3) -> RateBase:
    """``per`` read by [`RateBase.parse`][safeguarding_model.rates.RateBase.parse]; a missing one warns.

    Every function that makes or tests a rate reads its ``per`` here. When
    ``per`` was not passed (it is the old default), the call still works, with a
    ``DeprecationWarning`` naming ``function``: the default goes, pass ``per=`` explicitly. A
    float naming a base (``per=1e5``, which the statistics took before) works and warns too.

    Raises:
        InvalidInputError: For anything but a rate base.

    Examples:
        >>> from safeguarding_model._bases import parse_per
        >>> parse_per("per 100,000", function="rate_ci")
        <RateBase.PER_HUNDRED_THOUSAND: 100000>
    """
    if isinstance(per, _OldDefault):
        warnings.warn(
            f"{function}() without per= is deprecated since version {DEPRECATED_SINCE}: its "
            f"default base, per={int(per):_}, will be removed; pass per= explicitly "
            f"(100, 1_000, 10_000, 100_000 or 1_000_000)",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
    elif (base := _float_base(per)) is not None:
        warnings.warn(
            f"{function}(per={per!r}) is deprecated since version {DEPRECATED_SINCE}: a base is "
            f"a whole number or a name; pass per={int(base):_}",
            DeprecationWarning,
            stacklevel=stacklevel,
        )
        return base
    return RateBase.parse(cast("int | str | RateBase", per))  # a float here is refused


_BASE_NAMES = {
    "percent": RateBase.PERCENT,
    "per cent": RateBase.PERCENT,
    "%": RateBase.PERCENT,
    "per hundred": RateBase.PERCENT,
    "per thousand": RateBase.PER_THOUSAND,
    "per ten thousand": RateBase.PER_TEN_THOUSAND,
    "per 10k": RateBase.PER_TEN_THOUSAND,
    "per hundred thousand": RateBase.PER_HUNDRED_THOUSAND,
    "per million": RateBase.PER_MILLION,
}
_BASES_EXPECTED = (
    "a rate base: 100, 1_000, 10_000, 100_000, 1_000_000 or a name such as 'percent', "
    "'per_thousand', 'per 10,000'"
)

POPULATIONS: dict[str, str] = {
    "child": "children aged 0-17",
    "live_birth": "live births",
    "household": "households",
    "person": "persons",
}
"""Populations known by name, with the words used to print them. Any other snake_case name
(``child_10_17``, ``young_person_15_24``) is a population of its own."""

_POPULATION_NAME = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)
_RESERVED = frozenset(base.unit_name for base in RateBase) | {"dimensionless"}


def check_population(name: str) -> str:
    """``name`` if it is a population's name (snake_case, not a rate base), else an error.

    The one check of a population's name, for the records, the rate functions and the pint
    registry in ``units``.

    Raises:
        InvalidInputError: For anything else.

    Examples:
        >>> from safeguarding_model._bases import check_population
        >>> check_population("child_10_17")
        'child_10_17'
    """
    if (
        not isinstance(name, str)
        or not _POPULATION_NAME.fullmatch(name)
        or name in _RESERVED
        or "__" in name
    ):
        raise InvalidInputError(
            "population",
            name,
            "a snake_case name such as 'child', 'live_birth', 'household', 'person' or "
            "'child_10_17' (lower-case letters, digits and single underscores, not a rate base)",
        )
    return name
