"""The Typer app: parse options, call the core, hand the result to render. Errors become one line here.

The core (models, reports, render) is imported inside the commands, so that `--help` and `--version` do not pay
for building the pydantic models or importing Rich's tables.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import inspect
import io
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, NoReturn

import typer
import typer.main

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from typer._click import core as click_core
from typer._click import exceptions as click_exceptions
from typer.core import TyperArgument, TyperGroup, TyperOption
from typer.models import CommandInfo

from . import __version__
from .environment import Environment, current, using
from .errors import ExitCode, OutputClosed, PairingError, QueryError, UsageError
from .text import escape_controls
from .vocabulary import CITATION_STYLES, FORMATS, CitationStyle, Format, Lang, SchemaFormat

if TYPE_CHECKING:
    from fractions import Fraction

    from .models import Dataset
    from .render import ExportKind
    from .render.data import Result

EXIT_STATUSES = (
    "Exit statuses: 0 success; 1 a data problem (a missing, unreadable, malformed or invalid dataset); "
    "2 a usage problem (an unknown command, option or figure id, a bad value, an export file that exists); "
    "130 interrupted (Ctrl-C; 143 SIGTERM, 129 SIGHUP)."
)
# The panels that group the commands in `pairing --help`.
FIGURES_PANEL = "Figures"
SOURCES_PANEL = "Sources and citations"
TOOLS_PANEL = "Tools"
OUTPUT_PANEL = "Output"


def _help_type(self: Any, ctx: Any) -> str | None:
    """What --help shows after an option: nothing for a flag, a word for a value, not Python's `<bool>`, `<str>` or
    `<list[str]>`; an option's own metavar wins."""
    shown = _typer_help_type(self, ctx)
    if self.metavar is not None or not isinstance(shown, str):
        return shown
    bare = shown.strip("<>").split(" ")[0]
    return _HELP_TYPES.get(bare, shown)


# Typer's type names -> the words --help shows; None shows nothing (a flag takes no value).
_HELP_TYPES: dict[str, str | None] = {"bool": None, "str": "TEXT", "int": "INTEGER", "float": "NUMBER",
                                      "list[str]": "VALUE...", "path": "PATH", "Path": "PATH"}  # fmt: skip
