"""The benchmark script runs end to end at small sizes, so it cannot rot (no timing thresholds here)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT
from .helpers import clean_env


def test_benchmark_quick_run(tmp_path: Path) -> None:
    """`python benchmarks/bench.py --quick` measures every ratio and exits 0."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for needle in (
        "summary --json / typer hello-world",
        "--help / typer hello-world --help",
        "10,000 figures: summary --json / json.load",
        "time growth 1,000 -> 10,000",
    ):
        assert any(needle in line for line in lines), needle
    assert "MISSED" not in done.stdout


def test_synthetic_dataset_is_valid(tmp_path: Path) -> None:
    """The benchmark's generator makes datasets that pass `pairing validate`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_dataset import write
    finally:
        sys.path.pop(0)
    path = write(500, tmp_path / "five-hundred.json")
    from pairing_cli import dataset

    inspection = dataset.inspect(path)
    assert inspection.valid and inspection.dataset is not None and len(inspection.dataset.figures) == 500
