"""The Typer app: parse options, call the core, hand the result to render. Errors become one line here.

The core (models, reports, render) is imported inside the commands, so that `--help` and `--version` do not pay
for building the pydantic models or importing Rich's tables.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from typer._click import exceptions as click_exceptions
from typer.core import TyperGroup

from . import __version__
from .errors import ExitCode, OutputClosed, PairingError, UsageError
from .text import escape_controls

if TYPE_CHECKING:
    from fractions import Fraction

    from .models import Dataset
    from .results import ConversionReport, FigureReport, SchemaDocument, ValidationReport

EXIT_STATUSES = (
    "Exit statuses: 0 success; 1 a data problem (a missing, unreadable, malformed or invalid dataset); "
    "2 a usage problem (an unknown command or option, a bad value); 130 interrupted."
)


class PairingGroup(TyperGroup):
    """Runs the app and turns every error into one line on stderr with its documented exit status."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> NoReturn:
        argv = list(sys.argv[1:] if args is None else args)
        try:
            rv = super().main(
                args=argv, prog_name=prog_name or "pairing", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
        except OutputClosed:
            code = _pipe_closed()
        except PairingError as e:
            if "--debug" in argv:
                raise
            code = _fail(f"pairing: error: {e}", e.exit_code)
        except click_exceptions.NoArgsIsHelpError as e:
            print(e.format_message(), end="")  # `pairing` alone: the help, as a usage problem (2)
            code = ExitCode.USAGE
        except click_exceptions.UsageError as e:
            command = e.ctx.command_path if e.ctx else "pairing"
            hint = f" (see '{command} --help')"
            code = _fail(f"{command}: error: {e.format_message()}{hint}", ExitCode.USAGE)
        except click_exceptions.ClickException as e:
            code = _fail(f"pairing: error: {e.format_message()}", e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            code = ExitCode.INTERRUPTED
        except BrokenPipeError:
            code = _pipe_closed()
        sys.exit(code)


def _warn(message: str) -> None:
    """One line on stderr; whatever the message quotes from input is shown escaped, never raw."""
    print(escape_controls(" ".join(message.split())), file=sys.stderr)


def _fail(message: str, code: int) -> int:
    _warn(message)
    return code


def _pipe_closed() -> int:
    """The reader went away (`pairing ... | head`): stop quietly, with nothing left to flush into the pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return ExitCode.OK


app = typer.Typer(
    cls=PairingGroup,
    name="pairing",
    help="Explore the cited figures of the Fujian–Ningxia pairing-up poverty-alleviation program.\n\n"
    "Every figure comes from China Daily, 'Pairing-up program reduces poverty in remote Ningxia' "
    "(updated 2020-07-08), with its unit, its qualifier and the sentence that states it.",
    epilog=EXIT_STATUSES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format; JSON and CSV keep full precision.")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
RateOption = Annotated[
    str | None,
    typer.Option(
        "--rate", help="Yuan per US dollar (default: the rate the article implies, 4,856 / 692.47).", show_default=False
    ),
]


def _version(value: bool) -> None:
    if value:
        print(f"pairing {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            help="Dataset to use instead of the shipped one (also $PAIRING_DATA).",
            show_default=False,
            dir_okay=True,
            exists=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the Python traceback of an error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Explore the cited figures of the Fujian–Ningxia pairing-up poverty-alleviation program."""
    ctx.obj = {"data": str(data) if data is not None else None, "debug": debug}


def _data_option(ctx: typer.Context) -> str | None:
    obj = ctx.find_root().obj or {}
    value = obj.get("data")
    return value if isinstance(value, str) else None


def _load(ctx: typer.Context) -> Dataset:
    """The active dataset; refused when it fails the schema, warned about when it is inconsistent."""
    from . import checks, dataset

    path = dataset.resolve_path(_data_option(ctx))
    loaded = dataset.load(path)
    for finding in checks.consistency_findings(loaded):
        _warn(f"pairing: warning: {path}: {finding.location}: {finding.message} [{finding.rule}]")
    return loaded


def _emit(result: FigureReport | ConversionReport | ValidationReport | SchemaDocument, fmt: str) -> None:
    from . import render

    render.emit(result, fmt)


def _format(fmt: OutputFormat, as_json: bool) -> str:
    if as_json and fmt not in (OutputFormat.table, OutputFormat.json):
        raise UsageError("--json", f"conflicts with --format {fmt.value}")
    return "json" if as_json else fmt.value


def _quantity(option: str, text: str) -> Fraction:
    from .units import parse_quantity

    try:
        return parse_quantity(text)
    except ValueError as e:
        raise UsageError(option, str(e)) from None


def _rate(text: str | None) -> Fraction | None:
    if text is None:
        return None
    rate = _quantity("--rate", text)
    if rate == 0:
        raise UsageError("--rate", "the exchange rate must be greater than zero")
    return rate


@app.command()
def summary(ctx: typer.Context, fmt: FormatOption = OutputFormat.table, as_json: JsonOption = False) -> None:
    """Show the headline figures, with the changes and growth rates derived from them.

    Example: pairing summary --json | jq '.figures[] | {id, value}'
    """
    from . import reports

    _emit(reports.summary(_load(ctx)), _format(fmt, as_json))


@app.command()
def infrastructure(ctx: typer.Context, fmt: FormatOption = OutputFormat.table, as_json: JsonOption = False) -> None:
    """Show what Fujian helped build in Ningxia: highway, wells, terraced fields, houses, schools, clinics.

    Example: pairing infrastructure --format markdown
    """
    from . import reports

    _emit(reports.infrastructure(_load(ctx)), _format(fmt, as_json))


@app.command()
def funding(
    ctx: typer.Context,
    breakdown: Annotated[
        bool, typer.Option("--breakdown", help="Add the parts of the total and their shares.")
    ] = False,
    rate: RateOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Show the funding Fujian injected since 1996, in yuan and US dollars.

    Example: pairing funding --breakdown --rate 7.1
    """
    from . import reports

    _emit(reports.funding(_load(ctx), breakdown=breakdown, rate=_rate(rate)), _format(fmt, as_json))


def _unit_option(flag: str, unit_name: str) -> Any:
    return typer.Option(flag, help=f"A quantity in {unit_name}; repeat for several.", show_default=False)


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


@app.command("convert-units")
def convert_units(
    ctx: typer.Context,
    mu: Annotated[Quantities, _unit_option("--mu", "mu (1 mu = 10,000/15 m²)")] = None,
    hectares: Annotated[Quantities, _unit_option("--hectares", "hectares")] = None,
    acres: Annotated[Quantities, _unit_option("--acres", "acres")] = None,
    sq_km: Annotated[Quantities, _unit_option("--sq-km", "square kilometres")] = None,
    km: Annotated[Quantities, _unit_option("--km", "kilometres")] = None,
    miles: Annotated[Quantities, _unit_option("--miles", "miles")] = None,
    yuan: Annotated[Quantities, _unit_option("--yuan", "yuan")] = None,
    usd: Annotated[Quantities, _unit_option("--usd", "US dollars")] = None,
    rate: RateOption = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Convert areas, lengths and money exactly; each input is shown in every unit of its kind.

    Example: pairing convert-units --mu 229000 --yuan 4856
    """
    from . import reports

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
        (flag, text, unit, _quantity(flag, text))
        for name, (unit, flag) in UNIT_OPTIONS.items()
        for text in given[name] or []
    ]
    if not quantities:
        raise click_exceptions.UsageError("give at least one quantity, e.g. --mu 229000", ctx)

    _emit(reports.convert_units(_load(ctx), quantities, _rate(rate)), _format(fmt, as_json))


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None, typer.Argument(help="Dataset file to check (default: the active one).", show_default=False)
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    as_json: JsonOption = False,
) -> None:
    """Check a dataset and list each finding as location, rule and message; exit 1 when there is any.

    Example: pairing validate my-program.json --json
    """
    from . import dataset
    from .results import ValidationReport

    target = path if path is not None else dataset.resolve_path(_data_option(ctx))
    inspection = dataset.inspect(target)
    _emit(ValidationReport("validate", inspection.path, inspection.findings), _format(fmt, as_json))
    if not inspection.valid:
        raise typer.Exit(ExitCode.DATA)


@app.command()
def schema() -> None:
    """Print the JSON Schema of a dataset, generated from the models, for writing datasets of your own.

    Example: pairing schema > pairing.schema.json
    """
    from .models import Dataset
    from .results import SchemaDocument

    _emit(SchemaDocument("schema", Dataset.model_json_schema()), "json")


def main() -> NoReturn:
    """The `pairing` console script."""
    for stream in (sys.stdout, sys.stderr):
        # On a terminal that cannot show a character (PYTHONIOENCODING=ascii), show '?' rather than crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    app()
    raise AssertionError("unreachable: PairingGroup.main always exits")  # pragma: no cover
