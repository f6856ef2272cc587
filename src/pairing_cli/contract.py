"""The JSON contract: every document `--json` writes, and every object in one, as a TypedDict.

documents.py builds the documents to these types (mypy checks each key and its type); docs/json.md's key tables
and docs/output.schema.json, the JSON Schema the golden files are validated against, are generated from them
(`python -m tests.update_readme`). A key's docstring is its meaning. Keys that only `--lang zh` adds are
`NotRequired`; every other key is always there, `null` when unknown.

Changing a type here changes the contract: say so in CHANGELOG.md.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, NotRequired, TypeAlias, get_args

from pydantic import ConfigDict, Field, with_config
from typing_extensions import TypedDict

from .data.checks import Severity
from .data.models import Qualifier
from .data.units import ConvertibleUnit, Kind
from .data.vocabulary import (
    Basis,
    Concept,
    DateKind,
    FigureCommand,
    GrowthQualifier,
    Level,
    MeasureKind,
    PartnerRole,
    ProgramKind,
    Programme,
    SourceLanguage,
    Verdict,
)

# Every object forbids keys it does not list, so that the schema fails on a key the contract does not document.
_CONTRACT = ConfigDict(use_attribute_docstrings=True, extra="forbid")

# -- The dataset's own records, as the documents carry them ------------------------------------------------------


@with_config(_CONTRACT)
class PeriodJson(TypedDict):
    """When a figure holds, as its source words it, with the years it spans."""

    label: str
    """The period as the source words it ("1996-2020", "by the end of 2019")."""
    start_year: int
    """Its first year."""
    end_year: int
    """Its last year (the same as start_year for one year)."""
    stated: bool
    """False when the source implies the period rather than stating it."""
    note: str | None
    """How the period was read (what implies it), where that needs saying."""
    label_zh: str | None
    """The period in Chinese."""
    note_zh: str | None
    """The note in Chinese."""
    approximate: bool
    """The year is uncertain ("20 years ago"): start_year..end_year is the range it may describe."""


@with_config(_CONTRACT)
class PartnerJson(TypedDict):
    """A province (or city) in a program."""

    id: str
    """Its id ("fujian")."""
    name: str
    """Its English name."""
    name_zh: str | None
    """Its Chinese name."""
    described_as: str | None
    """How the source names it ("East China's Fujian province")."""
    role: PartnerRole
    """Whether it gives support or receives it."""
    level: Level | None
    """Its administrative level."""


@with_config(_CONTRACT)
class ProgramJson(TypedDict):
    """The program a document is about."""

    id: str
    """Its id, as `--program` takes it."""
    name: str
    """Its English name ("Fujian–Ningxia")."""
    name_zh: str | None
    """Its Chinese name (闽宁协作)."""
    kind: ProgramKind
    """A pair of provinces, or the national record."""
    launch_year: int
    """The year it began."""
    launch_quote: str | None
    """A verbatim sentence on its launch, where the source may be quoted."""
    source: str
    """The id of the source the program's description (its launch year, its partners) is from."""
    partners: list[PartnerJson]
    """The provinces in it."""
    note: str | None
    """What a reader should know about the program's record."""


@with_config(_CONTRACT)
class SourceJson(TypedDict):
    """A source: one published page, read at one address."""

    id: str
    """Its id, as figures' `source` names it."""
    title: str | None
    """The headline as printed; null when the copy read has none."""
    title_en: str | None
    """An English translation of a headline in another language."""
    publisher: str
    """The outlet that published it (the original one, for a republication)."""
    publisher_zh: str | None
    """The outlet's Chinese name."""
    site: str | None
    """The site's domain (chinadaily.com.cn)."""
    section: str | None
    """The section or column of the site."""
    date: str
    """YYYY-MM-DD as printed; YYYY-MM or YYYY where only that much is known."""
    date_kind: DateKind
    """Whether the date is of publication, of an update, or inferred."""
    language: SourceLanguage | None
    """The language of the page."""
    url: str | None
    """The address the page was read at (null unless http or https)."""
    republished_by: str | None
    """The site whose copy was read, when it republishes the outlet's page."""
    outlet_url: str | None
    """The outlet's own address, where known (null unless http or https)."""
    spam_site: bool
    """The copy read sits on a site carrying spam: its address is never linked."""
    origin: str | None
    """Shared by sources that carry one report (a translation, a rewrite, one press conference)."""
    byline: str | None
    """The authors the page names."""
    note: str | None
    """What a reader of the citation should know about the source."""


