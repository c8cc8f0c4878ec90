"""Probabilities, logits, softmax and temperature.

Every function here accepts array-likes (lists, ints, float32, float64, N-d
arrays with an ``axis``), returns numpy arrays, never emits a RuntimeWarning and
never returns NaN for valid input. Invalid input raises ``ValueError`` (or
``TypeError`` for non-numeric input) naming the parameter, the allowed range and
the value received. A batch with no rows (shape ``(0, K)``) gives an empty result
of the matching shape; an empty category axis is an error.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special
from numpy.typing import ArrayLike

from tempnb._validate import (
    MASKED_PROBS_HINT,
    as_real_array,
    check_logits,
    check_probabilities,
    check_same_shape,
    check_temperature,
)

__all__ = [
    "validate_probs",
    "softmax",
    "log_softmax",
    "logits_from_probs",
    "apply_temperature",
    "entropy",
    "kl_divergence",
]


def _unnormalised(x: np.ndarray, x_max: np.ndarray, temperature: float) -> np.ndarray:
    """exp((x - max) / T), or the T->0 / T->inf indicator, written into one new buffer.

    Slices containing +inf use the indicator of their +inf entries whatever T is:
    those entries share all the mass.
    """
    out = np.empty_like(x)
    # Overflow here only ever produces -inf (a gap too large for the float type),
    # whose exp is the correct 0; inf - inf in a +inf slice is repaired below.
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        if temperature == 0:
            np.equal(x, x_max, out=out)
        elif math.isinf(temperature):
            np.not_equal(x, -np.inf, out=out)
        else:
            np.subtract(x, x_max, out=out)
            if temperature != 1:
                out /= temperature
            np.exp(out, out=out)
    posinf_slices = x_max == np.inf
    if posinf_slices.any():
        np.copyto(out, np.isposinf(x), where=posinf_slices)
    return out


def softmax(logits: ArrayLike, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    r"""Turn logits into probabilities: :math:`\mathrm{softmax}(z/T)_i = e^{z_i/T} / \sum_j e^{z_j/T}`.

    Parameters
    ----------
    logits : array_like
        Real scores, any shape. ``-inf`` masks an entry (probability 0); ``+inf``
        entries share all of the probability of their slice. NaN is an error.
    temperature : float, default 1.0
        ``T >= 0``. Below 1 sharpens, above 1 flattens. ``0`` returns the
        T -> 0 limit (argmax, with tied maxima sharing the mass equally);
        ``inf`` returns the T -> inf limit (uniform over the unmasked entries).
    axis : int, default -1
        The axis that holds the categories; every other axis is a batch axis.

    Returns
    -------
    numpy.ndarray
        Probabilities, same shape as `logits`, summing to 1 along `axis`.
        float32 input gives float32 output; everything else gives float64.

    Notes
    -----
    Subtracting each slice's maximum before exponentiating changes nothing
    mathematically (the factor :math:`e^{-m/T}` cancels) but keeps every
    exponent at or below 0, so nothing overflows, for logits up to +-1e300 and
    temperatures from 1e-8 to 1e8. The work happens in one output-sized buffer;
    the only other arrays are one value per slice.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.log([0.25, 0.75]), temperature=0.5)
    array([0.1, 0.9])
    >>> softmax([10, 20, 30], temperature=10)
    array([0.09003057, 0.24472847, 0.66524096])
    >>> softmax([1000, 1001])
    array([0.26894142, 0.73105858])
    >>> softmax([1.0, 3.0, 3.0], temperature=0)
    array([0. , 0.5, 0.5])
    >>> softmax([1.0, -np.inf, 5.0], temperature=np.inf)
    array([0.5, 0. , 0.5])
    """
    T = check_temperature(temperature)
    x, axis, x_max = check_logits(logits, axis)
    out = _unnormalised(x, x_max, T)
    # The largest entry contributes exactly 1 (or the indicator counts >= 1),
    # so the total is never 0.
    out /= np.sum(out, axis=axis, keepdims=True)
    return out


def log_softmax(logits: ArrayLike, temperature: float = 1.0, axis: int = -1) -> np.ndarray:
    r"""The natural log of :func:`softmax`, computed from the shifted logits, never as the log of a probability.

    :math:`\log \mathrm{softmax}(z/T)_i = (z_i - m)/T - \log \sum_j e^{(z_j - m)/T}`
    with :math:`m = \max_j z_j`. Same parameters and rules as :func:`softmax`;
    masked entries (and entries outside the argmax at ``temperature=0``) get
    ``-inf``.

    Examples
    --------
    >>> import numpy as np
    >>> log_softmax(np.log([0.25, 0.75]))
    array([-1.38629436, -0.28768207])
    >>> log_softmax([0.0, 2000.0])
    array([-2000.,     0.])
    >>> log_softmax([2.0, 2.0, -np.inf], temperature=0)
    array([-0.69314718, -0.69314718,        -inf])
    """
    T = check_temperature(temperature)
    x, axis, x_max = check_logits(logits, axis)
    if T == 0 or math.isinf(T):
        out = _unnormalised(x, x_max, T)
        out /= np.sum(out, axis=axis, keepdims=True)
        with np.errstate(divide="ignore"):
            np.log(out, out=out)
        return out
    out = np.empty_like(x)
    # As in softmax: overflow only produces a correct -inf; the NaNs of a +inf
    # slice (inf - inf) are replaced below.
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        np.subtract(x, x_max, out=out)
        if T != 1:
            out /= T
        # Each slice's largest entry is now 0, so its exp is exactly 1 and the
        # sum of exps lies in [1, n]: its log is accurate, with no cancellation.
        # (One temporary of the input's size; np.logaddexp.reduce would need none
        # but is about ten times slower on the short rows of a classifier.)
        out -= np.log(np.sum(np.exp(out), axis=axis, keepdims=True))
    posinf_slices = x_max == np.inf
    if posinf_slices.any():
        is_posinf = np.isposinf(x)
        # (+ 0.0 turns the -0.0 of -log(1) into 0.0)
        shared = 0.0 - np.log(np.maximum(np.sum(is_posinf, axis=axis, keepdims=True), 1))
        np.copyto(out, np.where(is_posinf, shared, -np.inf), where=posinf_slices)
    return out


def validate_probs(probs: ArrayLike, axis: int = -1) -> np.ndarray:
    """Return `probs` as a float array if it is a valid distribution along `axis`, else raise.

    Valid means: real numbers, no NaN, every entry in [0, 1], and each slice
    along `axis` summing to 1 (within about 1e-6, so honest rounding passes).

    Examples
    --------
    >>> validate_probs([0.25, 0.75])
    array([0.25, 0.75])
    >>> validate_probs([0.5, 0.6])
    Traceback (most recent call last):
    ...
    ValueError: `probs` must sum to 1 along axis -1 (within 1e-06); got a sum of 1.1
    """
    return check_probabilities(probs, axis)[0]


def logits_from_probs(probs: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Logits for a probability vector: its natural log, with :math:`\log 0 = -\infty`.

    Any constant could be added to the result; this choice makes
    :math:`\sum_i e^{z_i} = 1`, so ``softmax(logits_from_probs(p))`` gives back ``p`` up to
    rounding (compare with ``np.allclose``, not ``==``).

    Parameters
    ----------
    probs : array_like
        Probabilities in [0, 1] that sum to 1 along `axis` (within about 1e-6).
    axis : int, default -1
        The axis that holds the categories.

    Examples
    --------
    >>> logits_from_probs([0.25, 0.75])
    array([-1.38629436, -0.28768207])
    >>> logits_from_probs([0.0, 1.0])
    array([-inf,   0.])
    """
    p, axis = check_probabilities(probs, axis)
    with np.errstate(divide="ignore"):
        return np.log(p)


