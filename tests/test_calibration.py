"""tempnb.calibration: temperature scaling, reliability curves and ECE, and the 07 exercise checks.

Expected values come from closed forms worked out in the comments, from
implementations written here independently (plain Python loops, math.fsum), and
from scikit-learn (log_loss, brier_score_loss, calibration_curve and its own
temperature scaling in CalibratedClassifierCV), never from tempnb's own output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from helpers import WEIRD  # answers no check expects
from tempnb import checks, expected_calibration_error, fit_temperature, reliability_curve, softmax
from tempnb.calibration import brier_score, negative_log_likelihood

# ---------------------------------------------------------------- independent references


def nll_reference(logits: np.ndarray, labels: np.ndarray, temperature: float) -> float:
    """Mean NLL with scipy's logsumexp: log sum_k exp(z_k / T) - z_y / T, per row."""
    scaled = np.asarray(logits, dtype=float) / temperature
    rows = np.arange(len(labels))
    return float(np.mean(scipy.special.logsumexp(scaled, axis=1) - scaled[rows, labels]))


def ece_reference(probs, labels, n_bins: int) -> float:
    """ECE with uniform bins, one example at a time: bin m holds (m-1)/M < c <= m/M."""
    n = len(labels)
    total = []
    for m in range(1, n_bins + 1):
        low, high = (m - 1) / n_bins, m / n_bins
        confidences, hits = [], []
        for row, label in zip(probs, labels):
            row = [float(v) for v in row]
            top = max(row)
            predicted = row.index(top)  # the first of tied maxima
            if low < top <= high or (m == 1 and top <= high):
                confidences.append(top)
                hits.append(1.0 if predicted == label else 0.0)
        if confidences:
            gap = abs(math.fsum(hits) / len(hits) - math.fsum(confidences) / len(confidences))
            total.append(len(confidences) / n * gap)
    return math.fsum(total)


