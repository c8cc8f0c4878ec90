"""Exercise checks for notebook 05-distillation."""

from __future__ import annotations

import contextlib
import functools
import io
import math
import warnings
from collections.abc import Callable

import numpy as np

from tempnb.checks._common import (
    Case,
    InputChanged,
    Mistake,
    as_array,
    call,
    calls,
    check_value,
    close,
    first_miss,
    hint,
    not_one_number,
    number,
    passed,
    rounded_mistakes,
    shown,
)

# one side of the soft term left at T = 1 (Exercise 1's soft term, and Exercise 4's loss)
STUDENT_UNTEMPERED = ("the student's logits must be divided by T too: q = softmax(s/T), the student's softened "
                      "prediction.")
TEACHER_UNTEMPERED = "the teacher's logits must be divided by T too: p = softmax(t/T), the teacher's soft targets."
# a log-softmax written by hand without subtracting the maximum (Exercise 1's soft term, and Exercise 4's loss)
OVERFLOW = ("np.exp of a logit near 800 overflows (e^x is beyond the largest double, about 1.8e308, once x passes "
            "709.78): subtract each row's maximum before np.exp, log_softmax(z) = z − m − log Σ exp(z − m) with m "
            "the row's maximum, or use log_softmax (from tempnb import log_softmax), which does.")
# KL(q‖p) in place of KL(p‖q) (Exercise 1's soft term, and Exercise 4's loss)
REVERSED_KL = ("the KL is the wrong way round: KL(p‖q) with p = softmax(t/T), the teacher's distribution, weighting "
               "log p − log q.")
# the right value in float32 (Exercise 1's soft term; Exercise 4's loss and gradient have their own wording)
FLOAT32_VALUE = ("use float64 (your value is rounded to float32, or computed in it: float32 keeps about 7 significant "
                 "digits, the check compares to relative 1e-9): compute the loss without .astype(np.float32), "
                 "dtype=np.float32 or np.float32(...).")


def _did(problem: str) -> str:
    """A call's problem ("it raised …", "it emitted …") after a subject: "your function raised …"."""
    return problem.removeprefix("it ")


def _quietly() -> contextlib.ExitStack:
    """A context in which what the learner's code prints is not shown (stdout and stderr both).

    For a probe: a second call on an input the check has already called the learner's code on (to see which
    library function it runs, or what it returns there), or a call with an argument the check changed to see
    whether the answer follows it. A debugging print would otherwise appear twice for one input, or for a call
    the learner never asked for. The learner's own call on each case is never quiet."""
    stack = contextlib.ExitStack()
    stack.enter_context(contextlib.redirect_stdout(io.StringIO()))
    stack.enter_context(contextlib.redirect_stderr(io.StringIO()))
    return stack


def _both_shown(expected: float, got: object) -> tuple[str, str]:
    """An expected number and the learner's, as a hint prints them side by side: 6 decimals and 6 significant
    digits, or 10 significant digits each when the two agree to about 5 digits, where 6 would make them look
    the same (6.487347 beside 6.48735)."""
    value = number(got)
    if value is not None and math.isfinite(value) and math.isclose(value, expected, rel_tol=1e-4):
        return f"{expected:.10g}", f"{value:.10g}"
    return f"{expected:.6f}", shown(got)


def _narrow_float(value: object) -> str:
    """The name of the value's dtype if it is a float type narrower than float64 ("float32", "float16"), else ""."""
    try:
        dtype = getattr(value, "dtype", None)
        dtype = np.dtype(np.float64 if dtype is None else dtype)
        return dtype.name if np.issubdtype(dtype, np.floating) and np.finfo(dtype).bits < 64 else ""
    except (TypeError, ValueError):  # a dtype attribute NumPy cannot read is no float type
        return ""


def _float32_valued(answer: object) -> bool:
    """Whether the answer holds float32 (or float16) numbers: of such a dtype, or float64 values that are all exactly
    float32 numbers, as a float32 result passed through float() or .astype(float) is (a float64 result is one by
    chance about once in 2^29 per value)."""
    if _narrow_float(answer):
        return True
    array = as_array(answer)
    if array is None or array.size == 0 or not np.all(np.isfinite(array)):
        return False
    return bool(np.all(array.astype(np.float32).astype(np.float64) == array))


# The slips of the soft term T² · mean KL(p‖q) that Exercise 1's check names, and Exercise 4's check names in its
# soft term: each key's hint. _soft_term_slips gives the value each slip returns on an input.
SOFT_TERM_HINTS = {
    "no T²": "multiply the mean KL by T² (see the section on the T² factor).",
    "divided by T²": "you divided by T²; the factor multiplies: the soft term is T² times the mean KL.",
    "T, not T²": "the factor is T², not T.",
    "both at T = 1": "divide both sets of logits by T inside the softmax: softmax(t/T), softmax(s/T).",
    "student untempered": STUDENT_UNTEMPERED,
    "teacher untempered": TEACHER_UNTEMPERED,
    "weights untempered": "the weights p must be softmax(t/T) too: your logs are tempered, but the probabilities "
                          "that weight them are the teacher's at T = 1, softmax(t). Use p = softmax(t, T, axis=1).",
    "teacher's log untempered": "the teacher's log must be tempered too: log p = log_softmax(t, T, axis=1), the log of "
                                "the same p = softmax(t, T, axis=1) that weights it; yours is log_softmax(t) at T = 1 "
                                "(the student's log and the weights are right).",
    "both divided twice": "the logits are divided by T twice: softmax(z, T) already divides by T, so pass the raw "
                          "logits, softmax(t, T), not softmax(t / T, T).",
    "teacher divided twice": "the teacher's logits are divided by T twice (the student's are right): softmax(t, T) "
                             "and log_softmax(t, T) already divide by T, so pass t itself, not t / T.",
    "student divided twice": "the student's logits are divided by T twice (the teacher's are right): "
                             "log_softmax(s, T) already divides by T, so pass s itself, not s / T.",
    "batch total over K": "sum over the classes (axis=1) of each row, then take the mean over the rows: summing over "
                          "axis=0 adds up the batch for each class, and the mean then divides by the number of "
                          "classes; or you divided the batch's total by the number of classes (s.shape[1], "
                          "len(s[0])) where the number of rows belongs (len(s), B).",
    "over the batch": "each row is one example: take softmax and log_softmax over the classes, axis=1, not over the "
                      "batch (axis=0).",
    "summed": "take the KL's mean over the batch, not its sum.",
    "mean of every entry": "sum over the classes (axis=1) first, then take the mean over the B rows: np.mean of the "
                           "whole array also divides by the number of classes.",
    "reversed": REVERSED_KL,
    "sign flipped": "a KL is never negative (Gibbs' inequality), and yours is minus the right one: the sign is "
                    "flipped. KL(p‖q) = Σ p (log p − log q), the teacher's log first.",
    "cross-entropy": "that is the cross-entropy −Σ p log q; the KL also subtracts the teacher's entropy: "
                     "Σ p (log p − log q).",
    "bits": "that is the KL in bits (log base 2); the course's logs are natural logs, np.log and log_softmax.",
}


def _soft_term_slips(s: np.ndarray, t: np.ndarray, T: float) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """What each slip of SOFT_TERM_HINTS makes of the soft term T² · mean KL(softmax(t/T) ‖ softmax(s/T)) on these
    logits: (key, value) pairs, in two lists. First the slips in the temperature (empty at T = 1, where each gives
    the right value), then those in the axes, the reductions and the quantity. Exercise 1's check compares its
    answer with these values; Exercise 4's weighs each by α and adds the right hard term. A key may come more than
    once ("over the batch": every side over axis 0, or one side only)."""
    from tempnb.core import log_softmax, softmax

    p, log_p, log_q = softmax(t, T, axis=1), log_softmax(t, T, axis=1), log_softmax(s, T, axis=1)

    def soft(weights: np.ndarray, logs_p: np.ndarray, logs_q: np.ndarray, mean: Callable = np.mean,
             rows: int = 1) -> float:
        """T² times the reduction ``mean`` of Σ weights (logs_p − logs_q) over the classes (axis ``rows``)."""
        return T * T * float(mean(np.sum(weights * (logs_p - logs_q), axis=rows)))

    expected = soft(p, log_p, log_q)
    tempered: list[tuple[str, float]] = []
    if T != 1:
        # softmax(t / T, T): the logits divided by T twice, i.e. at temperature T²
        p_twice, log_p_twice, log_q_twice = (softmax(t, T * T, axis=1), log_softmax(t, T * T, axis=1),
                                             log_softmax(s, T * T, axis=1))
        tempered = [
            ("no T²", expected / (T * T)),
            ("divided by T²", expected / T**4),  # the mean KL divided by T² instead of multiplied
            ("T, not T²", expected / T),
            ("both at T = 1", soft(softmax(t, axis=1), log_softmax(t, axis=1), log_softmax(s, axis=1))),
            # only one side tempered: the student's (or the teacher's) logits left undivided by T
            ("student untempered", soft(p, log_p, log_softmax(s, axis=1))),
            ("teacher untempered", soft(softmax(t, axis=1), log_softmax(t, axis=1), log_q)),
            # both logs tempered, but the teacher's weights p left at T = 1: softmax(t) * (log_softmax(t, T) - log_q)
            ("weights untempered", soft(softmax(t, axis=1), log_p, log_q)),
            # the weights and the student's log tempered, the teacher's log left at T = 1: p * (log_softmax(t) - log_q)
            ("teacher's log untempered", soft(p, log_softmax(t, axis=1), log_q)),
            ("both divided twice", soft(p_twice, log_p_twice, log_q_twice)),
            # only one side divided by T twice: softmax(t / T, T) on the teacher's side (or the student's)
            ("teacher divided twice", soft(p_twice, log_p_twice, log_q)),
            ("student divided twice", soft(p, log_p, log_q_twice)),
        ]
    p_0, log_p_0, log_q_0 = softmax(t, T, axis=0), log_softmax(t, T, axis=0), log_softmax(s, T, axis=0)
    reductions = [
        # the batch's total over the number of classes: a sum over axis=0 then a mean, or np.sum of everything
        # divided by s.shape[1] (len(s[0])) where the number of rows, B, belongs
        ("batch total over K", expected * s.shape[0] / s.shape[1]),
        # softmax over the batch (axis 0) instead of each row's classes: on both sides; fully transposed (the sum
        # over axis 0 too, then the mean over the classes); or on one side only, the other right
        ("over the batch", soft(p_0, log_p_0, log_q_0)),
        ("over the batch", soft(p_0, log_p_0, log_q_0, rows=0)),
        ("over the batch", soft(p, log_p, log_q_0)),
        ("over the batch", soft(p_0, log_p_0, log_q)),
        ("summed", soft(p, log_p, log_q, mean=np.sum)),
        ("mean of every entry", expected / s.shape[1]),
        ("reversed", soft(softmax(s, T, axis=1), log_q, log_p)),  # KL(q‖p): the student's q weighting log q − log p
        ("sign flipped", soft(p, log_q, log_p)),  # Σ p (log q − log p): minus the right value
        ("cross-entropy", soft(p, np.zeros_like(log_p), log_q)),  # −Σ p log q
        ("bits", expected / math.log(2)),
    ]
    return tempered, reductions


def _soft_case(s: np.ndarray, t: np.ndarray, T: float, where: str = "") -> Case:
    from tempnb.core import log_softmax, softmax
    from tempnb.distill import distillation_loss

    labels = np.zeros(len(s), dtype=int)
    expected = distillation_loss(s, t, labels, T, alpha=1.0)[0]
    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    log_p, log_q = log_softmax(t, T, axis=1), log_softmax(s, T, axis=1)
    tempered, reductions = _soft_term_slips(s, t, T)

    def is_(value: float) -> Callable[[object], bool]:
        return lambda a: math.isclose(number(a), value, rel_tol=1e-9)

    def named(slips: list[tuple[str, float]]) -> list[Mistake]:
        return [Mistake(is_(value), SOFT_TERM_HINTS[key]) for key, value in slips]

    # a right answer rounded for printing (round(loss, 4)) is named as such, before every other value
    mistakes = [*rounded_mistakes(expected, "relative 1e-9")]
    # float32 values: the right formula, but rounded to float32 (about 7 digits) or computed in it, as Exercise 3's
    # and Exercise 4's checks name them
    mistakes += [Mistake(lambda a: _float32_valued(a) and number(a) is not None
                         and math.isclose(number(a), expected, rel_tol=1e-5), FLOAT32_VALUE)]
    mistakes += named(tempered)
    mistakes += [
        Mistake(lambda a: number(a) is not None and math.isinf(number(a)),
                "you got inf: a probability that rounds to 0 has log 0 = -inf (np.log of a softmax, "
                "scipy.special.rel_entr, scipy.special.kl_div or tempnb.kl_divergence on softmax outputs meets "
                "it). Work with log_softmax, which never takes the log of 0."),
        *_epsilon_mistakes(p, q, log_p, log_q, T, where),
        *named(reductions),
        # a negative value that no slip above gives: a KL is never negative, so a sign or a term is wrong
        Mistake(lambda a: number(a) is not None and number(a) < 0,
                f"at T = {T:g}{where}, expected {expected:.6f}, got {{got}}, below 0: a KL is never negative (Gibbs' "
                "inequality), so a sign or a term is wrong. KL(p‖q) = Σ p (log p − log q), with p the teacher's "
                "softmax(t/T) and q the student's softmax(s/T)."),
        # close to the right value but no mistake above: both shown to 10 digits (check_soft_loss shows the answer
        # so), where 6 would print them alike
        Mistake(lambda a: number(a) is not None and math.isclose(number(a), expected, rel_tol=1e-4),
                f"at T = {T:g}{where}, expected {expected:.10g}, got {{got}}: close, but not within the check's "
                "relative 1e-9. Something moves the value a little, such as an ε or a clip inside a log (log_softmax "
                "gives every log exactly), float32 arithmetic or a rounded constant."),
    ]
    # the generic hint names the input too: the confident student's expected value is far from the others'
    return Case((s, t, T), expected, f"at T = {T:g}{where}, expected {expected:.6f}, got {{got}}; KL(p‖q) = "
                "Σ p (log p − log q) with p the teacher's softmax(t/T).", f"T = {T:g}{where}", tuple(mistakes),
                _soft_on_problem)


# the ε a learner puts inside a log: every decade from 1e-1 to 1e-300, and NumPy's named small numbers
# (float64's machine epsilon and smallest normal number, float32's machine epsilon)
EPSILONS = (*(float(10.0 ** -k) for k in range(1, 301)), float(np.finfo(np.float64).eps),
            float(np.finfo(np.float64).tiny), float(np.finfo(np.float32).eps))
# how the ε enters the log: the probabilities padded, or clipped from below (and from above too)
EPSILON_FORMS = {
    "np.log(q + ε)": lambda probs, epsilon: np.log(probs + epsilon),
    "np.log(np.clip(q, ε, 1))": lambda probs, epsilon: np.log(np.clip(probs, epsilon, 1)),
    "np.log(np.clip(q, ε, 1 − ε))": lambda probs, epsilon: np.log(np.clip(probs, epsilon, 1 - epsilon)),
}


def _epsilon_text(epsilon: float) -> str:
    """An ε as a learner types it: 1e-5 rather than 1e-05, 2.22e-16 for machine epsilon."""
    return f"{epsilon:.3g}".replace("e-0", "e-")