@with_config(_CONTRACT)
class CountedSourceJson(SourceJson):
    """A source as `pairing sources` lists it."""

    figures: int
    """How many figures the dataset takes from it."""


@with_config(_CONTRACT)
class CategoryJson(TypedDict):
    """The group a figure or measure belongs to (poverty, funding, ...)."""

    id: str
    """Its id."""
    label: str | None
    """Its English name."""
    label_zh: str | None
    """Its Chinese name."""


@with_config(_CONTRACT)
class MeasureJson(TypedDict):
    """What is counted, as the dataset defines it."""

    id: str
    """Its id, as `pairing show` and `pairing trend` take it."""
    label: str
    """Its English name."""
    label_zh: str | None
    """Its Chinese name."""
    category: str
    """The id of its category."""
    unit: str
    """The unit comparisons and trends are shown in."""
    kind: MeasureKind
    """stock (a level at a date), flow (within a period) or cumulative (a running total)."""
    concept: Concept | None
    """What the measure shares with other programs' (for `pairing across`)."""
    note: str | None
    """What exactly is counted, and what is not."""
    note_zh: str | None
    """The note in Chinese."""
    related: list[str]
    """Measures that look alike but count something else."""


@with_config(_CONTRACT)
class StatedConversionJson(TypedDict):
    """A conversion the source itself prints (229,000 mu = 15,266.67 hectares)."""

    id: str
    """Its id."""
    figure: str | None
    """The id of the figure converted."""
    from_value: float
    """The value converted from."""
    from_unit: ConvertibleUnit
    """Its unit."""
    to_value: float
    """The value the source prints."""
    to_unit: ConvertibleUnit
    """Its unit."""
    decimals: int
    """The decimals the source prints to_value with."""
    as_stated: str
    """The conversion exactly as printed."""
    quote: str | None
    """A verbatim sentence, where the source may be quoted."""
    locator: str | None
    """Where in the source."""
    source: str
    """The id of the source."""
    note: str | None
    """What a reader should know of it."""
    note_zh: str | None
    """The note in Chinese."""


# -- Figures ------------------------------------------------------------------------------------------------------


@with_config(_CONTRACT)
class FigureZhJson(TypedDict):
    """A figure's Chinese texts (with `--lang zh`)."""

    label: str | None
    """The label in Chinese."""
    value_text: str
    """The value as a Chinese reader reads it ("3.04亿元")."""
    unit: str | None
    """The unit's Chinese name."""
    qualifier: str | None
    """The qualifier in Chinese (超过, 约); null for an exact figure."""
    period: str | None
    """The period in Chinese."""
    scope: str | None
    """The scope in Chinese."""
    statement: str | None
    """The statement in Chinese."""


