"""The whole dataset as one self-contained HTML page a newsroom can publish: semantic tables with captions (each row
a card on a phone), charts as inline SVG (each once, its data and drawing downloadable), the sources with their
references and links, a footer with the version, the date, the licence and how to cite the page. Nothing is loaded
from the network; it reads whole without JavaScript, and with it a search box filters the table of every figure.

The Chinese page is Chinese throughout: data texts in their Chinese versions, full-width punctuation in every
sentence built here, no space between a number and its Chinese unit.
"""

from __future__ import annotations

import base64
import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import TYPE_CHECKING

from ..data.vocabulary import Lang
from ..documents import csv_text
from ..language.numbers import format_value
from ..language.words import LOCATOR_NAMES_ZH, period_words, phrase, say
from ..text import localised, web_address
from .charts import specs_for, to_svg

if TYPE_CHECKING:
    from ..data.models import Period, Program, Source
    from ..results import Chart, Comparison, FigureRow, Observed, PairingOverview, Report

# Charts are drawn this wide and scaled to the column: on a 360-pixel phone their smallest text stays above 8 px;
# on a desktop they are shown up to CHART_MAX wide.
CHART_WIDTH = 420
# A chart's data as a file to save (the link's `download` names it .csv); never a `data:text/…` address, which no
# output of the tool writes.
CSV_TYPE = "application/octet-stream"
SVG_TYPE = "image/svg+xml;charset=utf-8"

STYLE = """
:root { color-scheme: light; --ink: #1d1d1d; --muted: #595959; --line: #d9d9d9; --accent: #1f5a8c; --bad: #a1261d; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
:lang(zh) { line-break: strict; }
header, main, footer { max-width: 72rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
p.lead { color: var(--muted); margin-top: 0; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; }
a { color: var(--accent); }
a:focus, input:focus { outline: 3px solid #f2b100; outline-offset: 1px; }
main, footer, td, th, caption, li, p { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1.2rem; font-size: .93rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
thead th { border-bottom: 2px solid var(--ink); }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.verdict { font-weight: 700; }
.verdict.different { color: var(--bad); }
.verdict.consistent { color: #1d6b35; }
figure.chart { margin: 1rem 0 1.6rem; }
figure.chart svg { display: block; width: 100%; max-width: 34rem; height: auto; }
figcaption, .note { color: var(--muted); font-size: .88rem; }
label { font-weight: 600; margin-right: .5rem; }
input[type=search] { font: inherit; padding: .35rem .5rem; width: min(26rem, 100%); border: 1px solid #767676; }
ol.footnotes, ol.sources { padding-left: 1.4rem; font-size: .9rem; }
ol.timeline { padding-left: 1.2rem; }
footer { color: var(--muted); font-size: .88rem; margin-top: 3rem; padding-bottom: 2rem;
  border-top: 1px solid var(--line); }
footer h2 { color: var(--ink); font-size: 1.05rem; border: 0; margin-top: 1.4rem; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
footer dt { font-weight: 600; color: var(--ink); }
footer dd { margin: 0; }
cite { font-style: normal; }
.date { white-space: nowrap; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  table { font-size: .9rem; }
  /* each row a card: the column heads hidden from the eye (kept for screen readers), each cell labelled */
  table, tbody, tr, th, td, caption { display: block; width: auto; }
  thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  tr { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 .6rem; padding: .35rem .6rem; }
  th, td, td.num { border: 0; padding: .12rem 0; text-align: left; white-space: normal; }
  tbody th[scope=row] { font-weight: 700; }
  [data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: var(--muted); }
  :lang(zh) [data-label]::before { content: attr(data-label) "："; }
  footer dl { grid-template-columns: 1fr; }
  footer dd { margin-bottom: .4rem; }
}
@media print {
  nav, .search, .downloads, script { display: none; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; word-break: break-all; }
  h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
  header, main, footer { max-width: none; }
}
"""

