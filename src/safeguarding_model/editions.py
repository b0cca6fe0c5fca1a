"""Two editions of a report compared: restated figures, changed indicators, figures dropped (E).

A partnership's report for 2016/17 prints again many figures of its report for 2015/16, and
sometimes prints them differently: a count of 1,344 becomes 1,334, a rate per 1,000 becomes a
rate per 10,000, an indicator is renamed or left out. [`check`][safeguarding_model.check] reads
one report and cannot see that; [`compare_reports`][safeguarding_model.editions.compare_reports]
reads two editions and reports each change as a
[`Finding`][safeguarding_model.findings.Finding] with an ``E`` code, naming both editions and
carrying where each figure is printed in each.

How figures are matched:

- Indicators are matched by ``id``: an indicator whose id changed between editions is matched
  only when ``renamed`` maps its earlier id to its later one (otherwise it is an indicator that
  disappeared, E302, and the message names a later indicator of the same name, if any).
- Figures are matched by indicator, area (the area's name, exactly) and period. A month printed
  as a column of counts ("March 2024") and the day it ends ("31 March 2024") are one place: one
  edition's table header may print the month where the next prints the date. Where an edition
  prints one figure more than once, its first printed number stands for it (``check``'s R107
  reports the repeats within an edition).
- Figures are compared as printed: the number, to its last printed digit, and its status. The
  cell's text, unit and note are not compared: ``1,344`` and ``1344`` are one figure.

[`series_across_editions`][safeguarding_model.editions.series_across_editions] builds one
[`IndicatorSeries`][safeguarding_model.IndicatorSeries] from several editions, the latest edition's
figure standing for each period.

Examples:
    >>> from safeguarding_model import FinancialYear, compare_reports, load_example, parse_value
    >>> earlier = load_example()
    >>> restated = [o.model_copy(update={"value": parse_value("1,453")}) if o.id == "children-subject-to-cpp-2016-03-31" else o for o in earlier.observations]
    >>> later = earlier.model_copy(update={"id": "lancashire-2015-16-revised", "observations": tuple(restated)})
    >>> [(f.code, f.number("earlier"), f.number("later"), f.difference) for f in compare_reports(earlier, later)]
    [('E101', '1443', '1453', '10')]
    >>> compare_reports(earlier, earlier)
    ()
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final, NamedTuple

from safeguarding_model._report_figures import rounding_range
from safeguarding_model.errors import InvalidInputError, UnknownIdError, brief
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity, select_rules
from safeguarding_model.indicators import IndicatorSeries, figure_of
from safeguarding_model.periods import Month
from safeguarding_model.provenance import Provenance
from safeguarding_model.values import ValueStatus

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from safeguarding_model.indicators import IndicatorDefinition, Observation
    from safeguarding_model.periods import Period
    from safeguarding_model.report import AnnualReport
    from safeguarding_model.values import Value

__all__ = ["RULES", "compare_reports", "series_across_editions"]

_ORDER: Final = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_SHOWN: Final = 60
"""How many characters of a label or a cell a message shows."""

_Key = tuple[str, str, "Period"]
"""A figure's place: the indicator's id (as the later edition names it), the area, the period."""


class _Editions(NamedTuple):
    """What the edition rules read: two editions and the earlier ids of renamed indicators."""

    earlier: AnnualReport
    later: AnnualReport
    renamed: Mapping[str, str]
    """Earlier id to later id, for every indicator whose id changed."""
    earlier_figures: Mapping[_Key, Observation]
    """The earlier edition's figure of each place, its indicator named by its later id."""
    later_figures: Mapping[_Key, Observation]
    """The later edition's figure of each place."""

    def later_id(self, earlier_id: str) -> str:
        """The id the later edition gives an earlier indicator."""
        return self.renamed.get(earlier_id, earlier_id)


# --- the public functions -------------------------------------------------------------------


