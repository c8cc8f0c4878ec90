"""Sampling from logits, and the truncation rules top-k, top-p (nucleus) and min-p.

``top_k``, ``top_p`` and ``min_p`` follow the Hugging Face transformers logits
warpers (``TopKLogitsWarper``, ``TopPLogitsWarper``, ``MinPLogitsWarper``): they
return a copy of the logits with removed entries set to ``-inf``, they act on
the logits they are given (apply temperature first, as generation libraries
do), and they always keep at least ``min_tokens_to_keep`` tokens.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike

from tempnb._validate import check_fraction, check_temperature
from tempnb.core import _prepare_logits, softmax

__all__ = ["sample", "top_k", "top_p", "min_p"]


def _generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    if rng is None or isinstance(rng, np.random.Generator):
        return rng if rng is not None else np.random.default_rng()
    if isinstance(rng, numbers.Integral) and not isinstance(rng, bool):
        return np.random.default_rng(int(rng))
    raise TypeError(f"`rng` must be a numpy.random.Generator, an integer seed or None; got {rng!r}")


def _size_tuple(size: int | tuple[int, ...] | None) -> tuple[int, ...]:
    if size is None:
        return ()
    shape = (size,) if isinstance(size, numbers.Integral) else tuple(size)
    if not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) and n >= 0 for n in shape):
        raise ValueError(f"`size` must be None, a non-negative integer or a tuple of them; got {size!r}")
    return tuple(int(n) for n in shape)


def _search_rows(cdf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """For each row r and each column s, the number of entries of cdf[r] that are <= u[r, s].

    A binary search run on all rows at once: about log2(K) vectorised steps, no
    Python loop over rows and no temporary of size rows x K.
    """
    n_rows, k = cdf.shape
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
    generator = _generator(rng)
    draws_shape = _size_tuple(size)
    x, axis, x_max = _prepare_logits(logits, axis)
    moved = np.moveaxis(x, axis, -1)
    batch_shape, k = moved.shape[:-1], moved.shape[-1]
    n_draws = math.prod(draws_shape)

    if T == 0:
        rows = np.argmax(moved.reshape(-1, k), axis=1)
        result = np.repeat(rows[:, None], n_draws, axis=1)
    else:
        cdf = softmax(moved.reshape(-1, k), T)
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
    x, axis, _ = _prepare_logits(logits, axis)
    return np.moveaxis(x, axis, -1), np.array(x, copy=True), axis


def _check_min_tokens(min_tokens_to_keep: object) -> int:
    if (not isinstance(min_tokens_to_keep, numbers.Integral) or isinstance(min_tokens_to_keep, bool)
            or min_tokens_to_keep < 1):
        raise ValueError(f"`min_tokens_to_keep` must be a positive integer; got {min_tokens_to_keep!r}")
    return int(min_tokens_to_keep)


def _apply_removal(out: np.ndarray, remove_last_axis: np.ndarray, axis: int) -> np.ndarray:
    np.moveaxis(out, axis, -1)[remove_last_axis] = -np.inf
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
    if not isinstance(k, numbers.Integral) or isinstance(k, bool) or k <= 0:
        raise ValueError(f"`k` must be a strictly positive integer; got {k!r}")
    keep_at_least = _check_min_tokens(min_tokens_to_keep)
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
    token, and at least `min_tokens_to_keep` are kept. The comparison allows
    rounding error of a few units in the last place of the cumulative sum, so a
    set of tokens whose mass is exactly `p` in real arithmetic is treated as
    reaching it (``p = 1`` removes only tokens of probability exactly 0).

    Examples
    --------
    >>> import numpy as np
    >>> np.exp(top_p(np.log([0.3, 0.1, 0.1, 0.5]), 0.8)).round(3)
    array([0.3, 0. , 0. , 0.5])
    >>> np.exp(top_p(np.log([0.15, 0.3, 0.3, 0.25]), 0.8)).round(3)
    array([0.  , 0.3 , 0.3 , 0.25])
    """
    fraction = check_fraction(p, "p")
    keep_at_least = _check_min_tokens(min_tokens_to_keep)
    moved, out, axis = _masked_copy(logits, axis)
    n = moved.shape[-1]
    order = np.argsort(moved, axis=-1, kind="stable")
    cumulative = np.cumsum(np.take_along_axis(softmax(moved), order, axis=-1), axis=-1)
    threshold = 1.0 - fraction
    if threshold > 0:
        threshold += 4 * n * np.finfo(cumulative.dtype).eps
    remove_sorted = cumulative <= threshold
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
    keep_at_least = _check_min_tokens(min_tokens_to_keep)
    moved, out, axis = _masked_copy(logits, axis)
    probs = softmax(moved)
    remove = probs < fraction * np.max(probs, axis=-1, keepdims=True)
    if keep_at_least > 1:
        most_probable = np.argsort(-probs, axis=-1, kind="stable")[..., :keep_at_least]
        np.put_along_axis(remove, most_probable, False, axis=-1)
    return _apply_removal(out, remove, axis)
