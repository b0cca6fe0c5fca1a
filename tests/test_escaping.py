"""Output that cannot inject: a report's strings escaped for the terminal, Markdown, HTML, charts."""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from safeguarding_model import AnnualReport, load_example
from safeguarding_model._escape import (
    escape_chart,
    escape_html,
    escape_json,
    escape_markdown,
    escape_terminal,
)
from safeguarding_model._terminal import findings_text
from safeguarding_model.charts import indicators_chart, trend_chart
from safeguarding_model.checks import Severity, check
from safeguarding_model.cli import main
from safeguarding_model.io import load_report
from safeguarding_model.reconciliation import reconcile
from safeguarding_model.render import render_reconciliation, render_report

if TYPE_CHECKING:
    from pathlib import Path

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](http://x/y.png)",
    "`code`",
    "a|b",
    "line1\nerror [budget_arithmetic] fake",
    "\x1b]0;pwned\x07",
    "\x1b[2J",
    "\r",
    "\b",
    "\u202e",
    "$x$ and $y$",
    # beyond the brief's list: Markdown extensions, entities, Python-Markdown's placeholders
    '\n--8<-- "secret.txt"\n',
    ":smile: ==mark== ~~del~~ ^^ins^^ *[HTML]: x",
    "&lt;b&gt; &#60;i&#62;",
    "\x02wzxhzdk:0\x03",
    "\x9b31m \x85 \u2028 \u2066 \ud800",
)
PAYLOAD = " " + " ".join(PAYLOADS)

#: Keys whose strings are free text in a report file, and get the payload.
FREE_TEXT = {
    "title",
    "name",
    "group",
    "label",
    "text",
    "note",
    "subject",
    "section",
    "source",
    "learning_points",
    "priorities",
    "commissioned_by",
    "owners",
}

#: Characters no user string may put on a terminal (the text report's own line breaks aside).
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]"
)

#: Every element the Markdown format itself writes.
MARKDOWN_ELEMENTS = {
    "h1",
    "h2",
    "p",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "ul",
    "li",
    "pre",
}

#: Every element the HTML format itself writes.
HTML_ELEMENTS = MARKDOWN_ELEMENTS | {"html", "head", "meta", "title", "style", "body", "img"}

#: The elements the HTML report adds to those: its layout and its inline SVG charts.
HTML_REPORT_ELEMENTS = {
    "nav", "main", "header", "footer", "section", "div", "span", "small", "br", "strong", "a",
    "h3", "ol", "svg", "title", "rect", "line", "path", "circle", "polyline", "text",
    "picture", "source",
}  # fmt: skip

#: Every (element, attribute) the HTML report writes; none can come from a report's strings.
HTML_REPORT_ATTRIBUTES = {
    ("html", "lang"), ("meta", "charset"), ("meta", "name"), ("meta", "content"),
    ("nav", "class"), ("nav", "aria-label"), ("section", "id"), ("section", "class"),
    ("div", "class"), ("span", "class"), ("p", "class"), ("ul", "class"), ("li", "class"),
    ("li", "id"), ("h3", "id"), ("a", "href"), ("a", "class"), ("table", "class"),
    ("small", "class"),
    ("tr", "class"), ("tr", "id"), ("th", "class"), ("td", "class"), ("img", "alt"),
    ("img", "src"), ("source", "media"), ("source", "srcset"), ("svg", "class"), ("svg", "role"), ("svg", "aria-label"), ("svg", "width"),
    ("svg", "height"), ("svg", "viewbox"), ("rect", "class"), ("rect", "x"), ("rect", "y"),
    ("rect", "width"), ("rect", "height"), ("line", "class"), ("line", "x1"), ("line", "y1"),
    ("line", "x2"), ("line", "y2"), ("path", "class"), ("path", "d"), ("path", "fill"),
    ("circle", "class"), ("circle", "cx"), ("circle", "cy"), ("circle", "r"),
    ("circle", "fill"), ("polyline", "class"), ("polyline", "points"), ("text", "x"),
    ("text", "y"), ("text", "text-anchor"), ("td", "data-label"),
}  # fmt: skip

#: The extensions of the project's documentation site (mkdocs.yml), snippets included, and more.
SITE_EXTENSIONS = [
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.snippets",
    "pymdownx.superfences",
    # not on the project's site, but common on mkdocs-material sites a report may be put on
    "pymdownx.arithmatex",
    "pymdownx.blocks.admonition",
    "pymdownx.caret",
    "pymdownx.critic",
    "pymdownx.emoji",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.tabbed",
    "pymdownx.tilde",
]


