"""tempnb.distill: the distillation loss, its gradient, its limits and its errors."""

import decimal
import math
import warnings
from decimal import Decimal

import numpy as np
import pytest
import scipy.special
from hypothesis import given
from hypothesis import strategies as st

from helpers import central_differences
from tempnb import kl_divergence, log_softmax, softmax
from tempnb.distill import cross_entropy_loss, distillation_loss


def batch(seed=0, n=6, c=5, scale=3.0):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, c)) * scale, rng.normal(size=(n, c)) * scale, rng.integers(0, c, n)


@pytest.mark.parametrize("temperature", [0.5, 1.0, 2.0, 4.0, 20.0])
@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.9, 1.0])
def test_gradient_matches_finite_differences(temperature, alpha):
    s, t, y = batch()
    _, grad = distillation_loss(s, t, y, temperature, alpha)
    numeric = central_differences(lambda x: distillation_loss(x, t, y, temperature, alpha)[0], s.copy())
    np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-9)


def test_alpha_one_is_the_soft_term_alone():
    s, t, y = batch(1)
    T = 4.0
    expected = T * T * float(np.mean(kl_divergence(softmax(t, T), softmax(s, T))))
    loss, grad = distillation_loss(s, t, y, T, 1.0)
    assert loss == pytest.approx(expected, rel=1e-12)
    np.testing.assert_allclose(grad, T * (softmax(s, T) - softmax(t, T)) / len(s), rtol=1e-12)


def test_alpha_zero_is_cross_entropy_at_temperature_one():
    s, t, y = batch(2)
    loss, grad = distillation_loss(s, t, y, 7.0, 0.0)
    expected = -float(np.mean(scipy.special.log_softmax(s, axis=1)[np.arange(len(y)), y]))
    assert loss == pytest.approx(expected, rel=1e-12)
    ce_loss, ce_grad = cross_entropy_loss(s, y)
    assert loss == pytest.approx(ce_loss, rel=1e-12)
    np.testing.assert_allclose(grad, ce_grad)


@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(2, 12), st.floats(1e-3, 1e3))
def test_cross_entropy_is_bit_for_bit_the_public_softmax(seed, n, c, scale):
    # cross_entropy_loss shares one exp per row between its loss and gradient instead of calling
    # log_softmax and softmax; the operations are the same, so the results must be identical.
    rng = np.random.default_rng(seed)
    z, y = rng.normal(size=(n, c)) * scale, rng.integers(0, c, n)
    rows = np.arange(n)
    expected_grad = softmax(z)
    expected_grad[rows, y] -= 1.0
    expected_grad /= n
    loss, grad = cross_entropy_loss(z, y)
    assert loss == -float(np.mean(log_softmax(z)[rows, y]))
    np.testing.assert_array_equal(grad, expected_grad)


@given(st.integers(0, 2**32 - 1), st.integers(1, 40), st.integers(2, 12), st.sampled_from([0.5, 1.0, 2.0, 3.0]))
def test_soft_gradient_is_bit_for_bit_the_public_log_softmax(seed, n, c, T):
    # Where the logit gaps are large compared with T, the soft term's gradient is T (q − p) written
    # directly; the loss builds q and p from the same operations as tempnb.log_softmax, so the
    # gradient must equal the one formed from the public function exactly.
    rng = np.random.default_rng(seed)
    s, t, y = rng.normal(size=(n, c)) * 50, rng.normal(size=(n, c)) * 50, rng.integers(0, c, n)
    # In every row the teacher puts class 0 far above the rest and the student far below: gaps of
    # 20 T or more between t − s entries, so the direct formulas apply to every row.
    t[:, 0] = t.max(axis=1) + 10 * T
    s[:, 0] = s.min(axis=1) - 10 * T
    _, hard_grad = cross_entropy_loss(s, y)
    _, grad = distillation_loss(s, t, y, T, 1.0)
    soft_grad = T * (np.exp(log_softmax(s, T)) - np.exp(log_softmax(t, T)))
    np.testing.assert_array_equal(grad, (1.0 / n) * soft_grad + 0.0 * hard_grad)


def test_mixture_is_the_weighted_sum():
    s, t, y = batch(3)
    soft, soft_grad = distillation_loss(s, t, y, 3.0, 1.0)
    hard, hard_grad = distillation_loss(s, t, y, 3.0, 0.0)
    mixed, mixed_grad = distillation_loss(s, t, y, 3.0, 0.25)
    assert mixed == pytest.approx(0.25 * soft + 0.75 * hard, rel=1e-12)
    np.testing.assert_allclose(mixed_grad, 0.25 * soft_grad + 0.75 * hard_grad, rtol=1e-12, atol=1e-15)


