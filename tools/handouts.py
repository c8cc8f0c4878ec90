"""Write a student edition of each course notebook: no solutions, exercise cells unanswered.

``make handouts`` (``python tools/handouts.py``) reads each stored notebook in ``notebooks/``
and writes ``handouts/<name>.ipynb`` (git-ignored), in which

- the Solutions section is gone: its cells are tagged ``solution`` in the source, and the
  section's heading and prose are marked the same way here; nbconvert's
  ``TagRemovePreprocessor`` removes them all;
- the code cells of the Exercises section keep their code but lose their stored outputs
  (marked ``exercise`` and cleared by the same preprocessor's ``remove_all_outputs_tags``),
  so a student sees the starter code, not the hints it printed;
- every other cell keeps its stored outputs (figures, tables), as in the course;
- the Exercises introduction's sentence on where the worked solutions are becomes one saying
  that this edition leaves them out.

The handouts run top to bottom: each exercise cell prints a 💡 hint until it is solved
(tests/test_handouts.py executes them).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS_DIR = ROOT / "notebooks"
HANDOUTS_DIR = ROOT / "handouts"
SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
# "Worked solutions are collapsed at the end." and its variants, in every notebook's Exercises section.
SOLUTIONS_SENTENCE = re.compile(r"Worked\s+solutions\s+are[^.(]*(?:\([^)]*\))?\.")
NO_SOLUTIONS = "This student edition leaves the worked solutions out."


def _heading(cell: nbformat.NotebookNode) -> str | None:
    """The text of a cell's level-2 heading ("## Exercises" gives "Exercises"), if it has one."""
    if cell.cell_type != "markdown":
        return None
    for line in cell.source.splitlines():
        if line.startswith("## "):
            return line[3:].strip()
    return None


def _tag(cell: nbformat.NotebookNode, tag: str) -> None:
    tags = cell.metadata.setdefault("tags", [])
    if tag not in tags:
        tags.append(tag)


def student_edition(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook without its Solutions section, and with the exercise cells' outputs cleared."""
    notebook = nbformat.from_dict(notebook)  # a copy: the stored notebook is never changed
    section = None
    for cell in notebook.cells:
        section = _heading(cell) or section
        if section == "Solutions":
            _tag(cell, SOLUTION_TAG)
        elif section == "Exercises" and cell.cell_type == "code":
            _tag(cell, EXERCISE_TAG)
        elif section == "Exercises":
            cell.source = SOLUTIONS_SENTENCE.sub(NO_SOLUTIONS, cell.source)
    remover = TagRemovePreprocessor(remove_cell_tags={SOLUTION_TAG}, remove_all_outputs_tags={EXERCISE_TAG})
    notebook, _ = remover.preprocess(notebook, {})
    for cell in notebook.cells:
        if EXERCISE_TAG in cell.metadata.get("tags", []):
            cell.execution_count = None
    nbformat.validate(notebook)
    return notebook


def write_handouts(notebooks: list[Path], out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        target = out_dir / path.name
        nbformat.write(student_edition(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="stored notebooks (default: every one)")
    parser.add_argument("--out", type=Path, default=HANDOUTS_DIR, help="output folder (default: handouts/)")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    for target in write_handouts(notebooks, args.out):
        shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
        print(f"wrote {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
