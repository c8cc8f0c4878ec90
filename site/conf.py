"""Sphinx configuration of the course website (`make site`, see tools/build_site.py).

The pages are the stored notebooks, rendered as they are (nbval has already proved
their outputs), plus a landing page whose course map is generated from the README's
course map table, so the two can never disagree. Nothing is fetched from the network
while building or reading the site: MathJax is served from a copy inside the site.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.errors import ConfigError
from sphinx.util import logging

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
NOTEBOOKS_DIR = ROOT / "notebooks"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # tools/ (not installed)

from docutils import nodes  # noqa: E402

from tools.build_notebooks import GOING_DEEPER, WIDGET_PLACEHOLDER  # noqa: E402  (one wording each)

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------ sources

def course_notebooks() -> list[str]:
    """The course's notebooks in order: `NN-topic` for every notebooks/NN-topic.ipynb."""
    return sorted(path.stem for path in NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))


def readme_section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README.read_text(encoding="utf-8"), re.M | re.S)
    if match is None:
        raise ConfigError(f"README.md has no '## {title}' section")
    return match.group(1)


def course_map() -> list[dict[str, str]]:
    """The rows of the README's course map: notebook name, what you learn, time."""
    rows = []
    for line in readme_section("Course map").splitlines():
        match = re.fullmatch(r"\|\s*\[([^\]]+)\]\(notebooks/([^)]+)\.ipynb\)\s*\|(.*)\|(.*)\|\s*", line)
        if match:
            label, name, learn, time = (group.strip() for group in match.groups())
            rows.append({"label": label, "name": name, "learn": learn, "time": time})
    return rows


def minutes(time: str) -> int:
    match = re.fullmatch(r"(\d+) min", time)
    if match is None:
        raise ConfigError(f"README.md's course map: time {time!r} is not of the form 'N min'")
    return int(match.group(1))


def course_map_markdown() -> str:
    """The landing page's course map: the README's table, with links between pages."""
    rows = course_map()
    lines = ["```{table}", ":class: course-map", "",
             "| Notebook | What you learn | Time (core path) |", "| --- | --- | --- |"]
    lines += [f"| [{row['label']}]({row['name']}.ipynb) | {row['learn']} | {row['time']} |" for row in rows]
    total = sum(minutes(row["time"]) for row in rows)
    lines += ["```", "", f"All {len(rows)} notebooks: about {total // 60} h {total % 60:02d} min "
              "of reading and running."]
    return "\n".join(lines)


