"""Old datasets made current: schema 1 -> 2 -> 3, nothing lost.

Schema 1 -> 2: a file of figures becomes a file of measures with observations.
Schema 2 -> 3: each measure gains its `kind`, by a stated rule (`measure_kind`) a maintainer then reviews.

Schema 1 (one source, one figure per measure) left to code what schema 2 declares in the data: the derived figures
of the first article, the count units and the views of summary, infrastructure and funding. This module is where
that old knowledge now lives, applied once to an old file; `pairing migrate FILE` writes the result.
"""

from __future__ import annotations

from typing import Any

# Schema 1's count units, with the Chinese measure words its output used.
LEGACY_COUNT_UNITS: dict[str, str] = {
    "people": "人",
    "wells": "眼",
    "houses": "户",
    "schools": "所",
    "institutions": "个",
    "companies": "家",
    "years": "年",
}


# The derived figures schema 1's code computed from the first article's figures, when both inputs are present.
_PAIRED: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("poverty_rate_drop_points", "difference", "poverty_rate_2012", "poverty_rate_2019",
     "Poverty rate drop, 2012 to 2019", "贫困发生率下降，2012—2019年"),
    ("poverty_rate_drop_percent", "relative_drop", "poverty_rate_2012", "poverty_rate_2019",
     "Poverty rate drop, relative to 2012", "贫困发生率相对2012年的降幅"),
    ("income_growth_percent", "relative_change", "income_per_capita_2012", "income_per_capita_2019",
     "Income growth, 2012 to 2019", "贫困地区农村居民人均可支配收入增幅，2012—2019年"),
    ("income_cagr_percent", "compound_annual_rate", "income_per_capita_2012", "income_per_capita_2019",
     "Income growth, compound annual rate", "贫困地区农村居民人均可支配收入年均增速"),
)  # fmt: skip


_SUMMARY_IDS = (
    "people_lifted_out_of_poverty",
    "poverty_rate_2012",
    "poverty_rate_2019",
    "income_per_capita_2012",
    "income_per_capita_2019",
    "funding_total",
    "fujian_companies_in_ningxia",
    "fujian_workers_in_ningxia",
    "consumption_aid_sales",
    "consumption_aid_beneficiaries",
    "program_years_stated",
)


_SUMMARY_CHARTS = (
    ("Poverty rate, 2012 and 2019", "贫困发生率，2012年与2019年", ("poverty_rate_2012", "poverty_rate_2019")),
    (
        "Per capita disposable income in poor areas, 2012 and 2019",
        "贫困地区农村居民人均可支配收入，2012年与2019年",
        ("income_per_capita_2012", "income_per_capita_2019"),
    ),
)


