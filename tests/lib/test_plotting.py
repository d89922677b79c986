"""The lessons' charts: Chinese labels render (font: test_cjk.py) and other tables are refused."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import customer_value as cv  # noqa: E402
from customer_value import plotting  # noqa: E402


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield
    plt.close("all")


def _glyph_warnings(record):
    return [str(w.message) for w in record if "Glyph" in str(w.message) or "missing from font" in str(w.message)]


def test_chinese_labels_render_without_missing_glyphs(tmp_path):
    cv.use_cjk_font()
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        ax = plotting.plot_word_of_mouth(cv.word_of_mouth(26000))
        ax.figure.savefig(tmp_path / "wom.png")
        ax = plotting.plot_value_stream([100, -20, 120], 0.1)
        ax.figure.savefig(tmp_path / "stream.png")
        table = cv.margin_multiple([0.6, 0.7, 0.8, 0.9], [0.10, 0.12])
        import pandas as pd

        frame = pd.DataFrame(table, index=[0.6, 0.7, 0.8, 0.9], columns=[0.10, 0.12])
        ax = plotting.plot_margin_multiple(frame)
        ax.figure.savefig(tmp_path / "mm.png")
        spend = pd.Series([500.0, 120, 80, 40, 30, 20, 10, 5, 5, 1])
        plotting.plot_pareto(spend).figure.savefig(tmp_path / "pareto.png")
        plotting.plot_lorenz(spend).figure.savefig(tmp_path / "lorenz.png")
        scores = pd.DataFrame({"R": [1, 2, 5, 5], "F": [1, 1, 5, 4], "total_spend": [10.0, 20, 300, 200]})
        plotting.plot_rfm_heatmap(scores).figure.savefig(tmp_path / "heat.png")
    assert _glyph_warnings(record) == []
    assert (tmp_path / "wom.png").stat().st_size > 1000


def test_plot_word_of_mouth_rejects_other_tables():
    import pandas as pd

    with pytest.raises(ValueError, match="word_of_mouth"):
        plotting.plot_word_of_mouth(pd.DataFrame({"a": [1]}))


def test_heatmap_rejects_frames_without_scores():
    import pandas as pd

    with pytest.raises(ValueError, match="'R'"):
        plotting.plot_rfm_heatmap(pd.DataFrame({"F": [1], "total_spend": [1.0]}))


def test_value_charts_render_chinese_labels(tmp_path):
    import numpy as np

    cv.use_cjk_font()
    rng = np.random.default_rng(7)
    current = rng.gamma(2, 100, 200)
    future = current * rng.uniform(0.2, 2, 200)
    profits = rng.normal(50, 60, 200)
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        plotting.plot_value_radar(cv.widgets.DEFAULT_OFFERS).figure.savefig(tmp_path / "radar.png")
        table = cv.dwyer_table(20000, [0.4, 0.45, 0.5], 150, 75, 0.2, 3, acquisition_cost=60)
        plotting.plot_dwyer(table).figure.savefig(tmp_path / "dwyer.png")
        ax = plotting.plot_value_matrix(current, future)
        ax.figure.savefig(tmp_path / "matrix.png")
        plotting.plot_pyramid(cv.customer_pyramid(profits), profits).figure.savefig(tmp_path / "pyramid.png")
    assert _glyph_warnings(record) == []
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    counts = cv.value_matrix(current, future).value_counts()
    assert legend == [f"{name} ({counts[name]})" for name in "ABCDEF" if name in counts]
    for name in ("radar", "dwyer", "matrix", "pyramid"):
        assert (tmp_path / f"{name}.png").stat().st_size > 1000


def test_value_charts_reject_other_tables():
    import pandas as pd

    with pytest.raises(ValueError, match="dwyer_table"):
        plotting.plot_dwyer(pd.DataFrame({"a": [1]}))
    with pytest.raises(ValueError, match="customer_pyramid"):
        plotting.plot_pyramid(pd.Series(["gold", "silver"]))
    with pytest.raises(ValueError, match="at least 3 component columns"):
        plotting.plot_value_radar(pd.DataFrame({"product": [1], "monetary": [1]}))
