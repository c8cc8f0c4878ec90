"""Exercise checks for notebook 03-softmax."""

from __future__ import annotations

import contextlib
import functools
import inspect
import io
import math
import os
import re
import sys
from collections.abc import Callable

import numpy as np
import scipy.special

from tempnb import core
from tempnb.checks._common import (
    Case,
    Mistake,
    as_array,
    call,
    calls,
    close,
    first_miss,
    hint,
    near,
    near_miss,
    number,
    passed,
    rounded_mistakes,
)

_QUARTER_LOGITS = [-1.3862943611198906, -0.2876820724517809]  # log 0.25, log 0.75 (see 02-logits)
_MAX_ONLY = ("Any shift other than the maximum (the minimum, the mean, the first or last logit) can leave exponents "
             "above 0 (here up to 2000), and exp overflows above 709; only the maximum guarantees every exponent "
             "is ≤ 0.")


_NEAR_MISS = ("your result is close, but not within the check's relative 1e-9 ({got}): return the unrounded "
              "float64 result (no rounding, no float32, and no epsilon added to the sum: the sum is at least 1 "
              "once the maximum is subtracted).")


# "{{err}}" becomes "{err}" when the hint is formatted; check_stable_softmax then fills in the learner's error
_SOFTMAX_NEAR_MISS = ("your result is close, but not within the check's relative 1e-12 (on {label}: largest relative "
                      "error {{err}}): return the unrounded float64 result (no rounding, no float32, and no epsilon "
                      "added to the sum or to each exponential: the sum is at least 1 once the maximum is "
                      "subtracted).")


# Exercises 1 and 3 name an epsilon added to the sum by one rule, _epsilon_in_sum, so that a function that passes
# one check passes the other used row by row, and neither verdict rides on the edge of the relative 1e-12
EPSILON_IN_SUM_FROM = 2e-13
# ... any eps up to 1e-6, the largest epsilon most learners add "for safety"; above that a common factor may be
# another mistake (an unshifted numerator makes every entry too small by exp(max z), 0.75 on the logits of
# [0.25, 0.75]), so from there up to 1e-2 only an eps a learner types is named: 1e-5, 1e-4, 5e-3, 1e-2 (_round_number;
# cold read r151, X3, where 1e-4 got "does not sum to 1" from Exercise 3 and no epsilon hint from Exercise 1)
EPSILON_IN_SUM_UP_TO = 1e-6
EPSILON_IN_SUM_ROUND_UP_TO = 1e-2


def _named_epsilon(eps: float) -> bool:
    """Whether an eps read off an answer is one the checks name as an epsilon added to a sum: any from
    EPSILON_IN_SUM_FROM (2e-13) to EPSILON_IN_SUM_UP_TO (1e-6), and above that, up to EPSILON_IN_SUM_ROUND_UP_TO
    (1e-2), one with at most two significant digits. Each bound allows the 1% of roundings the callers allow."""
    if not EPSILON_IN_SUM_FROM <= eps <= 1.01 * EPSILON_IN_SUM_ROUND_UP_TO:
        return False
    return eps <= 1.01 * EPSILON_IN_SUM_UP_TO or _round_number(eps)


def _epsilon_in_sum_hint(row: str, whose: str) -> str:
    """The hint for an epsilon added to the sum; "{label}" and "{{err}}" are filled in as in _SOFTMAX_NEAR_MISS."""
    return (f"on {{label}} every entry{row} is too small by the same factor, S / (S + eps) for {whose} sum S "
            "(largest relative error {{err}}): an epsilon was added to the sum. Return the unrounded float64 "
            "result, with no epsilon added to the sum: the sum is at least 1 once the maximum is subtracted.")


def _epsilon_in_sum(answer: object, expected: np.ndarray) -> bool:
    """True when every entry is too small by one factor S / (S + eps), one eps that _named_epsilon names (any from
    2e-13 to 1e-6, a round one up to 1e-2), the same for every row (a row: the last axis; a 1-D answer is one
    row), and the sums S + eps are not float32 numbers: e / np.float32(e.sum()) divides by S rounded to float32, a
    common factor of up to 6e-8 that is a float32 slip, named by the near-miss hint.

    A row's sum S of exp(z - row max) is 1 / (its largest probability), so each entry's implied eps is
    S * (expected / answer - 1). Right answers give two kinds of nonzero values. Each entry's own roundings give a
    few 1e-16 times S (S is at most K = 4 here), with mixed signs. An answer computed in log space,
    exp(z - logsumexp(z)), shares one rounding across its row: a log-sum-exp near ±1000 is within half a unit in
    the last place, 2^-44 = 5.7e-14, of its true value, so every entry of the row is off by one factor, and the
    implied eps reaches S * 5.7e-14, at most 8.5e-14 on these cases (tests/test_checks.py bounds it). 2e-13 lies
    above both. An epsilon of 2e-13 or more gives that eps for every entry, within 1% plus 2e-15 of roundings,
    on any CPU."""
    array = as_array(answer)
    if array is None or array.shape != expected.shape or not np.all(np.isfinite(array)):
        return False
    sums = 1 / expected.max(axis=-1, keepdims=True)
    used = (expected > 1e-300) & (array > 0)
    with np.errstate(all="ignore"):
        implied = (sums * (expected / array - 1))[used]
    if implied.size == 0:
        return False
    middle = float(np.median(implied))
    if not _named_epsilon(middle):
        return False
    if not np.all(np.abs(implied - middle) <= 0.01 * middle + 2e-15):
        return False
    divided_by = sums + middle  # S + eps, row by row: a float32 number when the sum was rounded to float32
    return not bool(np.all(np.abs(divided_by.astype(np.float32).astype(float) - divided_by) <= 1e-12 * divided_by))


_NO_FLOOR = ("no epsilon added to each exponential, and no floor on the exponent (np.maximum or np.clip of z - max): "
             "a probability that is exactly 0, or far below 1e-12, must stay so.")
_MASKED_NOT_ZERO = ("a masked (-inf) entry must get exactly 0, and yours got {got}: exp(-inf) is exactly 0, so keep "
                    "the -inf (do not replace it by a moderate negative number such as -30); " + _NO_FLOOR)
_MASKED_WEIGHTED = ("on {label} the masked (-inf) entry got a real share of the mass ({got}): keep the -inf, "
                    "since exp(-inf) = 0 exactly; replacing it (by 0, as np.where(np.isinf(z), 0, z) does, or by "
                    "any ordinary number) gives that entry weight and takes it from the others. Subtracting the "
                    "maximum needs no special case for -inf: -inf - m is -inf.")
_SILENCED = ("exp overflowed, and the warning was silenced (np.errstate or warnings.filterwarnings), not the "
             "problem.")
_TINY_MARK = "an entry that should be 0 or nearly 0 (below 1e-12) is not"
_UNDERFLOW_NOT_ZERO = ("on {label} an entry that should be 0 (it underflows) is not: got {got}. exp(z - max) of an "
                       "exponent below about -745 is exactly 0 in float64, and so is its probability; " + _NO_FLOOR)


_EPSILONS_EACH_EXP = (1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12)  # what learners add "to avoid dividing by 0"


def _epsilon_each_exp_hint(total: str) -> str:
    """The hint for an epsilon added to each exponential; "{label}" and "{{err}}" are filled in as in
    _SOFTMAX_NEAR_MISS, and ``total`` is the sum the learner should divide by."""
    return ("on {label} your result is what an epsilon added to each exponential gives, (e + eps) / sum(e + eps) "
            "(largest relative error {{err}}): it moves every probability, and gives one that should be 0 or nearly "
            "0 (a masked -inf, an underflow) about eps / sum instead. Add nothing: once the maximum is subtracted "
            f"the largest exponential is exp(0) = 1, so the sum is at least 1 and never 0; return e / {total}.")


def _epsilon_each_exp(z: np.ndarray, axis: int = -1) -> Callable[[object], bool]:
    """A recogniser: the answer is (e + eps) / sum(e + eps) along ``axis`` for one of the usual epsilons, with
    e = exp(z - max) (or exp(z) unshifted, where that is finite), within a relative 1e-11 and nothing absolute.

    Only the epsilons that move the answer beyond the checks' relative 1e-12 count (1e-13 and less leave an
    ordinary entry within it and are named on the cases with tiny entries instead, by _tiny_entry_off). An
    epsilon of 1e-9 changes an entry of 1/3 by a relative 3e-9 minus the sum's share, far above the 1e-11 that
    separates two roundings of the same formula, so the match names this mistake and no other."""
    expected = scipy.special.softmax(z, axis=axis)
    with np.errstate(all="ignore"):
        exps = [np.exp(z - z.max(axis=axis, keepdims=True)), np.exp(z)]
        candidates = [(e + eps) / (e + eps).sum(axis=axis, keepdims=True)
                      for e in exps if np.all(np.isfinite(e)) for eps in _EPSILONS_EACH_EXP]
    wrong = [value for value in candidates if np.all(np.isfinite(value))
             and not close(value, expected, rtol=1e-12, atol=0)]

    def recognise(answer: object) -> bool:
        return any(close(answer, value, rtol=1e-11, atol=0) for value in wrong)
    return recognise


def _relative_errors(answer: np.ndarray, target: np.ndarray) -> np.ndarray:
    """|answer - target| / |target| entry by entry: inf where only the target is 0, and 0 where both are."""
    with np.errstate(divide="ignore", invalid="ignore"):
        errors = np.abs(answer - target) / np.abs(target)
    return np.where(answer == target, 0.0, errors)


def _tiny_entry_off(expected: np.ndarray, tiny: float = 0.0) -> Callable[[object], bool]:
    """A recogniser: an entry of at most ``tiny`` (0: an exact 0) is off by a relative error above 1e-6 while every
    other entry is within a relative 1e-6, as when an epsilon is added to each exponential or the exponent is floored.

    An epsilon added to the sum, or rounding, changes every entry by about the same relative error (1e-9 for an
    epsilon of 1e-9), the tiny ones included: that is a near miss, not this mistake."""
    target = np.asarray(expected, dtype=float)

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if array is None or array.shape != target.shape or not near_miss(target)(array):
            return False
        errors = _relative_errors(array, target)
        small = target <= tiny
        return bool(np.any(errors[small] > 1e-6) and np.all(errors[~small] <= 1e-6))
    return recognise


