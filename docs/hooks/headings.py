"""mkdocs hook: let long names in headings and table cells wrap after a "." or "_" only.

A heading such as ``safeguarding_model.statistics.significance`` or a table cell holding
``compare_proportion_with_benchmark`` is one long word to the browser: it either overflows the
column or, with Material's ``word-break: break-word``, breaks anywhere, mid-word. This hook puts a
``<wbr>`` (a break opportunity that adds no text, so search and copying are unchanged) after every
"." and "_" between two word characters in the text of ``h1``-``h6`` and of table cells' ``code``;
``docs/stylesheets/extra.css`` then forbids the breaks anywhere else.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

_HEADING = re.compile(r"(<h([1-6])\b[^>]*>)(.*?)(</h\2>)", re.DOTALL)
_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.DOTALL)
_CODE = re.compile(r"(<code\b[^>]*>)(.*?)(</code>)", re.DOTALL)
_TAG = re.compile(r"(<[^>]*>|&[#\w]+;)")
_JOINT = re.compile(r"(?<=\w)([._])(?=\w)")


def _hint(html: str) -> str:
    """``html`` with a ``<wbr>`` after each "." and "_" of its text, tags left alone."""
    pieces = _TAG.split(html)
    return "".join(
        piece if index % 2 else _JOINT.sub(r"\1<wbr>", piece) for index, piece in enumerate(pieces)
    )


def _hint_code(cell: str) -> str:
    return _CODE.sub(lambda match: match[1] + _hint(match[2]) + match[3], cell)


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Add the break hints to the headings and table cells of a page's HTML."""
    del page, config, files
    html = _HEADING.sub(lambda match: match[1] + _hint(match[3]) + match[4], html)
    return _CELL.sub(lambda match: match[1] + _hint_code(match[2]) + match[3], html)
