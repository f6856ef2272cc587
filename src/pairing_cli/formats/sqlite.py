"""The dataset as a SQLite database (the data package's tables) with a Datasette metadata file beside it.

Beside the tables: full-text search that finds Chinese words, a `figures` view (each observation with its measure and
source) and canned queries that put the figures for one measure and period side by side.

Chinese search: SQLite's unicode61 tokenizer keeps a run of Han characters as one token, so `闽宁` never matches
`闽宁镇居民`, and the trigram tokenizer needs three characters. Each search table therefore carries, beside the
original words, a column of the text's 1- to 4-character Han n-grams as space-separated tokens. Datasette sends
`_search=闽宁` as the quoted phrase `"闽宁"`, which unicode61 reads as the one token `闽宁`: one of those n-grams.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError
from ..text import web_address

if TYPE_CHECKING:
    from ..files import Target
from ..data.package import KEY, TABLES, Table
from .datapackage import Datasets, _shown, all_rows, as_list, descriptor, linked_categories

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "array": "TEXT"}


# The column of Han n-grams in each search table, and the longest n-gram it holds.
NGRAMS = "chinese_ngrams"
LONGEST_NGRAM = 4

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def han_ngrams(texts: Iterable[str | None]) -> str:
    """Every 1- to LONGEST_NGRAM-character run inside the texts' runs of Han characters, once each, space-separated:
    '闽宁镇' -> '闽 宁 镇 闽宁 宁镇 闽宁镇'."""
    seen: dict[str, None] = {}
    for text in texts:
        for run in _HAN.findall(text or ""):
            for n in range(1, LONGEST_NGRAM + 1):
                for start in range(len(run) - n + 1):
                    seen.setdefault(run[start : start + n], None)
    return " ".join(seen)


def search_table(table: Table) -> str:
    return f"{table.name}_fts"


def _fields(table: Table) -> list[str]:
    return [f.name for f in table.fields]


def _create_table(table: Table, linked: bool, compound: bool) -> str:
    """Keyed by id within one program (Datasette then links each reference to its row); by (program, id) in a
    database of several programs."""
    columns = [
        f"{_quote(f.name)} {_SQL_TYPES[f.type]}{' NOT NULL' if f.required else ''}"
        + (" PRIMARY KEY" if f.name == "id" and not compound else "")
        for f in table.fields
    ]
    if compound:
        columns.append(f"PRIMARY KEY ({', '.join(_quote(k) for k in KEY)})")
    columns += [
        (
            f"FOREIGN KEY ({_quote('program')}, {_quote(column)}) "
            f"REFERENCES {_quote(other)}({_quote('program')}, {_quote(other_column)})"
            if compound
            else f"FOREIGN KEY ({_quote(column)}) REFERENCES {_quote(other)}({_quote(other_column)})"
        )
        for column, other, other_column in table.foreign_keys
        if linked or other != "categories"
    ]
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


# Each observation with what it measures and where it was read: the table people start from.
FIGURES_VIEW = """CREATE VIEW "figures" AS
SELECT
  o.program,
  o.id,
  o.measure,
  m.label AS measure_label,
  m.label_zh AS measure_label_zh,
  m.concept,
  o.value,
  o.unit,
  o.qualifier,
  o.period_label,
  o.period_start_year,
  o.period_end_year,
  o.scope,
  o.as_stated,
  o.basis,
  o.locator,
  o.source,
  s.publisher AS source_publisher,
  s.title AS source_title,
  s.title_en AS source_title_en,
  s.date AS source_date,
  CASE
    WHEN s.outlet_url IS NOT NULL THEN s.outlet_url
    WHEN s.spam_site THEN NULL
    ELSE s.url
  END AS source_url
