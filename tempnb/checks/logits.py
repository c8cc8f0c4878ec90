"""Exercise checks for notebook 02-logits."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import _call, _close, _number, report


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

