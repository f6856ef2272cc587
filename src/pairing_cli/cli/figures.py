"""The commands that show figures: summary, infrastructure, funding, facts, show, timeline, compare, trend, report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
import typer.main

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from ..errors import UsageError
from .app import FIGURES_PANEL, PairingCommand, app
from .options import (
    ChartFileOption,
    ChartFormatOption,
    ChartOption,
    FigureId,
    LangOption,
    Output,
    RateOption,
    _completions,
    _emit,
    _is_stdout,
    _load,
    _one_file_only,
    _rate,
    _say_written,
    _write_one,
    _written,
    every_program_only,
    output_options,
)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def summary(
    ctx: typer.Context,
    output: Output,
    chart: ChartOption = False,
    chart_file: ChartFileOption = None,
    chart_format: ChartFormatOption = None,
) -> None:
    """Show the headline figures, with the changes and growth rates derived from them.

    \b
    Examples:
      pairing summary --chart
      pairing summary --lang zh
      pairing summary --json | jq '.figures[].id'
    """
    from ..queries import views

    _emit(views.summary(_load(ctx)), output, charts=chart, chart_file=chart_file, chart_format=chart_format)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
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
    from ..queries import views

    _emit(views.infrastructure(_load(ctx)), output)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
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
    chart_format: ChartFormatOption = None,
) -> None:
    """Show the total funding of the dataset's funding view, in yuan and US dollars; --breakdown adds its parts.

    \b
    Examples:
      pairing funding --breakdown --chart
      pairing funding --rate 7.1 --lang zh
    """
    from ..queries import views

    if chart and not breakdown:
        raise UsageError("--chart", "charts the parts of the total; add --breakdown")
    result = views.funding(_load(ctx), breakdown=breakdown, rate=_rate(rate))
    _emit(result, output, charts=chart, chart_file=chart_file, chart_format=chart_format)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def facts(
    ctx: typer.Context,
    output: Output,
    category: Annotated[
        str | None,
        typer.Option(
            "--category", "-c", metavar="CATEGORY", help="Only this category (e.g. funding).", show_default=False
        ),
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
            "--source",
            metavar="SOURCE",
            help="Only figures of this source (an id from 'pairing sources').",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YEAR",
            help="Only figures whose period includes this year.",
            min=1,
            max=9999,
            show_default=False,
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
    from ..queries import figures

    if derived and stored:
        raise UsageError("--derived", "conflicts with --stored; give one or neither")
    kind = True if derived else False if stored else None
    result = figures.facts(_load(ctx), category=category, search=search, derived=kind, source=source, year=year)
    _emit(result, output)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def show(
    ctx: typer.Context,
    output: Output,
    figure_id: FigureId,
    rate: RateOption = None,
) -> None:
    """Show one figure in full, or every source's figure for one measure.

    A figure comes with its unit, qualifier, period, scope and source; a derived one with its inputs.

    \b
    Examples:
      pairing show terraced_fields_built
      pairing show income_cagr_percent --json
      pairing show schools
    """
    from ..queries import figures

    result = figures.show(_load(ctx), figure_id, _rate(rate))
    _emit(result, output)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
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
    from ..queries.sources import timeline as query

    _emit(query(_load(ctx)), output)


def _complete_measure(ctx: typer.Context, incomplete: str) -> list[str]:
    """Measure ids."""
    return _completions(ctx, incomplete, lambda d: [m.id for m in d.measures])


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
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
    chart_format: ChartFormatOption = None,
) -> None:
    """Put side by side what two or more sources say of one measure for one period, with a verdict.

    A verdict is 'consistent' when one value fits every figure, given its qualifier ('about') and printed precision.
    Otherwise it is 'different', with the gap. Figures of different periods are a trend.

    \b
    Examples:
      pairing compare
      pairing compare schools
      pairing compare --json | jq '.measures[] | select(.verdict == "different") | .id'
    """
    from ..queries import compare

    _emit(compare.compare(_load(ctx), measure_id), output, chart_file=chart_file, chart_format=chart_format)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def trend(
    ctx: typer.Context,
    output: Output,
    measure_id: Annotated[
        str | None,
        typer.Argument(
            metavar="MEASURE",
            help="A measure's id ('pairing measures' lists them).",
            autocompletion=_complete_measure,
            show_default=False,
        ),
    ] = None,
    chart: ChartOption = False,
    chart_file: ChartFileOption = None,
    chart_format: ChartFormatOption = None,
) -> None:
    """Show one measure over time from every source, in the order of the years its figures describe.

    A level (stock) shows its change and compound annual rate.
    A running total (cumulative) shows what was added and its average a year, never a growth rate.
    A flow is compared only with flows of equal periods.

    \b
    Examples:
      pairing trend minning_income
      pairing trend fujian_funding --chart
      pairing trend officials_sent --json
    """
    from ..queries.trend import trend as query

    if measure_id is None:
        raise UsageError("MEASURE", "give a measure's id ('pairing measures' lists them)")
    _emit(query(_load(ctx), measure_id), output, charts=chart, chart_file=chart_file, chart_format=chart_format)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def measures(
    ctx: typer.Context,
    output: Output,
) -> None:
    """List every measure: id, label, unit, kind (stock, flow, cumulative), figures, sources and years covered.

    \b
    Examples:
      pairing measures
      pairing measures --json | jq -r '.measures[] | select(.kind == "stock") | .id'
    """
    from ..queries import compare

    _emit(compare.measures(_load(ctx)), output)


def _generated() -> date:
    """The date a page says it was generated: SOURCE_DATE_EPOCH's (for reproducible builds) where set, else today."""
    from ..environment import current

    epoch = current().environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > 253402300799:
            raise UsageError("SOURCE_DATE_EPOCH", f"'{epoch}' is not a number of seconds since 1970")
        return datetime.fromtimestamp(int(epoch), tz=UTC).date()
    return date.today()


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
def report(
    ctx: typer.Context,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write the page here: one self-contained HTML file.", metavar="FILE"),
    ] = None,
    every: Annotated[
        Path | None,
        typer.Option(
            "--all",
            help="Write every shipped program's page into this new folder, with index.html linking them.",
            metavar="FOLDER",
        ),
    ] = None,
    lang: LangOption = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE (or FOLDER's pages) if it exists.")] = False,
) -> None:
    """Write one self-contained HTML page of the whole dataset.

    It holds the headline figures, where sources agree or differ, and the trends as charts.
    It lists every figure (with a search box), the timeline, and the sources with their citations.

    The page states the tool's version and the date it was generated (SOURCE_DATE_EPOCH fixes the date).
    The national program's page names every pair program with its headline fiscal aid.
    --all writes every program's page and an overview, index.html, linking them.

    \b
    Examples:
      pairing report --html pairing.html
      pairing report --html pairing-zh.html --lang zh
      pairing --program national report --html national.html
      pairing report --all pages
    """
    from .. import __version__
    from ..files import check_target, folder_output, write_outputs
    from ..queries.page import report as query
    from ..render.page import index_html, to_html

    if (html is None) == (every is None):
        raise UsageError("--html", "give --html FILE for one page or --all FOLDER for every program's")
    code = Output(lang=lang).lang_code
    generated = _generated()
    if html is not None:
        if not _is_stdout(html):
            check_target(html, "--html", force=force)
        page = to_html(query(_load(ctx)), code, version=__version__, generated=generated)
        _write_one(html, page.encode("utf-8"), "--html", force=force)
        return
    assert every is not None
    every_program_only(ctx, "writes")
    from ..data import load
    from ..data.programs import shipped
    from ..files import check_folder_target
    from ..queries.page import overview

    _one_file_only(every, "--all", "a page for each program and an index")
    check_folder_target(every, "--all", force=force, ours=[*(f"{p}.html" for p in shipped()), "index.html"])
    from ..language.words import declare_count_units

    pages = {}
    for program, path in shipped().items():
        loaded = load.load(path)
        declare_count_units([(u.id, u.label, u.label_zh) for u in loaded.units])
        pages[f"{program}.html"] = to_html(query(loaded), code, version=__version__, generated=generated, links=True)
    pages["index.html"] = index_html(overview(), code, version=__version__, generated=generated)
    outputs = [folder_output(every, pages, "--all")]
    write_outputs(outputs, force=force)
    _say_written(_written(outputs))


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def programs(
    ctx: typer.Context,
    output: Output,
) -> None:
    """List the shipped programs: each pairing and the national record, with partners, sources and years.

    \b
    Examples:
      pairing programs
      pairing programs --json | jq -r '.programs[].id'
      pairing --program guangdong-guangxi trend fiscal_aid_yearly
    """
    from ..queries import pairings

    _emit(pairings.programs(), output)


