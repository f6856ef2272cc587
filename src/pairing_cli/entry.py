"""The `pairing` console script and `python -m pairing_cli`: the CLI with the cyclic GC switched off.

A run of pairing lives for a fraction of a second, and the allocations of start-up (Typer, pydantic building its
validators) are nearly all acyclic; the collector's passes over them cost about a quarter of the start-up time and
free next to nothing. Switching it off before those imports is the cheapest start-up win there is. Tests and
library users who import pairing_cli.cli keep their collector.
"""

from __future__ import annotations

import gc


def main() -> None:
    from .interrupts import install

    install()  # from here on Ctrl-C, SIGTERM and SIGHUP end the run with one line and 128 + the signal's number
    gc.disable()
    from .cli import main as run

    run()