def _epsilon_values(p: np.ndarray, q: np.ndarray, log_p: np.ndarray, log_q: np.ndarray,
                    T: float) -> list[tuple[float, list[tuple[float, str, str]]]]:
    """For each ε of EPSILONS, the soft terms T² · mean KL(p‖q) an ε inside the logs gives: (ε, [(value, form,
    side), …]), one entry per form of EPSILON_FORMS and per side ("both" logs, the "student"'s only, the
    "teacher"'s only; the other log exact), infinite values left out. The weights p stay the teacher's own."""
    values = []
    for epsilon in EPSILONS:
        found: list[tuple[float, str, str]] = []
        with np.errstate(all="ignore"):
            for form, log_of in EPSILON_FORMS.items():
                padded_p, padded_q = log_of(p, epsilon), log_of(q, epsilon)
                for side, (logs_p, logs_q) in (("both", (padded_p, padded_q)), ("student", (log_p, padded_q)),
                                               ("teacher", (padded_p, log_q))):
                    value = T * T * float(np.mean(np.sum(p * (logs_p - logs_q), axis=1)))
                    if math.isfinite(value):
                        found.append((value, form, side))
        values.append((epsilon, found))
    return values


def _epsilon_said(epsilon: float, entries: list[tuple[str, str]], p: np.ndarray, q: np.ndarray, T: float) -> str:
    """What an ε inside the logs did, for a hint: "an ε of 1e-8 inside the log gives (np.log(q + ε), on the
    teacher's log): …why the value moved". ``entries`` are the (form, side) pairs that give the learner's value."""
    forms = " or ".join(dict.fromkeys(form for form, _ in entries))
    sides = {side for _, side in entries}
    named = [f"on the {who}'s log" for who in ("student", "teacher") if who in sides]
    if not named:
        on = "on both logs"
    else:
        on = " or ".join(named) + (" or on both" if "both" in sides else "")
    if "teacher" in sides and "student" not in sides:  # the value moved on the teacher's side: its ε did it
        forms = forms.replace("q", "p")  # the forms are written for the student's q
        # |p (log(p + ε) − log p)| = p log(1 + ε/p) < ε, and a clip moves p log p by at most ε too
        why = (f"each class's p log p then moves by up to ε, so the soft term moves by up to T² K ε = "
               f"{T * T * p.shape[1] * epsilon:.2g} here")
    elif float(q.min()) == 0:  # the confident student: its probabilities e^-800 round to 0, below every ε
        why = ("this student's smallest probabilities are about e^-800, which rounds to 0 as a double, so the ε "
               f"replaces their log, about -800, by log ε ≈ {math.log(epsilon):.0f}")
    else:
        why = (f"such an ε changes log q wherever q is not far above it, and the smallest probabilities here are "
               f"about {float(q.min()):.1g}")
    return f"an ε of {_epsilon_text(epsilon)} inside the log gives ({forms}, {on}): {why}"


def _epsilon_mistakes(p: np.ndarray, q: np.ndarray, log_p: np.ndarray, log_q: np.ndarray, T: float,
                      where: str) -> list[Mistake]:
    """One Mistake per value an ε inside the logs gives on this case: each ε of EPSILONS, each form of
    EPSILON_FORMS, on both logs, on the student's only or on the teacher's only. Forms and sides that give the
    same value here (a pad and a clip at a tiny ε, which differ only where a probability is below ε) share one
    Mistake, whose hint names them all."""
    mistakes = []
    for epsilon, found in _epsilon_values(p, q, log_p, log_q, T):
        while found:
            value = found[0][0]
            group = [entry for entry in found if math.isclose(entry[0], value, rel_tol=1e-9)]
            found = [entry for entry in found if entry not in group]
            said = _epsilon_said(epsilon, [(form, side) for _, form, side in group], p, q, T)
            text = (f"at T = {T:g}{where}, your value is what {said}. Use log_softmax, which gives every log exactly, "
                    "with no ε.")
            mistakes.append(Mistake(lambda a, value=value: number(a) is not None
                                    and math.isclose(number(a), value, rel_tol=1e-9),
                                    text.replace("{", "{{").replace("}", "}}")))
    return mistakes


def _soft_on_problem(problem: str) -> str:
    if "divide by zero" in problem or "invalid value" in problem:
        return ("A probability that rounds to 0 has log 0 = -inf: np.log(softmax(...)) loses it. Use log_softmax "
                "(from tempnb import log_softmax), which computes z/T − logsumexp(z/T) without taking a log of 0.")
    if "broadcast" in problem or "axis" in problem:
        return "Each row of the batch is one example: softmax(..., T, axis=1) and a sum over axis=1."
    if "overflow" in problem:
        return OVERFLOW
    return ""


def _library_shortcut(name: str, what: str, where: str = "", tools: str = "from softmax and log_softmax") -> str:
    """The hint for an answer that runs the library function the exercise asks the learner to write: tempnb's loss
    (05.1, 05.4) by default, or the function at ``where``, what the learner should build it from in ``tools``."""
    where = where or ("tempnb.distillation_loss" if name == "distillation_loss" else f"tempnb.distill.{name}")
    return (f"your function calls {name} ({where}); the exercise asks you to write {what} yourself "
            f"{tools} — use the library only to compare.")


def check_soft_loss(soft_loss: Callable) -> None:
    """Exercise 05.1: the soft term T² · mean KL(softmax(t/T) ‖ softmax(s/T)) of a batch."""
    from tempnb.distill import distillation_loss

    rng = np.random.default_rng(5)
    s, t = rng.normal(size=(4, 10)) * 3, rng.normal(size=(4, 10)) * 3
    cases = [_soft_case(s, t, T) for T in (4.0, 1.0, 20.0)]
    # A confident student: some of its probabilities round to 0, so only log_softmax gets their logs right.
    confident = s.copy()
    confident[:, 0] += 800.0
    cases.append(_soft_case(confident, t, 1.0, " with a confident student (one logit 800 above the rest)"))
    if callable(soft_loss):
        with _quietly():  # a probe: the learner's own call on this case comes next, and shows its prints
            shortcut = calls(soft_loss, cases[0].args, distillation_loss)
        if shortcut:
            return hint(_library_shortcut("distillation_loss", "the KL, Σ p (log p − log q) with p = softmax(t/T) "
                                          "and q = softmax(s/T),"))

    def same(a: object, b: float) -> bool:
        return number(a) is not None and math.isclose(number(a), b, rel_tol=1e-9)

    for case in cases:
        # a value close to the expected one is shown to 10 digits, as that case's near-miss hint shows the expected
        problem = first_miss(soft_loss, [case], same,
                             show=lambda value, expected=case.expected: _both_shown(expected, value)[1])
        if problem is not None:
            return hint(problem)
    # A confident teacher: p = [1, 0, 0, 0] (e^-800 rounds to 0) against a uniform student, q = 1/4 each, so
    # KL(p‖q) = 1 · log(1 / (1/4)) = log 4, and T² = 1. np.log(softmax(t)) meets 0 · log 0 = nan on the
    # teacher's side; np.exp(t / T) meets e^800, which overflows.
    teacher_side = ("The teacher's probabilities can round to 0 too: with a confident teacher (logits [800, 0, 0, "
                    "0], so p = [1, 0, 0, 0]) np.log(softmax(t, T)) gives log 0 = -inf and then 0 · log 0 = nan. "
                    "Take the teacher's logs with log_softmax(t, T, axis=1) as well, not np.log(softmax(...)).")
    teacher_overflow = (f"{OVERFLOW} The teacher's logits are [800, 0, 0, 0] here: take its probabilities p from "
                        "softmax(t, T, axis=1) too, not from np.exp(t / T) divided by its sum.")
    sure = np.array([[800.0, 0.0, 0.0, 0.0]])
    confident_teacher = Case((np.zeros((1, 4)), sure, 1.0), math.log(4),
                             "with a confident teacher (logits [800, 0, 0, 0]) against a uniform student, expected "
                             "log 4 = 1.386294, got {got}.", "T = 1 with a confident teacher",
                             on_problem=lambda problem: teacher_overflow if "overflow" in problem else teacher_side)
    problem = first_miss(soft_loss, [confident_teacher], same)
    if problem is not None:
        # Did that call return nan without a warning (NumPy's warnings silenced)? A probe of the same input tells,
        # quietly: the learner's call above has shown its prints.
        with _quietly():
            outcome = call(soft_loss, *confident_teacher.args)
        value = as_array(outcome.value)
        if not outcome.problem and value is not None and value.ndim == 0 and np.isnan(value):
            return hint(f"on T = 1 with a confident teacher, you returned nan. {teacher_side}")
        return hint(problem)
    return passed("Your soft term matches tempnb.distillation_loss with alpha = 1 at T = 4, 1 and 20, for a "
                  "confident student and for a confident teacher.")


def _first_function(point: np.ndarray) -> float:
    """Exercise 05.2's first function, Σ sin(x) · x[::-1], for the check's probes (the check's own call records
    where it was evaluated; these do not)."""
    return float(np.sum(np.sin(point) * point[::-1]))


def _ignores_step(numerical_gradient: Callable, x: np.ndarray) -> bool | None:
    """Whether the learner's function returns the same gradient of the first function for h = 0.1 and h = 0.2
    (True), or different ones (False); None if a call failed. Every finite-difference formula that steps by h has
    an error that changes with h on Σ sin(x) · x[::-1] (no such formula is exact for sin), so equal answers mean h
    was not used. Two quiet probes: the learner's own calls have shown their prints."""
    with _quietly():
        answers = [call(numerical_gradient, _first_function, x, step) for step in (0.1, 0.2)]
    arrays = [as_array(outcome.value) if not outcome.problem else None for outcome in answers]
    if any(array is None or array.shape != x.shape for array in arrays):
        return None
    return bool(np.array_equal(arrays[0], arrays[1]))


def _step_problem(numerical_gradient: Callable, x: np.ndarray) -> str | None:
    """None if the learner's function gives the central difference for the h it is given; otherwise the hint.

    On f(x) = Σ x³ the central difference is exactly 3x² + h² (the h² f'''(x)/6 error of central differences,
    with f''' = 6), so h = 0.01 must give 3x² + 1e-4. Another answer is either central differences with a step
    of the function's own (it ignores h: _ignores_step tells) or another formula that does use h (steps of h/2
    either side give 3x² + h²/4; a formula exact for cubics, such as the five-point stencil, gives 3x²). The hint
    says what the answer measured, and names the cause only where a probe showed it (cold read r147, X3).
    """
    step = 1e-2
    outcome = call(numerical_gradient, lambda point: float(np.sum(np.asarray(point, dtype=float) ** 3)), x, step)
    if outcome.error is TypeError and "positional argument" in (outcome.problem or ""):
        return ("your function must take the step as its third argument: my_numerical_gradient(f, x, h=1e-5), "
                "called as my_numerical_gradient(f, x, 0.01) for another h.")
    answer = as_array(outcome.value) if not outcome.problem else None
    want = 3 * x**2 + step**2
    if answer is not None and answer.shape == x.shape and np.allclose(answer, want, rtol=0, atol=1e-6):
        return None
    if outcome.problem:
        return f"called with h = {step:g} on f(x) = Σ x³, your function {_did(outcome.problem)}."
    where = f"called with h = {step:g} on f(x) = Σ x³, whose central difference is exactly 3x² + h²"
    central = "(f(x + h) − f(x − h)) / (2h)"
    # what the answer measured: 3x² plus one number (its digits are rounded, and a tiny offset is shown as a bound:
    # the last digits depend on the CPU's rounding), or nothing of that form
    returned, offset = "something other than 3x² plus one number", math.nan
    if answer is not None and answer.shape == x.shape:
        offset = float(np.mean(answer - 3 * x**2))
        if np.allclose(answer - 3 * x**2, offset, rtol=0, atol=1e-8):
            returned = ("3x² to within 1e-8" if abs(offset) <= 1e-8 else
                        f"3x² {'+' if offset > 0 else '−'} {abs(offset):.2g}")
        else:
            offset = math.nan
    if _ignores_step(numerical_gradient, x):
        return (f"your function ignores its h argument: given h = 0.1 and then h = 0.2 on the first function, Σ sin(x) "
                f"· x[::-1], it returned the same gradient both times; and {where}, it returned {returned}, not "
                f"3x² + {step**2:g}. Step by the h you are given.")
    if math.isnan(offset):
        return (f"{where}, your function did not return 3x² + {step**2:g}: step by the h you are given, and take "
                f"{central} for each entry.")
    if abs(offset) <= 1e-8:
        why = (" A formula exact for cubics gives 3x², such as the five-point stencil (−f(x + 2h) + 8f(x + h) − "
               "8f(x − h) + f(x − 2h)) / (12h);")
    elif abs(offset - step**2 / 4) <= 1e-8:
        why = " Steps of h/2 either side, (f(x + h/2) − f(x − h/2)) / h, give 3x² + h²/4;"
    else:
        why = ""
    asks = f"the exercise asks for {central}, probing each entry at x ± h."
    return (f"your function follows h, but not with the central difference: {where} = 3x² + {step**2:g}, it "
            f"returned {returned}." + (f"{why} {asks}" if why else f" {asks[0].upper()}{asks[1:]}"))


# Exercise 05.2's distillation case: the soft term T² · mean KL(softmax(t/T) ‖ softmax(s/T)) at T = 4, as a function
# of the student's logits s for B = 2 images and K = 4 classes, the teacher's logits t fixed. Its gradient, derived in
# the notebook's section on the loss, is T(q − p)/B with q = softmax(s/T) and p = softmax(t/T).
SOFT_GRADIENT_T = 4.0
SOFT_GRADIENT_STUDENT = ((1.0, 0.0, -1.0, 0.5), (-0.5, 2.0, 0.0, -1.5))
SOFT_GRADIENT_TEACHER = ((2.0, 0.5, -2.5, 0.0), (0.0, 3.0, -1.0, -2.0))
# The first function's bound, 1e-6 (the gradient's entries here are at most about 0.16). Central differences at
# h = 1e-5 come within about 1e-11 of T(q − p)/B; over 600 steps from 1e-11 to 1e-2, those whose error on the first
# function is below 1e-6 err by at most about 3e-7 here, so a step the first function accepts is accepted here too.
SOFT_GRADIENT_ATOL = 1e-6


def _soft_term_gradient_problem(numerical_gradient: Callable) -> str | None:
    """None if the learner's numerical gradient of the soft term at T = 4 agrees with the derived T(q − p)/B."""
    from tempnb.core import softmax
    from tempnb.distill import distillation_loss

    T = SOFT_GRADIENT_T
    s, t = np.array(SOFT_GRADIENT_STUDENT), np.array(SOFT_GRADIENT_TEACHER)
    labels = np.zeros(len(s), dtype=int)  # with α = 1 the labels have no weight: the loss is the soft term alone
    probes: list[np.ndarray] = []

    def soft_term(point: np.ndarray) -> float:
        probes.append(np.array(point, dtype=float, copy=True))
        return float(distillation_loss(np.asarray(point, dtype=float), t, labels, T, 1.0)[0])

    derived = T * (softmax(s, T, axis=1) - softmax(t, T, axis=1)) / len(s)
    where = (f"on the soft term at T = {T:g}, a function of student logits of shape {s.shape} ({s.shape[0]} images, "
             f"{s.shape[1]} classes)")
    outcome = call(numerical_gradient, soft_term, s)
    if outcome.problem:
        return f"{where}, your function {_did(outcome.problem)}."
    answer = as_array(outcome.value)
    if answer is None or answer.shape != s.shape:
        return f"{where}, the gradient must have the logits' shape {s.shape}; got {shown(outcome.value)}."
    probed = np.zeros(s.shape, dtype=bool)
    for probe in probes:
        if probe.shape == s.shape:
            probed |= np.abs(probe - s) > 1e-12
    if not probed.all():
        never = [tuple(int(i) for i in index) for index in np.argwhere(~probed)]
        return (f"{where}, {len(never)} of its {s.size} entries were never perturbed (at indices "
                f"{', '.join(map(str, never))}): loop over every index of x, for index in np.ndindex(x.shape), not "
                "over a fixed range such as the first function's 2 × 3.")
    error = float(np.max(np.abs(answer - derived)))
    if error > SOFT_GRADIENT_ATOL:
        return (f"{where}, your numerical gradient differs from the derived gradient T(q − p)/B by up to "
                f"{error:.1e}, more than {_epsilon_text(SOFT_GRADIENT_ATOL)}: probe each entry at ± h and divide by "
                "2h, as for the first function.")
    return None