def binder_link() -> dict[str, str]:
    """Binder and repository addresses from the README's `[binder]` link definition (their one source)."""
    match = re.search(r"^\[binder\]:\s*(\S+)", README.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise ConfigError("README.md has no [binder] link definition")
    url = urlsplit(match.group(1))
    parts = url.path.strip("/").split("/")  # v2 / gh / owner / repository / branch
    if parts[:2] != ["v2", "gh"] or len(parts) < 5:
        raise ConfigError(f"README.md's [binder] link is not a mybinder-style GitHub link: {match.group(1)}")
    owner, repository, branch = parts[2:5]
    return {
        "binderhub_url": f"{url.scheme}://{url.netloc}",
        "repository_url": f"https://github.com/{owner}/{repository}",
        "branch": branch,
    }


# ------------------------------------------------------------------ project

project = "tempnb"
author = "The tempnb course authors"
copyright = "the tempnb course authors; code MIT, prose and figures CC BY 4.0"
html_title = "tempnb: temperature, from first principles"

extensions = ["myst_nb", "sphinx_copybutton"]
root_doc = "index"
exclude_patterns = ["**/.ipynb_checkpoints", "src"]

# Warnings are errors (`-W` in tools/build_site.py); every reference must resolve.
nitpicky = True

# ------------------------------------------------------------------ notebooks

nb_execution_mode = "off"  # the stored outputs are the ones nbval checks; never re-run here
nb_merge_streams = True
nb_output_stderr = "show"  # none are stored; if one ever is, the reader should see it
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3  # `03-softmax.ipynb#some-heading` links resolve
# MyST would add a MathJax 3/4 setting; the site serves MathJax 2 and configures it below.
myst_update_mathjax = False

# Solutions: stored with `source_hidden` (JupyterLab shows them collapsed); here their code
# is folded under a toggle the same way, with their outputs (the ✅ line) left in view.
SOLUTION_TAG = "solution"
SOLUTION_PROMPTS = {"code_prompt_show": "Show the solution", "code_prompt_hide": "Hide the solution"}

# A live widget cannot be stored (its model exists only while the kernel runs), so the
# notebooks store a note in its place; on the site the note also says where to look.
WIDGET_NOTE = (
    '<div class="admonition tip tempnb-widget-note">'
    '<p class="admonition-title">Interactive explorer</p>'
    "<p>Its sliders need a running Python kernel: launch this page on Binder (the rocket button at "
    "the top of the page) or open the notebook with <code>make lab</code>, then run this cell. "
    "The static figure just above shows the same idea.</p></div>"
)

# ------------------------------------------------------------------ math, offline

# MathJax 2.7 as shipped by the pinned jupyter-server-mathjax package (the copy Jupyter's own
# server uses), copied into the site: no CDN. The package ships its TeX, MathML and HTML-CSS
# parts as one combined configuration file, loaded below, and only the STIX web fonts; its
# SVG output and translations are not needed by this configuration.
# Found without importing the package (importing it loads all of jupyter_server).
MATHJAX_SOURCE = Path(importlib.util.find_spec("jupyter_server_mathjax").submodule_search_locations[0]) / "static"
MATHJAX_SKIP = ("SVG", "localization")
mathjax_path = "mathjax/MathJax.js"  # under _static/ (Sphinx forbids a query string here)
mathjax2_config = {
    "config": ["TeX-AMS-MML_HTMLorMML-full.js"],
    # Sphinx writes math as \( … \) and \[ … \]; nothing else on a page is math.
    "tex2jax": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]],
                "processEscapes": False, "processEnvironments": False, "processRefs": False},
    "HTML-CSS": {
        "availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None,
        # MathJax 2 declares a placeholder font at url('about:blank'), which today's browsers
        # refuse with a console error; a missing local font plays the same part silently.
        "styles": {"@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank')"}},
    },
    "messageStyle": "none",
    "fast-preview": {"disabled": True},  # one typesetting pass, not a rough preview first
}

# ------------------------------------------------------------------ theme

def jupyterhub_url() -> str:
    """An institution's JupyterHub, from TEMPNB_JUPYTERHUB_URL (`make site JUPYTERHUB_URL=…`); empty for none.

    With one, every notebook page's launch button also offers "JupyterHub": the theme makes the
    nbgitpuller link (repository and branch from the README's `[binder]` link definition, as
    for Binder), which needs nbgitpuller in the hub's single-user image (see hub/README.md).
    """
    url = os.environ.get("TEMPNB_JUPYTERHUB_URL", "").strip().rstrip("/")
    if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc):
        raise ConfigError(f"TEMPNB_JUPYTERHUB_URL must be a hub's http(s) address, like https://hub.example.edu; "
                          f"got {url!r}")
    return url


BINDER = binder_link()
LAUNCH_BUTTONS = {"binderhub_url": BINDER["binderhub_url"], "notebook_interface": "jupyterlab"}
if jupyterhub_url():
    LAUNCH_BUTTONS["jupyterhub_url"] = jupyterhub_url()
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
# site/_templates/search-button-field.html replaces the theme's search button, whose aria-label
# hides its visible text from speech users (WCAG 2.5.3); see that file.
templates_path = ["_templates"]
html_css_files = ["tempnb.css"]
html_favicon = "favicon.svg"  # also spares every page a request for a missing /favicon.ico
html_theme_options = {
    "repository_url": BINDER["repository_url"],
    "repository_branch": BINDER["branch"],
    "path_to_docs": "notebooks",  # pages are notebooks/NN-topic.ipynb in the repository
    "use_repository_button": True,
    "use_download_button": True,
    "launch_buttons": LAUNCH_BUTTONS,
    "show_navbar_depth": 1,
    "home_page_in_toc": True,
}
# The figures are drawn on white: start in light mode (the reader can switch). Without a
# default the theme's script logs an error on every page.
html_context = {"default_mode": "light"}
html_last_updated_fmt = None  # a rebuild of the same course gives the same pages
copybutton_exclude = ".linenos, .gp, .go"  # copy the code, not prompts or printed output


