"""Rule V102: a period whose reading was a guess is reported, with where it is and as printed."""

from builders import report_of
from safeguarding_model import AnnualReport, check, load_example
from safeguarding_model.checks import find_rule
from safeguarding_model.findings import Kind, RuleDomain, Severity


def _report(*periods: str, context_period: str = "2016") -> AnnualReport:
    observations = [
        {
            "indicator": "cp",
            "area": "Northshire",
            "period": period,
            "value": {"number": str(100 + number)},
            "provenance": {"source": "minutes.pdf", "line": number + 1},
        }
        for number, period in enumerate(periods)
    ]
    population = {"label": "Child population", "value": {"number": "250000"}}
    return report_of(
        area="Northshire",
        period="2017/18",
        indicators=[{"id": "cp", "name": "Child protection plans", "kind": "count"}],
        observations=observations,
        context=[population | {"period": context_period}],
    )


def test_v102_reports_each_guessed_period_with_the_observation_and_the_text() -> None:
    report = _report("2016 – 17", "2017/18", "201516", "2013 - 15")
    findings = find_rule("V102")(report)
    assert [f.location for f in findings] == [
        "cp / Northshire / 2016/17",
        "cp / Northshire / 2015/16",
    ]
    first, second = findings
    assert (first.code, first.kind, first.severity) == (
        "V102",
        Kind.AMBIGUOUS_VALUE,
        Severity.WARNING,
    )
    assert "the period '2016 – 17' was read as the financial year 2016/17" in first.message
    assert "'calendar years 2016 - 17'" in first.message
    assert "the period '201516' was read as the financial year 2015/16" in second.message
    assert "'academic year 2015/16'" in second.message
    assert [p.line for p in first.provenance] == [1]
    assert [p.line for p in second.provenance] == [3]


def test_v102_reads_periods_outside_the_observations_too() -> None:
    findings = find_rule("V102")(_report(context_period="2014 to 2015"))
    assert [f.location for f in findings] == ["context[0].period"]
    assert "'2014 to 2015'" in findings[0].message


def test_v102_is_quiet_on_unambiguous_periods_and_after_a_file_round_trip_it_stays() -> None:
    assert find_rule("V102")(_report("2016/17", "2016-17", "calendar years 2016 - 17")) == ()
    report = _report("2016 – 17")
    again = AnnualReport.model_validate_json(report.model_dump_json())
    assert [f.message for f in find_rule("V102")(again)] == [
        f.message for f in find_rule("V102")(report)
    ]


def test_v102_is_a_default_values_rule_and_the_example_has_no_guessed_period() -> None:
    rule = find_rule("V102")
    assert rule.domain is RuleDomain.VALUES
    assert rule.name == "ambiguous-period"
    assert check(load_example(), select="V102") == ()
    assert [f.code for f in check(_report("2016 – 17"), select="V")] == ["V102"]
