"""Exercise checks for notebook 02-logits."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import (
    Case,
    InputChanged,
    Mistake,
    as_array,
    call,
    check_number,
    check_value,
    hint,
    near,
    passed,
)


def check_probability_from_log_odds(p: object) -> None:
    """Exercise 02.1: the probability whose log-odds are 2."""
    expected = 1 / (1 + math.exp(-2))
    case = Case((), expected, "got {got}; invert log(p / (1 - p)) = 2 for p (the sigmoid).", mistakes=(
        Mistake(near(math.exp(2)), "e² ≈ 7.39 are the odds p / (1 - p), not the probability; solve for p."),
        Mistake(near(1 / (1 + math.exp(2))), "that is sigmoid(-2): the sign inside the exponent is flipped."),
        Mistake(near(2.0), "2 is the log-odds you were given; turn it into a probability with the sigmoid."),
        Mistake(near(math.exp(2) / (1 + math.exp(2)) ** 2),
                "{got} is the sigmoid's slope at 2, sigmoid(2)(1 - sigmoid(2)), not sigmoid(2)."),
    ))
    return check_number(p, [case], f"sigmoid(2) = {expected:.4f}: log-odds of 2 mean odds of e² ≈ 7.39 to 1.")


def check_logits_with_first_zero(logits: object) -> None:
    """Exercise 02.2: logits for [0.1, 0.2, 0.7], shifted so that the first is 0."""
    log_p = np.log([0.1, 0.2, 0.7])
    expected = log_p - log_p[0]
    case = Case((), expected, "compute np.log(p) and subtract its first entry from every entry; got {got}.",
                mistakes=(
        Mistake(log_p, "those are the log-probabilities; now subtract the first one from all three."),
        Mistake([0.0, 0.1, 0.6], "you shifted the probabilities, not their logarithms: take np.log first."),
        Mistake(-expected, "the sign is flipped: subtract the first log-probability from each one, log p - log p[0]."),
        Mistake(log_p - log_p[-1], "you subtracted the last (largest) log-probability; the first must become 0."),
        Mistake(np.log10([0.1, 0.2, 0.7]) - math.log10(0.1),
                "you used log base 10; logits are natural logarithms (np.log)."),
    ))
    return check_value(logits, [case],
                       f"logits {np.round(expected, 4).tolist()}: the same distribution, first logit 0.")


_SIGMOID_POINTS = np.array([-1000.0, -40.0, -2.0, 0.0, 1.5, 40.0, 1000.0])
_SIGMOID_POINTS.flags.writeable = False  # the learner's code only ever gets copies

# Names that silence NumPy's floating-point warnings instead of avoiding what causes them.
_SILENCERS = frozenset({"errstate", "seterr", "filterwarnings", "simplefilter", "catch_warnings", "resetwarnings"})


def _names_used(code) -> set[str]:  # noqa: ANN001 (a code object)
    names = set(code.co_names)
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _names_used(constant)
    return names


def _silences_warnings(function: Callable) -> bool:
    """Whether the function's own code (and the functions defined in it) uses a warning silencer."""
    code = getattr(function, "__code__", None)
    return code is not None and bool(_names_used(code) & _SILENCERS)


def _overflowing_tails(sigmoid: Callable) -> tuple[bool, bool]:
    """Which tails make the learner's sigmoid warn: (x = -1000, x = +1000), probed one at a time."""
    return tuple(call(sigmoid, np.array([x])).problem is not None for x in (-1000.0, 1000.0))


def _differing(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str:
    """The first point where the answer is wrong, both values at a precision that tells them apart."""
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(got, expected, rtol=1e-12, atol=1e-300)
    i = int(np.flatnonzero(wrong)[0])
    digits = next((d for d in range(6, 18) if f"{got[i]:.{d}g}" != f"{expected[i]:.{d}g}"), 17)
    return f"at x = {points[i]:g} your sigmoid gives {got[i]:.{digits}g}, the exact value is {expected[i]:.{digits}g}"


def check_stable_sigmoid(sigmoid: Callable) -> None:
    """Exercise 02.3: a sigmoid that gives 0 and 1 (not a warning) far out in the tails."""
    import scipy.special

    points = _SIGMOID_POINTS
    expected = scipy.special.expit(points)
    outcome = call(sigmoid, points)
    if outcome.error is InputChanged:
        return hint(outcome.problem)
    if outcome.problem:
        if issubclass(outcome.error, Warning):
            left, right = _overflowing_tails(sigmoid)
            if left and right:
                return hint(f"{outcome.problem} (at both x = -1000 and x = 1000). If you used np.where: it "
                            "evaluates both branches on every element, so one of them overflows even where its "
                            "result is thrown away. Compute each branch only where it is used (boolean "
                            "indexing), or write both with exp(-|x|), which never overflows.")
            if left:
                return hint(f"{outcome.problem} at x = -1000: exp(-x) overflows for large negative x. "
                            "For x < 0 use exp(x) / (1 + exp(x)), only on those entries.")
            if right:
                return hint(f"{outcome.problem} at x = 1000: exp(x) overflows for large positive x. "
                            "For x ≥ 0 use 1 / (1 + exp(-x)), only on those entries.")
        scalar = (" Work on the whole array with NumPy (np.exp, boolean masks); math.exp takes one number."
                  if outcome.error is TypeError else "")
        return hint(f"on {points.tolist()}, {outcome.problem}.{scalar}")
    got = as_array(outcome.value)
    if got is None:
        return hint("your function returned None; return an array." if outcome.value is None
                    else "return an array of numbers, one per entry of x.")
    if got.shape != points.shape:
        return hint(f"return one value per entry: x has shape {points.shape}, your result {got.shape} "
                    "(vectorise with NumPy instead of math.exp).")
    with np.errstate(all="ignore"):
        if np.any(np.isnan(got)):
            i = int(np.flatnonzero(np.isnan(got))[0])
            return hint(f"at x = {points[i]:g} your sigmoid gives nan (inf / inf?); the exact value is "
                        f"{expected[i]:g}.")
        if not np.allclose(got, expected, rtol=1e-12, atol=1e-300):
            clipped = got[0] > 0 and expected[0] == 0
            extra = " Clipping x changes the answer in the tails: rewrite the formula instead." if clipped else ""
            return hint(_differing(points, got, expected) + "." + extra)
    if _silences_warnings(sigmoid):
        return hint("your values are right, but your function silences NumPy's warnings (np.errstate, "
                    "np.seterr or a warnings filter): exp still overflows to inf inside it, and only the "
                    "limit 1 / (1 + inf) = 0 happens to be right. Rewrite it so that no exponent is positive, "
                    "e.g. with exp(-|x|), and remove the silencer.")
    return passed("Your sigmoid is correct and silent in both tails.")
