"""Accessibility checks that need no browser: text alternatives, headings, colour contrast.

The browser checks (axe-core on every site page and in JupyterLab, the explorers by
keyboard) are in tests/test_site.py and tests/test_browser.py.
"""

from __future__ import annotations

import ast
import base64
import json
import re
from html import unescape
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.utils.capture import capture_output  # noqa: E402

from helpers import ROOT  # noqa: E402
from tempnb import plotting  # noqa: E402

NOTEBOOKS_DIR = ROOT / "notebooks"
SOURCES = sorted((NOTEBOOKS_DIR / "src").glob("[0-9][0-9]-*.md"))
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]-*.ipynb"))
FIGURE = re.compile(r'<img class="tempnb-figure" alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)">')


# ------------------------------------------------------------------ WCAG 2.1's contrast, written out here

def luminance(color) -> float:
    """Relative luminance, as WCAG 2.1 defines it (sRGB channels linearised, weights 0.2126/0.7152/0.0722)."""
    channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in mcolors.to_rgb(color)]
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(a, b) -> float:
    lighter, darker = sorted((luminance(a), luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_contrast_formula_matches_known_ratios():
    # Fixed points of the definition: black on white is 21:1, a colour on itself 1:1, and
    # #767676 is the lightest grey that reaches 4.5:1 on white (4.54:1, the usual reference).
    assert contrast("black", "white") == pytest.approx(21.0)
    assert contrast("#0173b2", "#0173b2") == pytest.approx(1.0)
    assert contrast("#767676", "white") == pytest.approx(4.54, abs=0.01)
    assert contrast("#777777", "white") < 4.5


def test_course_palette_and_text_meet_wcag_contrast_on_the_figure_background():
    saved = dict(matplotlib.rcParams)
    try:
        plotting.use_course_style()
        params = matplotlib.rcParams
        backgrounds = {params["figure.facecolor"], params["axes.facecolor"], params["savefig.facecolor"]} - {"auto"}
        for background in backgrounds:
            # Lines, bars and markers: 3:1 (WCAG 2.1 SC 1.4.11), every colour the course cycles through.
            for color in plotting.colors(10):
                assert contrast(color, background) >= 3.0, (mcolors.to_hex(color), background)
            # Titles, labels, tick labels and legends: 4.5:1 (SC 1.4.3).
            for key in ("text.color", "axes.labelcolor", "xtick.labelcolor", "ytick.labelcolor", "axes.titlecolor"):
                color = params[key]
                if color in ("inherit", "auto"):  # matplotlib's words for "as the text" / "as the ticks"
                    as_text = key == "axes.titlecolor"
                    color = params["text.color"] if as_text else params[key.replace("labelcolor", "color")]
                assert contrast(color, background) >= 4.5, (key, color, background)
    finally:
        matplotlib.rcParams.update(saved)


def test_the_palette_check_would_catch_seaborns_own_orange():
    # seaborn's colour-blind orange (#de8f05) reaches only about 2.6:1 on white: the course darkens it.
    import seaborn

    raw = seaborn.color_palette(plotting.PALETTE)
    assert contrast(raw[1], "white") < 3.0
    assert mcolors.to_hex(plotting.colors(2)[1]) != mcolors.to_hex(raw[1])


# ------------------------------------------------------------------ show_figure

class Shell(InteractiveShell):
    """An IPython shell like a kernel's, without an event loop to integrate with."""

    def enable_gui(self, gui=None):
        pass


@pytest.fixture
def shell():
    yield Shell.instance()
    Shell.clear_instance()
    plt.close("all")


def test_show_figure_displays_an_image_named_by_its_alt_text(shell):
    fig, ax = plt.subplots(figsize=(2, 1.5), dpi=50)
    ax.plot([0, 1], [0, 1])
    alt = 'A rising line: "up" & <right>'
    with capture_output() as captured:
        plotting.show_figure(fig, alt)
    assert len(captured.outputs) == 1
    data = captured.outputs[0].data
    assert set(data) == {"text/html", "text/plain"}
    assert data["text/plain"] == f"Figure (100x75 pixels): {alt}"
    match = FIGURE.fullmatch(data["text/html"])
    assert match, data["text/html"][:200]
    assert unescape(match.group(1)) == alt  # escaped in the markup, the same text once read
    png = base64.b64decode(match.group(2))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == 100 and int.from_bytes(png[20:24], "big") == 75  # 2 x 1.5 in at 50 dpi
    assert plt.get_fignums() == []  # closed: the inline backend will not show it a second time, unnamed


@pytest.mark.parametrize("alt", [None, "", "   \n", 42, "x" * 151])
def test_show_figure_refuses_a_missing_or_overlong_alt_text(shell, alt):
    fig, _ = plt.subplots()
    with pytest.raises((ValueError, TypeError), match="`alt`"):
        plotting.show_figure(fig, alt)


def test_show_figure_refuses_what_is_not_a_figure(shell):
    with pytest.raises(TypeError, match="`fig`"):
        plotting.show_figure(plt.subplots()[1], "an axes, not a figure")


# ------------------------------------------------------------------ the notebooks

def code_cells(source: Path) -> list[str]:
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```$", source.read_text(encoding="utf-8"), re.M | re.S)


def alt_texts(code: str) -> list[str]:
    """The alt text of each show_figure(fig, "...") call in a code cell, in order. Parsed, not matched, so an
    alt text split into adjacent string literals over two lines (to keep lines short) reads as the one string
    Python makes of it; an alt text that is not a plain string literal is an error."""
    lines = code.splitlines()
    while lines and lines[0].startswith(":"):  # the cell's MyST options (":tags: [solution]")
        lines = lines[1:]
    python = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in lines)
    found = []
    for node in ast.walk(ast.parse(python)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "show_figure":
            alt = node.args[1] if len(node.args) > 1 else None
            assert isinstance(alt, ast.Constant) and isinstance(alt.value, str), \
                f"show_figure's alt text must be a string literal: {ast.unparse(node)[:200]}"
            found.append((node.lineno, node.col_offset, alt.value))
    return [alt for *_, alt in sorted(found)]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_every_figure_in_a_source_is_shown_with_alt_text(source):
    shown = 0
    for code in code_cells(source):
        assert "plt.show(" not in code, f"{source.name}: use show_figure(fig, alt) instead of plt.show()"
        makes_figures = len(re.findall(r"plt\.(?:subplots|subplot_mosaic|figure)\(", code))
        calls = alt_texts(code)
        assert len(calls) == makes_figures, f"{source.name}: a figure without show_figure(fig, alt):\n{code[:300]}"
        shown += len(calls)
    assert shown >= 1, source.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_stored_figure_has_its_own_alt_text(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    written = [alt for code in code_cells(NOTEBOOKS_DIR / "src" / f"{path.stem}.md") for alt in alt_texts(code)]
    stored = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            assert "image/png" not in data and "image/svg+xml" not in data, \
                f"{path.name}: a figure stored without alt text (shown with plt.show?)"
            stored += [unescape(alt) for alt, _ in FIGURE.findall("".join(data.get("text/html", "")))]
    assert stored == written, path.name  # each figure, in order, with the alt text its source gives
    for alt in stored:
        assert 20 <= len(alt) <= plotting.ALT_MAX_CHARS, alt
        assert not re.search(r"\.(png|jpe?g|svg)$|^(figure|image|plot)\b", alt, re.I), alt
    assert len(set(stored)) == len(stored), f"{path.name}: two figures share one alt text"


def headings(source: Path) -> list[tuple[int, str]]:
    """(level, text) of each Markdown heading outside code cells and fenced blocks."""
    found, fenced = [], False
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        match = re.match(r"^(#{1,6})\s+(.+)$", line)
        if match and not fenced:
            found.append((len(match.group(1)), match.group(2)))
    return found


def test_headings_are_read_from_markdown_only():
    fake = ROOT / "notebooks" / "src" / "00-not-a-notebook.md"
    text = "# Title\n\n```{code-cell} ipython3\n# a comment, not a heading\n```\n\n### Skipped\n"
    try:
        fake.write_text(text, encoding="utf-8")
        assert headings(fake) == [(1, "Title"), (3, "Skipped")]
    finally:
        fake.unlink()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_one_title_and_no_skipped_heading_levels(source):
    found = headings(source)
    assert [level for level, _ in found].count(1) == 1 and found[0][0] == 1, f"{source.name}: one H1, first"
    for (before, _), (level, text) in zip(found, found[1:]):
        assert level <= before + 1, f"{source.name}: '{text}' (H{level}) follows an H{before}"


def test_readable_heatmap_numbers_reach_text_contrast_on_every_cell():
    """Each number of an annotated heatmap is drawn black or white, whichever contrasts more with its own cell
    (recomputed here with this file's own WCAG formula), and the lowest ratio returned is the lowest drawn."""
    import seaborn as sns

    values = np.linspace(0.0, 1.0, 30).reshape(5, 6)  # the whole colour map, dark to light
    fig, ax = plt.subplots()
    try:
        sns.heatmap(values, ax=ax, cmap="viridis", vmin=0, vmax=1, annot=True, fmt=".2f")
        lowest = plotting.readable_heatmap_numbers(ax, values, "viridis")
        ratios = []
        for text in ax.texts:
            column, row = (int(position) for position in text.get_position())
            background = plt.get_cmap("viridis")(values[row, column])
            assert mcolors.to_hex(text.get_color()) in ("#000000", "#ffffff"), text.get_color()
            other = "white" if mcolors.to_hex(text.get_color()) == "#000000" else "black"
            assert contrast(text.get_color(), background) >= contrast(other, background), (row, column)
            ratios.append(contrast(text.get_color(), background))
        assert len(ratios) == values.size and min(ratios) >= 4.5, min(ratios)
        assert lowest == pytest.approx(min(ratios), rel=1e-9)
        with pytest.raises(ValueError, match="annot=True"):
            plotting.readable_heatmap_numbers(plt.subplots()[1], values)
    finally:
        plt.close("all")
