"""The result objects of compare, trend, show MEASURE and report: plain data, as results.py's.

Apart from results.py so that the commands that do not compare (summary, above all) do not pay to make them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING

from .models import Measure, Observation, Period, Program, Source
from .results import Chart, FigureReport, Timeline
from .text import Note

if TYPE_CHECKING:
    from .record import Range


@dataclass(eq=False, repr=False)
class Observed:
    """One observation as compare, trend and show list it: its source in full, its value in the measure's unit."""

    id: str
    source: Source
    value: float | int
    unit: str
    qualifier: str
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
    verdict: str
    observations: list[Observed]
    gap: float | int
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
    command: str
    title: str
    title_zh: str | None
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
    growth_qualifier: str | None = None
    # Set when an earlier point states the same period: that is a comparison, not growth.
    same_period_as: str | None = None
    # Why no change is derived from the earlier point (two lower bounds say nothing of the change between them).
    no_growth: str | None = None


@dataclass(eq=False, repr=False)
class TrendReport:
    command: str
    title: str
    title_zh: str | None
    program: Program
    sources: list[Source]
    id: str
    label: str
    label_zh: str | None
    unit: str
    kind: str
    points: list[TrendPoint]
    notes: list[Note] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class MeasureDetail:
    """A measure in full, as `pairing show MEASURE` prints it: every observation and the verdicts on them."""

    command: str
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


@dataclass(eq=False, repr=False)
class MeasureEntry:
    """One measure as `pairing measures` lists it: what it counts, in what, of what kind, and how often observed."""

    measure: Measure
    observations: int
    sources: int
    years: list[int]  # the years its figures describe, each once, in order


@dataclass(eq=False, repr=False)
class MeasuresReport:
    command: str
    title: str
    title_zh: str | None
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
    command: str
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

    command: str
    concept: str
    unit: str | None
    period: tuple[int, int] | None
    basis: str | None
    rows: list[AcrossRow]
    bases_differ: bool
    periods_differ: bool