def _returns_its_input(numerical_gradient: Callable, x: np.ndarray) -> bool:
    """Whether the learner's function returns the very array it was given (or a view of it): gradient = x, with
    the differences written into it (cold read r142, X4). One more call, on the check's own f, its prints hidden."""
    given: list[object] = []

    def spy(f: Callable, x: np.ndarray) -> object:  # the learner's function, with the x it receives kept
        given.append(x)
        return numerical_gradient(f, x)

    with _quietly():
        outcome = call(spy, lambda point: float(np.sum(np.sin(point) * point[::-1])), x)
    return bool(given) and isinstance(outcome.value, np.ndarray) and isinstance(given[0], np.ndarray) and bool(
        np.shares_memory(outcome.value, given[0]))


def _scipy_differences() -> dict[Callable, str]:
    """scipy's finite-difference functions a learner may reach for in Exercise 05.2, each with the public path the hint
    names. approx_fprime calls approx_derivative, and jacobian calls derivative (scipy 1.17.1), so each caller comes
    first: it is the one the learner wrote. scipy.differentiate exists from scipy 1.15 on."""
    from scipy.optimize import approx_fprime
    from scipy.optimize._numdiff import approx_derivative

    found = {approx_fprime: "scipy.optimize.approx_fprime",
             approx_derivative: "scipy.optimize._numdiff.approx_derivative"}
    with contextlib.suppress(ImportError):
        from scipy.differentiate import derivative, jacobian

        found |= {jacobian: "scipy.differentiate.jacobian", derivative: "scipy.differentiate.derivative"}
    return found


def _narrow_probes(probes: list[np.ndarray], x: np.ndarray) -> str:
    """The name of a float type narrower than float64 ("float32", "float16") if the learner's probes were x cast to it:
    some probe that moved two or more entries of x equals x cast to that type in all but at most one entry (the one
    probed), which no probe of x itself or of a float64 copy does, as x holds entries such a type cannot store
    (−0.6, −0.2, 0.2, 0.6). "" otherwise (cold read r147, X1)."""
    spread = [probe for probe in probes if probe.shape == x.shape and int(np.sum(np.abs(probe - x) > 1e-12)) >= 2]
    for dtype in (np.float32, np.float16):
        cast = x.astype(dtype).astype(np.float64)
        if not np.array_equal(cast, x) and any(int(np.sum(probe != cast)) <= 1 for probe in spread):
            return np.dtype(dtype).name
    return ""


def check_numerical_gradient(numerical_gradient: Callable) -> None:
    """Exercise 05.2: central finite differences of a scalar function of a 2-D array.

    First on f(x) = Σ sin(x) · x[::-1] for a 2 × 3 array, whose exact gradient names a slip precisely; then on the
    soft term at T = 4 as a function of the student's logits, whose numerical gradient must agree with the derived
    T(q − p)/B."""
    x = np.linspace(-1.0, 1.0, 6).reshape(2, 3)
    expected = np.cos(x) * x[::-1] + np.sin(x[::-1])  # the exact gradient, by the product rule
    probes: list[np.ndarray] = []  # every point the learner's code evaluates f at

    def f(point: np.ndarray) -> float:
        probes.append(np.array(point, dtype=float, copy=True))
        return float(np.sum(np.sin(point) * point[::-1]))

    if callable(numerical_gradient):
        library = _scipy_differences()
        with _quietly():  # a probe: the learner's own call on this input comes next, and shows its prints
            shortcut = calls(numerical_gradient, (_first_function, x), *library)
        if shortcut is not None:
            return hint(_library_shortcut(shortcut.__name__, "the central differences (f(x + h) − f(x − h)) / (2h)",
                                          library[shortcut], "for each entry in turn"))
    outcome = call(numerical_gradient, f, x)
    # xp = x; xm = x: one array under three names, so the "x − h" probe undoes the "x + h" one and lands on
    # x itself (x may even end up restored). Half the probes then sit at x (up to rounding), and the answer
    # is (f(x + h) − f(x)) / (2h), about half the gradient. (Forward differences also probe x, but give the
    # whole gradient.)
    at_x = sum(1 for probe in probes if probe.shape == x.shape and np.allclose(probe, x, rtol=0, atol=1e-12))
    answer = as_array(outcome.value) if not outcome.problem or outcome.error is InputChanged else None
    if at_x >= x.size and answer is not None and answer.shape == x.shape and \
            np.allclose(answer, expected / 2, rtol=1e-2, atol=1e-4):
        # the same probes come from two slips: a second step of -h from x + h (back to x, not on to x - h), or
        # xp = x and xm = x, one array under three names; the hint names the probe first, then both causes
        return hint("your second probe of each entry was at x itself, not at x − h, so you got (f(x + h) − f(x)) / "
                    "(2h), about half the gradient. If you stepped x[i] += h, then x[i] -= h, the second step only "
                    "went back to x: set x[i] = old − h from the saved old = x[i] (or step by 2h). If you wrote "
                    "xp = x and xm = x, the three names are one array, so xm[i] -= h undid xp[i] += h: copy it "
                    "(xp = x.copy()).")
    # every probe at x and every difference 0: one array under three names (xp = x; xm = x, both set before f is
    # called), or a copy changed while f is called on x (flat = x.flatten() or x.tolist() moved, f(x) called): f
    # sees x either way, so the two cannot be told apart, and the hint names both
    if probes and at_x == len(probes) and answer is not None and answer.shape == x.shape and \
            np.allclose(answer, 0.0, rtol=0, atol=1e-6):
        return hint("every one of your probes was at x itself, so every difference is 0. Either you changed a copy "
                    "(flat = x.flatten(), x.tolist(), np.array(x)) and called f(x), which never sees the copy: move "
                    "the entry of x itself (x[index] = old + h), or pass f the changed copy in x's shape. Or you "
                    "wrote xp = x and xm = x: the three names are one array, and xm[i] -= h undoes xp[i] += h "
                    "before f sees it; copy it (xp = x.copy(), xm = x.copy()), or save, probe and restore each "
                    "entry in turn.")
    # probes of a float32 (or float16) copy: named before the slips below, whose symptoms a cast can mimic (in
    # float16 a step of 1e-5 rounds away, so both probes of an entry land on the same point)
    narrow = _narrow_probes(probes, x)
    if narrow:
        # the entry of x that its cast moves most, shown as the cast stores it: exact arithmetic, the same on any CPU
        worst = np.unravel_index(int(np.argmax(np.abs(x.astype(narrow) - x))), x.shape)
        stored = float(x.astype(narrow)[worst])
        return hint(f"your probes were a {narrow} copy of x (x.astype(np.{narrow}), or dtype=np.{narrow}), so f "
                    f"saw every entry rounded to {narrow}, the ones you did not probe too: {x[worst]:g} became "
                    f"{stored:.10g}, a move of {abs(stored - x[worst]):.0e}, and each step of h was rounded as well. "
                    "Probe x itself (save old = x[i], probe x[i] ± h, then x[i] = old) or a float64 copy, x.copy().")
    # xp = x; xm = x, with both probes set before f is called (x[i] = old + h, then x[i] = old - h): each pair
    # of calls sees the same point, x with entry i at old - h, so every difference is exactly 0
    paired = len(probes) >= 2 * x.size and len(probes) % 2 == 0 and all(
        np.array_equal(probes[k], probes[k + 1]) for k in range(0, len(probes), 2))
    if paired and answer is not None and answer.shape == x.shape and np.all(answer == 0) and np.any(expected != 0):
        return hint("each pair of your probes hit the same point, so f(xp) − f(xm) is 0 for every entry: xp = x "
                    "makes one array under two names (xm = x a third), so setting xm[i] overwrites xp[i] before f "
                    "sees it. Use xp = x.copy() and xm = x.copy(), or save, probe and restore each entry in turn.")
    moved = [int(np.sum(np.abs(probe - x) > 1e-12)) for probe in probes if probe.shape == x.shape]
    if outcome.error is InputChanged and _returns_its_input(numerical_gradient, x):
        return hint("your function returns x itself (gradient = x, or a view of x such as x.reshape(...)), so each "
                    "difference you stored overwrote an entry of x, the array you were probing: start the gradient "
                    "as an array of its own, np.zeros(x.shape), and leave x as it was given.")
    if outcome.error is InputChanged and probes and max(moved, default=0) <= 1:
        # every probe moved one entry, yet x came back changed: put back by arithmetic, a few ulps off
        return hint("you put each entry back by arithmetic (adding h back, say), but in floating point x[i] + h "
                    "- 2h + h need not be exactly x[i]: save old = x[i] before probing and assign x[i] = old "
                    "afterwards, so x is unchanged when you return.")
    if outcome.error is InputChanged:
        return hint("an entry you probed was never put back: the input must be restored after each probe "
                    "(save old = x[i], probe x[i] ± h, then x[i] = old), so x is unchanged when you return.")
    if outcome.problem:
        return hint(f"{outcome.problem}.")
    if outcome.value is None:
        return hint("your function returned None; return an array of the same shape as x.")
    answer = as_array(outcome.value)
    if answer is None or answer.shape != x.shape:
        return hint(f"the gradient must have x's shape {x.shape}; got {shown(outcome.value)}.")
    returned_dtype = getattr(outcome.value, "dtype", None)  # as_array gives floats: read the learner's own dtype
    if returned_dtype is not None and np.issubdtype(returned_dtype, np.integer) and \
            not np.allclose(answer, expected, rtol=0, atol=1e-6):
        return hint(f"your gradient array has an integer dtype ({returned_dtype}), so each difference was cut to "
                    "a whole number when you stored it: use a float array (np.zeros(x.shape)), not np.zeros(x.shape, "
                    "dtype=int).")
    first_move = next((m for m in moved if m > 0), 0)
    if first_move == x.size:
        return hint("you moved every entry at once (x + h): perturb one entry at a time, x[i] ± h.")
    if max(moved, default=0) > 1 and all(m in (0, max(moved)) for m in moved):
        return hint(f"each probe moved {max(moved)} entries at once (on a 2-D array, x[i] is a whole row): "
                    "perturb one entry at a time, looping over every index with np.ndindex(x.shape).")
    if max(moved, default=0) > 1:
        return hint("an entry you probed was never put back: the input must be restored after each probe "
                    "(save old = x[i], probe x[i] ± h, then x[i] = old), so every probe moves one entry only.")
    # entries no probe ever moved (a loop over one row, or over range(len(x))): their gradient was never computed
    probed = np.zeros(x.shape, dtype=bool)
    for probe in probes:
        if probe.shape == x.shape:
            probed |= np.abs(probe - x) > 1e-9
    if probed.any() and not probed.all():
        never = [tuple(int(i) for i in index) for index in np.argwhere(~probed)]
        return hint(f"{len(never)} of the {x.size} entries of x were never perturbed (at indices "
                    f"{', '.join(map(str, never))}), so their gradient was never computed and is left at zero or "
                    "whatever they started as: loop over every index of the 2-D array, "
                    "for index in np.ndindex(x.shape), not over one row or column.")
    error = float(np.max(np.abs(answer - expected)))
    # the steps the probes took: one entry moved by +h and by -h is a central difference
    steps = [float((probe - x)[np.abs(probe - x) > 1e-12][0]) for probe in probes
             if probe.shape == x.shape and int(np.sum(np.abs(probe - x) > 1e-12)) == 1]
    h = float(np.median(np.abs(steps))) if steps else 0.0
    central = bool(steps) and any(step > 0 for step in steps) and any(step < 0 for step in steps)
    if error < 1e-6 and central:
        problem = _step_problem(numerical_gradient, x) or _soft_term_gradient_problem(numerical_gradient)
        if problem is not None:
            return hint(problem)
        # Bounds, not the errors themselves: their last digits depend on the CPU's rounding.
        return passed(f"Central differences agree with the exact gradient of Σ sin(x) · x[::-1] to within 1e-6 and "
                      f"follow the h they are given; on the soft term at T = {SOFT_GRADIENT_T:g} they agree with the "
                      f"derived gradient T(q − p)/B to within {_epsilon_text(SOFT_GRADIENT_ATOL)}.")
    if error < 1e-6 and not steps:
        return hint("your answer is the gradient, but your function never evaluated f with an entry moved: compute "
                    "it numerically, (f(x+h) − f(x−h)) / (2h) for each entry in turn, calling the f it is given.")
    if error < 1e-6:
        return hint(f"close (within 1e-6 of the exact gradient), but every probe moved its entry the same way, "
                    f"by {h:.1g}: that is a one-sided difference, forward (f(x+h) − f(x)) / h or backward "
                    "(f(x) − f(x−h)) / h, whose error is proportional to h. The exercise asks for central "
                    "differences, (f(x+h) − f(x−h)) / (2h), probing each entry at +h and at −h.")
    if np.allclose(answer, -expected, rtol=1e-4, atol=1e-8):
        return hint("the sign is flipped: every entry is minus the gradient. Subtract the lower probe from the upper "
                    "one, (f(x + h) − f(x − h)) / (2h), not (f(x − h) − f(x + h)) / (2h).")
    if np.allclose(answer, expected / 2, rtol=1e-4, atol=1e-8):
        return hint("divide the central difference by 2h, not 4h: (f(x + h) − f(x − h)) / (2h).")
    if np.allclose(answer, 2 * expected, rtol=1e-4, atol=1e-8):
        return hint("divide the central difference by 2h, not h: (f(x + h) − f(x − h)) / (2h).")
    if central and h > 0 and np.allclose(answer, expected * h * h, rtol=1e-3, atol=1e-12):
        return hint(f"your answer is the gradient times h² (h = {h:g}): (up - down) / 2 * h divides by 2, then "
                    "multiplies by h, as Python reads left to right. Write (up - down) / (2 * h).")
    if central and h > 1e-3:
        return hint(f"largest error {error:.1e}: your central differences use a step h = {h:g}, and their error "
                    "grows like h²; take h = 1e-5 (the course's choice), small but well above rounding.")
    if central and 0 < h < 1e-7:
        return hint(f"largest error {error:.1e}: your central differences use a step h = {h:g}, so small that "
                    "rounding dominates: each value of f is rounded by about 1e-16 of its size, and dividing the "
                    "difference by 2h magnifies that error by 1/h. Take h = 1e-5 (the course's choice).")
    tiny = [float(np.max(np.abs(probe - x))) for probe in probes if probe.shape == x.shape]
    if tiny and 0 < max(tiny) <= 1e-12:
        return hint(f"largest error {error:.1e}: your probes moved x by at most {max(tiny):.1g}, a step so small "
                    "that rounding swamps the difference f(x + h) − f(x − h). Take h = 1e-5 (the course's choice).")
    if error < 1e-3 and not central:
        return hint(f"close (largest error {error:.1e}): one-sided differences, forward (f(x+h) − f(x)) / h or "
                    "backward (f(x) − f(x−h)) / h, have an error proportional to h; use central differences "
                    "(f(x+h) − f(x−h)) / (2h).")
    return hint(f"largest error {error:.1e}: perturb one entry at a time by ± h and divide the difference by 2h.")


