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

from ..text import web_address
from .models import YEARS, Dataset
from .units import MEASURED_UNITS, UNIT_KIND, convert

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
    "greater_than_equal": "non-negative",
    "string_pattern_mismatch": "text",
    "date": "calendar-date",
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
    problems = error.errors(include_url=False, include_context=True, include_input=True)
    places = [format_location(p["loc"]) for p in problems]
    for problem, location in zip(problems, places, strict=True):
        if problem["type"] == "too_short" and any(p.startswith((f"{location}[", f"{location}.")) for p in places):
            continue  # a list whose only item failed is not also 'too short': the item's own error says it
        rule = _RULES.get(problem["type"], "schema")
        message = problem["msg"].removeprefix("Value error, ")
        bound = problem.get("ctx", {})
        if problem["type"] in ("greater_than_equal", "less_than_equal") and location.endswith("year"):
            rule = "year"  # not 'non-negative': 1850 is no negative number, it is a year out of range
            message = f"{problem['input']} is not a plausible year (years run from {YEARS[0]} to {YEARS[1]})"
        elif problem["type"] == "greater_than_equal" and bound.get("ge") != 0:
            rule = "range"
        pattern = str(bound.get("pattern", ""))
        if rule == "text" and pattern.startswith("^[a-z0-9]"):  # an id, not a text
            rule = "id"
            message = "an id is lowercase letters, digits, '_' and '-', starting with a letter or digit"
        elif rule == "text" and pattern.startswith("^\\d{4}"):  # a date
            rule = "date"
            message = "a date is YYYY, YYYY-MM or YYYY-MM-DD"
        elif rule == "text":
            message = "contains a control character or bidi control, which dataset text may not hold"
        earlier = findings.get(location)
        if earlier is None or earlier.rule == "schema":
            findings[location] = Finding(location, rule, message)
    return list(findings.values())


def _observation_places(dataset: Dataset) -> dict[str, str]:
    """Each observation's id -> where it is in the file, e.g. 'measures[3].observations[1]'."""
    return {
        o.id: f"measures[{i}].observations[{j}]"
        for i, m in enumerate(dataset.measures)
        for j, o in enumerate(m.observations)
    }


def integrity_findings(dataset: Dataset) -> list[Finding]:
    """Ids are unique within their list, and every reference names a known id."""
    found: list[Finding] = []
    observations = [
        (f"measures[{i}].observations[{j}].id", o.id)
        for i, m in enumerate(dataset.measures)
        for j, o in enumerate(m.observations)
    ]
    groups: dict[str, list[tuple[str, str]]] = {
        "sources": [(f"sources[{i}].id", s.id) for i, s in enumerate(dataset.sources)],
        "measures": [(f"measures[{i}].id", m.id) for i, m in enumerate(dataset.measures)],
        # Observations and derived figures share one namespace: `show ID` and `cite ID` take either.
        "figures": observations + [(f"derivations[{i}].id", d.id) for i, d in enumerate(dataset.derivations)],
        "units": [(f"units[{i}].id", u.id) for i, u in enumerate(dataset.units)],
        "conversions": [(f"conversions[{i}].id", c.id) for i, c in enumerate(dataset.conversions)],
        "industries": [(f"industries[{i}].id", x.id) for i, x in enumerate(dataset.industries)],
        "categories": [(f"categories[{i}].id", c.id) for i, c in enumerate(dataset.categories)],
        "events": [(f"events[{i}].id", e.id) for i, e in enumerate(dataset.events)],
    }
    for entries in groups.values():
        seen: set[str] = set()
        for where, item_id in entries:
            if item_id in seen:
                found.append(Finding(where, "unique-id", f"the id '{item_id}' is used more than once"))
            seen.add(item_id)
    known = {group: {i for _, i in entries} for group, entries in groups.items()}
    known["observations"] = {i for _, i in observations}
    known["unit"] = known["units"] | MEASURED_UNITS
    for where, ref, group, what in _references(dataset):
        if ref not in known[group]:
            found.append(Finding(where, "reference", f"'{ref}' does not name a known {what}"))
    found.extend(_program_dates(dataset))
    found.extend(_self_relations(dataset))
    found.extend(_derivation_order(dataset))
    found.extend(_rates_of_running_totals(dataset))
    found.extend(_derivation_shapes(dataset))
    return found


