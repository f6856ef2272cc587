"""trend: how a measure moved, by its kind. A stock has a change and rates; a running total what was added (per
year); a flow is compared only with flows of equal span; no yearly rate from a year that is uncertain.
"""

from __future__ import annotations

import math

from ..data.models import Dataset, Measure, Period
from ..data.units import to_float
from ..data.vocabulary import GrowthQualifier
from ..results import (
    Bar,
    Chart,
    Observed,
    TrendPoint,
    TrendReport,
)
from ..text import Note, localised
from .common import cited_sources, data_text, titled
from .compare import _measure, _observations


def trend(dataset: Dataset, measure_id: str) -> TrendReport:
    """One measure over time from every source, in the order of the years the figures describe, with the change
    between them derived as the measure's kind allows: a level's growth, a running total's yearly addition, a
    flow's change between periods of one length."""
    measure = _measure(dataset, measure_id)
    notes: list[Note] = []
    out = _points(measure, _observations(dataset, measure), notes)
    if any(p.observed.period.approximate for p in out):
        notes.append(Note("A figure whose year is uncertain is drawn apart; no yearly rate is computed from it."))
    bars = _bars(measure, out)
    label = data_text(measure.label, measure.label_zh)
    return TrendReport(
        command="trend",
        title=titled(dataset, label),
        program=dataset.program,
        sources=cited_sources(dataset, {p.observed.source.id for p in out}, main=False),
        id=measure.id,
        label=measure.label,
        label_zh=measure.label_zh,
        unit=measure.unit,
        kind=measure.kind,
        points=out,
        notes=notes,
        charts=[Chart(label, bars, kind=_chart_kind(bars))] if bars else [],
    )


def _points(measure: Measure, observations: list[Observed], notes: list[Note]) -> list[TrendPoint]:
    """The measure's observations in the order of their years, each with its change from the last observation of
    an earlier year (for a flow, of the same span); one that cannot be shown in the measure's unit is said in notes."""
    points = sorted(observations, key=lambda o: (o.year, o.source.date))
    out: list[TrendPoint] = []
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
    return out


def _bars(measure: Measure, points: list[TrendPoint]) -> list[Bar]:
    """The points that can be drawn in the measure's unit, each labelled with its period, outlet and date."""
    return [
        Bar(
            f"{p.observed.period.label} · {p.observed.source.publisher} {p.observed.source.date}",
            f"{localised(p.observed.period.label, p.observed.period.label_zh, 'zh')} · "
            f"{localised(p.observed.source.publisher, p.observed.source.publisher_zh, 'zh')} {p.observed.source.date}",
            p.observed.value_in_unit,
            measure.unit,
            p.observed.qualifier,
            period=p.observed.period,
            scope=p.observed.scope,
            scope_zh=p.observed.scope_zh,
            x=p.observed.year,
        )
        for p in points
        if p.observed.value_in_unit is not None
    ]


def _span(period: Period) -> int:
    """How many years a period covers (a flow is compared only with flows of the same span)."""
    return period.end_year - period.start_year + 1


_LOWER_BOUNDS = frozenset({"more_than", "over", "at_least"})


def growth_qualifier(start: str, end: str) -> GrowthQualifier | None:
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
