import datetime as dt
import json
from importlib import resources
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import ValidationError

import safeguarding_model.inspections as inspections_module
import safeguarding_model.scales as scales_module
from safeguarding_model import (
    AnnualReport,
    InvalidInputError,
    SafeguardingModelError,
    UnknownIdError,
    load_example,
)
from safeguarding_model.errors import ScaleMismatchError
from safeguarding_model.inspections import (
    FindingKind,
    Inspection,
    InspectionFinding,
    Recommendation,
    RecommendationStatus,
    recommendations_by_owner,
)
from safeguarding_model.scales import (
    Inspectorate,
    Judgement,
    JudgementScale,
    builtin_scale,
    builtin_scales,
    sort_judgements,
)

# --- Lancashire 2015/16 ---------------------------------------------------------------------


def ofsted_2015_childrens_services() -> Inspection:
    # Section 2: "In September 2015, OFSTED carried out their inspection of services for children
    # in need of help and protection, children looked after and care leavers ... judged
    # children's services to be 'inadequate' overall."
    return Inspection(
        id="ofsted-2015-lancashire-childrens-services",
        inspectorate=Inspectorate.OFSTED,
        subject=(
            "services for children in need of help and protection, children looked after and "
            "care leavers"
        ),
        subject_agency="lancashire-county-council",
        scale="ofsted-sif-2013",
        framework="single inspection framework",
        overall=Judgement.from_printed("ofsted-sif-2013", "'inadequate'"),
        findings=(
            InspectionFinding(
                kind=FindingKind.CONCERN,
                text=(
                    "Inspectors found systemic weaknesses in management and oversight of child in "
                    "need cases and poorly served care-leavers."
                ),
            ),
        ),
        note="Dates printed only as September 2015.",
    )


def ofsted_2015_lscb_review() -> Inspection:
    # Section 4: "subject to a separate assessment and judgement of its effectiveness. The LSCB
    # was judged to be 'good'."
    return Inspection(
        id="ofsted-2015-lancashire-lscb",
        inspectorate=Inspectorate.OFSTED,
        subject="Lancashire Safeguarding Children Board",
        subject_agency="lancashire-lscb",
        scale="ofsted-sif-2013",
        framework="review of the effectiveness of the LSCB",
        overall=Judgement.from_printed(
            "ofsted-sif-2013", "'good'", aspect="effectiveness of the LSCB"
        ),
        findings=(
            InspectionFinding(
                kind=FindingKind.STRENGTH,
                text=(
                    "Working relationships and cooperation across the partnership are strong "
                    "with appropriate focus on children and families."
                ),
            ),
            InspectionFinding(
                kind=FindingKind.AREA_FOR_IMPROVEMENT,
                text=(
                    "The Board's annual report does not include findings from its analysis of "
                    "changing patterns and trends in child protection categories."
                ),
            ),
        ),
    )


def cqc_ormskirk_2014() -> Inspection:
    # Section 2: "inspection of services by the Care Quality Commission (CQC) during November
    # 2014. Although the hospital was rated overall as requiring improvement, with maternity
    # services being rated as inadequate, the services for children and young people were rated
    # as good in all areas."
    return Inspection(
        id="cqc-2014-ormskirk-district-general-hospital",
        inspectorate=Inspectorate.CQC,
        subject="Ormskirk District General Hospital",
        subject_agency="southport-and-ormskirk-hospital",
        scale="cqc-2014",
        overall=Judgement.from_printed("cqc-2014", "requiring improvement"),
        judgements=(
            Judgement.from_printed("cqc-2014", "inadequate", aspect="maternity"),
            Judgement.from_printed("cqc-2014", "good", aspect="children and young people"),
        ),
        note="Fieldwork in November 2014; one of the two hospitals of Southport and Ormskirk NHS Trust.",
    )


def hmic_2015_police() -> Inspection:
    # Section 2: "During 2015 the police were rated as “overall good” by HMIC".
    return Inspection(
        id="hmic-2015-lancashire-constabulary",
        inspectorate=Inspectorate.HMIC,
        subject="Lancashire Constabulary",
        subject_agency="lancashire-constabulary",
        scale="hmic-peel-2014",
        overall=Judgement(scale="hmic-peel-2014", grade="good", printed="“overall good”"),
    )


