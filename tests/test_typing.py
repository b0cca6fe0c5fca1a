"""What a user's ``mypy --strict`` sees of the public API: the static types of common calls.

``assert_type`` does nothing when the tests run; the CI's strict mypy step checks every line, so a
change that would give users ``Any`` or the wrong type where they had a precise one fails CI.
The runtime assertions check that the static types tell the truth.
"""

from decimal import Decimal
from typing import assert_type

import numpy as np
import numpy.typing as npt

import safeguarding_model as sm


def test_scalars_in_give_scalar_results_and_arrays_in_give_arrays() -> None:
    one = sm.rate_ci(1691, 244_718, per=10_000)
    assert_type(one, sm.Interval[float])
    assert isinstance(one.lower, float)
    many = sm.rate_ci(np.array([1691, 40]), np.array([244_718, 9_000]), per=10_000)
    assert_type(many, sm.Interval[npt.NDArray[np.float64]])
    assert isinstance(many.lower, np.ndarray)
    share = sm.proportion_ci(30, 120, multiplier=100)
    assert_type(share, sm.Interval[float])


def test_comparisons_are_typed_by_what_they_were_given() -> None:
    one = sm.compare_rate_with_benchmark(1691, 244_718, 60.0, per=10_000)
    assert_type(one, sm.Comparison[sm.Significance])
    assert_type(one.significance, sm.Significance)
    assert one.significance is sm.Significance.HIGHER
    many = sm.compare_proportion_with_benchmark(
        np.array([30, 60]), np.array([120, 120]), 0.25, polarity=sm.Polarity.HIGHER_IS_BETTER
    )
    assert_type(many, sm.Comparison[npt.NDArray[np.str_]])
    assert list(many.significance) == ["similar", "better"]


def test_records_carry_exact_types() -> None:
    report = sm.load_example()
    assert_type(report, sm.AnnualReport)
    rows = sm.scorecard(report)
    assert_type(rows, tuple[sm.ScorecardRow, ...])
    value = sm.parse_value("1,412")
    assert_type(value.number, Decimal | None)
    assert value.number == Decimal(1412)
    interval = sm.observation_interval(rows[0].indicator, rows[0].latest)
    assert_type(interval, sm.Interval[float] | None)
    findings = sm.check(report)
    assert_type(findings, tuple[sm.CheckFinding, ...])


def test_errors_and_scales_have_their_types_at_the_front_door() -> None:
    scale = sm.builtin_scale("cqc-2014")
    assert_type(scale, sm.JudgementScale)
    assert_type(sm.builtin_scales()["cqc-2014"], sm.JudgementScale)
    report = sm.load_example()
    assert_type(report.scale("ofsted-sif-2013"), sm.JudgementScale)
    try:
        report.observation("nope")
    except sm.UnknownIdError as error:
        assert_type(error, sm.UnknownIdError)
        assert_type(error.value, object)
        assert error.value == "nope"
    else:  # pragma: no cover - the id names nothing
        raise AssertionError
    assert issubclass(sm.FileFormatError, sm.SafeguardingModelError)
    assert issubclass(sm.PopulationMismatchError, sm.SafeguardingModelError)
    assert issubclass(sm.ScaleMismatchError, sm.SafeguardingModelError)
