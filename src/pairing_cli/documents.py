"""Results as data for scripts: JSON, NDJSON (one object a line) and CSV, values in base units at full precision.

The keys are the contract documented in the README; with --lang zh the same keys stay and Chinese labels are added
(`title_zh`, and a `zh` object on each figure), never replacing the English.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar, cast

from .data.models import Period, Program, Source
from .data.vocabulary import Lang
from .language.numbers import format_value
from .language.words import (
    ACROSS_BASIS_NOTE,
    ACROSS_PERIOD_NOTE,
    CONCEPT_LABELS,
    QUALIFIER_WORDS,
    UNIT_NAMES_ZH,
    phrase,
    say,
)
from .results import (
    AcrossReport,
    AcrossRow,
    Column,
    CompareReport,
    Comparison,
    ConversionReport,
    Converted,
    Distinct,
    FigureDetail,
    FigureReport,
    FigureRow,
    MeasureDetail,
    MeasureEntry,
    MeasuresReport,
    Observed,
    ProgramEntry,
    ProgramsReport,
    SchemaDocument,
    SourcesReport,
    Timeline,
    TimelineEntry,
    TrendPoint,
    TrendReport,
    ValidationReport,
)
from .text import Note, escape_controls, neutralise_formula, web_address

if TYPE_CHECKING:  # the contract is types only: the documents are plain dicts, checked by mypy
    from .contract import (
        AcrossJson,
        AcrossRowJson,
        CompareJson,
        ComparisonJson,
        ConversionJson,
        ConversionsJson,
        ConvertedUnitJson,
        DistinctJson,
        EventJson,
        FigureDetailJson,
        FigureJson,
        FigureReportJson,
        GrowthJson,
        MeasureDetailJson,
        MeasureEntryJson,
        MeasureJson,
        MeasuresJson,
        ObservedJson,
        PeriodJson,
        ProgramEntryJson,
        ProgramJson,
        ProgramsJson,
        SourceJson,
        SourcesJson,
        StatedConversionJson,
        TimelineJson,
        TrendJson,
        TrendPointJson,
        ValidationJson,
    )


def say_phrase(text: str) -> str:
    return phrase(text, "zh")


Result: TypeAlias = (
    FigureReport
    | ConversionReport
    | ValidationReport
    | SchemaDocument
    | FigureDetail
    | SourcesReport
    | Timeline
    | CompareReport
    | TrendReport
    | MeasureDetail
    | MeasuresReport
    | ProgramsReport
    | AcrossReport
)


def source_json(source: Source) -> SourceJson:
    """A source as JSON; an address that is not http(s) is dropped (null)."""
    dumped = {**source.model_dump(), "url": web_address(source.url), "outlet_url": web_address(source.outlet_url)}
    return cast("SourceJson", dumped)


def period_json(period: Period) -> PeriodJson:
    return cast("PeriodJson", asdict(period))


def row_json(row: FigureRow, lang: Lang = "en", columns: list[Column] | None = None) -> FigureJson:
    """One figure, stored or derived, as JSON; with a command's own columns (funding: share_of_total,
    usd_equivalent, named in FigureJson)."""
    data: FigureJson = {
        "id": row.id,
        "measure": row.measure,
        "category": row.category,
        "label": row.label,
        "value": row.value,
        "unit": row.unit,
        "qualifier": row.qualifier,
        "period": period_json(row.period),
        "scope": row.scope,
        "source": row.source,
        "sources": list(row.sources),
        "derived": row.derived,
        "as_stated": row.as_stated,
        "statement": row.statement,
        "quote": row.quote,
        "locator": row.locator,
        "note": row.note,
        "formula": row.formula,
        "inputs": row.inputs,
    }
    if columns:
        data = cast("FigureJson", {**data, **{c.key: c.values.get(row.id) for c in columns}})
    if lang == "zh":
        data["zh"] = {
            "label": row.label_zh,
            "value_text": format_value(row.value, row.unit, derived=row.derived, qualifier=row.qualifier, lang="zh"),
            "unit": UNIT_NAMES_ZH.get(row.unit),
            "qualifier": QUALIFIER_WORDS["zh"].get(row.qualifier, "").strip() or None,
            "period": row.period.label_zh,
            "scope": row.scope_zh,
            "statement": row.statement_zh,
        }
    return data


def observed_json(o: Observed, lang: Lang = "en") -> ObservedJson:
    """One observation with its source, as compare, trend and show list it."""
    data: ObservedJson = {
        "id": o.id,
        "source": o.source.id,
        "outlet": o.source.publisher,
        "date": o.source.date,
        "date_kind": o.source.date_kind,
        "language": o.source.language,
        "origin": o.source.origin,
        "value": o.value,
        "unit": o.unit,
        "qualifier": o.qualifier,
        "period": period_json(o.period),
        "as_of": o.as_of,
        "year": o.year,
        "scope": o.scope,
        "as_stated": o.as_stated,
        "locator": o.locator,
        "statement": o.statement,
        "note": o.note,
        "value_in_unit": o.value_in_unit,
        "low": o.low,
        "high": o.high,
        "url": web_address(o.source.url),
    }
    if lang == "zh":
        data["zh"] = {
            "outlet": o.source.publisher_zh,
            "period": o.period.label_zh,
            "statement": o.statement_zh,
            "value_text": format_value(o.value, o.unit, qualifier=o.qualifier, lang="zh"),
        }
    return data


def comparison_json(c: Comparison, lang: Lang = "en") -> ComparisonJson:
    data: ComparisonJson = {
        "id": c.id,
        "label": c.label,
        "unit": c.unit,
        "period": period_json(c.period),
        "verdict": c.verdict,
        "sources": c.sources_count,
        "independent_sources": c.independent_sources,
        "gap": c.gap,
        "gap_percent": c.gap_percent,
        "note": c.note,
        "observations": [observed_json(o, lang) for o in c.observations],
    }
    if lang == "zh":
        data["zh"] = {"label": c.label_zh, "unit": UNIT_NAMES_ZH.get(c.unit), "note": c.note_zh}
    return data


def program_json(program: Program) -> ProgramJson:
    return cast("ProgramJson", program.model_dump())


_Titled = TypeVar("_Titled", "FigureReportJson", "CompareJson", "TrendJson", "TimelineJson", "MeasuresJson")


def _with_lang(data: _Titled, title: Note, lang: Lang) -> _Titled:
    """With zh, the document begins with "lang" and its title in Chinese (both NotRequired in every titled one)."""
    return cast("_Titled", {"lang": "zh", "title_zh": say(title, "zh"), **data}) if lang == "zh" else data


def _in_english(note: Note | None) -> str | None:
    return None if note is None else str(note)


def _in_chinese(note: Note | None) -> str | None:
    return None if note is None else say(note, "zh")


def _notes_zh(notes: list[Note]) -> list[str]:
    """`notes_zh`, beside `notes` with --lang zh (as labels gain `label_zh`)."""
    return [say(n, "zh") for n in notes]


def _distinct_json(d: Distinct, lang: Lang) -> DistinctJson:
    return {
        "measures": [m.id for m in d.measures],
        "labels": [m.label for m in d.measures],
        "notes": [m.note for m in d.measures],
        "observations": {
            m.id: [observed_json(o, lang) for o in group] for m, group in zip(d.measures, d.observations, strict=True)
        },
    }


def _compare(result: CompareReport, lang: Lang) -> CompareJson:
    data: CompareJson = {
        "command": result.command,
        "title": str(result.title),
        "program": program_json(result.program),
        "sources": [source_json(s) for s in result.sources],
        "measures": [comparison_json(c, lang) for c in result.comparisons],
        "distinct": [_distinct_json(d, lang) for d in result.distinct],
        "notes": [str(n) for n in result.notes],
    }
    if lang == "zh":
        data["notes_zh"] = _notes_zh(result.notes)
    return _with_lang(data, result.title, lang)


def _growth_json(p: TrendPoint) -> GrowthJson | None:
    if p.from_id is None or p.years is None or p.no_growth is not None:
        return None
    return {
        "from": p.from_id,
        "years": p.years,
        "change": p.change,
        "change_percent": p.change_percent,
        "annual_rate_percent": p.annual_rate_percent,
        "added_per_year": p.added_per_year,
        "years_uncertain": p.years_uncertain,
        "qualifier": p.growth_qualifier,
    }


def _point_json(p: TrendPoint, lang: Lang) -> TrendPointJson:
    return {
        **observed_json(p.observed, lang),
        "growth": _growth_json(p),
        "same_period_as": p.same_period_as,
        "no_growth": p.no_growth,
    }


def _trend(result: TrendReport, lang: Lang) -> TrendJson:
    data: TrendJson = {
        "command": result.command,
        "title": str(result.title),
        "program": program_json(result.program),
        "sources": [source_json(s) for s in result.sources],
        "id": result.id,
        "label": result.label,
        "unit": result.unit,
        "kind": result.kind,
        "points": [_point_json(p, lang) for p in result.points],
        "notes": [str(n) for n in result.notes],
    }
    if lang == "zh":
        data["notes_zh"] = _notes_zh(result.notes)
    return _with_lang(data, result.title, lang)


def _measure_entry(e: MeasureEntry, lang: Lang) -> MeasureEntryJson:
    m = e.measure
    data: MeasureEntryJson = {
        "id": m.id,
        "label": m.label,
        "category": m.category,
        "unit": m.unit,
        "kind": m.kind,
        "concept": m.concept,
        "observations": e.observations,
        "sources": e.sources,
        "years": e.years,
    }
    if lang == "zh":
        data["zh"] = {"label": m.label_zh, "unit": UNIT_NAMES_ZH.get(m.unit)}
    return data


def _measures(result: MeasuresReport, lang: Lang) -> MeasuresJson:
    data: MeasuresJson = {
        "command": result.command,
        "title": str(result.title),
        "program": program_json(result.program),
        "measures": [_measure_entry(e, lang) for e in result.measures],
    }
    return _with_lang(data, result.title, lang)


def _measures_rows(result: MeasuresReport, lang: Lang) -> Table:
    header = ["id", "label", "category", "unit", "kind", "concept", "observations", "sources", "first_year",
              "last_year", "years"]  # fmt: skip
    return header, [
        [e.measure.id, e.measure.label, e.measure.category, e.measure.unit, e.measure.kind, e.measure.concept,
         e.observations, e.sources, e.years[0], e.years[-1], " ".join(map(str, e.years))]
        for e in result.measures
    ]  # fmt: skip


def _program_entry(e: ProgramEntry) -> ProgramEntryJson:
    p = e.program
    return {
        "id": p.id,
        "name": p.name,
        "name_zh": p.name_zh,
        "kind": p.kind,
        "partners": [{"id": x.id, "name": x.name, "name_zh": x.name_zh, "role": x.role} for x in p.partners],
        "sources": e.sources,
        "observations": e.observations,
        "years": [e.first_year, e.last_year],
    }


def _programs(result: ProgramsReport, lang: Lang) -> ProgramsJson:
    return {"command": result.command, "programs": [_program_entry(e) for e in result.programs]}


def _across_row(r: AcrossRow, lang: Lang) -> AcrossRowJson:
    o = r.observation
    data: AcrossRowJson = {
        "program": r.program.id,
        "measure": r.measure.id,
        "kind": r.measure.kind,
        "value": o.value,
        "unit": o.unit,
        "qualifier": o.qualifier,
        "basis": o.basis,
        "programme": o.programme,
        "level": o.level,
        "period": period_json(o.period),
        "as_of": o.as_of,
        "scope": o.scope,
        "source": o.source,
        "outlet": r.source.publisher,
        "date": r.source.date,
        "as_stated": o.as_stated,
    }
    if lang == "zh":
        data["zh"] = {"program": r.program.name_zh, "period": o.period.label_zh, "scope": o.scope_zh}
    return data


def _across_notes(result: AcrossReport) -> list[str]:
    return [
        n for n, says in ((ACROSS_BASIS_NOTE, result.bases_differ), (ACROSS_PERIOD_NOTE, result.periods_differ)) if says
    ]


def _across(result: AcrossReport, lang: Lang) -> AcrossJson:
    label = CONCEPT_LABELS[result.concept]
    notes = _across_notes(result)
    data: AcrossJson = {
        "command": result.command,
        "concept": result.concept,
        "label": label,
        "unit": result.unit,
        "period": list(result.period) if result.period else None,
        "basis": result.basis,
        "rows": [_across_row(r, lang) for r in result.rows],
        "notes": notes,
    }
    if lang == "zh":
        data["label_zh"] = say_phrase(label)
        data["notes_zh"] = [say_phrase(n) for n in notes]
    return data


def _programs_rows(result: ProgramsReport, lang: Lang) -> Table:
    header = ["id", "name", "kind", "partners", "sources", "observations", "first_year", "last_year"]
    return header, [
        [e.program.id, e.program.name, e.program.kind, " ".join(p.id for p in e.program.partners), e.sources,
         e.observations, e.first_year, e.last_year]
        for e in result.programs
    ]  # fmt: skip


def _across_rows(result: AcrossReport, lang: Lang) -> Table:
    header = ["program", "measure", "kind", "value", "unit", "qualifier", "basis", "programme", "level",
              "period_label", "period_start_year", "period_end_year", "period_stated", "as_of", "scope", "source",
              "outlet", "date", "as_stated"]  # fmt: skip
    return header, [
        [r.program.id, r.measure.id, r.measure.kind, r.observation.value, r.observation.unit, r.observation.qualifier,
         r.observation.basis, r.observation.programme, r.observation.level, r.observation.period.label,
         r.observation.period.start_year, r.observation.period.end_year, r.observation.period.stated,
         r.observation.as_of, r.observation.scope, r.observation.source, r.source.publisher, r.source.date,
         r.observation.as_stated]
        for r in result.rows
    ]  # fmt: skip


def _measure_detail(result: MeasureDetail, lang: Lang) -> MeasureDetailJson:
    m = result.measure
    data: MeasureDetailJson = {
        "command": result.command,
        "measure": cast("MeasureJson", m.model_dump(exclude={"observations"})),
        "category": {"id": m.category, "label": result.category_label, "label_zh": result.category_label_zh},
        "observations": [observed_json(o, lang) for o in result.observations],
        "comparisons": [comparison_json(c, lang) for c in result.comparisons],
    }
    if lang == "zh":
        data["lang"] = "zh"
    return data


def _figure_report(result: FigureReport, lang: Lang) -> FigureReportJson:
    basis = result.meta.get("rate_basis")
    data: FigureReportJson = {
        "command": result.command,
        "title": str(result.title),
        "program": program_json(result.program),
        "sources": [source_json(s) for s in result.sources],
        "figures": [row_json(r, lang, result.extra_columns) for r in result.figures],
        "yuan_per_usd": result.meta.get("yuan_per_usd"),  # funding's: the rate its dollar column is at
        "rate_basis": _in_english(basis),
        "rate_basis_zh": _in_chinese(basis),
        "notes": [str(n) for n in result.notes],
    }
    if "rate_basis" not in result.meta:
        del data["yuan_per_usd"], data["rate_basis"], data["rate_basis_zh"]
    if lang == "zh":
        data["notes_zh"] = _notes_zh(result.notes)
    return _with_lang(data, result.title, lang)


def _schema(result: SchemaDocument, lang: Lang) -> dict[str, Any]:
    return result.schema


def _validation(result: ValidationReport, lang: Lang) -> ValidationJson:
    return {
        "command": result.command,
        "path": result.path,
        "valid": result.valid,
        "findings": [
            {"location": f.location, "rule": f.rule, "severity": f.severity, "message": f.message}
            for f in result.findings
        ],
    }


def _conversion(c: Converted, lang: Lang) -> ConversionJson:
    results: list[ConvertedUnitJson] = [{"unit": u, "value": v} for u, v in c.results.items()]
    if lang == "zh":
        for r in results:
            r["unit_zh"] = UNIT_NAMES_ZH.get(r["unit"])
    return {"option": c.option, "input": c.text, "value": c.value, "unit": c.unit, "kind": c.kind, "results": results}


def _conversions(result: ConversionReport, lang: Lang) -> ConversionsJson:
    data: ConversionsJson = {
        "command": result.command,
        "conversions": [_conversion(c, lang) for c in result.conversions],
        "yuan_per_usd": result.yuan_per_usd,
        "rate_basis": _in_english(result.rate_basis),
        "rate_basis_zh": _in_chinese(result.rate_basis),
        "definitions": result.definitions,
        "notes": [str(n) for n in result.notes],
    }
    if lang == "zh":
        data["notes_zh"] = _notes_zh(result.notes)
    else:
        del data["rate_basis_zh"]
    return data


def _detail(result: FigureDetail, lang: Lang) -> FigureDetailJson:
    data: FigureDetailJson = {
        "command": result.command,
        "figure": row_json(result.figure, lang),
        "category": {
            "id": result.figure.category,
            "label": result.category_label,
            "label_zh": result.category_label_zh,
        },
        "in_units": [{"unit": u, "value": v} for u, v in result.in_units.items()],
        "yuan_per_usd": result.yuan_per_usd,
        "rate_basis": _in_english(result.rate_basis),
        "rate_basis_zh": _in_chinese(result.rate_basis),
        "stated_conversions": [cast("StatedConversionJson", c.model_dump()) for c in result.stated_conversions],
        "inputs": [row_json(r, lang) for r in result.inputs],
        "source": source_json(result.source) if result.source else None,
        "more_sources": [source_json(s) for s in result.more_sources],
    }
    if lang != "zh":
        del data["rate_basis_zh"]
    return data


def _sources(result: SourcesReport, lang: Lang) -> SourcesJson:
    return {
        "command": result.command,
        "sources": [{**source_json(s), "figures": result.figure_counts.get(s.id, 0)} for s in result.sources],
    }


def _event_json(e: TimelineEntry, lang: Lang) -> EventJson:
    dumped = {**e.event.model_dump(exclude={"figures"}), "figures": [row_json(r, lang) for r in e.figures]}
    return cast("EventJson", dumped)


def _timeline(result: Timeline, lang: Lang) -> TimelineJson:
    data: TimelineJson = {
        "command": result.command,
        "title": str(result.title),
        "program": program_json(result.program),
        "sources": [source_json(s) for s in result.sources],
        "events": [_event_json(e, lang) for e in result.events],
    }
    return _with_lang(data, result.title, lang)


def to_json_data(result: Result, lang: Lang = "en") -> dict[str, Any]:
    """The JSON document of a result (contract.Document: docs/json.md); with lang zh it says so ("lang")."""
    data = dict(SHAPES[type(result)].json(result, lang))
    if lang == "zh" and not isinstance(result, SchemaDocument) and "lang" not in data:
        data = {"lang": "zh", **data}
    return data


def dumps_json(data: Any, *, ascii_only: bool = False, indent: int | None = 2) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators, allow_nan=False) + "\n"


def to_ndjson(result: Result, lang: Lang = "en", *, ascii_only: bool = False) -> str:
    """One JSON object a line: each item of the document's list (a figure, an event, a comparison, ...); a
    document without one (show of a figure, the schema) on one line."""
    document = to_json_data(result, lang)
    key = SHAPES[type(result)].items
    items = [document] if key is None else document[key]
    return "".join(dumps_json(item, ascii_only=ascii_only, indent=None) for item in items)


# A figure's CSV columns: the fields of its JSON row, named as the data package's observations table names them
# (data.package.TABLES: period_label, period_start_year, ...); then a command's extra columns, the quote, and with
# --lang zh the Chinese texts.
FIGURE_HEADER = [
    "id",
    "measure",
    "category",
    "label",
    "value",
    "unit",
    "qualifier",
    "period_label",
    "period_start_year",
    "period_end_year",
    "period_stated",
    "period_approximate",
    "period_note",
    "scope",
    "source",
    "sources",
    "derived",
    "as_stated",
    "statement",
    "locator",
    "note",
    "formula",
    "inputs",
]
ZH_HEADER = ["label_zh", "unit_zh", "period_label_zh", "period_note_zh", "scope_zh", "statement_zh"]


def _figure_cells(r: FigureRow, extra: list[Column], lang: Lang) -> list[Any]:
    p = r.period
    cells = [
        r.id,
        r.measure,
        r.category,
        r.label,
        r.value,
        r.unit,
        r.qualifier,
        p.label,
        p.start_year,
        p.end_year,
        p.stated,
        p.approximate,
        p.note,
        r.scope,
        r.source,
        list(r.sources),
        r.derived,
        r.as_stated,
        r.statement,
        r.locator,
        r.note,
        r.formula,
        r.inputs,
        *(c.values.get(r.id) for c in extra),
        r.quote,
    ]
    if lang == "zh":
        cells += [r.label_zh, UNIT_NAMES_ZH.get(r.unit), p.label_zh, p.note_zh, r.scope_zh, r.statement_zh]
    return cells


Table = tuple[list[str], list[list[Any]]]


def _validation_rows(result: ValidationReport, lang: Lang) -> Table:
    return ["location", "rule", "severity", "message"], [
        [f.location, f.rule, f.severity, f.message] for f in result.findings
    ]


def _schema_rows(result: SchemaDocument, lang: Lang) -> Table:
    raise ValueError("the schema is JSON only")


def _conversion_rows(result: ConversionReport, lang: Lang) -> Table:
    header = ["option", "input", "input_value", "input_unit", "unit", "value"]
    pairs = [(c, u, v) for c in result.conversions for u, v in c.results.items()]
    rows: list[list[Any]] = [[c.option, c.text, c.value, c.unit, u, v] for c, u, v in pairs]
    if lang == "zh":
        header += ["input_unit_zh", "unit_zh"]
        rows = [
            [*row, UNIT_NAMES_ZH.get(c.unit), UNIT_NAMES_ZH.get(u)] for row, (c, u, _) in zip(rows, pairs, strict=True)
        ]
    return header, rows


def _source_rows(result: SourcesReport, lang: Lang) -> Table:
    header = ["id", "publisher", "title", "site", "section", "date", "date_kind", "language", "url", "figures"]
    rows = [
        [
            s.id,
            s.publisher,
            s.title,
            s.site,
            s.section,
            s.date,
            s.date_kind,
            s.language,
            web_address(s.url),
            result.figure_counts.get(s.id, 0),
        ]
        for s in result.sources
    ]
    if lang == "zh":
        header.append("publisher_zh")
        rows = [[*row, s.publisher_zh] for row, s in zip(rows, result.sources, strict=True)]
    return header, rows


def _timeline_rows(result: Timeline, lang: Lang) -> Table:
    lead_header = ["event", "year", "month", "day", "when", "date_stated", "event_label", "event_source"]
    zh = ["when_zh", "event_label_zh"] if lang == "zh" else []
    header = [*lead_header, *zh, *FIGURE_HEADER, "quote", *(ZH_HEADER if lang == "zh" else [])]
    rows: list[list[Any]] = []
    for entry in result.events:
        e = entry.event
        lead = [
            e.id,
            e.year,
            e.month,
            e.day,
            e.when,
            e.stated,
            e.label,
            e.source,
            *([e.when_zh, e.label_zh] if zh else []),
        ]
        rows.extend([*lead, *_figure_cells(r, [], lang)] for r in entry.figures)
        if not entry.figures:
            rows.append(lead + [None] * (len(header) - len(lead)))
    return header, rows


def _detail_rows(result: FigureDetail, lang: Lang) -> Table:
    return [*FIGURE_HEADER, "quote", *(ZH_HEADER if lang == "zh" else [])], [_figure_cells(result.figure, [], lang)]


def _figure_rows(result: FigureReport, lang: Lang) -> Table:
    extra = result.table_columns
    header = [*FIGURE_HEADER, *(c.key for c in extra), "quote", *(ZH_HEADER if lang == "zh" else [])]
    rows = [_figure_cells(r, extra, lang) for r in result.figures]
    if result.command == "funding":  # which row is the total and which its parts: a sum of the column double-counts
        header.insert(1, "role")
        total = result.figures[0].id if result.figures else None
        rows = [[row[0], "total" if row[0] == total else "part", *row[1:]] for row in rows]
    return header, rows


OBSERVED_HEADER = [
    "observation",
    "source",
    "outlet",
    "date",
    "value",
    "unit",
    "qualifier",
    "as_stated",
    "period_label",
    "period_start_year",
    "period_end_year",
    "period_stated",
    "value_in_unit",
    "low",
    "high",
    "locator",
]


def _observed_cells(o: Observed) -> list[Any]:
    p = o.period
    return [o.id, o.source.id, o.source.publisher, o.source.date, o.value, o.unit, o.qualifier, o.as_stated, p.label,
            p.start_year, p.end_year, p.stated, o.value_in_unit, o.low, o.high, o.locator]  # fmt: skip


GROWTH_HEADER = [
    "growth_from",
    "years",
    "change",
    "change_percent",
    "annual_rate_percent",
    "added_per_year",
    "same_period_as",
    "no_growth",
]


def _growth_cells(p: TrendPoint) -> list[Any]:
    return [
        p.from_id,
        p.years,
        p.change,
        p.change_percent,
        p.annual_rate_percent,
        p.added_per_year,
        p.same_period_as,
        p.no_growth,
    ]


def _compare_rows(result: CompareReport, lang: Lang) -> Table:
    """One row an observation, with its measure's verdict."""
    header = ["measure", "measure_unit", "verdict", "independent_sources", "gap", "gap_percent", *OBSERVED_HEADER]
    return header, [
        [c.id, c.unit, c.verdict, c.independent_sources, c.gap, c.gap_percent, *_observed_cells(o)]
        for c in result.comparisons
        for o in c.observations
    ]