@with_config(_CONTRACT)
class FigureJson(TypedDict):
    """One figure: a source's (an observation of a measure) or one computed from others (derived)."""

    id: str
    """Its id, as `pairing show` takes it."""
    measure: str | None
    """The measure an observation is of; null for a derived figure."""
    category: str
    """The id of its category."""
    label: str
    """What it counts, in English."""
    value: float
    """The value in base units (yuan, not billion yuan), at full precision."""
    unit: str
    """The base unit (yuan, people, km, mu, percent, ...)."""
    qualifier: Qualifier
    """How the source qualifies it: exact, more_than, over, about, nearly, at_least."""
    period: PeriodJson
    """When it holds."""
    scope: str
    """Where and what it covers."""
    source: str
    """The id of its source (for a derived figure, its last input's)."""
    sources: list[str]
    """Every source it rests on: a stored figure's own; each input's, for a derived one."""
    derived: bool
    """True when computed from other figures (see formula and inputs)."""
    as_stated: str | None
    """The figure exactly as printed ("3.044 billion yuan", "7.74亿元"); null for a derived figure."""
    statement: str | None
    """The figure as a short phrase."""
    quote: str | None
    """A verbatim sentence, kept only where the source's text may be quoted."""
    locator: str | None
    """Where in the source ("paragraph 4")."""
    note: str | None
    """What a reader should know of it."""
    formula: str | None
    """How a derived figure is computed, over its inputs' ids; null for a stored figure."""
    inputs: dict[str, float] | None
    """A derived figure's inputs: id -> value; null for a stored figure."""
    share_of_total: NotRequired[float | None]
    """`funding` only: the part's share of the total, in percent (null for the total)."""
    usd_equivalent: NotRequired[float | None]
    """`funding` only: the value in US dollars at yuan_per_usd (null without a rate)."""
    zh: NotRequired[FigureZhJson]
    """With `--lang zh`: its Chinese texts."""


@with_config(_CONTRACT)
class ObservedZhJson(TypedDict):
    """An observation's Chinese texts (with `--lang zh`)."""

    outlet: str | None
    """The outlet's Chinese name."""
    period: str | None
    """The period in Chinese."""
    statement: str | None
    """The statement in Chinese."""
    value_text: str
    """The value as a Chinese reader reads it."""


@with_config(_CONTRACT)
class ObservedJson(TypedDict):
    """One source's figure for a measure, with its source and the range of true values it allows."""

    id: str
    """The observation's id."""
    source: str
    """The id of its source."""
    outlet: str
    """The outlet that published it."""
    date: str
    """The source's date."""
    date_kind: DateKind
    """Whether the date is of publication, of an update, or inferred."""
    language: SourceLanguage | None
    """The language of the source."""
    origin: str | None
    """Shared by sources carrying one report: such sources count once as independent."""
    value: float
    """The value in base units, at full precision."""
    unit: str
    """The base unit."""
    qualifier: Qualifier
    """How the source qualifies it."""
    period: PeriodJson
    """When it holds."""
    as_of: str | None
    """The figure's own date (YYYY, YYYY-MM or YYYY-MM-DD), where known and not the one its publication implies."""
    year: int
    """The year it describes: as_of's year where given, else its period's last year."""
    scope: str
    """Where and what it covers."""
    as_stated: str
    """The figure exactly as printed."""
    locator: str | None
    """Where in the source."""
    statement: str | None
    """The figure as a short phrase."""
    note: str | None
    """What a reader should know of it."""
    value_in_unit: float | None
    """The value in the measure's unit; null where it cannot be converted."""
    low: float | None
    """The least true value the printed figure allows; null where unbounded."""
    high: float | None
    """The greatest true value it allows; null where unbounded ("more than")."""
    url: str | None
    """The address of its source (null unless http or https)."""
    zh: NotRequired[ObservedZhJson]
    """With `--lang zh`: its Chinese texts."""


@with_config(_CONTRACT)
class ComparisonZhJson(TypedDict):
    """A comparison's Chinese texts (with `--lang zh`)."""

    label: str | None
    """The measure's name in Chinese."""
    unit: str | None
    """The unit's Chinese name."""
    note: str | None
    """The note in Chinese."""


@with_config(_CONTRACT)
class ComparisonJson(TypedDict):
    """What two or more sources say of one measure for one period, and whether they can all be true."""

    id: str
    """The measure's id."""
    label: str
    """The measure's English name."""
    unit: str
    """The unit the observations are compared in."""
    period: PeriodJson
    """The period they share."""
    verdict: Verdict
    """consistent when one true value lies in every figure's range (low..high), else different."""
    sources: int
    """How many sources give a figure."""
    independent_sources: int
    """How many independent reports they are (a translation or a rewrite counts once)."""
    gap: float | None
    """The highest figure less the lowest, in its unit; null where a lower bound ("more than") is lowest or an upper
    bound ("nearly") highest, which leaves the distance open."""
    gap_percent: float | None
    """The gap as a percentage of the lowest figure; null with the gap or a lowest figure of 0."""
    note: str | None
    """What a reader should know of the comparison."""
    observations: list[ObservedJson]
    """Each source's figure."""
    zh: NotRequired[ComparisonZhJson]
    """With `--lang zh`: its Chinese texts."""


