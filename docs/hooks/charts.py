"""mkdocs hook: draw the documentation's charts at build time, from docs/examples/charts.py.

The pictures on the site are drawn by the library as it is when the site is built, so they cannot
fall behind the code. Each chart becomes two generated files under ``images/``: ``<name>.png`` for
the light colour scheme, and ``<name>-dark.png`` for the dark one, drawn on a transparent
background with its text, axes and black lines made light. Pages link to ``images/<name>.png``
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

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

EXAMPLE = Path(__file__).parent.parent / "examples" / "charts.py"

#: The colour that replaces black and dark greys in the dark variant: Material's slate text.
LIGHT_INK = "#e2e4e9"
#: The legend's background in the dark variant: close to Material's slate background.
DARK_PAPER = "#2e303e"

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


#: Below this spread between a colour's channels it is a grey (black included), not a data colour.
_NEUTRAL_SPREAD = 0.12
#: Below this relative luminance a grey is too dark to read on Material's slate background.
_DARK_LUMINANCE = 0.45


def _is_dark_ink(colour: object) -> bool:
    """Whether ``colour`` is black or a dark grey (not a data colour such as blue or red)."""
    from matplotlib.colors import to_rgba  # noqa: PLC0415 - matplotlib only when building

    try:
        red, green, blue, alpha = to_rgba(colour)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    grey = max(red, green, blue) - min(red, green, blue) < _NEUTRAL_SPREAD
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return alpha > 0 and grey and luminance < _DARK_LUMINANCE


def _lighten_line(line: Any) -> None:  # noqa: ANN401 - a matplotlib Line2D, untyped here
    for get, set_ in (
        (line.get_color, line.set_color),
        (line.get_markeredgecolor, line.set_markeredgecolor),
        (line.get_markerfacecolor, line.set_markerfacecolor),
    ):
        if _is_dark_ink(get()):
            set_(LIGHT_INK)


def _lighten_collection(collection: Any) -> None:  # noqa: ANN401 - a matplotlib Collection
    edges = collection.get_edgecolor()
    if len(edges) and all(_is_dark_ink(tuple(edge)) for edge in edges):
        collection.set_edgecolor(LIGHT_INK)
    faces = collection.get_facecolor()
    if len(faces) and all(_is_dark_ink(tuple(face)) for face in faces):
        collection.set_facecolor(LIGHT_INK)


def _darken(figure: Any) -> None:  # noqa: ANN401 - a matplotlib Figure, untyped here
    """Restyle ``figure`` in place for a dark page: light text, axes and neutral lines."""
    from matplotlib.collections import Collection  # noqa: PLC0415 - matplotlib only when building
    from matplotlib.legend import Legend  # noqa: PLC0415
    from matplotlib.lines import Line2D  # noqa: PLC0415
    from matplotlib.patches import Patch  # noqa: PLC0415
    from matplotlib.text import Text  # noqa: PLC0415

    for axes in figure.get_axes():
        axes.tick_params(colors=LIGHT_INK, which="both")
    for artist in figure.findobj():
        if isinstance(artist, Text) and _is_dark_ink(artist.get_color()):
            artist.set_color(LIGHT_INK)
        elif isinstance(artist, Line2D):
            _lighten_line(artist)
        elif isinstance(artist, Legend):
            artist.get_frame().set_facecolor(DARK_PAPER)
            artist.get_frame().set_edgecolor(LIGHT_INK)
        elif isinstance(artist, Patch) and _is_dark_ink(artist.get_edgecolor()):
            artist.set_edgecolor(LIGHT_INK)
        elif isinstance(artist, Collection):
            _lighten_collection(artist)


def _png(figure: Any, *, transparent: bool) -> bytes:  # noqa: ANN401 - a matplotlib Figure
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, transparent=transparent)
    return buffer.getvalue()


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every chart of ``docs/examples/charts.py`` as ``images/<name>.png`` and its dark twin."""
    _charts.clear()
    for name, figure in _figures().items():
        files.append(
            File.generated(config, f"images/{name}", content=_png(figure, transparent=False))
        )
        _charts.add(name.removesuffix(".png"))
    # the dark variants are drawn afresh, so that restyling cannot leak into the light ones
    for name, figure in _figures().items():
        _darken(figure)
        dark = f"images/{name.removesuffix('.png')}-dark.png"
        files.append(File.generated(config, dark, content=_png(figure, transparent=True)))
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
