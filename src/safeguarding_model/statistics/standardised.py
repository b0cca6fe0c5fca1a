"""Age-standardised figures: directly standardised rates (Dobson) and indirectly standardised ratios.

A crude rate mixes two things: how often events happen at each age, and how many people of each
age an area has. Standardisation takes the age mix out so that areas can be compared.

- **Direct** standardisation ([`dsr_ci`][safeguarding_model.dsr_ci])
  applies the area's age-specific rates to a standard population (the European Standard
  Population, say): the rate the area would have if its people were of the standard ages.
- **Indirect** standardisation
  ([`isratio_ci`][safeguarding_model.isratio_ci],
  [`israte_ci`][safeguarding_model.israte_ci]) applies a reference
  population's age-specific rates (England's, say) to the area's people: the events the area
  would expect, compared with those it had.

The methods and the rules for small numbers are those of the R package PHEindicatormethods
(``calculate_dsr``, ``calculate_ISRatio``, ``calculate_ISRate``), which the public-health profiles
use. Inputs are one area's age bands, as 1-D sequences in the same band order, or many areas
at once: 2-D tables of areas x age bands (one row per area), which give one result per area,
exactly those of calling the function on each row, in one vectorised computation (England's
areas in milliseconds). A standard or reference population may then be one row shared by every
area, or a table like the counts. A table is refused whole when one of its areas would be
refused alone; the error names that area's row (``populations[3]``, or ``populations[(3, 7)]``
for one age band of it).

Examples:
    >>> from safeguarding_model.statistics.standardised import dsr_ci, isratio_ci
    >>> print(dsr_ci([15, 32, 61], [21_000, 48_000, 9_500], [20_000, 60_000, 20_000], per=100_000))
    182.7 (148.6 to 222.1), 95% Dobson
    >>> print(isratio_ci([15, 32, 61], [21_000, 48_000, 9_500], [600, 1_500, 2_400], [800_000, 2_000_000, 400_000], multiplier=100))
    99.3 (81.5 to 119.9), 95% Byar's (exact Poisson below 10)
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from safeguarding_model._bases import OLD_DEFAULT_PER_HUNDRED_THOUSAND, RateBase, parse_per
from safeguarding_model.errors import InvalidInputError
from safeguarding_model.statistics._arrays import (
    FloatArray,
    as_floats,
    check_confidence,
    check_multiplier,
    refuse,
)
from safeguarding_model.statistics.intervals import (
    Interval,
    IntervalMethod,
    count_limits,
)

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["dsr_ci", "israte_ci", "isratio_ci"]

_DSR_MINIMUM_EVENTS = 10
"""Directly standardised rates are not published for fewer events than this."""

_EVENT_TOLERANCE = 1e-9
"""How closely the events implied by ``event_frequencies`` must match the counts (relative)."""


_SHAPE_EXPECTED = (
    "a 1-D sequence of numbers, one per age band, or a 2-D array of areas x age bands (one row"
    " per area)"
)


def _bands(value: npt.ArrayLike, field: str, *, missing: bool = True) -> FloatArray:
    array = as_floats(value, field, missing=missing, counts=True)
    if array.ndim not in {1, 2} or array.size == 0:
        raise InvalidInputError(field, value, _SHAPE_EXPECTED)
    return array


def _like_counts(
    value: npt.ArrayLike,
    field: str,
    shape: tuple[int, ...],
    *,
    missing: bool = True,
    shared: bool = False,
) -> FloatArray:
    """``value`` checked to have the counts' ``shape`` (or, when ``shared``, one row of it)."""
    array = _bands(value, field, missing=missing)
    if array.shape == shape or (shared and array.shape == shape[-1:]):
        return array
    bands = shape[-1]
    if len(shape) == 1 and array.ndim == 1:
        raise InvalidInputError(
            field, array.size, f"{bands} values (one per age band, as many as the counts)"
        )
    either = f", or {bands} values shared by every area" if shared else ""
    raise InvalidInputError(
        field,
        f"an array of shape {array.shape}",
        f"the counts' shape {shape} (areas x age bands){either}",
    )


