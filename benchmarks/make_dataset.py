"""Make a large synthetic dataset from the shipped one: its observations repeated under new ids, measure by measure.

python benchmarks/make_dataset.py 100000 big.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "program.json"


def make(observations: int, source: Path = SHIPPED) -> dict:
    """The shipped dataset with `observations` observations: the originals first, then copies of them under ids made
    unique, each in its own measure, round and round, as a record grows by more sources of the same measures."""
    data = json.loads(source.read_text(encoding="utf-8"))
    measures = data["measures"]
    originals = [(m, o) for m in measures for o in m["observations"]]
    # Never fewer than the shipped ones: a cut would leave views, derivations and related measures pointing nowhere.
    observations = max(observations, len(originals))
    added: dict[str, list[dict]] = {m["id"]: [] for m in measures}
    for i in range(len(originals), observations):
        measure, observation = originals[i % len(originals)]
        copy = {k: v for k, v in observation.items() if k != "part_of"}  # parts of nothing: totals stay consistent
        copy["id"] = f"{observation['id']}_{i}"
        added[measure["id"]].append(copy)
    kept = observations
    for m in measures:
        m["observations"] = m["observations"][: max(kept, 0)] + added[m["id"]]
        kept -= len(m["observations"])
    data["measures"] = [m for m in measures if m["observations"]]
    return data


def write(figures: int, path: Path) -> Path:
    path.write_text(json.dumps(make(figures), ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(int(sys.argv[1]), Path(sys.argv[2]))
