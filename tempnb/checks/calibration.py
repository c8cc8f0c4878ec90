"""Exercise checks for notebook 07-calibration.

Each check is a table of cases. The expected answers come from the tested
tempnb.calibration functions; the mistaken answers a case recognises are
computed here by small functions that make exactly that mistake.
"""

from __future__ import annotations

import contextlib
import dataclasses
import dis
import functools
import io
import math
import re
import types
import warnings
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import (
    Case,
    LinesRun,
    Mistake,
    Outcome,
    call,
    calls,
    check_number,
    close,
    first_miss,
    hint,
    lines_run,
    near,
    near_miss,
    number,
    passed,
    run_cases,
    shown,
)

# ---------------------------------------------------------------- both functions: probes run quietly


@contextlib.contextmanager
def _quiet():
    """Hide what the learner's code prints during a probe: a call of the learner's function that the check makes
    for its own purposes (a repeat of a case to spot a library shortcut, inputs of its own that tell two mistakes
    apart, a run that counts lines). Its prints, on inputs the learner never wrote, would read as if the check had
    passed those inputs to the exercise. Only the calls on the exercise's cases, through ``first_miss``, show them."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def _probe(function: Callable, *args: object) -> Outcome:
    """``call(function, *args)``, with nothing the learner's code prints shown (see ``_quiet``)."""
    with _quiet():
        return call(function, *args)


# ---------------------------------------------------------------- both functions: arguments left unused


def _ignores_its_arguments(function: Callable | None, answer: object, *args: object) -> bool:
    """Whether ``function(*args)`` returns ``answer`` again when ``args`` hold, in place of the arrays, plain
    ``object()``s that no computation can use (any arithmetic, indexing or ``np.asarray(..., dtype=float)`` on
    them raises): the function then reads something other than its arguments, such as notebook variables or a
    number typed in. A function that uses its arguments raises on them instead, so an objective that is flat in T
    (the accuracy, say, which also returns the same T whatever the data) is not taken for this."""
    if function is None or number(answer) is None:
        return False
    probe = _probe(function, *args)
    return probe.problem is None and _same_number(probe.value, number(answer), rel_tol=1e-12)


# ---------------------------------------------------------------- Exercise 07.1: ECE from scratch


def _binned_gaps(confidence: np.ndarray, correct: np.ndarray, index: np.ndarray, n_bins: int, signed: bool = False):
    """(weight, |accuracy - confidence|) of every non-empty bin, given each example's bin index
    (with `signed`, the gap without the absolute value)."""
    for m in range(n_bins):
        in_bin = index == m
        if in_bin.any():
            gap = correct[in_bin].mean() - confidence[in_bin].mean()
            yield in_bin.mean(), (gap if signed else abs(gap))


def _right_closed_index(confidence: np.ndarray, n_bins: int) -> np.ndarray:
    return np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")


def _ece_variants(probs: np.ndarray, labels: np.ndarray, n_bins: int) -> dict[str, float]:
    """What typical mistakes compute instead of the ECE."""
    rows = np.arange(len(labels))
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    right = _right_closed_index(confidence, n_bins)
    left = np.minimum(np.floor(confidence * n_bins).astype(int), n_bins - 1)  # [(m-1)/M, m/M) bins
    label_probability = probs[rows, labels]
    gaps = list(_binned_gaps(confidence, correct, right, n_bins))

    def against_fixed_point(offset: float) -> float:
        """Each non-empty bin's accuracy against the point (m + offset) / M of its (0-based) bin m."""
        return float(sum(in_bin.mean() * abs(correct[in_bin].mean() - (m + offset) / n_bins)
                         for m in range(n_bins) if (in_bin := right == m).any()))

    return {
        # a fixed point of each bin in place of its examples' mean confidence: its centre, upper or lower edge
        "bin_centre": against_fixed_point(0.5),
        "upper_edge": against_fixed_point(1.0),
        "lower_edge": against_fixed_point(0.0),
        "unweighted": float(np.mean([gap for _, gap in gaps])),
        # each bin's gap squared before weighting (a Brier-like sum, not the ECE's absolute gaps)
        "squared": float(sum(w * g ** 2 for w, g in gaps)),
        # the gaps summed with their signs, so over- and underconfident bins cancel (either sign of the sum)
        "signed": float(sum(w * g for w, g in _binned_gaps(confidence, correct, right, n_bins, signed=True))),
        "left_closed": float(sum(w * g for w, g in _binned_gaps(confidence, correct, left, n_bins))),
        # no bins at all: the mean over the examples of |correct - confidence|
        "no_bins": float(np.mean(np.abs(correct - confidence))),
        # bins open on both sides, lo < confidence < hi: a confidence exactly on an edge falls in no bin
        "open_bins": float(sum(w * g for w, g in _binned_gaps(
            confidence, correct, np.where(np.isin(confidence, np.arange(n_bins + 1) / n_bins), -1, right),
            n_bins))),
        # bins closed on both sides, lo <= confidence <= hi: a confidence exactly on an edge is counted in two bins
        "closed_bins": float(sum(
            in_bin.sum() / len(labels) * abs(correct[in_bin].mean() - confidence[in_bin].mean())
            for low, high in zip(np.arange(n_bins) / n_bins, np.arange(1, n_bins + 1) / n_bins)
            if (in_bin := (confidence >= low) & (confidence <= high)).any())),
        # each bin's mean confidence compared with the accuracy over all the examples, not the bin's own
        "overall_accuracy": float(sum(in_bin.mean() * abs(correct.mean() - confidence[in_bin].mean())
                                      for m in range(n_bins) if (in_bin := right == m).any())),
        # np.digitize(..., right=True) clipped to M - 1 instead of reduced by 1: bins M - 1 and M merged into one
        "merged_top": float(np.abs(np.bincount(np.minimum(right + 1, n_bins - 1), correct, n_bins)
                                   - np.bincount(np.minimum(right + 1, n_bins - 1), confidence, n_bins)).sum()
                            / len(labels)),
        # equal-count bins: inner edges at the quantiles of the confidences, bins closed on the right
        "quantile": float(sum(w * g for w, g in _binned_gaps(confidence, correct, np.searchsorted(
            np.quantile(confidence, np.linspace(0, 1, n_bins + 1))[1:-1], confidence, side="left"), n_bins))),
        # the probability given to the true label used as the confidence
        "label_probability": float(sum(w * g for w, g in _binned_gaps(
            label_probability, correct, _right_closed_index(label_probability, n_bins), n_bins))),
        # right_m from a product of two boolean arrays, in_bin.T @ correct: NumPy's @ (np.dot, np.einsum) on booleans
        # is a logical OR of ANDs, so every bin with at least one right prediction counts 1 (cold read r164, X2)
        "boolean_product": float(np.abs(np.minimum(np.bincount(right, correct, n_bins), 1)
                                        - np.bincount(right, confidence, n_bins)).sum() / len(labels)),
    }


