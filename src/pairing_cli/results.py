"""The result objects that queries hand to render: plain data, values in base units at full precision.

Their field names are the snake_case keys of the JSON contract; keep them stable. A derived figure (Derived) is
one of them: a value with its formula and inputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias

from .data.checks import Finding
from .data.models import Category, Conversion, Event, Figure, Measure, Observation, Period, Program, Qualifier, Source
from .data.units import Kind
from .data.vocabulary import Basis, Concept, FigureCommand, GrowthQualifier, MeasureKind, Verdict
from .text import Note


@dataclass(frozen=True)
class Derived:
    """A figure computed from stored ones. It reads as a stored Figure does (FigureRow is either); what only a
    source's figure has (its measure, as_stated, quote, ...) is None here."""

    id: str
    label: str
    value: float
    unit: str
    qualifier: Qualifier
    period: Period
    scope: str
    source: str
    formula: str
    inputs: dict[str, float | int] = field(default_factory=dict)
    category: str = "program"
    label_zh: str | None = None
    scope_zh: str | None = None
    # Every source its inputs come from, in order (a growth between two outlets' figures cites both); else its own.
    sources: tuple[str, ...] = ()

    derived: ClassVar[bool] = True
    measure: ClassVar[None] = None
    as_stated: ClassVar[None] = None
    statement: ClassVar[None] = None
    statement_zh: ClassVar[None] = None
    quote: ClassVar[None] = None
    locator: ClassVar[None] = None
    note: ClassVar[None] = None

    def __post_init__(self) -> None:
        if not self.sources:
            object.__setattr__(self, "sources", (self.source,))


# One figure, stored or derived, as every output shows it: a source's figure of a measure, or one computed from them.
FigureRow: TypeAlias = Figure | Derived


if TYPE_CHECKING:
    from .ranges import Range


@dataclass(eq=False, repr=False)
class Observed:
    """One observation as compare, trend and show list it: its source in full, its value in the measure's unit."""

    id: str
    source: Source
    value: float | int
    unit: str
    qualifier: Qualifier
    period: Period
    scope: str
    as_stated: str
    locator: str | None
    statement: str | None
    statement_zh: str | None
    note: str | None
    # The value in the measure's unit and the range of true values it allows (None where it cannot be converted).
    value_in_unit: float | None
    low: float | None
    high: float | None
    range: Range | None = None
    exact: Fraction | None = None  # value_in_unit before rounding to a float, for exact gaps and growth
    as_of: str | None = None
    scope_zh: str | None = None

    @property
    def year(self) -> int:
        """The year the figure describes: its own date where the data knows it, else its period's last year."""
        return int(self.as_of[:4]) if self.as_of else self.period.end_year

    @property
    def independent_of(self) -> str:
        """The report it carries: sources sharing an origin (a translation, a rewrite) count once."""
        return self.source.origin or self.source.id


@dataclass(eq=False, repr=False)
class Comparison:
    """What two or more sources say of one measure for one period, and whether they can all be true."""

    id: str
    label: str
    label_zh: str | None
    unit: str
    period: Period
    verdict: Verdict
    observations: list[Observed]
    gap: float | int | None  # None where a bound, not a level, sets the distance between the figures
    gap_percent: float | None
    note: str | None = None
    note_zh: str | None = None

    @property
    def independent_sources(self) -> int:
        return len({o.independent_of for o in self.observations})

    @property
    def sources_count(self) -> int:
        return len({o.source.id for o in self.observations})


@dataclass(eq=False, repr=False)
class Distinct:
    """Measures that look alike but count different things (the dataset says so), shown side by side."""

    measures: list[Measure]
    observations: list[list[Observed]]  # each measure's, in the same order


@dataclass(eq=False, repr=False)
class CompareReport:
    command: Literal["compare"]
    title: Note  # said in the language asked for (language.words.say); str() is the English
    program: Program
    sources: list[Source]
    comparisons: list[Comparison]
    distinct: list[Distinct]
    notes: list[Note] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class TrendPoint:
    """One observation in a trend, with the change from the last observation of an earlier period."""

    observed: Observed
    from_id: str | None = None
    years: int | None = None
    change: float | None = None
    change_percent: float | None = None
    annual_rate_percent: float | None = None
    # For a running total: what was added between the two reports, on average each year (never a compound rate).
    added_per_year: float | None = None
    # Set when either figure's year is uncertain: no yearly rate is computed from it.
    years_uncertain: bool = False
    growth_qualifier: GrowthQualifier | None = None
    # Set when an earlier point states the same period: that is a comparison, not growth.
    same_period_as: str | None = None
    # Why no change is derived from the earlier point (two lower bounds say nothing of the change between them).
    no_growth: str | None = None


@dataclass(eq=False, repr=False)
class TrendReport:
    command: Literal["trend"]
    title: Note  # said in the language asked for (language.words.say); str() is the English
    program: Program
    sources: list[Source]
    id: str
    label: str
    label_zh: str | None
    unit: str
    kind: MeasureKind
    points: list[TrendPoint]
    notes: list[Note] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class MeasureDetail:
    """A measure in full, as `pairing show MEASURE` prints it: every observation and the verdicts on them."""

    command: Literal["show"]
    measure: Measure
    category_label: str | None
    category_label_zh: str | None
    observations: list[Observed]
    comparisons: list[Comparison]