def compare_reports(
    earlier: AnnualReport,
    later: AnnualReport,
    *,
    renamed: Mapping[str, str] | None = None,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
) -> tuple[Finding, ...]:
    """Every change between two editions of a report: restated figures, changed indicators, figures dropped.

    The rules (their codes are ``E`` and three digits; see the [rules page](../reference/rules.md)):

    | code | what changed | severity |
    | --- | --- | --- |
    | E101 | a figure's number | error; a warning when the earlier figure was not final |
    | E102 | a figure's precision only ("1,344" and "1,344.3") | info |
    | E103 | a figure's status only ("1400 (tbc)" and "1400") | info; a warning when the later edition no longer gives a number |
    | E201 | an indicator's name | info |
    | E202 | an indicator's base: ``per`` or ``population`` | warning |
    | E203 | an indicator's kind, polarity, ``shares_of`` or source | warning; info for the source |
    | E301 | a figure the later edition no longer prints | warning; info when the earlier printed no number |
    | E302 | an indicator the later edition no longer defines | warning |

    A restated figure is an error: the two editions print different numbers for one thing, so a
    reader of one of them was told a figure that was later changed, and the later edition does
    not say so in its figures. A provisional, estimated or under-review figure is expected to be
    revised, so its restatement is a warning.

    A figure disappeared (E301) when the later edition still defines its indicator, prints no
    figure of that indicator for its area and period, yet prints figures of that period for other
    indicators or areas: the later edition covers the period, but not that figure. Figures of
    periods the later edition does not print at all (older years that dropped out of its tables)
    are not reported.

    When an indicator's ``per`` changed (per 1,000 to per 10,000) its figures are compared after
    converting the earlier ones to the later base; when its kind or population changed they are
    not compared (the E202 or E203 finding says so).

    Args:
        earlier: The earlier edition, as printed.
        later: The later edition, as printed: for the same period or a later one.
        renamed: For indicators whose id changed: the earlier id mapped to the later one.
        select: Codes or code prefixes of the rules to run (``"E1"`` for the figures only), as
            [`check`][safeguarding_model.check] takes them; ``None`` runs them all.
        ignore: Codes or code prefixes of rules not to run, after ``select``.

    Returns:
        The findings, sorted by severity, kind, then location, as ``check`` sorts them; empty
        when the later edition prints every figure of the earlier one as it was printed.

    Raises:
        InvalidInputError: For a later edition whose period is before the earlier one's (the
            reports given in the wrong order), a ``renamed`` id that is not an indicator's id in
            its edition or a later id given twice, or a code in ``select`` or ``ignore`` that is
            not a capital letter and up to three digits.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example
        >>> earlier = load_example()
        >>> kept = [i for i in earlier.indicators if i.id != "infant-mortality"]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "indicators": tuple(kept), "observations": tuple(o for o in earlier.observations if o.indicator != "infant-mortality")})
        >>> for finding in compare_reports(earlier, later):
        ...     print(finding.code, finding)  # doctest: +ELLIPSIS
        E302 warning [disappeared] infant-mortality: the earlier edition (lancashire-2015-16, 2015/16) defines 'Infant mortality (Rate per 1,000 live births)' with 3 figures; the later edition (lancashire-2016-17, 2016/17) does not define it
    """
    pair = _editions(earlier, later, renamed)
    findings: list[Finding] = []
    for rule in select_rules(RULES, select=select, ignore=ignore):
        findings += rule(pair)
    return tuple(sorted(findings, key=lambda f: (_ORDER[f.severity], str(f.kind), f.location)))


