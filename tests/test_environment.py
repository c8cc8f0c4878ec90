"""The pinned environment: lock, environment.yml, postBuild and the test configuration agree.

requirements.lock (tools/lock.py, with a cooling window) pins every version; environment.yml
(tools/render_environment.py) is Binder's and conda's runtime environment, rendered from it.
What repo2docker makes of them, and whether that environment runs the course, is checked in
tests/test_binder.py.
"""

import ast
import datetime as dt
import difflib
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from importlib.metadata import packages_distributions, requires, version

import nbformat
import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tools import lock
from tools import render_environment as _environment
from tools.build_notebooks import NOTEBOOKS_DIR, THREAD_ENV
from tools.pythons import supported_versions

ROOT = _environment.ROOT
PYPI_NAMES = {conda: pypi for pypi, conda in _environment.CONDA_NAMES.items()}
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def conda_pins() -> dict[str, str]:
    """environment.yml's packages (python and pip included), conda name -> pinned version."""
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = {}
    for entry in spec["dependencies"]:
        assert isinstance(entry, str), f"environment.yml must not install with pip: {entry}"
        name, _, pinned = entry.partition("==")
        if not pinned:
            name, _, pinned = entry.partition("=")
        pins[name] = pinned
    return pins


def runtime_pins() -> dict[str, str]:
    """environment.yml's packages other than python and pip, by PyPI name -> pinned version."""
    return {canonicalize_name(PYPI_NAMES.get(name, name)): pinned
            for name, pinned in conda_pins().items() if name not in ("python", "pip")}


def names(specs: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(spec).name) for spec in specs}


# ---------------------------------------------------------------- environment.yml


def test_environment_yml_is_conda_forge_only_with_pip_and_python():
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert spec["channels"] == ["conda-forge"]
    assert "pip" in spec["dependencies"]
    assert f"python={_environment.PYTHON_MINOR}" in spec["dependencies"]


def test_environment_python_is_a_supported_version():
    # pyproject's classifiers list the versions make test runs the course on.
    assert _environment.PYTHON_MINOR in supported_versions()


def test_ci_python_is_the_pinned_minor_version():
    if not os.environ.get("CI"):
        pytest.skip("CI is not set: this machine's default Python may be any supported version")
    # CI's `make test` runs on the python3 on PATH (the other versions come from test-pythons,
    # which runs this module too, so the interpreter running it is not the one to check).
    version_of = [shutil.which("python3") or "python3", "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
    found = subprocess.run(version_of, capture_output=True, text=True, check=True).stdout.strip()
    assert found == _environment.PYTHON_MINOR, (
        f"CI's python3 is {found}; environment.yml has {_environment.PYTHON_MINOR}")


def test_environment_yml_holds_the_runtime_environment_only():
    # Exactly pyproject's dependencies and its `lab` extra (jupyterlab, notebook, a kernel).
    expected = names(PROJECT["dependencies"]) | names(PROJECT["optional-dependencies"]["lab"])
    assert set(runtime_pins()) == expected
    assert set(conda_pins()) - {"python", "pip"} == {_environment.CONDA_NAMES.get(n, n) for n in expected}
    # None of the test and maintainer tools (the issue that made environment.yml runtime-only
    # names these), nor anything only another extra asks for.
    tools_only = set().union(*(names(group) for extra, group in PROJECT["optional-dependencies"].items()
                               if extra != "lab")) - expected
    named = {"pytest", "nbval", "hypothesis", "ruff", "uv", "jupytext", "psutil", "pyyaml"}
    assert named <= tools_only
    assert not tools_only & set(runtime_pins()), sorted(tools_only & set(runtime_pins()))


def test_every_runtime_package_pinned_once_in_the_lock_and_identically_in_environment_yml():
    lock_lines = (ROOT / "requirements.lock").read_text().splitlines()
    versions = _environment.lock_versions()
    problems = []
    for name, pinned in sorted(runtime_pins().items()):
        # One version for every platform and Python, or environment.yml could not hold it.
        pins = {line.split("==")[1].split(";")[0].split()[0] for line in lock_lines
                if re.match(r"[A-Za-z0-9._-]+==", line) and canonicalize_name(line.split("==")[0]) == name}
        if len(pins) != 1:
            problems.append(f"{name}: the lock pins {sorted(pins) or 'nothing'}")
        elif versions[name] != pinned:
            problems.append(f"{name}: lock {versions[name]} vs environment.yml {pinned}")
    assert not problems, "; ".join(problems) + " (run `make lock`)"


def test_environment_yml_is_exactly_what_the_lock_renders():
    assert (ROOT / "environment.yml").read_text() == _environment.render_environment_yml()


def _installed_as_locked(name: str) -> str:
    pinned = _environment.lock_versions()[name]
    assert version(name) == pinned, f"{name} {version(name)} installed, the lock pins {pinned}: rebuild the venv"
    return pinned


def test_pinned_notebook_accepts_the_pinned_jupyterlab():
    # Each notebook release accepts one jupyterlab minor version (notebook's own metadata),
    # and repo2docker's base environment holds an older pair: pinning jupyterlab alone fails.
    notebook, jupyterlab = _installed_as_locked("notebook"), _installed_as_locked("jupyterlab")
    wanted = [Requirement(r) for r in requires("notebook") if canonicalize_name(Requirement(r).name) == "jupyterlab"]
    assert len(wanted) == 1, wanted
    assert wanted[0].specifier.contains(jupyterlab), f"notebook {notebook} needs {wanted[0]}, lock has {jupyterlab}"


def test_pinned_runtime_packages_accept_each_other():
    # Every requirement one environment.yml package has on another holds for the pins (so
    # conda's solver is not asked for an impossible combination), read from each package's
    # own metadata as installed from the same lock.
    pins = runtime_pins()
    environment = default_environment() | {"extra": ""}
    problems = []
    for name in sorted(pins):
        _installed_as_locked(name)
        for text in requires(name) or []:
            requirement = Requirement(text)
            other = canonicalize_name(requirement.name)
            if other in pins and (requirement.marker is None or requirement.marker.evaluate(environment)):
                if not requirement.specifier.contains(pins[other], prereleases=True):
                    problems.append(f"{name} {pins[name]} requires {requirement}; environment.yml pins {pins[other]}")
    assert not problems, "\n".join(problems)


def _imported_top_level_modules(source: str) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module.split(".")[0])
    return modules


