"""From results to charts: what each chart says, in English or Chinese, from the data alone.

A title says what is shown; the subtitle defines the measure and its basis (a running total since 1996, a level at
a date, nominal yuan, figures dated as of end-2019) as the data states them; the source line names the sources of
that chart only. Lower bounds, uncertain years and disagreeing sources stay what they are: a line joins two points
only where the tool itself reads a change between them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...data.models import Period, Source
from ...data.vocabulary import Lang
from ...language.words import (
    ACROSS_PANELS,
    CHART_KINDS,
    CONCEPT_LABELS,
    as_of_words,
    period_words,
    phrase,
    program_name,
    say,
)
from ...text import localised
from .readings import mark_class, reading
from .spec import MAX_BARS, MAX_MARKS, MAX_PANELS, ChartSpec, Point

if TYPE_CHECKING:
    from ...results import AcrossReport, AcrossRow, Bar, CompareReport, FigureReport, TrendPoint, TrendReport

_CJK = "\u3400-\u9fff\uf900-\ufaff"
_HALF_AFTER_CJK = re.compile(rf"(?<=[{_CJK}）])\s*([:;,!?])\s*")
_HALF_BEFORE_CJK = re.compile(rf"\s*([:;,])\s*(?=[{_CJK}（])")
_PARENS = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
_FULL = {":": "：", ";": "；", ",": "，", "!": "！", "?": "？"}


def zh_text(text: str) -> str:
    """Chinese text set with Chinese punctuation: '铺设公路: 一致' reads '铺设公路：一致', '(推算)' '（推算）'."""
    text = _PARENS.sub(r"（\1）", text)
    text = _HALF_AFTER_CJK.sub(lambda m: _FULL[m.group(1)], text)
    text = _HALF_BEFORE_CJK.sub(lambda m: _FULL[m.group(1)], text)
    return re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)


def _t(en: str, zh: str | None, lang: Lang) -> str:
    """A data text in the chart's language, a Chinese one set with Chinese punctuation."""
    text = localised(en, zh, lang)
    return zh_text(text) if lang == "zh" else text


def _join(parts: Iterable[str], lang: Lang) -> str:
    """Sentences of a subtitle: '. ' between English ones, '。' after each Chinese one."""
    kept = [p for p in parts if p]
    if lang == "zh":
        return "".join(p if p.endswith("。") else p + "。" for p in kept)
    return " ".join(p if p.endswith(".") else p + "." for p in kept)


def source_line(sources: Iterable[Source], lang: Lang, limit: int = 6) -> str:
    """'Sources: Xinhua (2012-10-23, 2016-07-22); China Daily (2020-07-08)': the outlets of one chart, each with
    the dates it printed them, at most `limit` outlets named."""
    by_outlet: dict[str, list[str]] = {}
    for s in sources:
        name = _t(s.publisher, s.publisher_zh, lang)
        dates = by_outlet.setdefault(name, [])
        if s.date not in dates:
            dates.append(s.date)
    named = list(by_outlet.items())
    if lang == "zh":
        text = "；".join(f"{n}（{'、'.join(d)}）" for n, d in named[:limit])
    else:
        text = "; ".join(f"{n} ({', '.join(d)})" for n, d in named[:limit])
    if len(named) > limit:
        text = phrase("{outlets}; and {n} more outlets", lang).format(outlets=text, n=len(named) - limit)
    return phrase("Source: {}", lang).format(text)


def _basis(unit: str, lang: Lang) -> str:
    return phrase("Nominal yuan, not adjusted for inflation", lang) if unit == "yuan" else ""


def _scopes(scopes: Iterable[str], lang: Lang) -> str:
    """The scope the figures share, where they share one (and, in Chinese, where it is given in Chinese)."""
    kept = [s for s in dict.fromkeys(scopes) if s]
    if lang == "zh" and any(s.isascii() for s in kept):
        return ""
    if len(kept) != 1 or len(kept[0]) > 80:
        return ""
    return phrase("Scope: {}", lang).format(kept[0])


