"""`make handouts`: student editions with no solution left, that still run top to bottom."""

import nbformat
import pytest
from nbclient import NotebookClient

from tools.build_notebooks import NOTEBOOKS_DIR
from tools.handouts import EXERCISE_TAG, NO_SOLUTIONS, SOLUTIONS_SENTENCE, main, student_edition

STORED = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    assert main(["--out", str(out)]) == 0
    return {path.name: nbformat.read(path, as_version=4) for path in sorted(out.glob("*.ipynb"))}


def test_one_handout_per_notebook(handouts):
    assert sorted(handouts) == [path.name for path in STORED]


@pytest.mark.parametrize("stored_path", STORED, ids=lambda p: p.stem)
def test_no_solution_remains(handouts, stored_path):
    stored = nbformat.read(stored_path, as_version=4)
    handout = handouts[stored_path.name]
    sources = [cell.source for cell in handout.cells]
    solutions = [cell for cell in stored.cells if "solution" in cell.metadata.get("tags", [])]
    assert solutions, "the stored notebook has solutions to remove"
    assert not any("solution" in cell.metadata.get("tags", []) for cell in handout.cells)
    assert not any(cell.source in sources for cell in solutions)
    assert not any(line.strip() == "## Solutions" for source in sources for line in source.splitlines())
    # Everything before the Solutions section is still there, in order; only the sentence on
    # where the solutions are has changed.
    kept = [cell.source for cell in stored.cells][: len(handout.cells)]
    assert sources == [SOLUTIONS_SENTENCE.sub(NO_SOLUTIONS, source) for source in kept]


@pytest.mark.parametrize("stored_path", STORED, ids=lambda p: p.stem)
def test_handout_does_not_promise_solutions(handouts, stored_path):
    # Checked on the words, not with the tool's own pattern: a notebook whose sentence the pattern
    # missed would still say where its (removed) solutions are.
    stored_text = " ".join(cell.source for cell in nbformat.read(stored_path, as_version=4).cells).lower()
    text = " ".join(cell.source for cell in handouts[stored_path.name].cells)
    assert "solutions are" in " ".join(stored_text.split())  # the course notebook does say where they are
    assert "solutions are" not in " ".join(text.lower().split())
    assert text.count(NO_SOLUTIONS) == 1


@pytest.mark.parametrize("stored_path", STORED, ids=lambda p: p.stem)
def test_exercise_cells_are_cleared_and_the_rest_kept(handouts, stored_path):
    handout = handouts[stored_path.name]
    exercises = [cell for cell in handout.cells if EXERCISE_TAG in cell.metadata.get("tags", [])]
    assert any("checks.check_" in cell.source for cell in exercises)
    for cell in exercises:
        assert cell.outputs == [] and cell.execution_count is None
    printed = "".join(o.get("text", "") for cell in handout.cells if cell.cell_type == "code" for o in cell.outputs)
    assert "✅" not in printed and "💡" not in printed  # no pass line and no stored hint left
    assert any(cell.outputs for cell in handout.cells if cell.cell_type == "code")  # figures and tables stay


def test_student_edition_leaves_the_stored_notebook_alone():
    stored = nbformat.read(STORED[0], as_version=4)
    before = nbformat.writes(stored)
    student_edition(stored)
    assert nbformat.writes(stored) == before


@pytest.mark.parametrize("stored_path", STORED, ids=lambda p: p.stem)
def test_handout_runs_and_its_exercises_print_hints(handouts, stored_path, tmp_path):
    # Executed from a folder outside the repository, as a student's copy would be.
    handout = handouts[stored_path.name]
    executed = NotebookClient(handout, timeout=300, kernel_name="python3",
                              resources={"metadata": {"path": str(tmp_path)}}).execute()
    checked = 0
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.output_type == "error"], cell.source[:80]
        if EXERCISE_TAG in cell.metadata.get("tags", []) and "checks.check_" in cell.source:
            printed = "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
            assert "💡 Not yet:" in printed and "✅" not in printed, (cell.source[:80], printed)
            checked += 1
    assert checked >= 3  # every notebook has at least three exercises
