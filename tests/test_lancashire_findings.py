"""The checks on the bundled Lancashire 2015/16 report, finding by finding.

Each true inconsistency of the source is found, and nothing else: the figures that agree
(the offence rate's +42.5 and +29.7, Q4's +1.0%, the category shares within rounding, every
stated better or worse) raise no finding.
"""

from safeguarding_model import CheckKind, Severity, check, load_example

EXPECTED = {
    # The budget (section 6): three subtotals and the income total disagree with their parts.
    (
        Severity.ERROR,
        CheckKind.BUDGET_ARITHMETIC,
        "budget expenditure / Child Death Overview / subtotal",
    ),
    (
        Severity.ERROR,
        CheckKind.BUDGET_ARITHMETIC,
        "budget income / Child Death Overview Panel / subtotal",
    ),
    (
        Severity.ERROR,
        CheckKind.BUDGET_ARITHMETIC,
        "budget income / Contributions to Board / subtotal",
    ),
    (Severity.ERROR, CheckKind.BUDGET_ARITHMETIC, "budget income / total"),
    # Referral rates "per 10k" imply about 24,300 children, every other rate about 244,000: a
    # power of ten (they are rates per 100,000).
    (Severity.ERROR, CheckKind.IMPLIED_DENOMINATOR, "child in Lancashire"),
    # The stated child population, 274,733 (2014), against the ~244,000 the rates imply (more
    # than the 5% estimates may move between years), and the ~24,300 of the referral rates.
    (Severity.WARNING, CheckKind.IMPLIED_DENOMINATOR, "child in Lancashire: child population"),
    # Stated changes the figures do not give: 956 -> 1,443 is +50.9% (not 55%), 1,412 -> 1,744
    # is +23.5% (not 46.1%), 2,107 -> 2,226 is +5.6% (not 7%).
    (Severity.ERROR, CheckKind.STATED_CHANGE, "claim children-subject-to-cpp-increase"),
    (Severity.ERROR, CheckKind.STATED_CHANGE, "claim cse-high-risk-increase"),
    (Severity.ERROR, CheckKind.STATED_CHANGE, "claim lado-initial-contacts-increase"),
    # "almost a quarter of a million (274,733 - 2014 mid-year estimate)": more, not almost.
    (Severity.ERROR, CheckKind.STATED_CHANGE, "claim child-population-quarter-million"),
    # Cells read by a guess: "73.000" pounds, "8.75" among percentages, "69" and "67" beside "75%".
    (Severity.WARNING, CheckKind.AMBIGUOUS_VALUE, "budget expenditure / Training / Staffing Costs"),
    (
        Severity.WARNING,
        CheckKind.AMBIGUOUS_VALUE,
        "child-protection-plans-multiple-categories / Lancashire / 31 March 2015",
    ),
    (Severity.WARNING, CheckKind.AMBIGUOUS_VALUE, "lscb-meeting-attendance / Lancashire / 2014/15"),
    (Severity.WARNING, CheckKind.AMBIGUOUS_VALUE, "lscb-meeting-attendance / Lancashire / 2015/16"),
    # Appendix 3: a row printed twice, and an overall figure that is not the rows' average.
    (Severity.WARNING, CheckKind.ATTENDANCE, "attendance / Lancashire Teaching Hospital Trust NHS"),
    (Severity.WARNING, CheckKind.ATTENDANCE, "attendance / overall"),
    # "TOTAL LSCB INCOME 14/15" in the 2015/16 budget.
    (Severity.WARNING, CheckKind.PERIOD_LABEL, "budget income / total"),
    # 885 -> 1,527 is 1.73 times, not "approximately double"; 9,853 -> 8,644 is -12.27%, printed -12.2%.
    (Severity.WARNING, CheckKind.STATED_CHANGE, "claim csc-caf-approximately-double"),
    (Severity.WARNING, CheckKind.STATED_CHANGE, "claim dv-notifications-reduction-since-2013-14"),
    # The assessments table prints "N/A" for the North West and England in 2015/16; the text
    # below it gives their year-end figures, 82.0% and 81.0%.
    (
        Severity.WARNING,
        CheckKind.REPEATED_FIGURE,
        "assessments-completed-to-timescale / North West / 2015/16",
    ),
    (
        Severity.WARNING,
        CheckKind.REPEATED_FIGURE,
        "assessments-completed-to-timescale / England / 2015/16",
    ),
    # Year figures beside quarters that cannot be checked (R110, info): the assessments' 74.6%
    # is a mean of the quarters weighted by assessments the report does not print (and not
    # their plain mean, 71.55%); repeat referrals print Q1 and Q4 only, in the narrative.
    (
        Severity.INFO,
        CheckKind.AGGREGATE,
        "assessments-completed-to-timescale / Lancashire / 2015/16",
    ),
    (Severity.INFO, CheckKind.AGGREGATE, "repeat-referrals / Lancashire / 2015/16"),
}


def test_every_inconsistency_is_found_and_nothing_else() -> None:
    found = {(f.severity, f.kind, f.location) for f in check(load_example("lancashire-2015-16"))}
    assert found == EXPECTED


