"""The rules behind `check`: codes, the registry, select and ignore, a rule of a user's own.

The rules page, docs/reference/rules.md, is generated from the registry: each rule's code, name,
what it checks and its tolerance, and its failing example, which is the rule's own docstring
example (run by the doctests). Rewrite the page after changing a rule with
``UPDATE_RULES_PAGE=1 .venv/bin/pytest tests/test_rules.py``.
"""

from __future__ import annotations

import doctest
import inspect
import os
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import pytest

from safeguarding_model import AnnualReport, check, load_example
from safeguarding_model._jsonable import to_jsonable
from safeguarding_model.checks import CheckFinding, CheckKind, default_rules, find_rule
from safeguarding_model.editions import RULES as EDITION_RULES
from safeguarding_model.errors import InvalidInputError, UnknownIdError
from safeguarding_model.findings import (
    Finding,
    FindingNumber,
    Kind,
    NumberRole,
    Rule,
    RuleDomain,
    Severity,
    select_rules,
)
from safeguarding_model.official_rules import RULES as OFFICIAL_RULES

if TYPE_CHECKING:
    from collections.abc import Iterator

PAGE = Path(__file__).parent.parent / "docs" / "reference" / "rules.md"
REGENERATE = "UPDATE_RULES_PAGE=1 .venv/bin/pytest tests/test_rules.py"

LANCASHIRE_CODES = {
    "B101": 3,
    "B102": 1,
    "B201": 1,
    "B202": 1,
    "R102": 3,
    "R103": 3,
    "R107": 2,
    "R110": 2,
    "C101": 5,
    "C102": 1,
    "A101": 1,
    "A102": 1,
    "V101": 3,
}


# --- the registry ---------------------------------------------------------------------------


def test_codes_are_unique_and_name_their_domain() -> None:
    rules = default_rules()
    codes = [rule.code for rule in rules]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z][0-9]{3}", code) for code in codes)
    assert all(rule.code[0] == rule.domain.letter for rule in rules)
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names))
    # grouped by domain, in the domains' order, then by code
    order = list(RuleDomain)
    assert rules == tuple(sorted(rules, key=lambda r: (order.index(r.domain), r.code)))


def test_every_rule_has_a_summary_a_description_and_a_failing_example_of_its_own() -> None:
    for rule in default_rules():
        summary, body, example = _parts(rule)
        assert summary.endswith("."), rule.code
        assert rule.summary == summary
        assert body or rule.code in {"B103", "B202", "B203"}, rule.code
        wanted = "".join(e.want for e in doctest.DocTestParser().get_examples(example))
        # the example's output is a finding of this very rule
        assert re.search(rf"^{rule.code} (error|warning|info) \[", wanted, re.MULTILINE), rule.code


def test_find_rule() -> None:
    assert find_rule("S102").domain is RuleDomain.SECTION11
    with pytest.raises(UnknownIdError, match="Z999") as caught:
        find_rule("Z999")
    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, InvalidInputError)


def test_a_rule_code_must_be_a_letter_of_its_domain_and_three_digits() -> None:
    with pytest.raises(InvalidInputError, match="'B'"):
        Rule("A101", "wrong-letter", RuleDomain.BUDGETS, lambda _: ())
    with pytest.raises(InvalidInputError, match="three digits"):
        Rule("B1", "short", RuleDomain.BUDGETS, lambda _: ())


# --- select and ignore ----------------------------------------------------------------------


def test_select_and_ignore_by_code_and_prefix() -> None:
    rules = default_rules()
    every = [rule.code for rule in rules]
    assert [r.code for r in select_rules(rules)] == every
    assert [r.code for r in select_rules(rules, select="ALL")] == every
    assert {r.code[0] for r in select_rules(rules, select=["B"])} == {"B"}
    assert [r.code for r in select_rules(rules, select="B1,S101")] == [
        "B101",
        "B102",
        "B103",
        "B104",
        "B105",
        "S101",
    ]
    assert "R102" not in {r.code for r in select_rules(rules, ignore=["R102"])}
    assert select_rules(rules, select="C", ignore="C") == ()
    for bad in ("b101", "B1012", "", "B 1", "*"):
        with pytest.raises(InvalidInputError):
            select_rules(rules, select=[bad])


def test_check_selects_and_ignores() -> None:
    report = load_example()
    everything = check(report)
    assert Counter(f.code for f in check(report, select="B")) == {
        "B101": 3,
        "B102": 1,
        "B201": 1,
        "B202": 1,
    }
    without = check(report, ignore=["B", "R1"])
    assert not {f.code[0] for f in without} & {"B"}
    assert not [f for f in without if f.code.startswith("R1")]
    assert len(without) == len(everything) - 6 - 10
    assert check(report, select="S") == ()
    with pytest.raises(InvalidInputError, match="select"):
        check(report, select="budget")
    with pytest.raises(InvalidInputError, match=r"rules\[0\]"):
        check(report, rules=[print])  # type: ignore[list-item]
    misspelt = Rule("B901", "misspelt", RuleDomain.BUDGETS, lambda _: (), reads="budgte")
    with pytest.raises(InvalidInputError, match=r"rules\[0\]\.reads.*'budgte'"):
        check(report, rules=[misspelt])


