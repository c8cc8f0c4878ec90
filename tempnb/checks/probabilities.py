"""Exercise checks for notebook 01-probabilities."""

from __future__ import annotations

import math
from collections.abc import Callable

from tempnb.checks._common import _call, _number, report


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

