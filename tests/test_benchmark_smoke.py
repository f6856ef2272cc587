"""The benchmark's synthetic datasets are valid. (The script itself runs end to end in .ci/run, `bench.py --quick`:
it starts some hundred processes, which the suite leaves to CI.)"""

from __future__ import annotations

import sys
from pathlib import Path

from .conftest import ROOT


def test_synthetic_dataset_is_valid(tmp_path: Path) -> None:
    """The benchmark's generator makes datasets that pass `pairing validate`."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from make_dataset import write
    finally:
        sys.path.pop(0)
    path = write(500, tmp_path / "five-hundred.json")
    from pairing_cli.data import load

    inspection = load.inspect(path)
    assert inspection.valid and inspection.dataset is not None and len(inspection.dataset.figures) == 500
