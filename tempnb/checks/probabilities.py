"""Exercise checks for notebook 01-probabilities."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import scipy.optimize

from tempnb._validate import check_probabilities
from tempnb.checks._common import (
    Case,
    InputChanged,
    Mistake,
    as_array,
    call,
    calls,
    check_number,
    first_miss,
    hint,
    near,
    number,
    passed,
    shown,
)
from tempnb.core import validate_probs

# A valid distribution whose entries, as floats, do not add up to exactly 1 however they are
# added: the exact sum of the three doubles is 1 - 8.3e-17, which rounds to 0.9999999999999999
# (the double just below 1), so plain, pairwise, compensated (Python 3.12+ sum) and exact
# (math.fsum) summation all miss 1. tests/test_checks.py verifies this with Fraction arithmetic.
ROUNDED_SUM_CASE = [0.09, 0.345, 0.565]

_TOLERANCE = ("Compare the sum with 1 within the course's 1e-6, well above the rounding error of about 1e-16: "
              "abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6); not == or a smaller "
              "tolerance.")


def _is_bool(answer: object) -> bool:
    """True or False: a Python bool, a NumPy bool, or a 0-d boolean array (np.asarray(True)), which all test alike."""
    return isinstance(answer, (bool, np.bool_)) or (
        isinstance(answer, np.ndarray) and answer.ndim == 0 and answer.dtype == bool)


def _same_truth(answer: object, expected: object) -> bool:
    return _is_bool(answer) and bool(answer) == expected


def _boolean_leaves(value: object) -> list[bool] | None:
    """The booleans of a list or tuple of booleans, nested or not, in order; None if it holds anything else."""
    if _is_bool(value):
        return [bool(value)]
    if not isinstance(value, (list, tuple)) or not value:
        return None
    leaves: list[bool] = []
    for item in value:
        inner = _boolean_leaves(item)
        if inner is None:
            return None
        leaves += inner
    return leaves


def _as_python_bools(value: object) -> object:
    """`value` with every NumPy bool made a Python bool, so that its repr reads [True] or (True,) as written."""
    if isinstance(value, tuple):
        return tuple(_as_python_bools(item) for item in value)
    if isinstance(value, list):
        return [_as_python_bools(item) for item in value]
    return bool(value)


def _shown_as_given(value: object) -> str:
    """The learner's answer as they returned it. shown() reads every answer as numbers, which turns the booleans
    of (True, True) into [1.0, 1.0]; here True stays True, and a flat container of several booleans gets advice to
    combine them."""
    if _is_bool(value):
        return str(bool(value))
    if isinstance(value, (tuple, list)) and 0 < len(value) <= 12:
        kind = "tuple" if isinstance(value, tuple) else "list"
        count = f"{len(value)} value{'' if len(value) == 1 else 's'}"
        if _boolean_leaves(value) is not None:
            text = f"a {kind} of {count}, {_as_python_bools(value)!r}"
            if len(value) > 1 and all(_is_bool(item) for item in value):
                text += "; combine them into one with `and` (or & between arrays)"
            return text
        items = ", ".join(str(bool(item)) if _is_bool(item) else
                          str(float(f"{number(item):.6g}")) if number(item) is not None else shown(item)
                          for item in value)
        return f"a tuple of {count}, ({items}{',' if len(value) == 1 else ''})" if kind == "tuple" else (
            f"a list of {count}, [{items}]")
    if isinstance(value, np.ndarray) and value.dtype == bool and 0 < value.size <= 12:
        return f"a boolean array of shape {value.shape}, {value.tolist()}"
    return shown(value)


_NOT_BOOL = Mistake(lambda answer: not _is_bool(answer), "return True or False; your function returned {got}.")


def _boolean_array(answer: object, shape: tuple[int, ...] | None = None) -> bool:
    """True if `answer` is a boolean array of at least one dimension (and of `shape`, if given)."""
    return (isinstance(answer, np.ndarray) and answer.dtype == bool and answer.ndim > 0
            and (shape is None or answer.shape == shape))


def _one_answer_in_a_list(answer: object) -> bool:
    """True if `answer` is a list, nested or not, that holds exactly one True or False: [True], [[True]]."""
    leaves = _boolean_leaves(answer) if isinstance(answer, list) else None
    return leaves is not None and len(leaves) == 1


def _one_answer_in_a_tuple(answer: object) -> bool:
    """True if `answer` is a tuple of one True or False, (True,): what `return answer,` returns."""
    return isinstance(answer, tuple) and len(answer) == 1 and _is_bool(answer[0])


def _array_answer_mistakes(entries: int) -> tuple[Mistake, ...]:
    """The containers a function returns for a vector of `entries` entries when it should return one True or
    False: one answer per entry (the tests without np.all), or one answer inside an array of size 1 (keepdims=True
    keeps the reduced axis; np.atleast_2d makes the vector a one-row batch), inside a list of one value (the same
    through .tolist(), or brackets around the answer), or inside a tuple of one value (a comma after the answer).
    For a vector of one entry one answer per entry and one answer in a container look alike, so those hints name
    both."""
    per_entry = Mistake(lambda answer: _boolean_array(answer, (entries,)) and entries > 1,
                        "on {label}, return True or False; your function returned {got}: one True or False per "
                        "entry; combine the entries into one answer with np.all(..., axis=-1).")
    one_row = Mistake(lambda answer: _boolean_array(answer) and answer.size == 1 and entries > 1,
                      "on {label}, return True or False; your function returned {got}: one answer, but inside an "
                      "array. keepdims=True keeps the reduced axis, and np.atleast_2d makes the vector a batch of "
                      "one row; for a single vector return one True or False, so leave both out: "
                      "np.all(..., axis=-1) and p.sum(axis=-1) then give one value for a vector and one per row "
                      "for a batch.")
    either = Mistake(lambda answer: _boolean_array(answer) and answer.size == 1 and entries == 1,
                     "on {label}, return True or False; your function returned {got}: one True or False per "
                     "entry, or one answer inside an array (from keepdims=True or np.atleast_2d?); for a single "
                     "vector return one True or False: np.all(..., axis=-1) and p.sum(axis=-1), without keepdims "
                     "or np.atleast_2d.")
    # np.atleast_2d (or keepdims=True) and then .tolist(): the answer of a batch of one row, as a list; or brackets
    # around the answer
    in_a_list = Mistake(lambda answer: _one_answer_in_a_list(answer) and entries > 1,
                        "on {label}, return True or False; your function returned {got}: one answer, but inside a "
                        "list. Two causes give that: np.atleast_2d (or keepdims=True) made the vector a batch of "
                        "one row, whose answer .tolist() or list() turned into a list; or brackets around the "
                        "returned value, return [answer]. For a single vector return one True or False, so leave "
                        "them out: np.all(..., axis=-1) and p.sum(axis=-1) then give one value for a vector and one "
                        "per row for a batch.")
    either_in_a_list = Mistake(lambda answer: _one_answer_in_a_list(answer) and entries == 1,
                               "on {label}, return True or False; your function returned {got}: one True or False "
                               "per entry, or one answer inside a list (from np.atleast_2d or keepdims=True, then "
                               ".tolist()?); for a single vector return one True or False: np.all(..., axis=-1) and "
                               "p.sum(axis=-1), without keepdims or np.atleast_2d.")
    # a comma after the returned value: return answer, is return (answer,)
    in_a_tuple = Mistake(_one_answer_in_a_tuple,
                         "on {label}, return True or False; your function returned {got}: one answer, but inside a "
                         "tuple. A comma after the returned value makes a tuple of one value (return answer, is "
                         "return (answer,)): leave the comma out.")
    return per_entry, one_row, either, in_a_list, either_in_a_list, in_a_tuple


def _list_advice(problem: str) -> str:
    """The usual causes of these errors here: & written between unparenthesised comparisons, or a list given
    where the code expects an array."""
    if problem.startswith("it raised TypeError") and (
            "bitwise_and" in problem or "unsupported operand type(s) for &" in problem):
        # p >= 0 & p <= 1 reads as p >= (0 & p) <= 1: & binds tighter than >=, so it meets a float array (or list)
        return ("Put every comparison joined by & in its own parentheses: & binds tighter than <, <=, >= and "
                ">, so p >= 0 & p <= 1 computes 0 & p first, and ... & np.abs(total - 1) <= 1e-6 computes "
                "... & np.abs(total - 1) first. Write (p >= 0) & (p <= 1), and (np.abs(total - 1) <= 1e-6) "
                "after an &." + (
                    " The exercise passes plain lists too: convert first with p = np.asarray(p, dtype=float)."
                    if "list" in problem else ""))
    if (problem.startswith("it raised TypeError") and "list" in problem) or problem.startswith(
            "it raised AttributeError"):
        return ("The exercise passes plain lists too: convert first with p = np.asarray(p, dtype=float), "
                "as is_distribution does.")
    if problem.startswith("it raised AxisError"):
        return ("A single vector has one axis, axis 0; axis=1 exists only in a batch. Use axis=-1, the last "
                "axis: a vector's only axis, and a batch's rows.")
    if problem.startswith("it raised ValueError") and "truth value of an array" in problem:
        return ("0 <= p <= 1 and `and` ask Python for one True or False about a whole array: compare twice "
                "and combine elementwise with &, np.all((p >= 0) & (p <= 1)).")
    return ""


def _nan_advice(problem: str) -> str:
    """NaN compared one number at a time inside np.vectorize: NumPy reports the comparison's 'invalid' flag."""
    if problem.startswith("it emitted a RuntimeWarning: invalid value"):
        return ("Comparing NaN with < or <= one number at a time raises the floating-point 'invalid' flag, and "
                "np.vectorize (or np.frompyfunc), which runs your Python function as a NumPy ufunc, reports it "
                "as this warning. Compare the whole array at once, np.all((p >= 0) & (p <= 1), axis=-1), which "
                "is silent and False for NaN, or test np.isnan(x) before comparing.")
    return _list_advice(problem)


# how the hints on entries a hair outside [0, 1] end
_ENTRIES_EXACTLY = ("Only the sum needs a tolerance: test the entries exactly, (p >= 0) & (p <= 1), on the input "
                    "as given.")
