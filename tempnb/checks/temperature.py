"""Exercise checks for notebook 04-temperature."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import _call, _close, _number, report


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

