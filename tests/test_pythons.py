"""The Python versions the course promises are exactly the ones `make test` runs it on."""

import re
import sys
import tomllib

import pytest
from packaging.specifiers import SpecifierSet

from helpers import ROOT
from tools import pythons

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_classifiers_and_requires_python_name_the_same_versions():
    supported = pythons.supported_versions()
    assert supported == ["3.11", "3.12", "3.13"]
    spec = SpecifierSet(PROJECT["requires-python"])
    for version in supported:
        assert spec.contains(f"{version}.0"), (version, spec)
    # Nothing untested is promised: the minor versions just outside are excluded.
    assert not spec.contains("3.10.0") and not spec.contains("3.14.0"), spec


def test_readme_and_makefile_name_the_tested_versions():
    readme = (ROOT / "README.md").read_text()
    assert "Python 3.11, 3.12 or 3.13" in readme
    assert "3.11 or newer" not in readme
    makefile = (ROOT / "Makefile").read_text()
    assert "(3, 11) <= sys.version_info[:2] <= (3, 13)" in makefile


def test_this_python_is_a_supported_one():
    assert "{}.{}".format(*sys.version_info[:2]) in pythons.supported_versions()


def test_finder_reports_each_version_as_a_path_or_missing(capsys):
    pythons.main([])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == pythons.supported_versions()
    for line in lines:
        version, where = line.split(maxsplit=1)
        assert where == "missing" or re.search(rf"python{re.escape(version)}$", where), line


def test_ci_runs_every_supported_python_through_make_test():
    makefile = (ROOT / "Makefile").read_text()
    test_recipe = makefile.split("\ntest:", 1)[1].split("\n\n", 1)[0]
    assert "test-pythons" in test_recipe and "test-old-cpu" in test_recipe
    recipe = makefile.split("\ntest-pythons:", 1)[1].split("\n\n", 1)[0]
    assert "tools/pythons.py --except-current --run test-core" in recipe
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")


@pytest.mark.parametrize("line, counts", [
    # pytest 8's closing lines, with and without -q's rules (copied from runs of this suite's shape).
    ("======= 1 failed, 1043 passed, 2 skipped in 301.22s (0:05:01) =======", "1 failed, 1043 passed, 2 skipped"),
    ("1044 passed, 2 skipped in 298.70s (0:04:58)", "1044 passed, 2 skipped"),
    ("194 passed in 61.02s (0:01:01)", "194 passed"),
    ("= 2 errors in 0.51s =", "2 errors"),
    ("collected 1046 items", None),
])
def test_pytest_summary_reads_the_closing_line(line, counts):
    assert pythons.pytest_summary("some output\n" + line + "\n") == counts


def test_every_version_runs_and_is_reported_even_after_a_failure(tmp_path, capsys):
    # A stand-in for make: "passes" for one interpreter name and fails for another, like pytest would.
    make = tmp_path / "make"
    make.write_text("#!/bin/sh\n"
                    'case "$*" in *PYTHON=good*) echo "1044 passed, 2 skipped in 3.00s"; exit 0;;\n'
                    '  *) echo "1 failed, 1043 passed, 2 skipped in 3.00s"; exit 1;; esac\n')
    make.chmod(0o755)
    versions = [("3.12", "bad"), ("3.13", "good"), ("3.14", None)]
    report, all_passed = pythons.run_each("test-core", versions, make=str(make))
    assert report == ["PYTHON 3.12: FAILED (1 failed, 1043 passed, 2 skipped)",
                      "PYTHON 3.13: 1044 passed, 2 skipped",
                      "PYTHON 3.14 NOT TESTED: no python3.14 found (pyenv or PATH)"]
    assert not all_passed
    assert "== Python 3.13 (good)" in capsys.readouterr().out  # the later version ran after the failure


def test_a_version_that_dies_before_pytest_reports_is_a_failure(tmp_path):
    make = tmp_path / "make"
    make.write_text("#!/bin/sh\necho 'pip: could not build the environment'\nexit 2\n")
    make.chmod(0o755)
    report, all_passed = pythons.run_each("test-core", [("3.12", "any")], make=str(make))
    assert report == ["PYTHON 3.12: FAILED (make test-core exited with 2 before pytest reported)"] and not all_passed