PRESTON_RECOMMENDATIONS = [
    (
        1,
        (
            "Customer Access Service to urgently review, prioritise and allocate work in a timely "
            "manner to avoid delay"
        ),
        ("Customer Access Service",),
    ),
    (
        10,
        (
            "Children’s Services need to review impact of the reduction in Team Manager posts and "
            "manage the associated risks"
        ),
        ("lcc-childrens-social-care",),
    ),
    (
        11,
        (
            "Senior Leaders to be aware across all agencies that current caseloads are high and pose "
            "a potential risk for children, families, the workforce and inspection"
        ),
        ("all agencies",),
    ),
    (
        12,
        (
            "Senior Leaders in Children’s Services to acknowledge failure to meet national standards "
            "for supervision arrangements for ASYE Social Workers"
        ),
        ("lcc-childrens-social-care",),
    ),
    (
        14,
        (
            "Agencies are asked to ensure consistent and appropriate membership of the Children’s "
            "Partnership Board"
        ),
        ("all agencies",),
    ),
    (17, "GPs to increase involvement in safeguarding procedures and practice", ("GPs",)),
    (
        18,
        "For LTHT to deliver effective arrangements to ensure children receive timely CP medicals",
        ("lancashire-teaching-hospitals",),
    ),
    (
        22,
        (
            "The Children’s Trust Board to action how all agency Senior Leaders can progress a shared "
            "‘Estate/I.T Strategy’ to achieve co located multi agency working and back office support "
            "functions"
        ),
        ("Children’s Trust Board", "all agencies"),
    ),
    (23, "CSE team to develop meaningful data to inform future resource required", ("CSE team",)),
    (
        24,
        "All agencies need to take on responsibility for chairing or minuting core groups",
        ("all agencies",),
    ),
]


def preston_maspi() -> Inspection:
    # Appendix 1 and the "Preston Multi-Agency Safeguarding Practice Inspection Report",
    # "Inspection dates: 5 — 7 May 2015", 24 recommendations (those whose numbers print clearly).
    return Inspection(
        id="maspi-2015-preston",
        inspectorate=Inspectorate.BOARD,
        subject="Preston district",
        framework=(
            "multi-agency safeguarding practice inspection, in part following the Ofsted "
            "single inspection framework"
        ),
        start=dt.date(2015, 5, 5),
        end=dt.date(2015, 5, 7),
        findings=(
            InspectionFinding(
                kind=FindingKind.STRENGTH,
                text=(
                    "Effective multi-agency working was evidenced in the cases selected and the "
                    "practice/visits observed."
                ),
            ),
            InspectionFinding(
                kind=FindingKind.STRENGTH,
                text=(
                    "Children and young people had a voice that was listened and responded to "
                    "with staff adapting their approach to ensure this took place."
                ),
            ),
            InspectionFinding(
                kind=FindingKind.AREA_FOR_IMPROVEMENT,
                text=(
                    "GPs are invited to core group meetings or case conferences but do not attend."
                ),
            ),
            InspectionFinding(
                kind=FindingKind.AREA_FOR_IMPROVEMENT,
                text=(
                    "Social Workers need to ensure plans are outcome focused and regularly "
                    "updated to show progress."
                ),
            ),
            InspectionFinding(
                kind=FindingKind.CONCERN,
                text=(
                    "Concerns were highlighted that some cases received into the Customer Access "
                    "team had not been prioritised and allocated for action."
                ),
            ),
        ),
        recommendations=tuple(
            Recommendation(number=number, text=text, owners=owners)
            for number, text, owners in PRESTON_RECOMMENDATIONS
        ),
        note="The report makes 24 recommendations; the numbers of 2 to 9 are illegible in the source text.",
    )


def test_ofsted_2015_council_inadequate_beside_board_good() -> None:
    council = ofsted_2015_childrens_services()
    board = ofsted_2015_lscb_review()
    assert council.overall is not None
    assert board.overall is not None
    assert council.overall.grade == "inadequate"
    assert council.overall.printed == "'inadequate'"
    assert board.overall.grade == "good"
    assert board.overall.better_than(council.overall)
    assert council.overall.worse_than(board.overall)
    assert builtin_scale("ofsted-sif-2013").in_use_on(dt.date(2015, 9, 1))


