"""The pairings side by side: every shipped program in a list, and one concept (fiscal aid, officials sent, ...)
lined up across them. Reads every program's file; a single program's commands never come here."""

from __future__ import annotations

from pathlib import Path

from ..data.models import Dataset
from ..data.vocabulary import BASES, CONCEPTS
from ..errors import QueryError
from ..results import AcrossReport, AcrossRow, ProgramEntry, ProgramsReport


def _all() -> list[tuple[Dataset, Path]]:
    from ..data import load
    from ..data.programs import shipped

    return [(load.load(path), path) for path in shipped().values()]


def programs() -> ProgramsReport:
    """Every shipped program: its partners, how many sources and observations, and the years its figures cover."""
    entries = []
    for loaded, _ in _all():
        years = [int(f.as_of[:4]) if f.as_of else f.period.end_year for f in loaded.figures]
        entries.append(
            ProgramEntry(
                program=loaded.program,
                sources=len(loaded.sources),
                observations=len(loaded.figures),
                first_year=min(years) if years else None,
                last_year=max(years) if years else None,
            )
        )
    return ProgramsReport(command="programs", programs=entries)


def _order(r: AcrossRow) -> tuple[bool, str, str, int, int]:
    """The national record first, then the programs by id; within one, by kind and period."""
    period = r.observation.period
    return (r.program.kind != "national", r.program.id, r.measure.kind, period.start_year, period.end_year)


def across(concept: str, period: tuple[int, int] | None = None, basis: str | None = None) -> AcrossReport:
    """Every program's figures for one concept, program by program, in the order of their periods; only those
    within a period (start and end years inside it) or of one basis where asked."""
    if concept not in CONCEPTS:
        raise QueryError("concept", f"no concept '{concept}'; the concepts are {', '.join(CONCEPTS)}")
    if basis is not None and basis not in BASES:
        raise QueryError("basis", f"no basis '{basis}'; the bases are {', '.join(BASES)}")
    rows: list[AcrossRow] = []
    units: set[str] = set()
    for loaded, _ in _all():
        for m in loaded.measures:
            if m.concept != concept:
                continue
            for o in m.observations:
                if period is not None and not (period[0] <= o.period.start_year and o.period.end_year <= period[1]):
                    continue
                if basis is not None and o.basis != basis:
                    continue
                units.add(m.unit)
                source = loaded.source(o.source)
                rows.append(AcrossRow(program=loaded.program, measure=m, observation=o, source=source))
    rows.sort(key=_order)
    return AcrossReport(
        command="across",
        concept=concept,
        unit=next(iter(units)) if len(units) == 1 else None,
        period=period,
        basis=basis,
        rows=rows,
        bases_differ=len({r.observation.basis for r in rows}) > 1,
        periods_differ=len({(r.observation.period.start_year, r.observation.period.end_year) for r in rows}) > 1,
    )
