"""A ChartSpec drawn as SVG, with no library: text stays text (searchable, translatable, read by screen readers
through <title> and <desc>), fonts come from the system, nothing is fetched.

Every piece of text is placed in a measured box (charts.textfit, never narrower than the text is drawn) and kept
only where its box meets no other and lies inside the chart: a value label that finds no free place is left to the
point's tooltip and the axis. Sizes are chosen for a phone: 600 units wide and no text under 14, so that shown
360 px wide no text is under 8 px.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from ...language.words import MARK_LEGEND, phrase
from .readings import Scale, nice_ticks, scale
from .spec import ChartSpec, Point
from .textfit import BOX, LEADING, width, wrap

WIDTH = 600
PAD = 20
TITLE, SUBTITLE, BODY = 22.0, 15.0, 14.0
ASCENT = 1.16  # of a line's box above its baseline, in ems (the tallest face's ascent)
INK, MUTED, BLUE, LIGHT = "#1d1d1d", "#555", "#2f6190", "#9dbbd8"

FONTS = {
    "en": "'Liberation Sans', Arial, 'Helvetica Neue', Helvetica, 'Noto Sans CJK SC', 'Source Han Sans SC', "
    "'PingFang SC', 'Microsoft YaHei', sans-serif",
    "zh": "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Liberation Sans', Arial, "
    "sans-serif",
}

Box = tuple[float, float, float, float]  # x0, y0, x1, y1
_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _hits(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@dataclass
class Canvas:
    """The parts of one chart and the boxes its text and marks take."""

    width: int
    lang: str = "en"
    parts: list[str] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)

    def text(self, x: float, top: float, text: str, size: float, cls: str, *, anchor: str = "start",
             bold: bool = False, keep: bool = True) -> Box:  # fmt: skip
        """Text whose line box starts at `top`; x is its start, middle or end by anchor."""
        w = width(text, size, bold=bold)
        x0 = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
        box = (x0, top, x0 + w, top + BOX * size)
        anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
        if self.lang != "zh" and _CJK.search(text):  # a Chinese name in an English chart: a CJK face for the line
            cls += " cjk"
        self.parts.append(
            f'<text x="{x:.1f}" y="{top + ASCENT * size:.1f}" class="{cls}"{anchor_attr}>{escape(text)}</text>'
        )
        if keep:
            self.boxes.append(box)
        return box

    def free(self, box: Box, bounds: Box) -> bool:
        inside = bounds[0] <= box[0] and box[2] <= bounds[2] and bounds[1] <= box[1] and box[3] <= bounds[3]
        return inside and not any(_hits(box, b) for b in self.boxes)

    def lines(self, x: float, top: float, lines: Iterable[str], size: float, cls: str, *, bold: bool = False) -> float:
        for line in lines:
            self.text(x, top, line, size, cls, bold=bold)
            top += LEADING * size
        return top


def _ident(spec: ChartSpec) -> str:
    return "c" + hashlib.sha1(f"{spec.title}\n{spec.subtitle}\n{spec.source}".encode()).hexdigest()[:8]


def to_svg(spec: ChartSpec, width: int = WIDTH) -> str:
    """The chart as a standalone SVG document: title, subtitle, the drawing, a legend of the marks it uses, notes
    and the source line."""
    canvas = Canvas(width, spec.lang)
    inner = width - 2 * PAD
    y = canvas.lines(PAD, PAD, wrap(spec.title, TITLE, inner, bold=True), TITLE, "title", bold=True)
    y = canvas.lines(PAD, y + 2, wrap(spec.subtitle, SUBTITLE, inner), SUBTITLE, "subtitle")
    y += 12
    if spec.kind == "line" and sum(p.x is not None for p in spec.points) > 0:
        y = _line(spec, canvas, y)
    elif spec.kind == "dots":
        y = _dots(spec, canvas, y)
    else:
        y = _bars(spec, canvas, y)
    y = _legend(spec, canvas, y + 14)
    for note in spec.notes:
        y = canvas.lines(PAD, y, wrap(note, BODY, inner), BODY, "note")
    y = canvas.lines(PAD, y + 4, wrap(spec.source, BODY, inner), BODY, "source")
    height = math.ceil(y + PAD)
    ident = _ident(spec)
    said = _said(spec.lang)
    description = said.items.join(f"{p.label}{said.colon}{spec.value_text(p)}" for p in spec.points[:200])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" lang="{"zh-Hans" if spec.lang == "zh" else "en"}">\n'
        f'<title id="{ident}-t">{escape(spec.title)}</title>\n'
        f'<desc id="{ident}-d">{escape(said.sentence(spec.subtitle, description, spec.source))}</desc>\n'
        f"<style>\n{_style(spec)}</style>\n"
        f'<rect width="{width}" height="{height}" fill="#fff"/>\n' + "\n".join(canvas.parts) + "\n</svg>\n"
    )


def _style(spec: ChartSpec) -> str:
    return (
        f"text {{ font-family: {FONTS[spec.lang]}; fill: {INK}; font-size: {BODY:g}px; }}\n"
        f".cjk {{ font-family: {FONTS['zh']}; }}\n"
        f".title {{ font-size: {TITLE:g}px; font-weight: 700; }}\n"
        f".subtitle {{ font-size: {SUBTITLE:g}px; fill: {MUTED}; }}\n"
        f".value {{ font-weight: 700; }}\n"
        f".axis, .note, .source, .legend {{ fill: {MUTED}; }}\n"
        ".grid { stroke: #e1e1e1; stroke-width: 1; } .base { stroke: #888; stroke-width: 1; }\n"
        f".join {{ stroke: {BLUE}; stroke-width: 2; fill: none; }}\n"
        f".m-exact {{ fill: {BLUE}; stroke: {BLUE}; }} .m-approx {{ fill: {LIGHT}; stroke: {BLUE}; }}\n"
        f".m-lower, .m-upper {{ fill: {BLUE}; stroke: {BLUE}; }}\n"
        f".m-uncertain {{ fill: #fff; stroke: {BLUE}; stroke-dasharray: 3 2; }}\n"
        f".arrow {{ fill: {BLUE}; }} .whisker {{ stroke: {BLUE}; stroke-width: 1.5; stroke-dasharray: 4 3; }}\n"
        f".open {{ stroke: {BLUE}; stroke-width: 2; stroke-dasharray: 3 3; }}\n"
    )


# --- marks ---


@dataclass(frozen=True)
class _Said:
    """How a chart's accessible text joins its parts, in its language."""

    colon: str
    items: str
    stop: str

    def sentence(self, *parts: str) -> str:
        """The parts as one text, each ended by a full stop (unless it has its own)."""
        ended = [p if p.endswith((".", "。", "）", ")")) else p + self.stop for p in parts if p]
        return (" " if self.stop == "." else "").join(ended)