def test_cqc_ormskirk_overall_maternity_and_children() -> None:
    inspection = cqc_ormskirk_2014()
    assert inspection.overall is not None
    assert inspection.overall.grade == "requires improvement"
    grades = {judgement.aspect: judgement.grade for judgement in inspection.judgements}
    assert grades == {"maternity": "inadequate", "children and young people": "good"}
    ranked = sort_judgements((inspection.overall, *inspection.judgements))
    assert [judgement.grade for judgement in ranked] == [
        "good",
        "requires improvement",
        "inadequate",
    ]
    assert builtin_scale("cqc-2014").in_use_on(dt.date(2014, 11, 1))


def test_hmic_2015_overall_good_does_not_compare_with_ofsted_or_cqc() -> None:
    police = hmic_2015_police()
    council = ofsted_2015_childrens_services()
    assert police.overall is not None
    assert council.overall is not None
    assert police.overall.grade == "good"
    assert police.overall.rank() == 1
    with pytest.raises(ScaleMismatchError) as error:
        police.overall.better_than(council.overall)
    assert (error.value.left, error.value.right) == ("hmic-peel-2014", "ofsted-sif-2013")
    assert isinstance(error.value, SafeguardingModelError)
    assert isinstance(error.value, ValueError)
    assert builtin_scale("hmic-peel-2014").in_use_on(dt.date(2015, 6, 1))


def test_preston_maspi_fits() -> None:
    maspi = preston_maspi()
    assert maspi.scale is None
    assert maspi.overall is None
    assert (maspi.start, maspi.end) == (dt.date(2015, 5, 5), dt.date(2015, 5, 7))
    kinds = [finding.kind for finding in maspi.findings]
    assert kinds.count(FindingKind.STRENGTH) == 2
    assert kinds.count(FindingKind.AREA_FOR_IMPROVEMENT) == 2
    assert all(r.status is RecommendationStatus.UNKNOWN for r in maspi.recommendations)
    assert max(r.number for r in maspi.recommendations) == 24


def test_preston_recommendations_by_owner() -> None:
    grouped = recommendations_by_owner(preston_maspi())
    assert [r.number for r in grouped["all agencies"]] == [11, 14, 22, 24]
    assert [r.number for r in grouped["Children’s Trust Board"]] == [22]
    assert [r.number for r in grouped["lcc-childrens-social-care"]] == [10, 12]
    assert [r.number for r in grouped["lancashire-teaching-hospitals"]] == [18]
    assert next(iter(grouped)) == "Customer Access Service"


def test_lancashire_items_survive_a_json_round_trip() -> None:
    for inspection in (
        ofsted_2015_childrens_services(),
        ofsted_2015_lscb_review(),
        cqc_ormskirk_2014(),
        hmic_2015_police(),
        preston_maspi(),
    ):
        assert Inspection.model_validate_json(inspection.model_dump_json()) == inspection


# --- built-in scales ------------------------------------------------------------------------

BUILTIN_GRADES = {
    "ofsted-sif-2013": ("outstanding", "good", "requires improvement", "inadequate"),
    "ofsted-ilacs-2018": ("outstanding", "good", "requires improvement", "inadequate"),
    "ofsted-education-2015": ("outstanding", "good", "requires improvement", "inadequate"),
    "ofsted-report-cards-2025": (
        "exceptional",
        "strong standard",
        "expected standard",
        "needs attention",
        "urgent improvement",
    ),
    "cqc-2014": ("outstanding", "good", "requires improvement", "inadequate"),
    "hmic-peel-2014": ("outstanding", "good", "requires improvement", "inadequate"),
    "hmicfrs-peel-2021": ("outstanding", "good", "adequate", "requires improvement", "inadequate"),
}


def test_builtin_scales_hold_the_documented_grades() -> None:
    scales = builtin_scales()
    assert {scale_id: scale.grades for scale_id, scale in scales.items()} == BUILTIN_GRADES
    assert builtin_scale("cqc-2014").aspects == (
        "safe",
        "effective",
        "caring",
        "responsive",
        "well-led",
    )
    assert scales_module.SCALES is scales
    with pytest.warns(
        DeprecationWarning, match=r"inspections\.SCALES is deprecated.*scales\.SCALES"
    ):
        assert inspections_module.SCALES is scales
    with pytest.raises(TypeError):
        scales["mine"] = scales["cqc-2014"]  # type: ignore[index]


