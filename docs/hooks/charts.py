"""mkdocs hook: draw the documentation's charts at build time, from docs/examples/charts.py.

The pictures on the site are drawn by the library as it is when the site is built, so they cannot
fall behind the code. Each chart becomes two generated files under ``images/``: ``<name>.png`` for
the light colour scheme, and ``<name>-dark.png`` for the dark one, drawn on a transparent
background with its text, axes and black lines made light
(``safeguarding_model.charts.for_dark_background``). Pages link to ``images/<name>.png``
only; this hook turns each such ``<img>`` into the pair, marked with Material's ``#only-light``
and ``#only-dark`` suffixes so that each scheme shows its own.
"""

from __future__ import annotations

import importlib.util
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File

from safeguarding_model.charts import for_dark_background

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

EXAMPLE = Path(__file__).parent.parent / "examples" / "charts.py"

_IMG = re.compile(r'<img\b[^>]*\bsrc="(?P<src>[^"#]*images/(?P<name>[^"/#]+)\.png)"[^>]*>')
_charts: set[str] = set()


def _figures() -> dict[str, Any]:
    spec = importlib.util.spec_from_file_location("docs_charts", EXAMPLE)
    assert spec is not None  # noqa: S101 - the file is the repository's own
    assert spec.loader is not None  # noqa: S101
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    figures: dict[str, Any] = module.figures()
    return figures


def _png(figure: Any, *, transparent: bool) -> bytes:  # noqa: ANN401 - a matplotlib Figure
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, transparent=transparent)
    return buffer.getvalue()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every chart of ``docs/examples/charts.py`` as ``images/<name>.png`` and its dark twin."""
    _charts.clear()
    for name, figure in _figures().items():
        light = _png(figure, transparent=False)  # saved before the restyling below
        files.append(File.generated(config, f"images/{name}", content=light))
        dark = _png(for_dark_background(figure), transparent=True)
        files.append(
            File.generated(config, f"images/{name.removesuffix('.png')}-dark.png", content=dark)
        )
        _charts.add(name.removesuffix(".png"))
    return files


def _pair(match: re.Match[str]) -> str:
    if match["name"] not in _charts:
        return match[0]
    source = match["src"]
    light = match[0].replace(f'src="{source}"', f'src="{source}#only-light"')
    dark_source = source.removesuffix(".png") + "-dark.png#only-dark"
    dark = match[0].replace(f'src="{source}"', f'src="{dark_source}"')
    return light + dark


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Show each chart's light PNG in the light scheme and its dark PNG in the dark one."""
    del page, config, files
    return _IMG.sub(_pair, html)
