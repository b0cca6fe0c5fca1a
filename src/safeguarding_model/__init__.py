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
import warnings
from typing import TYPE_CHECKING

from safeguarding_model._version import __version__

if TYPE_CHECKING:
    from safeguarding_model.agencies import Agency, AgencyKind, index_agencies
    from safeguarding_model.attendance import (
        Attendance,
        AttendanceRecord,
        AttendanceSummary,
        attendance_summary,
    )
    from safeguarding_model.budgets import (
        Allocation,
        Budget,
        BudgetLine,
        BudgetSection,
        BudgetSide,
        ContributionShare,
        Money,
        Side,
        StatedAmount,
        contribution_shares,
    )
    from safeguarding_model.checks import (
        CheckFinding,
        CheckKind,
        Severity,
        check,
        default_rules,
        find_rule,
    )
    from safeguarding_model.claims import (
        Claim,
        ClaimBound,
        ClaimDegree,
        ClaimDirection,
        ClaimKind,
        ClaimRelation,
    )
    from safeguarding_model.comparators import ComparatorGroup, ComparatorKind, comparator_areas
    from safeguarding_model.datasets import (
        list_examples,
        load_example,
    )
    from safeguarding_model.editions import compare_reports, series_across_editions
    from safeguarding_model.errors import (
        FileFormatError,
        InvalidInputError,
        MissingValueError,
        PeriodParseError,
        PopulationMismatchError,
        SafeguardingModelError,
        ScaleMismatchError,
        UnknownIdError,
        ValueParseError,
    )
    from safeguarding_model.findings import (
        FindingNumber,
        NumberRole,
        Rule,
        RuleDomain,
        select_rules,
    )
    from safeguarding_model.indicators import (
        IndicatorDefinition,
        IndicatorSeries,
        MeasureKind,
        Observation,
        observation_interval,
        series,
    )
    from safeguarding_model.inspections import (
        FindingKind,
        Inspection,
        InspectionFinding,
        Recommendation,
        RecommendationStatus,
        recommendations_by_owner,
    )
    from safeguarding_model.markers import Direction, Polarity, Rag, Significance, judge
    from safeguarding_model.periods import (
        AcademicYear,
        CalendarQuarter,
        CalendarYear,
        DateRange,
        FinancialQuarter,
        FinancialYear,
        Month,
        Period,
        PeriodFlag,
        PointInTime,
        PooledPeriod,
        parse_period,
        period_between,
        period_from_dfe,
    )
    from safeguarding_model.populations import (
        PopulationGroup,
        PopulationKind,
        parse_population,
        population_of,
        same_population,
    )
    from safeguarding_model.provenance import Provenance
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
    from safeguarding_model.reconciliation import (
        Discrepancy,
        DiscrepancyKind,
        Location,
        Notice,
        NoticeKind,
        Reconciliation,
        SectionTotals,
        SideTotals,
        reconcile,
    )
    from safeguarding_model.report import (
        AnnualReport,
        Area,
        CaseReview,
        ContextFigure,
        ReportArrangement,
    )
    from safeguarding_model.scales import (
        Inspectorate,
        Judgement,
        JudgementScale,
        builtin_scale,
        builtin_scales,
        sort_judgements,
    )
    from safeguarding_model.scorecards import ScorecardRow, scorecard
    from safeguarding_model.section11 import (
        Section11Audit,
        Section11Return,
        Section11Shares,
        ShareCheck,
        section11_shares,
    )
    from safeguarding_model.statistics.direction import (
        DirectionMethod,
        Travel,
        direction_of_travel,
    )
    from safeguarding_model.statistics.funnels import (
        FunnelSignificance,
        funnel_proportion_significance,
        funnel_rate_significance,
        funnel_ratio_significance,
        proportion_funnel_limits,
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
        compare_proportion_with_benchmark,
        compare_rate_with_benchmark,
        compare_with_benchmark,
        rag,
    )
    from safeguarding_model.statistics.standardised import dsr_ci, israte_ci, isratio_ci
    from safeguarding_model.validation import ValidationProblem
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
    "AcademicYear",
    "Agency",
    "AgencyKind",
    "Allocation",
    "AnnualReport",
    "Area",
    "Attendance",
    "AttendanceRecord",
    "AttendanceSummary",
    "Budget",
    "BudgetLine",
    "BudgetSection",
    "BudgetSide",
    "CalendarQuarter",
    "CalendarYear",
    "CaseReview",
    "CheckFinding",
    "CheckKind",
    "Claim",
    "ClaimBound",
    "ClaimDegree",
    "ClaimDirection",
    "ClaimKind",
    "ClaimRelation",
    "ComparatorGroup",
    "ComparatorKind",
    "Comparison",
    "ContextFigure",
    "ContributionShare",
    "DateRange",
    "Direction",
    "DirectionMethod",
    "Discrepancy",
    "DiscrepancyKind",
    "Expect",
    "FileFormatError",
    "FinancialQuarter",
    "FinancialYear",
    "FindingKind",
    "FindingNumber",
    "FunnelSignificance",
    "IndicatorDefinition",
    "IndicatorSeries",
    "Inspection",
    "InspectionFinding",
    "Inspectorate",
    "Interval",
    "IntervalMethod",
    "InvalidInputError",
    "Judgement",
    "JudgementScale",
    "Location",
    "MeasureKind",
    "MissingValueError",
    "Money",
    "Month",
    "Notice",
    "NoticeKind",
    "NumberRole",
    "Observation",
    "Period",
    "PeriodFlag",
    "PeriodParseError",
    "PointInTime",
    "Polarity",
    "PooledPeriod",
    "Population",
    "PopulationGroup",
    "PopulationKind",
    "PopulationMismatchError",
    "Provenance",
    "Rag",
    "Rate",
    "RateBase",
    "RecentTrend",
    "Recommendation",
    "RecommendationStatus",
    "Reconciliation",
    "ReportArrangement",
    "Rule",
    "RuleDomain",
    "SafeguardingModelError",
    "ScaleMismatchError",
    "ScorecardRow",
    "Section11Audit",
    "Section11Return",
    "Section11Shares",
    "SectionTotals",
    "Severity",
    "ShareCheck",
    "Side",
    "SideTotals",
    "Significance",
    "StatedAmount",
    "Travel",
    "TrendMarker",
    "TrendMethod",
    "UnknownIdError",
    "ValidationProblem",
    "Value",
    "ValueFlag",
    "ValueParseError",
    "ValueStatus",
    "ValueUnit",
    "__version__",
    "attendance_summary",
    "builtin_scale",
    "builtin_scales",
    "check",
    "comparator_areas",
    "compare_proportion_with_benchmark",
    "compare_rate_with_benchmark",
    "compare_reports",
    "compare_with_benchmark",
    "contribution_shares",
    "convert_rate",
    "count_ci",
    "default_rules",
    "direction_of_travel",
    "dsr_ci",
    "find_rule",
    "funnel_proportion_significance",
    "funnel_rate_significance",
    "funnel_ratio_significance",
    "implied_count",
    "implied_denominator",
    "index_agencies",
    "israte_ci",
    "isratio_ci",
    "judge",
    "list_examples",
    "load_example",
    "mean_ci",
    "observation_interval",
    "parse_period",
    "parse_population",
    "parse_value",
    "period_between",
    "period_from_dfe",
    "population_of",
    "proportion_ci",
    "proportion_funnel_limits",
    "rag",
    "rate_ci",
    "rate_from_count",
    "recent_trend",
    "recommendations_by_owner",
    "reconcile",
    "same_population",
    "scorecard",
    "section11_shares",
    "select_rules",
    "series",
    "series_across_editions",
    "sort_judgements",
    "z_score",
]

