"""Make a large synthetic dataset from the shipped one: its observations repeated under new ids, measure by measure.

python benchmarks/make_dataset.py 100000 big.json
python benchmarks/make_dataset.py --one-measure 100000 big.json   # all of them observations of one measure
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


ONE_MEASURE = "rural_income"


def one_measure(points: int, source: Path = SHIPPED) -> dict:
    """The shipped dataset with `points` observations of one measure (a stock, ONE_MEASURE), over 35 years: the
    record `trend` and `compare` read whole."""
    data = json.loads(source.read_text(encoding="utf-8"))
    measure = next(m for m in data["measures"] if m["id"] == ONE_MEASURE)
    first = {k: v for k, v in measure["observations"][0].items() if k != "part_of"}
    for i in range(points - len(measure["observations"])):
        year = 1990 + i % 35
        period = {**first["period"], "start_year": year, "end_year": year, "label": str(year)}
        measure["observations"].append({**first, "id": f"{ONE_MEASURE}_{i}", "value": 1000 + i, "period": period})
    return data


def write(figures: int, path: Path, *, one: bool = False) -> Path:
    document = one_measure(figures) if one else make(figures)
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--one-measure"]
    if len(args) != 2:
        sys.exit(__doc__)
    write(int(args[0]), Path(args[1]), one="--one-measure" in sys.argv)
