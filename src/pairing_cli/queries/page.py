"""The report page's content: every view, comparison, trend, measure, the timeline and the sources, for one program."""

from __future__ import annotations

from ..data.models import Dataset
from ..results import (
    Report,
)
from . import figures, sources, views
from .compare import _figure_year, compare
from .trend import trend


def report(dataset: Dataset) -> Report:
    """Everything the page shows: the summary view, compare, a trend for each measure observed at two or more
    times, every measure with its observations, the timeline and the sources."""
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
    )