# Filters the rows of the table of every figure as the reader types; without JavaScript the table is whole.
SCRIPT = """
(function () {
  var input = document.getElementById("filter");
  if (!input) { return; }
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


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass(frozen=True)
class Marks:
    """The punctuation a sentence built here uses, per language."""

    colon: str
    semicolon: str
    comma: str
    open: str
    close: str
    stop: str
    dash: str


MARKS: dict[Lang, Marks] = {
    "en": Marks(": ", "; ", ", ", " (", ")", ".", " — "),
    "zh": Marks("：", "；", "，", "（", "）", "。", "——"),
}

# A space between a number (or %) and a Chinese character, or the other way round: Chinese sets them solid.
_ZH_SPACE = re.compile(r"(?<=[\d%])\s+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s+(?=\d)")


def _solid(text: str, lang: Lang) -> str:
    """A phrase built from parts ('超过 2000 户'), set as Chinese sets it ('超过2000户')."""
    return _ZH_SPACE.sub("", text) if lang == "zh" else text


def _name(item: object, field: str, lang: Lang) -> str:
    """A data text in the page's language: its Chinese version on the Chinese page where it has one."""
    return localised(str(getattr(item, field) or ""), getattr(item, f"{field}_zh", None), lang)


def _text(item: object, field: str, lang: Lang) -> str:
    """A data text as HTML in the page's language; on the Chinese page, one with no Chinese version is marked as the
    English it is (`pairing validate` warns of each)."""
    text = getattr(item, field) or ""
    if lang == "zh" and not getattr(item, f"{field}_zh", None) and re.search(r"[A-Za-z]{3,}", text):
        return f'<span lang="en">{_e(text)}</span>'
    return _e(_name(item, field, lang))


def _link(source: Source, html: str) -> str:
    """A link (around html) to where the page was read; only http and https addresses become links."""
    url = web_address(source.cited_url)
    if url:
        return f'<a href="{_e(url)}" rel="noopener">{html}</a>'
    return html


def _by(source: Source, lang: Lang) -> str:
    """A source as a cell names it: its outlet and date, linked."""
    return _link(source, f'{_text(source, "publisher", lang)} <span class="date">{_e(source.date)}</span>')


def _period(period: Period, lang: Lang, as_of: str | None = None) -> str:
    return period_words(period, lang, as_of)


def _value(r: FigureRow, lang: Lang) -> str:
    return _solid(format_value(r.value, r.unit, derived=r.derived, qualifier=r.qualifier, lang=lang), lang)


# Where in a source: 'paragraph 4' and its kin in Chinese; the rest, where it is English, left in English and said so.
_PARAGRAPH = re.compile(r"^(?:(?:article|body|Overview,?)\s+)?paragraph (\d+)(?: of the body)?$")


def _where(locator: str | None, lang: Lang) -> str:
    """A locator as a cell shows it (HTML)."""
    text = locator or ""
    if lang != "zh" or not text:
        return _e(text)
    main, _, rest = text.partition(" (")
    found = _PARAGRAPH.match(main.strip())
    aside = rest.removesuffix(")").strip()
    if found and (not aside or re.search(r"[A-Za-z]{3,}", aside.removeprefix("begins "))):
        return f"第{found.group(1)}段"  # the English aside ('the figures paragraph') adds nothing a reader needs
    if found:
        begins = aside.startswith("begins ")
        quoted = _cjk_marks(aside.removeprefix("begins ").strip("'‘’ "))
        return f"第{found.group(1)}段（{'始于' if begins else ''}“{_e(quoted)}”）"
    if text in LOCATOR_NAMES_ZH:
        return LOCATOR_NAMES_ZH[text]
    begins_with = re.match(r"^paragraph beginning '?(.+?)'?$", text)
    if begins_with and not re.search(r"[A-Za-z]{3,}", begins_with.group(1)):
        return f"以“{_e(_cjk_marks(begins_with.group(1)))}”开头的段落"
    if not re.search(r"[A-Za-z]{3,}", text):
        return _e(_cjk_marks(text))
    return f'<span lang="en">{_e(text)}</span>'


