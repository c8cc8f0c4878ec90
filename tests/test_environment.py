"""The pinned environment: lock, environment.yml, postBuild and the test configuration agree.

requirements.lock (tools/lock.py, with a cooling window) pins every version; environment.yml
(tools/render_environment.py) is Binder's and conda's runtime environment, rendered from it.
What repo2docker makes of them, and whether that environment runs the course, is checked in
tests/test_binder.py.
"""

import ast
import datetime as dt
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
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def conda_entries() -> list[str]:
    """What environment.yml asks conda-forge for (everything but the `pip:` list)."""
    return _environment.environment_pins()[0]


def runtime_pins() -> dict[str, str]:
    """environment.yml's `pip:` pins, canonical PyPI name -> exact version."""
    return _environment.environment_pins()[1]


def names(specs: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(spec).name) for spec in specs}


# ---------------------------------------------------------------- environment.yml


def test_environment_yml_asks_conda_forge_for_python_and_pip_only():
    # Nothing here can reach conda-forge, so nothing here could prove it carries a given pin:
    # every other package comes from PyPI, the same wheels the tests run on.
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert spec["channels"] == ["conda-forge"]
    assert conda_entries() == [f"python={_environment.PYTHON_MINOR}", "pip"]


def test_environment_yml_rejects_what_it_never_holds(tmp_path):
    # The reader the tests rely on fails loudly rather than skipping a malformed entry.
    path = tmp_path / "environment.yml"
    path.write_text("dependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - numpy>=2\n")
    with pytest.raises(ValueError, match="numpy>=2"):
        _environment.environment_pins(path)
    path.write_text("dependencies:\n  - pip:\n      - numpy==2.4.6\n  - pip:\n      - scipy==1.17.1\n")
    with pytest.raises(ValueError, match="only one"):
        _environment.environment_pins(path)


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


def _recipe(target: str) -> list[str]:
    text = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{re.escape(target)}:[^\n]*\n((?:\t[^\n]*\n?)*)", text, re.M)
    assert match, f"no `{target}` target in the Makefile"
    return [line.strip() for line in match.group(1).splitlines()]


def test_make_lock_compiles_renders_then_checks():
    assert _recipe("lock") == ["$(BIN)/python tools/lock.py", "$(BIN)/python tools/render_environment.py",
                               "$(MAKE) --no-print-directory lock-check"]
    assert _recipe("lock-check") == ["$(BIN)/python tools/lock.py --check"]


def test_make_test_never_asks_a_package_index():
    # A learner's `make test` depends on the repository alone: the re-compile against a live index
    # (whose answer changes from day to day) is `make lock-check`, which no part of `make test` runs.
    reached, todo = set(), ["test"]
    while todo:
        target = todo.pop()
        reached.add(target)
        for line in _recipe(target):
            # sub-makes, and tools/pythons.py's `--run TARGET`, which runs `make TARGET` under each Python
            called = re.findall(r"\$\(MAKE\)[^;|&]*?\s([a-z][a-z-]+)(?=\s|$)", line)
            called += re.findall(r"--run ([a-z][a-z-]+)", line)
            todo += [t for t in called if t not in reached]
    assert {"test-old-cpu", "test-pythons", "test-core"} <= reached, reached
    for target in reached:
        assert not any("lock" in line for line in _recipe(target)), (target, _recipe(target))
    # Nor does any test module call the compile command, uv, or the check itself.
    asks_index = {"compile_command", "uv_executable", "check"}
    callers = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                owner = getattr(node.func.value, "id", "") if isinstance(node.func, ast.Attribute) else ""
                if name in asks_index - {"check"} or (name == "check" and owner == "lock"):
                    callers.append(f"{path.name}:{node.lineno} calls {name}")
    assert callers == [], callers


def _lock_pins() -> dict[str, list[tuple[str, str]]]:
    """Canonical name -> [(version, marker text)] for every pin in requirements.lock (markers may split one)."""
    pins: dict[str, list[tuple[str, str]]] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9._-]+)==([^\s;]+)\s*(?:;\s*([^#]*))?", line)
        if match:
            pins.setdefault(canonicalize_name(match.group(1)), []).append((match.group(2),
                                                                         (match.group(3) or "").strip()))
    return pins


def _unsatisfied(specs: list[str], pins: dict[str, list[tuple[str, str]]]) -> list[str]:
    """Each requirement in `specs` that the lock does not pin, or pins (under any marker) outside its specifier."""
    problems = []
    for text in specs:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{text}: not pinned in requirements.lock")
            continue
        outside = [f"{version}" + (f" ; {marker}" if marker else "") for version, marker in pins[name]
                   if not requirement.specifier.contains(version, prereleases=True)]
        if outside:
            problems.append(f"{text}: the lock pins {', '.join(outside)}")
    return problems


@pytest.mark.parametrize("group", ["dependencies", *sorted(PROJECT["optional-dependencies"])])
def test_every_pyproject_requirement_is_satisfied_by_the_lock(group):
    # Offline: each requirement of pyproject.toml (runtime and every extra) has a pin in the lock,
    # and every pin of that package (the lock is universal: markers may split one into several)
    # is inside the requirement's specifier.
    specs = PROJECT["dependencies"] if group == "dependencies" else PROJECT["optional-dependencies"][group]
    problems = _unsatisfied(specs, _lock_pins())
    assert not problems, "\n".join(problems) + "\n(run `make lock`)"


def test_lock_satisfaction_check_can_fail():
    # The same check as above, on the real lock and the real runtime requirements with three planted
    # ones: a bound the lock's numpy is outside, a package the lock does not pin, and a marker-split
    # pin of which only one half is outside (a made-up package with pins 1.0 and 2.0).
    pins = _lock_pins() | {"split-package": [("1.0", 'python_version < "3.12"'), ("2.0", 'python_version >= "3.12"')]}
    planted = ["numpy>=99", "not-a-course-dependency>=1", "split-package<2"]
    problems = _unsatisfied([*PROJECT["dependencies"], *planted], pins)
    assert [problem.split(":")[0] for problem in problems] == planted, problems
    assert problems[2] == 'split-package<2: the lock pins 2.0 ; python_version >= "3.12"'


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
