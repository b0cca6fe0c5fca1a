"""Compact tables of figures by period: read into observations, each cell with its provenance."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from safeguarding_model import AnnualReport, load_example, parse_value
from safeguarding_model.figure_tables import FigureTable
from safeguarding_model.io import load_report
from safeguarding_model.validation import validation_problems

if TYPE_CHECKING:
    from pathlib import Path

QUARTERS = ["2015/16 Q1", "2015/16 Q2", "2015/16 Q3", "2015/16 Q4"]

MISSING: dict[str, Any] = {
    "title": "Children Missing from Home/Care/Education",
    "section": "1",
    "area": "Lancashire",
    "columns": QUARTERS,
    "headers": ["Q1", "Q2", "Q3", "Q4"],
    "rows": [
        {
            "indicator": "missing-from-home",
            "label": "Missing from home",
            "cells": ["503", "514", "522", "527"],
            "lines": [273, 274, 275, 276],
        },
        {
            "indicator": "missing-from-home-who-were-cla",
            "label": "% missing who were CLA",
            "cells": ["17.6%", "23.1%", "24.3%", "16.8%"],
            "lines": [280, 281, 282, 283],
        },
        {
            "indicator": "missing-from-education",
            "label": "Missing from education",
            "cells": ["286", "376", "424", "505"],
            "lines": [287, 288, 289, 290],
        },
    ],
}
"""The Lancashire report's table of children missing by quarter, written compactly."""


def _key(observation: Any) -> tuple[object, ...]:  # noqa: ANN401 - an Observation
    where = observation.provenance
    return (
        observation.indicator,
        observation.area,
        observation.period,
        observation.value,
        (where.section, where.table, where.row, where.column, where.line),
    )


def test_the_lancashire_missing_table_written_compactly_gives_the_bundled_figures() -> None:
    bundled = load_example()
    written_out = [
        o for o in bundled.observations if o.indicator in {r["indicator"] for r in MISSING["rows"]}
    ]
    compact = FigureTable.model_validate(MISSING).observations()
    assert [_key(o) for o in compact] == [_key(o) for o in written_out]
    assert len(compact) == 12


def _report(**fields: Any) -> dict[str, Any]:  # noqa: ANN401 - any field of a report
    return {
        "id": "x",
        "title": "X",
        "arrangement": "board",
        "area": {"name": "L"},
        "period": "2015/16",
        "indicators": [
            {"id": "m", "name": "Missing", "kind": "count"},
            {"id": "p", "name": "Share", "kind": "percentage"},
        ],
        **fields,
    }


TABLE: dict[str, Any] = {
    "title": "Quarterly",
    "area": "L",
    "columns": [*QUARTERS, "2015/16"],
    "headers": ["Q1", "Q2", "Q3", "Q4", "Year (Total)"],
    "rows": [
        {"indicator": "m", "label": "Missing", "cells": ["5", "6", None, "8", "19"], "line": 9},
        {
            "indicator": "p",
            "label": "Share",
            "cells": ["10%", "TBC", "12%", "13%", None],
            "area": "England",
            "note": "as printed",
        },
    ],
}


def test_a_report_reads_its_tables_into_observations_after_those_written_out() -> None:
    written = {"indicator": "m", "area": "L", "period": "2014/15", "value": parse_value("4")}
    report = AnnualReport.model_validate(_report(observations=[written], tables=[TABLE]))
    assert report.tables == ()
    seen = [(o.indicator, o.area, str(o.period), o.value.printed) for o in report.observations]
    assert seen == [
        ("m", "L", "2014/15", "4"),
        ("m", "L", "2015/16 Q1", "5"),
        ("m", "L", "2015/16 Q2", "6"),
        ("m", "L", "2015/16 Q4", "8"),  # the blank Q3 gives no figure
        ("m", "L", "2015/16", "19"),
        ("p", "England", "2015/16 Q1", "10%"),
        ("p", "England", "2015/16 Q2", "TBC"),
        ("p", "England", "2015/16 Q3", "12%"),
        ("p", "England", "2015/16 Q4", "13%"),
    ]
    year = report.observations[4]
    assert year.provenance is not None
    assert (year.provenance.table, year.provenance.row, year.provenance.column) == (
        "Quarterly",
        "Missing",
        "Year (Total)",
    )
    assert year.provenance.line == 9
    assert report.observations[2].value.status.value == "final"
    assert report.observations[6].value.status.value == "missing"
    assert [o.note for o in report.observations[5:]] == [None, None, None, "as printed"]