FROM observations o
JOIN measures m ON m.program = o.program AND m.id = o.measure
JOIN sources s ON s.program = o.program AND s.id = o.source"""


def sqlite_statements(datasets: Datasets) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(SQL, rows) to build the database: tables with keys, indexes, rows, full-text search tables, the view."""
    table_rows = all_rows(datasets)
    linked = linked_categories(datasets)
    compound = len(as_list(datasets)) > 1
    out: list[tuple[str, list[tuple[Any, ...]]]] = [(_create_table(t, linked, compound), []) for t in TABLES]
    for t in TABLES:  # rows in dependency order: TABLES lists a table after those it refers to
        names = _fields(t)
        # rowid 1..n in row order: each search table's row carries its table row's rowid
        values = [
            (rowid, *(_sql_value(row[n]) for n in names)) for rowid, row in enumerate(table_rows[t.name], start=1)
        ]
        columns = ", ".join(["rowid", *(_quote(n) for n in names)])
        placeholders = ", ".join("?" for _ in range(len(names) + 1))
        out.append((f"INSERT INTO {_quote(t.name)} ({columns}) VALUES ({placeholders})", values))
        for column in t.indexed:
            out.append((f"CREATE INDEX {_quote(f'idx_{t.name}_{column}')} ON {_quote(t.name)}({_quote(column)})", []))
        if t.searched:
            fts = search_table(t)
            cols = [_quote(c) for c in (*t.searched, NGRAMS)]
            out.append((f"CREATE VIRTUAL TABLE {_quote(fts)} USING fts5({', '.join(cols)}, tokenize='unicode61')", []))
            found = [
                (rowid, *(row[c] for c in t.searched), han_ngrams(row[c] for c in t.searched))
                for rowid, row in enumerate(table_rows[t.name], start=1)
            ]
            marks = ", ".join("?" for _ in range(len(cols) + 1))
            out.append((f"INSERT INTO {_quote(fts)} (rowid, {', '.join(cols)}) VALUES ({marks})", found))
    out.append((FIGURES_VIEW, []))
    return out


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


# Canned queries: what `pairing compare` and `pairing across` ask, for people browsing in Datasette.
QUERIES: dict[str, dict[str, str]] = {
    "compare": {
        "title": "Compare: the figures for one measure and period, side by side",
        "description": "Every measure, period and unit that more than one figure is given for: how many sources, "
        "the lowest and highest value, and each figure as printed with its outlet.",
        "sql": """SELECT
  o.program,
  o.measure,
  m.label AS measure_label,
  o.period_label,
  o.period_start_year,
  o.period_end_year,
  o.unit,
  count(*) AS figures,
  count(DISTINCT o.source) AS sources,
  min(o.value) AS lowest,
  max(o.value) AS highest,
  max(o.value) - min(o.value) AS gap,
  group_concat(s.publisher || ' (' || s.date || '): ' || o.as_stated, ' | ') AS as_stated
FROM observations o
JOIN measures m ON m.program = o.program AND m.id = o.measure
JOIN sources s ON s.program = o.program AND s.id = o.source
GROUP BY o.program, o.measure, o.unit, o.period_start_year, o.period_end_year
HAVING count(*) > 1
ORDER BY o.program, o.measure, o.period_start_year, o.period_end_year""",
    },
    "measure_by_period": {
        "title": "One measure, period by period",
        "description": "Every figure for a measure (its id, as in the measures table), in period order, with its "
        "source: a measure's record over time.",
        "sql": """SELECT
  program, period_label, period_start_year, period_end_year, value, unit, qualifier, as_stated, scope,
  source_publisher, source_date, source_url, id
FROM figures
WHERE measure = :measure
ORDER BY program, period_end_year, period_start_year, source_date""",
    },
    "across": {
        "title": "Across programs: one concept",
        "description": "The programs lined up on one concept that their measures share (fiscal_aid, officials_sent, "
        "projects, ...): one row per figure, with its basis and period.",
        "sql": """SELECT
  program, measure, measure_label, value, unit, qualifier, basis, period_label, period_start_year,
  period_end_year, as_stated, source_publisher, source_date, source_url
FROM figures
WHERE concept = :concept
ORDER BY period_start_year, period_end_year, program""",
    },
}


def _sources_html(datasets: Datasets) -> str:
    """Each source once, linked once (to the address cited; a copy on a spam site is never linked)."""
    items = []
    for dataset in as_list(datasets):
        for s in dataset.sources:
            label = html.escape(f"{s.publisher}: {s.shown_title} ({s.date})")
            url = web_address(s.cited_url)
            body = f'<a href="{html.escape(url)}">{label}</a>' if url else label
            items.append(f"<li>{body} <code>{html.escape(dataset.program.id)}/{html.escape(s.id)}</code></li>")
    return "<ul>" + "".join(items) + "</ul>"


