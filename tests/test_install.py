"""tempnb installs and works with its runtime dependencies alone.

A learner's ``pip install`` brings only pyproject's ``dependencies``; the test and
maintainer tools live in extras and in tools/. So this module builds a virtual
environment holding exactly those dependencies (each at the lock's version, cached per
lock hash by tests/helpers.py's ``pinned_venv``), installs tempnb into it with
``--no-deps`` from a clean copy of its sources, and there imports every tempnb module and
calls one function of each, with warnings as errors and matplotlib's non-interactive
backend. A module that imported a test tool, or data that the wheel left out, fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from helpers import ROOT, install_without_index_env, pinned_venv, repository_files

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
RUNTIME = list(PROJECT["dependencies"])

# One call per module, run inside the environment with the module bound to `m` (and numpy
# as `np`, `math`); each asserts a result known independently of tempnb's code. A new
# module needs a row here: the test names any module that has none.
CALLS: dict[str, str] = {
    # exp(0) : exp(log 3) = 1 : 3
    "tempnb": "assert np.allclose(m.softmax([0.0, math.log(3.0)]), [0.25, 0.75])",
    "tempnb._validate": (
        "assert m.check_positive_int(3, 'k') == 3\n"
        "try:\n    m.check_positive_int(0, 'k')\nexcept ValueError as error:\n    assert '`k`' in str(error)\n"
        "else:\n    raise AssertionError('0 accepted as a positive integer')"
    ),
    # a fair coin carries log 2 nats
    "tempnb.core": "assert math.isclose(float(m.entropy([0.5, 0.5])), math.log(2.0))",
    # identical student and teacher: the KL term is 0, and alpha = 1 leaves only that term
    "tempnb.distill": (
        "loss, grad = m.distillation_loss([[1.0, 2.0, 0.5]], [[1.0, 2.0, 0.5]], [1], temperature=2.0, alpha=1.0)\n"
        "assert abs(loss) < 1e-12 and np.allclose(grad, 0.0, atol=1e-12)"
    ),
    # top-1 keeps only the largest logit
    "tempnb.sampling": "assert m.top_k([1.0, 3.0, 2.0], 1).tolist() == [-math.inf, 3.0, -math.inf]",
    # the names lists ship inside the wheel (package data)
    "tempnb.data": "names = m.load_names()\nassert len(names) > 1000 and names == sorted(set(names))",
    # identical inputs give identical logit rows
    "tempnb.models": (
        "z = m.MLP([4, 3, 2], rng=0).forward(np.ones((5, 4)))\nassert z.shape == (5, 2) and (z == z[0]).all()"
    ),
    "tempnb.ngram": (
        "model = m.CharNGram(order=2).fit(['ab', 'ba'])\np = model.probabilities('a')\n"
        "assert p.shape == (len(model.alphabet),) and math.isclose(float(p.sum()), 1.0)"
    ),
    # the course palette is seaborn's colour-blind one (DESIGN.md); its blue and green already
    # reach 3:1 on white and are kept as they are, its orange is darkened to reach it
    "tempnb.plotting": ("import seaborn\nblind, ours = seaborn.color_palette('colorblind', 3), m.colors(3)\n"
                        "assert [ours[0], ours[2]] == [tuple(round(c, 4) for c in blind[i]) for i in (0, 2)]\n"
                        "assert ours[1] != blind[1]"),
    # two equal logits: entropy log 2 = 0.693147 nats, top probability 1/2
    "tempnb.explore": "line = m.temperature_summary([0.0, 0.0], 1.0)\nassert '0.6931' in line and '0.5000' in line",
    # data: 3 of 4 examples with logits [0, 1] have label 1, so the fitted model must give
    # label 1 probability 3/4: sigmoid(1 / T) = 3/4, T = 1 / log 3
    "tempnb.calibration": "assert math.isclose(m.fit_temperature([[0.0, 1.0]] * 4, [1, 1, 1, 0]), 1 / math.log(3.0),"
                          " rel_tol=1e-6)",
    # a model that ends a word with probability 0.6 after any prefix: the best one-word beam
    # is "a" (the end is not allowed before one character), probability 0.4 * 0.6
    "tempnb.decoding": (
        "class Stub:\n    alphabet = '.a'\n    def logits(self, context):\n        return np.log([0.6, 0.4])\n"
        "[(word, score)] = m.beam_search(Stub(), 1, max_length=3)\n"
        "assert word == 'a' and math.isclose(score, math.log(0.24))"
    ),
    # exercise checks print one ✅ line for a right answer (the answers are the exercises' own)
    "tempnb.checks": "assert said(lambda: m.check_uniform_entropy(math.log(4.0))).startswith('✅')",
    "tempnb.checks._common": "assert said(lambda: m.passed('fine')) == '✅ fine'",
    "tempnb.checks.probabilities": "assert said(lambda: m.check_uniform_entropy(math.log(4.0))).startswith('✅')",
    "tempnb.checks.logits": "assert said(lambda: m.check_probability_from_log_odds(1 / (1 + math.exp(-2.0))))"
                            ".startswith('✅')",
    "tempnb.checks.softmax": "import scipy.special\n"
                             "assert said(lambda: m.check_logsumexp(scipy.special.logsumexp)).startswith('✅')",
    # odds 3:1 become 27:1 = 3**3 when 1 / T = 3
    "tempnb.checks.temperature": "assert said(lambda: m.check_odds_temperature(1 / 3)).startswith('✅')",
    # the limit (s - t) / K for s = [1, 0, -1], t = [2, 0.5, -2.5], K = 3
    "tempnb.checks.distillation": "assert said(lambda: m.check_logit_matching(np.array([-2.0, -1.0, 3.0]) / 6))"
                                  ".startswith('✅')",
    # a top-k that keeps every logit tied with the k-th largest
    "tempnb.checks.sampling": (
        "def keep_top(z, k):\n    z = np.asarray(z, dtype=float)\n"
        "    return np.where(z >= np.sort(z)[::-1][min(k, z.size) - 1], z, -np.inf)\n"
        "assert said(lambda: m.check_top_k(keep_top)).startswith('✅')"
    ),
    # an independent fit: the root of the NLL's slope in beta = 1/T, found by scipy's brentq
    "tempnb.checks.calibration": (
        "import scipy.optimize, scipy.special\n"
        "def by_hand(logits, labels):\n"
        "    z, y = np.asarray(logits, dtype=float), np.asarray(labels)\n"
        "    def slope(b):\n"
        "        expected_z = (scipy.special.softmax(b * z, axis=1) * z).sum(axis=1)\n"
        "        return float(np.mean(expected_z - z[np.arange(len(y)), y]))\n"
        "    return 1 / scipy.optimize.brentq(slope, 1e-3, 1e3, xtol=1e-14, rtol=1e-15)\n"
        "assert said(lambda: m.check_fit_temperature(by_hand)).startswith('✅')"
    ),
}

_RUN_EVERY_MODULE = """
import contextlib, importlib, io, json, math, pkgutil, re, sys, traceback
from importlib.metadata import distributions
import numpy as np

