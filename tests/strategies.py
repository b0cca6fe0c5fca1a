"""Hypothesis strategies, one per value type of the core vocabulary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from safeguarding_model import (
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
    PointInTime,
    PooledPeriod,
    Rate,
    RateBase,
    ValueStatus,
)

years = st.integers(min_value=1900, max_value=2200)

financial_years = st.builds(FinancialYear, years)
financial_quarters = st.builds(FinancialQuarter, years, st.integers(min_value=1, max_value=4))
calendar_years = st.builds(CalendarYear, years)
points_in_time = st.builds(PointInTime, st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)))


@st.composite
def pooled_periods(draw: st.DrawFn) -> PooledPeriod:
    first = draw(years)
    span = draw(st.integers(min_value=1, max_value=9))
    return PooledPeriod(first, first + span, financial=draw(st.booleans()))


periods: st.SearchStrategy[Period] = st.one_of(
    financial_years, financial_quarters, calendar_years, points_in_time, pooled_periods()
)

statuses = st.sampled_from(ValueStatus)

counts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
whole_counts = st.integers(min_value=0, max_value=10**9)
denominators = st.decimals(
    min_value=Decimal("0.001"), max_value=10**10, places=3, allow_nan=False, allow_infinity=False
)
rate_bases = st.sampled_from(RateBase)
populations = st.sampled_from(["child", "live_birth", "household", "person", "child_10_17"])
rate_values = st.decimals(
    min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False
)


@st.composite
def rates(draw: st.DrawFn) -> Rate:
    """Rates with a value (final, provisional or estimated), with or without their counts."""
    with_counts = draw(st.booleans())
    return Rate(
        value=draw(rate_values),
        per=draw(rate_bases),
        population=draw(populations),
        count=draw(counts) if with_counts else None,
        denominator=draw(denominators) if with_counts else None,
        status=draw(
            st.sampled_from([ValueStatus.FINAL, ValueStatus.PROVISIONAL, ValueStatus.ESTIMATED])
        ),
    )
