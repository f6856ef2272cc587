"""Pydantic models of a pairing-program dataset: the schema, strict.

Unknown keys are rejected, numbers must be finite, counts are non-negative integers, text holds no control
characters. Unique ids and resolving references are checked over the whole dataset in checks.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import PydanticCustomError

from ..text import CONTROL_CHARACTERS, web_address
from .units import MEASURED_UNITS, ConvertibleUnit
from .vocabulary import (
    Basis,
    Concept,
    DateKind,
    Level,
    MeasureKind,
    PartnerRole,
    ProgramKind,
    Programme,
    SourceLanguage,
)

# Text from a dataset reaches terminals: control characters and bidi controls are refused.
TEXT_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", min_length=1, max_length=80)]


Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=TEXT_PATTERN)]


# The years a dataset may name; outside them a year is a typing slip, not history or a plan.
YEARS = (1900, 2200)


Year = Annotated[int, Field(ge=YEARS[0], le=YEARS[1])]


# No stated figure comes near this (in yuan, a thousand times the world's yearly output); it keeps sums finite.
MAX_VALUE = 10**18


Qualifier = Literal["exact", "more_than", "nearly", "over", "about", "at_least"]


# A date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD.
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"


PartialDate = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]


# A unit is one of the measured units (units.MEASURED_UNITS) or a count noun the dataset declares.
UnitId = Id


def _in_the_calendar(date: str | None) -> None:
    """A full date (YYYY-MM-DD) that the calendar has; 2020-02-31 has the right shape and is no date."""
    if date is not None and len(date) == 10:
        try:
            datetime.date.fromisoformat(date)
        except ValueError:
            raise PydanticCustomError("date", "'{date}' is not a date in the calendar", {"date": date}) from None


_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, defer_build=True)


class _Strict(BaseModel):
    model_config = ConfigDict(**_CONFIG, frozen=True)


@pydantic_dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)
class Period:
    """When a figure holds, as the article words it, with the years it spans."""

    label: Text
    start_year: Year
    end_year: Year
    stated: bool = Field(description="False when the article implies the period rather than stating it.")
    note: Text | None = None
    label_zh: Text | None = None
    note_zh: Text | None = None
    approximate: bool = Field(
        default=False,
        description="The year is uncertain ('20 years ago'): start_year..end_year is the range it may describe.",
    )


class Partner(_Strict):
    id: Id
    name: Text
    name_zh: Text | None = None
    described_as: Text | None = None
    role: PartnerRole
    level: Level | None = None


class Program(_Strict):
    id: Id
    name: Text
    name_zh: Text | None = None
    kind: ProgramKind = "pair"
    launch_year: Year
    launch_quote: Text | None = None
    source: Id
    partners: tuple[Partner, ...] = Field(min_length=2)
    note: Text | None = Field(default=None, description="What a reader should know about the program's record.")


class Source(_Strict):
    id: Id
    title: Text | None = Field(default=None, description="The headline as printed; None when the copy read has none.")
    title_en: Text | None = Field(default=None, description="An English translation of a headline in another language.")
    publisher: Text = Field(description="The outlet that published it (the original one, for a republication).")
    publisher_zh: Text | None = None
    site: Text | None = None
    section: Text | None = None
    date: PartialDate = Field(
        description="YYYY-MM-DD as printed; YYYY-MM or YYYY where only that much is known (then date_kind 'inferred')."
    )
    date_kind: DateKind = "published"
    language: SourceLanguage | None = None
    url: Text | None = Field(default=None, description="The address the page was read at.")
    republished_by: Text | None = Field(
        default=None, description="The site whose copy was read, when it republishes the outlet's page."
    )
    outlet_url: Text | None = Field(default=None, description="The outlet's own address, where known; cited first.")
    spam_site: bool = Field(
        default=False, description="The copy read sits on a site carrying spam: its address is never linked."
    )
    origin: Id | None = Field(
        default=None,
        description="Shared by sources that carry one report (a translation, a rewrite, one press conference).",
    )
    byline: Text | None = None
    note: Text | None = Field(default=None, description="What a reader of the citation should know about the source.")

    @model_validator(mode="after")
    def _a_real_date(self) -> Source:
        """2020-02-31 has the right shape and is no date: refused here, before a citation prints 'February 31'."""
        _in_the_calendar(self.date)
        return self

    @property
    def shown_title(self) -> str:
        """The headline, or a bracketed description where the copy read shows none (as APA does for untitled works)."""
        return self.title or "[headline not shown in the copy read]"

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def cited_url(self) -> str | None:
        """The address to cite and link: the outlet's own where known; never a copy on a spam site, never an address
        that is not http(s)."""
        if own := web_address(self.outlet_url):
            return own
        return None if self.spam_site else web_address(self.url)


@pydantic_dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)
class Observation:
    """One source's figure for a measure, in base units: the value, how it was printed and where."""

    id: Id
    value: Annotated[int | float, Field(ge=0, le=MAX_VALUE)]
    unit: UnitId
    qualifier: Qualifier
    period: Period
    scope: Text
    scope_zh: Text | None = None
    source: Id
    as_stated: Text = Field(description="The figure exactly as printed, e.g. '3.044 billion yuan' or '7.74亿元'.")
    locator: Text | None = Field(default=None, description="Where in the source: 'paragraph 4'.")
    statement: Text | None = Field(
        default=None, description="The figure as a short phrase, in the dataset's own words unless it is a quote."
    )
    statement_zh: Text | None = None
    quote: Text | None = Field(
        default=None, description="A verbatim sentence, kept only where the source's text may be quoted."
    )
    label: Text | None = Field(default=None, description="This observation's own label; else the measure's.")
    label_zh: Text | None = None
    part_of: Id | None = Field(default=None, description="The id of the observation this one is a part of.")
    note: Text | None = None
    as_of: PartialDate | None = Field(
        default=None, description="The figure's own date, where known and not the one its publication implies."
    )
    basis: Basis | None = Field(default=None, description="For money: planned, agreed, allocated or disbursed.")
    programme: Programme | None = Field(default=None, description="Where a figure is not (only) East–West aid.")
    level: Level | None = Field(default=None, description="The giver's administrative level.")

    @model_validator(mode="after")
    def _not_negative(self) -> Observation:
        _in_the_calendar(self.as_of)
        if isinstance(self.value, float) and self.value == 0 and str(self.value).startswith("-"):
            raise PydanticCustomError("negative", "value must not be negative, not -0.0 (write 0)", {})
        if self.unit not in MEASURED_UNITS and (not isinstance(self.value, int) or self.value < 0):
            raise PydanticCustomError(
                "count",
                "a count in '{unit}' must be a non-negative integer, not {value}",
                {"unit": self.unit, "value": repr(self.value)},
            )
        if self.value < 0:
            raise PydanticCustomError("negative", "value must not be negative, not {value}", {"value": self.value})
        return self


