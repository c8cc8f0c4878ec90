"""A small multilayer perceptron in NumPy, enough for the distillation notebook.

Written to be read: a forward pass that remembers what the backward pass needs,
a backward pass that follows the chain rule layer by layer, and Adam. Every
random choice (initial weights, minibatch order) comes from a seeded generator.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

import numpy as np

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
        if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
            raise ValueError(f"`sizes` must list at least two positive layer widths; got {list(sizes)}")
        rng = np.random.default_rng(rng)
        self.sizes = [int(n) for n in sizes]
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
        self._inputs = []
        h = np.asarray(x, dtype=np.float64)
        last = len(self.weights) - 1
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            self._inputs.append(h)
            h = h @ w + b
            if i < last:
                h = np.maximum(h, 0.0)
        return h

    def backward(self, grad_logits: np.ndarray) -> list[np.ndarray]:
        """Gradients of the loss for every parameter, given d loss / d logits of the last forward."""
        grad_w: list[np.ndarray] = []
        grad_b: list[np.ndarray] = []
        g = grad_logits
        for i in reversed(range(len(self.weights))):
            h = self._inputs[i]
            grad_w.append(h.T @ g)
            grad_b.append(g.sum(axis=0))
            if i > 0:
                g = (g @ self.weights[i].T) * (h > 0)  # ReLU passes gradient where it was active
        return [*reversed(grad_w), *reversed(grad_b)]

    def predict(self, x: np.ndarray) -> np.ndarray:
        return np.argmax(self.forward(x), axis=1)


class Adam:
    """Adam (Kingma & Ba 2015) for a list of parameter arrays, updated in place."""

    def __init__(self, parameters: list[np.ndarray], learning_rate: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8, weight_decay: float = 0.0):
        self.parameters = parameters
        self.learning_rate, self.betas, self.eps, self.weight_decay = learning_rate, betas, eps, weight_decay
        self.m = [np.zeros_like(p) for p in parameters]
        self.v = [np.zeros_like(p) for p in parameters]
        self.steps = 0

    def step(self, grads: list[np.ndarray]) -> None:
        self.steps += 1
        beta1, beta2 = self.betas
        correction1 = 1 - beta1 ** self.steps
        correction2 = 1 - beta2 ** self.steps
        for p, g, m, v in zip(self.parameters, grads, self.m, self.v, strict=True):
            if self.weight_decay and p.ndim > 1:  # decoupled weight decay on weights only
                p *= 1 - self.learning_rate * self.weight_decay
            m *= beta1
            m += (1 - beta1) * g
            v *= beta2
            v += (1 - beta2) * g * g
            p -= self.learning_rate * (m / correction1) / (np.sqrt(v / correction2) + self.eps)


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
    rng = np.random.default_rng(rng)
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
    return float(np.mean(model.predict(x) == labels))
