"""The stored notebooks: built from their sources, fully executed, clean, and complete.

nbval (configured in pyproject.toml) re-executes every notebook and compares its
outputs; these tests check what nbval does not: that each .ipynb is exactly its
MyST source plus outputs, and that it follows the course anatomy.
"""

import base64
import builtins
import re
import struct

import nbformat
import pytest

from tools.build_notebooks import NOTEBOOKS_DIR, read_source, source_paths, target_for

SOURCES = source_paths()
ANATOMY = ["Overview", "Prerequisites", "Imports", "Exercises", "Summary", "What's next", "References", "Solutions"]


def test_every_notebook_has_a_source_and_every_source_a_notebook():
    stored = {p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")}
    built = {target_for(s).name for s in SOURCES}
    assert SOURCES, "no notebook sources found"
    assert stored == built, f"stored without a source: {stored - built}; never built: {built - stored}"


@pytest.fixture(params=SOURCES, ids=lambda p: p.stem)
def pair(request):
    source = request.param
    return read_source(source), nbformat.read(target_for(source), as_version=4)


def test_stored_notebook_matches_its_source(pair):
    expected, stored = pair
    assert [(c.cell_type, c.source) for c in stored.cells] == [
        (c.cell_type, c.source) for c in expected.cells
    ], "the .ipynb is out of date with notebooks/src: run `make notebooks`"
    assert [c.get("id") for c in stored.cells] == [c.get("id") for c in expected.cells]


def test_every_code_cell_was_executed_in_order(pair):
    _, stored = pair
    counts = [c.execution_count for c in stored.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), "run `make notebooks` (fresh kernel, top to bottom)"
    for cell in stored.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", cell.source[:80]
            assert not (output.output_type == "stream" and output.name == "stderr"), (
                f"stderr output (a warning?) in cell: {cell.source[:80]}"
            )


def test_no_volatile_or_machine_specific_content(pair):
    _, stored = pair
    assert set(stored.metadata) <= {"kernelspec", "language_info"}
    assert stored.metadata.language_info == {"name": "python"}
    bad = [
        (re.compile(r"/(root|home|tmp|work|Users)/"), "an absolute path"),
        (re.compile(r"np\.(float|int)\d*\("), "a bare numpy scalar repr"),
        (re.compile(r" at 0x[0-9a-f]+"), "a memory address"),
    ]
    for cell in stored.cells:
        assert "execution" not in cell.metadata
        for output in cell.get("outputs", []):
            texts = [output.get("text", "")] + [
                v for k, v in output.get("data", {}).items() if k.startswith("text/")
            ]
            for text in texts:
                for pattern, what in bad:
                    assert not pattern.search(text), f"{what} in output of: {cell.source[:80]}"


def test_ignored_outputs_carry_a_reason(pair):
    _, stored = pair
    for cell in stored.cells:
        tags = cell.metadata.get("tags", [])
        if "nbval-ignore-output" in tags or "NBVAL_IGNORE_OUTPUT" in cell.source:
            assert re.search(r"#.*(volatile|changes|differs|live|wall-clock|random)", cell.source), (
                f"an ignored output needs a comment saying why: {cell.source[:80]}"
            )


def test_anatomy_and_solutions(pair):
    _, stored = pair
    headings = [
        line.lstrip("#").strip()
        for cell in stored.cells if cell.cell_type == "markdown"
        for line in cell.source.splitlines() if line.startswith("## ")
    ]
    positions = [headings.index(h) if h in headings else -1 for h in ANATOMY]
    assert -1 not in positions, f"missing sections: {[h for h, p in zip(ANATOMY, positions) if p < 0]}"
    assert positions == sorted(positions), f"sections out of order: {headings}"
    assert stored.cells[0].source.startswith("# "), "a notebook starts with its title"
    solutions = [c for c in stored.cells if "solution" in c.metadata.get("tags", [])]
    assert solutions, "every notebook ships executed solutions"
    for cell in solutions:
        # Code and output both folded: a visible "✅ T = 1/3" would give the answer away.
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True
        assert cell.metadata.get("jupyter", {}).get("outputs_hidden") is True
        printed = "".join(o.get("text", "") for o in cell.outputs)
        assert "✅" in printed and "Not yet" not in printed, f"a solution fails its check: {cell.source[:80]}"


def prose_words(notebook) -> int:
    words = 0
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = re.sub(r"\$[^$]*\$", " ", cell.source)  # formulas are not prose
            text = re.sub(r"\|[-\s|]*\|", " ", text)
            words += len(re.findall(r"[A-Za-z][A-Za-z'’-]*", text))
    return words


MIN_WORDS = {"01": 600, "02": 600, "03": 600, "04": 900, "05": 900, "06": 900}


def test_enough_prose(pair):
    expected, _ = pair
    number = expected.cells[0].source[2:4]
    assert prose_words(expected) >= MIN_WORDS.get(number, 600)


MYST_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3 (ipykernel)
  language: python
  name: python3
---

# A notebook

```{code-cell} ipython3
print(6 * 7)
```
"""


def test_build_writes_an_executed_notebook_only_when_every_cell_succeeds(tmp_path, capsys):
    from tools.build_notebooks import build

    (tmp_path / "src").mkdir()
    good = tmp_path / "src" / "good.md"
    good.write_text(MYST_HEADER)
    assert build(good)
    written = nbformat.read(tmp_path / "good.ipynb", as_version=4)
    assert written.cells[1].outputs[0]["text"] == "42\n"
    assert written.metadata.language_info == {"name": "python"}

    bad = tmp_path / "src" / "bad.md"
    bad.write_text(MYST_HEADER + "\n```{code-cell} ipython3\n1 / 0\n```\n")
    stored = tmp_path / "bad.ipynb"
    stored.write_text("the previous, good version")
    assert not build(bad)
    assert stored.read_text() == "the previous, good version"
    assert "cell 2" in capsys.readouterr().err


def test_stored_streams_are_merged(pair):
    _, stored = pair
    for cell in stored.cells:
        kinds = [(o.output_type, o.get("name")) for o in cell.get("outputs", [])]
        assert all(not (a == b and a[0] == "stream") for a, b in zip(kinds, kinds[1:])), cell.source[:80]


def test_no_dangling_widget_views(pair):
    # A stored widget view would point at a model that no longer exists.
    from tools.build_notebooks import WIDGET_VIEW

    _, stored = pair
    for cell in stored.cells:
        for output in cell.get("outputs", []):
            assert WIDGET_VIEW not in output.get("data", {}), cell.source[:80]


FIGURE_SIZE = re.compile(r"<Figure size (\d+(?:\.\d+)?)x(\d+(?:\.\d+)?) with")
SHOWN_FIGURE = re.compile(r"Figure \((\d+)x(\d+) pixels\): ")  # tempnb.plotting.show_figure's text form
SHOWN_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')


def test_figures_are_stored_at_their_own_size(pair):
    # Each stored PNG is exactly the size its text/plain form states: the figure's size at its dpi.
    # A crop (the inline backend's "tight" bounding box, which draws every figure a second time;
    # constrained layout already fits the contents inside the figure) would add a margin or cut one.
    _, stored = pair
    checked = 0
    for cell in stored.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/plain", "")
            size = FIGURE_SIZE.match(text) if "image/png" in data else SHOWN_FIGURE.match(text)
            if not size:
                continue
            encoded = data["image/png"] if "image/png" in data else SHOWN_PNG.search(data["text/html"])[1]
            png = base64.b64decode(encoded)
            width, height = struct.unpack(">II", png[16:24])  # the IHDR chunk of a PNG file
            assert (width, height) == (int(float(size[1])), int(float(size[2]))), cell.source[:80]
            checked += 1
    assert checked >= 1  # every notebook has figures


# ------------------------------------------------------------------ "Going deeper" sections

GOING_DEEPER_HEADING = re.compile(r"^#{1,6}\s+Going deeper:")


def test_going_deeper_headings_are_stored_collapsed(pair):
    # Read from the stored notebook on its own: a cell starts with a "Going deeper:" heading
    # exactly when JupyterLab is told to show it folded, and no other cell is folded.
    _, stored = pair
    for cell in stored.cells:
        starts_section = cell.cell_type == "markdown" and bool(GOING_DEEPER_HEADING.match(cell.source))
        collapsed = cell.metadata.get("jp-MarkdownHeadingCollapsed") is True
        assert starts_section == collapsed, cell.source[:80]


def test_going_deeper_heading_cells_hold_only_their_heading(pair):
    # JupyterLab folds the cells after a collapsed heading, not the heading cell's own text.
    _, stored = pair
    headings = [cell for cell in stored.cells
                if cell.cell_type == "markdown" and GOING_DEEPER_HEADING.match(cell.source)]
    assert headings  # every notebook has depth on demand
    for cell in headings:
        assert len(cell.source.strip().splitlines()) == 1, cell.source[:120]


MARKDOWN_HEADING = re.compile(r"(#{1,6})\s")


def test_a_heading_is_the_first_line_of_its_cell(pair):
    # JupyterLab reads a markdown cell that holds a heading anywhere as a heading cell of that level: a folded
    # section then ends at it, and the text above the heading in the same cell shows outside the fold (or a
    # paragraph meant for a folded section shows on the core path). So a heading opens its cell, and any later
    # heading in the same cell (a Summary's "What's next", "References") is of the same level or deeper.
    _, stored = pair
    for index, cell in enumerate(stored.cells):
        if cell.cell_type != "markdown":
            continue
        levels, in_fence = [], False
        for number, line in enumerate(cell.source.splitlines()):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence
            elif not in_fence and (heading := MARKDOWN_HEADING.match(line)):
                levels.append((number, len(heading.group(1))))
        if levels:
            assert levels[0][0] == 0, f"cell {index}: a heading on line {levels[0][0] + 1}, not the first: " \
                                      f"{cell.source[:80]!r}"
            assert all(level >= levels[0][1] for _, level in levels[1:]), f"cell {index}: {cell.source[:80]!r}"


def bound_and_loaded(source: str) -> tuple[set[str], set[str]]:
    """Names a code cell binds (assignments, defs, imports, loop and with targets) and names it reads."""
    import ast

    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    bound, loaded = set(), set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound, loaded


def test_no_core_cell_or_exercise_needs_a_going_deeper_cell(pair):
    # Walk the notebook in order: a cell outside every "Going deeper" section may read a name
    # only if a cell outside those sections (or the cell itself) has bound it, never a name
    # that exists only because a Going-deeper cell ran.
    from tools.build_notebooks import going_deeper_sections

    _, stored = pair
    inside = {index for section in going_deeper_sections(stored) for index in section}
    core_names: set[str] = set(dir(builtins)) | {"get_ipython", "display"}
    deeper_names: set[str] = set()
    for index, cell in enumerate(stored.cells):
        if cell.cell_type != "code":
            continue
        bound, loaded = bound_and_loaded(cell.source)
        if index in inside:
            deeper_names |= bound - core_names
            continue
        needed = (loaded - bound - core_names) & deeper_names
        assert not needed, f"a core cell reads {sorted(needed)}, bound only in a Going-deeper cell: {cell.source[:80]}"
        core_names |= bound


def test_a_going_deeper_section_runs_to_the_next_heading_of_its_level_or_higher():
    from tools.build_notebooks import going_deeper_sections

    def markdown(text):
        return nbformat.v4.new_markdown_cell(text)

    cells = [markdown("## Core"), nbformat.v4.new_code_cell("x = 1"), markdown("### Going deeper: why"),
             nbformat.v4.new_code_cell("y = 2"), markdown("#### A subsection"), nbformat.v4.new_code_cell("z = 3"),
             markdown("### Next"), markdown("## Going deeper: last"), nbformat.v4.new_code_cell("w = 4")]
    notebook = nbformat.v4.new_notebook(cells=cells)
    assert going_deeper_sections(notebook) == [range(2, 6), range(7, 9)]
    inline = nbformat.v4.new_notebook(cells=[markdown("Some text.\n\n## Going deeper: hidden inside a cell")])
    with pytest.raises(ValueError, match=r"must start its own markdown cell"):
        going_deeper_sections(inline)
