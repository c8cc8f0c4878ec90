"""Unit and property tests for tempnb.core."""

import math
import warnings

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tempnb import (
    apply_temperature,
    entropy,
    kl_divergence,
    log_softmax,
    logits_from_probs,
    softmax,
    validate_probs,
)

# ---------------------------------------------------------------- known values

HALF_LOGITS = [-1.3862943611198906, -0.2876820724517809]

# As numpy prints them with its default options: the well-known table.
ANCHOR_TABLE = {
    1: "[2.06106005e-09 4.53978686e-05 9.99954600e-01]",
    10: "[0.09003057 0.24472847 0.66524096]",
    20: "[0.18632372 0.30719589 0.50648039]",
    30: "[0.23023722 0.32132192 0.44844086]",
    100: "[0.30060961 0.33222499 0.3671654 ]",
}


def test_log_of_the_two_outcome_example():
    assert logits_from_probs([0.25, 0.75]).tolist() == HALF_LOGITS
    assert np.log([0.25, 0.75]).tolist() == HALF_LOGITS


def test_temperature_half_turns_quarter_three_quarters_into_tenth_nine_tenths():
    result = softmax(np.log([0.25, 0.75]) / 0.5)
    np.testing.assert_allclose(result, [0.1, 0.9], rtol=1e-15)
    np.testing.assert_allclose(softmax(np.log([0.25, 0.75]), 0.5), [0.1, 0.9], rtol=1e-15)


def test_temperature_five_on_the_two_outcome_example():
    np.testing.assert_allclose(
        softmax(np.log([0.25, 0.75]), 5), [0.44528931866219296, 0.5547106813378071], rtol=1e-15
    )


@pytest.mark.parametrize("temperature", sorted(ANCHOR_TABLE))
def test_anchor_table(temperature):
    probs = softmax([10, 20, 30], temperature)
    with np.printoptions(legacy=False):
        assert np.array2string(probs) == ANCHOR_TABLE[temperature]
    expected = [float(v) for v in ANCHOR_TABLE[temperature].strip("[]").split()]
    np.testing.assert_allclose(probs, expected, rtol=1e-7)


def test_naive_overflow_case_is_fine():
    np.testing.assert_allclose(softmax([1000, 1001]), scipy.special.softmax([0.0, 1.0]))


def test_limits_and_masking():
    assert softmax([1.0, 3.0, 2.0], 0).tolist() == [0.0, 1.0, 0.0]
    assert softmax([3.0, 1.0, 3.0], 0).tolist() == [0.5, 0.0, 0.5]
    assert softmax([1.0, -np.inf, 7.0, 2.0], np.inf).tolist() == [1 / 3, 0.0, 1 / 3, 1 / 3]
    assert softmax([0.0, -np.inf]).tolist() == [1.0, 0.0]
    assert softmax([np.inf, 5.0, np.inf], 2.0).tolist() == [0.5, 0.0, 0.5]
    assert softmax([np.inf, 5.0], np.inf).tolist() == [1.0, 0.0]
    assert log_softmax([np.inf, 5.0, np.inf]).tolist() == pytest.approx([-math.log(2), -np.inf, -math.log(2)])
    assert log_softmax([0.0, -np.inf]).tolist() == [0.0, -np.inf]


def test_mixed_batch_of_finite_and_infinite_rows():
    batch = np.array([[np.inf, 1.0, 2.0], [1.0, 2.0, 3.0]])
    expected = np.vstack([[1.0, 0.0, 0.0], scipy.special.softmax([0.5, 1.0, 1.5])])
    np.testing.assert_allclose(softmax(batch, 2.0), expected)
    with np.errstate(divide="ignore"):
        expected_log = np.log(expected)
    np.testing.assert_allclose(log_softmax(batch, 2.0), expected_log)


@pytest.mark.parametrize("temperature", [1e-8, 1e-3, 1.0, 1e3, 1e8])
@pytest.mark.parametrize("scale", [1.0, 1e150, 1e300])
def test_extreme_logits_and_temperatures_stay_finite(temperature, scale):
    logits = np.array([-1.0, 0.0, 0.5, 1.0]) * scale
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        probs = softmax(logits, temperature)
        log_probs = log_softmax(logits, temperature)
    assert not np.isnan(probs).any() and not np.isnan(log_probs).any()
    assert math.isclose(probs.sum(), 1.0, rel_tol=1e-12)
    assert probs.argmax() == 3
    assert log_probs[3] == log_probs.max()