@with_config(_CONTRACT)
class DistinctJson(TypedDict):
    """Measures that look alike but count different things (the dataset says so), side by side."""

    measures: list[str]
    """The measures' ids."""
    labels: list[str]
    """Their English names, in the same order."""
    notes: list[str | None]
    """What each counts, in the same order."""
    observations: dict[str, list[ObservedJson]]
    """Each measure's observations, by its id."""


_GrowthFrom = TypedDict(
    "_GrowthFrom", {"from": Annotated[str, Field(description="The id of the earlier point the change is from.")]}
)


@with_config(_CONTRACT)
class GrowthJson(_GrowthFrom):
    """The change to a point from the last point of an earlier period."""

    years: int
    """The years between the two."""
    change: float | None
    """The change in the measure's unit (in percentage points, for a percentage)."""
    change_percent: float | None
    """The change as a percentage of the earlier value; null for a running total."""
    annual_rate_percent: float | None
    """The compound annual rate; null for a running total, or where either year is uncertain."""
    added_per_year: float | None
    """For a running total: what was added, on average each year (never a compound rate); else null."""
    years_uncertain: bool
    """Either figure's year is uncertain: no yearly rate is computed."""
    qualifier: GrowthQualifier | None
    """exact when both figures are; more_than when the later is a lower bound (the change is at least this);
    less_than when the earlier is (at most this); else about."""


@with_config(_CONTRACT)
class TrendPointJson(ObservedJson):
    """One observation in a trend, with the change to it."""

    growth: GrowthJson | None
    """The change from the earlier point; null for the first point or where none is computed."""
    same_period_as: str | None
    """An earlier point's id that states the same period: that is a comparison, not growth."""
    no_growth: str | None
    """Why no change is computed from the earlier point (two lower bounds say nothing of the change)."""


# -- The documents ------------------------------------------------------------------------------------------------


@with_config(_CONTRACT)
class _Titled(TypedDict):
    """What a titled report begins with."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    title: str
    """The report's title, in English."""
    title_zh: NotRequired[str]
    """With `--lang zh`: the title in Chinese."""
    program: ProgramJson
    """The program."""
    sources: list[SourceJson]
    """Every source the figures cite."""


@with_config(_CONTRACT)
class FigureReportJson(_Titled):
    """`summary`, `infrastructure`, `funding` and `facts`: a titled list of figures."""

    command: FigureCommand
    """The command that wrote it."""
    figures: list[FigureJson]
    """The figures, stored and derived, in the order shown."""
    yuan_per_usd: NotRequired[float | None]
    """`funding` only: the exchange rate of usd_equivalent (yuan per US dollar)."""
    rate_basis: NotRequired[str | None]
    """`funding` only: what the rate rests on."""
    rate_basis_zh: NotRequired[str | None]
    """`funding` only: what the rate rests on, in Chinese."""
    notes: list[str]
    """What a reader should know, in English."""
    notes_zh: NotRequired[list[str]]
    """With `--lang zh`: the notes in Chinese."""


@with_config(_CONTRACT)
class InUnitJson(TypedDict):
    """A value in one unit."""

    unit: str
    """The unit."""
    value: float
    """The value in it, at full precision."""


@with_config(_CONTRACT)
class FigureDetailJson(TypedDict):
    """`show ID` of a figure: the figure in full."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["show"]
    """The command that wrote it."""
    figure: FigureJson
    """The figure."""
    category: CategoryJson
    """Its category."""
    in_units: list[InUnitJson]
    """The value in every unit of its kind (an area in mu, hectares, acres and km²); empty for counts."""
    yuan_per_usd: float | None
    """The exchange rate of a dollar value in in_units; null for no money."""
    rate_basis: str | None
    """What the rate rests on."""
    rate_basis_zh: NotRequired[str | None]
    """With `--lang zh`: what the rate rests on, in Chinese."""
    stated_conversions: list[StatedConversionJson]
    """The source's own conversions of this figure."""
    inputs: list[FigureJson]
    """For a derived figure: the figures it is computed from, in full."""
    source: SourceJson | None
    """Its source."""
    more_sources: list[SourceJson]
    """For a derived figure: the other sources its inputs come from."""