def _program_dates(dataset: Dataset) -> list[Finding]:
    """A program launches no later than its source reports on it (else its span is a negative number of years)."""
    source = dataset.sources_by_id.get(dataset.program.source)
    if source is None or dataset.program.launch_year <= source.year:
        return []
    return [
        Finding(
            "program.launch_year",
            "year",
            f"the program launches in {dataset.program.launch_year}, after its source '{source.id}' of {source.date}"
            " reports on it",
        )
    ]


def _self_relations(dataset: Dataset) -> list[Finding]:
    """A measure is related to others: a measure naming itself there is a slip (it is not a different measure)."""
    return [
        Finding(f"measures[{i}].related[{j}]", "self-relation", f"'{m.id}' is related to itself; name other measures")
        for i, m in enumerate(dataset.measures)
        for j, ref in enumerate(m.related)
        if ref == m.id
    ]


# A growth rate compares levels; of a running total it measures nothing but the total's own age.
_RATE_KINDS = frozenset({"growth", "compound_annual_rate", "relative_change"})


def _rates_of_running_totals(dataset: Dataset) -> list[Finding]:
    """No growth or compound-rate derivation over a cumulative measure (its change is what was added)."""
    found = []
    by_id = dataset.figures_by_id
    for i, d in enumerate(dataset.derivations):
        if d.kind not in _RATE_KINDS:
            continue
        for j, ref in enumerate(d.inputs):
            figure = by_id.get(ref)
            if figure is not None and figure.kind == "cumulative":
                found.append(
                    Finding(
                        f"derivations[{i}].inputs[{j}]",
                        "no-rate-of-running-total",
                        f"a {d.kind.replace('_', ' ')} of '{ref}' is meaningless: its measure '{figure.measure}' is a"
                        " running total (cumulative), whose change is what was added, not growth",
                    )
                )
                break
    return found


# How many inputs each kind of derivation takes (at least, for a remainder); a program span takes none.
ARITY = {"conversion": 1, "share": 2, "remainder": 2}


def _derivation_shapes(dataset: Dataset) -> list[Finding]:
    """What computing a derivation relies on: its number of inputs, and for a conversion a unit of the same kind
    (money to money, area to area) as its input's; a count (people, schools) converts to nothing."""
    found = []
    by_id = dataset.figures_by_id
    for i, d in enumerate(dataset.derivations):
        where = f"derivations[{i}]"
        if d.kind == "program_span":
            continue
        need = ARITY.get(d.kind, 2)
        if len(d.inputs) < need or (d.kind != "remainder" and len(d.inputs) != need):
            said = f"at least {need}" if d.kind == "remainder" else str(need)
            found.append(Finding(f"{where}.inputs", "derivation-inputs", f"a {d.kind} takes {said} inputs"))
            continue
        if d.kind != "conversion":
            continue
        if d.to_unit is None or d.to_unit not in UNIT_KIND:
            found.append(Finding(f"{where}.to_unit", "derivation-unit", "a conversion needs a to_unit of money, area "
                                 "or length"))  # fmt: skip
            continue
        source = by_id.get(d.inputs[0])
        if source is not None and UNIT_KIND.get(source.unit) != UNIT_KIND[d.to_unit]:
            found.append(
                Finding(f"{where}.to_unit", "derivation-unit", f"'{source.unit}' cannot be converted to '{d.to_unit}'")
            )
    return found


Reference = tuple[str, str, str, str]  # (where, the id referred to, the group it must be in, what to call it)


def _references(dataset: Dataset) -> Iterator[Reference]:
    """(where, the id referred to, the group it must be in, what to call it)."""
    yield "program.source", dataset.program.source, "sources", "source"
    check_categories = bool(dataset.categories)  # a dataset that declares its categories uses only those
    yield from _measure_references(dataset, check_categories)
    yield from _derivation_references(dataset, check_categories)
    yield from _view_references(dataset)
    yield from _other_references(dataset)