def _not_negative(array: FloatArray, field: str, what: str) -> None:
    with np.errstate(invalid="ignore"):
        negative = array < 0
    if negative.any():
        refuse(field, array, negative, f"{what} of at least 0 (or NaN for missing)")


def _event_counts(
    value: npt.ArrayLike,
    field: str,
    shape: tuple[int, ...] | None = None,
    *,
    shared: bool = False,
) -> FloatArray:
    """Counts of events by age band, a missing band read as no events (see the functions)."""
    x = _bands(value, field) if shape is None else _like_counts(value, field, shape, shared=shared)
    _not_negative(x, field, "counts")
    return x


def _area_populations(populations: npt.ArrayLike, shape: tuple[int, ...]) -> FloatArray:
    n = _like_counts(populations, "populations", shape)
    _not_negative(n, "populations", "populations")
    return n


def _standard_weights(standard_populations: npt.ArrayLike, shape: tuple[int, ...]) -> FloatArray:
    field = "standard_populations"
    w = _like_counts(standard_populations, field, shape, missing=False, shared=True)
    with np.errstate(invalid="ignore"):
        bad = np.isnan(w) | (w < 0)
    if bad.any():
        refuse(
            field,
            w,
            bad,
            "standard populations of at least 0 (none missing: they are the fixed weights)",
        )
    empty = ~(w.sum(axis=-1) > 0)
    if empty.any():
        if w.ndim == 1:
            raise InvalidInputError(
                field, w.tolist(), "at least one age band with a weight above 0"
            )
        area = int(np.argmax(empty))
        raise InvalidInputError(
            f"{field}[{area}]", w[area].tolist(), "at least one age band with a weight above 0"
        )
    return w


def _person_frequencies(event_frequencies: npt.ArrayLike, counts: FloatArray) -> FloatArray:
    """``event_frequencies`` checked against ``counts``, missing categories read as 0 persons."""
    field = "event_frequencies"
    frequencies = as_floats(event_frequencies, field, counts=True)
    shape = counts.shape
    if (
        frequencies.ndim != counts.ndim + 1
        or frequencies.shape[:-1] != shape
        or frequencies.shape[-1] == 0
    ):
        expected = (
            f"a 2-D array of shape ({shape[0]}, k): for each age band, the persons with 1, 2,"
            " ..., k events"
            if counts.ndim == 1
            else f"a 3-D array of shape ({shape[0]}, {shape[1]}, k): for each area and age band,"
            " the persons with 1, 2, ..., k events"
        )
        raise InvalidInputError(field, f"an array of shape {frequencies.shape}", expected)
    # A person-frequency table pivoted to one column per frequency leaves gaps where no one had
    # that many events; those are zero persons (PHEindicatormethods has no row for them at all).
    frequencies = np.nan_to_num(frequencies, nan=0.0)
    _not_negative(frequencies, field, "numbers of persons")
    events = _weighted_persons(frequencies, power=1)
    mismatched = ~np.isclose(events, counts, rtol=_EVENT_TOLERANCE, atol=_EVENT_TOLERANCE)
    if mismatched.any():
        position = tuple(int(i) for i in np.argwhere(mismatched)[0])
        where = position[0] if len(position) == 1 else position
        raise InvalidInputError(
            f"{field}[{where}]",
            float(events[position]),
            f"persons x events (1·f1 + 2·f2 + ...) adding up to counts[{where}] ="
            f" {float(counts[position]):g}",
        )
    return frequencies


def _weighted_persons(frequencies: FloatArray, *, power: int) -> FloatArray:
    """``Σₖ kᵖ·fₖ`` over the last axis: the events (power 1) or their squares (power 2)."""
    weights = np.arange(1, frequencies.shape[-1] + 1, dtype=np.float64) ** power
    return np.asarray((frequencies * weights).sum(axis=-1), dtype=np.float64)


