"""Every figure of a dataset, stored and derived, in one list: what summary, facts, show and cite look up.

A derived figure follows the stored figure it is anchored to (its last input in dataset order); one derived from
no stored figure (the program's span) comes last. A derived figure that is undefined for a dataset (growth from
zero, say) is left out with a note saying why.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import stats
from .models import Dataset, Figure
from .results import FigureRow

# Changes between two stored figures: (id, function, first id, second id, label, Chinese label).
PAIRED: tuple[tuple[str, Callable[..., stats.Derived], str, str, str, str], ...] = (
    (
        "poverty_rate_drop_points",
        stats.percentage_point_drop,
        "poverty_rate_2012",
        "poverty_rate_2019",
        "Poverty rate drop, 2012 to 2019",
        "贫困发生率下降，2012—2019年",
    ),
    (
        "poverty_rate_drop_percent",
        stats.relative_drop,
        "poverty_rate_2012",
        "poverty_rate_2019",
        "Poverty rate drop, relative to 2012",
        "贫困发生率相对2012年的降幅",
    ),
    (
        "income_growth_percent",
        stats.relative_change,
        "income_per_capita_2012",
        "income_per_capita_2019",
        "Income growth, 2012 to 2019",
        "贫困地区农村居民人均可支配收入增幅，2012—2019年",
    ),
    (
        "income_cagr_percent",
        stats.compound_annual_growth,
        "income_per_capita_2012",
        "income_per_capita_2019",
        "Income growth, compound annual rate",
        "贫困地区农村居民人均可支配收入年均增速",
    ),
)
UNITEMISED_LABEL = ("Not itemised by the source", "来源未列明的部分")


@dataclass(eq=False, repr=False)
class Catalog:
    """The rows of every figure, stored and derived, and the notes on derived figures left out."""

    rows: list[FigureRow]
    notes: list[str]

    def find(self, figure_id: str) -> FigureRow | None:
        return next((r for r in self.rows if r.id == figure_id), None)

    @property
    def ids(self) -> list[str]:
        return [r.id for r in self.rows]


def unitemised(total: Figure, parts: list[Figure]) -> stats.Derived:
    """What the parts of a total leave unitemised (3.044 billion - 1.93 billion - 711 million)."""
    return stats.remainder(total, parts, f"{total.id}_unitemised", *UNITEMISED_LABEL)


def in_hectares(figure: Figure) -> stats.Derived:
    """An area in mu, in hectares."""
    label_zh = f"{figure.label_zh}（折合公顷）" if figure.label_zh else None
    return stats.converted(figure, "hectare", f"{figure.id}_hectares", f"{figure.label}, in hectares", label_zh)


Keep = Callable[[str, str], bool]  # (figure id, category) -> whether a listing wants it


def _everything(figure_id: str, category: str) -> bool:
    return True


def _derived(dataset: Dataset, notes: list[str], keep: Keep) -> list[tuple[stats.Derived, str | None]]:
    """Each wanted derived figure with its anchor; a note in place of any that is undefined for this dataset.

    Whether a derived figure is wanted is asked before it is computed, so that a command needing three derived
    figures of a dataset of a hundred thousand computes three.
    """
    by_id = dataset.figures_by_id
    found: list[tuple[stats.Derived, str | None]] = []

    def add(
        derived_id: str, category: str, anchor: str | None, make: Callable[..., stats.Derived], *args: object
    ) -> stats.Derived | None:
        if not keep(derived_id, category):
            return None
        try:
            derived = make(*args)
        except ValueError as e:
            notes.append(f"Not derived: {e}.")
            return None
        found.append((derived, anchor))
        return derived

    def add_share(part: Figure | stats.Derived, total: Figure, anchor: str) -> None:
        label_zh = f"{part.label_zh}占比" if part.label_zh else None
        share_id = f"{part.id}_share"
        label = f"{part.label}, share of the total"
        add(share_id, total.category, anchor, stats.share_of, part, total, share_id, label, label_zh)

    for derived_id, make, first_id, second_id, label, label_zh in PAIRED:
        if first_id in by_id and second_id in by_id:
            first, second = by_id[first_id], by_id[second_id]
            add(derived_id, second.category, second_id, make, first, second, derived_id, label, label_zh)
    for figure in dataset.figures:
        if figure.unit == "mu":
            add(f"{figure.id}_hectares", figure.category, figure.id, in_hectares, figure)
    for total_id, parts in dataset.parts_by_total.items():
        total = by_id[total_id]
        for part in parts:
            add_share(part, total, part.id)
        rest_id = f"{total.id}_unitemised"
        if keep(rest_id, total.category) or keep(f"{rest_id}_share", total.category):
            rest = add(rest_id, total.category, parts[-1].id, unitemised, total, parts)
            rest = rest if rest is not None else _quietly(unitemised, total, parts)
            if rest is not None:
                add_share(rest, total, parts[-1].id)
    add("program_span_years", "program", None, stats.program_span, dataset)
    return found


def _quietly(make: Callable[..., stats.Derived], *args: object) -> stats.Derived | None:
    try:
        return make(*args)
    except ValueError:
        return None


def build(dataset: Dataset, keep: Keep = _everything) -> Catalog:
    """Every stored figure in dataset order, each followed by the derived figures anchored to it.

    keep(id, category) narrows the catalog to what a command shows; by default it holds every figure.
    """
    notes: list[str] = []
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