_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）"})
_CJK_MARK = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef…])[,;:()]|[,;:()](?=[\u3000-\u303f\u3400-\u9fff\uff00-\uffef…])"
)


def _cjk_marks(text: str) -> str:
    """Chinese text with the half-width marks it was typed with (',' after a Chinese character) made full-width."""
    return _CJK_MARK.sub(lambda m: m.group(0).translate(_FULL_WIDTH), text)


def _cell(label: str, body: str, *, cls: str = "", lang_attr: str = "") -> str:
    """A data cell labelled with its column's head (which a phone shows before it)."""
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' lang="{lang_attr}"' if lang_attr else ""
    return f'<td data-label="{_e(label)}"{attrs}>{body}</td>'


def _head(columns: tuple[str, ...], lang: Lang, context: str | None = None) -> str:
    heads = "".join(f'<th scope="col">{phrase(h, lang, context)}</th>' for h in columns)
    return f"<thead><tr>{heads}</tr></thead>"


def _figure_table(rows: list[FigureRow], sources: dict[str, Source], caption: str, lang: Lang, notes: list[str]) -> str:
    m = MARKS[lang]
    body = []
    for r in rows:
        mark = ""
        if r.derived:
            notes.append(f"{_text(r, 'label', lang)}{m.colon}<code>{_e(r.formula or '')}</code>")
            mark = f'<sup><a href="#fn{len(notes)}" id="ref{len(notes)}">[{len(notes)}]</a></sup>'
        cited = [sources[s] for s in (r.sources or [r.source]) if s in sources]
        body.append(
            f'<tr><th scope="row">{_text(r, "label", lang)}{mark}</th>'
            + _cell(phrase("Value", lang), _e(_value(r, lang)), cls="num")
            + _cell(phrase("Period", lang), _e(_period(r.period, lang)))
            + _cell(phrase("Scope", lang), _text(r, "scope", lang))
            + _cell(phrase("Source", lang), m.semicolon.join(_by(s, lang) for s in cited))
            + "</tr>"
        )
    return (
        f"<table><caption>{_e(caption)}</caption>{_head(('Figure', 'Value', 'Period', 'Scope', 'Source'), lang)}"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _observed_value(o: Observed, unit: str, lang: Lang) -> str:
    """A figure in the measure's unit: a converted one (mu to hectares) rounded for reading, as a derived one is."""
    if o.value_in_unit is None:
        return _solid(format_value(o.value, o.unit, qualifier=o.qualifier, lang=lang), lang)
    converted = o.unit != unit or (not float(o.value_in_unit).is_integer() and o.value_in_unit != o.value)
    text = format_value(o.value_in_unit, unit, derived=converted, qualifier=o.qualifier, lang=lang)
    return _solid(text, lang)


def _observed_rows(observations: list[Observed], unit: str, lang: Lang, measure_label: str | None = None) -> str:
    rows = []
    for o in observations:
        if measure_label is not None:
            first = f'<th scope="row">{_e(measure_label)}</th>' + _cell(phrase("Source", lang), _by(o.source, lang))
        else:
            first = f'<th scope="row">{_by(o.source, lang)}</th>'
        rows.append(
            f"<tr>{first}"
            + _cell(phrase("Period", lang), _e(_period(o.period, lang, o.as_of)))
            + _cell(phrase("Stated as", lang), _e(o.as_stated), cls="stated", lang_attr=o.source.language or lang)
            + _cell(phrase("Value", lang), _e(_observed_value(o, unit, lang)), cls="num")
            + _cell(phrase("Where", lang), _where(o.locator, lang))
            + "</tr>"
        )
    return "".join(rows)


def _percent(value: float, lang: Lang) -> str:
    return f"{value:.1f}%"


def _comparison(c: Comparison, lang: Lang) -> str:
    m = MARKS[lang]
    gap = ""
    if c.gap:
        percent = "" if c.gap_percent is None else f"{m.open}{_percent(c.gap_percent, lang)}{m.close}"
        amount = _solid(format_value(c.gap, c.unit, derived=True, lang=lang), lang)
        gap = f"{m.comma}{phrase('gap', lang)}{'' if lang == 'zh' else ' '}{amount}{percent}"
    note = _name(c, "note", lang)
    return (
        f"<table><caption>{_text(c, 'label', lang)}{m.comma}{_e(_period(c.period, lang))}{m.colon}"
        f'<span class="verdict {c.verdict}">{_e(phrase(c.verdict, lang))}</span>{_e(gap)}</caption>'
        f"{_head(('Source', 'Period', 'Stated as', 'Value', 'Where'), lang)}"
        f"<tbody>{_observed_rows(c.observations, c.unit, lang)}</tbody></table>"
        + (f'<p class="note">{_e(note)}</p>' if note else "")
    )


_EVERY = ("Measure", "Source", "Period", "Stated as", "Value", "Where")


def _section(anchor: str, heading: str, lang: Lang) -> str:
    return f'<section id="{anchor}" aria-labelledby="h-{anchor}"><h2 id="h-{anchor}">{phrase(heading, lang)}</h2>'


_ID = re.compile(r'\bid="([^"]+)"')


def _inline(svg: str, prefix: str) -> str:
    """A chart's SVG made fit to sit in a page beside others: each id it declares (and each reference to one) given
    the chart's own prefix, so that two charts' titles are never one id."""
    for name in dict.fromkeys(_ID.findall(svg)):
        svg = re.sub(rf'(?<=["#\s]){re.escape(name)}(?=["\s)])', f"{prefix}-{name}", svg)
    return svg


def _data_url(text: str, mime: str) -> str:
    """A file inside the page, for a `download` link: nothing fetched, no script needed."""
    return f"data:{mime};base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


def _chart_csv(chart: Chart, lang: Lang) -> str:
    """A chart's data, one row a bar or point, values in the chart's unit at full precision."""
    out = io.StringIO()
    out.write("\ufeff")  # a byte-order mark: spreadsheets then read the file as UTF-8, Chinese labels and all
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["label", "value", "unit", "qualifier", "derived", "year", "period", "scope"])
    for b in chart.bars:
        cells = [
            _name(b, "label", lang), b.value, b.unit, b.qualifier, "true" if b.derived else "false",
            "" if b.x is None else f"{b.x:g}", "" if b.period is None else _period(b.period, lang),
            localised(b.scope or "", b.scope_zh, lang),
        ]  # fmt: skip
        # As every CSV the tool writes: a text a spreadsheet would run as a formula is neutralised.
        writer.writerow([csv_text(c) if isinstance(c, str) else c for c in cells])
    return out.getvalue()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower() or "chart"


