"""Binder, checked offline: what repo2docker builds from the repository, and whether it is enough.

Binder itself cannot be reached from a test, so this module checks the two halves of a
Binder build separately (DESIGN.md, "Binder facts"):

1. repo2docker (the test extra pins the version) generates the Dockerfile for a copy of
   the repository with ``--no-build --debug``, which needs no container engine: the conda
   buildpack is chosen, its Python is the pinned minor version, postBuild runs after the
   repository is copied in, and no file besides environment.yml and postBuild changes it.
2. The environment that Dockerfile would install is rebuilt here with pip: environment.yml
   asks conda-forge only for Python and pip and lists the runtime pins under ``pip:``, so
   exactly those lines, installed with pip (each dependency held to requirements.lock), are
   Binder's packages; then postBuild. tempnb must import, the course's JupyterLab settings
   must be installed, JupyterLab must start and answer, and every notebook must run top to
   bottom on that environment's kernel.

What this cannot show: that conda-forge has Python 3.11 and pip (it always has), and how
pip's install settles beside repo2docker's base environment (which holds its own
jupyterlab and notebook; the pins replace them, and the lock's `notebook` accepts its
`jupyterlab`, tests/test_environment.py).

The environment is cached per lock hash (tests/helpers.py, ``pinned_venv``); postBuild
runs again on every test run, since it and tempnb can change without the lock changing.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
import urllib.request
from importlib.util import find_spec
from pathlib import Path

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from helpers import copy_repository, install_without_index_env, pinned_venv, start_lab
from tools import lab
from tools import render_environment as environment

ROOT = Path(__file__).resolve().parent.parent

# The files repo2docker 2026.4.0 reads from a repository to choose and shape a build
# (read from its repo2docker/buildpacks/ code): folders that move where it looks, files
# that select another buildpack ahead of conda's, and files any buildpack adds steps for.
REPO2DOCKER_INPUTS = (
    "binder", ".binder",  # base.py: binder_dir (either one hides the root files)
    "Dockerfile",  # docker.py, legacy/
    "Project.toml", "JuliaProject.toml", "REQUIRE",  # julia/
    "default.nix",  # nix/
    "runtime.txt", "DESCRIPTION", "install.R",  # base.py (runtime), r.py
    "environment.yml", "environment.yaml",  # conda/
    "Pipfile", "Pipfile.lock",  # pipfile/
    "requirements.txt", "requirements3.txt", "setup.py", "pyproject.toml",  # python/
    "apt.txt", "postBuild", "start",  # base.py: BaseImage
    ".dockerignore", ".containerignore",  # base.py: what goes into the build context
)
# Of those, the ones the course has, and why each is harmless or wanted.
EXPECTED_INPUTS = {
    "environment.yml": "the conda buildpack's environment",
    "postBuild": "installs tempnb and the course's JupyterLab settings",
    "pyproject.toml": "read only by the Python buildpack, which repo2docker tries after conda's",
}

_PICK_BUILDPACK = """
import json, sys
from repo2docker.app import Repo2Docker
from repo2docker.utils import chdir

app = Repo2Docker()
with chdir(sys.argv[1]):
    for buildpack_class in app.buildpacks:  # in the order repo2docker's own build() tries them
        pack = buildpack_class(base_image=app.base_image)
        if pack.detect():
            break
    else:
        pack = app.default_buildpack(base_image=app.base_image)
    picked = {"buildpack": type(pack).__name__, "python_version": getattr(pack, "python_version", None)}
    pack.platform = app.platform
    # The frozen base environment it starts from, and that file's name in the build context.
    base = {src: pack.generate_build_context_filename(src)[0]
            for src, dest in pack.get_build_script_files().items() if dest == "/tmp/env/environment.lock"}
    print(json.dumps({"picked": picked, "base_environment": base}))
"""


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """A copy of the repository as Binder receives it (git's files, no .venv, no caches)."""
    return copy_repository(tmp_path_factory.mktemp("binder") / "repo")


def generate_dockerfile(repo: Path) -> tuple[list[str], str]:
    """repo2docker's Dockerfile for `repo`, as instructions with continuations joined, and its log."""
    result = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug",
         "--user-id", "1000", "--user-name", "jovyan", str(repo)],
        cwd=repo.parent, capture_output=True, text=True, timeout=300,  # cwd: no stray repo2docker_config.py
    )
    assert result.returncode == 0, result.stderr[-3000:]
    instructions, current = [], ""
    for line in result.stdout.splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        current += line.strip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        instructions.append(" ".join(current.split()))
        current = ""
    assert instructions and instructions[0].startswith("FROM "), result.stdout[:500]
    return instructions, result.stderr


def index_of(instructions: list[str], wanted: str) -> int:
    matches = [i for i, instruction in enumerate(instructions) if instruction == wanted]
    assert len(matches) == 1, f"expected exactly one {wanted!r} in the Dockerfile, found {len(matches)}"
    return matches[0]


