"""A class on a real JupyterHub: 20 students follow the course's nbgitpuller link, run 01, and get a fix mid-course.

The hub (tools/classroom.py) runs on 127.0.0.1 with configurable-http-proxy from node_modules,
a login form with one class password, and a home folder per student; the course comes from a
local clone of this repository through a ``file://`` URL. Nothing leaves the machine.

What nbgitpuller promises on a second click is its own documentation's "Automatic Merging
Behavior" (docs/topic/automatic-merging.md at 1.3.0, the version the lock pins) and what its
code does (nbgitpuller/pull.py, ``GitPuller.update``): it fetches, commits the student's
changes, then ``git merge -Xours origin/<branch>``. So: an instructor's change to a file the
student did not change arrives as it is (case 1); one to different lines of a file the student
changed is merged in (case 2); where both changed the same lines the student's lines win
(case 3). In every case the student's own edit stays.
"""

from __future__ import annotations

import copy
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import psutil
import pytest

from tools import classroom

CLASS_SIZE = 20
NOTEBOOK = "01-probabilities.ipynb"
OTHER = "02-logits.ipynb"
BRANCH = "main"
# The instructor's fix: one line of 01's introduction (a markdown cell's source line, as stored).
FIX_OLD = "possible outcome: 25% cat, 75% dog. This first notebook is about that kind of answer, a\\n"
FIX_NEW = "possible outcome: 25% cat, 75% dog. This first notebook is about this kind of answer, a\\n"
STUDENT_LINE = "possible outcome: 25% cat, 75% dog. (My note: the labels must add up to 1.) a\\n"


def _notebook_path(name: str) -> str:
    return f"{classroom.REPOSITORY_FOLDER}/notebooks/{name}"


def _parallel(function, items):
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(function, items))


@pytest.fixture(scope="module")
def course_hub(tmp_path_factory):
    """The hub, the course's source clone, and every student logged in with the course pulled once."""
    if not classroom.PROXY.exists():
        pytest.fail(f"{classroom.PROXY} is missing: run `make test` (it runs `npm ci`; Node.js 20+)")
    base = tmp_path_factory.mktemp("hub")
    repository = classroom.make_source_clone(base / "server", branch=BRANCH)
    source = base / "server" / classroom.REPOSITORY_FOLDER
    started: list[psutil.Process] = []
    with classroom.start_hub(base / "hub") as hub:
        link = classroom.nbgitpuller_link(hub.url, repository, BRANCH, NOTEBOOK)
        students = [classroom.Student(hub, f"student{i:02d}") for i in range(CLASS_SIZE)]
        try:
            yield hub, source, link, students
        finally:
            started = hub.processes()
    assert hub.process.returncode is not None
    still_running = classroom.leftovers(hub, started)
    shutil.rmtree(base)
    assert not still_running, f"still running after the hub stopped: {still_running}"
    assert not base.exists()


def test_a_class_of_20_logs_in_follows_the_link_and_runs_01(course_hub):
    hub, source, link, students = course_hub
    start = time.monotonic()

    def attend(student: classroom.Student) -> list[str]:
        student.log_in()
        events = student.follow(link)
        assert any("git clone" in event.get("output", "") for event in events), events[:3]
        return student.run_notebook(_notebook_path(NOTEBOOK))

    problems = _parallel(attend, students)
    elapsed = time.monotonic() - start
    assert {s.name: p for s, p in zip(students, problems) if p} == {}
    # Each student has their own copy of the course in their own home, and their own server.
    for student in students:
        assert (hub.home(student.name) / _notebook_path(NOTEBOOK)).read_bytes() == \
            (source / "notebooks" / NOTEBOOK).read_bytes()
    servers = hub.api("GET", "/users").json()
    running = {user["name"] for user in servers if user["servers"].get("", {}).get("ready")}
    assert running == {s.name for s in students}
    # A kernel that died as it started (before any of 01's code ran in it) and that Jupyter gave up is
    # replaced, as a learner would start another from the kernel menu (Student.run_notebook); say so.
    lost = [text for student in students for text in student.kernels_lost]
    print(f"{CLASS_SIZE} students: logged in, pulled and ran {NOTEBOOK} in {elapsed:.1f} s; "
          f"kernels that died as they started and were replaced: {len(lost)}", *lost, sep="\n")


