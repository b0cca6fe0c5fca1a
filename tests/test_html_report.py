"""The HTML report: a profile-like page whose structure, colours, links and escaping hold."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguarding_model import AnnualReport, load_example
from safeguarding_model._html_report import COLOURS, _position, _slug, html_report
from safeguarding_model.checks import check
from safeguarding_model.fingertips import read_fingertips
from safeguarding_model.headlines import NOT_COMPARABLE, headline
from safeguarding_model.markers import Significance
from safeguarding_model.official_reports import add_official_figures
from safeguarding_model.reconciliation import reconcile
from safeguarding_model.render import render_report
from safeguarding_model.scorecards import ScorecardRow, scorecard
from test_official_reports import MATCHES, PROFILE

if TYPE_CHECKING:
    from collections.abc import Iterator

_VOID = {"meta", "br", "img", "source"}


class _Element:
    """An element of the page, with its attributes, its parent and its children."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Element | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[_Element] = []
        self.texts: list[str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self) -> Iterator[_Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, tag: str, css: str | None = None) -> list[_Element]:
        return [e for e in self.walk() if e.tag == tag and (css is None or css in e.classes)]

    def text(self) -> str:
        return "".join(self.texts) + "".join(child.text() for child in self.children)

    def ancestor(self, tag: str) -> _Element | None:
        node = self.parent
        while node is not None and node.tag != tag:
            node = node.parent
        return node


