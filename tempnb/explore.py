"""Interactive explorers for the notebooks (ipywidgets).

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

from tempnb.core import entropy, softmax
from tempnb.plotting import bar_probabilities, colors

DEFAULT_EXAMPLES: dict[str, list[float]] = {
    "[10, 20, 30]": [10.0, 20.0, 30.0],
    "log [0.25, 0.75]": [-1.3862943611198906, -0.2876820724517809],
    "five close logits [2, 1.5, 1, 0.5, 0]": [2.0, 1.5, 1.0, 0.5, 0.0],
    "a tie at the top [3, 3, 1, 0]": [3.0, 3.0, 1.0, 0.0],
}


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
    examples = dict(examples or DEFAULT_EXAMPLES)
    choice = widgets.Dropdown(options=list(examples), description="logits")
    slider = widgets.FloatLogSlider(
        value=temperature, base=10, min=min_exponent, max=max_exponent, step=0.01,
        description="temperature", readout_format=".3g", continuous_update=True,
        layout=widgets.Layout(width="480px"),
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
            plt.show()

    choice.observe(redraw, names="value")
    slider.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([choice, slider]), summary, plot])
    box.slider, box.choice, box.summary = slider, choice, summary
    return box
