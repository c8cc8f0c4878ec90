"""Exercise checks for notebook 04-temperature."""

from __future__ import annotations

import contextlib
import dis
import functools
import io
import math
import re
import sys
import types
from collections.abc import Callable, Iterator

import numpy as np

from tempnb.checks._common import (
    Case,
    Mistake,
    as_array,
    call,
    check_number,
    close,
    first_miss,
    hint,
    near,
    near_miss,
    not_one_number,
    number,
    passed,
    shown,
    text_inside,
)


def _tempered_case(logits: list[float], T: float, label: str,
                   on_problem: Callable[[str], str] | None = None, first: tuple[Mistake, ...] = ()) -> Case:
    from tempnb.core import softmax

    expected = softmax(logits, T)
    at_one = T == 1  # at T = 1, multiplying by T, dividing twice and ignoring T all give the answer itself
    return Case((np.array(logits), T), expected,
                f"on {label} expected {np.round(expected, 6).tolist()}, got {{got}}.", label, (
        _lazy_mistake(label),
        # formatted for printing: [f"{p:.12f}" for p in ...], str(result), .astype(str) (cold read r163, X3)
        Mistake(lambda a: as_array(a) is None and text_inside(a),
                f"on {label} you returned text, {{got:text}}, not numbers (str(), an f-string and .astype(str) make "
                "text, for printing): return the probabilities themselves, and format them only when you print them."),
        # first: a T nudged by a small amount looks like any other near miss (float32, rounding) otherwise
        *_nudged_mistakes(logits, T, label),
        *first,
        # first: right numbers in a 2-D shape such as (1, K), e.g. from np.atleast_2d or np.array([result])
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape != expected.shape
                and as_array(a).size == expected.size,
                f"on {label} your result has {expected.size} entries but the wrong shape: return a 1-D array of "
                f"length K = {expected.size}, like z, not a 2-D one such as shape (1, {expected.size}) "
                "(np.array([...]) around an array, or np.atleast_2d, adds an axis; .ravel() removes it)."),
        # a right answer rounded (np.round, round): before the one-hot mistake, since [10, 20, 30] at T = 1 rounded to
        # 4 decimals or fewer is [0, 0, 1]
        *_rounded_mistakes(expected, label),
        Mistake(None if at_one else softmax(logits, 1 / T),
                f"on {label} you multiplied by T; temperature divides the logits."),
        # the max trick written backwards, exp((z.max() - z) / T), or (z.min() - z) / T: softmax(-z / T), which
        # favours the smallest logit (cold read r163, X3)
        Mistake(softmax(-np.array(logits), T), f"on {label} your result, {{got}}, {_FLIPPED_SIGN}"),
        # exponentials in base 2 or 10 (2 ** x, np.exp2, 10 ** x): b^(z/T) = e^(z log b / T), the softmax of z log b
        # (cold read r169, X4)
        *(Mistake(softmax(np.array(logits) * math.log(base), T),
                  f"on {label} your result, {{got}}, is what {base} ** ((z - z.max()) / T) gives: {how} exponentiates "
                  f"in base {base}, and softmax uses e. Use np.exp.")
          for base, how in ((2, "2 ** x (or np.exp2)"), (10, "10 ** x"))),
        # before the T² mistake: on a near-tie at small T, softmax(z, T²) is one-hot too
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and bool(np.all((as_array(a) == 0) | (as_array(a) == 1))) and float(np.sum(as_array(a))) == 1.0
                and float(np.max(expected)) < 1 - 1e-9,
                f"on {label} you returned a one-hot vector, the T → 0 limit, but at T = {T:g} the distribution is "
                f"{np.round(expected, 6).tolist()}: compute softmax(z / T) for every T > 0, however small."),
        Mistake(None if at_one else softmax(logits, T * T),
                f"on {label} you divided by T twice (softmax(z / T, T), or z / T / T): divide the logits by T once."),
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and not np.allclose(as_array(a), expected, rtol=1e-9, atol=1e-300)
                and bool(np.allclose(as_array(a), np.sort(expected), rtol=1e-9, atol=1e-300)),
                f"on {label} your probabilities come out in sorted order, not in the order of the logits: "
                "do not sort z (np.sort, or z.sort() in place); the k-th probability belongs to the k-th logit."),
        # sorted largest first, np.sort(z)[::-1] or sorted(z, reverse=True), so that z[0] is the maximum (cold read
        # r165, X3); on two logits this is also the flipped sign above, which check_tempered_softmax then tells apart
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and not np.allclose(as_array(a), expected, rtol=1e-9, atol=1e-300)
                and bool(np.allclose(as_array(a), np.sort(expected)[::-1], rtol=1e-9, atol=1e-300)),
                f"on {label} your result, {{got}}, {_LARGEST_FIRST}"),
        Mistake(None if at_one else softmax(logits),
                f"on {label} your result is softmax(z), the T = 1 distribution: divide the logits by T before "
                "exponentiating (dividing the exponentials or their sum by T cancels when you normalise). If you "
                "wrote z - z.max() / T, only the maximum was divided by T, a shift that cancels too: write "
                "(z - z.max()) / T."),
        Mistake(lambda a: bool(np.any(np.isnan(as_array(a)))),
                f"on {label} your result has nan in it: subtract the largest logit before dividing by T, "
                "(z - z.max()) / T (the largest entry, z.max(), not z[-1], which is the largest only when the "
                "logits are sorted; and if you raised softmax(z) to the power 1/T, divide it by its largest entry "
                "first)."),
        # a floor under the exponents, an epsilon added to each exponential, or to their sum: before the near miss,
        # which they often are too; the floor first, since where it lifts only entries that should be 0 an epsilon
        # gives the same values
        Mistake(_floored(expected),
                f"on {label} your smallest probabilities are lifted to one value, "
                f"{{got:entry{int(np.argmin(expected))}}} (the answer's smallest is {float(np.min(expected)):.6g}): "
                "a floor under the exponents does that (np.maximum or np.clip of (z - z.max()) / T), and so does a "
                "small number added to each exponential where the answer is 0. Keep neither: exp of a very negative "
                "exponent is a tiny probability or exactly 0, and that is the answer; the sum is at least 1 once the "
                "largest logit is subtracted."),
        Mistake(_epsilon_in_each(expected),
                f"on {label} your result is what an epsilon added to each exponential gives, (e + eps) / "
                f"sum(e + eps): to 10 digits your smallest probability is {{got:entry{int(np.argmin(expected))}}} "
                f"where the answer is {float(np.min(expected)):.10g}. The epsilon moves every probability, and a "
                "small one most (an entry that should be 0 gets about eps / sum). Add nothing: once the largest "
                "logit is subtracted, the largest exponential is exp(0) = 1, so the sum is at least 1 and never 0."),
        Mistake(_epsilon_in_sum(expected),
                f"on {label} every probability is too small by the same factor, so they sum to {{got:sum}}, not 1: "
                "an epsilon was added to the sum. Divide by the sum itself: once the largest logit is subtracted, "
                "the sum is at least 1 and never 0."),
        Mistake(near_miss(expected),
                f"on {label} your values agree to about 6 digits only: to 10 digits they are {{got:.10g}}, the "
                f"answer {_digits(expected, '.10g')}. Compute in float64 and do not round (float32 keeps about 7 "
                "digits); the check compares within a relative 1e-9."),
        # computed in float16 (half precision): every entry is a float16 number, right to about 3 digits only, and the
        # sum misses 1 by about 1e-4, which the "does not sum to 1" hint below would blame on the division (cold read
        # r165, X4)
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and bool(np.all(np.isfinite(as_array(a))))
                and bool(np.all(as_array(a).astype(np.float16).astype(float) == as_array(a)))
                and bool(np.allclose(as_array(a), expected, rtol=1e-2, atol=1e-3)),
                f"on {label} your values are half-precision numbers, right to about 3 digits only: to 10 digits they "
                f"are {{got:.10g}}, the answer {_digits(expected, '.10g')}. Compute in float64, not float16 (which "
                "keeps about 3 digits, and whose rounding is also why your probabilities do not sum to 1 exactly); "
                "the check compares within a relative 1e-9."),
        # T / z: the division upside down, or a (T, z) signature that divides its second argument by its first
        Mistake(_swapped(logits, T), f"on {label} your function divides T by the logits (or takes the temperature "
                                     "first): the check calls my_tempered_softmax(z, T), logits first, and the "
                                     "logits are divided by T."),
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and bool(np.allclose(np.exp(as_array(a)), expected, rtol=1e-6, atol=0)),
                f"on {label} your result is the logarithm of the answer (a log-softmax): return the "
                "probabilities themselves."),
        # every exponent the same: s - s where s - s.max() was meant, a division by inf, or z / T clipped to a narrow
        # range; on the logits of [0.25, 0.75] no clip a learner writes ties them, so the hint lists all three
        # (cold read r169, X1: it named the clip alone)
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and not np.allclose(expected, expected[0]) and bool(np.allclose(as_array(a), as_array(a)[0]))
                and math.isclose(float(np.sum(as_array(a))), 1.0, rel_tol=1e-9),
                f"on {label} your probabilities are all equal, {{got}}, the uniform distribution that T → ∞ gives: "
                "every exponent came out the same. The usual causes are s - s where s - s.max() was meant (the "
                "max forgotten), a division by inf, and z / T clipped to a range (to keep exp from overflowing), "
                "which makes every clipped entry the same. Subtract the largest logit, (z - z.max()) / T: that "
                "keeps every exponent at most 0 without changing the answer."),
        # every entry 0: exp overflowed (inf / inf) or underflowed (0 / 0) to nan, and np.nan_to_num made it 0; the
        # learner's own np.errstate or warnings filter kept NumPy's warning from reaching the check
        Mistake(_all_zeros(expected.shape),
                f"on {label} your result is all zeros, {{got}}: exp(z / T) overflowed to inf (or every exp underflowed "
                "to 0), the division gave nan (inf / inf, or 0 / 0), and something turned the nan into 0 "
                f"(np.nan_to_num?). {_SILENCED} Subtract the largest logit before dividing by T, (z - z.max()) / T: "
                "every exponent is then at most 0, the largest term is exactly exp(0) = 1, and the sum is at least 1."),
        # last, so that the named mistakes above come first: any other result that does not sum to 1
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == expected.shape
                and bool(np.all(np.isfinite(as_array(a)))) and not math.isclose(float(np.sum(as_array(a))), 1.0,
                                                                                 rel_tol=1e-9),
                f"on {label} your result, {{got}}, does not sum to 1: divide the exponentials by their sum, and "
                "by nothing else."),
    ), on_problem or _tempered_on_problem)


