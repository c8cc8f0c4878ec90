"""tempnb.models and tempnb.data: the NumPy MLP learns, its gradients are right, the data is real."""

import numpy as np
import pytest

from tempnb.data import load_digits_split
from tempnb.distill import cross_entropy_loss
from tempnb.models import MLP, Adam, accuracy, train


def test_backward_matches_finite_differences():
    rng = np.random.default_rng(0)
    model = MLP([5, 7, 6, 3], rng=1)
    x, y = rng.normal(size=(8, 5)), rng.integers(0, 3, 8)

    def loss():
        return cross_entropy_loss(model.forward(x), y)[0]

    _, grad_logits = cross_entropy_loss(model.forward(x), y)
    analytic = model.backward(grad_logits)
    h = 1e-6
    for param, grad in zip(model.parameters, analytic):
        numeric = np.zeros_like(param)
        for index in np.ndindex(param.shape):
            old = param[index]
            param[index] = old + h
            up = loss()
            param[index] = old - h
            down = loss()
            param[index] = old
            numeric[index] = (up - down) / (2 * h)
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_learns_a_separable_problem():
    rng = np.random.default_rng(2)
    centres = np.array([[3.0, 0.0], [-3.0, 0.0], [0.0, 3.0]])
    y = rng.integers(0, 3, 300)
    x = centres[y] + rng.normal(scale=0.5, size=(300, 2))
    model = MLP([2, 16, 3], rng=3)
    before = accuracy(model, x, y)
    history = train(model, x, lambda z, rows: cross_entropy_loss(z, y[rows]), epochs=30,
                    learning_rate=1e-2, rng=4)
    assert accuracy(model, x, y) == 1.0 > before
    assert history[-1] < 0.1 * history[0]


def test_training_is_reproducible_with_a_seed():
    rng = np.random.default_rng(5)
    x, y = rng.normal(size=(50, 4)), rng.integers(0, 2, 50)
    runs = []
    for _ in range(2):
        model = MLP([4, 8, 2], rng=6)
        train(model, x, lambda z, rows: cross_entropy_loss(z, y[rows]), epochs=3, rng=7)
        runs.append(model.forward(x))
    np.testing.assert_array_equal(runs[0], runs[1])


def test_progress_is_reported(capsys):
    x, y = np.zeros((4, 2)), np.array([0, 1, 0, 1])
    train(MLP([2, 2], rng=0), x, lambda z, rows: cross_entropy_loss(z, y[rows]), epochs=10,
          rng=0, progress="demo")
    out = capsys.readouterr().out
    assert "demo: epoch 10/10" in out and out.endswith("\n")


def test_adam_weight_decay_only_touches_weights():
    w, b = np.ones((2, 2)), np.ones(2)
    Adam([w, b], learning_rate=0.1, weight_decay=0.5).step([np.zeros((2, 2)), np.zeros(2)])
    assert np.all(w < 1) and np.all(b == 1)


def test_bad_sizes():
    with pytest.raises(ValueError, match="`sizes`"):
        MLP([4])
    with pytest.raises(ValueError, match="`sizes`"):
        MLP([4, 0, 2])


def test_digits_split_is_real_fixed_and_stratified():
    split = load_digits_split()
    assert split.x_train.shape == (1257, 64) and split.x_test.shape == (540, 64)
    assert 0.0 <= split.x_train.min() and split.x_train.max() == 1.0
    assert np.bincount(split.y_test).tolist() == np.bincount(load_digits_split().y_test).tolist()
    np.testing.assert_array_equal(split.x_test, load_digits_split().x_test)
    counts = np.bincount(split.y_train) / len(split.y_train)
    assert np.all(np.abs(counts - 0.1) < 0.01)