class _Elements(HTMLParser):
    """The elements, attributes and text of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.text: list[str] = []
        self.rows: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag == "tr":
            self.rows.append(0)
        if tag in {"td", "th"}:
            self.rows[-1] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def _hostile(data: Any, key: str | None, area: str) -> Any:  # noqa: ANN401 - JSON data
    if isinstance(data, dict):
        return {k: _hostile(v, k, area) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile(item, key, area) for item in data]
    if isinstance(data, str) and (data == area or key in FREE_TEXT):
        return data + PAYLOAD
    return data


@pytest.fixture(scope="module")
def hostile() -> AnnualReport:
    """The Lancashire report with the payload after every free-text string and printed cell."""
    data = load_example().model_dump(mode="json")
    data = _hostile(data, None, data["area"]["name"])
    for observation in data["observations"]:  # the payload makes a cell unreadable: kept as text
        observation["value"]["printed"] = (observation["value"]["printed"] or "") + PAYLOAD
    return AnnualReport.model_validate(data)


def test_the_hostile_report_carries_the_payload_as_printed(hostile: AnnualReport) -> None:
    assert hostile.title.endswith(PAYLOAD)
    assert hostile.area.name.endswith(PAYLOAD)
    assert all(indicator.name.endswith(PAYLOAD) for indicator in hostile.indicators)
    assert hostile.budget is not None
    assert all(s.name.endswith(PAYLOAD) for s in hostile.budget.side("income").sections)
    findings = check(hostile)
    assert sum(PAYLOADS[0] in f.location + f.message for f in findings) >= 10


# --- the terminal --------------------------------------------------------------------------------


def _assert_terminal_safe(text: str, *, genuine_errors: int) -> None:
    assert not FORBIDDEN.findall(text)
    lines = text.split("\n")
    assert all(not FORBIDDEN.search(line) for line in lines)
    finding = r"(- )?([A-Z][0-9]{3} )?error \["  # a rule code before the severity in check's output
    assert not [line for line in lines if re.match(finding + r"budget_arithmetic\] fake", line)]
    # the only lines that look like an error finding are the real ones
    assert sum(1 for line in lines if re.match(finding, line)) == genuine_errors


def test_text_report_puts_no_control_character_on_the_terminal(hostile: AnnualReport) -> None:
    errors = sum(1 for f in check(hostile) if f.severity is Severity.ERROR)
    text = render_report(hostile, output_format="text")
    _assert_terminal_safe(text, genuine_errors=errors)
    assert text.splitlines()[0] == escape_terminal(hostile.title)
    assert "\\x1b]0;pwned\\x07" in text  # shown, not obeyed
    assert "line1 error [budget_arithmetic] fake" in text


def test_coloured_text_report_has_only_its_own_escape_sequences(hostile: AnnualReport) -> None:
    text = render_report(hostile, output_format="text", colour=True)
    own = re.compile(r"\x1b\[[0-9;]*m")  # select graphic rendition: colour and weight only
    assert own.search(text)
    errors = sum(1 for f in check(hostile) if f.severity is Severity.ERROR)
    _assert_terminal_safe(own.sub("", text), genuine_errors=errors)


def test_coloured_columns_line_up_with_the_plain_ones() -> None:
    plain = render_report(load_example(), output_format="text").splitlines()
    coloured = render_report(load_example(), output_format="text", colour=True).splitlines()
    uncoloured = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in coloured]
    assert uncoloured == plain


def test_findings_print_on_one_line_each(hostile: AnnualReport) -> None:
    findings = check(hostile)
    for finding in findings:
        text = str(finding)
        assert not FORBIDDEN.search(text)
        assert "\n" not in text
        assert text.startswith(f"{finding.severity.value} [{finding.kind.value}] ")
    # the records keep the text as printed; only the rendering escapes it
    assert any("\x1b" in f.location + f.message for f in findings)


def test_reconciliation_text_puts_no_control_character_on_the_terminal(
    hostile: AnnualReport,
) -> None:
    assert hostile.budget is not None
    result = reconcile(hostile.budget)
    text = render_reconciliation(result)
    _assert_terminal_safe(text, genuine_errors=0)
    example = render_reconciliation(reconcile(load_example().budget))  # type: ignore[arg-type]
    assert len(text.splitlines()) == len(example.splitlines())
    for item in (
        *result.discrepancies,
        *result.notices,
        *(d.location for d in result.discrepancies),
    ):
        assert not FORBIDDEN.search(str(item))
        assert "\n" not in str(item)


def test_commands_print_no_control_character(
    hostile: AnnualReport, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the reader refuses a lone surrogate in a file (it is no character); everything else stays
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(hostile.model_dump(mode="json")).replace("\\ud800", ""), encoding="utf-8"
    )
    budget = tmp_path / "budget.json"
    assert hostile.budget is not None
    budget.write_text(
        json.dumps(hostile.budget.model_dump(mode="json")).replace("\\ud800", ""), encoding="utf-8"
    )
    findings = check(load_report(report))
    errors = sum(f.severity is Severity.ERROR for f in findings)
    assert main(["check", str(report)]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == findings_text(findings)[:-1]  # grouped by rule, no last blank
    assert sorted(line for line in out.splitlines() if line.startswith("- ")) == sorted(
        f"- {f.code} {f}" for f in findings
    )
    _assert_terminal_safe(out, genuine_errors=errors)
    assert main(["report", str(report)]) == 1  # error findings, as check
    _assert_terminal_safe(capsys.readouterr().out, genuine_errors=errors)
    assert main(["reconcile", str(budget)]) == 1
    _assert_terminal_safe(capsys.readouterr().out, genuine_errors=0)
    for command in (["check", str(report)], ["report", str(report)], ["reconcile", str(budget)]):
        main([*command, "--format", "json"])
        out = capsys.readouterr().out
        assert not FORBIDDEN.search(out.replace("\n", ""))
        assert json.loads(out)


@given(st.text(st.characters(exclude_categories=()) | st.sampled_from("\x1b\x9b\u202e\n\r\t")))
@example("\x1b]0;pwned\x07\x1b[2J\r\b\u202e\u2066\x85\u2028\ud800")
def test_terminal_escaper_leaves_no_control_character(text: str) -> None:
    escaped = escape_terminal(text)
    assert not FORBIDDEN.search(escaped)
    assert len(escaped.splitlines()) <= 1
    assert escape_terminal(escaped) == escaped  # escaping twice changes nothing
    escaped.encode("utf-8")  # no lone surrogate left to fail on output


@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf"))))
def test_terminal_escaper_keeps_printable_text(text: str) -> None:
    assert escape_terminal(text) == text


# --- Markdown ------------------------------------------------------------------------------------


def _expected_markdown_text(text: str) -> str:
    """What a Markdown renderer shows for ``escape_markdown(text)``: the documented changes."""
    return re.sub(" {2,}", " ", escape_terminal(text)).strip(" ")


@given(st.text(st.characters(exclude_categories=()) | st.sampled_from("<>&|[]()!`*_#\\$:\n")))
@example("".join(PAYLOADS))
@example("    indented code")
@example("1. a list")
@example("text  ")
@example("&amp; &#60; &lt;")
def test_escaped_markdown_renders_as_the_text_and_nothing_else(text: str) -> None:
    html = markdown.markdown(escape_markdown(text), extensions=["tables"])
    elements = _elements(html)
    assert set(elements.tags) <= {"p"}
    assert not elements.attributes
    assert "".join(elements.text).strip() == _expected_markdown_text(text).strip()


#: Pieces of Markdown and extension syntax, for the property below to combine.
MARKUP = (
    *("!!! note", "??? note", "/// note", '--8<-- "secret.txt"', r"\(c\)", r"\[x\]", "{: .c}"),
    *("[^1]", "*[A]: b", ":smile:", "- ", "1. ", "\n", "`", "|", "<", "&", "#", "$", "@"),
    *("==m==", "~~d~~", "^^i^^", "{++a++}", "++ctrl+c++", "www.a.com", "a@b.com", '=== "T"'),
)


@pytest.fixture(scope="module")
def site_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A snippets base folder holding a file no escaped text may include."""
    base = tmp_path_factory.mktemp("site")
    (base / "secret.txt").write_text("SECRET FILE CONTENT", encoding="utf-8")
    return base