_OBSERVATION_KEYS = (
    "id", "value", "unit", "qualifier", "period", "scope", "scope_zh", "source", "as_stated", "statement",
    "statement_zh", "quote", "part_of", "note",
)  # fmt: skip


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 or schema-2 document as a current (schema-3) one: a new dict, the input is not changed."""
    if document.get("schema_version") == 1:
        document = upgrade_1(document)
    if document.get("schema_version") == 2:
        document = upgrade_2(document)
    return document


def measure_kind(observations: list[Any]) -> str:
    """The kind schema 2 implied, by rule: every observation at one year is a level (stock); observations that
    all start in one year and run over several are a running total (cumulative); anything else is a flow.

    A rule cannot read what a figure means, so the upgraded file is to be reviewed measure by measure."""
    periods = [o["period"] for o in observations if isinstance(o, dict) and isinstance(o.get("period"), dict)]
    spans = [(_year(p.get("start_year")), _year(p.get("end_year"))) for p in periods]
    if all(start == end for start, end in spans):
        return "stock"
    if len({start for start, _ in spans}) == 1:
        return "cumulative"
    return "flow"


def _year(value: object) -> int | None:
    """A year as the rule reads it: an integer, else nothing (the models then refuse the value where it stands)."""
    return value if type(value) is int else None


def upgrade_2(document: dict[str, Any]) -> dict[str, Any]:
    """A schema-2 document as schema 3: each measure that has no kind gets the one `measure_kind` reads."""
    upgraded = {**document, "schema_version": 3}
    measures = document.get("measures")
    if isinstance(measures, list):
        upgraded["measures"] = [
            {**m, "kind": measure_kind(m.get("observations") or [])}
            if isinstance(m, dict) and "kind" not in m and isinstance(m.get("observations"), list)
            else m
            for m in measures
        ]
    return upgraded


def upgrade_1(document: dict[str, Any]) -> dict[str, Any]:
    """A schema-1 document as a schema-2 document (a new dict; the input is not changed).

    Each figure becomes a measure of the same id with one observation of the same id, so every id a user knew
    still works. Anything the schema-1 models would refuse is passed through for the schema-2 models to refuse.
    """
    figures = document.get("figures")
    if not isinstance(figures, list):
        return {**document, "schema_version": 2}
    upgraded = {k: v for k, v in document.items() if k != "figures"}
    upgraded["schema_version"] = 2
    ok = [f for f in figures if isinstance(f, dict)]
    measures = []
    for f in figures:
        if not isinstance(f, dict):
            measures.append(f)
            continue
        observation = {k: f[k] for k in _OBSERVATION_KEYS if k in f}
        extra = {k: v for k, v in f.items() if k not in (*_OBSERVATION_KEYS, "category", "label", "label_zh")}
        observation.update(extra)  # unknown keys stay, to be reported where they were
        measure = {k: f[k] for k in ("id", "label", "label_zh", "category") if k in f}
        if "unit" in f:
            measure["unit"] = f["unit"]
        measure["observations"] = [observation]
        measures.append(measure)
    upgraded["measures"] = measures
    used = {unit for f in ok if isinstance(unit := f.get("unit"), str)}  # a list or an object is no unit
    upgraded["units"] = [
        {"id": unit, "label": unit, "label_zh": word} for unit, word in LEGACY_COUNT_UNITS.items() if unit in used
    ]
    upgraded["derivations"] = _derivations(document, ok)
    upgraded["views"] = _views(ok, upgraded["derivations"])
    return upgraded


def _ids(figures: list[dict[str, Any]]) -> set[str]:
    """The figures' ids that are text: another value (a list, an object, none) names nothing, and is left for the
    models to refuse where it stands."""
    return {i for f in figures if isinstance(i := f.get("id"), str)}


def _derivations(document: dict[str, Any], figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    ids = _ids(figures)
    out: list[dict[str, Any]] = []
    for derived_id, kind, first, second, label, label_zh in _PAIRED:
        if first in ids and second in ids:
            out.append(
                {"id": derived_id, "kind": kind, "inputs": [first, second], "label": label, "label_zh": label_zh}
            )
    for f in figures:
        if f.get("unit") == "mu" and isinstance(f.get("id"), str):
            hectares_zh = f"{f['label_zh']}（折合公顷）" if f.get("label_zh") else None
            out.append(
                {
                    "id": f"{f['id']}_hectares",
                    "kind": "conversion",
                    "inputs": [f["id"]],
                    "to_unit": "hectare",
                    "label": f"{f.get('label')}, in hectares",
                    **({"label_zh": hectares_zh} if hectares_zh else {}),
                }
            )
    parts: dict[str, list[dict[str, Any]]] = {}
    for f in figures:
        total = f.get("part_of")
        if isinstance(total, str) and total in ids and isinstance(f.get("id"), str):
            parts.setdefault(total, []).append(f)
    by_id = {f["id"]: f for f in figures if isinstance(f.get("id"), str)}
    for total_id, its_parts in parts.items():
        for part in its_parts:
            out.append(_share(part, total_id))
        rest_id = f"{total_id}_unitemised"
        out.append(
            {
                "id": rest_id,
                "kind": "remainder",
                "inputs": [total_id, *(p["id"] for p in its_parts)],
                "label": "Not itemised by the source",
                "label_zh": "来源未列明的部分",
                "category": by_id[total_id].get("category"),
            }
        )
        out.append(
            _share({"id": rest_id, "label": "Not itemised by the source", "label_zh": "来源未列明的部分"}, total_id)
        )
    program = document.get("program")
    if isinstance(program, dict) and isinstance(program.get("launch_year"), int):
        launch = program["launch_year"]
        out.append(
            {
                "id": "program_span_years",
                "kind": "program_span",
                "label": f"Program span, {launch} to the article",
                "label_zh": f"帮扶年限，{launch}年至报道时",
                "category": "program",
            }
        )
    return out


def _share(part: dict[str, Any], total_id: str) -> dict[str, Any]:
    label_zh = f"{part['label_zh']}占比" if part.get("label_zh") else None
    return {
        "id": f"{part['id']}_share",
        "kind": "share",
        "inputs": [part["id"], total_id],
        "label": f"{part.get('label')}, share of the total",
        **({"label_zh": label_zh} if label_zh else {}),
    }


def _views(figures: list[dict[str, Any]], derivations: list[dict[str, Any]]) -> dict[str, Any]:
    ids = _ids(figures)
    summary_derived = [d["id"] for d in derivations if d["kind"] != "share" and d["id"] in _summary_derived_ids()]
    views: dict[str, Any] = {
        "summary": {
            "title": "headline figures",
            "title_zh": "主要数据",
            "figures": [i for i in _SUMMARY_IDS if i in ids] + summary_derived,
            "charts": [
                {"title": t, "title_zh": tz, "figures": list(chart)}
                for t, tz, chart in _SUMMARY_CHARTS
                if all(i in ids for i in chart)
            ],
        },
        "infrastructure": {"title": "infrastructure", "title_zh": "基础设施", "category": "infrastructure"},
    }
    if "funding_total" in ids:
        views["funding"] = {"title": "funding", "title_zh": "帮扶资金", "total": "funding_total"}
    return views


def _summary_derived_ids() -> set[str]:
    return {spec[0] for spec in _PAIRED} | {"program_span_years"}