def _periods(periods: Iterable[Period], lang: Lang) -> str:
    words = list(dict.fromkeys(zh_text(period_words(p, lang)) if lang == "zh" else period_words(p, lang)
                               for p in periods))  # fmt: skip
    if not words or len(words) > 2:
        return ""
    return phrase("Period: {}", lang).format(("；" if lang == "zh" else "; ").join(words))


def _kind(kind: str, starts: set[int], lang: Lang) -> str:
    if kind == "cumulative":
        if len(starts) == 1:
            return phrase("Running total since {start}", lang).format(start=next(iter(starts)))
        return phrase("Running totals, from the start each source gives", lang)
    return phrase(CHART_KINDS[kind], lang) if kind in CHART_KINDS else ""


# --- compare ---


def _as_stated(text: str, lang: Lang) -> str:
    """A figure as printed, for an English chart's tooltip. A Chinese chart shows the value in Chinese instead: a
    figure as printed may be in another language ('cerca de 8 mil', '15,000 wells') or set apart ('123 万人'), and a
    tooltip cannot mark it as a quotation the way the page's tables do."""
    return text if lang == "en" else ""


def _compare(result: CompareReport, lang: Lang) -> list[ChartSpec]:
    specs = []
    for c in result.comparisons:
        observed = [o for o in c.observations if o.value_in_unit is not None]
        if not observed:
            continue
        points = [
            Point(f"{_t(o.source.publisher, o.source.publisher_zh, lang)} {o.source.date}",
                  float(o.value_in_unit or 0.0), o.qualifier, detail=_as_stated(o.as_stated, lang),
                  x_range=(o.period.start_year, o.period.end_year) if o.period.approximate else None)
            for o in observed[:MAX_BARS]
        ]  # fmt: skip
        label = _t(c.label, c.label_zh, lang)
        n, independent = c.sources_count, c.independent_sources
        if c.verdict != "consistent" and c.gap is None:
            title = phrase("{label}: the sources differ", lang).format(label=label)
        elif c.verdict != "consistent":
            gap = reading(float(c.gap or 0), c.unit, lang=lang, derived=True)
            title = phrase("{label}: the sources differ by {gap}", lang).format(label=label, gap=gap)
        elif independent < n:
            title = phrase("{label}: {n} sources agree ({independent} independent)", lang).format(
                label=label, n=n, independent=independent
            )
        else:
            title = phrase("{label}: {n} sources agree", lang).format(label=label, n=n)
        notes = [_t(c.note, c.note_zh, lang)] if c.note else []
        if len(observed) > MAX_BARS:
            notes.append(phrase("{n} more figures are not drawn.", lang).format(n=len(observed) - MAX_BARS))
        subtitle = _join([_periods([c.period], lang), _scopes((_t(o.scope, None, lang) for o in observed), lang),
                          _basis(c.unit, lang)], lang)  # fmt: skip
        sources = [o.source for o in observed[:MAX_BARS]]
        specs.append(ChartSpec(title, subtitle, c.unit, points, source_line(sources, lang), lang, notes=notes))
    return _capped(specs, lang)


def _capped(specs: list[ChartSpec], lang: Lang) -> list[ChartSpec]:
    if len(specs) <= MAX_PANELS:
        return specs
    kept = specs[:MAX_PANELS]
    left = len(specs) - MAX_PANELS
    kept[-1].notes.append(phrase("{n} more charts are not drawn: chart one measure at a time.", lang).format(n=left))
    return kept


# --- trend ---


