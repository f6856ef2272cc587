"""PNG charts: the SVG chart rasterised by resvg (resvg-py, a self-contained wheel: no Cairo, no system library),
with the system's fonts (a CJK face for Chinese). The PNG is the SVG drawn at twice its size, so it keeps its
proportions; its pixels are capped, so a chart of any size costs bounded memory and time."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

ZOOM = 2.0
MAX_PIXELS = 40_000_000  # 1200 x 33,000: a long stack of panels at 2x; past it the zoom is lowered
_CJK_FILES = re.compile(
    r"(?i)cjk|sourcehan|source-han|wqy|wenquanyi|msyh|yahei|pingfang|simhei|simsun|droidsansfallback"
)
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts", "/Library/Fonts",
              "/System/Library/Fonts", "C:/Windows/Fonts")  # fmt: skip


def has_cjk_font() -> bool:
    """Whether a font with Chinese glyphs is installed where resvg looks for system fonts."""
    for folder in _FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for _, _, names in os.walk(root):
            if any(_CJK_FILES.search(n) for n in names):
                return True
    return False


def size_of(svg: str) -> tuple[int, int]:
    """The width and height an SVG chart declares."""
    match = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg)
    if match is None:
        raise ValueError("the chart has no viewBox")
    return round(float(match.group(1))), round(float(match.group(2)))


def zoom_for(width: int, height: int, zoom: float = ZOOM) -> float:
    """The zoom to draw at: `zoom`, lowered where the image would pass MAX_PIXELS."""
    return min(zoom, math.sqrt(MAX_PIXELS / max(width * height, 1)))


def rasterise(svg: str, *, zoom: float = ZOOM) -> bytes:
    """The SVG as PNG bytes at `zoom` times its size (at most MAX_PIXELS), on white."""
    import resvg_py

    width, height = size_of(svg)
    scale = zoom_for(width, height, zoom)
    data: bytes = bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg, width=max(1, round(width * scale)), height=max(1, round(height * scale)), background="#fff"
        )
    )
    return data
