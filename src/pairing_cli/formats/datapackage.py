"""The dataset as a Frictionless data package: a CSV file for each table and a datapackage.json with a Table
Schema for each (tables described in data.package, which also reads a package back)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data.models import Dataset
from ..text import neutralise_formula, web_address

if TYPE_CHECKING:
    from ..files import Target
from ..data.package import _EXTRA_FIELDS, EXTRA_KEY, PERIOD_KEYS, TABLES, Table


def rows(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows, as plain values (lists for array columns)."""
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
    for m in document["measures"]:
        for o in m["observations"]:
            period = o.pop("period")
            o["measure"] = m["id"]
            for key in PERIOD_KEYS:
                o[f"period_{key}"] = period.get(key)
            out["observations"].append(o)
    return {t.name: [{f.name: row.get(f.name) for f in t.fields} for row in out[t.name]] for t in TABLES}


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
    writer.writerows([_cell(row[f.name]) for f in table.fields] for row in table_rows)
    return buffer.getvalue()


def _schema(table: Table, dataset: Dataset) -> dict[str, Any]:
    fields = []
    for f in table.fields:
        field: dict[str, Any] = {"name": f.name, "type": f.type, "description": f.description}
        if f.required:
            field["constraints"] = {"required": True}
        fields.append(field)
    keys = [
        {"fields": column, "reference": {"resource": "" if other == table.name else other, "fields": other_column}}
        for column, other, other_column in table.foreign_keys
        if not (other == "categories" and not dataset.categories)  # undeclared categories are free text
    ]
    schema: dict[str, Any] = {"fields": fields, "primaryKey": "id", "missingValues": [""]}
    if keys:
        schema["foreignKeys"] = keys
    return schema


def descriptor(dataset: Dataset) -> dict[str, Any]:
    """datapackage.json: the tables with their schemas, the sources, the licence, and what is no table."""
    program = dataset.program
    document = json.loads(dataset.model_dump_json(include=set(_EXTRA_FIELDS)))
    return {
        "profile": "tabular-data-package",
        "name": program.id,
        "title": f"{program.name}: the public record",
        "description": (
            f"Every figure the sources published on {program.name}, one row an observation (a source's figure for "
            "a measure), with its unit, qualifier, period, scope, the figure as printed and where in the page. "
            "Values are in base units at full precision."
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
            {
                "title": f"{s.publisher}: {s.shown_title} ({s.date})",
                **({"path": url} if (url := web_address(s.cited_url)) else {}),
            }
            for s in dataset.sources
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
                "schema": _schema(t, dataset),
            }
            for t in TABLES
        ],
        EXTRA_KEY: document,
    }


def datapackage_names() -> list[str]:
    """The names of the files a data package is made of."""
    return [*(f"{t.name}.csv" for t in TABLES), "datapackage.json"]


def datapackage_files(dataset: Dataset) -> dict[str, str]:
    """File name -> text, for every file of the data package."""
    table_rows = rows(dataset)
    files = {f"{t.name}.csv": table_csv(t, table_rows[t.name]) for t in TABLES}
    files["datapackage.json"] = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    return files


# Numbers as JSON writes them (ASCII digits, no '_', no '+', no spaces, no leading zero, no NaN): what int() and
# float() also take ('5_000', '١٢', '１２', ' 12') would change a table silently.


def datapackage_output(dataset: Dataset, folder: Path, option: str) -> Target:
    """The data package as one output of a run (files.write_outputs)."""
    from ..files import folder_output

    return folder_output(folder, datapackage_files(dataset), option)


def _shown(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by Python as surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