def _refuse_rows(  # noqa: PLR0913 - the refused rows, and the words for each kind of call
    field: str,
    value: object,
    array: FloatArray,
    bad: npt.NDArray[np.bool_],
    expected: str,
    *,
    grouped: bool,
) -> None:
    """Refuse the areas (rows) marked ``bad``: for one area as before, else naming the first."""
    if not bad.any():
        return
    if not grouped:
        raise InvalidInputError(field, value, expected)
    area = int(np.argmax(bad))
    row = array if array.ndim == 1 else array[area]
    count = int(np.count_nonzero(bad))
    suffix = f" ({count} areas refused)" if count > 1 else ""
    raise InvalidInputError(f"{field}[{area}]", row.tolist(), expected + suffix)


def dsr_ci(  # noqa: PLR0913 - three age-band columns, then keyword-only options
    counts: npt.ArrayLike,
    populations: npt.ArrayLike,
    standard_populations: npt.ArrayLike,
    *,
    per: float | str | RateBase = OLD_DEFAULT_PER_HUNDRED_THOUSAND,
    confidence: float = 0.95,
    event_frequencies: npt.ArrayLike | None = None,
) -> Interval[Any]:
    """A directly standardised rate and its Dobson confidence interval.

    For age bands ``i`` with event counts ``xᵢ``, populations ``nᵢ`` and standard population
    weights ``wᵢ`` (the European Standard Population 2013, say), with ``M = per``:

    - ``DSR = Σ(xᵢ·wᵢ/nᵢ) / Σwᵢ × M``: each band's rate weighted by the standard population;
    - ``var = Σ xᵢ·(wᵢ/nᵢ)² / (Σwᵢ)²`` and ``O = Σxᵢ``, the total events;
    - ``lower = DSR + M·√(var/O)·(L(O) − O)`` and ``upper = DSR + M·√(var/O)·(U(O) − O)``,
      where ``L`` and ``U`` are Byar's limits of the count ``O`` (always Byar's: a DSR is only
      published from 10 events, where the public-health count interval is Byar's anyway).

    The lower limit is not raised to 0: when a few events carry a large standard weight, Dobson's
    lower limit can fall below 0, and it is reported as computed, as PHEindicatormethods does.

    **Non-independent events.** When one person can have several events (repeat admissions,
    repeat referrals), the events are not independent and the interval above is too narrow. Give
    ``event_frequencies``, for each band the number of persons with 1, 2, ..., k events; the
    variance then counts each person's events together:
    ``var = Σ (wᵢ/nᵢ)²·Σₖ k²·fᵢₖ / (Σwᵢ)²``. The value and ``O`` (the events) are unchanged.

    **Fewer than 10 events.** The value and both limits are NaN when ``O < 10``: so few events
    make the rate too unstable, and the approximation behind the interval too poor, to publish.
    This is the rule of the public-health profiles and of PHEindicatormethods' ``calculate_dsr``.

    **Missing values.** A missing count (NaN or ``None``) is read as no events in that band, as
    PHEindicatormethods does: tables of events by age band often leave out, or leave blank, the
    bands without events. A missing population makes the result missing (NaN). A band with no
    events may have a population of 0: it adds nothing but its standard weight.

    Dobson, A. J., Kuulasmaa, K., Eberle, E. and Scherer, J. (1991), *Confidence intervals for
    weighted sums of Poisson parameters*, Statistics in Medicine 10:457-462; Breslow, N. E. and
    Day, N. E. (1987), *Statistical Methods in Cancer Research, volume II*, IARC (Byar's limits).

    Args:
        counts: Events in each age band, at least 0; or a 2-D table of areas x age bands.
        populations: The area's population in each band: at least 0, and above 0 wherever the
            band has events. Of the counts' shape.
        standard_populations: The standard population's weight for each band, at least 0 and
            not all 0. Only their proportions matter. For a table of areas, one row for all
            or one row per area.
        per: The rate's base: 100, 1_000, 10_000, 100_000, 1_000_000 or a name. Required: a
            call without it still uses per 100,000 but warns (``DeprecationWarning``).
        confidence: The level, strictly between 0 and 1 (0.95, 0.998).
        event_frequencies: For non-independent events, a 2-D array of shape (bands, k): column
            ``j`` holds the persons with ``j + 1`` events in each band. NaN reads as 0 persons.
            In each band, ``Σ (j + 1)·f`` must equal the band's count. For a table of areas, a
            3-D array of shape (areas, bands, k).

    Returns:
        The interval (floats; for a table of areas, arrays with one value per area), with
        ``multiplier = per`` and method
        [`IntervalMethod.DOBSON`][safeguarding_model.IntervalMethod] or
        ``DOBSON_NONINDEPENDENT``.

    Raises:
        InvalidInputError: For inputs that are not 1-D or 2-D or not of the same shape, negative or
            infinite counts or populations, a population of 0 where there are events, negative,
            missing or all-zero standard weights, event frequencies of the wrong shape, negative
            or not adding up to the counts, values that are not numbers (booleans, dates, text),
            counts or populations from 2**53 on, populations so small against the weights that
            the rate overflows, a base that is not a rate base (``per=7``), or a confidence
            outside (0, 1). The error's ``field`` names the argument.

    Examples:
        >>> from safeguarding_model.statistics.standardised import dsr_ci
        >>> counts = [15, 32, 61]
        >>> populations = [21_000, 48_000, 9_500]
        >>> standard = [20_000, 60_000, 20_000]
        >>> print(dsr_ci(counts, populations, standard, per=100_000))
        182.7 (148.6 to 222.1), 95% Dobson
        >>> print(dsr_ci(counts, populations, standard, per=100_000, event_frequencies=[[11, 2], [26, 3], [45, 8]]))
        182.7 (144.5 to 226.8), 95% Dobson, adjusted for non-independent events
        >>> dsr_ci([2, 3, 4], populations, standard, per=100_000).value  # 9 events: not published
        nan

        Many areas in one call, one row each (the second has 9 events):

        >>> areas = dsr_ci([counts, [2, 3, 4]], [populations, populations], standard, per=100_000)
        >>> areas.value.round(1).tolist(), areas.upper.round(1).tolist()
        ([182.7, nan], [222.1, nan])
    """
    level = check_confidence(confidence)
    scale = float(parse_per(per, function="dsr_ci"))
    x = np.nan_to_num(_event_counts(counts, "counts"), nan=0.0)
    n = _area_populations(populations, x.shape)
    w = _standard_weights(standard_populations, x.shape)
    empty = (n == 0) & (x != 0)
    if empty.any():
        refuse("populations", n, empty, "populations above 0 in every age band that has events")
    frequencies = None if event_frequencies is None else _person_frequencies(event_frequencies, x)
    method = IntervalMethod.DOBSON if frequencies is None else IntervalMethod.DOBSON_NONINDEPENDENT
    spread = x if frequencies is None else _weighted_persons(frequencies, power=2)
    grouped = x.ndim == 2
    value, lower, upper = _dobson(
        np.atleast_2d(x), np.atleast_2d(n), w, np.atleast_2d(spread), level, scale
    )
    _refuse_rows(
        "populations",
        populations,
        n,
        np.isinf(value) | np.isinf(lower) | np.isinf(upper),
        "populations large enough, against the standard weights and the base, for the rate and"
        " its limits to stay within float range",
        grouped=grouped,
    )
    return _one_per_area(
        value, lower, upper, grouped=grouped, level=level, method=method, scale=scale
    )


