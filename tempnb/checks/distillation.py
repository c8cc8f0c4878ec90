"""Exercise checks for notebook 05-distillation."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import _call, _close, _number, report


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

