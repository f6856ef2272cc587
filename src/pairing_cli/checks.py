"""Checks over a whole dataset, each finding a (location, rule, message) row.

Errors (unique ids, references) make a dataset unusable; warnings (consistency) are reported but do not stop a
command. The schema itself is checked by the models; `findings_from_validation_error` turns its errors into rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pydantic import ValidationError

from .models import Dataset
from .units import UNIT_KIND, convert

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    location: str
    rule: str
    message: str
    severity: Severity = "error"


# pydantic error types -> our rule names; anything else is "schema".
_RULES = {
    "extra_forbidden": "unknown-key",
    "unexpected_keyword_argument": "unknown-key",  # the same, inside a pydantic dataclass
    "missing": "required",
    "finite_number": "finite",
    "count": "count",
    "negative": "non-negative",
    "string_pattern_mismatch": "text",
}


def format_location(loc: Iterable[int | str]) -> str:
    """A pydantic error location as a JSON path: ('figures', 3, 'value') -> 'figures[3].value'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in {"int", "float"} or part.startswith("function-"):
            continue  # pydantic names a union member or validator here; it is not a place in the file
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def findings_from_validation_error(error: ValidationError) -> list[Finding]:
    """Every schema error as a finding, one a location.

    Where a union (a value that is an integer or a number) failed for each member, the specific rule (finite,
    count) wins over the generic type error, and otherwise the last member's message, the most general, stands.
    """
    findings: dict[str, Finding] = {}
    for problem in error.errors(include_url=False, include_context=False, include_input=False):
        location = format_location(problem["loc"])
        rule = _RULES.get(problem["type"], "schema")
        message = problem["msg"].removeprefix("Value error, ")
        if rule == "text":
            message = "contains a control character or bidi control, which dataset text may not hold"
        earlier = findings.get(location)
        if earlier is None or earlier.rule == "schema":
            findings[location] = Finding(location, rule, message)
    return list(findings.values())


def integrity_findings(dataset: Dataset) -> list[Finding]:
    """Ids are unique within their list, and every reference names a known id."""
    found: list[Finding] = []
    groups = {
        "sources": [s.id for s in dataset.sources],
        "figures": [f.id for f in dataset.figures],
        "conversions": [c.id for c in dataset.conversions],
        "industries": [i.id for i in dataset.industries],
        "categories": [c.id for c in dataset.categories],
        "events": [e.id for e in dataset.events],
    }
    for group, ids in groups.items():
        seen: set[str] = set()
        for i, item_id in enumerate(ids):
            if item_id in seen:
                found.append(Finding(f"{group}[{i}].id", "unique-id", f"the id '{item_id}' is used more than once"))
            seen.add(item_id)
    sources, figures = set(groups["sources"]), set(groups["figures"])
    categories = set(groups["categories"])
    for where, ref, known, what in _references(dataset, sources, figures, categories):
        if ref not in known:
            found.append(Finding(where, "reference", f"'{ref}' does not name a known {what}"))
    return found


def _references(
    dataset: Dataset, sources: set[str], figures: set[str], categories: set[str]
) -> Iterator[tuple[str, str, set[str], str]]:
    yield "program.source", dataset.program.source, sources, "source"
    for i, f in enumerate(dataset.figures):
        yield f"figures[{i}].source", f.source, sources, "source"
        if categories:  # a dataset that declares its categories uses only those
            yield f"figures[{i}].category", f.category, categories, "category"
        if f.part_of is not None:
            yield f"figures[{i}].part_of", f.part_of, figures, "figure"
    for i, c in enumerate(dataset.conversions):
        yield f"conversions[{i}].source", c.source, sources, "source"
        if c.figure is not None:
            yield f"conversions[{i}].figure", c.figure, figures, "figure"
    for i, ind in enumerate(dataset.industries):
        yield f"industries[{i}].source", ind.source, sources, "source"
    for i, event in enumerate(dataset.events):
        yield f"events[{i}].source", event.source, sources, "source"
        for j, ref in enumerate(event.figures):
            yield f"events[{i}].figures[{j}]", ref, figures, "figure"


def consistency_findings(dataset: Dataset) -> list[Finding]:
    """Percentages in 0-100, parts within their total, periods in order, stated conversions that agree."""
    found: list[Finding] = []
    totals: dict[str, Fraction] = {}
    index = {f.id: i for i, f in enumerate(dataset.figures)}
    for i, f in enumerate(dataset.figures):
        if f.unit == "percent" and not 0 <= f.value <= 100:
            found.append(_warn(f"figures[{i}].value", "percent-range", f"{f.value} percent is outside 0-100"))
        if f.period.start_year > f.period.end_year:
            found.append(
                _warn(
                    f"figures[{i}].period",
                    "period-order",
                    f"starts in {f.period.start_year}, after it ends in {f.period.end_year}",
                )
            )
        if f.part_of is not None:
            totals[f.part_of] = totals.get(f.part_of, Fraction(0)) + Fraction(f.value)
    by_id = dataset.figures_by_id
    for total_id, parts_sum in totals.items():
        total = by_id.get(total_id)
        if total is not None and parts_sum > Fraction(total.value):
            found.append(
                _warn(
                    f"figures[{index[total_id]}].value",
                    "parts-within-total",
                    f"its parts add up to {float(parts_sum):,g}, more than the total {total.value:,}",
                )
            )
    for i in range(len(dataset.conversions)):
        found.extend(_stated_conversion(dataset, i))
    return found


def _stated_conversion(dataset: Dataset, i: int) -> list[Finding]:
    """A conversion the source states must agree with the unit definitions within its stated rounding."""
    c = dataset.conversions[i]
    where = f"conversions[{i}]"
    if UNIT_KIND[c.from_unit] != UNIT_KIND[c.to_unit]:
        return [_warn(where, "stated-conversion", f"converts {c.from_unit} to {c.to_unit}, another kind")]
    if UNIT_KIND[c.from_unit] == "money":
        return []  # a stated exchange rate defines the rate; there is no definition to check it against
    exact = convert(Fraction(c.from_value), c.from_unit, c.to_unit)
    tolerance = Fraction(1, 2 * 10**c.decimals)
    if abs(exact - Fraction(c.to_value)) > tolerance:
        return [
            _warn(
                where,
                "stated-conversion",
                f"{c.from_value:,g} {c.from_unit} is {float(exact):,.{c.decimals + 2}f} {c.to_unit}, "
                f"not {c.to_value:,} to {c.decimals} decimals",
            )
        ]
    return []


def _warn(location: str, rule: str, message: str) -> Finding:
    return Finding(location, rule, message, "warning")