@with_config(_CONTRACT)
class MeasureDetailJson(TypedDict):
    """`show MEASURE`: a measure with every observation of it and the comparisons between them."""

    command: Literal["show"]
    """The command that wrote it."""
    measure: MeasureJson
    """The measure."""
    category: CategoryJson
    """Its category."""
    observations: list[ObservedJson]
    """Every observation of it."""
    comparisons: list[ComparisonJson]
    """What sources giving it for one period say together."""
    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""


@with_config(_CONTRACT)
class CompareJson(_Titled):
    """`compare`: every measure two or more sources give for one period, with the verdict."""

    command: Literal["compare"]
    """The command that wrote it."""
    measures: list[ComparisonJson]
    """One comparison a measure and period."""
    distinct: list[DistinctJson]
    """Measures that look alike but are not the same."""
    notes: list[str]
    """What a reader should know, in English."""
    notes_zh: NotRequired[list[str]]
    """With `--lang zh`: the notes in Chinese."""


@with_config(_CONTRACT)
class TrendJson(_Titled):
    """`trend MEASURE`: a measure's observations in time, with the change between periods."""

    command: Literal["trend"]
    """The command that wrote it."""
    id: str
    """The measure's id."""
    label: str
    """The measure's English name."""
    unit: str
    """Its unit."""
    kind: MeasureKind
    """stock, flow or cumulative: a running total has no growth rate."""
    points: list[TrendPointJson]
    """The observations, oldest first."""
    notes: list[str]
    """What a reader should know, in English."""
    notes_zh: NotRequired[list[str]]
    """With `--lang zh`: the notes in Chinese."""


@with_config(_CONTRACT)
class EventJson(TypedDict):
    """A dated event the source gives, with the figures that belong to it."""

    id: str
    """Its id."""
    year: int
    """Its year."""
    month: int | None
    """Its month, where known."""
    day: int | None
    """Its day, where known."""
    when: str
    """The date as the source words it ("late 2012")."""
    when_zh: str | None
    """The date in Chinese."""
    stated: bool
    """False when the source implies the date rather than stating it."""
    label: str
    """What happened, in English."""
    label_zh: str | None
    """What happened, in Chinese."""
    quote: str | None
    """A verbatim sentence, where the source may be quoted."""
    locator: str | None
    """Where in the source."""
    source: str
    """The id of its source."""
    note: str | None
    """What a reader should know of it."""
    figures: list[FigureJson]
    """The figures that belong to it."""


@with_config(_CONTRACT)
class TimelineJson(_Titled):
    """`timeline`: the dated events, in order."""

    command: Literal["timeline"]
    """The command that wrote it."""
    events: list[EventJson]
    """The events, oldest first."""


@with_config(_CONTRACT)
class MeasureEntryZhJson(TypedDict):
    """A measure's Chinese names (with `--lang zh`)."""

    label: str | None
    """Its name in Chinese."""
    unit: str | None
    """Its unit's Chinese name."""


@with_config(_CONTRACT)
class MeasureEntryJson(TypedDict):
    """A measure as `pairing measures` lists it."""

    id: str
    """Its id."""
    label: str
    """Its English name."""
    category: str
    """The id of its category."""
    unit: str
    """Its unit."""
    kind: MeasureKind
    """stock, flow or cumulative."""
    concept: Concept | None
    """What it shares with other programs' measures."""
    observations: int
    """How many observations it has."""
    sources: int
    """How many sources give them."""
    years: list[int]
    """The years its figures describe, each once, in order."""
    zh: NotRequired[MeasureEntryZhJson]
    """With `--lang zh`: its Chinese names."""


