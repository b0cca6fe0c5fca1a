r"""Escapers for text that comes from a user's file, one for each kind of output.

A report's free text (titles, area, indicator and agency names, labels, claims, notes …) is
kept as printed in the records and escaped only where it is written out, by the escaper of the
format being written. Every escaper applies the same two rules first:

- a line break (``\n``, ``\r``, ``\v``, ``\f``, U+0085, U+2028, U+2029) and a tab become one
  space each: a user's string never starts a new line;
- any other control character (C0, DEL, C1), a bidirectional formatting character (U+061C,
  U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and a lone surrogate is made visible as its
  Python escape (``\x1b``, ``\u202e``, ``\ud800``): no escape sequence reaches a terminal, and
  no text is shown reordered.

Then each format escapes what is special to it: ``escape_terminal`` nothing more,
``escape_markdown`` Markdown and HTML, ``escape_html`` HTML, ``escape_chart`` matplotlib's
mathtext. The library's own markup (headings, table rules, colour codes) is never escaped.
``escape_json`` writes the characters ``json.dumps`` leaves raw as ``\uXXXX``.
"""

from __future__ import annotations

import re
import string

__all__ = ["escape_chart", "escape_html", "escape_json", "escape_markdown", "escape_terminal"]

#: Line breaks (as terminals and ``str.splitlines`` know them) and the tab: each becomes a space.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\t\n\v\f\r\x85\u2028\u2029", " "))

#: Characters shown as their Python escape: the other C0 controls, DEL, the other C1 controls,
#: the bidirectional formatting characters, and lone surrogates (which cannot be encoded).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)

#: What ``json.dumps(..., ensure_ascii=False)`` writes raw that a terminal may act on.
_JSON_RAW = re.compile(
    "[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

#: Markdown: characters Python-Markdown (the renderer of mkdocs) takes a backslash escape for,
#: but brackets and parentheses (``\(``, ``\[`` open TeX maths with pymdownx.arithmatex).
_MARKDOWN_BACKSLASHED = "\\`*_{}#+-.!"

#: Markdown: characters written as HTML references, because a backslash does not protect them
#: everywhere: HTML's own (``& < > "``), the table cell separator (``|``; a reference works with
#: or without the tables extension), links' and images' brackets and parentheses, and those that
#: common extensions turn into markup (pymdownx emoji ``:``, mark ``=``, tilde ``~``, caret
#: ``^``, arithmatex ``$``, magiclink ``@``; definition lists ``:``).
_MARKDOWN_REFERENCES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "|": "&#124;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    ":": "&#58;",
    "=": "&#61;",
    "~": "&#126;",
    "^": "&#94;",
    "$": "&#36;",
    "@": "&#64;",
}

_MARKDOWN = str.maketrans(
    {char: "\\" + char for char in _MARKDOWN_BACKSLASHED} | _MARKDOWN_REFERENCES
)

#: Markdown: a punctuation character that starts the text is written as a reference whatever it
#: is, so that no block syntax of an extension can start there (``!!!``, ``???``, ``///``, ``%``).
_PUNCTUATION = frozenset(string.punctuation)

_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})

_SPACES = re.compile(" {2,}")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def escape_terminal(text: str) -> str:
    r"""``text`` made safe to print on a terminal, on one line.

    Line breaks and tabs become spaces; other control characters, bidirectional formatting
    characters and lone surrogates are shown as their Python escapes. Everything else,
    backslashes included, is unchanged, so escaping twice changes nothing.

    Examples:
        >>> from safeguarding_model._escape import escape_terminal
        >>> print(escape_terminal("Board\x1b]0;pwned\x07 report\nerror [fake] \u202e"))
        Board\x1b]0;pwned\x07 report error [fake] \u202e
    """
    return _INVISIBLE.sub(_visible, text.translate(_LINE_BREAKS))


def escape_markdown(text: str) -> str:
    r"""``text`` as Markdown that renders as exactly that text, on one line, with no markup.

    After ``escape_terminal``, runs of spaces become one space and leading and trailing spaces
    are dropped (HTML shows them so anyway; this way no indented code block or hard line break
    can form). Markdown's punctuation ``\ ` * _ { } # + - . !`` is backslash-escaped;
    ``& < > " | [ ] ( )`` and the characters extensions use, ``: = ~ ^ $ @``, are written as
    HTML references, and so is any punctuation character the text starts with (no block syntax
    of an extension, such as ``!!!`` or ``///``, can start there). Safe at the start of a line,
    in a paragraph, a heading, a list item and a table cell.

    Examples:
        >>> from safeguarding_model._escape import escape_markdown
        >>> print(escape_markdown("[x](javascript:alert(1)) <b>a|b</b>"))
        &#91;x&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &lt;b&gt;a&#124;b&lt;/b&gt;
    """
    line = _SPACES.sub(" ", escape_terminal(text)).strip(" ")
    if line[:1] in _PUNCTUATION:
        return f"&#{ord(line[0])};{line[1:].translate(_MARKDOWN)}"
    return line.translate(_MARKDOWN)


def escape_html(text: str) -> str:
    r"""``text`` as HTML character data or a quoted attribute value, on one line.

    After ``escape_terminal``, ``& < > " '`` become character references.

    Examples:
        >>> from safeguarding_model._escape import escape_html
        >>> print(escape_html('<img src=x onerror="alert(1)">\x1b[2J'))
        &lt;img src=x onerror=&quot;alert(1)&quot;&gt;\x1b[2J
    """
    return escape_terminal(text).translate(_HTML)


def escape_chart(text: str) -> str:
    r"""``text`` as a matplotlib label that is shown as written, never as mathtext.

    After ``escape_terminal``, every ``$`` is escaped as ``\$``: matplotlib then finds no
    mathtext and shows a ``$``. Draw the label with ``usetex=False`` too, so that a user's
    ``text.usetex`` setting does not hand it to TeX.

    Examples:
        >>> from safeguarding_model._escape import escape_chart
        >>> print(escape_chart("costs in $ and $x^$"))
        costs in \$ and \$x^\$
    """
    return escape_terminal(text).replace("$", "\\$")


def escape_json(dumped: str) -> str:
    r"""JSON text from ``json.dumps`` with the characters it leaves raw written as ``\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes C0 controls but writes DEL, C1 controls,
    line and paragraph separators, bidirectional formatting characters and lone surrogates as
    they are; outside strings its output is ASCII, so escaping them keeps the same data.

    Examples:
        >>> import json
        >>> from safeguarding_model._escape import escape_json
        >>> print(escape_json(json.dumps({"name": "a\x9b2Jb\u202e"}, ensure_ascii=False)))
        {"name": "a\u009b2Jb\u202e"}
        >>> json.loads(escape_json(json.dumps("a\x9bb", ensure_ascii=False)))
        'a\x9bb'
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