def _measure_references(dataset: Dataset, check_categories: bool) -> Iterator[Reference]:
    """What each measure and its observations refer to: category, unit, related measures, source, total."""
    for i, m in enumerate(dataset.measures):
        if check_categories:
            yield f"measures[{i}].category", m.category, "categories", "category"
        yield f"measures[{i}].unit", m.unit, "unit", "unit (declare count units under 'units')"
        for j, ref in enumerate(m.related):
            yield f"measures[{i}].related[{j}]", ref, "measures", "measure"
        for j, o in enumerate(m.observations):
            here = f"measures[{i}].observations[{j}]"
            yield f"{here}.source", o.source, "sources", "source"
            yield f"{here}.unit", o.unit, "unit", "unit (declare count units under 'units')"
            if o.part_of is not None:
                yield f"{here}.part_of", o.part_of, "observations", "observation"


def _derivation_references(dataset: Dataset, check_categories: bool) -> Iterator[Reference]:
    """What each derivation refers to: its inputs and its category."""
    for i, d in enumerate(dataset.derivations):
        for j, ref in enumerate(d.inputs):
            yield f"derivations[{i}].inputs[{j}]", ref, "figures", "figure"
        if d.category is not None and check_categories:
            yield f"derivations[{i}].category", d.category, "categories", "category"


def _view_references(dataset: Dataset) -> Iterator[Reference]:
    """What each declared view refers to: its figures, sources, total and the figures of its charts."""
    for name in ("summary", "infrastructure", "funding"):
        view = getattr(dataset.views, name)
        if view is None:
            continue
        for j, ref in enumerate(view.figures):
            yield f"views.{name}.figures[{j}]", ref, "figures", "figure"
        for j, ref in enumerate(view.sources):
            yield f"views.{name}.sources[{j}]", ref, "sources", "source"
        if view.total is not None:
            yield f"views.{name}.total", view.total, "observations", "observation"
        for k, chart in enumerate(view.charts):
            for j, ref in enumerate(chart.figures):
                yield f"views.{name}.charts[{k}].figures[{j}]", ref, "observations", "observation"


def _other_references(dataset: Dataset) -> Iterator[Reference]:
    """What the conversions, industries and events refer to: sources and figures."""
    for i, c in enumerate(dataset.conversions):
        yield f"conversions[{i}].source", c.source, "sources", "source"
        if c.figure is not None:
            yield f"conversions[{i}].figure", c.figure, "observations", "observation"
    for i, ind in enumerate(dataset.industries):
        yield f"industries[{i}].source", ind.source, "sources", "source"
    for i, event in enumerate(dataset.events):
        yield f"events[{i}].source", event.source, "sources", "source"
        for j, ref in enumerate(event.figures):
            yield f"events[{i}].figures[{j}]", ref, "figures", "figure"


def _derivation_order(dataset: Dataset) -> list[Finding]:
    """A derivation may use observations and the derivations declared before it (so none is circular)."""
    found = []
    declared: set[str] = set()
    all_derived = set(dataset.derivations_by_id)
    for i, d in enumerate(dataset.derivations):
        for j, ref in enumerate(d.inputs):
            if ref in all_derived and ref not in declared:
                found.append(
                    Finding(
                        f"derivations[{i}].inputs[{j}]",
                        "derivation-order",
                        f"'{ref}' is derived later in the file; a derivation may use only those declared before it",
                    )
                )
        declared.add(d.id)
    return found


