"""The rule that holds a year's (or a quarter's) figure to its parts' (R110).

An indicator that declares its [`Aggregation`][safeguarding_model.aggregation.Aggregation]
(``total``, ``mean``, ``weighted_mean``, ``period_end``, ``maximum``) says how its figure for a
longer period derives from its figures for the shorter periods within it. Rule R110 takes every
such figure whose parts (a year's quarters or months, a quarter's months, of the same indicator
and area) are all printed, derives it from them, and reports a figure that no numbers rounding
to the printed ones give, naming the rule it does fit, if any. A figure whose parts are printed
only in part is said to be unchecked, with the parts missing; a weighted mean whose parts are
printed without denominators is checked as far as any weighting allows, and said to be so.
[`check`][safeguarding_model.check] runs it with the other rules.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.aggregation_rules import RULES
    >>> [rule.code for rule in RULES]
    ['R110']
    >>> [f.location for f in check(load_example(), rules=RULES)]
    ['assessments-completed-to-timescale / Lancashire / 2015/16', 'repeat-referrals / Lancashire / 2015/16']
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from safeguarding_model._numbers import decimals, half_unit, round_half_up, tidy
from safeguarding_model._report_figures import (
    ROUNDING,
    caveat,
    figure_location,
    linked_figures,
    provenance_of,
    rounding_range,
)
from safeguarding_model.aggregation import Aggregation, derive, derive_range, parts_of
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.indicators import IndicatorDefinition, MeasureKind, Observation, figure_of
from safeguarding_model.periods import Month

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from safeguarding_model.periods import Period
    from safeguarding_model.provenance import Provenance
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = ["RULES"]

_Span = tuple["dt.date", "dt.date"]
_ALTERNATIVES = (
    Aggregation.TOTAL,
    Aggregation.MEAN,
    Aggregation.WEIGHTED_MEAN,
    Aggregation.PERIOD_END,
    Aggregation.MAXIMUM,
)
"""The rules a printed figure is tried against when it does not fit its own, in this order."""
_SHOWN_PLACES = 2
"""Decimal places shown beyond the printed figure's own, in a derived figure."""


def _span(period: Period) -> _Span:
    return (period.start, period.end)


def _range(indicator: IndicatorDefinition, value: Value) -> tuple[Decimal, Decimal] | None:
    """The numbers a printed figure stands for: a count printed whole is exact."""
    number = value.number
    if number is None:
        return None
    exponent = number.as_tuple().exponent
    if indicator.kind is MeasureKind.COUNT and isinstance(exponent, int) and exponent >= 0:
        return number, number
    return rounding_range(value)


class _Parts(NamedTuple):
    """One division of a longer period, with the figure printed for each part (or none)."""

    periods: tuple[Period, ...]
    figures: tuple[Observation | None, ...]

    @property
    def noun(self) -> str:
        return "months" if isinstance(self.periods[0], Month) else "quarters"

    @property
    def complete(self) -> bool:
        return all(f is not None and f.value.number is not None for f in self.figures)

    @property
    def printed(self) -> int:
        return sum(f is not None for f in self.figures)


def _divisions(period: Period, figures: dict[_Span, list[Observation]]) -> list[_Parts]:
    """Each division of ``period`` into parts, with the figure of each part found."""
    found = []
    for periods in parts_of(period):
        chosen = []
        for part in periods:
            candidates = figures.get(_span(part), [])
            chosen.append(figure_of(candidates[0].area, candidates) if candidates else None)
        found.append(_Parts(periods, tuple(chosen)))
    return found


def _shown(number: Decimal, printed: Decimal) -> str:
    """``number`` as a finding shows it: to two places more than the printed figure, tidied."""
    return str(tidy(round_half_up(number, decimals(printed) + _SHOWN_PLACES)))


def _span_text(low: Decimal, high: Decimal, printed: Decimal) -> str:
    if low == high:
        return ""
    return f" ({_shown(low, printed)} to {_shown(high, printed)} allowing for rounding)"


