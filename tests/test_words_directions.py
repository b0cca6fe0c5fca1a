"""Directions of travel from values alone have their own words, never significance's."""

import json
import math
import re
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_model import (
    Direction,
    DirectionMethod,
    InvalidInputError,
    Polarity,
    direction_of_travel,
    load_example,
    scorecard,
)
from safeguarding_model.render import render_report

TESTED = frozenset(
    {
        Direction.IMPROVING,
        Direction.WORSENING,
        Direction.INCREASING,
        Direction.DECREASING,
        Direction.NO_SIGNIFICANT_CHANGE,
    }
)
SIGNIFICANCE_WORDS = frozenset({"Better", "Worse", "Stable", "Increasing", "Decreasing"})
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize(
    ("direction", "word"),
    [
        (Direction.HIGHER_NOT_TESTED, "Higher, not tested"),
        (Direction.LOWER_NOT_TESTED, "Lower, not tested"),
        (Direction.WITHIN_ROUNDING, "Within rounding"),
        (Direction.NO_CHANGE, "Same"),
    ],
)
def test_value_only_directions_have_their_own_words(direction: Direction, word: str) -> None:
    assert direction.source_word == word
    assert not direction.tested
    assert Direction.from_source_word(word) is direction
    assert Direction.from_source_word(f"  {word.upper()} ") is direction
    assert Direction.from_source_word(word.replace(",", "")) is direction


def test_every_word_reads_back_as_its_direction() -> None:
    for direction in Direction:
        assert Direction.from_source_word(direction.source_word) is direction
    assert {d for d in Direction if d.tested} == TESTED
    # The source's printed words still read as before.
    assert Direction.from_source_word("Better") is Direction.IMPROVING
    assert Direction.from_source_word("stable") is Direction.NO_SIGNIFICANT_CHANGE
    assert Direction.from_source_word("No significant change") is Direction.NO_SIGNIFICANT_CHANGE
    assert Direction.from_source_word("unchanged") is Direction.NO_CHANGE
    with pytest.raises(
        InvalidInputError, match=r"^word: expected one of .*lower not tested.*'sideways'"
    ):
        Direction.from_source_word("sideways")


def test_of_values_takes_floats_and_printed_decimals() -> None:
    assert Direction.of_values(Decimal("4.8") - Decimal("5.1"), rounding=Decimal("0.1")) is (
        Direction.LOWER_NOT_TESTED
    )
    assert Direction.of_values(Decimal("0.1"), rounding=Decimal("0.1")) is (
        Direction.WITHIN_ROUNDING
    )
    assert Direction.of_values(0.5) is Direction.HIGHER_NOT_TESTED
    assert Direction.of_values(Decimal(0)) is Direction.NO_CHANGE
    assert Direction.of_values(math.nan) is Direction.NOT_COMPARED
    with pytest.raises(InvalidInputError, match=r"^rounding: expected a number of at least 0"):
        Direction.of_values(1.0, rounding=-0.1)


def test_the_bundled_scorecard_says_lower_not_tested_for_infant_mortality() -> None:
    rows = scorecard(load_example())
    infant = next(row for row in rows if row.indicator.id == "infant-mortality")
    assert infant.latest.value.printed == "4.8"
    assert infant.previous is not None
    assert infant.previous.value.printed == "5.1"
    assert infant.latest.stated_direction is Direction.NO_SIGNIFICANT_CHANGE  # the report's
    assert infant.computed_direction is Direction.LOWER_NOT_TESTED
    assert infant.computed_direction.source_word == "Lower, not tested"
    assert not any(row.computed_direction.tested for row in rows)
    shown = {row.computed_direction for row in rows}
    assert {Direction.HIGHER_NOT_TESTED, Direction.WITHIN_ROUNDING} <= shown


@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=False, width=32), min_size=1, max_size=5),
    st.lists(st.floats(allow_nan=True, allow_infinity=False, width=32), min_size=1, max_size=5),
    st.floats(min_value=0, max_value=1e6),
    st.sampled_from(list(Polarity)),
)
def test_the_tolerance_method_never_claims_a_test(
    previous: list[float], current: list[float], tolerance: float, polarity: Polarity
) -> None:
    size = min(len(previous), len(current))
    arrays = direction_of_travel(
        np.array(previous[:size]), np.array(current[:size]), polarity=polarity, tolerance=tolerance
    )
    scalar = direction_of_travel(previous[0], current[0], polarity=polarity, tolerance=tolerance)
    assert arrays.method is scalar.method is DirectionMethod.TOLERANCE
    directions = [Direction(code) for code in arrays.direction.tolist()] + [scalar.direction]
    assert not TESTED & set(directions)
    assert Direction(str(arrays.direction[0])) is scalar.direction


def _computed_column(text: str) -> list[str]:
    """The cells under each "computed" header of the text report's tables."""
    cells: list[str] = []
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("indicator ") or " computed" not in line:
            continue
        start = line.index(" computed") + 1
        after = re.search(r"\S", line[start + len("computed") :])
        end = None if after is None else start + len("computed") + after.start()
        for row in lines[number + 2 :]:
            if not row.strip():
                break
            cells.append(row[start:end].strip())
    return cells


def test_no_format_shows_significance_words_for_the_computed_direction() -> None:
    report = load_example()
    data = json.loads(render_report(report, output_format="json"))
    computed = [row["computed_direction"] for row in data["scorecard"]]
    assert "lower_not_tested" in computed
    assert not {Direction(value) for value in computed} & TESTED

    markdown = render_report(report, output_format="markdown")
    header = next(line for line in markdown.splitlines() if "| computed travel |" in line)
    position = [cell.strip() for cell in header.split("|")].index("computed travel")
    table = markdown[markdown.index(header) :].split("\n\n", 1)[0].splitlines()[2:]
    markdown_cells = [[cell.strip() for cell in line.split("|")][position] for line in table]
    assert "Lower, not tested" in markdown_cells
    assert not set(markdown_cells) & SIGNIFICANCE_WORDS

    html = render_report(report, output_format="html")
    html_cells = re.findall(r'<div class="trend">.*?<small>([^<]*)</small></div>', html)
    assert "Lower, not tested" in html_cells
    assert len(html_cells) > 10
    assert not set(html_cells) & SIGNIFICANCE_WORDS

    text = render_report(report, output_format="text", width=120, sections=["indicators"])
    text_cells = _computed_column(text)
    assert "Lower, not tested" in text_cells
    assert len(text_cells) > 10
    assert not set(text_cells) & SIGNIFICANCE_WORDS


def test_the_terminal_does_not_colour_a_value_only_direction() -> None:
    text = render_report(load_example(), colour=True, width=120, sections=["indicators"])
    assert "Lower, not tested" in text
    assert "\x1b[" in text  # colour is on: headings are styled
    for line in text.splitlines():
        if "not tested" in line or "Within rounding" in line:
            travel = line[line.rindex("  ") :]
            assert not SGR.search(travel), repr(line)
