"""The dataset as a SQLite database (the data package's tables) with a Datasette metadata file beside it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.models import Dataset
from ..errors import DataError
from ..text import web_address

if TYPE_CHECKING:
    from ..files import Target
from ..data.package import TABLES
from .datapackage import _shown, descriptor, rows

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "array": "TEXT"}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_statements(dataset: Dataset) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """(SQL, rows) to build the database: tables with keys, indexes, rows, full-text search tables."""
    table_rows = rows(dataset)
    out: list[tuple[str, list[tuple[Any, ...]]]] = []
    for t in TABLES:
        columns = [
            f"{_quote(f.name)} {_SQL_TYPES[f.type]}{' NOT NULL' if f.required else ''}"
            + (" PRIMARY KEY" if f.name == "id" else "")
            for f in t.fields
        ]
        columns += [
            f"FOREIGN KEY ({_quote(column)}) REFERENCES {_quote(other)}({_quote(other_column)})"
            for column, other, other_column in t.foreign_keys
            if not (other == "categories" and not dataset.categories)
        ]
        out.append((f"CREATE TABLE {_quote(t.name)} (\n  " + ",\n  ".join(columns) + "\n)", []))
    for t in TABLES:  # rows in dependency order: TABLES lists a table after those it refers to
        names = [f.name for f in t.fields]
        values = [tuple(_sql_value(row[n]) for n in names) for row in table_rows[t.name]]
        placeholders = ", ".join("?" for _ in names)
        out.append((f"INSERT INTO {_quote(t.name)} VALUES ({placeholders})", values))
        for column in t.indexed:
            out.append((f"CREATE INDEX {_quote(f'idx_{t.name}_{column}')} ON {_quote(t.name)}({_quote(column)})", []))
        if t.searched:
            fts = f"{t.name}_fts"
            cols = ", ".join(_quote(c) for c in t.searched)
            out.append((f"CREATE VIRTUAL TABLE {_quote(fts)} USING fts5({cols}, content={_quote(t.name)})", []))
            out.append((f"INSERT INTO {_quote(fts)} (rowid, {cols}) SELECT rowid, {cols} FROM {_quote(t.name)}", []))
    return out


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


_YEAR_UNITS = {"units": {"period_start_year": "year", "period_end_year": "year"}}


def datasette_metadata(dataset: Dataset, database: str) -> dict[str, Any]:
    """FILE.metadata.json for `datasette FILE -m FILE.metadata.json`: title, licence, sources, column notes."""
    package = descriptor(dataset)
    return {
        "title": package["title"],
        "description": package["description"],
        "license": "MIT (structure and statements); figures are facts from the sources listed",
        "license_url": "https://opensource.org/licenses/MIT",
        "source": "; ".join(s["title"] for s in package["sources"]),
        "source_url": next((web_address(s.cited_url) for s in dataset.sources if s.id == dataset.program.source), None),
        "databases": {
            database: {
                "tables": {
                    t.name: {
                        "title": t.title,
                        "description": t.description,
                        "columns": {f.name: f.description for f in t.fields},
                        **(_YEAR_UNITS if t.name == "observations" else {}),
                    }
                    for t in TABLES
                }
            }
        },
    }


def metadata_path(database: Path) -> Path:
    return database.with_name(f"{database.name}.metadata.json")


def sqlite_outputs(dataset: Dataset, database: Path, option: str) -> list[Target]:
    """The database and its metadata file, as outputs of a run (files.write_outputs): both are made whole before
    either is moved into place."""
    import os
    import sqlite3

    from ..files import Target, filled_with

    def fill(temporary: str) -> None:
        connection = sqlite3.connect(os.fsencode(temporary))  # bytes: a file name need not be UTF-8
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            with connection:
                for sql, values in sqlite_statements(dataset):
                    if values:
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

    text = json.dumps(datasette_metadata(dataset, _shown(database.stem)), ensure_ascii=False, indent=2) + "\n"
    return [Target(database, fill, option), Target(metadata_path(database), filled_with(text.encode("utf-8")), option)]
