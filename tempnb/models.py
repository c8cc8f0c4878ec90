"""A small multilayer perceptron in NumPy, enough for the distillation notebook.

Written to be read: a forward pass that remembers what the backward pass needs,
a backward pass that follows the chain rule layer by layer, and Adam. Every
random choice (initial weights, minibatch order) comes from a seeded generator.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import numpy as np

from tempnb._validate import (
    as_real_array,
    check_features,
    check_fraction,
    check_labels,
    check_positive_float,
    check_positive_int,
    check_rng,
)

__all__ = ["MLP", "Adam", "train", "accuracy"]


class MLP:
    """Fully connected network: ReLU hidden layers, a linear output layer producing logits.

    Parameters
    ----------
    sizes : sequence of int
        Layer widths from input to output, e.g. ``[64, 32, 10]``.
    rng : numpy.random.Generator or int
        Seed or generator for the He-initialised weights.

    Examples
    --------
    >>> model = MLP([4, 3, 2], rng=0)
    >>> model.n_parameters
    23
    >>> model.forward(np.zeros((5, 4))).shape
    (5, 2)
    """

    def __init__(self, sizes: Sequence[int], rng: np.random.Generator | int | None = None):
        try:
            widths = [] if isinstance(sizes, (str, bytes)) else list(sizes)
        except TypeError:
            widths = []
        if len(widths) < 2:
            raise ValueError(f"`sizes` must list at least two positive layer widths; got {sizes!r}")
        self.sizes = [check_positive_int(n, f"sizes[{i}]") for i, n in enumerate(widths)]
        rng = check_rng(rng)
        self.weights = [rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_in, n_out))
                        for n_in, n_out in zip(self.sizes[:-1], self.sizes[1:], strict=True)]
        self.biases = [np.zeros(n_out) for n_out in self.sizes[1:]]
        self._inputs: list[np.ndarray] = []

    @property
    def parameters(self) -> list[np.ndarray]:
        return [*self.weights, *self.biases]

    @property
    def n_parameters(self) -> int:
        return sum(p.size for p in self.parameters)

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Logits for a batch `x` of shape (examples, inputs); remembers layer inputs for backward."""
        h = check_features(x, self.sizes[0])
        self._inputs = []
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            self._inputs.append(h)
            h = h @ w
            h += b
            if i < last:
                np.maximum(h, 0.0, out=h)  # ReLU, in place: h is this layer's own new array
        return h

    def backward(self, grad_logits: np.ndarray) -> list[np.ndarray]:
        """Gradients of the loss for every parameter, given d loss / d logits of the last forward."""
        if not self._inputs:
            raise ValueError("backward() needs the layer inputs of a forward pass: call forward() first")
        expected = (self._inputs[0].shape[0], self.sizes[-1])
        g = as_real_array(grad_logits, "grad_logits")
        if g.shape != expected:
            raise ValueError(f"`grad_logits` must have the shape of the last forward's logits, {expected}; "
                             f"got {g.shape}")
        grad_w: list[np.ndarray] = []
        grad_b: list[np.ndarray] = []
        for i in reversed(range(len(self.weights))):
            h = self._inputs[i]
            grad_w.append(h.T @ g)
            grad_b.append(g.sum(axis=0))
            if i > 0:
                g = g @ self.weights[i].T
                g *= h > 0  # ReLU passes gradient where it was active
        return [*reversed(grad_w), *reversed(grad_b)]

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.argmax(self.forward(x), axis=1)