def series_across_editions(
    reports: Iterable[AnnualReport], indicator: str, area: str | None = None
) -> IndicatorSeries:
    """One indicator's series from several editions, the latest edition's figure for each period.

    Editions are taken in order of their period, and editions for one period in the order given:
    for each area and period, the figures of the last edition that prints any stand, and the
    others are dropped. Every figure keeps its provenance, with ``source`` set to its edition's
    report id where it was empty. The definition is the latest edition's.

    Args:
        reports: The editions, in any order.
        indicator: The indicator's id, as the editions name it.
        area: The area the series is about; the latest edition's area when ``None``.

    Returns:
        The series of the area, with its comparators, in period order.

    Raises:
        InvalidInputError: For no editions, or an edition that defines the indicator with another
            kind, base or population than the latest one (its figures would not be comparable).
        UnknownIdError: For an indicator no edition defines.

    Examples:
        >>> from safeguarding_model import FinancialYear, load_example, parse_value, series_across_editions
        >>> earlier = load_example()
        >>> revised = [o.model_copy(update={"value": parse_value("1,453")}) if o.id == "children-subject-to-cpp-2016-03-31" else o for o in earlier.observations]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "observations": tuple(revised)})
        >>> cpp = series_across_editions([later, earlier], "children-subject-to-cpp")
        >>> [(str(o.period), o.value.number, o.provenance.source) for o in cpp.own()]
        [('31 March 2015', Decimal('956'), 'lancashire-2016-17'), ('31 March 2016', Decimal('1453'), 'lancashire-2016-17')]
    """
    editions = sorted(enumerate(reports), key=lambda item: (item[1].period, item[0]))
    if not editions:
        raise InvalidInputError("reports", [], "at least one edition of a report")
    defining = [report for _, report in editions if _defines(report, indicator)]
    if not defining:
        known = sorted({i.id for _, report in editions for i in report.indicators})
        expected = f"the id of an indicator one of the editions defines ({len(known)} ids)"
        raise UnknownIdError("indicator", indicator, expected)
    latest = defining[-1]
    definition = latest.indicator(indicator)
    for report in defining[:-1]:
        _check_comparable(report, definition, latest)
    chosen: dict[tuple[str, Period], list[Observation]] = {}
    for report in defining:
        printed: dict[tuple[str, Period], list[Observation]] = {}
        for observation in report.series(indicator).observations:
            printed.setdefault((observation.area, _place(observation.period)), []).append(
                _with_source(observation, report.id)
            )
        chosen.update(printed)  # a later edition's figures replace the earlier's, place by place
    observations = sorted((o for found in chosen.values() for o in found), key=lambda o: o.period)
    return IndicatorSeries(
        indicator=definition, area=area or latest.area.name, observations=tuple(observations)
    )


# --- shared helpers -------------------------------------------------------------------------


def _editions(
    earlier: AnnualReport, later: AnnualReport, renamed: Mapping[str, str] | None
) -> _Editions:
    if later.period < earlier.period:
        expected = (
            f"an edition for {earlier.period} or a later year (the earlier edition "
            f"{_short(earlier.id)!r} is for {earlier.period}): give the older report first"
        )
        raise InvalidInputError("later", later.id, expected)
    mapping = dict(renamed or {})
    earlier_ids = {i.id for i in earlier.indicators}
    later_ids = {i.id for i in later.indicators}
    seen: set[str] = set()
    for old, new in mapping.items():
        if old not in earlier_ids:
            raise InvalidInputError("renamed", old, "the id of an indicator of the earlier edition")
        if new not in later_ids:
            raise InvalidInputError(
                f"renamed[{brief(old)}]", new, "the id of an indicator of the later edition"
            )
        if new in seen:
            raise InvalidInputError(
                f"renamed[{brief(old)}]", new, "a later id that no other earlier id is mapped to"
            )
        seen.add(new)
    changed = {old: new for old, new in mapping.items() if old != new}
    return _Editions(earlier, later, changed, _figures(earlier, changed), _figures(later, {}))


def _defines(report: AnnualReport, indicator: str) -> bool:
    return any(i.id == indicator for i in report.indicators)


def _check_comparable(
    report: AnnualReport, definition: IndicatorDefinition, latest: AnnualReport
) -> None:
    mine = report.indicator(definition.id)
    if (mine.kind, mine.per, mine.population) != (
        definition.kind,
        definition.per,
        definition.population,
    ):
        expected = (
            f"editions that define {_short(definition.id)!r} as the latest edition "
            f"({_short(latest.id)!r}) does: {_base(definition)}; this one has {_base(mine)}"
        )
        raise InvalidInputError("reports", report.id, expected)


def _base(indicator: IndicatorDefinition) -> str:
    if indicator.per is None:
        return f"a {indicator.kind.value}"
    population = indicator.population or "no population"
    return f"a {indicator.kind.value} per {indicator.per.value:,} {population}"


def _with_source(observation: Observation, source: str) -> Observation:
    """``observation``, with a provenance naming ``source`` where it names no document."""
    provenance = _provenance(observation, source)
    if provenance == observation.provenance:
        return observation
    return observation.model_copy(update={"provenance": provenance})


def _provenance(observation: Observation, source: str) -> Provenance:
    if observation.provenance is None:
        return Provenance(source=source)
    if observation.provenance.source is None:
        return observation.provenance.model_copy(update={"source": source})
    return observation.provenance


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "…"


def _edition(report: AnnualReport) -> str:
    return f"({_short(report.id)}, {report.period})"


def _both(pair: _Editions) -> str:
    return f"the earlier edition {_edition(pair.earlier)}, the later {_edition(pair.later)}"