def test_builtin_scale_dates() -> None:
    scales = builtin_scales()
    for scale in scales.values():
        if scale.valid_from is not None and scale.valid_to is not None:
            assert scale.valid_from <= scale.valid_to
        assert scale.note
    assert scales["ofsted-education-2015"].valid_to == dt.date(2025, 11, 9)
    assert scales["ofsted-report-cards-2025"].valid_from == dt.date(2025, 11, 10)
    assert scales["ofsted-ilacs-2018"].valid_from == dt.date(2018, 1, 1)
    sif_end = scales["ofsted-sif-2013"].valid_to
    assert sif_end is not None
    assert sif_end + dt.timedelta(days=1) == scales["ofsted-ilacs-2018"].valid_from
    for scale in scales.values():
        assert scale.inspectorate in {Inspectorate.OFSTED, Inspectorate.CQC, Inspectorate.HMIC}


@pytest.mark.parametrize(
    ("scale_id", "printed", "grade"),
    [
        ("ofsted-sif-2013", "Requires Improvement to be Good", "requires improvement"),
        ("ofsted-sif-2013", "'inadequate'", "inadequate"),
        ("ofsted-sif-2013", "“Good”", "good"),
        ("ofsted-ilacs-2018", "requires improvement to be good", "requires improvement"),
        ("cqc-2014", "requiring improvement", "requires improvement"),
        ("cqc-2014", "'needing improvement'", "requires improvement"),
        ("cqc-2014", "  OUTSTANDING. ", "outstanding"),
        ("ofsted-education-2015", "Grade 2", "good"),
        ("ofsted-report-cards-2025", "Needs Attention", "needs attention"),
        ("hmicfrs-peel-2021", "Adequate", "adequate"),
        ("hmicfrs-peel-2021", "requires_improvement", "requires improvement"),
    ],
)
def test_printed_grades_read_canonically(scale_id: str, printed: str, grade: str) -> None:
    assert builtin_scale(scale_id).parse(printed) == grade
    assert Judgement(scale=scale_id, grade=printed).grade == grade


@pytest.mark.parametrize(
    ("scale_id", "printed"),
    [
        ("ofsted-sif-2013", "adequate"),
        ("ofsted-report-cards-2025", "good"),
        ("cqc-2014", "exceptional"),
        ("hmic-peel-2014", "adequate"),
        ("hmicfrs-peel-2021", "needs improvement"),
    ],
)
def test_grades_of_other_scales_are_refused(scale_id: str, printed: str) -> None:
    with pytest.raises(
        InvalidInputError, match=f"grade: expected a grade on scale '{scale_id}'"
    ) as error:
        builtin_scale(scale_id).parse(printed)
    assert error.value.field == "grade"
    assert error.value.value == printed


def test_report_cards_do_not_compare_with_the_four_point_scale() -> None:
    before = Judgement(scale="ofsted-education-2015", grade="good")
    after = Judgement(scale="ofsted-report-cards-2025", grade="strong standard")
    with pytest.raises(ScaleMismatchError, match="grades on different scales do not compare"):
        after.better_than(before)
    with pytest.raises(ScaleMismatchError):
        sort_judgements([before, after])


def test_unknown_scale_id() -> None:
    with pytest.raises(InvalidInputError, match="scale: expected a built-in scale id") as error:
        builtin_scale("ofsted")
    assert error.value.field == "scale"


def test_module_getattr_refuses_other_names() -> None:
    with pytest.raises(AttributeError, match="no attribute 'SCALE'"):
        _ = inspections_module.SCALE
    for moved in ("JudgementScale", "builtin_scale", "sort_judgements"):
        with pytest.warns(DeprecationWarning, match=rf"inspections\.{moved} is deprecated"):
            assert getattr(inspections_module, moved) is getattr(scales_module, moved)


def test_inspectorate_labels() -> None:
    assert Inspectorate.from_label("OFSTED") is Inspectorate.OFSTED
    assert Inspectorate.from_label("HMICFRS") is Inspectorate.HMIC
    assert (
        Inspectorate.from_label(
            "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"
        )
        is Inspectorate.HMIC
    )
    assert Inspectorate.from_label("LSCB") is Inspectorate.BOARD
    with pytest.raises(InvalidInputError, match="label: expected Ofsted"):
        Inspectorate.from_label("Estyn")


# --- scales of your own ---------------------------------------------------------------------

THREE_POINT = JudgementScale(
    id="board-audit-2016",
    inspectorate=Inspectorate.BOARD,
    framework="a board's own case audits",
    grades=("Good", "Adequate", "Poor"),
    aliases={"‘satisfactory’": "adequate"},
)