@dataclass(eq=False, repr=False)
class Report:
    """The whole dataset for one page: the headline view, the comparisons, the trends, every measure with its
    observations, the timeline and the sources."""

    command: str
    program: Program
    summary: FigureReport
    compare: CompareReport
    trends: list[TrendReport]
    measures: list[MeasureDetail]
    timeline: Timeline
    sources: list[Source]
    figure_counts: dict[str, int]
    observation_count: int
    # The national record's page names every pair program with its headline fiscal aid (empty for a pair).
    pairings: list[PairingOverview] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class PairingOverview:
    """One program as an overview lists it: its counts and years, and its headline fiscal-aid figures (the latest
    running total, the latest multi-year sum, the latest year's), each with its source."""

    entry: ProgramEntry
    fiscal_aid: list[AcrossRow]


@dataclass(eq=False, repr=False)
class MeasureEntry:
    """One measure as `pairing measures` lists it: what it counts, in what, of what kind, and how often observed."""

    measure: Measure
    observations: int
    sources: int
    years: list[int]  # the years its figures describe, each once, in order


@dataclass(eq=False, repr=False)
class MeasuresReport:
    command: Literal["measures"]
    title: Note  # said in the language asked for (language.words.say); str() is the English
    program: Program
    measures: list[MeasureEntry]


@dataclass(eq=False, repr=False)
class ProgramEntry:
    """One shipped program as `pairing programs` lists it."""

    program: Program
    sources: int
    observations: int
    first_year: int | None
    last_year: int | None


@dataclass(eq=False, repr=False)
class ProgramsReport:
    command: Literal["programs"]
    programs: list[ProgramEntry]


@dataclass(eq=False, repr=False)
class AcrossRow:
    """One program's figure for a concept: the program, its measure, the observation and its source."""

    program: Program
    measure: Measure
    observation: Observation
    source: Source


@dataclass(eq=False, repr=False)
class AcrossReport:
    """One concept across every program; whether the rows mix bases (agreed, allocated, ...) or periods."""

    command: Literal["across"]
    concept: Concept
    unit: str | None
    period: tuple[int, int] | None
    basis: Basis | None
    rows: list[AcrossRow]
    bases_differ: bool
    periods_differ: bool


# Plain records, built once and never changed, compared or printed field by field: no frozen, eq or repr, since
# each method a dataclass generates costs start-up time (measured: 0.57 ms a class frozen, 0.25 ms plain).
@dataclass(eq=False, repr=False)
class Column:
    """A column a command adds to its figures (funding: each one's share of the total, its sum in US dollars): its
    key in the JSON and CSV, its heading, its unit, and each figure's value by the figure's id."""

    key: str
    header: str
    unit: str
    values: dict[str, float | int | None] = field(default_factory=dict)
    # False: in the JSON only, where the contract keeps the key (null); tables and CSV leave out a column of nothing.
    in_tables: bool = True


@dataclass(eq=False, repr=False)
class FigureReport:
    """What summary, infrastructure and funding return: a titled list of figures from one program."""

    command: FigureCommand
    title: Note  # said in the language asked for (language.words.say); str() is the English
    program: Program
    sources: list[Source]
    figures: list[FigureRow]
    extra_columns: list[Column] = field(default_factory=list)

    @property
    def table_columns(self) -> list[Column]:
        """The extra columns a table or CSV shows."""
        return [c for c in self.extra_columns if c.in_tables]

    def column(self, key: str) -> dict[str, float | int | None]:
        """Each figure's value in the extra column key, by figure id (empty when the report has no such column)."""
        return next((c.values for c in self.extra_columns if c.key == key), {})

    notes: list[Note] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
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
    qualifier: Qualifier = "exact"
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

    title: Note  # said in the language asked for (language.words.say)
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
    command: Literal["convert-units"]
    conversions: list[Converted]
    definitions: list[str]
    yuan_per_usd: float | None
    rate_basis: Note | None  # what the rate rests on, said in the language asked for
    notes: list[Note] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class ValidationReport:
    """What `pairing validate` found in one dataset file."""

    command: Literal["validate"]
    path: str
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


@dataclass(eq=False, repr=False)
class SchemaDocument:
    """The dataset's JSON Schema, as `pairing schema` prints it."""

    command: str
    schema: dict[str, Any]


@dataclass(eq=False, repr=False)
class FigureDetail:
    """One figure in full, as `pairing show ID` prints it."""

    command: Literal["show"]
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
    rate_basis: Note | None = None  # what the rate rests on, said in the language asked for
    more_sources: list[Source] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class SourcesReport:
    """The sources of a dataset, each with how many figures it gives."""

    command: Literal["sources"]
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

    command: Literal["timeline"]
    title: Note  # said in the language asked for (language.words.say); str() is the English
    program: Program
    sources: list[Source]
    events: list[TimelineEntry]
