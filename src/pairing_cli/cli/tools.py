"""The tools: convert-units, export, migrate, validate, schema."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.main

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from typer._click import exceptions as click_exceptions

from ..data.vocabulary import SchemaFormat
from ..errors import ExitCode, UsageError
from .app import TOOLS_PANEL, PairingCommand, _warn, app
from .options import (
    Output,
    RateOption,
    _dataset_path,
    _emit,
    _load,
    _one_file_only,
    _quantity,
    _rate,
    _say_written,
    _written,
    every_program_only,
    output_options,
)

if TYPE_CHECKING:
    from ..data.models import Dataset


def _unit_option(flag: str, unit_name: str) -> Any:
    return typer.Option(
        flag,
        metavar="QUANTITY",
        help=f"A quantity in {unit_name}, e.g. 229000, 3.044bn, 711 million, 30.44亿; repeat for several.",
        show_default=False,
    )


# Option name -> (unit, its flag) for convert-units.
UNIT_OPTIONS = {
    "mu": ("mu", "--mu"),
    "hectares": ("hectare", "--hectares"),
    "acres": ("acre", "--acres"),
    "sq_km": ("sq_km", "--sq-km"),
    "km": ("km", "--km"),
    "miles": ("mile", "--miles"),
    "yuan": ("yuan", "--yuan"),
    "usd": ("usd", "--usd"),
}
Quantities = list[str] | None


@app.command("convert-units", cls=PairingCommand, rich_help_panel=TOOLS_PANEL)
@output_options()
def convert_units(
    ctx: typer.Context,
    output: Output,
    mu: Annotated[Quantities, _unit_option("--mu", "mu (1 mu = 10,000/15 m²)")] = None,
    hectares: Annotated[Quantities, _unit_option("--hectares", "hectares")] = None,
    acres: Annotated[Quantities, _unit_option("--acres", "acres")] = None,
    sq_km: Annotated[Quantities, _unit_option("--sq-km", "square kilometres")] = None,
    km: Annotated[Quantities, _unit_option("--km", "kilometres")] = None,
    miles: Annotated[Quantities, _unit_option("--miles", "miles")] = None,
    yuan: Annotated[Quantities, _unit_option("--yuan", "yuan")] = None,
    usd: Annotated[Quantities, _unit_option("--usd", "US dollars")] = None,
    rate: RateOption = None,
) -> None:
    """Convert areas, lengths and money exactly; each input is shown in every unit of its kind.

    Quantities are read as people write them: 1,930,000,000 · 3.044bn · 3.044 billion · 711m · 30.44亿 · 5万.

    \b
    Examples:
      pairing convert-units --mu 229000
      pairing convert-units --yuan 3.044bn --yuan 30.44亿
    """
    from ..queries import views

    given = {
        "mu": mu,
        "hectares": hectares,
        "acres": acres,
        "sq_km": sq_km,
        "km": km,
        "miles": miles,
        "yuan": yuan,
        "usd": usd,
    }
    quantities = [
        (flag, text.strip(), unit, _quantity(flag, text))
        for name, (unit, flag) in UNIT_OPTIONS.items()
        for text in given[name] or []
    ]
    if not quantities:
        raise click_exceptions.UsageError("give at least one quantity, e.g. --mu 229000", ctx)
    result = views.convert_units(_load(ctx), quantities, _rate(rate))
    _emit(result, output)


@app.command(cls=PairingCommand, rich_help_panel=TOOLS_PANEL)
def export(
    ctx: typer.Context,
    datapackage: Annotated[
        Path | None,
        typer.Option(
            "--datapackage",
            help="Write a Frictionless data package (CSV files and datapackage.json) into this new folder.",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
    sqlite: Annotated[
        Path | None,
        typer.Option(
            "--sqlite",
            help="Write a SQLite database here, with FILE.metadata.json beside it for Datasette.",
            metavar="FILE",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an earlier export (a regular file, or a folder of its files).")
    ] = False,
    every: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Export every shipped program into the one package or database (not only the --program one).",
        ),
    ] = False,
) -> None:
    """Export the whole dataset as tables: a data package, a SQLite database for Datasette, or both.

    Tables: sources, categories, units, measures, observations, derivations, events; each row names its program.
    --all puts every shipped program in one export, to compare them.
    A data package of one program reads back with --data DIR/datapackage.json.
    An export is written whole or not at all.

    \b
    Examples:
      pairing export --datapackage pairing-data
      pairing --data pairing-data/datapackage.json facts
      pairing export --all --sqlite pairing.db && datasette pairing.db -m pairing.db.metadata.json
    """
    from ..formats import datapackage as package
    from ..formats import sqlite as database

    if datapackage is None and sqlite is None:
        raise UsageError("--datapackage", "give --datapackage DIR, --sqlite FILE or both")
    from ..files import Target, check_folder_target, check_target, same_file, write_outputs

    _one_file_only(datapackage, "--datapackage", "a folder of files")
    _one_file_only(sqlite, "--sqlite", "a database and its metadata")
    loaded = _load_all(ctx) if every else _load(ctx)
    # Both targets are checked before either is written; then one all-or-nothing write of every file.
    outputs: list[Target] = []
    if datapackage is not None:
        check_folder_target(datapackage, "--datapackage", force=force, ours=package.datapackage_names())
        outputs.append(package.datapackage_output(loaded, datapackage, "--datapackage"))
    if sqlite is not None:
        check_target(sqlite, "--sqlite", force=force)
        metadata = database.metadata_path(sqlite)
        check_target(metadata, "--sqlite", force=force)
        if datapackage is not None and any(
            same_file(target, datapackage) or target.parent.resolve() == datapackage.resolve()
            for target in (sqlite, metadata)
        ):
            raise UsageError("--sqlite", "the database and its metadata cannot go inside the --datapackage folder")
        outputs += database.sqlite_outputs(loaded, sqlite, "--sqlite")
    write_outputs(outputs, force=force)
    _say_written(_written(outputs))


def _load_all(ctx: typer.Context) -> list[Dataset]:
    """Every shipped program's dataset, for `export --all`; --data and --program name one dataset and conflict."""
    from ..data import load
    from ..data.programs import shipped

    every_program_only(ctx, "exports")
    return [load.load(path) for path in shipped().values()]


