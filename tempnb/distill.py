"""Knowledge distillation (Hinton, Vinyals & Dean 2015): the loss and its gradient.

The student is trained on a weighted sum of two terms:

* the **soft** term, ``T² · mean KL(softmax(teacher/T) ‖ softmax(student/T))``,
  which asks the student to match the teacher's whole distribution at a high
  temperature, wrong classes included;
* the **hard** term, ``mean CE(labels, softmax(student))``, ordinary cross-entropy
  with the true labels at T = 1.

The soft term's gradient with respect to the student logits is ``(q − p) / T``
per example, so it shrinks like ``1/T`` and its logits-matching core like
``1/T²``; the ``T²`` factor keeps the two terms on a comparable scale as T changes.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from tempnb._validate import as_real_array, check_fraction, check_temperature
from tempnb.core import log_softmax, softmax

__all__ = ["distillation_loss", "cross_entropy_loss"]


def _check_logits_2d(logits: ArrayLike, name: str) -> np.ndarray:
    array = as_real_array(logits, name).astype(np.float64, copy=False)
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] < 2:
        raise ValueError(
            f"`{name}` must be a 2-D array of shape (examples, classes) with at least one example "
            f"and two classes; got shape {array.shape}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"`{name}` must be finite (no NaN or inf); got non-finite entries")
    return array


def _check_labels(labels: ArrayLike, n_examples: int, n_classes: int) -> np.ndarray:
    array = np.asarray(labels)
    if array.dtype.kind not in "iu":
        raise TypeError(f"`labels` must be integer class indices; got dtype {array.dtype}")
    if array.shape != (n_examples,):
        raise ValueError(f"`labels` must have shape ({n_examples},), one per example; got {array.shape}")
    if array.size and (array.min() < 0 or array.max() >= n_classes):
        bad = array.min() if array.min() < 0 else array.max()
        raise ValueError(f"`labels` must be in [0, {n_classes - 1}]; got {int(bad)}")
    return array


def cross_entropy_loss(logits: ArrayLike, labels: ArrayLike) -> tuple[float, np.ndarray]:
    """Mean cross-entropy of integer `labels` under ``softmax(logits)``, and its gradient.

    The gradient with respect to the logits is ``(softmax(logits) − one_hot(labels)) / N``.

    Examples
    --------
    >>> loss, grad = cross_entropy_loss([[0.0, 0.0]], [1])
    >>> round(loss, 6), grad.tolist()
    (0.693147, [[0.5, -0.5]])
    """
    z = _check_logits_2d(logits, "logits")
    y = _check_labels(labels, *z.shape)
    n = z.shape[0]
    rows = np.arange(n)
    loss = -float(np.mean(log_softmax(z)[rows, y]))
    grad = softmax(z)
    grad[rows, y] -= 1.0
    grad /= n
    return loss, grad


def distillation_loss(
    student_logits: ArrayLike,
    teacher_logits: ArrayLike,
    labels: ArrayLike,
    temperature: float,
    alpha: float,
) -> tuple[float, np.ndarray]:
    r"""The distillation loss and its gradient with respect to the student logits.

    .. math::

        L = \alpha\, T^2 \frac{1}{N}\sum_n \mathrm{KL}\big(p_n \,\|\, q_n\big)
            + (1 - \alpha) \frac{1}{N}\sum_n -\log \mathrm{softmax}(s_n)_{y_n},

    with :math:`p = \mathrm{softmax}(t/T)` (teacher) and :math:`q = \mathrm{softmax}(s/T)`
    (student).

    Parameters
    ----------
    student_logits, teacher_logits : array_like, shape (N, C)
        Finite logits, one row per example.
    labels : array_like of int, shape (N,)
        True classes in ``[0, C)``, for the hard term.
    temperature : float
        ``T > 0`` (finite), the temperature of the soft term.
    alpha : float
        Weight of the soft (distillation) term, in ``[0, 1]``. ``alpha = 1`` is
        pure distillation; ``alpha = 0`` is ordinary cross-entropy.

    Returns
    -------
    loss : float
    grad : numpy.ndarray, shape (N, C)
        :math:`\partial L / \partial s = [\alpha T (q - p) + (1 - \alpha)(\mathrm{softmax}(s) - y)] / N`.

    Examples
    --------
    >>> loss, grad = distillation_loss([[0.0, 0.0]], [[0.0, 0.0]], [1], temperature=4.0, alpha=1.0)
    >>> loss, grad.tolist()
    (0.0, [[0.0, 0.0]])
    >>> loss, grad = distillation_loss([[0.0, 0.0]], [[2.0, 0.0]], [1], temperature=1.0, alpha=0.0)
    >>> round(loss, 6)
    0.693147
    """
    T = check_temperature(temperature, allow_zero=False)
    if math.isinf(T):
        raise ValueError(f"`temperature` must be finite for distillation (the loss scales with T²); got {T!r}")
    a = check_fraction(alpha, "alpha")
    s = _check_logits_2d(student_logits, "student_logits")
    t = _check_logits_2d(teacher_logits, "teacher_logits")
    if s.shape != t.shape:
        raise ValueError(
            f"`student_logits` and `teacher_logits` must have the same shape; got {s.shape} and {t.shape}"
        )
    y = _check_labels(labels, *s.shape)
    n = s.shape[0]

    log_p = log_softmax(t, T)
    log_q = log_softmax(s, T)
    p, q = np.exp(log_p), np.exp(log_q)
    # p log p is taken as 0 where p underflowed to 0.
    with np.errstate(invalid="ignore"):
        kl_terms = np.where(p > 0, p * (log_p - log_q), 0.0)
    soft_loss = float(np.sum(kl_terms)) / n
    hard_loss, hard_grad = cross_entropy_loss(s, y)

    loss = a * T * T * soft_loss + (1 - a) * hard_loss
    grad = (a * T / n) * (q - p) + (1 - a) * hard_grad
    return loss, grad