def _said(lang: str) -> _Said:
    return _Said("：", "；", "。") if lang == "zh" else _Said(": ", "; ", ".")


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _tip(p: Point, text: str | None, lang: str = "en") -> str:
    """A mark's tooltip: its label, its value, and what it adds (the figure as printed, its source); in a Chinese
    chart a detail printed in another language is left out (the value says it in Chinese)."""
    said = _said(lang)
    shown = f"{p.label}{said.colon}{text}" if text is not None else p.label
    if p.detail and (lang != "zh" or _HAN.search(p.detail)):
        shown += f" · {p.detail}"
    return shown


def _mark(canvas: Canvas, p: Point, cx: float, cy: float, *, horizontal: bool = False, lang: str = "en") -> None:
    """A point drawn as what it is: filled (as printed), light (about, computed), with an arrow (a bound), dashed
    and hollow (year uncertain). The arrow points the way the true value may lie."""
    kind = p.mark
    tip = f"<title>{escape(_tip(p, None, lang))}</title>"
    canvas.parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" class="m-{kind}" stroke-width="2">{tip}</circle>')
    canvas.boxes.append((cx - 6, cy - 6, cx + 6, cy + 6))
    if kind in ("lower", "upper"):
        up = kind == "lower"
        if horizontal:
            x0 = cx + 8 if up else cx - 8
            tipx = x0 + (7 if up else -7)
            d = f"M{x0:.1f},{cy - 5:.1f} L{tipx:.1f},{cy:.1f} L{x0:.1f},{cy + 5:.1f} Z"
            canvas.boxes.append((min(x0, tipx), cy - 5, max(x0, tipx), cy + 5))
        else:
            y0 = cy - 8 if up else cy + 8
            tipy = y0 + (-7 if up else 7)
            d = f"M{cx - 5:.1f},{y0:.1f} L{cx:.1f},{tipy:.1f} L{cx + 5:.1f},{y0:.1f} Z"
            canvas.boxes.append((cx - 5, min(y0, tipy), cx + 5, max(y0, tipy)))
        canvas.parts.append(f'<path d="{d}" class="arrow"/>')