def _sources_to_scan() -> list[tuple[str, str]]:
    sources = [(str(p.relative_to(ROOT)), p.read_text()) for p in sorted((ROOT / "tempnb").rglob("*.py"))]
    for path in sorted(NOTEBOOKS_DIR.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(
            "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
            for cell in notebook.cells if cell.cell_type == "code"
        )
        sources.append((path.name, code))
    return sources


def test_every_third_party_module_tempnb_and_the_notebooks_import_is_in_environment_yml():
    runtime = names(PROJECT["dependencies"])
    pins = runtime_pins()
    owners = packages_distributions()
    problems = []
    for where, source in _sources_to_scan():
        for module in sorted(_imported_top_level_modules(source)):
            if module in sys.stdlib_module_names or module == "tempnb":
                continue
            dists = {canonicalize_name(d) for d in owners.get(module, [])}
            if not dists:
                problems.append(f"{where} imports {module}, which no installed package provides")
            elif not dists & runtime:
                problems.append(f"{where} imports {module} ({', '.join(sorted(dists))}), not a runtime dependency")
            elif not dists & set(pins):
                problems.append(f"{where} imports {module}: not pinned in environment.yml")
    assert not problems, "\n".join(problems)


def test_postbuild_is_executable_and_installs_tempnb_and_the_settings():
    path = ROOT / "postBuild"
    assert path.stat().st_mode & stat.S_IXUSR, "postBuild must be executable"
    text = path.read_text()
    assert text.startswith("#!"), "postBuild needs a shebang line"
    commands = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert any(re.fullmatch(r"(python -m )?pip install --no-deps -e \.", c) for c in commands), commands
    assert "python tools/lab.py --install-settings" in commands, commands


# ---------------------------------------------------------------- the lock and its cooling window


def test_lock_cooling_window_is_at_least_fourteen_days_and_not_in_the_future():
    assert lock.COOLING_DAYS >= 14
    assert lock.EXCLUDE_NEWER <= lock.LOCKED_ON - dt.timedelta(days=lock.COOLING_DAYS), (
        f"EXCLUDE_NEWER {lock.EXCLUDE_NEWER} is less than {lock.COOLING_DAYS} days before LOCKED_ON {lock.LOCKED_ON}")
    assert lock.LOCKED_ON <= dt.datetime.now(dt.UTC).date(), f"LOCKED_ON {lock.LOCKED_ON} is in the future"


def test_make_lock_compiles_then_renders():
    recipe = (ROOT / "Makefile").read_text().split("\nlock:", 1)[1].split("\n\n", 1)[0]
    steps = [line.strip() for line in recipe.splitlines()[1:] if line.startswith("\t")]
    assert [s.split()[-1] for s in steps] == ["tools/lock.py", "tools/render_environment.py"], steps


def _index_unreachable_reason() -> str | None:
    """Why `uv pip compile` cannot reach the package index now, or None if it can (a few seconds)."""
    try:
        probe = subprocess.run(
            [lock.uv_executable(), "pip", "compile", "-", "--no-cache", "--quiet", "--no-header"],
            input="packaging\n", capture_output=True, text=True, timeout=60,
            env=dict(os.environ, UV_HTTP_TIMEOUT="10", UV_HTTP_RETRIES="0"),
        )
    except subprocess.TimeoutExpired:
        return "the package index did not answer within 60 s"
    if probe.returncode != 0:
        lines = [line for line in probe.stderr.splitlines() if line.strip()]
        return f"the package index is unreachable ({lines[-1].strip() if lines else 'uv failed'})"
    return None


def test_lock_is_exactly_what_the_compile_command_produces(tmp_path):
    reason = _index_unreachable_reason()
    if reason:
        pytest.skip(f"cannot re-compile the lock: {reason}")
    fresh = tmp_path / "requirements.lock"
    result = subprocess.run(lock.compile_command(fresh), cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    committed = (ROOT / "requirements.lock").read_text()
    diff = list(difflib.unified_diff(committed.splitlines(), fresh.read_text().splitlines(),
                                     "requirements.lock", "compiled now", lineterm="", n=0))
    assert not diff, "requirements.lock is not what tools/lock.py compiles (run `make lock`):\n" + "\n".join(diff[:60])


# ---------------------------------------------------------------- test configuration


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