# how the hint on [1 + 1e-10, 0.0] opens; check_is_valid_distribution names float32 instead when it fits
_ABOVE_ONE_BY_1E_10 = "[1 + 1e-10, 0.0] has an entry above 1"
# how the hints on [-0.5, 0.5, 1.0] and on [nan, 1.0] (a list or an array) open; a sharper hint may replace them
_NEGATIVE_ENTRY = "[-0.5, 0.5, 1.0] sums to 1 and has no entry above 1"
_NAN_OPENINGS = ("[nan, 1.0] is not a distribution", "np.array([nan, 1.0]) is not a distribution")

_VALIDITY_CASES = [
    Case(([0.25, 0.75],), True, "the course's example [0.25, 0.75] is valid, but your function returned {got}.",
         "[0.25, 0.75]", (_NOT_BOOL,), _list_advice),
    Case(([0.0, 1.0],), True, "[0.0, 1.0] is valid; your function returned {got}. An entry may equal 1 (and 0): "
         "test 0 <= p and p <= 1, not strict inequalities.", "[0.0, 1.0]", (_NOT_BOOL,), _list_advice),
    Case(([1.0],), True, "a single certain outcome, [1.0], is a valid distribution over one outcome; your function "
         "returned {got}. Do not require more than one entry.", "[1.0]", (_NOT_BOOL,), _list_advice),
    Case((list(ROUNDED_SUM_CASE),), True,
         f"[0.09, 0.345, 0.565] is valid, but its float sum is 0.9999999999999999. {_TOLERANCE}",
         "[0.09, 0.345, 0.565]", (_NOT_BOOL,), _list_advice),
    Case((np.array([0.0, 0.0, 1.0]),), True,
         "np.array([0, 0, 1]) is valid: zeros are allowed (and your function must accept NumPy arrays).",
         "np.array([0, 0, 1])", (_NOT_BOOL,)),
    Case(([0.02, 0.12, 0.29, 0.57],), True,
         f"the rounded vector honest, [0.02, 0.12, 0.29, 0.57], is valid, but its float sum is 0.9999999999999999. "
         f"{_TOLERANCE}", "[0.02, 0.12, 0.29, 0.57]", (_NOT_BOOL,), _list_advice),
    Case((np.full(1000, 0.001),), True,
         "1,000 entries of 0.001 make a valid distribution, but their np.sum is 1.0000000000000004: rounding "
         "errors grow with the number of terms, so a tolerance as small as machine epsilon (2.2e-16) rejects "
         "it. The 1e-6 used above is plenty.", "np.full(1000, 0.001)", (_NOT_BOOL,)),
    # thirds typed to 12 decimals: 1 - 1e-12 by any summation, exact ones included (math.fsum), so only a
    # tolerance well above rounding error accepts it, as the course's rule (within 1e-6) does
    Case(([0.333333333333] * 3,), True,
         "[0.333333333333] * 3, thirds typed to 12 decimals, counts as valid under the course's rule (a sum "
         "within 1e-6 of 1), but sums to about 1 - 1e-12 however it is added, math.fsum included: rounded "
         "inputs are off by far more than machine epsilon, or a few units of it. Compare the sum with 1 "
         "within 1e-6.", "[0.333333333333] * 3", (_NOT_BOOL,), _list_advice),
    # thirds typed to 7 decimals: 1e-7 below 1, inside the course's 1e-6; a tolerance of 1e-9 (or
    # math.isclose's default relative 1e-9) rejects it
    Case(([0.3333333] * 3,), True,
         "[0.3333333] * 3, thirds typed to 7 decimals, sums to 0.9999999: within 1e-6 of 1, so valid under the "
         "course's rule, but your tolerance is tighter than that (math.isclose's default, for example, allows "
         "only a relative 1e-9). Use abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6).",
         "[0.3333333] * 3", (_NOT_BOOL,), _list_advice),
    Case((np.array([0.75, 0.25]),), True, "np.array([0.75, 0.25]) is valid; your function returned {got}.",
         "np.array([0.75, 0.25])", (_NOT_BOOL,)),
    # 8e-7 below 1: inside the course's 1e-6, so a tolerance of 2e-7 to 5e-7 (or rounding the sum to 6
    # decimals) is named as too tight
    Case(([0.5, 0.4999992],), True,
         "[0.5, 0.4999992] sums to 0.9999992: within 1e-6 of 1, so valid under the course's rule, but your "
         "tolerance is tighter than that (or the sum was rounded, which is not a tolerance). Use "
         "abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6).",
         "[0.5, 0.4999992]", (_NOT_BOOL,), _list_advice),
    # 9.5e-7 below 1 (exactly 1 - 9.49999999999562e-7 as doubles): still inside the course's 1e-6, so a
    # tolerance of 9e-7 is named as too tight
    Case(([0.5, 0.49999905],), True,
         "[0.5, 0.49999905] sums to 0.99999905: within 1e-6 of 1, so valid under the course's rule, but your "
         "tolerance is tighter than that (or the sum was rounded, which is not a tolerance). Use "
         "abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6).",
         "[0.5, 0.49999905]", (_NOT_BOOL,), _list_advice),
    Case(([0.5, 0.6],), False, "[0.5, 0.6] sums to 1.1, so it is not a distribution; check the sum.",
         "[0.5, 0.6]", (_NOT_BOOL,), _list_advice),
    Case(([0.3, 0.3],), False,
         "[0.3, 0.3] sums to 0.6, below 1, so it is not a distribution. A sum test written as total - 1 <= tol "
         "passes every sum below 1: compare the distance, abs(total - 1), with the tolerance.",
         "[0.3, 0.3]", (_NOT_BOOL,), _list_advice),
    Case(([0.4, 0.601],), False,
         "[0.4, 0.601] sums to 1.001: your tolerance is too loose; rounding errors are about 1e-16, "
         "so the 1e-6 used above is plenty.", "[0.4, 0.601]", (_NOT_BOOL,), _list_advice),
    # 5e-6 above 1: outside the course's 1e-6; np.isclose's default (a relative 1e-5) lets it through
    Case(([0.5, 0.500005],), False,
         "[0.5, 0.500005] sums to 1.000005, more than 1e-6 from 1: your tolerance is looser than the course's "
         "1e-6 (np.isclose's default, for example, allows a relative 1e-5), or the sum was rounded, which is "
         "not a tolerance. Use abs(total - 1) <= 1e-6, or "
         "np.isclose(total, 1, rtol=0, atol=1e-6).", "[0.5, 0.500005]", (_NOT_BOOL,), _list_advice),
    # 1.5e-6 above 1: just outside the course's 1e-6, so a tolerance of 2e-6 or 5e-6 is named too
    Case(([0.5, 0.5000015],), False,
         "[0.5, 0.5000015] sums to 1.0000015, more than 1e-6 from 1: your tolerance is looser than the course's "
         "1e-6. Use abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6).",
         "[0.5, 0.5000015]", (_NOT_BOOL,), _list_advice),
    # its mirror, 1.5e-6 below 1: reached only by a function that rejected 1.0000015, so a tolerance looser
    # below 1 than above it, such as (total >= 1 - 1e-4) & (total <= 1 + 1e-6)
    Case(([0.5, 0.4999985],), False,
         "[0.5, 0.4999985] sums to 0.9999985, 1.5e-6 below 1, so it is not a distribution; your function accepts "
         "it but rejects [0.5, 0.5000015], 1.5e-6 above: a one-sided tolerance; the tolerance must be the same on "
         "both sides: abs(sum - 1) <= 1e-6.", "[0.5, 0.4999985]", (_NOT_BOOL,), _list_advice),
    # 1.2e-6 above and below 1 (as doubles, 1.2e-6 within 4e-17): just outside the course's 1e-6, so a
    # tolerance of 1.4e-6 is named as too loose; the one below is reached only by a function that rejected
    # the one above, so a tolerance looser below 1 than above it
    Case(([0.5, 0.5000012],), False,
         "[0.5, 0.5000012] sums to 1.0000012, more than 1e-6 from 1: your tolerance is looser than the course's "
         "1e-6. Use abs(total - 1) <= 1e-6, or np.isclose(total, 1, rtol=0, atol=1e-6).",
         "[0.5, 0.5000012]", (_NOT_BOOL,), _list_advice),
    Case(([0.5, 0.4999988],), False,
         "[0.5, 0.4999988] sums to 0.9999988, 1.2e-6 below 1, so it is not a distribution; your function accepts "
         "it but rejects [0.5, 0.5000012], 1.2e-6 above: your tolerance is looser below 1 than the course's 1e-6; "
         "the tolerance must be the same on both sides: abs(sum - 1) <= 1e-6.",
         "[0.5, 0.4999988]", (_NOT_BOOL,), _list_advice),
    Case(([-0.25, 1.25],), False,
         "[-0.25, 1.25] sums to 1 but has a negative entry: every entry must also lie in [0, 1].",
         "[-0.25, 1.25]", (_NOT_BOOL,), _list_advice),
    # the same vector as an array. On a list, np.asarray(p, dtype=float) makes a new array, so cleaning it in
    # place (p[p < 0] = 0, np.clip(p, 0, 1, out=p), np.minimum(p, 1, out=p)) leaves the list as it was; on an
    # array of floats it returns the caller's array itself, so the same cleaning changes the input and is reported
    Case((np.array([-0.25, 1.25]),), False,
         "np.array([-0.25, 1.25]) sums to 1 but has a negative entry: every entry must also lie in [0, 1].",
         "np.array([-0.25, 1.25])", (_NOT_BOOL,)),
    Case(([-0.5, 0.5, 1.0],), False,
         "[-0.5, 0.5, 1.0] sums to 1 and has no entry above 1, but -0.5 is negative: every entry must be >= 0.",
         "[-0.5, 0.5, 1.0]", (_NOT_BOOL,), _list_advice),
    Case(([float("nan"), 1.0],), False,
         "[nan, 1.0] is not a distribution. Every comparison with NaN except != is False, so tests written as "
         "'not (p < 0)' and 'not (abs(total - 1) > tol)' both let NaN through: test for it explicitly "
         "(np.isnan), or write each test so that it must be True to pass.", "[nan, 1.0]", (_NOT_BOOL,),
         _nan_advice),
    Case((np.array([float("nan"), 1.0]),), False,
         "np.array([nan, 1.0]) is not a distribution: test for NaN explicitly (np.isnan).",
         "np.array([nan, 1.0])", (_NOT_BOOL,), _nan_advice),
    # the sum is within the tolerance, so only the entry test rejects it
    Case(([1.0000005, 0.0],), False,
         "[1.0000005, 0.0] has an entry above 1; its sum is within 1e-6 of 1, so the sum test does not catch it: "
         "test p <= 1 as well as p >= 0, with no tolerance on the entries (p <= 1 + 1e-6 lets it through too; "
         "only the sum needs one).",
         "[1.0000005, 0.0]", (_NOT_BOOL,), _list_advice),
    # entries 1e-10 outside [0, 1], one side at a time, with sums within 1e-6 of 1: the rule "every entry in
    # [0, 1]" rejects both, so a tolerance on the entries (p <= 1 + tol or p >= -tol, even tol = 1e-9) is named
    Case(([1 + 1e-10, 0.0],), False,
         f"{_ABOVE_ONE_BY_1E_10}, by 1e-10: only the sum needs a tolerance; test the entries "
         "exactly (0 <= p <= 1).", "[1 + 1e-10, 0.0]", (_NOT_BOOL,), _list_advice),
    Case(([-1e-10, 1.0],), False,
         "[-1e-10, 1.0] has an entry below 0, by 1e-10: only the sum needs a tolerance; test the entries "
         "exactly (0 <= p <= 1).", "[-1e-10, 1.0]", (_NOT_BOOL,), _list_advice),
    # the same one side at a time, as near [0, 1] as a case can be: the double just above 1 (1 + 2**-52, 2.2e-16
    # above it) and an entry 1e-16 below 0. Every tolerance on the entries lets one of them through, 1e-12 and
    # machine epsilon included, and so does rounding the entries to 15 decimals or fewer (to 1.0 and -0.0).
    Case(([float(np.nextafter(1.0, 2.0)), 0.0],), False,
         "[1.0000000000000002, 0.0] has an entry above 1: 1.0000000000000002 is the double just above 1, 2.2e-16 "
         "above it. Your entry test has a tolerance (even 1e-12 or np.finfo(float).eps is one), or the entries are "
         f"rounded first, which turns it into 1.0. {_ENTRIES_EXACTLY}", "[1.0000000000000002, 0.0]", (_NOT_BOOL,),
         _list_advice),
    Case(([-1e-16, 1.0],), False,
         "[-1e-16, 1.0] has an entry below 0, by 1e-16. Your entry test has a tolerance (even 1e-12 or "
         "np.finfo(float).eps is one), or the entries are rounded first, which turns -1e-16 into -0.0, and "
         "-0.0 >= 0 is True. "
         f"{_ENTRIES_EXACTLY}", "[-1e-16, 1.0]", (_NOT_BOOL,), _list_advice),
]


