"""The pinned environment: lock, environment.yml, postBuild and the test configuration agree."""

import ast
import os
import re
import stat
import sys
import tomllib
from importlib.metadata import packages_distributions

import nbformat
import pytest
import yaml
from packaging.utils import canonicalize_name

from tools import render_environment as _environment
from tools.build_notebooks import NOTEBOOKS_DIR, THREAD_ENV

ROOT = _environment.ROOT


def conda_pins() -> dict[str, str]:
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for entry in spec["dependencies"]:
        assert isinstance(entry, str), f"environment.yml must not install with pip: {entry}"
        name, _, version = entry.partition("==")
        pins[name] = version
    return pins


def test_environment_yml_is_conda_forge_only_with_pip_and_python():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert spec["channels"] == ["conda-forge"]
    assert "nodefaults" not in spec["channels"]
    assert "pip" in spec["dependencies"]
    assert f"python={_environment.PYTHON_MINOR}" in spec["dependencies"]


def test_ci_python_is_the_pinned_minor_version():
    if os.environ.get("CI"):
        assert f"{sys.version_info.major}.{sys.version_info.minor}" == _environment.PYTHON_MINOR


def test_every_direct_dependency_pinned_identically_in_lock_and_environment_yml():
    lock = _environment.lock_versions()
    conda = conda_pins()
    problems = []
    for name in _environment.direct_dependencies(include_pip_only=True):
        if name not in lock:
            problems.append(f"{name}: missing from requirements.lock")
    for name in _environment.direct_dependencies():
        conda_name = _environment.CONDA_NAMES.get(name, name)
        if name not in lock:
            problems.append(f"{name}: missing from requirements.lock")
        elif conda.get(conda_name) != lock[name]:
            problems.append(f"{name}: lock {lock[name]} vs environment.yml {conda.get(conda_name)}")
    assert not problems, "; ".join(problems) + " (run `make lock`)"


def test_environment_yml_is_exactly_what_the_lock_renders():
    assert (ROOT / "environment.yml").read_text() == _environment.render_environment_yml()


def _imported_top_level_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def _sources_to_scan() -> list[tuple[str, str]]:
    sources = [(str(p.relative_to(ROOT)), p.read_text()) for p in (ROOT / "tempnb").glob("*.py")]
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(
            "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for cell in notebook.cells if cell.cell_type == "code"
        )
        sources.append((path.name, code))
    return sources


def test_every_imported_package_is_a_direct_dependency_in_both_files():
    direct = set(_environment.direct_dependencies())
    lock, conda = _environment.lock_versions(), conda_pins()
    owners = packages_distributions()
    problems = []
    for where, source in _sources_to_scan():
        for module in sorted(_imported_top_level_modules(source)):
            if module in sys.stdlib_module_names or module == "tempnb":
                continue
            dists = {canonicalize_name(d) for d in owners.get(module, [])}
            if not dists:
                problems.append(f"{where} imports {module}, which no installed package provides")
            elif not dists & direct:
                problems.append(f"{where} imports {module} ({', '.join(sorted(dists))}), not a direct dependency")
            else:
                name = sorted(dists & direct)[0]
                if name not in lock or _environment.CONDA_NAMES.get(name, name) not in conda:
                    problems.append(f"{where} imports {module}: {name} missing from lock or environment.yml")
    assert not problems, "\n".join(problems)


def test_postbuild_is_executable_and_installs_tempnb():
    path = ROOT / "postBuild"
    assert path.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    text = path.read_text()
    assert text.startswith("#!"), "postBuild needs a shebang line"
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert any(re.fullmatch(r"(python -m )?pip install --no-deps -e \.", c) for c in commands), commands


def test_no_binder_folder_hides_the_root_environment():
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_thread_variables_have_one_definition():
    # tools/threads.env: read by the Makefile, tests/conftest.py and tools/build_notebooks.py.
    assert THREAD_ENV == {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                          "VECLIB_MAXIMUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}
    assert "$(shell cat tools/threads.env)" in (ROOT / "Makefile").read_text()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "env" not in config, "the thread variables are set from tools/threads.env, not repeated here"


def test_threads_are_pinned_in_this_test_process():
    # tests/conftest.py applies them before collection, so nbval kernels inherit them.
    for key, value in THREAD_ENV.items():
        assert os.environ.get(key) == value


@pytest.mark.parametrize("option", ["--nbval", "--nbval-current-env"])
def test_nbval_is_strict_and_on_by_default(option):
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert option in config["addopts"]
    assert "--nbval-lax" not in config["addopts"]
    assert "notebooks" in config["testpaths"]
