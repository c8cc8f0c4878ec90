"""Exercise checks for notebook 02-logits."""

from __future__ import annotations

import contextlib
import dis
import functools
import inspect
import io
import itertools
import math
import os
import sys
import types
import warnings
from collections.abc import Callable, Iterator

import numpy as np
import scipy.special

from tempnb.checks._common import (
    Case,
    InputChanged,
    Mistake,
    Outcome,
    as_array,
    call,
    check_number,
    check_value,
    diagnose,
    fresh,
    hint,
    is_library_file,
    lines_run,
    near,
    near_miss,
    passed,
    rounded_to,
)


def _brief(value: object) -> str:
    """The learner's value for a hint: float arrays rounded to 6 decimals, other values by their repr."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        return repr(np.round(value, 6).tolist())
    text = " ".join(repr(value).split())
    return text if len(text) <= 80 else text[:79] + "…"


def _numbers(value: object) -> str:
    """A learner's numbers for a hint: 6 significant digits, the first six of them, with their count and shape when
    those are not three in a row, so that a long answer is shown cut inside its brackets, not cut mid-repr."""
    array = as_array(value)
    if array is None:
        return _brief(value)
    if array.ndim == 0:
        return f"{float(array):.6g}"
    shown_values = ", ".join(repr(float(f"{v:.6g}")) for v in array.ravel()[:6]) + (", …" if array.size > 6 else "")
    if array.ndim == 1 and array.size == 3:
        return f"[{shown_values}]"
    count = f"{array.size} number{'s' if array.size != 1 else ''}"
    shape = f" in shape {array.shape}" if array.ndim > 1 else ""
    return f"{count}{shape}, [{shown_values}]"


def _complex_values(value: object) -> str | None:
    """The answer's numbers, shown, if any of them has a nonzero imaginary part; else None."""
    try:
        array = np.asarray(value)
    except Exception:  # noqa: BLE001 (any object a learner passes)
        return None
    if array.dtype.kind != "c" or not np.any(array.imag != 0):
        return None
    shown_values = ", ".join(f"{complex(v):.6g}" for v in array.ravel()[:3]) + (", …" if array.size > 3 else "")
    return f"[{shown_values}]"


def _holds_text(value: object) -> bool:
    """Whether the answer is, or holds, text: a string, a list or tuple with a string in it (nested or not), or a
    NumPy array of strings. NumPy reads a numeric string as its number, so as_array alone would pass '0.5' as 0.5."""
    if isinstance(value, (str, bytes)):  # np.str_ and np.bytes_ included: they are subclasses
        return True
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "US" or (value.dtype.kind == "O" and any(_holds_text(v) for v in value.flat))
    if isinstance(value, (list, tuple)):
        return any(_holds_text(item) for item in value)
    return False


def _text_shown(value: object) -> str:
    """A text answer as a hint shows it: what it is, then its repr (an array's as a list, without dtype noise)."""
    if isinstance(value, np.ndarray):
        kind = ("a NumPy array of one string" if value.ndim == 0 else "an array of strings"
                if value.dtype.kind in "US" else "an array holding strings")
        return f"{kind}, {_brief(value.tolist())}"
    if isinstance(value, (str, bytes)):
        return f"a string, {_brief(value)}"
    every = all(isinstance(item, (str, bytes)) for item in value)  # a list or tuple: of strings, or with some
    return f"a {type(value).__name__} {'of' if every else 'holding'} strings, {_brief(value)}"


def _ended(problem: str) -> str:
    """A problem as a sentence: a full stop added, unless it already ends in one (some of NumPy's and Python's
    messages do: "... use out=None.") or in "?", "!" or the "…" of a message cut short."""
    return problem if problem.endswith((".", "?", "!", "…")) else problem + "."


def _quietly() -> contextlib.ExitStack:
    """A context in which what the learner's code prints is not shown (stdout and stderr both).

    For the calls a check makes on inputs of its own beyond the one the learner is told about: a shape printed
    while debugging would otherwise appear once per probe, for arrays the learner never wrote."""
    stack = contextlib.ExitStack()
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
    return stack


def _quiet_call(function: Callable, *args: object) -> Outcome:
    """:func:`call` on a probe's inputs, with what the learner's code prints left out (see :func:`_quietly`)."""
    with _quietly():
        return call(function, *args)


def check_probability_from_log_odds(q: object) -> None:
    """Exercise 02.1: the probability whose log-odds are 2 (the notebook's q_spam)."""
    expected = 1 / (1 + math.exp(-2))
    if callable(q):  # the common hint would print the function's repr, with its memory address
        return hint("you assigned a function; assign the number it returns: call it on the log-odds, e.g. "
                    "q_spam = f(2) for a function f.")
    if _holds_text(q) and not isinstance(q, (str, bytes)):
        # np.array('0.88...') or ['0.88...']: as_array reads the text as its number, so it would pass
        return hint(f"you assigned {_text_shown(q)}: text, not a number (str() and an f-string make text, for "
                    "printing). Assign the number itself, one float computed with math.exp or np.exp.")
    array = as_array(q)
    if array is not None and array.shape == (2,) and np.allclose(array, [1 - expected, expected], rtol=1e-9, atol=0):
        # softmax([0, 2]): the whole two-class distribution, [not spam, spam]
        kind = "a list" if isinstance(q, list) else f"an array of shape {array.shape}"
        return hint(f"you assigned {kind}, {_brief(array)}, not one number: that is the distribution over "
                    "[not spam, spam]; the second entry, softmax([0, 2])[1], is spam's.")
    if array is not None and array.size == 1 and array.ndim > 0 and isinstance(q, (list, np.ndarray)):
        # _common's wording names keepdims, rng.random(1) and minimize's .x, none of which this exercise uses
        kind = "a list" if isinstance(q, list) else f"an array of shape {array.shape}"
        if math.isclose(float(array.ravel()[0]), 1.0, rel_tol=1e-9):
            # softmax([2.0]): a softmax over the one logit 2 is [1.0]; the value, not the container, is the mistake
            return hint(f"you assigned {kind}, {_brief(q)}: a softmax over the one logit 2? A one-entry softmax is "
                        "always 1. Log-odds 2 is the difference of two logits, z₁ - z₀: take softmax([0, 2])[1], "
                        "or the sigmoid σ(2), as one number.")
        example = "float(q_spam[0])" if array.ndim == 1 else "float(np.asarray(q_spam).item())"  # the exercise's name
        return hint(f"you assigned {kind}, {_brief(q)}, not one number: assign float(...) of it, e.g. "
                    f"{example}, or drop the brackets.")
    if array is not None and array.size == 1 and array.dtype.kind == "f":
        if np.isnan(array).all():
            return hint("you passed nan. The log-odds formula applied to 2, log(2 / (1 - 2)) by hand or "
                        "scipy.special.logit(2), gives it: it turns a probability into log-odds, and 2 is not a "
                        "probability. Its inverse, the sigmoid (scipy.special.expit), turns log-odds into a "
                        "probability. (Otherwise an inf - inf, 0 * inf or 0 / 0 happened.)")
        kind = np.asarray(q).dtype if isinstance(q, (np.generic, np.ndarray)) else array.dtype  # as_array makes float64
        if kind.kind == "f" and kind.itemsize < 8 and not math.isclose(float(array.ravel()[0]), expected, rel_tol=1e-9):
            return hint(f"your value is a {kind} ({float(array.ravel()[0]):.9g}), right to about "
                        f"{np.finfo(kind).precision} digits only; the check needs 9 significant digits: "
                        "compute in double precision (math.exp, or NumPy on float64).")
    if isinstance(q, (int, np.integer)) and not isinstance(q, (bool, np.bool_)) and q in (0, 1):
        # round(1 / (1 + math.exp(-2))) = 1, int(...) = 0: a whole number, where σ(2) ≈ 0.88 lies between them
        return hint(f"you gave the whole number {int(q)}: rounded (round() or int())? σ(2) = 1 / (1 + e^-2) "
                    "lies between 0 and 1; assign it unrounded, the check wants nine significant digits.")
    case = Case((), expected, "got {got}; solve log(q₁ / (1 - q₁)) = 2 for q₁: that is the sigmoid, σ(2).",
                mistakes=(
        Mistake(near(math.exp(2)), "e² ≈ 7.39 are the odds q₁ / (1 - q₁), not the probability; solve for q₁."),
        Mistake(near(2 / 3), "{got} is what odds of 2 to 1 give, but 2 is the log-odds, not the odds: the odds "
                             "are e², so q₁ = e² / (1 + e²), the sigmoid σ(2)."),
        Mistake(near(1 / (1 + math.exp(2))), "that is sigmoid(-2) = 1 - sigmoid(2), the probability of the "
                                             "other outcome: either the sign inside the exponent is flipped, "
                                             "or you took the complement."),
        Mistake(near(2.0), "2 is the log-odds you were given; turn it into a probability with the sigmoid."),
        # math.tanh(2) ≈ 0.964: the tanh in place of the sigmoid; 0.5 * (1 + math.tanh(2)) ≈ 0.982 is σ(4), the
        # tanh identity with x / 2 forgotten; math.exp(-2) ≈ 0.135 is one piece of the formula only
        Mistake(near(math.tanh(2)), "{got} is tanh(2): that is tanh, not the sigmoid; σ(x) = ½(1 + tanh(x/2)), "
                                    "so σ(2) = ½(1 + tanh(1)) = 1 / (1 + e^-2)."),
        Mistake(near(0.5 * (1 + math.tanh(2))), "{got} is ½(1 + tanh(2)) = σ(4): the tanh form halves x, "
                                                "σ(x) = ½(1 + tanh(x/2)), so σ(2) = ½(1 + tanh(1))."),
        Mistake(near(math.exp(-2)), "{got} is e^-2, one piece of the sigmoid: σ(2) = 1 / (1 + e^-2)."),
        # softmax([2.0]): a softmax over one logit; or np.round(σ(2)), which is the float 1.0 (round() gives the
        # int 1, named above)
        Mistake(near(1.0), "1.0 is not σ(2) ≈ 0.88. If you rounded (np.round), assign the value unrounded. If you "
                           "took a softmax over the one logit 2: a one-entry softmax is always 1; log-odds 2 is the "
                           "difference of two logits, z₁ - z₀, so take softmax([0, 2])[1], or the sigmoid σ(2)."),
        # 1 / (1 - math.exp(-2)): the brackets are right, the sign in the denominator is not
        Mistake(near(1 / (1 - math.exp(-2))), "{got} is 1 / (1 - e^-2): a minus in the denominator. The sigmoid "
                                               "adds, σ(2) = 1 / (1 + math.exp(-2))."),
        # e^2 / (1 + e^-2) and e^-2 / (1 + e^2): the two exponents' signs do not match
        Mistake(near(math.exp(2) / (1 + math.exp(-2))),
                "{got} is e^2 / (1 + e^-2): the numerator's exponent and the denominator's have opposite signs. "
                "Use the same sign in both, e^2 / (1 + e^2), or 1 / (1 + e^-2): both are σ(2)."),
        Mistake(near(math.exp(-2) / (1 + math.exp(2))),
                "{got} is e^-2 / (1 + e^2): the numerator's exponent and the denominator's have opposite signs. "
                "Use the same sign in both, e^2 / (1 + e^2), or 1 / (1 + e^-2): both are σ(2)."),
        # 1/1+math.exp(-2) = 1 + e^-2 ≈ 1.135 (brackets left out), which is also 1 / σ(2), the fraction upside down
        Mistake(near(1 + math.exp(-2)), "{got} is 1 + e^-2: either the brackets are left out (1/1+math.exp(-2) "
                                        "divides 1 by 1 first) or the fraction is upside down, (1 + e^-2) / 1; "
                                        "check the brackets, 1 / (1 + math.exp(-2))."),
        Mistake(near(1 / (1 + 10**-2)), "{got} is 1 / (1 + 10^-2): base 10 in place of e. Log-odds are natural "
                                        "logarithms, so the odds are e² (math.exp(2)), not 10²."),
        Mistake(near(1 / (1 + 2**-2)), "{got} is 1 / (1 + 2^-2): base 2 in place of e. Log-odds are natural "
                                       "logarithms, so the odds are e² (math.exp(2)), not 2²."),
        Mistake(near(100 * expected, 1e-3), "{got} looks like a percentage; give the probability as a number "
                                            "between 0 and 1, sigmoid(2), without multiplying by 100."),
        Mistake(near(math.exp(2) / (1 + math.exp(2)) ** 2),
                "{got} is the sigmoid's slope at 2, sigmoid(2)(1 - sigmoid(2)), not sigmoid(2)."),
        # any other value above 1 not named above
        Mistake(lambda answer: float(answer) > 1, "{got} is above 1, so not a probability: check the brackets and "
                                                  "the signs; σ(2) = 1 / (1 + math.exp(-2))."),
        # Last, so that the mistakes above are named first: a value right to a few digits, rounded
        # (round(σ(2), 6), np.round) or typed in
        Mistake(near(expected, 1e-3), "your value is right to a few digits only: rounded (round() or "
                                      "np.round()) or typed? Assign the unrounded value, 1 / (1 + math.exp(-2)); "
                                      "the check needs 9 significant digits."),
    ))
    return check_number(q, [case], f"sigmoid(2) = {expected:.4f}: log-odds of 2 mean odds of e² ≈ 7.39 to 1.")


