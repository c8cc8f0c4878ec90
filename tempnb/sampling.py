"""Sampling from logits, and the truncation rules top-k, top-p (nucleus) and min-p.

``top_k``, ``top_p`` and ``min_p`` follow the Hugging Face transformers logits
warpers (``TopKLogitsWarper``, ``TopPLogitsWarper``, ``MinPLogitsWarper``): they
return a copy of the logits with removed entries set to ``-inf``, they act on
the logits they are given (apply temperature first, as generation libraries
do), and they always keep at least ``min_tokens_to_keep`` tokens.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from tempnb._validate import (
    MASKED_LOGIT,
    check_fraction,
    check_logits,
    check_positive_int,
    check_rng,
    check_size,
    check_temperature,
    rounding_allowance,
)
from tempnb.core import softmax

__all__ = ["sample", "top_k", "top_p", "min_p"]


_COUNT_LIMIT = 2**20  # booleans: 1 MiB


def _search_rows(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each row r and each column s, the number of entries of cdf[r] that are <= u[r, s].

    A binary search run on all rows at once: about log2(K) vectorised steps, no
    Python loop over rows and no temporary of size rows x K. When every comparison
    fits in a small temporary (``_COUNT_LIMIT`` booleans), they are made at once and
    counted instead, which is faster and gives the same numbers.
    """
    n_rows, k = cdf.shape
    if u.size * k <= _COUNT_LIMIT:
        return np.count_nonzero(cdf[:, None, :] <= u[:, :, None], axis=2)
    rows = np.arange(n_rows)[:, None]
    lo = np.zeros(u.shape, dtype=np.intp)
    hi = np.full(u.shape, k, dtype=np.intp)
    for _ in range(max(1, k).bit_length()):
        mid = (lo + hi) // 2
        go_right = cdf[rows, np.minimum(mid, k - 1)] <= u
        searching = lo < hi
        lo = np.where(searching & go_right, mid + 1, lo)
        hi = np.where(searching & ~go_right, mid, hi)
    return lo


def sample(
    logits: ArrayLike,
    temperature: float = 1.0,
    *,
    size: int | tuple[int, ...] | None = None,
    rng: np.random.Generator | int | None = None,
    axis: int = -1,
) -> np.ndarray | int:
    """Draw category indices from ``softmax(logits, temperature)``.

    Parameters
    ----------
    logits : array_like
        One vector of logits, or a batch (every axis except `axis` is a batch
        axis). ``-inf`` entries are never drawn.
    temperature : float, default 1.0
        ``T >= 0``; ``0`` is greedy decoding (the first argmax, every time).
    size : int or tuple of int, optional
        Draws per distribution. ``None`` gives one draw per distribution.
    rng : numpy.random.Generator or int, optional
        The generator, or a seed for a new one. Pass one for reproducible draws.
    axis : int, default -1
        The axis that holds the categories.

    Returns
    -------
    int or numpy.ndarray
        For a single vector and ``size=None``, a Python int. Otherwise an int
        array of shape ``batch_shape + size``.

    Notes
    -----
    Inverse-CDF sampling: a uniform number in ``[0, total)`` is located in the
    running sum of the probabilities. Batches are searched all at once.

    Examples
    --------
    >>> sample([0.0, 1.0, 2.0], rng=0)
    2
    >>> sample([[0.0, 50.0], [50.0, 0.0]], rng=0).tolist()
    [1, 0]
    >>> sample([1.0, 3.0, 3.0], temperature=0, size=4).tolist()
    [1, 1, 1, 1]
    """
    T = check_temperature(temperature)
    generator = check_rng(rng)
    draws_shape = check_size(size)
    x, axis, _ = check_logits(logits, axis)
    moved = np.moveaxis(x, axis, -1)
    batch_shape, k = moved.shape[:-1], moved.shape[-1]
    n_draws = math.prod(draws_shape)

    if T == 0:
        rows = np.argmax(moved.reshape(-1, k), axis=1)
        result = np.repeat(rows[:, None], n_draws, axis=1)
    else:
        # float64 whatever the input: a float32 running sum has steps of 6e-8 near 0.5, so a
        # token less probable than that would be drawn with a probability of 0 or of one step.
        cdf = softmax(moved.reshape(-1, k).astype(np.float64, copy=False), T)
        np.cumsum(cdf, axis=1, out=cdf)
        totals = cdf[:, -1:]
        # u in [0, total): an entry is chosen only if its own probability is > 0.
        u = generator.random((cdf.shape[0], n_draws)) * totals
        np.minimum(u, np.nextafter(totals, 0), out=u)
        result = _search_rows(cdf, u)
    result = result.reshape(batch_shape + draws_shape)
    if result.ndim == 0:
        return int(result)
    return result


def _masked_copy(logits: ArrayLike, axis: int) -> tuple[np.ndarray, np.ndarray, int]:
    """The validated logits with the category axis last, a copy to write the result into, and the axis."""
    x, axis, _ = check_logits(logits, axis)
    return np.moveaxis(x, axis, -1), np.array(x, copy=True), axis


def _apply_removal(out: np.ndarray, remove_last_axis: np.ndarray, axis: int) -> np.ndarray:
    np.moveaxis(out, axis, -1)[remove_last_axis] = MASKED_LOGIT
    return out


