"""Make a large synthetic dataset from the shipped one: its measures and observations repeated under new ids.

python benchmarks/make_dataset.py 100000 big.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "program.json"


def make(observations: int, source: Path = SHIPPED) -> dict:
    """The shipped dataset with `observations` observations: the originals first, then copies of its measures
    (each with its observations) under ids made unique, until there are that many."""
    data = json.loads(source.read_text(encoding="utf-8"))
    originals = data["measures"]
    out: list[dict] = []
    count = 0
    i = 0
    while count < observations:
        measure = originals[i % len(originals)]
        first_round = i < len(originals)
        kept = measure["observations"][: observations - count]
        if not first_round:
            kept = [{k: v for k, v in o.items() if k != "part_of"} | {"id": f"{o['id']}_{i}"} for o in kept]
            # copies are parts of nothing, so totals stay consistent; related measures are not copied
            measure = {k: v for k, v in measure.items() if k != "related"} | {"id": f"{measure['id']}_{i}"}
        out.append({**measure, "observations": kept})
        count += len(kept)
        i += 1
    data["measures"] = out
    return data


def write(figures: int, path: Path) -> Path:
    path.write_text(json.dumps(make(figures), ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(int(sys.argv[1]), Path(sys.argv[2]))
