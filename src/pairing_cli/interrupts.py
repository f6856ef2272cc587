"""Ctrl-C, SIGTERM and SIGHUP end a run at once: one line on stderr and the status 128 + the signal's number (130
for Ctrl-C). Only a file being put in place holds them back until it is whole and in place, or gone, so that a
signal never leaves a file half-written, a temporary file behind, or an earlier export missing.

Installed by the console script alone (entry.py); a run in-process (tests, the Python API) keeps Python's own
handling. Kept free of heavy imports: it is installed before anything else is imported.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager

# The signals that end a run, and how the one line names each.
ENDING = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}

_held = 0
_pending: list[int] = []


def install() -> None:
    """End the process on the signals above (as soon as no file is being put in place)."""
    for number in ENDING:
        signal.signal(number, _arrived)


def _arrived(number: int, _frame: object) -> None:
    if _held:
        _pending.append(number)
        return
    end(number)


def end(number: int) -> None:
    """Say which signal ended the run, then end the process with 128 + its number, flushing nothing more."""
    name = next((said for signal_number, said in ENDING.items() if signal_number == number), "stopped")
    with contextlib.suppress(OSError):  # stderr closed: the status says it
        os.write(2, f"pairing: {name} (signal {number})\n".encode())
    os._exit(128 + number)


@contextmanager
def held() -> Iterator[None]:
    """A stretch that a signal must not cut (a file being written and moved into place); the signal, if one came,
    ends the run after it."""
    global _held
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _pending:
            end(_pending[0])
