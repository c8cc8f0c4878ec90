"""Self-checks for the exercises.

A learner calls ``check_<exercise>(answer)`` on their own answer. It prints one
line: a pass, or a specific hint about what is wrong. It never raises because
the answer is wrong (an answer that raises is reported as a hint too), so an
unfinished exercise never stops "Run All". The worked solutions sit at the end
of each notebook and are checked by the same functions in CI.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from collections.abc import Callable

import numpy as np

PASS = "✅"
HINT = "💡"


def report(ok: bool, success: str, hint: str) -> None:
    """Print the outcome of a check: one pass line, or one hint.

    Returns None on purpose, so a check as the last line of a cell shows only its message.
    """
    print(f"{PASS} {success}" if ok else f"{HINT} Not yet: {hint}")


def _call(function: Callable, *args):
    """Call a learner's function; return (result, problem), capturing warnings and prints."""
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            try:
                result = function(*args)
            except Exception as exc:  # the learner's code may fail in any way
                return None, f"it raised {type(exc).__name__}: {exc}"
    if caught:
        first = caught[0]
        return result, f"it emitted a {first.category.__name__}: {first.message}"
    return result, None


def _close(actual: object, expected: object, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return False
    b = np.asarray(expected, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=False))


def _number(value: object) -> float | None:
    try:
        number = float(np.asarray(value).item()) if np.ndim(value) == 0 else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and not math.isnan(number) else None


# ---------------------------------------------------------------- 01-probabilities


def check_is_valid_distribution(is_valid_distribution: Callable) -> None:
    """Exercise 01.1: a function that says whether a vector is a probability distribution."""
    cases = [
        ([0.25, 0.75], True, "the course's two-outcome example"),
        ([1.0], True, "a single certain outcome"),
        ([0.1] * 10, True, "ten entries of 0.1, whose float sum is 0.9999999999999999"),
        ([0.0, 0.0, 1.0], True, "a vector with zeros in it"),
        ([0.5, 0.6], False, "[0.5, 0.6], which sums to 1.1"),
        ([-0.25, 1.25], False, "[-0.25, 1.25], which sums to 1 but has a negative entry"),
        ([float("nan"), 1.0], False, "a vector containing NaN"),
    ]
    for probs, expected, description in cases:
        answer, problem = _call(is_valid_distribution, probs)
        if problem:
            return report(False, "", f"on {description}, {problem}.")
        if answer is None or answer is Ellipsis:
            return report(False, "", "your function returned None; return True or False.")
        if bool(answer) != expected:
            extra = ""
            if description.startswith("ten entries"):
                extra = " Compare the sum with a tolerance (math.isclose or np.isclose), not with ==."
            elif "NaN" in description:
                extra = " Every comparison with NaN is False, so test for it explicitly (np.isnan)."
            elif "negative" in description:
                extra = " A sum of 1 is not enough: every entry must also lie in [0, 1]."
            return report(False, "", f"for {description} it returned {bool(answer)}; expected {expected}.{extra}")
    return report(True, "Your validity check agrees with tempnb.validate_probs on every test case.", "")


def check_uniform_entropy(value: object) -> None:
    """Exercise 01.2: the entropy of the uniform distribution over four outcomes, in nats."""
    expected = math.log(4)
    number = _number(value)
    if number is None:
        return report(False, "", f"expected a single number, got {value!r}.")
    if math.isclose(number, expected, rel_tol=1e-9):
        return report(True, f"H = log 4 = {expected:.4f} nats: four equally likely outcomes.", "")
    if math.isclose(number, 2.0, rel_tol=1e-9):
        return report(False, "", "2 is the entropy in bits (log base 2); the course uses nats (natural log).")
    if math.isclose(number, -expected, rel_tol=1e-9):
        return report(False, "", "the sign is flipped: entropy is minus the sum of p log p.")
    return report(False, "", f"got {number:.4g}; each outcome has p = 1/4, so compute -sum(p * log(p)).")


def check_most_uncertain_p(p: object) -> None:
    """Exercise 01.3: the p for which the binary distribution [1 - p, p] has the largest entropy."""
    number = _number(p)
    if number is None:
        return report(False, "", f"expected a single number, got {p!r}.")
    if abs(number - 0.5) <= 1e-3:
        return report(True, "p = 0.5: with both outcomes equally likely, entropy peaks at log 2.", "")
    if abs(number - 0.5) <= 0.05:
        return report(False, "", f"{number:.4g} is close; use a finer grid or scipy.optimize to pin it down.")
    return report(False, "", f"p = {number:.4g} is not the peak; look at the binary entropy curve above.")