def _cell(value: Value) -> str:
    """A figure as a message shows it: the cell as printed (or its number), and its status."""
    if value.printed is not None:
        text = brief(value.printed)
    elif value.number is not None:
        text = str(value.number)
    else:
        return f"no figure ({_status(value.status)})"
    return text if value.status is ValueStatus.FINAL else f"{text} ({_status(value.status)})"


def _status(status: ValueStatus) -> str:
    return status.value.replace("_", " ")


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _figures(report: AnnualReport, renamed: Mapping[str, str]) -> dict[_Key, Observation]:
    """Each place's figure: its first printed number, else its first observation."""
    figures: dict[_Key, Observation] = {}
    repeated: dict[_Key, list[Observation]] = {}
    for observation in report.observations:
        indicator = renamed.get(observation.indicator, observation.indicator)
        key = (indicator, observation.area, _place(observation.period))
        first = figures.setdefault(key, observation)
        if first is not observation:
            repeated.setdefault(key, [first]).append(observation)
    for key, found in repeated.items():
        figures[key] = figure_of(key[1], found) or found[0]
    return figures


def _place(period: Period) -> Period:
    """The period a figure is matched by: a month stands for the day it ends."""
    return period.end_point if isinstance(period, Month) else period


def _location(key: _Key, printed: Observation) -> str:
    """Where a figure is, with its period as the edition named (``printed``) prints it."""
    indicator, area, _place = key
    return f"{indicator} / {_short(area)} / {printed.period}"


def _scale(earlier: IndicatorDefinition, later: IndicatorDefinition) -> Decimal | None:
    """What an earlier figure is multiplied by to be on the later base; ``None``: not comparable."""
    if earlier.kind is not later.kind or earlier.population != later.population:
        return None
    if earlier.per is None or later.per is None or earlier.per is later.per:
        return Decimal(1)
    return Decimal(later.per.value) / Decimal(earlier.per.value)


def _matched(pair: _Editions) -> Iterator[tuple[IndicatorDefinition, IndicatorDefinition]]:
    """Each earlier indicator with its later self, for those the later edition defines."""
    later = {i.id: i for i in pair.later.indicators}
    for indicator in pair.earlier.indicators:
        found = later.get(pair.later_id(indicator.id))
        if found is not None:
            yield indicator, found


# --- figures: E1 ----------------------------------------------------------------------------


class _Change(NamedTuple):
    """An earlier figure and its later self, of one place."""

    key: _Key
    earlier: Observation
    later: Observation
    scale: Decimal


def _changes(pair: _Editions) -> Iterator[_Change]:
    """Each place both editions print, whose indicator is comparable between them."""
    scales = {later.id: _scale(earlier, later) for earlier, later in _matched(pair)}
    for key, earlier in pair.earlier_figures.items():
        later = pair.later_figures.get(key)
        scale = scales.get(key[0])
        if later is not None and scale is not None:
            yield _Change(key, earlier, later, scale)


def _figure_finding(  # noqa: PLR0913 - the rule, the change, then the message and numbers
    code: str,
    severity: Severity,
    change: _Change,
    pair: _Editions,
    *,
    what: str,
    then: str,
    numbers: Iterable[tuple[str, str]],
) -> Finding:
    """A figure rule's finding: ``what`` happened between the editions, each one's cell, ``then``."""
    before, after = change.earlier.value, change.later.value
    return Finding(
        code,
        Kind.RESTATED_FIGURE,
        severity,
        _location(change.key, change.later),
        f"{what} between editions: the earlier edition {_edition(pair.earlier)} printed "
        f"{_cell(before)}, the later {_edition(pair.later)} prints {_cell(after)}{then}",
        provenance=(
            _provenance(change.earlier, pair.earlier.id),
            _provenance(change.later, pair.later.id),
        ),
        numbers=numbers,
    )


def _restated(change: _Change) -> bool | None:
    """Whether the later number restates the earlier: ``None`` when either has no number.

    ``False`` for the same number, to its last digit, or, across a change of base, for numbers
    whose rounding ranges meet after conversion; also ``False`` for a change of precision only
    (see ``_precision_only``).
    """
    before, after = change.earlier.value.number, change.later.value.number
    if before is None or after is None:
        return None
    if change.scale != 1:
        low, high = rounding_range(change.earlier.value) or (before, before)
        later_low, later_high = rounding_range(change.later.value) or (after, after)
        return low * change.scale > later_high or high * change.scale < later_low
    if before == after and _decimals(before) == _decimals(after):
        return False
    return not _precision_only(change.earlier.value, change.later.value)