def top_k(logits: ArrayLike, k: int, axis: int = -1, *, min_tokens_to_keep: int = 1) -> np.ndarray:
    """Keep the `k` largest logits (and any tied with the k-th); set the rest to ``-inf``.

    As in ``TopKLogitsWarper``: ``k`` is raised to `min_tokens_to_keep` and capped
    at the number of entries, and every entry equal to the k-th largest is kept,
    so ties can keep more than `k`.

    Examples
    --------
    >>> top_k([1.0, 4.0, 2.0, 3.0], 2)
    array([-inf,   4.,  -inf,   3.])
    >>> top_k([1.0, 3.0, 3.0, 2.0], 1)
    array([-inf,   3.,   3.,  -inf])
    """
    k = check_positive_int(k, "k")
    keep_at_least = check_positive_int(min_tokens_to_keep, "min_tokens_to_keep")
    moved, out, axis = _masked_copy(logits, axis)
    n = moved.shape[-1]
    kept = min(max(int(k), keep_at_least), n)
    kth_largest = np.partition(moved, n - kept, axis=-1)[..., n - kept:n - kept + 1]
    return _apply_removal(out, moved < kth_largest, axis)


def top_p(logits: ArrayLike, p: float, axis: int = -1, *, min_tokens_to_keep: int = 1) -> np.ndarray:
    """Nucleus filtering: keep the most probable tokens whose probabilities reach `p`.

    As in ``TopPLogitsWarper``: tokens are sorted by probability (ascending, ties
    in index order), and a token is removed when the cumulative probability up to
    and including it is at most ``1 - p``. So the token that crosses the threshold
    is kept, ``p = 1`` keeps everything, ``p = 0`` keeps only the most probable
    token, and at least `min_tokens_to_keep` are kept.

    Notes
    -----
    The cumulative probabilities are computed in float64 whatever the input's
    dtype, and accurately: each probability is split into a part on a grid of
    2**-52, whose running sums are exact, and a tiny remainder. A running sum of
    float32 probabilities drifts by many units in the last place over tens of
    thousands of tokens, enough to cut several percent of the nucleus away. The
    comparison then forgives only ``ROUNDING_ULPS`` units in the last place of
    `p` (the precision to which `p` itself is known), so a set of tokens whose
    mass is exactly `p` in real arithmetic is treated as reaching it, and the kept
    set is the one exact arithmetic gives, except for tokens whose cumulative
    probability lies within those few units of the threshold. ``p = 1`` removes
    only tokens of probability exactly 0.

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(top_p(np.log([0.3, 0.1, 0.1, 0.5]), 0.8)).round(3)
    array([0.3, 0. , 0. , 0.5])
    >>> np.exp(top_p(np.log([0.15, 0.3, 0.3, 0.25]), 0.8)).round(3)
    array([0.  , 0.3 , 0.3 , 0.25])
    """
    fraction = check_fraction(p, "p")
    keep_at_least = check_positive_int(min_tokens_to_keep, "min_tokens_to_keep")
    moved, out, axis = _masked_copy(logits, axis)
    n = moved.shape[-1]
    order = np.argsort(moved, axis=-1, kind="stable")
    # softmax commutes with sorting, so the sorted probabilities come straight from the sorted logits.
    probs = softmax(np.take_along_axis(moved, order, axis=-1).astype(np.float64, copy=False))
    coarse = np.ldexp(np.rint(np.ldexp(probs, 52)), -52)  # multiples of 2**-52: exact running sums
    fine = probs - coarse  # exact, and at most 2**-53 each
    threshold = 1.0 - fraction
    allowance = rounding_allowance(max(fraction, threshold), np.float64) if threshold > 0 else 0.0
    # (coarse sum - threshold) is exact near the threshold, so the sign of the total is right.
    remove_sorted = (np.cumsum(coarse, axis=-1) - threshold) + np.cumsum(fine, axis=-1) <= allowance
    remove_sorted[..., max(n - keep_at_least, 0):] = False
    remove = np.empty_like(remove_sorted)
    np.put_along_axis(remove, order, remove_sorted, axis=-1)
    return _apply_removal(out, remove, axis)


def min_p(logits: ArrayLike, p: float, axis: int = -1, *, min_tokens_to_keep: int = 1) -> np.ndarray:
    """Keep tokens whose probability is at least `p` times the top token's; remove the rest.

    As in ``MinPLogitsWarper`` (Nguyen et al. 2024): the threshold scales with the
    model's confidence. ``p = 0`` keeps everything, ``p = 1`` keeps only the
    tokens tied for the top probability, and the `min_tokens_to_keep` most
    probable tokens are always kept.

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(min_p(np.log([0.9, 0.0274, 0.047, 0.0274]), 0.05)).round(4)
    array([0.9  , 0.   , 0.047, 0.   ])
    """
    fraction = check_fraction(p, "p")
    keep_at_least = check_positive_int(min_tokens_to_keep, "min_tokens_to_keep")
    moved, out, axis = _masked_copy(logits, axis)
    probs = softmax(moved)
    remove = probs < fraction * np.max(probs, axis=-1, keepdims=True)
    if keep_at_least > 1:
        most_probable = np.argsort(-probs, axis=-1, kind="stable")[..., :keep_at_least]
        np.put_along_axis(remove, most_probable, False, axis=-1)
    return _apply_removal(out, remove, axis)