def _masked_weighted(masked: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: a masked (-inf) entry got a probability of 1e-6 or more, as when the -inf is replaced by 0
    (a moderate stand-in such as -30 gives it about 1e-14, which the tiny-entry hint names)."""
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == masked.shape and bool(np.any(array[masked] >= 1e-6))
    return recognise


_CLIP_BOUNDS = (700.0, 709.0, 709.78, 500.0, 100.0, 88.0, 88.72, 80.0, 50.0)  # bounds learners clip logits to
# Exercise 2's wording: "{{label}}" and "{{got}}" are filled in when the hint is formatted
_CLIPPED_SOFTMAX = ("you clipped the logits (np.clip) so that exp cannot overflow, but that changes the answer: on "
                    "{label} yours, {got}, is the softmax of the clipped logits. Shift instead of clipping: "
                    "{shift} makes every exponent ≤ 0 and loses nothing.")


def _clipped_softmax(z: np.ndarray, axis: int = -1) -> Callable[[object], bool]:
    """A recogniser: the answer is the softmax of np.clip(z, -c, c) for one of the usual bounds c that changes it
    (e = np.exp(np.clip(z, -500, 500)); e / e.sum(...)), within a relative 1e-9 and nothing absolute."""
    expected = scipy.special.softmax(z, axis=axis)
    with np.errstate(all="ignore"):
        clipped = [scipy.special.softmax(np.clip(z, -bound, bound), axis=axis) for bound in _CLIP_BOUNDS]
    wrong = [value for value in clipped if not close(value, expected, rtol=1e-12, atol=0)]

    def recognise(answer: object) -> bool:
        return any(close(answer, value, rtol=1e-9, atol=0) for value in wrong)
    return recognise


_UNSHIFTED_NUMERATOR = ("on {label} {subject} off by one factor, exp(m) for {whose} maximum m: the sum was shifted, "
                        "np.exp(z - m), but the numerator was not, np.exp(z). Shift both by the same maximum: "
                        "e = np.exp(z - m){m_is}, then e / e.sum({sum_axis}).")


def _unshifted_numerator(z: np.ndarray, expected: np.ndarray, axis: int = -1,
                         shifts: tuple[np.ndarray, ...] = ()) -> Callable[[object], bool]:
    """A recogniser: the answer is np.exp(z) divided by a right shifted sum, that is the right answer times exp(m),
    for m the maximum along ``axis`` or the maximum of the whole array (or one of ``shifts``, broadcast against z),
    within a relative 1e-9 and nothing absolute. Only where exp(m) is finite and differs from 1 by more than 1e-6:
    at m = 0 the unshifted numerator is right."""
    with np.errstate(all="ignore"):
        maxima = [z.max(axis=axis, keepdims=True), np.max(z), *shifts]
        scaled = [expected * np.exp(m) for m in maxima
                  if np.all(np.isfinite(np.exp(m))) and np.all(np.abs(np.exp(m) - 1) > 1e-6)]
    wrong = [value for value in scaled if np.all(np.isfinite(value))]

    def recognise(answer: object) -> bool:
        return any(close(answer, value, rtol=1e-9, atol=0) for value in wrong)
    return recognise


_UNSHIFTED_SUM = ("on {label} {subject} off by one factor, exp(-m) for {whose} maximum m: the numerator was shifted, "
                  "np.exp(z - m), but the sum was not, np.exp(z).sum({sum_axis}). Shift both by the same maximum: "
                  "e = np.exp(z - m){m_is}, then e / e.sum({sum_axis}).")


def _unshifted_sum(z: np.ndarray, expected: np.ndarray, axis: int = -1,
                   shifts: tuple[np.ndarray, ...] = ()) -> Callable[[object], bool]:
    """A recogniser, the mirror of _unshifted_numerator: the answer is np.exp(z - m) divided by the unshifted sum of
    np.exp(z), that is the right answer divided by exp(m), for m the maximum along ``axis`` or the maximum of the
    whole array (or one of ``shifts``, broadcast against z), within a relative 1e-9 and nothing absolute. Only
    where exp(m) is finite and nonzero (elsewhere the unshifted sum overflows or underflows, and warns) and differs
    from 1 by more than 1e-6: at m = 0 the unshifted sum is right."""
    with np.errstate(all="ignore"):
        maxima = [z.max(axis=axis, keepdims=True), np.max(z), *shifts]
        scaled = [expected / np.exp(m) for m in maxima
                  if np.all(np.isfinite(np.exp(m))) and np.all(np.exp(m) > 0) and np.all(np.abs(np.exp(m) - 1) > 1e-6)]
    wrong = [value for value in scaled if np.all(np.isfinite(value))]

    def recognise(answer: object) -> bool:
        return any(close(answer, value, rtol=1e-9, atol=0) for value in wrong)
    return recognise


def _softmax_mistakes(logits: list[float]) -> tuple[Mistake, ...]:
    z = np.array(logits)
    shifted = np.exp(z - z.max())
    return (
        Mistake(lambda a: as_array(a) is None or as_array(a).shape != z.shape,
                f"return one probability per logit, an array of shape {z.shape} for {{label}}; got {{got}}."),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                "your softmax returns nan for {label}: exp overflowed (inf / inf) or underflowed (0 / 0), and if "
                "you silenced NumPy's warning (np.errstate), the warning went, not the problem: subtract the "
                "maximum logit before exponentiating."),
        # before every other value: a right answer rounded for printing (np.round(softmax(z), 4)) is named as such
        *rounded_mistakes(scipy.special.softmax(z), "relative 1e-12"),
        Mistake(lambda a: bool(np.any(np.isinf(as_array(a)))),
                f"your softmax returns inf for {{label}}: {_SILENCED} Subtract the maximum logit before "
                "exponentiating."),
        # exp(z - max) undivided, or divided by the wrong total (e.max(), which is 1, or the unshifted
        # np.exp(z).sum(), which is 1 on the logits of [0.25, 0.75]): the same values on the first case
        Mistake(shifted, "those are exp(z - max) divided by the wrong total, or by none: divide by the sum of the "
                         "same shifted exponentials, e / e.sum() with e = np.exp(z - z.max())."),
        Mistake(scipy.special.log_softmax(z), "those are log-probabilities (all ≤ 0): exponentiate them."),
        # the logits clipped (np.clip(z, -c, c)) so exp cannot overflow: on [1000, 1001] clipped to ±500, ±709 or
        # ±80 both logits become c, so [0.5, 0.5] instead of [0.268941, 0.731059]
        Mistake(_clipped_softmax(z), _CLIPPED_SOFTMAX.format(label="{label}", got="{got}",
                                                             shift="e = np.exp(z - z.max())")),
        Mistake(_tiny_entry_off(scipy.special.softmax(z)),
                _MASKED_NOT_ZERO if np.any(np.isneginf(z)) else _UNDERFLOW_NOT_ZERO),
        *([] if not np.any(np.isneginf(z)) else  # the -inf replaced by 0 (np.where(np.isinf(z), 0, z)) or another
          [Mistake(_masked_weighted(np.isneginf(z)), _MASKED_WEIGHTED)]),  # ordinary logit: a real share of the mass
        # np.exp(z) / np.exp(z - m).sum(): every entry off by exp(m), 0.75 on the logits of [0.25, 0.75]; named
        # before the epsilon in the sum, which makes every entry too small by one factor too
        Mistake(_unshifted_numerator(z, scipy.special.softmax(z)),
                _UNSHIFTED_NUMERATOR.format(label="{label}", subject="every entry is", whose="the", m_is="",
                                            sum_axis="")),
        # before the near miss: an epsilon added to the sum (1e-10, 1e-12, 5e-13), named by its one common factor
        Mistake(lambda a: _epsilon_in_sum(a, scipy.special.softmax(z)),
                _epsilon_in_sum_hint(row="", whose="the")),
        # 1e-9 added to each exponential: off by a few 1e-9 on every case, so named before the near miss
        Mistake(_epsilon_each_exp(z), _epsilon_each_exp_hint("e.sum()")),
        Mistake(near_miss(scipy.special.softmax(z)), _SOFTMAX_NEAR_MISS),
    )


def _softmax_case(logits: list[float], label: str, on_problem: str) -> Case:
    expected = scipy.special.softmax(logits)
    return Case((np.array(logits),), expected,
                f"for {label} expected {np.round(expected, 6).tolist()}, got {{got}}.",
                label, _softmax_mistakes(logits), on_problem)


def _softmax_cases() -> list[Case]:
    """Built afresh for every check, so nothing a learner's code does can change them."""
    return [
        _softmax_case(_QUARTER_LOGITS, "the logits of [0.25, 0.75]", ""),
        _softmax_case([1000.0, 1001.0], "[1000, 1001]", "Subtract the maximum logit before exponentiating."),
        _softmax_case([-1000.0, -1001.0, -1002.0], "[-1000, -1001, -1002]",
                      "exp underflowed to 0 and the division gave 0/0: subtract the maximum logit first (z.max(), not "
                      "the largest |z|)."),
        _softmax_case([-1000.0, 0.0, 1000.0], "[-1000, 0, 1000]", _MAX_ONLY),
        # the largest logit first: a shift by the last logit overflows here (and by the first, on the case above)
        _softmax_case([1000.0, 0.0, -1000.0], "[1000, 0, -1000]", _MAX_ONLY),
        _softmax_case([0.0, -np.inf, 1.0], "[0, -inf, 1] (the -inf entry is masked)",
                      "A masked (-inf) logit must get probability 0: subtract the maximum, which is finite here."),
        _softmax_case([5.0], "a single logit [5]", ""),
    ]


def _recording(function: object, calls: list[tuple[np.ndarray, object]]) -> object:
    """`function` wrapped so that each call appends (a copy of its argument, what it returned) to `calls`.

    The copy is taken before the learner's code runs, so an answer that changes its input in place is
    still compared with the input it was given. Anything not callable is returned as it is, for the
    check's own "not a function" hint.
    """
    if not callable(function):
        return function

    @functools.wraps(function)
    def learner(argument: np.ndarray) -> object:
        given = argument.copy()
        value = function(argument)
        calls.append((given, value))
        return value

    return learner


def _with_largest_error(message: str, calls: list[tuple[np.ndarray, object]], axis: int) -> str:
    """The hint with "{err}" replaced by the largest relative error of the last recorded call against scipy's
    softmax along `axis` ("?" if nothing was recorded)."""
    if "{err}" not in message:
        return message
    error = "?"
    if calls:
        given, value = calls[-1]
        error = f"{float(np.max(_relative_errors(as_array(value), scipy.special.softmax(given, axis=axis)))):.1e}"
    return message.replace("{err}", error)


def _same_softmax(answer: object, expected: object) -> bool:
    """Right for Exercises 1 and 3: within a relative 1e-12 (atol=0), and no epsilon added to the sum.

    atol=0: a tiny epsilon added to each exponential is a wrong answer, not a rounding error. An epsilon added to
    the sum is recognised by its one common factor (_epsilon_in_sum), so that its pass or fail does not ride on
    the tolerance's edge (1e-12 shifts an entry by at most a relative 1e-12), and is the same in both checks."""
    return close(answer, expected, rtol=1e-12, atol=0) and not _epsilon_in_sum(answer, np.asarray(expected,
                                                                                                    dtype=float))


def check_stable_softmax(softmax_1d: Callable) -> None:
    """Exercise 03.1: a numerically stable softmax of one vector of logits.

    Within a relative 1e-12 and nothing absolute (atol=0): a right stable softmax agrees with scipy to about
    1e-15, while an epsilon of 1e-9 or 1e-10 added to the sum shifts every probability by about that much,
    relatively. An epsilon added to the sum that stays within the tolerance (1e-12 shifts an entry by at most a
    relative 1e-12) is named by its one common factor, from 2e-13 up, exactly as check_batch_softmax does.
    An entry that is exactly 0 (a masked -inf logit, or exp(-1000) underflowing) must be exactly 0: a floor on
    the exponent or 1e-13 added to each exponential is wrong even though it is tiny.
    """
    calls: list[tuple[np.ndarray, object]] = []  # (the logits, what the learner returned), local to this call
    learner = _recording(softmax_1d, calls)
    message = first_miss(learner, _softmax_cases(), same=_same_softmax)
    if message is None:
        return passed("Stable: it matches scipy.special.softmax, even on [1000, 1001], [-1000, 0, 1000] and with -inf.")
    return hint(_with_largest_error(message, calls, axis=-1))


def _same_number(a: object, b: object, rtol: float = 1e-12) -> bool:
    value = number(a)
    return value is not None and bool(np.isclose(value, float(b), rtol=rtol, atol=1e-12))


_NATURAL_LOG = "log in this course is the natural log, np.log (not np.log10 or np.log2)"
_LSE_MAX = "Factor out the max: m + log(sum(exp(z - m))), with m = z.max()."
# after an underflow (log 0): why the maximum is the shift that keeps the sum away from 0
_LSE_NO_ZERO = ("Factor out the max: m + log(sum(exp(z - m))), with m = z.max(): the largest term is then "
                "exp(0) = 1, so the sum is at least 1 and its log is finite.")


# Exercises 2 to 4 end with a case beyond every float type's range (cold read r157, X1): the naive formula, or a
# shift by the first logit (and in Exercise 3 by any logit but the maximum), computed in np.longdouble, passed every
# earlier case on x86-64 Linux, whose 80-bit long double (like the 128-bit quad of other platforms) overflows only
# above log(max) = 11356.5 and holds e^1000 and e^2000; where np.longdouble is a plain double such code fails an
# earlier case already. Logits 12000 apart overflow every float type NumPy has, once shifted by anything but their
# maximum.
_BEYOND_LONGDOUBLE = "e^12000 overflows even np.longdouble"
_LONGDOUBLE_EXP_MAX = 11357.0  # log(np.finfo(np.longdouble).max) = 11356.5 with the 80-bit or the 128-bit format
# e^x is 0 in every float type below x = -11450: the smallest subnormal of the 80-bit long double is 2^-16445, about
# e^-11398.8, of the 128-bit quad 2^-16494, about e^-11432.8
_EXP_ZERO_IN_EVERY_FLOAT = -11450.0


def _wider_float(fix: str) -> Callable[[str], str]:
    """A problem's advice on a case beyond np.longdouble's range: an overflow there, after every earlier case (as
    large as 1000, as wide as 2000) passed without one, means the code computes in a float wider than float64."""
    def advice(problem: str) -> str:
        if not _overflow(problem):
            return ""
        return ("exp overflowed here, though not on the earlier logits as large as 1000 or 2000 apart, so your code "
                "computes in a float wider than float64, such as np.longdouble (np.float128), whose exp overflows "
                f"only above about 11356 instead of 709.78. {_ONLY_MOVES} {fix}")
    return advice


_ONLY_MOVES = "A wider float only moves the overflow further out; subtracting the maximum removes it:"


def _wider_float_silenced(expected: np.ndarray, fix: str) -> Mistake:
    """On a case beyond np.longdouble's range: an inf or a nan where the right answer is finite, after every earlier
    case passed, is the overflow of a wider float with its warning silenced."""
    finite = np.isfinite(expected)

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == expected.shape and not np.all(np.isfinite(array[finite]))
    return Mistake(recognise, "on {label} your result has inf or nan in it ({got}), though it had none on the earlier "
                              "logits as large as 1000 or 2000 apart: your code computes in a float wider than "
                              "float64, such as np.longdouble (np.float128), whose exp overflows only above about "
                              "11356 instead of 709.78, and its overflow warning was silenced (np.errstate). "
                              f"{_ONLY_MOVES} {fix}")


def _first_advice(*advices: Callable[[str], str]) -> Callable[[str], str]:
    """The first non-empty advice of several, for a problem on one case."""
    def advice(problem: str) -> str:
        return next((text for text in (give(problem) for give in advices) if text), "")
    return advice


def _overflow(problem: str) -> bool:
    """Whether a problem is an overflow: NumPy's warning, or math.exp's OverflowError ("math range error")."""
    text = problem.lower()
    return "overflow" in text or "math range error" in text


def _underflow(problem: str) -> bool:
    """Whether a problem is what an underflow to 0 leads to: log 0 or 0 / 0, in NumPy or in plain Python (math.log
    of 0 raises "math domain error", a float division by 0 ZeroDivisionError); or inf - inf."""
    text = problem.lower()
    return any(kind in text for kind in ("divide by zero", "invalid value", "math domain error", "division by zero"))


def _lse_on_problem(overflow_advice: str = _LSE_MAX, underflow_advice: str = _LSE_NO_ZERO) -> Callable[[str], str]:
    """Advice after a problem on one log-sum-exp case: the shift, only when exp overflowed or underflowed; nothing
    after any other problem (a TypeError, "expected a function"), which the problem's own text explains."""
    def advice(problem: str) -> str:
        if _overflow(problem):
            return overflow_advice
        return underflow_advice if _underflow(problem) else ""
    return advice


def _clipped_lses(z: np.ndarray, expected: float) -> list[float]:
    """log(sum(exp(np.clip(z, -c, c)))) for each usual bound c that changes the answer (from scipy, on the
    clipped logits)."""
    lses = [float(scipy.special.logsumexp(np.clip(z, -bound, bound))) for bound in _CLIP_BOUNDS]
    return [lse for lse in lses if abs(lse - expected) > 1e-6]


# "{{err}}" becomes "{err}" when the hint is formatted; the check fills in how far the learner's value is off
_LSE_NEAR_MISS = ("your result is close, but not within the check's tolerance (on {label}: yours is off by {{err}}, "
                  "and the check allows 1e-12 plus a relative 1e-12): return the unrounded float64 result (no "
                  "rounding, no float32, and no epsilon added to the sum or inside the log: the sum is at least 1 "
                  "once the maximum is subtracted).")
_EPSILON_IN_LOG_SUM = ("on {label} your log-sum-exp is too large by log(1 + eps / S), S the sum of exp(z - m) (off by "
                       "{{err}}): an epsilon was added inside the log, m + log(S + eps). Leave it out: once the "
                       "maximum is subtracted the largest term is exp(0) = 1, so S is at least 1 and its log is never "
                       "log 0.")


def _implied_epsilon(lse: float, expected: float, total: float) -> float | None:
    """The eps for which lse = m + log(S + eps), given the right value expected = m + log(S) and S = ``total``:
    S (e^(lse - expected) - 1). None when lse is not an epsilon's result: one _named_epsilon does not name (below
    2e-13, above 1e-2, or above 1e-6 and not round); within 8 units in the last place of ``expected`` times S (a
    log-sum-exp near 1000 is a multiple of 1.1e-13, so a right answer off by a unit or two implies an eps of up to
    4.5e-13 there; the first case, [1, 2, 3], resolves eps to 1e-15); or a float32 number (a float32 slip, not an
    epsilon)."""
    implied = total * math.expm1(lse - expected)
    if not _named_epsilon(implied):
        return None
    if implied <= 8 * total * math.ulp(expected) or float(np.float32(lse)) == lse:
        return None
    return implied


def _epsilon_in_log_sum(answer: float | None, z: np.ndarray, expected: float) -> bool:
    """Whether a log-sum-exp is m + log(S + eps) for one eps the checks name (_implied_epsilon)."""
    if answer is None or not math.isfinite(answer) or not math.isfinite(expected):
        return False
    return _implied_epsilon(answer, expected, float(np.sum(np.exp(z - z.max())))) is not None


def _same_lse(z: np.ndarray) -> Callable[[object, object], bool]:
    """Right for the log-sum-exp: within 1e-12 plus a relative 1e-12 (_same_number), and no epsilon inside the log
    named by _epsilon_in_log_sum. An epsilon below 2e-13 moves the result by at most 2e-13, within the 1e-12, so
    it passes on every case; from 2e-13 up it is named on the first case, [1, 2, 3]: one verdict, never the
    tolerance's edge (which [0, -inf], whose answer is 0, used to set at about 1e-12)."""
    def same(answer: object, expected: object) -> bool:
        return _same_number(answer, expected) and not _epsilon_in_log_sum(number(answer), z, float(expected))
    return same


def _lse_case(logits: list[float], label: str, on_problem: Callable[[str], str] | None = None) -> Case:
    z = np.array(logits)
    expected = float(scipy.special.logsumexp(z))
    top = float(z.max())
    upper = top + math.log(len(z))  # the upper bound m + log K
    masked = np.isneginf(z)
    return Case((z,), expected, f"logsumexp({label}) should be {expected:.6f}; got {{got}}.", label, (
        # a right answer rounded for printing (round(lse, 3)) is named as such, before every other value
        *rounded_mistakes(expected, "relative 1e-12"),
        # the naive formula with its warnings silenced (np.errstate(over="ignore"), as the notebook's naive_lse):
        # exp(1000) is inf and so is its log, or exp(-1000) is 0 and its log -inf; the call sees no warning
        Mistake(lambda a: math.isinf(number(a)) and math.isfinite(expected),
                f"logsumexp({label}) should be {expected:.6f}; got {{got}}: exp overflowed to inf (or underflowed "
                "to 0, whose log is -inf), and the warning was silenced (np.errstate), not the problem. "
                f"{_LSE_MAX[:-1]}: every exponent is then ≤ 0 and the largest term is exp(0) = 1."),
        *([] if not np.any(masked) else  # the -inf replaced by 0: exp(0) = 1 joins the sum
          [Mistake(near(float(scipy.special.logsumexp(np.where(masked, 0.0, z)))),
                   "that is the log-sum-exp with the -inf replaced by 0: keep the -inf, since exp(-inf) = 0 "
                   "exactly; replacing it gives that entry a term of exp(0) = 1 in the sum. "
                   "m + log(sum(exp(z - m))) needs no special case for -inf.")]),
        # max(z) alone: the shift without the log of the shifted sum
        Mistake(lambda a: abs(number(a) - top) < 1e-9 and abs(expected - top) > 1e-9,
                f"logsumexp({label}) should be {expected:.6f}; got {{got}}: that is max(z) = {top:g} alone; "
                "log-sum-exp adds log(sum(exp(z - m))), between 0 and log K: m + log(sum(exp(z - m)))."),
        Mistake(lambda a: abs(number(a) - (expected - top)) < 1e-9 and top != 0,
                f"the result is off by exactly max(z) = {top:g}: add the max back, m + log(sum(exp(z - m)))."),
        Mistake(lambda a: np.isclose(number(a), top + float(np.sum(np.exp(z - top))), rtol=1e-12),
                "take the log of the sum: m + log(sum(exp(z - m)))."),
        # sum(exp(z - m)) alone: neither the log nor the m added back (1.503214 on [1, 2, 3])
        *([] if abs(float(np.sum(np.exp(z - top))) - expected) <= 1e-9 else
          [Mistake(near(float(np.sum(np.exp(z - top)))),
                   f"logsumexp({label}) should be {expected:.6f}; got {{got}}: that is sum(exp(z - m)) alone. Take "
                   "the log of the sum and add m back: m + log(sum(exp(z - m))).")]),
        # m * log(sum(exp(z - m))): the max multiplied instead of added (1.222824 on [1, 2, 3])
        *([] if abs(top * math.log(float(np.sum(np.exp(z - top)))) - expected) <= 1e-9 else
          [Mistake(near(top * math.log(float(np.sum(np.exp(z - top))))),
                   f"logsumexp({label}) should be {expected:.6f}; got {{got}}: that is m * log(sum(exp(z - m))). "
                   "Add m, don't multiply: m + log(sum(exp(z - m))).")]),
        # m + np.log(np.exp(z - m)).sum(): the log taken before the sum undoes the exp, giving m + sum(z - m),
        # that is sum(z) - (K - 1) m (0 on [1, 2, 3])
        *([] if not np.all(np.isfinite(z)) or abs(float(np.sum(z)) - (len(z) - 1) * top - expected) <= 1e-9 else
          [Mistake(near(float(np.sum(z)) - (len(z) - 1) * top),
                   f"logsumexp({label}) should be {expected:.6f}; got {{got}}: that is m + sum(log(exp(z - m))), "
                   "the log taken before the sum, which undoes the exp and leaves m + sum(z - m). Sum the "
                   "exponentials first, then take one log: m + np.log(np.sum(np.exp(z - m))).")]),
        # m + log(sum(exp(z - m)) - 1): the maximum's own term, exp(m - m) = 1, left out of the sum
        *([] if len(z) < 2 or float(np.sum(np.exp(z - top))) - 1 <= 0 else
          [Mistake(near(top + math.log(float(np.sum(np.exp(z - top))) - 1)),
                   f"logsumexp({label}) should be {expected:.6f}; got {{got}}: the sum is missing the maximum's own "
                   "term, exp(m - m) = exp(0) = 1. Sum exp(z - m) over every logit, the maximum included: "
                   "m + log(sum(exp(z - m))), a sum of at least 1.")]),
        # m + log1p(sum(exp(z - m))): log1p(x) is log(1 + x), so the sum gets one 1 too many
        Mistake(near(top + math.log1p(float(np.sum(np.exp(z - top))))),
                "np.log1p(s) is log(1 + s), so m + log1p(sum(exp(z - m))) counts the maximum's own term, "
                "exp(0) = 1, twice: take m + log(sum(exp(z - m))), or log1p of the sum without that term."),
        # the logits clipped (np.clip(z, -c, c)) so exp cannot overflow: right only while every |z| <= c
        Mistake(lambda a: any(abs(number(a) - clipped) < 1e-9 for clipped in _clipped_lses(z, expected)),
                "you clipped the logits (np.clip) so that exp cannot overflow, but that changes the answer: on "
                "{label} yours, {got}, is the log-sum-exp of the clipped logits. Shift instead of clipping: "
                "m + log(sum(exp(z - m))) with m = z.max() makes every exponent ≤ 0 and loses nothing."),
        # m + log(mean(exp(z - m))): the mean of the K exponentials is their sum divided by K
        Mistake(lambda a: abs(number(a) - (expected - math.log(len(z)))) < 1e-9,
                f"the result is off by exactly log K = log {len(z)} = {math.log(len(z)):.6f} (too small): that is "
                "the log of the mean of the exponentials (np.mean); log-sum-exp takes their sum, "
                "m + log(sum(exp(z - m)))."),
        # max(z) + log K: the upper bound of log-sum-exp, right only when every logit equals the maximum
        Mistake(lambda a: abs(number(a) - upper) < 1e-9 and abs(expected - upper) > 1e-9,
                f"that is max(z) + log K = {top:g} + log {len(z)}: the upper bound m + log K, reached only when all "
                "logits are equal. Add up the shifted exponentials instead of counting them: "
                "m + log(sum(exp(z - m)))."),
        *([] if expected == top else  # m + log10 or log2 of the shifted sum: a log in another base
          [Mistake(near(top + (expected - top) / math.log(base)),
                   f"that is m + log{base}(sum(exp(z - m))), a base-{base} log: {_NATURAL_LOG}.")
           for base in (10, 2)]),
        # m + log(sum(exp(z - m)) + eps): named from 2e-13 up, as an epsilon in the sum is in Exercise 1
        Mistake(lambda a: _epsilon_in_log_sum(number(a), z, expected), _EPSILON_IN_LOG_SUM),
        Mistake(lambda a: near_miss(expected)(number(a)), _LSE_NEAR_MISS),
    ), on_problem or _lse_on_problem())


def check_logsumexp(logsumexp_1d: Callable) -> None:
    """Exercise 03.2: log(sum(exp(z))) without overflow or underflow."""
    cases = [_lse_case([1.0, 2.0, 3.0], "[1, 2, 3]"), _lse_case([1000.0, 1000.0], "[1000, 1000]"),
             # a shift by the largest |z|, 1000, leaves exponents of -2000 here: the sum underflows to 0 as well
             _lse_case([-1000.0, -1000.0], "[-1000, -1000]", _lse_on_problem(
                 underflow_advice=f"{_LSE_NO_ZERO[:-1]}. Here m = z.max() is -1000 (a shift by the largest |z|, "
                                  "1000, would leave exponents of -2000, which underflow too)."))]
    # wide, with the maximum last: a shift by the mean (0), the minimum or the first logit overflows
    wide = _lse_on_problem(overflow_advice=f"{_LSE_MAX} {_MAX_ONLY}")
    cases.append(_lse_case([-1000.0, 1000.0], "[-1000, 1000]", wide))
    # the maximum first: a shift by the last logit overflows
    cases.append(_lse_case([1000.0, -1000.0], "[1000, -1000]", wide))
    cases.append(_lse_case([0.0, -np.inf], "[0, -inf]"))
    calls: list[tuple[np.ndarray, object]] = []  # (the logits, what the learner returned), local to this call
    learner = _recording(logsumexp_1d, calls)
    for case in cases:
        message = first_miss(learner, [case], same=_same_lse(case.args[0]))
        if message is not None:
            return hint(_with_lse_error(message, calls))
    return passed("Your log-sum-exp matches scipy.special.logsumexp, overflow-free.")


def _with_lse_error(message: str, calls: list[tuple[np.ndarray, object]]) -> str:
    """The hint with "{err}" replaced by how far the last recorded log-sum-exp is from scipy's ("?" if unknown)."""
    if "{err}" not in message:
        return message
    error = "?"
    if calls:
        given, value = calls[-1]
        answer = number(value)
        if answer is not None:
            error = f"{abs(answer - float(scipy.special.logsumexp(given))):.1e}"
    return message.replace("{err}", error)


_MAX_NO_KEEPDIMS = ("z.max(axis=1) has shape (B,), not (B, 1): without keepdims=True the row maxima line up "
                    "with the columns, not the rows.")
_SUM_NO_KEEPDIMS = ("exps.sum(axis=1) has shape (B,), not (B, 1): without keepdims=True the row sums line up "
                    "with the columns, not the rows.")
_BOTH_NO_KEEPDIMS = ("z.max(axis=1) and exps.sum(axis=1) have shape (B,), not (B, 1): without keepdims=True they "
                     "line up with the columns, not the rows.")


def _batch_on_problem(problem: str) -> str:
    """Advice after a problem on one batch: keepdims after a broadcasting error, the row's own maximum after an
    overflow or an underflow; nothing after any other problem (a TypeError, "expected a function"), which the
    problem's own text explains."""
    if "broadcast" in problem:
        return "Use z.max(axis=1, keepdims=True) and exps.sum(axis=1, keepdims=True)."
    if _overflow(problem):
        return ("An exponent above 709 overflowed. Any shift other than each row's own maximum (its minimum, its "
                "mean, its first or last logit) can leave exponents above 0 (on [-1000, 0, 1000] or "
                "[1000, 0, -1000] up to 2000); only each row's own maximum, z.max(axis=1, keepdims=True), makes "
                "every exponent ≤ 0.")
    if _underflow(problem):
        return ("A row far below 0, or far below the batch's largest logit, underflowed to 0/0: its exponentials "
                "all rounded to 0. Subtract each row's own maximum, z.max(axis=1, keepdims=True).")
    return ""


def _rows_sum_to_one(answer: object, shape: tuple[int, ...]) -> bool:
    array = as_array(answer)
    return array is not None and array.shape == shape and bool(np.allclose(array.sum(axis=1), 1.0, atol=1e-9))




def _batch_case(batch: np.ndarray, label: str) -> Case:
    exps = np.exp(batch - batch.max(axis=1, keepdims=True))
    expected = exps / exps.sum(axis=1, keepdims=True)
    with np.errstate(all="ignore"):
        global_exps = np.exp(batch - batch.max())
        mistakes = [
            Mistake(lambda a: as_array(a) is None or as_array(a).shape != batch.shape,
                    f"the output must keep the batch's shape {batch.shape}; got {{got}}."),
            Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                    "your result has nan in it: a row's exponentials all underflowed to 0 (0/0), or one "
                    "overflowed (inf/inf). Subtract each row's own maximum, z.max(axis=1, keepdims=True): "
                    "then every exponent is ≤ 0 and each row's largest term is exactly 1."),
            # a right answer rounded for printing: its rows still sum to 1 within 1e-9, so it is named here,
            # before the hint for rows that sum to 1 with wrong values
            *rounded_mistakes(expected, "relative 1e-12"),
            Mistake(global_exps / global_exps.sum(),
                    "you normalised over the whole batch: each row is its own distribution, sum over axis=1."),
            Mistake(scipy.special.log_softmax(batch, axis=1),
                    "those are each row's log-probabilities (a log-softmax); the exercise asks for the "
                    "probabilities themselves: exps / exps.sum(axis=1, keepdims=True), or np.exp of yours."),
            Mistake(scipy.special.softmax(batch, axis=0),
                    "that normalised each column (axis=0); each row is a distribution: use axis=1."),
            # each row's own maximum, but the sum down each column
            Mistake(exps / exps.sum(axis=0, keepdims=True),
                    "the shift by each row's own maximum is right, but exps.sum(axis=0) adds down each column "
                    "(axis=0), so your columns sum to 1; each row is a distribution: exps.sum(axis=1, keepdims=True)."),
        ]
        column_exps = np.exp(batch - batch.max(axis=0, keepdims=True))
        mistakes.append(Mistake(column_exps / column_exps.sum(axis=1, keepdims=True),
                                "your rows sum to 1 but their values are wrong: you took the maximum down each "
                                "column (axis=0), so each column got a different shift, which changes each row's "
                                "distribution. Subtract each row's own maximum, z.max(axis=1, keepdims=True)."))
        if batch.shape[0] == batch.shape[1]:  # only a square batch lets a (B,) shape broadcast silently
            shifted = np.exp(batch - batch.max(axis=1))
            mistakes += [
                # the right rows returned as columns (a .T, or swapped axes): each column sums to 1, not each row
                Mistake(expected.T,
                        "your result is the right one transposed: each column of yours is one row's distribution, "
                        "so your columns sum to 1, not your rows. Return the result in the batch's layout, row i "
                        "for row i of z (drop the .T, or the swapped axes)."),
                Mistake(shifted / shifted.sum(axis=1, keepdims=True),
                        f"your rows sum to 1 but their values are wrong: {_MAX_NO_KEEPDIMS} So each column got a "
                        "different shift, which changes each row's distribution. Use z.max(axis=1, keepdims=True)."),
                Mistake(shifted / shifted.sum(axis=1),
                        f"{_BOTH_NO_KEEPDIMS} Add keepdims=True to both the max and the sum."),
                Mistake(exps / exps.sum(axis=1),
                        f"the maximum is right (keepdims=True), but the sum is not: {_SUM_NO_KEEPDIMS} Divide by "
                        "exps.sum(axis=1, keepdims=True)."),
                Mistake(global_exps / global_exps.sum(axis=1),
                        "two slips: z.max() is one maximum for the whole batch, not each row's own (a row far "
                        "below the top one underflows to 0/0), and without keepdims=True the row sums (shape (B,)) "
                        "broadcast along the columns. Use z.max(axis=1, keepdims=True) and "
                        "exps.sum(axis=1, keepdims=True)."),
            ]
        # the logits clipped (np.clip(x, -c, c)) so exp cannot overflow, then each row normalised: the rows sum to 1,
        # but on [[0, 1], [-1000, -999]] clipped to ±500 the second row is [0.5, 0.5]
        mistakes.append(Mistake(_clipped_softmax(batch, axis=1),
                                _CLIPPED_SOFTMAX.format(label="{label}", got="{got}",
                                                        shift="subtracting each row's own maximum, "
                                                              "z.max(axis=1, keepdims=True),")))
        mistakes.append(Mistake(_tiny_entry_off(expected, tiny=1e-12),
                                f"on {label} {_TINY_MARK}: got {{got}}. exp(z - row max) of a very negative "
                                "exponent is rightly tiny or exactly 0; "
                                + _NO_FLOOR))
        mistakes.append(Mistake(lambda a: _epsilon_in_sum(a, expected),
                                _epsilon_in_sum_hint(row=" of a row", whose="the row's")))
        mistakes.append(Mistake(near_miss(expected), _SOFTMAX_NEAR_MISS))
        mistakes.append(Mistake(lambda a: _rows_sum_to_one(a, batch.shape),
                                f"on {label} your rows sum to 1 but their values are wrong (expected "
                                f"{np.round(expected, 6).tolist()}, got {{got}}). Something changed each row's "
                                "values but not its total: for example a max taken without keepdims=True, or one "
                                "maximum for the whole batch instead of each row's."))
    return Case((batch.copy(),), expected, f"on {label} your rows do not sum to 1: divide each row by its own "
                f"sum, exps.sum(axis=1, keepdims=True). Expected {np.round(expected, 6).tolist()}, got {{got}}.",
                label, tuple(mistakes), _batch_on_problem)