def _ece_case(probs: np.ndarray, labels: np.ndarray, n_bins: int, label: str,
              ece: Callable | None = None) -> Case:
    """One case of Exercise 1; with the learner's ``ece``, a wrong answer is also tested for ignoring the
    arguments (see ``_ignores_its_arguments``)."""
    from tempnb.calibration import expected_calibration_error

    expected = expected_calibration_error(probs, labels, n_bins=n_bins)
    variants = _ece_variants(probs, labels, n_bins)
    non_empty = len(np.unique(_right_closed_index(probs.max(axis=1), n_bins)))  # bins holding an example
    # one bin too few or too many: np.linspace(0, 1, M) gives M edges, so M - 1 bins (and M + 2 edges, M + 1 bins)
    quantile = expected_calibration_error(probs, labels, n_bins=n_bins, strategy="quantile")
    other_bins = {k: expected_calibration_error(probs, labels, n_bins=k) for k in (n_bins - 1, n_bins + 1) if k >= 1}
    # a bin count fixed in the code rather than taken from n_bins: 15 is the default of the notebook's
    # ece_from_scratch (so ece_from_scratch(probs, labels) gives it), 5, 10 and 20 other round choices
    fixed_bins = {k: expected_calibration_error(probs, labels, n_bins=k) for k in (5, 10, 15, 20)
                  if abs(k - n_bins) > 1}
    return Case(
        (probs.copy(), labels.copy(), n_bins), expected,
        f"on {label} the ECE is {expected:.6f}, yours is {{got}}. Per bin: the fraction of examples in it "
        "times |accuracy - mean confidence|, summed over the non-empty bins. Likely causes: correct must be "
        "probs.argmax(axis=1) == labels and the confidence probs.max(axis=1); bins must be "
        "(m-1)/M < confidence <= m/M (np.digitize without right=True, and floor(confidence * M), put a "
        "confidence on an edge in the bin above); M bins need M + 1 edges, and np.digitize(..., right=True) "
        "numbers them 1 to M, so subtract 1 if you index arrays of length M.",
        label,
        (
            *(Mistake(lambda a, name=name: not close(variants[name], expected, 1e-9) and close(a, variants[name]),
                      f"on {label} you compared each bin's accuracy with the bin's {point}; the ECE compares it "
                      "with the mean confidence of the examples in that bin, which can lie anywhere inside the bin.")
              for name, point in (("bin_centre", "centre"), ("upper_edge", "upper edge, m/M"),
                                  ("lower_edge", "lower edge, (m-1)/M"))),
            Mistake(lambda a: (not close(variants["boolean_product"], expected, 1e-9)
                               and close(a, variants["boolean_product"])),
                    f"on {label} your number right in each bin, right_m, stops at 1: a matrix product of two boolean "
                    "arrays, such as in_bin.T @ correct with both of dtype bool, is a logical OR, not a count "
                    "(NumPy's @, np.dot and np.einsum on booleans give True where any product is True), so every "
                    "bin with a right prediction in it counts 1. Cast one of them to numbers first: correct = "
                    "(probs.argmax(axis=1) == labels).astype(float)."),
            Mistake(lambda a: not close(variants["merged_top"], expected, 1e-9) and close(a, variants["merged_top"]),
                    f"on {label} your top two bins were merged into one: np.digitize(..., right=True) numbers the "
                    "bins 1 to M; subtract 1 rather than clipping (np.minimum(..., M - 1)), which merges the top "
                    "two bins, so their gaps cancel when one is overconfident and the other underconfident."),
            Mistake(lambda a: (not close(variants["quantile"], expected, 1e-9) and close(a, variants["quantile"]))
                    or (not close(quantile, expected, 1e-9) and close(a, quantile)),
                    f"on {label} you used equal-count (quantile) bins; the exercise asks for M = {n_bins} "
                    "equal-width bins, (m-1)/M < confidence <= m/M, with edges np.arange(M + 1) / M."),
            Mistake(lambda a: not close(variants["unweighted"], expected, 1e-9) and close(a, variants["unweighted"]),
                    f"on {label} you averaged the bins' gaps equally; weight each by the fraction of examples "
                    "in it (|B_m| / n), so a bin of 2 examples counts less than a bin of 200."),
            Mistake(lambda a: not close(abs(variants["signed"]), expected, 1e-9)
                    and close(a, abs(variants["signed"])) and n_bins > 1,
                    f"on {label} your answer is |sum over the bins of (right_m - summed confidence_m)| / n, which "
                    "is also |accuracy - mean confidence| over all the examples: either you added the bins' gaps "
                    "with their signs and took the absolute value only of the total, or you used no bins at all "
                    "(an ECE with a single bin). Take the absolute value of each bin's gap before adding, "
                    f"|right_m - summed confidence_m| for each of the n_bins = {n_bins} bins, so over- and "
                    "underconfident bins cannot cancel; then divide by n."),
            Mistake(lambda a: not close(abs(variants["signed"]), expected, 1e-9)
                    and (close(a, variants["signed"]) or close(a, -variants["signed"])),
                    f"on {label} your bins' gaps cancel: take the absolute value of each bin's gap, "
                    "|right_m - summed confidence_m|, before adding them up, so that an overconfident bin and an "
                    "underconfident one do not offset each other."),
            Mistake(lambda a: not close(variants["overall_accuracy"], expected, 1e-9)
                    and close(a, variants["overall_accuracy"]),
                    f"on {label} you compared each bin's mean confidence with the accuracy over all the examples; "
                    "compare it with the accuracy of the examples in that bin, correct[in_bin].mean() (or, with "
                    "sums, that bin's number right, right_m)."),
            Mistake(lambda a: not close(variants["label_probability"], expected, 1e-9)
                    and close(a, variants["label_probability"]),
                    f"on {label} you used the probability of the true label; the confidence is the top "
                    "probability (the model's claim about its own prediction), and correct means "
                    "argmax == label."),
            Mistake(lambda a: not close(variants["no_bins"], expected, 1e-9) and close(a, variants["no_bins"]),
                    f"on {label} you averaged |correct - confidence| over the examples, with no bins: each "
                    "image's gap is c (wrong) or 1 - c (right), never small, so that mean is not the ECE. Group "
                    "the examples into the "
                    f"n_bins = {n_bins} confidence bins first, take each bin's |right_m - summed confidence_m|, "
                    "add them up and divide by n."),
            Mistake(lambda a: not close(variants["open_bins"], expected, 1e-9) and close(a, variants["open_bins"]),
                    f"on {label} a confidence exactly on an edge fell in no bin (with 4 bins, 0.75 is in neither "
                    "(0.5, 0.75) nor (0.75, 1.0)): (c > lo) & (c < hi) is open on both sides. Close each bin on "
                    "the right, (c > lo) & (c <= hi), so the edge m/M belongs to the bin below it."),
            Mistake(lambda a: not close(variants["closed_bins"], expected, 1e-9) and close(a, variants["closed_bins"]),
                    f"on {label} a confidence exactly on an edge was counted in two bins (with 4 bins, 0.75 is in "
                    "both [0.5, 0.75] and [0.75, 1.0]): (c >= lo) & (c <= hi) is closed on both sides. Close each "
                    "bin on the right only, (c > lo) & (c <= hi), so the edge m/M belongs to the bin below it and "
                    "the bins' counts add up to n."),
            Mistake(lambda a: not close(variants["left_closed"], expected, 1e-9) and close(a, variants["left_closed"]),
                    f"on {label} your bins are closed on the wrong side: a confidence on an edge went to the bin "
                    "above. With 4 bins, 0.75 falls in [0.75, 1.0) with your bins and in (0.5, 0.75] with the "
                    "course's (np.histogram's bins, and np.digitize without right=True, are closed on the left "
                    "like yours; np.histogram cannot close them on the right). Use bins (m-1)/M < confidence "
                    "<= m/M, e.g. np.searchsorted(edges, confidence, side='left') with edges = np.arange(1, M) / M, "
                    "or np.digitize(confidence, np.arange(M + 1) / M, right=True) - 1, and add up per bin with "
                    "np.bincount(bins, weights, minlength=M)."),
            *(Mistake(lambda a, k=k: not close(other_bins[k], expected, 1e-9) and close(a, other_bins[k]),
                      f"on {label} your answer is the ECE with {k} bins, not M = {n_bins}: "
                      + (f"n_bins edges make n_bins - 1 bins (np.linspace(0, 1, {n_bins}) has {n_bins} edges, so "
                         f"{n_bins - 1} bins); " if k < n_bins else f"you made {n_bins + 2} edges, so {k} bins; ")
                      + f"M bins need M + 1 edges: use np.linspace(0, 1, M + 1) ({n_bins + 1} edges here).")
              for k in other_bins),
            *(Mistake(lambda a, k=k: not close(fixed_bins[k], expected, 1e-9) and close(a, fixed_bins[k]),
                      f"on {label} your answer is the ECE with {k} bins, not n_bins = {n_bins}: your bins do not "
                      "follow the n_bins argument"
                      + (" (15 is the default of the notebook's ece_from_scratch, which ece_from_scratch(probs, "
                         "labels) keeps)" if k == 15 else "")
                      + ". Build the edges from the argument, np.arange(n_bins + 1) / n_bins, and give np.bincount "
                        "minlength=n_bins.")
              for k in fixed_bins),
            Mistake(lambda a: near_miss(expected)(number(a)),
                    f"on {label} your ECE agrees to about 6 digits only ({{got}} against {expected:.9f}): compute "
                    "in float64 and do not round; the check compares within a relative 1e-9."),
            Mistake(lambda a: math.isclose(number(a), expected, rel_tol=1e-3),
                    f"on {label} your ECE {{got}} is within 0.1% of the right {expected:.9f} but not equal to it: "
                    "do not round it (round(x, 4), or a number printed and read back, loses the digits the check "
                    "compares within a relative 1e-9). If you did not round, check the bin edges: a confidence "
                    "on an edge m/M belongs to the bin below it, (m-1)/M < confidence <= m/M."),
            Mistake(near(100 * expected),
                    f"on {label} you returned the ECE in percent ({{got}} = 100 × {expected:.6f}): return the "
                    "fraction itself, between 0 and 1, without the factor 100."),
            Mistake(near(expected * len(labels)),
                    f"on {label} you added up the bins' |right_m - summed confidence_m| but did not divide by n, "
                    "the number of examples: an ECE is an average gap, between 0 and 1."),
            Mistake(lambda a: len(labels) != n_bins and near(expected * len(labels) / n_bins)(a),
                    f"on {label} you divided the sum of the bins' |right_m - summed confidence_m| by M = {n_bins}, "
                    f"the number of bins, not by n = {len(labels)}, the number of examples: each bin's gap is "
                    "weighted by its share of the examples, |B_m| / n."),
            Mistake(lambda a: non_empty not in (len(labels), n_bins)
                    and near(expected * len(labels) / non_empty)(a),
                    f"on {label} you divided by the number of non-empty bins ({non_empty}), not by n = "
                    f"{len(labels)}, the number of examples: the sum of the bins' |right_m - summed "
                    "confidence_m| is divided by n, so each bin's gap is weighted by its share of the examples, "
                    "|B_m| / n, and the ECE stays between 0 and 1."),
            Mistake(lambda a: not close(variants["squared"], expected, 1e-9) and close(a, variants["squared"]),
                    f"on {label} you squared the gaps: ECE uses absolute gaps, |accuracy - mean confidence| of each "
                    "bin, weighted by its share of the examples."),
            # last: a function that reads notebook variables (teacher_test_probs, y_test) returns their ECE here
            Mistake(lambda a: _ignores_its_arguments(ece, a, object(), object(), n_bins),
                    f"on {label} your function returned {{got}}, and it returns that same number when probs and "
                    "labels are replaced by plain object()s, which nothing can compute with: it does not use those "
                    "arguments. Compute from its parameters probs, labels and n_bins, not from notebook variables "
                    "such as teacher_test_probs and y_test (or a number typed in): the check calls it on "
                    f"predictions of its own, where the ECE is {expected:.6f}."),
        ),
        _ece_on_problem,
    )


# np.where(count > 0, right / count, 0) looks like a division only where count > 0, but NumPy computes right / count
# for every bin before np.where chooses between its branches, so the empty bins' 0/0 happens anyway (cold read r161,
# X2). np.divide with where= skips them.
_DIVIDE_WHERE = ("with np.divide(right, count, out=np.zeros(n_bins), where=count > 0); np.where(count > 0, right / "
                 "count, 0) still divides in every bin")
_YOUR_WHERE = ("Your function calls np.where, and np.where(count > 0, right / count, 0) does not skip the empty "
               "bins: NumPy computes right / count in every bin, empty ones included, before np.where chooses "
               "between its branches, so the 0/0 happens anyway. Divide only where count > 0 with "
               "np.divide(right, count, out=np.zeros(n_bins), where=count > 0), or use the sums, Σ_m |right_m − "
               "summed confidence_m| / n, which need no division per bin.")

# Float bin numbers, as np.ceil(confidence * M) - 1 and np.floor give (cold read r161, X3).
_FLOAT_BINS = ("np.ceil and np.floor return floats (np.ceil(2.5) is 3.0, not 3), and so does arithmetic on them. "
               "Convert the bin numbers with .astype(int), as in np.ceil(confidence * n_bins).astype(int) - 1, or "
               "build them with np.digitize or np.searchsorted, which return integers.")


def _calls_np_where(function: Callable) -> bool:
    """Whether the learner's function, or a function defined inside it, names np.where (numpy.where, or where
    imported from NumPy). np.where is not a Python function, so the line counter never sees it run; the code that
    names it shows it."""
    code = getattr(function, "__code__", None)
    names = getattr(function, "__globals__", {})
    stack = [code] if code is not None else []
    while stack:
        code = stack.pop()
        stack.extend(constant for constant in code.co_consts if hasattr(constant, "co_names"))
        if "where" not in code.co_names:
            continue
        for instruction in dis.get_instructions(code):
            if instruction.argval != "where":
                continue
            if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"):
                return True
            if instruction.opname == "LOAD_GLOBAL" and names.get("where") is np.where:
                return True
    return False