@app.command(cls=PairingCommand, rich_help_panel=TOOLS_PANEL)
def migrate(
    path: Annotated[Path, typer.Argument(help="A schema-1 or schema-2 (or current) dataset file.")],
    output_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to stdout.", metavar="FILE", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it is a file.")] = False,
) -> None:
    """Convert an older dataset to schema 3: schema-1 figures become measures, each measure gains a kind.

    The kind (stock, flow, cumulative) is read by a stated rule; review it measure by measure.
    The result is checked as any dataset is before it is written.

    \b
    Examples:
      pairing migrate old.json -o new.json
      pairing migrate old.json | pairing --data /dev/stdin summary
    """
    import json

    from ..data import load
    from ..data.migrate import upgrade
    from ..files import check_target, read_bytes, write_atomically

    if output_file is not None:
        check_target(output_file, "--output", force=force)
    name = str(path)
    checked = load.parse_json(read_bytes(path), name)
    document = checked if isinstance(checked, dict) else json.loads(checked)
    upgraded = upgrade(document)
    load.validate(upgraded, name)  # refuse to write what would not load
    if output_file is not None:
        text = json.dumps(upgraded, ensure_ascii=False, indent=2) + "\n"
        write_atomically(output_file, text, "--output", force=force)
    else:
        from .. import render
        from ..environment import current

        # A stdout that is not UTF-8 gets \u escapes, as every JSON output does: never a byte escaped by Python
        # ('caf\xe9'), which no JSON reader takes.
        ascii_only = not render.is_utf8(current().stdout)
        render.write_text(json.dumps(upgraded, ensure_ascii=ascii_only, indent=2) + "\n")


@app.command(cls=PairingCommand, rich_help_panel=TOOLS_PANEL)
@output_options()
def validate(
    ctx: typer.Context,
    output: Output,
    path: Annotated[
        Path | None, typer.Argument(help="Dataset file to check (default: the active one).", show_default=False)
    ] = None,
) -> None:
    """Check a dataset and list each finding as location, rule and message; exit 1 when there is any.

    \b
    Example:
      pairing validate my-program.json --json
    """
    from ..data import load
    from ..results import ValidationReport

    target = path if path is not None else _dataset_path(ctx)
    inspection = load.inspect(target)
    if inspection.dataset is not None:  # what only computing the derivations finds: the data layer cannot
        from ..derive import undefined_findings

        inspection.findings += undefined_findings(inspection.dataset)
    report = ValidationReport("validate", inspection.path, inspection.findings)
    _emit(report, output)
    if not inspection.valid:  # the report is the output; stderr says in one line that the status is 1
        count = len(inspection.findings)
        _warn(f"pairing: error: {inspection.path}: invalid, {count} finding{'s' if count != 1 else ''}")
        raise typer.Exit(ExitCode.DATA)


@app.command(cls=PairingCommand, rich_help_panel=TOOLS_PANEL)
def schema(
    fmt: Annotated[
        SchemaFormat, typer.Option("--format", "-f", metavar="FORMAT", help="json (indented) or ndjson (one line).")
    ] = "json",
    output: Annotated[
        bool, typer.Option("--output", help="The schema of what --json writes, instead of a dataset's.")
    ] = False,
) -> None:
    """Print the JSON Schema (draft 2020-12) of a dataset, or with --output of what --json writes.

    A dataset's schema is generated from the models, for writing your own.
    The output's is generated from the JSON contract, for checking what a script reads (docs/json.md).

    \b
    Examples:
      pairing schema > pairing.schema.json
      pairing schema --output > output.schema.json
    """
    from ..results import SchemaDocument

    if output:
        from ..contract import output_schema

        schema = output_schema()
    else:
        from ..data.models import Dataset

        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Dataset.model_json_schema()}
    _emit(SchemaDocument("schema", schema), Output(fmt))
