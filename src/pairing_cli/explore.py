"""The core of facts, show, sources, cite and timeline: find figures, and say where each comes from."""

from __future__ import annotations

import difflib
from fractions import Fraction

from . import catalog
from .errors import QueryError
from .models import Dataset
from .record_results import MeasureDetail
from .reports import cited_sources, row_sources, titled, yuan_per_usd
from .results import (
    Citation,
    FigureDetail,
    FigureReport,
    FigureRow,
    SourcesReport,
    Timeline,
    TimelineEntry,
)
from .units import UNIT_KIND, convert, to_float, units_of_kind


def _matches(row: FigureRow, needle: str) -> bool:
    """Case-insensitive search in a figure's id, labels, statements and quote."""
    haystack = (row.id, row.label, row.label_zh, row.statement, row.statement_zh, row.quote, row.as_stated)
    return any(needle in text.casefold() for text in haystack if text)


def facts(
    dataset: Dataset,
    *,
    category: str | None = None,
    search: str | None = None,
    derived: bool | None = None,
    source: str | None = None,
    year: int | None = None,
) -> FigureReport:
    """Every figure, observed and derived; optionally one category, one source, one year, a search's matches."""
    # Derived figures take their category from an observation, or are the program's (its span).
    known = sorted({f.category for f in dataset.figures} | {c.id for c in dataset.categories} | {"program"})
    if category is not None:  # any case, as --search
        category = next((k for k in known if k.casefold() == category.casefold()), category)
    if category is not None and category not in known:
        raise QueryError("category", f"no category '{category}'; the categories are {', '.join(known)}")
    if source is not None and source not in dataset.sources_by_id:
        suggestions = closest_ids(source, list(dataset.sources_by_id))
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else "; 'pairing sources' lists them"
        raise QueryError("source", f"no source '{source}'{hint}")
    everything = catalog.build(dataset, lambda _, c: category is None or c == category)
    rows = everything.rows
    if source is not None:
        rows = [r for r in rows if r.source == source]
    if year is not None:  # figures whose period includes the year
        rows = [r for r in rows if r.period.start_year <= year <= r.period.end_year]
    if search is not None:
        needle = search.casefold().strip()
        if not needle:
            raise QueryError("search", "give some text to search for")
        rows = [r for r in rows if _matches(r, needle)]
    if derived is not None:
        rows = [r for r in rows if r.derived == derived]
    # Listed under category headings: each category's figures together, in the order the dataset declares them.
    order = {c.id: i for i, c in enumerate(dataset.categories)}
    rows.sort(key=lambda r: order.get(r.category, len(order)))
    return FigureReport(
        command="facts",
        **titled(dataset, f"{len(rows)} figure{'' if len(rows) == 1 else 's'}", f"{len(rows)} 项数据"),
        program=dataset.program,
        sources=cited_sources(dataset, row_sources(rows), main=source is None and year is None),
        figures=rows,
        notes=everything.notes,
        listing=True,
        categories=list(dataset.categories),
    )


def closest_ids(wanted: str, ids: list[str]) -> list[str]:
    """The ids most like a mistyped one: close spellings first, then ids that contain it."""
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    containing = [i for i in ids if wanted and wanted.casefold() in i and i not in close]
    return (close + containing)[:3]


def find(dataset: Dataset, figure_id: str, others: list[str] | None = None, what: str = "figure") -> FigureRow:
    """The figure (stored or derived) with this id; a QueryError naming the closest ids (of figures, and of the
    other ids the command takes) when there is none."""
    row = catalog.build(dataset, lambda i, _: i == figure_id).find(figure_id)
    if row is None:
        suggestions = closest_ids(figure_id, [*catalog.build(dataset).ids, *(others or [])])
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else "; 'pairing facts' lists them"
        raise QueryError("figure_id", f"no {what} '{figure_id}'{hint}")
    return row


