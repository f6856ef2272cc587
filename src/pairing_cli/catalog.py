"""Every figure of a dataset, observed and derived, in one list: what summary, facts, show and cite look up.

The derived figures are the ones the dataset declares under `derivations`, computed when asked. A derived figure
follows the observation it is anchored to (its last input in dataset order, through derived inputs); one derived
from no observation (the program's span) comes last. A derivation that is undefined for a dataset (growth from
zero, say) is left out with a note saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from . import stats
from .models import Dataset, Derivation, Figure
from .results import FigureRow
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


def unitemised(total: Figure, parts: list[Figure]) -> stats.Derived:
    """What the parts of a total leave unitemised (3.044 billion - 1.93 billion - 711 million)."""
    return stats.remainder(total, list(parts), f"{total.id}_unitemised", *UNITEMISED_LABEL)


Keep = Callable[[str, str], bool]  # (figure id, category) -> whether a listing wants it
Input = stats.Input


def _everything(figure_id: str, category: str) -> bool:
    return True


def compute(dataset: Dataset, d: Derivation, inputs: list[Input]) -> stats.Derived:
    """One declared derivation from its inputs; ValueError when it is undefined for them."""
    label, label_zh = d.label, d.label_zh
    if d.kind == "program_span":
        return stats.program_span(dataset, d.id, label, label_zh)
    need = {"conversion": 1, "share": 2, "remainder": 2}.get(d.kind, 2)
    if len(inputs) < need or (d.kind not in ("remainder",) and len(inputs) != need):
        raise ValueError(f"{d.id} ({d.kind}) needs {need} input{'s' if need > 1 else ''}, not {len(inputs)}")
    if d.kind == "conversion":
        if d.to_unit is None:
            raise ValueError(f"{d.id} (conversion) names no to_unit")
        return stats.converted(inputs[0], d.to_unit, d.id, label, label_zh)
    if d.kind == "share":
        return stats.share_of(inputs[0], inputs[1], d.id, label, label_zh)
    if d.kind == "remainder":
        return stats.remainder(inputs[0], inputs[1:], d.id, label, label_zh)
    make = {
        "difference": stats.percentage_point_drop,
        "relative_drop": stats.relative_drop,
        "relative_change": stats.relative_change,
        "growth": stats.relative_change,
        "compound_annual_rate": stats.compound_annual_growth,
    }[d.kind]
    first, second = inputs
    both_observed = isinstance(first, Figure) and isinstance(second, Figure)
    if d.kind == "growth" and both_observed and getattr(first, "measure", None) != getattr(second, "measure", None):
        raise ValueError(f"{d.id} (growth) compares two measures; growth is between observations of one")
    return make(first, second, d.id, label, label_zh)


def _derived(dataset: Dataset, notes: list[Note], keep: Keep) -> list[tuple[stats.Derived, str | None]]:
    """Each wanted derived figure with its anchor; a note in place of any that is undefined for this dataset.

    Whether a derived figure is wanted is asked before it is computed, so that a command needing three derived
    figures of a dataset of a hundred thousand computes three (and the derived figures they are computed from).
    """
    by_id = dataset.figures_by_id
    derivations = dataset.derivations_by_id
    made: dict[str, stats.Derived | None] = {}
    anchors: dict[str, str | None] = {}
    order = {f.id: i for i, f in enumerate(dataset.figures)} if dataset.derivations else {}

    def category_of(d: Derivation) -> str:
        if d.category is not None:
            return d.category
        last = next((i for i in reversed(d.inputs) if i in by_id or i in derivations), None)
        if last is None:
            return "program"
        return by_id[last].category if last in by_id else category_of(derivations[last])

    def make(derived_id: str) -> stats.Derived | None:
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
        from_sources = [s for i in inputs for s in (i.sources if isinstance(i, stats.Derived) else (i.source,))]
        result = replace(result, sources=tuple(dict.fromkeys(from_sources or [result.source])))
        made[derived_id] = result
        stored = [anchors.get(r) if r in derivations else r for r in d.inputs]
        anchors[derived_id] = max((a for a in stored if a is not None), key=order.__getitem__, default=None)
        return result

    found: list[tuple[stats.Derived, str | None]] = []
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
    following: dict[str | None, list[stats.Derived]] = {}
    for derived, anchor in _derived(dataset, notes, keep):
        following.setdefault(anchor, []).append(derived)
    rows: list[FigureRow] = []
    for figure in dataset.figures:
        if keep(figure.id, figure.category):
            rows.append(FigureRow.stored(figure))
        rows.extend(FigureRow.of_derived(d) for d in following.pop(figure.id, []))
    for rest in following.values():  # unanchored (the program's span)
        rows.extend(FigureRow.of_derived(d) for d in rest)
    return Catalog(rows, notes)
