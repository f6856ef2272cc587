"""The commands about sources: sources and cite."""

from __future__ import annotations

from typing import Annotated

import typer
import typer.main

# Typer (from 0.29) vendors Click; its exceptions are what parsing raises.
from ..data.vocabulary import CITATION_STYLES, CitationStyle
from .app import SOURCES_PANEL, PairingCommand, app
from .options import LangOption, Output, _complete_id, _emit, _load, output_options


@app.command(cls=PairingCommand, rich_help_panel=SOURCES_PANEL)
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
    from ..queries.sources import sources as query

    _emit(query(_load(ctx)), output)


@app.command(cls=PairingCommand, rich_help_panel=SOURCES_PANEL)
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
    from .. import render
    from ..queries.sources import cite as query

    citation = query(_load(ctx), style, figure_id)
    render.emit_citation(citation, Output(lang=lang).lang_code)