def test_a_read_report_round_trips_through_json() -> None:
    report = AnnualReport.model_validate(_report(tables=[TABLE]))
    again = AnnualReport.model_validate_json(report.model_dump_json())
    assert again == report
    assert len(again.observations) == len(report.observations) == 8


def test_a_yaml_file_may_write_a_table(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "id: x\ntitle: X\narrangement: board\narea: {name: L}\nperiod: 2015/16\n"
        "indicators:\n  - {id: m, name: Missing, kind: count}\n"
        "tables:\n  - area: L\n    columns: [2015/16 Q1, 2015/16 Q2]\n"
        '    rows:\n      - {indicator: m, label: Missing, cells: ["503", "514"], line: 4}\n',
        encoding="utf-8",
    )
    report = load_report(path)
    assert [o.value.number for o in report.observations] == [503, 514]


@pytest.mark.parametrize(
    ("change", "path", "expected"),
    [
        ({"cells": ["5", "6", None, "8"]}, "tables.0.rows.0.cells", "5 cells, one a column"),
        ({"cells": ["5", "6", "7", "8", "lots"]}, "tables.0.rows.0.cells.4", "a printed figure"),
        ({"lines": [1, 2]}, "tables.0.rows.0.lines", "5 lines, one a column"),
        ({"cells": ["5", "6", "7", "8", 9]}, "tables.0.rows.0.cells.4", "text"),
    ],
)
def test_a_bad_table_is_refused_with_the_cells_place(
    change: dict[str, Any], path: str, expected: str
) -> None:
    table = {**TABLE, "rows": [{**TABLE["rows"][0], **change, "line": None}]}
    with pytest.raises(ValidationError) as refused:
        AnnualReport.model_validate(_report(tables=[table]))
    (problem,) = validation_problems(refused.value)
    assert problem.path == path
    assert expected in problem.expected


def test_a_table_of_an_unknown_indicator_is_refused_like_an_observation() -> None:
    table = {**TABLE, "rows": [{**TABLE["rows"][0], "indicator": "nope"}]}
    with pytest.raises(ValidationError) as refused:
        AnnualReport.model_validate(_report(tables=[table]))
    assert "nope" in str(refused.value)


CELLS = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10**6).map(str),
    st.decimals(min_value=0, max_value=100, places=1).map(lambda d: f"{d}%"),
    st.sampled_from(["TBC", "N/A", "1400 (tbc)"]),
)


@given(st.lists(st.lists(CELLS, min_size=4, max_size=4), min_size=1, max_size=6))
def test_every_printed_cell_is_one_observation_reading_as_printed(
    grid: list[list[str | None]],
) -> None:
    table = FigureTable.model_validate(
        {
            "area": "L",
            "columns": QUARTERS,
            "rows": [{"indicator": "m", "cells": row, "line": n + 1} for n, row in enumerate(grid)],
        }
    )
    observations = table.observations()
    printed = [(n + 1, q, cell) for n, row in enumerate(grid) for q, cell in enumerate(row) if cell]
    assert len(observations) == len(printed)
    for observation, (line, quarter, cell) in zip(observations, printed, strict=True):
        assert observation.value == parse_value(cell)
        assert str(observation.period) == QUARTERS[quarter]
        assert observation.provenance is not None
        assert observation.provenance.line == line
