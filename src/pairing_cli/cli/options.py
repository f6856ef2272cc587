"""What the commands share: the output options, the dataset a run reads, values parsed from options, and one
place that writes a result's files and prints it."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
import typer.main

from ..data.vocabulary import FORMATS, Format, Lang

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from ..environment import current
from ..errors import QueryError, UsageError
from .app import OUTPUT_PANEL, _warn

if TYPE_CHECKING:
    from fractions import Fraction

    from ..data.models import Dataset
    from ..documents import Result
    from ..files import Target
    from ..render import ExportKind


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
        metavar="RATE",
        help="Yuan per US dollar (default: the rate the dataset's first stated conversion implies).",
        show_default=False,
    ),
]


def _root_setting(name: str) -> object:
    """A root option of the run in progress (--lang, --quiet), as the root callback kept it; None outside a run."""
    from typer._click.globals import get_current_context

    ctx = get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    return obj.get(name) if isinstance(obj, dict) else None


def _dataset_path(ctx: typer.Context) -> Path:
    """The dataset this run reads: --data, else $PAIRING_DATA, else the shipped one."""
    from ..data import load

    obj = ctx.find_root().obj or {}
    value = obj.get("data")
    program = obj.get("program")
    try:
        return load.resolve_path(
            value if isinstance(value, str) else None,
            current().environ,
            program if isinstance(program, str) else None,
        )
    except QueryError as e:  # an unknown program: said as the option that named it
        raise UsageError("--program", e.detail) from None


def _load(ctx: typer.Context) -> Dataset:
    """The active dataset; refused when it fails the schema, warned about when it is inconsistent."""
    from ..data import checks, load
    from ..language.words import declare_count_units

    path = _dataset_path(ctx)
    loaded = load.load(path)
    declare_count_units([(u.id, u.label, u.label_zh) for u in loaded.units])
    for finding in checks.consistency_findings(loaded):
        _warn(f"pairing: warning: {path}: {finding.location}: {finding.message} [{finding.rule}]")
    return loaded


def _format(fmt: Format, as_json: bool) -> Format:
    if as_json and fmt not in ("table", "json"):
        raise UsageError("--json", f"conflicts with --format {fmt}")
    return "json" if as_json else fmt


def _quantity(option: str, text: str) -> Fraction:
    from ..data.units import parse_quantity

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


@dataclass(frozen=True, slots=True)
class Output:
    """How a command's result is shown: its format and language, and the files its table is saved to."""

    fmt: Format = "table"
    as_json: bool = False
    lang: Lang | None = None
    svg: Path | None = None
    html: Path | None = None
    force: bool = False

    @property
    def lang_code(self) -> Lang:
        """The command's --lang, else the root's (`pairing --lang zh summary`), else $PAIRING_LANG (named in the
        message when it holds something else), else English."""
        if self.lang is not None:
            return self.lang
        root = _root_setting("lang")
        if root in ("en", "zh"):
            return "zh" if root == "zh" else "en"
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


# What --chart-format takes: the format of the --chart-file, which its suffix gives otherwise.
ChartFormat = Literal["svg", "png"]
ChartFormatOption = Annotated[
    ChartFormat | None,
    typer.Option(
        "--chart-format",
        metavar="FORMAT",
        help="svg or png: the format of --chart-file (default: by its suffix; needed with --chart-file -).",
        show_default=False,
        rich_help_panel=OUTPUT_PANEL,
    ),
]

# A file target written as this goes to stdout instead ('report --html -', '--export-svg -').
STDOUT = "-"


