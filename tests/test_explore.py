"""The interactive explorers respond to their controls (driven from Python, no browser)."""

import math

import matplotlib
import pytest

from tempnb.explore import DEFAULT_EXAMPLES, temperature_explorer, temperature_summary
from tempnb.ngram import CharNGram


@pytest.fixture(autouse=True)
def _no_gui():
    matplotlib.use("Agg")


def test_summary_reports_entropy_and_top_probability():
    text = temperature_summary([10.0, 20.0, 30.0], 10.0)
    assert "T = 10" in text and "top probability = 0.6652" in text
    assert f"max {math.log(3):.4f}" in text


def test_moving_the_slider_updates_the_readout():
    explorer = temperature_explorer()
    cold = explorer.summary.value
    assert "top probability = 1.0000" in cold  # [10, 20, 30] at T = 1
    explorer.slider.value = 100.0
    hot = explorer.summary.value
    assert hot != cold and "T = 100" in hot and "top probability = 0.3672" in hot


def test_choosing_another_example_updates_the_readout():
    explorer = temperature_explorer()
    explorer.choice.value = "log [0.25, 0.75]"
    assert "top probability = 0.7500" in explorer.summary.value
    explorer.slider.value = 0.5
    assert "top probability = 0.9000" in explorer.summary.value


def test_slider_is_log_scaled_over_a_wide_range():
    explorer = temperature_explorer()
    assert explorer.slider.base == 10
    assert explorer.slider.min <= -2 and explorer.slider.max >= 3
    assert set(explorer.choice.options) == set(DEFAULT_EXAMPLES)


def test_sampling_explorer_reacts_to_both_sliders():
    from tempnb.data import load_names
    from tempnb.explore import sampling_explorer

    model = CharNGram(order=4, strength=10.0).fit(load_names())
    explorer = sampling_explorer(model, context="mar")
    first_summary, first_names = explorer.summary.value, explorer.names.value
    assert "27 of 27 characters kept" in first_summary
    explorer.temperature.value = 0.2
    assert explorer.summary.value != first_summary and explorer.names.value != first_names
    explorer.top_p.value = 0.5
    assert "1 of 27 characters kept" in explorer.summary.value


def test_sliders_update_on_release_so_redraws_do_not_pile_up():
    from tempnb.data import load_names
    from tempnb.explore import sampling_explorer

    assert temperature_explorer().slider.continuous_update is False
    explorer = sampling_explorer(CharNGram(order=2, strength=1.0).fit(load_names()[:50]))
    assert explorer.temperature.continuous_update is False and explorer.top_p.continuous_update is False
