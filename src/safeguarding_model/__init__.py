"""safeguarding_model: a typed domain model of children's safeguarding board figures.

Top-level names load lazily (PEP 562): ``import safeguarding_model`` imports neither pydantic,
numpy nor pint, and each name imports only the module it lives in, on first use.

Examples:
    >>> import safeguarding_model as sm
    >>> str(sm.parse_period("2015-16"))
    '2015/16'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from safeguarding_model._version import __version__

if TYPE_CHECKING:
    from safeguarding_model.errors import (
        InvalidInputError,
        MissingValueError,
        PeriodParseError,
        SafeguardingModelError,
        ValueParseError,
    )
    from safeguarding_model.periods import (
        CalendarYear,
        FinancialQuarter,
        FinancialYear,
        Period,
        PointInTime,
        PooledPeriod,
        parse_period,
    )
    from safeguarding_model.rates import (
        POPULATIONS,
        Population,
        Rate,
        RateBase,
        convert_rate,
        implied_count,
        implied_denominator,
        rate_from_count,
    )
    from safeguarding_model.units import PopulationMismatchError
    from safeguarding_model.values import (
        Expect,
        Value,
        ValueFlag,
        ValueStatus,
        ValueUnit,
        parse_value,
    )

__all__ = [
    "POPULATIONS",
    "CalendarYear",
    "Expect",
    "FinancialQuarter",
    "FinancialYear",
    "InvalidInputError",
    "MissingValueError",
    "Period",
    "PeriodParseError",
    "PointInTime",
    "PooledPeriod",
    "Population",
    "PopulationMismatchError",
    "Rate",
    "RateBase",
    "SafeguardingModelError",
    "Value",
    "ValueFlag",
    "ValueParseError",
    "ValueStatus",
    "ValueUnit",
    "__version__",
    "convert_rate",
    "implied_count",
    "implied_denominator",
    "parse_period",
    "parse_value",
    "rate_from_count",
]

_LAZY: dict[str, str] = {
    "CalendarYear": "periods",
    "Expect": "values",
    "FinancialQuarter": "periods",
    "FinancialYear": "periods",
    "InvalidInputError": "errors",
    "MissingValueError": "errors",
    "POPULATIONS": "rates",
    "Period": "periods",
    "PeriodParseError": "errors",
    "PointInTime": "periods",
    "PooledPeriod": "periods",
    "Population": "rates",
    "PopulationMismatchError": "units",
    "Rate": "rates",
    "RateBase": "rates",
    "SafeguardingModelError": "errors",
    "Value": "values",
    "ValueFlag": "values",
    "ValueParseError": "errors",
    "ValueStatus": "values",
    "ValueUnit": "values",
    "convert_rate": "rates",
    "implied_count": "rates",
    "implied_denominator": "rates",
    "parse_period": "periods",
    "parse_value": "values",
    "rate_from_count": "rates",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
