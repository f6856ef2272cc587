"""Derived figures as pure functions: stored figures in, a value with its formula and inputs out.

Nothing here is stored in the dataset: changes, growth rates, shares, remainders and conversions are computed
when asked, and each carries the formula it used and the ids and values of its inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypedDict

from .models import Conversion, Dataset, Figure, Period
from .units import convert, to_float


@dataclass(frozen=True)
class Derived:
    """A figure computed from stored ones."""

    id: str
    label: str
    value: float
    unit: str
    qualifier: str
    period: Period
    scope: str
    source: str
    formula: str
    inputs: dict[str, float | int] = field(default_factory=dict)
    category: str = "program"
    label_zh: str | None = None
    scope_zh: str | None = None
    # Every source its inputs come from, in order (a growth between two outlets' figures cites both).
    sources: tuple[str, ...] = ()


def _qualifier(*figures: Input) -> str:
    """Exact when every input is exact; otherwise 'about', since an approximate input makes the result one."""
    return "exact" if all(f.qualifier == "exact" for f in figures) else "about"


def _span(first: Input, last: Input) -> Period:
    start, end = first.period.start_year, last.period.end_year
    return Period(
        label=f"{start} to {end}",
        label_zh=f"{start}—{end}年",
        start_year=start,
        end_year=end,
        stated=first.period.stated and last.period.stated,
    )


# What a derived figure is computed from: an observation, or a figure derived before it.
Input = Figure | Derived


class _About(TypedDict):
    category: str
    scope: str
    scope_zh: str | None
    source: str


def _about(figure: Input) -> _About:
    """What a derived figure takes from the stored one it describes: category, scope and source."""
    return {"category": figure.category, "scope": figure.scope, "scope_zh": figure.scope_zh, "source": figure.source}


def _inputs(*figures: Input) -> dict[str, float | int]:
    return {f.id: f.value for f in figures}


def percentage_point_drop(start: Input, end: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """The difference start - end; between two percentages, in percentage points."""
    if start.unit != end.unit:
        raise ValueError(f"{start.id} is in {start.unit} and {end.id} in {end.unit}: no difference between them")
    difference = Fraction(start.value) - Fraction(end.value)
    return Derived(
        id=id,
        label=label,
        value=int(difference) if difference.denominator == 1 and start.unit != "percent" else to_float(difference),
        unit="percentage_points" if start.unit == "percent" else start.unit,
        qualifier=_qualifier(start, end),
        period=_span(start, end),
        label_zh=label_zh,
        **_about(end),
        formula=f"{start.id} - {end.id}",
        inputs=_inputs(start, end),
    )


def relative_drop(start: Input, end: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """How far a value fell as a percentage of where it started: (start - end) / start * 100."""
    if start.value == 0:
        raise ValueError(f"relative drop from {start.id} is undefined: it is zero")
    value = (Fraction(start.value) - Fraction(end.value)) / Fraction(start.value) * 100
    return Derived(
        id=id,
        label=label,
        value=to_float(value),
        unit="percent",
        qualifier=_qualifier(start, end),
        period=_span(start, end),
        label_zh=label_zh,
        **_about(end),
        formula=f"({start.id} - {end.id}) / {start.id} * 100",
        inputs=_inputs(start, end),
    )


def relative_change(start: Input, end: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """The change between two values as a percentage of the first: (end - start) / start * 100."""
    if start.value == 0:
        raise ValueError(f"relative change from {start.id} is undefined: it is zero")
    value = (Fraction(end.value) - Fraction(start.value)) / Fraction(start.value) * 100
    return Derived(
        id=id,
        label=label,
        value=to_float(value),
        unit="percent",
        qualifier=_qualifier(start, end),
        period=_span(start, end),
        label_zh=label_zh,
        **_about(end),
        formula=f"({end.id} - {start.id}) / {start.id} * 100",
        inputs=_inputs(start, end),
    )


def compound_annual_growth(start: Input, end: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """The compound annual growth rate between two yearly values, in percent."""
    years = end.period.end_year - start.period.end_year
    if years <= 0 or start.value <= 0:
        raise ValueError(f"growth from {start.id} to {end.id} needs a positive start and at least one year")
    try:
        value = ((end.value / start.value) ** (1 / years) - 1) * 100
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise ValueError(f"growth from {start.id} to {end.id} is too large to show")
    return Derived(
        id=id,
        label=label,
        value=value,
        unit="percent",
        qualifier=_qualifier(start, end),
        period=_span(start, end),
        label_zh=label_zh,
        **_about(end),
        formula=f"(({end.id} / {start.id}) ** (1 / {years}) - 1) * 100",
        inputs={**_inputs(start, end), "years": years},
    )


def parts_of(dataset: Dataset, total: Figure) -> list[Figure]:
    """The stored figures that the dataset marks as parts of total, in dataset order."""
    return dataset.parts_by_total.get(total.id, [])


def remainder(total: Input, parts: list[Input], id: str, label: str, label_zh: str | None = None) -> Derived:
    """What the parts of a total leave unitemised: total - sum(parts). Of a running total less an earlier report
    of it (one measure, one start), what was added between the two, over the years between them."""
    value = Fraction(total.value) - sum((Fraction(p.value) for p in parts), Fraction(0))
    value_out: float | int = int(value) if value.denominator == 1 else to_float(value)
    period = total.period
    if (
        len(parts) == 1
        and isinstance(total, Figure)
        and isinstance(parts[0], Figure)
        and parts[0].measure == total.measure
        and parts[0].period.start_year == total.period.start_year
        and parts[0].period.end_year < total.period.end_year
    ):
        start, end = parts[0].period.end_year, total.period.end_year
        period = Period(
            label=f"{start} to {end}",
            label_zh=f"{start}—{end}年",
            start_year=start,
            end_year=end,
            stated=parts[0].period.stated and total.period.stated,
        )
    return Derived(
        id=id,
        label=label,
        value=value_out,
        unit=total.unit,
        qualifier=_qualifier(total, *parts),
        period=period,
        formula=" - ".join([total.id, *(p.id for p in parts)]),
        inputs=_inputs(total, *parts),
        label_zh=label_zh,
        **_about(total),
    )


def share(part_value: float | int, total: Input) -> float | None:
    """A part's share of its total in percent (part / total * 100); None when the total is zero."""
    if total.value == 0:
        return None
    return to_float(Fraction(part_value) / Fraction(total.value) * 100)