# ------------------------------------------------------------------ events

def adapt_notebook(app, docname: str, source: list[str]) -> None:
    """Before MyST-NB reads a notebook: fold solutions, and turn widget notes into site notes."""
    if not app.env.doc2path(docname).name.endswith(".ipynb"):
        if docname == root_doc:
            source[0] = source[0].replace("<!-- course map -->", course_map_markdown())
        return
    notebook = json.loads(source[0])
    for cell in notebook["cells"]:
        metadata = cell.setdefault("metadata", {})
        if SOLUTION_TAG in metadata.get("tags", []):
            metadata["tags"] = [*metadata["tags"], "hide-input"]
            metadata.setdefault("mystnb", {}).update(SOLUTION_PROMPTS)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "".join(data.get("text/plain", "")) == WIDGET_PLACEHOLDER:
                output["data"] = {"text/html": WIDGET_NOTE}
    source[0] = json.dumps(notebook)


# MyST-NB (1.4) labels the summary of every folded cell "Toggle hidden content", which is not
# the text it shows ("Show the solution"): WCAG 2.5.3 "Label in name" wants the visible text to
# be the name, and a <summary> is named by its text without an aria-label.
FOLD_LABEL = '<summary aria-label="Toggle hidden content">'


def name_folds_by_their_text(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace(FOLD_LABEL, "<summary>")
# "Going deeper: …" sections (see tools/build_notebooks.py): JupyterLab opens them folded under
# their heading; here the heading stays in view and the section's contents (subsections
# included, down to the next heading of the same or a higher level) fold into a <details>.
GOING_DEEPER_SUMMARY = "Show this section (optional: nothing later in the notebook needs it)"


GOING_DEEPER_OPEN = f'<details class="tempnb-going-deeper"><summary>{GOING_DEEPER_SUMMARY}</summary>'


def fold_going_deeper(app, doctree) -> None:
    """After a page is read: fold the body of each "Going deeper" section into a <details>.

    Raw HTML nodes open it after the section's title and close it at the section's end, so the
    section's contents (subsections included) sit between them; the heading stays in view.
    """
    for section in list(doctree.findall(nodes.section)):
        title = section.next_node(nodes.title)
        if title is None or title.parent is not section or not title.astext().startswith(GOING_DEEPER):
            continue
        if len(section.children) <= section.index(title) + 1:
            continue
        section.insert(section.index(title) + 1, nodes.raw("", GOING_DEEPER_OPEN, format="html"))
        section += nodes.raw("", "</details>", format="html")


def copy_mathjax(app) -> None:
    shutil.copytree(MATHJAX_SOURCE, Path(app.outdir) / "_static" / "mathjax", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*MATHJAX_SKIP))


def check_course_map(app, config) -> None:
    """Before any page is read: the README's course map must list exactly the notebooks there are."""
    listed, present = [row["name"] for row in course_map()], course_notebooks()
    if listed != present:
        logger.warning("README.md's course map must list every notebook in notebooks/, once, in order: "
                       "it lists %s; notebooks/ holds %s", listed, present, type="tempnb", subtype="course_map")


def math_on_search_page(app, pagename, templatename, context, doctree) -> None:
    """Load MathJax on the search page too, where site/_static/search-math.js typesets the results."""
    if pagename == "search":
        context["has_maths_elements"] = True
        app.builder.add_js_file("search-math.js")


def setup(app):
    app.connect("html-page-context", math_on_search_page, priority=400)  # before MathJax's own handler (500)
    app.connect("config-inited", check_course_map)
    app.connect("source-read", adapt_notebook)
    app.connect("html-page-context", name_folds_by_their_text)
    app.connect("doctree-read", fold_going_deeper)
    app.connect("builder-inited", copy_mathjax)
