"""The programs that ship: one dataset file each, found by id. Knows nothing of a program but its file name.

The default program's file is data/program.json; every other is data/programs/<id>.json. A run reads only the file
of the program asked for; `programs` and `across` read them all.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import QueryError

ENV_VAR = "PAIRING_PROGRAM"


DEFAULT = "fujian-ningxia"


_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # pairing_cli/


def _data_dir() -> Path:
    """shipped/ inside the installed wheel, or data/ at the top of a checkout."""
    in_wheel = _PACKAGE_DIR / "shipped"
    if (in_wheel / "program.json").is_file():
        return in_wheel
    return _PACKAGE_DIR.parent.parent / "data"


def shipped() -> dict[str, Path]:
    """Every shipped program's id -> its dataset file, the default first, then the others by id."""
    data = _data_dir()
    found = {DEFAULT: data / "program.json"}
    folder = data / "programs"
    if folder.is_dir():
        for path in sorted(folder.glob("*.json")):
            found.setdefault(path.stem, path)
    return found


def path_of(program: str) -> Path:
    """The dataset file of a shipped program; QueryError naming the known ones when there is none."""
    known = shipped()
    if program not in known:
        raise QueryError("program", f"no program '{program}'; the programs are {', '.join(known)}")
    return known[program]
