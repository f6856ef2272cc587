"""Running the installed `pairing` script in a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def assert_one_line_error(done: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    """Exit status code, nothing on stdout, one line on stderr holding each needle, no traceback, no raw ESC."""
    assert done.returncode == code, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert done.stderr.endswith("\n") and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and ESC not in done.stderr
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


def obs(data: dict, observation_id: str) -> dict:
    """The observation with this id in a (copy of the) shipped dataset's JSON."""
    i, j = PLACES[observation_id]
    return data["measures"][i]["observations"][j]