class _Page(HTMLParser):
    """The page as a tree of ``_Element``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#document", {}, None)
        self.current = self.root

    def _add(self, tag: str, attrs: list[tuple[str, str | None]]) -> _Element:
        element = _Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(element)
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self._add(tag, attrs)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._add(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, (self.current.tag, tag)  # the page is well nested
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.texts.append(data)


def _parse(page: str) -> _Element:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert parser.current is parser.root
    return parser.root


def _ids(root: _Element) -> list[str]:
    return [e.attrs["id"] for e in root.walk() if "id" in e.attrs]


def _row(root: _Element, row: ScorecardRow) -> _Element:
    (found,) = [
        tr for tr in root.find("tr") if tr.attrs.get("id") == f"indicator-{row.indicator.id}"
    ]
    return found


@pytest.fixture(scope="module")
def example() -> AnnualReport:
    return load_example()


@pytest.fixture(scope="module")
def page(example: AnnualReport) -> str:
    return html_report(example)


@pytest.fixture(scope="module")
def root(page: str) -> _Element:
    return _parse(page)


@pytest.fixture(scope="module")
def supplied() -> AnnualReport:
    """The bundled report with counts and limits from a profile download: some compared."""
    return add_official_figures(load_example(), read_fingertips(PROFILE), MATCHES).report


@pytest.fixture(scope="module")
def supplied_root(supplied: AnnualReport) -> _Element:
    return _parse(html_report(supplied))


# --- a self-contained page -----------------------------------------------------------------------


def test_the_page_is_self_contained_with_no_script_and_no_remote_resource(
    page: str, root: _Element
) -> None:
    assert page.startswith("<!doctype html>")
    assert "<script" not in page.lower()
    assert "@import" not in page
    assert "url(" not in page
    targets = [e.attrs[a] for e in root.walk() for a in ("href", "src") if a in e.attrs]
    assert targets
    assert all(target.startswith(("#", "data:image/png;base64,")) for target in targets)
    (viewport,) = [m for m in root.find("meta") if m.attrs.get("name") == "viewport"]
    assert "width=device-width" in viewport.attrs["content"]


def test_the_stylesheet_prints_without_the_bar_and_has_a_dark_palette(page: str) -> None:
    printing = page[page.index("@media print") :]
    assert "nav.contents { display: none; }" in printing
    assert "break-inside: avoid" in printing
    assert "color: #000" in printing
    assert "prefers-color-scheme: dark" in page
    assert ".scroll { overflow-x: auto;" in page


def test_every_contents_link_resolves_and_names_each_group(
    example: AnnualReport, root: _Element
) -> None:
    (nav,) = root.find("nav")
    links = [a.attrs["href"] for a in nav.find("a")]
    ids = _ids(root)
    assert len(ids) == len(set(ids))
    assert all(link.startswith("#") and link[1:] in ids for link in links)
    groups = dict.fromkeys(row.indicator.group or "Other indicators" for row in scorecard(example))
    assert [a.text() for a in nav.find("a")][1 : 1 + len(groups)] == list(groups)
    assert {"#headline", "#budget", "#inspections", "#findings"} <= set(links)
    for number, name in enumerate(groups, 1):
        (section,) = [s for s in root.find("section") if s.attrs.get("id") == f"group-{number}"]
        assert section.find("h2")[0].text() == name


def test_every_indicator_row_carries_its_anchor(example: AnnualReport, root: _Element) -> None:
    rows = scorecard(example)
    for row in rows:
        assert row.indicator.name in _row(root, row).find("td")[0].text()
    assert len([tr for tr in root.find("tr") if "id" in tr.attrs]) == len(rows)


def test_every_svg_says_in_words_what_it_shows(supplied_root: _Element) -> None:
    charts = supplied_root.find("svg")
    assert len(charts) > 20
    for svg in charts:
        label = svg.attrs["aria-label"]
        assert svg.attrs["role"] == "img"
        assert svg.children[0].tag == "title"
        assert svg.children[0].text() == label
        assert len(label) > 20


# --- the headline --------------------------------------------------------------------------------


def test_the_headline_leads_with_who_where_when_and_links_the_most_serious_findings(
    example: AnnualReport, root: _Element
) -> None:
    top = headline(example)
    (section,) = [s for s in root.find("section") if s.attrs.get("id") == "headline"]
    (title,) = root.find("h1")
    assert title.text() == example.title
    meta = title.parent.find("p")[0].text() if title.parent else ""
    assert top.arrangement in meta
    assert f"{top.area} ({top.area_code})" in meta
    assert top.period in meta
    text = section.text()
    assert f"{top.indicators}" in text
    assert f"{top.compared} compared with England" in text
    assert NOT_COMPARABLE in text  # nothing compared in the bundled report: the reason, once
    assert "Balance −£41,685 (deficit)" in text
    assert all(line in text for line in top.inspections)
    assert f"{top.findings['error']} error" in text
    serious = [a.attrs["href"] for a in section.find("ol")[0].find("a")]
    assert len(serious) == 3
    ids = _ids(root)
    assert all(href[1:] in ids for href in serious)
    findings = check(example)
    first = [f"#finding-{findings.index(f) + 1}" for f in top.most_serious]
    assert serious == first


def test_the_headline_counts_comparisons_in_their_colours(supplied: AnnualReport) -> None:
    top = headline(supplied)
    assert top.compared > 0
    root = _parse(html_report(supplied))
    (section,) = [s for s in root.find("section") if s.attrs.get("id") == "headline"]
    chips = {next(iter(li.classes - {"chip"})): li.text() for li in section.find("li", "chip")}
    for label, count in top.significance.items():
        assert chips[label] == f"{count} {Significance(label).label.lower()}"


# --- spine charts --------------------------------------------------------------------------------


def _marker(svg: _Element) -> _Element:
    markers = [e for e in svg.walk() if "marker" in e.classes]
    assert len(markers) == 1
    return markers[0]


def test_one_spine_chart_per_compared_indicator_in_its_rag_colour(
    supplied: AnnualReport, supplied_root: _Element
) -> None:
    rows = scorecard(supplied)
    compared = [r for r in rows if r.computed_significance is not Significance.NOT_COMPARED]
    assert compared
    for row in compared:
        (spine,) = _row(supplied_root, row).find("svg", "spine")
        assert _marker(spine).attrs["fill"] == COLOURS[row.computed_significance]
    fills = {_marker(svg).attrs["fill"] for svg in supplied_root.find("svg", "spine")}
    assert {"#92D050", "#C00000"} <= fills  # better and worse, as the profiles colour them


def test_grey_markers_only_where_nothing_was_compared(
    supplied: AnnualReport, supplied_root: _Element
) -> None:
    grey = 0
    for row in scorecard(supplied):
        for spine in _row(supplied_root, row).find("svg", "spine"):
            is_grey = _marker(spine).attrs["fill"] == COLOURS[Significance.NOT_COMPARED]
            assert is_grey == (row.computed_significance is Significance.NOT_COMPARED)
            grey += is_grey
    assert grey > 0


def test_a_spine_chart_shows_the_interval_and_the_other_comparators(
    supplied: AnnualReport, supplied_root: _Element
) -> None:
    whiskers = 0
    for row in scorecard(supplied):
        for spine in _row(supplied_root, row).find("svg", "spine"):
            label = spine.attrs["aria-label"]
            has_whisker = bool([e for e in spine.walk() if "whisker" in e.classes])
            assert has_whisker == ("interval" in label)
            whiskers += has_whisker
            others = [o.area for o in row.comparators if o.area != "England"]
            if any(o.value.number is not None for o in row.comparators if o.area in others):
                assert [e for e in spine.walk() if "other" in e.classes]
    assert whiskers > 0


def test_the_marker_sits_on_the_side_of_england_its_value_is() -> None:
    centre = 170 / 2
    assert _position(110, 100)[0] > centre
    assert _position(90, 100)[0] < centre
    assert _position(100, 100) == (centre, False)
    far, clipped = _position(400, 100)
    assert clipped
    assert far == _position(150, 100)[0]  # beyond +50%: at the edge
    assert _position(-10, -20)[0] > centre  # a negative England value: relative to its size


def test_the_reason_is_said_once_per_group_not_in_every_row(
    example: AnnualReport, root: _Element
) -> None:
    rows = scorecard(example)
    assert all(r.computed_significance is Significance.NOT_COMPARED for r in rows)
    sections = [s for s in root.find("section") if "group" in s.classes]
    assert sections
    for section in sections:
        notes = section.find("p", "not-compared")
        assert len(notes) == 1
        assert notes[0].text().startswith("Not compared with England: ")
        assert not section.find("table")[0].find("span", "chip")  # no "Not compared" column
    england = [s for s in sections if any(tr.find("svg", "spine") for tr in s.find("tr"))]
    assert england
    assert all(NOT_COMPARABLE in s.find("p", "not-compared")[0].text() for s in england)
    assert root.text().count("Not compared") == len(sections)
    assert all(
        svg.attrs["aria-label"].endswith("not compared with England")
        for svg in root.find("svg", "spine")
    )


def test_a_group_with_some_rows_compared_says_how_many_were_not(
    supplied: AnnualReport, supplied_root: _Element
) -> None:
    rows = scorecard(supplied)
    by_group: dict[str, list[ScorecardRow]] = {}
    for row in rows:
        by_group.setdefault(row.indicator.group or "Other indicators", []).append(row)
    mixed = 0
    for number, group in enumerate(by_group.values(), 1):
        (section,) = [
            s for s in supplied_root.find("section") if s.attrs.get("id") == f"group-{number}"
        ]
        left = [r for r in group if r.computed_significance is Significance.NOT_COMPARED]
        notes = section.find("p", "not-compared")
        if not left:
            assert not notes
        elif len(left) < len(group):
            mixed += 1
            assert notes[0].text().startswith(f"{len(left)} of {len(group)} indicators")
    assert mixed > 0


# --- trends --------------------------------------------------------------------------------------


def test_a_sparkline_for_each_indicator_with_three_figures_over_periods(
    example: AnnualReport, root: _Element
) -> None:
    shown = 0
    for row in scorecard(example):
        own = {
            str(o.period)
            for o in example.series(row.indicator.id).own()
            if o.value.number is not None
        }
        trends = _row(root, row).find("svg", "trend")
        if len(own) >= 3:
            (trend,) = trends
            assert len([e for e in trend.walk() if "point" in e.classes]) >= 3
            assert trend.attrs["aria-label"].startswith(f"Trend of {row.indicator.name}")
            shown += 1
        elif len(own) < 2:
            assert not trends
    assert shown > 10


# --- budget, inspections, findings ---------------------------------------------------------------


def test_discrepancies_are_highlighted_exactly_where_the_reconciliation_finds_them(
    example: AnnualReport, root: _Element
) -> None:
    assert example.budget is not None
    reconciliation = reconcile(example.budget)
    (budget,) = [s for s in root.find("section") if s.attrs.get("id") == "budget"]
    highlighted = [e for e in budget.walk() if "discrepancy" in e.classes]
    assert len(highlighted) == len(reconciliation.discrepancies) == 4
    names = sorted(tr.find("td")[0].text() for tr in highlighted)
    expected = sorted(d.location.section or "Total" for d in reconciliation.discrepancies)
    assert names == expected
    for tr in highlighted:
        difference = tr.find("td")[3].text()
        assert difference.startswith(("£", "−£"))
    unhighlighted = [tr for tr in budget.find("tr") if "discrepancy" not in tr.classes]
    assert all(tr.find("td")[3].text() == "" for tr in unhighlighted if tr.find("td"))
    assert "−£41,685 (a deficit)" in budget.text()


def test_a_report_without_a_budget_says_so_and_has_no_balance(example: AnnualReport) -> None:
    bare = example.model_copy(update={"budget": None})
    root = _parse(html_report(bare))
    (budget,) = [s for s in root.find("section") if s.attrs.get("id") == "budget"]
    assert budget.text() == "BudgetThe report has no budget."
    assert "deficit" not in root.text()


def test_inspections_one_line_each(example: AnnualReport, root: _Element) -> None:
    (section,) = [s for s in root.find("section") if s.attrs.get("id") == "inspections"]
    assert [li.text() for li in section.find("li")] == list(headline(example).inspections)


def test_every_finding_is_listed_once_with_its_anchor_and_its_indicator_linked(
    example: AnnualReport, root: _Element
) -> None:
    findings = check(example)
    items = root.find("li", "finding")
    assert sorted(li.attrs["id"] for li in items) == sorted(
        f"finding-{n}" for n in range(1, len(findings) + 1)
    )
    by_id = {li.attrs["id"]: li for li in items}
    known = {row.indicator.id for row in scorecard(example)}
    linked = 0
    for number, finding in enumerate(findings, 1):
        item = by_id[f"finding-{number}"]
        assert finding.message in item.text()
        assert finding.location in item.text()
        assert all(f"{n.value}" in item.text() for n in finding.numbers)
        heading = item.ancestor("ol")
        assert heading is not None
        indicator = finding.location.split(" / ")[0]
        links = [a.attrs["href"] for a in item.find("a")]
        if indicator in known:
            assert links == [f"#indicator-{indicator}"]
            linked += 1
        elif finding.location.startswith("budget "):
            assert links == ["#budget"]
        else:
            assert links == []
    assert linked > 0
    codes = [h.attrs["id"] for h in root.find("h3") if h.attrs.get("id", "").startswith("rule-")]
    assert sorted(codes) == sorted({f"rule-{f.code}" for f in findings})


def test_an_indicator_row_links_to_its_findings(example: AnnualReport, root: _Element) -> None:
    ids = _ids(root)
    flagged = [
        tr
        for tr in root.find("tr")
        if tr.attrs.get("id", "").startswith("indicator-") and tr.find("a")
    ]
    assert flagged
    for tr in flagged:
        (link,) = tr.find("a")
        target = link.attrs["href"][1:]
        assert target in ids
        assert target.startswith("finding-")
        finding = check(example)[int(target.split("-")[1]) - 1]
        assert finding.location.startswith(tr.attrs["id"].removeprefix("indicator-") + " / ")


# --- escaping ------------------------------------------------------------------------------------

PAYLOAD = """ <script>alert("x")</script> & 'it's' <img src=x onerror=alert(1)>"""
_FREE_TEXT = {"title", "name", "group", "subject", "section", "note", "label"}


