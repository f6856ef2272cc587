"""Ctrl-C, SIGTERM and SIGHUP end a run at once: one line on stderr and the status 128 + the signal's number (130
for Ctrl-C). Only a file being put in place holds them back until it is whole and in place, or gone, so that a
signal never leaves a file half-written, a temporary file behind, or an earlier export missing.

Installed by the console script alone (entry.py); a run in-process (tests, the Python API) keeps Python's own
handling. It imports only os and signal, both loaded with the interpreter: it is installed before anything else,
and a signal during its own import would meet Python's default handling.
"""

import os
import signal

# The signals that end a run, and how the one line names each.
ENDING = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated", signal.SIGHUP: "hung up"}

_held = [0]  # how many stretches that a signal must not cut are open
_pending: list[int] = []  # the signal that came during one


def install() -> None:
    """End the process on the signals above (as soon as no file is being put in place)."""
    for number in ENDING:
        signal.signal(number, _arrived)


def _arrived(number: int, _frame: object) -> None:
    if _held[0]:
        _pending.append(number)
        return
    end(number)


def end(number: int) -> None:
    """Say which signal ended the run, then end the process with 128 + its number, flushing nothing more."""
    name = next((said for signal_number, said in ENDING.items() if signal_number == number), "stopped")
    try:  # noqa: SIM105 - contextlib is not imported here (see above)
        os.write(2, f"pairing: {name} (signal {number})\n".encode())
    except OSError:  # stderr closed: the status says it
        pass
    os._exit(128 + number)


class held:  # lower case: it reads as a function, `with held():`
    """A stretch that a signal must not cut (a file being written and moved into place); the signal, if one came,
    ends the run after it."""

    def __enter__(self) -> None:
        _held[0] += 1

    def __exit__(self, *_: object) -> None:
        _held[0] -= 1
        if not _held[0] and _pending:
            end(_pending[0])
