"""What several queries share: titles with their defaults, the sources a result cites, the yuan per dollar a
source implies, and finding a figure or measure by id (with close matches when none fits).
"""

from __future__ import annotations

import difflib
from fractions import Fraction
from typing import TypedDict

from .. import derive
from ..data.models import Dataset, Source
from ..errors import QueryError
from ..results import FigureRow


class Titles(TypedDict):
    title: str
    title_zh: str


def titled(dataset: Dataset, title: str, title_zh: str) -> Titles:
    """A report's title after the program's name, in English and Chinese."""
    return {
        "title": f"{dataset.program.name}: {title}",
        "title_zh": f"{dataset.program.name_zh or dataset.program.name}：{title_zh}",
    }


def cited_sources(dataset: Dataset, source_ids: set[str], *, main: bool = True) -> list[Source]:
    """The sources a report draws on (and, with main, the program's own), in dataset order."""
    used = source_ids | {dataset.program.source} if main else source_ids
    return [s for s in dataset.sources if s.id in used]


def row_sources(rows: list[FigureRow]) -> set[str]:
    """Every source the rows rest on (a derived row rests on each of its inputs' sources)."""
    return {s for r in rows for s in (r.sources or [r.source])}


Basis = tuple[str, str] | None  # what a rate rests on, in English and in Chinese


def yuan_per_usd(dataset: Dataset, rate: Fraction | None) -> tuple[Fraction | None, Basis]:
    """The exchange rate to use and what it rests on: --rate if given, else the one the source implies."""
    if rate is not None:
        return rate, ("given with --rate", "由 --rate 给定")
    stated = derive.stated_rate(dataset)
    if stated is None:
        return None, None
    basis = f"implied by the source's '{stated.as_stated}'" + (f": {stated.note}" if stated.note else "")
    note_zh = stated.note_zh or stated.note
    basis_zh = f"按来源所述“{stated.as_stated}”推算" + (f"：{note_zh}" if note_zh else "")
    return derive.implied_yuan_per_usd(stated), (basis, basis_zh)


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
