"""Exercise checks for notebook 03-softmax."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import _call, _close, _number, report

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