def apply_temperature(probs: ArrayLike, temperature: float, axis: int = -1) -> np.ndarray:
    r"""Re-temper a probability vector after the fact: :math:`p_i^{1/T} / \sum_j p_j^{1/T}`.

    Equal to ``softmax(logits_from_probs(probs), temperature)`` (the log of a
    softmax is the logits minus one constant, which temperature scales and
    softmax then discards), but it never takes a log, so zeros need no special
    care. Same limits as :func:`softmax`: ``0`` gives the argmax, ``inf`` the
    uniform distribution over the non-zero entries.

    Examples
    --------
    >>> apply_temperature([0.25, 0.75], 0.5)
    array([0.1, 0.9])
    >>> apply_temperature([0.0, 0.2, 0.8], 1e6)
    array([0. , 0.5, 0.5])
    """
    T = check_temperature(temperature)
    p, axis = check_probabilities(probs, axis)
    p_max = np.max(p, axis=axis, keepdims=True)
    out = np.empty_like(p)
    if T == 0:
        np.equal(p, p_max, out=out)
    elif math.isinf(T):
        np.greater(p, 0, out=out)
    else:
        # Dividing by the max first keeps the largest term at exactly 1, so tiny
        # temperatures cannot underflow every entry to 0.
        np.divide(p, p_max, out=out)
        with np.errstate(under="ignore", over="ignore"):
            np.power(out, 1.0 / T, out=out)
    out /= np.sum(out, axis=axis, keepdims=True)
    return out


def entropy(probs: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Shannon entropy :math:`H(p) = -\sum_i p_i \log p_i` in nats, with :math:`0 \log 0 = 0`.

    Returns a NumPy scalar (``np.float64``, shape ``()``) for a single vector, an array for a batch.

    Examples
    --------
    >>> round(float(entropy([0.5, 0.5])), 6)
    0.693147
    >>> float(entropy([1.0, 0.0]))
    0.0
    """
    p, axis = check_probabilities(probs, axis)
    return np.sum(scipy.special.entr(p), axis=axis)


def kl_divergence(p: ArrayLike, q: ArrayLike, axis: int = -1) -> np.ndarray:
    r"""Kullback-Leibler divergence :math:`\mathrm{KL}(p \| q) = \sum_i p_i \log(p_i / q_i)` in nats.

    ``inf`` where some :math:`q_i = 0 < p_i`; terms with :math:`p_i = 0` count 0.

    Examples
    --------
    >>> round(float(kl_divergence([0.5, 0.5], [0.25, 0.75])), 6)
    0.143841
    >>> float(kl_divergence([0.5, 0.5], [0.0, 1.0]))
    inf
    """
    # Shapes first: with different shapes, `axis` may not even exist in one of them.
    check_same_shape(as_real_array(p, "p", masked_hint=MASKED_PROBS_HINT.format(name="p")),
                     as_real_array(q, "q", masked_hint=MASKED_PROBS_HINT.format(name="q")), "p", "q")
    p_array, axis = check_probabilities(p, axis, "p")
    q_array, _ = check_probabilities(q, axis, "q")
    return np.sum(scipy.special.rel_entr(p_array, q_array), axis=axis)
