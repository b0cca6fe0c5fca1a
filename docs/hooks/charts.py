"""mkdocs hook: draw the documentation's charts at build time, from docs/examples/charts.py.

The pictures on the site are drawn by the library as it is when the site is built, so they cannot
fall behind the code. Each PNG becomes a generated file under ``images/``, which pages link to.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

EXAMPLE = Path(__file__).parent.parent / "examples" / "charts.py"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every chart of ``docs/examples/charts.py`` to the site as ``images/<name>.png``."""
    spec = importlib.util.spec_from_file_location("docs_charts", EXAMPLE)
    assert spec is not None  # noqa: S101 - the file is the repository's own
    assert spec.loader is not None  # noqa: S101
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for name, figure in module.figures().items():
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=90)
        files.append(File.generated(config, f"images/{name}", content=buffer.getvalue()))
    return files
