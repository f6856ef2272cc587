"""compare and measures: where sources agree or differ on a measure in one period.

Observations of one measure and one period are *consistent* when their ranges (queries.ranges) share a value, else
*different*. Observations of different periods are never a conflict: they are a trend (queries.trend).
"""

from __future__ import annotations

from fractions import Fraction

from ..data.models import Dataset, Figure, Measure, Period
from ..data.units import UNIT_KIND, convert, to_float
from ..errors import QueryError
from ..ranges import overlap, printed_step, value_range
from ..results import (
    CompareReport,
    Comparison,
    Distinct,
    MeasureEntry,
    MeasuresReport,
    Observed,
)
from ..text import Note
from .common import cited_sources, closest_ids, counted, data_text, titled


def _in_unit(value: Fraction, unit: str, measure_unit: str) -> Fraction | None:
    """A value in the measure's unit; None where it cannot be converted (another kind, or money across currencies)."""
    if unit == measure_unit:
        return value
    kind = UNIT_KIND.get(unit)
    if kind is None or kind == "money" or kind != UNIT_KIND.get(measure_unit):
        return None
    return convert(value, unit, measure_unit)


def observed(dataset: Dataset, figure: Figure, measure: Measure) -> Observed:
    """One observation as compare and trend show it: with its source, and its value and range in the measure's unit."""
    source = dataset.source(figure.source)
    value = _in_unit(Fraction(figure.value), figure.unit, measure.unit)
    step = printed_step(figure.as_stated, figure.value)
    scaled_step = None if value is None else _in_unit(step, figure.unit, measure.unit)
    rng = None if value is None or scaled_step is None else value_range(value, figure.qualifier, scaled_step)
    return Observed(
        id=figure.id,
        source=source,
        value=figure.value,
        unit=figure.unit,
        qualifier=figure.qualifier,
        period=figure.period,
        scope=figure.scope,
        scope_zh=figure.scope_zh,
        as_stated=figure.as_stated,
        locator=figure.locator,
        statement=figure.statement,
        statement_zh=figure.statement_zh,
        note=figure.note,
        value_in_unit=None if value is None else to_float(value),
        exact=value,
        low=None if rng is None or rng.low is None else to_float(rng.low),
        high=None if rng is None or rng.high is None else to_float(rng.high),
        range=rng,
        as_of=figure.as_of,
    )


def _figure_year(as_of: str | None, period: Period) -> int:
    return int(as_of[:4]) if as_of else period.end_year


def _measure(dataset: Dataset, measure_id: str) -> Measure:
    measure = dataset.measures_by_id.get(measure_id)
    if measure is None:
        figure = dataset.figures_by_id.get(measure_id)
        if figure is not None:  # an observation's id (what `summary` prints): name its measure
            raise QueryError(
                "measure_id", f"'{measure_id}' is an observation, not a measure; its measure is '{figure.measure}'"
            )
        suggestions = closest_ids(measure_id, list(dataset.measures_by_id))
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        raise QueryError("measure_id", f"no measure '{measure_id}'{hint}", listing="measures")
    return measure


def measures(dataset: Dataset) -> MeasuresReport:
    """Every measure: its id, label, unit and kind, how many figures and sources state it, and the years covered."""
    entries = [
        MeasureEntry(
            measure=m,
            observations=len(m.observations),
            sources=len({o.source for o in m.observations}),
            years=sorted({_figure_year(o.as_of, o.period) for o in m.observations}),
        )
        for m in dataset.measures
    ]
    count = len(entries)
    return MeasuresReport(
        command="measures",
        title=titled(dataset, counted(count, "{count} measure", "{count} measures")),
        program=dataset.program,
        measures=entries,
    )


def _observations(dataset: Dataset, measure: Measure) -> list[Observed]:
    by_id = dataset.figures_by_id
    return [observed(dataset, by_id[o.id], measure) for o in measure.observations]


def _period_key(o: Observed) -> tuple[int, int, str]:
    """Figures of one period are compared: a level by the year it describes (its own date where known), others by
    their span, ending in that year. A figure dated within its year (totals to August 2011) describes a shorter
    period than one to the year's end, so it is compared only with figures to the same month."""
    within = o.as_of[:7] if o.as_of and o.as_of[5:7] not in ("", "12") else ""
    return (o.year if o.period.start_year == o.period.end_year else o.period.start_year, o.year, within)


def comparisons(dataset: Dataset, measure: Measure, notes: list[Note] | None = None) -> list[Comparison]:
    """Each period of the measure that two or more sources state, with its verdict; what is left out of every
    comparison (another period, a unit that cannot be converted) is said in notes."""
    groups: dict[tuple[int, int, str], list[Observed]] = {}
    for o in _observations(dataset, measure):
        groups.setdefault(_period_key(o), []).append(o)
    said = notes if notes is not None else []
    found = []
    for group in groups.values():
        if len({o.source.id for o in group}) < 2:
            continue
        comparison = _comparison(measure, group)
        if comparison is None:
            period = group[0].period
            said.append(
                Note("{measure}: only one source's figure for {period} can be shown in {unit}; not compared.",
                     measure=measure.id, period=data_text(period.label, period.label_zh),
                     unit=measure.unit)
            )  # fmt: skip
            continue
        found.append(comparison)
    compared = {o.id for c in found for o in c.observations}
    others = [o for group in groups.values() for o in group if o.id not in compared]
    if found and others:
        said.append(Note("{measure}: of other periods, a trend, not a conflict: {listed}.", measure=measure.id,
                         listed=_listed(others)))  # fmt: skip
    return found