# The hint for logits sorted largest first, and the one for a result given back to front, both after "your result,
# {got},"; on two logits either looks like a flipped sign, so check_tempered_softmax tries _ORDER_PROBE to tell which.
_LARGEST_FIRST = ("comes out largest first, not in the order of the logits: you sorted z largest first "
                  "(np.sort(z)[::-1], sorted(z, reverse=True)), so the k-th probability no longer belongs to the k-th "
                  "logit. Do not sort z: (z - z.max()) / T needs no sorting.")
_BACK_TO_FRONT = ("comes out back to front, the last logit's probability first: you reversed z or the result "
                  "([::-1], np.flip, reversed), so the k-th probability no longer belongs to the k-th logit. Do not "
                  "reverse anything.")
_FLIPPED_SIGN = ("favours the smallest logit: the sign of your exponents is flipped, as exp((z.max() - z) / T) or "
                 "exp((z.min() - z) / T) gives. Write (z - z.max()) / T: every exponent is then at most 0, and the "
                 "largest logit gets the largest probability.")
# Three logits out of order at T = 1, on which a flipped sign, [0.090031, 0.665241, 0.244728], logits sorted largest
# first, [0.665241, 0.244728, 0.090031], and a reversed result, [0.244728, 0.090031, 0.665241], all differ from one
# another and from the answer, [0.665241, 0.090031, 0.244728].
_ORDER_PROBE = (np.array([3.0, 1.0, 2.0]), 1.0)


def _flipped_or_reordered(function: Callable, problem: str) -> str:
    """The flipped-sign hint, or, where ``function`` (quietly called on _ORDER_PROBE) shows that it sorted its logits
    largest first or reversed its result instead, the hint for that. On two logits, [0.9, 0.1] for [0.1, 0.9] is
    each of the three, so only a third logit tells them apart; a function that does none of them on the probe keeps
    the flipped-sign hint, with the other two named as possible."""
    from tempnb.core import softmax

    start = problem[: problem.index(_FLIPPED_SIGN)]  # "on <case> your result, <got>, "
    z, T = _ORDER_PROBE
    expected = softmax(z, T)
    with _quietly():  # the check's own probe: the learner's prints are not shown
        outcome = call(function, z.copy(), T)
    if not outcome.problem:
        if _same(outcome.value, softmax(-z, T)):
            return problem
        if _same(outcome.value, np.sort(expected)[::-1]):
            return start + _LARGEST_FIRST
        if _same(outcome.value, expected[::-1]):
            return start + _BACK_TO_FRONT
    return (start + _FLIPPED_SIGN + " If your signs are right, your probabilities come out largest first or back "
            "to front instead, which on two logits looks the same: do not sort or reverse z or the result.")


def _lazy_mistake(label: str) -> Mistake:
    """A lazy iterator returned in place of the probabilities: map(...), a generator expression, filter, zip, iter.
    It holds no numbers until something loops over it, so the check cannot read one (cold read r157, X1)."""
    return Mistake(lambda a: isinstance(a, Iterator),
                   f"on {label} your function returned {{got:lazy}}, a lazy iterator: it computes its values only "
                   "when something loops over it, so it holds no probabilities the check can read. Return a list "
                   "or an array: list(...) around it, or, simpler, divide the whole array at once, exps / "
                   "exps.sum(), with no map or loop.")


# NumPy warns when exp overflows or a division gives 0 / 0, and the check turns any warning into a hint before it
# looks at the values: an all-zero result reaches the Mistakes only when the learner's function silenced the warning
# (np.errstate inside it) or caught the failure some other way, so the hint says "if".
_SILENCED = ("NumPy warns when that happens; if your function silences the warning (np.errstate, np.seterr or "
             "warnings.filterwarnings), that hides the problem, it does not fix it.")


def _all_zeros(shape: tuple[int, ...]) -> Callable[[object], bool]:
    """A recogniser: an answer of the right shape whose entries are all exactly 0."""
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == shape and bool(np.all(array == 0))
    return recognise


def _rounded_mistakes(expected: np.ndarray, label: str) -> list[Mistake]:
    """The right answer rounded to d decimals (np.round or round), for each d from 1 to 16 whose rounding misses the
    check's relative 1e-9. Neighbouring d that give the same values on this case (on [10, 20, 30] at T = 1, 1 to 4
    decimals all give [0, 0, 1]) share one Mistake whose hint names the whole range, so it never names a d the
    learner did not use. Compared to a relative 1e-14 and nothing absolute: an entry rounded to 0 must be exactly 0."""
    groups: list[tuple[int, int, np.ndarray]] = []  # (fewest decimals, most decimals, the rounded values)
    for d in range(1, 17):
        rounding = np.round(expected, d)
        if groups and close(rounding, groups[-1][2], rtol=1e-14, atol=0):  # np.round's own rounding aside, equal
            groups[-1] = (groups[-1][0], d, rounding)
        else:
            groups.append((d, d, rounding))
    mistakes = []
    for fewest, most, rounding in groups:
        if close(rounding, expected, rtol=1e-9, atol=1e-300):
            continue  # this rounding passes the check: not a mistake
        decimals = f"{fewest} decimal{'s' if fewest > 1 else ''}" if fewest == most else \
            f"{most} decimals or fewer ({fewest} to {most} all give these values here)"
        # a one-hot rounding is also what the T -> 0 limit returns: say so, for a function that never rounded
        one_hot = " If you did not round, your function returned the one-hot T → 0 limit: at every T > 0 compute " \
            "softmax(z / T)." if bool(np.all((rounding == 0) | (rounding == 1))) else ""
        mistakes.append(Mistake(
            lambda a, rounding=rounding: close(a, rounding, rtol=1e-14, atol=0),
            f"on {label} your values, {{got:.10g}}, are the answer rounded to {decimals}; to 10 digits the answer is "
            f"{_digits(expected, '.10g')}. Return the full-precision values and round only when you print: the "
            f"check compares every entry within a relative 1e-9.{one_hot}"))
    return mistakes


# The epsilons learners add "to avoid dividing by 0" (powers of ten, float64's and float32's machine epsilon, the
# smallest normal float64): on two logits every answer that sums to 1 is (e + c) / sum(e + c) for some c, so there
# only these count as an epsilon.
_EPSILONS = (*(float(10.0 ** -k) for k in range(1, 31)), float(np.finfo(np.float64).eps),
             float(np.finfo(np.float32).eps), float(np.finfo(np.float64).tiny))