def consistency_findings(dataset: Dataset) -> list[Finding]:
    """Percentages in 0-100, parts within their total, periods in order, stated conversions that agree."""
    found: list[Finding] = []
    totals: dict[str, Fraction] = {}
    places = _observation_places(dataset)
    for f in dataset.figures:
        where = places[f.id]
        if f.unit == "percent" and not 0 <= f.value <= 100:
            found.append(warning(f"{where}.value", "percent-range", f"{f.value} percent is outside 0-100"))
        if f.period.start_year > f.period.end_year:
            found.append(
                warning(
                    f"{where}.period",
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
                warning(
                    f"{places[total_id]}.value",
                    "parts-within-total",
                    f"its parts add up to {float(parts_sum):,g}, more than the total {total.value:,}",
                )
            )
    for i, m in enumerate(dataset.measures):
        for j, o in enumerate(m.observations):
            if UNIT_KIND.get(o.unit, o.unit) != UNIT_KIND.get(m.unit, m.unit):  # same unit, or same kind
                found.append(
                    warning(
                        f"measures[{i}].observations[{j}].unit",
                        "measure-unit",
                        f"'{o.unit}' cannot be shown in the measure's unit '{m.unit}'",
                    )
                )
    for i in range(len(dataset.conversions)):
        found.extend(_stated_conversion(dataset, i))
    for i, s in enumerate(dataset.sources):
        for field, address in (("url", s.url), ("outlet_url", s.outlet_url)):
            if address and web_address(address) is None:
                found.append(warning(f"sources[{i}].{field}", "web-address", "not an http(s) address; no output "
                                     "writes it"))  # fmt: skip
    return found


def chinese_version_findings(dataset: Dataset) -> list[Finding]:
    """A warning for each data text the Chinese page shows that has no Chinese version (its `_zh` field): the page
    would show it in English. `pairing validate` reports them; commands do not repeat them on every run."""
    shown: list[tuple[str, object, str]] = [("program", dataset.program, "name")]
    shown += [(f"sources[{i}]", s, "publisher") for i, s in enumerate(dataset.sources)]
    shown += [(f"categories[{i}]", c, "label") for i, c in enumerate(dataset.categories)]
    shown += [(f"units[{i}]", u, "label") for i, u in enumerate(dataset.units)]
    shown += [(f"derivations[{i}]", d, "label") for i, d in enumerate(dataset.derivations)]
    for i, e in enumerate(dataset.events):
        shown += [(f"events[{i}]", e, "when"), (f"events[{i}]", e, "label")]
    for i, m in enumerate(dataset.measures):
        shown += [(f"measures[{i}]", m, "label"), (f"measures[{i}]", m, "note")]
        for j, o in enumerate(m.observations):
            where = f"measures[{i}].observations[{j}]"
            shown += [(where, o, "label"), (where, o, "scope"), (where, o, "statement")]
            shown += [(f"{where}.period", o.period, "label"), (f"{where}.period", o.period, "note")]
    for name in ("summary", "infrastructure", "funding"):
        view = getattr(dataset.views, name)
        if view is not None:
            shown.append((f"views.{name}", view, "title"))
            shown += [(f"views.{name}.charts[{k}]", c, "title") for k, c in enumerate(view.charts)]
    return [
        warning(f"{where}.{field}_zh", "chinese-version", f"{field} '{text}' has no Chinese version; the Chinese page "
              "shows it in English")
        for where, item, field in shown
        if (text := getattr(item, field)) and not getattr(item, f"{field}_zh", None)
    ]  # fmt: skip


def _stated_conversion(dataset: Dataset, i: int) -> list[Finding]:
    """A conversion the source states must agree with the unit definitions within its stated rounding."""
    c = dataset.conversions[i]
    where = f"conversions[{i}]"
    if UNIT_KIND[c.from_unit] != UNIT_KIND[c.to_unit]:
        return [warning(where, "stated-conversion", f"converts {c.from_unit} to {c.to_unit}, another kind")]
    if UNIT_KIND[c.from_unit] == "money":
        return []  # a stated exchange rate defines the rate; there is no definition to check it against
    exact = convert(Fraction(c.from_value), c.from_unit, c.to_unit)
    tolerance = Fraction(1, 2 * 10**c.decimals)
    if abs(exact - Fraction(c.to_value)) > tolerance:
        return [
            warning(
                where,
                "stated-conversion",
                f"{c.from_value:,g} {c.from_unit} is {float(exact):,.{c.decimals + 2}f} {c.to_unit}, "
                f"not {c.to_value:,} to {c.decimals} decimals",
            )
        ]
    return []


def warning(location: str, rule: str, message: str) -> Finding:
    return Finding(location, rule, message, "warning")