_typer_help_type = TyperOption.display_type_rich
_typer_argument_type = TyperArgument.display_type_rich
TyperOption.display_type_rich = _help_type  # type: ignore[method-assign]
TyperArgument.display_type_rich = lambda self, ctx: _HELP_TYPES.get(  # type: ignore[method-assign]
    str(_typer_argument_type(self, ctx) or "").strip("<>"), _typer_argument_type(self, ctx)
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
        """Click's entry (Typer's `app()`, click.testing): the run's exit status as SystemExit."""
        with using(current()):
            sys.exit(self.run(list(sys.argv[1:] if args is None else args), prog_name, complete_var, **extra))

    def invoke(self, ctx: click_core.Context) -> Any:
        """Run the command; a question the core could not answer is said with the option or argument that asked
        it (the core names its own parameter, `category`; only here is that `--category`)."""
        try:
            return super().invoke(ctx)
        except QueryError as e:
            command = self.get_command(ctx, ctx.invoked_subcommand or "")
            raise UsageError(_spelling(command, e.parameter), e.detail) from None

    def run(self, argv: list[str], prog_name: str | None = None, complete_var: str | None = None, **extra: Any) -> int:
        """Run one command line in the current environment; the exit status, with every error said in one line."""
        env = current()
        try:
            rv = super().main(
                args=argv, prog_name=prog_name or "pairing", complete_var=complete_var, standalone_mode=False, **extra
            )
            code = rv if isinstance(rv, int) else ExitCode.OK
            env.stdout.flush()  # a full disk or a closed stream shows here, not at exit
        except OutputClosed:
            code = _pipe_closed()
        except PairingError as e:
            if "--debug" in argv:
                raise
            code = _fail(f"pairing: error: {e}", e.exit_code)
        except click_exceptions.NoArgsIsHelpError as e:
            env.stdout.write(e.format_message())  # `pairing` alone: the help, and a usage problem (2) said on stderr
            code = _fail("pairing: error: missing command (see 'pairing --help')", ExitCode.USAGE)
        except click_exceptions.UsageError as e:
            command = e.ctx.command_path if e.ctx else "pairing"
            hint = f" (see '{command} --help')"
            # Typer checks a choice through pydantic, whose message starts 'Value error, ': the value is what matters.
            message = e.format_message().replace("Value error, ", "")
            misplaced = [o for o in ROOT_OPTIONS if f"No such option: {o}" in message and command != "pairing"]
            if misplaced:
                hint = f" ({misplaced[0]} is a global option: it goes before the command, 'pairing {misplaced[0]} ...')"
            code = _fail(f"{command}: error: {message}{hint}", ExitCode.USAGE)
        except click_exceptions.ClickException as e:
            code = _fail(f"pairing: error: {e.format_message()}", e.exit_code)
        except (typer.Abort, KeyboardInterrupt):
            code = ExitCode.INTERRUPTED
        except BrokenPipeError:
            code = _pipe_closed()
        except SystemExit as e:  # Typer's own handling of a closed pipe exits 1; a closed reader is 0 here
            context = e.__context__
            if not (isinstance(context, OSError) and context.errno == errno.EPIPE):
                raise
            code = _pipe_closed()
        except OSError as e:  # stdout full or failing (`> /dev/full`): say so, and write nothing more
            env.discard("stdout")
            code = _fail(f"pairing: error: cannot write the output: {e.strerror or e}", ExitCode.DATA)
        except Exception as e:  # a bug: still one line, never a traceback (unless asked for)
            if "--debug" in argv:
                raise
            code = _fail(f"pairing: {INTERNAL_ERROR}: {type(e).__name__}: {e}", ExitCode.DATA)
        return code


def _spelling(command: click_core.Command | None, parameter: str) -> str:
    """How a command's parameter is written on its command line: `--category`, or an argument's metavar `ID`."""
    for param in command.params if command is not None else []:
        if param.name == parameter:
            if isinstance(param, TyperOption):
                return max(param.opts, key=len)
            return (param.metavar or parameter.upper()).strip("[]")
    return parameter


# What a bug says of itself, in one line; the tests look for it, and it must never appear.
INTERNAL_ERROR = "internal error (a bug: please report it; --debug shows the traceback)"

# The most of a message a user sees: a megabyte argument quoted back in full helps no one.
MAX_MESSAGE = 600


def _warn(message: str) -> None:
    """One line on stderr; whatever the message quotes from input is shown escaped, never raw. With stderr closed
    or full the line is lost, never sent to stdout."""
    line = escape_controls(" ".join(message.split()))
    if len(line) > MAX_MESSAGE:
        line = line[: MAX_MESSAGE // 2] + " … " + line[-MAX_MESSAGE // 4 :]
    env = current()
    if env.stderr is None:
        return
    try:
        env.stderr.write(line + "\n")
        env.stderr.flush()
    except (OSError, ValueError):
        env.discard("stderr")


def _fail(message: str, code: int) -> int:
    _warn(message)
    return code


def _can_encode(encoding: str, text: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _pipe_closed() -> int:
    """The reader went away (`pairing ... | head`): stop quietly, with nothing left to flush into the pipe."""
    current().discard("stdout")
    return ExitCode.OK


app = typer.Typer(
    cls=PairingGroup,
    name="pairing",
    help="Explore the public record of a pairing-up poverty-alleviation program, source by source.\n\n"
    "Every figure comes with its unit, its qualifier, its period, its scope and the source that printed it; "
    "'compare' shows where sources agree or differ, 'trend' how a figure moved. The shipped dataset covers the "
    "Fujian–Ningxia program; --data reads another.",
    epilog=EXIT_STATUSES,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
)


FormatOption = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        rich_help_panel=OUTPUT_PANEL,
        help=f"Output format: {', '.join(FORMATS)}. JSON, NDJSON and CSV keep full precision.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", rich_help_panel=OUTPUT_PANEL, help="Shorthand for --format json.")]
LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        metavar="LANG",
        rich_help_panel=OUTPUT_PANEL,
        show_default=False,
        help="Language of labels, units and headings: en, or zh for Chinese (亿/万); default $PAIRING_LANG, else "
        "en. JSON adds Chinese labels.",
    ),
]
SvgOption = Annotated[
    Path | None,
    typer.Option(
        "--export-svg",
        metavar="FILE",
        rich_help_panel=OUTPUT_PANEL,
        help="Also save the table as an SVG image.",
        show_default=False,
    ),
]
HtmlOption = Annotated[
    Path | None,
    typer.Option(
        "--export-html",
        metavar="FILE",
        rich_help_panel=OUTPUT_PANEL,
        help="Also save the table as an HTML page.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", rich_help_panel=OUTPUT_PANEL, help="Let --export-svg/--export-html replace an existing file."
    ),
]
ChartFileOption = Annotated[
    Path | None,
    typer.Option(
        "--chart-file",
        help="Also save the charts as a vector SVG or a PNG image (by the suffix), with title, subtitle and source.",
        metavar="FILE",
        show_default=False,
        rich_help_panel=OUTPUT_PANEL,
    ),
]
ChartOption = Annotated[
    bool, typer.Option("--chart", help="Draw bar charts under the table (ASCII where blocks cannot be shown).")
]
RateOption = Annotated[
    str | None,
    typer.Option(
        "--rate",
        help="Yuan per US dollar (default: the rate the dataset's first stated conversion implies).",
        show_default=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        current().stdout.write(f"pairing {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data",
            help="Dataset to use instead of the shipped one (also $PAIRING_DATA).",
            metavar="PATH",
            show_default=False,
        ),
    ] = None,  # a plain string: the dataset's own checks say what is wrong with it, as for $PAIRING_DATA (status 1)
    debug: Annotated[bool, typer.Option("--debug", help="Show the Python traceback of an error.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Explore the cited public record of a pairing-up poverty-alleviation program."""
    ctx.obj = {"data": str(data) if data is not None else None, "debug": debug}


def _dataset_path(ctx: typer.Context) -> Path:
    """The dataset this run reads: --data, else $PAIRING_DATA, else the shipped one."""
    from . import dataset

    obj = ctx.find_root().obj or {}
    value = obj.get("data")
    return dataset.resolve_path(value if isinstance(value, str) else None, current().environ)


def _load(ctx: typer.Context) -> Dataset:
    """The active dataset; refused when it fails the schema, warned about when it is inconsistent."""
    from . import checks, dataset
    from .render.words import declare_count_units

    path = _dataset_path(ctx)
    loaded = dataset.load(path)
    declare_count_units([(u.id, u.label, u.label_zh) for u in loaded.units])
    for finding in checks.consistency_findings(loaded):
        _warn(f"pairing: warning: {path}: {finding.location}: {finding.message} [{finding.rule}]")
    return loaded


def _format(fmt: Format, as_json: bool) -> Format:
    if as_json and fmt not in ("table", "json"):
        raise UsageError("--json", f"conflicts with --format {fmt}")
    return "json" if as_json else fmt


def _quantity(option: str, text: str) -> Fraction:
    from .units import parse_quantity

    try:
        return parse_quantity(text)
    except ValueError as e:
        raise UsageError(option, str(e)) from None


# An exchange rate in yuan per US dollar is a plain number within these bounds (no "7bn", no 1e-30).
RATE_BOUNDS = (0.0001, 10_000)


def _rate(text: str | None) -> Fraction | None:
    if text is None:
        return None
    rate = _quantity("--rate", text)
    if not text.strip()[-1:].isdigit():  # '7bn', '7 million': a magnitude makes no sense in a rate
        raise UsageError("--rate", f"give the rate as a plain number of yuan per US dollar, such as 7.01, not '{text}'")
    if not RATE_BOUNDS[0] <= rate <= RATE_BOUNDS[1]:
        low, high = RATE_BOUNDS
        raise UsageError("--rate", f"yuan per US dollar must be between {low:g} and {high:g}, not '{text}'")
    return rate


class Output(NamedTuple):
    """How a command's result is shown: its format and language, and the files its table is saved to.

    A NamedTuple rather than a dataclass: its class is made at every start, --help included, and costs less to make.
    """

    fmt: Format = "table"
    as_json: bool = False
    lang: Lang | None = None
    svg: Path | None = None
    html: Path | None = None
    force: bool = False

    @property
    def lang_code(self) -> Lang:
        """--lang, else $PAIRING_LANG (named in the message when it holds something else), else English."""
        if self.lang is not None:
            return self.lang
        from_env = current().environ.get("PAIRING_LANG", "").strip()
        if from_env in ("", "en", "zh"):
            return "zh" if from_env == "zh" else "en"
        raise UsageError("PAIRING_LANG", f"'{from_env[:40]}' is not one of 'en', 'zh'")

    def exports(self) -> list[tuple[Path, ExportKind, str]]:
        found: list[tuple[Path, ExportKind, str]] = []
        if self.svg is not None:
            found.append((self.svg, "svg", "--export-svg"))
        if self.html is not None:
            found.append((self.html, "html", "--export-html"))
        return found


# The options every table-drawing command shares: (parameter, its annotated option, default).
SHARED_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("fmt", FormatOption, "table"),
    ("as_json", JsonOption, False),
    ("lang", LangOption, None),
    ("svg", SvgOption, None),
    ("html", HtmlOption, None),
    ("force", ForceOption, False),
)


def output_options(*, lang: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared output options; it receives them as one `output: Output` parameter.

    Like sqlite-utils' shared output decorator: one place defines --format, --json, --lang and the exports, so every
    command offers them alike. Typer reads the signature set here; `output` itself is not an option.
    """

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        own = [p for name, p in signature.parameters.items() if name != "output"]
        shared = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation)
            for name, annotation, default in SHARED_OPTIONS
            if lang or name != "lang"
        ]

        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            chosen = {name: kwargs.pop(name) for name, _, _ in SHARED_OPTIONS if name in kwargs}
            command(*args, output=Output(**chosen), **kwargs)

        setattr(run, "__signature__", signature.replace(parameters=[*own, *shared]))  # noqa: B010
        return run

    return decorate


def _chart_bytes(result: Result, path: Path, lang: Lang) -> bytes:
    """The result's charts as an SVG (no library) or a PNG (with the charts extra), by path's suffix."""
    from .render.charts import specs_for, stack_svg, to_png

    suffix = path.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise UsageError("--chart-file", f"name a .svg or .png file, not '{path.name}'")
    specs = specs_for(result, lang)
    if not specs:
        raise UsageError("--chart-file", "this result has no chart to draw")
    if suffix == ".svg":
        return stack_svg(specs).encode("utf-8")
    try:
        data, warnings = to_png(specs)
    except ImportError:
        raise UsageError(
            "--chart-file", "a PNG needs matplotlib: pip install 'pairing-cli[charts]' (or use .svg)"
        ) from None
    for warning in warnings:
        _warn(f"pairing: warning: {warning}")
    return data


def _emit(result: Result, output: Output, *, charts: bool = False, chart_file: Path | None = None) -> None:
    """Save the result's table (SVG/HTML) and charts (--chart-file), then print the result in its format.

    Every target is checked, and every file drawn, before any is written; a file written is taken back if a later
    one fails: a refused run writes nothing. Files before stdout: a reader that closes it early (`| head`) must not
    cost the file.
    """
    from . import render
    from .files import check_target, same_file, write_file_atomically
    from .interrupts import held

    chosen = _format(output.fmt, output.as_json)
    encoding = current().encoding
    if output.lang_code == "zh" and chosen not in ("json", "ndjson") and not _can_encode(encoding, "中文"):
        raise UsageError(
            "--lang",
            f"the output's encoding ({encoding}) cannot show Chinese; set PYTHONIOENCODING=utf-8 or use --json",
        )
    exports = output.exports()
    if charts and chosen != "table" and not exports:
        raise UsageError("--chart", f"draws on the table; it cannot go with --format {chosen}")
    targets = [(path, option) for path, _, option in exports] + ([(chart_file, "--chart-file")] if chart_file else [])
    for n, (path, option) in enumerate(targets):
        earlier = next((other for p, other in targets[:n] if same_file(p, path)), None)
        if earlier is not None:
            raise UsageError(option, f"names the same file as {earlier}")
        check_target(path, option, force=output.force)
    drawn = [
        (path, option, render.export(result, kind, lang=output.lang_code, charts=charts).encode("utf-8"))
        for path, kind, option in exports
    ]
    if chart_file is not None:
        drawn.append((chart_file, "--chart-file", _chart_bytes(result, chart_file, output.lang_code)))
    written: list[Path] = []
    with held():  # a signal waits until every file is in place, or none is
        try:
            for path, option, data in drawn:
                existed = path.exists()
                write_file_atomically(path, functools.partial(_fill, data=data), option, force=output.force)
                if not existed:
                    written.append(path)
        except PairingError:
            for path in written:
                path.unlink(missing_ok=True)
            raise
    render.emit(result, chosen, lang=output.lang_code, charts=charts)


def _fill(temporary: str, *, data: bytes) -> None:
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def summary(
    ctx: typer.Context,
    output: Output,
    chart: ChartOption = False,
    chart_file: ChartFileOption = None,
) -> None:
    """Show the headline figures, with the changes and growth rates derived from them.

    \b
    Examples:
      pairing summary --chart
      pairing summary --lang zh
      pairing summary --json | jq '.figures[].id'
    """
    from . import reports

    _emit(reports.summary(_load(ctx)), output, charts=chart, chart_file=chart_file)


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def infrastructure(
    ctx: typer.Context,
    output: Output,
) -> None:
    """Show the infrastructure figures of the dataset's infrastructure view (its main source by default).

    \b
    Examples:
      pairing infrastructure --format markdown
      pairing infrastructure --export-svg built.svg
    """
    from . import reports

    _emit(reports.infrastructure(_load(ctx)), output)


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def funding(
    ctx: typer.Context,
    output: Output,
    breakdown: Annotated[
        bool, typer.Option("--breakdown", help="Add the parts of the total and their shares.")
    ] = False,
    rate: RateOption = None,
    chart: ChartOption = False,
    chart_file: ChartFileOption = None,
) -> None:
    """Show the total funding of the dataset's funding view, in yuan and US dollars; --breakdown adds its parts.

    \b
    Examples:
      pairing funding --breakdown --chart
      pairing funding --rate 7.1 --lang zh
    """
    from . import reports

    if chart and not breakdown:
        raise UsageError("--chart", "charts the parts of the total; add --breakdown")
    result = reports.funding(_load(ctx), breakdown=breakdown, rate=_rate(rate))
    _emit(result, output, charts=chart, chart_file=chart_file)


@app.command(rich_help_panel=SOURCES_PANEL)
@output_options()
def sources(
    ctx: typer.Context,
    output: Output,
) -> None:
    """List the sources of the dataset, with how many figures each gives.

    \b
    Example:
      pairing sources --json
    """
    from . import explore

    _emit(explore.sources(_load(ctx)), output)


@app.command(rich_help_panel=SOURCES_PANEL)
def cite(
    ctx: typer.Context,
    figure_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Cite this figure or source (an id from 'pairing facts' or 'pairing sources'); "
            "without it, the main source.",
            autocompletion=_complete_id,
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        CitationStyle, typer.Option("--style", metavar="STYLE", help=f"Citation style: {', '.join(CITATION_STYLES)}.")
    ] = "text",
    lang: LangOption = None,
) -> None:
    """Print a ready citation of the main source, of any source, or of one figure with its qualifier and source.

    \b
    Examples:
      pairing cite rural_houses_renovated
      pairing cite xinhua-2012-10-23 --style apa
      pairing cite --style bibtex >> refs.bib
    """
    from . import explore, render

    citation = explore.cite(_load(ctx), style, figure_id)
    render.emit_citation(citation, Output(lang=lang).lang_code)


def _unit_option(flag: str, unit_name: str) -> Any:
    return typer.Option(
        flag,
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


@app.command("convert-units", rich_help_panel=TOOLS_PANEL)
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
        (flag, text.strip(), unit, _quantity(flag, text))
        for name, (unit, flag) in UNIT_OPTIONS.items()
        for text in given[name] or []
    ]
    if not quantities:
        raise click_exceptions.UsageError("give at least one quantity, e.g. --mu 229000", ctx)
    result = reports.convert_units(_load(ctx), quantities, _rate(rate))
    _emit(result, output)


def _completions(ctx: typer.Context, incomplete: str, ids: Callable[[Dataset], list[str]]) -> list[str]:
    """Shell completion from the active dataset (read quietly: no warning goes into the shell); nothing when it
    cannot be read."""
    try:
        from . import dataset

        loaded = dataset.load(_dataset_path(ctx))
        return [i for i in ids(loaded) if i.startswith(incomplete)]
    except Exception:  # completion must never print a traceback into the user's shell
        return []


def _complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure ids (observations and derived figures)."""
    from . import catalog

    return _completions(ctx, incomplete, lambda d: catalog.build(d).ids)


FigureId = Annotated[
    str,
    typer.Argument(metavar="ID", help="A figure id, as 'pairing facts' lists them.", autocompletion=_complete_id),
]


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def facts(
    ctx: typer.Context,
    output: Output,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category (e.g. funding).", show_default=False)
    ] = None,
    search: Annotated[
        str | None,
        typer.Option(
            "--search",
            "-s",
            help="Only figures whose labels or sentence contain TEXT (any case).",
            metavar="TEXT",
            show_default=False,
        ),
    ] = None,
    derived: Annotated[bool, typer.Option("--derived", help="Only figures computed from others.")] = False,
    stored: Annotated[bool, typer.Option("--stored", help="Only figures a source states.")] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Only figures of this source (an id from 'pairing sources').", show_default=False
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Only figures whose period includes this year.", min=1, max=9999, show_default=False
        ),
    ] = None,
) -> None:
    """List every figure, stated and derived, with its id; filter by category, source, year, text or kind.

    \b
    Examples:
      pairing facts --search poverty
      pairing facts --category funding --derived
      pairing facts --source xinhua-2012-10-23 --lang zh
      pairing facts --year 2011 -f ndjson
    """
    from . import explore

    if derived and stored:
        raise UsageError("--derived", "conflicts with --stored; give one or neither")
    kind = True if derived else False if stored else None
    result = explore.facts(_load(ctx), category=category, search=search, derived=kind, source=source, year=year)
    _emit(result, output)


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def show(
    ctx: typer.Context,
    output: Output,
    figure_id: FigureId,
    rate: RateOption = None,
) -> None:
    """Show one figure in full (unit, qualifier, period, scope, source; a derived one's inputs), or a measure with
    every source's figure for it.

    \b
    Examples:
      pairing show terraced_fields_built
      pairing show income_cagr_percent --json
      pairing show schools
    """
    from . import explore

    result = explore.show(_load(ctx), figure_id, _rate(rate))
    _emit(result, output)


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def timeline(
    ctx: typer.Context,
    output: Output,
) -> None:
    """Show the dated events of every source in order, each with its figures.

    \b
    Examples:
      pairing timeline
      pairing timeline --lang zh --export-html timeline.html
    """
    from . import explore

    _emit(explore.timeline(_load(ctx)), output)