def _ece_on_problem(problem: str, calls_where: bool = False) -> str:
    """0/0 from a bin with no examples: the per-bin accuracy right / count divided by an empty count; float bin
    numbers. ``calls_where``: the learner's function names np.where (see ``_calls_np_where``)."""
    if "Cannot cast array data from dtype('float" in problem:  # np.bincount given float bin numbers
        return "np.bincount needs integer bin numbers, and yours are floats: " + _FLOAT_BINS
    if "arrays used as indices must be of integer" in problem:  # right[bins] or np.add.at(right, bins, ...)
        return "Bin numbers used as indices must be integers, and yours are floats: " + _FLOAT_BINS
    if ("invalid value" in problem or "divide by zero" in problem) and calls_where:
        return _YOUR_WHERE
    if "Mean of empty slice" in problem:
        return ("A bin with no examples selects an empty array, and np.mean of it is 0/0, nan (np.nansum would "
                "drop the nan afterwards, but the warning says the empty mean was taken). Work with the sums "
                "instead, np.bincount(bins, weights, minlength=n_bins) per bin, and |right_m - summed "
                "confidence_m| / n: they need no mean per bin, and an empty bin adds 0.")
    if "invalid value" in problem or "divide by zero" in problem:
        return ("A bin with no examples has count 0, so right / count is 0/0 (np.nansum would drop the nan "
                "afterwards, but the warning says the 0/0 happened): work with the sums, |right_m - summed "
                f"confidence_m| / n, which need no division per bin (or divide only where count > 0, {_DIVIDE_WHERE}).")
    if "same length" in problem:
        return ("Your bin indices and the weights given to np.bincount have different lengths: the bins, correct "
                "and confidence must all have one entry per example, probs.max(axis=1) and "
                "probs.argmax(axis=1) == labels (axis=0 gives one entry per class).")
    shapes = re.search(r"shapes \((\d+),\) \((\d+),\)", problem)
    if shapes and shapes.group(1) != shapes.group(2):  # probs.max(axis=0) or argmax(axis=0): (K,) against (n,)
        return ("One of those arrays has one entry per class, the other one per example: the confidence is one "
                "per row: probs.max(axis=1), and the prediction probs.argmax(axis=1) (axis=0 gives one entry "
                "per class).")
    if "too small depth" in problem:
        return ("The confidence is each row's largest probability, probs.max(axis=1), one per example; "
                "probs.max() is one number for the whole array.")
    if "too deep" in problem:  # np.bincount given a 2-D array: keepdims=True (03's max-subtraction) kept an axis
        return ("np.bincount takes flat arrays, one entry per example, and one of yours has two dimensions: most "
                "likely the confidence, from probs.max(axis=1, keepdims=True), which has shape (n, 1) (and so "
                "have bins made from it). Use probs.max(axis=1), shape (n,).")
    return ""


def _ece_cases(ece: Callable | None = None) -> list[Case]:
    rng = np.random.default_rng(7)
    logits = rng.normal(0.0, 2.0, size=(60, 3))
    probs = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs /= probs.sum(axis=1, keepdims=True)
    labels = np.array([rng.choice(3, p=row) for row in probs])
    # Confidences 0.95, 0.92 (wrong), 0.9, 0.85, 0.7, 0.6 (wrong), 0.75 (on an edge, wrong), 0.55. The edge
    # example being wrong makes bins closed on the right, on the left, on both sides and on neither give four
    # different ECEs (on both sides it is counted twice, on neither not at all). With 4 bins
    # every edge (0.25, 0.5, 0.75) is exact in binary, so the float comparison and the exact one agree,
    # and np.linspace(0, 1, M + 1), np.arange(M + 1) / M and ceil(confidence * M) - 1 all bin 0.75 alike:
    # the case tests which side of a bin is closed, not floating-point rounding.
    hand = np.array([[0.95, 0.05], [0.92, 0.08], [0.9, 0.1], [0.85, 0.15],
                     [0.3, 0.7], [0.4, 0.6], [0.25, 0.75], [0.55, 0.45]])
    hand_labels = np.array([0, 1, 0, 0, 1, 0, 0, 0])
    # Seven three-class predictions whose top two of 4 bins are off in opposite directions: (0.5, 0.75] holds
    # 0.6, 0.65, 0.7, all right (underconfident), (0.75, 1] holds 0.8 and 0.85 wrong, 0.9 right (overconfident),
    # and (0.25, 0.5] holds 0.4, right. Merging the top two bins lets their gaps cancel, so it shows here.
    opposite = np.array([[0.6, 0.3, 0.1], [0.65, 0.25, 0.1], [0.7, 0.2, 0.1], [0.8, 0.15, 0.05],
                         [0.85, 0.1, 0.05], [0.9, 0.05, 0.05], [0.4, 0.35, 0.25]])
    opposite_labels = np.array([0, 0, 0, 1, 2, 0, 0])
    return [
        _ece_case(probs, labels, 10, "60 random three-class predictions with 10 bins", ece),
        _ece_case(hand, hand_labels, 4, "eight two-class predictions with 4 bins", ece),
        _ece_case(opposite, opposite_labels, 4, "seven three-class predictions with 4 bins", ece),
    ]


_ZERO_BY_ZERO = ("Mean of empty slice", "invalid value", "divide by zero")


def check_ece(ece: Callable) -> None:
    """Exercise 07.1: ``ece(probs, labels, n_bins)`` with uniform bins, from scratch and without a Python loop over
    the bins (the notebook's ``ece_from_scratch`` has one).

    A warning fails the exercise even when the number is right; the hint then says the number is right. An answer
    right on every case is then run with 4 and with 100 bins, and fails if its own code, or the library code it calls
    (np.split's loop, np.sum run by map), runs many more lines with 100 (see ``_loop_hint``), or if map, driven by a
    function written in C, yields many more items with 100 (see ``_map_hint``).
    """
    cases = _ece_cases(ece if callable(ece) else None)
    learner = ece
    if callable(ece):
        from tempnb.calibration import expected_calibration_error, reliability_curve

        # expected_calibration_error runs reliability_curve, so it is listed first, to be the one named
        with _quiet():  # a repeat of the first case: its prints show once, when first_miss calls it
            shortcut = calls(ece, cases[0].args, expected_calibration_error, reliability_curve)
        if shortcut is not None:
            return hint(_library_shortcut(shortcut.__name__, "the ECE", "Find each image's bin with "
                                          "np.digitize(confidence, edges, right=True) - 1, then each bin's count, "
                                          "number right and summed confidence with np.bincount(bins, weights, "
                                          "minlength=n_bins)."))
        ece, returned = _recording(learner)

        calls_where = _calls_np_where(learner)
        cases = [dataclasses.replace(case, on_problem=_ece_on_problem_given(case.expected, returned, calls_where))
                 for case in cases]
    problem = first_miss(ece, cases, same=_same_number)
    if problem is not None:
        return hint(problem)
    loop = _loop_hint(learner) or _map_hint(learner)
    if loop is not None:
        return hint(loop)
    return passed("Your ECE matches tempnb.expected_calibration_error, bin edges included, and its work does not "
                  "grow with the number of bins.")


# ---------------------------------------------------------------- Exercise 07.1: a loop over the bins?

_FEW_BINS, _MANY_BINS = 4, 100


def _loop_probe() -> tuple[np.ndarray, np.ndarray]:
    """200 two-class predictions with confidences spread evenly over (0.5, 1), none on an edge of 4 or 100 bins:
    2 of 4 bins and 50 of 100 hold examples, so a loop over the bins, or over the non-empty ones only, makes at
    least 48 more passes with 100 bins than with 4."""
    confidence = 0.5 + (np.arange(200) + 0.5) / 400
    probs = np.column_stack([confidence, 1 - confidence])
    labels = (np.arange(200) % 3 == 0).astype(int)  # every third prediction wrong
    return probs, labels


# A loop over the bins: 100 bins run at least this many more lines than 4 (see _loop_probe: 48 more bins hold
# examples, and every pass of a loop runs at least one line).
_MORE_LINES = 30

_LOOP_FREE = ("The exercise asks for the loop-free version: every example's bin at once, bins = "
              "np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1, then the sums right_m = "
              "np.bincount(bins, correct, minlength=n_bins) and summed confidence_m (the same with confidence as "
              "the weights), and the ECE np.abs(right_m - summed confidence_m).sum() / n.")

_SPLIT = ("Your function uses np.split, which cuts the examples into one array per bin in a Python loop of "
          "NumPy's own; map or a comprehension over the pieces then runs once per bin too. ")


def _shown_function(name: str) -> str:
    """"numpy.sum" as np.sum; a private NumPy function as NumPy's _sum; another package's as package.name."""
    package, _, function = name.partition(".")
    if package == "numpy":
        return f"NumPy's {function}" if function.startswith("_") else f"np.{function}"
    return name