@with_config(_CONTRACT)
class MeasuresJson(TypedDict):
    """`measures`: every measure of the program."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["measures"]
    """The command that wrote it."""
    title: str
    """The title, in English."""
    title_zh: NotRequired[str]
    """With `--lang zh`: the title in Chinese."""
    program: ProgramJson
    """The program."""
    measures: list[MeasureEntryJson]
    """The measures."""


@with_config(_CONTRACT)
class ListedPartnerJson(TypedDict):
    """A partner as `pairing programs` lists it."""

    id: str
    """Its id."""
    name: str
    """Its English name."""
    name_zh: str | None
    """Its Chinese name."""
    role: PartnerRole
    """Whether it gives support or receives it."""


@with_config(_CONTRACT)
class ProgramEntryJson(TypedDict):
    """A shipped program as `pairing programs` lists it."""

    id: str
    """Its id, as `--program` takes it."""
    name: str
    """Its English name."""
    name_zh: str | None
    """Its Chinese name."""
    kind: ProgramKind
    """A pair, or the national record."""
    partners: list[ListedPartnerJson]
    """The provinces in it."""
    sources: int
    """How many sources its dataset has."""
    observations: int
    """How many observations."""
    years: list[int | None]
    """The first and last year its figures describe (null for none)."""


@with_config(_CONTRACT)
class ProgramsJson(TypedDict):
    """`programs`: every shipped program."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["programs"]
    """The command that wrote it."""
    programs: list[ProgramEntryJson]
    """The programs."""


@with_config(_CONTRACT)
class AcrossRowZhJson(TypedDict):
    """An across row's Chinese texts (with `--lang zh`)."""

    program: str | None
    """The program's Chinese name."""
    period: str | None
    """The period in Chinese."""
    scope: str | None
    """The scope in Chinese."""


@with_config(_CONTRACT)
class AcrossRowJson(TypedDict):
    """One program's figure for the concept."""

    program: str
    """The program's id."""
    measure: str
    """The measure's id."""
    kind: MeasureKind
    """stock, flow or cumulative: only like kinds compare."""
    value: float
    """The value in base units, at full precision."""
    unit: str
    """The base unit."""
    qualifier: Qualifier
    """How the source qualifies it."""
    basis: Basis | None
    """For money: planned, agreed, allocated or disbursed."""
    programme: Programme | None
    """Where a figure is not (only) East–West aid."""
    level: Level | None
    """The giver's administrative level."""
    period: PeriodJson
    """When it holds."""
    as_of: str | None
    """The figure's own date, where known."""
    scope: str
    """Where and what it covers."""
    source: str
    """The id of its source."""
    outlet: str
    """The outlet that published it."""
    date: str
    """The source's date."""
    as_stated: str
    """The figure exactly as printed."""
    zh: NotRequired[AcrossRowZhJson]
    """With `--lang zh`: its Chinese texts."""


@with_config(_CONTRACT)
class AcrossJson(TypedDict):
    """`across CONCEPT`: one concept across every program."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["across"]
    """The command that wrote it."""
    concept: Concept
    """The concept lined up."""
    label: str
    """Its English name."""
    label_zh: NotRequired[str]
    """With `--lang zh`: its Chinese name."""
    unit: str | None
    """The unit of the rows (null when they have none in common)."""
    period: list[int] | None
    """`--period`'s first and last year; null for every period."""
    basis: Basis | None
    """`--basis`; null for every basis."""
    rows: list[AcrossRowJson]
    """One row a figure."""
    notes: list[str]
    """What a reader should know (the rows mix bases or periods), in English."""
    notes_zh: NotRequired[list[str]]
    """With `--lang zh`: the notes in Chinese."""


@with_config(_CONTRACT)
class SourcesJson(TypedDict):
    """`sources`: every source of the dataset."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["sources"]
    """The command that wrote it."""
    sources: list[CountedSourceJson]
    """The sources."""


@with_config(_CONTRACT)
class ConvertedUnitJson(TypedDict):
    """A quantity in one unit."""

    unit: str
    """The unit."""
    value: float
    """The quantity in it, at full precision."""
    unit_zh: NotRequired[str | None]
    """With `--lang zh`: the unit's Chinese name."""