def check_logit_matching(gradient: object) -> None:
    """Exercise 05.3: the high-temperature limit of T·(q − p) for the given logits."""
    from tempnb.core import softmax

    # the teacher's logits are not a multiple of the student's, so s / K (the teacher left out) is not −(s − t) / K
    s, t = np.array([1.0, 0.0, -1.0]), np.array([2.0, 0.5, -2.5])
    K = s.size
    expected = (s - t) / K
    case = Case((), expected, "use the limit formula (s − t) / K with s the student's and t the teacher's logits; "
                              "got {got}.", mistakes=(
        # one number, a string, or another count of numbers: not the three-number array asked for
        Mistake(lambda a: as_array(a) is None or as_array(a).size != K,
                "give an array of three numbers, one per class: use the limit formula (s − t) / K with s the "
                "student's and t the teacher's logits; got {got}."),
        Mistake(-expected, "the sign is flipped: it is student minus teacher, (s − t) / K."),
        Mistake(s / K, "the teacher's logits are missing: (s − t) / K, with t the teacher's logits."),
        Mistake(s - t, "divide by K, the number of classes."),
        Mistake((s - t) / K**2, "divide by K once, not K²."),
        Mistake((s - t) / 10, "K is the number of classes of these logits, 3 here, not the digits' 10."),
        Mistake(np.zeros(3), "q − p does go to 0, but T(q − p) does not: the factor T keeps it finite. Its limit "
                             "is (s − t) / K."),
        # (q − p) / T at a large T, the gradient without the T² factor: about (s − t) / (K T²), so ≈ 0
        Mistake(lambda a: any(close(a, (softmax(s, T) - softmax(t, T)) / T, rtol=1e-6, atol=1e-12)
                              for T in (10.0, 20.0, 50.0, 100.0, 200.0, 500.0, *(10.0 ** np.arange(3, 13)))),
                "≈0: you scaled by 1/T, not T. (q − p)/T, the soft gradient without its T², goes to 0; "
                "T(q − p) stays finite, and its limit is (s − t) / K."),
        # q − p at a large T, the factor T forgotten: about (s − t) / (K T), small but not 0
        Mistake(lambda a: any(close(a, softmax(s, T) - softmax(t, T), rtol=1e-6, atol=1e-12)
                              for T in (10.0, 20.0, 50.0, 100.0, 200.0, 500.0, *(10.0 ** np.arange(3, 13)))),
                "you dropped the factor T: q − p goes to 0 as T grows, but T(q − p) stays finite, and its limit "
                "is (s − t) / K."),
        # the loss instead of its gradient
        Mistake((s - t) ** 2 / (2 * K), "that is the loss (s − t)² / (2K); its gradient is (s − t) / K."),
        # operator precedence, or the wrong count: only one of the logits divided, or K − 1 classes
        Mistake(s - t / K, "divide the whole difference (s − t) by K: s − t / K divides only t, since Python divides "
                           "before it subtracts. Write (s − t) / K."),
        Mistake(s / K - t, "divide the whole difference (s − t) by K: s / K − t divides only s. Write (s − t) / K."),
        Mistake((s - t) / (K - 1), "divide the whole difference (s − t) by K = 3, the number of classes, not K − 1."),
        # 1/3 typed to 1 to 12 decimals (0.33, 0.33333333, ...): named before the finite-T mistake, which is also close
        Mistake(lambda a: any(close(a, np.round(expected, digits), rtol=0, atol=1e-13) for digits in range(1, 13)),
                "those are rounded values; give the exact ones: compute (s − t) / K with NumPy, or write 1/3 "
                "rather than 0.33."),
        Mistake(lambda a: np.shape(a) != expected.shape and np.size(a) == expected.size
                and close(np.ravel(np.asarray(a, dtype=float)), expected, rtol=1e-9, atol=1e-9),
                "the values are right but the shape is not: return a flat array of three numbers, shape (3,)."),
        # float32 values: the right formula, but rounded to float32 (about 7 digits); named before the finite-T case
        Mistake(lambda a: (getattr(a, "dtype", None) == np.float32 and close(a, expected, rtol=1e-6, atol=1e-7))
                or close(a, expected.astype(np.float32), rtol=0, atol=0),
                "use float64 (your values are rounded to float32): compute (s − t) / K without .astype(np.float32) "
                "or dtype=np.float32."),
        Mistake(lambda a: any(close(a, T * (softmax(s, T) - softmax(t, T)), rtol=1e-6, atol=1e-12)
                              for T in (10.0, 20.0, 50.0, 100.0, 200.0, 500.0, *(10.0 ** np.arange(3, 13))))
                or close(a, expected, rtol=1e-2, atol=1e-2),
                "close: that is T(q − p) at a large but finite T; the limit itself is exactly (s − t) / K."),
        # teacher minus student at a finite T: −T(q − p) = T(p − q), close to −(s − t) / K
        Mistake(lambda a: any(close(a, T * (softmax(t, T) - softmax(s, T)), rtol=1e-6, atol=1e-12)
                              for T in (10.0, 20.0, 50.0, 100.0, 200.0, 500.0, *(10.0 ** np.arange(3, 13))))
                or close(a, -expected, rtol=1e-2, atol=1e-2),
                "the sign is flipped, and that is T(p − q) at a large but finite T: it is student minus teacher, "
                "T(q − p) with q = softmax(s/T), and its limit is exactly (s − t) / K."),
    ))
    # tight enough that T(q − p) at a huge T (1e8 agrees to about 1e-8) is not mistaken for the limit itself
    return check_value(gradient, [case], "(s − t) / K = [−1/3, −1/6, 1/2]: at high T distillation matches logits.",
                       same=lambda a, b: close(a, b, rtol=1e-12, atol=1e-13))


# Exercise 05.4 uses the course's real model and data: a distilled student of the digits.
STUDENT_SIZES = (64, 32, 10)
# A pass needs a student within REFERENCE_IMAGES test images of the check's own seed-0 student, distilled with
# tempnb.distillation_loss at the same T and α (training amplifies rounding: another BLAS can move an image or two),
# and REQUIRED_GAIN percentage points of held-out accuracy over the hard-label student of the same seed. In 05, seed 0
# gains 31 test images (5.7 points) at the chosen T = 20 and 1 image at T = 1: a bar of 2 points (11 images) lies
# far from both, so rounding cannot move a right answer below it.
REFERENCE_IMAGES = 2
REQUIRED_GAIN = 2.0


# The temperature and weight the notebook's Exercise 4 asks for: chosen_T, chosen on the validation images (05's
# printed "chosen on the validation images: T = 20"), and ALPHA = 0.9. The check holds its own copy, so a learner who
# retrains at another T (say T = 8, the best test mean) and passes that T too is still told what the exercise asks.
EXERCISE_T, EXERCISE_ALPHA = 20.0, 0.9

MIN_TRANSFER_FIT = 97.0  # percent of the default split's 100 transfer images a student trained on them gets right

# The recipe of train_student(seed, loss) in 05 (these mirror it: MLP(STUDENT_SIZES, rng=seed), then
# train(student, x_transfer, loss, epochs=EPOCHS, batch_size=len(x_transfer), learning_rate=1e-2, rng=100 + seed)
# with EPOCHS = 150). The check retrains seed 0 with the learner's training loss and compares networks.
RETRAIN_SEED = 0
RETRAIN_EPOCHS = 150
RETRAIN_LEARNING_RATE = 1e-2
RETRAIN_RNG_OFFSET = 100
# Training is deterministic, so the retrained network matches the learner's to rounding; a tolerance all the same
RETRAIN_RTOL, RETRAIN_ATOL = 1e-9, 1e-12


@functools.lru_cache(maxsize=1)
def _digits_default_split():
    """The default split's test images, and its transfer set, chosen as the notebook chooses it."""
    from tempnb.data import load_digits_split

    digits = load_digits_split()
    rng = np.random.default_rng(5)
    transfer = np.concatenate([rng.choice(np.flatnonzero(digits.y_train == d), 10, replace=False) for d in range(10)])
    return digits.x_test, digits.y_test, digits.x_train[transfer], digits.y_train[transfer]


# The notebook's teacher, as its cell trains it: MLP(TEACHER_SIZES, rng=TEACHER_SEED) on all the default split's
# training images, cross-entropy, epochs=40, learning_rate=1e-3, weight_decay=1e-4, rng=TEACHER_RNG (batches of 64).
TEACHER_SIZES = (64, 256, 256, 10)
TEACHER_SEED, TEACHER_RNG, TEACHER_EPOCHS = 1, 2, 40
TEACHER_LEARNING_RATE, TEACHER_WEIGHT_DECAY = 1e-3, 1e-4


@functools.lru_cache(maxsize=1)
def _reference_teacher_logits() -> dict[str, np.ndarray]:
    """The check's own copy of the notebook's teacher, retrained from its recipe (a few seconds, once per kernel).

    Returns its logits for the default split's transfer images, training images and test images, and the
    training images' labels: the check never reads the notebook's `teacher`, which the learner can change.
    """
    from tempnb.data import load_digits_split
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, train

    digits = load_digits_split()
    teacher = MLP(list(TEACHER_SIZES), rng=TEACHER_SEED)
    train(teacher, digits.x_train, lambda logits, rows: cross_entropy_loss(logits, digits.y_train[rows]),
          epochs=TEACHER_EPOCHS, learning_rate=TEACHER_LEARNING_RATE, weight_decay=TEACHER_WEIGHT_DECAY,
          rng=TEACHER_RNG)
    _, _, x_transfer, _ = _digits_default_split()
    return {"transfer": teacher.forward(x_transfer), "train": teacher.forward(digits.x_train),
            "test": teacher.forward(digits.x_test), "y_train": digits.y_train.copy()}


_USE_TARGETS = "Pass teacher_transfer_logits[rows] and y_transfer[rows] as they are."
NOTEBOOK_SEEDS = 5  # the notebook's SEEDS = range(5): the hard-label students it trains, hard_accuracy[0] to [4]


@functools.lru_cache(maxsize=NOTEBOOK_SEEDS)
def _reference_hard_accuracy(seed: int) -> float:
    """Test accuracy (%) of the notebook's hard-label student of this seed, retrained by the check (a fraction of a
    second): train_student(seed, hard_loss), cross-entropy with the labels of the default split's transfer images.
    The check never reads the notebook's hard_accuracy, which the learner can change."""
    from tempnb.distill import cross_entropy_loss
    from tempnb.models import MLP, accuracy, train

    x_test, y_test, x_transfer, y_transfer = _digits_default_split()
    student = MLP(STUDENT_SIZES, rng=seed)
    train(student, x_transfer.copy(), lambda logits, rows: cross_entropy_loss(logits, y_transfer[rows]),
          epochs=RETRAIN_EPOCHS, batch_size=len(x_transfer), learning_rate=RETRAIN_LEARNING_RATE,
          rng=RETRAIN_RNG_OFFSET + seed)
    return 100 * accuracy(student, x_test, y_test)


@functools.lru_cache(maxsize=4)
def _reference_distilled_accuracy(T: float, alpha: float) -> float:
    """Test accuracy (%) of the check's own seed-0 distilled student: train_student's recipe with
    tempnb.distillation_loss at T and alpha, on the logits of the check's own copy of the teacher."""
    from tempnb.distill import distillation_loss
    from tempnb.models import MLP, accuracy, train

    x_test, y_test, x_transfer, y_transfer = _digits_default_split()
    teacher_logits = _reference_teacher_logits()["transfer"]
    student = MLP(STUDENT_SIZES, rng=RETRAIN_SEED)
    train(student, x_transfer.copy(),
          lambda logits, rows: distillation_loss(logits, teacher_logits[rows], y_transfer[rows], T, alpha),
          epochs=RETRAIN_EPOCHS, batch_size=len(x_transfer), learning_rate=RETRAIN_LEARNING_RATE,
          rng=RETRAIN_RNG_OFFSET + RETRAIN_SEED)
    return 100 * accuracy(student, x_test, y_test)


def _baseline_problem(baseline: float) -> str | None:
    """None if the baseline passed is the seed-0 hard-label student's test accuracy; otherwise the hint."""
    x_test, _, _, _ = _digits_default_split()
    half_an_image = 50 / len(x_test)  # a baseline typed to one decimal (88.9 for 88.888...) still counts
    reference = _reference_hard_accuracy(RETRAIN_SEED)
    if abs(baseline - reference) <= half_an_image:
        return None
    wanted = (f"the bar is the hard-label student of your student's seed, 0: hard_accuracy[0], {reference:.1f}% "
              "(the check trained it itself)")
    per_seed = [_reference_hard_accuracy(seed) for seed in range(NOTEBOOK_SEEDS)]
    if abs(baseline - float(np.mean(per_seed))) < 0.05:
        return (f"the hard-label accuracy you passed, {baseline:.2f}%, is the mean over the {NOTEBOOK_SEEDS} seeds "
                f"(hard.mean()), not one student's: {wanted}.")
    other = [seed for seed in range(1, NOTEBOOK_SEEDS) if abs(baseline - per_seed[seed]) <= half_an_image]
    if other:
        return (f"the hard-label accuracy you passed, {baseline:.1f}%, is seed {other[0]}'s hard-label student "
                f"(hard_accuracy[{other[0]}]), not seed 0's: {wanted}.")
    return f"the hard-label accuracy you passed, {baseline:.1f}%, is not the seed-0 hard-label student's: {wanted}."


def _targets_problem(training_loss: Callable, chosen_T: object, alpha: object) -> str | None:
    """None if the learner's training loss is distillation_loss with the notebook's teacher's targets; else a hint.

    The check calls it on logits of its own for the 100 transfer images in order, and compares with
    tempnb.distillation_loss(logits, teacher_logits, y_transfer, chosen_T, ALPHA), the teacher's logits coming from
    the check's own copy of the teacher. The order checks before it cannot see a target that is wrong for every
    image in the same way (one-hot labels, probabilities, logits divided by T, targets of other images), since
    such targets still move with their images.
    """
    from tempnb.core import softmax
    from tempnb.distill import distillation_loss

    T, weight = number(chosen_T), number(alpha)
    reference = _reference_teacher_logits()
    _, _, _, y_transfer = _digits_default_split()
    n = len(y_transfer)
    rows = np.arange(n)
    logits = np.random.default_rng(548).normal(size=(n, 10)) * 3  # the check's own student logits
    got = _training_call(training_loss, logits.copy(), rows.copy(), "on the check's own logits")
    if isinstance(got, str):
        return got
    loss, gradient = got

    def gives(teacher_logits: np.ndarray, labels: np.ndarray) -> bool:
        want_loss, want_gradient = distillation_loss(logits, teacher_logits, labels, T, weight)
        return math.isclose(loss, want_loss, rel_tol=1e-7, abs_tol=1e-10) and close(
            gradient, want_gradient, rtol=1e-6, atol=1e-10)

    t = reference["transfer"]
    if gives(t, y_transfer):
        return None
    shifted = {"− 1": lambda a: np.roll(a, 1, axis=0), "+ 1": lambda a: np.roll(a, -1, axis=0)}
    variants = [
        (np.eye(10)[y_transfer], y_transfer,
         "your training loss passes the labels as one-hot rows where the teacher's logits go: those are the hard "
         "labels again, not the teacher's soft targets, so the student never hears from the teacher. Pass the "
         "teacher's logits for these images, teacher_transfer_logits[rows]."),
        (t, reference["y_train"][rows],
         "your labels are digits.y_train[rows], the labels of the first 100 training images: rows number the "
         "transfer images, so their labels are y_transfer[rows]."),
        (reference["train"][rows], y_transfer,
         "the teacher's logits you pass belong to other images: teacher.forward(digits.x_train)[rows] (the "
         "notebook's teacher_train_logits[rows]) are the logits of the first 100 training images, while the "
         "student trains on the transfer set, x_transfer = digits.x_train[transfer]. Use "
         "teacher_transfer_logits[rows], the teacher's logits for the transfer images."),
        (reference["test"][rows], y_transfer,
         "the teacher's logits you pass belong to other images: teacher.forward(digits.x_test)[rows] are the logits of "
         "the first 100 test images, while the student trains on the transfer set. Use teacher_transfer_logits[rows], "
         "the teacher's logits for the transfer images (and keep the test images for scoring)."),
        (softmax(t, axis=1), y_transfer,
         "you pass the teacher's probabilities, softmax(teacher_transfer_logits)[rows], where its logits are expected: "
         f"my_distillation_loss takes softmax(t, T) itself. {_USE_TARGETS}"),
        (softmax(t, T, axis=1), y_transfer,
         "you pass the teacher's soft targets, softmax(teacher_transfer_logits, T)[rows], where its logits are "
         f"expected: my_distillation_loss takes softmax(t, T) itself. {_USE_TARGETS}"),
        (t / T, y_transfer,
         "the teacher's logits are divided by T twice: you pass teacher_transfer_logits[rows] / T, and "
         f"my_distillation_loss divides them by T again inside softmax(t, T). {_USE_TARGETS}"),
    ]
    for how, shift in shifted.items():
        for which, what, teacher_logits, labels in (
                ("the teacher's logits", "the teacher's logits", shift(t), y_transfer),
                ("the labels", "the label", t, shift(y_transfer)),
                ("both targets", "the targets", shift(t), shift(y_transfer))):
            variants.append((teacher_logits, labels,
                             f"{which} are shifted by one row: image i gets {what} of image i {how} (indexed with "
                             f"rows {how.replace('−', '-')}, or moved by np.roll), so each image learns its "
                             "neighbour's targets. Index with rows itself: teacher_transfer_logits[rows] and "
                             "y_transfer[rows]."))
    for teacher_logits, labels, problem in variants:
        if gives(teacher_logits, labels):
            return problem
    want_loss, want_gradient = distillation_loss(logits, t, y_transfer, T, weight)
    if math.isclose(loss, want_loss, rel_tol=1e-5) and close(gradient, want_gradient, rtol=1e-4, atol=1e-6):
        return ("your my_training_loss gives nearly the loss and gradient of the right targets (within 1e-4, "
                f"relative), but not within the check's relative 1e-7 and 1e-6. {_LOST_DIGITS}")
    return ("your my_training_loss is not my_distillation_loss(logits, teacher_transfer_logits[rows], "
            "y_transfer[rows], chosen_T, ALPHA): on the check's own logits for the 100 transfer images, in order, its "
            "loss or gradient differs from tempnb.distillation_loss with the notebook's teacher's logits for those "
            "images and their labels. Pass teacher_transfer_logits[rows] and y_transfer[rows] unchanged.")