def _epsilon_in_each(expected: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: the answer is (e + eps) / sum(e + eps) for some small eps > 0, with e = exp((z - z.max()) / T).

    With p the answer and S the sum of e (1 / the largest probability), each entry is (p_k + c) / (1 + K c) for
    c = eps / S, so the smallest entry gives c, and every entry must then agree with that formula to a relative 1e-12
    (two roundings of one formula). With K = 2 that agreement holds for any answer that sums to 1, so there the
    implied eps must also be one of the usual _EPSILONS."""
    size = expected.size
    total = 1 / float(np.max(expected))  # S: the largest exponential is exp(0) = 1

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if array is None or array.shape != expected.shape or size < 2 or not np.all(np.isfinite(array)):
            return False
        smallest = int(np.argmin(expected))
        room = 1 - size * float(array[smallest])
        if room <= 0:
            return False
        c = (float(array[smallest]) - float(expected[smallest])) / room
        if not (0 < c < 1e-3 and close(array, (expected + c) / (1 + size * c), rtol=1e-12, atol=1e-300)):
            return False
        return size > 2 or any(math.isclose(c * total, epsilon, rel_tol=1e-4) for epsilon in _EPSILONS)
    return recognise


def _floored(expected: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: the answer is max(e, f) / sum(max(e, f)) for a floor f that lifts at least one entry, as
    np.maximum or np.clip of the exponents, (z - z.max()) / T, does (f = exp(the floor)). The largest entry is never
    lifted, so it gives the sum; the smallest then gives f; every entry must agree to a relative 1e-12. On two logits
    every answer with its smaller entry too large fits, so only cases of three or more logits are read."""
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if array is None or array.shape != expected.shape or not np.all(np.isfinite(array)) or array.size < 3:
            return False
        top = int(np.argmax(expected))
        if not array[top] > 0:
            return False
        scale = float(expected[top] / array[top])  # sum(max(p, f)) in units of the expected probabilities
        floor = float(np.min(array)) * scale
        lifted = np.maximum(expected, floor)
        return (bool(np.any(expected < floor)) and floor < float(expected[top])
                and close(array, lifted / lifted.sum(), rtol=1e-12, atol=1e-300))
    return recognise


def _epsilon_in_sum(expected: np.ndarray) -> Callable[[object], bool]:
    """A recogniser: every entry is the answer times one factor S / (S + eps) just below 1 (eps added to the sum S),
    to a relative 1e-12, and the answer misses the check's relative 1e-9."""
    def recognise(answer: object) -> bool:
        array = as_array(answer)
        if array is None or array.shape != expected.shape or not np.all(np.isfinite(array)):
            return False
        factor = float(np.sum(array))  # the expected entries sum to 1
        return 1 - 1e-3 < factor < 1 - 1e-10 and close(array, expected * factor, rtol=1e-12, atol=1e-300)
    return recognise


# The small amounts learners add to T "to avoid dividing by zero": each that moves softmax(z / T) beyond the check's
# relative 1e-9 on a case is recognised there (T + eps with T >= 0.001 is T itself for eps below about 2e-19).
_NUDGES = (*(float(10.0 ** -k) for k in range(3, 17)), float(np.finfo(np.float64).eps))


def _typed(value: float) -> str:
    """A small number as a learner types it: 1e-9 rather than 1e-09, 2.22e-16 for machine epsilon."""
    return f"{value:.3g}".replace("e-0", "e-")


def _nudged_mistakes(logits: list[float], T: float, label: str) -> tuple[Mistake, ...]:
    """softmax(z / (T + eps)) and softmax(z / (T * (1 + eps))) for the nudges eps of _NUDGES that give a wrong answer
    on this case: a T nudged away from 0 (T + 1e-12 in the divisor, or T = T + 1e-9 at the top of the function),
    compared to a relative 1e-12."""
    from tempnb.core import softmax

    expected = softmax(logits, T)
    mistakes = []
    # the additive nudges first: at T = 0.001, T + 1e-12 and T * (1 + 1e-9) agree to about 16 digits, and a learner
    # who added 1e-12 gets the hint that says so
    nudges = [(T + nudge, f"T + {_typed(nudge)}") for nudge in _NUDGES]
    nudges += [(T * (1 + nudge), f"T * (1 + {_typed(nudge)})") for nudge in _NUDGES]
    for nudged_T, written in nudges:
        nudged = softmax(logits, nudged_T)
        if nudged_T == T or close(nudged, expected, rtol=1e-9, atol=1e-300):
            continue
        mistakes.append(Mistake(
            lambda a, nudged=nudged: close(a, nudged, rtol=1e-12, atol=1e-300),
            f"on {label} your values are softmax(z / ({written})), not softmax(z / T): a temperature nudged by a "
            f"small amount is not T, and at T = {T:g} the nudge moves the probabilities beyond the check's "
            "relative 1e-9. Divide by T itself, and handle T = 0 with a branch of its own (test for T == 0 and "
            "return the limit) rather than by keeping T away from 0."))
    return tuple(mistakes)


# Exponentiating before dividing by T, exp(z - z.max()) ** (1 / T), or the log of the T = 1 softmax divided by T: right
# in exact arithmetic, but an entry whose exp underflowed to 0 at T = 1 stays 0 at every T (the notebook's
# "Temperature after the fact" shows it on [0, -800]). On [0, -800] at T = 1000 that gives [1, 0], where the answer
# is [0.68997, 0.31003].
_RETEMPERED_LABEL = "[0, -800] at T = 1000"
_RETEMPERED = ("you exponentiated before dividing by T (exp(z - z.max()) ** (1 / T), or the log of a softmax at T = 1 "
               "divided by T): the entry whose exp underflowed to 0 at T = 1 stays 0 at every T, as 'Temperature "
               "after the fact' warns, where softmax(z / T) gives it {share:.6g}. Divide the logits by T before "
               "exponentiating: exp((z - z.max()) / T).")


def _retempered_mistake(logits: list[float], T: float, label: str) -> Mistake:
    """The answer of re-tempering the T = 1 softmax, q(1) ** (1 / T) renormalised, where it is not the answer."""
    from tempnb.core import softmax

    expected = softmax(logits, T)
    q1 = softmax(logits)
    with np.errstate(all="ignore"):
        powered = (q1 / q1.max()) ** (1 / T)
    retempered = powered / powered.sum()
    return Mistake(lambda a: close(a, retempered, rtol=1e-9, atol=1e-300),
                   f"on {label} your result is {{got}}: " + _RETEMPERED.format(share=float(np.min(expected))))


def _retempered_on_problem(logits: list[float], T: float) -> Callable[[str], str]:
    """Advice for a case where exponentiating first underflows (met only after the smaller T passed): np.log of a
    probability that is exactly 0, as the log route to re-tempering takes it."""
    from tempnb.core import softmax

    share = float(np.min(softmax(logits, T)))

    def advice(problem: str) -> str:
        if "divide by zero" in problem:
            return ("np.log was given a probability that is exactly 0: the softmax at T = 1 rounds that entry's exp "
                    f"to 0, and no division by T brings it back, where softmax(z / T) gives it {share:.6g}. Divide "
                    "the logits by T before exponentiating, exp((z - z.max()) / T), and take no logarithm.")
        return _tempered_on_problem(problem)
    return advice


# Dividing first, z / T and then its maximum subtracted, is accepted: it differs from subtracting first only in the
# last digits unless z / T is enormous (the notebook's "Going deeper: why subtract before dividing" shows logits near
# 1e7 at T = 0.003), and the cases below keep |z / T| at 3000 or less.


def _digits(value: object, spec: str) -> str:
    """An array's entries formatted with ``spec`` (e.g. ".10g"), as a list."""
    return str([float(format(float(x), spec)) for x in np.asarray(value, dtype=float).reshape(-1)])


class _Shown:
    """A learner's value in a hint: ``{got}`` shows it as usual (6 digits), ``{got:.10g}`` to 10 digits,
    so that a float32 or rounded answer visibly differs from the answer; ``{got:lazy}`` names a lazy iterator's
    kind without its repr (which holds a memory address); ``{got:text}`` shows text as a list, without a dtype."""

    def __init__(self, value: object) -> None:
        self.value = value

    def __format__(self, spec: str) -> str:
        if spec == "lazy":  # what a lazy iterator is, named by how a learner makes it
            if isinstance(self.value, types.GeneratorType):
                return "a generator (made by a generator expression, (... for x in ...), or by yield)"
            kind = type(self.value).__name__
            return f"a {kind} object ({kind}(...))" if kind in ("map", "filter", "zip") else f"a {kind} object"
        if spec == "text":  # an array of strings as a list, without NumPy's dtype='<U14' after it
            return shown(self.value.tolist() if isinstance(self.value, np.ndarray) else self.value)
        array = as_array(self.value)
        if array is not None and spec.startswith("entry"):  # one entry, "entry2" the third, to 10 digits
            index = int(spec[len("entry"):])
            return f"{float(array.reshape(-1)[index]):.10g}" if index < array.size else shown(self.value)
        if array is not None and spec == "sum":  # enough digits to show a sum that misses 1 by 1e-9 or more
            return f"{float(np.sum(array)):.12g}"
        return _digits(array, spec) if spec and array is not None else shown(self.value)


def _swapped(logits: list[float], T: float) -> np.ndarray | None:
    """softmax(T / z): the arguments' roles swapped (only where no logit is 0)."""
    from tempnb.core import softmax

    z = np.asarray(logits, dtype=float)
    return softmax(T / z) if np.all(z != 0) and np.all(np.isfinite(z)) else None


# The types Python and NumPy name when a function or method is used as a number: z.max, e.sum, max, len
# (builtin_function_or_method), np.max, np.sum (numpy._ArrayFunctionDispatcher in NumPy 2), np.maximum (numpy.ufunc), a
# function or method of the learner's own (function, method).
_UNCALLED_TYPES = r"(builtin_function_or_method|method-wrapper|method|function|(?:numpy\.)?_ArrayFunctionDispatcher|" \
                  r"(?:numpy\.)?ufunc|functools\.partial)"
# Where they appear: an operator with a function on one side, `z - z.max` ("unsupported operand type(s) for -: 'float'
# and 'builtin_function_or_method'"); np.exp(z.max) ("... argument 0 of type builtin_function_or_method ..."); and
# math.exp(z.max) ("must be real number, not builtin_function_or_method").
_UNCALLED = re.compile(rf"unsupported operand type\(s\) for [^:]+: (?:'[^']+' and '{_UNCALLED_TYPES}'|"
                       rf"'{_UNCALLED_TYPES}' and '[^']+')|of type {_UNCALLED_TYPES} which has no callable|"
                       rf"must be real number, not {_UNCALLED_TYPES}")
_UNCALLED_ADVICE = ("A function or method was used as a number without being called: z.max, e.sum, max or np.max "
                    "name the function, and only with parentheses, z.max(), e.sum(), max(z) or np.max(z), do they "
                    "give the number. Add the parentheses.")


def _tempered_on_problem(problem: str) -> str:
    if "TypeError" in problem and _UNCALLED.search(problem):
        # z - z.max or e / e.sum without the (): the message names 'float' too, but the argument order is not the
        # mistake (cold read r165, X1)
        return _UNCALLED_ADVICE
    if "TypeError" in problem and ("Python scalars" in problem or "must be real number, not" in problem):
        return ("math.exp (and the math module generally) takes one number at a time; z is an array: use np.exp, "
                "which works on every entry at once.")
    if (("TypeError" in problem or "AttributeError" in problem) and "'float'" in problem) or (
            "ValueError" in problem and "truth value of an array" in problem):
        # T where z should be: a float has no .max() (AttributeError), len(T) or T[0] raise TypeError (each naming
        # 'float'), and `if T == 0:` with the logits in T's place asks for the truth value of an array; any other
        # TypeError (z.size(), say) is a slip of the code, not of the order
        return _ARGUMENT_ORDER
    if "invalid value" in problem or "divide by zero" in problem:
        return ("Everything underflowed to 0 and the division gave 0/0. If you raised softmax(z) to the power "
                "1/T: q ** (1 / T) underflows for small T unless you first divide q by its largest entry; "
                "or temper the logits instead: exp((z - z.max()) / T), normalised.")
    if "AxisError" in problem:  # z.max(axis=1) or e.sum(axis=1), as in 03's softmax over the rows of a batch
        return _ONE_VECTOR
    if problem.startswith("it raised") and not problem.startswith(_NUMERIC_ERRORS):
        # an error of the code itself (a name, an index, a method), not of the numbers: the max trick would not help
        return _OTHER_ERROR
    # NumPy's overflow, and the math module's OverflowError or ZeroDivisionError: the shift is what is missing
    return _GENERIC_SHIFT


_ONE_VECTOR = ("z is one vector of logits, a 1-D array whose only axis is axis 0: write z.max() and exps.sum() "
               "without axis=1 (axis=1 runs along the rows of a 2-D batch, as in 03's softmax over a batch; this "
               "exercise has no batch).")
# Errors that come from the numbers, not from the code: the max trick (or the T == 0 branch) is the fix for these.
_NUMERIC_ERRORS = tuple(f"it raised {name}" for name in ("OverflowError", "ZeroDivisionError", "FloatingPointError"))
_OTHER_ERROR = ("The check calls my_tempered_softmax(z, T) with z a 1-D NumPy array of floats and T a float: call "
                "it that way yourself, e.g. my_tempered_softmax(np.array([10.0, 20.0, 30.0]), 10.0), and the "
                "traceback shows the line that fails.")


def _quietly() -> contextlib.ExitStack:
    """A context in which what the learner's code prints is not shown (stdout and stderr both).

    For the calls check_tempered_softmax makes after a case has missed, beyond first_miss's own: every case with
    T > 0 called with the arguments swapped (_right_when_swapped), the same cases again and four probes of its own
    (_shift_advice), and a T = 0 case again (_discarded_division). A debugging print would otherwise show inputs the
    learner never wrote, or the logits in T's place, as if the check had passed the arguments the wrong way round
    (cold read r163, X1)."""
    stack = contextlib.ExitStack()
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
    return stack


_ARGUMENT_ORDER = "The check calls my_tempered_softmax(z, T): the logits first, then the temperature."
_DIVIDED_BY_T = "and the logits are divided by T."  # the end of the T / z hint, which names the order already


def _right_when_swapped(function: Callable, cases: list[Case]) -> str | None:
    """Whether ``function``, called as function(T, z), gives softmax(z / T) on every case with T > 0: evidence
    that its signature is (T, z), whatever it does when the check calls it as function(z, T). None if not; else
    "" when the shape is right too, or the shape it returns (e.g. "(1, 2)") when only the values are."""
    positive = [case for case in cases if case.args[1] > 0]
    shapes = set()
    for case in positive:
        z, T = case.args
        with _quietly():  # the check's probe, not the learner's call: its prints are not shown
            outcome = call(function, T, z)
        got = as_array(outcome.value)
        if outcome.problem or got is None or got.size != case.expected.size or \
                not close(got.ravel(), case.expected, rtol=1e-9, atol=1e-300):
            return None
        if got.shape != case.expected.shape:
            shapes.add(str(got.shape))
    return (sorted(shapes)[0] if shapes else "") if positive else None


# The advice when the shift cannot be told apart; check_tempered_softmax replaces it by the one sentence of
# _SHIFT_ADVICE whose shift fails on exactly the probes where the learner's function fails.
_GENERIC_SHIFT = ("Subtract the largest logit before exponentiating, at every T: (z - z.max()) / T, or "
                  "z / T - (z / T).max() if you divide first; z / T - z.max() is not enough (the shift must be "
                  "divided by T too). Then every exponent is at most 0. The shift must be the largest entry: not "
                  "the minimum, the mean, or the first or last entry (z[-1] is the largest only when the logits "
                  "happen to be sorted).")


def _shifted(shift: Callable[[np.ndarray, float], object]) -> Callable[[np.ndarray, float], np.ndarray]:
    """softmax(z / T) computed as exp(z / T - shift(z, T)) normalised: right in exact arithmetic, whatever the shift."""
    def tempered(z: np.ndarray, T: float) -> np.ndarray:
        exps = np.exp(np.asarray(z, dtype=float) / T - shift(z, T))
        return exps / exps.sum()
    return tempered


# Each shift that cancels in exact arithmetic, and the one sentence a learner who used it needs.
_SHIFT_ADVICE = (
    (_shifted(lambda z, T: 0.0),
     "Subtract the largest logit, then divide by T, before exponentiating: (z - z.max()) / T; then every exponent "
     "is at most 0 and exp cannot overflow."),
    (_shifted(lambda z, T: np.max(z)),
     "You subtracted z.max() from z / T: the shift must be divided by T too. Write (z - z.max()) / T; then "
     "every exponent is at most 0."),
    (_shifted(lambda z, T: np.min(z) / T),
     "You subtracted the minimum: every exponent is then at least 0, and the largest overflows. Subtract the "
     "maximum, not the minimum: (z - z.max()) / T."),
    (_shifted(lambda z, T: np.mean(z) / T),
     "You subtracted the mean, not the maximum: the entries above the mean keep positive exponents, which "
     "overflow at a small T. Subtract the maximum: (z - z.max()) / T."),
    (_shifted(lambda z, T: z[0] / T),
     "You shifted by the first logit, z[0], not the largest: a logit above it keeps a positive exponent, which "
     "overflows at a small T. Subtract the maximum: (z - z.max()) / T."),
    # np.abs(z).max(): the largest logit when the largest in size is positive, too large a shift when it is negative
    (_shifted(lambda z, T: np.max(np.abs(z)) / T),
     "You shifted by the largest absolute value, np.abs(z).max(), not the largest logit: where the logit largest in "
     "size is negative, as in [-3, -2, -1], the shift is too large, every exponent lies far below 0 (here -4000 and "
     "below) and every exp underflows to 0. Subtract the largest logit itself, (z - z.max()) / T: then the largest "
     "exponent is exactly 0."),
)
# Probes at which the shifts above fail differently (a NumPy warning or a wrong value), beside the check's cases:
# no shift overflows on the first, z / T - z.max() does not; the minimum overflows on the second, the mean does not;
# on the last, np.abs(z).max() / T underflows every exponent (-4000 and -1500) where a function that shifts only
# against overflow needs no shift (z / T is [-2000, 500]), so the two failures on [-3, -2, -1] are told apart.
_SHIFT_PROBES = ((np.array([400.0, 401.0]), 0.5), (np.array([0.0, 0.5, 0.9]), 0.001), (np.array([100.0, 100.5]), 0.001),
                 (np.array([-2.0, 0.5]), 0.001))


# For the starter run as given, the hint names what goes wrong and leaves the fix to the learner; a learner's own
# failing attempt gets the recipe (_SHIFT_ADVICE).
_STARTER_ADVICE = ("This is the starter as given: here z / T reaches 3000, np.exp(3000) overflows to inf, and "
                   "inf / inf is nan. Make it stable at every T (and give the limit at T = 0), as the exercise asks.")


# The starter's code as the notebook gives it; its comment aside, a function with this syntax tree is the starter.
_STARTER_SOURCE = "def my_tempered_softmax(z, T):\n    return np.exp(z / T) / np.exp(z / T).sum()\n"


def _is_starter(function: object) -> bool:
    """Whether ``function`` is the exercise's starter, my_tempered_softmax as the notebook gives it, unchanged."""
    import ast
    import inspect
    import textwrap

    try:
        source = textwrap.dedent(inspect.getsource(function))
        return ast.dump(ast.parse(source)) == ast.dump(ast.parse(_STARTER_SOURCE))
    except (OSError, TypeError, SyntaxError):
        return False


def _failures(function: Callable, probes: list[tuple[np.ndarray, float]]) -> tuple[bool, ...]:
    """On which probes ``function`` fails: a warning or error, or a value other than tempnb.softmax's."""
    from tempnb.core import softmax

    failed = []
    for z, T in probes:
        with _quietly():  # probes of the check's own, after the miss: the learner's prints are not shown
            outcome = call(function, z, T)
        failed.append(bool(outcome.problem) or not close(outcome.value, softmax(z, T), rtol=1e-9, atol=1e-300))
    return tuple(failed)


def _shift_advice(function: Callable, cases: list[Case]) -> str | None:
    """The sentence for the one shift of _SHIFT_ADVICE that fails where ``function`` fails, or None."""
    probes = [case.args for case in cases if case.args[1] > 0] + list(_SHIFT_PROBES)
    learner = _failures(function, probes)
    matching = [advice for shift, advice in _SHIFT_ADVICE if _failures(shift, probes) == learner]
    return matching[0] if len(matching) == 1 else None


# The advice for [-3, -2, -1] at T = 0.001 when every exp underflowed; check_tempered_softmax replaces it by the
# sentence of _SHIFT_ADVICE whose shift fails where the learner's function fails, if one does (np.abs(z).max()).
_ALL_NEGATIVE = ("Every exponent here is -1000 or below, so every exp underflowed to 0 and the division gave 0/0. "
                 "Subtract the largest logit always, (z - z.max()) / T, not only when something would overflow: "
                 "then the largest term is exactly exp(0) = 1 and the sum is at least 1.")


def _all_negative_on_problem(problem: str) -> str:
    """Advice for [-3, -2, -1] at T = 0.001: every exponent near -1000 or below, so without a shift all underflow."""
    if "invalid value" in problem or "divide by zero" in problem:
        return _ALL_NEGATIVE
    return _tempered_on_problem(problem)


def _largest_first_on_problem(problem: str) -> str:
    """Advice for [3, 1, 2] at T = 0.001, met only after [1, 2, 3] at the same T passed."""
    if "overflow" in problem:
        return ("[1, 2, 3] at the same T passed, so you shifted by the last logit, not the largest: z[-1] is the "
                "largest only when the logits are sorted, and here the largest, 3, comes first. Subtract the "
                "maximum: (z - z.max()) / T.")
    return _tempered_on_problem(problem)


def _large_logits_on_problem(problem: str) -> str:
    """Advice for [1000, 1001] at T = 1, met only after every case at T = 0.001 passed: a function that shifts the
    logits only when T is small (below 1, say) overflows here, e^1000 being far beyond the largest double."""
    if "overflow" in problem.lower():
        return ("Every case at T = 0.001 passed, so your function subtracts the largest logit only at some T (only "
                "when T < 1?): large logits overflow at T = 1 too, as 03's [1000, 1001] did. Subtract the largest "
                "logit at every T > 0.")
    return _tempered_on_problem(problem)


def _limit_on_problem(problem: str) -> str:
    """Advice for T = 0 itself, met only after every T > 0 passed."""
    if "divide by zero" in problem or "invalid value" in problem or "ZeroDivisionError" in problem:
        return ("At T = 0, dividing by T divides by zero (the notebook's softmax_with_temperature gives nan here): "
                "test for T == 0 before dividing and return the limit, as tempnb.softmax(z, 0) does: all the mass on "
                "the largest logit, shared equally between tied maxima.")
    if "overflow" in problem:
        # nothing overflows at T = 0 itself (z / 0 divides by zero): T was replaced by a tiny positive number, as
        # max(T, 1e-320) does, and (z - z.max()) / 1e-320 overflows to -inf
        return ("At T = 0 your function divided the logits by a tiny positive number in T's place (as "
                "max(T, 1e-320) or T + 1e-320 do), and that overflowed: a clamped T is not T = 0, however small. "
                "Test for T == 0 before dividing and return the limit: the mask z == z.max() divided by its sum.")
    return _tempered_on_problem(problem)


def _names_where(code: types.CodeType, names: dict) -> bool:
    """Whether ``code`` reaches np.where: as an attribute (np.where, numpy.where), by an import (from numpy import
    where), or by a global name bound to it. Like np.logaddexp, np.where is not a Python function, so the profiler
    does not see it run; the code that names it shows it."""
    if "where" not in code.co_names:
        return False
    for instruction in dis.get_instructions(code):
        if instruction.argval != "where":
            continue
        if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"):
            return True
        if instruction.opname == "LOAD_GLOBAL" and names.get("where") is np.where:
            return True
    return False


def _discarded_division(function: Callable, cases: list[Case], problem: str,
                        ran: dict[types.CodeType, dict]) -> str | None:
    """The hint for a function whose result at T = 0 is the right limit although NumPy warned: a division by T = 0
    computed and then thrown away, as np.where(T == 0, limit, softmax) computes it (np.where evaluates both of its
    branches before it chooses). None for any other problem. ``ran`` is check_tempered_softmax's record of the code
    that ran, to tell np.where from other ways of computing the softmax before testing T."""
    for case in cases:
        z, T = case.args
        start = f"on {case.label}, it emitted a RuntimeWarning: "
        if T != 0 or not problem.startswith(start):
            continue
        kind = problem[len(start):].split(".")[0]
        if kind not in ("divide by zero", "invalid value"):
            return None
        with _quietly():  # a repeat of a case first_miss ran: its prints showed then
            outcome = call(function, z, T)
        try:
            right = _same(outcome.value, case.expected)
        except Exception:  # an answer the comparison cannot read is not the limit
            right = False
        if not right:
            return None
        where = any(_names_where(code, names) for code, names in ran.items() if not _in_a_library(names))
        cause = ("np.where(T == 0, limit, softmax) computes both of its branches before it chooses between them, so "
                 "the softmax branch divides by T = 0 even though its result is thrown away. Choose with an if "
                 "statement instead" if where else
                 "some line of your function divides by T before, or whether or not, it tests T == 0, and its "
                 "result is then thrown away. Test first")
        return (f"on {case.label} your result is the right limit, {np.round(case.expected, 6).tolist()}, but NumPy "
                f"warned on the way ({kind}): {cause}, `if T == 0: return ...` before any division by T, so that at "
                "T = 0 nothing divides by zero.")
    return None


def _shared_mask(a: object, size: int) -> bool:
    """Whether an answer is a distribution shared equally by two or more entries (a mask divided by its sum)."""
    array = as_array(a)
    if array is None or array.shape != (size,) or not bool(np.all(np.isfinite(array))):
        return False
    support = array[array != 0]
    return support.size > 1 and bool(np.allclose(support, 1 / support.size, rtol=1e-9, atol=0))


def _near_tie_mistakes(z: np.ndarray, expected: np.ndarray, label: str) -> tuple[Mistake, ...]:
    """On a near-tie at T = 0 (no exact tie): a tie test with a tolerance, and T clamped to a small value."""
    shape = expected.shape
    gap = float(np.max(z) - np.max(z[z < np.max(z)]))
    # a gap below 1e-292 is less than 1e-16 of any clamp T >= 1e-308: z / T ties the two exactly in float64
    clamp = ", or from clamping T to a small positive value (max(T, 1e-300) is not T = 0)" if gap < 1e-292 else ""
    return (
        # np.isclose(z, z.max()) or a rounded comparison: the near-maxima share the mass, exact zeros elsewhere
        Mistake(lambda a: _shared_mask(a, z.size) and bool(np.all(as_array(a)[expected > 0] > 0)),
                f"on {label} your result, {{got}}, shares the mass between logits that are close but not equal, "
                f"as from a tie test with a tolerance{clamp}: at T = 0 only exactly equal maxima tie. Use "
                "z == z.max(), not np.isclose or rounding, and test for T == 0."),
        # T = max(T, 1e-3) or 1e-6: a softmax at a small T > 0, with mass left off the largest logit
        Mistake(lambda a: as_array(a) is not None and as_array(a).shape == shape
                and bool(np.all(np.isfinite(as_array(a)))) and not _shared_mask(a, z.size)
                and math.isclose(float(np.sum(as_array(a))), 1.0, rel_tol=1e-9)
                and 0 < float(np.max(as_array(a))) < 1 and int(np.argmax(as_array(a))) == int(np.argmax(z)),
                f"on {label} your result, {{got}}, is a softmax at a small T > 0, not the limit, as from "
                "clamping T to a small positive value (or adding one to T): at T = 0 only the largest logit (or "
                "exact ties) get mass, however close the others are. max(T, 1e-6) is not T = 0: test for T == 0 "
                "and return the mask z == z.max() divided by its sum."),
    )


def _limit_case(logits: list[float], label: str, near_tie: bool = False) -> Case:
    """T = 0 itself: the argmax limit, tied maxima sharing the mass (derived here, not from tempnb.softmax).

    ``near_tie``: the two largest logits differ by little, so T clamped to 1e-3 or 1e-6, and a tie test with
    a tolerance, give visibly wrong answers, which the hints name."""
    z = np.array(logits)
    is_max = (z == z.max()).astype(float)
    expected = is_max / is_max.sum()
    return Case((z, 0.0), expected, f"on {label} expected the T → 0 limit {expected.tolist()}, got {{got}}.", label, (
        _lazy_mistake(label),
        # np.argmax(z) itself: the position of the largest logit, not a distribution
        Mistake(lambda a: isinstance(a, (int, np.integer)) and not isinstance(a, bool)
                and int(a) == int(np.argmax(z)),
                f"on {label} you returned {{got}}, the index of the largest logit (np.argmax); return a probability "
                "vector, the mask z == z.max() divided by its sum."),
        Mistake(lambda a: as_array(a) is not None and bool(np.any(np.isnan(as_array(a)))),
                f"on {label} your result has nan in it: at T = 0, z / T is ±inf and inf - inf is nan. Test for "
                "T == 0 before dividing and return the limit: all the mass on the largest logit."),
        # a tie whose shares were rounded down: m // m.sum() with the mask m (1 // 2 is 0), or .astype(int) after
        # dividing; the case [1, 2, 3] at T = 0 comes first, so a function without a T == 0 branch never gets here
        Mistake(lambda a: is_max.sum() > 1 and _all_zeros(z.shape)(a),
                f"on {label} your result is all zeros, {{got}}, where each tied maximum should get "
                f"1/{is_max.sum():g}: something rounded that share down to 0. // is floor division (1 // 2 is 0), "
                "and int(...) or .astype(int) cut off the fraction too: divide the mask by its sum with / and keep "
                "floats, (z == z.max()) / (z == z.max()).sum()."),
        # no T == 0 branch, warnings silenced and np.nan_to_num: (z - z.max()) / 0 holds nan, and so does every entry
        Mistake(_all_zeros(z.shape),
                f"on {label} your result is all zeros, {{got}}: at T = 0, dividing by T gives ±inf and nan (0 / 0, or "
                f"inf - inf), so every entry came out nan, and something turned the nan into 0 (np.nan_to_num?). "
                f"{_SILENCED} Test for T == 0 before dividing and return the limit: the mask z == z.max() divided by "
                "its sum."),
        *(_near_tie_mistakes(z, expected, label) if near_tie else ()),
        Mistake(np.full(z.size, 1 / z.size), f"on {label} you returned the uniform distribution, the T → ∞ limit; "
                                             "T → 0 puts all the mass on the largest logit."),
        # any one-hot on a tied maximum: np.argmax keeps the first, a loop with >= the last
        Mistake(lambda a: is_max.sum() > 1 and as_array(a) is not None and as_array(a).shape == z.shape
                and bool(np.all((as_array(a) == 0) | (as_array(a) == 1))) and float(np.sum(as_array(a))) == 1.0
                and bool(is_max[int(np.argmax(as_array(a)))]),
                f"on {label} two logits tie for the largest, and at T = 0 they share the mass equally, "
                f"{expected.tolist()}; you put it all on one of them (np.argmax keeps the first, a >= loop the "
                "last): a tie shares the mass equally, so use z == z.max()."),
        # the mask z == z.max() as floats, not normalised: each tied maximum gets 1
        Mistake(is_max if is_max.sum() > 1 else None,
                f"on {label} you returned the mask z == z.max() itself, {is_max.tolist()}, which sums to "
                f"{is_max.sum():g}: divide the mask by its sum (the number of tied maxima), so that they share "
                "the mass equally."),
        # the mask divided by len(z), the number of logits: [1, 2, 3] gives [0, 0, 1/3], which sums to 1/3
        Mistake(is_max / z.size if is_max.sum() < z.size else None,
                f"on {label} you divided the mask z == z.max() by len(z), the number of logits, and got "
                f"{{got}}, which sums to {is_max.sum() / z.size:.6g}: divide the mask by its sum (the number of "
                "tied maxima), not by len(z)."),
    ), _limit_on_problem)


_SORTED_IN_PLACE = ("you sorted the logits (z.sort() reorders the caller's array in place): the k-th "
                    "probability belongs to the k-th logit, so leave z in its order and do not sort it.")


# The library functions Exercise 1 does not allow (the exercise text names these as examples of any library
# softmax, log-softmax or logsumexp): each does the max trick or the normalisation, the part of softmax(z / T) the
# exercise asks you to write.
_WHAT_IT_DOES = {
    "tempnb's softmax": "which takes T itself and handles T = 0",
    "scipy.special.softmax": "a library softmax that does the max trick for you",
    "tempnb's log_softmax": "a library log-softmax, whose exp is the softmax, max trick included",
    "scipy.special.log_softmax": "a library log-softmax, whose exp is the softmax, max trick included",
    "scipy.special.logsumexp": "which does the max trick and the normalisation for you (z / T - logsumexp(z / T) "
                               "is the log-softmax)",
    "tempnb's apply_temperature": "which tempers probabilities for you, max trick and normalisation included",
    "sklearn.utils.extmath.softmax": "a library softmax that does the max trick for you",
    # npy_logaddexp (numpy/_core/src/npymath/npy_math_internal.h.src, NumPy 2.4.6): x + log1p(exp(y - x)), x the larger
    "np.logaddexp": "NumPy's log(e^a + e^b), which takes the larger of a and b out first, so that "
                    "np.logaddexp.reduce(z / T) is the logsumexp of z / T, max trick included",
    # npy_logaddexp2 (the same file): x + log2(1 + 2^(y - x)), x the larger; a logsumexp in base 2 (cold read r163, X2)
    "np.logaddexp2": "NumPy's log2(2^a + 2^b), the base-2 np.logaddexp, which takes the larger of a and b out first, "
                     "so that np.logaddexp2.reduce(z / T / log 2) is a logsumexp in base 2, max trick included",
}


# NumPy's pairwise log-sum-exps, each forbidden with its methods (.reduce, .accumulate). They are ufuncs, not Python
# functions, so the profiler sees neither them nor their methods as a "call": the code that names them shows them.
_LOGADDEXPS = (np.logaddexp, np.logaddexp2)


def _library_functions() -> list[tuple[Callable, str]]:
    """The library functions Exercise 1 does not allow, each with the name its hint gives it: tempnb's, and those of
    scipy.special and sklearn.utils.extmath that the learner's session has loaded. The hint names the first of the
    list that ran, so a function that calls another listed one would have to come before it; in scipy 1.17 and
    scikit-learn 1.9 none of them does (scipy's softmax and log_softmax compute their own shift and sum)."""
    from tempnb import core

    found = [(core.apply_temperature, "tempnb's apply_temperature"), (core.log_softmax, "tempnb's log_softmax"),
             (core.softmax, "tempnb's softmax")]
    # Looked up, never imported: a learner's function that reaches scipy's or scikit-learn's softmax has loaded its
    # module already (the cases ran the learner's function first), and tempnb does not import scikit-learn for a check.
    special = sys.modules.get("scipy.special")
    extmath = sys.modules.get("sklearn.utils.extmath")
    for module, name, label in ((special, "softmax", "scipy.special.softmax"),
                                (special, "log_softmax", "scipy.special.log_softmax"),
                                (extmath, "softmax", "sklearn.utils.extmath.softmax"),
                                (special, "logsumexp", "scipy.special.logsumexp")):
        function = getattr(module, name, None)
        if isinstance(getattr(function, "__code__", None), types.CodeType):
            found.append((function, label))
    return found


def _library_called(ran: dict[types.CodeType, dict], logaddexp_methods_ran: list[np.ufunc]) -> str | None:
    """Which library function of those Exercise 1 does not allow ran while the check called the learner's function,
    however its code reached it (a name, a module attribute, a helper of its own at any depth, a functools.partial);
    None if none. ``ran`` maps the code of every Python function that ran during those calls to the globals it ran
    with (a profiler in check_tempered_softmax records it, as common.calls does, without calling the learner's
    function again); ``logaddexp_methods_ran`` lists the ufuncs of _LOGADDEXPS of which code outside the libraries
    called a method (.reduce, .accumulate), however it was named."""
    called = next((label for function, label in _library_functions() if function.__code__ in ran), None)
    for ufunc in _LOGADDEXPS:
        if called is None and (any(method_of is ufunc for method_of in logaddexp_methods_ran) or any(
                _names_ufunc(code, names, ufunc) for code, names in ran.items() if not _in_a_library(names))):
            called = f"np.{ufunc.__name__}"
    return called


# The libraries whose own code may name np.logaddexp (scipy 1.17's scipy.special.softplus calls it): only code
# outside them counts.
_LIBRARIES = frozenset({"numpy", "scipy", "sklearn", "tempnb"})


def _in_a_library(names: dict) -> bool:
    """Whether code that ran with these globals belongs to one of _LIBRARIES (by its module's name)."""
    return str(names.get("__name__", "")).split(".")[0] in _LIBRARIES


def _names_ufunc(code: types.CodeType, names: dict, ufunc: np.ufunc) -> bool:
    """Whether ``code`` reaches ``ufunc`` (np.logaddexp or np.logaddexp2): as an attribute (np.logaddexp,
    numpy.logaddexp2.reduce), by an import (from numpy import logaddexp), or by a global name bound to it. A ufunc
    call is not a Python call, so the profiler does not see np.logaddexp(a, b) itself; the code that names it shows
    it. A function of the learner's own called logaddexp is not NumPy's, and a comment or a string that mentions it
    is not code: neither counts."""
    name = ufunc.__name__
    if name not in code.co_names:
        return False
    for instruction in dis.get_instructions(code):
        if instruction.argval != name:
            continue
        if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM"):
            return True
        if instruction.opname == "LOAD_GLOBAL" and names.get(name) is ufunc:
            return True
    return False


def _not_a_function(value: object) -> str | None:
    """The hint for an argument that is not a function (None if it is one): most often the result of calling the
    function, my_tempered_softmax(z, T), passed in its place, or its name in quotes."""
    if callable(value):
        return None
    if isinstance(value, str):
        return (f"you passed the string {value!r}: pass your function itself, my_tempered_softmax, without quotes; "
                "the check calls it on logits and temperatures of its own.")
    passed_value = "None" if value is None else shown(value)
    returned = (" (if you wrote my_tempered_softmax(...) inside the check's parentheses, you passed what it "
                "returned, and it returned None)" if value is None else "")
    return (f"pass your function itself, my_tempered_softmax, without calling it (no parentheses after its name): "
            f"you passed {passed_value}, not a function{returned}. The check calls your function on logits and "
            "temperatures of its own.")


def _same(answer: object, expected: object) -> bool:
    """Exercise 1's comparison: a relative 1e-9 on every entry, however small; the absolute 1e-300 only lets an exact
    0 or a subnormal entry (below about 2e-308) through, never a probability a learner's slip made larger."""
    return close(answer, expected, rtol=1e-9, atol=1e-300)


def check_tempered_softmax(tempered_softmax: Callable) -> None:
    """Exercise 04.1: softmax(z / T) from scratch, stable for small T, and its limit at T = 0."""
    not_a_function = _not_a_function(tempered_softmax)
    if not_a_function is not None:  # before the cases, whose hints are about what a function returned
        return hint(not_a_function)
    cases = [
        _tempered_case([-1.3862943611198906, -0.2876820724517809], 0.5, "the logits of [0.25, 0.75] at T = 0.5"),
        # the anchor table's first row: entries from 2e-9 to 1, so an epsilon added to the exponentials shows
        _tempered_case([10.0, 20.0, 30.0], 1.0, "[10, 20, 30] at T = 1"),
        _tempered_case([10.0, 20.0, 30.0], 10.0, "[10, 20, 30] at T = 10"),
        _tempered_case([10.0, 20.0, 30.0], 100.0, "[10, 20, 30] at T = 100"),
        _tempered_case([1.0, 2.0, 3.0], 0.001, "[1, 2, 3] at T = 0.001"),
        # a near-tie whose top probability at T = 1 is 0.42: softmax(z) ** 1000 underflows to 0/0
        _tempered_case([0.0, 1.0, 1.001], 0.001, "[0, 1, 1.001] at T = 0.001"),
        # the largest logit first: shifting by z[-1] overflows, e^((3 - 2) / 0.001); sorting z reorders the answer
        _tempered_case([3.0, 1.0, 2.0], 0.001, "[3, 1, 2] at T = 0.001", _largest_first_on_problem),
        # every logit negative: a shift applied only against overflow leaves exponents of -1000 to -3000
        _tempered_case([-3.0, -2.0, -1.0], 0.001, "[-3, -2, -1] at T = 0.001", _all_negative_on_problem),
        # 03's large logits at T = 1: a shift applied only at a small T overflows, e^1000 (after the T = 0.001 cases,
        # so that the starter's hint names its overflow at T = 0.001)
        _tempered_case([1000.0, 1001.0], 1.0, "[1000, 1001] at T = 1", _large_logits_on_problem),
        # T > 1 with a gap beyond exp's range: exponentiating before dividing by T leaves exp(-800) at 0, [1, 0]
        _tempered_case([0.0, -800.0], 1000.0, _RETEMPERED_LABEL, _retempered_on_problem([0.0, -800.0], 1000.0),
                       first=(_retempered_mistake([0.0, -800.0], 1000.0, _RETEMPERED_LABEL),)),
        # T = 0 itself, which the notebook's softmax_with_temperature turns into nan: the limit, ties shared
        _limit_case([1.0, 2.0, 3.0], "[1, 2, 3] at T = 0"),
        _limit_case([3.0, 1.0, 3.0], "[3, 1, 3] at T = 0 (a tie)"),
        # near-ties without an exact tie: T clamped to 1e-3 shares the mass on the first, to 1e-6 on the second,
        # and a tie test with a tolerance (np.isclose) shares it on either
        _limit_case([0.0, 1.0, 1.001], "[0, 1, 1.001] at T = 0 (a near-tie)", near_tie=True),
        _limit_case([1.0, 1.0 + 1e-9], "[1, 1 + 1e-9] at T = 0 (a near-tie)", near_tie=True),
        # the closest near-ties float64 has: T clamped to 1e-12 gives about [0.49994, 0.50006] on the first; any
        # clamp T >= 1e-308 (1e-300 included) ties the second exactly, [0.5, 0.5], where the limit is [0, 1]
        _limit_case([1.0, float(np.nextafter(1.0, 2.0))], "[1, np.nextafter(1, 2)] at T = 0 (a near-tie)",
                    near_tie=True),
        _limit_case([0.0, 5e-324], "[0, 5e-324] at T = 0 (a near-tie)", near_tie=True),
    ]
    sorted_in_place = []  # set by the wrapper below when the learner's code sorts the array it was given
    ran: dict[types.CodeType, dict] = {}  # the code of every Python function the learner's function ran: its globals
    # the ufunc of each np.logaddexp.reduce or np.logaddexp2.reduce (or other method) called outside the libraries
    logaddexp_methods_ran: list[np.ufunc] = []

    def record(frame, event, arg) -> None:  # noqa: ANN001 (sys.setprofile's signature)
        if event == "call":
            ran.setdefault(frame.f_code, frame.f_globals)
        elif event == "c_call":
            method_of = getattr(arg, "__self__", None)
            # by identity: __self__ may be an array, whose == does not give one truth value
            if any(method_of is ufunc for ufunc in _LOGADDEXPS) and not _in_a_library(frame.f_globals):
                logaddexp_methods_ran.append(method_of)

    @functools.wraps(tempered_softmax)  # keeps the learner's parameter names for the hints
    def watched(*args):
        given = args[0] if args and isinstance(args[0], np.ndarray) else None
        before = None if given is None else given.copy()
        previous = sys.getprofile()
        sys.setprofile(record)
        try:
            result = tempered_softmax(*args)
        finally:
            sys.setprofile(previous)
        if before is not None and given.shape == before.shape and not np.array_equal(given, before) and (
                np.array_equal(given, np.sort(before)) or np.array_equal(given, np.sort(before)[::-1])):
            sorted_in_place.append(True)
        return result

    # every entry to a relative 1e-9, however small (atol=1e-300 only lets exact zeros and subnormals through)
    problem = first_miss(watched, cases, same=_same, show=_Shown)
    if problem is not None and sorted_in_place and "changed its input" in problem:
        problem = problem.split("your function changed its input")[0] + _SORTED_IN_PLACE
    swapped = None if problem is None or problem.endswith((_ARGUMENT_ORDER, _DIVIDED_BY_T)) else \
        _right_when_swapped(tempered_softmax, cases)
    if swapped is not None:
        # a (T, z) signature: whatever went wrong with (z, T), the mistake to name is the order of the arguments
        shape = (f" Return a 1-D array, like z, too: yours has shape {swapped} (np.array([...]) around an array, or "
                 "np.atleast_2d, adds an axis; .ravel() removes it).") if swapped else ""
        problem = ("your function takes the temperature first: called as my_tempered_softmax(T, z) it gives "
                   f"softmax(z / T) on every case with T > 0. {_ARGUMENT_ORDER}{shape}")
    if problem is not None and problem.endswith(_GENERIC_SHIFT):
        advice = _STARTER_ADVICE if _is_starter(tempered_softmax) else _shift_advice(tempered_softmax, cases)
        if advice is not None:
            problem = problem[: -len(_GENERIC_SHIFT)] + advice
    elif problem is not None and problem.endswith(_ALL_NEGATIVE):
        # every exp underflowed on [-3, -2, -1]: a shift too large, such as np.abs(z).max(), or none at all
        advice = _shift_advice(tempered_softmax, cases)
        if advice is not None:
            problem = problem[: -len(_ALL_NEGATIVE)] + advice
    if problem is not None and _FLIPPED_SIGN in problem:
        problem = _flipped_or_reordered(tempered_softmax, problem)
    if problem is not None:
        problem = _discarded_division(tempered_softmax, cases, problem, ran) or problem
    # a library function that ran is the mistake to name, whatever else went wrong: a library softmax of z / T passes
    # every case (with a T == 0 branch), apply_temperature misses a near-tie its T = 1 softmax rounded to a tie, and a
    # function written from scratch removes these and any other slip that came with the library call
    library = _library_called(ran, logaddexp_methods_ran)
    if library is not None:
        problem = (f"your function calls {library} ({_WHAT_IT_DOES[library]}): the exercise is to write "
                   "softmax(z / T) from scratch, with np.exp, the max trick and a T == 0 branch, without any "
                   "library softmax, log-softmax or logsumexp (tempnb's softmax, log_softmax or apply_temperature, "
                   "scipy.special's softmax, log_softmax or logsumexp, np.logaddexp or np.logaddexp2 and their "
                   ".reduce, sklearn.utils.extmath.softmax); keep them for comparing your result with.")
    return hint(problem) if problem is not None else passed(
        "Your tempered softmax matches tempnb.softmax, down to T = 0.001 and at the limit T = 0.")


def _trailing_comma(value: object) -> str | None:
    """The hint for a tuple of one number, as `answer = 1 / 3,` makes (the comma at the end of the line); else None."""
    if isinstance(value, tuple) and len(value) == 1 and number(value[0]) is not None:
        return (f"you assigned a tuple, ({shown(value[0])},): the comma at the end of the line makes one "
                "(x = 2, gives the tuple (2,)). Remove the comma and assign the number itself.")
    return None


def _powers_of_ten(log10_value: float) -> str:
    """A positive number given by its base-10 logarithm, to 4 significant digits as ``.4g`` writes it, even where the
    number itself is beyond the largest double (1 / T for a subnormal T, or the digits of 3 ** (1 / T))."""
    if log10_value < 300:
        return f"{10.0 ** log10_value:.4g}"
    exponent = math.floor(log10_value)
    mantissa = float(f"{10.0 ** (log10_value - exponent):.4g}")
    if mantissa >= 10:  # 9.99995 rounds up to 10.0: one more power of ten
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.4g}e+{exponent}"