def _loop_hint(ece: Callable) -> str | None:
    """For an ECE right on every case: the hint when it loops over the bins, that is when 100 bins run at least
    ``_MORE_LINES`` more lines than 4 bins do on the same predictions, of the learner's code or of the libraries'
    it calls (or when it fails or goes wrong on those predictions); None when its work does not grow with the
    number of bins."""
    from tempnb.calibration import expected_calibration_error

    probs, labels = _loop_probe()
    runs: dict[int, LinesRun] = {}
    for n_bins in (_FEW_BINS, _MANY_BINS):
        where = f"your ECE is right on the three cases, but on 200 two-class predictions with {n_bins} bins"
        with _quiet():  # the check's own 200 predictions
            runs[n_bins] = run = lines_run(ece, probs, labels, n_bins)
        expected = expected_calibration_error(probs, labels, n_bins)
        if run.outcome.problem:
            ending = "" if run.outcome.problem.endswith(".") else "."
            return (f"{where} {run.outcome.problem}{ending} Build every array from the arguments, its size included "
                    "(np.zeros(n_bins), not a number of bins typed in).")
        if not _same_number(run.outcome.value, expected):
            return (f"{where} it is {shown(run.outcome.value)}, not {expected:.6f}: does something in your function "
                    "stand for the check's cases rather than follow its arguments, such as a number of bins typed "
                    "in (a buffer np.zeros(10), a clip at 9)? Build everything from probs, labels and n_bins.")
    few, many = runs[_FEW_BINS], runs[_MANY_BINS]
    split = _SPLIT if "array_split" in few.library_names | many.library_names else ""
    if many.own_lines >= few.own_lines + _MORE_LINES:
        # the notebook's own loop ("Reliability diagrams and ECE, from scratch"), named by the outer function
        reused = next((name for name in ("ece_from_scratch", "reliability_from_scratch")
                       if name in few.own_names | many.own_names), None)
        return ((f"your ECE is right, but your function runs the notebook's {reused}, which loops over the bins in "
                 "Python" if reused else "your ECE is right, but your function loops over the bins in Python")
                + f": it runs {few.own_lines} lines of your code with {_FEW_BINS} bins and {many.own_lines} with "
                f"{_MANY_BINS}, so its work grows with the number of bins (a for loop, a comprehension, map or "
                f"sum(... for ...) over the bins all do, even one that only builds the edges). {split}{_LOOP_FREE}")
    few_total, many_total = sum(few.library_lines.values()), sum(many.library_lines.values())
    if many_total < few_total + _MORE_LINES:
        return None
    # a loop that a library runs for the learner: name the library function whose lines grew most
    growth = {name: lines - few.library_lines.get(name, 0) for name, lines in many.library_lines.items()}
    grown = max(sorted(growth), key=lambda name: (growth[name], not name.endswith("_dispatcher")))
    calls_few, calls_many = few.library_calls.get(grown, 0), many.library_calls.get(grown, 0)
    how = (f", which your code calls {calls_few} times with {_FEW_BINS} bins and {calls_many} with {_MANY_BINS}: "
           "once per bin, as map(function, pieces) does" if calls_many >= calls_few + _MORE_LINES else
           ", which loops over the bins for you")
    if grown == "pandas.cut":
        # pd.cut's default labels, one Interval per bin, are built and formatted in Python; labels=False returns
        # each example's bin number instead (the reviewer's answer with it passes)
        return (f"your ECE is right, but its work grows with the number of bins inside pandas: the library code runs "
                f"{few_total} lines of Python with {_FEW_BINS} bins and {many_total} with {_MANY_BINS}, most of them "
                "in pandas.cut, which builds one label per bin, such as (0.25, 0.5], in Python. Pass labels=False: "
                "pd.cut(confidence, edges, labels=False) gives each example's bin number (0 to n_bins - 1) with no "
                "per-bin Python.")
    return (f"your ECE is right, but its work grows with the number of bins inside the library functions it calls: "
            f"they run {few_total} lines of Python with {_FEW_BINS} bins and {many_total} with {_MANY_BINS}, most "
            f"of them in {_shown_function(grown)}{how}. "
            + (split or "That is a loop over the bins, run for you (by map, np.vectorize, np.apply_along_axis or the "
               "like) rather than written out. ") + _LOOP_FREE)


# map driven by a function written in C (the builtin sum, np.add.reduce, operator.truediv) runs no line of Python
# per item, so neither count above sees it (cold read r164, X1). The learner's function is therefore run once more
# with its name map bound to a map that counts the items it yields, each one call of the mapped function.


class _CountedMap:
    """The builtin map, counting in ``counter[0]`` the items it yields."""

    def __init__(self, counter: list[int], function: Callable, *iterables: object, **options: object) -> None:
        self._items = map(function, *iterables, **options)
        self._counter = counter

    def __iter__(self) -> _CountedMap:
        return self

    def __next__(self) -> object:
        item = next(self._items)
        self._counter[0] += 1
        return item


def _names_map(function: types.FunctionType) -> bool:
    """Whether the code of ``function``, or of a function or comprehension defined inside it, names map."""
    stack = [function.__code__]
    while stack:
        code = stack.pop()
        if "map" in code.co_names:
            return True
        stack.extend(constant for constant in code.co_consts if hasattr(constant, "co_names"))
    return False


def _items_mapped(function: Callable, *args: object) -> int | None:
    """How many items map yields while ``function(*args)`` runs (through ``call``: fresh copies, nothing printed
    shown); None when ``function`` is not a plain Python function whose code names the builtin map.

    The function runs as a copy whose globals are a copy of its own with map bound to ``_CountedMap``, so nothing
    the learner's session holds changes; the learner's other functions that name map (helpers it calls) are
    copied the same way."""
    if not isinstance(function, types.FunctionType) or function.__globals__.get("map", map) is not map:
        return None
    own = function.__globals__
    helpers = {name: value for name, value in own.items()
               if isinstance(value, types.FunctionType) and value.__globals__ is own and _names_map(value)}
    if not helpers and not _names_map(function):
        return None
    counter = [0]
    counted = dict(own)
    counted["map"] = functools.partial(_CountedMap, counter)

    def copied(original: types.FunctionType) -> types.FunctionType:
        copy = types.FunctionType(original.__code__, counted, original.__name__, original.__defaults__,
                                  original.__closure__)
        copy.__kwdefaults__ = original.__kwdefaults__
        return copy

    counted.update({name: copied(helper) for name, helper in helpers.items()})
    with _quiet():
        outcome = call(copied(function), *args)
    return counter[0] if outcome.problem is None else None


def _map_hint(ece: Callable) -> str | None:
    """For an ECE right on every case that passed the line counts: the hint when map, driven by a function written
    in C, yields at least ``_MORE_LINES`` more items with 100 bins than with 4 on the same predictions."""
    probs, labels = _loop_probe()
    few, many = (_items_mapped(ece, probs, labels, n_bins) for n_bins in (_FEW_BINS, _MANY_BINS))
    if few is None or many is None or many < few + _MORE_LINES:
        return None
    return ("your ECE is right, but your function calls map over the bins: on 200 two-class predictions, map "
            f"made {few} calls with {_FEW_BINS} bins and {many} with {_MANY_BINS}, one per bin (or per edge) each "
            "time it runs. A function written in C, such as sum, np.add.reduce or operator.truediv, runs no "
            "line of Python when map calls it, but map still calls it once per bin: a loop over the bins, as the "
            f"exercise says, even one that only builds the edges. {_LOOP_FREE}")


def _library_shortcut(name: str, what: str, how: str) -> str:
    """The hint for an answer that runs the tempnb function the exercise asks the learner to write."""
    return (f"your function calls {name} (tempnb.{name}); the exercise asks you to write {what} yourself — use "
            f"the library only to compare. {how}")


def _recording(learner: Callable) -> tuple[Callable, dict[str, object]]:
    """The learner's function wrapped to keep what it returned on the case being called, and that record: local to
    one check, so the hints can ask whether a call that warned or raised had returned the right value."""
    returned: dict[str, object] = {}

    @functools.wraps(learner)  # keeps the parameter names that the hints quote
    def recorded(*args: object) -> object:
        returned.clear()
        returned["value"] = learner(*args)
        return returned["value"]
    return recorded, returned


def _ece_on_problem_given(expected: float, returned: dict, calls_where: bool = False) -> Callable[[str], str]:
    """_ece_on_problem, led by "your number is right" when a 0/0 warning came with the right value."""
    def on_problem(problem: str) -> str:
        advice = _ece_on_problem(problem, calls_where)
        if any(kind in problem for kind in _ZERO_BY_ZERO) and "value" in returned:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                right = _same_number(returned["value"], expected)
            if right:
                where = ("np.mean of an empty bin's selection" if "Mean of empty slice" in problem
                         else "right / count with a count of 0")
                if calls_where and "Mean of empty slice" not in problem:
                    return "Your number is right, but a warning counts as not yet. " + _YOUR_WHERE
                return ("Your number is right, but an empty bin makes 0/0 (a RuntimeWarning), and a warning "
                        "counts as not yet: use the sums, Σ_m |right_m − summed confidence_m| / n, which need no "
                        f"division per bin (or divide only where count > 0, {_DIVIDE_WHERE}). "
                        f"Here the 0/0 is {where} (even if the nan is dropped or skipped afterwards).")
        return advice
    return on_problem


def _same_number(answer: object, expected: float, rel_tol: float = 1e-9) -> bool:
    value = number(answer)
    return value is not None and math.isclose(value, expected, rel_tol=rel_tol, abs_tol=1e-12)


# ---------------------------------------------------------------- Exercise 07.2: fit T by hand


_BRENT = ("minimize_scalar without bounds uses Brent's method, which starts near 0 and may try T <= 0: give it "
          "bounds (bounds=(0.05, 20), method='bounded') or search over log T.")


_FLAT = ("the accuracy (or the error rate) is the same at every T, because dividing the logits by T > 0 keeps "
         "every row's argmax, so minimising it gives the search nothing to follow. Minimise the mean NLL, "
         "-log_softmax(logits / T, axis=1)[np.arange(n), labels] averaged over the rows: it rewards the right "
         "confidence, not only the right class.")


# lower bounds a search for T (or log T) commonly uses: e^-5 (log T in (-5, 5)), 0.05, 0.01, 1e-3
_LOWER_BOUNDS = (math.exp(-5), 0.05, 0.01, 1e-3)


def _near_lower_bound(answer: float) -> bool:
    """Whether ``answer`` lies just above one of the common lower bounds, as a bounded search that runs to it ends.

    minimize_scalar(method="bounded") never evaluates its bound: with its default xatol = 1e-5 it stops about
    2 * xatol / 3 = 6.7e-6 above it (0.0500066 for the bound 0.05), so the window is 1e-3 relative or 2e-5
    absolute, whichever is wider. A grid's first point lies on the bound up to its last digits: excluded."""
    return any(1e-12 * low < abs(answer - low) <= max(1e-3 * low, 2e-5) for low in _LOWER_BOUNDS)


# -mean(q of the label) instead of the mean NLL: on 100 rows (2, 0) labelled 0 and 100 rows (1, 0) labelled 1, the
# mean label probability sigmoid(2β) + sigmoid(-β) (β = 1/T), halved, is largest where 2 sigmoid'(2β) = sigmoid'(β),
# that is cosh β = √2 cosh(β/2), so cosh(β/2) = (√2 + √10)/4 and T = 1 / (2 acosh((√2 + √10)/4)) ≈ 0.942263: inside
# every common search range, while the NLL's best T there is near 2.4 and a flipped sign runs to the lower bound.
_PROBABILITY_T = 1 / (2 * math.acosh((math.sqrt(2) + math.sqrt(10)) / 4))


# Only the log-sum-exp divided by T: mean(logsumexp(z / T) - z_y), whose label term no longer depends on T, so its
# best T is where mean logsumexp(z / T) is lowest, whatever the labels. Its derivative in T is -mean(E_q[z]) / T² (q
# = softmax(z / T)), zero where the rows' softmax-weighted mean logits add up to 0. On the rows (3, 0, 0) and
# (-1, -3, -3) that sum runs from 3 - 1 = 2 > 0 as T -> 0 to 1 - 7/3 < 0 as T -> inf, so it has one root, found
# with brentq: about 2.358, inside every common search range, while the true NLL's best T there, with both labels
# their row's top class, runs to the bottom of the range (cold read r164, X3).
_LSE_ONLY_LOGITS = np.array([[3.0, 0.0, 0.0], [-1.0, -3.0, -3.0]])