def test_custom_scale_judgements_need_the_scale_to_compare() -> None:
    good = Judgement.from_printed(THREE_POINT, "GOOD")
    poor = Judgement.from_printed(THREE_POINT, "poor", aspect="case recording")
    assert good.grade == "good"
    assert THREE_POINT.aliases == {"satisfactory": "adequate"}
    assert good.better_than(poor, scale=THREE_POINT)
    assert poor.rank(scale=THREE_POINT) == 2
    with pytest.raises(
        InvalidInputError, match="scale: expected a built-in scale id, or the JudgementScale"
    ):
        good.better_than(poor)
    with pytest.raises(ScaleMismatchError):
        good.rank(scale=builtin_scale("cqc-2014"))


def test_custom_scale_inspection() -> None:
    audit = Inspection(
        id="audit-2016",
        inspectorate=Inspectorate.BOARD,
        subject="Preston cases",
        scale=THREE_POINT.id,
        judgements=(Judgement.from_printed(THREE_POINT, "satisfactory", aspect="planning"),),
    )
    assert audit.judgements[0].grade == "adequate"


# --- errors name their field ----------------------------------------------------------------


def test_judgement_errors_name_their_field() -> None:
    with pytest.raises(ValidationError, match="grade: expected a grade on scale 'cqc-2014'"):
        Judgement(scale="cqc-2014", grade="satisfactory")
    with pytest.raises(ValidationError, match="scale: expected a slug"):
        Judgement(scale="CQC 2014", grade="good")
    with pytest.raises(ValidationError, match="grade: expected a grade"):
        Judgement(scale="my-scale", grade=" '' ")
    with pytest.raises(ValidationError, match="aspect: expected some text"):
        Judgement(scale="cqc-2014", grade="good", aspect="")


def test_scale_errors_name_their_field() -> None:
    def scale(**changes: object) -> JudgementScale:
        data: dict[str, object] = {
            "id": "mine",
            "inspectorate": "other",
            "framework": "mine",
            "grades": ["good", "poor"],
        }
        return JudgementScale.model_validate(data | changes)

    with pytest.raises(ValidationError, match="grades: expected at least two grades"):
        scale(grades=["good"])
    with pytest.raises(ValidationError, match=r"grades\[1\]: expected a grade not listed before"):
        scale(grades=["Good", "good"])
    with pytest.raises(ValidationError, match=r"aliases\['fine'\]: expected one of the grades"):
        scale(aliases={"fine": "excellent"})
    with pytest.raises(ValidationError, match=r"aliases\['poor'\]: expected 'poor' itself"):
        scale(aliases={"poor": "good"})
    with pytest.raises(ValidationError, match="valid_to: expected a date on or after valid_from"):
        scale(valid_from="2020-01-01", valid_to="2019-12-31")
    with pytest.raises(
        ValidationError, match=r"aspects\[1\]: expected an aspect not listed before"
    ):
        scale(aspects=["safe", "safe"])
    with pytest.raises(ValidationError, match="id: expected a slug"):
        scale(id="Mine")


def test_inspection_end_before_start() -> None:
    with pytest.raises(ValidationError, match="end: expected a date on or after start"):
        Inspection(
            id="maspi",
            inspectorate=Inspectorate.BOARD,
            subject="Preston district",
            start=dt.date(2015, 5, 7),
            end=dt.date(2015, 5, 5),
        )


def test_inspection_recommendation_numbers_are_unique() -> None:
    with pytest.raises(
        ValidationError, match=r"recommendations\[1\]\.number: expected a number not used"
    ):
        Inspection(
            id="maspi",
            inspectorate=Inspectorate.BOARD,
            subject="Preston district",
            recommendations=(
                Recommendation(number=14, text="Agencies are asked ...", owners=("all agencies",)),
                Recommendation(number=14, text="Again", owners=("all agencies",)),
            ),
        )


