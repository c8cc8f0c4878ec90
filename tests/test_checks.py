"""The exercise checks: a pass line for right answers, a specific hint for each typical mistake."""

import math

import numpy as np
import pytest

from helpers import central_differences  # the tests' own finite differences, as a right answer
from tempnb import checks, validate_probs


def outcome(capsys, check, answer) -> str:
    assert check(answer) is None  # so a check at the end of a cell prints only its line
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1, printed
    return printed


def passes(capsys, check, answer) -> bool:
    printed = outcome(capsys, check, answer)
    assert printed.startswith((checks.PASS, checks.HINT)), printed
    return printed.startswith(checks.PASS)


def validated(p):
    try:
        validate_probs(p)
    except ValueError:
        return False
    return True


def test_valid_distribution_check(capsys):
    assert passes(capsys, checks.check_is_valid_distribution, validated)
    exact_sum = lambda p: all(0 <= x <= 1 for x in p) and sum(p) == 1  # noqa: E731
    assert "tolerance" in outcome(capsys, checks.check_is_valid_distribution, exact_sum)
    sum_only = lambda p: math.isclose(sum(p), 1.0)  # noqa: E731
    assert "negative" in outcome(capsys, checks.check_is_valid_distribution, sum_only)
    assert "returned None" in outcome(capsys, checks.check_is_valid_distribution, lambda p: None)
    assert "raised ZeroDivisionError" in outcome(capsys, checks.check_is_valid_distribution, lambda p: 1 / 0)


def test_uniform_entropy_check(capsys):
    assert passes(capsys, checks.check_uniform_entropy, float(np.log(4)))
    assert passes(capsys, checks.check_uniform_entropy, np.float64(np.log(4)))
    assert "bits" in outcome(capsys, checks.check_uniform_entropy, 2.0)
    assert "sign" in outcome(capsys, checks.check_uniform_entropy, -math.log(4))
    assert "single number" in outcome(capsys, checks.check_uniform_entropy, None)
    assert not passes(capsys, checks.check_uniform_entropy, 1.0)


@pytest.mark.parametrize(("answer", "ok"), [(0.5, True), (0.5004, True), (0.53, False), (0.75, False)])
def test_most_uncertain_p_check(capsys, answer, ok):
    assert passes(capsys, checks.check_most_uncertain_p, answer) is ok


def test_log_odds_check(capsys):
    assert passes(capsys, checks.check_probability_from_log_odds, 1 / (1 + math.exp(-2)))
    assert "odds" in outcome(capsys, checks.check_probability_from_log_odds, math.exp(2))
    assert "sign" in outcome(capsys, checks.check_probability_from_log_odds, 1 / (1 + math.exp(2)))


def test_first_zero_logits_check(capsys):
    log_p = np.log([0.1, 0.2, 0.7])
    assert passes(capsys, checks.check_logits_with_first_zero, log_p - log_p[0])
    assert "subtract" in outcome(capsys, checks.check_logits_with_first_zero, log_p)
    assert "np.log first" in outcome(capsys, checks.check_logits_with_first_zero, [0.0, 0.1, 0.6])


def test_stable_sigmoid_check(capsys):
    import scipy.special

    assert passes(capsys, checks.check_stable_sigmoid, scipy.special.expit)
    assert "overflow" in outcome(capsys, checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-x)))
    assert not passes(capsys, checks.check_stable_sigmoid, lambda x: np.tanh(x))


def test_softmax_checks(capsys):
    import scipy.special

    assert passes(capsys, checks.check_stable_softmax, lambda z: scipy.special.softmax(z))
    naive = lambda z: np.exp(z) / np.exp(z).sum()  # noqa: E731
    assert "Subtract the maximum" in outcome(capsys, checks.check_stable_softmax, naive)
    assert not passes(capsys, checks.check_stable_softmax, lambda z: z / z.sum())

    assert passes(capsys, checks.check_logsumexp, lambda z: float(scipy.special.logsumexp(z)))
    naive_lse = lambda z: float(np.log(np.sum(np.exp(z))))  # noqa: E731
    assert "max" in outcome(capsys, checks.check_logsumexp, naive_lse)

    assert passes(capsys, checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1))
    global_norm = lambda x: np.exp(x - x.max()) / np.exp(x - x.max()).sum()  # noqa: E731
    assert "keepdims" in outcome(capsys, checks.check_batch_softmax, global_norm)
    assert "shape" in outcome(capsys, checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1)[:, 0])


