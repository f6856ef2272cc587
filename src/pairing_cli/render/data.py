"""Results as data for scripts: JSON, NDJSON (one object a line) and CSV, values in base units at full precision.

The keys are the contract documented in the README; with --lang zh the same keys stay and Chinese labels are added
(`title_zh`, and a `zh` object on each figure), never replacing the English.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from ..results import (
    CompareReport,
    Comparison,
    ConversionReport,
    FigureDetail,
    FigureReport,
    FigureRow,
    MeasureDetail,
    Observed,
    SchemaDocument,
    SourcesReport,
    Timeline,
    TrendPoint,
    TrendReport,
    ValidationReport,
)
from ..text import escape_controls
from .numbers import format_value
from .words import QUALIFIER_WORDS, UNIT_NAMES_ZH, Lang

Result = (
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
)


def row_json(row: FigureRow, lang: Lang = "en") -> dict[str, Any]:
    """One figure, stored or derived, as JSON."""
    data: dict[str, Any] = {
        "id": row.id,
        "measure": row.measure,
        "category": row.category,
        "label": row.label,
        "value": row.value,
        "unit": row.unit,
        "qualifier": row.qualifier,
        "period": asdict(row.period),
        "scope": row.scope,
        "source": row.source,
        "sources": row.sources,
        "derived": row.derived,
        "as_stated": row.as_stated,
        "statement": row.statement,
        "quote": row.quote,
        "locator": row.locator,
        "note": row.note,
        "formula": row.formula,
        "inputs": row.inputs,
        **row.extra,
    }
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


def observed_json(o: Observed, lang: Lang = "en") -> dict[str, Any]:
    """One observation with its source, as compare, trend and show list it."""
    data: dict[str, Any] = {
        "id": o.id,
        "source": o.source.id,
        "outlet": o.source.publisher,
        "date": o.source.date,
        "date_kind": o.source.date_kind,
        "language": o.source.language,
        "value": o.value,
        "unit": o.unit,
        "qualifier": o.qualifier,
        "period": asdict(o.period),
        "scope": o.scope,
        "as_stated": o.as_stated,
        "locator": o.locator,
        "statement": o.statement,
        "note": o.note,
        "value_in_unit": o.value_in_unit,
        "low": o.low,
        "high": o.high,
        "url": o.source.url,
    }
    if lang == "zh":
        data["zh"] = {
            "outlet": o.source.publisher_zh,
            "period": o.period.label_zh,
            "statement": o.statement_zh,
            "value_text": format_value(o.value, o.unit, qualifier=o.qualifier, lang="zh"),
        }
    return data


def comparison_json(c: Comparison, lang: Lang = "en") -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": c.id,
        "label": c.label,
        "unit": c.unit,
        "period": asdict(c.period),
        "verdict": c.verdict,
        "gap": c.gap,
        "gap_percent": c.gap_percent,
        "note": c.note,
        "observations": [observed_json(o, lang) for o in c.observations],
    }
    if lang == "zh":
        data["zh"] = {"label": c.label_zh, "unit": UNIT_NAMES_ZH.get(c.unit), "note": c.note_zh}
    return data


def _head(result: FigureReport | CompareReport | TrendReport | Timeline) -> dict[str, Any]:
    """What every titled report begins with: the command, the title, the program and the sources it cites."""
    return {
        "command": result.command,
        "title": result.title,
        "program": result.program.model_dump(),
        "sources": [s.model_dump() for s in result.sources],
    }


def _with_lang(data: dict[str, Any], title_zh: str | None, lang: Lang) -> dict[str, Any]:
    return {"lang": "zh", "title_zh": title_zh, **data} if lang == "zh" else data


def _compare(result: CompareReport, lang: Lang) -> dict[str, Any]:
    data = {
        **_head(result),
        "measures": [comparison_json(c, lang) for c in result.comparisons],
        "distinct": [
            {
                "measures": [m.id for m in d.measures],
                "labels": [m.label for m in d.measures],
                "notes": [m.note for m in d.measures],
                "observations": {
                    m.id: [observed_json(o, lang) for o in group]
                    for m, group in zip(d.measures, d.observations, strict=True)
                },
            }
            for d in result.distinct
        ],
        "notes": result.notes,
    }
    return _with_lang(data, result.title_zh, lang)


def _trend(result: TrendReport, lang: Lang) -> dict[str, Any]:
    points = []
    for p in result.points:
        growth = None
        if p.from_id is not None and p.no_growth is None:
            growth = {
                "from": p.from_id,
                "years": p.years,
                "change": p.change,
                "change_percent": p.change_percent,
                "annual_rate_percent": p.annual_rate_percent,
                "qualifier": p.growth_qualifier,
            }
        extra = {"growth": growth, "same_period_as": p.same_period_as, "no_growth": p.no_growth}
        points.append({**observed_json(p.observed, lang), **extra})
    data = {
        **_head(result),
        "id": result.id,
        "label": result.label,
        "unit": result.unit,
        "points": points,
        "notes": result.notes,
    }
    return _with_lang(data, result.title_zh, lang)


def _measure_detail(result: MeasureDetail, lang: Lang) -> dict[str, Any]:
    m = result.measure
    return {
        "command": result.command,
        "measure": m.model_dump(exclude={"observations"}),
        "category": {"id": m.category, "label": result.category_label, "label_zh": result.category_label_zh},
        "observations": [observed_json(o, lang) for o in result.observations],
        "comparisons": [comparison_json(c, lang) for c in result.comparisons],
        **({"lang": "zh"} if lang == "zh" else {}),
    }


def _figure_report(result: FigureReport, lang: Lang) -> dict[str, Any]:
    data = {
        **_head(result),
        "figures": [row_json(r, lang) for r in result.figures],
        **result.meta,
        "notes": result.notes,
    }
    if lang == "zh":
        data = {"lang": "zh", "title_zh": result.title_zh, **data}
    return data


def to_json_data(result: Result, lang: Lang = "en") -> dict[str, Any]:
    """The JSON document of a result (the contract documented in the README)."""
    if isinstance(result, SchemaDocument):
        return result.schema
    if isinstance(result, ValidationReport):
        return {
            "command": result.command,
            "path": result.path,
            "valid": result.valid,
            "findings": [
                {"location": f.location, "rule": f.rule, "severity": f.severity, "message": f.message}
                for f in result.findings
            ],
        }
    if isinstance(result, ConversionReport):
        return {
            "command": result.command,
            "conversions": [
                {
                    "option": c.option,
                    "input": c.text,
                    "value": c.value,
                    "unit": c.unit,
                    "kind": c.kind,
                    "results": [{"unit": u, "value": v} for u, v in c.results.items()],
                }
                for c in result.conversions
            ],
            "yuan_per_usd": result.yuan_per_usd,
            "rate_basis": result.rate_basis,
            "definitions": result.definitions,
            "notes": result.notes,
        }
    if isinstance(result, FigureDetail):
        return {
            "command": result.command,
            "figure": row_json(result.figure, lang),
            "category": {
                "id": result.figure.category,
                "label": result.category_label,
                "label_zh": result.category_label_zh,
            },
            "in_units": [{"unit": u, "value": v} for u, v in result.in_units.items()],
            "yuan_per_usd": result.yuan_per_usd,
            "rate_basis": result.rate_basis,
            "stated_conversions": [c.model_dump() for c in result.stated_conversions],
            "inputs": [row_json(r, lang) for r in result.inputs],
            "source": result.source.model_dump() if result.source else None,
            "more_sources": [s.model_dump() for s in result.more_sources],
        }
    if isinstance(result, SourcesReport):
        return {
            "command": result.command,
            "sources": [{**s.model_dump(), "figures": result.figure_counts.get(s.id, 0)} for s in result.sources],
        }
    if isinstance(result, CompareReport):
        return _compare(result, lang)
    if isinstance(result, TrendReport):
        return _trend(result, lang)
    if isinstance(result, MeasureDetail):
        return _measure_detail(result, lang)
    if isinstance(result, Timeline):
        data = {
            **_head(result),
            "events": [
                {**e.event.model_dump(exclude={"figures"}), "figures": [row_json(r, lang) for r in e.figures]}
                for e in result.events
            ],
        }
        return {"lang": "zh", "title_zh": result.title_zh, **data} if lang == "zh" else data
    return _figure_report(result, lang)


def dumps_json(data: Any, *, ascii_only: bool = False, indent: int | None = 2) -> str:
    separators = None if indent else (",", ":")
    return json.dumps(data, ensure_ascii=ascii_only, indent=indent, separators=separators, allow_nan=False) + "\n"


def to_ndjson(result: Result, lang: Lang = "en", *, ascii_only: bool = False) -> str:
    """One JSON object a line: a figure, a conversion, a finding, a source or an event; else the whole document."""
    document = to_json_data(result, lang)
    keys = ("figures", "conversions", "findings", "events", "measures", "points", "observations", "sources")
    key = next((k for k in keys if k in document), None)
    items = [document] if key is None or isinstance(result, FigureDetail | SchemaDocument) else document[key]
    return "".join(dumps_json(item, ascii_only=ascii_only, indent=None) for item in items)


FIGURE_HEADER = [
    "id",
    "label",
    "value",
    "unit",
    "qualifier",
    "period",
    "start_year",
    "end_year",
    "period_stated",
    "scope",
    "category",
    "source",
    "derived",
    "formula",
]
ZH_HEADER = ["label_zh", "unit_zh", "period_zh", "scope_zh"]


def _figure_cells(r: FigureRow, extra: list[str], lang: Lang) -> list[Any]:
    cells = [
        r.id,
        r.label,
        r.value,
        r.unit,
        r.qualifier,
        r.period.label,
        r.period.start_year,
        r.period.end_year,
        r.period.stated,
        r.scope,
        r.category,
        r.source,
        r.derived,
        r.formula or "",
        *(r.extra.get(k) for k in extra),
        r.quote or "",
    ]
    if lang == "zh":
        cells += [r.label_zh, UNIT_NAMES_ZH.get(r.unit), r.period.label_zh, r.scope_zh]
    return cells


def _flat_rows(result: Result, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    """Header and rows for CSV: raw values, full precision."""
    zh_header = ZH_HEADER if lang == "zh" else []
    if isinstance(result, ValidationReport):
        return ["location", "rule", "severity", "message"], [
            [f.location, f.rule, f.severity, f.message] for f in result.findings
        ]
    if isinstance(result, SchemaDocument):
        raise ValueError("the schema is JSON only")
    if isinstance(result, ConversionReport):
        header = ["option", "input", "input_value", "input_unit", "unit", "value"]
        rows = [[c.option, c.text, c.value, c.unit, u, v] for c in result.conversions for u, v in c.results.items()]
        return header, rows
    if isinstance(result, SourcesReport):
        header = ["id", "publisher", "title", "site", "section", "date", "date_kind", "figures"]
        return header, [
            [s.id, s.publisher, s.title, s.site, s.section, s.date, s.date_kind, result.figure_counts.get(s.id, 0)]
            for s in result.sources
        ]
    if isinstance(result, Timeline):
        header = ["event", "year", "month", "day", "when", "date_stated", "event_label", "event_source",
                  *FIGURE_HEADER, "quote"]  # fmt: skip
        rows = []
        for entry in result.events:
            e = entry.event
            lead = [e.id, e.year, e.month, e.day, e.when, e.stated, e.label, e.source]
            rows.extend([*lead, *_figure_cells(r, [], "en")] for r in entry.figures)
            if not entry.figures:
                rows.append(lead + [None] * (len(FIGURE_HEADER) + 1))
        return header, rows
    if isinstance(result, FigureDetail):
        return [*FIGURE_HEADER, "quote", *zh_header], [_figure_cells(result.figure, [], lang)]
    if isinstance(result, CompareReport | TrendReport | MeasureDetail):
        return _observation_rows(result)
    extra = [col.key for col in result.extra_columns]
    header = [*FIGURE_HEADER, *extra, "quote", *zh_header]
    return header, [_figure_cells(r, extra, lang) for r in result.figures]


OBSERVED_HEADER = [
    "observation",
    "source",
    "outlet",
    "date",
    "value",
    "unit",
    "qualifier",
    "as_stated",
    "period",
    "start_year",
    "end_year",
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
    "same_period_as",
    "no_growth",
]


def _growth_cells(p: TrendPoint) -> list[Any]:
    return [p.from_id, p.years, p.change, p.change_percent, p.annual_rate_percent, p.same_period_as, p.no_growth]


def _observation_rows(result: CompareReport | TrendReport | MeasureDetail) -> tuple[list[str], list[list[Any]]]:
    """One row an observation: in compare with its measure's verdict, in trend with the growth to it."""
    if isinstance(result, CompareReport):
        header = ["measure", "measure_unit", "verdict", "gap", "gap_percent", *OBSERVED_HEADER]
        return header, [
            [c.id, c.unit, c.verdict, c.gap, c.gap_percent, *_observed_cells(o)]
            for c in result.comparisons
            for o in c.observations
        ]
    if isinstance(result, TrendReport):
        header = ["measure", "measure_unit", *OBSERVED_HEADER, *GROWTH_HEADER]
        return header, [
            [result.id, result.unit, *_observed_cells(p.observed), *_growth_cells(p)] for p in result.points
        ]
    header = ["measure", "measure_unit", *OBSERVED_HEADER]
    return header, [[result.measure.id, result.measure.unit, *_observed_cells(o)] for o in result.observations]


def to_csv(result: Result, lang: Lang = "en") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header, rows = _flat_rows(result, lang)
    writer.writerow(header)
    writer.writerows(
        ["" if v is None else escape_controls(v) if isinstance(v, str) else v for v in row] for row in rows
    )
    return buffer.getvalue()