def test_a_rule_without_its_record_is_skipped() -> None:
    report = load_example().model_copy(update={"budget": None, "attendance": None})
    codes = {f.code[0] for f in check(report)}
    assert "B" not in codes
    assert "A" not in codes


# --- findings -------------------------------------------------------------------------------


def test_lancashire_findings_have_codes() -> None:
    findings = check(load_example())
    assert Counter(f.code for f in findings) == LANCASHIRE_CODES
    assert all(find_rule(f.code) for f in findings)


def test_findings_compare_by_value_and_keep_their_json_keys() -> None:
    first, again = check(load_example(), select="B102"), check(load_example(), select="B102")
    assert first == again
    assert hash(first) == hash(again)
    (total,) = first
    data = to_jsonable(total)
    assert isinstance(data, dict)
    assert {
        "code",
        "kind",
        "severity",
        "location",
        "message",
        "provenance",
        "numbers",
        "stated",
        "computed",
        "difference",
    } == set(data)
    assert data["numbers"] == [["stated", "482013"], ["computed", "481513"], ["difference", "500"]]
    assert (data["code"], data["stated"], data["difference"]) == ("B102", "482013", "500")
    assert total.number(NumberRole.COMPUTED) == "481513"
    assert Decimal(total.difference or "") == total.numbers[2].number


def test_finding_fields_are_normalised_and_frozen() -> None:
    finding = Finding("X", "attendance", "warning", "here", "what", numbers=[("count", "3")])
    assert finding.kind is Kind.ATTENDANCE
    assert finding.severity is Severity.WARNING
    assert finding.numbers == (FindingNumber("count", "3"),)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        finding.code = "Y"  # type: ignore[misc]
    with pytest.raises(ValueError, match="nonsense"):
        Finding("X", "attendance", "warning", "here", "what", numbers=[("nonsense", "3")])


def test_the_front_door_names_are_the_same_classes() -> None:
    assert CheckFinding is Finding
    assert CheckKind is Kind
    assert CheckKind("stated_change") is Kind.STATED_CHANGE


def test_reconciliation_findings_are_the_budget_rules_findings() -> None:
    from safeguarding_model import reconcile  # noqa: PLC0415 - beside its use

    report = load_example()
    assert report.budget is not None
    assert sorted(reconcile(report.budget).findings, key=str) == sorted(
        check(report, select="B"), key=str
    )


def test_section_11_rules_on_lancashire_find_nothing() -> None:
    # "89.7% indicators returned as fully compliant (green) and only 10.3% partly compliant
    # (amber)": 100.0%, and no returns to compute shares from
    report = load_example()
    assert report.section11 is not None
    assert find_rule("S101")(report.section11) == ()
    assert find_rule("S102")(report.section11) == ()
    assert find_rule("G101")(report.agencies) == ()


@pytest.mark.parametrize(
    ("shares", "found"),
    [
        ({"green": "89.7", "amber": "10.3"}, False),
        ({"green": "89.7", "amber": "10.2"}, False),  # 99.9: within the rounding of two shares
        ({"green": "89.7", "amber": "10.1"}, True),  # 99.8
        ({"green": "90", "amber": "11"}, False),  # 101: "90" and "11" each allow 0.5
        ({"green": "90", "amber": "10.5"}, False),  # 100.5, within 0.5 + 0.05
        ({"green": "90", "amber": "10.9"}, True),  # 100.9, beyond 0.5 + 0.05
    ],
)
def test_section_11_stated_shares_total(shares: dict[str, str], found: bool) -> None:  # noqa: FBT001
    from safeguarding_model import FinancialYear, Rag  # noqa: PLC0415 - beside its use
    from safeguarding_model.section11 import Section11Audit  # noqa: PLC0415
    from safeguarding_model.values import percent  # noqa: PLC0415

    audit = Section11Audit(
        period=FinancialYear(2015),
        stated_shares={Rag(rating): percent(share) for rating, share in shares.items()},
    )
    assert bool(find_rule("S102")(audit)) is found


# --- a rule of a user's own -----------------------------------------------------------------


def _low_attendance(report: AnnualReport) -> Iterator[Finding]:
    """A statutory partner attended fewer than 75% of the board's meetings."""
    partners = {agency.id: agency for agency in report.agencies if agency.statutory_partner}
    if report.attendance is None:
        return
    for row in report.attendance.records:
        share = row.attended.number
        if row.agency in partners and share is not None and share < 75:
            yield Finding(
                "A901",
                Kind.LOCAL,
                Severity.ERROR,
                f"attendance / {row.label}",
                f"a statutory partner at {share}% of meetings, below 75%",
                numbers=[("stated", str(share))],
            )