def _trend_rows(result: TrendReport, lang: Lang) -> Table:
    """One row an observation, with the growth to it."""
    header = ["measure", "measure_unit", "measure_kind", *OBSERVED_HEADER, *GROWTH_HEADER]
    return header, [
        [result.id, result.unit, result.kind, *_observed_cells(p.observed), *_growth_cells(p)] for p in result.points
    ]


def _measure_rows(result: MeasureDetail, lang: Lang) -> Table:
    header = ["measure", "measure_unit", *OBSERVED_HEADER]
    return header, [[result.measure.id, result.measure.unit, *_observed_cells(o)] for o in result.observations]


def csv_text(value: str) -> str:
    """Text for a CSV cell: control characters escaped, and a leading formula character neutralised with a quote
    (text.neutralise_formula, as the data package's tables); numbers are written as numbers and never changed."""
    return escape_controls(neutralise_formula(value))


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell, written as the data package writes its tables: nothing for None, true/false, a list or
    an object as JSON text, text made safe (csv_text), a number as it is."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return csv_text(json.dumps(value, ensure_ascii=False))
    if isinstance(value, str):
        return csv_text(value)
    return value


def to_csv(result: Result, lang: Lang = "en") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header, rows = SHAPES[type(result)].csv(result, lang)
    writer.writerow(header)
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


