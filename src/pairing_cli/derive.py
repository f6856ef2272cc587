"""Every figure of a dataset, observed and derived, in one list: what summary, facts, show and cite look up.

The derived figures are the ones the dataset declares under `derivations`, computed when asked. A derived figure
follows the observation it is anchored to (its last input in dataset order, through derived inputs); one derived
from no observation (the program's span) comes last. A derivation that is undefined for a dataset (growth from
zero, say) is left out with a note saying why.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import TypedDict

from .data.checks import ARITY, Finding, warning
from .data.models import Conversion, Dataset, Derivation, Figure, Period, Qualifier
from .data.units import convert, to_float
from .results import Derived, FigureRow
from .text import Note

UNITEMISED_LABEL = ("Not itemised by the source", "来源未列明的部分")


@dataclass(eq=False, repr=False)
class Catalog:
    """The rows of every figure, observed and derived, and the notes on derived figures left out."""

    rows: list[FigureRow]
    notes: list[Note]

    def find(self, figure_id: str) -> FigureRow | None:
        return next((r for r in self.rows if r.id == figure_id), None)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rows]


def unitemised(total: Figure, parts: list[Figure]) -> Derived:
    """What the parts of a total leave unitemised (3.044 billion - 1.93 billion - 711 million)."""
    return remainder(total, list(parts), f"{total.id}_unitemised", *UNITEMISED_LABEL)


Keep = Callable[[str, str], bool]  # (figure id, category) -> whether a listing wants it


def _everything(figure_id: str, category: str) -> bool:
    return True


def compute(dataset: Dataset, d: Derivation, inputs: list[Input]) -> Derived:
    """One declared derivation from its inputs; ValueError when it is undefined for them."""
    label, label_zh = d.label, d.label_zh
    if d.kind == "program_span":
        return program_span(dataset, d.id, label, label_zh)
    need = {"conversion": 1, "share": 2, "remainder": 2}.get(d.kind, 2)
    if len(inputs) < need or (d.kind not in ("remainder",) and len(inputs) != need):
        raise ValueError(f"{d.id} ({d.kind}) needs {need} input{'s' if need > 1 else ''}, not {len(inputs)}")
    if d.kind == "conversion":
        if d.to_unit is None:
            raise ValueError(f"{d.id} (conversion) names no to_unit")
        return converted(inputs[0], d.to_unit, d.id, label, label_zh)
    if d.kind == "share":
        return share_of(inputs[0], inputs[1], d.id, label, label_zh)
    if d.kind == "remainder":
        return remainder(inputs[0], inputs[1:], d.id, label, label_zh)
    make = {
        "difference": percentage_point_drop,
        "relative_drop": relative_drop,
        "relative_change": relative_change,
        "growth": relative_change,
        "compound_annual_rate": compound_annual_growth,
    }[d.kind]
    first, second = inputs
    both_observed = isinstance(first, Figure) and isinstance(second, Figure)
    if d.kind == "growth" and both_observed and getattr(first, "measure", None) != getattr(second, "measure", None):
        raise ValueError(f"{d.id} (growth) compares two measures; growth is between observations of one")
    return make(first, second, d.id, label, label_zh)


def _derived(dataset: Dataset, notes: list[Note], keep: Keep) -> list[tuple[Derived, str | None]]:
    """Each wanted derived figure with its anchor; a note in place of any that is undefined for this dataset.

    Whether a derived figure is wanted is asked before it is computed, so that a command needing three derived
    figures of a dataset of a hundred thousand computes three (and the derived figures they are computed from).
    """
    by_id = dataset.figures_by_id
    derivations = dataset.derivations_by_id
    made: dict[str, Derived | None] = {}
    anchors: dict[str, str | None] = {}
    order = {f.id: i for i, f in enumerate(dataset.figures)} if dataset.derivations else {}

    def category_of(d: Derivation) -> str:
        if d.category is not None:
            return d.category
        last = next((i for i in reversed(d.inputs) if i in by_id or i in derivations), None)
        if last is None:
            return "program"
        return by_id[last].category if last in by_id else category_of(derivations[last])

    def make(derived_id: str) -> Derived | None:
        if derived_id in made:
            return made[derived_id]
        d = derivations[derived_id]
        made[derived_id] = None  # a cycle (refused by the checks) ends here
        inputs: list[Input] = []
        for ref in d.inputs:
            got: Input | None = by_id.get(ref) or (make(ref) if ref in derivations else None)
            if got is None:
                notes.append(Note("Not derived: {id} needs {input}, which is not available.", id=d.id, input=ref))
                return None
            inputs.append(got)
        try:
            result = compute(dataset, d, inputs)
        except ValueError as e:
            notes.append(Note("Not derived: {reason}.", reason=str(e).rstrip(".")))
            return None
        from_sources = [s for i in inputs for s in i.sources]
        result = replace(result, sources=tuple(dict.fromkeys(from_sources)))  # none: its own (Derived)
        made[derived_id] = result
        stored = [anchors.get(r) if r in derivations else r for r in d.inputs]
        anchors[derived_id] = max((a for a in stored if a is not None), key=order.__getitem__, default=None)
        return result

    found: list[tuple[Derived, str | None]] = []
    for d in dataset.derivations:
        if keep(d.id, category_of(d)):
            result = make(d.id)
            if result is not None:
                found.append((replace(result, category=category_of(d)), anchors[d.id]))
    return found


def build(dataset: Dataset, keep: Keep = _everything) -> Catalog:
    """Every observation in dataset order, each followed by the derived figures anchored to it.

    keep(id, category) narrows the catalog to what a command shows; by default it holds every figure.
    """
    notes: list[Note] = []
    following: dict[str | None, list[Derived]] = {}
    for derived, anchor in _derived(dataset, notes, keep):
        following.setdefault(anchor, []).append(derived)
    rows: list[FigureRow] = []
    for figure in dataset.figures:
        if keep(figure.id, figure.category):
            rows.append(figure)
        rows.extend(following.pop(figure.id, []))
    for rest in following.values():  # unanchored (the program's span)
        rows.extend(rest)
    return Catalog(rows, notes)


def _qualifier(*figures: Input) -> Qualifier:
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
    return _percent_of_start(start, end, id, label, label_zh, "drop", fell=True)


def relative_change(start: Input, end: Input, id: str, label: str, label_zh: str | None = None) -> Derived:
    """The change between two values as a percentage of the first: (end - start) / start * 100."""
    return _percent_of_start(start, end, id, label, label_zh, "change", fell=False)


def _percent_of_start(
    start: Input, end: Input, id: str, label: str, label_zh: str | None, what: str, *, fell: bool
) -> Derived:
    """A difference as a percentage of the start: the fall (start - end) or the change (end - start)."""
    if start.value == 0:
        raise ValueError(f"relative {what} from {start.id} is undefined: it is zero")
    first, second = (start, end) if fell else (end, start)
    value = (Fraction(first.value) - Fraction(second.value)) / Fraction(start.value) * 100
    return Derived(
        id=id,
        label=label,
        value=to_float(value),
        unit="percent",
        qualifier=_qualifier(start, end),
        period=_span(start, end),
        label_zh=label_zh,
        **_about(end),
        formula=f"({first.id} - {second.id}) / {start.id} * 100",
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


def undefined_findings(dataset: Dataset) -> list[Finding]:
    """A warning for each derivation the dataset declares that its figures leave undefined (a share of a zero total,
    growth from zero): every command leaves it out with a note, and `show` finds no such figure; `pairing validate`
    says why (it adds these to the data layer's findings, which cannot compute a derivation)."""
    by_id = dataset.figures_by_id
    derivations = dataset.derivations_by_id
    made: dict[str, Input] = {}
    found = []
    for i, d in enumerate(dataset.derivations):
        need = ARITY.get(d.kind, 2)
        if d.kind != "program_span" and (len(d.inputs) < need or (d.kind != "remainder" and len(d.inputs) != need)):
            continue  # its shape is an error already
        inputs = [by_id.get(ref) or made.get(ref) for ref in d.inputs]
        missing = next((ref for ref, got in zip(d.inputs, inputs, strict=True) if got is None), None)
        if missing is not None:
            if missing in derivations:  # declared before it, and itself undefined (or later: an error already)
                found.append(warning(f"derivations[{i}]", "derivation-undefined",
                                   f"'{d.id}' is not derived: it needs '{missing}', which is not derived"))  # fmt: skip
            continue
        try:
            made[d.id] = compute(dataset, d, [got for got in inputs if got is not None])
        except (ValueError, ArithmeticError, KeyError) as e:
            found.append(warning(f"derivations[{i}]", "derivation-undefined", f"'{d.id}' is not derived: {e}"))
    return found
