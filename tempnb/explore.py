"""Interactive explorers for the notebooks (ipywidgets).

Sliders update when released (``continuous_update=False``): each update redraws
a figure, and updating on every intermediate position of a drag would queue
dozens of redraws behind each other in the kernel.

Each explorer is a plain function that returns a widget, so the tests can
build it, move its sliders from Python and check what it shows, without a
browser. The notebooks always draw a static figure beside each explorer, so the
stored notebook makes its point without a live kernel.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from numpy.typing import ArrayLike

from tempnb._validate import check_fraction, check_positive_int, check_rng, check_slider_value, check_temperature
from tempnb.core import entropy, softmax
from tempnb.ngram import CharNGram
from tempnb.plotting import bar_probabilities, colors, show_figure
from tempnb.sampling import top_p

DEFAULT_EXAMPLES: dict[str, list[float]] = {
    "[10, 20, 30]": [10.0, 20.0, 30.0],
    "log [0.25, 0.75]": [-1.3862943611198906, -0.2876820724517809],
    "five close logits [2, 1.5, 1, 0.5, 0]": [2.0, 1.5, 1.0, 0.5, 0.0],
    "a tie at the top [3, 3, 1, 0]": [3.0, 3.0, 1.0, 0.0],
}


# Widget labels are shown in full ("temperature", not "temperat…"): ipywidgets gives a
# description a fixed width unless its style says otherwise.
FULL_LABEL = {"description_width": "initial"}

# The sampling explorer's temperature slider spans 10**-1.3 (about 0.05) to 10**0.7 (about 5).
SAMPLING_EXPONENTS = (-1.3, 0.7)


def temperature_summary(logits: ArrayLike, temperature: float) -> str:
    """The one-line readout the explorer shows: T, entropy and top probability."""
    probs = softmax(logits, temperature)
    return (
        f"T = {temperature:.3g} · entropy = {float(entropy(probs)):.4f} nats "
        f"(max {np.log(probs.size):.4f}) · top probability = {float(probs.max()):.4f}"
    )


def temperature_explorer(
    examples: Mapping[str, Sequence[float]] | None = None,
    temperature: float = 1.0,
    min_exponent: float = -2.0,
    max_exponent: float = 3.0,
) -> widgets.VBox:
    """A log-scaled temperature slider over a few logit vectors, with a live bar chart.

    Returns a ``VBox`` whose ``.slider``, ``.choice`` and ``.summary`` attributes
    are the temperature slider, the example dropdown and the text readout.
    """
    examples = dict(DEFAULT_EXAMPLES if examples is None else examples)
    if not examples:
        raise ValueError("`examples` must map at least one name to a logit vector; got an empty mapping")
    for logits in examples.values():
        softmax(logits)  # every example must be valid logits (the error names `logits`)
    if not min_exponent < max_exponent:
        raise ValueError(f"`min_exponent` must be below `max_exponent`; got {min_exponent!r} and {max_exponent!r}")
    temperature = check_slider_value(check_temperature(temperature, allow_zero=False, allow_inf=False),
                                      "temperature", 10.0 ** min_exponent, 10.0 ** max_exponent)
    choice = widgets.Dropdown(options=list(examples), description="logits", style=FULL_LABEL)
    slider = widgets.FloatLogSlider(
        value=temperature, base=10, min=min_exponent, max=max_exponent, step=0.01,
        description="temperature", readout_format=".3g", continuous_update=False,
        layout=widgets.Layout(width="480px"), style=FULL_LABEL,
    )
    summary = widgets.HTML()
    plot = widgets.Output()

    def redraw(_change: object = None) -> None:
        logits = examples[choice.value]
        T = float(slider.value)
        summary.value = f"<code class='tempnb-summary'>{temperature_summary(logits, T)}</code>"
        probs = softmax(logits, T)
        with plot:
            plot.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(6, 3))
            bar_probabilities(ax, probs, [f"{v:g}" for v in logits], color=colors(1)[0],
                              title=f"softmax(z / T) at T = {T:.3g}")
            ax.set_xlabel("logit z")
            show_figure(fig, f"Bars of softmax(z / T) at T = {T:.3g} for the logits chosen above: "
                             f"the top probability is {float(probs.max()):.3f}.")

    choice.observe(redraw, names="value")
    slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([choice, slider]), summary, plot])
    box.slider, box.choice, box.summary = slider, choice, summary
    return box


def next_character_logits(model: CharNGram, context: str, temperature: float, top_p_mass: float) -> np.ndarray:
    """The logits a sampler draws the next character from: temperature first, then top-p."""
    temperature = check_temperature(temperature, allow_zero=False, allow_inf=False)
    top_p_mass = check_fraction(top_p_mass, "top_p_mass")
    return top_p(model.logits(context) / temperature, top_p_mass)


def sampling_summary(model: CharNGram, context: str, temperature: float, top_p_mass: float) -> str:
    """The explorer's readout: how many characters survive and how sure the sampler is."""
    logits = next_character_logits(model, context, temperature, top_p_mass)
    probs = softmax(logits)
    kept = int(np.count_nonzero(np.isfinite(logits)))
    best = model.alphabet[int(np.argmax(probs))].replace(".", "end")
    return (
        f"after '{context}': T = {temperature:.3g}, top-p = {top_p_mass:.2f} · {kept} of {probs.size} "
        f"characters kept · top probability = {float(probs.max()):.4f} ('{best}') · "
        f"entropy = {float(entropy(probs)):.3f} nats"
    )