@dataclass(frozen=True)
class Shapes:
    """A result type's machine-readable shapes: its JSON document, the list in it that NDJSON writes a line an item
    of (None: the document on one line), and its CSV table."""

    json: Callable[[Any, Lang], Mapping[str, Any]]
    items: str | None
    csv: Callable[[Any, Lang], Table]


# Each result type's shapes, in one place: read by to_json_data, to_ndjson, to_csv and nothing else.
SHAPES: dict[type[Any], Shapes] = {
    SchemaDocument: Shapes(_schema, None, _schema_rows),
    ValidationReport: Shapes(_validation, "findings", _validation_rows),
    ConversionReport: Shapes(_conversions, "conversions", _conversion_rows),
    FigureDetail: Shapes(_detail, None, _detail_rows),
    SourcesReport: Shapes(_sources, "sources", _source_rows),
    CompareReport: Shapes(_compare, "measures", _compare_rows),
    TrendReport: Shapes(_trend, "points", _trend_rows),
    MeasureDetail: Shapes(_measure_detail, "observations", _measure_rows),
    MeasuresReport: Shapes(_measures, "measures", _measures_rows),
    ProgramsReport: Shapes(_programs, "programs", _programs_rows),
    AcrossReport: Shapes(_across, "rows", _across_rows),
    Timeline: Shapes(_timeline, "events", _timeline_rows),
    FigureReport: Shapes(_figure_report, "figures", _figure_rows),
}
