"""The closed lists the whole program reads, each written once: output formats, languages, citation styles.

Each is a Literal type, which Typer offers as the option's choices and mypy checks, and the tuple of its values for
code that loops over them (render, the tests). Nothing heavy is imported: `--help` reads this module.
"""

from __future__ import annotations

from typing import Literal, get_args

Format = Literal["table", "json", "ndjson", "csv", "markdown"]


FORMATS: tuple[Format, ...] = get_args(Format)


# What `pairing schema` writes: the schema is a JSON document, so only the JSON formats.
SchemaFormat = Literal["json", "ndjson"]


Lang = Literal["en", "zh"]


LANGS: tuple[Lang, ...] = get_args(Lang)


# gbt7714: GB/T 7714-2015, the Chinese national standard for references (what Chinese readers cite by).
CitationStyle = Literal["text", "apa", "gbt7714", "bibtex", "csl-json"]


CITATION_STYLES: tuple[CitationStyle, ...] = get_args(CitationStyle)


# Schema 3: what a measure is. A stock is a level at a date (residents, income per head); a flow an amount within a
# stated period (aid in 2018); a cumulative measure a running total from a start (aid since 1996). Growth rates are
# for stocks (and flows of equal periods), never for running totals.
MeasureKind = Literal["stock", "flow", "cumulative"]


# Concepts shared across programs, so that `pairing across` can line the pairings up on one.
Concept = Literal[
    "fiscal_aid",
    "officials_sent",
    "officials_received",
    "professionals_sent",
    "projects",
    "enterprises",
    "enterprise_investment",
    "labour_transfer",
    "donations",
    "consumption_aid_sales",
    "paired_counties",
    "people_lifted",
]


CONCEPTS: tuple[Concept, ...] = get_args(Concept)


# How far a sum of money had gone: planned (安排), agreed (协议), allocated (拨付), disbursed (到位).
Basis = Literal["planned", "agreed", "allocated", "disbursed"]


BASES: tuple[Basis, ...] = get_args(Basis)


# Which programme a figure belongs to: some totals mix counterpart support or reconstruction into East–West aid.
Programme = Literal[
    "east_west", "counterpart_tibet", "counterpart_xinjiang", "counterpart_tibetan_areas", "reconstruction", "mixed"
]


Level = Literal["province", "city", "county"]


ProgramKind = Literal["pair", "national"]


# What a source's date is the date of: its publication, its last update, or a date inferred (then YYYY or YYYY-MM).
DateKind = Literal["published", "updated", "inferred"]


# The languages the sources are written in.
SourceLanguage = Literal["en", "zh", "ja", "pt"]


# A partner in a program gives support or receives it.
PartnerRole = Literal["supporting", "supported"]


# What `compare` finds of the figures sources give for one measure and period: consistent when one true value fits
# every printed figure's range.
Verdict = Literal["consistent", "different"]


# What a change between two figures is, given their qualifiers: exact, about, at least (the later figure is a lower
# bound: "more_than") or at most (the earlier one is: "less_than").
GrowthQualifier = Literal["exact", "about", "more_than", "less_than"]


# The commands whose JSON is a titled list of figures (contract.FigureReportJson).
FigureCommand = Literal["summary", "infrastructure", "funding", "facts"]
