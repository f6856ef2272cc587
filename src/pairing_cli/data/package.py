"""The data package's tables, described once (TABLES), and reading a package back into a dataset document.

The writer (formats.datapackage) and the SQLite export (formats.sqlite) use the same description. Nested values
(a period, the inputs of a derivation) are flattened into columns and JSON arrays, and what is no table (the
program, the views, the stated conversions, the industries) travels in datapackage.json under "pairing".
"""

from __future__ import annotations

import csv
import io
import json
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from ..errors import DataError
from ..text import restore_formula
from .models import DerivationKind

if TYPE_CHECKING:
    from ..files import ReadBudget


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, array
    description: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    # (column, table it refers to, that table's column)
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    # columns people filter by, indexed in SQLite; columns searched in full text
    indexed: tuple[str, ...] = ()
    searched: tuple[str, ...] = ()


def _f(name: str, kind: str, description: str, required: bool = False) -> Field:
    return Field(name, kind, description, required)


# Every table's first column: the program a row belongs to. One export may hold every program (`export --all`), so
# a row is keyed by (program, id) and a reference names the program too.
PROGRAM = _f("program", "string", "Program id (fujian-ningxia, national, ...; `pairing programs` lists them)", True)


KEY = ("program", "id")


_PERIOD = (
    _f("period_label", "string", "The period as the source words it", True),
    _f("period_label_zh", "string", "The period in Chinese"),
    _f("period_start_year", "integer", "First year the figure covers", True),
    _f("period_end_year", "integer", "Last year the figure covers", True),
    _f("period_stated", "boolean", "False where the source implies the period rather than stating it", True),
    _f("period_note", "string", "How the period was read"),
    _f("period_note_zh", "string", "The note in Chinese"),
    _f("period_approximate", "boolean", "True where the year is uncertain: start..end is the range it may describe"),
)


DERIVATION_KINDS = ", ".join(get_args(DerivationKind))


QUALIFIERS = "exact, more_than ('more than', '多'), over, about, nearly, at_least"