def _precision_only(earlier: Value, later: Value) -> bool:
    """Whether one number is the other printed with more digits: it rounds to the other."""
    before, after = earlier.number, later.number
    if before is None or after is None or _decimals(before) == _decimals(after):
        return False
    coarse, fine = (earlier, after) if _decimals(after) > _decimals(before) else (later, before)
    low, high = rounding_range(coarse) or (fine, fine)
    return low <= fine <= high


def _restated_rule(pair: _Editions) -> Iterator[Finding]:
    """A figure printed with another number by the later edition.

    An error: one of the two editions printed a number that the other changed. A warning when
    the earlier figure was provisional, estimated or under review, which are printed to be
    revised. A change of precision only is E102. When the indicator's ``per`` changed, the earlier
    figure is converted to the later base and restated only if it no longer rounds to the later.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example, parse_value
        >>> earlier = load_example()
        >>> restated = [o.model_copy(update={"value": parse_value("1,453")}) if o.id == "children-subject-to-cpp-2016-03-31" else o for o in earlier.observations]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "observations": tuple(restated)})
        >>> for finding in compare_reports(earlier, later, select="E101"):
        ...     print(finding.code, finding)
        E101 error [restated_figure] children-subject-to-cpp / Lancashire / 31 March 2016: restated between editions: the earlier edition (lancashire-2015-16, 2015/16) printed '1,443', the later (lancashire-2016-17, 2016/17) prints '1,453', a change of 10
    """
    for change in _changes(pair):
        before, after = change.earlier.value, change.later.value
        if before.number is None or after.number is None or not _restated(change):
            continue
        converted = before.number * change.scale
        difference = after.number - converted
        base = ""
        numbers = [("earlier", str(before.number)), ("later", str(after.number))]
        if change.scale != 1:
            base = f" ({_cell(before)} is {converted.normalize():f} on the later edition's base)"
            numbers.append(("computed", f"{converted.normalize():f}"))
        numbers.append(("difference", f"{difference.normalize():f}"))
        revisable = before.status is not ValueStatus.FINAL
        yield _figure_finding(
            "E101",
            Severity.WARNING if revisable else Severity.ERROR,
            change,
            pair,
            what="restated",
            then=f", a change of {difference.normalize():f}{base}",
            numbers=numbers,
        )


def _precision_rule(pair: _Editions) -> Iterator[Finding]:
    """A figure printed with more or fewer digits by the later edition, rounding to the other.

    Information: "1,344" and "1,344.3" print one figure, once more precisely. Also "59" and
    "59.0": a figure's printed digits are part of it.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example, parse_value
        >>> earlier = load_example()
        >>> finer = [o.model_copy(update={"value": parse_value("1,443.2")}) if o.id == "children-subject-to-cpp-2016-03-31" else o for o in earlier.observations]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "observations": tuple(finer)})
        >>> for finding in compare_reports(earlier, later, select="E102"):
        ...     print(finding.code, finding)
        E102 info [restated_figure] children-subject-to-cpp / Lancashire / 31 March 2016: printed with more digits between editions: the earlier edition (lancashire-2015-16, 2015/16) printed '1,443', the later (lancashire-2016-17, 2016/17) prints '1,443.2', which rounds to it
    """
    for change in _changes(pair):
        before, after = change.earlier.value, change.later.value
        if before.number is None or after.number is None or change.scale != 1:
            continue
        if not _precision_only(before, after):
            continue
        finer = _decimals(after.number) > _decimals(before.number)
        how = "more" if finer else "fewer"
        rounds = "which rounds to it" if finer else "to which it rounds"
        yield _figure_finding(
            "E102",
            Severity.INFO,
            change,
            pair,
            what=f"printed with {how} digits",
            then=f", {rounds}",
            numbers=(
                ("earlier", str(before.number)),
                ("later", str(after.number)),
                ("difference", f"{(after.number - before.number).normalize():f}"),
            ),
        )