def _loss_variants(s: np.ndarray, t: np.ndarray, y: np.ndarray, T: float, alpha: float) -> dict[str, tuple]:
    """What typical mistakes in a distillation loss return instead of (loss, gradient)."""
    from tempnb.core import log_softmax, softmax
    from tempnb.distill import distillation_loss

    n = len(y)
    q, p, q1, p1 = softmax(s, T, axis=1), softmax(t, T, axis=1), softmax(s, axis=1), softmax(t, axis=1)
    onehot = np.eye(s.shape[1])[y]
    soft_loss, soft_grad = distillation_loss(s, t, y, T, 1.0)
    hard_loss, hard_grad = distillation_loss(s, t, y, T, 0.0)
    cross_entropy_soft = float(np.mean(-np.sum(p * np.log(q), axis=1)))  # −Σ p log q, without the teacher's entropy
    # KL(q‖p), the student's distribution weighting log q − log p
    reversed_kl = float(np.mean(np.sum(q * (log_softmax(s, T, axis=1) - log_softmax(t, T, axis=1)), axis=1)))
    return {
        "loss summed": (n * (alpha * soft_loss + (1 - alpha) * hard_loss), alpha * soft_grad + (1 - alpha) * hard_grad),
        "cross-entropy for KL": (alpha * T * T * cross_entropy_soft + (1 - alpha) * hard_loss,
                                 alpha * soft_grad + (1 - alpha) * hard_grad),
        "alpha swapped": ((1 - alpha) * soft_loss + alpha * hard_loss, (1 - alpha) * soft_grad + alpha * hard_grad),
        "hard only": (hard_loss, hard_grad),
        "soft only": (soft_loss, soft_grad),
        "no T² in the loss": (alpha * soft_loss / T**2 + (1 - alpha) * hard_loss,
                              alpha * soft_grad / T**2 + (1 - alpha) * hard_grad),
        # the KL times T instead of T² in the loss, the gradient right: seen on the loss alone
        "T, not T², in the loss": (alpha * soft_loss / T + (1 - alpha) * hard_loss,
                                   alpha * soft_grad + (1 - alpha) * hard_grad),
        "gradient without T": (None, (alpha * (q - p) / T + (1 - alpha) * (q1 - onehot)) / n),
        "gradient times T²": (None, (alpha * T * T * (q - p) + (1 - alpha) * (q1 - onehot)) / n),
        "gradient not divided by B": (None, alpha * T * (q - p) + (1 - alpha) * (q1 - onehot)),
        "gradient sign": (None, -(alpha * soft_grad + (1 - alpha) * hard_grad)),
        # the KL the wrong way round in the loss (the gradient as the exercise gives it)
        "KL reversed": (alpha * T * T * reversed_kl + (1 - alpha) * hard_loss,
                        alpha * soft_grad + (1 - alpha) * hard_grad),
        # one term's gradient with its sign flipped, the other right
        "soft gradient sign": (None, (alpha * T * (p - q) + (1 - alpha) * (q1 - onehot)) / n),
        "hard gradient sign": (None, (alpha * T * (q - p) + (1 - alpha) * (onehot - q1)) / n),
        # gradient-only slips, the loss right: only the soft term divided by B; the hard term's gradient from
        # softmax(s / T); α left off the soft term's gradient
        "only soft gradient divided by B": (None, alpha * T * (q - p) / n + (1 - alpha) * (q1 - onehot)),
        "hard gradient at T": (None, (alpha * T * (q - p) + (1 - alpha) * (q - onehot)) / n),
        "no alpha in soft gradient": (None, (T * (q - p) + (1 - alpha) * (q1 - onehot)) / n),
        # the hard term's gradient without its weight 1 − α, or divided by B twice (cold read r157, X2)
        "no 1 − alpha in hard gradient": (None, (alpha * T * (q - p) + (q1 - onehot)) / n),
        "hard gradient divided by B twice": (None, (alpha * T * (q - p) + (1 - alpha) * (q1 - onehot) / n) / n),
        # the hard term computed from softmax(s / T), the q already at hand, instead of softmax(s)
        # the soft term with the student's (or the teacher's) softmax left at T = 1; gradient to match
        "student untempered": (alpha * T * T * float(np.mean(np.sum(p * (log_softmax(t, T, axis=1)
                                                                         - log_softmax(s, axis=1)), axis=1)))
                               + (1 - alpha) * hard_loss, (alpha * T * (q1 - p) + (1 - alpha) * (q1 - onehot)) / n),
        "teacher untempered": (alpha * T * T * float(np.mean(np.sum(p1 * (log_softmax(t, axis=1)
                                                                          - log_softmax(s, T, axis=1)), axis=1)))
                               + (1 - alpha) * hard_loss, (alpha * T * (q - p1) + (1 - alpha) * (q1 - onehot)) / n),
        "hard term at T": (alpha * soft_loss + (1 - alpha) * float(np.mean(-np.sum(onehot * np.log(q), axis=1))),
                           (alpha * soft_grad + (1 - alpha) * (q - onehot) / (n * T))),
        # -log_softmax(s, axis=1)[:, y]: every row's log-probability of every row's label, a B × B matrix
        "hard term B × B": (alpha * soft_loss + (1 - alpha) * float(np.mean(-log_softmax(s, axis=1)[:, y])),
                            alpha * soft_grad + (1 - alpha) * hard_grad),
        # -np.mean(onehot * log_softmax(s)): the mean over all B · K entries, so the hard term divided by K
        "hard term over B·K": (alpha * soft_loss + (1 - alpha) * hard_loss / s.shape[1],
                               alpha * soft_grad + (1 - alpha) * hard_grad),
        # the hard term summed over the B rows, the soft term a mean (cold read r144, X1)
        "hard term summed": (alpha * soft_loss + (1 - alpha) * n * hard_loss,
                             alpha * soft_grad + (1 - alpha) * hard_grad),
        # logs in base 2: the hard term's only, or the whole loss (every log, or the loss divided by log 2)
        "hard term in bits": (alpha * soft_loss + (1 - alpha) * hard_loss / math.log(2),
                              alpha * soft_grad + (1 - alpha) * hard_grad),
        "loss in bits": ((alpha * soft_loss + (1 - alpha) * hard_loss) / math.log(2),
                         alpha * soft_grad + (1 - alpha) * hard_grad),
    }


_LOSS_HINTS = {
    "loss summed": "take the mean over the B rows, not the sum: both terms of the loss are means over the batch.",
    "cross-entropy for KL": "that is the cross-entropy −Σ p log q in the soft term; the KL also subtracts the "
                            "teacher's entropy: Σ p (log p − log q).",
    "alpha swapped": "α weighs the soft (teacher) term and 1 − α the hard (label) term; yours are the other way round.",
    "hard only": "that is the hard-label loss alone: α times the soft term is missing (with α = 0 the student "
                 "never hears from the teacher).",
    "soft only": "that is the soft term alone: add (1 − α) times the cross-entropy with the labels.",
    "no T² in the loss": "multiply the KL (its loss and its gradient) by T²: the soft term is T² times the KL.",
    "T, not T², in the loss": "the soft term's loss is T² times the KL, not T times it (your gradient is right).",
    "gradient without T": "the weighted soft term's gradient is α T (q − p) / B: T² · (q − p)/T, not (q − p)/T.",
    "gradient times T²": "the weighted soft term's gradient is α T (q − p) / B: the chain rule through s/T takes one T "
                         "back from T².",
    "gradient not divided by B": "the loss is a mean over the B rows, so its gradient is divided by B too.",
    "gradient sign": "the gradient's sign is flipped: it is q − p (student minus teacher) and softmax(s) − onehot(y).",
    "KL reversed": REVERSED_KL,
    "soft gradient sign": "the soft term's sign is flipped in your gradient: it is α T (q − p), student minus teacher, "
                          "not α T (p − q); the hard term's sign is right.",
    "hard gradient sign": "the hard term's sign is flipped in your gradient: it is (1 − α)(softmax(s) − onehot(y)), "
                          "not onehot(y) − softmax(s); the soft term's sign is right.",
    "only soft gradient divided by B": "divide the hard term's gradient by B too: the whole gradient is "
                                       "[α T (q − p) + (1 − α)(softmax(s) − onehot(y))] / B; yours divides only "
                                       "the soft term.",
    "hard gradient at T": "the hard term's gradient is softmax(s) − onehot(y), at T = 1: use softmax(s), not "
                          "softmax(s / T), the q of the soft term (your loss is right).",
    "no alpha in soft gradient": "multiply the soft term's gradient by α: α T (q − p) / B; yours has T (q − p) / B "
                                 "(your loss is right).",
    "no 1 − alpha in hard gradient": "multiply the hard term's gradient by 1 − α: (1 − α)(softmax(s) − onehot(y)) / B; "
                                     "yours has (softmax(s) − onehot(y)) / B (your loss is right).",
    "hard gradient divided by B twice": "the hard term's gradient is divided by B twice: the whole gradient is "
                                        "[α T (q − p) + (1 − α)(softmax(s) − onehot(y))] / B, one division by B "
                                        "(your loss is right).",
    "student untempered": STUDENT_UNTEMPERED,
    "teacher untempered": TEACHER_UNTEMPERED,
    "hard term at T": "the hard term is ordinary cross-entropy at T = 1: use softmax(s) (or log_softmax(s)), not "
                      "softmax(s / T), the q of the soft term.",
    "hard term B × B": "the hard term is indexed [:, labels], which picks a B×B matrix (every row's log-probability "
                       "of every row's label), and its mean mixes the rows: use log_softmax(s, axis=1)[np.arange(B), "
                       "labels], one entry per row.",
    "hard term over B·K": "the hard term is averaged over B·K entries: np.mean of the one-hot rows times "
                          "log_softmax(s) also divides by the K classes. Sum over the classes (axis=1) first, then "
                          "take the mean over the B rows.",
    "hard term summed": "the hard term's cross-entropy is a mean over the B rows, not a sum (your soft term is "
                        "right): np.mean of the rows' −log softmax(s)[label].",
    "hard term in bits": "the hard term's cross-entropy is in bits (log base 2); the course's logs are natural logs: "
                         "take it from log_softmax(s, axis=1).",
    "loss in bits": "that is the loss in bits (log base 2), the right loss divided by log 2; the course's logs are "
                    "natural logs, np.log and log_softmax.",
}


# Temperatures a learner may have written inside the loss in place of its T argument, tried before a search: the
# notebook's grid (1, 2, 4, 8, 20, chosen_T = 20 among them), the check's own, and other round numbers
WRITTEN_TEMPERATURES = (0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 8.0, 10.0, 16.0, 20.0, 30.0, 40.0, 50.0, 100.0)


def _written_settings(s: np.ndarray, t: np.ndarray, y: np.ndarray, T: float, alpha: float, loss: float,
                      grad: np.ndarray, ignored: list[str]) -> tuple[float, float] | None:
    """The (T, α) at which tempnb.distillation_loss gives the learner's loss and gradient, the arguments in
    ``ignored`` ("T", "alpha") found, the others as passed; None if no such pair gives them."""
    import scipy.optimize

    from tempnb.distill import distillation_loss

    def terms(temperature: float) -> tuple[tuple[float, np.ndarray], tuple[float, np.ndarray]]:
        """The soft term's loss and gradient (α = 1) and the hard term's (α = 0): the loss at any α is α times the
        first plus 1 − α times the second, and so is its gradient."""
        return distillation_loss(s, t, y, temperature, 1.0), distillation_loss(s, t, y, temperature, 0.0)

    def weight_at(temperature: float) -> float:
        """α from the loss alone, which is linear in it (nan where the learner's loss is not finite)."""
        if "alpha" not in ignored:
            return alpha
        (soft_loss, _), (hard_loss, _) = terms(temperature)
        with np.errstate(all="ignore"):
            return float((loss - hard_loss) / (soft_loss - hard_loss))

    def gives(temperature: float) -> bool:
        weight = weight_at(temperature)
        if not 0 <= weight <= 1:  # also false for nan: no α gives the learner's loss here
            return False
        (soft_loss, soft_grad), (hard_loss, hard_grad) = terms(temperature)
        return math.isclose(loss, weight * soft_loss + (1 - weight) * hard_loss, rel_tol=1e-7, abs_tol=1e-10) and \
            close(grad, weight * soft_grad + (1 - weight) * hard_grad, rtol=1e-6, atol=1e-10)

    if "T" not in ignored:
        return (T, weight_at(T)) if gives(T) else None
    written = next((temperature for temperature in WRITTEN_TEMPERATURES if gives(temperature)), None)
    if written is not None:
        return written, weight_at(written)

    # another T: the one whose gradient is nearest the learner's, over T in [0.1, 1000], a grid then a bounded search
    def mismatch(log_T: float) -> float:
        temperature = math.exp(log_T)
        weight = weight_at(temperature)
        (_, soft_grad), (_, hard_grad) = terms(temperature)
        with np.errstate(all="ignore"):
            distance = float(np.linalg.norm(weight * soft_grad + (1 - weight) * hard_grad - grad))
        return distance if math.isfinite(distance) else math.inf

    grid = np.linspace(math.log(0.1), math.log(1000.0), 41)
    distances = [mismatch(log_T) for log_T in grid]
    best = int(np.argmin(distances))
    if not math.isfinite(distances[best]):
        return None
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        found = scipy.optimize.minimize_scalar(mismatch, method="bounded", options={"xatol": 1e-10},
                                               bounds=(grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]))
    temperature = math.exp(float(found.x))
    return (temperature, weight_at(temperature)) if gives(temperature) else None