def _comparison(measure: Measure, group: list[Observed]) -> Comparison | None:
    """The verdict on one period's figures; None when fewer than two sources' figures can be shown in its unit."""
    usable = [o for o in group if o.range is not None and o.exact is not None]
    if len({o.source.id for o in usable}) < 2:
        return None
    same = overlap([o.range for o in usable if o.range is not None])
    values = [o.exact for o in usable if o.exact is not None]
    gap: Fraction | None = max(values) - min(values)
    if gap and _bounded_apart(usable, min(values), max(values)):
        gap = None  # 'more than 400' and 8,000 are 7,600 apart as printed, which says nothing of the true gap
    gap_percent = None if gap is None or min(values) == 0 else to_float(gap / min(values) * 100)
    return Comparison(
        id=measure.id,
        label=measure.label,
        label_zh=measure.label_zh,
        unit=measure.unit,
        period=group[0].period,
        verdict="consistent" if same else "different",
        observations=group,
        gap=None if gap is None else int(gap) if gap.denominator == 1 else to_float(gap),
        gap_percent=gap_percent,
        note=measure.note,
        note_zh=measure.note_zh,
    )


# A lowest figure that is a floor ('more than 400') or a highest that is a ceiling ('nearly 600,000') leaves open
# how far apart the true values are.
_FLOORS = frozenset({"more_than", "over", "at_least"})
_CEILINGS = frozenset({"nearly", "less_than"})


def _bounded_apart(usable: list[Observed], low: Fraction, high: Fraction) -> bool:
    """Whether the distance between the lowest and highest figures as printed is set by a bound, not a level."""
    return any(o.exact == low and o.qualifier in _FLOORS for o in usable) or any(
        o.exact == high and o.qualifier in _CEILINGS for o in usable
    )


def _listed(others: list[Observed]) -> Note:
    """The figures of other periods, each with its outlet, date, words and period, one after another."""
    said = [
        Note(
            "{publisher} {date}: {as_stated} ({period})",
            publisher=data_text(o.source.publisher, o.source.publisher_zh),
            date=o.source.date,
            as_stated=o.as_stated,
            period=data_text(o.period.label, o.period.label_zh),
        )
        for o in others
    ]
    listed = said[-1]
    for note in reversed(said[:-1]):
        listed = Note("{first}; {rest}", first=note, rest=listed)
    return listed


def _distinct(dataset: Dataset, measures: list[Measure]) -> list[Distinct]:
    """Measures the dataset marks as related but different, in groups (each measure once), with their figures."""
    by_id = dataset.measures_by_id
    seen: set[str] = set()
    out = []
    for m in measures:
        if m.id in seen or not m.related:
            continue
        group: list[Measure] = []
        todo = [m.id]
        while todo:  # every measure related to this one, directly or through another
            current = todo.pop(0)
            if current in seen or current not in by_id:
                continue
            seen.add(current)
            group.append(by_id[current])
            todo.extend(by_id[current].related)
        if len(group) > 1:
            out.append(Distinct(group, [_observations(dataset, g) for g in group]))
    return out


def compare(dataset: Dataset, measure_id: str | None = None) -> CompareReport:
    """Every measure two or more sources state for one period, side by side with a verdict; or one measure."""
    measures = [_measure(dataset, measure_id)] if measure_id is not None else list(dataset.measures)
    notes: list[Note] = []
    found = [c for m in measures for c in comparisons(dataset, m, notes if measure_id is not None else None)]
    distinct = _distinct(dataset, measures)
    if measure_id is not None and not found:
        m = measures[0]
        count = len(m.observations)
        sources = len({o.source for o in m.observations})
        if count == 1:
            notes.append(Note("{measure}: one figure, from one source; nothing to compare.", measure=m.id))
        else:
            why = "one source states it" if sources == 1 else "no period of it is stated by two sources"
            notes.append(
                Note("{measure}: {why}; its {count} figures are a trend over time.", measure=m.id, why=Note(why),
                     count=str(count))
            )  # fmt: skip
    used = {o.source.id for c in found for o in c.observations}
    used |= {o.source.id for d in distinct for group in d.observations for o in group}
    differ = sum(c.verdict == "different" for c in found)
    one, many = "{count} comparison, {differ} different", "{count} comparisons, {differ} different"
    title = Note(one if len(found) == 1 else many, count=str(len(found)), differ=str(differ))
    return CompareReport(
        command="compare",
        title=titled(dataset, title),
        program=dataset.program,
        sources=cited_sources(dataset, used, main=False),
        comparisons=found,
        distinct=distinct,
        notes=notes,
    )