def _batch_cases() -> list[Case]:
    """Built afresh for every check, so nothing a learner's code does can change them."""
    rng = np.random.default_rng(3)
    return [
        _batch_case(np.array([[1.0, 2.0], [3.0, 5.0]]), "[[1, 2], [3, 5]]"),
        _batch_case(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]), "[[1, 2, 3], [0, 0, 0]]"),
        _batch_case(rng.normal(size=(3, 4)) * 50, "a (3, 4) batch of logits of size ~50"),
        _batch_case(np.array([[0.0, 1.0], [-1000.0, -999.0]]), "[[0, 1], [-1000, -999]]"),
        _batch_case(np.array([[7.0, 7.0, 7.0]]), "a single row [[7, 7, 7]]"),
        # a row 2000 wide: only its own maximum keeps every exponent <= 0 (its mean or minimum overflows)
        _batch_case(np.array([[-1000.0, 0.0, 1000.0], [1.0, 2.0, 3.0]]), "[[-1000, 0, 1000], [1, 2, 3]]"),
        # the same row reversed, its maximum first: a shift by each row's last logit overflows
        _batch_case(np.array([[1000.0, 0.0, -1000.0], [3.0, 2.0, 1.0]]), "[[1000, 0, -1000], [3, 2, 1]]"),
    ]


def check_batch_softmax(batch_softmax: Callable) -> None:
    """Exercise 03.3 as it was until the twentieth cold read: softmax of every row of a 2-D batch, compared as
    Exercise 1 compares (_same_softmax). Kept, unlisted, for learners' copies of 03 that still call it;
    the exercise is now check_softmax_along_axis."""
    cases = _batch_cases()
    calls: list[tuple[np.ndarray, object]] = []  # (the batch, what the learner returned), local to this call
    learner = _recording(batch_softmax, calls)
    same = _same_softmax
    message = first_miss(learner, cases, same=same)
    if message is not None and message.startswith("your result is close"):
        # a near miss on an ordinary case may hide a more specific mistake that only the cases with tiny
        # entries show (an epsilon added to each exponential shifts every entry a little, the tiny ones a lot)
        tiny_cases = [case for case in cases if np.any(np.asarray(case.expected) <= 1e-12)]
        first_calls = len(calls)
        tiny_message = first_miss(learner, tiny_cases, same=same)
        if tiny_message is not None and _TINY_MARK in tiny_message and _tiny_entries_raised(*calls[-1]):
            message = tiny_message
        else:
            del calls[first_calls:]  # the hint names the first miss's own call
    if message is None:
        return passed("Each row is normalised on its own: rows sum to 1 and match scipy.")
    if _TINY_MARK in message and calls:  # the 2-D display rounds to 6 decimals, so name the offending entry itself
        batch, value = calls[-1]
        message = message.replace(_TINY_MARK, f"{_TINY_MARK} ({_tiny_entry_named(batch, value)})", 1)
    return hint(_with_largest_error(message, calls, axis=1))


def _tiny_entries_raised(batch: np.ndarray, answer: object) -> bool:
    """Whether every tiny entry (below 1e-12) that is off is too large, as an epsilon or a floor makes it (float32
    instead rounds tiny entries down to 0: a near miss, not this mistake)."""
    target = scipy.special.softmax(batch, axis=1)
    array = as_array(answer)
    if array is None or array.shape != target.shape:
        return False
    off = (target <= 1e-12) & (_relative_errors(array, target) > 1e-6)
    return bool(np.any(off) and np.all(array[off] > target[off]))


def _tiny_entry_named(batch: np.ndarray, answer: object) -> str:
    """The tiny entry (below 1e-12) furthest off, with its relative error: the 2-D display rounds it away."""
    target = scipy.special.softmax(batch, axis=1)
    array = as_array(answer)
    errors = np.where(target <= 1e-12, _relative_errors(array, target), 0.0)
    if not np.any(errors > 1e-6):
        return "see the entries below 1e-12"
    row, column = np.unravel_index(np.argmax(errors), errors.shape)
    return (f"row {row}, column {column}: a relative error of {errors[row, column]:.1e} (yours is "
            f"{array[row, column]:.3g}, the right value {target[row, column]:.3g})")


# ---------------------------------------------------------------- Exercise 03.3: softmax along any axis of any array
# Until this notebook's twentieth cold read Exercise 3 was a 2-D batch along axis=1 (check_batch_softmax, above), which
# the notebook's own batch_softmax already answered; it now asks for any axis of an array of any number of dimensions.

_KEEP_AXIS = "z.max(axis=axis, keepdims=True) and exps.sum(axis=axis, keepdims=True)"
_ALONG_EACH = "each slice along the axis is one distribution"


def _finite_slip(formula: Callable[[], np.ndarray]) -> np.ndarray | None:
    """What a slip computes, or None where NumPy refuses it (shapes that do not broadcast) or it is not finite."""
    try:
        with np.errstate(all="ignore"):
            value = np.asarray(formula(), dtype=float)
    except ValueError:
        return None
    return value if np.all(np.isfinite(value)) else None


def _sums_to_one_along(answer: object, shape: tuple[int, ...], axis: int) -> bool:
    array = as_array(answer)
    return array is not None and array.shape == shape and bool(np.allclose(array.sum(axis=axis), 1.0, atol=1e-9))


def _along_case(z: np.ndarray, axis: int, label: str, beyond_longdouble: bool = False) -> Case:
    """One input of Exercise 3: the array z, the axis the check passes, and the mistakes typical on that pair."""
    expected = scipy.special.softmax(z, axis=axis)
    ndim, here = z.ndim, axis % z.ndim
    others = [other for other in range(ndim) if other != here]

    def wrong(value: np.ndarray | None) -> bool:
        return value is not None and value.shape == z.shape and not close(value, expected, rtol=1e-12, atol=0)

    moved = np.moveaxis(expected, axis, -1)
    mistakes: list[Mistake] = []
    if moved.shape != z.shape:  # np.moveaxis(z, axis, -1), the softmax along the last axis, and no move back
        mistakes.append(Mistake(lambda a: close(a, moved, rtol=1e-9, atol=0),
                                f"your values are right, but with axis={axis} moved to the end and left there: your "
                                f"result has shape {moved.shape}, z has shape {z.shape}. Move it back, "
                                f"np.moveaxis(result, -1, axis), or skip the move: {_KEEP_AXIS} work along any axis."))
    if beyond_longdouble:
        mistakes.append(_wider_float_silenced(expected, "z.max(axis=axis, keepdims=True)."))
    # tempnb's softmax(z, axis) with the axis passed by position: its second parameter is the temperature, so axis 0
    # is temperature 0, each slice's argmax along the last axis (cold read r160, C1). Only for axis 0: softmax(z, 1)
    # is the last axis at temperature 1, which the hint for a fixed last axis names
    tempered = core.softmax(z, 0.0) if axis == 0 else None
    if wrong(tempered):
        mistakes.append(Mistake(tempered, "yours is tempnb's softmax(z, 0): its second positional parameter is the "
                                          "temperature of 04-temperature, not the axis, so that call took "
                                          "temperature 0, all the mass on the largest logit along the last axis "
                                          "(scipy.special.softmax(z, 0) is axis 0; tempnb's takes the axis by "
                                          "keyword, softmax(z, axis=0)). The exercise asks for your own softmax, "
                                          "though: subtract the maximum along the axis, exponentiate with np.exp "
                                          f"and divide by the sum along the axis, with {_KEEP_AXIS}."))
    mistakes += [
        Mistake(lambda a: as_array(a) is None or as_array(a).shape != z.shape,
                f"return an array of z's shape, {z.shape}, one probability per logit; got {{got}}."),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                "your result has nan in it: along some slice every exponential underflowed to 0 (0/0), as when "
                "one maximum is taken for the whole array (z.max() with no axis) and a distribution lies far below "
                "it, or one overflowed (inf/inf). Subtract the maximum along the axis, "
                "z.max(axis=axis, keepdims=True): then every exponent is ≤ 0 and each distribution's largest term "
                "is exactly 1."),
        *rounded_mistakes(expected, "relative 1e-12"),
        Mistake(lambda a: bool(np.any(np.isinf(as_array(a)))),
                f"your result has inf in it: {_SILENCED} Subtract the maximum along the axis, "
                "z.max(axis=axis, keepdims=True), before exponentiating."),
        Mistake(scipy.special.log_softmax(z, axis=axis),
                "those are log-probabilities (a log-softmax along the axis); the exercise asks for the "
                "probabilities themselves: exps / exps.sum(axis=axis, keepdims=True), or np.exp of yours."),
    ]
    if ndim == 2 and z.shape[0] == z.shape[1] and wrong(expected.T):
        mistakes.append(Mistake(expected.T, "your result is the right one transposed: each distribution of yours "
                                            "lies across the other axis. Return it in z's layout (drop the .T, or "
                                            "move the axis back with np.moveaxis(result, -1, axis))."))
    # a fixed axis instead of the parameter (batch_softmax above fixes axis=1), a loop over the rows of a 2-D
    # array, or a reshape into rows: each normalises along the last axis, whatever axis was asked
    # The last axis is what the exercise's starter (batch_softmax) normalises, and the starter prints this hint, so
    # it names the symptom and the idea, not the line of code (cold read r139, X1); a fixed number other than the
    # last axis is a later attempt's slip, and its hint names the code
    for other in others:
        value = scipy.special.softmax(z, axis=other)
        if wrong(value):
            if other == ndim - 1:
                advice = ("a fixed axis (batch_softmax above fixes axis=1), a loop over the rows, or a reshape into "
                          "rows normalises along the last axis, whatever axis is asked. Use the axis you are given, "
                          "for both the maximum and the sum, and keep each maximum and each sum lined up with the "
                          "slice it came from, as the batch section's fix does for rows.")
            else:
                advice = (f"use the axis you are given for both the max and the sum, {_KEEP_AXIS}. Not a fixed "
                          "number: the axis changes from call to call.")
            mistakes.append(Mistake(value, f"that normalises along axis {other}, but the check passed axis={axis}: "
                                           + advice))
    whole = scipy.special.softmax(z, axis=None)
    if wrong(whole):
        mistakes.append(Mistake(whole, f"you normalised over the whole array (a max and a sum with no axis): "
                                       f"{_ALONG_EACH}, so use {_KEEP_AXIS}."))
    if ndim > 2:  # a loop over z[i]: each slice normalised as a whole
        slices = scipy.special.softmax(z.reshape(z.shape[0], -1), axis=1).reshape(z.shape)
        if wrong(slices):
            mistakes.append(Mistake(slices, f"each slice z[i] was normalised as a whole: a loop over the first axis "
                                            f"hands your code a {z.shape[1:]} slice, not one distribution, once z has "
                                            f"more than two dimensions. Work on the whole array along the axis, "
                                            f"{_KEEP_AXIS}, or use np.apply_along_axis(your_softmax, axis, z)."))
    if here != ndim - 1:  # rows of K neighbours in memory order are not the distributions along a middle axis
        size = z.shape[axis]
        reshaped = scipy.special.softmax(z.reshape(-1, size), axis=1).reshape(z.shape)
        if wrong(reshaped):
            mistakes.append(Mistake(reshaped, f"z.reshape(-1, {size}) makes rows of {size} neighbouring entries "
                                              f"(the last axis varies fastest), which for axis={axis} are not the "
                                              f"{size} entries of one distribution: move the axis to the end first, "
                                              "np.moveaxis(z, axis, -1), and back afterwards, or skip the reshape: "
                                              f"{_KEEP_AXIS} work along any axis."))
    # keepdims left out: silently wrong only where the reduced shape happens to broadcast (a square 2-D batch)
    kept_exps = np.exp(z - z.max(axis=axis, keepdims=True))
    for formula, message in (
        (lambda: (lambda e: e / e.sum(axis=axis, keepdims=True))(np.exp(z - z.max(axis=axis))),
         "your result sums to 1 along the axis, but its values are wrong: z.max(axis=axis) without keepdims=True "
         "drops that axis, so the maxima line up with z's last axes rather than with the distributions they came "
         "from, and each distribution gets the wrong shift. Add keepdims=True: z.max(axis=axis, keepdims=True)."),
        (lambda: kept_exps / kept_exps.sum(axis=axis),
         "the maximum is right (keepdims=True), but the sum is not: exps.sum(axis=axis) without keepdims=True "
         "drops that axis, so the sums line up with z's last axes rather than with the distributions. Divide by "
         "exps.sum(axis=axis, keepdims=True)."),
        (lambda: (lambda e: e / e.sum(axis=axis))(np.exp(z - z.max(axis=axis))),
         "z.max(axis=axis) and exps.sum(axis=axis) without keepdims=True drop that axis, so they line up with z's "
         "last axes rather than with the distributions: add keepdims=True to both."),
        # exp(z - logsumexp(z, axis=axis)), the log-space form the exercise invites, with the log-sum-exps unkept
        # (cold read r151, X2): no sum to divide by, so the hint names the log-sum-exp
        (lambda: np.exp(z - scipy.special.logsumexp(z, axis=axis)),
         "your log-sum-exps have lost their axis: logsumexp(z, axis=axis) without keepdims=True (or your own "
         "m + log(sum), taken without it) has that axis dropped, so the log-sum-exps line up "
         "with z's last axes rather than with the distributions they came from, and z minus them subtracts the "
         "wrong one from each entry. Keep the axis: np.exp(z - logsumexp(z, axis=axis, keepdims=True))."),
        # the dropped axis put back at the end, [..., None] (or .reshape(-1, 1), np.expand_dims(..., -1)): right
        # only when axis is the last one (cold read r157, X4), where the learner did divide by the right sums
        (lambda: kept_exps / kept_exps.sum(axis=axis)[..., None],
         f"the sums along axis={axis} are the right ones, but [..., None] (or .reshape(-1, 1), np.expand_dims(s, -1)) "
         "puts their restored axis last, which lines each sum up with its distribution only when axis is the last "
         "axis; here it lines them up with the wrong entries. Keep the axis where it was: "
         "exps.sum(axis=axis, keepdims=True)."),
        (lambda: (lambda e: e / e.sum(axis=axis, keepdims=True))(np.exp(z - z.max(axis=axis)[..., None])),
         f"your result sums to 1 along the axis, but its values are wrong: the maxima along axis={axis} are the right "
         "ones, but [..., None] (or .reshape(-1, 1), np.expand_dims(m, -1)) puts their restored axis last, which "
         "lines each maximum up with its distribution only when axis is the last axis, so here the distributions "
         "get the wrong shifts. Keep the axis where it was: z.max(axis=axis, keepdims=True)."),
        (lambda: (lambda e: e / e.sum(axis=axis)[..., None])(np.exp(z - z.max(axis=axis)[..., None])),
         f"the maxima and sums along axis={axis} are the right ones, but [..., None] (or .reshape(-1, 1), "
         "np.expand_dims(..., -1)) puts their restored axis last, which lines them up with the distributions only "
         "when axis is the last axis. Keep the axis where it was: z.max(axis=axis, keepdims=True) and "
         "exps.sum(axis=axis, keepdims=True)."),
    ):
        value = _finite_slip(formula)
        if wrong(value):
            mistakes.append(Mistake(value, message))
    # the max along one axis and the sum along another
    for other in others:
        shifted_elsewhere = _finite_slip(lambda other=other: (lambda e: e / e.sum(axis=axis, keepdims=True))(
            np.exp(z - z.max(axis=other, keepdims=True))))
        if wrong(shifted_elsewhere):
            mistakes.append(Mistake(shifted_elsewhere,
                                    f"your result sums to 1 along the axis, but its values are wrong: the maximum "
                                    f"was taken along axis {other}, not axis={axis}, so the entries of one "
                                    "distribution got different shifts. Take it along the same axis as the sum, "
                                    "z.max(axis=axis, keepdims=True)."))
        summed_elsewhere = _finite_slip(lambda other=other: kept_exps / kept_exps.sum(axis=other, keepdims=True))
        if wrong(summed_elsewhere):
            mistakes.append(Mistake(summed_elsewhere,
                                    f"the shift by the maximum along axis={axis} is right, but the sum is along axis "
                                    f"{other}, so your result sums to 1 along axis {other}: divide by "
                                    "exps.sum(axis=axis, keepdims=True)."))
    moved_expected = np.moveaxis(expected, axis, -1)
    mistakes += [
        Mistake(_clipped_softmax(z, axis=axis),
                _CLIPPED_SOFTMAX.format(label="{label}", got="{got}",
                                        shift="subtracting the maximum along the axis, z.max(axis=axis, "
                                              "keepdims=True),")),
        Mistake(_tiny_entry_off(expected, tiny=1e-12),
                f"on {label} {_TINY_MARK}: got {{got}}. exp(z - max) of a very negative exponent is rightly tiny or "
                "exactly 0; " + _NO_FLOOR),
        Mistake(_unshifted_numerator(z, expected, axis=axis),
                _UNSHIFTED_NUMERATOR.format(label=label, subject="the entries of each distribution are",
                                            whose="its", m_is=" with m = z.max(axis=axis, keepdims=True)",
                                            sum_axis="axis=axis, keepdims=True")),
        # the mirror, np.exp(z - m) / np.exp(z).sum(axis=axis, keepdims=True): off by exp(-m) (cold read r141, X3)
        Mistake(_unshifted_sum(z, expected, axis=axis),
                _UNSHIFTED_SUM.format(label=label, subject="the entries of each distribution are", whose="its",
                                      m_is=" with m = z.max(axis=axis, keepdims=True)",
                                      sum_axis="axis=axis, keepdims=True")),
        Mistake(lambda a: _epsilon_in_sum(np.moveaxis(as_array(a), axis, -1), moved_expected),
                _epsilon_in_sum_hint(row=" of a distribution", whose="its")),
        Mistake(_epsilon_each_exp(z, axis), _epsilon_each_exp_hint("e.sum(axis=axis, keepdims=True)")),
        Mistake(near_miss(expected), _SOFTMAX_NEAR_MISS),
        Mistake(lambda a: _sums_to_one_along(a, z.shape, axis),
                f"on {label} your result sums to 1 along the axis, but its values are wrong. Something changed each "
                "distribution's values but not its total: for example a max taken along another axis or without "
                "keepdims=True, or one maximum for the whole array."),
        *[Mistake(lambda a, other=other: _sums_to_one_along(a, z.shape, other),
                  f"your result sums to 1 along axis {other}, not along axis={axis}, the axis the check passed: "
                  f"normalise along the axis you are given, {_KEEP_AXIS}.") for other in others],
    ]
    shown_expected = f" Expected {np.round(expected, 6).tolist()}, got {{got}}." if expected.size <= 6 else ""
    advices = [_negative_axis_advice(z.ndim, axis), _along_on_problem]
    if beyond_longdouble:
        advices.insert(0, _wider_float("z.max(axis=axis, keepdims=True)."))
    return Case((z.copy(), axis), expected,
                f"on {label} your result does not sum to 1 along axis={axis}: divide by the sum along that axis, "
                f"exps.sum(axis=axis, keepdims=True).{shown_expected}", label, tuple(mistakes),
                _first_advice(*advices))