@pytest.fixture(scope="module")
def dockerfile(repository) -> tuple[list[str], str]:
    return generate_dockerfile(repository)


# ---------------------------------------------------------------- repo2docker


def test_repo2docker_chooses_the_conda_buildpack_with_the_pinned_python(repository, dockerfile):
    result = subprocess.run([sys.executable, "-c", _PICK_BUILDPACK, str(repository)],
                            capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(result.stdout.splitlines()[-1])
    assert found["picked"] == {"buildpack": "CondaBuildPack", "python_version": environment.PYTHON_MINOR}
    # The Dockerfile agrees: repo2docker's frozen base environment for that Python, then ours on top.
    instructions, log = dockerfile
    assert f"Building conda environment for python={environment.PYTHON_MINOR}" in log
    base_lock = f"conda/environment.py-{environment.PYTHON_MINOR}-linux-64.lock"
    assert list(found["base_environment"]) == [base_lock]
    index_of(instructions, f"COPY --chown=1000:1000 {found['base_environment'][base_lock]} /tmp/env/environment.lock")
    assert any('${MAMBA_EXE} env update -p ${NB_PYTHON_PREFIX} --file "environment.yml"' in i
               for i in instructions if i.startswith("RUN "))


def test_repo2docker_builds_the_environment_first_and_runs_postbuild_after_copying_the_repository(dockerfile):
    instructions, _ = dockerfile
    env_file_in = index_of(instructions, "COPY --chown=1000:1000 src/environment.yml ${REPO_DIR}/environment.yml")
    env_built = next(i for i, line in enumerate(instructions) if line.startswith("RUN ") and "env update" in line)
    repository_in = index_of(instructions, "COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    postbuild = index_of(instructions, "RUN ./postBuild")
    # Only environment.yml is there when the environment is built (so `pip: [-e .]` in it
    # could not work), and the whole repository is there when postBuild runs.
    assert env_file_in < env_built < repository_in < postbuild, (env_file_in, env_built, repository_in, postbuild)
    assert not [i for i in instructions[:repository_in] if i.startswith("COPY") and "src/" in i
                and "src/environment.yml" not in i]


def test_environment_yml_installs_nothing_from_the_repository():
    # The environment is built before the repository is copied in, so a pip entry such as `-e .`,
    # a path or a URL would fail there: every pip entry is an exact PyPI pin (postBuild installs tempnb).
    spec = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_lists = [entry["pip"] for entry in spec["dependencies"] if isinstance(entry, dict)]
    assert len(pip_lists) == 1 and pip_lists[0], spec["dependencies"]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[0-9][A-Za-z0-9.+!-]*", line) for line in pip_lists[0]), pip_lists[0]


def _string_constants(package_dir: Path) -> set[str]:
    found = set()
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_no_other_file_in_the_repository_changes_the_binder_build(repository, dockerfile, tmp_path):
    # 1. Every name in REPO2DOCKER_INPUTS is a string in repo2docker's buildpacks code (so the
    #    list above is not stale), and of those the repository has only the expected ones.
    buildpacks = Path(find_spec("repo2docker").origin).parent / "buildpacks"
    strings = _string_constants(buildpacks)
    assert not [name for name in REPO2DOCKER_INPUTS if name not in strings], "re-read repo2docker's buildpacks"
    present = {name for name in REPO2DOCKER_INPUTS if (repository / name).exists()}
    assert present == set(EXPECTED_INPUTS), f"repo2docker reads {sorted(present - set(EXPECTED_INPUTS))}"
    # 2. Any other name that code mentions and the repository has at its root: none.
    others = sorted(entry.name for entry in repository.iterdir()
                    if entry.name in strings and entry.name not in EXPECTED_INPUTS)
    assert others == [], others
    # 3. The Dockerfile from the whole repository equals the one from a repository holding
    #    only environment.yml and postBuild: nothing else changes the build.
    minimal = tmp_path / "repo"
    minimal.mkdir()
    for name in ("environment.yml", "postBuild"):
        (minimal / name).write_bytes((repository / name).read_bytes())
        (minimal / name).chmod((repository / name).stat().st_mode)
    assert generate_dockerfile(minimal)[0] == dockerfile[0]


# ---------------------------------------------------------------- the runtime environment


def environment_yml_requirements() -> list[str]:
    """environment.yml's `pip:` pins, exactly the lines Binder's pip installs (python and pip come from conda)."""
    conda, pip = environment.environment_pins(ROOT / "environment.yml")
    assert conda == [f"python={environment.PYTHON_MINOR}", "pip"], conda
    return [f"{name}=={version}" for name, version in sorted(pip.items())]


def binder_python() -> str:
    """An interpreter of environment.yml's Python minor version (the one Binder gets)."""
    if "{}.{}".format(*sys.version_info[:2]) == environment.PYTHON_MINOR:
        return sys.executable
    from tools.pythons import find_python

    found = find_python(environment.PYTHON_MINOR)
    if found is None:
        pytest.skip(f"no Python {environment.PYTHON_MINOR} found (pyenv or PATH) to build Binder's environment")
    return found


def run(python: Path, code: str, *, cwd: Path) -> str:
    result = subprocess.run([str(python), "-c", code], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def runtime(repository, tmp_path_factory):
    """(python, prefix) of the runtime environment after postBuild ran in the repository copy."""
    with pinned_venv("runtime", environment_yml_requirements(), python=binder_python()) as python:
        prefix = python.parent.parent
        # Undo the previous run's postBuild, so what is checked is this run's doing.
        subprocess.run([str(python), "-m", "pip", "uninstall", "--yes", "--quiet", "tempnb"],
                       capture_output=True, check=True)
        settings = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
        settings.unlink(missing_ok=True)
        # postBuild's `pip install --no-deps -e .` builds tempnb in isolation, which needs pyproject's
        # build requirement (setuptools): from a local folder, so this passes with no package index.
        env = install_without_index_env() | {"PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}"}
        env.pop("PYTHONPATH", None)
        result = subprocess.run(["./postBuild"], cwd=repository, env=env, capture_output=True, text=True,
                                timeout=600)
        assert result.returncode == 0, f"postBuild failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
        yield python, prefix


def test_runtime_environment_is_exactly_environment_yml(runtime):
    python, _ = runtime
    installed = json.loads(run(python, "import json\nfrom importlib.metadata import distributions\n"
                                       "print(json.dumps({d.metadata['Name'].lower(): d.version "
                                       "for d in distributions()}))", cwd=python.parent))
    for requirement in environment_yml_requirements():
        name, _, version = requirement.partition("==")
        assert installed.get(name) == version, f"{name}: installed {installed.get(name)}, environment.yml {version}"
    assert run(python, "import sys; print('%d.%d' % sys.version_info[:2])", cwd=python.parent).strip() \
        == environment.PYTHON_MINOR
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    assert check.returncode == 0, f"inconsistent requirements in the runtime environment:\n{check.stdout}"


def test_postbuild_installs_tempnb_from_the_repository(runtime, repository, tmp_path):
    python, _ = runtime
    where = run(python, "import tempnb, tempnb.checks; print(tempnb.__file__); print(tempnb.__version__)",
                cwd=tmp_path).split()
    assert Path(where[0]).resolve() == (repository / "tempnb" / "__init__.py").resolve()
    source = (ROOT / "tempnb" / "__init__.py").read_text()
    assert f'__version__ = "{where[1]}"' in source


def test_postbuild_installs_the_course_jupyterlab_settings(runtime):
    _, prefix = runtime
    path = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert path.exists(), "postBuild did not write overrides.json into the environment"
    installed = json.loads(path.read_text())
    for plugin, values in lab.COURSE_SETTINGS.items():
        assert installed.get(plugin, {}) | values == installed.get(plugin), (plugin, installed.get(plugin))


def test_jupyterlab_starts_and_answers_with_the_course_settings(runtime, repository, tmp_path):
    python, _ = runtime
    with start_lab(tmp_path, root_dir=repository / "notebooks", python=python) as (base, token, _):
        headers = {"Authorization": f"token {token}"}

        def get(path: str):
            with urllib.request.urlopen(urllib.request.Request(base + path, headers=headers), timeout=30) as r:
                return r.status, r.read().decode()

        status, page = get("/lab")
        assert status == 200 and "jupyter-config-data" in page
        status, body = get("/api/kernelspecs")
        assert status == 200 and "python3" in json.loads(body)["kernelspecs"]
        # The server applies the installed overrides as the plugin's defaults.
        plugin, values = next(iter(lab.COURSE_SETTINGS.items()))
        status, body = get(f"/lab/api/settings/{plugin}")
        defaults = {key: spec.get("default") for key, spec in json.loads(body)["schema"]["properties"].items()}
        assert status == 200 and {key: defaults.get(key) for key in values} == values


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
def test_every_notebook_runs_in_the_runtime_environment(runtime, repository, tmp_path, monkeypatch, name):
    python, _ = runtime
    # A kernel spec that starts the runtime environment's python, found through JUPYTER_PATH.
    spec = tmp_path / "kernels" / "binder-runtime" / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({"argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                                "display_name": "Binder runtime", "language": "python"}))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    notebook = nbformat.read(repository / "notebooks" / name, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="binder-runtime",
                            resources={"metadata": {"path": str(repository / "notebooks")}})
    assert client.create_kernel_manager().kernel_spec.argv[0] == str(python)  # (the client still owns it)
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    errors = [output for cell in notebook.cells for output in cell.get("outputs", [])
              if output.get("output_type") == "error"]
    assert not errors
