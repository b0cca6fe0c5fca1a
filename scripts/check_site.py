"""Check the built documentation site in headless Chromium, and save screenshots.

Build the site, then run this script on it::

    mkdocs build --strict --site-dir build/site
    python scripts/check_site.py build/site

It does three things and exits non-zero when any finds a fault:

1. **Links.** Every ``href`` and ``src`` in every page of the site that points inside the site
   must name a file that exists and, when it has a ``#fragment``, an element with that id.
2. **Pages in a browser.** It serves the site on localhost, opens the home page, a tutorial, an
   API reference page and the charts how-to (whose pictures must render) in Debian's Chromium
   (driven by Playwright, which uses the installed browser and downloads none), and fails on a
   console error, an uncaught exception or a request inside the site that fails. On the home page
   it also types into the search box and waits for results, and switches to dark mode.
   Then it opens **every page of the site** at 1280×900 in the dark colour scheme and fails on:
   a code block that scrolls sideways (``pre > code`` wider inside than its box), a table wider
   than its column, the page itself scrolling sideways, a word of an ``h1``-``h4`` broken across
   two lines (a long name may wrap only where the build put a ``<wbr>``, after "." or "_"), and an
   image that is blank in the dark scheme (one uniform colour, or mostly white: a light chart on
   a dark page). Each of the four pages above also gets a whole-page dark screenshot,
   ``<name>-dark-full.png``. The sweep blocks the search index and its worker, which the home
   page has already checked, to stay fast.
3. **Report pages.** Extra HTML files given with ``--page`` (the HTML report of
   ``safeguarding-model report --format html``, say) are opened the same way at a phone's
   viewport (390×844) and at a desktop's (1280×900), with a screenshot of each
   (``<name>-phone.png``, ``<name>-desktop.png``). On each it also fails on horizontal
   scrolling of the page (``scrollWidth`` wider than the window), a link of the contents bar
   (``nav``) whose target id is missing, and an ``<svg>`` with neither a ``<title>`` nor an
   ``aria-label``.

Screenshots of every page opened go to ``--screenshots`` (default ``build/site-check``); look at
them. The browser is ``--chromium``, else ``$CHROMIUM``, else the first of ``chromium``,
``chromium-browser`` and ``google-chrome`` on the path.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

#: The pages opened in the browser, relative to the site's root, with the name of their screenshot.
PAGES = {
    "home": "index.html",
    "tutorial": "tutorials/lancashire-report/index.html",
    "api-reference": "reference/statistics-significance/index.html",
    "charts": "how-to/charts/index.html",
}

#: The width every page of the site is checked at for layout faults: a laptop's.
LAYOUT_VIEWPORT = (1280, 900)

#: Above this share of near-white pixels, an image in the dark scheme is a white block.
MOSTLY_WHITE = 0.5

#: The viewports a report page is checked at: a phone's and a desktop's, by screenshot suffix.
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}

#: JavaScript giving a report page's layout faults: overflow, dead contents links, unlabelled SVG.
_REPORT_FAULTS = """
(() => {
    const faults = [];
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) {
        faults.push(`the page scrolls sideways: ${width} px wide in a ${window.innerWidth} px window`);
    }
    for (const link of document.querySelectorAll("nav a[href^='#']")) {
        const id = decodeURIComponent(link.getAttribute("href").slice(1));
        if (!document.getElementById(id)) {
            faults.push(`contents link ${link.getAttribute("href").slice(0, 60)} has no target`);
        }
    }
    const unlabelled = Array.from(document.querySelectorAll("svg")).filter(
        (svg) => !svg.getAttribute("aria-label") && !svg.querySelector(":scope > title")
    );
    if (unlabelled.length) {
        faults.push(`${unlabelled.length} <svg> without a <title> or aria-label`);
    }
    return faults;
})()
"""

#: JavaScript giving a site page's layout faults: code blocks, tables or the page scrolling
#: sideways, and words of headings broken across lines.
_LAYOUT_FAULTS = """
(() => {
    const faults = [];
    const short = (text) => {
        const line = text.replace(/\\s+/g, " ").trim();
        return line.length > 60 ? line.slice(0, 60) + "…" : line;
    };
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) {
        faults.push(`the page scrolls sideways: ${width} px wide in a ${window.innerWidth} px window`);
    }
    for (const code of document.querySelectorAll("pre > code")) {
        if (code.scrollWidth > code.clientWidth + 1) {
            faults.push(
                `code block scrolls sideways (${code.scrollWidth} px in ${code.clientWidth} px): `
                + JSON.stringify(short(code.textContent))
            );
        }
    }
    for (const table of document.querySelectorAll("table")) {
        const column = table.parentElement.getBoundingClientRect();
        const inside = table.scrollWidth > table.clientWidth + 1;
        if (inside || table.getBoundingClientRect().right > column.right + 1) {
            faults.push(`table wider than its column: ${JSON.stringify(short(table.textContent))}`);
        }
    }
    const word = /[^\\s\\-\\u2010-\\u2014\\/]+[\\-\\u2010-\\u2014\\/]?/g;
    for (const heading of document.querySelectorAll("h1, h2, h3, h4")) {
        const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.data.matchAll(word)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const lines = new Set(
                    Array.from(range.getClientRects())
                        .filter((rect) => rect.width > 0)
                        .map((rect) => Math.round(rect.bottom))
                );
                if (lines.size > 1) {
                    faults.push(
                        `heading word ${JSON.stringify(short(match[0]))} broken across ${lines.size} `
                        + `lines in ${JSON.stringify(short(heading.textContent))}`
                    );
                }
            }
        }
    }
    return faults;
})()
"""

#: JavaScript giving the images that are blank on the page as shown: drawn on the colour behind
#: them, one uniform colour, or mostly near-white (a white block on a dark page). Argument: the
#: share of near-white pixels above which an image is "mostly white".
_BLANK_IMAGES = """
(mostlyWhite) => {
    const faults = [];
    const behind = (element) => {
        for (let node = element; node; node = node.parentElement) {
            const colour = getComputedStyle(node).backgroundColor;
            if (colour && colour !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(colour)) {
                return colour;
            }
        }
        return "white";
    };
    for (const image of document.images) {
        const box = image.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || !image.complete || !image.naturalWidth) {
            continue;  // hidden (another scheme's variant) or broken: the broken check reports it
        }
        const scale = Math.min(1, 240 / box.width);
        const canvas = document.createElement("canvas");
        canvas.width = Math.max(1, Math.round(box.width * scale));
        canvas.height = Math.max(1, Math.round(box.height * scale));
        const context = canvas.getContext("2d", {willReadFrequently: true});
        context.fillStyle = behind(image.parentElement);
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.drawImage(image, 0, 0, canvas.width, canvas.height);
        let pixels;
        try {
            pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
        } catch (error) {
            continue;  // an image from another origin cannot be read
        }
        let white = 0;
        const low = [255, 255, 255];
        const high = [0, 0, 0];
        for (let index = 0; index < pixels.length; index += 4) {
            const [red, green, blue] = [pixels[index], pixels[index + 1], pixels[index + 2]];
            if (Math.min(red, green, blue) > 230) {
                white += 1;
            }
            [red, green, blue].forEach((value, channel) => {
                low[channel] = Math.min(low[channel], value);
                high[channel] = Math.max(high[channel], value);
            });
        }
        const source = image.getAttribute("src").slice(0, 80);
        const share = white / (pixels.length / 4);
        if (high.every((value, channel) => value - low[channel] < 8)) {
            faults.push(`image is one uniform colour: ${source}`);
        } else if (share > mostlyWhite) {
            faults.push(`image is mostly white (${Math.round(share * 100)}%): ${source}`);
        }
    }
    return faults;
}
"""

#: Chromium's switches for a headless run on a machine with no network beyond localhost.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


#: JavaScript giving the start of the address of every image that failed to load or is empty.
_BROKEN_IMAGES = """
Array.from(document.images)
    .filter((image) => !image.complete || image.naturalWidth === 0)
    .map((image) => image.src.slice(0, 80))
