"""The program's views: summary, infrastructure, funding and convert-units, each a result object."""

from __future__ import annotations

from fractions import Fraction

from .. import derive
from ..data.models import Dataset, View
from ..data.units import DEFINITIONS, UNIT_KIND, UNIT_NAMES, Kind, convert, to_float, units_of_kind
from ..data.vocabulary import FigureCommand
from ..errors import QueryError
from ..results import Bar, Chart, Column, ConversionReport, Converted, FigureReport, FigureRow
from ..text import Note
from .common import cited_sources, data_text, row_sources, titled, yuan_per_usd

# A command's title when the dataset declares no view for it (phrases of language.words).
_DEFAULT_TITLES = {"summary": "figures", "infrastructure": "infrastructure", "funding": "funding"}


def _view(dataset: Dataset, command: str) -> View | None:
    view: View | None = getattr(dataset.views, command)
    return view


def _report(dataset: Dataset, command: FigureCommand, rows: list[FigureRow], **kwargs: object) -> FigureReport:
    view = _view(dataset, command)
    title = data_text(view.title, view.title_zh) if view else Note(_DEFAULT_TITLES[command])
    return FigureReport(
        command=command,
        title=titled(dataset, title),
        program=dataset.program,
        sources=cited_sources(dataset, row_sources(rows)),
        figures=rows,
        **kwargs,  # type: ignore[arg-type]
    )


def _missing_note(missing: list[str]) -> list[str]:
    return [f"Not in this dataset: {', '.join(missing)}."] if missing else []


def summary(dataset: Dataset) -> FigureReport:
    """The headline figures the dataset's summary view lists, with the figures derived from them."""
    view = _view(dataset, "summary")
    if view is None:  # no view declared: every observation of the program's own source
        own = dataset.program.source
        everything = derive.build(dataset, lambda i, _: i in dataset.figures_by_id and dataset.figure(i).source == own)
        return _report(dataset, "summary", everything.rows, notes=everything.notes)
    wanted = set(view.figures)
    everything = derive.build(dataset, lambda i, _: i in wanted)
    by_id = dataset.figures_by_id
    found = set(everything.ids)
    notes = _missing_note([i for i in view.figures if i not in found and i in by_id]) + everything.notes
    charts = [
        Chart(data_text(chart.title, chart.title_zh), [_bar(by_id[i]) for i in chart.figures]) for chart in view.charts
    ]
    return _report(dataset, "summary", everything.rows, notes=notes, charts=charts)


def _bar(row: FigureRow, share: float | None = None) -> Bar:
    """A figure as a bar: its own value and unit, or its share of a total in percent."""
    if share is not None:
        value, unit, derived = share, "percent", True
    else:
        value, unit, derived = row.value, row.unit, row.derived
    return Bar(
        row.label, row.label_zh, value, unit, row.qualifier, derived, period=row.period, scope=row.scope,
        scope_zh=row.scope_zh,
    )  # fmt: skip


def infrastructure(dataset: Dataset) -> FigureReport:
    """The figures of the infrastructure view: its listed figures, or its category from its sources."""
    view = _view(dataset, "infrastructure")
    category = view.category if view and view.category else "infrastructure"
    sources = set(view.sources) if view and view.sources else None
    listed = set(view.figures) if view and view.figures else None

    def keep(figure_id: str, figure_category: str) -> bool:
        if listed is not None:
            return figure_id in listed
        return figure_category == category

    rows = derive.build(dataset, keep).rows
    if sources is not None:
        rows = [r for r in rows if r.source in sources]
    return _report(dataset, "infrastructure", rows)


# Many years' yuan at one year's rate: said wherever a dollar sum converts a total over several years.
ONE_RATE_NOTE = (
    "The dollar sums convert money spent from {start} to {end} at one rate: a rough guide, not what it was worth in "
    "dollars year by year."
)


def funding(dataset: Dataset, *, breakdown: bool, rate: Fraction | None) -> FigureReport:
    """Total funding and, with breakdown, its parts and the unitemised remainder, each with its share."""
    view = _view(dataset, "funding")
    total = dataset.figures_by_id.get(view.total) if view and view.total else None
    if total is None:
        return _report(dataset, "funding", [], notes=[Note("The dataset's funding view names no total.")])
    per_usd, basis = yuan_per_usd(dataset, rate)

    def usd(value: float | int) -> float | None:
        return None if per_usd is None else to_float(Fraction(value) / per_usd)

    rows: list[FigureRow] = [total]
    notes: list[Note] = []
    if breakdown:
        parts = derive.parts_of(dataset, total)
        rows.extend(parts)
        rows.append(derive.unitemised(total, parts))
    shares = {r.id: derive.share(r.value, total) for r in rows}
    columns = [
        Column("share_of_total", "Share", "percent", shares),
        Column("usd_equivalent", "≈ USD", "usd", {r.id: usd(r.value) for r in rows}, in_tables=per_usd is not None),
    ]
    if per_usd is None:
        notes.append(Note("No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; give a rate."))
    elif total.period.start_year != total.period.end_year:  # many years' yuan at one year's rate
        notes.append(Note(ONE_RATE_NOTE, start=str(total.period.start_year), end=str(total.period.end_year)))
    meta = {"yuan_per_usd": None if per_usd is None else to_float(per_usd), "rate_basis": basis}
    charts = []
    if breakdown:
        bars = [_bar(r, share) for r in rows[1:] if isinstance(share := shares[r.id], float)]
        label = data_text(total.label, total.label_zh)
        charts.append(Chart(Note("{total}: shares of the total", total=label), bars, 100.0))
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
            raise QueryError("rate", "converting money needs a rate of yuan per US dollar; the dataset states none")
        results = {u: to_float(convert(value, unit, u, yuan_per_usd=per_usd)) for u in units_of_kind(kind)}
        conversions.append(Converted(option, text, to_float(value), unit, kind, results))
        kinds.append(kind)
    definitions = [DEFINITIONS[u] for k in dict.fromkeys(kinds) for u in units_of_kind(k) if u in DEFINITIONS]
    notes: list[Note] = []
    for stated in dataset.conversions:
        for c in conversions:
            if c.unit == stated.from_unit and c.value == stated.from_value and stated.to_unit in c.results:
                ours = c.results[stated.to_unit]
                verdict = "agrees" if round(ours, stated.decimals) == stated.to_value else "DISAGREES"
                notes.append(
                    Note(
                        "The source states {stated}; {value} {unit} = {ours} {to_unit} here: {verdict}.",
                        stated=stated.as_stated,
                        value=f"{c.value:,g}",
                        unit=Note(UNIT_NAMES[c.unit]),
                        ours=f"{ours:,.{stated.decimals}f}",
                        to_unit=Note(UNIT_NAMES[stated.to_unit]),
                        verdict=Note(verdict),
                    )
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