def _negative_axis_advice(ndim: int, axis: int) -> Callable[[str], str]:
    """Advice after an axis out of bounds on a case whose axis is negative: a negative axis turned into a
    nonnegative one the wrong way (cold read r157, X4), such as z.ndim - axis, which gives ndim + 1 for axis=-1."""
    def advice(problem: str) -> str:
        asked = re.search(r"axis (-?\d+) is out of bounds for array of dimension", problem)
        if axis >= 0 or asked is None:
            return ""
        how = (f"z.ndim - axis, {ndim} - ({axis}) = {ndim - axis}" if int(asked[1]) == ndim - axis
               else f"axis {asked[1]}")
        return (f"The check passed axis={axis}, and your code turned it into {how}, an axis this {ndim}-D array does "
                f"not have. A negative axis counts from the end: it is axis z.ndim + axis = {ndim + axis} (or "
                "axis % z.ndim). NumPy's max and sum take a negative axis as it is, so it needs no converting: "
                f"{_KEEP_AXIS}.")
    return advice


def _along_on_problem(problem: str) -> str:
    """Advice after a problem on one case of Exercise 3: the axis parameter after a call with too many arguments,
    keepdims after a broadcasting error, the axis after an AxisError, the maximum along the axis after an
    overflow or an underflow; nothing after any other problem, which the problem's own text explains."""
    if "positional argument" in problem:
        return ("The exercise's function takes the axis as its second argument, def my_softmax_along(z, axis): "
                "add that parameter and use it for both the max and the sum.")
    if "broadcast" in problem:
        return (f"Keep the reduced axis: {_KEEP_AXIS}. keepdims=True leaves it in place with length 1, so it lines "
                "up with the axis it came from, whichever that is.")
    if "out of bounds for array of dimension" in problem:
        return ("Your code asked for an axis this array does not have: use the axis the check passes, for both "
                "the max and the sum, not a fixed number.")
    if "ambiguous" in problem:
        return ("A loop over z's first axis hands your code a whole slice, not one distribution, once z has more "
                f"than two dimensions: work on the whole array along the axis, {_KEEP_AXIS}, or use "
                "np.apply_along_axis(your_softmax, axis, z).")
    if _overflow(problem):
        return ("An exponent above 709 overflowed: its exp is inf. Any shift other than the maximum along the axis "
                "(none at all, the minimum, the mean, the first or last logit along it) can leave an exponent above "
                "709; only z.max(axis=axis, keepdims=True) makes every exponent ≤ 0.")
    if _underflow(problem):
        return ("A distribution far below 0, or far below the array's largest logit, underflowed to 0/0: its "
                "exponentials all rounded to 0. Subtract the maximum along the axis, "
                "z.max(axis=axis, keepdims=True).")
    return ""


def _along_cases() -> list[Case]:
    """Built afresh for every check, so nothing a learner's code does can change them."""
    cube = np.random.default_rng(3).normal(scale=3.0, size=(2, 3, 4))
    # along axis 1 its distributions are [-1000, 0, 1000], [1, 2, 3], [1000, 0, -1000] and [3, 2, 1]
    wide = np.array([[[-1000.0, 1.0], [0.0, 2.0], [1000.0, 3.0]],
                     [[1000.0, 3.0], [0.0, 2.0], [-1000.0, 1.0]]])
    return [
        _along_case(np.array([[1.0, 2.0], [3.0, 5.0]]), 1, "[[1, 2], [3, 5]] with axis=1"),
        # the same batch stored one distribution per column: a fixed axis=1 normalises its rows instead
        _along_case(np.array([[1.0, 3.0], [2.0, 5.0]]), 0, "[[1, 3], [2, 5]] with axis=0"),
        _along_case(np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]), 1, "[[1, 2, 3], [0, 0, 0]] with axis=1"),
        _along_case(cube, -1, "a (2, 3, 4) array of logits of size ~3 with axis=-1"),
        _along_case(cube, 1, "the same (2, 3, 4) array with axis=1"),
        _along_case(cube, 0, "the same (2, 3, 4) array with axis=0"),
        _along_case(np.array([[0.0, 1.0], [-1000.0, -999.0]]), 1, "[[0, 1], [-1000, -999]] with axis=1"),
        _along_case(np.array([[0.0, -1000.0], [1.0, -999.0]]), 0, "[[0, -1000], [1, -999]] with axis=0"),
        _along_case(np.array([[7.0, 7.0, 7.0]]), 1, "a single row [[7, 7, 7]] with axis=1"),
        # a distribution 2000 wide: only its own maximum keeps every exponent <= 0 (its mean or minimum overflows)
        _along_case(np.array([[-1000.0, 0.0, 1000.0], [1.0, 2.0, 3.0]]), 1,
                    "[[-1000, 0, 1000], [1, 2, 3]] with axis=1"),
        # the same row reversed, its maximum first: a shift by the last logit overflows
        _along_case(np.array([[1000.0, 0.0, -1000.0], [3.0, 2.0, 1.0]]), 1,
                    "[[1000, 0, -1000], [3, 2, 1]] with axis=1"),
        _along_case(wide, 1, "a (2, 3, 2) array with axis=1, whose distributions include [-1000, 0, 1000] and "
                             "[1000, 0, -1000]"),
        _along_case(np.array([1000.0, 1001.0]), 0, "the 1-D [1000, 1001] with axis=0"),
        # beyond np.longdouble's range (cold read r157, X1): the naive formula, or a shift by anything but the
        # maximum along the axis, computed in np.longdouble, passed every case above on x86; here the first row's
        # shifts by the minimum, the mean, the first or the last logit each leave an exponent of 12000 or more
        _along_case(np.array([[0.0, 12000.0, -12000.0], [1.0, 2.0, 3.0]]), 1,
                    f"[[0, 12000, -12000], [1, 2, 3]] with axis=1 ({_BEYOND_LONGDOUBLE})", beyond_longdouble=True),
    ]


def _recording_along(function: object, calls: list[tuple[np.ndarray, int, object]]) -> object:
    """`function` wrapped so that each call appends (a copy of z, the axis, what it returned) to `calls`; anything
    not callable is returned as it is, for the check's own "not a function" hint (as _recording does)."""
    if not callable(function):
        return function

    @functools.wraps(function)
    def learner(z: np.ndarray, axis: int) -> object:
        given = z.copy()
        value = function(z, axis)
        calls.append((given, axis, value))
        return value

    return learner


def _same_along(answer: object, expected: object, axis: int) -> bool:
    """Right for Exercise 3: _same_softmax with each distribution's sum taken along ``axis``."""
    if not close(answer, expected, rtol=1e-12, atol=0):
        return False
    return not _epsilon_in_sum(np.moveaxis(as_array(answer), axis, -1),
                               np.moveaxis(np.asarray(expected, dtype=float), axis, -1))


def _first_miss_along(learner: object, cases: list[Case]) -> str | None:
    """first_miss, case by case, so that each case is compared along its own axis."""
    for case in cases:
        axis = case.args[1]
        message = first_miss(learner, [case], same=lambda a, b, axis=axis: _same_along(a, b, axis))
        if message is not None:
            return message
    return None


def _tiny_entry_named_along(z: np.ndarray, axis: int, answer: object) -> str:
    """The tiny entry (below 1e-12) furthest off, with its index and relative error: a display rounds it away."""
    target = scipy.special.softmax(z, axis=axis)
    array = as_array(answer)
    errors = np.where(target <= 1e-12, _relative_errors(array, target), 0.0)
    if not np.any(errors > 1e-6):
        return "see the entries below 1e-12"
    index = tuple(int(i) for i in np.unravel_index(np.argmax(errors), errors.shape))
    return (f"entry {list(index)}: a relative error of {errors[index]:.1e} (yours is {array[index]:.3g}, the right "
            f"value {target[index]:.3g})")


def check_softmax_along_axis(softmax_along: Callable) -> None:
    """Exercise 03.3: ``softmax_along(z, axis)``, the softmax of every slice of ``z`` along ``axis``, for arrays of
    one, two and three dimensions and axes 0, 1 and -1; compared as Exercise 1 compares (_same_softmax), with each
    distribution's sum taken along the case's axis."""
    cases = _along_cases()
    calls: list[tuple[np.ndarray, int, object]] = []  # (z, axis, what the learner returned), local to this call
    learner = _recording_along(softmax_along, calls)
    message = _first_miss_along(learner, cases)
    if message is not None:
        swapped = _swapped_along(softmax_along, cases[0], message)
        if swapped is not None:
            return hint(swapped)
    if message is not None and message.startswith("your result is close"):
        # a near miss on an ordinary case may hide a more specific mistake that only the cases with tiny entries show
        tiny_cases = [case for case in cases if np.any(np.asarray(case.expected) <= 1e-12)]
        first_calls = len(calls)
        tiny_message = _first_miss_along(learner, tiny_cases)
        if tiny_message is not None and _TINY_MARK in tiny_message and _tiny_raised_along(*calls[-1]):
            message = tiny_message
        else:
            del calls[first_calls:]  # the hint names the first miss's own call
    if message is None:
        library = _library_call(softmax_along, cases)
        if library is not None:
            return hint(_library_hint(library, "function", f"subtract the maximum along the axis, exponentiate with "
                                                           "np.exp and divide by the sum along the axis, with "
                                                           f"{_KEEP_AXIS}."))
        return passed("Stable along any axis: every slice along the axis sums to 1 and matches "
                      "scipy.special.softmax(z, axis=axis), for 1-D, 2-D and 3-D arrays and axes 0, 1 and -1.")
    if _TINY_MARK in message and calls:  # a display rounds to 6 decimals, so name the offending entry itself
        message = message.replace(_TINY_MARK, f"{_TINY_MARK} ({_tiny_entry_named_along(*calls[-1])})", 1)
    if "{err}" in message:
        error = "?"
        if calls:
            z, axis, value = calls[-1]
            error = f"{float(np.max(_relative_errors(as_array(value), scipy.special.softmax(z, axis=axis)))):.1e}"
        message = message.replace("{err}", error)
    return hint(message)


_AXIS_NAMES = {"axis", "dim", "ax", "axes"}
_ALONG_ORDER = ("the check calls my_softmax_along(z, axis), in that order (the array first, then the axis, as "
                "NumPy's and scipy's functions take them). Swap them: def my_softmax_along(z, axis).")


def _swapped_along(softmax_along: Callable, case: Case, message: str) -> str | None:
    """The hint for a function whose parameters are (axis, z): it is right when called the other way round on the
    first case, or, when the call failed, its first parameter is named like an axis. None otherwise."""
    z, axis = case.args
    # a call the learner did not ask for: what it prints is not shown (as for Exercise 4's probe)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        outcome = call(softmax_along, axis, z)
    if outcome.problem is None and close(outcome.value, case.expected, rtol=1e-12, atol=0):
        return ("your function is right when called with the axis first, so its parameters are the other way "
                f"round; {_ALONG_ORDER}")
    names = _parameters(softmax_along)
    if "it raised" in message and len(names) >= 2 and names[0].lower() in _AXIS_NAMES:
        return f"your first parameter is named `{names[0]}`, but it receives the array z: {_ALONG_ORDER}"
    return None


def _tiny_raised_along(z: np.ndarray, axis: int, answer: object) -> bool:
    """Whether every tiny entry (below 1e-12) that is off is too large, as an epsilon or a floor makes it."""
    target = scipy.special.softmax(z, axis=axis)
    array = as_array(answer)
    if array is None or array.shape != target.shape:
        return False
    off = (target <= 1e-12) & (_relative_errors(array, target) > 1e-6)
    return bool(np.any(off) and np.all(array[off] > target[off]))


# ---------------------------------------------------------------- Exercise 03.4: a batch's per-row cross-entropy


