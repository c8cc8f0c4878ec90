"""tempnb._validate: the shared input checks, the array-likes of other libraries, and the layout rules
(validation lives in one module; no module imports another module's private helper; one source per constant)."""

import ast
import importlib
import math
import pkgutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import tempnb
from tempnb import _validate, kl_divergence, log_softmax, softmax, top_p
from tempnb._validate import (
    as_real_array,
    check_fraction,
    check_labels,
    check_positive_int,
    check_rng,
    check_size,
    check_temperature,
)

PACKAGE = Path(tempnb.__file__).resolve().parent


# ---------------------------------------------------------------- the validators themselves


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: check_labels([0, 3], 2, 3), ValueError, ["`labels`", "[0, 2]", "3"]),
        (lambda: check_labels([0, -1], 2, 3), ValueError, ["`labels`", "-1"]),
        (lambda: check_labels([0.0, 1.0], 2, 3), TypeError, ["`labels`", "integer", "float64"]),
        (lambda: check_labels([True, False], 2, 3), TypeError, ["`labels`", "bool"]),
        (lambda: check_labels([0, 1, 2], 2, 3), ValueError, ["`labels`", "(2,)", "(3,)"]),
        (lambda: check_labels([[0, 1]], 2, 3, name="y"), ValueError, ["`y`", "(1, 2)"]),
        (lambda: check_positive_int(0, "n"), ValueError, ["`n`", "positive integer", "0"]),
        (lambda: check_positive_int(2.5, "n"), ValueError, ["`n`", "2.5"]),
        (lambda: check_positive_int("3", "n"), TypeError, ["`n`", "'3'"]),
        (lambda: check_positive_int(True, "n"), TypeError, ["`n`", "True"]),
        (lambda: check_positive_int(-1, "n", minimum=0), ValueError, ["`n`", ">= 0", "-1"]),
        (lambda: check_fraction(1.5, "alpha"), ValueError, ["`alpha`", "[0, 1]", "1.5"]),
        (lambda: check_fraction(0.0, "alpha", low_open=True), ValueError, ["`alpha`", "(0, 1]", "0.0"]),
        (lambda: check_fraction("half", "alpha"), TypeError, ["`alpha`", "'half'"]),
        (lambda: check_temperature(-1), ValueError, ["`temperature`", "[0, inf]", "-1.0"]),
        (lambda: check_temperature(0, allow_zero=False), ValueError, ["`temperature`", "(0, inf]", "0.0"]),
        (lambda: check_temperature(math.inf, allow_inf=False), ValueError, ["`temperature`", "inf)", "inf"]),
        (lambda: check_temperature(None), TypeError, ["`temperature`", "None"]),
        (lambda: check_rng(-1), ValueError, ["`rng`", "non-negative integer seed", "-1"]),
        (lambda: check_rng(True), TypeError, ["`rng`", "True"]),
        (lambda: check_rng(1.5), ValueError, ["`rng`", "1.5"]),
        (lambda: check_rng("seed"), TypeError, ["`rng`", "'seed'"]),
        (lambda: check_rng(np.random.RandomState(0)), TypeError, ["`rng`", "default_rng"]),
        (lambda: check_size(2.5), ValueError, ["`size`", "2.5"]),
        (lambda: check_size((2, -1)), ValueError, ["`size`", "(2, -1)"]),
        (lambda: check_size("3"), TypeError, ["`size`", "'3'"]),
        (lambda: as_real_array([[1.0, 2.0], [3.0]], "logits"), ValueError, ["`logits`", "rectangular"]),
        (lambda: as_real_array({"a": 1}, "logits"), TypeError, ["`logits`", "real numbers"]),
    ],
)
def test_validators_name_the_parameter_the_range_and_the_value(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda axis: softmax(np.full((2, 3), -np.inf), axis=axis), "at least one entry above -inf along axis"),
        (lambda axis: log_softmax(np.zeros((2, 0)), axis=axis), "at least one entry along axis"),
        (lambda axis: tempnb.validate_probs([[0.5, 0.6], [0.5, 0.4]], axis=axis), "must sum to 1 along axis"),
    ],
)
@pytest.mark.parametrize("axis", [-1, 1, np.int64(-1)])
def test_validation_errors_name_the_axis_the_caller_gave(call, words, axis):
    """-1 stays -1 in the message, not its normalised index (1 here, 0 for a 1-D array)."""
    with pytest.raises(ValueError, match=f"{words} {int(axis)}[;( ]"):
        call(axis)


def test_a_one_dimensional_error_names_axis_minus_one_by_default():
    # 02's masking example: softmax's default axis is -1, which a 1-D array normalises to 0
    with pytest.raises(ValueError, match="above -inf along axis -1;"):
        softmax([-np.inf, -np.inf])
    with pytest.raises(ValueError, match="along axis 0;"):
        softmax([-np.inf, -np.inf], axis=0)