def test_student_equal_to_teacher_has_zero_soft_loss():
    s, _, y = batch(4)
    loss, grad = distillation_loss(s, s.copy(), y, 5.0, 1.0)
    assert abs(loss) < 1e-12
    assert np.max(np.abs(grad)) < 1e-15


def test_high_temperature_limit_is_logit_matching():
    s, t, y = batch(5, n=1)
    s -= s.mean()
    t -= t.mean()
    limit = (s - t) / s.shape[1]
    errors = []
    for T in (1e2, 1e3, 1e4):
        _, grad = distillation_loss(s, t, y, T, 1.0)  # = T (q - p) / N for one example
        errors.append(np.max(np.abs(grad - limit)))
    assert errors[0] > errors[1] > errors[2]
    assert errors[2] < 1e-3 * np.max(np.abs(limit))


@given(st.floats(0.1, 50.0), st.floats(0.0, 1.0), st.integers(0, 10_000))
def test_loss_is_finite_and_non_negative(temperature, alpha, seed):
    s, t, y = batch(seed, scale=30.0)
    loss, grad = distillation_loss(s, t, y, temperature, alpha)
    assert math.isfinite(loss) and loss >= -1e-12
    assert np.all(np.isfinite(grad))


def test_extreme_teacher_logits_give_finite_loss():
    s = np.zeros((1, 3))
    t = np.array([[1e4, -1e4, 0.0]])
    loss, grad = distillation_loss(s, t, [0], 1.0, 1.0)
    assert math.isfinite(loss) and np.all(np.isfinite(grad))


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"teacher_logits": np.zeros((6, 4))}, ValueError, ["same shape", "(6, 5)", "(6, 4)"]),
        ({"labels": np.array([0, 1, 2, 3, 4, 5])}, ValueError, ["`labels`", "[0, 4]", "5"]),
        ({"labels": np.array([0, 1, -1, 3, 4, 0])}, ValueError, ["`labels`", "-1"]),
        ({"labels": np.zeros(5, dtype=int)}, ValueError, ["`labels`", "(6,)", "(5,)"]),
        ({"labels": np.zeros(6)}, TypeError, ["`labels`", "integer"]),
        ({"temperature": 0.0}, ValueError, ["`temperature`", "(0, inf)", "0.0"]),
        ({"temperature": -2.0}, ValueError, ["`temperature`", "-2.0"]),
        ({"temperature": math.inf}, ValueError, ["`temperature`", "(0, inf)", "inf"]),
        ({"temperature": "hot"}, TypeError, ["`temperature`", "'hot'"]),
        ({"alpha": None}, TypeError, ["`alpha`", "None"]),
        ({"labels": [0, 1, 2, 3, 4]}, ValueError, ["`labels`", "(6,)", "(5,)"]),
        ({"labels": np.array([0, 1, 2, 3, 4, 5], dtype=np.uint8)}, ValueError, ["`labels`", "[0, 4]", "5"]),
        ({"student_logits": np.zeros((0, 5)), "teacher_logits": np.zeros((0, 5)), "labels": np.zeros(0, int)},
         ValueError, ["`student_logits`", "at least one example", "(0, 5)"]),
        ({"student_logits": np.zeros((6, 1)), "teacher_logits": np.zeros((6, 1))}, ValueError,
         ["`student_logits`", "2 classes", "(6, 1)"]),
        ({"teacher_logits": np.full((6, 5), np.inf)}, ValueError, ["`teacher_logits`", "finite"]),
        ({"teacher_logits": np.ma.masked_array(np.zeros((6, 5)), mask=True)}, TypeError,
         ["`teacher_logits`", "masked"]),
        ({"temperature": math.nan}, ValueError, ["`temperature`", "nan"]),
        ({"alpha": 1.5}, ValueError, ["`alpha`", "[0, 1]", "1.5"]),
        ({"alpha": -0.1}, ValueError, ["`alpha`", "-0.1"]),
        ({"student_logits": np.zeros(5)}, ValueError, ["`student_logits`", "2-D", "(5,)"]),
        ({"student_logits": np.full((6, 5), np.nan)}, ValueError, ["`student_logits`", "finite"]),
    ],
)
def test_bad_input(kwargs, error, words):
    s, t, y = batch()
    arguments = {"student_logits": s, "teacher_logits": t, "labels": y, "temperature": 2.0, "alpha": 0.5}
    arguments.update(kwargs)
    with pytest.raises(error) as info:
        distillation_loss(**arguments)
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


