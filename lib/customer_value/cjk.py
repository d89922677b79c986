"""Chinese chart labels: the course ships its own CJK font, so nothing has to be installed by hand.

The font is Course Sans SC (``fonts/CourseSansSC-Regular.otf``), a GB 2312 subset of Noto Sans CJK
SC 1.004 under the SIL Open Font License 1.1 (``fonts/OFL.txt``; rebuilt by tools/make_cjk_font.py).
It covers every character the course uses; CJK fonts installed on the machine follow it in
matplotlib's fallback list for rarer characters a student may type.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .i18n import gettext as _

__all__ = ["BUNDLED_FAMILY", "BUNDLED_FONT", "CJK_FAMILIES", "CJKFontMissingWarning", "find_cjk_font", "use_cjk_font"]

#: the font shipped in the package, and its family name
BUNDLED_FONT = Path(__file__).with_name("fonts") / "CourseSansSC-Regular.otf"
BUNDLED_FAMILY = "Course Sans SC"

#: CJK families used, when installed, as fallbacks after the shipped one (Linux, macOS, Windows).
CJK_FAMILIES: tuple[str, ...] = (
    BUNDLED_FAMILY,
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Microsoft YaHei",
    "SimHei",
    "Arial Unicode MS",
)

#: the warning when no CJK font can be used (English; shown translated, see :func:`_missing_hint`)
MISSING_HINT = (
    "The course's Chinese font {path} is missing or unreadable, so Chinese chart labels would show "
    "as boxes. Reinstall the course: pip install --force-reinstall -e ."
)


def _missing_hint() -> str:
    """:data:`MISSING_HINT` in the library's language (its msgid is the same text)."""
    return _(
        "The course's Chinese font {path} is missing or unreadable, so Chinese chart labels would show "
        "as boxes. Reinstall the course: pip install --force-reinstall -e ."
    )


class CJKFontMissingWarning(UserWarning):
    """No font that can draw Chinese characters is available to matplotlib."""


def _register_bundled_font() -> bool:
    """Add the shipped font to matplotlib's font list once; False if the file cannot be read."""
    from matplotlib import font_manager

    if any(entry.name == BUNDLED_FAMILY for entry in font_manager.fontManager.ttflist):
        return True
    try:
        font_manager.fontManager.addfont(str(BUNDLED_FONT))
    except (OSError, RuntimeError, ValueError):
        return False
    return True


def find_cjk_font() -> str | None:
    """The first family of :data:`CJK_FAMILIES` that matplotlib can use (the shipped one), or None."""
    from matplotlib import font_manager

    _register_bundled_font()
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FAMILIES if family in installed), None)


def use_cjk_font() -> str | None:
    """Make matplotlib draw Chinese labels; return the font family used (None if there is none).

    Puts Course Sans SC first in ``font.sans-serif``, then the installed CJK families (fallbacks for
    characters outside GB 2312), then the previous list, and turns off ``axes.unicode_minus`` (CJK
    fonts draw the hyphen-minus better than U+2212). Warns (:class:`CJKFontMissingWarning`) if no
    CJK font at all can be used; charts still draw.
    """
    import matplotlib
    from matplotlib import font_manager

    family = find_cjk_font()
    if family is None:
        warnings.warn(_missing_hint().format(path=BUNDLED_FONT), CJKFontMissingWarning, stacklevel=2)
        return None
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    fallbacks = [name for name in CJK_FAMILIES if name in installed]
    current = [name for name in matplotlib.rcParams["font.sans-serif"] if name not in fallbacks]
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [*fallbacks, *current]
    matplotlib.rcParams["axes.unicode_minus"] = False
    return family
