"""Build the course notebooks from their text sources and execute them.

Each notebook's single source of truth is a MyST Markdown file in
``notebooks/src/``. ``make notebooks`` (``python tools/build_notebooks.py build``)
converts each one with jupytext, executes it top to bottom in a fresh kernel
with threads pinned, strips volatile metadata, and writes ``notebooks/<name>.ipynb``
only if every cell succeeded. A failure names the cell and leaves the stored
notebook untouched. The heading cell of each "Going deeper: …" section is stored with
``jp-MarkdownHeadingCollapsed: true``, so JupyterLab opens it folded.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
SOURCE_DIR = NOTEBOOKS_DIR / "src"
CELL_TIMEOUT_SECONDS = 300
THREADS_FILE = Path(__file__).resolve().parent / "threads.env"


def read_thread_env(path: Path = THREADS_FILE) -> dict[str, str]:
    """The pinned-thread variables: one BLAS/OpenMP thread, the same numbers on any machine.

    tools/threads.env is their one definition: the Makefile, the test
    configuration (tests/conftest.py) and this builder all read it.
    """
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


THREAD_ENV = read_thread_env()

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def source_paths() -> list[Path]:
    return sorted(SOURCE_DIR.glob("*.md"))


def target_for(source: Path) -> Path:
    return source.resolve().parent.parent / f"{source.stem}.ipynb"


GOING_DEEPER = "Going deeper:"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def heading(cell) -> tuple[int, str] | None:
    """(level, text) of a markdown cell's first line when it is a heading, else None."""
    if cell.cell_type != "markdown" or not cell.source:
        return None
    match = HEADING.match(cell.source.splitlines()[0])
    return (len(match[1]), match[2].strip()) if match else None


def going_deeper_sections(notebook: nbformat.NotebookNode) -> list[range]:
    """The cell ranges of the notebook's "Going deeper: …" sections.

    The convention: a markdown heading whose text starts with "Going deeper:" begins a
    section of optional depth, which runs to the next heading of the same or a higher
    level (fewer #). No core cell and no exercise may depend on a cell inside one. The
    heading must be the first line of its markdown cell (put `+++` before it in the MyST
    source), so the cell that folds in JupyterLab is the one that holds the heading.
    """
    sections = []
    for start, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            inline = [line for line in cell.source.splitlines()[1:] if GOING_DEEPER in line
                      and HEADING.match(line) and HEADING.match(line)[2].startswith(GOING_DEEPER)]
            if inline:
                raise ValueError(f"the heading {inline[0]!r} must start its own markdown cell: "
                                 "put a line `+++` before it in the MyST source")
        found = heading(cell)
        if found is None or not found[1].startswith(GOING_DEEPER):
            continue
        level, end = found[0], len(notebook.cells)
        for index in range(start + 1, len(notebook.cells)):
            later = notebook.cells[index]
            levels = [len(m[1]) for m in map(HEADING.match, later.source.splitlines()) if m] \
                if later.cell_type == "markdown" else []
            if any(other <= level for other in levels):
                end = index
                break
        sections.append(range(start, end))
    return sections


def _going_deeper_headings_alone(cells: list) -> list:
    """Each "Going deeper: …" heading in a markdown cell of its own, its text in the next cell.

    JupyterLab folds the cells *after* a collapsed heading cell, never the heading cell's own
    text: a paragraph written under the heading in the same cell would stay in view.
    """
    out = []
    for cell in cells:
        found = heading(cell)
        lines = cell.source.splitlines()
        if found is None or not found[1].startswith(GOING_DEEPER) or not "\n".join(lines[1:]).strip():
            out.append(cell)
            continue
        out.append(nbformat.v4.new_markdown_cell(lines[0], metadata=dict(cell.metadata)))
        out.append(nbformat.v4.new_markdown_cell("\n".join(lines[1:]).strip("\n")))
    return out


