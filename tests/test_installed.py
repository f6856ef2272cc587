"""The installed `pairing` script, run in a subprocess from a folder outside the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("pairing")


@pytest.fixture
def outside(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PAIRING_DATA", "PYTHONPATH")}
    return env


def test_installed_script_answers_from_anywhere(tmp_path: Path, outside: dict[str, str]) -> None:
    """`pairing summary --json` works from an unrelated folder and finds the shipped dataset."""
    assert SCRIPT.exists(), f"install the project first (pip install .): {SCRIPT} is missing"
    done = subprocess.run(
        [str(SCRIPT), "summary", "--json"],
        cwd=tmp_path,
        env=outside,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    values = {f["id"]: f["value"] for f in json.loads(done.stdout)["figures"]}
    assert values["people_lifted_out_of_poverty"] == 937_000


def test_python_dash_m(tmp_path: Path, outside: dict[str, str]) -> None:
    """`python -m pairing_cli convert-units --mu 229000` reproduces the article's hectares."""
    done = subprocess.run(
        [sys.executable, "-m", "pairing_cli", "convert-units", "--mu", "229000"],
        cwd=tmp_path,
        env=outside,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "15,266.67 ha" in done.stdout
