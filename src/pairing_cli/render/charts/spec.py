"""What a chart says, in one language: everything but the drawing. Built from results by charts.build, drawn by
charts.draw."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...data.vocabulary import Lang
from .readings import mark_class, reading

# Sources, notes and panels past these are summarised in a line: a chart summarises rather than grows.
MAX_BARS = 16
MAX_ROWS = 14
MAX_MARKS = 60
MAX_PANELS = 40


@dataclass
class Point:
    """One bar, one point of a line, or one dot of a row: its label, value (in the chart's unit) and qualifier.

    x is the year a line's point describes; x_range the years an uncertain one may describe. A row of a dot chart
    is its group. count is how many sources give this same figure (drawn once)."""

    label: str
    value: float
    qualifier: str = "exact"
    x: float | None = None
    derived: bool = False
    x_range: tuple[float, float] | None = None
    group: str = ""
    count: int = 1
    detail: str = ""  # what the point's tooltip adds: its sources, its period

    @property
    def mark(self) -> str:
        """exact | approx | lower | upper | uncertain: how the point is drawn."""
        return mark_class(self.qualifier, derived=self.derived, uncertain=self.x_range is not None)


@dataclass
class ChartSpec:
    """A chart: title, subtitle (what is measured, on what basis), its points, notes and its source line."""

    title: str
    subtitle: str
    unit: str
    points: list[Point]
    source: str
    lang: Lang = "en"
    kind: str = "bar"  # "bar", "line" (one measure over the years) or "dots" (rows of dots on one scale)
    full_scale: float | None = None
    notes: list[str] = field(default_factory=list)
    # For a line: the pairs of points (indices into points) a line joins; no others are joined.
    segments: list[tuple[int, int]] = field(default_factory=list)
    # For dots: each row's figure written at the right (the latest), by group.
    row_notes: dict[str, str] = field(default_factory=dict)

    def value_text(self, point: Point) -> str:
        """The point's value as a person reads it, rounded for reading, with its qualifier and unit."""
        return reading(point.value, self.unit, point.qualifier, self.lang, derived=point.derived)