def _complete_measure(ctx: typer.Context, incomplete: str) -> list[str]:
    """Measure ids."""
    return _completions(ctx, incomplete, lambda d: [m.id for m in d.measures])


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def compare(
    ctx: typer.Context,
    output: Output,
    measure_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[MEASURE]",
            help="One measure's id (default: every measure two or more sources state).",
            autocompletion=_complete_measure,
            show_default=False,
        ),
    ] = None,
    chart_file: ChartFileOption = None,
) -> None:
    """Put side by side what two or more sources say of one measure for one period, with a verdict.

    A verdict is 'consistent' when one value fits every figure, given its qualifier ('more than', 'about') and the
    precision it was printed with, else 'different', with the gap. Figures of different periods are a trend.

    \b
    Examples:
      pairing compare
      pairing compare schools
      pairing compare --json | jq '.measures[] | select(.verdict == "different") | .id'
    """
    from . import record

    _emit(record.compare(_load(ctx), measure_id), output, chart_file=chart_file)


@app.command(rich_help_panel=FIGURES_PANEL)
@output_options()
def trend(
    ctx: typer.Context,
    output: Output,
    measure_id: Annotated[
        str,
        typer.Argument(metavar="MEASURE", help="A measure's id.", autocompletion=_complete_measure),
    ],
    chart: ChartOption = False,
    chart_file: ChartFileOption = None,
) -> None:
    """Show one measure over time from every source, in period order, with the growth between periods.

    \b
    Examples:
      pairing trend fujian_funding
      pairing trend minning_population --chart
      pairing trend officials_sent --json
    """
    from . import record

    _emit(record.trend(_load(ctx), measure_id), output, charts=chart, chart_file=chart_file)