def test_a_user_rule_joins_the_default_ones() -> None:
    low = Rule("A901", "statutory-attendance", RuleDomain.ATTENDANCE, _low_attendance)
    report = load_example()
    findings = check(report, rules=(*default_rules(), low))
    mine = [f for f in findings if f.code == "A901"]
    assert sorted(f.location.removeprefix("attendance / ") for f in mine) == [
        "District Councils",
        "LCC (Lead Member)",
        "Lancashire Teaching Hospital Trust NHS",
        "NHS England",
        "Probation",
        "Southport and Ormskirk Hospital Trust",
        "University Hospital of Morecambe Bay",
    ]
    assert len(findings) == len(check(report)) + len(mine)
    assert [f.code for f in check(report, rules=(low,), select="A9")] == ["A901"] * len(mine)
    assert check(report, rules=(*default_rules(), low), ignore="A901") == check(report)
    assert low.summary == "A statutory partner attended fewer than 75% of the board's meetings."


# --- the rules page -------------------------------------------------------------------------


def _parts(rule: Rule) -> tuple[str, str, str]:
    """A rule's summary, description and failing example, from its docstring."""
    doc = inspect.cleandoc(rule.function.__doc__ or "")
    text, _, example = doc.partition("\nExamples:\n")
    summary, _, body = text.partition("\n")
    return summary.strip(), body.strip(), inspect.cleandoc(example)


def _reads(rule: Rule) -> str:
    if rule.domain is RuleDomain.EDITIONS:
        return "two editions of a report, compared by [`compare_reports`][safeguarding_model.compare_reports]"
    if rule.domain is RuleDomain.OFFICIAL:
        return "an official statistics table, checked by [`check_official`][safeguarding_model.official_rules.check_official]"
    return "the whole report" if rule.reads is None else f"the report's `{rule.reads}`"


def rules_page() -> str:
    """The rules page, from the registry."""
    rules = (*default_rules(), *EDITION_RULES, *OFFICIAL_RULES)
    lines = [
        "# Rules",
        "",
        "<!-- Generated from the rule registry by tests/test_rules.py: do not edit by hand. -->",
        f"<!-- Rewrite it with `{REGENERATE}`. -->",
        "",
        "[`check`][safeguarding_model.check] runs these rules; each finds one kind of place where",
        "a report disagrees with itself and reports it as a",
        "[`Finding`][safeguarding_model.findings.Finding] with the rule's code. A code is the letter",
        "of the rule's domain and three digits, and never changes meaning. Choose rules by code or",
        'code prefix, as linters do: `check(report, select=["B", "C101"], ignore=["B2"])`, or',
        "`safeguarding-model check --select B,C101 --ignore B2`. Add rules of your own with",
        "[a local rule](../how-to/local-rule.md). The editions rules (E) compare two editions of a",
        "report instead: [`compare_reports`][safeguarding_model.compare_reports] runs them, or",
        "`safeguarding-model compare OLD NEW` ([how-to](../how-to/compare-editions.md)). The",
        "official statistics rules (O) read a Fingertips or DfE statistics file instead:",
        "[`check_official`][safeguarding_model.official_rules.check_official] runs them, or",
        "`safeguarding-model check FILE.csv`.",
        "",
        "Figures are compared as printed: a printed figure stands for every number that rounds to",
        "it, and a rule reports a disagreement only when no such numbers could agree.",
        "",
        "| code | name | what it checks | domain |",
        "| --- | --- | --- | --- |",
    ]
    lines += [
        f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.summary} | {r.domain.heading} |"
        for r in rules
    ]
    for domain in RuleDomain:
        lines += ["", f"## {domain.heading} ({domain.letter})", ""]
        mine = [rule for rule in rules if rule.domain is domain]
        if not mine:
            lines.append("No rules yet.")
        for rule in mine:
            summary, body, example = _parts(rule)
            lines += ["", f"### {rule.code}", "", f"`{rule.name}`: {summary}", ""]
            if body:
                lines += [body, ""]
            lines += [
                f"- Reads: {_reads(rule)}.",
                f"- Tolerance: {rule.tolerance}.",
                "",
                "Failing example:",
                "",
                "```text",
                example,
                "```",
            ]
    return "\n".join(lines) + "\n"


def test_the_rules_page_is_generated_from_the_registry() -> None:
    page = rules_page()
    if os.environ.get("UPDATE_RULES_PAGE") == "1":
        PAGE.write_text(page, encoding="utf-8")
    assert PAGE.read_text(encoding="utf-8") == page, f"the rules page is stale: {REGENERATE}"
    for rule in default_rules():
        assert f"### {rule.code}" in page
    for rule in OFFICIAL_RULES:
        assert f"### {rule.code}" in page
    assert page.count("### ") == len(default_rules()) + len(EDITION_RULES) + len(OFFICIAL_RULES)