def _row_cross_entropy(logits: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """LSE(z) - z_y for each row, written out with scipy (independent of tempnb): shape (B,)."""
    rows = np.arange(len(labels))
    return scipy.special.logsumexp(logits, axis=1) - logits[rows, labels]


def _cross_entropy_on_problem(problem: str) -> str:
    if "divide by zero" in problem:
        return ("np.log of a probability that rounded to 0 is -inf: take the log in log space instead, "
                "log_softmax(z) = z - logsumexp(z), as the cross-entropy section does.")
    if "math domain error" in problem:  # math.log(0.0) raises where np.log gives -inf
        return ("math.log of a probability that rounded to 0 raises this error (np.log would give -inf): take the "
                "log in log space instead, log_softmax(z) = z - logsumexp(z), as the cross-entropy section does.")
    if _overflow(problem) or "invalid value" in problem:
        return ("An exponent overflowed: exp of a number above 709 is inf. Subtract each row's own maximum, "
                "z.max(axis=1, keepdims=True), before exponentiating: then every exponent is ≤ 0 (any other shift, "
                "a row's minimum, its mean, its first or last logit, can leave an exponent above 709 when the row "
                "is wide). Or use log_softmax along axis=1.")
    if "same number of dimensions" in problem:  # np.take_along_axis(log_q, labels, axis=1): (B,) indices, (B, K)
        return ("np.take_along_axis needs indices with as many axes as log_q: give it labels[:, None], shape "
                "(B, 1), then take [:, 0] of the (B, 1) result; or pick the entries with "
                "log_q[np.arange(len(labels)), labels].")
    if "out of bounds for array of dimension 1" in problem:  # axis=1 of a 1-D array
        return ("axis=1 was asked of a 1-D array: of one row of the batch, or of the labels if your parameters "
                f"are the other way round; {_CALL_ORDER}")
    # float labels as indices: an array of them ("must be of integer"), or one of them in a loop ("only integers")
    if "must be of integer" in problem or "only integers, slices" in problem:
        return ("The labels index the logits, so they must stay integers: np.array(labels, dtype=float) or "
                "labels.astype(float) makes them floats. Copy them with labels.copy() (or np.array(labels)), "
                "which keeps their integer type.")
    if "index" in problem or "IndexError" in problem:
        return "Pick each row's label entry with log_q[np.arange(len(labels)), labels]."
    return ""


# CE(p, q) puts the target first, PyTorch's cross_entropy(input, target) the logits: learners swap the two
_CALL_ORDER = ("the check calls my_cross_entropy(logits, labels), in that order (the (B, K) logits first, then the "
               "(B,) integer labels: PyTorch's (input, target) order, the reverse of CE(p, q)).")
_LABEL_NAMES = {"labels", "label", "y", "y_true", "target", "targets", "classes", "labels_batch"}


def _far_rows_on_problem(problem: str) -> str:
    """The batch with a row far below the other: one maximum for the whole batch underflows that row."""
    if "divide by zero" in problem or "invalid value" in problem:
        return ("The row [0, 1] lies far below the batch's largest logit, 1001: subtracting one maximum for the "
                "whole batch underflows its exponentials to 0, and log 0 = -inf. Subtract each row's own "
                "maximum, z.max(axis=1, keepdims=True), or use log_softmax along axis=1.")
    return _cross_entropy_on_problem(problem)


_CE_NEAR_MISS = ("your losses are close, but not within the check's relative 1e-9 ({got}): return the unrounded "
                 "float64 losses (no rounding, no float32 logits or arithmetic, and no epsilon inside the log or "
                 "clip of q: take the log in log space, log_softmax along axis=1).")
_PAIR_UP = "pair each row with its own label: log_q[np.arange(len(labels)), labels]."
_BROADCAST_BB = ("your result has shape {shape}, B × B, not (B,) = ({rows},): a (B,) array combined with a (B, 1) "
                 "one (a log-sum-exp kept with keepdims=True) or with a one-hot (B, K) array broadcasts to every "
                 "pair of rows, silently (the trap of \"Batches and the `axis` pitfall\"). Keep both sides of shape "
                 "(B,): logsumexp(z, axis=1) without keepdims, minus z[np.arange(len(labels)), labels].")
_PER_ROW_WANTED = ("return one loss per row, an array of shape (B,) = ({rows},), like PyTorch's cross_entropy "
                   "with reduction='none'; ")
# the labels used as the target distribution p of CE(p, q) = -sum_k p_k log q_k (cold read r145, X1): the notebook's
# cross_entropy(logits, target) given the labels, or its body, -sum(labels * log_q), with the one-hot step left out
_NOT_A_DISTRIBUTION = ("Integer labels are not a target distribution: CE(p, q) = -sum_k p_k log q_k needs p, K "
                       "probabilities per row, and a label y stands for the one-hot row with 1 at y and 0 elsewhere, "
                       "whose cross-entropy is -log q_y. Multiplying by the labels themselves weights the "
                       "log-probabilities by class numbers. Pick each row's label entry, "
                       "log_q[np.arange(len(labels)), labels], or make the one-hot rows first, "
                       "np.eye(logits.shape[1])[labels], shape (B, K), and sum -onehot * log_q over axis=1.")
_NOT_A_LABEL = "(This notebook's cross_entropy(logits, target) takes such a distribution as its target, not a label.)"
_LABELS_TIMES_LOG_Q = (f"each loss is its row's label times the row's summed -log q ({{got}}). {_NOT_A_DISTRIBUTION} "
                       f"{_NOT_A_LABEL}")
_LABELS_TIMES_LOGITS = ("each loss is its row's log-sum-exp minus its label times the row's summed logits ({got}): "
                        "LSE(z) - sum_k p_k z_k with the label put in for p. "
                        f"{_NOT_A_DISTRIBUTION} {_NOT_A_LABEL}")
# a square batch, where a (B,) array of labels and the (B, K) log-probabilities fit together: the probe that tells
# labels * log_q (NumPy lines the labels up with the classes) from the other causes of the same broadcast error
_SQUARE_LOGITS = ((0.5, -1.0, 2.0), (1.5, 0.0, -0.5), (-2.0, 1.0, 0.25))
_SQUARE_LABELS = (2, 0, 1)


_EPSILONS = (1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-12, 1e-15)  # the epsilons learners add inside a log


def _epsilon_in_log(answer: object, logits: np.ndarray, labels: np.ndarray) -> bool:
    """Whether answer is -log(q_y + eps) per row for a usual eps, q from scipy (never the right answer)."""
    array = as_array(answer)
    if array is None or array.shape != labels.shape:
        return False
    label_q = scipy.special.softmax(logits, axis=1)[np.arange(len(labels)), labels]
    right = _row_cross_entropy(logits, labels)
    for eps in _EPSILONS:
        capped = -np.log(label_q + eps)
        if not close(capped, right) and close(array, capped):
            return True
    return False


def _shape_is(shape: tuple[int, ...]) -> Callable[[object], bool]:
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == shape
    return recognise


def _cross_entropy_case(logits: np.ndarray, labels: np.ndarray, label: str,
                        on_problem: Callable[[str], str] = _cross_entropy_on_problem,
                        beyond_longdouble: bool = False) -> Case:
    expected = _row_cross_entropy(logits, labels)
    if beyond_longdouble or np.ptp(logits, axis=1).max() > _LONGDOUBLE_EXP_MAX:  # as in Exercise 2's cases
        on_problem = _first_advice(_wider_float(_CE_SHIFT), on_problem)
    n_rows, n_classes = logits.shape
    rows = np.arange(n_rows)
    log_q = scipy.special.log_softmax(logits, axis=1)
    twice = -scipy.special.log_softmax(scipy.special.softmax(logits, axis=1), axis=1)[rows, labels]
    whole_batch = -scipy.special.log_softmax(logits, axis=None)[rows, labels]
    down_columns = -scipy.special.log_softmax(logits, axis=0)[rows, labels]
    top_class = -log_q.max(axis=1)  # each row's most likely class instead of its label
    one_based = -log_q[rows, labels - 1]  # labels read as 1-based: label 0 wraps round to the last class
    one_later = -log_q[rows, (labels + 1) % n_classes]  # labels + 1, wrapped round (np.take(..., mode="wrap"))
    overflows = logits.max(axis=1) > 709  # the rows whose exp(max) is inf in float64
    clipped = []  # each usual clip's losses, with the label's logit clipped or not, where the clip changes them
    for bound in _CLIP_BOUNDS:
        low_high = np.clip(logits, -bound, bound)
        for label_logit in (low_high[rows, labels], logits[rows, labels]):
            value = scipy.special.logsumexp(low_high, axis=1) - label_logit
            if not close(value, expected, rtol=1e-9, atol=1e-12):
                clipped.append(value)
    per_row = _PER_ROW_WANTED.format(rows=n_rows)
    shifted_sums = np.sum(np.exp(logits - logits.max(axis=1, keepdims=True)), axis=1)  # S per row, each >= 1
    copies = np.sum(logits == logits.max(axis=1, keepdims=True), axis=1)  # how many logits tie for each row's top
    mistakes = [
        *([] if not beyond_longdouble else [_wider_float_silenced(expected, _CE_SHIFT)]),
        # a single row's loss as one number, shape (): .squeeze() drops the batch axis too when B = 1 (cold read
        # r151, X1). The single-row case comes after cases of several rows, so a mean or a sum has failed there first
        *([] if n_rows != 1 else
          [Mistake(lambda a: number(a) is not None and math.isclose(number(a), float(expected[0]), rel_tol=1e-9),
                   "on {label} you returned one number, {got}, the row's loss, where a batch of one row must still "
                   "give one loss per row, shape (1,): .squeeze() (or np.squeeze) drops every axis of length 1, the "
                   "batch axis too when B = 1, and so do .item() and float(). Drop only the class axis: [:, 0], or "
                   ".squeeze(1).")]),
        # a single number: the mean or the sum of the right losses, or anything else
        Mistake(lambda a: number(a) is not None and math.isclose(number(a), float(np.mean(expected)), rel_tol=1e-9),
                f"you returned the mean of the losses, one number; {per_row}leave out the np.mean (the mean is "
                "PyTorch's default reduction, 'mean', and the next step of a training loop)."),
        Mistake(lambda a: number(a) is not None and math.isclose(number(a), float(np.sum(expected)), rel_tol=1e-9),
                f"you returned the sum of the losses, one number; {per_row}leave out the np.sum over the rows."),
        Mistake(lambda a: number(a) is not None, f"you returned one number, {{got}}; {per_row}one entry per row."),
        # B x B: a label-indexing mistake first, then the broadcasting trap
        Mistake(-log_q[:, labels], f"log_q[:, labels] picks a B × B block (every row at every label); {_PAIR_UP}"),
        # logsumexp(z, axis=1) - z[:, labels]: the (B,) log-sum-exps broadcast along the block's columns
        Mistake(scipy.special.logsumexp(logits, axis=1)[None, :] - logits[:, labels],
                f"z[:, labels] picks a B × B block (every row at every label), and the (B,) log-sum-exps minus it "
                f"give a B × B result; {_PAIR_UP.replace('log_q[', 'z[')}"),
        Mistake(_shape_is((n_rows, n_rows)),
                _BROADCAST_BB.format(shape=(n_rows, n_rows), rows=n_rows)),
        *([] if labels.max() >= n_rows else
          [Mistake(-log_q[labels], f"log_q[labels] picks whole rows, numbered by the labels; {_PAIR_UP}")]),
        Mistake(_shape_is((n_rows, 1)),
                f"your result has shape ({n_rows}, 1), a column; {per_row}keepdims=True, or np.take_along_axis "
                "with labels[:, None], left an axis of length 1: drop it, or take [:, 0] of the column."),
        Mistake(_shape_is((n_rows, n_classes)),
                f"your result has one value per class, shape ({n_rows}, {n_classes}); {per_row}sum -onehot * log q "
                "over the classes (axis=1), or pick the label entries, log_q[np.arange(len(labels)), labels]."),
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape != (n_rows,),
                f"your result has shape {{{{shape}}}}; {per_row}one entry per row, in the rows' order."),
        # the right shape, wrong values; first a right answer rounded for printing (np.round(losses, 4))
        *rounded_mistakes(expected, "relative 1e-9"),
        # the naive log-sum-exp with its warning silenced (the notebook's naive_lse wraps it in np.errstate): exp of a
        # logit above 709 is inf, so that row's loss is inf, or nan (inf / inf, inf - inf) by way of log(softmax)
        *([] if not np.any(overflows) else
          [Mistake(lambda a: bool(np.any(~np.isfinite(as_array(a))[overflows])),
                   f"a loss is inf or nan on a row whose largest logit is above 709: {_SILENCED} Subtract each row's "
                   "own maximum before exponentiating, logsumexp(z) = m + log(sum(exp(z - m))) with "
                   "m = z.max(axis=1, keepdims=True), or use log_softmax along axis=1.")]),
        Mistake(lambda a: bool(np.any(np.isposinf(as_array(a)))),
                "a loss is inf: a probability rounded to 0 and its log is -inf (np.log of softmax). Take the log in "
                "log space, log_softmax(z) = z - logsumexp(z), along axis=1."),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                "a loss is nan: somewhere an inf - inf, inf / inf or 0 / 0 happened. Take the log in log space, "
                "log_softmax(z) = z - logsumexp(z), with each row's own maximum subtracted, along axis=1."),
        Mistake(-expected, "the sign is flipped: the loss is minus the log-probability of the label, -log q_y ≥ 0."),
        # the label's probability itself, softmax(z)[rows, labels] (cold read r163, X3)
        Mistake(np.exp(-expected), "those are the labels' probabilities, q_y = softmax(z)[label], each between 0 and "
                                   "1: the loss is -log q_y, computed in log space as logsumexp(z) - z[label], which "
                                   "stays exact where q_y rounds to 0."),
        Mistake(expected / math.log(2), f"those are losses in bits (divided by log 2): {_NATURAL_LOG}, and the loss "
                                        "is in nats, with no division."),
        Mistake(expected / math.log(10), f"those are losses with a base-10 log (divided by log 10): {_NATURAL_LOG}."),
        # a base-10 or base-2 log of the sum inside the log-sum-exp, shifted (m + log10(S)) or not (log10 of the
        # unshifted sum), with the label's logit subtracted as it should be (cold read r157, X5)
        *[Mistake(value, f"your log-sum-exp takes a base-{base} log of the sum (np.log{base}): {_NATURAL_LOG}, so "
                         "logsumexp(z) = m + np.log(np.sum(np.exp(z - m))), then minus the label's logit.")
          for base in (10, 2)
          for value in (expected - np.log(shifted_sums) + np.log(shifted_sums) / math.log(base),
                        (scipy.special.logsumexp(logits, axis=1) / math.log(base)) - logits[rows, labels])
          if not close(value, expected)],
        # log1p of the whole shifted sum, which counts each row's exp(0) = 1 twice; then log1p of the others picked
        # by value (logits == m set to -inf, or z[z != m] row by row), which leaves every copy of a tied maximum out
        # of the sum and adds back one exp(0) = 1 for them all (cold read r160, X1)
        Mistake(expected - np.log(shifted_sums) + np.log1p(shifted_sums),
                "np.log1p(s) is log(1 + s), so m + log1p(sum(exp(z - m))) counts each row's maximum term, "
                "exp(0) = 1, twice: take np.log of the sum, logsumexp(z) = m + log(sum(exp(z - m))). (To keep "
                "log1p, leave exactly one term out of each row's sum, the one at z.argmax(axis=1).)"),
        *([] if np.all(copies < 2) else
          [Mistake(expected - np.log(shifted_sums) + np.log1p(shifted_sums - copies),
                   "on {label} a row's largest logit appears more than once, and each copy adds exp(0) = 1 to "
                   "its sum; yours leaves every copy out (as z == m or z[z != m] picks them) and log1p adds back only "
                   "one. Leave out one copy, the one at z.argmax(axis=1), before log1p, or take np.log of the whole "
                   "sum, logsumexp(z) = m + log(sum(exp(z - m))).")]),
        *([] if np.allclose(logits.max(axis=1), 0.0) else
          [Mistake(expected - logits.max(axis=1),
                   "each loss is off by its row's maximum: log-sum-exp is m + log(sum(exp(z - m))), and the m taken "
                   "out before exponentiating must be added back.")]),
        Mistake(scipy.special.logsumexp(logits, axis=1),
                "those are each row's log-sum-exp alone: subtract the label's logit, logsumexp(z) - z[label]."),
        Mistake(twice, "softmax was applied twice: the function takes logits, so take log_softmax of the logits "
                       "themselves, not of softmax(logits)."),
        Mistake(whole_batch, "you normalised over the whole batch (scipy's log_softmax and logsumexp default to "
                             "axis=None): each row is its own distribution, axis=1."),
        Mistake(down_columns, "you normalised down the columns (axis=0), across the examples: each row is its own "
                              "distribution, so take log_softmax along axis=1."),
        *([] if close(top_class, expected) else
          [Mistake(top_class, "those are the losses of each row's most likely class (its largest logit), not of "
                              f"its label; {_PAIR_UP}")]),
        *([] if close(one_based, expected) else
          [Mistake(one_based, "each loss is that of the class before the label (labels - 1): the labels are "
                              f"0-based class indices, as NumPy's are; {_PAIR_UP}")]),
        *([] if close(one_later, expected) else
          [Mistake(one_later, "each loss is that of the class after the label (labels + 1): labels are 0-based: "
                              f"the first class is 0, so use them as they are; {_PAIR_UP}")]),
        Mistake(-np.mean(log_q, axis=1), "you averaged -log q over every class of each row; pick each row's label "
                                         "entry only, log_q[np.arange(len(labels)), labels]."),
        Mistake(-np.sum(log_q, axis=1), "you summed -log q over every class of each row; pick each row's label "
                                        "entry only, log_q[np.arange(len(labels)), labels]."),
        # the labels as the target: the notebook's cross_entropy(z, y) row by row, or -sum(labels[:, None] * log_q,
        # axis=1), gives -y * sum_k log q_k per row; its other form, LSE(z) - sum_k p_k z_k, gives LSE(z) - y sum_k z_k.
        # After the summed -log q above, which names the same values where every label is 1
        *[Mistake(value, message)
          for value, message in ((-labels * np.sum(log_q, axis=1), _LABELS_TIMES_LOG_Q),
                                 (scipy.special.logsumexp(logits, axis=1) - labels * np.sum(logits, axis=1),
                                  _LABELS_TIMES_LOGITS))
          if not close(value, expected)],
        Mistake(expected / n_classes,
                "those are the means over the K classes of -onehot * log q: sum over the classes (axis=1) instead."),
    ]
    if clipped:  # the logits clipped (np.clip(z, -c, c)) so that exp cannot overflow: before the capped-loss hint
        mistakes.append(Mistake(
            lambda a: any(close(a, value, rtol=1e-9, atol=1e-12) for value in clipped),
            "you clipped the logits (np.clip) so that exp cannot overflow, but that changes the losses: on {label} "
            "yours, {got}, are those of the clipped logits. Shift instead of clipping: logsumexp(z) = "
            "m + log(sum(exp(z - m))) with each row's own maximum m = z.max(axis=1, keepdims=True) makes every "
            "exponent ≤ 0 and loses nothing; or use log_softmax along axis=1."))
    if np.max(expected) > 100:  # a label far below its row's top: an epsilon or a clip caps the loss
        mistakes.append(Mistake(
            lambda a: bool(np.any((as_array(a) > 0) & (as_array(a) < expected - 1))),
            f"a loss is finite but far too small ({{got}}; expected {np.round(expected, 6).tolist()}): a probability "
            "that rounds to 0 was kept away from 0, by an epsilon added before the log or a clip, which caps "
            "-log q at -log(epsilon) and changes the loss. Take the log in log space instead: "
            "log_softmax(z) = z - logsumexp(z), along axis=1."))
    mistakes += [
        # np.nan_to_num (or a clip to the largest double) of an inf loss, from the log of a probability that rounded to
        # 0 (cold read r156, X3; Exercise 2 names the same slip)
        Mistake(lambda a: bool(np.any(np.abs(as_array(a)) >= 1e300)),
                "on {label} a loss is about 1.8e308, the largest double: the log of a probability that rounded to 0 "
                "gave inf, and np.nan_to_num (or a clip) put the largest finite number there. The losses are "
                f"ordinary numbers, {np.round(expected, 6).tolist()}: take the log in log space, "
                "log_softmax(z) = z - logsumexp(z), along axis=1."),
        Mistake(lambda a: _epsilon_in_log(a, logits, labels),
                "an epsilon inside the log, log(q + eps), changes every loss a little and caps a tiny "
                "probability's (on [0, -30] log(q + 1e-9) is about -20.7, not -30): take the log in log space "
                "instead, log_softmax(z) = z - logsumexp(z), along axis=1."),
        Mistake(near_miss(expected, atol=1e-5), _CE_NEAR_MISS),  # 5 decimals: off by up to 5e-6
    ]
    # a (B,) array and a (B, K) one that NumPy cannot combine (B != K): NumPy names the two shapes in the order of
    # the operands. (B, K) first is typical of z - z.max(axis=1) or e / e.sum(axis=1), a reduction without
    # keepdims; (B,) first of logsumexp(z, axis=1) - z[labels] (or - z). Both causes are named, the likelier first
    reduction_second = f"({n_rows},{n_classes}) ({n_rows},)"
    reduction_first = f"({n_rows},) ({n_rows},{n_classes})"
    no_keepdims = (f"a row maximum or sum taken over axis=1 without keepdims=True has shape (B,) = ({n_rows},), "
                   f"which cannot line up with the rows of the (B, K) = ({n_rows}, {n_classes}) logits: keep the "
                   "axis where it meets the (B, K) array, z - z.max(axis=1, keepdims=True), and use the (B,) "
                   "form, z.max(axis=1), where it meets other (B,) arrays")
    whole_rows = (f"a (B,) = ({n_rows},) array of log-sum-exps met the (B, K) logits because z[labels] picks whole "
                  "rows, numbered by the labels (and z alone is every entry), not each row's label entry; "
                  f"{_PAIR_UP.replace('log_q[', 'z[')}")

    def on_this_problem(problem: str) -> str:
        # a one-hot array with a column per row, np.eye(len(labels))[labels], times the (B, K) log-probabilities
        if n_rows != n_classes and (f"({n_rows},{n_rows}) ({n_rows},{n_classes})" in problem
                                    or f"({n_rows},{n_classes}) ({n_rows},{n_rows})" in problem):
            return (f"A (B, B) = ({n_rows}, {n_rows}) array met the (B, K) = ({n_rows}, {n_classes}) logits: a "
                    "one-hot array made with np.eye(len(labels)) has a column per row, not per class. Make it with "
                    "one column per class, np.eye(logits.shape[1])[labels], or pick each row's label entry, "
                    "log_q[np.arange(len(labels)), labels].")
        # a one-hot array as wide as the labels reach, np.eye(labels.max() + 1)[labels], times the (B, K) logits
        reached = int(labels.max()) + 1
        if reached < n_classes and re.search(rf"\({n_rows}, ?{reached}\).*\({n_rows}, ?{n_classes}\)|"
                                             rf"\({n_rows}, ?{n_classes}\).*\({n_rows}, ?{reached}\)", problem):
            return (f"A ({n_rows}, {reached}) array met the (B, K) = ({n_rows}, {n_classes}) logits: a one-hot array "
                    f"made labels.max() + 1 = {reached} wide is one column per class only when some label is the "
                    f"last class, and here none is. Take the number of classes from the logits, "
                    "np.eye(logits.shape[1])[labels], or pick each row's label entry, "
                    "log_q[np.arange(len(labels)), labels].")
        # log_q[rows, labels + 1], or z[i][labels[i] + 1] in a loop: the last class's label + 1 is K, one past the end
        past_end = re.search(r"index (\d+) is out of bounds for axis \d+ with size (\d+)", problem)
        if past_end and int(past_end[1]) == int(past_end[2]) == n_classes:
            return (f"An index reached K = {n_classes}, one past the last class: labels are 0-based: the first class "
                    f"is 0 and the last K - 1 = {n_classes - 1}, so use them as they are (not labels + 1); "
                    f"{_PAIR_UP}")
        # a (K,) array, one number per class, and a (B,) one: logsumexp(z, axis=0) - z[rows, labels], or a maximum
        # or sum over axis=0, down the columns (cold read r163, X3)
        per_class_and_row = (f"({n_classes},) ({n_rows},)", f"({n_rows},) ({n_classes},)")
        if n_rows != n_classes and any(shapes in problem for shapes in per_class_and_row):
            return (f"A (K,) = ({n_classes},) array, one number per class, met a (B,) = ({n_rows},) one of the rows: "
                    "a log-sum-exp, maximum or sum taken over axis=0 runs down the columns, across the examples. "
                    "Each row is its own distribution: take them over axis=1, logsumexp(z, axis=1), shape (B,), "
                    "then subtract z[np.arange(len(labels)), labels].")
        if n_rows != n_classes and reduction_second in problem:
            return f"Two usual causes. The likelier here: {no_keepdims}. Or: {whole_rows}"
        if n_rows != n_classes and reduction_first in problem:
            return f"Two usual causes. The likelier here: {whole_rows} Or: {no_keepdims}."
        return on_problem(problem)
    return Case((logits.copy(), labels.copy()), expected,
                f"on {label} the per-row cross-entropies are {np.round(expected, 6).tolist()}; yours are {{got}}. "
                "Per row: logsumexp(z) - z[label].", label, tuple(mistakes), on_this_problem)


def check_cross_entropy(cross_entropy: Callable) -> None:
    """Exercise 03.4: ``cross_entropy(logits, labels)``, one loss per row (shape (B,)), from logits, stable.

    Like PyTorch's ``cross_entropy(..., reduction="none")``: within a relative 1e-9 (and 1e-12 absolute) of
    scipy's ``logsumexp(z, axis=1) - z[rows, labels]``. A list of B numbers passes too.
    """
    rng = np.random.default_rng(4)
    cases = [
        _cross_entropy_case(rng.normal(scale=2.0, size=(6, 4)), np.array([0, 1, 2, 3, 1, 2]),
                            "six rows of four logits"),
        # the right answer 1000 below the top: its probability rounds to 0, so log(softmax) gives inf
        _cross_entropy_case(np.array([[0.0, -1000.0], [3.0, 1.0]]), np.array([1, 0]),
                            "[[0, -1000], [3, 1]] with labels [1, 0]"),
        _cross_entropy_case(np.array([[1000.0, 1001.0, 999.0]]), np.array([2]), "the single row [[1000, 1001, 999]]"),
        # a row 2000 wide: a shift by its mean (-1000) leaves an exponent of 1000, which overflows
        _cross_entropy_case(np.array([[0.0, -2000.0], [3.0, 1.0]]), np.array([1, 0]),
                            "[[0, -2000], [3, 1]] with labels [1, 0]"),
        # the same row reversed, its maximum last: a shift by each row's first logit overflows
        _cross_entropy_case(np.array([[-2000.0, 0.0], [1.0, 3.0]]), np.array([1, 1]),
                            "[[-2000, 0], [1, 3]] with labels [1, 1]"),
        # a label 30 below its row's top: log(q + 1e-9) gives about 20.7 for it, not 30
        _cross_entropy_case(np.array([[0.0, -30.0], [3.0, 1.0]]), np.array([1, 0]),
                            "[[0, -30], [3, 1]] with labels [1, 0]"),
        # a row far below the other: one maximum for the whole batch underflows it
        _cross_entropy_case(np.array([[1000.0, 1001.0], [0.0, 1.0]]), np.array([1, 1]),
                            "[[1000, 1001], [0, 1]] with labels [1, 1]", _far_rows_on_problem),
        # a label 20000 below its row's top (cold read r151, X4): e^-1000 fits in x86's 80-bit long double (down to
        # about e^-11355), so the log of a probability computed in np.longdouble passed the case above; e^-20000
        # rounds to 0 in every float type
        _cross_entropy_case(np.array([[0.0, -20000.0], [3.0, 1.0]]), np.array([1, 0]),
                            "[[0, -20000], [3, 1]] with labels [1, 0] (e^-20000 rounds to 0 even in np.longdouble)"),
        # a batch in which no label is the last class (cold read r156, X): in every case above the labels reach
        # K - 1, so a one-hot width taken from the labels, labels.max() + 1, passed them
        _cross_entropy_case(rng.normal(scale=2.0, size=(4, 5)), np.array([0, 2, 1, 2]),
                            "four rows of five logits with labels [0, 2, 1, 2], none of them the last class, 4"),
        # tied maxima (cold read r160, X1): log1p of the others picked by value, logits == m, drops both copies of
        # each row's top from its sum and passed every case above. The first label on a tied maximum, the second not
        _cross_entropy_case(np.array([[2.0, 2.0, 0.0], [1.0, 3.0, 3.0]]), np.array([0, 0]),
                            "[[2, 2, 0], [1, 3, 3]] with labels [0, 0] (each row's maximum tied)"),
        # beyond np.longdouble's range (cold read r157, X1): the naive log-sum-exp, or a shift by each row's mean or
        # first logit, computed in np.longdouble, passed every case above on x86; in the first row here the shifts
        # by its minimum, mean, first or last logit each leave an exponent of 12000 or more. Its loss is
        # LSE - z_y = 12000 - 0 (log(1 + 2 e^-12000) is 0 in doubles)
        _cross_entropy_case(np.array([[0.0, 12000.0, -12000.0], [3.0, 1.0, 2.0]]), np.array([0, 2]),
                            f"[[0, 12000, -12000], [3, 1, 2]] with labels [0, 2] ({_BEYOND_LONGDOUBLE})",
                            beyond_longdouble=True),
    ]
    shapes: list[tuple[int, ...]] = []  # the shape of each answer, local to this call, for the hint that names it
    # (the logits and labels as given, what the learner returned), local to this call: for the hint on right
    # losses that warned along the way
    answers: list[tuple[np.ndarray, np.ndarray, object]] = []
    learner = cross_entropy
    if callable(cross_entropy):
        @functools.wraps(cross_entropy)
        def learner(logits: np.ndarray, labels: np.ndarray) -> object:
            given = (logits.copy(), labels.copy())  # before the learner's code can change them
            value = cross_entropy(logits, labels)
            array = as_array(value)
            shapes.append(array.shape if array is not None else ())
            answers.append((*given, value))
            return value
    message = first_miss(learner, cases, same=lambda a, b: close(a, b, rtol=1e-9, atol=1e-12))
    if message is not None:
        message = (_swapped_arguments(cross_entropy, cases[0], message) or _swapped_indices(cross_entropy, message)
                   or message)
        message = _right_but_warned(message, answers, cross_entropy) or message
        message = _labels_as_target(cross_entropy, message) or message
    if message is None:
        return passed("Your per-row cross-entropies match scipy's logsumexp(z) - z[label], even for a label 1000 "
                      "below the top logit.")
    if "{shape}" in message:
        message = message.replace("{shape}", str(shapes[-1] if shapes else "?"))
    return hint(message)