TABLES: tuple[Table, ...] = (
    Table(
        "sources",
        "Sources",
        "The pages the figures were read in: outlet, headline, date, language and the address read.",
        (
            PROGRAM,
            _f("id", "string", "Source id", True),
            _f("title", "string", "Headline as printed (empty where the copy read shows none)"),
            _f("title_en", "string", "English translation of a headline in another language"),
            _f("publisher", "string", "Outlet that published it (the original one, for a republication)", True),
            _f("publisher_zh", "string", "Outlet in Chinese"),
            _f("site", "string", "The outlet's site"),
            _f("section", "string", "Section of the site"),
            _f("date", "string", "Date as printed (YYYY-MM-DD), or YYYY where inferred", True),
            _f("date_kind", "string", "published, updated or inferred", True),
            _f("language", "string", "Language of the page: en or zh"),
            _f("url", "string", "Address the page was read at"),
            _f("republished_by", "string", "Site whose copy was read, for a republication"),
            _f("outlet_url", "string", "The outlet's own address, where known"),
            _f("spam_site", "boolean", "True where the copy read sits on a site carrying spam (never linked)"),
            _f("origin", "string", "Shared by sources that carry one report (a translation, a rewrite)"),
            _f("byline", "string", "Byline as printed"),
            _f("note", "string", "What a reader of the citation should know"),
        ),
        indexed=("publisher", "date"),
        searched=("title", "title_en", "publisher", "publisher_zh", "note"),
    ),
    Table(
        "categories",
        "Categories",
        "Groups of measures (poverty, funding, ...).",
        (
            PROGRAM,
            _f("id", "string", "Category id", True),
            _f("label", "string", "Name", True),
            _f("label_zh", "string", "Name in Chinese"),
        ),
    ),
    Table(
        "units",
        "Count units",
        "The nouns counts are in, with their Chinese measure words; money, area, length and percent are not listed.",
        (
            PROGRAM,
            _f("id", "string", "Unit id", True),
            _f("label", "string", "The plural noun", True),
            _f("label_zh", "string", "Chinese measure word or noun"),
        ),
    ),
    Table(
        "measures",
        "Measures",
        "What is counted; each measure has observations from one or more sources.",
        (
            PROGRAM,
            _f("id", "string", "Measure id", True),
            _f("label", "string", "What is counted", True),
            _f("label_zh", "string", "What is counted, in Chinese"),
            _f("category", "string", "Category id", True),
            _f("unit", "string", "Unit comparisons and trends are shown in", True),
            _f(
                "kind",
                "string",
                "stock (a level at a date), flow (within a period) or cumulative (a running total)",
                True,
            ),
            _f("concept", "string", "What the measure shares with other programs' (fiscal_aid, officials_sent, ...)"),
            _f("note", "string", "What exactly is counted, and what is not"),
            _f("note_zh", "string", "The note in Chinese"),
            _f("related", "array", "Measures that look alike but count something else (JSON array of ids)"),
        ),
        foreign_keys=(("category", "categories", "id"),),
        indexed=("category",),
        searched=("label", "label_zh", "note", "note_zh"),
    ),
    Table(
        "observations",
        "Observations",
        "One source's figure for one measure: value in base units, unit, qualifier, period, scope, the figure as "
        "printed and where in the page.",
        (
            PROGRAM,
            _f("id", "string", "Observation id (what `pairing show` and `pairing cite` take)", True),
            _f("measure", "string", "Measure id", True),
            _f("value", "number", "Value in base units (yuan, km, mu, hectare, percent, or the count unit)", True),
            _f("unit", "string", "Unit of the value: yuan, usd, percent, km, mu, hectare, ... or a count unit", True),
            _f("qualifier", "string", f"How the source qualifies the figure: {QUALIFIERS}", True),
            *_PERIOD,
            _f("scope", "string", "Where, or whom, the figure covers", True),
            _f("scope_zh", "string", "The scope in Chinese"),
            _f("source", "string", "Source id", True),
            _f("as_stated", "string", "The figure exactly as printed", True),
            _f("locator", "string", "Where in the source: 'paragraph 4'"),
            _f("statement", "string", "The figure as a short phrase, in the dataset's own words"),
            _f("statement_zh", "string", "The statement in Chinese"),
            _f("quote", "string", "A verbatim sentence, kept only where the source may be quoted"),
            _f("label", "string", "This observation's own label, where it differs from the measure's"),
            _f("label_zh", "string", "Its own label in Chinese"),
            _f("part_of", "string", "Id of the observation this one is a part of"),
            _f("note", "string", "What a fact-checker needs to know"),
            _f(
                "as_of",
                "string",
                "The figure's own date (YYYY, YYYY-MM or YYYY-MM-DD) where it differs from the period's",
            ),
            _f("basis", "string", "For money: planned, agreed, allocated or disbursed"),
            _f(
                "programme", "string", "Where a figure is not (only) East–West aid: counterpart support, reconstruction"
            ),
            _f("level", "string", "The giver's administrative level: province, city or county"),
        ),
        foreign_keys=(
            ("measure", "measures", "id"),
            ("source", "sources", "id"),
            ("part_of", "observations", "id"),
        ),
        indexed=("measure", "source", "period_end_year", "qualifier"),
        searched=("as_stated", "statement", "statement_zh", "label", "label_zh", "scope", "note"),
    ),
    Table(
        "derivations",
        "Derivations",
        "Figures computed from others when asked, never stored: the kind of computation and its inputs.",
        (
            PROGRAM,
            _f("id", "string", "Derived figure id", True),
            _f("kind", "string", f"One of: {DERIVATION_KINDS}", True),
            _f("inputs", "array", "Ids of its inputs, in order (JSON array)", True),
            _f("label", "string", "What it is", True),
            _f("label_zh", "string", "What it is, in Chinese"),
            _f("category", "string", "Category id (default: its last input's)"),
            _f("to_unit", "string", "For a conversion: the unit converted to"),
        ),
    ),
    Table(
        "events",
        "Events",
        "Dated events the sources give, each with the figures that belong to it.",
        (
            PROGRAM,
            _f("id", "string", "Event id", True),
            _f("year", "integer", "Year", True),
            _f("month", "integer", "Month, where known"),
            _f("day", "integer", "Day, where known"),
            _f("when", "string", "The date as the source words it", True),
            _f("when_zh", "string", "The date in Chinese"),
            _f("stated", "boolean", "False where the source implies the date", True),
            _f("label", "string", "What happened", True),
            _f("label_zh", "string", "What happened, in Chinese"),
            _f("figures", "array", "Ids of its figures (JSON array)"),
            _f("quote", "string", "A verbatim sentence, only where the source may be quoted"),
            _f("locator", "string", "Where in the source"),
            _f("source", "string", "Source id", True),
            _f("note", "string", "Note"),
        ),
        foreign_keys=(("source", "sources", "id"),),
        indexed=("year",),
    ),
)