def read_source(source: Path) -> nbformat.NotebookNode:
    """Convert a MyST source into a clean, unexecuted notebook with stable cell ids."""
    notebook = jupytext.read(source, fmt="md:myst")
    notebook.cells = _going_deeper_headings_alone(notebook.cells)
    notebook.metadata = nbformat.from_dict(
        {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    )
    for index, cell in enumerate(notebook.cells):
        # Stable ids keep diffs small: they change only when a cell's place or text does.
        digest = hashlib.sha1(cell.source.encode()).hexdigest()[:8]
        cell["id"] = f"c{index:02d}-{digest}"
        if "solution" in cell.metadata.get("tags", []):
            # Worked solutions start collapsed in JupyterLab, code and output alike (the ✅ line
            # would otherwise give the answer away); CI still runs them.
            cell.metadata.setdefault("jupyter", {}).update(source_hidden=True, outputs_hidden=True)
    for section in going_deeper_sections(notebook):
        # JupyterLab shows a "Going deeper" section folded under its heading until clicked.
        notebook.cells[section.start].metadata["jp-MarkdownHeadingCollapsed"] = True
    nbformat.validate(notebook)
    return notebook


def strip_volatile(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove metadata that changes from run to run or machine to machine."""
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if cell.cell_type == "code":
            cell.outputs = [_static_widget(o) for o in _merge_streams(cell.outputs)]
    return notebook


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_PLACEHOLDER = "Interactive explorer: run this cell with a live kernel to use it."


def _static_widget(output: dict) -> dict:
    """Replace a live widget's view by a short note.

    A widget view points at a model that exists only while its kernel runs (its
    id is random and its state is not stored), so in a stored notebook it could
    only show "model not found". The note says what to do instead.
    """
    data = output.get("data", {})
    if WIDGET_VIEW in data:
        output["data"] = nbformat.from_dict({"text/plain": WIDGET_PLACEHOLDER})
    return output


def _merge_streams(outputs: list) -> list:
    """Join consecutive stream outputs of the same name.

    How a kernel splits printed text into chunks depends on timing; merged, the
    stored notebook is the same on every run.
    """
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def execute(notebook: nbformat.NotebookNode, workdir: Path) -> nbformat.NotebookNode:
    """Execute in a fresh kernel with threads pinned; raises on the first failing cell."""
    saved = {key: os.environ.get(key) for key in THREAD_ENV}
    os.environ.update(THREAD_ENV)
    try:
        client = NotebookClient(
            notebook,
            timeout=CELL_TIMEOUT_SECONDS,
            kernel_name=KERNELSPEC["name"],
            resources={"metadata": {"path": str(workdir)}},
            record_timing=False,
            allow_errors=False,
        )
        client.execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return strip_volatile(notebook)


def build(source: Path) -> bool:
    """Rebuild one notebook; write it only if every cell ran. Returns success."""
    target = target_for(source)
    notebook = read_source(source)
    started = time.perf_counter()
    try:
        execute(notebook, target.parent)
    except (CellExecutionError, CellTimeoutError) as exc:
        failing = next(
            (i for i, c in enumerate(notebook.cells)
             if any(o.get("output_type") == "error" for o in c.get("outputs", []))),
            None,
        )
        where = f"cell {failing}" if failing is not None else "a cell"
        print(f"FAILED {source.name}: {where} raised; {target.name} left untouched.\n{exc}",
              file=sys.stderr)
        return False
    nbformat.write(notebook, target)
    shown = target.relative_to(NOTEBOOKS_DIR.parent) if target.is_relative_to(NOTEBOOKS_DIR.parent) else target
    print(f"wrote {shown} ({len(notebook.cells)} cells, {time.perf_counter() - started:.1f} s)")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build_notebooks.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["build"])
    parser.add_argument("sources", nargs="*", type=Path,
                        help="MyST sources to build (default: every notebooks/src/*.md)")
    args = parser.parse_args(argv)
    sources = args.sources or source_paths()
    results = [build(source) for source in sources]
    failed = results.count(False)
    if failed:
        print(f"{failed} of {len(results)} notebook(s) failed; their .ipynb files were not changed.",
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
