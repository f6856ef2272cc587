"""The public record side by side: where sources agree or differ on a measure (compare), and how it moved (trend).

Each observation stands for a range of true values, from its qualifier and the precision it was printed with:
'259 schools' is 258.5 to 259.5, '15,300 hectares' 15,250 to 15,350 (rounded to hundreds), 'about 5,700' 5,600 to
5,800 (one unit of its last printed digit either way), 'more than 3 billion' anything above 3 billion, 'nearly
600,000' from 500,000 up to 600,000 (one unit of its leading rounding below). Observations of one measure and one
period are *consistent* when their ranges share a value, else *different*. Observations of different periods are
never a conflict: they are a trend.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction

from .errors import QueryError
from .models import Dataset, Figure, Measure, Period
from .record_results import (
    CompareReport,
    Comparison,
    Distinct,
    MeasureEntry,
    MeasuresReport,
    Observed,
    Report,
    TrendPoint,
    TrendReport,
)
from .results import Bar, Chart
from .text import Note
from .units import UNIT_KIND, convert, to_float

_PRINTED = re.compile(
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<magnitude>billion|million|thousand|万|萬|亿|億)?", re.IGNORECASE
)
_MAGNITUDE = {"billion": 10**9, "million": 10**6, "thousand": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}


def printed_step(as_stated: str, value: float | int) -> Fraction:
    """One unit of the last digit the figure was printed with, in the value's unit.

    '3.044 billion yuan' -> 1,000,000; '15,300 hectares' -> 100 (trailing zeros are taken as rounding);
    '7.74亿元' -> 1,000,000; '259 schools' -> 1. Where nothing in as_stated matches the value, the value's digits.
    """
    for match in _PRINTED.finditer(as_stated):
        digits = match["number"].replace(",", "")
        factor = _MAGNITUDE.get((match["magnitude"] or "").lower(), 1)
        if Fraction(digits) * factor == Fraction(value) or (factor == 1 and _same(digits, value)):
            return _digit_step(digits) * factor
    return _digit_step(repr(value) if isinstance(value, float) else str(value))


def _same(digits: str, value: float | int) -> bool:
    return abs(Fraction(digits) - Fraction(value)) <= abs(Fraction(value)) / 1000


def _digit_step(digits: str) -> Fraction:
    if "." in digits:
        return Fraction(1, 10 ** len(digits.split(".", 1)[1]))
    stripped = digits.rstrip("0")
    zeros = len(digits) - len(stripped) if stripped else 0
    return Fraction(10**zeros)


@dataclass(frozen=True)
class Range:
    """The true values an observation allows: low..high, each end open or closed; None is unbounded."""

    low: Fraction | None
    high: Fraction | None
    low_open: bool = False
    high_open: bool = False


def value_range(value: Fraction, qualifier: str, step: Fraction) -> Range:
    if qualifier in ("more_than", "over"):
        return Range(value, None, low_open=True)
    if qualifier == "at_least":
        return Range(value, None)
    if qualifier == "nearly":
        return Range(value - step, value, high_open=True)
    if qualifier == "about":
        return Range(value - step, value + step)
    return Range(value - step / 2, value + step / 2)


def overlap(ranges: list[Range]) -> bool:
    """Whether one value lies in every range."""
    lows = [(r.low, r.low_open) for r in ranges if r.low is not None]
    highs = [(r.high, r.high_open) for r in ranges if r.high is not None]
    if not lows or not highs:
        return True
    low, low_open = max(lows, key=lambda x: (x[0], x[1]))
    high, high_open = min(highs, key=lambda x: (x[0], not x[1]))
    return low < high or (low == high and not low_open and not high_open)


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
        from .explore import closest_ids

        suggestions = closest_ids(measure_id, list(dataset.measures_by_id))
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else ""
        raise QueryError("measure_id", f"no measure '{measure_id}'{hint}", listing="measures")
    return measure


def measures(dataset: Dataset) -> MeasuresReport:
    """Every measure: its id, label, unit and kind, how many figures and sources state it, and the years covered."""
    from .reports import titled

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
        **titled(dataset, f"{count} measure{'' if count == 1 else 's'}", f"{count} 项指标"),
        program=dataset.program,
        measures=entries,
    )


def _observations(dataset: Dataset, measure: Measure) -> list[Observed]:
    by_id = dataset.figures_by_id
    return [observed(dataset, by_id[o.id], measure) for o in measure.observations]


def _period_key(o: Observed) -> tuple[int, int]:
    """Figures of one period are compared: a level by the year it describes (its own date where known), others by
    their span, ending in that year."""
    return (o.year if o.period.start_year == o.period.end_year else o.period.start_year, o.year)


def comparisons(dataset: Dataset, measure: Measure, notes: list[Note] | None = None) -> list[Comparison]:
    """Each period of the measure that two or more sources state, with its verdict; what is left out of every
    comparison (another period, a unit that cannot be converted) is said in notes."""
    groups: dict[tuple[int, int], list[Observed]] = {}
    for o in _observations(dataset, measure):
        groups.setdefault(_period_key(o), []).append(o)
    said = notes if notes is not None else []
    found = []
    for group in groups.values():
        if len({o.source.id for o in group}) < 2:
            continue
        usable = [o for o in group if o.range is not None and o.exact is not None]
        if len({o.source.id for o in usable}) < 2:
            period = group[0].period
            said.append(
                Note("{measure}: only one source's figure for {period} can be shown in {unit}; not compared.",
                     measure=measure.id, period=Note.both(period.label, period.label_zh or period.label),
                     unit=measure.unit)
            )  # fmt: skip
            continue
        same = overlap([o.range for o in usable if o.range is not None])
        values = [o.exact for o in usable if o.exact is not None]
        gap = max(values) - min(values)
        gap_percent = None if min(values) == 0 else to_float(gap / min(values) * 100)
        found.append(
            Comparison(
                id=measure.id,
                label=measure.label,
                label_zh=measure.label_zh,
                unit=measure.unit,
                period=group[0].period,
                verdict="consistent" if same else "different",
                observations=group,
                gap=int(gap) if gap.denominator == 1 else to_float(gap),
                gap_percent=gap_percent,
                note=measure.note,
                note_zh=measure.note_zh,
            )
        )
    compared = {o.id for c in found for o in c.observations}
    others = [o for group in groups.values() for o in group if o.id not in compared]
    if found and others:
        listed = Note.both(
            "; ".join(f"{o.source.publisher} {o.source.date}: {o.as_stated} ({o.period.label})" for o in others),
            "；".join(
                f"{o.source.publisher_zh or o.source.publisher} {o.source.date}：{o.as_stated}"
                f"（{o.period.label_zh or o.period.label}）"
                for o in others
            ),
        )
        said.append(Note("{measure}: of other periods, a trend, not a conflict: {listed}.", measure=measure.id,
                         listed=listed))  # fmt: skip
    return found


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
    from .reports import cited_sources, titled

    used = {o.source.id for c in found for o in c.observations}
    used |= {o.source.id for d in distinct for group in d.observations for o in group}
    differ = sum(c.verdict == "different" for c in found)
    title = f"{len(found)} comparison{'' if len(found) == 1 else 's'}, {differ} different"
    return CompareReport(
        command="compare",
        **titled(dataset, title, f"{len(found)} 项比较，{differ} 项不一致"),
        program=dataset.program,
        sources=cited_sources(dataset, used, main=False),
        comparisons=found,
        distinct=distinct,
        notes=notes,
    )


def trend(dataset: Dataset, measure_id: str) -> TrendReport:
    """One measure over time from every source, in the order of the years the figures describe, with the change
    between them derived as the measure's kind allows: a level's growth, a running total's yearly addition, a
    flow's change between periods of one length."""
    measure = _measure(dataset, measure_id)
    points = sorted(_observations(dataset, measure), key=lambda o: (o.year, o.source.date))
    out: list[TrendPoint] = []
    notes: list[Note] = []
    previous: dict[int, Observed] = {}  # the last point of an earlier year, by period length for a flow
    for o in points:
        point = TrendPoint(observed=o)
        # A flow is compared with flows of the same span; a part of a year (as_of inside it) only with parts.
        key = _span(o.period) * 2 + (o.as_of is not None) if measure.kind == "flow" else 0
        earlier = previous.get(key)
        if o.value_in_unit is None:
            notes.append(
                Note("{id} is in {unit}, which cannot be shown in {to_unit}; it is listed, not compared.", id=o.id,
                     unit=o.unit, to_unit=measure.unit)
            )  # fmt: skip
        elif earlier is not None and earlier.year == o.year:
            point.same_period_as = earlier.id
        elif earlier is not None:
            _growth(point, earlier, o, measure.kind)
        elif measure.kind == "flow" and previous:
            point.no_growth = "no earlier period of the same length"
        if o.value_in_unit is not None and (earlier is None or earlier.year != o.year):
            previous[key] = o
        out.append(point)
    if any(p.observed.period.approximate for p in out):
        notes.append(Note("A figure whose year is uncertain is drawn apart; no yearly rate is computed from it."))
    from .reports import cited_sources, titled

    bars = [
        Bar(
            f"{p.observed.period.label} · {p.observed.source.publisher} {p.observed.source.date}",
            f"{p.observed.period.label_zh or p.observed.period.label} · "
            f"{p.observed.source.publisher_zh or p.observed.source.publisher} {p.observed.source.date}",
            p.observed.value_in_unit,
            measure.unit,
            p.observed.qualifier,
            period=p.observed.period,
            scope=p.observed.scope,
            x=p.observed.year,
        )
        for p in out
        if p.observed.value_in_unit is not None
    ]
    return TrendReport(
        command="trend",
        **titled(dataset, measure.label, measure.label_zh or measure.label),
        program=dataset.program,
        sources=cited_sources(dataset, {p.observed.source.id for p in out}, main=False),
        id=measure.id,
        label=measure.label,
        label_zh=measure.label_zh,
        unit=measure.unit,
        kind=measure.kind,
        points=out,
        notes=notes,
        charts=[Chart(measure.label, measure.label_zh or measure.label, bars, kind=_chart_kind(bars))] if bars else [],
    )