calls = json.loads(sys.argv[1])


def said(call):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call()
    return out.getvalue().strip()


import tempnb

modules = ["tempnb"] + sorted(info.name for info in pkgutil.walk_packages(tempnb.__path__, "tempnb."))
results = {}
for name in modules:
    try:
        module = importlib.import_module(name)
    except Exception:
        results[name] = "import failed:\\n" + traceback.format_exc(limit=-3)
        continue
    if name not in calls:
        results[name] = "imported, not called"
        continue
    try:
        exec(calls[name], {"m": module, "np": np, "math": math, "said": said})
        results[name] = "ok"
    except Exception:
        results[name] = "call failed:\\n" + traceback.format_exc(limit=-3)

installed = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in distributions()}
print(json.dumps({"file": tempnb.__file__, "results": results, "installed": sorted(installed)}))
"""

_DEPENDENCY_CLOSURE = """
import json, sys
from importlib.metadata import requires
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
todo, seen = [Requirement(r) for r in json.loads(sys.argv[1])], set()
while todo:
    requirement = todo.pop()
    name = canonicalize_name(requirement.name)
    if name in seen:
        continue
    seen.add(name)
    for extra in requirement.extras or [""]:
        for text in requires(name) or []:
            child = Requirement(text)
            if child.marker is None or child.marker.evaluate({"extra": extra}):
                todo.append(child)