def _status_rule(pair: _Editions) -> Iterator[Finding]:
    """A figure printed with another status by the later edition, and no other number.

    Information: a provisional figure confirmed, a missing one filled in. A warning when the
    later edition no longer gives a number the earlier one printed (now missing, suppressed,
    under review). A figure whose number changed as well is E101's.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example, parse_value
        >>> earlier = load_example()
        >>> withdrawn = [o.model_copy(update={"value": parse_value("[c]")}) if o.id == "children-subject-to-cpp-2016-03-31" else o for o in earlier.observations]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "observations": tuple(withdrawn)})
        >>> for finding in compare_reports(earlier, later, select="E103"):
        ...     print(finding.code, finding)
        E103 warning [restated_figure] children-subject-to-cpp / Lancashire / 31 March 2016: status changed between editions: the earlier edition (lancashire-2015-16, 2015/16) printed '1,443', the later (lancashire-2016-17, 2016/17) prints '[c]' (suppressed), with no number
    """
    for change in _changes(pair):
        before, after = change.earlier.value, change.later.value
        if before.status is after.status or _restated(change):
            continue
        withdrawn = before.number is not None and after.number is None
        numbers = [
            (role, str(value.number))
            for role, value in (("earlier", before), ("later", after))
            if value.number is not None
        ]
        yield _figure_finding(
            "E103",
            Severity.WARNING if withdrawn else Severity.INFO,
            change,
            pair,
            what="status changed",
            then=", with no number" if withdrawn else "",
            numbers=numbers,
        )


# --- indicators: E2 -------------------------------------------------------------------------


def _indicator_location(earlier: IndicatorDefinition, later: IndicatorDefinition) -> str:
    if earlier.id == later.id:
        return later.id
    return f"{later.id} (was {earlier.id})"


def _editions_provenance(pair: _Editions) -> tuple[Provenance, Provenance]:
    return Provenance(source=pair.earlier.id), Provenance(source=pair.later.id)


def _indicator_provenance(
    pair: _Editions, earlier: IndicatorDefinition, later: IndicatorDefinition
) -> tuple[Provenance, Provenance]:
    """Where each edition prints the indicator: its row when encoded, else the edition itself."""
    return _placed(earlier, pair.earlier.id), _placed(later, pair.later.id)


def _placed(indicator: IndicatorDefinition, source: str) -> Provenance:
    if indicator.provenance is None:
        return Provenance(source=source)
    return indicator.provenance.model_copy(update={"source": indicator.provenance.source or source})


def _relabelled_rule(pair: _Editions) -> Iterator[Finding]:
    """An indicator printed under another name by the later edition.

    Information: names are compared with runs of spaces made one, and nothing else.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example
        >>> earlier = load_example()
        >>> renamed = [i.model_copy(update={"name": "Infant deaths per 1,000 live births"}) if i.id == "infant-mortality" else i for i in earlier.indicators]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "indicators": tuple(renamed)})
        >>> for finding in compare_reports(earlier, later, select="E201"):
        ...     print(finding.code, finding)
        E201 info [changed_indicator] infant-mortality: relabelled between editions: 'Infant mortality (Rate per 1,000 live births)' in the earlier edition (lancashire-2015-16, 2015/16), 'Infant deaths per 1,000 live births' in the later (lancashire-2016-17, 2016/17)
    """
    for earlier, later in _matched(pair):
        if " ".join(earlier.name.split()) == " ".join(later.name.split()):
            continue
        yield Finding(
            "E201",
            Kind.CHANGED_INDICATOR,
            Severity.INFO,
            _indicator_location(earlier, later),
            f"relabelled between editions: {brief(earlier.name)} in the earlier edition "
            f"{_edition(pair.earlier)}, {brief(later.name)} in the later {_edition(pair.later)}",
            provenance=_indicator_provenance(pair, earlier, later),
        )


