"""Find, read and validate a dataset; every failure is a DataError that names the file and the place."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError

from .errors import DataError
from .models import Dataset

ENV_VAR = "PAIRING_DATA"
# Checked before reading: a dataset larger than this is refused rather than read into memory.
MAX_BYTES = 512 * 1024 * 1024

_PACKAGE_DIR = Path(__file__).resolve().parent


def shipped_path() -> Path:
    """The dataset that ships with pairing: inside the installed wheel, or data/ at the top of a checkout."""
    in_wheel = _PACKAGE_DIR / "data" / "program.json"
    if in_wheel.is_file():
        return in_wheel
    return _PACKAGE_DIR.parent.parent / "data" / "program.json"


def resolve_path(option: str | None) -> Path:
    """The dataset to use: the --data option wins over $PAIRING_DATA, which wins over the shipped file."""
    if option:
        return Path(option)
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return shipped_path()


def read_bytes(path: Path) -> bytes:
    """The file's bytes, after checking that it is a readable regular file of a sane size."""
    name = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DataError(name, "no such file") from None
    except OSError as e:
        raise DataError(name, f"cannot read: {e.strerror or e}") from None
    if path.is_dir():
        raise DataError(name, "is a folder, not a dataset file")
    if info.st_size > MAX_BYTES:
        raise DataError(name, f"is {info.st_size:,} bytes; datasets larger than {MAX_BYTES:,} bytes are refused")
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except OSError as e:
        raise DataError(name, f"cannot read: {e.strerror or e}") from None
    if len(raw) > MAX_BYTES:
        raise DataError(name, f"is larger than {MAX_BYTES:,} bytes; datasets that large are refused")
    if not raw.strip():
        raise DataError(name, "the file is empty")
    return raw


def parse(raw: bytes, name: str) -> Dataset:
    """Validate a dataset straight from its bytes."""
    try:
        return Dataset.model_validate_json(raw)
    except ValidationError as e:
        raise data_error_from(e, name) from None


def load(path: Path) -> Dataset:
    """Read and validate the dataset at path."""
    return parse(read_bytes(path), str(path))


def format_location(loc: tuple[int | str, ...]) -> str:
    """A pydantic error location as a JSON path: ('figures', 3, 'value') -> 'figures[3].value'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def data_error_from(error: ValidationError, name: str) -> DataError:
    """The first problem of a ValidationError as a one-line DataError, counting the rest."""
    problems = error.errors(include_url=False, include_context=False, include_input=False)
    first = problems[0]
    more = len(problems) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''}; run 'pairing validate')" if more else ""
    if first["type"] == "json_invalid":
        return DataError(name, f"not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}")
    location = format_location(tuple(p for p in first["loc"] if not _is_union_tag(p)))
    message = first["msg"].removeprefix("Value error, ")
    return DataError(name, message + suffix, location=location)


def _is_union_tag(part: int | str) -> bool:
    # pydantic adds the member type to a location inside a union, e.g. ('value', 'int'); not a place in the file.
    return part in {"int", "float", "str", "function-after[_counts_are_whole(), Figure]"}
