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


def test_adam_is_the_textbook_update():
    # Kingma & Ba (2015), Algorithm 1, with decoupled weight decay on the weights (Loshchilov &
    # Hutter 2019), written out per parameter; the flat, in-place implementation must agree exactly.
    rng = np.random.default_rng(0)
    shapes = [(3, 4), (4, 2), (4,), (2,)]
    params = [rng.normal(size=shape) for shape in shapes]
    reference = [p.copy() for p in params]
    m = [np.zeros(shape) for shape in shapes]
    v = [np.zeros(shape) for shape in shapes]
    lr, (b1, b2), eps, wd = 0.01, (0.9, 0.999), 1e-8, 0.1
    optimizer = Adam(params, learning_rate=lr, weight_decay=wd)
    for step in range(1, 6):
        grads = [rng.normal(size=shape) for shape in shapes]
        optimizer.step(grads)
        for p, g, m_i, v_i in zip(reference, grads, m, v, strict=True):
            if p.ndim > 1:
                p *= 1 - lr * wd
            m_i[...] = b1 * m_i + (1 - b1) * g
            v_i[...] = b2 * v_i + (1 - b2) * g * g
            p -= lr * (m_i / (1 - b1 ** step)) / (np.sqrt(v_i / (1 - b2 ** step)) + eps)
    for p, expected in zip(params, reference, strict=True):
        np.testing.assert_array_equal(p, expected)


def tiny_data():
    return np.zeros((4, 2)), np.array([0, 1, 0, 1])


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: MLP([4]), ValueError, ["`sizes`", "at least two", "[4]"]),
        (lambda: MLP(4), ValueError, ["`sizes`", "4"]),
        (lambda: MLP([4, 0, 2]), ValueError, ["`sizes[1]`", "positive integer", "0"]),
        (lambda: MLP([4, 2.5]), ValueError, ["`sizes[1]`", "2.5"]),
        (lambda: MLP([4, 2], rng=-1), ValueError, ["`rng`", "non-negative", "-1"]),
        (lambda: MLP([4, 2], rng=True), TypeError, ["`rng`", "True"]),
        (lambda: MLP([4, 2], rng=2.5), ValueError, ["`rng`", "2.5"]),
        (lambda: MLP([2, 2], rng=0).forward(np.zeros((3, 5))), ValueError, ["`x`", "(examples, 2)", "(3, 5)"]),
        (lambda: MLP([2, 2], rng=0).forward(np.zeros(2)), ValueError, ["`x`", "(2,)"]),
        (lambda: MLP([2, 2], rng=0).forward([[np.nan, 0.0]]), ValueError, ["`x`", "finite"]),
        (lambda: MLP([2, 2], rng=0).forward([["a", "b"]]), TypeError, ["`x`", "real numbers"]),
        (lambda: MLP([2, 2], rng=0).backward(np.zeros((1, 2))), ValueError, ["call forward() first"]),
        (lambda: Adam([np.zeros(2)], learning_rate=0), ValueError, ["`learning_rate`", "> 0", "0.0"]),
        (lambda: Adam([np.zeros(2)], betas=(0.9, 1.0)), ValueError, ["`betas`", "[0, 1)"]),
        (lambda: Adam([np.zeros(2)], betas=0.9), ValueError, ["`betas`", "pair"]),
        (lambda: Adam([np.zeros(2)], eps=-1e-8), ValueError, ["`eps`", "-1e-08"]),
        (lambda: Adam([np.zeros(2)], weight_decay=-0.1), ValueError, ["`weight_decay`", ">= 0", "-0.1"]),
        (lambda: Adam([np.zeros(2)]).step([np.zeros(3)]), ValueError, ["`grads`", "(2,)", "(3,)"]),
        (lambda: train(MLP([2, 2], rng=0), tiny_data()[0], None, epochs=2.5), ValueError, ["`epochs`", "2.5"]),
        (lambda: train(MLP([2, 2], rng=0), tiny_data()[0], None, epochs=1, batch_size=0), ValueError,
         ["`batch_size`", "0"]),
        (lambda: train(MLP([2, 2], rng=0), tiny_data()[0], None, epochs=1, rng=-1), ValueError, ["`rng`", "-1"]),
        (lambda: train(MLP([2, 2], rng=0), tiny_data()[0], None, epochs=1, rng=True), TypeError, ["`rng`", "True"]),
        (lambda: train(MLP([2, 2], rng=0), np.zeros((0, 2)), None, epochs=1), ValueError, ["`x`", "at least one"]),
        (lambda: train("model", tiny_data()[0], None, epochs=1), TypeError, ["`model`", "MLP", "str"]),
        (lambda: accuracy(MLP([2, 2], rng=0), *tiny_data()[:1], [0, 1]), ValueError, ["`labels`", "(4,)", "(2,)"]),
        (lambda: accuracy(MLP([2, 2], rng=0), tiny_data()[0], [0, 1, 2, 0]), ValueError, ["`labels`", "[0, 1]", "2"]),
        (lambda: accuracy(MLP([2, 2], rng=0), np.zeros((0, 2)), []), ValueError, ["`x`", "at least one"]),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


def test_empty_batch_forward_gives_empty_logits():
    model = MLP([3, 4, 2], rng=0)
    assert model.forward(np.zeros((0, 3))).shape == (0, 2)
    assert model.predict(np.zeros((0, 3))).shape == (0,)


def test_seed_and_generator_initialise_the_same_weights():
    a, b = MLP([3, 4, 2], rng=5), MLP([3, 4, 2], rng=np.random.default_rng(5))
    for wa, wb in zip(a.parameters, b.parameters):
        np.testing.assert_array_equal(wa, wb)


def test_digits_split_is_real_fixed_and_stratified():
    split = load_digits_split()
    assert split.x_train.shape == (1257, 64) and split.x_test.shape == (540, 64)
    assert 0.0 <= split.x_train.min() and split.x_train.max() == 1.0
    assert np.bincount(split.y_test).tolist() == np.bincount(load_digits_split().y_test).tolist()
    np.testing.assert_array_equal(split.x_test, load_digits_split().x_test)
    counts = np.bincount(split.y_train) / len(split.y_train)
    assert np.all(np.abs(counts - 0.1) < 0.01)
