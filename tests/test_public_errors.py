"""Every public number-taking function raises only the errors its docstring names.

Each function of the rates, units and statistics modules is fed arbitrary numbers (huge and
negative ints, NaN, infinities, -0.0, subnormals, Decimal NaN and sNaN and huge exponents, numpy
scalars, bools, None, text), arrays (every numpy dtype, 0-d and empty shapes, masked arrays,
object arrays, lists and ragged nested lists) and options (confidence levels outside (0, 1),
bases, axes, polarities). It may return or raise; what it raises must be a
``SafeguardingModelError`` and one of the classes its ``Raises:`` section names. Warnings are
errors under pytest, so a numpy warning escaping a function fails here too.
"""

from __future__ import annotations

import builtins
import datetime as dt
import inspect
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import safeguarding_model
from safeguarding_model import (
    Interval,
    IntervalMethod,
    Rate,
    RateBase,
    SafeguardingModelError,
    ValueStatus,
    proportion_ci,
    rate_ci,
)
from safeguarding_model import units as units_module

if TYPE_CHECKING:
    from collections.abc import Callable

# --- numbers -------------------------------------------------------------------------------

_EDGE_INTS = [0, 1, 9, 10, 2**53 - 1, 2**53, 2**53 + 1, 2**63, 2**64, 10**400, -1, -(10**400)]
_EDGE_DECIMALS = [
    Decimal("sNaN"),
    Decimal("NaN"),
    Decimal("-0"),
    Decimal("Infinity"),
    Decimal("1E+999999"),
    Decimal("1E-999999"),
    Decimal("1E+400"),
    Decimal("9.99E+399"),
    Decimal("12.5"),
]
_OTHERS: list[object] = [
    None,
    True,
    False,
    "5",
    b"5",
    "",
    1 + 2j,
    dt.date(2020, 1, 1),
    [],
    {},
    np.datetime64("2020-01-01"),
    np.timedelta64(5, "D"),
    np.complex128(5),
    np.str_("5"),
]

small_counts = st.integers(min_value=0, max_value=2_000)
ints = st.one_of(small_counts, st.integers(), st.sampled_from(_EDGE_INTS))
floats = st.one_of(
    st.floats(min_value=0, max_value=1e6),
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.sampled_from([0.0, -0.0, 5e-324, 2.2e-308, 1.7976931348623157e308, float("nan")]),
)
decimals = st.one_of(
    st.decimals(min_value=-(10**12), max_value=10**12, places=4),
    st.decimals(min_value=-(10**12), max_value=10**12).map(lambda number: number.scaleb(-400)),
    st.sampled_from(_EDGE_DECIMALS),
)
numpy_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1).map(np.int64),
    st.integers(0, 2**64 - 1).map(np.uint64),
    st.floats(min_value=-3e38, max_value=3e38).map(np.float32),
    st.sampled_from([np.float32("nan"), np.float32("inf"), np.float32(0.1), np.float16(0.1)]),
    st.floats().map(np.float64),
    st.booleans().map(np.bool_),
)
# Deferred, so that a strategy's repr (which hypothesis builds now and then) stays short.
scalars = st.deferred(
    lambda: st.one_of(ints, floats, decimals, numpy_scalars, st.sampled_from(_OTHERS))
)

_SHAPES = hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=4)
numpy_arrays = st.one_of(
    hnp.arrays(hnp.scalar_dtypes(), _SHAPES),
    hnp.arrays(st.sampled_from([np.float64, np.int64]), _SHAPES),
    hnp.arrays(
        np.float64,
        _SHAPES,
        elements=st.floats(min_value=0, max_value=1e5) | st.just(float("nan")),
    ),
    hnp.arrays(hnp.unicode_string_dtypes() | hnp.byte_string_dtypes(), _SHAPES),
)


@st.composite
def masked_arrays(draw: st.DrawFn) -> np.ma.MaskedArray[Any, Any]:
    data = draw(
        hnp.arrays(st.sampled_from([np.float64, np.int64, np.bool_, np.complex128]), _SHAPES)
    )
    mask = draw(hnp.arrays(np.bool_, data.shape))
    return np.ma.masked_array(data, mask=mask)