_CE_SHIFT = ("subtract each row's own maximum, logsumexp(z) = m + log(sum(exp(z - m))) with "
             "m = z.max(axis=1, keepdims=True), or use log_softmax along axis=1.")


def _parameters(function: object) -> list[str]:
    """The names of a learner's function's parameters ([] for something that is not a function, or a builtin
    without a signature)."""
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return []


def _warned_why(function: object, kind: str) -> str:
    """Why a right answer warned: a log of an exact 0 (divide by zero) warns even where -inf is right, and np.where or
    np.select compute every branch before they pick one (named only when the learner's code calls one of them)."""
    try:
        source = inspect.getsource(function)  # type: ignore[arg-type]
    except (OSError, TypeError):
        source = ""
    branches = bool(re.search(r"\b(where|select)\s*\(", source))
    if "divide by zero" in kind:
        return ("Taking np.log of a probability that is exactly 0 warns (divide by zero), even where the -inf it "
                "gives is the right value (a masked entry) or is thrown away later" + (
                    ": np.where, for one, computes both of its branches before it picks one" if branches else ""))
    return ("A value computed and then thrown away still warns: np.where, for one, computes both of its branches "
            "before it picks one")


def _right_but_warned(message: str, answers: list[tuple[np.ndarray, np.ndarray, object]],
                      function: object = None) -> str | None:
    """The hint for losses that are right but warned on the way (np.where(q_y > 0, -np.log(q_y), ...) computes the
    log of the 0 it then discards): None unless the call emitted a RuntimeWarning and its value was right."""
    if "emitted a RuntimeWarning" not in message or not answers:
        return None
    logits, labels, value = answers[-1]
    with np.errstate(all="ignore"):
        right = close(value, _row_cross_entropy(logits, labels), rtol=1e-9, atol=1e-12)
    if not right:
        return None
    kind = message.split("emitted a RuntimeWarning: ", 1)[1].split(".")[0]
    where = message.split(", it emitted", 1)[0]
    return (f"{where}, your losses are right, but computing them emitted a RuntimeWarning ({kind}), and the check "
            f"counts any warning as a failure. {_warned_why(function, kind)}. Compute only what you keep: "
            "log_softmax(z) = z - logsumexp(z) along axis=1, for every row, with no branch and no log of a "
            "probability.")


def _labels_as_target(cross_entropy: Callable, message: str) -> str | None:
    """The hint for a function that multiplies the integer labels into the log-probabilities, as the notebook's
    cross_entropy(logits, target) does with the labels as its target (cold read r145, X1). On the check's (B, K)
    batches with B != K that product cannot be formed, and NumPy's error alone reads like two other slips (whole
    rows picked by z[labels], a row maximum without keepdims), so the function is called once more on a square
    batch, where it can: if it then gives one of the products' values, that is the slip. None otherwise."""
    if "could not be combined" not in message:
        return None
    logits, labels = np.array(_SQUARE_LOGITS), np.array(_SQUARE_LABELS)
    log_q = scipy.special.log_softmax(logits, axis=1)
    by_class = labels * log_q  # NumPy lines the (B,) labels up with the last axis, the classes
    per_row = [-by_class, -np.sum(by_class, axis=1),
               scipy.special.logsumexp(logits, axis=1) - np.sum(labels * logits, axis=1)]
    totals = [-float(np.sum(by_class)), -float(np.mean(np.sum(by_class, axis=1)))]
    # a call the learner did not ask for: what it prints would read as if the check had used other inputs
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        outcome = call(cross_entropy, logits, labels)
    if outcome.problem is not None:
        return None
    single = number(outcome.value)
    if not (any(close(outcome.value, value) for value in per_row)
            or (single is not None and any(math.isclose(single, total, rel_tol=1e-9) for total in totals))):
        return None
    head = message.split(" could not be combined", 1)[0]
    return (f"{head} could not be combined: the labels were multiplied into the (B, K) log-probabilities or "
            "logits, as labels * log_q does (called on a square batch, where those shapes fit, your function gives "
            f"exactly the losses of such a product). {_NOT_A_DISTRIBUTION} (This notebook's "
            "cross_entropy(logits, target) takes such a distribution as its target, and one row at a time.)")


def _swapped_indices(cross_entropy: Callable, message: str) -> str | None:
    """The hint for z[labels, np.arange(B)], the row and label indices the other way round (cold read r157, X2). On
    the first batch, six rows of four classes, a row number used as a class index runs past the last class, and
    NumPy's IndexError reads like labels + 1, so the function is called once more on a square batch, where the
    swapped indices fit: if it then gives the losses of the swapped entries, that is the slip. None otherwise."""
    past = re.match(r"(.*?index \d+ is out of bounds for axis \d+ with size \d+)", message)
    if past is None:
        return None
    logits, labels = np.array(_SQUARE_LOGITS), np.array(_SQUARE_LABELS)
    rows = np.arange(len(labels))
    swapped = [scipy.special.logsumexp(logits, axis=1) - logits[labels, rows],
               -scipy.special.log_softmax(logits, axis=1)[labels, rows]]
    # a call the learner did not ask for: what it prints would read as if the check had used other inputs
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        outcome = call(cross_entropy, logits, labels)
    if outcome.problem is not None or not any(close(outcome.value, value) for value in swapped):
        return None
    return (f"{past[1]}: the row and label indices are the other way round. z[labels, np.arange(len(labels))] (or "
            "z[labels[i], i] in a loop) takes row labels[i] at class i, so on a batch with more rows than classes a "
            "row number runs past the last class (called on a square batch, where those indices fit, your function "
            "gives exactly the losses of those swapped entries). Put the row index first and the label second, "
            "log_q[np.arange(len(labels)), labels], which pairs each row with its own label.")


def _swapped_arguments(cross_entropy: Callable, case: Case, message: str) -> str | None:
    """The hint for a function whose parameters are (labels, logits): it is right when called the other way round,
    or, when the call failed (``message`` names what it raised), its first parameter is named like the labels.
    None otherwise."""
    logits, labels = case.args
    # a call the learner did not ask for: what it prints (shapes printed while debugging, say) would read as if the
    # check had passed the arguments the wrong way round, so it is not shown
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        outcome = call(cross_entropy, labels, logits)
    if outcome.problem is None and close(outcome.value, case.expected, rtol=1e-9, atol=1e-12):
        return (f"your function is right when called with the labels first, so its parameters are the other way "
                f"round; {_CALL_ORDER} Swap them: def my_cross_entropy(logits, labels).")
    names = _parameters(cross_entropy)
    if "it raised" in message and len(names) >= 2 and names[0].lower() in _LABEL_NAMES:
        return (f"your first parameter is named `{names[0]}`, but it receives the (B, K) logits: {_CALL_ORDER} "
                "Swap them: def my_cross_entropy(logits, labels).")
    return None


# ---------------------------------------------------------------- Exercises 03.1 to 03.3: no library softmax
# Each of the three asks for what a library softmax or log-softmax computes, so such a call would pass every case and
# teach nothing (cold read r147, X1): a check whose cases all pass names the call instead. A log-sum-exp (scipy's
# logsumexp, np.logaddexp.reduce) stays allowed: the notebook builds log-softmax from it, and the exercise text says so.


def _library_softmaxes() -> list[tuple[Callable, str]]:
    """The library softmaxes and log-softmaxes Exercises 1 to 3 do not allow, each with the name its hint gives it:
    tempnb's (imported at the top of the notebook), scipy.special's, and scikit-learn's if the learner's session has
    loaded it (the notebook's LogisticRegression does). None of them calls another (tempnb's compute their own shift
    and sum; so do scipy 1.17's), so the one named is the one the learner's code called."""
    found = [(core.softmax, "tempnb's softmax (the softmax imported at the top)"),
             (core.log_softmax, "tempnb's log_softmax (imported at the top)"),
             (scipy.special.softmax, "scipy.special.softmax"),
             (scipy.special.log_softmax, "scipy.special.log_softmax")]
    # looked up, never imported: a check does not load scikit-learn for a learner who never did
    extmath = sys.modules.get("sklearn.utils.extmath")
    function = getattr(extmath, "softmax", None)
    if getattr(function, "__code__", None) is not None:
        found.append((function, "sklearn.utils.extmath.softmax"))
    return found


def _library_call(function: Callable, cases: list[Case]) -> str | None:
    """The name of the first library softmax or log-softmax (_library_softmaxes) that ``function`` runs on any of
    ``cases``, however its code reached it; None if it runs none. Calls the learner did not ask for: what they print
    is not shown."""
    libraries = _library_softmaxes()
    names = {id(library): name for library, name in libraries}
    for case in cases:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            found = calls(function, case.args, *[library for library, _ in libraries])
        if found is not None:
            return names[id(found)]
    return None


def _library_hint(library: str, what: str, how: str) -> str:
    """The hint for an answer that is right on every case but calls a library softmax or log-softmax."""
    return (f"your {what} gives the right values on every case, but it calls {library}, which does the work for you. "
            f"The exercise is to write it yourself: {how} Keep the library softmaxes and log-softmaxes (tempnb's "
            "softmax and log_softmax, scipy.special's softmax and log_softmax) for comparing your result with.")


# ---------------------------------------------------------------- Exercise 03.1: a softmax with a mask
# Until this notebook's cold read r132 Exercise 1 was the stable softmax of one vector (check_stable_softmax, above),
# which the notebook's own code already answered; it now asks for a mask too, and the trap is where the mask goes:
# after exp, with the maximum of every logit masked ones included, a masked logit far above the kept ones
# underflows them all to 0, and 0 / 0.

_MASK_LOGITS = "np.where(keep, z, -np.inf)"


def _masked_far_above_advice(top: float, overflow: bool = False, kept_top: float = 0.0) -> str:
    """Advice after a problem on the case whose masked logit lies far above every kept one. ``kept_top`` is the
    largest kept logit: where its exp is 0 even in np.longdouble (below about -11450), code that masks first
    but subtracts no maximum fails here too, after passing the earlier cases in a wider float (cold read r167, X1)."""
    if overflow:
        return (f"The masked logit {top:g} lies far above the kept ones, so its exp overflows, unshifted or less "
                "the largest kept logit, even if the mask zeroes it afterwards (and inf × 0 is nan). Mask the "
                f"logits before exponentiating: put -inf in the masked entries, {_MASK_LOGITS}, then subtract that "
                "array's maximum, the largest kept logit.")
    # the missing shift first: it is what code that passed the earlier cases got wrong
    if kept_top <= _EXP_ZERO_IN_EVERY_FLOAT:
        return (f"Here the largest kept logit is {kept_top:g}, and e^{kept_top:g} is 0 in every float type, "
                "np.longdouble included (a wider float only moves the underflow further out): with no maximum "
                "subtracted, every kept exponential is 0 and the division is 0 / 0. The same happens if the masked "
                f"logit {top:g} set the maximum (z.max() counts masked logits too), or a softmax of every logit came "
                f"before the mask. Mask the logits, {_MASK_LOGITS}, then subtract that array's maximum, the largest "
                "kept logit, before exponentiating.")
    return (f"The masked logit {top:g} lies far above the kept ones. If it set the maximum (z.max() counts masked "
            "logits too), or a softmax of every logit came before the mask, every kept exponential underflowed to 0 "
            f"and the division was 0 / 0. Mask the logits first: put -inf in the masked entries, {_MASK_LOGITS}, "
            "then subtract that array's maximum, the largest kept logit.")


_MASK_INVERTED = ("Every entry is kept here, yet your code computed a 0 / 0 or an inf - inf, as it does when every "
                  "logit has become -inf: is the mask the other way round? keep is True for an entry to keep, so "
                  f"{_MASK_LOGITS} leaves the kept logits as they are and puts -inf only where keep is False.")


def _masked_on_problem(far_above: float | None, all_kept: bool, top: float, width: float) -> Callable[[str], str]:
    """Advice after a problem on one case of Exercise 1: the mask's place when a masked logit lies far above the kept
    ones; an inverted mask after a 0 / 0 where every entry is kept and finite; otherwise the shift, after an
    overflow or an underflow; nothing after any other problem (a TypeError, "expected a function"), which the
    problem's own text explains. ``top`` and ``width`` are the largest kept finite logit and the span of the kept
    finite logits: why only the maximum will do is said where another shift can overflow, a span above 709, and
    with that span (cold read r160, X2: on [1000, 1001, 999] it said "up to 2000", and no shift was made at all)."""
    only_max = ("" if width <= 709 else
                " Any shift other than the maximum (the minimum, the mean, the first or last logit) can leave "
                f"exponents above 0 (here up to {width:g}), and exp overflows above 709; only the maximum "
                "guarantees every exponent is ≤ 0.")
    def advice(problem: str) -> str:
        if not all_kept and ("divide by zero" in problem or "math domain error" in problem):
            # z + np.log(keep): the mask turned into -inf by a log of 0, which warns (math.log raises)
            return ("That is a log of 0: np.log(keep), or of any 0 in the mask, gives -inf but warns (math.log "
                    "raises), and the check counts any warning. Put the -inf in without a log: "
                    f"{_MASK_LOGITS}.")
        if far_above is not None and (_overflow(problem) or _underflow(problem)):
            return _masked_far_above_advice(far_above, overflow=_overflow(problem), kept_top=top)
        if _overflow(problem):
            if only_max:
                return f"Subtract the largest kept logit before exponentiating.{only_max}"
            return (f"Subtract the largest kept logit, here {top:g}, before exponentiating: exp overflows above "
                    "709, and once that logit is subtracted every exponent is ≤ 0.")
        if all_kept and _underflow(problem):  # nothing can underflow here, but an inverted mask leaves only -inf
            return _MASK_INVERTED
        if _underflow(problem):
            return ("exp underflowed to 0 and the division gave 0 / 0: subtract the largest kept logit first, "
                    f"the maximum of {_MASK_LOGITS}.")
        return ""
    return advice


# finite stand-ins for -inf put in by masking code: -10000, powers of ten up to -1e100, float32's most negative number,
# and the stand-ins from -1e300 down to the most negative double, np.finfo(float).min (which np.nan_to_num puts in for
# -inf). Each gives a masked entry exactly 0 while every kept logit lies far above it (exp of less than about -745
# underflows to 0), and a real share of the mass once a kept logit lies at or below it: on [-1e300, 0, 5] for any
# stand-in from -1e300 up, on [np.finfo(float).min, 0] for the rest (cold read r163, X1; until then the check passed
# every stand-in below -1e300, as the cold reads r143 X3 and r145 X2 had proposed)
_STAND_INS = (-1e4, -1e5, -1e6, -1e8, -1e9, -1e10, -1e12, -1e15, -1e20, -1e30, float(np.finfo(np.float32).min),
              -1e38, -1e50, -1e100, -1e300, -1e305, -1e308, float(np.finfo(float).min))
_STAND_IN_BELOW_KEPT = ("on {label} a masked entry got a real share of the mass ({got}): a finite number put in for "
                        "-inf, such as -10000, -1e9 or np.finfo(float).min (np.where(keep, z, -1e9), or an additive "
                        "mask z + (1 - keep) * -1e9), is still an ordinary logit, and here the kept logit lies below "
                        "it or equals it, so the masked entries take the mass or share it. Its exponential is 0 only "
                        "while every kept logit lies far above it; only -inf has an exponential of exactly 0 whatever "
                        f"the other logits are: use {_MASK_LOGITS}.")


# Three slips leave a tiny number where a masked entry must be exactly 0; each has its own hint, and the hint that
# lists all three serves any other answer of that kind (cold read r147, X2)
_MASKED_TINY = "on {label} a masked entry must get exactly 0, and yours got {got}"
_MASKED_TINY_CAUSES = {
    "stand-in": (f"{_MASKED_TINY}, what a finite stand-in for -inf gives, such as np.where(keep, z, -30) or a floor on "
                 "the logits, np.maximum(z, -30): the exponential of an ordinary number is tiny, never 0. Put -inf "
                 f"itself in the masked entries, {_MASK_LOGITS}: exp(-inf) is exactly 0."),
    "epsilon": (f"{_MASKED_TINY}, what an epsilon added to each exponential gives: (e + eps) / sum(e + eps) turns "
                "each masked 0 into about eps / sum. Keep the -inf and add nothing: once the largest kept logit is "
                "subtracted, the largest exponential is exp(0) = 1, so the sum is at least 1 and never 0."),
    "floor": (f"{_MASKED_TINY}, what a floor on the exponent gives, such as np.maximum(z - m, -700) or np.clip of "
              "z - m: the exponential of the floor is tiny, never 0. Keep the -inf and floor nothing: an exponential "
              "that rounds to 0, exp(-inf) above all, is the right value there, not an error to avoid."),
}
_MASKED_TINY_ANY = (f"{_MASKED_TINY}: exp(-inf) is exactly 0, and the exponential of nothing else is. The usual causes "
                    "are a finite stand-in for -inf, such as -30 or -100 (put -inf itself in, "
                    f"{_MASK_LOGITS}), an epsilon added to each exponential, and a floor on the exponent (np.maximum "
                    "or np.clip of z - max). Keep the -inf, and add or floor nothing.")


def _round_number(value: float) -> bool:
    """Whether a number is one a learner types: two significant digits at most (-30, -700, 1e-13, 2.5e-9), within
    a relative 1e-6 (what the check reads it from carries a few roundings, about 1e-15)."""
    if not math.isfinite(value) or value == 0:
        return False
    mantissa = abs(value) / 10 ** math.floor(math.log10(abs(value)))  # in [1, 10)
    return abs(10 * mantissa - round(10 * mantissa)) <= 1e-5 * mantissa


def _masked_tiny_cause(z: np.ndarray, kept: np.ndarray, answer: object) -> str | None:
    """Which slip left a tiny number in the masked entries of ``answer``: "stand-in", "epsilon" or "floor"; None when
    no single one fits.

    Each masked entry that should be 0 but is not, divided by the entry of the largest kept logit (whose exponent is
    0 once it is subtracted), is a ratio r. A stand-in s for -inf gives r = exp(s - m), m the largest kept logit (or
    exp(z + s - m) for an additive mask z + s); an epsilon added to each exponential gives r = eps / (1 + eps); a
    floor c on the exponent gives r = exp(c). Each slip is named when its number, read off every such entry, is one
    a learner types (_round_number) and no other slip's is. On the first case with a masked entry the largest kept
    logit is log 0.75, so the three numbers cannot be round together. Only where every such entry is below 1e-6 and
    every other entry is right to a relative 1e-5."""
    array = as_array(answer)
    masked_z = np.where(kept, z, -np.inf)
    expected = scipy.special.softmax(masked_z)
    if array is None or array.shape != z.shape or not np.all(np.isfinite(array)):
        return None
    top = int(np.argmax(expected))
    off = (~kept | np.isneginf(z)) & (expected == 0) & (array > 0)
    # tiny: below the 1e-6 from which _masked_weighted calls it a real share; and the kept entries right to 1e-5
    if not np.any(off) or np.any(array[off] >= 1e-6) or not close(array[~off], expected[~off], rtol=1e-5, atol=0):
        return None
    with np.errstate(all="ignore"):
        ratios = array[off] / array[top]
        m = float(masked_z.max())
        numbers = {
            "stand-in": [m + np.log(ratios), m + np.log(ratios) - z[off]],  # np.where(keep, z, s), or z + s
            "epsilon": [ratios / (1 - ratios)],
            "floor": [np.log(ratios)],
        }
    fits = [cause for cause, forms in numbers.items()
            if any(all(_round_number(float(value)) for value in form) for form in forms)]
    return fits[0] if len(fits) == 1 else None