@app.command(rich_help_panel=FIGURES_PANEL)
def report(
    ctx: typer.Context,
    html: Annotated[
        Path,
        typer.Option("--html", help="Write the page here: one self-contained HTML file.", metavar="FILE"),
    ],
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it is a regular file.")] = False,
) -> None:
    """Write one self-contained page of the whole dataset: headline figures, where sources agree or differ,
    trends as charts, every figure (with a search box), the timeline, the sources with citations.

    \b
    Examples:
      pairing report --html pairing.html
      pairing report --html pairing-zh.html --lang zh
    """
    from . import record
    from .files import check_target, write_atomically
    from .render.page import to_html

    check_target(html, "--html", force=force)
    page = to_html(record.report(_load(ctx)), Output(lang=lang).lang_code)
    write_atomically(html, page, "--html", force=force)


@app.command(rich_help_panel=TOOLS_PANEL)
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
) -> None:
    """Export the whole dataset as tables: a data package, a SQLite database for Datasette, or both.

    Tables: sources, categories, units, measures, observations, derivations, events. A data package reads back
    with --data DIR/datapackage.json. An export is written whole or not at all.

    \b
    Examples:
      pairing export --datapackage pairing-data
      pairing --data pairing-data/datapackage.json facts
      pairing export --sqlite pairing.db && datasette pairing.db -m pairing.db.metadata.json
    """
    from . import package

    if datapackage is None and sqlite is None:
        raise UsageError("--datapackage", "give --datapackage DIR, --sqlite FILE or both")
    import shutil

    from .files import check_folder_target, check_target, same_file
    from .interrupts import held

    loaded = _load(ctx)
    # Both targets are checked before either is written, and a new package is taken back if the database fails.
    if datapackage is not None:
        check_folder_target(datapackage, "--datapackage", force=force, ours=package.datapackage_names())
    if sqlite is not None:
        check_target(sqlite, "--sqlite", force=force)
        if datapackage is not None and (
            same_file(sqlite, datapackage) or sqlite.parent.resolve() == datapackage.resolve()
        ):
            raise UsageError("--sqlite", "cannot go inside the --datapackage folder, nor be it")
    with held():
        new_package = datapackage is not None and not datapackage.exists()
        if datapackage is not None:
            package.export_datapackage(loaded, datapackage, force=force, option="--datapackage")
        try:
            if sqlite is not None:
                package.export_sqlite(loaded, sqlite, force=force, option="--sqlite")
        except PairingError:
            if new_package and datapackage is not None:
                shutil.rmtree(datapackage, ignore_errors=True)
            raise


