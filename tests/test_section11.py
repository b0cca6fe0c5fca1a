from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import FinancialYear, InvalidInputError, Rag
from safeguarding_model.section11 import (
    COMPLIANCE_RATINGS,
    Section11Audit,
    Section11Return,
    ShareCheck,
    section11_shares,
)
from safeguarding_model.values import percent

from strategies import periods

# --- Lancashire 2015/16 ---------------------------------------------------------------------


def test_lancashire_section_11_stated_shares_fit_and_add_to_100() -> None:
    # Section 2: "89.7% indicators returned as fully compliant (green) and only 10.3% partly
    # compliant (amber)"; the returns themselves are not printed.
    audit = Section11Audit(
        period=FinancialYear(2015),
        stated_shares={Rag.GREEN: percent("89.7%"), Rag.AMBER: percent("10.3%")},
    )
    assert audit.returns == ()
    shares = section11_shares(audit)
    assert shares.total == 0
    assert shares.computed == {}
    assert shares.stated_total == Decimal("100.0")
    assert shares.stated_total_agrees is True
    assert shares.agrees is None  # nothing to compare without returns
    assert [check.rating for check in shares.checks] == [Rag.AMBER, Rag.GREEN]
    assert all(check.agrees is None for check in shares.checks)


def test_section_11_shares_computed_from_returns_agree_when_rounded_as_printed() -> None:
    # 26 green and 3 amber of 29 give 89.655...% and 10.344...%: printed 89.7 and 10.3.
    returns = tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=Rag.GREEN)
        for n in range(26)
    ) + tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=Rag.AMBER)
        for n in range(3)
    )
    audit = Section11Audit(
        period=FinancialYear(2015),
        returns=returns,
        stated_shares={Rag.GREEN: percent("89.7"), Rag.AMBER: percent("10.3")},
    )
    shares = section11_shares(audit)
    assert shares.counts == {Rag.RED: 0, Rag.AMBER: 3, Rag.GREEN: 26}
    assert shares.agrees is True
    assert shares.computed[Rag.RED] == 0
    assert str(shares.computed[Rag.GREEN]).startswith("89.655172413793")
    stated_wrongly = audit.model_copy(update={"stated_shares": {Rag.GREEN: percent("89.6")}})
    verdict = section11_shares(stated_wrongly)
    assert verdict.agrees is False
    assert verdict.stated_total_agrees is False


def test_section_11_tolerance_for_shares_rounded_for_print() -> None:
    audit = Section11Audit(
        period=FinancialYear(2015),
        stated_shares={Rag.GREEN: percent("66.7"), Rag.AMBER: percent("33.4")},
    )
    assert section11_shares(audit).stated_total_agrees is False
    assert section11_shares(audit, tolerance=Decimal("0.1")).stated_total_agrees is True
    with pytest.raises(InvalidInputError, match="tolerance"):
        section11_shares(audit, tolerance=Decimal(-1))


# --- errors name their field ----------------------------------------------------------------


@pytest.mark.parametrize("rating", [Rag.BLUE, Rag.GREY])
def test_section_11_return_refuses_benchmark_colours(rating: Rag) -> None:
    with pytest.raises(ValidationError, match="rating: expected red, amber or green"):
        Section11Return(agency="cafcass", standard="Training", rating=rating)


def test_section_11_audit_refuses_a_blue_stated_share() -> None:
    with pytest.raises(ValidationError, match="stated_shares: expected red, amber or green"):
        Section11Audit(period=FinancialYear(2015), stated_shares={Rag.BLUE: percent("5")})


def test_section_11_audit_refuses_a_share_over_100() -> None:
    with pytest.raises(ValidationError, match=r"stated_shares\[green\]: expected a share from 0"):
        Section11Audit(period=FinancialYear(2015), stated_shares={Rag.GREEN: percent("100.1")})


# --- properties -----------------------------------------------------------------------------

slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{0,24}", fullmatch=True)
texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
shares = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
ratings = st.sampled_from(COMPLIANCE_RATINGS)


@st.composite
def section11_audits(draw: st.DrawFn) -> Section11Audit:
    returns = draw(
        st.lists(
            st.builds(Section11Return, agency=slugs, standard=texts, rating=ratings), max_size=15
        )
    )
    stated = draw(st.dictionaries(ratings, shares.map(percent), max_size=3))
    return Section11Audit(period=draw(periods), returns=tuple(returns), stated_shares=stated)


@given(section11_audits())
def test_section_11_audit_json_round_trip_is_exact(audit: Section11Audit) -> None:
    assert Section11Audit.model_validate_json(audit.model_dump_json()) == audit


@given(section11_audits())
def test_section_11_computed_shares_count_every_return(audit: Section11Audit) -> None:
    shares = section11_shares(audit)
    assert sum(shares.counts.values()) == shares.total == len(audit.returns)
    if shares.total:
        assert abs(sum(shares.computed.values(), Decimal(0)) - 100) < Decimal("1e-20")
        for check in shares.checks:
            assert check.computed is not None


@given(st.lists(ratings, min_size=1, max_size=40), st.integers(min_value=0, max_value=3))
def test_shares_stated_as_the_computed_shares_rounded_agree(rated: list[Rag], places: int) -> None:
    returns = tuple(
        Section11Return(agency=f"agency-{n}", standard="Training", rating=rating)
        for n, rating in enumerate(rated)
    )
    base = Section11Audit(period=FinancialYear(2015), returns=returns)
    computed = section11_shares(base).computed
    stated = {
        rating: percent(share.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))
        for rating, share in computed.items()
    }
    audit = base.model_copy(update={"stated_shares": stated})
    assert section11_shares(audit).agrees is True


def test_share_checks_become_findings_only_when_they_disagree() -> None:
    year = FinancialYear(2015)
    assert (
        ShareCheck(Rag.GREEN, Decimal("89.7"), Decimal("89.66"), agrees=True).to_finding(year)
        is None
    )
    assert ShareCheck(Rag.RED, None, Decimal(0), agrees=None).to_finding(year) is None
    finding = ShareCheck(Rag.AMBER, Decimal("10.3"), Decimal("12.5"), agrees=False).to_finding(year)
    assert finding is not None
    assert (finding.code, finding.severity.value, finding.location) == (
        "S101",
        "error",
        "section 11 2015/16 / amber",
    )
    assert dict(finding.numbers) == {"stated": "10.3", "computed": "12.5"}