def _trend(result: TrendReport, lang: Lang) -> list[ChartSpec]:
    kept = [p for p in result.points if p.observed.value_in_unit is not None]
    if not kept:
        return []
    years = sorted({p.observed.year for p in kept})
    points, index = _trend_points(kept, lang)
    segments = _trend_segments(kept, points, index)
    notes: list[str] = []
    if len(points) > MAX_MARKS:
        points, segments = _summarised(points), []
        notes.append(phrase("Too many figures to draw each: every year's lowest and highest are drawn.", lang))
    joined = {i for s in segments for i in s}
    if segments and len(joined) < len(points):
        notes.append(phrase(
            "A line joins only figures the tool compares: a lower bound, an uncertain year or a second source for"
            " the same year is drawn on its own.", lang
        ))  # fmt: skip
    if result.kind == "cumulative" and len(years) > 1:
        notes.append(
            phrase("The rise between two running totals is what was added between them, not a growth rate.", lang)
        )
    label = _t(result.label, result.label_zh, lang)
    title = label
    if len(years) > 1:
        title = phrase("{label}, {first}–{last}", lang).format(label=label, first=years[0], last=years[-1])
    sources = [p.observed.source for p in kept]
    kind = "line" if len(years) > 1 else "bar"
    if kind == "bar":  # one year: a bar's label is its source alone
        for point in points:
            point.label = point.label.split(" · ", 1)[-1]
    return [ChartSpec(title, _trend_subtitle(result, kept, lang), result.unit, points, source_line(sources, lang),
                      lang, kind=kind, notes=notes, segments=segments)]  # fmt: skip


def _trend_points(kept: list[TrendPoint], lang: Lang) -> tuple[list[Point], dict[str, int]]:
    """The marks of a trend, and which mark each observation (by id) is drawn as: one mark for one figure, so that
    sources giving the same value for the same year, drawn the same way, share it (its count and tooltip say so)."""
    marks: dict[tuple[object, ...], int] = {}
    points: list[Point] = []
    index: dict[str, int] = {}
    for p in kept:
        o = p.observed
        uncertain = o.period.approximate
        x_range = (float(o.period.start_year), float(o.period.end_year)) if uncertain else None
        key = (o.year, o.value_in_unit, mark_class(o.qualifier, uncertain=uncertain), x_range)
        outlet = f"{_t(o.source.publisher, o.source.publisher_zh, lang)} {o.source.date}"
        if key in marks:
            point = points[marks[key]]
            point.count += 1
            point.detail = ("; " if lang == "en" else "；").join(filter(None, (point.detail, outlet)))
        else:
            marks[key] = len(points)
            assert o.value_in_unit is not None
            when = period_words(o.period, lang, o.as_of)
            when = zh_text(when) if lang == "zh" else when
            points.append(Point(f"{when} · {outlet}", float(o.value_in_unit), o.qualifier, x=float(o.year),
                                x_range=x_range, detail=_as_stated(o.as_stated, lang)))  # fmt: skip
        index[o.id] = marks[key]
    return points, index


def _trend_segments(kept: list[TrendPoint], points: list[Point], index: dict[str, int]) -> list[tuple[int, int]]:
    """The pairs of marks a line joins: a change the tool reads between two figures, each drawn as printed or
    about (never a bound, an uncertain year or a figure with no growth read from it)."""
    segments: list[tuple[int, int]] = []
    for p in kept:
        if p.from_id is None or p.from_id not in index or p.no_growth or p.years_uncertain:
            continue
        a, b = index[p.from_id], index[p.observed.id]
        if a != b and points[a].mark in ("exact", "approx") and points[b].mark in ("exact", "approx"):
            segments.append((a, b))
    return segments


def _trend_subtitle(result: TrendReport, kept: list[TrendPoint], lang: Lang) -> str:
    """What a trend's figures are (a level, an amount, a running total since), where they are placed in time, their
    shared scope and basis."""
    dated = next((p.observed.as_of for p in kept if p.observed.as_of), None)
    dating = ""
    if dated:
        dating = phrase(
            "Each figure is placed at the date it describes ({date}, say), not at its publication", lang
        ).format(date=as_of_words(dated, lang))
    starts = {p.observed.period.start_year for p in kept}
    return _join([_kind(result.kind, starts, lang), dating,
                  _scopes((_t(p.observed.scope, None, lang) for p in kept), lang),
                  _basis(result.unit, lang)], lang)  # fmt: skip