class Adam:
    """Adam (Kingma & Ba 2015) for a list of parameter arrays, updated in place."""

    def __init__(self, parameters: list[np.ndarray], learning_rate: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8, weight_decay: float = 0.0):
        learning_rate = check_positive_float(learning_rate, "learning_rate")
        if not isinstance(betas, Sequence) or len(betas) != 2:
            raise ValueError(f"`betas` must be a pair of numbers in [0, 1); got {betas!r}")
        betas = (check_fraction(betas[0], "betas[0]"), check_fraction(betas[1], "betas[1]"))
        if 1.0 in betas:
            raise ValueError(f"`betas` must be a pair of numbers in [0, 1); got {betas!r}")
        eps = check_positive_float(eps, "eps")
        weight_decay = check_positive_float(weight_decay, "weight_decay", allow_zero=True)
        self.parameters = parameters
        self.learning_rate, self.betas, self.eps, self.weight_decay = learning_rate, betas, eps, weight_decay
        # The moments and two scratch buffers are single flat vectors over all the
        # parameters, so one step is a dozen whole-vector operations instead of a
        # dozen per parameter array.
        dtype = np.result_type(*parameters) if parameters else np.float64
        size = sum(p.size for p in parameters)
        self.m, self.v = np.zeros(size, dtype), np.zeros(size, dtype)
        self._flat_grad, self._a, self._b = np.empty(size, dtype), np.empty(size, dtype), np.empty(size, dtype)
        ends = np.cumsum([p.size for p in parameters]).tolist()
        self._segments = [slice(end - p.size, end) for p, end in zip(parameters, ends, strict=True)]
        self.steps = 0

    def step(self, grads: list[np.ndarray]) -> None:
        if len(grads) != len(self.parameters):
            raise ValueError(f"`grads` must hold one gradient per parameter ({len(self.parameters)}); "
                             f"got {len(grads)}")
        for p, g in zip(self.parameters, grads, strict=True):
            if np.shape(g) != p.shape:
                raise ValueError(f"`grads` must match the parameters' shapes; got {np.shape(g)} for a "
                                 f"parameter of shape {p.shape}")
        self.steps += 1
        beta1, beta2 = self.betas
        correction1 = 1 - beta1 ** self.steps
        correction2 = 1 - beta2 ** self.steps
        g, m, v, a, b = self._flat_grad, self.m, self.v, self._a, self._b
        for segment, grad in zip(self._segments, grads, strict=True):
            g[segment] = np.ravel(grad)
        # m = beta1 m + (1 - beta1) g;  v = beta2 v + (1 - beta2) g²;
        # p -= lr (m / correction1) / (sqrt(v / correction2) + eps),
        # each operation in the formula's order, written into the scratch buffers a and b.
        m *= beta1
        np.multiply(1 - beta1, g, out=a)
        m += a
        v *= beta2
        np.multiply(1 - beta2, g, out=a)
        a *= g
        v += a
        np.divide(v, correction2, out=a)
        np.sqrt(a, out=a)
        a += self.eps
        np.divide(m, correction1, out=b)
        np.multiply(self.learning_rate, b, out=b)
        b /= a
        for p, segment in zip(self.parameters, self._segments, strict=True):
            if self.weight_decay and p.ndim > 1:  # decoupled weight decay on weights only
                p *= 1 - self.learning_rate * self.weight_decay
            p -= b[segment].reshape(p.shape)


def train(
    model: MLP,
    x: np.ndarray,
    loss_and_grad: Callable[[np.ndarray, np.ndarray], tuple[float, np.ndarray]],
    *,
    epochs: int,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    weight_decay: float = 0.0,
    rng: np.random.Generator | int | None = None,
    progress: str | None = None,
) -> list[float]:
    """Minibatch Adam. Returns the mean loss of each epoch.

    ``loss_and_grad(logits, batch_indices)`` gives the loss of a minibatch and its
    gradient with respect to the logits; `batch_indices` index into `x`, so the
    caller can look up labels or teacher logits for the same rows.
    With `progress`, a one-line progress report is written to stdout.
    """
    if not isinstance(model, MLP):
        raise TypeError(f"`model` must be a tempnb.models.MLP; got {type(model).__name__}")
    x = check_features(x, model.sizes[0])
    if len(x) == 0:
        raise ValueError("`x` must hold at least one example to train on; got shape (0, ...)")
    epochs = check_positive_int(epochs, "epochs", minimum=0)
    batch_size = check_positive_int(batch_size, "batch_size")
    rng = check_rng(rng)
    optimizer = Adam(model.parameters, learning_rate=learning_rate, weight_decay=weight_decay)
    history = []
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        total = 0.0
        for start in range(0, len(x), batch_size):
            batch = order[start:start + batch_size]
            loss, grad = loss_and_grad(model.forward(x[batch]), batch)
            optimizer.step(model.backward(grad))
            total += loss * len(batch)
        history.append(total / len(x))
        if progress and (epoch + 1) % max(1, epochs // 10) == 0:
            print(f"\r{progress}: epoch {epoch + 1}/{epochs}, loss {history[-1]:.4f}",
                  end="" if epoch + 1 < epochs else "\n", file=sys.stdout, flush=True)
    return history


def accuracy(model: MLP, x: np.ndarray, labels: np.ndarray) -> float:
    """Fraction of rows of `x` whose predicted class equals `labels`."""
    predictions = model.predict(x)
    if len(predictions) == 0:
        raise ValueError("`x` must hold at least one example to measure accuracy on; got shape (0, ...)")
    labels = check_labels(labels, len(predictions), model.sizes[-1])
    return float(np.mean(predictions == labels))