def _base_rule(pair: _Editions) -> Iterator[Finding]:
    """An indicator's base changed by the later edition: its ``per`` or its population.

    A warning. After a change of ``per`` (per 1,000 to per 10,000) the figures are compared on the
    later base; after a change of population (children to live births) they are not compared.

    Examples:
        >>> from safeguarding_model import FinancialYear, RateBase, compare_reports, load_example
        >>> earlier = load_example()
        >>> rebased = [i.model_copy(update={"per": RateBase.PER_TEN_THOUSAND}) if i.id == "infant-mortality" else i for i in earlier.indicators]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "indicators": tuple(rebased)})
        >>> for finding in compare_reports(earlier, later, select="E2"):
        ...     print(finding.code, finding)
        E202 warning [changed_indicator] infant-mortality / per: base changed between editions: per 1,000 in the earlier edition (lancashire-2015-16, 2015/16), per 10,000 in the later (lancashire-2016-17, 2016/17); the earlier figures are compared on the later base
    """
    for earlier, later in _matched(pair):
        where = _indicator_location(earlier, later)
        if earlier.per is not None and later.per is not None and earlier.per is not later.per:
            yield Finding(
                "E202",
                Kind.CHANGED_INDICATOR,
                Severity.WARNING,
                f"{where} / per",
                f"base changed between editions: per {earlier.per.value:,} in the earlier "
                f"edition {_edition(pair.earlier)}, per {later.per.value:,} in the later "
                f"{_edition(pair.later)}"
                + (
                    "; the earlier figures are compared on the later base"
                    if _scale(earlier, later) is not None
                    else ""
                ),
                provenance=_indicator_provenance(pair, earlier, later),
                numbers=(("earlier", str(earlier.per.value)), ("later", str(later.per.value))),
            )
        if earlier.population != later.population:
            yield Finding(
                "E202",
                Kind.CHANGED_INDICATOR,
                Severity.WARNING,
                f"{where} / population",
                f"population changed between editions: {_words(earlier.population)} in the "
                f"earlier edition {_edition(pair.earlier)}, {_words(later.population)} in the "
                f"later {_edition(pair.later)}; the figures of the two are not compared",
                provenance=_indicator_provenance(pair, earlier, later),
            )


def _words(value: object) -> str:
    return "none" if value is None else brief(str(value))


_DEFINITION_FIELDS: Final = ("kind", "polarity", "shares_of", "source")


def _definition_rule(pair: _Editions) -> Iterator[Finding]:
    """An indicator's definition changed by the later edition: its kind, polarity, whole or source.

    A warning for the kind (its figures are then not compared), the polarity (which way is better)
    and ``shares_of`` (the whole its shares add up to); information for the source, whose name
    often carries the year of its release. The group and table number it is printed under are not
    compared.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example
        >>> earlier = load_example()
        >>> flipped = [i.model_copy(update={"polarity": "higher_is_better"}) if i.id == "infant-mortality" else i for i in earlier.indicators]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "indicators": tuple(flipped)})
        >>> for finding in compare_reports(earlier, later, select="E203"):
        ...     print(finding.code, finding)
        E203 warning [changed_indicator] infant-mortality / polarity: polarity changed between editions: 'lower_is_better' in the earlier edition (lancashire-2015-16, 2015/16), 'higher_is_better' in the later (lancashire-2016-17, 2016/17)
    """
    for earlier, later in _matched(pair):
        for name in _DEFINITION_FIELDS:
            before, after = getattr(earlier, name), getattr(later, name)
            if before == after:
                continue
            note = "; the figures of the two are not compared" if name == "kind" else ""
            yield Finding(
                "E203",
                Kind.CHANGED_INDICATOR,
                Severity.INFO if name == "source" else Severity.WARNING,
                f"{_indicator_location(earlier, later)} / {name}",
                f"{name.replace('_', ' ')} changed between editions: {_words(before)} in the "
                f"earlier edition {_edition(pair.earlier)}, {_words(after)} in the later "
                f"{_edition(pair.later)}{note}",
                provenance=_indicator_provenance(pair, earlier, later),
            )


# --- what disappeared: E3 -------------------------------------------------------------------


def _disappeared_figure_rule(pair: _Editions) -> Iterator[Finding]:
    """A figure of the earlier edition that the later one no longer prints, though it prints its period.

    A warning (information when the earlier edition printed no number either): the later edition
    still defines the indicator and prints figures of that period for other indicators or areas,
    but none of the indicator for that area and period.

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example
        >>> earlier = load_example()
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "observations": tuple(o for o in earlier.observations if o.id != "children-subject-to-cpp-2016-03-31")})
        >>> for finding in compare_reports(earlier, later, select="E301"):
        ...     print(finding.code, finding)
        E301 warning [disappeared] children-subject-to-cpp / Lancashire / 31 March 2016: printed by the earlier edition (lancashire-2015-16, 2015/16) as '1,443', not by the later (lancashire-2016-17, 2016/17), which prints other figures of 31 March 2016
    """
    later_ids = {i.id for i in pair.later.indicators}
    periods = {period for _indicator, _area, period in pair.later_figures}
    for key, earlier in pair.earlier_figures.items():
        indicator, _area, period = key
        if key in pair.later_figures or indicator not in later_ids or period not in periods:
            continue
        value = earlier.value
        yield Finding(
            "E301",
            Kind.DISAPPEARED,
            Severity.WARNING if value.number is not None else Severity.INFO,
            _location(key, earlier),
            f"printed by the earlier edition {_edition(pair.earlier)} as {_cell(value)}, not by "
            f"the later {_edition(pair.later)}, which prints other figures of {period}",
            provenance=(_provenance(earlier, pair.earlier.id),),
            numbers=() if value.number is None else (("earlier", str(value.number)),),
        )