@app.command(rich_help_panel=TOOLS_PANEL)
def migrate(
    path: Annotated[Path, typer.Argument(help="A schema-1 (or schema-2) dataset file.")],
    output_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of to stdout.", metavar="FILE", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace --output if it is a file.")] = False,
) -> None:
    """Convert a schema-1 dataset to schema 2: each figure becomes a measure with one observation, nothing lost.

    The result is checked as any dataset is before it is written.

    \b
    Examples:
      pairing migrate old.json -o new.json
      pairing migrate old.json | pairing --data /dev/stdin summary
    """
    import json

    from . import dataset
    from .files import check_target, write_atomically
    from .migrate import upgrade

    if output_file is not None:
        check_target(output_file, "--output", force=force)
    name = str(path)
    checked = dataset.parse_json(dataset.read_bytes(path), name)
    document = checked if isinstance(checked, dict) else json.loads(checked)
    upgraded = upgrade(document) if document.get("schema_version") == 1 else document
    dataset.validate(upgraded, name)  # refuse to write what would not load
    text = json.dumps(upgraded, ensure_ascii=False, indent=2) + "\n"
    if output_file is not None:
        write_atomically(output_file, text, "--output", force=force)
    else:
        from . import render

        render.write_text(text)


@app.command(rich_help_panel=TOOLS_PANEL)
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
    from . import dataset
    from .results import ValidationReport

    target = path if path is not None else _dataset_path(ctx)
    inspection = dataset.inspect(target)
    report = ValidationReport("validate", inspection.path, inspection.findings)
    _emit(report, output)
    if not inspection.valid:  # the report is the output; stderr says in one line that the status is 1
        count = len(inspection.findings)
        _warn(f"pairing: error: {inspection.path}: invalid, {count} finding{'s' if count != 1 else ''}")
        raise typer.Exit(ExitCode.DATA)