def _dobson(  # noqa: PLR0913, PLR0917 - the four age-band tables, the level and the base
    x: FloatArray,
    n: FloatArray,
    w: FloatArray,
    spread: FloatArray,
    level: float,
    scale: float,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each area's (row's) DSR and Dobson limits; NaN below 10 events. Inputs checked."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Each band's share of the standard population, per person of the area. A band without
        # events adds nothing, even with no population (0/0 would be NaN); a missing population
        # still makes the result missing.
        share = w / w.sum(axis=-1, keepdims=True)
        weight_per_person = np.where((x == 0) & (n >= 0), 0.0, share / n)
        observed = x.sum(axis=-1)
        low, high = count_limits(observed, level, IntervalMethod.BYARS)
        value = (x * weight_per_person).sum(axis=-1) * scale
        variance = (spread * weight_per_person**2).sum(axis=-1)
        step = np.sqrt(variance / observed) * scale
        lower = value + step * (low - observed)
        upper = value + step * (high - observed)
    # Too few events to publish: the rate and both limits are missing.
    few = observed < _DSR_MINIMUM_EVENTS
    if few.any():
        value, lower, upper = (np.where(few, np.nan, array) for array in (value, lower, upper))
    return value, lower, upper


class _Indirect(NamedTuple):
    """Each area's observed and expected events, the count's limits and the reference rate."""

    observed: FloatArray
    expected: FloatArray
    low: FloatArray
    high: FloatArray
    reference_rate: FloatArray