def _disappeared_indicator_rule(pair: _Editions) -> Iterator[Finding]:
    """An indicator of the earlier edition that the later one no longer defines.

    A warning. Indicators are matched by id: when the later edition has an indicator of the same
    name under another id, the message names it (pass ``renamed`` to match the two).

    Examples:
        >>> from safeguarding_model import FinancialYear, compare_reports, load_example
        >>> earlier = load_example()
        >>> kept = [i for i in earlier.indicators if i.id != "infant-mortality"]
        >>> later = earlier.model_copy(update={"id": "lancashire-2016-17", "period": FinancialYear(2016), "indicators": tuple(kept), "observations": tuple(o for o in earlier.observations if o.indicator != "infant-mortality")})
        >>> for finding in compare_reports(earlier, later, select="E302"):
        ...     print(finding.code, finding)
        E302 warning [disappeared] infant-mortality: the earlier edition (lancashire-2015-16, 2015/16) defines 'Infant mortality (Rate per 1,000 live births)' with 3 figures; the later edition (lancashire-2016-17, 2016/17) does not define it
    """
    later_ids = {i.id for i in pair.later.indicators}
    matched = {pair.later_id(i.id) for i in pair.earlier.indicators}
    unmatched = {
        " ".join(i.name.split()).casefold(): i.id
        for i in pair.later.indicators
        if i.id not in matched
    }
    counts: dict[str, int] = {}
    for observation in pair.earlier.observations:
        counts[observation.indicator] = counts.get(observation.indicator, 0) + 1
    for indicator in pair.earlier.indicators:
        if pair.later_id(indicator.id) in later_ids:
            continue
        hint = ""
        namesake = unmatched.get(" ".join(indicator.name.split()).casefold())
        if namesake is not None:
            hint = (
                f"; it defines {_short(namesake)!r} of the same name: if that is this indicator, "
                f"match them with renamed={{{_short(indicator.id)!r}: {_short(namesake)!r}}}"
            )
        figures = counts.get(indicator.id, 0)
        yield Finding(
            "E302",
            Kind.DISAPPEARED,
            Severity.WARNING,
            indicator.id,
            f"the earlier edition {_edition(pair.earlier)} defines {brief(indicator.name)} with "
            f"{figures} figure{'' if figures == 1 else 's'}; the later edition "
            f"{_edition(pair.later)} does not define it{hint}",
            provenance=_editions_provenance(pair),
        )


_TOLERANCE = "none: the number to its last printed digit, and its status"

RULES: tuple[Rule, ...] = (
    Rule("E101", "restated-figure", RuleDomain.EDITIONS, _restated_rule, tolerance=_TOLERANCE),
    Rule("E102", "restated-precision", RuleDomain.EDITIONS, _precision_rule),
    Rule("E103", "restated-status", RuleDomain.EDITIONS, _status_rule),
    Rule("E201", "relabelled-indicator", RuleDomain.EDITIONS, _relabelled_rule),
    Rule("E202", "changed-base", RuleDomain.EDITIONS, _base_rule),
    Rule("E203", "changed-definition", RuleDomain.EDITIONS, _definition_rule),
    Rule("E301", "disappeared-figure", RuleDomain.EDITIONS, _disappeared_figure_rule),
    Rule("E302", "disappeared-indicator", RuleDomain.EDITIONS, _disappeared_indicator_rule),
)
"""The edition rules, in code order: [`compare_reports`][safeguarding_model.editions.compare_reports] runs them on two editions (never [`check`][safeguarding_model.check], which reads one)."""
