"""The course website (`make site`): built once, then read as files and in headless Chromium.

The build runs tools/build_site.py exactly as `make site` does, into a temporary
folder, with warnings as errors. The first group of tests reads the built HTML
(no browser needed): every page exists and is linked in course order, the landing
page is the README's course map, every local link and resource resolves, the
launch buttons point at the right notebook, and nothing is loaded from another
host. The second group serves the site from a localhost http.server and opens each
page in headless Chromium with every request to another host blocked and recorded:
no console error, every image loaded, every formula typeset by the site's own
MathJax, every stored output shown, solutions folded, and the search page finds
"temperature". Screenshots of every page land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import ROOT, axe_violations, launch_chromium

NOTEBOOKS_DIR = ROOT / "notebooks"
SCREENSHOTS = ROOT / "screenshots"
NOTEBOOKS = sorted(path.stem for path in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
PAGES = ["index", *NOTEBOOKS]  # in reading order: the landing page, then 01, 02, …
SOLUTION_TAG = "solution"
WIDGET_STORED_NOTE = "Interactive explorer: run this cell with a live kernel to use it."
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
TIMINGS: dict[str, float] = {}


# ------------------------------------------------------------------ the build

@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The built site's html folder (one build for this module, as `make site` builds it)."""
    build_dir = tmp_path_factory.mktemp("site")
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "tools/build_site.py", "--build-dir", str(build_dir), "-q"],
                            cwd=ROOT, capture_output=True, text=True)
    TIMINGS["build (s)"] = time.perf_counter() - started
    assert result.returncode == 0, f"make site failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    assert "WARNING" not in result.stderr, result.stderr
    return build_dir / "html"


def read_notebook(name: str) -> dict:
    return json.loads((NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"))


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def readme_course_map() -> list[tuple[str, str, str]]:
    """(notebook, what you learn, time) for each row of the README's course map, read here on
    its own (not with the site's parser), with inline-code backticks removed as a browser shows them."""
    section = readme().split("## Course map", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| \[[^\]]+\]\(notebooks/([^)]+)\.ipynb\) \| (.+?) \| (.+?) \|$", section, re.M)
    return [(name, learn.replace("`", ""), time) for name, learn, time in rows]


def readme_binder_url() -> str:
    return re.search(r"^\[binder\]: (\S+)$", readme(), re.M).group(1)


# Sphinx's "smart quotes" print typographic quotes, dashes and ellipses for the plain ones.
PLAIN_PUNCTUATION = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "--", "—": "---", "…": "..."})


class Page(HTMLParser):
    """The parts of a built page the static tests read: links, resources, ids, table cells."""

    def __init__(self, path: Path):
        super().__init__()
        self.links: list[str] = []  # <a href>
        self.resources: list[str] = []  # what the browser loads: scripts, stylesheets, images
        self.head_links: dict[str, str] = {}  # <link rel="next|prev">
        self.ids: set[str] = set()
        self.cells: list[str] = []  # the text of each <td>, in order
        self._in_cell = False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        elif tag == "link" and attrs.get("rel") in ("next", "prev"):
            self.head_links[attrs["rel"]] = attrs["href"]
        elif tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "icon") and attrs.get("href"):
            self.resources.append(attrs["href"])
        elif tag in ("script", "img", "iframe") and attrs.get("src"):
            self.resources.append(attrs["src"])
        elif tag == "td":
            self._in_cell = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        if self._in_cell:
            self.cells[-1] += data


@functools.cache
def page_ids(path: Path) -> frozenset[str]:
    return frozenset(Page(path).ids)


def is_external(url: str) -> bool:
    """Loaded from another host. A `data:` address (a figure stored in its notebook) is part of the page."""
    return bool(urlsplit(url).scheme not in ("", "data") or url.startswith("//"))


# ------------------------------------------------------------------ static checks

def test_there_is_one_page_per_notebook_in_course_order(site):
    assert NOTEBOOKS, "no notebooks found"
    for index, name in enumerate(PAGES):
        page = Page(site / f"{name}.html")
        expected_prev = f"{PAGES[index - 1]}.html" if index > 0 else None
        expected_next = f"{PAGES[index + 1]}.html" if index + 1 < len(PAGES) else None
        assert page.head_links.get("prev") == expected_prev, name
        assert page.head_links.get("next") == expected_next, name
    # Nothing else became a page: not the MyST sources in notebooks/src, not a stray file.
    pages = {path.stem for path in site.glob("*.html")}
    assert pages == {*PAGES, "genindex", "search"}


