"""The calibration explorer of 07 responds to its slider (driven from Python, no browser)."""

import math

import matplotlib
import numpy as np
import pytest

from tempnb.explore import calibration_explorer, calibration_summary

# Four two-class examples, every row's logits [0, 2]; the second class is right three times.
# At T = 1 every confidence is sigmoid(2) = 0.880797 and the accuracy is 0.75, so with one bin
# ECE = 0.880797 - 0.75 = 0.130797 and NLL = -(3 log sigmoid(2) + log sigmoid(-2)) / 4 = 0.626928.
# At T = 2 / log 3 (the best temperature, see test_calibration.py) the confidence is exactly 0.75.
LOGITS = np.tile([0.0, 2.0], (4, 1))
LABELS = np.array([1, 1, 1, 0])


@pytest.fixture(autouse=True)
def _no_gui():
    matplotlib.use("Agg")


def test_summary_reports_ece_nll_and_accuracy():
    text = calibration_summary(LOGITS, LABELS, 1.0, n_bins=1)
    confidence = 1 / (1 + math.exp(-2))
    nll = -(3 * math.log(confidence) + math.log(1 - confidence)) / 4
    assert f"ECE = {confidence - 0.75:.4f} (1 bins)" in text
    assert f"NLL = {nll:.4f} nats" in text
    assert "accuracy = 0.7500" in text and f"mean confidence = {confidence:.4f}" in text


def test_moving_the_slider_updates_the_readout_and_never_the_accuracy():
    explorer = calibration_explorer(LOGITS, LABELS, n_bins=1)
    before = explorer.summary.value
    assert "tempnb-summary" in before and "T = 1 ·" in before
    explorer.slider.value = 2 / math.log(3)
    after = explorer.summary.value
    assert after != before
    assert "ECE = 0.0000" in after and "mean confidence = 0.7500" in after
    assert "accuracy = 0.7500" in before and "accuracy = 0.7500" in after


def test_slider_is_log_scaled_and_updates_on_release():
    explorer = calibration_explorer(LOGITS, LABELS)
    assert explorer.slider.base == 10 and explorer.slider.continuous_update is False
    assert 10 ** explorer.slider.min <= 0.25 and 10 ** explorer.slider.max >= 15


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"temperature": 0.0}, "`temperature`"),
    ({"temperature": 100.0}, "slider's range"),
    ({"n_bins": 0}, "`n_bins`"),
])
def test_bad_settings_are_refused(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        calibration_explorer(LOGITS, LABELS, **kwargs)


def test_bad_data_is_refused_naming_the_parameter():
    with pytest.raises(ValueError, match="`labels`"):
        calibration_explorer(LOGITS, [1, 1, 1])
    with pytest.raises(ValueError, match="`logits`"):
        calibration_explorer([[0.0, np.nan]], [0])


def test_reliability_diagram_draws_one_bar_per_bin_at_its_accuracy():
    import matplotlib.pyplot as plt

    from tempnb.calibration import reliability_curve
    from tempnb.plotting import reliability_diagram

    # The hand-worked curve of test_calibration.py: bins (0.4, 0.6], (0.6, 0.8], (0.8, 1] with
    # accuracies 1, 0.5, 1 and mean confidences 0.6, 0.75, 0.9.
    curve = reliability_curve([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.4, 0.6]], [0, 1, 1, 1], n_bins=5)
    fig, ax = plt.subplots()
    reliability_diagram(ax, curve, title="t")
    bars = ax.patches[:3]
    assert [round(b.get_height(), 9) for b in bars] == [1.0, 0.5, 1.0]
    assert [round(b.get_x(), 9) for b in bars] == [0.4, 0.6, 0.8]
    gaps = ax.patches[3:6]  # from the accuracy to the mean confidence
    assert [round(b.get_y() + b.get_height(), 9) for b in gaps] == [0.6, 0.75, 0.9]
    assert [t.get_text() for t in ax.texts] == ["1", "2", "1"]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title() == "t"
    plt.close(fig)
    with pytest.raises(TypeError, match="`curve`"):
        reliability_diagram(plt.gca(), [0.5, 0.6])
    plt.close("all")