def _phrase(rule: Aggregation, noun: str, parts: _Parts) -> str:
    """The rule in words for these parts: 'the total of the quarters'."""
    if rule is Aggregation.PERIOD_END:
        return f"the value at the end of the period, {parts.periods[-1]}'s"
    if rule is Aggregation.MAXIMUM:
        return f"the largest of the {noun}"
    return rule.description.replace("the parts", f"the {noun}")


class _Check(NamedTuple):
    """A figure for a longer period with its parts, ready to be derived."""

    indicator: IndicatorDefinition
    whole: Observation
    parts: _Parts

    @property
    def members(self) -> list[Observation]:
        return [f for f in self.parts.figures if f is not None]

    def ranges(self) -> list[tuple[Decimal, Decimal]]:
        found = [_range(self.indicator, f.value) for f in self.members]
        return [r for r in found if r is not None]

    def weights(self) -> list[tuple[Decimal, Decimal]] | None:
        """Each part's denominator's range, when every part has one above zero in all."""
        found = []
        for member in self.members:
            over = member.denominator
            if over is None or over.number is None or over.number < 0:
                return None
            exponent = over.number.as_tuple().exponent
            whole = isinstance(exponent, int) and exponent >= 0
            span = (over.number, over.number) if whole else rounding_range(over)
            if span is None:  # pragma: no cover - a number was checked above
                return None
            found.append(span)
        return found if sum((high for _, high in found), Decimal(0)) > 0 else None

    def fits(self, rule: Aggregation) -> tuple[Decimal, Decimal] | None:
        """The range ``rule`` gives when the printed figure fits it, else ``None``."""
        weights = self.weights() if rule is Aggregation.WEIGHTED_MEAN else None
        low, high = derive_range(rule, self.ranges(), weights=weights)
        mine = _range(self.indicator, self.whole.value)
        if mine is None:  # pragma: no cover - only figures with a number are checked
            return None
        return (low, high) if mine[0] <= high and low <= mine[1] else None

    def derived(self, rule: Aggregation) -> Decimal:
        numbers = [f.value.number for f in self.members if f.value.number is not None]
        if rule is not Aggregation.WEIGHTED_MEAN:
            return derive(rule, numbers)
        weights = [f.denominator.number if f.denominator else None for f in self.members]
        pairs = [(n, w) for n, w in zip(numbers, weights, strict=True) if w is not None]
        return derive(rule, pairs)


def _findings(check: _Check) -> list[Finding]:
    """What R110 says of one figure whose parts are all printed."""
    rule = check.indicator.aggregation
    if rule is None or rule is Aggregation.NOT_DERIVABLE:  # pragma: no cover - chosen by caller
        return []
    whole, noun = check.whole, check.parts.noun
    printed = whole.value.number
    if printed is None:  # pragma: no cover - only figures with a number are checked
        return []
    weights = check.weights() if rule is Aggregation.WEIGHTED_MEAN else None
    unweighted = rule is Aggregation.WEIGHTED_MEAN and weights is None
    low, high = derive_range(rule, check.ranges(), weights=weights)
    location, provenance = figure_location(whole), provenance_of(whole, *check.members)
    words = caveat(whole.value, *(m.value for m in check.members))
    fits = check.fits(rule) is not None
    if fits and not unweighted:
        return []
    if unweighted:
        return _unweighted(check, (low, high), fits=fits, words=words, where=(location, provenance))
    computed = check.derived(rule)
    others = [
        other
        for other in _ALTERNATIVES
        if other is not rule
        and not (other is Aggregation.WEIGHTED_MEAN and check.weights() is None)
        and check.fits(other) is not None
    ]
    message = (
        f"printed {whole.value.printed or printed}, declared {_phrase(rule, noun, check.parts)}, "
        f"but the {noun} give {_shown(computed, printed)}{_span_text(low, high, printed)}"
    )
    message += _instead(check, others, noun, printed) or f"; it fits no rule of the {noun}"
    return [
        _finding(
            _severity(check, low, high),
            location,
            message + words,
            provenance=provenance,
            numbers=(
                ("stated", str(printed)),
                ("computed", _shown(computed, printed)),
                ("difference", _shown(printed - computed, printed)),
            ),
        )
    ]


