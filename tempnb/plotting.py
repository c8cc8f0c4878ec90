"""One consistent, colour-blind-safe figure style for the whole course.

Every figure in the notebooks goes through these helpers, so a change of style
happens in one place.
"""

from __future__ import annotations

import base64
import colorsys
import html
import io
import sys
import warnings
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib.backends.backend_agg import FigureCanvasAgg
from numpy.typing import ArrayLike

from tempnb._validate import as_real_array, check_positive_int, check_probabilities, describe

PALETTE = "colorblind"
BACKGROUND = (1.0, 1.0, 1.0)  # figures are drawn on white
GRAPHICS_CONTRAST = 3.0  # WCAG 2.1 SC 1.4.11: lines, bars and markers against the background
ALT_MAX_CHARS = 150  # a text alternative says what the figure shows and what to notice, briefly
FIGURE_CLASS = "tempnb-figure"  # the class of the <img> that show_figure displays


def _relative_luminance(rgb: Sequence[float]) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour with channels in [0, 1]."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: Sequence[float], b: Sequence[float]) -> float:
    high, low = sorted((_relative_luminance(a), _relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _with_contrast(rgb: Sequence[float], ratio: float = GRAPHICS_CONTRAST) -> tuple[float, float, float]:
    """`rgb` with its hue and saturation kept, darkened only as far as needed to reach `ratio` against white."""
    hue, lightness, saturation = colorsys.rgb_to_hls(*rgb)
    color = tuple(float(c) for c in rgb)
    while _contrast(color, BACKGROUND) < ratio:
        lightness -= 0.005
        color = colorsys.hls_to_rgb(hue, lightness, saturation)
    return tuple(round(c, 4) for c in color)


# seaborn's colour-blind palette, with each colour that is too light on white (its orange,
# brown, pink, grey, yellow and light blue) darkened to WCAG's 3:1 for graphical objects.
COURSE_COLORS = [_with_contrast(c) for c in sns.color_palette(PALETTE)]


def use_course_style() -> None:
    """Apply the course style: seaborn's colour-blind palette at 3:1 contrast, readable sizes on a laptop."""
    sns.set_theme(context="notebook", style="whitegrid", palette=COURSE_COLORS)
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


def show_figure(fig: plt.Figure, alt: str) -> None:
    """Show `fig` with its text alternative `alt` (what it shows and what to notice), then close it.

    Every figure in the course goes through this function instead of ``plt.show()``. In
    Jupyter the figure is displayed as an HTML ``<img>`` whose ``alt`` is `alt`: JupyterLab
    (4.6) draws a plain ``image/png`` output without any alt text, so a screen reader would
    meet an unnamed image; the HTML image carries its name in the notebook, in JupyterLab
    and on the course website alike. The plain-text form of the output gives the size and the alt text.
    Outside Jupyter the figure is shown by matplotlib as usual.
    """
    if not isinstance(fig, plt.Figure):
        raise TypeError(f"`fig` must be a matplotlib Figure; got {describe(fig)}")
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError(f"`alt` must be a non-empty text alternative for the figure; got {alt!r}")
    alt = " ".join(alt.split())
    if len(alt) > ALT_MAX_CHARS:
        raise ValueError(f"`alt` must be at most {ALT_MAX_CHARS} characters (put the rest in the prose); "
                         f"got {len(alt)}: {alt!r}")
    ipython = sys.modules.get("IPython")
    if ipython is None or ipython.get_ipython() is None:
        plt.show()
        return
    buffer = io.BytesIO()
    _save_png(fig, buffer)
    clipped = _clipped_texts(fig)
    plt.close(fig)
    if clipped:
        warnings.warn(f"text runs off the edge of the figure, so the image cuts it: {clipped[0]!r}"
                      f"{f' and {len(clipped) - 1} more' if len(clipped) > 1 else ''}; shorten it, break it "
                      "into lines, or make the figure larger", UserWarning, stacklevel=2)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    markup = (f'<img class="{FIGURE_CLASS}" alt="{html.escape(alt)}" '
              f'src="data:image/png;base64,{encoded}">')
    width, height = (int(v) for v in fig.get_size_inches() * fig.dpi)  # as the PNG is sized (truncated)
    # What IPython's display(..., raw=True) does, through the running shell: IPython is not one of
    # the course's runtime dependencies, so tempnb never imports it (it is there whenever Jupyter is).
    ipython.get_ipython().display_pub.publish(
        data={"text/html": markup, "text/plain": f"Figure ({width}x{height} pixels): {alt}"}, metadata={})


def _clipped_texts(fig: plt.Figure) -> list[str]:
    """The visible titles, axis labels, legend entries and annotations of `fig` that run off its edges.

    The course's style keeps the inline backend from cropping the image to its contents (so a
    figure's size is the one its code asks for), so a title wider than the figure is cut off
    at both ends instead. Measured with the renderer that drew the figure, a pixel of slack.
    """
    renderer = fig.canvas.get_renderer()
    width, height = fig.bbox.width, fig.bbox.height
    texts = [fig._suptitle, fig._supxlabel, fig._supylabel, *fig.texts]
    texts += [text for legend in fig.legends for text in legend.get_texts()]
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        if ax.get_legend() is not None:
            texts += ax.get_legend().get_texts()
    found = []
    for text in texts:  # tick labels are left out: matplotlib keeps labels for ticks it does not draw
        if text is None or not text.get_visible() or not text.get_text().strip():
            continue
        box = text.get_window_extent(renderer)
        if box.x0 < -1 or box.y0 < -1 or box.x1 > width + 1 or box.y1 > height + 1:
            found.append(" ".join(text.get_text().split()))
    return found


def _save_png(fig: plt.Figure, buffer: io.BytesIO) -> None:
    """Write `fig` as a PNG at its own dpi into `buffer`, drawing it once.

    ``savefig`` draws a figure that has a layout engine twice: once with drawing
    switched off, only to run the layout, then again for the image. An Agg canvas
    (Jupyter's inline backend) runs the layout itself at the start of its one draw,
    so with savefig's default settings the image is the same and takes one draw.
    Any other canvas, or a non-default savefig setting, goes through ``savefig``.
    """
    canvas = fig.canvas
    defaults = (plt.rcParams["savefig.facecolor"] == "auto" and plt.rcParams["savefig.edgecolor"] == "auto"
                and plt.rcParams["savefig.bbox"] in (None, "standard") and not plt.rcParams["savefig.transparent"])
    if isinstance(canvas, FigureCanvasAgg) and canvas.device_pixel_ratio == 1 and defaults:
        canvas.print_png(buffer)
    else:
        fig.savefig(buffer, format="png", dpi=fig.dpi)


def colors(n: int) -> list[tuple[float, float, float]]:
    """The first `n` colours of the course palette."""
    return sns.color_palette(COURSE_COLORS, check_positive_int(n, "n"))


def readable_heatmap_numbers(ax: plt.Axes, values: ArrayLike, cmap: str = "viridis",
                             vmin: float = 0.0, vmax: float = 1.0) -> float:
    """Draw each number of an annotated heatmap in black or white, whichever contrasts more with its cell.

    For ``sns.heatmap(values, ax=ax, cmap=cmap, vmin=vmin, vmax=vmax, annot=True)``: one fixed text colour
    cannot suit both the dark and the light end of a colour map, so each number gets the colour with the
    higher WCAG 2.1 contrast ratio against its own cell. Returns the lowest ratio reached (WCAG AA asks
    4.5 : 1 of text). Each of seaborn's numbers sits at its cell's centre, (column + 0.5, row + 0.5).
    """
    values = as_real_array(values, "values")
    if values.ndim != 2:
        raise ValueError(f"`values` must be the 2-D array the heatmap draws; got shape {values.shape}")
    if not ax.texts:
        raise ValueError("`ax` holds no numbers: draw the heatmap with annot=True first")
    colormap, span = plt.get_cmap(cmap), float(vmax) - float(vmin)
    lowest = np.inf
    for text in ax.texts:
        column, row = (int(position) for position in text.get_position())
        background = colormap(float(np.clip((values[row, column] - vmin) / span, 0.0, 1.0)))[:3]
        color = max(((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)), key=lambda candidate: _contrast(candidate, background))
        text.set_color(color)
        lowest = min(lowest, _contrast(color, background))
    return float(lowest)


def _probability_label(value: float) -> str:
    """Three significant digits, but never "1" or "0" for a probability that is not exactly that."""
    label = f"{value:.3g}"
    if label in ("1", "0") and value not in (0.0, 1.0):
        label = f"{value:.6g}"  # 0.999955 rather than a "1" that reads as certainty
    return label


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
        ax.bar_label(bars, labels=[_probability_label(v) for v in values], padding=2, fontsize=9)
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
