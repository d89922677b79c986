"""Rebuild the course's Chinese font: a GB 2312 subset of Noto Sans CJK SC, renamed.

Maintainers only (needs fontTools: ``pip install fonttools``); students and CI use the committed
file ``lib/customer_value/fonts/CourseSansSC-Regular.otf``. The source font is Noto Sans CJK SC
Regular 1.004 (SIL Open Font License 1.1), e.g. ``mplfonts/fonts/NotoSansCJKsc-Regular.otf`` from the
PyPI wheel ``mplfonts==0.0.11``. The subset keeps every GB 2312 character (6,763 hanzi and 682
symbols), ASCII, Latin-1, general and CJK punctuation, full-width forms, and every character that
appears in the course's notebooks, docs and library. Under the OFL a subset is a Modified Version,
so it takes another family name: "Course Sans SC".

    python tools/make_cjk_font.py path/to/NotoSansCJKsc-Regular.otf
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "lib" / "customer_value" / "fonts" / "CourseSansSC-Regular.otf"
FAMILY = "Course Sans SC"
RANGES = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF),
          (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
COURSE_FILES = ("course", "source", "docs", "lib", "README.md", "DATA.md")


def gb2312() -> set[int]:
    """Every character that GB 2312 encodes (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return found


def course_characters() -> set[int]:
    """Every non-ASCII character in the course's own text files."""
    found = set()
    for name in COURSE_FILES:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.suffix in {".ipynb", ".md", ".py", ".csv", ".json", ".po"}]
        for file in files:
            found.update(ord(c) for c in file.read_text(encoding="utf-8", errors="ignore") if ord(c) > 0x7F)
    return found


def main(source: str) -> None:
    wanted = gb2312() | course_characters() | {c for low, high in RANGES for c in range(low, high + 1)}
    options = subset.Options()
    options.name_IDs = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    names = font["name"]
    for record in names.names:
        if record.nameID in (1, 16):
            record.string = FAMILY
        elif record.nameID == 4:
            record.string = f"{FAMILY} Regular"
        elif record.nameID == 6:
            record.string = "CourseSansSC-Regular"
        elif record.nameID == 3:
            record.string = "1.004;CourseSansSC-Regular;GB2312 subset of NotoSansCJKsc-Regular"
    font["CFF "].cff.fontNames = ["CourseSansSC-Regular"]
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    font.save(TARGET)
    print(f"{TARGET.relative_to(ROOT)}: {len(font.getBestCmap())} characters, {TARGET.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1])