def _edit_cell_line(notebook: dict, old: str, new: str) -> dict:
    edited = copy.deepcopy(notebook)
    hits = 0
    for cell in edited["cells"]:
        lines = cell["source"].splitlines(keepends=True)
        for i, line in enumerate(lines):
            if line == old:
                lines[i], hits = new, hits + 1
        cell["source"] = "".join(lines)
    assert hits == 1
    return edited


def _append_own_cell(notebook: dict, text: str) -> dict:
    edited = copy.deepcopy(notebook)
    edited["cells"].append({"cell_type": "code", "id": "my-own-work", "metadata": {}, "execution_count": None,
                            "outputs": [], "source": text})
    return edited


def _sources(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)  # the merge left a valid notebook
    return ["".join(cell.source) for cell in notebook.cells]


def test_a_fix_mid_course_arrives_and_no_students_edit_is_lost(course_hub):
    hub, source, link, students = course_hub
    for student in students:  # this test may run on its own: log in and pull where not done yet
        if not (hub.home(student.name) / classroom.REPOSITORY_FOLDER).exists():
            student.log_in()
            student.follow(link)
    old, new = FIX_OLD.replace("\\n", "\n"), FIX_NEW.replace("\\n", "\n")
    mine = STUDENT_LINE.replace("\\n", "\n")
    own_cell = "# my own work\nmy_probabilities = [0.2, 0.8]\n"
    # Four kinds of student: edited 01 elsewhere than the fix, edited 01's very line the
    # instructor fixes, edited another notebook, edited nothing.
    kinds = ["edited 01 elsewhere", "edited the fixed line", "edited 02", "edited nothing"]
    groups = {kind: students[i::len(kinds)] for i, kind in enumerate(kinds)}

    def edit(pair):
        kind, student = pair
        if kind == "edited 01 elsewhere":
            notebook = student.contents(_notebook_path(NOTEBOOK))["content"]
            student.save(_notebook_path(NOTEBOOK), _append_own_cell(notebook, own_cell))
        elif kind == "edited the fixed line":
            notebook = student.contents(_notebook_path(NOTEBOOK))["content"]
            student.save(_notebook_path(NOTEBOOK), _edit_cell_line(notebook, old, mine))
        elif kind == "edited 02":
            notebook = student.contents(_notebook_path(OTHER))["content"]
            student.save(_notebook_path(OTHER), _append_own_cell(notebook, own_cell))

    _parallel(edit, [(kind, s) for kind, members in groups.items() for s in members])
    before = {s.name: {name: (hub.home(s.name) / _notebook_path(name)).read_bytes() for name in (NOTEBOOK, OTHER)}
              for s in students}

    classroom.commit_fix(source, NOTEBOOK, FIX_OLD, FIX_NEW, "01: reword the introduction")
    fixed_01 = (source / "notebooks" / NOTEBOOK).read_bytes()
    assert fixed_01 != before[students[-1].name][NOTEBOOK]

    _parallel(lambda s: s.follow(link), students)

    for kind, members in groups.items():
        for student in members:
            home = hub.home(student.name)
            now_01 = home / _notebook_path(NOTEBOOK)
            now_02 = home / _notebook_path(OTHER)
            sources_01 = _sources(now_01)
            if kind in ("edited 02", "edited nothing"):  # case 1: 01 unchanged by the student, the fix arrives whole
                assert now_01.read_bytes() == fixed_01, (kind, student.name)
            if kind == "edited 01 elsewhere":  # case 2: different lines, merged: the fix and the student's cell
                assert any(new in text for text in sources_01), (kind, student.name)
                assert sources_01[-1] == own_cell, (kind, student.name)
            if kind == "edited the fixed line":  # case 3: the same line: the student's version stays
                assert any(mine in text for text in sources_01), (kind, student.name)
                assert not any(new in text for text in sources_01), (kind, student.name)
            if kind == "edited 02":  # nothing upstream changed 02: the student's file is exactly as saved
                assert now_02.read_bytes() == before[student.name][OTHER]
                assert _sources(now_02)[-1] == own_cell
            else:
                assert now_02.read_bytes() == (source / "notebooks" / OTHER).read_bytes()