def test_inspection_judgements_are_on_its_scale() -> None:
    with pytest.raises(
        ValidationError, match=r"judgements\[0\]\.scale: expected the inspection's scale"
    ):
        Inspection(
            id="cqc",
            inspectorate=Inspectorate.CQC,
            subject="Ormskirk",
            scale="cqc-2014",
            judgements=(Judgement(scale="ofsted-sif-2013", grade="good", aspect="maternity"),),
        )
    with pytest.raises(
        ValidationError, match="scale: expected the id of the scale of the judgements"
    ):
        Inspection(
            id="cqc",
            inspectorate=Inspectorate.CQC,
            subject="Ormskirk",
            overall=Judgement(scale="cqc-2014", grade="good"),
        )
    with pytest.raises(
        ValidationError, match=r"judgements\[0\]\.aspect: expected the aspect judged"
    ):
        Inspection(
            id="cqc",
            inspectorate=Inspectorate.CQC,
            subject="Ormskirk",
            scale="cqc-2014",
            judgements=(Judgement(scale="cqc-2014", grade="good"),),
        )


def test_inspection_scale_belongs_to_its_inspectorate() -> None:
    with pytest.raises(
        ValidationError, match="scale: expected a scale of the inspectorate 'ofsted'"
    ):
        Inspection(
            id="ofsted",
            inspectorate=Inspectorate.OFSTED,
            subject="Lancashire",
            scale="cqc-2014",
            overall=Judgement(scale="cqc-2014", grade="good"),
        )


def test_recommendation_and_finding_errors_name_their_field() -> None:
    with pytest.raises(ValidationError, match="number"):
        Recommendation(number=0, text="x")
    with pytest.raises(ValidationError, match=r"owners\[1\]: expected an owner not listed before"):
        Recommendation(number=1, text="x", owners=("GPs", "GPs"))
    with pytest.raises(ValidationError, match="text: expected some text"):
        InspectionFinding(kind=FindingKind.STRENGTH, text="  ")


# --- properties -----------------------------------------------------------------------------

words = st.from_regex(r"[a-z]{1,8}( [a-z]{1,8})?", fullmatch=True)


@st.composite
def scales(draw: st.DrawFn) -> JudgementScale:
    grades = draw(st.lists(words, min_size=2, max_size=6, unique=True))
    spellings = draw(st.lists(words, max_size=4, unique=True))
    targets = [draw(st.sampled_from(grades)) for _ in spellings]
    aliases = {
        spelling: target
        for spelling, target in zip(spellings, targets, strict=True)
        if spelling not in grades
    }
    return JudgementScale(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True)),
        inspectorate=draw(st.sampled_from(Inspectorate)),
        framework=draw(words),
        grades=tuple(grades),
        aliases=aliases,
        aspects=tuple(draw(st.lists(words, max_size=4, unique=True))),
    )


@given(scales())
def test_rank_follows_the_order_of_grades(scale: JudgementScale) -> None:
    for position, grade in enumerate(scale.grades):
        assert scale.rank(grade) == position
        assert scale.parse(grade.upper()) == grade
        assert scale.parse(f"“{grade}”") == grade


@given(scales())
def test_aliases_parse_to_their_grade(scale: JudgementScale) -> None:
    for spelling, grade in scale.aliases.items():
        assert scale.parse(spelling) == grade
        assert scale.rank(spelling) == scale.rank(grade)


@given(scales())
def test_scale_json_round_trip_is_exact(scale: JudgementScale) -> None:
    assert JudgementScale.model_validate_json(scale.model_dump_json()) == scale


@given(scales(), st.data())
def test_comparisons_follow_rank(scale: JudgementScale, data: st.DataObject) -> None:
    first = Judgement.from_printed(scale, data.draw(st.sampled_from(scale.grades)))
    second = Judgement.from_printed(scale, data.draw(st.sampled_from(scale.grades)))
    better = first.better_than(second, scale=scale)
    assert better == (first.rank(scale=scale) < second.rank(scale=scale))
    assert better == second.worse_than(first, scale=scale)
    assert not (better and second.better_than(first, scale=scale))
    ordered = sort_judgements([first, second], scale=scale)
    assert ordered[0].rank(scale=scale) <= ordered[1].rank(scale=scale)


@given(st.sampled_from(sorted(BUILTIN_GRADES)), st.sampled_from(sorted(BUILTIN_GRADES)), st.data())
def test_comparisons_across_builtin_scales_raise(
    left_id: str, right_id: str, data: st.DataObject
) -> None:
    assume(left_id != right_id)
    left = Judgement(scale=left_id, grade=data.draw(st.sampled_from(BUILTIN_GRADES[left_id])))
    right = Judgement(scale=right_id, grade=data.draw(st.sampled_from(BUILTIN_GRADES[right_id])))
    with pytest.raises(ScaleMismatchError):
        left.better_than(right)
    with pytest.raises(ScaleMismatchError):
        right.worse_than(left)