def test_temperature_checks(capsys):
    from tempnb import softmax

    assert passes(capsys, checks.check_tempered_softmax, lambda z, T: softmax(z, T))
    naive = lambda z, T: np.exp(z / T) / np.exp(z / T).sum()  # noqa: E731
    assert "overflow" in outcome(capsys, checks.check_tempered_softmax, naive)
    assert "multiplied" in outcome(capsys, checks.check_tempered_softmax, lambda z, T: softmax(z * T))

    assert passes(capsys, checks.check_odds_temperature, 1 / 3)
    assert "shrink" in outcome(capsys, checks.check_odds_temperature, 3)
    assert not passes(capsys, checks.check_odds_temperature, 0.5)

    assert passes(capsys, checks.check_half_temperature, 10 / math.log((1 + math.sqrt(5)) / 2))
    assert "brentq" in outcome(capsys, checks.check_half_temperature, 10.0)
    assert "tolerance" in outcome(capsys, checks.check_half_temperature, 20.79)


def test_distillation_checks(capsys):
    from tempnb import log_softmax, softmax

    def soft(s, t, T):
        p = softmax(t, T, axis=1)
        return T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)))

    assert passes(capsys, checks.check_soft_loss, soft)
    assert "T²" in outcome(capsys, checks.check_soft_loss, lambda s, t, T: soft(s, t, T) / (T * T))
    assert "mean" in outcome(capsys, checks.check_soft_loss, lambda s, t, T: soft(s, t, T) * len(s))

    def forward(f, x, h=1e-5):
        g = np.zeros_like(x)
        base = f(x)
        for i in np.ndindex(x.shape):
            old = x[i]
            x[i] = old + h
            g[i] = (f(x) - base) / h
            x[i] = old
        return g


    assert passes(capsys, checks.check_numerical_gradient, central_differences)
    assert "central" in outcome(capsys, checks.check_numerical_gradient, forward)

    z, v = np.array([1.0, 0.0, -1.0]), np.array([2.0, 0.0, -2.0])
    assert passes(capsys, checks.check_logit_matching, (z - v) / 3)
    assert "sign" in outcome(capsys, checks.check_logit_matching, (v - z) / 3)
    assert "divide by N" in outcome(capsys, checks.check_logit_matching, z - v)


def test_sampling_checks(capsys):
    from tempnb import softmax
    from tempnb.sampling import top_k

    def inverse_cdf(z, rng):
        cdf = np.cumsum(softmax(z))
        return int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))

    assert passes(capsys, checks.check_inverse_cdf_sampler, inverse_cdf)
    uniform = lambda z, rng: int(rng.choice([0, 2, 3, 4]))  # noqa: E731
    assert "do not match" in outcome(capsys, checks.check_inverse_cdf_sampler, uniform)
    assert "masked" in outcome(capsys, checks.check_inverse_cdf_sampler, lambda z, rng: int(rng.integers(0, 5)))

    def gumbel(z, rng, T):
        return int(np.argmax(z / T + rng.gumbel(size=z.size)))

    assert passes(capsys, checks.check_gumbel_sampler, gumbel)
    no_temperature = lambda z, rng, T: int(np.argmax(z + rng.gumbel(size=z.size)))  # noqa: E731
    assert "do not match" in outcome(capsys, checks.check_gumbel_sampler, no_temperature)

    assert passes(capsys, checks.check_top_k, lambda z, k: top_k(z, k))

    def strict_top_k(z, k):
        out = np.full_like(z, -np.inf)
        keep = np.argsort(-z, kind="stable")[:k]
        out[keep] = z[keep]
        return out

    assert "k-th largest is kept" in outcome(capsys, checks.check_top_k, strict_top_k)
