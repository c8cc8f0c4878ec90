"""Calibration: is a classifier's confidence right as often as it claims?

A classifier's top probability is a claim: "this is a 3, and I am 90% sure".
It is *calibrated* when, among all the examples it is 90% sure about, it is
right 90% of the time. This module measures that (reliability curves and the
expected calibration error, ECE) and fixes the most common failure, over- or
under-confidence, with **temperature scaling** (Guo, Pleiss, Sun & Weinberger
2017): one temperature ``T``, fitted on held-out data by minimising the negative
log-likelihood (NLL) of ``softmax(logits / T)``.

Dividing every logit of a row by the same ``T > 0`` keeps their order, so the
predicted class, and with it the accuracy, never changes.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from tempnb._validate import (
    check_choice,
    check_labels,
    check_logits_2d,
    check_positive_int,
    check_probabilities_2d,
    check_temperature,
)
from tempnb.core import log_softmax, softmax

__all__ = [
    "ReliabilityCurve",
    "brier_score",
    "expected_calibration_error",
    "fit_temperature",
    "negative_log_likelihood",
    "reliability_curve",
]

STRATEGIES = ("uniform", "quantile")


class ReliabilityCurve(NamedTuple):
    """Per-bin statistics of a reliability diagram; empty bins are left out.

    Every field is an array with one entry per non-empty bin, in increasing order
    of confidence.
    """

    confidence: np.ndarray  #: mean top probability of the examples in the bin
    accuracy: np.ndarray  #: fraction of them whose top class is the label
    count: np.ndarray  #: how many examples fall in the bin
    lower: np.ndarray  #: the bin's lower edge (excluded)
    upper: np.ndarray  #: the bin's upper edge (included)


# ---------------------------------------------------------------------------
# Scores


def negative_log_likelihood(logits: ArrayLike, labels: ArrayLike, temperature: float = 1.0) -> float:
    r"""Mean negative log-likelihood of `labels` under ``softmax(logits / temperature)``, in nats.

    :math:`\mathrm{NLL}(T) = -\frac{1}{n}\sum_i \log \mathrm{softmax}(z_i / T)_{y_i}`,
    also called the cross-entropy or log loss.

    Parameters
    ----------
    logits : array_like, shape (n, K)
        One row of finite logits per example.
    labels : array_like of int, shape (n,)
        The true class of each row, in ``[0, K)``.
    temperature : float, default 1.0
        ``T > 0``.

    Returns
    -------
    float

    Examples
    --------
    >>> round(negative_log_likelihood([[0.0, 0.0]], [1]), 6)  # log 2
    0.693147
    >>> round(negative_log_likelihood([[0.0, 2.0]], [1], temperature=2.0), 6)  # log(1 + e^-1)
    0.313262
    """
    T = check_temperature(temperature, allow_zero=False)
    z = check_logits_2d(logits, "logits", min_classes=2)
    y = check_labels(labels, *z.shape)
    if math.isinf(T):
        return math.log(z.shape[1])
    return -float(np.mean(log_softmax(z, T)[np.arange(z.shape[0]), y]))


def brier_score(probs: ArrayLike, labels: ArrayLike) -> float:
    r"""Multi-class Brier score: :math:`\frac{1}{n}\sum_i \sum_k (q_{ik} - [y_i = k])^2`.

    The mean squared distance between each probability vector and the one-hot
    vector of its label: 0 for a certain, correct model; 2 at worst.

    Parameters
    ----------
    probs : array_like, shape (n, K)
        One probability vector per row.
    labels : array_like of int, shape (n,)
        The true class of each row, in ``[0, K)``.

    Returns
    -------
    float

    Examples
    --------
    >>> brier_score([[0.25, 0.75]], [1])  # 0.25² + 0.25²
    0.125
    """
    q = check_probabilities_2d(probs).astype(np.float64, copy=False)
    y = check_labels(labels, *q.shape)
    squared = np.square(q)
    rows = np.arange(q.shape[0])
    # (q_y - 1)^2 replaces q_y^2 for the label's entry
    totals = squared.sum(axis=1) - squared[rows, y] + np.square(q[rows, y] - 1.0)
    return float(np.mean(totals))


# ---------------------------------------------------------------------------
# Temperature scaling


def _nll_slope(z: np.ndarray, label_logits: np.ndarray, beta: float) -> float:
    """d NLL / d beta at inverse temperature beta: the mean of E_softmax(beta z)[z] - z_label."""
    probs = softmax(z, math.inf if beta == 0 else 1.0 / beta)
    return float(np.mean(np.einsum("ij,ij->i", probs, z) - label_logits))


def fit_temperature(logits: ArrayLike, labels: ArrayLike) -> float:
    r"""The temperature that makes ``softmax(logits / T)`` best fit `labels` (temperature scaling).

    Returns the :math:`T > 0` that minimises the mean negative log-likelihood
    :math:`\mathrm{NLL}(T) = \frac{1}{n}\sum_i \bigl[\log\sum_k e^{z_{ik}/T} - z_{i y_i}/T\bigr]`
    (Guo et al. 2017). Fit it on held-out (validation) data, never on the data
    the model was trained on, and judge the result on a third, test split.

    Parameters
    ----------
    logits : array_like, shape (n, K)
        One row of finite logits per example, ``K >= 2``.
    labels : array_like of int, shape (n,)
        The true class of each row, in ``[0, K)``.

    Returns
    -------
    float
        The fitted temperature. Above 1, the model was overconfident (its
        logits get shrunk); below 1, underconfident.

    Raises
    ------
    ValueError
        For malformed input, and when no finite ``T > 0`` minimises the NLL:
        when every label is the largest logit of its row (the NLL keeps falling
        as ``T -> 0``), or when the labels' logits are on average no higher than
        their rows' means (the NLL keeps falling as ``T -> inf``).

    Notes
    -----
    In :math:`\beta = 1/T` the NLL is a log-sum-exp of linear functions of
    :math:`\beta` minus a linear function, hence convex, and its derivative

    .. math:: \frac{d\,\mathrm{NLL}}{d\beta} = \frac{1}{n}\sum_i
              \bigl(\mathbb{E}_{\mathrm{softmax}(\beta z_i)}[z_i] - z_{i y_i}\bigr)

    increases with :math:`\beta`. It is negative at :math:`\beta = 0` when the
    labels' logits beat their rows' means, and tends to
    :math:`\frac{1}{n}\sum_i (\max_k z_{ik} - z_{i y_i}) > 0` as
    :math:`\beta \to \infty` once any label is not its row's maximum. Its one
    root is found with :func:`scipy.optimize.brentq` to near machine precision.

    Examples
    --------
    Two classes, every row the same logits ``[0, 2]``, the second class right
    three times out of four. The best probability for it is 3/4, so
    ``sigmoid(2 / T) = 3/4``, that is ``T = 2 / log 3``:

    >>> import math
    >>> T = fit_temperature([[0.0, 2.0]] * 4, [1, 1, 1, 0])
    >>> round(T, 6), round(2 / math.log(3), 6)
    (1.820478, 1.820478)
    """
    z = check_logits_2d(logits, "logits", min_classes=2)
    y = check_labels(labels, *z.shape)
    label_logits = z[np.arange(z.shape[0]), y]
    shortfall = float(np.mean(z.max(axis=1) - label_logits))  # the slope as beta -> infinity
    if shortfall <= 0:
        raise ValueError(
            "no temperature T > 0 minimises the NLL: every label in `labels` is the largest logit of its "
            "row, so the NLL keeps falling as T -> 0; fit on held-out data the model gets some wrong"
        )
    if _nll_slope(z, label_logits, 0.0) >= 0:
        raise ValueError(
            "no temperature T > 0 minimises the NLL: the logits of `labels` are on average no higher than "
            "their rows' means, so the NLL keeps falling as T -> inf (the labels' logits carry no signal on average)"
        )
    high = 1.0
    while _nll_slope(z, label_logits, high) <= 0:
        high *= 2.0
        if high > 1e300:  # pragma: no cover  (the slope reaches `shortfall` > 0 long before)
            raise ValueError("could not bracket the NLL minimum; the logits may be degenerate")
    import scipy.optimize  # here, not at the top: `import tempnb` stays light

    beta = scipy.optimize.brentq(lambda b: _nll_slope(z, label_logits, b), 0.0, high,
                                 xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    return 1.0 / beta


# ---------------------------------------------------------------------------
# Reliability and expected calibration error


def _bin_edges(confidence: np.ndarray, n_bins: int, strategy: str) -> np.ndarray:
    """The n_bins - 1 inner edges: bin m holds edges[m-1] < c <= edges[m]."""
    if strategy == "uniform":
        return np.arange(1, n_bins) / n_bins  # each the float nearest m / M (a correctly rounded division)
    # The m/M quantile with linear interpolation lies between the sorted values at positions
    # floor(m (n-1) / M) and the next one, so exactly the values up to the first of them are at or
    # below it. Taking that value itself as the edge bins the same way, and with the position
    # computed in integers, not from a rounded m/M, every bin gets its exact share.
    ordered = np.sort(confidence)
    positions = (np.arange(1, n_bins) * (confidence.size - 1)) // n_bins
    return ordered[positions]


def reliability_curve(
    probs: ArrayLike, labels: ArrayLike, n_bins: int = 15, strategy: str = "uniform"
) -> ReliabilityCurve:
    """Group examples by confidence; per bin, the mean confidence, the accuracy and the count.

    The confidence of a row is its top probability, and the row is correct when
    its top class (the first, if several tie) is its label. A calibrated model
    has accuracy equal to confidence in every bin.

    Parameters
    ----------
    probs : array_like, shape (n, K)
        One probability vector per row (entries in [0, 1], rows summing to 1).
    labels : array_like of int, shape (n,)
        The true class of each row, in ``[0, K)``.
    n_bins : int, default 15
        ``M >= 1``, the number of bins.
    strategy : {"uniform", "quantile"}, default "uniform"
        ``"uniform"``: bins ``((m-1)/M, m/M]`` of equal width, with edges the
        floats nearest ``m/M`` (a confidence typed as 0.8 falls in the bin that
        ends at 0.8). ``"quantile"``: edges at the ``m/M`` quantiles of the
        confidences, so the bins hold equally many examples (to within one); tied
        confidences stay together, so fewer bins can result. The edge after
        bin ``m`` is the confidence at position ``floor(m (n-1) / M)`` in
        sorted order, which bins exactly as the linearly interpolated quantile
        would in exact arithmetic.

    Returns
    -------
    ReliabilityCurve
        Named tuple of arrays ``(confidence, accuracy, count, lower, upper)``,
        one entry per non-empty bin. The same bins as scikit-learn's
        ``calibration_curve`` for a binary model whose top class is always
        class 1.

    Examples
    --------
    >>> probs = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]]
    >>> curve = reliability_curve(probs, [0, 1, 1, 1], n_bins=5)
    >>> curve.count.tolist(), curve.accuracy.tolist()
    ([1, 2, 1], [1.0, 0.5, 1.0])
    >>> curve.confidence.round(6).tolist()
    [0.6, 0.75, 0.9]
    """
    q = check_probabilities_2d(probs)
    y = check_labels(labels, *q.shape)
    n_bins = check_positive_int(n_bins, "n_bins")
    strategy = check_choice(strategy, "strategy", STRATEGIES)
    predicted = np.argmax(q, axis=1)
    confidence = q[np.arange(q.shape[0]), predicted].astype(np.float64)
    correct = (predicted == y).astype(np.float64)
    inner = _bin_edges(confidence, n_bins, strategy)
    index = np.searchsorted(inner, confidence, side="left")
    count = np.bincount(index, minlength=n_bins)
    total_confidence = np.bincount(index, weights=confidence, minlength=n_bins)
    total_correct = np.bincount(index, weights=correct, minlength=n_bins)
    edges = np.concatenate([[0.0], inner, [1.0]])
    kept = count > 0
    return ReliabilityCurve(
        confidence=total_confidence[kept] / count[kept],
        accuracy=total_correct[kept] / count[kept],
        count=count[kept],
        lower=edges[:-1][kept],
        upper=edges[1:][kept],
    )


def expected_calibration_error(
    probs: ArrayLike, labels: ArrayLike, n_bins: int = 15, strategy: str = "uniform"
) -> float:
    r"""Expected calibration error: the count-weighted gap between accuracy and confidence.

    :math:`\mathrm{ECE} = \sum_m \frac{|B_m|}{n}\,\bigl|\mathrm{acc}(B_m) - \mathrm{conf}(B_m)\bigr|`
    over the bins :math:`B_m` of :func:`reliability_curve` (Guo et al. 2017,
    after Naeini et al. 2015). 0 for a perfectly calibrated model; the value
    depends on the number and kind of bins, so always report them.

    Parameters
    ----------
    probs : array_like, shape (n, K)
        One probability vector per row.
    labels : array_like of int, shape (n,)
        The true class of each row, in ``[0, K)``.
    n_bins : int, default 15
        ``M >= 1``.
    strategy : {"uniform", "quantile"}, default "uniform"
        As in :func:`reliability_curve`.

    Returns
    -------
    float
        In [0, 1].

    Examples
    --------
    Bins of width 0.2: the 0.6 is right (gap 0.4); the 0.7 and the 0.8 share a
    bin with mean confidence 0.75 and accuracy 0.5 (gap 0.25, twice); the 0.9
    is right (gap 0.1). (0.4 + 2 · 0.25 + 0.1) / 4 = 0.25.

    >>> probs = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]]
    >>> round(expected_calibration_error(probs, [0, 1, 1, 1], n_bins=5), 6)
    0.25
    """
    curve = reliability_curve(probs, labels, n_bins=n_bins, strategy=strategy)
    weights = curve.count / curve.count.sum()
    return float(np.sum(weights * np.abs(curve.accuracy - curve.confidence)))