def _odds_at(T: float) -> str:
    """The odds 3:1 at temperature T > 0, 3^(1/T):1, as a hint writes them. Below about T = 0.00155, 3 ** (1 / T) is
    beyond the largest double (Python's float power then raises OverflowError, and 1 / T itself is inf for a subnormal
    T), so there the odds are written as a power of 3 and their size as a power of 10, both from logarithms, which
    stay finite for every T > 0 (cold read r165, X2)."""
    if 1 / T * math.log(3) < math.log(sys.float_info.max):
        with contextlib.suppress(OverflowError):  # within a rounding of the edge, the power may still overflow
            return f"{3 ** (1 / T):.4g}:1"
    log10_power = -math.log10(T)  # log10 of 1 / T
    log10_digits = log10_power + math.log10(math.log10(3))  # log10 of log10 of the odds, (1 / T) · log10 3
    power = 1 / T  # inf for a subnormal T
    # a whole power, as 1 / 27**3 gives, written in full (3^19683 rather than 3^1.968e+04)
    whole = power < 1e13 and abs(power - round(power)) <= 1e-9 * power
    return f"3^{round(power) if whole else _powers_of_ten(log10_power)}:1, about 10^{_powers_of_ten(log10_digits)}:1"


def check_odds_temperature(temperature: object) -> None:
    """Exercise 04.2: the T that turns odds of 3:1 into odds of 27:1."""
    if isinstance(temperature, str):  # "1/3" in quotes: a string, not the number 1 / 3
        fraction = re.fullmatch(r"\s*([^/\s]+)\s*/\s*([^/\s]+)\s*", temperature)
        typed = f"{fraction.group(1)} / {fraction.group(2)}" if fraction else temperature.strip()
        parsed = _parsed(typed)
        if parsed is None:
            return hint(f"assign a number (a float), not the string {temperature!r}.")
        if math.isclose(parsed, 1 / 3, rel_tol=1e-2) and not math.isclose(parsed, 1 / 3, rel_tol=1e-9):
            # "0.33" in quotes: the number it stands for is a rounded 1/3, which the check would reject too
            return hint(f"assign a number, not the string {temperature!r}; and {typed} is a rounded 1/3, while the "
                        "check wants agreement within a relative 1e-9: type 1 / 3, without quotes.")
        return hint(f"assign a number, e.g. {typed}, not the string {temperature!r}: without the quotes, "
                    "Python computes the number.")
    trailing_comma = _trailing_comma(temperature)
    if trailing_comma is not None:
        return hint(trailing_comma)
    if isinstance(temperature, list):  # [1 / 3]: a value exercise, so "assign", not the shared "return"
        inside = number(temperature[0]) if len(temperature) == 1 else None
        if inside is not None and math.isclose(inside, 1 / 3, rel_tol=1e-9):
            return hint(f"you assigned a list, {shown(temperature)}; assign the number 1 / 3.")
        return hint(f"you assigned a list, {shown(temperature)}; assign one number, the temperature itself.")
    if isinstance(temperature, (int, np.integer)) and not isinstance(temperature, bool) and temperature == 0:
        return hint("1 // 3 is integer division, which gives 0; type 1 / 3.")
    value = number(temperature)
    ten_digits = f"{value:.10g}" if value is not None else "{got}"  # 10 digits, so a rounded value visibly differs
    general = f"with T = {value:.4g} the odds become {_odds_at(value)}." if value and value > 0 else ""
    case = Case((), 1 / 3, general, mistakes=(
        # 1.0 // 3 (floor division of a float) gives 0.0; the int 0 of 1 // 3 is caught above
        Mistake(lambda a: a == 0, "a temperature must be positive; got 0. If you wrote 1.0 // 3, // is floor "
                                  "division, which rounds down to 0; type 1 / 3."),
        Mistake(lambda a: a <= 0, "a temperature must be positive; got {got}."),
        Mistake(near(3.0, 1e-6), "odds become odds**(1/T); with T = 3 they would shrink to 3**(1/3) ≈ 1.44. "
                                 "3 is 1/T; the temperature is its reciprocal."),
        Mistake(near(9.0, 1e-6), "27 / 3 = 9 is the factor, but temperature acts on the exponent, not as a factor."),
        Mistake(near(1 / 9, 1e-6), "with T = 1/9 the odds become 3**9 = 19683 : 1; 1/T must be 3."),
        Mistake(near(27.0, 1e-6), "27 is the target odds; the answer is the temperature that produces them."),
        Mistake(near(1 / 27, 1e-6), "with T = 1/27 the odds become 3**27; the exponent 1/T must be 3."),
        # 1 / math.log(27): the logarithm taken of 27 alone, not divided by log 3
        Mistake(near(1 / math.log(27), 1e-6),
                "3^(1/T) = 27 gives 1/T = log 27 / log 3 = 3 (you dropped the division by log 3), so T = 1 / 3."),
        Mistake(lambda a: math.isclose(a, 1 / 3, rel_tol=1e-2),
                f"{ten_digits} is a rounded 1/3: the check wants agreement within a relative 1e-9, so type 1 / 3."),
    ))
    return check_number(temperature, [case], "T = 1/3: the odds are raised to the power 1/T = 3, and 3³ = 27.",
                        rel_tol=1e-9)