class GoingDeeperFolds(HTMLParser):
    """Each <details> of a "Going deeper" section: whether it is open, and the text inside it."""

    def __init__(self):
        super().__init__()
        self.folds: list[dict] = []
        self.depth = 0  # how many <details> we are inside, counted from a Going-deeper one

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "details":
            if self.depth:
                self.depth += 1
            elif "tempnb-going-deeper" in (attributes.get("class") or "").split():
                self.folds.append({"open": "open" in attributes, "text": ""})
                self.depth = 1

    def handle_endtag(self, tag):
        if tag == "details" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.folds[-1]["text"] += data


def test_going_deeper_sections_are_folded(site):
    # Expected from the stored notebook, read here on its own: one fold per "Going deeper" heading,
    # closed, holding the section's first code line (the section's body is inside the fold).
    for name in NOTEBOOKS:
        cells = read_notebook(name)["cells"]
        expected = []
        for index, cell in enumerate(cells):
            source = "".join(cell["source"])
            heading = re.match(r"(#{1,6})\s+Going deeper:", source) if cell["cell_type"] == "markdown" else None
            if heading:
                level, code = len(heading[1]), None
                for later in cells[index + 1:]:
                    levels = [len(m) for m in re.findall(r"^(#{1,6})\s", "".join(later["source"]), re.M)]
                    if later["cell_type"] == "markdown" and any(other <= level for other in levels):
                        break  # the section ends: it holds no code cell
                    if later["cell_type"] == "code":
                        code = later
                        break
                expected.append("".join(code["source"]).splitlines()[0] if code else None)
        parser = GoingDeeperFolds()
        parser.feed((site / f"{name}.html").read_text(encoding="utf-8"))
        assert len(parser.folds) == len(expected), name
        for fold, first_line in zip(parser.folds, expected):
            assert not fold["open"], name
            if first_line:
                assert first_line.split("(")[0].strip() in fold["text"], (name, first_line)


def test_landing_page_is_the_readme_course_map(site):
    rows = readme_course_map()
    assert [name for name, _, _ in rows] == NOTEBOOKS, "README's course map must list every notebook, in order"
    page = Page(site / "index.html")
    cells = [re.sub(r"\s+", " ", cell).strip().translate(PLAIN_PUNCTUATION) for cell in page.cells]
    assert cells == [text for row in rows for text in (row[0], row[1], row[2])]
    for name in NOTEBOOKS:
        assert f"{name}.html" in page.links


def test_every_local_link_and_resource_resolves(site):
    for path in site.glob("*.html"):
        page = Page(path)
        for url in page.links + page.resources:
            if is_external(url) or url.startswith(("mailto:", "javascript:", "data:")):
                continue
            assert not url.startswith("/"), f"{path.name}: {url} is root-absolute; the site must work from any folder"
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{path.name}: {url} does not exist"
            assert target.suffix != ".ipynb" or "_sources" in target.parts, \
                f"{path.name}: {url} links a notebook file instead of its page (an unresolved cross-reference)"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in page_ids(target), f"{path.name}: {url} has no #{parts.fragment}"


def test_links_between_notebooks_go_to_their_pages(site):
    for name in NOTEBOOKS:
        markdown = "".join("".join(cell["source"]) for cell in read_notebook(name)["cells"]
                           if cell["cell_type"] == "markdown")
        linked = set(re.findall(r"\]\((\d\d-[\w-]+)\.ipynb(?:#[\w-]+)?\)", markdown))
        page_links = {urlsplit(url).path for url in Page(site / f"{name}.html").links}
        for other in linked:
            assert f"{other}.html" in page_links, f"{name} links {other}.ipynb but its page has no link to {other}.html"


def test_nothing_is_loaded_from_another_host(site):
    for path in site.glob("*.html"):
        external = [url for url in Page(path).resources if is_external(url)]
        assert external == [], f"{path.name} loads {external}"


def test_each_notebook_page_launches_that_notebook_on_binder(site):
    # The README's Binder link opens 01-probabilities; each page's button opens its own notebook.
    readme_link = readme_binder_url()
    assert "notebooks/01-probabilities.ipynb" in readme_link
    for name in NOTEBOOKS:
        expected = readme_link.replace("01-probabilities", name)
        binder_links = [url for url in Page(site / f"{name}.html").links if "/v2/gh/" in url]
        assert binder_links == [expected], name