def test_dtypes_and_array_likes():
    assert softmax([1, 2, 3]).dtype == np.float64
    assert softmax(np.array([1, 2], dtype=np.float32)).dtype == np.float32
    assert softmax(np.array([1, 2], dtype=np.float16)).dtype == np.float32
    assert softmax((1, 2)).shape == (2,)
    np.testing.assert_allclose(
        softmax(np.float32([1, 2, 3])), scipy.special.softmax([1.0, 2.0, 3.0]), rtol=1e-6
    )


def test_axis_on_a_three_dimensional_array():
    rng = np.random.default_rng(7)
    logits = rng.normal(size=(3, 4, 5))
    for axis in range(-3, 3):
        np.testing.assert_allclose(
            softmax(logits, 0.7, axis=axis), scipy.special.softmax(logits / 0.7, axis=axis)
        )
        np.testing.assert_allclose(
            log_softmax(logits, 0.7, axis=axis), scipy.special.log_softmax(logits / 0.7, axis=axis)
        )


def test_apply_temperature_examples():
    np.testing.assert_allclose(apply_temperature([0.25, 0.75], 0.5), [0.1, 0.9], rtol=1e-15)
    assert apply_temperature([0.25, 0.75], 0).tolist() == [0.0, 1.0]
    assert apply_temperature([0.0, 0.25, 0.75], np.inf).tolist() == [0.0, 0.5, 0.5]
    assert apply_temperature([0.25, 0.75], 1e-8).tolist() == [0.0, 1.0]


def test_entropy_and_kl_known_values():
    assert float(entropy([0.5, 0.5])) == pytest.approx(math.log(2))
    assert float(entropy([0.25, 0.75])) == pytest.approx(-(0.25 * math.log(0.25) + 0.75 * math.log(0.75)))
    assert float(entropy([1.0, 0.0, 0.0])) == 0.0
    assert float(kl_divergence([0.5, 0.5], [0.5, 0.5])) == 0.0
    assert float(kl_divergence([0.5, 0.5], [0.0, 1.0])) == math.inf
    assert float(kl_divergence([0.0, 1.0], [0.5, 0.5])) == pytest.approx(math.log(2))
    np.testing.assert_allclose(entropy([[0.5, 0.5], [1.0, 0.0]]), [math.log(2), 0.0])


