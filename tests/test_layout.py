"""The repository is laid out by audience (DESIGN.md's Layout), and each fact has one source."""

import ast
import importlib.metadata
import re
import subprocess
import tomllib

import pytest

import tempnb
from helpers import ROOT

# DESIGN.md's layout, plus the files the ecosystem expects at the top.
EXPECTED_TOP_LEVEL = {
    ".ci", ".gitignore", ".pre-commit-config.yaml", "CITATION.cff", "LICENSE", "Makefile", "README.md",
    "benchmarks", "environment.yml", "hub", "notebooks", "package.json", "package-lock.json", "postBuild",
    "pyproject.toml", "requirements.lock", "site", "tempnb", "tests", "tools",
}
# Made by the commands themselves and git-ignored.
GENERATED = {".venv", ".hypothesis", ".pytest_cache", ".ruff_cache", "build", "handouts", "screenshots",
             "tempnb.egg-info", "node_modules"}


def tracked_files() -> list[str]:
    """What the repository holds (git ls-files), not whatever sits in a learner's working folder."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the layout is a property of the repository's tracked files")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [path for path in listed.split("\0") if path]


def test_top_level_holds_only_what_the_layout_lists():
    # A learner's notes.md, an editor's swap file or a log beside the course is theirs, not the repository's.
    present = {path.split("/")[0] for path in tracked_files()}
    unexpected = sorted(present - EXPECTED_TOP_LEVEL)
    assert not unexpected, f"tracked at the top level but not in the layout: {unexpected}"


def test_package_version_has_one_source():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tempnb.__version__"}
    assert importlib.metadata.version("tempnb") == tempnb.__version__
    citation = re.search(r"^version:\s*(\S+)", (ROOT / "CITATION.cff").read_text(), re.M).group(1)
    assert citation.strip("\"'") == tempnb.__version__, "CITATION.cff's version differs from tempnb.__version__"


def test_nothing_in_the_package_imports_maintainer_or_test_tools():
    forbidden = {"tools", "tests", "helpers", "pytest", "hypothesis", "nbval", "nbclient", "nbformat", "jupytext",
                 "nbconvert", "playwright", "psutil", "yaml", "sphinx", "repo2docker", "uv"}
    problems = []
    for path in sorted((ROOT / "tempnb").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
                     else [])
            problems += [f"{path.relative_to(ROOT)} imports {n}" for n in names if n.split(".")[0] in forbidden]
    assert not problems, problems


def test_maintainer_scripts_are_not_installed():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert set(setuptools["packages"]) == {"tempnb", "tempnb.checks"}
    assert not (ROOT / "tempnb" / "notebooks.py").exists() and not (ROOT / "tempnb" / "lab.py").exists()


def test_no_environment_or_build_output_is_tracked():
    # The environments make builds (.venv, .venv-3.12, …) and built output must never be committed.
    leaked = sorted({path.split("/")[0] for path in tracked_files()} & (GENERATED | {".venv-3.11", ".venv-3.12",
                                                                                         ".venv-3.13"}))
    assert not leaked, f"tracked by git but generated: {leaked}"
    ignored = subprocess.run(["git", "check-ignore", ".venv-3.12/x", "site/_build/x", "handouts/x", "node_modules/x"],
                             cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert ignored == [".venv-3.12/x", "site/_build/x", "handouts/x", "node_modules/x"]