# ---------------------------------------------------------------- 02-logits


def check_probability_from_log_odds(p: object) -> None:
    """Exercise 02.1: the probability whose log-odds are 2."""
    expected = 1 / (1 + math.exp(-2))
    number = _number(p)
    if number is None:
        return report(False, "", f"expected a single number, got {p!r}.")
    if math.isclose(number, expected, rel_tol=1e-9):
        return report(True, f"sigmoid(2) = {expected:.4f}: log-odds of 2 mean odds of e² ≈ 7.39 to 1.", "")
    if math.isclose(number, math.exp(2), rel_tol=1e-9):
        return report(False, "", "e² ≈ 7.39 are the odds p / (1 - p), not the probability; solve for p.")
    if math.isclose(number, 1 / (1 + math.exp(2)), rel_tol=1e-9):
        return report(False, "", "that is sigmoid(-2): the sign inside the exponent is flipped.")
    return report(False, "", f"got {number:.4g}; invert log(p / (1 - p)) = 2 for p (the sigmoid).")


def check_logits_with_first_zero(logits: object) -> None:
    """Exercise 02.2: logits for [0.1, 0.2, 0.7], shifted so that the first is 0."""
    expected = np.log([0.1, 0.2, 0.7]) - math.log(0.1)
    if logits is None:
        return report(False, "", "expected an array of three logits, got None.")
    if _close(logits, expected):
        return report(True, f"logits {np.round(expected, 4).tolist()}: the same distribution, first logit 0.", "")
    if _close(logits, np.log([0.1, 0.2, 0.7])):
        return report(False, "", "those are the log-probabilities; now subtract the first one from all three.")
    if _close(logits, [0.0, 0.1, 0.6]):
        return report(False, "", "you shifted the probabilities, not their logarithms: take np.log first.")
    return report(False, "", "compute np.log(p) and subtract its first entry from every entry.")


def check_stable_sigmoid(sigmoid: Callable) -> None:
    """Exercise 02.3: a sigmoid that gives 0 and 1 (not a warning) far out in the tails."""
    points = np.array([-1000.0, -40.0, -2.0, 0.0, 1.5, 40.0, 1000.0])
    import scipy.special

    expected = scipy.special.expit(points)
    answer, problem = _call(sigmoid, points)
    if problem:
        hint = " For x < 0 use exp(x) / (1 + exp(x)), which never overflows." if "overflow" in problem else ""
        return report(False, "", f"on {points.tolist()}, {problem}.{hint}")
    if answer is None:
        return report(False, "", "your function returned None; return an array.")
    if not _close(answer, expected, rtol=1e-12, atol=1e-300):
        return report(False, "", f"sigmoid({points.tolist()}) should be {np.round(expected, 6).tolist()}.")
    return report(True, "Your sigmoid is correct and silent in both tails.", "")


# ---------------------------------------------------------------- 03-softmax

_SOFTMAX_CASES = [
    ([-1.3862943611198906, -0.2876820724517809], "the logits of [0.25, 0.75]"),
    ([1000.0, 1001.0], "[1000, 1001]"),
    ([-1000.0, -1001.0, -1002.0], "[-1000, -1001, -1002]"),
    ([0.0, -np.inf, 1.0], "[0, -inf, 1] (the -inf entry is masked)"),
    ([5.0], "a single logit"),
]


def check_stable_softmax(softmax_1d: Callable) -> None:
    """Exercise 03.1: a numerically stable softmax of one vector of logits."""
    import scipy.special

    for logits, description in _SOFTMAX_CASES:
        answer, problem = _call(softmax_1d, np.array(logits))
        if problem:
            hint = " Subtract the maximum logit before exponentiating." if "overflow" in problem else ""
            return report(False, "", f"on {description}, {problem}.{hint}")
        if answer is None:
            return report(False, "", "your function returned None; return the probabilities.")
        expected = scipy.special.softmax(logits)
        if np.any(np.isnan(np.asarray(answer, dtype=float))):
            return report(False, "", f"your softmax returns nan for {description}: subtract the max first.")
        if not _close(answer, expected):
            return report(False, "", f"for {description} expected {np.round(expected, 6).tolist()}, "
                                     f"got {np.round(np.asarray(answer, dtype=float), 6).tolist()}.")
    return report(True, "Stable: it matches scipy.special.softmax, even on [1000, 1001] and with -inf.", "")


