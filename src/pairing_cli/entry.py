"""The `pairing` console script and `python -m pairing_cli`: signals handled from the first line, and the CLI with
the cyclic GC switched off.

The handlers for Ctrl-C, SIGTERM and SIGHUP are installed when this module is imported, before anything else of
pairing is: only the interpreter's own start-up and the console-script wrapper that pip writes (`import re, sys`)
come before, and a signal there gets Python's default handling.

A run of pairing lives for a fraction of a second, and the allocations of start-up (Typer, pydantic building its
validators) are nearly all acyclic; the collector's passes over them cost about a quarter of the start-up time and
free next to nothing. Switching it off before those imports is the cheapest start-up win there is. Tests and
library users who import pairing_cli.cli keep their collector.
"""

from __future__ import annotations

import gc

from .interrupts import install

install()


def main() -> None:
    gc.disable()
    from .cli import main as run

    run()
