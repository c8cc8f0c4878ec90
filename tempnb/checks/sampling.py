"""Exercise checks for notebook 06-sampling."""

from __future__ import annotations

import contextlib
import copy
import io
import itertools
import math
import os
import warnings
from collections.abc import Callable, Iterator

import numpy as np

from tempnb.checks._common import (
    Case,
    InputChanged,
    Mistake,
    Outcome,
    as_array,
    call,
    calls,
    close,
    diagnose,
    first_miss,
    hint,
    lines_run,
    passed,
    run_cases,
    shown,
)
from tempnb.checks.temperature import names_model

_LOGITS = np.array([1.0, -np.inf, 2.0, 0.5, 2.0])  # index 1 is masked
_LOGITS.flags.writeable = False  # the learner's code only ever gets copies


class _WatchedGenerator:
    """Stands in for a ``numpy.random.Generator``: records which methods the learner's code calls.

    With a ``script``, ``random()`` and ``uniform()`` hand out those uniform numbers first (then
    continue from a seeded generator), so the check knows exactly which u each draw used. With
    ``script_noise`` as well, ``gumbel()`` and the exponential draws take their u from the script too,
    turned into -log(-log u) and -log u, the noise a learner makes from those uniforms.
    Every other method is passed on to a real seeded Generator.
    """

    def __init__(self, seed: int, script: tuple[float, ...] = (), script_noise: bool = False):
        self._real = np.random.default_rng(seed)
        self._script: Iterator[float] = iter(script)
        self._script_noise = script_noise
        self.used: list[str] = []
        self.uniforms_taken = 0
        self.gumbel_draws: list[np.ndarray] = []
        self.uniform_draws: list[np.ndarray] = []  # what each random() call returned
        self.exponential_draws: list[np.ndarray] = []  # standard exponential draws, whatever the scale asked

    def _next(self) -> float:
        self.uniforms_taken += 1
        scripted = next(self._script, None)
        return float(self._real.random()) if scripted is None else scripted

    def random(self, size=None, dtype=np.float64, out=None):  # noqa: ANN001 (numpy's signature)
        self.used.append("random")
        if size is None:
            value = self._next()
            self.uniform_draws.append(np.array(value))
            return value
        shape = (size,) if np.ndim(size) == 0 else tuple(size)
        values = np.array([self._next() for _ in range(math.prod(shape))], dtype=dtype).reshape(shape)
        self.uniform_draws.append(np.array(values, dtype=float, copy=True))
        return values

    def uniform(self, low=0.0, high=1.0, size=None):  # noqa: ANN001
        self.used.append("uniform")
        values = low + (high - low) * self.random(size)
        self.uniform_draws[-1] = np.array(values, dtype=float, copy=True)  # the numbers the learner got
        return values

    def _scripted(self, size) -> np.ndarray:  # noqa: ANN001
        """Uniform numbers from the script, shaped as ``size`` asks (a 0-d array for None)."""
        shape = () if size is None else (size,) if np.ndim(size) == 0 else tuple(size)
        return np.array([self._next() for _ in range(math.prod(shape))], dtype=float).reshape(shape)

    def gumbel(self, loc=0.0, scale=1.0, size=None):  # noqa: ANN001 (numpy's signature)
        """A real Gumbel draw, recorded as a standard one, (draw - loc) / scale, so a check can recompute
        argmax(z / T + g) with the very same g. argmax(z + scale * g) is argmax(z / T + g) when scale == T."""
        self.used.append("gumbel")
        if self._script_noise:
            draw = loc + scale * -np.log(-np.log(self._scripted(size)))
            return float(draw) if size is None else draw
        draw = self._real.gumbel(loc, scale, size)
        self.gumbel_draws.append((np.array(draw, dtype=float, copy=True) - loc) / scale)
        return draw

    def exponential(self, scale=1.0, size=None):  # noqa: ANN001 (numpy's signature)
        """A real exponential draw, recorded as a standard one (divided by its scale)."""
        self.used.append("exponential")
        if self._script_noise:
            draw = scale * -np.log(self._scripted(size))
            return float(draw) if size is None else draw
        draw = self._real.exponential(scale, size)
        self.exponential_draws.append(np.array(draw, dtype=float, copy=True) / scale)
        return draw

    def standard_exponential(self, size=None, dtype=np.float64, method="zig", out=None):  # noqa: ANN001
        self.used.append("standard_exponential")
        if self._script_noise:
            draw = -np.log(self._scripted(size))
            return float(draw) if size is None else draw.astype(dtype)
        draw = self._real.standard_exponential(size, dtype=dtype, method=method)
        self.exponential_draws.append(np.array(draw, dtype=float, copy=True))
        return draw

    def __getattr__(self, name: str):
        self.used.append(name)
        return getattr(self._real, name)

    def __repr__(self) -> str:
        return "Generator(PCG64)"

    @property
    def __class__(self):  # noqa: ANN204
        """isinstance(rng, np.random.Generator) holds, so code that validates its rng (tempnb.sample's
        check_rng, scipy's random_state) takes the stand-in as the Generator it stands for."""
        return np.random.Generator


# An exception message that names the stand-in reads like NumPy's own: "... 'float' and 'Generator'".
_WatchedGenerator.__name__ = _WatchedGenerator.__qualname__ = "Generator"


_STAND_IN = (" (the check hands your function a recording stand-in for a numpy Generator, shown as Generator(PCG64): "
             "it has the Generator's methods, so call them on rng directly, rng.random(...), rather than handing rng "
             "to a function that inspects it)")


def _problem(problem: str) -> str:
    """A problem the learner's call ran into, with a word on the stand-in generator when a message names it."""
    return problem + (_STAND_IN if "Generator(PCG64)" in problem else "")


def _booleans(value: object) -> str:
    """Booleans as the learner returned them, True and False (shown() reads them as 1.0 and 0.0)."""
    array = np.asarray(value)
    return str(array.tolist()) if array.size <= 12 else f"an array of shape {array.shape}"


def _library_sampler(sampler: Callable, args: tuple) -> Callable | None:
    """The tempnb sampler the learner's code runs (tempnb.sample, under any name), or None."""
    from tempnb.sampling import sample

    with contextlib.redirect_stdout(io.StringIO()):  # a probe: the learner's own call comes next and shows its prints
        return calls(sampler, args, sample)


def _index(value: object) -> int | None:
    """The learner's answer as one index: an int, a NumPy integer, or a float such as 2.0; not an array."""
    if isinstance(value, (bool, np.bool_)):
        return None
    array = as_array(value)
    if array is None or array.ndim != 0 or not np.isfinite(array) or not float(array).is_integer():
        return None
    return int(array)


def _not_an_index(value: object, shape_advice: str = "rng.random(1) or a list of u gives one: draw u = "
                                                      "rng.random(), or return int(index[0]).") -> str:
    if isinstance(value, np.ndarray) and value.dtype == bool:
        return (f"you returned a boolean array ({_booleans(value)}), not an index: np.argmax(u < cdf) gives the index "
                "of the first True.")
    array = as_array(value)
    if array is not None and array.size == 1 and array.ndim > 0:
        return (f"each call must return one integer index, not an array of shape {array.shape} "
                f"({np.asarray(value).tolist()}); {shape_advice}")
    if isinstance(value, (bool, np.bool_)) or (array is not None and array.dtype == bool):
        return (f"you returned a boolean ({_booleans(value)}), not an index: np.argmax(u < cdf) gives the index of "
                "the first True.")
    return f"each call must return one integer index; got {shown(value)}."


_SEARCHSORTED_MINUS_ONE = (" np.searchsorted(cdf, u, side='right') already is the first index whose cumulative "
                           "probability exceeds u: do not subtract 1 from it.")


def check_inverse_cdf_sampler(sampler: Callable) -> None:
    """Exercise 06.1 as it was until December 2026: ``sampler(logits, rng)`` draws one index by the inverse CDF,
    from one vector of logits. Kept for learners' saved copies; the exercise now takes a batch (check_batch_sampler).

    Each draw gets a generator whose ``random()`` returns a chosen u, so the learner's answer
    must be exactly the inverse-CDF index of that u: the first index whose cumulative
    probability exceeds u. That tells the inverse CDF apart from ``rng.choice`` and friends.
    """
    from tempnb.core import softmax

    cdf = np.cumsum(softmax(_LOGITS))
    # Uniform numbers spread over [0, 1), none within 1e-6 of a step of the CDF (where a
    # rounding difference could change the answer), and one 1e-5 past the end of token 0's piece,
    # where the masked token 1 would start if a finite stand-in for its -inf (0, -5, ...) gave it a piece.
    uniforms = sorted([*(u for u in (np.arange(40) + 0.5) / 40 if np.min(np.abs(cdf - u)) > 1e-6),
                       float(cdf[0]) + 1e-5])
    if _library_sampler(sampler, (_LOGITS, _WatchedGenerator(seed=0, script=(0.5,)))):
        return hint(_builds_it("sample", "Inverse CDF: cdf = np.cumsum(softmax(logits)), one u = rng.random(), and "
                                         "the first index whose cumulative probability exceeds u, "
                                         "np.searchsorted(cdf, u, side='right')."))
    for number, u in enumerate(uniforms):
        rng = _WatchedGenerator(seed=number, script=(float(u),))
        outcome = call(sampler, _LOGITS, rng)
        if "choice" in rng.used:
            return hint("rng.choice(..., p=...) samples for you (NumPy runs the inverse CDF inside it); the "
                        "exercise is to build it: cdf = np.cumsum(probs), one u = rng.random(), and the first "
                        "index whose cdf exceeds u.")
        if "integers" in rng.used:
            return hint("rng.integers draws every index equally often, ignoring the probabilities: draw "
                        "u = rng.random() and look it up in the cumulative probabilities.")
        if "gumbel" in rng.used:
            return hint("that is the Gumbel-max trick (Exercise 2); here, invert the CDF: "
                        "one u = rng.random(), then the first index whose cumulative probability exceeds u.")
        if outcome.error is InputChanged:
            return hint(outcome.problem)
        if outcome.problem:
            extra = (" If u came from rng.random(1), that is an array of shape (1,): draw one number with "
                     "rng.random()." if "0-dimensional" in outcome.problem or "ndim" in outcome.problem else "")
            return hint(f"{_problem(outcome.problem)}.{extra}")
        if outcome.value is None:
            return hint("your function returned None; return the index (a missing `return`?).")
        index = _index(outcome.value)
        expected = int(np.searchsorted(cdf, u, side="right"))
        if index is None:
            probs = softmax(_LOGITS)
            value = as_array(outcome.value)
            if value is not None and value.ndim == 0 and close(value, probs[expected]):
                return hint(f"you returned the probability of the drawn token, not its index: with u = {u:.4f} the "
                            f"inverse CDF draws token {expected}, whose probability is {probs[expected]:.6f}, and "
                            f"your function returned {shown(outcome.value)}. Return the index k itself "
                            "(np.searchsorted(cdf, u, side='right')), not probs[k].")
            return hint(_not_an_index(outcome.value))
        for shift, where, fix in ((1, "one past", "do not add 1, and look u up in the running totals that "
                                   "include each token, np.cumsum(probs) with probs = softmax(logits), not in the "
                                   "totals before it (np.cumsum(probs) - probs)"),
                                  (-1, "one before", "do not subtract 1")):
            if index == expected + shift and _shifted_by(sampler, cdf, uniforms, shift):
                return hint(f"your index is {where} the inverse-CDF index for every u (with u = {u:.4f} you "
                            f"returned {index}, the inverse CDF gives {expected}): {fix}. np.argmax(cdf > u) and "
                            "np.searchsorted(cdf, u, side='right') already are the first index whose cumulative "
                            "probability exceeds u, counted from 0.")
        if index != expected and _exclusive_cumsum(sampler, cdf, uniforms):
            return hint(f"your index is the first whose running total before it exceeds u, for every u (with "
                        f"u = {u:.4f} you returned {index}, the inverse CDF gives {expected}): look u up in the "
                        "running totals that include each token, np.cumsum(probs) with probs = softmax(logits), "
                        "not in the totals before it (np.cumsum(probs) - probs). np.argmax(cdf > u) and "
                        "np.searchsorted(cdf, u, side='right') already are the first index whose cumulative "
                        "probability exceeds u, counted from 0.")
        sorted_hint = _sorted_first(sampler, uniforms) if index != expected else None
        if sorted_hint is not None:
            return hint(f"with u = {u:.4f} your sampler returned {index}; the inverse CDF returns {expected}. "
                        f"{sorted_hint}")
        if not 0 <= index < _LOGITS.size:
            extra = (" No cumulative sum exceeded u: build the CDF from the probabilities, np.cumsum(softmax(logits)), "
                     "which ends at 1, not from the logits." if index == _LOGITS.size else "")
            if index == -1:
                extra = _SEARCHSORTED_MINUS_ONE
            return hint(f"an index outside [0, {_LOGITS.size - 1}] was returned: {index}.{extra}")
        if index == 1:
            if _masked_given_a_piece(sampler):
                return hint(f"the masked entry (logit -inf, index 1) was drawn with u = {u:.5f} (the inverse CDF "
                            f"gives {expected}), and on logits [2, -inf] your sampler draws the masked entry when u "
                            "is close to 1: it gives the masked entry a piece of the CDF, as if its logit were a "
                            "finite number, so keep -inf as -inf. np.exp(-np.inf) is exactly 0.0: softmax gives it "
                            "probability 0 and a piece of length 0; a finite stand-in such as 0 or -5 "
                            "(np.nan_to_num(z, neginf=0), np.clip, np.maximum) gives it a small but real chance.")
            return hint("the masked entry (logit -inf, index 1) was drawn; it must have probability 0.")
        if not {"random", "uniform"} & set(rng.used):
            return hint("draw your uniform number with rng.random() (or rng.uniform()), from the rng you are given.")
        if rng.uniforms_taken != 1:
            return hint(f"your sampler took {rng.uniforms_taken} uniform numbers for one draw; "
                        "the inverse CDF needs exactly one.")
        if index != expected and _one_minus_u(sampler, cdf, uniforms):
            return hint(f"with u = {u:.4f} your sampler returned {index}, the inverse-CDF index of 1 - u; the "
                        f"inverse CDF of u returns {expected}. 1 - u is uniform too, but the check gives you its u: "
                        "use u = rng.random() as given, not 1 - u.")
        if index != expected:
            extra = _SEARCHSORTED_MINUS_ONE if index == expected - 1 else ""
            unnormalised = np.cumsum(np.exp(_LOGITS))  # exp(logits) summed, never divided by the total
            if index == int(np.searchsorted(unnormalised, u, side="right")) and _uses_unnormalised(sampler):
                extra = (f" Your index is the one for the cumulative sums of exp(logits), "
                         f"{np.round(unnormalised, 4).tolist()}, which end at {unnormalised[-1]:.4f}, not 1: "
                         "divide by the total first (softmax), or scale u by cdf[-1].")
            if _raw_logit_totals(sampler):
                extra = (f" Your index is the one for the running total of the raw logits, np.cumsum(logits) = "
                         f"{np.cumsum(_LOGITS).tolist()}, not of the probabilities: softmax them first, "
                         "cdf = np.cumsum(softmax(logits)), whose last entry is 1.")
            tempered = _tempered_extra(sampler, uniforms)
            if tempered is not None:
                extra = tempered
            shifted = np.cumsum(np.exp(_LOGITS - np.max(_LOGITS)))  # the overflow guard without the division
            if _follows_cdf(sampler, shifted, uniforms):
                extra = (f" Your index is the one for the cumulative sums of exp(logits - max(logits)), "
                         f"{np.round(shifted, 4).tolist()}, which end at {shifted[-1]:.4f}, not 1: subtracting "
                         "the maximum keeps exp from overflowing but does not normalise. Divide by the total "
                         "too (that is softmax), or scale u by cdf[-1].")
            return hint(f"with u = {u:.4f} your sampler returned {index}; the inverse CDF returns {expected}, the "
                        f"first index whose cumulative probability exceeds u (cdf = {np.round(cdf, 4).tolist()})."
                        f"{extra}")
    # rng.random() can return exactly 0.0: with the first entry masked the CDF starts at 0, and only the first
    # cumulative probability that *exceeds* u (side="right", cdf > u) skips it; side="left" or cdf >= u draws it.
    masked_first = np.array([-np.inf, 1.0, 2.0])
    outcome = call(sampler, masked_first, _WatchedGenerator(seed=50, script=(0.0,)))
    if outcome.problem:
        return hint(f"with u = 0.0 (rng.random() can return exactly 0) on logits [-inf, 1, 2], {outcome.problem}.")
    if _index(outcome.value) != 1:
        # u = 1e-300 lies past the masked entry's zero-length piece: side="left" returns 1 there, while a finite
        # stand-in for -inf (-100, -30, ...) keeps a piece of about exp(-102) or more, so u still lands in it
        tiny = call(sampler, masked_first, _WatchedGenerator(seed=50, script=(1e-300,)))
        if not tiny.problem and _index(tiny.value) == 0 and _index(outcome.value) == 0:
            return hint("with u = 0.0 and again with u = 1e-300 on logits [-inf, 1, 2] your sampler returned 0, the "
                        "masked entry: it gives the masked entry a piece of the CDF, as if its logit were a finite "
                        "number, so keep -inf as -inf. np.exp(-np.inf) is exactly 0.0: softmax gives it probability "
                        "0 and a piece of length 0; a finite stand-in, even -100 or -30 "
                        "(np.nan_to_num(z, neginf=-100), np.clip, np.maximum), leaves it a tiny but real piece "
                        "that a small u falls in.")
        return hint(f"with u = 0.0 (rng.random() can return exactly 0) on logits [-inf, 1, 2], whose CDF starts "
                    f"[0, ...], your sampler returned {shown(outcome.value)}, not 1: the masked entry 0 has "
                    "probability 0 and must never be drawn. Take the first index whose cumulative probability "
                    "exceeds u, np.searchsorted(cdf, u, side='right') or np.argmax(cdf > u), not one that equals "
                    "it (side='left', cdf >= u).")
    return passed(f"For each of {len(uniforms)} fixed uniform numbers u, and for u = 0.0 with the first entry "
                  "masked, your sampler returns the inverse-CDF index, and never the masked entry.")


def _shifted_by(sampler: Callable, cdf: np.ndarray, uniforms: list[float], shift: int) -> bool:
    """Whether, for every one of the check's uniform numbers u, the sampler returns the inverse-CDF index
    plus ``shift``: an off-by-one (+1 or -1) made everywhere, not a wrong index that happens to be one away."""
    for number, u in enumerate(uniforms):
        outcome = call(sampler, _LOGITS, _WatchedGenerator(seed=number, script=(float(u),)))
        if outcome.problem or _index(outcome.value) != int(np.searchsorted(cdf, u, side="right")) + shift:
            return False
    return True


def _masked_given_a_piece(sampler: Callable) -> bool:
    """Whether the sampler gives a masked logit a piece of the CDF, as a finite stand-in for -inf does.

    On logits [2, -inf] the inverse CDF returns 0 for every u. With the -inf replaced by a finite c, the
    masked entry owns the last exp(c) / (exp(2) + exp(c)) of [0, 1): more than 1e-9 for any c above
    log(1e-9 * exp(2)) = -18.7, so u = 1 - 1e-9 draws it while u = 0.5 still draws 0 (unlike always returning 1).
    """
    probe = np.array([2.0, -np.inf])
    answers = [call(sampler, probe, _WatchedGenerator(seed=60, script=(u,))) for u in (0.5, 1 - 1e-9)]
    return [None if outcome.problem else _index(outcome.value) for outcome in answers] == [0, 1]


def _follows_cdf(sampler: Callable, steps: np.ndarray, uniforms: list[float]) -> bool:
    """Whether, for every one of the check's uniform numbers u, the sampler returns the first index whose entry
    of ``steps`` (a running total other than the CDF, such as one never divided by its total) exceeds u."""
    for number, u in enumerate(uniforms):
        outcome = call(sampler, _LOGITS, _WatchedGenerator(seed=number, script=(float(u),)))
        if outcome.problem or _index(outcome.value) != int(np.searchsorted(steps, u, side="right")):
            return False
    return True