@pytest.mark.parametrize("n_entries, shown", [(2, "1e-06"), (1_000, "1.51e-05"), (10_000, "4.77e-05")])
def test_the_sum_error_states_the_tolerance_it_applies(n_entries, shown):
    """Three significant digits: one (5e-05 for 4.77e-05, 2e-05 for 1.51e-05) would state a looser tolerance than
    the one that rejected the sum (a float32 vector of 1,000 entries missing 1 by 1.7e-5 read 'within 2e-05')."""
    tolerance = _validate.probability_sum_tolerance(n_entries, np.dtype(np.float32))
    assert f"{tolerance:.3g}" == shown
    probs = np.full(n_entries, 1 / n_entries, dtype=np.float32)
    probs[0] -= np.float32(tolerance * 1.13)
    with pytest.raises(ValueError, match=rf"\(within {shown}\); got a sum of"):
        tempnb.validate_probs(probs)


def test_validators_return_clean_values():
    assert check_labels(np.array([2, 0], dtype=np.uint8), 2, 3).tolist() == [2, 0]
    assert check_positive_int(np.int64(3), "n") == 3 and type(check_positive_int(np.int64(3), "n")) is int
    assert check_size(None) == () and check_size(3) == (3,) and check_size([2, 0]) == (2, 0)
    assert check_temperature(np.float32(0.5)) == 0.5 and check_temperature(np.array(2.0)) == 2.0
    generator = np.random.default_rng(0)
    assert check_rng(generator) is generator
    # A seed gives the same stream as numpy's own default_rng(seed).
    assert check_rng(7).random() == np.random.default_rng(7).random()


# ---------------------------------------------------------------- array-likes from other libraries


class GradTensor:
    """Stands in for a PyTorch tensor with requires_grad=True (torch is not a dependency of the course).

    It behaves as torch's does where it matters here: ``numpy.asarray`` on it calls ``__array__``,
    which raises RuntimeError ("Can't call numpy() on Tensor that requires grad"), and
    ``detach()`` returns a tensor without gradient tracking whose ``numpy()`` works.
    """

    def __init__(self, values, requires_grad=True):
        self._values = np.asarray(values, dtype=np.float32)
        self.requires_grad = requires_grad

    def __array__(self, dtype=None, copy=None):
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        return self._values if dtype is None else self._values.astype(dtype)

    def detach(self):
        return GradTensor(self._values, requires_grad=False)

    def cpu(self):
        return self

    def numpy(self):
        if self.requires_grad:
            raise RuntimeError("Can't call numpy() on Tensor that requires grad.")
        return self._values


def test_a_tensor_that_requires_grad_is_detached_and_used():
    """With the stand-in for torch: numpy alone fails on it; tempnb detaches it and computes as usual."""
    values = [1.0, 2.0, 3.0]
    with pytest.raises(RuntimeError):
        np.asarray(GradTensor(values))
    result = softmax(GradTensor(values))
    assert result.dtype == np.float32  # the tensor's own dtype is kept
    np.testing.assert_array_equal(result, softmax(np.float32(values)))


def test_a_tensor_numpy_cannot_hold_is_refused_by_name():
    """A stand-in for a torch bfloat16 tensor, whose .numpy() raises TypeError (numpy has no bfloat16)."""

    class BFloat16Tensor(GradTensor):
        def detach(self):
            return self

        def numpy(self):
            raise TypeError("Got unsupported ScalarType BFloat16")

    with pytest.raises(TypeError) as info:
        softmax(BFloat16Tensor([1.0, 2.0]))
    assert "`logits`" in str(info.value) and ".float().numpy()" in str(info.value)


def test_a_real_torch_tensor_that_requires_grad_if_torch_is_installed():
    torch = pytest.importorskip("torch")
    logits = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    np.testing.assert_array_equal(softmax(logits), softmax(np.float32([1.0, 2.0, 3.0])))
    np.testing.assert_array_equal(top_p(logits, 0.5), top_p(np.float32([1.0, 2.0, 3.0]), 0.5))


def test_a_pandas_series_is_read_as_its_values():
    series = pd.Series([0.25, 0.75], index=["cat", "dog"])
    np.testing.assert_array_equal(softmax(np.log(series)), softmax(np.log([0.25, 0.75])))
    assert float(kl_divergence(series, pd.Series([0.5, 0.5]))) == float(kl_divergence([0.25, 0.75], [0.5, 0.5]))
    frame = pd.DataFrame({"a": [0.0, 1.0], "b": [2.0, 0.0]})
    np.testing.assert_array_equal(softmax(frame), softmax(frame.to_numpy()))


def test_a_pandas_series_with_missing_values_is_refused_by_name():
    with pytest.raises(ValueError, match="`logits` must not contain NaN"):
        softmax(pd.Series([1.0, None]))
    with pytest.raises(TypeError, match="`logits` must contain real numbers"):
        softmax(pd.Series([1.0, pd.NA], dtype=object))