@functools.lru_cache(maxsize=1)
def _lse_only_T() -> float:
    import scipy.optimize

    from tempnb.core import softmax

    def weighted_logits(temperature: float) -> float:
        return float(np.sum(softmax(_LSE_ONLY_LOGITS, temperature, axis=1) * _LSE_ONLY_LOGITS))
    return scipy.optimize.brentq(weighted_logits, 0.1, 50.0, xtol=1e-12)


def _tempers_only_logsumexp(fit: Callable | None) -> bool:
    """Whether ``fit`` returns, on ``_LSE_ONLY_LOGITS`` with both labels 0, the T where mean logsumexp(z / T) is
    lowest: an objective in which only the log-sum-exp is divided by T."""
    if fit is None:
        return False
    probe = _probe(fit, _LSE_ONLY_LOGITS.copy(), np.zeros(2, dtype=int))
    # 6e-3: within half a step of the notebook's 400-point grid (1.1%), so a grid search is recognised too
    return probe.problem is None and _same_number(probe.value, _lse_only_T(), rel_tol=6e-3)


_LSE_ONLY = ("only the log-sum-exp is divided by T: log softmax(z / T)_y = z_y / T - logsumexp(z / T), and both "
             "terms carry T. Without the / T on the label's logit, that term no longer depends on T, so the search "
             "follows the log-sum-exp alone, whatever the labels: divide the label's logit by T too, "
             "logits[np.arange(n), labels] / T (or use log_softmax(logits / T, axis=1)[np.arange(n), labels]).")


def _minimises_probability(fit: Callable | None) -> bool:
    """Whether ``fit`` returns, on fresh logits of its own, the T that minimises -mean(q of the label)."""
    if fit is None:
        return False
    logits = np.array([[2.0, 0.0]] * 100 + [[1.0, 0.0]] * 100)
    labels = np.array([0] * 100 + [1] * 100)
    probe = _probe(fit, logits, labels)
    return probe.problem is None and _same_number(probe.value, _PROBABILITY_T, rel_tol=2e-2)