def _span(period: Period) -> int:
    """How many years a period covers (a flow is compared only with flows of the same span)."""
    return period.end_year - period.start_year + 1


_LOWER_BOUNDS = frozenset({"more_than", "over", "at_least"})


def growth_qualifier(start: str, end: str) -> str | None:
    """What a change between two figures is, given theirs: exact, about, a lower bound ('more_than': the end is
    only a floor), an upper bound ('less_than': the start is only a floor), or None when both are floors."""
    if start in _LOWER_BOUNDS and end in _LOWER_BOUNDS:
        return None
    if end in _LOWER_BOUNDS:
        return "more_than"
    if start in _LOWER_BOUNDS:
        return "less_than"
    return "exact" if start == end == "exact" else "about"


def _chart_kind(bars: list[Bar]) -> str:
    """A line where the figures hold at two or more years; bars where they all hold at one."""
    return "line" if len({b.x for b in bars}) > 1 else "bar"


def _growth(point: TrendPoint, start: Observed, end: Observed, kind: str) -> None:
    """The change from start to end. A level (stock) and a flow of equal periods: in the measure's unit, in
    percent, and as a compound annual rate. A running total: what was added, and on average each year."""
    assert start.value_in_unit is not None and end.value_in_unit is not None
    qualifier = growth_qualifier(start.qualifier, end.qualifier)
    point.from_id = start.id
    if qualifier is None:  # 'more than 66,000' then 'over 60,000': no change can be read from two floors
        point.no_growth = "both figures are lower bounds"
        return
    assert start.exact is not None and end.exact is not None
    first, last = start.exact, end.exact
    years = end.year - start.year
    point.years = years
    point.change = to_float(last - first)
    point.growth_qualifier = qualifier
    point.years_uncertain = start.period.approximate or end.period.approximate
    if kind == "cumulative":
        if years > 0 and not point.years_uncertain:
            point.added_per_year = to_float((last - first) / years)
        return
    if first > 0:
        try:  # from a start near zero the percentages pass any float: reported as not meaningful, not computed
            change_percent = to_float((last - first) / first * 100)
            annual = None
            if years > 0 and last > 0 and not point.years_uncertain:
                annual = ((float(last) / float(first)) ** (1 / years) - 1) * 100
                if not math.isfinite(annual):
                    raise OverflowError
        except (ValueError, OverflowError, ZeroDivisionError):
            point.no_growth = "a change from a start near zero is not meaningful"
            return
        point.change_percent = change_percent
        point.annual_rate_percent = annual


def report(dataset: Dataset) -> Report:
    """Everything the page shows: the summary view, compare, a trend for each measure observed at two or more
    times, every measure with its observations, the timeline and the sources."""
    from . import explore, reports

    trends = [
        trend(dataset, m.id)
        for m in dataset.measures
        if len({_figure_year(o.as_of, o.period) for o in m.observations}) > 1
    ]
    counted = explore.sources(dataset)
    return Report(
        command="report",
        program=dataset.program,
        summary=reports.summary(dataset),
        compare=compare(dataset),
        trends=trends,
        measures=[explore.show_measure(dataset, m.id) for m in dataset.measures],
        timeline=explore.timeline(dataset),
        sources=list(dataset.sources),
        figure_counts=counted.figure_counts,
        observation_count=len(dataset.figures),
    )