def test_logits_from_probs_masks_zeros_without_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logits_from_probs([0.0, 1.0]).tolist() == [-np.inf, 0.0]


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: softmax([1.0, np.nan]), ValueError, ["`logits`", "NaN"]),
        (lambda: softmax([]), ValueError, ["`logits`", "at least one entry", "(0,)"]),
        (lambda: softmax(np.empty((2, 0))), ValueError, ["`logits`", "(2, 0)"]),
        (lambda: softmax([-np.inf, -np.inf]), ValueError, ["`logits`", "-inf"]),
        (lambda: softmax([[0.0, 1.0], [-np.inf, -np.inf]]), ValueError, ["every logit is -inf"]),
        (lambda: softmax(["a", "b"]), TypeError, ["`logits`", "real numbers", "<U1"]),
        (lambda: softmax([1 + 2j]), TypeError, ["`logits`", "complex"]),
        (lambda: softmax(3.0), ValueError, ["`logits`", "at least one dimension", "3.0"]),
        (lambda: softmax([1.0, 2.0], -1), ValueError, ["`temperature`", "[0, inf]", "-1.0"]),
        (lambda: softmax([1.0, 2.0], np.nan), ValueError, ["`temperature`", "[0, inf]", "nan"]),
        (lambda: softmax([1.0, 2.0], "hot"), TypeError, ["`temperature`", "'hot'"]),
        (lambda: softmax([1.0, 2.0], axis=1), ValueError, ["`axis`", "[-1, 0]", "got 1"]),
        (lambda: softmax([1.0, 2.0], axis=0.5), TypeError, ["`axis`", "0.5"]),
        (lambda: log_softmax([np.nan]), ValueError, ["`logits`", "NaN"]),
        (lambda: logits_from_probs([0.5, 0.6]), ValueError, ["`probs`", "sum to 1", "1.1"]),
        (lambda: logits_from_probs([-0.5, 1.5]), ValueError, ["`probs`", "[0, 1]", "-0.5"]),
        (lambda: logits_from_probs([np.nan, 1.0]), ValueError, ["`probs`", "NaN"]),
        (lambda: apply_temperature([0.5, 0.5], -2), ValueError, ["`temperature`", "-2.0"]),
        (lambda: apply_temperature([0.5, 0.7], 1.0), ValueError, ["`probs`", "sum to 1"]),
        (lambda: entropy([]), ValueError, ["`probs`", "at least one entry"]),
        (lambda: kl_divergence([0.5, 0.5], [1.0]), ValueError, ["`p` and `q`", "(2,)", "(1,)"]),
        (lambda: kl_divergence([0.5, 0.5], [0.9, 0.2]), ValueError, ["`q`", "sum to 1"]),
        # Different numbers of dimensions: the axis of one does not exist in the other (was an AxisError).
        (lambda: kl_divergence(np.full((2, 3), 1 / 3), np.full(3, 1 / 3), axis=1), ValueError,
         ["`p` and `q`", "(2, 3)", "(3,)"]),
        (lambda: kl_divergence(np.full((2, 3), 1 / 3), np.full((3, 2), 0.5)), ValueError, ["(2, 3)", "(3, 2)"]),
        (lambda: kl_divergence([0.5, 0.5], "ab"), TypeError, ["`q`", "real numbers"]),
        (lambda: entropy(np.empty((3, 0))), ValueError, ["`probs`", "(3, 0)"]),
        (lambda: entropy([0.5, 0.5], axis=1), ValueError, ["`axis`", "got 1"]),
        (lambda: entropy([[0.5, 0.6]]), ValueError, ["`probs`", "sum to 1"]),
        (lambda: logits_from_probs(np.empty((0, 3)), axis=0), ValueError, ["`probs`", "(0, 3)"]),
        (lambda: apply_temperature([0.5, 0.5], "x"), TypeError, ["`temperature`", "'x'"]),
        (lambda: apply_temperature([0.5, 0.5], None), TypeError, ["`temperature`", "None"]),
        (lambda: log_softmax([1.0, 2.0], -0.5), ValueError, ["`temperature`", "-0.5"]),
        (lambda: log_softmax([[1.0], [2.0]], axis=2), ValueError, ["`axis`", "got 2"]),
        (lambda: log_softmax([None, 1.0]), TypeError, ["`logits`", "object"]),
        (lambda: validate_probs([[0.5, 0.5], [1.0]]), ValueError, ["`probs`", "rectangular"]),
        (lambda: validate_probs([0.5, 0.5], axis="0"), TypeError, ["`axis`", "'0'"]),
    ],
)
def test_bad_input_is_named_with_its_range_and_value(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


def test_probability_sums_are_checked_to_rounding_not_to_a_multiple_of_the_length():
    # Honest float32 softmax outputs of a million entries miss 1 by about 1e-7 (scipy's and ours);
    # a vector missing it by 0.4 was accepted when the allowance grew like 4 * n * eps (0.48 here).
    logits = np.random.default_rng(0).normal(0.0, 2.0, size=1_000_000).astype(np.float32)
    for probs in (softmax(logits), scipy.special.softmax(logits)):
        assert validate_probs(probs).dtype == np.float32
    with pytest.raises(ValueError, match="`probs` must sum to 1"):
        validate_probs(softmax(logits) * np.float32(0.6))
    with pytest.raises(ValueError, match="`probs` must sum to 1"):
        entropy(np.full(50_257, 0.99 / 50_257, dtype=np.float32))


# ---------------------------------------------------------------- empty batches


@pytest.mark.parametrize(
    ("call", "shape"),
    [
        (lambda x: softmax(x), (0, 4)),
        (lambda x: softmax(x, 0), (0, 4)),
        (lambda x: softmax(x, np.inf), (0, 4)),
        (lambda x: log_softmax(x, 0.5), (0, 4)),
        (lambda x: log_softmax(x, 0), (0, 4)),
        (lambda x: logits_from_probs(x), (0, 4)),
        (lambda x: apply_temperature(x, 2.0), (0, 4)),
        (lambda x: apply_temperature(x, 0), (0, 4)),
        (lambda x: validate_probs(x), (0, 4)),
        (lambda x: entropy(x), (0,)),
        (lambda x: kl_divergence(x, x), (0,)),
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_empty_batches_give_empty_results_without_warnings(call, shape, dtype):
    # A batch with no rows is valid (nothing to compute); numpy's reductions used to fail on it
    # with "zero-size array to reduction operation minimum".
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = call(np.empty((0, 4), dtype=dtype))
    assert result.shape == shape


# ---------------------------------------------------------------- properties

finite_logits = hnp.arrays(
    np.float64,
    st.integers(1, 12),
    elements=st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
)
moderate_logits = hnp.arrays(
    np.float64, st.integers(1, 12), elements=st.floats(-50, 50, allow_nan=False)
)
batches = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=6),
    elements=st.floats(-100, 100, allow_nan=False),
)
temperatures = st.floats(1e-8, 1e8, allow_nan=False)
moderate_temperatures = st.floats(0.05, 20.0)


@given(finite_logits, temperatures)
def test_sums_to_one_without_nan_or_warnings(logits, temperature):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        probs = softmax(logits, temperature)
        log_probs = log_softmax(logits, temperature)
    assert np.all((probs >= 0) & (probs <= 1))
    assert math.isclose(probs.sum(), 1.0, rel_tol=1e-12)
    assert not np.isnan(log_probs).any()
    assert np.all(log_probs <= 0)


@given(moderate_logits, moderate_temperatures, st.floats(-1e3, 1e3))
def test_adding_a_constant_changes_nothing(logits, temperature, shift):
    np.testing.assert_allclose(
        softmax(logits + shift, temperature), softmax(logits, temperature), atol=1e-9
    )


@given(moderate_logits)
def test_low_temperature_tends_to_argmax_and_zero_is_the_limit(logits):
    limit = softmax(logits, 0)
    top = logits == logits.max()
    np.testing.assert_allclose(limit, top / top.sum())
    gaps = logits.max() - logits[~top]
    assume(gaps.size == 0 or gaps.min() > 1e-3)
    np.testing.assert_allclose(softmax(logits, 1e-6), limit, atol=1e-12)


@given(moderate_logits)
def test_high_temperature_tends_to_uniform_and_inf_is_the_limit(logits):
    uniform = np.full(logits.shape, 1 / logits.size)
    assert np.allclose(softmax(logits, np.inf), uniform, rtol=0, atol=1e-15)
    np.testing.assert_allclose(softmax(logits, 1e9), uniform, atol=1e-6)


@given(moderate_logits, st.floats(0.05, 50.0), st.floats(0.05, 50.0))
def test_entropy_never_falls_as_temperature_rises(logits, t1, t2):
    low, high = sorted((t1, t2))
    assert float(entropy(softmax(logits, low))) <= float(entropy(softmax(logits, high))) + 1e-9


@given(moderate_logits, moderate_temperatures)
def test_apply_temperature_to_softmax_equals_softmax_at_that_temperature(logits, temperature):
    np.testing.assert_allclose(
        apply_temperature(softmax(logits), temperature), softmax(logits, temperature),
        rtol=1e-9, atol=1e-300,
    )


@given(moderate_logits, moderate_temperatures)
def test_apply_temperature_matches_softmax_of_log_probs(logits, temperature):
    probs = softmax(logits)
    np.testing.assert_allclose(
        apply_temperature(probs, temperature),
        softmax(logits_from_probs(probs), temperature),
        rtol=1e-9, atol=1e-300,
    )


@given(batches, moderate_temperatures, st.data())
def test_agrees_with_scipy(logits, temperature, data):
    axis = data.draw(st.integers(-logits.ndim, logits.ndim - 1))
    np.testing.assert_allclose(
        softmax(logits, temperature, axis=axis),
        scipy.special.softmax(logits / temperature, axis=axis),
        rtol=1e-10, atol=1e-300,
    )
    np.testing.assert_allclose(
        log_softmax(logits, temperature, axis=axis),
        scipy.special.log_softmax(logits / temperature, axis=axis),
        rtol=1e-10, atol=1e-12,
    )


@given(moderate_logits, moderate_temperatures)
def test_log_softmax_is_log_of_softmax(logits, temperature):
    np.testing.assert_allclose(
        np.exp(log_softmax(logits, temperature)), softmax(logits, temperature), rtol=1e-12, atol=1e-300
    )


@given(st.integers(1, 12).flatmap(lambda n: st.tuples(*[hnp.arrays(np.float64, n, elements=st.floats(-50, 50))] * 2)))
def test_kl_is_non_negative_and_zero_on_itself(pair):
    a, b = pair
    p, q = softmax(a), softmax(b)
    assert float(kl_divergence(p, q)) >= -1e-12
    assert abs(float(kl_divergence(p, p))) <= 1e-12


@pytest.mark.parametrize("temperature", [1.0, 0.3, 7.0])
@pytest.mark.parametrize("shape", [(300, 1000), (3, 100, 500), (4_000, 65)])
def test_large_batches_agree_with_scipy(shape, temperature):
    x = np.random.default_rng(8).normal(scale=30.0, size=shape)
    expected = scipy.special.softmax(x / temperature, axis=-1)
    np.testing.assert_allclose(softmax(x, temperature), expected, rtol=1e-12, atol=1e-300)
    # The same values whatever the memory layout.
    np.testing.assert_allclose(softmax(np.asfortranarray(x), temperature), expected, rtol=1e-12, atol=1e-300)
    assert np.allclose(softmax(x, temperature).sum(axis=-1), 1.0, rtol=1e-13)