def _complete_concept(ctx: typer.Context, incomplete: str) -> list[str]:
    """Concept ids."""
    from ..data.vocabulary import CONCEPTS

    return [c for c in CONCEPTS if c.startswith(incomplete)]


def _years(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    start, dash, end = text.partition("-")
    if not (dash and start.isascii() and start.isdigit() and end.isascii() and end.isdigit() and len(start) == 4
            and len(end) == 4 and start <= end):  # fmt: skip
        raise UsageError("--period", f"'{text}' is not START-END in years, e.g. 2016-2020")
    return int(start), int(end)


@app.command(cls=PairingCommand, rich_help_panel=FIGURES_PANEL)
@output_options()
def across(
    ctx: typer.Context,
    output: Output,
    concept: Annotated[
        str | None,
        typer.Argument(
            metavar="CONCEPT",
            help="What to line up: fiscal_aid, officials_sent, professionals_sent, projects, enterprises, ...",
            autocompletion=_complete_concept,
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option("--period", help="Only figures within these years, START-END.", metavar="START-END"),
    ] = None,
    basis: Annotated[
        str | None,
        typer.Option("--basis", help="Only sums of one basis: planned, agreed, allocated or disbursed.", metavar="B"),
    ] = None,
    chart_file: ChartFileOption = None,
    chart_format: ChartFormatOption = None,
) -> None:
    """Line up every program's figures for one concept, each with its period, kind, basis and source.

    Rows of different periods, kinds or bases are shown side by side, not added: a note says where they differ.

    \b
    Examples:
      pairing across fiscal_aid
      pairing across officials_sent --period 2016-2020
      pairing across fiscal_aid --json | jq '.rows[] | select(.kind == "flow")'
      pairing across fiscal_aid --chart-file fiscal-aid.png
    """
    from ..data.vocabulary import CONCEPTS
    from ..queries import pairings

    if concept is None:
        raise UsageError("CONCEPT", f"give a concept: {', '.join(CONCEPTS)}")
    _emit(pairings.across(concept, _years(period), basis), output, chart_file=chart_file, chart_format=chart_format)
