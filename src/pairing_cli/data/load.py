"""Find, read, parse and validate a dataset; every failure names the file and the place.

`load` gives a usable Dataset or raises DataError with the first problem; `inspect` gives every finding, for
`pairing validate`.
"""

from __future__ import annotations

import codecs
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import DataError
from ..files import read_bytes
from .checks import (
    Finding,
    chinese_version_findings,
    consistency_findings,
    findings_from_validation_error,
    integrity_findings,
)
from .migrate import upgrade
from .models import Dataset
from .programs import DEFAULT, path_of
from .programs import ENV_VAR as PROGRAM_VAR

ENV_VAR = "PAIRING_DATA"


def shipped_path(program: str | None = None) -> Path:
    """The dataset of a shipped program (the default one unless named): inside the installed wheel, or data/ at
    the top of a checkout."""
    return path_of(program or DEFAULT)


def resolve_path(option: str | None, environ: Mapping[str, str] | None = None, program: str | None = None) -> Path:
    """The dataset to use: the --data option wins over $PAIRING_DATA (in environ, else the process's), which wins
    over a shipped program's file: --program, else $PAIRING_PROGRAM, else the default program."""
    env = os.environ if environ is None else environ
    if option is not None:  # given, even empty: an empty path is refused, never read as "the shipped file"
        return Path(option)
    from_env = env.get(ENV_VAR)
    if from_env:
        return Path(from_env)
    return shipped_path(program or env.get(PROGRAM_VAR) or None)


class _DuplicateKey(ValueError):
    pass


# What the checking pass makes of every JSON object: nothing is kept, so it costs little memory. Each object
# marker remembers its schema_version, if it has one, so that the top level's can be read without a second pass.
class _Object:
    __slots__ = ("package", "schema_version")

    def __init__(self, schema_version: object, package: bool = False) -> None:
        self.schema_version = schema_version
        self.package = package  # a data package's datapackage.json (it lists resources)


_PLAIN = _Object(None)


def _object_marker(pairs: list[tuple[str, Any]]) -> _Object:
    if len(pairs) > 1 and len({key for key, _ in pairs}) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # rare: find which key, for the message
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    for key, value in pairs:
        if key == "schema_version":
            return _Object(value)
        if key == "resources":
            return _Object(None, package=True)
    return _PLAIN


def parse_json(raw: bytes, name: str) -> bytes | dict[str, Any]:
    """Check that bytes are a JSON object that pydantic may read, and return them (without a UTF-8 BOM); a
    schema-1 or schema-2 document comes back upgraded to schema 3, as a dict (see migrate.py).

    Python's json finds what pydantic's parser would let by or word less clearly: bytes that are not UTF-8, a key
    twice in one object, NaN and Infinity, absurd nesting, a syntax error with its line and column. The pass keeps
    no objects; the models are then built straight from the text.
    """
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8")  # decoded once, for the checks below; dropped when this returns
    except UnicodeDecodeError as e:
        raise DataError(name, f"not UTF-8: invalid byte 0x{raw[e.start]:02x} at byte offset {e.start}") from None
    if not text.strip():
        raise DataError(name, "the file is empty")
    try:
        top = json.loads(text, object_pairs_hook=_object_marker, parse_constant=_refuse_constant)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno}, column {e.colno}"
        detail = f"{e.msg} {where}" if e.msg.endswith(" at") else e.msg  # "Unterminated string starting at ..."
        raise DataError(name, f"not valid JSON: {detail}", location=where) from None
    except _DuplicateKey as e:
        raise DataError(name, f"not valid JSON: the key '{e}' appears twice in one object") from None
    except _NonFiniteNumber as e:
        raise DataError(name, f"not valid JSON: {e} is not a JSON number (numbers must be finite)") from None
    except RecursionError:
        raise DataError(name, "not valid JSON: nested too deeply") from None
    except ValueError as e:  # an integer of thousands of digits (Python refuses to convert it)
        raise DataError(name, f"not a usable number: {str(e)[:80]}") from None
    if not isinstance(top, _Object):
        raise DataError(name, f"the top level must be a JSON object, not {_json_type(top)}")
    # An integer, not a boolean: JSON's true equals 1 in Python, and would be read as schema 1.
    known = top.schema_version is None or (type(top.schema_version) is int and top.schema_version in (1, 2, 3))
    if not known and not top.package:
        version = top.schema_version
        shown = json.dumps(version, default=lambda _: {})[:20]  # what the checking pass kept of an object is {}
        raise DataError(name, f"schema_version {shown} is not one this pairing reads (1, 2 or 3)", "schema_version")
    if type(top.schema_version) is int and top.schema_version in (1, 2):
        document: dict[str, Any] = json.loads(text)
        return upgrade(document)
    if top.package:  # datapackage.json of `pairing export --datapackage`: the tables are CSV files beside it
        from .package import read  # csv, files' temporary files: loaded only for a package

        return read(json.loads(text), Path(name).parent, name)
    return raw


