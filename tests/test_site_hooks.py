"""The documentation build's hooks: break hints in headings, and charts for the dark scheme."""

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

HOOKS = Path(__file__).parent.parent / "docs" / "hooks"


def _hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"hook_{name}", HOOKS / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _content(module: ModuleType, html: str) -> str:
    result: str = module.on_page_content(html, page=None, config=None, files=None)
    return result


def test_names_in_headings_may_break_after_dots_and_underscores_only() -> None:
    html = (
        '<h1 id="safeguarding_model.statistics"><code>safeguarding_model.statistics</code>'
        '<a class="headerlink" href="#safeguarding_model.statistics">&para;</a></h1>'
    )
    assert _content(_hook("headings"), html) == (
        '<h1 id="safeguarding_model.statistics"><code>safeguarding_<wbr>model.<wbr>statistics'
        '</code><a class="headerlink" href="#safeguarding_model.statistics">&para;</a></h1>'
    )


def test_code_in_table_cells_gets_hints_and_the_rest_of_the_page_is_untouched() -> None:
    html = (
        "<p>see safeguarding_model.rates</p><pre><code>a_b.c</code></pre>"
        "<table><tr><td><code>rate_ci</code> per 1.5</td></tr></table><h2>Ends. Here _</h2>"
    )
    assert _content(_hook("headings"), html) == (
        "<p>see safeguarding_model.rates</p><pre><code>a_b.c</code></pre>"
        "<table><tr><td><code>rate_<wbr>ci</code> per 1.5</td></tr></table><h2>Ends. Here _</h2>"
    )


def test_a_chart_is_shown_light_in_the_light_scheme_and_dark_in_the_dark_one() -> None:
    charts = _hook("charts")
    charts._charts.add("trend")
    html = '<p><img alt="A trend" src="../images/trend.png" /><img src="../images/photo.png"></p>'
    assert _content(charts, html) == (
        '<p><img alt="A trend" src="../images/trend.png#only-light" />'
        '<img alt="A trend" src="../images/trend-dark.png#only-dark" />'
        '<img src="../images/photo.png"></p>'
    )


def test_the_dark_variant_turns_black_ink_light_and_keeps_data_colours() -> None:
    pytest.importorskip("matplotlib")
    from matplotlib.colors import to_hex  # noqa: PLC0415 - only with the plot extra
    from matplotlib.figure import Figure  # noqa: PLC0415

    from safeguarding_model.charts import DARK_INK, DARK_PAPER, for_dark_background  # noqa: PLC0415

    figure: Any = Figure()
    axes = figure.add_subplot()
    (black,) = axes.plot([0, 1], [0, 1], color="black", label="black")
    (grey,) = axes.plot([0, 1], [0.5, 0.5], color="#555555", marker="o", label="grey")
    (blue,) = axes.plot([0, 1], [1, 0], color="tab:blue")
    axes.set_title("A title")
    legend = axes.legend()
    assert for_dark_background(figure) is figure
    assert to_hex(black.get_color()) == DARK_INK
    assert to_hex(grey.get_color()) == DARK_INK
    assert to_hex(grey.get_markerfacecolor()) == DARK_INK
    assert to_hex(blue.get_color()) == to_hex("tab:blue")
    assert to_hex(axes.title.get_color()) == DARK_INK
    assert to_hex(axes.xaxis.get_ticklabels()[0].get_color()) == DARK_INK
    assert to_hex(legend.get_frame().get_facecolor()) == DARK_PAPER
