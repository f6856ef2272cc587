"""The result objects that commands hand to render: plain data, values in base units at full precision.

Their field names are the snake_case keys of the JSON contract (see the README); keep them stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .checks import Finding
from .models import Figure, Period, Program, Source
from .stats import Derived
from .units import Kind


@dataclass(frozen=True)
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
    as_stated: str | None = None
    quote: str | None = None
    formula: str | None = None
    inputs: dict[str, float | int] | None = None
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
            as_stated=figure.as_stated,
            quote=figure.quote,
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
            formula=d.formula,
            inputs=d.inputs,
            extra=dict(extra),
        )


@dataclass(frozen=True)
class Column:
    """An extra table column drawn from FigureRow.extra[key]."""

    key: str
    header: str
    unit: str


@dataclass(frozen=True)
class FigureReport:
    """What summary, infrastructure and funding return: a titled list of figures from one program."""

    command: str
    title: str
    program: Program
    sources: list[Source]
    figures: list[FigureRow]
    extra_columns: list[Column] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Converted:
    """One input quantity shown in every unit of its kind."""

    option: str
    text: str
    value: float
    unit: str
    kind: Kind
    results: dict[str, float]


@dataclass(frozen=True)
class ConversionReport:
    command: str
    conversions: list[Converted]
    definitions: list[str]
    yuan_per_usd: float | None
    rate_basis: str | None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ValidationReport:
    """What `pairing validate` found in one dataset file."""

    command: str
    path: str
    findings: list[Finding]

    @property
    def valid(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class SchemaDocument:
    """The dataset's JSON Schema, as `pairing schema` prints it."""

    command: str
    schema: dict[str, Any]
