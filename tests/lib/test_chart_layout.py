"""Chart layout: value labels stay inside the plot, clear of its frame (the browser tests check widgets)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import customer_value as cv  # noqa: E402

CLEARANCE_PX = 2  # at 100 dpi: a label closer than this to the frame looks as if it sits on it


@pytest.fixture(autouse=True)
def _close_figures():
    with matplotlib.rc_context({"figure.dpi": 100}):
        yield
    plt.close("all")


@pytest.mark.parametrize("told_if_satisfied, told_if_dissatisfied", [(5, 10), (30, 0), (0, 30)])
def test_word_of_mouth_value_labels_are_inside_the_frame(told_if_satisfied, told_if_dissatisfied):
    table = cv.word_of_mouth(26000, told_if_satisfied=told_if_satisfied, told_if_dissatisfied=told_if_dissatisfied)
    ax = cv.plotting.plot_word_of_mouth(table)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    frame = ax.get_window_extent(renderer)
    labels = [text for text in ax.texts if text.get_text()]
    assert len(labels) == len(table), "one value label per scenario"
    for label in labels:
        box = label.get_window_extent(renderer)
        assert box.y0 >= frame.y0 + CLEARANCE_PX and box.y1 <= frame.y1 - CLEARANCE_PX, (
            f"value label {label.get_text()!r} touches or crosses the frame: label {box.y0:.0f}–{box.y1:.0f} px, "
            f"frame {frame.y0:.0f}–{frame.y1:.0f} px"
        )