def _legend(spec: ChartSpec, canvas: Canvas, y: float) -> float:
    """The marks the chart uses, each with what it means; nothing when every figure is drawn as printed."""
    kinds = [k for k in ("exact", "approx", "lower", "upper", "uncertain") if any(p.mark == k for p in spec.points)]
    if kinds == ["exact"] or not kinds:
        return y
    x = float(PAD)
    line_h = LEADING * BODY
    for kind in kinds:
        text = phrase(MARK_LEGEND[kind], spec.lang)
        item = 16 + 6 + width(text, BODY)
        if x > PAD and x + item > canvas.width - PAD:
            x, y = float(PAD), y + line_h
        cy = y + BOX * BODY / 2
        _mark(canvas, Point(text, 0, _LEGEND_QUALIFIER[kind], x_range=(0, 0) if kind == "uncertain" else None,
                            derived=kind == "approx"), x + 8 - (2 if kind in ("lower", "upper") else 0), cy,
              horizontal=spec.kind != "line")  # fmt: skip
        canvas.text(x + 22 + (6 if kind in ("lower", "upper") else 0), y, text, BODY, "legend")
        x += item + 24 + (6 if kind in ("lower", "upper") else 0)
    return y + line_h + 4


_LEGEND_QUALIFIER = {"exact": "exact", "approx": "about", "lower": "more_than", "upper": "less_than",
                     "uncertain": "exact"}  # fmt: skip


# --- bars ---


def _bars(spec: ChartSpec, canvas: Canvas, y: float) -> float:
    """Horizontal bars, one a row, label on the left and value at the bar's end. A lower bound's bar runs on in a
    dashed line with an arrow: the true value is further."""
    inner = canvas.width - 2 * PAD
    values = [spec.value_text(p) for p in spec.points]
    value_room = max((width(v, BODY, bold=True) for v in values), default=0) + 8 + 22
    label_col = min(max((width(p.label, BODY) for p in spec.points), default=0) + 14, inner * 0.42)
    label_col = max(min(label_col, inner - value_room - 80), 60)
    left = PAD + label_col
    plot = max(canvas.width - PAD - left - value_room, 40)
    top_value = spec.full_scale or max((p.value for p in spec.points), default=0) or 1.0
    start = y
    for p, text in zip(spec.points, values, strict=True):
        lines = wrap(p.label, BODY, label_col - 14, max_lines=3)
        row = max(34.0, len(lines) * LEADING * BODY + 10)
        middle = y + row / 2
        canvas.lines(PAD, middle - len(lines) * LEADING * BODY / 2 + (LEADING - BOX) * BODY / 2, lines, BODY, "label")
        length = max(plot * max(p.value, 0) / top_value, 1.5)
        kind = p.mark
        tip = f"<title>{escape(_tip(p, text, spec.lang))}</title>"
        dashed = ' stroke-dasharray="4 2" stroke-width="1.5"' if kind == "uncertain" else ""
        canvas.parts.append(
            f'<rect x="{left:.1f}" y="{middle - 10:.1f}" width="{length:.1f}" height="20" class="m-{kind}"'
            f"{dashed}>{tip}</rect>"
        )
        end = left + length
        if kind == "lower":
            canvas.parts.append(f'<line x1="{end:.1f}" y1="{middle:.1f}" x2="{end + 12:.1f}" y2="{middle:.1f}" '
                                'class="open"/>')  # fmt: skip
            canvas.parts.append(
                f'<path d="M{end + 12:.1f},{middle - 5:.1f} L{end + 19:.1f},{middle:.1f} L{end + 12:.1f},'
                f'{middle + 5:.1f} Z" class="arrow"/>'
            )
            end += 20
        canvas.text(end + 6, middle - BOX * BODY / 2, text, BODY, "value", bold=True)
        y += row
    canvas.parts.append(f'<line x1="{left:.1f}" y1="{start:.1f}" x2="{left:.1f}" y2="{y:.1f}" class="base"/>')
    return y