def check_logsumexp(logsumexp_1d: Callable) -> None:
    """Exercise 03.2: log(sum(exp(z))) without overflow or underflow."""
    import scipy.special

    for logits in ([1.0, 2.0, 3.0], [1000.0, 1000.0], [-1000.0, -1000.0], [0.0, -np.inf]):
        answer, problem = _call(logsumexp_1d, np.array(logits))
        if problem:
            return report(False, "", f"on {logits}, {problem}. Factor out the max: m + log(sum(exp(z - m))).")
        expected = float(scipy.special.logsumexp(logits))
        number = _number(answer)
        if number is None or not math.isclose(number, expected, rel_tol=1e-12, abs_tol=1e-12):
            return report(False, "", f"logsumexp({logits}) should be {expected:.6f}; got {answer!r}.")
    return report(True, "Your log-sum-exp matches scipy.special.logsumexp, overflow-free.", "")


def check_batch_softmax(batch_softmax: Callable) -> None:
    """Exercise 03.3: softmax of every row of a 2-D batch."""
    import scipy.special

    rng = np.random.default_rng(3)
    for batch in (np.array([[1.0, 2.0], [3.0, 5.0]]), rng.normal(size=(3, 4)) * 50, np.array([[7.0, 7.0, 7.0]])):
        answer, problem = _call(batch_softmax, batch)
        if problem:
            return report(False, "", f"on a batch of shape {batch.shape}, {problem}.")
        if answer is None:
            return report(False, "", "your function returned None; return the probabilities.")
        answer = np.asarray(answer, dtype=float)
        expected = scipy.special.softmax(batch, axis=1)
        if answer.shape != batch.shape:
            return report(False, "", f"the output has shape {answer.shape}; "
                                     f"it should keep the batch's shape {batch.shape}.")
        if not _close(answer, expected):
            sums = np.round(answer.sum(axis=1), 4).tolist()
            return report(False, "", f"row sums are {sums}: normalise each row with keepdims=True (axis=1).")
    return report(True, "Each row is normalised on its own: rows sum to 1 and match scipy.", "")


# ---------------------------------------------------------------- 04-temperature


def check_tempered_softmax(tempered_softmax: Callable) -> None:
    """Exercise 04.1: softmax(z / T) from scratch, stable for small T."""
    from tempnb.core import softmax

    cases = [
        ([-1.3862943611198906, -0.2876820724517809], 0.5, "the logits of [0.25, 0.75] at T = 0.5"),
        ([10.0, 20.0, 30.0], 10.0, "[10, 20, 30] at T = 10"),
        ([10.0, 20.0, 30.0], 100.0, "[10, 20, 30] at T = 100"),
        ([1.0, 2.0, 3.0], 0.001, "[1, 2, 3] at T = 0.001"),
    ]
    for logits, T, description in cases:
        answer, problem = _call(tempered_softmax, np.array(logits), T)
        if problem:
            hint = " Divide by T, then subtract the max (or the other way round)." if "overflow" in problem else ""
            return report(False, "", f"on {description}, {problem}.{hint}")
        if answer is None:
            return report(False, "", "your function returned None; return the probabilities.")
        expected = softmax(logits, T)
        if _close(answer, softmax(logits, 1 / T)):
            return report(False, "", f"on {description} you multiplied by T; temperature divides the logits.")
        if not _close(answer, expected):
            return report(False, "", f"on {description} expected {np.round(expected, 6).tolist()}, "
                                     f"got {np.round(np.asarray(answer, dtype=float), 6).tolist()}.")
    return report(True, "Your tempered softmax matches tempnb.softmax, down to T = 0.001.", "")


def check_odds_temperature(temperature: object) -> None:
    """Exercise 04.2: the T that turns odds of 3:1 into odds of 27:1."""
    number = _number(temperature)
    if number is None:
        return report(False, "", f"expected a single number, got {temperature!r}.")
    if math.isclose(number, 1 / 3, rel_tol=1e-6):
        return report(True, "T = 1/3: the odds are raised to the power 1/T = 3, and 3³ = 27.", "")
    if math.isclose(number, 3.0, rel_tol=1e-6):
        return report(False, "", "odds become odds**(1/T); with T = 3 they would shrink to 3**(1/3).")
    if math.isclose(number, 9.0, rel_tol=1e-6) or math.isclose(number, 1 / 9, rel_tol=1e-6):
        return report(False, "", "27 / 3 = 9 is the factor, but temperature acts on the exponent, not as a factor.")
    if number <= 0:
        return report(False, "", f"a temperature must be positive; got {number:.4g}.")
    return report(False, "", f"with T = {number:.4g} the odds become {3 ** (1 / number):.4g}:1.")