PERIOD_KEYS = ("label", "label_zh", "start_year", "end_year", "stated", "note", "note_zh", "approximate")


# What is no table travels in datapackage.json under this key.
EXTRA_KEY = "pairing"


# Under EXTRA_KEY in a package of several programs (`export --all`): a list of each program's extra document.
PROGRAMS_KEY = "programs"


_EXTRA_FIELDS = ("schema_version", "program", "views", "conversions", "industries")


_JSON_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")


_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _typed(field: Field, text: str, where: str) -> Any:
    if text == "":
        return [] if field.type == "array" and field.required else None
    try:
        if field.type == "integer":
            if not _JSON_INTEGER.fullmatch(text):
                raise ValueError
            return int(text)
        if field.type == "number":
            if not _JSON_NUMBER.fullmatch(text):
                raise ValueError
            return json.loads(text)
        if field.type == "boolean":
            return {"true": True, "false": False}[text.strip().lower()]
        if field.type == "array":
            value = json.loads(text)
            if not isinstance(value, list):
                raise ValueError
            return value
        return restore_formula(text)
    except (ValueError, KeyError, RecursionError):  # RecursionError: an array nested thousands deep
        raise DataError(where, f"'{text[:40]}' is not a valid {field.type}") from None


def _read_table(folder: Path, table: Table, package_name: str, budget: ReadBudget) -> list[dict[str, Any]]:
    from ..files import protect, read_bytes

    path = folder / f"{table.name}.csv"
    protect(path)  # a table of the dataset being read: no export of this run replaces it
    if not (path.exists() or path.is_symlink()):
        raise DataError(package_name, f"the resource '{table.name}' has no file {path.name} beside it")
    _check_own_file(path, folder)
    # As the dataset file itself is read: a regular file or a pipe, of a sane size, never a device or a FIFO's wait.
    try:
        text = read_bytes(path, budget).decode("utf-8").removeprefix("\ufeff")  # a BOM: Excel's "CSV UTF-8"
    except UnicodeDecodeError as e:
        raise DataError(str(path), f"cannot read: not UTF-8 ({e.reason} at byte {e.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _rows(reader, table, path)
    except csv.Error as e:  # a cell over the csv module's field limit (128 KiB), a NUL byte
        raise DataError(str(path), f"not a readable CSV table: {e}") from None


def _check_own_file(path: Path, folder: Path) -> None:
    """A table is a regular file of the package's own folder: a symlink may lead to another file there, never out
    of it (to another package's table, or /proc/self/environ), and never to a device, a FIFO or a folder."""
    try:
        real = path.resolve(strict=True)
        inside = real.parent == folder.resolve(strict=True)
        regular = stat.S_ISREG(real.stat().st_mode)
    except (OSError, RuntimeError) as e:  # RuntimeError: a symlink loop
        raise DataError(str(path), f"cannot read: {getattr(e, 'strerror', None) or 'a symlink loop'}") from None
    if not inside:
        raise DataError(str(path), "leads outside the package folder; a table must be a file of the package itself")
    if not regular:
        raise DataError(str(path), "is not a regular file; a table must be a file of the package itself")


# A column name worth showing in an error: a name, never a line of whatever file this is.
_COLUMN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def _rows(reader: Any, table: Table, path: Path) -> list[dict[str, Any]]:
    header: list[str] = next(reader, [])
    fields = {f.name: f for f in table.fields}
    unknown = [(n, h) for n, h in enumerate(header, start=1) if h not in fields]
    if unknown:
        n, name = unknown[0]
        shown = f" '{name}'" if _COLUMN_NAME.fullmatch(name) else ""
        raise DataError(str(path), f"unknown column {n}{shown}; the columns are {', '.join(fields)}")
    twice = next((n for n, h in enumerate(header, start=1) if h in header[: n - 1]), None)
    if twice is not None:
        raise DataError(str(path), f"column {twice} '{header[twice - 1]}' is named twice in the header")
    out = []
    first_line: dict[str, int] = {}  # each id -> the line it is first on: an id twice is refused, never overwritten
    for line, cells in enumerate(reader, start=2):
        if len(cells) != len(header):
            raise DataError(str(path), f"{len(cells)} cells where the header has {len(header)}", f"line {line}")
        row = {}
        for name, cell in zip(header, cells, strict=True):
            value = _typed(fields[name], cell, f"{path}: line {line}, column {name}")
            if value is not None:
                row[name] = value
        row_id = row.get("id")
        if isinstance(row_id, str):
            if row_id in first_line:
                where = f"line {line}"
                raise DataError(
                    str(path), f"the id '{row_id}' is used more than once (first on line {first_line[row_id]})", where
                )
            first_line[row_id] = line
        out.append(row)
    return out


def read(descriptor_doc: dict[str, Any], folder: Path, package_name: str) -> dict[str, Any]:
    """A data package written by `pairing export --datapackage` as a dataset document; a package of several
    programs (`export --all`) is refused in one line: a dataset is one program."""
    extra = descriptor_doc.get(EXTRA_KEY)
    if not isinstance(extra, dict):
        raise DataError(package_name, f"a data package without '{EXTRA_KEY}' was not written by pairing export")
    programs = extra.get(PROGRAMS_KEY)
    if isinstance(programs, list):  # `export --all`: every program's tables in one package
        if len(programs) != 1 or not isinstance(programs[0], dict):
            ids = [p.get("program", {}).get("id", "?") for p in programs if isinstance(p, dict)]
            shown = ", ".join(str(i) for i in ids[:12]) + (", ..." if len(ids) > 12 else "")
            raise DataError(
                package_name,
                f"holds {len(programs)} programs ({shown}) and pairing reads one at a time; "
                "export one with 'pairing --program ID export --datapackage DIR'",
            )
        extra = programs[0]
    from ..files import ReadBudget

    budget = ReadBudget()  # one size limit for the whole package, as for one file
    tables = {t.name: _read_table(folder, t, package_name, budget) for t in TABLES}
    for table in tables.values():
        for row in table:
            row.pop("program", None)  # one program here (checked above): the column says nothing more
    measures = {m["id"]: {**m, "observations": []} for m in tables["measures"] if isinstance(m.get("id"), str)}
    for o in tables["observations"]:
        period = {key: o.pop(f"period_{key}") for key in PERIOD_KEYS if f"period_{key}" in o}  # fmt: skip
        o["period"] = period
        measure = measures.get(o.pop("measure", None))
        if measure is None:
            raise DataError(package_name, f"observation '{o.get('id')}' names no known measure")
        measure["observations"].append(o)
    return {
        **{k: extra[k] for k in _EXTRA_FIELDS if k in extra},
        "sources": tables["sources"],
        "categories": tables["categories"],
        "units": tables["units"],
        "measures": list(measures.values()),
        "derivations": tables["derivations"],
        "events": tables["events"],
    }
