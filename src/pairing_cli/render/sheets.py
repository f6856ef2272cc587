"""Results for people: a titled sheet of text cells with notes underneath, shared by the terminal table and markdown.

A sheet is plain text; the terminal module draws it with Rich and markdown writes it as a pipe table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from .. import results
from ..data.models import Source
from ..data.vocabulary import Lang
from ..documents import Result
from ..language.numbers import format_value
from ..language.words import (
    ACROSS_BASIS_NOTE,
    ACROSS_PERIOD_NOTE,
    CONCEPT_LABELS,
    KIND_RULE,
    QUALIFIER_MEANINGS,
    QUALIFIER_WORDS,
    TREND_RULE,
    TREND_RULE_CUMULATIVE,
    UNIT_NAMES_ZH,
    VERDICT_RULE,
    locator_words,
    period_words,
    phrase,
    program_name,
    say,
)
from ..text import Note, escape_controls, localised


@dataclass(eq=False, repr=False)
class Section:
    """A heading row inside a table (a category of facts)."""

    label: str


@dataclass(eq=False, repr=False)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[str] | Section]
    notes: list[str] = field(default_factory=list)
    # Columns of numbers, drawn right-aligned.
    numeric: frozenset[str] = frozenset()
    show_header: bool = True
    charts: list[results.Chart] = field(default_factory=list)
    # Columns kept on one line where the terminal allows (ids, to copy into `pairing show`).
    unbroken: frozenset[str] = frozenset({"ID"})


def _label(row: results.FigureRow, lang: Lang) -> str:
    return localised(row.label, row.label_zh, lang)


def _period(row: results.FigureRow, lang: Lang) -> str:
    return period_words(row.period, lang)


def _scope(row: results.FigureRow, lang: Lang) -> str:
    return localised(row.scope, row.scope_zh, lang)


def _value(row: results.FigureRow, lang: Lang) -> str:
    return format_value(row.value, row.unit, derived=row.derived, qualifier=row.qualifier, lang=lang)


def _title(source: Source, lang: Lang) -> str:
    return source.title or ("［所读副本未显示标题］" if lang == "zh" else source.shown_title)


def _date(source: Source, lang: Lang) -> str:
    if source.date_kind != "inferred":
        return source.date
    return f"{source.date}（推断）" if lang == "zh" else f"{source.date} (inferred)"


def _source_line(source: Source, lang: Lang) -> str:
    if lang == "zh":
        kind = {"updated": "更新", "published": "发布", "inferred": "日期系推断"}[source.date_kind]
        site_zh = f"{source.site}，" if source.site else ""
        publisher = localised(source.publisher, source.publisher_zh, lang)
        return f"来源：{publisher}，“{_title(source, lang)}”（{site_zh}{source.date} {kind}）。"
    site = f"{source.site}, " if source.site else ""
    kind = "date inferred," if source.date_kind == "inferred" else source.date_kind
    return f'Source: {source.publisher}, "{source.shown_title}" ({site}{kind} {source.date}).'


def _footnote(row: results.FigureRow, lang: Lang) -> str:
    inputs = ", ".join(f"{k} = {v}" for k, v in (row.inputs or {}).items())
    return phrase("Derived: {}", lang).format(row.formula) + (f"; {inputs}" if inputs else "")


def _rate_line(yuan_per_usd: float, basis: Note | None, lang: Lang) -> str:
    template = phrase("US dollars at {rate} yuan per dollar, {basis}.", lang)
    chosen = None if basis is None else say(basis, lang)
    # The basis may end with a dataset note's own full stop; the sentence gives its own.
    return template.format(rate=f"{yuan_per_usd:.4f}", basis=(chosen or "").rstrip(".。"))


def _figure_sheet(result: results.FigureReport, lang: Lang) -> Sheet:
    scopes = {_scope(r, lang) for r in result.figures}
    one_scope = len(scopes) == 1  # said once, under the table, rather than in a column
    headers = [
        *(["ID"] if result.listing else []),
        "Figure",
        "Value",
        "Period",
        *([] if one_scope else ["Scope"]),
        *(c.header for c in result.table_columns),
    ]
    rows, footnotes = _figure_rows(result, lang, scope_column=not one_scope)
    notes = [f"[{i}] {text}" for i, text in enumerate(footnotes, 1)]
    if one_scope:
        notes.append(phrase("Scope: {}.", lang).format(scopes.pop()))
    if result.meta.get("yuan_per_usd") is not None:
        notes.append(_rate_line(result.meta["yuan_per_usd"], result.meta["rate_basis"], lang))
    notes.extend(say(n, lang) for n in result.notes)
    notes.extend(_source_line(s, lang) for s in result.sources)
    title = say(result.title, lang)
    numeric = frozenset({"Value", *(c.header for c in result.table_columns)})
    return Sheet(title, headers, rows, notes, numeric, charts=result.charts)


def _figure_rows(
    result: results.FigureReport, lang: Lang, *, scope_column: bool
) -> tuple[list[list[str] | Section], list[str]]:
    """One row a figure (under its category's heading in a listing), and the footnotes of the derived ones, which
    their labels number."""
    category_names = {c.id: localised(c.label, c.label_zh, lang) for c in result.categories}
    rows: list[list[str] | Section] = []
    footnotes: list[str] = []
    category = None
    for r in result.figures:
        if result.listing and r.category != category:
            category = r.category
            rows.append(Section(category_names.get(category, category)))
        label = _label(r, lang)
        if r.derived:
            footnotes.append(_footnote(r, lang))
            label = f"{label} [{len(footnotes)}]"
        rows.append(
            [
                *([r.id] if result.listing else []),
                label,
                _value(r, lang),
                _period(r, lang),
                *([_scope(r, lang)] if scope_column else []),
                *_extra_cells(r, result.table_columns, lang),
            ]
        )
    return rows, footnotes


def _extra_cells(row: results.FigureRow, columns: list[results.Column], lang: Lang) -> list[str]:
    """A figure's cells in a report's extra columns (a share of the total, a sum in US dollars): numbers only."""
    cells = []
    for col in columns:
        shown = col.values.get(row.id)
        cells.append("" if shown is None else format_value(shown, col.unit, derived=True, lang=lang))
    return cells


def _detail_sheet(result: results.FigureDetail, lang: Lang) -> Sheet:
    r = result.figure
    rows = [*_detail_value_rows(result, lang), *_detail_source_rows(result, lang)]
    notes = []
    if result.yuan_per_usd is not None:
        notes.append(_rate_line(result.yuan_per_usd, result.rate_basis, lang))
    translated: list[list[str] | Section] = [[phrase(field, lang), value] for field, value in rows]
    kind = phrase("Derived", lang) if r.derived else phrase("Stated", lang)
    title = f"{_label(r, lang)}（{kind}）" if lang == "zh" else f"{_label(r, lang)} ({kind})"
    return Sheet(title, ["Field", "Value"], translated, notes, show_header=False)


def _detail_value_rows(result: results.FigureDetail, lang: Lang) -> list[tuple[str, str]]:
    """What a figure is, (field, value): its id, label, value (and in other units), qualifier, period, scope and
    category."""
    r = result.figure
    qualifier = f"{r.qualifier}_derived" if r.derived else r.qualifier
    rows = [
        ("ID", r.id),
        ("Figure", _label(r, lang)),
        ("Value", _value(r, lang)),
        ("Qualifier", QUALIFIER_MEANINGS[lang].get(qualifier, r.qualifier)),
    ]
    others = [format_value(v, u, derived=True, lang=lang) for u, v in result.in_units.items() if u != r.unit]
    if others:
        rows.append(("In other units", "\n".join(others)))
    rows.append(("Period", _period(r, lang)))
    if r.period.note:
        rows.append(("Period note", localised(r.period.note, r.period.note_zh, lang)))
    rows.append(("Scope", _scope(r, lang)))
    category = localised(result.category_label, result.category_label_zh, lang)
    rows.append(("Category", category or r.category))
    return rows


def _detail_source_rows(result: results.FigureDetail, lang: Lang) -> list[tuple[str, str]]:
    """Where a figure comes from, (field, value): as printed, the sentence, the source's own conversions, each
    source; for a derived figure its formula and inputs."""
    r = result.figure
    rows = []
    if r.as_stated:
        rows.append(("Stated as", r.as_stated))
    if r.quote:
        rows.append(("Sentence", r.quote))
    rows.extend(("Source's own conversion", c.as_stated) for c in result.stated_conversions)
    for source in [result.source, *result.more_sources] if result.source is not None else []:
        rows.append(("Source", _source_line(source, lang).split("：" if lang == "zh" else ": ", 1)[1]))
    if r.formula:
        rows.append(("Formula", r.formula))
        inputs = [f"{i.id} = {_value(i, lang)}" for i in result.inputs]
        known = {i.id for i in result.inputs}
        inputs += [f"{k} = {v}" for k, v in (r.inputs or {}).items() if k not in known]
        rows.append(("Inputs", "\n".join(inputs)))
    return rows


def _timeline_sheet(result: results.Timeline, lang: Lang) -> Sheet:
    rows: list[list[str] | Section] = []
    sources = {s.id: s for s in result.sources}
    for entry in result.events:
        e = entry.event
        when = localised(e.when, e.when_zh, lang)
        if not e.stated:
            when += "\n" + phrase("(date implied, not stated)", lang)
        label = localised(e.label, e.label_zh, lang)
        source = sources.get(e.source)
        if source is not None and len(sources) > 1:  # whose event it is, once the timeline merges several sources
            label += f"\n— {localised(source.publisher, source.publisher_zh, lang)}"
            label += f" {source.date}"
        colon = "：" if lang == "zh" else ": "
        figures = "\n".join(f"{_label(r, lang)}{colon}{_value(r, lang)}" for r in entry.figures)
        rows.append([when, label, figures])
    notes = [_source_line(s, lang) for s in result.sources]
    title = say(result.title, lang)
    return Sheet(title, ["When", "Event", "Figures"], rows, notes)


def _outlet(o: results.Observed, lang: Lang) -> str:
    name = localised(o.source.publisher, o.source.publisher_zh, lang)
    return f"{name}\n{o.source.date}"


def _observed_row(o: results.Observed, unit: str, lang: Lang) -> list[str]:
    """Source and date, period, the figure as printed, its value in the measure's unit, and where it is printed."""
    period = period_words(o.period, lang, o.as_of)
    return [_outlet(o, lang), period, o.as_stated, _measured(o, unit, lang), _where(o, lang)]


def _measured(o: results.Observed, unit: str, lang: Lang) -> str:
    """The value in the measure's unit; a converted one rounded as derived figures are."""
    if o.value_in_unit is None:
        return format_value(o.value, o.unit, qualifier=o.qualifier, lang=lang)
    converted = o.unit != unit
    return format_value(o.value_in_unit, unit, derived=converted, qualifier=o.qualifier, lang=lang)


def _verdict(c: results.Comparison, lang: Lang) -> str:
    verdict = phrase(c.verdict.upper(), lang)
    if c.independent_sources < c.sources_count:  # a translation or a rewrite is not a second source
        verdict += "\n" + phrase("{n} sources, {m} independent", lang).format(
            n=c.sources_count, m=c.independent_sources
        )
    if not c.gap:
        return verdict
    amount = format_value(c.gap, c.unit, derived=True, lang=lang)
    percent = "" if c.gap_percent is None else f"\n{c.gap_percent:.1f}%"
    return f"{verdict}\n{phrase('gap {}', lang).format(amount)}{percent}"


def _verdict_line(c: results.Comparison, lang: Lang) -> str:
    period = period_words(c.period, lang)
    return f"{localised(c.label, c.label_zh, lang)} · {period}: " + _verdict(c, lang).replace("\n", ", ")


def _compare_sheet(result: results.CompareReport, lang: Lang) -> Sheet:
    """One row an observation; a measure's label and its verdict on the first row of its group."""
    rows: list[list[str] | Section] = []
    notes: list[str] = []

    def group(first_cell: str, last_cell: str, observations: list[results.Observed], unit: str) -> None:
        for i, o in enumerate(observations):
            source = f"{_outlet(o, lang)}\n{period_words(o.period, lang, o.as_of)}"
            cells = [source, o.as_stated, _measured(o, unit, lang)]
            rows.append([first_cell if i == 0 else "", *cells, last_cell if i == 0 else ""])

    def note_of(m_label: str, label_zh: str | None, note: str | None, note_zh: str | None) -> None:
        text = localised(note, note_zh, lang)
        if text:
            notes.append(f"{localised(m_label, label_zh, lang)}: {text}")

    for c in result.comparisons:
        group(f"{localised(c.label, c.label_zh, lang)}\n({c.id})", _verdict(c, lang), c.observations, c.unit)
        note_of(c.label, c.label_zh, c.note, c.note_zh)
    for d in result.distinct:
        verdict = phrase("not the same measure", lang)
        for m, observations in zip(d.measures, d.observations, strict=True):
            group(f"{localised(m.label, m.label_zh, lang)}\n({m.id})", verdict, observations, m.unit)
            note_of(m.label, m.label_zh, m.note, m.note_zh)
    notes.append(phrase(VERDICT_RULE, lang))
    notes.extend(say(n, lang) for n in result.notes)
    notes.extend(_source_line(s, lang) for s in result.sources)
    title = say(result.title, lang)
    headers = ["Measure", "Source", "Stated as", "Value", "Verdict"]
    return Sheet(title, headers, rows, list(dict.fromkeys(notes)), frozenset({"Value"}))


def _trend_sheet(result: results.TrendReport, lang: Lang) -> Sheet:
    rows: list[list[str] | Section] = []
    observed = {q.observed.id: q.observed for q in reversed(result.points)}  # the first of an id, as next() found
    for p in result.points:
        source, period, stated, value, _where = _observed_row(p.observed, result.unit, lang)
        change = per_year = ""
        words = QUALIFIER_WORDS[lang].get(p.growth_qualifier or "exact", "")
        if p.same_period_as:
            earlier = observed.get(p.same_period_as)
            named = _outlet(earlier, lang).replace("\n", " ") if earlier else p.same_period_as
            change = phrase("same period as {}", lang).format(named)
        elif p.no_growth:
            change = phrase("no change: {}", lang).format(phrase(p.no_growth, lang))
        elif p.change is not None:
            qualifier = p.growth_qualifier or "exact"
            change = format_value(p.change, result.unit, derived=True, qualifier=qualifier, lang=lang)
            if p.change_percent is not None:
                change += f"\n{words}{p.change_percent:+.1f}%"
            if p.annual_rate_percent is not None:
                per_year = f"{words}{p.annual_rate_percent:+.1f}%"
            elif p.added_per_year is not None:
                added = format_value(p.added_per_year, result.unit, derived=True, qualifier=qualifier, lang=lang)
                per_year = phrase("{} a year", lang).format(added)
        rows.append([source, period, stated, value, change, per_year])
    rule = TREND_RULE_CUMULATIVE if result.kind == "cumulative" else TREND_RULE
    notes = [*(say(n, lang) for n in result.notes), phrase(rule, lang)]
    notes.extend(_source_line(s, lang) for s in result.sources)
    title = say(result.title, lang)
    headers = ["Source", "Period", "Stated as", "Value", "Change", "Per year"]
    return Sheet(title, headers, rows, notes, frozenset({"Value", "Change", "Per year"}), charts=result.charts)


def _measure_sheet(result: results.MeasureDetail, lang: Lang) -> Sheet:
    """Each observation with its id (for `pairing cite`), its source and period, as printed, and where."""
    m = result.measure
    rows: list[list[str] | Section] = []
    for o in result.observations:
        period = period_words(o.period, lang, o.as_of)
        rows.append([o.id, f"{_outlet(o, lang)}\n{period}", o.as_stated, _measured(o, m.unit, lang), _where(o, lang)])
    notes = []
    note = localised(m.note, m.note_zh, lang)
    if note:
        notes.append(note)
    notes.extend(_verdict_line(c, lang) for c in result.comparisons)
    if m.related:
        notes.append(phrase("Not the same measure as: {}", lang).format(", ".join(m.related)))
    notes.extend(f"{o.id}: {o.note}" for o in result.observations if o.note)
    label = localised(m.label, m.label_zh, lang)
    category = localised(result.category_label, result.category_label_zh, lang)
    title = f"{label} ({m.id}, {category or m.category})"
    return Sheet(title, ["ID", "Source", "Stated as", "Value", "Where"], rows, notes, frozenset({"Value"}))


def _where(o: results.Observed, lang: Lang) -> str:
    return locator_words(o.locator, lang)


def _conversion_sheet(result: results.ConversionReport, lang: Lang) -> Sheet:
    rows: list[list[str] | Section] = [
        [f"{c.option} {c.text}", format_value(v, u, derived=True, lang=lang)]
        for c in result.conversions
        for u, v in c.results.items()
    ]
    notes = [phrase(d, lang) for d in result.definitions]
    if result.yuan_per_usd is not None:
        notes.append(_rate_line(result.yuan_per_usd, result.rate_basis, lang))
    notes.extend(say(n, lang) for n in result.notes)
    return Sheet(phrase("Unit conversions", lang), ["Input", "Value"], rows, notes, frozenset({"Value"}))


def _validation_sheet(result: results.ValidationReport, lang: Lang) -> Sheet:
    verdict = ("valid" if result.valid else "invalid") + (
        f": {len(result.findings)} finding(s)" if result.findings else ""
    )
    rows: list[list[str] | Section] = [[f.location, f.rule, f.severity, f.message] for f in result.findings]
    return Sheet(f"{result.path}: {verdict}", ["Location", "Rule", "Severity", "Message"], rows)


def _sources_sheet(result: results.SourcesReport, lang: Lang) -> Sheet:
    rows: list[list[str] | Section] = [
        [
            s.id,
            localised(s.publisher, s.publisher_zh, lang),
            _title(s, lang),
            _date(s, lang),
            str(result.figure_counts.get(s.id, 0)),
        ]
        for s in result.sources
    ]
    return Sheet(phrase("Sources", lang), ["ID", "Publisher", "Title", "Date", "Figures"], rows)


def _measures_sheet(result: results.MeasuresReport, lang: Lang) -> Sheet:
    """One row a measure: its id (for `trend`, `compare`, `show`), what it counts, its kind, how often stated."""
    rows: list[list[str] | Section] = []
    for e in result.measures:
        m = e.measure
        if len(e.years) <= 4:
            years = ("、" if lang == "zh" else ", ").join(map(str, e.years))
        else:
            years = f"{e.years[0]}{'—' if lang == 'zh' else '–'}{e.years[-1]} ({len(e.years)})"
            years = years.replace(" (", "（").replace(")", "）") if lang == "zh" else years
        if lang == "zh":
            years = years.replace("（", "年（") if "（" in years else years + "年"
        unit = UNIT_NAMES_ZH.get(m.unit, m.unit) if lang == "zh" else m.unit
        label = f"{localised(m.label, m.label_zh, lang)}（{unit}）" if lang == "zh" else f"{m.label} ({unit})"
        rows.append([m.id, label, phrase(m.kind, lang), str(e.observations), years])
    notes = [phrase(KIND_RULE, lang)]
    title = say(result.title, lang)
    headers = ["ID", "Measure", "Kind", "Figures", "Years"]
    return Sheet(title, headers, rows, notes, frozenset({"Figures"}))


def _programs_sheet(result: results.ProgramsReport, lang: Lang) -> Sheet:
    """One row a program: its id (for --program), name, partners, sources, figures and years."""
    rows: list[list[str] | Section] = []
    for e in result.programs:
        p = e.program
        name = localised(p.name, p.name_zh, lang)
        dash = "—" if lang == "zh" else "–"
        years = f"{e.first_year}{dash}{e.last_year}" if e.first_year is not None else ""
        rows.append([p.id, name, str(e.sources), str(e.observations), years])
    title = "东西部协作项目" if lang == "zh" else "Programs"
    headers = ["ID", "Program", "Sources", "Figures", "Years"]
    return Sheet(title, headers, rows, [], frozenset({"Sources", "Figures"}))


def _across_sheet(result: results.AcrossReport, lang: Lang) -> Sheet:
    """One row a program's figure: the program, the period, the figure as printed, its value, kind and basis."""
    rows: list[list[str] | Section] = []
    for r in result.rows:
        o = r.observation
        value = format_value(o.value, o.unit, qualifier=o.qualifier, lang=lang)
        basis = phrase(o.basis, lang) if o.basis else ""
        kind = "\n".join(x for x in (phrase(r.measure.kind, lang), basis) if x)
        name = localised(r.source.publisher, r.source.publisher_zh, lang)
        period = period_words(o.period, lang, o.as_of)
        program = program_name(r.program, lang) if lang == "zh" else r.program.id  # an id is what --program takes
        rows.append([program, period, o.as_stated, value, kind, f"{name}\n{r.source.date}"])
    notes = [phrase(n, lang) for n, says in ((ACROSS_BASIS_NOTE, result.bases_differ),
                                               (ACROSS_PERIOD_NOTE, result.periods_differ)) if says]  # fmt: skip
    title = phrase(CONCEPT_LABELS[result.concept], lang)
    if result.period:
        title += (
            f"（{result.period[0]}—{result.period[1]}年）"
            if lang == "zh"
            else f", {result.period[0]}–{result.period[1]}"
        )
    headers = ["Program", "Period", "Stated as", "Value", "Kind", "Source"]
    return Sheet(title, headers, rows, notes, frozenset({"Value"}))


def sheet(result: Result, lang: Lang = "en") -> Sheet:
    """The people's view of a result, its headings in the language asked for."""
    draw = _SHEETS.get(type(result))
    if draw is None:  # the schema: a JSON document, not a table
        raise ValueError(f"{type(result).__name__} has no table; it is JSON only")
    made: Sheet = draw(result, lang)
    if lang == "zh":
        return replace(
            made,
            headers=[phrase(h, lang) for h in made.headers],
            numeric=frozenset(phrase(h, lang) for h in made.numeric),
            unbroken=frozenset(phrase(h, lang) for h in made.unbroken),
        )
    return made


# Characters that make inline markup anywhere in a line (CommonMark and GFM: emphasis, strike-through, code, links,
# images, footnotes, table cells, math on GitHub); each is written with a backslash, which CommonMark defines for every
# ASCII punctuation character. HTML's three are written as entities.
_INLINE = re.compile(r"[\\`*~\[\]|$]")
# '_' opens or closes emphasis only where it is not between two letters or digits (poverty_rate_2012 stays as it is).
_UNDERSCORES = re.compile(r"(?<![^\W_])_+|_+(?![^\W_])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What GFM makes a link of with no markup: www., a scheme's '://', mailto: and xmpp:, each broken by a backslash.
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)|(?<=mailto):|(?<=xmpp):")
# An e-mail address is linked by GitHub whatever is escaped in it (its check runs on the text after escapes); a word
# joiner (U+2060: invisible, no break) before the '@' is the one thing that keeps it text.
_EMAIL_AT = re.compile(r"(?<=[\w.+-])@")
# What starts a block at the start of a line ('>' is already '&gt;'): a heading, a list item, a thematic break or a
# setext underline, a numbered item ('1.' or '1)'); whitespace that would indent a code block is written as entities.
_LINE_START = re.compile(r"^(?:#{1,6}(?=[ \t]|$)|[-+](?=[ \t]|$)|[-=](?=[-= \t]*$)|\d{1,9}[.)](?=[ \t]|$))")
_LEADING_SPACE = re.compile(r"^[ \t]+")


def markdown_text(text: str) -> str:
    """Dataset text as Markdown text that renders as exactly that text, under CommonMark and GitHub's GFM: no HTML, no
    link (written or bare), no emphasis, strike-through, code, heading, list, quote or code block, no table break."""
    escaped = _INLINE.sub(lambda m: "\\" + m.group(), escape_controls(text))
    escaped = _UNDERSCORES.sub(lambda m: "\\_" * len(m.group()), escaped)
    escaped = "".join(_HTML.get(c, c) for c in escaped)
    escaped = _AUTOLINK.sub(lambda m: "\\" + m.group(), escaped)
    escaped = _EMAIL_AT.sub("\u2060@", escaped)
    lines = []
    for line in escaped.split("\n"):  # a line of the text: within a cell, or under the table
        line = _LINE_START.sub(lambda m: m.group()[:-1] + "\\" + m.group()[-1], line)
        lines.append(_LEADING_SPACE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group()), line))
    return "<br>".join(lines)


