"""The whole dataset as one self-contained HTML page a newsroom can publish: semantic tables with captions, charts
as inline SVG, the sources with ready citations and links, footnotes as a list. Nothing is loaded from the network;
it works without JavaScript, and with it a search box filters the table of every figure.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..data.vocabulary import Lang
from ..text import web_address
from .charts import specs_for, to_svg
from .numbers import format_value
from .words import locator_words, period_words, phrase

if TYPE_CHECKING:
    from ..data.models import Period, Source
    from ..results import Citation, Comparison, FigureRow, Observed, Report

STYLE = """
:root { color-scheme: light; --ink: #1d1d1d; --muted: #5c5c5c; --line: #d9d9d9; --accent: #1f5a8c; --bad: #a1261d; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lead { color: var(--muted); margin-top: 0; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
a { color: var(--accent); }
a:focus, input:focus { outline: 3px solid #f2b100; outline-offset: 1px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .93rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 700; white-space: nowrap; }
.verdict.different { color: var(--bad); }
.verdict.consistent { color: #1d6b35; }
figure { margin: 1rem 0 1.6rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: .85rem; }
.note { color: var(--muted); font-size: .88rem; }
label { font-weight: 600; margin-right: .5rem; }
input[type=search] { font: inherit; padding: .35rem .5rem; width: min(26rem, 100%); border: 1px solid #767676; }
ol.footnotes, ol.sources { padding-left: 1.4rem; font-size: .9rem; overflow-wrap: anywhere; }
ol.timeline { padding-left: 1.2rem; }
footer { color: var(--muted); font-size: .85rem; margin-top: 3rem; padding-bottom: 2rem;
  border-top: 1px solid var(--line); }
@media (max-width: 40rem) { h1 { font-size: 1.35rem; } table { font-size: .85rem; } th, td { padding: .3rem .35rem; } }
@media print {
  nav, .search, script { display: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; word-break: break-all; }
  h2 { break-after: avoid; } table, figure { break-inside: avoid; }
  header, main, footer { max-width: none; }
}
"""

# Filters the rows of the table of every figure as the reader types; without JavaScript the table is whole.
SCRIPT = """
(function () {
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#figures tbody tr"));
  input.disabled = false;
  input.addEventListener("input", function () {
    var needle = input.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var keep = !needle || row.textContent.toLowerCase().indexOf(needle) !== -1;
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    status.textContent = status.getAttribute("data-template").replace("{n}", String(shown));
  });
})();
"""

_ZH_HEADINGS = {
    "Headline figures": "主要数据",
    "Where the sources agree or differ": "各来源的一致与分歧",
    "Over time": "历年变化",
    "Every figure": "全部数据",
    "Timeline": "时间线",
    "Sources": "来源",
    "Contents": "目录",
    "Figure": "指标",
    "Value": "数值",
    "Period": "时期",
    "Scope": "范围",
    "Source": "来源",
    "Measure": "指标",
    "Stated as": "原文表述",
    "Where": "位置",
    "Verdict": "判定",
    "When": "时间",
    "Event": "事件",
    "Notes": "注释",
    "back to the figure": "返回数据",
    "Filter the figures": "筛选数据",
    "{n} figures shown": "显示 {n} 项数据",
    "Not the same measure": "不是同一指标",
    "consistent": "一致",
    "different": "不一致",
    "gap": "相差",
    "Made with pairing from the dataset's sources; every figure links to the page it was read in.": (
        "由 pairing 根据数据集的来源生成；每项数据都链接到其出处页面。"
    ),
    "{figures} figures from {sources} sources, {first} to {last}.": (
        "{sources} 个来源的 {figures} 项数据（{first} 至 {last}）。"
    ),
    "Derived figures are computed from the figures they name, never printed by a source.": (
        "推算数据由所列数据计算得出，并非来源原文。"
    ),
}


def _t(text: str, lang: Lang) -> str:
    return _ZH_HEADINGS.get(text, phrase(text, lang)) if lang == "zh" else text


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _link(source: Source, text: str) -> str:
    """A link to where the page was read; only http and https addresses become links."""
    url = web_address(source.cited_url)
    if url:
        return f'<a href="{_e(url)}" rel="noopener">{_e(text)}</a>'
    return _e(text)


def _outlet(source: Source, lang: Lang) -> str:
    return (source.publisher_zh or source.publisher) if lang == "zh" else source.publisher


def _label(row: FigureRow, lang: Lang) -> str:
    return (row.label_zh or row.label) if lang == "zh" else row.label


def _period(period: Period, lang: Lang, as_of: str | None = None) -> str:
    return period_words(period, lang, as_of)


def _value(r: FigureRow, lang: Lang) -> str:
    return format_value(r.value, r.unit, derived=r.derived, qualifier=r.qualifier, lang=lang)


def _figure_table(rows: list[FigureRow], sources: dict[str, Source], caption: str, lang: Lang, notes: list[str]) -> str:
    head = "".join(f'<th scope="col">{_t(h, lang)}</th>' for h in ("Figure", "Value", "Period", "Scope", "Source"))
    body = []
    for r in rows:
        mark = ""
        if r.derived:
            notes.append(f"{_e(_label(r, lang))}: {_e(r.formula or '')}")
            mark = f'<sup><a href="#fn{len(notes)}" id="ref{len(notes)}">[{len(notes)}]</a></sup>'
        value = _value(r, lang)
        cited = [sources[s] for s in (r.sources or [r.source]) if s in sources]
        where = "; ".join(_link(s, f"{_outlet(s, lang)} {s.date}") for s in cited)
        scope = (r.scope_zh or r.scope) if lang == "zh" else r.scope
        body.append(
            f'<tr><th scope="row">{_e(_label(r, lang))}{mark}</th><td class="num">{_e(value)}</td>'
            f"<td>{_e(_period(r.period, lang))}</td><td>{_e(scope)}</td><td>{where}</td></tr>"
        )
    return (
        f'<div class="scroll"><table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _observed_rows(observations: list[Observed], unit: str, lang: Lang, measure_label: str | None = None) -> str:
    rows = []
    for o in observations:
        shown = o.value_in_unit if o.value_in_unit is not None else o.value
        value = format_value(shown, unit if o.value_in_unit is not None else o.unit, qualifier=o.qualifier, lang=lang)
        first = f'<th scope="row">{_e(measure_label)}</th>' if measure_label is not None else ""
        source = _link(o.source, f"{_outlet(o.source, lang)} {o.source.date}")
        cell = f'<th scope="row">{source}</th>' if measure_label is None else f"<td>{source}</td>"
        rows.append(
            f"<tr>{first}{cell}<td>{_e(_period(o.period, lang, o.as_of))}</td>"
            f'<td lang="{o.source.language or lang}">{_e(o.as_stated)}</td><td class="num">{_e(value)}</td>'
            f"<td>{_e(locator_words(o.locator, lang))}</td></tr>"
        )
    return "".join(rows)


def _comparison(c: Comparison, lang: Lang) -> str:
    label = (c.label_zh or c.label) if lang == "zh" else c.label
    verdict = _t(c.verdict, lang)
    gap = ""
    if c.gap:
        percent = "" if c.gap_percent is None else f" ({c.gap_percent:.1f}%)"
        gap = f", {_t('gap', lang)} {format_value(c.gap, c.unit, derived=True, lang=lang)}{percent}"
    period = _period(c.period, lang)
    head = "".join(f'<th scope="col">{_t(h, lang)}</th>' for h in ("Source", "Period", "Stated as", "Value", "Where"))
    note = (c.note_zh or c.note) if lang == "zh" else c.note
    return (
        f'<div class="scroll"><table><caption>{_e(label)} · {_e(period)}: '
        f'<span class="verdict {c.verdict}">{_e(verdict)}</span>{_e(gap)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{_observed_rows(c.observations, c.unit, lang)}</tbody></table></div>"
        + (f'<p class="note">{_e(note)}</p>' if note else "")
    )


def _section(anchor: str, heading: str, lang: Lang) -> str:
    return f'<section id="{anchor}" aria-labelledby="h-{anchor}"><h2 id="h-{anchor}">{_t(heading, lang)}</h2>'


def _figure_svg(result: object, lang: Lang) -> str:
    return "".join(
        f"<figure>{to_svg(spec)}<figcaption>{_e(spec.title)}. {_e(spec.source)}</figcaption></figure>"
        for spec in specs_for(result, lang)
    )


def _citation_text(citation: Citation) -> str:
    from .citations import format_citation

    return format_citation(citation, "en").strip()


def to_html(report: Report, lang: Lang = "en") -> str:
    """The report as one HTML document."""
    from ..results import Citation

    sources = {s.id: s for s in report.sources}
    notes: list[str] = []
    title = (report.summary.title_zh or report.summary.title) if lang == "zh" else report.summary.title
    title = title.rsplit(":", 1)[0].rsplit("：", 1)[0]  # the program's name, without the view's title
    dates = sorted(s.date for s in report.sources)
    lead = _t("{figures} figures from {sources} sources, {first} to {last}.", lang).format(
        figures=report.observation_count, sources=len(report.sources), first=dates[0][:4], last=dates[-1][:4]
    )
    sections = [("headline", "Headline figures"), ("compare", "Where the sources agree or differ"),
                ("trends", "Over time"), ("figures-section", "Every figure"), ("timeline", "Timeline"),
                ("sources", "Sources")]  # fmt: skip
    nav = "".join(f'<li><a href="#{i}">{_t(h, lang)}</a></li>' for i, h in sections)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        f'<header><h1>{_e(title)}</h1><p class="lead">{_e(lead)}</p>',
        f'<nav aria-label="{_t("Contents", lang)}"><ul>{nav}</ul></nav></header><main>',
    ]
    summary_caption = (report.summary.title_zh or report.summary.title) if lang == "zh" else report.summary.title
    out.append(_section("headline", "Headline figures", lang))
    out.append(_figure_table(report.summary.figures, sources, summary_caption, lang, notes))
    out.append(_figure_svg(report.summary, lang) + "</section>")

    out.append(_section("compare", "Where the sources agree or differ", lang))
    out.extend(_comparison(c, lang) for c in report.compare.comparisons)
    for d in report.compare.distinct:
        names = " / ".join(_e((m.label_zh or m.label) if lang == "zh" else m.label) for m in d.measures)
        head = "".join(
            f'<th scope="col">{_t(h, lang)}</th>'
            for h in ("Measure", "Source", "Period", "Stated as", "Value", "Where")
        )
        body = "".join(
            _observed_rows(group, m.unit, lang, (m.label_zh or m.label) if lang == "zh" else m.label)
            for m, group in zip(d.measures, d.observations, strict=True)
        )
        out.append(
            f'<div class="scroll"><table><caption>{_t("Not the same measure", lang)}: {names}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )
        for m in d.measures:
            note = (m.note_zh or m.note) if lang == "zh" else m.note
            if note:
                out.append(f'<p class="note">{_e(note)}</p>')
    out.append("</section>")

    out.append(_section("trends", "Over time", lang))
    for trend in report.trends:
        label = (trend.label_zh or trend.label) if lang == "zh" else trend.label
        out.append(f"<h3>{_e(label)}</h3>{_figure_svg(trend, lang)}")
        head = "".join(
            f'<th scope="col">{_t(h, lang)}</th>' for h in ("Source", "Period", "Stated as", "Value", "Where")
        )
        rows = _observed_rows([p.observed for p in trend.points], trend.unit, lang)
        out.append(
            f'<div class="scroll"><table><caption>{_e(label)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>"
        )
    out.append("</section>")

    template = _t("{n} figures shown", lang)
    out.append(
        _section("figures-section", "Every figure", lang)
        + f'<p class="search"><label for="filter">{_t("Filter the figures", lang)}</label>'
        f'<input id="filter" type="search" disabled> <span id="filter-status" role="status" aria-live="polite" '
        f'data-template="{_e(template)}"></span></p>'
    )
    head = "".join(
        f'<th scope="col">{_t(h, lang)}</th>' for h in ("Measure", "Source", "Period", "Stated as", "Value", "Where")
    )
    body = "".join(
        _observed_rows(detail.observations, detail.measure.unit, lang,
                       (detail.measure.label_zh or detail.measure.label) if lang == "zh" else detail.measure.label)
        for detail in report.measures
    )  # fmt: skip
    out.append(
        f'<div class="scroll"><table id="figures"><caption>{_t("Every figure", lang)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></section>"
    )

    out.append(_section("timeline", "Timeline", lang) + '<ol class="timeline">')
    for entry in report.timeline.events:
        e = entry.event
        when = (e.when_zh or e.when) if lang == "zh" else e.when
        label = (e.label_zh or e.label) if lang == "zh" else e.label
        source = sources.get(e.source)
        by = f" — {_link(source, f'{_outlet(source, lang)} {source.date}')}" if source else ""
        figures = "; ".join(f"{_e(_label(r, lang))}: {_e(_value(r, lang))}" for r in entry.figures)
        out.append(
            f"<li><strong>{_e(when)}</strong>: {_e(label)}{by}"
            + (f'<br><span class="note">{figures}</span>' if figures else "")
            + "</li>"
        )
    out.append("</ol></section>")

    out.append(_section("sources", "Sources", lang) + '<ol class="sources">')
    for s in report.sources:
        citation = _citation_text(Citation("cite", "apa", s, report.program))
        counted = report.figure_counts.get(s.id, 0)
        out.append(
            f'<li id="src-{_e(s.id)}" lang="{s.language or lang}">{_e(citation)} '
            f'<span class="note">({counted} · {_link(s, web_address(s.cited_url) or "")})</span></li>'
        )
    out.append("</ol></section></main>")

    out.append("<footer>")
    if notes:
        derived = _t("Derived figures are computed from the figures they name, never printed by a source.", lang)
        out.append(f'<h2>{_t("Notes", lang)}</h2><p>{_e(derived)}</p><ol class="footnotes">')
        out.extend(
            f'<li id="fn{i}">{n} <a href="#ref{i}" aria-label="{_t("back to the figure", lang)}">↩</a></li>'
            for i, n in enumerate(notes, 1)
        )
        out.append("</ol>")
    made = _t("Made with pairing from the dataset's sources; every figure links to the page it was read in.", lang)
    out.append(f"<p>{_e(made)}</p></footer>")
    out.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(out) + "\n"