class _Charts:
    """The page's charts, numbered in order, each drawn once with its downloads."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.count = 0

    def draw(self, result: object, charts: list[Chart], stem: str) -> str:
        specs = specs_for(result, self.lang)
        drawn = [c for c in charts if c.bars]
        out = []
        for spec, chart in zip(specs, drawn, strict=False):
            self.count += 1
            name = f"{stem}-{_slug(str(chart.title))}"
            svg = to_svg(spec, CHART_WIDTH)
            links = (
                f'<a href="{_data_url(_chart_csv(chart, self.lang), CSV_TYPE)}" download="{name}.csv">'
                f"{phrase('data (CSV)', self.lang)}</a> · "
                f'<a href="{_data_url(svg, SVG_TYPE)}" download="{name}.svg">{phrase("chart (SVG)", self.lang)}</a>'
            )
            out.append(
                f'<figure class="chart" id="chart-{self.count}">{_inline(svg, f"c{self.count}")}'
                f'<figcaption class="downloads">{phrase("Download", self.lang)}{MARKS[self.lang].colon}{links}'
                "</figcaption></figure>"
            )
        return "".join(out)


def _reference(s: Source, lang: Lang, program: Program) -> str:
    """A source as the list of sources gives it: in English, its APA reference; in Chinese, outlet, title and date
    in Chinese punctuation, the title in its own language."""
    if lang == "zh":
        title = s.title or "（副本中未显示标题）"
        return f'{_text(s, "publisher", lang)}：<cite lang="{s.language or "zh"}">{_e(title)}</cite>，{_e(s.date)}'
    from ..results import Citation
    from .citations import format_citation

    reference = format_citation(Citation("cite", "apa", s, program), "en").strip()
    return f'<span lang="{s.language or "en"}">{_e(reference)}</span>'


def _generated_words(day: date, lang: Lang) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def _footer(title: str, lang: Lang, version: str, generated: date) -> str:
    """What a reader needs to reuse the page: the tool and its version, when it was made, the terms, how to cite."""
    when = _generated_words(generated, lang)
    if lang == "zh":
        made = f"<code>pairing</code>（{_e(version)}版），由数据集所列来源生成；每项数据都链接到其出处页面。"
        licence = (
            "各项数据是所引来源报道的事实，适用各出版方自己的条款，原文引语的版权归出版方所有；"
            "数据集的汇编与本页依MIT许可发布，与<code>pairing</code>工具相同。"
        )
        cite = f"《{_e(title)}》，由<code>pairing</code>（{_e(version)}版）生成，{when}。"
    else:
        made = (
            f"<code>pairing</code> {_e(version)}, from the dataset's sources; every figure links to the page it "
            "was read in."
        )
        licence = (
            "The figures are facts reported by the sources cited, each under its publisher's own terms; verbatim "
            "quotes remain their publishers' copyright. The dataset's compilation and this page are MIT-licensed, "
            "like the pairing tool."
        )
        cite = f"<i>{_e(title)}</i>. Generated by <code>pairing</code> {_e(version)} on {when}."
    rows = [("Made with", made), ("Generated", when), ("Licence", licence), ("How to cite", cite)]
    items = "".join(f"<dt>{phrase(k, lang)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<h2 id="about">{phrase("About this page", lang)}</h2><dl>{items}</dl>'


def _document(title: str, lang: Lang, head: str, body: list[str]) -> str:
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-Hans" if lang == "zh" else "en"}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{STYLE}</style></head><body>",
        head,
        *body,
        f"<script>{SCRIPT}</script></body></html>",
    ]) + "\n"  # fmt: skip


def _program_title(program: Program, lang: Lang) -> str:
    return _name(program, "name", lang)


def _amount(value: float, unit: str, qualifier: str, lang: Lang) -> str:
    return _solid(format_value(value, unit, qualifier=qualifier, lang=lang), lang)


def _pairings_table(pairings: list[PairingOverview], lang: Lang, *, links: bool) -> str:
    """Each program in a row: its name (a link to its page where the pages are written together), its partners,
    its headline fiscal aid and how much of a record it has."""
    m = MARKS[lang]
    rows = []
    for p in pairings:
        program = p.entry.program
        name = _e(_program_title(program, lang))
        if links:
            name = f'<a href="{_e(program.id)}.html">{name}</a>'
        partners = (
            "、".join(_text(x, "name", lang) for x in program.partners)
            if lang == "zh"
            else ", ".join(_e(x.name) for x in program.partners)
        )
        aid = "<br>".join(
            f"{_e(_amount(r.observation.value, r.observation.unit, r.observation.qualifier, lang))}"
            f"{m.comma}{_e(_period(r.observation.period, lang, r.observation.as_of))}{m.comma}{_by(r.source, lang)}"
            for r in p.fiscal_aid
        ) or _e(phrase("no fiscal-aid figure in the record", lang))
        record = phrase("{sources} sources, {figures} figures, {first}–{last}", lang).format(
            sources=p.entry.sources, figures=p.entry.observations, first=p.entry.first_year, last=p.entry.last_year
        )
        rows.append(
            f'<tr><th scope="row">{name}</th>'
            + _cell(phrase("Partners", lang), partners)
            + _cell(phrase("Fiscal aid", lang), aid)
            + _cell(phrase("Record", lang), _e(record))
            + "</tr>"
        )
    caption = phrase(
        "Every pair program of the cooperation, with its headline fiscal aid: the latest running total, the latest "
        "sum over several years and the latest single year's, as its sources state them.",
        lang,
    )
    return (
        f"<table><caption>{_e(caption)}</caption>"
        f"{_head(('Program', 'Partners', 'Fiscal aid', 'Record'), lang, 'pairings')}"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def index_html(pairings: list[PairingOverview], lang: Lang, *, version: str, generated: date) -> str:
    """The overview of every program's page: one row a program, linking its page."""
    title = phrase("Every pairing: the public record", lang)
    head = f"<header><h1>{_e(title)}</h1></header><main>"
    body = [_pairings_table(pairings, lang, links=True), "</main>", "<footer>", _footer(title, lang, version,
            generated), "</footer>"]  # fmt: skip
    return _document(title, lang, head, body)