# --- a line over the years ---


def _year_step(span: float, pixels: float, label: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        if pixels * step / max(span, 1e-9) >= label:
            return step
    return 1000


@dataclass(frozen=True)
class _Plot:
    """Where a line chart draws: years lo..hi across left..right, values 0..top up from bottom to top_y."""

    left: float
    right: float
    top_y: float
    bottom: float
    lo: float
    hi: float
    top: float

    def x(self, year: float) -> float:
        return self.left + (self.right - self.left) * (year - self.lo) / (self.hi - self.lo)

    def y(self, value: float) -> float:
        return self.bottom - (self.bottom - self.top_y) * value / self.top


def _line(spec: ChartSpec, canvas: Canvas, y: float) -> float:
    """One measure over the years: the points the tool can compare joined by a line, every other point drawn on its
    own; a value label beside each point where one fits."""
    points = [p for p in spec.points if p.x is not None]
    top_value = max(p.value for p in points) or 1.0
    axis = scale(top_value, spec.unit, spec.lang)
    top, ticks = nice_ticks(top_value)
    title_box = canvas.text(PAD, y, axis.title, BODY, "axis")
    tick_texts = [axis.tick(t) for t in ticks]
    left = PAD + max(width(t, BODY) for t in tick_texts) + 10
    plot_top = title_box[3] + 26  # room above the highest point for its label
    lo, hi = _year_span(points)
    plot = _Plot(left, canvas.width - PAD - 6, plot_top, plot_top + 250, lo, hi, top)
    for t, text in zip(ticks, tick_texts, strict=True):
        ty = plot.y(t)
        canvas.parts.append(f'<line x1="{left:.1f}" y1="{ty:.1f}" x2="{plot.right:.1f}" y2="{ty:.1f}" '
                            f'class="{"base" if t == 0 else "grid"}"/>')  # fmt: skip
        canvas.text(left - 8, ty - BOX * BODY / 2, text, BODY, "axis", anchor="end")
    _year_axis(canvas, plot)
    for a, b in spec.segments:
        pa, pb = spec.points[a], spec.points[b]
        if pa.x is None or pb.x is None:
            continue
        canvas.parts.append(f'<line x1="{plot.x(pa.x):.1f}" y1="{plot.y(pa.value):.1f}" x2="{plot.x(pb.x):.1f}" '
                            f'y2="{plot.y(pb.value):.1f}" class="join"/>')  # fmt: skip
    placed = _line_marks(spec, canvas, plot)
    bounds = (float(PAD), title_box[3] + 2, canvas.width - PAD, plot.bottom - 2)
    _label_points(spec, canvas, placed, axis, bounds)
    return plot.bottom + 12 + BOX * BODY


def _year_span(points: list[Point]) -> tuple[float, float]:
    """The years a line chart spans, every uncertain point's range included, with a margin either side."""
    lows = [p.x_range[0] if p.x_range else p.x for p in points if p.x is not None]
    highs = [p.x_range[1] if p.x_range else p.x for p in points if p.x is not None]
    lo, hi = min(lows), max(highs)
    margin = max(0.6, (hi - lo) * 0.04)
    return lo - margin, hi + margin


def _year_axis(canvas: Canvas, plot: _Plot) -> None:
    """The years under a line chart, as many as fit, every 1, 2, 5, 10 ... years."""
    step = _year_step(plot.hi - plot.lo, plot.right - plot.left, width("2020", BODY) + 14)
    year = math.ceil(plot.lo / step) * step
    while year <= plot.hi:
        canvas.parts.append(f'<line x1="{plot.x(year):.1f}" y1="{plot.bottom:.1f}" x2="{plot.x(year):.1f}" '
                            f'y2="{plot.bottom + 5:.1f}" class="base"/>')  # fmt: skip
        canvas.text(plot.x(year), plot.bottom + 12, str(year), BODY, "axis", anchor="middle")
        year += step


def _line_marks(spec: ChartSpec, canvas: Canvas, plot: _Plot) -> list[tuple[int, float, float]]:
    """Each point of a line chart drawn (an uncertain year with whiskers over the years it may be), marks under
    marks: an uncertain or approximate figure under an exact one at the same place. Where each was drawn, in the
    points' order."""
    placed: list[tuple[int, float, float]] = []
    drawing = sorted(range(len(spec.points)), key=lambda k: _LAYER[spec.points[k].mark])
    for i in drawing:
        p = spec.points[i]
        if p.x is None:
            continue
        cx, cy = plot.x(p.x), plot.y(p.value)
        if p.x_range is not None and p.x_range[0] != p.x_range[1]:
            x0, x1 = plot.x(p.x_range[0]), plot.x(p.x_range[1])
            canvas.parts.append(f'<line x1="{x0:.1f}" y1="{cy:.1f}" x2="{x1:.1f}" y2="{cy:.1f}" class="whisker"/>')
            for end in (x0, x1):
                canvas.parts.append(
                    f'<line x1="{end:.1f}" y1="{cy - 4:.1f}" x2="{end:.1f}" y2="{cy + 4:.1f}" class="whisker"/>'
                )
        _mark(canvas, p, cx, cy, lang=spec.lang)
        placed.append((i, cx, cy))
    placed.sort()
    return placed


_LAYER = {"uncertain": 0, "approx": 1, "upper": 2, "lower": 3, "exact": 4}


def _label_order(spec: ChartSpec, placed: list[tuple[int, float, float]]) -> list[tuple[int, float, float]]:
    """Which points are labelled first: the last, the first, the highest, the lowest, then the rest from the end."""
    if not placed:
        return []
    by_value = sorted(placed, key=lambda t: spec.points[t[0]].value)
    first = [placed[-1], placed[0], by_value[-1], by_value[0]]
    seen: set[int] = set()
    ordered = []
    for item in [*first, *reversed(placed)]:
        if item[0] not in seen:
            seen.add(item[0])
            ordered.append(item)
    return ordered


def _label_points(spec: ChartSpec, canvas: Canvas, placed: list[tuple[int, float, float]], axis: Scale,
                  bounds: Box) -> None:  # fmt: skip
    h = BOX * BODY
    for i, cx, cy in _label_order(spec, placed):
        p = spec.points[i]
        text = axis.short(p.value, p.qualifier)
        w = width(text, BODY, bold=True)
        lift = 9 if p.mark == "lower" else 0
        drop = 9 if p.mark == "upper" else 0
        candidates = [
            (cx - w / 2, cy - 9 - lift - h), (cx + 9, cy - h / 2), (cx - 9 - w, cy - h / 2),
            (cx + 4, cy - 7 - lift - h), (cx - 4 - w, cy - 7 - lift - h), (cx - w / 2, cy + 9 + drop),
            (cx + 5, cy + 7 + drop), (cx - 5 - w, cy + 7 + drop),
        ]  # fmt: skip
        for x0, y0 in candidates:
            box = (x0, y0, x0 + w, y0 + h)
            if canvas.free(box, bounds):
                canvas.text(x0, y0, text, BODY, "value", bold=True)
                break


# --- rows of dots on one scale ---


def _dots(spec: ChartSpec, canvas: Canvas, y: float) -> float:
    """One row a group (a program), each figure a dot on one shared scale; the row's latest figure is written at
    the right. Dots are not joined: a row's figures may be of different periods."""
    inner = canvas.width - 2 * PAD
    groups = list(dict.fromkeys(p.group for p in spec.points))
    top_value = max((p.value for p in spec.points), default=0) or 1.0
    axis = scale(top_value, spec.unit, spec.lang)
    notes = {g: spec.row_notes.get(g, "") for g in groups}
    note_col = min(max((width(n, BODY) for n in notes.values()), default=0) + 12, inner * 0.34)
    label_col = min(max((width(g, BODY) for g in groups), default=0) + 14, inner * 0.30)
    left = PAD + label_col
    right = canvas.width - PAD - note_col - 12
    for count in (5, 4, 3, 2, 1):  # as many ticks as fit, each label clear of the next
        top, ticks = nice_ticks(top_value, count)
        widest = max(width(axis.tick(t), BODY) for t in ticks)
        if (right - left - 8) / max(len(ticks) - 1, 1) >= widest + 12:
            break

    def at_x(value: float) -> float:
        return left + 8 + (right - left - 8) * value / top

    start = y
    rows: list[tuple[float, float]] = []
    for g in groups:
        labels = wrap(g, BODY, label_col - 14, max_lines=2)
        note_lines = wrap(notes[g], BODY, note_col - 6, max_lines=2)
        row = max(32.0, max(len(labels), len(note_lines)) * LEADING * BODY + 8)
        middle = y + row / 2
        canvas.lines(PAD, middle - len(labels) * LEADING * BODY / 2 + (LEADING - BOX) * BODY / 2, labels, BODY,
                     "label")  # fmt: skip
        canvas.lines(canvas.width - PAD - note_col + 6,
                     middle - len(note_lines) * LEADING * BODY / 2 + (LEADING - BOX) * BODY / 2, note_lines, BODY,
                     "value")  # fmt: skip
        rows.append((y, middle))
        y += row
    for t in ticks:
        x = at_x(t)
        canvas.parts.append(f'<line x1="{x:.1f}" y1="{start:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
                            f'class="{"base" if t == 0 else "grid"}"/>')  # fmt: skip
    for g, (_, middle) in zip(groups, rows, strict=True):
        canvas.parts.append(f'<line x1="{left + 8:.1f}" y1="{middle:.1f}" x2="{right:.1f}" y2="{middle:.1f}" '
                            'class="grid"/>')  # fmt: skip
        for p in spec.points:
            if p.group == g:
                _mark(canvas, p, at_x(p.value), middle, horizontal=True, lang=spec.lang)
    last_end = -1e9
    for t in ticks:
        x = at_x(t)
        text = axis.tick(t)
        half = width(text, BODY) / 2
        if x - half < last_end + 8 or x + half > canvas.width - PAD:
            continue
        canvas.text(x, y + 6, text, BODY, "axis", anchor="middle")
        last_end = x + half
    y += 6 + LEADING * BODY
    canvas.text(left + 8, y, axis.title, BODY, "axis")
    return y + BOX * BODY


def stack_svg(specs: list[ChartSpec], width: int = WIDTH) -> str:
    """Several charts in one SVG file, one under another, a rule between them."""
    drawn = [to_svg(spec, width) for spec in specs]
    if len(drawn) == 1:
        return drawn[0]
    y = 0
    inner = []
    for n, svg in enumerate(drawn):
        height = int(svg.split('height="', 1)[1].split('"', 1)[0])
        if n:
            inner.append(f'<line x1="{PAD}" y1="{y - 12}" x2="{width - PAD}" y2="{y - 12}" stroke="#bbb"/>\n')
        inner.append(svg.replace("<svg ", f'<svg x="0" y="{y}" ', 1))
        y += height + 24
    y -= 24
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {y}" width="{width}" height="{y}" '
        'role="group">\n<rect width="100%" height="100%" fill="#fff"/>\n' + "".join(inner) + "</svg>\n"
    )
