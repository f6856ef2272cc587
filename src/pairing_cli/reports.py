"""The core of each command: a dataset (and options) in, a result object out. No printing, no Typer."""

from __future__ import annotations

from fractions import Fraction
from typing import TypedDict

from . import catalog, stats
from .errors import UsageError
from .models import Dataset, Figure, Source
from .results import Bar, Chart, Column, ConversionReport, Converted, FigureReport, FigureRow
from .units import DEFINITIONS, UNIT_KIND, UNIT_NAMES, Kind, convert, to_float, units_of_kind

# The headline figures of `summary`, in order; derived lines follow the figures they come from.
SUMMARY_IDS = (
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
SUMMARY_DERIVED_IDS = (*(spec[0] for spec in catalog.PAIRED), "program_span_years")
FUNDING_TOTAL_ID = "funding_total"


# The title of each report after the program's name, in English and Chinese.
TITLES = {
    "summary": ("headline figures", "主要数据"),
    "infrastructure": ("infrastructure", "基础设施"),
    "funding": ("funding", "帮扶资金"),
}
# The charts of summary: (title, Chinese title, the ids of the figures compared).
SUMMARY_CHARTS = (
    ("Poverty rate, 2012 and 2019", "贫困发生率，2012年与2019年", ("poverty_rate_2012", "poverty_rate_2019")),
    (
        "Per capita disposable income in poor areas, 2012 and 2019",
        "贫困地区农村居民人均可支配收入，2012年与2019年",
        ("income_per_capita_2012", "income_per_capita_2019"),
    ),
)


class Titles(TypedDict):
    title: str
    title_zh: str


def titled(dataset: Dataset, title: str, title_zh: str) -> Titles:
    """A report's title after the program's name, in English and Chinese."""
    return {
        "title": f"{dataset.program.name}: {title}",
        "title_zh": f"{dataset.program.name_zh or dataset.program.name}：{title_zh}",
    }


def cited_sources(dataset: Dataset, source_ids: set[str]) -> list[Source]:
    """The sources a report draws on, and the program's own, in dataset order."""
    used = source_ids | {dataset.program.source}
    return [s for s in dataset.sources if s.id in used]


def _report(dataset: Dataset, command: str, rows: list[FigureRow], **kwargs: object) -> FigureReport:
    return FigureReport(
        command=command,
        **titled(dataset, *TITLES[command]),
        program=dataset.program,
        sources=cited_sources(dataset, {r.source for r in rows}),
        figures=rows,
        **kwargs,  # type: ignore[arg-type]
    )


def _missing_note(missing: list[str]) -> list[str]:
    return [f"Not in this dataset: {', '.join(missing)}."] if missing else []


def summary(dataset: Dataset) -> FigureReport:
    """The headline figures with the changes and growth rates derived from them."""
    wanted = {*SUMMARY_IDS, *SUMMARY_DERIVED_IDS}
    everything = catalog.build(dataset, lambda i, _: i in wanted)
    by_id = dataset.figures_by_id
    rows = everything.rows
    notes = _missing_note([i for i in SUMMARY_IDS if i not in by_id]) + everything.notes
    charts = [
        Chart(title, title_zh, [_bar(by_id[i]) for i in ids])
        for title, title_zh, ids in SUMMARY_CHARTS
        if all(i in by_id for i in ids)
    ]
    return _report(dataset, "summary", rows, notes=notes, charts=charts)


def _bar(row: FigureRow | Figure, share: float | None = None) -> Bar:
    """A figure as a bar: its own value and unit, or its share of a total in percent."""
    if share is not None:
        return Bar(row.label, row.label_zh, share, "percent", row.qualifier, derived=True)
    return Bar(
        row.label, row.label_zh, row.value, row.unit, row.qualifier, derived=isinstance(row, FigureRow) and row.derived
    )


def infrastructure(dataset: Dataset) -> FigureReport:
    """Every infrastructure figure; areas in mu also in hectares."""
    rows = catalog.build(dataset, lambda _, category: category == "infrastructure").rows
    return _report(dataset, "infrastructure", rows)


def yuan_per_usd(dataset: Dataset, rate: Fraction | None) -> tuple[Fraction | None, str | None]:
    """The exchange rate to use and what it rests on: --rate if given, else the one the source implies."""
    if rate is not None:
        return rate, "given with --rate"
    stated = stats.stated_rate(dataset)
    if stated is None:
        return None, None
    basis = f"implied by the source's '{stated.as_stated}'"
    if stated.note:
        basis += f": {stated.note}"
    return stats.implied_yuan_per_usd(stated), basis


def funding(dataset: Dataset, *, breakdown: bool, rate: Fraction | None) -> FigureReport:
    """Total funding and, with breakdown, its parts and the unitemised remainder, each with its share."""
    total = dataset.figures_by_id.get(FUNDING_TOTAL_ID)
    if total is None:
        return _report(dataset, "funding", [], notes=_missing_note([FUNDING_TOTAL_ID]))
    per_usd, basis = yuan_per_usd(dataset, rate)

    def usd(value: float | int) -> float | None:
        return None if per_usd is None else to_float(Fraction(value) / per_usd)

    def row(figure: Figure) -> FigureRow:
        return FigureRow.stored(
            figure, share_of_total=stats.share(figure.value, total), usd_equivalent=usd(figure.value)
        )

    rows = [row(total)]
    notes: list[str] = []
    if breakdown:
        parts = stats.parts_of(dataset, total)
        rows.extend(row(p) for p in parts)
        rest = catalog.unitemised(total, parts)
        rows.append(
            FigureRow.of_derived(rest, share_of_total=stats.share(rest.value, total), usd_equivalent=usd(rest.value))
        )
    columns = [Column("share_of_total", "Share", "percent")]
    if per_usd is not None:
        columns.append(Column("usd_equivalent", "≈ USD", "usd"))
    else:
        notes.append("No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; use --rate.")
    meta = {"yuan_per_usd": None if per_usd is None else to_float(per_usd), "rate_basis": basis}
    charts = []
    if breakdown:
        shares = [_bar(r, share) for r in rows[1:] if isinstance(share := r.extra["share_of_total"], float)]
        title = f"{total.label}: shares of the total"
        charts.append(Chart(title, f"{total.label_zh or total.label}：构成", shares, 100.0))
    return _report(dataset, "funding", rows, extra_columns=columns, notes=notes, meta=meta, charts=charts)


def convert_units(
    dataset: Dataset, quantities: list[tuple[str, str, str, Fraction]], rate: Fraction | None
) -> ConversionReport:
    """Each quantity (option, text, unit, value) in every unit of its kind, with the source's own checks."""
    per_usd, basis = yuan_per_usd(dataset, rate)
    conversions: list[Converted] = []
    kinds: list[Kind] = []
    for option, text, unit, value in quantities:
        kind = UNIT_KIND[unit]
        if kind == "money" and per_usd is None:
            raise UsageError(option, "converting money needs --rate: the dataset states no yuan-to-dollar rate")
        results = {u: to_float(convert(value, unit, u, yuan_per_usd=per_usd)) for u in units_of_kind(kind)}
        conversions.append(Converted(option, text, to_float(value), unit, kind, results))
        kinds.append(kind)
    definitions = [DEFINITIONS[u] for k in dict.fromkeys(kinds) for u in units_of_kind(k) if u in DEFINITIONS]
    notes = []
    for stated in dataset.conversions:
        for c in conversions:
            if c.unit == stated.from_unit and c.value == stated.from_value and stated.to_unit in c.results:
                ours = c.results[stated.to_unit]
                verdict = "agrees" if round(ours, stated.decimals) == stated.to_value else "DISAGREES"
                notes.append(
                    f"The source states {stated.as_stated}; {c.value:,g} {UNIT_NAMES[c.unit]} = "
                    f"{ours:,.{stated.decimals}f} {UNIT_NAMES[stated.to_unit]} here: {verdict}."
                )
    uses_money = "money" in kinds
    return ConversionReport(
        command="convert-units",
        conversions=conversions,
        definitions=definitions,
        yuan_per_usd=to_float(per_usd) if uses_money and per_usd is not None else None,
        rate_basis=basis if uses_money else None,
        notes=notes,
    )