def to_html(
    report: Report,
    lang: Lang = "en",
    *,
    version: str,
    generated: date,
    links: bool = False,
) -> str:
    """The report as one HTML document, saying the tool's version and the date generated; `links` where every
    program's page is written beside it."""
    sources = {s.id: s for s in report.sources}
    notes: list[str] = []
    charts = _Charts(lang)
    title = _program_title(report.program, lang)
    out: list[str] = []
    if report.pairings:
        out.append(_section("pairings", "The pairings", lang) + _pairings_table(report.pairings, lang, links=links))
        out.append("</section>")

    out.append(_section("headline", "Headline figures", lang))
    out.append(_figure_table(report.summary.figures, sources, say(report.summary.title, lang), lang, notes))
    out.append(charts.draw(report.summary, report.summary.charts, "summary") + "</section>")
    out.extend(_compare_section(report, lang))
    out.extend(_trends_section(report, charts, lang))
    out.extend(_every_figure_section(report, lang))
    out.extend(_timeline_section(report, sources, lang))
    out.extend(_sources_section(report, lang))
    out[-1] += "</main>"  # on the line that closes the last section

    out.append("<footer>")
    if notes:
        out.extend(_footnotes(notes, lang))
    out.append(_footer(title, lang, version, generated) + "</footer>")
    return _document(title, lang, _page_head(report, title, lang), out)


