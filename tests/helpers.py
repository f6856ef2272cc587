"""Running pairing in-process through an injected environment (streams, variables, terminal), and the installed
`pairing` script in a subprocess where only a process will do (pipes, signals, closed descriptors)."""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from pairing_cli.cli import run as run_in_process
from pairing_cli.environment import Environment

SCRIPT = Path(sys.executable).with_name("pairing")
ESC = "\x1b"


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would change pairing's choices, plus extra."""
    drop = {"PAIRING_DATA", "PYTHONPATH", "FORCE_COLOR", "NO_COLOR", "COLUMNS", "TERM", "PYTHONIOENCODING"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    return env


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None, shell: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `pairing args...` (or a shell line with $PAIRING standing for the script) from cwd."""
    environment = env if env is not None else clean_env()
    if shell is not None:
        environment = {**environment, "PAIRING": str(SCRIPT)}
        return subprocess.run(
            ["bash", "-c", shell], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120, check=False
        )
    return subprocess.run(
        [str(SCRIPT), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


@dataclass(frozen=True)
class Ran:
    """What an in-process run left: the same three fields as a finished subprocess."""

    returncode: int
    stdout: str
    stderr: str


class _Failing(io.RawIOBase):
    """A stream whose every write fails with one error: a full disk, a reader that went away."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, _: object) -> int:
        raise self.error


def full_stream() -> io.TextIOWrapper:
    """Like `> /dev/full`: every write fails with ENOSPC."""
    return io.TextIOWrapper(cast(Any, _Failing(OSError(errno.ENOSPC, "No space left on device"))), encoding="utf-8")


def closed_reader() -> io.TextIOWrapper:
    """Like a pipe whose reader left (`| head`): every write fails with EPIPE."""
    return io.TextIOWrapper(cast(Any, _Failing(BrokenPipeError(errno.EPIPE, "Broken pipe"))), encoding="utf-8")


class MockEnvironment(Environment):
    """An environment of its own for one in-process run: captured streams in an encoding, variables, a terminal
    (or not: None lets Rich ask the stream and FORCE_COLOR) of some width. Like httpie's MockEnvironment."""

    def __init__(
        self,
        environ: Mapping[str, str] | None = None,
        *,
        encoding: str | None = None,
        terminal: bool | None = None,
        columns: int | None = None,
        stdout: io.TextIOWrapper | None = None,
        stderr: io.TextIOWrapper | None = None,
    ) -> None:
        variables = dict(environ or {})
        # As the script's own start-up does: PYTHONIOENCODING=ascii gives an ASCII stdout that escapes the rest.
        encoding = encoding or variables.get("PYTHONIOENCODING", "").split(":")[0] or "utf-8"
        # Off a terminal and with no COLUMNS, Rich draws 80 wide; say so, rather than let it ask this process's
        # own terminal (a developer's, under pytest).
        width = columns if columns is not None or "COLUMNS" in variables else 80
        super().__init__(
            stdout=stdout or io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors="backslashreplace", newline=""),
            stderr=stderr or io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="replace", newline=""),
            environ=variables,
            terminal=terminal,
            columns=width,
        )
        self.captured = (self.stdout, self.stderr)

    def text(self, which: int) -> str:
        stream = self.captured[which]
        try:
            stream.flush()
            raw = getattr(stream, "buffer", None)
            return raw.getvalue().decode(getattr(stream, "encoding", "utf-8")) if isinstance(raw, io.BytesIO) else ""
        except OSError:
            return ""


@contextmanager
def _inside(folder: Path | None) -> Iterator[None]:
    if folder is None:
        yield
        return
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def invoke(*args: str, cwd: Path | None = None, env: MockEnvironment | None = None) -> Ran:
    """Run `pairing args...` in-process in env (a plain 80-column pipe with no variables by default)."""
    environment = env if env is not None else MockEnvironment()
    with _inside(cwd):
        code = run_in_process(list(args), environment)
    return Ran(int(code), environment.text(0), environment.text(1))


def assert_one_line_error(done: subprocess.CompletedProcess[str] | Ran, code: int, *needles: str) -> None:
    """Exit status code, nothing on stdout, one line on stderr holding each needle, no traceback, no raw ESC."""
    assert done.returncode == code, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert done.stderr.endswith("\n") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and ESC not in done.stderr and "internal error" not in done.stderr
    for needle in needles:
        assert needle in done.stderr, (needle, done.stderr)


def _observation_places() -> dict[str, tuple[int, int]]:
    import json

    from .conftest import DATA

    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {o["id"]: (i, j) for i, m in enumerate(data["measures"]) for j, o in enumerate(m["observations"])}


PLACES = _observation_places()


def at(observation_id: str) -> str:
    """Where an observation of the shipped dataset is in the file: 'measures[3].observations[1]'."""
    i, j = PLACES[observation_id]
    return f"measures[{i}].observations[{j}]"


def obs(data: dict[str, Any], observation_id: str) -> dict[str, Any]:
    """The observation with this id in a (copy of the) shipped dataset's JSON."""
    i, j = PLACES[observation_id]
    found: dict[str, Any] = data["measures"][i]["observations"][j]
    return found


@dataclass(frozen=True)
class Invoked:
    """An in-process run as click.testing.Result shows one (exit_code, stdout, stderr, output), for tests written
    against CliRunner."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


class InProcessRunner:
    """CliRunner's `invoke(app, args, env=...)`, run through `cli.run` in a MockEnvironment: the same program, half
    the cost, and an error the CLI fails to catch propagates instead of hiding in `result.exception`."""

    def __init__(self, columns: int | None = None) -> None:
        self.columns = columns

    def invoke(self, app: object, args: list[str], env: Mapping[str, str] | None = None) -> Invoked:
        from pairing_cli.cli import app as pairing_app

        assert app is pairing_app, "InProcessRunner runs pairing's own app"
        ran = invoke(*args, env=MockEnvironment(env, columns=self.columns))
        return Invoked(ran.returncode, ran.stdout, ran.stderr)


def commands() -> list[str]:
    """The commands `pairing --help` lists, in its panels (wide enough that no name or line wraps)."""
    done = invoke("--help", env=MockEnvironment({"COLUMNS": "200"}))
    assert done.returncode == 0, done.stderr
    names = re.findall(r"^│ ([a-z][a-z-]*)  ", done.stdout, flags=re.M)
    assert len(names) == len(set(names)), names
    return names