def draw_labels(probs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One label per row drawn from that row's probabilities, by the inverse CDF."""
    u = rng.random((probs.shape[0], 1))
    return np.minimum((np.cumsum(probs, axis=1) < u).sum(axis=1), probs.shape[1] - 1)


def prob_rows(n_rows: int, n_classes: int):
    """Hypothesis strategy: an (n, K) array of probability rows, from softmax of bounded logits."""
    logits = hnp.arrays(np.float64, (n_rows, n_classes), elements=st.floats(-8, 8))
    return logits.map(lambda z: softmax(z, axis=1))


# ---------------------------------------------------------------- fit_temperature


@settings(max_examples=30)  # each example fits 20,000 rows
@given(
    seed=st.integers(0, 2**32 - 1),
    true_temperature=st.floats(0.3, 5.0),
    n_classes=st.integers(2, 8),
)
def test_fit_temperature_recovers_the_temperature_the_labels_were_drawn_at(seed, true_temperature, n_classes):
    # Labels drawn from softmax(z / T*) make T* the true parameter, and the fitted T its maximum
    # likelihood estimate. Its standard error in beta = 1/T is 1 / sqrt(n * I), with the Fisher
    # information per example I = mean over rows of Var_{softmax(beta* z)}[z]. We allow 5 standard
    # errors (a false failure about once in 1.7 million draws).
    rng = np.random.default_rng(seed)
    n = 20_000
    logits = rng.normal(0.0, 3.0, size=(n, n_classes))
    probs = softmax(logits, true_temperature, axis=1)
    labels = draw_labels(probs, rng)
    information = float(np.mean(np.sum(probs * logits**2, axis=1) - np.sum(probs * logits, axis=1) ** 2))
    standard_error = 1.0 / math.sqrt(n * information)
    fitted = fit_temperature(logits, labels)
    assert abs(1 / fitted - 1 / true_temperature) < 5 * standard_error


@settings(max_examples=50)  # each example evaluates the NLL at 4001 temperatures
@given(
    # fill=nothing(): every logit drawn on its own (a shared fill value makes tied rows, which the
    # assumptions below would discard, so often that Hypothesis's health check gives up).
    logits=hnp.arrays(np.float64, st.tuples(st.integers(2, 30), st.integers(2, 6)), elements=st.floats(-10, 10),
                      fill=st.nothing()),
    data=st.data(),
)
def test_fitted_temperature_reaches_the_minimum_of_a_fine_grid(logits, data):
    labels = data.draw(hnp.arrays(np.int64, logits.shape[0], elements=st.integers(0, logits.shape[1] - 1)))
    rows = np.arange(len(labels))
    # A finite minimiser exists when some label is not its row's maximum and the labels'
    # logits beat their rows' means on average (see fit_temperature's Notes). Negating every
    # logit turns an example whose labels lose on average into one whose labels win.
    if np.mean(logits[rows, labels] - logits.mean(axis=1)) < 0:
        logits = -logits
    assume(np.any(logits[rows, labels] < logits.max(axis=1) - 1e-6))
    assume(np.mean(logits[rows, labels] - logits.mean(axis=1)) > 1e-3)
    fitted = fit_temperature(logits, labels)
    assume(0.02 < fitted < 50)  # inside the grid
    grid = np.geomspace(0.01, 100, 4001)  # neighbours 0.23% apart
    scaled = logits[None, :, :] / grid[:, None, None]
    losses = np.mean(scipy.special.logsumexp(scaled, axis=2) - scaled[:, rows, labels], axis=1)
    best = int(np.argmin(losses))
    at_fit = nll_reference(logits, labels, fitted)
    assert at_fit <= losses.min() + 1e-12 * (1 + abs(at_fit))
    # and the fit lies between the grid minimum's neighbours (the NLL is unimodal in T)
    assert grid[max(best - 1, 0)] <= fitted <= grid[min(best + 1, len(grid) - 1)]


@given(
    gap=st.floats(0.1, 10.0),
    wrong=st.integers(1, 40),
    more_right=st.integers(1, 39),
)
def test_fit_temperature_matches_the_two_class_closed_form(gap, wrong, more_right):
    # Every row has logits [0, gap]; class 1 is the label `right` times, class 0 `wrong` times.
    # The best probability for class 1 is right / (right + wrong), and sigmoid(gap / T) equals
    # it at T = gap / log(right / wrong). (right > wrong so that T > 0 exists.)
    right = wrong + more_right
    logits = np.tile([0.0, gap], (right + wrong, 1))
    labels = np.array([1] * right + [0] * wrong)
    assert math.isclose(fit_temperature(logits, labels), gap / math.log(right / wrong), rel_tol=1e-9)


@given(seed=st.integers(0, 2**32 - 1), scale=st.floats(0.1, 10.0), shift=st.floats(-100, 100))
def test_fit_temperature_scales_with_the_logits_and_ignores_row_shifts(seed, scale, shift):
    # NLL(T) of (c z) equals NLL(T / c) of z, so the fitted T scales by c; adding a constant to
    # a row leaves its softmax unchanged at every T.
    rng = np.random.default_rng(seed)
    logits = rng.normal(size=(50, 4)) * 2
    labels = draw_labels(softmax(logits, axis=1), rng)
    base = fit_temperature(logits, labels)
    assert math.isclose(fit_temperature(scale * logits, labels), scale * base, rel_tol=1e-9)
    shifted = logits + shift * rng.random((50, 1))
    assert math.isclose(fit_temperature(shifted, labels), base, rel_tol=1e-7)


def test_fit_temperature_agrees_with_scikit_learns_temperature_scaling():
    # scikit-learn >= 1.8 has its own temperature scaling (minimize_scalar over log(1/T)).
    sklearn_calibration = pytest.importorskip("sklearn.calibration")
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.frozen import FrozenEstimator

    if "temperature" not in sklearn_calibration.CalibratedClassifierCV._parameter_constraints["method"][0].options:
        pytest.skip("this scikit-learn has no temperature scaling (added in 1.8)")

    class Logits(ClassifierMixin, BaseEstimator):
        """Rows of x are already logits: the model is the identity."""

        def fit(self, x, y):
            self.classes_ = np.unique(y)
            return self

        def decision_function(self, x):
            return x

        def predict(self, x):
            return np.argmax(x, axis=1)

    rng = np.random.default_rng(7)
    logits = rng.normal(0.0, 4.0, size=(400, 5))
    labels = draw_labels(softmax(logits, 2.5, axis=1), rng)
    calibrated = sklearn_calibration.CalibratedClassifierCV(FrozenEstimator(Logits().fit(logits, labels)),
                                                            method="temperature").fit(logits, labels)
    beta = float(calibrated.calibrated_classifiers_[0].calibrators[0].beta_)
    assert math.isclose(fit_temperature(logits, labels), 1 / beta, rel_tol=1e-6)


@given(
    logits=hnp.arrays(np.float64, st.tuples(st.integers(1, 20), st.integers(2, 8)),
                      elements=st.integers(-40, 40).map(lambda k: k / 4)),
    temperature=st.floats(0.01, 100.0),
)
def test_temperature_never_changes_the_argmax(logits, temperature):
    # Logits on a grid of step 1/4: at T <= 100 neighbouring probabilities differ by a factor of at
    # least exp(0.25 / 100), far above rounding, so the comparison is exact. Ties stay ties.
    assert np.array_equal(np.argmax(softmax(logits, temperature, axis=1), axis=1), np.argmax(logits, axis=1))


def test_fit_temperature_refuses_when_no_finite_temperature_is_best():
    # Every label is its row's maximum: the NLL falls all the way to T -> 0.
    with pytest.raises(ValueError, match="T -> 0"):
        fit_temperature([[0.0, 1.0], [2.0, 0.0]], [1, 0])
    # The labels' logits sit below their rows' means: the NLL falls all the way to T -> inf.
    with pytest.raises(ValueError, match="T -> inf"):
        fit_temperature([[0.0, 1.0], [2.0, 0.0], [0.0, 3.0]], [0, 1, 1])


# ---------------------------------------------------------------- NLL and Brier score


@given(probs_and_labels=st.integers(1, 30).flatmap(
    lambda n: st.tuples(hnp.arrays(np.float64, (n, 4), elements=st.floats(-6, 6)),
                        hnp.arrays(np.int64, n, elements=st.integers(0, 3)))),
       temperature=st.floats(0.1, 10))
def test_nll_and_brier_agree_with_scikit_learn(probs_and_labels, temperature):
    from sklearn.metrics import brier_score_loss, log_loss

    logits, labels = probs_and_labels
    probs = softmax(logits, temperature, axis=1)
    # log_loss clips probabilities to [eps, 1 - eps] (float64 eps); below that the two differ by design
    assume(probs[np.arange(len(labels)), labels].min() > 1e-12)
    classes = list(range(4))
    assert math.isclose(negative_log_likelihood(logits, labels, temperature),
                        log_loss(labels, probs, labels=classes), rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(brier_score(probs, labels),
                        brier_score_loss(labels, probs, labels=classes, scale_by_half=False),
                        rel_tol=1e-9, abs_tol=1e-12)


# ---------------------------------------------------------------- reliability and ECE


@given(probs=st.integers(1, 40).flatmap(lambda n: prob_rows(n, 3)), n_bins=st.integers(1, 30), data=st.data())
def test_ece_matches_an_independent_implementation(probs, n_bins, data):
    labels = data.draw(hnp.arrays(np.int64, probs.shape[0], elements=st.integers(0, 2)))
    expected = ece_reference(probs, labels, n_bins)
    assert math.isclose(expected_calibration_error(probs, labels, n_bins=n_bins), expected, rel_tol=1e-9, abs_tol=1e-15)


@given(probs=st.integers(1, 40).flatmap(lambda n: prob_rows(n, 4)), data=st.data())
def test_one_bin_ece_is_the_gap_between_accuracy_and_mean_confidence(probs, data):
    # With a single bin, ECE = |accuracy - mean confidence| over the whole set; and ECE is in [0, 1].
    labels = data.draw(hnp.arrays(np.int64, probs.shape[0], elements=st.integers(0, 3)))
    accuracy = np.mean(np.argmax(probs, axis=1) == labels)
    for strategy in ("uniform", "quantile"):
        one_bin = expected_calibration_error(probs, labels, n_bins=1, strategy=strategy)
        assert math.isclose(one_bin, abs(accuracy - probs.max(axis=1).mean()), rel_tol=1e-9, abs_tol=1e-15)
        assert 0.0 <= expected_calibration_error(probs, labels, n_bins=10, strategy=strategy) <= 1.0


def test_hand_worked_reliability_curve():
    # Confidences 0.9 (right), 0.8 (wrong), 0.7 (right), 0.6 (right); bins of width 0.2.
    # 0.6 lies in (0.4, 0.6]; 0.7 and 0.8 in (0.6, 0.8]; 0.9 in (0.8, 1].
    probs = [[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]]
    curve = reliability_curve(probs, [0, 1, 1, 1], n_bins=5)
    assert curve.count.tolist() == [1, 2, 1]
    assert curve.accuracy.tolist() == [1.0, 0.5, 1.0]
    assert np.allclose(curve.confidence, [0.6, 0.75, 0.9])
    assert np.allclose(curve.lower, [0.4, 0.6, 0.8]) and np.allclose(curve.upper, [0.6, 0.8, 1.0])
    # ECE = (1 * 0.4 + 2 * 0.25 + 1 * 0.1) / 4 = 0.25
    assert math.isclose(expected_calibration_error(probs, [0, 1, 1, 1], n_bins=5), 0.25)


@given(n=st.integers(2, 200), n_bins=st.integers(1, 20), seed=st.integers(0, 2**32 - 1))
def test_quantile_bins_hold_equal_counts(n, n_bins, seed):
    # With distinct confidences, the edge at quantile m/M (linear interpolation between the sorted
    # values at h = floor(m (n-1) / M) and h + 1) has exactly h + 1 values at or below it, so bin m
    # holds floor(m (n-1) / M) - floor((m-1) (n-1) / M) values (the first one more, the last the rest).
    rng = np.random.default_rng(seed)
    top = 0.5 + 0.5 * np.sort(rng.permutation(10_000)[:n]) / 10_000 + 1e-6  # distinct, in (0.5, 1)
    probs = np.column_stack([top, 1 - top])
    labels = rng.integers(0, 2, n)
    below = [(m * (n - 1)) // n_bins + 1 for m in range(1, n_bins)]
    expected = np.diff([0, *below, n])
    curve = reliability_curve(probs, labels, n_bins=n_bins, strategy="quantile")
    assert curve.count.tolist() == [c for c in expected.tolist() if c > 0]


@given(
    top=st.integers(1, 60).flatmap(lambda n: hnp.arrays(np.float64, n, elements=st.floats(0.5, 1.0, exclude_min=True))),
    n_bins=st.integers(1, 25),
    strategy=st.sampled_from(["uniform", "quantile"]),
    data=st.data(),
)
def test_binary_reliability_curve_agrees_with_scikit_learn(top, n_bins, strategy, data):
    # scikit-learn's calibration_curve bins the probability of class 1 and reports the fraction
    # of positives; ours bins the top probability and reports accuracy. The two meet when class 1
    # is always the top class (probability above 0.5): then both bin the same numbers.
    from sklearn.calibration import calibration_curve

    labels = data.draw(hnp.arrays(np.int64, top.shape[0], elements=st.integers(0, 1)))
    # scikit-learn computes its edges in floating point (np.linspace; np.percentile at m/M * 100),
    # which can land an ulp away from the exact m/M or the exact quantile. Compare where both agree
    # with exact arithmetic: uniform, no confidence within 1e-9 of an edge; quantile, each of its
    # edges has exactly floor(m (n-1) / M) + 1 confidences at or below it, as the exact quantile has.
    if strategy == "uniform":
        edges = np.concatenate([np.arange(1, n_bins) / n_bins, np.linspace(0, 1, n_bins + 1)])
        assume(np.all(np.abs(top[:, None] - edges[None, :]) > 1e-9))
    else:
        n = top.size
        sklearn_edges = np.percentile(top, np.linspace(0, 1, n_bins + 1) * 100)[1:-1]
        ordered = np.sort(top)
        for m, edge in enumerate(sklearn_edges, start=1):
            h = (m * (n - 1)) // n_bins
            at_or_below = int(np.sum(top <= edge))
            expected = int(np.sum(top <= ordered[h]))  # ties with the h-th value go with it
            assume(at_or_below == expected)
    prob_true, prob_pred = calibration_curve(labels, top, n_bins=n_bins, strategy=strategy)
    curve = reliability_curve(np.column_stack([1 - top, top]), labels, n_bins=n_bins, strategy=strategy)
    assert np.allclose(curve.accuracy, prob_true, rtol=1e-12, atol=0)
    assert np.allclose(curve.confidence, prob_pred, rtol=1e-12, atol=0)


def test_calibrated_by_construction_gives_a_small_ece():
    # Labels drawn from the model's own probabilities: the model is calibrated, and with 20,000
    # examples and 10 bins the estimated ECE is only sampling noise. Each bin's accuracy has a
    # standard error of at most sqrt(0.25 / count); summed with weights count/n over 10 bins this
    # is at most sqrt(10 * 0.25 / n) = 0.011 (Cauchy-Schwarz), and we allow three times that.
    rng = np.random.default_rng(3)
    probs = softmax(rng.normal(0, 2, size=(20_000, 5)), axis=1)
    labels = draw_labels(probs, rng)
    assert expected_calibration_error(probs, labels, n_bins=10) < 3 * math.sqrt(10 * 0.25 / 20_000)
    # The same probabilities sharpened (T = 0.5) keep their argmax, so a row is right with the
    # probability its *original* top entry gives; with one bin the expected ECE is exactly
    # mean(sharpened top) - mean(original top). The accuracy's standard error is at most
    # sqrt(0.25 / n) = 0.0035; we allow five of them.
    sharpened = softmax(np.log(probs), 0.5, axis=1)
    expected_gap = sharpened.max(axis=1).mean() - probs.max(axis=1).mean()
    one_bin = expected_calibration_error(sharpened, labels, n_bins=1)
    assert abs(one_bin - expected_gap) < 5 * math.sqrt(0.25 / 20_000)


# ---------------------------------------------------------------- bad input


GOOD_PROBS = [[0.25, 0.75], [0.5, 0.5]]
BAD_INPUT = [
    # (function, arguments, error type, fragments the message must contain)
    (fit_temperature, ([[0.0, 1.0], [1.0, 0.0]], [0.0, 1.0]), TypeError, ["`labels`", "integer", "float64"]),
    (fit_temperature, ([[0.0, 1.0], [1.0, 0.0]], [0, 2]), ValueError, ["`labels`", "[0, 1]", "got 2"]),
    (fit_temperature, ([[0.0, 1.0], [1.0, 0.0]], [0, -1]), ValueError, ["`labels`", "got -1"]),
    (fit_temperature, ([[0.0, 1.0], [1.0, 0.0]], [0]), ValueError, ["`labels`", "(2,)", "(1,)"]),
    (fit_temperature, ([[0.0, 1.0], [1.0, 0.0]], [[0, 1]]), ValueError, ["`labels`", "(1, 2)"]),
    (fit_temperature, ([[0.0, np.nan], [1.0, 0.0]], [0, 1]), ValueError, ["`logits`", "NaN"]),
    (fit_temperature, ([[0.0, np.inf], [1.0, 0.0]], [0, 1]), ValueError, ["`logits`", "finite"]),
    (fit_temperature, (np.zeros((0, 3)), []), ValueError, ["`logits`", "at least one example", "(0, 3)"]),
    (fit_temperature, ([0.0, 1.0], [1]), ValueError, ["`logits`", "2-D", "(2,)"]),
    (fit_temperature, ([[0.0], [1.0]], [0, 0]), ValueError, ["`logits`", "2 classes", "(2, 1)"]),
    (fit_temperature, ([["a", "b"]], [0]), TypeError, ["`logits`", "real numbers"]),
    (expected_calibration_error, ([[0.5, 0.6]], [0]), ValueError, ["`probs`", "sum to 1", "1.1"]),
    (expected_calibration_error, ([[-0.5, 1.5]], [0]), ValueError, ["`probs`", "[0, 1]", "-0.5"]),
    (expected_calibration_error, ([[0.5, np.nan]], [0]), ValueError, ["`probs`", "NaN"]),
    (expected_calibration_error, (np.zeros((0, 2)), []), ValueError, ["`probs`", "at least one example", "(0, 2)"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1.5]), TypeError, ["`labels`", "integer", "1.5"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 2]), ValueError, ["`labels`", "got 2"]),
    (expected_calibration_error, (GOOD_PROBS, [0]), ValueError, ["`labels`", "(2,)"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1], 0), ValueError, ["`n_bins`", "positive", "got 0"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1], -3), ValueError, ["`n_bins`", "got -3"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1], 2.5), ValueError, ["`n_bins`", "2.5"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1], "10"), TypeError, ["`n_bins`", "'10'"]),
    (expected_calibration_error, (GOOD_PROBS, [0, 1], 10, "equal"), ValueError,
     ["`strategy`", "'uniform', 'quantile'", "'equal'"]),
    (reliability_curve, (GOOD_PROBS, [0, 1], 10, "Uniform"), ValueError, ["`strategy`", "'Uniform'"]),
    (reliability_curve, (GOOD_PROBS, [0, 1], 0), ValueError, ["`n_bins`", "got 0"]),
    (reliability_curve, ([0.25, 0.75], [1]), ValueError, ["`probs`", "2-D", "(2,)"]),
    (negative_log_likelihood, ([[0.0, 1.0]], [1], 0.0), ValueError, ["`temperature`", "0.0"]),
    (negative_log_likelihood, ([[0.0, 1.0]], [1], -1.0), ValueError, ["`temperature`", "-1.0"]),
    (brier_score, ([[0.5, 0.6]], [1]), ValueError, ["`probs`", "sum to 1"]),
]