# Each case's hints for a boolean array instead of one True or False, worded for the size of its vector, come
# before the general "return True or False" (_NOT_BOOL) its row names.
_VALIDITY_CASES = [replace(case, mistakes=(*_array_answer_mistakes(np.size(case.args[0])), *case.mistakes))
                   for case in _VALIDITY_CASES]


# A batch, one distribution per row: five rows and two columns, so that an answer per column (axis 0)
# has another shape than an answer per row. Rows: valid, sums to 1.1, NaN, a negative entry, valid.
_BATCH = np.array([[0.25, 0.75], [0.5, 0.6], [float("nan"), 1.0], [-0.25, 1.25], [0.3, 0.7]])
_BATCH.flags.writeable = False  # the learner's code only ever gets copies
_BATCH_EXPECTED = np.array([True, False, False, False, True])
# its two valid rows alone: a function that answers per row here but with one False for _BATCH stopped early
_VALID_BATCH = _BATCH[[0, 4]]
_VALID_BATCH.flags.writeable = False
# a valid row and a row summing to 1.1, in both orders: a function that gives one answer for a batch, True for the
# first and False for the second, answers as the batch's first row alone would (a return inside a loop over the
# rows); a test reduced over the whole array answers False for both, since neither batch is valid as a whole
_FIRST_ROW_VALID = _BATCH[[0, 1]]
_FIRST_ROW_VALID.flags.writeable = False
_FIRST_ROW_INVALID = _BATCH[[1, 0]]
_FIRST_ROW_INVALID.flags.writeable = False
_PER_ROW = ("sum each row with p.sum(axis=-1) and test the entries row by row with np.all(..., axis=-1), "
            "which also works for a single vector (its only axis is its last)")

# A second batch, at the edges of the course's rule, tried once the function is right on every single vector and on
# _BATCH: row 0 sums to 0.9999999, 1e-7 below 1, so it is valid; row 1 has an entry 5e-7 above 1 and a sum within
# 1e-6 of 1, so only an exact entry test rejects it; row 2 sums to 1.000005, 5e-6 above 1, which np.isclose's default
# tolerance (a relative 1e-5) accepts. _BATCH's valid rows sum to exactly 1.0, so a batch branch that tests the row
# sums with == 1 (or a tolerance tighter than 1e-6) passes it but rejects row 0 here. tests/test_checks.py derives
# the expected answers from the rule in exact arithmetic.
_EDGE_BATCH = np.array([[0.3333333, 0.6666666], [1.0000005, 0.0], [0.5, 0.500005]])
_EDGE_BATCH.flags.writeable = False
_EDGE_BATCH_EXPECTED = np.array([True, False, False])
# The hint for the first row the function gets wrong; each names the row's vector, which the function judged right
# on its own as a single vector, so the mistake sits in the code that handles a batch.
_EDGE_ROW_HINTS = (
    "your function says row 0, [0.3333333, 0.6666666], is not a distribution (all three rows: {answers}, expected "
    "[True, False, False]), though its sum, 0.9999999, is within 1e-6 of 1, and it accepts [0.3333333] * 3, whose "
    "sum is 0.9999999 too, as a single vector. So your batch branch (the code that handles a 2-D p) tests the row "
    "sums exactly, p.sum(axis=-1) == 1, or with a tolerance tighter than 1e-6. A batch needs the same rule as a single "
    "vector: np.abs(p.sum(axis=-1) - 1) <= 1e-6, which works for both, so no separate batch branch is needed.",
    "your function says row 1, [1.0000005, 0.0], is a distribution (all three rows: {answers}, expected "
    "[True, False, False]), though its first entry is above 1, and it rejects [1.0000005, 0.0] as a single vector. "
    "Its sum is within 1e-6 of 1, so only the entry test can reject it: your batch branch (the code that handles a "
    "2-D p) tests the entries with a tolerance (p <= 1 + 1e-6), or rounds or caps them first. Test them exactly, "
    "as for a single vector: np.all((p >= 0) & (p <= 1), axis=-1), which works for both.",
    "your function says row 2, [0.5, 0.500005], is a distribution (all three rows: {answers}, expected "
    "[True, False, False]), though its sum, 1.000005, is more than 1e-6 from 1, and it rejects [0.5, 0.500005] as a "
    "single vector. So your batch branch (the code that handles a 2-D p) compares the row sums with 1 more loosely "
    "than 1e-6 (np.isclose's default, for example, allows a relative 1e-5). Use the same rule as for a single "
    "vector: np.abs(p.sum(axis=-1) - 1) <= 1e-6, or np.isclose(p.sum(axis=-1), 1, rtol=0, atol=1e-6).",
)
_EDGE_LABEL = f"the batch {_EDGE_BATCH.tolist()}"


def _batch_problem(is_valid_distribution: Callable) -> str | None:
    """Why the answer on _BATCH is not one True/False per row, right in every row, or else why the answer on
    _EDGE_BATCH is wrong; None if both are right."""
    outcome = call(is_valid_distribution, _BATCH)
    if outcome.error is InputChanged:
        return f"on a batch of five rows, {outcome.problem}"
    if outcome.problem and "truth value of an array" in outcome.problem:
        # is_distribution with axis=-1 added but its `and` (or bool()) kept: one truth value of many rows
        return (f"on a batch of five rows, {outcome.problem}. Somewhere your code asks for one True or False "
                "about a whole array: `and`, bool() or `if` on a per-row test made with axis=-1, or a Python "
                "loop over p, which on a 2-D array meets whole rows, not numbers (NumPy's advice, .all(), would "
                "collapse the rows into one answer). Convert with p = np.asarray(p, dtype=float) and combine the "
                "per-row tests elementwise with &, without bool() or float(): "
                "np.all((p >= 0) & (p <= 1), axis=-1) & (np.abs(p.sum(axis=-1) - 1) <= 1e-6).")
    if outcome.problem:
        return f"on a batch of five rows, {outcome.problem}. One answer per row: {_PER_ROW}."
    if outcome.value is None:
        return "on a batch your function returned None; return one True or False per row."
    answer = as_array(outcome.value)
    if answer is not None and answer.ndim == 0 and _answers_as_first_row(is_valid_distribution):
        return (f"your function is right on single vectors, but on a batch of five rows it returned one answer, "
                f"{_shown_as_given(outcome.value)}, for the whole batch, and on two rows, a valid one and one summing "
                "to 1.1, it answers as the first row alone would, in either order: a `return` inside a loop over "
                "the rows returns after the first row, so the others are never looked at. Collect one answer per "
                "row in a list and return it after the loop, or drop the loop: "
                f"{_PER_ROW}.")
    if answer is not None and answer.ndim == 0 and _same_truth(outcome.value, False) and _answers_per_row(
            is_valid_distribution, _VALID_BATCH):
        return (f"on a batch of five rows your function returned one answer, False, for the whole batch, but on "
                f"its two valid rows alone, {_VALID_BATCH.tolist()}, one answer per row: an early return False "
                "(for example after np.isnan(p).any()) answers for the whole batch; fold the NaN test into the "
                "per-row &, as ~np.isnan(p).any(axis=-1) & ..., or rely on the comparisons, which are False "
                "for NaN.")
    # validate_probs itself, or another tempnb function that runs its check (tempnb.entropy, for one)
    validator = (calls(is_valid_distribution, (_BATCH,), validate_probs, check_probabilities)
                 if answer is not None and answer.ndim == 0 else None)
    if validator is not None:
        called = ("it calls validate_probs, which checks" if validator is validate_probs else
                  "it calls a tempnb function that checks its input as validate_probs does (tempnb.entropy, for "
                  "one), and that check looks at")
        return (f"your function is right on single vectors, but on a batch of five rows it returned one answer, "
                f"{_shown_as_given(outcome.value)}, for the whole batch: {called} the whole array at once (it "
                "raises if any row is wrong), so it cannot say which rows are valid. Call it once per row, or write "
                f"the per-row test yourself: {_PER_ROW}.")
    if answer is not None and answer.ndim == 0 and _one_answer_true(is_valid_distribution, _VALID_BATCH):
        return (f"your function is right on single vectors, but on a batch of five rows it returned one answer, "
                f"{_shown_as_given(outcome.value)}, for the whole batch, and one answer, True, for its two valid "
                f"rows alone, {_VALID_BATCH.tolist()}: it answers whether every row is valid, not which rows are. A "
                "loop over the rows that returns False at the first bad row (and True after the loop) does that, "
                "and so do per-row tests joined over the whole array, such as np.allclose(p.sum(axis=-1), 1, ...) "
                f"or np.all(...) without axis=. Return one answer per row: {_PER_ROW}.")
    if answer is None or answer.ndim == 0:
        return (f"your function is right on single vectors, but on a batch of five rows (a 2-D array, one "
                f"distribution per row) it returned one answer, {_shown_as_given(outcome.value)}, for the whole batch: "
                "np.allclose, and np.all or .all() without axis=, give one answer for a whole array. "
                f"Return one per row: {_PER_ROW}.")
    if answer.shape == (_BATCH.shape[1],):
        return (f"on a batch of five rows and two columns your function returned {answer.size} answers: one per "
                "column (axis 0). The rows are the distributions: use axis=-1 (or axis=1).")
    if answer.shape != _BATCH_EXPECTED.shape:
        return (f"on a batch of five rows your function returned an array of shape {answer.shape}; return one "
                f"True or False per row, shape (5,): {_PER_ROW}.")
    value = outcome.value
    booleans = (isinstance(value, np.ndarray) and value.dtype == bool) or (
        isinstance(value, (list, tuple)) and all(_is_bool(entry) for entry in value))
    if not booleans:
        return f"on a batch, return booleans, one per row; your function returned {shown(outcome.value)}."
    whole_array = (_whole_array_test(is_valid_distribution, answer) if not answer.any()
                   and _row_answers(is_valid_distribution, _VALID_BATCH) == [True, True] else None)
    if whole_array is not None:
        return whole_array
    wrong = np.flatnonzero(answer != _BATCH_EXPECTED)
    if wrong.size:
        row = int(wrong[0])
        return (f"on a batch your function says row {row}, {_BATCH[row].tolist()}, is "
                f"{'' if answer[row] else 'not '}a distribution (all five rows: {[bool(a) for a in answer]}, expected "
                f"{_BATCH_EXPECTED.tolist()}): test each row on its own, {_PER_ROW}.")
    return _edge_batch_problem(is_valid_distribution)