def _severity(check: _Check, low: Decimal, high: Decimal) -> Severity:
    """An error; a warning when a rounded figure is within one unit of its last digit of the range."""
    printed = check.whole.value.number
    mine = _range(check.indicator, check.whole.value)
    if printed is None or mine is None or mine[0] == mine[1]:
        return Severity.ERROR
    gap = low - printed if printed < low else printed - high
    return Severity.WARNING if gap <= 2 * half_unit(printed) else Severity.ERROR


def _finding(
    severity: Severity,
    location: str,
    message: str,
    *,
    provenance: tuple[Provenance, ...],
    numbers: tuple[tuple[str, str], ...],
) -> Finding:
    """An R110 finding."""
    return Finding(
        "R110", Kind.AGGREGATE, severity, location, message, provenance=provenance, numbers=numbers
    )


def _instead(check: _Check, others: Sequence[Aggregation], noun: str, printed: Decimal) -> str:
    """The rules the figure fits instead, with what each gives, as the end of a message."""
    if not others:
        return ""
    fitting = " or ".join(
        f"{_phrase(o, noun, check.parts)} ({_shown(check.derived(o), printed)})" for o in others
    )
    return f"; it is {fitting}"


def _unweighted(
    check: _Check,
    span: tuple[Decimal, Decimal],
    *,
    fits: bool,
    words: str,
    where: tuple[str, tuple[Provenance, ...]],
) -> list[Finding]:
    """A weighted mean whose parts are printed without their denominators."""
    whole, noun = check.whole, check.parts.noun
    (low, high), (location, provenance) = span, where
    printed = whole.value.number
    if printed is None:  # pragma: no cover - only figures with a number are checked
        return []
    mean = check.derived(Aggregation.MEAN)
    plain = check.fits(Aggregation.MEAN)
    shown = whole.value.printed or str(printed)
    if fits:
        relation = "is" if plain is not None else "is not"
        message = (
            f"cannot check exactly: the {noun} are printed without the denominators that weight "
            f"them; {shown} is within their range ({_shown(low, printed)} to "
            f"{_shown(high, printed)}), as a weighted mean of them must be, and {relation} "
            f"their plain mean ({_shown(mean, printed)})"
        )
        return [
            _finding(
                Severity.INFO,
                location,
                message + words,
                provenance=provenance,
                numbers=(("stated", str(printed)), ("mean", _shown(mean, printed))),
            )
        ]
    others = [o for o in _ALTERNATIVES if o is not Aggregation.WEIGHTED_MEAN and check.fits(o)]
    message = (
        f"printed {shown}, declared {_phrase(Aggregation.WEIGHTED_MEAN, noun, check.parts)}, "
        f"but no weighting of the {noun} gives it: they range from {_shown(low, printed)} to "
        f"{_shown(high, printed)}"
    )
    message += _instead(check, others, noun, printed)
    return [
        _finding(
            _severity(check, low, high),
            location,
            message + words,
            provenance=provenance,
            numbers=(("stated", str(printed)),),
        )
    ]