def check_half_temperature(temperature: object) -> None:
    """Exercise 04.3: the T at which the top probability of softmax([10, 20, 30] / T) is 0.5."""
    golden = (1 + math.sqrt(5)) / 2
    expected = 10 / math.log(golden)
    number = _number(temperature)
    if number is None:
        return report(False, "", f"expected a single number, got {temperature!r}.")
    if math.isclose(number, expected, rel_tol=1e-6):
        return report(True, f"T = {expected:.4f} = 10 / log φ, where φ is the golden ratio "
                            "(with x = exp(-10/T) the condition is x² + x = 1).", "")
    if 0 < number and not math.isclose(number, expected, rel_tol=1e-2):
        from tempnb.core import softmax

        top = float(softmax([10.0, 20.0, 30.0], number)[2])
        return report(False, "", f"at T = {number:.4g} the top probability is {top:.4f}, not 0.5; "
                                 "solve f(T) = top(T) - 0.5 = 0 with scipy.optimize.brentq on [1, 100].")
    return report(False, "", f"{number:.6g} is close; tighten the solver's tolerance (xtol=1e-12).")


# ---------------------------------------------------------------- 05-distillation


def check_soft_loss(soft_loss: Callable) -> None:
    """Exercise 05.1: the soft term T² · mean KL(softmax(t/T) ‖ softmax(s/T)) of a batch."""
    from tempnb.distill import distillation_loss

    rng = np.random.default_rng(5)
    student, teacher = rng.normal(size=(4, 10)) * 3, rng.normal(size=(4, 10)) * 3
    labels = np.zeros(4, dtype=int)
    for T in (1.0, 4.0, 20.0):
        answer, problem = _call(soft_loss, student, teacher, T)
        if problem:
            return report(False, "", f"at T = {T:g}, {problem}.")
        expected = distillation_loss(student, teacher, labels, T, alpha=1.0)[0]
        number = _number(answer)
        if number is None:
            return report(False, "", f"return one number (the mean over the batch); got {answer!r}.")
        if math.isclose(number, expected, rel_tol=1e-9):
            continue
        if math.isclose(number, expected / (T * T), rel_tol=1e-9) and T != 1:
            return report(False, "", "multiply the mean KL by T² (see the section on the T² factor).")
        if math.isclose(number, expected * student.shape[0], rel_tol=1e-9):
            return report(False, "", "take the mean over the batch, not the sum.")
        return report(False, "", f"at T = {T:g} expected {expected:.6f}, got {number:.6f}; "
                                 "KL(p‖q) = sum p (log p − log q) with p the teacher's softmax(t/T).")
    return report(True, "Your soft term matches tempnb.distillation_loss with alpha = 1 at T = 1, 4 and 20.", "")


def check_numerical_gradient(numerical_gradient: Callable) -> None:
    """Exercise 05.2: central finite differences of a scalar function of a 2-D array."""
    def f(x: np.ndarray) -> float:
        return float(np.sum(np.sin(x) * x[::-1]))

    x = np.linspace(-1.0, 1.0, 6).reshape(2, 3)
    expected = np.cos(x) * x[::-1] + np.sin(x[::-1])
    answer, problem = _call(numerical_gradient, f, x.copy())
    if problem:
        return report(False, "", f"{problem}.")
    if answer is None:
        return report(False, "", "return an array of the same shape as x.")
    answer = np.asarray(answer, dtype=float)
    if answer.shape != x.shape:
        return report(False, "", f"the gradient must have x's shape {x.shape}; got {answer.shape}.")
    error = float(np.max(np.abs(answer - expected)))
    if error < 1e-6:
        return report(True, f"Central differences agree with the exact gradient to {error:.0e}.", "")
    if error < 1e-3:
        return report(False, "", f"close (error {error:.1e}): use central differences (f(x+h) − f(x−h)) / 2h.")
    return report(False, "", "perturb one entry at a time, and restore it before moving on.")