def _indirect(
    columns: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
    level: float,
) -> tuple[_Indirect, bool]:
    """The observed and expected events of every area (row), and whether areas were given."""
    counts, populations, reference_counts, reference_populations = columns
    raw_x = _event_counts(counts, "counts")
    shape = raw_x.shape
    grouped = raw_x.ndim == 2
    n = _area_populations(populations, shape)
    raw_reference_x = _event_counts(reference_counts, "reference_counts", shape, shared=True)
    reference_n = _like_counts(reference_populations, "reference_populations", shape, shared=True)
    with np.errstate(invalid="ignore"):
        not_positive = reference_n <= 0
    if not_positive.any():
        refuse(
            "reference_populations",
            reference_n,
            not_positive,
            "reference populations above 0 (or NaN for missing)",
        )
    raw_x = np.atleast_2d(raw_x)
    n = np.atleast_2d(n)
    # An area with every count, or every reference count, missing has a missing result.
    missing = np.isnan(raw_x).all(axis=-1) | np.isnan(raw_reference_x).all(axis=-1)
    x = np.nan_to_num(raw_x, nan=0.0)
    reference_x = np.nan_to_num(raw_reference_x, nan=0.0)
    observed = x.sum(axis=-1)
    # A band with no population expects no events (as in PHEindicatormethods), but its observed
    # events, if any, still count.
    with np.errstate(over="ignore", invalid="ignore"):
        expected = (reference_x / reference_n * n).sum(axis=-1)
    _refuse_rows(
        "reference_populations",
        reference_populations,
        reference_n,
        np.isinf(expected) & ~missing,
        "reference populations large enough, against the counts and populations, for the expected"
        " events to stay within float range",
        grouped=grouped,
    )
    none_expected = (expected == 0) & ~missing
    if none_expected.any():
        nobody = none_expected & ~(n > 0).any(axis=-1)
        _refuse_rows(
            "populations",
            n[0].tolist(),
            n,
            nobody,
            "at least one age band with a population above 0",
            grouped=grouped,
        )
        _refuse_rows(
            "reference_counts",
            reference_x.tolist(),
            reference_x,
            none_expected,
            "events in at least one age band where the area has people (else none are expected)",
            grouped=grouped,
        )
    low, high = count_limits(observed, level, IntervalMethod.BYARS_EXACT)
    with np.errstate(invalid="ignore", divide="ignore"):
        reference_rate = reference_x.sum(axis=-1) / reference_n.sum(axis=-1)
    result = _Indirect(observed, expected, low, high, np.asarray(reference_rate, np.float64))
    if missing.any():
        result = _Indirect(*(np.where(missing, np.nan, array) for array in result))
    return result, grouped


def _isr(
    columns: tuple[npt.ArrayLike, npt.ArrayLike, npt.ArrayLike, npt.ArrayLike],
    *,
    scale: float,
    as_rate: bool,
    confidence: float,
) -> Interval[Any]:
    """The one indirect standardisation: ``O / E`` and its limits, times ``scale``.

    A ratio (``as_rate=False``) is scaled by its multiplier; a rate also by the reference
    population's crude rate.
    """
    level = check_confidence(confidence)
    areas, grouped = _indirect(columns, level)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        factor = (areas.reference_rate if as_rate else 1.0) * scale / areas.expected
        value = areas.observed * factor
        lower = areas.low * factor
        upper = areas.high * factor
    overflowed = np.isinf(value) | np.isinf(upper)
    if overflowed.any():
        populations = columns[1]
        _refuse_rows(
            "populations",
            populations,
            np.atleast_2d(as_floats(populations, "populations")),
            overflowed,
            f"populations large enough, for the base, that the {'rate' if as_rate else 'ratio'} "
            "stays within float range",
            grouped=grouped,
        )
    method = IntervalMethod.BYARS_EXACT
    return _one_per_area(
        value, lower, upper, grouped=grouped, level=level, method=method, scale=scale
    )