@pytest.mark.parametrize(("function", "args", "error", "fragments"), BAD_INPUT,
                         ids=[f"{case[0].__name__}-{i}" for i, case in enumerate(BAD_INPUT)])
def test_bad_input_gets_a_clear_error(function, args, error, fragments):
    with pytest.raises(error) as caught:
        function(*args)
    for fragment in fragments:
        assert fragment in str(caught.value), (fragment, str(caught.value))


def test_float32_and_integer_inputs_are_accepted():
    logits = np.array([[0.0, 2.0]] * 4)
    labels = np.array([1, 1, 1, 0])
    expected = 2 / math.log(3)  # the two-class closed form above, with right = 3, wrong = 1
    assert math.isclose(fit_temperature(logits.astype(np.float32), labels.astype(np.uint8)), expected, rel_tol=1e-6)
    assert math.isclose(fit_temperature(logits.astype(int), labels), expected, rel_tol=1e-12)
    probs32 = np.array(GOOD_PROBS, dtype=np.float32)
    # confidences 0.75 (right) and 0.5 (first of a tie: class 0, wrong); one bin: |1/2 - 0.625|
    assert math.isclose(expected_calibration_error(probs32, [1, 1], n_bins=1), 0.125, rel_tol=1e-7)


# ---------------------------------------------------------------- the exercise checks of 07


