"""The exercise checks: a pass line for right answers, and for each typical wrong answer a hint
that names its actual mistake.

The heart of this file is WRONG_ANSWERS: one row per (check, wrong answer, a substring the hint
must contain). Rows come from issue 13's table and from trying the wrong answers a learner
would write. RIGHT_ANSWERS holds, for every check, answers that must pass.
"""

import functools
import itertools
import math
import sys
import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.optimize
import scipy.special
import scipy.stats

import tempnb
from helpers import WEIRD, central_differences  # WEIRD: answers no check expects
from tempnb import (
    checks,
    expected_calibration_error,
    fit_temperature,
    log_softmax,
    min_p,
    softmax,
    top_k,
    top_p,
    validate_probs,
)
from tempnb.checks._common import Case, Mistake, call, run_cases
from tempnb.checks.probabilities import (
    _EDGE_BATCH,
    _EDGE_BATCH_EXPECTED,
    _EXACT_THIRDS,
    _FIRST_ROW_INVALID,
    _FIRST_ROW_VALID,
    _ROUNDS_TO_VALID,
    ROUNDED_SUM_CASE,
)

GOLDEN_T = 10 / math.log((1 + math.sqrt(5)) / 2)  # closed form: x = exp(-10/T) solves x² + x = 1


def run(capsys, check, *answer) -> str:
    """Run a check; it returns None and prints exactly one line, a pass or a hint."""
    assert check(*answer) is None  # so a check at the end of a cell prints only its line
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1, printed
    assert printed.startswith((checks.PASS + " ", checks.HINT + " Not yet: ")), printed
    return printed


# -- right answers ---------------------------------------------------------------------------


def validated(p):
    if np.ndim(p) == 2:  # a batch: one answer per row
        return np.array([validated(row) for row in p])
    try:
        validate_probs(p)
    except ValueError:
        return False
    return True


def is_valid_by_hand(p):
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:  # a batch: one answer per row
        return np.array([is_valid_by_hand(row) for row in p])
    return bool(not np.isnan(p).any() and np.all((p >= 0) & (p <= 1))
                and math.isclose(p.sum(), 1.0, rel_tol=0, abs_tol=1e-6))


def is_distribution_from_the_notebook(p, tolerance=1e-6):
    """01's is_distribution, as shown before Exercise 1: right on one vector, one answer for a whole batch."""
    p = np.asarray(p, dtype=float)
    return bool(np.all((p >= 0) & (p <= 1))) and abs(float(p.sum()) - 1.0) <= tolerance


def valid_per_column(p):
    """The batch tested along axis 0: one answer per column."""
    p = np.asarray(p, dtype=float)
    return np.all((p >= 0) & (p <= 1), axis=0) & (np.abs(p.sum(axis=0) - 1) <= 1e-6)


def valid_entries_over_whole_batch(p):
    """Sums per row, but one entry test over the whole batch: a NaN in one row fails them all."""
    p = np.asarray(p, dtype=float)
    return np.all((p >= 0) & (p <= 1)) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_unless_any_nan(p):
    """An early return False on any NaN, then the right per-row test: one False for a batch with a NaN row."""
    p = np.asarray(p, dtype=float)
    if np.isnan(p).any():
        return False
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_returning_inside_the_row_loop(p):
    """A batch branch whose return sits inside its loop over the rows, so it answers after the first row (cold read
    r157, X1)."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        for row in p:
            return bool(np.all((row >= 0) & (row <= 1))) and abs(row.sum() - 1) <= 1e-6
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def valid_first_row_of_atleast_2d(p):
    """One loop for vectors and batches alike, over the rows of np.atleast_2d(p), returning inside it: right on a
    vector (a batch of one row), the first row's answer on a batch."""
    for row in np.atleast_2d(np.asarray(p, dtype=float)):
        return bool(np.all((row >= 0) & (row <= 1)) and abs(row.sum() - 1) <= 1e-6)


def valid_while_every_row_is(p):
    """A loop over the rows that returns False at the first bad row and True after the loop: one answer for the
    whole batch, which is not the first row's."""
    p = np.asarray(p, dtype=float)
    for row in (p if p.ndim == 2 else [p]):
        if not (np.all((row >= 0) & (row <= 1)) and abs(row.sum() - 1) <= 1e-6):
            return False
    return True


def valid_after_dropping_nan(p):
    """Drops the NaN entries before testing (cold read r157, X2): [nan, 1.0] becomes [1.0] and passes, [nan, 0.5]
    becomes [0.5] and fails, as when NaN is replaced by 0."""
    p = np.asarray(p, dtype=float)
    p = p[~np.isnan(p)]
    return bool(np.all((p >= 0) & (p <= 1))) and abs(float(p.sum()) - 1) <= 1e-6


def valid_with_keepdims(p):
    """The per-row tests with keepdims=True: on a vector, one answer inside an array of shape (1,)."""
    p = np.asarray(p, dtype=float)
    return np.all((p >= 0) & (p <= 1), axis=-1, keepdims=True) & (np.abs(p.sum(axis=-1, keepdims=True) - 1) <= 1e-6)


def valid_as_a_batch_of_one_row(p):
    """Every input made 2-D first with np.atleast_2d: on a vector, one answer inside an array of shape (1,)."""
    p = np.atleast_2d(np.asarray(p, dtype=float))
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_one_outcome_special_cased(p):
    """A single outcome tested apart, as "is it 1?", entry by entry: on [1.0], an array of shape (1,)."""
    p = np.asarray(p, dtype=float)
    if p.size == 1:
        return p == 1
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_as_a_list_of_one_row(p):
    """Every input made 2-D with np.atleast_2d, the answers returned with .tolist(): on a vector, [True]."""
    p = np.atleast_2d(np.asarray(p, dtype=float))
    return (np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)).tolist()


def valid_after_rounding(decimals):
    """The course's rule on the entries rounded to `decimals` decimals first, to clear away float noise."""
    def valid(p):
        p = np.round(np.asarray(p, dtype=float), decimals)
        return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)
    return valid


def valid_with_nan_per_row(p):
    """The NaN test folded into the per-row &, as the early-return hint advises."""
    p = np.asarray(p, dtype=float)
    return ~np.isnan(p).any(axis=-1) & np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_after_normalising(p):
    """Divides by the sum before testing: every sum becomes 1, so [0.5, 0.6] (and [-0.25, -0.75]) pass."""
    p = np.asarray(p, dtype=float)
    p = p / p.sum(axis=-1, keepdims=True)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_after_clipping(p):
    """Clips the entries to [0, 1] before testing: [-0.25, 1.25] becomes [0, 1], whose sum is 1, so it passes."""
    p = np.asarray(p, dtype=float)
    np.clip(p, 0, 1, out=p)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_allclose(p):
    """Right on one vector, but np.all without axis and np.allclose give one answer for a whole batch."""
    p = np.asarray(p, dtype=float)
    return np.all((p >= 0) & (p <= 1)) & np.allclose(p.sum(axis=-1), 1, rtol=0, atol=1e-6)


def valid_by_wrapping_validate_probs(p):
    """The library's check wrapped: right on one vector, but validate_probs judges a whole batch at once."""
    try:
        validate_probs(p)
        return True
    except ValueError:
        return False


def valid_by_wrapping_entropy(p):
    """tempnb.entropy wrapped, as a validity test: it runs validate_probs's check, on the whole batch at once."""
    try:
        tempnb.entropy(p)
        return True
    except ValueError:
        return False


def valid_as_floats(p):
    """Right per row, but a batch's answers as 1.0 / 0.0 instead of True / False."""
    p = np.asarray(p, dtype=float)
    answers = np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)
    return answers.astype(float) if p.ndim == 2 else answers


def valid_with_any_entry_in_range(p):
    """np.any where np.all was meant: one entry in [0, 1] is enough, so [-0.5, 0.5, 1.0] passes."""
    p = np.asarray(p, dtype=float)
    return np.any((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_bounds_joined_by_or(p):
    """| where & was meant between the two bounds: [-0.5, 0.5, 1.0] passes, all its entries being <= 1."""
    p = np.asarray(p, dtype=float)
    return (np.all(p >= 0, axis=-1) | np.all(p <= 1, axis=-1)) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_nan_test_reduced_by_all(p):
    """~np.isnan(p).all(axis=-1) where .any was meant, beside tests written the other way round: [nan, 1.0] passes."""
    p = np.asarray(p, dtype=float)
    return (~np.isnan(p).all(axis=-1) & ~np.any(p < 0, axis=-1) & ~np.any(p > 1, axis=-1)
            & ~(np.abs(p.sum(axis=-1) - 1) > 1e-6))


def valid_after_zeroing_negatives(p):
    """Sets the negative entries to 0 before testing: [-1e-10, 1.0] becomes [0, 1], whose sum is 1, so it passes."""
    p = np.maximum(np.asarray(p, dtype=float), 0)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_after_dropping_negatives(p):
    """Keeps only the entries >= 0 before testing (one vector at a time): [-1e-10, 1.0] becomes [1.0]."""
    p = np.asarray(p, dtype=float)
    p = p[p >= 0]
    return bool(np.all(p <= 1)) and abs(float(p.sum()) - 1) <= 1e-6


def valid_after_capping_at_one(p):
    """Caps the entries at 1 before testing: [1.0000005, 0.0] becomes [1, 0], so it passes."""
    p = np.clip(np.asarray(p, dtype=float), None, 1)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_zeroing_negatives_in_place(p):
    """Sets the negative entries to 0 in the array it was given: on an array of floats np.asarray returns the
    caller's array itself, so the caller's array changes."""
    p = np.asarray(p, dtype=float)
    p[...] = np.where(p < 0, 0, p)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_capping_in_place(p):
    """Caps the entries at 1 in the array it was given (out=p)."""
    p = np.asarray(p, dtype=float)
    np.minimum(p, 1, out=p)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_whole_array_nan_test(p):
    """Per-row tests, but the NaN test without axis=-1: one NaN in the batch makes every row False."""
    p = np.asarray(p, dtype=float)
    return ~np.isnan(p).any() & np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_whole_array_finite_test(p):
    """Per-row tests, but a finiteness test on the sum of the whole array: one NaN makes every row False."""
    p = np.asarray(p, dtype=float)
    return np.isfinite(p.sum()) & np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_allclose_beside_per_row_entries(p):
    """A per-row entry test, but np.allclose for the sums: one answer for all the sums, so [0.5, 0.6] in a batch
    makes every row False."""
    p = np.asarray(p, dtype=float)
    return np.all((p >= 0) & (p <= 1), axis=-1) & np.allclose(p.sum(axis=-1), 1, rtol=0, atol=1e-6)


def valid_with_python_sum(p):
    """Right: Python's sum and min on each vector, row by row for a batch."""
    if np.ndim(p) == 2:
        return np.array([valid_with_python_sum(list(row)) for row in p])
    return abs(sum(p) - 1) <= 1e-6 and min(p) >= 0 and max(p) <= 1


def valid_exact_sums_in_batch_branch(p):
    """Cold read r146: the course's rule for one vector, but a batch branch whose sum test is == 1. The five-row
    batch's valid rows sum to exactly 1.0, so only a batch with a row like [0.3333333, 0.6666666] shows it."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        return np.all((p >= 0) & (p <= 1), axis=1) & (p.sum(axis=1) == 1)
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def valid_isclose_default_sums_in_batch_branch(p):
    """The course's rule for one vector, math.isclose's default (a relative 1e-9) on each row of a batch."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        return np.array([bool(np.all((row >= 0) & (row <= 1))) and math.isclose(row.sum(), 1) for row in p])
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def valid_np_isclose_default_in_batch_branch(p):
    """The course's rule for one vector, np.isclose with its default tolerances (atol 1e-8, rtol 1e-5) for a batch."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        return np.all((p >= 0) & (p <= 1), axis=1) & np.isclose(p.sum(axis=1), 1)
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def valid_entry_tolerance_in_batch_branch(p):
    """The course's rule for one vector, but a batch branch that lets entries up to 1 + 1e-6 through."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        return np.all((p >= 0) & (p <= 1 + 1e-6), axis=1) & (np.abs(p.sum(axis=1) - 1) <= 1e-6)
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def valid_with_a_right_batch_branch(p):
    """Right: a separate batch branch, with the same rule as for one vector."""
    p = np.asarray(p, dtype=float)
    if p.ndim == 2:
        return np.all((p >= 0) & (p <= 1), axis=1) & (np.abs(p.sum(axis=1) - 1) <= 1e-6)
    return bool(np.all((p >= 0) & (p <= 1))) and abs(p.sum() - 1) <= 1e-6


def exponential_race(z, T, rng):
    """Right: argmin(E / q) with E exponential, the same draw as argmax(z / T - log E)."""
    return int(np.argmax(z / T - np.log(rng.exponential(size=z.size))))


def stable_sigmoid_masks(x):
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def stable_sigmoid_abs(x):
    small = np.exp(-np.abs(x))  # never overflows
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_abs_branches_swapped(x):
    """The exp(-|x|) form with np.where's two branches exchanged: σ(-x) = 1 - σ(x) on both sides of 0."""
    s = np.exp(-np.abs(x))
    return np.where(x >= 0, s / (1 + s), 1 / (1 + s))


def sigmoid_masks_sign_flipped(x):
    """Boolean masks on the right sides, but x's sign flipped in both formulas: σ(-x) on both sides, no overflow."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = x < 0
    out[n] = 1 / (1 + np.exp(x[n]))
    e = np.exp(-x[~n])
    out[~n] = e / (1 + e)
    return out


def logits_first_zero_in_place_loop():
    """Exercise 02.2 as a loop updating z in place: z[0] is 0 once the first pass is done."""
    z = np.log([0.2, 0.1, 0.7])
    for i in range(3):
        z[i] = z[i] - z[0]
    return z


def logits_first_set_to_zero():
    """Exercise 02.2 read as an assignment: z = np.log(q), then z[0] = 0, with nothing subtracted."""
    z = np.log([0.2, 0.1, 0.7])
    z[0] = 0
    return z


def looped_sigmoid(x):
    """Right on a flat array, but a Python loop: on a 2-D array each `v` is a row, not a number."""
    return np.array([1 / (1 + math.exp(-v)) if v >= 0 else math.exp(v) / (1 + math.exp(v)) for v in x])


def sigmoid_zero_below_700(x):
    """Right everywhere except that it returns 0 for x < -700, where e^x is still a double (a normal one to -708)."""
    return np.where(x < -700, 0.0, stable_sigmoid_masks(x))


def check_stable_sigmoid_subnormal(sigmoid):
    """Exercise 02.3's optional part: the check with -720 and -742.5, whose values are subnormal doubles."""
    return checks.check_stable_sigmoid(sigmoid, subnormal=True)


def sigmoid_zero_below_720(x):
    """Right down to -720, 0 below: the core check (down to -708) passes it, the optional part does not."""
    x = np.asarray(x, dtype=float)
    return np.where(x < -719, 0.0, stable_sigmoid_masks(x))


def soft_term(s, t, T):
    p = softmax(t, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)))


def aliased_differences(f, x, h):
    """A learner's central differences where xp and xm are x itself under other names (no copy)."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x
        xp[i] += h
        up = f(xp)
        xm = x
        xm[i] -= h
        grad[i] = (up - f(xm)) / (2 * h)
    return grad



def probe_back_by_h(f, x, h=1e-5):
    """Cold read r142, X4 (a): the second probe steps back by h, x[i] += h then x[i] -= h, so it lands on x itself;
    x is restored properly afterwards."""
    gradient = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] += h
        up = f(x)
        x[i] -= h
        down = f(x)
        x[i] = old
        gradient[i] = (up - down) / (2 * h)
    return gradient


def gradient_is_x(f, x, h=1e-5):
    """Cold read r142, X4 (b): grad = x, each difference written into it; the probes are on copies."""
    grad = x
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def gradient_into_view_of_x(f, x, h=1e-5):
    """X4 (b) again: the differences gathered in a list, then written into x.reshape(-1), a view of x."""
    out = []
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h
        xm[i] -= h
        out.append((f(xp) - f(xm)) / (2 * h))
    g = x.reshape(-1)
    g[...] = out
    return x


def aliased_probes_set_first(f, x, h=1e-5):
    """Both probes set before f is called, on one array under three names: f only ever sees x itself."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x
        xm = x
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def swapped_masks_sigmoid(x):
    """Boolean masks as the Tip shows, but each formula on the wrong side: exp overflows on both tails."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = x < 0
    out[n] = 1 / (1 + np.exp(-x[n]))
    out[~n] = np.exp(x[~n]) / (1 + np.exp(x[~n]))
    return out


def sigmoid_masks_after_exp(x):
    """Masks on the right sides, but each formula computed on the whole x and indexed afterwards: exp(-x) overflows
    at x = -1000 and exp(x) at x = 1000, exactly as with the formulas on swapped sides."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = x < 0
    out[~n] = (1 / (1 + np.exp(-x)))[~n]
    out[n] = (np.exp(x) / (1 + np.exp(x)))[n]
    return out


def sigmoid_both_exps_first(x):
    """Both exponentials computed on the whole array first, then masks on the right sides."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = x < 0
    exp_minus, exp_plus = np.exp(-x), np.exp(x)
    out[~n] = 1 / (1 + exp_minus[~n])
    out[n] = exp_plus[n] / (1 + exp_plus[n])
    return out


def sigmoid_exp_minus_x_on_whole_array(x):
    """The x < 0 side right; the x >= 0 side indexes an exp(-x) computed on the whole array: overflow at -1000 only."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = x < 0
    e = np.exp(-x)
    out[~n] = 1 / (1 + e[~n])
    exp_x = np.exp(x[n])
    out[n] = exp_x / (1 + exp_x)
    return out


def sigmoid_naive_longdouble(x):
    """The naive formula in np.longdouble (the "use float128" advice): on x86-64 Linux exp overflows only beyond
    log(np.finfo(np.longdouble).max) ≈ 11356.5, so it is right and silent from -1000 to 1000, but not at -1e5."""
    x = np.asarray(x, dtype=np.longdouble)
    return 1 / (1 + np.exp(-x))


def sigmoid_half_exponents(x):
    """exp(x / 2) / (exp(x / 2) + exp(-x / 2)): the sigmoid, silent while |x| / 2 <= log(DBL_MAX) ≈ 709.78, so up
    to |x| ≈ 1419.6, overflowing beyond."""
    x = np.asarray(x, dtype=float)
    a, b = np.exp(x / 2), np.exp(-x / 2)
    return a / (a + b)


def sigmoid_nan_far_out(x):
    """A right sigmoid that marks inputs beyond |x| = 10,000 as undefined (nan), silently."""
    x = np.asarray(x, dtype=float)
    out = stable_sigmoid_masks(x)
    out[np.abs(x) > 1e4] = np.nan
    return out


def stable_sigmoid_longdouble(x):
    """The masks solution in np.longdouble: every exponent <= 0, so right and silent everywhere (wider output)."""
    x = np.asarray(x, dtype=np.longdouble)
    out = np.empty_like(x)
    n = x < 0
    out[~n] = 1 / (1 + np.exp(-x[~n]))
    exp_x = np.exp(x[n])
    out[n] = exp_x / (1 + exp_x)
    return out


def sigmoid_rounded_output(x):
    """The masks solution with its output rounded to 6 decimals, as for a printout."""
    return np.round(stable_sigmoid_masks(x), 6)


def sigmoid_clipped_output(x, eps=1e-15):
    """The masks solution clipped to [eps, 1 - eps], the habit of code that takes log q next."""
    return np.clip(stable_sigmoid_masks(x), eps, 1 - eps)


def sigmoid_padded_output(x):
    """The masks solution with a tiny epsilon added, so that a later log never sees 0."""
    return stable_sigmoid_masks(x) + 1e-300


def sigmoid_copy_one_side(x):
    """out starts as a copy of x and only the x < 0 side is assigned: the other side still holds x."""
    x = np.asarray(x, dtype=float)
    out = x.copy()
    negative = x < 0
    e = np.exp(x[negative])
    out[negative] = e / (1 + e)
    return out


def sigmoid_ones_like_one_side(x):
    """out made with np.ones_like and only the x < 0 side assigned: the other side keeps 1."""
    x = np.asarray(x, dtype=float)
    out = np.ones_like(x)
    negative = x < 0
    e = np.exp(x[negative])
    out[negative] = e / (1 + e)
    return out


def sigmoid_pair_softmax_by_hand(x):
    """The two-class softmax of the pairs (0, x) written by hand, as normalise_exp, with no maximum subtracted."""
    x = np.asarray(x, dtype=float)
    e = np.exp(np.stack([0 * x, x], axis=-1))
    return (e / e.sum(axis=-1, keepdims=True))[..., 1]


def sigmoid_two_arguments(x, y):
    """A second required parameter the check never passes."""
    return stable_sigmoid_masks(x)


def sigmoid_of_one_number(v):
    """The sigmoid of one number, written with np.exp and an `if`, for np.vectorize or np.frompyfunc to call."""
    if v >= 0:
        return 1 / (1 + np.exp(-v))
    return np.exp(v) / (1 + np.exp(v))


@np.vectorize
def sigmoid_vectorize_decorated(v):
    """The @np.vectorize idiom: the check is handed the np.vectorize object itself (cold read r147, X1)."""
    if v >= 0:
        return 1 / (1 + np.exp(-v))
    return np.exp(v) / (1 + np.exp(v))


SIGMOID_FROMPYFUNC = np.frompyfunc(sigmoid_of_one_number, 1, 1)


def sigmoid_through_global_frompyfunc(x):
    """A ufunc made by np.frompyfunc outside the function, called inside it: one Python call per entry, from C."""
    return SIGMOID_FROMPYFUNC(x).astype(float)


SCIPY_SIGMOIDS_BY_NAME = {"sigmoid": scipy.special.expit}
NUMPY_PIECES = {"exp": np.exp, "masks": (np.zeros(3), np.ones(2))}  # arrays too, which `==` would compare entrywise


def sigmoid_from_a_dict_of_numpy_pieces(x):
    """Right: the masks solution with np.exp taken from a dict that also holds arrays (no scipy in it)."""
    exp = NUMPY_PIECES["exp"]
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = x < 0
    out[~negative] = 1 / (1 + exp(-x[~negative]))
    e = exp(x[negative])
    out[negative] = e / (1 + e)
    return out


def sigmoid_expit_from_a_dict(x):
    """scipy's expit kept in a dict and called through it (cold read r147, X2)."""
    return SCIPY_SIGMOIDS_BY_NAME["sigmoid"](x)


def sigmoid_naive_longdouble_back_to_float(x):
    """The naive formula in np.longdouble, converted back to float64 (cold read r147, X4): the output alone no longer
    shows np.longdouble, which on x86-64 Linux moves exp's overflow out to about 11356.5, beyond 1000 but not 1e5."""
    x = np.asarray(x, dtype=np.longdouble)
    return (1 / (1 + np.exp(-x))).astype(float)


def sigmoid_step_after_overflow(x):
    """The naive formula with overflow raised, and a 0/1 step for the whole array when it does (cold read r147, X5):
    only -1000 overflows, but the step replaces the values at -2 and 1.5 too."""
    x = np.asarray(x, dtype=float)
    try:
        with np.errstate(over="raise"):
            return 1 / (1 + np.exp(-x))
    except FloatingPointError:
        return np.where(x >= 0, 1, 0).astype(float)


def sigmoid_rounded_to_whole(x):
    """The masks solution rounded to whole numbers: every value 0 or 1, a step (0 at x = 0, as np.round(0.5) is 0)."""
    return np.round(stable_sigmoid_masks(x))


def sigmoid_divide_where_without_out(x):
    """np.divide with where= and no out=, which NumPy warns about (its message ends in a full stop of its own)."""
    x = np.asarray(x, dtype=float)
    positive = x >= 0
    small = np.exp(-np.abs(x))
    out = np.divide(1.0, 1.0 + small, where=positive)
    return np.where(positive, out, small / (1 + small))


def along_solution(z, axis):
    """Exercise 03.3 as the notebook's solution writes it: softmax along any axis of any array."""
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


# -- 03 · Exercise 1 since cold read r132: a softmax with a mask, my_masked_softmax(z, keep) --------------------


def masked_softmax_solution(z, keep):
    """The notebook's solution: -inf in the masked entries first, then the stable softmax."""
    z = np.where(keep, z, -np.inf)
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_scattered(z, keep):
    """The kept logits' own softmax, written back into an array of zeros."""
    out = np.zeros_like(z)
    kept = z[keep]
    exps = np.exp(kept - kept.max())
    out[keep] = exps / exps.sum()
    return out


def masked_softmax_python(z, keep):
    """Plain Python: the largest kept logit, math.exp of the kept ones, 0.0 for the masked."""
    top = max(v for v, k in zip(z, keep) if k)
    exps = [math.exp(v - top) if k else 0.0 for v, k in zip(z, keep)]
    total = math.fsum(exps)
    return [e / total for e in exps]


def masked_softmax_after_exp(z, keep):
    """The mask applied after exp, with the maximum of every logit: on [1000, 0, 1] with the 1000 masked the kept
    exponentials exp(-1000) and exp(-999) underflow to 0, and 0 / 0."""
    exps = np.exp(z - z.max()) * keep
    return exps / exps.sum()


def masked_softmax_after_exp_silenced(z, keep):
    """The same with NumPy's warnings silenced: nan, and no warning."""
    with np.errstate(invalid="ignore"):
        return masked_softmax_after_exp(z, keep)


def masked_softmax_longdouble_unshifted(z, keep):
    """Masked first with -inf, exp taken in np.longdouble with no maximum subtracted (cold read r167, X1)."""
    e = np.exp(np.where(keep, np.asarray(z, np.longdouble), -np.inf))
    return np.asarray(e / e.sum(), float)


def masked_softmax_kept_max_after_exp(z, keep):
    """The largest kept logit as the shift, but the mask after exp: exp(1000 - 1) overflows."""
    exps = np.exp(z - z[keep].max()) * keep
    return exps / exps.sum()


def masked_softmax_renormalised(z, keep):
    """A softmax of every logit, the masked probabilities zeroed, the rest renormalised: right in real arithmetic,
    but on [1000, 0, 1] the softmax of every logit rounds the kept ones to 0 first, and 0 / 0."""
    q = scipy.special.softmax(z) * keep
    return q / q.sum()


def masked_softmax_times_keep(z, keep):
    """The logits multiplied by the mask: a masked logit becomes 0, an ordinary logit with its share."""
    z = z * keep
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_minus_100(z, keep):
    """-100 for a masked logit instead of -inf: on [log 0.25, 5, log 0.75] its share is exp(-100 - log 0.75) over
    the sum 1/3 + 1 = 4/3, that is exp(-100) = 3.7e-44: tiny, but not 0."""
    z = np.where(keep, z, -100.0)
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_exponent_floored(z, keep, floor=-700.0, clip=False):
    """The -inf put in, then the exponent floored (np.maximum, or np.clip up to 0): the masked entry gets exp(floor)
    times the top entry's probability, tiny but not 0."""
    z = np.where(keep, z, -np.inf)
    exponents = z - z.max()
    exps = np.exp(np.clip(exponents, floor, 0.0) if clip else np.maximum(exponents, floor))
    return exps / exps.sum()


def masked_softmax_library_on_kept_only(z, keep):
    """The kept logits' log-softmax from scipy, exponentiated and written back into zeros: right, by a library."""
    out = np.zeros(len(z))
    out[keep] = np.exp(scipy.special.log_softmax(z[keep]))
    return out


def masked_softmax_sklearn(z, keep):
    """scikit-learn's softmax, which takes a 2-D array, on the masked logits as one row."""
    from sklearn.utils.extmath import softmax as sklearn_softmax

    return sklearn_softmax(np.where(keep, z, -np.inf)[None, :])[0]


def log_softmax_nan_to_num(z, neginf=None):
    """np.log of the probabilities, its divide-by-zero warning silenced and its -inf replaced by np.nan_to_num."""
    with np.errstate(divide="ignore"):
        return np.nan_to_num(np.log(scipy.special.softmax(z)), neginf=neginf)


def masked_softmax_in_place(z, keep):
    """Right values, but the caller's logits are overwritten with -inf where masked."""
    z[~keep] = -np.inf
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_inverted(z, keep):
    """keep read as "mask these": -inf where keep is True. Where every entry is kept, every logit is -inf, and the
    shift is -inf - (-inf), nan."""
    z = np.where(keep, -np.inf, z)
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_swapped(keep, z):
    """The solution with its parameters as (keep, z)."""
    return masked_softmax_solution(z, keep)


def masked_softmax_starter(z, keep):
    """The notebook's starter for Exercise 1: stable, and keep never used."""
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_np_ma(z, keep):
    """A NumPy masked array, returned as it is (cold read r139, X3): its kept entries are right, but under the mask it
    still holds a number, where the plain array the exercise asks for must hold exactly 0."""
    masked_z = np.ma.masked_array(z, mask=~keep)
    exps = np.exp(masked_z - masked_z.max())
    return exps / exps.sum()


def masked_softmax_np_ma_filled(z, keep):
    """A NumPy masked array, filled with 0 at the end (cold read r151, X5): the values are right, but NumPy computes
    exp under the mask too, so on [1000, 0, 1] with the 1000 masked exp(1000 - 1) overflows and warns."""
    masked_z = np.ma.masked_array(z, mask=~keep)
    exps = np.exp(masked_z - masked_z.max())
    return (exps / exps.sum()).filled(0.0)


def masked_softmax_np_ma_filled_with_minus_inf(z, keep):
    """np.ma used to mark the mask, then filled with -inf before exp, as the hint of cold read r151, X5 advises."""
    masked_z = np.ma.masked_array(z, mask=~keep).filled(-np.inf)
    exps = np.exp(masked_z - masked_z.max())
    return exps / exps.sum()


def log_softmax_of_longdouble_probabilities(z):
    """The log of the probabilities, computed in np.longdouble with the log of 0 silenced (cold read r151, X4): on
    x86 its 80-bit range reaches about e^-11399, so [0, -1000] came out right; e^-20000 rounds to 0 there too."""
    z = np.asarray(z, dtype=np.longdouble)
    exps = np.exp(z - z.max())
    with np.errstate(divide="ignore"):
        return np.log(exps / exps.sum()).astype(float)


def cross_entropy_of_longdouble_probabilities(logits, labels):
    """-log q_y with q computed in np.longdouble, the log of 0 silenced (cold read r151, X4): right on x86 for a
    label 1000 below its row's top, inf for one 20000 below."""
    z = np.asarray(logits, dtype=np.longdouble)
    exps = np.exp(z - z.max(axis=1, keepdims=True))
    q = exps / exps.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore"):
        return (-np.log(q[np.arange(len(labels)), labels])).astype(float)


def log_softmax_naive_longdouble(z):
    """The naive formula in np.longdouble, back to float64 (cold read r157, X1): on x86-64 Linux exp overflows only
    above log(np.finfo(np.longdouble).max) = 11356.5, so [1000, 1001] and [-1000, 0, 1000] came out right."""
    zl = np.asarray(z, dtype=np.longdouble)
    return (zl - np.log(np.sum(np.exp(zl)))).astype(float)


def log_softmax_naive_longdouble_silenced(z):
    """The same with its overflow warning silenced: on [0, 12000, -12000] the sum is inf, and z - inf is -inf."""
    with np.errstate(over="ignore"):
        return log_softmax_naive_longdouble(z)


def along_naive_longdouble(z, axis):
    """Exercise 3's naive formula in np.longdouble (cold read r157, X1): e^1000 fits, so every case up to 2000 wide
    passed on x86."""
    exps = np.exp(np.asarray(z, dtype=np.longdouble))
    return (exps / exps.sum(axis=axis, keepdims=True)).astype(float)


def along_mean_shift_longdouble(z, axis):
    """A shift by the mean along the axis, in np.longdouble: [-1000, 0, 1000] leaves e^1000, which fits there."""
    zl = np.asarray(z, dtype=np.longdouble)
    exps = np.exp(zl - zl.mean(axis=axis, keepdims=True))
    return (exps / exps.sum(axis=axis, keepdims=True)).astype(float)


def along_naive_longdouble_silenced(z, axis):
    """Exercise 3's naive formula in np.longdouble with its warnings silenced: inf / inf is nan."""
    with np.errstate(over="ignore", invalid="ignore"):
        return along_naive_longdouble(z, axis)


def cross_entropy_naive_longdouble(logits, labels):
    """Exercise 4's naive log-sum-exp in np.longdouble (cold read r157, X1): right on x86 for logits near 1000."""
    lg = np.asarray(logits, dtype=np.longdouble)
    return (np.log(np.exp(lg).sum(axis=1)) - lg[np.arange(len(labels)), labels]).astype(float)


def cross_entropy_naive_longdouble_silenced(logits, labels):
    """The same with its overflow warning silenced: the first row of [[0, 12000, -12000], [3, 1, 2]] gets inf."""
    with np.errstate(over="ignore"):
        return cross_entropy_naive_longdouble(logits, labels)


def cross_entropy_indices_swapped(logits, labels):
    """The row and label indices the other way round (cold read r157, X2): z[labels, rows]."""
    return scipy.special.logsumexp(logits, axis=1) - logits[labels, np.arange(len(labels))]


def cross_entropy_indices_swapped_in_a_loop(logits, labels):
    """The same slip in a loop, z[labels[i]][i]: the IndexError names axis 0 of one row."""
    return np.array([scipy.special.logsumexp(logits[i]) - logits[labels[i]][i] for i in range(len(labels))])


def cross_entropy_log10_of_the_sum(logits, labels):
    """np.log10 in the log-sum-exp (cold read r157, X5): m + log10(sum(exp(z - m))) - z_y."""
    m = logits.max(axis=1)
    return m + np.log10(np.sum(np.exp(logits - m[:, None]), axis=1)) - logits[np.arange(len(labels)), labels]


def masked_softmax_nan_mask(z, keep):
    """nan put in as the mask, then np.nanmax and np.nansum (cold read r157, X3): the kept entries are right, each
    masked one stays nan."""
    masked = np.where(keep, z, np.nan)
    exps = np.exp(masked - np.nanmax(masked))
    return exps / np.nansum(exps)


def masked_softmax_base_2(z, keep):
    """2 ** (z - m) in place of exp (cold read r157, X5)."""
    masked = np.where(keep, z, -np.inf)
    powers = 2.0 ** (masked - masked.max())
    return powers / powers.sum()


def along_sum_restored_last(z, axis):
    """The sum's dropped axis put back at the end, [..., None] (cold read r157, X4): right for axis=1 of a 2-D
    batch, and for no other axis."""
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis)[..., None]


def along_negative_axis_sign_slip(z, axis):
    """A negative axis turned around with the wrong sign (cold read r157, X4): z.ndim - axis, 4 for axis=-1 in 3-D."""
    if axis < 0:
        axis = z.ndim - axis
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


def cross_entropy_squeezed(logits, labels):
    """np.take_along_axis, then .squeeze() (cold read r151, X1): right for B > 1, but a single row's loss comes back
    with shape (), since .squeeze() drops the batch axis of length 1 too."""
    log_q = log_softmax(logits, axis=1)
    return -np.take_along_axis(log_q, labels[:, None], axis=1).squeeze()


# -- 03 · cold read r160: a tied maximum (X1), the overflow advice of Exercise 1 (X2), tempnb's softmax(z, 0) (C1) --


def log_softmax_log1p_of_the_others(z):
    """log1p of the other logits, picked by value (cold read r160, X1): z[z != m] leaves out every copy of a tied
    maximum, and log1p adds back one exp(0) = 1 for them all."""
    m = z.max()
    others = z[z != m]
    return z - m - np.log1p(np.sum(np.exp(others - m)))


def log_softmax_log1p_of_the_rest(z):
    """log1p of every logit but one copy of the maximum, np.delete(z, z.argmax()): right, tied or not."""
    top = int(np.argmax(z))
    rest = np.delete(z, top)
    return z - z[top] - np.log1p(np.sum(np.exp(rest - z[top])))


def cross_entropy_log1p_of_the_others(logits, labels):
    """The batch form of log_softmax_log1p_of_the_others: every copy of a row's maximum set to -inf before log1p."""
    m = logits.max(axis=1, keepdims=True)
    rest = np.where(logits == m, -np.inf, logits)
    return m[:, 0] + np.log1p(np.sum(np.exp(rest - m), axis=1)) - logits[np.arange(len(labels)), labels]


def cross_entropy_log1p_of_the_rest(logits, labels):
    """log1p of every logit but one copy of each row's maximum (the one at argmax, set to -inf): right."""
    rows = np.arange(len(labels))
    top = logits.argmax(axis=1)
    m = logits[rows, top]
    rest = logits.copy()
    rest[rows, top] = -np.inf
    return m + np.log1p(np.sum(np.exp(rest - m[:, None]), axis=1)) - logits[rows, labels]


def masked_softmax_unshifted(z, keep):
    """The mask put in right, but no shift at all: exp(1001) overflows on [1000, 1001, 999] (cold read r160, X2)."""
    exps = np.exp(np.where(keep, z, -np.inf))
    return exps / exps.sum()


def masked_softmax_unshifted_python(z, keep):
    """The same in plain Python: math.exp(1000) raises OverflowError."""
    exps = [math.exp(value) if kept else 0.0 for value, kept in zip(z, keep)]
    return [e / sum(exps) for e in exps]


def masked_softmax_min_shift(z, keep):
    """The mask first, then a shift by the smallest kept logit: right until the kept logits span 2000."""
    masked = np.where(keep, z, -np.inf)
    exps = np.exp(masked - masked[np.isfinite(masked)].min())
    return exps / exps.sum()


# -- 03 · Exercise 2 since cold read r132: log-softmax, my_log_softmax(z) ------------------------------------------


def log_softmax_solution(z):
    """The notebook's solution: z - (m + log(sum(exp(z - m))))."""
    z = np.asarray(z, dtype=float)
    m = z.max()
    return z - (m + np.log(np.sum(np.exp(z - m))))


def log_softmax_python(z):
    """Plain Python with math.fsum; a list returned."""
    top = max(z)
    lse = top + math.log(math.fsum(math.exp(v - top) for v in z))
    return [v - lse for v in z]


def log_softmax_in_place(z):
    """Right values, but the caller's logits are shifted in place."""
    z -= z.max()
    return z - np.log(np.sum(np.exp(z)))


def log_softmax_epsilon_in_sum(z, eps=1e-9):
    """An epsilon inside the log of the shifted sum: every entry too small by log(1 + eps / S)."""
    m = z.max()
    return z - m - np.log(np.sum(np.exp(z - m)) + eps)


def log_softmax_of_own_probabilities(z):
    """The learner's own stable softmax, then np.log of it: on [0, -1000] the second probability, e^-1000, rounds
    to 0 and its log is -inf, with a divide-by-zero warning (the starter's mistake, written out)."""
    exps = np.exp(z - z.max())
    return np.log(exps / exps.sum())


def log_softmax_of_probabilities_silenced(z):
    """np.log of the probabilities, its divide-by-zero warning silenced: -inf where e^-1000 rounds to 0."""
    with np.errstate(divide="ignore"):
        return np.log(scipy.special.softmax(z))


def log_softmax_naive_silenced(z):
    """The section's naive_lse pattern copied: z - log(sum(exp(z))) with the overflow and the log of 0 silenced."""
    with np.errstate(over="ignore", divide="ignore"):
        lse = np.log(np.sum(np.exp(z)))
    return z - lse


def log_softmax_min_shift_silenced(z):
    """A shift by the minimum, its overflow warning silenced: on [0, -1000] exp(1000) is inf."""
    with np.errstate(over="ignore"):
        return z - z.min() - np.log(np.sum(np.exp(z - z.min())))


def masked_softmax_additive(z, keep):
    """The additive mask with -10000 for -inf, z + (1 - keep) * -10000, then the stable softmax."""
    z = z + (1 - keep) * -10000.0
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_minus_10000(z, keep):
    """-10000 put in for -inf, np.where(keep, z, -1e4), then the stable softmax."""
    z = np.where(keep, z, -1e4)
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def masked_softmax_stand_in(stand_in, additive=False):
    """A finite number put in for -inf, np.where(keep, z, stand_in) or the additive z + (1 - keep) * stand_in, then
    the stable softmax."""
    def answer(z, keep):
        z = z + np.where(keep, 0.0, stand_in) if additive else np.where(keep, z, stand_in)
        exps = np.exp(z - z.max())
        return exps / exps.sum()
    return answer


def masked_softmax_mask_and_in_place(z, keep):
    """Right values, but the caller's boolean mask is narrowed in place, keep &= np.isfinite(z) (cold read r163,
    X2: the shared in-place hint then offered keep - ... and a float copy, neither of which works for a mask)."""
    keep &= np.isfinite(z)
    out = np.zeros_like(z)
    exps = np.exp(z[keep] - z[keep].max())
    out[keep] = exps / exps.sum()
    return out


def masked_softmax_new_mask(z, keep):
    """What the boolean in-place hint proposes: a new mask, keep = keep & np.isfinite(z)."""
    keep = keep & np.isfinite(z)
    out = np.zeros_like(z)
    exps = np.exp(z[keep] - z[keep].max())
    out[keep] = exps / exps.sum()
    return out


def masked_softmax_mask_copied(z, keep):
    """The hint's other way: keep = keep.copy(), then the in-place update on the copy."""
    keep = keep.copy()
    keep &= np.isfinite(z)
    out = np.zeros_like(z)
    exps = np.exp(z[keep] - z[keep].max())
    out[keep] = exps / exps.sum()
    return out


def masked_softmax_unshifted_sum(z, keep):
    """The numerator shifted by the largest kept logit, the sum not: np.exp(z - m) / np.exp(z).sum()."""
    z = np.where(keep, z, -np.inf)
    return np.exp(z - z.max()) / np.exp(z).sum()


def log_softmax_where_guard(z):
    """Right values, but np.where computes the log of the 0 it then discards: a divide-by-zero warning."""
    q = scipy.special.softmax(z)
    return np.where(q > 0, np.log(q), z - scipy.special.logsumexp(z))


def log_softmax_abs_max_shift(z):
    """A shift by the largest |z|: on [0, -1000] the exponents are -1000 and -2000, both 0, and log 0."""
    m = np.abs(z).max()
    return z - m - np.log(np.sum(np.exp(z - m)))


def log_softmax_with_lse_off_by(ulps):
    """z minus scipy's log-sum-exp moved by ``ulps`` units in its last place: a right answer, as far off as a
    log-sum-exp summed in another order can be."""
    def log_softmax_1d(z):
        lse = float(scipy.special.logsumexp(z))
        for _ in range(abs(ulps)):
            lse = math.nextafter(lse, math.copysign(math.inf, ulps))
        return z - lse
    return log_softmax_1d


def logsumexp_off_by(ulps):
    """scipy's log-sum-exp moved by ``ulps`` units in its last place: a right answer."""
    def logsumexp_1d(z):
        lse = float(scipy.special.logsumexp(z))
        for _ in range(abs(ulps)):
            lse = math.nextafter(lse, math.copysign(math.inf, ulps))
        return lse
    return logsumexp_1d


def logsumexp_epsilon_in_log(z, eps=1e-12):
    """m + log(sum(exp(z - m)) + eps): an epsilon inside the log."""
    m = float(z.max())
    return m + float(np.log(np.sum(np.exp(z - m)) + eps))


def cross_entropy_max_without_keepdims(logits, labels):
    """The row maxima without keepdims=True: z - m pairs a (6, 4) array with a (6,) one, which NumPy refuses."""
    rows = np.arange(len(labels))
    m = logits.max(axis=1)
    return m + np.log(np.exp(logits - m).sum(axis=1)) - logits[rows, labels]


def along_starter(z, axis):
    """The notebook's starter for Exercise 3: its batch_softmax, the axis never used."""
    exps = np.exp(z - z.max(axis=1, keepdims=True))
    return exps / np.sum(exps, axis=1, keepdims=True)


def along_swapped(axis, z):
    """Exercise 3's solution with its parameters as (axis, z)."""
    return along_solution(z, axis)


def along_swapped_by_name(axis, z):
    """Parameters (axis, z) and a slip too: right neither way round, so the hint goes by the name `axis`."""
    return z.max(axis=axis)


def cross_entropy_loop(logits, labels):
    """A learner's loop over the rows: stable log-sum-exp by hand, row by row, returned as a list."""
    losses = []
    for row, label in zip(logits, labels):
        top = row.max()
        losses.append(top + math.log(float(np.sum(np.exp(row - top)))) - row[label])
    return losses


def tempered_swapped(T, z):
    """A learner's tempered softmax with its parameters in the other order: called (z, T), it computes T / z."""
    scaled = np.asarray(z) / np.asarray(T)
    exps = np.exp(scaled - scaled.max())
    return exps / exps.sum()


def tempered_swapped_with_limit(T, z):
    """The worked solution with its parameters in the other order: called (z, T), `if T == 0` asks for the truth
    value of the logits array."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        is_max = z == z.max()
        return is_max / is_max.sum()
    scaled = z / T
    exps = np.exp(scaled - scaled.max())
    return exps / exps.sum()


def tempered_swapped_float(T, z):
    """Parameters in the other order, the temperature made a float first: float() of the logits array raises."""
    T = float(T)
    z = np.asarray(z, dtype=float)
    if T == 0:
        is_max = z == z.max()
        return is_max / is_max.sum()
    scaled = z / T
    exps = np.exp(scaled - scaled.max())
    return exps / exps.sum()


def tempered_swapped_2d(T, z):
    """Parameters in the other order, and a (1, K) result: called (z, T), it computes T / z with the logits in T."""
    z = np.array(z, dtype=float, ndmin=1)
    scaled = z / T
    exps = np.exp(scaled - scaled.max(axis=-1, keepdims=True))
    return np.array([exps / exps.sum(axis=-1, keepdims=True)])


def top_p_mass_before_below(logits, top_p_mass):
    """Keep a token while the mass before it is below top_p_mass: right, except that at mass 0 it keeps nothing."""
    probs = softmax(logits)
    order = np.argsort(-probs, kind="stable")
    before = np.cumsum(probs[order]) - probs[order]
    out = np.full_like(logits, -np.inf)
    keep = order[before < top_p_mass]
    out[keep] = logits[keep]
    return out


def cross_entropy_in_place(logits, labels):
    """Right value, but it shifts the caller's logits by each row's maximum in place."""
    logits -= logits.max(axis=1, keepdims=True)
    return -log_softmax(logits, axis=1)[np.arange(len(labels)), labels]


def inverse_cdf(z, rng):
    cdf = np.cumsum(softmax(z))
    return int(np.searchsorted(cdf, rng.random() * cdf[-1], side="right"))


def inverse_cdf_loop(z, rng):
    u, total = rng.uniform(), 0.0
    probs = softmax(z)
    for i, prob in enumerate(probs):
        total += prob
        if u < total:
            return i
    return int(np.flatnonzero(probs)[-1])


def batch_inverse_cdf(z, rng):
    """One inverse-CDF draw per row: the number of running totals <= u is the first index whose total exceeds u,
    with u scaled by the row's last running total, as sample_inverse_cdf scales it."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.sum(cdf <= (rng.random(len(z)) * cdf[:, -1])[:, None], axis=1)


def batch_unscaled_u(z, rng):
    """Cold read r144: right on every row of the batch, but u is not scaled by the row's last running total, so on a
    row whose running total ends a hair below 1 a u above that end is counted past the last index."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.sum(cdf <= rng.random(len(z))[:, None], axis=1)


def batch_unscaled_u_argmax(z, rng):
    """The same, with the first True of cdf > u: a row of False gives index 0."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_unscaled_u_clipped(z, rng):
    """The unscaled count clipped to the last index: on a row whose last entry is masked, that draws the mask."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.minimum(np.sum(cdf <= rng.random(len(z))[:, None], axis=1), z.shape[1] - 1)


def batch_u_scaled_by_sum(z, rng):
    """u scaled by np.sum of the row's probabilities, a pairwise sum that need not equal the running total's end."""
    probs = softmax(z, axis=1)
    u = rng.random(len(z)) * probs.sum(axis=1)
    return np.sum(np.cumsum(probs, axis=1) <= u[:, None], axis=1)


def batch_cdf_divided_by_its_end(z, rng):
    """A right answer with u unscaled: the running totals divided by their own last entry end at exactly 1."""
    cdf = np.cumsum(np.exp(z - z.max(axis=1, keepdims=True)), axis=1)
    cdf /= cdf[:, -1:]
    return np.sum(cdf <= rng.random(len(z))[:, None], axis=1)


def batch_inverse_cdf_argmax(z, rng):
    """The first True of cdf > u in each row, with u drawn as a column and scaled by each row's total."""
    cdf = np.cumsum(np.exp(z - z.max(axis=1, keepdims=True)), axis=1)
    return np.argmax(cdf > rng.random((len(z), 1)) * cdf[:, -1:], axis=1)


def batch_rows_loop(z, rng):
    """Right on every row, but one row at a time, each with its own rng.random()."""
    return [int(np.searchsorted(np.cumsum(softmax(row)), rng.random(), side="right")) for row in z]


def batch_rows_loop_vector_u(z, rng):
    """Right on every row, with the B numbers drawn at once, but the rows looked up one at a time."""
    u = rng.random(len(z))
    return np.array([np.searchsorted(np.cumsum(softmax(row)), x, side="right") for row, x in zip(z, u)])


def batch_nested_loops_no_calls(z, rng):
    """Cold read r142: u drawn at once, then each row walked entry by entry in Python, calling nothing per row."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    u = rng.random(len(z))
    out = np.zeros(len(z), dtype=int)
    for i in range(len(z)):
        for k in range(z.shape[1]):
            if cdf[i, k] > u[i]:
                out[i] = k
                break
    return out


def batch_while_loop_no_calls(z, rng):
    """The same walk written with while loops."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    u = rng.random(len(z))
    out = np.zeros(len(z), dtype=int)
    i = 0
    while i < len(z):
        k = 0
        while k < z.shape[1] - 1 and cdf[i, k] <= u[i]:
            k += 1
        out[i] = k
        i += 1
    return out


def batch_u_one_by_one(z, rng):
    """The numbers drawn one per row in a list comprehension, then a vectorised lookup."""
    u = np.array([rng.random() for _ in range(len(z))])
    return np.sum(np.cumsum(softmax(z, axis=1), axis=1) <= u[:, None], axis=1)


def batch_u_filled_in_a_loop(z, rng):
    """The numbers drawn one per row in a for loop, then a vectorised lookup."""
    u = np.empty(len(z))
    for i in range(len(z)):
        u[i] = rng.random()
    return np.sum(np.cumsum(softmax(z, axis=1), axis=1) <= u[:, None], axis=1)


def batch_u_in_two_calls(z, rng):
    """The numbers drawn in two calls, half the rows each."""
    half = len(z) // 2
    u = np.concatenate([rng.random(half), rng.random(len(z) - half)])
    return np.sum(np.cumsum(softmax(z, axis=1), axis=1) <= u[:, None], axis=1)


def batch_converted_by_generator(z, rng):
    """Vectorised, then each index converted by a generator expression: a loop over the rows all the same."""
    return tuple(int(k) for k in batch_inverse_cdf(z, rng))


def batch_converted_by_list_comprehension(z, rng):
    return [int(k) for k in batch_inverse_cdf(z, rng)]


def batch_checked_by_assert_all(z, rng):
    """Vectorised, then a sanity check that walks the rows in Python."""
    idx = batch_inverse_cdf(z, rng)
    assert all(0 <= k < z.shape[1] for k in idx)
    return idx


def batch_checked_by_np_all(z, rng):
    """Vectorised, and the same sanity check on the whole array at once."""
    idx = batch_inverse_cdf(z, rng)
    assert np.all((idx >= 0) & (idx < z.shape[1]))
    return idx


def batch_mapped_searchsorted(z, rng):
    """map runs the loop over the rows from C: no line of the learner's runs per row, but a function is called."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    u = rng.random(len(z))
    return np.array(list(map(np.searchsorted, cdf, u, ["right"] * len(z))))


def batch_whole_softmax(z, rng):
    """scipy's softmax with its default axis=None: normalised over the whole batch."""
    cdf = np.cumsum(scipy.special.softmax(z), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_column_softmax(z, rng):
    exps = np.exp(z)
    cdf = np.cumsum(exps / exps.sum(axis=0), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_column_softmax_scaled(z, rng):
    """Cold read r147, X1: a softmax down the columns, with u scaled by the row's last running total as the exercise
    asks. Scaling cannot repair it: within a row each entry is divided by its own column's total."""
    cdf = np.cumsum(softmax(z, axis=0), axis=1)
    u = rng.random(len(z)) * cdf[:, -1]
    return np.sum(cdf <= u[:, None], axis=1)


def batch_column_exps_scaled(z, rng):
    """Cold read r147, X1: the same mistake written by hand, exps / exps.sum(axis=0), with u scaled."""
    e = np.exp(z)
    cdf = np.cumsum(e / e.sum(axis=0), axis=1)
    u = rng.random(len(z)) * cdf[:, -1]
    return np.argmax(cdf > u[:, None], axis=1)


def batch_whole_softmax_scaled(z, rng):
    """Cold read r147, X2: scipy's softmax with its default axis=None, u scaled by the row's last running total.
    The scaling renormalises each row, so it is right on ordinary rows; beside a row of logits near 1000 the
    whole-table maximum leaves the ordinary row's probabilities all 0."""
    cdf = np.cumsum(scipy.special.softmax(z), axis=1)
    u = rng.random(len(z)) * cdf[:, -1]
    return np.sum(cdf <= u[:, None], axis=1)


def batch_flat_cumsum(z, rng):
    """np.cumsum without an axis: one running total over the flattened batch."""
    cdf = np.cumsum(softmax(z, axis=1))
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_cumsum_down_columns(z, rng):
    cdf = np.cumsum(softmax(z, axis=1), axis=0)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_u_as_a_row(z, rng):
    """u compared without [:, None]: (B, K) against (B,) does not broadcast."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z)), axis=1)


def batch_sum_without_keepdims(z, rng):
    exps = np.exp(z)
    cdf = np.cumsum(exps / exps.sum(axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_searchsorted(z, rng):
    """np.searchsorted on the 2-D table of running totals."""
    return np.searchsorted(np.cumsum(softmax(z, axis=1), axis=1), rng.random(len(z)), side="right")


def batch_argmax_without_axis(z, rng):
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None])


def batch_one_u(z, rng):
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(), axis=1)


def batch_u_per_entry(z, rng):
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(z.shape), axis=1)


def batch_greater_or_equal(z, rng):
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf >= rng.random(len(z))[:, None], axis=1)
def batch_sorted_not_mapped_back(z, rng):
    """Cold read r140: the rows sorted most probable first, and the index into the sorted row returned, never mapped
    back to the token's own position. No stand-in for -inf, so the hint must not blame one."""
    cdf = np.cumsum(-np.sort(-softmax(z, axis=1), axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_sorted_then_mapped_back(z, rng):
    """Cold read r150, X4: each row sorted most probable first, the inverse CDF taken there, the index mapped back
    with order[j]: a right draw of each row's distribution, but not the inverse-CDF index of the row's own order."""
    probs = softmax(z, axis=1)
    order = np.argsort(-probs, axis=1)
    cdf = np.cumsum(np.take_along_axis(probs, order, axis=1), axis=1)
    u = rng.random(len(z)) * cdf[:, -1]
    j = np.argmax(cdf > u[:, None], axis=1)
    return order[np.arange(len(z)), j]


def top_p_losing_precision(how):
    """Cold read r150, X2: a right top-p whose probabilities or comparison lose precision (`how`)."""
    def my_top_p(z, top_p_mass):
        probs = softmax(z)
        if how == "round 2":
            probs = np.round(probs, 2)
        elif how == "round 3":
            probs = np.round(probs, 3)
        elif how == "float16":
            probs = probs.astype(np.float16)
        order = np.argsort(-probs)
        c = np.cumsum(probs[order])
        if how == "tolerance":
            reached = c >= top_p_mass - 0.02
        elif how == "isclose":
            reached = (c >= top_p_mass) | np.isclose(c, top_p_mass, atol=1e-2)
        else:
            reached = c >= top_p_mass
        n = int(np.argmax(reached)) + 1 if reached.any() else len(z)
        out = np.full_like(z, -np.inf)
        out[order[:n]] = z[order[:n]]
        return out
    return my_top_p


def top_p_precision_lost_r152(how):
    """Cold read r152, X1: a right top-p whose probabilities lose precision before np.searchsorted reads them
    (the reviewer's form, which compares in float64 where `c >= top_p_mass` would cast the mass to float16)."""
    def my_top_p(z, top_p_mass):
        if how == "float16 logits":  # the softmax itself in float16
            z16 = z.astype(np.float16)
            e = np.exp(z16 - z16.max())
            probs = e / e.sum()
        else:
            probs = softmax(z).astype(np.float16) if how == "float16" else np.round(softmax(z), 4)
        order = np.argsort(-probs, kind="stable")
        n = min(int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1, len(z))
        out = np.full_like(z, -np.inf)
        out[order[:n]] = z[order[:n]]
        return out
    return my_top_p


def top_p_float32(z, top_p_mass):
    """Cold read r152: probabilities in float32, far finer than the 3e-5 gap of the case near the mass; right."""
    probs = softmax(z).astype(np.float32)
    order = np.argsort(-probs, kind="stable")
    n = min(int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1, len(z))
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def top_p_unsorted_argmax(z, top_p_mass):
    """Cold read r152, X2: no sort, and np.argmax of the reached totals (1 token at top_p_mass = 1, where the
    running total ends below 1 and no entry is True)."""
    cs = np.cumsum(softmax(z))
    n = int(np.argmax(cs >= top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[:n] = z[:n]
    return out


def top_p_unsorted_unguarded(z, top_p_mass):
    """Cold read r152, X2: no sort, and the crossing token marked by its index, which runs past the end at
    top_p_mass = 1 (IndexError)."""
    cs = np.cumsum(softmax(z))
    crossing = int(np.searchsorted(cs, top_p_mass))
    keep = np.zeros(len(z), dtype=bool)
    keep[:crossing] = True
    keep[crossing] = True
    return np.where(keep, z, -np.inf)


def batch_cumsum_flattened(scaled):
    """Cold read r152, X3: np.cumsum with no axis, reshaped back to (B, K) after the shape error, u scaled by the
    row's last entry as the exercise asks, or not."""
    def sampler(z, rng):
        cdf = np.cumsum(softmax(z, axis=1)).reshape(z.shape)
        u = rng.random(len(z)) * (cdf[:, -1] if scaled else 1.0)
        return np.argmax(cdf > u[:, None], axis=1)
    return sampler


def batch_cumsum_down_columns_scaled(z, rng):
    """Cold read r152, X3: totals down the columns, with u scaled by cdf[:, -1] as the exercise asks."""
    cdf = np.cumsum(softmax(z, axis=1), axis=0)
    return np.argmax(cdf > (rng.random(len(z)) * cdf[:, -1])[:, None], axis=1)


def batch_cumsum_no_axis(z, rng):
    """Cold read r152, X3: np.cumsum with no axis, a 1-D array then indexed as a table (IndexError)."""
    cdf = np.cumsum(softmax(z, axis=1))
    return np.argmax(cdf > (rng.random(len(z)) * cdf[:, -1])[:, None], axis=1)


def top_p_sorted_indices(z, top_p_mass):
    """Cold read r150, X1: the kept tokens' indices, not the filtered logits."""
    probs = softmax(z)
    order = np.argsort(-probs)
    n = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    return sorted(order[:n].tolist())


def batch_seeded_generator(z, rng):
    """Cold read r140: rng used only to seed another generator, whose uniform numbers the check cannot see."""
    u = np.random.default_rng(rng.integers(2**30)).random(len(z))
    return np.argmax(np.cumsum(softmax(z, axis=1), axis=1) > u[:, None], axis=1)




def batch_finite_stand_in(z, rng):
    """-inf replaced by -5 before the softmax: the masked entries get a small piece of each row."""
    cdf = np.cumsum(softmax(np.nan_to_num(z, neginf=-5.0), axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_stand_in(value):
    """-inf replaced by a finite logit such as -30: on the batch this gives the same indices as cdf >= u, since the
    masked first entry's piece (about 1e-14 of its row at -30) is drawn only at u = 0.0. u is scaled by the row's
    last running total, as a right answer scales it."""
    def sampler(z, rng):
        cdf = np.cumsum(softmax(np.nan_to_num(z, neginf=value), axis=1), axis=1)
        return np.argmax(cdf > rng.random(len(z))[:, None] * cdf[:, -1:], axis=1)
    return sampler


def batch_u_times_last_row(z, rng):
    """u scaled by cdf[-1], copied from sample_inverse_cdf, where it is the one row's total; here the last row."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    u = rng.random(len(z)) * cdf[-1]  # (B,) * (K,): raises
    return np.sum(cdf <= u[:, None], axis=1)


def batch_u_column_times_last_row(z, rng):
    """The same cdf[-1], after the hint to give u a column's shape: (B, 1) * (K,) broadcasts to (B, K)."""
    cdf = np.cumsum(softmax(z, axis=1), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None] * cdf[-1], axis=1)


def batch_probabilities_not_totals(z, rng):
    """Each token's own probability compared with u, instead of the running totals."""
    return np.argmax(softmax(z, axis=1) > rng.random(len(z))[:, None], axis=1)


def batch_no_max_subtraction(z, rng):
    """Right on small logits, but np.exp(1000) overflows: the max-subtraction of 03-softmax left out."""
    exps = np.exp(z)
    cdf = np.cumsum(exps / exps.sum(axis=1, keepdims=True), axis=1)
    return np.sum(cdf <= rng.random(len(z))[:, None], axis=1)


def batch_batch_max(z, rng):
    """The 1-D recipe pasted into a batch: the whole table's maximum subtracted, logits.max() with no axis, then
    each row divided by its own total. Right while no row lies far below the largest logit of the batch."""
    exps = np.exp(z - z.max())
    cdf = np.cumsum(exps / exps.sum(axis=1, keepdims=True), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_float32(z, rng):
    """The right recipe with the logits and u cast to float32, as for a model that returns float32."""
    u = rng.random(len(z)).astype(np.float32)
    cdf = np.cumsum(softmax(z.astype(np.float32), axis=1), axis=1)
    return np.argmax(cdf > u[:, None], axis=1)


def batch_exp_unnormalised(z, rng):
    cdf = np.cumsum(np.exp(z), axis=1)
    return np.argmax(cdf > rng.random(len(z))[:, None], axis=1)


def batch_totals_before(z, rng):
    probs = softmax(z, axis=1)
    return np.argmax(np.cumsum(probs, axis=1) - probs > rng.random(len(z))[:, None], axis=1)


def batch_totals_before_scaled(logits, rng):
    """Cold read r157, X2: the totals before each token, with u scaled by their last entry as the exercise scales it
    by the row's last running total."""
    p = softmax(logits, axis=1)
    cdf = np.cumsum(p, axis=1) - p
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.argmax(cdf > u[:, None], axis=1)


# Cold read r157, X1: a softmax by hand whose row maximum or row total lost its axis (no keepdims), with u already
# shaped as a column, u[:, None]. The (B, K)-against-(B,) error is the same as for a u without [:, None]; the hint
# names the reduction in the learner's line, and gives it back with keepdims=True.
def batch_draw_max_without_keepdims(logits, rng):
    u = rng.random(len(logits))  # the starter's first line
    e = np.exp(logits - logits.max(axis=1))  # forgot keepdims=True
    p = e / e.sum(axis=1, keepdims=True)
    cdf = np.cumsum(p, axis=1)
    return np.argmax(cdf > (u * cdf[:, -1])[:, None], axis=1)


def batch_draw_sum_without_keepdims(logits, rng):
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1)  # forgot keepdims=True
    cdf = np.cumsum(p, axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.argmax(cdf > u[:, None], axis=1)


def batch_draw_max_named_first(logits, rng):
    """The row maximum taken on a line of its own, and used on the next."""
    row_max = np.max(logits, axis=1)
    e = np.exp(logits - row_max)
    cdf = np.cumsum(e / e.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.argmax(cdf > u[:, None], axis=1)


def batch_sampler_in_place(z, rng):
    """Right indices, but the caller's logits shifted by each row's maximum in place."""
    z -= z.max(axis=1, keepdims=True)
    return batch_inverse_cdf(z, rng)


# -- 06 · cold read r162: a temperature of 1.5 is not a base-2 softmax (X1), a (B, B) u (X3), bare warnings (X4) --


def batch_tempered(temperature):
    """The notebook's own `temperature = 1.5` (or another) applied where none belongs, as softmax(logits,
    temperature, axis=1)."""
    def sampler(logits, rng):
        cdf = np.cumsum(softmax(logits, temperature, axis=1), axis=1)
        u = rng.random(len(logits)) * cdf[:, -1]
        return np.sum(cdf <= u[:, None], axis=1)

    return sampler


def batch_divided_by_temperature(logits, rng):
    """The logits divided by the notebook's temperature, 1.5, before a softmax of its own."""
    e = np.exp(logits / 1.5 - np.max(logits / 1.5, axis=1, keepdims=True))
    cdf = np.cumsum(e / e.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.argmax(cdf > u[:, None], axis=1)


def batch_multiplied_by_temperature(logits, rng):
    """The logits multiplied by 1.5 instead of divided: softmax(z / T) at T = 1 / 1.5."""
    cdf = np.cumsum(softmax(logits * 1.5, axis=1), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.sum(cdf <= u[:, None], axis=1)


def batch_base_two(power):
    """A softmax in base 2: 2**z normalised, with each row's maximum taken first; `power` makes 2**z."""
    def sampler(logits, rng):
        e = power(logits - logits.max(axis=1, keepdims=True))
        cdf = np.cumsum(e / e.sum(axis=1, keepdims=True), axis=1)
        u = rng.random(len(logits)) * cdf[:, -1]
        return np.sum(cdf <= u[:, None], axis=1)

    return sampler


def batch_u_times_total_column(logits, rng):
    """Cold read r162, X3: each u times a (B, 1) column of totals, cdf[:, -1:], which broadcasts to (B, B)."""
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1:]
    return np.argmax(cdf > u, axis=1)


def batch_u_times_total_column_indexed(logits, rng):
    """The same (B, B) u, then given a column's shape as the usual hint advises: (B, 1, B)."""
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1:]
    return np.argmax(cdf > u[:, None], axis=1)


def batch_u_table(logits, rng):
    """A (B, B) table of uniform numbers drawn in one call."""
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    u = rng.random((len(logits), len(logits)))
    return np.argmax(cdf > u, axis=1)


def batch_logits_as_probabilities(logits, rng):
    """Cold read r162, X4: the logits divided by their row's total, as if they were probabilities (no softmax)."""
    probs = logits / logits.sum(axis=1, keepdims=True)
    cdf = np.cumsum(probs, axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.sum(cdf <= u[:, None], axis=1)


def batch_shifted_by_the_minimum(logits, rng):
    """Each row's minimum subtracted in place of its maximum: on a row with a masked entry that is -inf - (-inf)."""
    e = np.exp(logits - logits.min(axis=1, keepdims=True))
    cdf = np.cumsum(e / e.sum(axis=1, keepdims=True), axis=1)
    u = rng.random(len(logits)) * cdf[:, -1]
    return np.sum(cdf <= u[:, None], axis=1)


def top_k_ties_at_the_top_only(logits, k):
    """Cold read r162, X2: the k largest by a descending stable sort, then the starter's hint about a tie at the top
    patched in; ties at the k-th place are still dropped."""
    out = np.full_like(logits, -np.inf)
    keep = np.argsort(-logits, kind="stable")[:k]
    out[keep] = logits[keep]
    out[logits == logits.max()] = logits.max()
    return out


def top_k_as_integers(logits, k):
    """Cold read r162, X4: the right top-k, cast to integers at the end."""
    k = min(k, len(logits))
    return np.where(logits >= np.sort(logits)[::-1][k - 1], logits, -np.inf).astype(int)


def top_p_on(probs_of):
    """Top-p written right, but on the probabilities `probs_of(z)` instead of softmax(z)."""
    def my_top_p(z, top_p_mass):
        probs = probs_of(z)
        order = np.argsort(-probs, kind="stable")
        n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
        out = np.full_like(z, -np.inf)
        out[order[:n_kept]] = z[order[:n_kept]]
        return out

    return my_top_p


def gumbel_max(z, T, rng):
    return int(np.argmax(z / T + rng.gumbel(size=z.size)))


def gumbel_scipy_rvs(z, T, rng):
    """scipy draws the uniform numbers from rng and inverts the Gumbel CDF itself."""
    import scipy.stats

    return int(np.argmax(z / T + scipy.stats.gumbel_r.rvs(size=len(z), random_state=rng)))


def gumbel_scipy_ppf(z, T, rng):
    """The learner's own uniforms, but scipy's ppf inverts the CDF."""
    import scipy.stats

    return int(np.argmax(z / T + scipy.stats.gumbel_r.ppf(rng.random(len(z)))))


def gumbel_noise_for_finite_logits(z, T, rng):
    """A right Gumbel-max that draws noise only for the logits that are not masked."""
    finite = np.isfinite(z)
    scores = np.full(z.shape, -np.inf)
    scores[finite] = z[finite] / T - np.log(-np.log(rng.random(int(finite.sum()))))
    return int(np.argmax(scores))


def gumbel_twice_the_noise(z, T, rng):
    """Draws 2 len(z) uniform numbers per call and uses the first half."""
    return int(np.argmax(z / T - np.log(-np.log(rng.random(2 * len(z))[:len(z)]))))


def gumbel_from_uniforms(z, T, rng):
    return int(np.argmax(z / T - np.log(-np.log(rng.random(z.size)))))


def gumbel_stand_in_where(logits, temperature, rng):
    """Cold read r159, X1, answer (a): -30 for the masked -inf, whose probability at T = 2 is then 3.7e-8."""
    z = np.where(np.isneginf(logits), -30.0, logits)
    u = rng.random(len(logits))
    return int(np.argmax(z / temperature - np.log(-np.log(u))))


def gumbel_epsilon_in_the_log(logits, temperature, rng):
    """Cold read r159, X1, answer (b): an epsilon inside the log, log(q + 1e-12) = -27.6 for the masked entry."""
    u = rng.random(len(logits))
    return int(np.argmax(np.log(softmax(logits, temperature) + 1e-12) - np.log(-np.log(u))))


def gumbel_stand_in_one_minus_u(logits, temperature, rng):
    """A -30 stand-in, with the noise made from 1 - u (just as uniform)."""
    u = rng.random(len(logits))
    return int(np.argmax(np.maximum(logits, -30.0) / temperature - np.log(-np.log(1 - u))))


def gumbel_from_uniforms_per_token(z, T, rng):
    """One u per token in a loop, from rng.uniform: the same noise, drawn one number at a time."""
    g = [-math.log(-math.log(rng.uniform())) for _ in z]
    return int(np.argmax(np.asarray(z) / T + np.array(g)))


def sigmoid_output_by_len(x):
    """Boolean masks, but the output made with len(x): right for a flat x only."""
    out = np.zeros(len(x))
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    out[~positive] = np.exp(x[~positive]) / (1 + np.exp(x[~positive]))
    return out


def sigmoid_rows_from_where(x):
    """Cold read r157, X1: integer indices from np.where(cond)[0], right on a flat x. On a 2-D x they are row
    numbers, so x[negative] picks whole rows, x = 1000 among them, and exp(1000) overflows."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = np.where(x < 0)[0]
    positive = np.where(x >= 0)[0]
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[negative])
    out[negative] = e / (1 + e)
    return out


def sigmoid_flat_indices(x):
    """Cold read r157, X2: flat positions from np.flatnonzero, right on a flat x. On a 3 × 4 x they index the
    first axis, which has 3 rows, and position 4 is out of bounds (IndexError); the output has x's shape."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    n = np.flatnonzero(x < 0)
    p = np.flatnonzero(x >= 0)
    out[p] = 1 / (1 + np.exp(-x[p]))
    e = np.exp(x[n])
    out[n] = e / (1 + e)
    return out


def sigmoid_argwhere_indices(x):
    """np.argwhere's (n, 1) coordinates as indices: right on a flat x; on a 3 × 4 x its column numbers, up to 3,
    index the first axis of 3 rows (IndexError)."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    neg = np.argwhere(x < 0)
    pos = np.argwhere(x >= 0)
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    out[neg] = np.exp(x[neg]) / (1 + np.exp(x[neg]))
    return out


def sigmoid_output_by_size(x):
    """Boolean masks, but the output made flat with x.size: a 2-D mask has too many indices for it (IndexError),
    and there is no len() in the code."""
    x = np.asarray(x, dtype=float)
    out = np.zeros(x.size)
    negative = x < 0
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    return out


def sigmoid_index_loop(x):
    """A loop over range(len(x)) with np.exp on one entry: right on a flat x; on a 2-D x, x[i] is a row, and `if`
    on a row raises ValueError."""
    x = np.asarray(x, dtype=float)
    out = np.zeros(len(x))
    for i in range(len(x)):
        if x[i] >= 0:
            out[i] = 1 / (1 + np.exp(-x[i]))
        else:
            out[i] = np.exp(x[i]) / (1 + np.exp(x[i]))
    return out


def where_and_masks_both_overflow(x):
    """Both tools at once, each overflowing: exp on the whole x indexed afterwards, and np.where's other branch."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = x < 0
    e = np.exp(x)
    out[negative] = (e / (1 + e))[negative]
    out[~negative] = np.where(x >= 0, 1 / (1 + np.exp(-x)), 0.0)[~negative]
    return out


def expit(x):
    """A learner's helper named expit that hands the work to scipy's ready-made sigmoid."""
    return scipy.special.expit(x)


def sigmoid_via_own_expit(x):
    """The learner's sigmoid calls their own expit, itself scipy.special.expit: still scipy's sigmoid."""
    return expit(x)


def sigmoid_two_class_softmax(x):
    """The two-class softmax over logits [0, x]: its second entry is σ(x), the route the exercise text names."""
    x = np.asarray(x, dtype=float)
    return softmax(np.stack([0 * x, x], axis=-1))[..., 1]


def sigmoid_softmax_stacked_on_axis_0(x):
    """The two-class softmax with the pair stacked on axis 0: softmax normalises each row, all of x, across points."""
    return softmax(np.stack([0 * x, x], axis=0))[1]


def sigmoid_softmax_axis_0_last_entry(x):
    """Stacked on axis 0, then [..., 1]: softmax across the points, and the second point of each row."""
    return softmax(np.stack([0 * x, x], axis=0))[..., 1]


def sigmoid_softmax_row_1(x):
    """Stacked right, on axis -1, but [1] takes the second row, the pair of x[1], not the second entry of each."""
    return softmax(np.stack([0 * x, x], axis=-1))[1]


def sigmoid_flattened(x):
    """Boolean masks on x.ravel(): the right values, in the wrong shape for a 2-D x."""
    x = x.ravel()
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    out[~positive] = np.exp(x[~positive]) / (1 + np.exp(x[~positive]))
    return out


def top_k_oversized_returns_its_input(z, k):
    """Right on every case, but for k >= len(z) it hands back the caller's own array."""
    if k >= len(z):
        return z
    return np.where(z >= np.sort(z)[::-1][k - 1], z, -np.inf)


def top_k_oversized_returns_a_view(z, k):
    if k >= len(z):
        return z[:]
    return np.where(z >= np.sort(z)[::-1][k - 1], z, -np.inf)


def top_k_ties(z, k):
    k = min(k, len(z))
    return np.where(z >= np.sort(z)[::-1][k - 1], z, -np.inf)


def top_k_partition(z, k):
    """The k-th largest from np.partition instead of a full sort, compared with >=: right, ties included."""
    k = min(k, len(z))
    return np.where(z >= np.partition(z, len(z) - k)[len(z) - k], z, -np.inf)


def top_k_first_positions(z, k):
    """Cold read r147, X3: the first k positions kept, as if the logits came sorted largest first."""
    out = np.full_like(z, -np.inf)
    out[:k] = z[:k]
    return out


def top_k_float32(z, k):
    """Cold read r147: right positions, but the values rounded to float32; every logit of the other cases is a
    float32 number, so only a case such as 0.7 tells it from the right answer."""
    return top_k_ties(z, k).astype(np.float32)


def top_p_mass_one_returns_its_input(z, top_p_mass):
    """Right on every case, but at top_p_mass = 1 it hands back the caller's own array."""
    if top_p_mass >= 1:
        return z
    return top_p_descending(z, top_p_mass)


def top_p_descending(z, top_p_mass):
    """Nucleus filtering written from its definition: most probable first, until the mass is reached."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n_kept]] = z[order[:n_kept]]
    return out
def top_p_without_max(z, top_p_mass):
    """top_p_descending with its own softmax that skips the max-subtraction: np.exp(1000) overflows."""
    e = np.exp(z)
    probs = e / e.sum()
    order = np.argsort(-probs, kind="stable")
    n = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def top_p_without_max_silenced(z, top_p_mass):
    """The same, with NumPy's warnings silenced, so the check sees only the answer (every probability nan on the
    large logits [1000, 999, 998, 990])."""
    with np.errstate(all="ignore"):
        return top_p_without_max(z, top_p_mass)




def top_p_count_only(z, top_p_mass):
    """Counts the tokens top-p keeps, then returns the logits without setting the others to -inf."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1  # noqa: F841 (the slip: never used)
    return z.copy()


def top_p_base_two(z, top_p_mass):
    """Nucleus filtering on a softmax in base 2: 2**z normalised, softmax(z / T) at T = 1 / ln 2, flatter than
    softmax(z)."""
    probs = 2.0**z / np.sum(2.0**z)
    order = np.argsort(-probs, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n_kept]] = z[order[:n_kept]]
    return out


def brentq_entropy_temperature(context=None):
    """The exercise's T, found with scipy's brentq; with another context, the T a wrong context gives."""
    import scipy.optimize

    from tempnb import entropy
    from tempnb.checks.temperature import ENTROPY_CONTEXT, ENTROPY_TARGET, names_model

    z = names_model().logits(ENTROPY_CONTEXT if context is None else context)
    return scipy.optimize.brentq(lambda T: float(entropy(softmax(z, T))) - ENTROPY_TARGET, 0.05, 50, xtol=1e-12)


def binary_entropy_entr(theta):
    """H([1 - θ, θ]) in nats through scipy.special.entr (the check writes the formula out instead)."""
    return float(scipy.special.entr(theta) + scipy.special.entr(1 - theta))


# The θ <= 0.5 with H = log 2 / 2, found here with scipy's entr and bisection on (0, 0.5), where H rises.
HALF_ENTROPY_THETA = scipy.optimize.bisect(lambda theta: binary_entropy_entr(theta) - math.log(2) / 2, 1e-9, 0.5,
                                           xtol=1e-14)


def half_entropy_first_point_theta(start, *, find=np.argmin, gap=lambda H: np.abs(H - math.log(2) / 2),
                                   entropy=lambda pairs: scipy.special.entr(pairs).sum(axis=-1)):
    """Exercise 01.3 on np.linspace(start, 0.5, 50001) (start 0, or a little above), with a learner's slip passed in:
    another reduction (np.argmax), another gap (no abs()), or another entropy (one number, or log base 10)."""
    grid = np.linspace(start, 0.5, 50001)
    entropies = entropy(np.column_stack([1 - grid, grid]))
    return float(grid[find(gap(np.atleast_1d(entropies)))])


def half_entropy_smallest_gap(grid):
    """Exercise 01.3 with the smallest gap stored where the θ that has it was meant: np.min(gaps), not
    grid[np.argmin(gaps)] (cold read r147, X1)."""
    gaps = np.abs(scipy.special.entr(grid) + scipy.special.entr(1 - grid) - math.log(2) / 2)
    return float(np.min(gaps))


def half_entropy_scipy_default_axis(grid):
    """Exercise 01.3 with scipy.stats.entropy on the pairs and no axis=1: it reduces along axis 0, so H holds two
    column entropies and np.argmin picks position 0 or 1 of the grid (cold read r147, X2)."""
    entropies = scipy.stats.entropy(np.column_stack([1 - grid, grid]))
    assert entropies.shape == (2,)
    return float(grid[np.argmin(np.abs(entropies - math.log(2) / 2))])


def stable_sigmoid_under_ignored(x):
    """The masked sigmoid under np.errstate(under="ignore"): underflow is ignored by default, so nothing is hidden."""
    with np.errstate(under="ignore"):
        return stable_sigmoid_masks(x)


def stable_sigmoid_seterr_under(x):
    """The same with np.seterr(under="ignore") and the old settings put back; over, divide, invalid still raise."""
    old = np.seterr(under="ignore", over="raise", divide="raise", invalid="raise")
    try:
        return stable_sigmoid_masks(x)
    finally:
        np.seterr(**old)
def tempered_divide_first(z, T):
    """z / T first, then its maximum subtracted (scipy's and transformers' order): a right answer since fix55, since
    the check's cases keep |z / T| at 3000 or less, where the two orders agree in all but the last digits."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        is_max = z == z.max()
        return is_max / is_max.sum()
    scaled = z / T
    exps = np.exp(scaled - scaled.max())
    return exps / exps.sum()


def tempered_copy_divide_first(z, T):
    """tempered_copy_first dividing first: a copy divided by T, its maximum then subtracted (a right answer)."""
    if T == 0:
        return np.where(z == np.max(z), 1.0, 0.0) / np.sum(z == np.max(z))
    z = np.array(z, dtype=float) / T
    z = z - z.max()
    return np.exp(z) / np.exp(z).sum()


def tempered_argmax_at_zero(z, T):
    """A T == 0 branch returning np.argmax(z), the index of the largest logit, not a distribution."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return np.argmax(z)
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def tempered_from_scratch(z, T):
    """From scratch, shifting before dividing: exp((z - z.max()) / T) normalised, and at T = 0 the maxima's mask."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def tempered_scipy_with_limit(z, T):
    """scipy's softmax of z / T, and at T = 0 the limit: the mass shared by the maxima."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return scipy.special.softmax(z / T)


def tempered_scipy_log_softmax(z, T):
    """The exp of scipy's log_softmax of z / T, with the T = 0 limit: a library softmax under another name."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(scipy.special.log_softmax(z / T))


def tempered_scipy_logsumexp(z, T):
    """exp(z / T - logsumexp(z / T)), with the T = 0 limit: scipy's logsumexp does the max trick and the sum."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(z / T - scipy.special.logsumexp(z / T))


def tempered_logaddexp_reduce(z, T):
    """exp(z / T - np.logaddexp.reduce(z / T)), with the T = 0 limit: NumPy's pairwise log-sum-exp, reduced over
    z / T, is a logsumexp whose max trick the learner did not write (cold read r140)."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(z / T - np.logaddexp.reduce(z / T))


def tempered_logaddexp_folded(z, T):
    """np.logaddexp itself, folded over z / T with functools.reduce: a ufunc call the profiler does not see."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(z / T - functools.reduce(np.logaddexp, z / T))


LOG_SUM_EXP = np.logaddexp.reduce  # a name of the learner's own for NumPy's reduce, bound in another cell


def tempered_logaddexp_renamed(z, T):
    """np.logaddexp.reduce under a name of the learner's own, LOG_SUM_EXP: its code never says logaddexp."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(z / T - LOG_SUM_EXP(z / T))


def logaddexp(a, b):
    """A learner's own pairwise log-sum-exp, with its own max trick: it shares only its name with NumPy's."""
    m = max(a, b)
    return m + math.log(math.exp(a - m) + math.exp(b - m))


def tempered_own_logaddexp(z, T):
    """exp(z / T - LSE), the LSE folded from the learner's own logaddexp above: right, since the learner wrote the
    max trick and nothing of NumPy's does it."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(z / T - functools.reduce(logaddexp, (z / T).tolist()))


def tempered_logaddexp2_reduce(z, T):
    """The same shortcut in base 2 (cold read r163, X2): s = z / T / log 2, so that 2**s = e**(z / T), and
    2**(s - np.logaddexp2.reduce(s)) is softmax(z / T), with NumPy's base-2 log-sum-exp doing the max trick."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    s = z / T / np.log(2)
    return np.exp2(s - np.logaddexp2.reduce(s))


LOG2_SUM_EXP2 = np.logaddexp2.reduce  # NumPy's base-2 reduce under a name of the learner's own


def tempered_logaddexp2_renamed(z, T):
    """np.logaddexp2.reduce under a name of the learner's own: its code never says logaddexp2, so only the call of
    the ufunc's method shows it."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    s = z / T / np.log(2)
    return np.exp2(s - LOG2_SUM_EXP2(s))


def tempered_backwards_shift(z, T):
    """The max trick written backwards, exp((z.max() - z) / T), with the T = 0 limit: e^(-z / T) up to a constant, so
    the softmax of -z / T, which favours the smallest logit (cold read r163, X3)."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z.max() - z) / T)
    return e / e.sum()


def tempered_min_minus_z(z, T):
    """exp((z.min() - z) / T): every exponent at most 0, but again the softmax of -z / T."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z.min() - z) / T)
    return e / e.sum()


# Cold read r165, X1: a method or function used without its parentheses. Each raises TypeError naming 'float' and the
# function's type, which the check used to read as the arguments given the wrong way round.
def tempered_max_uncalled(z, T):
    """z - z.max: the method itself, not the largest logit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - z.max) / T)
    return e / e.sum()


def tempered_sum_uncalled(z, T):
    """e / e.sum: the method itself, not the sum."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - z.max()) / T)
    return e / e.sum


def tempered_builtin_max_uncalled(z, T):
    """z - max: Python's built-in max, never called."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - max) / T)
    return e / e.sum()


def tempered_np_max_uncalled(z, T):
    """z - np.max: NumPy's max, never called."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - np.max) / T)
    return e / e.sum()


# Cold read r165, X3: logits sorted largest first (so that z[0] is the maximum), or a result given back to front. On the
# first case's two logits each gives [0.9, 0.1], as a flipped sign does.
def tempered_sorted_descending(z, T):
    """np.sort(z)[::-1] on a copy, then z[0] as the maximum: the right exponents, the probabilities reordered."""
    z = np.sort(np.asarray(z, dtype=float))[::-1]
    if T == 0:
        return (z == z[0]) / np.count_nonzero(z == z[0])
    e = np.exp((z - z[0]) / T)
    return e / e.sum()


def tempered_sorted_reverse_true(z, T):
    """sorted(z, reverse=True) on a copy: the same reordering, through Python's sorted."""
    z = np.array(sorted(z, reverse=True))
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


def tempered_reversed_result(z, T):
    """The right probabilities, returned back to front with [::-1]."""
    return tempered_from_scratch(z, T)[::-1]


def tempered_one_minus(z, T):
    """1 - p: on two logits [0.9, 0.1] for [0.1, 0.9], like a flipped sign or a reordering; on three it is neither."""
    return 1 - tempered_from_scratch(z, T)


def tempered_float16(z, T):
    """Computed in half precision: z converted with dtype=np.float16 (cold read r165, X4)."""
    z = np.asarray(z, dtype=np.float16)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    e = np.exp((z - z.max()) / np.float16(T))
    return e / e.sum()


def tempered_formatted(z, T):
    """The right probabilities formatted to 12 decimals for printing, a list of strings (cold read r163, X3)."""
    return [f"{p:.12f}" for p in tempered_from_scratch(z, T)]


def tempered_sklearn_softmax(z, T):
    """scikit-learn's softmax (a 2-D one, in sklearn.utils.extmath) of z / T as one row, with the T = 0 limit."""
    from sklearn.utils.extmath import softmax as sklearn_softmax
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return sklearn_softmax((z / T)[None])[0]


def tempered_mask_over_len(z, T):
    """The stable tempered softmax, but at T = 0 the mask z == z.max() divided by len(z), not by its sum."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        m = (z == z.max()).astype(float)
        return m / len(z)
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def tempered_tempnb_log_softmax(z, T):
    """The exp of tempnb's log_softmax at T, with the T = 0 limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return np.exp(log_softmax(z, T))


def tempered_apply_temperature(z, T):
    """tempnb.apply_temperature on a hand-normalised q = exp(z - max) / sum, with the T = 0 limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    q = np.exp(z - z.max())
    return tempnb.apply_temperature(q / q.sum(), T)


def _softmax_inner(x):
    return scipy.special.softmax(x)


def _softmax_outer(x):
    return _softmax_inner(x)


def tempered_scipy_two_levels(z, T):
    """scipy's softmax reached through two helpers of the learner's own, the maximum subtracted first; the limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return _softmax_outer((z - z.max()) / T)


_row_softmax = functools.partial(scipy.special.softmax, axis=-1)  # a learner's shorthand for scipy's softmax


def tempered_scipy_partial(z, T):
    """scipy's softmax through a functools.partial defined outside the function, with the limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return (z == z.max()) / np.count_nonzero(z == z.max())
    return _row_softmax((z - z.max()) / T)


def tempered_tempnb_only_at_zero(z, T):
    """From scratch for T > 0, and tempnb's softmax for the limit at T = 0 only."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return softmax(z, 0)
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def _exponentials(shifted):
    return np.exp(shifted)


def _normalised(weights):
    return weights / weights.sum()


def tempered_own_helpers(z, T):
    """A right answer split into helpers of the learner's own, two levels deep: no library softmax anywhere."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _normalised((z == z.max()).astype(float))
    return _normalised(_exponentials((z - z.max()) / T))


def tempered_silenced_nan_to_num(z, T):
    """No shift, NumPy's warnings silenced and the nan replaced by 0: [1, 2, 3] at T = 0.001 gives [0, 0, 0]."""
    z = np.array(z, dtype=float)
    with np.errstate(all="ignore"):
        exps = np.exp(z / T)
        result = exps / exps.sum()
    return np.nan_to_num(result)


def tempered_silenced_no_limit(z, T):
    """The maximum subtracted first, but no T == 0 branch: silenced, (z - z.max()) / 0 holds nan, made 0."""
    z = np.array(z, dtype=float)
    with np.errstate(all="ignore"):
        exps = np.exp((z - z.max()) / T)
        result = exps / exps.sum()
    return np.nan_to_num(result)
# 05 exercise 4's training loss, my_training_loss(logits, rows): the teacher's logits for the default split's 100
# transfer images (the teacher trained, and the images chosen, as the notebook's cells do), and students trained once
# by the recipe of 05's train_student(0, loss).
@functools.lru_cache(maxsize=1)
def transfer_set():
    """The default split's 100 transfer images and their labels."""
    from tempnb.data import load_digits_split

    digits = load_digits_split()
    rng = np.random.default_rng(5)
    transfer = np.concatenate([rng.choice(np.flatnonzero(digits.y_train == d), 10, replace=False) for d in range(10)])
    return digits.x_train[transfer], digits.y_train[transfer]


@functools.lru_cache(maxsize=1)
def student_on_every_training_image():
    """A [64, 32, 10] student trained on all 1257 training images: it beats 80% by far and fits the transfer set."""
    from tempnb.data import load_digits_split
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, train

    digits = load_digits_split()
    student = MLP([64, 32, 10], rng=0)
    train(student, digits.x_train, lambda logits, r: cross_entropy_loss(logits, digits.y_train[r]),
          epochs=150, batch_size=len(digits.y_train), learning_rate=1e-2, rng=100)
    return student


@functools.lru_cache(maxsize=1)
def notebook_teacher():
    """05's teacher, by its cell's recipe: [64, 256, 256, 10], rng=1, 40 epochs of Adam on all 1257 training images."""
    from tempnb.data import load_digits_split
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, train

    digits = load_digits_split()
    teacher = MLP([64, 256, 256, 10], rng=1)
    train(teacher, digits.x_train, lambda logits, r: cross_entropy_loss(logits, digits.y_train[r]),
          epochs=40, learning_rate=1e-3, weight_decay=1e-4, rng=2)
    return teacher


@functools.lru_cache(maxsize=1)
def transfer_targets():
    """The notebook's teacher's logits for the transfer images (its teacher_transfer_logits), and their labels.

    check_distilled_student compares a training loss with distillation_loss on the targets of its own copy of
    this teacher, so a right training loss must use this teacher's logits.
    """
    x, labels = transfer_set()
    return notebook_teacher().forward(x), labels


def training_targets_changed(change_teacher=None, change_labels=None):
    """aligned_training_loss with the teacher's logits for the transfer images, or their labels, changed first."""
    def training_loss(logits, rows):
        teacher_logits, labels = transfer_targets()
        teacher_logits = teacher_logits if change_teacher is None else change_teacher(teacher_logits)
        labels = labels if change_labels is None else change_labels(labels)
        return distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)
    return training_loss


def training_loss_teacher_forward_on_rows(logits, rows):
    """A right training loss that runs the teacher on this step's transfer images, teacher.forward(x_transfer[rows]),
    instead of indexing its stored logits: the same targets, up to rounding in the matrix products."""
    x, labels = transfer_set()
    return distillation_by_hand(logits, notebook_teacher().forward(x[rows]), labels[rows], 20.0, 0.9)


def training_loss_teacher_on_x_train(logits, rows):
    """The teacher's logits for digits.x_train (the notebook's teacher_train_logits) indexed with rows: the first
    100 training images, not the transfer set."""
    from tempnb.data import load_digits_split

    digits = load_digits_split()
    _, labels = transfer_targets()
    return distillation_by_hand(logits, notebook_teacher().forward(digits.x_train)[rows], labels[rows], 20.0, 0.9)


def training_loss_y_train_labels(logits, rows):
    """digits.y_train[rows] as the labels: the first 100 training images' labels, not the transfer images'."""
    from tempnb.data import load_digits_split

    teacher_logits, _ = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], load_digits_split().y_train[rows], 20.0, 0.9)


def aligned_training_loss(logits, rows):
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)


def training_loss_at_8(logits, rows):
    """The same training loss at T = 8: a student trained with it is not the one aligned_training_loss trains."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], 8.0, 0.9)


def training_loss_at_1(logits, rows):
    """The same training loss at T = 1, where the soft targets are nearly one-hot."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], 1.0, 0.9)


def training_loss_from_library(logits, rows):
    """The library's loss in the training loss, tempnb.distillation_loss, where my_distillation_loss belongs."""
    teacher_logits, labels = transfer_targets()
    return tempnb.distillation_loss(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)


def training_loss_written_inline(logits, rows):
    """The right loss and gradient written out inside the training loss, never running my_distillation_loss."""
    teacher_logits, labels = transfer_targets()
    t, y, n = teacher_logits[rows], labels[rows], len(rows)
    p, q = softmax(t, 20.0, axis=1), softmax(logits, 20.0, axis=1)
    kl = np.sum(p * (log_softmax(t, 20.0, axis=1) - log_softmax(logits, 20.0, axis=1)), axis=1)
    ce = -log_softmax(logits, axis=1)[np.arange(n), y]
    gradient = (0.9 * 20.0 * (q - p) + 0.1 * (softmax(logits, axis=1) - np.eye(10)[y])) / n
    return 0.9 * 400.0 * float(np.mean(kl)) + 0.1 * float(np.mean(ce)), gradient


def training_loss_with_settings(logits, rows, T, alpha):
    """aligned_training_loss with T and α as arguments, for functools.partial to fix."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], T, alpha)


def training_loss_swapped(logits, rows):
    """The student's and the teacher's logits swapped in the call: my_distillation_loss(teacher[rows], logits, ...)."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(teacher_logits[rows], logits, labels[rows], 20.0, 0.9)


def hard_training_loss(logits, rows):
    """The labels alone (α = 0): the hard-label student."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.0)


@functools.lru_cache(maxsize=4)
def recipe_student(training_loss):
    """train_student(0, training_loss) of 05, written out: seed 0, 150 full-batch Adam steps at 0.01."""
    from tempnb.models import MLP, train

    x, _ = transfer_set()
    student = MLP([64, 32, 10], rng=0)
    train(student, x, training_loss, epochs=150, batch_size=len(x), learning_rate=1e-2, rng=100)
    return student


@functools.lru_cache(maxsize=5)
def hard_label_test_accuracy(seed):
    """Test accuracy (%) of 05's hard-label student of this seed, train_student(seed, hard_loss) written out:
    cross-entropy with the transfer images' labels, 150 full-batch Adam steps at 0.01 (its hard_accuracy[seed])."""
    from tempnb.data import load_digits_split
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, accuracy, train

    x, labels = transfer_set()
    student = MLP([64, 32, 10], rng=seed)
    train(student, x, lambda logits, r: cross_entropy_loss(logits, labels[r]), epochs=150, batch_size=len(x),
          learning_rate=1e-2, rng=100 + seed)
    digits = load_digits_split()
    return 100 * accuracy(student, digits.x_test, digits.y_test)


def distilled_student_check(training_loss):
    """check_distilled_student with the student aligned_training_loss trains, the seed-0 baseline, a right loss."""
    return checks.check_distilled_student(recipe_student(aligned_training_loss), hard_label_test_accuracy(0),
                                          distillation_by_hand, training_loss, 20, 0.9)


def distilled_student_settings(settings):
    """check_distilled_student with a training loss and the chosen_T and ALPHA passed with it, (loss, T, α); the
    hint on the settings comes before any training, so the student is the right one."""
    training_loss, T, alpha = settings
    return checks.check_distilled_student(recipe_student(aligned_training_loss), hard_label_test_accuracy(0),
                                          distillation_by_hand, training_loss, T, alpha)


def distilled_student_without_loss(training_loss):
    """check_distilled_student with a right student and training loss but None where my_distillation_loss goes."""
    return checks.check_distilled_student(recipe_student(aligned_training_loss), hard_label_test_accuracy(0), None,
                                          training_loss, 20, 0.9)


def distilled_student_against(baseline):
    """check_distilled_student with a right student and training loss, against the baseline that baseline() gives."""
    return checks.check_distilled_student(recipe_student(aligned_training_loss), baseline(), distillation_by_hand,
                                          aligned_training_loss, 20, 0.9)


# Cold read r142, X1: Exercise 4's functions are checked in a cell of their own, before train_student runs. The
# slips below make train_student raise (a missing return, the loss alone, the pair reversed, a gradient summed over
# the rows); the check must name each one instead, as a learner's my_training_loss writes it.
def training_loss_without_return(logits, rows):
    teacher_logits, labels = transfer_targets()
    distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)


def training_loss_loss_only(logits, rows):
    teacher_logits, labels = transfer_targets()
    loss, _ = distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)
    return loss


def training_loss_gradient_first(logits, rows):
    teacher_logits, labels = transfer_targets()
    loss, gradient = distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)
    return gradient, loss


def training_loss_gradient_summed(logits, rows):
    teacher_logits, labels = transfer_targets()
    loss, gradient = distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)
    return loss, gradient.sum(axis=0)


def distillation_losses_with(training_loss):
    """check_distillation_losses with a right my_distillation_loss, this training loss, chosen_T = 20, ALPHA = 0.9."""
    return checks.check_distillation_losses(distillation_by_hand, training_loss, 20, 0.9)


def training_loss_float32(logits, rows):
    """Cold read r142, X3: a right training loss whose gradient is float32 (gradient.astype(np.float32))."""
    teacher_logits, labels = transfer_targets()
    loss, gradient = distillation_by_hand(logits, teacher_logits[rows], labels[rows], 20.0, 0.9)
    return loss, gradient.astype(np.float32)


def top_p_mass_before_at_least_one(logits, top_p_mass):
    """The fix the mass-1 hint names: keep a token while the mass before it is below top_p_mass, and at least one."""
    probs = softmax(logits)
    order = np.argsort(-probs, kind="stable")
    before = np.cumsum(probs[order]) - probs[order]
    keep = order[:max(1, int(np.sum(before < top_p_mass)))]
    out = np.full_like(logits, -np.inf)
    out[keep] = logits[keep]
    return out


def stable_sigmoid_warnings_as_errors(x):
    """The masked sigmoid with every warning turned into an exception: stricter, not silencing."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return stable_sigmoid_masks(x)


def stable_sigmoid_raise_but_underflow(x):
    """np.errstate(all="raise", under="ignore"): over, divide and invalid raise, underflow stays ignored."""
    with np.errstate(all="raise", under="ignore"):
        return stable_sigmoid_masks(x)


def stable_sigmoid_piecewise(x):
    """np.piecewise: each lambda gets the entries of one side as an array, so np.exp works on arrays."""
    x = np.asarray(x, dtype=float)
    return np.piecewise(x, [x < 0, x >= 0], [lambda v: np.exp(v) / (1 + np.exp(v)), lambda v: 1 / (1 + np.exp(-v))])


def stable_sigmoid_list(x):
    """The exp(-|x|) form through np.where (both branches safe), returned as nested lists."""
    x = np.asarray(x, dtype=float)
    s = np.exp(-np.abs(x))
    return np.where(x < 0, s / (1 + s), 1 / (1 + s)).tolist()


RIGHT_ANSWERS = [
    (checks.check_is_valid_distribution, validated),
    (checks.check_is_valid_distribution, is_valid_by_hand),
    # the NaN test folded into the per-row &, as the early-return hint advises
    (checks.check_is_valid_distribution, valid_with_nan_per_row),
    (checks.check_uniform_entropy, math.log(4)),
    (checks.check_uniform_entropy, np.float64(np.log(4))),
    (checks.check_half_entropy_theta, HALF_ENTROPY_THETA),
    # np.linspace(0, 0.5, 50001), step 1e-5, lands on 0.11003
    (checks.check_half_entropy_theta, float(np.linspace(0, 0.5, 50001)[11003])),
    # a grid that starts above 0, np.linspace(0.0001, 0.5, 50001): step 9.9998e-6, its nearest point is right too
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(1e-4)),
    (checks.check_probability_from_log_odds, 1 / (1 + math.exp(-2))),
    # log(0.1 / 0.2) = -log 2, log(0.7 / 0.2) = log 3.5
    (checks.check_logits_with_first_zero, [0.0, -math.log(2), math.log(3.5)]),
    (checks.check_stable_sigmoid, stable_sigmoid_masks),
    (checks.check_stable_sigmoid, stable_sigmoid_abs),
    # softmax over [0, x], second entry: e^x / (1 + e^x) after subtracting max(0, x), the sigmoid
    (checks.check_stable_sigmoid, sigmoid_two_class_softmax),
    (check_stable_sigmoid_subnormal, stable_sigmoid_masks),
    (check_stable_sigmoid_subnormal, stable_sigmoid_abs),
    # the core part stops at the normal doubles (-708): a cut-off at -719, 0 at -720, passes it
    (checks.check_stable_sigmoid, sigmoid_zero_below_720),
    (checks.check_stable_softmax, scipy.special.softmax),
    (checks.check_logsumexp, lambda z: float(scipy.special.logsumexp(z))),
    (checks.check_masked_softmax, masked_softmax_solution),
    (checks.check_log_softmax, log_softmax_solution),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1)),
    (checks.check_softmax_along_axis, along_solution),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[np.arange(len(y)), y]),
    (checks.check_cross_entropy, cross_entropy_loop),  # a list of B numbers
    # the one-hot form, -sum_k p_k log q_k per row, summed over the classes
    (checks.check_cross_entropy, lambda z, y: np.sum(-np.eye(z.shape[1])[y] * log_softmax(z, axis=1), axis=1)),
    # a one-hot as wide as the labels reach, against the log-probabilities of those classes only: right, since a
    # row's loss needs only its label's column
    (checks.check_cross_entropy,
     lambda z, y: -np.sum(np.eye(y.max() + 1)[y] * log_softmax(z, axis=1)[:, :y.max() + 1], axis=1)),
    # cold read r157, X1: the maximum subtracted, in np.longdouble: every exponent <= 0, so the cases 12000 apart
    # that the naive np.longdouble answers fail pass here, on any platform
    (checks.check_log_softmax, lambda z: (lambda zl: (zl - zl.max() - np.log(np.sum(np.exp(zl - zl.max())))).astype(
        float))(np.asarray(z, dtype=np.longdouble))),
    (checks.check_softmax_along_axis, lambda z, axis: along_solution(np.asarray(z, dtype=np.longdouble), axis)),
    (checks.check_cross_entropy, lambda z, y: (lambda lg: (lg.max(axis=1) + np.log(np.exp(
        lg - lg.max(axis=1, keepdims=True)).sum(axis=1)) - lg[np.arange(len(y)), y]).astype(float))(
        np.asarray(z, dtype=np.longdouble))),
    (checks.check_tempered_softmax, tempered_from_scratch),  # scipy's softmax in its place is a WRONG row now
    # a hand-written pairwise log-sum-exp that happens to be called logaddexp: not NumPy's, so not a library call
    (checks.check_tempered_softmax, tempered_own_logaddexp),
    (checks.check_odds_temperature, 1 / 3),
    (checks.check_half_temperature, GOLDEN_T),
    (checks.check_soft_loss, soft_term),
    (checks.check_numerical_gradient, central_differences),
    (checks.check_logit_matching, (np.array([1.0, 0.0, -1.0]) - np.array([2.0, 0.5, -2.5])) / 3),
    (checks.check_logit_matching, [-1 / 3, -1 / 6, 1 / 2]),
    # 05 · the distilled student: a training loss that indexes both targets with rows
    (distilled_student_check, aligned_training_loss),
    # 05 · the seed-0 hard-label accuracy typed to one decimal, as the notebook prints it
    (distilled_student_against, lambda: round(hard_label_test_accuracy(0), 1)),
    # 05 · the training loss as functools.partial of a function that runs my_distillation_loss: it runs the loss the
    # check tested, so it passes
    (distilled_student_check, functools.partial(training_loss_with_settings, T=20.0, alpha=0.9)),
    # 05 · the numerical gradient as a nested list of x's shape, which the exercise accepts
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x, h).tolist()),
    (checks.check_inverse_cdf_sampler, inverse_cdf),
    (checks.check_inverse_cdf_sampler, inverse_cdf_loop),
    (checks.check_batch_sampler, batch_inverse_cdf),
    (checks.check_batch_sampler, batch_inverse_cdf_argmax),
    (checks.check_gumbel_sampler, gumbel_from_uniforms),
    (checks.check_gumbel_sampler, exponential_race),
    (checks.check_gumbel_sampler, gumbel_from_uniforms_per_token),
    (checks.check_top_k, top_k_ties),
    (checks.check_top_k, top_k_partition),
    (checks.check_top_p, top_p_descending),
    (checks.check_top_p, top_p_mass_before_at_least_one),
]


@pytest.mark.parametrize(("check", "answer"), RIGHT_ANSWERS,
                         ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(RIGHT_ANSWERS)])
def test_right_answers_pass(capsys, check, answer):
    assert run(capsys, check, answer).startswith(checks.PASS)


def test_entropy_temperature_right_answer_passes(capsys):
    assert run(capsys, checks.check_entropy_temperature, brentq_entropy_temperature()).startswith(checks.PASS)


def test_tempered_softmax_not_a_function_gets_no_advice_about_shifts(capsys):
    """A result, a name in quotes or None passed in place of the function: the hint is about passing the function,
    not the shift recipe that a function which failed a case gets."""
    for answer in (tempered_from_scratch(np.array([1.0, 2.0]), 1.0), "my_tempered_softmax", None, 3):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert "my_tempered_softmax" in printed and "The shift must be" not in printed, printed
        assert "does not sum to 1" not in printed, printed


def test_tempered_softmax_code_errors_and_slips_get_no_advice_about_shifts(capsys):
    """Answers whose shift is right: an axis a 1-D z lacks, a method called like a function, shares at T = 0 rounded
    down, T clamped below the smallest normal double. Each hint names that mistake and leaves out the shift recipe
    (and the nan_to_num story of an all-zero result)."""
    for answer in (tempered_batch_axis, tempered_size_called, tempered_floor_divided_mask, tempered_truncated_mask,
                   tempered_clamped(1e-320), tempered_clamped(5e-324)):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert "Subtract the largest logit" not in printed and "The shift must be" not in printed, printed
        assert "nan_to_num" not in printed and "the logits first, then the temperature" not in printed, printed


def test_a_clamp_below_the_normal_doubles_overflows_at_zero():
    """The premise of the clamp rows: -1 / 1e-320 and -1 / 5e-324 lie beyond the largest double, so NumPy's division
    overflows to -inf (where a clamp of 1e-300 gives the finite -1e300)."""
    largest = np.finfo(np.float64).max
    assert 1 / 1e-320 > largest / 1e10 and 1e-320 < np.finfo(np.float64).smallest_normal
    for floor in (1e-320, 5e-324):
        with np.errstate(over="raise"), pytest.raises(FloatingPointError):
            np.array([-2.0, -1.0, 0.0]) / floor
    with np.errstate(over="raise"):
        assert np.all(np.isfinite(np.array([-2.0, -1.0, 0.0]) / 1e-300))


def test_entropy_temperature_f_at_root_is_not_sent_to_raise_it(capsys):
    """f at the root (about 1e-13) is named as such, not as a temperature too low ("raise it", other logits)."""
    printed = run(capsys, checks.check_entropy_temperature, entropy_temperature_f_at_root())
    assert "f at the root" in printed and "raise it" not in printed and "other logits" not in printed, printed


def test_large_logits_overflow_without_the_max_trick():
    """The premise of the [1000, 1001] rows: e^1000 lies beyond the largest double (whose log is 709.78...), so
    np.exp(1000.0) overflows at T = 1; subtracting the largest logit leaves exponents -1 and 0, whose softmax is
    [1, e] / (1 + e) by the formula."""
    assert 1000 > math.log(float(np.finfo(np.float64).max)) > 709
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        np.exp(np.array([1000.0, 1001.0]))
    e = math.e
    assert tempered_from_scratch(np.array([1000.0, 1001.0]), 1.0) == pytest.approx([1 / (1 + e), e / (1 + e)],
                                                                                  rel=1e-12)


def test_rounded_answers_get_the_decimals_that_give_them(capsys):
    """The figures of the rounding hint on [10, 20, 30] at T = 1, by the formula: the answer is
    [e^-20, e^-10, 1] / (1 + e^-10 + e^-20) = [2.06e-9, 4.54e-5, 0.9999546]. Rounded to 1, 2, 3 or 4 decimals it is
    [0, 0, 1] (4.54e-5 < 0.00005), so the hint names that range; to 6 decimals it is [0, 4.5e-5, 0.999955], which no
    other number of decimals gives. The hint shows the answer to 10 digits."""
    total = 1 + math.exp(-10) + math.exp(-20)
    answer = [math.exp(-20) / total, math.exp(-10) / total, 1 / total]
    assert answer[1] < 0.00005 and round(answer[2], 4) == 1.0 and round(answer[2], 5) == 0.99995
    assert [round(p, 6) for p in answer] == [0.0, 4.5e-05, 0.999955]
    assert round(answer[2], 5) != 0.999955 and round(answer[2], 7) != 0.999955  # 6 decimals only
    ten_digits = str([float(f"{p:.10g}") for p in answer])
    printed = run(capsys, checks.check_tempered_softmax, tempered_rounded(4))
    assert "rounded to 4 decimals or fewer (1 to 4 all give these values here)" in printed, printed
    assert f"to 10 digits the answer is {ten_digits}" in printed, printed
    printed = run(capsys, checks.check_tempered_softmax, tempered_rounded(6))
    assert "are the answer rounded to 6 decimals;" in printed and "one-hot" not in printed, printed
    # rounded to 10 decimals or more the answer still misses 1e-9 in its smallest entry (2.1e-9 against 2.06e-9)
    for decimals in (10, 12, 14):
        printed = run(capsys, checks.check_tempered_softmax, tempered_rounded(decimals))
        assert f"rounded to {decimals} decimals" in printed and "float32" not in printed, printed


def test_exponentiating_first_loses_the_entry_of_minus_800():
    """The figures of Exercise 1's case [0, -800] at T = 1000, by the formula with the math module: the answer is
    [1, e^-0.8] / (1 + e^-0.8), and exp(-800) is 0 in float64, so exponentiating before dividing by T gives [1, 0].
    The hint gives the lost entry to 6 digits."""
    assert math.exp(-800.0) == 0.0 and 0.0 ** (1 / 1000) == 0.0
    lost = math.exp(-0.8) / (1 + math.exp(-0.8))
    assert f"{lost:.6g}" == "0.310026"
    for answer in (tempered_powered_exponentials, tempered_log_of_softmax, tempered_retempered_by_max):
        assert np.array_equal(answer(np.array([0.0, -800.0]), 1000.0), [1.0, 0.0])
    assert tempered_from_scratch(np.array([0.0, -800.0]), 1000.0) == pytest.approx([1 - lost, lost], rel=1e-12)


def test_epsilon_hint_shows_the_moved_entry(capsys):
    """The figures of the epsilon hint on [10, 20, 30] at T = 1, by the formula: e = [e^-20, e^-10, 1]; with 1e-12
    added to each, the smallest probability is (e^-20 + 1e-12) / (1 + e^-10 + e^-20 + 3e-12), against
    e^-20 / (1 + e^-10 + e^-20), a relative 4.9e-4 apart. The hint shows both to 10 digits."""
    total = 1 + math.exp(-10) + math.exp(-20)
    moved, answer = (math.exp(-20) + 1e-12) / (total + 3e-12), math.exp(-20) / total
    assert 4.8e-4 < moved / answer - 1 < 5e-4
    printed = run(capsys, checks.check_tempered_softmax, tempered_epsilon_each(1e-12))
    assert f"your smallest probability is {moved:.10g} where the answer is {answer:.10g}" in printed, printed


def test_largest_size_shift_underflows_where_only_on_overflow_does_not():
    """The premise of the np.abs(z).max() rows (cold read r160, X2), by hand: on [-3, -2, -1] at T = 0.001 the shift 3
    gives exponents (-3 - 3) / 0.001 = -6000 up to (-1 - 3) / 0.001 = -4000, all below log(smallest subnormal),
    about -744.4, so every exp is 0. On the extra probe [-2, 0.5] at T = 0.001 the shift 2 gives -4000 and -1500,
    again all 0, while a shift applied only against overflow leaves z / T = [-2000, 500], whose exp(500) is finite
    and whose answer, [e^-2500 / (1 + e^-2500), ...], is [0, 1] in doubles: so the two mistakes are told apart."""
    smallest_log = math.log(5e-324)
    assert -4000 < smallest_log and (-1 - 3) / 0.001 == pytest.approx(-4000) and (0.5 - 2) / 0.001 < smallest_log
    assert math.isfinite(math.exp(500.0)) and math.exp(-2500.0) == 0.0
    with np.errstate(invalid="ignore"):
        assert np.all(np.isnan(tempered_shift_by_largest_size(False)(np.array([-2.0, 0.5]), 0.001)))
    assert tempered_shift_only_on_overflow(np.array([-2.0, 0.5]), 0.001).tolist() == [0.0, 1.0]


def test_discarded_division_hint_only_for_a_right_limit(capsys):
    """The np.where hint (cold read r160, X1) goes only to a function whose T = 0 result is the limit; one whose
    T = 0 branch is missing or wrong keeps its own hint, and no hint names np.where for code without it."""
    printed = run(capsys, checks.check_tempered_softmax, tempered_no_limit)
    assert "np.where" not in printed and "right limit" not in printed, printed
    printed = run(capsys, checks.check_tempered_softmax, tempered_softmax_before_the_test)
    assert "np.where" not in printed, printed
    # np.where with the limit not normalised: the T = 0 value is wrong, so the hint is about the value
    printed = run(capsys, checks.check_tempered_softmax, lambda z, T: np.where(
        T == 0, (z == z.max()).astype(float) * 2, tempered_no_limit(z, T)))
    assert "right limit" not in printed, printed


def test_tempered_softmax_hints_name_only_the_mistake_made(capsys):
    """Cold read r131: an epsilon, a nudged T and a library call with no T == 0 branch each got a hint naming a
    mistake not made (float32, the order of subtracting and dividing, a tie test with a tolerance)."""
    for answer in (tempered_epsilon_each(1e-11), tempered_nudged_temperature(with_limit=True),
                   tempered_nudged_temperature(with_limit=False), tempered_epsilon_in_sum(1e-9)):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert "float32" not in printed, printed
    printed = run(capsys, checks.check_tempered_softmax, tempered_nudged_divisor)
    assert "z / T rounds" not in printed, printed
    printed = run(capsys, checks.check_tempered_softmax, tempered_apply_temperature_no_limit)
    assert "tie test with a tolerance" not in printed and "clamping" not in printed, printed
    for answer in (tempered_powered_exponentials, tempered_log_of_softmax):
        assert "one-hot" not in run(capsys, checks.check_tempered_softmax, answer)


def test_tempered_softmax_uncalled_and_reordered_slips_get_only_their_own_hint(capsys):
    """Cold read r165: a method used without its () is not the argument order (X1); logits sorted largest first, or a
    result reversed, is not a flipped sign (X3); and a flipped sign keeps its plain hint."""
    for answer in (tempered_max_uncalled, tempered_sum_uncalled, tempered_builtin_max_uncalled,
                   tempered_np_max_uncalled):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert "the logits first, then the temperature" not in printed and "takes the temperature first" not in printed
    for answer in (tempered_sorted_descending, tempered_sorted_reverse_true, tempered_reversed_result):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert "sign of your exponents" not in printed and "favours the smallest logit" not in printed, printed
    for answer in (tempered_backwards_shift, tempered_min_minus_z):
        printed = run(capsys, checks.check_tempered_softmax, answer)
        assert printed.rstrip().endswith("the largest logit gets the largest probability."), printed
    assert "does not sum to 1" not in run(capsys, checks.check_tempered_softmax, tempered_float16)


# Cold read r165, X2: tiny, huge, negative, zero, nan and inf values, none of them a right answer to any of 04's
# exercises, as a learner may assign them (a float, a NumPy scalar, a 0-d array, a one-element tuple or list, text)
EXTREME_MAGNITUDES = [5e-324, 1e-310, 1e-300, 1e-200, 1e-100, 1e-20, 1e-9, 1e-6, 1e-3, 0.00155, 0.0016, 0.1, 0.5,
                      1.0, 2.0, 1e3, 1e6, 1e100, 1e300, sys.float_info.max]
EXTREME_VALUES = [0.0, -0.0, math.nan, math.inf, -math.inf] + EXTREME_MAGNITUDES + [-m for m in EXTREME_MAGNITUDES]


def extreme_answers():
    """Each extreme value as a learner may give it, plus Python integers beyond any double."""
    answers = []
    for value in EXTREME_VALUES:
        with np.errstate(over="ignore"):  # np.float32 of a value beyond its range is inf, as a learner's would be
            answers += [value, np.float64(value), np.float32(value), np.array(value), (value,), [value], str(value)]
        if math.isfinite(value) and value == int(value):
            answers.append(int(value))
    return answers + [10**400, -10**400]


@pytest.mark.parametrize("check", [checks.check_odds_temperature, checks.check_half_temperature,
                                   checks.check_entropy_temperature, checks.check_tempered_softmax],
                         ids=lambda check: check.__name__)
def test_temperature_checks_never_raise_on_extreme_values(capsys, check):
    """No extreme value makes one of 04's four checks raise, and each gets a hint; Exercise 1's check gets each value
    in place of the function, and as what a function returns (one number, or one per logit)."""
    if check is checks.check_tempered_softmax:
        answers = []
        for value in EXTREME_VALUES:
            answers += [value, lambda z, T, value=value: value, lambda z, T, value=value: np.full(len(z), value)]
    else:
        answers = extreme_answers()
    for answer in answers:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a warning escaping a check would be an error too
            printed = run(capsys, check, answer)
        assert printed.startswith(checks.HINT), (answer, printed)


# Exercise 1's cases in the order its text lists them ("What the check tries"), which is the order the check runs them
TEMPERED_CASES_IN_ORDER = [
    (np.log([0.25, 0.75]), 0.5), ([10, 20, 30], 1), ([10, 20, 30], 10), ([10, 20, 30], 100),
    ([1, 2, 3], 0.001), ([0, 1, 1.001], 0.001), ([3, 1, 2], 0.001), ([-3, -2, -1], 0.001), ([1000, 1001], 1),
    ([0, -800], 1000), ([1, 2, 3], 0), ([3, 1, 3], 0), ([0, 1, 1.001], 0), ([1, 1 + 1e-9], 0),
    ([1, np.nextafter(1, 2)], 0), ([0, 5e-324], 0),
]


def called_line(first, second):
    """What the debugging prints below show for one call: both arguments, as the learner's function received them."""
    return f"called with {np.round(np.asarray(first, dtype=float), 6).tolist()} and {float(np.max(second)):g}"


def printing(function):
    """``function`` with a learner's debugging print of its arguments, on stdout and on stderr."""
    def my_tempered_softmax(z, T):
        print(called_line(z, T))
        print("to stderr", file=sys.stderr)
        return function(z, T)
    return my_tempered_softmax


def test_tempered_softmax_shows_a_debugging_print_once_per_case_it_reports(capsys):
    """Cold read r163, X1: after a miss, Exercise 1's check called the learner's function with the arguments swapped
    (T, z), on the cases after the miss and on four probes of its own, and a debugging print showed every one of those
    calls. Only the cases the check runs, up to the one its hint names, show their prints now, once each, in the
    order of the exercise's list; the probes and the repeat of a T = 0 case run quietly."""
    expected = [called_line(z, T) for z, T in TEMPERED_CASES_IN_ORDER]
    answers = [
        # multiplied by T: the first case misses, and the swapped call is a probe
        (printing(lambda z, T: tempered_from_scratch(z, 1 / T)), 1, "on the logits of [0.25, 0.75] at T = 0.5 you "
                                                                    "multiplied by T"),
        # no max trick: [1, 2, 3] at T = 0.001 overflows; the shift advice probes the other cases and four inputs
        (printing(lambda z, T: np.exp(z / T) / np.exp(z / T).sum()), 5, "on [1, 2, 3] at T = 0.001, it emitted"),
        # np.where over the limit and the softmax: every T > 0 passes, [1, 2, 3] at T = 0 warns and is called again
        (printing(tempered_np_where_limit), 11, "on [1, 2, 3] at T = 0 your result is the right limit"),
        (printing(tempered_from_scratch), 16, checks.PASS),
    ]
    for answer, cases_run, named in answers:
        assert checks.check_tempered_softmax(answer) is None
        captured = capsys.readouterr()
        lines = captured.out.strip().splitlines()
        assert lines[:-1] == expected[:cases_run], lines
        assert named in lines[-1], lines[-1]
        assert captured.err.strip().splitlines() == ["to stderr"] * cases_run, captured.err

    def temperature_first(T, z):  # right when called (T, z); called (z, T) it returns [0.5, 0.5], with no error
        print(called_line(T, z))
        exps = np.exp((np.asarray(z, dtype=float) - np.max(z)) / T)
        return exps / exps.sum()

    assert checks.check_tempered_softmax(temperature_first) is None
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == expected[:1], lines  # the check's own call, not the probe that swaps the arguments back
    assert "your function takes the temperature first" in lines[-1], lines[-1]


def test_close_temperatures_from_a_minimiser_are_outside_the_tolerance():
    """The minimiser and loose-newton rows above are wrong answers: each is farther from the closed form
    10 / log φ (or, for the entropy, from 2 nats) than the check allows."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    for answer in (half_temperature_minimize_scalar(), half_temperature_minimize_scalar("bounded"),
                   half_temperature_newton_loose(), half_temperature_float32()):
        assert not math.isclose(answer, GOLDEN_T, rel_tol=1e-9) and math.isclose(answer, GOLDEN_T, rel_tol=1e-6)
    for answer in (entropy_temperature_minimize_bounded(), entropy_temperature_newton_loose()):
        assert 1e-6 < abs(float(entropy(softmax(z, answer))) - 2.0) < 1e-4


def test_exp_is_zero_in_every_float_type_below_the_masked_hints_bound():
    """_EXP_ZERO_IN_EVERY_FLOAT, below which the masked-softmax hint says e^x is 0 even in np.longdouble: this
    machine's np.longdouble rounds e^x to 0 there, and so would the 128-bit quad, whose smallest subnormal is
    2^-16494 (from its 112-bit fraction and minimum exponent -16382), about e^-11432.8."""
    bound = checks.softmax._EXP_ZERO_IN_EVERY_FLOAT
    with np.errstate(under="ignore"):
        assert np.exp(np.longdouble(bound)) == 0
    assert float(np.log(np.finfo(np.longdouble).smallest_subnormal)) > bound
    assert -16494 * math.log(2) > bound


def test_entropy_temperature_close_hint_names_only_what_fails_exercise_4(capsys):
    """Exercise 4 asks for the entropy within 1e-6 nats, looser than Exercise 3's relative 1e-9 (cold read r169, X2):
    what the close hint names misses by more, and what it used to name as well (Exercise 3's list: a float32 f,
    minimize_scalar's default method, a value typed to 6 decimals) passes here, so the hint leaves it out. The
    figures of _close_entropy's docstring, recomputed with scipy's softmax and entropy rather than tempnb's."""
    import scipy.optimize
    import scipy.special
    import scipy.stats

    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)

    def nats(T, logits=z):
        return float(scipy.stats.entropy(scipy.special.softmax(np.asarray(logits, float) / T)))

    root = scipy.optimize.brentq(lambda T: nats(T) - 2.0, 0.1, 1.0, xtol=1e-14)
    slope = (nats(root + 1e-6) - nats(root - 1e-6)) / 2e-6
    assert 1.7 < slope < 1.8 and 5e-7 < 1e-6 / slope < 6e-7  # "about 1.7 nats per unit of T", "about 6e-7"
    grid = np.linspace(0.1, 1.0, 10001)
    bounded = scipy.optimize.minimize_scalar(lambda T: (nats(T) - 2.0) ** 2, bounds=(0.1, 1.0), method="bounded").x
    misses = {"rounded to 5 decimals or fewer": round(root, 5),
              "the best point of a grid": grid[np.argmin([abs(nats(T) - 2) for T in grid])],
              "minimize_scalar(method='bounded')": bounded}
    for cause, answer in misses.items():
        assert abs(nats(answer) - 2.0) > 1e-6, cause
        printed = run(capsys, checks.check_entropy_temperature, float(answer))
        assert printed.startswith(checks.HINT) and "close:" in printed and cause in printed, printed
        assert "float32" not in printed, printed
    passes = {"6 decimals": round(root, 6),
              "a float32 f": scipy.optimize.brentq(lambda T: nats(T, z.astype(np.float32)) - 2.0, 0.1, 1.0),
              "minimize_scalar's default": scipy.optimize.minimize_scalar(lambda T: (nats(T) - 2.0) ** 2,
                                                                          bracket=(0.5, 1.0)).x}
    for cause, answer in passes.items():
        assert abs(nats(answer) - 2.0) <= 1e-6, cause
        assert run(capsys, checks.check_entropy_temperature, float(answer)).startswith(checks.PASS), cause


def test_entropy_temperature_wrong_answers_get_their_hints(capsys):
    import scipy.optimize

    from tempnb import entropy
    from tempnb.checks.temperature import ENTROPY_CONTEXT, names_model

    z = names_model().logits(ENTROPY_CONTEXT)

    def solve(entropy_of_T):
        return scipy.optimize.brentq(lambda T: entropy_of_T(T) - 2.0, 1e-3, 50, xtol=1e-12)

    in_bits = solve(lambda T: float(entropy(softmax(z, T))) / math.log(2))
    probs_as_logits = solve(lambda T: float(entropy(softmax(np.exp(z), T))))
    right = brentq_entropy_temperature()
    assert "bits" in run(capsys, checks.check_entropy_temperature, in_bits)
    assert "tempered the probabilities" in run(capsys, checks.check_entropy_temperature, probs_as_logits)
    assert "multiplied the logits by T" in run(capsys, checks.check_entropy_temperature, 1 / right)
    assert "typed from a printout" in run(capsys, checks.check_entropy_temperature, right * 1.001)


# -- wrong answers and the hint each must get -------------------------------------------------


def exact_sum(p):
    return all(0 <= x <= 1 for x in p) and sum(p) == 1


def fsum_exact(p):
    return all(0 <= x <= 1 for x in p) and math.fsum(p) == 1


def where_both_branches(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def where_over_raised(x):
    """np.where with overflow made to raise: the thrown-away branch raises FloatingPointError, not a warning."""
    with np.errstate(over="raise"):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def top_p_left_sorted(logits, top_p_mass):
    """Top-p done on the sorted logits, but returned in sorted order, never put back at their positions."""
    order = np.argsort(-logits, kind="stable")
    probs = softmax(logits)[order]
    n = int(np.searchsorted(np.cumsum(probs), top_p_mass)) + 1
    out = logits[order].copy()
    out[n:] = -np.inf
    return out


def precedence_differences(f, x, h=1e-5):
    """Central differences written (up - down) / 2 * h: Python divides by 2, then multiplies by h,
    so each entry is (up - down) / (2h) times h², the same probes as central_differences."""
    return central_differences(f, x, h) * h * h


def sigmoid_if_on_array(x):
    """A first attempt in plain Python: an `if` on the whole array raises NumPy's 'truth value' error."""
    if x < 0:
        return np.exp(x) / (1 + np.exp(x))
    return 1 / (1 + np.exp(-x))


def sigmoid_divides_by_exp(x):
    """Masks, but the negative side as 1 / (1 + 1 / exp(x)): exp(-1000) is 0, and 1 / 0 divides by zero."""
    out = np.empty_like(x)
    negative = x < 0
    out[negative] = 1 / (1 + 1 / np.exp(x[negative]))
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def sigmoid_if_any(x):
    """NumPy's advice followed: one formula for the whole array, right at each tail alone."""
    if (x < 0).any():
        return np.exp(x) / (1 + np.exp(x))
    return 1 / (1 + np.exp(-x))


def global_max_batch(x):
    exps = np.exp(x - x.max())
    return exps / exps.sum(axis=1, keepdims=True)


def no_restore(f, x, h=1e-5):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        g[i] = (up - f(x)) / (2 * h)
    return g


def restore_by_arithmetic(f, x, h=1e-5):
    """Central differences that put each entry back by adding h again: a few ulps off in floating point."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        x[i] += h
        up = f(x)
        x[i] -= 2 * h
        down = f(x)
        x[i] += h
        g[i] = (up - down) / (2 * h)
    return g


def no_restore_on_copy(f, x, h=1e-5):
    return no_restore(f, x.copy(), h)


def central_differences_on_cast_copy(f, x, h=1e-5, dtype=np.float32):
    """Central differences on a float32 (or float16) copy of x, probed in place and put back exactly: x is unchanged,
    but f sees every entry rounded to the narrow type, the ones not probed too (cold read r147, X1)."""
    narrow = x.astype(dtype)
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        old = narrow[i]
        narrow[i] = old + h
        up = f(narrow)
        narrow[i] = old - h
        down = f(narrow)
        narrow[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def central_differences_float32_copies(f, x, h=1e-5):
    """xp and xm copied afresh from a float32 cast of x for each entry (cold read r147, X1)."""
    x32 = x.astype(np.float32)
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        xp, xm = x32.copy(), x32.copy()
        xp[i] += h
        xm[i] -= h
        g[i] = (f(xp) - f(xm)) / (2 * h)
    return g


def gradient_by_approx_derivative(f, x, h=1e-5):
    """scipy's central differences, from its private module, on x flattened (cold read r147, X2)."""
    from scipy.optimize._numdiff import approx_derivative

    flat = approx_derivative(lambda v: f(v.reshape(x.shape)), x.ravel(), method="3-point", abs_step=h)
    return flat.reshape(x.shape)


def gradient_by_scipy_jacobian(f, x, h=1e-5):
    """scipy.differentiate.jacobian, which calls f on a stack of points (the first axis the variables), so each
    point is passed to f one at a time, in x's shape."""
    from scipy.differentiate import jacobian

    def stacked(points):
        values = np.empty(points.shape[1:])
        for index in np.ndindex(points.shape[1:]):
            values[index] = f(points[(slice(None), *index)].reshape(x.shape))
        return values

    return jacobian(stacked, x.ravel(), initial_step=h).df.reshape(x.shape)


def five_point_differences(f, x, h=1e-5):
    """The five-point stencil (−f(x + 2h) + 8 f(x + h) − 8 f(x − h) + f(x − 2h)) / (12h): it uses h, and is more
    accurate than the central difference the exercise asks for; exact for cubics (cold read r147, X3)."""
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        values = []
        for k in (2, 1, -1, -2):
            moved = x.copy()
            moved[i] += k * h
            values.append(f(moved))
        g[i] = (-values[0] + 8 * values[1] - 8 * values[2] + values[3]) / (12 * h)
    return g


def half_step_differences(f, x, h=1e-5):
    """(f(x + h/2) − f(x − h/2)) / h: a central difference over a width of h, not 2h (cold read r147, X3)."""
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += h / 2
        xm[i] -= h / 2
        g[i] = (f(xp) - f(xm)) / h
    return g


def double_step_differences(f, x, h=1e-5):
    """(f(x + 2h) − f(x − 2h)) / (4h): the probes 2h either side, the width read as 4h."""
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        xp, xm = x.copy(), x.copy()
        xp[i] += 2 * h
        xm[i] -= 2 * h
        g[i] = (f(xp) - f(xm)) / (4 * h)
    return g


def relative_step_differences(f, x, h=1e-5):
    """Central differences with a step scaled to each entry, h · (1 + |x_i|), as a relative step is often taken."""
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        step = h * (1 + abs(x[i]))
        xp, xm = x.copy(), x.copy()
        xp[i] += step
        xm[i] -= step
        g[i] = (f(xp) - f(xm)) / (2 * step)
    return g


def central_differences_with_unit_vector(f, x, h=1e-5):
    """The exercise's formula as written, (f(x + h 1_i) − f(x − h 1_i)) / (2h), with 1_i built for each entry."""
    g = np.zeros(x.shape)
    for i in np.ndindex(x.shape):
        unit = np.zeros(x.shape)
        unit[i] = 1.0
        g[i] = (f(x + h * unit) - f(x - h * unit)) / (2 * h)
    return g


def central_differences_down_minus_up(f, x, h=1e-5):
    """Central differences with the sign flipped: (f(x − h) − f(x + h)) / (2h)."""
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old - h
        down = f(x)
        x[i] = old + h
        up = f(x)
        x[i] = old
        g[i] = (down - up) / (2 * h)
    return g


def int_dtype_differences(f, x, h=1e-5):
    """Central differences stored in np.zeros(x.shape, dtype=int): each entry truncated to a whole number."""
    g = np.zeros(x.shape, dtype=int)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        down = f(x)
        x[i] = old
        g[i] = (up - down) / (2 * h)
    return g


def first_row_differences(f, x, h=1e-5):
    """Central differences over the first row only (for j in range(x.shape[1]): x[0, j] ...): row 1 left at 0."""
    g = np.zeros_like(x)
    for j in range(x.shape[1]):
        old = x[0, j]
        x[0, j] = old + h
        up = f(x)
        x[0, j] = old - h
        down = f(x)
        x[0, j] = old
        g[0, j] = (up - down) / (2 * h)
    return g


def flatten_copy_differences(f, x, h=1e-5):
    """Central differences that move the entries of flat = x.flatten(), a copy, while calling f(x): f never sees a
    probe, so every difference is 0."""
    flat = x.flatten()
    g = np.zeros(x.size)
    for i in range(x.size):
        old = flat[i]
        flat[i] = old + h
        up = f(x)
        flat[i] = old - h
        down = f(x)
        flat[i] = old
        g[i] = (up - down) / (2 * h)
    return g.reshape(x.shape)


def tolist_copy_differences(f, x, h=1e-5):
    """The same with rows = x.tolist(), a nested-list copy, moved entry by entry while f(x) is called."""
    rows = x.tolist()
    g = [[0.0] * x.shape[1] for _ in range(x.shape[0])]
    for i in range(x.shape[0]):
        for j in range(x.shape[1]):
            old = rows[i][j]
            rows[i][j] = old + h
            up = f(x)
            rows[i][j] = old - h
            down = f(x)
            rows[i][j] = old
            g[i][j] = (up - down) / (2 * h)
    return g


def fixed_range_differences(f, x, h=1e-5):
    """Central differences over a fixed 2 × 3 range (for i in range(2): for j in range(3)), the shape of the check's
    first function: right there, but entries beyond it are never probed on a larger x."""
    g = np.zeros_like(x)
    for i in range(2):
        for j in range(3):
            old = x[i, j]
            x[i, j] = old + h
            up = f(x)
            x[i, j] = old - h
            down = f(x)
            x[i, j] = old
            g[i, j] = (up - down) / (2 * h)
    return g


def forward_differences(f, x, h=1e-5):
    g = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        g[i] = (f(x) - base) / h
        x[i] = old
    return g


def soft_term_padded_log(s, t, T, epsilon=1e-12):
    """The soft term with a small epsilon inside both logs: wrong where the student's probabilities are tiny."""
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (np.log(p + epsilon) - np.log(q + epsilon)), axis=1)))


def batch_softmax_sum_without_keepdims(x):
    """Each row's own maximum (keepdims=True), but the row sums without keepdims: they line up with the columns."""
    exps = np.exp(x - x.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1)


def ece_bin_centres(probs, labels, n_bins):
    """Each bin's accuracy against the bin's centre instead of its examples' mean confidence."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    return float(sum(np.mean(index == m) * abs(correct[index == m].mean() - (m + 0.5) / n_bins)
                     for m in range(n_bins) if np.any(index == m)))


def ece_bin_edges(offset):
    """Each bin's accuracy against a fixed point of the bin, (m - 1 + offset) / M for bin m = 1..M: its upper
    edge (offset 1) or its lower edge (offset 0), written with np.digitize(..., right=True) as the exercise says."""
    def ece(probs, labels, n_bins):
        confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
        bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True)  # 1 to M
        return float(sum(np.mean(bins == m) * abs(correct[bins == m].mean() - (m - 1 + offset) / n_bins)
                         for m in range(1, n_bins + 1) if np.any(bins == m)))
    return ece


def fit_returns_log_t(logits, labels):
    """A search over log T that returns the log, not T."""
    import scipy.optimize

    return float(scipy.optimize.minimize_scalar(lambda log_t: mean_nll(logits, labels, math.exp(log_t)),
                                                bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}).x)


def fit_sign_flipped(logits, labels):
    """The objective's sign flipped: the search maximises the NLL and runs to a bound."""
    import scipy.optimize

    return math.exp(scipy.optimize.minimize_scalar(lambda log_t: -mean_nll(logits, labels, math.exp(log_t)),
                                                   bounds=(-5, 5), method="bounded").x)


def fit_sign_flipped_in_bounds(logits, labels):
    """The flipped sign in the bounds the exercise suggests, (0.05, 20): minimising +mean(log q of the label)
    maximises the NLL, and from its first probes (T = 7.7 and 12.4) the search runs to the upper bound."""
    import scipy.optimize

    rows = np.arange(len(labels))
    return float(scipy.optimize.minimize_scalar(lambda T: float(np.mean(log_softmax(logits, T, axis=1)[rows, labels])),
                                                bounds=(0.05, 20), method="bounded").x)


def fit_probability_objective(logits, labels):
    """-mean(q of the label) minimised instead of the mean NLL (the probability, not its log), over log T."""
    import scipy.optimize

    rows = np.arange(len(labels))
    return math.exp(scipy.optimize.minimize_scalar(
        lambda log_t: -float(np.mean(softmax(logits, math.exp(log_t), axis=1)[rows, labels])),
        bounds=(-5, 5), method="bounded").x)


def fit_probability_objective_in_bounds(logits, labels):
    """-mean(q of the label) over T in the bounds the exercise suggests, (0.05, 20): it ends at the lower bound."""
    import scipy.optimize

    rows = np.arange(len(labels))
    return float(scipy.optimize.minimize_scalar(lambda T: -float(np.mean(softmax(logits, T, axis=1)[rows, labels])),
                                                bounds=(0.05, 20), method="bounded").x)


def gumbel_from_uniforms_nearly_right_t(z, T, rng):
    """Gumbel noise made from uniforms, with the logits divided by 1.1 T: close enough to fool a frequency test."""
    return int(np.argmax(z / (1.1 * T) - np.log(-np.log(rng.random(z.size)))))


def gumbel_argmin(z, T, rng):
    return int(np.argmin(z / T + rng.gumbel(size=z.size)))


def strict_top_k(z, k):
    out = np.full_like(z, -np.inf)
    keep = np.argsort(-z, kind="stable")[:k]
    out[keep] = z[keep]
    return out


def top_k_in_place(z, k):
    z[z < np.sort(z)[::-1][min(k, len(z)) - 1]] = -np.inf
    return z


def top_p_without_crossing_token(z, top_p_mass):
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    keep = order[np.cumsum(probs[order]) <= top_p_mass]
    out = np.full_like(z, -np.inf)
    out[keep] = z[keep]
    return out


def top_p_ascending(z, top_p_mass):
    probs = softmax(z)
    order = np.argsort(probs, kind="stable")
    keep = order[np.cumsum(probs[order]) <= top_p_mass]
    out = np.full_like(z, -np.inf)
    out[keep] = z[keep]
    return out


def valid_after_sorting_in_place(p):
    """Right answers, but a list input is left sorted: only the order of its numbers changes."""
    if isinstance(p, list):
        p.sort(reverse=True)
    return is_valid_by_hand(p)


def valid_by_tolerance(tolerance, entries=lambda p: (p >= 0) & (p <= 1)):
    """The course's rule, one answer per row, with another tolerance (or a weaker entry test)."""
    def valid(p):
        p = np.asarray(p, dtype=float)
        return np.all(entries(p), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= tolerance)
    return valid


def is_distribution_with_axis(p, tolerance=1e-6):
    """01's is_distribution with axis=-1 added, its `and` kept: a batch asks `and` about whole arrays."""
    p = np.asarray(p, dtype=float)
    entries_ok = np.all((p >= 0) & (p <= 1), axis=-1)
    sums_to_one = np.abs(p.sum(axis=-1) - 1.0) <= tolerance
    return entries_ok and sums_to_one


def valid_after_sorting_batch_rows(p):
    """Right answers, but a batch's rows are left sorted in place (single vectors are untouched)."""
    if isinstance(p, np.ndarray) and p.ndim == 2:
        p.sort(axis=-1)
    return is_valid_by_hand(p)


def top_p_exp_logits(z, top_p_mass):
    """exp(logits) taken as the probabilities: right only for normalised log-probabilities."""
    probs = np.exp(z)
    order = np.argsort(-probs, kind="stable")
    keep = order[:int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1]
    out = np.full_like(z, -np.inf)
    out[keep] = z[keep]
    return out


def top_p_one_too_many(z, top_p_mass):
    """Keeps the token after the one that crosses the threshold as well."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    keep = order[:int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 2]
    out = np.full_like(z, -np.inf)
    out[keep] = z[keep]
    return out


def top_p_unsorted(z, top_p_mass):
    """The running total in the tokens' own order, never sorted: keeps the first tokens of the vocabulary."""
    probs = softmax(z)
    n_kept = int(np.searchsorted(np.cumsum(probs), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[:n_kept] = z[:n_kept]
    return out


def top_p_tempered(z, top_p_mass):
    """Nucleus filtering on softmax(z, 0.5): a temperature applied where none belongs, a sharper distribution."""
    probs = softmax(z, 0.5)
    order = np.argsort(-probs, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n_kept]] = z[order[:n_kept]]
    return out


def top_p_sorted_mask_not_mapped_back(z, top_p_mass):
    """Cold read r144: the keep-mask computed on the sorted probabilities (mass before each token below top_p_mass),
    then applied to the logits in their own order, never mapped back through the sort."""
    probs = softmax(z)
    order = np.argsort(-probs)
    keep = np.cumsum(probs[order]) - probs[order] < top_p_mass
    return np.where(keep, z, -np.inf)


def top_p_sorted_mask_at_least_one(z, top_p_mass):
    """The same mask with the most probable token always kept: the right count on every case, at the first
    positions."""
    probs = softmax(z)
    order = np.argsort(-probs)
    keep = np.cumsum(probs[order]) - probs[order] < top_p_mass
    keep[0] = True
    return np.where(keep, z, -np.inf)


def top_p_first_n(z, top_p_mass):
    """The right count from the sorted running total, written back at the first positions, not through the order."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[:n_kept] = z[:n_kept]
    return out


def top_p_min_p(z, top_p_mass):
    """min-p, with top_p_mass as its ratio: tokens at least top_p_mass times as probable as the top one."""
    probs = softmax(z)
    return np.where(probs >= top_p_mass * probs.max(), z, -np.inf)


def top_p_most_probable_only(z, top_p_mass):
    """Keeps only the most probable token: on the first case that is what 1 - top_p_mass keeps, not on the others."""
    out = np.full_like(z, -np.inf)
    out[np.argmax(z)] = z[np.argmax(z)]
    return out


def valid_replacing_nan_in_place(p):
    """Marks NaN as -1 in the array it was given, so that the entry test rejects it: right value, changed input."""
    if isinstance(p, np.ndarray):
        p[np.isnan(p)] = -1.0
    p = np.asarray(p, dtype=float)
    return bool(np.all((p >= 0) & (p <= 1)) and not np.isnan(p).any()) and abs(float(np.sum(p)) - 1) <= 1e-6


def valid_after_zeroing_nan_in_a_copy(p):
    """Sets NaN to 0 in its own copy before a right test: the caller's array is safe, but NaN is hidden."""
    p = np.array(p, dtype=float)
    p[np.isnan(p)] = 0
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


def valid_with_unparenthesised_and(p):
    """Converted first, then p >= 0 & p <= 1: & binds tighter than >=, so it computes 0 & p on floats."""
    p = np.asarray(p, dtype=float)
    return np.all(p >= 0 & p <= 1, axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)


S, T_LOGITS = np.array([1.0, 0.0, -1.0]), np.array([2.0, 0.5, -2.5])  # 05's exercise 3
# its limit (s − t) / 3, exactly: [−1/3, −1/6, 1/2]
LOGIT_LIMIT = np.array([float((Fraction(a) - Fraction(b)) / 3) for a, b in zip(S, T_LOGITS)])

def sigmoid_cut_off(x, below=-20.0, above=20.0):
    """A stable sigmoid that gives up beyond a cut-off: exactly 0 below `below`, exactly 1 above `above`."""
    x = np.asarray(x, dtype=float)
    out = stable_sigmoid_masks(x)
    out[x < below] = 0.0
    out[x > above] = 1.0
    return out


def sigmoid_sign_typo(x):
    """The masks answer with 1 - exp(-x) for 1 + exp(-x) on x >= 0: division by zero at x = 0."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 - np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1 + e)
    return out


def sigmoid_of_2x_abs_form(x):
    """exp(-|x|) form with x doubled: silent, but σ(2x)."""
    x = np.asarray(x, dtype=float)
    small = np.exp(-2 * np.abs(x))
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_wrong_negative_side(x):
    """The masks answer with e / (1 - e) on x < 0: filled, finite, in [0, 1] at x = -2, and wrong."""
    x = np.asarray(x, dtype=float)
    out = stable_sigmoid_masks(x)
    e = np.exp(x[x < 0])
    out[x < 0] = e / (1 - e)
    return out


def tempered_shift_by_last(z, T):
    """The stable tempered softmax, but shifted by the last logit instead of the largest."""
    e = np.exp((z - z[-1]) / T)
    return e / e.sum()


def tempered_sorted(z, T):
    """The stable tempered softmax of the sorted logits: right values, wrong order unless z was sorted."""
    z = np.sort(z)
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


def half_temperature_dividing_twice():
    """Exercise 04.3 solved with softmax(z / T, T): the logits divided by T twice."""
    z = np.array([10.0, 20.0, 30.0])
    return scipy.optimize.brentq(lambda T: softmax(z / T, T)[2] - 0.5, 1.0, 100.0, xtol=1e-12)


def entropy_temperature_dividing_twice():
    """Exercise 04.4 solved with softmax(z / T, T): the logits divided by T twice."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.brentq(lambda T: float(entropy(softmax(z / T, T))) - 2.0, 0.1, 10.0, xtol=1e-12)


def entropy_temperature_untempered_log():
    """Exercise 04.4 with the entropy written out, its log taken of softmax(z) (T forgotten there):
    -sum(softmax(z, T) * log softmax(z)) is a cross-entropy, 2 nats at a T below the answer."""
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.brentq(lambda T: float(-np.sum(softmax(z, T) * np.log(softmax(z)))) - 2.0, 0.1, 1.0,
                                 xtol=1e-12)


def entropy_temperature_unnormalised():
    """Exercise 04.4 with the entropy written out on p = softmax(z) ** (1 / T), never renormalised (p does not
    sum to 1): -sum(p log p) is 2 at T = 0.918, where the entropy of softmax(z, T) is 2.2509 nats."""
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)

    def f(T):
        p = softmax(z) ** (1 / T)
        return float(-np.sum(p * np.log(p))) - 2.0

    return scipy.optimize.brentq(f, 0.1, 1.0)


def entropy_temperature_grid_search():
    """Exercise 04.4 answered with the best point of a grid of temperatures 0.001 apart, not a root finder."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    grid = np.linspace(0.1, 1.0, 901)
    return float(grid[np.argmin([abs(float(entropy(softmax(z, T))) - 2.0) for T in grid])])


def entropy_temperature_loose_brentq():
    """Exercise 04.4 answered with brentq, but its xtol loosened to 1e-3: T = 0.748862, not within 1e-6 nats."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.brentq(lambda T: float(entropy(softmax(z, T))) - 2.0, 0.1, 1.0, xtol=1e-3)


def half_temperature_in_place():
    """Exercise 04.3 answered with an f that divides a global array of logits in place (cold read r169, X3): after
    f(100) every call sees logits near 0 (top about 1/3, f < 0), and brentq closes in on T = 1, where f was
    positive. The array is this function's own, as the notebook's anchor_logits would be the learner's."""
    anchor_logits = np.array([10.0, 20.0, 30.0])

    def top_minus_half(T):
        z = anchor_logits
        z /= T
        return float(softmax(z).max()) - 0.5
    return scipy.optimize.brentq(top_minus_half, 1.0, 100.0)


def half_temperature_grid_search():
    """Exercise 04.3 answered with the best point of np.linspace(1, 100, 1000), not brentq: 20.8198..."""
    grid = np.linspace(1, 100, 1000)
    return float(grid[np.argmin([abs(float(softmax([10.0, 20.0, 30.0], T).max()) - 0.5) for T in grid])])


def half_temperature_minimize_scalar(method=None):
    """Exercise 04.3 answered with a minimiser, minimize_scalar on the squared residual: it stops at a tolerance on T,
    about 7e-8 from the root with either method, more than the check's relative 1e-9 of T = 20.78."""
    residual = lambda T: (float(softmax([10.0, 20.0, 30.0], T).max()) - 0.5) ** 2  # noqa: E731
    if method == "bounded":
        return float(scipy.optimize.minimize_scalar(residual, bounds=(1, 100), method="bounded").x)
    return float(scipy.optimize.minimize_scalar(residual, bracket=(1, 100)).x)


def half_temperature_newton_loose():
    """Exercise 04.3 answered with newton from T = 15, its tol loosened to 1e-3."""
    return float(scipy.optimize.newton(lambda T: float(softmax([10.0, 20.0, 30.0], T).max()) - 0.5, 15.0, tol=1e-3))


def entropy_temperature_minimize_bounded():
    """Exercise 04.4 answered with minimize_scalar(method="bounded") on the squared residual: xatol = 1e-5 leaves the
    entropy about 2e-6 nats from 2, outside the check's 1e-6."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return float(scipy.optimize.minimize_scalar(lambda T: (float(entropy(softmax(z, T))) - 2.0) ** 2,
                                                bounds=(0.1, 1.0), method="bounded").x)


def entropy_temperature_newton_loose():
    """Exercise 04.4 answered with newton from T = 0.5, its tol loosened to 1e-3."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return float(scipy.optimize.newton(lambda T: float(entropy(softmax(z, T))) - 2.0, 0.5, tol=1e-3))


def entropy_temperature_f_at_root():
    """f at the root assigned in place of the root: entropy_minus_target(brentq(entropy_minus_target, 0.1, 1))."""
    import scipy.optimize

    from tempnb import entropy

    after_mar = checks.temperature.names_model().logits("mar")

    def entropy_minus_target(T):
        return float(entropy(softmax(after_mar, T))) - 2.0

    return entropy_minus_target(scipy.optimize.brentq(entropy_minus_target, 0.1, 1.0))


def entropy_temperature_default_brentq():
    """Exercise 04.4 as the notebook's solution solves it: brentq on [0.1, 1] with its default tolerances."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.brentq(lambda T: float(entropy(softmax(z, T))) - 2.0, 0.1, 1.0)


def entropy_temperature_root_results():
    """Exercise 04.4 solved with scipy.optimize.root_scalar, the whole RootResults assigned (no .root)."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.root_scalar(lambda T: float(entropy(softmax(z, T))) - 2.0, bracket=[0.1, 1.0])


def entropy_temperature_brentq_full_output():
    """Exercise 04.4 solved with brentq(..., full_output=True)[1]: the RootResults of the pair, not the root."""
    from tempnb import entropy
    z = checks.temperature.names_model().logits(checks.temperature.ENTROPY_CONTEXT)
    return scipy.optimize.brentq(lambda T: float(entropy(softmax(z, T))) - 2.0, 0.1, 1.0, full_output=True)[1]


def fit_grid_log_of_softmax(logits, labels):
    """A grid search from T = 0.001 on log(softmax(z / T)): at small T a probability underflows to 0, log 0."""
    grid = np.geomspace(0.001, 10, 4001)

    def nll(T):
        q = softmax(logits / T, axis=1)
        return -float(np.mean(np.log(q[np.arange(len(labels)), labels])))

    return float(grid[np.argmin([nll(T) for T in grid])])


def fit_grid_naive_logsumexp(logits, labels):
    """Cold read r150 (X1): the log-sum-exp written without 03's max-subtraction, on a grid from T = 0.01 and then
    refined. exp(logits / 0.01) overflows (a positive T) wherever a logit is above 709 * 0.01 = 7.09, which the
    check's cases hold (test_fit_temperature_overflow_hint_names_the_max_subtraction); the hint must blame the
    missing max-subtraction, not T <= 0."""
    rows = np.arange(len(labels))

    def nll(T):
        return np.mean(np.log(np.sum(np.exp(logits / T), axis=1)) - logits[rows, labels] / T)

    grid = np.geomspace(0.01, 20, 4001)
    best = grid[int(np.argmin([nll(T) for T in grid]))]
    return float(scipy.optimize.minimize_scalar(nll, bounds=(best / 1.01, best * 1.01), method="bounded",
                                                options={"xatol": 1e-10}).x)


def fit_beta_naive_logsumexp(logits, labels):
    """Cold read r150 (X1): a bounded search over beta = 1/T in (0, 200), with the log-sum-exp written without the
    max-subtraction: exp(200 * logits) overflows at a positive beta (a large one, a small T), never at T <= 0."""
    rows = np.arange(len(labels))

    def nll(beta):
        return np.mean(np.log(np.sum(np.exp(beta * logits), axis=1)) - beta * logits[rows, labels])

    beta = scipy.optimize.minimize_scalar(nll, bounds=(0, 200), method="bounded", options={"xatol": 1e-12}).x
    return float(1 / beta)


def fit_bounded_naive_logsumexp(logits, labels):
    """Cold read r153 (X1): the log-sum-exp without the max-subtraction, in a bounded search over T in (0.01, 20). Its
    trial points never come near enough to 0.01 to overflow on the first two cases (the test below shows it runs
    there without a warning), so only logits shifted by 1000 catch it."""
    rows = np.arange(len(labels))

    def nll(T):
        z = logits / T
        return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return scipy.optimize.minimize_scalar(nll, bounds=(0.01, 20), method="bounded", options={"xatol": 1e-10}).x


def fit_brent_log_t_naive_logsumexp(logits, labels):
    """Cold read r153 (X1): Brent's method over log T (no bounds needed), the log-sum-exp without the
    max-subtraction."""
    rows = np.arange(len(labels))

    def nll(log_t):
        z = logits / math.exp(log_t)
        return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return math.exp(scipy.optimize.minimize_scalar(nll).x)


def fit_log_t_bounded_naive_errstate(logits, labels):
    """Cold read r168 (X1): a bounded search over log T, as the exercise suggests, with a log-sum-exp written without
    the max-subtraction and its warnings silenced by np.errstate. On the logits plus 1000 the objective is inf, and
    only the "invalid value" of the search's own inf - inf surfaces."""
    rows = np.arange(len(labels))

    def nll(log_t):
        z = logits / math.exp(log_t)
        with np.errstate(all="ignore"):
            return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-10}).x)


def fit_log_t_bounded_naive_catch_warnings(logits, labels):
    """The same, its warnings silenced by warnings.catch_warnings() and simplefilter("ignore") instead."""
    rows = np.arange(len(labels))

    def nll(log_t):
        z = logits / math.exp(log_t)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-10}).x)


def fit_float32_objective(logits, labels):
    """Cold read r168 (X2): the right objective, max-subtracted, but on the logits cast to float32: near the minimum
    the NLL is so flat that float32's rounding moves the T where it looks lowest by more than 1e-4 relative."""
    z32 = logits.astype(np.float32)
    rows = np.arange(len(labels))

    def nll(log_t):
        z = z32 / np.float32(math.exp(log_t))
        z = z - z.max(axis=1, keepdims=True)
        return float(np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels]))

    return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-10}).x)


def fit_brent_t_naive_silenced(logits, labels):
    """Brent's method over T without bounds (it tries T <= 0), the naive log-sum-exp with its overflow and division
    warnings silenced: the "invalid value" left comes from T <= 0."""
    rows = np.arange(len(labels))

    def nll(T):
        with np.errstate(divide="ignore", over="ignore"):
            z = logits / T
            return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return float(scipy.optimize.minimize_scalar(nll).x)


def test_fit_temperature_silenced_overflow_is_not_blamed_on_t_below_zero(capsys):
    """Cold read r168 (X1): the two silenced naive log-sum-exps pass the first two cases and, on the max-subtracted
    shifted logits, find the best T (checked against an independent fit with scipy.special.log_softmax) with no
    warning; on the shifted logits themselves the check names the silenced overflow, not a search that tried
    T <= 0 and not bounds or log T, which they already use. An unbounded Brent search on T with the same silenced
    log-sum-exp, whose "invalid value" comes from T <= 0 (it stays on the max-subtracted logits), keeps that hint."""
    underconfident, shifted = checks.calibration._temperature_cases()[1:]
    logits, labels = underconfident.args
    best_T = _independent_temperature(logits, labels)
    for answer in (fit_log_t_bounded_naive_errstate, fit_log_t_bounded_naive_catch_warnings):
        outcome = call(answer, logits - logits.max(axis=1, keepdims=True), labels)
        assert outcome.problem is None and math.isclose(outcome.value, best_T, rel_tol=1e-6), answer.__name__
        assert "invalid value" in call(answer, *shifted.args).problem, answer.__name__
        printed = run(capsys, checks.check_fit_temperature, answer)
        assert "plus 1000" in printed and "overflow warning was silenced" in printed, printed
        assert "probably tried T <= 0" not in printed and "Brent" not in printed, printed
    printed = run(capsys, checks.check_fit_temperature, fit_brent_t_naive_silenced)
    assert "RuntimeWarning: invalid value" in printed and "Your search probably tried T <= 0" in printed, printed


def _independent_temperature(logits, labels):
    """The T minimising the mean NLL, written independently of tempnb: scipy.special.log_softmax, minimised over
    log T by minimize_scalar (bounded, xatol 1e-12)."""
    rows = np.arange(len(labels))

    def nll(log_t):
        return -float(np.mean(scipy.special.log_softmax(logits / math.exp(log_t), axis=1)[rows, labels]))

    return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-12}).x)



def test_fit_temperature_shifted_case_keeps_the_best_t():
    """Cold read r153 (X1): the third case is the underconfident case's logits plus 1000. Adding a constant to a row
    changes no softmax, so its best T, found here by an independent fit over log T with scipy.special.log_softmax
    on the unshifted logits, is the check's expected T; and the naive log-sum-exp overflows on it at T = 1, since
    1000 > log(float max) = 709.78."""
    underconfident, shifted = checks.calibration._temperature_cases()[1:]
    logits, labels = underconfident.args
    shifted_logits, shifted_labels = shifted.args
    assert np.array_equal(shifted_labels, labels)
    assert np.allclose(shifted_logits - logits, 1000.0, rtol=0, atol=1e-9)
    best_T = _independent_temperature(logits, labels)
    assert math.isclose(shifted.expected, best_T, rel_tol=1e-6), (shifted.expected, best_T)
    assert math.isclose(shifted.expected, underconfident.expected, rel_tol=1e-6)
    assert shifted_logits.max() > math.log(np.finfo(float).max)
    # the two naive answers are right on the unshifted case: only the shift shows their mistake
    for answer in (fit_bounded_naive_logsumexp, fit_brent_log_t_naive_logsumexp):
        assert call(answer, logits, labels).problem is None, answer.__name__
        assert "overflow" in call(answer, shifted_logits, labels).problem, answer.__name__


def test_fit_temperature_log_zero_hint_leaves_out_brent(capsys):
    """Cold read r153 (X3): a grid from T = 0.001 that takes np.log of softmax divides by zero in np.log, never by
    T = 0: its hint names log 0 and leaves out Brent's method; an unbounded Brent search, which does try T <= 0,
    keeps it."""
    printed = run(capsys, checks.check_fit_temperature, fit_grid_log_of_softmax)
    assert "np.log met a probability that underflowed to 0" in printed, printed
    assert "Brent" not in printed and "T = 0" not in printed, printed
    assert "Brent's method" in run(capsys, checks.check_fit_temperature, fit_unbounded)


def fit_grid_log_of_softmax_refined(logits, labels):
    """Cold read r148 (X1): a coarse grid from T = 0.01 on np.log(softmax(z, T)), then minimize_scalar between the
    grid points around its best one. The refined T is right, but the grid's small T underflow a probability to 0 on
    the way, and np.log(0) warns."""
    rows = np.arange(len(labels))

    def nll(T):
        return -np.mean(np.log(softmax(logits, T, axis=1)[rows, labels]))

    grid = np.geomspace(0.01, 10, 100)
    best = int(np.argmin([nll(T) for T in grid]))
    return float(scipy.optimize.minimize_scalar(nll, bounds=(grid[max(best - 1, 0)], grid[min(best + 1, 99)]),
                                                method="bounded", options={"xatol": 1e-10}).x)


def ece_nansum(probs, labels, n_bins):
    """Right bins and weights, but per-bin means divided by empty counts (0/0), then np.nansum."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(index, minlength=n_bins)
    accuracy = np.bincount(index, weights=correct, minlength=n_bins) / count
    mean_confidence = np.bincount(index, weights=confidence, minlength=n_bins) / count
    return float(np.nansum(count / len(labels) * np.abs(accuracy - mean_confidence)))


def cross_entropy_max_not_added_back(logits, labels):
    """log-sum-exp without its m: log(sum(exp(z - m))) - z_y per row, each row's maximum left out."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    lse_without_m = np.log(np.exp(shifted).sum(axis=1))
    return lse_without_m - logits[np.arange(len(labels)), labels]


def cross_entropy_naive_silenced(logits, labels):
    """-log of the naive softmax's label entry, warnings silenced: on [0, -1000] log 0 = -inf, a loss of inf."""
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        exps = np.exp(logits)
        return -np.log(exps / exps.sum(axis=1, keepdims=True))[np.arange(len(labels)), labels]


def cross_entropy_log_of_softmax_silenced(logits, labels):
    """log_softmax as np.log of a stable softmax, its divide-by-zero warning silenced: log 0 = -inf, loss inf."""
    exps = np.exp(logits - logits.max(axis=1, keepdims=True))
    with np.errstate(divide="ignore"):
        log_q = np.log(exps / exps.sum(axis=1, keepdims=True))
    return -log_q[np.arange(len(labels)), labels]


def cross_entropy_naive_lse_silenced(logits, labels):
    """The naive log-sum-exp with NumPy's warnings silenced, as the notebook's naive_lse silences them: exp(1001)
    is inf, so the loss on [[1000, 1001, 999]] is inf, with no warning."""
    rows = np.arange(len(labels))
    with np.errstate(all="ignore"):
        return np.log(np.exp(logits).sum(axis=1)) - logits[rows, labels]


def cross_entropy_clipped_logits(logits, labels):
    """The logits clipped to ±500 so that exp cannot overflow: on [[0, -1000], [3, 1]] with labels [1, 0] the first
    row becomes [0, -500], whose loss is log(1 + e^-500) + 500 = 500 (in doubles), not 1000."""
    clipped = np.clip(logits, -500, 500)
    return scipy.special.logsumexp(clipped, axis=1) - clipped[np.arange(len(labels)), labels]


def cross_entropy_clipped_naive(logits, labels):
    """Clipped to ±80, then the naive formula: exp(80) fits, so nothing warns, but [0, -1000] becomes [0, -80]."""
    clipped = np.clip(logits, -80, 80)
    return np.log(np.exp(clipped).sum(axis=1)) - clipped[np.arange(len(labels)), labels]


def ece_histogram(probs, labels, n_bins):
    """Per-bin sums by np.histogram: its bins are [a, b), the last [a, b], on np.linspace edges."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    right, _ = np.histogram(confidence, bins=n_bins, range=(0.0, 1.0), weights=correct)
    summed_confidence, _ = np.histogram(confidence, bins=n_bins, range=(0.0, 1.0), weights=confidence)
    return float(np.abs(right - summed_confidence).sum() / len(labels))


def ece_confidence_per_class(probs, labels, n_bins):
    """probs.max(axis=0): one confidence per class, so np.bincount's weights (one per example) do not fit."""
    confidence, correct = probs.max(axis=0), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def ece_confidence_per_class_compared(probs, labels, n_bins):
    """probs.max(axis=0) and probs.argmax(axis=0): one entry per class, compared with the (n,) labels."""
    confidence, correct = probs.max(axis=0), (probs.argmax(axis=0) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def valid_vectorized(p):
    """Each entry tested by a Python function through np.vectorize: NaN compared with <= warns 'invalid value'."""
    p = np.asarray(p, dtype=float)
    entries_ok = np.vectorize(lambda x: 0 <= x <= 1)(p)
    return np.all(entries_ok, axis=-1) & (np.abs(p.sum(axis=-1) - 1.0) <= 1e-6)


def tempered_sorted_in_place(z, T):
    """The stable tempered softmax after z.sort(): the caller's logits reordered in place."""
    z.sort()
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


def tempered_sorted_descending_in_place(z, T):
    """The stable tempered softmax after sorting z largest first, in place (so z[0] is the maximum)."""
    z[::-1].sort()
    e = np.exp((z - z[0]) / T)
    return e / e.sum()


def top_p_complement_descending(z, top_p_mass):
    """transformers' 1 - top_p threshold (meant for an ascending sort) used with a descending sort."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n = min(int(np.searchsorted(np.cumsum(probs[order]), 1 - top_p_mass)) + 1, len(z))
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def tempered_shift_only_on_overflow(z, T):
    """The maximum subtracted only when an exponent would overflow: all-negative logits then underflow to 0/0."""
    s = z / T
    if s.max() > 700:
        s = s - s.max()
    e = np.exp(s)
    return e / e.sum()


def ece_mean_of_every_bin(probs, labels, n_bins):
    """A loop taking np.mean over every bin, empty ones included (Mean of empty slice), then np.nansum."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    gaps = [np.mean(index == m) * abs(np.mean(correct[index == m]) - np.mean(confidence[index == m]))
            for m in range(n_bins)]
    return float(np.nansum(gaps))


def ece_rounded_to_4(probs, labels, n_bins):
    """The right ECE, rounded to 4 decimals (0.0860 for 0.085978...)."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    total = np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
    return round(float(total / len(labels)), 4)


def soft_teacher_np_log(s, t, T):
    """Exercise 1 with log_softmax on the student's side only: np.log of the teacher's softmax."""
    p = softmax(t, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (np.log(p) - log_softmax(s, T, axis=1)), axis=1)))


def soft_teacher_np_log_silenced(s, t, T):
    """The same, with NumPy's warnings silenced: a confident teacher's 0 · log 0 returns nan."""
    with np.errstate(all="ignore"):
        return soft_teacher_np_log(s, t, T)


def stable_sigmoid_over_ignored(x):
    """The masked sigmoid (right values) under np.errstate(over="ignore"): overflow is on by default, so it hides."""
    with np.errstate(over="ignore"):
        return stable_sigmoid_masks(x)


def stable_sigmoid_under_and_divide_ignored(x):
    """np.errstate(under="ignore", divide="ignore"): underflow hides nothing, but divide is on by default."""
    with np.errstate(under="ignore", divide="ignore"):
        return stable_sigmoid_masks(x)
def tempered_no_limit(z, T):
    """The stable tempered softmax, the maximum subtracted before dividing, without a case for T = 0."""
    z = np.asarray(z, dtype=float)
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()
def training_loss_labels_unindexed(logits, rows):
    """y_transfer without [rows]: the labels stay put while train_student shuffles the images."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits[rows], labels, 20.0, 0.9)


def training_loss_teacher_unindexed(logits, rows):
    """teacher_transfer_logits without [rows]: the teacher's targets stay put while the images move."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits, teacher_logits, labels[rows], 20.0, 0.9)


def training_loss_logits_indexed(logits, rows):
    """The step's logits indexed with rows a second time, logits[rows], the targets indexed as they should be."""
    teacher_logits, labels = transfer_targets()
    return distillation_by_hand(logits[rows], teacher_logits[rows], labels[rows], 20.0, 0.9)


def training_loss_rows_sorted(logits, rows):
    """Targets looked up in sorted row order: right on a full batch only if the rows come in order."""
    teacher_logits, labels = transfer_targets()
    ordered = np.sort(rows)
    return distillation_by_hand(logits, teacher_logits[ordered], labels[ordered], 20.0, 0.9)
def inverse_cdf_sorted_positions(z, rng):
    """The inverse CDF of the probabilities sorted largest first, returning the position in the sorted list."""
    return int(np.searchsorted(np.cumsum(np.sort(softmax(z))[::-1]), rng.random(), side="right"))


def inverse_cdf_sorted_mapped_back(z, rng):
    """The inverse CDF of the probabilities sorted largest first, mapped back to the token: right frequencies,
    but not the inverse CDF of a given u."""
    probs = softmax(z)
    order = np.argsort(-probs)
    return int(order[np.searchsorted(np.cumsum(probs[order]), rng.random(), side="right")])


def inverse_cdf_sorted_ascending_positions(z, rng):
    """Sorted smallest first, the position returned: the masked token's 0 comes first."""
    return int(np.searchsorted(np.cumsum(np.sort(softmax(z))), rng.random(), side="right"))


def half_temperature_multiplying():
    """Exercise 04.3 solved with the logits multiplied by T: its root is 1/T (T' = log φ / 10 < 1)."""
    z = np.array([10.0, 20.0, 30.0])
    return scipy.optimize.brentq(lambda T: softmax(z * T)[2] - 0.5, 1e-3, 1.0, xtol=1e-15)


def tempered_probabilities_unscaled(z, T):
    """The re-tempering route without its divide-by-the-max step: q ** (1 / T) underflows when max q is small."""
    z = np.asarray(z, dtype=float)
    q = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    return q ** (1 / T) / np.sum(q ** (1 / T))


def tempered_unnormalised_mask(z, T):
    """Exercise 04.1 with a T = 0 branch returning the mask z == z.max() as floats: 2 on a tie, not 1."""
    return (z == z.max()).astype(float) if T == 0 else tempered_no_limit(z, T)
def sigmoid_zero_below_742(x):
    """Right everywhere except that it returns 0 for x < -742, where e^x (down to about -745.13) is still a double."""
    x = np.asarray(x, dtype=float)
    return np.where(x < -742, 0.0, stable_sigmoid_masks(x))


def sigmoid_underflow_warned(x, **settings):
    """The right exp(-|x|) form, run with underflow warnings switched on: exp(-1000) underflows, and warns."""
    with np.errstate(**(settings or {"all": "warn"})):
        x = np.asarray(x, dtype=float)
        small = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + small), small / (1 + small))
def half_entropy_grid_theta(target, count=50001):
    """Exercise 01.3's solution grid, np.linspace(0, 0.5, count), aimed at another target entropy."""
    grid = np.linspace(0, 0.5, count)
    entropies = scipy.special.entr(grid) + scipy.special.entr(1 - grid)
    return float(grid[np.argmin(np.abs(entropies - target))])
def half_entropy_linspace_theta(count):
    """Exercise 01.3 aimed at log 2 / 2 itself on np.linspace(0, 0.5, count), a grid coarser than the text's."""
    return half_entropy_grid_theta(math.log(2) / 2, count)
def half_entropy_curve_grid_theta():
    """Exercise 01.3 on the entropy curve's grid, np.linspace(0, 1, 501) (step 0.002), up to 0.5."""
    grid = np.linspace(0, 1, 501)[:251]
    entropies = scipy.special.entr(grid) + scipy.special.entr(1 - grid)
    return float(grid[np.argmin(np.abs(entropies - math.log(2) / 2))])
def half_entropy_arange_theta(target, step):
    """Exercise 01.3 on np.arange(0, 0.5, step), aimed at `target`: a round step coarser than the text's 2e-5."""
    grid = np.arange(0, 0.5, step)
    entropies = scipy.special.entr(grid) + scipy.special.entr(1 - grid)
    return float(grid[np.argmin(np.abs(entropies - target))])
def half_entropy_scratch_theta():
    """Exercise 01.3 with the notebook's entropy_from_scratch on the pairs: it sums every entry of the grid, so H is
    one number, np.argmin of it is 0 and θ = grid[0] = 0."""
    grid = np.linspace(0, 0.5, 50001)
    pairs = np.column_stack([1 - grid, grid])
    nonzero = pairs[pairs > 0]
    entropies = float(np.sum(nonzero * (0.0 - np.log(nonzero))))  # one number for the whole grid
    return float(grid[np.argmin(np.abs(entropies - math.log(2) / 2))])
def valid_loose_below_by_1_4e_6(p):
    """The course's rule with sums down to 1 - 1.4e-6 passing, above only to 1 + 1e-6."""
    p = np.asarray(p, dtype=float)
    total = p.sum(axis=-1)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (total >= 1 - 1.4e-6) & (total <= 1 + 1e-6)
def valid_one_sided(p):
    """The course's rule with a tolerance loose only below 1: sums down to 1 - 1e-4 pass, above only to 1 + 1e-6."""
    p = np.asarray(p, dtype=float)
    total = p.sum(axis=-1)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (total >= 1 - 1e-4) & (total <= 1 + 1e-6)
def valid_in_float32(p):
    """The course's rule on a float32 copy: 1 + 1e-10 rounds to 1 (float32 keeps about 7 digits)."""
    p = np.asarray(p, np.float32)
    return np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6)
def top_p_argmax_reaches(z, top_p_mass):
    """The first position whose running total reaches the mass, by np.argmax: 0 when none does."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n = int(np.argmax(np.cumsum(probs[order]) >= top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def top_p_while_loop(z, top_p_mass):
    """Cold read r159, X2: a loop that adds tokens while the running total is below the mass. At mass 1 the ten
    probabilities of 0.1 add up to 0.9999999999999999 and the masked token adds 0, so it runs past the last token."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    total, n = probs[order[0]], 1
    while total < top_p_mass:
        total += probs[order[n]]
        n += 1
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def top_p_first_reaching(z, top_p_mass):
    """The first running total that reaches the mass, found with np.flatnonzero(...)[0]: none does at mass 1."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n = int(np.flatnonzero(np.cumsum(probs[order]) >= top_p_mass)[0]) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out

def top_p_exceeds(z, top_p_mass):
    """Keeps tokens until the running total exceeds the mass (>), not until it reaches it: one too many when a
    total lands exactly on the mass, as 0.25 + 0.25 does on 0.5; everywhere else the same as the right rule."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    over = np.cumsum(probs[order]) > top_p_mass
    n = int(np.argmax(over)) + 1 if over.any() else z.size
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def top_p_count_at_most(z, top_p_mass):
    """Counts the running totals at most the mass, plus one: the same misreading of "reaches", written as a count."""
    probs = softmax(z)
    order = np.argsort(-probs, kind="stable")
    n = min(int(np.sum(np.cumsum(probs[order]) <= top_p_mass)) + 1, z.size)
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def distilled_student_of(make_student):
    """check_distilled_student with the student make_student() gives, passed with aligned_training_loss."""
    return checks.check_distilled_student(make_student(), hard_label_test_accuracy(0), distillation_by_hand,
                                          aligned_training_loss, 20, 0.9)


def soft_from_library_imported(s, t, T):
    """The soft term from the library's loss at alpha = 1, imported under another name."""
    from tempnb.distill import distillation_loss as library_loss

    return library_loss(s, t, np.zeros(len(s), dtype=int), T, 1.0)[0]


def soft_kl_divergence_of_probs(s, t, T):
    """The soft term from tempnb.kl_divergence on the two softmax outputs: inf where the student's rounds to 0."""
    from tempnb import kl_divergence

    return T * T * float(np.mean(kl_divergence(softmax(t, T, axis=1), softmax(s, T, axis=1), axis=1)))


def soft_clipped_300(s, t, T):
    """The soft term with both sides' probabilities clipped at 1e-300 before np.log."""
    p, q = np.clip(softmax(t, T, axis=1), 1e-300, 1), np.clip(softmax(s, T, axis=1), 1e-300, 1)
    return T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (np.log(p) - np.log(q)), axis=1)))


def soft_term_in_float32(s, t, T):
    """The soft term with the logits cast to float32 first (tempnb's softmax keeps float32), returned as float()."""
    s, t = s.astype(np.float32), t.astype(np.float32)
    p = softmax(t, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)))


def soft_sum_axis0(s, t, T):
    """Σ p (log p − log q) summed over the batch (axis 0) for each class, then the mean over the classes."""
    p = softmax(t, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=0)))


def soft_with_epsilon(epsilon, form="pad", both=True):
    """The soft term with an ε in the logs, as learners write it: np.log(q + ε) ("pad"), np.log(np.clip(q, ε, 1))
    ("clip") or np.log(np.clip(q, ε, 1 - ε)) ("clip both ends"), on both logs or on the student's only."""
    log_of = {"pad": lambda a: np.log(a + epsilon), "clip": lambda a: np.log(np.clip(a, epsilon, 1)),
              "clip both ends": lambda a: np.log(np.clip(a, epsilon, 1 - epsilon))}[form]

    def soft_loss(s, t, T):
        p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
        log_p = log_of(p) if both else log_softmax(t, T, axis=1)
        return T * T * float(np.mean(np.sum(p * (log_p - log_of(q)), axis=1)))
    return soft_loss


def soft_log_softmax_without_max(s, t, T):
    """A log-softmax written by hand without subtracting the maximum: exp(800) overflows on the confident student."""
    def log_softmax_by_hand(z):
        return z / T - np.log(np.sum(np.exp(z / T), axis=1, keepdims=True))
    return T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (log_softmax_by_hand(t) - log_softmax_by_hand(s)),
                                        axis=1)))


def soft_teacher_probabilities_by_hand(s, t, T):
    """Cold read r136, X1: the student's logs from log_softmax, but the teacher's probabilities (and their log) written
    by hand, e^(t/T) over its sum, without subtracting the maximum: e^800 overflows on the confident teacher."""
    log_q = log_softmax(s, T, axis=1)
    e = np.exp(t / T)
    p = e / e.sum(axis=1, keepdims=True)
    return T * T * float(np.mean(np.sum(p * (np.log(p) - log_q), axis=1)))


def soft_epsilon_teacher_only(epsilon, form="pad"):
    """Cold read r136, X2: an ε inside the teacher's log only, np.log(p + ε) ("pad") or np.log(np.clip(p, ε, 1))
    ("clip"), with log_softmax for the student's."""
    log_of = {"pad": lambda a: np.log(a + epsilon), "clip": lambda a: np.log(np.clip(a, epsilon, 1))}[form]

    def soft_loss(s, t, T):
        p = softmax(t, T, axis=1)
        return T * T * float(np.mean(np.sum(p * (log_of(p) - log_softmax(s, T, axis=1)), axis=1)))
    return soft_loss


def soft_loss_check_inputs():
    """Exercise 1's student and teacher logits as the check draws them: default_rng(5), two 4 × 10 normal arrays
    times 3."""
    rng = np.random.default_rng(5)
    return rng.normal(size=(4, 10)) * 3, rng.normal(size=(4, 10)) * 3


def confident_student_soft_term():
    """Exercise 1's confident-student case worked out with scipy.special alone: its inputs as the check draws them
    (default_rng(5), two 4 × 10 normal arrays times 3, the student's first logit raised by 800), T = 1."""
    rng = np.random.default_rng(5)
    s, t = rng.normal(size=(4, 10)) * 3, rng.normal(size=(4, 10)) * 3
    s[:, 0] += 800.0
    log_p, log_q = scipy.special.log_softmax(t, axis=1), scipy.special.log_softmax(s, axis=1)
    return float(np.mean(np.sum(np.exp(log_p) * (log_p - log_q), axis=1)))


def softmax_epsilon_each_exp(z, eps=1e-13):
    """A softmax with a tiny epsilon added to every exponential: a masked or underflowed entry is no longer 0."""
    e = np.exp(z - np.max(z)) + eps
    return e / e.sum()


def softmax_mask_as_minus_30(z):
    """A softmax that replaces -inf by -30: the masked entry gets exp(-31) / (1 + e^-1), about 2.5e-14, not 0."""
    z = np.where(np.isneginf(z), -30.0, z)
    e = np.exp(z - z.max())
    return e / e.sum()


def softmax_mask_replaced_by_0(z):
    """A stable softmax that replaces -inf by 0 first: on [0, -inf, 1] the masked entry gets e^-1 / (1 + 2 e^-1),
    0.211942, not 0."""
    z = np.where(np.isinf(z), 0.0, z)
    e = np.exp(z - z.max())
    return e / e.sum()


def softmax_naive_silenced(z):
    """The naive softmax with NumPy's warnings silenced: on [1000, 1001] inf / inf = nan, and no warning."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(z) / np.exp(z).sum()


def softmax_exp_only_silenced(z):
    """exp(z) alone, overflow silenced: right on the logits of [0.25, 0.75], inf on [1000, 1001]."""
    with np.errstate(over="ignore"):
        return np.exp(z)


def logsumexp_naive_silenced(z):
    """The notebook's naive_lse, its overflow warning silenced: log(sum(exp([1000, 1000]))) is inf."""
    with np.errstate(over="ignore"):
        return float(np.log(np.sum(np.exp(z))))


def logsumexp_mask_replaced_by_0(z):
    """A stable log-sum-exp that replaces -inf by 0 first: on [0, -inf] log 2, not 0."""
    z = np.where(np.isinf(z), 0.0, z)
    m = float(z.max())
    return m + float(np.log(np.sum(np.exp(z - m))))


def cross_entropy_swapped(labels, logits):
    """Exercise 03.4 right, but with its parameters as (labels, logits): the check's (logits, labels) call gives
    it the labels as logits, and logsumexp along axis 1 of a 1-D array raises AxisError."""
    return scipy.special.logsumexp(logits, axis=1) - logits[np.arange(len(labels)), labels]


def cross_entropy_swapped_loop(labels, logits):
    """The same swap in a loop over the rows: called (logits, labels), each 'row' is one label, an int."""
    return np.array([scipy.special.logsumexp(row) - row[label] for row, label in zip(logits, labels)])


def cross_entropy_swapped_and_wrong(labels, logits):
    """Parameters (labels, logits) and the sign flipped: right neither way round, so the hint goes by the name."""
    return logits[np.arange(len(labels)), labels] - scipy.special.logsumexp(logits, axis=1)


def cross_entropy_take_along_axis(logits, labels):
    """np.take_along_axis with the (B,) labels as indices: NumPy wants them (B, 1), with as many axes as log_q."""
    return -np.take_along_axis(log_softmax(logits, axis=1), labels, axis=1)


def cross_entropy_of_target(logits, target):
    """03's cross_entropy(logits, target), restated: one logit vector and a target distribution, -sum(p * log q)."""
    return float(-np.sum(np.asarray(target) * log_softmax(logits)))


def cross_entropy_labels_as_target(logits, labels):
    """The notebook's cross_entropy given the whole batch and the integer labels as its target: labels * log_q
    pairs a (6,) array with a (6, 4) one, which NumPy refuses (cold read r145, X1)."""
    return cross_entropy_of_target(logits, labels)


def cross_entropy_labels_as_target_by_row(logits, labels):
    """The same row by row: each row's label y taken as its target, so each loss is -y * sum_k log q_k."""
    return np.array([cross_entropy_of_target(row, label) for row, label in zip(logits, labels)])


def cross_entropy_labels_times_log_q_printing(logits, labels):
    """-sum(labels * log_q) per row, with a debugging print of the shapes on every call."""
    log_q = log_softmax(logits, axis=1)
    print("shapes", log_q.shape, labels.shape)
    return -np.sum(labels * log_q, axis=1)


def gumbel_on_the_kept_logits(logits, temperature, rng):
    """Gumbel-max over the finite logits only, returning the argmax's position among them."""
    kept = np.isfinite(logits)
    u = rng.random(int(kept.sum()))
    return int(np.argmax(np.asarray(logits)[kept] / temperature - np.log(-np.log(u))))


def batch_scaled_by_batch_max(logits, rng):
    """Inverse CDF with every row's u scaled by the largest running total in the whole batch."""
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    u = rng.random(len(logits)) * cdf.max()
    return np.argmax(cdf > u[:, None], axis=1)


def batch_scaled_by_largest_row_total(logits, rng):
    """As above, by the largest of the rows' totals, and read off as a count of the totals <= u."""
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    u = rng.random(len(logits)) * np.max(cdf[:, -1])
    return np.sum(cdf <= u[:, None], axis=1)


def fit_minimising_ece(logits, labels):
    """The temperature that minimises the 15-bin ECE instead of the mean NLL, by a bounded search."""
    from tempnb.calibration import expected_calibration_error

    def ece(T):
        return expected_calibration_error(softmax(logits / T, axis=1), labels, 15)

    return float(scipy.optimize.minimize_scalar(ece, bounds=(0.05, 20), method="bounded").x)


def cross_entropy_nan_to_num(logits, labels):
    """-log q of the label with the divide-by-zero warning silenced and np.nan_to_num over the losses."""
    q = softmax(logits, axis=1)[np.arange(len(labels)), labels]
    with np.errstate(divide="ignore"):
        losses = -np.log(q)
    return np.nan_to_num(losses)


def log_softmax_of_long_double_probabilities(z):
    """log(softmax) computed in np.longdouble, where e^-1000 does not round to 0 on x86."""
    zz = np.asarray(z, dtype=np.longdouble)
    e = np.exp(zz - zz.max())
    return np.log(e / e.sum()).astype(float)


def cross_entropy_one_hot_per_row(logits, labels):
    """One-hot rows made with np.eye(len(labels)): a column per row, (6, 6), which the (6, 4) log_q refuses."""
    return -np.sum(np.eye(len(labels))[labels] * log_softmax(logits, axis=1), axis=1)


def softmax_epsilon_in_sum(z, eps):
    """A stable softmax with an epsilon added to the sum "for safety": every entry too small by S / (S + eps)."""
    e = np.exp(z - z.max())
    return e / (e.sum() + eps)


def cross_entropy_sorts_labels(z, y):
    """Right losses for sorted labels only, and it sorts the caller's labels in place."""
    y.sort()
    return scipy.special.logsumexp(z, axis=1) - z[np.arange(len(y)), y]


def cross_entropy_float_labels(z, y):
    """The labels copied the way the shared in-place hint copies a float input: floats cannot index."""
    y = np.array(y, dtype=float)
    return scipy.special.logsumexp(z, axis=1) - z[np.arange(len(y)), y]


def cross_entropy_float_labels_loop(z, y):
    """Float labels in a loop: one float label as an index, which NumPy refuses too."""
    y = y.astype(float)
    return [float(scipy.special.logsumexp(z[i]) - z[i][y[i]]) for i in range(len(y))]


def cross_entropy_math_loop(z, y):
    """The naive log-sum-exp with the math module, row by row: math.exp(1000) raises OverflowError."""
    return [math.log(sum(math.exp(v) for v in row)) - row[k] for row, k in zip(z, y)]


def cross_entropy_where_guard(logits, labels):
    """Right losses: np.where keeps -log q_y where q_y > 0 and log_softmax where it rounded to 0; but np.where
    computes both branches, so -np.log(0) is taken (and warns) for the row whose q_y rounded to 0."""
    rows = np.arange(len(labels))
    q_y = softmax(logits, axis=1)[rows, labels]
    return np.where(q_y > 0, -np.log(q_y), -log_softmax(logits, axis=1)[rows, labels])


def batch_softmax_math_loop(x):
    """The naive softmax row by row with the math module: a row far below 0 gives 0 / 0, ZeroDivisionError."""
    result = []
    for row in x:
        exps = [math.exp(v) for v in row]
        result.append([e / sum(exps) for e in exps])
    return result


def logsumexp_without_max_term(z):
    """Log-sum-exp whose sum leaves out the maximum's own term, exp(0) = 1: on [1, 2, 3] 2.313262, not 3.407606."""
    m = np.max(z)
    s = np.exp(z - m)
    return float(m + np.log(s.sum() - s.max()))


def softmax_exponent_floored(z, floor=-28.0):
    """A softmax with z - max floored at -28: on [-1000, 0, 1000] the two small entries get about e^-28, not 0."""
    e = np.exp(np.maximum(z - z.max(), floor))
    return e / e.sum()


def softmax_exponent_clipped(z):
    """A softmax with z - max clipped to [-700, 0]: on [-1000, 0, 1000] the two small entries get e^-700, about
    9.9e-305, not 0 (below 1e-15, once read as the answer rounded to 1 decimal)."""
    e = np.exp(np.clip(z - z.max(), -700, 0))
    return e / e.sum()


def batch_softmax_epsilon_each_exp(x):
    """Exercise 03.3 with 1e-12 added to every exponential: a tiny probability becomes about 1e-12."""
    e = np.exp(x - x.max(axis=1, keepdims=True)) + 1e-12
    return e / e.sum(axis=1, keepdims=True)


def stable_sigmoid_all_raise(x):
    """The masked sigmoid under np.errstate(all="raise"): exp(-1000) underflows to 0, which now raises."""
    with np.errstate(all="raise"):
        return stable_sigmoid_masks(x)


def sigmoid_strict_masks_empty(x):
    """The Tip's np.empty_like with masks x > 0 and x < 0: out at x = 0 keeps whatever was in memory."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive, negative = x > 0, x < 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    e = np.exp(x[negative])
    out[negative] = e / (1 + e)
    return out


def inverse_cdf_raw_logits_loop(z, rng):
    u = rng.random()
    total = 0.0
    for k, logit in enumerate(z):
        total += logit
        if total > u:
            return k
    return len(z) - 1


def inverse_cdf_returns_probability(z, rng):
    probs = softmax(z)
    k = np.searchsorted(np.cumsum(probs), rng.random(), side="right")
    return probs[k]


def inverse_cdf_totals_before(z, rng):
    """u looked up in the totals before each token, np.cumsum(p) - p: the masked entry for a small u, 0 past the end."""
    probs = softmax(z)
    return int(np.argmax(np.cumsum(probs) - probs > rng.random()))


def top_k_oversized_keeps_top(z, k):
    """Right while k <= len(z); a larger k keeps only the top logit instead of them all."""
    if k > len(z):
        return np.where(z == np.max(z), z, -np.inf)
    return top_k(z, k)
def fake_distillation(logits, rows, T, alpha):
    """A training loss at the given T and α with made-up teacher logits: cheap, as it needs no teacher."""
    teacher_logits = np.random.default_rng(1).normal(size=(100, 10)) * 4
    labels = np.arange(100) % 10
    return distillation_by_hand(logits, teacher_logits[rows], labels[rows], T, alpha)


def swapped_fake_distillation(logits, rows):
    """fake_distillation at T = 20, α = 0.9 with the student's and the (made-up) teacher's logits swapped."""
    teacher_logits = np.random.default_rng(1).normal(size=(100, 10)) * 4
    labels = np.arange(100) % 10
    return distillation_by_hand(teacher_logits[rows], logits, labels[rows], 20.0, 0.9)
def sigmoid_flat_loop(x):
    """Right on any shape, but a Python loop over x.flat: one entry at a time, with np.exp on one number."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    for i in range(x.size):
        v = x.flat[i]
        out.flat[i] = 1 / (1 + np.exp(-v)) if v >= 0 else np.exp(v) / (1 + np.exp(v))
    return out


def sigmoid_comprehension(x):
    """The same as a list comprehension over x.ravel(), reshaped to x's shape."""
    x = np.asarray(x, dtype=float)
    return np.array([1 / (1 + np.exp(-v)) if v >= 0 else np.exp(v) / (1 + np.exp(v))
                     for v in x.ravel()]).reshape(x.shape)


def sigmoid_vectorized(x):
    """Right values of any shape, but a Python lambda with math.exp runs once per entry through np.vectorize."""
    return np.vectorize(lambda v: math.exp(v) / (1 + math.exp(v)) if v < 0 else 1 / (1 + math.exp(-v)))(x)


def sigmoid_math_exp_flat(x):
    """Right values of any shape: math.exp on each entry of the flattened array, reshaped back."""
    x = np.asarray(x, dtype=float)
    values = [math.exp(v) / (1 + math.exp(v)) if v < 0 else 1 / (1 + math.exp(-v)) for v in x.ravel()]
    return np.array(values).reshape(x.shape)


def sigmoid_local_expit(x):
    """scipy's sigmoid imported inside the function, where many learners put their imports."""
    from scipy.special import expit

    return expit(x)


def sigmoid_local_expit_aliased(x):
    """The same, under another name, after the tip's np.asarray."""
    from scipy.special import expit as sig

    x = np.asarray(x, dtype=float)
    return sig(x)


def sigmoid_local_log_expit(x):
    """scipy's log_expit imported inside the function, turned back into the sigmoid by np.exp."""
    from scipy.special import log_expit

    return np.exp(log_expit(x))


def sigmoid_map_math_exp(x):
    """math.exp handed to map: C code calls it once per entry, so no Python line runs per entry."""
    x = np.asarray(x, dtype=float)
    small = np.fromiter(map(math.exp, (-np.abs(x)).ravel()), float).reshape(x.shape)
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_frompyfunc_math_exp(x):
    """math.exp made into a ufunc of Python objects by np.frompyfunc: still one call per entry."""
    x = np.asarray(x, dtype=float)
    small = np.frompyfunc(math.exp, 1, 1)(-np.abs(x)).astype(float)
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_map_local_math_exp(x):
    """`from math import exp` inside the function, handed to map."""
    from math import exp

    x = np.asarray(x, dtype=float)
    small = np.array(list(map(exp, (-np.abs(x)).ravel()))).reshape(x.shape)
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_map_np_exp(x):
    """np.exp handed to map: NumPy's exp, but on one number at a time."""
    x = np.asarray(x, dtype=float)
    small = np.fromiter(map(np.exp, (-np.abs(x)).ravel()), float).reshape(x.shape)
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def sigmoid_frompyfunc_np_exp(x):
    """np.exp wrapped by np.frompyfunc: one call per entry, on Python floats."""
    x = np.asarray(x, dtype=float)
    small = np.frompyfunc(np.exp, 1, 1)(-np.abs(x)).astype(float)
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small))


def stable_sigmoid_shape_by_map(x):
    """Right: map over x.shape (one item per axis, not per entry) beside the exp(-|x|) form."""
    x = np.asarray(x, dtype=float)
    shape = tuple(map(int, x.shape))
    small = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + small), small / (1 + small)).reshape(shape)


def sigmoid_zeros_like_of_x(x):
    """The masks solution with its output made by np.zeros_like and x never converted to float."""
    x = np.asarray(x)
    out = np.zeros_like(x)
    negative = x < 0
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def sigmoid_copy_of_x(x):
    """The same with its output started as a copy of x."""
    x = np.asarray(x)
    out = x.copy()
    negative = x < 0
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def sigmoid_slope_returned(x):
    """The sigmoid's slope, sigma(x) (1 - sigma(x)), returned in place of sigma(x)."""
    q = stable_sigmoid_masks(x)
    return q * (1 - q)


def sigmoid_negative_side_in(dtype):
    """The masks solution with exp(x) on the x < 0 side taken in a narrower float, the rest in float64."""
    def sigmoid(x):
        x = np.asarray(x, dtype=float)
        out = np.empty_like(x)
        negative = x < 0
        small = np.exp(x[negative].astype(dtype))
        out[negative] = small / (1 + small)
        out[~negative] = 1 / (1 + np.exp(-x[~negative]))
        return out
    return sigmoid


def sigmoid_negative_side_typed_e(x):
    """The masks solution with e typed to ten digits on the x < 0 side."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = x < 0
    small = 2.718281828 ** x[negative]
    out[negative] = small / (1 + small)
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def sigmoid_float32_then_float64(x):
    """The masks solution computed in float32 throughout, then returned as a float64 array."""
    x = np.asarray(x, dtype=np.float32)
    out = np.empty_like(x)
    negative = x < 0
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out.astype(np.float64)


def sigmoid_as_matrix(x):
    """Right values, returned as an np.matrix (np.asmatrix warns that the matrix class is discouraged)."""
    return np.asmatrix(stable_sigmoid_masks(x))


def sigmoid_warns_of_its_own(x):
    """Right values, with a warning of the learner's own on the way."""
    warnings.warn("x has many entries", UserWarning, stacklevel=2)
    return stable_sigmoid_masks(x)


def sigmoid_returns_mask_too(x):
    """The solution's body, returning the mask beside the output: a tuple."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = x < 0
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    exp_x = np.exp(x[negative])
    out[negative] = exp_x / (1 + exp_x)
    return out, negative


def sigmoid_negative_half_returned(x):
    """Only the x < 0 formula, returned as it is: one value per negative entry."""
    x = np.asarray(x, dtype=float)
    negative = x < 0
    return np.exp(x[negative]) / (1 + np.exp(x[negative]))


def sigmoid_sides_concatenated(x):
    """Both sides right, joined with np.concatenate: every x < 0 value first, out of x's order."""
    x = np.asarray(x, dtype=float)
    negative = x < 0
    exp_x = np.exp(x[negative])
    return np.concatenate([exp_x / (1 + exp_x), 1 / (1 + np.exp(-x[~negative]))])


def stable_sigmoid_local_numpy_imports(x):
    """Right: NumPy's own functions imported by name inside the function (exp from numpy, not from math)."""
    from numpy import abs as absolute
    from numpy import asarray, exp, where

    x = asarray(x, dtype=float)
    small = exp(-absolute(x))
    return where(x >= 0, 1 / (1 + small), small / (1 + small))



def inverse_cdf_one_minus_u(z, rng):
    """Flips the uniform number it is given: 1 - u, looked up with side="left"."""
    return int(np.searchsorted(np.cumsum(softmax(z)), 1 - rng.random(), side="left"))
def tempered_clamped(floor):
    """The stable tempered softmax with T clamped to ``floor`` (T = max(T, floor)) instead of the T = 0 limit."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        e = np.exp((z - z.max()) / max(T, floor))
        return e / e.sum()
    return tempered


def tempered_last_tied_maximum(z, T):
    """The stable tempered softmax, but at T = 0 a one-hot on the last of the tied maxima."""
    if T == 0:
        return np.eye(len(z))[len(z) - 1 - int(np.argmax(np.asarray(z)[::-1]))]
    return tempered_no_limit(z, T)


def tempered_calling_tempnb_module(z, T):
    """tempnb.softmax called through the module: the attribute, not a name imported from it."""
    import tempnb
    return tempnb.softmax(z, T)


def tempered_calling_scipy_imported_as(z, T):
    """scipy's softmax through "import scipy.special as sps" inside the function, with the T = 0 limit."""
    import scipy.special as sps
    z = np.asarray(z, dtype=float)
    return (z == z.max()) / np.count_nonzero(z == z.max()) if T == 0 else sps.softmax(z / T)


def my_tempered_softmax(z, T):
    return np.exp(z / T) / np.exp(z / T).sum()  # 04 exercise 1's starter, exactly as the notebook gives it


def tempered_last_tied_maximum_loop(z, T):
    """The stable tempered softmax, but at T = 0 a loop with >= that keeps the last of the tied maxima."""
    if T == 0:
        best = 0
        for k in range(len(z)):
            if z[k] >= z[best]:
                best = k
        return np.eye(len(z))[best]
    return tempered_no_limit(z, T)


def tempered_shifted_by(shift):
    """exp(z / T - shift(z, T)), normalised: right in exact arithmetic, but the shift is not the maximum of z / T."""
    def tempered(z, T):
        e = np.exp(z / T - shift(z, T))
        return e / e.sum()
    return tempered


def tempered_np_where_limit(z, T):
    """The limit and the softmax both computed, np.where(T == 0, ...) choosing one: right values, but the softmax
    branch divides by T = 0 (cold read r160, X1)."""
    is_max = (z == z.max()).astype(float)
    exps = np.exp((z - z.max()) / T)
    return np.where(T == 0, is_max / is_max.sum(), exps / exps.sum())


def tempered_where_imported(z, T):
    """As tempered_np_where_limit, with `from numpy import where` inside the function."""
    from numpy import where
    is_max = (z == z.max()).astype(float)
    return where(T == 0, is_max / is_max.sum(), np.exp((z - z.max()) / T) / np.exp((z - z.max()) / T).sum())


def tempered_softmax_before_the_test(z, T):
    """The softmax computed first and the T == 0 test after it: right values, but a division by T = 0 on the way."""
    exps = np.exp((z - z.max()) / T)
    if T == 0:
        is_max = z == z.max()
        return is_max / is_max.sum()
    return exps / exps.sum()


def tempered_where_mask(z, T):
    """Right: an if statement for T == 0, and np.where only to build the mask of the maxima."""
    if T == 0:
        mask = np.where(z == z.max(), 1.0, 0.0)
        return mask / mask.sum()
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def tempered_shift_by_largest_size(with_limit):
    """The shift np.abs(z).max(), the largest logit only when no negative logit is larger in size (cold read r160,
    X2): [-3, -2, -1] at T = 0.001 gets exponents -6000 to -4000, which all underflow to 0."""
    def tempered(z, T):
        if with_limit and T == 0:
            return tempered_from_scratch(z, T)
        exps = np.exp((z - np.abs(z).max()) / T)
        return exps / exps.sum()
    return tempered


def tempered_isclose_tie(z, T):
    """The stable tempered softmax, but at T = 0 the maxima found with np.isclose(z, z.max(), rtol=1e-2)."""
    if T == 0:
        near_max = np.isclose(z, z.max(), rtol=1e-2)
        return near_max / near_max.sum()
    return tempered_no_limit(z, T)


def tempered_batch_axis(z, T):
    """03's batch softmax carried over to one vector: the maximum and the sum along axis=1 of a 1-D z (AxisError)."""
    if T == 0:
        is_max = z == z.max()
        return is_max / is_max.sum()
    exps = np.exp((z - z.max(axis=1, keepdims=True)) / T)
    return exps / exps.sum(axis=1, keepdims=True)


def tempered_size_called(z, T):
    """z.size called like a method, z.size(): a TypeError of the code ('int' object is not callable)."""
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum() * z.size() / z.size()


def tempered_floor_divided_mask(z, T):
    """The stable tempered softmax, but at T = 0 the integer mask floor-divided by its sum: 1 // 2 is 0 on a tie."""
    if T == 0:
        is_max = (z == z.max()).astype(int)
        return is_max // is_max.sum()
    return tempered_no_limit(z, T)


def tempered_truncated_mask(z, T):
    """The stable tempered softmax, but at T = 0 the shares cast to int: 0.5 on a tie becomes 0."""
    if T == 0:
        is_max = z == z.max()
        return (is_max / is_max.sum()).astype(int)
    return tempered_no_limit(z, T)


def _limit_at_zero(z):
    """The T = 0 limit a learner's branch returns: the maxima's mask divided by its sum."""
    is_max = z == z.max()
    return is_max / is_max.sum()


def tempered_powered_exponentials(z, T):
    """Exponentiated first, then raised to 1/T: exp(z - z.max()) ** (1 / T), normalised, with the T = 0 limit.
    Right in exact arithmetic, but exp(-800) is 0 at T = 1 and stays 0 at every T."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    e = np.exp(z - z.max()) ** (1 / T)
    return e / e.sum()


def tempered_log_of_softmax(z, T):
    """The log of the T = 1 softmax divided by T, renormalised; np.log(0) silenced with np.errstate; the limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    e = np.exp(z - z.max())
    with np.errstate(divide="ignore"):
        scaled = np.log(e / e.sum()) / T
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def tempered_log_of_softmax_warned(z, T):
    """The same log route without np.errstate: np.log of the probability that underflowed to 0 warns."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    e = np.exp(z - z.max())
    scaled = np.log(e / e.sum()) / T
    e = np.exp(scaled - scaled.max())
    return e / e.sum()


def tempered_retempered_by_max(z, T):
    """The T = 1 softmax re-tempered as apply_temperature does it by hand: divided by its largest entry, raised to
    1/T, renormalised (the advice of the "divide q by its largest entry" hint followed), with the limit."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    q = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    powered = (q / q.max()) ** (1 / T)
    return powered / powered.sum()


def tempered_epsilon_each(eps):
    """The stable tempered softmax with ``eps`` added to every exponential "to avoid dividing by 0"; the limit."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        if T == 0:
            return _limit_at_zero(z)
        e = np.exp((z - z.max()) / T) + eps
        return e / e.sum()
    return tempered


def tempered_epsilon_in_sum(eps):
    """The stable tempered softmax with ``eps`` added to the sum only; the limit."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        if T == 0:
            return _limit_at_zero(z)
        e = np.exp((z - z.max()) / T)
        return e / (e.sum() + eps)
    return tempered


def tempered_floored(floor):
    """The exponents floored with np.maximum((z - z.max()) / T, floor) "to keep exp away from 0"; the limit."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        if T == 0:
            return _limit_at_zero(z)
        e = np.exp(np.maximum((z - z.max()) / T, floor))
        return e / e.sum()
    return tempered


def tempered_scaled_temperature(z, T):
    """T = T * (1 + 1e-9), a relative nudge, after a T == 0 branch."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    T = T * (1 + 1e-9)
    e = np.exp((z - z.max()) / T)
    return e / e.sum()


def tempered_nudged_divisor(z, T):
    """No T == 0 branch: T + 1e-12 in the divisor keeps the division away from 0 (a common habit)."""
    z = np.asarray(z, dtype=float)
    e = np.exp((z - z.max()) / (T + 1e-12))
    return e / e.sum()


def tempered_nudged_temperature(with_limit):
    """T = T + 1e-9 at the top of the function, with or without a T == 0 branch before it."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        if with_limit and T == 0:
            return _limit_at_zero(z)
        T = T + 1e-9
        e = np.exp((z - z.max()) / T)
        return e / e.sum()
    return tempered


def tempered_shift_only_below_one(z, T):
    """The max trick only for T < 1 (where the starter's comment says it overflows), and the limit at T = 0."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    e = np.exp((z - z.max()) / T) if T < 1 else np.exp(z / T)
    return e / e.sum()


def tempered_rounded(decimals):
    """The stable tempered softmax and its limit, rounded with np.round to ``decimals`` decimals."""
    def tempered(z, T):
        z = np.asarray(z, dtype=float)
        if T == 0:
            return _limit_at_zero(z)
        e = np.exp((z - z.max()) / T)
        return np.round(e / e.sum(), decimals)
    return tempered


def tempered_rounded_list(decimals):
    """The same rounded entry by entry with Python's round, a list returned."""
    def tempered(z, T):
        return [round(float(p), decimals) for p in tempered_from_scratch(z, T)]
    return tempered


def tempered_apply_temperature_no_limit(z, T):
    """tempnb.apply_temperature on a softmax of the learner's own, with no T == 0 branch: at T = 0 the near-tie
    [0, 5e-324] has become an exact tie in the T = 1 softmax, so the limit is [0.5, 0.5]."""
    z = np.asarray(z, dtype=float)
    q = np.exp(z - z.max())
    return tempnb.apply_temperature(q / q.sum(), T)


def tempered_math_exp_list(z, T):
    """Pure Python: math.exp one entry at a time, a list returned, and the limit at T = 0."""
    z = [float(v) for v in z]
    top = max(z)
    if T == 0:
        count = z.count(top)
        return [1 / count if v == top else 0.0 for v in z]
    e = [math.exp((v - top) / T) for v in z]
    return [v / sum(e) for v in e]


def tempered_longdouble(z, T):
    """In np.longdouble: exp(-1000) is a tiny positive longdouble, which becomes 0 as a float64 probability."""
    z = np.asarray(z, dtype=np.longdouble)
    if T == 0:
        return _limit_at_zero(z)
    e = np.exp((z - z.max()) / np.longdouble(T))
    return e / e.sum()


def tempered_errstate_nan_to_zero(z, T):
    """No T == 0 branch: the division by T silenced, and 0 / 0 at T = 0 (the maxima's own gap) made 0, so that
    exp gives the maxima 1 and every other logit exp(-inf) = 0: the limit, ties shared."""
    z = np.asarray(z, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = (z - z.max()) / T
    e = np.exp(np.where(np.isnan(scaled), 0.0, scaled))
    return e / e.sum()


def tempered_map_object(z, T):
    """The probabilities returned through map(...), which is lazy: a map object, not a list or an array (cold read
    r157, X1); the limit at T = 0 is right."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    exps = np.exp((z - z.max()) / T)
    total = exps.sum()
    return map(lambda e: e / total, exps)


def tempered_generator(z, T):
    """The same through a generator expression, (e / total for e in exps): a generator, also lazy."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    exps = np.exp((z - z.max()) / T)
    total = exps.sum()
    return (e / total for e in exps)


def tempered_generator_at_zero(z, T):
    """Right for every T > 0, but at T = 0 the mask's shares come from a generator expression."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        is_max = z == z.max()
        return (float(m) / is_max.sum() for m in is_max)
    exps = np.exp((z - z.max()) / T)
    return exps / exps.sum()


def tempered_list_of_map(z, T):
    """map(...) made a list: the probabilities themselves, in the logits' order."""
    z = np.asarray(z, dtype=float)
    if T == 0:
        return _limit_at_zero(z)
    exps = np.exp((z - z.max()) / T)
    total = exps.sum()
    return list(map(lambda e: e / total, exps))


def half_temperature_float32():
    """Exercise 04.3 answered with brentq on float32 logits: about 7 digits, 20.780870..., where 10 / log φ is
    20.780869..."""
    z = np.array([10.0, 20.0, 30.0], dtype=np.float32)
    return scipy.optimize.brentq(lambda T: float(softmax(z, T)[2]) - 0.5, 1, 100)



def ece_without_bins(probs, labels, n_bins):
    """No bins at all: the mean over the examples of |correct - confidence| (0.3328 against 0.0860)."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    return float(np.mean(np.abs(correct - confidence)))


def ece_open_bins(probs, labels, n_bins):
    """A loop over bins lo < c < hi, open on both sides: a confidence exactly on an edge falls in no bin."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges, total = np.arange(n_bins + 1) / n_bins, 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence < high)
        if in_bin.any():
            total += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(total)


def ece_accuracy_nansum(probs, labels, n_bins):
    """acc = R / N over every bin, empty ones included (0/0 warns), then np.nansum: the right number."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    R, C, N = (np.bincount(bins, w, minlength=n_bins) for w in (correct, confidence, None))
    acc, conf = R / N, C / N
    return float(np.nansum(N / len(labels) * abs(acc - conf)))


def ece_loop_every_bin(probs, labels, n_bins):
    """A loop over every bin, empty ones included, summed with +=: np.mean of an empty bin makes the total nan."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges, total = np.arange(n_bins + 1) / n_bins, 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        total += in_bin.mean() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(total)



def top_p_ascending_with_crossing(z, top_p_mass):
    """Softmax taken, but sorted ascending (no [::-1]) and the crossing token kept: on the first case it keeps all 5
    tokens, as a running total of the raw logits does."""
    probs = softmax(z)
    order = np.argsort(probs)
    n = int(np.searchsorted(np.cumsum(probs[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n]] = z[order[:n]]
    return out


def aliased_probes_restored(f, x, h=1e-5):
    """xp = x; xm = x, both probes set before f is called, x[i] put back: each pair of calls sees one point."""
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        xp = x
        xm = x
        old = x[i]
        xp[i] = old + h
        xm[i] = old - h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
        x[i] = old
    return grad


WRONG_ANSWERS = [
    # 01 · is this a valid distribution?
    # a tolerance of machine epsilon on an exact sum passes 1,000 x 0.001 but not thirds typed to 12 decimals
    (checks.check_is_valid_distribution, lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1)))
     and abs(math.fsum(p) - 1) <= np.finfo(float).eps, "math.fsum included"),
    (checks.check_is_valid_distribution, lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1)))
     and round(float(np.sum(p)), 15) == 1, "within 1e-6"),
    (checks.check_is_valid_distribution, exact_sum, "not =="),
    (checks.check_is_valid_distribution, fsum_exact, "not =="),
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all(np.asarray(p) >= 0)) and abs(float(np.sum(p)) - 1) < 1e-17, "a smaller tolerance"),
    (checks.check_is_valid_distribution, lambda p: bool(np.isclose(np.sum(p), 1, rtol=0, atol=1e-6)), "negative"),
    (checks.check_is_valid_distribution,
     lambda p: not (np.asarray(p) < 0).any() and not abs(np.sum(p) - 1) > 1e-6, "np.isnan"),
    (checks.check_is_valid_distribution, lambda p: bool(np.all(np.asarray(p) >= 0)) and abs(sum(p) - 1) < 0.01,
     "too loose"),
    (checks.check_is_valid_distribution, lambda p: "yes", "return True or False"),
    # both tests returned as a tuple: shown as booleans, not as the floats [1.0, 1.0]
    (checks.check_is_valid_distribution,
     lambda p: (bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1))), abs(float(np.sum(p)) - 1) <= 1e-6),
     "your function returned a tuple of 2 values, (True, True); combine them into one with `and`"),
    # the entry test without np.all: one boolean per entry
    (checks.check_is_valid_distribution, lambda p: (np.asarray(p) >= 0) & (np.asarray(p) <= 1),
     "a boolean array of shape (2,), [True, True]"),
    (checks.check_is_valid_distribution, lambda p: (np.asarray(p) >= 0) & (np.asarray(p) <= 1),
     "[True, True]: one True or False per entry; combine the entries into one answer with np.all(..., axis=-1)"),
    # one answer for a vector, but inside an array of shape (1,) (or (1, 1)): not one answer per entry
    (checks.check_is_valid_distribution, valid_with_keepdims,
     "a boolean array of shape (1,), [True]: one answer, but inside an array. keepdims=True keeps the reduced axis"),
    (checks.check_is_valid_distribution, valid_as_a_batch_of_one_row,
     "np.atleast_2d makes the vector a batch of one row; for a single vector return one True or False"),
    (checks.check_is_valid_distribution, lambda p: valid_with_keepdims(np.atleast_2d(p)),
     "a boolean array of shape (1, 1), [[True]]: one answer, but inside an array"),
    # [1.0] has one entry, so an array of shape (1,) may be one answer per entry or one answer inside an array
    (checks.check_is_valid_distribution, valid_with_one_outcome_special_cased,
     "on [1.0], return True or False; your function returned a boolean array of shape (1,), [True]: one True or "
     "False per entry, or one answer inside an array"),
    # np.atleast_2d (or keepdims=True) and then .tolist(): one answer inside a list, not a list of entries to combine
    (checks.check_is_valid_distribution, valid_as_a_list_of_one_row,
     "your function returned a list of 1 value, [True]: one answer, but inside a list. Two causes give that: "
     "np.atleast_2d (or keepdims=True) made the vector a batch of one row"),
    (checks.check_is_valid_distribution, lambda p: valid_with_keepdims(np.atleast_2d(p)).tolist(),
     "a list of 1 value, [[True]]: one answer, but inside a list"),
    (checks.check_is_valid_distribution, lambda p: [bool(is_valid_by_hand(p))], "or brackets around the returned "
     "value, return [answer]"),
    # on [1.0] a list of one value may be one answer per entry or one answer inside a list
    (checks.check_is_valid_distribution, lambda p: np.asarray(valid_with_one_outcome_special_cased(p)).tolist(),
     "on [1.0], return True or False; your function returned a list of 1 value, [True]: one True or False per "
     "entry, or one answer inside a list"),
    # return answer, (a comma after the value) returns a tuple of one
    (checks.check_is_valid_distribution, lambda p: (valid_by_tolerance(1e-6)(p),),
     "a tuple of 1 value, (True,): one answer, but inside a tuple. A comma after the returned value"),
    (checks.check_is_valid_distribution, lambda p: None, "returned None"),
    (checks.check_is_valid_distribution, lambda p: 1 / 0, "raised ZeroDivisionError"),
    (checks.check_is_valid_distribution, valid_after_sorting_in_place, "changed its input"),
    (checks.check_is_valid_distribution, is_distribution_with_axis, "combine the per-row tests elementwise with &"),
    # plain Python: right on single vectors, but a loop over a 2-D array meets rows
    (checks.check_is_valid_distribution, lambda p: all(0 <= x <= 1 for x in p) and abs(sum(p) - 1) <= 1e-6,
     "a Python loop over p"),
    (checks.check_is_valid_distribution, valid_after_sorting_batch_rows, "on a batch of five rows, your function "
     "changed its input"),
    # [0.5, 0.4999992] sums to 1 - 8e-7: a tolerance of 2e-7, or the sum rounded to 6 decimals, rejects it
    (checks.check_is_valid_distribution, valid_by_tolerance(2e-7), "tighter than that"),
    # tolerances just inside the old cases (8e-7 and 1.5e-6 from 1): 9e-7 rejects 1 - 9.5e-7, 1.4e-6 accepts 1 + 1.2e-6
    (checks.check_is_valid_distribution, valid_by_tolerance(9e-7), "[0.5, 0.49999905] sums to 0.99999905"),
    (checks.check_is_valid_distribution, valid_by_tolerance(1.4e-6), "[0.5, 0.5000012] sums to 1.0000012, more than"),
    # loose only below 1, by 1.4e-6: accepts 1 - 1.2e-6 but rejects 1 + 1.2e-6
    (checks.check_is_valid_distribution, valid_loose_below_by_1_4e_6, "looser below 1"),
    (checks.check_is_valid_distribution,
     lambda p: np.all(np.asarray(p) >= 0, axis=-1) & (np.round(np.sum(p, axis=-1), 6) == 1), "tighter than that"),
    # p >= 0 only: [1.0000005, 0.0] sums to within 1e-6 of 1, so the sum test alone lets it through
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: p >= 0), "test p <= 1"),
    # a tolerance on the entries as well as on the sum: [1 + 1e-10, 0.0] or [-1e-10, 1.0] let through
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= -1e-9) & (p <= 1 + 1e-9)),
     "only the sum needs a tolerance; test the entries exactly"),
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= 0) & (p <= 1 + 1e-9)),
     "[1 + 1e-10, 0.0] has an entry above 1"),
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= -1e-9) & (p <= 1)),
     "[-1e-10, 1.0] has an entry below 0"),
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= 0) & (p <= 1 + 1e-6)),
     "no tolerance on the entries"),
    # a tolerance of 1e-6 on both sides of the entries: [1.0000005, 0.0] and [-5e-7, 1.0000005] let through
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= -1e-6) & (p <= 1 + 1e-6)),
     "your entry test has a tolerance (such as p >= -1e-6 and p <= 1 + 1e-6): test the entries exactly, 0 <= p <= 1"),
    # (0 <= p) <= 1 compares the boolean array 0 <= p with 1: always True, so only the sum test works
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (0 <= p) <= 1),
     "(0 <= p) <= 1, it compares a boolean array with 1 (always True); if you reduced each bound with np.any"),
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((0 <= np.asarray(p)) <= 1)) and abs(float(np.sum(p)) - 1) <= 1e-6,
     "and [2.0, -1.0] too, so only its sum test works"),
    # a tolerance loose only below 1: [0.5, 0.4999985], 1.5e-6 below, mirrors [0.5, 0.5000015]
    (checks.check_is_valid_distribution, valid_one_sided, "the tolerance must be the same on both sides"),
    # a tolerance on the entries far below the 1e-10 cases: the double just above 1, or an entry 1e-16 below 0, let
    # through
    (checks.check_is_valid_distribution, valid_by_tolerance(1e-6, entries=lambda p: (p >= -1e-12) & (p <= 1 + 1e-12)),
     "[1.0000000000000002, 0.0] has an entry above 1: 1.0000000000000002 is the double just above 1"),
    (checks.check_is_valid_distribution,
     valid_by_tolerance(1e-6, entries=lambda p: (p >= -np.finfo(float).eps) & (p <= 1)),
     "[-1e-16, 1.0] has an entry below 0, by 1e-16. Your entry test has a tolerance"),
    # the entries rounded before testing, to clear away float noise: the hint names rounding, not the tolerance
    (checks.check_is_valid_distribution, valid_after_rounding(6),
     "[0.333333333333] * 3 is valid (its sum is within 1e-6 of 1), but your function rejects it, and [1/3, 1/3, 1/3] "
     "too, whose float sum is exactly 1.0, so no tolerance on the sum explains it"),
    (checks.check_is_valid_distribution, valid_after_rounding(6),
     "Rounding the entries (like any cleaning) changes what the tests see: test the input as given"),
    # a test of the exact sum of the stored doubles rejects [1/3, 1/3, 1/3] too (1 - 2**-54), but it is no rounding
    (checks.check_is_valid_distribution, lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1)))
     and sum(Fraction(x) for x in p) == 1, "not == or a smaller tolerance"),
    (checks.check_is_valid_distribution, valid_after_rounding(4), "[0.333333333333] * 3 is valid (its sum is within "
     "1e-6 of 1), but your function rejects it, and [1/3, 1/3, 1/3] too"),
    (checks.check_is_valid_distribution, valid_after_rounding(2), "[0.09, 0.345, 0.565] is valid (its sum is within "
     "1e-6 of 1), but your function rejects it, and [1/3, 1/3, 1/3] too"),
    (checks.check_is_valid_distribution, valid_after_rounding(1), "np.full(1000, 0.001) is valid (its sum is within "
     "1e-6 of 1), but your function rejects it, and [1/3, 1/3, 1/3] too"),
    (checks.check_is_valid_distribution, lambda p: valid_by_tolerance(1e-6)(np.floor(np.asarray(p, float) * 1e6) / 1e6),
     "as when they are rounded to a few decimals"),
    (checks.check_is_valid_distribution, lambda p: valid_by_tolerance(1e-6)([round(x, 5) for x in p]),
     "[1/3, 1/3, 1/3] too, whose float sum is exactly 1.0"),
    # rounded to 7 to 9 decimals: [1 + 1e-10, 0.0] becomes [1.0, 0.0], as in float32, but the 20,000-entry probe
    # tells the two apart
    (checks.check_is_valid_distribution, valid_after_rounding(7),
     "and np.full(20000, 0.0000500004) too, whose sum is 1.000008: the entries change before the tests see them"),
    (checks.check_is_valid_distribution, valid_after_rounding(9), "Rounding the entries (like any cleaning)"),
    (checks.check_is_valid_distribution, valid_after_rounding(12),
     "or the entries are rounded first, which turns it into 1.0"),
    # float32 turns [1 + 1e-10, 0.0] into [1.0, 0.0]: not a tolerance on the entries
    (checks.check_is_valid_distribution, valid_in_float32, "keep float64: float32 rounds 1 + 1e-10 to 1"),
    (checks.check_is_valid_distribution, lambda p: valid_by_tolerance(1e-6)(np.asarray(p, dtype=np.float32)),
     "float32 rounds 1 + 1e-10 to 1"),
    # axis=1 on a single vector
    (checks.check_is_valid_distribution,
     lambda p: np.all(np.asarray(p) >= 0, axis=1) & (np.abs(np.sum(p, axis=1) - 1) <= 1e-6), "Use axis=-1"),
    (checks.check_is_valid_distribution, lambda p: p.sum() == 1, "raised AttributeError"),
    (checks.check_is_valid_distribution, lambda p: p.sum() == 1, "np.asarray(p, dtype=float)"),
    # the rule as printed, 0 <= p_k <= 1, on an array: a chained comparison asks for one truth value
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all(0 <= np.asarray(p) <= 1)) and math.isclose(float(np.sum(p)), 1), "combine elementwise"),
    (checks.check_is_valid_distribution,
     lambda p: bool((np.asarray(p) >= 0) and (np.asarray(p) <= 1)), "combine elementwise"),
    # code written for arrays, given the list [0.25, 0.75]: list >= int raises TypeError
    (checks.check_is_valid_distribution, lambda p: bool(np.all(p >= 0)) and math.isclose(float(np.sum(p)), 1),
     "np.asarray(p, dtype=float)"),
    # converted first, but & written between unparenthesised comparisons: p >= (0 & p) <= 1, so 0 & p meets floats
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all(np.asarray(p, dtype=float) >= 0 & np.asarray(p, dtype=float) <= 1, axis=-1))
     and abs(float(np.sum(p)) - 1) <= 1e-6,
     "Put every comparison joined by & in its own parentheses: & binds tighter than <, <=, >= and >"),
    (checks.check_is_valid_distribution, valid_with_unparenthesised_and, "& binds tighter than <, <=, >= and >"),
    # the entry test in parentheses, copied from the notebook, and the sum test after & without them (cold read r160)
    (checks.check_is_valid_distribution, lambda p: np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1), axis=-1)
     & np.abs(np.asarray(p).sum(axis=-1) - 1) <= 1e-6,
     "and (np.abs(total - 1) <= 1e-6) after an &"),
    # the same slip on the list itself: 0 & [0.25, 0.75] names &, and the hint names the parentheses, not only lists
    (checks.check_is_valid_distribution, lambda p: bool(np.all(p >= 0 & p <= 1)),
     "so p >= 0 & p <= 1 computes 0 & p first, and ... & np.abs(total - 1) <= 1e-6 computes"),
    (checks.check_is_valid_distribution, "not a function", "expected a function"),
    # the sum test without abs: every sum below 1 passes
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1))) and float(np.sum(p)) - 1 <= 1e-6,
     "compare the distance, abs(total - 1)"),
    # a tolerance of machine epsilon: a long valid vector's float sum misses 1 by more
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1)))
     and abs(float(np.sum(p)) - 1) <= np.finfo(float).eps, "machine epsilon"),
    # strict inequalities: an entry equal to 1 rejected
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((np.asarray(p) > 0) & (np.asarray(p) < 1))) and abs(float(np.sum(p)) - 1) <= 1e-6,
     "not strict inequalities"),
    # NaN cleaned to 0 before testing: [nan, 1.0] becomes [0, 1.0] and passes, [nan, 0.5] becomes [0, 0.5] and fails
    (checks.check_is_valid_distribution, lambda p: is_valid_by_hand(np.nan_to_num(np.asarray(p, float))),
     "the NaN is gone before the tests see it; a vector with NaN is not a distribution: reject it"),
    (checks.check_is_valid_distribution, valid_after_zeroing_nan_in_a_copy,
     "the NaN is gone before the tests see it; a vector with NaN is not a distribution: reject it"),
    # cold read r157, X2: NaN dropped, p[~np.isnan(p)], meets the same probes as NaN replaced by 0; the hint names both
    (checks.check_is_valid_distribution, valid_after_dropping_nan,
     "as if it replaced NaN by 0 (np.nan_to_num, p[np.isnan(p)] = 0, or np.nansum) or dropped it (p[~np.isnan(p)])"),
    (checks.check_is_valid_distribution, lambda p: valid_by_tolerance(1e-6)(np.asarray(p, float)[np.isfinite(p)]),
     "or dropped it (p[~np.isnan(p)]) before testing"),
    # NaN replaced in the caller's array: the value is right, the input is changed
    (checks.check_is_valid_distribution, valid_replacing_nan_in_place, "changed its input"),
    # Exercise 1 also asks for one answer per row of a batch
    (checks.check_is_valid_distribution, is_distribution_from_the_notebook, "one answer, False, for the whole batch"),
    (checks.check_is_valid_distribution, valid_per_column, "one per column (axis 0)"),
    # a test reduced over the whole batch beside per-row ones: right on the two valid rows alone, every row False on
    # the batch; the bad row that spoils the others names the test
    (checks.check_is_valid_distribution, valid_entries_over_whole_batch,
     "the row [-0.25, 1.25] turns every row False, so your entry test looks at the whole array at once"),
    (checks.check_is_valid_distribution, valid_with_whole_array_nan_test,
     "the row [nan, 1.0] turns every row False, so your NaN test looks at the whole array at once, as "
     "np.isnan(p).any() and np.isfinite(p.sum()) do without axis="),
    (checks.check_is_valid_distribution, valid_with_whole_array_finite_test, "~np.isnan(p).any(axis=-1)"),
    (checks.check_is_valid_distribution, valid_with_allclose_beside_per_row_entries,
     "the row [0.5, 0.6] turns every row False, so your sum test looks at the whole array at once"),
    # the entries cleaned on one side before testing: the bad entries are gone before the tests see them
    (checks.check_is_valid_distribution, valid_after_zeroing_negatives,
     "and [-0.1, 1.0] too, whose sum is 0.9, as if it set the negative entries to 0"),
    (checks.check_is_valid_distribution, valid_after_zeroing_negatives, "Cleaning first hides the bad entries"),
    (checks.check_is_valid_distribution, lambda p: valid_after_zeroing_negatives(np.clip(p, 0, None)),
     "as if it set the negative entries to 0"),
    # p[p >= 0] drops NaN too (nan >= 0 is False), so [nan, 1.0] is the first vector it lets through
    (checks.check_is_valid_distribution, valid_after_dropping_negatives,
     "and [-0.1, 1.0] too, whose sum is 0.9, as if it kept only the entries with p >= 0 (p[p >= 0])"),
    (checks.check_is_valid_distribution, valid_after_capping_at_one,
     "and [1.1, 0.0] too, whose sum is 1.1, as if it capped the entries at 1"),
    (checks.check_is_valid_distribution, valid_after_capping_at_one, "test the input as given"),
    # the same cleaning in place: the caller's array changes
    (checks.check_is_valid_distribution, valid_zeroing_negatives_in_place,
     "on np.array([-0.25, 1.25]), your function changed its input `p`"),
    (checks.check_is_valid_distribution, valid_capping_in_place, "on np.array([-0.25, 1.25]), your function changed"),
    (checks.check_is_valid_distribution, valid_as_floats, "return booleans, one per row"),
    # `if np.isnan(p).any(): return False` before a right per-row test: one False for a batch with a NaN row
    (checks.check_is_valid_distribution, valid_unless_any_nan,
     "an early return False (for example after np.isnan(p).any()) answers for the whole batch; fold the NaN test "
     "into the per-row &"),
    # cold read r157, X1: a return inside the loop over the rows answers after the first row; a valid row and one
    # summing to 1.1, in both orders, tell it from a test reduced over the whole array, which the hint named before
    (checks.check_is_valid_distribution, valid_returning_inside_the_row_loop,
     "it answers as the first row alone would, in either order: a `return` inside a loop over the rows returns after "
     "the first row"),
    (checks.check_is_valid_distribution, valid_returning_inside_the_row_loop,
     "Collect one answer per row in a list and return it after the loop"),
    (checks.check_is_valid_distribution, valid_first_row_of_atleast_2d, "a `return` inside a loop over the rows"),
    # a loop that returns False at the first bad row and True after it: one answer for all the rows, not the first's
    (checks.check_is_valid_distribution, valid_while_every_row_is,
     "one answer, True, for its two valid rows alone, [[0.25, 0.75], [0.3, 0.7]]: it answers whether every row is "
     "valid, not which rows are. A loop over the rows that returns False at the first bad row"),
    # p / p.sum(axis=-1, keepdims=True) before testing: every sum is 1 by then
    (checks.check_is_valid_distribution, valid_after_normalising,
     "dividing by the sum first makes every sum 1; test the input as given"),
    # np.clip(p, 0, 1, out=p) before testing: entries outside [0, 1] are gone by then
    (checks.check_is_valid_distribution, valid_after_clipping,
     "Clipping (or any cleaning) first hides the bad entries; test the input as given"),
    # np.allclose(p.sum(axis=-1), 1, ...) and np.all without axis: one answer for the whole batch
    (checks.check_is_valid_distribution, valid_with_allclose,
     "it answers whether every row is valid, not which rows are"),
    (checks.check_is_valid_distribution, valid_with_allclose,
     "such as np.allclose(p.sum(axis=-1), 1, ...) or np.all(...) without axis="),
    # try: validate_probs(p); return True / except ValueError: return False -- one answer for a whole batch
    (checks.check_is_valid_distribution, valid_by_wrapping_validate_probs,
     "it calls validate_probs, which checks the whole array at once"),
    # calling it once per row is right (`validated`, a right answer), so the hint offers that too (cold read r147, X3)
    (checks.check_is_valid_distribution, valid_by_wrapping_validate_probs,
     "Call it once per row, or write the per-row test yourself"),
    # the same through tempnb.entropy, which runs validate_probs's check: named as such, not as np.allclose or a loop
    (checks.check_is_valid_distribution, valid_by_wrapping_entropy,
     "it calls a tempnb function that checks its input as validate_probs does (tempnb.entropy, for one), and that "
     "check looks at the whole array at once"),
    # np.isclose with atol only: rtol keeps its default 1e-5, so sums within 1e-6 + 1e-5 of 1 pass
    (checks.check_is_valid_distribution,
     lambda p: np.all((np.asarray(p, dtype=float) >= 0) & (np.asarray(p, dtype=float) <= 1), axis=-1)
     & np.isclose(np.sum(p, axis=-1), 1, atol=1e-6), "passing atol alone keeps rtol=1e-5; pass rtol=0 too"),
    # one outcome taken for no distribution
    (checks.check_is_valid_distribution, lambda p: len(p) > 1 and is_valid_by_hand(p),
     "Do not require more than one entry"),
    # only the upper bound on the entries
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all(np.asarray(p) <= 1)) and abs(float(np.sum(p)) - 1) <= 1e-6, "must be >= 0"),
    # np.any for np.all, and | for & between the two bounds: both accept [-0.5, 0.5, 1.0], whose entries are all <= 1
    (checks.check_is_valid_distribution, valid_with_any_entry_in_range,
     "and [0.5, 1.5, -1.0] too (one entry of three in [0, 1]), yet rejects [-0.25, 1.25]"),
    (checks.check_is_valid_distribution, valid_with_any_entry_in_range, "reduce with np.all, not np.any"),
    (checks.check_is_valid_distribution, valid_with_bounds_joined_by_or,
     "and [1.0000005, 0.0] too (an entry above 1), yet rejects [-0.25, 1.25]"),
    (checks.check_is_valid_distribution, valid_with_bounds_joined_by_or, "joined with | or `or`"),
    (checks.check_is_valid_distribution,
     lambda p: (bool(np.all(np.asarray(p) >= 0)) or bool(np.all(np.asarray(p) <= 1)))
     and abs(float(np.sum(p)) - 1) <= 1e-6, "one bound holding is enough"),
    # each bound reduced with np.any: on a vector summing to 1 some entry is >= 0 and some <= 1, so only the sum works
    (checks.check_is_valid_distribution,
     lambda p: np.any(np.asarray(p) >= 0, axis=-1) & np.any(np.asarray(p) <= 1, axis=-1)
     & (np.abs(np.sum(p, axis=-1) - 1) <= 1e-6),
     "if you reduced each bound with np.any, some entry of a vector summing to 1 always passes it"),
    # a NaN test that fires only when every entry is NaN
    (checks.check_is_valid_distribution, valid_with_nan_test_reduced_by_all,
     "rejects [nan, nan]: your NaN test fires only when every entry is NaN"),
    # the function's result passed instead of the function: np.True_ (one vector) or a boolean array (a batch)
    (checks.check_is_valid_distribution, valid_with_nan_per_row(np.array([0.25, 0.75])),
     "expected a function, got True. The check calls your function itself"),
    (checks.check_is_valid_distribution, valid_with_nan_per_row(np.array([[0.25, 0.75], [0.5, 0.6]])),
     "got a boolean array of shape (2,), [True, False]. The check calls your function itself"),
    (checks.check_is_valid_distribution, is_valid_by_hand([0.25, 0.75]),
     "pass it without calling it (no parentheses after its name)"),
    # cold read r146: a batch branch whose rules differ from the single vector's; the five-row batch does not show
    # them (its valid rows sum to exactly 1.0), the three-row batch at the tolerance's edges does
    (checks.check_is_valid_distribution, valid_exact_sums_in_batch_branch,
     "on the batch [[0.3333333, 0.6666666], [1.0000005, 0.0], [0.5, 0.500005]], your function says row 0"),
    (checks.check_is_valid_distribution, valid_exact_sums_in_batch_branch,
     "your batch branch (the code that handles a 2-D p) tests the row sums exactly, p.sum(axis=-1) == 1"),
    (checks.check_is_valid_distribution, valid_isclose_default_sums_in_batch_branch,
     "or with a tolerance tighter than 1e-6"),
    (checks.check_is_valid_distribution, valid_np_isclose_default_in_batch_branch,
     "says row 2, [0.5, 0.500005], is a distribution"),
    (checks.check_is_valid_distribution, valid_np_isclose_default_in_batch_branch,
     "np.isclose's default, for example, allows a relative 1e-5"),
    (checks.check_is_valid_distribution, valid_entry_tolerance_in_batch_branch,
     "says row 1, [1.0000005, 0.0], is a distribution"),
    (checks.check_is_valid_distribution, valid_entry_tolerance_in_batch_branch,
     "tests the entries with a tolerance (p <= 1 + 1e-6)"),
    # 01 · entropy of the uniform distribution over four outcomes
    (checks.check_uniform_entropy, 2.0, "bits"),
    # uniform_entropy = math.log(4), with a comma at the end of the line: the tuple (1.386...,)
    (checks.check_uniform_entropy, (math.log(4),), "a tuple of one value, (1.3862943611198906,): the comma at the end"),
    (checks.check_uniform_entropy, -math.log(4), "sign"),
    (checks.check_uniform_entropy, -0.25 * math.log(0.25), "one outcome's term"),
    (checks.check_uniform_entropy, float(-np.mean(np.full(4, 0.25) * np.log(0.25))), "the mean of the four terms"),
    # the surprises summed unweighted: -sum(log p) = 4 log 4, or 4 log2 4 = 8 in bits
    (checks.check_uniform_entropy, float(-np.sum(np.log(np.full(4, 0.25)))),
     "you added the surprises -log p without weighting each by its probability p"),
    (checks.check_uniform_entropy, float(-np.sum(np.log2(np.full(4, 0.25)))), "without weighting each by its"),
    # one outcome too few or too many
    (checks.check_uniform_entropy, float(-np.sum(np.full(3, 1 / 3) * np.log(np.full(3, 1 / 3)))),
     "the entropy of 3 equally likely outcomes; here there are 4"),
    (checks.check_uniform_entropy, float(np.log(5)), "the entropy of 5 equally likely outcomes; here there are 4"),
    (checks.check_uniform_entropy, float(np.log2(3)), "in bits, of 3 equally likely outcomes"),
    # the coin's maximum, just seen in the notebook
    (checks.check_uniform_entropy, float(np.log(2)), "log 2 is the coin's maximum, for 2 outcomes; here there are 4"),
    (checks.check_uniform_entropy, float(-np.sum(np.full(2, 0.5) * np.log(0.5))), "the coin's maximum"),
    (checks.check_uniform_entropy, float(np.log2(2)), "the coin's maximum in bits"),
    # the sum rounded to 5 decimals: 1.000005 rounds to 1.00001, but 1.0000015 to 1.0 (the first miss is 1.000005)
    (checks.check_is_valid_distribution,
     lambda p: np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1), axis=-1) & (np.round(np.sum(p, axis=-1), 5) == 1),
     "or the sum was rounded"),
    (checks.check_uniform_entropy, 4, "number of outcomes"),
    (checks.check_uniform_entropy, 1.3863, "rounded"),  # log 4 = 1.38629..., rounded to 4 decimals
    (checks.check_uniform_entropy, 1.39, "rounded"),  # to two decimals
    (checks.check_uniform_entropy, math.log10(4), "log base 10"),
    (checks.check_uniform_entropy, float(np.float32(math.log(4))), "float32"),
    # text where a number is wanted: NumPy would read '1.386...' as its number, so the check must not
    (checks.check_uniform_entropy, np.array(str(math.log(4))), "you assigned text, array('1.3862943611198906'"),
    (checks.check_uniform_entropy, [f"{math.log(4):.4f}"], "not a number (str(), an f-string"),
    # 12 significant digits of both: log 4 = 1.38629436112..., float32's nearest is 1.38629436493...
    (checks.check_uniform_entropy, float(np.float32(math.log(4))), "1.38629436493 is close to log 4 = 1.38629436112"),
    (checks.check_uniform_entropy, None, "replace the None"),
    (checks.check_uniform_entropy, [1.0, 2.0], "one number"),
    # the four terms, never summed: -u * np.log(u)
    (checks.check_uniform_entropy, -np.full(4, 0.25) * np.log(np.full(4, 0.25)), "the entropy is their sum"),
    (checks.check_uniform_entropy, [-0.25 * math.log(0.25)] * 4, "these are the four terms -p_k log p_k"),
    # 01 · the θ with half the largest entropy
    (checks.check_half_entropy_theta, 1100, "index into your grid"),
    # a hand-written binary entropy on a grid from 0: nan at θ = 0, where np.argmin lands
    (checks.check_half_entropy_theta, 0.0, "0 * log 0"),
    (checks.check_half_entropy_theta, 110, "index into your grid"),
    (checks.check_half_entropy_theta, math.log(2) / 2, "entropy you are aiming for"),
    (checks.check_half_entropy_theta, 0.3466, "entropy you are aiming for"),
    (checks.check_half_entropy_theta, 1 - HALF_ENTROPY_THETA, "above 0.5"),
    (checks.check_half_entropy_theta, 0.1, "grid is too coarse"),  # np.linspace(0, 0.5, 11) or 21 lands on 0.1
    # where grids of step 1e-2, 1e-3 and 1e-4 land: 0.025% from the answer, more than the 0.01% asked
    (checks.check_half_entropy_theta, 0.11, "grid is too coarse"),
    # a right answer rounded by the learner: 0.1100278644 to 2, 3 or 4 decimals is 0.11, to 1 decimal 0.1
    (checks.check_half_entropy_theta, round(HALF_ENTROPY_THETA, 4),
     "or you rounded your answer (round(θ, 2), round(θ, 3) and round(θ, 4) all give 0.11): store the unrounded float"),
    # printed, read back
    (checks.check_half_entropy_theta, float(f"{HALF_ENTROPY_THETA:.3f}"), "store the unrounded float"),
    (checks.check_half_entropy_theta, round(HALF_ENTROPY_THETA, 1),
     "or you rounded your answer (round(θ, 1) gives 0.1)"),
    # steps of 0.001 and 0.0001 (np.linspace(0, 0.5, 501) or 5001, np.arange(0, 0.5, 1e-4)) land on 0.11: the hint
    # names no guessed step as the learner's, only grids that 0.11 lies on (0.11 = 11 x 0.01 = 1100 x 0.0001)
    (checks.check_half_entropy_theta, half_entropy_linspace_theta(501), "grids of step 0.01, 0.001 and 0.0001, for"),
    (checks.check_half_entropy_theta, half_entropy_linspace_theta(5001), "its step is above 0.00002 (0.11 is a point"),
    # the curve's own grid, np.linspace(0, 1, 501), step 0.002, lands on 0.11 too
    (checks.check_half_entropy_theta, half_entropy_curve_grid_theta(), "np.linspace(0, 1, 501), has step 0.002"),
    (checks.check_half_entropy_theta, half_entropy_arange_theta(math.log(2) / 2, 1e-4), "0.11 is a point of grids of"),
    # np.argmax of the gaps: the gap at θ = 0 ties with the one at 0.5, and argmax takes the first
    (checks.check_half_entropy_theta, 0.0, "np.argmax"),
    (checks.check_half_entropy_theta, 0.0, "Most likely abs() is missing"),  # np.argmin(H - log 2 / 2) without abs
    # the notebook's entropy_from_scratch on the pairs: one number for the whole grid, np.argmin gives 0
    (checks.check_half_entropy_theta, half_entropy_scratch_theta(), "H.shape must be (len(grid),)"),
    (checks.check_half_entropy_theta, half_entropy_scratch_theta(), "one value per row"),
    # the entropy in bits set equal to log 2 / 2 (the root of H(θ) / log 2 = log 2 / 2)
    (checks.check_half_entropy_theta,
     scipy.optimize.bisect(lambda theta: binary_entropy_entr(theta) / math.log(2) - math.log(2) / 2, 1e-9, 0.5,
                           xtol=1e-14),
     "in bits"),
    (checks.check_half_entropy_theta, 0.89, "above 0.5"),
    (checks.check_half_entropy_theta, 0.5, "where the entropy is largest"),
    (checks.check_half_entropy_theta, [1 - HALF_ENTROPY_THETA, HALF_ENTROPY_THETA], "θ itself"),
    # H = 0.5 nats at θ = 0.199710 (brentq on binary_entropy_entr): "half" misread as one half
    (checks.check_half_entropy_theta, 0.1997, "half of log 2, not one half"),
    # 0.105 is no coarse grid's nearest point to 0.110028 (grids of step 0.005 land on 0.11): H = 0.335932
    (checks.check_half_entropy_theta, 0.105, "has entropy 0.335932 nats, not log 2 / 2"),
    (checks.check_half_entropy_theta, 0.3, "not log 2 / 2"),
    # the solution's grid aimed at the printed, rounded 0.3466 (lands on 0.11004, 0.0115% off)
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.3466), "rounded target, 0.3466"),
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.3466, 25001), "rounded target, 0.3466"),
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.35), "rounded target, 0.35"),
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.347, 25001), "rounded target, 0.347"),
    # wrong targets are not a coarse grid: 0.4 nats, and half the example's entropy (0.5623 / 2), on the fine grid
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.4),
     "not log 2 / 2 = 0.346574: which target did you use"),
    (checks.check_half_entropy_theta, half_entropy_grid_theta(0.5623 / 2), "not log 2 / 2 = 0.346574: which target"),
    # np.linspace(0, 0.5, 10001), step 5e-5, aimed at log 2 / 2 itself lands on 0.11005: a coarse grid
    (checks.check_half_entropy_theta, half_entropy_grid_theta(math.log(2) / 2, 10001), "grid is too coarse"),
    # np.arange steps of 4e-5 and 6e-5 aimed at log 2 / 2 itself land on 0.11004, as the fine grid aimed at the
    # rounded 0.3466 does: both causes named
    (checks.check_half_entropy_theta, half_entropy_arange_theta(math.log(2) / 2, 4e-5), "or your grid's step is above"),
    (checks.check_half_entropy_theta, half_entropy_arange_theta(math.log(2) / 2, 6e-5),
     "either you aimed at a rounded"),
    (checks.check_half_entropy_theta, half_entropy_arange_theta(math.log(2) / 2, 3e-5), "a step of 0.00002 or less"),
    (checks.check_half_entropy_theta, -0.5, "in [0, 1]"),
    # grids that start above 0 (0.0001, 0.001, 0.01): a slip that picks the smallest entropy lands on the first
    # point. Entropy there, closed form -(1 - θ) log(1 - θ) - θ log θ: 0.0010210 at 0.0001, 0.0560015 at 0.01.
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(1e-4, gap=lambda H: H - math.log(2) / 2),
     "your θ, 0.0001, has entropy 0.001 nats, almost none"),
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(1e-4, gap=lambda H: H - math.log(2) / 2),
     "Did you leave out abs(), or the target?"),
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(0.01, gap=lambda H: H),
     "your θ, 0.01, has entropy 0.056 nats"),
    # entropy_from_scratch on the pairs: one number, so np.argmin gives position 0
    (checks.check_half_entropy_theta,
     half_entropy_first_point_theta(0.001, entropy=lambda pairs: -np.sum(pairs * np.log(pairs))),
     "Your entropy returned one number for the whole grid"),
    # np.argmax of the gap on a grid from 0.0001: the largest gap, log 2 - log 2 / 2, is at θ = 0.5
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(1e-4, find=np.argmax),
     "np.argmax of the gap |H - log 2 / 2| where np.argmin was meant"),
    # np.argmax(H) itself: the peak
    (checks.check_half_entropy_theta, half_entropy_first_point_theta(1e-4, find=np.argmax, gap=lambda H: H),
     "np.argmax(H), which finds the peak itself"),
    # an entropy in log base 10: its largest value, log10 2 = 0.30103, stays below log 2 / 2 = 0.34657, so the
    # nearest point to the target is the peak
    (checks.check_half_entropy_theta,
     half_entropy_first_point_theta(0.0, entropy=lambda pairs: scipy.special.entr(pairs).sum(axis=-1) / math.log(10)),
     "an entropy that never reaches log 2 / 2"),
    # np.min(gaps) stored in place of grid[np.argmin(gaps)]: the size of the smallest gap, named with the grid point
    # that has it. On np.linspace(0, 0.5, 50001) (step 1e-5) the point nearest the answer 0.1100279 is 0.11003; on the
    # curve's grid, np.linspace(0, 1, 501) (step 0.002), it is 0.11; on np.linspace(0, 0.5, 100000) it is 22005 steps
    # of 0.5 / 99999, 0.1100261
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(0, 0.5, 50001)),
     "is the gap |H - log 2 / 2| at θ = 0.11003, a grid point: it looks like the size of the smallest gap"),
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(0, 0.5, 50001)),
     "grid[np.argmin(np.abs(H - log 2 / 2))]"),
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(0, 1, 501)),
     "at θ = 0.11, a grid point: it looks like the size of the smallest gap"),
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(0, 0.5, 100000)), "at θ = 0.110026,"),
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(1e-4, 0.5, 50001)),
     "the size of the smallest gap"),
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.arange(0, 0.5, 1e-4)),
     "at θ = 0.11, a grid point"),
    # a grid of the learner's own making (from 0.001 to 0.499 in 9,999 points): no grid point is named, and its
    # smallest gap, 1.6e-6, is no round number or grid step, so it is not read as the grid's first point
    (checks.check_half_entropy_theta, half_entropy_smallest_gap(np.linspace(0.001, 0.499, 9999)),
     "did you store the size of the smallest gap, np.min(np.abs(H - log 2 / 2)), rather than the θ where it occurs?"),
    # scipy.stats.entropy without axis=1: two column entropies, so position 1 of a grid from 0 to 0.5 (the column g
    # is the less even one) and position 0 of the curve's grid, whose two columns mirror each other and tie
    (checks.check_half_entropy_theta, half_entropy_scipy_default_axis(np.linspace(0, 0.5, 50001)),
     "or one per column, not one per row"),
    (checks.check_half_entropy_theta, half_entropy_scipy_default_axis(np.linspace(0, 0.5, 50001)),
     "scipy.stats.entropy reduces along axis 0 unless you pass axis=1, giving two column entropies"),
    (checks.check_half_entropy_theta, half_entropy_scipy_default_axis(np.linspace(0, 0.5, 50001)),
     "your θ, 1e-05, has entropy 0.00013 nats"),  # -1e-5 log 1e-5 - (1 - 1e-5) log(1 - 1e-5) = 1.25e-4
    (checks.check_half_entropy_theta, half_entropy_scipy_default_axis(np.linspace(1e-4, 0.5, 50001)),
     "it looks like your grid's first point (or its second)"),
    (checks.check_half_entropy_theta, half_entropy_scipy_default_axis(np.linspace(0, 1, 501)),
     "or one per column (scipy.stats.entropy reduces along axis 0 unless you pass axis=1)"),
    # 02 · log-odds of 2
    (checks.check_probability_from_log_odds, math.exp(2), "odds"),
    (checks.check_probability_from_log_odds, 1 / (1 + math.exp(2)), "sign"),
    (checks.check_probability_from_log_odds, 2, "log-odds you were given"),
    # the tanh in place of the sigmoid; the tanh identity with x / 2 forgotten, σ(4); e^-2, one piece of σ(2)
    (checks.check_probability_from_log_odds, math.tanh(2), "that is tanh, not the sigmoid; σ(x) = ½(1 + tanh(x/2))"),
    (checks.check_probability_from_log_odds, 0.5 * (1 + math.tanh(2)), "½(1 + tanh(2)) = σ(4): the tanh form halves x"),
    (checks.check_probability_from_log_odds, math.exp(-2),
     "is e^-2, one piece of the sigmoid: σ(2) = 1 / (1 + e^-2)"),
    (checks.check_probability_from_log_odds, 2 / 3, "not the odds"),  # odds 2 to 1 read from log-odds 2
    (checks.check_probability_from_log_odds, 100 / 101, "base 10"),  # odds 10² = 100 to 1
    (checks.check_probability_from_log_odds, 4 / 5, "base 2"),  # odds 2² = 4 to 1
    # 100 σ(2), from 1 / (1 + e^-2) = 0.880797...: a percentage, exact and typed to two decimals
    (checks.check_probability_from_log_odds, 100 / (1 + math.exp(-2)), "looks like a percentage"),
    (checks.check_probability_from_log_odds, 88.08, "looks like a percentage"),
    # float(softmax([2.0])[0]): a softmax over the one logit 2 is exactly 1
    (checks.check_probability_from_log_odds, 1.0, "a one-entry softmax is always 1"),
    # np.round(σ(2)) is the float 1.0 too: the hint names rounding as well as the one-entry softmax
    (checks.check_probability_from_log_odds, np.round(1 / (1 + math.exp(-2))), "If you rounded (np.round)"),
    # round() and int() give the whole numbers 1 and 0
    (checks.check_probability_from_log_odds, round(1 / (1 + math.exp(-2))), "the whole number 1: rounded"),
    (checks.check_probability_from_log_odds, int(1 / (1 + math.exp(-2))), "the whole number 0: rounded"),
    # 1/1+math.exp(-2): the brackets left out, 1 + e^-2 ≈ 1.135
    (checks.check_probability_from_log_odds, 1 / 1 + math.exp(-2), "check the brackets, 1 / (1 + math.exp(-2))"),
    # the same 1.135 as 1 / σ(2), the fraction upside down
    (checks.check_probability_from_log_odds, (1 + math.exp(-2)) / 1, "the fraction is upside down"),
    # brackets right, sign wrong: 1 / (1 - e^-2) ≈ 1.157
    (checks.check_probability_from_log_odds, 1 / (1 - math.exp(-2)), "a minus in the denominator"),
    # the exponents' signs mismatched: e^2 / (1 + e^-2) ≈ 6.51, e^-2 / (1 + e^2) ≈ 0.0161
    (checks.check_probability_from_log_odds, math.exp(2) / (1 + math.exp(-2)), "have opposite signs"),
    (checks.check_probability_from_log_odds, math.exp(-2) / (1 + math.exp(2)), "have opposite signs"),
    # any other value above 1: the log-odds 2 put in the numerator, 2 / (1 + e^-2) ≈ 1.76
    (checks.check_probability_from_log_odds, 2 / (1 + math.exp(-2)),
     "above 1, so not a probability: check the brackets and the signs"),
    # softmax([0, 2]): the whole distribution [σ(-2), σ(2)]
    (checks.check_probability_from_log_odds, np.array([1 / (1 + math.exp(2)), 1 / (1 + math.exp(-2))]),
     "the second entry, softmax([0, 2])[1], is spam's"),
    # 02 · logits with the first one 0, for q = [0.2, 0.1, 0.7]; right: [0, -log 2, log 3.5]
    # a loop updating z in place: z[0] is 0 after the first pass, so [0, log 0.1, log 0.7]
    (checks.check_logits_with_first_zero, logits_first_zero_in_place_loop(),
     "neither is a loop that zeroes z[0] before subtracting it from the others"),
    # z = np.log(q); z[0] = 0: the first entry set to 0, nothing subtracted (cold read r147, X3); the same numbers,
    # [0, log 0.1, log 0.7], so the hint names both causes and no loop alone
    (checks.check_logits_with_first_zero, logits_first_set_to_zero(),
     "is np.log(q) with only its first entry set to 0. Setting z[0] = 0 is not a shift"),
    (checks.check_logits_with_first_zero, scipy.special.logit([0.2, 0.1, 0.7]) - scipy.special.logit(0.2),
     "two-outcome log-odds"),
    # scipy.special.logit(q) not shifted: log(0.2/0.8), log(0.1/0.9), log(0.7/0.3)
    (checks.check_logits_with_first_zero, [math.log(1 / 4), math.log(1 / 9), math.log(7 / 3)],
     "two-outcome log-odds"),
    (checks.check_logits_with_first_zero, [0.0, -math.log(2)], "give three logits"),
    (checks.check_logits_with_first_zero, [0.0, -math.log(2), math.log(3.5), 0.0], "give three logits"),
    (checks.check_logits_with_first_zero, [math.log(0.2), math.log(0.1), math.log(0.7)], "subtract the first"),
    (checks.check_logits_with_first_zero, [0.0, -0.1, 0.5], "np.log first"),  # q - q[0]
    # a softmax applied to the probabilities as if they were logits: log-softmax(q) - its first entry is q - q[0]
    (checks.check_logits_with_first_zero,
     np.log(softmax(np.array([0.2, 0.1, 0.7]))) - np.log(softmax(np.array([0.2, 0.1, 0.7])))[0],
     "took log(softmax(q)), which treats q as logits"),
    (checks.check_logits_with_first_zero,
     np.log(softmax(np.array([0.2, 0.1, 0.7]))) - np.log(softmax(np.array([0.2, 0.1, 0.7])))[0],
     "with no softmax"),
    # np.log(q) - q[0]: the probability 0.2 subtracted, not its log
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - 0.2, "you subtracted q[0] = 0.2, the probability"),
    # the ratios q / q[0] = [1, 0.5, 3.5], the log forgotten
    (checks.check_logits_with_first_zero, np.array([0.2, 0.1, 0.7]) / np.array([0.2, 0.1, 0.7])[0],
     "those are the ratios q / q[0]"),
    # log q - log 0.7 = [log(2/7), log(1/7), 0]
    (checks.check_logits_with_first_zero, [math.log(2 / 7), math.log(1 / 7), 0.0], "last, and largest,"),
    # .max(): log q[2] = log 0.7 is the largest log-probability, so .max() subtracts the last entry too
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - np.log([0.2, 0.1, 0.7]).max(),
     "(np.log(q)[-1], or .max()?)"),
    # np.log(q) - np.log(q).mean(): centred on the mean, not shifted by the first
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - np.log([0.2, 0.1, 0.7]).mean(),
     "you centred the logits on their mean (they now add up to 0: [-0.186539, "),
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - np.log([0.2, 0.1, 0.7]).mean(),
     "the exercise asks for the first to be 0"),
    # log q - log 0.1 (the smallest) = [log 2, 0, log 7]
    (checks.check_logits_with_first_zero, [math.log(2), 0.0, math.log(7)], "not the smallest"),
    # .min() for "the first": the same values, so the hint names the value subtracted and both slips
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - np.log([0.2, 0.1, 0.7]).min(),
     "you subtracted log q[1], the smallest log-probability (an index slip, or .min()?); subtract the first, "
     "np.log(q)[0]"),
    # index 1 for "the first": log q[1] = log 0.1 (also the smallest entry)
    (checks.check_logits_with_first_zero, np.log([0.2, 0.1, 0.7]) - np.log([0.2, 0.1, 0.7])[1],
     "Python counts from 0: the first entry is index 0"),
    (checks.check_logits_with_first_zero, [0.0, -math.log10(2), math.log10(3.5)], "base 10"),
    (checks.check_logits_with_first_zero, [0.0, -1.0, math.log2(3.5)], "base 2"),
    (checks.check_logits_with_first_zero, [0, -0.6931, 1.2528], "few digits"),  # -log 2, log 3.5, to 4 decimals
    (checks.check_logits_with_first_zero, [0, -0.69, 1.25], "rounded?"),  # the same to 2 decimals
    # the three logits inside a one-pass iterator, or typed as text
    (checks.check_logits_with_first_zero, (math.log(v / 0.2) for v in [0.2, 0.1, 0.7]),
     "you gave a generator object, which hands out its numbers one at a time"),
    (checks.check_logits_with_first_zero, map(math.log, [1.0, 0.5, 3.5]), "wrap it in list(...)"),
    (checks.check_logits_with_first_zero, "0, -0.69, 1.25", "you gave a string"),
    # cold read r142: the logits as text, which NumPy reads as numbers; the same for Exercise 1's one number
    (checks.check_logits_with_first_zero, [str(math.log(v / 0.2)) for v in [0.2, 0.1, 0.7]],
     "you gave a list of strings, ['0.0', "),
    (checks.check_logits_with_first_zero, [str(math.log(v / 0.2)) for v in [0.2, 0.1, 0.7]],
     "text, not numbers (str(), an f-string and .astype(str) make text, for printing)"),
    (checks.check_logits_with_first_zero, [f"{math.log(v / 0.2):.4f}" for v in [0.2, 0.1, 0.7]],
     "(the text is rounded too: the check compares within a relative 1e-9)"),
    (checks.check_logits_with_first_zero, (np.log([0.2, 0.1, 0.7]) - math.log(0.2)).astype(str),
     "you gave an array of strings"),
    (checks.check_logits_with_first_zero, [0.0, str(math.log(0.5)), math.log(3.5)], "a list holding strings"),
    (checks.check_probability_from_log_odds, np.array(str(1 / (1 + math.exp(-2)))),
     "you assigned a NumPy array of one string"),
    (checks.check_probability_from_log_odds, [str(1 / (1 + math.exp(-2)))], "text, not a number"),
    (checks.check_stable_sigmoid, sigmoid_if_on_array, "Choose per entry with boolean masks"),
    (checks.check_stable_sigmoid, sigmoid_if_any, "picks one formula for the whole array"),
    # exp(-1000) underflows to 0 and is then divided by: a division by zero, not an overflow
    (checks.check_stable_sigmoid, sigmoid_divides_by_exp, "divided by it"),
    (checks.check_stable_sigmoid, swapped_masks_sigmoid, "or the two formulas sit on swapped sides"),
    # masks only, no np.where in the code: the hint names both causes (swapped sides, exp on the whole x before the
    # mask), which overflow at the same inputs, and leaves np.where out
    (checks.check_stable_sigmoid, swapped_masks_sigmoid,
     "x = 1000): with boolean masks, exp still sees a large positive number on each side. Either exp is computed "
     "on the whole x and indexed afterwards"),
    (checks.check_stable_sigmoid, sigmoid_masks_after_exp, "Either exp is computed on the whole x and indexed "
     "afterwards (np.exp(-x)[~negative], or e = np.exp(x) before choosing the entries)"),
    (checks.check_stable_sigmoid, sigmoid_masks_after_exp, "Compute each formula from its own entries only"),
    (checks.check_stable_sigmoid, sigmoid_both_exps_first, "Either exp is computed on the whole x and indexed"),
    (check_stable_sigmoid_subnormal, sigmoid_both_exps_first, "Either exp is computed on the whole x and indexed"),
    # exp(-x) on the whole array, indexed for x >= 0 only: overflows at x = -1000 alone
    (checks.check_stable_sigmoid, sigmoid_exp_minus_x_on_whole_array,
     "or it is computed on the whole array and indexed afterwards (np.exp(-x)[~negative], or e = np.exp(-x)"),
    (checks.check_stable_sigmoid, sigmoid_exp_minus_x_on_whole_array,
     "compute it from the entries x >= 0 only (x[x >= 0])"),
    # right and silent from -1000 to 1000, overflowing further out: the check tries ±1e5 and ±1e300 too
    (checks.check_stable_sigmoid, sigmoid_naive_longdouble,
     "right and silent from -1000 to 1000, but the real line goes on: at x = -100000 it emitted a RuntimeWarning: "
     "overflow"),
    (checks.check_stable_sigmoid, sigmoid_naive_longdouble, "np.longdouble only moves exp's overflow out"),
    (check_stable_sigmoid_subnormal, sigmoid_naive_longdouble, "np.longdouble only moves exp's overflow out"),
    (checks.check_stable_sigmoid, sigmoid_half_exponents, "at x = -100000 it emitted a RuntimeWarning: overflow"),
    (checks.check_stable_sigmoid, sigmoid_half_exponents, "exp(x / 2), for one, overflows beyond x = 2 log(DBL_MAX)"),
    (check_stable_sigmoid_subnormal, sigmoid_half_exponents, "the real line goes on"),
    # silent but wrong far out: σ(-1e5) = 1 / (1 + e^100000) is below 2**-1075, so the correctly rounded value is 0
    (checks.check_stable_sigmoid, sigmoid_nan_far_out,
     "right from -1000 to 1000, but at x = -100000 it gives nan, where the correctly rounded value is 0"),
    # 02 · stable sigmoid
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-x)), "exp(-x) overflows"),
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-x)), "Either it is used for x < 0 too"),
    # the two-class softmax stacked on the wrong axis: a softmax across the twelve points, [0, ..., 1 at x = 1000]
    (checks.check_stable_sigmoid, sigmoid_softmax_stacked_on_axis_0,
     "softmax normalises along the last axis: stack with axis=-1 so each row is one (0, x) pair."),
    (checks.check_stable_sigmoid, sigmoid_softmax_stacked_on_axis_0, "add up to 1 over the 12 points"),
    (checks.check_stable_sigmoid, lambda x: softmax(x), "a softmax across the points"),
    # ... and with [..., 1] (or stacked right but [1]): two values, one per class, not one per x
    (checks.check_stable_sigmoid, sigmoid_softmax_axis_0_last_entry,
     "your result has shape (2,), x has shape (12,): that is two values, one per class"),
    (checks.check_stable_sigmoid, sigmoid_softmax_axis_0_last_entry, "stack with axis=-1 so each row is one (0, x)"),
    (checks.check_stable_sigmoid, sigmoid_softmax_row_1, "take [..., 1], the second entry of every row"),
    (checks.check_stable_sigmoid, where_both_branches, "evaluates both branches"),
    # the same np.where under np.errstate(over="raise"): a FloatingPointError gets the overflow warning's advice
    (checks.check_stable_sigmoid, where_over_raised,
     "it raised FloatingPointError: overflow encountered in exp (at both x = -1000 and x = 1000). np.where "
     "evaluates both branches"),
    # np.where and boolean masks in one function: then both causes are named
    (checks.check_stable_sigmoid, where_and_masks_both_overflow, "If you used boolean masks: either exp is computed "
     "on the whole x and indexed afterwards"),
    (checks.check_stable_sigmoid, lambda x: np.exp(x) / (1 + np.exp(x)), "exp(x) overflows"),
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500))),
     "at x = -1000 your sigmoid gives 7.12458e-218, the correctly rounded value is 0 (e^-1000 ≈ 5.1e-435 rounds"),
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500))), "Clipping"),
    (checks.check_stable_sigmoid, lambda x: (1 + np.tanh(x / 2)) / 2,
     "at x = -40 your sigmoid gives 0, the exact value is 4.24835e-18"),
    # the tanh identity with its /2 forgotten, ½(1 + tanh(x)) = σ(2x): named as σ(2x), not as a cancellation
    (checks.check_stable_sigmoid, lambda x: 0.5 * (1 + np.tanh(x)),
     "your formula computes σ(2x), not σ(x): at x = 1.5 it gives 0.952574, where σ(1.5) = 0.817574"),
    (checks.check_stable_sigmoid, lambda x: 0.5 * (1 + np.tanh(x)), "The tanh form is ½(1 + tanh(x/2))"),
    # σ(2x) silently, with exp(-2|x|) on both sides
    (checks.check_stable_sigmoid, sigmoid_of_2x_abs_form, "your formula computes σ(2x), not σ(x)"),
    (checks.check_stable_sigmoid, sigmoid_of_2x_abs_form, "not e^-2x"),
    # a /2 too many: ½(1 + tanh(x/4)) = σ(x/2)
    (checks.check_stable_sigmoid, lambda x: 0.5 * (1 + np.tanh(x / 4)), "your formula computes σ(x/2), not σ(x)"),
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + math.exp(-x)), "math.exp takes one number"),
    (checks.check_stable_sigmoid, looped_sigmoid, "not on the same points as a 3 × 4 array"),
    # per-entry loops that are right on any shape: the check counts the lines they run on 12 and 1,200 entries
    (checks.check_stable_sigmoid, sigmoid_flat_loop, "a Python loop runs once per entry"),
    (checks.check_stable_sigmoid, sigmoid_flat_loop, "use boolean masks on the whole array"),
    (checks.check_stable_sigmoid, sigmoid_comprehension, "a Python loop runs once per entry"),
    (check_stable_sigmoid_subnormal, sigmoid_comprehension, "a Python loop runs once per entry"),
    (checks.check_stable_sigmoid, sigmoid_output_by_len, "np.zeros(len(x))"),
    # cold read r157, X1 and X2: integer index arrays index the first axis only, so on a 2-D x they pick whole rows
    (checks.check_stable_sigmoid, sigmoid_rows_from_where, "Integer index arrays such as np.where(x < 0)[0] index "
     "the first axis only"),
    (checks.check_stable_sigmoid, sigmoid_rows_from_where, "not its [0]"),
    (checks.check_stable_sigmoid, sigmoid_flat_indices, "(it raised IndexError: index 4 is out of bounds for axis 0 "
     "with size 3). Integer index arrays such as np.flatnonzero(x < 0) index the first axis only"),
    (checks.check_stable_sigmoid, sigmoid_flat_indices, "Index with the boolean mask itself, out[x < 0] = ..."),
    (checks.check_stable_sigmoid, sigmoid_argwhere_indices, "Integer index arrays such as np.argwhere(x < 0)"),
    # a flat output with no len() in the code, and a loop over rows: each gets its own cause
    (checks.check_stable_sigmoid, sigmoid_output_by_size, "(np.zeros(x.size) is flat) cannot take a 2-D mask"),
    (checks.check_stable_sigmoid, sigmoid_index_loop, "on a 2-D x a loop meets whole rows"),
    (checks.check_stable_sigmoid, sigmoid_flattened, "do not flatten x"),
    # the optional part: exp(-x) overflows at x = -720 but the true value, about e^-720, is a subnormal double, not 0
    (check_stable_sigmoid_subnormal, scipy.special.expit,
     "at x = -720 your sigmoid gives 0, the exact value is 2.03223e-313"),
    (check_stable_sigmoid_subnormal, scipy.special.expit, "subnormal"),
    # a helper of the learner's own named expit, returning scipy.special.expit(x)
    (checks.check_stable_sigmoid, sigmoid_via_own_expit, "scipy's expit (scipy.special.expit)"),
    (check_stable_sigmoid_subnormal, sigmoid_zero_below_720, "subnormal"),
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-np.clip(x, -709, 709))),
     "at x = -1000 your sigmoid gives 1.21678e-308, the correctly rounded value is 0 (e^-1000 ≈ 5.1e-435 rounds "
     "to 0 in doubles). Clipping"),
    # the core part: e^-708 ≈ 3.3e-308 is a normal double
    (checks.check_stable_sigmoid, sigmoid_zero_below_700, "at x = -708 your sigmoid gives exactly 0"),
    (checks.check_stable_sigmoid, sigmoid_zero_below_700, "A cut-off that returns 0 below some x"),
    (check_stable_sigmoid_subnormal, sigmoid_zero_below_700, "a cut-off that returns 0 below some x"),
    # e^-742.5 is 7 units of 2**-1074 (3.45846e-323 = 7 * 4.94066e-324), above the check's slack of 4 units
    (check_stable_sigmoid_subnormal, sigmoid_zero_below_742,
     "at x = -742.5 your sigmoid gives 0, the exact value is 3.45846e-323"),
    (check_stable_sigmoid_subnormal, sigmoid_zero_below_742, "values down to about -745 are tiny but not 0"),
    # a right answer with underflow warnings switched on: the hint must not blame overflow
    (checks.check_stable_sigmoid, sigmoid_underflow_warned, "underflow to 0 is harmless here"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_underflow_warned(x, under="warn"), "under='warn'"),
    # a cut-off at |x| = 20: σ(-27.6) = 1 / (1 + e^27.6) = 1.03151e-12 is above the check's relative 1e-12
    (checks.check_stable_sigmoid, sigmoid_cut_off,
     "at x = -27.6 your sigmoid gives exactly 0, the exact value is 1.03151e-12"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-30.0, above=np.inf),
     "at x = -40 your sigmoid gives exactly 0, the exact value is 4.24835e-18. A cut-off that returns 0 below some "
     "x (or 1 above some x) throws away values a double holds: doubles go down"),  # no 1e-12 remark at -40
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-np.inf, above=20.0),
     "at x = 27.6 your sigmoid gives exactly 1"),
    # cut-offs at 24 and 26 return 1 at 27.6, where 1 - σ(27.6) = σ(-27.6) ≈ e^-27.6 ≈ 1.03e-12 > 1e-12 relative
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-np.inf, above=24.0),
     "at x = 27.6 your sigmoid gives exactly 1, the exact value is 1 − 1.03e-12"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-np.inf, above=26.0),
     "at x = 27.6 your sigmoid gives exactly 1, the exact value is 1 − 1.03e-12"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-26.0, above=np.inf),
     "at x = -27.6 your sigmoid gives exactly 0"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_cut_off(x, below=-26.0, above=np.inf),
     "σ(-27.6) = 1 − σ(27.6) is about 1.03e-12, more than the check's relative 1e-12"),
    (checks.check_stable_sigmoid, sigmoid_sign_typo, "at x = 0, even given alone"),
    (checks.check_stable_sigmoid, sigmoid_strict_masks_empty, "masks x > 0 and x < 0 skip x = 0"),
    # scipy's logistic distribution: its cdf is scipy.special.expit (scipy/stats/_continuous_distns.py, logistic_gen
    # ._cdf, scipy 1.17.1), right and silent everywhere, so only its origin fails it; called, passed, or frozen
    (checks.check_stable_sigmoid, lambda x: scipy.stats.logistic.cdf(x), "they come from scipy.stats.logistic"),
    (checks.check_stable_sigmoid, scipy.stats.logistic.cdf, "whose cdf is the sigmoid ready-made"),
    (checks.check_stable_sigmoid, lambda x: scipy.stats.logistic(loc=0, scale=1).cdf(x), "scipy.stats.logistic"),
    # the value passed for the function: σ(1) = 1 / (1 + e^-1) = 0.7310585..., shown to 6 decimals
    (checks.check_stable_sigmoid, stable_sigmoid_masks(np.array([1.0])),
     "you passed [0.731059], not a function: pass the function itself"),
    (checks.check_stable_sigmoid, None, "you passed None, not a function"),
    (checks.check_stable_sigmoid, sigmoid_two_arguments, "stable_sigmoid takes one argument, the array x"),
    # rounded to 6 decimals: σ(-40) ≈ e^-40 ≈ 4.25e-18 rounds to 0
    (checks.check_stable_sigmoid, sigmoid_rounded_output, "your values are the sigmoid rounded to 6 decimals"),
    # clipped output: at x = -1000 the correctly rounded σ is 0 (e^-1000 is far below 2**-1074), the clip gives eps;
    # with eps = 1e-7, σ(27.6) = 1 - 1.03e-12 becomes 1 - 1e-7, a relative change far above 1e-12
    (checks.check_stable_sigmoid, sigmoid_clipped_output,
     "at x = -1000 your sigmoid gives 1e-15, the correctly rounded value is 0"),
    (checks.check_stable_sigmoid, sigmoid_clipped_output, "your values stop at 1e-15, so the output is clipped"),
    (checks.check_stable_sigmoid, lambda x: sigmoid_clipped_output(x, 1e-7), "your values stop at 1e-07 and 1 − 1e-07"),
    (checks.check_stable_sigmoid, lambda x: np.maximum(stable_sigmoid_masks(x), 1e-12),
     "your values stop at 1e-12, so the output is clipped"),
    (checks.check_stable_sigmoid, sigmoid_padded_output, "your values are the sigmoid plus 1e-300"),
    # base 2 in place of e: 1 / (1 + 2^-1.5) = 0.738796..., σ(1.5) = 0.817574...
    (checks.check_stable_sigmoid, lambda x: np.where(x >= 0, 1 / (1 + np.exp2(-np.abs(x))),
                                                     np.exp2(-np.abs(x)) / (1 + np.exp2(-np.abs(x)))),
     "your formula computes 1 / (1 + 2^-x), not σ(x): at x = 1.5 it gives 0.738796"),
    # out = x.copy() with the x >= 0 side never assigned: 0.5 and 1.5 come back unchanged, 1.5 above any probability
    (checks.check_stable_sigmoid, sigmoid_copy_one_side, "are x itself (0.5 at x = 0.5, 1.5 at x = 1.5)"),
    (checks.check_stable_sigmoid, sigmoid_copy_one_side, "x.copy() or np.array(x)"),
    (checks.check_stable_sigmoid, sigmoid_ones_like_one_side, "one made with np.ones_like keeps 1"),
    # exp of the pair (0, 1000) overflows: no maximum subtracted
    (checks.check_stable_sigmoid, sigmoid_pair_softmax_by_hand,
     "your two-class softmax exponentiates each pair (0, x) as it is, and exp(1000) overflows"),
    (checks.check_stable_sigmoid, sigmoid_pair_softmax_by_hand, "Subtract the larger logit of each pair first"),
    # a right answer that makes underflow raise: underflow to 0 is harmless, not an overflow
    (checks.check_stable_sigmoid, stable_sigmoid_all_raise, "underflow to 0 is harmless here"),
    (checks.check_stable_sigmoid, sigmoid_wrong_negative_side, "check the formula on that side"),
    # the hint shows a point with |x| <= 2: e^-2 / (1 - e^-2) = 1 / (e^2 - 1) = 0.156518; sigma(-2) = 0.119203
    (checks.check_stable_sigmoid, sigmoid_wrong_negative_side,
     "at x = -2 your sigmoid gives 0.156518, the exact value is 0.119203"),
    # 03 · stable softmax
    (checks.check_stable_softmax, lambda z: np.exp(z) / np.exp(z).sum(), "Subtract the maximum"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z.min()) / np.exp(z - z.min()).sum(),
     "only the maximum guarantees every exponent is ≤ 0"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z.mean()) / np.exp(z - z.mean()).sum(),
     "only the maximum guarantees every exponent is ≤ 0"),
    # shifted by the first or the last logit: each is the maximum on some inputs, and overflows on the others
    (checks.check_stable_softmax, lambda z: np.exp(z - z[0]) / np.exp(z - z[0]).sum(), "the first or last logit"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z[-1]) / np.exp(z - z[-1]).sum(), "on [1000, 0, -1000]"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z[-1]) / np.exp(z - z[-1]).sum(), "the first or last logit"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z.max()), "divided by the wrong total, or by none"),
    (checks.check_stable_softmax, lambda z: scipy.special.log_softmax(z), "log-probabilities"),
    (checks.check_stable_softmax, lambda z: z / z.sum(), "expected [0.25, 0.75]"),
    # the logits clipped so exp cannot overflow: on [1000, 1001] both become the bound, so [0.5, 0.5]
    (checks.check_stable_softmax, lambda z: np.exp(np.clip(z, -500, 500)) / np.exp(np.clip(z, -500, 500)).sum(),
     "you clipped the logits (np.clip)"),
    (checks.check_stable_softmax, lambda z: np.exp(np.clip(z, -500, 500)) / np.exp(np.clip(z, -500, 500)).sum(),
     "on [1000, 1001] yours, [0.5, 0.5], is the softmax of the clipped logits"),
    (checks.check_stable_softmax, lambda z: np.exp(np.clip(z, -80, 80)) / np.exp(np.clip(z, -80, 80)).sum(),
     "Shift instead of clipping: e = np.exp(z - z.max())"),
    (checks.check_stable_softmax, lambda z: np.exp(np.clip(z, -709, 709)) / np.exp(np.clip(z, -709, 709)).sum(),
     "you clipped the logits (np.clip)"),
    (checks.check_batch_softmax, lambda x: scipy.special.log_softmax(x, axis=1), "log-probabilities"),
    # 03 · the per-row cross-entropy, naive: exp(1001) overflows with no shift at all
    (checks.check_cross_entropy, lambda z, y: np.log(np.exp(z).sum(axis=1)) - z[np.arange(len(y)), y],
     "exp of a number above 709 is inf"),
    (checks.check_cross_entropy, cross_entropy_max_not_added_back, "must be added back"),
    # an epsilon added to the sum "for safety": right to about 8 digits only
    (checks.check_stable_softmax, lambda z: np.exp(z - np.max(z)) / (np.exp(z - np.max(z)).sum() + 1e-8),
     "no epsilon added to the sum"),
    # ... or of 1e-9 or 1e-10: each probability off by about that much, relatively, above the check's 1e-12
    (checks.check_stable_softmax, lambda z: np.exp(z - np.max(z)) / (np.exp(z - np.max(z)).sum() + 1e-9),
     "no epsilon added to the sum"),
    (checks.check_stable_softmax, lambda z: np.exp(z - np.max(z)) / (np.exp(z - np.max(z)).sum() + 1e-10),
     "no epsilon added to the sum"),
    # float32 probabilities: right to about 7 digits only
    (checks.check_stable_softmax, lambda z: scipy.special.softmax(z).astype(np.float32), "no float32"),
    # an epsilon added to the sum that stays within the relative 1e-12: on the logits of [0.25, 0.75], whose sum S
    # is 1 / 0.75 = 4/3, 5e-13 makes every entry too small by 5e-13 / (4/3 + 5e-13) = 3.75e-13. It passed here while
    # Exercise 3 named it; the two checks now share one rule (from 2e-13 up), not the tolerance's edge
    (checks.check_stable_softmax, lambda z: softmax_epsilon_in_sum(z, 5e-13), "an epsilon was added to the sum"),
    (checks.check_stable_softmax, lambda z: softmax_epsilon_in_sum(z, 5e-13),
     "every entry is too small by the same factor, S / (S + eps) for the sum S"),
    # 1e-12: 1e-12 / (4/3 + 1e-12) = 7.5e-13 relative, also within 1e-12; named the same way
    (checks.check_stable_softmax, lambda z: softmax_epsilon_in_sum(z, 1e-12), "an epsilon was added to the sum"),
    # 1e-9 added to each exponential: on the logits of [0.25, 0.75], e = [1/3, 1] and S = 4/3, so the first entry is
    # (1/3 + eps) / (4/3 + 2 eps) = (1/4)(1 + 3 eps) / (1 + 1.5 eps), too large by a relative 1.5 eps. The near-miss
    # hint named an epsilon in the sum for it; it is now named for what it is
    (checks.check_stable_softmax, lambda z: softmax_epsilon_each_exp(z, eps=1e-9),
     "your result is what an epsilon added to each exponential gives"),
    (checks.check_stable_softmax, lambda z: softmax_epsilon_each_exp(z, eps=1e-9), "(largest relative error 1.5e-09)"),
    # 1e-12: too large by 1.5e-12, just beyond the relative 1e-12
    (checks.check_stable_softmax, lambda z: softmax_epsilon_each_exp(z, eps=1e-12),
     "an epsilon added to each exponential"),
    # unshifted, exp(z) + 1e-9: on the logits of [0.25, 0.75] that is [0.25, 0.75] + eps over 1 + 2 eps, so the first
    # entry is too large by (1 + 4 eps) / (1 + 2 eps) - 1 = 2 eps
    (checks.check_stable_softmax, lambda z: (np.exp(z) + 1e-9) / (np.exp(z) + 1e-9).sum(),
     "an epsilon added to each exponential gives, (e + eps) / sum(e + eps) (largest relative error 2.0e-09)"),
    # 03 · cold read r132, X2: the numerator left unshifted, np.exp(z) / np.exp(z - m).sum(), is every entry times
    # exp(m), 0.75 on the logits of [0.25, 0.75]: far beyond any epsilon, so named for what it is
    (checks.check_stable_softmax, lambda z: np.exp(z) / np.exp(z - z.max()).sum(), "but the numerator was not"),
    (checks.check_stable_softmax, lambda z: np.exp(z) / np.exp(z - z.max()).sum(),
     "on the logits of [0.25, 0.75] every entry is off by one factor, exp(m)"),
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z) / np.exp(z - z.max(axis=axis, keepdims=True)).sum(
        axis=axis, keepdims=True), "the entries of each distribution are off by one factor"),
    # cold read r141, X3: the mirror, the numerator shifted and the sum not, is every entry divided by exp(m): on
    # [[1, 2], [3, 5]] the rows are [0.268941, 0.731059] e^-2 and [0.119203, 0.880797] e^-5, summing to e^-2, e^-5
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z - z.max(axis=axis, keepdims=True))
     / np.exp(z).sum(axis=axis, keepdims=True), "on [[1, 2], [3, 5]] with axis=1 the entries of each distribution "
                                                "are off by one factor, exp(-m) for its maximum m"),
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z - z.max(axis=axis, keepdims=True))
     / np.exp(z).sum(axis=axis, keepdims=True), "the numerator was shifted, np.exp(z - m), but the sum was not"),
    # ... and a sum rounded to float32 is a float32 slip, not an epsilon: on the logits of [0.25, 0.75] the sum 4/3
    # becomes 11184811 / 2^23 (4/3 × 2^23 = 11184810.67 rounds up), every entry too small by 2^-25 = 3.0e-08
    (checks.check_stable_softmax, lambda z: (lambda e: e / np.float32(e.sum()))(np.exp(z - z.max())), "no float32"),
    (checks.check_stable_softmax, lambda z: (lambda e: e / np.float32(e.sum()))(np.exp(z - z.max())),
     "(on the logits of [0.25, 0.75]: largest relative error 3.0e-08)"),
    (checks.check_softmax_along_axis, lambda z, axis: (lambda e: e / np.float32(e.sum(axis=axis, keepdims=True)))(
        np.exp(z - z.max(axis=axis, keepdims=True))), "no float32"),
    # X3: an epsilon inside the log of the log-sum-exp is named from 2e-13 up, on the first case, [1, 2, 3], where
    # 1e-12 moves the result by log(1 + 1e-12 / S) = 6.7e-13 with S = 1 + e^-1 + e^-2; it passed or failed by the
    # tolerance's edge on [0, -inf] before, with a hint that named no case
    (checks.check_logsumexp, logsumexp_epsilon_in_log, "an epsilon was added inside the log, m + log(S + eps)"),
    (checks.check_logsumexp, logsumexp_epsilon_in_log, "on [1, 2, 3] your log-sum-exp is too large"),
    (checks.check_logsumexp, logsumexp_epsilon_in_log, "(off by 6.7e-13)"),
    (checks.check_logsumexp, lambda z: logsumexp_epsilon_in_log(z, 1e-9), "an epsilon was added inside the log"),
    # float32: a near miss that names the case and how far off it is
    (checks.check_logsumexp, lambda z: float(np.float32(scipy.special.logsumexp(z))), "no float32"),
    (checks.check_logsumexp, lambda z: float(np.float32(scipy.special.logsumexp(z))), "(on [1, 2, 3]: yours is off by"),
    # X4: Exercise 3 with its parameters the other way round, as Exercise 4 already names it
    (checks.check_softmax_along_axis, along_swapped, "right when called with the axis first"),
    (checks.check_softmax_along_axis, along_swapped, "Swap them: def my_softmax_along(z, axis)"),
    (checks.check_softmax_along_axis, along_swapped_by_name, "your first parameter is named `axis`"),
    # cold read r147, X1: a library softmax or log-softmax along the axis is right on every case, and named
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=axis),
     "your function gives the right values on every case, but it calls scipy.special.softmax"),
    (checks.check_softmax_along_axis, lambda z, axis: softmax(z, axis=axis), "it calls tempnb's softmax"),
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(scipy.special.log_softmax(z, axis=axis)),
     "it calls scipy.special.log_softmax"),
    (checks.check_softmax_along_axis, lambda z, axis: np.apply_along_axis(softmax, axis, z),
     "it calls tempnb's softmax"),
    # ... on some cases only: the check looks at every case, not only the first
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=axis) if z.ndim == 3
     else along_solution(z, axis), "it calls scipy.special.softmax"),
    # X1: Exercise 4 with the row maxima taken without keepdims: z - m pairs (6, 4) with (6,); keepdims named first
    (checks.check_cross_entropy, cross_entropy_max_without_keepdims,
     "The likelier here: a row maximum or sum taken over axis=1 without keepdims=True"),
    (checks.check_cross_entropy, cross_entropy_max_without_keepdims, "Or: a (B,) = (6,) array of log-sum-exps"),
    # ... and logsumexp(z, axis=1) - z[labels], whose (6,) comes first in NumPy's message: z[labels] named first
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1) - z[y],
     "The likelier here: a (B,) = (6,) array of log-sum-exps met the (B, K) logits because z[labels]"),
    # 03 · Exercise 1 since r132, the masked softmax
    # the notebook's starter: stable, keep ignored; on [log 0.25, 5, log 0.75] the 5 takes most of the mass
    (checks.check_masked_softmax, lambda z, keep: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
     "keep was not used"),
    (checks.check_masked_softmax, lambda z, keep: np.exp(z - z.max()) / np.exp(z - z.max()).sum(),
     "on [log 0.25, 5, log 0.75] with the 5 masked your result is the softmax of every logit"),
    # cold read r139, X1: the starter prints this hint, so it names the symptom and the idea, not the line of code
    # (test_03_starter_hints_name_the_symptom_and_the_idea_not_the_code checks that np.where is left out)
    (checks.check_masked_softmax, masked_softmax_starter,
     "A masked entry must get exactly 0, leaving all the mass to the kept ones"),
    (checks.check_masked_softmax, masked_softmax_starter, "mask the way 02 does, with a logit whose exponential is "
                                                          "exactly 0"),
    # X3: a NumPy masked array returned as it is; on [log 0.25, 5, log 0.75] its masked entry holds a number, and the
    # hint named a replacement by 0 that the learner never made
    (checks.check_masked_softmax, masked_softmax_np_ma, "you returned a NumPy masked array (np.ma)"),
    (checks.check_masked_softmax, masked_softmax_np_ma, "where each masked entry must be exactly 0"),
    (checks.check_masked_softmax, masked_softmax_np_ma, "fill the masked logits with -inf before exp"),
    (checks.check_masked_softmax, masked_softmax_after_exp,
     "on [1000, 0, 1] with the 1000 masked, it emitted a RuntimeWarning: invalid value"),
    (checks.check_masked_softmax, masked_softmax_after_exp, "z.max() counts masked logits too"),
    (checks.check_masked_softmax, masked_softmax_after_exp, "np.where(keep, z, -np.inf)"),
    (checks.check_masked_softmax, masked_softmax_after_exp_silenced,
     "your result has nan in it on [1000, 0, 1] with the 1000 masked. The masked logit 1000 lies far above"),
    (checks.check_masked_softmax, masked_softmax_kept_max_after_exp, "so its exp overflows"),
    # cold read r167, X1: masked first, no maximum subtracted, in np.longdouble: passes [1000, 1001] on x86-64 (e^1001
    # fits below its overflow near e^11356.5), then on [-20000, 0, 5] e^-20000 is 0 in every float type and the
    # division is 0 / 0; the hint names the missing shift beside the mask's place. Where np.longdouble is a plain
    # double the same code overflows on an earlier case and is told to subtract the largest kept logit
    (checks.check_masked_softmax, masked_softmax_longdouble_unshifted,
     "Here the largest kept logit is -20000, and e^-20000 is 0 in every float type, np.longdouble included"
     if np.finfo(np.longdouble).maxexp > 1024 else "Subtract the largest kept logit"),
    (checks.check_masked_softmax, masked_softmax_renormalised, "a softmax of every logit came before the mask"),
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z) * keep,
     "you zeroed the masked probabilities after a softmax of every logit"),
    (checks.check_masked_softmax, masked_softmax_times_keep, "a masked entry got a real share of the mass"),
    (checks.check_masked_softmax, masked_softmax_minus_100, "a masked entry must get exactly 0"),
    # cold read r147, X2: each of three slips that leave a tiny number in a masked entry gets the hint that names it,
    # read off that number. -100: exp(-100) = 3.7e-44 of the mass, as masked_softmax_minus_100 says
    (checks.check_masked_softmax, masked_softmax_minus_100, "yours got [0.25, 3.72008e-44, 0.75], what a finite "
                                                            "stand-in for -inf gives"),
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z + np.where(keep, 0.0, -30.0)),
     "what a finite stand-in for -inf gives"),
    # the -inf kept, then 1e-13 added to each exponential: the masked entry gets 1e-13 / (4/3 + 3e-13) = 7.5e-14
    # (the kept ones move by a relative 1e-13, within the check's 1e-12); it was told to put -inf in, which it had
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_each_exp(np.where(keep, z, -np.inf), 1e-13),
     "yours got [0.25, 7.5e-14, 0.75], what an epsilon added to each exponential gives"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_each_exp(np.where(keep, z, -np.inf), 1e-20),
     "Keep the -inf and add nothing"),
    # the exponent floored at -700: the masked entry gets e^-700 of the top entry's 0.75, 9.86e-305 × 0.75
    (checks.check_masked_softmax, masked_softmax_exponent_floored,
     "yours got [0.25, 7.39476e-305, 0.75], what a floor on the exponent gives"),
    (checks.check_masked_softmax, lambda z, keep: masked_softmax_exponent_floored(z, keep, floor=-50.0, clip=True),
     "Keep the -inf and floor nothing"),
    # a stand-in no one types, -25.5 (three significant digits): none of the three is named alone, all three are listed
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(np.where(keep, z, -25.5)),
     "The usual causes are a finite stand-in for -inf, such as -30 or -100"),
    (checks.check_masked_softmax, masked_softmax_in_place, "changed its input `z`"),
    (checks.check_masked_softmax, masked_softmax_inverted, "is the mask the other way round?"),
    (checks.check_masked_softmax, masked_softmax_swapped, "right when called with keep first"),
    # the mask turned into -inf by a log: np.log(False) is -inf, with a divide-by-zero warning
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z + np.log(keep)),
     "That is a log of 0: np.log(keep)"),
    # the kept logits' softmax alone: [0.25, 0.75] where [0.25, 0, 0.75] was asked
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z[keep]),
     "that is the softmax of the kept logits alone, [0.25, 0.75]"),
    (checks.check_masked_softmax, lambda z, keep: np.exp(np.where(keep, z, -np.inf))
     / np.exp(np.where(keep, z, -np.inf)).sum(), "on [1000, 1001, 999] with the 999 masked, it emitted a "
                                                 "RuntimeWarning: overflow. Subtract the largest kept logit"),
    (checks.check_masked_softmax, lambda z, keep: np.exp(np.where(keep, z - z.mean(), -np.inf))
     / np.exp(np.where(keep, z - z.mean(), -np.inf)).sum(), "only the maximum guarantees every exponent is ≤ 0"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_in_sum(np.where(keep, z, -np.inf), 1e-9),
     "an epsilon was added to the sum"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_in_sum(np.where(keep, z, -np.inf), 5e-13),
     "an epsilon was added to the sum"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_each_exp(np.where(keep, z, -np.inf), 1e-9),
     "an epsilon added to each exponential"),
    (checks.check_masked_softmax, lambda z, keep: np.exp(np.where(keep, z, -np.inf))
     / np.exp(np.where(keep, z, -np.inf) - np.where(keep, z, -np.inf).max()).sum(), "but the numerator was not"),
    # cold read r141, X3: the mirror, np.exp(z - m) / np.exp(z).sum(): on [1, 2, 3] every entry is the softmax
    # divided by e^3 (the unshifted sum is e^3 times the shifted one), named on the first case
    (checks.check_masked_softmax, masked_softmax_unshifted_sum,
     "on [1, 2, 3] with every entry kept every entry is off by one factor, exp(-m)"),
    (checks.check_masked_softmax, masked_softmax_unshifted_sum, "the numerator was shifted, np.exp(z - m), but the "
                                                                "sum was not"),
    # X2: -10000 for -inf passed while every kept logit lay far above it. On [-20000, 0, 5] with the 0 and the 5
    # masked the masked logits become -10000 and -9995 (or -10000 twice with np.where), both far above the kept
    # -20000, whose exponent e^-10000 is far below the smallest double (about e^-745) once the largest is
    # subtracted: the kept entry gets 0 where [1, 0, 0] is right
    (checks.check_masked_softmax, masked_softmax_additive,
     "on [-20000, 0, 5] with the 0 and the 5 masked a masked entry got a real share of the mass ([0.0, "),
    (checks.check_masked_softmax, masked_softmax_additive, "a finite number put in for -inf, such as -10000"),
    (checks.check_masked_softmax, masked_softmax_minus_10000, "is still an ordinary logit, and here the kept "
                                                              "logit lies below it"),
    # cold reads r143 X3, r145 X2: -1e9 put in for -inf passed, since no kept logit lay below it. On [-1e300, 0, 5]
    # with the 0 and the 5 masked, np.where makes both masked logits -1e9: equal, so they share the mass evenly,
    # and the kept exponent, -1e300 + 1e9 (which rounds to -1e300), gives exp exactly 0
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(np.where(keep, z, -1e9)),
     "on [-1e300, 0, 5] with the 0 and the 5 masked a masked entry got a real share of the mass ([0.0, 0.5, 0.5])"),
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(np.where(keep, z, -1e9)),
     "only -inf has an exponential of exactly 0 whatever the other logits are"),
    # ... the additive form makes them -1e9 and -1e9 + 5: shares 1 / (1 + e^5) = 0.00669285 and
    # e^5 / (1 + e^5) = 0.993307
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z + (1 - keep) * -1e9),
     "([0.0, 0.00669285, 0.993307]): a finite number put in for -inf"),
    # float32's most negative number, -3.4e38, is above -1e300 too
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(np.where(keep, z, np.finfo(np.float32).min)),
     "on [-1e300, 0, 5] with the 0 and the 5 masked a masked entry got a real share of the mass"),
    # cold read r163, X3: -1e300 itself for -inf makes all three logits of [-1e300, 0, 5] -1e300 (and -1e300 + 5 rounds
    # to -1e300 in the additive form): three equal logits share the mass, 1/3 each. It got the hint about a
    # replacement by 0; it now gets the stand-in's
    (checks.check_masked_softmax, masked_softmax_stand_in(-1e300),
     "on [-1e300, 0, 5] with the 0 and the 5 masked a masked entry got a real share of the mass ([0.333333, 0.333333, "
     "0.333333]): a finite number put in for -inf"),
    (checks.check_masked_softmax, masked_softmax_stand_in(-1e300, additive=True), "([0.333333, 0.333333, 0.333333]): "
                                                                                   "a finite number put in for -inf"),
    # cold read r163, X1: a stand-in below -1e300 passed every case until [np.finfo(float).min, 0] with the 0 masked.
    # The most negative double itself equals the kept logit: two equal logits, [0.5, 0.5]. Any stand-in above it, such
    # as -1e305 or the double just below -1e300, leaves the kept logit at least 1.78e308 below the masked one, whose
    # exponent is then 0 while the kept one's, below -745, rounds to 0: [0, 1]
    (checks.check_masked_softmax, masked_softmax_stand_in(float(np.finfo(float).min)),
     "on [np.finfo(float).min, 0] with the 0 masked (the most negative double kept) a masked entry got a real share "
     "of the mass ([0.5, 0.5]): a finite number put in for -inf"),
    (checks.check_masked_softmax, masked_softmax_stand_in(-sys.float_info.max, additive=True),
     "([0.5, 0.5]): a finite number put in for -inf"),
    (checks.check_masked_softmax, masked_softmax_stand_in(-1e305), "on [np.finfo(float).min, 0] with the 0 masked "
                                                                   "(the most negative double kept) a masked entry "
                                                                   "got a real share of the mass ([0.0, 1.0])"),
    (checks.check_masked_softmax, masked_softmax_stand_in(-1e308, additive=True),
     "([0.0, 1.0]): a finite number put in for -inf"),
    (checks.check_masked_softmax, masked_softmax_stand_in(float(np.nextafter(-1e300, -np.inf))),
     "the kept logit lies below it or equals it"),
    # cold read r163, X2: the boolean mask changed in place gets a hint that keeps it boolean
    (checks.check_masked_softmax, masked_softmax_mask_and_in_place, "changed its input `keep`, the boolean mask"),
    (checks.check_masked_softmax, masked_softmax_mask_and_in_place, "`keep = keep & ...` makes one, and so does "
                                                                    "`keep = keep.copy()` before an in-place update"),
    (checks.check_masked_softmax, lambda z, keep: masked_softmax_solution(z, keep).astype(np.float32), "no float32"),
    (checks.check_masked_softmax, lambda z, keep: np.round(masked_softmax_solution(z, keep), 4),
     "rounded your answer to 4 decimals"),
    (checks.check_masked_softmax, lambda z, keep: masked_softmax_solution(np.clip(z, -500, 500), keep),
     "you clipped the logits (np.clip)"),
    (checks.check_masked_softmax, lambda z, keep: scipy.special.log_softmax(np.where(keep, z, -np.inf)),
     "those are log-probabilities"),
    # cold read r147, X1: a library softmax or log-softmax of the masked logits is right on every case, and named
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(np.where(keep, z, -np.inf)),
     "your masked softmax gives the right values on every case, but it calls scipy.special.softmax"),
    (checks.check_masked_softmax, lambda z, keep: softmax(np.where(keep, z, -np.inf)),
     "it calls tempnb's softmax (the softmax imported at the top)"),
    (checks.check_masked_softmax, lambda z, keep: np.exp(log_softmax(np.where(keep, z, -np.inf))),
     "it calls tempnb's log_softmax"),
    (checks.check_masked_softmax, masked_softmax_library_on_kept_only, "it calls scipy.special.log_softmax"),
    (checks.check_masked_softmax, masked_softmax_sklearn, "it calls sklearn.utils.extmath.softmax"),
    # 03 · Exercise 2 since r132, log-softmax
    # the notebook's starter: the log of the probabilities; e^-1000 rounds to 0 on [0, -1000]
    (checks.check_log_softmax, lambda z: np.log(softmax(z)),
     "on [0, -1000], it emitted a RuntimeWarning: divide by zero"),
    (checks.check_log_softmax, lambda z: np.log(softmax(z)), "Never take the log of a probability"),
    # cold read r139, X1: the starter's hint names the symptom and the idea, not the line of code. The right
    # log-probability is -1000 - log(1 + e^-1000), and log(1 + e^-1000) ~ e^-1000 = 10^-434.3 is far below half a
    # unit in the last place of 1000 (5.7e-14), so it is -1000 in doubles
    (checks.check_log_softmax, lambda z: np.log(softmax(z)),
     "your log-probability there is -inf where it should be -1000, an ordinary number"),
    (checks.check_log_softmax, lambda z: np.log(softmax(z)),
     "compute the log-probabilities from the logits and their log-sum-exp"),
    (checks.check_log_softmax, log_softmax_of_own_probabilities,
     "on [0, -1000], it emitted a RuntimeWarning: divide by zero, and your log-probability there is -inf"),
    (checks.check_log_softmax, log_softmax_of_probabilities_silenced,
     "a log-probability is -inf where it should be an ordinary number"),
    (checks.check_log_softmax, log_softmax_where_guard,
     "your log-probabilities are right, but computing them emitted a RuntimeWarning (divide by zero)"),
    # cold read r141, X1: the naive form with its warnings silenced; exp(1000) is above the largest double,
    # e^709.78, so the sum and its log are inf and both entries -inf. The hint named a probability rounded to 0
    (checks.check_log_softmax, log_softmax_naive_silenced, "on [1000, 1001] every log-probability is -inf "
                                                           "([-inf, -inf]): an exp overflowed to inf"),
    (checks.check_log_softmax, log_softmax_naive_silenced, "The warning was silenced (np.errstate), not the problem"),
    # ... and a shift by the minimum, silenced: right on [1, 2, 3] and [1000, 1001], overflowed on [0, -1000]
    (checks.check_log_softmax, log_softmax_min_shift_silenced,
     "on [0, -1000] every log-probability is -inf ([-inf, -inf]): an exp overflowed to inf"),
    (checks.check_log_softmax, lambda z: z - np.log(np.sum(np.exp(z))),
     "on [1000, 1001], it emitted a RuntimeWarning: overflow. Factor out the max"),
    # a shift by the minimum: on [0, -1000] exp(1000) overflows
    (checks.check_log_softmax, lambda z: z - z.min() - np.log(np.sum(np.exp(z - z.min()))), "(here up to 1000)"),
    (checks.check_log_softmax, log_softmax_abs_max_shift, "a shift by anything else, such as the largest |z|"),
    (checks.check_log_softmax, lambda z: z - z.max(), "that is z - max(z) alone"),
    # on [1, 2, 3]: z - log(sum(exp(z - 3))) is the right answer plus 3
    (checks.check_log_softmax, lambda z: z - np.log(np.sum(np.exp(z - z.max()))), "each entry is off by max(z) = 3"),
    (checks.check_log_softmax, lambda z: -log_softmax_solution(z), "the sign is flipped"),
    (checks.check_log_softmax, lambda z: scipy.special.softmax(z), "those are the probabilities"),
    (checks.check_log_softmax, lambda z: z - z.max() - np.log(np.mean(np.exp(z - z.max()))),
     "off by exactly log K = log 3"),
    (checks.check_log_softmax, lambda z: z - z.max() - np.log1p(np.sum(np.exp(z - z.max()))),
     "counts the maximum's own term"),
    (checks.check_log_softmax, lambda z: z - z.max() - np.log10(np.sum(np.exp(z - z.max()))), "base-10 log"),
    # cold reads r143 X2, r145 X3: the whole answer in bits or in base 10, as Exercise 4's check names losses in bits
    (checks.check_log_softmax, lambda z: log_softmax_solution(z) / np.log(2), "those are log-probabilities in bits"),
    (checks.check_log_softmax, lambda z: np.log2(scipy.special.softmax(z)), "those are log-probabilities in bits"),
    (checks.check_log_softmax, lambda z: np.log10(scipy.special.softmax(z)), "those are base-10 log-probabilities"),
    (checks.check_log_softmax, lambda z: log_softmax_solution(z) / np.log(10), "every entry divided by log 10"),
    (checks.check_log_softmax, lambda z: z - z.max() - np.log(np.sum(np.exp(z - z.max())) - 1),
     "the sum is missing the maximum's own term"),
    # an epsilon inside the log of the sum: 1e-9, and 3e-13, which stays within the tolerance (it moves each entry
    # by about 3e-13 / S, below the 1e-12) but is named from 2e-13 up
    (checks.check_log_softmax, log_softmax_epsilon_in_sum, "an epsilon was added inside the log, log(S + eps)"),
    (checks.check_log_softmax, lambda z: log_softmax_epsilon_in_sum(z, 3e-13), "an epsilon was added inside the log"),
    (checks.check_log_softmax, lambda z: np.log(softmax(z) + 1e-9), "log(q + eps)"),
    # 1e-20 or a floor: right on [1, 2, 3] and [1000, 1001], capped on [0, -1000] at log 1e-20 = -46.0517
    (checks.check_log_softmax, lambda z: np.log(softmax(z) + 1e-20),
     "on [0, -1000] yours, [0.0, -46.0517], caps the log of a probability that rounds to 0"),
    (checks.check_log_softmax, lambda z: np.log(np.clip(softmax(z), 1e-12, 1)), "np.clip(q, eps, 1)"),
    (checks.check_log_softmax, lambda z: log_softmax_solution(z).astype(np.float32), "no float32"),
    (checks.check_log_softmax, lambda z: np.round(log_softmax_solution(z), 4), "rounded your answer to 4 decimals"),
    (checks.check_log_softmax, lambda z: float(scipy.special.logsumexp(z)),
     "you returned one number, 3.40761, the log-sum-exp"),
    (checks.check_log_softmax, lambda z: log_softmax_solution(np.where(np.isinf(z), 0.0, z)),
     "the masked (-inf) logit must keep log-probability -inf"),
    (checks.check_log_softmax, lambda z: log_softmax_solution(np.clip(z, -500, 500)), "you clipped the logits"),
    (checks.check_log_softmax, log_softmax_in_place, "changed its input `z`"),
    # cold read r147, X3: the -inf of log(softmax(z)) on [0, -1000] replaced by the most negative double,
    # np.finfo(float).max = 1.7976931348623157e308 (np.nan_to_num's default), or by -1e10
    (checks.check_log_softmax, log_softmax_nan_to_num,
     "on [0, -1000] yours is [0.0, -1.79769e+308]: a finite number stands where the log of a probability that rounded "
     "to 0 is -inf"),
    (checks.check_log_softmax, log_softmax_nan_to_num, "Never take the log of a probability"),
    (checks.check_log_softmax, lambda z: log_softmax_nan_to_num(z, neginf=-1e10),
     "yours is [0.0, -10000000000.0]: a finite number stands where"),
    # cold read r147, X1: a library log-softmax is right on every case, and named; a log-sum-exp stays allowed
    (checks.check_log_softmax, lambda z: scipy.special.log_softmax(z),
     "your log-softmax gives the right values on every case, but it calls scipy.special.log_softmax"),
    (checks.check_log_softmax, lambda z: log_softmax(z), "it calls tempnb's log_softmax"),
    # cold read r151, X1: .squeeze() after take_along_axis returns shape () for the single row [[1000, 1001, 999]]
    # with label 2, whose loss is LSE - 999 = 1001 + log(1 + e^-1 + e^-2) - 999 = 2 + 0.407606 = 2.40761; the hint
    # named an np.mean the learner never wrote
    (checks.check_cross_entropy, cross_entropy_squeezed,
     "on the single row [[1000, 1001, 999]] you returned one number, 2.40761, the row's loss"),
    (checks.check_cross_entropy, cross_entropy_squeezed, "Drop only the class axis: [:, 0], or .squeeze(1)"),
    (checks.check_cross_entropy, lambda z, y: np.squeeze(-log_softmax(z, axis=1)[np.arange(len(y)), y][:, None]),
     ".squeeze() (or np.squeeze) drops every axis of length 1"),
    # cold read r151, X2: exp(z - logsumexp(z, axis=axis)) without keepdims: on [[1, 2], [3, 5]] with axis=1 the two
    # log-sum-exps line up with the columns; the hint named a sum the learner never took
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z - scipy.special.logsumexp(z, axis=axis)),
     "your log-sum-exps have lost their axis: logsumexp(z, axis=axis) without keepdims=True"),
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z - scipy.special.logsumexp(z, axis=axis)),
     "np.exp(z - logsumexp(z, axis=axis, keepdims=True))"),
    # cold read r151, X3: an epsilon of 1e-4 or 1e-2 added to the sum is named an epsilon (it got "does not sum to 1",
    # or only the expected values). Each entry is too small by S / (S + eps), a relative eps / (S + eps): on the row
    # [3, 5], S = 1 + e^-2 = 1.135335, so 1e-4 / 1.135435 = 8.8e-05; on [1, 2, 3], S = 1 + e^-1 + e^-2 = 1.503215,
    # so 1e-4 / 1.503315 = 6.7e-05 and 1e-2 / 1.513215 = 6.6e-03
    (checks.check_softmax_along_axis, lambda z, axis: along_epsilon_in_sum(z, axis, 1e-4),
     "every entry of a distribution is too small by the same factor, S / (S + eps) for its sum S (largest relative "
     "error 8.8e-05): an epsilon was added to the sum"),
    (checks.check_softmax_along_axis, lambda z, axis: along_epsilon_in_sum(z, axis, 1e-2),
     "an epsilon was added to the sum"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_in_sum(np.where(keep, z, -np.inf), 1e-4),
     "(largest relative error 6.7e-05): an epsilon was added to the sum"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_in_sum(np.where(keep, z, -np.inf), 1e-2),
     "(largest relative error 6.6e-03): an epsilon was added to the sum"),
    (checks.check_masked_softmax, lambda z, keep: softmax_epsilon_in_sum(np.where(keep, z, -np.inf), 1e-5),
     "an epsilon was added to the sum"),
    # ... and inside the log of Exercise 2 by the same rule: log(S + 1e-3)
    (checks.check_log_softmax, lambda z: log_softmax_epsilon_in_sum(z, 1e-3), "an epsilon was added inside the log"),
    # cold read r151, X4: the log of a probability in np.longdouble passed on x86, whose 80-bit long double holds
    # e^-1000; e^-20000 is below its smallest number (about e^-11399), and below every other float type's, so the
    # hint now comes on every CPU (on [0, -1000] where long double is a double, on [0, -20000] on x86)
    (checks.check_log_softmax, log_softmax_of_longdouble_probabilities,
     "a log-probability is -inf where it should be an ordinary number"),
    (checks.check_cross_entropy, cross_entropy_of_longdouble_probabilities,
     "a loss is inf: a probability rounded to 0 and its log is -inf"),
    # cold read r151, X5: np.ma filled with 0 at the end; exp still ran under the mask and overflowed on the masked
    # 1000, and the hint told the learner to mask before exponentiating, which np.ma seemed to do
    (checks.check_masked_softmax, masked_softmax_np_ma_filled,
     "on [1000, 0, 1] with the 1000 masked, it emitted a RuntimeWarning: overflow, and your code works with a NumPy "
     "masked array (np.ma)"),
    (checks.check_masked_softmax, masked_softmax_np_ma_filled, "NumPy computes the entries under a mask too"),
    (checks.check_masked_softmax, masked_softmax_np_ma_filled, ".filled(-np.inf)"),
    # 03 · log-sum-exp
    (checks.check_logsumexp, lambda z: float(np.log(np.sum(np.exp(z)))), "Factor out the max"),
    (checks.check_logsumexp, lambda z: float(np.log(np.sum(np.exp(z - z.max())))), "off by exactly max(z) = 3"),
    (checks.check_logsumexp, lambda z: float(z.max() + np.sum(np.exp(z - z.max()))), "take the log of the sum"),
    # the shifted sum alone, neither its log nor m: 1 + e^-1 + e^-2 = 1.503214 on [1, 2, 3]
    (checks.check_logsumexp, lambda z: float(np.sum(np.exp(z - z.max()))), "Take the log of the sum and add m back"),
    # m times the log: 3 log(1.503214) = 1.222824 on [1, 2, 3]
    (checks.check_logsumexp, lambda z: float(z.max() * np.log(np.sum(np.exp(z - z.max())))), "Add m, don't multiply"),
    # max(z) alone: LSE([1, 2, 3]) = 3 + log(1 + e^-1 + e^-2) = 3.407606, not 3
    (checks.check_logsumexp, lambda z: float(z.max()), "that is max(z) = 3 alone"),
    # the mean of the exponentials instead of their sum: off by log K (log 3 = 1.098612 on [1, 2, 3])
    (checks.check_logsumexp, lambda z: float(z.max() + np.log(np.mean(np.exp(z - z.max())))),
     "off by exactly log K = log 3 = 1.098612"),
    (checks.check_logsumexp, lambda z: float(np.log(np.mean(np.exp(z)))), "the log of the mean of the exponentials"),
    # max(z) + log K: the upper bound, right on [1000, 1000] but not on [1, 2, 3] (3 + log 3 = 4.0986, not 3.4076)
    (checks.check_logsumexp, lambda z: float(np.max(z) + np.log(len(z))),
     "the upper bound m + log K, reached only when all logits are equal"),
    (checks.check_logsumexp, lambda z: scipy.special.softmax(z), "return one number"),
    # shifted by the mean, the minimum or the first logit: exact on narrow inputs, overflowing on [-1000, 1000]
    (checks.check_logsumexp, lambda z: float(np.mean(z) + np.log(np.sum(np.exp(z - np.mean(z))))),
     "only the maximum guarantees every exponent is ≤ 0"),
    (checks.check_logsumexp, lambda z: float(np.min(z) + np.log(np.sum(np.exp(z - np.min(z))))),
     "on [-1000, 1000]"),
    (checks.check_logsumexp, lambda z: float(z[0] + np.log(np.sum(np.exp(z - z[0])))), "the first or last logit"),
    # shifted by the last logit: the maximum on every input but [1000, -1000]
    (checks.check_logsumexp, lambda z: float(z[-1] + np.log(np.sum(np.exp(z - z[-1])))), "on [1000, -1000]"),
    # the log of the shifted sum in base 10 or base 2 (m + log10(...), m + log2(...))
    (checks.check_logsumexp, lambda z: float(z.max() + np.log10(np.sum(np.exp(z - z.max())))), "natural log, np.log"),
    (checks.check_logsumexp, lambda z: float(z.max() + np.log2(np.sum(np.exp(z - z.max())))), "base-2 log"),
    # log1p(s) = log(1 + s): on [1, 2, 3] 3 + log(1 + 1.503215) = 3.917574, not 3 + log(1.503215) = 3.407606
    (checks.check_logsumexp, lambda z: float(z.max() + np.log1p(np.sum(np.exp(z - z.max())))),
     "counts the maximum's own term"),
    # the logits clipped to ±700 (or ±709) so exp cannot overflow: on [1000, 1000] 700 + log 2, not 1000 + log 2
    (checks.check_logsumexp, lambda z: float(np.log(np.sum(np.exp(np.clip(z, -700, 700))))),
     "on [1000, 1000] yours, 700.693, is the log-sum-exp of the clipped logits"),
    (checks.check_logsumexp, lambda z: float(np.log(np.sum(np.exp(np.clip(z, -709, 709))))), "you clipped the logits"),
    # the notebook's naive_lse, its overflow warning silenced: inf on [1000, 1000], and no warning for the call
    (checks.check_logsumexp, logsumexp_naive_silenced, "the warning was silenced (np.errstate), not the problem"),
    (checks.check_logsumexp, logsumexp_naive_silenced, "Factor out the max"),
    # the -inf replaced by 0: on [0, -inf] log 2 = 0.693147, not 0
    (checks.check_logsumexp, logsumexp_mask_replaced_by_0, "the log-sum-exp with the -inf replaced by 0"),
    # a right answer rounded for printing: 3.407606 to 3 decimals is 3.408
    (checks.check_logsumexp, lambda z: round(float(scipy.special.logsumexp(z)), 3),
     "you rounded your answer to 3 decimals (3.408)"),
    # the log taken before the sum: m + sum(z - m) = sum(z) - (K - 1) m, 0 on [1, 2, 3]
    (checks.check_logsumexp, lambda z: float(z.max() + np.log(np.exp(z - z.max())).sum()),
     "the log taken before the sum"),
    (checks.check_logsumexp, lambda z: float(np.max(z) + np.sum(np.log(np.exp(z - np.max(z))))),
     "Sum the exponentials first, then take one log"),
    # the maximum's own term left out: on [1, 2, 3] 3 + log(e^-1 + e^-2) = 2.313262, not 3.407606
    (checks.check_logsumexp, logsumexp_without_max_term, "the sum is missing the maximum's own term"),
    (checks.check_logsumexp, logsumexp_without_max_term, "exp(0) = 1"),
    # shifted by the largest |z|: right on [1, 2, 3] and [1000, 1000], but on [-1000, -1000] the exponents are
    # -1000 - 1000 = -2000, whose exp is 0, and log 0 warns (divide by zero)
    (checks.check_logsumexp, lambda z: float(np.abs(z).max() + np.log(np.sum(np.exp(z - np.abs(z).max())))),
     "Here m = z.max() is -1000 (a shift by the largest |z|, 1000, would leave exponents of -2000"),
    # the naive formula with the math module: math.exp(1000) raises OverflowError ("math range error")
    (checks.check_logsumexp, lambda z: math.log(sum(math.exp(v) for v in z)),
     "it raised OverflowError: math range error. Factor out the max"),
    # 03 · batch softmax
    (checks.check_batch_softmax, global_max_batch, "far below"),
    (checks.check_batch_softmax, lambda x: np.exp(x) / np.exp(x).sum(), "whole batch"),
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max()) / np.sum(np.exp(x - x.max()), axis=1), "keepdims"),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=0), "axis=0"),
    # each row's own maximum, but the sum down each column (axis=0)
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max(axis=1, keepdims=True))
     / np.exp(x - x.max(axis=1, keepdims=True)).sum(axis=0, keepdims=True), "adds down each column"),
    # the maximum taken down the columns: rows still sum to 1, but each column got its own shift
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max(axis=0, keepdims=True))
     / np.exp(x - x.max(axis=0, keepdims=True)).sum(axis=1, keepdims=True), "down each column"),
    # a right answer rounded for printing: its rows still sum to 1 within 1e-9, but it is named as rounded,
    # not as a keepdims slip (on [[1, 2], [3, 5]] 0.268941... rounds to 0.2689)
    (checks.check_batch_softmax, lambda x: np.round(scipy.special.softmax(x, axis=1), 4),
     "you rounded your answer to 4 decimals"),
    (checks.check_batch_softmax, lambda x: np.round(scipy.special.softmax(x, axis=1), 3),
     "rounded your answer to 3 decimals"),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1).astype(np.float32),
     "not within the check's relative"),
    # 1e-9 added to each row's sum: every entry off by the same relative 1e-9 / (sum + 1e-9), the tiny ones too,
    # so a near miss, not the tiny-entry hint (which needs a tiny entry off by far more than the rest)
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max(axis=1, keepdims=True))
     / (np.exp(x - x.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True) + 1e-9), "no epsilon added to the sum"),
    # 1e-10 and 1e-12 added to each row's sum: within Exercise 1's relative 1e-12 or near it, so recognised by the
    # one common factor S / (S + eps) of every entry in a row, not by the tolerance
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max(axis=1, keepdims=True))
     / (np.exp(x - x.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True) + 1e-10),
     "an epsilon was added to the sum"),
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max(axis=1, keepdims=True))
     / (np.exp(x - x.max(axis=1, keepdims=True)).sum(axis=1, keepdims=True) + 1e-12),
     "an epsilon was added to the sum"),
    # Exercise 1's function with 5e-13 in its sum, applied row by row: named here as in Exercise 1
    (checks.check_batch_softmax, lambda x: np.apply_along_axis(lambda z: softmax_epsilon_in_sum(z, 5e-13), 1, x),
     "every entry of a row is too small by the same factor"),
    # the naive formula with the math module, row by row: on [[0, 1], [-1000, -999]] both exps of the second row
    # are 0, and 0 / 0 raises ZeroDivisionError in plain Python
    (checks.check_batch_softmax, batch_softmax_math_loop, "float division by zero. A row far below 0"),
    # the near miss names the input and the largest relative error, as in Exercise 1: float32 is off by about 4e-8
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1).astype(np.float32),
     "on [[1, 2], [3, 5]]: largest relative error"),
    # each row shifted by its mean or its minimum: exact on narrow rows, overflowing on [-1000, 0, 1000]
    (checks.check_batch_softmax, lambda x: np.exp(x - x.mean(axis=1, keepdims=True))
     / np.exp(x - x.mean(axis=1, keepdims=True)).sum(axis=1, keepdims=True), "only each row's own maximum"),
    (checks.check_batch_softmax, lambda x: np.exp(x - x.min(axis=1, keepdims=True))
     / np.exp(x - x.min(axis=1, keepdims=True)).sum(axis=1, keepdims=True), "only each row's own maximum"),
    # each row shifted by its first or its last logit: overflowing on [-1000, 0, 1000] or on [1000, 0, -1000]
    (checks.check_batch_softmax, lambda x: np.exp(x - x[:, :1]) / np.exp(x - x[:, :1]).sum(axis=1, keepdims=True),
     "its first or last logit"),
    (checks.check_batch_softmax, lambda x: np.exp(x - x[:, -1:]) / np.exp(x - x[:, -1:]).sum(axis=1, keepdims=True),
     "on [[1000, 0, -1000], [3, 2, 1]]"),
    # no shift at all: the row [-1000, -999] underflows to 0/0; the hint must not blame a batch maximum
    (checks.check_batch_softmax, lambda x: np.exp(x) / np.exp(x).sum(axis=1, keepdims=True), "far below 0"),
    # the logits clipped, then each row normalised with keepdims=True: the rows sum to 1, but on
    # [[0, 1], [-1000, -999]] the second row becomes [-500, -500], so [0.5, 0.5]; named as a clip, not a keepdims slip
    (checks.check_batch_softmax, lambda x: np.exp(np.clip(x, -500, 500))
     / np.exp(np.clip(x, -500, 500)).sum(axis=1, keepdims=True), "you clipped the logits (np.clip)"),
    (checks.check_batch_softmax, lambda x: np.exp(np.clip(x, -500, 500))
     / np.exp(np.clip(x, -500, 500)).sum(axis=1, keepdims=True), "on [[0, 1], [-1000, -999]] yours"),
    (checks.check_batch_softmax, lambda x: np.exp(np.clip(x, -80, 80))
     / np.exp(np.clip(x, -80, 80)).sum(axis=1, keepdims=True), "z.max(axis=1, keepdims=True), makes every exponent"),
    (checks.check_batch_softmax, lambda x: np.exp(np.clip(x, -709, 709))
     / np.exp(np.clip(x, -709, 709)).sum(axis=1, keepdims=True), "you clipped the logits (np.clip)"),
    # a row-normalised answer with wrong values that no recogniser names: the catch-all gives examples, not causes
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x / 2, axis=1),
     "for example a max taken without keepdims=True"),
    (checks.check_stable_softmax, lambda z: np.round(scipy.special.softmax(z), 6), "not within the check's relative"),
    (checks.check_stable_softmax, lambda z: np.round(scipy.special.softmax(z), 6), "rounded your answer to 6 decimals"),
    # the near miss names the input and the error: float32 keeps 24 bits, so on [1000, 1001] each entry is off by
    # at most a relative 2^-24 = 6.0e-8 (the first case, [0.25, 0.75], is exact in float32)
    (checks.check_stable_softmax, lambda z: scipy.special.softmax(z).astype(np.float32),
     "on [1000, 1001]: largest relative error"),
    # tiny but not 0: checked relatively only (atol=0), so a masked or underflowed entry must be exactly 0
    (checks.check_stable_softmax, softmax_epsilon_each_exp, "an entry that should be 0 (it underflows) is not"),
    (checks.check_stable_softmax, softmax_mask_as_minus_30, "a masked (-inf) entry must get exactly 0"),
    # the naive formula with its warnings silenced: nan or inf with no warning, named as a silenced overflow
    (checks.check_stable_softmax, softmax_naive_silenced, "if you silenced NumPy's warning (np.errstate)"),
    (checks.check_stable_softmax, softmax_exp_only_silenced, "the warning was silenced"),
    # the -inf replaced by 0: the masked entry gets 0.211942 of the mass, far from the tiny -30 case
    (checks.check_stable_softmax, softmax_mask_replaced_by_0, "the masked (-inf) entry got a real share of the mass"),
    (checks.check_stable_softmax, softmax_mask_replaced_by_0, "keep the -inf, since exp(-inf) = 0"),
    # a right answer rounded for printing, as the notebook prints [0.2689, 0.7311]: the first case, [0.25, 0.75],
    # rounds to itself, so the hint comes on [1000, 1001], whose 0.268941... rounds to 0.2689
    (checks.check_stable_softmax, lambda z: np.round(scipy.special.softmax(z), 4),
     "you rounded your answer to 4 decimals ([0.2689, 0.7311])"),
    (checks.check_stable_softmax, lambda z: np.round(scipy.special.softmax(z), 3), "rounded your answer to 3 decimals"),
    (checks.check_stable_softmax, lambda z: np.round(scipy.special.softmax(z), 4), "round only when you print"),
    # Python's round, entry by entry, in a list
    (checks.check_stable_softmax, lambda z: [round(float(q), 8) for q in scipy.special.softmax(z)],
     "rounded your answer to 8 decimals"),
    (checks.check_stable_softmax, softmax_exponent_floored, "an entry that should be 0 (it underflows) is not"),
    # a floor on the exponent far below -28, or a tiny epsilon on each exponential: on [-1000, 0, 1000] the two
    # small entries get e^-700 (about 1e-304), e^-50 or about 1e-20, not 0; named as the floor, not as rounding
    (checks.check_stable_softmax, softmax_exponent_clipped, "an entry that should be 0 (it underflows) is not"),
    (checks.check_stable_softmax, softmax_exponent_clipped,
     "no floor on the exponent (np.maximum or np.clip of z - max)"),
    (checks.check_stable_softmax, lambda z: softmax_exponent_floored(z, floor=-50.0),
     "an entry that should be 0 (it underflows) is not"),
    (checks.check_stable_softmax, lambda z: softmax_exponent_floored(z, floor=-50.0), "no floor on the exponent"),
    (checks.check_stable_softmax, lambda z: softmax_epsilon_each_exp(z, eps=1e-20),
     "an entry that should be 0 (it underflows) is not"),
    (checks.check_stable_softmax, lambda z: softmax_epsilon_each_exp(z, eps=1e-20),
     "no epsilon added to each exponential"),
    (checks.check_batch_softmax, batch_softmax_epsilon_each_exp, "should be 0 or nearly 0"),
    # the 2-D display rounds to 6 decimals, so the hint names the entry and its relative error: yours is
    # 1e-12 / (1 + 4e-12), 1e-12 to 3 digits, where the right value is below 1e-12
    (checks.check_batch_softmax, batch_softmax_epsilon_each_exp, "a relative error of"),
    (checks.check_batch_softmax, batch_softmax_epsilon_each_exp, "(yours is 1e-12, the right value"),
    (checks.check_logsumexp, lambda z: round(float(scipy.special.logsumexp(z)), 5), "not within the check's relative"),
    (checks.check_logsumexp, lambda z: round(float(scipy.special.logsumexp(z)), 5),
     "rounded your answer to 5 decimals"),
    # 03 · the per-row cross-entropies of a batch (shape (B,), as PyTorch's reduction="none")
    # an epsilon inside the log: every loss off a little; on [0, -30] about 20.7 instead of 30
    (checks.check_cross_entropy,
     lambda z, y: -np.log(softmax(z, axis=1) + 1e-9)[np.arange(len(y)), y], "an epsilon inside the log"),
    (checks.check_cross_entropy,
     lambda z, y: -np.log(softmax(z, axis=1) + 1e-7)[np.arange(len(y)), y], "an epsilon inside the log"),
    # the notebook's starter: one maximum for the batch and row sums without keepdims; the hint names both
    (checks.check_batch_softmax, lambda x: np.exp(x - x.max()) / np.sum(np.exp(x - x.max()), axis=1),
     "one maximum for the whole batch"),
    (checks.check_cross_entropy, lambda z, y: -np.log(softmax(z, axis=1))[np.arange(len(y)), y],
     "log_softmax(z) = z - logsumexp(z)"),
    # a pure-Python loop with math.log: softmax([0, -1000])[1] rounds to 0, and math.log(0.0) raises
    (checks.check_cross_entropy, lambda z, y: [-math.log(scipy.special.softmax(r)[k]) for r, k in zip(z, y)],
     "math.log of a probability that rounded to 0"),
    # log_softmax written naively with NumPy's warnings silenced: the label 1000 below the top gets inf
    (checks.check_cross_entropy, cross_entropy_log_of_softmax_silenced, "a loss is inf"),
    # the naive log-sum-exp silenced (the notebook's naive_lse): exp(1001) is inf on [[1000, 1001, 999]], with no
    # warning; named as a silenced overflow, not as the log of a rounded 0 (no probability rounds to 0 there)
    (checks.check_cross_entropy, cross_entropy_naive_lse_silenced,
     "a loss is inf or nan on a row whose largest logit is above 709"),
    (checks.check_cross_entropy, cross_entropy_naive_lse_silenced, "the warning was silenced (np.errstate"),
    # the logits clipped so that exp cannot overflow: named as a clip, not as an epsilon in the log; row [3, 1]
    # with label 0 keeps its loss, log(1 + e^-2) = 0.126928
    (checks.check_cross_entropy, cross_entropy_clipped_logits, "you clipped the logits (np.clip)"),
    (checks.check_cross_entropy, cross_entropy_clipped_logits,
     "yours, [500.0, 0.126928], are those of the clipped logits"),
    (checks.check_cross_entropy, cross_entropy_clipped_naive, "on [[0, -1000], [3, 1]] with labels [1, 0] yours, "
                                                              "[80.0, 0.126928]"),
    # the naive softmax, no shift, NumPy's warnings silenced: exp(-1000) is 0 first, so its loss is inf too
    (checks.check_cross_entropy, cross_entropy_naive_silenced, "a loss is inf"),
    # the mean (PyTorch's default reduction) or the sum of the per-row losses: one number, named as such
    (checks.check_cross_entropy, lambda z, y: float(-np.mean(log_softmax(z, axis=1)[np.arange(len(y)), y])),
     "you returned the mean of the losses"),
    (checks.check_cross_entropy, lambda z, y: float(-np.sum(log_softmax(z, axis=1)[np.arange(len(y)), y])),
     "you returned the sum of the losses"),
    # only the first row's loss: one number, neither the mean nor the sum
    (checks.check_cross_entropy, lambda z, y: float(-log_softmax(z, axis=1)[0, y[0]]), "you returned one number"),
    # a (B, 1) log-sum-exp (keepdims=True) minus the (B,) label logits: a (B, B) block, silently
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1, keepdims=True)
     - z[np.arange(len(y)), y], "broadcasts to every pair of rows"),
    # ... and the same with a one-hot array: its label logits summed to (B,), the log-sum-exp kept (B, 1)
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1, keepdims=True)
     - np.sum(np.eye(z.shape[1])[y] * z, axis=1), "shape (6, 6), B × B"),
    # -onehot * log q not summed over the classes: one value per class
    (checks.check_cross_entropy, lambda z, y: -np.eye(z.shape[1])[y] * log_softmax(z, axis=1),
     "one value per class, shape (6, 4)"),
    # the losses kept as a column (B, 1)
    (checks.check_cross_entropy, lambda z, y: -np.take_along_axis(log_softmax(z, axis=1), y[:, None], axis=1),
     "np.take_along_axis with labels[:, None], left an axis of length 1"),
    # ... and kept as a column by keepdims=True on the log-sum-exp, the label logits made a column to match
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1, keepdims=True)
     - z[np.arange(len(y)), y][:, None], "shape (6, 1), a column"),
    # the labels sorted in place: the copy that keeps them integers, not the float copy of the shared hint
    (checks.check_cross_entropy, cross_entropy_sorts_labels, "`y = y.copy()` keeps its integers"),
    # float labels as indices, as an array or one at a time in a loop
    (checks.check_cross_entropy, cross_entropy_float_labels, "The labels index the logits, so they must stay integers"),
    (checks.check_cross_entropy, cross_entropy_float_labels_loop, "Copy them with labels.copy()"),
    # math.exp(1000) on the row [1000, 1001, 999]: OverflowError, with the overflow advice
    (checks.check_cross_entropy, cross_entropy_math_loop, "math range error. An exponent overflowed"),
    # right losses, but np.where took -np.log(0) on the row [0, -1000] before discarding it: named as such
    (checks.check_cross_entropy, cross_entropy_where_guard,
     "on [[0, -1000], [3, 1]] with labels [1, 0], your losses are right, but computing them emitted a RuntimeWarning "
     "(divide by zero)"),
    (checks.check_cross_entropy, cross_entropy_where_guard, "np.where, for one, computes both of its branches"),
    # the mean over the rows (axis=0), shape (K,): not per-row, so the generic shape hint
    (checks.check_cross_entropy, lambda z, y: -np.mean(log_softmax(z, axis=1), axis=0), "your result has shape (4,)"),
    # float32 logits: right to about 7 digits; the hint names float32, not softmax's sum
    (checks.check_cross_entropy,
     lambda z, y: -log_softmax(z.astype(np.float32), axis=1)[np.arange(len(y)), y], "no float32 logits"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(softmax(z, axis=1), axis=1)[np.arange(len(y)), y],
     "applied twice"),
    (checks.check_cross_entropy, lambda z, y: -scipy.special.log_softmax(z)[np.arange(len(y)), y], "axis=None"),
    (checks.check_cross_entropy, lambda z, y: -np.mean(log_softmax(z, axis=1), axis=1), "averaged -log q over every"),
    (checks.check_cross_entropy, lambda z, y: -np.sum(log_softmax(z, axis=1), axis=1), "summed -log q over every"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[:, y], "B × B block"),
    # the same indexing slip on the logits: logsumexp(z, axis=1) - z[:, labels] is B × B too
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1) - z[:, y],
     "z[:, labels] picks a B × B block"),
    # ... and - z[labels]: whole rows, (B,) minus (6, 4), which NumPy cannot combine; the hint names the indexing
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1) - z[y],
     "z[labels] picks whole rows, numbered by the labels"),
    # one maximum for the whole batch: the row [0, 1] underflows to log 0
    (checks.check_cross_entropy, lambda z, y: -(z - z.max() - np.log(np.exp(z - z.max()).sum(
        axis=1, keepdims=True)))[np.arange(len(y)), y], "each row's own maximum"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[y], "whole rows"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=0)[np.arange(len(y)), y], "down the columns"),
    # cold read r163, X3: the log-sum-exp over axis=0, one per class, (4,), minus the (6,) label logits: NumPy's
    # broadcast error, now named as the wrong axis
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=0) - z[np.arange(len(y)), y],
     "A (K,) = (4,) array, one number per class, met a (B,) = (6,) one of the rows: a log-sum-exp, maximum or sum "
     "taken over axis=0"),
    # ... and the label's probability returned where its -log is the loss
    (checks.check_cross_entropy, lambda z, y: softmax(z, axis=1)[np.arange(len(y)), y],
     "those are the labels' probabilities, q_y = softmax(z)[label]"),
    (checks.check_cross_entropy, lambda z, y: np.exp(log_softmax(z, axis=1))[np.arange(len(y)), y],
     "the loss is -log q_y"),
    (checks.check_cross_entropy, lambda z, y: np.mean(-np.eye(z.shape[1])[y] * log_softmax(z, axis=1), axis=1),
     "means over the K classes"),
    # the minus sign left out: log q_y, all <= 0
    (checks.check_cross_entropy, lambda z, y: log_softmax(z, axis=1)[np.arange(len(y)), y], "sign is flipped"),
    # the log-probability of the wrong class: each row's top class, or the labels read as 1-based
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1).max(axis=1), "most likely class"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[np.arange(len(y)), y - 1], "0-based"),
    # labels + 1: the last class's label + 1 is K = 4, one past the end (IndexError), or wrapped round to class 0
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[np.arange(len(y)), y + 1],
     "labels are 0-based: the first class is 0"),
    (checks.check_cross_entropy,
     lambda z, y: np.array([scipy.special.logsumexp(z[i]) - z[i][y[i] + 1] for i in range(len(y))]),
     "not labels + 1"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[np.arange(len(y)), (y + 1) % z.shape[1]],
     "labels are 0-based: the first class is 0"),
    # the log-sum-exp alone, the label's logit never subtracted
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1), "log-sum-exp alone"),
    (checks.check_cross_entropy, lambda z, y: np.round(-log_softmax(z, axis=1)[np.arange(len(y)), y], 5),
     "not within the check's relative"),
    (checks.check_cross_entropy, lambda z, y: np.round(-log_softmax(z, axis=1)[np.arange(len(y)), y], 5),
     "rounded your answer to 5 decimals"),
    # rounded to 4 decimals, as the notebook prints: named as rounding, not "Per row: logsumexp(z) - z[label]"
    (checks.check_cross_entropy, lambda z, y: np.round(-log_softmax(z, axis=1)[np.arange(len(y)), y], 4),
     "you rounded your answer to 4 decimals"),
    # the parameters in CE(p, q)'s order, (labels, logits): right when called the other way round
    (checks.check_cross_entropy, cross_entropy_swapped,
     "the check calls my_cross_entropy(logits, labels), in that order"),
    (checks.check_cross_entropy, cross_entropy_swapped_loop, "its parameters are the other way round"),
    # swapped and wrong besides: named by its first parameter, `labels`, and the AxisError it raises
    (checks.check_cross_entropy, cross_entropy_swapped_and_wrong, "your first parameter is named `labels`"),
    # np.take_along_axis with (B,) labels: NumPy wants indices with as many axes as log_q
    (checks.check_cross_entropy, cross_entropy_take_along_axis, "labels[:, None], shape (B, 1), then take [:, 0]"),
    # cold read r145, X1: the integer labels used as the target distribution. On the (6, 4) batch labels * log_q
    # cannot be formed, and the hint named two slips not made (z[labels], a maximum without keepdims): the check now
    # calls the function on a square batch, where the product can be formed, and names the labels
    (checks.check_cross_entropy, cross_entropy_labels_as_target,
     "arrays of shapes (6,) (6,4) could not be combined: the labels were multiplied into the (B, K) "
     "log-probabilities or logits"),
    (checks.check_cross_entropy, cross_entropy_labels_as_target, "Integer labels are not a target distribution"),
    (checks.check_cross_entropy, lambda z, y: -np.sum(y * log_softmax(z, axis=1), axis=1),
     "Integer labels are not a target distribution"),
    (checks.check_cross_entropy, lambda z, y: -np.sum(log_softmax(z, axis=1) * y, axis=1),
     "arrays of shapes (6,4) (6,) could not be combined: the labels were multiplied"),
    # the notebook's LSE(z) - sum_k p_k z_k with the labels for p: the same refusal, on the logits
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1) - np.sum(y * z, axis=1),
     "Integer labels are not a target distribution"),
    # row by row, or with labels[:, None]: no error, each loss -y * sum_k log q_k; the first row's label is 0, so
    # its loss is -0 * (a finite sum) = -0.0
    (checks.check_cross_entropy, cross_entropy_labels_as_target_by_row,
     "each loss is its row's label times the row's summed -log q ([-0.0, "),
    (checks.check_cross_entropy, cross_entropy_labels_as_target_by_row, "Integer labels are not a target distribution"),
    (checks.check_cross_entropy, lambda z, y: -np.sum(y[:, None] * log_softmax(z, axis=1), axis=1),
     "each loss is its row's label times the row's summed -log q"),
    (checks.check_cross_entropy, lambda z, y: scipy.special.logsumexp(z, axis=1) - y * np.sum(z, axis=1),
     "LSE(z) - sum_k p_k z_k with the label put in for p"),
    # the one-hot rows made with B columns instead of K: (6, 6) against (6, 4)
    # the log of a probability that rounded to 0, silenced, its inf replaced by np.nan_to_num (cold read r156, X3)
    (checks.check_cross_entropy, cross_entropy_nan_to_num,
     "on [[0, -1000], [3, 1]] with labels [1, 0] a loss is about 1.8e308, the largest double"),
    # a log taken in long double: right on [0, -1000], but the masked entry's log(0) warns (cold read r156, X2)
    (checks.check_log_softmax, log_softmax_of_long_double_probabilities,
     "even where the -inf it gives is the right value (a masked entry)"),
    (checks.check_cross_entropy, cross_entropy_one_hot_per_row,
     "a one-hot array made with np.eye(len(labels)) has a column per row, not per class"),
    # noise for the unmasked logits only, and the position in that shortened array returned (cold read r155, X1)
    # u cast to float32: the probe's largest double below 1 rounds to 1.0, the noise is inf, -inf + inf is nan, and
    # np.argmax returns the masked entry (cold read r166, X2); float32 rounds 1 - 2**-25 up to 1.0, ties to even
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(
        np.asarray(z) / T - np.log(-np.log(rng.random(len(z)).astype(np.float32))))),
     "A u that rounds to 1.0 (float32 rounds every u from 1 - 2**-25 up to 1.0)"),
    (checks.check_gumbel_sampler, gumbel_on_the_kept_logits,
     "looks like a position in that shortened array of 4: past the masked entry"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(
        np.asarray(z)[np.isfinite(z)] / T + rng.gumbel(size=int(np.isfinite(z).sum())))),
     "so token 2, the second one kept, comes back as 1, the masked entry"),
    # u scaled by the batch's largest running total (cold read r156, X): 1.0 from a row of eight equal logits, so the
    # row of seven whose total ends at 0.9999999999999998 is looked up unscaled
    (checks.check_batch_sampler, batch_scaled_by_batch_max,
     "Your u looks scaled by one number for the whole batch, its largest running total (cdf.max() or"),
    (checks.check_batch_sampler, batch_scaled_by_largest_row_total, "your sampler returned [4, 8]"),
    # the one-hot width taken from the labels (cold read r156, X): short of K where no label is the last class
    (checks.check_cross_entropy, lambda z, y: -np.sum(np.eye(y.max() + 1)[y] * log_softmax(z, axis=1), axis=1),
     "a one-hot array made labels.max() + 1 = 3 wide is one column per class only when some label is the last class"),
    (checks.check_cross_entropy, lambda z, y: -np.einsum("bk,bk->b", np.eye(np.max(y) + 1)[y], log_softmax(z, axis=1)),
     "Take the number of classes from the logits, np.eye(logits.shape[1])[labels]"),
    # cold read r157, X1: the naive formula in np.longdouble passed Exercises 2 to 4 on x86-64 Linux, whose 80-bit
    # long double overflows only above log(max) = 11356.5 (np.finfo(np.longdouble)); each exercise's last case has
    # logits 12000 apart, beyond that, so the answer now fails here on x86 as it failed on [1000, 1001] where
    # np.longdouble is a plain double
    (checks.check_log_softmax, log_softmax_naive_longdouble,
     "on [0, 12000, -12000] (e^12000 overflows even np.longdouble), it emitted a RuntimeWarning: overflow"),
    (checks.check_log_softmax, log_softmax_naive_longdouble, "A wider float only moves the overflow further out"),
    (checks.check_log_softmax, log_softmax_naive_longdouble_silenced,
     "your result has inf or nan in it ([-inf, -inf, -inf]), though it had none on the earlier logits"),
    (checks.check_log_softmax, log_softmax_naive_longdouble_silenced, "its overflow warning was silenced"),
    (checks.check_softmax_along_axis, along_naive_longdouble,
     "so your code computes in a float wider than float64, such as np.longdouble"),
    (checks.check_softmax_along_axis, along_naive_longdouble,
     "subtracting the maximum removes it: z.max(axis=axis, keepdims=True)"),
    # the row [0, 12000, -12000] less its mean, 0, leaves e^12000
    (checks.check_softmax_along_axis, along_mean_shift_longdouble,
     "on [[0, 12000, -12000], [1, 2, 3]] with axis=1 (e^12000 overflows even np.longdouble), it emitted a "
     "RuntimeWarning: overflow"),
    # inf / inf in the middle of the first row, and 1 / inf = 0, 0 / inf = 0 around it: [0, nan, 0]; the second row
    # is right, softmax([1, 2, 3]) = [1, e, e^2] / (1 + e + e^2) = [0.090031, 0.244728, 0.665241]
    (checks.check_softmax_along_axis, along_naive_longdouble_silenced,
     "your result has inf or nan in it ([[0.0, nan, 0.0], [0.090031, 0.244728, 0.665241]])"),
    # ... and a shift by the last logit (Exercise 2) or by each row's minimum (Exercise 4) in np.longdouble: e^2000
    # fits there, so the cases 2000 wide passed, and [0, -20000], 20000 wide, overflows first, with the same advice
    (checks.check_log_softmax, lambda z: (lambda zl: (zl - zl[-1] - np.log(np.sum(np.exp(zl - zl[-1])))).astype(
        float))(np.asarray(z, dtype=np.longdouble)),
     "on [0, -20000] (e^-20000 rounds to 0 even in np.longdouble), it emitted a RuntimeWarning: overflow. exp "
     "overflowed here, though not on the earlier logits as large as 1000 or 2000 apart"),
    (checks.check_cross_entropy, lambda z, y: (lambda zl: (zl.min(axis=1) + np.log(np.exp(
        zl - zl.min(axis=1, keepdims=True)).sum(axis=1)) - zl[np.arange(len(y)), y]).astype(float))(
        np.asarray(z, dtype=np.longdouble)),
     "with labels [1, 0] (e^-20000 rounds to 0 even in np.longdouble), it emitted a RuntimeWarning: overflow. exp "
     "overflowed here"),
    (checks.check_cross_entropy, cross_entropy_naive_longdouble,
     "whose exp overflows only above about 11356 instead of 709.78"),
    (checks.check_cross_entropy, cross_entropy_naive_longdouble, "subtract each row's own maximum"),
    # the first row's loss is log(inf) - 0 = inf; the second's is LSE(3, 1, 2) - 2 = 1 + log(1 + e^-2 + e^-1)
    # = 1.407606
    (checks.check_cross_entropy, cross_entropy_naive_longdouble_silenced,
     "your result has inf or nan in it ([inf, 1.40761])"),
    # cold read r157, X2: z[labels, rows] runs past the last class on six rows of four, as labels + 1 does; a square
    # batch tells the two apart, and the hint names the swap, not labels + 1
    (checks.check_cross_entropy, cross_entropy_indices_swapped,
     "index 4 is out of bounds for axis 1 with size 4: the row and label indices are the other way round"),
    (checks.check_cross_entropy, cross_entropy_indices_swapped, "Put the row index first and the label second"),
    (checks.check_cross_entropy, lambda z, y: -log_softmax(z, axis=1)[y, np.arange(len(y))],
     "the row and label indices are the other way round"),
    (checks.check_cross_entropy, cross_entropy_indices_swapped_in_a_loop,
     "index 4 is out of bounds for axis 0 with size 4: the row and label indices are the other way round"),
    # cold read r157, X3: nan as the mask; the kept entries [0.25, 0.75] are right, the masked 5 stays nan
    (checks.check_masked_softmax, masked_softmax_nan_mask,
     "on [log 0.25, 5, log 0.75] with the 5 masked your result has nan in every masked entry ([0.25, nan, 0.75]): "
     "nan is not a mask"),
    (checks.check_masked_softmax, lambda z, keep: (lambda e: e / e.sum())(np.exp(np.where(keep, z, np.nan)
                                                                                 - np.max(np.where(keep, z, np.nan)))),
     "([nan, nan, nan]): nan is not a mask"),
    # cold read r157, X4: the sums along axis=0 of [[1, 3], [2, 5]] put back as a column divide each row by the other
    # column's sum; and a negative axis turned into z.ndim - axis = 3 + 1 = 4
    (checks.check_softmax_along_axis, along_sum_restored_last,
     "the sums along axis=0 are the right ones, but [..., None]"),
    (checks.check_softmax_along_axis, along_negative_axis_sign_slip,
     "your code turned it into z.ndim - axis, 3 - (-1) = 4, an axis this 3-D array does not have"),
    (checks.check_softmax_along_axis, along_negative_axis_sign_slip, "it is axis z.ndim + axis = 2"),
    # ... and the maxima put back at the end, or both; and z.ndim - 1 - axis, 3 - 1 + 1 = 3, also past the last axis
    (checks.check_softmax_along_axis, lambda z, axis: (lambda e: e / e.sum(axis=axis, keepdims=True))(
        np.exp(z - z.max(axis=axis)[..., None])), "the maxima along axis=0 are the right ones, but [..., None]"),
    (checks.check_softmax_along_axis, lambda z, axis: (lambda e: e / e.sum(axis=axis).reshape(-1, 1))(
        np.exp(z - z.max(axis=axis).reshape(-1, 1))), "the maxima and sums along axis=0 are the right ones"),
    (checks.check_softmax_along_axis, lambda z, axis: along_solution(z, z.ndim - 1 - axis if axis < 0 else axis),
     "your code turned it into axis 3, an axis this 3-D array does not have"),
    # cold read r157, X5: np.log10 in the log-sum-exp; 2 ** in place of exp, and np.exp2 the same
    (checks.check_cross_entropy, cross_entropy_log10_of_the_sum,
     "your log-sum-exp takes a base-10 log of the sum (np.log10)"),
    (checks.check_cross_entropy, lambda z, y: np.log2(np.sum(np.exp(z), axis=1)) - z[np.arange(len(y)), y],
     "takes a base-2 log of the sum (np.log2)"),
    (checks.check_masked_softmax, masked_softmax_base_2, "those are powers of 2, 2 ** (z - m) normalised"),
    (checks.check_masked_softmax,
     lambda z, keep: (lambda e: e / e.sum())(np.power(10.0, np.where(keep, z, -np.inf) - 3)), "those are powers of 10"),
    (checks.check_masked_softmax, lambda z, keep: (lambda e: e / e.sum())(np.exp2(np.where(keep, z, -np.inf) - 5.0)),
     "the softmax of the logits times log 2"),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axis=1)[:, 0], "shape"),
    # log-sum-exp shifted by each row's mean: overflows on the row [0, -2000] (exponent 1000)
    (checks.check_cross_entropy, lambda z, y: z.mean(axis=1) + np.log(np.exp(
        z - z.mean(axis=1, keepdims=True)).sum(axis=1)) - z[np.arange(len(y)), y],
     "its first or last logit, can leave an exponent above 709"),
    # log-sum-exp shifted by each row's first logit: overflows on the row [-2000, 0] (exponent 2000)
    (checks.check_cross_entropy, lambda z, y: z[:, 0] + np.log(np.exp(z - z[:, :1]).sum(axis=1))
     - z[np.arange(len(y)), y], "on [[-2000, 0], [1, 3]] with labels [1, 1]"),
    # ... and by each row's last logit: overflows on the row [0, -2000]
    (checks.check_cross_entropy, lambda z, y: z[:, -1] + np.log(np.exp(z - z[:, -1:]).sum(axis=1))
     - z[np.arange(len(y)), y], "its first or last logit, can leave an exponent above 709"),
    # an epsilon before the log, or a clip: finite, but -log q is capped at -log(epsilon)
    (checks.check_cross_entropy,
     lambda z, y: -np.log(softmax(z, axis=1) + 1e-12)[np.arange(len(y)), y], "an epsilon added"),
    (checks.check_cross_entropy,
     lambda z, y: -np.log(np.clip(softmax(z, axis=1), 1e-300, 1))[np.arange(len(y)), y], "an epsilon added"),
    # the loss in another base: in bits (divided by log 2), or with log10 of the label's probability
    (checks.check_cross_entropy,
     lambda z, y: -log_softmax(z, axis=1)[np.arange(len(y)), y] / np.log(2), "natural log, np.log"),
    (checks.check_cross_entropy,
     lambda z, y: -np.log10(softmax(z, axis=1))[np.arange(len(y)), y], "natural log, np.log"),
    # cold read r160, X1: log1p of the others picked by value passed Exercises 2 and 4, which had no tied maximum.
    # On [2, 2, 0] it gives z - 2 - log(1 + e^-2), where the sum is 2 + e^-2
    (checks.check_log_softmax, log_softmax_log1p_of_the_others,
     "on [2, 2, 0] (a tied maximum) the maximum, 2, appears twice, and each copy adds exp(0) = 1 to the sum"),
    (checks.check_log_softmax, log_softmax_log1p_of_the_others, "np.delete(z, z.argmax()), before log1p"),
    (checks.check_log_softmax, lambda z: z - z.max() - np.log1p(np.sum(np.exp(np.where(z == z.max(), -np.inf, z)
                                                                              - z.max()))),
     "yours leaves every copy out (as z[z != m] does) and log1p adds back only one"),
    (checks.check_cross_entropy, cross_entropy_log1p_of_the_others,
     "on [[2, 2, 0], [1, 3, 3]] with labels [0, 0] (each row's maximum tied) a row's largest logit appears more than "
     "once"),
    (checks.check_cross_entropy, lambda z, y: np.array([
        row.max() + np.log1p(np.sum(np.exp(row[row != row.max()] - row.max()))) - row[label]
        for row, label in zip(z, y)]), "yours leaves every copy out (as z == m or z[z != m] picks them)"),
    # ... and log1p of the whole sum, which Exercise 2 named and Exercise 4 did not: each hint now says which term
    # to leave out to keep log1p
    (checks.check_log_softmax, lambda z: z - z.max() - np.log1p(np.sum(np.exp(z - z.max()))),
     "z[z != m] leaves out every copy of a tied maximum"),
    (checks.check_cross_entropy, lambda z, y: z.max(axis=1) + np.log1p(np.sum(np.exp(
        z - z.max(axis=1, keepdims=True)), axis=1)) - z[np.arange(len(y)), y],
     "m + log1p(sum(exp(z - m))) counts each row's maximum term, exp(0) = 1, twice"),
    # cold read r160, X2: no shift at all overflows on [1000, 1001, 999], whose kept logits span 1: the advice names
    # the largest kept logit, 1001, and no longer the other shifts "up to 2000" (test_masked_overflow_advice_...)
    (checks.check_masked_softmax, masked_softmax_unshifted,
     "on [1000, 1001, 999] with the 999 masked, it emitted a RuntimeWarning: overflow. Subtract the largest kept "
     "logit, here 1001, before exponentiating"),
    (checks.check_masked_softmax, masked_softmax_unshifted_python,
     "it raised OverflowError: math range error. Subtract the largest kept logit, here 1001"),
    # a shift by the smallest kept logit overflows on [-1000, 0, 1000], which spans 1000 - (-1000) = 2000
    (checks.check_masked_softmax, masked_softmax_min_shift,
     "on [-1000, 0, 1000] with every entry kept, it emitted a RuntimeWarning: overflow. Subtract the largest kept "
     "logit before exponentiating. Any shift other than the maximum (the minimum, the mean, the first or last logit) "
     "can leave exponents above 0 (here up to 2000)"),
    # cold read r160, C1: tempnb's softmax(z, axis) with the axis by position: axis 0 is temperature 0
    (checks.check_softmax_along_axis, lambda z, axis: softmax(z, axis),
     "yours is tempnb's softmax(z, 0): its second positional parameter is the temperature of 04-temperature"),
    # 04 · tempered softmax
    # the T -> 0 limit used too early: one-hot at T = 0.001, where [0, 1, 1.001] is still a near-tie
    # clipping the exponents instead of shifting them: [1, 2, 3] / 0.001 clipped at 700 gives three equal entries
    (checks.check_tempered_softmax, lambda z, T: (lambda e: e / e.sum())(np.exp(np.clip(np.asarray(z) / T, -700, 700))),
     "z / T clipped to a range"),
    # cold read r169, X4: exponentials in base 2 and 10, b^x = e^(x log b): softmax(z log b, T), [0.17902, 0.82098]
    # for base 2 on the first case (2^-2.197 against 2^0, normalised)
    (checks.check_tempered_softmax, lambda z, T: (lambda e: e / e.sum())(np.exp2((z - z.max()) / T)),
     "your result, [0.17902, 0.82098], is what 2 ** ((z - z.max()) / T) gives"),
    (checks.check_tempered_softmax, lambda z, T: (lambda e: e / e.sum())(10.0 ** ((z - z.max()) / T)),
     "exponentiates in base 10, and softmax uses e"),
    # cold read r169, X1: the max trick with .max() forgotten, s - s: every exponent 0, uniform on the very first case,
    # where no clip ties the entries; the hint names the forgotten max first
    (checks.check_tempered_softmax, lambda z, T: (lambda e: e / e.sum())(np.exp(z / T - z / T)),
     "s - s where s - s.max() was meant (the max forgotten)"),
    (checks.check_tempered_softmax, lambda z, T: np.eye(len(z))[np.argmax(z)] if T < 0.01 else tempered_no_limit(z, T),
     "the T → 0 limit"),
    # the parameters in the wrong order: z.max() on the float given as z raises AttributeError
    (checks.check_tempered_softmax, lambda T, z: softmax((z - z.max()) / T), "the logits first"),
    # the same with a T == 0 branch: `if T == 0` on the logits array raises ValueError (truth value ambiguous),
    # which must not get the max-trick advice
    (checks.check_tempered_softmax, tempered_swapped_with_limit, "the logits first, then the temperature"),
    # float(T) on the logits array: a TypeError that reads like math.exp on an array, but the order is the mistake
    (checks.check_tempered_softmax, tempered_swapped_float, "your function takes the temperature first"),
    # (T, z) and a (1, K) result: called (T, z) its values are right, so both the order and the shape are named
    (checks.check_tempered_softmax, tempered_swapped_2d, "the logits first, then the temperature. Return a 1-D array"),
    (checks.check_tempered_softmax, lambda z, T: np.exp(z / T) / np.exp(z / T).sum(),
     "Subtract the largest logit, then divide by T"),
    # the max trick only at a small T (cold read r135, a false accept until fix55): 03's [1000, 1001] at T = 1
    # overflows, e^1000 being beyond the largest double (test_large_logits_overflow_without_the_max_trick)
    (checks.check_tempered_softmax, tempered_shift_only_below_one, "on [1000, 1001] at T = 1, it emitted a "
                                                                   "RuntimeWarning: overflow"),
    (checks.check_tempered_softmax, tempered_shift_only_below_one,
     "subtracts the largest logit only at some T (only when T < 1?)"),
    # a right answer rounded for printing (cold read r135): named as rounded, with the decimals that give it
    # (test_rounded_answers_get_the_decimals_that_give_them derives the figures)
    (checks.check_tempered_softmax, tempered_rounded(4), "are the answer rounded to 4 decimals or fewer"),
    (checks.check_tempered_softmax, tempered_rounded(6), "[0.0, 4.5e-05, 0.999955], are the answer rounded to 6 "
                                                         "decimals"),
    (checks.check_tempered_softmax, tempered_rounded(6), "Return the full-precision values and round only when"),
    (checks.check_tempered_softmax, tempered_rounded_list(5), "are the answer rounded to 5 decimals"),
    # a T == 0 branch returning np.argmax(z): an index, not a probability vector
    (checks.check_tempered_softmax, tempered_argmax_at_zero, "you returned 2, the index of the largest logit"),
    (checks.check_tempered_softmax, tempered_argmax_at_zero, "the mask z == z.max() divided by its sum"),
    (checks.check_tempered_softmax, lambda z, T: np.exp((z - z.max()) * T) / np.exp((z - z.max()) * T).sum(),
     "multiplied by T"),
    # the re-tempering route without its divide-by-the-max step: q ** 1000 underflows when max q is 0.42
    (checks.check_tempered_softmax, tempered_probabilities_unscaled, "divide q by its largest entry"),
    # the max of z subtracted from z / T: exponents up to 2997 at T = 0.001
    (checks.check_tempered_softmax, lambda z, T: np.exp(z / T - z.max()) / np.exp(z / T - z.max()).sum(),
     "the shift must be divided by T too"),
    (checks.check_tempered_softmax, lambda z, T: tempered_from_scratch(z, T).astype(np.float32), "about 6 digits"),
    (checks.check_tempered_softmax, tempered_swapped, "divides T by the logits"),
    (checks.check_tempered_softmax, lambda z, T: tempered_no_limit(z, 1.0), "T = 1 distribution"),
    # T applied after exponentiating: it cancels when normalising
    (checks.check_tempered_softmax, lambda z, T: (np.exp(z - z.max()) / T) / (np.exp(z - z.max()) / T).sum(),
     "before exponentiating"),
    # [3, 1, 2] at T = 0.001 has its largest logit first: a shift by z[-1] overflows, sorting reorders
    (checks.check_tempered_softmax, tempered_shift_by_last, "shifted by the last logit, not the largest"),
    (checks.check_tempered_softmax, tempered_sorted, "sorted order"),
    (checks.check_tempered_softmax, tempered_shift_only_on_overflow, "not only when something would overflow"),
    (checks.check_tempered_softmax, lambda z, T: np.exp((z - z.min()) / T) / np.exp((z - z.min()) / T).sum(),
     "not the minimum"),
    (checks.check_tempered_softmax, tempered_sorted_in_place, "you sorted the logits"),
    (checks.check_tempered_softmax, tempered_sorted_descending_in_place, "you sorted the logits"),
    (checks.check_tempered_softmax, lambda z, T: math.exp(z / T) / np.sum(np.exp(z / T)), "use np.exp"),
    (checks.check_tempered_softmax, lambda z, T: tempered_no_limit(z / T, T), "divided by T twice"),
    # the notebook's softmax_with_temperature, copied: right for every T > 0, nan at T = 0
    (checks.check_tempered_softmax, tempered_no_limit, "test for T == 0"),
    (checks.check_tempered_softmax, lambda z, T: np.eye(len(z))[np.argmax(z)] if T == 0 else tempered_no_limit(z, T),
     "share the mass equally"),
    (checks.check_tempered_softmax, lambda z, T: np.full(len(z), 1 / len(z)) if T == 0 else tempered_no_limit(z, T),
     "T → ∞ limit"),
    # float32 0.9 is 0.89999997615814697265625: the hint shows it to 10 digits
    (checks.check_tempered_softmax, lambda z, T: tempered_from_scratch(z, T).astype(np.float32), "0.8999999762"),
    # the T = 0 mask not divided by its sum: [3, 1, 3] gives [1, 0, 1]
    (checks.check_tempered_softmax, tempered_unnormalised_mask, "divide the mask by its sum"),
    # the T = 0 mask divided by len(z): [1, 2, 3] gives [0, 0, 1/3]
    (checks.check_tempered_softmax, tempered_mask_over_len, "on [1, 2, 3] at T = 0 you divided the mask"),
    (checks.check_tempered_softmax, tempered_mask_over_len, "not by len(z)"),
    # T clamped to a small value instead of the limit: [0, 1, 1.001] at T = 1e-3 is [0, 0.268941, 0.731059];
    # at T = 1e-6 that case is one-hot, but [1, 1 + 1e-9] is [0.49975, 0.50025]
    (checks.check_tempered_softmax, tempered_clamped(1e-3), "on [0, 1, 1.001] at T = 0 (a near-tie)"),
    (checks.check_tempered_softmax, tempered_clamped(1e-3), "clamping T to a small positive value"),
    (checks.check_tempered_softmax, tempered_clamped(1e-6), "on [1, 1 + 1e-9] at T = 0 (a near-tie)"),
    (checks.check_tempered_softmax, tempered_clamped(1e-6), "clamping T to a small positive value"),
    # a tie test with a tolerance: 1 and 1.001 agree within rtol=1e-2, so [0, 1, 1.001] gives [0, 0.5, 0.5]
    (checks.check_tempered_softmax, tempered_isclose_tie, "a tie test with a tolerance"),
    # clamps small enough to pass the cases above: 1e-12 gives [1, nextafter(1, 2)] as about [0.49994, 0.50006]
    # (a gap of 2^-52 over 1e-12), 1e-300 gives [0, 5e-324] as exactly [0.5, 0.5] (a gap of 5e-24 of T)
    (checks.check_tempered_softmax, tempered_clamped(1e-12), "on [1, np.nextafter(1, 2)] at T = 0 (a near-tie)"),
    (checks.check_tempered_softmax, tempered_clamped(1e-12), "clamping T to a small positive value"),
    (checks.check_tempered_softmax, tempered_clamped(1e-300), "on [0, 5e-324] at T = 0 (a near-tie)"),
    (checks.check_tempered_softmax, tempered_clamped(1e-300), "clamping T to a small positive value"),
    # clamps below the smallest normal double (about 2.2e-308): on [1, 2, 3] at T = 0, (z - z.max()) / 1e-320 gives
    # -2e320 and -1e320, beyond the largest double (about 1.8e308), so the division overflows before any near-tie
    (checks.check_tempered_softmax, tempered_clamped(1e-320), "a clamped T is not T = 0"),
    (checks.check_tempered_softmax, tempered_clamped(5e-324), "max(T, 1e-320) or T + 1e-320"),
    # 03's batch softmax carried over: z.max(axis=1) on a 1-D z raises AxisError, which the axis, not the shift, fixes
    (checks.check_tempered_softmax, tempered_batch_axis, "write z.max() and exps.sum() without axis=1"),
    # an error of the code itself (z.size() calls an int): the hint says how the check calls the function
    (checks.check_tempered_softmax, tempered_size_called, "the traceback shows the line that fails"),
    # the T = 0 shares rounded down on a tie: [3, 1, 3] gives [0, 0, 0], where each 3 should get 1/2
    (checks.check_tempered_softmax, tempered_floor_divided_mask, "// is floor division (1 // 2 is 0)"),
    (checks.check_tempered_softmax, tempered_truncated_mask, "each tied maximum should get 1/2"),
    # a T = 0 branch keeping the last tied maximum, not the first: [3, 1, 3] gives [0, 0, 1]
    (checks.check_tempered_softmax, tempered_last_tied_maximum, "a tie shares the mass equally"),
    (checks.check_tempered_softmax, tempered_last_tied_maximum_loop, "(np.argmax keeps the first, a >= loop the last)"),
    # tempnb's softmax called in place of writing one: right values, so the check names the call
    (checks.check_tempered_softmax, lambda z, T: softmax(z, T), "your function calls tempnb's softmax"),
    (checks.check_tempered_softmax, softmax, "your function calls tempnb's softmax"),
    (checks.check_tempered_softmax, tempered_calling_tempnb_module, "your function calls tempnb's softmax"),
    # scipy's softmax with a T == 0 branch: right values too, so the check names that call as well
    (checks.check_tempered_softmax, tempered_scipy_with_limit, "your function calls scipy.special.softmax"),
    (checks.check_tempered_softmax, tempered_calling_scipy_imported_as, "your function calls scipy.special.softmax"),
    # the other library shortcuts the exercise text forbids: the hint names the function called
    (checks.check_tempered_softmax, tempered_scipy_log_softmax, "your function calls scipy.special.log_softmax"),
    (checks.check_tempered_softmax, tempered_scipy_logsumexp, "your function calls scipy.special.logsumexp"),
    (checks.check_tempered_softmax, tempered_tempnb_log_softmax, "your function calls tempnb's log_softmax"),
    # NumPy's log-sum-exp, np.logaddexp: its .reduce (a ufunc method), the ufunc itself folded with functools.reduce,
    # and its .reduce bound to a name of the learner's own (cold read r140: the first passed before)
    (checks.check_tempered_softmax, tempered_logaddexp_reduce, "your function calls np.logaddexp (NumPy's"),
    (checks.check_tempered_softmax, tempered_logaddexp_reduce, "np.logaddexp or np.logaddexp2 and their .reduce"),
    (checks.check_tempered_softmax, tempered_logaddexp_folded, "your function calls np.logaddexp (NumPy's log(e^a"),
    (checks.check_tempered_softmax, tempered_logaddexp_renamed, "your function calls np.logaddexp (NumPy's log(e^a"),
    # cold read r163, X2: the base-2 shortcut, np.logaddexp2.reduce of z / T / log 2, passed before; named in the
    # code, and bound to a name of the learner's own (seen only as a call of the ufunc's method)
    (checks.check_tempered_softmax, tempered_logaddexp2_reduce,
     "your function calls np.logaddexp2 (NumPy's log2(2^a + 2^b), the base-2 np.logaddexp"),
    (checks.check_tempered_softmax, tempered_logaddexp2_renamed, "your function calls np.logaddexp2 (NumPy's log2("),
    # cold read r163, X3: the max trick backwards, (z.max() - z) / T or (z.min() - z) / T, is softmax(-z / T): on the
    # first case, odds 3 : 1 reversed and squared, [9/10, 1/10]
    (checks.check_tempered_softmax, tempered_backwards_shift,
     "on the logits of [0.25, 0.75] at T = 0.5 your result, [0.9, 0.1], favours the smallest logit"),
    (checks.check_tempered_softmax, tempered_backwards_shift, "Write (z - z.max()) / T"),
    (checks.check_tempered_softmax, tempered_min_minus_z, "favours the smallest logit: the sign of your exponents"),
    # cold read r163, X3: the probabilities formatted as text for printing
    (checks.check_tempered_softmax, tempered_formatted,
     "on the logits of [0.25, 0.75] at T = 0.5 you returned text, ['0.100000000000', '0.900000000000'], not numbers"),
    (checks.check_tempered_softmax, lambda z, T: str(tempered_from_scratch(z, T)), "make text, for printing"),
    # .astype(str): shown as a list, without NumPy's dtype after it
    (checks.check_tempered_softmax, lambda z, T: tempered_from_scratch(z, T).astype(str),
     "on the logits of [0.25, 0.75] at T = 0.5 you returned text, ['0.1"),
    (checks.check_tempered_softmax, tempered_apply_temperature, "your function calls tempnb's apply_temperature"),
    # scikit-learn's softmax of one row, with a T == 0 branch: right values, so the check names the call
    (checks.check_tempered_softmax, tempered_sklearn_softmax, "your function calls sklearn.utils.extmath.softmax"),
    (checks.check_tempered_softmax, tempered_sklearn_softmax, "any library softmax, log-softmax or logsumexp"),
    # the starter run as given: the hint names the overflow, not the fix (the same code as a lambda gets the fix)
    (checks.check_tempered_softmax, my_tempered_softmax, "This is the starter as given: here z / T reaches 3000"),
    # a shift other than the maximum of z / T: only the sentence for that shift (probes tell them apart)
    (checks.check_tempered_softmax, tempered_shifted_by(lambda z, T: np.mean(z) / T),
     "overflow. You subtracted the mean, not the maximum"),
    (checks.check_tempered_softmax, tempered_shifted_by(lambda z, T: z[0] / T),
     "overflow. You shifted by the first logit, z[0], not the largest"),
    (checks.check_tempered_softmax, tempered_shifted_by(lambda z, T: np.min(z) / T),
     "overflow. You subtracted the minimum: every exponent"),
    # cold read r160, X2: the shift np.abs(z).max(), with or without the limit: every exponent of [-3, -2, -1] at
    # T = 0.001 is -4000 or below (test_largest_size_shift_underflows_where_only_on_overflow_does_not)
    (checks.check_tempered_softmax, tempered_shift_by_largest_size(with_limit=True),
     "invalid value. You shifted by the largest absolute value, np.abs(z).max(), not the largest logit"),
    (checks.check_tempered_softmax, tempered_shift_by_largest_size(with_limit=False), "(here -4000 and below)"),
    (checks.check_tempered_softmax, tempered_shifted_by(lambda z, T: np.abs(z).max() / T),
     "You shifted by the largest absolute value"),
    # cold read r160, X1: the right limit at T = 0, but a division by T = 0 on the way: np.where computes both
    # branches; the softmax computed before the T == 0 test does the same without np.where
    (checks.check_tempered_softmax, tempered_np_where_limit,
     "on [1, 2, 3] at T = 0 your result is the right limit, [0.0, 0.0, 1.0], but NumPy warned on the way (divide by"),
    (checks.check_tempered_softmax, tempered_np_where_limit, "np.where(T == 0, limit, softmax) computes both of its"),
    (checks.check_tempered_softmax, tempered_where_imported, "Choose with an if statement instead"),
    (checks.check_tempered_softmax, tempered_softmax_before_the_test,
     "some line of your function divides by T before, or whether or not, it tests T == 0"),
    # the right numbers with an extra axis: shape (1, K) or (K, 1), not (K,)
    (checks.check_tempered_softmax,
     lambda z, T: np.atleast_2d(np.exp((z - z.max()) / T) / np.exp((z - z.max()) / T).sum()),
     "return a 1-D array of length K = 2, like z, not a 2-D one such as shape (1, 2)"),
    (checks.check_tempered_softmax, lambda z, T: [list(np.exp((z - z.max()) / T) / np.exp((z - z.max()) / T).sum())],
     "the wrong shape"),
    (checks.check_tempered_softmax,
     lambda z, T: (np.exp((z - z.max()) / T) / np.exp((z - z.max()) / T).sum())[:, None], "the wrong shape"),
    # exponentiated before dividing by T: exp(-800) underflows at T = 1 and stays 0, so [0, -800] at T = 1000 gives
    # [1, 0] where the answer is [0.689974, 0.310026]
    (checks.check_tempered_softmax, tempered_powered_exponentials,
     "on [0, -800] at T = 1000 your result is [1.0, 0.0]"),
    (checks.check_tempered_softmax, tempered_powered_exponentials, "you exponentiated before dividing by T"),
    (checks.check_tempered_softmax, tempered_log_of_softmax, "the entry whose exp underflowed to 0 at T = 1 stays 0"),
    (checks.check_tempered_softmax, tempered_retempered_by_max, "Divide the logits by T before exponentiating"),
    (checks.check_tempered_softmax, tempered_log_of_softmax_warned,
     "on [0, -800] at T = 1000, it emitted a RuntimeWarning: divide by zero. np.log was given a probability"),
    # an epsilon added to each exponential: [10, 20, 30] at T = 1 has an entry of 2e-9, which 1e-12 moves by 5e-4
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-12),
     "on [10, 20, 30] at T = 1 your result is what an epsilon added to each exponential gives"),
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-15), "an epsilon added to each exponential"),
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-11), "an epsilon added to each exponential"),
    # on two logits any answer summing to 1 is (e + c) / sum(e + c) for some c: 1e-9 is named as one of the usual
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-9),
     "on the logits of [0.25, 0.75] at T = 0.5 your result is what an epsilon added to each exponential gives"),
    # an epsilon too small for [10, 20, 30] at T = 1 (a relative 4.9e-10) lifts the zeros of [1, 2, 3] at T = 0.001
    # to 1e-18, as a floor under the exponents would: the hint names both
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-18),
     "on [1, 2, 3] at T = 0.001 your smallest probabilities are lifted to one value, 1e-18"),
    (checks.check_tempered_softmax, tempered_epsilon_each(1e-18), "so does a small number added to each exponential"),
    # a floor under the exponents at -50: [1, 2, 3] at T = 0.001 gets e^-50 / (1 + 2 e^-50) where the answer is 0
    (checks.check_tempered_softmax, tempered_floored(-50.0), "a floor under the exponents does that (np.maximum or"),
    (checks.check_tempered_softmax, tempered_floored(-50.0),
     f"lifted to one value, {math.exp(-50) / (1 + 2 * math.exp(-50)):.10g}"),
    # an epsilon added to the sum only: 1e-9 makes [1, 2, 3] at T = 0.001, whose sum is 1, sum to 1 / (1 + 1e-9)
    (checks.check_tempered_softmax, tempered_epsilon_in_sum(1e-9), "an epsilon was added to the sum"),
    (checks.check_tempered_softmax, tempered_epsilon_in_sum(1e-9), "so they sum to 0.999999999, not 1"),
    # a T nudged away from 0 with no T == 0 branch: 1e-12 in the divisor is a softmax at T = 1e-12 there, which on
    # [1, np.nextafter(1, 2)] (a gap of 2**-52 over 1e-12, 2.2e-4) shares the mass where the limit does not;
    # 1e-9 in T moves the first case beyond 1e-9
    (checks.check_tempered_softmax, tempered_nudged_divisor,
     "on [1, np.nextafter(1, 2)] at T = 0 (a near-tie) your result, [0.499944, 0.500056], is a softmax at a small"),
    (checks.check_tempered_softmax, tempered_nudged_divisor, "(or adding one to T)"),
    (checks.check_tempered_softmax, tempered_nudged_temperature(with_limit=True),
     "on the logits of [0.25, 0.75] at T = 0.5 your values are softmax(z / (T + 1e-9))"),
    (checks.check_tempered_softmax, tempered_nudged_temperature(with_limit=False),
     "test for T == 0 and return the limit"),
    (checks.check_tempered_softmax, tempered_scaled_temperature,
     "on the logits of [0.25, 0.75] at T = 0.5 your values are softmax(z / (T * (1 + 1e-9)))"),
    # apply_temperature with no T == 0 branch: it fails the near-tie at T = 0, and the library call is what to name
    (checks.check_tempered_softmax, tempered_apply_temperature_no_limit,
     "your function calls tempnb's apply_temperature"),
    # a lazy iterator returned (cold read r157, X1): map(...) and a generator expression hold no numbers until
    # something loops over them; the hint names which and says to return a list or an array
    (checks.check_tempered_softmax, tempered_map_object,
     "on the logits of [0.25, 0.75] at T = 0.5 your function returned a map object (map(...)), a lazy iterator"),
    (checks.check_tempered_softmax, tempered_map_object, "Return a list or an array: list(...) around it"),
    (checks.check_tempered_softmax, tempered_generator, "your function returned a generator (made by a generator "
                                                        "expression"),
    # every T > 0 passes, so the first case at T = 0, [1, 2, 3], is the one named
    (checks.check_tempered_softmax, tempered_generator_at_zero,
     "on [1, 2, 3] at T = 0 your function returned a generator"),
    # 04 · odds 3:1 to 27:1
    (checks.check_odds_temperature, 3, "shrink"),
    (checks.check_odds_temperature, 3, "3 is 1/T; the temperature is its reciprocal"),
    # the exponent computed: math.log(27) / math.log(3) is 3.0000000000000004, which is 1/T
    (checks.check_odds_temperature, math.log(27) / math.log(3), "3 is 1/T; the temperature is its reciprocal"),
    # log 27 without the division by log 3: 1 / math.log(27) = 0.3034
    (checks.check_odds_temperature, 1 / math.log(27), "you dropped the division by log 3"),
    (checks.check_odds_temperature, 9, "exponent"),
    (checks.check_odds_temperature, 27, "target odds"),
    (checks.check_odds_temperature, -1, "positive"),
    (checks.check_odds_temperature, 0.5, "the odds become 9:1"),
    # floor division where 1 / 3 was meant: 1 // 3 is the int 0, 1.0 // 3 the float 0.0
    (checks.check_odds_temperature, 1 // 3, "1 // 3 is integer division, which gives 0; type 1 / 3"),
    (checks.check_odds_temperature, 1.0 // 3, "// is floor division, which rounds down to 0"),
    # 04 · top probability 0.5 (issue 11: values ≤ 0 get a relevant hint, not the solver's tolerance)
    (checks.check_half_temperature, 10.0, "brentq"),
    (checks.check_half_temperature, 20.79, "more digits than a printout shows"),
    (checks.check_half_temperature, -GOLDEN_T, "mirror solution"),
    # the closed form inverted: 10 * log φ = 4.812 in place of 10 / log φ
    (checks.check_half_temperature, 10 * math.log((1 + math.sqrt(5)) / 2), "T = 10 / log φ, not 10·log φ"),
    # the best point of a grid, np.linspace(1, 100, 1000): 20.8198..., all digits; the shared hint names all causes
    (checks.check_half_temperature, half_temperature_grid_search(), "the best point of a grid of temperatures"),
    (checks.check_half_temperature, half_temperature_in_place(), "is an end of the bracket [1, 100], where the top "
                                                                 "probability is 0.99995, not 0.5"),
    (checks.check_half_temperature, half_temperature_in_place(), "z = anchor_logits, then z /= T"),
    # brentq on float32 logits: all its digits, off by about 6e-8 relative; the hint names float32 among the causes
    (checks.check_half_temperature, half_temperature_float32(), "an f computed from float32 logits"),
    (checks.check_half_temperature, half_temperature_grid_search(), "loosened xtol"),
    (checks.check_half_temperature, 20.79, "typed from a printout, brentq's result rounded"),
    (checks.check_half_temperature, 20.79, "loosened xtol"),
    (checks.check_half_temperature, -1.0, "must be positive"),
    # f at the root assigned, not the root: half_temperature = top_minus_half(brentq(top_minus_half, 1, 100))
    (checks.check_half_temperature, 0.0, "f at the root (the top probability minus 0.5"),
    (checks.check_half_temperature, -1e-16, "f at the root (the top probability minus 0.5"),
    (checks.check_half_temperature, 1e-12, "assign what brentq returns"),
    (checks.check_half_temperature, 0.5, "target top probability"),
    (checks.check_half_temperature, 1 / GOLDEN_T, "1/T"),
    (checks.check_half_temperature, half_temperature_multiplying(), "you multiplied the logits by T"),
    (checks.check_half_temperature, float("inf"), "positive, finite"),
    (checks.check_half_temperature, half_temperature_dividing_twice(), "divides the logits by T twice"),
    # 04 · the names model's entropy at a target (a real model)
    # the root for the logits after 'ma', not 'mar'
    (checks.check_entropy_temperature, brentq_entropy_temperature("ma"), "z must be the logits after 'mar'"),
    (checks.check_entropy_temperature, 1.0, "lower it"),
    (checks.check_entropy_temperature, 2.0, "target entropy"),  # the target typed as the answer
    (checks.check_entropy_temperature, entropy_temperature_dividing_twice(), "divided by T twice"),
    # the entropy written out with its log taken of the untempered softmax(z): -sum(q_T log q_1) is 2 at T = 0.713
    (checks.check_entropy_temperature, entropy_temperature_untempered_log(), "log from the untempered logits"),
    # q(1) ** (1/T) re-tempered by hand and not renormalised: brentq finds T = 0.918, where the entropy is 2.2509
    (checks.check_entropy_temperature, entropy_temperature_unnormalised(), "Renormalise q(1)**(1/T)"),
    (checks.check_entropy_temperature, entropy_temperature_unnormalised(), "divide by its sum, or use apply_temp"),
    # the entropy at T = 1 (of softmax(z), T never applied), 2.3466 nats as the notebook prints it, typed as the answer
    (checks.check_entropy_temperature, 2.3466, "the entropy at T = 1, of softmax(z) with the untempered logits"),
    # the sum divided by T as well: the result no longer sums to 1
    (checks.check_tempered_softmax,
     lambda z, T: np.exp(z / T - np.max(z / T)) / (np.sum(np.exp(z / T - np.max(z / T))) / T), "does not sum to 1"),
    (checks.check_entropy_temperature, 0.3, "raise it"),
    # the best of a grid of temperatures 0.001 apart: T = 0.749, entropy 2.0003 nats, close but not within 1e-6
    (checks.check_entropy_temperature, entropy_temperature_grid_search(), "the best point of a grid"),
    # brentq with a loosened tolerance: xtol=1e-3 gives 0.748862, entropy 2.000068 nats
    (checks.check_entropy_temperature, entropy_temperature_loose_brentq(), "brentq with a loosened xtol"),
    (checks.check_entropy_temperature, entropy_temperature_loose_brentq(), "typed from a printout or rounded"),
    (checks.check_entropy_temperature, round(brentq_entropy_temperature(), 4), "brentq's result rounded"),
    (checks.check_entropy_temperature, -1.0, "positive"),
    (checks.check_entropy_temperature, None, "replace the None"),
    # f at the root assigned, not the root: entropy_minus_target(brentq(...)), about 1e-13, or its negative
    (checks.check_entropy_temperature, entropy_temperature_f_at_root(), "f at the root (the entropy minus 2 is"),
    (checks.check_entropy_temperature, -1e-15, "assign what brentq returns, the temperature itself"),
    # 05 · soft loss
    # the KL in bits: every log taken base 2
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(
        softmax(t, T, axis=1) * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) / math.log(2),
     "in bits"),
    (checks.check_soft_loss, lambda s, t, T: soft_term(s, t, T) / (T * T), "T²"),
    # a right answer rounded for printing, round(value, 4): named as Exercise 3 names rounding
    (checks.check_soft_loss, lambda s, t, T: round(soft_term(s, t, T), 4), "you rounded your answer to 4 decimals"),
    (checks.check_soft_loss, lambda s, t, T: np.float32(soft_term(s, t, T)), "use float64"),
    # the mean KL divided by T² instead of multiplied: 1/T⁴ of the right value
    (checks.check_soft_loss, lambda s, t, T: float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) / (T * T),
     "you divided by T²; the factor multiplies"),
    (checks.check_soft_loss, lambda s, t, T: soft_term(s, t, T) * len(s), "mean over the batch"),
    # the batch's total divided by the number of classes, len(s[0]), where the number of rows belongs
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)))) / len(s[0]),
     "or you divided the batch's total by the number of classes (s.shape[1], len(s[0]))"),
    (checks.check_soft_loss, lambda s, t, T: soft_term(t, s, T), "wrong way round"),
    # cold read r157, X2: the KL's sign flipped (log q − log p), named; with the T² left off as well it matches no
    # named slip, and its value below 0 is named instead; p tempered but the teacher's log at T = 1
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(s, T, axis=1) - log_softmax(t, T, axis=1)), axis=1))),
     "a KL is never negative (Gibbs' inequality), and yours is minus the right one: the sign is flipped"),
    (checks.check_soft_loss, lambda s, t, T: float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(s, T, axis=1) - log_softmax(t, T, axis=1)), axis=1))),
     "at T = 4, expected 6.487347, got -0.405459, below 0: a KL is never negative"),
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, axis=1) - log_softmax(s, T, axis=1)), axis=1))),
     "the teacher's log must be tempered too: log p = log_softmax(t, T, axis=1)"),
    (checks.check_soft_loss, lambda s, t, T: T * T * soft_term(s, t, 1.0), "inside the softmax"),
    (checks.check_soft_loss,
     lambda s, t, T: T * T * float(np.mean(-np.sum(softmax(t, T, axis=1) * log_softmax(s, T, axis=1), axis=1))),
     "cross-entropy"),
    (checks.check_soft_loss, lambda s, t, T: None, "returned None"),
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)))), "sum over the classes (axis=1) first"),
    (checks.check_soft_loss, lambda s, t, T: soft_term(s / T, t / T, T), "divided by T twice"),
    # one side divided by T twice, the other right: softmax(t / T, T) for the teacher, or log_softmax(s / T, T)
    (checks.check_soft_loss, lambda s, t, T: soft_term(s, t / T, T), "the teacher's logits are divided by T twice"),
    (checks.check_soft_loss, lambda s, t, T: soft_term(s / T, t, T), "the student's logits are divided by T twice"),
    # the student's logits not divided by T
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, axis=1)), axis=1))), "student's logits must be divided by T"),
    # the teacher's logits not divided by T
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, axis=1) * (
        log_softmax(t, axis=1) - log_softmax(s, T, axis=1)), axis=1))), "teacher's logits must be divided by T"),
    # both logs tempered, but the teacher's weights p left at T = 1
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))), "the weights p must be softmax(t/T) too"),
    # cold read r144, X1: the batch axis (axis=0) on one side only, the other side right; since the same slips are
    # named in Exercise 4's soft term, Exercise 1 names these too
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=0)), axis=1))), "each row is one example: take softmax"),
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=0) * (
        log_softmax(t, T, axis=0) - log_softmax(s, T, axis=1)), axis=1))), "not over the batch (axis=0)"),
    # cold read r144, X2: computed in float32 (the logits cast first) and returned as a Python float, whose value is
    # still a float32 number: named as float32 like np.float32(value) above, not as a near miss
    (checks.check_soft_loss, soft_term_in_float32, "use float64 (your value is rounded to float32, or computed in it"),
    # 05 · numerical gradient
    (checks.check_numerical_gradient, no_restore, "must be restored after each probe"),
    (checks.check_numerical_gradient, no_restore_on_copy, "must be restored after each probe"),
    (checks.check_numerical_gradient, forward_differences, "central differences"),
    (checks.check_numerical_gradient, central_differences_down_minus_up, "the sign is flipped"),
    # forward (and backward) differences at small steps land within 1e-6 of the gradient, yet are one-sided
    (checks.check_numerical_gradient, lambda f, x: forward_differences(f, x, 3e-6), "a one-sided difference"),
    (checks.check_numerical_gradient, lambda f, x: forward_differences(f, x, 1e-6), "a one-sided difference"),
    (checks.check_numerical_gradient, lambda f, x: forward_differences(f, x, 1e-7), "a one-sided difference"),
    (checks.check_numerical_gradient, lambda f, x: forward_differences(f, x, -1e-6), "a one-sided difference"),
    # the exact gradient by the product rule, without ever calling f
    (checks.check_numerical_gradient, lambda f, x: np.cos(x) * x[::-1] + np.sin(x[::-1]), "never evaluated f"),
    # central differences with a step of 1e-2: the error, about h², is 1e-5, too large, and it is not one-sided
    (checks.check_numerical_gradient, lambda f, x: central_differences(f, x, 1e-2), "step h = 0.01"),
    (checks.check_numerical_gradient, precedence_differences, "(up - down) / (2 * h)"),
    # a step of its own, whatever h it is given: right at the check's default h, caught on a cubic with h = 0.01
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x, 1e-3),
     "your function ignores its h argument"),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x, 1e-5),
     "your function ignores its h argument"),
    (checks.check_numerical_gradient, lambda f, x: central_differences(f, x, 1e-5), "take the step as its third"),
    (checks.check_numerical_gradient, restore_by_arithmetic, "put each entry back by arithmetic"),
    # xp = x; xm = x: the minus probe lands on x itself; h = 1e-5 restores x exactly, 1e-6 does not
    (checks.check_numerical_gradient, lambda f, x: aliased_differences(f, x, 1e-5), "xp = x.copy()"),
    (checks.check_numerical_gradient, lambda f, x: aliased_differences(f, x, 1e-6), "xp = x.copy()"),
    (checks.check_numerical_gradient, aliased_probes_set_first, "every one of your probes was at x itself"),
    (checks.check_numerical_gradient, aliased_probes_restored, "xp = x makes one array under two names"),
    # cold read r142, X4: the second probe back at x (a step of -h after +h), and the gradient stored in x itself
    (checks.check_numerical_gradient, probe_back_by_h, "your second probe of each entry was at x itself, not at "
                                                       "x − h"),
    (checks.check_numerical_gradient, probe_back_by_h, "set x[i] = old − h from the saved old = x[i]"),
    (checks.check_numerical_gradient, gradient_is_x, "your function returns x itself"),
    (checks.check_numerical_gradient, gradient_into_view_of_x, "start the gradient as an array of its own, "
                                                               "np.zeros(x.shape)"),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: np.full_like(x, (f(x + h) - f(x - h)) / (2 * h)),
     "every entry at once"),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: 2 * central_differences(f, x, h), "not h"),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x, h).ravel(), "shape"),
    # the output array made with an integer dtype: every difference truncated to a whole number
    (checks.check_numerical_gradient, int_dtype_differences, "use a float array (np.zeros(x.shape))"),
    # only the first row probed: the second row's entries never perturbed, their gradient left at 0
    (checks.check_numerical_gradient, first_row_differences, "3 of the 6 entries of x were never perturbed"),
    # a copy moved (x.flatten(), x.tolist()) while f is called on x: every probe at x, every difference 0
    (checks.check_numerical_gradient, flatten_copy_differences, "Either you changed a copy (flat = x.flatten()"),
    (checks.check_numerical_gradient, tolist_copy_differences, "or pass f the changed copy in x's shape"),
    # loops over a fixed 2 × 3 range: right on the first function, but on the soft term's 2 × 4 logits the last
    # column, (0, 3) and (1, 3), is never probed
    (checks.check_numerical_gradient, fixed_range_differences,
     "on the soft term at T = 4, a function of student logits of shape (2, 4) (2 images, 4 classes), 2 of its 8 "
     "entries were never perturbed (at indices (0, 3), (1, 3))"),
    # cold read r147, X1: a float32 (or float16) copy of x probed. The entry cast furthest is ±0.6: 0.6 lies in
    # [1/2, 1), where float32 keeps 24 bits, so it is stored as round(0.6 · 2^24) / 2^24 = 10066330 / 2^24 =
    # 0.60000002384…, a move of 0.4 / 2^24 = 2.4e-8
    (checks.check_numerical_gradient, central_differences_on_cast_copy, "your probes were a float32 copy of x"),
    (checks.check_numerical_gradient, central_differences_on_cast_copy,
     "-0.6 became -0.6000000238, a move of 2e-08"),
    (checks.check_numerical_gradient, central_differences_float32_copies, "your probes were a float32 copy of x"),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences_on_cast_copy(f, x, h, np.float16),
     "your probes were a float16 copy of x"),
    # cold read r147, X2: scipy's finite differences in place of the learner's own, named by the function called
    (checks.check_numerical_gradient, gradient_by_approx_derivative,
     "your function calls approx_derivative (scipy.optimize._numdiff.approx_derivative)"),
    (checks.check_numerical_gradient,
     lambda f, x, h=1e-5: scipy.optimize.approx_fprime(x.ravel(), lambda v: f(v.reshape(x.shape)), h).reshape(
         x.shape), "your function calls approx_fprime (scipy.optimize.approx_fprime)"),
    (checks.check_numerical_gradient, gradient_by_scipy_jacobian,
     "your function calls jacobian (scipy.differentiate.jacobian)"),
    # cold read r147, X3: formulas that use h but are not the central difference, told by what they return on Σ x³
    # at h = 0.01: the five-point stencil is exact for cubics (3x²); steps of h/2 give 3x² + (h/2)² = 3x² + 2.5e-5;
    # steps of 2h give 3x² + (2h)² = 3x² + 4e-4; a step h(1 + |x_i|) gives 3x² + h²(1 + |x_i|)², one per entry
    (checks.check_numerical_gradient, five_point_differences,
     "your function follows h, but not with the central difference"),
    (checks.check_numerical_gradient, five_point_differences, "it returned 3x² to within 1e-8. A formula exact for "
                                                              "cubics gives 3x², such as the five-point stencil"),
    (checks.check_numerical_gradient, half_step_differences, "it returned 3x² + 2.5e-05. Steps of h/2 either side"),
    (checks.check_numerical_gradient, double_step_differences,
     "it returned 3x² + 0.0004. The exercise asks for (f(x + h) − f(x − h)) / (2h)"),
    (checks.check_numerical_gradient, relative_step_differences,
     "your function did not return 3x² + 0.0001: step by the h you are given"),
    # a step of its own: the same gradient for any h, and on Σ x³ 3x² + (1e-3)² = 3x² + 1e-06
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x, 1e-3),
     "given h = 0.1 and then h = 0.2 on the first function, Σ sin(x) · x[::-1], it returned the same gradient both "
     "times; and called with h = 0.01 on f(x) = Σ x³, whose central difference is exactly 3x² + h², it returned "
     "3x² + 1e-06"),
    # 05 · high-temperature limit, in the notation s (student), t (teacher)
    # 1/3 typed to 8 and to 10 decimals: rounded, not T(q - p) at a finite T
    (checks.check_logit_matching, [-0.33333333, -0.16666667, 0.5], "those are rounded values"),
    (checks.check_logit_matching, [-0.3333333333, -0.1666666667, 0.5], "those are rounded values"),
    (checks.check_logit_matching, (T_LOGITS - S) / 3, "sign"),
    (checks.check_logit_matching, S / 3, "the teacher's logits are missing"),  # the teacher left out
    (checks.check_logit_matching, [1 / 3, 0.0, -1 / 3], "the teacher's logits are missing"),
    (checks.check_logit_matching, S - T_LOGITS, "divide by K"),
    (checks.check_logit_matching, (S - T_LOGITS) / 10, "3 here"),  # K taken from the digits' ten classes
    (checks.check_logit_matching, [0.0, 0.0, 0.0], "keeps it finite"),  # "both go uniform, so the difference is 0"
    # (q − p) / T at a large T: the gradient without its T², nearly 0
    (checks.check_logit_matching, (softmax(S, 1e3) - softmax(T_LOGITS, 1e3)) / 1e3, "≈0: you scaled by 1/T, not T"),
    (checks.check_logit_matching, softmax(S, 20.0) - softmax(T_LOGITS, 20.0), "you dropped the factor T"),
    (checks.check_logit_matching, softmax(S, 100.0) - softmax(T_LOGITS, 100.0), "T(q − p) stays finite"),
    (checks.check_logit_matching, (S - T_LOGITS) ** 2 / (2 * 3), "that is the loss (s − t)² / (2K); its gradient is"),
    # s − t / K (precedence), s / K − t, and K − 1 classes
    (checks.check_logit_matching, S - T_LOGITS / 3, "divide the whole difference (s − t) by K: s − t / K"),
    (checks.check_logit_matching, S / 3 - T_LOGITS, "divide the whole difference (s − t) by K: s / K − t"),
    (checks.check_logit_matching, (S - T_LOGITS) / 2, "divide the whole difference (s − t) by K = 3"),
    # the right formula, rounded to float32 (as an array, and as a list of its values)
    (checks.check_logit_matching, ((S - T_LOGITS) / 3).astype(np.float32), "use float64"),
    (checks.check_logit_matching, ((S - T_LOGITS) / 3).astype(np.float32).tolist(), "use float64"),
    # softmax over the batch instead of the classes
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(softmax(t, T, axis=0) * (
        log_softmax(t, T, axis=0) - log_softmax(s, T, axis=0)), axis=1))), "axis=1"),
    # scipy.special.rel_entr on probabilities: inf where the student's probability rounds to 0
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(scipy.special.rel_entr(
        softmax(t, T, axis=1), softmax(s, T, axis=1)), axis=1))), "you got inf"),
    # tempnb.kl_divergence on the softmax outputs: the same inf, and the hint names it
    (checks.check_soft_loss, soft_kl_divergence_of_probs, "tempnb.kl_divergence on softmax outputs"),
    # cold read r160, X-nit: scipy.special.kl_div on the softmax outputs (x log(x/y) − x + y, whose −x + y sums to 0
    # over a row of probabilities, so the row sum is the KL): inf where the student's probability rounds to 0, named
    (checks.check_soft_loss, lambda s, t, T: T * T * float(np.mean(np.sum(scipy.special.kl_div(
        softmax(t, T, axis=1), softmax(s, T, axis=1)), axis=1))), "scipy.special.kl_div or tempnb.kl_divergence"),
    # np.log(softmax(t, T)) on the teacher's side: log 0 when a confident teacher's probabilities round to 0
    (checks.check_soft_loss, soft_teacher_np_log, "np.log(softmax(t, T))"),
    (checks.check_soft_loss, soft_teacher_np_log_silenced, "you returned nan. The teacher's probabilities"),
    # the library's loss at alpha = 1 (any labels), under its name, as tempnb.…, and imported under another name
    (checks.check_soft_loss, lambda s, t, T: tempnb.distillation_loss(s, t, np.zeros(len(s), int), T, 1.0)[0],
     "your function calls distillation_loss (tempnb.distillation_loss); the exercise asks you to write the KL"),
    (checks.check_soft_loss, lambda s, t, T: float(tempnb.distill.distillation_loss(
        s, t, np.zeros(len(s), dtype=int), T, alpha=1.0)[0]), "use the library only to compare"),
    (checks.check_soft_loss, soft_from_library_imported, "your function calls distillation_loss"),
    (checks.check_logit_matching, 1e3 * (softmax(S, 1e3) - softmax(T_LOGITS, 1e3)), "large but finite T"),
    # at T = 1e8, T(q - p) is within about 1e-8 of the limit: near, but not the limit itself
    (checks.check_logit_matching, 1e8 * (softmax(S, 1e8) - softmax(T_LOGITS, 1e8)), "large but finite T"),
    (checks.check_logit_matching, [-0.33, -0.17, 0.5], "rounded values"),
    (checks.check_logit_matching, [-0.333333, -0.166667, 0.5], "rounded values"),
    # teacher minus student at T = 100: T(p − q), near −(s − t) / K
    (checks.check_logit_matching, 100 * (softmax(T_LOGITS, 100) - softmax(S, 100)),
     "the sign is flipped, and that is T(p − q) at a large but finite T"),
    # 05 · the distilled student's training loss: a target without [rows], or none passed
    (distilled_student_check, training_loss_labels_unindexed, "the labels do not move with their images"),
    (distilled_student_check, training_loss_teacher_unindexed, "the teacher's targets do not move"),
    (distilled_student_check, training_loss_rows_sorted, "Index both targets with rows"),
    # the step's logits indexed with rows again, logits[rows], the targets indexed as they should be
    (distilled_student_check, training_loss_logits_indexed,
     "indexes the logits with rows too (logits[rows]): logits already are the step's rows"),
    # 05 · targets that move with their images but are not the teacher's logits of the transfer images, each
    # compared with distillation_loss on the check's own copy of the teacher: the hard labels as one-hot "logits",
    # the labels of other images, rows shifted by one, the teacher on other images, probabilities, logits / T
    (distilled_student_check, training_targets_changed(lambda t: np.eye(10)[transfer_targets()[1]]),
     "passes the labels as one-hot rows"),
    (distilled_student_check, training_loss_y_train_labels, "your labels are digits.y_train[rows]"),
    (distilled_student_check, training_targets_changed(lambda t: t[np.arange(len(t)) - 1]),
     "the teacher's logits are shifted by one row"),
    (distilled_student_check, training_targets_changed(None, lambda y: y[(np.arange(len(y)) + 1) % len(y)]),
     "the labels are shifted by one row"),
    (distilled_student_check, training_targets_changed(lambda t: np.roll(t, 1, axis=0), lambda y: np.roll(y, 1)),
     "both targets are shifted by one row"),
    (distilled_student_check, training_loss_teacher_on_x_train, "teacher.forward(digits.x_train)[rows]"),
    (distilled_student_check, training_targets_changed(lambda t: softmax(t, axis=1)),
     "you pass the teacher's probabilities"),
    (distilled_student_check, training_targets_changed(lambda t: softmax(t, 20.0, axis=1)),
     "you pass the teacher's soft targets"),
    (distilled_student_check, training_targets_changed(lambda t: t / 20.0), "divided by T twice"),
    (distilled_student_check, training_targets_changed(lambda t: t + np.eye(10)[transfer_targets()[1]]),
     "is not my_distillation_loss(logits, teacher_transfer_logits[rows]"),
    (distilled_student_check, None, "pass your training loss too"),
    (distilled_student_check, lambda logits, rows: None, "my_training_loss returned None"),
    # cold read r157, X1: placeholder training losses, whose gradient does not move with the logits (read as one
    # cross-entropy at T = 1 before), and a nan or inf in the loss or gradient (nan ≠ nan failed the order test, read
    # as targets that stay put). The check's first call passes the 100 transfer images: 100 × 10 = 1000 entries
    (distillation_losses_with, lambda logits, rows: (0.0, np.zeros(logits.shape)),
     "returns the same gradient whatever the student's logits are (the check called it on the same rows with two "
     "different sets of logits): it is all zeros, so train_student would never change the student"),
    (distillation_losses_with, lambda logits, rows: (1.0, np.ones(logits.shape)),
     "returns the same gradient whatever the student's logits are"),
    (distilled_student_check, lambda logits, rows: (0.0, np.zeros_like(logits)), "Is it still a placeholder?"),
    (distillation_losses_with, lambda logits, rows: (1.0, np.full(logits.shape, np.nan)),
     "with the transfer images in their own order, your my_training_loss returned a gradient with 1000 nan entries "
     "(of 1000)"),
    (distillation_losses_with, lambda logits, rows: (float("nan"), aligned_training_loss(logits, rows)[1]),
     "your my_training_loss returned a loss of nan. The distillation loss and its gradient are finite"),
    (distilled_student_check, lambda logits, rows: (1.0, np.full(logits.shape, np.inf)),
     "returned a gradient with 1000 inf entries (of 1000)"),
    # 05 · the training loss at another T or α than the notebook's chosen_T = 20 and ALPHA = 0.9, read off its
    # gradient before any training (the teacher's targets are arbitrary here: they cancel in the check)
    (distilled_student_check, training_loss_at_8, "distils at T ≈ 8 and α ≈ 0.9"),
    (distilled_student_check, lambda logits, rows: fake_distillation(logits, rows, 4.0, 0.9),
     "distils at T ≈ 4 and α ≈ 0.9"),
    (distilled_student_check, lambda logits, rows: fake_distillation(logits, rows, 20.0, 0.1),
     "distils at T ≈ 20 and α ≈ 0.1"),
    (distilled_student_check, lambda logits, rows: fake_distillation(logits, rows, 0.9, 20.0),  # T and α swapped
     "distils at T ≈ 0.9 and α ≈ 20"),
    (distilled_student_check, lambda logits, rows: fake_distillation(logits, rows, 1.0, 0.9),
     "one cross-entropy at T = 1"),
    (distilled_student_check, lambda logits, rows: fake_distillation(logits, rows, 20.0, 0.0), "ignores the teacher"),
    # retrained at another T or α and passed with the same ones, so the loss agrees with them: T = 8 (the best test
    # mean, a choice by the test set) or α = 0.5; the check compares them with the exercise's T = 20 and α = 0.9
    (distilled_student_settings, (training_loss_at_8, 8, 0.9),
     "you passed chosen_T = 8 and ALPHA = 0.9, but the exercise asks for chosen_T = 20 and ALPHA = 0.9"),
    (distilled_student_settings, (lambda logits, rows: fake_distillation(logits, rows, 20.0, 0.5), 20, 0.5),
     "you passed chosen_T = 20 and ALPHA = 0.5, but the exercise asks for chosen_T = 20 and ALPHA = 0.9"),
    # the student's and the teacher's logits swapped in the call (right T and α): read as "α ≈ 1" before; named now,
    # confirmed on the check's own teacher, or (made-up teacher logits) from the soft term's sign alone
    (distilled_student_check, training_loss_swapped,
     "the student's and the teacher's logits are swapped: the student's come first"),
    (distilled_student_check, swapped_fake_distillation,
     "are the student's and the teacher's logits swapped? The student's come first"),
    # 05 · the distilled student is not the one train_student(0, my_training_loss) trains: trained at another T
    # (the notebook's distill_loss(8), say), the hard-label student, or one trained on every training image
    (distilled_student_of, lambda: recipe_student(training_loss_at_8),
     "was not trained by train_student(0, my_training_loss)"),
    (distilled_student_of, lambda: recipe_student(hard_training_loss),
     "was not trained by train_student(0, my_training_loss)"),
    (distilled_student_of, student_on_every_training_image, "retrain it with exactly that call (seed 0)"),
    # 05 · a baseline other than hard_accuracy[0]: the mean over the five seeds (hard.mean()), or seed 2's student
    (distilled_student_against, lambda: float(np.mean([hard_label_test_accuracy(seed) for seed in range(5)])),
     "is the mean over the 5 seeds (hard.mean())"),
    (distilled_student_against, lambda: hard_label_test_accuracy(2), "is seed 2's hard-label student"),
    # 05 · soft loss: a clip at a tiny ε, and the sum over the batch (axis 0) before the mean
    (checks.check_soft_loss, soft_clipped_300,
     "your value is what an ε of 1e-300 inside the log gives (np.log(q + ε) or np.log(np.clip(q, ε, 1))"),
    (checks.check_soft_loss, soft_sum_axis0, "summing over axis=0 adds up the batch"),
    # 05 · soft loss: an ε inside the log, named with its size and form, whatever the decade. At T = 4 the smallest
    # probabilities are about 0.03, so an ε of 1e-3 or 1e-5 added to them already moves the value; a clip at 1e-5
    # leaves them alone and shows only on the confident student, whose probabilities e^-800 round to 0; an ε
    # added (not clipped) at 1e-30 or 1e-100 is named as an added ε too, since there both forms give the same value
    (checks.check_soft_loss, soft_with_epsilon(1e-3), "at T = 4, your value is what an ε of 0.001 inside the log "
                                                      "gives (np.log(q + ε), on both logs)"),
    (checks.check_soft_loss, soft_with_epsilon(1e-5, both=False),
     "an ε of 1e-5 inside the log gives (np.log(q + ε), on the student's log)"),
    (checks.check_soft_loss, soft_with_epsilon(1e-5, "clip"), "at T = 1 with a confident student (one logit 800 "
                                                              "above the rest), your value is what an ε of 1e-5"),
    (checks.check_soft_loss, soft_with_epsilon(1e-4, "clip both ends"), "np.log(np.clip(q, ε, 1 − ε))"),
    (checks.check_soft_loss, soft_with_epsilon(1e-30), "an ε of 1e-30 inside the log gives (np.log(q + ε) or"),
    (checks.check_soft_loss, soft_with_epsilon(1e-100, both=False), "an ε of 1e-100 inside the log"),
    (checks.check_soft_loss, soft_with_epsilon(float(np.finfo(float).eps)), "an ε of 2.22e-16 inside the log"),
    # an ε between the decades the check knows (3e-7): the value hint, which now names the input it failed on
    (checks.check_soft_loss, soft_with_epsilon(3e-7, "clip"),
     f"at T = 1 with a confident student (one logit 800 above the rest), expected {confident_student_soft_term():.6f}"),
    # a log-softmax by hand without the maximum subtracted: exp(800) overflows, and the hint says what to do
    (checks.check_soft_loss, soft_log_softmax_without_max, "overflow. np.exp of a logit near 800 overflows"),
    (checks.check_soft_loss, soft_log_softmax_without_max, "subtract each row's maximum before np.exp"),
    # cold read r136, X1: the teacher's probabilities written by hand overflow on the confident teacher; named as an
    # overflow on the teacher's side (not as np.log of a softmax, which the answer never takes)
    (checks.check_soft_loss, soft_teacher_probabilities_by_hand,
     "on T = 1 with a confident teacher, it emitted a RuntimeWarning: overflow. np.exp of a logit near 800 overflows"),
    (checks.check_soft_loss, soft_teacher_probabilities_by_hand,
     "The teacher's logits are [800, 0, 0, 0] here: take its probabilities p from softmax(t, T, axis=1) too"),
    # X2: an ε on the teacher's log only, named as such. Its bound T² K ε is 4² · 10 · 1e-8 = 1.6e-6 at T = 4. A clip at
    # 1e-3 leaves the teacher's probabilities at T = 4 alone (the smallest is about 0.03) and first shows at T = 1
    (checks.check_soft_loss, soft_epsilon_teacher_only(1e-8),
     "at T = 4, your value is what an ε of 1e-8 inside the log gives (np.log(p + ε), on the teacher's log): each "
     "class's p log p then moves by up to ε, so the soft term moves by up to T² K ε = 1.6e-06 here"),
    (checks.check_soft_loss, soft_epsilon_teacher_only(1e-3, "clip"),
     "at T = 1, your value is what an ε of 0.001 inside the log gives (np.log(np.clip(p, ε, 1)) or "
     "np.log(np.clip(p, ε, 1 − ε)), on the teacher's log)"),
    # 05 · logit matching: one number, or a string, where three numbers are asked for
    (checks.check_logit_matching, 0.0, "give an array of three numbers, one per class"),
    (checks.check_logit_matching, "[-1/3, -1/6, 1/2]", "give an array of three numbers, one per class"),
    # 05 · the distilled student's training loss runs the library's loss, or the right loss written out inline,
    # instead of the my_distillation_loss the check tested; and no my_distillation_loss passed at all
    (distilled_student_check, training_loss_from_library,
     "your my_training_loss calls distillation_loss (tempnb.distillation_loss), not your my_distillation_loss"),
    (distilled_student_check, training_loss_written_inline,
     "never runs the my_distillation_loss you pass to the check"),
    (distilled_student_without_loss, aligned_training_loss, "pass your my_distillation_loss too, third"),
    # 06 · Exercise 1: one inverse-CDF draw per row of a batch
    # the notebook's starter: it draws the numbers, then returns index 0 for every row
    (checks.check_batch_sampler, lambda z, rng: rng.random(len(z)) * 0 + np.zeros(len(z), dtype=int),
     "returned 0 for every row"),
    (checks.check_batch_sampler, lambda z, rng: np.zeros(len(z), dtype=int), "draw your uniform numbers from the rng"),
    (checks.check_batch_sampler, batch_rows_loop, "drew its 45 uniform numbers one per row, one at a time"),
    (checks.check_batch_sampler, batch_rows_loop, "draw them all in one call, u = rng.random(len(logits))"),
    (checks.check_batch_sampler, batch_rows_loop_vector_u,
     "loops over the rows: 36 more lines of your own code run on 40 rows than on 4"),
    # cold read r142, X1: loops that call nothing per row, and numbers drawn one per row by the stand-in itself
    (checks.check_batch_sampler, batch_nested_loops_no_calls, "loops over the rows"),
    (checks.check_batch_sampler, batch_nested_loops_no_calls, "more lines of your own code run on 40 rows than on 4"),
    (checks.check_batch_sampler, batch_while_loop_no_calls, "more lines of your own code run on 40 rows than on 4"),
    (checks.check_batch_sampler, batch_u_one_by_one, "drew its 45 uniform numbers one per row, one at a time"),
    (checks.check_batch_sampler, batch_u_filled_in_a_loop, "drew its 45 uniform numbers one per row, one at a time"),
    (checks.check_batch_sampler, batch_u_in_two_calls, "in 2 calls of rng.random or rng.uniform"),
    # a comprehension or an assert that walks the finished indices is a loop over the rows too (the exercise says so)
    (checks.check_batch_sampler, batch_converted_by_generator, "only converts or checks the finished indices"),
    (checks.check_batch_sampler, batch_converted_by_list_comprehension,
     "36 more lines of your own code run on 40 rows than on 4"),
    (checks.check_batch_sampler, batch_checked_by_assert_all, "check with np.all(...) rather than all("),
    (checks.check_batch_sampler, batch_mapped_searchsorted,
     "more Python and NumPy functions on 40 rows than on 4 (map or np.apply_along_axis"),
    (checks.check_batch_sampler, batch_whole_softmax, "normalised over the whole batch"),
    (checks.check_batch_sampler, batch_column_softmax, "normalised down the columns"),
    # cold read r147, X1: the column softmax with u scaled as the exercise asks gets the same hint, not the generic one
    (checks.check_batch_sampler, batch_column_softmax_scaled, "normalised down the columns"),
    (checks.check_batch_sampler, batch_column_exps_scaled, "normalised down the columns"),
    (checks.check_batch_sampler, batch_column_exps_scaled, "scaling u by the row's last running total cannot fix"),
    # cold read r147, X2: a softmax with no axis and u scaled is named as such, not only as logits.max()
    (checks.check_batch_sampler, batch_whole_softmax_scaled, "That is what subtracting the whole batch's maximum"),
    (checks.check_batch_sampler, batch_whole_softmax_scaled, "the maximum that a softmax with no axis subtracts"),
    (checks.check_batch_sampler, batch_whole_softmax_scaled, "every probability in the row is 0"),
    (checks.check_batch_sampler, batch_flat_cumsum, "np.cumsum without an axis flattens the batch"),
    (checks.check_batch_sampler, batch_cumsum_down_columns, "your running totals go down the columns"),
    (checks.check_batch_sampler, batch_u_as_a_row, "u[:, None], shape (B, 1)"),
    (checks.check_batch_sampler, batch_sum_without_keepdims, "keepdims=True"),
    (checks.check_batch_sampler, batch_searchsorted, "np.searchsorted looks u up in one 1-D sorted array"),
    (checks.check_batch_sampler, batch_argmax_without_axis, "np.argmax without an axis"),
    (checks.check_batch_sampler, lambda z, rng: batch_inverse_cdf(z, rng)[:, None], "return a 1-D array of 45"),
    (checks.check_batch_sampler, lambda z, rng: np.cumsum(softmax(z, axis=1), axis=1) > rng.random(len(z))[:, None],
     "you returned booleans"),
    (checks.check_batch_sampler, batch_one_u, "one uniform number for the whole batch"),
    (checks.check_batch_sampler, batch_u_per_entry, "one per entry of the (45, 5) table"),
    (checks.check_batch_sampler, batch_greater_or_equal, "not one that equals it (cdf >= u)"),
    (checks.check_batch_sampler, batch_finite_stand_in, "a finite stand-in"),
    # a stand-in far enough below the row's logits gives the cdf >= u indices on the batch; u = 1e-300 tells them apart
    (checks.check_batch_sampler, batch_stand_in(-30.0), "a masked entry (logit -inf) owns a piece in your sampler"),
    (checks.check_batch_sampler, batch_stand_in(-100.0), "a finite stand-in such as 0, -5 or -30"),
    # cdf[-1] copied from sample_inverse_cdf: first the shape error, then, with u[:, None], a silently wrong answer
    (checks.check_batch_sampler, batch_u_times_last_row, "Each row's total is cdf[:, -1]"),
    (checks.check_batch_sampler, batch_u_times_last_row, "one number per row (u, shape (B,)) against one per token"),
    (checks.check_batch_sampler, batch_u_column_times_last_row, "cdf[-1] is the last row of the (B, K) table"),
    (checks.check_batch_sampler, batch_probabilities_not_totals, "compared u with each token's own probability"),
    (checks.check_batch_sampler,
     lambda z, rng: np.sum(softmax(z, axis=1) <= rng.random(len(z))[:, None], axis=1),
     "or a count of probs <= u"),
    (checks.check_batch_sampler, batch_no_max_subtraction, "subtract each row's maximum before np.exp"),
    # cold read r140: an index into the sorted row is named as such, not as a finite stand-in for -inf; and rng used
    # only as a seed is not said to draw indices
    (checks.check_batch_sampler, batch_sorted_not_mapped_back, "the token's own position in its row"),
    (checks.check_batch_sampler, batch_seeded_generator, "a seed for another generator"),
    # one maximum for the whole batch (cold read r132): right on each row alone, but beside a row of logits near
    # 1000 an ordinary row's exponentials all underflow, 0 / 0 is nan, and its masked entry 0 is drawn
    (checks.check_batch_sampler, batch_batch_max, "That is what subtracting the whole batch's maximum gives"),
    (checks.check_batch_sampler, lambda z, rng: np.sum(np.cumsum(
        np.exp(z - z.max()) / np.exp(z - z.max()).sum(axis=1, keepdims=True), axis=1)
        <= rng.random(len(z))[:, None], axis=1), "logits.max(axis=1, keepdims=True)"),
    # in float32, u = 1 - 1e-9 rounds to 1.0 and no running total exceeds it: the hint names float32, not a u of 1
    (checks.check_batch_sampler, batch_float32, "your sampler works in float32"),
    (checks.check_batch_sampler, lambda z, rng: np.sum(np.cumsum(softmax(z, axis=1), axis=1)
                                                       <= rng.random(len(z)).astype(np.float32)[:, None], axis=1),
     "1 - 1e-9 = 0.999999999"),
    (checks.check_batch_sampler, batch_exp_unnormalised, "exp(logits), never divided by the row's total"),
    (checks.check_batch_sampler, batch_totals_before, "running total *before* it exceeds u"),
    (checks.check_batch_sampler, lambda z, rng: batch_inverse_cdf(z, rng) + 1, "one past the inverse-CDF index"),
    (checks.check_batch_sampler,
     lambda z, rng: np.sum(np.cumsum(softmax(z, axis=1), axis=1) <= 1 - rng.random(len(z))[:, None], axis=1),
     "not 1 - u"),
    # 1 - u with the first True of cdf > u (cold read r132): at u = 1e-300, 1 - u is 1.0 and no total exceeds it, so
    # argmax returns the masked 0 there; the hint is about 1 - u, not a finite stand-in for -inf
    (checks.check_batch_sampler,
     lambda z, rng: np.argmax(np.cumsum(softmax(z, axis=1), axis=1) > 1 - rng.random(len(z))[:, None], axis=1),
     "your index is, on every row, the inverse-CDF index of 1 - u"),
    (checks.check_batch_sampler,
     lambda z, rng: np.sum(np.cumsum(softmax(z, 2.0, axis=1), axis=1) <= rng.random(len(z))[:, None], axis=1),
     "with T = 2: you applied a temperature"),
    (checks.check_batch_sampler, lambda z, rng: tempnb.sample(z, rng=rng), "that is tempnb.sample itself"),
    (checks.check_batch_sampler, lambda z, rng: [int(rng.choice(z.shape[1], p=softmax(row))) for row in z],
     "rng.choice samples for you"),
    (checks.check_batch_sampler, lambda z, rng: batch_inverse_cdf(z, rng).astype(float) / 10,
     "return indices (whole numbers)"),
    (checks.check_batch_sampler, lambda z, rng: None, "returned None"),
    (checks.check_batch_sampler, lambda z, rng: rng.integers(z.shape[1], size=len(z)), "rng.integers"),
    # cold read r144: u not scaled by the row's last running total. Seven equal logits have probabilities 1/7,
    # rounded, whose running total ends at 0.9999999999999998; u = 0.9999999999999999 lies past it
    (checks.check_batch_sampler, batch_unscaled_u, "8, past the last index"),
    (checks.check_batch_sampler, batch_unscaled_u, "u = rng.random(len(logits)) * cdf[:, -1]"),
    (checks.check_batch_sampler, batch_unscaled_u_argmax, "np.argmax of it gives 0"),
    (checks.check_batch_sampler, batch_unscaled_u_clipped, "7, the masked entry"),
    (checks.check_batch_sampler, batch_u_scaled_by_sum, "Scale by cdf[:, -1] itself"),
    # cold read r157, X2: the totals before each token with u scaled by their last entry, named as such (not as a sort)
    (checks.check_batch_sampler, batch_totals_before_scaled, "running total *before* it exceeds u"),
    # cold read r157, X1: a row max or sum without keepdims, with u already u[:, None]: the reduction is named
    (checks.check_batch_sampler, batch_draw_max_without_keepdims,
     "In the line that raised, logits.max(axis=1) holds one number per row, shape (B,)"),
    (checks.check_batch_sampler, batch_draw_max_without_keepdims, "Keep the axis: logits.max(axis=1, keepdims=True)"),
    (checks.check_batch_sampler, batch_draw_sum_without_keepdims, "Keep the axis: e.sum(axis=1, keepdims=True)"),
    (checks.check_batch_sampler, batch_draw_max_named_first,
     "row_max (= np.max(logits, axis=1)) holds one number per row"),
    (checks.check_batch_sampler, batch_draw_max_named_first, "Keep the axis: np.max(logits, axis=1, keepdims=True)"),
    # cold read r157: the starter's hint says what to compute in words, without handing over the code
    (checks.check_batch_sampler, lambda z, rng: rng.random(len(z)) * 0 + np.zeros(len(z), dtype=int),
     "the first index whose cumulative probability exceeds that row's u, as sample_inverse_cdf finds it for one row"),
    # cold read r162, X1: the notebook's temperature = 1.5 (and 1.4) drew what 2**z normalised draws on the batch and
    # was told "base 2"; the T read off the logits [0, 1] names it. The base-2 hint goes to a real base 2 only (F1:
    # softmax(z * ln 2) is flatter than softmax(z), not sharper)
    (checks.check_batch_sampler, batch_tempered(1.5), "the one for softmax(z / T) with T = 1.5: you applied a "
                                                      "temperature"),
    (checks.check_batch_sampler, batch_divided_by_temperature, "with T = 1.5: you applied a temperature"),
    (checks.check_batch_sampler, batch_tempered(1.4), "with T = 1.4: you applied a temperature"),
    (checks.check_batch_sampler, batch_tempered(1.45), "with T = 1.45: you applied a temperature"),
    (checks.check_batch_sampler, batch_multiplied_by_temperature,
     "with T = 0.6667 (that is 1 / 1.5: the logits multiplied by 1.5 rather than divided by it?)"),
    (checks.check_batch_sampler, batch_base_two(lambda x: 2.0**x), "the one for 2**z normalised"),
    (checks.check_batch_sampler, batch_base_two(lambda x: 2.0**x),
     "softmax(z / T) at T = 1 / ln 2 = 1.443: a flatter distribution than softmax(z)"),
    (checks.check_batch_sampler, batch_base_two(np.exp2), "the one for 2**z normalised"),
    (checks.check_batch_sampler, batch_base_two(lambda x: np.power(2, x)), "the one for 2**z normalised"),
    (checks.check_batch_sampler, batch_base_two(lambda x: np.exp(x * np.log(2))), "the one for 2**z normalised"),
    # log2(e) = 1 / ln 2: the logits divided by it are z * ln 2
    (checks.check_batch_sampler, lambda z, rng: batch_tempered(np.log2(np.e))(z, rng), "the one for 2**z normalised"),
    # cold read r162, X3: a (B,) u times the (B, 1) column cdf[:, -1:] is a (B, B) table; u[:, None] cannot help
    (checks.check_batch_sampler, batch_u_times_total_column,
     "The array of shape (45,45) holds one number for every pair of rows"),
    (checks.check_batch_sampler, batch_u_times_total_column, "u = rng.random(len(logits)) * cdf[:, -1], shape (B,)"),
    (checks.check_batch_sampler, batch_u_times_total_column_indexed,
     "The array of shape (45,1,45) holds one number for every pair of rows"),
    (checks.check_batch_sampler, batch_u_table, "Your sampler drew 45 × 45 uniform numbers, a (B, B) table"),
    # cold read r162, X4: 0 / 0 on the row of zero logits gave only "invalid value"
    (checks.check_batch_sampler, batch_logits_as_probabilities,
     "You divided the logits by their row's total, as if they were probabilities"),
    (checks.check_batch_sampler, batch_logits_as_probabilities, "0 / 0 is nan"),
    # another nan, from -inf - (-inf), not blamed on the division by the probe of positive rows: the general words
    (checks.check_batch_sampler, batch_shifted_by_the_minimum,
     "NumPy's \"invalid value\" means an operation gave nan: 0 / 0, inf / inf, inf - inf or 0 * inf"),
    # 06 · the single-row inverse-CDF check, Exercise 1 until December 2026 (kept for learners' saved copies)
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(rng.choice(len(z), p=softmax(z))), "rng.choice"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(rng.integers(len(z))), "rng.integers"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(z + rng.gumbel(size=z.size))), "Gumbel"),
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z)), 1 - rng.random(), side="right")),
     "use u = rng.random() as given, not 1 - u"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: inverse_cdf(z, rng) if rng.random() < 2 else 0, "exactly one"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: 1, "masked"),
    # searchsorted(side="right") already is the answer; one less is the off-by-one
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z)), rng.random(), side="right")) - 1, "do not subtract 1"),
    # the comparison reversed, cdf < u: its first True is index 0 whenever u is past the first piece
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(np.cumsum(softmax(z)) < rng.random())),
     "the first index whose cumulative probability exceeds u"),
    # the cumulative sums of exp(logits), never divided by their total
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(np.exp(z)), rng.random(), side="right")), "not 1: divide"),
    # the running total of the raw logits, softmax forgotten: always 0 on the check's logits
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(np.cumsum(z) > rng.random())),
     "running total of the raw logits"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_raw_logits_loop, "softmax them first"),
    # the drawn token's probability returned instead of its index
    (checks.check_inverse_cdf_sampler, inverse_cdf_returns_probability,
     "returned the probability of the drawn token, not its index"),
    # the probabilities sorted before the cumulative sum (as top-p does)
    (checks.check_inverse_cdf_sampler, inverse_cdf_sorted_positions, "returned a position in the sorted list"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_sorted_mapped_back, "mapped back to the token"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_sorted_ascending_positions, "sorted the probabilities (smallest"),
    # a temperature applied where none belongs, softmax(z, 2.0): the inverse CDF of a flatter distribution
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z, 2.0)), rng.random(), side="right")),
     "the one for softmax(z / T) with T = 2"),
    # u looked up in the totals before each token, np.cumsum(p) - p: not an off-by-one everywhere, nor masking
    (checks.check_inverse_cdf_sampler, inverse_cdf_totals_before, "first whose running total before it exceeds u"),
    # the library's own sampler, handed the rng or a seed drawn from it
    (checks.check_inverse_cdf_sampler, lambda z, rng: tempnb.sample(z, rng=rng),
     "that is tempnb.sample itself; the exercise is to build it"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: tempnb.sample(z, rng=int(rng.integers(2**31))),
     "that is tempnb.sample itself; the exercise is to build it"),
    # rng handed to NumPy's default_rng, which refuses the check's stand-in: the hint says what the stand-in is
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.random.default_rng(rng).choice(len(z), p=softmax(z))),
     "the check hands your function a recording stand-in for a numpy Generator"),
    # the mask cdf > u returned, not its first True: shown as the booleans it is
    (checks.check_inverse_cdf_sampler, lambda z, rng: np.cumsum(softmax(z)) > rng.random(),
     "you returned a boolean array ([True, True, True, True, True])"),
    # 06 · Gumbel sampler at T = 2
    # samplers that are not Gumbel-max, though their frequencies are right: Exercise 1's inverse CDF, rng.multinomial,
    # the library's own sampler (seeded from rng, or handed rng itself)
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.searchsorted(np.cumsum(softmax(z, T)), rng.random(), side="right")),
     "a single u, as the inverse CDF of Exercise 1 does): it may sample softmax(z / T), but it is not the Gumbel-max "
     "trick. Gumbel-max adds one noise value per token: draw len(z) values, not one"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(rng.multinomial(1, softmax(z, T)))),
     "rng.multinomial draws the token for you"),
    (checks.check_gumbel_sampler, lambda z, T, rng: tempnb.sample(z, T, rng=int(rng.integers(2**31))),
     "that is tempnb.sample itself; the exercise is to build it"),
    (checks.check_gumbel_sampler, lambda z, T, rng: tempnb.sample(z, T, rng=rng),
     "that is tempnb.sample itself; the exercise is to build it"),
    # noise from a generator seeded by rng: right frequencies, but the check cannot see (and recompute) the noise
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(z / T + np.random.default_rng(int(rng.integers(2**31))).gumbel(size=len(z)))),
     "Gumbel-max adds one noise value per token: draw len(z) values, not one"),
    # right, but the noise from rng.gumbel, as sample_gumbel_max in the notebook: the exercise asks for it from u
    (checks.check_gumbel_sampler, gumbel_max, "make the Gumbel noise yourself"),
    # argmax(z + T g) = argmax(z / T + g): the noise scaled by T instead of the logits divided by it
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z + rng.gumbel(scale=T, size=z.size))),
     "make the Gumbel noise yourself"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + rng.gumbel(loc=3.0, size=z.size))),
     "make the Gumbel noise yourself"),
    (checks.check_gumbel_sampler, lambda z, T, rng: np.argmax(np.asarray(z) / T + rng.gumbel(size=len(z))),
     "make the Gumbel noise yourself"),
    # the noise divided by T instead of the logits: the same draws as z * T + g
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z + rng.gumbel(size=z.size) / T)),
     "the noise was divided by T"),
    # the global generator instead of the rng given (the learner's slip is the point: noqa)
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + np.random.gumbel(size=z.size))),  # noqa: NPY002
     "never drew from the rng it was given"),
    # the noise built from uniforms with one minus sign dropped: log(-log u) is -g
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + np.log(-np.log(rng.random(z.size))))),
     "wrong sign"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z + rng.gumbel(size=z.size))), "match T = 1"),
    # the noise divided by T as well as the logits: the same argmax as z + g
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + rng.gumbel(size=z.size) / T)),
     "z / T + g / T, has the same argmax"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax((z + rng.gumbel(size=z.size)) / T)),
     "match T = 1"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z * T + rng.gumbel(size=z.size))),
     "the logits were multiplied by T"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(rng.choice(len(z), p=softmax(z, T))), "rng.choice"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + rng.normal(size=z.size))),
     "noise comes from rng.normal"),
    # logistic noise: its frequencies are near softmax(z / T), close enough to pass 6000 draws on many seeds
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T + rng.logistic(size=z.size))),
     "noise comes from rng.logistic"),
    # Gumbel noise at a temperature near 2 but not 2 (1.8, or T applied as sqrt): the same noise exposes it
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / 1.8 + rng.gumbel(size=z.size))),
     "with the noise your function drew"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / np.sqrt(T) + rng.gumbel(size=z.size))),
     "with the noise your function drew"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - rng.gumbel(size=z.size))),
     "the noise has the wrong sign"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T)), "same index"),
    # the noise added to probabilities: the masked entry's 0 plus noise can win
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(softmax(z, T) + rng.gumbel(size=z.size))),
     "added to probabilities"),
    # a finite stand-in for the masked -inf (cold read r132): the noise is on the logits, as it should be, and the
    # hint names the stand-in, not probabilities
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.nan_to_num(z, neginf=0.0) / T - np.log(-np.log(rng.random(len(z)))))),
     "the masked entry took part with a finite logit"),
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.maximum(z, -5.0) / T + rng.gumbel(size=z.size))), "Keep -inf as -inf"),
    # cold read r159, X1: a stand-in too far down for 8,000 random draws to reach it; the scripted probe finds it
    (checks.check_gumbel_sampler, gumbel_stand_in_where,
     "your sampler can draw the masked entry (logit -inf, index 1). For one call at T = 2 the check handed out "
     "u = 0.9999999999999999 for the masked entry"),
    (checks.check_gumbel_sampler, gumbel_epsilon_in_the_log, "a small number added to the probabilities before a log"),
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.nan_to_num(z, neginf=-30.0) / T - np.log(-np.log(rng.random(len(z)))))),
     "gives it a finite logit"),
    (checks.check_gumbel_sampler, gumbel_stand_in_one_minus_u, "your function uses 1 - u"),
    # -1e3 cannot win at T = 2 (-500 + 36.7 stays far below), but at T = 100 it is -10
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.maximum(z, -1e3) / T - np.log(-np.log(rng.random(len(z)))))),
     "At T = 2 it did not win; at T = 100 it did"),
    # the exponential race and rng.gumbel with the same stand-in: the probe scripts their noise too
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.maximum(z, -30.0) / T - np.log(rng.exponential(size=len(z))))),
     "your sampler can draw the masked entry"),
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.maximum(z, -30.0) / T + rng.gumbel(size=len(z)))),
     "your sampler can draw the masked entry"),
    # np.nan_to_num's default stand-in, the most negative double: -1.8e308 / 0.5 overflows
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(np.nan_to_num(z) / T - np.log(-np.log(rng.random(len(z)))))),
     "such as np.nan_to_num's default, the most negative double (-1.8e308), overflows"),
    # a correct Gumbel-max on log-probabilities, but log(0) of the masked entry warns
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(np.log(softmax(z, T)) + rng.gumbel(size=z.size))),
     "taking np.log of it"),
    # right, but scipy.stats makes the noise (its rvs from rng's uniforms, or its ppf of the learner's own)
    (checks.check_gumbel_sampler, gumbel_scipy_rvs, "scipy.stats makes its noise"),
    (checks.check_gumbel_sampler, gumbel_scipy_ppf, "scipy.stats makes its noise"),
    # noise for the 4 unmasked logits only: the hint names that count, not "one"
    (checks.check_gumbel_sampler, gumbel_noise_for_finite_logits,
     "drew 4 numbers per draw, one for each logit that is not masked: draw one for every logit, the masked one too"),
    (checks.check_gumbel_sampler, gumbel_twice_the_noise, "drew 10 numbers per draw for 5 logits"),
    # 06 · top-k
    (checks.check_top_k, strict_top_k, "k-th largest is kept"),
    # cold read r147, X3: the first k positions, as if the logits were sorted: named, not blamed on ties
    (checks.check_top_k, top_k_first_positions, "you kept the first k = 2 positions, [0, 1]"),
    (checks.check_top_k, top_k_first_positions, "they are not sorted"),
    # cold read r147: float32 values were accepted while every case's logits were float32 numbers
    (checks.check_top_k, top_k_float32, "rounded to float32 (0.7 became 0.699999988079071)"),
    (checks.check_top_k, lambda z, k: np.where(z >= np.sort(z)[::-1][min(k, len(z)) - 1],
                                               z.astype(np.float32), np.float32(-np.inf)),
     "rounded to float32"),
    # right on every case, but the caller's own array (or a view of it) handed back for an oversized k
    (checks.check_top_k, top_k_oversized_returns_its_input, "returned the very array it was given"),
    (checks.check_top_k, top_k_oversized_returns_a_view, "returned the very array it was given (or a view of it)"),
    # the library function itself, under the notebook's name and as tempnb.top_k
    (checks.check_top_k, lambda z, k: top_k(z, k), "that is tempnb.top_k itself; the exercise is to build it"),
    (checks.check_top_k, lambda z, k: tempnb.top_k(z, k), "that is tempnb.top_k itself; the exercise is to build it"),
    # right, except that a k larger than the vocabulary keeps only the top logit (as a strict > does there)
    (checks.check_top_k, top_k_oversized_keeps_top, "k larger than the vocabulary: keep them all"),
    # a strict comparison with the k-th largest: drops it and every logit tied with it
    (checks.check_top_k, lambda z, k: np.where(z > np.sort(z)[::-1][min(k, len(z)) - 1], z, -np.inf),
     "use >=, which keeps the k-th largest"),
    # the threshold from np.partition, compared strictly: the same mistake written another way
    (checks.check_top_k, lambda z, k: np.where(z > np.partition(z, -min(k, len(z)))[-min(k, len(z))], z, -np.inf),
     "(a strict >)"),
    # argmax(cdf > u) + 1: one past the inverse-CDF index for every u (index 1, the masked entry, when u is small)
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(np.cumsum(softmax(z)) > rng.random())) + 1,
     "do not add 1"),
    # argmax(cdf > u) - 1: one before it for every u
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(np.cumsum(softmax(z)) > rng.random())) - 1,
     "one before the inverse-CDF index for every u"),
    # always the masked entry: one past the inverse-CDF index on the first u only, so not an off-by-one
    (checks.check_inverse_cdf_sampler, lambda z, rng: 1 + 0 * rng.random(), "the masked entry (logit -inf, index 1)"),
    (checks.check_gumbel_sampler, gumbel_from_uniforms_nearly_right_t, "with the uniform numbers your function drew"),
    (checks.check_gumbel_sampler, gumbel_argmin, "your draws are an argmin; the Gumbel-max trick takes the argmax"),
    # noise on the probabilities, argmax taken: the masked entry drawn sometimes, so no word of an argmin
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(softmax(z / T) - np.log(-np.log(rng.random(z.size))))),
     "lift the masked entry's 0 above the rest."),
    # an argmin with noise not from rng (not recorded): the -inf entry every time, so the argmin is named
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmin(z / T + np.random.gumbel(size=z.size))),  # noqa: NPY002
     "argmin picks the -inf entry"),
    # argmin with the noise's sign slipped too, log(-log u) = -g: the hint names the argmin only, not a formula
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmin(z / T + np.log(-np.log(rng.random(z.size))))),
     "your draws are an argmin; the Gumbel-max trick takes the argmax"),
    # the Gumbel noise with base-2 and base-10 logs: the temperature is right, the log's base is not
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log2(-np.log2(rng.random(len(z)))))),
     "your noise uses np.log2, with the very uniform numbers your function drew"),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log10(-np.log10(rng.random(len(z)))))),
     "Use natural logs, np.log"),
    # the exponential race with the probabilities multiplied by E instead of divided by it
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(softmax(z, T) * rng.exponential(size=len(z)))),
     "you multiplied by E. The race takes the smallest E / q, so divide: argmax(q / E)"),
    # the race built from uniforms, E = -log u, with a product for the quotient (cold read r166, X1): the same draws
    # as argmax(z / T - g), so the sign-slip hint also names the product
    (checks.check_gumbel_sampler,
     lambda z, T, rng: int(np.argmax(softmax(z, T) * -np.log(rng.random(len(z))))),
     "If you built the exponential race from E = -log(u) instead, the same draws come from multiplying by E"),
    # the race at T = 1: the probabilities of softmax(z) divided by E
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(softmax(z) / rng.exponential(size=len(z)))),
     "the exponential race at T = 1"),
    # E itself subtracted, not log E
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - rng.exponential(size=len(z)))),
     "you subtracted E itself. The race subtracts its log"),
    # the logits multiplied by T in the race
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z * T - np.log(rng.exponential(size=len(z))))),
     "the logits were multiplied by T"),
    # log1p(E) to keep clear of log(0): exponential noise, but not the race (and not Gumbel noise's fault)
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log1p(rng.exponential(size=len(z))))),
     "which the exponential race accepts, but your draws are not the race"),
    # one E per call, shared by every token: the index never changes
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log(rng.exponential()))),
     "one number added to every logit changes nothing"),
    (checks.check_top_k, lambda z, k: z >= np.sort(z)[::-1][min(k, len(z)) - 1], "a mask of the entries to keep"),
    (checks.check_top_k, lambda z, k: np.where(z >= np.sort(z)[::-1][min(k, len(z) - 1)], z, -np.inf),
     "one logit too many"),
    (checks.check_top_k, top_k_in_place, "Work on a copy"),
    (checks.check_top_k, lambda z, k: np.where(np.isfinite(top_k(z, k)), z, 0.0), "must be -inf"),
    (checks.check_top_k, lambda z, k: np.where(np.isfinite(top_k(z, k)), z, np.nan), "NaN is not a logit"),
    # on the first case ([0.05, 0.15, 0.3, 0.5], mass 0.7) it keeps what dropping the crossing token keeps
    (checks.check_top_p, top_p_complement_descending, "you compared the running total with 1 - top_p_mass"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: np.cumsum(softmax(z)) > rng.random(), "a boolean array"),
    (checks.check_top_k, lambda z, k: np.where(np.isfinite(top_k(z, k)), z, -1e9), "must be exactly -inf"),
    # the temperature typed in: right at the check's T = 2 only
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / 2 + rng.gumbel(size=z.size))),
     "the temperature is fixed inside"),
    (checks.check_gumbel_sampler, lambda z, T, rng: exponential_race(z, 2.0, rng), "the temperature is fixed inside"),
    # E / q with the masked entry's q = 0: a division by zero
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmin(rng.exponential(size=z.size) / softmax(z, T))),
     "divided them by the probabilities"),
    # np.log of the masked entry's probability 0: no exponential draws, so the general hint
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(np.log(softmax(z, T)) + rng.gumbel(size=z.size))),
     "taking np.log of it"),
    (checks.check_top_k, lambda z, k: np.where(z <= np.sort(z)[min(k, len(z)) - 1], z, -np.inf), "k smallest"),
    (checks.check_top_k, lambda z, k: z[np.argsort(z)[::-1][:k]], "shape"),
    # cold read r150, X1: a wrong shape is shown as the value returned, not as "positions". On [1, 4, 2, 3, 0] with
    # k = 2 the two largest, 4 and 3, stand at indices 1 and 3
    (checks.check_top_k, lambda z, k: np.flatnonzero(z >= np.sort(z)[::-1][min(k, len(z)) - 1]),
     "got [1.0, 3.0], an array of shape (2,)"),
    (checks.check_top_k, lambda z, k: z[z >= np.sort(z)[::-1][min(k, len(z)) - 1]],
     "got [4.0, 3.0], an array of shape (2,)"),
    # the first case, log [0.02, 0.03, 0.15, 0.3, 0.5] at 0.85: 0.5 + 0.3 + 0.15 = 0.95 crosses, indices 2, 3, 4
    (checks.check_top_p, top_p_sorted_indices, "the whole vector, with the removed entries set to -inf; got "
                                               "[2.0, 3.0, 4.0], an array of shape (3,)"),
    # cold reads r150, X2, and r152, X1: 0.37 + 0.32997 = 0.69997 < 0.7 keeps 3; each of these reaches 0.7 at the
    # second token (test_top_p_case_near_the_mass_by_hand does the arithmetic)
    (checks.check_top_p, top_p_losing_precision("round 2"), "0.37 + 0.32997 = 0.69997 is still below 0.7"),
    (checks.check_top_p, top_p_losing_precision("round 3"), "Did you round the probabilities"),
    (checks.check_top_p, top_p_losing_precision("float16"), "Did you round the probabilities (np.round, float16)"),
    (checks.check_top_p, top_p_losing_precision("tolerance"), "or compare with a tolerance"),
    (checks.check_top_p, top_p_losing_precision("isclose"), "keep 3"),
    (checks.check_top_p, top_p_precision_lost_r152("float16"), "0.37 + 0.32997 = 0.69997 is still below 0.7"),
    (checks.check_top_p, top_p_precision_lost_r152("round 4"), "Did you round the probabilities (np.round"),
    (checks.check_top_p, top_p_precision_lost_r152("float16 logits"), "0.69997 is still below 0.7"),
    # cold read r152, X2: no sort, wrong (1 token) or raising at top_p_mass = 1: the missing sort is named
    (checks.check_top_p, top_p_unsorted_argmax, "you added up the probabilities in the tokens' own order"),
    (checks.check_top_p, top_p_unsorted_unguarded, "you added up the probabilities in the tokens' own order"),
    # cold read r152, X3: the flattened running total, reshaped or not, and the column totals with u scaled
    (checks.check_batch_sampler, batch_cumsum_flattened(scaled=True), "your running totals run on from one row"),
    (checks.check_batch_sampler, batch_cumsum_flattened(scaled=False), "your running totals run on from one row"),
    (checks.check_batch_sampler, batch_cumsum_down_columns_scaled, "your running totals go down the columns"),
    (checks.check_batch_sampler, batch_cumsum_no_axis, "np.cumsum without an axis flattened the batch"),
    # cold read r152, X4: not a function, said as the other three checks of 06 say it
    (checks.check_gumbel_sampler, None, "expected a function, got None"),
    # cold read r150, X3: np.partition(z, k)[k] is the (k + 1)-th smallest; on [1, 3, 3, 2] with k = 1 it is 2
    (checks.check_top_k, lambda z, k: np.where(z >= np.partition(z, k)[k], z, -np.inf),
     "your threshold is the (k + 1)-th smallest logit"),
    (checks.check_top_k, lambda z, k: np.where(z >= np.sort(z)[min(k, len(z) - 1)], z, -np.inf),
     "counts from the bottom"),
    # cold read r150, X4
    (checks.check_batch_sampler, batch_sorted_then_mapped_back, "the running total follows the row's own order"),
    (checks.check_top_k, lambda z, k: np.where(z >= np.unique(z)[::-1][min(k, np.unique(z).size) - 1], z, -np.inf),
     "tied entries still count towards k"),
    # cold read r162, X2: the k largest found wherever they stand, but ties at the k-th place dropped: not told it kept
    # "the first k positions"
    (checks.check_top_k, top_k_ties_at_the_top_only,
     "on [0, 1, 5, 1, 1] with k = 2 (a tie at the k-th place) the kept positions should be [1, 2, 3, 4] (every logit "
     "equal to the k-th largest is kept); yours kept positions [1, 2]"),
    # cold read r162, X4: -inf cast to an integer gave only "invalid value"
    (checks.check_top_k, top_k_as_integers, "because it returns integers"),
    (checks.check_top_k, top_k_as_integers, "no .astype(int)"),
    # the right positions, shifted so the largest kept logit is 0
    (checks.check_top_k, lambda z, k: top_k(z, k) - np.max(z), "changed the values there"),
    # log-probabilities of the filtered logits: log(0) warns at the removed entries before the values are compared
    (checks.check_top_k, lambda z, k: np.log(softmax(top_k_ties(z, k))),
     "with warnings silenced it kept the right positions, but changed the values there"),
    # 06 · top-p on the names model
    (checks.check_top_p, top_p_without_crossing_token, "crosses the threshold"),
    (checks.check_top_p, top_p_mass_one_returns_its_input, "on ten equal logits and a masked one with top_p_mass = 1"
                                                          " (keep every token of nonzero probability), your function "
                                                          "returned the very array it was given"),
    # the library function itself, under the notebook's name and as tempnb.top_p
    (checks.check_top_p, lambda z, top_p_mass: top_p(z, top_p_mass),
     "that is tempnb.top_p itself; the exercise is to build it"),
    (checks.check_top_p, lambda z, top_p_mass: tempnb.top_p(z, top_p_mass),
     "that is tempnb.top_p itself; the exercise is to build it"),
    # on the first case (mass 0.85) the crossing token dropped and the 1 - top_p_mass threshold keep 2 and 1 tokens
    (checks.check_top_p, top_p_without_crossing_token, "you dropped the token that crosses the threshold"),
    # the kept tokens' probabilities with 0 elsewhere: probabilities where logits belong, 0 where -inf belongs
    (checks.check_top_p, lambda z, top_p_mass: np.where(np.isfinite(top_p(z, top_p_mass)), softmax(z), 0.0),
     "you returned probabilities (the kept ones, 0 elsewhere)"),
    # np.sort without [::-1]: the k-th smallest as the threshold
    (checks.check_top_k, lambda z, k: np.where(z >= np.sort(z)[min(k, len(z)) - 1], z, -np.inf), "k-th smallest"),
    # a (1, K) noise draw and argmax along axis 1: an array of shape (1,)
    (checks.check_gumbel_sampler, lambda z, T, rng: np.argmax(z / T + rng.gumbel(size=(1, z.size)), axis=1),
     "a 2-D noise draw"),
    (checks.check_top_p, top_p_left_sorted, "left them in sorted order"),
    (checks.check_top_p, top_p_ascending, "least likely"),
    (checks.check_top_p, top_p_ascending_with_crossing, "np.argsort sorts in ascending order"),
    (checks.check_top_p, top_p_mass_before_below, "kept no token at all"),
    (checks.check_top_p, lambda z, top_p_mass: softmax(top_p(z, top_p_mass)), "not probabilities"),
    (checks.check_top_p, lambda z, top_p_mass: np.where(np.isfinite(top_p(z, top_p_mass)), z, 0.0), "-inf"),
    # the right positions, renormalised over the kept tokens
    (checks.check_top_p, lambda z, top_p_mass: log_softmax(top_p(z, top_p_mass)), "changed the values there"),
    (checks.check_top_p, top_p_exp_logits, "apply softmax first"),
    (checks.check_top_p, top_p_one_too_many, "one token too many"),
    # the first running total that reaches the mass: none does at mass 1 when the total ends at 1 - 1.1e-16
    (checks.check_top_p, top_p_argmax_reaches, "A running total may end just below 1"),
    # cold read r159, X2: the same float total, but a loop or search that runs past the last token names it too
    (checks.check_top_p, top_p_while_loop, "it raised IndexError: index 11 is out of bounds for axis 0 with size 11. "
                                           "Every earlier case passed, so the likely cause is the running total"),
    (checks.check_top_p, top_p_first_reaching, "here ten times 0.1 adds up to 0.9999999999999999"),
    # the names model's cases never land on the mass; four equal logits at 0.5 do, exactly (0.25 + 0.25 = 0.5)
    (checks.check_top_p, top_p_exceeds, "not until it exceeds it (>)"),
    # a softmax in base 2, 2**z normalised, before the sort
    (checks.check_top_p, top_p_base_two, "not 2**z"),
    (checks.check_top_p, top_p_count_at_most, "0.25 + 0.25 is exactly 0.5"),
    # the running total in the vocabulary's order, crossing token kept, or a mask of the totals within the mass
    (checks.check_top_p, top_p_unsorted, "in the tokens' own order"),
    # the right count, sorted correctly, but written back at the first positions: out[:n] = z[:n]
    (checks.check_top_p, top_p_first_n, "the right number of tokens, but the first ones of the vocabulary"),
    # cold read r144: a keep-mask built in sorted order and applied to the logits in their own order
    (checks.check_top_p, top_p_sorted_mask_not_mapped_back, "a keep-mask built on the sorted probabilities is in "
                                                             "sorted order"),
    (checks.check_top_p, top_p_sorted_mask_not_mapped_back, "you kept positions [0, 1, 2], the first positions"),
    (checks.check_top_p, top_p_sorted_mask_at_least_one, "and so does a keep-mask built on the sorted probabilities"),
    # softmax(z, 0.5): a temperature applied on top of the logits it is given; it keeps the crossing token
    (checks.check_top_p, top_p_tempered, "you applied a temperature: on every case you kept what top-p keeps on "
                                         "softmax(z / 0.5)"),
    # cold read r162, X1 and F1: at T = 1.5 or 1.4 top-p keeps what 2**z normalised keeps on every case; the T read
    # off the logits [1, 0] is named, and a real base 2 is called flatter
    (checks.check_top_p, top_p_on(lambda z: softmax(z / 1.5)), "on every case you kept what top-p keeps on "
                                                               "softmax(z / 1.5), not on softmax(z)"),
    (checks.check_top_p, top_p_on(lambda z: softmax(z, 1.4)), "softmax(z / 1.4), not on softmax(z)"),
    (checks.check_top_p, top_p_base_two, "a flatter distribution than softmax(z)"),
    (checks.check_top_p, top_p_on(lambda z: np.exp2(z - z.max()) / np.sum(np.exp2(z - z.max()))),
     "you kept what 2**z normalised keeps"),
    (checks.check_top_p, lambda z, top_p_mass: np.where(np.cumsum(softmax(z)) <= top_p_mass, z, -np.inf),
     "in the tokens' own order"),
    # min-p by hand, and tempnb's own min_p, given top_p_mass as the ratio
    (checks.check_top_p, top_p_min_p, "that is min-p"),
    (checks.check_top_p, lambda z, top_p_mass: min_p(z, top_p_mass), "that is min-p"),
    # min-p in log space: np.log(0) warns at top_p_mass = 0, yet the answer there is min-p's (every token kept)
    (checks.check_top_p, lambda z, top_p_mass: np.where(z >= z.max() + np.log(top_p_mass), z, -np.inf),
     "that is min-p"),
    # the most probable token alone: 1 - top_p_mass keeps that on the first case only, so that hint would mislead;
    # the first case's own hint (log [0.02, 0.03, 0.15, 0.3, 0.5] at 0.85: 0.5 + 0.3 + 0.15 crosses it) is given
    (checks.check_top_p, top_p_most_probable_only, "tempnb.top_p keeps 3 tokens, at positions [2, 3, 4]"),
    # the inner minus sign of -log(-log(u)) missing: log(log(u)) is NaN
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log(np.log(rng.random(z.size))))),
     "log(log(u)) is NaN"),
    # one uniform number per call, shared by every token
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log(-np.log(rng.random())))),
     "one number added to every logit changes nothing"),
    # the right sampler with its arguments in another order than (logits, temperature, rng)
    (checks.check_gumbel_sampler, lambda T, z, rng: gumbel_from_uniforms(z, T, rng),
     "your function takes its arguments as (temperature, logits, rng)"),
    (checks.check_gumbel_sampler, lambda rng, z, T: gumbel_from_uniforms(z, T, rng),
     "your function takes its arguments as (rng, logits, temperature)"),
    (checks.check_gumbel_sampler, lambda z, rng, T: gumbel_from_uniforms(z, T, rng), "swap the last two"),
    # u = 0.0 on a masked first entry: side="left" (or cdf >= u) draws it
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z)), rng.random(), side="left")), "with u = 0.0"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.argmax(np.cumsum(softmax(z)) >= rng.random())),
     "not one that equals it"),
    # a finite stand-in for the masked -inf gives it a piece of the CDF: 0 gives a wide one, -5 one of width
    # exp(-5) / 19.14 = 3.5e-4 just past token 0's piece, which only the u 1e-5 past that piece's end lands in
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(np.nan_to_num(z, neginf=0.0))), rng.random(), side="right")),
     "keep -inf as -inf"),
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(np.maximum(z, -5.0))), rng.random(), side="right")),
     "keep -inf as -inf"),
    # a far-off stand-in (-100 or -30) leaves a piece of about exp(-102) or exp(-32) at the start: u = 0.0 and
    # u = 1e-300 both land in it (side="right" is right; the stand-in is the mistake)
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(np.nan_to_num(z, neginf=-100))), rng.random(), side="right")),
     "keep -inf as -inf"),
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(np.nan_to_num(z, neginf=-30))), rng.random(), side="right")),
     "keep -inf as -inf"),
    # a softmax in base 2: 2**z normalised
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(2.0**z / np.sum(2.0**z)), rng.random(), side="right")),
     "not 2**z"),
    # cold read r162, X1 and F1: the notebook's T = 1.5 is named, and base 2 is flatter
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z / 1.5)), rng.random(), side="right")),
     "the one for softmax(z / T) with T = 1.5"),
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(2.0**z / np.sum(2.0**z)), rng.random(), side="right")),
     "a flatter distribution than softmax(z)"),
]


# -- more wrong answers, written as learners write them (issue: checks that catch real mistakes) ----


def softmax_in_place(z):
    z -= z.max()
    np.exp(z, out=z)
    z /= z.sum()
    return z


def softmax_list_loop(z):
    exps = [math.exp(v) for v in z]
    total = sum(exps)
    return [e / total for e in exps]


def softmax_divide_by_max(z):
    e = np.exp(z - z.max())
    return e / e.max()


def softmax_plain_shift_no_exp(z):
    shifted = z - z.max()
    return shifted / shifted.sum()


def logsumexp_in_place(z):
    m = z.max()
    z -= m
    return float(m + np.log(np.sum(np.exp(z))))


def logsumexp_keepdims(z):
    m = np.max(z, keepdims=True)
    return m + np.log(np.sum(np.exp(z - m), keepdims=True))


def logsumexp_max_only(z):
    return float(np.max(z))


def logsumexp_tuple(z):
    m = z.max()
    return m, float(m + np.log(np.sum(np.exp(z - m))))


def logsumexp_nan_on_inf(z):
    m = z.max()
    return float(m + np.log(np.sum(np.exp(z - m)))) if np.isfinite(z).all() else float("nan")


def batch_max_without_keepdims(x):
    exps = np.exp(x - x.max(axis=1))
    return exps / exps.sum(axis=1, keepdims=True)


def batch_sum_without_keepdims(x):
    exps = np.exp(x - x.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1)


def batch_in_place(x):
    x -= x.max(axis=1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=1, keepdims=True)
    return x


def batch_row_loop_list(x):
    out = []
    for row in x:
        e = np.exp(row - row.max())
        out.append(e / e.sum())
    return out


def batch_transposed(x):
    return scipy.special.softmax(x, axis=1).T


def batch_flattened_softmax(x):
    return scipy.special.softmax(x.ravel()).reshape(x.shape)


# 03 · Exercise 3, softmax along any axis: my_softmax_along(z, axis), as learners write it
def along_batch_softmax_copied(z, axis):
    """The notebook's batch_softmax pasted in with an axis parameter it never uses: right for axis=1 of a 2-D
    batch only, so on [[1, 3], [2, 5]] with axis=0 it normalises the rows instead of the columns."""
    exps = np.exp(z - z.max(axis=1, keepdims=True))
    return exps / np.sum(exps, axis=1, keepdims=True)


def batch_softmax_one_parameter(z):
    """The notebook's batch_softmax passed as it is: one parameter, so the check's call with (z, axis) fails."""
    exps = np.exp(z - z.max(axis=1, keepdims=True))
    return exps / np.sum(exps, axis=1, keepdims=True)


def along_last_axis_always(z, axis):
    """axis=-1 fixed: the same as axis=1 on a 2-D batch, and wrong for its columns."""
    exps = np.exp(z - z.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def along_max_without_keepdims(z, axis):
    exps = np.exp(z - z.max(axis=axis))
    return exps / exps.sum(axis=axis, keepdims=True)


def along_sum_without_keepdims(z, axis):
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis)


def along_without_keepdims(z, axis):
    exps = np.exp(z - z.max(axis=axis))
    return exps / exps.sum(axis=axis)


def along_moved_to_the_end(z, axis):
    """The axis moved to the end, normalised there, and never moved back."""
    moved = np.moveaxis(z, axis, -1)
    exps = np.exp(moved - moved.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def along_moved_and_back(z, axis):
    return np.moveaxis(along_moved_to_the_end(z, axis), -1, axis)


def along_reshaped_into_rows(z, axis):
    """Rows of z.shape[axis] entries by reshape, without moving the axis to the end first: right whenever the axis
    is the last one, or the first of a 2-D array, and wrong for the middle axis of a 3-D array."""
    rows = z.reshape(-1, z.shape[axis])
    exps = np.exp(rows - rows.max(axis=1, keepdims=True))
    return (exps / exps.sum(axis=1, keepdims=True)).reshape(z.shape)


def along_transposed_for_axis_0(z, axis):
    """axis=0 handled by transposing, then the rows normalised: the transpose is never undone."""
    if axis == 0:
        z = z.T
    exps = np.exp(z - z.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def along_slices_loop(z, axis):
    """Right for 1-D and 2-D arrays; for a 3-D one it loops over the first axis and normalises each slice z[i] as a
    whole, with one maximum and one sum."""
    if z.ndim <= 2:
        return along_solution(z, axis)
    out = []
    for piece in z:
        exps = np.exp(piece - piece.max())
        out.append(exps / exps.sum())
    return np.array(out)


def along_rows_python(z, axis):
    """Right for 1-D and 2-D arrays; for a 3-D one, Python's max of a 2-D slice raises ("ambiguous")."""
    if z.ndim <= 2:
        return along_solution(z, axis)
    return np.array([[math.exp(v - max(row)) for v in row] for row in z])


def along_global_max(z, axis):
    """One maximum for the whole array: [-1000, -999] lies 1001 below the top of [[0, 1], [-1000, -999]], so its
    exponentials underflow to 0, and 0 / 0 warns (invalid value)."""
    exps = np.exp(z - z.max())
    return exps / exps.sum(axis=axis, keepdims=True)


def along_whole_array(z, axis):
    exps = np.exp(z - z.max())
    return exps / exps.sum()


def along_max_along_last(z, axis):
    """The maximum along the last axis, the sum along the asked one: each column of [[1, 3], [2, 5]] gets two
    different shifts."""
    exps = np.exp(z - z.max(axis=-1, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


def along_sum_along_last(z, axis):
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / exps.sum(axis=-1, keepdims=True)


def along_epsilon_each_exp(z, axis, eps=1e-9):
    """The "avoid dividing by 0" habit: an epsilon added to each exponential."""
    exps = np.exp(z - z.max(axis=axis, keepdims=True)) + eps
    return exps / exps.sum(axis=axis, keepdims=True)


def along_epsilon_in_sum(z, axis, eps=1e-10):
    exps = np.exp(z - z.max(axis=axis, keepdims=True))
    return exps / (exps.sum(axis=axis, keepdims=True) + eps)


def along_mean_shift(z, axis):
    """Shifted by the mean along the axis: [-1000, 0, 1000] leaves an exponent of 1000, which overflows."""
    exps = np.exp(z - z.mean(axis=axis, keepdims=True))
    return exps / exps.sum(axis=axis, keepdims=True)


def along_in_place(z, axis):
    z -= z.max(axis=axis, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=axis, keepdims=True)
    return z


def along_clipped(z, axis):
    exps = np.exp(np.clip(z, -500, 500))
    return exps / exps.sum(axis=axis, keepdims=True)


def along_exponent_floored(z, axis):
    """z - max floored at -50: on [[-1000, 0, 1000], [1, 2, 3]] the two small entries of the first row get about
    e^-50 = 1.93e-22 each, not 0."""
    exps = np.exp(np.maximum(z - z.max(axis=axis, keepdims=True), -50.0))
    return exps / exps.sum(axis=axis, keepdims=True)


def along_keeps_two_dimensions(z, axis):
    """A 1-D input made into a (1, K) batch and never flattened back."""
    return along_solution(np.atleast_2d(z), axis if z.ndim > 1 else 1)


def tempered_in_place(z, T):
    z /= T
    z -= z.max()
    e = np.exp(z)
    return e / e.sum()


def tempered_shift_before_divide_wrong(z, T):
    e = np.exp((z - z.max()) * T)
    return e / e.sum()


def tempered_probabilities_powered(z, T):
    p = np.exp(z) / np.exp(z).sum()
    return p ** T / np.sum(p ** T)


def tempered_log_probs(z, T):
    shifted = (z - z.max()) / T
    return shifted - np.log(np.exp(shifted).sum())


def naive_sigmoid_in_place(x):
    """Cold read r142: the naive formula, each step written back into x (np.asarray of a float array is x itself):
    it overflows at x = -1000 only, and changes the caller's array."""
    x = np.asarray(x, dtype=float)
    np.negative(x, out=x)
    np.exp(x, out=x)
    x += 1
    np.reciprocal(x, out=x)
    return x


def naive_sigmoid_assigned_into_x(x):
    """The naive formula, its result assigned into x with x[:] = ..."""
    x[:] = 1 / (1 + np.exp(-x))
    return x


def naive_sigmoid_negating_x(z):
    """The naive formula after negating the input in place, under a parameter named z."""
    z *= -1
    return 1 / (1 + np.exp(z))


def sigmoid_in_place(x):
    e = np.exp(-np.abs(x))
    x[:] = np.where(x >= 0, 1 / (1 + e), e / (1 + e))
    return x


def where_over_ignored(x):
    """np.where with only overflow silenced: the thrown-away branch still makes inf / inf = nan (invalid)."""
    with np.errstate(over="ignore"):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_positive_side_only(x):
    """Only out[~negative] written; the x < 0 entries keep np.zeros_like's 0."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    negative = x < 0
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def sigmoid_negative_side_only(x):
    """Only out[negative] written; the x >= 0 entries keep np.zeros_like's 0."""
    x = np.asarray(x, dtype=float)
    out = np.zeros_like(x)
    negative = x < 0
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    return out


def sigmoid_whole_right_hand_side(x):
    """out[negative] assigned a formula of the whole x: one value per entry, too many for the mask."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    negative = x < 0
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    out[negative] = np.exp(x) / (1 + np.exp(x))
    return out


def sigmoid_float32(x):
    """The masked sigmoid, computed in float32."""
    x = np.asarray(x, dtype=np.float32)
    out = np.empty_like(x)
    negative = x < 0
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    return out


def sigmoid_one_minus(x):
    """sigma(x) = 1 - sigma(-x) for x < 0: no overflow, but 1 minus a number near 1 cancels to 0."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    out[~positive] = 1 - 1 / (1 + np.exp(x[~positive]))
    return out


def where_all_silenced(x):
    """np.where with overflow and invalid silenced: the values are right, the overflow is hidden."""
    with np.errstate(over="ignore", invalid="ignore"):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def abs_form_silenced(x):
    """The exp(-|x|) solution, wrapped in a defensive errstate it does not need."""
    with np.errstate(all="ignore"):
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_errstate(x):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-x))


@np.errstate(over="ignore", invalid="ignore")
def where_decorated_silent(x):
    """np.errstate as a decorator: no silencer in the function's own code."""
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


errstate_alias = np.errstate  # an alias: the name errstate never appears in the function below


def where_alias_silent(x):
    with errstate_alias(all="ignore"):
        return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def sigmoid_strict_masks(x, make=np.zeros_like):
    """Masks x > 0 and x < 0: x = 0 belongs to neither, so its entry is never written."""
    out = make(x)
    positive, negative = x > 0, x < 0
    out[positive] = 1 / (1 + np.exp(-x[positive]))
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    return out


def sigmoid_strict_masks_nan(x):
    return sigmoid_strict_masks(x, make=lambda v: np.full_like(v, np.nan))


def sigmoid_masks_integer_output(x):
    """The tip's masks with no float conversion: integer input makes an integer output."""
    out = np.empty_like(x)
    negative = x < 0
    out[negative] = np.exp(x[negative]) / (1 + np.exp(x[negative]))
    out[~negative] = 1 / (1 + np.exp(-x[~negative]))
    return out


def where_quietly(condition, if_true, if_false):
    """A helper that hides the silencer from the sigmoid's own code."""
    with np.errstate(all="ignore"):
        return np.where(condition(), if_true(), if_false())


def where_silenced_in_helper(x):
    """np.where's overflow hidden in a helper: the values are right, the warning is silenced elsewhere."""
    return where_quietly(lambda: x >= 0, lambda: 1 / (1 + np.exp(-x)), lambda: np.exp(x) / (1 + np.exp(x)))


def where_warnings_off_in_helper(x):
    """The same with np.seterr in a helper (the check's own errstate puts the setting back afterwards)."""
    turn_warnings_off()
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def turn_warnings_off():
    np.seterr(all="ignore")


def sigmoid_seterr(x):
    old = np.seterr(all="ignore")
    result = 1 / (1 + np.exp(-x))
    np.seterr(**old)
    return result


def sigmoid_warnings_filter(x):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return 1 / (1 + np.exp(-x))


def sigmoid_tanh_form_list(x):
    return [float(scipy.special.expit(v)) for v in x[:-1]]


def soft_np_log(s, t, T):
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    return T * T * float(np.mean(np.sum(p * (np.log(p) - np.log(q)), axis=1)))


def soft_axis0(s, t, T):
    p = softmax(t, T, axis=0)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=0) - log_softmax(s, T, axis=0)), axis=0)))


def soft_per_row(s, t, T):
    p = softmax(t, T, axis=1)
    return T * T * np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)


def soft_in_place(s, t, T):
    s /= T
    t /= T
    p = softmax(t, axis=1)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, axis=1) - log_softmax(s, axis=1)), axis=1)))


def soft_no_axis(s, t, T):
    p = softmax(t, T)
    return T * T * float(np.mean(np.sum(p * (log_softmax(t, T) - log_softmax(s, T)), axis=1)))


def soft_times_T(s, t, T):
    return soft_term(s, t, T) / T


def gradient_one_sided_backward(f, x, h=1e-5):
    g = np.zeros_like(x)
    base = f(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old - h
        g[i] = (base - f(x)) / h
        x[i] = old
    return g


def gradient_over_4h(f, x, h=1e-5):
    return central_differences(f, x, h) / 2


def gradient_returns_list(f, x, h=1e-5):
    return central_differences(f, x, h).ravel().tolist()


def gradient_returns_none(f, x, h=1e-5):
    central_differences(f, x, h)


def gradient_by_rows(f, x, h=1e-5):
    g = np.zeros_like(x)
    for i in range(x.shape[0]):
        up, down = x.copy(), x.copy()
        up[i] += h
        down[i] -= h
        g[i] = (f(up) - f(down)) / (2 * h)
    return g


def gradient_forgets_minus(f, x, h=1e-5):
    g = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + h
        up = f(x)
        x[i] = old - h
        g[i] = (up - f(x)) / (2 * h)
    return g


def inverse_cdf_random_array(z, rng):
    cdf = np.cumsum(softmax(z))
    return np.searchsorted(cdf, rng.random(1), side="right")


def inverse_cdf_left(z, rng):
    cdf = np.cumsum(softmax(z))
    return int(np.searchsorted(cdf, rng.random(), side="left") + 1)


def inverse_cdf_own_generator(z, rng):
    u = np.random.default_rng(0).random()
    return int(np.searchsorted(np.cumsum(softmax(z)), u, side="right"))


def inverse_cdf_bool(z, rng):
    return rng.random() < softmax(z)[0]


def inverse_cdf_in_place(z, rng):
    z -= z.max()
    cdf = np.cumsum(np.exp(z) / np.exp(z).sum())
    return int(np.argmax(rng.random() < cdf))


def inverse_cdf_two_uniforms(z, rng):
    rng.random()
    return int(np.argmax(rng.random() < np.cumsum(softmax(z))))


def inverse_cdf_unnormalised(z, rng):
    with np.errstate(invalid="ignore"):
        cdf = np.cumsum(np.exp(z))
    return int(np.argmax(rng.random() < cdf))


def inverse_cdf_shifted_unnormalised(z, rng):
    """The overflow guard of softmax, exp(z - max z), without the division by the total."""
    cdf = np.cumsum(np.exp(z - np.max(z)))
    return int(np.argmax(cdf > rng.random()))


def inverse_cdf_returns_none(z, rng):
    np.argmax(rng.random() < np.cumsum(softmax(z)))


def gumbel_swapped_order(z, rng, T):
    return int(np.argmax(z / T + rng.gumbel(size=z.size)))


def gumbel_keepdims(z, T, rng):
    return np.argmax(z / T + rng.gumbel(size=z.size), keepdims=True)


def gumbel_in_place(z, T, rng):
    z /= T
    return int(np.argmax(z + rng.gumbel(size=z.size)))


def gumbel_one_noise(z, T, rng):
    return int(np.argmax(z / T + rng.gumbel()))


def gumbel_uniform_noise(z, T, rng):
    return int(np.argmax(z / T + rng.random(z.size)))


def gumbel_minus_noise_log(z, T, rng):
    return int(np.argmax(z / T + np.log(rng.random(z.size))))


def gumbel_returns_value(z, T, rng):
    return float(np.max(z / T + rng.gumbel(size=z.size)))


def top_k_returns_indices(z, k):
    return np.argsort(z)[::-1][:k]


def top_k_oversized_fails(z, k):
    threshold = np.sort(z)[::-1][k - 1]
    return np.where(z >= threshold, z, -np.inf)


def top_k_nan_fill(z, k):
    k = min(k, len(z))
    return np.where(z >= np.sort(z)[::-1][k - 1], z, np.nan)


def top_k_list(z, k):
    k = min(k, len(z))
    return [v if v >= np.sort(z)[::-1][k - 1] else 0.0 for v in z]


def top_k_probs(z, k):
    return softmax(top_k(z, k))


def top_p_in_place(z, top_p_mass):
    filtered = top_p(z, top_p_mass)
    z[~np.isfinite(filtered)] = -np.inf
    return z


def top_p_on_logits(z, top_p_mass):
    order = np.argsort(-z, kind="stable")
    n_kept = int(np.searchsorted(np.cumsum(z[order]), top_p_mass)) + 1
    out = np.full_like(z, -np.inf)
    out[order[:n_kept]] = z[order[:n_kept]]
    return out


def top_p_returns_probs(z, top_p_mass):
    return softmax(top_p(z, top_p_mass))


def top_p_zero_fill(z, top_p_mass):
    return np.where(np.isfinite(top_p(z, top_p_mass)), z, 0.0)


def top_p_indices(z, top_p_mass):
    return np.flatnonzero(np.isfinite(top_p(z, top_p_mass)))


def ece_unweighted(probs, labels, n_bins):
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    gaps = [abs(correct[index == m].mean() - confidence[index == m].mean())
            for m in range(n_bins) if np.any(index == m)]
    return float(np.mean(gaps))


def ece_left_closed(probs, labels, n_bins):
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    return float(sum(np.mean(index == m) * abs(correct[index == m].mean() - confidence[index == m].mean())
                     for m in range(n_bins) if np.any(index == m)))


def ece_right(probs, labels, n_bins):
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    return float(sum(np.mean(index == m) * abs(correct[index == m].mean() - confidence[index == m].mean())
                     for m in range(n_bins) if np.any(index == m)))


def ece_edges(n_edges):
    """The vectorised ECE with n_edges(M) equal-width edges on [0, 1] in place of M + 1: np.linspace(0, 1, M) makes
    M - 1 bins."""
    def ece(probs, labels, n_bins):
        confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
        bins = np.digitize(confidence, np.linspace(0, 1, n_edges(n_bins)), right=True) - 1
        return float(np.abs(np.bincount(bins, correct) - np.bincount(bins, confidence)).sum() / len(labels))
    return ece


def ece_bincount(probs, labels, n_bins):
    # The vectorised form Exercise 07.1 asks for: every image's bin at once, per-bin sums by bincount.
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(labels))


def reliability_from_scratch(probs, labels, n_bins=15):
    """The notebook's cell "Reliability diagrams and ECE, from scratch", as it stands: a loop over the bins."""
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.arange(n_bins + 1) / n_bins
    rows = []
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence > low) & (confidence <= high)
        if in_bin.any():
            rows.append((confidence[in_bin].mean(), correct[in_bin].mean(), in_bin.sum()))
    return np.array(rows)


def ece_from_scratch(probs, labels, n_bins=15):
    """The notebook's ece_from_scratch, which Exercise 07.1 asks the learner not to reuse."""
    table = reliability_from_scratch(probs, labels, n_bins)
    confidence, acc, count = table.T
    return float(np.sum(count / len(labels) * np.abs(acc - confidence)))


def ece_sums_by_comprehension(probs, labels, n_bins):
    """The right sums, one bin at a time in a list comprehension: a loop over the bins."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(sum([abs(correct[bins == m].sum() - confidence[bins == m].sum()) for m in range(n_bins)])
                 / len(labels))


def ece_bincount_then_generator(probs, labels, n_bins):
    """np.bincount for the sums, then the absolute gaps added up by a generator over the bins."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    right, summed = np.bincount(bins, correct, n_bins), np.bincount(bins, confidence, n_bins)
    return float(sum(abs(r - c) for r, c in zip(right, summed)) / len(labels))


def ece_loop_without_calls(probs, labels, n_bins):
    """A loop over the bins whose body calls no function at all: only its lines show the loop."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    right, summed = np.bincount(bins, correct, n_bins), np.bincount(bins, confidence, n_bins)
    total = 0.0
    for m in range(n_bins):
        total += right[m] - summed[m] if right[m] > summed[m] else summed[m] - right[m]
    return float(total / len(labels))


def ece_edges_by_comprehension(probs, labels, n_bins):
    """Loop-free but for the edges, built one at a time: still a Python loop over the bins."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = np.array([m / n_bins for m in range(n_bins + 1)])
    bins = np.digitize(confidence, edges, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def sorted_pieces(probs, labels, n_bins):
    """correct - confidence sorted by confidence, and the cut points of the bins (m-1)/M < c <= m/M in that order:
    np.split(values, cuts) gives one array per bin, empty bins included."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    order = np.argsort(confidence, kind="stable")
    cuts = np.searchsorted(confidence[order], np.arange(1, n_bins) / n_bins, side="right")
    return (correct - confidence)[order], cuts


def ece_map_over_split(probs, labels, n_bins):
    """Cold read r143's false accept: np.split into one array per bin, then np.sum on each piece through map. The
    loop over the bins runs inside map (C) and np.split (NumPy's Python), never in a line of the learner's own."""
    gaps, cuts = sorted_pieces(probs, labels, n_bins)
    return float(np.abs(np.array(list(map(np.sum, np.split(gaps, cuts))))).sum() / len(labels))


def ece_map_lambda_over_split(probs, labels, n_bins):
    """np.split, then a lambda on each piece through map: the lambda's line runs once per bin."""
    gaps, cuts = sorted_pieces(probs, labels, n_bins)
    return float(sum(map(lambda piece: abs(piece.sum()), np.split(gaps, cuts))) / len(labels))


def ece_comprehension_over_split(probs, labels, n_bins):
    gaps, cuts = sorted_pieces(probs, labels, n_bins)
    return float(sum([abs(piece.sum()) for piece in np.split(gaps, cuts)]) / len(labels))


def bin_masks(probs, labels, n_bins):
    """An (M, n) matrix of which example lies in which bin, and correct - confidence per example."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    return (confidence > edges[:-1, None]) & (confidence <= edges[1:, None]), correct - confidence


def ece_map_over_mask_rows(probs, labels, n_bins):
    """np.sum on each bin's row of a mask matrix through map: no np.split, the loop is map's alone."""
    masks, gaps = bin_masks(probs, labels, n_bins)
    return float(np.abs(np.array(list(map(np.sum, masks * gaps)))).sum() / len(labels))


def ece_map_builtin_sum(probs, labels, n_bins):
    """Cold read r164 (X1): the builtin sum on each bin's row of the mask matrix, through map. sum and map are both
    C, so no line of Python runs per bin, in the learner's code or a library's."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = np.arange(n_bins + 1) / n_bins
    masks = (confidence > edges[:-1, None]) & (confidence <= edges[1:, None])
    right = np.array(list(map(sum, masks * correct)))
    summed_confidence = np.array(list(map(sum, masks * confidence)))
    return float(np.abs(right - summed_confidence).sum() / len(labels))


def ece_map_ufunc_reduce(probs, labels, n_bins):
    """Cold read r164 (X1): np.add.reduce, a ufunc method written in C, on each bin's row through map."""
    masks, gaps = bin_masks(probs, labels, n_bins)
    return float(np.abs(list(map(np.add.reduce, masks * gaps))).sum() / len(labels))


def ece_map_edges(probs, labels, n_bins):
    """Cold read r164 (X1): loop-free but for the edges, built by map with operator.truediv, which is C."""
    import itertools
    import operator

    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = np.array(list(map(operator.truediv, range(n_bins + 1), itertools.repeat(n_bins))))
    bins = np.digitize(confidence, edges, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def ece_map_over_examples(probs, labels, n_bins):
    """Loop-free over the bins; map runs over the examples only (to make the labels ints), the same number of times
    whatever the number of bins."""
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == np.array(list(map(int, labels)))).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def ece_boolean_product(probs, labels, n_bins):
    """Cold read r164 (X2): the membership matrix times correct, both boolean: NumPy's @ on booleans is a logical
    OR of ANDs, so each bin's number right becomes 1 wherever it holds a right prediction."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges = np.arange(n_bins + 1) / n_bins
    in_bin = (confidence[:, None] > edges[:-1]) & (confidence[:, None] <= edges[1:])
    return float(np.abs(in_bin.T @ correct - in_bin.T @ confidence).sum() / len(labels))


def ece_apply_along_axis(probs, labels, n_bins):
    """np.apply_along_axis(np.sum, 1, ...): NumPy's Python loop over the rows, one row per bin."""
    masks, gaps = bin_masks(probs, labels, n_bins)
    return float(np.abs(np.apply_along_axis(np.sum, 1, masks * gaps)).sum() / len(labels))


def ece_mask_matrix(probs, labels, n_bins):
    """Loop-free: the mask matrix summed along its rows at once."""
    masks, gaps = bin_masks(probs, labels, n_bins)
    return float(np.abs((masks * gaps).sum(axis=1)).sum() / len(labels))


def ece_pandas_cut(probs, labels, n_bins):
    """Cold read r153 (X2): pd.cut with its default labels, one Interval per bin, then a groupby: no loop of the
    learner's, but pandas builds each bin's label in Python."""
    import pandas as pd

    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = pd.cut(confidence, np.linspace(0, 1, n_bins + 1))
    return float(pd.Series(correct - confidence).groupby(bins, observed=True).sum().abs().sum() / len(labels))


def ece_pandas_cut_codes(probs, labels, n_bins):
    """The same with labels=False, as the hint advises: each example's bin number, with no per-bin Python."""
    import pandas as pd

    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = pd.cut(confidence, np.linspace(0, 1, n_bins + 1), labels=False)
    return float(pd.Series(correct - confidence).groupby(bins, observed=True).sum().abs().sum() / len(labels))


def ece_reduceat(probs, labels, n_bins):
    """Loop-free: np.add.reduceat adds up each bin's stretch of the sorted gaps; an empty bin's stretch starts where
    the next one does, and reduceat then returns one element, not 0, so those bins are zeroed."""
    gaps, cuts = sorted_pieces(probs, labels, n_bins)
    starts = np.concatenate([[0], cuts])
    sums = np.add.reduceat(np.append(gaps, 0.0), starts)
    sums[np.diff(np.append(starts, len(gaps))) == 0] = 0.0
    return float(np.abs(sums).sum() / len(labels))


def ece_binned_statistic(probs, labels, n_bins):
    """Loop-free with scipy.stats.binned_statistic, whose bins close on the left as np.histogram's do: on -confidence,
    with edges -1 ... 0, its bin [-m/M, -(m-1)/M) is (m-1)/M < confidence <= m/M."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = -np.arange(n_bins, -1, -1) / n_bins
    sums = scipy.stats.binned_statistic(-confidence, correct - confidence, "sum", bins=edges).statistic
    return float(np.abs(sums).sum() / len(labels))


def ece_buffer_of_ten(probs, labels, n_bins):
    """np.add.at into a buffer of 10 bins typed in: right with 10 and 4 bins, an IndexError with 100."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    gaps = np.zeros(10)
    np.add.at(gaps, np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1, correct - confidence)
    return float(np.abs(gaps).sum() / len(labels))


def ece_clipped_to_ten(probs, labels, n_bins):
    """The bin index clipped to 9, the top of 10 bins, typed in: harmless with 10 or 4 bins, with 100 it merges
    every bin above the tenth into one."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.clip(np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1, 0, 9)
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                 / len(labels))


def ece_add_at(probs, labels, n_bins):
    """Loop-free with np.add.at: each example adds correct - confidence to its bin's gap."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    gaps = np.zeros(n_bins)
    np.add.at(gaps, np.ceil(confidence * n_bins).astype(int) - 1, correct - confidence)
    return float(np.abs(gaps).sum() / len(labels))


def ece_empty_bins_divided(probs, labels, n_bins):
    """Per-bin accuracy as right / count over every bin, empty ones included: 0/0."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(bins, minlength=n_bins)
    accuracy = np.bincount(bins, correct, n_bins) / count
    mean_confidence = np.bincount(bins, confidence, n_bins) / count
    return float(np.nansum(count / len(labels) * np.abs(accuracy - mean_confidence)))


def ece_not_divided(probs, labels, n_bins):
    """The sums' gaps added up, but never divided by n."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum())


def fit_whole_array_softmax(logits, labels):
    """A right search, but scipy's softmax without axis normalises the whole array (03's pitfall)."""
    import scipy.optimize

    def nll(T):
        return float(-np.mean(np.log(scipy.special.softmax(logits / T))[np.arange(len(labels)), labels]))
    return float(scipy.optimize.minimize_scalar(nll, bounds=(0.05, 20), method="bounded",
                                                options={"xatol": 1e-10}).x)


def ece_binned_by(index_of):
    """An ECE that is right except for how it finds each confidence's bin, index_of(confidence, n_bins)."""
    def ece(probs, labels, n_bins):
        confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
        bins = np.maximum(index_of(confidence, n_bins), 0)
        return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()
                     / len(labels))
    return ece


# linspace edges: 5/6 is 0.8333333333333334, linspace(0, 1, 7)[5] is 0.8333333333333333
ece_linspace_edges = ece_binned_by(lambda c, M: np.digitize(c, np.linspace(0, 1, M + 1), right=True) - 1)
# edges built by stepping 1/M: their 5/6 (M = 6) is the same double as linspace's
ece_arange_edges = ece_binned_by(lambda c, M: np.digitize(c, np.arange(0, 1 + 1 / M, 1 / M)[:M + 1], right=True) - 1)
# 15/29 * 29 is 15.000000000000002 in doubles, so ceil puts 15/29 one bin up
ece_ceiling = ece_binned_by(lambda c, M: np.ceil(c * M).astype(int) - 1)


def ece_clipped_top(probs, labels, n_bins):
    """np.digitize(..., right=True) clipped to M - 1 instead of reduced by 1: the top two bins merged."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.minimum(np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True), n_bins - 1)
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(labels))


def ece_quantile_edges(probs, labels, n_bins):
    """Equal-count bins: edges at the quantiles of the confidences, not at m / M."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    edges = np.quantile(confidence, np.linspace(0, 1, n_bins + 1))
    bins = np.clip(np.digitize(confidence, edges, right=True) - 1, 0, n_bins - 1)
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(labels))


def ece_no_abs(probs, labels, n_bins):
    # ece_bincount without the absolute value: over- and underconfident bins cancel.
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float((np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(labels))


def ece_signed_total(probs, labels, n_bins):
    # ece_bincount with the absolute value taken of the total, not of each bin's gap.
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(abs((np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum()) / len(labels))


def ece_keepdims(probs, labels, n_bins):
    # ece_bincount with the confidence taken with keepdims=True, as 03's max-subtraction does: shape (n, 1).
    confidence, correct = probs.max(axis=1, keepdims=True), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(labels))


def ece_label_probability(probs, labels, n_bins):
    confidence = probs[np.arange(len(labels)), labels]
    correct = probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    return float(sum(np.mean(index == m) * abs(correct[index == m].mean() - confidence[index == m].mean())
                     for m in range(n_bins) if np.any(index == m)))


def ece_per_bin_list(probs, labels, n_bins):
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    return [np.mean(index == m) * abs(correct[index == m].mean() - confidence[index == m].mean())
            for m in range(n_bins) if np.any(index == m)]


def ece_in_place(probs, labels, n_bins):
    probs.sort(axis=1)
    return 0.0


def mean_nll(logits, labels, T):
    return -float(np.mean(log_softmax(logits, T, axis=1)[np.arange(len(labels)), labels]))


def fit_result_object(logits, labels):
    import scipy.optimize

    return scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.05, 20),
                                          method="bounded", options={"xatol": 1e-10})


def fit_bounds_exclude(logits, labels):
    import scipy.optimize

    return scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.5, 1.9),
                                          method="bounded", options={"xatol": 1e-10}).x


def ece_max_without_axis(probs, labels, n_bins):
    """probs.max() without axis=1: one number for the whole array, which bincount then rejects."""
    confidence = probs.max()
    correct = probs.argmax(axis=1) == labels
    index = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")
    counts = np.bincount(index, minlength=n_bins)
    right = np.bincount(index, weights=correct, minlength=n_bins)
    summed = np.bincount(index, weights=confidence, minlength=n_bins)
    return float(np.sum(np.abs(right - summed)) / counts.sum())


def fit_rows_indexed(logits, labels):
    """The NLL with log_q[labels]: whole rows picked, so every class of a row is averaged; it falls as T grows."""
    import scipy.optimize

    def objective(log_t):
        return float(-np.mean(log_softmax(logits, math.exp(log_t), axis=1)[labels]))

    return math.exp(scipy.optimize.minimize_scalar(objective, bounds=(-5, 5), method="bounded").x)


def fit_rows_indexed_in_bounds(logits, labels):
    """log_q[labels] with the bounds the exercise suggests, (0.05, 20): the search stops at T = 20."""
    import scipy.optimize

    result = scipy.optimize.minimize_scalar(
        lambda T: float(-np.mean(log_softmax(logits, T, axis=1)[labels])), bounds=(0.05, 20), method="bounded")
    return float(result.x)


def fit_unnormalised_power(logits, labels):
    """q**(1/T) without renormalising each row, in the suggested bounds: -log q^(1/T) falls as T grows."""
    import scipy.optimize

    log_q = log_softmax(logits, axis=1)[np.arange(len(labels)), labels]
    return float(scipy.optimize.minimize_scalar(lambda T: float(-np.mean(log_q / T)), bounds=(0.05, 20),
                                                method="bounded").x)


def fit_to_own_predictions(logits, labels):
    """The NLL of the model's own predictions instead of the labels: it falls as T shrinks."""
    import scipy.optimize

    predicted = logits.argmax(axis=1)
    return math.exp(scipy.optimize.minimize_scalar(lambda log_t: mean_nll(logits, predicted, math.exp(log_t)),
                                                   bounds=(-5, 5), method="bounded").x)


def fit_to_own_predictions_in_bounds(logits, labels):
    """The model's own predictions as labels, searched over T in (0.05, 20) with the default xatol: the search stops
    about 2 xatol / 3 = 6.7e-6 above the lower bound, 0.0500066."""
    import scipy.optimize

    predicted = logits.argmax(axis=1)
    return float(scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, predicted, T), bounds=(0.05, 20),
                                                method="bounded").x)


def fit_unbounded(logits, labels):
    """minimize_scalar without bounds: Brent's method starts at T = 0, where logits / T divides by zero."""
    import scipy.optimize

    return float(scipy.optimize.minimize_scalar(lambda T: mean_nll_scipy(logits, labels, T)).x)


def fit_unbounded_tempnb(logits, labels):
    """minimize_scalar without bounds over T, with tempnb.log_softmax(z / T): at T = 0 every logit is -inf."""
    import scipy.optimize

    def objective(T):
        with np.errstate(divide="ignore", invalid="ignore"):
            log_q = log_softmax(logits / T, axis=1)
        return -float(np.mean(log_q[np.arange(len(labels)), labels]))

    return float(scipy.optimize.minimize_scalar(objective).x)


def fit_columns_indexed(logits, labels):
    """The NLL with log_q[:, labels]: whole columns picked (an (n, n) block), so the search runs to its top."""
    import scipy.optimize

    def objective(T):
        return float(-np.mean(log_softmax(logits / T, axis=1)[:, labels]))

    return float(scipy.optimize.minimize_scalar(objective, bounds=(0.05, 20), method="bounded").x)


def fit_columns_indexed_grid(logits, labels):
    """log_q[:, labels] on the notebook's grid: the mean falls as T grows whatever the labels, so it ends at 20."""
    grid = np.geomspace(0.25, 20, 400)
    return float(grid[np.argmin([-np.mean(log_softmax(logits / T, axis=1)[:, labels]) for T in grid])])


def mean_nll_scipy(logits, labels, T):
    log_q = scipy.special.log_softmax(logits / T, axis=1)
    return -float(np.mean(log_q[np.arange(len(labels)), labels]))


def fit_bounds_above_one(logits, labels):
    import scipy.optimize

    return scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(1.0, 10.0),
                                          method="bounded", options={"xatol": 1e-10}).x


def fit_minimize_array(logits, labels):
    import scipy.optimize

    return scipy.optimize.minimize(lambda v: mean_nll(logits, labels, float(v[0])), x0=[1.0],
                                   bounds=[(0.05, 20)], tol=1e-12).x


def fit_coarse_grid(logits, labels):
    grid = np.linspace(0.1, 5, 50)
    return float(grid[np.argmin([mean_nll(logits, labels, T) for T in grid])])


def fit_inverse(logits, labels):
    import scipy.optimize

    return 1 / scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.05, 20),
                                              method="bounded", options={"xatol": 1e-10}).x


def fit_in_place(logits, labels):
    logits /= 2
    return 2.0


def fit_temperature_twice(logits, labels):
    """The logits divided by T twice, log_softmax(logits / T, T, axis=1): the search fits T squared."""
    rows = np.arange(len(labels))
    return scipy.optimize.minimize_scalar(lambda T: -np.mean(log_softmax(logits / T, T, axis=1)[rows, labels]),
                                          bounds=(0.05, 20), method="bounded", options={"xatol": 1e-10}).x


def fit_never_started(logits, labels):
    import scipy.optimize

    start = 1.0
    # the objective reads `start`, not its argument: flat, so the optimiser stays at T = 1
    return float(scipy.optimize.minimize(lambda v: mean_nll(logits, labels, start), x0=[start]).x[0])


def ece_divided_by_bins(probs, labels, n_bins):
    """The sums' gaps added up, then divided by M, the number of bins, instead of n."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / n_bins)


def ece_divided_by_non_empty_bins(probs, labels, n_bins):
    """The sums' gaps added up, then divided by the number of bins that hold an example, instead of n."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    gaps = np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins))
    return float(gaps.sum() / np.count_nonzero(np.bincount(bins, minlength=n_bins)))


def ece_squared_gaps(probs, labels, n_bins):
    """Each non-empty bin's (accuracy - mean confidence) squared, weighted by its share of the examples."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    total = 0.0
    for m in range(n_bins):
        in_bin = bins == m
        if in_bin.any():
            total += in_bin.mean() * (correct[in_bin].mean() - confidence[in_bin].mean()) ** 2
    return total


def ece_closed_bins(probs, labels, n_bins):
    """A loop over bins lo <= c <= hi, closed on both sides: a confidence exactly on an edge is counted twice."""
    confidence, correct = probs.max(axis=1), probs.argmax(axis=1) == labels
    edges, total = np.arange(n_bins + 1) / n_bins, 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        in_bin = (confidence >= low) & (confidence <= high)
        if in_bin.any():
            total += in_bin.sum() / len(labels) * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(total)


def test_ece_hand_case_by_fractions():
    """The 4-bin hand case of Exercise 1, in exact fractions: the edge confidence 0.75 is a wrong prediction, so
    bins closed on the right (the ECE), on both sides and on neither give three different numbers."""
    case = next(c for c in checks.calibration._ece_cases() if c.label.startswith("eight two-class"))
    probs, labels, n_bins = case.args
    assert n_bins == 4
    confidence = [Fraction(c).limit_denominator(100) for c in probs.max(axis=1)]
    correct = [int(a == y) for a, y in zip(probs.argmax(axis=1), labels)]
    assert confidence == [Fraction(x, 100) for x in (95, 92, 90, 85, 70, 60, 75, 55)]
    assert correct == [1, 0, 1, 1, 1, 0, 0, 1]

    def ece(in_bin):
        total = Fraction(0)
        for m in range(4):
            members = [i for i, c in enumerate(confidence) if in_bin(c, Fraction(m, 4), Fraction(m + 1, 4))]
            if members:
                right = Fraction(sum(correct[i] for i in members), len(members))
                total += Fraction(len(members), 8) * abs(right - sum(confidence[i] for i in members) / len(members))
        return total

    # (0.5, 0.75]: 0.7, 0.6, 0.75, 0.55, 2 of 4 right, mean 0.65, gap 0.15; (0.75, 1]: 3 of 4 right, mean 0.905,
    # gap 0.155; (0.15 + 0.155) / 2 = 0.1525
    assert ece(lambda c, lo, hi: lo < c <= hi) == Fraction(61, 400)
    assert math.isclose(case.expected, 61 / 400, rel_tol=1e-12)
    assert ece(lambda c, lo, hi: lo <= c <= hi) == Fraction(197, 800)  # 0.75 in two bins: 0.24625
    assert ece(lambda c, lo, hi: lo < c < hi) == Fraction(77, 800)  # 0.75 in none: 0.09625
    assert math.isclose(ece_closed_bins(probs, labels, 4), 197 / 800, rel_tol=1e-12)
    assert math.isclose(ece_open_bins(probs, labels, 4), 77 / 800, rel_tol=1e-12)


def test_ece_check_shows_prints_only_for_its_three_cases(capsys):
    """Exercise 07.1's check calls the learner's function more often than on its three cases: once more on the
    first case (to spot expected_calibration_error inside it), and on 200 predictions of its own with 4 and 100
    bins (to see a loop over the bins). What a debugging print shows must be the three cases, once each."""
    def chatty(ece):
        def my_ece(probs, labels, n_bins):
            print("my_ece on", np.shape(probs), n_bins)
            return ece(probs, labels, n_bins)
        return my_ece

    three_cases = ["my_ece on (60, 3) 10", "my_ece on (8, 2) 4", "my_ece on (7, 3) 4"]
    checks.check_ece(chatty(ece_bincount))
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == three_cases and lines[-1].startswith(checks.PASS), lines
    checks.check_ece(chatty(ece_right))  # right, with a loop over the bins: found on the quiet 200-prediction runs
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == three_cases and "loops over the bins in Python" in lines[-1], lines

    def chatty_notebook_variables(probs, labels, n_bins):  # ignores its arguments: probed with object()s
        print("my_ece on", np.shape(probs))
        return 0.0169

    checks.check_ece(chatty_notebook_variables)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["my_ece on (60, 3)"], lines  # not the probe's "my_ece on ()"
    assert "it does not use those arguments" in lines[-1], lines


def test_a_printed_per_bin_array_is_not_a_loop_over_the_bins(capsys):
    """Cold read r161, X1: printing an array of n_bins numbers while debugging runs NumPy's Python formatting once
    per entry, which the loop detector used to credit to the learner as a loop over the bins. A right answer with
    such prints (an array, its difference, a bincount, an f-string of a repr) passes; a loop over the bins that also
    prints still fails."""
    def printing(probs, labels, n_bins):
        confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
        edges = np.arange(n_bins + 1) / n_bins
        print("edges", edges)
        bins = np.digitize(confidence, edges, right=True) - 1
        right, summed = np.bincount(bins, correct, n_bins), np.bincount(bins, confidence, n_bins)
        print(right - summed, np.bincount(bins, minlength=n_bins))
        print(f"{summed!r}")
        return float(np.abs(right - summed).sum() / len(labels))

    checks.check_ece(printing)
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith(checks.PASS)

    def printing_loop(probs, labels, n_bins):
        print("edges", np.arange(n_bins + 1) / n_bins)
        return ece_right(probs, labels, n_bins)

    checks.check_ece(printing_loop)
    assert "loops over the bins in Python" in capsys.readouterr().out.strip().splitlines()[-1]


def test_fit_temperature_check_shows_prints_only_for_its_three_cases(capsys):
    """Exercise 07.2's check probes a wrong answer with inputs of its own (plain object()s, labels made each row's
    top or bottom class, a two-class set of its own) and repeats the first case to spot fit_temperature inside it:
    none of those calls may show what the learner's function prints. A right answer prints once per case: the
    overconfident, the underconfident, and the underconfident one plus 1000 (cold read r153, X1)."""
    def chatty(fit):
        def my_fit_temperature(logits, labels):
            print("fit on", np.shape(logits))
            return fit(logits, labels)
        return my_fit_temperature

    checks.check_fit_temperature(chatty(fit_bounded))
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["fit on (300, 5)"] * 3, lines
    assert lines[-1].startswith(checks.PASS), lines
    # wrong on the first model: the label probes (twice (300, 5)) and the object() probe (shape ()) stay quiet
    checks.check_fit_temperature(chatty(fit_accuracy_bounded))
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["fit on (300, 5)"], lines
    assert "the accuracy (or the error rate) is the same at every T" in lines[-1], lines
    checks.check_fit_temperature(chatty(lambda logits, labels: 2.199))  # the notebook's fitted_T, typed in
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["fit on (300, 5)"], lines
    assert "it does not use its arguments" in lines[-1], lines


def test_fit_temperature_warning_hint_says_right_only_when_it_is(capsys):
    """Exercise 07.2 fails a warning even with the right T; the hint says "Your T is right" exactly when the T,
    computed here with the warning silenced, matches an independent fit: the mean NLL written with
    scipy.special.log_softmax and minimised over log T by minimize_scalar."""
    logits, labels = checks.calibration._temperature_cases()[0].args
    best_T = _independent_temperature(logits, labels)
    for answer, right in ((fit_grid_log_of_softmax_refined, True), (fit_grid_log_of_softmax, False)):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = answer(logits, labels)
        assert math.isclose(value, best_T, rel_tol=1e-4) is right, (answer.__name__, value, best_T)
        printed = run(capsys, checks.check_fit_temperature, answer)
        assert printed.startswith(checks.HINT) and "emitted a RuntimeWarning: divide by zero" in printed, printed
        assert ("Your T is right" in printed) is right, printed


def test_fit_temperature_overflow_hint_names_the_max_subtraction(capsys):
    """Cold read r150 (X1): the two naive log-sum-exp answers overflow at a positive T, since the check's cases hold a
    logit above log(float max) * 0.01 (T = 0.01, the grid's start) and above log(float max) / 200 (beta = 200, the
    search's top); the grid's refined T is right (against an independent fit with scipy.special.log_softmax over
    log T), so its hint says so; neither hint blames T <= 0."""
    logits, labels = checks.calibration._temperature_cases()[0].args
    log_float_max = math.log(np.finfo(float).max)  # 709.78...
    assert logits.max() > log_float_max * 0.01 and logits.max() > log_float_max / 200, logits.max()
    best_T = _independent_temperature(logits, labels)
    for answer, right in ((fit_grid_naive_logsumexp, True), (fit_beta_naive_logsumexp, False)):
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            value = answer(logits, labels)
        assert math.isclose(value, best_T, rel_tol=1e-4) is right, (answer.__name__, value, best_T)
        printed = run(capsys, checks.check_fit_temperature, answer)
        assert printed.startswith(checks.HINT) and "emitted a RuntimeWarning: overflow" in printed, printed
        assert "Subtract each row's largest value before np.exp" in printed and "T <= 0." not in printed, printed
        assert ("Your T is right" in printed) is right, printed


def fit_grid_from_one(logits, labels):
    """A fine grid that starts at T = 1: right on the overconfident case, exactly 1 on the underconfident one."""
    grid = np.linspace(1, 5, 100001)
    return float(grid[int(np.argmin([mean_nll(logits, labels, T) for T in grid]))])


def fit_grid_up_to_one(logits, labels):
    """A fine grid that ends at T = 1: exactly 1 on the overconfident case."""
    grid = np.linspace(0.01, 1, 1001)
    return float(grid[int(np.argmin([mean_nll(logits, labels, T) for T in grid]))])


def accuracy_at(logits, labels, T):
    return float(np.mean(softmax(logits, T, axis=1).argmax(axis=1) == labels))


def fit_accuracy_bounded(logits, labels):
    """Maximises the accuracy, which is the same at every T: the bounded search drifts to its top, T = 20."""
    return float(scipy.optimize.minimize_scalar(lambda T: -accuracy_at(logits, labels, T), bounds=(0.05, 20),
                                                method="bounded").x)


def fit_error_rate_log_t(logits, labels):
    """Minimises the error rate over log T: flat, so the search ends near its top, log T = 5."""
    return math.exp(scipy.optimize.minimize_scalar(lambda log_t: 1 - accuracy_at(logits, labels, math.exp(log_t)),
                                                   bounds=(-5, 5), method="bounded").x)


def fit_accuracy_grid(logits, labels):
    """The best accuracy on a grid: every T ties, so argmax returns the grid's first, T = 0.1."""
    grid = np.linspace(0.1, 5, 50)
    return float(grid[int(np.argmax([accuracy_at(logits, labels, T) for T in grid]))])


def fit_accuracy_geomspace_grid(logits, labels):
    """The best accuracy on a geometric grid from 0.05, by argmin of minus it: every T ties, so T = 0.05."""
    grid = np.geomspace(0.05, 20, 300)
    return float(grid[np.argmin([-np.mean(softmax(logits, T, axis=1).argmax(1) == labels) for T in grid])])


def fit_accuracy_minimize(logits, labels):
    """minimize from T = 1 on the error rate: its gradient is 0 everywhere, so it stays at T = 1."""
    return float(scipy.optimize.minimize(lambda v: 1 - accuracy_at(logits, labels, float(v[0])), x0=[1.0]).x[0])


def fit_returns_fun(logits, labels):
    """A right search that returns the lowest NLL, result.fun, instead of the T where it is reached."""
    return float(scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.05, 20),
                                                method="bounded", options={"xatol": 1e-10}).fun)


def fit_exp_of_fun(logits, labels):
    """A search over log T that exponentiates .fun instead of .x."""
    return math.exp(scipy.optimize.minimize_scalar(lambda log_t: mean_nll(logits, labels, math.exp(log_t)),
                                                   bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}).fun)


def fit_softmax_axis_0(logits, labels):
    """scipy's softmax over axis=0: each class normalised over the examples, not each row over the classes."""
    def nll(T):
        return float(-np.mean(np.log(scipy.special.softmax(logits / T, axis=0))[np.arange(len(labels)), labels]))
    return float(scipy.optimize.minimize_scalar(nll, bounds=(0.05, 20), method="bounded",
                                                options={"xatol": 1e-10}).x)


def fit_log_softmax_axis_0(logits, labels):
    """tempnb's log_softmax with axis=0, over log T."""
    def nll(log_t):
        return float(-np.mean(log_softmax(logits, math.exp(log_t), axis=0)[np.arange(len(labels)), labels]))
    return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-10}).x)


def ece_in_percent(probs, labels, n_bins):
    """A right ECE reported in percent, as a table would print it."""
    return 100 * ece_bincount(probs, labels, n_bins)


def ece_overall_accuracy(probs, labels, n_bins):
    """Each bin's mean confidence compared with the accuracy over all the examples, not the bin's own."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    total = 0.0
    for m in range(n_bins):
        in_bin = bins == m
        if in_bin.any():
            total += in_bin.mean() * abs(correct.mean() - confidence[in_bin].mean())
    return float(total)


def fit_notebook_grid(logits, labels):
    """The notebook's 400-point grid and its argmin: steps of 1.1%, far coarser than the check's 1e-4."""
    grid = np.geomspace(0.25, 20, 400)
    return float(grid[int(np.argmin([mean_nll(logits, labels, T) for T in grid]))])


def fit_loose_tolerance(xatol):
    """A bounded search on T stopped by a loose xatol (the default is 1e-5)."""
    def fit(logits, labels):
        return float(scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.05, 20),
                                                    method="bounded", options={"xatol": xatol}).x)
    return fit



def ece_library_imported(probs, labels, n_bins):
    """The library's ECE reached through `from tempnb.calibration import ...` under another name."""
    from tempnb.calibration import expected_calibration_error as library_ece
    return library_ece(probs, labels, n_bins)


def ece_from_reliability_curve(probs, labels, n_bins):
    """The right sum, built from tempnb.reliability_curve's per-bin means and counts (empty bins have count 0)."""
    curve = tempnb.reliability_curve(probs, labels, n_bins)
    filled = curve.count > 0
    return float(np.sum(curve.count[filled] * np.abs(curve.accuracy[filled] - curve.confidence[filled]))
                 / len(labels))


def fit_library_imported(logits, labels):
    """The library's fit reached through `from tempnb.calibration import ...`."""
    from tempnb.calibration import fit_temperature
    return fit_temperature(logits, labels)


def fit_brier(logits, labels):
    """Minimises the Brier score, mean ||q - one_hot||², instead of the mean NLL."""
    one_hot = np.eye(logits.shape[1])[labels]

    def brier(log_t):
        return float(np.mean(np.sum((softmax(logits, math.exp(log_t), axis=1) - one_hot) ** 2, axis=1)))
    return math.exp(scipy.optimize.minimize_scalar(brier, bounds=(-5, 5), method="bounded",
                                                   options={"xatol": 1e-10}).x)


def fit_rounded(decimals):
    """A right search whose T is rounded before it is returned."""
    def fit(logits, labels):
        return round(fit_bounded(logits, labels), decimals)
    return fit


def fit_in_bounds(low, high):
    """Cold read r158 (X1): the exercise's recommended minimize_scalar on the right mean NLL, at scipy's default
    xatol, but bounded to (low, high). Where the minimum lies outside, the bounded method stops just inside the
    bound, never on it (it never evaluates its bounds): for (1, 10) at about 1 + 2 * 1e-5 / 3."""
    def fit(logits, labels):
        return scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(low, high),
                                              method="bounded").x
    return fit


def fit_ece_in_bounds(low, high):
    """The 15-bin ECE minimised instead of the mean NLL, in the bounds of fit_in_bounds."""
    def fit(logits, labels):
        def ece(T):
            return expected_calibration_error(softmax(logits / T, axis=1), labels, 15)
        return scipy.optimize.minimize_scalar(ece, bounds=(low, high), method="bounded").x
    return fit


def fit_sign_flipped_within(low, high):
    """mean(log q of the label) minimised, that is the NLL maximised, in bounds (low, high): it runs to a bound."""
    def fit(logits, labels):
        return scipy.optimize.minimize_scalar(lambda T: -mean_nll(logits, labels, T), bounds=(low, high),
                                              method="bounded").x
    return fit


def fit_naive_logsumexp_silenced(logits, labels):
    """The log-sum-exp without the max-subtraction, with NumPy's warnings silenced: no warning shows on the logits
    plus 1000, where exp(z / T) is inf below T = 1000 / 709.78, so the search lands where the NLL is finite."""
    rows = np.arange(len(labels))

    def nll(T):
        with np.errstate(all="ignore"):
            z = logits / T
            return np.mean(np.log(np.exp(z).sum(axis=1)) - z[rows, labels])

    return scipy.optimize.minimize_scalar(nll, bounds=(0.05, 20), method="bounded").x


def test_fit_temperature_bounds_lead_only_where_they_are_the_cause(capsys):
    """Cold read r158 (X1). A search bounded away from the minimum, after the first case passed (so its objective
    is right) or at a round bound, gets the bounds first, never "an objective other than the mean NLL"; the ECE
    minimised in the same bounds, which stops at no bound and fails the first case, keeps the objective first."""
    for low, high in ((1, 10), (0.5, 5), (0.1, 1), (0.7, 5), (0.1, 1.5)):
        printed = run(capsys, checks.check_fit_temperature, fit_in_bounds(low, high))
        assert "an objective other than the mean NLL" not in printed, printed
    for low, high in ((0.05, 20), (1, 10), (0.5, 5), (0.1, 1)):
        printed = run(capsys, checks.check_fit_temperature, fit_ece_in_bounds(low, high))
        assert "The likeliest cause this far off: an objective other than the mean NLL" in printed, printed
        assert "stops at" not in printed and "passed the first case" not in printed, printed


def test_logsumexp_only_hint_quotes_its_probe_minimum(capsys):
    """Cold read r164 (X3): the hint quotes the T at which the mean log-sum-exp of its probe rows (3, 0, 0) and
    (-1, -3, -3), divided by T, is lowest; here found by minimising that mean directly, not through the derivative's
    root the check solves for."""
    z = np.array([[3.0, 0.0, 0.0], [-1.0, -3.0, -3.0]])
    lowest = math.exp(scipy.optimize.minimize_scalar(
        lambda log_t: np.mean(scipy.special.logsumexp(z / math.exp(log_t), axis=1)), bounds=(-3, 3), method="bounded",
        options={"xatol": 1e-12}).x)
    printed = run(capsys, checks.check_fit_temperature, fit_logsumexp_only_tempered((-5, 5)))
    assert f"your function returns {lowest:.4f}, where the mean logsumexp(logits / T) is lowest" in printed, printed


def test_map_probe_leaves_the_learners_names_alone(capsys):
    """Cold read r164 (X1): the check runs a copy of the learner's function whose globals bind map to a counting
    map; the learner's own namespace keeps no such name, and its functions stay the ones it defined."""
    namespace = {"np": np}
    exec(  # noqa: S102 (a learner's cell: a helper that maps sum over the bins, and the ECE that calls it)
        "def per_bin(rows):\n"
        "    return np.array(list(map(sum, rows)))\n"
        "\n"
        "def my_ece(probs, labels, n_bins):\n"
        "    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)\n"
        "    edges = np.arange(n_bins + 1) / n_bins\n"
        "    masks = (confidence > edges[:-1, None]) & (confidence <= edges[1:, None])\n"
        "    return float(np.abs(per_bin(masks * correct) - per_bin(masks * confidence)).sum() / len(labels))\n",
        namespace)
    helper, ece = namespace["per_bin"], namespace["my_ece"]
    printed = run(capsys, checks.check_ece, ece)
    assert "your function calls map over the bins" in printed, printed  # the map inside the helper is found too
    assert "map" not in namespace and namespace["per_bin"] is helper and namespace["my_ece"] is ece


# Stand-ins for 07's notebook variables, which a learner's function may read instead of its own arguments (the
# notebook's are the overconfident network's validation logits and the teacher's test probabilities).
_notebook_rng = np.random.default_rng(2199)
overfit_val_logits = _notebook_rng.normal(0.0, 6.0, size=(378, 10))
y_val = _notebook_rng.integers(0, 10, size=378)
teacher_test_probs = softmax(_notebook_rng.normal(0.0, 4.0, size=(540, 10)), axis=1)
y_test = _notebook_rng.integers(0, 10, size=540)


def fit_notebook_variables(logits, labels):
    """The grid cell of "Temperature scaling" turned into a search, still reading the notebook's variables: it
    returns their best T whatever it is given."""
    return scipy.optimize.minimize_scalar(lambda T: mean_nll(overfit_val_logits, y_val, T), bounds=(0.05, 20),
                                          method="bounded", options={"xatol": 1e-10}).x


def fit_log_t_with_y_val(logits, labels):
    """Cold read r164 (nit): a right search on the check's logits, but indexed with the notebook's y_val (378 labels)
    in place of its argument labels: the 300 rows of the check's logits run out at row 300."""
    rows = np.arange(len(y_val))
    return math.exp(scipy.optimize.minimize_scalar(
        lambda log_t: -np.mean(log_softmax(logits, math.exp(log_t), axis=1)[rows, y_val]),
        bounds=(-5, 5), method="bounded", options={"xatol": 1e-10}).x)


def fit_logsumexp_only_tempered(bounds):
    """Cold read r164 (X3): the log-sum-exp written by hand, over log T in ``bounds``, but only it divided by T: the
    label's logit is not, so the objective no longer depends on the labels through T."""
    def fit(logits, labels):
        rows = np.arange(len(labels))

        def objective(log_t):
            return np.mean(scipy.special.logsumexp(logits / math.exp(log_t), axis=1) - logits[rows, labels])
        return math.exp(scipy.optimize.minimize_scalar(objective, bounds=bounds, method="bounded",
                                                       options={"xatol": 1e-10}).x)
    return fit


def fit_logsumexp_only_on_the_grid(logits, labels):
    """Cold read r164 (X3) on the notebook's 400-point grid: only the log-sum-exp divided by T, its best grid point
    returned."""
    grid = np.geomspace(0.25, 20, 400)
    rows = np.arange(len(labels))
    objective = [np.mean(scipy.special.logsumexp(logits / T, axis=1) - logits[rows, labels]) for T in grid]
    return float(grid[np.argmin(objective)])


def ece_notebook_variables(probs, labels, n_bins):
    """The vectorised ECE on the notebook's teacher_test_probs and y_test instead of its arguments."""
    confidence, correct = teacher_test_probs.max(axis=1), (teacher_test_probs.argmax(axis=1) == y_test).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    return float(np.abs(np.bincount(bins, correct, n_bins) - np.bincount(bins, confidence, n_bins)).sum() / len(y_test))


def ece_errstate_nansum(probs, labels, n_bins):
    """right / count in every bin with the 0/0 of the empty ones silenced, then np.nansum: the right number and no
    warning, which is all the exercise asks of empty bins."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(bins, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        gaps = np.abs(np.bincount(bins, correct, n_bins) / count - np.bincount(bins, confidence, n_bins) / count)
    return float(np.nansum(count / len(labels) * gaps))


def ece_np_where_divided(probs, labels, n_bins):
    """Cold read r161, X2: per-bin means by np.where(count > 0, sum / count, 0), meant to divide only where a bin holds
    examples; NumPy evaluates sum / count in every bin before np.where chooses, so the empty bins still make 0/0.
    Weighted by count / n afterwards, the number is right."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(bins, minlength=n_bins)
    accuracy = np.where(count > 0, np.bincount(bins, correct, n_bins) / count, 0.0)
    mean_confidence = np.where(count > 0, np.bincount(bins, confidence, n_bins) / count, 0.0)
    return float(np.sum(count / len(labels) * np.abs(accuracy - mean_confidence)))


def ece_where_imported(probs, labels, n_bins):
    """The same np.where trap, with where imported from NumPy inside the function and the division in a helper."""
    from numpy import where

    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(bins, minlength=n_bins)

    def per_bin_mean(weights):
        return where(count > 0, np.bincount(bins, weights, n_bins) / count, 0.0)

    return float(np.sum(count / len(labels) * np.abs(per_bin_mean(correct) - per_bin_mean(confidence))))


def ece_divide_where(probs, labels, n_bins):
    """The fix X2's hint names: np.divide with where=count > 0 divides only in the bins that hold examples, into a
    buffer of zeros, so an empty bin adds 0 and nothing warns."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    bins = np.digitize(confidence, np.arange(n_bins + 1) / n_bins, right=True) - 1
    count = np.bincount(bins, minlength=n_bins)
    accuracy = np.divide(np.bincount(bins, correct, n_bins), count, out=np.zeros(n_bins), where=count > 0)
    mean_confidence = np.divide(np.bincount(bins, confidence, n_bins), count, out=np.zeros(n_bins), where=count > 0)
    return float(np.sum(count / len(labels) * np.abs(accuracy - mean_confidence)))


def ece_float_bins_added_at(probs, labels, n_bins):
    """Cold read r161, X3, as indices: np.ceil(c * M) - 1 is a float array, which np.add.at cannot index with."""
    confidence, correct = probs.max(axis=1), (probs.argmax(axis=1) == labels).astype(float)
    gaps = np.zeros(n_bins)
    np.add.at(gaps, np.ceil(confidence * n_bins) - 1, correct - confidence)
    return float(np.abs(gaps).sum() / len(labels))


WRONG_ANSWERS += [
    # 01 · valid distribution
    (checks.check_is_valid_distribution, lambda p: math.isclose(sum(p), 1, rel_tol=0, abs_tol=1e-6), "negative"),
    # sum tolerances either side of the course's 1e-6: [0.3333333] * 3 is 1e-7 off, [0.5, 0.500005] 5e-6
    (checks.check_is_valid_distribution, lambda p: is_distribution_from_the_notebook(p, 1e-9), "tighter than that"),
    (checks.check_is_valid_distribution, lambda p: is_distribution_from_the_notebook(p, 1e-4), "looser than"),
    (checks.check_is_valid_distribution, lambda p: is_distribution_from_the_notebook(p, 2e-6), "[0.5, 0.5000015]"),
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1))) and math.isclose(sum(p), 1),
     "math.isclose's default"),
    (checks.check_is_valid_distribution,
     lambda p: bool(np.all((np.asarray(p) >= 0) & (np.asarray(p) <= 1))) and bool(np.isclose(np.sum(p), 1)),
     "np.isclose's default"),
    # np.vectorize reports the 'invalid' flag of NaN <= 1 as a RuntimeWarning
    (checks.check_is_valid_distribution, valid_vectorized, "np.vectorize (or np.frompyfunc)"),
    (checks.check_is_valid_distribution, lambda p: np.all(np.asarray(p) >= 0), "sums to 1.1"),
    (checks.check_is_valid_distribution, lambda p: "valid" if math.isclose(sum(p), 1) else "invalid",
     "return True or False"),
    (checks.check_is_valid_distribution, lambda p: 1 if math.isclose(sum(p), 1) else 0, "return True or False"),
    (checks.check_is_valid_distribution, lambda p: np.isclose(np.asarray(p), 1), "return True or False"),
    # 01 · uniform entropy
    (checks.check_uniform_entropy, -np.sum(np.full(4, 0.25) * np.log2(np.full(4, 0.25))), "bits"),
    (checks.check_uniform_entropy, np.array([math.log(4)]), "shape (1,)"),
    (checks.check_uniform_entropy, 0.25, "probability"),
    (checks.check_uniform_entropy, -np.full(4, 0.25) * np.log(0.25), "shape (4,)"),
    (checks.check_uniform_entropy, lambda: math.log(4), "not a function"),
    # 01 · the θ with half the largest entropy
    (checks.check_half_entropy_theta, np.array([0.11]), "shape (1,)"),
    (checks.check_half_entropy_theta, (0.11, math.log(2) / 2), "tuple of 2"),
    (checks.check_half_entropy_theta, 1.5, "in [0, 1]"),
    (checks.check_half_entropy_theta, np.linspace(0, 1, 11), "shape (11,)"),
    # 02 · log-odds
    (checks.check_probability_from_log_odds, math.exp(2) / (1 + math.exp(2)) ** 2, "slope"),
    (checks.check_probability_from_log_odds, [1 / (1 + math.exp(-2))], "you assigned a list"),
    (checks.check_probability_from_log_odds, np.array([1 / (1 + math.exp(-2))]),
     "you assigned an array of shape (1,), [0.880797], not one number: assign float(...) of it"),
    # q_spam = softmax([2.0]): an array of shape (1,) holding 1.0; the hint names the one-entry softmax first
    (checks.check_probability_from_log_odds, softmax([2.0]),
     "you assigned an array of shape (1,), [1.0]: a softmax over the one logit 2? A one-entry softmax is always 1"),
    (checks.check_probability_from_log_odds, [float(softmax([2.0])[0])],
     "you assigned a list, [1.0]: a softmax over the one logit 2? A one-entry softmax is always 1. Log-odds 2 is the "
     "difference of two logits, z₁ - z₀: take softmax([0, 2])[1], or the sigmoid σ(2)"),
    # the hints name the exercise's variable, q_spam
    (checks.check_probability_from_log_odds, [1 / (1 + math.exp(-2))], "e.g. float(q_spam[0])"),
    (checks.check_probability_from_log_odds, np.array([[1 / (1 + math.exp(-2))]]), "float(np.asarray(q_spam).item())"),
    (checks.check_probability_from_log_odds, scipy.special.expit, "you assigned a function; assign the number"),
    # a function of the learner's own: the hint names the mistake, without the function's memory address
    (checks.check_probability_from_log_odds, lambda x: 1 / (1 + math.exp(-x)), "call it on the log-odds"),
    (checks.check_probability_from_log_odds, 0.5, "solve log(q₁ / (1 - q₁)) = 2 for q₁"),
    (checks.check_probability_from_log_odds, 0.8808, "or typed? Assign the unrounded value"),  # σ(2) = 0.880797...
    # computed, then rounded: round(σ(2), 6) = 0.880797 and round(σ(2), 3) = 0.881 name rounding, not only typing
    # (cold read r160, X1); np.round(σ(2), 4) = 0.8808 likewise
    (checks.check_probability_from_log_odds, round(1 / (1 + math.exp(-2)), 6),
     "right to a few digits only: rounded (round() or np.round()) or typed?"),
    (checks.check_probability_from_log_odds, round(1 / (1 + math.exp(-2)), 3), "rounded (round() or np.round())"),
    (checks.check_probability_from_log_odds, np.round(1 / (1 + math.exp(-2)), 4), "rounded (round() or np.round())"),
    # logit where expit was meant: logit(2) is nan
    (checks.check_probability_from_log_odds, float("nan"), "Its inverse, the sigmoid (scipy.special.expit)"),
    # Exercise 2 computed with np.log, but in single precision
    (checks.check_logits_with_first_zero,
     np.log(np.array([0.2, 0.1, 0.7], dtype=np.float32)) - np.log(np.float32(0.2)), "compute in float64"),
    # the probability of the other outcome, 1 - sigmoid(2)
    (checks.check_probability_from_log_odds, 1 - 1 / (1 + math.exp(-2)), "took the complement"),
    # computed in single precision
    (checks.check_probability_from_log_odds, np.float32(1) / (np.float32(1) + np.exp(np.float32(-2))),
     "compute in double precision"),
    # 02 · logits with the first 0
    (checks.check_logits_with_first_zero, [0.0, math.log(2), -math.log(3.5)], "sign"),
    (checks.check_logits_with_first_zero, None, "replace the None"),
    (checks.check_logits_with_first_zero, [0.0, -0.693147], "give three logits"),
    (checks.check_logits_with_first_zero, lambda p: np.log(p) - np.log(p)[0],
     "you assigned a function; assign the array it returns"),
    # complex numbers: the imaginary parts are not dropped (the real parts alone would be right)
    (checks.check_logits_with_first_zero, np.array([0.0, -math.log(2), math.log(3.5)]) + 1e-3j,
     "your logits are complex numbers"),
    # a long answer is shown cut inside its brackets: 13 entries of log(1/13) = -2.564949...
    (checks.check_logits_with_first_zero, tuple(np.log(np.full(13, 1 / 13))),
     "you gave 13 numbers, [-2.56495, -2.56495, -2.56495, -2.56495, -2.56495, -2.56495, …]."),
    # 02 · stable sigmoid
    (checks.check_stable_sigmoid, sigmoid_in_place, "changed its input `x`"),
    # cold read r142: the naive formula written into x; the hint names the in-place write, then the one overflow
    (checks.check_stable_sigmoid, naive_sigmoid_in_place, "two problems. (1) your function changed its input `x`"),
    (checks.check_stable_sigmoid, naive_sigmoid_in_place,
     "(2) it emitted a RuntimeWarning: overflow at x = -1000: exp(-x) overflows for large negative x"),
    (checks.check_stable_sigmoid, naive_sigmoid_assigned_into_x, "(1) your function changed its input `x`"),
    (checks.check_stable_sigmoid, naive_sigmoid_assigned_into_x, "overflow at x = -1000: exp(-x) overflows"),
    (checks.check_stable_sigmoid, naive_sigmoid_negating_x, "changed its input `z`: an in-place write such as"),
    (checks.check_stable_sigmoid, sigmoid_errstate, "silences NumPy's warnings"),
    # the naive formula with its warnings silenced (no np.where in it): the hint names exp(-x) for negative x
    (checks.check_stable_sigmoid, sigmoid_errstate,
     "if NumPy then warns, exp(-x) is overflowing for large negative x"),
    (checks.check_stable_sigmoid, sigmoid_seterr,
     "if NumPy then warns, exp(-x) is overflowing for large negative x"),
    (checks.check_stable_sigmoid, sigmoid_warnings_filter,
     "if NumPy then warns, exp(-x) is overflowing for large negative x"),
    (checks.check_stable_sigmoid, where_over_ignored, "silences some of NumPy's warnings"),
    (checks.check_stable_sigmoid, sigmoid_one_minus, "1 minus a number within 2^-53 of 1"),
    # the tanh form, 0.5 (1 + tanh(x / 2)): 1 + tanh cancels for large negative x
    (checks.check_stable_sigmoid, lambda x: 0.5 * (1 + np.tanh(x / 2)), "1 + tanh(x / 2)"),
    (checks.check_batch_softmax, batch_softmax_sum_without_keepdims, "the maximum is right (keepdims=True)"),
    (checks.check_soft_loss, soft_term_padded_log, "your value is what an ε of 1e-12 inside the log gives"),
    (checks.check_numerical_gradient, lambda f, x: central_differences(f, x, 1e-10),
     "so small that rounding dominates"),
    (checks.check_numerical_gradient, lambda f, x: central_differences(f, x, 1e-13), "a step so small"),
    # a negative step makes forward differences backward ones: (f(x) - f(x - 1e-4)) / 1e-4
    (checks.check_numerical_gradient, lambda f, x: forward_differences(f, x, -1e-4), "backward (f(x) − f(x−h)) / h"),
    (checks.check_logit_matching, LOGIT_LIMIT.reshape(1, 3), "the shape is not"),
    (checks.check_logit_matching, 100 * (softmax(S / 100) - softmax(T_LOGITS / 100)), "large but finite T"),
    (checks.check_stable_sigmoid, sigmoid_positive_side_only,
     "the entries with x < 0 are wrong even where x is small"),
    (checks.check_stable_sigmoid, sigmoid_negative_side_only,
     "the entries with x >= 0 are wrong even where x is small"),
    (checks.check_stable_sigmoid, sigmoid_whole_right_hand_side, "computed from x[negative] only"),
    (checks.check_stable_sigmoid, sigmoid_float32, "your sigmoid returns float32"),
    # a comparison's True passed where the probability was wanted
    (checks.check_probability_from_log_odds, np.float64(2.0) > 0.5, "you assigned a boolean"),
    # a value exercise: the hint says "assign", as the exercise does
    (checks.check_probability_from_log_odds, "0.8808", "assign one number (a float), not the string '0.8808'"),
    (checks.check_logits_with_first_zero, np.array([[0.0, -math.log(2), math.log(3.5)]]), "shape (3,)"),
    # a value exercise: the shape hint says assign, not return
    (checks.check_logits_with_first_zero, np.array([[0.0, -math.log(2), math.log(3.5)]]),
     "the shape is not: assign a flat array"),
    (checks.check_stable_sigmoid, sigmoid_seterr, "silences NumPy's warnings"),
    (checks.check_stable_sigmoid, sigmoid_strict_masks, "masks x > 0 and x < 0 skip x = 0"),
    # the cause first, then the value found at x = 0 (np.zeros_like's 0 here)
    (checks.check_stable_sigmoid, sigmoid_strict_masks,
     "x = 0 is never written (neither mask covers it): on [0.0], at x = 0 your sigmoid gives 0, the exact value is "
     "0.5"),
    (checks.check_stable_sigmoid, sigmoid_strict_masks_empty,
     "Not yet: x = 0 is never written (neither mask covers it)"),
    (checks.check_stable_sigmoid, sigmoid_masks_integer_output, "on integers, np.arange(-2, 3)"),
    # np.empty_like may leave anything at x = 0, NaN included
    (checks.check_stable_sigmoid, sigmoid_strict_masks_nan, "masks x > 0 and x < 0 skip x = 0"),
    # silencers the sigmoid's own code does not name: seen while it runs
    (checks.check_stable_sigmoid, where_silenced_in_helper, "your values are right, but"),
    (checks.check_stable_sigmoid, where_warnings_off_in_helper, "your values are right, but"),
    (checks.check_stable_sigmoid, where_decorated_silent, "your values are right, but"),
    (checks.check_stable_sigmoid, where_alias_silent, "your values are right, but"),
    (checks.check_stable_sigmoid, where_all_silenced, "your values are right, but"),
    # the tip's exp(-|x|) taken halfway: 1 / (1 + exp(-|x|)) is sigma(|x|), right only for x >= 0
    (checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-np.abs(x))), "For x < 0 you return σ(-x)"),
    # σ(-x) on both sides, from np.where's branches exchanged or x's sign flipped in both formulas: one hint names
    # both sides (cold read r160, X2), instead of the x < 0 side first and the x >= 0 side after its fix
    (checks.check_stable_sigmoid, sigmoid_abs_branches_swapped,
     "On both sides of 0 you return σ(-x) = 1 - σ(x): your two branches are swapped"),
    (checks.check_stable_sigmoid, sigmoid_masks_sign_flipped, "or x's sign is flipped in both formulas"),
    (check_stable_sigmoid_subnormal, sigmoid_abs_branches_swapped, "On both sides of 0 you return σ(-x)"),
    # a complex output passed as its real part, imaginary parts dropped (cold read r160, X3): a false accept fixed
    (checks.check_stable_sigmoid, lambda x: stable_sigmoid_abs(x).astype(complex), "returns complex numbers"),
    (checks.check_stable_sigmoid, lambda x: stable_sigmoid_abs(x) + 1j, "returns complex numbers (complex128)"),
    (check_stable_sigmoid_subnormal, lambda x: list(stable_sigmoid_masks(x).astype(complex)),
     "the sigmoid of a real x is real"),
    (checks.check_stable_sigmoid, abs_form_silenced, "your values are right, but"),
    # np.errstate counts by what it turns off: overflow, divide or invalid (on by default), not underflow
    (checks.check_stable_sigmoid, stable_sigmoid_over_ignored, "your values are right, but"),
    (checks.check_stable_sigmoid, stable_sigmoid_under_and_divide_ignored, "your values are right, but"),
    (checks.check_stable_sigmoid, sigmoid_warnings_filter, "silences NumPy's warnings"),
    (checks.check_stable_sigmoid, sigmoid_tanh_form_list, "one value per entry"),
    (checks.check_stable_sigmoid, lambda x: None, "returned None"),
    # right values, but one number at a time: the exercise asks for NumPy's array operations
    (checks.check_stable_sigmoid, sigmoid_vectorized, "uses np.vectorize, which calls a Python function"),
    (checks.check_stable_sigmoid, lambda x: np.vectorize(lambda v: float(1 / (1 + np.exp(-abs(v)))) if v >= 0
                                                         else float(np.exp(v) / (1 + np.exp(v))))(x),
     "NumPy's array operations"),
    (checks.check_stable_sigmoid, sigmoid_math_exp_flat, "uses math.exp, which takes one number"),
    # math.exp (or np.exp) called from C by map or np.frompyfunc: no Python line runs per entry, so the code is read
    (checks.check_stable_sigmoid, sigmoid_map_math_exp,
     "uses math.exp, which takes one number at a time (handed to map"),
    (checks.check_stable_sigmoid, sigmoid_frompyfunc_math_exp, "uses math.exp, which takes one number"),
    (checks.check_stable_sigmoid, sigmoid_map_local_math_exp, "uses math.exp, which takes one number"),
    (checks.check_stable_sigmoid, sigmoid_map_np_exp, "uses map, which calls a function once per entry"),
    (checks.check_stable_sigmoid, sigmoid_frompyfunc_np_exp, "uses np.frompyfunc, which calls a function once"),
    # scipy's sigmoids imported inside the function (IMPORT_FROM), under their own name or another
    (checks.check_stable_sigmoid, sigmoid_local_expit, "that is scipy's expit"),
    (checks.check_stable_sigmoid, sigmoid_local_expit_aliased, "that is scipy's expit"),
    (checks.check_stable_sigmoid, sigmoid_local_log_expit, "that is scipy's log_expit"),
    # a result of the wrong shape: named by what came back, with no math.exp where none was used
    (checks.check_stable_sigmoid, sigmoid_returns_mask_too, "returned a tuple of 2 items"),
    (checks.check_stable_sigmoid, sigmoid_returns_mask_too, "Return the sigmoid's values alone, `return out`"),
    # six of the twelve points are negative (-1000, -40, -27.6, -2, -700, -708)
    (checks.check_stable_sigmoid, sigmoid_negative_half_returned, "your result (6,), 6 values for 12 entries"),
    (checks.check_stable_sigmoid, sigmoid_negative_half_returned, "put both sides into one output of x's shape"),
    (checks.check_stable_sigmoid, sigmoid_sides_concatenated, "they are in another order"),
    (checks.check_stable_sigmoid, sigmoid_sides_concatenated, "np.concatenate"),
    # scipy's sigmoid ready-made, given as is or called inside the learner's function: right values, not the task
    (checks.check_stable_sigmoid, scipy.special.expit, "that is scipy's expit"),
    (checks.check_stable_sigmoid, lambda x: scipy.special.expit(x), "write your own with np.exp and boolean masks"),
    # scipy's log_expit turned back into the sigmoid: ready-made too
    (checks.check_stable_sigmoid, lambda x: np.exp(scipy.special.log_expit(x)), "that is scipy's log_expit"),
    # integers in, np.arange(-2, 3): an output made by np.zeros_like of x, or as a copy of x, is an integer array too
    (checks.check_stable_sigmoid, sigmoid_zeros_like_of_x,
     "on integers, np.arange(-2, 3), it gives [0, 0, 0, 0, 0]: an output made from an integer x is an integer "
     "array (np.empty_like(x), np.zeros_like(x)"),
    (checks.check_stable_sigmoid, sigmoid_copy_of_x, "x.copy() and np.array(x) all keep x's dtype"),
    # the slope returned: shown where it is wrong in its first digit, at x = -2, not at -27.6 (right to 11 digits
    # there): e^-2 / (1 + e^-2)^2 = 0.1049935854..., sigma(-2) = 1 / (1 + e^2) = 0.1192029220...
    (checks.check_stable_sigmoid, sigmoid_slope_returned,
     "at x = -2 your sigmoid gives 0.104994, the exact value is 0.119203"),
    # the right formula on the x < 0 side, in float32 or float16: a precision hint, not "check the formula"
    (checks.check_stable_sigmoid, sigmoid_negative_side_in(np.float32),
     "The formula there is right; its precision is not: they are float32 numbers"),
    (checks.check_stable_sigmoid, sigmoid_negative_side_in(np.float16), "they are float16 numbers"),
    # e typed to ten digits on the x < 0 side: 2.718281828 is e(1 - 1.7e-10), so 2.718281828**-2 is off by a relative
    # 3.4e-10 from e^-2, above the check's 1e-12 but no slip in the formula
    (checks.check_stable_sigmoid, sigmoid_negative_side_typed_e,
     "The formula there is right; its precision is not: something on that side loses digits"),
    (checks.check_stable_sigmoid, sigmoid_float32_then_float64, "Your values are float32 numbers"),
    # a warning that is not NumPy's floating-point one: no advice about exp
    (checks.check_stable_sigmoid, sigmoid_as_matrix, "a PendingDeprecationWarning about np.matrix"),
    (checks.check_stable_sigmoid, sigmoid_warns_of_its_own,
     "it emitted a UserWarning: x has many entries. That is not about exp overflowing"),
    # NumPy's own message ends in a full stop: one full stop, not two, before the hint goes on (cold read r147)
    (checks.check_stable_sigmoid, sigmoid_divide_where_without_out, "use out=None. That is not about exp overflowing"),
    # cold read r147. X1: np.vectorize (or np.frompyfunc) is the sigmoid itself, so no call comes from the learner's
    # code and no line of it loops; the hint names the wrapper, not a loop
    (checks.check_stable_sigmoid, sigmoid_vectorize_decorated,
     "your sigmoid is made by np.vectorize (the @np.vectorize decorator, or stable_sigmoid = np.vectorize(f))"),
    (checks.check_stable_sigmoid, np.vectorize(sigmoid_of_one_number), "which calls a Python function once per entry"),
    (checks.check_stable_sigmoid, functools.partial(sigmoid_vectorize_decorated), "made by np.vectorize"),
    (checks.check_stable_sigmoid, SIGMOID_FROMPYFUNC, "your sigmoid is made by np.frompyfunc"),
    (checks.check_stable_sigmoid, sigmoid_through_global_frompyfunc,
     "uses np.frompyfunc, which calls a function once per entry"),
    # X2: scipy's expit wrapped (np.vectorize, functools.partial) or kept in a dict: still scipy's, no ✅
    (checks.check_stable_sigmoid, np.vectorize(scipy.special.expit), "that is scipy's expit"),
    (checks.check_stable_sigmoid, functools.partial(scipy.special.expit), "that is scipy's expit"),
    (checks.check_stable_sigmoid, sigmoid_expit_from_a_dict, "that is scipy's expit"),
    # X4: the naive formula in np.longdouble, converted back to float64, is named by the names its code uses
    (checks.check_stable_sigmoid, sigmoid_naive_longdouble_back_to_float,
     "at x = -100000 it emitted a RuntimeWarning: overflow"),
    (checks.check_stable_sigmoid, sigmoid_naive_longdouble_back_to_float,
     "only moves exp's overflow out, from about 709.78 to about 11356"),
    # X5: values of exactly 0 or 1 at |x| <= 2, where σ is between σ(-2) = 1 / (1 + e^2) ≈ 0.119 and σ(1.5) ≈ 0.818:
    # a step, not a cancellation. A fallback for the whole array, right on [-2, 0, 0.5, 1.5] alone
    (checks.check_stable_sigmoid, sigmoid_step_after_overflow,
     "at x = -2 your sigmoid gives 0, the exact value is 0.119203: near 0 your values are exactly 0 or 1, a step, "
     "yet on [-2.0, 0.0, 0.5, 1.5] alone your sigmoid is right"),
    (checks.check_stable_sigmoid, sigmoid_step_after_overflow, "the whole array was replaced by a fallback"),
    (check_stable_sigmoid_subnormal, sigmoid_step_after_overflow, "the whole array was replaced by a fallback"),
    (checks.check_stable_sigmoid, lambda x: (np.asarray(x, dtype=float) >= 0).astype(float),
     "a step (a comparison such as x >= 0, or np.heaviside)"),
    (checks.check_stable_sigmoid, lambda x: np.heaviside(np.asarray(x, dtype=float), 0.5), "a step"),
    (checks.check_stable_sigmoid, sigmoid_rounded_to_whole, "the sigmoid rounded to whole numbers, 0 or 1"),
    # 03 · stable softmax
    (checks.check_stable_softmax, softmax_in_place, "changed its input `z`"),
    (checks.check_stable_softmax, lambda z: np.exp(z - z.max(), out=z) / z.sum(), "changed its input `z`"),
    (checks.check_stable_softmax, softmax_list_loop, "Subtract the maximum"),
    (checks.check_stable_softmax, softmax_divide_by_max, "divided by the wrong total"),
    (checks.check_stable_softmax, softmax_plain_shift_no_exp, "expected [0.25, 0.75]"),
    (checks.check_stable_softmax, lambda z: None, "returned None"),
    # 03 · log-sum-exp
    (checks.check_logsumexp, logsumexp_in_place, "changed its input `z`"),
    (checks.check_logsumexp, logsumexp_keepdims, "shape (1,)"),
    (checks.check_logsumexp, logsumexp_max_only, "should be"),
    (checks.check_logsumexp, logsumexp_tuple, "tuple of 2"),
    (checks.check_logsumexp, logsumexp_nan_on_inf, "returned nan"),
    (checks.check_logsumexp, lambda z: scipy.optimize.minimize_scalar(lambda v: (v - 1) ** 2), "OptimizeResult"),
    # 03 · batch softmax
    (checks.check_batch_softmax, batch_max_without_keepdims, "rows sum to 1 but their values are wrong"),
    (checks.check_batch_softmax, batch_max_without_keepdims, "keepdims=True"),
    (checks.check_batch_softmax, batch_sum_without_keepdims, "keepdims"),
    # one slip names only that slip: a max without keepdims (keepdims sum), a sum without keepdims (keepdims max)
    (checks.check_batch_softmax, batch_max_without_keepdims, "z.max(axis=1) has shape (B,)"),
    (checks.check_batch_softmax, batch_sum_without_keepdims, "exps.sum(axis=1) has shape (B,)"),
    (checks.check_batch_softmax, batch_in_place, "changed its input `x`"),
    # the right rows returned as columns: on the square [[1, 2], [3, 5]] the hint names the transpose
    (checks.check_batch_softmax, batch_transposed, "the right one transposed"),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x.T, axis=0), "drop the .T, or the swapped axes"),
    (checks.check_batch_softmax, batch_flattened_softmax, "whole batch"),
    # 03 · softmax along any axis (Exercise 3 since the twentieth cold read): my_softmax_along(z, axis)
    # the notebook's batch_softmax with the axis unused: right on [[1, 2], [3, 5]] with axis=1, and on
    # [[1, 3], [2, 5]] with axis=0 it normalises the rows (axis 1, the last) instead of the columns
    (checks.check_softmax_along_axis, along_batch_softmax_copied, "that normalises along axis 1, but the check "
                                                                  "passed axis=0"),
    (checks.check_softmax_along_axis, along_batch_softmax_copied, "batch_softmax above fixes axis=1"),
    # cold read r139, X1: the starter's hint names the symptom and the idea, not the line of code
    (checks.check_softmax_along_axis, along_starter, "that normalises along axis 1, but the check passed axis=0"),
    (checks.check_softmax_along_axis, along_starter,
     "Use the axis you are given, for both the maximum and the sum, and keep each maximum and each sum lined up"),
    # a fixed axis that is not the last is a later attempt's slip: on [[1, 2], [3, 5]] with axis=1, a softmax down
    # the columns; its hint names the code
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=0),
     "that normalises along axis 0, but the check passed axis=1: use the axis you are given for both the max and "
     "the sum, z.max(axis=axis, keepdims=True)"),
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=0),
     "Not a fixed number: the axis changes from call to call"),
    (checks.check_softmax_along_axis, along_last_axis_always, "that normalises along axis 1, but the check passed "
                                                              "axis=0"),
    # batch_softmax itself, one parameter: the call with (z, axis) raises TypeError
    (checks.check_softmax_along_axis, batch_softmax_one_parameter, "takes 1 positional argument but 2 were given"),
    (checks.check_softmax_along_axis, batch_softmax_one_parameter, "def my_softmax_along(z, axis)"),
    # keepdims left out: on the square [[1, 2], [3, 5]] with axis=1 the (2,) maxima or sums line up with the columns
    (checks.check_softmax_along_axis, along_max_without_keepdims, "z.max(axis=axis) without keepdims=True drops "
                                                                  "that axis"),
    (checks.check_softmax_along_axis, along_sum_without_keepdims, "the maximum is right (keepdims=True), but the "
                                                                  "sum is not"),
    (checks.check_softmax_along_axis, along_without_keepdims, "add keepdims=True to both"),
    # the axis moved to the end and left there: right on 2-D rows, transposed on [[1, 3], [2, 5]] with axis=0
    (checks.check_softmax_along_axis, along_moved_to_the_end, "your result is the right one transposed"),
    (checks.check_softmax_along_axis, along_transposed_for_axis_0, "the right one transposed"),
    (checks.check_softmax_along_axis, along_transposed_for_axis_0, "np.moveaxis(result, -1, axis)"),
    # rows of z.shape[axis] neighbours: right on 2-D arrays (axis 1 is last; for axis 0 of the square
    # [[1, 3], [2, 5]] reshape(-1, 2) keeps the rows, which is a normalisation along axis 1)
    (checks.check_softmax_along_axis, along_reshaped_into_rows, "that normalises along axis 1"),
    (checks.check_softmax_along_axis, along_reshaped_into_rows, "or a reshape into rows"),
    (checks.check_softmax_along_axis, along_slices_loop, "each slice z[i] was normalised as a whole"),
    (checks.check_softmax_along_axis, along_slices_loop, "hands your code a (3, 4) slice"),
    (checks.check_softmax_along_axis, along_rows_python, "it raised ValueError: The truth value of an array"),
    (checks.check_softmax_along_axis, along_rows_python, "np.apply_along_axis(your_softmax, axis, z)"),
    (checks.check_softmax_along_axis, along_global_max, "on [[0, 1], [-1000, -999]] with axis=1, it emitted a "
                                                        "RuntimeWarning: invalid value"),
    (checks.check_softmax_along_axis, along_global_max, "far below the array's largest logit"),
    (checks.check_softmax_along_axis, along_whole_array, "you normalised over the whole array"),
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=None), "the whole array"),
    (checks.check_softmax_along_axis, along_max_along_last, "the maximum was taken along axis 1, not axis=0"),
    (checks.check_softmax_along_axis, along_sum_along_last, "the sum is along axis 1, so your result sums to 1 "
                                                            "along axis 1"),
    # 1e-9 added to each exponential: on [[1, 2], [3, 5]] row [3, 5] has e = [e^-2, 1] and S = 1 + e^-2, so its first
    # entry is too large by a relative eps (e^2 - 2 / (1 + e^-2)) = 5.63 eps, above the row [1, 2]'s 1.26 eps
    (checks.check_softmax_along_axis, along_epsilon_each_exp, "what an epsilon added to each exponential gives"),
    (checks.check_softmax_along_axis, along_epsilon_each_exp, "(largest relative error 5.6e-09)"),
    (checks.check_softmax_along_axis, along_epsilon_each_exp, "return e / e.sum(axis=axis, keepdims=True)"),
    # 1e-12 on each: 5.6e-12 relative on that entry, beyond the relative 1e-12, named the same way
    (checks.check_softmax_along_axis, lambda z, axis: along_epsilon_each_exp(z, axis, 1e-12),
     "an epsilon added to each exponential"),
    # 1e-15 on each: within 1e-12 where no entry is tiny, so first seen where an entry should be 0
    (checks.check_softmax_along_axis, lambda z, axis: along_epsilon_each_exp(z, axis, 1e-15),
     "an entry that should be 0 or nearly 0 (below 1e-12) is not (entry [0, 0]"),
    (checks.check_softmax_along_axis, along_epsilon_in_sum, "an epsilon was added to the sum"),
    (checks.check_softmax_along_axis, along_epsilon_in_sum, "every entry of a distribution is too small by the same "
                                                            "factor"),
    # 5e-13 in the sum: within the relative 1e-12 (5e-13 / S), named by its one common factor as in Exercise 1
    (checks.check_softmax_along_axis, lambda z, axis: along_epsilon_in_sum(z, axis, 5e-13),
     "an epsilon was added to the sum"),
    (checks.check_softmax_along_axis, along_mean_shift, "it emitted a RuntimeWarning: overflow"),
    (checks.check_softmax_along_axis, along_mean_shift, "only z.max(axis=axis, keepdims=True) makes every exponent"),
    (checks.check_softmax_along_axis, along_in_place, "changed its input `z`"),
    # clipped to ±500: the far row [-1000, -999] of [[0, 1], [-1000, -999]] becomes [-500, -500], so [0.5, 0.5]
    (checks.check_softmax_along_axis, along_clipped, "you clipped the logits (np.clip)"),
    (checks.check_softmax_along_axis, along_clipped, "[[0.268941, 0.731059], [0.5, 0.5]]"),
    (checks.check_softmax_along_axis, along_exponent_floored, "(entry [0, 0]: a relative error of inf (yours is "
                                                              "1.93e-22, the right value 0))"),
    (checks.check_softmax_along_axis, along_exponent_floored, "no floor on the exponent"),
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.log_softmax(z, axis=axis), "log-probabilities"),
    # float32 keeps 24 bits: off by up to 2^-24 = 6e-8 relative, a near miss
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axis=axis).astype(np.float32),
     "not within the check's relative 1e-12 (on [[1, 2], [3, 5]] with axis=1: largest relative error"),
    # e / (1 + e) = 0.731059 rounds to 0.7311
    (checks.check_softmax_along_axis, lambda z, axis: np.round(scipy.special.softmax(z, axis=axis), 4),
     "you rounded your answer to 4 decimals ([[0.2689, 0.7311]"),
    # the naive formula: no shift, so [-1000, -999] underflows to 0 / 0
    (checks.check_softmax_along_axis, lambda z, axis: np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True),
     "underflowed to 0/0"),
    # the moved axis left at the end of the 3-D array: shape (2, 4, 3) for axis=1, not (2, 3, 4)
    (checks.check_softmax_along_axis, lambda z, axis: along_solution(z, axis) if z.ndim < 3 else
     along_moved_to_the_end(z, axis), "with axis=1 moved to the end and left there: your result has shape "
                                      "(2, 4, 3), z has shape (2, 3, 4)"),
    # the middle axis of the 3-D array by reshape: rows of 3 neighbours along the last axis
    (checks.check_softmax_along_axis, lambda z, axis: along_solution(z, axis) if z.ndim < 3 or axis != 1 else
     along_reshaped_into_rows(z, axis), "z.reshape(-1, 3) makes rows of 3 neighbouring entries"),
    (checks.check_softmax_along_axis, along_keeps_two_dimensions, "return an array of z's shape, (2,)"),
    (checks.check_softmax_along_axis, lambda z, axis: None, "returned None"),
    # 04 · tempered softmax
    (checks.check_tempered_softmax, tempered_in_place, "changed its input `z`"),
    (checks.check_tempered_softmax, tempered_shift_before_divide_wrong, "multiplied by T"),
    (checks.check_tempered_softmax, tempered_probabilities_powered, "multiplied by T"),
    (checks.check_tempered_softmax, tempered_log_probs, "logarithm of the answer"),
    (checks.check_tempered_softmax, lambda z, T: float(tempered_no_limit(z, T)[0]), "expected"),
    # not a function: its result passed (the function called in the check's parentheses), its name in quotes, None
    (checks.check_tempered_softmax, tempered_from_scratch(np.array([1.0, 2.0]), 1.0),
     "pass your function itself, my_tempered_softmax, without calling it"),
    # softmax([1, 2]) = [1, e] / (1 + e) = [0.2689414, 0.7310586]
    (checks.check_tempered_softmax, tempered_from_scratch(np.array([1.0, 2.0]), 1.0),
     "you passed [0.268941, 0.731059]"),
    (checks.check_tempered_softmax, "my_tempered_softmax", "without quotes"),
    (checks.check_tempered_softmax, None, "you passed what it returned, and it returned None"),
    # overflow silenced with np.errstate and the nan made 0 by np.nan_to_num: all zeros, named as such
    (checks.check_tempered_softmax, tempered_silenced_nan_to_num, "on [1, 2, 3] at T = 0.001 your result is all zeros"),
    (checks.check_tempered_softmax, tempered_silenced_nan_to_num, "if your function silences the warning"),
    (checks.check_tempered_softmax, tempered_silenced_no_limit, "on [1, 2, 3] at T = 0 your result is all zeros"),
    (checks.check_tempered_softmax, tempered_silenced_no_limit, "Test for T == 0 before dividing"),
    # a library softmax however the function reaches it: two helpers deep, a functools.partial, only at T = 0
    (checks.check_tempered_softmax, tempered_scipy_two_levels, "your function calls scipy.special.softmax"),
    (checks.check_tempered_softmax, tempered_scipy_partial, "your function calls scipy.special.softmax"),
    (checks.check_tempered_softmax, tempered_tempnb_only_at_zero, "your function calls tempnb's softmax"),
    # cold read r165, X1: a method or function used without its (): a TypeError that names 'float' and the function's
    # type, which is not the arguments given the wrong way round (test_tempered_softmax_uncalled_and_reordered_...)
    (checks.check_tempered_softmax, tempered_max_uncalled,
     "it raised TypeError: unsupported operand type(s) for -: 'float' and 'builtin_function_or_method'. A function or "
     "method was used as a number without being called"),
    (checks.check_tempered_softmax, tempered_sum_uncalled,
     "for /: 'float' and 'builtin_function_or_method'. A function or method was used as a number"),
    (checks.check_tempered_softmax, tempered_builtin_max_uncalled, "z.max(), e.sum(), max(z) or np.max(z)"),
    (checks.check_tempered_softmax, tempered_np_max_uncalled,
     "'float' and 'numpy._ArrayFunctionDispatcher'. A function or method was used as a number"),
    # cold read r165, X3: on the first case, odds 3 : 1 squared, [1/10, 9/10], come out as [9/10, 1/10] whether the
    # logits were sorted largest first, the result reversed or the sign flipped; the check tells them apart on [3, 1, 2]
    (checks.check_tempered_softmax, tempered_sorted_descending,
     "on the logits of [0.25, 0.75] at T = 0.5 your result, [0.9, 0.1], comes out largest first"),
    (checks.check_tempered_softmax, tempered_sorted_reverse_true, "you sorted z largest first"),
    (checks.check_tempered_softmax, tempered_reversed_result, "your result, [0.9, 0.1], comes out back to front"),
    # 1 - p is none of the three on [3, 1, 2] (its entries there sum to 2): the flipped-sign hint, naming the others
    (checks.check_tempered_softmax, tempered_one_minus, "favours the smallest logit"),
    (checks.check_tempered_softmax, tempered_one_minus, "which on two logits looks the same"),
    # cold read r165, X4: half precision, named as such rather than as a sum that misses 1
    (checks.check_tempered_softmax, tempered_float16,
     "on the logits of [0.25, 0.75] at T = 0.5 your values are half-precision numbers, right to about 3 digits only"),
    # 04 · odds
    (checks.check_odds_temperature, 0.333, "rounded 1/3"),
    # float32 keeps about 7 digits: a rounded 1/3 under the check's relative 1e-9
    (checks.check_odds_temperature, np.float32(1 / 3), "rounded 1/3"),
    # the hint shows the learner's value to 10 digits, so a rounded 1/3 visibly differs from it
    (checks.check_odds_temperature, 0.3333333222, "0.3333333222 is a rounded 1/3"),
    (checks.check_odds_temperature, 1 / 27, "3**27"),
    # the reciprocal of the factor 9: its own hint (not the one for 9), with the odds it gives
    (checks.check_odds_temperature, 1 / 9, "with T = 1/9 the odds become 3**9 = 19683 : 1; 1/T must be 3"),
    (checks.check_odds_temperature, [1 / 3], "a list"),
    # a value exercise: "assign", and the list's number when it is the answer
    (checks.check_odds_temperature, [1 / 3], "you assigned a list, [0.333333]; assign the number 1 / 3."),
    (checks.check_odds_temperature, [3], "you assigned a list, [3.0]; assign one number"),
    # the answer in quotes: a string, not the number
    (checks.check_odds_temperature, "1/3", "assign a number, e.g. 1 / 3, not the string '1/3'"),
    (checks.check_odds_temperature, "0.3", "not the string '0.3'"),
    (checks.check_odds_temperature, "one third", "assign a number (a float), not the string"),
    # a rounded 1/3 in quotes: the number it stands for is named as rounded too, not offered as the answer
    (checks.check_odds_temperature, "0.33", "0.33 is a rounded 1/3"),
    (checks.check_odds_temperature, "0.33", "type 1 / 3, without quotes"),
    # odds_temperature = 1 / 3, with a comma at the end: the tuple (1 / 3,)
    (checks.check_odds_temperature, (1 / 3,), "you assigned a tuple, (0.333333,): the comma at the end of the line"),
    # cold read r165, X2: below about T = 0.00155, 3 ** (1 / T) is beyond the largest double (1 / T · log 3 > 709.78)
    # and the check raised OverflowError. The odds are 3^(1/T), of about (1 / T) · log10 3 digits; the digits were
    # computed with Decimal at 40 digits: 729 · log10 3 = 347.821, 1000 · log10 3 = 477.121,
    # 3**27 · log10 3 = 7625597484987 · 0.4771213 = 3.63833e12, 19683 · log10 3 = 9391.18, 1e300 · log10 3 = 4.77121e299
    (checks.check_odds_temperature, 1 / 27**2, "with T = 0.001372 the odds become 3^729:1, about 10^347.8:1."),
    (checks.check_odds_temperature, 1 / 729, "the odds become 3^729:1, about 10^347.8:1."),
    (checks.check_odds_temperature, 0.001, "with T = 0.001 the odds become 3^1000:1, about 10^477.1:1."),
    (checks.check_odds_temperature, 1 / 3**27, "the odds become 3^7625597484987:1, about 10^3.638e+12:1."),
    (checks.check_odds_temperature, 1 / 27**3, "with T = 5.081e-05 the odds become 3^19683:1, about 10^9391:1."),
    (checks.check_odds_temperature, 1e-300, "with T = 1e-300 the odds become 3^1e+300:1, about 10^4.771e+299:1."),
    # the smallest positive double, 2**-1074 = 4.94066e-324: 1 / T is 2**1074 = 2.02402e323 (beyond the largest double,
    # so inf in floats), and 2**1074 · log10 3 = 9.65702e322
    (checks.check_odds_temperature, 5e-324,
     "with T = 4.941e-324 the odds become 3^2.024e+323:1, about 10^9.657e+322:1."),
    # just above the edge the odds are still a double: 3 ** (1 / 0.0016) = 3 ** 625 = 1.58797e298 (Decimal)
    (checks.check_odds_temperature, 0.0016, "with T = 0.0016 the odds become 1.588e+298:1."),
    # 04 · top probability 0.5
    (checks.check_half_temperature, 20.7809, "a short decimal: a value typed from a printout, brentq's result rounded"),
    # brentq with a loose xtol stops at 20.78086899, close but not within 1e-9
    (checks.check_half_temperature, scipy.optimize.brentq(
        lambda T: float(softmax([10.0, 20.0, 30.0], T)[2]) - 0.5, 1, 100, xtol=1e-3),
     "brentq with a loosened xtol or rtol (or newton or fsolve with a loosened tol or xtol)"),
    # a minimiser on the squared residual stops at a tolerance on T (Brent's 1.5e-8 of T, or xatol = 1e-5 bounded)
    (checks.check_half_temperature, half_temperature_minimize_scalar(),
     "a minimiser such as scipy.optimize.minimize_scalar on the squared or absolute residual"),
    (checks.check_half_temperature, half_temperature_minimize_scalar("bounded"), "1e-5 with method='bounded'"),
    # newton with a loosened tol stops at 20.7808686
    (checks.check_half_temperature, half_temperature_newton_loose(), "newton or fsolve with a loosened tol"),
    # a comma at the end of the assignment: half_temperature = brentq(...), is a tuple of one number
    (checks.check_half_temperature, (GOLDEN_T,), "the comma at the end of the line makes one"),
    # brentq(..., full_output=True) returns the pair (root, RootResults)
    (checks.check_half_temperature, scipy.optimize.brentq(
        lambda T: float(softmax([10.0, 20.0, 30.0], T)[2]) - 0.5, 1, 100, full_output=True),
     "brentq with full_output=True returns (root, RootResults): take [0]."),
    # the hint shows the learner's value to 10 digits (not rounded to 6: 20.7809)
    (checks.check_half_temperature, 20.78087, "20.78087 is close but not exact"),
    (checks.check_half_temperature, np.array([GOLDEN_T]), "shape (1,)"),
    (checks.check_half_temperature, scipy.optimize.root_scalar(
        lambda T: float(softmax([10.0, 20.0, 30.0], T)[2]) - 0.5, bracket=[1, 100]), "result.root"),
    # 04 · entropy at 2 nats
    (checks.check_entropy_temperature, "0.8", "single number"),
    (checks.check_entropy_temperature, float("nan"), "single number"),
    (checks.check_entropy_temperature, 0.0, "positive"),
    # root_scalar's whole RootResults (no .root), and an array of shape (1,) (np.array([...]) or fsolve's result)
    (checks.check_entropy_temperature, entropy_temperature_root_results(),
     "you assigned a RootResults (from root_scalar, or brentq with full_output=True): assign the number"),
    # brentq(..., full_output=True) returns (root, RootResults): its [1] is a RootResults too
    (checks.check_entropy_temperature, entropy_temperature_brentq_full_output(),
     "a RootResults (from root_scalar, or brentq with full_output=True)"),
    (checks.check_entropy_temperature, np.array([brentq_entropy_temperature()]), "an array of shape (1,)"),
    # minimize_scalar(method="bounded") on the squared residual, and newton with a loosened tol: close, not within 1e-6
    (checks.check_entropy_temperature, entropy_temperature_minimize_bounded(),
     "minimize_scalar(method='bounded'), which stops within xatol = 1e-5 of T"),
    (checks.check_entropy_temperature, entropy_temperature_newton_loose(), "newton or fsolve with a loosened tol"),
    # entropy_temperature = brentq(...), with a comma at the end
    (checks.check_entropy_temperature, (brentq_entropy_temperature(),), "Remove the comma and assign the number"),
    # 05 · soft loss
    (checks.check_soft_loss, soft_np_log, "log_softmax"),
    (checks.check_soft_loss, soft_axis0, "each row is one example: take softmax"),  # fully transposed (axis 0)
    (checks.check_soft_loss, soft_per_row, "shape (4,)"),
    (checks.check_soft_loss, soft_in_place, "changed its input `s`"),
    (checks.check_soft_loss, soft_times_T, "T², not T"),
    # 05 · numerical gradient
    (checks.check_numerical_gradient, gradient_one_sided_backward, "central differences"),
    (checks.check_numerical_gradient, gradient_over_4h, "not 4h"),
    (checks.check_numerical_gradient, gradient_returns_list, "x's shape"),
    (checks.check_numerical_gradient, gradient_returns_none, "returned None"),
    (checks.check_numerical_gradient, gradient_forgets_minus, "never put back"),
    # 05 · Exercise 4's functions, checked before any training (cold read r142, X1): the loss's own slips, then the
    # training loss's slips that would make train_student raise
    (checks.check_distillation_losses, lambda s, t, y, T, alpha: None, "returned None"),
    (checks.check_distillation_losses, lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, alpha)[0],
     "return a pair (loss, gradient)"),
    (checks.check_distillation_losses, lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 1 - alpha),
     "other way round"),
    (checks.check_distillation_losses, tempnb.distillation_loss, "use the library only to compare"),
    (checks.check_distillation_losses, lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, alpha),
     "pass your training loss too"),
    (distillation_losses_with, training_loss_without_return, "your my_training_loss returned None"),
    (distillation_losses_with, training_loss_loss_only, "must return the pair (loss, gradient)"),
    (distillation_losses_with, training_loss_gradient_first, "should return one number and a gradient of the "
                                                             "logits' shape (100, 10)"),
    (distillation_losses_with, training_loss_gradient_summed, "a gradient of the logits' shape (100, 10)"),
    (distillation_losses_with, training_loss_swapped, "the student's and the teacher's logits are swapped"),
    (distillation_losses_with, training_loss_at_8, "distils at T ≈ 8"),
    # cold read r144, X2: float32 in the training loss, named like float32 in my_distillation_loss: the loss cast to
    # np.float32 (the gradient float32 too is training_loss_float32's test); the teacher's logits cast to float32,
    # which gives the right targets to about 7 digits only; the step's logits cast to float32, whose loss then
    # changes in its last digits with the order of the images (not as misaligned targets change it, by its own size)
    (distillation_losses_with, lambda logits, rows: (np.float32(aligned_training_loss(logits, rows)[0]),
                                                     aligned_training_loss(logits, rows)[1]),
     "your my_training_loss returns its loss in float32: use float64"),
    (distillation_losses_with, training_targets_changed(lambda t: t.astype(np.float32)),
     "gives nearly the loss and gradient of the right targets (within 1e-4, relative), but not within the check's "
     "relative 1e-7 and 1e-6. Something in it loses digits; the usual cause is float32"),
    (distillation_losses_with, lambda logits, rows: aligned_training_loss(logits.astype(np.float32), rows),
     "changes when the same images come in another order, but only in its last digits (by less than 1e-5, "
     "relative), which targets that stay put would not do"),
    # 05 · logit matching
    (checks.check_logit_matching, (S - T_LOGITS) / 9, "not K²"),
    (checks.check_logit_matching, None, "replace the None"),
    (checks.check_logit_matching, lambda s, t: (s - t) / 3, "not a function"),
    (checks.check_logit_matching, [-1 / 3, -1 / 6], "use the limit formula"),
    # 06 · inverse CDF
    (checks.check_inverse_cdf_sampler, inverse_cdf_random_array, "shape (1,)"),
    # searchsorted(side="left") + 1: one past the inverse-CDF index for every u
    (checks.check_inverse_cdf_sampler, inverse_cdf_left, "one past the inverse-CDF index for every u"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_own_generator, "from the rng you are given"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_bool, "boolean"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_in_place, "changed its input `z`"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_two_uniforms, "exactly one"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_unnormalised, "first index whose cumulative"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_shifted_unnormalised, "does not normalise"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_returns_none, "returned None"),
    (checks.check_inverse_cdf_sampler, inverse_cdf_one_minus_u, "use u = rng.random() as given, not 1 - u"),
    # 06 · Gumbel
    (checks.check_gumbel_sampler, gumbel_swapped_order, "(logits, temperature, rng)"),
    (checks.check_gumbel_sampler, gumbel_keepdims, "shape (1,)"),
    (checks.check_gumbel_sampler, gumbel_in_place, "changed its input `z`"),
    (checks.check_gumbel_sampler, gumbel_one_noise, "one number added to every logit changes nothing"),
    (checks.check_gumbel_sampler, gumbel_uniform_noise, "your noise is u itself"),
    (checks.check_gumbel_sampler, gumbel_minus_noise_log, "your noise is log(u)"),
    (checks.check_gumbel_sampler, gumbel_returns_value, "one integer index"),
    (checks.check_gumbel_sampler, lambda z, T, rng: None, "returned None"),
    # 06 · top-k
    (checks.check_top_k, top_k_returns_indices, "shape"),
    (checks.check_top_k, top_k_oversized_fails, "keep them all"),
    (checks.check_top_k, top_k_nan_fill, "NaN is not a logit"),
    (checks.check_top_k, top_k_list, "must be -inf"),
    (checks.check_top_k, top_k_probs, "not probabilities"),
    (checks.check_top_k, lambda z, k: None, "returned None"),
    # 06 · top-p
    (checks.check_top_p, top_p_in_place, "changed its input `z`"),
    (checks.check_top_p, top_p_on_logits, "softmax, not raw logits"),
    # every token kept (cold read r132): the count computed but never applied, or the logits handed back as they
    # came; the hint says so, not "raw logits", whose running total keeps one token on [2, 0, 1, 0.5]
    (checks.check_top_p, top_p_count_only, "you kept every token"),
    (checks.check_top_p, lambda z, top_p_mass: tuple(z), "set the others to -inf"),
    (checks.check_top_p, top_p_returns_probs, "not probabilities"),
    (checks.check_top_p, top_p_zero_fill, "-inf"),
    (checks.check_top_p, top_p_indices, "shape"),
    # renormalised with np.log(softmax(out)): log(0) warns, but the values changed is the mistake to name
    (checks.check_top_p, lambda z, top_p_mass: np.log(softmax(top_p(z, top_p_mass))), "changed the values there"),
    # its own softmax without the max-subtraction (cold read r140): the large-logits case overflows, warned or not
    (checks.check_top_p, top_p_without_max, "overflow. np.exp(1000) overflows to inf"),
    (checks.check_top_p, top_p_without_max_silenced, "subtract the maximum before np.exp"),
    # 07 · ECE
    (checks.check_ece, ece_unweighted, "weight each by the fraction"),
    (checks.check_ece, ece_empty_bins_divided, "Here the 0/0 is right / count with a count of 0"),
    (checks.check_ece, ece_not_divided, "did not divide by n"),
    # 100 times the ECE: 8.6 on the 60-example case, where the ECE is 0.086
    (checks.check_ece, ece_in_percent, "you returned the ECE in percent"),
    (checks.check_ece, ece_overall_accuracy, "with the accuracy over all the examples"),
    (checks.check_ece, ece_divided_by_bins, "divided the sum of the bins' |right_m - summed confidence_m| by M"),
    (checks.check_ece, ece_squared_gaps, "you squared the gaps: ECE uses absolute gaps"),
    (checks.check_ece, ece_divided_by_non_empty_bins, "divided by the number of non-empty bins (7), not by n"),
    # the confidence as the largest probability of the whole array
    (checks.check_ece, ece_max_without_axis, "probs.max(axis=1)"),
    (checks.check_ece, ece_left_closed, "0.75 falls in [0.75, 1.0) with your bins and in (0.5, 0.75]"),
    (checks.check_ece, ece_label_probability, "top probability"),
    (checks.check_ece, ece_no_abs, "take the absolute value of each bin's gap"),
    (checks.check_ece, ece_clipped_top, "subtract 1 rather than clipping (np.minimum(..., M - 1)), which merges"),
    (checks.check_ece, ece_quantile_edges, "you used equal-count (quantile) bins; the exercise asks for M = 10"),
    # no bins at all: one gap over every example, the ECE with a single bin
    (checks.check_ece, lambda probs, labels, n_bins: float(abs(np.mean(probs.argmax(axis=1) == labels)
                                                               - np.mean(probs.max(axis=1)))), "a single bin"),
    (checks.check_ece, lambda probs, labels, n_bins: float(np.float32(ece_right(probs, labels, n_bins))),
     "about 6 digits only"),
    (checks.check_ece, ece_per_bin_list, "not an array of shape"),
    (checks.check_ece, ece_in_place, "changed its input `probs`"),
    (checks.check_ece, lambda probs, labels, n_bins: np.array([ece_right(probs, labels, n_bins)]), "shape (1,)"),
    (checks.check_ece, lambda probs, labels, n_bins: None, "returned None"),
    (checks.check_ece, ece_bin_centres, "compared each bin's accuracy with the bin's centre"),
    # a bin's upper or lower edge in place of its mean confidence: 0.118333 and 0.098333 against 0.085978
    (checks.check_ece, ece_bin_edges(1), "compared each bin's accuracy with the bin's upper edge, m/M"),
    (checks.check_ece, ece_bin_edges(0), "compared each bin's accuracy with the bin's lower edge, (m-1)/M"),
    # np.histogram's bins are closed on the left, as floor(confidence * M) makes them
    (checks.check_ece, ece_histogram, "np.histogram cannot close them on the right"),
    # the error message ends in a period: one period, not two, before the advice
    (checks.check_ece, ece_confidence_per_class, "the same length. Your bin indices"),
    (checks.check_ece, ece_confidence_per_class_compared, "the confidence is one per row: probs.max(axis=1)"),
    # the confidence with keepdims=True, shape (n, 1): np.bincount refuses it ("object too deep"); keepdims named
    (checks.check_ece, ece_keepdims, "most likely the confidence, from probs.max(axis=1, keepdims=True)"),
    # binned, but the absolute value taken of the sum of the signed gaps: equal to the no-bins answer, so the hint
    # names both on equal terms
    (checks.check_ece, ece_signed_total, "either you added the bins' gaps with their signs and took the absolute"),
    (checks.check_ece, ece_signed_total, "or you used no bins at all"),
    # 07 · fit T
    (checks.check_fit_temperature, fit_returns_log_t, "you returned log T"),
    (checks.check_fit_temperature, fit_sign_flipped, "sign is flipped"),
    (checks.check_fit_temperature, fit_result_object, "OptimizeResult"),
    (checks.check_fit_temperature, fit_bounds_exclude, "search bounds that exclude the minimum"),
    # the 15-bin ECE minimised instead of the NLL: a few percent off, so the objective is named first (cold read r155)
    (checks.check_fit_temperature, fit_minimising_ece,
     "The likeliest cause this far off: an objective other than the mean NLL"),
    # cold read r158 (X1): the recommended bounded search, at scipy's default xatol, in bounds that exclude the
    # minimum of the underconfident case (best T 0.46583) or of the overconfident one (1.97081). It stops just inside
    # the bound, and the hint names the bound first; after the first case passed it says the objective is right.
    (checks.check_fit_temperature, fit_in_bounds(1, 10),
     "your search's lowest T is 1, but the best T here is below 1 (0.46583): let the search go below 1"),
    (checks.check_fit_temperature, fit_in_bounds(1, 10),
     "your function passed the first case, whose best T lies on the other side"),
    (checks.check_fit_temperature, fit_in_bounds(0.5, 5),
     "but your T stops at 0.5, a round number such as a search's bound. Your function passed the first case with "
     "this same code, which shows its objective is right: the minimum lies below your range, whose bottom is 0.5"),
    (checks.check_fit_temperature, fit_in_bounds(0.1, 1),
     "your search's highest T is 1, but the best T here is above 1 (1.97081): let the search go above 1"),
    # on the first case, a T at a round bound is either a range that stops short or a search that ran away: both named
    (checks.check_fit_temperature, fit_in_bounds(0.1, 1.5),
     "but your T stops at 1.5, a round number such as a search's bound. If 1.5 is the top of your range"),
    (checks.check_fit_temperature, fit_sign_flipped_within(0.5, 5),
     "If 5 is the top of your range instead, your search ran away from the minimum"),
    # the bound 2 lies 1.5% above the overconfident case's best T, inside the 2% window of a grid step: named there too
    (checks.check_fit_temperature, fit_in_bounds(2, 10), "but your T stops at 2, a round number"),
    # a bound at no round number, after the first case passed: the search leads
    (checks.check_fit_temperature, fit_in_bounds(0.7, 5),
     "which shows its objective is right, so the likeliest cause is the search: search bounds that exclude"),
    # ... and the ECE minimised in those bounds stops at no bound and fails the first case: the objective leads
    (checks.check_fit_temperature, fit_ece_in_bounds(1, 10),
     "The likeliest cause this far off: an objective other than the mean NLL"),
    (checks.check_fit_temperature, fit_ece_in_bounds(0.5, 5),
     "The likeliest cause this far off: an objective other than the mean NLL"),
    (checks.check_fit_temperature, fit_ece_in_bounds(0.1, 1),
     "The likeliest cause this far off: an objective other than the mean NLL"),
    # the first two cases pass, so a miss on the logits plus 1000 comes from the shift: here a silenced overflow
    (checks.check_fit_temperature, fit_naive_logsumexp_silenced,
     "so the shift itself threw your function off, with no warning shown: most likely exp(logits / T) overflowed"),
    (checks.check_fit_temperature, fit_unbounded, "Brent's method"),
    (checks.check_fit_temperature, fit_unbounded_tempnb, "probably tried T <= 0, where z / T turns"),
    # cold read r153 (X3): its divide by zero is np.log's, so the hint names log 0 and leaves out Brent's method
    # (test_fit_temperature_log_zero_hint_leaves_out_brent checks that it does)
    (checks.check_fit_temperature, fit_grid_log_of_softmax, "log(softmax(z / T)) does at a small T"),
    # cold read r148 (X1): the right T, reached through a np.log(0) warning: not yet, but the hint says the T is right
    # (test_fit_temperature_warning_hint_says_right_only_when_it_is checks that it is)
    (checks.check_fit_temperature, fit_grid_log_of_softmax_refined,
     "Your T is right, but your function warned on its way there"),
    (checks.check_fit_temperature, fit_grid_log_of_softmax_refined, "tempnb.log_softmax(z / T, axis=1)"),
    # cold read r150 (X1): exp(z / T) without the max-subtraction overflows at a small positive T (or a large
    # beta = 1/T); the hint names the missing max-subtraction, not a search that tried T <= 0
    (checks.check_fit_temperature, fit_grid_naive_logsumexp, "Subtract each row's largest value before np.exp"),
    (checks.check_fit_temperature, fit_grid_naive_logsumexp, "Your T is right, but your function warned"),
    (checks.check_fit_temperature, fit_beta_naive_logsumexp, "np.exp overflowed at a small positive T (or a large"),
    # cold read r153 (X1): a bounded search and Brent's method over log T, both without the max-subtraction, never try
    # a T small enough to overflow on the first two cases; the third, the underconfident logits plus 1000, overflows
    # at every T below 1000 / 709.78 = 1.41 (test_fit_temperature_shifted_case_keeps_the_best_t)
    (checks.check_fit_temperature, fit_bounded_naive_logsumexp,
     "on the underconfident model's logits plus 1000 (the same softmax, so the same best T), it emitted a "
     "RuntimeWarning: overflow. np.exp overflowed at a small positive T"),
    (checks.check_fit_temperature, fit_brent_log_t_naive_logsumexp, "Subtract each row's largest value before np.exp"),
    # cold read r168 (X1): the same log-sum-exp over log T in bounds, its overflow warning silenced: only the bounded
    # search's "invalid value" (inf - inf) surfaces, and the hint names the silenced overflow, not T <= 0
    (checks.check_fit_temperature, fit_log_t_bounded_naive_errstate,
     "RuntimeWarning: invalid value. This warning did not come from T <= 0"),
    (checks.check_fit_temperature, fit_log_t_bounded_naive_catch_warnings,
     "overflow warning was silenced (np.errstate, a warnings filter)"),
    # cold read r168 (X2): an objective on float32 logits lands within 2% but not 1e-4: the hint names the cast
    (checks.check_fit_temperature, fit_float32_objective, "an objective computed after a cast to float32"),
    (checks.check_ece, ece_nansum, "even if the nan is dropped or skipped afterwards"),
    (checks.check_ece, ece_mean_of_every_bin, "Here the 0/0 is np.mean of an empty bin's selection"),
    # the same warning with a wrong number (nan): the general advice, not "your number is right"
    (checks.check_ece, ece_loop_every_bin, "np.mean of it is 0/0"),
    (checks.check_ece, ece_rounded_to_4, "do not round it"),
    # the right number, with a 0/0 warning from the empty bins: not yet, but the hint says the number is right
    (checks.check_ece, ece_accuracy_nansum, "Your number is right, but an empty bin makes 0/0 (a RuntimeWarning)"),
    # cold read r161 (X2): np.where(count > 0, right / count, 0) still divides in every bin; the hint says so, and names
    # np.divide(..., where=count > 0), which does not (a right-answer row below)
    (checks.check_ece, ece_np_where_divided,
     "Your number is right, but a warning counts as not yet. Your function calls np.where, and np.where(count > 0, "
     "right / count, 0) does not skip the empty bins: NumPy computes right / count in every bin"),
    (checks.check_ece, ece_np_where_divided, "np.divide(right, count, out=np.zeros(n_bins), where=count > 0)"),
    (checks.check_ece, ece_where_imported, "Your function calls np.where"),
    # with no np.where in sight, the general 0/0 hint still warns against it
    (checks.check_ece, ece_empty_bins_divided, "np.where(count > 0, right / count, 0) still divides in every bin"),
    # cold read r161 (X3): float bin numbers from np.ceil, for np.bincount and as indices: NumPy's error, explained
    (checks.check_ece, ece_binned_by(lambda c, M: np.ceil(c * M) - 1), "according to the rule 'safe'. np.bincount "
     "needs integer bin numbers, and yours are floats: np.ceil and np.floor return floats"),
    (checks.check_ece, ece_binned_by(lambda c, M: np.floor(c * M)), "Convert the bin numbers with .astype(int)"),
    (checks.check_ece, ece_float_bins_added_at, "Bin numbers used as indices must be integers, and yours are floats"),
    (checks.check_ece, ece_without_bins, "averaged |correct - confidence| over the examples, with no bins"),
    (checks.check_ece, ece_open_bins, "a confidence exactly on an edge fell in no bin"),
    # the library itself, under the notebook's name, as tempnb.…, imported from tempnb.calibration, and the right
    # sum built from reliability_curve (expected_calibration_error runs reliability_curve too; the check names the
    # outer one)
    (checks.check_ece, lambda probs, labels, n_bins: expected_calibration_error(probs, labels, n_bins),
     "your function calls expected_calibration_error (tempnb.expected_calibration_error); the exercise asks you "
     "to write the ECE yourself — use the library only to compare"),
    (checks.check_ece, lambda probs, labels, n_bins: tempnb.expected_calibration_error(probs, labels, n_bins),
     "your function calls expected_calibration_error"),
    (checks.check_ece, ece_library_imported, "your function calls expected_calibration_error"),
    (checks.check_ece, ece_from_reliability_curve, "your function calls reliability_curve (tempnb.reliability_curve)"),
    # closed on both sides: 0.75 counted in two bins (0.24625, not the open bins' 0.09625 nor the ECE's 0.1525)
    (checks.check_ece, ece_closed_bins, "a confidence exactly on an edge was counted in two bins"),
    # np.linspace(0, 1, M): M edges, M - 1 bins (9 on the 10-bin case); M + 2 edges make M + 1 bins
    (checks.check_ece, ece_edges(lambda m: m),
     "your answer is the ECE with 9 bins, not M = 10: n_bins edges make n_bins - 1 bins"),
    (checks.check_ece, ece_edges(lambda m: m), "use np.linspace(0, 1, M + 1) (11 edges here)"),
    (checks.check_ece, ece_edges(lambda m: m + 2), "your answer is the ECE with 11 bins, not M = 10"),
    (checks.check_fit_temperature, fit_rows_indexed, "log_q[labels] picks whole rows"),
    # cold read r153 (X3): on logits whose top class is always class 0, labels all 0, whole columns of log q fall as
    # T shrinks, so the T drops below half: the column-picking cause leads the hint, alone
    (checks.check_fit_temperature, fit_columns_indexed,
     "your function returns less than half that T: most likely log_q[:, labels] picks whole columns"),
    (checks.check_fit_temperature, fit_columns_indexed_grid,
     "your function returns less than half that T: most likely log_q[:, labels] picks whole columns"),
    (checks.check_fit_temperature, fit_rows_indexed_in_bounds, "stopped at its upper bound"),
    # the flipped sign in bounds (0.05, 20) stops at 20, not at the lower bound: the hint names the sign first
    (checks.check_fit_temperature, fit_sign_flipped_in_bounds,
     "stopped at its upper bound, 20, far above the best T, 1.97081. Either your objective's sign is flipped"),
    (checks.check_fit_temperature, fit_unnormalised_power, "without renormalising each row"),
    (checks.check_fit_temperature, fit_to_own_predictions, "use the labels given"),
    # bounds (1, 10) stop at 1 + 1e-10 or so on the underconfident case, after the overconfident one passed
    (checks.check_fit_temperature, fit_bounds_above_one, "your search's lowest T is 1, but the best T here is below 1"),
    (checks.check_fit_temperature, fit_minimize_array, "shape (1,)"),
    # np.linspace(0.1, 5, 50) steps by 0.1 and holds 2.0, the best T 1.97081 rounded to 1 decimal: both named
    (checks.check_fit_temperature, fit_coarse_grid, "or your grid steps by 0.1, a grid too coarse for the check"),
    # the notebook's grid lands within 0.4% of the underconfident case's best T, not within 1e-4
    (checks.check_fit_temperature, fit_notebook_grid, "within a grid step"),
    # xatol=0.1 stops within 2% of the best T, xatol=1 about 6% from it (on the overconfident case)
    (checks.check_fit_temperature, fit_loose_tolerance(0.1), "a solver stopped by a loose tolerance"),
    (checks.check_fit_temperature, fit_loose_tolerance(1.0), "tighten its tolerance, e.g. minimize_scalar"),
    # the Brier score's best T, 1.9556, lies 0.77% below the NLL's 1.97081: named, not taken for a grid step
    (checks.check_fit_temperature, fit_brier, "minimises the Brier score (its best T here is 1.95560)"),
    # rounded: 1.97081 to 2.0 and 1.97; 0.465831 to 0.466 (1.971 passes the first case, within 1e-4 of 1.97081)
    (checks.check_fit_temperature, fit_rounded(1),
     "is the best T, 1.97081, rounded to 1 decimal: either you rounded it"),
    (checks.check_fit_temperature, fit_rounded(2), "is the best T, 1.97081, rounded to 2 decimals"),
    (checks.check_fit_temperature, fit_rounded(3), "is the best T, 0.46583, rounded to 3 decimals"),
    # the library itself, under the notebook's name, as tempnb.fit_temperature and imported from tempnb.calibration
    (checks.check_fit_temperature, lambda logits, labels: fit_temperature(logits, labels),
     "your function calls fit_temperature (tempnb.fit_temperature); the exercise asks you to write the search"),
    (checks.check_fit_temperature, lambda logits, labels: tempnb.fit_temperature(logits, labels),
     "use the library only to compare"),
    (checks.check_fit_temperature, fit_library_imported, "your function calls fit_temperature"),
    (checks.check_fit_temperature, fit_inverse, "1/T"),
    # log_softmax(logits / T, T, axis=1): T applied twice, so the search returns √1.97081 = 1.40386
    (checks.check_fit_temperature, fit_temperature_twice,
     "1.40386, is the square root of the best T, 1.97081: you divided the logits by T twice (logits / T and the "
     "temperature argument"),
    (checks.check_fit_temperature, fit_whole_array_softmax, "normalised the whole array"),
    (checks.check_fit_temperature, fit_in_place, "changed its input `logits`"),
    (checks.check_fit_temperature, lambda logits, labels: 1.0, "the placeholder"),
    (checks.check_fit_temperature, fit_never_started, "an optimiser that never left its start"),
    # T = 1 on one case only: a search that ends at 1, not the placeholder
    (checks.check_fit_temperature, fit_grid_from_one, "your search's lowest T is 1, but the best T here is below 1"),
    (checks.check_fit_temperature, fit_grid_up_to_one, "your search's highest T is 1, but the best T here is above 1"),
    # the flipped sign runs log T to its lower bound -5: the hint leads with the sign
    (checks.check_fit_temperature, fit_sign_flipped, "most likely your objective's sign is flipped"),
    # -mean(q of the label) also runs low on the overconfident case; a probe on the check's own logits, where it
    # has its minimum at T = 1 / (2 acosh((√2 + √10)/4)) ≈ 0.942, tells it from the flipped sign
    (checks.check_fit_temperature, fit_probability_objective, "Take the log: minimise the mean of −log q"),
    (checks.check_fit_temperature, fit_probability_objective_in_bounds,
     "minimise the mean of −log q of the label, not −q"),
    # an objective that does not change with T (accuracy, error rate): the search ends wherever its steps do
    (checks.check_fit_temperature, fit_accuracy_bounded, "the accuracy (or the error rate) is the same at every T"),
    # ... and that cause is named up front, as an equal of the other one the probes cannot tell from it
    (checks.check_fit_temperature, fit_accuracy_bounded,
     "your objective either does not change with T or falls as T grows whatever the labels"),
    (checks.check_fit_temperature, fit_error_rate_log_t, "the accuracy (or the error rate) is the same at every T"),
    (checks.check_fit_temperature, fit_accuracy_grid, "stays the same when every label is made its row's top class"),
    # the accuracy does read the labels: on a grid its hint leads with "does not change with T", not with the labels
    (checks.check_fit_temperature, fit_accuracy_geomspace_grid,
     "then runs to opposite ends. Either your objective does not change with T at all (the accuracy, say), and a "
     "grid's argmin or argmax returns its first T"),
    # the model's own predictions in a bounded search stop near, not on, its lower bound e^-5: named first
    (checks.check_fit_temperature, fit_to_own_predictions,
     "your search stopped at its lower bound: most likely the model's own predictions (argmax) stand in"),
    # ... and in bounds (0.05, 20) on T, where the default xatol stops it 6.6e-6 above 0.05: named first too
    (checks.check_fit_temperature, fit_to_own_predictions_in_bounds,
     "0.0500066, far below the best one, 1.97081, stays the same when every label is made its row's top class and "
     "when every label is made its bottom class, though the NLL's best T then runs to opposite ends, and your search "
     "stopped at its lower bound: most likely the model's own predictions (argmax) stand in"),
    (checks.check_fit_temperature, fit_accuracy_minimize, "its objective, such as the accuracy, does not change"),
    # the minimum's value instead of where it is: result.fun, or math.exp of it after a search over log T
    (checks.check_fit_temperature, fit_returns_fun, "the lowest mean NLL itself (the search's result.fun)"),
    (checks.check_fit_temperature, fit_exp_of_fun, "math.exp(result.fun)"),
    # softmax over axis=0 normalises each class over the examples
    (checks.check_fit_temperature, fit_softmax_axis_0, "normalised each column (axis=0"),
    (checks.check_fit_temperature, fit_log_softmax_axis_0, "normalised each column (axis=0"),
    # a function that reads the notebook's variables instead of its arguments (or returns a number typed in): named
    # as such, not as a flat objective, which the label probes alone cannot tell it from
    (checks.check_fit_temperature, fit_notebook_variables,
     "it does not use its arguments. Compute from its parameters logits and labels"),
    (checks.check_fit_temperature, lambda logits, labels: 2.199, "not from notebook variables such as"),
    # cold read r164 (nit): y_val read from the notebook indexes the check's 300 rows with 378 row numbers
    (checks.check_fit_temperature, fit_log_t_with_y_val, "index 300 is out of bounds for axis 0 with size 300. An "
                                                        "index array runs past the 300 rows"),
    (checks.check_fit_temperature, fit_log_t_with_y_val, "such as y_val (378 labels)"),
    # cold read r164 (X3): only the log-sum-exp divided by T, searched over log T in (-5, 5), which holds the T of the
    # check's two-row probe (found by its own probe); in (log 0.05, log 2) it does not, and the search stops at 2,
    # above the first case's best T, where the hint for objectives that ignore the labels names it among the rest
    (checks.check_fit_temperature, fit_logsumexp_only_tempered((-5, 5)), "most likely only the log-sum-exp is "
                                                                         "divided by T"),
    (checks.check_fit_temperature, fit_logsumexp_only_tempered((-5, 5)), "both terms carry T"),
    (checks.check_fit_temperature, fit_logsumexp_only_tempered((math.log(0.05), math.log(2))),
     "Or only the log-sum-exp is divided by T"),
    (checks.check_fit_temperature, fit_logsumexp_only_on_the_grid, "most likely only the log-sum-exp is divided by T"),
    (checks.check_ece, ece_notebook_variables,
     "it does not use those arguments. Compute from its parameters probs, labels and n_bins"),
    (checks.check_ece, lambda probs, labels, n_bins: 0.0169, "not from notebook variables such as"),
    # the notebook's own ece_from_scratch reused: right, but the exercise asks for the loop-free version
    (checks.check_ece, lambda probs, labels, n_bins: ece_from_scratch(probs, labels, n_bins),
     "your ECE is right, but your function runs the notebook's ece_from_scratch, which loops over the bins"),
    # ... and reused without passing n_bins on: its default, 15 bins, on the 10-bin case
    (checks.check_ece, lambda probs, labels, n_bins: ece_from_scratch(probs, labels),
     "your answer is the ECE with 15 bins, not n_bins = 10: your bins do not follow the n_bins argument (15 is the "
     "default of the notebook's ece_from_scratch"),
    # a bin count typed in: 10 passes the 10-bin case, then meets the 4-bin one
    (checks.check_ece, lambda probs, labels, n_bins: ece_bincount(probs, labels, 10),
     "your answer is the ECE with 10 bins, not n_bins = 4: your bins do not follow the n_bins argument. Build"),
    # right numbers from a Python loop over the bins, whatever form the loop takes
    (checks.check_ece, ece_right, "your ECE is right, but your function loops over the bins in Python"),
    (checks.check_ece, ece_sums_by_comprehension, "your function loops over the bins in Python"),
    (checks.check_ece, ece_bincount_then_generator, "its work grows with the number of bins"),
    (checks.check_ece, ece_loop_without_calls, "your function loops over the bins in Python"),
    (checks.check_ece, ece_edges_by_comprehension, "your function loops over the bins in Python"),
    # cold read r143: the loop that map or NumPy runs for the learner (np.split's loop, np.sum once per piece, NumPy's
    # apply_along_axis loop) shows in the library lines, and the hint names where it grew. np.split at the M - 1
    # inner edges makes M pieces, so map calls np.sum 4 times with the probe's 4 bins and 100 times with its 100.
    (checks.check_ece, ece_map_over_split, "most of them in np.sum, which your code calls 4 times with 4 bins and 100"),
    (checks.check_ece, ece_map_over_split, "Your function uses np.split, which cuts the examples into one array"),
    (checks.check_ece, ece_map_lambda_over_split, "your function loops over the bins in Python"),
    (checks.check_ece, ece_map_lambda_over_split, "Your function uses np.split"),
    (checks.check_ece, ece_comprehension_over_split, "Your function uses np.split"),
    (checks.check_ece, ece_map_over_mask_rows, "its work grows with the number of bins inside the library functions"),
    # cold read r153 (X2): pd.cut's default labels are built per bin in Python; labels=False is named as the fix
    (checks.check_ece, ece_pandas_cut, "most of them in pandas.cut, which builds one label per bin"),
    (checks.check_ece, ece_pandas_cut, "Pass labels=False"),
    (checks.check_ece, ece_apply_along_axis, "most of them in np.apply_along_axis, which loops over the bins for you"),
    # right on the check's three cases (10 and 4 bins), not on the loop probe's 100 bins: named, never passed
    (checks.check_ece, ece_buffer_of_ten,
     "your ECE is right on the three cases, but on 200 two-class predictions with 100 bins it raised IndexError"),
    (checks.check_ece, ece_clipped_to_ten,
     "your ECE is right on the three cases, but on 200 two-class predictions with 100 bins it is"),
    # cold read r164 (X1): map driven by a function written in C runs no line of Python per bin. The loop probe has
    # 4 and 100 bins, so map over the mask matrix's rows makes 4 and 100 calls, over the edges 5 and 101
    (checks.check_ece, ece_map_builtin_sum, "your ECE is right, but your function calls map over the bins"),
    (checks.check_ece, ece_map_ufunc_reduce, "map made 4 calls with 4 bins and 100 with 100, one per bin"),
    (checks.check_ece, ece_map_edges, "map made 5 calls with 4 bins and 101 with 100"),
    # cold read r164 (X2): boolean @ boolean counts each bin's right predictions as at most 1
    (checks.check_ece, ece_boolean_product, "your number right in each bin, right_m, stops at 1: a matrix product of"),
    (checks.check_ece, ece_boolean_product, "Cast one of them to numbers first"),
    # 07 · Platt
    # the image's log-odds are log 99 and log 9, so T = log 99 / log 9 and Platt's a = log 9 / log 99
    (checks.check_platt_temperature, math.log(9) / math.log(99), "is Platt's a"),
    (checks.check_platt_temperature, -2.5, "positive"),
    (checks.check_platt_temperature, np.array([math.log(99) / math.log(9)]), "shape (1,)"),
    # sigmoid(log 99 / 2.5) = 1 / (1 + 99^(-0.4)) = 0.862718 to 6 digits
    (checks.check_platt_temperature, 2.5, "sigmoid(d / T) = 0.862718"),
    (checks.check_platt_temperature, None, "replace the None"),
    # logs of the probabilities instead of their log-odds, either way up
    (checks.check_platt_temperature, math.log(0.99) / math.log(0.9), "logs of the probabilities themselves"),
    (checks.check_platt_temperature, math.log(0.9) / math.log(0.99), "logs of the probabilities themselves"),
    # the class-0 probabilities re-tempered without renormalising: 0.01^(1/T) = 0.1 gives T = 2; 2 is also a
    # rounded guess (Exercise 2's best T is near 2), so the hint names both
    (checks.check_platt_temperature, 2.0, "(class 0 re-tempered without renormalising"),
    (checks.check_platt_temperature, 2, "or a rounded guess: compute T in code"),
    (checks.check_platt_temperature, 0.99 / 0.9, "ratio of the two probabilities"),
    (checks.check_platt_temperature, 0.9 / 0.99, "ratio of the two probabilities"),
    (checks.check_platt_temperature, math.log(99) - math.log(9), "difference of the two log-odds"),
    # the odds without their logs: (0.99 / 0.01) / (0.9 / 0.1) = 99 / 9 = 11, and the other way up
    (checks.check_platt_temperature, (0.99 / 0.01) / (0.9 / 0.1), "11 is a ratio of the two odds"),
    (checks.check_platt_temperature, (0.9 / 0.1) / (0.99 / 0.01), "not the odds: take the log of each"),
    # class 1's log-odds over class 0's: logit(0.99) / logit(0.1) = log 99 / -log 9, and the other way up
    (checks.check_platt_temperature, scipy.special.logit(0.99) / scipy.special.logit(0.1),
     "-2.09133 is negative because your two log-odds belong to different classes"),
    (checks.check_platt_temperature, scipy.special.logit(0.1) / scipy.special.logit(0.99), "Take both for the same"),
    (checks.check_platt_temperature, math.log(99), "is d, the image's logit difference"),
    # the right T, log 99 / log 9 = 2.0913292, rounded: typed from a printout, round(T, k), or a decimal grid
    (checks.check_platt_temperature, 2.09, "the right T rounded to 2 decimals"),
    (checks.check_platt_temperature, 2.0913, "the right T rounded to 4 decimals"),
    (checks.check_platt_temperature, round(math.log(99) / math.log(9), 1), "rounded to 1 decimal, not within"),
    # a grid stepping by 0.001: its nearest point to the root is 2.091 up to the last digits np.arange accumulates
    (checks.check_platt_temperature,
     float(np.arange(1, 5, 0.001)[np.argmin(np.abs(scipy.special.expit(math.log(99) / np.arange(1, 5, 0.001)) - 0.9))]),
     "or a grid stepping by 0.001 found it"),
    # computed in code, not rounded: a root finder with a loose tolerance stops at 2.09119, 1e-4 from the root
    (checks.check_platt_temperature,
     scipy.optimize.brentq(lambda T: scipy.special.expit(scipy.special.logit(0.99) / T) - 0.9, 1, 5, xtol=1e-3),
     "a root finder with a loose tolerance (xtol=1e-3, say)"),
    # a 400-point np.linspace grid from 1 to 5 (steps of 0.01) lands on 2.0927, 0.07% from the root, not a rounding
    (checks.check_platt_temperature,
     float(np.linspace(1, 5, 400)[np.argmin(np.abs(scipy.special.expit(math.log(99) / np.linspace(1, 5, 400)) - 0.9))]),
     "or a grid with coarse steps"),
    # hints found by trying more answers
    (checks.check_stable_softmax, lambda z: float(np.exp(z - z.max()).sum()), "one probability per logit"),
    (checks.check_stable_softmax, lambda z: scipy.special.softmax(z)[None, :], "array of shape (2,)"),
    # the shifted exponentials over the unshifted sum, which is 1 on the logits of [0.25, 0.75]: the wrong total
    (checks.check_stable_softmax, lambda z: np.exp(z - z.max()) / np.sum(np.exp(z)),
     "divide by the sum of the same shifted exponentials"),
    (checks.check_tempered_softmax, lambda T, z: tempered_no_limit(z, T), "the logits first, then the temperature"),
    (checks.check_numerical_gradient, gradient_by_rows, "moved 3 entries at once"),
    (checks.check_inverse_cdf_sampler, lambda z, rng: int(np.searchsorted(np.cumsum(z), rng.random())),
     "not from the logits"),
    (checks.check_inverse_cdf_sampler,
     lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z)), rng.random(1), side="right")), "rng.random()"),
]


@pytest.mark.parametrize(("check", "answer", "expected_hint"), WRONG_ANSWERS,
                         ids=[f"{c.__name__}-{i}" for i, (c, _, _) in enumerate(WRONG_ANSWERS)])
def test_wrong_answer_gets_its_hint(capsys, check, answer, expected_hint):
    printed = run(capsys, check, answer)
    assert printed.startswith(checks.HINT), printed
    assert expected_hint in printed, printed


def test_sigmoid_hints_name_only_the_mistake_made(capsys):
    """A hint names the learner's own slip, not a neighbour's: no math.exp where none ran, no clipping of x where
    the output was clipped, no cancellation where the output was rounded."""
    for answer in (stable_sigmoid_masks(np.array([1.0])), None, sigmoid_two_arguments, sigmoid_returns_mask_too,
                   sigmoid_negative_half_returned, sigmoid_sides_concatenated):
        printed = run(capsys, checks.check_stable_sigmoid, answer)
        assert "math.exp" not in printed, printed
    for answer in (sigmoid_clipped_output, sigmoid_padded_output):
        printed = run(capsys, checks.check_stable_sigmoid, answer)
        assert "Clipping x" not in printed, printed
    assert "cancel" not in run(capsys, checks.check_stable_sigmoid, sigmoid_rounded_output)
    # cold read r147: a 0/1 step is no cancellation, np.vectorize is no loop of the learner's own, and NumPy's
    # message that ends in a full stop gets no second one
    for answer in (sigmoid_step_after_overflow, sigmoid_rounded_to_whole):
        assert "cancel" not in run(capsys, checks.check_stable_sigmoid, answer)
    for answer in (sigmoid_vectorize_decorated, np.vectorize(sigmoid_of_one_number), SIGMOID_FROMPYFUNC,
                   sigmoid_through_global_frompyfunc):
        assert "loop" not in run(capsys, checks.check_stable_sigmoid, answer)
    assert "None.." not in run(capsys, checks.check_stable_sigmoid, sigmoid_divide_where_without_out)
    # cold read r157: index arrays are no loop or math.exp (X1), an output made with np.empty_like(x) is no
    # np.zeros(len(x)) (X2), and a lone np.where(x >= 0, ..., ...) gets no advice about boolean masks (X3)
    for answer in (sigmoid_rows_from_where, sigmoid_flat_indices, sigmoid_argwhere_indices):
        printed = run(capsys, checks.check_stable_sigmoid, answer)
        assert "loop" not in printed and "math.exp" not in printed and "len(x)" not in printed, printed
    assert "len(x)" not in run(capsys, checks.check_stable_sigmoid, sigmoid_output_by_size)
    for answer in (where_both_branches, where_over_raised):
        assert "boolean masks:" not in run(capsys, checks.check_stable_sigmoid, answer)
    # z[0] = 0 alone gets no hint about a loop only (the loop is named beside the assignment, as one of two causes)
    assert "(a loop updating z in place)" not in run(capsys, checks.check_logits_with_first_zero,
                                                     logits_first_set_to_zero())
    assert "check the formula" not in run(capsys, checks.check_stable_sigmoid, sigmoid_copy_one_side)
    # cold read r160, X2: σ(-x) on one side is not called swapped on both, nor the reverse
    assert "both sides" not in run(capsys, checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-np.abs(x))))
    for answer in (sigmoid_abs_branches_swapped, sigmoid_masks_sign_flipped):
        assert "For x < 0 you return" not in run(capsys, checks.check_stable_sigmoid, answer)
    # the right formula in float32 on one side: its precision, not its formula, is wrong
    assert "check the formula" not in run(capsys, checks.check_stable_sigmoid, sigmoid_negative_side_in(np.float32))
    assert "-27.6" not in run(capsys, checks.check_stable_sigmoid, sigmoid_slope_returned)
    # an in-place naive sigmoid overflows at x = -1000 only: writing into x is no overflow at x = 1000 (cold read r142)
    for answer in (naive_sigmoid_in_place, naive_sigmoid_assigned_into_x, naive_sigmoid_negating_x):
        printed = run(capsys, checks.check_stable_sigmoid, answer)
        assert "x = 1000" not in printed and "with boolean masks, exp still sees" not in printed, printed
    # and a sigmoid that only overflows is not said to change its input
    assert "changed its input" not in run(capsys, checks.check_stable_sigmoid, lambda x: 1 / (1 + np.exp(-x)))
    # a value cut short ends its hint in "…", with no full stop after it
    for answer in (tuple(np.log(np.full(13, 1 / 13))), {"logits": list(range(40))}):
        assert "…." not in run(capsys, checks.check_logits_with_first_zero, answer)
    # a generator's hint does not print its repr, which holds a memory address
    assert " at 0x" not in run(capsys, checks.check_logits_with_first_zero, (v for v in [0.0, -0.7, 1.25]))


def test_silenced_naive_sigmoid_hint_leaves_np_where_out(capsys):
    """The naive formula with its warnings silenced uses no np.where, so its hint does not name np.where."""
    for sigmoid in (sigmoid_errstate, sigmoid_seterr, sigmoid_warnings_filter):
        printed = run(capsys, checks.check_stable_sigmoid, sigmoid)
        assert "exp(-x) is overflowing" in printed and "np.where" not in printed, printed


@pytest.mark.parametrize("eps", [1e-15, 1e-14, 1e-13, 3e-13, 5e-13, 8e-13, 9e-13, 1e-12, 1e-10])
def test_softmax_checks_agree_on_an_epsilon_in_the_sum(capsys, eps):
    """Exercise 1's check and Exercise 3's, given the same function row by row, give one verdict on
    e / (e.sum() + eps): both pass it below 2e-13 (within the relative 1e-12 and no common factor named) and both
    name it from 2e-13 up, whatever side of the tolerance's edge the relative error eps / (S + eps) falls."""
    def one_row(z):
        return softmax_epsilon_in_sum(z, eps)

    first = run(capsys, checks.check_stable_softmax, one_row)
    by_rows = run(capsys, checks.check_batch_softmax, lambda x: np.apply_along_axis(one_row, 1, x))
    along = run(capsys, checks.check_softmax_along_axis, lambda z, axis: np.apply_along_axis(one_row, axis, z))
    # Exercise 1 since r132, the masked softmax: the same rule on the masked logits
    masked = run(capsys, checks.check_masked_softmax, lambda z, keep: one_row(np.where(keep, z, -np.inf)))
    assert first.startswith(checks.PASS) == by_rows.startswith(checks.PASS), (first, by_rows)
    assert first.startswith(checks.PASS) == along.startswith(checks.PASS), (first, along)
    assert first.startswith(checks.PASS) == masked.startswith(checks.PASS), (first, masked)
    assert first.startswith(checks.PASS) == (eps < 2e-13), first
    if eps >= 2e-13:
        assert all("an epsilon was added to the sum" in printed for printed in (first, by_rows, along, masked))


def test_a_sum_rounded_to_float32_is_not_named_an_epsilon(capsys):
    """e / np.float32(e.sum()) makes every entry too small by one factor, as an epsilon in the sum does, but the
    implied sum S + eps is a float32 number: the near-miss hint names float32, in Exercises 1 and 3 alike (cold
    read r132, X2). On the logits of [0.25, 0.75] the factor is 2^-25 (see the WRONG_ANSWERS row)."""
    def one_row(z):
        exps = np.exp(z - z.max())
        return exps / np.float32(exps.sum())

    for printed in (run(capsys, checks.check_stable_softmax, one_row),
                    run(capsys, checks.check_masked_softmax, lambda z, keep: one_row(np.where(keep, z, -np.inf))),
                    run(capsys, checks.check_softmax_along_axis,
                        lambda z, axis: np.apply_along_axis(one_row, axis, z))):
        assert "no float32" in printed and "an epsilon was added" not in printed, printed


@pytest.mark.parametrize("eps", [1e-15, 1e-14, 1e-13, 1.5e-13, 3e-13, 5e-13, 9e-13, 1e-12, 1e-10, 1e-6])
def test_log_space_checks_agree_on_an_epsilon_in_the_log(capsys, eps):
    """Exercise 2's log-softmax and the old log-sum-exp exercise give one verdict on an epsilon added inside the log
    of the shifted sum: both pass it below 2e-13 (it moves a result by log(1 + eps / S) < 2e-13, within the
    1e-12 on every case) and both name it from 2e-13 up, on the first case, [1, 2, 3] (cold read r132, X3: 1e-12
    failed only on [0, -inf], by the tolerance's edge)."""
    log_softmax_verdict = run(capsys, checks.check_log_softmax, lambda z: log_softmax_epsilon_in_sum(z, eps))
    lse_verdict = run(capsys, checks.check_logsumexp, lambda z: logsumexp_epsilon_in_log(z, eps))
    for printed in (log_softmax_verdict, lse_verdict):
        assert printed.startswith(checks.PASS) == (eps < 2e-13), printed
        if eps >= 2e-13:
            assert "an epsilon was added inside the log" in printed and "on [1, 2, 3]" in printed, printed


@pytest.mark.parametrize("ulps", [-4, -3, -2, -1, 1, 2, 3, 4])
def test_a_log_sum_exp_a_few_units_off_is_right(capsys, ulps):
    """A log-sum-exp summed in another order (np.logaddexp.reduce, log1p of the rest) can be a unit or two off in its
    last place; near 1000 a unit is 2^-43 = 1.1e-13, which implies an epsilon of up to S × 4.5e-13 there. The
    epsilon rule must not name that: up to four units off, both log-space checks pass."""
    assert run(capsys, checks.check_logsumexp, logsumexp_off_by(ulps)).startswith(checks.PASS)
    assert run(capsys, checks.check_log_softmax, log_softmax_with_lse_off_by(ulps)).startswith(checks.PASS)


def test_a_log_space_softmax_stays_below_the_epsilon_rule():
    """exp(z - logsumexp(z)) is a right answer whose entries share one rounding, that of the log-sum-exp: at most
    half a unit in its last place, which scales every entry of the row by one factor, as an epsilon in the sum
    does. The eps that factor implies, S times half that unit (S the row's sum of exp(z - max)), must stay well
    below the checks' 2e-13 on every case of Exercises 1 and 3. Computed here with the math module, row by row."""
    from tempnb.checks.softmax import EPSILON_IN_SUM_FROM, _along_cases, _batch_cases, _masked_cases, _softmax_cases

    def distributions(case):
        """The case's distributions, one per row: Exercise 3's along its own axis, Exercise 1's (since r132) its
        masked logits, the others along the last axis."""
        z = case.args[0]
        if len(case.args) > 1 and isinstance(case.args[1], np.ndarray):  # (z, keep)
            return np.where(case.args[1], z, -np.inf)[None, :]
        axis = case.args[1] if len(case.args) > 1 else -1
        return np.moveaxis(z, axis, -1).reshape(-1, z.shape[axis])

    worst = 0.0
    for case in [*_softmax_cases(), *_batch_cases(), *_along_cases(), *_masked_cases()]:
        for row in distributions(case):
            finite = [float(v) for v in row if math.isfinite(v)]
            top = max(finite)
            total = math.fsum(math.exp(v - top) for v in finite)  # S, between 1 and K
            if len(finite) == 1:  # one finite logit: its log-sum-exp is that logit, exactly (log 1 = 0)
                continue
            # every other term below e^-745 rounds to 0, so the sum is exactly 1 and the log-sum-exp is the top logit,
            # exactly: Exercise 3's row [0, 12000, -12000] (cold read r157, X1), whose top is far above the others
            if total == 1.0:
                continue
            worst = max(worst, total * math.ulp(top + math.log(total)) / 2)
    # the worst case is [-1000, -1001, -1002]: S = 1 + e^-1 + e^-2 = 1.503, half a unit at 999.6 is 2^-44
    assert math.isclose(worst, (1 + math.exp(-1) + math.exp(-2)) * 2.0**-44, rel_tol=1e-12), worst
    assert worst < EPSILON_IN_SUM_FROM / 2, worst


# answers whose call fails for a reason that has nothing to do with the shift: no shift advice after it
NOT_A_SHIFT_PROBLEM = [
    # the right maximum, but math.exp given an array: TypeError
    (checks.check_logsumexp, lambda z: z.max() + math.log(sum(math.exp(z - z.max())))),
    (checks.check_logsumexp, lambda z: float(np.log(np.sum(np.exp(z - z.max())), axis=0)) + z.max()),  # TypeError
    (checks.check_logsumexp, None),
    (checks.check_batch_softmax, None),
    (checks.check_batch_softmax, lambda x: scipy.special.softmax(x, axes=1)),  # a misspelt keyword: TypeError
    (checks.check_softmax_along_axis, None),
    (checks.check_softmax_along_axis, lambda z, axis: scipy.special.softmax(z, axes=axis)),  # TypeError
    (checks.check_masked_softmax, None),
    (checks.check_masked_softmax, lambda z, keep: scipy.special.softmax(z, axes=0)),  # TypeError
    (checks.check_log_softmax, None),
    (checks.check_log_softmax, lambda z: z - math.log(sum(math.exp(z - z.max())))),  # math.exp of an array
]


@pytest.mark.parametrize(("check", "answer"), NOT_A_SHIFT_PROBLEM,
                         ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(NOT_A_SHIFT_PROBLEM)])
def test_softmax_checks_give_shift_advice_only_after_an_overflow_or_underflow(capsys, check, answer):
    printed = run(capsys, check, answer)
    assert printed.startswith(checks.HINT), printed
    assert "it raised TypeError" in printed or "expected a function" in printed, printed
    for advice in ("Factor out the max", "Subtract each row's own maximum", "the largest |z|",
                   "Subtract the maximum along the axis", "The exercise's function takes the axis"):
        assert advice not in printed, printed


def test_masked_in_place_hint_keeps_the_mask_boolean(capsys):
    """Cold read r163, X2: for the boolean mask the in-place hint proposes a new mask or a copy, never the shared
    hint's keep - ... (a TypeError for booleans) or float copy (which cannot index); z keeps the shared hint."""
    printed = run(capsys, checks.check_masked_softmax, masked_softmax_mask_and_in_place)
    assert "`keep - ...` is not defined for booleans" in printed, printed
    assert "Work on a copy: `keep = keep - ...` makes a new array" not in printed, printed
    with pytest.raises(TypeError):  # what the shared hint proposed: subtraction is not defined for booleans
        np.array([True, False]) - np.array([False, False])
    printed = run(capsys, checks.check_masked_softmax, masked_softmax_in_place)
    assert "changed its input `z` (an in-place update" in printed and "the boolean mask" not in printed, printed


def test_masked_softmax_most_negative_double_case():
    """Cold read r163, X1: on [np.finfo(float).min, 0] with the 0 masked the one kept logit takes all the mass, so the
    right answer is [1, 0] whatever that logit's value; the most negative double is -sys.float_info.max."""
    from tempnb.checks.softmax import _masked_cases
    case = _masked_cases()[-1]
    z, keep = case.args
    assert z.tolist() == [-sys.float_info.max, 0.0] and keep.tolist() == [True, False]
    assert np.asarray(case.expected).tolist() == [1.0, 0.0]


def test_in_place_hint_for_labels_keeps_them_integers(capsys):
    """The shared in-place hint suggests np.array(x, dtype=float) for a copy of a float input; for integer labels
    that copy cannot index, so the hint suggests .copy() instead, under the learner's own parameter name."""
    printed = run(capsys, checks.check_cross_entropy, cross_entropy_sorts_labels)
    assert "changed its input `y`" in printed and "`y = y.copy()` keeps its integers" in printed, printed
    assert "and so does `y = np.array(y, dtype=float)`" not in printed, printed
    # the logits are floats: their in-place hint keeps the shared float copy
    printed = run(capsys, checks.check_cross_entropy, cross_entropy_in_place)
    assert "changed its input `logits`" in printed and "`logits = np.array(logits, dtype=float)`" in printed, printed


def test_labels_as_target_probe_prints_nothing_of_its_own(capsys):
    """The call on a square batch that names labels used as the target (cold read r145, X1) is the check's, not the
    learner's: a debugging print shows once, for the check's first case, and not again for the probe."""
    assert checks.check_cross_entropy(cross_entropy_labels_times_log_q_printing) is None
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "shapes (6, 4) (6,)" and len(lines) == 2, lines
    assert lines[1].startswith(checks.HINT) and "Integer labels are not a target distribution" in lines[1], lines


def test_numpy_ma_probe_prints_nothing_of_its_own(capsys):
    """The quiet call that tells np.ma code behind a warning (cold read r151, X5) is the check's, not the learner's:
    a debugging print shows once for each of the check's own calls up to the miss, the first three cases."""
    def printing(z, keep):
        print("called")
        return masked_softmax_np_ma_filled(z, keep)

    assert checks.check_masked_softmax(printing) is None
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["called"] * 3 and len(lines) == 4, lines
    assert lines[3].startswith(checks.HINT) and "NumPy masked array (np.ma)" in lines[3], lines


def test_np_ma_hint_only_where_a_masked_logit_overflowed(capsys):
    """The np.ma hint (cold read r151, X5) comes only where the overflow is the masked logit's. An unshifted np.ma
    softmax overflows first on [1000, 0, 1] with the 1000 masked: exp(1000) under the mask, so the hint fits. With
    the masked logits first set to 0, the first overflow is a kept logit's, exp(1000) on [1000, 1001, 999], and the
    hint is the usual one: subtract the largest kept logit."""
    def unshifted_ma(z, keep, masked_to_zero=False):
        exps = np.exp(np.ma.masked_array(np.where(keep, z, 0.0) if masked_to_zero else z, mask=~keep))
        return (exps / exps.sum()).filled(0.0)

    printed = run(capsys, checks.check_masked_softmax, unshifted_ma)
    assert "NumPy masked array" in printed and "[1000, 0, 1] with the 1000 masked" in printed, printed
    printed = run(capsys, checks.check_masked_softmax, lambda z, keep: unshifted_ma(z, keep, masked_to_zero=True))
    assert "NumPy masked array" not in printed, printed
    assert "on [1000, 1001, 999] with the 999 masked, it emitted a RuntimeWarning: overflow. Subtract the largest " \
           "kept logit" in printed, printed


@pytest.mark.parametrize("answer", [masked_softmax_unshifted, masked_softmax_unshifted_python])
def test_masked_overflow_advice_fits_the_case(capsys, answer):
    """Cold read r160, X2: on [1000, 1001, 999] with the 999 masked the kept logits are 1000 and 1001, a span of 1,
    so no other shift can overflow there, and an unshifted answer made no shift: the advice names the largest kept
    logit, 1001, and neither the other shifts nor a span of 2000 (which belongs to [-1000, 0, 1000])."""
    printed = run(capsys, checks.check_masked_softmax, answer)
    assert "on [1000, 1001, 999] with the 999 masked" in printed and "here 1001" in printed, printed
    assert "2000" not in printed and "the minimum, the mean" not in printed, printed


def test_tied_maximum_cases_tell_log1p_of_the_others_from_the_right_answer():
    """Cold read r160, X1: on [2, 2, 0] the sum of exp(z - 2) is 2 + e^-2, so the right log-sum-exp is
    2 + log(2 + e^-2), and log1p of the others picked by value, which drops both 2s, gives 2 + log(1 + e^-2): off by
    log((2 + e^-2) / (1 + e^-2)) = 0.6317 in every entry, far beyond the checks' tolerances. The cross-entropy of
    the row [2, 2, 0] with label 0 is log(2 + e^-2) = 0.758624 (the reviewer's 0.7586) against
    log(1 + e^-2) = 0.126928. Both by math, not by the checks' code."""
    z = np.array([2.0, 2.0, 0.0])
    gap = math.log((2 + math.exp(-2)) / (1 + math.exp(-2)))
    assert round(gap, 4) == 0.6317
    assert np.allclose(log_softmax_log1p_of_the_others(z) - (z - 2 - math.log(2 + math.exp(-2))), gap,
                       rtol=1e-12, atol=0)
    assert np.allclose(log_softmax_log1p_of_the_rest(z), z - 2 - math.log(2 + math.exp(-2)), rtol=0, atol=1e-15)
    batch, labels = np.array([[2.0, 2.0, 0.0]]), np.array([0])
    assert round(math.log(2 + math.exp(-2)), 6) == 0.758624 and round(math.log1p(math.exp(-2)), 6) == 0.126928
    assert np.allclose(cross_entropy_log1p_of_the_others(batch, labels), math.log1p(math.exp(-2)), rtol=1e-12, atol=0)
    assert np.allclose(cross_entropy_log1p_of_the_rest(batch, labels), math.log(2 + math.exp(-2)), rtol=1e-12, atol=0)


@pytest.mark.parametrize("eps", [3.37e-4, 1.234e-3, 2e-2])
def test_a_large_common_factor_no_one_types_is_not_named_an_epsilon(capsys, eps):
    """Above 1e-6 only a round epsilon (two significant digits at most) up to 1e-2 is named (cold read r151, X3): a
    common factor S / (S + eps) with an eps no learner types, or above 1e-2, may be another mistake."""
    printed = run(capsys, checks.check_softmax_along_axis, lambda z, axis: along_epsilon_in_sum(z, axis, eps))
    assert "an epsilon was added to the sum" not in printed, printed


def test_zero_left_out_of_empty_like_is_never_accepted(capsys):
    """np.empty_like with masks x > 0 and x < 0: out at x = 0 is leftover memory, which may hold 0.5 by chance.

    Arrays holding 0.5 are made and freed between runs, as a learner's session might, to tempt empty_like.
    """
    for run_number in range(200):
        leftovers = [np.full(size, 0.5) for size in (1, 3, 12, 36) for _ in range(3)]
        del leftovers
        printed = run(capsys, checks.check_stable_sigmoid, sigmoid_strict_masks_empty)
        assert "skip x = 0" in printed, (run_number, printed)


# The checks of notebooks 01-06 (07's calibration checks are tested with their own module).
NOTEBOOK_MODULES = {f"tempnb.checks.{m}" for m in
                    ("probabilities", "logits", "softmax", "temperature", "distillation", "sampling")}
CHECK_NAMES = [name for name in checks.__all__
               if name.startswith("check_") and getattr(checks, name).__module__ in NOTEBOOK_MODULES]


def test_every_check_has_rows_for_right_and_wrong_answers():
    public = {getattr(checks, name) for name in CHECK_NAMES}
    assert len(public) == 23
    covered_right = {c for c, _ in RIGHT_ANSWERS} | {checks.check_entropy_temperature,
                                                     checks.check_distilled_student,
                                                     checks.check_distillation_losses}
    covered_wrong = {c for c, _, _ in WRONG_ANSWERS} | {checks.check_distilled_student}
    assert public <= covered_right, public - covered_right
    assert public <= covered_wrong, public - covered_wrong


# -- the distilled student (05, a real model): the check retrains seed 0 with the learner's training loss ------


@pytest.fixture(scope="module")
def students():
    from tempnb.data import load_digits_split
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, accuracy, train

    digits = load_digits_split()
    # a hard-label student on another split's transfer set (seed=1, chosen as the notebook chooses it)
    other = load_digits_split(seed=1)
    rng = np.random.default_rng(5)
    rows = np.concatenate([rng.choice(np.flatnonzero(other.y_train == d), 10, replace=False) for d in range(10)])
    other_student = MLP([64, 32, 10], rng=0)
    train(other_student, other.x_train[rows], lambda logits, r: cross_entropy_loss(logits, other.y_train[rows][r]),
          epochs=150, batch_size=len(rows), learning_rate=1e-2, rng=100)
    hard = recipe_student(hard_training_loss)
    return {"distilled": recipe_student(aligned_training_loss), "hard": hard,
            "hard %": 100 * accuracy(hard, digits.x_test, digits.y_test),
            "untrained": MLP([64, 32, 10], rng=0), "teacher-sized": MLP([64, 256, 256, 10], rng=1),
            "other split": other_student, "other split %": 100 * accuracy(other_student, digits.x_test, digits.y_test)}


def test_distilled_student_check(capsys, students):
    # The student distilled from a stand-in teacher (a student trained on all 1257 training images) must beat
    # the hard-label student of the same recipe by the required margin (an independent fact, printed by the
    # check itself from the held-out test set), and be the network the check's retraining gives.
    baseline = students["hard %"]

    def check(student, accuracy, training_loss=aligned_training_loss, alpha=0.9):  # a right loss function
        return checks.check_distilled_student(student, accuracy, distillation_by_hand, training_loss, 20, alpha)

    printed = run(capsys, check, students["distilled"], baseline)
    assert printed.startswith(checks.PASS) and "got the same network" in printed, printed
    # the pass line says what was checked: the training loss runs the loss function it was given (not the library)
    assert "your training loss runs it" in printed and "distils at T = 20 and α = 0.9" in printed
    # the hard-label student, trained by the training loss passed with it (α = 0), passed as ALPHA = 0 so that
    # the check's reading of T and α agrees: not the exercise's ALPHA = 0.9, named before any training
    printed = run(capsys, check, students["hard"], baseline, hard_training_loss, 0.0)
    assert "you passed chosen_T = 20 and ALPHA = 0, but the exercise asks for chosen_T = 20 and ALPHA = 0.9" in printed
    # and with ALPHA = 0.9, the check reads α = 0 off the gradient before any training
    assert "it ignores the teacher (α = 0" in run(capsys, check, students["hard"], baseline, hard_training_loss)
    # a baseline a point below the seed-0 hard-label student's: the check trains that student itself
    assert "is not the seed-0 hard-label student's" in run(capsys, check, students["distilled"], baseline - 1)
    # distilled at T = 1 (passed as chosen_T = 1): the loss agrees with the T passed, but that T is not the one the
    # notebook chose on the validation images
    below = run(capsys, checks.check_distilled_student, recipe_student(training_loss_at_1), baseline,
                distillation_by_hand, training_loss_at_1, 1, 0.9)
    assert "you passed chosen_T = 1 and ALPHA = 0.9, but the exercise asks for chosen_T = 20" in below
    assert "chose on the validation images, not one picked by its test score" in below
    assert "has it been trained" in run(capsys, check, students["untrained"], baseline)
    assert "small student" in run(capsys, check, students["teacher-sized"], baseline)
    assert "replace the None" in run(capsys, check, None, baseline)
    assert "hard_accuracy[0]" in run(capsys, check, students["distilled"], None)
    # the baseline as a fraction (0.89 for 89%) would make any student look 80 points better
    assert "looks like a fraction" in run(capsys, check, students["distilled"], baseline / 100)
    assert "not 0.9" in run(capsys, check, 0.9, baseline)
    # a student trained on another split's transfer images, against a baseline 6 points below its score here:
    # it would pass, but it does not fit the default split's transfer images, so the check names the split
    printed = run(capsys, check, students["other split"], students["other split %"] - 6)
    assert printed.startswith(checks.HINT) and "load_digits_split(seed=1)" in printed, printed
    # without the training loss (the call before it was asked for), the check asks for it, even for a good student
    printed = run(capsys, checks.check_distilled_student, students["distilled"], baseline, distillation_by_hand)
    assert printed.startswith(checks.HINT) and "pass your training loss too" in printed, printed
    # without chosen_T and ALPHA (the call before they were asked for), the check asks for them
    printed = run(capsys, checks.check_distilled_student, students["distilled"], baseline, distillation_by_hand,
                  aligned_training_loss)
    assert printed.startswith(checks.HINT) and "pass chosen_T and ALPHA too" in printed, printed


def test_distillation_losses_check_passes_right_functions_before_any_training(capsys):
    # Cold read r142, X1: Exercise 4's first cell checks both functions; the right ones pass, and the pass line sends
    # the learner on to train. A training loss with T and α as arguments, fixed by functools.partial, passes too.
    printed = run(capsys, checks.check_distillation_losses, distillation_by_hand, aligned_training_loss, 20, 0.9)
    assert printed.startswith(checks.PASS) and "Train your student with them in the next cell" in printed, printed
    assert "at T = 20 and α = 0.9" in printed
    partial = functools.partial(training_loss_with_settings, T=20.0, alpha=0.9)
    assert run(capsys, checks.check_distillation_losses, distillation_by_hand, partial, 20, 0.9).startswith(
        checks.PASS)
    # without chosen_T and ALPHA, the hint shows this check's own call, not the one after training
    printed = run(capsys, checks.check_distillation_losses, distillation_by_hand, aligned_training_loss)
    assert "checks.check_distillation_losses(my_distillation_loss, my_training_loss, chosen_T, ALPHA)" in printed


def test_placeholder_training_losses_are_not_named_as_other_mistakes(capsys):
    # Cold read r157, X1: a gradient that ignores the logits was read as one cross-entropy at T = 1, and a nan gradient
    # as targets that stay put (nan ≠ nan in the order test). Each is now named for what it is, and only that.
    for training_loss in (lambda logits, rows: (0.0, np.zeros(logits.shape)),
                          lambda logits, rows: (1.0, np.ones(logits.shape)),
                          lambda logits, rows: (float(np.sum(logits)), 0 * logits)):
        printed = run(capsys, checks.check_distillation_losses, distillation_by_hand, training_loss, 20, 0.9)
        assert "placeholder" in printed and "cross-entropy at T = 1" not in printed, printed
    for bad in (np.nan, np.inf):
        def one_bad_entry(logits, rows, bad=bad):  # the right loss, one entry of its gradient not finite
            loss, gradient = aligned_training_loss(logits, rows)
            gradient[0, 0] = bad
            return loss, gradient

        printed = run(capsys, checks.check_distillation_losses, distillation_by_hand, one_bad_entry, 20, 0.9)
        assert f"a gradient with 1 {bad} entry (of 1000)" in printed, printed
        assert "do not move with their images" not in printed, printed


def test_distillation_checks_name_a_float32_training_loss(capsys):
    # Cold read r142, X3 had the retraining accept a training loss whose gradient is float32 (the student then passed);
    # cold read r144, X2 found Exercise 4 the one exercise of 05 to accept float32 (Exercises 1 and 3 name it). Now
    # both Exercise 4 checks name it, before any training, and the retraining only ever meets float64 gradients.
    named = "your my_training_loss returns its gradient in float32: use float64"
    for arguments in ((checks.check_distillation_losses, distillation_by_hand, training_loss_float32, 20, 0.9),
                      (checks.check_distilled_student, None, hard_label_test_accuracy(0), distillation_by_hand,
                       training_loss_float32, 20, 0.9)):
        printed = run(capsys, *arguments)
        assert printed.startswith(checks.HINT) and named in printed, printed

    # a loss in float32 too: both named, with the dtype
    def both_float32(logits, rows):
        loss, gradient = training_loss_float32(logits, rows)
        return np.float32(loss), gradient

    printed = run(capsys, checks.check_distillation_losses, distillation_by_hand, both_float32, 20, 0.9)
    assert "returns its loss in float32 and its gradient in float32" in printed, printed


def test_distilled_student_check_blames_rounding_when_the_loss_is_right(capsys, monkeypatch, students):
    # A right loss whose student lands three test images from the check's own (as another BLAS might make it): the
    # hint says that the loss passes every test and that the accuracy is off by rounding, not by the loss.
    from tempnb.checks import distillation

    right = distillation._reference_distilled_accuracy(20, 0.9)
    monkeypatch.setattr(distillation, "_reference_distilled_accuracy", lambda T, alpha: right + 3 * 100 / 540)
    printed = run(capsys, checks.check_distilled_student, students["distilled"], students["hard %"],
                  distillation_by_hand, aligned_training_loss, 20, 0.9)
    assert printed.startswith(checks.HINT) and "your loss passes every test" in printed, printed
    assert "off by rounding or data order, not by your loss" in printed


def test_distilled_student_check_retrains_with_the_recipe_of_train_student():
    # The check's copy of train_student's recipe matches the notebook's cell (read from its source).
    from pathlib import Path

    from tempnb.checks import distillation

    source = (Path(__file__).parent.parent / "notebooks/src/05-distillation.md").read_text()
    assert f"EPOCHS, SEEDS, TEMPERATURES = 0.9, {distillation.RETRAIN_EPOCHS}, range(5)" in source
    recipe = ("    student = MLP(STUDENT_SIZES, rng=seed)\n"
              "    train(student, x, loss, epochs=epochs, batch_size=batch_size, "
              f"learning_rate=1e-2, rng={distillation.RETRAIN_RNG_OFFSET} + seed)")
    assert recipe in source and distillation.RETRAIN_LEARNING_RATE == 1e-2 and distillation.RETRAIN_SEED == 0
    assert list(distillation.STUDENT_SIZES) == [64, 32, 10] and "STUDENT_SIZES = [64, 32, 10]" in source
    # and the check's own copy of the teacher (for Exercise 4's targets) is trained as the notebook's teacher cell is
    d = distillation
    assert f"teacher = MLP({list(d.TEACHER_SIZES)}, rng={d.TEACHER_SEED})\n" in source
    assert d.TEACHER_LEARNING_RATE == 1e-3 and d.TEACHER_WEIGHT_DECAY == 1e-4
    assert (f"epochs={d.TEACHER_EPOCHS}, learning_rate=1e-3, weight_decay=1e-4, rng={d.TEACHER_RNG})\n"
            "teacher_accuracy =") in source


# -- the cases themselves are sound -------------------------------------------------------------


def neumaier(values):
    """Compensated summation, as Python 3.12's built-in sum() does for floats."""
    total, compensation = 0.0, 0.0
    for x in values:
        t = total + x
        compensation += (total - t) + x if abs(total) >= abs(x) else (x - t) + total
        total = t
    return total + compensation


def test_rounded_sum_case_misses_one_under_every_summation():
    # The exact sum of the three doubles (Fraction arithmetic) rounds to a double other than 1,
    # so an exactly rounded sum (math.fsum) cannot give 1; and no order of plain, pairwise or
    # compensated addition gives 1 either. So `sum(p) == 1` fails on Python 3.11, 3.12 and 3.13.
    exact = sum(Fraction(x) for x in ROUNDED_SUM_CASE)
    assert exact != 1 and float(exact) != 1.0
    sums = {math.fsum(ROUNDED_SUM_CASE), float(np.sum(ROUNDED_SUM_CASE))}
    for order in itertools.permutations(ROUNDED_SUM_CASE):
        running = 0.0
        for x in order:
            running += x
        sums |= {running, neumaier(order), sum(order), float(np.add.reduce(np.array(order)))}
    assert 1.0 not in sums, sums
    assert validated(ROUNDED_SUM_CASE)  # and yet it is a valid distribution within tolerance


def test_rounding_probes_of_the_validity_check_by_exact_arithmetic():
    # [1/3, 1/3, 1/3]: valid (the exact sum of the three stored doubles is 1 - 2**-54), and every float summation
    # gives exactly 1.0, so no tolerance on the sum rejects it; its entries rounded to 6 decimals are 0.333333, and
    # three of those are 0.999999, 1e-6 from 1 exactly and a little more as floats
    assert sum(Fraction(x) for x in _EXACT_THIRDS) == 1 - Fraction(1, 2**54)
    summed = {math.fsum(_EXACT_THIRDS), sum(_EXACT_THIRDS), float(np.sum(_EXACT_THIRDS)), neumaier(_EXACT_THIRDS)}
    assert summed == {1.0}
    assert np.round(_EXACT_THIRDS[0], 6) == 0.333333
    for decimals in range(1, 7):  # 0.3 * 3 = 0.9 ... 0.333333 * 3 = 0.999999: all rejected once rounded
        assert abs(float(np.sum(np.round(_EXACT_THIRDS, decimals))) - 1) > 1e-6, decimals
    # its partner [0.5000001, 0.5]: valid (sum 1 + 1e-7), rejected by a test of the exact sum, and rounded to 1 to 6
    # decimals it is [0.5, 0.5]
    assert Fraction(0.5000001) + Fraction(0.5) != 1 and abs(0.5000001 + 0.5 - 1) <= 1e-6
    for decimals in range(1, 7):
        assert np.round(0.5000001, decimals) == 0.5, decimals
    # 20,000 entries of 0.0000500004: the exact sum of the stored doubles is 1.000008 (to 1e-15), outside 1e-6;
    # rounded to 5 to 9 decimals every entry is the double nearest 0.00005, and 20,000 of those sum to 1 within
    # 1e-6; float32 keeps it out (a float32 double of 5.00004e-5 is off by at most 2**-38, 20,000 of them 7.3e-8)
    entry = float(_ROUNDS_TO_VALID[0])
    assert _ROUNDS_TO_VALID.shape == (20_000,) and np.all(_ROUNDS_TO_VALID == entry)
    assert abs(20_000 * Fraction(entry) - Fraction(1000008, 10**6)) < Fraction(1, 10**15)
    for decimals in range(5, 10):
        rounded = np.round(_ROUNDS_TO_VALID, decimals)
        assert np.all(rounded == 0.00005), decimals
        assert abs(float(np.sum(rounded)) - 1) <= 1e-6
    as_float32 = _ROUNDS_TO_VALID.astype(np.float32)
    assert abs(float(np.sum(as_float32)) - 1) > 1e-6 and abs(float(np.sum(as_float32, dtype=np.float64)) - 1) > 1e-6
    # the edge cases of the entry test: the double just above 1 is 1 + 2**-52, and both vectors sum to within 1e-6
    assert Fraction(float(np.nextafter(1.0, 2.0))) == 1 + Fraction(1, 2**52)
    assert not validated([float(np.nextafter(1.0, 2.0)), 0.0]) and not validated([-1e-16, 1.0])


def test_edge_batch_of_the_validity_check_by_exact_arithmetic():
    # The three-row batch's answers from the course's rule applied in exact arithmetic to the stored doubles: every
    # entry in [0, 1], and the exact sum within 10**-6 of 1. Each row is 1e-7 to 5e-6 from its boundary, far beyond
    # any float rounding, so the float rule (abs(total - 1) <= 1e-6) agrees.
    rows = [[0.3333333, 0.6666666], [1.0000005, 0.0], [0.5, 0.500005]]
    tolerance = Fraction(1, 10**6)
    exact = [all(0 <= Fraction(x) <= 1 for x in row) and abs(sum(map(Fraction, row)) - 1) <= tolerance
             for row in rows]
    assert exact == [True, False, False]
    assert _EDGE_BATCH.tolist() == rows and _EDGE_BATCH_EXPECTED.tolist() == exact
    assert not _EDGE_BATCH.flags.writeable
    # what each row separates: row 0's sum is 1 - 1e-7 (to 1e-15), so == 1 rejects it; row 1's sum is within 1e-6,
    # so only the entry test rejects it; row 2's sum is 1 + 5e-6 (to 1e-15), within np.isclose's default
    # atol + rtol * 1 = 1e-8 + 1e-5
    sums = [sum(map(Fraction, row)) for row in rows]
    assert abs(sums[0] - (1 - Fraction(1, 10**7))) < Fraction(1, 10**15) and float(np.sum(rows[0])) != 1.0
    assert abs(sums[1] - 1) <= tolerance and Fraction(rows[1][0]) > 1
    assert abs(sums[2] - (1 + Fraction(5, 10**6))) < Fraction(1, 10**15)
    assert abs(sums[2] - 1) <= Fraction(1, 10**8) + Fraction(1, 10**5)
    # each row alone, as a single vector, gets the same answer from the rule: the batch asks nothing new of it
    assert [bool(validated(row)) for row in rows] == exact


def test_validity_batch_hints_name_only_the_mistake_made(capsys):
    """Cold read r157 (X1, X2): a return inside the loop over the rows is named, and not as a test over the whole
    array; a test over the whole array, or a loop that stops at the first bad row, is not told it stopped after the
    first row; dropped NaN is named as dropped."""
    # the two probe batches: a valid row and one summing to 1.1 (far outside 1e-6), in both orders, by the rule in
    # exact arithmetic
    rows = [[0.25, 0.75], [0.5, 0.6]]
    exact = [all(0 <= Fraction(x) <= 1 for x in row) and sum(map(Fraction, row)) == 1 for row in rows]
    assert exact == [True, False] and abs(sum(map(Fraction, rows[1])) - 1) > Fraction(1, 10**6)
    assert _FIRST_ROW_VALID.tolist() == rows and _FIRST_ROW_INVALID.tolist() == rows[::-1]
    assert not _FIRST_ROW_VALID.flags.writeable and not _FIRST_ROW_INVALID.flags.writeable
    first_row = "a `return` inside a loop over the rows returns after the first row"
    for answer in (valid_returning_inside_the_row_loop, valid_first_row_of_atleast_2d):
        printed = run(capsys, checks.check_is_valid_distribution, answer)
        assert first_row in printed and "np.allclose" not in printed, printed
    for answer in (valid_while_every_row_is, is_distribution_from_the_notebook, valid_with_allclose,
                   valid_by_wrapping_validate_probs, valid_by_wrapping_entropy, valid_unless_any_nan):
        printed = run(capsys, checks.check_is_valid_distribution, answer)
        assert printed.startswith(checks.HINT) and first_row not in printed, printed
    printed = run(capsys, checks.check_is_valid_distribution, valid_after_dropping_nan)
    assert "dropped it (p[~np.isnan(p)])" in printed, printed


def test_half_entropy_hints_tell_a_gap_from_a_grid_point(capsys):
    """Cold read r147 (X1, X2): the smallest gap stored as θ is named as a gap, and a grid's first or second point
    (np.argmin of H without abs(), or of scipy.stats.entropy's two column entropies) is not."""
    ends, nums = (0.5, 1.0), (501, 1001, 5001, 10001, 20001, 50000, 50001, 100001, 200001)
    for start, end, num in itertools.product((0.0, 1e-4, 1e-3, 1e-6, float(np.finfo(float).eps)), ends, nums):
        grid = np.linspace(start, end, num)
        gap_hint = run(capsys, checks.check_half_entropy_theta, half_entropy_smallest_gap(grid))
        assert "size of the smallest gap" in gap_hint and "first point" not in gap_hint, (start, end, num, gap_hint)
        for point in {float(grid[0]), float(grid[1])} - {0.0}:
            point_hint = run(capsys, checks.check_half_entropy_theta, point)
            assert "first point (or its second)" in point_hint and "gap, np.min" not in point_hint, (
                start, end, num, point, point_hint)
    # np.arange grids, from 0 or from their step
    for step in (1e-5, 2e-5, 5e-5, 1e-4, 1e-3):
        for start in (0.0, step):
            grid = np.arange(start, 0.5, step)
            assert "size of the smallest gap" in run(capsys, checks.check_half_entropy_theta,
                                                     half_entropy_smallest_gap(grid))
            assert "gap, np.min" not in run(capsys, checks.check_half_entropy_theta, float(grid[1]))


def test_sigmoid_check_expects_the_correctly_rounded_values():
    # The check's expected values come from math.exp; here they are computed again with the decimal
    # module at 60 digits, e^x / (1 + e^x), and rounded once to a double (float() of a Decimal rounds
    # correctly, subnormals included). Scipy's expit is no reference: it returns 0.0 at x = -720.
    import decimal

    from tempnb.checks.logits import _SIGMOID_POINTS, _SUBNORMAL_SIGMOID_POINTS, _SUBNORMAL_SLACK, _exact_sigmoid

    decimal.getcontext().prec = 60
    for x in np.concatenate([_SIGMOID_POINTS, _SUBNORMAL_SIGMOID_POINTS]):
        e = decimal.Decimal(float(x)).exp()
        exact = float(e / (1 + e))
        # within a few units in the last place: relative for normal doubles, one spacing (2**-1074) for subnormal
        assert math.isclose(_exact_sigmoid(float(x)), exact, rel_tol=1e-15, abs_tol=2.0**-1074), x
        assert exact == 0 or exact > _SUBNORMAL_SLACK, x  # so an answer of 0 at -720 or -742.5 is wrong
    # The far points: 1e5 is far beyond 1075 log 2 ≈ 745.13, so e^-100000 is below 2**-1075, half the smallest
    # subnormal double: the correctly rounded σ(-x) is 0, and σ(x) = 1 - σ(-x) is within 2**-54 of 1, so it is 1.
    # The same holds a fortiori at 1e300. (Decimal's exp cannot be used here: e^100000 overflows its default context.)
    from tempnb.checks.logits import _FAR_POINTS
    assert 1e5 > 1075 * math.log(2)
    assert [_exact_sigmoid(float(x)) for x in _FAR_POINTS] == [0.0, 0.0, 1.0, 1.0]
    # the core part's last point, -708, is a normal double, so a cut-off there gets the cut-off hint
    assert _exact_sigmoid(-708.0) >= np.finfo(float).smallest_normal > _exact_sigmoid(-720.0)
    assert float(scipy.special.expit(-720.0)) == 0.0 < _exact_sigmoid(-720.0)


def test_top_p_cases_are_far_from_the_threshold():
    # For each names-model case, the kept set would be the same for any top_p_mass within 1e-6,
    # so the rounding of a learner's cumulative sum cannot decide it.
    from tempnb.checks.sampling import TOP_P_NAMES_CASES, top_p_cases

    cases = top_p_cases()
    # six hand-made cases (one of large logits, one with a total 3e-5 below the mass) and one of unnormalised logits
    assert len(cases) == len(TOP_P_NAMES_CASES) + 7
    for case in cases:
        logits, mass = case.args
        if mass == 1:  # keep every token of nonzero probability, though the running total ends below 1
            finite = np.isfinite(logits)
            assert np.cumsum(np.sort(softmax(logits))[::-1])[-1] < 1 and 0 < finite.sum() < logits.size
            assert np.array_equal(np.isfinite(case.expected), finite)
            assert np.array_equal(np.isfinite(top_p(logits, mass)), finite)  # tempnb agrees
            continue
        probs = np.sort(softmax(logits))[::-1]
        cumulative = np.cumsum(probs)
        if mass > 0:
            assert np.min(np.abs(cumulative - mass)) > 1e-6
        expected_kept = np.isfinite(case.expected).sum()
        assert expected_kept == max(1, int(np.searchsorted(cumulative, mass)) + 1)


def test_top_p_positive_logits_case_by_hand():
    """The hand-made case of positive logits, in plain Python: probabilities e^z / (e^2 + 1 + e + e^0.5), most
    probable first 0.579, 0.213, 0.129, 0.078, running totals 0.579, 0.792, 0.922, so top_p_mass = 0.9 keeps 3; the
    raw logits sorted, 2, 1, 0.5, 0, have a running total of 2 >= 0.9 at the first, so that mistake keeps 1, and
    keeping everything keeps 4: three different answers."""
    from tempnb.checks.sampling import top_p_cases

    [case] = [case for case in top_p_cases() if case.args[0].tolist() == [2.0, 0.0, 1.0, 0.5]]
    logits, mass = case.args[0].tolist(), case.args[1]
    weights = [math.exp(z) for z in logits]
    probs = sorted((w / sum(weights) for w in weights), reverse=True)
    totals = list(itertools.accumulate(probs))
    by_hand = next(k for k, total in enumerate(totals) if total >= mass) + 1
    raw = next(k for k, total in enumerate(itertools.accumulate(sorted(logits, reverse=True))) if total >= mass) + 1
    assert (by_hand, raw, len(logits)) == (3, 1, 4) and mass == 0.9
    assert min(abs(total - mass) for total in totals) > 0.02
    assert np.isfinite(case.expected).tolist() == [True, False, True, True]


def test_top_p_case_near_the_mass_by_hand():
    """Cold reads r150, X2, and r152, X1, by exact fractions: 37/100 + 32997/100000 = 69997/100000, 3e-5 below 7/10,
    so the third token crosses and 3 are kept. Rounded to 2, 3 or 4 decimals, 37/100 + 33/100 reaches 7/10 at the
    second token. In float16 (10 bits after the leading one, so steps of 2^-12 in [1/4, 1/2)) 0.37 and 0.32997
    round to 1516/4096 and 1352/4096, whose sum 2868/4096 = 0.7001953125 is itself a float16 (a multiple of 2^-11
    in [1/2, 1)) and is at least 7/10, so it reaches the mass at the second token too. The old case,
    1/2 + 2999/10000 at 4/5, let float16 through: 2999/10000 rounds to 1228/4096, and 1/2 + 1228/4096 < 4/5."""
    from tempnb.checks.sampling import top_p_cases

    [case] = [case for case in top_p_cases() if case.args[0].size == 3 and case.args[1] == 0.7]
    mass = Fraction(7, 10)
    first, second = Fraction(37, 100), Fraction(32997, 100000)
    assert first + second == mass - Fraction(3, 100000)
    for decimals in (2, 3, 4):  # no value is exactly halfway between two roundings, so no tie rule is needed
        step = Fraction(1, 10**decimals)
        assert round(first / step) * step + round(second / step) * step == mass

    def to_float16(x):  # round to the nearest multiple of 2^-12, the float16 step in [1/4, 1/2)
        assert Fraction(1, 4) <= x < Fraction(1, 2)
        return Fraction(round(x * 4096), 4096)

    assert (to_float16(first), to_float16(second)) == (Fraction(1516, 4096), Fraction(1352, 4096))
    total = to_float16(first) + to_float16(second)
    assert total == Fraction(2868, 4096) == Fraction(1434, 2048) and total >= mass
    assert float(total) == 0.7001953125
    assert Fraction(1, 2) + to_float16(Fraction(2999, 10000)) < Fraction(4, 5)  # the old case
    assert np.allclose(np.exp(case.args[0]), [0.37, 0.32997, 0.30003], rtol=1e-15, atol=0)
    assert np.isfinite(case.expected).tolist() == [True, True, True]


def test_top_p_large_logits_case_by_hand():
    """The large-logits case in plain Python: e^z / sum e^z = e^(z - 1000) / (1 + e^-1 + e^-2 + e^-10), most
    probable first 0.665, 0.245, 0.090, 0.00003, running totals 0.665, 0.910, so top_p_mass = 0.9 keeps tokens 0
    and 1; math.exp(1000) itself overflows, which is the trap the case is there for."""
    from tempnb.checks.sampling import top_p_cases

    [case] = [case for case in top_p_cases() if case.args[0].tolist() == [1000.0, 999.0, 998.0, 990.0]]
    logits, mass = case.args[0].tolist(), case.args[1]
    with pytest.raises(OverflowError):
        math.exp(logits[0])
    weights = [math.exp(z - 1000.0) for z in logits]
    totals = list(itertools.accumulate(w / sum(weights) for w in weights))  # already most probable first
    assert mass == 0.9 and totals[0] < mass <= totals[1]
    assert np.flatnonzero(np.isfinite(case.expected)).tolist() == [0, 1]


def test_top_k_generic_hint_mentions_ties_only_where_the_case_has_one(capsys):
    """Cold read r147, X3: on [1, 4, 2, 3, 0] with k = 2 there is no tie, so the case's own hint does not talk
    about ties. The two largest are 4 and 3, at positions 1 and 3; positions 2 and 3 match no known mistake."""
    keep_two_and_three = lambda z, k: np.where(np.isin(np.arange(len(z)), [2, 3]), z, -np.inf)  # noqa: E731
    printed = run(capsys, checks.check_top_k, keep_two_and_three)
    assert "the kept positions should be [1, 3] (the positions of the k largest logits" in printed, printed
    assert "tie" not in printed, printed


def test_top_k_float32_case_by_hand():
    """The float32 case's figure, 0.7 rounded to float32, by exact arithmetic: 0.7 lies in [1/2, 1), where float32
    numbers are 2**-24 apart, and 0.7 * 2**24 = 11744051.2 rounds to 11744051. 0.6 is no float32 number either."""
    rounded = Fraction(11744051, 2**24)
    assert Fraction(float(np.float32(0.7))) == rounded
    assert f"{float(rounded):.15g}" == "0.699999988079071"
    assert Fraction(0.7) != rounded and float(np.float32(0.6)) != 0.6


def test_batch_hints_name_no_mistake_that_was_not_made(capsys):
    """Cold read r140: a sorted row's index is not blamed on a stand-in for -inf, and rng used only to seed another
    generator is not said to draw every index equally often."""
    sorted_hint = run(capsys, checks.check_batch_sampler, batch_sorted_not_mapped_back)
    assert "stand-in" not in sorted_hint and "added to the probabilities" not in sorted_hint, sorted_hint
    seeded_hint = run(capsys, checks.check_batch_sampler, batch_seeded_generator)
    assert "draws every index equally often" not in seeded_hint, seeded_hint


def test_a_temperature_near_base_two_is_told_apart_from_base_two():
    """The premise of cold read r162, X1, by hand: 2**z normalised is softmax(z / T) at T = 1 / ln 2 = 1.4427, and on
    the check's batch it draws, row by row, what T = 1.5 and T = 1.4 draw, so the batch alone cannot tell them apart.
    On the logits [0, 1] the first token's probability is 2**0 / (2**0 + 2**1) = 1/3 exactly in base 2, against
    1 / (1 + e^(1 / 1.5)) = 0.33924 at T = 1.5 and 1 / (1 + e^(1 / 1.4)) = 0.32866 at T = 1.4: far apart at the
    probe's precision (1e-9). F1: ln 2 < 1, so base 2 is flatter (T > 1), its entropy on [2, 1, 0.5, 0.2] higher."""
    from tempnb.checks.sampling import _batch_case

    logits, uniforms = _batch_case()
    base_two = np.exp2(logits) / np.exp2(logits).sum(axis=1, keepdims=True)  # 2**z normalised, no softmax
    for T in (1.5, 1.4):
        tempered = np.exp(logits / T) / np.exp(logits / T).sum(axis=1, keepdims=True)
        drawn = [np.sum(np.cumsum(probs, axis=1) <= uniforms[:, None], axis=1) for probs in (base_two, tempered)]
        assert np.array_equal(*drawn)
    assert 2.0**0 / (2.0**0 + 2.0**1) == float(Fraction(1, 3))  # one correctly rounded division
    assert abs(1 / (1 + math.exp(1 / 1.5)) - 1 / 3) > 5e-3 and abs(1 / (1 + math.exp(1 / 1.4)) - 1 / 3) > 4e-3
    assert math.log(2) < 1 < 1 / math.log(2)
    z = [2.0, 1.0, 0.5, 0.2]
    entropy_in = {base: -sum(p * math.log(p) for p in (base**x / sum(base**y for y in z) for x in z))
                  for base in (2.0, math.e)}
    assert entropy_in[2.0] > entropy_in[math.e]


def test_temperature_and_base_two_hints_name_only_the_mistake_made(capsys):
    """Cold read r162, X1 and F1: every check of 06 that knows both hints gives a temperature of 1.5 or 1.4 the
    temperature hint, never the base-2 one, and gives 2**z normalised the base-2 hint, calling it flatter."""
    tempered = [(checks.check_batch_sampler, batch_tempered(T)) for T in (1.5, 1.4)]
    tempered += [(checks.check_top_p, top_p_on(lambda z, T=T: softmax(z, T))) for T in (1.5, 1.4)]
    tempered += [(checks.check_inverse_cdf_sampler,
                  lambda z, rng, T=T: int(np.searchsorted(np.cumsum(softmax(z, T)), rng.random(), side="right")))
                 for T in (1.5, 1.4)]
    for check, answer in tempered:
        printed = run(capsys, check, answer)
        assert "you applied a temperature" in printed and "2**z" not in printed, printed
    base_two = [(checks.check_batch_sampler, batch_base_two(np.exp2)), (checks.check_top_p, top_p_base_two),
                (checks.check_inverse_cdf_sampler,
                 lambda z, rng: int(np.searchsorted(np.cumsum(2.0**z / np.sum(2.0**z)), rng.random(), side="right")))]
    for check, answer in base_two:
        printed = run(capsys, check, answer)
        assert "2**z normalised" in printed and "flatter" in printed, printed
        assert "sharper" not in printed and "you applied a temperature" not in printed, printed


def test_top_k_ties_dropped_at_the_kth_place_are_not_called_the_first_k(capsys):
    """Cold read r162, X2: an answer that finds the k largest wherever they stand but drops the ties at the k-th place
    is not told it kept the first k positions "as if the logits came sorted"; logits[:k] still is."""
    printed = run(capsys, checks.check_top_k, top_k_ties_at_the_top_only)
    assert "as if the logits came sorted" not in printed and "every logit equal to the k-th largest" in printed
    printed = run(capsys, checks.check_top_k, top_k_first_positions)
    assert "as if the logits came sorted largest first" in printed, printed


def test_batch_shape_error_names_the_operand_that_lost_its_axis(capsys):
    """Cold read r157, X1: the same (45,5)-against-(45,) error comes from a row's max or sum without keepdims or
    from a u without [:, None]; each hint gives the advice for the learner's own line, and only that one. X2: scaled
    totals before each token are not blamed on a sort. The starter's hint does not hand over the code."""
    for answer in (batch_draw_max_without_keepdims, batch_draw_sum_without_keepdims, batch_draw_max_named_first):
        printed = run(capsys, checks.check_batch_sampler, answer)
        assert "Keep the axis" in printed and "u[:, None]" not in printed, printed
    printed = run(capsys, checks.check_batch_sampler, batch_u_as_a_row)
    assert "give it a column's shape, u[:, None]" in printed and "Keep the axis" not in printed, printed
    printed = run(capsys, checks.check_batch_sampler, batch_totals_before_scaled)
    assert "sorted" not in printed and "order[j]" not in printed, printed
    printed = run(capsys, checks.check_batch_sampler, lambda z, rng: rng.random(len(z)) * 0 + np.zeros(len(z), int))
    assert "np.cumsum" not in printed and "rng.random(len(logits)) *" not in printed, printed


def test_row_reductions_are_read_as_the_learner_writes_them():
    """The forms _row_reduction takes for a row's max or total that drops axis 1, and the ones it leaves alone."""
    import ast

    from tempnb.checks.sampling import _row_reduction, _with_keepdims

    def read(text):
        return _row_reduction(ast.parse(text, mode="eval").body)

    for text in ("x.max(axis=1)", "x.sum(axis=-1)", "x.sum(1)", "np.max(x, 1)", "np.sum(x, axis=1)",
                 "logsumexp(x, axis=1)", "scipy.special.logsumexp(x, 1)", "np.amax(x, -1)"):
        assert read(text), text
    for text in ("x.max()", "x.max(axis=0)", "x.sum(axis=1, keepdims=True)", "np.cumsum(x, axis=1)",
                 "np.argmax(x, axis=1)", "np.sum(x)", "x.max(0)", "np.max(x, axis=k)"):
        assert not read(text), text
    assert _with_keepdims(ast.parse("e.sum(axis=1)", mode="eval").body) == "e.sum(axis=1, keepdims=True)"


def test_inverse_cdf_check_follows_each_uniform_number(capsys):
    # Reversing the CDF (1 - u) gives the right frequencies but the wrong index for a given u:
    # a frequency test would pass it; following each u does not.
    reversed_cdf = lambda z, rng: int(np.searchsorted(np.cumsum(softmax(z)[::-1]), rng.random(), side="right"))  # noqa: E731
    printed = run(capsys, checks.check_inverse_cdf_sampler, lambda z, rng: 4 - reversed_cdf(z, rng))
    assert printed.startswith(checks.HINT)


def test_batch_sampler_case_by_hand():
    """The batch check's rows, uniform numbers and expected indices, recomputed one row at a time in plain
    Python (math.exp and running sums, no NumPy softmax): the first index whose running total exceeds u."""
    from tempnb.checks.sampling import _batch_case, _first_above

    logits, uniforms = _batch_case()
    assert logits.shape == (45, 5)
    expected = _first_above(np.cumsum(softmax(logits, axis=1), axis=1), uniforms)[0]
    near_a_step = []
    for row, u, index in zip(logits.tolist(), uniforms.tolist(), expected.tolist()):
        weights = [0.0 if z == -math.inf else math.exp(z) for z in row]
        totals = list(itertools.accumulate(w / sum(weights) for w in weights))
        by_hand = next(k for k, total in enumerate(totals) if total > u)
        assert index == by_hand, (row, u)
        assert row[by_hand] != -math.inf  # never a masked entry
        if min(abs(total - u) for total in totals) <= 1e-6:
            near_a_step.append((row.index(-math.inf), u))
    # only the two chosen on purpose lie within 1e-6 of a step: u = 0 where the first entry (0) is masked,
    # and u = 1 - 1e-9 where the last entry (4) is masked
    assert sorted(near_a_step) == [(0, 0.0), (4, 1 - 1e-9)]
    # the row whose token 1 is masked, with u 1e-5 past token 0's piece: [1, -inf, 2, 0.5, 2] gives token 2
    first_row = [1.0, -math.inf, 2.0, 0.5, 2.0]
    weights = [math.exp(1), 0.0, math.exp(2), math.exp(0.5), math.exp(2)]
    u = weights[0] / sum(weights) + 1e-5
    assert any(row == first_row and abs(x - u) < 1e-12 and k == 2
               for row, x, k in zip(logits.tolist(), uniforms.tolist(), expected.tolist()))


def test_batch_sampler_column_and_run_on_probes_by_hand():
    """Cold read r152, X3, in plain Python: the row [0, 0, 0, 0, 3] has probabilities 1 / (4 + e^3) = 0.0415 (four
    times) and e^3 / (4 + e^3) = 0.834. With u = 0.06 its running totals give the inverse-CDF index 1. Totals down
    the columns of a one-row batch are the probabilities themselves: the first above u, and the count of those at
    most u, are both 4, with u as given or scaled by the last one (0.06 * 0.834 = 0.050). A running total carried
    on from the first row into an equal second one starts at 1 + 0.0415 there, above u, so gives 0."""
    from tempnb.checks.sampling import _down_the_columns, _runs_on

    row = [0.0, 0.0, 0.0, 0.0, 3.0]
    probs = [math.exp(z) / (4 + math.exp(3)) for z in row]
    totals = list(itertools.accumulate(probs))
    u = 0.06
    assert next(k for k, total in enumerate(totals) if total > u) == 1
    for scaled_u in (u, u * probs[-1]):
        assert probs[3] < scaled_u < probs[4]
        assert next(k for k, p in enumerate(probs) if p > scaled_u) == 4 == sum(p <= scaled_u for p in probs)
    carried = [1 + total for total in totals]  # the second row's totals, run on from the first row's end
    assert next(k for k, total in enumerate(carried) if total > u) == 0
    # the probes themselves, on samplers written both ways
    assert _down_the_columns(batch_cumsum_down_columns) and _down_the_columns(batch_cumsum_down_columns_scaled)
    assert _runs_on(batch_cumsum_flattened(scaled=False))
    assert not _down_the_columns(batch_inverse_cdf) and not _runs_on(batch_inverse_cdf)
    assert not _runs_on(batch_cumsum_down_columns) and not _down_the_columns(batch_cumsum_flattened(scaled=False))


def test_batch_sampler_probes_by_hand():
    """The extra rows the batch check tries, recomputed in plain Python. Large logits: the probabilities are
    [1, e^-1, 0, e^-2, e^-1000] / (1 + e^-1 + e^-2), running totals 0.665, 0.910, 0.910, 1, 1, so u = 0.7 lies in
    token 1's piece and u = 0.95 in token 3's. The masked-first row: u = 1e-300 is below token 1's piece
    (e / (e + e^2 + 1 + e^-1) = 0.24), so the inverse CDF gives 1; a stand-in of -30 gives token 0 a piece of
    about e^-30 / 11.5 = 8e-15, above 1e-300, so it draws 0. u = 0.1 is inside token 1's piece too, while 1 - 0.1
    lies in token 3's (0.881 < 0.9 < 0.968). The mixed batch: its second row is the masked-first row, whose running
    totals 0, 0.237, 0.881, 0.968, 1 put u = 0.95 in token 3's piece; less the batch's maximum, 1000, every
    exponential of that row is exactly 0."""
    from tempnb.checks.sampling import _LARGE_ROWS, _LARGE_U, _MIXED_ROWS, _MIXED_U, _STAND_IN_ROWS, _STAND_IN_U

    def by_hand(row, u):
        top = max(row)
        weights = [0.0 if z == -math.inf else math.exp(z - top) for z in row]
        totals = list(itertools.accumulate(w / sum(weights) for w in weights))
        return next(k for k, total in enumerate(totals) if total > u)

    assert [by_hand(row, u) for row, u in zip(_LARGE_ROWS.tolist(), _LARGE_U)] == [1, 3]
    assert [by_hand(row, u) for row, u in zip(_STAND_IN_ROWS.tolist(), _STAND_IN_U)] == [1, 1]
    stand_in = [-30.0 if z == -math.inf else z for z in _STAND_IN_ROWS.tolist()[0]]
    assert [by_hand(stand_in, u) for u in _STAND_IN_U] == [0, 1]  # what _stand_in_piece looks for
    assert math.exp(-30) / sum(math.exp(z) for z in stand_in) > 1e-15
    assert by_hand(_STAND_IN_ROWS.tolist()[1], 1 - _STAND_IN_U[1]) == 3  # 1 - u is not taken for a stand-in
    assert 1 - _STAND_IN_U[0] == 1.0  # so no running total exceeds 1 - u there
    assert _MIXED_ROWS.tolist()[0] == _LARGE_ROWS.tolist()[0] and _MIXED_ROWS.tolist()[1] == _STAND_IN_ROWS.tolist()[0]
    assert [by_hand(row, u) for row, u in zip(_MIXED_ROWS.tolist(), _MIXED_U)] == [1, 3]
    batch_max = max(max(row) for row in _MIXED_ROWS.tolist())
    assert batch_max == 1000 and all(math.exp(z - batch_max) == 0.0 for z in _MIXED_ROWS.tolist()[1])


def test_gumbel_stand_in_probe_by_hand():
    """Cold read r159, X1: the scripted probe, from closed forms. The largest double below 1 is 1 - 2**-53, so its
    Gumbel noise -log(-log u) is -log(2**-53) = 53 log 2 (to a part in 1e16); u = 1e-300 gives -log(300 log 10).
    On [1, -inf, 2, 0.5, 2] a stand-in s for the -inf wins once s / T + 53 log 2 > 2 / T - log(300 log 10): at
    T = 2 above about -84.5, at T = 100 above about -4325. The mirrored script (1 - u for the learner) gives the
    masked entry the same 53 log 2 and the others -log(53 log 2)."""
    from tempnb.checks.sampling import _STAND_IN_SCRIPTS, _STAND_IN_TEMPERATURES, _gumbel_stand_in

    largest, smallest, mirrored_small = 53 * math.log(2), -math.log(300 * math.log(10)), -math.log(53 * math.log(2))
    direct, mirrored = _STAND_IN_SCRIPTS
    assert direct[1] == 1 - 2.0**-53 and mirrored[1] == 2.0**-53 and 1 - mirrored[1] == direct[1]
    assert math.isclose(-math.log(-math.log(direct[1])), largest, rel_tol=1e-12)
    assert math.isclose(-math.log(-math.log(direct[0])), smallest, rel_tol=1e-12)
    assert math.isclose(-math.log(-math.log(1 - mirrored[0])), mirrored_small, rel_tol=1e-12)
    assert _STAND_IN_TEMPERATURES == (2.0, 100.0)

    def stand_in(s):
        return lambda z, T, rng: int(np.argmax(np.where(np.isneginf(z), s, z) / T - np.log(-np.log(rng.random(5)))))

    for T, bound in ((2.0, -84.5), (100.0, -4325.0)):
        assert math.isclose(T * (2 / T + smallest - largest), bound, abs_tol=0.5)
    hint_at = {}
    for s in (0.0, -30.0, -84.0, -85.0, -1e3, -4320.0, -4330.0):
        found = _gumbel_stand_in(stand_in(s))
        hint_at[s] = None if found is None else ("T = 100" if "at T = 100 it did" in found else "T = 2")
    assert hint_at == {0.0: "T = 2", -30.0: "T = 2", -84.0: "T = 2", -85.0: "T = 100", -1e3: "T = 100",
                       -4320.0: "T = 100", -4330.0: None}
    # a right sampler never draws the masked entry, with u or with 1 - u
    assert _gumbel_stand_in(lambda z, T, rng: int(np.argmax(z / T - np.log(-np.log(rng.random(5)))))) is None
    assert _gumbel_stand_in(lambda z, T, rng: int(np.argmax(z / T - np.log(-np.log(1 - rng.random(5)))))) is None


def test_batch_sampler_near_one_probe_by_hand():
    """Cold reads r144 and r156: the probe for an unscaled u, in plain Python floats. Seven equal logits: each
    probability is 1 / 7 rounded to a double, and adding seven of them one after another (as np.cumsum does) ends at
    0.9999999999999998, below u = math.nextafter(1, 0) = 0.9999999999999999, so an unscaled u finds no running total
    above it. Scaled by that end, u stays below it and falls in the seventh token's piece, index 6. The row before
    it, eight equal logits, has exact totals k/8 ending at 1.0, so a u scaled by the batch's largest total is
    scaled by 1.0; its own u = 0.55 lies in token 4's piece (4/8 < 0.55 < 5/8)."""
    from tempnb.checks.sampling import _NEAR_ONE_ROWS, _NEAR_ONE_U

    assert _NEAR_ONE_ROWS.tolist() == [[0.0] * 8, [0.0] * 7 + [-math.inf]]
    assert _NEAR_ONE_U == (0.55, math.nextafter(1.0, 0.0)) and _NEAR_ONE_U[1] == 0.9999999999999999
    eights = list(itertools.accumulate([1 / 8] * 8))
    assert [Fraction(t) for t in eights] == [Fraction(k, 8) for k in range(1, 9)] and eights[-1] == 1.0
    sevens = list(itertools.accumulate([1 / 7] * 7 + [0.0]))
    assert sevens[-1] == 0.9999999999999998 < _NEAR_ONE_U[1]
    assert sum(total <= _NEAR_ONE_U[1] for total in sevens) == 8  # the unscaled count: past the last index, 7
    assert sum(total <= _NEAR_ONE_U[1] * max(eights[-1], sevens[-1]) for total in sevens) == 8  # scaled by the max
    assert next(k for k, total in enumerate(sevens) if total > _NEAR_ONE_U[1] * sevens[-1]) == 6
    assert next(k for k, total in enumerate(eights) if total > _NEAR_ONE_U[0]) == 4
    assert Fraction(4, 8) < Fraction(_NEAR_ONE_U[0]) < Fraction(5, 8)


def test_batch_sampler_check_sees_a_loop_however_the_numbers_are_drawn(capsys):
    """A loop over the rows is right on every row, so only the growth of its work with the rows tells it apart."""
    def counted_row_by_row(z, rng):
        return np.array([np.sum(np.cumsum(softmax(row)) <= x) for row, x in zip(z, rng.random(len(z)))])

    for answer in (batch_rows_loop_vector_u, counted_row_by_row, batch_nested_loops_no_calls):
        assert "loops over the rows:" in run(capsys, checks.check_batch_sampler, answer)
    for answer in (batch_rows_loop, batch_u_one_by_one, batch_u_filled_in_a_loop):
        assert "one per row, one at a time" in run(capsys, checks.check_batch_sampler, answer)
    assert run(capsys, checks.check_batch_sampler, batch_inverse_cdf).startswith(checks.PASS)


def test_batch_sampler_line_counts_leave_room():
    """Cold read r142: the line counts that tell a loop over the rows from array code, on 4 rows and on 40. Array
    code runs the same lines for any number of rows; a loop written in Python runs at least one more per row, 36
    more here, twice the threshold of 18 (half a line per row)."""
    from tempnb.checks.sampling import _batch_case, _lines_run

    logits, _ = _batch_case()

    def growth(answer):
        return _lines_run(answer, logits[:40]) - _lines_run(answer, logits[:4])

    for answer in (batch_inverse_cdf, batch_inverse_cdf_argmax, batch_checked_by_np_all,
                   lambda z, rng: batch_inverse_cdf(z, rng).tolist()):
        assert growth(answer) == 0
    for answer in (batch_rows_loop_vector_u, batch_nested_loops_no_calls, batch_while_loop_no_calls,
                   batch_u_filled_in_a_loop, batch_converted_by_generator, batch_converted_by_list_comprehension,
                   batch_checked_by_assert_all):
        assert growth(answer) >= 40 - 4


# -- the checks never raise, never hide the learner's output -----------------------------------


def test_learner_prints_are_shown(capsys):
    def chatty(p):
        print("looking at", list(p))
        return validated(p)

    assert checks.check_is_valid_distribution(chatty) is None
    printed = capsys.readouterr().out
    assert "looking at [0.25, 0.75]" in printed
    assert printed.strip().splitlines()[-1].startswith(checks.PASS)


def test_the_batch_sampler_check_shows_a_learners_print_once(capsys):
    """The check probes the learner's sampler for tempnb.sample, and after a broadcasting error calls it again to read
    the line that raised: those calls are the check's, so a debugging print shows once, from the learner's own call."""
    def printing_without_keepdims(z, rng):
        print("debug", np.shape(z))
        e = np.exp(z - z.max(axis=1))
        cdf = np.cumsum(e / e.sum(axis=1, keepdims=True), axis=1)
        return np.argmax(cdf > (rng.random(len(z)) * cdf[:, -1])[:, None], axis=1)

    checks.check_batch_sampler(printing_without_keepdims)
    printed = capsys.readouterr().out
    assert printed.count("debug") == 1
    assert "Keep the axis: z.max(axis=1, keepdims=True)" in printed


def test_the_swapped_arguments_probe_does_not_show_its_prints(capsys):
    """After a wrong answer, Exercise 4's check calls the learner's function once more with the labels first, to
    tell a swap apart from other mistakes. That call is the check's, not the learner's: what it prints (shapes
    printed while debugging) would read as if the check had passed the arguments the wrong way round, so only the
    learner's own call shows its prints."""
    def block_by_labels(logits, labels):
        print("logits", np.shape(logits), "labels", np.shape(labels))
        return -scipy.special.log_softmax(logits, axis=1)[:, labels]  # a B x B block

    checks.check_cross_entropy(block_by_labels)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["logits (6, 4) labels (6,)"], lines  # the first case's six rows of four logits
    assert lines[-1].startswith(checks.HINT) and "picks a B × B block" in lines[-1], lines

    def swapped(labels, logits):  # right the other way round: the swap is still named, and its print not shown
        print("labels", np.shape(labels), "logits", np.shape(logits))
        return scipy.special.logsumexp(logits, axis=1) - logits[np.arange(len(labels)), labels]

    checks.check_cross_entropy(swapped)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["labels (6, 4) logits (6,)"], lines
    assert "its parameters are the other way round" in lines[-1], lines


def test_the_sigmoid_probes_do_not_show_their_prints(capsys):
    """Exercise 3's check calls the learner's sigmoid on the twelve points and then on probes of its own (x = 0
    probes, a 3 × 4 grid, 1,200 entries, far points, integers). Only the first call shows what the function prints,
    once, whether the answer passes or a probe finds the mistake."""
    def chatty(x):
        print("x has shape", np.shape(x))
        print("to stderr", file=sys.stderr)
        return stable_sigmoid_masks(x)

    def chatty_zero_left_out(x):  # masks x > 0 and x < 0: x = 0 is never written
        print("x has shape", np.shape(x))
        x = np.asarray(x, dtype=float)
        out = np.zeros_like(x)
        out[x > 0] = 1 / (1 + np.exp(-x[x > 0]))
        out[x < 0] = np.exp(x[x < 0]) / (1 + np.exp(x[x < 0]))
        return out

    for check in (checks.check_stable_sigmoid, check_stable_sigmoid_subnormal):
        check(chatty)
        captured = capsys.readouterr()
        lines = captured.out.strip().splitlines()
        assert lines[:-1] == ["x has shape (12,)"] and lines[-1].startswith(checks.PASS), lines
        assert captured.err.strip().splitlines() == ["to stderr"], captured.err
    checks.check_stable_sigmoid(chatty_zero_left_out)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["x has shape (12,)"], lines
    assert lines[-1].startswith(checks.HINT) and "x = 0 is never written" in lines[-1], lines


def test_the_swap_probes_of_exercises_1_and_3_do_not_show_their_prints(capsys):
    """Exercises 3 and 1 (since cold read r132) probe a wrong answer with its arguments swapped too, as Exercise 4
    does: only the learner's own first call shows its print, the probe's is not shown, and the swap is named."""
    def along(axis, z):  # (axis, z): the check's call gives it the array as the axis
        print("axis", np.shape(axis))
        return along_solution(z, axis)

    checks.check_softmax_along_axis(along)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["axis (2, 2)"], lines
    assert "right when called with the axis first" in lines[-1], lines

    def masked(keep, z):  # (keep, z): on the first case its "keep" is the logits [1, 2, 3], all nonzero, so True
        print("keep", keep.dtype)
        return masked_softmax_solution(z, keep)

    checks.check_masked_softmax(masked)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["keep float64"], lines
    assert "right when called with keep first" in lines[-1], lines


# 03's starters as the notebook writes them, each with the code its hint must not hand over, and a later attempt
# whose hint names its own mistake in code
STARTERS_03 = [
    (checks.check_masked_softmax, masked_softmax_starter, ("np.where", "-np.inf", "z.max()"),
     masked_softmax_after_exp, "np.where(keep, z, -np.inf)"),
    (checks.check_log_softmax, lambda z: np.log(softmax(z)), ("z - m", "z.max()", "log(sum(exp("),
     lambda z: z - np.log(np.sum(np.exp(z))), "z - m - log(sum(exp(z - m))), with m = z.max()"),
    (checks.check_softmax_along_axis, along_starter, ("keepdims=True", "z.max(axis", "exps.sum(axis"),
     along_max_without_keepdims, "z.max(axis=axis, keepdims=True)"),
]


@pytest.mark.parametrize(("check", "starter", "code", "later", "later_code"), STARTERS_03,
                         ids=[c.__name__ for c, _, _, _, _ in STARTERS_03])
def test_03_starter_hints_name_the_symptom_and_the_idea_not_the_code(capsys, check, starter, code, later,
                                                                     later_code):
    """Cold read r139, X1: a starter runs and prints a hint, but that hint names the symptom and the idea, not the
    line that solves the exercise (which made the exercise a copy of one line); the code-level advice stays for
    the later attempts whose mistake it names."""
    printed = run(capsys, check, starter)
    assert printed.startswith(checks.HINT), printed
    assert not any(fragment in printed for fragment in code), printed
    printed = run(capsys, check, later)
    assert printed.startswith(checks.HINT), printed
    assert later_code in printed, printed




# Cold read r147, X2: three slips leave a tiny number in a masked entry of Exercise 1; each hint names the slip made
# and not the other two (the -inf was in place for the epsilon and the floor, and told to put it in)
MASKED_TINY_SLIPS = [
    (masked_softmax_minus_100, "what a finite stand-in for -inf gives", ("epsilon", "floor on the exponent")),
    (lambda z, keep: softmax_epsilon_each_exp(np.where(keep, z, -np.inf), 1e-13),
     "what an epsilon added to each exponential gives", ("stand-in", "floor")),
    (masked_softmax_exponent_floored, "what a floor on the exponent gives", ("stand-in", "epsilon")),
]


@pytest.mark.parametrize(("answer", "named", "not_named"), MASKED_TINY_SLIPS,
                         ids=["stand-in", "epsilon", "floor"])
def test_03_masked_tiny_entry_hint_names_only_the_slip_made(capsys, answer, named, not_named):
    printed = run(capsys, checks.check_masked_softmax, answer)
    assert named in printed, printed
    assert not any(word in printed for word in not_named), printed


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_checks_never_raise(capsys, name):
    check = getattr(checks, name)
    for answer in WEIRD:
        args = (answer, 90.0) if name == "check_distilled_student" else (answer,)
        printed = run(capsys, check, *args)
        assert printed.startswith(checks.HINT), (answer, printed)


# -- the shared loop -------------------------------------------------------------------------


def test_run_cases_uses_each_cases_own_hint(capsys):
    cases = [
        Case((1,), 2, "double it", "1", (Mistake(1, "that is the input itself"),)),
        Case((-3,), -6, "negative numbers too", "-3"),
    ]
    run_cases(lambda x: 2 * x, cases, "doubled")
    assert capsys.readouterr().out == "✅ doubled\n"
    run_cases(lambda x: x, cases, "doubled")
    assert "that is the input itself" in capsys.readouterr().out
    run_cases(lambda x: 3 * x, cases, "doubled")
    assert "double it" in capsys.readouterr().out
    run_cases(abs, [Case((-3,), -6, "negative numbers too", "-3")], "doubled")
    assert "negative numbers too" in capsys.readouterr().out


def test_call_reports_warnings_and_errors_without_raising():
    assert call(lambda: np.exp(np.array([1000.0]))).error is RuntimeWarning
    assert call(lambda: 1 / 0).error is ZeroDivisionError
    outcome = call(lambda: 42)
    assert (outcome.value, outcome.problem) == (42, None)


# -- more right answers: the variants learners write -------------------------------------------


def softmax_as_list(z):
    e = np.exp(z - np.max(z))
    return (e / e.sum()).tolist()


def logsumexp_python_float(z):
    m = float(np.max(z))
    return m + math.log(float(np.sum(np.exp(z - m))))


def logsumexp_log1p_of_the_rest(z):
    top = int(np.argmax(z))
    rest = np.delete(z, top)  # every logit but one maximum
    return float(z[top] + np.log1p(np.sum(np.exp(rest - z[top]))))


def batch_softmax_loop(x):
    out = np.empty_like(x)
    for i, row in enumerate(x):
        e = np.exp(row - row.max())
        out[i] = e / e.sum()
    return out


def tempered_copy_first(z, T):
    if T == 0:
        return np.where(z == np.max(z), 1.0, 0.0) / np.sum(z == np.max(z))
    z = np.array(z, dtype=float)
    z = (z - z.max()) / T
    return np.exp(z) / np.exp(z).sum()


def inverse_cdf_argmax(z, rng):
    u = rng.random()
    return np.argmax(u < np.cumsum(softmax(z)))


def top_k_copy_then_in_place(z, k):
    z = z.copy()
    z[z < np.sort(z)[::-1][min(k, len(z)) - 1]] = -np.inf
    return z


def fit_log_t(logits, labels):
    result = scipy.optimize.minimize_scalar(lambda log_t: mean_nll(logits, labels, math.exp(log_t)),
                                            bracket=(-1.0, 1.0), tol=1e-12)
    return math.exp(result.x)


def fit_bounded(logits, labels):
    return scipy.optimize.minimize_scalar(lambda T: mean_nll(logits, labels, T), bounds=(0.05, 20),
                                          method="bounded", options={"xatol": 1e-10}).x


def fit_minimize_first(logits, labels):
    return float(fit_minimize_array(logits, labels)[0])


def ece_histogram_mirrored(probs, labels, n_bins):
    """np.histogram's bins [a, b) close on the left; on -confidence, with edges -1 ... 0, a bin [-m/M, -(m-1)/M)
    is (m-1)/M < confidence <= m/M. Its last bin also holds 0, which no top probability is."""
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == labels).astype(float)
    edges = -np.arange(n_bins, -1, -1) / n_bins
    right, _ = np.histogram(-confidence, bins=edges, weights=correct)
    summed, _ = np.histogram(-confidence, bins=edges, weights=confidence)
    return float(np.abs(right - summed).sum() / len(labels))


def fit_grid_then_refined(logits, labels):
    """The notebook's grid for a start, then minimize_scalar on scipy's log_softmax around its best point."""
    rows = np.arange(len(labels))

    def nll(T):
        return -float(np.mean(scipy.special.log_softmax(logits / T, axis=1)[rows, labels]))
    grid = np.geomspace(0.25, 20, 400)
    best = int(np.argmin([nll(T) for T in grid]))
    return float(scipy.optimize.minimize_scalar(nll, bounds=(grid[max(best - 1, 0)], grid[min(best + 1, 399)]),
                                                method="bounded", options={"xatol": 1e-10}).x)


MORE_RIGHT_ANSWERS = [
    # each row's u scaled by its row's largest running total, cdf.max(axis=1): the last one, as running totals of
    # probabilities never fall
    (checks.check_batch_sampler, lambda z, rng: np.argmax(
        np.cumsum(softmax(z, axis=1), axis=1)
        > (rng.random(len(z)) * np.cumsum(softmax(z, axis=1), axis=1).max(axis=1))[:, None], axis=1)),
    (checks.check_is_valid_distribution, valid_with_python_sum),
    (checks.check_is_valid_distribution, valid_with_a_right_batch_branch),
    # a 0-d boolean array (np.asarray of np.bool_) tests like True or False, so it is accepted
    (checks.check_is_valid_distribution, lambda p: np.asarray(validated(p))),
    # the course's rule written with np.isclose, as the tolerance hints suggest
    (checks.check_is_valid_distribution, lambda p: np.all((np.asarray(p, dtype=float) >= 0)
                                                          & (np.asarray(p, dtype=float) <= 1), axis=-1)
     & np.isclose(np.sum(p, axis=-1), 1, rtol=0, atol=1e-6)),
    (checks.check_uniform_entropy, float(-np.sum(np.full(4, 0.25) * np.log(0.25)))),
    (checks.check_half_entropy_theta, np.float64(HALF_ENTROPY_THETA)),
    (checks.check_probability_from_log_odds, float(scipy.special.expit(2))),
    (checks.check_logits_with_first_zero, [0.0, math.log(1 / 2), math.log(7 / 2)]),
    (checks.check_stable_sigmoid, lambda x: np.exp(-np.logaddexp(0, -x))),
    # cold read r147: the checks unwrap functools.partial and read globals that are dicts; a right answer still passes
    (checks.check_stable_sigmoid, functools.partial(stable_sigmoid_masks)),
    (checks.check_stable_sigmoid, sigmoid_from_a_dict_of_numpy_pieces),
    # map over x.shape, one item per axis: not a loop over the entries
    (checks.check_stable_sigmoid, stable_sigmoid_shape_by_map),
    # exp imported from numpy inside the function: NumPy's array exp, not math's
    (checks.check_stable_sigmoid, stable_sigmoid_local_numpy_imports),
    # underflow is ignored by NumPy's default: silencing it hides nothing, so it is not a silencer
    (checks.check_stable_sigmoid, stable_sigmoid_under_ignored),
    (checks.check_stable_sigmoid, stable_sigmoid_seterr_under),
    # warnings turned into errors, or over, divide and invalid set to raise: stricter, not silencing
    (checks.check_stable_sigmoid, stable_sigmoid_warnings_as_errors),
    (checks.check_stable_sigmoid, stable_sigmoid_raise_but_underflow),
    # np.piecewise hands each side's entries to a lambda as an array; a nested list is accepted as an array
    (checks.check_stable_sigmoid, stable_sigmoid_piecewise),
    (checks.check_stable_sigmoid, stable_sigmoid_list),
    # wider than float64 but every exponent <= 0: silent at ±1e5 and ±1e300 too, so accepted
    (checks.check_stable_sigmoid, stable_sigmoid_longdouble),
    (check_stable_sigmoid_subnormal, stable_sigmoid_longdouble),
    # a two-class softmax is a sigmoid: tempnb's softmax silences warnings inside itself, which is not the learner's
    (checks.check_stable_sigmoid, lambda x: softmax(np.stack([np.zeros_like(x), x], axis=-1), axis=-1)[..., 1]),
    (checks.check_stable_sigmoid,
     lambda x: np.exp(log_softmax(np.stack([np.zeros_like(x), x], axis=-1), axis=-1)[..., 1])),
    (checks.check_stable_softmax, softmax_as_list),
    (checks.check_stable_softmax, lambda z: softmax(z)),
    # stable softmax through log space: exp(z - logsumexp(z)), within the check's relative 1e-12
    (checks.check_stable_softmax, lambda z: np.exp(z - scipy.special.logsumexp(z))),
    (checks.check_logsumexp, logsumexp_python_float),
    (checks.check_logsumexp, lambda z: np.float64(scipy.special.logsumexp(z))),
    # log1p of the sum without the maximum's own term, exp(0) = 1: log(1 + rest) is log(sum), exactly in reals
    (checks.check_logsumexp, logsumexp_log1p_of_the_rest),
    # ... the same in Exercises 2 and 4, with one copy of a tied maximum left out by index (cold read r160, X1)
    (checks.check_log_softmax, log_softmax_log1p_of_the_rest),
    (checks.check_cross_entropy, cross_entropy_log1p_of_the_rest),
    (checks.check_cross_entropy, lambda z, y: np.array([
        row.max() + np.log1p(np.sum(np.exp(np.delete(row, row.argmax()) - row.max()))) - row[label]
        for row, label in zip(z, y)])),
    # 03 · Exercise 1 since r132: scattered back, plain Python, an enormous negative stand-in for -inf (exp rounds it
    # to exactly 0), and log space (tempnb's softmax of the masked logits passed until cold read r147, X1)
    (checks.check_masked_softmax, masked_softmax_scattered),
    (checks.check_masked_softmax, masked_softmax_python),
    (checks.check_masked_softmax, lambda z, keep: masked_softmax_solution(np.where(keep, z, -1e300), keep)),
    # (the most negative double and the double just below -1e300 as stand-ins passed here until cold read r163, X1;
    # they are wrong answers now, named on [np.finfo(float).min, 0])
    # cold read r163, X2: the two ways the boolean in-place hint proposes
    (checks.check_masked_softmax, masked_softmax_new_mask),
    (checks.check_masked_softmax, masked_softmax_mask_copied),
    # exp(z - LSE(z)) with the log-sum-exp taken on its own, by scipy or by hand: the formula of "How each probability
    # moves"; its one rounding of the log-sum-exp is no epsilon (cold read r143, X1)
    (checks.check_masked_softmax, lambda z, keep: (lambda w: np.exp(w - scipy.special.logsumexp(w)))(
        np.where(keep, z, -np.inf))),
    (checks.check_masked_softmax, lambda z, keep: (lambda w, m: np.exp(w - (m + np.log(np.sum(np.exp(w - m))))))(
        np.where(keep, z, -np.inf), np.max(np.where(keep, z, -np.inf)))),
    # 03 · Exercise 2 since r132: plain Python, scipy's log-sum-exp, np.logaddexp.reduce (a log-sum-exp is allowed,
    # a library log-softmax is not since cold read r147, X1)
    (checks.check_log_softmax, log_softmax_python),
    (checks.check_log_softmax, lambda z: z - scipy.special.logsumexp(z)),
    (checks.check_log_softmax, lambda z: z - np.logaddexp.reduce(z)),
    (checks.check_batch_softmax, batch_softmax_loop),
    (checks.check_stable_softmax, lambda z: np.exp(log_softmax(z))),  # checked with atol=0: exact zeros stay 0
    (checks.check_batch_softmax, lambda x: [list(row) for row in scipy.special.softmax(x, axis=1)]),
    (checks.check_batch_softmax, lambda x: np.exp(x - scipy.special.logsumexp(x, axis=1, keepdims=True))),
    (checks.check_batch_softmax, lambda x: softmax(x, axis=1)),
    # Exercise 3 along any axis: the axis moved to the end and back, Exercise 1's plain-Python function applied along
    # the axis, log space, nested lists, and a default for the axis
    (checks.check_softmax_along_axis, along_moved_and_back),
    (checks.check_softmax_along_axis, lambda z, axis: np.apply_along_axis(
        lambda row: [math.exp(v - max(row)) / math.fsum(math.exp(w - max(row)) for w in row) for v in row], axis, z)),
    (checks.check_softmax_along_axis,
     lambda z, axis: np.exp(z - scipy.special.logsumexp(z, axis=axis, keepdims=True))),
    (checks.check_softmax_along_axis, lambda z, axis: along_solution(z, axis).tolist()),
    (checks.check_softmax_along_axis, lambda z, axis=-1: along_solution(z, axis)),
    # cold read r151: np.ma filled with -inf before exp, as the np.ma hint advises (X5); the single-row loss with
    # only the class axis dropped, .squeeze(1) or [:, 0] (X1)
    (checks.check_masked_softmax, masked_softmax_np_ma_filled_with_minus_inf),
    (checks.check_cross_entropy,
     lambda z, y: -np.take_along_axis(log_softmax(z, axis=1), y[:, None], axis=1).squeeze(1)),
    (checks.check_cross_entropy, lambda z, y: -np.take_along_axis(log_softmax(z, axis=1), y[:, None], axis=1)[:, 0]),
    (checks.check_tempered_softmax, tempered_copy_first),
    (checks.check_tempered_softmax, lambda z, T: tempered_copy_first(z, T).tolist()),
    # dividing first, then subtracting the largest of z / T (scipy's and transformers' order): Exercise 1 accepts
    # either order since fix55 (cold read r135, S1)
    (checks.check_tempered_softmax, tempered_divide_first),
    (checks.check_tempered_softmax, tempered_copy_divide_first),
    (checks.check_tempered_softmax, lambda z, T: np.exp(z / T - np.max(z / T)) / np.exp(z / T - np.max(z / T)).sum()
     if T else tempered_from_scratch(z, T)),
    # a tiny epsilon in the sum, after a T == 0 branch: the exercise says the check rejects only one that moves an
    # entry by more than a relative 1e-9, and 1e-15 added to a sum of at least 1 moves each entry by 1e-15 at most
    (checks.check_tempered_softmax, tempered_epsilon_in_sum(1e-15)),
    # helpers of the learner's own, two levels deep: only a library softmax that runs is named
    (checks.check_tempered_softmax, tempered_own_helpers),
    # pure Python with math.exp, a list returned; np.longdouble; no T == 0 branch but 0 / 0 made 0 under np.errstate
    (checks.check_tempered_softmax, tempered_math_exp_list),
    (checks.check_tempered_softmax, tempered_longdouble),
    (checks.check_tempered_softmax, tempered_errstate_nan_to_zero),
    # map(...) made a list, as the lazy-iterator hint advises
    (checks.check_tempered_softmax, tempered_list_of_map),
    # np.where for the mask of the maxima, behind an if statement for T == 0 (cold read r160, X1): nothing divides by 0
    (checks.check_tempered_softmax, tempered_where_mask),
    (checks.check_odds_temperature, Fraction(1, 3)),
    (checks.check_half_temperature, scipy.optimize.brentq(lambda T: float(softmax([10.0, 20.0, 30.0], T)[2]) - 0.5,
                                                          1, 100)),
    # brentq's default tolerances (xtol=2e-12) are enough, as in the notebook's solution
    (checks.check_entropy_temperature, entropy_temperature_default_brentq()),
    (checks.check_soft_loss, soft_no_axis),
    (checks.check_soft_loss, lambda s, t, T: np.float64(soft_term(s, t, T))),
    # 05 · the numerical gradient with the exercise's 1_i written out, and on fresh float64 copies (cold read r147:
    # neither is a float32 copy or a library call, and both follow h)
    (checks.check_numerical_gradient, central_differences_with_unit_vector),
    (checks.check_numerical_gradient, lambda f, x, h=1e-5: central_differences(f, x.copy(), h)),
    (checks.check_logit_matching, [-1 / 3, -1 / 6, 1 / 2]),
    # 05 · the teacher run on each step's transfer images rather than its stored logits indexed with rows
    (distilled_student_check, training_loss_teacher_forward_on_rows),
    (checks.check_inverse_cdf_sampler, inverse_cdf_argmax),
    (checks.check_inverse_cdf_sampler, lambda z, rng: float(inverse_cdf(z, rng))),
    # a list of ints, whole-number floats, and the B numbers drawn by rng.uniform
    (checks.check_batch_sampler, lambda z, rng: batch_inverse_cdf(z, rng).tolist()),
    (checks.check_batch_sampler, lambda z, rng: batch_inverse_cdf(z, rng).astype(float)),
    (checks.check_batch_sampler,
     lambda z, rng: np.argmax(np.cumsum(softmax(z, axis=1), axis=1)
                              > (rng.uniform(size=len(z)) * np.cumsum(softmax(z, axis=1), axis=1)[:, -1])[:, None],
                              axis=1)),
    # cold read r144: u left unscaled, but the running totals divided by their own end, so they end at exactly 1
    (checks.check_batch_sampler, batch_cdf_divided_by_its_end),
    # cold read r142: a sanity check on the whole array, and the indices turned into a list without a Python loop
    (checks.check_batch_sampler, batch_checked_by_np_all),
    (checks.check_batch_sampler, lambda z, rng: list(batch_inverse_cdf(z, rng))),
    # a stand-in so far below every logit that exp rounds it to exactly 0, as for -inf
    (checks.check_batch_sampler, batch_stand_in(-1e308)),
    (checks.check_gumbel_sampler,
     lambda z, T, rng: np.argmax(np.asarray(z) / T - np.log(-np.log(rng.random(len(z)))))),
    # cold read r159: the stand-in probe's scripted u leave right answers alone, with 1 - u as the uniform (its
    # mirrored script) and with the noise scaled by T instead of the logits divided by it
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z / T - np.log(-np.log(1 - rng.random(len(z))))))),
    (checks.check_gumbel_sampler, lambda z, T, rng: int(np.argmax(z - T * np.log(-np.log(rng.random(len(z))))))),
    (checks.check_top_k, top_k_copy_then_in_place),
    (checks.check_top_k, lambda z, k: list(top_k_ties(z, k))),
    (checks.check_top_p, lambda z, top_p_mass: top_p_descending(z, top_p_mass).tolist()),
    (checks.check_top_p, top_p_float32),  # cold read r152: float32 is fine enough for the case near the mass
    (checks.check_ece, ece_add_at),
    (checks.check_ece, ece_bincount),
    # the check's edges are exact in binary, so every common way of building them bins an edge alike
    (checks.check_ece, ece_linspace_edges),
    (checks.check_ece, ece_arange_edges),
    (checks.check_ece, ece_ceiling),
    # cold read r153 (X2): pd.cut with labels=False, the fix its hint names
    (checks.check_ece, ece_pandas_cut_codes),
    (checks.check_fit_temperature, fit_log_t),
    (checks.check_fit_temperature, fit_bounded),
    (checks.check_fit_temperature, fit_minimize_first),
    # allowed helpers: np.histogram for the bins (on -confidence, so its left-closed bins close on the right),
    # scipy.special.log_softmax and a grid refined by minimize_scalar for T
    (checks.check_ece, ece_histogram_mirrored),
    # the 0/0 of empty bins silenced with np.errstate: no warning and the right number, as the exercise asks
    (checks.check_ece, ece_errstate_nansum),
    # cold read r161 (X2): the division only where count > 0 that the np.where hint names
    (checks.check_ece, ece_divide_where),
    # loop-free answers whose library calls run a fixed number of Python lines whatever the number of bins
    (checks.check_ece, ece_mask_matrix),
    (checks.check_ece, ece_reduceat),
    (checks.check_ece, ece_binned_statistic),
    # cold read r164 (X1): map over the examples, not the bins, makes as many calls with 100 bins as with 4
    (checks.check_ece, ece_map_over_examples),
    (checks.check_fit_temperature, fit_grid_then_refined),
    (checks.check_platt_temperature, scipy.special.logit(0.99) / scipy.special.logit(0.9)),
    (checks.check_platt_temperature, math.log10(99) / math.log10(9)),  # the base of the log cancels in the ratio
]


@pytest.mark.parametrize(("check", "answer"), MORE_RIGHT_ANSWERS,
                         ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(MORE_RIGHT_ANSWERS)])
def test_right_answer_variants_pass(capsys, check, answer):
    printed = run(capsys, check, answer)
    assert printed.startswith(checks.PASS), printed


# -- no learner code can change what a later check sees ------------------------------------------

# For every check of a function: an answer that changes its input in place, then the right answer.
IN_PLACE_THEN_RIGHT = [
    (checks.check_stable_sigmoid, sigmoid_in_place, stable_sigmoid_masks),
    (checks.check_stable_softmax, softmax_in_place, scipy.special.softmax),
    (checks.check_logsumexp, logsumexp_in_place, lambda z: float(scipy.special.logsumexp(z))),
    (checks.check_masked_softmax, masked_softmax_in_place, masked_softmax_solution),
    (checks.check_log_softmax, log_softmax_in_place, log_softmax_solution),
    (checks.check_batch_softmax, batch_in_place, lambda x: scipy.special.softmax(x, axis=1)),
    (checks.check_softmax_along_axis, along_in_place, along_solution),
    (checks.check_cross_entropy, cross_entropy_in_place, cross_entropy_loop),
    (checks.check_tempered_softmax, tempered_in_place, tempered_copy_first),
    (checks.check_soft_loss, soft_in_place, soft_term),
    (checks.check_numerical_gradient, no_restore, central_differences),
    (checks.check_inverse_cdf_sampler, inverse_cdf_in_place, inverse_cdf),
    (checks.check_batch_sampler, batch_sampler_in_place, batch_inverse_cdf),
    (checks.check_gumbel_sampler, gumbel_in_place, gumbel_from_uniforms),
    (checks.check_top_k, top_k_in_place, top_k_ties),
    (checks.check_top_p, top_p_in_place, top_p_descending),
    (checks.check_ece, ece_in_place, ece_bincount),
    (checks.check_fit_temperature, fit_in_place, fit_bounded),
    (checks.check_is_valid_distribution, lambda p: p.clear() if isinstance(p, list) else validated(p), validated),
]


@pytest.mark.parametrize(("check", "in_place", "right"), IN_PLACE_THEN_RIGHT,
                         ids=[c.__name__ for c, _, _ in IN_PLACE_THEN_RIGHT])
def test_an_in_place_answer_cannot_break_the_check(capsys, check, in_place, right):
    first = run(capsys, check, in_place)
    assert first.startswith(checks.HINT), first
    if check is not checks.check_is_valid_distribution:
        assert "changed its input" in first or "never put back" in first, first
    assert run(capsys, check, right).startswith(checks.PASS)  # the check's own inputs are intact
    assert run(capsys, check, in_place).startswith(checks.HINT)  # and it still sees the mistake


# -- 05 exercise 4: the learner's distillation loss and its gradient ------------------------------


def distillation_by_hand(s, t, y, T, alpha):
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_with_epsilon(epsilon, side, cross_entropy=False):
    """Cold read r136, X2: the loss with np.log(probabilities + ε) in the soft term's logs, on "both", the
    "student"'s or the "teacher"'s only (None: neither), and in the cross-entropy's log too if asked; the gradient
    right."""
    def loss(s, t, y, T, alpha):
        n = len(y)
        p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
        log_p = np.log(p + epsilon) if side in ("both", "teacher") else log_softmax(t, T, axis=1)
        log_q = np.log(q + epsilon) if side in ("both", "student") else log_softmax(s, T, axis=1)
        kl = np.sum(p * (log_p - log_q), axis=1)
        log_probs = np.log(softmax(s, axis=1) + epsilon) if cross_entropy else log_softmax(s, axis=1)
        ce = -log_probs[np.arange(n), y]
        return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), \
            distillation_by_hand(s, t, y, T, alpha)[1]
    return loss


def distillation_epsilon_in_cross_entropy(epsilon, clip=False):
    """Cold read r142, X2: every log of the soft term from log_softmax, and an ε only in the cross-entropy's log, as
    a learner writes it: -np.log(softmax(s, axis=1)[np.arange(B), y] + ε), or with np.clip(..., ε, 1)."""
    def loss(s, t, y, T, alpha):
        B = len(y)
        kl = np.sum(softmax(t, T, axis=1) * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
        label_probs = softmax(s, axis=1)[np.arange(B), y]
        ce = -np.log(np.clip(label_probs, epsilon, 1) if clip else label_probs + epsilon)
        return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), \
            distillation_by_hand(s, t, y, T, alpha)[1]
    return loss


def distillation_gradient_without_t(s, t, y, T, alpha):
    loss, _ = distillation_by_hand(s, t, y, T, alpha)
    n, n_classes = s.shape
    q, p = softmax(s, T, axis=1), softmax(t, T, axis=1)
    return loss, (alpha * (q - p) / T + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n


def distillation_hard_term_at_t(s, t, y, T, alpha):
    """The hard term from softmax(s / T), the q already computed for the soft term."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, T, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (q - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_cross_entropy_for_kl(s, t, y, T, alpha):
    """The soft term as the cross-entropy −Σ p log q (the KL without the teacher's entropy); gradient right."""
    n = len(y)
    p = softmax(t, T, axis=1)
    soft = -np.sum(p * log_softmax(s, T, axis=1), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    return alpha * T * T * float(np.mean(soft)) + (1 - alpha) * float(np.mean(ce)), \
        distillation_by_hand(s, t, y, T, alpha)[1]


def distillation_student_at_1(s, t, y, T, alpha):
    """The soft term with q = softmax(s), the student's softmax at T = 1; gradient from the same q."""
    n, n_classes = s.shape
    p, q1 = softmax(t, T, axis=1), softmax(s, axis=1)
    kl = np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q1 - p) + (1 - alpha) * (q1 - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_teacher_at_1(s, t, y, T, alpha):
    """The soft term with p = softmax(t), the teacher's softmax at T = 1; gradient from the same p."""
    n, n_classes = s.shape
    p1, q = softmax(t, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p1 * (log_softmax(t, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q - p1) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_log_of_ratio(s, t, y, T, alpha):
    """The KL as np.log(p / q) and the cross-entropy as np.log(softmax(s)): right until a probability rounds to 0."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * np.log(p / q), axis=1)
    ce = -np.log(softmax(s, axis=1))[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_kl_div(s, t, y, T, alpha):
    """Cold read r160, X-nit: the KL from scipy.special.kl_div on the two softmax outputs: inf where q rounds to 0."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(scipy.special.kl_div(p, q), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_teacher_np_log(s, t, y, T, alpha):
    """The teacher's logs as np.log(softmax(t, T)), the student's with log_softmax: a confident teacher meets log 0."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (np.log(p) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_clipped_300(s, t, y, T, alpha):
    """Logs of the probabilities clipped at 1e-300: finite, but log 1e-300 ≈ -691 where log q ≈ -800."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (log_softmax(t, T, axis=1) - np.log(np.maximum(q, 1e-300))), axis=1)
    ce = -np.log(np.maximum(softmax(s, axis=1), 1e-300))[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_log_softmax_without_max(s, t, y, T, alpha):
    """Every log from a log-softmax written by hand, z/T − log Σ exp(z/T), without subtracting the maximum."""
    def log_softmax_by_hand(z, temperature):
        return z / temperature - np.log(np.sum(np.exp(z / temperature), axis=1, keepdims=True))
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (log_softmax_by_hand(t, T) - log_softmax_by_hand(s, T)), axis=1)
    ce = -log_softmax_by_hand(s, 1.0)[np.arange(n), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_kl_reversed(s, t, y, T, alpha):
    """KL(q‖p) in the soft term: the student's q weighting log q − log p; the gradient as the exercise gives it."""
    n = len(y)
    q = softmax(s, T, axis=1)
    kl = np.sum(q * (log_softmax(s, T, axis=1) - log_softmax(t, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(n), y]
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), \
        distillation_by_hand(s, t, y, T, alpha)[1]


def distillation_soft_sign(s, t, y, T, alpha):
    """The soft term's gradient written α T (p − q), teacher minus student; the loss and hard term right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = (alpha * T * (p - q) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_gradient_soft_only_by_b(s, t, y, T, alpha):
    """Only the soft term's gradient divided by B; the loss right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = alpha * T * (q - p) / n + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_gradient_hard_at_t(s, t, y, T, alpha):
    """The hard term's gradient from q = softmax(s / T); the loss right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = (alpha * T * (q - p) + (1 - alpha) * (q - np.eye(n_classes)[y])) / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_gradient_no_alpha(s, t, y, T, alpha):
    """α left off the soft term's gradient; the loss right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = (T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_gradient_hard_unweighted(s, t, y, T, alpha):
    """Cold read r157, X2: 1 − α left off the hard term's gradient; the loss right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = (alpha * T * (q - p) + (softmax(s, axis=1) - np.eye(n_classes)[y])) / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_gradient_hard_by_b_twice(s, t, y, T, alpha):
    """Cold read r157, X2: the hard term's gradient taken from its per-row mean and divided by B once more; the
    loss right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    hard_gradient = (softmax(s, axis=1) - np.eye(n_classes)[y]) / n
    gradient = alpha * T * (q - p) / n + (1 - alpha) * hard_gradient / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_hard_sign(s, t, y, T, alpha):
    """The hard term's gradient written onehot(y) − softmax(s); the loss and soft term right."""
    n, n_classes = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    gradient = (alpha * T * (q - p) + (1 - alpha) * (np.eye(n_classes)[y] - softmax(s, axis=1))) / n
    return distillation_by_hand(s, t, y, T, alpha)[0], gradient


def distillation_from_library(s, t, y, T, alpha):
    """The library's loss itself, imported under another name: `my_distillation_loss = distillation_loss`."""
    from tempnb.distill import distillation_loss as library_loss

    return library_loss(s, t, y, T, alpha)


def distillation_mixing_library_terms(s, t, y, T, alpha):
    """α times the library's soft term (alpha = 1) plus (1 − α) times its cross-entropy: right, but not written."""
    from tempnb.distill import cross_entropy_loss, distillation_loss

    soft_loss, soft_grad = distillation_loss(s, t, y, T, 1.0)
    hard_loss, hard_grad = cross_entropy_loss(s, y)
    return alpha * soft_loss + (1 - alpha) * hard_loss, alpha * soft_grad + (1 - alpha) * hard_grad


def distillation_hard_term_from_library(s, t, y, T, alpha):
    """The soft term written out, the hard term from the library's cross_entropy_loss."""
    import tempnb.distill

    hard_loss, hard_grad = tempnb.distill.cross_entropy_loss(s, y)
    soft_loss, soft_grad = distillation_by_hand(s, t, y, T, 1.0)
    return alpha * soft_loss + (1 - alpha) * hard_loss, alpha * soft_grad + (1 - alpha) * hard_grad


def distillation_loss_only(s, t, y, T, alpha):
    return distillation_by_hand(s, t, y, T, alpha)[0]


def distillation_changes_logits(s, t, y, T, alpha):
    result = distillation_by_hand(s, t, y, T, alpha)
    s /= T
    return result


def distillation_hard_term_indexed_all_rows(s, t, y, T, alpha):
    """The hard term written -log_softmax(s, axis=1)[:, y]: a B × B matrix, every row's log-probability of every
    row's label; the gradient right."""
    kl = np.sum(softmax(t, T, axis=1) * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[:, y]
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), distillation_by_hand(
        s, t, y, T, alpha)[1]


def distillation_hard_term_over_bk(s, t, y, T, alpha):
    """The hard term written -np.mean(np.eye(K)[y] * log_softmax(s, axis=1)): a mean over B · K entries, so divided
    by K as well; the gradient right."""
    kl = np.sum(softmax(t, T, axis=1) * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -np.mean(np.eye(s.shape[1])[y] * log_softmax(s, axis=1))
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(ce), distillation_by_hand(s, t, y, T, alpha)[1]


def distillation_written(kl_of=None, hard_of=None, in_bits=False):
    """Cold read r144, X1: a learner's loss, the solution's but for one slip: the KL's rows from ``kl_of(s, t, T)``
    (and the soft term T² times their mean), the hard term from ``hard_of(s, y)``, or the whole loss divided by
    log 2; the gradient written as the exercise gives it."""
    def loss(s, t, y, T, alpha):
        B, K = s.shape
        p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
        if kl_of is None:
            kl = np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
        else:
            kl = kl_of(s, t, T)
        soft = T * T * float(np.mean(kl))
        hard = float(np.mean(-log_softmax(s, axis=1)[np.arange(B), y])) if hard_of is None else hard_of(s, y)
        value = alpha * soft + (1 - alpha) * hard
        gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(K)[y])) / B
        return (value / np.log(2) if in_bits else value), gradient
    return loss


def distillation_teacher_weights_at_1(s, t, y, T, alpha):
    """Cold read r144, X1: p = softmax(t), the teacher at T = 1, weighting tempered logs, and in the gradient too."""
    B, K = s.shape
    p, q = softmax(t, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)
    ce = -log_softmax(s, axis=1)[np.arange(B), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(K)[y])) / B
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_log2(s, t, y, T, alpha):
    """Cold read r144, X1: every log in base 2 (np.log2 of the softmax outputs): the loss in bits."""
    B, K = s.shape
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    kl = np.sum(p * (np.log2(p) - np.log2(q)), axis=1)
    ce = -np.log2(softmax(s, axis=1))[np.arange(B), y]
    gradient = (alpha * T * (q - p) + (1 - alpha) * (softmax(s, axis=1) - np.eye(K)[y])) / B
    return alpha * T * T * float(np.mean(kl)) + (1 - alpha) * float(np.mean(ce)), gradient


def distillation_float32(s, t, y, T, alpha):
    """Cold read r144, X2: the right loss and gradient, cast to float32 at the end."""
    loss, gradient = distillation_by_hand(s, t, y, T, alpha)
    return np.float32(loss), gradient.astype(np.float32)


def distillation_float32_logits(s, t, y, T, alpha):
    """Cold read r144, X2: the solution with both logit arrays cast to float32 first (tempnb's softmax keeps float32):
    its loss is a float of float32 arithmetic, its gradient float64 (np.eye is float64) but off by float32's error."""
    return distillation_by_hand(s.astype(np.float32), t.astype(np.float32), y, T, alpha)


def distillation_float32_mean(s, t, y, T, alpha):
    """Cold read r144, X2: the logits cast to float32 first and the loss kept a np.float32 (α T² times a float32
    mean stays float32), the gradient float64."""
    s32, t32 = s.astype(np.float32), t.astype(np.float32)
    p = softmax(t32, T, axis=1)
    kl = np.sum(p * (log_softmax(t32, T, axis=1) - log_softmax(s32, T, axis=1)), axis=1)
    ce = -log_softmax(s32, axis=1)[np.arange(len(y)), y]
    loss = alpha * T * T * np.mean(kl) + (1 - alpha) * np.mean(ce)
    return loss, distillation_by_hand(s, t, y, T, alpha)[1]


DISTILLATION_LOSS_WRONG = [
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 1 - alpha), "other way round"),
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 0.0), "hard-label loss alone"),
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 1.0), "soft term alone"),
    (distillation_gradient_without_t, "α T (q − p) / B"),
    (lambda s, t, y, T, alpha: (distillation_by_hand(s, t, y, T, alpha)[0],
                                distillation_by_hand(s, t, y, T, alpha)[1] * len(y)), "divided by B"),
    (lambda s, t, y, T, alpha: (distillation_by_hand(s, t, y, T, alpha)[0],
                                -distillation_by_hand(s, t, y, T, alpha)[1]), "sign is flipped"),
    # the loss summed over the batch (5.812419 · B instead of the mean), gradient right
    (lambda s, t, y, T, alpha: (len(y) * distillation_by_hand(s, t, y, T, alpha)[0],
                                distillation_by_hand(s, t, y, T, alpha)[1]), "not the sum"),
    (distillation_cross_entropy_for_kl, "cross-entropy −Σ p log q"),
    # the KL the wrong way round, KL(q‖p): named as Exercise 1 names it
    (distillation_kl_reversed, "the KL is the wrong way round"),
    # one term's gradient with its sign flipped
    (distillation_soft_sign, "the soft term's sign is flipped in your gradient"),
    (distillation_hard_sign, "the hard term's sign is flipped in your gradient"),
    # gradient-only slips, the loss right
    (distillation_gradient_soft_only_by_b, "divide the hard term's gradient by B too"),
    (distillation_gradient_hard_at_t, "the hard term's gradient is softmax(s) − onehot(y), at T = 1"),
    (distillation_gradient_no_alpha, "multiply the soft term's gradient by α"),
    # cold read r157, X2: the hard term's gradient without its 1 − α, or divided by B twice (the loss right)
    (distillation_gradient_hard_unweighted, "at T = 4, α = 0.7: multiply the hard term's gradient by 1 − α"),
    (distillation_gradient_hard_by_b_twice, "at T = 4, α = 0.7: the hard term's gradient is divided by B twice"),
    # the KL times T, not T², in the loss; the gradient right (written out, not from the check's variants)
    (lambda s, t, y, T, alpha: (alpha * T * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) + (1 - alpha) * float(np.mean(
        -log_softmax(s, axis=1)[np.arange(len(y)), y])), distillation_by_hand(s, t, y, T, alpha)[1]),
     "T² times the KL, not T times it"),
    # no T² on the soft term's loss (α KL + (1 − α) CE); the gradient right
    (lambda s, t, y, T, alpha: (alpha * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) + (1 - alpha) * float(np.mean(
        -log_softmax(s, axis=1)[np.arange(len(y)), y])), distillation_by_hand(s, t, y, T, alpha)[1]),
     "the loss's KL lacks its T²; your gradient is right"),
    (distillation_loss_only, "return a pair (loss, gradient)"),
    (distillation_hard_term_at_t, "cross-entropy at T = 1"),
    # the hard term indexed [:, labels] (a B × B matrix), or averaged over all B · K entries of the one-hot product
    (distillation_hard_term_indexed_all_rows, "the hard term is indexed [:, labels], which picks a B×B matrix"),
    (distillation_hard_term_over_bk, "the hard term is averaged over B·K entries"),
    # one side of the soft term left at T = 1 (the loss and gradient written out as that mistake gives them)
    (distillation_student_at_1, "the student's logits must be divided by T too"),
    (distillation_teacher_at_1, "the teacher's logits must be divided by T too"),
    (distillation_changes_logits, "changed its input `s`"),
    # logs of probabilities that round to 0 (a confident student, then a confident teacher), or clipped at 1e-300
    (distillation_log_of_ratio, "with a confident student (one logit 800 above the rest), it emitted a RuntimeWarning"),
    (distillation_teacher_np_log, "with a confident teacher (one logit 800 above the rest), it emitted a"),
    (distillation_kl_div, "with a confident student (one logit 800 above the rest), your loss is inf. A probability "
                          "that rounded to 0"),
    (distillation_kl_div, "scipy.special.rel_entr and scipy.special.kl_div return inf for it"),
    # np.maximum(q, 1e-300) is np.clip(q, 1e-300, 1): since cold read r136 the ε is named, with its size
    (distillation_clipped_300, "with a confident student (one logit 800 above the rest), your loss is what an ε of "
                               "1e-300 inside the log gives"),
    (distillation_clipped_300, "and the same ε inside the cross-entropy's log"),
    # cold read r136, X2: an ε inside the logs, named with its size and side, in the cross-entropy's log too, or only
    # there. At T = 4 the teacher's ε of 1e-8 moves the soft term by up to T² K ε = 1.6e-6, about 2e-7 of the loss
    # (5.81), beyond the check's relative 1e-7
    (distillation_with_epsilon(1e-8, "teacher"), "at T = 4, α = 0.7, your loss is what an ε of 1e-8 inside the log "
                                                 "gives (np.log(p + ε), on the teacher's log)"),
    (distillation_with_epsilon(1e-5, "student"), "an ε of 1e-5 inside the log gives (np.log(q + ε), on the student's "
                                                 "log)"),
    (distillation_with_epsilon(1e-3, "both", cross_entropy=True), "an ε of 0.001 inside the log gives (np.log(q + ε), "
                                                                  "on both logs): such an ε changes log q wherever q "
                                                                  "is not far above it"),
    (distillation_with_epsilon(1e-3, "both", cross_entropy=True), "and the same ε inside the cross-entropy's log"),
    (distillation_with_epsilon(1e-3, None, cross_entropy=True),
     "an ε of 0.001 inside the cross-entropy's log gives (np.log(softmax(s) + ε))"),
    # cold read r142, X2: a small ε in the cross-entropy's log only moves the loss about as much as one in the soft
    # term's logs would; the check names the placement that gives the learner's loss to the last digits
    (distillation_epsilon_in_cross_entropy(1e-8), "at T = 4, α = 0.7, your loss is what an ε of 1e-8 inside the "
                                                  "cross-entropy's log gives (np.log(softmax(s) + ε)), with every "
                                                  "log of the soft term exact"),
    (distillation_epsilon_in_cross_entropy(1e-8, clip=True), "an ε of 1e-8 inside the cross-entropy's log gives"),
    (distillation_epsilon_in_cross_entropy(1e-12), "with a confident student (one logit 800 above the rest), your "
                                                   "loss is what an ε of 1e-12 inside the cross-entropy's log"),
    (distillation_epsilon_in_cross_entropy(1e-12, clip=True), "with every log of the soft term exact"),
    # X3: an α or a T written inside the loss, its argument ignored: probed with α halved (0.7 / 2 = 0.35) and T
    # doubled (2 · 4 = 8), and named, with the value used where the check finds it. α = 0.3 where 0.7 is passed gives
    # the same values as α and 1 − α swapped, and is named as ignored, not as swapped
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 0.9),
     "ignores its alpha argument: called again with alpha = 0.35 (the same logits and labels), it returned the same "
     "loss and gradient; it computes the loss at α = 0.9 whatever it is given"),
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, T, 0.3), "at T = 4, α = 0.7: your my_distillation_loss "
                                                                      "ignores its alpha argument"),
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, 20.0, alpha),
     "ignores its T argument: called again with T = 8 (the same logits and labels), it returned the same loss and "
     "gradient; it computes the loss at T = 20 whatever it is given"),
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, 20.0, 0.9),
     "ignores its T and alpha arguments: called again with T = 8 and with alpha = 0.35"),
    # a T outside the round numbers the check tries first (7): found by its search
    (lambda s, t, y, T, alpha: distillation_by_hand(s, t, y, 7.0, alpha), "ignores its T argument: called again with "
                                                                          "T = 8 (the same logits and labels), it "
                                                                          "returned the same loss and gradient; it "
                                                                          "computes the loss at T = 7 whatever"),
    # a constant ignores T and alpha too, but is no distillation loss at any T and α: the formula hint, not "ignores"
    (lambda s, t, y, T, alpha: (1.0, np.zeros_like(s)), "yours is 1: α T² mean KL(p‖q) + (1 − α) mean cross-entropy"),
    # a log-softmax by hand without the maximum subtracted: exp(800) overflows on the confident student
    (distillation_log_softmax_without_max, "with a confident student (one logit 800 above the rest), your "
                                           "my_distillation_loss emitted a RuntimeWarning: overflow. np.exp of a"),
    (lambda s, t, y, T, alpha: None, "returned None"),
    (lambda s, t, y: 0.0, "positional argument"),
    # the library's loss itself (the exercise says: not distillation_loss), by name, as tempnb.…, or imported under
    # another name; and the right sum of the library's soft term and its cross-entropy (named: distillation_loss)
    (lambda s, t, y, T, alpha: tempnb.distillation_loss(s, t, y, T, alpha),
     "your function calls distillation_loss (tempnb.distillation_loss); the exercise asks you to write the loss"),
    (distillation_from_library, "your function calls distillation_loss"),
    (tempnb.distillation_loss, "use the library only to compare"),  # my_distillation_loss = distillation_loss
    (distillation_mixing_library_terms, "your function calls distillation_loss"),
    # the hard term alone from the library: named cross_entropy_loss
    (distillation_hard_term_from_library,
     "your function calls cross_entropy_loss (tempnb.distill.cross_entropy_loss); the exercise asks you to write"),
    # cold read r144, X1: the slips Exercise 1 names in the soft term, named in Exercise 4's soft term too (α times
    # the slipped soft term plus the right hard term), and the hard term's own: summed, or in bits
    (distillation_teacher_weights_at_1, "at T = 4, α = 0.7, in the soft term: the weights p must be softmax(t/T) too"),
    (distillation_written(in_bits=True), "at T = 4, α = 0.7: that is the loss in bits (log base 2)"),
    (distillation_log2, "that is the loss in bits (log base 2), the right loss divided by log 2"),
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, T, axis=1) * (
        np.log2(softmax(t, T, axis=1)) - np.log2(softmax(s, T, axis=1))), axis=1)),
     "in the soft term: that is the KL in bits (log base 2)"),
    (distillation_written(hard_of=lambda s, y: float(np.sum(-log_softmax(s, axis=1)[np.arange(len(y)), y]))),
     "the hard term's cross-entropy is a mean over the B rows, not a sum (your soft term is right)"),
    (distillation_written(hard_of=lambda s, y: float(np.mean(-np.log2(softmax(s, axis=1)[np.arange(len(y)), y])))),
     "the hard term's cross-entropy is in bits (log base 2)"),
    # the soft term's KL summed over the batch, the hard term a mean: T² Σ KL, not T² mean KL
    (lambda s, t, y, T, alpha: (alpha * T * T * float(np.sum(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) + (1 - alpha) * float(np.mean(
        -log_softmax(s, axis=1)[np.arange(len(y)), y])), distillation_by_hand(s, t, y, T, alpha)[1]),
     "in the soft term: take the KL's mean over the batch, not its sum"),
    # the student's log_softmax over the batch (axis=0), or every softmax of the soft term over it
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=0)), axis=1)),
     "in the soft term: each row is one example: take softmax and log_softmax over the classes, axis=1"),
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, T, axis=0) * (
        log_softmax(t, T, axis=0) - log_softmax(s, T, axis=0)), axis=1)), "not over the batch (axis=0)"),
    # the temperature slips of Exercise 1: the KL at T = 1 on both sides, divided by T², logits divided by T twice
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, axis=1) * (
        log_softmax(t, axis=1) - log_softmax(s, axis=1)), axis=1)),
     "in the soft term: divide both sets of logits by T inside the softmax"),
    (lambda s, t, y, T, alpha: (alpha * float(np.mean(np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)), axis=1))) / (T * T) + (1 - alpha) * float(np.mean(
        -log_softmax(s, axis=1)[np.arange(len(y)), y])), distillation_by_hand(s, t, y, T, alpha)[1]),
     "in the soft term: you divided by T²; the factor multiplies"),
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t / T, T, axis=1) * (
        log_softmax(t / T, T, axis=1) - log_softmax(s, T, axis=1)), axis=1)),
     "in the soft term: the teacher's logits are divided by T twice (the student's are right)"),
    # cold read r157, X2: Exercise 1's new slips in Exercise 4's soft term: the KL's sign flipped, and the teacher's
    # log left at T = 1 while its weights p are tempered
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, T, axis=1) * (
        log_softmax(s, T, axis=1) - log_softmax(t, T, axis=1)), axis=1)),
     "in the soft term: a KL is never negative (Gibbs' inequality), and yours is minus the right one"),
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t, T, axis=1) * (
        log_softmax(t, axis=1) - log_softmax(s, T, axis=1)), axis=1)),
     "in the soft term: the teacher's log must be tempered too"),
    (distillation_written(kl_of=lambda s, t, T: np.sum(softmax(t / T, T, axis=1) * (
        log_softmax(t / T, T, axis=1) - log_softmax(s / T, T, axis=1)), axis=1)),
     "in the soft term: the logits are divided by T twice"),
    # np.mean of the KL's B × K array: the soft term divided by K as well
    (lambda s, t, y, T, alpha: (alpha * T * T * float(np.mean(softmax(t, T, axis=1) * (
        log_softmax(t, T, axis=1) - log_softmax(s, T, axis=1)))) + (1 - alpha) * float(np.mean(
        -log_softmax(s, axis=1)[np.arange(len(y)), y])), distillation_by_hand(s, t, y, T, alpha)[1]),
     "np.mean of the whole array also divides by the number of classes"),
    # a right loss rounded for printing, named as Exercise 1 names it
    (lambda s, t, y, T, alpha: (round(distillation_by_hand(s, t, y, T, alpha)[0], 4),
                                distillation_by_hand(s, t, y, T, alpha)[1]),
     "at T = 4, α = 0.7: you rounded your answer to 4 decimals (5.8124), so it is not within the check's relative "
     "1e-7"),
    # cold read r144, X2: float32 is named in Exercise 4 as in Exercises 1 and 3: cast at the end (which the check's
    # tolerances alone would let through), computed in float32 and kept a np.float32, or computed in float32 and
    # returned as a float64 whose gradient is off by float32's error (its loss here within the check's 1e-7)
    (distillation_float32, "at T = 4, α = 0.7: use float64, as the rest of the course does (the checks of Exercises "
                           "1 and 3 name float32 too): your loss and gradient are close to the right ones but hold "
                           "float32 numbers"),
    (distillation_float32_mean, "use float64, as the rest of the course does (the checks of Exercises 1 and 3 name "
                                "float32 too): your loss is close to the right one but holds float32 numbers"),
    (distillation_float32_logits, "but the gradient is not within the check's relative 1e-6: something loses digits. "
                                  "The usual cause is float32 arithmetic"),
]


@pytest.mark.parametrize(("loss", "expected_hint"), DISTILLATION_LOSS_WRONG,
                         ids=[str(i) for i in range(len(DISTILLATION_LOSS_WRONG))])
def test_distillation_loss_mistakes_get_their_hints(capsys, loss, expected_hint):
    printed = run(capsys, checks.check_distilled_student, None, 90.0, loss)
    assert printed.startswith(checks.HINT) and expected_hint in printed, printed


def test_distillation_loss_by_hand_is_accepted(capsys):
    # With a right loss and training loss, the check goes on to the student: here None, so it asks for one.
    assert "replace the None" in run(capsys, checks.check_distilled_student, None, 90.0, distillation_by_hand,
                                     aligned_training_loss, 20, 0.9)


def test_confident_teacher_case_is_log_4():
    # check_soft_loss expects log 4 for p = [1, 0, 0, 0] against a uniform q: tempnb's loss and scipy agree.
    from tempnb.distill import distillation_loss

    teacher, student = np.array([[800.0, 0.0, 0.0, 0.0]]), np.zeros((1, 4))
    assert np.isclose(distillation_loss(student, teacher, np.array([0]), 1.0, 1.0)[0], np.log(4), rtol=1e-12)
    assert np.isclose(scipy.special.rel_entr([1.0, 0.0, 0.0, 0.0], [0.25] * 4).sum(), np.log(4), rtol=1e-12)


def test_near_misses_of_the_distillation_checks_show_the_digits_that_differ(capsys):
    """Cold read r136, X2: a value off by a few parts in 10^7 printed to 6 digits beside the expected one looked the
    same (6.487347 and 6.48735). Both checks now print both to 10 significant digits when they agree to about 5.
    The expected values here are worked out with scipy.special alone (Exercise 1) and with the test file's own
    distillation_by_hand (Exercise 4), on the checks' inputs as they draw them."""
    s, t = soft_loss_check_inputs()
    log_p = scipy.special.log_softmax(t / 4.0, axis=1)
    want = 16.0 * float(np.mean(np.sum(np.exp(log_p) * (log_p - scipy.special.log_softmax(s / 4.0, axis=1)), axis=1)))
    learner = soft_epsilon_teacher_only(5e-9)  # an ε between the decades the check names
    got = learner(s, t, 4.0)
    printed = run(capsys, checks.check_soft_loss, learner)
    assert f"at T = 4, expected {want:.10g}, got {got:.10g}: close, but not within the check's relative 1e-9" in \
        printed, printed
    assert f"{want:.6f}" == f"{got:.6f}" or f"{want:.6g}" == f"{got:.6g}", "a near miss that 6 digits would hide"

    rng = np.random.default_rng(54)  # Exercise 4's inputs: s, t and y as _check_loss_function draws them
    s, t = rng.normal(size=(6, 10)) * 2, rng.normal(size=(6, 10)) * 4
    y = rng.integers(0, 10, size=6)
    want = distillation_by_hand(s, t, y, 4.0, 0.7)[0]

    def loss_a_little_high(s, t, y, T, alpha):  # 3 parts in 10^7 too high: beyond the check's 1e-7
        loss, gradient = distillation_by_hand(s, t, y, T, alpha)
        return loss * (1 + 3e-7), gradient

    printed = run(capsys, checks.check_distilled_student, None, 90.0, loss_a_little_high)
    assert f"at T = 4, α = 0.7 the loss should be {want:.10g}, yours is {want * (1 + 3e-7):.10g}:" in printed, printed


def test_the_probes_of_the_distillation_checks_do_not_show_their_prints(capsys):
    """Cold read r136, C3: Exercise 1's check called the learner's function twice on the T = 4 case (a probe for the
    library's loss) and on the confident teacher (a probe for nan), so a debugging print showed twice. Now each
    input's own call shows its print once (four cases and the confident teacher: five), and the probes are quiet,
    as are Exercise 4's probe for the library's loss and its probes for an ignored T or alpha."""
    def chatty(s, t, T):
        print("T", T, "shape", np.shape(s))
        print("to stderr", file=sys.stderr)
        return soft_term(s, t, T)

    checks.check_soft_loss(chatty)
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert lines[:-1] == ["T 4.0 shape (4, 10)", "T 1.0 shape (4, 10)", "T 20.0 shape (4, 10)",
                          "T 1.0 shape (4, 10)", "T 1.0 shape (1, 4)"], lines
    assert lines[-1].startswith(checks.PASS), lines
    assert captured.err.strip().splitlines() == ["to stderr"] * 5, captured.err

    def chatty_nan(s, t, T):  # nan on the confident teacher, with NumPy's warnings silenced
        print("T", T, "shape", np.shape(s))
        return soft_teacher_np_log_silenced(s, t, T)

    checks.check_soft_loss(chatty_nan)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["T 4.0 shape (4, 10)", "T 1.0 shape (4, 10)", "T 20.0 shape (4, 10)",
                          "T 1.0 shape (4, 10)", "T 1.0 shape (1, 4)"], lines
    assert "with a confident teacher, you returned nan. The teacher's probabilities" in lines[-1], lines

    def chatty_library(s, t, T):  # the library's loss: the probe finds it, and shows nothing
        print("T", T)
        return tempnb.distillation_loss(s, t, np.zeros(len(s), int), T, 1.0)[0]

    checks.check_soft_loss(chatty_library)
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and "your function calls distillation_loss" in lines[0], lines

    def chatty_alpha_inside(s, t, y, T, alpha):  # α written inside: one print, from the check's first call
        print("T", T, "alpha", alpha)
        return distillation_by_hand(s, t, y, T, 0.9)

    checks.check_distilled_student(None, 90.0, chatty_alpha_inside)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[:-1] == ["T 4.0 alpha 0.7"], lines
    assert "ignores its alpha argument" in lines[-1], lines


def test_soft_term_gradient_case_is_the_derived_gradient():
    """check_numerical_gradient's second function, the soft term at T = 4: the gradient it compares with, T(q − p)/B
    (computed here with scipy's softmax), against central differences of T² · mean KL written with scipy's
    log_softmax, Richardson-extrapolated from steps 2e-3 and 1e-3 (error of order h⁴, about 1e-12 here)."""
    from tempnb.checks.distillation import (
        SOFT_GRADIENT_STUDENT,
        SOFT_GRADIENT_T,
        SOFT_GRADIENT_TEACHER,
        _soft_term_gradient_problem,
    )

    s, t, T = np.array(SOFT_GRADIENT_STUDENT), np.array(SOFT_GRADIENT_TEACHER), SOFT_GRADIENT_T
    log_p = scipy.special.log_softmax(t / T, axis=1)

    def soft_term_by_scipy(student):
        return T * T * float(np.mean(np.sum(np.exp(log_p) * (log_p - scipy.special.log_softmax(student / T, axis=1)),
                                            axis=1)))

    def central(h):
        gradient = np.zeros_like(s)
        for index in np.ndindex(s.shape):
            step = np.zeros_like(s)
            step[index] = h
            gradient[index] = (soft_term_by_scipy(s + step) - soft_term_by_scipy(s - step)) / (2 * h)
        return gradient

    richardson = (4 * central(1e-3) - central(2e-3)) / 3
    derived = T * (scipy.special.softmax(s / T, axis=1) - scipy.special.softmax(t / T, axis=1)) / len(s)
    assert np.allclose(richardson, derived, rtol=0, atol=1e-10)
    assert _soft_term_gradient_problem(central_differences) is None
    # the same central differences off by 1e-5 in every entry: ten times the case's tolerance of 1e-6
    assert "differs from the derived gradient T(q − p)/B by up to 1.0e-05, more than 1e-6" in (
        _soft_term_gradient_problem(lambda f, x, h=1e-5: central_differences(f, x, h) + 1e-5))


def test_the_wrong_answer_table_is_large_and_covers_every_exercise():
    from collections import Counter

    per_check = Counter(check.__name__ for check, _, _ in WRONG_ANSWERS)
    per_check["check_distilled_student"] += len(DISTILLATION_LOSS_WRONG)
    assert len(WRONG_ANSWERS) + len(DISTILLATION_LOSS_WRONG) >= 200
    all_checks = [name for name in checks.__all__ if name.startswith("check_")]
    assert all(per_check[name] >= 5 for name in all_checks), {n: per_check[n] for n in all_checks}


def test_the_readme_counts_the_tables_as_they_are():
    """The instructors' section of the README states the sizes of these tables; keep them true."""
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    wrong = re.search(r"holds a table of (\d+) wrong answers", readme)
    right = re.search(r"the hint each must get, and (\d+)\s+right-answer variants", readme)
    assert wrong and right, "the README no longer states the sizes of the wrong- and right-answer tables"
    assert int(wrong.group(1)) == len(WRONG_ANSWERS) + len(DISTILLATION_LOSS_WRONG)
    assert int(right.group(1)) == len(RIGHT_ANSWERS) + len(MORE_RIGHT_ANSWERS)


def test_the_old_batch_softmax_check_still_works(capsys):
    """03's Exercise 3 asked for a 2-D batch along axis=1 until the twentieth cold read; a learner's copy of 03 kept by
    nbgitpuller still calls `check_batch_softmax`, which stays importable, unlisted, and as it was."""
    assert "check_batch_softmax" not in checks.__all__ and "check_softmax_along_axis" in checks.__all__
    assert run(capsys, checks.check_batch_softmax, batch_softmax_one_parameter).startswith(checks.PASS)
    assert "takes 1 positional argument" in run(capsys, checks.check_softmax_along_axis, batch_softmax_one_parameter)


def test_the_old_softmax_and_log_sum_exp_checks_still_work(capsys):
    """03's Exercises 1 and 2 asked for a stable softmax and a log-sum-exp until cold read r132; a learner's copy of
    03 still calls `check_stable_softmax` and `check_logsumexp`, which stay importable, unlisted, and working."""
    assert "check_stable_softmax" not in checks.__all__ and "check_logsumexp" not in checks.__all__
    assert "check_masked_softmax" in checks.__all__ and "check_log_softmax" in checks.__all__
    assert run(capsys, checks.check_stable_softmax, scipy.special.softmax).startswith(checks.PASS)
    assert run(capsys, checks.check_logsumexp, lambda z: float(scipy.special.logsumexp(z))).startswith(checks.PASS)
    # a learner's own np.seterr(all="raise") changes neither (the old checks keep the new ones' wrapper)
    with np.errstate(all="raise"):
        assert run(capsys, checks.check_stable_softmax, scipy.special.softmax).startswith(checks.PASS)
        assert run(capsys, checks.check_logsumexp, scipy.special.logsumexp).startswith(checks.PASS)


def test_the_old_name_of_the_half_entropy_check_still_works(capsys):
    """A notebook saved before θ replaced π calls `check_half_entropy_pi`; nbgitpuller keeps such a copy."""
    assert "check_half_entropy_pi" not in checks.__all__
    assert run(capsys, checks.check_half_entropy_pi, HALF_ENTROPY_THETA).startswith(checks.PASS)
    assert run(capsys, checks.check_half_entropy_pi, 0.0) == run(capsys, checks.check_half_entropy_theta, 0.0)


@pytest.mark.parametrize("setting", ["raise", "warn"])
@pytest.mark.parametrize("check, answer", RIGHT_ANSWERS,
                         ids=[f"{c.__name__}-{i}" for i, (c, _) in enumerate(RIGHT_ANSWERS)])
def test_a_learners_numpy_error_setting_does_not_change_a_check(capsys, setting, check, answer):
    """A learner debugging with np.seterr(all="raise") or "warn" still gets the one ✅ line: the check's own
    reference arithmetic underflows on purpose and must neither raise nor print a warning."""
    with np.errstate(all=setting), warnings.catch_warnings():
        warnings.simplefilter("error")
        assert run(capsys, check, answer).startswith(checks.PASS)


# ---------------------------------------------------------------- the shared line counter (_common.lines_run)

def _summed_in_a_loop(x):
    total = 0.0
    for value in x:
        total += value
    return total


def _summed_at_once(x):
    return float(np.sum(x))


def _summed_per_piece(x):
    return sum(map(np.sum, np.split(x, len(x))))


@pytest.mark.parametrize("libraries", [True, False])
def test_lines_run_tells_a_loop_by_its_growth_and_restores_the_tracer(libraries):
    from tempnb.checks._common import lines_run

    before = sys.gettrace()
    small, large = (lines_run(_summed_in_a_loop, np.ones(n), libraries=libraries) for n in (10, 100))
    # the loop's body line runs once per entry and its `for` line once more per entry: 2 more lines per entry
    assert large.own_lines - small.own_lines == 2 * (100 - 10)
    assert small.outcome.value == 10.0 and large.outcome.value == 100.0 and small.own_names == {"_summed_in_a_loop"}
    flat = [lines_run(_summed_at_once, np.ones(n), libraries=libraries).own_lines for n in (10, 100)]
    assert flat[0] == flat[1]  # one line whatever the size: NumPy's lines are not the learner's
    assert sys.gettrace() is before


def test_lines_run_credits_a_librarys_own_loop_to_the_function_the_learner_called():
    from tempnb.checks._common import lines_run

    small, large = (lines_run(_summed_per_piece, np.ones(n)) for n in (4, 100))
    assert small.own_lines == large.own_lines  # the learner's one line runs once either way
    # np.split's Python loop over the pieces and np.sum's Python wrapper, called once per piece from C by map
    assert large.library_lines["numpy.split"] > small.library_lines["numpy.split"]
    assert large.library_calls["numpy.sum"] - small.library_calls["numpy.sum"] == 100 - 4
    skipped = lines_run(_summed_per_piece, np.ones(100), libraries=False)
    assert skipped.library_lines == {} and skipped.library_calls == {} and skipped.own_lines == large.own_lines