def sampling_explorer(
    model: CharNGram,
    context: str = "mar",
    temperature: float = 1.0,
    top_p_mass: float = 1.0,
    n_names: int = 10,
    seed: int = 0,
) -> widgets.VBox:
    """Sliders for temperature and top-p over a character model.

    Shows the next-character distribution after `context` as bars, a readout of
    how many characters survive, and `n_names` names generated with the current
    settings. Names are drawn with the same seed on every redraw, so what changes
    as a slider moves is the effect of the setting, not fresh randomness.
    Returns a ``VBox`` with ``.temperature``, ``.top_p``, ``.summary`` and ``.names``.
    """
    temperature = check_slider_value(check_temperature(temperature, allow_zero=False, allow_inf=False),
                                      "temperature", 10.0 ** SAMPLING_EXPONENTS[0], 10.0 ** SAMPLING_EXPONENTS[1])
    top_p_mass = check_slider_value(check_fraction(top_p_mass, "top_p_mass"), "top_p_mass", 0.05, 1.0)
    n_names = check_positive_int(n_names, "n_names")
    check_rng(seed, "seed")
    temperature_slider = widgets.FloatLogSlider(
        value=temperature, base=10, min=SAMPLING_EXPONENTS[0], max=SAMPLING_EXPONENTS[1], step=0.01,
        description="temperature", readout_format=".3g", continuous_update=False,
        layout=widgets.Layout(width="420px"), style=FULL_LABEL)
    top_p_slider = widgets.FloatSlider(
        value=top_p_mass, min=0.05, max=1.0, step=0.05, description="top-p",
        readout_format=".2f", continuous_update=False, layout=widgets.Layout(width="420px"), style=FULL_LABEL)
    summary = widgets.HTML()
    names = widgets.HTML()
    plot = widgets.Output()

    def redraw(_change: object = None) -> None:
        T, p = float(temperature_slider.value), float(top_p_slider.value)
        summary.value = f"<code class='tempnb-summary'>{sampling_summary(model, context, T, p)}</code>"
        generated = model.generate(n_names, T, top_p_mass=p, rng=seed)
        names.value = "<code class='tempnb-names'>" + ", ".join(generated) + "</code>"
        probs = softmax(next_character_logits(model, context, T, p))
        with plot:
            plot.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(8, 2.8))
            labels = [c if c != "." else "end" for c in model.alphabet]
            bar_probabilities(ax, probs, labels, color=colors(1)[0], annotate=False, ylim=None,
                              title=f"next character after '{context}' at T = {T:.3g}, top-p = {p:.2f}")
            kept = int(np.count_nonzero(probs))
            show_figure(fig, f"Bars of the next-character probabilities at T = {T:.3g}, top-p = {p:.2f}: "
                             f"{kept} of {probs.size} characters keep a probability above 0.")

    temperature_slider.observe(redraw, names="value")
    top_p_slider.observe(redraw, names="value")
    redraw()  # the first draw also checks that the model is fitted and knows `context`
    box = widgets.VBox([temperature_slider, top_p_slider, summary, names, plot])
    box.temperature, box.top_p, box.summary, box.names = temperature_slider, top_p_slider, summary, names
    return box


