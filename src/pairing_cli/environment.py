"""Where a run of pairing reads and writes: its output streams, its environment variables, its terminal.

The process's own by default; a test hands `cli.run` another one (httpie's Environment and MockEnvironment are the
model), so a whole command runs in-process with any terminal width, encoding, colour or broken stream. Nothing
outside this module reads `sys.stdout`, `sys.stderr` or `os.environ` for a command's output or choices.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO


@dataclass
class Environment:
    """The streams, variables and terminal one run uses.

    `process` says whether the streams are this process's own file descriptors, which may then be repaired at the
    descriptor level (a closed stdout pointed at /dev/null); an injected environment is never touched that way.
    `columns` is the terminal's width, None to let Rich ask (COLUMNS, then the terminal, else 80); `terminal` says
    whether stdout is a terminal, None to let Rich ask the stream.
    """

    stdout: IO[str]
    stderr: IO[str]
    environ: Mapping[str, str] = field(default_factory=dict)
    terminal: bool | None = None
    columns: int | None = None
    process: bool = False

    @classmethod
    def from_process(cls) -> Environment:
        """This process's streams and variables; `process` only while sys.stdout and sys.stderr are its own
        descriptors (not under click.testing, which swaps them)."""
        own = sys.stdout is sys.__stdout__ and sys.stderr is sys.__stderr__
        return cls(stdout=sys.stdout, stderr=sys.stderr, environ=os.environ, process=own)

    @property
    def encoding(self) -> str:
        """The encoding of stdout ('ascii' under PYTHONIOENCODING=ascii)."""
        return getattr(self.stdout, "encoding", None) or "ascii"

    def discard(self, name: str) -> None:
        """Send whatever more is written to stdout or stderr nowhere: its reader left, or it cannot be written."""
        if self.process:
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1 if name == "stdout" else 2)
            except OSError:
                pass
        else:
            setattr(self, name, io.StringIO())


_current: list[Environment] = []


def current() -> Environment:
    """The environment of the run in progress (the process's own outside a run, e.g. in the Python API)."""
    return _current[-1] if _current else Environment.from_process()


@contextmanager
def using(environment: Environment) -> Iterator[Environment]:
    """Make environment the current one for the length of a run."""
    _current.append(environment)
    try:
        yield environment
    finally:
        _current.pop()