class Measure(_Strict):
    """What is counted (schools built, Fujian's aid), with every source's observation of it."""

    id: Id
    label: Text
    label_zh: Text | None = None
    category: Id
    unit: UnitId = Field(description="The unit comparisons and trends are shown in.")
    kind: MeasureKind = Field(description="stock (a level at a date), flow (within a period) or cumulative.")
    concept: Concept | None = Field(default=None, description="What the measure shares with other programs'.")
    note: Text | None = Field(default=None, description="What exactly is counted, and what is not.")
    note_zh: Text | None = None
    related: tuple[Id, ...] = Field(default=(), description="Measures that look alike but count something else.")
    observations: tuple[Observation, ...] = Field(min_length=1)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Figure:
    """An observation as the commands read it: with its measure's id, category and (default) labels."""

    id: str
    measure: str
    category: str
    label: str
    label_zh: str | None
    value: int | float
    unit: str
    qualifier: Qualifier
    period: Period
    scope: str
    scope_zh: str | None
    source: str
    as_stated: str
    locator: str | None
    statement: str | None
    statement_zh: str | None
    quote: str | None
    part_of: str | None
    note: str | None
    kind: MeasureKind = "stock"
    as_of: str | None = None

    # What a derived figure has and a source's figure has not (results.Derived): read alike by every output.
    derived: ClassVar[bool] = False
    formula: ClassVar[None] = None
    inputs: ClassVar[None] = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source the figure rests on: its own."""
        return (self.source,)


DerivationKind = Literal[
    "difference",
    "relative_change",
    "relative_drop",
    "growth",
    "compound_annual_rate",
    "share",
    "remainder",
    "conversion",
    "program_span",
]


class Derivation(_Strict):
    """A figure computed from others when asked, never stored: its kind, its inputs by id and its label."""

    id: Id
    kind: DerivationKind
    inputs: tuple[Id, ...] = ()
    label: Text
    label_zh: Text | None = None
    category: Id | None = Field(default=None, description="Default: the category of the last input.")
    to_unit: ConvertibleUnit | None = Field(default=None, description="For a conversion: the unit to convert to.")


class CountUnit(_Strict):
    """A noun the dataset counts in ('schools'), with its Chinese measure word ('所')."""

    id: Id
    label: Text = Field(description="The plural noun, e.g. 'schools'.")
    label_zh: Text | None = Field(default=None, description="The Chinese measure word or noun, e.g. '所'.")


class ViewChart(_Strict):
    title: Text
    title_zh: Text | None = None
    figures: tuple[Id, ...] = Field(min_length=1)


class View(_Strict):
    """What a report command shows: a title, and either listed figures, a category (of some sources) or a total."""

    title: Text
    title_zh: Text | None = None
    figures: tuple[Id, ...] = ()
    category: Id | None = None
    sources: tuple[Id, ...] = ()
    total: Id | None = None
    charts: tuple[ViewChart, ...] = ()


class Views(_Strict):
    summary: View | None = None
    infrastructure: View | None = None
    funding: View | None = None


class Conversion(_Strict):
    """A conversion the source itself states, e.g. 229,000 mu (15266.67 hectares)."""

    id: Id
    figure: Id | None = None
    from_value: Annotated[float, Field(gt=0)]
    from_unit: ConvertibleUnit
    to_value: Annotated[float, Field(gt=0)]
    to_unit: ConvertibleUnit
    decimals: Annotated[int, Field(ge=0, le=12)]
    as_stated: Text
    quote: Text | None = None
    locator: Text | None = None
    source: Id
    note: Text | None = None
    note_zh: Text | None = None


class Industry(_Strict):
    id: Id
    name: Text
    name_zh: Text | None = None
    gloss: Text | None = None
    quote: Text
    source: Id


class Category(_Strict):
    """A group of figures (poverty, funding, ...) with its name in English and Chinese."""

    id: Id
    label: Text
    label_zh: Text | None = None


class Event(_Strict):
    """A dated event the source gives (the 1996 launch, say), with the figures that belong to it."""

    id: Id
    year: Year
    month: Annotated[int, Field(ge=1, le=12)] | None = None
    day: Annotated[int, Field(ge=1, le=31)] | None = None
    when: Text = Field(description="The date as the source words it, e.g. 'late 2012'.")
    when_zh: Text | None = None
    stated: bool = Field(description="False when the source implies the date rather than stating it.")
    label: Text
    label_zh: Text | None = None
    figures: tuple[Id, ...] = ()
    quote: Text | None = Field(default=None, description="A verbatim sentence, only where the source may be quoted.")
    locator: Text | None = None
    source: Id
    note: Text | None = None

    @model_validator(mode="after")
    def _a_real_day(self) -> Event:
        """31 February has the right shape and is no day; nor is a day without its month."""
        if self.day is not None:
            if self.month is None:
                raise PydanticCustomError("date", "a day needs its month", {})
            _in_the_calendar(f"{self.year:04d}-{self.month:02d}-{self.day:02d}")
        return self

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


class Dataset(_Strict):
    """A whole dataset (schema 3): the program, its sources, what is measured and by whom, and how to show it."""

    schema_version: Literal[3]
    program: Program
    sources: tuple[Source, ...] = Field(min_length=1)
    categories: tuple[Category, ...] = ()
    units: tuple[CountUnit, ...] = Field(default=(), description="The count nouns the measures use.")
    measures: tuple[Measure, ...]
    derivations: tuple[Derivation, ...] = ()
    views: Views = Views()
    conversions: tuple[Conversion, ...] = ()
    industries: tuple[Industry, ...] = ()
    events: tuple[Event, ...] = ()

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        """Every observation, measure by measure, in dataset order, as the commands read it."""
        out: list[Figure] = []
        append = out.append
        for m in self.measures:
            for o in m.observations:
                append(
                    Figure(
                        o.id,
                        m.id,
                        m.category,
                        o.label or m.label,
                        o.label_zh or m.label_zh,
                        o.value,
                        o.unit,
                        o.qualifier,
                        o.period,
                        o.scope,
                        o.scope_zh,
                        o.source,
                        o.as_stated,
                        o.locator,
                        o.statement,
                        o.statement_zh,
                        o.quote,
                        o.part_of,
                        o.note,
                        m.kind,
                        o.as_of,
                    )
                )
        return tuple(out)

    def figure(self, figure_id: str) -> Figure:
        """The observation with this id; KeyError when there is none."""
        return self.figures_by_id[figure_id]

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        return {f.id: f for f in self.figures}

    @cached_property
    def measures_by_id(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def derivations_by_id(self) -> dict[str, Derivation]:
        return {d.id: d for d in self.derivations}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def parts_by_total(self) -> dict[str, list[Figure]]:
        """The id of each total that has parts -> its parts, in dataset order (references are checked elsewhere)."""
        parts: dict[str, list[Figure]] = {}
        for f in self.figures:
            if f.part_of is not None and f.part_of in self.figures_by_id:
                parts.setdefault(f.part_of, []).append(f)
        return parts

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]

    def category(self, category_id: str) -> Category | None:
        """The declared category with this id; None when the dataset declares none by that id."""
        return next((c for c in self.categories if c.id == category_id), None)