object_arrays = st.lists(scalars, max_size=4).map(
    lambda items: np.array([*items, None], dtype=object)[:-1]
)
lists = st.lists(st.one_of(small_counts, scalars), max_size=5)
nested_lists = st.lists(st.lists(st.one_of(small_counts, floats), max_size=3), max_size=3)
counts_lists = st.lists(small_counts, min_size=1, max_size=6)
anything = st.deferred(
    lambda: st.one_of(
        scalars, numpy_arrays, masked_arrays(), object_arrays, lists, nested_lists, counts_lists
    )
)

# Numbers that pass the checks but stretch the arithmetic: the other half of the search.
extremes = st.one_of(
    small_counts,
    st.floats(min_value=0, max_value=1.7e308),
    st.sampled_from([5e-324, 1e-300, 1e-150, 2.0**53 - 1, 1e150, 1e308]),
)
signed_extremes = st.one_of(extremes, extremes.map(lambda number: -number))
three = st.lists(extremes, min_size=3, max_size=3)
five = st.lists(signed_extremes, min_size=5, max_size=5)
years_five = st.just([2019, 2020, 2021, 2022, 2023])

confidences = st.one_of(st.sampled_from([0.95, 0.998]), scalars)
polarities = st.one_of(
    st.sampled_from(["higher_is_better", "lower_is_better", "no_judgement"]), scalars
)
populations = st.one_of(
    st.sampled_from(["child", "live_birth", "child_10_17", "Child", "per_thousand", "a__b", ""]),
    scalars,
)
bases = st.one_of(
    st.sampled_from([*RateBase, 100, 1_000, "per 1,000", "percent", 7]),
    scalars,
)


@st.composite
def rates(draw: st.DrawFn) -> Rate:
    value = draw(st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=3)))
    return Rate(
        value=value,
        per=draw(st.sampled_from(RateBase)),
        population=draw(st.sampled_from(["child", "live_birth", "child_10_17"])),
        count=draw(st.none() | st.decimals(min_value=0, max_value=10**9, places=2)),
        denominator=draw(st.none() | st.decimals(min_value=1, max_value=10**9, places=2)),
        status=ValueStatus.FINAL if value is not None else ValueStatus.MISSING,
    )


@st.composite
def intervals(draw: st.DrawFn) -> object:
    """Intervals computed from counts, built from arbitrary fields, or not intervals at all."""
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return proportion_ci(draw(counts_lists), 2_000, confidence=0.95)
    if choice == 1:
        return rate_ci(draw(small_counts), draw(st.integers(1, 10**6)), per=1_000)
    if choice == 2:  # the third kind
        return Interval(
            value=draw(anything),
            lower=draw(anything),
            upper=draw(anything),
            confidence=0.95,
            method=IntervalMethod.PUBLISHED,
        )
    return draw(anything)


# --- the functions and how to call them ----------------------------------------------------

Call = tuple[tuple[object, ...], dict[str, object]]


def _call(
    *args: st.SearchStrategy[Any], **kwargs: st.SearchStrategy[Any]
) -> st.SearchStrategy[Call]:
    """Positional arguments, and keyword options each either given or left out."""
    optional = st.fixed_dictionaries({}, optional=kwargs)
    return st.tuples(st.tuples(*args), optional)


_TREND_OPTIONS: dict[str, st.SearchStrategy[Any]] = {
    "numerators": anything,
    "denominators": anything,
    "values": anything,
    "lower": anything,
    "upper": anything,
    "kind": st.one_of(st.sampled_from(["proportion", "other"]), scalars),
    "polarity": polarities,
    "points": st.one_of(st.integers(-1, 7), scalars),
    "confidence": confidences,
    "significance_level": confidences,
}
"""The options of the recent trend, one series or many: each drawn, or anything."""

_DISPERSION = safeguarding_model.funnel_dispersion(
    [30, 45, 60, 20, 90], [1000, 1200, 1500, 900, 2000], statistic="proportion", warn=False
)
"""A dispersion of five areas, for the functions that take one."""