def _temperature_case(true_temperature: float, seed: int, label: str,
                      one_elsewhere: Callable[[], bool] = lambda: True, fit: Callable | None = None,
                      shift: float = 0.0, after_a_pass: bool = False) -> Case:
    """``one_elsewhere()`` says whether the learner's function also returns T = 1 on the other case; with the
    learner's ``fit``, a wrong T is also tested for not reacting to the labels (see ``ignores_labels``). ``shift``
    is added to every logit after the labels are drawn: it changes no softmax, so neither the labels' distribution
    nor the best T, but exp(logits / T) overflows without 03's max-subtraction at any T below shift / 709.
    ``after_a_pass`` says the case is reached only after an earlier one passed with the same code (every case but
    the first): a T far off then points to the search rather than the objective, and on the shifted case, which
    follows the same logits unshifted, to the shift."""
    import scipy.optimize
    import scipy.special

    from tempnb.calibration import brier_score, fit_temperature, negative_log_likelihood
    from tempnb.core import softmax

    rng = np.random.default_rng(seed)
    logits = rng.normal(0.0, 3.0, size=(300, 5))
    probs = softmax(logits, true_temperature, axis=1)
    labels = (np.cumsum(probs, axis=1) < rng.random((300, 1))).sum(axis=1).clip(max=4)
    logits = logits + shift
    expected = fit_temperature(logits, labels)

    def whole_array_nll(log_t: float) -> float:  # softmax over the whole array: 03's batch pitfall
        log_q = scipy.special.log_softmax(logits / math.exp(log_t))
        return float(-np.mean(log_q[np.arange(len(labels)), labels]))

    whole_array_T = math.exp(scipy.optimize.minimize_scalar(whole_array_nll, bounds=(-5, 5), method="bounded",
                                                            options={"xatol": 1e-10}).x)

    def per_column_nll(log_t: float) -> float:  # softmax over axis=0: each class normalised over the examples
        log_q = scipy.special.log_softmax(logits / math.exp(log_t), axis=0)
        return float(-np.mean(log_q[np.arange(len(labels)), labels]))

    per_column_T = math.exp(scipy.optimize.minimize_scalar(per_column_nll, bounds=(-5, 5), method="bounded",
                                                           options={"xatol": 1e-10}).x)
    lowest_nll = negative_log_likelihood(logits, labels, expected)  # what a search's .fun holds at its end

    def brier(log_t: float) -> float:
        return brier_score(softmax(logits, math.exp(log_t), axis=1), labels)

    # The T that minimises the Brier score instead (any scaling of it, a mean over n·K entries say, has the same
    # minimum): 1.9556 on the overconfident case, 0.77% below its best T, so within a grid step of it.
    brier_T = math.exp(scipy.optimize.minimize_scalar(brier, bounds=(-5, 5), method="bounded",
                                                      options={"xatol": 1e-10}).x)

    def picks_columns(answer: float) -> bool:
        """Whether the T falls far below ``answer`` when every row's largest logit is in column 0 and every label is
        0. An objective built from whole columns of log q, log_q[:, labels], then averages -log q of column 0, the
        top class, which falls as T shrinks; a flat objective (the accuracy) returns the same T again, -(1/T) log q
        (q^(1/T) not renormalised) still falls as T grows, and a flipped sign still runs to large T."""
        if fit is None:
            return False
        probe = _probe(fit, -np.sort(-logits, axis=1), np.zeros(len(labels), dtype=int))
        value = number(probe.value) if probe.problem is None else None
        return value is not None and 0 < value < answer / 2

    def ignores_labels(answer: float) -> bool:
        """The same T when every label is its row's top class (the NLL then falls as T -> 0) and when every label
        is its bottom class (it falls as T -> inf): an objective that does not change with T, such as accuracy."""
        if fit is None:
            return False
        probes = [_probe(fit, logits, logits.argmax(axis=1)), _probe(fit, logits, logits.argmin(axis=1))]
        return all(probe.problem is None and _same_number(probe.value, answer) for probe in probes)
    if shift:
        # reached only after the same logits without the shift passed: whatever T comes back, the shift caused it
        return Case((logits, labels), expected, _shift_broke_it(label, expected), label, (), _temperature_on_problem)
    return Case(
        (logits, labels), expected,
        f"on {label}, the best T is {expected:.5f}; you returned {{got}}. Minimise the mean NLL of "
        "softmax(logits / T) over T > 0 (searching log T reaches small and large T equally easily).",
        label,
        (
            Mistake(near(math.log(expected), 1e-3),
                    f"on {label} you returned log T, the variable your search ran over: return the temperature "
                    "itself, math.exp(result.x)."),
            Mistake(lambda a: a <= 0, f"on {label} you returned {{got}}; a temperature must be positive. {_BRENT}"),
            Mistake(near(lowest_nll, 1e-6), f"on {label} you returned {{got}}, the lowest mean NLL itself (the "
                                            "search's result.fun); return where it is reached, the temperature "
                                            "result.x (math.exp(result.x) if you searched log T)."),
            Mistake(near(math.exp(lowest_nll), 1e-6),
                    f"on {label} you returned {{got}}, e to the lowest mean NLL (math.exp(result.fun)): the "
                    "temperature is where the minimum is reached, math.exp(result.x) for a search over log T."),
            Mistake(near(per_column_T, 1e-3), f"on {label} your softmax normalised each column (axis=0: one class "
                                              "over all the examples) instead of each row: every row is one "
                                              "example's distribution over the classes, so use axis=1."),
            # T applied twice, log_softmax(logits / T, T, axis=1): the search fits T² to the best T, so returns its root
            Mistake(near(math.sqrt(expected), 1e-3),
                    f"on {label} your T, {{got}}, is the square root of the best T, {expected:.5f}: you divided "
                    "the logits by T twice (logits / T and the temperature argument, as in "
                    "log_softmax(logits / T, T, axis=1)), so your search fitted T². Divide once: "
                    "log_softmax(logits / T, axis=1) or log_softmax(logits, T, axis=1)."),
            Mistake(near(1 / expected, 1e-3), f"on {label} you returned 1/T (the inverse temperature β), or "
                                               "your objective multiplied the logits by T; the answer is "
                                               "T = 1/β, with the logits divided by T."),
            # T = 1 on both cases: the placeholder, or an optimiser that never moved
            Mistake(lambda a: near(1.0, 1e-12)(a) and one_elsewhere(),
                    f"on {label} you returned T = 1 (the placeholder, or an optimiser that never left its start, "
                    "as one does when its objective, such as the accuracy, does not change with T)."),
            # T = 1 on this case only: a search that ends at 1, on the side of the best T: a grid starting or ending
            # on 1, or a bounded search, which stops just inside its bound (1.0000047 for bounds (1, 10)). Before any
            # case has passed, 1 may instead be the far end of a search that ran away from the minimum.
            Mistake(lambda a: _at_round_bound(a, 1.0),
                    f"on {label} your search's {'lowest' if expected < 1 else 'highest'} T is 1, but the best T "
                    f"here is {'below' if expected < 1 else 'above'} 1 ({expected:.5f}): let the search go "
                    f"{'below' if expected < 1 else 'above'} 1 (e.g. bounds (0.05, 20) or search log T)"
                    + (": the best T can lie on either side of 1, and your function passed the first case, whose "
                       "best T lies on the other side." if after_a_pass else
                       f". (If 1 is the {'top' if expected < 1 else 'bottom'} of your range instead, your search ran "
                       "away from the minimum: check that your objective is the mean NLL, not its negative.)")),
            Mistake(near(whole_array_T, 1e-3), f"on {label} your softmax normalised the whole array as one "
                                               "distribution (scipy.special.softmax without axis, 03's batch "
                                               "pitfall): normalise each row, axis=1."),
            # A function that reads notebook variables (overfit_val_logits, y_val) instead of its arguments returns
            # their best T, 2.199, which the label probes below cannot tell from a flat objective: name it first.
            Mistake(lambda a: _ignores_its_arguments(fit, a, object(), object()),
                    f"on {label} your function returned {{got}}, and it returns that same T when logits and labels "
                    "are replaced by plain object()s, which nothing can compute with: it does not use its "
                    "arguments. Compute from its parameters logits and labels, not from notebook variables such as "
                    "overfit_val_logits and y_val (or a number typed in): the check calls it on logits and labels "
                    f"of its own, where the best T is {expected:.5f}."),
            # only the log-sum-exp divided by T ignores the labels too: named before the probes below, whose hints
            # name other objectives that ignore them
            Mistake(lambda a: _tempers_only_logsumexp(fit),
                    f"on {label} your T is {{got}}, not the best one, {expected:.5f}, and on two rows of the "
                    "check's own logits, (3, 0, 0) and (-1, -3, -3), with both labels 0, your function returns "
                    f"{_lse_only_T():.4f}, where the mean logsumexp(logits / T) is lowest, whatever the labels: most "
                    "likely " + _LSE_ONLY),
            # Checked before the bounds below: an objective that ignores the labels, or one that does not change
            # with T (the accuracy, say), also ends at a bound, and naming it is more use than listing every way to
            # reach a bound. A bounded search (minimize_scalar) stops near its lower bound but never on it (a grid
            # starts on it, up to rounding in its last digits), and only an objective that falls as T shrinks takes
            # it there (a flat one ends near the top): the model's own predictions standing in for the labels lead
            # that hint.
            Mistake(lambda a: 0 < a < expected / 20 and _near_lower_bound(a) and ignores_labels(a),
                    f"on {label} your T, {{got}}, far below the best one, {expected:.5f}, stays the same when every "
                    "label is made its row's top class and when every label is made its bottom class, though the "
                    "NLL's best T then runs to opposite ends, and your search stopped at its lower bound: most "
                    "likely the model's own predictions (argmax) stand in for the labels, and the NLL of those "
                    "falls as T shrinks: use the labels given."),
            # A grid's argmin (or argmax) returns the grid's first T, exactly, both for an objective that does not
            # change with T and for one that falls as T shrinks: the flat one leads, since the accuracy does read
            # the labels and "your objective does not use the labels" would be wrong about it.
            Mistake(lambda a: 0 < a < expected / 20 and ignores_labels(a),
                    f"on {label} your T, {{got}}, far below the best one, {expected:.5f}, stays the same when every "
                    "label is made its row's top class and when every label is made its bottom class, though the "
                    "NLL's best T then runs to opposite ends. Either your objective does not change with T at all "
                    f"(the accuracy, say), and a grid's argmin or argmax returns its first T: {_FLAT} Or the model's "
                    "own predictions (argmax) stand in for the labels, and the NLL of those falls as T shrinks: use "
                    "the labels given."),
            # far above the best T (at a bound, say), yet far below it on the probe where every label is its row's
            # top class: an objective from whole columns of log q (see picks_columns), named before the hints below
            # that list it among other causes. The right NLL falls to the search's lower bound on that probe too, so
            # this needs T far above the best one, which the right NLL in bounds that hold the minimum never gives.
            Mistake(lambda a: a > 2 * expected and picks_columns(a),
                    f"on {label} your T, {{got}}, lies far above the best one, {expected:.5f}, yet on logits "
                    "where every row's top class is class 0 and every label is 0 your function returns less than "
                    "half that T: most likely log_q[:, labels] picks whole columns, so your objective averages "
                    "-log q over several classes of every row and falls as T grows whatever the labels. Index each "
                    "row's own label: log_q[np.arange(n), labels]."),
            # above the best T (at a bound, say): a flat objective, or one that falls as T grows whatever the
            # labels (q^(1/T) not renormalised); the probes cannot tell these two apart, so the hint names both
            Mistake(lambda a: a > expected and ignores_labels(a),
                    f"on {label} your T, {{got}}, above the best one, {expected:.5f}, stays the same when every label "
                    "is made its row's top class and when every label is made its bottom class, though the NLL's "
                    "best T then runs to opposite ends: your objective either does not change with T or falls as T "
                    "grows whatever the labels, and the search drifted to the top of its range. If it does not "
                    f"change with T: {_FLAT} If it falls as T grows: it does if you raised the probabilities to 1/T "
                    "without renormalising each row, -log q^(1/T) = -(1/T) log q; renormalise, as 04's "
                    "apply_temperature does, or use log_softmax(logits / T, axis=1); and it does if "
                    "log_q[:, labels] / log_q[labels] picks whole columns/rows: index "
                    "log_q[np.arange(n), labels]. Or " + _LSE_ONLY),
            Mistake(ignores_labels,
                    f"on {label} your T, {{got}}, stays the same when every label is made its row's top class and "
                    "when every label is made its bottom class, though the NLL's best T then runs to opposite "
                    "ends: your objective does not change with T, and the search stops wherever its steps end: "
                    f"{_FLAT}"),
            # -mean(q of the label) rises as T falls on the overconfident case, so its search also ends low; the
            # probe's own data tell it from a flipped sign (which there runs to the lower bound, not to 0.942263)
            Mistake(lambda a: 0 < a < expected / 20 and _minimises_probability(fit),
                    f"on {label} your T, {{got}}, is far below the best one, {expected:.5f}, and on other logits "
                    "your function returns the T with the largest mean probability of the label: your objective "
                    "is -mean(q of the label). Take the log: minimise the mean of −log q of the label, not −q."),
            # a search that ran to the top of common bounds (the (0.05, 20) suggested, or 10, 50, 100). A flipped
            # sign ends here in those bounds (see the comment on the lower bound below), so it comes first.
            Mistake(lambda a: a > 2 * expected and any(abs(a - top) <= 1e-3 * top for top in (10, 20, 50, 100)),
                    f"on {label} your search stopped at its upper bound, {{got}}, far above the best T, "
                    f"{expected:.5f}. Either your objective's sign is flipped: minimising mean(log q of the label) "
                    "maximises the NLL, which rises on both sides of the best T; minimise -mean(log q of the "
                    "label). Or your objective keeps falling as T grows: log_q[:, labels] / log_q[labels] picks whole "
                    "columns/rows (index log_q[np.arange(n), labels]), or q**(1/T) was not renormalised (use "
                    "log_softmax(logits / T, axis=1))."),
            Mistake(lambda a: a > 20 * expected,
                    f"on {label} your T ran far above the best one, {expected:.5f}, as if your objective kept "
                    "falling as T grows. It does if it averages -log q over every class of a row: log_q[labels] "
                    "picks whole rows (and log_q[:, labels] whole columns); each row's own label entry is "
                    "log_q[np.arange(n), labels]. (Or your objective's "
                    "sign is flipped, so the search maximised the NLL and ran to a bound; or a grid or bounds whose "
                    f"top is the answer you got.) Or it does not change with T at all: {_FLAT}"),
            # a flipped sign maximises the NLL, which rises on both sides of the best T: towards log K as T grows,
            # without limit as T shrinks (the log q of labels that are not their row's top fall without limit). A
            # bounded search then stops at the bound its first probes point to, within its xatol (1e-5 by
            # default). For T in (0.05, 20) its first probes lie at T = 7.7 and 12.4, and it ends at 20 on both
            # cases (the hint above); for log T in (-5, 5) they lie at T = 0.31 and 3.3, and it ends at the lower
            # bound on the overconfident case (this hint) and at the upper one, 148, on the underconfident case
            Mistake(lambda a: 0 < a < expected / 20 and any(abs(a - low) <= 1e-4 * low for low in _LOWER_BOUNDS),
                    f"on {label} your search stopped at its lower bound, {{got}}, far below the best T, "
                    f"{expected:.5f}: most likely your objective's sign is flipped, so the search maximised the "
                    "NLL (minimising mean(log q of the label) does that): minimise +mean(-log q of the label). "
                    "(The NLL also falls as T shrinks when every label is its row's largest logit, as when the "
                    "model's own predictions stand in for the labels: use the labels given.)"),
            Mistake(lambda a: 0 < a < expected / 20,
                    f"on {label} your T ran far below the best one, {expected:.5f}, as if your objective kept "
                    "falling as T shrinks. The NLL does that when every label is its row's largest logit, as "
                    "when the model's own predictions (argmax) stand in for the labels: use the labels given. (Or "
                    "your objective's sign is flipped, so the search maximised the NLL and ran to a bound: minimise "
                    "+mean(-log q of the label); or a grid or bounds whose bottom is the answer you got.)"),
            # the best T rounded, or the nearest point of a grid stepping by 10^-k (np.linspace(0.1, 5, 50) holds
            # 2.0): to 1 decimal 2.0, 1.5% from the overconfident case's 1.97081 (on the underconfident one 0.5 is
            # 7% from 0.465831, outside this window); to 4 decimals it already passes within 1e-4
            *(Mistake(lambda a, k=k: a != expected and math.isclose(a, round(expected, k), rel_tol=1e-12)
                      and math.isclose(a, expected, rel_tol=0.02),
                      f"on {label} your T, {{got}}, is the best T, {expected:.5f}, rounded to {k} decimal"
                      f"{'s' if k > 1 else ''}: either you rounded it (round(T, {k}), or a number printed and read "
                      f"back, loses the digits the check compares within 1e-4 relative), or your grid steps by "
                      f"{10.0 ** -k:g}, a grid too coarse for the check. Return the float your search found, "
                      "unrounded: minimize_scalar on the mean NLL, or a finer grid around your best T.")
              for k in range(1, 5)),
            # the Brier score's best T lies near the NLL's (0.77% below it on the overconfident case, 2.4% on the
            # underconfident one), so it would otherwise read as a grid step or a loose tolerance
            Mistake(lambda a: math.isclose(a, brier_T, rel_tol=1e-3)
                    and not math.isclose(brier_T, expected, rel_tol=1e-3),
                    f"on {label} your T, {{got}}, minimises the Brier score (its best T here is {brier_T:.5f}), "
                    f"not the mean NLL, whose best T is {expected:.5f}: the two objectives have their minima at "
                    "different T. Minimise the mean NLL, -log_softmax(logits / T, axis=1)[np.arange(n), labels] "
                    "averaged over the rows."),
            # at a round number a learner types as a bound (1 has its own hint above; a T exactly on 2, the best T
            # rounded, is taken by the roundings above): a bounded search stopped just inside a bound that excludes
            # the minimum, a grid that ends there, or a search that ran away to the far end of its range. Named
            # before the 2% window below, which the bound 2 falls in on the overconfident case (1.5% above its best
            # T, 1.97081), and before the objective that _missed_minimum names first until a case has passed.
            *(Mistake(lambda a, bound=bound: _at_round_bound(a, bound),
                      _stopped_at_bound(label, expected, bound, after_a_pass))
              for bound in _ROUND_BOUNDS if bound != 1.0),
            # within about a grid step: the notebook's np.geomspace(0.25, 20, 400) steps by 1.1%. The ECE's best T
            # (a grid's, or minimize_scalar's) lies 4% to 11% from the NLL's on both cases, outside this window.
            Mistake(lambda a: math.isclose(a, expected, rel_tol=0.02),
                    f"on {label} your T, {{got}}, is within 2% of the best T, {expected:.5f}, but not within the "
                    "1e-4 relative the check wants: within a grid step, a grid too coarse for the check (the "
                    "notebook's np.geomspace(0.25, 20, 400) steps by 1.1%), a solver stopped by a loose "
                    "tolerance, an objective other than the mean NLL (Brier, ECE), an objective computed after a "
                    "cast to float32 (near its minimum the NLL is so flat that float32's rounding can move the T "
                    "where it looks lowest by more than 1e-4 relative), or a rounded T. Refine it with "
                    "minimize_scalar on the mean NLL in float64 (bounds=(0.05, 20), method='bounded', "
                    "options={{'xatol': 1e-8}}), or search a finer grid around your best T; return it unrounded."),
            Mistake(lambda a: a < expected, _missed_minimum(label, expected, "larger", after_a_pass)),
            Mistake(lambda a: a > expected, _missed_minimum(label, expected, "smaller", after_a_pass)),
        ),
        _temperature_on_problem,
    )