_TWO_OUTCOME_LOGIT = ("scipy.special.logit is the two-outcome log-odds log(q / (1 - q)), not the logit of one "
                      "outcome among many: use np.log(q), then subtract its first entry.")


def check_logits_with_first_zero(logits: object) -> None:
    """Exercise 02.2: logits for [0.2, 0.1, 0.7], shifted so that the first is 0."""
    q = np.array([0.2, 0.1, 0.7])  # the first entry is not the smallest, nor the largest
    log_q = np.log(q)
    expected = log_q - log_q[0]
    case = Case((), expected, "compute np.log(q) and subtract its first entry from every entry; got {got}.",
                mistakes=(
        Mistake(log_q, "those are the log-probabilities; now subtract the first one from all three."),
        # q - q[0]; also np.log(softmax(q)) - np.log(softmax(q))[0], which is the same numbers: log-softmax(q) is q
        # minus one constant, so that slip (a softmax applied to probabilities, as if they were logits) lands here
        Mistake(q - q[0], "you shifted q itself (or took log(softmax(q)), which treats q as logits): the logits "
                          "are np.log(q), with no softmax; take np.log first, then subtract its first entry."),
        Mistake(log_q - q[0], "you subtracted q[0] = 0.2, the probability; subtract its log, np.log(q)[0]."),
        # q / q[0] = [1, 0.5, 3.5]: the log of each ratio is the answer, log q - log q[0]
        Mistake(q / q[0], "those are the ratios q / q[0], {got}; their log is the answer: np.log(q / q[0]), the "
                          "same as np.log(q) - np.log(q)[0]."),
        # np.log(q) with its first entry set to 0 and the others left as they are: z = np.log(q); z[0] = 0 (reading
        # "the first logit is exactly 0" as an assignment), or z = np.log(q); for i in range(3): z[i] = z[i] - z[0],
        # where z[0] is 0 after the first pass, so the others keep their logs
        Mistake(np.r_[0.0, log_q[1:]], "{got} is np.log(q) with only its first entry set to 0. Setting z[0] = 0 is "
                                       "not a shift, and neither is a loop that zeroes z[0] before subtracting it "
                                       "from the others: subtract np.log(q)[0] from every entry at once, "
                                       "z - z[0]."),
        Mistake(-expected, "the sign is flipped: subtract the first log-probability from each one, log q - log q[0]."),
        # log q[2] = log 0.7 is both the last entry and the largest, so np.log(q)[-1] and .max() both land here
        Mistake(log_q - log_q[-1], "you subtracted the last, and largest, log-probability (np.log(q)[-1], or "
                                   ".max()?); subtract the first, np.log(q)[0], so that the first logit becomes 0."),
        # np.log(q) - np.log(q).mean(): logits centred on their mean, which add up to 0
        Mistake(log_q - log_q.mean(), "you centred the logits on their mean (they now add up to 0: {got}); the "
                                      "exercise asks for the first to be 0: subtract np.log(q)[0], not the mean."),
        # log q[1] is also the smallest log-probability, so one Mistake covers both slips, np.log(q)[1] for "the
        # first" and np.log(q).min(): the hint names the value subtracted, then both causes
        Mistake(log_q - log_q[1], "you subtracted log q[1], the smallest log-probability (an index slip, or "
                                  ".min()?); subtract the first, np.log(q)[0], not the smallest, so that the first "
                                  "logit becomes 0 (Python counts from 0: the first entry is index 0)."),
        Mistake(np.log10(q) - math.log10(q[0]),
                "you used log base 10; logits are natural logarithms (np.log)."),
        # scipy.special.logit(q) = log(q / (1 - q)): the two-outcome log-odds of each entry on its own,
        # shifted so that the first is 0, or not shifted at all
        Mistake(np.log(q / (1 - q)) - math.log(q[0] / (1 - q[0])), _TWO_OUTCOME_LOGIT),
        Mistake(np.log(q / (1 - q)), _TWO_OUTCOME_LOGIT),
        Mistake(np.log2(q) - math.log2(q[0]),
                "you used log base 2; logits are natural logarithms (np.log)."),
        Mistake(lambda a: np.size(a) != expected.size,
                "q has three outcomes, so give three logits, one per probability, the first of them 0; "
                "you gave {got}."),
        Mistake(lambda a: np.shape(a) != expected.shape and np.size(a) == expected.size
                and np.allclose(np.ravel(np.asarray(a, dtype=float)), expected, rtol=1e-9, atol=1e-12),
                "the values are right but the shape is not: assign a flat array of three numbers, shape (3,)."),
        # typed to two or four decimals (the ✅ line prints four): within half a unit of the second decimal
        Mistake(near_miss(expected, rtol=0, atol=6e-3),
                "right to a few digits only ({got}: rounded?): compute it with np.log instead of typing rounded "
                "values; the check compares within a relative 1e-9."),
    ))
    if isinstance(logits, str):
        return hint(f"you gave a string, {_brief(logits)}: text, not numbers. Assign the numbers themselves, "
                    "an array (or list) of three floats computed with np.log.")
    if _holds_text(logits):
        # [f"{v:.4f}" for v in z], [str(v) for v in z], z.astype(str): NumPy reads numeric text as its number, so
        # without this the comparison below would pass it
        try:  # as_array refuses text; read it here only to tell whether it was rounded as well
            parsed = np.asarray(logits, dtype=float)
        except (TypeError, ValueError):
            parsed = None
        rounded = (parsed is not None and parsed.shape == expected.shape
                   and not np.allclose(parsed, expected, rtol=1e-9, atol=1e-12)
                   and bool(np.allclose(parsed, expected, rtol=0, atol=6e-3)))
        return hint(f"you gave {_text_shown(logits)}: text, not numbers (str(), an f-string and .astype(str) make "
                    "text, for printing). Assign the numbers themselves, an array of three floats computed with "
                    "np.log, and format them only when you print them"
                    + (" (the text is rounded too: the check compares within a relative 1e-9)." if rounded else "."))
    if isinstance(logits, Iterator):
        # (math.log(v / 0.2) for v in q) or map(...): the numbers come out one at a time, and np.array of a
        # generator wraps it whole instead of unpacking it; the common hint would print its memory address
        return hint(f"you gave a {type(logits).__name__} object, which hands out its numbers one at a time and "
                    "is not itself a list of them: wrap it in list(...), or compute the whole array at once "
                    "with np.log on a NumPy array.")
    if callable(logits):  # the common hint would print the function's repr, with its memory address
        return hint("you assigned a function; assign the array it returns: call it, e.g. logits_first_zero = "
                    "f(q) for a function f, or compute the array directly with np.log.")
    if isinstance(logits, np.ndarray) and logits.dtype.kind == "f" and logits.dtype.itemsize < 8 \
            and logits.shape == expected.shape and not np.allclose(logits, expected, rtol=1e-9, atol=1e-12):
        return hint(f"your array is {logits.dtype}, right to about {np.finfo(logits.dtype).precision} digits "
                    "only; the check compares within a relative 1e-9: compute in float64 (np.log of a float64 "
                    "array).")
    complex_values = _complex_values(logits)
    if complex_values is not None:
        # as_array would drop the imaginary parts silently (np.asarray(..., dtype=float) keeps the real parts)
        return hint(f"your logits are complex numbers, {complex_values}: the logits of probabilities are real. "
                    "np.log of q's entries, all positive, is real; a complex value comes from the log of a negative "
                    "or complex number (np.emath.log or cmath.log of one).")
    if logits is None or logits is Ellipsis:
        return check_value(logits, [case], "")  # its hint for an answer not yet given
    message = diagnose(case, logits)
    if message is None:
        return passed(f"logits {np.round(expected, 4).tolist()}: the same distribution, first logit 0.")
    message = message.format(got=_numbers(logits), label=case.label)
    # a value cut short ends in "…": no full stop after it
    return hint(message[:-1] if message.endswith("….") else message)


# The core part of the exercise: values down to the smallest normal doubles. -700 and -708 come last, so a sigmoid
# that is wrong at moderate x (-40) is reported there first; their true values, about e^x (e^-708 ≈ 3.3e-308 is
# just above the smallest normal double, 2**-1022 ≈ 2.2e-308), catch a cut-off that returns 0 below some x anywhere
# from -708 up. x = ±27.6 catches a cut-off anywhere from |x| = 20 up to 27.6: 1 - σ(27.6) = σ(-27.6) is about
# e^-27.6 ≈ 1.03e-12, just above the check's relative 1e-12, and e^-x drops below 1e-12 only from x = 12 log 10
# ≈ 27.63 on (a cut-off beyond that is within the tolerance everywhere). Twelve points, so that the shape test can
# reshape them to 3 × 4.
_SIGMOID_POINTS = np.array([-1000.0, -40.0, -27.6, -2.0, 0.0, 0.5, 1.5, 27.6, 40.0, 1000.0, -700.0, -708.0])
# The Going-deeper part (subnormal=True): -720 and -742.5 in place of -700 and -708. Their true values, about e^x, are
# subnormal doubles: a formula through exp(-x), which overflows there, or a cut-off returning 0 below some x, gives
# 0 instead. e^-742.5 is 7 units of 2**-1074 (about 3.5e-323), clear of the check's slack of 4 units below, so 0
# there fails, and so does a cut-off anywhere from about -742.5 up (at -743, e^x is 4 units, which the slack would
# let 0 pass).
_SUBNORMAL_SIGMOID_POINTS = np.array([-1000.0, -40.0, -27.6, -2.0, 0.0, 0.5, 1.5, 27.6, 40.0, 1000.0,
                                      -720.0, -742.5])
_LAST_SUBNORMAL_POINT = -742.5  # the point a cut-off near -742 misses; -720 alone catches one from -720 up
_GRID = (3, 4)
# Far out in both tails, where the correctly rounded sigmoid is exactly 0 and 1 (e^-100000 is far below 2**-1075,
# half the smallest subnormal double). A sigmoid right from -1000 to 1000 can still overflow here: one that works in
# np.longdouble only moves exp's overflow out to about 11356, and one through exp(x / 2) overflows beyond about
# 1419.6 = 2 log(DBL_MAX). ±1e300 stands for the rest of the doubles' real line.
_FAR_POINTS = np.array([-1e300, -1e5, 1e5, 1e300])
for _points in (_SIGMOID_POINTS, _SUBNORMAL_SIGMOID_POINTS, _FAR_POINTS):
    _points.flags.writeable = False  # the learner's code only ever gets copies

# A subnormal double near e^-740 has only about 7 significant bits (its spacing is 2**-1074, about
# 4.9e-324), so two correct formulas may differ there by a unit or two of that spacing.
_SUBNORMAL_SLACK = 4 * 2.0**-1074


def _exact_sigmoid(x: float) -> float:
    """sigmoid(x) from math.exp, written so that the exponent is never positive (independent of scipy).

    For x < 0, e^x / (1 + e^x): e^x is correctly rounded even when subnormal, and 1 + e^x rounds to 1
    wherever e^x is below 2**-53, so the quotient is e^x itself. For x >= 0, 1 / (1 + e^-x).
    """
    if x < 0:
        small = math.exp(x)
        return small / (1 + small)
    return 1 / (1 + math.exp(-x))


# Names of warnings filters, which hide NumPy's warnings instead of avoiding what causes them. np.errstate and
# np.seterr are not on this list: whether they silence anything depends on their arguments, read while they run.
# A filter whose only action is "error" (or "always") hides nothing: it turns warnings into exceptions (or shows
# every one), which is stricter, not quieter.
_SILENCERS = frozenset({"filterwarnings", "simplefilter", "catch_warnings", "resetwarnings"})
_STRICT_ACTIONS = frozenset({"error", "always"})
_QUIET_ACTIONS = frozenset({"ignore", "default", "module", "once"})


def _strings_used(code) -> set[str]:  # noqa: ANN001 (a code object)
    strings = {constant for constant in code.co_consts if isinstance(constant, str)}
    for constant in code.co_consts:
        if hasattr(constant, "co_consts"):
            strings |= _strings_used(constant)
    return strings


def _names_silence(code) -> bool:  # noqa: ANN001 (a code object)
    """Whether the code names a warnings filter, unless the only actions it spells out are strict ones."""
    if not _names_used(code) & _SILENCERS:
        return False
    strings = _strings_used(code)
    return bool(strings & _QUIET_ACTIONS) or not strings & _STRICT_ACTIONS or "resetwarnings" in _names_used(code)