"""


class _Anchors(HTMLParser):
    """The ids, and the ``href``/``src`` targets, of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        del tag
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"}:
                self.ids.add(value)
            elif name in {"href", "src"}:
                self.targets.append(value)


def _parse(page: Path) -> _Anchors:
    anchors = _Anchors()
    anchors.feed(page.read_text(encoding="utf-8"))
    return anchors


def _target_file(site: Path, page: Path, target: str) -> tuple[Path, str] | None:
    """The file and fragment an internal link points to; ``None`` for a link outside the site."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("mailto:", "data:", "javascript:")):
        return None
    page_url = "/" + page.relative_to(site).as_posix()
    resolved = urlsplit(urljoin(page_url, parts.path)) if parts.path else urlsplit(page_url)
    path = site / unquote(resolved.path).lstrip("/")
    if resolved.path.endswith("/") or path.is_dir():
        path /= "index.html"
    return path, unquote(parts.fragment)


def broken_links(site: Path) -> Iterator[str]:
    """Every internal link of the site whose file or fragment does not exist, as a message."""
    parsed: dict[Path, _Anchors] = {}

    def anchors_of(page: Path) -> _Anchors:
        if page not in parsed:
            parsed[page] = _parse(page)
        return parsed[page]

    for page in sorted(site.rglob("*.html")):
        for target in anchors_of(page).targets:
            found = _target_file(site, page, target)
            if found is None:
                continue
            path, fragment = found
            where = f"{page.relative_to(site)}: link {target!r}"
            if not path.is_file():
                yield f"{where} points to a missing file {path.relative_to(site)}"
            elif fragment and path.suffix == ".html" and fragment not in anchors_of(path).ids:
                yield f"{where} points to a missing anchor #{fragment}"


def _find_chromium(explicit: str | None) -> str:
    candidates = [explicit, os.environ.get("CHROMIUM")]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")]
    for candidate in candidates:
        if candidate:
            return candidate
    message = (
        "no Chromium found: install Debian's 'chromium' package, or pass --chromium or set "
        "CHROMIUM to the browser's path"
    )
    raise SystemExit(message)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        del format, args


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def _open(
    browser: Browser,
    url: str,
    origin: str,
    screenshot: Path,
    viewport: tuple[int, int] = VIEWPORTS["desktop"],
) -> tuple[Page, list[str]]:
    """Open ``url`` and collect its faults: console errors, exceptions and failed requests."""
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    faults: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or "the page"
            faults.append(f"console error from {source}: {message.text}")

    def on_failed(request: Request) -> None:
        if request.url.startswith(origin):
            faults.append(f"request failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: faults.append(f"uncaught exception: {error}"))
    page.on("requestfailed", on_failed)
    response = page.goto(url, wait_until="networkidle")
    if response is None or not response.ok:
        faults.append(f"could not load {url}: {None if response is None else response.status}")
    broken = page.evaluate(_BROKEN_IMAGES)
    faults += [f"image did not render: {source}" for source in broken]
    page.screenshot(path=str(screenshot))
    for number, image in enumerate(page.locator("img:visible").all(), 1):
        image.screenshot(path=str(screenshot.with_name(f"{screenshot.stem}-image-{number}.png")))
    return page, faults


def _search_and_dark_mode(page: Page, screenshots: Path) -> list[str]:
    """Search for a method's name on the home page, then switch the palette to dark."""
    faults = []
    page.keyboard.press("s")  # Material's keyboard shortcut that focuses the search box
    page.keyboard.type("wilson")
    try:
        page.wait_for_selector(".md-search-result__item", timeout=10_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout; reported as a fault
        faults.append("search for 'wilson' showed no results")
    page.screenshot(path=str(screenshots / "home-search.png"))
    page.keyboard.press("Escape")
    toggle = page.locator("label.md-header__button[for^='__palette']:visible").first
    toggle.click()
    page.wait_for_timeout(300)
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme != "slate":
        faults.append(f"the palette toggle gave colour scheme {scheme!r}, expected 'slate'")
    page.screenshot(path=str(screenshots / "home-dark.png"))
    return faults


def _check_report_page(browser: Browser, path: Path, screenshots: Path) -> list[str]:
    """Open a report page at each of ``VIEWPORTS``; its faults, each named with the viewport."""
    faults: list[str] = []
    url = path.resolve().as_uri()
    for name, viewport in VIEWPORTS.items():
        screenshot = screenshots / f"{path.stem}-{name}.png"
        page, found = _open(browser, url, "file:", screenshot, viewport)
        found += page.evaluate(_REPORT_FAULTS)
        faults += [f"{path} ({name}, {viewport[0]}x{viewport[1]}): {fault}" for fault in found]
        page.close()
    return faults


def check_layout(
    browser: Browser,
    origin: str,
    paths: list[str],
    screenshots: Path,
    pages: dict[str, str] = PAGES,
) -> list[str]:
    """Open each of ``paths`` at ``LAYOUT_VIEWPORT`` in the dark scheme; their layout faults.

    The faults are code blocks, tables or the page scrolling sideways, words of headings broken
    across lines, and images blank in the dark scheme. The pages of ``pages`` among ``paths``
    are also saved, whole, as ``<name>-dark-full.png`` in ``screenshots``.
    """
    width, height = LAYOUT_VIEWPORT
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme="dark")
    # the search index and its worker are checked on the home page; here they only cost time
    context.route("**/search/search_index.json", lambda route: route.abort())
    context.route("**/assets/javascripts/workers/**", lambda route: route.abort())
    page = context.new_page()
    names = {path: name for name, path in pages.items()}
    faults: list[str] = []
    try:
        for path in paths:
            response = page.goto(origin + path, wait_until="load")
            if response is None or not response.ok:
                status = None if response is None else response.status
                faults.append(f"{path}: could not load it in the dark scheme: {status}")
                continue
            found = page.evaluate(_LAYOUT_FAULTS)
            found += page.evaluate(_BLANK_IMAGES, MOSTLY_WHITE)
            faults += [f"{path} (dark, {width}x{height}): {fault}" for fault in found]
            if path in names:
                page.screenshot(
                    path=str(screenshots / f"{names[path]}-dark-full.png"), full_page=True
                )
    finally:
        context.close()
    return faults


