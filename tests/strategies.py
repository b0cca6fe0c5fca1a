"""Hypothesis strategies for the tests: the public ones of `safeguarding_model.testing`, over a
wider span of years, and the number building blocks the tests of rates and values need."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from safeguarding_model import RateBase, ValueStatus, testing

years = st.integers(min_value=1900, max_value=2200)

financial_years = testing.financial_years(years)
financial_quarters = testing.financial_quarters(years)
points_in_time = testing.points_in_time(years)
periods = testing.periods(years)
rates = testing.rates

statuses = st.sampled_from(ValueStatus)

counts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
whole_counts = st.integers(min_value=0, max_value=10**9)
denominators = st.decimals(
    min_value=Decimal("0.001"), max_value=10**10, places=3, allow_nan=False, allow_infinity=False
)
rate_bases = st.sampled_from(RateBase)
populations = st.sampled_from(["child", "live_birth", "household", "person", "child_10_17"])