def _parsed(text: str) -> float | None:
    """The number a string such as "1 / 3" or "0.33" stands for, or None (only digits, a point, signs, e, /)."""
    if not re.fullmatch(r"[0-9.eE+\- /]+", text):
        return None
    parts = [part.strip() for part in text.split("/")]
    try:
        values = [float(part) for part in parts]
    except ValueError:
        return None
    if len(values) == 1:
        return values[0]
    return values[0] / values[1] if len(values) == 2 and values[1] != 0 else None


def _short(value: float) -> bool:
    """Whether ``value`` has at most 8 significant digits: typed from a printout or rounded, not a solver's result."""
    return value == float(f"{value:.8g}")


# A minimiser stops at a tolerance on T, not on f: scipy 1.17's minimize_scalar (Brent) stops within about 1.5e-8 of T
# (xtol, relative), its method="bounded" within xatol = 1e-5 (absolute), where brentq's defaults are xtol = 2e-12 and
# rtol = 4 eps. On Exercise 3 both miss the check's relative 1e-9 on the squared residual.
_MINIMISER = ("a minimiser such as scipy.optimize.minimize_scalar on the squared or absolute residual (it stops at "
              "a tolerance on T far looser than brentq's: about 1.5e-8 of T by default, 1e-5 with method='bounded')")
