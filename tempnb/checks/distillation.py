"""Exercise checks for notebook 05-distillation."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import (
    Case,
    Mistake,
    as_array,
    call,
    check_value,
    close,
    hint,
    number,
    passed,
    run_cases,
    shown,
)


def _soft_case(s: np.ndarray, t: np.ndarray, T: float) -> Case:
    from tempnb.core import log_softmax, softmax
    from tempnb.distill import distillation_loss

    labels = np.zeros(len(s), dtype=int)
    expected = distillation_loss(s, t, labels, T, alpha=1.0)[0]
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    log_p, log_q = log_softmax(t, T, axis=1), log_softmax(s, T, axis=1)
    kl_rows = np.sum(p * (log_p - log_q), axis=1)
    reverse = T * T * float(np.mean(np.sum(q * (log_q - log_p), axis=1)))
    cross_entropy = T * T * float(np.mean(-np.sum(p * log_q, axis=1)))
    at_one = T * T * float(np.mean(np.sum(softmax(t, axis=1) * (log_softmax(t, axis=1) - log_softmax(s, axis=1)),
                                         axis=1)))

    def is_(value: float) -> Callable[[object], bool]:
        return lambda a: math.isclose(number(a), value, rel_tol=1e-9)

    mistakes = [Mistake(lambda a: number(a) is None, "return one number (the mean over the batch); got {got}.")]
    if T != 1:
        mistakes += [Mistake(is_(expected / (T * T)), "multiply the mean KL by T² (see the section on the T² factor)."),
                     Mistake(is_(expected / T), "the factor is T², not T."),
                     Mistake(is_(at_one), "divide both sets of logits by T inside the softmax: softmax(t/T), "
                                          "softmax(s/T).")]
    mistakes += [
        Mistake(is_(T * T * float(np.sum(kl_rows))), "take the mean over the batch, not the sum."),
        Mistake(is_(reverse), "the KL is the wrong way round: KL(p‖q) with p = softmax(t/T), the teacher's "
                              "distribution, weighting log p − log q."),
        Mistake(is_(cross_entropy), "that is the cross-entropy −Σ p log q; the KL also subtracts the teacher's "
                                    "entropy: Σ p (log p − log q)."),
    ]
    return Case((s, t, T), expected, f"at T = {T:g} expected {expected:.6f}, got {{got}}; KL(p‖q) = "
                "Σ p (log p − log q) with p the teacher's softmax(t/T).", f"T = {T:g}", tuple(mistakes))


def check_soft_loss(soft_loss: Callable) -> None:
    """Exercise 05.1: the soft term T² · mean KL(softmax(t/T) ‖ softmax(s/T)) of a batch."""
    rng = np.random.default_rng(5)
    s, t = rng.normal(size=(4, 10)) * 3, rng.normal(size=(4, 10)) * 3
    cases = [_soft_case(s, t, T) for T in (4.0, 1.0, 20.0)]
    return run_cases(soft_loss, cases, "Your soft term matches tempnb.distillation_loss with alpha = 1 at "
                                       "T = 4, 1 and 20.",
                     same=lambda a, b: number(a) is not None and math.isclose(number(a), b, rel_tol=1e-9))


def check_numerical_gradient(numerical_gradient: Callable) -> None:
    """Exercise 05.2: central finite differences of a scalar function of a 2-D array."""
    x = np.linspace(-1.0, 1.0, 6).reshape(2, 3)
    expected = np.cos(x) * x[::-1] + np.sin(x[::-1])  # the exact gradient, by the product rule
    probes: list[np.ndarray] = []  # every point the learner's code evaluates f at

    def f(point: np.ndarray) -> float:
        probes.append(np.array(point, dtype=float, copy=True))
        return float(np.sum(np.sin(point) * point[::-1]))

    given = x.copy()
    outcome = call(numerical_gradient, f, given)
    if outcome.problem:
        return hint(f"{outcome.problem}.")
    if outcome.value is None:
        return hint("your function returned None; return an array of the same shape as x.")
    answer = as_array(outcome.value)
    if answer is None or answer.shape != x.shape:
        return hint(f"the gradient must have x's shape {x.shape}; got {shown(outcome.value)}.")
    moved = [int(np.sum(np.abs(probe - x) > 1e-12)) for probe in probes if probe.shape == x.shape]
    first_move = next((m for m in moved if m > 0), 0)
    if first_move == x.size:
        return hint("you moved every entry at once (x + h): perturb one entry at a time, x[i] ± h.")
    if max(moved, default=0) > 1 or np.max(np.abs(given - x)) > 1e-12:
        return hint("an entry you probed was never put back: the input must be restored after each probe "
                    "(save old = x[i], probe x[i] ± h, then x[i] = old), so every probe moves one entry only.")
    error = float(np.max(np.abs(answer - expected)))
    if error < 1e-6:
        # A bound, not the error itself: its last digits depend on the CPU's rounding.
        return passed("Central differences agree with the exact gradient to within 1e-6.")
    if np.allclose(answer, expected / 2, rtol=1e-4, atol=1e-8):
        return hint("divide the central difference by 2h, not 4h: (f(x + h) − f(x − h)) / (2h).")
    if np.allclose(answer, 2 * expected, rtol=1e-4, atol=1e-8):
        return hint("divide the central difference by 2h, not h: (f(x + h) − f(x − h)) / (2h).")
    if error < 1e-3:
        return hint(f"close (largest error {error:.1e}): one-sided differences (f(x+h) − f(x)) / h have an error "
                    "proportional to h; use central differences (f(x+h) − f(x−h)) / (2h).")
    return hint(f"largest error {error:.1e}: perturb one entry at a time by ± h and divide the difference by 2h.")


def check_logit_matching(gradient: object) -> None:
    """Exercise 05.3: the high-temperature limit of T·(q − p) for the given logits."""
    s, t = np.array([1.0, 0.0, -1.0]), np.array([2.0, 0.0, -2.0])
    K = s.size
    expected = (s - t) / K
    case = Case((), expected, "use the limit formula (s − t) / K with s the student's and t the teacher's logits; "
                              "got {got}.", mistakes=(
        Mistake(-expected, "the sign is flipped: it is student minus teacher, (s − t) / K."),
        Mistake(s - t, "divide by K, the number of classes."),
        Mistake((s - t) / K**2, "divide by K once, not K²."),
        Mistake(lambda a: close(a, expected, rtol=1e-2, atol=1e-3),
                "close: that is T(q − p) at a large but finite T; the limit itself is exactly (s − t) / K."),
    ))
    return check_value(gradient, [case], "(s − t) / K = [−1/3, 0, 1/3]: at high T distillation matches logits.",
                       same=lambda a, b: close(a, b, rtol=1e-9, atol=1e-9))


# Exercise 05.4 uses the course's real model and data: a distilled student of the digits.
STUDENT_SIZES = (64, 32, 10)
REQUIRED_GAIN = 5.0  # percentage points of held-out accuracy over the hard-label student of the same seed


@functools.lru_cache(maxsize=1)
def _digits_test_set():
    from tempnb.data import load_digits_split

    digits = load_digits_split()
    return digits.x_test, digits.y_test


def check_distilled_student(student: object, hard_label_accuracy: float) -> None:
    """Exercise 05.4: a distilled student that beats the hard-label student by REQUIRED_GAIN points.

    Trains nothing: it scores the learner's trained student on the held-out test images and
    compares with the hard-label student's accuracy that the notebook already measured.
    """
    from tempnb.models import MLP, accuracy

    if student is None or student is Ellipsis:
        return hint("replace the None with your trained student (an MLP of sizes [64, 32, 10]).")
    if not isinstance(student, MLP):
        return hint(f"pass the trained student itself (a tempnb.models.MLP), not {shown(student)}.")
    sizes = tuple(student.sizes)
    if sizes != STUDENT_SIZES:
        return hint(f"the exercise is about the small student, layer sizes {list(STUDENT_SIZES)}; this network "
                    f"has {list(sizes)} ({student.n_parameters:,} parameters).")
    baseline = number(hard_label_accuracy)
    if baseline is None or not 0 <= baseline <= 100:
        return hint("pass the hard-label student's accuracy in percent, hard_accuracy[0].")
    x_test, y_test = _digits_test_set()
    score = 100 * accuracy(student, x_test, y_test)
    if score < 20:
        return hint(f"your student scores {score:.1f}% on the test images, about chance: has it been trained? "
                    "Use train_student(0, soft_loss(T)).")
    gain = score - baseline
    if gain >= REQUIRED_GAIN:
        return passed(f"Your distilled student scores {score:.1f}% on the held-out test images, {gain:.1f} points "
                      f"above the hard-label student ({baseline:.1f}%).")
    return hint(f"your student scores {score:.1f}% on the held-out test images, {gain:+.1f} points against the "
                f"hard-label student ({baseline:.1f}%); the target is +{REQUIRED_GAIN:g}. At T = 1 the soft "
                "targets are nearly one-hot: try a higher temperature.")
