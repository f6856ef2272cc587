"""sources, cite and timeline: the program's sources, a citation for a figure, and its events in order."""

from __future__ import annotations

from .. import derive
from ..data.models import Dataset
from ..results import (
    Citation,
    SourcesReport,
    Timeline,
    TimelineEntry,
)
from ..text import Note
from .common import cited_sources, find, titled


def sources(dataset: Dataset) -> SourcesReport:
    counts = dict.fromkeys(dataset.sources_by_id, 0)
    for f in dataset.figures:
        counts[f.source] = counts.get(f.source, 0) + 1
    return SourcesReport("sources", list(dataset.sources), counts)


def cite(dataset: Dataset, style: str, figure_id: str | None = None) -> Citation:
    """A citation of the program's source, of one source by its id, or of one figure with the source that states it."""
    if figure_id is not None and figure_id in dataset.sources_by_id and figure_id not in dataset.figures_by_id:
        return Citation("cite", style, dataset.source(figure_id), dataset.program, None)
    figure = None if figure_id is None else find(dataset, figure_id, list(dataset.sources_by_id), "figure or source")
    if figure is None:
        return Citation("cite", style, dataset.source(dataset.program.source), dataset.program)
    # A derived figure cites every source its inputs come from, the first of them first.
    ids = [s for s in figure.sources if s in dataset.sources_by_id] or [figure.source]
    first, *rest = [dataset.source(s) for s in ids]
    return Citation("cite", style, first, dataset.program, figure, rest)


def timeline(dataset: Dataset) -> Timeline:
    """The dated events of every source in date order (a stable sort keeps the dataset's order within a date)."""
    wanted = {figure_id for event in dataset.events for figure_id in event.figures}
    everything = derive.build(dataset, lambda i, _: i in wanted)
    entries = [
        TimelineEntry(event, [row for figure_id in event.figures if (row := everything.find(figure_id))])
        for event in sorted(dataset.events, key=lambda e: e.sort_key)
    ]
    return Timeline(
        command="timeline",
        title=titled(dataset, Note("timeline")),
        program=dataset.program,
        sources=cited_sources(dataset, {e.event.source for e in entries}),
        events=entries,
    )