def datasette_metadata(datasets: Datasets, database: str) -> dict[str, Any]:
    """FILE.metadata.json for `datasette FILE -m FILE.metadata.json`: title, licence, sources (each linked once),
    column notes, Chinese full-text search, the figures view and the canned queries.

    No column has a unit: Datasette would read period years in "year" as quantities (2020 as "2.02 ka"), and a
    value's unit is given row by row in its `unit` column."""
    every = as_list(datasets)
    package = descriptor(every)
    main = every[0]
    main_source = next((s for s in main.sources if s.id == main.program.source), None)
    tables: dict[str, Any] = {
        t.name: {
            "title": t.title,
            "description": t.description,
            "columns": {f.name: f.description for f in t.fields},
            **({"fts_table": search_table(t), "fts_pk": "rowid", "searchmode": "escaped"} if t.searched else {}),
        }
        for t in TABLES
    }
    tables["sources"]["description_html"] = f"<p>{html.escape(TABLES[0].description)}</p>{_sources_html(every)}"
    for t in TABLES:
        if t.searched:
            tables[search_table(t)] = {"hidden": True}
    observations = tables["observations"]["columns"]
    tables["figures"] = {
        "title": "Figures",
        "description": "Each observation with its measure and its source: what was counted, the value and unit, "
        "the period, the figure as printed, and the one address to cite.",
        "columns": {
            **{k: v for k, v in observations.items() if k in _FIGURES_COLUMNS},
            "measure_label": "What is counted",
            "measure_label_zh": "What is counted, in Chinese",
            "concept": "What the measure shares with other programs' (fiscal_aid, officials_sent, ...)",
            "source_publisher": "Outlet that published the figure",
            "source_title": "Headline as printed",
            "source_title_en": "Headline in English, for one in another language",
            "source_date": "Date the source was published",
            "source_url": "The address to cite: the outlet's own where known; none for a copy on a spam site",
        },
    }
    return {
        "title": package["title"],
        "description": package["description"],
        "license": "MIT (structure and statements); figures are facts from the sources listed",
        "license_url": "https://opensource.org/licenses/MIT",
        "source": (
            f"{main_source.publisher}: {main_source.shown_title} ({main_source.date}); every source: the sources table"
            if main_source is not None
            else "Every source is listed in the sources table"
        ),
        "source_url": web_address(main_source.cited_url) if main_source is not None else None,
        "databases": {database: {"tables": tables, "queries": QUERIES}},
    }


_FIGURES_COLUMNS = (
    "program",
    "id",
    "measure",
    "value",
    "unit",
    "qualifier",
    "period_label",
    "period_start_year",
    "period_end_year",
    "scope",
    "as_stated",
    "basis",
    "locator",
    "source",
)


def metadata_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.metadata.json")


def sqlite_outputs(datasets: Datasets, database: Path, option: str) -> list[Target]:
    """The database and its metadata file, as outputs of a run (files.write_outputs): both are made whole before
    either is moved into place."""
    import contextlib
    import os
    import sqlite3

    from ..files import Target, filled_with

    def fill(temporary: str) -> None:
        connection = sqlite3.connect(os.fsencode(temporary))  # bytes: a file name need not be UTF-8
        try:
            # A database made whole in a temporary file needs no journal on disk: a failed build discards the file
            # (a journal on a full disk was left behind).
            connection.execute("PRAGMA journal_mode = MEMORY")
            connection.execute("PRAGMA foreign_keys = ON")
            with connection:
                for sql, values in sqlite_statements(datasets):
                    if "?" in sql:  # an INSERT, of rows or of none
                        connection.executemany(sql, values)
                    else:
                        connection.execute(sql)
            problems = connection.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise sqlite3.IntegrityError(f"foreign key check failed in {problems[0][0]}")
        except sqlite3.Error as e:  # a full disk says so here too ('database or disk is full')
            raise DataError(str(database), f"cannot build the database: {e}") from None
        finally:
            connection.close()
            with contextlib.suppress(OSError):
                os.remove(os.fsencode(temporary) + b"-journal")

    text = json.dumps(datasette_metadata(datasets, _shown(database.stem)), ensure_ascii=False, indent=2) + "\n"
    return [Target(database, fill, option), Target(metadata_path(database), filled_with(text.encode("utf-8")), option)]
