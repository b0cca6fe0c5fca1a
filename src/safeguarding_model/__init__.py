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
    from safeguarding_model.budgets import (
        Budget,
        BudgetLine,
        BudgetSection,
        BudgetSide,
        ContributionShare,
        Discrepancy,
        DiscrepancyKind,
        Location,
        Money,
        Notice,
        NoticeKind,
        Reconciliation,
        SectionTotals,
        Side,
        SideTotals,
        StatedAmount,
        contribution_shares,
        reconcile,
    )
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
    from safeguarding_model.statistics.direction import (
        Direction,
        DirectionMethod,
        Travel,
        direction_of_travel,
    )
    from safeguarding_model.statistics.intervals import (
        Interval,
        IntervalMethod,
        count_ci,
        mean_ci,
        proportion_ci,
        rate_ci,
        z_score,
    )
    from safeguarding_model.statistics.recent_trend import (
        RecentTrend,
        TrendMarker,
        TrendMethod,
        recent_trend,
    )
    from safeguarding_model.statistics.significance import (
        Comparison,
        Polarity,
        Rag,
        Significance,
        compare_proportion_with_benchmark,
        compare_rate_with_benchmark,
        compare_with_benchmark,
        rag,
    )
    from safeguarding_model.statistics.standardised import dsr_ci, israte_ci, isratio_ci
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
    "Budget",
    "BudgetLine",
    "BudgetSection",
    "BudgetSide",
    "CalendarYear",
    "Comparison",
    "ContributionShare",
    "Direction",
    "DirectionMethod",
    "Discrepancy",
    "DiscrepancyKind",
    "Expect",
    "FinancialQuarter",
    "FinancialYear",
    "Interval",
    "IntervalMethod",
    "InvalidInputError",
    "Location",
    "MissingValueError",
    "Money",
    "Notice",
    "NoticeKind",
    "Period",
    "PeriodParseError",
    "PointInTime",
    "Polarity",
    "PooledPeriod",
    "Population",
    "PopulationMismatchError",
    "Rag",
    "Rate",
    "RateBase",
    "RecentTrend",
    "Reconciliation",
    "SafeguardingModelError",
    "SectionTotals",
    "Side",
    "SideTotals",
    "Significance",
    "StatedAmount",
    "Travel",
    "TrendMarker",
    "TrendMethod",
    "Value",
    "ValueFlag",
    "ValueParseError",
    "ValueStatus",
    "ValueUnit",
    "__version__",
    "compare_proportion_with_benchmark",
    "compare_rate_with_benchmark",
    "compare_with_benchmark",
    "contribution_shares",
    "convert_rate",
    "count_ci",
    "direction_of_travel",
    "dsr_ci",
    "implied_count",
    "implied_denominator",
    "israte_ci",
    "isratio_ci",
    "mean_ci",
    "parse_period",
    "parse_value",
    "proportion_ci",
    "rag",
    "rate_ci",
    "rate_from_count",
    "recent_trend",
    "reconcile",
    "z_score",
]

_LAZY: dict[str, str] = {
    "Budget": "budgets",
    "BudgetLine": "budgets",
    "BudgetSection": "budgets",
    "BudgetSide": "budgets",
    "CalendarYear": "periods",
    "Comparison": "statistics.significance",
    "ContributionShare": "budgets",
    "Direction": "statistics.direction",
    "DirectionMethod": "statistics.direction",
    "Discrepancy": "budgets",
    "DiscrepancyKind": "budgets",
    "Expect": "values",
    "FinancialQuarter": "periods",
    "FinancialYear": "periods",
    "Interval": "statistics.intervals",
    "IntervalMethod": "statistics.intervals",
    "InvalidInputError": "errors",
    "Location": "budgets",
    "MissingValueError": "errors",
    "Money": "budgets",
    "Notice": "budgets",
    "NoticeKind": "budgets",
    "POPULATIONS": "rates",
    "Period": "periods",
    "PeriodParseError": "errors",
    "PointInTime": "periods",
    "Polarity": "statistics.significance",
    "PooledPeriod": "periods",
    "Population": "rates",
    "PopulationMismatchError": "units",
    "Rag": "statistics.significance",
    "Rate": "rates",
    "RateBase": "rates",
    "RecentTrend": "statistics.recent_trend",
    "Reconciliation": "budgets",
    "SafeguardingModelError": "errors",
    "SectionTotals": "budgets",
    "Side": "budgets",
    "SideTotals": "budgets",
    "Significance": "statistics.significance",
    "StatedAmount": "budgets",
    "Travel": "statistics.direction",
    "TrendMarker": "statistics.recent_trend",
    "TrendMethod": "statistics.recent_trend",
    "Value": "values",
    "ValueFlag": "values",
    "ValueParseError": "errors",
    "ValueStatus": "values",
    "ValueUnit": "values",
    "compare_proportion_with_benchmark": "statistics.significance",
    "compare_rate_with_benchmark": "statistics.significance",
    "compare_with_benchmark": "statistics.significance",
    "contribution_shares": "budgets",
    "convert_rate": "rates",
    "count_ci": "statistics.intervals",
    "direction_of_travel": "statistics.direction",
    "dsr_ci": "statistics.standardised",
    "implied_count": "rates",
    "implied_denominator": "rates",
    "israte_ci": "statistics.standardised",
    "isratio_ci": "statistics.standardised",
    "mean_ci": "statistics.intervals",
    "parse_period": "periods",
    "parse_value": "values",
    "proportion_ci": "statistics.intervals",
    "rag": "statistics.significance",
    "rate_ci": "statistics.intervals",
    "rate_from_count": "rates",
    "recent_trend": "statistics.recent_trend",
    "reconcile": "budgets",
    "z_score": "statistics.intervals",
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