def _page_head(report: Report, title: str, lang: Lang) -> str:
    """The page's title, what it holds in a line, and its contents."""
    dates = sorted(s.date for s in report.sources)
    lead = phrase("{figures} figures from {sources} sources, {first} to {last}.", lang).format(
        figures=report.observation_count, sources=len(report.sources), first=dates[0][:4], last=dates[-1][:4]
    )
    sections = [("headline", "Headline figures"), ("compare", "Where the sources agree or differ"),
                ("trends", "Over time"), ("figures-section", "Every figure"), ("timeline", "Timeline"),
                ("sources", "Sources")]  # fmt: skip
    if report.pairings:
        sections.insert(0, ("pairings", "The pairings"))
    nav = "".join(f'<li><a href="#{i}">{phrase(h, lang)}</a></li>' for i, h in sections)
    return (
        f'<header><h1>{_e(title)}</h1><p class="lead">{_e(lead)}</p>'
        f'<nav aria-label="{phrase("Contents", lang)}"><ul>{nav}</ul></nav></header><main>'
    )


def _compare_section(report: Report, lang: Lang) -> list[str]:
    """Each comparison's table, then the measures that are not the same measure, side by side."""
    m = MARKS[lang]
    out = [_section("compare", "Where the sources agree or differ", lang)]
    out.extend(_comparison(c, lang) for c in report.compare.comparisons)
    for d in report.compare.distinct:
        names = " / ".join(_text(x, "label", lang) for x in d.measures)
        body = "".join(
            _observed_rows(group, x.unit, lang, _name(x, "label", lang))
            for x, group in zip(d.measures, d.observations, strict=True)
        )
        out.append(
            f"<table><caption>{phrase('Not the same measure', lang)}{m.colon}{names}</caption>"
            f"{_head(_EVERY, lang)}<tbody>{body}</tbody></table>"
        )
        for x in d.measures:
            note = _name(x, "note", lang)
            if note:
                out.append(f'<p class="note">{_e(note)}</p>')
    out.append("</section>")
    return out