def isratio_ci(  # noqa: PLR0913 - four age-band columns, then keyword-only options
    counts: npt.ArrayLike,
    populations: npt.ArrayLike,
    reference_counts: npt.ArrayLike,
    reference_populations: npt.ArrayLike,
    *,
    multiplier: float = 1,
    confidence: float = 0.95,
    per: float | None = None,
) -> Interval[Any]:
    """An indirectly standardised ratio (observed / expected events) and its interval.

    The reference population's rate in each age band, applied to the area's population, gives the
    events the area would expect if it were like the reference:
    ``E = Σ reference_countsᵢ / reference_populationsᵢ × populationsᵢ``. The ratio is ``O / E``
    with ``O = Σ counts``, and its limits are the count interval of ``O`` (exact Poisson below
    10 events, Byar's from 10; see [`count_ci`][safeguarding_model.count_ci]) divided by ``E``.
    Value and limits are multiplied by ``multiplier``: 1 for a ratio, 100 for the ratio as a
    percentage (a standardised mortality or admission ratio of 100 means "as expected"). A
    ratio is not a rate, so it takes ``multiplier`` (as ``proportion_ci`` does), not ``per``.

    A band whose population is 0 expects no events, but any events observed in it still count.
    A missing count or reference count (NaN or ``None``) is read as no events in that band, as
    PHEindicatormethods does; the result is missing (NaN) when every count, or every reference
    count, is missing, or when a population or reference population is. The method of
    PHEindicatormethods'
    ``calculate_ISRatio``; Breslow, N. E. and Day, N. E. (1987), *Statistical Methods in Cancer
    Research, volume II*, IARC.

    See [`israte_ci`][safeguarding_model.israte_ci] for the rate; both share one computation.

    Args:
        counts: The area's events in each age band, at least 0; or a 2-D table of areas x
            age bands.
        populations: The area's population in each band, at least 0. Of the counts' shape.
        reference_counts: The reference population's events in each band, at least 0. For a
            table of areas, one row for all or one row per area.
        reference_populations: The reference population in each band, above 0. Likewise.
        multiplier: 1 for a ratio, 100 for a ratio expressed per 100.
        confidence: The level, strictly between 0 and 1 (0.95, 0.998).
        per: Deprecated since version 0.1.0: the old name of ``multiplier``; it warns.

    Returns:
        The interval (floats; for a table of areas, arrays with one value per area), with its
        ``multiplier`` and method
        [`IntervalMethod.BYARS_EXACT`][safeguarding_model.IntervalMethod].

    Raises:
        InvalidInputError: For inputs that are not 1-D or 2-D or not of the same shape, negative or
            infinite counts or populations, reference populations of 0 or less, no expected
            events at all, values that are not numbers (booleans, dates, text), counts or
            populations from 2**53 on, populations that make the expected events or the ratio
            overflow, a multiplier other than 1 or 100, both ``multiplier`` and ``per``, or a
            confidence outside (0, 1). The error's ``field`` names the argument.

    Examples:
        >>> from safeguarding_model.statistics.standardised import isratio_ci
        >>> ratio = isratio_ci([15, 32, 61], [21_000, 48_000, 9_500], [600, 1_500, 2_400], [800_000, 2_000_000, 400_000])
        >>> round(ratio.value, 4), round(ratio.lower, 4), round(ratio.upper, 4)
        (0.9931, 0.8146, 1.199)
        >>> print(isratio_ci([2, 1, 4], [21_000, 48_000, 9_500], [600, 1_500, 2_400], [800_000, 2_000_000, 400_000], multiplier=100))
        6.4 (2.6 to 13.3), 95% Byar's (exact Poisson below 10)

        Many areas in one call, one row each, against one reference:

        >>> areas = isratio_ci([[15, 32, 61], [2, 1, 4]], [[21_000, 48_000, 9_500]] * 2, [600, 1_500, 2_400], [800_000, 2_000_000, 400_000], multiplier=100)
        >>> areas.value.round(1).tolist()
        [99.3, 6.4]
    """
    if per is not None:
        warnings.warn(
            "isratio_ci(per=...) is deprecated since version 0.1.0: a ratio is scaled by "
            "multiplier= (1 or 100); use isratio_ci(..., multiplier=...)",
            DeprecationWarning,
            stacklevel=2,
        )
        if multiplier != 1:
            raise InvalidInputError("per", per, "no per= beside multiplier= (per= is its old name)")
        multiplier = per
    scale = check_multiplier(multiplier)
    columns = (counts, populations, reference_counts, reference_populations)
    return _isr(columns, scale=scale, as_rate=False, confidence=confidence)