def _masked_case(logits: list[float], keep: list[bool], label: str) -> Case:
    z, kept = np.array(logits), np.array(keep, dtype=bool)
    masked_z = np.where(kept, z, -np.inf)
    expected = scipy.special.softmax(masked_z)
    masked = ~kept | np.isneginf(z)  # every entry whose probability must be exactly 0
    far_above = float(z[~kept].max()) if np.any(~kept) and z[~kept].max() - masked_z.max() > 700 else None
    kept_finite = masked_z[np.isfinite(masked_z)]  # every case keeps at least one finite logit
    shape = f"({z.size},)"
    # nan put in as the mask: nan in every masked entry, on a case where nothing can overflow or underflow, so that
    # no silenced overflow (inf * 0 in a masked entry) can be taken for it
    nan_can_be_a_mask = bool(np.any(~kept) and np.all(np.abs(z[np.isfinite(z)]) <= 700))
    if far_above is not None:  # silenced warnings: the same advice as after the warning itself
        nan_hint = (f"your result has nan in it on {{label}}. "
                    f"{_masked_far_above_advice(far_above, kept_top=float(masked_z.max()))}")
    else:
        nan_hint = ("your result has nan in it on {label}: exp overflowed (inf / inf) or underflowed (0 / 0), and if "
                    "you silenced NumPy's warning (np.errstate), the warning went, not the problem: subtract the "
                    f"largest kept logit, the maximum of {_MASK_LOGITS}, before exponentiating.")
    with np.errstate(all="ignore"):
        wrong = [  # (what a slip returns, its hint), where that differs from the right answer
            (scipy.special.softmax(np.where(~kept, z, -np.inf)) if np.any(~kept) else None,
             "your result gives the mass to the masked entries: keep is True for an entry to keep and False for "
             f"one to mask, so mask where keep is False, {_MASK_LOGITS}."),
            (scipy.special.softmax(z) * kept,
             "you zeroed the masked probabilities after a softmax of every logit, so the kept ones still add up to "
             "less than 1 (the masked ones took their share first). Mask the logits before the softmax, "
             f"{_MASK_LOGITS}, and the kept ones share all the mass."),
            (np.exp(masked_z - masked_z.max()),
             "those are exp(z - max) divided by the wrong total, or by none: divide by the sum of the same shifted, "
             "masked exponentials, e / e.sum()."),
            (scipy.special.log_softmax(masked_z),
             "those are log-probabilities (all ≤ 0, -inf where masked): exponentiate them."),
            # a power of 2 or 10 in place of exp (cold read r157, X5): base ** (z - m) is exp((z - m) log base), so
            # the result is the softmax of the logits times log base
            *[(scipy.special.softmax(masked_z * math.log(base)),
               f"those are powers of {base}, {base} ** (z - m) normalised (np.{'exp2' if base == 2 else 'power'} or "
               f"**), in place of exp: softmax uses e, np.exp(z - m). {base} ** x is exp(x log {base}), so yours is "
               f"the softmax of the logits times log {base}.") for base in (2, 10)],
        ]
        # np.clip(z, -c, c) so that exp cannot overflow, then masked: right only while every kept |z| <= c
        clipped = [scipy.special.softmax(np.where(kept, np.clip(z, -bound, bound), -np.inf))
                   for bound in _CLIP_BOUNDS]
        stand_in_values = [] if np.all(kept) else [
            scipy.special.softmax(form) for stand_in in _STAND_INS
            for form in (np.where(kept, z, stand_in), z + np.where(kept, 0.0, stand_in))]
    wrong = [(value, message) for value, message in wrong
             if value is not None and not close(value, expected, rtol=1e-12, atol=0)]
    clipped = [value for value in clipped if not close(value, expected, rtol=1e-12, atol=0)]
    mistakes = [
        # a NumPy masked array (np.ma): read as a plain array, as np.asarray and the check read it, its masked entries
        # hold whatever lies under the mask (cold read r139, X3); named before any hint about the values
        Mistake(lambda a: isinstance(a, np.ma.MaskedArray),
                "you returned a NumPy masked array (np.ma). Read as a plain array, as np.asarray and this check read "
                "it, it still holds numbers under its mask ({got}), where each masked entry must be exactly 0; and "
                "NumPy's exp computes the entries under a mask too, so a masked 1000 still overflows. Return a plain "
                "array with exactly 0 in the masked entries: fill the masked logits with -inf before exp "
                "(.filled(-np.inf)), and no np.ma is needed after that."),
        # z[keep] alone: the kept logits' softmax, one entry per kept logit
        *([] if np.all(kept) else
          [Mistake(lambda a: close(a, scipy.special.softmax(z[kept]), rtol=1e-9, atol=0),
                   f"that is the softmax of the kept logits alone, {{got}}; return one probability per logit, shape "
                   f"{shape}, with exactly 0 in the masked entries: {_MASK_LOGITS} keeps every entry in place.")]),
        Mistake(lambda a: as_array(a) is None or as_array(a).shape != z.shape,
                f"return one probability per logit, an array of shape {shape} for {{label}}, with exactly 0 in the "
                "masked entries; got {got}."),
        *([] if not nan_can_be_a_mask else [Mistake(_nan_as_mask(kept), _NAN_MASK)]),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))), nan_hint),
        *rounded_mistakes(expected, "relative 1e-12"),
        Mistake(lambda a: bool(np.any(np.isinf(as_array(a)))),
                f"your result has inf in it on {{label}}: {_SILENCED} Subtract the largest kept logit before "
                "exponentiating."),
        # a finite number put in for -inf (np.where(keep, z, -1e9), or the additive mask z + (1 - keep) * -1e9):
        # right while every kept logit lies far above it, wrong on [-20000, 0, 5] for -10000 (cold read r141, X2)
        # and on [-1e300, 0, 5] for every stand-in of _STAND_INS (cold reads r143 X3, r145 X2); named before
        # the inverted mask, whose value the additive form shares there (an inverted mask fails an earlier case)
        *[Mistake(lambda a, value=value: close(a, value, rtol=1e-9, atol=0), _STAND_IN_BELOW_KEPT)
          for value in stand_in_values if not close(value, expected, rtol=1e-12, atol=0)],
        *[Mistake(value, message) for value, message in wrong],
        *([] if not clipped else
          [Mistake(lambda a: any(close(a, value, rtol=1e-9, atol=0) for value in clipped),
                   _CLIPPED_SOFTMAX.format(label="{label}", got="{got}",
                                           shift="subtracting the largest kept logit, the maximum of "
                                                 f"{_MASK_LOGITS},"))]),
        # keep not used at all (the exercise's starter): the softmax of every logit. The starter prints this hint,
        # so it names the symptom and the idea only (cold read r139, X1): where the mask goes, before or after the
        # maximum, is the exercise's trap, and the hints of the later attempts that fall into it name the code
        *([] if np.all(kept) else
          [Mistake(lambda a: close(a, scipy.special.softmax(z), rtol=1e-9, atol=0),
                   "on {label} your result is the softmax of every logit, {got}: keep was not used, so each masked "
                   "entry took its usual share of the mass. A masked entry must get exactly 0, leaving all the mass "
                   "to the kept ones: mask the way 02 does, with a logit whose exponential is exactly 0.")]),
        # the masked logit replaced by 0 (z * keep, np.where(keep, z, 0)) or by another ordinary number
        *([] if not np.any(masked) else
          [Mistake(_masked_weighted(masked),
                   "on {label} a masked entry got a real share of the mass ({got}): a masked logit must become "
                   "-inf, whose exp is exactly 0. Replaced by 0 (as z * keep and np.where(keep, z, 0) do) or by any "
                   f"other ordinary number, it takes a share like any other logit. Use {_MASK_LOGITS}.")]),
        # a moderate stand-in (-30, -100) for -inf, an epsilon on each exponential, or a floor on the exponent: the
        # one that fits the answer's numbers, and all three where none or several fit
        *([] if not np.any(masked) else
          [Mistake(lambda a, cause=cause: _masked_tiny_cause(z, kept, a) == cause, message)
           for cause, message in _MASKED_TINY_CAUSES.items()]),
        Mistake(_tiny_entry_off(expected), _MASKED_TINY_ANY if np.any(masked) else _UNDERFLOW_NOT_ZERO),
        Mistake(_unshifted_numerator(masked_z, expected, shifts=(np.max(z),)),
                _UNSHIFTED_NUMERATOR.format(label="{label}", subject="every entry is", whose="the", m_is="",
                                            sum_axis="")),
        # the mirror, np.exp(z - m) / np.exp(z).sum(): off by exp(-m), e^-3 on [1, 2, 3] (cold read r141, X3)
        Mistake(_unshifted_sum(masked_z, expected, shifts=(np.max(z),)),
                _UNSHIFTED_SUM.format(label="{label}", subject="every entry is", whose="the", m_is="",
                                      sum_axis="")),
        Mistake(lambda a: _epsilon_in_sum(a, expected), _epsilon_in_sum_hint(row="", whose="the")),
        Mistake(_epsilon_each_exp(masked_z), _epsilon_each_exp_hint("e.sum()")),
        Mistake(near_miss(expected), _SOFTMAX_NEAR_MISS),
    ]
    return Case((z.copy(), kept.copy()), expected,
                f"on {label} expected {np.round(expected, 6).tolist()}, got {{got}}: the masked entries get exactly 0 "
                "and the kept ones the softmax of the kept logits.",
                label, tuple(mistakes),
                _masked_on_problem(far_above, bool(np.all(kept) and np.all(np.isfinite(z))), float(np.max(kept_finite)),
                                   float(np.ptp(kept_finite))))


_NAN_MASK = ("on {label} your result has nan in every masked entry ({got}): nan is not a mask. exp(nan) is nan, and "
             "nan spreads through what it meets (np.max and np.sum of an array holding one are nan; np.nanmax and "
             "np.nansum skip it, but the masked entry itself stays nan). Put -inf in the masked entries, "
             f"{_MASK_LOGITS}: exp(-inf) is exactly 0, so they get exactly 0 with no special case.")