def to_markdown(result: Result, lang: Lang = "en") -> str:
    made = sheet(result, lang)
    cell = markdown_text

    headers = made.headers if made.show_header else [""] * len(made.headers)
    lines = [
        f"## {cell(made.title)}",
        "",
        "| " + " | ".join(headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    for row in made.rows:
        cells = [f"**{cell(row.label)}**", *[""] * (len(headers) - 1)] if isinstance(row, Section) else map(cell, row)
        lines.append("| " + " | ".join(cells) + " |")
    if made.notes:
        lines.append("")
        lines.extend(f"{cell(n)}  " for n in made.notes)
    return "\n".join(lines) + "\n"


# Each result type's sheet, read by sheet() and nothing else (data.SHAPES holds its JSON and CSV).
_SHEETS: dict[type[Any], Callable[[Any, Lang], Sheet]] = {
    results.ValidationReport: _validation_sheet,
    results.ConversionReport: _conversion_sheet,
    results.FigureDetail: _detail_sheet,
    results.SourcesReport: _sources_sheet,
    results.Timeline: _timeline_sheet,
    results.CompareReport: _compare_sheet,
    results.TrendReport: _trend_sheet,
    results.MeasureDetail: _measure_sheet,
    results.MeasuresReport: _measures_sheet,
    results.ProgramsReport: _programs_sheet,
    results.AcrossReport: _across_sheet,
    results.FigureReport: _figure_sheet,
}
