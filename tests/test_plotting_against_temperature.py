"""tempnb.plotting.plot_against_temperature: one line per series, an optional reference, labelled axes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from tempnb.plotting import colors, plot_against_temperature  # noqa: E402


def test_lines_reference_and_labels():
    fig, ax = plt.subplots()
    temperatures = [0.5, 1.0, 2.0]
    series = {"a": [1, 2, 3], "b": [3, 2, 1]}
    plot_against_temperature(ax, temperatures, series, ylabel="y", title="t", reference=1.5, reference_label="ref")
    lines = ax.get_lines()
    assert [line.get_label() for line in lines] == ["a", "b", "ref"]
    np.testing.assert_array_equal(lines[1].get_xdata(), temperatures)
    np.testing.assert_array_equal(lines[1].get_ydata(), [3, 2, 1])
    assert lines[0].get_color() == colors(2)[0] and lines[1].get_color() == colors(2)[1]
    np.testing.assert_array_equal(lines[2].get_ydata(), [1.5, 1.5])  # a horizontal line at the reference
    assert ax.get_xscale() == "log" and "log scale" in ax.get_xlabel()
    # Round temperatures inside the plotted range get plain labels.
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["0.5", "1", "2"]
    assert ax.get_ylabel() == "y" and ax.get_title() == "t"
    plt.close(fig)


def test_linear_axis_and_no_reference():
    fig, ax = plt.subplots()
    plot_against_temperature(ax, [1, 2], {"only": [0.1, 0.2]}, ylabel="y", title="t", log_x=False)
    assert len(ax.get_lines()) == 1 and ax.get_xscale() == "linear" and ax.get_xlabel() == "temperature T"
    plt.close(fig)
