"""The Python versions the course promises are exactly the ones `make test` runs it on."""

import re
import sys
import tomllib

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
    assert "NOT TESTED" in makefile  # a missing version is named, never counted as passing
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")