def _nan_as_mask(kept: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: nan in every masked entry (cold read r157, X3), as np.where(keep, z, np.nan) gives, whatever the
    kept entries hold (right ones after np.nanmax and np.nansum, nan after np.max and np.sum)."""
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == kept.shape and bool(np.all(np.isnan(array[~kept])))
    return recognise


def _masked_cases() -> list[Case]:
    """Built afresh for every check, so nothing a learner's code does can change them."""
    return [
        _masked_case([1.0, 2.0, 3.0], [True, True, True], "[1, 2, 3] with every entry kept"),
        # the running example with the largest logit masked: [0.25, 0, 0.75]
        _masked_case([_QUARTER_LOGITS[0], 5.0, _QUARTER_LOGITS[1]], [True, False, True],
                     "[log 0.25, 5, log 0.75] with the 5 masked"),
        # the masked logit 1000 far above the kept ones: z.max() underflows them all, exp(-1000) and exp(-999)
        _masked_case([1000.0, 0.0, 1.0], [False, True, True], "[1000, 0, 1] with the 1000 masked"),
        _masked_case([1000.0, 1001.0, 999.0], [True, True, False], "[1000, 1001, 999] with the 999 masked"),
        _masked_case([-1000.0, -1001.0, -1002.0], [False, True, True], "[-1000, -1001, -1002] with the -1000 masked"),
        # wide: a shift by the mean or the minimum overflows; the maximum first, then last
        _masked_case([-1000.0, 0.0, 1000.0], [True, True, True], "[-1000, 0, 1000] with every entry kept"),
        _masked_case([1000.0, 0.0, -1000.0], [True, True, True], "[1000, 0, -1000] with every entry kept"),
        _masked_case([0.0, -np.inf, 1.0], [True, True, True],
                     "[0, -inf, 1] with every entry kept (the -inf is masked already)"),
        _masked_case([3.0, 7.0, -2.0], [False, False, True], "[3, 7, -2] with only the last entry kept"),
        # the kept logit far below -10000, the stand-in for -inf that some masks use (cold read r141, X2). One kept
        # entry, so that its log-sum-exp is the logit itself, exactly: with two, exp(z - logsumexp(z)), a right
        # answer, would carry that sum's rounding near -20000 (up to 1.8e-12) into every entry (cold read r143, X1)
        _masked_case([-20000.0, 0.0, 5.0], [True, False, False], "[-20000, 0, 5] with the 0 and the 5 masked"),
        # the kept logit far below every finite stand-in for -inf, -1e9 included (cold reads r143 X3, r145 X2):
        # exp(-1e300 - (-1e9)) is 0, so such a mask gives the kept entry 0 where [1, 0, 0] is right. One kept entry
        # again, for the same reason
        _masked_case([-1e300, 0.0, 5.0], [True, False, False], "[-1e300, 0, 5] with the 0 and the 5 masked"),
        # the most negative double kept (cold read r163, X1): a stand-in below -1e300 passed every case above. Here
        # the stand-in either equals the kept logit, np.finfo(float).min itself, and the two share the mass, [0.5,
        # 0.5], or lies above it, and the kept entry gets exp(finfo.min - stand-in) = 0, [0, 1]; [1, 0] is right
        _masked_case([float(np.finfo(float).min), 0.0], [True, False],
                     "[np.finfo(float).min, 0] with the 0 masked (the most negative double kept)"),
    ]


def check_masked_softmax(masked_softmax: Callable) -> None:
    """Exercise 03.1: ``masked_softmax(z, keep)``, the softmax of the logits z over the entries where the boolean
    array keep is True, with exactly 0 where it is False; stable, and right when a masked logit lies far above the
    kept ones. Compared as check_stable_softmax compares (_same_softmax): within a relative 1e-12 and nothing
    absolute, and an epsilon added to the sum named from 2e-13 up."""
    calls: list[tuple[tuple[np.ndarray, ...], object]] = []  # (the inputs, what the learner returned), per call
    mask_changed: list[bool] = []  # per call: the learner's code changed keep in place and left z alone
    learner = masked_softmax
    if callable(masked_softmax):
        @functools.wraps(masked_softmax)
        def learner(z: np.ndarray, keep: np.ndarray) -> object:
            given = (z.copy(), keep.copy())  # before the learner's code can change them
            value = masked_softmax(z, keep)
            calls.append((given, value))
            mask_changed.append(np.array_equal(z, given[0], equal_nan=True) and not np.array_equal(keep, given[1]))
            return value
    cases = _masked_cases()
    message = first_miss(learner, cases, same=_same_softmax)
    if message is not None and mask_changed and mask_changed[-1]:
        message = _mask_changed(message)
    if message is not None:
        swapped = _swapped_masked(masked_softmax, cases[1])
        if swapped is not None:
            return hint(swapped)
        masked_array = _masked_array_warned(masked_softmax, cases, message)
        if masked_array is not None:
            return hint(masked_array)
    if message is None:
        library = _library_call(masked_softmax, cases)
        if library is not None:
            return hint(_library_hint(library, "masked softmax",
                                      f"put -inf in the masked entries, {_MASK_LOGITS}, subtract the largest kept "
                                      "logit, exponentiate with np.exp and divide by the sum."))
        return passed("Masked and stable: every masked entry gets exactly 0 and the kept ones match scipy's softmax "
                      "of the kept logits, even with a masked 1000 above them.")
    if "{err}" in message:
        error = "?"
        if calls:
            (z, keep), value = calls[-1]
            target = scipy.special.softmax(np.where(keep, z, -np.inf))
            array = as_array(value)
            if array is not None and array.shape == target.shape:
                error = f"{float(np.max(_relative_errors(array, target))):.1e}"
        message = message.replace("{err}", error)
    return hint(message)


# The shared in-place hint suggests `keep = keep - ...` or np.array(keep, dtype=float) for a copy: the first raises a
# TypeError for a boolean array, and a float mask cannot index z (cold read r163, X2). A boolean mask gets its own
_IN_PLACE_MASK = ("your function changed its input `{name}`, the boolean mask (an in-place update such as "
                  "`{name} &= ...`, `{name}[...] = False` or `out={name}`): the caller's array must stay as it was, "
                  "even when the result is right. Make a new mask instead: `{name} = {name} & ...` makes one, and so "
                  "does `{name} = {name}.copy()` before an in-place update. Keep it boolean: `{name} - ...` is not "
                  "defined for booleans, and a float copy, np.array({name}, dtype=float), cannot index an array.")


def _mask_changed(message: str) -> str:
    """The in-place hint for the boolean mask, in place of the shared one that first_miss gave (message unchanged if
    it is not that hint)."""
    changed = re.search(r"your function changed its input `([^`]+)`", message)
    if changed is None:
        return message
    return message[:changed.start()] + _IN_PLACE_MASK.format(name=changed[1])


_NUMPY_MA = os.path.dirname(os.path.abspath(np.ma.__file__))


def _runs_numpy_ma(function: Callable, args: tuple) -> bool:
    """Whether one call of function(*args) runs NumPy's masked-array code (np.ma): a profiler watches for a frame
    from numpy/ma. A call the learner did not ask for, so its prints are not shown; the previous profiler is put
    back afterwards."""
    seen = False

    def watch(frame, event, arg) -> None:  # noqa: ANN001, ARG001 (sys.setprofile's signature)
        nonlocal seen
        if event == "call" and frame.f_code.co_filename.startswith(_NUMPY_MA):
            seen = True

    previous = sys.getprofile()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        sys.setprofile(watch)
        try:
            call(function, *args)
        finally:
            sys.setprofile(previous)
    return seen


def _masked_array_warned(masked_softmax: Callable, cases: list[Case], message: str) -> str | None:
    """The hint for a warning from code that masks with np.ma (cold read r151, X5): NumPy computes the entries under
    a mask too, so a masked 1000 still overflows, even where the answer is then filled with 0 and is right. None
    when the message names no overflow, when it came on a case with no masked logit far above the kept ones (where a
    kept logit may have overflowed), or when the call that warned ran no np.ma code."""
    warned = re.match(r"on (.*), it emitted a (\w+): ([^.]*)", message)
    if warned is None or warned[3] != "overflow":
        return None
    case = next((case for case in cases if case.label == warned[1]), None)
    if case is None:
        return None
    z, keep = case.args
    if np.all(keep) or z[~keep].max() - z[keep].max() <= 700 or not _runs_numpy_ma(masked_softmax, case.args):
        return None
    return (f"on {case.label}, it emitted a {warned[2]}: {warned[3]}, and your code works with a NumPy masked "
            "array (np.ma). NumPy computes the entries under a mask too, so the exp of the masked logit far "
            "above the kept ones still runs and overflows, although the mask hides its result (and .filled(0.0) "
            "would replace it); the check counts any warning. Fill the masked logits with -inf before exp, "
            f".filled(-np.inf), or put the -inf in with {_MASK_LOGITS} and no np.ma at all; then subtract the "
            "largest kept logit.")


def _swapped_masked(masked_softmax: Callable, case: Case) -> str | None:
    """The hint for a function whose parameters are (keep, z): right when called the other way round on the case
    with a masked entry (the first case keeps every entry, where a swap can hide). None otherwise."""
    z, keep = case.args
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        outcome = call(masked_softmax, keep, z)  # a call the learner did not ask for: its prints are not shown
    if outcome.problem is None and _same_softmax(outcome.value, case.expected):
        return ("your function is right when called with keep first, so its parameters are the other way round; the "
                "check calls my_masked_softmax(z, keep), in that order (the logits first, then the boolean mask). "
                "Swap them: def my_masked_softmax(z, keep).")
    return None


# ---------------------------------------------------------------- Exercise 03.2: log-softmax
# Until this notebook's cold read r132 Exercise 2 was the log-sum-exp of one vector (check_logsumexp, above), whose
# answer is a line of the notebook's log-sum-exp cell; it now asks for log-softmax, built from it.

_LOG_SPACE = "z - m - log(sum(exp(z - m))), with m = z.max()"


def _log_softmax_on_problem(width: float, can_underflow: bool) -> Callable[[str], str]:
    """Advice after a problem on one case of Exercise 2: the shift after an overflow (why only the maximum, where
    the case is ``width`` wide enough for another shift to overflow), staying in log space after a log of 0 on a
    case where something underflows; nothing after any other problem, which the problem's own text explains."""
    only_max = ("" if width <= 709 else
                " Any shift other than the maximum (the minimum, the mean, the first or last logit) can leave "
                f"exponents above 0 (here up to {width:g}), and exp overflows above 709; only the maximum "
                "guarantees every exponent is ≤ 0.")

    def advice(problem: str) -> str:
        if _overflow(problem):
            return f"Factor out the max: {_LOG_SPACE}.{only_max}"
        if not can_underflow:
            return ""
        if "divide by zero" in problem or "math domain error" in problem:
            return ("A probability (or a sum) rounded to 0, and its log is -inf. Never take the log of a "
                    f"probability; stay in log space: {_LOG_SPACE}. The sum's largest term is then exp(0) = 1, so "
                    "the sum is at least 1 and its log finite (a shift by anything else, such as the largest |z|, "
                    "can round the whole sum to 0).")
        if _underflow(problem):
            return ("exp underflowed to 0 somewhere, and 0 / 0 or inf - inf followed: stay in log space, "
                    f"{_LOG_SPACE}.")
        return ""
    return advice


def _capped_log(z: np.ndarray, expected: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: the answer is log(q + eps) or log(max(q, eps)), q = softmax(z), for an eps read off an entry
    whose probability rounds to 0 while its log is finite (eps = exp of the learner's value there), within 1e-9
    plus a relative 1e-9. Never the right answer: that entry's right value is far below log(eps)."""
    with np.errstate(all="ignore"):
        q = scipy.special.softmax(z)
    lost = (q == 0) & np.isfinite(expected)

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if not np.any(lost) or array is None or array.shape != q.shape or not np.all(np.isfinite(array[lost])):
            return False
        eps = float(np.exp(array[lost].max()))
        if not 0 < eps < 1 or np.any(array[lost] < expected[lost] + 1):
            return False
        with np.errstate(all="ignore"):
            forms = (np.log(q + eps), np.log(np.maximum(q, eps)))
        return any(close(array, form, rtol=1e-9, atol=1e-9) for form in forms)
    return recognise


def _lost_log_replaced(z: np.ndarray, expected: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: the answer is np.log(softmax(z)) with the -inf of each probability that rounds to 0 replaced by
    one finite number, as np.nan_to_num (the most negative double, -1.8e308), np.clip or np.maximum of the log, or
    np.where(np.isinf(...), c, ...) do: every such entry holds the same number, at least 1 away from its right value,
    and every other entry is right to 1e-9 plus a relative 1e-9 (cold read r147, X3)."""
    with np.errstate(all="ignore"):
        q = scipy.special.softmax(z)
    lost = (q == 0) & np.isfinite(expected)
    rest = ~lost & np.isfinite(expected)

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if not np.any(lost) or array is None or array.shape != q.shape or not np.all(np.isfinite(array[lost])):
            return False
        replaced = array[lost]
        return bool(np.all(replaced == replaced[0]) and np.all(np.abs(replaced - expected[lost]) >= 1)
                    and close(array[rest], expected[rest], rtol=1e-9, atol=1e-9))
    return recognise


def _epsilon_in_log_softmax(answer: object, z: np.ndarray, expected: np.ndarray) -> bool:
    """Whether a log-softmax is z - m - log(S + eps): every finite entry too small by one log(1 + eps / S), with eps
    named as in the log-sum-exp (_implied_epsilon), read off the entry of the largest logit, z = m, whose
    log-softmax is m minus the learner's log-sum-exp."""
    array = as_array(answer)
    finite = np.isfinite(expected)
    if array is None or array.shape != expected.shape or not np.all(np.isfinite(array[finite])):
        return False
    if np.all(array[finite].astype(np.float32).astype(float) == array[finite]):
        return False  # a float32 result: the near-miss hint names it
    top = int(np.argmax(z))
    total = float(np.sum(np.exp(z - z[top])))
    lse, theirs = float(z[top] - expected[top]), float(z[top] - array[top])
    implied = _implied_epsilon(theirs, lse, total)
    if implied is None:
        return False
    shifts = (expected - array)[finite]  # all about log(1 + eps / S), up to each entry's rounding
    return bool(np.all(np.abs(shifts - shifts[0]) <= 0.01 * abs(shifts[0]) + 4 * np.spacing(np.abs(expected[finite]))))


def _log_softmax_case(logits: list[float], label: str, beyond_longdouble: bool = False) -> Case:
    z = np.array(logits)
    expected = scipy.special.log_softmax(z)
    lse = float(scipy.special.logsumexp(z))
    finite_z = z[np.isfinite(z)]
    top = float(finite_z.max())
    total = float(np.sum(np.exp(finite_z - top)))
    copies = int(np.sum(z == top))  # how many logits tie for the maximum
    shape = f"({z.size},)"
    masked = np.isneginf(z)
    with np.errstate(all="ignore"):
        slips = [  # (what a slip returns, its hint), kept where it differs from the right answer
            # log1p of the others, picked by value (z[z != m]): every copy of a tied maximum left out of the sum, and
            # log1p adding back one exp(0) = 1 for them all (cold read r160, X1). First, since with two copies it
            # gives what the sum less one term gives, which an untied case names
            *([] if copies < 2 else
              [(expected + math.log(total) - math.log1p(total - copies),
                f"on {{label}} the maximum, {top:g}, appears {'twice' if copies == 2 else f'{copies} times'}, and each "
                "copy adds exp(0) = 1 to the sum; yours leaves every copy out (as z[z != m] does) and log1p adds "
                "back only one. Leave out one copy, np.delete(z, z.argmax()), before log1p, or take np.log of the "
                f"whole sum, {_LOG_SPACE}.")]),
            (z - top, f"that is z - max(z) alone: log-softmax also subtracts log(sum(exp(z - m))), {_LOG_SPACE}."),
            (expected + top, f"each entry is off by max(z) = {top:g}: the log-sum-exp is m + log(sum(exp(z - m))), "
                             f"so add m back before subtracting it: {_LOG_SPACE}."),
            (-expected, "the sign is flipped: log-probabilities are ≤ 0, z minus the log-sum-exp, not the other way "
                        "round."),
            (scipy.special.softmax(z), "those are the probabilities: log-softmax is their log, computed without them, "
                                       f"{_LOG_SPACE}."),
            (expected + math.log(z.size), f"each entry is off by exactly log K = log {z.size} (too large): that is "
                                          "the log of the mean of the exponentials (np.mean); take their sum."),
            (expected + math.log(total) - math.log1p(total),
             "np.log1p(s) is log(1 + s), so log1p(sum(exp(z - m))) counts the maximum's own term, exp(0) = 1, "
             f"twice: take np.log of the sum, {_LOG_SPACE}. (To keep log1p, leave exactly one term out of the sum, "
             "np.delete(z, z.argmax()): z[z != m] leaves out every copy of a tied maximum.)"),
            *[(expected + math.log(total) - math.log(total) / math.log(base),
               f"that subtracts a base-{base} log of the sum: {_NATURAL_LOG}.") for base in (10, 2)],
            # the whole answer in another base: np.log2 of the probabilities, or the right answer divided by log 2
            # (cold reads r143 X2, r145 X3), as Exercise 4's check names losses in bits
            (expected / math.log(2), "those are log-probabilities in bits, every entry divided by log 2 (as np.log2 "
                                     f"of the probabilities gives, or a division by np.log(2)): {_NATURAL_LOG}, so "
                                     f"log-softmax is in nats, with no division: {_LOG_SPACE}."),
            (expected / math.log(10), "those are base-10 log-probabilities, every entry divided by log 10 (as "
                                      f"np.log10 of the probabilities gives, or a division by np.log(10)): "
                                      f"{_NATURAL_LOG}; {_LOG_SPACE}."),
        ]
        if total - 1 > 0:  # the maximum's own term, exp(0) = 1, left out of the sum
            slips.append((expected + math.log(total) - math.log(total - 1),
                          "the sum is missing the maximum's own term, exp(m - m) = exp(0) = 1: sum exp(z - m) over "
                          f"every logit, the maximum included, {_LOG_SPACE}."))
        clipped = [scipy.special.log_softmax(np.clip(z, -bound, bound)) for bound in _CLIP_BOUNDS]
        capped = [np.log(scipy.special.softmax(z) + eps) for eps in _EPSILONS]
    same = _same_log_softmax(z)
    slips = [(value, message) for value, message in slips if not same(value, expected)]
    clipped = [value for value in clipped if not same(value, expected) and not np.any(np.isnan(value))]
    capped = [value for value in capped if not same(value, expected)]
    mistakes = [
        *([] if not beyond_longdouble else [_wider_float_silenced(expected, f"{_LOG_SPACE}.")]),
        Mistake(lambda a: number(a) is not None and math.isclose(number(a), lse, rel_tol=1e-9, abs_tol=1e-12),
                f"you returned one number, {{got}}, the log-sum-exp: log-softmax subtracts it from every logit, "
                f"one log-probability per logit, an array of shape {shape}: {_LOG_SPACE}."),
        Mistake(lambda a: as_array(a) is None or as_array(a).shape != z.shape,
                f"return one log-probability per logit, an array of shape {shape} for {{label}}; got {{got}}."),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                "your result has nan in it on {label}: an inf - inf (an overflowed sum) or 0 / 0 happened, and if "
                "you silenced NumPy's warning (np.errstate), the warning went, not the problem: "
                f"{_LOG_SPACE}."),
        *rounded_mistakes(expected, f"tolerance, {_log_softmax_tolerance(z)}"),
        Mistake(lambda a: bool(np.any(np.isposinf(as_array(a)))),
                f"your result has +inf in it on {{label}}: {_SILENCED} Factor out the max: {_LOG_SPACE}."),
        # the naive z - np.log(np.sum(np.exp(z))) with its warning silenced (np.errstate(over="ignore"), the pattern
        # of the section's naive_lse), or a shift by anything but the maximum: an exp overflows to inf, so does the
        # log of the sum, and every finite logit minus it is -inf (cold read r141, X1)
        Mistake(lambda a: bool(np.all(np.isneginf(as_array(a)[~masked]))),
                "on {label} every log-probability is -inf ({got}): an exp overflowed to inf, and so did the sum and "
                "its log, so each logit minus that log is -inf. The warning was silenced (np.errstate), not the "
                f"problem. Factor out the max: {_LOG_SPACE}; every exponent is then ≤ 0 and the largest term is "
                "exp(0) = 1."),
        # np.log(softmax(z)) with its warning silenced: a probability that rounds to 0 gives -inf
        Mistake(lambda a: bool(np.any(np.isneginf(as_array(a)) & ~masked)),
                "on {label} a log-probability is -inf where it should be an ordinary number ({got}): its probability "
                "rounded to 0, and the log of 0 is -inf (np.log of softmax). Stay in log space and never take the "
                f"log of a probability: {_LOG_SPACE}."),
        *([] if not np.any(masked) else
          [Mistake(lambda a: bool(np.any(np.isfinite(as_array(a)[masked]))),
                   "on {label} the masked (-inf) logit must keep log-probability -inf, and yours got {got}: keep the "
                   "-inf (do not replace it by 0 or a moderate number); z - m - log(sum(exp(z - m))) needs no "
                   "special case for it, since -inf - m is -inf and exp(-inf) is exactly 0.")]),
        *[Mistake(value, message) for value, message in slips],
        *([] if not clipped else
          [Mistake(lambda a: any(_same_log_softmax(z)(a, value) for value in clipped),
                   "you clipped the logits (np.clip) so that exp cannot overflow, but that changes the answer: on "
                   "{label} yours, {got}, is the log-softmax of the clipped logits. Shift instead of clipping: "
                   f"subtracting m = z.max() makes every exponent ≤ 0 and loses nothing, {_LOG_SPACE}.")]),
        *([] if not capped else
          [Mistake(lambda a: any(close(a, value, rtol=1e-12, atol=1e-12) for value in capped),
                   "an epsilon inside the log of a probability, log(q + eps), moves every entry and caps a tiny "
                   "probability's log near log(eps) (on [0, -1000] log(q + 1e-9) gives about -20.7, not -1000): "
                   f"never take the log of a probability; {_LOG_SPACE}.")]),
        # any other epsilon or floor on the probability (1e-20, 1e-300, np.clip(q, 1e-12, 1), np.maximum):
        # right on ordinary cases, capped where the probability underflows to 0
        Mistake(_capped_log(z, expected),
                "on {label} yours, {got}, caps the log of a probability that rounds to 0 at the log of an epsilon "
                "or a floor (log(q + eps), np.clip(q, eps, 1) or np.maximum(q, eps)), where the right value is "
                f"{np.round(expected, 6).tolist()}: never take the log of a probability; {_LOG_SPACE}."),
        Mistake(_lost_log_replaced(z, expected),
                "on {label} yours is {got}: a finite number stands where the log of a probability that rounded to 0 "
                "is -inf (np.nan_to_num puts the most negative double there; np.clip, np.maximum or np.where of the "
                f"log put another number), and the right answer is {np.round(expected, 6).tolist()}: a number put in "
                "after the rounding cannot bring back what the probability lost. Never take the log of a "
                f"probability; {_LOG_SPACE}."),
        Mistake(lambda a: _epsilon_in_log_softmax(a, z, expected),
                "on {label} every entry is too small by the same log(1 + eps / S), S the sum of exp(z - m) (off by "
                "{{err}}): an epsilon was added inside the log, log(S + eps). Leave it out: once the maximum is "
                "subtracted the largest term is exp(0) = 1, so S is at least 1 and its log is never log 0."),
        Mistake(near_miss(expected), "your result is close, but not within the check's tolerance (on {label}: off "
                                     "by up to {{err}}, and the check allows "
                                     f"{_log_softmax_tolerance(z)}): return the unrounded float64 result (no "
                                     "rounding, no float32, and no epsilon in the log)."),
    ]
    width = float(np.ptp(finite_z))  # beyond 709, a shift by the minimum, the mean or another logit overflows
    can_underflow = bool(width > 700 or top < -700)  # an exp of a logit, shifted or not, rounds to 0
    on_problem = _log_softmax_on_problem(width, can_underflow)
    if beyond_longdouble or width > _LONGDOUBLE_EXP_MAX:  # a shift by anything but the maximum overflows any float
        on_problem = _first_advice(_wider_float(f"{_LOG_SPACE}."), on_problem)
    return Case((z.copy(),), expected,
                f"on {label} the log-softmax is {np.round(expected, 6).tolist()}; yours is {{got}}: "
                f"{_LOG_SPACE}.", label, tuple(mistakes), on_problem)


def _log_softmax_atol(z: np.ndarray) -> float:
    """Exercise 2's absolute tolerance on the logits z: 1e-12, or 8 units in the last place of the largest finite
    |logit| where that is more (from |z| = 1024 up, where 8 units are 8 * 2^-42 = 1.8e-12), so that a log-sum-exp a
    few units off is right (_same_log_softmax says why)."""
    finite = np.abs(z[np.isfinite(z)])
    return max(1e-12, 8 * float(np.spacing(finite.max()))) if finite.size else 1e-12


def _log_softmax_tolerance(z: np.ndarray) -> str:
    """How Exercise 2's hints state the tolerance on the logits z (cold read r160, X3: "1e-12" understated it on
    the logits 12000 apart)."""
    atol = _log_softmax_atol(z)
    if atol == 1e-12:
        return "1e-12 plus a relative 1e-12"
    largest = float(np.max(np.abs(z[np.isfinite(z)])))
    return f"{atol:.2g} (8 units in the last place of {largest:g}) plus a relative 1e-12"


def _same_log_softmax(z: np.ndarray) -> Callable[[object, object], bool]:
    """Right for Exercise 2: the shape of z, -inf exactly where the right answer has it, every other entry within
    1e-12 (or 8 units in the last place of the largest finite |logit|, if more) plus a relative 1e-12 (the
    log-sum-exp's rule, entry by entry), and no epsilon inside the log named by _epsilon_in_log_softmax (from 2e-13
    up, on the first case; below, within the 1e-12 on every case)."""
    # A log-sum-exp a few units off in its last place is right (summed in another order, say), and z - LSE carries
    # that error into every entry: near the largest logit of [0, 12000, -12000] a unit is 1.8e-12, above the 1e-12.
    # So the absolute tolerance is at least 8 units in the last place of the largest finite |logit| (9.1e-13 at
    # 1000, below the 1e-12, so the earlier cases keep theirs)
    atol = _log_softmax_atol(z)

    def same(answer: object, expected: object) -> bool:
        target = np.asarray(expected, dtype=float)
        return (close(answer, target, rtol=1e-12, atol=atol)
                and not _epsilon_in_log_softmax(answer, z, target))
    return same


def _log_softmax_cases() -> list[Case]:
    """Built afresh for every check, so nothing a learner's code does can change them."""
    return [
        _log_softmax_case([1.0, 2.0, 3.0], "[1, 2, 3]"),
        _log_softmax_case([1000.0, 1001.0], "[1000, 1001]"),
        # the second probability, e^-1000, rounds to 0, so np.log(softmax(z)) gives -inf; its log is -1000
        _log_softmax_case([0.0, -1000.0], "[0, -1000]"),
        _log_softmax_case([-1000.0, -1001.0, -1002.0], "[-1000, -1001, -1002]"),
        # wide: a shift by the mean or the minimum overflows; the maximum last, then first
        _log_softmax_case([-1000.0, 0.0, 1000.0], "[-1000, 0, 1000]"),
        _log_softmax_case([1000.0, 0.0, -1000.0], "[1000, 0, -1000]"),
        _log_softmax_case([0.0, -np.inf, 1.0], "[0, -inf, 1] (the -inf entry is masked)"),
        _log_softmax_case([5.0], "a single logit [5]"),
        # beyond every float type (cold read r151, X4): e^-1000 fits in x86's 80-bit long double (down to about
        # e^-11355), so the log of a probability computed in np.longdouble passed [0, -1000]; e^-20000 rounds to 0
        _log_softmax_case([0.0, -20000.0], "[0, -20000] (e^-20000 rounds to 0 even in np.longdouble)"),
        # a tied maximum (cold read r160, X1): log1p of the others picked by value, z[z != m], drops both 2s from the
        # sum and passed every case above
        _log_softmax_case([2.0, 2.0, 0.0], "[2, 2, 0] (a tied maximum)"),
        # beyond np.longdouble's range at the top too (cold read r157, X1): the naive formula, or a shift by the first
        # logit, computed in np.longdouble, passed every case above on x86; here each of them, and a shift by the
        # minimum, the mean or the last logit, leaves an exponent of 12000 or 24000; only the maximum (12000, in the
        # middle) does not
        _log_softmax_case([0.0, 12000.0, -12000.0], f"[0, 12000, -12000] ({_BEYOND_LONGDOUBLE})",
                          beyond_longdouble=True),
    ]


def _log_of_a_lost_probability(z: np.ndarray, answer: object) -> float | None:
    """The right log-probability of an entry that the answer makes -inf while every other entry is finite and the
    right answer is finite there, as np.log of a probability that rounded to 0 does (the exercise's starter,
    np.log(softmax(z))); None for any other answer, such as one whose whole sum rounded to 0 (+inf or nan entries).

    The starter prints this hint, so it names the symptom and the idea, not the line of code (cold read r139, X1)."""
    expected = scipy.special.log_softmax(z)
    array = as_array(answer)
    if array is None or array.shape != expected.shape:
        return None
    lost = np.isneginf(array) & np.isfinite(expected)
    rest = np.isfinite(expected) & ~lost
    if not np.any(lost) or not np.all(np.isfinite(array[rest])):
        return None
    return float(expected[lost][0])


def check_log_softmax(log_softmax_1d: Callable) -> None:
    """Exercise 03.2: ``log_softmax_1d(z)``, log softmax(z) for a 1-D array, computed in log space: finite where the
    probability itself underflows ([0, -1000] gives [0, -1000]), -inf for a masked -inf logit, no overflow.
    Each entry within 1e-12 (more where the logits are large: _same_log_softmax) plus a relative 1e-12 of
    scipy.special.log_softmax, and an epsilon inside the log
    named from 2e-13 up (_same_log_softmax)."""
    calls: list[tuple[np.ndarray, object]] = []  # (the logits, what the learner returned), local to this call
    learner = _recording(log_softmax_1d, calls)
    cases = _log_softmax_cases()
    for case in cases:
        message = first_miss(learner, [case], same=_same_log_softmax(case.args[0]))
        if message is not None and "emitted a RuntimeWarning" in message and calls:
            # np.where(q > 0, np.log(q), ...) computes the log of the 0 it then discards: right, but it warned
            given, value = calls[-1]
            if _same_log_softmax(given)(value, scipy.special.log_softmax(given)):
                kind = message.split("emitted a RuntimeWarning: ", 1)[1].split(".")[0]
                return hint(f"on {case.label}, your log-probabilities are right, but computing them emitted a "
                            f"RuntimeWarning ({kind}), and the check counts any warning as a failure. "
                            f"{_warned_why(log_softmax_1d, kind)}. Compute only what you keep: "
                            f"{_LOG_SPACE}, with no branch and no log of a probability.")
        if message is not None and "emitted a RuntimeWarning: divide by zero" in message and calls:
            lost = _log_of_a_lost_probability(*calls[-1])
            if lost is not None:
                return hint(f"on {case.label}, it emitted a RuntimeWarning: divide by zero, and your "
                            f"log-probability there is -inf where it should be {lost:.6g}, an ordinary number. The "
                            "probability rounded to 0, and the log of 0 is -inf: a log taken after the rounding "
                            "cannot bring back what the probability lost. Never take the log of a probability: "
                            "compute the log-probabilities from the logits and their log-sum-exp, as the section "
                            "\"Log-sum-exp and log-softmax\" writes log-softmax.")
        if message is not None:
            if "{err}" in message:
                error = "?"
                if calls:
                    given, value = calls[-1]
                    array = as_array(value)
                    target = scipy.special.log_softmax(given)
                    finite = np.isfinite(target)
                    if array is not None and array.shape == target.shape and np.all(np.isfinite(array[finite])):
                        error = f"{float(np.max(np.abs(array[finite] - target[finite]))):.1e}"
                message = message.replace("{err}", error)
            return hint(message)
    library = _library_call(log_softmax_1d, cases)
    if library is not None:
        return hint(_library_hint(library, "log-softmax", f"subtract the log-sum-exp from z, {_LOG_SPACE} "
                                                          "(scipy.special.logsumexp may compute the log-sum-exp)."))
    return passed("Your log-softmax matches scipy.special.log_softmax, in log space: [0, -1000] gives [0, -1000], "
                  "where the probability itself rounds to 0.")
