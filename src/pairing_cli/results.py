"""The result objects that commands hand to render: plain data, values in base units at full precision.

Their field names are the snake_case keys of the JSON contract (see the README); keep them stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checks import Finding
from .models import Category, Conversion, Event, Figure, Period, Program, Source
from .stats import Derived
from .text import Note
from .units import Kind


# Plain records, built once and never changed, compared or printed field by field: no frozen, eq or repr, since
# each method a dataclass generates costs start-up time (measured: 0.57 ms a class frozen, 0.25 ms plain).
@dataclass(eq=False, repr=False)
class FigureRow:
    """One figure, stored or derived, as every output shows it."""

    id: str
    label: str
    value: float | int
    unit: str
    qualifier: str
    period: Period
    scope: str
    source: str
    derived: bool
    category: str = ""
    as_stated: str | None = None
    quote: str | None = None
    formula: str | None = None
    inputs: dict[str, float | int] | None = None
    label_zh: str | None = None
    scope_zh: str | None = None
    statement: str | None = None
    statement_zh: str | None = None
    # The measure an observation is of (a derived figure has none), and where in its source it is printed.
    measure: str | None = None
    # Every source the figure rests on: a stored figure's own; each input's, for a derived one.
    sources: list[str] = field(default_factory=list)
    locator: str | None = None
    note: str | None = None
    # Extra per-row values a command adds, e.g. share_of_total and usd_equivalent for funding.
    extra: dict[str, float | int | str | None] = field(default_factory=dict)

    @classmethod
    def stored(cls, figure: Figure, **extra: float | int | str | None) -> FigureRow:
        return cls(
            id=figure.id,
            label=figure.label,
            value=figure.value,
            unit=figure.unit,
            qualifier=figure.qualifier,
            period=figure.period,
            scope=figure.scope,
            source=figure.source,
            derived=False,
            category=figure.category,
            as_stated=figure.as_stated,
            quote=figure.quote,
            label_zh=figure.label_zh,
            scope_zh=figure.scope_zh,
            statement=figure.statement,
            statement_zh=figure.statement_zh,
            measure=figure.measure,
            sources=[figure.source],
            locator=figure.locator,
            note=figure.note,
            extra=dict(extra),
        )

    @classmethod
    def of_derived(cls, d: Derived, **extra: float | int | str | None) -> FigureRow:
        return cls(
            id=d.id,
            label=d.label,
            value=d.value,
            unit=d.unit,
            qualifier=d.qualifier,
            period=d.period,
            scope=d.scope,
            source=d.source,
            derived=True,
            category=d.category,
            formula=d.formula,
            inputs=d.inputs,
            label_zh=d.label_zh,
            scope_zh=d.scope_zh,
            sources=list(d.sources or (d.source,)),
            extra=dict(extra),
        )


@dataclass(eq=False, repr=False)
class Column:
    """An extra table column drawn from FigureRow.extra[key]."""

    key: str
    header: str
    unit: str


@dataclass(eq=False, repr=False)
class FigureReport:
    """What summary, infrastructure and funding return: a titled list of figures from one program."""

    command: str
    title: str
    program: Program
    sources: list[Source]
    figures: list[FigureRow]
    extra_columns: list[Column] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    title_zh: str | None = None
    # A listing (facts) shows each figure's id, for `pairing show ID`, under its category's heading.
    listing: bool = False
    categories: list[Category] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Bar:
    """One bar of a chart: a figure's label and value (labels are the figures' own, in both languages)."""

    label: str
    label_zh: str | None
    value: float | int
    unit: str
    qualifier: str = "exact"
    derived: bool = False
    # What a chart's subtitle says of the bars: the period and scope each figure holds for.
    period: Period | None = None
    scope: str | None = None
    scope_zh: str | None = None
    # For a line: the year the figure holds at (its period's end).
    x: float | None = None


@dataclass(eq=False, repr=False)
class Chart:
    """Bars that compare like with like (two poverty rates, the parts of the funding) on one scale."""

    title: str
    title_zh: str
    bars: list[Bar]
    # The value a full bar stands for: 100 for shares of a whole; None to scale to the largest bar.
    full_scale: float | None = None
    kind: str = "bar"  # "bar", or "line" for one measure over the years


@dataclass(eq=False, repr=False)
class Converted:
    """One input quantity shown in every unit of its kind."""

    option: str
    text: str
    value: float
    unit: str
    kind: Kind
    results: dict[str, float]


@dataclass(eq=False, repr=False)
class ConversionReport:
    command: str
    conversions: list[Converted]
    definitions: list[str]
    yuan_per_usd: float | None
    rate_basis: str | None
    notes: list[Note] = field(default_factory=list)
    rate_basis_zh: str | None = None


@dataclass(eq=False, repr=False)
class ValidationReport:
    """What `pairing validate` found in one dataset file."""

    command: str
    path: str
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return not self.findings


@dataclass(eq=False, repr=False)
class SchemaDocument:
    """The dataset's JSON Schema, as `pairing schema` prints it."""

    command: str
    schema: dict[str, Any]


@dataclass(eq=False, repr=False)
class FigureDetail:
    """One figure in full, as `pairing show ID` prints it."""

    command: str
    figure: FigureRow
    source: Source | None
    category_label: str | None
    category_label_zh: str | None
    # The value in every unit of its kind (an area in mu, hectares, acres and km²); empty for counts.
    in_units: dict[str, float]
    # The source's own conversions of this figure (229,000 mu = 15266.67 hectares).
    stated_conversions: list[Conversion]
    # For a derived figure: the figures it is computed from, in full.
    inputs: list[FigureRow]
    yuan_per_usd: float | None = None
    rate_basis: str | None = None
    rate_basis_zh: str | None = None
    more_sources: list[Source] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class SourcesReport:
    """The sources of a dataset, each with how many figures it gives."""

    command: str
    sources: list[Source]
    figure_counts: dict[str, int]


@dataclass(eq=False, repr=False)
class Citation:
    """A citation of a source, or of one figure and its source, in one style."""

    command: str
    style: str
    source: Source
    program: Program
    figure: FigureRow | None = None
    # The other sources a derived figure rests on, after `source`.
    more_sources: list[Source] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class TimelineEntry:
    event: Event
    figures: list[FigureRow]


@dataclass(eq=False, repr=False)
class Timeline:
    """The dated events the source gives, in order, each with its figures."""

    command: str
    title: str
    title_zh: str | None
    program: Program
    sources: list[Source]
    events: list[TimelineEntry]
