"""Pydantic models of a pairing-program dataset: the schema, strict.

Unknown keys are rejected, numbers must be finite, counts are non-negative integers, ids are unique and every
reference (a figure's source, a breakdown part's total, a conversion's figure) resolves.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .units import COUNT_UNITS, ConvertibleUnit, FigureUnit

# Text from a dataset reaches terminals: control characters (C0 but tab, DEL, C1) and bidi overrides are refused.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Qualifier = Literal["exact", "more_than", "nearly", "over", "about"]

QUALIFIER_WORDS: dict[str, str] = {
    "exact": "",
    "more_than": "more than",
    "nearly": "nearly",
    "over": "over",
    "about": "about",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)

    @model_validator(mode="after")
    def _no_control_characters(self) -> _Strict:
        for name, value in self:
            if isinstance(value, str) and (match := _CONTROL.search(value)):
                raise ValueError(
                    f"field '{name}' contains the control character U+{ord(match.group()):04X}, "
                    "which is not allowed in dataset text"
                )
        return self


class Period(_Strict):
    """When a figure holds, as the article words it, with the years it spans."""

    label: Text
    start_year: Year
    end_year: Year
    stated: bool = Field(description="False when the article implies the period rather than stating it.")
    note: Text | None = None


class Partner(_Strict):
    id: Id
    name: Text
    described_as: Text | None = None
    role: Literal["supporting", "supported"]


class Program(_Strict):
    id: Id
    name: Text
    launch_year: Year
    launch_quote: Text | None = None
    source: Id
    partners: list[Partner] = Field(min_length=2)


class Source(_Strict):
    id: Id
    title: Text
    publisher: Text
    site: Text | None = None
    section: Text | None = None
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    date_kind: Literal["published", "updated"] = "published"

    @property
    def year(self) -> int:
        return int(self.date[:4])


class Figure(_Strict):
    """One figure the source states, in base units, with the sentence that states it."""

    id: Id
    category: Id
    label: Text
    value: int | float
    unit: FigureUnit
    qualifier: Qualifier
    period: Period
    scope: Text
    source: Id
    as_stated: Text = Field(description="The words of the quote that give the figure, e.g. '3.044 billion yuan'.")
    quote: Text = Field(description="The verbatim sentence of the source that states the figure.")
    part_of: Id | None = Field(default=None, description="The id of the figure this one is a part of.")
    note: Text | None = None

    @model_validator(mode="after")
    def _counts_are_whole(self) -> Figure:
        if self.unit in COUNT_UNITS and (not isinstance(self.value, int) or self.value < 0):
            raise ValueError(f"a count in '{self.unit}' must be a non-negative integer, not {self.value!r}")
        if self.value < 0:
            raise ValueError(f"value must not be negative, not {self.value!r}")
        return self

    @property
    def qualifier_words(self) -> str:
        return QUALIFIER_WORDS[self.qualifier]


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
    quote: Text
    source: Id
    note: Text | None = None


class Industry(_Strict):
    id: Id
    name: Text
    gloss: Text | None = None
    quote: Text
    source: Id


class Dataset(_Strict):
    """A whole dataset: the program, its sources, its figures and the conversions its sources state."""

    schema_version: Literal[1]
    program: Program
    sources: list[Source] = Field(min_length=1)
    figures: list[Figure]
    conversions: list[Conversion] = []
    industries: list[Industry] = []

    @model_validator(mode="after")
    def _ids_unique_and_references_resolve(self) -> Dataset:
        source_ids = _unique("sources", [s.id for s in self.sources])
        figure_ids = _unique("figures", [f.id for f in self.figures])
        _unique("conversions", [c.id for c in self.conversions])
        _unique("industries", [i.id for i in self.industries])
        refs: list[tuple[str, str, set[str]]] = [("program.source", self.program.source, source_ids)]
        for i, f in enumerate(self.figures):
            refs.append((f"figures[{i}].source", f.source, source_ids))
            if f.part_of is not None:
                refs.append((f"figures[{i}].part_of", f.part_of, figure_ids))
        for i, c in enumerate(self.conversions):
            refs.append((f"conversions[{i}].source", c.source, source_ids))
            if c.figure is not None:
                refs.append((f"conversions[{i}].figure", c.figure, figure_ids))
        for i, ind in enumerate(self.industries):
            refs.append((f"industries[{i}].source", ind.source, source_ids))
        for where, ref, known in refs:
            if ref not in known:
                raise ValueError(f"{where}: '{ref}' does not name a known id")
        return self

    def figure(self, figure_id: str) -> Figure:
        """The figure with this id; KeyError when there is none."""
        return self.figures_by_id[figure_id]

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        return {f.id: f for f in self.figures}

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)


def _unique(what: str, ids: list[str]) -> set[str]:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise ValueError(f"{what}: the id '{i}' is used more than once")
        seen.add(i)
    return seen