# ------------------------------------------------------------------ in the browser

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002  (the base class's name)
        pass


@pytest.fixture(scope="module")
def server(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = launch_chromium(playwright, chromium)
        yield launched
        launched.close()
    report = ["| step | seconds |", "| --- | --- |"]
    report += [f"| {step} | {seconds:.1f} |" for step, seconds in TIMINGS.items()]
    (SCREENSHOTS / "site-report.md").write_text("\n".join(report) + "\n")


@pytest.fixture
def tab(browser, server):
    """A fresh tab on the local site; records blocked requests, console errors and failed loads."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    problems: dict[str, list[str]] = {"blocked": [], "console": [], "failed": []}

    def only_localhost(route):
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            problems["blocked"].append(route.request.url)
            route.abort()

    context.route("**/*", only_localhost)
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems["console"].append(message.text))
    page.on("pageerror", lambda error: problems["console"].append(str(error)))
    page.on("response", lambda response: response.status >= 400
            and problems["failed"].append(f"{response.status} {response.url}"))
    page.on("requestfailed", lambda request: request.url not in problems["blocked"]
            and problems["failed"].append(f"{request.failure} {request.url}"))
    yield page, server, problems
    context.close()
    assert problems["blocked"] == [], f"requests to other hosts were attempted (and blocked): {problems['blocked']}"


# MathJax 2 calls the "End" startup hook once the first typesetting pass is done
# (at once if that has already happened).
MATHJAX_DONE = """
() => new Promise(resolve => {
  if (!document.querySelector('.math.nohighlight')) { resolve('no math'); return; }
  const wait = () => (window.MathJax && MathJax.Hub && MathJax.Hub.Register)
    ? MathJax.Hub.Register.StartupHook('End', () => resolve('typeset')) : setTimeout(wait, 50);
  wait();
})
"""

MATH_STATE = """
() => {
  const maths = [...document.querySelectorAll('.math.nohighlight')];  // Sphinx's; MathJax's own spans are .math too
  const skip = 'pre, code, script, style, textarea, .MathJax, .MathJax_Display, .MathJax_Preview';
  const walker = document.createTreeWalker(document.querySelector('main') || document.body, NodeFilter.SHOW_TEXT);
  const raw = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(skip)) continue;
    const found = node.textContent.match(/\\$[^$\\s][^$]*\\$|\\\\\\(|\\\\\\[/);
    if (found) raw.push(found[0]);
  }
  return {
    formulas: maths.length,
    typeset: maths.filter(m => m.querySelector('script[type^="math/tex"]')
                               && m.querySelector('.MathJax, .MathJax_Display')).length,
    errors: [...document.querySelectorAll('.merror, .noError, .MathJax_Error')].map(e => e.textContent)
      .concat(window.MathJax && MathJax.Hub && MathJax.Hub.getAllJax
              ? MathJax.Hub.getAllJax().filter(j => j.root && j.root.texError).map(j => j.originalText) : []),
    raw: raw,
  };
}
"""

CELL = "contains(concat(' ', @class, ' '), ' cell ')"  # an XPath test for a notebook cell's container
BROKEN_IMAGES = "() => [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"


def open_page(page, base: str, name: str) -> str:
    started = time.perf_counter()
    page.goto(f"{base}/{name}.html", wait_until="load")
    state = page.evaluate(MATHJAX_DONE)
    TIMINGS[f"{name} load + typeset (s)"] = time.perf_counter() - started
    return state


def stored_outputs(name: str) -> dict[str, int]:
    """What the stored notebook holds: figures, text outputs, solutions, markdown tables, widget notes."""
    counts = {"figures": 0, "texts": 0, "solutions": 0, "tables": 0, "widget notes": 0, "passes": 0, "hints": 0}
    for cell in read_notebook(name)["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            counts["tables"] += len(re.findall(r"^\|.*\|\n\|[ :|-]+\|$", source, re.M))
            continue
        counts["solutions"] += SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])
        streams_seen: set[str] = set()  # site/conf.py merges each cell's streams of one name (nb_merge_streams)
        for output in cell.get("outputs", []):
            text = "".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
            counts["passes"] += text.count("✅")
            counts["hints"] += text.count("💡")
            if "image/png" in output.get("data", {}) or "<img" in "".join(output.get("data", {}).get("text/html", "")):
                counts["figures"] += 1
            elif text.strip() == WIDGET_STORED_NOTE:
                counts["widget notes"] += 1
            elif output["output_type"] == "stream":
                counts["texts"] += output["name"] not in streams_seen
                streams_seen.add(output["name"])
            elif "text/plain" in output.get("data", {}):
                counts["texts"] += 1
    return counts


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_offline_in_chromium(tab, name):
    page, base, problems = tab
    state = open_page(page, base, name)
    started = time.perf_counter()
    page.screenshot(path=str(SCREENSHOTS / f"site-{name}.jpg"), full_page=True, type="jpeg", quality=70)
    TIMINGS[f"{name} screenshot (s)"] = time.perf_counter() - started
    assert problems["console"] == [], problems["console"]
    assert problems["failed"] == [], problems["failed"]
    assert page.evaluate(BROKEN_IMAGES) == []
    math = page.evaluate(MATH_STATE)
    assert math["typeset"] == math["formulas"], math
    assert math["errors"] == [] and math["raw"] == [], math
    if name == "index":
        return
    # Every notebook page has formulas, typeset by the site's own MathJax.
    assert state == "typeset" and math["formulas"] > 0, (state, math)
    stored = stored_outputs(name)
    article = page.locator("article")
    code_cells = article.locator(".cell_input pre").count()
    assert code_cells > 0 and article.locator(".cell_input button.copybtn").count() == code_cells
    assert page.locator(f"a[href*='/v2/gh/'][href$='notebooks/{name}.ipynb']").count() == 1
    assert article.locator(".cell_output img").count() == stored["figures"]
    assert article.locator(".cell_output .output.stream, .cell_output .output.text_plain").count() == stored["texts"]
    assert article.locator("table").count() >= stored["tables"]
    text = article.inner_text()
    # Text content, not rendered text: a check's line inside a folded "Going deeper" section is on the
    # page too (02's optional subnormal check prints its hint there), only folded.
    printed = "".join(article.locator(".cell_output").all_text_contents())
    assert printed.count("✅") == stored["passes"] and printed.count("💡") == stored["hints"], name
    # Solutions: the code is folded under a closed toggle, its ✅ line in view below it.
    solutions = article.locator("details:has(summary:has-text('Show the solution'))")
    assert solutions.count() == stored["solutions"] >= 1
    for index in range(solutions.count()):
        solution = solutions.nth(index)
        assert solution.get_attribute("open") is None
        assert not solution.locator(".cell_input").is_visible()
        assert solution.locator("xpath=..").locator(".cell_output").is_visible()
    # A widget is never shown broken: its note points at the static figure just above it.
    notes = article.locator(".cell_output:has(.tempnb-widget-note)")
    assert notes.count() == stored["widget notes"]
    assert WIDGET_STORED_NOTE not in text
    for index in range(notes.count()):
        assert "static figure just above" in notes.nth(index).inner_text()
        previous_cell = notes.nth(index).locator(f"xpath=preceding::div[{CELL}][1]")
        assert previous_cell.locator(".cell_output img").count() >= 1


FIGURE_ALTS = "() => [...document.querySelectorAll('article .cell_output img')].map(i => i.getAttribute('alt'))"
ASSISTIVE_MATH = """
() => [...document.querySelectorAll('.math.nohighlight')].filter(m =>
  !m.querySelector('.MJX_Assistive_MathML math')).map(m => m.textContent.slice(0, 60))
"""


@pytest.mark.parametrize("name", [*PAGES, "genindex", "search"])
def test_page_has_no_wcag_violations(tab, name):
    """axe-core (WCAG 2.0/2.1, levels A and AA) finds nothing on the page, after MathJax has typeset it."""
    page, base, problems = tab
    open_page(page, base, name)
    assert axe_violations(page) == []
    # Every figure has a text alternative of its own, not the image's file name.
    for alt in page.evaluate(FIGURE_ALTS):
        assert alt and 10 <= len(alt) <= 150 and not re.search(r"\.(png|jpe?g|svg)$", alt), (name, alt)
    # Every formula is also in the page as MathML, which screen readers read (MathJax's AssistiveMML).
    assert page.evaluate(ASSISTIVE_MATH) == [], name
    assert problems["console"] == [] and problems["failed"] == []


def test_search_finds_temperature(tab):
    page, base, problems = tab
    page.goto(f"{base}/search.html?q=temperature", wait_until="load")
    page.locator("#search-results .search-summary:has-text('found')").wait_for(timeout=30_000)
    results = page.locator("#search-results ul.search li")
    found = {urlsplit(results.nth(i).locator("a").first.get_attribute("href")).path for i in range(results.count())}
    assert "04-temperature.html" in found, found
    # Result snippets quote the pages' text; their formulas are typeset too, not left as TeX.
    page.wait_for_function("() => !/\\\\[(\\[]/.test(document.getElementById('search-results').innerText)",
                           timeout=30_000)
    page.evaluate("() => new Promise(resolve => MathJax.Hub.Queue(() => resolve(true)))")  # after the typesetting
    formulas = page.locator("#search-results script[type^='math/tex']").count()
    assert page.locator("#search-results .MathJax").count() == formulas
    assert page.evaluate(MATH_STATE)["errors"] == []
    page.screenshot(path=str(SCREENSHOTS / "site-search.jpg"), type="jpeg", quality=70)
    assert problems["console"] == [] and problems["failed"] == []