_LOOSENED = "brentq with a loosened xtol or rtol (or newton or fsolve with a loosened tol or xtol)"


def _close_not_exact(value: float | None) -> str:
    """Exercise 3's hint for a temperature close to the root but not at it. It names the usual
    causes, the likely ones first: a short decimal was typed from a printout, rounded, or is a point of a round grid;
    a value with all its digits came from a grid such as np.linspace, a minimiser, a root finder whose tolerance
    was loosened, or an f computed in float32."""
    fix = "Assign the number brentq returns itself, with its default tolerances (they are exact enough)."
    if value is not None and _short(value):
        return (f"{value:.8g} is a short decimal: a value typed from a printout, brentq's result rounded, or the "
                f"best point of a grid of temperatures is not exact enough, and neither is {_LOOSENED} or "
                f"{_MINIMISER}. {fix}")
    return ("It has all its digits, so it was likely not typed or rounded: the best point of a grid of temperatures "
            f"(np.linspace), {_LOOSENED}, {_MINIMISER}, or an f computed from float32 logits (.astype(np.float32) "
            "keeps about 7 digits), is not exact enough, and neither is a value typed from a printout or rounded. "
            f"{fix}")


def _close_entropy(value: float) -> str:
    """Exercise 4's hint for a temperature close to the root but not close enough. Its check asks for the entropy
    within 1e-6 nats, looser than Exercise 3's relative 1e-9, so a minimiser's default result (minimize_scalar with
    bracket=(0.5, 1)), a float32 f and six typed decimals all pass (cold read r169, X2) and are not named here. Near
    the root, at T = 0.74882, the entropy rises by about 1.74 nats per unit of T, so T must lie within about 6e-7 of
    it: brentq's result rounded to 5 decimals misses by 4.5e-6 nats, the best point of np.linspace(0.1, 1, 10001) by
    2.2e-5, and minimize_scalar(method='bounded') on (0.1, 1), which stops within xatol = 1e-5 of T, by 1.6e-6
    (tests/test_checks.py recomputes these)."""
    causes = ("a value typed from a printout or rounded to 5 decimals or fewer (6 are enough here), the best point "
              f"of a grid of temperatures, {_LOOSENED}, or minimize_scalar(method='bounded'), which stops within "
              "xatol = 1e-5 of T")
    lead = (f"{value:.8g} is a short decimal (typed from a printout, brentq's result rounded, or a grid's point). "
            if _short(value) else "")
    return (f"{lead}The entropy changes by about 1.7 nats per unit of T here, so T must lie within about 6e-7 of "
            f"the root; the usual ways to miss by more are {causes}. Assign the number brentq returns itself, with "
            "its default tolerances (they are exact enough).")