def check_logit_matching(gradient: object) -> None:
    """Exercise 05.3: the high-temperature limit of T·(q − p) for the given logits."""
    z, v = np.array([1.0, 0.0, -1.0]), np.array([2.0, 0.0, -2.0])
    expected = (z - v) / z.size
    if gradient is None:
        return report(False, "", "expected an array of three numbers, got None.")
    if _close(gradient, expected, rtol=1e-9, atol=1e-9):
        return report(True, "(z − v) / N = [−1/3, 0, 1/3]: at high T distillation matches logits.", "")
    if _close(gradient, -expected, rtol=1e-9, atol=1e-9):
        return report(False, "", "the sign is flipped: it is student minus teacher, (z − v) / N.")
    if _close(gradient, z - v, rtol=1e-9, atol=1e-9):
        return report(False, "", "divide by N, the number of classes.")
    return report(False, "", "use the limit formula (z − v) / N with z the student's and v the teacher's logits.")


# ---------------------------------------------------------------- 06-sampling


def _frequency_check(draw: Callable, description: str, temperature: float = 1.0) -> None:
    """Shared by the sampler exercises: seeded draws must match softmax(logits / T)."""
    import scipy.stats

    from tempnb.core import softmax

    logits = np.array([1.0, -np.inf, 2.0, 0.5, 2.0])
    rng = np.random.default_rng(11)
    answer, problem = _call(lambda: [draw(logits, rng) for _ in range(6000)])
    if problem:
        return report(False, "", f"{problem}.")
    try:
        draws = np.asarray(answer, dtype=int)
    except (TypeError, ValueError):
        return report(False, "", "each call must return one integer index.")
    if draws.shape != (6000,):
        return report(False, "", "each call must return one integer index.")
    if draws.min() < 0 or draws.max() >= logits.size:
        return report(False, "", f"an index outside [0, {logits.size - 1}] was returned.")
    if np.any(draws == 1):
        return report(False, "", "the masked entry (logit -inf) was drawn; it must have probability 0.")
    expected = softmax(logits, temperature)
    counts = np.bincount(draws, minlength=logits.size)
    keep = expected > 0
    p_value = float(scipy.stats.chisquare(counts[keep], expected[keep] * draws.size).pvalue)
    if p_value < 1e-4:
        observed = np.round(counts / draws.size, 3).tolist()
        return report(False, "", f"frequencies {observed} do not match softmax {np.round(expected, 3).tolist()} "
                                 f"(chi-square p = {p_value:.1e}).")
    return report(True, f"6000 draws of your {description} match softmax(z / T) (chi-square test passed) "
                        "and never pick the masked entry.", "")


def check_inverse_cdf_sampler(sampler: Callable) -> None:
    """Exercise 06.1: ``sampler(logits, rng)`` draws one index by the inverse CDF."""
    return _frequency_check(sampler, "inverse-CDF sampler")


def check_gumbel_sampler(sampler: Callable) -> None:
    """Exercise 06.2: ``sampler(logits, rng, temperature)`` draws by the Gumbel-max trick, at T = 2."""
    return _frequency_check(lambda z, rng: sampler(z, rng, 2.0), "Gumbel-max sampler at T = 2", temperature=2.0)


def check_top_k(my_top_k: Callable) -> None:
    """Exercise 06.3: top-k filtering that keeps ties with the k-th largest logit."""
    from tempnb.sampling import top_k

    cases = [
        (np.array([1.0, 4.0, 2.0, 3.0]), 2, "[1, 4, 2, 3] with k = 2"),
        (np.array([1.0, 3.0, 3.0, 2.0]), 1, "[1, 3, 3, 2] with k = 1 (a tie at the top)"),
        (np.array([5.0, 1.0, 1.0, 1.0, 0.0]), 2, "[5, 1, 1, 1, 0] with k = 2 (a tie at the k-th place)"),
        (np.array([0.5, 2.0]), 5, "[0.5, 2] with k = 5 (k larger than the vocabulary)"),
    ]
    for logits, k, description in cases:
        answer, problem = _call(my_top_k, logits.copy(), k)
        if problem:
            return report(False, "", f"on {description}, {problem}.")
        expected = top_k(logits, k)
        if answer is None:
            return report(False, "", "return the filtered logits (removed entries set to -inf).")
        got = np.asarray(answer, dtype=float)
        if got.shape != expected.shape or not np.array_equal(np.isinf(got), np.isinf(expected)):
            kept = np.flatnonzero(np.isfinite(expected)).tolist()
            return report(False, "", f"on {description} the kept positions should be {kept}"
                                     " (every logit equal to the k-th largest is kept).")
        if not np.allclose(got[np.isfinite(got)], expected[np.isfinite(expected)]):
            return report(False, "", "kept logits must keep their values; only removed ones become -inf.")
    return report(True, "Your top-k matches tempnb.top_k, ties and oversized k included.", "")
