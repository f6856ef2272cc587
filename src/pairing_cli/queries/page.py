"""The report page's content: every view, comparison, trend, measure, the timeline and the sources, for one program;
for the national record, and for the index of every program's page, an overview of the pairs."""

from __future__ import annotations

from ..data.models import Dataset
from ..results import AcrossRow, PairingOverview, Report
from . import figures, pairings, sources, views
from .compare import _figure_year, compare
from .trend import trend


def report(dataset: Dataset) -> Report:
    """Everything the page shows: the summary view, compare, a trend for each measure observed at two or more
    times, every measure with its observations, the timeline and the sources; for the national record, every pair
    program with its headline fiscal aid."""
    trends = [
        trend(dataset, m.id)
        for m in dataset.measures
        if len({_figure_year(o.as_of, o.period) for o in m.observations}) > 1
    ]
    counted = sources.sources(dataset)
    return Report(
        command="report",
        program=dataset.program,
        summary=views.summary(dataset),
        compare=compare(dataset),
        trends=trends,
        measures=[figures.show_measure(dataset, m.id) for m in dataset.measures],
        timeline=sources.timeline(dataset),
        sources=list(dataset.sources),
        figure_counts=counted.figure_counts,
        observation_count=len(dataset.figures),
        pairings=[p for p in overview() if p.entry.program.kind != "national"]
        if dataset.program.kind == "national"
        else [],
    )


def _headline(rows: list[AcrossRow]) -> list[AcrossRow]:
    """A program's headline fiscal aid: its latest running total, its latest sum over several years and its latest
    single year's, each the largest where two end in the same year."""
    chosen: list[AcrossRow] = []
    groups = {
        "cumulative": [r for r in rows if r.measure.kind == "cumulative"],
        "years": [r for r in rows if r.measure.kind != "cumulative" and _span(r) > 1],
        "year": [r for r in rows if r.measure.kind != "cumulative" and _span(r) == 1],
    }
    for group in groups.values():
        if group:
            chosen.append(max(group, key=lambda r: (r.observation.period.end_year, r.observation.value)))
    return chosen


def _span(row: AcrossRow) -> int:
    return row.observation.period.end_year - row.observation.period.start_year + 1


def overview() -> list[PairingOverview]:
    """Every shipped program, the national record first, with its headline fiscal aid."""
    aid = pairings.across("fiscal_aid").rows
    entries = sorted(pairings.programs().programs, key=lambda e: (e.program.kind != "national", e.program.id))
    return [
        PairingOverview(entry=e, fiscal_aid=_headline([r for r in aid if r.program.id == e.program.id]))
        for e in entries
    ]
