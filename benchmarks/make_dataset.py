"""Make a large synthetic dataset from the shipped one: its figures repeated under new ids, same schema.

python benchmarks/make_dataset.py 100000 big.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "program.json"


def make(figures: int, source: Path = SHIPPED) -> dict:
    """The shipped dataset with `figures` figures: the originals first, then copies with ids made unique."""
    data = json.loads(source.read_text(encoding="utf-8"))
    originals = data["figures"]
    out = list(originals[:figures])
    for i in range(len(out), figures):
        copy = dict(originals[i % len(originals)])
        copy["id"] = f"{copy['id']}_{i}"
        copy.pop("part_of", None)  # copies are parts of nothing, so totals stay consistent
        out.append(copy)
    data["figures"] = out
    return data


def write(figures: int, path: Path) -> Path:
    path.write_text(json.dumps(make(figures), ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    write(int(sys.argv[1]), Path(sys.argv[2]))
