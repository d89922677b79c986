"""The public names of DESIGN.md are reachable, lazily, as cv.<name> and through their modules."""

import subprocess
import sys

import pandas as pd
import pytest

import customer_value as cv

NAMES = {
    "clv": ["simple_clv", "discounted_clv", "margin_multiple", "retention_clv", "word_of_mouth"],
    "cohort": ["dwyer_table", "acquisition_vs_retention"],
    "evaluation": ["delivered_value", "value_cost_ratio", "compare_offers", "profit_contribution", "weighted_score", "ahp_weights"],
    "transactions": ["summarize"],
    "rfm": ["rfm_scores", "rfm_segments"],
    "tiers": ["pareto_table", "gini", "lorenz_curve", "top_share", "abc_classes", "customer_pyramid", "value_matrix", "value_quadrants"],
    "plotting": ["use_cjk_font"],
    "btyd": ["BetaGeoModel", "ParetoNBDModel", "GammaGammaModel", "customer_lifetime_value"],
    "datasets": ["load_cdnow", "load_cdnow_summary", "load_company_customers", "load_company_transactions", "load_company_survey"],
    "survey": ["nps", "csat"],
    "communication": ["choose_channel"],
}


@pytest.mark.parametrize("module, name", [(m, n) for m, names in NAMES.items() for n in names])
def test_name_is_reachable_both_ways(module, name):
    assert getattr(cv, name) is getattr(getattr(cv, module), name)


def test_import_is_light():
    code = "import sys, customer_value; print(any(m in sys.modules for m in ('matplotlib', 'scipy', 'ipywidgets')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_unknown_attribute():
    with pytest.raises(AttributeError):
        cv.no_such_thing  # noqa: B018


def test_glossary_is_bilingual():
    table = cv.glossary.glossary()
    assert list(table.columns) == ["english", "chinese", "definition"]
    assert table["english"].is_unique
    assert "客户终身价值" in set(table["chinese"])
    assert cv.glossary.term("Retention rate") == "retention rate (客户保持率)"
    with pytest.raises(ValueError, match="not in the glossary"):
        cv.glossary.term("banana")


def test_calculator_table_kfc_defaults():
    table = cv.widgets.clv_calculator_table(50, 52, 10, 0.0, 5, 10, 0.2)
    values = table["value"].droplevel(1)
    assert isinstance(table, pd.DataFrame)
    assert values["narrow CLV"] == 26000
    assert values["broad CLV (discounted)"] == 26000  # no discounting at d = 0
    assert values["satisfied: total impact"] == 52000
    assert values["dissatisfied: total impact"] == -78000
    # Against the same baseline (no customer): +52,000 if satisfied, 0 - 52,000 if the unhappy
    # customer leaves: 104,000 apart (subtracting the two totals would count own value twice).
    assert values["satisfied vs dissatisfied outcome"] == 104000
    stays = cv.widgets.clv_calculator_table(50, 52, 10, 0.0, 5, 10, 0.2, dissatisfied_customer_leaves=False)
    assert stays["value"].droplevel(1)["satisfied vs dissatisfied outcome"] == 52000 - (26000 - 52000)


def test_calculator_widget_builds():
    import ipywidgets

    widget = cv.clv_calculator()
    assert isinstance(widget, ipywidgets.HBox)
    sliders = widget.children[0].children
    assert len(sliders) == 8


def test_retention_profit_table():
    table = cv.widgets.retention_profit_table(100, 0.0, 200, 0.8, 0.05, 0.1)
    values = table["value"].droplevel(1)
    assert values["gain"] == pytest.approx(0.2, abs=1e-3)  # (1 + d - r) / (1 + d - r') - 1 = 0.3 / 0.25 - 1


def test_retention_simulator_builds():
    import ipywidgets

    widget = cv.widgets.retention_simulator()
    assert isinstance(widget, ipywidgets.HBox) and len(widget.children[0].children) == 6


def test_offer_comparison_widget_builds():
    pytest.importorskip("ipywidgets")
    import matplotlib

    matplotlib.use("Agg")
    widget = cv.widgets.offer_comparison()
    sliders = [child for box in widget.children[0].children for child in box.children if hasattr(child, "value") and isinstance(child.value, int)]
    assert len(sliders) == 2 * len(cv.widgets.DEFAULT_OFFERS.columns)
    with pytest.raises(ValueError, match="two rows"):
        cv.widgets.offer_comparison(cv.widgets.DEFAULT_OFFERS.iloc[:1])


def test_glossary_page_is_generated_from_the_library(root):
    page = (root / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert page == cv.glossary.to_markdown(), "regenerate: python -m customer_value.glossary > docs/glossary.md"
    assert page.count("\n| ") == len(cv.glossary.TERMS) + 1  # header + one row per term
