"""Rules that read the populations of a report's indicators and figures (R108, R109).

An indicator's name often prints the age band its rate is over ("Rate per 10,000 children aged
0-17", "per 100,000 of 10-17 population"): it must be the band its ``population`` declares
(R108). A comparator's figure may be over another population than the area's (its
observation's ``population`` says so); a significance stated against such a figure compares
rates over different people (R109). Populations are compared as
[`parse_population`][safeguarding_model.populations.parse_population] reads them: ``'child'``,
``'0-17'`` and ``'under 18s'`` are one.

Examples:
    >>> from safeguarding_model import check, load_example
    >>> from safeguarding_model.population_rules import RULES
    >>> [rule.code for rule in RULES]
    ['R108', 'R109']
    >>> check(load_example(), rules=RULES)
    ()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from safeguarding_model._report_figures import figure_location
from safeguarding_model.errors import brief
from safeguarding_model.findings import Finding, Kind, Rule, RuleDomain, Severity
from safeguarding_model.populations import (
    PopulationKind,
    parse_population,
    population_of,
    printed_age_bands,
)

if TYPE_CHECKING:
    from safeguarding_model.indicators import IndicatorDefinition, Observation
    from safeguarding_model.report import AnnualReport

__all__ = ["RULES"]

_ENGLAND = "England"
"""The comparator a stated significance is against (as in R106)."""


def _label_findings(report: AnnualReport) -> list[Finding]:
    findings = []
    for indicator in report.indicators:
        if indicator.population is None:
            continue
        declared = parse_population(indicator.population)
        if declared.kind is not PopulationKind.AGE_BAND:
            continue  # live births, households, persons or a name: no band to compare
        printed = printed_age_bands(indicator.name)
        if not printed or declared in printed:
            continue
        shown = " and ".join(str(band.ages) for band in printed)
        findings.append(
            Finding(
                "R108",
                Kind.POPULATION_LABEL,
                Severity.ERROR,
                f"indicator {indicator.id}",
                f"the name {brief(indicator.name)} prints the ages {shown}, but the population "
                f"declared is {indicator.population!r} ({declared.label})",
                provenance=() if indicator.provenance is None else (indicator.provenance,),
            )
        )
    return findings


def _comparator_findings(report: AnnualReport) -> list[Finding]:
    indicators: dict[str, IndicatorDefinition] = {i.id: i for i in report.indicators}
    englands: dict[tuple[str, str], list[Observation]] = {}
    for observation in report.observations:
        if observation.area == _ENGLAND:
            key = (observation.indicator, str(observation.period))
            englands.setdefault(key, []).append(observation)
    findings = []
    for observation in report.observations:
        indicator = indicators.get(observation.indicator)
        stated = observation.stated_significance or observation.stated_rag
        if indicator is None or stated is None or observation.area == _ENGLAND:
            continue
        own = population_of(indicator, observation)
        for england in englands.get((observation.indicator, str(observation.period)), ()):
            theirs = population_of(indicator, england)
            if own is None or theirs is None or own == theirs:
                continue
            findings.append(
                Finding(
                    "R109",
                    Kind.POPULATION_LABEL,
                    Severity.WARNING,
                    figure_location(observation),
                    f"states {stated.value!r} against England, but the figure is over "
                    f"{own.label} and England's over {theirs.label}",
                    provenance=tuple(
                        o.provenance for o in (observation, england) if o.provenance is not None
                    ),
                )
            )
            break
    return findings


def _label_rule(report: AnnualReport) -> list[Finding]:
    """An indicator whose name prints an age band other than the population it declares.

    The ages printed in the name ("aged 0-18", "10-17 year olds", "under 18s", "U18") are read
    as [`printed_age_bands`][safeguarding_model.populations.printed_age_bands] reads them; the
    rule is silent when the name prints no band, when one of the bands it prints is the declared
    one, and when the population is not an age band (live births, households, persons, or a
    name of your own).

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "cla", "name": "Rate per 10,000 children aged 0-18", "kind": "rate", "per": 10000, "population": "child"}]})
        >>> for finding in find_rule("R108")(report):
        ...     print(finding.code, finding)
        R108 error [population_label] indicator cla: the name 'Rate per 10,000 children aged 0-18' prints the ages 0-18, but the population declared is 'child' (children aged 0-17)
    """
    return _label_findings(report)


def _comparator_rule(report: AnnualReport) -> list[Finding]:
    """A significance or colour stated against England's figure when the two are over different populations.

    A figure's population is its observation's ``population`` when it states one, else its
    indicator's ([`population_of`][safeguarding_model.populations.population_of]). The rule is
    silent when either has no population.

    Examples:
        >>> from safeguarding_model import AnnualReport
        >>> from safeguarding_model.checks import find_rule
        >>> report = AnnualReport.model_validate({"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}, "period": "2015/16",
        ...     "indicators": [{"id": "cla", "name": "CLA", "kind": "rate", "per": 10000, "population": "child"}],
        ...     "observations": [{"indicator": "cla", "area": "A", "period": "2015/16", "value": {"number": "70"}, "stated_significance": "higher"},
        ...                      {"indicator": "cla", "area": "England", "period": "2015/16", "value": {"number": "60"}, "population": "0-18"}]})
        >>> for finding in find_rule("R109")(report):
        ...     print(finding.code, finding)
        R109 warning [population_label] cla / A / 2015/16: states 'higher' against England, but the figure is over children aged 0-17 and England's over people aged 0-18
    """
    return _comparator_findings(report)


RULES: tuple[Rule, ...] = (
    Rule(
        "R108",
        "population-label",
        RuleDomain.INDICATORS_AND_RATES,
        _label_rule,
        None,
        "none: the ages must be the same",
    ),
    Rule(
        "R109",
        "comparator-population",
        RuleDomain.INDICATORS_AND_RATES,
        _comparator_rule,
        None,
        "none: the populations must be the same",
    ),
)
"""The rules of a report's populations: printed labels (R108) and comparators' populations (R109)."""