def outcome(capsys, check, answer) -> str:
    assert check(answer) is None
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1, printed
    return printed


def right_closed_bins(confidence, n_bins):
    """Masks of the bins (m/M, (m+1)/M], as a learner would write them."""
    return [(confidence > m / n_bins) & (confidence <= (m + 1) / n_bins) for m in range(n_bins)]


def ece_over(confidence, correct, bins, *, weighted=True):
    """Sum over the non-empty bins of |accuracy - mean confidence|, weighted by each bin's share."""
    gaps = [(in_bin.mean(), abs(correct[in_bin].mean() - confidence[in_bin].mean())) for in_bin in bins if in_bin.any()]
    return sum(share * gap for share, gap in gaps) if weighted else float(np.mean([gap for _, gap in gaps]))


def top_and_correct(probs, labels):
    probs = np.asarray(probs, dtype=float)
    return probs.max(axis=1), probs.argmax(axis=1) == np.asarray(labels)


def ece_by_loop(probs, labels, n_bins):
    """The right number from a loop over uniform bins, as the notebook's ece_from_scratch computes it."""
    confidence, correct = top_and_correct(probs, labels)
    return ece_over(confidence, correct, right_closed_bins(confidence, n_bins))


def my_ece(probs, labels, n_bins):
    """A right answer written as the exercise asks: every example's bin at once, then per-bin sums."""
    confidence, correct = top_and_correct(probs, labels)
    bins = np.searchsorted(np.arange(1, n_bins) / n_bins, confidence, side="left")  # (m/M, (m+1)/M] -> m
    gaps = np.bincount(bins, correct.astype(float), n_bins) - np.bincount(bins, confidence, n_bins)
    return float(np.abs(gaps).sum() / len(confidence))


