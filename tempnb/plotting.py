"""One consistent, colour-blind-safe figure style for the whole course.

Every figure in the notebooks goes through these helpers, so a change of style
happens in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from numpy.typing import ArrayLike

PALETTE = "colorblind"


def use_course_style() -> None:
    """Apply the course style: seaborn's colour-blind palette, readable sizes on a laptop."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE)
    plt.rcParams.update(
        {
            "figure.figsize": (7.0, 3.8),
            "figure.dpi": 96,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "axes.labelsize": 11,
            "legend.frameon": False,
            "figure.autolayout": False,
            "figure.constrained_layout.use": True,
        }
    )


def colors(n: int) -> list[tuple[float, float, float]]:
    """The first `n` colours of the course palette."""
    return sns.color_palette(PALETTE, n)


def bar_probabilities(
    ax: plt.Axes,
    probs: ArrayLike,
    labels: Sequence[str] | None = None,
    *,
    title: str | None = None,
    color: object | None = None,
    annotate: bool = True,
    ylim: tuple[float, float] | None = (0.0, 1.0),
) -> plt.Axes:
    """Draw a probability vector as labelled bars, optionally with each value printed on top."""
    values = np.asarray(probs, dtype=float)
    names = list(labels) if labels is not None else [str(i) for i in range(values.size)]
    bars = ax.bar(names, values, color=color if color is not None else colors(1)[0])
    if annotate:
        ax.bar_label(bars, labels=[f"{v:.3g}" for v in values], padding=2, fontsize=9)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_ylabel("probability")
    if title:
        ax.set_title(title)
    return ax
