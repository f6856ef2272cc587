"""Pydantic models of a pairing-program dataset: the schema, strict.

Unknown keys are rejected, numbers must be finite, counts are non-negative integers, text holds no control
characters. Unique ids and resolving references are checked over the whole dataset in checks.py.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.dataclasses import dataclass as pydantic_dataclass
from pydantic_core import PydanticCustomError

from .text import CONTROL_CHARACTERS
from .units import COUNT_UNITS, ConvertibleUnit, FigureUnit

# Text from a dataset reaches terminals: control characters and bidi controls are refused.
TEXT_PATTERN = f"^[^{CONTROL_CHARACTERS}]*$"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_\-]*$", min_length=1, max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000, pattern=TEXT_PATTERN)]
Year = Annotated[int, Field(ge=1900, le=2200)]
# No stated figure comes near this (in yuan, a thousand times the world's yearly output); it keeps sums finite.
MAX_VALUE = 10**18
Qualifier = Literal["exact", "more_than", "nearly", "over", "about"]


_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class _Strict(BaseModel):
    model_config = ConfigDict(**_CONFIG, frozen=True)


# Period and Figure, of which a large dataset holds many, are slotted pydantic dataclasses rather than models: the
# same validation at a third of the memory (no per-instance __dict__ or fields-set).


@pydantic_dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)
class Period:
    """When a figure holds, as the article words it, with the years it spans."""

    label: Text
    start_year: Year
    end_year: Year
    stated: bool = Field(description="False when the article implies the period rather than stating it.")
    note: Text | None = None
    label_zh: Text | None = None


class Partner(_Strict):
    id: Id
    name: Text
    name_zh: Text | None = None
    described_as: Text | None = None
    role: Literal["supporting", "supported"]


class Program(_Strict):
    id: Id
    name: Text
    name_zh: Text | None = None
    launch_year: Year
    launch_quote: Text | None = None
    source: Id
    partners: list[Partner] = Field(min_length=2)


class Source(_Strict):
    id: Id
    title: Text
    publisher: Text
    publisher_zh: Text | None = None
    site: Text | None = None
    section: Text | None = None
    date: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    date_kind: Literal["published", "updated"] = "published"

    @property
    def year(self) -> int:
        return int(self.date[:4])


@pydantic_dataclass(config=_CONFIG, frozen=True, slots=True, kw_only=True)
class Figure:
    """One figure the source states, in base units, with the sentence that states it."""

    id: Id
    category: Id
    label: Text
    label_zh: Text | None = None
    value: Annotated[int | float, Field(le=MAX_VALUE)]
    unit: FigureUnit
    qualifier: Qualifier
    period: Period
    scope: Text
    scope_zh: Text | None = None
    source: Id
    statement: Text | None = Field(
        default=None, description="The figure as a short phrase to quote, e.g. 'more than 2,000 ... renovated'."
    )
    statement_zh: Text | None = None
    as_stated: Text = Field(description="The words of the quote that give the figure, e.g. '3.044 billion yuan'.")
    quote: Text = Field(description="The verbatim sentence of the source that states the figure.")
    part_of: Id | None = Field(default=None, description="The id of the figure this one is a part of.")
    note: Text | None = None

    @model_validator(mode="after")
    def _counts_are_whole(self) -> Figure:
        if self.unit in COUNT_UNITS and (not isinstance(self.value, int) or self.value < 0):
            raise PydanticCustomError(
                "count",
                "a count in '{unit}' must be a non-negative integer, not {value}",
                {"unit": self.unit, "value": repr(self.value)},
            )
        if self.value < 0:
            raise PydanticCustomError("negative", "value must not be negative, not {value}", {"value": self.value})
        return self


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
    figures: list[Id] = []
    quote: Text
    source: Id
    note: Text | None = None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)


class Dataset(_Strict):
    """A whole dataset: the program, its sources, its figures and the conversions its sources state."""

    schema_version: Literal[1]
    program: Program
    sources: list[Source] = Field(min_length=1)
    categories: list[Category] = []
    figures: list[Figure]
    conversions: list[Conversion] = []
    industries: list[Industry] = []
    events: list[Event] = []

    def figure(self, figure_id: str) -> Figure:
        """The figure with this id; KeyError when there is none."""
        return self.figures_by_id[figure_id]

    @cached_property
    def figures_by_id(self) -> dict[str, Figure]:
        return {f.id: f for f in self.figures}

    @cached_property
    def parts_by_total(self) -> dict[str, list[Figure]]:
        """The id of each total that has parts -> its parts, in dataset order (references are checked elsewhere)."""
        parts: dict[str, list[Figure]] = {}
        for f in self.figures:
            if f.part_of is not None and f.part_of in self.figures_by_id:
                parts.setdefault(f.part_of, []).append(f)
        return parts

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def category(self, category_id: str) -> Category | None:
        """The declared category with this id; None when the dataset declares none by that id."""
        return next((c for c in self.categories if c.id == category_id), None)