def _missing(indicator: IndicatorDefinition, whole: Observation, parts: _Parts) -> Finding:
    """An info finding: the figure cannot be checked, and which parts are not printed."""
    absent = [str(p) for p, f in zip(parts.periods, parts.figures, strict=True) if f is None]
    empty = [
        f"{p} is printed as {f.value.printed or 'no number'!r} ({f.value.status.value})"
        for p, f in zip(parts.periods, parts.figures, strict=True)
        if f is not None and f.value.number is None
    ]
    said = []
    if absent:
        verb = "is" if len(absent) == 1 else "are"
        said.append(f"{_listed(absent)} {verb} not printed")
    said += empty
    rule = indicator.aggregation or Aggregation.NOT_DERIVABLE
    message = (
        f"cannot check against {_phrase(rule, parts.noun, parts)}: {'; '.join(said)}"
        if rule is not Aggregation.NOT_DERIVABLE
        else f"cannot check: {'; '.join(said)}"  # pragma: no cover - not derivable is not checked
    )
    return _finding(
        Severity.INFO,
        figure_location(whole),
        message,
        provenance=provenance_of(whole, *(f for f in parts.figures if f is not None)),
        numbers=(("stated", str(whole.value.number)),),
    )


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _aggregates(report: AnnualReport) -> list[Finding]:
    declared = {
        i.id: i
        for i in report.indicators
        if i.aggregation is not None and i.aggregation is not Aggregation.NOT_DERIVABLE
    }
    if not declared:
        return []
    series: dict[tuple[str, str], dict[_Span, list[Observation]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for observation, _sources in linked_figures(report):
        if observation.indicator in declared:
            by_span = series[observation.indicator, observation.area]
            by_span[_span(observation.period)].append(observation)
    findings: list[Finding] = []
    for (indicator_id, _area), by_span in series.items():
        indicator = declared[indicator_id]
        for figures in by_span.values():
            seen: set[Decimal] = set()
            for whole in figures:
                number = whole.value.number
                if number is None or number in seen:
                    continue
                seen.add(number)
                findings += _one(indicator, whole, _divisions(whole.period, by_span))
    return findings


def _one(
    indicator: IndicatorDefinition, whole: Observation, divisions: list[_Parts]
) -> list[Finding]:
    """R110's findings for one printed figure and the divisions of its period."""
    complete = next((d for d in divisions if d.complete), None)
    if complete is not None:
        return _findings(_Check(indicator, whole, complete))
    printed = [d for d in divisions if d.printed]
    if not printed:
        return []  # no part printed at all: a figure of a table by year, nothing to check against
    most = max(printed, key=lambda d: d.printed)  # the first (coarsest) of the fullest
    return [_missing(indicator, whole, most)]


def _aggregate_rule(report: AnnualReport) -> list[Finding]:
    """A figure for a longer period that its parts do not give by its indicator's declared rule.

    For an indicator with an ``aggregation`` (total, mean, weighted_mean, period_end, maximum),
    each figure of a year (financial, calendar or academic) or a quarter is derived from the
    indicator's figures of the same area for its quarters, else its months, when every one of
    them is printed. Each printed figure stands for every number that rounds to it (a count
    printed whole is exact), so the parts give a range, and the printed figure must meet it: an
    average of quarters printed rounded is not reported. A figure that does not is an error
    (a warning within one unit of its last digit), naming the rule it does fit, if any. A
    weighted mean is weighted by each part's denominator (printed, or linked by
    ``denominator_ref``); parts without one allow any weighting, and the figure is then said
    (info) to be checked only against their range. Parts not all printed are said (info), with
    those missing: nothing is guessed. Figures not printed as final are checked, with a caveat.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> quarters = [("2015/16 Q1", "10"), ("2015/16 Q2", "14"), ("2015/16 Q3", "11"), ("2015/16 Q4", "13")]
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "plans", "name": "Child protection plans (Quarter End)", "kind": "count", "aggregation": "period_end"}],
        ...     "observations": [{"indicator": "plans", "area": "A", "period": p, "value": {"number": v}} for p, v in [*quarters, ("2015/16", "48")]]})
        >>> for finding in find_rule("R110")(report):
        ...     print(finding.code, finding)
        R110 error [aggregate] plans / A / 2015/16: printed 48, declared the value at the end of the period, 2015/16 Q4's, but the quarters give 13; it is the total of the quarters (48)
    """
    return _aggregates(report)


RULES: tuple[Rule, ...] = (
    Rule(
        "R110",
        "aggregate-vs-parts",
        RuleDomain.INDICATORS_AND_RATES,
        _aggregate_rule,
        None,
        f"{ROUNDING} (a count printed whole is exact); one unit of the last digit for a warning",
    ),
)
"""The rule of figures for longer periods against their parts'."""