def _extremes(group: list[Point]) -> list[Point]:
    low, high = min(group, key=lambda p: p.value), max(group, key=lambda p: p.value)
    return [low] if low is high else [low, high]


def _summarised(points: list[Point]) -> list[Point]:
    """Each year's lowest and highest point: a chart of many thousand figures drawn in a bounded size."""
    by_year: dict[float | None, list[Point]] = {}
    for p in points:
        by_year.setdefault(p.x, []).append(p)
    kept = [p for group in by_year.values() for p in _extremes(group)]
    return kept[: MAX_MARKS * 4]


# --- figures (summary, funding) ---


def _figures(result: FigureReport, lang: Lang) -> list[ChartSpec]:
    by_id = {s.id: s for s in result.sources}
    specs = []
    for chart in result.charts:
        if not chart.bars:
            continue
        bars = chart.bars[:MAX_BARS]
        unit = bars[0].unit
        sources = [by_id[s] for b in bars for s in _bar_sources(result, b) if s in by_id]
        points = [
            Point(_t(b.label, b.label_zh, lang), float(b.value), b.qualifier, derived=b.derived,
                  x_range=(b.period.start_year, b.period.end_year) if b.period and b.period.approximate else None)
            for b in bars
        ]  # fmt: skip
        subtitle = _join([
            phrase("Each part's share of the total, in percent", lang) if chart.full_scale == 100.0 else "",
            _periods((b.period for b in bars if b.period), lang),
            _scopes((_t(b.scope or "", b.scope_zh, lang) for b in bars), lang),
            _basis(unit, lang),
        ], lang)  # fmt: skip
        title = _t(str(chart.title), say(chart.title, "zh"), lang)
        _strip_shared_prefix(points)
        specs.append(ChartSpec(title, subtitle, unit, points, source_line(sources or result.sources, lang), lang,
                               full_scale=chart.full_scale))  # fmt: skip
    return specs


def _strip_shared_prefix(points: list[Point]) -> None:
    """Bars labelled 'Poverty rate, 2012' and 'Poverty rate, 2019' under a title that names the measure read
    '2012' and '2019': the words every label shares, up to a comma, are said once, by the title."""
    if len(points) < 2:
        return
    first = points[0].label
    cut = 0
    for sep in (", ", "，", "（", " · "):
        at = first.rfind(sep)
        while at > 0:
            head = first[: at + len(sep)]
            if all(p.label.startswith(head) and len(p.label) > len(head) for p in points):
                cut = max(cut, len(head))
                break
            at = first.rfind(sep, 0, at)
    if cut:
        for p in points:
            rest = p.label[cut:]
            p.label = rest[:-1] if first[cut - 1] == "（" and rest.endswith("）") else rest


def _bar_sources(result: FigureReport, bar: Bar) -> list[str]:
    """The sources of the figure a bar draws: the row of the same label and value (or share)."""
    shares = result.column("share_of_total")
    for row in result.figures:
        if row.label != bar.label:
            continue
        if row.value == bar.value or shares.get(row.id) == bar.value:
            return list(row.sources)
    return []


# --- across ---


def _across(result: AcrossReport, lang: Lang) -> list[ChartSpec]:
    """One chart a panel (a kind of figure in one unit; the national record apart), one row of dots a program."""
    specs = []
    for (key, unit, national), chosen in _across_panels(result).items():
        points, latest = _across_points(chosen, unit, lang)
        notes = []
        if len(points) > MAX_MARKS * 4:  # a chart summarises: each program's lowest and highest figures
            points = [p for g in dict.fromkeys(p.group for p in points) for p in _extremes([q for q in points
                      if q.group == g])]  # fmt: skip
            notes.append(phrase("Too many figures to draw each: each program's lowest and highest are drawn.", lang))
        specs.append(ChartSpec(_across_title(result, key, national, lang), _across_subtitle(chosen, key, unit, lang),
                               unit, points, source_line((r.source for r in chosen), lang), lang, kind="dots",
                               row_notes=latest, notes=notes))  # fmt: skip
    return specs