_SUBTRACT_THE_MAX = (
    "np.exp overflowed at a small positive T (or a large beta = 1/T), not at T <= 0: your function runs without "
    "the overflow once each row's largest logit is made 0 (which changes no softmax), so a logit divided by T "
    "passed about 709, where np.exp gives inf. Subtract each row's largest value before np.exp, as in 03, or use "
    "tempnb.log_softmax(z / T, axis=1) or scipy.special.logsumexp, which do it for you.")


# cold read r168 (X1): a log-sum-exp without the max-subtraction, its overflow warning silenced (np.errstate or a
# warnings filter), returns inf on the logits plus 1000; a bounded search then computes inf - inf, and only that
# "invalid value" surfaces, which alone would read as a search that tried T <= 0
_SILENCED_OVERFLOW = (
    "This warning did not come from T <= 0: on the same logits with each row's largest made 0 (which changes no "
    "softmax) your function runs with no warning at all. Most likely np.exp overflowed to inf at a small positive "
    "T (a logit divided by T passed about 709) while its overflow warning was silenced (np.errstate, a warnings "
    "filter), so your objective returned inf, and the search's own arithmetic on it (inf - inf) gave this "
    "warning. Subtract each row's largest value before np.exp, as in 03, or use tempnb.log_softmax(z / T, axis=1) "
    "or scipy.special.logsumexp, which do it for you.")


def _temperature_on_problem(problem: str, overflow_is_max: Callable[..., bool] | None = None,
                             zero_in_log: Callable[[], bool] | None = None) -> str:
    """A warning or error from a search that tried T <= 0, as unbounded minimize_scalar does; or, when
    ``overflow_is_max()`` says the overflow goes away on logits whose row maxima are 0, a log-sum-exp without 03's
    max-subtraction, which overflows at a small positive T (or a large beta = 1/T), and when
    ``overflow_is_max(clean=True)`` says an "invalid value" goes away there too, the same overflow with its warning
    silenced; or, when ``zero_in_log()`` says
    the first division by zero happened in np.log, the log of a probability that underflowed to 0."""
    if "divide by zero" in problem and zero_in_log is not None and zero_in_log():
        return ("np.log met a probability that underflowed to 0: log(softmax(z / T)) does at a small T. Compute "
                "the log-probabilities with tempnb.log_softmax(z / T, axis=1), which never takes log 0.")
    if "divide by zero" in problem:
        return ("Either something was divided by T = 0 (a search that tried T <= 0), or np.log met a probability "
                "that underflowed to 0: log(softmax(z / T)) does at small T. Compute the log-probabilities with "
                f"tempnb.log_softmax(z / T, axis=1), which never takes log 0. {_BRENT}")
    if "overflow" in problem and overflow_is_max is not None and overflow_is_max():
        return _SUBTRACT_THE_MAX
    if "overflow" in problem:
        return (f"Your search probably tried T <= 0 (or, without 03's max-subtraction, a T so small that a logit "
                f"divided by it passes about 709, where np.exp gives inf). {_BRENT}")
    if "invalid value" in problem and overflow_is_max is not None and overflow_is_max(clean=True):
        return _SILENCED_OVERFLOW
    if any(word in problem for word in ("invalid value", "(0, inf]")):
        return f"Your search probably tried T <= 0. {_BRENT}"
    if "above -inf" in problem or "every logit is -inf" in problem:  # z / T at T <= 0 (or T = -0.0): all -inf
        return (f"Your search probably tried T <= 0, where z / T turns a row's logits into -inf. {_BRENT}")
    rows = re.search(r"IndexError: index (\d+) is out of bounds for axis 0 with size (\d+)", problem)
    if rows and int(rows.group(1)) >= int(rows.group(2)):
        # np.arange(len(y_val)) or y_val, 378 of them, indexing the rows of the check's 300 logits (cold read r164)
        return (f"An index array runs past the {rows.group(2)} rows of an array built from the check's logits: "
                "most likely it comes from a notebook variable of another length, such as y_val (378 labels) or "
                "np.arange(len(y_val)), used in place of the argument labels. Compute everything from the "
                "parameters logits and labels, as log_softmax(logits / T, axis=1)[np.arange(len(labels)), labels]: "
                "the check calls your function on logits and labels of its own.")
    return ""


def _overflow_is_max(fit: Callable, logits: np.ndarray, labels: np.ndarray) -> Callable[..., bool]:
    """Whether ``fit`` runs without an overflow on the same problem with each row's largest logit made 0 (softmax,
    the NLL and the best T stay the same). It does if its overflow came from exp(z / T) at a small positive T (or
    exp(beta * z) at a large beta), where no logit then exceeds 0; at T < 0, z / T is large and positive there too.
    With ``clean=True``: whether it runs there with no problem at all (no warning, no error), as a silenced overflow
    does; a search that tries T <= 0 still meets z / 0 or z / T > 0 there."""
    def probe(clean: bool = False) -> bool:
        shifted = logits - logits.max(axis=1, keepdims=True)
        outcome = _probe(fit, shifted, labels)
        return outcome.problem is None if clean else "overflow" not in (outcome.problem or "")
    return probe


def _zero_in_log(fit: Callable, logits: np.ndarray, labels: np.ndarray) -> Callable[[], bool]:
    """Whether ``fit``'s first division-by-zero warning on this problem comes from np.log (log 0, a probability that
    underflowed) rather than from a division (z / T at T = 0). NumPy names the function in its message ("divide by
    zero encountered in log"), which ``call`` shortens to the kind; this quiet rerun reads it whole."""
    def probe() -> bool:
        given = [np.array(logits, copy=True), np.array(labels, copy=True)]  # copies: the learner's code may edit
        with _quiet(), warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
                try:
                    fit(*given)
                except Exception:  # noqa: BLE001 (the learner's code may fail in any way)
                    return False
        first = next((str(w.message) for w in caught if "divide by zero" in str(w.message)), "")
        return first.endswith("encountered in log")
    return probe


def _temperature_on_problem_given(expected: float, returned: dict,
                                  overflow_is_max: Callable[..., bool] | None = None,
                                  zero_in_log: Callable[[], bool] | None = None) -> Callable[[str], str]:
    """_temperature_on_problem, led by "your T is right" when a warning came with the right T (the exercise asks for
    no warning, as Exercise 1 does: a grid that starts at a small T and takes np.log of softmax warns on its way to
    the right answer)."""
    def on_problem(problem: str) -> str:
        advice = _temperature_on_problem(problem, overflow_is_max, zero_in_log)
        if "emitted" in problem and "value" in returned:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                right = _same_number(returned["value"], expected, rel_tol=1e-4)
            if right:
                return ("Your T is right, but your function warned on its way there, and a warning counts as not "
                        "yet (the exercise asks for none). " + advice).rstrip()
        return advice
    return on_problem


# Round numbers a learner types as a search's bound (or a grid's end). A bounded minimize_scalar never evaluates its
# bound: at its default xatol = 1e-5 it stops a few 1e-6 inside it (1.0000047 for bounds (1, 10), 0.500006 for
# (0.5, 5)), so "at a bound" is a window of 1e-4 relative. For 0.05 that window is too narrow (the stop, 0.0500066,
# is 1.3e-4 inside), but 0.05 lies more than 20 times below the first case's best T, where the lower-bound hints take
# it, and on the later cases, reached only after a pass, no search on the right objective stops there.
_ROUND_BOUNDS = (0.05, 0.1, 0.2, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 20.0)


def _at_round_bound(answer: float, bound: float) -> bool:
    return abs(answer - bound) <= 1e-4 * bound


def _stopped_at_bound(label: str, expected: float, bound: float, after_a_pass: bool) -> str:
    """The hint for a T at a round ``bound``, far from the best T: a range that ends there on the side of the best T,
    or (before any case has passed) a search that ran away from the minimum to the far end of its range: an
    objective other than the mean NLL, or a flipped sign. After a pass the objective is shown to be right, and the
    mean NLL has one minimum (it is convex in 1/T), so a search on it cannot run away: only the bounds are named."""
    near_end, far_end = ("top", "bottom") if bound < expected else ("bottom", "top")
    where = "above" if bound < expected else "below"
    bounds = f"bounds=(..., {bound:g}), or a grid that ends there" if bound < expected else \
        f"bounds=({bound:g}, ...), or a grid that starts there"
    start = (f"on {label} the mean NLL is lowest at T = {expected:.5f}, but your T stops at {bound:g}, a round number "
             "such as a search's bound. ")
    widen = ("a bounded search stops just inside its bound, so widen the range to hold the minimum (e.g. "
             "bounds=(0.05, 20)), or search log T without bounds.")
    needs = " The check needs the minimum within 1e-4 relative."
    if after_a_pass:
        return (start + "Your function passed the first case with this same code, which shows its objective is "
                f"right: the minimum lies {where} your range, whose {near_end} is {bound:g} ({bounds}), and " + widen
                + needs)
    return (start + f"If {bound:g} is the {near_end} of your range ({bounds}), the minimum lies {where} it, and "
            + widen + f" If {bound:g} is the {far_end} of your range instead, your search ran away from the minimum: "
            "your objective is not the mean NLL, -log softmax(logits / T)[np.arange(n), labels] averaged over the "
            "rows (a flipped sign, which maximises it, runs to a bound)." + needs)


def _missed_minimum(label: str, expected: float, side: str, after_a_pass: bool = False) -> str:
    """The hint for a T more than 2% from the best one and at no round bound (the hints above take those).

    Before any case has passed, an objective other than the mean NLL is named first (cold read r155, X1: an
    ECE-minimising answer got the bounds first). After the first case passed with the same code, the objective is
    shown to be right, so the search is named first: bounds that exclude this case's minimum, a solver stopped
    early, a grid too coarse (cold read r158, X1)."""
    start = (f"on {label} the mean NLL is lowest at T = {expected:.5f}; your {{got}} lies more than 2% to one side of "
             f"it (the minimum needs a {side} T). ")
    search = ("search bounds that exclude the minimum (a bounded search then stops just inside its bound: widen "
              "them, e.g. (0.05, 20), or search log T without bounds); a solver stopped early (tighten its "
              "tolerance, e.g. minimize_scalar(..., options={{'xatol': 1e-8}})); or a grid too coarse (use a finer "
              "one). The check needs the minimum within 1e-4 relative.")
    if after_a_pass:
        return (start + "Your function passed the first case with this same code, which shows its objective is "
                "right, so the likeliest cause is the search: " + search)
    return (start + "The likeliest cause this far off: an objective other than the mean NLL, -log softmax(logits / "
            "T)[np.arange(n), labels] averaged over the rows (an ECE, say, has its minimum elsewhere, and so does a "
            "log-sum-exp taken along the wrong axis), or a flipped sign, which maximises the NLL and so runs to a "
            "bound. Otherwise: " + search)