@with_config(_CONTRACT)
class ConversionJson(TypedDict):
    """One quantity given on the command line, in every unit of its kind."""

    option: str
    """The option it was given with (--mu, --yuan, ...)."""
    input: str
    """The text given."""
    value: float
    """The quantity read from it."""
    unit: str
    """Its unit."""
    kind: Kind
    """area, length or money."""
    results: list[ConvertedUnitJson]
    """The quantity in every unit of its kind."""


@with_config(_CONTRACT)
class ConversionsJson(TypedDict):
    """`convert-units`: quantities in every unit of their kind."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["convert-units"]
    """The command that wrote it."""
    conversions: list[ConversionJson]
    """One a quantity given."""
    yuan_per_usd: float | None
    """The exchange rate used for money (yuan per US dollar)."""
    rate_basis: str | None
    """What the rate rests on."""
    rate_basis_zh: NotRequired[str | None]
    """With `--lang zh`: what the rate rests on, in Chinese."""
    definitions: list[str]
    """The exact definitions of the units used."""
    notes: list[str]
    """What a reader should know, in English."""
    notes_zh: NotRequired[list[str]]
    """With `--lang zh`: the notes in Chinese."""


@with_config(_CONTRACT)
class FindingJson(TypedDict):
    """One thing `validate` found."""

    location: str
    """Where in the file, as a path: figures[3].value."""
    rule: str
    """The rule broken."""
    severity: Severity
    """An error makes the dataset invalid; a warning does not."""
    message: str
    """What is wrong, for a person."""


@with_config(_CONTRACT)
class ValidationJson(TypedDict):
    """`validate`: what was found in one dataset file."""

    lang: NotRequired[Literal["zh"]]
    """With `--lang zh`: "zh"."""
    command: Literal["validate"]
    """The command that wrote it."""
    path: str
    """The file checked."""
    valid: bool
    """True when no finding is an error."""
    findings: list[FindingJson]
    """What was found."""


Document: TypeAlias = (
    FigureReportJson
    | FigureDetailJson
    | MeasureDetailJson
    | CompareJson
    | TrendJson
    | TimelineJson
    | MeasuresJson
    | ProgramsJson
    | AcrossJson
    | SourcesJson
    | ConversionsJson
    | ValidationJson
)
"""Any document `--json` writes, but `schema`'s (a JSON Schema) and `cite --style csl-json`'s (CSL-JSON)."""

DOCUMENTS: tuple[type[Any], ...] = get_args(Document)


def output_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of every document in `Document`: docs/output.schema.json is this, written by
    `python -m tests.update_readme` and checked by the tests."""
    import ast
    import inspect
    import itertools
    import sys

    from pydantic import TypeAdapter

    schema = TypeAdapter(Document).json_schema(mode="serialization")
    module = sys.modules[__name__]
    said: dict[str, dict[str, str]] = {}  # each class's own keys' docstrings (pydantic reads a class's own only)
    for node in ast.parse(inspect.getsource(module)).body:
        if isinstance(node, ast.ClassDef):
            said[node.name] = {
                field.target.id: doc.value.value
                for field, doc in itertools.pairwise(node.body)
                if isinstance(field, ast.AnnAssign) and isinstance(field.target, ast.Name)
                and isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant)
                and isinstance(doc.value.value, str)
            }  # fmt: skip

    def inherited(name: str, key: str) -> str | None:
        for base in getattr(getattr(module, name, None), "__orig_bases__", ()):
            found = said.get(base.__name__, {}).get(key) or inherited(base.__name__, key)
            if found:
                return found
        return None

    for name, definition in schema["$defs"].items():
        for key, value in definition.get("properties", {}).items():
            value.pop("title", None)
            text = value.get("description") or inherited(name, key)
            if text:
                value["description"] = " ".join(text.split())  # a docstring's lines, as one line
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pairing --json output",
        "description": "Every document `pairing --json` writes (but `schema` and `cite --style csl-json`).",
        **schema,
    }