def share_of(part: Input, total: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """A part's share of its total as a derived figure: part / total * 100."""
    value = share(part.value, total)
    if value is None:
        raise ValueError(f"the share of {part.id} in {total.id} is undefined: the total is zero")
    return Derived(
        id=id,
        label=label,
        value=value,
        unit="percent",
        qualifier=part.qualifier if part.qualifier != "exact" else total.qualifier,
        period=total.period,
        formula=f"{part.id} / {total.id} * 100",
        inputs={part.id: part.value, total.id: total.value},
        label_zh=label_zh,
        **_about(total),
    )


def stated_rate(dataset: Dataset) -> Conversion | None:
    """The yuan-to-dollar conversion the source states, if any (the article: 4,856 yuan = $692.47)."""
    return next((c for c in dataset.conversions if (c.from_unit, c.to_unit) == ("yuan", "usd")), None)


def implied_yuan_per_usd(conversion: Conversion) -> Fraction:
    """The exchange rate a stated yuan-to-dollar conversion implies: yuan / dollars."""
    return Fraction(conversion.from_value) / Fraction(conversion.to_value)


def program_span(dataset: Dataset, id: str, label: str, label_zh: str | None = None) -> Derived:
    """Years from the program's launch to the date of its source: source year - launch year."""
    source = dataset.source(dataset.program.source)
    years = source.year - dataset.program.launch_year
    return Derived(
        id=id,
        label=label,
        label_zh=label_zh,
        value=years,
        unit="years",
        qualifier="exact",
        period=Period(
            label=f"{dataset.program.launch_year} to {source.date}",
            label_zh=f"{dataset.program.launch_year}年至{source.date}",
            start_year=dataset.program.launch_year,
            end_year=source.year,
            stated=True,
        ),
        scope=dataset.program.name,
        scope_zh=dataset.program.name_zh,
        source=source.id,
        formula="source_year - launch_year",
        inputs={"launch_year": dataset.program.launch_year, "source_year": source.year},
    )


def converted(
    figure: Input,
    to_unit: str,
    id: str,
    label: str,
    label_zh: str | None = None,
    *,
    yuan_per_usd: Fraction | None = None,
) -> Derived:
    """A stored figure in another unit of its kind (mu -> hectares, yuan -> US dollars)."""
    value = convert(Fraction(figure.value), figure.unit, to_unit, yuan_per_usd=yuan_per_usd)
    inputs: dict[str, float | int] = _inputs(figure)
    if yuan_per_usd is None:
        factor = convert(Fraction(1), figure.unit, to_unit)
        formula = f"{figure.id} * {factor}"
    else:
        inputs["yuan_per_usd"] = to_float(yuan_per_usd)
        formula = f"{figure.id} / yuan_per_usd"
    return Derived(
        id=id,
        label=label,
        value=to_float(value),
        unit=to_unit,
        qualifier=figure.qualifier if yuan_per_usd is None else "about",
        period=figure.period,
        formula=formula,
        inputs=inputs,
        label_zh=label_zh,
        **_about(figure),
    )