# The calibration explorer's temperature slider spans 10**-0.7 (about 0.2) to 10**1.3 (about 20).
CALIBRATION_EXPONENTS = (-0.7, 1.3)


def calibration_summary(logits: ArrayLike, labels: ArrayLike, temperature: float, n_bins: int = 15) -> str:
    """The calibration explorer's readout at `temperature`: ECE, NLL, accuracy and mean confidence."""
    from tempnb.calibration import expected_calibration_error, negative_log_likelihood

    temperature = check_temperature(temperature, allow_zero=False, allow_inf=False)
    probs = softmax(logits, temperature, axis=-1)
    ece = expected_calibration_error(probs, labels, n_bins=n_bins)
    nll = negative_log_likelihood(logits, labels, temperature)
    accuracy = float(np.mean(np.argmax(probs, axis=1) == np.asarray(labels)))
    return (
        f"T = {temperature:.3g} · ECE = {ece:.4f} ({n_bins} bins) · NLL = {nll:.4f} nats · "
        f"accuracy = {accuracy:.4f} · mean confidence = {float(probs.max(axis=1).mean()):.4f}"
    )


def calibration_explorer(
    logits: ArrayLike,
    labels: ArrayLike,
    temperature: float = 1.0,
    n_bins: int = 15,
) -> widgets.VBox:
    """A log-scaled temperature slider over a model's logits, redrawing its reliability diagram.

    `logits` (one row per example) and `labels` should be held-out data, such as a
    test split. The readout shows the ECE (uniform bins), the NLL, the accuracy
    (which no temperature changes) and the mean confidence. Returns a ``VBox`` with
    ``.slider`` and ``.summary``.
    """
    from tempnb.calibration import reliability_curve
    from tempnb.plotting import reliability_diagram

    temperature = check_slider_value(check_temperature(temperature, allow_zero=False, allow_inf=False),
                                     "temperature", 10.0 ** CALIBRATION_EXPONENTS[0],
                                     10.0 ** CALIBRATION_EXPONENTS[1])
    n_bins = check_positive_int(n_bins, "n_bins")
    slider = widgets.FloatLogSlider(
        value=temperature, base=10, min=CALIBRATION_EXPONENTS[0], max=CALIBRATION_EXPONENTS[1], step=0.01,
        description="temperature", readout_format=".3g", continuous_update=False,
        layout=widgets.Layout(width="480px"), style=FULL_LABEL,
    )
    summary = widgets.HTML()
    plot = widgets.Output()

    def redraw(_change: object = None) -> None:
        T = float(slider.value)
        summary.value = f"<code class='tempnb-summary'>{calibration_summary(logits, labels, T, n_bins)}</code>"
        with plot:
            plot.clear_output(wait=True)
            fig, ax = plt.subplots(figsize=(5, 4))
            curve = reliability_curve(softmax(logits, T, axis=-1), labels, n_bins=n_bins)
            reliability_diagram(ax, curve, title=f"Reliability at T = {T:.3g}")
            show_figure(fig, f"Reliability diagram at T = {T:.3g}: bars below the dashed diagonal mean "
                             f"overconfidence, bars above it underconfidence.")

    slider.observe(redraw, names="value")
    redraw()  # the first draw also validates `logits` and `labels`: its errors name them
    box = widgets.VBox([slider, summary, plot])
    box.slider, box.summary = slider, summary
    return box
