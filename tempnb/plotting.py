"""One consistent, colour-blind-safe figure style for the whole course.

Every figure in the notebooks goes through these helpers, so a change of style
happens in one place.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from numpy.typing import ArrayLike

from tempnb._validate import as_real_array, check_positive_int, check_probabilities, describe

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
    _show_inline_figures_uncropped()


def _show_inline_figures_uncropped() -> None:
    """In Jupyter, show each figure as constrained layout drew it, without a second cropping pass.

    Jupyter's inline backend saves figures with ``bbox_inches="tight"``, which draws
    every figure twice: once to measure its contents, once to save them. Constrained
    layout already fits the contents inside the figure, so the course turns the crop
    off and each figure is drawn once. Outside Jupyter nothing changes.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return
    uncropped = {"bbox_inches": None}
    # The inline backend (matplotlib-inline, which comes with IPython) reads its settings from
    # the shell's configuration when it starts, at the first figure: the same setting as a
    # line of ipython_kernel_config.py, without importing the backend here ...
    section = shell.config.InlineBackend
    section.print_figure_kwargs = {**section.get("print_figure_kwargs", {}), **uncropped}
    # ... and once it has started, its settings object is one of the shell's configurables.
    for configurable in shell.configurables:
        if type(configurable).__name__ == "InlineBackend":
            configurable.print_figure_kwargs = {**configurable.print_figure_kwargs, **uncropped}


def colors(n: int) -> list[tuple[float, float, float]]:
    """The first `n` colours of the course palette."""
    return sns.color_palette(PALETTE, check_positive_int(n, "n"))


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
    """Draw a probability vector as labelled bars, optionally with each value printed on top.

    `probs` must be a valid distribution (as :func:`tempnb.validate_probs` checks): a vector
    that is not one raises a ValueError saying what is wrong instead of being drawn.
    """
    values = as_real_array(probs, "probs")
    if values.ndim != 1:
        raise ValueError(f"`probs` must be one vector of probabilities; got shape {values.shape}")
    values = check_probabilities(values, -1, "probs")[0]
    names = list(labels) if labels is not None else [str(i) for i in range(values.size)]
    if len(names) != values.size:
        raise ValueError(f"`labels` must have one entry per probability ({values.size}); got {len(names)}")
    bars = ax.bar(names, values, color=color if color is not None else colors(1)[0])
    if annotate:
        ax.bar_label(bars, labels=[f"{v:.3g}" for v in values], padding=2, fontsize=9)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.set_ylabel("probability")
    if title:
        ax.set_title(title)
    return ax


def plot_against_temperature(
    ax: plt.Axes,
    temperatures: ArrayLike,
    series: dict[str, ArrayLike],
    *,
    ylabel: str,
    title: str,
    reference: float | None = None,
    reference_label: str | None = None,
    log_x: bool = True,
) -> plt.Axes:
    """Draw one line per entry of `series` (label -> values) against temperature, in the course colours.

    An optional horizontal `reference` line (dotted, black) marks a value to compare with,
    such as the score of real data.
    """
    temperatures = as_real_array(temperatures, "temperatures")
    if temperatures.ndim != 1 or not np.all(temperatures > 0) or not np.all(np.isfinite(temperatures)):
        raise ValueError(f"`temperatures` must be one vector of finite temperatures > 0; got {describe(temperatures)}")
    if not series:
        raise ValueError("`series` must map at least one label to its values; got an empty mapping")
    markers = "osD^v<>"
    for (label, values), color, marker in zip(series.items(), colors(len(series)), markers):
        values = as_real_array(values, f"series[{label!r}]")
        if values.shape != temperatures.shape:
            raise ValueError(f"`series[{label!r}]` must have one value per temperature, shape "
                             f"{temperatures.shape}; got shape {values.shape}")
        ax.plot(temperatures, values, color=color, marker=marker, label=label)
    if reference is not None:
        ax.axhline(reference, color="black", linestyle=":", label=reference_label)
    if log_x:
        ax.set_xscale("log")
        # Plain labels at round temperatures read better than powers of ten with crowded minor labels.
        low, high = temperatures.min(), temperatures.max()
        ticks = [t for t in (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100) if low <= t <= high]
        ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
        ax.minorticks_off()  # no minor labels; the course style draws no minor ticks
    ax.set_xlabel("temperature T" + (" (log scale)" if log_x else ""))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    return ax


def reliability_diagram(
    ax: plt.Axes,
    curve: object,
    *,
    title: str | None = None,
    color: object | None = None,
    annotate_counts: bool = True,
    legend: bool = True,
) -> plt.Axes:
    """Draw a reliability diagram from a :class:`tempnb.calibration.ReliabilityCurve`.

    Each non-empty bin is a bar as wide as the bin and as tall as its accuracy; a
    hatched bar continues from the accuracy to the bin's mean confidence, so the
    hatched area is the gap that ECE averages. A calibrated model's bars reach the
    dashed diagonal. With `annotate_counts`, each bar is labelled with how many
    examples it holds (a bar of 3 examples deserves less trust than one of 300).
    """
    fields = {}
    for name in ("confidence", "accuracy", "count", "lower", "upper"):
        if not hasattr(curve, name):
            raise TypeError(f"`curve` must be a ReliabilityCurve (with .{name}); got {describe(curve)}")
        fields[name] = as_real_array(getattr(curve, name), f"curve.{name}")
    sizes = {values.shape for values in fields.values()}
    if len(sizes) != 1 or fields["confidence"].ndim != 1:
        raise ValueError(f"`curve` fields must be vectors of one length; got shapes {sorted(sizes)}")
    confidence, accuracy, count = fields["confidence"], fields["accuracy"], fields["count"]
    lower, width = fields["lower"], fields["upper"] - fields["lower"]
    main, gap_color = (color if color is not None else colors(1)[0]), colors(4)[3]
    ax.bar(lower, accuracy, width=width, align="edge", color=main, edgecolor="white", linewidth=0.5,
           label="accuracy in the bin")
    ax.bar(lower, confidence - accuracy, bottom=accuracy, width=width, align="edge", fill=False,
           hatch="///", edgecolor=gap_color, linewidth=0.5, label="gap to mean confidence")
    ax.plot([0, 1], [0, 1], color="black", linestyle="--", linewidth=1, label="perfect calibration")
    if annotate_counts:
        for x, top, n in zip(lower + width / 2, np.maximum(accuracy, confidence), count):
            ax.annotate(f"{int(n)}", (x, top), xytext=(0, 2), textcoords="offset points",
                        ha="center", va="bottom", fontsize=7)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.08)
    ax.set_xlabel("confidence (top probability)")
    ax.set_ylabel("accuracy")
    if title:
        ax.set_title(title)
    if legend:
        ax.legend(loc="best", fontsize=8)
    return ax