def _edge_batch_problem(is_valid_distribution: Callable) -> str | None:
    """Why the answer on _EDGE_BATCH is not [True, False, False]; None if it is. Reached once the function is right
    on every single vector and on _BATCH."""
    outcome = call(is_valid_distribution, _EDGE_BATCH)
    if outcome.error is InputChanged:
        return f"on {_EDGE_LABEL}, {outcome.problem}"
    if outcome.problem:
        return f"on {_EDGE_LABEL}, {outcome.problem}. One answer per row: {_PER_ROW}."
    value = outcome.value
    booleans = (isinstance(value, np.ndarray) and value.dtype == bool) or (
        isinstance(value, (list, tuple)) and all(_is_bool(entry) for entry in value))
    answer = as_array(value) if booleans else None
    if answer is None or answer.shape != _EDGE_BATCH_EXPECTED.shape:
        got = "None" if value is None else _shown_as_given(value)
        return (f"on {_EDGE_LABEL} your function returned {got}; return one True or False per row, as it does for "
                "the batch of five rows.")
    wrong = np.flatnonzero(answer.astype(bool) != _EDGE_BATCH_EXPECTED)
    if not wrong.size:
        return None
    answers = [bool(entry) for entry in answer]
    return f"on {_EDGE_LABEL}, " + _EDGE_ROW_HINTS[int(wrong[0])].format(answers=answers)


def _row_answers(is_valid_distribution: Callable, batch: np.ndarray) -> list[bool] | None:
    """The function's answers on `batch`, one True or False per row, as a list; None if it gives anything else."""
    outcome = call(is_valid_distribution, batch)
    if outcome.problem or outcome.value is None:
        return None
    value = outcome.value
    booleans = (isinstance(value, np.ndarray) and value.dtype == bool) or (
        isinstance(value, (list, tuple)) and all(_is_bool(entry) for entry in value))
    answer = as_array(value) if booleans else None
    return [bool(entry) for entry in answer] if answer is not None and answer.shape == (batch.shape[0],) else None


def _whole_array_test(is_valid_distribution: Callable, answer: np.ndarray) -> str | None:
    """The hint for a function that answers per row, False for every row of _BATCH, but right on its two valid rows
    alone: one of its tests is reduced over the whole array (no axis=-1), so one bad row turns every row False.
    Each bad row of _BATCH is tried between the two valid rows, to name the test it breaks: the negative row breaks
    an entry test such as np.all((p >= 0) & (p <= 1)); the row summing to 1.1 breaks a sum test such as
    np.allclose(p.sum(axis=-1), 1, rtol=0, atol=1e-6); the NaN row breaks both of those too (every comparison with
    NaN is False), so it names a NaN test such as np.isnan(p).any() only when it is the one row that breaks it.
    None if no bad row alone turns the valid rows False: the general per-row hint then follows."""
    opening = (f"on a batch of five rows your function says no row is a distribution "
               f"({[bool(a) for a in answer]}, expected {_BATCH_EXPECTED.tolist()}), yet on its two valid rows "
               f"alone, {_VALID_BATCH.tolist()}, it answers [True, True]: ")
    spoils = {row: _row_answers(is_valid_distribution, _BATCH[[0, row, 4]]) == [False, False, False]
              for row in (1, 2, 3)}
    if spoils[3]:
        return (opening + f"the row {_BATCH[3].tolist()} turns every row False, so your entry test looks at the "
                "whole array at once, as np.all((p >= 0) & (p <= 1)) does without axis=. Test the entries row "
                "by row: np.all((p >= 0) & (p <= 1), axis=-1).")
    if spoils[1]:
        return (opening + f"the row {_BATCH[1].tolist()} turns every row False, so your sum test looks at the whole "
                "array at once, as np.allclose(p.sum(axis=-1), 1, ...) and np.abs(p.sum(axis=-1) - 1).max() do. "
                "Compare each row's sum with 1: np.abs(p.sum(axis=-1) - 1) <= 1e-6.")
    if spoils[2]:
        return (opening + "the row [nan, 1.0] turns every row False, so your NaN test looks at the whole array at "
                "once, as np.isnan(p).any() and np.isfinite(p.sum()) do without axis=. Test each row: "
                "~np.isnan(p).any(axis=-1), or leave NaN to the entry test, whose comparisons are False for NaN.")
    return None


def _answers_as_first_row(is_valid_distribution: Callable) -> bool:
    """True if the function gives one answer for a batch of two rows, a valid one and one summing to 1.1, and that
    answer is the first row's in both orders (True, then False): it stopped at the first row, as a `return` inside
    a loop over the rows does. A test reduced over the whole array (np.all, np.allclose without axis=) answers
    False for both batches, and so does a loop that returns False at the first bad row."""
    answers = [call(is_valid_distribution, batch) for batch in (_FIRST_ROW_VALID, _FIRST_ROW_INVALID)]
    if any(outcome.problem or as_array(outcome.value) is None or as_array(outcome.value).ndim != 0
           for outcome in answers):
        return False
    return _same_truth(answers[0].value, True) and _same_truth(answers[1].value, False)


def _one_answer_true(is_valid_distribution: Callable, batch: np.ndarray) -> bool:
    """True if the function gives `batch` one answer, True, without a problem (not one answer per row)."""
    outcome = call(is_valid_distribution, batch)
    answer = as_array(outcome.value) if not outcome.problem and outcome.value is not None else None
    return answer is not None and answer.ndim == 0 and _same_truth(outcome.value, True)


def _answers_per_row(is_valid_distribution: Callable, batch: np.ndarray) -> bool:
    """True if the function gives `batch` one answer per row (any values), without a problem."""
    outcome = call(is_valid_distribution, batch)
    answer = as_array(outcome.value) if not outcome.problem and outcome.value is not None else None
    return answer is not None and answer.shape == (batch.shape[0],)


