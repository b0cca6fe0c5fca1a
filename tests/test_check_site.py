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