def israte_ci(  # noqa: PLR0913 - four age-band columns, then keyword-only options
    counts: npt.ArrayLike,
    populations: npt.ArrayLike,
    reference_counts: npt.ArrayLike,
    reference_populations: npt.ArrayLike,
    *,
    per: float | str | RateBase = OLD_DEFAULT_PER_HUNDRED_THOUSAND,
    confidence: float = 0.95,
) -> Interval[Any]:
    """An indirectly standardised rate and its interval.

    The standardised ratio ``O / E`` (see
    [`isratio_ci`][safeguarding_model.isratio_ci]) times the reference
    population's crude rate, ``Σ reference_counts / Σ reference_populations``, times ``per``:
    the rate the area would have with the reference's age mix. The limits are the count
    interval of ``O`` (exact Poisson below 10 events, Byar's from 10), scaled the same way. The
    method of PHEindicatormethods' ``calculate_ISRate``.

    The four age-band columns are those of [`isratio_ci`][safeguarding_model.isratio_ci], with
    the same shapes and the same rules for missing values.

    Args:
        counts: The area's events in each age band, as for ``isratio_ci``.
        populations: The area's population in each band, as for ``isratio_ci``.
        reference_counts: The reference population's events in each band, as for ``isratio_ci``.
        reference_populations: The reference population in each band, as for ``isratio_ci``.
        per: The rate's base: 100, 1_000, 10_000, 100_000, 1_000_000 or a name. Required: a
            call without it still uses per 100,000 but warns (``DeprecationWarning``).
        confidence: The level, strictly between 0 and 1 (0.95, 0.998).

    Returns:
        The interval (floats; for a table of areas, arrays with one value per area), with
        ``multiplier = per`` and method
        [`IntervalMethod.BYARS_EXACT`][safeguarding_model.IntervalMethod].

    Raises:
        InvalidInputError: For the same inputs as
            [`isratio_ci`][safeguarding_model.isratio_ci], and a base that is not a rate base.

    Examples:
        >>> from safeguarding_model.statistics.standardised import israte_ci
        >>> print(israte_ci([15, 32, 61], [21_000, 48_000, 9_500], [600, 1_500, 2_400], [800_000, 2_000_000, 400_000], per=1_000))
        1.4 (1.1 to 1.7), 95% Byar's (exact Poisson below 10)
    """
    scale = float(parse_per(per, function="israte_ci"))
    columns = (counts, populations, reference_counts, reference_populations)
    return _isr(columns, scale=scale, as_rate=True, confidence=confidence)


def _one_per_area(  # noqa: PLR0913 - an interval's parts
    value: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    *,
    grouped: bool,
    level: float,
    method: IntervalMethod,
    scale: float,
) -> Interval[Any]:
    """The interval of every area (arrays) for a table, of its one area (floats) otherwise."""
    if grouped:
        return Interval(value, lower, upper, confidence=level, method=method, multiplier=scale)
    single = (float(value[0]), float(lower[0]), float(upper[0]))
    return Interval(*single, confidence=level, method=method, multiplier=scale)
