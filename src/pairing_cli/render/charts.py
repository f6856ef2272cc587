"""Charts as vector graphics, for a page or a slide: a title that says what, a subtitle with the qualifiers and the
period, the unit on the axis, the source in the footer (the way Our World in Data draws its charts).

SVG is written here with no library: text stays text (searchable, translatable, read by screen readers through
<title> and <desc>), fonts come from the system (a stack with CJK fallbacks), nothing is fetched. PNG is drawn from
the same chart by matplotlib, imported only when a PNG is asked for (the `charts` extra).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape
from typing import Any

from ..data.models import Source
from ..data.vocabulary import Lang
from ..results import Bar
from .numbers import format_value
from .words import period_words

FONT_STACK = (
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, "
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif"
)
APPROXIMATE = frozenset({"about", "nearly", "more_than", "over", "at_least", "less_than"})


@dataclass
class Point:
    """One bar or one point: its label, value (in the chart's unit) and qualifier; x is a year for a line."""

    label: str
    value: float
    qualifier: str = "exact"
    x: float | None = None
    derived: bool = False


@dataclass
class ChartSpec:
    """What a chart says, in one language: everything but the drawing."""

    title: str
    subtitle: str
    unit: str
    points: list[Point]
    source: str
    lang: Lang = "en"
    kind: str = "bar"  # "bar" or "line"
    full_scale: float | None = None
    notes: list[str] = field(default_factory=list)

    def value_text(self, point: Point) -> str:
        return format_value(point.value, self.unit, derived=point.derived, qualifier=point.qualifier, lang=self.lang)


def _nice_max(value: float) -> float:
    """The top of an axis: 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten, at or above value."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if value <= step * power:
            return step * power
    return 10.0 * power


def _text_width(text: str, size: float) -> float:
    """A rough width of text in pixels: CJK characters are about one em, others about half."""
    return sum(size if ord(c) > 0x2E80 else size * 0.56 for c in text)


def _wrap(text: str, size: float, width: float) -> list[str]:
    """Lines of at most width pixels, broken at spaces (or anywhere, for CJK text)."""
    lines: list[str] = []
    current = ""
    for word in text.replace("\n", " ").split(" ") if " " in text else list(text):
        joiner = " " if current and " " in text else ""
        trial = f"{current}{joiner}{word}"
        if current and _text_width(trial, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def to_svg(spec: ChartSpec, width: int = 680) -> str:
    """The chart as a standalone SVG document."""
    pad = 16
    title_lines = _wrap(spec.title, 19, width - 2 * pad)
    subtitle_lines = _wrap(spec.subtitle, 13, width - 2 * pad)
    y: float = pad + 19
    parts = []
    for line in title_lines:
        parts.append(f'<text x="{pad}" y="{y}" class="title">{escape(line)}</text>')
        y += 24
    for line in subtitle_lines:
        parts.append(f'<text x="{pad}" y="{y}" class="subtitle">{escape(line)}</text>')
        y += 17
    y += 10
    body, y = _line(spec, width, pad, y) if spec.kind == "line" else _bars(spec, width, pad, y)
    parts.extend(body)
    y += 14
    for line in _wrap(spec.source, 11, width - 2 * pad) + [
        n for note in spec.notes for n in _wrap(note, 11, width - 2 * pad)
    ]:
        parts.append(f'<text x="{pad}" y="{y}" class="footer">{escape(line)}</text>')
        y += 15
    height = int(y + pad)
    description = "; ".join(f"{p.label}: {spec.value_text(p)}" for p in spec.points)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="chart-title chart-desc" lang="{spec.lang}">\n'
        f'<title id="chart-title">{escape(spec.title)}</title>\n'
        f'<desc id="chart-desc">{escape(spec.subtitle)}. {escape(description)}. {escape(spec.source)}</desc>\n'
        "<style>\n"
        f"text {{ font-family: {FONT_STACK}; fill: #1d1d1d; }}\n"
        ".title { font-size: 19px; font-weight: 700; }\n"
        ".subtitle { font-size: 13px; fill: #555; }\n"
        ".label { font-size: 13px; }\n"
        ".value { font-size: 13px; font-weight: 600; }\n"
        ".axis { font-size: 11px; fill: #666; }\n"
        ".footer { font-size: 11px; fill: #666; }\n"
        ".bar { fill: #3c6e9f; } .bar.approx { fill: #8fb0cf; }\n"
        ".grid { stroke: #ddd; stroke-width: 1; } .line { stroke: #3c6e9f; stroke-width: 2; fill: none; }\n"
        ".dot { fill: #3c6e9f; stroke: #3c6e9f; stroke-width: 2; } .dot.approx { fill: #fff; }\n"
        "</style>\n"
        f'<rect width="{width}" height="{height}" fill="#fff"/>\n' + "\n".join(parts) + "\n</svg>\n"
    )


def _axis_ticks(top: float, spec: ChartSpec) -> list[tuple[float, str]]:
    """Round ticks from 0 up to top, about five of them, every 1, 2, 2.5 or 5 times a power of ten."""
    rough = top / 5
    power = 10.0 ** math.floor(math.log10(rough)) if rough > 0 else 1.0
    step = next(k * power for k in (1.0, 2.0, 2.5, 5.0, 10.0) if rough <= k * power)
    count = math.floor(top / step + 1e-9)
    return [(step * i, format_value(step * i, spec.unit, lang=spec.lang)) for i in range(count + 1)]


def _bars(spec: ChartSpec, width: int, pad: int, y: float) -> tuple[list[str], float]:
    """Horizontal bars, one a row: label on the left, value at the end of the bar."""
    label_width = min(max((_text_width(p.label, 13) for p in spec.points), default=0) + 12, width * 0.38)
    values = [p.value for p in spec.points]
    top = spec.full_scale or _nice_max(max(values, default=0))
    value_room = max((_text_width(spec.value_text(p), 13) for p in spec.points), default=0) + 10
    left = pad + label_width
    plot = max(width - left - pad - value_room, 60)
    parts = []
    row = 30
    axis_top = y
    for p in spec.points:
        lines = _wrap(p.label, 13, label_width - 12)
        height = max(row, 16 * len(lines) + 8)
        middle = y + height / 2
        for j, line in enumerate(lines):
            line_y = middle - 8 * (len(lines) - 1) + 16 * j + 4
            parts.append(f'<text x="{pad}" y="{line_y:.1f}" class="label">{escape(line)}</text>')
        length = plot * max(p.value, 0) / top if top else 0
        approx = " approx" if p.qualifier in APPROXIMATE or p.derived else ""
        parts.append(
            f'<rect x="{left}" y="{middle - 9:.1f}" width="{max(length, 1):.1f}" height="18" class="bar{approx}">'
            f"<title>{escape(p.label)}: {escape(spec.value_text(p))}</title></rect>"
        )
        parts.append(
            f'<text x="{left + length + 6:.1f}" y="{middle + 4:.1f}" class="value">{escape(spec.value_text(p))}</text>'
        )
        y += height
    parts.insert(0, f'<line x1="{left}" y1="{axis_top}" x2="{left}" y2="{y}" class="grid"/>')
    y += 6
    for value, text in _axis_ticks(top, spec)[:: 2 if plot < 300 else 1]:
        x = left + plot * value / top
        parts.append(f'<text x="{x:.1f}" y="{y + 10}" class="axis" text-anchor="middle">{escape(text)}</text>')
    return parts, y + 16


def _line(spec: ChartSpec, width: int, pad: int, y: float) -> tuple[list[str], float]:
    """Points over the years, joined by a line; a hollow point is a figure given with 'more than', 'about', ..."""
    points = [p for p in spec.points if p.x is not None]
    xs = [p.x for p in points if p.x is not None]
    values = [p.value for p in points]
    top = _nice_max(max(values, default=0))
    ticks = _axis_ticks(top, spec)
    left = pad + max(_text_width(t, 11) for _, t in ticks) + 8
    right = width - pad - 60
    height = 240
    low_x, high_x = (min(xs), max(xs)) if xs else (0.0, 1.0)
    span = (high_x - low_x) or 1.0

    def at(x: float, value: float) -> tuple[float, float]:
        return left + (right - left) * (x - low_x) / span, y + height - height * value / top

    parts = []
    for value, text in ticks:
        _, ty = at(low_x, value)
        parts.append(f'<line x1="{left}" y1="{ty:.1f}" x2="{right}" y2="{ty:.1f}" class="grid"/>')
        parts.append(f'<text x="{left - 6}" y="{ty + 4:.1f}" class="axis" text-anchor="end">{escape(text)}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{at(p.x, p.value)[0]:.1f},{at(p.x, p.value)[1]:.1f}"
                    for i, p in enumerate(points) if p.x is not None)  # fmt: skip
    if len(points) > 1:
        parts.append(f'<path d="{path}" class="line"/>')
    last_x = -1e9
    for year in sorted(set(xs)):
        px, _ = at(year, 0)
        if px - last_x < 32:  # years too close to label each: the points' own titles still say
            continue
        last_x = px
        parts.append(f'<text x="{px:.1f}" y="{y + height + 16}" class="axis" text-anchor="middle">{int(year)}</text>')
    labelled: set[tuple[float, float]] = set()
    boxes: list[tuple[float, float, float]] = []
    for p in points:
        assert p.x is not None
        px, py = at(p.x, p.value)
        approx = " approx" if p.qualifier in APPROXIMATE else ""
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" class="dot{approx}">'
            f"<title>{escape(p.label)}: {escape(spec.value_text(p))}</title></circle>"
        )
        if (p.x, p.value) in labelled:  # one label where two sources give the same value in the same year
            continue
        labelled.add((p.x, p.value))
        text = spec.value_text(p)
        wide = _text_width(text, 13)
        anchor_end = px + 8 + wide > width - pad
        x0 = px - 8 - wide if anchor_end else px + 8
        ly = py - 10
        while any(abs(ly - by) < 15 and x0 < bx1 and x0 + wide > bx0 for bx0, bx1, by in boxes):
            ly -= 15  # lift a label clear of one already drawn
        boxes.append((x0, x0 + wide, ly))
        parts.append(f'<text x="{x0:.1f}" y="{ly:.1f}" class="value">{escape(text)}</text>')
    return parts, y + height + 24


def cjk_font_for_matplotlib() -> str | None:
    """A font matplotlib can draw Chinese with, if one is installed."""
    from matplotlib import font_manager  # type: ignore[import-not-found, unused-ignore]

    wanted = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
              "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimHei")  # fmt: skip
    names = {f.name for f in font_manager.fontManager.ttflist}
    return next((n for n in wanted if n in names), None)


def to_png(specs: list[ChartSpec]) -> tuple[bytes, list[str]]:
    """The charts as one PNG (matplotlib, one panel a chart), and warnings (Chinese with no CJK font installed)."""
    import io

    import matplotlib  # type: ignore[import-not-found, unused-ignore]

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt  # type: ignore[import-not-found, unused-ignore]

    warnings = []
    family = ["DejaVu Sans"]
    if any(spec.lang == "zh" for spec in specs):
        cjk = cjk_font_for_matplotlib()
        if cjk is None:
            warnings.append("no CJK font is installed: Chinese text in the PNG may show as boxes (install Noto CJK)")
        else:
            family = [cjk, "DejaVu Sans"]
    heights = [1.4 + 0.42 * max(len(spec.points), 3) for spec in specs]
    with plt.rc_context({"font.family": family}):
        figure, panels = plt.subplots(len(specs), 1, figsize=(6.8, sum(heights)), dpi=150, squeeze=False,
                                      gridspec_kw={"height_ratios": heights})  # fmt: skip
        for spec, row in zip(specs, panels, strict=True):
            _draw_png(spec, row[0], matplotlib)
        figure.text(0.01, 0.005, specs[0].source, fontsize=6.5, color="#666")
        figure.tight_layout(rect=(0, 0.03, 1, 1))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        plt.close(figure)
    return buffer.getvalue(), warnings


def _draw_png(spec: ChartSpec, axes: object, matplotlib: object) -> None:
    ax: Any = axes
    if spec.kind == "line":
        xs = [p.x for p in spec.points if p.x is not None]
        ys = [p.value for p in spec.points if p.x is not None]
        ax.plot(xs, ys, color="#3c6e9f", marker="o")
        ax.set_xticks(sorted(set(xs)))
        ax.set_xticklabels([str(int(x)) for x in sorted(set(xs))])
    else:
        points = spec.points[::-1]
        colours = ["#8fb0cf" if p.qualifier in APPROXIMATE or p.derived else "#3c6e9f" for p in points]
        ax.barh([p.label for p in points], [p.value for p in points], color=colours)
        for i, p in enumerate(points):
            ax.text(p.value, i, " " + spec.value_text(p), va="center", fontsize=8)
        if spec.full_scale:
            ax.set_xlim(0, spec.full_scale)
    ax.set_title(spec.title + "\n", loc="left", fontsize=11, fontweight="bold")
    ax.text(0, 1.02, spec.subtitle, transform=ax.transAxes, fontsize=7, color="#555", wrap=True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# --- from results to charts ---

_SUBTITLE = {
    "en": "Light bars and hollow points: figures printed with 'more than', 'about' or 'nearly', or computed.",
    "zh": "浅色条与空心点：原文带“超过”“约”“近”等限定词的数字，或推算数字。",
}


def _subtitle(bars: list[Bar], lang: Lang, extra: str = "") -> str:
    periods = dict.fromkeys(period_words(b.period, lang) for b in bars if b.period)
    scopes = [s for s in dict.fromkeys(((b.scope_zh or b.scope) if lang == "zh" else b.scope) or "" for b in bars) if s]
    parts = [" · ".join(scopes) if len(scopes) <= 2 else "", "; ".join(periods)]
    if extra:
        parts.append(extra)
    if any(b.qualifier in APPROXIMATE or b.derived for b in bars):
        parts.append(_SUBTITLE[lang])
    return (" | " if lang == "en" else "｜").join(p for p in parts if p)


def _footer(sources: list[Source], lang: Lang) -> str:
    names = [f"{(s.publisher_zh or s.publisher) if lang == 'zh' else s.publisher} {s.date}" for s in sources]
    return ("来源：" + "；".join(names)) if lang == "zh" else ("Source: " + "; ".join(names))


def specs_for(result: object, lang: Lang) -> list[ChartSpec]:
    """The charts of a result (summary, funding, compare, trend), each ready to draw."""
    from ..results import CompareReport, FigureReport, TrendReport

    if isinstance(result, CompareReport):
        specs = []
        for c in result.comparisons:
            bars = [
                Bar(f"{o.source.publisher} {o.source.date}", f"{o.source.publisher_zh or o.source.publisher} "
                    f"{o.source.date}", o.value_in_unit, c.unit, o.qualifier, period=o.period, scope=o.scope)
                for o in c.observations
                if o.value_in_unit is not None
            ]  # fmt: skip
            verdict = {"consistent": ("consistent", "一致"), "different": ("different", "不一致")}[c.verdict]
            title = (
                f"{(c.label_zh or c.label) if lang == 'zh' else c.label}: {verdict[1] if lang == 'zh' else verdict[0]}"
            )
            specs.append(_spec(title, bars, c.unit, lang, _footer(result.sources, lang)))
        return specs
    if isinstance(result, FigureReport | TrendReport):
        return [
            _spec(
                (chart.title_zh or chart.title) if lang == "zh" else chart.title,
                chart.bars,
                chart.bars[0].unit if chart.bars else "",
                lang,
                _footer(result.sources, lang),
                kind=chart.kind,
                full_scale=chart.full_scale,
            )
            for chart in result.charts
            if chart.bars
        ]
    return []


def _spec(title: str, bars: list[Bar], unit: str, lang: Lang, source: str, **kwargs: object) -> ChartSpec:
    points = [
        Point((b.label_zh or b.label) if lang == "zh" else b.label, float(b.value), b.qualifier, b.x, b.derived)
        for b in bars
    ]
    return ChartSpec(title, _subtitle(bars, lang), unit, points, source, lang, **kwargs)  # type: ignore[arg-type]


def stack_svg(specs: list[ChartSpec], width: int = 680) -> str:
    """Several charts in one SVG file, one under another."""
    drawn = [to_svg(spec, width) for spec in specs]
    if len(drawn) == 1:
        return drawn[0]
    y = 0
    inner = []
    for svg in drawn:
        height = int(svg.split('height="', 1)[1].split('"', 1)[0])
        inner.append(svg.replace("<svg ", f'<svg y="{y}" ', 1).replace(' id="chart-', f' id="c{y}-chart-'))
        y += height + 12
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y}" width="{width}" height="{y}" '
        'role="group">\n' + "".join(inner) + "</svg>\n"
    )