_CALLS: dict[str, st.SearchStrategy[Call]] = {
    "rate_from_count": _call(anything, anything, per=bases, population=populations).map(
        lambda call: (call[0], {"population": "child", **call[1]})
    ),
    "convert_rate": _call(rates(), per=bases, population=populations).map(
        lambda call: (call[0], {"per": 1_000, **call[1]})
    ),
    "implied_count": _call(rates(), scalars),
    "implied_denominator": _call(rates(), scalars),
    "RateBase.parse": _call(bases),
    "Rate.rounded": _call(rates(), st.one_of(st.integers(-50, 50), scalars)),
    "rate_unit": _call(bases, populations),
    "rate_quantity": _call(scalars, bases, populations),
    "define_population": _call(populations),
    "convert_magnitude": _call(
        st.one_of(decimals, scalars),
        st.one_of(st.tuples(bases, populations), scalars),
        st.one_of(st.tuples(bases, populations), scalars),
    ),
    "z_score": _call(confidences),
    "proportion_ci": _call(anything, anything, confidence=confidences, multiplier=scalars)
    | _call(extremes, extremes, multiplier=extremes),
    "count_ci": _call(
        anything,
        confidence=confidences,
        method=st.one_of(st.sampled_from(["auto", "byars", "exact", "wilson"]), scalars),
    ),
    "rate_ci": _call(anything, anything, per=scalars, confidence=confidences)
    | _call(extremes, extremes, per=extremes),
    "mean_ci": _call(anything, confidence=confidences, axis=st.one_of(st.integers(-3, 3), scalars))
    | _call(five),
    "compare_with_benchmark": _call(
        intervals(), anything, polarity=polarities, comparator=st.text(max_size=5)
    ),
    "compare_proportion_with_benchmark": _call(
        anything,
        anything,
        anything,
        polarity=polarities,
        confidence=confidences,
        multiplier=scalars,
    ),
    "compare_rate_with_benchmark": _call(
        anything, anything, anything, per=scalars, polarity=polarities, confidence=confidences
    ),
    "rag": _call(
        st.one_of(
            st.sampled_from(["better", "worse", "nonsense"]),
            scalars,
            hnp.arrays(hnp.unicode_string_dtypes(), _SHAPES),
        )
    ),
    "direction_of_travel": _call(
        st.one_of(intervals(), anything),
        st.one_of(intervals(), anything),
        polarity=polarities,
        tolerance=scalars,
    ).map(lambda call: (call[0], {"polarity": "higher_is_better", **call[1]}))
    | _call(five, five, tolerance=extremes).map(
        lambda call: (call[0], {"polarity": "no_judgement", **call[1]})
    ),
    "proportion_funnel_limits": _call(anything, scalars, confidence=confidences),
    "ratio_funnel_limits": _call(anything, confidence=confidences),
    "funnel_limits_table": _call(
        st.sampled_from(["proportion", "ratio", "rate", "mean"]),
        anything,
        average=scalars,
        axis_max=scalars,
        per=scalars,
        multiplier=scalars,
        years_of_data=scalars,
        ratio_type=st.sampled_from(["count", "isr", "ratio", "odds"]),
    ),
    "rate_funnel_limits": _call(
        anything, scalars, per=scalars, confidence=confidences, years_of_data=scalars
    ).map(lambda call: (call[0], {"per": 100_000, **call[1]})),
    "funnel_proportion_significance": _call(anything, anything, average=scalars)
    | _call(three, three, average=extremes),
    "funnel_ratio_significance": _call(anything, anything, average=scalars)
    | _call(three, three, average=extremes),
    "funnel_rate_significance": _call(
        anything, anything, per=scalars, average=scalars, denominator=anything
    ).map(lambda call: (call[0], {"per": 100_000, **call[1]}))
    | _call(three, three, per=extremes, average=extremes, denominator=three).map(
        lambda call: (call[0], {"per": 100_000, **call[1]})
    ),
    "funnel_dispersion": _call(
        anything,
        anything,
        statistic=st.one_of(st.sampled_from(["proportion", "rate", "ratio", "mean"]), scalars),
        per=scalars,
        average=scalars,
        winsorise=scalars,
    ).map(lambda call: (call[0], {**call[1], "warn": False}))
    | _call(five, five, statistic=st.just("rate"), per=extremes, average=extremes).map(
        lambda call: (call[0], {**call[1], "warn": False})
    ),
    "funnel_overdispersed_significance": _call(
        anything,
        anything,
        statistic=st.one_of(st.sampled_from(["proportion", "rate", "ratio"]), scalars),
        per=scalars,
        average=scalars,
        dispersion=st.one_of(st.just(_DISPERSION), anything),
    ),
    "overdispersed_funnel_limits": _call(
        anything, st.one_of(st.just(_DISPERSION), anything), confidence=confidences
    ),
    "compare_at_levels": _call(
        anything,
        anything,
        anything,
        interval=st.one_of(st.sampled_from(["wilson", "byars_exact", "byars", "dobson"]), scalars),
        per=scalars,
        polarity=polarities,
        levels=st.one_of(st.tuples(confidences, confidences), st.just((0.95, 0.998)), scalars),
        comparator=st.text(max_size=5),
    )
    | _call(three, three, extremes, per=extremes),
    "dsr_ci": _call(
        anything,
        anything,
        anything,
        per=scalars,
        confidence=confidences,
        event_frequencies=anything,
    )
    | _call(three, three, three, per=extremes),
    "isratio_ci": _call(
        anything, anything, anything, anything, multiplier=scalars, confidence=confidences
    )
    | _call(three, three, three, three, multiplier=extremes)
    | _call(three, three, three, three, per=scalars),
    "israte_ci": _call(anything, anything, anything, anything, per=scalars, confidence=confidences)
    | _call(three, three, three, three, per=extremes),
    "recent_trend": _call(anything, **_TREND_OPTIONS)
    | _call(years_five, numerators=five, denominators=five)
    | _call(years_five, values=five, lower=five, upper=five).map(
        lambda call: (call[0], {"kind": "other", **call[1]})
    ),
    "recent_trends": _call(anything, **_TREND_OPTIONS)
    | _call(years_five, numerators=st.lists(five, min_size=1, max_size=3)),
}
"""How to call each function: strategies for its arguments, with its options now and then."""