def test_ece_check(capsys):
    assert checks.PASS in outcome(capsys, checks.check_ece, my_ece)
    # the same number from a loop over the bins is not yet: the exercise asks for the loop-free version
    assert "loops over the bins in Python" in outcome(capsys, checks.check_ece, ece_by_loop)

    # Each mistake differs from ece_by_loop in one thing (a wrong number is named before any loop).
    def unweighted(probs, labels, n_bins):
        confidence, correct = top_and_correct(probs, labels)
        return ece_over(confidence, correct, right_closed_bins(confidence, n_bins), weighted=False)

    def label_probability(probs, labels, n_bins):
        _, correct = top_and_correct(probs, labels)
        confidence = np.asarray(probs, dtype=float)[np.arange(len(labels)), labels]  # not the top probability
        return ece_over(confidence, correct, right_closed_bins(confidence, n_bins))

    def left_closed(probs, labels, n_bins):
        confidence, correct = top_and_correct(probs, labels)
        index = np.minimum(np.floor(confidence * n_bins).astype(int), n_bins - 1)  # bins [m/M, (m+1)/M)
        return ece_over(confidence, correct, [index == m for m in range(n_bins)])

    assert "weight" in outcome(capsys, checks.check_ece, unweighted)
    assert "top probability" in outcome(capsys, checks.check_ece, label_probability)
    assert "(m-1)/M < confidence <= m/M" in outcome(capsys, checks.check_ece, left_closed)
    assert "returned None" in outcome(capsys, checks.check_ece, lambda probs, labels, n_bins: None)
    assert "raised ZeroDivisionError" in outcome(capsys, checks.check_ece, lambda probs, labels, n_bins: 1 / 0)