# A temperature applied where none belongs (softmax(z, 1.5), softmax(z / 0.5)) and a softmax in base 2 (2**z
# normalised) look alike on the checks' cases: 2**z normalised is softmax(z * ln 2), which is softmax(z / T) at
# T = 1 / ln 2 = 1.4427, a flatter distribution than softmax(z) (ln 2 < 1), and on those cases it draws or keeps what
# T = 1.4 or 1.5 does (cold read r162, X1 and F1). So the checks read the learner's own temperature off the two
# logits [0, 1], where it can be read to about 1e-14 by bisection (_read_temperature); the temperature hint goes to
# an answer at a T != 1 written as a decimal (_typed_temperature) that the cases confirm, and the base-2 hint only
# to one at T = 1 / ln 2 itself.
_BASE_TWO_T = 1 / math.log(2.0)
_PROBE_TWO = np.array([0.0, 1.0])  # the first token's probability at temperature T is 1 / (1 + e^(1 / T))
_PROBE_TWO.flags.writeable = False


def _first_share(T: float) -> float:
    """The first token's probability on the logits [0, 1] at temperature T: 1 / (1 + e^(1 / T)), which grows with T
    (from 2e-9 at T = 0.05 to 0.4875 at T = 20) and is exactly 1/3 in base 2, at T = 1 / ln 2."""
    return 1.0 / (1.0 + math.exp(1.0 / T))


def _read_temperature(hotter_than: Callable[[float], bool | None]) -> float | None:
    """The learner's temperature, read by bisection: ``hotter_than(T)`` says whether the learner's answer on a probe
    is the one of a temperature above T (None: an answer that says neither). Searched between T = 0.05 and 20, in log
    space; 50 halvings of that range pin T down to a few parts in 1e15. None when the two ends do not bracket it or an
    answer says neither."""
    low, high = math.log(0.05), math.log(20.0)
    if hotter_than(math.exp(low)) is not True or hotter_than(math.exp(high)) is not False:
        return None
    for _ in range(50):
        middle = (low + high) / 2
        verdict = hotter_than(math.exp(middle))
        if verdict is None:
            return None
        low, high = (middle, high) if verdict else (low, middle)
    return math.exp((low + high) / 2)


def _is_base_two(T: float) -> bool:
    """Whether a temperature read off a probe is 1 / ln 2, the temperature of 2**z normalised (2**0 / (2**0 + 2**1)
    = 1/3 on the probe, read back to within a few parts in 1e15)."""
    return abs(T / _BASE_TWO_T - 1) <= 1e-9


def _typed_temperature(T: float) -> tuple[float, str, str] | None:
    """A temperature read off a probe as the learner typed it, or None: a decimal of at most 4 places within 1e-9 of
    it (2, 1.5, 0.25), or 1 over one (0.6667 = 1 / 1.5: logits multiplied by 1.5). Returns that temperature, how a
    hint writes it, and a note for the second kind. A T that is neither is not taken for a temperature the learner
    applied: a comparison with a tolerance, or another slip, can move the probe's answer off T = 1 to some T near 1
    that the cases then match too (tests/test_checks.py)."""
    for places in range(5):
        short = round(T, places)
        if short > 0 and abs(short - T) <= 1e-9 * T:
            return short, f"{short:g}", ""
    for places in range(3):
        short = round(1 / T, places)
        if short > 0 and abs(short - 1 / T) <= 1e-9 / T:
            return 1 / short, f"{1 / short:.4g}", (f" (that is 1 / {short:g}: the logits multiplied by {short:g} "
                                                   "rather than divided by it?)")
    return None


def _quietly(function: Callable, *args: object) -> Outcome:
    """A probe's call of the learner's function: fresh copies of the arguments, and its prints not shown (the
    learner's own calls show them)."""
    with contextlib.redirect_stdout(io.StringIO()):
        return call(function, *args)


def _draw_temperature(sampler: Callable) -> float | None:
    """The temperature at which a one-draw sampler (Exercise 1 until December 2026) draws, read off the logits
    [0, 1]: with u = 1 / (1 + e^(1 / T)), the first token's piece at T, a sampler at a higher temperature returns 0
    and one at a lower temperature returns 1."""
    def hotter_than(T: float) -> bool | None:
        outcome = _quietly(sampler, _PROBE_TWO, _WatchedGenerator(seed=77, script=(_first_share(T),)))
        index = None if outcome.problem else _index(outcome.value)
        return None if index not in (0, 1) else index == 0

    return _read_temperature(hotter_than)


def _tempered_extra(sampler: Callable, uniforms: list[float]) -> str | None:
    """The words for a one-draw sampler that draws, for every u, the inverse-CDF index of softmax(z / T) at a T
    != 1 (a temperature applied where none belongs), or of 2**z normalised; None otherwise. The temperature rule
    comes first: the base-2 words go only to a sampler whose temperature, read off the logits [0, 1], is 1 / ln 2."""
    from tempnb.core import softmax

    T = _draw_temperature(sampler)
    if T is None or abs(T - 1) <= 1e-6:
        return None
    if not _is_base_two(T):
        typed = _typed_temperature(T)
        if typed is None:
            return None
        value, text, note = typed
        steps = np.cumsum(softmax(_LOGITS, value))
        if not _follows_cdf(sampler, steps, uniforms):
            return None
        return (f" Your index is, for every u, the one for softmax(z / T) with T = {text}{note}, whose cumulative "
                f"sums are {np.round(steps, 4).tolist()}: you applied a temperature. This sampler draws from "
                "softmax(logits) of the logits it is given (any temperature is applied to the logits before they "
                f"are handed in): use softmax(logits), not softmax(logits, {text}) or softmax(logits / {text}).")
    base_two = np.cumsum(softmax(_LOGITS * np.log(2.0)))  # 2**z normalised: softmax(z ln 2)
    if not _follows_cdf(sampler, base_two, uniforms):
        return None
    return (f" Your index is the one for the cumulative sums of 2**z normalised, {np.round(base_two, 4).tolist()} "
            "(on the logits [0, 1] your sampler gives token 0 the piece 1/3, as 2**0 / (2**0 + 2**1) does): a "
            f"{_BASE_TWO_WORDS} Use e: np.exp(z) normalised, or softmax(z), not 2**z.")


_BASE_TWO_WORDS = ("softmax in base 2, which is softmax(z * ln 2), or softmax(z / T) at T = 1 / ln 2 = 1.443: a "
                   "flatter distribution than softmax(z), since ln 2 = 0.693 is below 1.")


def _one_minus_u(sampler: Callable, cdf: np.ndarray, uniforms: list[float]) -> bool:
    """Whether, for every one of the check's uniform numbers u whose 1 - u lies clear of the CDF's steps, the
    sampler returns the inverse-CDF index of 1 - u: it flipped the uniform number it was given."""
    compared = 0
    for number, u in enumerate(uniforms):
        if np.min(np.abs(cdf - (1 - u))) <= 1e-6:
            continue  # at a step, left and right lookups of 1 - u differ: no evidence either way
        outcome = call(sampler, _LOGITS, _WatchedGenerator(seed=number, script=(float(u),)))
        if outcome.problem or _index(outcome.value) != int(np.searchsorted(cdf, 1 - u, side="right")):
            return False
        compared += int(np.searchsorted(cdf, 1 - u, side="right") != np.searchsorted(cdf, u, side="right"))
    return compared > 0


def _exclusive_cumsum(sampler: Callable, cdf: np.ndarray, uniforms: list[float]) -> bool:
    """Whether, for every one of the check's uniform numbers u, the sampler returns np.argmax(excl > u), where
    excl = np.cumsum(probs) - probs holds the totals before each token: u looked up one place too late, which draws the
    masked entry for small u and wraps round to 0 when no total before a token exceeds u."""
    before = np.concatenate(([0.0], cdf[:-1]))
    for number, u in enumerate(uniforms):
        outcome = call(sampler, _LOGITS, _WatchedGenerator(seed=number, script=(float(u),)))
        if outcome.problem or _index(outcome.value) != int(np.argmax(before > u)):
            return False
    return True


def _sorted_first(sampler: Callable, uniforms: list[float]) -> str | None:
    """The hint for a sampler that sorted the probabilities before the cumulative sum, or None.

    Recognised when, for every one of the check's uniform numbers u, its answer is the index that
    sorting (largest or smallest first) gives: either the position in the sorted list, or that
    position mapped back to its token. Tokens of equal probability may come in either order.
    """
    from tempnb.core import softmax

    probs = softmax(_LOGITS)
    for label, end, ranked in (("largest first", "most", np.sort(probs)[::-1]),
                               ("smallest first", "least", np.sort(probs))):
        positions = [int(np.searchsorted(np.cumsum(ranked), u, side="right")) for u in uniforms]
        answers = []
        for number, u in enumerate(uniforms):
            outcome = call(sampler, _LOGITS, _WatchedGenerator(seed=number, script=(float(u),)))
            answers.append(None if outcome.problem else _index(outcome.value))
        if answers == positions:
            return (f"You sorted the probabilities ({label}) and returned a position in the sorted list: position "
                    f"0 is the {end} probable token, not token 0. The inverse CDF needs no sorting: "
                    "cdf = np.cumsum(softmax(logits)), in the tokens' own order, and the first index whose "
                    "cumulative probability exceeds u is the token itself.")
        if all(a is not None and 0 <= a < probs.size and probs[a] == ranked[i] for a, i in zip(answers, positions)):
            return (f"You sorted the probabilities ({label}) before the cumulative sum and mapped back to the "
                    "token: that draws each token equally often in the long run, but the inverse CDF lines the "
                    "pieces up in the tokens' own order (token 0's piece first), so a given u lands on another "
                    "token. Drop the sort: cdf = np.cumsum(softmax(logits)) (sorting belongs to top-p, not here).")
    return None


def _uses_unnormalised(sampler: Callable) -> bool:
    """Whether the sampler looks u up in the cumulative sums of exp(logits), not of the probabilities.

    On the check's logits those sums start above 1, so that mistake always answers 0, as other
    mistakes can; logits 4 lower, whose exponentials add up to 0.35, tell it apart: u = 0.1 falls
    in the third piece of the unnormalised sums, in the first of the probabilities'.
    """
    shifted = _LOGITS - 4.0
    tell = int(np.searchsorted(np.cumsum(np.exp(shifted)), 0.1, side="right"))
    outcome = call(sampler, shifted, _WatchedGenerator(seed=99, script=(0.1,)))
    return not outcome.problem and _index(outcome.value) == tell


def _raw_logit_totals(sampler: Callable) -> bool:
    """Whether the sampler looks u up in the running total of the raw logits, np.cumsum(logits), softmax forgotten.

    On the check's logits that total is [1, -inf, -inf, ...], so the mistake always answers 0, as other mistakes
    can. On logits [0.05, 0.05, 0.85, 0.1] the running total, [0.05, 0.1, 0.95, 1.05], crosses u = 0.07, 0.3 and
    0.97 at indices 1, 2 and 3, while the probabilities' CDF, [0.19, 0.38, 0.80, 1], gives 0, 1 and 3.
    """
    probe = np.array([0.05, 0.05, 0.85, 0.1])
    answers = [call(sampler, probe, _WatchedGenerator(seed=98, script=(u,))) for u in (0.07, 0.3, 0.97)]
    return [None if outcome.problem else _index(outcome.value) for outcome in answers] == [1, 2, 3]


# -- Exercise 06.1: one inverse-CDF draw per row of a batch, in one vectorised pass -----------------------------

# Six rows of five logits; each row is repeated with its own uniform numbers, interleaved, so that a rule that
# mixes rows (a softmax over the batch or down the columns, a running total without axis) gives other indices.
_BATCH_ROWS = np.array([
    [1.0, -np.inf, 2.0, 0.5, 2.0],  # the masked entry in the middle
    [-np.inf, 1.0, 2.0, 0.0, -1.0],  # masked first: u = 0.0 must skip it
    [0.5, 3.0, -np.inf, 1.0, 0.0],
    [2.0, 1.0, 0.0, -1.0, -np.inf],  # masked last: u just below 1 must not reach it
    [0.0, 0.0, 0.0, 0.0, 0.0],  # uniform
    [-3.0, -2.0, -np.inf, -2.5, -4.0],  # exp(logits) adds up to 0.29: an unnormalised running total ends early
])
_BATCH_ROWS.flags.writeable = False


def _batch_case() -> tuple[np.ndarray, np.ndarray]:
    """The check's batch: (logits of shape (B, 5), the u of each row), B = 45.

    Seven uniform numbers per row, spread over [0, 1) and none within 1e-6 of a step of the row's CDF (where a
    rounding difference could change the answer), then three chosen ones: u = 0.0 on the row whose first entry
    is masked, 1e-5 past the end of token 0's piece on the row whose token 1 is masked (where a finite stand-in
    for its -inf gives it a piece), and 1 - 1e-9 on the row whose last entry is masked.
    """
    from tempnb.core import softmax

    cdfs = np.cumsum(softmax(_BATCH_ROWS, axis=1), axis=1)
    pairs = [(row, float(u)) for u in (np.arange(7) + 0.5) / 7 for row in range(len(_BATCH_ROWS))
             if np.min(np.abs(cdfs[row] - u)) > 1e-6]
    pairs += [(1, 0.0), (0, float(cdfs[0, 0]) + 1e-5), (3, 1 - 1e-9)]
    rows = np.array([row for row, _ in pairs])
    return _BATCH_ROWS[rows].copy(), np.array([u for _, u in pairs])