_GOLDEN_T = 10 / math.log((1 + math.sqrt(5)) / 2)  # x = exp(-10/T) solves x² + x = 1, so x = 1/φ


def check_half_temperature(temperature: object) -> None:
    """Exercise 04.3: the T at which the top probability of softmax([10, 20, 30] / T) is 0.5."""
    from tempnb.core import softmax

    trailing_comma = _trailing_comma(temperature)
    if trailing_comma is not None:
        return hint(trailing_comma)
    value = number(temperature)
    if value is not None and value > 0 and math.isfinite(value):
        top = float(softmax([10.0, 20.0, 30.0], value)[2])
        general = (f"at T = {value:.4g} the top probability is {top:.4f}, not 0.5; solve "
                   "f(T) = top(T) - 0.5 = 0 with scipy.optimize.brentq on [1, 100].")
    else:
        general = "a temperature must be a positive, finite number; got {got}."
    ten_digits = f"{value:.10g}" if value is not None else "{got}"  # 10 digits, so a rounded value visibly differs
    bracket_end = f"{value:.17g}" if value is not None else "{got}"  # 1.0000000000011116, not 1
    top_there = f"{top:.5g}" if value is not None and value > 0 and math.isfinite(value) else "far from 0.5"
    case = Case((), _GOLDEN_T, general, mistakes=(
        # f at the root, not the root: half_temperature = top_minus_half(brentq(...)), or brentq's f(x) printout
        Mistake(lambda a: abs(a) < 1e-6,
                "you assigned {got}, f at the root (the top probability minus 0.5 is ≈ 0 there), not the root: "
                "assign what brentq returns, the temperature itself."),
        Mistake(near(-_GOLDEN_T, 1e-2),
                "{got} is the mirror solution: with T < 0, softmax favours the *smallest* logit, and [10, 20, 30] "
                "is symmetric. Temperatures are positive: bracket brentq on [1, 100]."),
        Mistake(lambda a: a < 0, "a temperature must be positive; with T = {got} softmax favours the smallest "
                                 "logit. Bracket brentq on an interval of positive T, such as [1, 100]."),
        Mistake(near(0.5), "0.5 is the target top probability; the answer is the temperature that produces it."),
        # top(1/T) = 0.5 exactly when the logits were multiplied by T (softmax(z * T), or softmax(z, 1 / T))
        Mistake(near(1 / _GOLDEN_T, 1e-2), "{got} is 1/T: you multiplied the logits by T; temperature divides "
                                           "them (softmax(z, T) computes softmax(z / T))."),
        # 10 * math.log(φ): x = exp(-10/T) = 1/φ gives 10 / T = log φ, inverted the wrong way
        Mistake(near(10 * math.log((1 + math.sqrt(5)) / 2), 1e-6),
                "{got} is 10·log φ: from exp(-10/T) = 1/φ, 10 / T = log φ, so T = 10 / log φ, not 10·log φ."),
        Mistake(near(math.sqrt(_GOLDEN_T), 1e-3),
                "at T = {got} your f divides the logits by T twice: softmax(z, T) already divides by T, so pass "
                "the logits z themselves, not z / T (your T squared is the answer)."),
        # an end of the bracket: f changed between brentq's calls, as when it divides a global array of logits in
        # place (z = anchor_logits; z /= T): after f(100) every call sees logits near 0, top ≈ 1/3, f < 0, and brentq
        # closes in on T = 1, the one end where f was positive (cold read r169, X3)
        Mistake(lambda a: math.isclose(a, 1.0, rel_tol=1e-6) or math.isclose(a, 100.0, rel_tol=1e-6),
                f"{bracket_end} is an end of the bracket [1, 100], where the top probability is {top_there}, not "
                "0.5. brentq ends up at an end when f keeps one sign on every call after the first ones, which "
                "happens when f changes between calls. Does your f divide an array of logits defined outside it in "
                "place (z = anchor_logits, then z /= T, divides anchor_logits itself, so each call divides it "
                "again)? Do not divide in place: z = anchor_logits / T makes a new array, and softmax(anchor_logits, "
                "T) divides by T itself, leaving the array as it is. Then re-run the cell that defines the logits, "
                "since they are changed now."),
        Mistake(lambda a: math.isclose(a, _GOLDEN_T, rel_tol=1e-2),
                f"{ten_digits} is close but not exact: the check wants agreement within a relative 1e-9, more digits "
                f"than a printout shows. {_close_not_exact(value)}"),
    ))
    return check_number(temperature, [case], f"T = {_GOLDEN_T:.4f} = 10 / log φ, where φ is the golden ratio "
                                             "(with x = exp(-10/T) the condition is x² + x = 1).", rel_tol=1e-9)