@given(
    st.lists(
        st.characters(exclude_categories=()) | st.sampled_from(MARKUP),
        max_size=20,
    ).map("".join),
    st.sampled_from(["", "text "]),
)
@example("(c) [x](y)", "")
def test_escaped_markdown_makes_no_markup_with_the_sites_extensions(
    site_base: Path, text: str, before: str
) -> None:
    html = _site_markdown(before + escape_markdown(text), site_base)
    elements = _elements(html)
    assert set(elements.tags) <= {"p"}
    assert not elements.attributes
    assert "".join(elements.text).strip() == (before + _expected_markdown_text(text)).strip()


@given(st.lists(st.text(), min_size=1, max_size=4))
@example(["a|b", "c\nd", "`|`", "\\|", "&#124;"])
def test_escaped_markdown_keeps_a_table_row_to_its_cells(cells: list[str]) -> None:
    source = "\n".join(
        [
            "| " + " | ".join(f"h{i}" for i in range(len(cells))) + " |",
            "|" + " --- |" * len(cells),
            "| " + " | ".join(escape_markdown(cell) for cell in cells) + " |",
        ]
    )
    elements = _elements(markdown.markdown(source, extensions=["tables"]))
    assert elements.rows == [len(cells), len(cells)]
    assert set(elements.tags) <= {"table", "thead", "tbody", "tr", "th", "td"}