@given(st.sampled_from(sorted(BUILTIN_GRADES)))
def test_builtin_aliases_and_ranks(scale_id: str) -> None:
    scale = builtin_scale(scale_id)
    assert [scale.rank(grade) for grade in scale.grades] == list(range(len(scale.grades)))
    for spelling, grade in scale.aliases.items():
        assert grade in scale.grades
        assert scale.parse(spelling) == grade
        assert Judgement(scale=scale_id, grade=spelling).grade == grade


texts = st.text(min_size=1, max_size=30).filter(lambda text: text.strip() != "")
dates = st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))


@st.composite
def inspections(draw: st.DrawFn) -> Inspection:
    scale_id = draw(st.sampled_from(sorted(BUILTIN_GRADES)))
    scale = builtin_scale(scale_id)
    grades = st.sampled_from(scale.grades + tuple(scale.aliases))
    start = draw(st.none() | dates)
    end = None if start is None else start + dt.timedelta(days=draw(st.integers(0, 30)))
    numbers = draw(st.lists(st.integers(1, 40), unique=True, max_size=5))
    return Inspection(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        inspectorate=scale.inspectorate,
        subject=draw(texts),
        scale=scale_id,
        start=start,
        end=end,
        published=draw(st.none() | dates),
        overall=draw(st.none() | grades.map(lambda grade: Judgement(scale=scale_id, grade=grade))),
        judgements=tuple(
            Judgement(scale=scale_id, grade=draw(grades), aspect=draw(texts))
            for _ in range(draw(st.integers(0, 3)))
        ),
        findings=tuple(
            draw(
                st.lists(
                    st.builds(
                        InspectionFinding,
                        kind=st.sampled_from(FindingKind),
                        text=texts,
                        number=st.none() | st.integers(1, 99),
                    ),
                    max_size=3,
                )
            )
        ),
        recommendations=tuple(
            Recommendation(
                number=number,
                text=draw(texts),
                owners=tuple(draw(st.lists(texts, unique=True, max_size=3))),
                status=draw(st.sampled_from(RecommendationStatus)),
            )
            for number in numbers
        ),
        note=draw(st.none() | texts),
    )


@given(inspections())
def test_inspection_json_round_trip_is_exact(inspection: Inspection) -> None:
    assert Inspection.model_validate_json(inspection.model_dump_json()) == inspection


@given(inspections())
def test_every_owned_recommendation_is_listed_under_each_owner(inspection: Inspection) -> None:
    grouped = recommendations_by_owner(inspection)
    for recommendation in inspection.recommendations:
        for owner in recommendation.owners:
            assert recommendation in grouped[owner]
    assert sum(len(found) for found in grouped.values()) == sum(
        len(r.owners) for r in inspection.recommendations
    )


# --- the built-in scales' data file -----------------------------------------------------------


def _scales_file() -> dict[str, Any]:
    path = resources.files("safeguarding_model").joinpath("data", "judgement_scales.json")
    document: dict[str, Any] = json.loads(path.read_bytes())
    return document


def test_the_built_in_scales_are_the_data_files_scales_validated() -> None:
    listed = _scales_file()["scales"]
    assert list(builtin_scales()) == [item["id"] for item in listed]
    for item in listed:
        assert builtin_scales()[item["id"]] == JudgementScale.model_validate(item)
    assert builtin_scale("ofsted-sif-2013").valid_from == dt.date(2013, 11, 1)
    assert builtin_scale("hmicfrs-peel-2021").aliases["requiring improvement"] == (
        "requires improvement"
    )


def test_the_built_in_scales_cannot_be_changed() -> None:
    scales = builtin_scales()
    with pytest.raises(TypeError):
        scales["mine"] = THREE_POINT  # type: ignore[index]
    with pytest.raises(ValidationError):
        scales["cqc-2014"].grades = ("good", "bad")  # type: ignore[misc]
    assert builtin_scales() is scales


def test_a_scales_file_that_repeats_an_id_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    cqc = builtin_scale("cqc-2014")
    monkeypatch.setattr(scales_module, "_builtin_definitions", lambda: [cqc, cqc])
    scales_module._build_scales.cache_clear()
    try:
        with pytest.raises(InvalidInputError, match=r"scales\[1\]\.id: expected an id not used"):
            builtin_scales()
    finally:
        monkeypatch.undo()
        scales_module._build_scales.cache_clear()
    assert "cqc-2014" in builtin_scales()


