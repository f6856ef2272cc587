"""What several queries share: titles with their defaults, the sources a result cites, the yuan per dollar a
source implies, and finding a figure or measure by id (with close matches when none fits).
"""

from __future__ import annotations

import difflib
from fractions import Fraction

from .. import derive
from ..data.models import Dataset, Source
from ..errors import QueryError
from ..results import FigureRow
from ..text import Note, localised


def titled(dataset: Dataset, title: Note) -> Note:
    """A report's title after the program's name ('Fujian–Ningxia pairing-up program: funding'), to be said in
    English or Chinese."""
    program = dataset.program
    return Note("{program}: {title}", program=data_text(program.name, program.name_zh), title=title)


def data_text(text: str, text_zh: str | None) -> Note:
    """A data text and its Chinese (the text itself where it has none), to be said in either language."""
    return Note.both(text, localised(text, text_zh, "zh"))


def counted(count: int, one: str, many: str) -> Note:
    """A count with its noun ('1 figure', '12 figures'): the phrasebook's template for one or for many."""
    return Note(one if count == 1 else many, count=str(count))


def cited_sources(dataset: Dataset, source_ids: set[str], *, main: bool = True) -> list[Source]:
    """The sources a report draws on (and, with main, the program's own), in dataset order."""
    used = source_ids | {dataset.program.source} if main else source_ids
    return [s for s in dataset.sources if s.id in used]


def row_sources(rows: list[FigureRow]) -> set[str]:
    """Every source the rows rest on (a derived row rests on each of its inputs' sources)."""
    return {s for r in rows for s in (r.sources or [r.source])}


def yuan_per_usd(dataset: Dataset, rate: Fraction | None) -> tuple[Fraction | None, Note | None]:
    """The exchange rate to use and what it rests on: --rate if given, else the one the source implies."""
    if rate is not None:
        return rate, Note("given with --rate")
    stated = derive.stated_rate(dataset)
    if stated is None:
        return None, None
    if stated.note:
        note = data_text(stated.note, stated.note_zh)
        basis = Note("implied by the source's '{stated}': {note}", stated=stated.as_stated, note=note)
    else:
        basis = Note("implied by the source's '{stated}'", stated=stated.as_stated)
    return derive.implied_yuan_per_usd(stated), basis


def _matches(row: FigureRow, needle: str) -> bool:
    """Case-insensitive search in a figure's id, labels, statements and quote."""
    haystack = (row.id, row.label, row.label_zh, row.statement, row.statement_zh, row.quote, row.as_stated)
    return any(needle in text.casefold() for text in haystack if text)


def closest_ids(wanted: str, ids: list[str]) -> list[str]:
    """The ids most like a mistyped one: close spellings first, then ids that contain it."""
    close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
    containing = [i for i in ids if wanted and wanted.casefold() in i and i not in close]
    return (close + containing)[:3]


def find(dataset: Dataset, figure_id: str, others: list[str] | None = None, what: str = "figure") -> FigureRow:
    """The figure (stored or derived) with this id; a QueryError naming the closest ids (of figures, and of the
    other ids the command takes) when there is none."""
    row = derive.build(dataset, lambda i, _: i == figure_id).find(figure_id)
    if row is None:
        suggestions = closest_ids(figure_id, [*derive.build(dataset).ids, *(others or [])])
        hint = f"; did you mean {' or '.join(suggestions)}?" if suggestions else "; 'pairing facts' lists them"
        raise QueryError("figure_id", f"no {what} '{figure_id}'{hint}")
    return row