def test_cross_entropy_bad_input():
    with pytest.raises(ValueError, match="`logits`.*at least one example"):
        cross_entropy_loss(np.zeros((0, 3)), np.zeros(0, dtype=int))
    with pytest.raises(ValueError, match=r"`labels` must be in \[0, 2\]; got 3"):
        cross_entropy_loss(np.zeros((1, 3)), [3])


# ---------------------------------------------------------------- very high temperatures


def soft_term_reference(s, t, temperature):
    """T² · mean KL(softmax(t/T) ‖ softmax(s/T)) and T (q − p) / N, in decimal arithmetic.

    The working precision grows with T (the log-ratios are of size 1/T and KL of size 1/T²), so
    the result is correct to far more than float64's 16 digits for every T tested.
    """
    T = Decimal(repr(float(temperature)))
    digits = 40 + 2 * max(0, int(math.log10(float(temperature))))
    with decimal.localcontext() as context:
        context.prec = digits
        total, grads = Decimal(0), []
        for s_row, t_row in zip(s, t):
            a = [Decimal(repr(float(v))) / T for v in t_row]
            b = [Decimal(repr(float(v))) / T for v in s_row]
            ea = [(x - max(a)).exp() for x in a]
            eb = [(x - max(b)).exp() for x in b]
            p = [x / sum(ea) for x in ea]
            q = [x / sum(eb) for x in eb]
            total += sum(pi * (pi.ln() - qi.ln()) for pi, qi in zip(p, q))
            grads.append([float(T * (qi - pi) / len(s)) for pi, qi in zip(p, q)])
        return float(T * T * total / len(s)), np.array(grads)


@pytest.mark.parametrize("temperature", [0.01, 1.0, 10.0, 1e3, 1e5, 1e8, 1e10, 1e15, 1e50, 1e200, 1e300])
def test_soft_term_is_accurate_at_any_temperature(temperature):
    # The direct formula T² · sum p (log p − log q) lost about (T / gap)² · eps of relative accuracy:
    # negative at T = 1e10, NaN at T = 1e200 (T² overflowed).
    s, t, y = batch(9, n=3, c=4)
    expected_loss, expected_grad = soft_term_reference(s, t, temperature)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss, grad = distillation_loss(s, t, y, temperature, 1.0)
    assert loss == pytest.approx(expected_loss, rel=1e-13)
    np.testing.assert_allclose(grad, expected_grad, rtol=1e-12, atol=1e-15 * np.abs(expected_grad).max())


def test_high_temperature_limit_is_half_the_variance_of_the_logit_gaps():
    # As T -> inf, T² KL(p ‖ q) -> (1/2) Var_uniform(t − s) per example (second-order expansion of KL
    # around the uniform distribution), and T (q − p) -> ((s − t) − mean(s − t)) / C.
    s, t, y = batch(10, n=2, c=5)
    gaps = t - s
    limit = float(np.mean(0.5 * np.var(gaps, axis=1)))
    loss, grad = distillation_loss(s, t, y, 1e200, 1.0)
    assert loss == pytest.approx(limit, rel=1e-14)
    np.testing.assert_allclose(grad, -(gaps - gaps.mean(axis=1, keepdims=True)) / 5 / 2, rtol=1e-13)


@pytest.mark.parametrize("temperature", [0.3, 1.0, 4.0])
def test_soft_term_of_a_batch_is_its_rows_computed_alone(temperature):
    # The soft term computes its two formulas only on the rows that use each (rows whose logit
    # gaps are small compared with T, and the others): a batch mixing both kinds must give, bit
    # for bit, what each row gives on its own.
    from tempnb.distill import _shifted, _soft_term

    s, t, _ = batch(11, n=40, c=10, scale=3.0)
    s[::3] *= 0.01  # some rows with small gaps, so that the batch mixes both kinds at every T here
    t[::3] *= 0.01
    soft, grad = _soft_term(s, _shifted(s), t, temperature)
    rows = [_soft_term(s[i:i + 1], _shifted(s[i:i + 1]), t[i:i + 1], temperature) for i in range(len(s))]
    assert np.array_equal(soft, np.concatenate([row[0] for row in rows]))
    assert np.array_equal(grad, np.concatenate([row[1] for row in rows]))
