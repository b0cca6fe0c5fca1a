"""The link check of ``scripts/check_site.py`` finds broken files and anchors, and only those."""

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).parent.parent / "scripts" / "check_site.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_site", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_a_site_whose_links_resolve_has_no_broken_links(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="guide/">guide</a> <a href="guide/#step-2">step</a>'
            ' <a href="#top" id="top">top</a> <img src="images/chart.png">'
            ' <a href="https://example.org/missing">out</a> <a href="mailto:a@b.c">mail</a>',
            "guide/index.html": '<h2 id="step-2">Step 2</h2><a href="../index.html#top">home</a>',
            "images/chart.png": "",
        },
    )
    assert list(_script().broken_links(site)) == []


def test_missing_files_and_anchors_are_reported(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.html": '<a href="nowhere/">a</a> <a href="guide/#step-3">b</a>',
            "guide/index.html": '<h2 id="step-2">Step 2</h2><img src="../images/gone.png">',
        },
    )
    broken = sorted(_script().broken_links(site))
    assert broken == [
        "guide/index.html: link '../images/gone.png' points to a missing file images/gone.png",
        "index.html: link 'guide/#step-3' points to a missing anchor #step-3",
        "index.html: link 'nowhere/' points to a missing file nowhere/index.html",
    ]


def test_a_directory_without_a_built_site_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        _script().main([str(tmp_path)])
    assert raised.value.code == 2


def _chromium() -> str:
    try:
        chromium: str = _script()._find_chromium(None)
    except SystemExit:
        pytest.skip("no Chromium on this machine: the browser check cannot run")
    return chromium


#: A page's dark background, as Material's slate scheme gives it.
_DARK = "<style>@media (prefers-color-scheme: dark) { body { background: #1e2129; } }</style>"


def _svg(body: str, background: str = "none") -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="150">'
        f'<rect width="300" height="150" fill="{background}"/>{body}</svg>'
    )


#: A chart's lines and a word of text: light ink, visible on a dark page.
_LIGHT_INK = (
    '<polyline points="10,140 80,60 150,90 290,10" stroke="#e2e4e9" stroke-width="3" fill="none"/>'
    '<text x="10" y="20" fill="#e2e4e9" font-size="16">rate per 10,000</text>'
)

#: One page per fault the layout check looks for, and one page with none of them.
_PAGES = {
    "clean.html": _DARK + '<main style="width:600px"><h1 style="font-size:20px;width:260px">'
    "safeguarding_model.<wbr>statistics.<wbr>significance</h1>"
    '<pre><code style="display:block;overflow:auto;white-space:pre-wrap">'
    + "compare(looked_after, 60.0, polarity=Polarity.NO_JUDGEMENT) "
    * 5
    + "</code></pre><table><tr><td>a</td><td>b</td></tr></table>"
    '<img src="chart-dark.svg" alt="a chart for a dark page"></main>',
    "code.html": _DARK
    + '<main style="width:600px"><pre><code style="display:block;overflow:auto">'
    + "x = compare_proportion_with_benchmark("
    + "looked_after, " * 20
    + ")</code></pre></main>",
    "table.html": _DARK
    + '<main style="width:300px"><table><tr>'
    + '<td style="white-space:nowrap">'
    + "a wide cell " * 10
    + "</td></tr></table></main>",
    "heading.html": _DARK + '<h2 style="width:200px;overflow-wrap:anywhere">'
    "compare_proportion_with_benchmark</h2>",
    "white.html": _DARK + '<img src="chart-white.svg" alt="a chart drawn for a light page">',
    "blank.html": _DARK + '<img src="blank.svg" alt="a chart with nothing in it">',
    "chart-dark.svg": _svg(_LIGHT_INK),
    "chart-white.svg": _svg('<line x1="0" y1="75" x2="300" y2="75" stroke="black"/>', "white"),
    "blank.svg": _svg(""),
}


@pytest.fixture(scope="module")
def layout_faults(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    chromium = _chromium()
    root = tmp_path_factory.mktemp("site")
    for name, text in _PAGES.items():
        body = text if name.endswith(".svg") else f"<!DOCTYPE html><html><body>{text}</body></html>"
        (root / name).write_text(body, encoding="utf-8")
    faults: list[str] = _script().check_in_browser(root, chromium, root / "shots", [], pages={})
    return faults


def _faults_of(faults: list[str], page: str) -> list[str]:
    return [fault.split(": ", 1)[1] for fault in faults if fault.startswith(f"{page} ")]


def test_every_page_of_the_site_is_checked_in_the_dark_scheme(layout_faults: list[str]) -> None:
    pages = {fault.split(" ", 1)[0] for fault in layout_faults}
    assert pages == {"code.html", "table.html", "heading.html", "white.html", "blank.html"}
    assert all(" (dark, 1280x900): " in fault for fault in layout_faults)


def test_a_page_without_faults_passes(layout_faults: list[str]) -> None:
    assert _faults_of(layout_faults, "clean.html") == []


def test_a_code_block_that_scrolls_sideways_is_found(layout_faults: list[str]) -> None:
    (fault,) = _faults_of(layout_faults, "code.html")
    assert fault.startswith("code block scrolls sideways (")
    assert '"x = compare_proportion_with_benchmark(looked_after, looked_a…"' in fault


def test_a_table_wider_than_its_column_is_found(layout_faults: list[str]) -> None:
    faults = _faults_of(layout_faults, "table.html")
    assert any(fault.startswith("table wider than its column: ") for fault in faults)


def test_a_heading_broken_mid_word_is_found(layout_faults: list[str]) -> None:
    (fault,) = _faults_of(layout_faults, "heading.html")
    assert fault.startswith('heading word "compare_proportion_with_benchmark" broken across ')


def test_a_white_image_on_a_dark_page_is_found(layout_faults: list[str]) -> None:
    (fault,) = _faults_of(layout_faults, "white.html")
    assert fault.startswith("image is mostly white (")
    assert fault.endswith("%): chart-white.svg")


def test_a_blank_image_is_found(layout_faults: list[str]) -> None:
    assert _faults_of(layout_faults, "blank.html") == ["image is one uniform colour: blank.svg"]


def test_a_page_the_check_must_open_is_reported_when_missing(tmp_path: Path) -> None:
    chromium = _chromium()
    site = _site(tmp_path, {"index.html": "<h1>Home</h1>"})
    faults = _script().check_in_browser(
        site, chromium, tmp_path / "shots", [], pages={"guide": "guide/index.html"}
    )
    assert faults == ["guide/index.html: missing from the site, so it could not be opened"]
