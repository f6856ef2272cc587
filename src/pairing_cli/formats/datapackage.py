"""The dataset as a Frictionless data package: a CSV file for each table and a datapackage.json with a Table
Schema for each (tables described in data.package, which also reads a package back)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.models import Dataset
from ..text import neutralise_formula, web_address

if TYPE_CHECKING:
    from ..files import Target
from ..data.package import _EXTRA_FIELDS, EXTRA_KEY, KEY, PERIOD_KEYS, PROGRAMS_KEY, TABLES, Table

# One program's dataset, or several (`export --all`): every table then holds the rows of each, by its program column.
Datasets = Dataset | Sequence[Dataset]


def as_list(datasets: Datasets) -> list[Dataset]:
    return [datasets] if isinstance(datasets, Dataset) else list(datasets)


def rows(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, as plain values (lists for array columns), each with its program's id."""
    document = json.loads(dataset.model_dump_json())
    out: dict[str, list[dict[str, Any]]] = {
        "sources": document["sources"],
        "categories": document["categories"],
        "units": document["units"],
        "measures": [{k: v for k, v in m.items() if k != "observations"} for m in document["measures"]],
        "observations": [],
        "derivations": document["derivations"],
        "events": document["events"],
    }
    for s in out["sources"]:
        s["url"] = web_address(s.get("url"))
        s["outlet_url"] = web_address(s.get("outlet_url"))
    for m in document["measures"]:
        for o in m["observations"]:
            period = o.pop("period")
            o["measure"] = m["id"]
            for key in PERIOD_KEYS:
                o[f"period_{key}"] = period.get(key)
            out["observations"].append(o)
    program = dataset.program.id
    return {
        t.name: [{f.name: program if f.name == "program" else row.get(f.name) for f in t.fields} for row in out[t.name]]
        for t in TABLES
    }


def all_rows(datasets: Datasets) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows of every dataset, one program after another."""
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    for dataset in as_list(datasets):
        for name, table_rows in rows(dataset).items():
            out[name] += table_rows
    return out


def linked_categories(datasets: Datasets) -> bool:
    """Whether measures' categories refer to the categories table: only where every program declares its own
    (undeclared categories are free text)."""
    return all(d.categories for d in as_list(datasets))


def _cell(value: Any) -> Any:
    """A value as a CSV cell; text that a spreadsheet would run as a formula is neutralised (read back unchanged)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def table_csv(table: Table, table_rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([f.name for f in table.fields])
    writer.writerows([_cell(row.get(f.name)) for f in table.fields] for row in table_rows)
    return buffer.getvalue()


def _schema(table: Table, linked: bool, compound: bool) -> dict[str, Any]:
    """A table's Table Schema: keyed by id within one program, by (program, id) in a package of several."""
    fields = []
    for f in table.fields:
        field: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    keys = [
        {
            "fields": ["program", column] if compound else column,
            "reference": {
                "resource": "" if other == table.name else other,
                "fields": ["program", other_column] if compound else other_column,
            },
        }
        for column, other, other_column in table.foreign_keys
        # Frictionless checks a composite key whose part is empty (an observation part of none) as a broken
        # reference, so there the self-reference is left to the dataset's own checks (and SQLite's foreign key)
        if (linked or other != "categories") and not (compound and other == table.name)
    ]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": list(KEY) if compound else "id", "missingValues": [""]}
    if keys:
        schema["foreignKeys"] = keys
    return schema


def _source_title(s: Any) -> str:
    return f"{s.publisher}: {s.shown_title} ({s.date})"


def descriptor(datasets: Datasets) -> dict[str, Any]:
    """datapackage.json: the tables with their schemas, the sources, the licence, and what is no table (for several
    programs, a list of each one's under "programs")."""
    every = as_list(datasets)
    extras = [json.loads(d.model_dump_json(include=set(_EXTRA_FIELDS))) for d in every]
    if len(every) == 1:
        program = every[0].program
        name, title, subject = program.id, f"{program.name}: the public record", program.name
        extra: dict[str, Any] = extras[0]
    else:
        name, title = "pairing-programs", "China's East–West pairing programs: the public record"
        subject = f"{len(every)} programs ({', '.join(d.program.id for d in every)})"
        extra = {PROGRAMS_KEY: extras}
    linked = linked_categories(every)
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "description": (
            f"Every figure the sources published on {subject}, one row an observation (a source's figure for "
            "a measure), with its unit, qualifier, period, scope, the figure as printed and where in the page. "
            "Values are in base units at full precision; each row names its program."
        ),
        "licenses": [
            {
                "name": "MIT",
                "path": "https://opensource.org/licenses/MIT",
                "title": "The dataset's structure and its own statements (MIT, as the pairing project); the figures "
                "are facts reported by the sources listed; verbatim quotes remain their publishers' copyright",
            }
        ],
        "sources": [
            {"title": _source_title(s), **({"path": url} if (url := web_address(s.cited_url)) else {})}
            for d in every
            for s in d.sources
        ],
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "title": t.title,
                "description": t.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": _schema(t, linked, len(every) > 1),
            }
            for t in TABLES
        ],
        EXTRA_KEY: extra,
    }


def datapackage_names() -> list[str]:
    """The names of the files a data package is made of."""
    return [*(f"{t.name}.csv" for t in TABLES), "datapackage.json"]


def datapackage_files(datasets: Datasets) -> dict[str, str]:
    """File name -> text, for every file of the data package."""
    table_rows = all_rows(datasets)
    files = {f"{t.name}.csv": table_csv(t, table_rows[t.name]) for t in TABLES}
    files["datapackage.json"] = json.dumps(descriptor(datasets), ensure_ascii=False, indent=2) + "\n"
    return files


# Numbers as JSON writes them (ASCII digits, no '_', no '+', no spaces, no leading zero, no NaN): what int() and
# float() also take ('5_000', '١٢', '１２', ' 12') would change a table silently.


def datapackage_output(datasets: Datasets, folder: Path, option: str) -> Target:
    """The data package as one output of a run (files.write_outputs)."""
    from ..files import folder_output

    return folder_output(folder, datapackage_files(datasets), option)


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
