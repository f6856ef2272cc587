"""facts and show: find figures, derived ones too, and say where each comes from."""

from __future__ import annotations

from fractions import Fraction

from .. import derive
from ..data.models import Dataset
from ..data.units import UNIT_KIND, convert, to_float, units_of_kind
from ..errors import QueryError
from ..results import (
    FigureDetail,
    FigureReport,
    FigureRow,
    MeasureDetail,
)
from .common import _matches, cited_sources, closest_ids, counted, find, row_sources, titled, yuan_per_usd
from .compare import comparisons, observed


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
    category = _known_category(dataset, category)
    if source is not None and source not in dataset.sources_by_id:
        suggestions = closest_ids(source, list(dataset.sources_by_id))
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else "; 'pairing sources' lists them"
        raise QueryError("source", f"no source '{source}'{hint}")
    everything = derive.build(dataset, lambda _, c: category is None or c == category)
    rows = _filtered(everything.rows, search=search, derived=derived, source=source, year=year)
    # Listed under category headings: each category's figures together, in the order the dataset declares them.
    order = {c.id: i for i, c in enumerate(dataset.categories)}
    rows.sort(key=lambda r: order.get(r.category, len(order)))
    return FigureReport(
        command="facts",
        title=titled(dataset, counted(len(rows), "{count} figure", "{count} figures")),
        program=dataset.program,
        sources=cited_sources(dataset, row_sources(rows), main=source is None and year is None),
        figures=rows,
        notes=everything.notes,
        listing=True,
        categories=list(dataset.categories),
    )


def _known_category(dataset: Dataset, category: str | None) -> str | None:
    """The category as the dataset spells it (any case, as --search); a QueryError naming them for an unknown one."""
    if category is None:
        return None
    # Derived figures take their category from an observation, or are the program's (its span).
    known = sorted({f.category for f in dataset.figures} | {c.id for c in dataset.categories} | {"program"})
    category = next((k for k in known if k.casefold() == category.casefold()), category)
    if category not in known:
        raise QueryError("category", f"no category '{category}'; the categories are {', '.join(known)}")
    return category


def _filtered(
    rows: list[FigureRow], *, search: str | None, derived: bool | None, source: str | None, year: int | None
) -> list[FigureRow]:
    """The rows of one source, of periods including one year, matching a search, derived or not (each if given)."""
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
    return list(rows)


def show_measure(dataset: Dataset, measure_id: str) -> MeasureDetail:
    """A measure in full: what it counts, every source's observation of it, and the verdicts where they overlap."""
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


def _in_units(row: FigureRow, per_usd: Fraction | None) -> dict[str, float]:
    """The figure's value in every unit of its kind; nothing for a count, or for money without a rate."""
    kind = UNIT_KIND.get(row.unit)
    if kind is None or (kind == "money" and per_usd is None):
        return {}
    value = Fraction(row.value)
    return {u: to_float(convert(value, row.unit, u, yuan_per_usd=per_usd)) for u in units_of_kind(kind)}


def show(dataset: Dataset, figure_id: str, rate: Fraction | None = None) -> FigureDetail | MeasureDetail:
    """One figure in full: every unit of its kind, its sentence and source; a derived one's inputs. A measure's id
    (that is not also a figure's) shows the measure with all its observations."""
    is_figure = figure_id in dataset.figures_by_id or figure_id in dataset.derivations_by_id
    if figure_id in dataset.measures_by_id and not is_figure:
        return show_measure(dataset, figure_id)
    row = find(dataset, figure_id, list(dataset.measures_by_id), "figure or measure")
    kind = UNIT_KIND.get(row.unit)
    per_usd, basis = yuan_per_usd(dataset, rate) if kind == "money" else (None, None)
    wanted = set(row.inputs or {}) - {row.id}
    inputs = derive.build(dataset, lambda i, _: i in wanted).rows if wanted else []
    category = dataset.category(row.category)
    return FigureDetail(
        command="show",
        figure=row,
        source=next((s for s in dataset.sources if s.id == row.source), None),
        more_sources=[dataset.source(s) for s in row.sources if s != row.source and s in dataset.sources_by_id],
        category_label=category.label if category else None,
        category_label_zh=category.label_zh if category else None,
        in_units=_in_units(row, per_usd),
        stated_conversions=[c for c in dataset.conversions if c.figure == row.id],
        inputs=inputs,
        yuan_per_usd=None if per_usd is None else to_float(per_usd),
        rate_basis=basis,
    )
