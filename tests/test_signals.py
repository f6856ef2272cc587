"""Signals against the installed script (a process is the point here): Ctrl-C, SIGTERM and SIGHUP end a run with
one line on stderr and 128 + the signal's number, at any moment, and never leave a file half-written, a temporary
file behind, or an earlier export missing."""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from pairing_cli import interrupts

from .helpers import SCRIPT, clean_env

# Moments from start-up (imports) to the end of the run; a run that ended first simply exits 0. A signal that comes
# while Python itself is still starting, before pairing runs a line (the interpreter, pip's wrapper importing re),
# gets Python's default handling: death by the signal, or a KeyboardInterrupt traceback with no frame of pairing's.
MOMENTS = (0.03, 0.08, 0.16, 0.24)
# The only frames of pairing's that such a traceback may hold: the imports that lead to installing the handlers.
START_UP = r'pairing_cli/(__init__|entry|interrupts)\.py", line \d+, in <module>$'


def _signalled(argv: list[str], number: int, after: float, cwd: Path) -> tuple[int, str]:
    process = subprocess.Popen(
        [str(SCRIPT), *argv], cwd=cwd, env=clean_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    time.sleep(after)
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda n: n.name)
def test_a_signal_ends_the_run_with_one_line_and_its_status(tmp_path: Path, number: signal.Signals) -> None:
    for after in MOMENTS:
        code, stderr = _signalled(["facts", "--json"], number, after, tmp_path)
        # Status 1 only from CPython's own start-up ("Fatal Python error: init_import_site ... KeyboardInterrupt").
        assert code in (0, 128 + number, -number) or (code == 1 and "Fatal Python error" in stderr), (after, stderr)
        if "Traceback" in stderr or "Fatal Python error" in stderr or code < 0:  # Python itself was still starting
            ours = [line for line in stderr.splitlines() if re.search(r'File ".*pairing_cli/', line)]
            assert all(re.search(START_UP, line) for line in ours), (after, stderr)
        elif code:
            assert stderr == f"pairing: {interrupts.ENDING[number]} (signal {int(number)})\n", (after, stderr)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("argv", "target"),
    [
        (["export", "--datapackage", "pkg", "--force"], "pkg"),
        (["report", "--html", "page.html", "--force"], "page.html"),
        (["summary", "--export-svg", "t.svg", "--export-html", "t.html", "--force"], "t.svg"),
    ],
    ids=["datapackage", "report", "two-exports"],
)
def test_a_signal_never_leaves_a_file_half_written(tmp_path: Path, argv: list[str], target: str) -> None:
    """With an earlier export in place, a signal at any moment leaves it, or the new one, whole; nothing else."""
    done = subprocess.run([str(SCRIPT), *argv], cwd=tmp_path, env=clean_env(), capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    whole = _snapshot(tmp_path)
    assert any(name.startswith(target) for name in whole)
    for after in MOMENTS:
        code, stderr = _signalled(argv, signal.SIGTERM, after, tmp_path)
        assert code in (0, 143, -signal.SIGTERM), (after, code, stderr)
        assert _snapshot(tmp_path) == whole, f"after a signal at {after} s the folder changed"
