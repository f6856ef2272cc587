"""Charts: one drawing, in SVG, for a page, a slide or print; PNG is that drawing rasterised.

build: results -> ChartSpec (what a chart says, in one language). draw: ChartSpec -> SVG. raster: SVG -> PNG.
"""

from __future__ import annotations

from .build import specs_for
from .draw import stack_svg, to_svg
from .spec import ChartSpec, Point

__all__ = ["ChartSpec", "Point", "specs_for", "stack_svg", "to_png", "to_svg"]


def to_png(specs: list[ChartSpec], *, zoom: float = 2.0) -> tuple[bytes, list[str]]:
    """The charts as one PNG, the SVG of stack_svg drawn at `zoom` (2x: 1200 px wide), and warnings (Chinese with
    no CJK font installed)."""
    from .raster import has_cjk_font, rasterise

    warnings = []
    if any(spec.lang == "zh" for spec in specs) and not has_cjk_font():
        warnings.append("no CJK font is installed: Chinese text in the PNG may show as boxes (install Noto CJK)")
    return rasterise(stack_svg(specs), zoom=zoom), warnings