def _normalises_first(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [-0.25, -0.75] (negative entries, sum -1) but rejects [-0.25, 1.25] (sum 1):
    it divided by the sum before testing, which turns the first into [0.25, 0.75]. A function that tests
    only p >= 0 rejects both, one with no entry test accepts both."""
    flipped, negative = call(is_valid_distribution, [-0.25, -0.75]), call(is_valid_distribution, [-0.25, 1.25])
    return (not flipped.problem and not negative.problem and _same_truth(flipped.value, True)
            and _same_truth(negative.value, False))


def _clips_first(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [-0.25, 1.25] and [1.5, -0.5] (entries outside [0, 1], sums 1) but rejects
    [-0.5, 0.5, 1.0] (sum 1 too): it clipped to [0, 1] before testing, which turns the first two into [0, 1] and
    [1, 0] and the third into [0, 0.5, 1], whose sum is 1.5. A function with no entry test accepts all three."""
    low, high, three = (call(is_valid_distribution, vector)
                        for vector in ([-0.25, 1.25], [1.5, -0.5], [-0.5, 0.5, 1.0]))
    return (not low.problem and not high.problem and not three.problem and _same_truth(low.value, True)
            and _same_truth(high.value, True) and _same_truth(three.value, False))


def _isclose_keeps_rtol(is_valid_distribution: Callable) -> bool:
    """True if the function accepts a sum 1.05e-5 above 1 but rejects one 1.15e-5 above: the tolerance of
    np.isclose(total, 1, atol=1e-6), which keeps the default rtol=1e-5, so allows 1e-6 + 1e-5 * 1 = 1.1e-5.
    np.isclose's defaults (1.001e-5) reject both; a tolerance of 1e-4 accepts both."""
    inside, outside = call(is_valid_distribution, [0.5, 0.5000105]), call(is_valid_distribution, [0.5, 0.5000115])
    return (not inside.problem and not outside.problem and _same_truth(inside.value, True)
            and _same_truth(outside.value, False))


def _zeroes_negatives_first(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [-0.1, 1.0], whose sum is 0.9. Reached after it accepted [-1e-10, 1.0] while
    rejecting [0.3, 0.3] (sum 0.6), [0.5, 0.4999985] (sum 1 - 1.5e-6) and [-0.25, 1.25], so its sum test does not
    see the input as given: it set the negative entries to 0 first (np.maximum(p, 0), np.clip(p, 0, None),
    p[p < 0] = 0), or dropped them (p[~(p < 0)]), which turns [-0.1, 1.0] into [0, 1] (or [1]). A tolerance on the
    entries, such as p >= -1e-9, rejects it: its sum test sees 0.9."""
    outcome = call(is_valid_distribution, [-0.1, 1.0])
    return not outcome.problem and _same_truth(outcome.value, True)


def _keeps_only_nonnegative(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [nan, 1.0] and [-0.1, 1.0] (sum 0.9): it kept only the entries with p >= 0
    before testing (p[p >= 0]), which drops NaN too, since every comparison with NaN is False. Replacing NaN by 0
    (np.nan_to_num) leaves -0.1 in place, so its sum test rejects [-0.1, 1.0]; setting negative entries to 0 with
    np.maximum or np.clip keeps NaN, so its tests reject [nan, 1.0]."""
    nan_one, negative = (call(is_valid_distribution, vector) for vector in ([float("nan"), 1.0], [-0.1, 1.0]))
    return (not nan_one.problem and not negative.problem and _same_truth(nan_one.value, True)
            and _same_truth(negative.value, True))


def _caps_at_one_first(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [1.1, 0.0], whose sum is 1.1. Reached after it accepted [1.0000005, 0.0] while
    rejecting [0.5, 0.6] (sum 1.1) and [-0.25, 1.25], so its sum test does not see the input as given: it capped the
    entries at 1 first (np.minimum(p, 1), np.clip(p, None, 1), p[p > 1] = 1), which turns [1.1, 0.0] into [1, 0].
    A function that tests only p >= 0, or the entries with a tolerance, rejects it: its sum test sees 1.1."""
    outcome = call(is_valid_distribution, [1.1, 0.0])
    return not outcome.problem and _same_truth(outcome.value, True)


def _rounds_like_float32(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [1 + 5e-8, 0.0] but rejects [1 + 2e-7, 0.0]: float32 rounds the first
    entry to 1 and the second to 1 + 2.4e-7. A tolerance on the entries explains that only if it lies between
    5e-8 and 2e-7; the usual ones (1e-9, machine epsilon, 1e-6) give the same answer on both."""
    below, above = call(is_valid_distribution, [1 + 5e-8, 0.0]), call(is_valid_distribution, [1 + 2e-7, 0.0])
    return (not below.problem and not above.problem and _same_truth(below.value, True)
            and _same_truth(above.value, False))


def _entries_with_tolerance(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [-5e-7, 1.0000005]: sum 1, one entry 5e-7 below 0 and one 5e-7 above 1, so an
    entry test with a tolerance on both sides, such as (p >= -1e-6) & (p <= 1 + 1e-6). Reached after it accepted
    [1.0000005, 0.0] while rejecting [-0.25, 1.25] and [-0.5, 0.5, 1.0]; a function that tests only p >= 0 (which,
    with the sum test, caps entries at 1 + 1e-6 too: the two are the same function) rejects this one."""
    outcome = call(is_valid_distribution, [-5e-7, 1.0000005])
    return not outcome.problem and _same_truth(outcome.value, True)


def _entry_test_always_true(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [-0.25, 1.25], [2.0, -1.0] and [-0.5, 0.5, 1.0] (entries far outside [0, 1],
    sums 1) yet rejects [0.5, 0.6] (sum 1.1): only its sum test works. That is no entry test at all, or one that
    is always True, such as (0 <= p) <= 1, which compares the boolean array 0 <= p with 1. A function that
    clipped first rejects [-0.5, 0.5, 1.0] (clipped, it sums to 1.5)."""
    outcomes = [call(is_valid_distribution, vector) for vector in ([-0.25, 1.25], [2.0, -1.0], [-0.5, 0.5, 1.0])]
    rejected = call(is_valid_distribution, [0.5, 0.6])
    return (all(not o.problem and _same_truth(o.value, True) for o in outcomes)
            and not rejected.problem and _same_truth(rejected.value, False))


def _cleans_nan_to_zero(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [nan, 1.0] but rejects [nan, 0.5]: it replaced NaN by 0 (np.nan_to_num,
    p[np.isnan(p)] = 0, np.nansum) before testing, which turns the second into [0, 0.5], whose sum is 0.5, or it
    dropped NaN (p[~np.isnan(p)]), which turns it into [0.5]; a zero entry changes neither test, so no vector tells
    the two apart.
    Tests written as 'not (p < 0)' and 'not (abs(total - 1) > tol)' accept both: every comparison with NaN is
    False, so the sum test passes NaN as well."""
    nan_one, nan_half = call(is_valid_distribution, [float("nan"), 1.0]), call(is_valid_distribution,
                                                                              [float("nan"), 0.5])
    return (not nan_one.problem and not nan_half.problem and _same_truth(nan_one.value, True)
            and _same_truth(nan_half.value, False))


def _any_entry_in_range(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [0.5, 1.5, -1.0] (sum 1, one entry of three in [0, 1]) but rejects
    [-0.25, 1.25] (sum 1, no entry in [0, 1]): its entry test asks whether *some* entry is in range, as
    np.any((p >= 0) & (p <= 1), axis=-1) does. Reached after it accepted [-0.5, 0.5, 1.0]; a function that tests
    only p <= 1 rejects [0.5, 1.5, -1.0], and so does one that joins the two bounds with |."""
    some, none = call(is_valid_distribution, [0.5, 1.5, -1.0]), call(is_valid_distribution, [-0.25, 1.25])
    return (not some.problem and not none.problem and _same_truth(some.value, True)
            and _same_truth(none.value, False))


def _either_bound_enough(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [1.0000005, 0.0] (every entry >= 0, one above 1) but rejects [-5e-7, 1.0000005]
    and [-0.25, 1.25] (both bounds broken), all three summing to within 1e-6 of 1: either bound passing is enough,
    as in np.all(p >= 0, axis=-1) | np.all(p <= 1, axis=-1). Reached after it accepted [-0.5, 0.5, 1.0] (every
    entry <= 1, one negative). A function that tests only p <= 1 rejects [1.0000005, 0.0]; one that tests only
    p <= 1 + 1e-6 accepts [-5e-7, 1.0000005]. Check _any_entry_in_range first: np.any passes these three too."""
    above, both_slightly, both = (call(is_valid_distribution, vector)
                                  for vector in ([1.0000005, 0.0], [-5e-7, 1.0000005], [-0.25, 1.25]))
    return (not above.problem and not both_slightly.problem and not both.problem
            and _same_truth(above.value, True) and _same_truth(both_slightly.value, False)
            and _same_truth(both.value, False))


def _nan_test_reduced_with_all(is_valid_distribution: Callable) -> bool:
    """True if the function accepts [nan, 1.0] but rejects [nan, nan]: its NaN test fires only when every entry is
    NaN, as ~np.isnan(p).all(axis=-1) does (np.isnan(p).any(axis=-1) is the test that rejects one NaN). Tests
    written the other way round with no NaN test accept both; check _cleans_nan_to_zero first (np.nan_to_num turns
    [nan, nan] into [0, 0], whose sum is 0)."""
    one, every = call(is_valid_distribution, [float("nan"), 1.0]), call(is_valid_distribution,
                                                                         [float("nan"), float("nan")])
    return (not one.problem and not every.problem and _same_truth(one.value, True)
            and _same_truth(every.value, False))


# [1/3, 1/3, 1/3] is valid and its float sum is exactly 1.0 (1/3 + 1/3 = 0.6666666666666666, and adding 1/3 rounds
# to 1.0), so no tolerance on the sum rejects it; rounding the entries to 6 decimals or fewer does (0.33333 * 3 is
# 0.99999, 1e-5 from 1; 0.333333 * 3 is 0.999999, 1e-6 from 1 on paper and a little more as floats).
# tests/test_checks.py verifies the sum.
_EXACT_THIRDS = [1 / 3, 1 / 3, 1 / 3]
# 20,000 entries of 0.0000500004: their sum is 1.000008, outside the course's 1e-6, so not a distribution; rounded
# to 5 to 9 decimals each entry becomes 0.00005, and the 20,000 of them sum to 1 within 1e-6. float32 keeps the
# sum's 8e-6.
_ROUNDS_TO_VALID = np.full(20_000, 5.00004e-5)
_ROUNDS_TO_VALID.flags.writeable = False


def _rounds_entries_of_valid(is_valid_distribution: Callable) -> bool:
    """True if the function rejects [1/3, 1/3, 1/3], a valid vector whose float sum is exactly 1.0, but accepts
    [0.5000001, 0.5], whose sum is 1.0000001: no tolerance on the float sum explains the first, and a test of the
    exact sum (sum(Fraction(x) for x in p) == 1, which rejects the first too) rejects the second. Rounding the entries
    to 6 decimals or fewer (np.round(p, 6)) gives both answers: [0.5000001, 0.5] becomes [0.5, 0.5]. Reached after
    the function rejected a valid vector with many decimals ([0.333333333333] * 3, [0.09, 0.345, 0.565] or
    np.full(1000, 0.001)) while accepting [0.25, 0.75]."""
    thirds, above = call(is_valid_distribution, list(_EXACT_THIRDS)), call(is_valid_distribution, [0.5000001, 0.5])
    return (not thirds.problem and not above.problem and _same_truth(thirds.value, False)
            and _same_truth(above.value, True))


def _rounds_entries_of_invalid(is_valid_distribution: Callable) -> bool:
    """True if the function accepts 20,000 entries of 0.0000500004 (sum 1.000008): rounded to 5 to 9 decimals they
    become 0.00005 and sum to 1. Reached after it accepted [1 + 1e-10, 0.0]; a tolerance on the entries, or float32,
    lets that one through but rejects this one, whose sum is 8e-6 from 1 (and the function rejected
    [0.5, 0.5000012], 1.2e-6 from 1, before)."""
    outcome = call(is_valid_distribution, _ROUNDS_TO_VALID)
    return not outcome.problem and _same_truth(outcome.value, True)


# the valid vectors that a function rounding the entries to 1 to 6 decimals rejects first, in the order the check
# tries them: (how the vector's hint opens, the vector)
_VALID_LONG_DECIMALS = (("[0.09, 0.345, 0.565] is valid", "[0.09, 0.345, 0.565]"),
                        ("1,000 entries of 0.001", "np.full(1000, 0.001)"),
                        ("[0.333333333333] * 3", "[0.333333333333] * 3"))
# how the hints on a function that rounds the entries before testing them end
_ROUNDING_HIDES = ("Rounding the entries (like any cleaning) changes what the tests see: test the input as given, "
                   "(p >= 0) & (p <= 1) and abs(total - 1) <= 1e-6 on p itself.")

# how the hints on a function that cleans the entries before testing them end
_CLEANING_HIDES = ("Cleaning first hides the bad entries: test the input as given, (p >= 0) & (p <= 1) and "
                   "abs(total - 1) <= 1e-6 on p itself.")

# Hints sharpened when a second probe shows which mistake gave the first miss: (how the first miss's hint opens,
# the probe that recognises the mistake, the hint that names it).
_SHARPER_HINTS = (
    *((opening, _rounds_entries_of_valid,
       f"{label} is valid (its sum is within 1e-6 of 1), but your function rejects it, and [1/3, 1/3, 1/3] too, "
       "whose float sum is exactly 1.0, so no tolerance on the sum explains it: the entries change before the tests "
       "see them, as when they are rounded to a few decimals. np.round(p, 5), for example, turns [1/3, 1/3, 1/3] "
       f"into [0.33333] * 3, which sums to 0.99999, 1e-5 from 1. {_ROUNDING_HIDES}")
      for opening, label in _VALID_LONG_DECIMALS),
    (_ABOVE_ONE_BY_1E_10, _rounds_entries_of_invalid,
     "[1 + 1e-10, 0.0] has an entry above 1, by 1e-10, but your function accepts it, and np.full(20000, 0.0000500004) "
     "too, whose sum is 1.000008: the entries change before the tests see them, as when they are rounded to a few "
     "decimals. np.round(p, 9) or fewer decimals, for example, turns the first into [1.0, 0.0] and every entry of the "
     f"second into 0.00005, and 20,000 of those sum to 1. {_ROUNDING_HIDES}"),
    (_ABOVE_ONE_BY_1E_10, _rounds_like_float32,
     "[1 + 1e-10, 0.0] has an entry above 1, by 1e-10, but your function accepts it, as if it converted to float32 "
     "(np.asarray(p, np.float32), say); keep float64: float32 rounds 1 + 1e-10 to 1, so convert with "
     "np.asarray(p, dtype=float)."),
    ("[0.5, 0.6] sums to 1.1", _normalises_first,
     "[0.5, 0.6] sums to 1.1, so it is not a distribution, but your function accepts it, and [-0.25, -0.75] too, "
     "whose entries are negative: dividing by the sum first makes every sum 1; test the input as given."),
    ("[1.0000005, 0.0] has an entry above 1", _caps_at_one_first,
     "[1.0000005, 0.0] has an entry above 1, but your function accepts it, and [1.1, 0.0] too, whose sum is 1.1, as "
     "if it capped the entries at 1 (np.minimum(p, 1), np.clip(p, None, 1) or p[p > 1] = 1) before testing. "
     f"{_CLEANING_HIDES}"),
    ("[-1e-10, 1.0] has an entry below 0", _zeroes_negatives_first,
     "[-1e-10, 1.0] has an entry below 0, but your function accepts it, and [-0.1, 1.0] too, whose sum is 0.9, as "
     "if it set the negative entries to 0 (np.maximum(p, 0), np.clip(p, 0, None) or p[p < 0] = 0), or dropped "
     f"them, before testing. {_CLEANING_HIDES}"),
    ("[1.0000005, 0.0] has an entry above 1", _entries_with_tolerance,
     "[1.0000005, 0.0] has an entry above 1, and your function accepts it, and [-5e-7, 1.0000005] too: your entry "
     "test has a tolerance (such as p >= -1e-6 and p <= 1 + 1e-6): test the entries exactly, 0 <= p <= 1, "
     "as (p >= 0) & (p <= 1); only the sum needs a tolerance."),
    ("[-0.25, 1.25] sums to 1", _clips_first,
     "[-0.25, 1.25] sums to 1 but has a negative entry; your function accepts it and [1.5, -0.5], yet rejects "
     "[-0.5, 0.5, 1.0], as if it clipped the entries to [0, 1] (np.clip) before testing. Clipping (or any "
     "cleaning) first hides the bad entries; test the input as given."),
    ("[-0.25, 1.25] sums to 1", _entry_test_always_true,
     "[-0.25, 1.25] sums to 1 but has a negative entry; your function accepts it, and [2.0, -1.0] too, so only "
     "its sum test works: every entry must also lie in [0, 1]. If you wrote (0 <= p) <= 1, it compares a boolean "
     "array with 1 (always True); if you reduced each bound with np.any, some entry of a vector summing to 1 always "
     "passes it. Write (p >= 0) & (p <= 1), inside np.all(..., axis=-1)."),
    (_NAN_OPENINGS, _keeps_only_nonnegative,
     "[nan, 1.0] is not a distribution, but your function accepts it, and [-0.1, 1.0] too, whose sum is 0.9, as if "
     "it kept only the entries with p >= 0 (p[p >= 0]) before testing: that drops NaN as well as the negative "
     f"entries, since every comparison with NaN is False. {_CLEANING_HIDES}"),
    (_NAN_OPENINGS, _cleans_nan_to_zero,
     "[nan, 1.0] is not a distribution, but your function accepts it, and rejects [nan, 0.5], as if it replaced "
     "NaN by 0 (np.nan_to_num, p[np.isnan(p)] = 0, or np.nansum) or dropped it (p[~np.isnan(p)]) before testing: "
     "either way the NaN is gone before the tests see it; a vector with NaN is not a distribution: reject it, "
     "with ~np.isnan(p).any(axis=-1) & ..., or by comparisons that must be True to pass, (p >= 0) & (p <= 1), "
     "which are False for NaN."),
    ("[0.5, 0.500005] sums to", _isclose_keeps_rtol,
     "[0.5, 0.500005] sums to 1.000005, more than 1e-6 from 1, but your function accepts it, and sums up to about "
     "1.1e-5 above 1, as np.isclose(total, 1, atol=1e-6) does, which allows atol + rtol * 1: passing atol alone "
     "keeps rtol=1e-5; pass rtol=0 too, np.isclose(total, 1, rtol=0, atol=1e-6)."),
    (_NAN_OPENINGS, _nan_test_reduced_with_all,
     "[nan, 1.0] is not a distribution, but your function accepts it, and rejects [nan, nan]: your NaN test fires "
     "only when every entry is NaN, as ~np.isnan(p).all(axis=-1) does; one NaN is enough to reject a vector: "
     "~np.isnan(p).any(axis=-1)."),
    (_NEGATIVE_ENTRY, _any_entry_in_range,
     "[-0.5, 0.5, 1.0] sums to 1 but has a negative entry; your function accepts it and [0.5, 1.5, -1.0] too (one "
     "entry of three in [0, 1]), yet rejects [-0.25, 1.25] (no entry in [0, 1]): your entry test asks whether some "
     "entry is in range, as np.any does. Every entry must be: reduce with np.all, not np.any, "
     "np.all((p >= 0) & (p <= 1), axis=-1)."),
    (_NEGATIVE_ENTRY, _either_bound_enough,
     "[-0.5, 0.5, 1.0] sums to 1 but has a negative entry; your function accepts it and [1.0000005, 0.0] too (an "
     "entry above 1), yet rejects [-0.25, 1.25] (an entry below 0 and one above 1): in your entry test one bound "
     "holding is enough, as when np.all(p >= 0, axis=-1) and np.all(p <= 1, axis=-1) are joined with | or `or`. "
     "Both must hold: join them with &, np.all((p >= 0) & (p <= 1), axis=-1)."),
)


def check_is_valid_distribution(is_valid_distribution: Callable) -> None:
    """Exercise 01.1: a function that says whether a vector (or each row of a batch) is a distribution."""
    if not callable(is_valid_distribution):
        # the usual cause: checks.check_is_valid_distribution(is_valid_distribution(p)), a result of the function
        value = is_valid_distribution
        given = (str(bool(value)) if _is_bool(value) else _shown_as_given(value)
                 if isinstance(value, np.ndarray) and value.dtype == bool else " ".join(repr(value).split())[:80])
        return hint(f"expected a function, got {given}. The check calls your function itself, on vectors of its "
                    "own: pass it without calling it (no parentheses after its name), "
                    "checks.check_is_valid_distribution(is_valid_distribution).")
    problem = first_miss(is_valid_distribution, _VALIDITY_CASES, same=_same_truth, show=_shown_as_given)
    if problem is not None:
        # NumPy's long 'bitwise_and' message comes cut to 120 characters ("…"), and a full stop after it reads "…."
        problem = re.sub(r"(ufunc 'bitwise_and' not supported)[^…]*…\.", r"\1 for these input types.", problem)
    for opening, recognise, sharper in _SHARPER_HINTS:
        if problem is not None and problem.startswith(opening) and recognise(is_valid_distribution):
            problem = sharper
            break
    if problem is None:
        problem = _batch_problem(is_valid_distribution)
    if problem is not None:
        return hint(problem)
    return passed("Your validity check accepts honest rounding and rejects sums above and below 1, negative entries "
                  "and NaN, for one vector and for each row of a batch.")


def check_uniform_entropy(value: object) -> None:
    """Exercise 01.2: the entropy of the uniform distribution over four outcomes, in nats."""
    expected = math.log(4)
    terms = as_array(value)
    if (terms is not None and terms.shape == (4,) and np.issubdtype(terms.dtype, np.number)
            and np.allclose(terms, expected / 4, rtol=1e-6, atol=0)):
        return hint(f"these are the four terms -p_k log p_k, each {expected / 4:.4f} (an array of shape (4,)); the "
                    "entropy is their sum: add them (np.sum), giving one number.")
    single = number(value)
    # 12 significant digits of both: the 6 of {got} would make a float32 or rounded answer look like log 4
    digits = f"{single:.12g}" if single is not None else "{got}"
    case = Case((), expected, "got {got}; each outcome has p = 1/4, so compute -sum(p * log(p)).", mistakes=(
        Mistake(near(2.0), "2 is the entropy in bits (log base 2); the course uses nats (the natural log)."),
        Mistake(near(-expected), "the sign is flipped: entropy is minus the sum of p log p."),
        Mistake(near(expected / 4), "{got} is one outcome's term, -(1/4) log(1/4), or the mean of the four terms; the "
                                "entropy is their sum."),
        Mistake(near(0.25), "0.25 is each outcome's probability, not the entropy."),
        Mistake(near(4.0), "4 is the number of outcomes; the entropy of a uniform distribution is its log."),
        Mistake(near(math.log10(4)), "{got} is the entropy with log base 10; the course uses the natural log."),
        Mistake(near(4 * expected), "{got} = 4 log 4: you added the surprises -log p without weighting each by its "
                "probability p; the entropy is -sum(p * log(p))."),
        Mistake(near(8.0), "8 = 4 log2 4: you added the surprises -log2 p without weighting each by its probability "
                "p, and in bits; the entropy is -sum(p * log(p)), with the natural log."),
        Mistake(near(math.log(3)), "{got} = log 3 is the entropy of 3 equally likely outcomes; here there are 4."),
        Mistake(near(math.log(5)), "{got} = log 5 is the entropy of 5 equally likely outcomes; here there are 4."),
        Mistake(near(math.log2(3)), "{got} = log2 3 is the entropy, in bits, of 3 equally likely outcomes; here there "
                "are 4, and the course uses nats (the natural log)."),
        Mistake(near(math.log2(5)), "{got} = log2 5 is the entropy, in bits, of 5 equally likely outcomes; here there "
                "are 4, and the course uses nats (the natural log)."),
        Mistake(near(math.log(2)), "{got} = log 2 is the coin's maximum, for 2 outcomes; here there are 4."),
        Mistake(near(1.0), "1 is log2 2, the coin's maximum in bits, for 2 outcomes (or the sum of the "
                "probabilities); here there are 4 outcomes, and the course uses nats (the natural log)."),
        Mistake(near(expected, 1e-2), f"{digits} is close to log 4 = {expected:.12g}, but rounded (or computed in "
                "float32): keep the unrounded float64 value, e.g. float(np.log(4)) or the sum itself."),
    ))
    return check_number(value, [case], f"H = log 4 = {expected:.4f} nats: four equally likely outcomes.")


def _binary_entropy(theta: float) -> float:
    """-(1 - θ) log(1 - θ) - θ log θ in nats, for 0 < θ < 1 (written out here, independent of tempnb.entropy)."""
    return -(1.0 - theta) * math.log1p(-theta) - theta * math.log(theta)


def _half_entropy_theta() -> float:
    """The θ in (0, 0.5) whose binary entropy is log 2 / 2: the entropy rises on (0, 0.5), so one root."""
    return scipy.optimize.brentq(lambda theta: _binary_entropy(theta) - math.log(2) / 2, 1e-12, 0.5, xtol=1e-15)


def _half_entropy_theta_in_bits() -> float:
    """The θ in (0, 0.5) whose binary entropy *in bits* is log 2 / 2: the bits-for-nats mistake."""
    return scipy.optimize.brentq(lambda theta: _binary_entropy(theta) / math.log(2) - math.log(2) / 2, 1e-12, 0.5,
                                 xtol=1e-15)


def _half_entropy_root(target: float) -> float:
    """The θ in (0, 0.5) whose binary entropy is `target` nats (0 < target < log 2)."""
    return scipy.optimize.brentq(lambda theta: _binary_entropy(theta) - target, 1e-12, 0.5, xtol=1e-15)


# log 2 / 2 = 0.346574 typed rounded: 0.3466's root, 0.110040, is 0.0115% from the answer, outside the 0.01% asked
_ROUNDED_TARGETS = (0.3466, 0.347, 0.35)
# Grids of step 1e-5 or 2e-5 (the text's) aimed at these targets land at most 8.1e-6 from their roots; 9e-6
# keeps out 0.11005, where a step of 5e-5 aimed at log 2 / 2 itself lands (9.5e-6 from 0.3466's root).
_ROUNDED_TARGET_TOLERANCE = 9e-6
# Grids a learner may use: np.linspace(0, L, m + 1) or np.linspace(0, L, m) (step L / m or L / (m - 1)), and
# np.arange with a step L / m; L is 0.5 or 1.
_GRID_COUNTS = (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 25_000)
# np.arange(0, 0.5, step) with a round step, d x 10^-e (0.00003, 0.00004, 0.00006, ..., 0.009): its points are
# k * step. Steps of 0.01 and more are left out: 0.105, a wrong answer, is a point of np.arange(0, 0.5, 0.015).
_ARANGE_STEPS = {digit * 10.0 ** -exponent for digit in (1, 2, 2.5, 3, 4, 5, 6, 7, 8, 9) for exponent in (3, 4, 5)}
_GRID_STEPS = sorted({length / count for length in (0.5, 1.0) for m in _GRID_COUNTS for count in (m, m - 1)}
                     | _ARANGE_STEPS)


# Answers from 0 up to here (entropy at most 0.056 nats) read as one of a grid's first points: the grid of a slip that
# picks the smallest entropy (no abs(), one entropy for the whole grid, or one per column) may start a little above 0.
# The only other mistake that lands this low is the size of the smallest gap, np.min(np.abs(H - log 2 / 2)), told
# apart below; the bits-for-nats root is 0.0649.
_FIRST_POINT_LIMIT = 0.01

# The grids on which an answer is recognised as the size of the smallest gap: np.linspace(start, end, num) and
# np.arange(start, end, step), whose points are start + k * step. Starts: 0, or a little above it to avoid log 0
# (np.finfo(float).eps, 1e-12, ..., 0.01); ends 0.5 and 1 (the curve's cell goes to 1).
_GAP_GRID_STARTS = (0.0, float(np.finfo(float).eps), *(10.0 ** -exponent for exponent in range(2, 13)))
_GAP_GRID_NUMS = {num for m in (*_GRID_COUNTS, 50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000)
                  for num in (m, m + 1)}
_GAP_GRID_ARANGE_STEPS = _ARANGE_STEPS | {digit * 1e-6 for digit in (1, 2, 2.5, 5)}
_GAP_GRIDS = np.array(sorted({(start, (end - start) / (num - 1)) for start in _GAP_GRID_STARTS
                              for end in (0.5, 1.0) for num in _GAP_GRID_NUMS}
                             | {(start, step) for start in _GAP_GRID_STARTS for step in _GAP_GRID_ARANGE_STEPS}))
# A gap is at most about H'(θ) * step / 2 ≈ 1.05 * step, so 0.05 covers grids up to a step of 0.05 (11 points on
# [0, 0.5]).
_GAP_LIMIT = 0.05


def _smallest_gap_point(answer: float, expected: float) -> float | None:
    """The θ whose gap |H(θ) - log 2 / 2| is `answer`, if that θ is the point nearest `expected` of one of the grids
    in _GAP_GRIDS; None otherwise.

    A learner who stores np.min(np.abs(H - log 2 / 2)) in place of the θ where it occurs gives such an answer: the
    gap at their grid's best point. Its θ is one of the two roots of H(θ) = log 2 / 2 ± answer below 0.5, which lies
    on the grid to within float rounding (about 1e-16 here; 1e-13 is allowed). A number that is no such gap (a grid's
    first point, say) meets that only by coincidence: each grid offers one point, and the root must fall within 1e-13
    of it. tests/test_checks.py tries gaps and first and second points of many grids.
    """
    if not 0 < answer <= _GAP_LIMIT:
        return None
    starts, steps = _GAP_GRIDS[:, 0], _GAP_GRIDS[:, 1]
    for target in (math.log(2) / 2 - answer, math.log(2) / 2 + answer):
        theta = _half_entropy_root(target)
        points = starts + np.rint((theta - starts) / steps) * steps
        on_grid = (np.abs(points - theta) <= 1e-13) & (np.abs(points - expected) <= steps / 2 * (1 + 1e-9))
        if on_grid.any():
            return float(points[np.argmax(on_grid)])
    return None


def _near_integer(value: float) -> bool:
    """True if `value` is a whole number of at most 2,000,000 up to float rounding (a relative 1e-10): the number of
    steps of a grid a learner may build, whose points are exact to about 1e-16."""
    return 0 < value <= 2e6 and abs(value - round(value)) <= 1e-10 * value


# where a learner's grid may end: 0.5 or 1, or a little below either to avoid log 0
_GRID_ENDS = (0.5, 1.0, 0.499, 0.999, 0.4999, 0.9999, 0.49, 0.99)


def _looks_like_grid_point(answer: float) -> bool:
    """True if `answer` (0 < answer <= 0.01) reads as one of a grid's first two points: a number typed with at most
    three significant digits (1e-4, 0.00025), a named constant (machine epsilon), a grid's step (its second point
    when it starts at 0: 0.5 / 49999 for np.linspace(0, 0.5, 50000)), or the second point of a grid that starts at a
    round number or machine epsilon (0.0001 + 0.4999 / 50000 for np.linspace(0.0001, 0.5, 50001)). The size of a gap
    |H - log 2 / 2| is almost never any of these."""
    if float(f"{answer:.3g}") == answer or answer in (np.finfo(float).eps, float(np.finfo(np.float32).eps)):
        return True
    # starts: 0, machine epsilon, 1, 2 or 5 times a power of ten from 1e-12 up, and any one-digit number of the
    # answer's decade or the one below
    exponent = math.floor(math.log10(answer))
    starts = ({0.0, float(np.finfo(float).eps)}
              | {digit * 10.0 ** power for digit in (1, 2, 5) for power in range(-12, exponent + 1)}
              | {digit * 10.0 ** power for digit in range(1, 10) for power in (exponent - 1, exponent)})
    return any(_near_integer((end - start) / (answer - start)) for start in starts if start < answer
               for end in _GRID_ENDS)


def _coarse_grid_steps(answer: float, expected: float) -> list[float]:
    """The steps, largest first, of grids coarser than the text's 2e-5 on which `answer` is the nearest point to
    `expected`.

    That is what a coarse grid can produce: a grid point at most half a step from the answer. A θ off by
    more (0.11167, the root for a target of 0.35) is no grid's nearest point and is not called a coarse grid.
    """
    return [step for step in reversed(_GRID_STEPS)
            if step > 2e-5 and abs(answer / step - round(answer / step)) <= 1e-6
            and abs(answer - expected) <= step / 2 * (1 + 1e-9)]


def _grid_examples(steps: list[float]) -> str:
    """Up to three of `steps` that put the answer on a grid, powers of ten first: "grids of step 0.01, 0.001 and
    0.0001". The learner's own step is not known (0.11 is a point of many grids), so none is named as theirs."""
    def text(step: float) -> str:
        return np.format_float_positional(step, precision=6, trim="-")
    tens = [step for step in steps if math.isclose(10.0 ** round(math.log10(step)), step, rel_tol=1e-9)]
    chosen = list(dict.fromkeys(text(step) for step in tens + steps))[:3]
    if len(chosen) == 1:
        return f"a grid of step {chosen[0]}"
    return f"grids of step {', '.join(chosen[:-1])} and {chosen[-1]}"


def _rounding_examples(places: list[int]) -> str:
    """"round(θ, 2), round(θ, 3) and round(θ, 4) all give" for places [2, 3, 4]; "round(θ, 1) gives" for [1]."""
    calls = [f"round(θ, {count})" for count in places]
    if len(calls) == 1:
        return f"{calls[0]} gives"
    return f"{', '.join(calls[:-1])} and {calls[-1]} all give"


def check_half_entropy_theta(theta: object) -> None:
    """Exercise 01.3: the θ <= 0.5 at which the binary distribution [1 - θ, θ] has entropy log 2 / 2."""
    expected = _half_entropy_theta()
    half = math.log(2) / 2
    array = as_array(theta)
    if array is not None and array.shape == (2,) and np.allclose(np.sort(array), [expected, 1 - expected], atol=1e-3):
        return hint("that is the pair [1 - θ, θ]; the exercise asks for θ itself, one number (the smaller entry).")
    single = number(theta)
    rounded_target = None
    coarse_steps: list[float] = []
    rounded_places: list[int] = []  # the numbers of decimals to which the exact answer rounds to the learner's
    which_target = "the entropy of [1 - {got}, {got}] is not log 2 / 2 ≈ 0.3466 nats"
    first_point_entropy = _binary_entropy(single) if single is not None and 0 < single <= _FIRST_POINT_LIMIT else 0.0
    gap_point = _smallest_gap_point(single, expected) if single is not None else None
    if single is not None and 0 < single < 1:
        low = min(single, 1 - single)
        rounded_target = next((target for target in _ROUNDED_TARGETS
                               if abs(low - _half_entropy_root(target)) <= _ROUNDED_TARGET_TOLERANCE), None)
        coarse_steps = _coarse_grid_steps(single, expected)
        rounded_places = [places for places in range(1, 7) if single == round(expected, places)]
        which_target = (f"your θ, {{got}}, has entropy {_binary_entropy(low):.6f} nats, not log 2 / 2 = "
                        f"{half:.6f}: which target did you use? Aim at math.log(2) / 2 itself; if you did, refine "
                        "your grid (a step of 0.00002 or less)")
    case = Case((), expected, which_target + "; find where |H - log 2 / 2| is smallest on a grid of θ from 0 to 0.5.",
                mistakes=(
        Mistake(lambda a: a > 1 and float(a).is_integer(),
                "{got} is an index into your grid (what argmin returns), not a probability: "
                "use grid[np.argmin(...)]."),
        Mistake(near(half, 1e-3),
                "{got} ≈ log 2 / 2 is the entropy you are aiming for, not the θ that has it: take the position "
                "of the smallest gap (argmin) and read θ off the grid there."),
        # 0.11004 is both 0.3466's root (on a fine grid) and where np.arange(0, 0.5, 4e-5) aimed right lands
        Mistake(lambda a: rounded_target is not None and bool(coarse_steps) and a <= 0.5,
                f"{{got}} is more than 0.01% from the answer, and two causes give it: either you aimed at a "
                f"rounded target, {rounded_target}, or your grid's step is above 0.00002 ({{got}} is a point of "
                f"{_grid_examples(coarse_steps)}, for example): use log(2) / 2 itself (math.log(2) / 2) and a "
                "step of 0.00002 or less." if coarse_steps else ""),
        Mistake(lambda a: rounded_target is not None and a <= 0.5,
                f"you aimed at a rounded target, {rounded_target}: its θ, {{got}}, is more than 0.01% from the "
                "answer. Use log(2) / 2 itself (math.log(2) / 2 or np.log(2) / 2). (If you did, your grid is too "
                "coarse: use a step of 0.00002 or less.)"),
        Mistake(near(1 - expected, 2e-3),
                "{got} has the right entropy too (the curve is symmetric), but it is above 0.5; the exercise "
                "asks for the θ <= 0.5, which is 1 minus yours."),
        Mistake(near(0.5, 1e-3),
                "0.5 is where the entropy is largest (log 2); the exercise asks where it is half of that, "
                "log 2 / 2. Three mistakes land there: np.argmax(H), which finds the peak itself; np.argmax of the "
                "gap |H - log 2 / 2| where np.argmin was meant (on a grid that starts above 0, the largest gap is "
                "at 0.5); or an entropy that never reaches log 2 / 2, so that the peak is its closest point, such "
                "as one computed with np.log10, whose largest value is log10 2 ≈ 0.301. Use tempnb's entropy (in "
                "nats) and np.argmin(np.abs(H - math.log(2) / 2))."),
        Mistake(lambda a: 0 < a < 1 and math.isclose(_binary_entropy(min(a, 1 - a)), 0.5, rel_tol=1e-2),
                "the entropy of [1 - {got}, {got}] is about 0.5 nats, but half the maximum is log 2 / 2 ≈ 0.3466 "
                "nats (half of log 2, not one half)."),
        # np.min(np.abs(H - log 2 / 2)): the size of the smallest gap, recognised by the grid point that has it
        Mistake(lambda a: gap_point is not None,
                f"{{got}} is the gap |H - log 2 / 2| at θ = {gap_point or 0:.6g}, a grid point: it looks like the "
                "size of the smallest gap, np.min(np.abs(H - log 2 / 2)), not the θ where it occurs. The exercise "
                "asks for θ itself: grid[np.argmin(np.abs(H - log 2 / 2))]."),
        # one value cannot tell these slips apart: the likeliest (no abs()) first, the others in one sentence
        Mistake(lambda a: a == 0,
                "θ = 0 is your grid's first point, whose entropy is 0, not log 2 / 2. Most likely abs() is missing: "
                "np.argmin(H - log 2 / 2), like np.argmin(H), picks the smallest H; use "
                "np.argmin(np.abs(H - log 2 / 2)). Less likely: np.argmax in place of np.argmin; a hand-written "
                "entropy that is nan at θ = 0 (0 * log 0), whose position np.argmin returns; or one entropy for the "
                "whole grid, or one per column (scipy.stats.entropy reduces along axis 0 unless you pass axis=1), "
                "where H.shape must be (len(grid),). tempnb's entropy avoids the last two: 0 log 0 = 0, and one "
                "value per row."),
        # a grid that starts just above 0 (np.linspace(0.0001, 0.5, ...)): the same slips land on its first point;
        # scipy.stats.entropy's two column entropies land on its first or second point
        Mistake(lambda a: 0 < a <= _FIRST_POINT_LIMIT and _looks_like_grid_point(a),
                f"your θ, {{got}}, has entropy {first_point_entropy:.2g} nats, almost none, far below log 2 / 2 ≈ "
                "0.3466: it looks like your grid's first point (or its second), where the entropy is smallest. "
                "Two mistakes lead there. (1) Did you leave out abs(), or the target? np.argmin(H - log 2 / 2) "
                "and np.argmin(H) both pick the smallest H: use np.argmin(np.abs(H - log 2 / 2)). (2) Your entropy "
                "returned one number for the whole grid, or one per column, not one per row (H.shape must be "
                "(len(grid),)): entropy_from_scratch sums every entry, and scipy.stats.entropy reduces along axis "
                "0 unless you pass axis=1, giving two column entropies, so np.argmin gives position 0 or 1. Use "
                "tempnb's entropy, which gives one value per row (or scipy.stats.entropy(..., axis=1))."),
        # a small number that is neither a round first point nor a grid's step: most likely a gap on a grid of the
        # learner's own making
        Mistake(lambda a: 0 < a <= _FIRST_POINT_LIMIT,
                f"your θ, {{got}}, has entropy {first_point_entropy:.2g} nats, almost none, and it is no round "
                "number or grid step, so it is probably not a point of your grid: did you store the size of the "
                "smallest gap, np.min(np.abs(H - log 2 / 2)), rather than the θ where it occurs? The exercise asks "
                "for θ itself: grid[np.argmin(np.abs(H - log 2 / 2))]. (If {got} is where your grid starts, "
                "np.argmin picked the smallest H there: use np.argmin(np.abs(H - log 2 / 2)).)"),
        Mistake(lambda a: not 0 <= a <= 1, "θ must be a probability in [0, 1]; got {got}."),
        Mistake(near(_half_entropy_theta_in_bits(), 1e-3),
                "{got} is where the entropy *in bits* is log 2 / 2 ≈ 0.3466; the target log 2 / 2 is in nats "
                "(the natural log, as tempnb's entropy computes it): do not divide by log 2."),
        Mistake(lambda a: bool(coarse_steps),
                f"{{got}} is close, but your grid is too coarse: its step is above 0.00002 ({{got}} is a point of "
                f"{_grid_examples(coarse_steps)}, for example"
                + ("; the curve's grid, np.linspace(0, 1, 501), has step 0.002"
                   if any(math.isclose(step, 0.002, rel_tol=1e-9) for step in coarse_steps) else "")
                + ")"
                + (f", or you rounded your answer ({_rounding_examples(rounded_places)} {{got}}): store the "
                   "unrounded float" if rounded_places else "")
                + ". The accuracy asked is 0.01% of an answer above "
                "0.1, at least 0.00001, and the nearest grid point is at most half a step away, so a step of "
                "0.00002 or less is enough (np.linspace(0, 0.5, 50001) has a step of 0.00001), or use "
                "scipy.optimize.brentq." if coarse_steps else ""),
    ))
    return check_number(theta, [case], f"θ = {expected:.6f}: a coin this biased carries half a bit of uncertainty.",
                        rel_tol=1e-4)