def show_measure(dataset: Dataset, measure_id: str) -> MeasureDetail:
    """A measure in full: what it counts, every source's observation of it, and the verdicts where they overlap."""
    from .record import comparisons, observed

    measure = dataset.measures_by_id[measure_id]
    category = dataset.category(measure.category)
    by_id = dataset.figures_by_id
    return MeasureDetail(
        command="show",
        measure=measure,
        category_label=category.label if category else None,
        category_label_zh=category.label_zh if category else None,
        observations=[observed(dataset, by_id[o.id], measure) for o in measure.observations],
        comparisons=comparisons(dataset, measure),
    )


def show(dataset: Dataset, figure_id: str, rate: Fraction | None = None) -> FigureDetail | MeasureDetail:
    """One figure in full: every unit of its kind, its sentence and source; a derived one's inputs. A measure's id
    (that is not also a figure's) shows the measure with all its observations."""
    is_figure = figure_id in dataset.figures_by_id or figure_id in dataset.derivations_by_id
    if figure_id in dataset.measures_by_id and not is_figure:
        return show_measure(dataset, figure_id)
    row = find(dataset, figure_id, list(dataset.measures_by_id), "figure or measure")
    kind = UNIT_KIND.get(row.unit)
    per_usd, basis = yuan_per_usd(dataset, rate) if kind == "money" else (None, None)
    in_units: dict[str, float] = {}
    if kind is not None and (kind != "money" or per_usd is not None):
        value = Fraction(row.value)
        in_units = {u: to_float(convert(value, row.unit, u, yuan_per_usd=per_usd)) for u in units_of_kind(kind)}
    wanted = set(row.inputs or {}) - {row.id}
    inputs = catalog.build(dataset, lambda i, _: i in wanted).rows if wanted else []
    category = dataset.category(row.category)
    return FigureDetail(
        command="show",
        figure=row,
        source=next((s for s in dataset.sources if s.id == row.source), None),
        more_sources=[dataset.source(s) for s in row.sources if s != row.source and s in dataset.sources_by_id],
        category_label=category.label if category else None,
        category_label_zh=category.label_zh if category else None,
        in_units=in_units,
        stated_conversions=[c for c in dataset.conversions if c.figure == row.id],
        inputs=inputs,
        yuan_per_usd=None if per_usd is None else to_float(per_usd),
        rate_basis=basis[0] if basis else None,
        rate_basis_zh=basis[1] if basis else None,
    )


def sources(dataset: Dataset) -> SourcesReport:
    counts = dict.fromkeys(dataset.sources_by_id, 0)
    for f in dataset.figures:
        counts[f.source] = counts.get(f.source, 0) + 1
    return SourcesReport("sources", list(dataset.sources), counts)


def cite(dataset: Dataset, style: str, figure_id: str | None = None) -> Citation:
    """A citation of the program's source, of one source by its id, or of one figure with the source that states it."""
    if figure_id is not None and figure_id in dataset.sources_by_id and figure_id not in dataset.figures_by_id:
        return Citation("cite", style, dataset.source(figure_id), dataset.program, None)
    figure = None if figure_id is None else find(dataset, figure_id, list(dataset.sources_by_id), "figure or source")
    if figure is None:
        return Citation("cite", style, dataset.source(dataset.program.source), dataset.program)
    # A derived figure cites every source its inputs come from, the first of them first.
    ids = [s for s in figure.sources if s in dataset.sources_by_id] or [figure.source]
    first, *rest = [dataset.source(s) for s in ids]
    return Citation("cite", style, first, dataset.program, figure, rest)


def timeline(dataset: Dataset) -> Timeline:
    """The dated events of every source in date order (a stable sort keeps the dataset's order within a date)."""
    wanted = {figure_id for event in dataset.events for figure_id in event.figures}
    everything = catalog.build(dataset, lambda i, _: i in wanted)
    entries = [
        TimelineEntry(event, [row for figure_id in event.figures if (row := everything.find(figure_id))])
        for event in sorted(dataset.events, key=lambda e: e.sort_key)
    ]
    return Timeline(
        command="timeline",
        **titled(dataset, "timeline", "时间线"),
        program=dataset.program,
        sources=cited_sources(dataset, {e.event.source for e in entries}),
        events=entries,
    )