def _ignored_argument_problem(loss_function: Callable, s: np.ndarray, t: np.ndarray, y: np.ndarray, T: float,
                              alpha: float, loss: float, grad: np.ndarray, where: str) -> str | None:
    """The hint if the learner's loss is the distillation loss at a T or an α of its own, whatever T or alpha it
    is passed (a number, or a global such as chosen_T or ALPHA, written inside); else None.

    Probed quietly: the same logits and labels again, once with another alpha and once with another T. A loss
    that returns the same both times and is tempnb.distillation_loss at some T and α of its own is named, with
    the T and α it uses; one that returns the same but is not (a constant, say) is left to the other hints."""
    other_T, other_alpha = 2 * T, alpha / 2
    with _quietly():
        moved = {"alpha": call(loss_function, s, t, y, T, other_alpha), "T": call(loss_function, s, t, y, other_T,
                                                                                   alpha)}

    def unchanged(outcome: object) -> bool:
        value = outcome.value
        if outcome.problem or not (isinstance(value, (tuple, list)) and len(value) == 2):
            return False
        return number(value[0]) == loss and close(value[1], grad, rtol=1e-12, atol=0)

    ignored = [name for name, outcome in moved.items() if unchanged(outcome)]
    settings = _written_settings(s, t, y, T, alpha, loss, grad, ignored) if ignored else None
    if settings is None:
        return None
    found_T, weight = settings
    if abs(weight) < 1e-9:  # α = 0: the hard-label loss, where T does not matter either
        return f"{where}: your my_distillation_loss ignores its alpha argument, and {_LOSS_HINTS['hard only']}"
    if ignored == ["alpha"] and math.isclose(weight, 1.0, rel_tol=1e-9):
        return f"{where}: your my_distillation_loss ignores its alpha argument, and {_LOSS_HINTS['soft only']}"
    names = " and ".join(ignored[::-1])  # "T and alpha"
    changes = " and with ".join({"T": f"T = {other_T:g}", "alpha": f"alpha = {other_alpha:g}"}[name]
                                for name in ignored[::-1])
    uses = " and ".join({"T": f"T = {found_T:.6g}", "alpha": f"α = {weight:.6g}"}[name] for name in ignored[::-1])
    return (f"{where}: your my_distillation_loss ignores its {names} argument{'s' if len(ignored) > 1 else ''}: "
            f"called again with {changes} (the same logits and labels), it returned the same loss and gradient; "
            f"it computes the loss at {uses} whatever it is given. Use the T and alpha it is given, not a number "
            "or a global such as chosen_T or ALPHA written inside it.")


def _epsilon_loss_problem(loss: float, s: np.ndarray, t: np.ndarray, y: np.ndarray, T: float, alpha: float,
                          where: str) -> str | None:
    """The hint if the learner's loss is what an ε inside its logs gives (each ε of EPSILONS, each form of
    EPSILON_FORMS; in the soft term's logs, on either side or both, and in the cross-entropy's log or not, or in
    the cross-entropy's log only), else None. Of the placements that match, the one closest to the learner's loss
    is named: an ε of 1e-8 in the cross-entropy's log alone moves the loss about as much as one in the soft term's
    logs, but only the placement the learner wrote gives their loss to the last digits (cold read r142, X2). Where
    two are equally close (to rounding), the larger ε comes first, and at one ε the placement with the fewer logs: an
    ε the loss cannot show is not named."""
    from tempnb.core import log_softmax, softmax

    p, q = softmax(t, T, axis=1), softmax(s, T, axis=1)
    log_p, log_q = log_softmax(t, T, axis=1), log_softmax(s, T, axis=1)
    soft_exact = T * T * float(np.mean(np.sum(p * (log_p - log_q), axis=1)))
    rows = np.arange(len(y))
    label_probabilities = softmax(s, axis=1)[rows, y]
    cross_entropy = float(np.mean(-log_softmax(s, axis=1)[rows, y]))
    # two values closer than this to each other are the same to rounding: the order of the kinds then decides
    rounding = 1e-12 * max(1.0, abs(loss))

    def matches(value: float) -> bool:
        return math.isclose(loss, value, rel_tol=1e-7, abs_tol=1e-10)

    # (distance to the learner's loss, order, kind, ε, the (form, side) pairs that give that value)
    candidates: list[tuple[float, int, str, float, list]] = []
    for index, (epsilon, found) in enumerate(_epsilon_values(p, q, log_p, log_q, T)):
        with np.errstate(all="ignore"):
            padded_cross_entropy = {form: float(np.mean(-log_of(label_probabilities, epsilon)))
                                    for form, log_of in EPSILON_FORMS.items()}
        for order, (kind, values) in enumerate((
                ("plain", [(alpha * value + (1 - alpha) * cross_entropy, (form, side)) for value, form, side in found]),
                ("cross-entropy only", [(alpha * soft_exact + (1 - alpha) * padded_cross_entropy[form], (form, None))
                                        for form in EPSILON_FORMS]),
                ("with cross-entropy", [(alpha * value + (1 - alpha) * padded_cross_entropy[form], (form, side))
                                        for value, form, side in found]))):
            matching = [(abs(loss - value), entry) for value, entry in values if matches(value)]
            if matching:
                distance = max(min(d for d, _ in matching), rounding)
                entries = [entry for d, entry in matching if d <= distance + rounding]
                candidates.append((distance, 3 * index + order, kind, epsilon, entries))
    if not candidates:
        return None
    _, _, kind, epsilon, entries = min(candidates, key=lambda c: (c[0], c[1]))
    if kind == "plain":
        return (f"{where}, your loss is what {_epsilon_said(epsilon, entries, p, q, T)}. Take every log with "
                "log_softmax, which gives it exactly, with no ε.")
    if kind == "with cross-entropy":
        return (f"{where}, your loss is what {_epsilon_said(epsilon, entries, p, q, T)}, and the same "
                "ε inside the cross-entropy's log. Take every log with log_softmax, which gives it exactly, with "
                "no ε.")
    only = [form for form, _ in entries]
    smallest = (f"about {float(label_probabilities.min()):.1g}" if label_probabilities.min() > 0 else
                "about e^-800 for this student, which rounds to 0 as a double")
    return (f"{where}, your loss is what an ε of {_epsilon_text(epsilon)} inside the cross-entropy's log "
            f"gives ({' or '.join(only).replace('q', 'softmax(s)')}), with every log of the soft term exact: such an "
            "ε changes the log of a label's probability wherever it is not far above ε, and the smallest here is "
            f"{smallest}. Take every log with log_softmax, which gives it exactly, with no ε.")


def _float32_problem(loss: object, gradient: object, want_loss: float, want_gradient: np.ndarray) -> str | None:
    """The hint for a loss and gradient that are right to float32's precision (about 7 significant digits) and hold
    float32 numbers, or whose gradient is off by as much as float32 arithmetic puts it off; else None.

    Exercise 1 and Exercise 3 name a float32 answer; so does Exercise 4, even where float32 rounding would stay
    within the check's tolerances (a float32 cast at the end), since the same formula computed in float32 does not:
    with the logits cast to float32 first, the loss at T = 4 comes out 0.8e-7 to 1.6e-7 off (relative), depending on
    where the float32 values become Python floats, against the check's 1e-7, and the solution's gradient up to 12
    times the check's tolerance off. Such a loss was misnamed as an ε in the cross-entropy's log (cold read r144)."""
    close_loss = math.isclose(number(loss), want_loss, rel_tol=1e-5)
    # float32 arithmetic puts the gradient off by about 1e-7 relative: within 1e-4 (formula slips are off by about
    # the gradient's own size), but not within the check's 1e-6
    close_gradient = close(gradient, want_gradient, rtol=1e-4, atol=1e-6)
    held = [what for what, value, right in (("loss", loss, close_loss), ("gradient", gradient, close_gradient))
            if right and _float32_valued(value)]
    if held:
        are, ones, hold = ("are", "ones", "hold") if len(held) > 1 else ("is", "one", "holds")
        return ("use float64, as the rest of the course does (the checks of Exercises 1 and 3 name float32 too): "
                f"your {' and '.join(held)} {are} close to the right {ones} but {hold} float32 numbers, which keep "
                "only about 7 significant digits (rounded to float32, or computed in it). Drop .astype(np.float32), "
                "dtype=np.float32 and np.float32(...).")
    if close_loss and close_gradient and not close(gradient, want_gradient, rtol=1e-6, atol=1e-10):
        return ("your loss and gradient are close to the right ones (within about 1e-4, relative), but the gradient "
                "is not within the check's relative 1e-6: something loses digits. The usual cause is float32 "
                "arithmetic (an .astype(np.float32) on the logits, or dtype=np.float32), an ε added to a sum another. "
                "Work in float64, as the rest of the course does, with no ε.")
    return None


def _check_loss_function(loss_function: Callable) -> str | None:
    """None if the learner's distillation loss matches tempnb.distillation_loss; otherwise a hint."""
    from tempnb.distill import cross_entropy_loss, distillation_loss

    rng = np.random.default_rng(54)
    s, t = rng.normal(size=(6, 10)) * 2, rng.normal(size=(6, 10)) * 4
    y = rng.integers(0, 10, size=6)
    # the library's loss, or its cross-entropy, reached under any name (distillation_loss listed first: it is the
    # one to name when both run)
    if callable(loss_function):
        with _quietly():  # a probe: the learner's own call on these inputs comes next, and shows its prints
            shortcut = calls(loss_function, (s, t, y, 4.0, 0.7), distillation_loss, cross_entropy_loss)
        if shortcut is not None:
            return _library_shortcut(shortcut.__name__, "the loss, both its terms and its gradient,")
    for T, alpha in ((4.0, 0.7), (1.0, 0.3), (10.0, 1.0)):
        where = f"at T = {T:g}, α = {alpha:g}"
        outcome = call(loss_function, s, t, y, T, alpha)
        if outcome.error is InputChanged:
            return f"{where}, {outcome.problem}"
        if outcome.problem:
            return (f"{where}, your my_distillation_loss(student_logits, teacher_logits, labels, T, alpha) "
                    f"{_did(outcome.problem)}.")
        value = outcome.value
        if value is None:
            return "your my_distillation_loss returned None; return the pair (loss, gradient) (a missing `return`?)."
        if not (isinstance(value, (tuple, list)) and len(value) == 2):
            return (f"return a pair (loss, gradient), as tempnb.distillation_loss does; got {shown(value)}. "
                    "train_student needs the gradient to update the student.")
        loss, grad = value
        want_loss, want_grad = distillation_loss(s, t, y, T, alpha)
        if number(loss) is None:
            return "the loss (first of the pair) must be one number: " + (not_one_number(loss) or "")
        grad_array = as_array(grad)
        if grad_array is None or grad_array.shape != s.shape:
            return (f"the gradient (second of the pair) must have the logits' shape {s.shape}, one entry per "
                    f"logit; got {shown(grad)}.")
        problem = _float32_problem(loss, grad, want_loss, want_grad)
        if problem is not None:
            return f"{where}: {problem}"
        loss_ok = math.isclose(number(loss), want_loss, rel_tol=1e-7, abs_tol=1e-10)
        grad_ok = close(grad_array, want_grad, rtol=1e-6, atol=1e-10)
        if loss_ok and grad_ok:
            continue
        # a right loss rounded for printing (round(loss, 4)), named as Exercise 1 names it
        rounded = [] if loss_ok else [m.hint for m in rounded_mistakes(want_loss, "relative 1e-7") if m.answer(loss)]
        if rounded:
            return f"{where}: {rounded[0].format(got=shown(loss))}"
        # before the variants: a loss with α or T written inside can coincide with one (α = 0.3 where 0.7 is
        # passed gives the "alpha swapped" values)
        problem = _ignored_argument_problem(loss_function, s, t, y, T, alpha, number(loss), grad_array, where)
        if problem is not None:
            return problem
        variants = _loss_variants(s, t, y, T, alpha)
        # the KL without T² in the loss but the gradient right: only the loss needs mending (checked before the
        # variants, whose "no T² in the loss" also takes T² off the gradient)
        if grad_ok and not loss_ok and math.isclose(number(loss), variants["no T² in the loss"][0], rel_tol=1e-7):
            return (f"{where}: the loss's KL lacks its T²; your gradient is right: multiply the KL by T² in the "
                    "loss only, α T² mean KL(p‖q).")
        for name, (their_loss, their_grad) in variants.items():
            same_loss = loss_ok if their_loss is None else math.isclose(number(loss), their_loss, rel_tol=1e-7)
            if same_loss and close(grad_array, their_grad, rtol=1e-6, atol=1e-10) and not close(
                    their_grad, want_grad, rtol=1e-6, atol=1e-10) or (their_loss is not None and same_loss
                                                                       and not loss_ok):
                return f"{where}: {_LOSS_HINTS[name]}"
        if not loss_ok:
            # Exercise 1's slips of the soft term, weighted by α, beside the right hard term (cold read r144, X1)
            hard_loss = distillation_loss(s, t, y, T, 0.0)[0]
            for key, value in (slip for slips in _soft_term_slips(s, t, T) for slip in slips):
                if math.isclose(number(loss), alpha * value + (1 - alpha) * hard_loss, rel_tol=1e-7):
                    return f"{where}, in the soft term: {SOFT_TERM_HINTS[key]}"
            problem = _epsilon_loss_problem(number(loss), s, t, y, T, alpha, where)
            if problem is not None:
                return problem
            want_text, got_text = _both_shown(want_loss, loss)
            return (f"{where} the loss should be {want_text}, yours is {got_text}: α T² mean KL(p‖q) + "
                    "(1 − α) mean cross-entropy at T = 1, with p = softmax(t/T), q = softmax(s/T).")
        return (f"{where} your loss is right but the gradient is not: "
                "[α T (q − p) + (1 − α)(softmax(s) − onehot(y))] / B, with onehot(y) the labels as one-hot rows.")
    # A confident student, then a confident teacher (one logit 800 above the rest): at T = 1 their other
    # probabilities are about e^-800, which rounds to 0 as a double, so only log_softmax gets their logs right.
    for who, s_case, t_case in (("a confident student", s + 800.0 * (np.arange(10) == 0), t),
                                ("a confident teacher", s, t + 800.0 * (np.arange(10) == 0))):
        problem = _confident_problem(loss_function, s_case, t_case, y, who)
        if problem is not None:
            return problem
    return None


_ROUNDED_TO_0 = ("a probability that rounded to 0 (e^-800 is below the smallest double) has log 0 = -inf: "
                 "np.log(p / q) and np.log(softmax(...)) take that log (and 0 · log 0 is nan), and "
                 "scipy.special.rel_entr and scipy.special.kl_div return inf for it. "
                 "Take every log with log_softmax: log p − log q = log_softmax(t, T, axis=1) − log_softmax(s, T, "
                 "axis=1), and the cross-entropy from log_softmax(s, axis=1).")


def _confident_problem(loss_function: Callable, s: np.ndarray, t: np.ndarray, y: np.ndarray, who: str) -> str | None:
    """None if the learner's loss is right at T = 1, α = 0.5 with one side's logits 800 apart; otherwise a hint."""
    from tempnb.distill import distillation_loss

    T, alpha = 1.0, 0.5
    where = f"at T = {T:g}, α = {alpha:g}, with {who} (one logit 800 above the rest)"
    want_loss, want_grad = distillation_loss(s, t, y, T, alpha)
    outcome = call(loss_function, s, t, y, T, alpha)
    value = outcome.value
    loss, grad = value if isinstance(value, (tuple, list)) and len(value) == 2 else (None, None)
    loss_value = number(loss)
    if outcome.problem and "overflow" in outcome.problem:  # a log-softmax written without the max subtracted
        return f"{where}, your my_distillation_loss {_did(outcome.problem)}. {OVERFLOW}"
    if (outcome.problem and any(kind in outcome.problem for kind in ("divide by zero", "invalid value"))) or (
            loss_value is not None and not math.isfinite(loss_value)):
        got = outcome.problem if outcome.problem else f"your loss is {loss_value}"
        return f"{where}, {got}. {_ROUNDED_TO_0[0].upper()}{_ROUNDED_TO_0[1:]}"
    if outcome.problem:
        return f"{where}, your my_distillation_loss {_did(outcome.problem)}."
    if loss_value is None or as_array(grad) is None or as_array(grad).shape != s.shape:
        return f"{where}, return the pair (loss, gradient) as before; got {shown(value)}."
    if not math.isclose(loss_value, want_loss, rel_tol=1e-7, abs_tol=1e-10):
        problem = _epsilon_loss_problem(loss_value, s, t, y, T, alpha, where)
        if problem is not None:
            return problem
        want_text, got_text = _both_shown(want_loss, loss)
        return (f"{where} the loss should be {want_text}, yours is {got_text}: a small ε added inside a "
                "log, or a clip, changes log q where q rounds to 0 (its log is about -800). Take every log with "
                "log_softmax, which gives it exactly.")
    if not close(as_array(grad), want_grad, rtol=1e-6, atol=1e-10):
        return (f"{where} your loss is right but the gradient is not: [α T (q − p) + (1 − α)(softmax(s) − "
                "onehot(y))] / B, from softmax itself (its zeros are exact).")
    return None