#: The one list of the front door's names: each public name and the module (under
#: ``safeguarding_model``) it is imported from on first use. ``__all__`` is this table's names plus
#: ``__version__``, and the ``TYPE_CHECKING`` imports above import exactly these names from these
#: modules; both stay written out for type checkers and linters, and tests/test_public_api.py
#: checks that the three agree (its failure message prints the block to paste).
_LAZY: dict[str, str] = {
    "judge": "markers",
    "FindingNumber": "findings",
    "NumberRole": "findings",
    "Rule": "findings",
    "RuleDomain": "findings",
    "select_rules": "findings",
    "default_rules": "checks",
    "find_rule": "checks",
    "compare_reports": "editions",
    "ValidationProblem": "validation",
    "PopulationGroup": "populations",
    "PopulationKind": "populations",
    "parse_population": "populations",
    "population_of": "populations",
    "same_population": "populations",
    "Allocation": "budgets",
    "ReportArrangement": "report",
    "series_across_editions": "editions",
    "Agency": "agencies",
    "AgencyKind": "agencies",
    "AnnualReport": "report",
    "Area": "report",
    "Attendance": "attendance",
    "AttendanceRecord": "attendance",
    "AttendanceSummary": "attendance",
    "Budget": "budgets",
    "BudgetLine": "budgets",
    "BudgetSection": "budgets",
    "BudgetSide": "budgets",
    "CalendarYear": "periods",
    "CaseReview": "report",
    "CheckFinding": "checks",
    "CheckKind": "checks",
    "Claim": "claims",
    "ClaimBound": "claims",
    "ClaimDegree": "claims",
    "ClaimDirection": "claims",
    "ClaimKind": "claims",
    "ClaimRelation": "claims",
    "ComparatorGroup": "comparators",
    "ComparatorKind": "comparators",
    "comparator_areas": "comparators",
    "Comparison": "statistics.significance",
    "ContextFigure": "report",
    "ContributionShare": "budgets",
    "Direction": "markers",
    "DirectionMethod": "statistics.direction",
    "Discrepancy": "reconciliation",
    "DiscrepancyKind": "reconciliation",
    "Expect": "values",
    "FileFormatError": "errors",
    "FinancialQuarter": "periods",
    "FinancialYear": "periods",
    "FindingKind": "inspections",
    "FunnelSignificance": "statistics.funnels",
    "IndicatorDefinition": "indicators",
    "IndicatorSeries": "indicators",
    "Inspection": "inspections",
    "InspectionFinding": "inspections",
    "Inspectorate": "scales",
    "Interval": "statistics.intervals",
    "IntervalMethod": "statistics.intervals",
    "InvalidInputError": "errors",
    "Judgement": "scales",
    "JudgementScale": "scales",
    "Location": "reconciliation",
    "MeasureKind": "indicators",
    "MissingValueError": "errors",
    "Money": "budgets",
    "Notice": "reconciliation",
    "NoticeKind": "reconciliation",
    "Observation": "indicators",
    "POPULATIONS": "rates",
    "Period": "periods",
    "PeriodParseError": "errors",
    "PointInTime": "periods",
    "Polarity": "markers",
    "PooledPeriod": "periods",
    "Population": "rates",
    "PopulationMismatchError": "errors",
    "Provenance": "provenance",
    "Rag": "markers",
    "Rate": "rates",
    "RateBase": "rates",
    "RecentTrend": "statistics.recent_trend",
    "Recommendation": "inspections",
    "RecommendationStatus": "inspections",
    "Reconciliation": "reconciliation",
    "SafeguardingModelError": "errors",
    "ScaleMismatchError": "errors",
    "ScorecardRow": "scorecards",
    "Section11Audit": "section11",
    "Section11Return": "section11",
    "Section11Shares": "section11",
    "SectionTotals": "reconciliation",
    "Severity": "checks",
    "ShareCheck": "section11",
    "Side": "budgets",
    "SideTotals": "reconciliation",
    "Significance": "markers",
    "StatedAmount": "budgets",
    "Travel": "statistics.direction",
    "TrendMarker": "statistics.recent_trend",
    "TrendMethod": "statistics.recent_trend",
    "UnknownIdError": "errors",
    "Value": "values",
    "ValueFlag": "values",
    "ValueParseError": "errors",
    "ValueStatus": "values",
    "ValueUnit": "values",
    "attendance_summary": "attendance",
    "builtin_scale": "scales",
    "builtin_scales": "scales",
    "check": "checks",
    "compare_proportion_with_benchmark": "statistics.significance",
    "compare_rate_with_benchmark": "statistics.significance",
    "compare_with_benchmark": "statistics.significance",
    "contribution_shares": "budgets",
    "convert_rate": "rates",
    "count_ci": "statistics.intervals",
    "direction_of_travel": "statistics.direction",
    "dsr_ci": "statistics.standardised",
    "funnel_proportion_significance": "statistics.funnels",
    "funnel_rate_significance": "statistics.funnels",
    "funnel_ratio_significance": "statistics.funnels",
    "implied_count": "rates",
    "implied_denominator": "rates",
    "index_agencies": "agencies",
    "israte_ci": "statistics.standardised",
    "isratio_ci": "statistics.standardised",
    "list_examples": "datasets",
    "load_example": "datasets",
    "mean_ci": "statistics.intervals",
    "observation_interval": "indicators",
    "parse_period": "periods",
    "period_between": "periods",
    "period_from_dfe": "periods",
    "AcademicYear": "periods",
    "CalendarQuarter": "periods",
    "DateRange": "periods",
    "Month": "periods",
    "PeriodFlag": "periods",
    "parse_value": "values",
    "proportion_ci": "statistics.intervals",
    "proportion_funnel_limits": "statistics.funnels",
    "rag": "statistics.significance",
    "rate_ci": "statistics.intervals",
    "rate_from_count": "rates",
    "recent_trend": "statistics.recent_trend",
    "recommendations_by_owner": "inspections",
    "reconcile": "reconciliation",
    "scorecard": "scorecards",
    "section11_shares": "section11",
    "series": "indicators",
    "sort_judgements": "scales",
    "z_score": "statistics.intervals",
}


#: Old public names kept working after a rename or a move: the old name, the name to use instead
#: and the version that deprecated it. Using one warns with a ``DeprecationWarning``; it is removed
#: no sooner than the policy on the "Stable API and deprecations" page allows.
_DEPRECATED: dict[str, tuple[str, str]] = {
    # an inspection's finding; the name Finding is the check finding's (findings.Finding)
    "Finding": ("InspectionFinding", "0.1.0"),
}


def __getattr__(name: str) -> object:
    if name in _DEPRECATED:
        instead, since = _DEPRECATED[name]
        message = (
            f"safeguarding_model.{name} is deprecated since version {since} and will be removed; "
            f"use safeguarding_model.{instead}"
        )
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        return __getattr__(instead)
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