def test_a_masked_array_is_refused_with_what_to_pass_instead():
    # Unmasked, entry 1 would get 1 / (1 + e^-4) = 0.982 of the probability; masked, it must get none.
    logits = np.ma.masked_array([1.0, 5.0], mask=[False, True])
    for call, name in [(lambda: softmax(logits), "logits"), (lambda: log_softmax(logits), "logits"),
                       (lambda: top_p(logits, 0.5), "logits")]:
        with pytest.raises(TypeError) as info:
            call()
        assert f"`{name}`" in str(info.value) and "np.ma.filled(logits, -np.inf)" in str(info.value)
    # The suggested fix gives the masked entry probability 0.
    assert softmax(np.ma.filled(logits, -np.inf)).tolist() == [1.0, 0.0]
    probs = np.ma.masked_array([0.5, 0.5], mask=[True, False])
    with pytest.raises(TypeError, match=r"`p`.*np\.ma\.filled\(p, 0\.0\)"):
        kl_divergence(probs, [0.5, 0.5])


def test_a_masked_array_with_nothing_masked_is_just_an_array():
    logits = np.ma.masked_array([1.0, 5.0], mask=[False, False])
    np.testing.assert_array_equal(softmax(logits), softmax([1.0, 5.0]))
    assert type(softmax(logits)) is np.ndarray


# ---------------------------------------------------------------- layout rules


def tempnb_modules():
    return sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def private_imports(source: str, own: str, is_package: bool = False) -> list[str]:
    """`from tempnb.x import _y` (or a relative form) in module `own`, where tempnb.x is another module."""
    package = own if is_package else own.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            parts = package.split(".")
            source_module = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
        else:
            source_module = node.module or ""
        if source_module.split(".")[0] != "tempnb" or source_module == own:
            continue
        found += [f"{own}: from {source_module} import {alias.name}" for alias in node.names
                  if alias.name.startswith("_") and not alias.name.startswith("__")]
    return found


def test_the_private_import_scanner_finds_what_it_looks_for():
    # Tested on a made-up source, so a clean package cannot hide a scanner that finds nothing.
    source = ("from tempnb.core import _prepare_logits, softmax\nfrom . import _validate\n"
              "from .core import _x\nfrom tempnb._validate import check_rng\n")
    assert private_imports(source, "tempnb.sampling") == [
        "tempnb.sampling: from tempnb.core import _prepare_logits",
        "tempnb.sampling: from tempnb import _validate",
        "tempnb.sampling: from tempnb.core import _x",
    ]
    assert private_imports("from tempnb.checks._common import _call\n", "tempnb.checks.softmax") == [
        "tempnb.checks.softmax: from tempnb.checks._common import _call"]


def test_no_module_imports_another_modules_private_helper():
    found = [line for path in tempnb_modules()
             for line in private_imports(path.read_text(encoding="utf-8"), module_name(path),
                                         path.name == "__init__.py")]
    assert found == [], "private helpers imported across modules:\n" + "\n".join(found)


# The modules whose input checks have moved into _validate.py. (tempnb.checks judges learners'
# answers rather than validating tempnb input; modules still being written join this list when
# their checks move.)
VALIDATED_MODULES = ("core", "sampling", "distill", "ngram", "models", "explore", "plotting", "calibration", "decoding",
                     "data")


@pytest.mark.parametrize("name", VALIDATED_MODULES)
def test_input_validation_lives_in_validate(name):
    # A module that validates input imports the shared checks; it defines no check_/_check_ helpers.
    tree = ast.parse((PACKAGE / f"{name}.py").read_text(encoding="utf-8"))
    own_checks = [node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)
                  and node.name.lstrip("_").startswith("check_")]
    assert own_checks == [], f"{name}.py defines validators outside _validate.py: {own_checks}"
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "tempnb._validate" in imported


def test_boundary_constants_have_one_source():
    """The masked-logit value, the probability-sum tolerance and the rounding allowance are defined once."""
    assert _validate.MASKED_LOGIT == -math.inf
    names = ("MASKED_LOGIT", "PROBABILITY_SUM_TOLERANCE", "ROUNDING_ULPS")
    for info in pkgutil.walk_packages(tempnb.__path__, "tempnb."):
        module = importlib.import_module(info.name)
        source = Path(module.__file__).read_text(encoding="utf-8")
        tree = ast.parse(source)
        assigned = {target.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                    for target in node.targets if isinstance(target, ast.Name)}
        if info.name != "tempnb._validate":
            assert not assigned & set(names), f"{info.name} redefines {assigned & set(names)}"
    # The modules that apply these boundaries take them from _validate (the same objects).
    assert importlib.import_module("tempnb.sampling").MASKED_LOGIT is _validate.MASKED_LOGIT
