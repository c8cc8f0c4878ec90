"""tempnb.plotting.use_course_style: in Jupyter, figures are saved as drawn, without a second, cropping draw."""

import base64
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from matplotlib_inline import backend_inline  # noqa: E402
from matplotlib_inline.config import InlineBackend  # noqa: E402

from tempnb.plotting import bar_probabilities, show_figure, use_course_style  # noqa: E402


class Shell(InteractiveShell):
    """An IPython shell like a kernel's, without an event loop to integrate with."""

    def enable_gui(self, gui=None):
        pass


@pytest.fixture
def shell():
    """A fresh IPython shell, and matplotlib's own state restored afterwards."""
    saved = dict(matplotlib.rcParams)
    InlineBackend.clear_instance()
    backend_inline.configure_inline_support.current_backend = "unset"  # set up each shell afresh
    yield Shell.instance()
    Shell.clear_instance()
    InlineBackend.clear_instance()
    plt.switch_backend("Agg")
    matplotlib.rcParams.update(saved)


def test_outside_ipython_no_shell_is_created():
    InteractiveShell.clear_instance()  # no shell: as in a script
    use_course_style()
    assert not InteractiveShell.initialized()  # looked for, not started (InteractiveShell.instance() would)
    assert matplotlib.rcParams["figure.constrained_layout.use"]  # and the style itself is applied


@pytest.mark.parametrize("backend_started_first", [False, True])
def test_inline_backend_saves_without_the_tight_crop(shell, backend_started_first):
    # The default crop draws each figure twice; constrained layout already fits the contents.
    with warnings.catch_warnings():
        # matplotlib-inline's settings class reacts to changes with a traitlets 4.0 style handler
        # (_print_figure_kwargs_changed), which traitlets reports as deprecated when it runs.
        warnings.simplefilter("ignore", DeprecationWarning)
        if backend_started_first:
            shell.run_line_magic("matplotlib", "inline")
            assert InlineBackend.instance().print_figure_kwargs["bbox_inches"] == "tight"
        use_course_style()
        if not backend_started_first:
            shell.run_line_magic("matplotlib", "inline")
    assert InlineBackend.instance().print_figure_kwargs["bbox_inches"] is None
    png = shell.display_formatter.formatters["image/png"]
    fig, _ = plt.subplots(figsize=(3, 2), dpi=50)
    header = base64.b64decode(png(fig))[16:24]  # the PNG's width and height, from its IHDR chunk
    assert header == (150).to_bytes(4, "big") + (100).to_bytes(4, "big")  # 3 x 2 inches at 50 dpi
    plt.close(fig)


def test_bar_labels_never_round_a_probability_to_certainty():
    # 0.99995 and 0.00005 would print as "1" and "0" at three significant digits; exact 0 and 1 stay short.
    fig, ax = plt.subplots()
    bar_probabilities(ax, [0.99995, 0.00005, 0.0], ["a", "b", "c"])
    assert [text.get_text() for text in ax.texts] == ["0.99995", "5e-05", "0"]
    fig2, ax2 = plt.subplots()
    bar_probabilities(ax2, [1.0, 0.0], ["a", "b"])
    assert [text.get_text() for text in ax2.texts] == ["1", "0"]
    plt.close(fig)
    plt.close(fig2)


# 05's soft-target title as it once was: at 10 inches wide it ran off both edges of the image.
LONG_TITLE = "Raising T lifts the wrong digits: at T = 4 their ranking shows, at T = 20 the bars flatten towards 0.1"


@pytest.mark.parametrize("title, clipped", [(LONG_TITLE, True), (LONG_TITLE.replace(": ", ":\n"), False)])
def test_a_title_wider_than_its_figure_is_reported(shell, title, clipped):
    use_course_style()
    fig, axes = plt.subplots(4, 2, figsize=(10, 8))
    fig.suptitle(title, fontweight="bold")
    if clipped:
        with pytest.warns(UserWarning, match="runs off the edge of the figure.*Raising T lifts"):
            show_figure(fig, "A test figure.")
    else:
        show_figure(fig, "A test figure.")  # warnings are errors in the test run: none may be raised