def _shift_broke_it(label: str, expected: float) -> str:
    """The hint for a wrong T on the shifted case, reached only after the same logits without the shift passed."""
    return (f"on {label} your T is {{got}}, but on the same logits without the +1000 (the case before) your function "
            f"found the best T, {expected:.5f}. Adding one number to every logit changes no softmax, so the shift "
            "itself threw your function off, with no warning shown: most likely exp(logits / T) overflowed to inf "
            "(it does at every T below 1000 / 709.78 = 1.41) while warnings were silenced (np.errstate, "
            "warnings.filterwarnings, np.nan_to_num), so the objective was inf or nan where the minimum lies. "
            "Subtract each row's largest logit before np.exp, as in 03, or use tempnb.log_softmax(logits / T, "
            "axis=1) or scipy.special.logsumexp, which do it for you. (Otherwise another step depends on the "
            "logits' size rather than their differences, such as a cast to a lower precision, which at 1000 "
            "rounds the differences away.)")


def _temperature_cases(fit: Callable | None = None) -> list[Case]:
    """The two cases; with the learner's ``fit``, T = 1 on the first counts as the placeholder only if ``fit``
    returns 1 on the second too (a search that ends at 1 returns 1 on one of them only)."""
    # reached only after the first case passed, so T = 1 here is never the placeholder, and the objective is right
    underconfident = _temperature_case(0.5, 12, "logits of an underconfident model (labels drawn at T = 0.5)",
                                       lambda: False, fit, after_a_pass=True)

    def one_elsewhere() -> bool:
        return fit is None or _same_number(_probe(fit, *underconfident.args).value, 1.0, rel_tol=1e-12)

    return [
        _temperature_case(2.0, 11, "logits of an overconfident model (labels drawn at T = 2)", one_elsewhere, fit),
        underconfident,
        # the underconfident logits with 1000 added to every one: the same softmax and best T, but exp(z / T)
        # overflows at every T below 1000 / 709.78 = 1.41 unless each row's largest logit is subtracted first
        # reached only after the second case passed, on the same logits without the shift
        _temperature_case(0.5, 12, "the underconfident model's logits plus 1000 (the same softmax, so the same best "
                          "T)", lambda: False, fit, shift=1000.0, after_a_pass=True),
    ]


def check_fit_temperature(fit: Callable) -> None:
    """Exercise 07.2: ``fit(logits, labels)`` returns the T that minimises the mean NLL."""
    cases = _temperature_cases(fit if callable(fit) else None)
    learner = fit
    if callable(fit):
        from tempnb.calibration import fit_temperature

        with _quiet():  # a repeat of the first case: its prints show once, when run_cases calls it
            shortcut = calls(fit, cases[0].args, fit_temperature)
        if shortcut:
            return hint(_library_shortcut("fit_temperature", "the search", "Minimise the mean NLL, "
                                          "-log_softmax(logits / T, axis=1)[np.arange(n), labels] averaged over "
                                          "the rows, with scipy.optimize.minimize_scalar over log T (or a search "
                                          "of your own)."))
        fit, returned = _recording(learner)

        cases = [dataclasses.replace(case, on_problem=_temperature_on_problem_given(
                     case.expected, returned, _overflow_is_max(learner, *case.args), _zero_in_log(learner, *case.args)))
                 for case in cases]
    return run_cases(fit, cases,
                     "Your temperature matches tempnb.fit_temperature to 1e-4, on an overconfident and an "
                     "underconfident model, and on the second with 1000 added to every logit.",
                     same=lambda a, b: _same_number(a, b, rel_tol=1e-4))


# ---------------------------------------------------------------- Exercise 07.3: Platt's a as a temperature

# One image: the model gives class 1 the probability 0.99; Platt scaling with b = 0 turns that into 0.9.
_RAW, _CALIBRATED = 0.99, 0.9


def _log_odds(p: float) -> float:
    return math.log(p / (1 - p))


def check_platt_temperature(temperature: object) -> None:
    """Exercise 07.3: Platt scaling with b = 0 turned one image's 0.99 into 0.9; which temperature does the same?

    The image's logit difference is d = log(0.99 / 0.01); the fit has a d = log(0.9 / 0.1), so
    T = 1/a = log 99 / log 9.
    """
    d = _log_odds(_RAW)
    expected = d / _log_odds(_CALIBRATED)
    value = number(temperature)
    general = (f"with T = {value:.7g} the image's probability becomes sigmoid(d / T) = "
               f"{1 / (1 + math.exp(-d / value)):.6f}, not {_CALIBRATED}. First find the image's logit difference d "
               f"from its probability (sigmoid(d) = {_RAW}: d is the log-odds, 02's logit), then the T with "
               f"sigmoid(d / T) = {_CALIBRATED}."
               if value is not None and value > 0 else "a temperature must be a positive number; got {got}.")
    log_ratio = ("you divided logs of the probabilities themselves; dividing by T scales the logit difference d, "
                 "the log-odds log(q_1 / (1 - q_1)) (02's logit, scipy.special.logit), not log q_1. Find d with "
                 f"sigmoid(d) = {_RAW} and a d with sigmoid(a d) = {_CALIBRATED}, then T = 1/a.")
    odds = _RAW / (1 - _RAW), _CALIBRATED / (1 - _CALIBRATED)  # 99 and 9
    case = Case((), expected, general, mistakes=(
        # the log-odds of class 1 against those of class 0 (logit(0.1) = -logit(0.9)): the right size, wrong sign
        Mistake(lambda a: near(-expected, 1e-6)(a) or near(-1 / expected, 1e-6)(a),
                f"{{got}} is negative because your two log-odds belong to different classes: logit({1 - _RAW:.2f}) "
                f"= -logit({_RAW}) and logit({1 - _CALIBRATED:.1f}) = -logit({_CALIBRATED}). Take both for the same "
                f"class: {_RAW} and {_CALIBRATED} (class 1), or {1 - _RAW:.2f} and {1 - _CALIBRATED:.1f} (class 0)."),
        Mistake(lambda a: a <= 0, "a temperature must be positive; got {got}."),
        Mistake(near(1 / expected, 1e-6), "{got} is Platt's a, the factor on d: sigmoid(a d) = sigmoid(d / T) when "
                                          "T = 1/a, so the temperature is 1/{got}."),
        Mistake(near(math.log(_CALIBRATED) / math.log(_RAW), 1e-6), log_ratio),
        Mistake(near(math.log(_RAW) / math.log(_CALIBRATED), 1e-6), log_ratio),
        Mistake(near(math.log(1 - _RAW) / math.log(1 - _CALIBRATED), 1e-6),
                f"{{got}} is log {1 - _RAW:.2f} / log {1 - _CALIBRATED:.1f} (class 0 re-tempered without "
                f"renormalising, {1 - _RAW:.2f}^(1/T) = {1 - _CALIBRATED:.1f}), or a rounded guess: compute T in "
                "code. With two classes sigmoid(d / T) divides the log-odds d = log(q_1 / q_0) by T: use the "
                f"log-odds of {_RAW} and of {_CALIBRATED}."),
        # the odds themselves, 99 and 9, divided: the log left out
        Mistake(lambda a: near(odds[0] / odds[1], 1e-6)(a) or near(odds[1] / odds[0], 1e-6)(a),
                f"{{got}} is a ratio of the two odds, q / (1 - q): {odds[0]:g} and {odds[1]:g}. The temperature "
                "divides the log-odds d = log(q / (1 - q)), not the odds: take the log of each before dividing."),
        Mistake(lambda a: near(_RAW / _CALIBRATED, 1e-6)(a) or near(_CALIBRATED / _RAW, 1e-6)(a),
                "{got} is a ratio of the two probabilities; the temperature divides the logit difference, so take "
                f"the ratio of the log-odds, log(q / (1 - q)), of {_RAW} and {_CALIBRATED}."),
        Mistake(near(d - _log_odds(_CALIBRATED), 1e-6),
                "{got} is the difference of the two log-odds; a temperature divides the logit difference rather "
                "than shifting it (a shift is what Platt's b does): take their ratio."),
        Mistake(near(d, 1e-6), f"{{got}} is d, the image's logit difference (sigmoid(d) = {_RAW}); the temperature "
                               f"is the T with sigmoid(d / T) = {_CALIBRATED}."),
        # the right T rounded to 1 to 4 decimals (2.1, 2.09, 2.091, 2.0913; 2.09133 already passes): typed from a
        # printout, returned by round(T, k), or the nearest point of a grid stepping by 10^-k
        # (np.arange(1, 5, 0.001) holds 2.091 up to its last digits)
        *(Mistake(lambda a, k=k: math.isclose(a, round(expected, k), rel_tol=1e-12),
                  f"{{got}} is the right T rounded to {k} decimal{'s' if k > 1 else ''}, not within the check's 1e-6 "
                  f"relative: either you rounded it (round(T, {k}), or a value typed from a printout), or a grid "
                  f"stepping by {10.0 ** -k:g} found it, a step too coarse for the check. No search is needed: T is "
                  "the ratio of two log-odds, so compute it directly and keep the float.")
          for k in range(1, 5)),
        # not a rounding: a solver stopped by a loose tolerance (brentq(..., xtol=1e-3) gives 2.09119) or a grid
        # with steps of 1e-3 or so
        Mistake(lambda a: math.isclose(a, expected, rel_tol=2e-3),
                "{got} is close to the right T but not within the check's 1e-6 relative: a search that stops short "
                "of it, a root finder with a loose tolerance (xtol=1e-3, say) or a grid with coarse steps, finds T "
                "only to within that tolerance or step. No search is needed: T is the ratio of two log-odds, so "
                "compute it directly and keep the float."),
    ))
    return check_number(temperature, [case], "T = 1/a = log 99 / log 9 ≈ 2.091329: with b = 0, Platt scaling is "
                                             "temperature scaling, and T > 1 says the model was overconfident.",
                        rel_tol=1e-6)