def _across_panels(result: AcrossReport) -> dict[tuple[str, str, bool], list[AcrossRow]]:
    """The rows of each panel, by (kind of figure, unit, national): a flow of one year, a flow of several years,
    a running total, a level; the national record apart, since its totals are tens of times a pair's and would
    flatten every other row."""
    panels: dict[tuple[str, str, bool], list[AcrossRow]] = {}
    for r in result.rows:
        o = r.observation
        if r.measure.kind == "flow":
            key = "year" if o.period.start_year == o.period.end_year else "years"
        else:
            key = r.measure.kind
        panels.setdefault((key, o.unit, r.program.kind == "national"), []).append(r)
    return panels


def _years_words(start: int, end: int, lang: Lang) -> str:
    """'2018' or '2016–2020'; '2018年' or '2016—2020年'."""
    text = f"{start}" + (f"–{end}" if end != start else "")
    return text.replace("–", "—") + "年" if lang == "zh" else text


def _across_points(chosen: list[AcrossRow], unit: str, lang: Lang) -> tuple[list[Point], dict[str, str]]:
    """A panel's dots, one a figure (a program's same figure drawn once), and each program's latest figure in
    words, written at the right of its row."""
    points: list[Point] = []
    latest: dict[str, tuple[tuple[int, int], str]] = {}
    seen: set[tuple[str, float, str]] = set()
    for r in chosen:
        o = r.observation
        group = program_name(r.program, lang)
        period = _years_words(o.period.start_year, o.period.end_year, lang)
        when = (o.period.end_year, o.period.start_year)
        if group not in latest or when > latest[group][0]:
            comma = "，" if lang == "zh" else ", "
            latest[group] = (when, f"{reading(float(o.value), unit, o.qualifier, lang)}{comma}{period}")
        key_seen = (group, float(o.value), mark_class(o.qualifier, uncertain=o.period.approximate))
        if key_seen in seen:
            continue
        seen.add(key_seen)
        uncertain = (o.period.start_year, o.period.end_year) if o.period.approximate else None
        detail = " · ".join(filter(None, (period, _as_stated(o.as_stated, lang))))
        points.append(Point(group, float(o.value), o.qualifier, group=group, detail=detail, x_range=uncertain))
    return points, {g: text for g, (_, text) in latest.items()}


def _across_title(result: AcrossReport, key: str, national: bool, lang: Lang) -> str:
    """'Fiscal aid from east to west: running totals, national record, 2016–2020'."""
    concept = phrase(CONCEPT_LABELS.get(result.concept, result.concept), lang)
    title = phrase("{concept}: {panel}", lang).format(concept=concept, panel=phrase(ACROSS_PANELS[key], lang))
    if national:
        title = phrase("{title}, national record", lang).format(title=title)
    if result.period:
        a, b = result.period
        title = phrase("{label}, {first}–{last}", lang).format(label=title, first=a, last=b)
    return title


def _across_subtitle(chosen: list[AcrossRow], key: str, unit: str, lang: Lang) -> str:
    starts = {r.observation.period.start_year for r in chosen}
    bases = {r.observation.basis for r in chosen}
    return _join([
        phrase("Each dot is one figure as a source printed it, on one scale, not added up; at the right, each"
               " program's latest", lang),
        _kind("cumulative", starts, lang) if key == "cumulative" else "",
        phrase("Bases differ (planned, agreed, allocated, disbursed)", lang) if len(bases) > 1 else "",
        _basis(unit, lang),
    ], lang)  # fmt: skip


def specs_for(result: object, lang: Lang) -> list[ChartSpec]:
    """The charts of a result (summary, funding, compare, trend, across), each ready to draw; [] for one that has
    none."""
    from ...results import AcrossReport, CompareReport, FigureReport, TrendReport

    if isinstance(result, CompareReport):
        return _compare(result, lang)
    if isinstance(result, TrendReport):
        return _trend(result, lang)
    if isinstance(result, FigureReport):
        return _figures(result, lang)
    if isinstance(result, AcrossReport):
        return _across(result, lang)
    return []