def test_fit_temperature_check(capsys):
    import scipy.optimize

    def by_hand(logits, labels):
        def nll(log_t):
            return nll_reference(logits, labels, math.exp(log_t))
        return math.exp(scipy.optimize.minimize_scalar(nll, bounds=(-5, 5), method="bounded",
                                                       options={"xatol": 1e-10}).x)

    assert checks.PASS in outcome(capsys, checks.check_fit_temperature, by_hand)
    assert "1/T" in outcome(capsys, checks.check_fit_temperature, lambda logits, labels: 1 / by_hand(logits, labels))
    assert "the placeholder" in outcome(capsys, checks.check_fit_temperature, lambda logits, labels: 1.0)

    def coarse(logits, labels):
        grid = np.linspace(0.5, 5, 10)
        return float(grid[np.argmin([nll_reference(logits, labels, T) for T in grid])])

    assert "finer" in outcome(capsys, checks.check_fit_temperature, coarse)


def test_fit_temperature_twice_is_named_on_both_cases(capsys):
    """log_softmax(logits / T, T, axis=1) fits T squared, so returns the square root of the best T: on the
    overconfident case (1.40386 for 1.97081) and on the underconfident one (0.68252 for 0.46583) alike."""
    import scipy.optimize

    from tempnb import log_softmax
    from tempnb.checks._common import run_cases
    from tempnb.checks.calibration import _temperature_cases

    def twice(logits, labels):
        rows = np.arange(len(labels))
        return scipy.optimize.minimize_scalar(lambda T: -np.mean(log_softmax(logits / T, T, axis=1)[rows, labels]),
                                              bounds=(0.05, 20), method="bounded", options={"xatol": 1e-10}).x

    # the first two cases: the third, their logits plus 1000, is reached only after the second passed, so any miss
    # there is named as the shift's doing (test_checks.py, fit_naive_logsumexp_silenced)
    for case in _temperature_cases()[:2]:
        run_cases(twice, [case], "right", same=lambda a, b: math.isclose(a, b, rel_tol=1e-4))
        printed = capsys.readouterr().out
        assert printed.count("\n") == 1, printed
        assert f"is the square root of the best T, {case.expected:.5f}: you divided the logits by T twice" in printed
        assert math.isclose(twice(*case.args), math.sqrt(case.expected), rel_tol=1e-6)


@pytest.mark.parametrize(("answer", "fragment"), [
    (math.log(99) / math.log(9), checks.PASS), (np.float64(math.log(99) / math.log(9)), checks.PASS),
    (math.log(9) / math.log(99), "T = 1/a"), (-2.5, "positive"), (None, "your answer"), (1.0, "sigmoid"),
])
def test_platt_temperature_check(capsys, answer, fragment):
    assert fragment in outcome(capsys, checks.check_platt_temperature, answer)




@pytest.mark.parametrize("check", [checks.check_ece, checks.check_fit_temperature, checks.check_platt_temperature])
def test_checks_never_raise(capsys, check):
    for answer in WEIRD:
        printed = outcome(capsys, check, answer)
        assert printed.startswith(checks.HINT), (answer, printed)