@app.command(rich_help_panel=TOOLS_PANEL)
def schema(
    fmt: Annotated[
        SchemaFormat, typer.Option("--format", "-f", metavar="FORMAT", help="json (indented) or ndjson (one line).")
    ] = "json",
) -> None:
    """Print the JSON Schema (draft 2020-12) of a dataset, generated from the models, for writing your own.

    \b
    Example:
      pairing schema > pairing.schema.json
    """
    from .models import Dataset
    from .results import SchemaDocument

    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **Dataset.model_json_schema()}
    _emit(SchemaDocument("schema", schema), Output(fmt))


# Root options that take a value, so that the value is not mistaken for the command's name; and all of them.
ROOT_OPTIONS_WITH_VALUES = ("--data",)
ROOT_OPTIONS = ("--data", "--debug", "--version")


def invoked_command(argv: Sequence[str]) -> str | None:
    """The command a call names (`pairing --data x.json summary --json` -> 'summary'), or None."""
    args = iter(argv)
    for arg in args:
        if arg in ROOT_OPTIONS_WITH_VALUES:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def _command_name(info: CommandInfo) -> str:
    callback = info.callback.__name__ if info.callback is not None else ""
    return info.name or callback.replace("_", "-")


def register_only(name: str | None, environ: Mapping[str, str]) -> None:
    """Keep only the named command registered, when it is one of ours (`run` puts the others back).

    Typer turns every registered command into a Click command at each start, which for eleven commands with their
    options costs more than a tenth of the start-up; a call names one command and needs only that one (Click's
    "lazy subcommands" idea). `pairing --help`, completion and an unknown name keep them all.
    """
    if name is None or environ.get("_PAIRING_COMPLETE"):
        return
    chosen = [info for info in app.registered_commands if _command_name(info) == name]
    if chosen:
        app.registered_commands = chosen