def _first_above(steps: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the index a learner reads off running totals ``steps`` for that row's u, in the two usual ways:
    how many totals are <= u (np.searchsorted's side='right', or K when none exceeds u), and the first total
    > u by np.argmax (0 when none exceeds u). ``u`` holds one number per row, or one per entry of ``steps``."""
    with np.errstate(invalid="ignore"):
        above = steps > (u[:, None] if u.ndim == 1 else u)
    return np.sum(~above, axis=1), np.argmax(above, axis=1)


# sample_inverse_cdf scales u by cdf[-1], its one row's total; in a (B, K) table cdf[-1] is the last row instead.
_LAST_ROW_TOTALS = ("in a batch, cdf[-1] is the last row of the (B, K) table of running totals, not each row's "
                    "total, so scaling u by it (as sample_inverse_cdf does with its one row) brings the last row's "
                    "running totals into every row. Each row's total is cdf[:, -1], shape (B,): "
                    "u = rng.random(len(logits)) * cdf[:, -1], then compare cdf > u[:, None].")

_RUN_ON = ("your running totals run on from one row into the next: np.cumsum without an axis flattens the batch into "
           "one long running total (reshaping it back to (B, K) keeps its values), so the totals of row i (counted "
           "from 0) carry on from i, where the row before ended, up to i + 1, instead of running from 0 to 1. Take "
           "the running total along each row, np.cumsum(probs, axis=1).")

# A finite stand-in for -inf (-30, say) gives a masked entry a piece of about 1e-14: on the check's batch that
# looks like cdf >= u (the masked first entry drawn at u = 0.0), so a u far below that piece tells them apart. The
# second row's u = 0.1 lies in token 1's piece (0 to 0.237 on the row's CDF [0, 0.237, 0.881, 0.968, 1]), and a
# stand-in leaves it there; 1 - u = 0.9 would give 3. So a sampler that flips u (whose 1 - 1e-300 rounds to 1.0,
# where no running total exceeds it and the first True of an all-False row is index 0) is not taken for a stand-in.
_STAND_IN_ROWS = np.array([[-np.inf, 1.0, 2.0, 0.0, -1.0]] * 2)
_STAND_IN_ROWS.flags.writeable = False
_STAND_IN_U = (1e-300, 0.1)

_MASKED_PIECE = ("A masked entry has probability 0 and a piece of length 0, so it is never drawn: keep -inf as -inf "
                 "(np.exp(-np.inf) is exactly 0.0); a finite stand-in such as 0, -5 or -30 (np.nan_to_num, np.clip, "
                 "np.maximum), or a small number added to the probabilities, leaves it a small but real piece.")


def _stand_in_piece(sampler: Callable) -> bool:
    """Whether the sampler gives a masked first entry a piece of its own: with u = 1e-300, below any piece a
    finite logit owns there, it returns the masked index 0 (cdf >= u returns 1 there, as the inverse CDF does),
    while with u = 0.1 it returns 1, as the inverse CDF does (1 - u would give 3)."""
    outcome = call(sampler, _STAND_IN_ROWS.copy(), _WatchedGenerator(seed=72, script=_STAND_IN_U))
    answer, problem = (None, "") if outcome.problem else _batch_indices(outcome.value, len(_STAND_IN_ROWS))
    return problem is None and answer.tolist() == [0, 1]


# A row of large logits: np.exp(1000) overflows, so a softmax that skips the max-subtraction of 03-softmax gives
# inf / inf = nan there. Probabilities [1, e^-1, 0, e^-2, e^-1000] / (1 + e^-1 + e^-2), running totals
# 0.665, 0.910, 0.910, 1.0, 1.0 (to 3 digits): u = 0.7 gives index 1 and u = 0.95 index 3.
_LARGE_ROWS = np.array([[1000.0, 999.0, -np.inf, 998.0, 0.0]] * 2)
_LARGE_ROWS.flags.writeable = False
_LARGE_U = (0.7, 0.95)

# The same row of large logits beside an ordinary one, in one batch. A softmax that subtracts the whole batch's
# maximum (logits.max() with no axis) is right on each row alone, but here it takes 1000 from the second row too:
# exp(2 - 1000) underflows to 0, as do the row's other entries, and 0 / 0 is nan. The second row's running totals
# are 0, 0.237, 0.881, 0.968, 1 (to 3 digits): u = 0.7 gives index 1 on the first row, u = 0.95 index 3 on the
# second.
_MIXED_ROWS = np.array([[1000.0, 999.0, -np.inf, 998.0, 0.0], [-np.inf, 1.0, 2.0, 0.0, -1.0]])
_MIXED_ROWS.flags.writeable = False
_MIXED_U = (0.7, 0.95)


# Seven equal logits and a masked eighth: each probability is 1/7, which floats round (exp(0) = 1 exactly on every
# CPU, then one correctly rounded division), and the running total of seven of them ends at 0.9999999999999998, a
# hair below 1. u = np.nextafter(1, 0) = 0.9999999999999999, the largest double below 1 (rng.random() can return
# it), lies past that end: a u not scaled by the row's last running total finds no total above it, so a count of
# the totals <= u gives 8, past the last index, np.argmax of a row of False gives 0, and an index clipped to the
# last position gives the masked 7. Scaled, u * 0.9999999999999998 stays below the end and falls in token 6's
# piece. The row before it holds eight equal logits, whose running totals k/8 are exact and end at 1.0: a u scaled
# by the batch's largest total (cdf.max()) instead of each row's own is scaled by 1.0, so it is as unscaled on the
# second row (cold read r156, X). The first row's u = 0.55 lies in token 4's piece (4/8 < 0.55 < 5/8), scaled or
# not.
_NEAR_ONE_ROWS = np.array([[0.0] * 8, [0.0] * 7 + [-np.inf]])
_NEAR_ONE_ROWS.flags.writeable = False
_NEAR_ONE_U = (0.55, float(np.nextafter(1.0, 0.0)))


def _unscaled_u_problem(sampler: Callable) -> str | None:
    """The hint for a sampler that is right on the batch but looks u up unscaled, or scaled by the batch's largest
    running total, past the end of a row whose running total ends a hair below 1; None if it draws right there."""
    from tempnb.core import softmax

    cdf = np.cumsum(softmax(_NEAR_ONE_ROWS, axis=1), axis=1)
    expected = _first_above(cdf, np.array(_NEAR_ONE_U) * cdf[:, -1])[0]
    outcome = call(sampler, _NEAR_ONE_ROWS.copy(), _WatchedGenerator(seed=74, script=_NEAR_ONE_U))
    answer, problem = (None, "") if outcome.value is None else _batch_indices(outcome.value, len(_NEAR_ONE_ROWS))
    if not outcome.problem and problem is None and np.array_equal(answer, expected):
        return None
    where = (f"right on the check's batch, but on the row {_row(_NEAR_ONE_ROWS[1])} (seven equal logits and a "
             f"masked eighth) with u = {_NEAR_ONE_U[1]!r} (np.nextafter(1, 0), the largest float below 1, which "
             f"rng.random() can return), given after the row {_row(_NEAR_ONE_ROWS[0])} with u = {_NEAR_ONE_U[0]}, ")
    if outcome.problem or problem is not None:
        return where + (_problem(outcome.problem).rstrip(".") if outcome.problem else problem.rstrip(".")) + "."
    last = int(answer[1])
    summed = float(np.sum(softmax(_NEAR_ONE_ROWS[1])))  # pairwise summation: not always the running total's end
    if answer[0] != expected[0]:
        return where + f"your sampler returned {answer.tolist()}; the inverse CDF returns {expected.tolist()}."
    what = {cdf.shape[1]: f"{last}, past the last index: no running total exceeds u, so a count of the totals <= u "
                          "counts them all",
            0: "0: no running total exceeds u, so that row of cdf > u is all False, and np.argmax of it gives 0",
            cdf.shape[1] - 1: f"{last}, the masked entry: no running total exceeds u, and an index clipped to "
                              "the last position lands on it"}.get(last, str(last))
    scale = ("Scale each row's u by its own last running total, u = rng.random(len(logits)) * cdf[:, -1], as "
             "sample_inverse_cdf does with cdf[-1]: then u always lies inside the row's pieces.")
    if _scaled_by_batch_max(sampler):
        scale = (f"Your u looks scaled by one number for the whole batch, its largest running total (cdf.max() or "
                 f"np.max(cdf[:, -1])), {float(cdf.max())!r} here, from the row of eight: each row needs its own. "
                 + scale)
    return (where + f"your sampler returned {answer.tolist()}; the inverse CDF returns {expected.tolist()}. On the "
            f"second row it returned {what}. Each probability is 1/7, which floats round, so that row's running total "
            f"ends at {float(cdf[1, -1])!r}, a hair below 1 and below u. " + scale + (
                "" if summed == float(cdf[1, -1]) else
                f" (Scale by cdf[:, -1] itself: np.sum of the row's probabilities adds them in another order and "
                f"gives {summed!r} here.)"))


def _scaled_by_batch_max(sampler: Callable) -> bool:
    """Whether the sampler, given the near-one row alone (twice), draws as the inverse CDF: a u scaled by the batch's
    largest running total is scaled right when every row ends at the same total."""
    rows = _NEAR_ONE_ROWS[[1, 1]]
    cdf = np.cumsum(np.where(np.isneginf(rows), 0.0, 1 / 7), axis=1)
    u = np.array(_NEAR_ONE_U)
    outcome = call(sampler, rows.copy(), _WatchedGenerator(seed=75, script=_NEAR_ONE_U))
    answer, problem = (None, "") if outcome.value is None else _batch_indices(outcome.value, len(rows))
    return (not outcome.problem and problem is None
            and np.array_equal(answer, _first_above(cdf, u * cdf[:, -1])[0]))


def _large_logits_problem(sampler: Callable) -> str | None:
    """The hint for a sampler that is right on the batch but fails on large logits, given twice in a batch or beside
    an ordinary row; None if it draws right on both."""
    from tempnb.core import softmax

    answers = []
    for rows, uniforms in ((_LARGE_ROWS, _LARGE_U), (_MIXED_ROWS, _MIXED_U)):
        expected = _first_above(np.cumsum(softmax(rows, axis=1), axis=1), np.array(uniforms))[0]
        outcome = call(sampler, rows.copy(), _WatchedGenerator(seed=73, script=uniforms))
        answer, problem = (None, "") if outcome.value is None else _batch_indices(outcome.value, 2)
        if not outcome.problem and problem is None and np.array_equal(answer, expected):
            answers.append(None)
            continue
        parts = [f"your sampler returned {answer.tolist()}" if problem is None else "",
                 _problem(outcome.problem).rstrip(".") if outcome.problem else ""]
        what = " and ".join(part for part in parts if part)
        answers.append((answer if problem is None else None, what, expected))
    if answers[0] is not None:
        _, what, expected = answers[0]
        return (f"right on the check's batch, but on a row of large logits, {_row(_LARGE_ROWS[0])}, given twice with "
                f"u = {_LARGE_U[0]} and u = {_LARGE_U[1]}, {what}; the inverse CDF returns {expected.tolist()}. "
                "np.exp(1000) overflows to inf, and inf / inf is nan: subtract each row's maximum before np.exp, "
                "np.exp(logits - logits.max(axis=1, keepdims=True)), as softmax(logits, axis=1) does (03-softmax), "
                "then divide by each row's total.")
    if answers[1] is None:
        return None
    answer, what, expected = answers[1]
    batch = f"[{_row(_MIXED_ROWS[0])}, {_row(_MIXED_ROWS[1])}]"
    with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
        shifted = np.exp(_MIXED_ROWS - np.max(_MIXED_ROWS))  # the whole batch's maximum, 1000, taken from each row
        batch_max = _first_above(np.cumsum(shifted / shifted.sum(axis=1, keepdims=True), axis=1), np.array(_MIXED_U))
    cause = ("That is what subtracting the whole batch's maximum gives" if answer is not None
             and any(np.array_equal(answer, candidate) for candidate in batch_max) else "The usual cause")
    return (f"right on the check's batch, which holds the row {_row(_MIXED_ROWS[1])}, and on the row of large "
            f"logits given twice, but on the batch {batch} of the two, with u = {_MIXED_U[0]} and u = {_MIXED_U[1]}, "
            f"{what}; the inverse CDF returns {expected.tolist()}: the first row changed the second one's answer. "
            f"{cause}: logits.max() (or np.max(logits)) with no axis is one number for the whole table, 1000 "
            "here, and so is the maximum that a softmax with no axis subtracts for you (scipy.special.softmax "
            "normalises over the whole table by default). The second row then loses 1000 too and every "
            "exp(z - 1000) in it underflows to 0: divided by the row's own total, 0 / 0 is nan; divided by the "
            "whole table's, every probability in the row is 0. Subtract each row's own maximum, "
            "logits.max(axis=1, keepdims=True), as softmax(logits, axis=1) does (pass axis=1 if you call a softmax).")


def _batch_rules(logits: np.ndarray, u: np.ndarray) -> list[tuple[list[np.ndarray], str]]:
    """Rules a learner may follow instead of the inverse CDF of each row, each with the answers it gives on the
    batch and the hint it deserves; the first rule whose answer is the learner's, on every row, names the mistake."""
    from tempnb.core import softmax

    probs = softmax(logits, axis=1)
    cdf = np.cumsum(probs, axis=1)
    flat = np.cumsum(probs).reshape(probs.shape)
    right = _first_above(cdf, u)[0]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        exps = np.exp(logits)
        shifted = np.exp(logits - np.max(logits, axis=1, keepdims=True))
        cdf32 = np.cumsum(softmax(logits.astype(np.float32), axis=1), axis=1)
        # normalised down the columns: softmax(axis=0), and by hand with or without each row's maximum taken first
        column_cdfs = [np.cumsum(probs_by_column, axis=1) for probs_by_column in
                       (softmax(logits, axis=0), exps / np.sum(exps, axis=0), shifted / np.sum(shifted, axis=0))]
        u32 = u.astype(np.float32)
        rules = [
            ([np.argmax(cdf >= u[:, None], axis=1)],
             "on a row whose first logit is masked (-inf), with u = 0.0 (rng.random() can return exactly 0), your "
             "sampler drew the masked entry 0: its cumulative probability is 0, which equals u without exceeding "
             "it. Take, per row, the first index whose cumulative probability exceeds u (cdf > u, or count the "
             "entries cdf <= u), not one that equals it (cdf >= u)."),
            ([right + 1], "your index is one past the inverse-CDF index on every row: do not add 1, and look u up in "
                          "the running totals that include each token, np.cumsum(probs, axis=1), not in the totals "
                          "before it. The first True of cdf > u, or the number of entries cdf <= u, already is the "
                          "index, counted from 0."),
            ([right - 1], "your index is one before the inverse-CDF index on every row: do not subtract 1. The "
                          "first True of cdf > u, or the number of entries cdf <= u, already is the index, counted "
                          "from 0."),
            # with u as given, or scaled by the last of those totals before, 1 - the last probability, as the
            # exercise's "scaled by its row's last running total" read on them (cold read r157, X2)
            ([answer for scaled_u in (u, u * (cdf - probs)[:, -1]) for answer in _first_above(cdf - probs, scaled_u)],
             "your index is the first whose running total *before* it exceeds u: look u up in the running totals "
             "that include each token, np.cumsum(probs, axis=1), not in those before it (np.cumsum(probs, axis=1) "
             "- probs), and scale u by the last of them, cdf[:, -1]."),
            (list(_first_above(cdf, 1 - u)),
             "your index is, on every row, the inverse-CDF index of 1 - u. 1 - u is uniform too, but the check "
             "gives you its u: use u = rng.random(len(logits)) as given, not 1 - u."),
            (list(_first_above(probs, u)),
             "you compared u with each token's own probability (probs > u, or a count of probs <= u), not with "
             "the running totals: the inverse CDF looks u up in cdf = np.cumsum(probs, axis=1), the first index of "
             "cdf > u[:, None] in each row. (Where no single probability exceeds u, np.argmax of a row of False "
             "gives 0, masked or not.)"),
            (list(_first_above(cdf, u[:, None] * cdf[-1])),
             _LAST_ROW_TOTALS),
            # np.cumsum with no axis, reshaped back to (B, K): row i's totals run from about i to i + 1, so they
            # are read with u as given or scaled by flat[:, -1], the row's last entry, about i + 1 (cold read r152)
            ([answer for scaled_u in (u, u * flat[:, -1]) for answer in _first_above(flat, scaled_u)],
             _RUN_ON),
            (list(_first_above(np.broadcast_to(cdf[0], cdf.shape), u)),
             "every row was looked up in the first row's running totals: np.cumsum without an axis flattens the "
             "batch into one long running total, whose first K entries are the first row's. Take the running "
             "total along each row, np.cumsum(probs, axis=1)."),
            # each row sorted (most probable first, or least), looked up there, and mapped back with order[j]:
            # a right draw of the row's distribution, but not the inverse-CDF index (cold read r150, X4)
            ([np.take_along_axis(order, np.minimum(j, logits.shape[1] - 1)[:, None], axis=1)[:, 0]
              for order in (np.argsort(-probs, axis=1, kind="stable"), np.argsort(probs, axis=1, kind="stable"))
              for j in _first_above(np.cumsum(np.take_along_axis(probs, order, axis=1), axis=1), u)],
             "you sorted each row, looked u up in the running totals of the sorted row and mapped the index back "
             "with order[j]: that draws each token as often as its probability, but not the inverse-CDF index the "
             "exercise asks for: there the running total follows the row's own order (token 0, then 1, then 2, ...). "
             "Drop the sort: cdf = np.cumsum(probs, axis=1), then the first index of cdf > u[:, None] in each row."),
            (list(_first_above(np.cumsum(probs, axis=0), u)),
             "your running totals go down the columns, np.cumsum(probs, axis=0), adding up different rows: take "
             "them along each row, np.cumsum(probs, axis=1)."),
            # with u as given, or scaled by the row's last running total as the exercise asks (cold read r147):
            # scaling cannot repair the column normalisation, since each entry of a row has its own divisor
            ([answer for column_cdf in column_cdfs
              for scaled_u in (u, u * column_cdf[:, -1]) for answer in _first_above(column_cdf, scaled_u)],
             "your probabilities are normalised down the columns (a softmax over axis=0, or exps / exps.sum(axis=0)), "
             "so the entries of a row are divided by different numbers, their columns' totals: the row's shares are "
             "wrong, and "
             "scaling u by the row's last running total cannot fix them. Each row is its own distribution, "
             "softmax(logits, axis=1), with the total taken along the row (exps.sum(axis=1, keepdims=True), if you "
             "divide by it yourself)."),
            (list(_first_above(np.cumsum(exps / np.sum(exps), axis=1), u)),
             "your probabilities are normalised over the whole batch (a softmax with no axis, as "
             "scipy.special.softmax does by default, or np.exp(z) / np.exp(z).sum()), so a row does not add up to "
             "1: each row is its own distribution, softmax(logits, axis=1), with the total taken along the row "
             "(keepdims=True, if you divide by it yourself)."),
            (list(_first_above(np.cumsum(exps, axis=1), u)),
             "your index is the one for the running totals of exp(logits), never divided by the row's total, which "
             "end above or below 1: normalise each row first, probs = softmax(logits, axis=1)."),
            (list(_first_above(np.cumsum(shifted, axis=1), u)),
             "your index is the one for the running totals of exp(logits - max), which end above 1: subtracting "
             "the maximum keeps exp from overflowing but does not normalise. Divide by each row's total too "
             "(that is softmax(logits, axis=1))."),
            (list(_first_above(np.cumsum(logits, axis=1), u)),
             "your index is the one for the running total of the raw logits, not of the probabilities: softmax "
             "each row first, cdf = np.cumsum(softmax(logits, axis=1), axis=1), whose last entry is 1."),
            # (a temperature applied where none belongs, and 2**z normalised: _tempered_batch_hint)
            # the right recipe in float32 (the logits, u, or both cast): wrong only where u is within float32's
            # rounding of 1, the check's u = 1 - 1e-9 on the row whose last entry is masked
            ([*_first_above(cdf32, u32), *_first_above(cdf32, u), *_first_above(cdf, u32)],
             "your sampler works in float32 (an .astype(np.float32) on the logits or on u?): it is right on every "
             f"row but {_row(_BATCH_ROWS[3])} with u = 1 - 1e-9 = 0.999999999, where the inverse CDF returns 3. "
             "float32 keeps about 7 significant digits, so u rounds to 1.0, or the running total that should end "
             "at 1 ends a hair below u: no running total exceeds u, np.argmax of that row of False gives 0, and a "
             "count of the totals <= u gives 5. Keep the logits and u in float64, as they come."),
        ]
    return [(answers, message) for answers, message in rules
            if not all(np.array_equal(answer, right) for answer in answers)]


_PROBE_ROWS = np.array([_PROBE_TWO, _PROBE_TWO])  # the logits [0, 1] twice, each with the same u
_PROBE_ROWS.flags.writeable = False


def _batch_temperature(sampler: Callable) -> float | None:
    """The temperature at which a batch sampler draws, read off the logits [0, 1] given twice with the same u: with
    u = 1 / (1 + e^(1 / T)), the first token's piece at T, a sampler at a higher temperature returns 0 on both rows
    and one at a lower temperature returns 1."""
    def hotter_than(T: float) -> bool | None:
        u = _first_share(T)
        outcome = _quietly(sampler, _PROBE_ROWS, _WatchedGenerator(seed=76, script=(u, u)))
        answer, problem = (None, "") if outcome.problem else _batch_indices(outcome.value, len(_PROBE_ROWS))
        if problem is not None or answer[0] != answer[1] or answer[0] not in (0, 1):
            return None
        return bool(answer[0] == 0)

    return _read_temperature(hotter_than)


def _tempered_batch_hint(sampler: Callable, logits: np.ndarray, u: np.ndarray, answer: np.ndarray) -> str | None:
    """The hint for a batch sampler that draws, on every row, the inverse-CDF index of softmax(z / T) at a T != 1
    (a temperature applied where none belongs), or of 2**z normalised; None otherwise.

    The temperature rule comes first: the base-2 hint goes only to a sampler whose temperature, read off the logits
    [0, 1], is 1 / ln 2, and the temperature hint names the T read there, once the batch confirms it."""
    from tempnb.core import softmax

    def drawn_at(scaled: np.ndarray) -> bool:  # the learner's indices are those of softmax(scaled, axis=1)
        steps = np.cumsum(softmax(scaled, axis=1), axis=1)
        return any(np.array_equal(answer, candidate) for candidate in _first_above(steps, u))

    T = _batch_temperature(sampler)
    if T is None or abs(T - 1) <= 1e-6:
        return None
    if not _is_base_two(T):
        typed = _typed_temperature(T)
        if typed is None or not drawn_at(logits / typed[0]):
            return None
        return (f"your index is, on every row, the one for softmax(z / T) with T = {typed[1]}{typed[2]}: you applied a "
                "temperature. This sampler draws from softmax of the logits it is given (any temperature is "
                "applied to them before they are handed in): use softmax(logits, axis=1), with no T.")
    if not drawn_at(logits * np.log(2.0)):
        return None
    return ("your index is, on every row, the one for 2**z normalised (on the logits [0, 1] your sampler gives "
            f"token 0 the piece 1/3, as 2**0 / (2**0 + 2**1) does): a {_BASE_TWO_WORDS} Use e: "
            "softmax(logits, axis=1), not 2**z.")


def _batch_indices(value: object, n_rows: int) -> tuple[np.ndarray | None, str | None]:
    """The learner's answer as B integer indices, or None and the hint for what came back instead."""
    if value is None:
        return None, "your function returned None; return the indices, one per row (a missing `return`?)."
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype == bool):
        return None, (f"you returned booleans ({_booleans(value)}), not indices: the table cdf > u[:, None] holds "
                      "one row of booleans per name, and np.argmax(table, axis=1) gives the first True of each "
                      "row.")
    array = as_array(value)
    if array is None:
        return None, f"return one integer index per row, an array of shape ({n_rows},); got {shown(value)}."
    if array.ndim == 0:
        return None, (f"you returned one number, {shown(value)}, for a batch of {n_rows} rows: return one index per "
                      f"row, shape ({n_rows},). np.argmax without an axis looks at the whole table, flattened: use "
                      "axis=1.")
    if array.size == n_rows and array.ndim == 2:
        return None, (f"you returned an array of shape {array.shape}: return a 1-D array of {n_rows} indices, "
                      f"shape ({n_rows},) (take the first True of each row with np.argmax(..., axis=1), or "
                      ".ravel() what you have).")
    if array.shape != (n_rows,):
        return None, (f"return one index per row, an array of shape ({n_rows},); got an array of shape "
                      f"{array.shape}.")
    complex_values = isinstance(value, np.ndarray) and value.dtype.kind == "c"
    if complex_values or not np.all(np.isfinite(array)) or not np.all(array == np.round(array)):
        return None, (f"return indices (whole numbers), one per row; got {shown(value)}. (Probabilities? Return "
                      "the index k of the drawn token, not probs[k].)")
    return array.astype(int), None


def _events(sampler: Callable, logits: np.ndarray) -> int | None:
    """How many Python and C functions the learner's code calls on one batch (the check's own code not counted),
    or None if it fails. A loop over the rows makes the count grow with the number of rows."""
    import sys

    own = os.path.dirname(__file__)
    count = 0

    def watch(frame, event, arg) -> None:  # noqa: ANN001, ARG001 (sys.setprofile's signature)
        nonlocal count
        if event in ("call", "c_call") and os.path.dirname(frame.f_code.co_filename) != own:
            count += 1

    rng = _WatchedGenerator(seed=70)
    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        outcome = call(sampler, logits, rng)
    finally:
        sys.setprofile(previous)
    return None if outcome.problem else count


def _lines_run(sampler: Callable, logits: np.ndarray) -> int | None:
    """How many lines of the learner's own code run on one batch, or None if it fails: a loop written in Python
    (for, while, a comprehension or a generator expression) adds at least one line per row, while array operations
    run the same lines for any number of rows (:func:`tempnb.checks._common.lines_run`)."""
    run = lines_run(sampler, logits, _WatchedGenerator(seed=70), libraries=False)
    return None if run.outcome.problem else run.own_lines


def _loops_over_rows(sampler: Callable, logits: np.ndarray) -> tuple[int, int, int, int] | None:
    """On 4 rows and on 40: the lines of the learner's own code that run and the functions it calls, when the 36
    more rows run at least 18 more lines (half a line per row: a loop written in Python adds at least one) or call
    at least 30 more functions (a loop run from C, such as map, that calls a function per row); None otherwise."""
    few, many = _events(sampler, logits[:4]), _events(sampler, logits[:40])
    lines_few, lines_many = _lines_run(sampler, logits[:4]), _lines_run(sampler, logits[:40])
    if None in (few, many, lines_few, lines_many):
        return None
    if lines_many - lines_few >= (40 - 4) // 2 or many >= few + 30:
        return lines_few, lines_many, few, many
    return None


# Functions that reduce a row to one number; called over axis 1 without keepdims=True they return shape (B,).
_ROW_REDUCTIONS = frozenset({"max", "amax", "nanmax", "min", "amin", "nanmin", "sum", "nansum", "mean", "nanmean",
                             "prod", "logsumexp"})
# Names a learner's code reaches a module through: np.sum(x, 1) takes the axis second, x.sum(1) first.
_MODULE_NAMES = frozenset({"np", "numpy", "scipy", "special", "sp", "math"})


def _row_reduction(node: object) -> bool:
    """Whether a syntax-tree node is a call that reduces each row to one number without keepdims: x.max(axis=1),
    np.sum(x, axis=-1), x.sum(1), np.max(x, 1), logsumexp(x, axis=1)."""
    import ast

    if not isinstance(node, ast.Call) or any(keyword.arg == "keepdims" for keyword in node.keywords):
        return False
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    if name not in _ROW_REDUCTIONS:
        return False
    axis = next((keyword.value for keyword in node.keywords if keyword.arg == "axis"), None)
    if axis is None:
        method = isinstance(function, ast.Attribute) and not (
            isinstance(function.value, (ast.Name, ast.Attribute))
            and ast.unparse(function.value).split(".")[0] in _MODULE_NAMES)
        position = 0 if method else 1
        axis = node.args[position] if len(node.args) > position else None
    try:
        return axis is not None and ast.literal_eval(axis) in (1, -1)
    except ValueError:
        return False


def _with_keepdims(node: object) -> str:
    """The learner's reduction call as text, with keepdims=True added."""
    import ast

    fixed = copy.deepcopy(node)
    fixed.keywords.append(ast.keyword(arg="keepdims", value=ast.Constant(True)))
    return ast.unparse(fixed)


def _shape_error_operands(sampler: Callable, logits: np.ndarray,
                          uniforms: np.ndarray) -> tuple[list[tuple[str, str]], bool]:
    """Read off the learner's code what a (B, K)-against-(B,) broadcasting error there combined: the row reductions
    without keepdims in the statement that raised (``x.max(axis=1)``, or a name assigned one), each as (how the code
    writes it, the call with keepdims=True), and whether that statement uses the uniform numbers with their (B,)
    shape (``u`` not indexed as ``u[:, None]``, where ``u`` is assigned from ``rng.random`` or ``rng.uniform``, or
    such a call itself). ([], False) when the code cannot be read (cold read r157, X1)."""
    import ast
    import inspect
    import textwrap

    from tempnb.checks._common import is_library_file

    try:
        # the check's own second call: its prints were shown once already, by the learner's call
        with warnings.catch_warnings(), np.errstate(all="ignore"), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            sampler(logits.copy(), _WatchedGenerator(seed=0, script=tuple(uniforms)))
    except ValueError as error:
        traceback = error.__traceback__
    except Exception:  # noqa: BLE001 (the learner's code may fail in any way; then nothing is read)
        return [], False
    else:
        return [], False
    try:
        frame, line = None, 0
        while traceback is not None:  # the innermost frame of the learner's own code
            if not is_library_file(traceback.tb_frame.f_code.co_filename):
                frame, line = traceback.tb_frame, traceback.tb_lineno
            traceback = traceback.tb_next
        source, first = inspect.getsourcelines(frame.f_code)
        tree = ast.parse(textwrap.dedent("".join(source)))
        line -= max(first, 1) - 1  # the line that raised, counted from the first line read
        parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

        def bare(node: ast.AST) -> bool:  # not indexed, as u[:, None] or m[:, np.newaxis] are
            parent = parents.get(node)
            return not (isinstance(parent, ast.Subscript) and parent.value is node)

        def draws(node: ast.AST) -> bool:  # rng.random(...) or rng.uniform(...)
            return (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("random", "uniform"))

        reduced, drawn = {}, set()  # names assigned a row reduction, and names assigned the uniform numbers
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if _row_reduction(node.value):
                    reduced[node.targets[0].id] = node.value
                elif any(draws(part) for part in ast.walk(node.value)):
                    drawn.add(node.targets[0].id)
        simple = (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Expr)
        raising = [node for node in ast.walk(tree)
                   if isinstance(node, simple) and node.lineno <= line <= node.end_lineno]
        operands, with_u = [], False
        for node in (part for statement in raising for part in ast.walk(statement)):
            if _row_reduction(node) and bare(node):
                operands.append((ast.unparse(node), _with_keepdims(node)))
            elif isinstance(node, ast.Name) and node.id in reduced and bare(node):
                operands.append((f"{node.id} (= {ast.unparse(reduced[node.id])})", _with_keepdims(reduced[node.id])))
            elif bare(node) and ((isinstance(node, ast.Name) and node.id in drawn) or draws(node)):
                with_u = True
        return list(dict.fromkeys(operands)), with_u
    except Exception:  # noqa: BLE001 (source that cannot be found or parsed: nothing is read)
        return [], False


_U_AS_A_COLUMN = ("u holds one number per row, shape (B,): to compare it with every entry of its row, give it a "
                  "column's shape, u[:, None], shape (B, 1).")


def _shape_error_advice(sampler: Callable, logits: np.ndarray, uniforms: np.ndarray) -> str:
    """What to change after a (B, K)-against-(B,) broadcasting error: the row reduction that lost its axis, the u
    that needs a column's shape, or, when the code does not say which, both possibilities."""
    operands, with_u = _shape_error_operands(sampler, logits, uniforms)
    if operands and not with_u:
        written = " and ".join(shown for shown, _ in operands)
        fixed = " and ".join(fix for _, fix in operands)
        verb = "hold" if len(operands) > 1 else "holds"
        return (f" In the line that raised, {written} {verb} one number per row, shape (B,): a reduction over "
                "axis=1 drops that axis, so it no longer lines up with the rows of the (B, K) table. Keep the axis: "
                f"{fixed}, shape (B, 1).")
    if with_u and not operands:
        return " " + _U_AS_A_COLUMN
    return (" If the (B,) array is u: " + _U_AS_A_COLUMN + " If it is a row's maximum or total (x.max(axis=1), "
            "x.sum(axis=1)), keep the axis: x.max(axis=1, keepdims=True), shape (B, 1).")


def _row_by_row(problem: str, n_rows: int) -> str | None:
    """The shape, as the message writes it, of an array in a broadcasting error with two axes of the batch's length,
    (B, B) or (B, 1, B): one number for every pair of rows, which only a (B,) array combined with a (B, 1) one (or a
    (B, B) draw) makes. None if the message names no such array."""
    import re

    shapes = re.search(r"shapes ((?:\([0-9, ]*\)\s*)+)could not", problem)
    found = [] if shapes is None else re.findall(r"\(([0-9, ]*)\)", shapes.group(1))
    return next((f"({shape})" for shape in found
                 if [int(size) for size in shape.split(",") if size.strip()].count(n_rows) >= 2), None)


_ROW_BY_ROW = (" The array of shape {shape} holds one number for every pair of rows: a (B,) array combined with a "
               "(B, 1) column broadcasts to (B, B), as u = rng.random(len(logits)) * cdf[:, -1:] does (every u "
               "times every row's total; cdf[:, [-1]] or a total taken with keepdims=True is such a column too), "
               "and u[:, None] cannot undo that. Scale each u by its own row's total, one number per row: "
               "u = rng.random(len(logits)) * cdf[:, -1], shape (B,), then compare cdf > u[:, None].")
_DREW_A_TABLE = (" Your sampler drew {B} × {B} uniform numbers, a (B, B) table: the inverse CDF needs one per row, "
                 "u = rng.random(len(logits)), shape (B,), compared with its row as u[:, None].")


# Two rows of positive logits [1, 2, 3, 4], with u = 0.25 and u = 0.5. Divided by their total, as if they were
# probabilities, they give [0.1, 0.2, 0.3, 0.4], running totals [0.1, 0.3, 0.6, 1]: indices 1 and 2. Their softmax,
# e^z / (e + e^2 + e^3 + e^4), gives running totals [0.032, 0.119, 0.356, 1] (to 3 digits): indices 2 and 3.
_POSITIVE_ROWS = np.array([[1.0, 2.0, 3.0, 4.0]] * 2)
_POSITIVE_ROWS.flags.writeable = False
_POSITIVE_U = (0.25, 0.5)


def _nan_source(sampler: Callable) -> str:
    """Words for an "invalid value" warning on the check's batch: what it means, and, when the sampler divides the
    logits by their row's total on rows of positive logits (where that raises no warning), that mistake."""
    outcome = _quietly(sampler, _POSITIVE_ROWS, _WatchedGenerator(seed=78, script=_POSITIVE_U))
    answer, problem = (None, "") if outcome.problem else _batch_indices(outcome.value, len(_POSITIVE_ROWS))
    if problem is None and answer.tolist() == [1, 2]:
        return (" You divided the logits by their row's total, as if they were probabilities: on the rows "
                f"{_row(_POSITIVE_ROWS[0])} (twice) with u = {_POSITIVE_U[0]} and {_POSITIVE_U[1]} your sampler "
                "returned [1, 2], the indices for the running totals of logits / logits.sum() = [0.1, 0.3, 0.6, 1]; "
                "the inverse CDF of the softmax returns [2, 3]. On the check's batch that division gives nan: the "
                "row of five zero logits has the total 0, and 0 / 0 is nan; a row with a -inf logit has the total "
                "-inf, and -inf / -inf is nan. Logits are not probabilities: take each row's softmax first, "
                "softmax(logits, axis=1).")
    return (" NumPy's \"invalid value\" means an operation gave nan: 0 / 0, inf / inf, inf - inf or 0 * inf. The "
            "check's batch has two places where such a step can meet them: its masked entries (-inf, as in "
            "-inf - (-inf) or 0 * -inf) and its row of five zero logits (whose total is 0). softmax(logits, axis=1) "
            "handles both; look for the step that combines a -inf, or divides by a total that can be 0.")


_BATCH_HOW = ("Per row: cdf = np.cumsum(softmax(logits, axis=1), axis=1), one u per row from "
              "u = rng.random(len(logits)) * cdf[:, -1] (scaled by the row's last running total), and the first "
              "index whose cumulative probability exceeds that row's u.")


def check_batch_sampler(sampler: Callable) -> None:
    """Exercise 06.1: ``sampler(logits, rng)`` draws one index per row of a (B, K) batch by the inverse CDF.

    The generator hands out chosen uniform numbers, one per row, so each row's answer must be exactly
    the inverse-CDF index of its u; and the learner's work must not grow with the number of rows.
    """
    from tempnb.core import softmax

    logits, uniforms = _batch_case()
    n_rows = len(logits)
    cdf = np.cumsum(softmax(logits, axis=1), axis=1)
    expected = _first_above(cdf, uniforms)[0]
    if _library_sampler(sampler, (logits, _WatchedGenerator(seed=0, script=tuple(uniforms)))):
        return hint(_builds_it("sample", _BATCH_HOW))
    rng = _WatchedGenerator(seed=0, script=tuple(uniforms))
    outcome = call(sampler, logits, rng)
    for method, message in (
        ("choice", "rng.choice samples for you, and from one distribution at a time; the exercise is to build the "
                   "inverse CDF for every row at once. "),
        ("integers", "your function called rng.integers (a seed for another generator, or a random index?), so "
                     "its draws do not come from the u = rng.random(...) numbers the check hands out and cannot be "
                     "checked: draw the uniform numbers from the rng you are given. "),
        ("gumbel", "that is the Gumbel-max trick (Exercise 2); here, invert each row's CDF. "),
        ("multinomial", "rng.multinomial samples for you, and from one distribution at a time. "),
    ):
        if method in rng.used:
            return hint(message + _BATCH_HOW)
    if outcome.error is InputChanged:
        return hint(outcome.problem)
    if outcome.problem:
        extra = ""
        if "too deep" in outcome.problem:
            extra = (" np.searchsorted looks u up in one 1-D sorted array, not in every row of a table: compare "
                     "all rows at once instead, cdf > u[:, None], and take the first True of each row.")
        elif any(f"shapes {a} {b}" in outcome.problem for a, b in ((f"({n_rows},)", f"({logits.shape[1]},)"),
                                                                    (f"({logits.shape[1]},)", f"({n_rows},)"))):
            # one number per row against one per token: not the (B, K) against (B,) the common explanation names
            return hint(f"it raised ValueError: arrays of shapes ({n_rows},) and ({logits.shape[1]},) could not be "
                        f"combined: one number per row (u, shape (B,)) against one per token (shape (K,): a single "
                        f"row, such as cdf[-1]). If that is cdf[-1]: {_LAST_ROW_TOTALS}")
        elif "array is 1-dimensional" in outcome.problem:
            # (cold read r152, X3) the usual way to lose the table's second axis is np.cumsum with no axis
            extra = (" A 1-D array was indexed as a (B, K) table: if it is your running totals, np.cumsum without "
                     "an axis flattened the batch into one long running total; take it along each row, "
                     "np.cumsum(probs, axis=1), which keeps the shape (B, K).")
        elif outcome.error is RuntimeWarning and "invalid value" in outcome.problem:
            # (cold read r162, X4) NumPy's "invalid value" alone names no mistake: say where a nan comes from here
            extra = _nan_source(sampler)
        elif "could not be combined" in outcome.problem and _row_by_row(outcome.problem, n_rows):
            # (cold read r162, X3) a (B,) u times a (B, 1) column of totals is a (B, B) table: u[:, None] cannot help
            extra = (_DREW_A_TABLE if rng.uniforms_taken == n_rows**2 else _ROW_BY_ROW).format(
                B=n_rows, shape=_row_by_row(outcome.problem, n_rows))
        elif "could not be combined" in outcome.problem:
            # (cold read r157, X1) a row's max or sum without keepdims gives the same shapes as a u without [:, None]
            extra = _shape_error_advice(sampler, logits, uniforms)
        return hint(f"{_problem(outcome.problem)}.{extra}")
    answer, problem = _batch_indices(outcome.value, n_rows)
    if problem is not None:
        return hint(problem)
    if not {"random", "uniform"} & set(rng.used):
        return hint("draw your uniform numbers from the rng you are given, one per row: "
                    "u = rng.random(len(logits)).")
    if rng.uniforms_taken != n_rows:
        if rng.uniforms_taken == 1:
            return hint(f"your sampler drew one uniform number for the whole batch of {n_rows} rows: every name "
                        "needs its own, u = rng.random(len(logits)), one per row.")
        if rng.uniforms_taken == logits.size:
            return hint(f"your sampler drew {logits.size} uniform numbers, one per entry of the ({n_rows}, "
                        f"{logits.shape[1]}) table; the inverse CDF needs one per row: u = rng.random(len(logits)).")
        return hint(f"your sampler drew {rng.uniforms_taken} uniform numbers for a batch of {n_rows} rows; the "
                    "inverse CDF needs exactly one per row: u = rng.random(len(logits)).")
    if not np.array_equal(answer, expected):
        if np.all(answer == answer[0]):
            if answer[0] == 0 and _runs_on(sampler):
                return hint(_RUN_ON)
            if answer[0] == 0 and _down_the_columns(sampler):  # (such totals give 0: a 4 everywhere is another fault)
                return hint("your running totals go down the columns, np.cumsum(probs, axis=0), adding up different "
                            f"rows, so your sampler returned {answer[0]} for every row. Take them along each row, "
                            "np.cumsum(probs, axis=1).")
            # (cold read r157) in words, not code: the notebook's starter lands here before the learner writes a line
            return hint(f"your sampler returned {answer[0]} for every row, whatever its logits and its u. Each row's "
                        "index comes from its own u and its own running totals: the first index whose cumulative "
                        "probability exceeds that row's u, as sample_inverse_cdf finds it for one row.")
        valid = (answer >= 0) & (answer < logits.shape[1])
        if np.isneginf(logits[np.arange(n_rows)[valid], answer[valid]]).any() and _stand_in_piece(sampler):
            return hint(f"a masked entry (logit -inf) owns a piece in your sampler: on the row "
                        f"{_row(_STAND_IN_ROWS[0])} with u = {_STAND_IN_U[0]:g}, far below any piece a real token "
                        f"owns there, it returned 0, the masked entry; the inverse CDF returns 1. {_MASKED_PIECE}")
        for answers, message in _batch_rules(logits, uniforms):
            if any(np.array_equal(answer, candidate) for candidate in answers):
                return hint(message)
        tempered = _tempered_batch_hint(sampler, logits, uniforms, answer)
        if tempered is not None:
            return hint(tempered)
        if np.any((answer < 0) | (answer >= logits.shape[1])):
            return hint(f"an index outside [0, {logits.shape[1] - 1}] was returned: "
                        f"{int(answer[(answer < 0) | (answer >= logits.shape[1])][0])}.")
        drawn_masked = np.isneginf(logits[np.arange(n_rows), answer])
        if drawn_masked.any():
            i = int(np.flatnonzero(drawn_masked)[0])
            # a stand-in piece was ruled out above (_stand_in_piece), so the index is off another way: most often
            # an index into a sorted copy of the row, not mapped back to the token's own position
            return hint(f"a masked entry (logit -inf) was drawn: on the row {_row(logits[i])} with u = "
                        f"{_shown_u(uniforms[i])}, your sampler returned {answer[i]}; the inverse CDF returns "
                        f"{expected[i]}, the first index whose cumulative probability exceeds u (that row's cdf = "
                        f"{np.round(cdf[i], 4).tolist()}). The index must be the token's own position in its row: "
                        "if you sorted or reordered the row, map the position back (order[j] with "
                        "order = np.argsort(...)). (Wrong on "
                        f"{int(np.sum(answer != expected))} of the {n_rows} rows.)")
        i = int(np.flatnonzero(answer != expected)[0])
        return hint(f"on the row {_row(logits[i])} with u = {_shown_u(uniforms[i])}, your sampler returned "
                    f"{answer[i]}; the inverse CDF returns {expected[i]}, the first index whose cumulative probability "
                    f"exceeds u (that row's cdf = {np.round(cdf[i], 4).tolist()}). (Wrong on "
                    f"{int(np.sum(answer != expected))} of the {n_rows} rows.)")
    large = _large_logits_problem(sampler)
    if large is not None:
        return hint(large)
    draw_calls = rng.used.count("random")  # rng.uniform draws through rng.random, so this counts both
    if draw_calls != 1:
        how = ("one per row, one at a time" if draw_calls == n_rows
               else f"in {draw_calls} calls of rng.random or rng.uniform")
        return hint(f"right on every row, but your sampler drew its {n_rows} uniform numbers {how}: draw them all in "
                    "one call, u = rng.random(len(logits)), an array of one number per row, with no loop over the "
                    "rows.")
    counts = _loops_over_rows(sampler, logits)
    if counts is not None:
        lines_few, lines_many, few, many = counts
        grows = (f"{lines_many - lines_few} more lines of your own code run on 40 rows than on 4 (a loop runs at "
                 "least one line per row)" if lines_many - lines_few >= (40 - 4) // 2 else
                 f"it calls {many - few} more Python and NumPy functions on 40 rows than on 4 (map or "
                 "np.apply_along_axis calls a function per row)")
        return hint(f"right on every row, and drawn in one call, but your function loops over the rows: {grows}. "
                    "Work on the whole table at once: compare cdf > u[:, None] (a table of booleans, one row per "
                    "name) and take the first True of each row, np.argmax(..., axis=1). A loop, comprehension or "
                    "generator expression that only converts or checks the finished indices counts too: return "
                    "the array itself (or idx.tolist()), and check with np.all(...) rather than all(... for i in "
                    "idx).")
    unscaled = _unscaled_u_problem(sampler)
    if unscaled is not None:
        return hint(unscaled)
    return passed(f"On each of the {n_rows} rows of the batch, with its own u (u = 0.0 on a row whose first entry "
                  "is masked among them), your sampler returns the inverse-CDF index and never a masked entry; it "
                  "stays right on rows of large logits, alone or beside an ordinary row, and with u just below 1 on a "
                  "row whose running total ends below 1; it draws its uniform numbers in one call; and the lines of "
                  "your code that run, and the functions it calls, do not grow from 4 rows to 40, so no Python loop "
                  "goes over the rows.")


def _down_the_columns(sampler: Callable) -> bool:
    """Whether the sampler takes its running totals down the columns (np.cumsum(probs, axis=0)).

    On a batch those totals pass 1 after a few rows, so the answer is 0 on every row, as a sampler that ignores
    u returns too. One row tells them apart, where a total down the columns is the row's own probabilities:
    [0, 0, 0, 0, 3] has probabilities [0.0415, 0.0415, 0.0415, 0.0415, 0.834] (1 / (4 + e^3) and e^3 / (4 + e^3),
    to three digits). With u = 0.06 the inverse CDF gives 1 (0.0415 < 0.06 < 0.083), while the first probability
    itself above u is at 4, and 4 probabilities are at most u. Scaled as the exercise asks, by the last entry of
    the row's totals, u becomes 0.06 * 0.834 = 0.050 there, still between 0.0415 and 0.834, so the answer is 4
    again (cold read r152, X3: the old probe's last probability, 0.04, shrank u below every piece).
    """
    outcome = call(sampler, np.array([[0.0, 0.0, 0.0, 0.0, 3.0]]), _WatchedGenerator(seed=71, script=(0.06,)))
    answer, problem = (None, "") if outcome.problem else _batch_indices(outcome.value, 1)
    return problem is None and int(answer[0]) == 4


def _runs_on(sampler: Callable) -> bool:
    """Whether the sampler's running totals run on from one row into the next (np.cumsum with no axis, reshaped
    to (B, K)), with u as given. On the check's batch that gives 0 on every row (from the second row on, every total
    is above 1 > u), as a sampler that ignores u does; two equal rows [0, 0, 0, 0, 3] with u = 0.06 each tell them
    apart: the first row's totals are its own, [0.0415, 0.083, 0.125, 0.166, 1] (to three digits), so the answer
    there is the right one, 1, while the second row's run from 1.0415 to 2 and give 0. (Scaled by each row's last
    total, as the exercise asks, these totals give an answer that is not the same on every row, and a rule of
    _batch_rules names it.)
    """
    outcome = call(sampler, np.array([[0.0, 0.0, 0.0, 0.0, 3.0]] * 2), _WatchedGenerator(seed=72, script=(0.06, 0.06)))
    answer, problem = (None, "") if outcome.problem else _batch_indices(outcome.value, 2)
    return problem is None and answer.tolist() == [1, 0]


def _row(logits: np.ndarray) -> str:
    return "[" + ", ".join("-inf" if np.isneginf(z) else f"{z:g}" for z in logits) + "]"


def _shown_u(u: float) -> str:
    """A uniform number as a hint shows it: 6 significant digits, or 10 where 6 would round it to another number
    that matters, as 1 - 1e-9 would to 1 (a u of 1 could never be exceeded by a running total)."""
    short = f"{u:.6g}"
    return short if float(short) not in (0.0, 1.0) or float(short) == u else f"{u:.10g}"


def _chi_square_p_value(counts: np.ndarray, probs: np.ndarray) -> float:
    import scipy.stats

    keep = probs > 0
    if np.any(counts[~keep]):
        return 0.0
    return float(scipy.stats.chisquare(counts[keep], probs[keep] * counts.sum()).pvalue)


# argmax(q · E) with E = -log(u) draws exactly what argmax(z / T - g) draws, so the two sign-slip hints below name
# that reading of the same draws too (cold read r166, X1)
_RACE_PRODUCT = ("(If you built the exponential race from E = -log(u) instead, the same draws come from multiplying "
                 "by E, argmax(q · E): the race divides, argmax(q / E).)")


def check_gumbel_sampler(sampler: Callable) -> None:
    """Exercise 06.2: ``sampler(logits, temperature, rng)`` draws by the Gumbel-max trick, at T = 2.

    The argument order is the notebook's own ``sample_gumbel_max(logits, temperature, rng)``.
    """
    from tempnb.core import softmax

    T, n = 2.0, 6000
    if not callable(sampler):  # "expected a function, got ...", as the other checks say (cold read r152, X4)
        return hint(f"{call(sampler, _LOGITS, T, _WatchedGenerator(seed=10)).problem}.")
    if _library_sampler(sampler, (_LOGITS, T, _WatchedGenerator(seed=10))):
        return hint(_builds_it("sample", "(It draws by the inverse CDF, one u per draw.) " + _ONE_PER_TOKEN))
    first = call(sampler, _LOGITS, T, _WatchedGenerator(seed=10))
    if first.error is InputChanged:
        return hint(first.problem)
    if first.problem and not issubclass(first.error, Warning):
        for order in itertools.permutations(("logits", "temperature", "rng")):
            if order == ("logits", "temperature", "rng"):
                continue
            values = {"logits": _LOGITS.copy(), "temperature": T, "rng": _WatchedGenerator(seed=10)}
            swapped = call(sampler, *(values[name] for name in order))
            if not swapped.problem and _index(swapped.value) is not None:
                fix = ("swap the last two" if order == ("logits", "rng", "temperature")
                       else "put them in that order")
                return hint(f"your function takes its arguments as ({', '.join(order)}); the exercise, like "
                            f"sample_gumbel_max above, takes (logits, temperature, rng): {fix}. "
                            f"(Called in that order, {first.problem}.)")
    rng = _WatchedGenerator(seed=11)
    outcome = call(lambda: [sampler(_LOGITS.copy(), T, rng) for _ in range(n)])
    if "choice" in rng.used:
        return hint("rng.choice samples for you; the Gumbel-max trick is argmax(z / T + g), "
                    "with g = -np.log(-np.log(rng.random(len(z)))).")
    if outcome.problem:
        if "divide by zero" in outcome.problem and {"exponential", "standard_exponential"} & set(rng.used):
            return hint(f"{outcome.problem}. You drew exponential numbers E and divided them by the probabilities, "
                        "argmin(E / q): the masked entry's probability is 0, so E / 0 warns. Run the same race on "
                        "the logits instead, argmax(z / T - log E) (-log E is Gumbel noise), or use the Gumbel-max "
                        "trick, argmax(z / T + g) with g = -np.log(-np.log(rng.random(len(z)))): the masked -inf "
                        "stays -inf and nothing is divided by 0.")
        if "divide by zero" in outcome.problem:
            return hint(f"{outcome.problem}. The masked entry's probability is 0 (trap 1 above): taking np.log of "
                        "it, or dividing by it, gives this warning. Work with the logits instead: add the noise "
                        "to the logits divided by T, argmax(z / T + g), where the masked -inf stays -inf; no "
                        "softmax, log or division by probabilities is needed.")
        if "invalid value" in outcome.problem and set(rng.used) <= {"random", "uniform"} and _nan_from_noise(sampler):
            return hint(f"{outcome.problem}: your noise is NaN. log(u) < 0 for u in (0, 1), so log(log(u)) is NaN: "
                        "g = -log(-log(u)), with a minus sign inside as well as outside.")
        return hint(f"{_problem(outcome.problem)}.")
    if any(value is None for value in outcome.value):
        return hint("your function returned None; return the index, the argmax (a missing `return`?).")
    wrong = next((value for value in outcome.value if _index(value) is None), None)
    if wrong is not None or not outcome.value:
        return hint(_not_an_index(wrong, "a 2-D noise draw, such as size=(1, K), or np.argmax(..., axis=1) gives "
                                         "one: draw the noise with size=len(z) and return int(np.argmax(...)) of "
                                         "that 1-D vector."))
    indices = [_index(value) for value in outcome.value]
    draws = np.array(indices)
    if draws.min() < 0 or draws.max() >= _LOGITS.size:
        return hint(f"an index outside [0, {_LOGITS.size - 1}] was returned.")
    scaled = _LOGITS / T
    success = (f"{n:,} draws of your Gumbel-max sampler at T = 2, and {_SECOND_T_DRAWS:,} at T = 0.5, match "
               "softmax(z / T) and never pick the masked entry")
    noise, source = _recorded_noise(rng, n)
    if noise is None and not np.all(draws == draws[0]) and not np.any(draws == 1):
        specific = _not_gumbel(rng, n, specific_only=True)
        if specific is not None:
            return hint(specific)
    if noise is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            if source == "exponential":  # the exponential race: argmin(E / q) = argmax(z / T - log E)
                if np.array_equal(draws, np.argmax(scaled - np.log(noise), axis=1)):
                    return _passed_if_tempered(sampler, rng.used, f"{success}: each draw is the exponential race, "
                                               "argmin(E / q), with the very noise your function drew (-log E is "
                                               "Gumbel noise).")
                q = softmax(_LOGITS, T)
                if any(np.array_equal(draws, np.argmax(race, axis=1))
                       for race in (q * noise, np.exp(scaled) * noise, scaled + np.log(noise))):
                    return hint("your draws are argmax(q · E) (or argmax(z / T + log E)), with the very exponential "
                                "numbers E your function drew: you multiplied by E. The race takes the smallest "
                                "E / q, so divide: argmax(q / E), or in log space argmax(z / T - log E).")
                if np.array_equal(draws, np.argmax(scaled - noise, axis=1)):
                    return hint("your draws are argmax(z / T - E), with the very exponential numbers E your function "
                                "drew: you subtracted E itself. The race subtracts its log, argmax(z / T - log E) "
                                "(-log E is Gumbel noise), or divides the probabilities by E, argmax(q / E).")
                if np.array_equal(draws, np.argmax(_LOGITS * T - np.log(noise), axis=1)):
                    return hint("your draws are argmax(z · T - log E), with the very exponential numbers E your "
                                "function drew: the logits were multiplied by T. Divide them: argmax(z / T - log E).")
                if np.array_equal(draws, np.argmax(_LOGITS - np.log(noise), axis=1)):
                    return hint("your draws are the exponential race at T = 1, argmax(z - log E), with the very "
                                "numbers E your function drew: the temperature has no effect. Use the probabilities "
                                "at T, q = softmax(z / T), or the logits divided by T: argmax(z / T - log E).")
            else:
                for g in noise:  # g from the uniforms u, and from 1 - u (just as uniform)
                    if np.array_equal(draws, np.argmax(scaled + g, axis=1)):
                        return _passed_if_tempered(sampler, rng.used, f"{success}: each draw is argmax(z / T + g), "
                                                   "recomputed with the very noise your function drew.")
                g = noise[0]
                if np.array_equal(draws, np.argmin(scaled + g, axis=1)):
                    return hint("your draws are an argmin; the Gumbel-max trick takes the argmax, so use "
                                "np.argmax. (With the masked entry's -inf among the values, argmin picks it "
                                "every time, whatever the noise.)")
                if np.array_equal(draws, np.argmax(scaled - g, axis=1)):
                    return hint("your draws are argmax(z / T - g), with the very noise your function drew: the "
                                "noise has the wrong sign. A Gumbel draw is g = -log(-log(u)), with both minus "
                                f"signs; log(-log(u)) is -g. Add it: argmax(z / T + g). {_RACE_PRODUCT}")
    if noise is not None and _masked_took_part(draws, scaled, noise, source):
        return hint("the masked entry (logit -inf, index 1) was drawn, and every other draw is argmax(z / T + g) "
                    "with the very noise your function drew: the masked entry took part with a finite logit, as a "
                    "stand-in for -inf gives it (np.nan_to_num(z, neginf=0), np.clip, np.maximum), and the noise "
                    "sometimes lifts it above the rest. Keep -inf as -inf: -inf / T + g stays -inf, so the masked "
                    "entry never wins, whatever its noise.")
    if np.any(draws == 1) and _per_draw_count(rng, n) == int(np.isfinite(_LOGITS).sum()):
        # noise for the unmasked logits only, and the argmax's position in that shortened array returned as the
        # index: past the masked entry every position is one too small (cold read r155, X1)
        kept = np.flatnonzero(np.isfinite(_LOGITS))
        return hint(f"the masked entry (logit -inf, index 1) was drawn. Your function drew {kept.size} numbers per "
                    f"draw, one for each logit that is not masked, and the index it returns looks like a position "
                    f"in that shortened array of {kept.size}: past the masked entry every position is one less "
                    f"than the token's own index, so token {int(kept[1])}, the second one kept, comes back as 1, "
                    "the masked entry. Keep the whole array: draw one number for every logit, u = "
                    "rng.random(len(logits)), and take argmax(z / T + g) over all of them; the masked -inf + g "
                    "stays -inf, so it never wins.")
    if np.any(draws == 1):
        # only the masked entry, every time: an argmin, which picks the -inf entry whatever the noise
        argmin = " (And take the argmax: argmin picks the -inf entry.)" if np.all(draws == 1) else ""
        return hint("the masked entry (logit -inf, index 1) was drawn; it must have probability 0. The noise "
                    "goes on the logits divided by T, argmax(z / T + g), where -inf + g stays -inf; added to "
                    "probabilities, softmax(z / T) + g, it can lift the masked entry's 0 above the rest." + argmin)
    if not rng.used and not np.all(draws == draws[0]):  # random, but not from the rng it was given
        return hint("your sampler never drew from the rng it was given: draw the noise from it, "
                    "u = rng.random(len(z)) and g = -np.log(-np.log(u)) (np.random's global functions ignore the "
                    "seed you pass).")
    other_noise = sorted(set(rng.used) & {"logistic", "normal", "standard_normal", "exponential",
                                          "standard_exponential", "laplace", "standard_cauchy"})
    exponential_noise = bool(other_noise) and other_noise[0] in {"exponential", "standard_exponential"}
    if exponential_noise and not np.all(draws == draws[0]):  # one E shared by every token: a hint further down
        return hint(f"your noise comes from rng.{other_noise[0]}, which the exponential race accepts, but your draws "
                    "are not the race: it takes the smallest E / q, argmax(q / E), or in log space "
                    "argmax(z / T - log E), with one standard exponential E per token, drawn with size=len(z).")
    if other_noise and not exponential_noise:
        return hint(f"your noise comes from rng.{other_noise[0]}: only Gumbel noise makes argmax(z / T + g) sample "
                    "softmax(z / T) exactly (other noise gives other frequencies, close enough to fool a small "
                    "test). Use g = -log(-log(u)) with u = rng.random(len(z)) uniform (or -log(E) with E "
                    "a standard exponential draw, which is Gumbel noise too).")
    # Each call drew one Gumbel vector of the logits' size: recompute every draw with the very same noise.
    mismatched = np.array([], dtype=int)
    if source == "gumbel":
        with np.errstate(invalid="ignore"):
            exact = np.argmax(scaled + noise[0], axis=1)
        mismatched = np.flatnonzero(exact != draws)
    if noise is not None and source == "uniform":
        # the draws are not argmax(z / T + g) with the learner's own uniforms (that passed above)
        with np.errstate(invalid="ignore", divide="ignore"):
            exact = np.argmax(scaled + noise[0], axis=1)
            if np.array_equal(draws, np.argmax(_LOGITS + noise[0], axis=1)):
                return hint("your draws are argmax(z + g), with the very noise your function drew: the temperature "
                            "has no effect. Divide the logits by T before adding the noise, argmax(z / T + g), and "
                            "only the logits: (z + g) / T, or z / T + g / T, has the same argmax as z + g.")
            if np.array_equal(draws, np.argmax(_LOGITS * T + noise[0], axis=1)):
                return hint("your draws are argmax(z · T + g), with the very noise your function drew: the logits "
                            "were multiplied by T, or the noise divided by T. Divide the logits: argmax(z / T + g).")
            u = _per_draw(rng.uniform_draws, n)
            for transformed, name in ((u, "u itself"), (np.log(u), "log(u)"), (-np.log(u), "-log(u)")):
                if np.array_equal(draws, np.argmax(scaled + transformed, axis=1)):
                    return hint(f"your noise is {name}, made from the uniform numbers u your function drew, which "
                                "is not Gumbel noise, so the frequencies do not match softmax(z / T). Gumbel noise "
                                "is g = -log(-log(u)), both logs and both minus signs.")
            # the outer log in another base scales the noise by 1 / log(base), as a change of temperature would
            # (the inner log's base only shifts every token's noise by the same constant, which changes nothing)
            for outer, name in ((np.log2, "np.log2"), (np.log10, "np.log10")):
                for inner in (np.log, np.log2, np.log10):
                    for uniform in (u, 1 - u):
                        if np.array_equal(draws, np.argmax(scaled - outer(-inner(uniform)), axis=1)):
                            return hint(f"your noise uses {name}, with the very uniform numbers your function drew: "
                                        f"a log in another base scales the Gumbel noise by 1 / log(base), which acts "
                                        "like another temperature. Use natural logs, np.log: "
                                        "g = -np.log(-np.log(u)).")
        wrong = np.flatnonzero(exact != draws)
        i = int(wrong[0])
        return hint(f"with the uniform numbers your function drew, u = {np.round(u[i], 3).tolist()}, "
                    f"the Gumbel noise g = -log(-log(u)) gives argmax(z / T + g) = {exact[i]} at T = 2, but it "
                    f"returned {draws[i]} (on {wrong.size} of {n:,} draws). Check the noise and the temperature: "
                    "g = -np.log(-np.log(u)) with natural logs, added once to the logits divided by T once, "
                    "argmax(z / T + g).")
    counts = np.bincount(draws, minlength=_LOGITS.size)
    if not mismatched.size and _chi_square_p_value(counts, softmax(_LOGITS, T)) >= 1e-4:
        # the frequencies are right, but only draws recomputed from the learner's own noise pass (above)
        if noise is None:
            return hint(_not_gumbel(rng, n))
        return hint("your frequencies match softmax(z / T), but your draws are not argmax(z / T + g) with the "
                    "very noise your function drew (nor the exponential race, argmax(z / T - log E)). "
                    + _PER_TOKEN)
    observed = np.round(counts / n, 3).tolist()
    if _chi_square_p_value(counts, softmax(_LOGITS, 1.0)) >= 1e-4:
        return hint(f"your frequencies {observed} match T = 1, softmax(z), not T = 2: the temperature has no "
                    "effect. Divide the logits by T before adding the noise, argmax(z / T + g), and only the "
                    "logits: (z + g) / T, or z / T + g / T, has the same argmax as z + g.")
    if _chi_square_p_value(counts, softmax(_LOGITS, 1 / T)) >= 1e-4:
        return hint(f"your frequencies {observed} match softmax(z · T), that is T = 0.5: the logits were "
                    "multiplied by T, or the noise was divided by T (argmax(z + g / T) picks the same as "
                    "argmax(z · T + g)). Divide the logits: argmax(z / T + g).")
    if mismatched.size:
        i = int(mismatched[0])
        return hint(f"with the noise your function drew, g = {np.round(noise[0][i], 3).tolist()}, "
                    f"argmax(z / T + g) at T = 2 is {exact[i]}, but it returned {draws[i]} (on "
                    f"{mismatched.size} of {n:,} draws). Add the noise to the logits divided by T exactly once: "
                    "argmax(z / T + g), or equivalently argmax(z + T · g); not z · T, z / T² or z / √T.")
    gumbel_noise = set(rng.used) <= {"random", "uniform"}  # noise made from uniforms: -log(-log(u)) or its sign slip
    if gumbel_noise and _chi_square_p_value(counts, _minus_gumbel_frequencies(T)) >= 1e-4:
        return hint(f"your frequencies {observed} match argmax(z / T - g): the noise has the wrong sign. A Gumbel "
                    f"draw is g = -log(-log(u)), with both minus signs; log(-log(u)) is -g. {_RACE_PRODUCT}")
    if np.all(draws == draws[0]):
        drawn = [*rng.uniform_draws, *rng.gumbel_draws, *rng.exponential_draws]
        if drawn and all(d.size == 1 for d in drawn):  # fresh noise each call, but one number for all the tokens
            return hint("every draw returned the same index, argmax(z / T): your function drew one number per "
                        "call and added it to every logit, and one number added to every logit changes nothing. "
                        "Draw one u per token, u = rng.random(len(logits)), and g = -np.log(-np.log(u)).")
        return hint("every draw returned the same index: make fresh Gumbel noise each call, from fresh uniform "
                    "numbers u = rng.random(len(z)).")
    return hint(f"frequencies {observed} do not match softmax(z / T) at T = 2, "
                f"{np.round(softmax(_LOGITS, T), 3).tolist()}: argmax(z / T + g) "
                f"with g = -np.log(-np.log(rng.random(len(z)))).")


def _masked_took_part(draws: np.ndarray, scaled: np.ndarray, noise: tuple[np.ndarray, ...] | np.ndarray,
                      source: str) -> bool:
    """Whether the draws are argmax(z / T + g) with the learner's own noise, except that the masked entry (index 1)
    sometimes wins instead: the mark of a finite stand-in for its -inf, which the noise can lift above the rest.
    (Noise added to probabilities, softmax(z / T) + g, also draws the masked entry, but its other draws differ.)"""
    with np.errstate(invalid="ignore", divide="ignore"):
        races = [scaled - np.log(noise)] if source == "exponential" else [scaled + g for g in noise]
    drew_masked = draws == 1
    return bool(drew_masked.any()) and not drew_masked.all() and any(
        np.array_equal(draws[~drew_masked], np.argmax(race, axis=1)[~drew_masked]) for race in races)


def _nan_from_noise(sampler: Callable) -> bool:
    """Whether the sampler still makes a NaN on finite logits at T = 1, so that no -inf logit is to blame."""
    outcome = call(sampler, np.array([1.0, 2.0, 0.5]), 1.0, _WatchedGenerator(seed=13))
    return "invalid value" in (outcome.problem or "")


_OWN_NOISE = ("your sampler is right, but its noise comes from rng.gumbel, as in sample_gumbel_max above: this "
              "exercise asks you to make the Gumbel noise yourself from uniform numbers, u = rng.random(len(z)) "
              "and g = -np.log(-np.log(u)), then argmax(z / T + g).")


_SECOND_T_DRAWS = 2000  # draws at T = 0.5, after the right ones at T = 2


def _passed_if_tempered(sampler: Callable, used: list[str], success: str) -> None:
    """The pass line, once the sampler also follows a second temperature, T = 0.5 (a T typed in fails it),
    and made its own noise (``used``: the generator methods it called; rng.gumbel is sample_gumbel_max's)."""
    problem = _at_second_temperature(sampler)
    if problem:
        return hint(problem)
    stand_in = _gumbel_stand_in(sampler)
    if stand_in is not None:
        return hint(stand_in)
    if "gumbel" in used:
        return hint(_OWN_NOISE)
    if _scipy_noise(sampler):
        return hint("your sampler is right, but scipy.stats makes its noise: a distribution's rvs draws uniform "
                    "numbers from your rng and inverts the distribution's CDF for you (its ppf does that step "
                    "alone). This exercise asks you to do the inversion yourself: draw u = rng.random(len(z)) and "
                    "solve F(g) = exp(-exp(-g)) = u for g, then argmax(z / T + g).")
    return passed(success)


# Exercise 2's stand-in probe (cold read r159, X1). A finite stand-in for the masked -inf (-30, or log(q + 1e-12) =
# -27.6 from an epsilon added to the probabilities) leaves the masked entry a probability so small, 3.7e-8 for -30 at
# T = 2, that 8,000 random draws never show it. So the check also hands out chosen u for one call: the largest double
# below 1 for the masked entry (index 1 of [1, -inf, 2, 0.5, 2]), whose Gumbel noise -log(-log u) is then the largest
# a double u can give, -log(2**-53) = 36.7, and 1e-300 for the other tokens, whose noise is -log(690.8) = -6.54. With
# -inf the masked entry still cannot win (-inf + 36.7 is -inf), and the argmax is index 2 (2 / T - 6.54; index 4 ties it
# and comes later). A stand-in s wins once s / T + 36.7 > 2 / T - 6.54: at T = 2 once s > -84.5 (-30, 0, -27.6 all
# do), at T = 100 once s > -4325 (-1e3 too). A sampler that turns u into 1 - u meets 1 - 1e-300 = 1.0 there, so
# -log(-log(1)) divides by zero, which is no verdict; the mirrored script hands it u = 2**-53 for the masked entry
# (1 - u = 1 - 2**-53, the largest double below 1, noise 36.7) and the largest double below 1 for the others
# (1 - u = 2**-53, noise -log(36.7) = -3.60); a stand-in there wins once s / T + 36.7 > 2 / T - 3.60. The same
# scripts give the exponential race's E = -log u the same -log E, and a scripted rng.gumbel the same g.
_NEAR_ONE = float(np.nextafter(1.0, 0.0))
_STAND_IN_SCRIPTS = ((1e-300, _NEAR_ONE, 1e-300, 1e-300, 1e-300),
                     (_NEAR_ONE, 2.0**-53, _NEAR_ONE, _NEAR_ONE, _NEAR_ONE))  # mirrored, for 1 - u
_STAND_IN_TEMPERATURES = (2.0, 100.0)


def _gumbel_stand_in(sampler: Callable) -> str | None:
    """The hint for a sampler that draws the masked entry when its noise is the largest a double u gives and every
    other token's is small: a finite stand-in for its -inf. None if it never does (a right sampler never can)."""
    for T in _STAND_IN_TEMPERATURES:
        for script, mirrored in zip(_STAND_IN_SCRIPTS, (False, True)):
            outcome = call(sampler, _LOGITS.copy(), T, _WatchedGenerator(seed=14, script=script, script_noise=True))
            if (outcome.problem and isinstance(outcome.error, type) and issubclass(outcome.error, Warning)
                    and _index(outcome.value) == 1):
                # the masked entry won with a warning: u rounded to 1.0 (a float32 u, say), -log(-log(1)) is inf,
                # and -inf + inf is nan, which np.argmax returns (cold read r166, X2)
                return (f"your sampler can draw the masked entry (logit -inf, index 1). For one call at T = {T:g} the "
                        "check handed out u = 0.9999999999999999, the largest double below 1, for one token, and "
                        f"your function {outcome.problem.removeprefix('it ')} and returned 1, the masked entry. A u "
                        "that rounds to 1.0 (float32 rounds every u from 1 - 2**-25 up to 1.0) makes the noise "
                        "-log(-log(1.0)) = inf; -inf + inf is nan, and np.argmax returns the position of a nan. Keep "
                        "u in float64 as rng.random() gives it: its largest value is below 1, so the noise stays "
                        "finite and the masked -inf + g stays -inf.")
            if outcome.problem or _index(outcome.value) != 1:
                continue
            others = -math.log(-math.log1p(-script[0])) if mirrored else -math.log(-math.log(script[0]))
            how = ("u = 2**-53 for the masked entry and the largest double below 1 for the others; your function "
                   "uses 1 - u, so" if mirrored else "u = 0.9999999999999999 for the masked entry, the largest "
                   "double below 1, and u = 1e-300 for the others, so that")
            large = (f" At T = 2 it did not win; at T = {T:g} it did: dividing a stand-in by a large temperature "
                     "brings it back." if T != _STAND_IN_TEMPERATURES[0] else "")
            return (f"your sampler can draw the masked entry (logit -inf, index 1). For one call at T = {T:g} the "
                    f"check handed out {how} the masked entry's Gumbel noise is the largest a double u can give, "
                    f"g = 36.7, and every other token's is {others:.2f}: your function returned 1, the masked "
                    "entry. With -inf it could never win, since -inf / T + g stays -inf whatever g is, so your "
                    "sampler gives it a finite logit: a stand-in such as -30 or 0 (np.where(np.isneginf(z), -30, z), "
                    "np.nan_to_num(z, neginf=-30), np.maximum, np.clip), or a small number added to the "
                    "probabilities before a log (np.log(q + 1e-12)). That leaves the masked entry a tiny but real "
                    f"probability, too small for 8,000 random draws to show.{large} Keep -inf as -inf: add the "
                    "noise to the logits divided by T, argmax(z / T + g), with no stand-in and no epsilon.")
    return None


def _scipy_noise(sampler: Callable) -> bool:
    """Whether the sampler gets its noise from a scipy.stats distribution, through its rvs (scipy.stats.gumbel_r.rvs,
    frozen or not) or its ppf applied to the learner's uniform numbers."""
    import scipy.stats

    distribution = type(scipy.stats.gumbel_r)  # rvs comes from rv_generic, ppf from rv_continuous
    return calls(sampler, (_LOGITS, 2.0, _WatchedGenerator(seed=10)), distribution.rvs, distribution.ppf) is not None


def _at_second_temperature(sampler: Callable) -> str | None:
    """None if 2,000 draws at T = 0.5 are argmax(z / 0.5 + g) with the learner's own noise; otherwise the hint
    (noise the check cannot recompute gets one too, as at T = 2)."""
    T, n = 0.5, _SECOND_T_DRAWS
    rng = _WatchedGenerator(seed=12)
    outcome = call(lambda: [sampler(_LOGITS.copy(), T, rng) for _ in range(n)])
    if outcome.problem:
        if "overflow" in outcome.problem and not call(sampler, _LOGITS[np.isfinite(_LOGITS)], T,
                                                      _WatchedGenerator(seed=15)).problem:
            # np.nan_to_num(z) turns -inf into -1.8e308, the most negative double, and -1.8e308 / 0.5 overflows
            return (f"right at T = 2, but at T = 0.5 {outcome.problem}, and only with the masked entry: on the same "
                    "logits without it, [1, 2, 0.5, 2], nothing overflows. A finite stand-in for the masked -inf, "
                    "such as np.nan_to_num's default, the most negative double (-1.8e308), overflows when divided by "
                    "a temperature below 1. Keep -inf as -inf: -inf / T is -inf, with no warning, and -inf + g stays "
                    "-inf, so the masked entry never wins.")
        return f"right at T = 2, but at T = 0.5 {_problem(outcome.problem)}."
    indices = [_index(value) for value in outcome.value]
    if any(index is None for index in indices):
        return "right at T = 2, but at T = 0.5 it returned something that is not an index."
    draws = np.array(indices)
    fixed = ("right at T = 2, but at T = 0.5 your draws are what T = 2 gives: the temperature is fixed inside "
             "your function (a 2 typed in?). Use the temperature argument: argmax(z / temperature + g).")
    noise, source = _recorded_noise(rng, n)
    if noise is not None:
        with np.errstate(invalid="ignore", divide="ignore"):
            if source == "exponential":
                at_T = [np.argmax(_LOGITS / T - np.log(noise), axis=1)]
                at_2 = [np.argmax(_LOGITS / 2 - np.log(noise), axis=1)]
            else:
                at_T = [np.argmax(_LOGITS / T + g, axis=1) for g in noise]
                at_2 = [np.argmax(_LOGITS / 2 + g, axis=1) for g in noise]
        if any(np.array_equal(draws, expected) for expected in at_T):
            return None
        if any(np.array_equal(draws, expected) for expected in at_2):
            return fixed
        return ("right at T = 2, but at T = 0.5 the draws are not argmax(z / T + g) with the noise your function "
                "drew: divide the logits by the temperature argument, exactly once.")
    return f"right at T = 2, but at T = 0.5 {_not_gumbel(rng, n)}"


def _per_draw(draws: list[np.ndarray], n: int) -> np.ndarray | None:
    """The numbers drawn, one row of len(logits) per call of the learner's function, or None when they do not
    split so: one vector per call, or one number per token in a loop, both read in the order they were drawn."""
    k = _LOGITS.size
    if sum(d.size for d in draws) != n * k:
        return None
    return np.concatenate([d.reshape(-1) for d in draws]).reshape(n, k)


def _recorded_noise(rng: _WatchedGenerator, n: int) -> tuple[tuple[np.ndarray, ...] | None, str]:
    """The noise behind each of n draws, when every draw took len(logits) uniforms, exponentials or Gumbels.

    Gumbel draws come back as they are; uniforms u as the Gumbel noise -log(-log u) and
    -log(-log(1 - u)) (either is Gumbel); exponentials E as they are. Noise drawn some other way gives (None, "").
    """
    used = set(rng.used)
    if used == {"gumbel"} and (g := _per_draw(rng.gumbel_draws, n)) is not None:
        return (g,), "gumbel"
    if used and used <= {"random", "uniform"} and (u := _per_draw(rng.uniform_draws, n)) is not None:
        with np.errstate(divide="ignore", invalid="ignore"):
            return (-np.log(-np.log(u)), -np.log(-np.log1p(-u))), "uniform"
    if used and used <= {"exponential", "standard_exponential"} and (
            e := _per_draw(rng.exponential_draws, n)) is not None:
        return e, "exponential"
    return None, ""


_ONE_PER_TOKEN = ("Gumbel-max adds one noise value per token: draw len(z) values, not one, u = rng.random(len(z)), "
                  "turn them into g = -np.log(-np.log(u)) and return int(np.argmax(z / T + g)).")
_PER_TOKEN = ("Gumbel-max adds one noise value per token: u = rng.random(len(z)), turned into "
              "g = -np.log(-np.log(u)), and returns int(np.argmax(z / T + g)).")


def _per_draw_count(rng: _WatchedGenerator, n: int) -> int | None:
    """How many uniform, exponential or Gumbel numbers the sampler drew per draw over n draws (None if uneven)."""
    drawn = [*rng.uniform_draws, *rng.exponential_draws, *rng.gumbel_draws]
    per_draw, left_over = divmod(sum(d.size for d in drawn), n)
    return per_draw if drawn and not left_over else None


def _not_gumbel(rng: _WatchedGenerator, n: int, specific_only: bool = False) -> str | None:
    """The hint for n draws whose noise the check cannot recompute: the sampler is not Gumbel-max, whatever its
    frequencies. Names rng.multinomial, rng.integers (a seed for another generator), a single u per draw and
    another count of numbers per draw than one per token; with ``specific_only``, None when none of them explains it."""
    if "multinomial" in rng.used:
        return ("rng.multinomial draws the token for you, from the probabilities, with no noise on the logits: "
                "that is not the Gumbel-max trick. " + _ONE_PER_TOKEN)
    if "integers" in rng.used:
        return ("your function called rng.integers (a seed for another generator, or a random index?), so its "
                "noise, if any, does not come from the rng it is given and cannot be checked. " + _ONE_PER_TOKEN)
    per_draw = _per_draw_count(rng, n)
    if per_draw == 1:
        return ("your function drew a single number per draw (a single u, as the inverse CDF of Exercise 1 does): "
                "it may sample softmax(z / T), but it is not the Gumbel-max trick. " + _ONE_PER_TOKEN)
    if per_draw == int(np.isfinite(_LOGITS).sum()):
        return (f"your function drew {per_draw} numbers per draw, one for each logit that is not masked: draw one "
                f"for every logit, the masked one too, u = rng.random(len(logits)) ({_LOGITS.size} here). Its noise "
                "never matters (-inf + g stays -inf), but the check recomputes every draw as argmax(z / T + g) "
                "from one number per logit, in order.")
    if per_draw is not None and per_draw != _LOGITS.size:
        return (f"your function drew {per_draw} numbers per draw for {_LOGITS.size} logits: Gumbel-max adds one "
                "noise value per logit, u = rng.random(len(logits)), turned into g = -np.log(-np.log(u)).")
    if specific_only:
        return None
    methods = ", ".join(f"rng.{name}" for name in dict.fromkeys(rng.used)) or "none of rng's methods"
    return (f"the check cannot recompute your draws as argmax(z / T + g) from the noise your function drew (it "
            f"called {methods}), so it cannot tell them from another sampler's. {_PER_TOKEN}")


def _minus_gumbel_frequencies(T: float) -> np.ndarray:
    """How often argmax(z / T - g) picks each index, g Gumbel: the sign error, estimated from 400,000 seeded draws."""
    noise = np.random.default_rng(0).gumbel(size=(400_000, _LOGITS.size))
    return np.bincount(np.argmax(_LOGITS / T - noise, axis=1), minlength=_LOGITS.size) / len(noise)


def _kept(logits: np.ndarray) -> list[int]:
    return np.flatnonzero(np.isfinite(logits)).tolist()


def _same_filter(answer: object, expected: object) -> bool:
    got, want = as_array(answer), np.asarray(expected)
    if got is None or got.shape != want.shape:
        return False
    return bool(np.array_equal(np.isinf(got) & (got < 0), np.isinf(want)) and
                np.allclose(got[np.isfinite(want)], want[np.isfinite(want)], rtol=0, atol=0))


def _filter_mistakes(logits: np.ndarray, expected: np.ndarray) -> tuple[Mistake, ...]:
    kept = np.isfinite(expected)
    return (
        Mistake(lambda a: isinstance(a, np.ndarray) and a.dtype == bool,
                "you returned a mask of the entries to keep, not the filtered logits: return "
                "np.where(mask, logits, -np.inf)."),
        # {got:value}: the answer itself and its shape, not the "positions" of its finite entries (cold read r150, X1)
        Mistake(lambda a: as_array(a) is None or as_array(a).shape != logits.shape,
                f"return the filtered logits, an array of shape {logits.shape}: the whole vector, with the removed "
                f"entries set to -inf; got {{got:value}}."),
        Mistake(lambda a: bool(np.all((as_array(a) >= 0) & (as_array(a) <= 1))) and close(np.sum(as_array(a)), 1.0),
                "return the filtered logits (removed entries set to -inf), not probabilities."),
        # probabilities at the kept positions and 0 elsewhere: both halves are wrong, so name both
        Mistake(lambda a: (~kept).any() and np.array_equal(as_array(a)[~kept], np.zeros((~kept).sum()))
                and bool(np.all((as_array(a)[kept] >= 0) & (as_array(a)[kept] <= 1)))
                and not np.array_equal(as_array(a)[kept], logits[kept]),
                "you returned probabilities (the kept ones, 0 elsewhere), not logits: return the kept logits "
                "unchanged and -inf for the removed ones (0 is an ordinary logit, not a removed one)."),
        Mistake(lambda a: np.array_equal(as_array(a)[~kept], np.zeros((~kept).sum())) and (~kept).any(),
                "removed entries must be -inf (probability 0 after softmax); 0 is an ordinary logit."),
        Mistake(lambda a: bool(np.isnan(as_array(a)[~kept]).any()),
                "removed entries must be -inf (probability 0 after softmax); NaN is not a logit, and one NaN "
                "makes every probability NaN. Fill with -np.inf, not np.nan."),
        Mistake(lambda a: (~kept).any() and bool(np.all(np.isfinite(as_array(a)[~kept])))
                and bool(np.all(as_array(a)[~kept] <= -1e3)) and np.array_equal(as_array(a)[kept], logits[kept]),
                "removed entries must be exactly -inf: a large negative number such as -1e9 is still a logit, "
                "with a probability that is tiny rather than 0, and dividing it by a large temperature brings "
                "it back. Fill with -np.inf."),
        # the right tokens kept, but left in sorted order (descending or ascending), not at their own positions
        Mistake(lambda a: not np.array_equal(np.isneginf(as_array(a)), ~kept)
                and any(_same_filter(a, np.where(np.isfinite(order_values), order_values, -np.inf))
                        for order_values in (np.sort(expected)[::-1], np.sort(expected))),
                "you kept the right values but left them in sorted order: each kept logit must stay at its own "
                "position (token k's logit at index k). Write the kept values back through the sort order, "
                "out[order[:n]] = logits[order[:n]], into out = np.full_like(logits, -np.inf)."),
        # the right positions kept, but their values changed (shifted, renormalised, turned into probabilities)
        Mistake(lambda a: np.array_equal(np.isneginf(as_array(a)), ~kept)
                and not np.array_equal(as_array(a)[kept], logits[kept]),
                "you kept the right positions, but changed the values there: return the kept logits exactly "
                "as they came in (no shifting, rescaling or renormalising) and set only the removed ones to "
                "-inf; softmax renormalises later anyway."),
    )


def _builds_it(name: str, how: str) -> str:
    return (f"that is tempnb.{name} itself; the exercise is to build it — use it only to compare. {how}")


_NOT_SORTED = ("they are not sorted. Find the k largest wherever they stand: the k-th largest is "
               "np.sort(logits)[::-1][k - 1], and every logit >= it is kept.")


def check_top_k(my_top_k: Callable) -> None:
    """Exercise 06.3: top-k filtering that keeps ties with the k-th largest logit."""
    from tempnb.sampling import top_k

    cases = []
    for logits, k, label in (
        # first, so that a k-th-smallest threshold (np.sort without [::-1]) keeps other logits than a
        # (k + 1)-th-largest one: 4 of 5 against 3 of 5
        (np.array([1.0, 4.0, 2.0, 3.0, 0.0]), 2, "[1, 4, 2, 3, 0] with k = 2"),
        (np.array([1.0, 4.0, 2.0, 3.0]), 2, "[1, 4, 2, 3] with k = 2"),
        (np.array([1.0, 3.0, 3.0, 2.0]), 1, "[1, 3, 3, 2] with k = 1 (a tie at the top)"),
        # the largest logit away from the front (cold read r162, X2): a descending stable argsort keeps [2, 1] and
        # drops the ties at 3 and 4, which is not keeping the first k positions, [0, 1]
        (np.array([0.0, 1.0, 5.0, 1.0, 1.0]), 2, "[0, 1, 5, 1, 1] with k = 2 (a tie at the k-th place)"),
        (np.array([3.0, 3.0, 2.0, 1.0]), 2, "[3, 3, 2, 1] with k = 2 (a tie at the top, k = 2)"),
        (np.array([0.5, 2.0]), 5, "[0.5, 2] with k = 5 (k larger than the vocabulary)"),
        # last: no logit here is a float32 number, so an answer rounded to float32 changes the kept values
        (np.array([0.1, 0.7, 0.2, 0.6]), 2, "[0.1, 0.7, 0.2, 0.6] with k = 2"),
    ):
        expected = top_k(logits, k)
        # the first k positions, as if the logits came sorted largest first (logits[:k]), and the last k
        first_k = np.where(np.arange(logits.size) < k, logits, -np.inf)
        last_k = np.where(np.arange(logits.size) >= logits.size - k, logits, -np.inf)
        rounded = np.where(np.isfinite(expected), expected.astype(np.float32).astype(np.float64), -np.inf)
        tied = bool(np.sum(logits == np.sort(logits)[::-1][min(k, logits.size) - 1]) > 1)
        smallest = np.where(logits <= np.sort(logits)[min(k, logits.size) - 1], logits, -np.inf)
        distinct = np.unique(logits)[::-1]  # the k largest *different* values, a rule that skips tied entries
        by_value = np.where(logits >= distinct[min(k, distinct.size) - 1], logits, -np.inf)
        # the threshold one place too far down: the (k + 1)-th largest, sorted[::-1][k] instead of [k - 1]
        one_more = np.where(logits >= np.sort(logits)[::-1][min(k, logits.size - 1)], logits, -np.inf)
        # np.sort is ascending: its [k - 1] is the k-th smallest, a threshold that keeps n - k + 1 logits
        ascending = np.where(logits >= np.sort(logits)[min(k, logits.size) - 1], logits, -np.inf)
        # a strict comparison with the right threshold: drops the k-th largest and every logit tied with it
        strict = np.where(logits > np.sort(logits)[::-1][min(k, logits.size) - 1], logits, -np.inf)
        mistakes = (Mistake(lambda a, r=rounded, e=expected: _same_filter(a, r) and not _same_filter(a, e),
                            "you kept the right positions, but their values are the logits rounded to float32 "
                            "(0.7 became 0.699999988079071): return them in the dtype they came in, float64, with no "
                            ".astype(np.float32) and no np.float32 array to write them into."),
                    *_filter_mistakes(logits, expected),
                    Mistake(lambda a, s=smallest, e=expected: _same_filter(a, s) and not _same_filter(s, e),
                            "you kept the k smallest logits; keep the k largest."),
                    Mistake(lambda a, f=first_k, e=expected: _same_filter(a, f) and not _same_filter(f, e),
                            f"on {label} you kept the first k = {k} positions, {_kept(first_k)}, as if the logits "
                            f"came sorted largest first; {_NOT_SORTED}"),
                    Mistake(lambda a, f=last_k, e=expected: _same_filter(a, f) and not _same_filter(f, e),
                            f"on {label} you kept the last k = {k} positions, {_kept(last_k)}, as if the logits "
                            f"came sorted smallest first; {_NOT_SORTED}"),
                    # k larger than the vocabulary, handled by keeping fewer than all (e.g. only the top logit):
                    # before the strict-> mistake, which on [0.5, 2] with k = 5 keeps the same single logit
                    Mistake(lambda a, z=logits, n=k: n > z.size and _kept_subset(a, z),
                            f"with k = {k} on {logits.size} logits you kept {{got}}: k larger than the vocabulary: "
                            "keep them all (take k = min(k, len(logits)) before looking up the k-th largest)."),
                    Mistake(lambda a, s=strict, e=expected: _same_filter(a, s) and not _same_filter(s, e),
                            "you dropped the k-th largest logit itself (a strict >): use >=, which keeps the k-th "
                            "largest itself and every logit tied with it."),
                    Mistake(lambda a, v=by_value, e=expected: _same_filter(a, v) and not _same_filter(v, e),
                            "you kept the k largest different values; tied entries still count towards k. "
                            "The threshold is the k-th largest entry of the sorted logits (repeats included), "
                            "so k = 2 on [3, 3, 2, 1] keeps only the two 3s."),
                    Mistake(lambda a, m=one_more, e=expected: _same_filter(a, m) and not _same_filter(m, e),
                            "you kept one logit too many: your threshold is the (k + 1)-th largest logit. "
                            "Indices start at 0, so the k-th largest is np.sort(logits)[::-1][k - 1]."),
                    # after the two above, which it matches on some cases; the first case tells them apart
                    Mistake(lambda a, s=ascending, e=expected: _same_filter(a, s) and not _same_filter(s, e),
                            "your threshold is the k-th smallest logit: np.sort sorts in ascending order, so "
                            "np.sort(logits)[k - 1] counts from the bottom. The k-th largest is "
                            "np.sort(logits)[::-1][k - 1]."))
        why = ("every logit equal to the k-th largest is kept" if tied else
               "the positions of the k largest logits, wherever they stand" if k < logits.size else
               "every position")
        cases.append(Case((logits, k), expected,
                          f"on {label} the kept positions should be {_kept(expected)} ({why}); yours kept "
                          "{got}.", label, mistakes,
                          "k may exceed the number of logits: then keep them all." if k > logits.size else ""))
    if callable(my_top_k):  # np.log(softmax(...)) of the filtered logits warns before its values can be compared
        changed = _values_changed_behind_warning(my_top_k, cases)
        if changed is not None:
            return hint(changed)
        if _counts_from_the_bottom(my_top_k, cases):
            return hint(_FROM_THE_BOTTOM)
    # an answer that gets every case right by calling tempnb.top_k (a wrong one gets its own hint first)
    if (callable(my_top_k) and calls(my_top_k, cases[0].args, top_k)
            and first_miss(my_top_k, cases, same=_same_filter, show=_show_kept) is None):
        return hint(_builds_it("top_k", "Find the k-th largest logit, np.sort(logits)[::-1][min(k, len(logits)) - 1], "
                                        "and set every logit below it to -inf."))
    aliased = _returns_its_input(my_top_k, cases)
    if aliased is not None:
        return hint(aliased)
    return _run_filter(my_top_k, cases, "Your top-k matches tempnb.top_k, ties and oversized k included, and "
                                        "returns a new array.")


_FROM_THE_BOTTOM = ("your threshold is the (k + 1)-th smallest logit: np.partition(logits, k)[k], like "
                    "np.sort(logits)[k], counts from the bottom. On [1, 4, 2, 3, 0] with k = 2 that happens to be "
                    "the (k + 1)-th largest too, but on [1, 3, 3, 2] with k = 1 it keeps the 2 as well. The k-th "
                    "largest is np.partition(logits, -k)[-k], or np.sort(logits)[::-1][k - 1].")


def _counts_from_the_bottom(function: Callable, cases: list[Case]) -> bool:
    """Whether the answer keeps every logit >= the (k + 1)-th smallest, np.partition(logits, k)[k] (cold read r150,
    X3): on the first case it keeps what the (k + 1)-th largest keeps, so a later case must tell the two apart."""
    def bottom(logits: np.ndarray, k: int) -> np.ndarray:
        return np.where(logits >= np.sort(logits)[min(k, logits.size - 1)], logits, -np.inf)

    def top(logits: np.ndarray, k: int) -> np.ndarray:  # the (k + 1)-th largest
        return np.where(logits >= np.sort(logits)[::-1][min(k, logits.size - 1)], logits, -np.inf)

    told_apart = False
    for index, case in enumerate(cases):
        logits, k = case.args
        outcome = call(function, *case.args)  # fresh copies of the arguments
        matches = outcome.value is not None and not outcome.problem and _same_filter(outcome.value, bottom(logits, k))
        if index == 0 and not matches:
            return False
        if matches and not _same_filter(bottom(logits, k), top(logits, k)) \
                and not _same_filter(bottom(logits, k), case.expected):
            told_apart = True
    return told_apart


def _returns_its_input(function: Callable, cases: list[Case]) -> str | None:
    """The hint for a filter that is right on every case but hands back the caller's own array (or a view of it)
    on one, as ``return logits`` for an oversized k or top_p_mass = 1 does; None otherwise.

    The check calls the learner's function on fresh copies, so such an answer compares equal; but a later
    in-place step on the result, such as ``out /= T``, would then change the caller's logits too.
    """
    if not callable(function) or first_miss(function, cases, same=_same_filter, show=_show_kept) is not None:
        return None
    for case in cases:
        given = copy.deepcopy(case.args)
        outcome = call(lambda args=given: function(*args))
        if isinstance(outcome.value, np.ndarray) and np.shares_memory(outcome.value, given[0]):
            where = f"on {case.label}, " if case.label else ""
            return (f"right on every case, but {where}your function returned the very array it was given (or a "
                    "view of it), not a copy: a later in-place step on the result, such as out /= T or "
                    "out[mask] = -np.inf, would change the caller's logits too. Return a new array in every "
                    "branch: np.where(...) makes one, and so does logits.copy().")
    return None


def _run_filter(function: Callable, cases: list[Case], success: str) -> None:
    """The comparison loop for filters (the shared loop also makes sure the input is left alone)."""
    return run_cases(function, cases, success, same=_same_filter, show=_show_kept)


class _Shown(str):
    """A filter's answer as a hint shows it: ``{got}`` gives the positions it kept, ``{got:value}`` the answer
    itself and its shape (for an answer of the wrong shape, whose "positions" would mislead)."""

    value: str

    def __new__(cls, text: str, value: str) -> _Shown:
        shown_answer = super().__new__(cls, text)
        shown_answer.value = value
        return shown_answer

    def __format__(self, spec: str) -> str:
        return self.value if spec == "value" else str.__format__(self, spec)


def _shown_with_shape(answer: object) -> str:
    array = as_array(answer)
    return shown(answer) + (f", an array of shape {array.shape}" if array is not None else "")


def _show_kept(answer: object) -> str:
    array = as_array(answer)
    if array is None or array.ndim != 1:
        return _Shown(shown(answer), _shown_with_shape(answer))
    return _Shown(f"positions {_kept(array)}", _shown_with_shape(answer))


# Exercise 06.4 uses the names model: (context, top_p_mass). Each nucleus boundary lies far
# (more than 1e-6) from the threshold, so rounding cannot decide which tokens are kept;
# tests/test_checks.py verifies this.
TOP_P_NAMES_CASES = (("mar", 0.9), ("", 0.5), ("jo", 0.75), ("chris", 0.95), ("q", 0.3))


def top_p_cases() -> list[Case]:
    """The top-p exercise's cases: a small hand-made one, then the names model's real distributions."""
    from tempnb.core import softmax
    from tempnb.sampling import top_p

    model = names_model()  # fitted once and cached by tempnb.checks.temperature
    # top_p_mass = 0.85 keeps 3 tokens (0.5 + 0.3 = 0.8, then 0.95 crosses it); dropping the crossing token
    # keeps 2 and the 1 - top_p_mass threshold keeps 1, so the two mistakes get their own hints on the first case;
    # one token too many keeps 4, and a running total of the raw (negative) logits all 5
    inputs = [(np.log([0.02, 0.03, 0.15, 0.3, 0.5]), 0.85,
               "log [0.02, 0.03, 0.15, 0.3, 0.5] with top_p_mass = 0.85")]
    inputs += [(model.logits(context), mass, f"the names model after '{context}' with top_p_mass = {mass}")
               for context, mass in TOP_P_NAMES_CASES]
    inputs.append((np.log([0.2, 0.5, 0.3]), 0.0, "log [0.2, 0.5, 0.3] with top_p_mass = 0 (keep at least one)"))
    # logits that are not normalised log-probabilities, as after dividing by a temperature
    inputs.append((model.logits("mar") / 0.5, 0.9, "the names model's logits after 'mar' divided by T = 0.5, "
                                                    "with top_p_mass = 0.9"))
    # top_p_mass = 1 keeps every token of nonzero probability. Ten equal logits give probabilities of exactly
    # 0.1 (exp(0) = 1 on every CPU), whose running total ends at 0.9999999999999999, below 1: a rule that waits
    # for the total to reach the mass never sees it and must still keep them all. The last token is masked.
    inputs.append((np.array([0.0] * 10 + [-np.inf]), 1.0,
                   "ten equal logits and a masked one with top_p_mass = 1 (keep every token of nonzero probability)"))
    # positive logits: probabilities [0.579, 0.078, 0.213, 0.129] (to 3 digits), so top_p_mass = 0.9 keeps 3
    # (0.579 + 0.213 = 0.792, then 0.921 crosses it), while a running total of the raw logits reaches 0.9 at the
    # first (2 >= 0.9) and keeps 1: keeping every token and adding up raw logits no longer look alike, as they do
    # on negative logits, whose raw running total never reaches the mass
    inputs.append((np.array([2.0, 0.0, 1.0, 0.5]), 0.9, "[2, 0, 1, 0.5] with top_p_mass = 0.9"))
    # a running total 3e-5 below the mass (cold reads r150, X2, and r152, X1): 0.37 + 0.32997 = 0.69997 < 0.7,
    # so the third token crosses and 3 are kept. Far from float64 (and float32) rounding, but probabilities
    # rounded to 2, 3 or 4 decimals (0.37 + 0.33 = 0.7), or to float16 (0.3701171875 + 0.330078125 =
    # 0.7001953125, exact in float16), or a tolerance of 3e-5 or more, reach 0.7 at the second token and keep 2.
    # (The earlier case, log [0.5, 0.2999, 0.2001] at 0.8, let float16 through: 0.5 + 0.2998046875 =
    # 0.7998046875 stays below 0.8, so np.searchsorted kept 3.)
    inputs.append((np.log([0.37, 0.32997, 0.30003]), 0.7, _NEAR_THE_MASS_LABEL))
    # large logits, last so that only a top-p right everywhere else meets them: probabilities [1, e^-1, e^-2,
    # e^-10] / (1 + e^-1 + e^-2 + e^-10) = [0.665, 0.245, 0.090, 0.00003] (none rounds to 0, so the least-likely
    # rule counts them all), so 0.665 + 0.245 = 0.910 crosses 0.9 and 2 are kept; np.exp(990) already overflows,
    # so a softmax that skips the max-subtraction (03-softmax) gets inf / inf = nan everywhere
    inputs.append((np.array([1000.0, 999.0, 998.0, 990.0]), 0.9, _LARGE_TOP_P_LABEL))
    cases = []
    for logits, mass, label in inputs:
        # at top_p_mass = 1 the answer is known without tempnb.top_p: every finite logit, unchanged
        expected = top_p(logits, mass) if mass < 1 else np.where(np.isfinite(logits), logits, -np.inf)
        probs = softmax(logits)
        order = np.argsort(-probs, kind="stable")
        cumulative = np.cumsum(probs[order])
        exclusive = np.full_like(logits, -np.inf)  # keeps only tokens whose running total stays within the mass
        exclusive[order[cumulative <= mass]] = logits[order[cumulative <= mass]]
        with np.errstate(over="ignore"):  # the large-logits case overflows here; its mistakes are not used
            raw = np.exp(logits)  # exp(logits) taken as probabilities, never normalised
        raw_order = np.argsort(-raw, kind="stable")
        unnormalised = np.full_like(logits, -np.inf)
        raw_kept = raw_order[:int(np.searchsorted(np.cumsum(raw[raw_order]), mass)) + 1]
        unnormalised[raw_kept] = logits[raw_kept]
        summed = np.full_like(logits, -np.inf)  # the running total of the raw logits, never made probabilities
        logit_order = np.argsort(-logits, kind="stable")
        summed_kept = logit_order[:int(np.searchsorted(np.cumsum(logits[logit_order]), mass)) + 1]
        summed[summed_kept] = logits[summed_kept]
        one_more = np.full_like(logits, -np.inf)  # the crossing token and one more
        kept_count = int(np.isfinite(expected).sum())
        one_more[order[:kept_count + 1]] = logits[order[:kept_count + 1]]
        # (the 1 - top_p_mass threshold, min-p and an unsorted running total are told apart over all the cases,
        # in _follows_another_rule: on one case they can keep what other mistakes keep)
        below_one = ()  # at top_p_mass = 1, a strict subset of the tokens of nonzero probability
        if mass == 1.0:
            below_one = (Mistake(lambda a, z=logits: _kept_subset(a, z),
                                 "at top_p_mass = 1 every token of nonzero probability must be kept, and yours "
                                 "kept {got}. A running total may end just below 1 (ten times 0.1 adds up to "
                                 "0.9999999999999999): keep everything when nothing reaches the mass (or compare "
                                 "the mass before each token, not after)."),)
        # (a softmax in base 2, 2**z normalised, has its hint in _base_two_top_p: on these cases it keeps what a
        # temperature of 1.4 or 1.5 keeps, so a probe tells the two apart; cold read r162, X1)
        # a keep-mask built on the sorted probabilities (keep[j]: the j-th most probable token) and applied to the
        # logits in their own order, np.where(keep, logits, -inf): it keeps the first positions of the vocabulary.
        # Counts one off the right one are included (the crossing token dropped, or one too many: another mistake
        # on top); counts that a running total in the vocabulary's own order keeps are left to that rule's hint.
        own_order = set(_own_order_counts(logits, mass))
        first_positions = [np.where(np.arange(logits.size) < n, logits, -np.inf)
                           for n in range(max(kept_count - 1, 1), kept_count + 2) if n not in own_order]
        sorted_mask = Mistake(
            lambda a, e=expected, f=first_positions: not _same_filter(a, e) and any(_same_filter(a, c) for c in f),
            "you kept {got}, the first positions of the vocabulary, not the most probable tokens: a keep-mask "
            "built on the sorted probabilities is in sorted order (its j-th entry is about the j-th most probable "
            "token, order[j], not token j), and np.where(keep, logits, -np.inf) applied it to the logits in their "
            "own order. Map it back to the tokens' own positions: out[order[keep]] = logits[order[keep]] into "
            "out = np.full_like(logits, -np.inf) (or keep_own = np.zeros(len(logits), dtype=bool); "
            "keep_own[order] = keep).")
        # on the case near the mass, keeping 2 (what dropping the crossing token keeps there too) is lost precision:
        # an answer that drops the crossing token has met its hint on the first case already
        near = ((Mistake(lambda a, z=logits: _kept_subset(a, z) and _kept(as_array(a)) == [0, 1],
                         _NEAR_THE_MASS),) if label == _NEAR_THE_MASS_LABEL else ())
        mistakes = (*_filter_mistakes(logits, expected), *near, *below_one, sorted_mask,
                    # keep while the mass before a token is below top_p_mass: right except at mass 0, where it
                    # keeps nothing (and so matches the exclusive rule below, whose hint would mislead)
                    Mistake(lambda a, shape=logits.shape: as_array(a) is not None and as_array(a).shape == shape
                            and not np.isfinite(as_array(a)).any(),
                            "you kept no token at all: whatever top_p_mass is (even 0), keep at least the most "
                            "probable one."),
                    Mistake(lambda a, e=exclusive: _same_filter(a, e),
                            "you dropped the token that crosses the threshold: keep tokens, most probable first, "
                            "until their total reaches top_p_mass, including the one that gets it there "
                            "(and always at least one)."),
                    # sorted in ascending order, the crossing token kept or not; kept with it, all 5 tokens on the
                    # first case, as the raw-logits total below also keeps: check_top_p tells them apart first
                    Mistake(lambda a, z=logits, m=mass, r=summed: _least_likely(a, z, m, crossing=False)
                            or (_least_likely(a, z, m, crossing=True) and not _same_filter(a, r)),
                            _LEAST_LIKELY),
                    Mistake(lambda a, u=unnormalised, e=expected: _same_filter(a, u) and not _same_filter(u, e),
                            "you took exp(logits) as the probabilities; that holds only for normalised "
                            "log-probabilities, and these logits are not (they were divided by a temperature): "
                            "apply softmax first."),
                    Mistake(lambda a, r=summed, e=expected: _same_filter(a, r) and not _same_filter(r, e),
                            "you added up the raw logits, not probabilities: take the softmax, not raw logits, "
                            "then sort the probabilities in descending order and keep tokens until their total "
                            "reaches top_p_mass."),
                    Mistake(lambda a, m=one_more, e=expected: _same_filter(a, m) and not _same_filter(m, e),
                            "you kept one token too many: stop at the token whose running total first reaches "
                            "top_p_mass (keep it, but not the next one)."))
        large = label == _LARGE_TOP_P_LABEL
        advice = _SUBTRACT_THE_MAX if large else ("Sort the probabilities in descending order and keep tokens until "
                                                  "their total reaches top_p_mass.")
        on_problem = _SUBTRACT_THE_MAX if large else _overran_at_one if mass == 1.0 else ""
        cases.append(Case((logits, mass), expected,
                          f"on {label} tempnb.top_p keeps {len(_kept(expected))} tokens, at positions "
                          f"{_kept(expected)}; yours kept {{got}}. {advice}",
                          # every other case passed before this one is reached, so a miss here is the overflow
                          # (a silenced nan can look like any other mistake): the case's own hint names it
                          label, () if large else mistakes, on_problem=on_problem))
    return cases


def _overran_at_one(problem: str) -> str:
    """Advice for a call that failed at top_p_mass = 1 (cold read r159, X2): a loop or a search that waits for the
    running total to reach 1 runs past the last token when the float total ends just below 1."""
    if "IndexError" not in problem:
        return ""
    return ("Every earlier case passed, so the likely cause is the running total: in floats it may end just below "
            "1 (here ten times 0.1 adds up to 0.9999999999999999, and the masked token adds 0), so a loop or search "
            "that waits for it to reach top_p_mass = 1 runs past the last token. Stop at the last token: keep "
            "everything when nothing reaches the mass (or compare the mass before each token, not after).")


_NEAR_THE_MASS_LABEL = "log [0.37, 0.32997, 0.30003] with top_p_mass = 0.7"
_NEAR_THE_MASS = ("on log [0.37, 0.32997, 0.30003] with top_p_mass = 0.7 you kept 2 tokens, but 0.37 + 0.32997 = "
                  "0.69997 is still below 0.7, so the third token crosses the mass: keep 3. Did you round the "
                  "probabilities (np.round, float16) or compare with a tolerance (np.isclose, c < m - tol)? "
                  "Compare the running total of the float64 probabilities with top_p_mass exactly.")
_LARGE_TOP_P_LABEL = "the large logits [1000, 999, 998, 990] with top_p_mass = 0.9"
_SUBTRACT_THE_MAX = ("np.exp(1000) overflows to inf, and inf / inf is nan: subtract the maximum before np.exp, "
                     "np.exp(z - z.max()), as softmax does (03-softmax), then divide by the total.")


_LEAST_LIKELY = ("you kept the least likely tokens: np.argsort sorts in ascending order, so the running total "
                 "starts at the least probable token. Sort by probability in descending order (np.argsort(-probs), "
                 "or reverse with [::-1]) and keep tokens until their total reaches top_p_mass.")


def _least_likely(answer: object, logits: np.ndarray, mass: float, crossing: bool) -> bool:
    """Whether the answer is top-p run on probabilities sorted in ascending order: the least likely tokens, as many
    as have a running total within top_p_mass (and, with ``crossing``, the one that crosses it too), kept unchanged.
    Ties may be ordered either way: only the count and "no kept token more probable than a removed one" count."""
    from tempnb.core import softmax

    got = as_array(answer)
    if got is None or got.shape != logits.shape:
        return False
    probs = softmax(logits)
    kept = np.isfinite(got)
    if not (np.all(np.isneginf(got[~kept])) and np.all(np.isfinite(logits[kept]))
            and np.array_equal(got[kept], logits[kept])):
        return False
    running = np.cumsum(np.sort(probs))
    count = min(int(np.searchsorted(running, mass)) + 1, logits.size) if crossing else int(np.sum(running <= mass))
    count -= int(np.sum(probs == 0))  # tokens of probability 0 come first in ascending order, kept as -inf
    removed = ~kept & (probs > 0)
    return (int(kept.sum()) == max(count, 0)
            and (not kept.any() or not removed.any() or probs[kept].max() <= probs[removed].min()))


def _sorted_ascending(function: Callable, cases: list[Case]) -> bool:
    """Whether the learner's top-p keeps the least likely tokens on every case (crossing token kept, or dropped,
    throughout) and is wrong on one: on the first case, keeping the crossing token keeps all 5, as does a running
    total of the raw logits, and only the other cases show which mistake it is."""
    wrong = False
    for crossing in (True, False):
        for case in cases:
            outcome = call(function, *copy.deepcopy(case.args))
            if outcome.problem or not _least_likely(outcome.value, *case.args, crossing=crossing):
                break
            wrong = wrong or not _same_filter(outcome.value, case.expected)
        else:
            return wrong
    return False


def _kept_count(answer: object, logits: np.ndarray, counts: tuple[int, ...], own_order: bool = False) -> bool:
    """Whether the answer keeps, unchanged, as many tokens as one of ``counts`` (-inf elsewhere): the most probable
    ones (ties in either order), or with ``own_order`` the first ones in the vocabulary's order. Tokens of
    probability 0 are -inf whether kept or not, so they are not counted."""
    from tempnb.core import softmax

    got = as_array(answer)
    if got is None or got.shape != logits.shape:
        return False
    kept, finite = np.isfinite(got), np.isfinite(logits)
    if not (np.all(np.isneginf(got[~kept])) and np.all(finite[kept]) and np.array_equal(got[kept], logits[kept])):
        return False
    if own_order:
        return any(np.array_equal(kept, finite & (np.arange(logits.size) < count)) for count in counts)
    probs = softmax(logits)
    removed = ~kept & finite
    return (int(kept.sum()) in {min(count, int(finite.sum())) for count in counts}
            and (not kept.any() or not removed.any() or probs[kept].min() >= probs[removed].max()))


# Rules a learner may write instead of top-p, each recognised only when it explains the answer on every case
# (one case alone can mislead: on the first case, keeping the single most probable token is what both the
# 1 - top_p_mass threshold and min-p keep). Each gives the numbers of tokens the rule may keep on (logits, mass).
def _complement_counts(logits: np.ndarray, mass: float) -> tuple[int, ...]:
    """transformers' threshold, 1 - top_p (meant for probabilities sorted in ascending order), used with a
    descending sort: keep until the running total reaches 1 - top_p_mass."""
    from tempnb.core import softmax

    cumulative = np.cumsum(np.sort(softmax(logits))[::-1])
    return (int(np.searchsorted(cumulative, 1 - mass)) + 1,)


def _min_p_counts(logits: np.ndarray, mass: float) -> tuple[int, ...]:
    """min-p with top_p_mass as its ratio: keep tokens whose probability is at least top_p_mass times the top one."""
    from tempnb.core import softmax

    probs = softmax(logits)
    return (int(np.sum(probs >= mass * probs.max())), int(np.sum(probs > mass * probs.max())))


def _right_counts(logits: np.ndarray, mass: float) -> tuple[int, ...]:
    """The number of tokens top-p keeps: with ``own_order``, the right count written back at the first positions of
    the vocabulary (out[:n] = logits[:n]) instead of through the sort order."""
    from tempnb.sampling import top_p

    return (int(np.isfinite(top_p(logits, mass)).sum()) if mass < 1 else int(np.isfinite(logits).sum()),)


def _own_order_counts(logits: np.ndarray, mass: float) -> tuple[int, ...]:
    """The running total taken in the vocabulary's own order, never sorted: the crossing token kept or not
    (and at least one)."""
    from tempnb.core import softmax

    cumulative = np.cumsum(softmax(logits))
    within = int(np.sum(cumulative <= mass))
    return int(np.searchsorted(cumulative, mass)) + 1, within, max(within, 1)


_OWN_ORDER = ("you added up the probabilities in the tokens' own order (token 0 first), so you kept the first tokens "
              "of the vocabulary, not the most probable ones. Sort first: order = np.argsort(-probs), take the "
              "running total of probs[order], keep order[:n] and write those logits back at their own positions.")

_OTHER_RULES = (
    (_complement_counts, False,
     "you compared the running total with 1 - top_p_mass, a threshold meant for probabilities sorted in ascending "
     "order (the tokens to remove); sorted in descending order, keep tokens until their total reaches top_p_mass "
     "itself."),
    (_min_p_counts, False,
     "you kept the tokens whose probability is at least top_p_mass times the largest one: that is min-p, whose "
     "ratio is another parameter, not top-p. Top-p adds the probabilities up, most probable first, and keeps "
     "tokens until their total reaches top_p_mass (the one that gets it there included)."),
    (_own_order_counts, True, _OWN_ORDER),
    (_right_counts, True,
     "you kept the right number of tokens, but the first ones of the vocabulary (positions 0 to n - 1), not the "
     "most probable ones: out[:n] = logits[:n] ignores the sort, and so does a keep-mask built on the sorted "
     "probabilities and applied with np.where(keep, logits, -np.inf) (its j-th entry is about order[j], not token "
     "j). Keep order[:n], with order = np.argsort(-probs), and write those logits back at their own positions, "
     "out[order[:n]] = logits[order[:n]]."),
)


_PROBE_TOP_P = np.array([1.0, 0.0])  # the first token's probability at temperature T is 1 / (1 + e^(-1 / T))
_PROBE_TOP_P.flags.writeable = False


def _top_p_temperature(function: Callable) -> float | None:
    """The temperature at which a top-p works, read off the logits [1, 0]: with top_p_mass = 1 / (1 + e^(-1 / T)),
    the first token's probability at T, a top-p at a higher temperature (whose first token holds less) keeps both
    tokens and one at a lower temperature keeps the first alone."""
    def hotter_than(T: float) -> bool | None:
        outcome = _quietly(function, _PROBE_TOP_P, 1 - _first_share(T))
        got = None if outcome.problem or outcome.value is None else as_array(outcome.value)
        if got is None or got.shape != (2,) or got[0] != 1.0 or not (got[1] == 0.0 or np.isneginf(got[1])):
            return None
        return bool(got[1] == 0.0)

    return _read_temperature(hotter_than)


def _tempered_top_p(function: Callable, cases: list[Case]) -> str | None:
    """The hint for a top-p that keeps, on every case, what top-p keeps on softmax(z / T) for a T != 1 (and so is
    wrong on one): a temperature applied where none belongs, as softmax(z, 0.5) or the notebook's temperature = 1.5
    does. T is read off the logits [1, 0] (_top_p_temperature), so any T written as a decimal is named; None
    otherwise, and None for a softmax in base 2 (T = 1 / ln 2), which has its own hint (_base_two_top_p)."""
    from tempnb.sampling import top_p

    answers = []
    for case in cases:
        outcome = call(function, *copy.deepcopy(case.args))
        if outcome.problem or outcome.value is None:
            return None
        answers.append(outcome.value)
    if all(_same_filter(answer, case.expected) for answer, case in zip(answers, cases)):
        return None

    def kept_at(T: float, logits: np.ndarray, mass: float) -> np.ndarray:
        kept = np.isfinite(top_p(logits / T, mass)) if mass < 1 else np.isfinite(logits)
        return np.where(kept, logits, -np.inf)

    T = _top_p_temperature(function)
    if T is None or abs(T - 1) <= 1e-6 or _is_base_two(T):
        return None
    typed = _typed_temperature(T)
    if typed is None or not all(_same_filter(answer, kept_at(typed[0], *case.args))
                                for answer, case in zip(answers, cases)):
        return None
    return (f"you applied a temperature: on every case you kept what top-p keeps on softmax(z / {typed[1]}){typed[2]}, "
            "not on softmax(z). top_p works on softmax(z) of the logits it is given (any temperature has already "
            "been applied to them, as in the case divided by T = 0.5): take softmax(logits), with no T.")


def _base_two_top_p(function: Callable, cases: list[Case]) -> str | None:
    """The hint for a top-p on 2**z normalised, or None: on the first case it gets wrong it keeps what top-p keeps
    on softmax(z * ln 2), and its temperature, read off the logits [1, 0], is 1 / ln 2 there (so a top-p at T = 1.4
    or 1.5, which keeps the same on the cases, is not sent here)."""
    from tempnb.sampling import top_p

    for case in cases:
        outcome = _quietly(function, *copy.deepcopy(case.args))
        if outcome.problem or outcome.value is None:
            return None
        if _same_filter(outcome.value, case.expected):
            continue
        logits, mass = case.args
        if mass >= 1:
            return None
        if not _same_filter(outcome.value, np.where(np.isfinite(top_p(logits * np.log(2.0), mass)), logits, -np.inf)):
            return None
        T = _top_p_temperature(function)
        if T is None or not _is_base_two(T):
            return None
        return ("you kept what 2**z normalised keeps (on the logits [1, 0] your function keeps the second token "
                "exactly when top_p_mass is above 2/3, the first token's share under 2**z normalised, "
                "2**1 / (2**1 + 2**0)): a "
                f"{_BASE_TWO_WORDS} A flatter distribution needs as many tokens or more to reach top_p_mass. Use "
                "e: np.exp(z) normalised, or softmax(z), not 2**z; then keep tokens, most probable first, until "
                "their total reaches top_p_mass.")
    return None


def _follows_another_rule(function: Callable, cases: list[Case]) -> str | None:
    """The hint for a top-p that follows another rule on every case (and so is wrong on one), or None.

    The running total in the vocabulary's own order is also recognised when it follows that rule on every case
    below top_p_mass = 1, whatever it does at 1 (cold read r152, X2): there an unsorted total never reaches the
    mass (ten times 0.1 adds up to 0.9999999999999999), so np.argmax of a row of False keeps 1 token and an
    unguarded index runs past the end; the missing sort is the mistake to name first.
    """
    answers = []  # None where the call raised or returned None
    for case in cases:
        outcome = call(function, *copy.deepcopy(case.args))
        # a warning (log(0) at top_p_mass = 0, say) still leaves the answer to read; an exception does not
        failed = outcome.value is None or (outcome.problem and not issubclass(outcome.error, Warning))
        answers.append(None if failed else outcome.value)
    below_one = [(answer, case) for answer, case in zip(answers, cases) if case.args[1] < 1]
    if any(answer is None for answer, _ in below_one):
        return None
    every_case = all(answer is not None for answer in answers)
    if all(answer is not None and _same_filter(answer, case.expected) for answer, case in zip(answers, cases)):
        return None
    for counts, own_order, message in _OTHER_RULES:
        if every_case and all(_kept_count(answer, case.args[0], counts(*case.args), own_order)
                                       for answer, case in zip(answers, cases)):
            return message
    # below 1 only: the unsorted running total, when it differs from top-p somewhere there
    if not all(_same_filter(answer, case.expected) for answer, case in below_one) and all(
            _kept_count(answer, case.args[0], _own_order_counts(*case.args), own_order=True)
            for answer, case in below_one):
        return _OWN_ORDER
    return None


def _kept_subset(answer: object, logits: np.ndarray) -> bool:
    """Whether the answer keeps, unchanged, some but not all of the finite logits (and -inf elsewhere)."""
    got = as_array(answer)
    if got is None or got.shape != logits.shape:
        return False
    kept = np.isfinite(got)
    return (bool(kept.any()) and bool(np.all(np.isneginf(got[~kept]))) and bool(np.all(np.isfinite(logits[kept])))
            and np.array_equal(got[kept], logits[kept]) and int(kept.sum()) < int(np.isfinite(logits).sum()))


def _values_changed_behind_warning(function: Callable, cases: list[Case]) -> str | None:
    """The "changed the values there" hint when a warning hides it, as np.log(softmax(out)) does.

    log(0) at the removed entries warns before the answer can be compared; called again with warnings
    silenced, on a fresh copy of the case's arguments, the answer may show the right positions with
    other values at them (renormalised log-probabilities), a mistake worth naming over the warning.
    """
    for case in cases:
        outcome = call(function, *copy.deepcopy(case.args))
        if not (outcome.problem and outcome.error is not None and issubclass(outcome.error, Warning)):
            if outcome.problem or diagnose(case, outcome.value, _same_filter) is not None:
                return None  # the first miss is not a warning: the usual hint stands
            continue
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                returned = function(*copy.deepcopy(case.args))
        except Exception:  # an answer that raises once silenced keeps the warning's hint
            return None
        answer = as_array(returned)
        logits, expected = case.args[0], case.expected
        kept = np.isfinite(expected)
        where = f"on {case.label}, " if case.label else ""
        integers = np.asarray(returned).dtype if isinstance(returned, (np.ndarray, np.generic)) else None
        if integers is not None and np.issubdtype(integers, np.integer) and (~kept).any():  # (cold read r162, X4)
            return (f"{where}your function emitted a RuntimeWarning (invalid value) because it returns integers "
                    f"(dtype {integers}): -inf has no integer value, so the cast warns and writes a meaningless "
                    "number in its place, and the kept logits would lose their fractions. Return floats, the dtype "
                    "logits come in: no .astype(int) or dtype=int, and fill with np.full_like(logits, -np.inf), "
                    "which keeps float64.")
        if (answer is not None and answer.shape == expected.shape and np.array_equal(np.isfinite(answer), kept)
                and not np.array_equal(answer[kept], logits[kept])):
            return (f"{where}your function emitted a RuntimeWarning, and with warnings silenced it kept the right "
                    "positions, but changed the values there: return the kept logits exactly as they came in (no "
                    "shifting, rescaling or renormalising, so no np.log(softmax(...)), whose log(0) warns) and set "
                    "only the removed ones to -inf; softmax renormalises later anyway.")
        return None
    return None


def _keeps_everything(function: Callable, cases: list[Case]) -> str | None:
    """The hint for a top-p that keeps every finite logit, unchanged, on every case (no token set to -inf), or None.

    On negative logits a running total of the raw logits never reaches the mass and keeps everything too; the
    case of positive logits, where that total keeps one token, tells the two apart.
    """
    for case in cases:
        logits = case.args[0]
        outcome = call(function, *copy.deepcopy(case.args))
        if outcome.problem or not _same_filter(outcome.value, np.where(np.isfinite(logits), logits, -np.inf)):
            return None
    case = cases[0]
    return (f"you kept every token: on every case your function returns all the logits unchanged (on {case.label}, "
            f"tempnb.top_p keeps {len(_kept(case.expected))} of {case.args[0].size}). Once you know how many tokens, "
            "most probable first, it takes to reach top_p_mass, set the others to -inf: "
            "out = np.full_like(logits, -np.inf), then out[order[:n]] = logits[order[:n]].")


def check_top_p(my_top_p: Callable) -> None:
    """Exercise 06.4: nucleus (top-p) filtering, on the names model's next-character distributions."""
    from tempnb.sampling import top_p

    cases = top_p_cases()
    changed = _values_changed_behind_warning(my_top_p, cases)
    if changed is not None:
        return hint(changed)
    everything = _keeps_everything(my_top_p, cases)
    if everything is not None:
        return hint(everything)
    if _sorted_ascending(my_top_p, cases):
        return hint(_LEAST_LIKELY)
    other_rule = (_follows_another_rule(my_top_p, cases) or _tempered_top_p(my_top_p, cases)
                  or _base_two_top_p(my_top_p, cases))
    if other_rule is not None:
        return hint(other_rule)
    problem = first_miss(my_top_p, cases, same=_same_filter, show=_show_kept)
    if problem is not None:
        return hint(problem)
    tie = _total_lands_on_the_mass(my_top_p)
    if tie is not None:
        return hint(tie)
    aliased = _returns_its_input(my_top_p, cases)
    if aliased is not None:
        return hint(aliased)
    if calls(my_top_p, cases[0].args, top_p):  # right on every case, but by calling tempnb.top_p
        return hint(_builds_it("top_p", "Take the softmax, sort it most probable first, and keep tokens until "
                                        "their running total reaches top_p_mass."))
    return passed(f"Your top-p matches tempnb.top_p on {len(TOP_P_NAMES_CASES) + 1} next-character "
                  "distributions of the names model (one of them divided by T = 0.5) and 6 hand-made "
                  "cases (top_p_mass = 0 and 1, a running total 3e-5 below the mass, and logits as large as "
                  "1000, among them), keeps at least one token, keeps 2 of 4 "
                  "equal logits at top_p_mass = 0.5, where the running total lands exactly on the mass, and "
                  "returns a new array.")


def _total_lands_on_the_mass(function: Callable) -> str | None:
    """The hint for a top-p that misreads "reaches" on a running total exactly equal to the mass, or None.

    Four equal logits have probabilities of exactly 0.25 (exp(0) = 1, divided by 4), and 0.25 + 0.25 is
    exactly 0.5 in floats, so at top_p_mass = 0.5 the total reaches the mass at the second token and no
    rounding is involved. The four are tied, so any two of them are right.
    """
    outcome = call(function, np.zeros(4), 0.5)
    where = "on four equal logits (probabilities exactly 0.25 each) with top_p_mass = 0.5, "
    if outcome.problem or outcome.value is None:
        return f"{where}{outcome.problem or 'your function returned None'}."
    got = as_array(outcome.value)
    if got is None or got.shape != (4,) or not np.all((got == 0) | np.isneginf(got)):
        return (f"{where}return the four logits with the removed ones set to -inf; got "
                f"{_shown_with_shape(outcome.value)}.")
    kept = int(np.sum(got == 0))
    if kept == 3:
        return (f"{where}yours kept 3 tokens, but 0.25 + 0.25 is exactly 0.5, so the running total reaches "
                "top_p_mass at the second token: keep 2. Keep tokens until the total is at least top_p_mass "
                "(>=, or np.searchsorted's default side='left'), not until it exceeds it (>).")
    if kept != 2:
        return (f"{where}yours kept {kept} tokens; the running total 0.25, 0.5, ... reaches 0.5 at the second "
                "token, so keep 2 (any two: the four are tied).")
    return None
