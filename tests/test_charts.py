import io

import pytest

from safeguarding_model import load_example
from safeguarding_model.charts import funnel_chart, indicators_chart, series_chart

PNG = b"\x89PNG\r\n\x1a\n"


def _png(figure: object) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")  # type: ignore[attr-defined]
    return buffer.getvalue()


def test_indicators_chart_draws_one_bar_per_indicator_with_an_england_figure() -> None:
    report = load_example("lancashire-2015-16")
    figure = indicators_chart(report)
    axes = figure.get_axes()[0]
    assert (
        len(axes.patches) == 18 + 1 + 1 + 1
    )  # 18 health profile rows, CPP, CPP 2+ years, CLA rates
    assert _png(figure).startswith(PNG)


def test_series_chart_has_the_area_and_its_comparators() -> None:
    figure = series_chart(load_example("lancashire-2015-16"), "children-looked-after-rate")
    labels = [line.get_label() for line in figure.get_axes()[0].get_lines()]
    assert labels == ["Lancashire", "North West", "England"]
    assert _png(figure).startswith(PNG)


def test_funnel_chart_draws_the_limits_and_points() -> None:
    figure = funnel_chart([40, 90, 300], [100, 100, 1000])
    axes = figure.get_axes()[0]
    assert len(axes.get_lines()) == 5  # average and four limits
    assert len(axes.collections[0].get_offsets()) == 3
    assert _png(figure).startswith(PNG)


def test_an_unknown_indicator_is_refused() -> None:
    with pytest.raises(KeyError, match="indicator"):
        series_chart(load_example("lancashire-2015-16"), "nonsense")