def _standard_streams(env: Environment) -> bool:
    """A standard stream closed before the start (`pairing summary >&-`) is opened on /dev/null: stderr so that an
    error is lost rather than sent to stdout; stdout so that the command can say it has nowhere to write. False
    when stdout is closed."""
    for fd, name in ((1, "stdout"), (2, "stderr")):
        try:
            os.fstat(fd)
        except OSError:
            env.discard(name)
            stream = open(fd, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
            setattr(sys, name, stream)
            setattr(env, name, stream)
            if fd == 1:
                return False
    return True


@contextmanager
def _third_party_streams(env: Environment) -> Iterator[None]:
    """Click and Typer write help and completions to sys.stdout: for an injected environment, that is its stdout."""
    if env.process:
        yield
        return
    with redirect_stdout(env.stdout), redirect_stderr(env.stderr):
        yield


# The widest terminal a table or the help is drawn for: COLUMNS=2147483648 would have Rich pad every line to it.
MAX_COLUMNS = 1000


def _bounded_columns(env: Environment) -> None:
    """COLUMNS beyond MAX_COLUMNS is taken as MAX_COLUMNS (for Typer's help too, which reads the process's own)."""
    text = env.environ.get("COLUMNS", "").strip()
    if not text.isdigit() or int(text) <= MAX_COLUMNS:
        return
    if env.process:
        os.environ["COLUMNS"] = str(MAX_COLUMNS)
    else:
        env.environ = {**env.environ, "COLUMNS": str(MAX_COLUMNS)}


def run(argv: Sequence[str], env: Environment | None = None) -> int:
    """The whole program: run `pairing argv...` in env (the process's own by default) and return the exit status.

    Tests pass an Environment of their own (streams, variables, terminal width and colour) and run every command
    in-process; the console script passes the process's.
    """
    env = env if env is not None else Environment.from_process()
    _bounded_columns(env)
    if "pairing_cli.files" in sys.modules:  # an earlier run in this process read other files: they are its own
        sys.modules["pairing_cli.files"].PROTECTED.clear()
    with using(env), _third_party_streams(env):
        if env.process and not _standard_streams(env):
            _warn("pairing: error: standard output is closed; nothing to write to")
            return ExitCode.DATA
        commands = app.registered_commands
        register_only(invoked_command(argv), env.environ)
        try:
            group = typer.main.get_command(app)
            assert isinstance(group, PairingGroup)
            return group.run(list(argv))
        except KeyboardInterrupt:  # Ctrl-C while the commands are being built
            return ExitCode.INTERRUPTED
        finally:
            app.registered_commands = commands


def main() -> NoReturn:
    """The `pairing` console script."""
    for stream in (sys.stdout, sys.stderr):
        # On a terminal that cannot show a character (PYTHONIOENCODING=ascii), show '?' rather than crash.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    code = run(sys.argv[1:])
    # End here, without the interpreter's tear-down: the output is flushed and nothing is left to clean up, and a
    # signal that came during the tear-down would find Python's default handlers back (and no line said).
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            stream.flush()
    os._exit(code)