def _is_stdout(path: Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def _chart_kind(path: Path, fmt: ChartFormat | None) -> ChartFormat:
    """The format of the chart file: --chart-format, else the file's suffix (which must agree with it)."""
    suffix = path.suffix.lower().lstrip(".")
    if fmt is None and _is_stdout(path):
        raise UsageError("--chart-file", "'-' writes the charts to stdout: say which format with --chart-format")
    if fmt is None and suffix not in ("svg", "png"):
        raise UsageError("--chart-file", f"name a .svg or .png file (or give --chart-format), not '{path.name}'")
    if fmt is not None and suffix in ("svg", "png") and fmt != suffix:
        raise UsageError("--chart-format", f"{fmt} does not match the file '{path.name}'")
    if fmt is not None:
        return fmt
    return "svg" if suffix == "svg" else "png"


def _chart_bytes(result: Result, kind: ChartFormat, lang: Lang) -> bytes:
    """The result's charts as an SVG, or that SVG rasterised as a PNG (resvg)."""
    from ..render.charts import specs_for, stack_svg, to_png

    specs = specs_for(result, lang)
    if not specs:
        raise UsageError("--chart-file", "this result has no chart to draw")
    if kind == "svg":
        return stack_svg(specs).encode("utf-8")
    try:
        data, warnings = to_png(specs)
    except ImportError:
        raise UsageError("--chart-file", "a PNG needs resvg-py: pip install resvg-py (or use .svg)") from None
    for warning in warnings:
        _warn(f"pairing: warning: {warning}")
    return data


def human_size(size: int) -> str:
    """A file's size for reading: '812 bytes', '4.2 KB', '212 KB', '1.3 MB' (powers of 1000)."""
    if size < 1000:
        return f"{size} byte{'' if size == 1 else 's'}"
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1000
        shown = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
        if float(shown) < 1000 or unit == "TB":
            return f"{shown} {unit}"
    raise AssertionError("unreachable")


def _say_written(paths: Sequence[Path]) -> None:
    """One line on stderr for each file written, with its size as it is on the disk; none with --quiet."""
    if _root_setting("quiet"):
        return
    for path in paths:
        try:
            size = human_size(path.stat().st_size)
        except OSError:  # gone already (another process): said without a size
            _warn(f"wrote {path}")
        else:
            _warn(f"wrote {path} ({size})")


def _written(targets: Sequence[Target]) -> list[Path]:
    """The files a run's targets put on the disk: a file, or each file of a folder."""
    return [p for t in targets for p in ([t.path] if t.folder is None else [t.path / name for name in t.folder])]


def _one_file_only(path: Path | None, option: str, what: str) -> None:
    """'-' is for an option that writes one file; this one writes several (what)."""
    if _is_stdout(path):
        raise UsageError(option, f"'-' (stdout) takes one output, and this writes {what}; name a file")


def _write_one(path: Path, data: bytes, option: str, *, force: bool) -> None:
    """One output: to stdout for '-', else all or nothing to the file, said on stderr."""
    from .. import render
    from ..files import filled_with, write_files_atomically

    if _is_stdout(path):
        render.write_bytes(data)
        return
    write_files_atomically([(path, filled_with(data), option)], force=force)
    _say_written([path])


def _check_encoding(output: Output, chosen: Format) -> None:
    """Chinese needs an output encoding that can show it (JSON escapes nothing it cannot)."""
    from .. import render

    encoding = current().encoding
    if output.lang_code == "zh" and chosen not in ("json", "ndjson") and not render.encodes(current().stdout, "中文"):
        raise UsageError(
            "--lang",
            f"the output's encoding ({encoding}) cannot show Chinese; set PYTHONIOENCODING=utf-8 or use --json",
        )


def _check_chart_options(output: Output, chosen: Format, *, charts: bool, has_file: bool, has_format: bool) -> None:
    """--chart draws on the table; --chart-format goes with --chart-file."""
    if charts and chosen != "table" and not output.exports():
        raise UsageError("--chart", f"draws on the table; it cannot go with --format {chosen}")
    if has_format and not has_file:
        raise UsageError("--chart-format", "goes with --chart-file: give --chart-file FILE (or -)")


def _check_stdout(targets: Sequence[tuple[Path, str]], output: Output, chosen: Format) -> None:
    """At most one target may be '-', and only when the result itself is not printed there too."""
    printed = [option for path, option in targets if _is_stdout(path)]
    if len(printed) > 1:
        raise UsageError(printed[1], f"'-' (stdout) takes one output, and {printed[0]} - already sends one there")
    if printed and (output.as_json or chosen != "table"):
        raise UsageError(printed[0], f"'-' sends it to stdout, where --format {chosen} would go too; name a file")


def _check_files(targets: Sequence[tuple[Path, str]], *, force: bool) -> None:
    """Every file target may be written, and no two name the same file."""
    from ..files import check_target, same_file

    files = [(path, option) for path, option in targets if not _is_stdout(path)]
    for n, (path, option) in enumerate(files):
        earlier = next((other for p, other in files[:n] if same_file(p, path)), None)
        if earlier is not None:
            raise UsageError(option, f"names the same file as {earlier}")
        check_target(path, option, force=force)


def _draw(
    result: Result, output: Output, *, charts: bool, chart_file: Path | None, kind: ChartFormat | None
) -> list[tuple[Path, str, bytes]]:
    """Every export and the chart file, drawn in memory: (target, option, bytes)."""
    from .. import render

    drawn = [
        (path, option, render.export(result, export, lang=output.lang_code, charts=charts).encode("utf-8"))
        for path, export, option in output.exports()
    ]
    if chart_file is not None and kind is not None:
        drawn.append((chart_file, "--chart-file", _chart_bytes(result, kind, output.lang_code)))
    return drawn


def _emit(
    result: Result,
    output: Output,
    *,
    charts: bool = False,
    chart_file: Path | None = None,
    chart_format: ChartFormat | None = None,
) -> None:
    """Save the result's table (SVG/HTML) and charts (--chart-file), then print the result in its format.

    Every target is checked, and every file drawn and made whole beside its target, before any is moved into place:
    a refused run, or one that fails while writing (a full disk), replaces nothing. Files before stdout: a reader
    that closes it early (`| head`) must not cost the file. A target '-' is stdout: what it names is printed there
    instead of the result, and it can be only one.
    """
    from .. import render
    from ..files import filled_with, write_files_atomically

    chosen = _format(output.fmt, output.as_json)
    _check_encoding(output, chosen)
    _check_chart_options(
        output, chosen, charts=charts, has_file=chart_file is not None, has_format=chart_format is not None
    )
    targets = [(path, option) for path, _, option in output.exports()]
    if chart_file is not None:
        targets.append((chart_file, "--chart-file"))
    _check_stdout(targets, output, chosen)
    _check_files(targets, force=output.force)
    kind = _chart_kind(chart_file, chart_format) if chart_file is not None else None
    if kind == "png" and _is_stdout(chart_file):
        render.refuse_terminal("--chart-file", "a PNG image")
    drawn = _draw(result, output, charts=charts, chart_file=chart_file, kind=kind)
    # CSV or Markdown is made, and refused if stdout's encoding cannot carry it, before any file is written.
    text = render.exact_text(result, chosen, lang=output.lang_code)
    on_disk = [(path, option, data) for path, option, data in drawn if not _is_stdout(path)]
    write_files_atomically([(path, filled_with(data), option) for path, option, data in on_disk], force=output.force)
    _say_written([path for path, _, _ in on_disk])
    for path, _, data in drawn:
        if _is_stdout(path):
            render.write_bytes(data)
            return
    if text is not None:
        render.write_text(text)
        return
    render.emit(result, chosen, lang=output.lang_code, charts=charts)


def _completions(ctx: typer.Context, incomplete: str, ids: Callable[[Dataset], list[str]]) -> list[str]:
    """Shell completion from the active dataset (read quietly: no warning goes into the shell); nothing when it
    cannot be read."""
    try:
        from ..data import load

        loaded = load.load(_dataset_path(ctx))
        return [i for i in ids(loaded) if i.startswith(incomplete)]
    except Exception:  # completion must never print a traceback into the user's shell
        return []


def _complete_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Figure ids (observations and derived figures)."""
    from .. import derive

    return _completions(ctx, incomplete, lambda d: derive.build(d).ids)


FigureId = Annotated[
    str,
    typer.Argument(metavar="ID", help="A figure id, as 'pairing facts' lists them.", autocompletion=_complete_id),
]


def every_program_only(ctx: typer.Context, verb: str) -> None:
    """--all reads every shipped program: a --data, --program or $PAIRING_DATA naming one dataset conflicts with it
    and is refused rather than ignored."""
    obj = ctx.find_root().obj or {}
    for option in ("data", "program"):
        if obj.get(option) is not None:
            raise UsageError("--all", f"{verb} every shipped program, so it takes no --{option}")
    if current().environ.get("PAIRING_DATA"):
        raise UsageError("--all", f"{verb} every shipped program, so it takes no PAIRING_DATA (unset it)")