_MODULES = ("rates", "units", "statistics.")


def _public_functions() -> dict[str, Callable[..., object]]:
    """The public functions of the rates, units and statistics modules, plus two methods."""
    found: dict[str, Callable[..., object]] = {
        "RateBase.parse": RateBase.parse,
        "Rate.rounded": Rate.rounded,
    }
    for name, module in safeguarding_model._LAZY.items():  # where each name lives
        obj = getattr(safeguarding_model, name)
        if module.startswith(_MODULES) and inspect.isfunction(obj):
            found[name] = obj
    for name in units_module.__all__:
        obj = getattr(units_module, name)
        # registry() takes nothing from its caller, so it has nothing to refuse.
        if inspect.isfunction(obj) and inspect.signature(obj).parameters:
            found[name] = obj
    return found


_FUNCTIONS = _public_functions()


def _documented_errors(function: Callable[..., object]) -> tuple[type[BaseException], ...]:
    """The classes a docstring's ``Raises:`` section names."""
    doc = inspect.getdoc(function) or ""
    section = re.search(r"^Raises:\n((?:[ ]{4}.*\n?|\n)+)", doc, re.MULTILINE)
    assert section is not None, f"{function.__qualname__} has no Raises: section"
    names = re.findall(r"^[ ]{4}(\w+):", section[1], re.MULTILINE)
    classes = []
    for name in names:
        found = getattr(safeguarding_model, name, None) or getattr(builtins, name)
        assert isinstance(found, type), name
        assert issubclass(found, BaseException), name
        classes.append(found)
    return tuple(classes)


def test_every_public_function_is_exercised() -> None:
    assert set(_CALLS) == set(_FUNCTIONS)
    assert len(_FUNCTIONS) >= 28  # the count today; more is fine


@pytest.mark.parametrize("name", sorted(_CALLS))
def test_every_public_function_names_what_it_raises(name: str) -> None:
    documented = _documented_errors(_FUNCTIONS[name])
    assert documented, name
    assert all(issubclass(error, SafeguardingModelError) for error in documented), documented


# hypothesis warns when it describes one of its own array strategies at length; that warning is
# about the test's strategies, not about the functions tested.
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
# A call without per=, or with a float base (per=1000.0), works and warns; the deprecation has
# tests of its own (test_rates.py, test_intervals.py), this test is about errors.
@pytest.mark.filterwarnings(r"ignore:\w+\(.*per=.*deprecated since:DeprecationWarning")
@pytest.mark.parametrize("name", sorted(_CALLS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_public_functions_raise_only_their_documented_errors(
    name: str, data: st.DataObject
) -> None:
    function = _FUNCTIONS[name]
    documented = _documented_errors(function)
    args, kwargs = data.draw(_CALLS[name], label="arguments")
    try:
        function(*args, **kwargs)
    except SafeguardingModelError as error:
        assert isinstance(error, documented), (
            f"{name} raised {type(error).__name__}, its docstring names {documented}"
        )
        message = str(error)
        assert len(message) < 600, f"{name}'s message is too long: {message[:200]}…"