def test_a_scale_in_the_data_files_form_with_a_bad_grade_is_refused() -> None:
    item = _scales_file()["scales"][0] | {"aliases": {"requiring improvement": "adequate"}}
    with pytest.raises(ValidationError, match=r"aliases\['requiring improvement'\]"):
        JudgementScale.model_validate(item)


# --- ids that name nothing --------------------------------------------------------------------


def test_an_unknown_scale_id_is_a_key_error_and_an_invalid_input_error() -> None:
    with pytest.raises(UnknownIdError) as error:
        builtin_scale("nope")
    assert isinstance(error.value, KeyError)
    assert isinstance(error.value, InvalidInputError)
    assert (error.value.field, error.value.value) == ("scale", "nope")
    assert str(error.value).startswith("scale: expected a built-in scale id (ofsted-sif-2013")
    with pytest.raises(KeyError):
        Judgement.from_printed("nope", "good")
    with pytest.raises(UnknownIdError, match="or the JudgementScale itself"):
        Judgement(scale=THREE_POINT.id, grade="good").rank()


# --- scales of a report's own -----------------------------------------------------------------


def _report(**parts: Any) -> AnnualReport:  # noqa: ANN401 - the report's parts
    return AnnualReport.model_validate(
        {"id": "t", "title": "T", "arrangement": "board", "area": {"name": "A"}}
        | {"period": "2015/16"}
        | parts
    )


def _audit(grade: str, inspectorate: str = "board") -> dict[str, Any]:
    overall = {"scale": THREE_POINT.id, "grade": grade}
    judged = {"scale": THREE_POINT.id, "grade": "poor", "aspect": "case recording"}
    return {
        "id": "audit-2016",
        "inspectorate": inspectorate,
        "subject": "case files",
        "scale": THREE_POINT.id,
        "overall": overall,
        "judgements": [judged],
    }


def test_a_report_resolves_its_own_scales_and_the_built_in_ones() -> None:
    report = _report(scales=[THREE_POINT.model_dump()], inspections=[_audit("Satisfactory")])
    inspection = report.inspections[0]
    assert inspection.overall is not None
    scale = report.scale(THREE_POINT.id)
    assert scale == THREE_POINT
    assert scale.parse(inspection.overall.grade) == "adequate"
    assert inspection.overall.better_than(inspection.judgements[0], scale=scale)
    assert report.scale("cqc-2014") is builtin_scale("cqc-2014")
    with pytest.raises(UnknownIdError, match="scale: expected one of the scales' ids") as error:
        report.scale("board-audit-2017")
    assert isinstance(error.value, KeyError)
    assert "board-audit-2016" in str(error.value)


def test_an_inspection_on_a_reports_scale_is_checked_against_that_scale() -> None:
    scales = [THREE_POINT.model_dump()]
    with pytest.raises(ValidationError, match=r"inspections\.0\.overall\.grade: expected a grade"):
        _report(scales=scales, inspections=[_audit("outstanding")])
    with pytest.raises(
        ValidationError, match=r"inspections\.0\.scale: expected a scale of the inspectorate 'cqc'"
    ):
        _report(scales=scales, inspections=[_audit("good", inspectorate="cqc")])


def test_an_unknown_indicator_or_observation_id_is_the_packages_own_key_error() -> None:
    report = load_example()
    with pytest.raises(UnknownIdError, match="indicator: expected the id of one of the") as error:
        report.indicator("nope")
    assert isinstance(error.value, KeyError)
    with pytest.raises(KeyError, match="observation: expected the id of one of the observations"):
        report.observation("nope")
    assert report.indicator("infant-mortality").id == "infant-mortality"


def test_the_old_name_of_an_inspection_finding_warns_and_still_works() -> None:
    import safeguarding_model  # noqa: PLC0415
    from safeguarding_model import inspections  # noqa: PLC0415

    with pytest.warns(
        DeprecationWarning, match=r"inspections\.Finding is deprecated.*InspectionFinding"
    ):
        assert inspections.Finding is InspectionFinding
    with pytest.warns(DeprecationWarning, match=r"safeguarding_model\.Finding is deprecated"):
        assert safeguarding_model.Finding is InspectionFinding
