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


@dataclass(frozen=True)
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


def _add_share(add: Callable[..., object], part: Figure | stats.Derived, total: Figure, anchor: str) -> None:
    label_zh = f"{part.label_zh}占比" if part.label_zh else None
    add(anchor, stats.share_of, part, total, f"{part.id}_share", f"{part.label}, share of the total", label_zh)


def _derived(dataset: Dataset, notes: list[str]) -> list[tuple[stats.Derived, str | None]]:
    """Each derived figure with its anchor; a note in place of any that is undefined for this dataset."""
    by_id = dataset.figures_by_id
    found: list[tuple[stats.Derived, str | None]] = []

    def add(anchor: str | None, make: Callable[..., stats.Derived], *args: object) -> stats.Derived | None:
        try:
            derived = make(*args)
        except ValueError as e:
            notes.append(f"Not derived: {e}.")
            return None
        found.append((derived, anchor))
        return derived

    for derived_id, make, first_id, second_id, label, label_zh in PAIRED:
        if first_id in by_id and second_id in by_id:
            add(second_id, make, by_id[first_id], by_id[second_id], derived_id, label, label_zh)
    for figure in dataset.figures:
        if figure.unit == "mu":
            add(figure.id, in_hectares, figure)
        parts = stats.parts_of(dataset, figure)
        if not parts:
            continue
        for part in parts:
            _add_share(add, part, figure, part.id)
        rest = add(parts[-1].id, unitemised, figure, parts)
        if rest is not None:
            _add_share(add, rest, figure, parts[-1].id)
    add(None, stats.program_span, dataset)
    return found


def build(dataset: Dataset) -> Catalog:
    """Every stored figure in dataset order, each followed by the derived figures anchored to it."""
    notes: list[str] = []
    following: dict[str | None, list[stats.Derived]] = {}
    for derived, anchor in _derived(dataset, notes):
        following.setdefault(anchor, []).append(derived)
    rows: list[FigureRow] = []
    for figure in dataset.figures:
        rows.append(FigureRow.stored(figure))
        rows.extend(FigureRow.of_derived(d) for d in following.pop(figure.id, []))
    for rest in following.values():  # unanchored (the program's span)
        rows.extend(FigureRow.of_derived(d) for d in rest)
    return Catalog(rows, notes)