def test_the_implied_denominators_are_one_per_year() -> None:
    findings = [
        f
        for f in check(load_example("lancashire-2015-16"))
        if f.kind is CheckKind.IMPLIED_DENOMINATOR and f.severity is Severity.ERROR
    ]
    assert len(findings) == 3
    assert all("referrals-to-childrens-social-care-rate" in f.message for f in findings)
    assert all(f.provenance for f in findings)


def test_stated_changes_carry_the_numbers_and_where_they_are_printed() -> None:
    findings = {
        f.location: f
        for f in check(load_example("lancashire-2015-16"))
        if f.kind is CheckKind.STATED_CHANGE
    }
    lado = findings["claim lado-initial-contacts-increase"]
    numbers = dict(lado.numbers)
    assert numbers["stated"] == "7"
    assert numbers["computed"].startswith("5.6")
    assert any(p.line == 1560 for p in lado.provenance)


def test_the_stated_child_population_against_the_rates() -> None:
    findings = [
        f
        for f in check(load_example("lancashire-2015-16"))
        if f.kind is CheckKind.IMPLIED_DENOMINATOR and f.severity is Severity.WARNING
    ]
    assert len(findings) == 3  # one per indicator: referrals, children in need, looked after
    assert all("stated 274,733 (2014)" in f.message for f in findings)


def test_a_figure_printed_as_n_a_and_as_a_number_names_both_lines() -> None:
    (finding,) = (
        f
        for f in check(load_example("lancashire-2015-16"))
        if f.kind is CheckKind.REPEATED_FIGURE and "England" in f.location
    )
    assert finding.numbers == (("printed", "N/A"), ("printed", "81.0%"))
    assert [p.line for p in finding.provenance] == [356, 372]


def test_budget_findings_name_the_line_of_the_stated_figure() -> None:
    lines = {
        f.location: [p.line for p in f.provenance]
        for f in check(load_example("lancashire-2015-16"))
        if f.location.startswith("budget")
    }
    assert lines == {  # 97,000; 98,000; 350,146; 482,013 ("TOTAL LSCB INCOME 14/15"); 73.000
        "budget expenditure / Child Death Overview / subtotal": [1458],
        "budget income / Child Death Overview Panel / subtotal": [1398],
        "budget income / Contributions to Board / subtotal": [1371],
        "budget income / total": [1401],
        "budget expenditure / Training / Staffing Costs": [1488],
    }


def test_only_the_finding_on_a_provisional_figure_says_so() -> None:
    caveated = [f.location for f in check(load_example()) if "not printed as final" in f.message]
    assert caveated == ["claim cse-high-risk-increase"]  # 1,412 (tbc) -> 1,744


# Each finding's rule: the budget's subtotals (B101) and total (B102), a label (B201) and a cell
# (B202); the implied populations (R102 between rates, R103 against the stated estimate); the
# repeated figures (R107); the claims' changes (C101) and the "almost" bound (C102); the
# attendance table (A101, A102); and the cells of observations read by a guess (V101). The
# section 11 shares (S101, S102) and the agency list (G101) find nothing: the report prints
# "89.7%" green and "10.3%" amber, which add to 100%, and no returns to compute shares from.
CODES = [
    ("B101", "budget expenditure / Child Death Overview / subtotal"),
    ("B101", "budget income / Child Death Overview Panel / subtotal"),
    ("B101", "budget income / Contributions to Board / subtotal"),
    ("B102", "budget income / total"),
    ("R102", "child in Lancashire"),
    ("R102", "child in Lancashire"),
    ("R102", "child in Lancashire"),
    ("C102", "claim child-population-quarter-million"),
    ("C101", "claim children-subject-to-cpp-increase"),
    ("C101", "claim cse-high-risk-increase"),
    ("C101", "claim lado-initial-contacts-increase"),
    ("B202", "budget expenditure / Training / Staffing Costs"),
    ("V101", "child-protection-plans-multiple-categories / Lancashire / 31 March 2015"),
    ("V101", "lscb-meeting-attendance / Lancashire / 2014/15"),
    ("V101", "lscb-meeting-attendance / Lancashire / 2015/16"),
    ("A101", "attendance / Lancashire Teaching Hospital Trust NHS"),
    ("A102", "attendance / overall"),
    ("R103", "child in Lancashire: child population"),
    ("R103", "child in Lancashire: child population"),
    ("R103", "child in Lancashire: child population"),
    ("B201", "budget income / total"),
    ("R107", "assessments-completed-to-timescale / England / 2015/16"),
    ("R107", "assessments-completed-to-timescale / North West / 2015/16"),
    ("C101", "claim csc-caf-approximately-double"),
    ("C101", "claim dv-notifications-reduction-since-2013-14"),
    ("R110", "assessments-completed-to-timescale / Lancashire / 2015/16"),
    ("R110", "repeat-referrals / Lancashire / 2015/16"),
]


def test_every_finding_has_its_rules_code() -> None:
    findings = check(load_example("lancashire-2015-16"))
    assert [(f.code, f.location) for f in findings] == CODES