def _trends_section(report: Report, charts: _Charts, lang: Lang) -> list[str]:
    """Each trend's chart, and under it the table of the figures it draws."""
    out = [_section("trends", "Over time", lang)]
    for trend in report.trends:
        drawn = charts.draw(trend, trend.charts, trend.id)
        # The chart names the measure; the table under it says only what it holds. Without a chart, its caption
        # names the measure.
        caption = phrase("The figures charted, with their sources", lang) if drawn else _name(trend, "label", lang)
        rows = _observed_rows([p.observed for p in trend.points], trend.unit, lang)
        out.append(
            f'<div class="trend" id="trend-{_e(trend.id)}">{drawn}<table><caption>{_e(caption)}</caption>'
            f"{_head(('Source', 'Period', 'Stated as', 'Value', 'Where'), lang)}<tbody>{rows}</tbody></table></div>"
        )
    out.append("</section>")
    return out


def _every_figure_section(report: Report, lang: Lang) -> list[str]:
    """The table of every figure, with the search box that filters it."""
    template = phrase("{n} figures shown", lang)
    body = "".join(
        _observed_rows(detail.observations, detail.measure.unit, lang, _name(detail.measure, "label", lang))
        for detail in report.measures
    )
    search = (
        _section("figures-section", "Every figure", lang)
        + f'<p class="search"><label for="filter">{phrase("Filter the figures", lang)}</label>'
        f'<input id="filter" type="search" disabled> <span id="filter-status" role="status" aria-live="polite" '
        f'data-template="{_e(template)}"></span></p>'
    )
    table = (
        f'<table id="figures"><caption>{phrase("Every figure", lang)}</caption>'
        f"{_head(_EVERY, lang)}<tbody>{body}</tbody></table>"
        "</section>"
    )
    return [search, table]


def _timeline_section(report: Report, sources: dict[str, Source], lang: Lang) -> list[str]:
    """Each dated event, with its source and the figures it gives."""
    m = MARKS[lang]
    out = [_section("timeline", "Timeline", lang) + '<ol class="timeline">']
    for entry in report.timeline.events:
        e = entry.event
        source = sources.get(e.source)
        by = f"{m.dash}{_by(source, lang)}" if source else ""
        figures = m.semicolon.join(f"{_text(r, 'label', lang)}{m.colon}{_e(_value(r, lang))}" for r in entry.figures)
        out.append(
            f"<li><strong>{_text(e, 'when', lang)}</strong>{m.colon}{_text(e, 'label', lang)}{by}"
            + (f'<br><span class="note">{figures}</span>' if figures else "")
            + "</li>"
        )
    out.append("</ol></section>")
    return out


def _sources_section(report: Report, lang: Lang) -> list[str]:
    """Every source: its reference, how many figures it gives, its address."""
    m = MARKS[lang]
    out = [_section("sources", "Sources", lang) + '<ol class="sources">']
    for s in report.sources:
        counted = phrase("{n} figures", lang).format(n=report.figure_counts.get(s.id, 0))
        url = web_address(s.cited_url)
        address = f"{m.semicolon}{_link(s, _e(url))}" if url else ""
        out.append(
            f'<li id="src-{_e(s.id)}">{_reference(s, lang, report.program)} '
            f'<span class="note">{m.open.strip()}{_e(counted)}{address}{m.close}</span></li>'
        )
    out.append("</ol></section>")
    return out


def _footnotes(notes: list[str], lang: Lang) -> list[str]:
    """The notes of the derived figures, each linking back to its figure."""
    derived = phrase("Derived figures are computed from the figures they name, never printed by a source.", lang)
    back = phrase("back to the figure", lang)
    return [
        f'<h2 id="notes">{phrase("Notes", lang)}</h2><p>{_e(derived)}</p><ol class="footnotes">',
        *(f'<li id="fn{i}">{n} <a href="#ref{i}" aria-label="{back}">↩</a></li>' for i, n in enumerate(notes, 1)),
        "</ol>",
    ]
