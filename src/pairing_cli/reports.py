"""The core of each command: a dataset (and options) in, a result object out. No printing, no Typer."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

from . import stats
from .errors import UsageError
from .models import Dataset, Figure
from .results import Column, ConversionReport, Converted, FigureReport, FigureRow
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
FUNDING_TOTAL_ID = "funding_total"


def _report(dataset: Dataset, command: str, title: str, rows: list[FigureRow], **kwargs: object) -> FigureReport:
    used = {r.source for r in rows} | {dataset.program.source}
    return FigureReport(
        command=command,
        title=title,
        program=dataset.program,
        sources=[s for s in dataset.sources if s.id in used],
        figures=rows,
        **kwargs,  # type: ignore[arg-type]
    )


def _missing_note(missing: list[str]) -> list[str]:
    return [f"Not in this dataset: {', '.join(missing)}."] if missing else []


def _derive(rows: list[FigureRow], notes: list[str], make: Callable[..., stats.Derived], *args: Any) -> None:
    """Add the row make(*args), or a note saying why it is undefined for this dataset (a zero start, say)."""
    try:
        rows.append(FigureRow.of_derived(make(*args)))
    except ValueError as e:
        notes.append(f"Not derived: {e}.")


def summary(dataset: Dataset) -> FigureReport:
    """The headline figures with the changes and growth rates derived from them."""
    by_id = dataset.figures_by_id
    rows: list[FigureRow] = []
    missing = [i for i in SUMMARY_IDS if i not in by_id]
    notes = _missing_note(missing)
    for figure_id in SUMMARY_IDS:
        figure = by_id.get(figure_id)
        if figure is None:
            continue
        rows.append(FigureRow.stored(figure))
        if figure_id == "poverty_rate_2019" and "poverty_rate_2012" in by_id:
            first = by_id["poverty_rate_2012"]
            _derive(
                rows,
                notes,
                stats.percentage_point_drop,
                first,
                figure,
                "poverty_rate_drop_points",
                "Poverty rate drop, 2012 to 2019",
            )
            _derive(
                rows,
                notes,
                stats.relative_drop,
                first,
                figure,
                "poverty_rate_drop_percent",
                "Poverty rate drop, relative to 2012",
            )
        if figure_id == "income_per_capita_2019" and "income_per_capita_2012" in by_id:
            first = by_id["income_per_capita_2012"]
            _derive(
                rows,
                notes,
                stats.relative_change,
                first,
                figure,
                "income_growth_percent",
                "Income growth, 2012 to 2019",
            )
            _derive(
                rows,
                notes,
                stats.compound_annual_growth,
                first,
                figure,
                "income_cagr_percent",
                "Income growth, compound annual rate",
            )
    _derive(rows, notes, stats.program_span, dataset)
    return _report(dataset, "summary", f"{dataset.program.name}: headline figures", rows, notes=notes)


def infrastructure(dataset: Dataset) -> FigureReport:
    """Every infrastructure figure; areas in mu also in hectares."""
    rows: list[FigureRow] = []
    for figure in dataset.figures:
        if figure.category != "infrastructure":
            continue
        rows.append(FigureRow.stored(figure))
        if figure.unit == "mu":
            rows.append(
                FigureRow.of_derived(
                    stats.converted(figure, "hectare", f"{figure.id}_hectares", f"{figure.label}, in hectares")
                )
            )
    return _report(dataset, "infrastructure", f"{dataset.program.name}: infrastructure", rows)


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
        return _report(
            dataset, "funding", f"{dataset.program.name}: funding", [], notes=_missing_note([FUNDING_TOTAL_ID])
        )
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
        rest = stats.remainder(total, parts, f"{total.id}_unitemised", "Not itemised by the source")
        rows.append(
            FigureRow.of_derived(rest, share_of_total=stats.share(rest.value, total), usd_equivalent=usd(rest.value))
        )
    columns = [Column("share_of_total", "Share", "percent")]
    if per_usd is not None:
        columns.append(Column("usd_equivalent", "≈ USD", "usd"))
    else:
        notes.append("No US-dollar equivalents: the dataset states no yuan-to-dollar conversion; use --rate.")
    meta = {"yuan_per_usd": None if per_usd is None else to_float(per_usd), "rate_basis": basis}
    return _report(
        dataset, "funding", f"{dataset.program.name}: funding", rows, extra_columns=columns, notes=notes, meta=meta
    )


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