def _with_payload(data: Any, key: str | None, area: str) -> Any:  # noqa: ANN401 - JSON data
    if isinstance(data, dict):
        return {k: _with_payload(v, k, area) for k, v in data.items()}
    if isinstance(data, list):
        return [_with_payload(item, key, area) for item in data]
    if isinstance(data, str) and (data == area or key in _FREE_TEXT):
        return data + PAYLOAD
    return data


@pytest.fixture(scope="module")
def hostile() -> AnnualReport:
    data = load_example().model_dump(mode="json")
    return AnnualReport.model_validate(_with_payload(data, None, data["area"]["name"]))


def test_a_hostile_reports_strings_come_out_as_text_everywhere(hostile: AnnualReport) -> None:
    page = html_report(hostile)
    assert "<script" not in page.lower()
    assert "<img" not in page  # no images without the charts passed in
    root = _parse(page)
    assert {e.tag for e in root.walk()} <= {
        "#document", "html", "head", "meta", "title", "style", "body", "nav", "a", "main",
        "header", "h1", "h2", "h3", "p", "section", "div", "ul", "ol", "li", "span", "small",
        "br", "strong", "table", "thead", "tbody", "tr", "th", "td", "svg", "rect", "line",
        "path", "circle", "polyline", "text", "footer",
    }  # fmt: skip
    assert not [e for e in root.walk() if any(name.startswith("on") for name in e.attrs)]
    assert root.find("h1")[0].text() == hostile.title
    assert hostile.area.name in root.find("header")[0].text()
    (nav,) = root.find("nav")
    groups = {row.indicator.group for row in scorecard(hostile) if row.indicator.group}
    assert all(PAYLOAD in group for group in groups)
    assert groups <= {a.text() for a in nav.find("a")}
    labels = [svg.attrs["aria-label"] for svg in root.find("svg", "trend")]
    assert any(PAYLOAD in label for label in labels)  # an attribute, read back as the text
    for element in root.walk():
        for name in ("id", "href"):
            if name in element.attrs:
                assert re.fullmatch("#?[A-Za-z0-9_-]+", element.attrs[name])