# Exercise 04.4 uses a real model: the names model fitted on every name (06-sampling's all_names_model), after "mar".
ENTROPY_CONTEXT = "mar"
ENTROPY_TARGET = 2.0  # nats; the model's own distribution after "mar" (T = 1) has about 2.35


@functools.lru_cache(maxsize=1)
def names_model():
    """The names model: order 4, strength 10, fitted on every name (06-sampling's all_names_model). Fitted once."""
    from tempnb.data import load_names
    from tempnb.ngram import CharNGram

    return CharNGram(order=4, strength=10.0).fit(load_names())


def check_entropy_temperature(temperature: object) -> None:
    """Exercise 04.4: the T at which the names model's next-character distribution after "mar" has 2 nats."""
    from tempnb.core import entropy, softmax

    value = number(temperature)
    if temperature is None or temperature is Ellipsis:
        return hint("replace the None with your answer.")
    if value is None:
        trailing_comma = _trailing_comma(temperature)
        if trailing_comma is not None:
            return hint(trailing_comma)
        # a RootResults without .root, an array of shape (1,), a tuple: not_one_number names which, saying
        # "assigned"/"assign" as Exercise 3 does (a value exercise, not a function)
        plain = isinstance(temperature, (str, bytes, float, np.floating))
        wrong_kind = None if plain else not_one_number(temperature, assigned=True)
        return hint(wrong_kind or f"expected a single number (a temperature), got {shown(temperature)}.")
    if abs(value) < 1e-6:
        # f at the root, not the root: entropy_temperature = f(brentq(f, 0.1, 1)) is about 1e-13 (or exactly 0)
        return hint(f"you assigned {value:.6g}, f at the root (the entropy minus {ENTROPY_TARGET:g} is ≈ 0 there), not "
                    "the root: assign what brentq returns, the temperature itself (a temperature must be positive).")
    if not (value > 0 and math.isfinite(value)):
        return hint(f"a temperature must be a positive, finite number; got {value:.6g}.")
    logits = names_model().logits(ENTROPY_CONTEXT)

    def entropy_at(T: float, z: np.ndarray = logits) -> float:
        return float(entropy(softmax(z, T)))

    reached = entropy_at(value)
    if math.isclose(reached, ENTROPY_TARGET, abs_tol=1e-6):
        return passed(f"At T = {value:.4f} the next character after '{ENTROPY_CONTEXT}' has entropy "
                      f"{ENTROPY_TARGET:g} nats: colder than the model's own distribution (T = 1).")
    if math.isclose(entropy_at(value) / math.log(2), ENTROPY_TARGET, abs_tol=1e-4):
        return hint(f"at T = {value:.4g} the entropy is {ENTROPY_TARGET:g} bits ({reached:.4f} nats); "
                    "the course measures entropy in nats (natural log): use tempnb.entropy.")
    if math.isclose(value, ENTROPY_TARGET, rel_tol=1e-9):
        return hint(f"{ENTROPY_TARGET:g} is the target entropy; the answer is the temperature that produces it "
                    f"(at T = {ENTROPY_TARGET:g} the entropy is {reached:.4f} nats).")
    if math.isclose(entropy_at(1 / value), ENTROPY_TARGET, abs_tol=1e-4):
        return hint(f"{value:.4g} is 1/T: you multiplied the logits by T; temperature divides them.")
    if math.isclose(entropy_at(value * value), ENTROPY_TARGET, abs_tol=1e-4):
        return hint(f"at T = {value:.4g} the logits were divided by T twice (softmax(z / T, T)?): softmax(z, T) "
                    "already divides by T, so pass the logits z themselves. Your T squared is the answer.")
    if math.isclose(entropy_at(value, np.exp(logits)), ENTROPY_TARGET, abs_tol=1e-4):
        return hint("you tempered the probabilities as if they were logits: divide the logits "
                    "(model.logits) by T, or use apply_temperature on the probabilities.")
    # -sum(q_T * log q_1): q from softmax(z, T) but its log from the untempered z (a cross-entropy, not H(q_T))
    untempered_log = float(-np.sum(softmax(logits, value) * np.log(softmax(logits))))
    if math.isclose(untempered_log, ENTROPY_TARGET, abs_tol=1e-4):
        return hint(f"at T = {value:.4g} your entropy took its log from the untempered logits: -sum(q * log "
                    f"softmax(z)) with q = softmax(z, T) is 2 there, but the entropy of softmax(z, T) is "
                    f"{reached:.4f} nats. Divide the logits by T in the log too: entropy(softmax(z, T)).")
    # q(1)**(1/T) re-tempered by hand but never renormalised: -sum(p log p) of a vector that does not sum to 1
    with np.errstate(all="ignore"):  # at a tiny T entries underflow to 0: 0 · log 0 is nan, counted as 0
        unnormalised = softmax(logits) ** (1 / value)
        unnormalised_entropy = float(-np.nansum(unnormalised * np.log(unnormalised)))
    if math.isclose(unnormalised_entropy, ENTROPY_TARGET, abs_tol=1e-4):
        return hint(f"at T = {value:.4g} your entropy used p = q(1)**(1/T) as it stands: -sum(p log p) is 2 there, "
                    f"but that p sums to {float(unnormalised.sum()):.4f}, not 1, and the entropy of softmax(z, T) is "
                    f"{reached:.4f} nats. Renormalise q(1)**(1/T): divide by its sum, or use apply_temperature.")
    if math.isclose(value, entropy_at(1.0), abs_tol=5e-3):
        return hint(f"{value:.6g} is the entropy at T = 1, of softmax(z) with the untempered logits z, not a "
                    "temperature. The answer is the T at which entropy(softmax(z, T)) is 2 nats; if brentq said "
                    "f(a) and f(b) must have different signs, your f never divides the logits by T.")
    if math.isclose(reached, ENTROPY_TARGET, abs_tol=1e-2):
        # typed, rounded, a grid's best point or a loosened xtol; brentq's own result, with its default tolerances
        # (xtol=2e-12), is far closer to the root than this check needs
        return hint(f"close: at T = {value:.6g} the entropy is {reached:.6f} nats, and the check needs 2 within "
                    f"1e-6. {_close_entropy(value)}")
    direction = "lower" if reached > ENTROPY_TARGET else "raise"
    # a root found for other logits (another context) is a T far from this one, not a loose tolerance
    other_logits = (f" If brentq did find a root, it was for other logits (z must be the logits after "
                    f"'{ENTROPY_CONTEXT}' from the model the exercise fits on all the names, "
                    f"names_model.logits('{ENTROPY_CONTEXT}')), or your f computes something other than "
                    f"entropy(softmax(z, T)).")
    return hint(f"at T = {value:.4g} the entropy is {reached:.4f} nats, not {ENTROPY_TARGET:g}; entropy rises "
                f"with T, so {direction} it: solve entropy(softmax(z, T)) - {ENTROPY_TARGET:g} = 0 with brentq."
                f"{other_logits}")