def _globals_loaded(code) -> set[str]:  # noqa: ANN001 (a code object)
    """The global names a code object (and the functions and lambdas inside it) reads, attributes left out."""
    names = {instruction.argval for instruction in dis.get_instructions(code)
             if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME")}
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _globals_loaded(constant)
    return names


def _names_used(code) -> set[str]:  # noqa: ANN001 (a code object)
    names = set(code.co_names)
    for constant in code.co_consts:
        if hasattr(constant, "co_names"):
            names |= _names_used(constant)
    return names


# The code objects that turn warnings filters on when they run (those written in Python).
_FILTER_CODES = frozenset(
    code for code in (getattr(f, "__code__", None) for f in (
        warnings.filterwarnings, warnings.simplefilter, warnings.catch_warnings.__enter__, warnings.resetwarnings))
    if code is not None)

# The code objects that change NumPy's floating-point settings when they run: np.errstate's __enter__ and np.seterr.
# np.errstate used as a decorator never calls __enter__: it wraps the function in a function of its own (one code
# object for every such wrapper), so that wrapper's code is on the list too.
_ERRSTATE_CODES = frozenset(
    code for code in (getattr(f, "__code__", None) for f in (
        np.errstate.__enter__, np.seterr, np.errstate()(lambda: None)))
    if code is not None)

# The warnings NumPy shows by default (underflow is ignored by default, so ignoring it hides nothing), and the
# settings that keep a warning from reaching the check: anything but "warn" and "raise".
_ON_BY_DEFAULT = ("over", "divide", "invalid")
_QUIET = frozenset({"ignore", "print", "log", "call"})


def _turns_off_default_warning(frame) -> bool:  # noqa: ANN001 (a frame)
    """Whether an np.errstate or np.seterr starting in this frame turns off an overflow, divide or invalid warning.

    np.seterr's arguments are its locals; np.errstate keeps them on itself (self._over and so on), read in
    __enter__ or in the decorator's wrapper. A setting given for one kind overrides `all`. If the arguments
    cannot be read (another NumPy), the call counts as a silencer.
    """
    local = frame.f_locals
    if frame.f_code.co_name == "seterr":
        settings = {name: local.get(name) for name in ("all", *_ON_BY_DEFAULT)}
    else:
        state = local.get("self")
        try:
            settings = {name: getattr(state, f"_{name}") for name in ("all", *_ON_BY_DEFAULT)}
        except AttributeError:
            return True
    return any((settings[name] if settings[name] is not None else settings["all"]) in _QUIET
               for name in _ON_BY_DEFAULT)


# Library code (is_library_file) is not the learner's: NumPy itself may silence warnings inside np.isclose, and
# tempnb's own softmax and log_softmax do where a masked -inf logit would make exp warn.


def _filter_silences(frame) -> bool:  # noqa: ANN001 (a frame)
    """Whether a warnings filter starting in this frame can hide a warning: any action but "error" or "always".

    filterwarnings and simplefilter get the action as an argument; catch_warnings keeps its own (or None) on
    itself, and hides warnings when it records them. resetwarnings, or arguments that cannot be read, count.
    """
    local = frame.f_locals
    name = frame.f_code.co_name
    if name in ("filterwarnings", "simplefilter"):
        return local.get("action") not in _STRICT_ACTIONS
    if name == "__enter__":
        state = local.get("self")
        record, action = getattr(state, "_record", True), getattr(state, "_filter", None)
        return bool(record) or (action is not None and action[0] not in _STRICT_ACTIONS)
    return True


def _silenced_at_run_time(function: Callable, x: np.ndarray) -> bool:
    """Whether the learner's code (a helper it calls included) turns a warning silencer on while it runs on x.

    A silencer is a warnings filter, or an np.errstate or np.seterr that turns off a warning NumPy shows by
    default (overflow, divide or invalid); np.errstate(under="ignore") hides nothing and is not one. The run
    starts from NumPy's default settings, as `call` does, so that putting saved settings back (np.seterr(**old))
    restores those defaults and is not mistaken for a silencer.
    """
    here = sys._getframe()  # the frame that calls the learner's function (tempnb itself may sit among libraries)
    seen = []

    def profile(frame, event, arg) -> None:  # noqa: ANN001 (the sys.setprofile signature)
        if event != "call" or (frame.f_code not in _FILTER_CODES and frame.f_code not in _ERRSTATE_CODES):
            return
        caller = frame.f_back
        if caller is not None and (caller is here or not is_library_file(caller.f_code.co_filename)) and (
                _filter_silences(frame) if frame.f_code in _FILTER_CODES else _turns_off_default_warning(frame)):
            seen.append(frame.f_code.co_name)

    with warnings.catch_warnings(record=True), np.errstate(over="warn", divide="warn", invalid="warn",
                                                           under="ignore"):
        warnings.simplefilter("ignore")
        given = fresh(x)
        with _quietly():
            previous = sys.getprofile()
            sys.setprofile(profile)
            try:
                function(given)
            except Exception:  # noqa: BLE001, S110 (only the silencer matters here; errors are reported elsewhere)
                pass
            finally:
                sys.setprofile(previous)
    return bool(seen)


# Functions that compute every branch on every entry, so a branch thrown away can still overflow.
_BOTH_BRANCHES = frozenset({"where", "select"})
_WHERE_CAUSE = ("With np.where, the branch you throw away still computes exp of a large number: inf, and "
                "inf / inf = nan.")


# NumPy functions (and the ndarray method nonzero) that turn a mask into integer index arrays. Their [0], or
# flatnonzero's flat positions, index the first axis only: right on a 1-D x, whole rows on a 2-D one.
_INDEX_ARRAYS = frozenset({"where", "nonzero", "flatnonzero", "argwhere"})
_INDEX_EXAMPLES = {"where": "np.where(x < 0)[0]", "nonzero": "np.nonzero(x < 0)[0]",
                   "flatnonzero": "np.flatnonzero(x < 0)", "argwhere": "np.argwhere(x < 0)"}
# What reads or writes an entry by subscript, x[...] and out[...] = ...: BINARY_OP with "[]" from Python 3.14 on.
_SUBSCRIPTS = frozenset({"BINARY_SUBSCR", "STORE_SUBSCR", "BINARY_SLICE", "STORE_SLICE"})


def _subscripts(function: Callable) -> bool:
    """Whether the learner's code (its nested functions and lambdas included) indexes anything, x[...] or
    out[...] = ...: with np.where also in the code, a sign that masks may be at work beside it."""
    code = getattr(_unwrapped(function), "__code__", None)
    return code is not None and any(
        instruction.opname in _SUBSCRIPTS or (instruction.opname == "BINARY_OP" and instruction.argrepr == "[]")
        for inner in _codes(code) for instruction in dis.get_instructions(inner))


def _unwrapped(function: object) -> object:
    """The function a learner's callable runs: np.vectorize's pyfunc and functools.partial's func, unwrapped.

    `@np.vectorize` on a def, `np.vectorize(f)` and `functools.partial(f)` hand the check an object with no code of
    its own, so what the code-reading probes read is the function inside (a few levels, for wrappers of wrappers).
    """
    for _ in range(8):
        if isinstance(function, np.vectorize):
            function = function.pyfunc
        elif isinstance(function, functools.partial):
            function = function.func
        else:
            break
    return function


def _vectorized(function: object) -> str | None:
    """"np.vectorize" or "np.frompyfunc" when the learner's sigmoid is itself one of them (under a partial, say).

    np.frompyfunc makes a ufunc whose name ends in " (vectorized)" (NumPy 2.4: "f (vectorized)" for a function f);
    NumPy's own ufuncs do not.
    """
    for _ in range(8):
        if isinstance(function, np.vectorize):
            return "np.vectorize"
        if isinstance(function, np.ufunc) and function.__name__.endswith(" (vectorized)"):
            return "np.frompyfunc"
        if not isinstance(function, functools.partial):
            return None
        function = function.func
    return None


def _uses_both_branches(function: Callable) -> bool:
    """Whether the learner's code names np.where or np.select (its own code and the functions it defines)."""
    code = getattr(_unwrapped(function), "__code__", None)
    return code is not None and bool(_names_used(code) & _BOTH_BRANCHES)


# scipy's ready-made sigmoids: expit, and log_expit (its log, which np.exp turns back into the sigmoid)
_SCIPY_SIGMOIDS = {"expit": scipy.special.expit, "log_expit": scipy.special.log_expit}


def _codes(code) -> list:  # noqa: ANN001 (a code object)
    """The code object and those nested in it (inner functions, lambdas, comprehensions)."""
    found = [code]
    for constant in code.co_consts:
        if hasattr(constant, "co_code"):
            found += _codes(constant)
    return found


def _attributes_read(code) -> set[str]:  # noqa: ANN001 (a code object)
    """The names the code reads as attributes (module.name, object.method) or imports from a module inside itself
    (`from scipy.special import expit`, IMPORT_FROM), not as globals or locals."""
    return {instruction.argval for inner in _codes(code) for instruction in dis.get_instructions(inner)
            if instruction.opname in ("LOAD_ATTR", "LOAD_METHOD", "IMPORT_FROM")}


def _uses_scipy_expit(function: Callable, deeper: bool = True) -> str | None:
    """The name of the scipy sigmoid the learner's sigmoid is or calls (expit or log_expit), or None.

    Both are ufuncs, which a profiler does not see being called, so the code's names are read instead: a global
    bound to one of them (under any name), or `expit` or `log_expit` read as an attribute, scipy.special.expit, or
    imported inside the function, `from scipy.special import expit` (under any name).
    A helper of the learner's own with one of those names is not scipy's, so it does not count by its name, but
    the learner's own functions that the sigmoid names (one level deep) are read the same way: a helper called
    expit that returns scipy.special.expit(x) is scipy's sigmoid.
    Wrapped in np.vectorize or functools.partial (as the sigmoid or as a global it reads), or kept in a dict, list
    or tuple that the code reads as a global, it is still scipy's.
    """
    function = _unwrapped(function)
    for name, ufunc in _SCIPY_SIGMOIDS.items():
        if function is ufunc:
            return name
    code = getattr(function, "__code__", None)
    if code is None:
        return None
    names, known, attributes = _names_used(code), getattr(function, "__globals__", {}), _attributes_read(code)
    for name, ufunc in _SCIPY_SIGMOIDS.items():
        if any(item is ufunc for used in names for item in _held(known.get(used))) or name in attributes:
            return name
    if deeper:  # the learner's own functions, defined where the sigmoid was (the same globals)
        for used in sorted(names):
            helper = _unwrapped(known.get(used))
            if helper is not function and getattr(helper, "__globals__", None) is known:
                found = _uses_scipy_expit(helper, deeper=False)
                if found:
                    return found
    return None


def _held(value: object) -> list:
    """What a global holds for :func:`_uses_scipy_expit`: the value unwrapped, or the unwrapped items of a dict, list
    or tuple (one level: `_F = {"s": scipy.special.expit}` read as `_F["s"](x)`). A long container is data, not a
    table of functions, so only the first hundred items are looked at."""
    if isinstance(value, dict):
        return [_unwrapped(item) for item in itertools.islice(value.values(), 100)]
    if isinstance(value, (list, tuple)):
        return [_unwrapped(item) for item in value[:100]]
    return [_unwrapped(value)]


def _scipy_stats_distribution(function: Callable, x: np.ndarray) -> str | None:
    """What the learner's code takes from scipy.stats while it runs on x, named for a hint, or None.

    scipy.stats.logistic.cdf is the sigmoid ready-made: its _cdf is scipy.special.expit (scipy 1.17). Its methods
    are Python code, so a profiler sees the first call into scipy.stats from the learner's own code (or from the
    check, when the learner passed logistic.cdf itself), and the distribution it belongs to: the method's self,
    or the dist a frozen distribution keeps.
    """
    stats = sys.modules.get("scipy.stats")
    if stats is None:  # never imported, so never used
        return None
    folder = os.path.dirname(os.path.abspath(stats.__file__)) + os.sep
    found: list[str] = []

    def profile(frame, event, arg) -> None:  # noqa: ANN001, ARG001 (the sys.setprofile signature)
        if found or event != "call" or not os.path.abspath(frame.f_code.co_filename).startswith(folder):
            return
        caller = frame.f_back
        if caller is None or (caller.f_code is not _run_watched.__code__
                              and is_library_file(caller.f_code.co_filename)):
            return
        owner = frame.f_locals.get("self")
        name = getattr(getattr(owner, "dist", owner), "name", None)
        found.append(name if isinstance(name, str) else "")

    _run_watched(function, x, sys.getprofile, sys.setprofile, profile)
    if not found:
        return None
    if found[0] == "logistic":
        return ("scipy.stats.logistic, the logistic distribution, whose cdf is the sigmoid ready-made (scipy "
                "computes it with scipy.special.expit)")
    return f"scipy.stats.{found[0]}, a ready-made distribution" if found[0] else "scipy.stats, ready-made"


# The pair (0, x) stacked and exponentiated by hand, as normalise_exp does: names that show it, and those that show
# the larger logit was subtracted first.
_STACKS = frozenset({"stack", "column_stack", "vstack", "hstack", "dstack", "concatenate"})
_SHIFTS = frozenset({"max", "maximum", "amax", "fmax", "logsumexp", "logaddexp"})


def _hand_pair_softmax(function: Callable) -> bool:
    """Whether the learner's sigmoid is a two-class softmax written by hand with no max subtracted.

    Its code (and the learner's own helpers it names, one level deep) stacks the pairs and calls exp, subtracts no
    maximum, and uses no library softmax, which would subtract it.
    """
    function = _unwrapped(function)
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    known = getattr(function, "__globals__", {})
    names = _names_used_by(function)
    for used in sorted(_names_used(code)):
        helper = known.get(used)
        if helper is not function and getattr(helper, "__globals__", None) is known:
            names |= _names_used_by(helper)
    own_softmax = all(getattr(known.get(name), "__globals__", None) is known
                      for name in names & {"softmax", "log_softmax"})
    return bool(names & _STACKS) and "exp" in names and not names & _SHIFTS and own_softmax


# np.vectorize's __call__, which runs a Python function once per entry (the exercise asks for array operations).
_VECTORIZE_CODES = frozenset({np.vectorize.__call__.__code__})


def _per_entry_python(function: Callable, x: np.ndarray) -> str | None:
    """What in the learner's code works one number at a time while it runs on x: np.vectorize or math.exp, or None.

    A profiler sees np.vectorize's __call__ (Python code) and math.exp (a C function) when they are called from
    code outside the libraries, the learner's own functions and lambdas (one passed to np.vectorize included).
    """
    here = sys._getframe()
    seen = []

    def outside(frame) -> bool:  # noqa: ANN001 (a frame)
        return frame is not None and (frame is here or not is_library_file(frame.f_code.co_filename))

    def profile(frame, event, arg) -> None:  # noqa: ANN001 (the sys.setprofile signature)
        if event == "call" and frame.f_code in _VECTORIZE_CODES and outside(frame.f_back):
            seen.append("np.vectorize")
        elif event == "c_call" and arg is math.exp and outside(frame):
            seen.append("math.exp")

    _run_watched(function, x, sys.getprofile, sys.setprofile, profile)
    return seen[0] if seen else None


_LOADS = frozenset({"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST", "LOAD_DEREF", "LOAD_CLOSURE"})


def _per_entry_in_code(function: Callable, deeper: bool = True) -> str | None:
    """What in the learner's code hands a function one number at a time from C, found by reading the code, or None.

    math.exp passed to map or np.frompyfunc is called by C code, which a profiler does not see, and the learner's
    lines do not grow with the entries, so neither _per_entry_python nor the line count finds it. The code is read
    instead: math.exp named in any way (math.exp, a local `import math as m` then m.exp, `from math import exp`
    inside the function, or a global bound to math.exp under any name), then np.frompyfunc (called inside the
    function, or a global holding the ufunc it made). The builtin map is left to :func:`_maps_per_entry`, which
    counts what it is handed: map over x.shape is no loop over entries.
    The learner's own functions that it names are read the same way, one level deep.
    """
    function = _unwrapped(function)
    code = getattr(function, "__code__", None)
    if code is None or is_library_file(code.co_filename):
        return None  # a library's function given as the sigmoid (scipy.stats.logistic.cdf): named elsewhere
    known = getattr(function, "__globals__", {})
    inner_codes = _codes(code)
    # names bound to the math module: globals, and locals stored right after an `import math` inside the function
    math_names = {name for name, value in known.items() if value is math}
    for inner in inner_codes:
        instructions = list(dis.get_instructions(inner))
        for before, after in zip(instructions, instructions[1:]):
            if before.opname == "IMPORT_NAME" and before.argval == "math" and after.opname.startswith("STORE_"):
                math_names.add(after.argval)
    found = set()
    for inner in inner_codes:
        instructions = list(dis.get_instructions(inner))
        imported = None
        for before, after in zip([None, *instructions], instructions):
            if after.opname == "IMPORT_NAME":
                imported = after.argval
            elif after.opname == "IMPORT_FROM" and imported == "math" and after.argval == "exp":
                found.add("math.exp")
            elif after.opname in ("LOAD_GLOBAL", "LOAD_NAME") and known.get(after.argval) is math.exp:
                found.add("math.exp")
            elif after.opname in ("LOAD_ATTR", "LOAD_METHOD") and after.argval == "exp" and before is not None \
                    and before.opname in _LOADS and before.argval in math_names:
                found.add("math.exp")
            elif after.opname in ("LOAD_ATTR", "LOAD_METHOD") and after.argval == "frompyfunc":
                found.add("np.frompyfunc")
            elif after.opname in ("LOAD_GLOBAL", "LOAD_NAME") and \
                    _vectorized(known.get(after.argval)) == "np.frompyfunc":
                found.add("np.frompyfunc")  # a ufunc made by np.frompyfunc outside the function, called inside
    for name in ("math.exp", "np.frompyfunc"):
        if name in found:
            return name
    if deeper:  # the learner's own functions, defined where the sigmoid was (the same globals), read as globals:
        # np.logaddexp reads the attribute `logaddexp`, not a helper of the learner's that has that name
        for used in sorted(_globals_loaded(code)):
            helper = known.get(used)
            if helper is not function and getattr(helper, "__globals__", None) is known:
                found_in_helper = _per_entry_in_code(helper, deeper=False)
                if found_in_helper:
                    return found_in_helper
    return None


def _items_mapped(function: Callable, x: np.ndarray) -> int:
    """How many items the builtin map hands to a function while the learner's function runs once on x.

    map calls its function from C, which neither a profiler nor a line count sees, so the learner's function (and
    its own functions that it names, one level deep) is run once more as a copy whose globals hold a map that
    counts the items it passes on; the learner's function itself, and its globals, are left as they are.
    """
    code = getattr(function, "__code__", None)
    known = getattr(function, "__globals__", None)
    if code is None or known is None or known.get("map", map) is not map:
        return 0
    count = 0

    def counted(items):  # noqa: ANN001, ANN202 (any iterable)
        nonlocal count
        for item in items:
            count += 1
            yield item

    def counting_map(f, *iterables):  # noqa: ANN001, ANN202 (map's own signature)
        return map(f, *(counted(items) for items in iterables))

    # the learner's own helpers, defined where the sigmoid was (the same globals), one level deep
    helpers = {name: helper for name in _names_used(code) if isinstance(helper := known.get(name), types.FunctionType)
               and helper is not function and helper.__globals__ is known}
    if not any("map" in _names_used(f.__code__) for f in (function, *helpers.values())):
        return 0
    namespace = dict(known)
    namespace["map"] = counting_map

    def copied(f: types.FunctionType) -> types.FunctionType:
        twin = types.FunctionType(f.__code__, namespace, f.__name__, f.__defaults__, f.__closure__)
        twin.__kwdefaults__ = f.__kwdefaults__
        return twin

    namespace.update({name: copied(helper) for name, helper in helpers.items()})
    with warnings.catch_warnings(record=True), np.errstate(all="ignore"), _quietly():
        warnings.simplefilter("ignore")
        try:
            copied(function)(fresh(x))
        except Exception:  # noqa: BLE001, S110 (only the count matters here; errors are reported elsewhere)
            pass
    return count


def _maps_per_entry(function: Callable, x: np.ndarray) -> bool:
    """Whether the builtin map in the learner's code passes on more items the more entries x has (a loop over the
    entries run from C), as :func:`_loops_per_entry` asks of lines: 12 entries against 1,200."""
    small, large = _items_mapped(function, x), _items_mapped(function, np.tile(x, 100))
    return large - small >= (100 - 1) * x.size // 2


def _lines_run(function: Callable, x: np.ndarray) -> int:
    """How many lines of the learner's own code run while the function runs once on x, silently: a Python loop or
    comprehension over the entries adds lines in proportion to x.size, array operations do not
    (:func:`tempnb.checks._common.lines_run`)."""
    with _quietly():
        return lines_run(function, x, libraries=False).own_lines


def _run_watched(function: Callable, x: np.ndarray, get: Callable, install: Callable, watcher: Callable) -> None:
    """Run ``function`` once on a fresh copy of x, silently, with ``watcher`` installed (sys.setprofile or
    sys.settrace) and whatever was installed before put back afterwards. Only what runs matters to the watchers:
    the learner's errors and warnings are reported by the check's own call, and what it prints is not shown."""
    with warnings.catch_warnings(record=True), np.errstate(all="ignore"), _quietly():
        warnings.simplefilter("ignore")
        given = fresh(x)
        previous = get()
        install(watcher)
        try:
            function(given)
        except Exception:  # noqa: BLE001, S110 (only what runs matters here; errors are reported elsewhere)
            pass
        finally:
            install(previous)


def _loops_per_entry(function: Callable, x: np.ndarray) -> bool:
    """Whether the learner's code runs more lines on x repeated 100 times than on x: a Python loop over entries."""
    small, large = _lines_run(function, x), _lines_run(function, np.tile(x, 100))
    # 12 entries against 1,200: a loop adds at least one line per entry; array code adds none
    return large - small >= (100 - 1) * x.size // 2


def _silences_warnings(function: Callable, x: np.ndarray) -> bool:
    """Whether the function's own code (or code it calls, run on x) uses a warning silencer."""
    code = getattr(_unwrapped(function), "__code__", None)
    return (code is not None and _names_silence(code)) or _silenced_at_run_time(function, x)


def _warns_or_fails(outcome: Outcome) -> bool:
    """Whether a call warned or raised. An input changed in place is a problem of another kind: counting it here
    would make an in-place sigmoid look as if it overflowed wherever it writes into x."""
    return outcome.problem is not None and outcome.error is not InputChanged


def _overflowing_tails(sigmoid: Callable) -> tuple[bool, bool]:
    """Which tails make the learner's sigmoid warn: (x = -1000, x = +1000), probed one at a time."""
    return tuple(_warns_or_fails(_quiet_call(sigmoid, np.array([x]))) for x in (-1000.0, 1000.0))


def _changes_input(function: Callable, x: np.ndarray) -> bool:
    """Whether the learner's function writes into the array it is given, seen even when it also warns or raises.

    :func:`call` reports a warning before a changed input, so this probe runs the function once more on a copy of
    its own, with NumPy's warnings and the learner's prints silenced, and compares the copy with ``x`` afterwards.
    """
    given = np.array(x, dtype=float)  # a writable copy: x itself stays read-only
    with _quietly(), warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            function(given)
        except Exception:  # noqa: BLE001 (the learner's code may fail in any way; the copy still tells)
            pass
    return not np.array_equal(given, x, equal_nan=True)


def _first_parameter(function: Callable) -> str:
    """The name of the learner's first parameter, as their code calls it (x unless it says otherwise)."""
    try:
        names = list(inspect.signature(function).parameters)
    except (TypeError, ValueError):  # a builtin without a signature
        names = []
    return names[0] if names else "x"


# How the hint opens for a sigmoid that warns (or raises on overflow) and writes into its input as well: both are
# mistakes, and the warning's own hint follows as the second.
_IN_PLACE_AND = ("two problems. (1) your function changed its input `{name}`: an in-place write such as "
                 "`{name} *= -1`, `{name} += 1`, `{name}[...] = ...` or `np.exp({name}, out={name})` (np.asarray("
                 "{name}, dtype=float) hands back a float array itself, not a copy, so writing into it writes into "
                 "the caller's array). The caller's array must stay as it was: write the results into a new array, "
                 "such as out = np.empty_like({name}). (2) ")


def _telling_index(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> int:
    """Which wrong point a hint shows: the first wrong one with |x| <= 2, where no rounding can explain a miss;
    failing that, the one furthest off relative to the exact value (the first of equals).

    So a value right to 11 digits at x = -27.6 is not the one shown while another point is wrong in its first
    digit. Relative to at least the smallest normal double, so that a nonzero value where the exact one is 0 (or
    subnormal) counts as far off, and a 0 where the exact one is subnormal counts less than a 0 in place of a
    normal double.
    """
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
        moderate = wrong & (np.abs(points) <= 2)
        if moderate.any():
            return int(np.flatnonzero(moderate)[0])
        error = np.abs(got - expected) / np.maximum(np.abs(expected), np.finfo(float).tiny)
    error = np.where(wrong, np.nan_to_num(error, nan=np.inf), -1.0)
    return int(np.argmax(error))


def _differing(points: np.ndarray, got: np.ndarray, expected: np.ndarray, near_zero: bool = False,
               index: int | None = None) -> str:
    """The first point where the answer is wrong (or the point at ``index``), both values at a precision that
    tells them apart.

    With near_zero, the first wrong point with |x| <= 2, for the hints that say a side is wrong even there.
    """
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
    if near_zero:
        wrong &= np.abs(points) <= 2
    i = int(np.flatnonzero(wrong)[0]) if index is None else index
    digits = next((d for d in range(6, 18) if f"{got[i]:.{d}g}" != f"{expected[i]:.{d}g}"), 17)
    if expected[i] == 0:  # far left, e^x is below every double: 0 is the double nearest the true value
        power = points[i] / math.log(10)  # e^x = 10^power, written out since math.exp(x) is 0 here
        about = f"{10 ** (power - math.floor(power)):.1f}e{math.floor(power)}"
        return (f"at x = {points[i]:g} your sigmoid gives {got[i]:.{digits}g}, the correctly rounded value is 0 "
                f"(e^{points[i]:g} ≈ {about} rounds to 0 in doubles)")
    return f"at x = {points[i]:g} your sigmoid gives {got[i]:.{digits}g}, the exact value is {expected[i]:.{digits}g}"


# Both-tails overflow with boolean masks: the two causes that overflow at the same inputs, and the one cure.
_MASKS_TOO_LATE = ("Either exp is computed on the whole x and indexed afterwards (np.exp(-x)[~negative], or "
                   "e = np.exp(x) before choosing the entries), or the two formulas sit on swapped sides. Compute "
                   "each formula from its own entries only: 1 / (1 + np.exp(-x[~negative])) for x >= 0 and "
                   "np.exp(x[negative]) / (1 + np.exp(x[negative])) for x < 0, so that exp only ever sees x <= 0.")


# NumPy's names for its widest float type (np.float128 or np.float96 where the platform has one), as attributes,
# globals or dtype strings: a sigmoid that computes in it and converts back to float64 returns float64, so its
# output alone does not tell.
_LONGDOUBLE_NAMES = frozenset({"longdouble", "float128", "float96", "longfloat"})


def _names_longdouble(sigmoid: Callable) -> bool:
    """Whether the learner's code (or one of its own functions it names, one level deep) names np.longdouble."""
    function = _unwrapped(sigmoid)
    code = getattr(function, "__code__", None)
    if code is None:
        return False
    known = getattr(function, "__globals__", {})
    found = _names_used_by(function) | _strings_used(code)
    for used in sorted(_globals_loaded(code)):
        helper = _unwrapped(known.get(used))
        if helper is not function and getattr(helper, "__globals__", None) is known and hasattr(helper, "__code__"):
            found |= _names_used_by(helper) | _strings_used(helper.__code__)
    return bool(found & _LONGDOUBLE_NAMES)


def _far_tails(sigmoid: Callable, raw: object) -> str | None:
    """The hint for a sigmoid right from -1000 to 1000 that warns, fails or is wrong further out, or None.

    ``raw`` is what the sigmoid returned on the check's points, to name np.longdouble when it returns that; its
    code is read too, for a sigmoid that works in np.longdouble and converts its result back to float64.
    """
    outcome = _quiet_call(sigmoid, _FAR_POINTS)
    expected = np.array([_exact_sigmoid(float(x)) for x in _FAR_POINTS])  # 0, 0, 1, 1
    got = None if outcome.problem else as_array(outcome.value)
    if got is not None and got.shape == _FAR_POINTS.shape and np.allclose(got, expected, rtol=1e-12, atol=0):
        return None
    wide = (isinstance(raw, np.ndarray) and raw.dtype.kind == "f" and raw.dtype.itemsize > 8) or _names_longdouble(
        sigmoid)
    # log of np.finfo(np.longdouble).max is about 11356.5 for both the x87 80-bit and the IEEE 128-bit formats
    longdouble = (" np.longdouble only moves exp's overflow out, from about 709.78 to about 11356 with the 80-bit "
                  "extended or the 128-bit quad format (and not at all where it is a float64, as on some "
                  "platforms); it does not remove it, and neither do its other names, np.float128 or np.float96 "
                  "where they exist." if wide else "")
    advice = ("Keep every exponent at or below 0 for every x: exp(-x) only on x >= 0, exp(x) only on x < 0 "
              "(boolean masks), or exp(-|x|) on both sides.")
    if outcome.problem:
        alone = [float(x) for x in _FAR_POINTS if _quiet_call(sigmoid, np.array([x])).problem is not None]
        where = f"at x = {min(alone, key=abs):g}" if alone else f"on {_FAR_POINTS.tolist()}"
        example = longdouble or (" A formula through exp(x / 2), for one, overflows beyond x = 2 log(DBL_MAX) ≈ "
                                 "1419.6.")
        return (f"your sigmoid is right and silent from -1000 to 1000, but the real line goes on: {where} "
                f"{outcome.problem}, so some exponent is still positive that far out.{example} {advice}")
    if got is None or got.shape != _FAR_POINTS.shape:
        shape = "no array" if got is None else f"shape {got.shape}"
        return (f"your sigmoid is right from -1000 to 1000, but on {_FAR_POINTS.tolist()} it returns {shape}: "
                "return one value per entry of x, for every x.")
    with np.errstate(all="ignore"):
        wrong = np.flatnonzero(~np.isclose(got, expected, rtol=1e-12, atol=0))
    i = int(min(wrong, key=lambda j: abs(_FAR_POINTS[j])))  # the wrong point nearest 0
    return (f"your sigmoid is right from -1000 to 1000, but at x = {_FAR_POINTS[i]:g} it gives {got[i]:.6g}, where "
            f"the correctly rounded value is {expected[i]:g}: the exercise asks for the whole real line. The "
            "formulas whose exponents stay at or below 0, exp(x) / (1 + exp(x)) for x < 0 and 1 / (1 + exp(-x)) "
            "for x >= 0, give exactly 0 and 1 out there by themselves, with no special case.")


def _low_precision(values: np.ndarray, exact: np.ndarray) -> str | None:
    """"float16" or "float32" when the values are numbers of that type, right to its precision but no further, as
    values computed in it and then stored in a float64 array are; else None.

    Every value must be exactly a number of that type, at least one of them strictly between 0 and 1 other than
    0.5 (which every type holds), and each within a few units of that type's precision of the exact value: then the
    formula is right and only the precision is not.
    """
    telling = (values > 0) & (values < 1) & (values != 0.5)
    if not telling.any() or not np.all(np.isfinite(values)):
        return None
    for dtype in (np.float16, np.float32):
        with np.errstate(all="ignore"):
            same = np.array_equal(values.astype(dtype).astype(float), values)
            near = np.allclose(values[telling], exact[telling], rtol=4 * float(np.finfo(dtype).eps), atol=0)
        if same and near:
            return dtype.__name__
    return None


def _digits_right(values: np.ndarray, exact: np.ndarray) -> int:
    """How many significant digits the values have right, at the worst of them (the exact values nonzero)."""
    with np.errstate(all="ignore"):
        error = float(np.max(np.abs(values - exact) / np.abs(exact)))
    return max(0, math.floor(-math.log10(error))) if error > 0 else 17


_ZERO_NEVER_WRITTEN = "x = 0 is never written (neither mask covers it)"
_ZERO_LEFT_OUT = ("Only x = 0 is wrong: masks x > 0 and x < 0 skip x = 0. Give one "
                  "side the equals sign: negative = x < 0 for one formula and ~negative (x >= 0) for the other.")


def _unfilled_side(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str | None:
    """The hint for an output that is right on one side of 0 only, even at moderate x, or None.

    One side all right, the other wrong even at moderate x (|x| <= 2, far from any rounding
    trouble). If those wrong entries are exactly 0, not finite or outside [0, 1], they were most
    likely never written (np.zeros_like or np.empty_like left them); values that could be
    probabilities point at the formula used on that side.
    """
    right = np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
    if np.array_equal(~right, points == 0):
        return _ZERO_LEFT_OUT
    negative = points < 0
    formulas = {"x < 0": "exp(x) / (1 + exp(x))", "x >= 0": "1 / (1 + exp(-x))"}
    for side, name, other in ((negative, "x < 0", "x >= 0"), (~negative, "x >= 0", "x < 0")):
        moderate_wrong = side & (np.abs(points) <= 2) & ~right
        if right[~side].all() and moderate_wrong.any():
            values = got[moderate_wrong]
            # out = x.copy() (or np.array(x)) with one side never assigned: those entries still hold x itself
            if np.array_equal(values, points[moderate_wrong]):
                shown = ", ".join(f"{v:g} at x = {v:g}" for v in values[values != 0][-2:])
                return (f"Every entry with {other} is right, but the entries with {name} are x itself ({shown}): "
                        "they are never written. An output started as a copy of x (x.copy() or np.array(x)) keeps "
                        "x wherever nothing was assigned. Fill both sides: out[negative] = ... and "
                        "out[~negative] = ....")
            # leftover memory from np.empty_like often reads as a subnormal number, far below any sigma(x) here; a
            # single value repeated (np.ones_like, np.full_like) cannot come from a formula in x either
            unwritten = (np.abs(values) < np.finfo(float).tiny) | ~np.isfinite(values) | (values < 0) | (values > 1)
            if np.all(unwritten) or (values.size > 1 and np.all(values == values[0])):
                return (f"Every entry with {other} is right, but the entries with {name} are wrong even where x "
                        "is small: are they ever written? An output made with np.zeros_like keeps 0 where nothing "
                        "was assigned, one made with np.ones_like keeps 1, and one made with np.empty_like keeps "
                        "whatever was in memory. Fill both sides: out[negative] = ... and out[~negative] = ....")
            exact = expected[moderate_wrong]
            precision = _low_precision(values, exact)
            digits = _digits_right(values, exact)
            if precision or digits >= 6:
                # the formula is right to float32's 7 digits or so: a step in lower precision, not a slip in it
                cause = (f"they are {precision} numbers, so something on that side is computed in {precision} "
                         f"(.astype(np.{precision}), np.{precision}(...), or dtype={precision})" if precision else
                         "something on that side loses digits (a step in float32, or a constant typed rounded?)")
                return (f"Every entry with {other} is right, but the entries with {name} are right to only about "
                        f"{digits} significant digits, even where x is small, and the check compares within a "
                        f"relative 1e-12. The formula there is right; its precision is not: {cause}. Compute that "
                        "side in float64.")
            return (f"Every entry with {other} is right, but the entries with {name} are wrong even where x is "
                    f"small: check the formula on that side, term by term and sign by sign. For {name} it is "
                    f"{formulas[name]}.")
    return None


def _step_output(sigmoid: Callable, points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str | None:
    """The hint for values that are exactly 0 or 1 even near x = 0, a step rather than a sigmoid, or None.

    At the check's points with 0 < |x| <= 2 the sigmoid lies between σ(-2) ≈ 0.119 and σ(2) ≈ 0.881, so no rounding
    of a right formula and no cancellation gives 0 or 1 there. If the same function is right on those points given
    alone (and silent), a fallback replaced the whole array because of something further out: a try/except around
    the naive formula, or an `if` on the whole array, that returns np.where(x >= 0, 1, 0).
    """
    moderate = (np.abs(points) <= 2) & (points != 0)
    if not moderate.any() or not np.all((got[moderate] == 0) | (got[moderate] == 1)):
        return None
    shown = _differing(points, got, expected, index=int(np.flatnonzero(moderate)[0]))
    near = points[np.abs(points) <= 2]
    alone = _quiet_call(sigmoid, near)
    values = None if alone.problem else as_array(alone.value)
    if values is not None and values.shape == near.shape and np.allclose(
            values, expected[np.abs(points) <= 2], rtol=1e-12, atol=0):
        return (f"{shown}: near 0 your values are exactly 0 or 1, a step, yet on {near.tolist()} alone your "
                "sigmoid is right. So the whole array was replaced by a fallback because of something further out "
                "(an except branch after an overflow, or an `if` that returns a 0/1 step such as "
                "np.where(x >= 0, 1, 0) when a value is inf or nan?), and the values that were right went with "
                "it. Remove the fallback and make nothing overflow: exp(x) / (1 + exp(x)) for x < 0, "
                "1 / (1 + exp(-x)) for x >= 0, each on its own entries.")
    if np.array_equal(got, np.round(expected)):
        return (f"{shown}: your values are the sigmoid rounded to whole numbers, 0 or 1 (np.round, or round, inside "
                "the function?). Return them unrounded: the check compares within a relative 1e-12, and rounding "
                "for display belongs in a print, not in the sigmoid.")
    return (f"{shown}: near 0 your values are exactly 0 or 1, a step (a comparison such as x >= 0, or np.heaviside), "
            "while the sigmoid lies strictly between 0 and 1, from 0.119 at x = -2 to 0.881 at x = 2. Compute it "
            "with exp(x) / (1 + exp(x)) for x < 0 and 1 / (1 + exp(-x)) for x >= 0.")


def _rounded_output(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str | None:
    """The hint for values that are the sigmoid rounded to a few decimals (np.round in the function), or None."""
    decimals = rounded_to(expected)(got)
    if decimals is None:
        return None
    return (f"{_differing(points, got, expected)}: your values are the sigmoid rounded to {decimals} decimals "
            "(np.round, or round, inside the function?). Return them unrounded: the check compares within a "
            "relative 1e-12, and rounding for display belongs in a print, not in the sigmoid.")


def _clipped_x(value: float) -> bool:
    """Whether a small positive value at x = -1000 is σ of a round bound (np.clip(x, -500, 500) gives σ(-500)).

    Its logit, log(v / (1 - v)), is then a number with at most one decimal; for a clip of the output at an epsilon
    (1e-15, 1e-7) it is not (log 1e-15 = -34.5388...).
    """
    bound = math.log(value) - math.log1p(-value)
    return abs(bound * 10 - round(bound * 10)) < 1e-6


def _floored_output(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str | None:
    """The hint for an output clipped to [eps, 1 - eps] or padded with + eps, as before a log, or None.

    eps is the value where the sigmoid should be 0 or tiny. Clipped: every wrong entry is eps or 1 - eps
    (np.clip(out, 1e-15, 1 - 1e-15), np.maximum(out, eps)). Padded: every wrong entry is the sigmoid plus eps.
    """
    with np.errstate(all="ignore"):
        wrong = ~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
    low = wrong & (expected < 0.5)
    if not low.any() or not np.all(np.isfinite(got)):
        return None
    eps = float(got[np.flatnonzero(low)[0]])
    if not 0 < eps < 1e-2 or _clipped_x(eps):
        return None
    at_eps = np.isclose(got, eps, rtol=1e-9, atol=0)
    at_top = np.isclose(got, 1 - eps, rtol=1e-12, atol=0)
    if np.all((at_eps | at_top)[wrong]):
        bounds = f"{eps:g} and 1 − {eps:g}" if (wrong & at_top).any() else f"{eps:g}"
        return (f"{_differing(points, got, expected)}: your values stop at {bounds}, so the output is clipped, as "
                f"np.clip(out, {eps:g}, 1 - {eps:g}) or np.maximum(out, {eps:g}) does to keep a later log finite. "
                "A sigmoid must return its own values, tiny ones and 0 included: leave the clipping out (a loss "
                "taken from the log-odds, as in 'Logits keep precision that probabilities lose', needs none).")
    with np.errstate(all="ignore"):
        padded = np.isclose(got - expected, eps, rtol=1e-6, atol=0)
    if np.all(padded[wrong]):
        return (f"{_differing(points, got, expected)}: your values are the sigmoid plus {eps:g}, an epsilon added "
                "to the output (a habit from code that takes the log next). A sigmoid must return its own values, "
                "tiny ones and 0 included: drop the epsilon.")
    return None


# The tanh identity σ(x) = ½(1 + tanh(x/2)) with its /2 forgotten gives σ(2x); a /2 too many (or exp(-x/2)) gives
# σ(x/2). What the learner's formula computes, the tanh form, and the exponential form.
_SCALED_SIGMOIDS = ((2.0, "σ(2x)", "½(1 + tanh(x)) is σ(2x)", "1 / (1 + e^-x), not e^-2x"),
                    (0.5, "σ(x/2)", "½(1 + tanh(x/4)) is σ(x/2)", "1 / (1 + e^-x), not e^(-x/2)"))


def _scaled_sigmoid(points: np.ndarray, got: np.ndarray) -> str | None:
    """The hint for a sigmoid of 2x or of x/2, recognised on the moderate points (|x| <= 2), or None.

    There no rounding trouble can explain a wrong value, and σ(2x) and σ(x/2) differ from σ(x) by far more than
    the comparison's relative 1e-9 except at x = 0.
    """
    moderate = (np.abs(points) <= 2) & (points != 0)
    for factor, name, tanh_form, exp_form in _SCALED_SIGMOIDS:
        scaled = np.array([_exact_sigmoid(factor * float(x)) for x in points[moderate]])
        if np.allclose(got[moderate], scaled, rtol=1e-9, atol=0):
            i = int(np.flatnonzero(moderate)[-1])  # the largest moderate point, 1.5
            return (f"your formula computes {name}, not σ(x): at x = {points[i]:g} it gives {got[i]:.6f}, "
                    f"where σ({points[i]:g}) = {_exact_sigmoid(float(points[i])):.6f}. The tanh form is "
                    f"½(1 + tanh(x/2)) ({tanh_form}); the exponential form is {exp_form}.")
    # another base in place of e: 1 / (1 + 2^-x) is σ(x log 2), as np.exp2 or 2.0 ** -x gives
    for base, spelled in ((2, "np.exp2 or 2 ** -x"), (10, "10 ** -x")):
        scaled = np.array([_exact_sigmoid(math.log(base) * float(x)) for x in points[moderate]])
        if np.allclose(got[moderate], scaled, rtol=1e-9, atol=0):
            i = int(np.flatnonzero(moderate)[-1])
            return (f"your formula computes 1 / (1 + {base}^-x), not σ(x): at x = {points[i]:g} it gives "
                    f"{got[i]:.6f}, where σ({points[i]:g}) = {_exact_sigmoid(float(points[i])):.6f}. Log-odds are "
                    f"natural logarithms, so the sigmoid's base is e: np.exp, not {spelled}.")
    return None


def _cut_off(points: np.ndarray, got: np.ndarray, expected: np.ndarray) -> str | None:
    """The hint for a sigmoid that returns exactly 0 or 1 beyond some |x| where a double holds more, or None."""
    wrong = ~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
    lost = wrong & (expected >= np.finfo(float).tiny)  # normal doubles, not only the subnormal tail
    if not lost.any() or not np.all((got[wrong] == 0) | (got[wrong] == 1)) or wrong[np.abs(points) <= 2].any():
        return None
    i = min(np.flatnonzero(lost), key=lambda j: abs(points[j]))  # the lost value nearest the cut-off
    # near 1, print the exact value as 1 minus its small complement, σ(-x), so it does not read as 1 vs 1
    exact = f"1 − {_exact_sigmoid(-float(points[i])):.3g}" if got[i] == 1 else f"{expected[i]:.6g}"
    # the 1e-12 remark only where the lost point is ±27.6, a cut-off somewhere below |x| = 27.6 (from 20, say)
    tolerance = ("σ(-27.6) = 1 − σ(27.6) is about 1.03e-12, more than the check's relative 1e-12, and "
                 if abs(points[i]) == 27.6 else "")
    return (f"at x = {points[i]:g} your sigmoid gives exactly {got[i]:g}, the exact value is {exact}. "
            f"A cut-off that returns 0 below some x (or 1 above some x) throws away values a double holds: "
            f"{tolerance}doubles go down to about 5e-324. Drop the cut-off and use a formula "
            "that never overflows: exp(x) / (1 + exp(x)) for x < 0, 1 / (1 + exp(-x)) for x >= 0.")


# Inputs with x = 0 among other values, of three sizes. Before each call the check fills and frees a few arrays of
# that size with 7.0, so that an np.empty_like inside the learner's function most likely gets memory holding 7.0,
# not 0.5: an entry at x = 0 that no mask writes then shows up as wrong every time, not only now and then.
_ZERO_PROBES = tuple(np.array(values) for values in (
    [0.0], [-1.0, 0.0, 1.0], [-3.0, 0.0, 2.0, -0.5, 0.0, 4.0, 0.0, -1.5, 1.0, 0.0, 0.25, -6.0] * 3))
for _probe in _ZERO_PROBES:
    _probe.flags.writeable = False  # the learner's code only ever gets copies


def _zero_probe(sigmoid: Callable) -> str | None:
    """The x = 0 hint if the learner's sigmoid is right on the probes except at x = 0, else None."""
    wrong_at_zero = None
    for probe in _ZERO_PROBES:
        expected = np.array([_exact_sigmoid(float(x)) for x in probe])
        for fill in (7.0, -3.0):
            garbage = [np.full(probe.size, fill) for _ in range(8)]  # freed just below, for empty_like to reuse
            del garbage
            outcome = _quiet_call(sigmoid, probe)
            got = None if outcome.problem else as_array(outcome.value)
            if got is None or got.shape != probe.shape:
                return None  # the other stages name these problems
            with np.errstate(all="ignore"):
                right = np.isclose(got, expected, rtol=1e-12, atol=0)
            if not right[probe != 0].all():
                return None  # wrong away from 0 too: the other stages say where
            if wrong_at_zero is None and not right.all():
                shown_probe = probe.tolist() if probe.size <= 3 else f"{probe[:6].tolist()[:-1]}..."
                wrong_at_zero = (f"{_ZERO_NEVER_WRITTEN}: on {shown_probe}, at x = 0 your sigmoid gives "
                                 f"{got[~right][0]:g}, the exact value is 0.5. {_ZERO_LEFT_OUT} (With "
                                 "np.empty_like, an entry no mask writes keeps whatever was in memory, so it can even "
                                 "look right by chance.)")
    return wrong_at_zero


# The two-class softmax route of Exercise 3, softmax(np.stack([0 * x, x], axis=-1))[..., 1]: the names that show
# a learner took it, and what to say when the pair ends up on the wrong axis.
_TWO_CLASS_NAMES = frozenset({"softmax", "stack", "column_stack", "vstack", "hstack"})
_LAST_AXIS = "softmax normalises along the last axis: stack with axis=-1 so each row is one (0, x) pair."


def _names_used_by(function: Callable) -> set[str]:
    """The names the learner's code reads (its nested functions and lambdas included); empty for a builtin."""
    code = getattr(_unwrapped(function), "__code__", None)
    return _names_used(code) | _attributes_read(code) if code is not None else set()


def _softmax_across(got: np.ndarray) -> bool:
    """Whether the values are a softmax across the points (they add up to 1), not a sigmoid at each point.

    The exact sigmoid's values at the check's points add up to about 6 (half of them are near 1), so a sum of 1 with
    every value in [0, 1] means one distribution over all the points, as softmax(x) or a stack on axis 0 gives.
    """
    in_range = bool(np.all(np.isfinite(got)) and np.all((got >= 0) & (got <= 1)))
    return in_range and math.isclose(float(np.sum(got)), 1.0, rel_tol=1e-9)


def _warning_points(sigmoid: Callable, points: np.ndarray) -> list[float]:
    """The test points at which the learner's sigmoid warns when given that point alone."""
    return [float(x) for x in points if _warns_or_fails(_quiet_call(sigmoid, np.array([x])))]


def _shape_hint(sigmoid: Callable, raw: object, got: np.ndarray, points: np.ndarray, expected: np.ndarray) -> str:
    """The hint for a result whose shape is not x's: what came back, and what the learner's code suggests."""
    shapes = f"x has shape {points.shape}, your result {got.shape}"
    if isinstance(raw, tuple) and len(raw) > 1 and any(np.ndim(item) > 0 for item in raw):
        # return out, negative: the output and the mask, which NumPy stacks into one (2, n) array
        return (f"return one value per entry, as one array: your function returned a tuple of {len(raw)} items "
                f"(`return a, b` makes one), which reads as an array of shape {got.shape}, while x has shape "
                f"{points.shape}. Return the sigmoid's values alone, `return out`, not the mask or other pieces "
                "beside them.")
    if _per_entry_in_code(sigmoid) == "math.exp":
        return (f"return one value per entry: {shapes}. math.exp takes one number at a time; compute on the whole "
                "array with NumPy (np.exp, boolean masks) instead.")
    negative = points < 0
    one_side = got.ndim == 1 and any(
        got.size == side.sum() and np.allclose(got, expected[side], rtol=1e-12, atol=_SUBNORMAL_SLACK)
        for side in (negative, ~negative))
    if one_side:
        # np.exp(x[negative]) / (1 + np.exp(x[negative])) returned as it is: one side's values only
        return (f"return one value per entry: {shapes}, {got.size} values for {points.size} entries. A formula on "
                "x[negative] (or x[~negative]) gives that side's entries only: put both sides into one output of "
                "x's shape, out = np.empty_like(x), with out[negative] = ... and out[~negative] = ..., and return "
                "out.")
    return f"return one value per entry: {shapes}."


def _reordered(got: np.ndarray, expected: np.ndarray) -> bool:
    """Whether the values are the right ones in another order (the two sides concatenated, say)."""
    with np.errstate(all="ignore"):
        return bool(np.all(np.isfinite(got)) and np.allclose(np.sort(got), np.sort(expected), rtol=1e-12,
                                                             atol=_SUBNORMAL_SLACK))


def check_stable_sigmoid(sigmoid: Callable, subnormal: bool = False) -> None:
    """Exercise 02.3: a sigmoid that is right (and silent) on the whole real line.

    With subnormal=True (the notebook's section "Going deeper: subnormal sigmoid values"), -720 and -742.5, whose
    values are subnormal doubles, are tested in place of -700 and -708.
    """
    points = _SUBNORMAL_SIGMOID_POINTS if subnormal else _SIGMOID_POINTS
    expected = np.array([_exact_sigmoid(float(x)) for x in points])
    if not callable(sigmoid):
        # check_stable_sigmoid(stable_sigmoid(x)) hands over a value; None comes from a cell that never defined it
        return hint(f"you passed {_brief(sigmoid)}, not a function: pass the function itself, "
                    "checks.check_stable_sigmoid(stable_sigmoid), with no (x) after its name; the check calls it "
                    "on arrays of its own.")
    # The one call whose prints the learner sees: every other call is a probe on inputs of the check's own, made
    # quietly (_quiet_call), so a shape printed while debugging appears once, not once per probe.
    outcome = call(sigmoid, points)
    # Its verdict first: with np.empty_like, x = 0 left out is wrong on the twelve points only by chance.
    zero_left_out = _zero_probe(sigmoid)
    if zero_left_out:
        return hint(zero_left_out)
    if outcome.error is InputChanged:
        return hint(outcome.problem)
    say = hint
    if outcome.problem and _changes_input(sigmoid, points):
        # the warning (or error) is reported first by call(), but writing into x is a mistake of its own: name both
        opening = _IN_PLACE_AND.format(name=_first_parameter(sigmoid))

        def say(text: str) -> None:
            return hint(opening + text)
    if outcome.problem:
        # np.errstate(over="raise") turns the overflow warning into a FloatingPointError: the same overflow, the
        # same advice (the tails probe below sees the error as it sees the warning)
        raised_overflow = outcome.error is FloatingPointError and "overflow" in outcome.problem
        if issubclass(outcome.error, Warning) and not issubclass(outcome.error, RuntimeWarning):
            # not NumPy's floating-point warnings (RuntimeWarning): np.asmatrix's PendingDeprecationWarning, a
            # DeprecationWarning, a warnings.warn of the learner's own; the advice about exp does not apply
            kind = outcome.error.__name__
            if "matrix subclass" in outcome.problem:
                return say(f"your function emitted a {kind} about np.matrix (np.asmatrix or np.matrix), which NumPy "
                           "discourages, and the check counts any warning as a failure: return a plain NumPy "
                           "array, np.asarray(...), of x's shape.")
            return say(f"{_ended(outcome.problem)} That is not about exp overflowing: the warning comes from something "
                       f"else your function does, and the check counts any warning as a failure. Find the line "
                       "that warns and rewrite it.")
        if issubclass(outcome.error, Warning) or raised_overflow:
            if _silences_warnings(sigmoid, points):
                cause = (_WHERE_CAUSE if _uses_both_branches(sigmoid) else
                         "Something in it still overflows or divides by zero: exp(-x) overflows for large negative "
                         "x, exp(x) for large positive x.")
                return say(f"{outcome.problem}: your function (or one it calls) silences some of NumPy's warnings "
                           "(np.errstate or np.seterr set to ignore over, divide or invalid, or a warnings "
                           f"filter), but not this one. {cause} Remove "
                           "the silencer and compute each branch only where it is used (boolean indexing), or "
                           "write both with exp(-|x|), which never overflows.")
            if outcome.problem.endswith("underflow"):
                return say(f"{_ended(outcome.problem)} Your function turns underflow warnings on "
                           "(np.errstate(all='warn') or under='warn', or np.seterr), but underflow to 0 is harmless "
                           "here: exp(-1000) rounds to 0, and so does the right answer at x = -1000; NumPy ignores "
                           "underflow by default. Do not switch underflow warnings on; leave over, divide and "
                           "invalid as they are.")
            left, right = _overflowing_tails(sigmoid)
            code = getattr(_unwrapped(sigmoid), "__code__", None)
            if left and right and code is not None and not _names_used(code) & _BOTH_BRANCHES:
                # No np.where (or np.select) in the code. Masks with the two formulas on swapped sides, and masks
                # applied after exp ran on the whole array (np.exp(-x)[~negative]), overflow at exactly the same
                # inputs, so the hint names both.
                return say(f"{outcome.problem} (at both x = -1000 and x = 1000): with boolean masks, exp still "
                           f"sees a large positive number on each side. {_MASKS_TOO_LATE}")
            if left and right:
                # np.where (or np.select) is in the code. The boolean-mask causes are named only if the code also
                # indexes something, as masks do; a lone np.where(x >= 0, ..., ...) gets its own cause alone.
                masks = (f" If you used boolean masks: {_MASKS_TOO_LATE[0].lower()}{_MASKS_TOO_LATE[1:]}"
                         if _subscripts(sigmoid) else "")
                opening = "If you used np.where: it" if masks else "np.where"
                return say(f"{outcome.problem} (at both x = -1000 and x = 1000). {opening} "
                           "evaluates both branches on every element, so one of them overflows even where its "
                           "result is thrown away. Compute each branch only where it is used (boolean "
                           f"indexing), or write both with exp(-|x|), which never overflows.{masks}")
            if left and "divide by zero" in outcome.problem:
                return say(f"{outcome.problem} at x = -1000: exp(-1000) underflows to 0, and something was "
                           "divided by it (1 / exp(x)?). For x < 0 use exp(x) / (1 + exp(x)), only on those "
                           "entries: its denominator is at least 1.")
            if left:
                # the naive formula, or exp(-x) computed on the whole array and indexed afterwards (e = np.exp(-x),
                # then e[~negative]): both overflow at x = -1000 only
                return say(f"{outcome.problem} at x = -1000: exp(-x) overflows for large negative x. Either it is "
                           "used for x < 0 too, or it is computed on the whole array and indexed afterwards "
                           "(np.exp(-x)[~negative], or e = np.exp(-x) before choosing the entries): compute it "
                           "from the entries x >= 0 only (x[x >= 0]). For x < 0 use exp(x) / (1 + exp(x)), "
                           "only on those entries.")
            if right and _hand_pair_softmax(sigmoid):
                return say(f"{outcome.problem} at x = 1000: your two-class softmax exponentiates each pair (0, x) "
                           "as it is, and exp(1000) overflows. Subtract the larger logit of each pair first, "
                           "max(0, x), from both (np.maximum(0, x), or .max(axis=-1, keepdims=True) on the "
                           "stacked pairs), as tempnb.softmax does (03-softmax explains why): then no exponent "
                           "is positive.")
            if right:
                return say(f"{outcome.problem} at x = 1000: exp(x) overflows for large positive x. "
                           "For x ≥ 0 use 1 / (1 + exp(-x)), only on those entries; and compute exp(x) from "
                           "x[negative] only, not on the whole array before choosing the entries.")
            alone = _warning_points(sigmoid, points)
            if alone:
                return say(f"{outcome.problem} at x = {alone[0]:g}, even given alone: the formula used there "
                           "divides by zero or overflows. Check it sign by sign: 1 / (1 + exp(-x)) for x >= 0, "
                           "exp(x) / (1 + exp(x)) for x < 0; neither denominator can be 0.")
            # each point alone is handled, the whole array is not: one formula chosen for the whole array
            return say(f"{outcome.problem} on the whole array, though x = -1000 and x = 1000 pass one at a "
                       "time: your function picks one formula for the whole array at once (an `if` on x with "
                       ".any() or .all()?), and that formula overflows in the other tail. Choose per entry with "
                       "boolean masks: out[x < 0] = ... and out[x >= 0] = ..., each formula on its own entries.")
        if outcome.error is FloatingPointError and "underflow" in outcome.problem:
            return say(f"{_ended(outcome.problem)} Your function makes underflow raise (np.errstate(all='raise') or "
                       "under='raise', or np.seterr), but underflow to 0 is harmless here: exp(-1000) rounds to 0, "
                       "and so does the right answer at x = -1000; NumPy ignores underflow by default. Do not "
                       "switch underflow warnings on or to raise (with all='raise', add under='ignore'); "
                       "raising on over, divide and invalid is fine.")
        if "truth value of an array" in outcome.problem:
            return say(f"on {points.tolist()}, {_ended(outcome.problem)} An `if` on x tests the whole array at once, "
                       "and NumPy cannot make one True or False of many entries. Its advice, .any() or .all(), "
                       "would pick one formula for every entry, which overflows in one tail. Choose per entry "
                       "with boolean masks instead: out[x < 0] = ... and out[x >= 0] = ....")
        if "boolean array indexing assignment" in outcome.problem:
            return say(f"on {points.tolist()}, {_ended(outcome.problem)} The right-hand side of out[negative] = ... "
                       "must be computed from x[negative] only (and out[~negative] from x[~negative]), so that "
                       "it has one value per selected entry, not one per entry of x.")
        # math.exp (or float()) given the whole array: its TypeError says an array could not become one number
        one_number = outcome.error is TypeError and any(
            words in outcome.problem for words in ("converted to Python scalar", "must be real number"))
        scalar = (" Work on the whole array with NumPy (np.exp, boolean masks); math.exp takes one number."
                  if one_number else " stable_sigmoid takes one argument, the array x."
                  if outcome.error is TypeError and "positional argument" in outcome.problem else "")
        return say(f"on {points.tolist()}, {_ended(outcome.problem)}{scalar}")
    got = as_array(outcome.value)
    if got is None:
        return hint("your function returned None; return an array." if outcome.value is None
                    else "return an array of numbers, one per entry of x.")
    if np.asarray(outcome.value).dtype.kind == "c":  # as_array keeps only the real parts (cold read r160, X3)
        return hint(f"your sigmoid returns complex numbers ({np.asarray(outcome.value).dtype}): the sigmoid of a "
                    "real x is real. Return a float64 array: drop the complex type (.astype(complex), 1j, "
                    "np.emath), and compute on np.asarray(x, dtype=float).")
    if got.shape != points.shape and got.shape == (2,) and _names_used_by(sigmoid) & _TWO_CLASS_NAMES:
        # the two-class softmax with its pair on the wrong axis, or the wrong entry taken: one value per class,
        # not one per x (softmax(np.stack([0 * x, x], axis=0))[..., 1], or axis=-1 with [1])
        return hint(f"your result has shape (2,), x has shape {points.shape}: that is two values, one per class, "
                    f"not one per entry of x. {_LAST_AXIS} Then take [..., 1], the second entry of every row.")
    if got.shape != points.shape:
        return hint(_shape_hint(sigmoid, outcome.value, got, points, expected))
    raw = outcome.value
    if isinstance(raw, np.ndarray) and raw.dtype.kind == "f" and raw.dtype.itemsize < 8 and not np.allclose(
            got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK):
        return hint(f"your sigmoid returns {raw.dtype}, right to about {np.finfo(raw.dtype).precision} digits only "
                    "(and it cannot hold values as small as e^-700); the check compares within a relative 1e-12: "
                    "compute in float64.")
    if not np.allclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK) and _reordered(got, expected):
        # np.concatenate([left, right]) of the two sides: every value is there, but all x < 0 come first
        return hint(f"{_differing(points, got, expected)}, yet every value you return is the sigmoid of some "
                    "entry of x: they are in another order. Joining the two sides (np.concatenate, np.append, or + "
                    "on lists) puts all of one side first; write each side back where its entries are, out = "
                    "np.empty_like(x), out[negative] = ... and out[~negative] = ....")
    with np.errstate(all="ignore"):
        if np.array_equal(~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK), points == 0):
            return hint(f"{_ZERO_NEVER_WRITTEN}: at x = 0 your sigmoid gives {got[points == 0][0]:g}, the exact "
                        f"value is 0.5. {_ZERO_LEFT_OUT}")
        if np.any(np.isnan(got)):
            i = int(np.flatnonzero(np.isnan(got))[0])
            return hint(f"at x = {points[i]:g} your sigmoid gives nan (inf / inf?); the exact value is "
                        f"{expected[i]:g}.")
        wrong = None
        if not np.allclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK) and _softmax_across(got):
            # softmax(np.stack([0 * x, x], axis=0))[1] is softmax(x): one distribution over all the points, which
            # is 0 except near 1 at x = 1000, so it would otherwise get the hint for a value rounded to 0 at x = -40
            return hint(f"your values add up to {float(np.sum(got)):.6g} over the {points.size} points "
                        f"({_differing(points, got, expected)}): a softmax across the points, not one (0, x) pair "
                        f"per point. {_LAST_AXIS} Then take [..., 1].")
        if not np.allclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK):
            scaled = _scaled_sigmoid(points, got)  # before the cancellation hint: ½(1 + tanh(x)) cancels too
            if scaled:
                return hint(scaled)
            negative = points < 0
            # sigma(-x) = 1 - sigma(x) on the negative entries: the exp(-|x|) form with the branches swapped
            mirrored = bool(np.allclose(got[negative], 1 - expected[negative], rtol=1e-9, atol=1e-12))
            changed_output = (_rounded_output(points, got, expected) or _floored_output(points, got, expected)
                              or _step_output(sigmoid, points, got, expected))
            if changed_output:
                return hint(changed_output)
            clipped = 0 < got[0] < 0.5 and expected[0] == 0  # a small but positive value at x = -1000
            extra = ""
            if clipped:
                extra = (" Clipping x changes the answer in the tails: rewrite the formula instead." if
                         _clipped_x(got[0]) else " Clipping x, or clipping or padding the output, changes the "
                         "answer in the tails: return the sigmoid's own values, 0 included.")
            if mirrored and np.allclose(got[~negative], 1 - expected[~negative], rtol=1e-9, atol=1e-12):
                # σ(-x) on both sides: np.where(x >= 0, s / (1 + s), 1 / (1 + s)), the two branches exchanged, or
                # x's sign flipped in both formulas; naming only the x < 0 side took two rounds (cold read r160, X2)
                extra = (" On both sides of 0 you return σ(-x) = 1 - σ(x): your two branches are swapped, or x's "
                         "sign is flipped in both formulas. With s = exp(-|x|), the sigmoid is 1 / (1 + s) for "
                         "x >= 0 and s / (1 + s) for x < 0 (that is, 1 / (1 + exp(-x)) and exp(x) / (1 + exp(x))).")
            elif mirrored:
                extra = (" For x < 0 you return σ(-x) = 1 - σ(x), near 1 where the answer is near 0: there "
                         "the sigmoid is exp(x) / (1 + exp(x)), or s / (1 + s) with s = exp(-|x|).")
            # the point the hint shows: one wrong at moderate x if any, else the one furthest off (not merely the
            # first in the array, which may be right to 11 digits while another is wrong in its first)
            first_wrong = _telling_index(points, got, expected)
            cut_off = None if mirrored or clipped else _cut_off(points, got, expected)
            if cut_off:
                return hint(cut_off)
            unfilled = None if mirrored else _unfilled_side(points, got, expected)
            if unfilled:
                return hint(f"{_differing(points, got, expected, near_zero=True)}. {unfilled}")
            late = points == _LAST_SUBNORMAL_POINT
            if not clipped and got[first_wrong] == 0 and points[first_wrong] == _LAST_SUBNORMAL_POINT and \
                    np.allclose(got[~late], expected[~late], rtol=1e-12, atol=_SUBNORMAL_SLACK):
                extra = (" Every other point is right, -720 included: a cut-off that returns 0 below some x near "
                         "-742 returns 0 too early: values down to about -745 are tiny but not 0 (doubles go "
                         "down to about 5e-324, e^-745); exp(x) / (1 + exp(x)) reaches 0 by itself below about "
                         "-745.13, so drop the cut-off.")
            elif not clipped and got[first_wrong] == 0 and 0 < expected[first_wrong] < np.finfo(float).tiny:
                extra = (" A double still holds numbers that small (subnormal ones, down to about 5e-324 near "
                         "x = -745), but a formula through exp(-x), which overflows there, or a cut-off that "
                         "returns 0 below some x gives 0 (so does scipy.special.expit, which computes "
                         "1 / (1 + exp(-x))). For x < 0 compute exp(x) / (1 + exp(x)).")
            elif not clipped and got[first_wrong] == 0 and expected[first_wrong] >= np.finfo(float).tiny:
                extra = (" Two numbers that nearly cancel (1 minus a number within 2^-53 of 1, or 1 + tanh(x / 2) "
                         "with tanh near -1) give 0: that is the precision loss of 'Logits keep precision that "
                         "probabilities lose'. Compute the small value directly, exp(x) / (1 + exp(x)) for x < 0, "
                         "not as a difference of numbers near 1.")
            if not extra and not clipped:
                # a float64 output holding float32 (or float16) values: computed in that type, then stored
                wrong_mask = ~np.isclose(got, expected, rtol=1e-12, atol=_SUBNORMAL_SLACK)
                precision = _low_precision(got[wrong_mask], expected[wrong_mask])
                if precision:
                    telling = wrong_mask & (got > 0) & (got < 1) & (expected > 0)
                    extra = (f" Your values are {precision} numbers, right to only about "
                             f"{_digits_right(got[telling], expected[telling])} significant digits (and a "
                             f"{precision} cannot hold values as small as e^-700): the formula is right, its "
                             f"precision is not. Something is computed in {precision} (.astype(np.{precision}), "
                             f"np.{precision}(...), or dtype={precision}); compute in float64.")
            wrong = _differing(points, got, expected, index=first_wrong) + "." + extra
    silenced = _silences_warnings(sigmoid, points)  # runs the learner's function once more, under a profiler
    if silenced and wrong:
        return hint("your function (or one it calls) silences NumPy's warnings (np.errstate or np.seterr set to "
                    "ignore over, divide or invalid, or a warnings filter), and "
                    f"the values are wrong: {_differing(points, got, expected, index=first_wrong)}. Remove the "
                    "silencer to see "
                    "what NumPy warns about, and rewrite it so that no exponent is positive, e.g. with exp(-|x|).")
    if silenced:
        # np.where named only if the code uses it (or np.select); otherwise the naive formula's own overflow
        cause = ("a branch that np.where throws away is overflowing; compute each branch only where it is used "
                 "(boolean masks), or use exp(-|x|)." if _uses_both_branches(sigmoid) else
                 "exp(-x) is overflowing for large negative x (x = -1000 gives exp(1000)); for x < 0 compute "
                 "exp(x) / (1 + exp(x)) on those entries only (boolean masks), or use exp(-|x|).")
        return hint("your values are right, but your function (or one it calls) silences NumPy's warnings "
                    "(np.errstate or np.seterr set to ignore over, divide or invalid, or a warnings filter), so "
                    "the check cannot see whether exp overflows inside it, and a hidden warning does not count. "
                    f"Remove the silencer and run the check again: if NumPy then warns, {cause}")
    if wrong:
        return hint(wrong)
    # The same twelve points as a 3 x 4 array: NumPy operations work for any shape, while a Python
    # loop over x (or a comprehension with math.exp) meets rows instead of numbers.
    grid = _quiet_call(sigmoid, points.reshape(_GRID))
    got_grid = None if grid.problem else as_array(grid.value)
    if got_grid is None or got_grid.shape != _GRID or not np.allclose(
            got_grid, expected.reshape(_GRID), rtol=1e-12, atol=_SUBNORMAL_SLACK):
        found = f" ({grid.problem})" if grid.problem else ""
        unfilled = None if got_grid is None or got_grid.shape != _GRID else _unfilled_side(
            points, got_grid.reshape(-1), expected)
        if unfilled:
            # np.empty_like can hand back memory that happens to hold the right values once, not twice
            differing = _differing(points, got_grid.reshape(-1), expected, near_zero=True)
            return hint(f"on the same points as a 3 × 4 array, {differing}. {unfilled}")
        if got_grid is not None and got_grid.shape != _GRID:
            return hint("your sigmoid is right on the twelve points as one flat array, but on the same points as a "
                        f"3 × 4 array it returns shape {got_grid.shape}: make the output with the input's "
                        "shape, np.empty_like(x) or np.zeros(x.shape) (not len(x)), and do not flatten x.")
        flat_only = ("your sigmoid is right on the twelve points as one flat array, but not on the same points as "
                     f"a 3 × 4 array{found}.")
        names = _names_used_by(sigmoid)
        # What the learner's code names decides the cause: a loop or math.exp (one number at a time), integer index
        # arrays (np.where(x < 0)[0], np.flatnonzero), an output sized len(x); the hint names only a cause present.
        if (_per_entry_in_code(sigmoid) or _per_entry_python(sigmoid, points) or _maps_per_entry(sigmoid, points)
                or _loops_per_entry(sigmoid, points)):
            return hint(f"{flat_only} A Python loop over x, or math.exp, handles one number at a time (on a 2-D x "
                        "a loop meets whole rows); write it with NumPy operations on the whole array (np.exp, "
                        "boolean masks), which work for any shape.")
        if names & _INDEX_ARRAYS:
            used = " or ".join(_INDEX_EXAMPLES[name] for name in sorted(names & _INDEX_ARRAYS))
            whole_tuple = (", or with the whole tuple np.nonzero(x < 0), not its [0]"
                           if names & {"where", "nonzero"} else "")
            sized = (" Make the output with x's shape too, np.empty_like(x) (not len(x))." if "len" in names
                     else "")
            past = (", and an index past the last row raises IndexError" if grid.error is IndexError
                    else ", which may hold entries of the other sign")
            return hint(f"{flat_only} Integer index arrays such as {used} index the first axis only: on a 2-D x "
                        f"each index picks a whole row{past}. Index with the boolean mask itself, out[x < 0] = ... "
                        f"from x[x < 0], which works for any shape{whole_tuple}.{sized}")
        if grid.error is IndexError and "len" in names:
            return hint(f"{flat_only} An output made with np.zeros(len(x)) has one entry per row of a 2-D x, so a "
                        "2-D mask cannot index it: make it with np.empty_like(x) or np.zeros(x.shape).")
        if grid.error is IndexError:
            flat = " (np.zeros(x.size) is flat)" if "size" in names else ""
            return hint(f"{flat_only} Something made for a flat x does not fit a 2-D one: an output of another "
                        f"shape than x's{flat} cannot take a 2-D mask. Make the output with x's shape, "
                        "np.empty_like(x) or np.zeros(x.shape), and index it with the boolean mask itself.")
        return hint(f"{flat_only} Something in it works on a flat x only: write it with NumPy operations on the "
                    "whole array that work for any shape, an output of x's shape (np.empty_like(x)) and boolean "
                    "masks, out[x < 0] = ... from x[x < 0].")
    # right on any shape, but one number at a time (np.vectorize, or math.exp on x.flat): not array operations.
    # First the sigmoid that is itself an np.vectorize (@np.vectorize on the def, or np.vectorize(f)) or an
    # np.frompyfunc ufunc: the check calls it directly, so the profiler below sees no call from the learner's code,
    # and the line count would blame a loop the learner never wrote. Wrapped round scipy's expit, the ready-made
    # sigmoid is named further down instead.
    wrapper = _vectorized(sigmoid)
    if wrapper and not _uses_scipy_expit(sigmoid):
        how = ("the @np.vectorize decorator, or stable_sigmoid = np.vectorize(f)" if wrapper == "np.vectorize"
               else "stable_sigmoid = np.frompyfunc(f, 1, 1)")
        return hint(f"your values are right, but your sigmoid is made by {wrapper} ({how}), which calls a Python "
                    "function once per entry. The exercise asks for NumPy's array operations on the whole array: "
                    "a plain def whose np.exp works on x[negative] and x[~negative] with boolean masks, or on "
                    "-np.abs(x).")
    per_entry = _per_entry_python(sigmoid, points)
    if per_entry:
        how = ("calls a Python function once per entry" if per_entry == "np.vectorize"
               else "takes one number at a time")
        return hint(f"your values are right, but your function uses {per_entry}, which {how}. The exercise asks "
                    "for NumPy's array operations on the whole array: np.exp on x[negative] and x[~negative] "
                    "with boolean masks, or on -np.abs(x).")
    per_entry = _per_entry_in_code(sigmoid)  # math.exp handed to map or np.frompyfunc: called from C, unseen above
    if not per_entry and _maps_per_entry(sigmoid, points):
        per_entry = "map"  # over the entries of x: map over x.shape, say, is not flagged
    if per_entry:
        how = {"math.exp": "takes one number at a time (handed to map or np.frompyfunc, it is still called once "
                           "per entry)",
               "np.frompyfunc": "calls a function once per entry",
               "map": "calls a function once per entry of x"}[per_entry]
        return hint(f"your values are right, but your function uses {per_entry}, which {how}. The exercise asks "
                    "for NumPy's array operations on the whole array: np.exp on x[negative] and x[~negative] "
                    "with boolean masks, or on -np.abs(x).")
    if _loops_per_entry(sigmoid, points):
        # a loop over range(x.size) with x.flat, or a comprehension over x.ravel() reshaped: right on any shape
        return hint("your values are right, but your function runs more of its own lines the more entries x has: "
                    "a Python loop runs once per entry; use boolean masks on the whole array: np.exp on "
                    "x[negative] and x[~negative], or on -np.abs(x).")
    ready_made = _uses_scipy_expit(sigmoid)
    if ready_made:
        what = ("scipy's expit (scipy.special.expit), the sigmoid ready-made" if ready_made == "expit" else
                "scipy's log_expit (scipy.special.log_expit), the log of the sigmoid ready-made, which np.exp "
                "turns back into scipy's sigmoid")
        return hint(f"your values are right, but that is {what}; "
                    "write your own with np.exp and boolean masks: exp(x) / (1 + exp(x)) on x[negative], "
                    "1 / (1 + exp(-x)) on x[~negative].")
    distribution = _scipy_stats_distribution(sigmoid, points)
    if distribution:
        return hint(f"your values are right, but they come from {distribution}; write your own with np.exp and boolean "
                    "masks: exp(x) / (1 + exp(x)) on x[negative], 1 / (1 + exp(-x)) on x[~negative].")
    far = _far_tails(sigmoid, outcome.value)  # right from -1000 to 1000; now far beyond, at ±1e5 and ±1e300
    if far:
        return hint(far)
    # Integers in, as np.arange(-2, 3) gives: an output made from an integer x (np.empty_like, np.zeros_like,
    # x.copy()) is an integer array, and probabilities stored in it are truncated to 0.
    integers = np.arange(-2, 3)
    expected_whole = np.array([_exact_sigmoid(float(x)) for x in integers])
    # The same numbers as floats first, so that the integer hint is given only when floats are right.
    floats = _quiet_call(sigmoid, integers.astype(float))
    got_floats = None if floats.problem else as_array(floats.value)
    if got_floats is None or got_floats.shape != integers.shape or not np.allclose(
            got_floats, expected_whole, rtol=1e-12, atol=0):
        shown_floats = floats.problem or (np.round(got_floats, 6).tolist() if got_floats is not None
                                        else np.asarray(floats.value).tolist())
        with np.errstate(all="ignore"):
            only_zero = got_floats is not None and got_floats.shape == integers.shape and np.array_equal(
                ~np.isclose(got_floats, expected_whole, rtol=1e-12, atol=0), integers == 0)
        if only_zero:
            return hint(f"{_ZERO_NEVER_WRITTEN}: on [-2.0, -1.0, 0.0, 1.0, 2.0] your sigmoid gives {shown_floats}; "
                        f"at x = 0 the exact value is 0.5. {_ZERO_LEFT_OUT}")
        return hint(f"on [-2.0, -1.0, 0.0, 1.0, 2.0] your sigmoid gives {shown_floats}, the exact values are "
                    f"{np.round(expected_whole, 6).tolist()}, though it was right on the twelve points: does it "
                    "depend on something other than x (leftover memory from np.empty_like, or state kept between "
                    "calls)? Compute every entry from x alone.")
    whole = _quiet_call(sigmoid, integers)
    got_whole = None if whole.problem else as_array(whole.value)
    if got_whole is None or got_whole.shape != integers.shape or not np.allclose(
            got_whole, expected_whole, rtol=1e-12, atol=0):
        shown_whole = whole.problem or np.asarray(whole.value).tolist()
        return hint(f"your sigmoid is right on floats, but on integers, np.arange(-2, 3), it gives {shown_whole}: "
                    "an output made from an integer x is an integer array (np.empty_like(x), np.zeros_like(x), "
                    "x.copy() and np.array(x) all keep x's dtype), and the probabilities stored in it are cut down "
                    "to whole numbers. Convert first, x = np.asarray(x, dtype=float).")
    if subnormal:
        return passed("Your sigmoid is right on the whole real line, subnormal values included, and silent.")
    return passed("Your sigmoid is right and silent on the whole real line, down to values near e^-708 ≈ 3e-308. "
                  "(Off the core path, the notebook's section \"Going deeper: subnormal sigmoid values\" tests "
                  "even tinier ones: check_stable_sigmoid(stable_sigmoid, subnormal=True).)")