print(json.dumps(sorted(seen)))
"""


def source_modules() -> list[str]:
    """Every module of tempnb/ in the source tree, as a dotted name."""
    found = []
    for path in sorted((ROOT / "tempnb").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return sorted(found)


def test_runtime_dependencies_are_the_courses_six():
    # DESIGN.md: the package needs only numpy, scipy, matplotlib, seaborn, scikit-learn, ipywidgets.
    assert {canonicalize_name(Requirement(r).name) for r in RUNTIME} == {
        "numpy", "scipy", "matplotlib", "seaborn", "scikit-learn", "ipywidgets"}


def test_every_module_has_a_call():
    missing = [name for name in source_modules() if name not in CALLS]
    assert not missing, (f"no entry in tests/test_install.py's CALLS for {', '.join(missing)}: "
                         "add one call of one of its functions, with a result known independently")
    stale = sorted(set(CALLS) - set(source_modules()))
    assert not stale, f"CALLS names modules that no longer exist: {stale}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """Results of importing and calling every installed tempnb module in the runtime-only environment."""
    with pinned_venv("package", RUNTIME) as python:
        subprocess.run([str(python), "-m", "pip", "uninstall", "--yes", "--quiet", "tempnb"],
                       capture_output=True, check=True)
        # What a wheel is built from, copied so no build/ folder left in the checkout leaks in.
        source = tmp_path_factory.mktemp("package") / "tempnb-source"
        for relative in repository_files():
            if relative in ("pyproject.toml", "README.md", "LICENSE") or relative.startswith("tempnb/"):
                (source / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / relative, source / relative)
        build = subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(source)],
                               env=install_without_index_env(), capture_output=True, text=True, timeout=600)
        assert build.returncode == 0, build.stderr[-3000:]
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"} | {"MPLBACKEND": "Agg"}
        workdir = source.parent  # not the checkout, so `import tempnb` finds the installed copy
        result = subprocess.run([str(python), "-W", "error", "-c", _RUN_EVERY_MODULE, json.dumps(CALLS)],
                                cwd=workdir, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr[-3000:]
        report = json.loads(result.stdout.splitlines()[-1])
        closure = subprocess.run([str(python), "-c", _DEPENDENCY_CLOSURE, json.dumps(RUNTIME)], cwd=workdir,
                                 capture_output=True, text=True, timeout=120, check=True)
        report["closure"] = json.loads(closure.stdout)
        yield report


def test_the_environment_holds_the_runtime_dependencies_and_nothing_else(installed):
    extra = set(installed["installed"]) - set(installed["closure"]) - {"pip", "setuptools", "tempnb"}
    assert not extra, f"installed beyond the runtime dependencies and theirs: {sorted(extra)}"


def test_the_wheel_has_every_module_of_the_source_tree(installed):
    assert "site-packages" in installed["file"], installed["file"]
    assert sorted(installed["results"]) == source_modules()


@pytest.mark.parametrize("name", source_modules())
def test_module_imports_and_runs_with_runtime_dependencies_only(installed, name):
    outcome = installed["results"].get(name, "not installed")
    if outcome == "imported, not called":
        pytest.fail(f"{name} imports, but has no row in CALLS (tests/test_install.py)")
    assert outcome == "ok", f"{name}: {outcome}"