def _site_markdown(source: str, base: Path) -> str:
    return str(
        markdown.markdown(
            source,
            extensions=SITE_EXTENSIONS,
            extension_configs={
                "pymdownx.snippets": {"base_path": [str(base)], "check_paths": True}
            },
        )
    )


def test_markdown_report_renders_no_element_from_the_payload(
    hostile: AnnualReport, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("SECRET FILE CONTENT", encoding="utf-8")
    source = render_report(hostile, output_format="markdown")
    for html in (
        markdown.markdown(source, extensions=["tables"]),
        _site_markdown(source, tmp_path),
    ):
        lowered = html.lower()
        assert "<script" not in lowered
        assert "<img" not in lowered
        assert 'href="javascript:' not in lowered
        assert "SECRET FILE CONTENT" not in html
        elements = _elements(html)
        assert set(elements.tags) <= MARKDOWN_ELEMENTS
        assert {name for _, name, _ in elements.attributes} <= {"id"}  # toc's heading ids
        assert elements.rows
        assert set(elements.rows) == {9}  # every row of the scorecard keeps its nine cells
        assert elements.tags.count("pre") == 1
        text = "".join(elements.text)
        assert "<script>alert(1)</script>" in text  # shown as text
        assert "[x](javascript:alert(1))" in text
        assert "$x$ and $y$" in text
        assert not FORBIDDEN.search(text.replace("\n", ""))


def test_markdown_report_title_is_the_title_as_text(hostile: AnnualReport) -> None:
    html = markdown.markdown(
        render_report(hostile, output_format="markdown"), extensions=["tables"]
    )
    title = re.search(r"<h1>(.*?)</h1>", html)
    assert title is not None
    assert "".join(_elements(title.group(1)).text) == _expected_markdown_text(hostile.title)


# --- HTML ----------------------------------------------------------------------------------------


def test_html_report_has_no_element_or_attribute_from_the_payload(hostile: AnnualReport) -> None:
    html = render_report(hostile, output_format="html")
    assert "<script" not in html.lower()
    elements = _elements(html)
    assert set(elements.tags) <= HTML_ELEMENTS | HTML_REPORT_ELEMENTS
    assert {(tag, name) for tag, name, _ in elements.attributes} <= HTML_REPORT_ATTRIBUTES
    ids = [value for _, name, value in elements.attributes if name == "id"]
    assert all(value and re.fullmatch("[A-Za-z0-9_-]+", value) for value in ids)
    links = [value for _, name, value in elements.attributes if name == "href"]
    assert all(value and re.fullmatch("#[A-Za-z0-9_-]+", value) for value in links)
    sources = [value for tag, name, value in elements.attributes if name == "src"]
    assert sources
    assert all(value and value.startswith("data:image/png;base64,") for value in sources)
    alts = [value for _, name, value in elements.attributes if name == "alt"]
    assert f"{escape_terminal(hostile.area.name)} against England" in alts
    assert set(elements.rows) <= {3, 4, 5, 6}  # indicator tables' and budget tables' cells
    assert escape_terminal(hostile.title) in elements.text  # <title> and <h1>, as text
    assert not FORBIDDEN.search("".join(elements.text).replace("\n", ""))


def test_html_escaper_escapes_quotes_for_attributes() -> None:
    assert escape_html("\" onload='x'") == "&quot; onload=&#x27;x&#x27;"
    parsed = _elements(f'<img alt="{escape_html(PAYLOAD)}">')
    assert parsed.attributes == [("img", "alt", escape_terminal(PAYLOAD))]


# --- JSON ----------------------------------------------------------------------------------------


def test_json_report_keeps_the_strings_and_writes_controls_as_escapes(
    hostile: AnnualReport,
) -> None:
    text = render_report(hostile, output_format="json")
    assert not FORBIDDEN.search(text.replace("\n", ""))
    assert json.loads(text)["report"]["title"] == hostile.title


@given(st.text(st.characters(exclude_categories=())))
def test_json_escaper_keeps_the_data(text: str) -> None:
    dumped = escape_json(json.dumps({"k": text}, ensure_ascii=False))
    assert json.loads(dumped) == {"k": text}
    assert not FORBIDDEN.search(dumped)


# --- charts --------------------------------------------------------------------------------------

#: Not mathtext: matplotlib cannot parse this, and raised on it before labels were escaped.
BAD_MATH = r"Spend in $\notacommand{x}$ per child \ _under_"


def _labelled(name: str, area: str) -> AnnualReport:
    data = load_example().model_dump(mode="json")
    old = data["area"]["name"]
    data["area"]["name"] = area
    for observation in data["observations"]:
        if observation["area"] == old:
            observation["area"] = area
    for indicator in data["indicators"]:
        indicator["name"] = f"{name} {indicator['name']}"
    return AnnualReport.model_validate(data)


def _draw(figure: Any) -> None:  # noqa: ANN401 - a matplotlib Figure
    figure.savefig(io.BytesIO(), format="png", dpi=40)


def test_chart_labels_show_dollars_and_never_parse_mathtext() -> None:
    report = _labelled(BAD_MATH, "_Area $x$")
    figure = indicators_chart(report)
    _draw(figure)  # would raise ValueError (mathtext) if a label were parsed
    axes = figure.get_axes()[0]
    label = axes.get_yticklabels()[0]
    assert label.get_text().startswith(escape_chart(BAD_MATH)[:40])
    assert label._preprocess_math(label.get_text()) == (  # the text matplotlib draws
        label.get_text().replace("\\$", "$"),
        False,
    )
    assert axes.get_title().startswith(r"_Area \$x\$, latest figures")


def test_trend_chart_keeps_a_legend_entry_for_a_name_starting_with_underscore() -> None:
    report = _labelled(BAD_MATH, "_Area $x$")
    figure = trend_chart(report.series("children-looked-after-rate"))
    _draw(figure)
    axes = figure.get_axes()[0]
    legend = [text.get_text() for text in axes.get_legend().get_texts()]
    assert legend == [r"_Area \$x\$", "North West", "England"]
    assert axes.get_title().replace("\n", " ").startswith(escape_chart(BAD_MATH))


def test_chart_labels_are_never_given_to_tex() -> None:
    from matplotlib import rc_context  # noqa: PLC0415 - the plot extra

    report = _labelled(BAD_MATH, "_Area $x$")
    with rc_context({"text.usetex": True}):
        bars = indicators_chart(report).get_axes()[0]
        trend = trend_chart(report.series("children-looked-after-rate")).get_axes()[0]
    texts = [
        bars.title,
        bars.xaxis.label,
        *bars.get_yticklabels(),
        trend.title,
        *trend.get_xticklabels(),
        *trend.get_legend().get_texts(),
    ]
    assert all(text.get_usetex() is False for text in texts)


def test_chart_labels_show_control_characters_as_escapes(hostile: AnnualReport) -> None:
    figure = trend_chart(hostile.series("children-looked-after-rate"))
    _draw(figure)
    axes = figure.get_axes()[0]
    texts = [axes.get_title(), *(t.get_text() for t in axes.get_legend().get_texts())]
    assert all(not FORBIDDEN.search(text.replace("\n", "")) for text in texts)
    assert all(len(line) <= 80 for text in texts for line in text.split("\n"))


def test_html_report_with_dollar_labels_does_not_raise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    path.write_text(_labelled(BAD_MATH, "_Area $x$").model_dump_json(), encoding="utf-8")
    assert main(["report", str(path), "--format", "html"]) == 1  # Lancashire's errors
    out = capsys.readouterr().out
    assert out.count('src="data:image/png;base64,') >= 2
    assert "$\\notacommand{x}$ per child" in out