def check_in_browser(
    site: Path,
    chromium: str,
    screenshots: Path,
    extra_pages: list[Path],
    pages: dict[str, str] = PAGES,
) -> list[str]:
    """Open the site's pages, and ``extra_pages``, in headless Chromium; return every fault.

    ``pages`` (name: path) are opened in full, in the light scheme; then every page of the site
    is checked for layout faults (``check_layout``).
    """
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only for this check

    screenshots.mkdir(parents=True, exist_ok=True)
    server, origin = _serve(site)
    faults: list[str] = []
    args = [*CHROMIUM_ARGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=args)
            for name, path in pages.items():
                if not (site / path).is_file():
                    faults.append(f"{path}: missing from the site, so it could not be opened")
                    continue
                page, found = _open(browser, origin + path, origin, screenshots / f"{name}.png")
                if name == "home":
                    found += _search_and_dark_mode(page, screenshots)
                faults += [f"{path}: {fault}" for fault in found]
                page.close()
            faults += check_layout(browser, origin, site_pages(site), screenshots, pages)
            for extra in extra_pages:
                faults += _check_report_page(browser, extra, screenshots)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return faults


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the site, as a path from its root, in order; the 404 page left out."""
    pages = (page.relative_to(site).as_posix() for page in sorted(site.rglob("*.html")))
    return [page for page in pages if page != "404.html"]


def main(argv: list[str] | None = None) -> int:
    """Check the site; print every fault; return 1 if there was any."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path, help="the built site (mkdocs build --site-dir)")
    parser.add_argument("--screenshots", type=Path, default=Path("build/site-check"))
    parser.add_argument("--chromium", help="the browser's path")
    parser.add_argument("--page", type=Path, action="append", default=[], help="another HTML file")
    arguments = parser.parse_args(argv)
    site: Path = arguments.site
    if not (site / "index.html").is_file():
        parser.error(f"{site} is not a built site: it has no index.html")
    faults = list(broken_links(site))
    pages = len(list(site.rglob("*.html")))
    print(f"links: {pages} pages read, {len(faults)} broken internal links")
    chromium = _find_chromium(arguments.chromium)
    found = check_in_browser(site, chromium, arguments.screenshots, arguments.page)
    opened = len(PAGES) + len(site_pages(site)) + len(arguments.page) * len(VIEWPORTS)
    print(f"browser: {opened} page views opened in {chromium}, {len(found)} faults")
    print(f"screenshots: {arguments.screenshots}/")
    for fault in faults + found:
        print(f"  {fault}")
    return 1 if faults or found else 0


if __name__ == "__main__":
    sys.exit(main())