# a training loss whose digits are lost on the way (its order tests and its targets' test name it)
_LOST_DIGITS = ("Something in it loses digits; the usual cause is float32 (an .astype(np.float32) on the logits or on "
                "the teacher's logits): use float64, as the rest of the course does, and pass logits, "
                "teacher_transfer_logits[rows] and y_transfer[rows] as they are.")
_TRAINING_LOSS_CALL = ("checks.check_distilled_student(distilled_student, hard_accuracy[0], my_distillation_loss, "
                       "my_training_loss, chosen_T, ALPHA)")
_INDEX_BOTH = "Index both targets with rows: teacher_transfer_logits[rows] and y_transfer[rows]."
SUBSET_SIZE = 37  # a minibatch smaller than the transfer set, as train_student(..., batch_size=37) would pass


def _non_finite_problem(where: str, loss: float, gradient: np.ndarray) -> str:
    """The hint for a training loss that returned nan or inf in its loss or its gradient (cold read r157, X1: such a
    gradient failed the order test, since nan is not equal to nan, and was named as targets that stay put)."""
    said = [f"a loss of {loss}"] if not math.isfinite(loss) else []
    bad = ~np.isfinite(gradient)
    if bad.any():
        kinds = " and ".join(kind for kind, found in (("nan", np.isnan(gradient).any()),
                                                      ("inf", np.isinf(gradient).any())) if found)
        count = int(bad.sum())
        said.append(f"a gradient with {count} {kinds} {'entry' if count == 1 else 'entries'} (of {gradient.size})")
    harm = (", and a nan or inf in the gradient would turn the student's weights into nan at the first step of "
            "training") if bad.any() else ""
    return (f"{where}, your my_training_loss returned {' and '.join(said)}. The distillation loss and its gradient are "
            f"finite for any finite logits{harm}. Return what my_distillation_loss returns for these rows: "
            f"{_SWAPPED_CALL}.")


def _logit_free_problem(gradient: np.ndarray) -> str:
    """The hint for a training loss whose gradient stays the same when the student's logits change: a placeholder such
    as (0.0, np.zeros(logits.shape)) (cold read r157, X1: it was read as one cross-entropy at T = 1)."""
    effect = (": it is all zeros, so train_student would never change the student" if not np.any(gradient) else
              ", so train_student would push the student the same way at every step, whatever it has learned")
    return ("your my_training_loss returns the same gradient whatever the student's logits are (the check called it "
            f"on the same rows with two different sets of logits){effect}. Is it still a placeholder? The gradient "
            "of the distillation loss, [αT(q − p) + (1 − α)(softmax(s) − onehot(y))] / B with q = softmax(s/T), "
            f"moves with the logits. Return {_SWAPPED_CALL}.")


def _training_call(training_loss: Callable, logits: np.ndarray, rows: np.ndarray,
                   where: str) -> tuple[float, np.ndarray] | str:
    """The learner's training loss on (logits, rows): its (loss, gradient as a float64 array), or the hint its answer
    deserves. A float32 loss or gradient is named, as in my_distillation_loss's check, so the check's retraining only
    ever meets float64 gradients, as the notebook's training does."""
    outcome = call(training_loss, logits, rows)
    if outcome.error is InputChanged:
        return f"{where}, {outcome.problem}"
    if outcome.problem:
        shapes = any(word in outcome.problem for word in ("shape", "broadcast", "combined", "out of bounds"))
        advice = (" The targets need one row per row of logits: index both with rows, "
                  "teacher_transfer_logits[rows] and y_transfer[rows].") if shapes else ""
        return f"{where}, your my_training_loss(logits, rows) {_did(outcome.problem)}.{advice}"
    value = outcome.value
    if value is None:
        return ("your my_training_loss returned None; return what my_distillation_loss returns for these rows "
                "(a missing `return`?).")
    if not (isinstance(value, (tuple, list)) and len(value) == 2):
        return (f"my_training_loss must return the pair (loss, gradient) that train_student needs, as "
                f"my_distillation_loss does; got {shown(value)}.")
    loss, gradient = value
    grad_array = as_array(gradient)
    loss_array = as_array(loss)
    if (loss_array is not None and loss_array.ndim == 0 and grad_array is not None
            and grad_array.shape == logits.shape and not (np.isfinite(loss_array) and np.isfinite(grad_array).all())):
        return _non_finite_problem(where, float(loss_array), grad_array)
    if number(loss) is None or grad_array is None or grad_array.shape != logits.shape:
        return (f"{where}, my_training_loss should return one number and a gradient of the logits' shape "
                f"{logits.shape}; got {shown(loss)} and {shown(gradient)}.")
    narrow = {what: _narrow_float(value) for what, value in (("loss", loss), ("gradient", gradient))
              if _narrow_float(value)}
    if narrow:
        said = " and its ".join(f"{what} in {dtype}" for what, dtype in narrow.items())
        return (f"{where}, your my_training_loss returns its {said}: use float64, as the rest of the course does. "
                "Return what my_distillation_loss returns as it is (no .astype(np.float32)).")
    return number(loss), grad_array


