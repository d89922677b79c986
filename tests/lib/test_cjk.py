"""The course's own Chinese font: found with nothing installed, used, and complete for the course."""

import json
import unicodedata
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ft2font import FT2Font  # noqa: E402

import customer_value as cv  # noqa: E402
from customer_value import cjk  # noqa: E402

CJK_NAMES = ("CJK", "WenQuanYi", "PingFang", "Hiragino", "Heiti", "YaHei", "SimHei", "Arial Unicode", "Han Sans", "Sans SC")


@pytest.fixture(autouse=True)
def _restore_rc():
    with matplotlib.rc_context():
        yield
    plt.close("all")


@pytest.fixture
def bare_machine(monkeypatch):
    """matplotlib as on a machine with no CJK font installed: only non-CJK system fonts are known."""
    bare = [entry for entry in font_manager.fontManager.ttflist if not any(n in entry.name for n in CJK_NAMES)]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", bare)
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    font_manager.fontManager._findfont_cached.cache_clear()
    yield
    font_manager.fontManager._findfont_cached.cache_clear()


def _glyph_warnings(record):
    return [str(w.message) for w in record if "Glyph" in str(w.message) or "missing from font" in str(w.message)]


def test_the_shipped_font_is_used_on_a_bare_machine(bare_machine, tmp_path):
    assert cv.use_cjk_font() == cjk.BUNDLED_FAMILY
    assert matplotlib.rcParams["font.sans-serif"][0] == cjk.BUNDLED_FAMILY
    assert matplotlib.rcParams["axes.unicode_minus"] is False
    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
    assert Path(found) == cjk.BUNDLED_FONT
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.bar(["满意客户", "不满意客户"], [52000, -78000])
        ax.set_title("口碑的价值 value of word of mouth（元）")
        fig.savefig(tmp_path / "chart.png")
    assert _glyph_warnings(record) == []


def test_the_control_chart_without_the_font_does_warn(bare_machine, tmp_path):
    # Proves the check above can fail: the same labels in DejaVu Sans miss their glyphs.
    with warnings.catch_warnings(record=True) as record, matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("口碑的价值")
        fig.savefig(tmp_path / "control.png")
    assert _glyph_warnings(record)


def test_system_cjk_fonts_follow_as_fallbacks():
    from matplotlib.font_manager import FontEntry

    fake = FontEntry(fname="/nonexistent/wqy.ttc", name="WenQuanYi Micro Hei")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(font_manager.fontManager, "ttflist", [*font_manager.fontManager.ttflist, fake])
        cv.use_cjk_font()
    order = matplotlib.rcParams["font.sans-serif"]
    assert order[0] == cjk.BUNDLED_FAMILY
    assert order.index("WenQuanYi Micro Hei") < order.index("DejaVu Sans")


def test_a_missing_font_file_warns_with_what_to_do(bare_machine, monkeypatch, tmp_path):
    monkeypatch.setattr(cjk, "BUNDLED_FONT", tmp_path / "gone.otf")
    with pytest.warns(cjk.CJKFontMissingWarning, match="Reinstall the course"):
        assert cv.use_cjk_font() is None


def _course_text(root: Path) -> str:
    parts = []
    for folder in ("course", "source", "lib/customer_value"):
        for path in (root / folder).rglob("*"):
            if path.suffix == ".ipynb":
                cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
                parts += ["".join(cell["source"]) for cell in cells]
            elif path.suffix in {".py", ".csv", ".json", ".md", ".po"}:
                parts.append(path.read_text(encoding="utf-8", errors="ignore"))
    return "".join(parts)


def test_the_font_has_every_chinese_character_of_the_course(root):
    charmap = FT2Font(str(cjk.BUNDLED_FONT)).get_charmap()
    wide = {c for c in _course_text(root) if unicodedata.east_asian_width(c) in "WF" and not unicodedata.category(c).startswith("So")}
    missing = sorted(c for c in wide if ord(c) not in charmap)
    assert not missing, f"characters the course uses but {cjk.BUNDLED_FONT.name} lacks: {''.join(missing)} (run tools/make_cjk_font.py)"


def test_the_font_covers_gb2312_and_ships_its_licence():
    charmap = FT2Font(str(cjk.BUNDLED_FONT)).get_charmap()
    gb2312 = set()
    for high in range(0xB0, 0xF8):  # the 6,763 hanzi
        for low in range(0xA1, 0xFF):
            try:
                gb2312.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) == 6763
    assert gb2312 <= set(charmap)
    licence = (cjk.BUNDLED_FONT.parent / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "Noto Sans CJK SC" in licence