@given(st.text(max_size=30), st.text(max_size=30))
def test_slugs_are_safe_ids_and_differ_for_different_ids(first: str, second: str) -> None:
    assert re.fullmatch("[A-Za-z0-9_-]+", _slug(first))
    if first != second:
        assert _slug(first) != _slug(second)
    assert _slug("cpp-rate") == "cpp-rate"


# --- through render_report -----------------------------------------------------------------------


def test_render_report_writes_this_page_with_the_png_charts_at_its_end(
    example: AnnualReport,
) -> None:
    page = render_report(example, output_format="html")
    root = _parse(page)
    images = root.find("img")
    assert images  # the plot extra is installed for the tests
    assert all(img.ancestor("section") is not None for img in images)
    assert {img.ancestor("section").attrs["id"] for img in images} == {"charts"}  # type: ignore[union-attr]
    assert "#charts" in [a.attrs["href"] for a in root.find("nav")[0].find("a")]
    pictures = root.find("picture")  # each chart drawn for light pages and for dark ones
    assert len(pictures) == len(images)
    for picture in pictures:
        (dark,) = picture.find("source")
        assert dark.attrs["media"] == "(prefers-color-scheme: dark)"
        assert dark.attrs["srcset"].startswith("data:image/png;base64,")
        assert dark.attrs["srcset"] != picture.find("img")[0].attrs["src"]
    alone = _parse(html_report(example))
    assert len(root.find("svg", "spine")) == len(alone.find("svg", "spine"))
    assert len(root.find("li", "finding")) == len(alone.find("li", "finding"))


def test_a_years_quarters_show_under_its_value() -> None:
    from safeguarding_model import load_example  # noqa: PLC0415
    from safeguarding_model.render import render_report  # noqa: PLC0415

    page = render_report(load_example(), output_format="html")
    assert '<small class="parts">Q1 17.8%, Q4 12.0%</small>' in page
    assert '<small class="parts">Q1 79.9%, Q2 78.2%, Q3 67.1%, Q4 61.0%</small>' in page
    assert page.count('class="parts"') == 2


def test_the_headline_shows_a_chip_only_for_severities_found(example: AnnualReport) -> None:
    counts = headline(example).findings
    severities = {"error", "warning", "info"}
    chips = [
        li for li in _parse(html_report(example)).find("li", "chip") if li.classes & severities
    ]
    assert {next(iter(li.classes & severities)) for li in chips} == {
        name for name, count in counts.items() if count
    }
    assert all(not li.text().startswith("0 ") for li in chips)
    empty = AnnualReport.model_validate(
        {
            "id": "x",
            "title": "X",
            "arrangement": "board",
            "area": {"name": "X"},
            "period": "2015/16",
        }
    )
    assert not _parse(html_report(empty, findings=())).find("li", "chip")