class _NonFiniteNumber(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    raise _NonFiniteNumber(name)


def _json_type(value: object) -> str:
    names = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true or false"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _build(document: str | bytes | dict[str, Any]) -> Dataset:
    """JSON text, or an upgraded older document, as a Dataset (pydantic's errors pass through)."""
    if isinstance(document, dict):  # strict JSON-mode validation, as for a file (a dict would be python mode)
        document = json.dumps(document, ensure_ascii=False)
    return Dataset.model_validate_json(document)


def validate(text: str | bytes | dict[str, Any], name: str) -> Dataset:
    """Checked JSON text (or an upgraded document) -> a Dataset; the first problem raises DataError."""
    try:
        dataset = _build(text)
    except ValidationError as e:
        findings = findings_from_validation_error(e)
        raise _error(name, findings) from None
    if findings := integrity_findings(dataset):
        raise _error(name, findings)
    return dataset


def _error(name: str, findings: list[Finding]) -> DataError:
    first, more = findings[0], len(findings) - 1
    suffix = f" (and {more} more; run 'pairing validate')" if more else " (run 'pairing validate')"
    return DataError(name, f"{first.message} [{first.rule}]{suffix}", location=first.location)


# The datasets this process has built, by the bytes of their file: a Dataset is immutable, and the same bytes make
# the same Dataset, so a process that loads one file more than once (the tests, a program running pairing
# in-process) parses and validates it once. Only a schema-3 file is kept (a data package reads the files beside it),
# and only a file of up to 4 MiB (the shipped ones are under 1 MiB), so that the table holds at most 64 MiB of
# bytes; the file is still read each time, so an edited file is read anew.
_LOADED: dict[bytes, Dataset] = {}
_LOADED_MAX = 16
_LOADED_BYTES = 4 << 20


def load(path: Path) -> Dataset:
    """Read, parse and validate the dataset at path."""
    name = str(path)
    raw = read_bytes(path)
    if (known := _LOADED.get(raw)) is not None:
        return known
    document = parse_json(raw, name)
    dataset = validate(document, name)
    if isinstance(document, bytes) and len(raw) <= _LOADED_BYTES:
        if len(_LOADED) >= _LOADED_MAX:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[raw] = dataset
    return dataset


@dataclass
class Inspection:
    """Everything `pairing validate` reports about one file."""

    path: str
    dataset: Dataset | None
    findings: list[Finding] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)


def inspect(path: Path) -> Inspection:
    """Every finding about the file at path: unreadable or malformed, schema, integrity and consistency."""
    name = str(path)
    try:
        raw = read_bytes(path)
        dataset = _build(parse_json(raw, name))
    except DataError as e:
        return Inspection(name, None, [Finding(e.location or "(file)", "readable-json", e.detail)])
    except ValidationError as e:
        return Inspection(name, None, findings_from_validation_error(e))
    found = integrity_findings(dataset) + consistency_findings(dataset) + chinese_version_findings(dataset)
    return Inspection(name, dataset, found)
