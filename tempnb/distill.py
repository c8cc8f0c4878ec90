"""Knowledge distillation (Hinton, Vinyals & Dean 2015): the loss and its gradient.

The student is trained on a weighted sum of two terms:

* the **soft** term, ``T² · mean KL(softmax(teacher/T) ‖ softmax(student/T))``,
  which asks the student to match the teacher's whole distribution at a high
  temperature, wrong classes included;
* the **hard** term, ``mean CE(labels, softmax(student))``, ordinary cross-entropy
  with the true labels at T = 1.

The soft term's gradient with respect to the student logits is ``(q − p) / T``
per example. At high T, ``q − p`` shrinks like ``1/T`` (it tends to the logits-matching
core ``(s − t) / (K T)``), so the gradient shrinks like ``1/T²``; the ``T²`` factor
keeps the two terms on a comparable scale as T changes.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.special
from numpy.typing import ArrayLike

from tempnb._validate import check_fraction, check_labels, check_logits_2d, check_same_shape, check_temperature

__all__ = ["distillation_loss", "cross_entropy_loss"]

# Taylor coefficients of psi(x) = (exp(-x) - 1 + x) / x**2 = sum_k (-x)**k / (k + 2)!, lowest order
# first; 17 terms reach float64 precision for |x| <= 1 (the first omitted one is below 1/19! ~ 8e-18).
_PSI_COEFFICIENTS = [(-1) ** k / math.factorial(k + 2) for k in range(17)]


def _psi(x: np.ndarray) -> np.ndarray:
    """(exp(-x) - 1 + x) / x**2 for |x| <= 1, without the cancellation of the direct formula."""
    result = np.full_like(x, _PSI_COEFFICIENTS[-1])
    for coefficient in reversed(_PSI_COEFFICIENTS[:-1]):
        result *= x
        result += coefficient
    return result


def _shifted(z: np.ndarray) -> np.ndarray:
    """Each row of finite logits minus its maximum, as tempnb.softmax computes it first.

    (The maxima are taken down the columns of a transposed copy: the same values,
    since a maximum does not depend on the order of comparison, but two to three
    times faster than along short rows.)
    """
    return z - np.maximum.reduce(z.T.copy(), axis=0)[:, None]


def _log_softmax_rows(shifted: np.ndarray, T: float) -> np.ndarray:
    """log softmax(z / T) per row, from ``shifted = z − max``: the operations of tempnb.log_softmax.

    The losses below run once per training step, so they share the row maxima
    and exponentials instead of validating and recomputing them in calls to the
    public functions. The operations, and so the results, are the same to the
    last bit; tests/test_distill.py checks both losses against the public functions.
    (Sums along the rows call np.add.reduce, the reduction np.sum itself calls,
    without np.sum's argument handling, which costs more than the sum of a small batch.)
    """
    with np.errstate(over="ignore", under="ignore"):  # a tiny T sends far-off logits to -inf, whose exp is 0
        out = shifted / T if T != 1 else shifted.copy()
        out -= np.log(_row_sums(np.exp(out)))
    return out


def _row_sums(values: np.ndarray) -> np.ndarray:
    """np.sum(values, axis=1, keepdims=True), through the reduction np.sum calls."""
    return np.add.reduce(values, axis=1, keepdims=True)


def _cross_entropy(shifted: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """Mean cross-entropy and its gradient from ``shifted = logits − max`` (see cross_entropy_loss)."""
    n = shifted.shape[0]
    rows = np.arange(n)
    with np.errstate(under="ignore"):
        exps = np.exp(shifted)
    totals = _row_sums(exps)
    # log softmax at the labels, (z_y − m) − log Σ exp(z − m), and softmax − one-hot;
    # the mean as np.mean takes it: the sum, then one division by the count
    loss = -float(np.add.reduce(shifted[rows, y] - np.log(totals[:, 0])) / n)
    grad = exps / totals
    grad[rows, y] -= 1.0
    grad /= n
    return loss, grad


def _soft_term(s: np.ndarray, s_shifted: np.ndarray, t: np.ndarray, T: float) -> tuple[np.ndarray, np.ndarray]:
    """Per example, T² KL(p ‖ q) with p = softmax(t/T), q = softmax(s/T); and T (q − p).

    Written directly, KL = sum p (log p − log q) subtracts nearly equal logs once T
    is large compared with the logit gaps (the log-ratios shrink like 1/T while
    their rounding does not), and T² then magnifies the error: at T = 1e10 the
    direct formula gives negative losses. With x = (d − mean_p d) / T, d = t − s,
    the identity KL = log(sum p exp(−x)) = log1p(sum p (exp(−x) − 1 + x)) holds
    exactly (the added sum p x is 0), and (exp(−x) − 1 + x) = x² psi(x) with psi
    from its Taylor series has no cancellation at all. So for rows where every
    |x| <= 1 the loss is computed as sum p D² psi(x) · log1p(S)/S with D = T x
    (no T² is ever formed), and the gradient T (q − p) as
    p (−D exprel(−x) − R/T) / (1 + S). Other rows (gaps large compared with T)
    use the direct formulas, which are accurate there.
    (Each row's values depend on that row alone, so each formula is computed only
    on the rows that use it.)
    """
    log_p = _log_softmax_rows(_shifted(t), T)
    with np.errstate(under="ignore"):
        p = np.exp(log_p)
    with np.errstate(over="ignore", invalid="ignore"):
        d = t - s
        gaps = d - _row_sums(p * d)
        x = gaps / T
        smooth = np.logical_and.reduce(np.abs(x) <= 1.0, axis=1)
    n_smooth = int(np.count_nonzero(smooth))
    if n_smooth == len(smooth):  # every row smooth: no direct formula at all
        return _smooth_soft_term(p, gaps, x, T)
    direct = None if n_smooth == 0 else ~smooth
    if direct is not None:
        log_p, p_direct, s_shifted = log_p[direct], p[direct], s_shifted[direct]
    else:
        p_direct = p
    log_q = _log_softmax_rows(s_shifted, T)
    # The direct formulas, used where the logit gaps are not small compared with T.
    # (Overflow of T² here is replaced below unless it is the true size of the loss.)
    with np.errstate(invalid="ignore", over="ignore"):
        kl = np.add.reduce(np.where(p_direct > 0, p_direct * (log_p - log_q), 0.0), axis=1)
        soft_direct = kl * T * T
        grad_direct = T * (np.exp(log_q) - p_direct)
    if direct is None:
        return soft_direct, grad_direct
    soft = np.empty(len(smooth))
    grad = np.empty(p.shape)
    soft[direct], grad[direct] = soft_direct, grad_direct
    soft[smooth], grad[smooth] = _smooth_soft_term(p[smooth], gaps[smooth], x[smooth], T)
    return soft, grad


def _smooth_soft_term(p: np.ndarray, gaps: np.ndarray, x: np.ndarray, T: float) -> tuple[np.ndarray, np.ndarray]:
    """The cancellation-free formulas of _soft_term, for rows where every |x| <= 1."""
    psi = _psi(x)
    scaled = np.add.reduce(p * gaps * gaps * psi, axis=1)  # T² S, formed without T²
    total = np.add.reduce(p * x * x * psi, axis=1)  # S = sum p (exp(−x) − 1 + x)
    ratio = np.ones_like(total)
    positive = total > 0
    ratio[positive] = np.log1p(total[positive]) / total[positive]
    soft = scaled * ratio
    grad = p * (-gaps * scipy.special.exprel(-x) - (scaled / T)[:, None]) / (1.0 + total)[:, None]
    return soft, grad


def cross_entropy_loss(logits: ArrayLike, labels: ArrayLike) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of integer `labels` under ``softmax(logits)``, and its gradient.

    The gradient with respect to the logits is ``(softmax(logits) − one_hot(labels)) / B``, B the batch size.

    Examples
    --------
    >>> loss, grad = cross_entropy_loss([[0.0, 0.0]], [1])
    >>> round(loss, 6), grad.tolist()
    (0.693147, [[0.5, -0.5]])
    """
    z = check_logits_2d(logits, "logits", min_classes=2)
    y = check_labels(labels, *z.shape)
    return _cross_entropy(_shifted(z), y)


def distillation_loss(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    temperature: float,
    alpha: float,
) -> tuple[float, np.ndarray]:
    r"""The distillation loss and its gradient with respect to the student logits.

    .. math::

        L = \alpha\, T^2 \frac{1}{B}\sum_n \mathrm{KL}\big(p_n \,\|\, q_n\big)
            + (1 - \alpha) \frac{1}{B}\sum_n -\log \mathrm{softmax}(s_n)_{y_n},

    with :math:`p = \mathrm{softmax}(t/T)` (teacher) and :math:`q = \mathrm{softmax}(s/T)`
    (student).

    Parameters
    ----------
    student_logits, teacher_logits : array_like, shape (B, C)
        Finite logits, one row for each of the B examples of the batch.
    labels : array_like of int, shape (B,)
        True classes in ``[0, C)``, for the hard term.
    temperature : float
        ``T > 0`` (finite), the temperature of the soft term.
    alpha : float
        Weight of the soft (distillation) term, in ``[0, 1]``. ``alpha = 1`` is
        pure distillation; ``alpha = 0`` is ordinary cross-entropy.

    Returns
    -------
    loss : float
    grad : numpy.ndarray, shape (B, C)
        :math:`\partial L / \partial s = [\alpha T (q - p) + (1 - \alpha)(\mathrm{softmax}(s) - y)] / B`.

    Examples
    --------
    >>> loss, grad = distillation_loss([[0.0, 0.0]], [[0.0, 0.0]], [1], temperature=4.0, alpha=1.0)
    >>> loss, grad.tolist()
    (0.0, [[0.0, 0.0]])
    >>> loss, grad = distillation_loss([[0.0, 0.0]], [[2.0, 0.0]], [1], temperature=1.0, alpha=0.0)
    >>> round(loss, 6)
    0.693147
    """
    T = check_temperature(temperature, allow_zero=False, allow_inf=False)
    a = check_fraction(alpha, "alpha")
    s = check_logits_2d(student_logits, "student_logits", min_classes=2)
    t = check_logits_2d(teacher_logits, "teacher_logits", min_classes=2)
    check_same_shape(s, t, "student_logits", "teacher_logits")
    y = check_labels(labels, *s.shape)
    n = s.shape[0]

    s_shifted = _shifted(s)
    hard_loss, hard_grad = _cross_entropy(s_shifted, y)
    if a == 0:  # no soft term at all (and no 0 · inf if T² overflows)
        return hard_loss, hard_grad
    soft, soft_grad = _soft_term(s, s_shifted, t, T)
    loss = a * float(np.add.reduce(soft) / n) + (1 - a) * hard_loss  # the mean, as np.mean takes it
    grad = (a / n) * soft_grad + (1 - a) * hard_grad
    return loss, grad