def _check_training_loss(training_loss: Callable) -> str | None:
    """None if the learner's training loss gives each image its own targets, whatever order the rows come in.

    It cannot know T or α: it gives each transfer image fixed logits of its own and compares the loss and
    gradient for the same images in different orders. Targets indexed with rows move with their images, so
    the loss (a mean over the same images) is the same and the gradient's rows are the same rows reordered;
    a target taken whole, without [rows], stays put while the images move. Before comparing the orders, it calls
    the loss once more on the images in their own order with other logits: a gradient that stays the same is a
    placeholder, named as one (a nan or inf in a loss or gradient is named by _training_call, on any call).
    """
    _, _, _, y_transfer = _digits_default_split()
    n = len(y_transfer)
    rng = np.random.default_rng(545)
    logits = rng.normal(size=(n, 10)) * 3  # each image's own logits, the check's, fixed by the seed
    identity, shuffled = np.arange(n), rng.permutation(n)
    # images swapped only with images of the same digit: the labels then stay where they were, the teacher's
    # logits do not, so a difference here comes from the teacher's targets
    same_digit = identity.copy()
    for digit in np.unique(y_transfer):
        where = np.flatnonzero(y_transfer == digit)
        same_digit[where] = rng.permutation(where)
    subset = shuffled[:SUBSET_SIZE]
    results: dict[tuple, tuple[float, np.ndarray]] = {}

    def run(label: str, rows: np.ndarray) -> str | None:
        got = _training_call(training_loss, logits[rows], rows.copy(), f"with the transfer images {label}")
        if isinstance(got, str):
            return got
        results[tuple(rows)] = got
        return None

    def agrees(rows: np.ndarray, other: np.ndarray, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
        (loss, grad), (other_loss, other_grad) = results[tuple(rows)], results[tuple(other)]
        # the gradient's row i belongs to image rows[i]: reorder the other call's rows to match
        position = np.empty(n, dtype=int)
        position[other] = np.arange(len(other))
        return math.isclose(loss, other_loss, rel_tol=rtol, abs_tol=atol) and close(
            grad, other_grad[position[rows]], rtol=rtol, atol=atol)

    def indexes_logits() -> bool:
        """Whether the training loss indexes its logits with rows as well as the targets: logits[rows] picks the
        step's images a second time. Called with the logits in the images' own order and the rows shuffled, such a
        loss gives what a right one gives for the shuffled images: the loss of the identity call, and its gradient
        rows in the shuffled order."""
        got = _training_call(training_loss, logits.copy(), shuffled.copy(), "with the transfer images shuffled")
        if isinstance(got, str):
            return False
        (loss, grad), (identity_loss, identity_grad) = got, results[tuple(identity)]
        return math.isclose(loss, identity_loss, rel_tol=1e-9, abs_tol=1e-12) and close(
            grad, identity_grad[shuffled], rtol=1e-9, atol=1e-12)

    for label, rows in (("in their own order", identity), ("shuffled", shuffled),
                        ("shuffled among images of the same digit", same_digit)):
        problem = run(label, rows)
        if problem is not None:
            return problem
    # the same images in their own order, with other logits: a gradient that does not move with them is no loss's
    doubled = _training_call(training_loss, 2 * logits, identity.copy(), "with the transfer images in their own order")
    if isinstance(doubled, str):
        return doubled
    if np.array_equal(doubled[1], results[tuple(identity)][1]):
        return _logit_free_problem(doubled[1])
    # another order changes the loss only in its last digits, as float32 arithmetic summing in another order does
    # (targets that stay put change it by about its own size): the digits are lost, the targets are right
    if not (agrees(same_digit, identity) and agrees(shuffled, identity)) and agrees(
            same_digit, identity, 1e-5, 1e-8) and agrees(shuffled, identity, 1e-5, 1e-8):
        return ("your training loss changes when the same images come in another order, but only in its last digits "
                f"(by less than 1e-5, relative), which targets that stay put would not do. {_LOST_DIGITS}")
    if not (agrees(same_digit, identity) and agrees(shuffled, identity)) and indexes_logits():
        return ("your my_training_loss indexes the logits with rows too (logits[rows]): logits already are the "
                "step's rows, the network's output for exactly the images rows names, in that order, so indexing "
                "them again picks other images. Pass them as they are, and index only the targets: "
                f"{_SWAPPED_CALL}.")
    if not agrees(same_digit, identity):
        return ("your training loss changes when the same images come in another order, even when only images of "
                "the same digit trade places: the teacher's targets do not move with their images (train_student "
                f"shuffles the rows every step, even in one full batch). {_INDEX_BOTH}")
    if not agrees(shuffled, identity):
        return ("your training loss changes when the same images come in another order (train_student shuffles the "
                "rows every step, even in one full batch), but not when only images of the same digit trade places: "
                f"the labels do not move with their images, so the student learns wrong labels. {_INDEX_BOTH}")
    for label, rows in ((f"in a minibatch of {SUBSET_SIZE} of them", subset),
                        (f"in a minibatch of {SUBSET_SIZE} of them, reversed", subset[::-1])):
        problem = run(label, rows)
        if problem is not None:
            return problem
    if not agrees(subset, subset[::-1]):
        return (f"on a minibatch of {SUBSET_SIZE} images, your training loss changes when they come in another order: "
                f"the targets do not move with their images. {_INDEX_BOTH}")
    return None


def _inferred_temperature(training_loss: Callable) -> tuple[float | None, float, float] | str:
    """The T and α inside the learner's training loss, read off its gradient: (T, α, a), or a hint.

    The gradient is G(s) = [αT(softmax(s/T) − p) + (1 − α)(softmax(s) − onehot(y))] / B. For student logits
    s1, s2 on the same rows, G(s1) − G(s2) = [αT·Δsoftmax(s/T) + (1 − α)·Δsoftmax(s)] / B: the teacher's p and
    the labels y cancel, so the check needs neither. For each T, a = αT and b = 1 − α follow by least squares;
    T is the one whose fit is exact. T = None when the soft term's gradient is indistinguishable from the hard
    one's (α = 0, or T = 1, where both are softmax(s) minus a target). a = αT is the fitted soft coefficient
    (0 when T is None): negative when the soft term pushes the student away from the teacher, as it does when the
    student's and the teacher's logits are swapped in the call (the gradient is then the teacher's side's,
    −αT·softmax(s/T) plus terms that do not depend on s, so a = −αT and b = 0, which reads as α = 1).
    """
    import scipy.optimize

    from tempnb.core import softmax

    _, _, _, y_transfer = _digits_default_split()
    n = len(y_transfer)
    rows = np.arange(n)
    rng = np.random.default_rng(546)
    # the check's own student logits, of three sizes: large ones make softmax(s/T) curve enough at T = 20 to tell
    # that T from its neighbours (at small s/T every large T looks like logit matching)
    probes = [rng.normal(size=(n, 10)) * scale for scale in (2.0, 10.0, 30.0)]
    gradients = []
    for logits in probes:
        got = _training_call(training_loss, logits, rows.copy(), "on the check's own logits")
        if isinstance(got, str):
            return got
        gradients.append(got[1])
    differences = n * np.concatenate([(g - gradients[0]).ravel() for g in gradients[1:]])
    scale = float(np.linalg.norm(differences))
    hard = np.concatenate([(softmax(s, axis=1) - softmax(probes[0], axis=1)).ravel() for s in probes[1:]])
    b_only = float(hard @ differences / (hard @ hard))
    if scale == 0:  # the gradient does not move with the logits (_check_training_loss names it first)
        return _logit_free_problem(gradients[0])
    if np.linalg.norm(b_only * hard - differences) <= 1e-7 * scale:
        return None, 1 - b_only, 0.0

    def fit(log_T: float) -> tuple[np.ndarray, float]:
        T = math.exp(log_T)
        soft = np.concatenate([(T * (softmax(s, T, axis=1) - softmax(probes[0], T, axis=1))).ravel()
                               for s in probes[1:]])
        design = np.stack([soft, hard], axis=1)
        coefficients = np.linalg.lstsq(design, differences, rcond=None)[0]
        return coefficients, float(np.linalg.norm(design @ coefficients - differences))

    # a coarse grid over T in [0.1, 1000], then a bounded 1-D search next to its best point
    grid = np.linspace(math.log(0.1), math.log(1000.0), 41)
    best = int(np.argmin([fit(log_T)[1] for log_T in grid]))
    found = scipy.optimize.minimize_scalar(lambda log_T: fit(log_T)[1], method="bounded",
                                           bounds=(grid[max(best - 1, 0)], grid[min(best + 1, len(grid) - 1)]),
                                           options={"xatol": 1e-10})
    (a, b), residual = fit(float(found.x))
    if residual > 1e-6 * scale:
        return ("your my_training_loss's gradient is not [αT(q − p) + (1 − α)(softmax(s) − onehot(y))] / B for any "
                "T and α: return my_distillation_loss(logits, teacher_transfer_logits[rows], y_transfer[rows], "
                "chosen_T, ALPHA) as it is.")
    return math.exp(float(found.x)), 1 - float(b), float(a)


def _temperature_problem(training_loss: Callable, chosen_T: object, alpha: object,
                         call_text: str = _TRAINING_LOSS_CALL) -> str | None:
    """None if the learner's training loss distils at chosen_T and ALPHA; otherwise the hint."""
    if number(chosen_T) is None or number(alpha) is None:
        return ("pass chosen_T and ALPHA too, the temperature and weight your my_training_loss is meant to use, so "
                f"the check can confirm them: {call_text}.")
    T_wanted, alpha_wanted = number(chosen_T), number(alpha)
    asks = f"the exercise asks for chosen_T = {EXERCISE_T:g} and ALPHA = {EXERCISE_ALPHA:g}"
    if not (math.isclose(T_wanted, EXERCISE_T, rel_tol=1e-9) and math.isclose(alpha_wanted, EXERCISE_ALPHA,
                                                                               rel_tol=1e-9)):
        return (f"you passed chosen_T = {T_wanted:g} and ALPHA = {alpha_wanted:g}, but {asks}: the temperature the "
                "notebook chose on the validation images, not one picked by its test score, and the notebook's "
                "weight. Train with my_training_loss at chosen_T and ALPHA as the notebook set them, and pass both "
                "as they are.")
    inferred = _inferred_temperature(training_loss)
    if isinstance(inferred, str):
        return inferred
    T, alpha_found, soft_coefficient = inferred
    if T is not None and soft_coefficient < 0:
        # the soft term pushes the student's logits away from the teacher's: the two are swapped in the call (as
        # confirmed on the check's own teacher), or the learner's loss has the soft gradient's sign flipped
        swapped = _swapped_problem(training_loss, T_wanted, alpha_wanted)
        return swapped or (f"your my_training_loss's soft term pushes the student away from the teacher (its gradient "
                           f"is −αT(q − p), not αT(q − p)): are the student's and the teacher's logits swapped? "
                           f"The student's come first: {_SWAPPED_CALL}.")
    if T is None:  # a gradient of one cross-entropy at T = 1: α = 0, or T = 1
        if alpha_wanted == 0 or T_wanted == 1:
            return None
        return ("your my_training_loss trains the student as one cross-entropy at T = 1: it ignores the teacher "
                f"(α = 0, the hard-label loss), or it distils at T = 1, where the soft term adds nothing new; {asks}.")
    if alpha_wanted == 0 and math.isclose(alpha_found, 0, abs_tol=1e-6):
        return None  # without the soft term, T does not matter
    if not (math.isclose(T, T_wanted, rel_tol=1e-6) and math.isclose(alpha_found, alpha_wanted, rel_tol=1e-6,
                                                                     abs_tol=1e-9)):
        def shown_near(value: float, wanted: float) -> str:  # more digits when 3 would hide the difference
            hidden = f"{value:.3g}" == f"{wanted:.3g}" and not math.isclose(value, wanted, rel_tol=1e-6)
            return f"{value:.7g}" if hidden else f"{value:.3g}"
        return (f"your my_training_loss distils at T ≈ {shown_near(T, T_wanted)} and α ≈ "
                f"{shown_near(alpha_found, alpha_wanted)}; {asks}.")
    return None


_SWAPPED_CALL = "my_distillation_loss(logits, teacher_transfer_logits[rows], y_transfer[rows], chosen_T, ALPHA)"


def _swapped_problem(training_loss: Callable, T: float, alpha: float) -> str | None:
    """The hint if the learner's training loss is distillation_loss with the student's and the teacher's logits
    swapped, my_distillation_loss(teacher_transfer_logits[rows], logits, ...), at T and alpha; otherwise None.

    Compared on the check's own logits for the 100 transfer images, in order, with the logits of the check's own
    copy of the notebook's teacher."""
    from tempnb.distill import distillation_loss

    _, _, _, y_transfer = _digits_default_split()
    n = len(y_transfer)
    logits = np.random.default_rng(549).normal(size=(n, 10)) * 3  # the check's own student logits
    got = _training_call(training_loss, logits.copy(), np.arange(n), "on the check's own logits")
    if isinstance(got, str):
        return None
    loss, gradient = got
    want_loss, want_gradient = distillation_loss(_reference_teacher_logits()["transfer"], logits, y_transfer, T, alpha)
    if math.isclose(loss, want_loss, rel_tol=1e-7, abs_tol=1e-10) and close(gradient, want_gradient, rtol=1e-6,
                                                                             atol=1e-10):
        return ("the student's and the teacher's logits are swapped: the student's come first, "
                f"{_SWAPPED_CALL}. Yours passes teacher_transfer_logits[rows] as the student's and logits as the "
                "teacher's, so the gradient is taken with respect to the teacher's logits.")
    return None


def _own_loss_problem(training_loss: Callable, loss_function: Callable) -> str | None:
    """None if the learner's training loss runs their own loss_function and not tempnb.distillation_loss; otherwise
    the hint. Watched on one call with the check's own logits for the 100 transfer images, in order."""
    from tempnb.distill import distillation_loss

    _, _, _, y_transfer = _digits_default_split()
    n = len(y_transfer)
    args = (np.random.default_rng(547).normal(size=(n, 10)) * 3, np.arange(n))
    if calls(training_loss, args, distillation_loss) is not None:
        return ("your my_training_loss calls distillation_loss (tempnb.distillation_loss), not your "
                "my_distillation_loss: train_student would train with the library's loss, not yours, so the check "
                f"could not test what you wrote. Return {_SWAPPED_CALL}.")
    if getattr(loss_function, "__code__", None) is not None and calls(training_loss, args, loss_function) is None:
        return ("your my_training_loss gives the right loss and gradient but never runs the my_distillation_loss you "
                "pass to the check, so the student would not be trained with the loss the check tested. Return "
                f"{_SWAPPED_CALL}.")
    return None


class _TrainingStopped(Exception):
    """The learner's training loss failed during the check's retraining (its message is the hint)."""


def _retrained_student(training_loss: Callable):
    """train_student(0, training_loss) redone by the check, on its own copy of the transfer images.

    Returns the trained MLP, or the hint a failing training loss deserves.
    """
    from tempnb.models import MLP, train

    _, _, x_transfer, _ = _digits_default_split()

    def loss(logits: np.ndarray, rows: np.ndarray) -> tuple[float, np.ndarray]:
        got = _training_call(training_loss, logits, rows, "while the check retrained your student")
        if isinstance(got, str):
            raise _TrainingStopped(got)
        return got

    student = MLP(STUDENT_SIZES, rng=RETRAIN_SEED)
    try:
        train(student, x_transfer.copy(), loss, epochs=RETRAIN_EPOCHS, batch_size=len(x_transfer),
              learning_rate=RETRAIN_LEARNING_RATE, rng=RETRAIN_RNG_OFFSET + RETRAIN_SEED)
    except _TrainingStopped as stopped:
        return str(stopped)
    return student


def _functions_problem(loss_function: object, training_loss: object, chosen_T: object, alpha: object,
                       call_text: str) -> str | None:
    """None if the learner's my_distillation_loss and my_training_loss pass every test that needs no training;
    otherwise the hint. ``call_text`` is the check call the hints show (this check's or the one after training)."""
    if loss_function is None or loss_function is Ellipsis:
        position = "third" if call_text == _TRAINING_LOSS_CALL else "first"
        return (f"pass your my_distillation_loss too, {position}, as the exercise's cell does: the check tests it on "
                f"fixed inputs (confident logits included) before it trains anything: {call_text}.")
    problem = _check_loss_function(loss_function)
    if problem is not None:
        return problem
    if training_loss is None or training_loss is Ellipsis:
        return ("pass your training loss too, the function you give train_student: def my_training_loss(logits, "
                "rows) returning my_distillation_loss(logits, teacher_transfer_logits[rows], y_transfer[rows], "
                f"chosen_T, ALPHA), then {call_text}.")
    if not callable(training_loss):
        return (f"the training loss, your my_training_loss(logits, rows) that you give train_student, must be a "
                f"function, not {shown(training_loss)}.")
    return (_check_training_loss(training_loss) or _temperature_problem(training_loss, chosen_T, alpha, call_text)
            or _targets_problem(training_loss, chosen_T, alpha) or _own_loss_problem(training_loss, loss_function))


_FUNCTIONS_CALL = "checks.check_distillation_losses(my_distillation_loss, my_training_loss, chosen_T, ALPHA)"


def check_distillation_losses(loss_function: object, training_loss: object = None, chosen_T: object = None,
                              alpha: object = None) -> None:
    """Exercise 05.4, before any training: the learner's ``my_distillation_loss`` and ``my_training_loss``.

    Every test of check_distilled_student that needs no trained student, in its order: the loss against
    tempnb.distillation_loss on fixed inputs, the training loss's targets moving with their rows, its T and α (read
    off its gradient) against ``chosen_T`` and ``alpha``, its targets against the check's own copy of the teacher,
    and that it runs ``loss_function``. A learner's slip that would make train_student raise (a missing return, a
    gradient of the wrong shape) gets its hint here, before train_student is ever called (cold read r142, X1).
    """
    problem = _functions_problem(loss_function, training_loss, chosen_T, alpha, _FUNCTIONS_CALL)
    if problem is not None:
        return hint(problem)
    return passed(f"Your my_distillation_loss agrees with tempnb.distillation_loss (confident logits included), and "
                  f"your my_training_loss runs it with targets that move with their rows, at T = "
                  f"{number(chosen_T):g} and α = {number(alpha):g}. Train your student with them in the next cell.")


def check_distilled_student(student: object, hard_label_accuracy: float, loss_function: Callable | None = None,
                            training_loss: Callable | None = None, chosen_T: object = None,
                            alpha: object = None) -> None:
    """Exercise 05.4: a distilled student that scores like the check's own (within REFERENCE_IMAGES test images)
    and beats the hard-label student by REQUIRED_GAIN points.

    First checks ``loss_function`` (the learner's ``my_distillation_loss``, which the call must pass) against
    tempnb.distillation_loss on a small seeded batch. Then checks ``training_loss`` (the learner's
    ``my_training_loss(logits, rows)``, which train_student is given): the same images in other
    orders must give the same loss and the same gradient rows, so both targets are indexed with rows.
    A pass needs it. It scores the learner's trained student on the held-out test images, compares
    with the hard-label student's accuracy that the notebook already measured, and retrains seed 0
    with ``training_loss`` by train_student's recipe (on its own copy of the default split's transfer
    images) to confirm that the student passed is the one that loss trains. Before any training, it reads
    the T and α inside ``training_loss`` off its gradient on the check's own logits (the teacher's targets
    and the labels cancel in the difference of two gradients) and compares them with ``chosen_T`` and
    ``alpha`` (the notebook's ALPHA), which the call must pass and which must be the exercise's own, EXERCISE_T and
    EXERCISE_ALPHA (the validation-chosen T = 20 and α = 0.9), whatever the learner trained with. Then it
    compares ``training_loss`` on the 100 transfer images with tempnb.distillation_loss on the logits of the check's
    own copy of the notebook's teacher (retrained once from its recipe), naming a target that is wrong for every
    image alike: one-hot labels, other images' labels or logits, rows shifted by one, probabilities, or logits
    already divided by T. It confirms that ``training_loss`` runs ``loss_function`` (not tempnb.distillation_loss), so
    the student is trained with the loss the check tested. It scores on the default split, load_digits_split(),
    and passes only a student that fits that split's transfer images. Last, it trains its own seed-0 student with
    tempnb.distillation_loss at ``chosen_T`` and ``alpha`` and compares the two test scores.
    """
    from tempnb.models import MLP, accuracy

    problem = _functions_problem(loss_function, training_loss, chosen_T, alpha, _TRAINING_LOSS_CALL)
    if problem is not None:
        return hint(problem)
    if student is None or student is Ellipsis:
        return hint("replace the None with your trained student (an MLP of sizes [64, 32, 10]).")
    if not isinstance(student, MLP):
        return hint(f"pass the trained student itself (a tempnb.models.MLP), not {shown(student)}.")
    sizes = tuple(student.sizes)
    if sizes != STUDENT_SIZES:
        return hint(f"the exercise is about the small student, layer sizes {list(STUDENT_SIZES)}; this network "
                    f"has {list(sizes)} ({student.n_parameters:,} parameters).")
    baseline = number(hard_label_accuracy)
    if baseline is None or not 0 <= baseline <= 100:
        return hint("pass the hard-label student's accuracy in percent, hard_accuracy[0].")
    if baseline <= 1:  # no student of this size scores 1% on ten balanced digits: a fraction, not percent
        return hint(f"the hard-label accuracy you passed, {baseline:g}, looks like a fraction: pass it in percent "
                    f"({100 * baseline:g}), as hard_accuracy[0] holds it.")
    x_test, y_test, x_transfer, y_transfer = _digits_default_split()
    score = 100 * accuracy(student, x_test, y_test)
    if score < 20:
        return hint(f"your student scores {score:.1f}% on the test images, about chance: has it been trained? "
                    "Use train_student(0, my_training_loss). If it has, its targets may not line up with its images: "
                    "train shuffles the images every step, even in one full batch, so index the targets with "
                    "the rows it passes: teacher_transfer_logits[rows] and y_transfer[rows].")
    gain = score - baseline
    # A student distilled on the default split's transfer set fits its 100 images (98 to 100 of them at T = 20, seeds
    # 0-4); one trained on
    # another split's (load_digits_split(seed=1)) gets about 94, yet scores high on these test images, many of which
    # its teacher trained on. So a pass needs the fit too.
    fit = 100 * accuracy(student, x_transfer, y_transfer)
    if gain >= REQUIRED_GAIN and fit < MIN_TRANSFER_FIT:
        return hint(f"your student gets only {fit:.0f} of the default split's 100 transfer images right (a student "
                    "distilled on them gets 97 or more): was it trained on another split, such as "
                    "load_digits_split(seed=1)? The check scores on the default split's test images, and another "
                    "split's teacher trained on many of them, which flatters the score. Reload the data with "
                    "load_digits_split(), rerun the notebook, and train your student again.")
    retrained = _retrained_student(training_loss)
    if isinstance(retrained, str):
        return hint(retrained)
    if not all(np.allclose(mine, theirs, rtol=RETRAIN_RTOL, atol=RETRAIN_ATOL)
               for mine, theirs in zip(retrained.parameters, student.parameters, strict=True)):
        return hint("the student you pass was not trained by train_student(0, my_training_loss): retrain it with "
                    "exactly that call (seed 0) and pass the result. (The check redid that call on the default "
                    "split's transfer images and got another network.)")
    problem = _baseline_problem(baseline)
    if problem is not None:
        return hint(problem)
    reference = _reference_distilled_accuracy(number(chosen_T), number(alpha))
    one_image = 100 / len(y_test)
    if abs(score - reference) > (REFERENCE_IMAGES + 0.5) * one_image:
        return hint(f"your loss passes every test, and your student is the network train_student(0, "
                    f"my_training_loss) trains, yet it scores {score:.1f}% on the test images against {reference:.1f}% "
                    "for the check's own student, trained with tempnb.distillation_loss at the same T and α: the "
                    "accuracy is off by rounding or data order, not by your loss. Rerun the notebook from the top in a "
                    "fresh kernel (Kernel > Restart Kernel and Run All Cells), then this cell.")
    if gain >= REQUIRED_GAIN:
        return passed(f"Your distilled student scores {score:.1f}% on the held-out test images, {gain:.1f} points "
                      f"above the hard-label student ({baseline:.1f}%), as the check's own student does "
                      f"({reference:.1f}%). (The check tested your loss function on "
                      "fixed inputs, confirmed that your training loss runs it, lines both targets up with the rows it "
                      f"is given and, from its gradient, distils at T = {number(chosen_T):g} and α = "
                      f"{number(alpha):g}, retrained your student with train_student(0, my_training_loss) and got "
                      "the same network, and scored it.)")
    if abs(gain) < 0.05:
        return hint(f"your student scores exactly the hard-label student's {baseline:.1f}%: does my_training_loss "
                    "ignore the teacher (α = 0, or the hard-label loss itself)?")
    return hint(f"your loss passes every test, and your student scores as the check's own does at the T = "
                f"{number(chosen_T):g} and α = {number(alpha):g} you passed ({score:.1f}%), but that is only "
                f"{gain:+.1f} points against the hard-label student ({baseline:.1f}%); the target is "
                f"+{REQUIRED_GAIN:g}. So the settings are the problem: at a low temperature (1 or 2) the soft "
                "targets are nearly one-hot, and a small α leaves the teacher's term little weight. Train at "
                "chosen_T, the temperature the notebook chose on the validation images (not one tuned on the test "
                "score), with α = ALPHA, and pass both as they are.")
